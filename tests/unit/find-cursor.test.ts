// The find panel's place among the matches (components/transcript/find-cursor.ts):
// kept as a position, so after a replacement the next match is current, and stepping
// wraps around the ends.
import { describe, expect, it } from "vitest";
import { currentMatch, flattenMatches, stepMatch } from "@/components/transcript/find-cursor";

const matches = [
  { segmentId: 10, index: 0, start: 0, text: "a colour", ranges: [[2, 8]] as [number, number][] },
  {
    segmentId: 11,
    index: 1,
    start: 4,
    text: "colour and colour",
    ranges: [
      [0, 6],
      [11, 17],
    ] as [number, number][],
  },
];

describe("find cursor", () => {
  const flat = flattenMatches(matches);

  it("lists every match in transcript order", () => {
    expect(flat).toEqual([
      { segmentId: 10, index: 0, at: 2 },
      { segmentId: 11, index: 1, at: 0 },
      { segmentId: 11, index: 1, at: 11 },
    ]);
  });

  it("takes the first match at or after the position, wrapping past the last", () => {
    expect(currentMatch(flat, { index: 0, at: 0 })).toBe(flat[0]);
    // Just after a replacement in segment 0 ("colour" → "color" at 2): the next is in segment 1.
    expect(currentMatch(flat, { index: 0, at: 7 })).toBe(flat[1]);
    expect(currentMatch(flat, { index: 1, at: 5 })).toBe(flat[2]);
    expect(currentMatch(flat, { index: 1, at: 12 })).toBe(flat[0]);
    expect(currentMatch([], { index: 0, at: 0 })).toBeUndefined();
  });

  it("steps forwards and back around the ends", () => {
    expect(stepMatch(flat, flat[0], 1)).toBe(flat[1]);
    expect(stepMatch(flat, flat[2], 1)).toBe(flat[0]);
    expect(stepMatch(flat, flat[0], -1)).toBe(flat[2]);
    expect(stepMatch(flat, undefined, -1)).toBe(flat[2]);
    expect(stepMatch([], undefined, 1)).toBeUndefined();
  });
});
