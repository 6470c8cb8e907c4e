// Which cancelled runs keep a partial transcript (lib/transcripts/versions.ts
// keepPartialTranscript), against a real SQLite file: a first run keeps its committed
// windows with where it stopped; a cancelled restart never replaces a complete
// transcript; a partial one is replaced only by a run that reached further, and stays
// restorable; a span re-transcription keeps nothing.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { migrateDatabase } from "@/lib/db/migrate";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "selenite-partial-"));
process.env.DATABASE_URL = `file:${path.join(dir, "partial.db")}`;
process.env.LOG_LEVEL = "silent";

let db: typeof import("@/lib/db").db;
let versions: typeof import("@/lib/transcripts/versions");
let jobId: string;

const SAMPLE_RATE = 16_000;

/** A run that committed `windows` 30 s windows, one segment each. */
async function commitWindows(windows: number, text: string) {
  await db.pendingSegment.deleteMany({ where: { jobId } });
  await db.pendingSegment.createMany({
    data: Array.from({ length: windows }, (_, i) => ({
      jobId,
      index: i,
      data: JSON.stringify({ start: i * 30, end: i * 30 + 28, text: ` ${text} ${i + 1}.` }),
    })),
  });
  const resume = { key: "k", windows, seek: windows * 30 * SAMPLE_RATE, language: "en", languageProbability: 0.9, previousTokens: [] };
  await db.job.update({ where: { id: jobId }, data: { resumeState: JSON.stringify(resume) } });
}

const keep = () => db.$transaction((tx) => versions.keepPartialTranscript(tx, jobId));
const texts = async () => (await db.segment.findMany({ where: { jobId }, orderBy: { index: "asc" }, select: { text: true } })).map((s) => s.text);
const meta = async () => versions.parseMeta((await db.job.findUniqueOrThrow({ where: { id: jobId }, select: { transcriptMeta: true } })).transcriptMeta);

beforeAll(async () => {
  await migrateDatabase(path.join(dir, "partial.db"));
  ({ db } = await import("@/lib/db"));
  versions = await import("@/lib/transcripts/versions");
  await db.user.create({ data: { id: "alice", email: "a@x", passwordHash: "x" } });
});

beforeEach(async () => {
  await db.job.deleteMany({});
  const job = await db.job.create({
    data: {
      userId: "alice",
      title: "t",
      originalName: "t.wav",
      storedName: `${Math.random()}.wav`,
      sizeBytes: 1,
      model: "m",
      status: "processing",
      startedAt: new Date(),
    },
  });
  jobId = job.id;
});

afterAll(async () => {
  await db?.$disconnect();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("keepPartialTranscript", () => {
  it("keeps a first run's committed windows as the transcript, with where it stopped", async () => {
    await commitWindows(2, "First run");
    expect(await keep()).toBe(true);
    expect(await texts()).toEqual(["First run 1.", "First run 2."]);
    expect(await meta()).toMatchObject({ partialUntil: 60, model: "m", detectedLanguage: "en" });
    expect(await versions.transcriptState(jobId)).toMatchObject({ current: true, partialUntil: 60 });
  });

  it("keeps nothing when nothing was committed", async () => {
    expect(await keep()).toBe(false);
    expect(await texts()).toEqual([]);
    expect(await meta()).toBeNull();
  });

  it("never replaces a complete transcript: a cancelled restart leaves it as it was", async () => {
    await db.segment.create({ data: { jobId, index: 0, start: 0, end: 5, text: "Complete.", originalText: "Complete." } });
    await db.job.update({ where: { id: jobId }, data: { transcriptMeta: JSON.stringify({ ...(await completeMeta()), partialUntil: null }) } });
    await commitWindows(3, "Restart");
    expect(await keep()).toBe(false);
    expect(await texts()).toEqual(["Complete."]);
    expect(await db.previousTranscript.count({ where: { jobId } })).toBe(0);
  });

  it("replaces a partial transcript only with a run that reached further, keeping the old one restorable", async () => {
    await commitWindows(2, "First run");
    await keep();
    await commitWindows(1, "Shorter");
    expect(await keep()).toBe(false);
    expect(await texts()).toEqual(["First run 1.", "First run 2."]);
    await commitWindows(3, "Longer");
    expect(await keep()).toBe(true);
    expect(await texts()).toEqual(["Longer 1.", "Longer 2.", "Longer 3."]);
    expect((await meta())?.partialUntil).toBe(90);
    expect(await versions.previousTranscriptInfo(jobId)).toMatchObject({ segmentCount: 2 });
  });

  it("keeps nothing from a span being re-transcribed", async () => {
    await db.job.update({ where: { id: jobId }, data: { spanRequest: JSON.stringify({ start: 0, end: 30 }) } });
    await commitWindows(1, "Span");
    expect(await keep()).toBe(false);
    expect(await texts()).toEqual([]);
  });
});

async function completeMeta() {
  return { model: "m", language: null, task: "transcribe", wordTimestamps: false, detectedLanguage: "en", languageProb: 0.9, dtype: "fp32", processingMs: 100 };
}
