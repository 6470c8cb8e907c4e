// Downloading and deleting models through the real server, as the Models page does:
// REST routes over lib/models/service.ts, progress as `model` events on /api/events,
// against the local hub-layout server (tests/helpers/model-hub.ts), never the internet.
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ModelDownloadPayload } from "@/lib/events/bus";
import { openDb, userWithToken } from "../helpers/auth";
import { waitFor } from "../helpers/fixtures";
import { HUB_DECODER, startModelHub, writeHubModel, type ModelHub } from "../helpers/model-hub";
import { startServer, type TestServer } from "../helpers/server";
import { openEvents } from "../helpers/sse";
import { makeSpeakerModels } from "@/scripts/gen/speaker-models/index";

// Catalogue names, so the page's buttons and `models pull` mean the same repos.
const TINY = "onnx-community/whisper-tiny";
const BASE = "onnx-community/whisper-base";
const SMALL = "onnx-community/whisper-small";
const FP32_DECODER = "onnx/decoder_model_merged.onnx";

let hub: ModelHub;
let dir: string;
let server: TestServer;
let owner: ReturnType<typeof userWithToken>;
let other: ReturnType<typeof userWithToken>;

const start = () => startServer({ dir, env: { MODEL_HOST: hub.host } });

beforeAll(async () => {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), "selenite-hub-"));
  await writeHubModel(path.join(root, TINY));
  await writeHubModel(path.join(root, BASE), { encoder: 600_000, decoder: 600_000 });
  await writeHubModel(path.join(root, SMALL));
  // A corrupt file on the host: the decoder is an error page, not ONNX.
  await fs.writeFile(path.join(root, SMALL, HUB_DECODER), `<html>${"x".repeat(5000)}</html>`);
  // The speaker models, generated in their hub layout (onnx-community/<name>).
  await makeSpeakerModels({ outDir: path.join(root, "onnx-community") });
  hub = await startModelHub(root);
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "selenite-models-service-"));
  server = await start();
  owner = userWithToken(server, "owner@example.com");
  other = userWithToken(server, "other@example.com");
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await hub?.close();
  await fs.rm(hub.root, { recursive: true, force: true });
  await fs.rm(dir, { recursive: true, force: true });
});

beforeEach(() => hub.reset());

const api = (url: string, init: RequestInit = {}, headers = owner.headers) =>
  fetch(`${server.url}${url}`, { ...init, headers: { "content-type": "application/json", ...headers } });

async function catalogEntry(name: string) {
  const body = (await (await api("/api/models")).json()) as {
    catalog: { models: Array<{ kind: string; name: string; installed: unknown; partialBytes: number | null }> };
  };
  return body.catalog.models.find((m) => m.name === name)!;
}

/** Subscribes, then runs `action`, then collects `name`'s model events until `until` holds. */
async function modelEvents(name: string, action: () => Promise<unknown>, until: (d: ModelDownloadPayload) => boolean): Promise<ModelDownloadPayload[]> {
  const events = await openEvents(`${server.url}/api/events`, owner.headers);
  try {
    await action();
    return await collect(events, name, until);
  } finally {
    events.close();
  }
}

async function collect(events: Awaited<ReturnType<typeof openEvents>>, name: string, until: (d: ModelDownloadPayload) => boolean, timeoutMs = 30_000) {
  const seen: ModelDownloadPayload[] = [];
  for (;;) {
    const event = await events.next((e) => e.event === "model" && (JSON.parse(e.data) as ModelDownloadPayload).name === name, timeoutMs);
    const download = JSON.parse(event.data) as ModelDownloadPayload;
    seen.push(download);
    if (until(download)) return seen;
  }
}

describe("the models service over REST", () => {
  it("downloads a catalogue model with live progress events, then installs it", async () => {
    hub.throttle = { chunkBytes: 16_384, delayMs: 15 };
    const events = await openEvents(`${server.url}/api/events`, owner.headers);
    try {
      const response = await api("/api/models/whisper-tiny/download", { method: "POST", body: JSON.stringify({}) });
      expect(response.status).toBe(202);
      expect((await response.json()).download).toMatchObject({ name: "whisper-tiny", dtype: "fp32", status: "downloading" });

      const seen = await collect(events, "whisper-tiny", (d) => d.status !== "downloading");
      expect(seen.at(-1)).toMatchObject({ status: "installed", error: null });
      const progress = seen.filter((d) => d.status === "downloading" && d.bytesDone > 0);
      expect(progress.length).toBeGreaterThanOrEqual(2);
      expect(progress.every((d, i) => i === 0 || d.bytesDone >= progress[i - 1].bytesDone)).toBe(true);
      expect(progress.at(-1)!.bytesTotal).toBeGreaterThan(500_000);
    } finally {
      events.close();
    }
    expect((await catalogEntry("whisper-tiny")).installed).toMatchObject({ dtypes: ["fp32"] });
    const hit = hub.log.find((h) => h.method === "GET" && h.url.endsWith(FP32_DECODER));
    expect(hit?.url).toBe(`/${TINY}/resolve/main/${FP32_DECODER}`);
  });

  it("lets only the owner download or delete, and names a dtype the host does not offer", async () => {
    const refused = await api("/api/models/whisper-base/download", { method: "POST" }, other.headers);
    expect(refused.status).toBe(403);
    expect((await refused.json()).error.message).toMatch(/Only the owner/);
    expect((await api("/api/models/whisper-tiny", { method: "DELETE" }, other.headers)).status).toBe(403);

    const badDtype = await api("/api/models/whisper-base/download", { method: "POST", body: JSON.stringify({ dtype: "fp64" }) });
    expect(badDtype.status).toBe(422);
    const unknown = await api("/api/models/whisper-huge/download", { method: "POST" });
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).error.message).toMatch(/Unknown model 'whisper-huge'/);

    const seen = await modelEvents(
      "whisper-base",
      () => api("/api/models/whisper-base/download", { method: "POST", body: JSON.stringify({ dtype: "q4" }) }),
      (d) => d.status !== "downloading",
    );
    expect(seen.at(-1)?.status).toBe("failed");
    expect(seen.at(-1)?.error).toMatch(/does not offer dtype 'q4'/);
  });

  it("refuses a corrupt file from the host and installs nothing", async () => {
    const seen = await modelEvents(
      "whisper-small",
      () => api("/api/models/whisper-small/download", { method: "POST" }),
      (d) => d.status !== "downloading",
    );
    expect(seen.at(-1)).toMatchObject({ status: "failed", error: expect.stringMatching(/do not make a usable model: .*HTML/) });
    const entry = await catalogEntry("whisper-small");
    expect(entry.installed).toBeNull();
    expect(entry.partialBytes).toBeNull();
    expect(await fs.readdir(server.modelsDir)).not.toContain("whisper-small");
  });

  it("cancels, keeps the bytes, survives a server crash mid-download, and resumes with Range", async () => {
    hub.throttle = { chunkBytes: 8192, delayMs: 25 };
    const events = await openEvents(`${server.url}/api/events`, owner.headers);
    await api("/api/models/whisper-base/download", { method: "POST" });
    await collect(events, "whisper-base", (d) => d.bytesDone > 300_000);
    const cancel = await api("/api/models/whisper-base/cancel", { method: "POST" });
    expect(cancel.status).toBe(200);
    const stopped = await collect(events, "whisper-base", (d) => d.status !== "downloading");
    events.close();
    expect(stopped.at(-1)?.status).toBe("cancelled");
    const kept = (await catalogEntry("whisper-base")).partialBytes;
    expect(kept).toBeGreaterThan(300_000);

    // Start again, and pull the plug on the server in the middle.
    const again = await openEvents(`${server.url}/api/events`, owner.headers);
    await api("/api/models/whisper-base/download", { method: "POST" });
    await collect(again, "whisper-base", (d) => d.bytesDone > kept! + 50_000);
    again.close();
    await server.kill9();
    server = await start();

    const partial = (await catalogEntry("whisper-base")).partialBytes;
    expect(partial).toBeGreaterThan(kept!);
    hub.reset();
    const seen = await modelEvents(
      "whisper-base",
      () => api("/api/models/whisper-base/download", { method: "POST" }),
      (d) => d.status !== "downloading",
    );
    expect(seen.at(-1)?.status).toBe("installed");
    const ranged = hub.log.filter((h) => h.method === "GET" && h.range);
    expect(ranged.length).toBeGreaterThanOrEqual(1);
    // Files finished before the crash are not fetched again.
    expect(hub.log.filter((h) => h.method === "GET" && !h.range && h.url.includes("encoder_model"))).toEqual([]);
    const [got, want] = await Promise.all([
      fs.readFile(path.join(server.modelsDir, "whisper-base", FP32_DECODER)),
      fs.readFile(path.join(hub.root, BASE, FP32_DECODER)),
    ]);
    expect(got.equals(want)).toBe(true);
  }, 120_000);

  it("downloads a speaker model from the Models page and keeps it while a speaker stage runs", async () => {
    const name = "pyannote-segmentation-3.0";
    expect(await catalogEntry(name)).toMatchObject({ kind: "speakers", installed: null });
    const seen = await modelEvents(
      name,
      async () => expect((await api(`/api/models/${name}/download`, { method: "POST", body: JSON.stringify({}) })).status).toBe(202),
      (d) => d.status !== "downloading",
    );
    expect(seen.at(-1)).toMatchObject({ status: "installed", error: null });
    expect(await catalogEntry(name)).toMatchObject({ kind: "speakers", installed: { dtypes: ["fp32"] } });

    const db = openDb(server);
    const jobId = `job${Math.random().toString(36).slice(2)}`;
    const now = new Date().toISOString();
    db.prepare(
      `INSERT INTO "Job" (id, userId, title, originalName, storedName, sizeBytes, model, status, progress, createdAt, updatedAt, queuedAt)
       VALUES (?, ?, 'Speakers', 'speakers.mp3', ?, 1, 'whisper-tiny', 'completed', 1, ?, ?, ?)`,
    ).run(jobId, owner.userId, `${jobId}.mp3`, now, now, now);
    db.prepare(`INSERT INTO "SpeakerRun" (jobId, status, mode, queuedAt) VALUES (?, 'running', 'neural', ?)`).run(jobId, now);
    db.close();
    const refused = await api(`/api/models/${name}`, { method: "DELETE" });
    expect(refused.status).toBe(409);
    expect((await refused.json()).error.message).toMatch(/in use by 1 speaker stage running now/);

    const db2 = openDb(server);
    db2.prepare(`UPDATE "SpeakerRun" SET status = 'completed' WHERE jobId = ?`).run(jobId);
    db2.close();
    expect((await api(`/api/models/${name}`, { method: "DELETE" })).status).toBe(200);
    expect((await catalogEntry(name)).installed).toBeNull();
  });

  it("refuses to delete a model while a job uses it, then deletes it", async () => {
    await waitFor("whisper-tiny installed", async () => (await catalogEntry("whisper-tiny")).installed);
    const db = openDb(server);
    const jobId = `job${Math.random().toString(36).slice(2)}`;
    const now = new Date().toISOString();
    db.prepare(
      `INSERT INTO "Job" (id, userId, title, originalName, storedName, sizeBytes, model, status, progress, createdAt, updatedAt, queuedAt)
       VALUES (?, ?, 'In use', 'in-use.mp3', ?, 1, 'whisper-tiny', 'processing', 0.1, ?, ?, ?)`,
    ).run(jobId, owner.userId, `${jobId}.mp3`, now, now, now);
    db.close();

    const refused = await api("/api/models/whisper-tiny", { method: "DELETE" });
    expect(refused.status).toBe(409);
    expect((await refused.json()).error.message).toMatch(/in use by 1 queued or processing job/);
    expect((await catalogEntry("whisper-tiny")).installed).not.toBeNull();

    const db2 = openDb(server);
    db2.prepare(`UPDATE "Job" SET status = 'completed' WHERE id = ?`).run(jobId);
    db2.close();
    const deleted = await api("/api/models/whisper-tiny", { method: "DELETE" });
    expect(deleted.status).toBe(200);
    expect((await catalogEntry("whisper-tiny")).installed).toBeNull();
    expect(await fs.readdir(server.modelsDir)).not.toContain("whisper-tiny");
    expect((await api("/api/models/whisper-tiny", { method: "DELETE" })).status).toBe(404);
  });
});
