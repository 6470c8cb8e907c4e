// Job.warnings is JSON text written and read in one place: duplicates dropped, and a
// damaged column reads as no warnings instead of breaking the job page.
import { describe, expect, it } from "vitest";
import { encodeWarnings, parseWarnings } from "@/lib/jobs/warnings";

describe("job warnings", () => {
  it("round-trips, without duplicates or blanks", () => {
    const stored = encodeWarnings(["This file may be incomplete.", " ", "This file may be incomplete.", "No word timestamps."]);
    expect(parseWarnings(stored)).toEqual(["This file may be incomplete.", "No word timestamps."]);
  });

  it("stores nothing when there is nothing to say", () => {
    expect(encodeWarnings([])).toBeNull();
    expect(encodeWarnings(undefined)).toBeNull();
    expect(parseWarnings(null)).toEqual([]);
  });

  it("reads a damaged column as no warnings", () => {
    expect(parseWarnings("{not json")).toEqual([]);
    expect(parseWarnings(JSON.stringify({ warnings: ["x"] }))).toEqual([]);
    expect(parseWarnings(JSON.stringify([1, 2]))).toEqual([]);
  });
});
