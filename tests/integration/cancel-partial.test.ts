// Cancel keeps what was transcribed (issue 14.10), on the real server with the real
// engine and the test model: a job cancelled after its first windows committed ends
// "cancelled" with those windows as its transcript, marked partial with where it
// stopped, readable over the API and exportable; nothing is left pending. A job
// cancelled before any window committed keeps nothing and has nothing to export.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { userWithToken } from "../helpers/auth";
import { installModel, uploadForm, waitFor } from "../helpers/fixtures";
import { makeLongWav, makeTempDir } from "../helpers/media";
import { startServer, type TestServer } from "../helpers/server";
import { openEvents } from "../helpers/sse";

// Twenty 30 s windows: the cancel lands long before the last one.
const SECONDS = 600;

let server: TestServer;
let headers: Record<string, string>;
let media: { dir: string; cleanup: () => Promise<void> };
let wav = "";

function readDb<T>(read: (db: Database.Database) => T): T {
  const db = new Database(path.join(server.storageDir, "selenite.db"));
  db.pragma("busy_timeout = 10000");
  try {
    return read(db);
  } finally {
    db.close();
  }
}

type JobRow = { status: string; resumeState: string | null; transcriptMeta: string | null };
const jobRow = (id: string) => readDb((db) => db.prepare(`SELECT status, resumeState, transcriptMeta FROM "Job" WHERE id = ?`).get(id) as JobRow);
const pendingCount = (id: string) => readDb((db) => (db.prepare(`SELECT count(*) AS n FROM "PendingSegment" WHERE jobId = ?`).get(id) as { n: number }).n);

async function upload(): Promise<string> {
  const response = await fetch(`${server.url}/api/jobs`, { method: "POST", headers, body: uploadForm([{ path: wav, name: "long.wav" }], { vad: "false" }) });
  expect(response.status).toBe(201);
  return ((await response.json()) as { results: { job: { id: string } }[] }).results[0].job.id;
}

const cancel = (id: string) => fetch(`${server.url}/api/jobs/${id}/cancel`, { method: "POST", headers });

beforeAll(async () => {
  media = await makeTempDir();
  wav = await makeLongWav(path.join(media.dir, "long.wav"), SECONDS);
  server = await startServer();
  installModel(server.modelsDir);
  headers = userWithToken(server, "owner@example.com").headers;
}, 60_000);

afterAll(async () => {
  await server?.stop();
  if (server) fs.rmSync(server.dir, { recursive: true, force: true });
  await media?.cleanup();
});

describe("cancel keeps the windows already transcribed", () => {
  it("a running job ends cancelled with its committed segments as a partial transcript that reads and exports; a queued one keeps nothing", async () => {
    const events = await openEvents(`${server.url}/api/events`, headers);
    let live: { start: number; end: number; text: string }[] = [];
    let running = "";
    let waiting = "";
    try {
      running = await upload();
      const first = await events.next((e) => e.event === "segments" && JSON.parse(e.data).jobId === running, 120_000);
      live = (JSON.parse(first.data) as { segments: typeof live }).segments;
      expect(live.length).toBeGreaterThan(0);
      // One worker slot: this one waits in line behind the running job.
      waiting = await upload();
      expect(jobRow(waiting).status).toBe("queued");
      expect((await cancel(waiting)).status).toBe(200);
      expect((await cancel(running)).status).toBe(200);
      await waitFor("the job to stop", async () => jobRow(running).status !== "processing", 120_000, 200);
    } finally {
      events.close();
    }

    const row = jobRow(running);
    expect(row.status).toBe("cancelled");
    expect(row.resumeState).toBeNull();
    expect(pendingCount(running)).toBe(0);
    const meta = JSON.parse(row.transcriptMeta ?? "null") as { partialUntil: number };
    expect(meta.partialUntil).toBeGreaterThan(0);
    expect(meta.partialUntil).toBeLessThan(SECONDS);

    const transcript = await fetch(`${server.url}/api/jobs/${running}/transcript`, { headers });
    expect(transcript.status).toBe(200);
    const body = (await transcript.json()) as { job: { status: string }; segments: { start: number; end: number; text: string }[] };
    expect(body.job.status).toBe("cancelled");
    // At least the window seen live, in order, and nothing past where it stopped.
    expect(body.segments.length).toBeGreaterThanOrEqual(live.length);
    expect(body.segments.slice(0, live.length).map(({ start, end, text }) => ({ start, end, text }))).toEqual(live);
    expect(body.segments.at(-1)!.end).toBeLessThanOrEqual(meta.partialUntil);

    const txt = await fetch(`${server.url}/api/jobs/${running}/export?format=txt`, { headers });
    expect(txt.status).toBe(200);
    expect((await txt.text()).trim().length).toBeGreaterThan(0);
    const vtt = await fetch(`${server.url}/api/jobs/${running}/export?format=vtt`, { headers });
    expect(vtt.status).toBe(200);
    expect(await vtt.text()).toMatch(/^WEBVTT/);

    // The queued job never ran: nothing kept, and the export says why.
    expect(jobRow(waiting)).toMatchObject({ status: "cancelled", transcriptMeta: null });
    const none = await fetch(`${server.url}/api/jobs/${waiting}/export?format=txt`, { headers });
    expect(none.status).toBe(409);
    expect(((await none.json()) as { error: { message: string } }).error.message).toBe("This transcript is not ready yet: the job is cancelled.");
  }, 240_000);
});
