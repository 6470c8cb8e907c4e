// Beam search (lib/transcription/beam.ts) over a table of next-token probabilities
// standing in for the decoder: the search itself, its cache bookkeeping (each
// beam's row is looked up by the prefix the stepper rebuilt from `sources`, so a
// wrong source row reads the wrong prefix), patience and the length penalty.
import { describe, expect, it } from "vitest";
import { rank, searchBeams, topK, type BeamStepper, type Hypothesis } from "@/lib/transcription/beam";

const EOT = 3;

/** Next-token probabilities after each prefix (tokens 0, 1, 2 and <|endoftext|> = 3). */
type Table = Record<string, [number, number, number, number]>;

// Greedy takes 0 (0.55) and ends with 0.55 * 0.4 = 0.22; 1 (0.45) leads to 0.45 * 0.95 = 0.4275.
const TRAP: Table = {
  "": [0.55, 0.45, 0, 0],
  "0": [0.4, 0.3, 0.3, 0],
  "0,0": [0, 0, 0, 1],
  "0,1": [0, 0, 0, 1],
  "0,2": [0, 0, 0, 1],
  "1": [0, 0, 0.95, 0.05],
  "1,2": [0, 0, 0, 1],
};

function tableStepper(table: Table): BeamStepper & { calls: number[] } {
  let prefixes: number[][] = [[]];
  const row = (prefix: number[]) => {
    const probabilities = table[prefix.join(",")];
    if (!probabilities) throw new Error(`no row for prefix [${prefix.join(",")}]`);
    return Float32Array.from(probabilities, Math.log);
  };
  const calls: number[] = [];
  return {
    calls,
    start: async () => row([]),
    next: async (sources, tokens) => {
      calls.push(tokens.length);
      prefixes = sources.map((source, b) => [...prefixes[source], tokens[b]]);
      return prefixes.map(row);
    },
  };
}

const noFilter = { filter: () => {} };
const search = (table: Table, beamSize: number, extra: { patience?: number; lengthPenalty?: number | null; budget?: number } = {}) =>
  searchBeams(tableStepper(table), { beamSize, filter: noFilter, endOfText: EOT, budget: extra.budget ?? 10, ...extra });

describe("beam search", () => {
  it("with one beam makes greedy's choices", async () => {
    const best = await search(TRAP, 1);
    expect(best.tokens).toEqual([0, 0, EOT]);
    expect(best.score).toBeCloseTo(Math.log(0.22), 5);
    expect(best.logprobs.map(Math.exp).map((p) => +p.toFixed(4))).toEqual([0.55, 0.4, 1]);
  });

  it("with two beams finds the sequence greedy's first choice hides", async () => {
    const best = await search(TRAP, 2);
    expect(best.tokens).toEqual([1, 2, EOT]);
    expect(best.score).toBeCloseTo(Math.log(0.4275), 5);
  });

  it("runs all live beams through one step per token", async () => {
    const stepper = tableStepper(TRAP);
    await searchBeams(stepper, { beamSize: 2, filter: noFilter, endOfText: EOT, budget: 10 });
    // Two steps after the prompt, each with both beams in the batch.
    expect(stepper.calls).toEqual([2, 2]);
  });

  it("with patience waits for more finished sequences, and a later one can win", async () => {
    // After 0: <|endoftext|> at 0.7 (mean log -0.36 over one token) or on to 0,0,0,<|endoftext|> at 0.3 (-0.30 over four).
    const table: Table = {
      "": [1, 0, 0, 0],
      "0": [0.3, 0, 0, 0.7],
      "0,0": [1, 0, 0, 0],
      "0,0,0": [1, 0, 0, 0],
      "0,0,0,0": [0, 0, 0, 1],
    };
    expect((await search(table, 1)).tokens).toEqual([0, EOT]);
    expect((await search(table, 1, { patience: 2 })).tokens).toEqual([0, 0, 0, 0, EOT]);
  });

  it("stops at the token budget and lets the unfinished beams compete without <|endoftext|>", async () => {
    const table: Table = { "": [0.6, 0.4, 0, 0], "0": [0.6, 0.4, 0, 0], "1": [0.6, 0.4, 0, 0], "0,0": [0, 0, 0, 1], "0,1": [0, 0, 0, 1] };
    const best = await search(table, 2, { budget: 2 });
    expect(best.tokens).toEqual([0, 0]);
  });

  it("refuses a beam size or patience that keeps no sequence", async () => {
    await expect(search(TRAP, 0)).rejects.toThrow(/beam size/);
    await expect(search(TRAP, 2, { patience: 0 })).rejects.toThrow(/patience/);
  });
});

describe("ranking", () => {
  const short: Hypothesis = { tokens: [5, EOT], logprobs: [-1, -0.1], score: -1.1 };
  const long: Hypothesis = { tokens: [5, 6, 7, EOT], logprobs: [-0.6, -0.6, -0.6, -0.1], score: -1.9 };

  it("divides by the length without <|endoftext|> when there is no length penalty", () => {
    // -1.1 / 1 against -1.9 / 3.
    expect(rank([short, long], EOT, null)).toBe(long);
  });

  it("uses ((5 + length) / 6) ** alpha with a length penalty", () => {
    // alpha 0: the plain sum, the short one wins; alpha 1: -1.1 / 1 against -1.9 / (8 / 6).
    expect(rank([short, long], EOT, 0)).toBe(short);
    expect(rank([short, long], EOT, 1)).toBe(short);
    expect(rank([short, { ...long, score: -1.4 }], EOT, 1)).not.toBe(short);
  });
});

describe("topK", () => {
  it("returns the best finite ids first, the lower id on a tie", () => {
    const values = Float32Array.from([0.1, 0.5, -Infinity, 0.5, 0.9, 0.2]);
    expect(topK(values, 3)).toEqual([4, 1, 3]);
    expect(topK(values, 10)).toEqual([4, 1, 3, 5, 0]);
  });
});
