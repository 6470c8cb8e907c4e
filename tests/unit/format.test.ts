import { describe, expect, it } from "vitest";
import { countOf, formatApprox, formatDate, formatDateTime, formatEta, formatPlaceInLine, formatRelative } from "@/lib/format";

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
  it("writes every date one way, in the reader's zone", () => {
    const iso = "2026-12-04T23:30:00.000Z";
    expect(formatDate(iso, "UTC", "en-GB")).toBe("4 Dec 2026");
    expect(formatDateTime(iso, "UTC", "en-GB")).toBe("4 Dec 2026, 23:30");
    // The same moment is already the 5th in Berlin.
    expect(formatDate(iso, "Europe/Berlin", "en-GB")).toBe("5 Dec 2026");
    expect(formatDateTime(iso, "Europe/Berlin", "en-US")).toBe("Dec 5, 2026, 12:30 AM");
    // Older than a day, a relative time falls back to that date.
    expect(formatRelative("2026-01-02T12:00:00.000Z", Date.parse("2026-02-01T00:00:00Z"))).toBe(formatDate("2026-01-02T12:00:00.000Z"));
  });
  it("counts with the right noun", () => {
    expect([0, 1, 7, 1200].map((n) => countOf(n, "match", "matches"))).toEqual(["0 matches", "1 match", "7 matches", "1,200 matches"]);
    expect(countOf(1, "recording")).toBe("1 recording");
  });
});
