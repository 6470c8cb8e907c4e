// Power cuts: the real server is SIGKILLed mid-upload, mid-transcription and inside
// the transcript transaction (test hook SELENITE_CRASH_AT=before-commit), restarted
// on the same folders each time, and must lose nothing it had promised: finished
// transcripts unchanged, uploaded files byte-identical, partial uploads gone, no
// job with half its segments, a database that passes PRAGMA integrity_check.
// Uploads here send vad=false: the tones hold no speech, and voice detection (on by default) would leave no transcript.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { userWithToken } from "../helpers/auth";
import { installModel, uploadForm, waitFor } from "../helpers/fixtures";
import { makeLongWav, makeTempDir } from "../helpers/media";
import { startServer, type TestServer } from "../helpers/server";
import { streamingUpload } from "../helpers/streaming-upload";

type JobRow = { id: string; status: string; storedName: string; originalName: string; error: string | null };
type SegmentRow = { index: number; start: number; end: number; text: string };

let media: { dir: string; cleanup: () => Promise<void> };
let server: TestServer | undefined;

function readDb<T>(s: TestServer, read: (db: Database.Database) => T): T {
  const db = new Database(path.join(s.storageDir, "selenite.db"));
  db.pragma("busy_timeout = 10000");
  try {
    return read(db);
  } finally {
    db.close();
  }
}

const jobsIn = (s: TestServer) =>
  readDb(s, (db) => db.prepare(`SELECT id, status, storedName, originalName, error FROM "Job" ORDER BY queuedAt`).all() as JobRow[]);
const segmentsOf = (s: TestServer, jobId: string) =>
  readDb(s, (db) => db.prepare(`SELECT "index", start, "end", text FROM "Segment" WHERE jobId = ? ORDER BY "index"`).all(jobId) as SegmentRow[]);
const integrity = (s: TestServer) => readDb(s, (db) => db.pragma("integrity_check", { simple: true }));

/** No job holds half a transcript: segments exist only on completed jobs, numbered 0..n-1. */
function expectWholeTranscripts(s: TestServer): void {
  for (const job of jobsIn(s)) {
    const segments = segmentsOf(s, job.id);
    if (job.status === "completed") {
      expect(segments.length, `segments of completed ${job.originalName}`).toBeGreaterThan(0);
      expect(segments.map((seg) => seg.index)).toEqual(segments.map((_, i) => i));
    } else {
      expect(segments, `segments of ${job.status} ${job.originalName}`).toHaveLength(0);
    }
  }
}

beforeAll(async () => {
  media = await makeTempDir();
});

afterAll(async () => {
  await server?.kill9();
  await media?.cleanup();
  if (server) fs.rmSync(server.dir, { recursive: true, force: true });
});

describe("kill -9 at any moment", () => {
  it("loses no finished transcript and no uploaded file, and finishes every job after restarts", async () => {
    const t0 = Date.now();
    const s1 = (server = await startServer());
    installModel(s1.modelsDir);
    const { headers } = userWithToken(s1, "owner@example.com");
    const [shortWav, longWav] = await Promise.all([makeLongWav(path.join(media.dir, "short.wav"), 20), makeLongWav(path.join(media.dir, "long.wav"), 300)]);

    // A finished transcript from before any crash.
    const first = await fetch(`${s1.url}/api/jobs`, { method: "POST", headers, body: uploadForm([{ path: shortWav }], { vad: "false" }) });
    expect(first.status).toBe(201);
    await waitFor("the short job to complete", async () => jobsIn(s1)[0]?.status === "completed", 60_000, 200);
    const done = jobsIn(s1)[0];
    const doneSegments = segmentsOf(s1, done.id);
    expect(doneSegments.length).toBeGreaterThan(0);

    // (a) + (b): a large upload in flight while another job is being transcribed.
    const inFlight = streamingUpload(s1.url, headers, { bytes: 60 * 1024 * 1024, name: "in-flight.wav", pauseMs: 40 });
    const second = await fetch(`${s1.url}/api/jobs`, { method: "POST", headers, body: uploadForm([{ path: longWav }], { vad: "false" }) });
    expect(second.status).toBe(201);
    const uploads = path.join(s1.storageDir, "uploads");
    await waitFor(
      "transcription under way and a partial upload on disk",
      async () => {
        const running = readDb(s1, (db) => db.prepare(`SELECT progress FROM "Job" WHERE status = 'processing'`).get() as { progress: number } | undefined);
        const part = fs.readdirSync(uploads).find((name) => name.endsWith(".part"));
        return running && running.progress > 0 && part && fs.statSync(path.join(uploads, part)).size > 1024 * 1024;
      },
      60_000,
      100,
    );
    await s1.kill9();
    expect((await inFlight.done).status).toBe(0); // the connection died with the server
    expect(integrity(s1)).toBe("ok");
    expect(jobsIn(s1).map((j) => j.status)).toEqual(["completed", "processing"]);
    expect(fs.readdirSync(uploads).some((name) => name.endsWith(".part"))).toBe(true);

    // (c): the interrupted job resumes from its last committed window; the server dies inside the
    // transaction that saves its segments, after writing them, before the commit.
    const s2 = (server = await startServer({ dir: s1.dir, env: { SELENITE_TEST_HOOKS: "1", SELENITE_CRASH_AT: "before-commit" } }));
    expect(fs.readdirSync(uploads).filter((name) => name.endsWith(".part"))).toEqual([]);
    await waitFor(
      "the server to kill itself while saving",
      async () => (await Promise.race([s2.exited.then(() => true), new Promise((r) => setTimeout(() => r(false), 100))])) as boolean,
      90_000,
      0,
    );
    expect(integrity(s2)).toBe("ok");
    expect(jobsIn(s2).map((j) => j.status)).toEqual(["completed", "processing"]);
    expectWholeTranscripts(s2);

    // Back to normal: everything completes, nothing promised is lost.
    const s3 = (server = await startServer({ dir: s1.dir }));
    await waitFor("every job to complete", async () => jobsIn(s3).every((j) => j.status === "completed"), 90_000, 250);
    const jobs = jobsIn(s3);
    expect(jobs.map((j) => [j.originalName, j.status, j.error])).toEqual([
      ["short.wav", "completed", null],
      ["long.wav", "completed", null],
    ]);
    expect(segmentsOf(s3, done.id)).toEqual(doneSegments);
    expectWholeTranscripts(s3);
    const stored = fs.readdirSync(uploads).sort();
    expect(stored).toEqual(jobs.map((j) => j.storedName).sort());
    expect(fs.readFileSync(path.join(uploads, jobs[0].storedName)).equals(fs.readFileSync(shortWav))).toBe(true);
    expect(fs.readFileSync(path.join(uploads, jobs[1].storedName)).equals(fs.readFileSync(longWav))).toBe(true);

    expect(await s3.stop("SIGTERM")).toBe(0);
    server = undefined;
    expect(integrity(s3)).toBe("ok");
    console.info(`crash test: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    fs.rmSync(s1.dir, { recursive: true, force: true });
  }, 240_000);
});
