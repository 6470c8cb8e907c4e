// A queued job's place in line and time to done (lib/jobs/queue-line.ts), on a real
// SQLite database: the order the queue claims in, the speed learnt from finished jobs
// (per model when there are enough), the running job's own time left, and the worker
// slots of Settings.concurrency.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "selenite-queue-line-"));
process.env.STORAGE_DIR = dir;

type Db = typeof import("@/lib/db").db;
let db: Db;
let queuePlaces: typeof import("@/lib/jobs/queue-line").queuePlaces;
let userId = "";
let n = 0;

async function job(fields: {
  status: string;
  model?: string;
  durationSec?: number;
  processingMs?: number;
  etaSec?: number;
  queuedAt?: Date;
  finishedAt?: Date;
}) {
  n += 1;
  const row = await db.job.create({
    data: {
      userId,
      title: `job ${n}`,
      originalName: `job-${n}.wav`,
      storedName: `queue-line-${n}.wav`,
      sizeBytes: 1000,
      model: fields.model ?? "whisper-base",
      status: fields.status,
      durationSec: fields.durationSec ?? 60,
      processingMs: fields.processingMs,
      etaSec: fields.etaSec,
      queuedAt: fields.queuedAt ?? new Date(Date.UTC(2026, 0, 1, 0, 0, n)),
      finishedAt: fields.finishedAt,
    },
  });
  return row.id;
}

beforeAll(async () => {
  const { migrateDatabase } = await import("@/lib/db/migrate");
  await migrateDatabase(path.join(dir, "selenite.db"));
  ({ db } = await import("@/lib/db"));
  ({ queuePlaces } = await import("@/lib/jobs/queue-line"));
  userId = (await db.user.create({ data: { email: "line@example.com", passwordHash: "x" } })).id;
});

afterAll(async () => {
  await db.$disconnect();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("place in line", () => {
  it("has no time to done before this server finished a job, only the place", async () => {
    const a = await job({ status: "queued" });
    const b = await job({ status: "queued" });
    const places = await queuePlaces();
    expect(places.get(a)).toEqual({ position: 1, etaSec: null });
    expect(places.get(b)).toEqual({ position: 2, etaSec: null });
    await db.job.deleteMany({});
  });

  it("orders by the claim order and plays the line out after the running job, at the model's median speed", async () => {
    // base has run at 0.5 s per second of audio (three jobs); tiny, with one job only, takes the speed of all.
    for (const ms of [25_000, 30_000, 35_000]) await job({ status: "completed", durationSec: 60, processingMs: ms, finishedAt: new Date() });
    await job({ status: "completed", model: "whisper-tiny", durationSec: 100, processingMs: 10_000, finishedAt: new Date() });
    await job({ status: "processing", etaSec: 40 });
    const later = await job({ status: "queued", durationSec: 120, queuedAt: new Date(Date.UTC(2026, 0, 2)) });
    const first = await job({ status: "queued", durationSec: 60, queuedAt: new Date(Date.UTC(2026, 0, 1, 12)) });
    const tiny = await job({ status: "queued", model: "whisper-tiny", durationSec: 100, queuedAt: new Date(Date.UTC(2026, 0, 3)) });
    const places = await queuePlaces();
    // first: 40 s left of the running job, then 60 s × 0.5.
    expect(places.get(first)).toEqual({ position: 1, etaSec: 70 });
    expect(places.get(later)).toEqual({ position: 2, etaSec: 130 });
    // tiny: the median of all four (0.1, 0.417, 0.5, 0.583) = 0.458 s per second.
    expect(places.get(tiny)).toEqual({ position: 3, etaSec: Math.round(130 + 100 * ((0.5 + 5 / 12) / 2)) });
    expect(places.size).toBe(3);
  });

  it("runs the line on as many slots as jobs run at once", async () => {
    await db.settings.upsert({ where: { id: "app" }, create: { id: "app", concurrency: 2 }, update: { concurrency: 2 } });
    const places = [...(await queuePlaces()).values()];
    // Two slots, one running (40 s left): the first queued job takes the free one (done at 30 s), the second
    // follows it there (30 + 60), the third takes the running job's slot once it frees (40 + 45.8).
    expect(places.map((p) => p.etaSec)).toEqual([30, 90, Math.round(40 + 100 * ((0.5 + 5 / 12) / 2))]);
  });
});
