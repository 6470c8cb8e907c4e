import { describe, expect, it } from "vitest";
import { formatApprox, formatEta, formatPlaceInLine } from "@/lib/format";

describe("format", () => {
  it("names a place in line in English ordinals", () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111].map(formatPlaceInLine)).toEqual([
      "Next in line",
      "2nd in line",
      "3rd in line",
      "4th in line",
      "11th in line",
      "12th in line",
      "13th in line",
      "21st in line",
      "22nd in line",
      "101st in line",
      "111th in line",
    ]);
  });
  it("says a time roughly, and an unknown one not at all", () => {
    expect([0.2, 42, 59.6, 200, 5400].map(formatApprox)).toEqual(["1 s", "42 s", "60 s", "3 min", "1.5 h"]);
    expect(formatEta(200)).toBe("3 min left");
    expect(formatEta(null)).toBe("");
  });
});
