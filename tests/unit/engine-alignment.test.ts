// Word timestamps: DTW over cross-attention, the median filter, and grouping byte-level
// BPE tokens into words.
import { describe, expect, it } from "vitest";
import { alignTokens, dtw, FRAME_SEC, medianFilter } from "@/lib/transcription/alignment";
import { splitWords, timeWords } from "@/lib/transcription/words";

/** Attention rows that look at frame `peaks[row]` (a diagonal-ish alignment). */
function attentionFor(peaks: number[], frames: number): Float32Array[] {
  return peaks.map((peak) => Float32Array.from({ length: frames }, (_, f) => Math.exp(-((f - peak) ** 2) / 8)));
}

describe("alignTokens", () => {
  it("follows the attention peaks of the rows that predicted each token", () => {
    const prompt = 3;
    const peaks = [0, 0, 0, 10, 40, 80, 120, 160];
    const heads = [attentionFor(peaks, 200), attentionFor(peaks, 200)];
    const times = alignTokens({ attention: heads, promptLength: prompt, generatedCount: 6, frames: 200, medianWidth: 7 });
    // Row prompt - 1 + k is the query that predicted token k: rows 2..7 for tokens 0..5.
    expect(times).toHaveLength(6);
    for (let k = 1; k < times.length; k++) expect(times[k]).toBeGreaterThan(times[k - 1]);
    expect(times[2] / FRAME_SEC).toBeGreaterThan(20);
    expect(times[2] / FRAME_SEC).toBeLessThan(60);
  });

  it("returns nothing when there is nothing to align", () => {
    expect(alignTokens({ attention: [[]], promptLength: 3, generatedCount: 0, frames: 100, medianWidth: 7 })).toHaveLength(0);
  });
});

describe("dtw", () => {
  it("finds the cheapest monotonic path", () => {
    // Zero cost on the diagonal of a 3 x 3 matrix.
    const cost = Float64Array.from([0, 1, 1, 1, 0, 1, 1, 1, 0]);
    expect(dtw(cost, 3, 3)).toEqual([
      [0, 0],
      [1, 1],
      [2, 2],
    ]);
  });

  it("visits every row even when there are more rows than columns", () => {
    const path = dtw(new Float64Array(5 * 2), 5, 2);
    expect(new Set(path.map(([row]) => row)).size).toBe(5);
    expect(path[0]).toEqual([0, 0]);
    expect(path.at(-1)).toEqual([4, 1]);
  });
});

describe("medianFilter", () => {
  it("removes a spike and reflects at the edges", () => {
    const out = medianFilter(Float64Array.from([1, 1, 9, 1, 1]), 3);
    expect([...out]).toEqual([1, 1, 1, 1, 1]);
    expect([...medianFilter(Float64Array.from([5, 1, 2]), 3)]).toEqual([1, 2, 1]);
  });
});

describe("words", () => {
  // A toy byte-level vocabulary: id -> text; 90 and 91 are the two halves of "é".
  const VOCAB: Record<number, string> = { 1: " Hello", 2: ",", 3: " wor", 4: "ld", 5: " caf", 90: "\u00c3", 91: "\u00a9", 6: "!" };
  const decode = (ids: number[]) => {
    const text = ids.map((id) => VOCAB[id]).join("");
    // Latin-1 code units stand in for the bytes: decode them as UTF-8.
    const bytes = Uint8Array.from([...text].map((c) => c.charCodeAt(0)));
    return new TextDecoder().decode(bytes);
  };

  it("joins sub-word and split-character tokens and keeps punctuation with its word", () => {
    const tokens = [363, 1, 2, 3, 4, 5, 90, 91, 6];
    const words = splitWords(tokens, [1, 2, 3, 4, 5, 6, 7, 8], decode);
    expect(words.map((w) => w.text)).toEqual([" Hello,", " world", " café!"]);
    expect(words.map((w) => w.indices)).toEqual([
      [1, 2],
      [3, 4],
      [5, 6, 7, 8],
    ]);
  });

  it("times words from their tokens, inside the segment and in order", () => {
    const pieces = [
      { text: " a", indices: [1] },
      { text: " b", indices: [2, 3] },
      { text: " c", indices: [4] },
    ];
    const tokenTimes = Float64Array.from([0, 0.5, 1.2, 1.4, 0.9]);
    const words = timeWords(pieces, tokenTimes, 30, { start: 30.2, end: 32 });
    expect(words).toEqual([
      { word: " a", start: 30.5, end: 31.2 },
      { word: " b", start: 31.2, end: 31.2 },
      { word: " c", start: 31.2, end: 32 },
    ]);
  });
});
