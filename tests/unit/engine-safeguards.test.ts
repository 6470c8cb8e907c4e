// OpenAI's long-form safeguards as pure rules: the two timestamp rules the
// transformers.js pipeline lacks, the seeded sampler, the compression ratio, and
// when a window is retried or skipped.
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { compressionRatio } from "@/lib/transcripts/compression";
import { DEFAULT_DECODING, needsFallback, resolveDecoding, shouldSkip } from "@/lib/transcription/safeguards";
import { chooser, windowRandom } from "@/lib/transcription/sampler";
import { TokenPicker } from "@/lib/transcription/token-picker";
import type { WhisperSpec } from "@/lib/transcription/whisper-spec";

const SPEC = {
  startOfTranscript: 257,
  endOfText: 256,
  noTimestamps: 362,
  startOfPrev: 360,
  noSpeech: 361,
  timestampBegin: 363,
  vocabSize: 1864,
  multilingual: true,
  languages: new Map([["en", 258]]),
  tasks: { transcribe: 358, translate: 357 },
  suppress: [],
  beginSuppress: [],
  alignmentHeads: [],
  decoderLayers: 1,
  decoderHeads: 2,
  dModel: 64,
  maxTargetPositions: 448,
  encoderFrames: 1500,
  medianFilterWidth: 7,
} satisfies WhisperSpec;
const ts = (step: number) => SPEC.timestampBegin + step;

describe("timestamp rules", () => {
  it("caps the first timestamp at max_initial_timestamp (1 s = 50 steps)", () => {
    const logits = new Float32Array(SPEC.vocabSize).fill(0);
    logits[ts(400)] = 30;
    logits[ts(51)] = 20;
    logits[ts(50)] = 10;
    expect(new TokenPicker(SPEC).pick(logits.slice(), [])).toBe(ts(400));
    expect(new TokenPicker(SPEC, { maxInitialTimestampIndex: 50 }).pick(logits.slice(), [])).toBe(ts(50));
  });

  it("never lets timestamps go back, and gives each segment a length", () => {
    const picker = new TokenPicker(SPEC, { monotonicTimestamps: true });
    const logits = new Float32Array(SPEC.vocabSize).fill(-50);
    logits[ts(10)] = 30; // earlier than the last timestamp
    logits[ts(100)] = 29; // equal to it
    logits[ts(101)] = 1;
    // After text, the closing timestamp must be later than the segment's start.
    expect(new TokenPicker(SPEC).pick(logits.slice(), [ts(100), 5, 6])).toBe(ts(10));
    expect(picker.pick(logits.slice(), [ts(100), 5, 6])).toBe(ts(101));
    // Right after a closing timestamp the next segment may start at the same time.
    expect(picker.pick(logits.slice(), [ts(0), 5, ts(100)])).toBe(ts(100));
  });
});

describe("seeded sampling", () => {
  const logits = Float32Array.from({ length: 400 }, (_, i) => Math.sin(i) * 3);
  const draws = (seed: string, temperature: number) => {
    const choose = chooser(temperature, windowRandom(seed, 480_000, temperature));
    return Array.from({ length: 50 }, () => choose(logits));
  };

  it("gives the same draws for the same job, window and temperature, and others for another job", () => {
    expect(draws("job-a", 0.6)).toEqual(draws("job-a", 0.6));
    expect(draws("job-a", 0.6)).not.toEqual(draws("job-b", 0.6));
    expect(new Set(draws("job-a", 1)).size).toBeGreaterThan(1);
  });

  it("is greedy at temperature 0 and never draws a forbidden token", () => {
    expect(new Set(draws("job-a", 0))).toEqual(new Set([argmaxOf(logits)]));
    const masked = logits.slice();
    masked.fill(-Infinity, 0, 399);
    const choose = chooser(1, windowRandom("x", 0, 1));
    for (let i = 0; i < 20; i++) expect(choose(masked)).toBe(399);
  });
});

function argmaxOf(values: Float32Array): number {
  return values.indexOf(Math.max(...values));
}

describe("fallback and skip", () => {
  const options = resolveDecoding({ seed: "s" });
  const figures = { temperature: 0, compressionRatio: 1.2, avgLogprob: -0.3, noSpeechProb: 0.01 };

  it("computes the compression ratio as Python's zlib does", () => {
    const text = "due1 due1 due1 due1 due1 due1 due1 due1 due1 due1 due1 due1";
    const python = (() => {
      try {
        return Number(execFileSync("python3", ["-c", `import zlib,sys;b=sys.argv[1].encode();print(len(b)/len(zlib.compress(b)))`, text]).toString());
      } catch {
        return null;
      }
    })();
    if (python !== null) expect(compressionRatio(text)).toBeCloseTo(python, 10);
    expect(compressionRatio(text)).toBeGreaterThan(2.4);
    expect(compressionRatio("The lantern by the river window was quiet.")).toBeLessThan(2.4);
  });

  it("retries a repetitive or unsure window, not a silent one", () => {
    expect(needsFallback(options, figures)).toBe(false);
    expect(needsFallback(options, { ...figures, compressionRatio: 3 })).toBe(true);
    expect(needsFallback(options, { ...figures, avgLogprob: -1.5 })).toBe(true);
    expect(needsFallback(options, { ...figures, avgLogprob: -1.5, noSpeechProb: 0.9 })).toBe(false);
    expect(needsFallback(resolveDecoding({ compressionRatioThreshold: null }), { ...figures, compressionRatio: 3 })).toBe(false);
  });

  it("skips a window likely silent and unsure, keeps a confident one", () => {
    expect(shouldSkip(options, { ...figures, noSpeechProb: 0.9, avgLogprob: -1.5 })).toBe(true);
    expect(shouldSkip(options, { ...figures, noSpeechProb: 0.9, avgLogprob: -0.2 })).toBe(false);
    expect(shouldSkip(options, { ...figures, noSpeechProb: 0.5, avgLogprob: -1.5 })).toBe(false);
    expect(shouldSkip(resolveDecoding({ noSpeechThreshold: null }), { ...figures, noSpeechProb: 0.9, avgLogprob: -1.5 })).toBe(false);
  });

  it("defaults to OpenAI's values", () => {
    expect(DEFAULT_DECODING).toMatchObject({
      temperatures: [0, 0.2, 0.4, 0.6, 0.8, 1],
      compressionRatioThreshold: 2.4,
      logprobThreshold: -1,
      noSpeechThreshold: 0.6,
      conditionOnPreviousText: true,
      maxInitialTimestamp: 1,
      monotonicTimestamps: true,
    });
  });
});
