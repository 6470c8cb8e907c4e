// Every stage of a job reaches the browser: the worker thins progress within a stage,
// but a stage change (however quick) is written and published, in order.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { userWithToken } from "../helpers/auth";
import { installModel, uploadForm } from "../helpers/fixtures";
import { makeTempDir, makeTone } from "../helpers/media";
import { startServer, type TestServer } from "../helpers/server";
import { openEvents } from "../helpers/sse";

let server: TestServer;
let media: { dir: string; cleanup: () => Promise<void> };

beforeAll(async () => {
  media = await makeTempDir();
  server = await startServer();
  installModel(server.modelsDir);
});

afterAll(async () => {
  await server?.stop();
  await media?.cleanup();
});

describe("a job's stages on the event stream", () => {
  it("shows probing, loading model, transcribing and finalizing before completed", async () => {
    const { headers } = userWithToken(server, "owner@example.com");
    const wav = await makeTone(path.join(media.dir, "tone.wav"), 3);
    const stream = await openEvents(`${server.url}/api/events`, headers);
    await stream.next((e) => e.event === "snapshot");
    const upload = await fetch(`${server.url}/api/jobs`, { method: "POST", headers, body: uploadForm([{ path: wav }], { model: "whisper-micro" }) });
    expect(upload.status).toBe(201);
    const jobId = ((await upload.json()) as { results: { job: { id: string } }[] }).results[0].job.id;

    const seen: string[] = [];
    for (;;) {
      const event = await stream.next((e) => e.event === "job" && (JSON.parse(e.data) as { id: string }).id === jobId, 120_000);
      const job = JSON.parse(event.data) as { status: string; stage: string | null; error: string | null };
      const step = job.status === "processing" ? `processing: ${job.stage}` : job.status;
      if (seen.at(-1) !== step) seen.push(step);
      if (!["queued", "processing"].includes(job.status)) break;
    }
    stream.close();
    expect(seen).toEqual(["queued", "processing: probing", "processing: loading model", "processing: transcribing", "processing: finalizing", "completed"]);
  });
});
