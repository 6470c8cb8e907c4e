import { describe, expect, it } from "vitest";
import { compressionRatio } from "@/lib/transcripts/compression";
import { isLowProbability, suspectReasons } from "@/lib/transcripts/confidence";

describe("compression ratio", () => {
  it("is over openai/whisper's 2.4 for a loop and under it for ordinary speech", () => {
    expect(compressionRatio("Thank you. ".repeat(20))).toBeGreaterThan(2.4);
    expect(compressionRatio("The committee met on Tuesday to discuss the budget for next year.")).toBeLessThan(2.4);
    expect(compressionRatio("")).toBe(0);
  });
});

describe("suspect segments", () => {
  const fine = { avgLogprob: -0.3, noSpeechProb: 0.02, compressionRatio: 1.4, temperature: 0, speechRatio: 0.9 };
  it("flags fallback, low confidence, repetition, no speech and text the VAD did not hear, and nothing on a sound segment or one without figures", () => {
    expect(suspectReasons(fine)).toEqual([]);
    expect(suspectReasons({ avgLogprob: null, noSpeechProb: null, compressionRatio: null, temperature: null, speechRatio: null })).toEqual([]);
    expect(suspectReasons({ ...fine, temperature: 0.2 })).toEqual(["fallback"]);
    expect(suspectReasons({ ...fine, avgLogprob: -1.2 })).toEqual(["low-confidence"]);
    expect(suspectReasons({ ...fine, compressionRatio: 2.5 })).toEqual(["repetition"]);
    expect(suspectReasons({ ...fine, noSpeechProb: 0.8 })).toEqual(["no-speech"]);
    expect(suspectReasons({ ...fine, speechRatio: 0.3 })).toEqual(["unheard"]);
    expect(suspectReasons({ ...fine, speechRatio: 0.5 })).toEqual([]);
  });
  it("marks words under 0.5, not words without a probability", () => {
    expect(isLowProbability(0.49)).toBe(true);
    expect(isLowProbability(0.5)).toBe(false);
    expect(isLowProbability(undefined)).toBe(false);
  });
});
