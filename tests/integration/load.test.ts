// A shortened run of `npm run bench:load`: concurrent uploads, open event streams and
// a polling client at once, with no error, no lost job and no "database is locked".
import { describe, expect, it } from "vitest";
import { formatTable, runLoad } from "../../scripts/bench/load";

describe("under load", () => {
  it("answers every request, loses no job and never shows a locked database", async () => {
    const result = await runLoad({ uploads: 6, mb: 5, streams: 20, seconds: 10 });
    console.info(formatTable(result));
    expect(result.errors).toEqual([]);
    expect(result.accepted).toBe(6);
    expect(result.lostJobs).toBe(0);
    expect(result.lockedSeen).toBe(0);
    expect(result.poll.requests).toBeGreaterThan(10);
  }, 120_000);
});
