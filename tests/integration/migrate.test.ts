import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { migrateDatabase } from "@/lib/db/migrate";

describe("database migrations", () => {
  it("create every table in an empty file, switch it to WAL, and are idempotent", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "selenite-migrate-"));
    const file = path.join(dir, "nested", "selenite.db");
    await migrateDatabase(file);
    await migrateDatabase(file);
    const sqlite = new Database(file, { readonly: true });
    const tables = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[];
    expect(tables.map((t) => t.name)).toEqual(
      expect.arrayContaining(["ApiToken", "Job", "JobTag", "Segment", "Settings", "Tag", "User", "_prisma_migrations"]),
    );
    expect(sqlite.pragma("journal_mode", { simple: true })).toBe("wal");
    const applied = sqlite.prepare("SELECT COUNT(*) AS n FROM _prisma_migrations WHERE finished_at IS NOT NULL").get() as { n: number };
    expect(applied.n).toBe(fs.readdirSync(path.join(import.meta.dirname, "..", "..", "prisma", "migrations")).filter((d) => /^\d/.test(d)).length);
    sqlite.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
