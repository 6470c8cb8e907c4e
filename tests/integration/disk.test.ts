// Disk space: uploads refused up front (507) below the reserve; a disk that fills
// during an upload fails only that upload, removes its partial file and leaves the
// server healthy; a transcript write that fails (disk full) fails only that job.
// The filling disk is a real 20 MB tmpfs mounted on the uploads folder (needs root);
// the transcript write failure is simulated by the test hook SELENITE_FAIL_AT.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, userWithToken } from "../helpers/auth";
import { installModel, uploadForm, waitFor } from "../helpers/fixtures";
import { makeLongWav, makeTempDir } from "../helpers/media";
import { startServer, type TestServer } from "../helpers/server";
import { streamingUpload } from "../helpers/streaming-upload";

let media: { dir: string; cleanup: () => Promise<void> };
let server: TestServer;
let headers: Record<string, string>;
let uploads: string;
let mounted = false;

function tryMountTmpfs(dir: string, size: string): boolean {
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", `size=${size}`, "tmpfs", dir], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

const jobCount = () => {
  const db = openDb(server);
  try {
    return (db.prepare(`SELECT COUNT(*) AS n FROM "Job"`).get() as { n: number }).n;
  } finally {
    db.close();
  }
};

const setReserve = async (mb: number) => {
  const response = await fetch(`${server.url}/api/settings`, {
    method: "PATCH",
    headers: { ...headers, "content-type": "application/json" },
    body: JSON.stringify({ diskReserveMb: mb }),
  });
  expect(response.status).toBe(200);
};

beforeAll(async () => {
  media = await makeTempDir();
  const dir = fs.mkdtempSync(path.join(media.dir, "server-"));
  uploads = path.join(dir, "storage", "uploads");
  fs.mkdirSync(uploads, { recursive: true });
  mounted = tryMountTmpfs(uploads, "20m");
  server = await startServer({ dir, env: { SELENITE_TEST_HOOKS: "1", SELENITE_FAIL_AT: "transcript-write" } });
  installModel(server.modelsDir);
  headers = userWithToken(server, "owner@example.com").headers;
});

afterAll(async () => {
  await server?.stop();
  if (mounted) execFileSync("umount", [uploads]);
  await media?.cleanup();
});

describe("disk space", () => {
  it("refuses an upload up front with 507 when it would eat into the reserve", async () => {
    const wav = await makeLongWav(path.join(media.dir, "small.wav"), 2);
    await setReserve(1024 * 1024);
    const response = await fetch(`${server.url}/api/jobs`, { method: "POST", headers, body: uploadForm([{ path: wav }]) });
    expect(response.status).toBe(507);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("insufficient_storage");
    expect(body.error.message).toMatch(/Not enough disk space: \d+ MB free, and Selenite keeps 1048576 MB in reserve/);
    expect(fs.readdirSync(uploads)).toEqual([]);
    expect(jobCount()).toBe(0);
    await setReserve(0);
  });

  it.skipIf(!tryMountTmpfsProbe())("fails an upload that fills the disk with 507, removes its partial file, and carries on", async () => {
    expect(mounted).toBe(true);
    // No Content-Length, so the up-front check cannot see it coming: the disk fills mid-stream.
    const big = await streamingUpload(server.url, headers, { bytes: 40 * 1024 * 1024, name: "too-big.wav", chunked: true }).done;
    expect(big.status).toBe(507);
    expect(JSON.parse(big.body).error.message).toMatch(/disk is full/);
    expect(fs.readdirSync(uploads)).toEqual([]);
    expect(jobCount()).toBe(0);

    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    const wav = await makeLongWav(path.join(media.dir, "after.wav"), 2);
    const after = await fetch(`${server.url}/api/jobs`, { method: "POST", headers, body: uploadForm([{ path: wav }]) });
    expect(after.status).toBe(201);
    expect(fs.readdirSync(uploads)).toHaveLength(1);
  });

  it("fails only the job whose transcript cannot be written, with a reason a person understands", async () => {
    const wav = await makeLongWav(path.join(media.dir, "write.wav"), 5);
    const upload = await fetch(`${server.url}/api/jobs`, { method: "POST", headers, body: uploadForm([{ path: wav }]) });
    expect(upload.status).toBe(201);
    const failed = await waitFor(
      "the jobs to fail",
      async () => {
        const { jobs } = (await (await fetch(`${server.url}/api/jobs`, { headers })).json()) as {
          jobs: { id: string; status: string; error: string | null }[];
        };
        return jobs.length > 0 && jobs.every((j) => j.status === "failed") && jobs;
      },
      60_000,
      250,
    );
    for (const job of failed) {
      expect(job.error).toMatch(/disk is full, so this transcript could not be saved/);
      const transcript = await fetch(`${server.url}/api/jobs/${job.id}/transcript`, { headers });
      const body = (await transcript.json()) as { segments?: unknown[] };
      expect(body.segments ?? []).toHaveLength(0);
    }
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });
});

/** Whether this machine lets us mount a tmpfs (root in a container usually can). */
function tryMountTmpfsProbe(): boolean {
  const probe = fs.mkdtempSync(path.join(process.env.TMPDIR ?? "/tmp", "selenite-mount-"));
  const ok = tryMountTmpfs(probe, "1m");
  if (ok) execFileSync("umount", [probe]);
  fs.rmSync(probe, { recursive: true, force: true });
  return ok;
}
