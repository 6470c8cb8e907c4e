import { describe, expect, it } from "vitest";
import { compileHighlights, highlightRanges, searchPatterns, wordHits } from "@/lib/search/highlight";

function marked(text: string, q: string): string[] {
  return highlightRanges(text, compileHighlights(searchPatterns(q))).map(([from, to]) => text.slice(from, to));
}

describe("search highlights in a transcript", () => {
  it("marks whole words, ignoring case and accents as the index does", () => {
    expect(marked("We met at the Café, then a cafeteria.", "cafe")).toEqual(["Café"]);
    expect(marked("Budget budgets BUDGET", "budget")).toEqual(["Budget", "BUDGET"]);
  });

  it("marks the whole word for a prefix and a phrase across punctuation", () => {
    expect(marked("Transcribing transcripts; trans am.", "transcri*")).toEqual(["Transcribing", "transcripts"]);
    expect(marked("near, the station and the station", '"near the station"')).toEqual(["near, the station"]);
  });

  it("marks every term and merges overlaps", () => {
    expect(marked("the next quarter starts", 'next "next quarter" OR starts')).toEqual(["next quarter", "starts"]);
  });

  it("keeps offsets right around decomposed accents", () => {
    const text = "un cafe\u0301 noir";
    expect(highlightRanges(text, compileHighlights(searchPatterns("cafe")))).toEqual([[3, 8]]);
  });

  it("marks nothing for an empty or syntax-only query", () => {
    expect(marked("anything", "")).toEqual([]);
    expect(marked("anything", "*** ()")).toEqual([]);
    expect(searchPatterns(undefined)).toEqual([]);
  });

  it("treats regular-expression characters in a term as text", () => {
    expect(marked("c++ and c", "c++")).toEqual(["c", "c"]);
  });
});

describe("search highlights word by word", () => {
  it("marks each word a match touches", () => {
    const parts = [
      { text: "Near", space: false },
      { text: "the", space: true },
      { text: "station,", space: true },
      { text: "nowhere", space: true },
    ];
    expect(wordHits(parts, compileHighlights(searchPatterns('"near the station"')))).toEqual([true, true, true, false]);
    expect(wordHits(parts, compileHighlights(searchPatterns("no*")))).toEqual([false, false, false, true]);
    expect(wordHits(parts, [])).toEqual([false, false, false, false]);
  });
});
