// Waveform peaks from the server (issue 14.11), against the real server and real
// ffmpeg: GET /api/jobs/:id/peaks decodes the recording once, keeps the result next to
// it in storage and serves that from then on (with a validator for the browser's
// cache); any length works, a two-hour recording included; only the owner gets them;
// a file ffmpeg cannot decode and a missing one are answered with a reason; the stored
// peaks survive a server restart (the start-up cleanup keeps them) and go with the job.
import { randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodePeaks, PEAKS_HEADER_BYTES } from "@/lib/peaks/format";
import { openDb, userWithToken } from "../helpers/auth";
import { ffmpeg, makeTempDir, makeTone } from "../helpers/media";
import { startServer, type TestServer } from "../helpers/server";

const PEAKS_PER_SECOND = 20;
const TWO_HOURS = 2 * 3600;

let server: TestServer;
let owner: ReturnType<typeof userWithToken>;
let other: ReturnType<typeof userWithToken>;
let media: { dir: string; cleanup: () => Promise<void> };
const jobs = { tone: "", long: "", broken: "", missing: "" };

const uploads = () => path.join(server.storageDir, "uploads");

/** A finished job whose recording is `file` (copied into storage), as an upload leaves it. */
function insertJob(userId: string, file: string | null, ext = ".wav"): string {
  const id = `job${randomUUID().replace(/-/g, "").slice(0, 16)}`;
  const storedName = `${randomUUID()}${ext}`;
  fs.mkdirSync(uploads(), { recursive: true });
  if (file) fs.copyFileSync(file, path.join(uploads(), storedName));
  const db = openDb(server);
  try {
    const now = new Date().toISOString();
    db.prepare(
      `INSERT INTO "Job" (id, userId, title, originalName, storedName, sizeBytes, durationSec, model, status, progress, createdAt, updatedAt, queuedAt, finishedAt)
       VALUES (?, ?, 'Peaks', 'peaks.wav', ?, 1, NULL, 'whisper-micro', 'cancelled', 0, ?, ?, ?, ?)`,
    ).run(id, userId, storedName, now, now, now, now);
  } finally {
    db.close();
  }
  return id;
}

const storedNameOf = (jobId: string) => {
  const db = openDb(server);
  try {
    return (db.prepare(`SELECT storedName FROM "Job" WHERE id = ?`).get(jobId) as { storedName: string }).storedName;
  } finally {
    db.close();
  }
};
const sidecar = (jobId: string) => path.join(uploads(), `${storedNameOf(jobId)}.peaks`);

async function peaks(jobId: string, headers: Record<string, string> = owner.headers) {
  const response = await fetch(`${server.url}/api/jobs/${jobId}/peaks`, { headers });
  return { response, bytes: new Uint8Array(await response.arrayBuffer()) };
}

beforeAll(async () => {
  media = await makeTempDir();
  const tone = await makeTone(path.join(media.dir, "tone.wav"), 5);
  const silence = path.join(media.dir, "silence.wav");
  await ffmpeg(["-f", "lavfi", "-i", `anullsrc=sample_rate=8000:channel_layout=mono`, "-t", String(TWO_HOURS), "-c:a", "pcm_s16le", silence]);
  const broken = path.join(media.dir, "broken.wav");
  fs.writeFileSync(broken, randomBytes(64 * 1024));
  server = await startServer();
  owner = userWithToken(server, "owner@example.com");
  other = userWithToken(server, "other@example.com");
  jobs.tone = insertJob(owner.userId, tone);
  jobs.long = insertJob(owner.userId, silence);
  jobs.broken = insertJob(owner.userId, broken);
  jobs.missing = insertJob(owner.userId, null);
}, 120_000);

afterAll(async () => {
  await server?.stop();
  if (server) fs.rmSync(server.dir, { recursive: true, force: true });
  await media?.cleanup();
});

describe("GET /api/jobs/:id/peaks", () => {
  it("serves the recording's peaks with the decoder's duration, kept next to it and revalidated by ETag", async () => {
    expect(fs.existsSync(sidecar(jobs.tone))).toBe(false);
    const { response, bytes } = await peaks(jobs.tone);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/octet-stream");
    expect(response.headers.get("cache-control")).toBe("private, max-age=86400");
    const etag = response.headers.get("etag");
    expect(etag).toMatch(/^".+"$/);
    const parsed = decodePeaks(bytes);
    expect(parsed).not.toBeNull();
    expect(parsed!.peaksPerSecond).toBe(PEAKS_PER_SECOND);
    expect(parsed!.durationSec).toBeCloseTo(5, 2);
    expect(bytes.length).toBe(PEAKS_HEADER_BYTES + 5 * PEAKS_PER_SECOND);
    // A steady tone: every slice about as loud as the others, none silent.
    expect(Math.min(...parsed!.values)).toBeGreaterThan(0);
    expect(Math.max(...parsed!.values) - Math.min(...parsed!.values)).toBeLessThanOrEqual(2);
    expect(new Uint8Array(fs.readFileSync(sidecar(jobs.tone)))).toEqual(bytes);

    const again = await fetch(`${server.url}/api/jobs/${jobs.tone}/peaks`, { headers: { ...owner.headers, "if-none-match": etag! } });
    expect(again.status).toBe(304);
    expect(again.headers.get("etag")).toBe(etag);
  });

  it("draws a two-hour recording, and serves it the second time from the stored file without decoding again", async () => {
    const started = Date.now();
    const first = await peaks(jobs.long);
    const firstMs = Date.now() - started;
    expect(first.response.status).toBe(200);
    expect(first.bytes.length).toBe(PEAKS_HEADER_BYTES + TWO_HOURS * PEAKS_PER_SECOND);
    const parsed = decodePeaks(first.bytes)!;
    expect(parsed.durationSec).toBeCloseTo(TWO_HOURS, 1);
    expect(parsed.values.every((v) => v === 0)).toBe(true);

    const stored = fs.statSync(sidecar(jobs.long));
    // Remove the recording: only the stored peaks can answer now.
    const recording = path.join(uploads(), storedNameOf(jobs.long));
    const kept = `${recording}.aside`;
    fs.renameSync(recording, kept);
    try {
      const secondStarted = Date.now();
      const second = await peaks(jobs.long);
      const secondMs = Date.now() - secondStarted;
      expect(second.response.status).toBe(200);
      expect(second.bytes).toEqual(first.bytes);
      expect(fs.statSync(sidecar(jobs.long)).mtimeMs).toBe(stored.mtimeMs);
      console.info(`peaks of a 2-hour recording: ${firstMs} ms to compute, ${secondMs} ms from the stored file (${first.bytes.length} bytes)`);
    } finally {
      fs.renameSync(kept, recording);
    }
  }, 300_000);

  it("is the owner's only, and says what went wrong for a file it cannot decode or cannot find", async () => {
    expect((await peaks(jobs.tone, other.headers)).response.status).toBe(404);
    expect((await fetch(`${server.url}/api/jobs/${jobs.tone}/peaks`)).status).toBe(401);

    const broken = await fetch(`${server.url}/api/jobs/${jobs.broken}/peaks`, { headers: owner.headers });
    expect(broken.status).toBe(422);
    const brokenError = ((await broken.json()) as { error: { message: string } }).error.message;
    expect(brokenError).toBe(
      "The waveform could not be drawn from this recording: ffmpeg found no audio it could decode. Playback and the transcript are not affected.",
    );
    expect(fs.existsSync(sidecar(jobs.broken))).toBe(false);

    const missing = await fetch(`${server.url}/api/jobs/${jobs.missing}/peaks`, { headers: owner.headers });
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { message: string } }).error.message).toBe("The recording's file is missing from storage.");
  });

  it("serves the recording to a player that drops its requests half-way without tripping the server", async () => {
    // A video seeking drops range requests all the time (lib/http/range.ts).
    for (let i = 0; i < 20; i++) {
      const aborter = new AbortController();
      const response = await fetch(`${server.url}/api/jobs/${jobs.long}/media`, {
        headers: { ...owner.headers, range: `bytes=${i * 1_000_000}-` },
        signal: aborter.signal,
      });
      expect(response.status).toBe(206);
      const reader = response.body!.getReader();
      await reader.read();
      aborter.abort();
      await reader.cancel().catch(() => undefined);
    }
    const whole = await fetch(`${server.url}/api/jobs/${jobs.tone}/media`, { headers: owner.headers });
    expect(Buffer.from(await whole.arrayBuffer()).length).toBe(fs.statSync(path.join(uploads(), storedNameOf(jobs.tone))).size);
    expect(server.output()).not.toMatch(/Controller is already closed|uncaughtException/);
  });

  it("keeps stored peaks across a restart, and removes them with the job when the trash sweep purges it", async () => {
    const file = sidecar(jobs.tone);
    expect(fs.existsSync(file)).toBe(true);
    const dir = server.dir;
    await server.stop();
    // A quick trash sweep for the last step.
    server = await startServer({ dir, env: { TRASH_SWEEP_SEC: "0.5" } });
    expect(fs.existsSync(file)).toBe(true);
    expect(fs.existsSync(sidecar(jobs.long))).toBe(true);

    expect((await fetch(`${server.url}/api/jobs/${jobs.tone}`, { method: "DELETE", headers: owner.headers })).status).toBe(204);
    // Its days in the trash are up: the server's sweep purges the job, recording and peaks.
    const db = openDb(server);
    try {
      db.prepare(`UPDATE "Job" SET deletedAt = ? WHERE id = ?`).run(
        new Date(Date.now() - 31 * 24 * 3600 * 1000).toISOString().replace("Z", "+00:00"),
        jobs.tone,
      );
    } finally {
      db.close();
    }
    await expect.poll(() => fs.existsSync(file), { timeout: 30_000 }).toBe(false);
    expect(fs.existsSync(path.join(uploads(), storedNameOf(jobs.long)))).toBe(true);
  }, 120_000);
});
