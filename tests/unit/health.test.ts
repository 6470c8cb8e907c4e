// The health report's verdict when the database cannot be reached (the database
// is faked here; the real one is covered by the server integration test).
import { describe, expect, it, vi } from "vitest";

vi.mock("@/lib/db", () => ({ db: { $queryRawUnsafe: vi.fn(async () => Promise.reject(new Error("SQLITE_CANTOPEN"))) } }));

describe("health", () => {
  it("reports the database as unreachable and the route answers 503", async () => {
    const { checkHealth } = await import("@/lib/system/health");
    const health = await checkHealth();
    expect(health).toMatchObject({ status: "degraded", database: "unreachable" });
    const { GET } = await import("@/app/api/health/route");
    const response = await GET(new Request("http://x/api/health") as never, { params: Promise.resolve({}) });
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ database: "unreachable" });
  });
});
