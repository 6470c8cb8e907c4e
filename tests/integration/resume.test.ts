// Resume, not restart (issue 12.6), on the real server with the real engine and the
// test model: the transcript so far arrives live over /api/events; a server SIGKILLed
// at about 60 % of a multi-window file continues after restart from its last committed
// window, decodes none of those again, and ends with the same segments as a run that
// was never interrupted; a file that kills the worker thread three times fails with a reason.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { userWithToken } from "../helpers/auth";
import { installModel, uploadForm, waitFor } from "../helpers/fixtures";
import { makeLongWav, makeTempDir } from "../helpers/media";
import { startServer, type TestServer } from "../helpers/server";
import { openEvents } from "../helpers/sse";

type JobRow = { id: string; status: string; error: string | null; attempts: number; resumeState: string | null };
type SegmentRow = { index: number; start: number; end: number; text: string; words: string | null; avgLogprob: number | null };

let media: { dir: string; cleanup: () => Promise<void> };
let wav = "";
const servers: TestServer[] = [];

function readDb<T>(s: TestServer, read: (db: Database.Database) => T): T {
  const db = new Database(path.join(s.storageDir, "selenite.db"));
  db.pragma("busy_timeout = 10000");
  try {
    return read(db);
  } finally {
    db.close();
  }
}

const jobOf = (s: TestServer) => readDb(s, (db) => db.prepare(`SELECT id, status, error, attempts, resumeState FROM "Job"`).get() as JobRow | undefined);
const segmentsOf = (s: TestServer, jobId: string) =>
  readDb(
    s,
    (db) => db.prepare(`SELECT "index", start, "end", text, words, avgLogprob FROM "Segment" WHERE jobId = ? ORDER BY "index"`).all(jobId) as SegmentRow[],
  );
const pendingCount = (s: TestServer, jobId: string) =>
  readDb(s, (db) => (db.prepare(`SELECT count(*) AS n FROM "PendingSegment" WHERE jobId = ?`).get(jobId) as { n: number }).n);

/** The server's "job completed" log line for a job (pino JSON on stdout). */
function completedLog(s: TestServer, jobId: string): { windows: number; resumedWindows: number } | undefined {
  for (const line of s.output().split("\n")) {
    if (!line.includes('"job completed"') || !line.includes(jobId)) continue;
    return JSON.parse(line) as { windows: number; resumedWindows: number };
  }
  return undefined;
}

async function start(options: Parameters<typeof startServer>[0] = {}): Promise<TestServer> {
  const s = await startServer(options);
  servers.push(s);
  return s;
}

async function upload(s: TestServer, headers: Record<string, string>): Promise<string> {
  const response = await fetch(`${s.url}/api/jobs`, { method: "POST", headers, body: uploadForm([{ path: wav, name: "long.wav" }], { vad: "false" }) }); // a tone: no speech for the VAD
  expect(response.status).toBe(201);
  const job = jobOf(s);
  if (!job) throw new Error("no job after the upload");
  return job.id;
}

const exitedSoon = (s: TestServer) => Promise.race([s.exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 100))]);

beforeAll(async () => {
  media = await makeTempDir();
  // Five 30 s windows with the test model (random weights consume every window whole).
  wav = await makeLongWav(path.join(media.dir, "long.wav"), 150);
});

afterAll(async () => {
  for (const s of servers) {
    await s.kill9();
    fs.rmSync(s.dir, { recursive: true, force: true });
  }
  await media?.cleanup();
});

describe("resume, not restart", () => {
  let reference: SegmentRow[] = [];
  let windows = 0;

  it("shows the transcript so far while the job runs: segments arrive over the event stream before it completes", async () => {
    const s = await start();
    installModel(s.modelsDir);
    const { headers } = userWithToken(s, "owner@example.com");
    const events = await openEvents(`${s.url}/api/events`, headers);
    try {
      const jobId = await upload(s, headers);
      const completed = (e: { event: string; data: string }) => e.event === "job" && JSON.parse(e.data).status === "completed";
      const first = await events.next((e) => e.event === "segments" || completed(e), 120_000);
      expect(first.event).toBe("segments");
      const live = JSON.parse(first.data) as { jobId: string; firstIndex: number; segments: { start: number; end: number; text: string }[] };
      expect(live.jobId).toBe(jobId);
      expect(live.firstIndex).toBe(0);
      expect(live.segments.length).toBeGreaterThan(0);
      await waitFor("the job to complete", async () => jobOf(s)?.status === "completed", 120_000, 200);
      reference = segmentsOf(s, jobId);
      expect(live.segments[0]).toEqual({ start: reference[0].start, end: reference[0].end, text: reference[0].text });
      const log = await waitFor("the completion log line", async () => completedLog(s, jobId), 10_000, 100);
      windows = log.windows;
      expect(log.resumedWindows).toBe(0);
      expect(windows).toBeGreaterThanOrEqual(4);
      // Nothing is left pending once the run is the transcript.
      expect(pendingCount(s, jobId)).toBe(0);
      expect(jobOf(s)?.resumeState).toBeNull();
    } finally {
      events.close();
    }
  }, 180_000);

  it("continues a job SIGKILLed at about 60 % from its last committed window, with the segments of an uninterrupted run", async () => {
    expect(windows).toBeGreaterThan(0);
    const killAfter = Math.round(windows * 0.6) - 1; // window index (from 0) after whose commit the server dies
    const s1 = await start({ env: { SELENITE_TEST_HOOKS: "1", SELENITE_CRASH_AT: "after-window", SELENITE_CRASH_WINDOW: String(killAfter) } });
    installModel(s1.modelsDir);
    const { headers } = userWithToken(s1, "owner@example.com");
    const jobId = await upload(s1, headers);
    await waitFor("the server to be SIGKILLed mid-job", () => exitedSoon(s1), 120_000, 0);

    const interrupted = jobOf(s1);
    expect(interrupted?.status).toBe("processing");
    const point = JSON.parse(interrupted?.resumeState ?? "null") as { windows: number; seek: number };
    expect(point.windows).toBe(killAfter + 1);
    expect(point.seek).toBeGreaterThan(0);
    expect(pendingCount(s1, jobId)).toBeGreaterThan(0);
    // The pending windows are not the transcript.
    expect(segmentsOf(s1, jobId)).toEqual([]);

    const s2 = await start({ dir: s1.dir });
    await waitFor("the resumed job to complete", async () => jobOf(s2)?.status === "completed", 120_000, 200).catch((error) => {
      throw new Error(`${String(error)}\n${JSON.stringify(jobOf(s2))}\n${s2.output().slice(-4000)}`);
    });
    const log = await waitFor("the completion log line", async () => completedLog(s2, jobId), 10_000, 100);
    expect(log.resumedWindows).toBe(killAfter + 1);
    // The committed windows were not decoded again.
    expect(log.windows).toBe(windows - (killAfter + 1));
    const segments = segmentsOf(s2, jobId);
    expect(segments).toEqual(reference);
    expect(pendingCount(s2, jobId)).toBe(0);
    expect(jobOf(s2)).toMatchObject({ status: "completed", error: null, resumeState: null });
  }, 240_000);

  it("fails a file that kills the worker three times in a row, with a reason, instead of retrying it for ever", async () => {
    const s = await start({ env: { SELENITE_TEST_HOOKS: "1", SELENITE_CRASH_AT: "window", SELENITE_CRASH_WINDOW: "1" } });
    installModel(s.modelsDir);
    const { headers } = userWithToken(s, "owner@example.com");
    const jobId = await upload(s, headers);
    await waitFor("the poison job to fail", async () => jobOf(s)?.status === "failed", 120_000, 200);
    const job = jobOf(s);
    expect(job?.attempts).toBe(3);
    expect(job?.error).toMatch(/crashed 3 times in a row on this file.*stopped retrying/);
    expect(pendingCount(s, jobId)).toBe(0);
    const crashes = s
      .output()
      .split("\n")
      .filter((line) => line.includes('"worker crashed during a job"') && line.includes(jobId));
    expect(crashes.map((line) => JSON.parse(line).outcome)).toEqual(["requeued", "requeued", "failed"]);
    // The server is still up and answers.
    expect((await fetch(`${s.url}/api/health`)).ok).toBe(true);
  }, 180_000);
});
