// Reads never write: on a full disk a write fails, so a read that writes fails too
// (uploads once hung on the settings read). Against a real SQLite file: another
// connection's PRAGMA data_version changes whenever anyone commits, so it must stay
// the same across the reads, including the health check's write probe (rolled back).
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateDatabase } from "@/lib/db/migrate";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "selenite-reads-"));
const file = path.join(dir, "storage", "selenite.db");
process.env.DATABASE_URL = `file:${file}`;
process.env.STORAGE_DIR = path.join(dir, "storage");
process.env.MODELS_DIR = path.join(dir, "models");
process.env.LOG_LEVEL = "silent";

const TOKEN = `sel_${"x".repeat(43)}`;
let db: typeof import("@/lib/db").db;
let probe: Database.Database;

const dataVersion = () => probe.pragma("data_version", { simple: true }) as number;

beforeAll(async () => {
  fs.mkdirSync(process.env.MODELS_DIR!, { recursive: true });
  await migrateDatabase(file);
  ({ db } = await import("@/lib/db"));
  await db.user.create({ data: { id: "alice", email: "a@x", passwordHash: "x" } });
  await db.tag.create({ data: { userId: "alice", name: "work" } });
  await db.apiToken.create({
    data: { userId: "alice", name: "t", tokenHash: createHash("sha256").update(TOKEN).digest("hex"), prefix: TOKEN.slice(0, 10), lastUsedAt: new Date() },
  });
  // The first read of a new database creates the settings row; that is the one write allowed.
  await (await import("@/lib/settings/service")).getSettings();
  probe = new Database(file, { readonly: true });
});

afterAll(async () => {
  probe?.close();
  await db?.$disconnect();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("reads", () => {
  it("can see a write: data_version moves when the app commits", async () => {
    const before = dataVersion();
    await db.tag.create({ data: { userId: "alice", name: "seen" } });
    expect(dataVersion()).not.toBe(before);
  });

  it("commit nothing: settings, tags, a token check and the health check", async () => {
    const { getSettings } = await import("@/lib/settings/service");
    const { listTags } = await import("@/lib/tags/service");
    const { userFromApiToken } = await import("@/lib/auth/tokens");
    const { checkHealth } = await import("@/lib/system/health");
    const before = dataVersion();
    for (let i = 0; i < 3; i++) {
      expect((await getSettings()).beamSize).toBeGreaterThan(0);
      expect((await listTags("alice")).map((t) => t.name)).toContain("work");
      expect(await userFromApiToken(TOKEN)).toMatchObject({ id: "alice" });
      expect(await checkHealth()).toMatchObject({ database: "ok" });
    }
    expect(dataVersion()).toBe(before);
  });
});
