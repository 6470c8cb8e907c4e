// Segment placement and window advance (OpenAI's long-form rule), including a
// simulated long recording that proves seams neither duplicate nor drop words.
import { describe, expect, it } from "vitest";
import { planWindow, SAMPLE_RATE, SAMPLES_PER_TIMESTAMP } from "@/lib/transcription/window-plan";
import type { WhisperSpec } from "@/lib/transcription/whisper-spec";

const EOT = 256;
const TS = 363;
const SPEC = { endOfText: EOT, timestampBegin: TS } as WhisperSpec;
const WINDOW = 30 * SAMPLE_RATE;
const ts = (seconds: number) => TS + Math.round(seconds / 0.02);

describe("planWindow", () => {
  it("gives a window without closing timestamps its own span and consumes it whole", () => {
    const plan = planWindow(SPEC, { tokens: [ts(0.44), 10, 11, 12, EOT], startSample: 30 * SAMPLE_RATE, contentSamples: WINDOW });
    expect(plan.segments).toEqual([{ start: 30, end: 60, textIndices: [1, 2, 3], from: 0, to: 4 }]);
    expect(plan.advance).toBe(WINDOW);
    expect(plan.keptTokens).toBe(4);
  });

  it("ends the only segment at a closing timestamp when there is one", () => {
    const plan = planWindow(SPEC, { tokens: [ts(0), 10, 11, ts(4.2), EOT], startSample: 0, contentSamples: WINDOW });
    expect(plan.segments).toEqual([{ start: 0, end: 4.2, textIndices: [1, 2], from: 0, to: 4 }]);
    expect(plan.advance).toBe(WINDOW);
  });

  it("cuts at timestamp pairs and restarts at the last complete segment", () => {
    const tokens = [ts(0), 10, 11, ts(3), ts(3), 12, 13, ts(7.5), ts(8), 14, 15];
    const plan = planWindow(SPEC, { tokens, startSample: 60 * SAMPLE_RATE, contentSamples: WINDOW });
    expect(plan.segments).toEqual([
      { start: 60, end: 63, textIndices: [1, 2], from: 0, to: 4 },
      { start: 63, end: 67.5, textIndices: [5, 6], from: 4, to: 8 },
    ]);
    // The unfinished "14 15" is decoded again from 7.5 s, with its start.
    expect(plan.advance).toBe(7.5 * SAMPLE_RATE);
    expect(plan.keptTokens).toBe(8);
  });

  it("consumes the window when it ends on a single timestamp after its last pair", () => {
    const tokens = [ts(0), 10, ts(2), ts(2), 11, ts(5), EOT];
    const plan = planWindow(SPEC, { tokens, startSample: 0, contentSamples: 12 * SAMPLE_RATE });
    expect(plan.segments.map((s) => [s.start, s.end])).toEqual([
      [0, 2],
      [2, 5],
    ]);
    expect(plan.advance).toBe(12 * SAMPLE_RATE);
  });

  it("never stands still: a pair at the window start keeps the tail instead", () => {
    const tokens = [ts(0), ts(0), 10, 11];
    const plan = planWindow(SPEC, { tokens, startSample: 0, contentSamples: WINDOW });
    expect(plan.advance).toBe(WINDOW);
    expect(plan.segments).toEqual([{ start: 0, end: 30, textIndices: [2, 3], from: 1, to: 4 }]);
  });

  it("keeps timestamps inside the window's audio", () => {
    const plan = planWindow(SPEC, { tokens: [ts(0), 10, ts(29), EOT], startSample: 0, contentSamples: 10 * SAMPLE_RATE });
    expect(plan.segments[0].end).toBe(10);
  });
});

describe("seams over a simulated long recording", () => {
  // 240 words, 0.6 s each with 0.1 s gaps, on the 20 ms grid: 168 s of "speech".
  const WORDS = Array.from({ length: 240 }, (_, i) => ({ token: i, start: i * 0.7, end: i * 0.7 + 0.6 }));
  const TOTAL = Math.round(168.5 * SAMPLE_RATE);

  /** A stand-in model: 3-word segments with timestamps, cut off after `budget` tokens. */
  function fakeDecode(startSample: number, contentSamples: number, budget: number): number[] {
    const from = startSample / SAMPLE_RATE;
    const to = (startSample + contentSamples) / SAMPLE_RATE;
    const inside = WORDS.filter((w) => w.start >= from - 1e-9 && w.end <= to + 1e-9);
    const straddling = WORDS.find((w) => w.start < to && w.end > to);
    const tokens: number[] = [];
    for (let i = 0; i < inside.length; i += 3) {
      const group = inside.slice(i, i + 3);
      tokens.push(ts(group[0].start - from), ...group.map((w) => w.token), ts(group.at(-1)!.end - from));
    }
    // A word running past the window's end starts a segment the model cannot finish.
    if (straddling) tokens.push(ts(straddling.start - from), straddling.token);
    return tokens.length > budget ? tokens.slice(0, budget) : [...tokens, EOT];
  }

  it.each([200, 40, 17])("transcribes every word exactly once with %i tokens per window", (budget) => {
    const emitted: number[] = [];
    const starts: number[] = [];
    let lastEnd = 0;
    for (let seek = 0; seek < TOTAL;) {
      const contentSamples = Math.min(WINDOW, TOTAL - seek);
      const tokens = fakeDecode(seek, contentSamples, budget);
      const plan = planWindow(SPEC, { tokens, startSample: seek, contentSamples });
      for (const segment of plan.segments) {
        expect(segment.start).toBeGreaterThanOrEqual(lastEnd - 1e-9);
        lastEnd = segment.end;
        emitted.push(...segment.textIndices.map((i) => tokens[i]));
      }
      expect(plan.advance % SAMPLES_PER_TIMESTAMP === 0 || plan.advance === contentSamples).toBe(true);
      starts.push(seek);
      seek += plan.advance;
    }
    expect(emitted).toEqual(WORDS.map((w) => w.token));
    // Windows really were placed by timestamps, not at fixed 30 s steps.
    expect(starts.some((s) => s % WINDOW !== 0)).toBe(true);
  });
});
