// The job list's orders against a real SQLite file with the real migrations: each
// column both ways, paging through a sorted list, and filters kept while sorting.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateDatabase } from "@/lib/db/migrate";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "selenite-sort-"));
process.env.DATABASE_URL = `file:${path.join(dir, "sort.db")}`;
process.env.STORAGE_DIR = dir;
process.env.LOG_LEVEL = "silent";

type Db = typeof import("@/lib/db").db;
let db: Db;
let listJobs: typeof import("@/lib/jobs/service").listJobs;

// title, status, duration (null: not probed yet), day created
const JOBS: [string, string, number | null, number][] = [
  ["Call 10", "completed", 600, 1],
  ["call 2", "failed", 30, 2],
  ["Ärger", "processing", null, 3],
  ["zebra", "queued", 90, 4],
  ["apple", "cancelled", 1200, 5],
];

beforeAll(async () => {
  await migrateDatabase(path.join(dir, "sort.db"));
  ({ db } = await import("@/lib/db"));
  ({ listJobs } = await import("@/lib/jobs/service"));
  await db.user.createMany({
    data: [
      { id: "u", email: "u@x", passwordHash: "x" },
      { id: "v", email: "v@x", passwordHash: "x" },
    ],
  });
  for (const [title, status, durationSec, day] of JOBS) {
    for (const userId of ["u", "v"]) {
      await db.job.create({
        data: {
          userId,
          title,
          originalName: `${title}.mp3`,
          storedName: `${userId}-${title}.mp3`,
          sizeBytes: 1,
          model: "m",
          status,
          durationSec,
          createdAt: new Date(Date.UTC(2026, 0, day)),
        },
      });
    }
  }
});

afterAll(async () => {
  await db?.$disconnect();
  fs.rmSync(dir, { recursive: true, force: true });
});

const titles = async (query: Partial<Parameters<typeof listJobs>[1]>) => (await listJobs("u", { limit: 25, ...query })).jobs.map((j) => j.title);

describe("job list order", () => {
  it("is newest first by default, and each column sorts both ways", async () => {
    expect(await titles({})).toEqual(["apple", "zebra", "Ärger", "call 2", "Call 10"]);
    expect(await titles({ sort: "date", order: "asc" })).toEqual(["Call 10", "call 2", "Ärger", "zebra", "apple"]);
    expect(await titles({ sort: "name" })).toEqual(["apple", "Ärger", "call 2", "Call 10", "zebra"]);
    expect(await titles({ sort: "name", order: "desc" })).toEqual(["zebra", "Call 10", "call 2", "Ärger", "apple"]);
    // A job not probed yet has no duration: last both ways.
    expect(await titles({ sort: "duration" })).toEqual(["apple", "Call 10", "zebra", "call 2", "Ärger"]);
    expect(await titles({ sort: "duration", order: "asc" })).toEqual(["call 2", "zebra", "Call 10", "apple", "Ärger"]);
    expect(await titles({ sort: "status" })).toEqual(["Ärger", "zebra", "call 2", "apple", "Call 10"]);
    expect(await titles({ sort: "status", order: "desc" })).toEqual(["Call 10", "apple", "call 2", "zebra", "Ärger"]);
  });

  it("pages through a sorted list and keeps the filters", async () => {
    const first = await listJobs("u", { limit: 2, sort: "name" });
    const third = await listJobs("u", { limit: 2, sort: "name", page: 3 });
    expect(first).toMatchObject({ total: 5, pageCount: 3 });
    expect(first.jobs.map((j) => j.title)).toEqual(["apple", "Ärger"]);
    expect(third.jobs.map((j) => j.title)).toEqual(["zebra"]);
    expect(await titles({ sort: "name", q: "call" })).toEqual(["call 2", "Call 10"]);
    expect(await titles({ sort: "status", status: ["completed", "failed"] })).toEqual(["call 2", "Call 10"]);
    expect((await listJobs("u", { limit: 25, sort: "name" })).jobs.every((j) => j.id)).toBe(true);
  });
});
