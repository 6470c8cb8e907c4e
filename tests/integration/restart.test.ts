// Restarting the server never loses work: the job being transcribed goes back to
// the queue, the queued ones keep their order, and all of them complete.
// Uploads here send vad=false: the tones hold no speech, and voice detection (on by default) would leave no transcript.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { userWithToken } from "../helpers/auth";
import { installModel, uploadForm, waitFor } from "../helpers/fixtures";
import { makeLongWav, makeTempDir } from "../helpers/media";
import { startServer, type TestServer } from "../helpers/server";

let media: { dir: string; cleanup: () => Promise<void> };
let server: TestServer | undefined;

type Job = { id: string; status: string; error: string | null };

async function jobs(s: TestServer, headers: Record<string, string>): Promise<Job[]> {
  const response = await fetch(`${s.url}/api/jobs?limit=10`, { headers });
  return ((await response.json()) as { jobs: Job[] }).jobs;
}

beforeAll(async () => {
  media = await makeTempDir();
});

afterAll(async () => {
  await server?.stop();
  await media?.cleanup();
});

describe("a server restart with work in the queue", () => {
  it("completes the interrupted job and the queued ones afterwards", async () => {
    server = await startServer();
    installModel(server.modelsDir);
    const { headers } = userWithToken(server, "owner@example.com");
    const files = await Promise.all([0, 1, 2].map((i) => makeLongWav(path.join(media.dir, `part-${i}.wav`), 150)));
    const upload = await fetch(`${server.url}/api/jobs`, {
      method: "POST",
      headers,
      body: uploadForm(
        files.map((file) => ({ path: file })),
        { vad: "false" },
      ),
    });
    expect(upload.status).toBe(201);

    const s1 = server;
    await waitFor("a job to be processing", async () => (await jobs(s1, headers)).some((j) => j.status === "processing"), 60_000, 50);
    const before = await jobs(s1, headers);
    expect(before.filter((j) => j.status === "queued").length + before.filter((j) => j.status === "processing").length).toBe(3);
    expect(await s1.stop("SIGTERM")).toBe(0);

    server = await startServer({ dir: s1.dir });
    const s2 = server;
    const finished = await waitFor(
      "all three jobs to finish",
      async () => {
        const list = await jobs(s2, headers);
        return list.every((j) => ["completed", "failed", "cancelled"].includes(j.status)) ? list : null;
      },
      240_000,
      500,
    );
    expect(finished.map((j) => [j.status, j.error])).toEqual([
      ["completed", null],
      ["completed", null],
      ["completed", null],
    ]);
    for (const job of finished) {
      const transcript = await (await fetch(`${s2.url}/api/jobs/${job.id}/transcript`, { headers })).json();
      expect(transcript.segments.length).toBeGreaterThan(0);
      expect(transcript.segments.at(-1).end).toBeLessThanOrEqual(150.5);
    }
    expect(fs.readdirSync(path.join(s2.storageDir, "uploads"))).toHaveLength(3);
  });
});
