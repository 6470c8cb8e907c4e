// Voice activity detection with the real Silero model on audio whose truth is known
// (espeak-ng words laid over silence, pink noise or a sine chord), and the engine's
// window loop with it: no decoding where nobody speaks, window cuts in pauses.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TranscriptionEngine } from "@/lib/transcription/engine";
import type { WindowReport } from "@/lib/transcription/long-form";
import type { TranscribeRequest } from "@/lib/transcription/types";
import { DEFAULT_VAD, DEFAULT_VAD_THRESHOLDS } from "@/lib/transcription/vad/regions";
import { detectSpeech } from "@/lib/transcription/vad/stream";
import { makeTempDir } from "@/tests/helpers/media";
import { composeSpeech, frameF1, wordsFrom, type Bed, type Placed } from "@/tests/helpers/vad-audio";
import { MICRO, microModels } from "./engine-helpers";

const PHRASES = [
  "the morning river runs past the quiet garden",
  "a silver lantern hangs by the paper window",
  "we walked to the market in the valley",
  "stone walls keep the orchard warm at night",
];
const WORDS = "morning river stone lantern quiet garden window paper silver orchard valley market".split(" ");
const RATE = 16_000;

let modelsDir = "";
let dir = "";
const cleanups: (() => Promise<void>)[] = [];
const engine = new TranscriptionEngine({ threads: 2 });

const request = (file: string, extra: Partial<TranscribeRequest> = {}): TranscribeRequest => ({
  file,
  modelsDir,
  model: MICRO,
  dtype: "fp32",
  language: "en",
  task: "transcribe",
  wordTimestamps: false,
  maxNewTokens: 8,
  vad: DEFAULT_VAD,
  ...extra,
});

async function transcribe(file: string, extra: Partial<TranscribeRequest> = {}) {
  const windows: WindowReport[] = [];
  const result = await engine.transcribe(request(file, extra), { onWindow: (w) => windows.push(w) });
  return { result, windows };
}

beforeAll(async () => {
  const models = await microModels();
  modelsDir = models.modelsDir;
  const temp = await makeTempDir("selenite-vad-");
  dir = temp.dir;
  cleanups.push(models.cleanup, temp.cleanup);
});

afterAll(async () => {
  await engine.unload();
  for (const cleanup of cleanups) await cleanup();
});

describe("speech regions", () => {
  for (const bed of ["silence", "pink", "music"] as Bed[]) {
    it(`finds each phrase over ${bed} within 0.25 s of where it was placed`, async () => {
      const placed = await wordsFrom(dir, PHRASES, 1, 38, 1, 2.5);
      const { file, truth } = await composeSpeech(dir, `phrases-${bed}`, 40, bed, placed);
      const { regions } = await detectSpeech(file, { thresholds: DEFAULT_VAD_THRESHOLDS });
      expect(regions).toHaveLength(truth.length);
      regions.forEach((region, i) => {
        expect(Math.abs(region.start - truth[i].start), `start of phrase ${i}`).toBeLessThanOrEqual(0.25);
        expect(Math.abs(region.end - truth[i].end), `end of phrase ${i}`).toBeLessThanOrEqual(0.25);
      });
      if (bed === "silence") expect(frameF1(truth, regions, 40)).toBeGreaterThanOrEqual(0.95);
    });
  }
});

describe("the window loop with VAD", () => {
  for (const bed of ["silence", "pink", "music"] as Bed[]) {
    it(`decodes nothing in 60 s of ${bed}`, async () => {
      const { file } = await composeSpeech(dir, `empty-${bed}`, 60, bed, []);
      const on = await transcribe(file);
      expect(on.result.segments).toEqual([]);
      expect(on.windows).toEqual([]);
      expect(on.result.stats).toMatchObject({ windows: 0, tokens: 0, speechSec: 0 });
      expect(on.result.durationSec).toBeCloseTo(60, 1);
      expect(on.result.warnings).toContain("No speech was found in the file, so nothing was transcribed.");
      // Without VAD the same file costs two windows of decoding (and gives text).
      const off = await transcribe(file, { vad: null });
      expect(off.result.stats?.windows).toBe(2);
    });
  }

  it("never decodes a long silence between speech, and places the segments on the speech", async () => {
    const first = await wordsFrom(dir, PHRASES, 0.5, 12, 0.3, 0.6);
    const second = (await wordsFrom(dir, PHRASES, 0, 12, 0.3, 0.6, 5)).map((w) => ({ ...w, at: w.at + 45 }));
    const { file, truth } = await composeSpeech(dir, "gap", 60, "pink", [...first, ...second]);
    const silence = { start: truth[first.length - 1].end, end: truth[first.length].start };
    expect(silence.end - silence.start).toBeGreaterThan(30);
    const { result, windows } = await transcribe(file);
    expect(windows.length).toBeGreaterThan(0);
    for (const window of windows) {
      for (const piece of window.pieces) {
        const from = piece.from / RATE;
        const to = (piece.from + piece.length) / RATE;
        // Pieces may reach into the silence by the VAD's error at a region's edge (0.25 s), never further.
        expect(to <= silence.start + 0.25 || from >= silence.end - 0.25, `piece ${from}-${to}`).toBe(true);
      }
    }
    expect(result.stats?.speechSec).toBeLessThan(30);
    for (const segment of result.segments) {
      expect(segment.start).toBeGreaterThanOrEqual(truth[0].start - 0.25);
      expect(segment.end).toBeLessThanOrEqual(truth.at(-1)!.end + 0.25);
      const insideSilence = segment.start >= silence.start + 0.25 && segment.end <= silence.end - 0.25;
      expect(insideSilence).toBe(false);
    }
  });

  it("says how much of each segment the voice detector heard as speech, and nothing with VAD off", async () => {
    const placed = await wordsFrom(dir, WORDS, 0.5, 40, 0.3, 0.8, 7);
    const { file, truth } = await composeSpeech(dir, "ratio", 42, "silence", placed);
    const { result } = await transcribe(file);
    expect(result.segments.length).toBeGreaterThan(0);
    for (const segment of result.segments) {
      expect(segment.speechRatio).toBeGreaterThanOrEqual(0);
      expect(segment.speechRatio).toBeLessThanOrEqual(1);
      // The truth's share of the segment: the words, against the pauses kept between them.
      let spoken = 0;
      for (const word of truth) spoken += Math.max(0, Math.min(word.end, segment.end) - Math.max(word.start, segment.start));
      const expected = spoken / (segment.end - segment.start);
      expect(expected).toBeLessThan(0.95);
      expect(Math.abs(segment.speechRatio! - expected), `segment ${segment.start}-${segment.end}`).toBeLessThan(0.15);
    }
    const off = await transcribe(file, { vad: null });
    expect(off.result.segments.every((s) => s.speechRatio === undefined)).toBe(true);
  });

  it("cuts windows in pauses between words, never inside a word", async () => {
    const placed = await wordsFrom(dir, WORDS, 0.5, 88, 0.15, 0.45, 3);
    const { file, truth } = await composeSpeech(dir, "words", 90, "silence", placed);
    const inside = (sample: number, words: Placed[]) => words.find((w) => sample / RATE > w.start && sample / RATE < w.end);
    // A cut: where one window stops and the next takes over (a region's own edges are the VAD's accuracy, tested above).
    const cuts = (windows: WindowReport[]) => windows.slice(0, -1).map((w) => w.pieces.at(-1)!.from + w.pieces.at(-1)!.length);

    // The fixture is one a fixed 30 s grid cuts mid-word: the test can fail.
    const off = await transcribe(file, { vad: null });
    expect(cuts(off.windows).some((cut) => inside(cut, truth))).toBe(true);

    const on = await transcribe(file);
    expect(on.windows.length).toBeGreaterThanOrEqual(3);
    for (const cut of cuts(on.windows)) expect(inside(cut, truth)?.word, `cut at ${cut / RATE} s`).toBeUndefined();
    // Every word was decoded (all but a quiet onset or tail the VAD's edges may miss): nothing spoken was skipped.
    const decoded = (w: Placed) =>
      on.windows
        .flatMap((win) => win.pieces)
        .reduce((sum, p) => sum + Math.max(0, Math.min(w.end, (p.from + p.length) / RATE) - Math.max(w.start, p.from / RATE)), 0);
    expect(truth.filter((w) => decoded(w) < 0.9 * (w.end - w.start)).map((w) => `${w.word}@${w.start}`)).toEqual([]);
  });
});
