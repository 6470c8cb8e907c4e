// One mapping for a full disk, wherever it surfaces: SQLite's SQLITE_FULL, the
// system's ENOSPC, either wrapped by Prisma, and Prisma's P2028 that hides a COMMIT
// which failed for lack of space. Routes answer 507, actions say the same sentence.
import { describe, expect, it } from "vitest";
import { DISK_FULL_MESSAGE, isDiskFull } from "@/lib/errors";

const sqliteFull = Object.assign(new Error("database or disk is full"), { code: "SQLITE_FULL" });
const enospc = Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC", errno: -28 });

describe("a full disk", () => {
  it("is recognised by code, by cause and by a wrapped driver message", () => {
    expect(isDiskFull(sqliteFull)).toBe(true);
    expect(isDiskFull(enospc)).toBe(true);
    expect(isDiskFull(new Error("saving failed", { cause: sqliteFull }))).toBe(true);
    expect(isDiskFull(new Error("\nInvalid `prisma.tag.create()` invocation:\n\nSqliteError: database or disk is full"))).toBe(true);
  });

  it("is not confused with other failures", () => {
    expect(isDiskFull(new Error("SQLITE_BUSY: database is locked"))).toBe(false);
    expect(isDiskFull(Object.assign(new Error("constraint"), { code: "SQLITE_CONSTRAINT_UNIQUE" }))).toBe(false);
    expect(isDiskFull("ENOSPC")).toBe(false);
    expect(isDiskFull(null)).toBe(false);
  });

  it("becomes 507 with the message in a route, and the same message in an action", async () => {
    const { errorResponse } = await import("@/lib/http/api");
    const response = errorResponse(new Error("wrapped", { cause: sqliteFull }), "req-1");
    expect(response.status).toBe(507);
    expect(await response.json()).toEqual({ error: { code: "insufficient_storage", message: DISK_FULL_MESSAGE, requestId: "req-1" } });
    const { actionErrorMessage } = await import("@/lib/http/action-errors");
    expect(actionErrorMessage(enospc, "Saving the edit")).toBe(DISK_FULL_MESSAGE);
    expect(actionErrorMessage(new Error("boom"), "Saving the edit")).toBe("Saving the edit failed. The server log has the details.");
  });

  it("is found behind Prisma's 'rollback on a committed transaction' only right after a COMMIT failed", async () => {
    const { failedCommitCause } = await import("@/lib/db");
    const p2028 = new Error("Transaction API error: Transaction already closed: A rollback cannot be executed on a committed transaction.");
    const holder = globalThis as unknown as { seleniteFailedCommit?: { error: unknown; at: number } };
    holder.seleniteFailedCommit = { error: sqliteFull, at: Date.now() };
    expect(failedCommitCause(p2028)).toBe(sqliteFull);
    expect(failedCommitCause(new Error("something else"))).toBeUndefined();
    holder.seleniteFailedCommit = { error: sqliteFull, at: Date.now() - 60_000 };
    expect(failedCommitCause(p2028)).toBeUndefined();
    delete holder.seleniteFailedCommit;
  });
});
