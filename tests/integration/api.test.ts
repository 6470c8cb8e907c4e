// The REST API through real HTTP: with a token, without one, with someone else's
// ids, and with malformed input.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInCookie, userWithToken } from "../helpers/auth";
import { installModel, uploadForm } from "../helpers/fixtures";
import { makeTempDir, makeTone } from "../helpers/media";
import { startServer, type TestServer } from "../helpers/server";

let server: TestServer;
let owner: ReturnType<typeof userWithToken>;
let other: ReturnType<typeof userWithToken>;
let media: { dir: string; cleanup: () => Promise<void> };
let wav: string;

const OWNER = { email: "owner@example.com", password: "owner-password-1" };

async function api(pathname: string, init: RequestInit & { as?: Record<string, string> } = {}) {
  const response = await fetch(`${server.url}${pathname}`, {
    ...init,
    headers: { ...(init.as ?? owner.headers), ...(init.headers as Record<string, string>) },
  });
  const text = await response.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = text;
  }
  return { status: response.status, body: body as Record<string, any>, headers: response.headers };
}

beforeAll(async () => {
  media = await makeTempDir();
  wav = await makeTone(path.join(media.dir, "tone.wav"), 3);
  server = await startServer({ env: { ADMIN_EMAIL: OWNER.email, ADMIN_PASSWORD: OWNER.password, MAX_UPLOAD_MB: "2" } });
  owner = userWithToken(server, OWNER.email);
  other = userWithToken(server, "other@example.com");
  // Pause the queue's effects on these tests: the jobs here only need to exist.
  await api("/api/settings", { method: "PATCH", body: JSON.stringify({ defaultLanguage: "auto" }) });
});

afterAll(async () => {
  await server?.stop();
  await media?.cleanup();
});

describe("uploads", () => {
  it("says how to install a model when none is installed", async () => {
    const response = await api("/api/jobs", { method: "POST", body: uploadForm([{ path: wav }]) });
    expect(response.status).toBe(409);
    expect(response.body.error.message).toContain("npm run models -- pull whisper-base");
    expect(fs.readdirSync(path.join(server.storageDir, "uploads"))).toEqual([]);
  });

  it("queues good files and rejects bad ones with a reason, each on its own", async () => {
    installModel(server.modelsDir);
    const text = path.join(media.dir, "notes.mp3");
    fs.writeFileSync(text, "This is not audio at all, just text pretending.\n".repeat(20));
    const pdf = path.join(media.dir, "report.wav");
    fs.writeFileSync(pdf, Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(2000, 65)]));
    const big = path.join(media.dir, "big.wav");
    await makeTone(big, 90); // 90 s of 16-bit stereo 44.1 kHz > 2 MB limit
    const response = await api("/api/jobs", {
      method: "POST",
      body: uploadForm([{ path: wav, name: "../../etc/Good one.wav" }, { path: text }, { path: pdf }, { path: big }], { tags: "api, test" }),
    });
    expect(response.status).toBe(200);
    const results = response.body.results as {
      ok: boolean;
      name: string;
      error?: { code: string; message: string };
      job?: { id: string; title: string; tags: { name: string }[] };
    }[];
    expect(results.map((r) => r.ok)).toEqual([true, false, false, false]);
    expect(results[0].name).toBe("Good one.wav");
    expect(results[0].job?.title).toBe("Good one");
    expect(results[0].job?.tags.map((t) => t.name).sort()).toEqual(["api", "test"]);
    expect(results[1].error?.message).toBe("This file is not an audio or video file Selenite can read.");
    expect(results[2].error?.message).toMatch(/not audio or video \(it looks like a PDF file\)/);
    expect(results[3].error?.code).toBe("payload_too_large");
    // Only the accepted file is kept, under a generated name.
    const stored = fs.readdirSync(path.join(server.storageDir, "uploads"));
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatch(/^[0-9a-f-]{36}\.wav$/);
  });

  it("refuses malformed uploads with a message", async () => {
    expect((await api("/api/jobs", { method: "POST", body: "{}", headers: { "content-type": "application/json" } })).status).toBe(415);
    const empty = await api("/api/jobs", { method: "POST", body: uploadForm([], { model: "whisper-micro" }) });
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toMatch(/No file was sent/);
    const badLanguage = await api("/api/jobs", { method: "POST", body: uploadForm([{ path: wav }], { language: "klingon" }) });
    expect(badLanguage.status).toBe(422);
    expect(badLanguage.body.error.message).toMatch(/^language: /);
    const badModel = await api("/api/jobs", { method: "POST", body: uploadForm([{ path: wav }], { model: "whisper-huge" }) });
    expect(badModel.status).toBe(422);
    expect(badModel.body.error.message).toMatch(/not installed/);
  });

  it("takes beam size and patience per upload, Settings' when left out, and refuses values that keep no beam", async () => {
    const set = await api("/api/settings", { method: "PATCH", body: JSON.stringify({ beamSize: 3, patience: 1.5 }) });
    expect(set.body.settings).toMatchObject({ beamSize: 3, patience: 1.5 });
    const defaulted = await api("/api/jobs", { method: "POST", body: uploadForm([{ path: wav }]) });
    expect(defaulted.body.results[0].job).toMatchObject({ beamSize: 3, patience: 1.5 });
    const chosen = await api("/api/jobs", { method: "POST", body: uploadForm([{ path: wav }], { beamSize: "1", patience: "2" }) });
    expect(chosen.body.results[0].job).toMatchObject({ beamSize: 1, patience: 2 });
    const zero = await api("/api/jobs", { method: "POST", body: uploadForm([{ path: wav }], { beamSize: "0" }) });
    expect(zero.status).toBe(422);
    expect(zero.body.error.message).toMatch(/^beamSize: Beam size is at least 1/);
    const patience = await api("/api/settings", { method: "PATCH", body: JSON.stringify({ patience: 0 }) });
    expect(patience.status).toBe(422);
    expect(patience.body.error.message).toMatch(/^patience: /);
    await api("/api/settings", { method: "PATCH", body: JSON.stringify({ beamSize: 1, patience: 1 }) });
    // Later tests count the stored files: these two jobs go again.
    for (const response of [defaulted, chosen]) {
      const id = response.body.results[0].job.id as string;
      await api(`/api/jobs/${id}/cancel`, { method: "POST" });
      expect((await api(`/api/jobs/${id}`, { method: "DELETE" })).status).toBe(204);
    }
  });
});

describe("jobs", () => {
  let jobId: string;

  beforeAll(async () => {
    const list = await api("/api/jobs");
    jobId = list.body.jobs[0].id;
  });

  it("lists, filters and validates queries", async () => {
    const list = await api("/api/jobs?limit=10&q=Good");
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(1);
    expect((await api("/api/jobs?q=nothing-like-this")).body.total).toBe(0);
    const bad = await api("/api/jobs?status=exploded");
    expect(bad.status).toBe(422);
    expect(bad.body.error.message).toMatch(/^status/);
    expect((await api("/api/jobs?from=2026-13-45")).status).toBe(422);
    expect((await api("/api/jobs?limit=100000")).status).toBe(422);
  });

  it("keeps each user's jobs to themselves", async () => {
    expect((await api(`/api/jobs/${jobId}`)).status).toBe(200);
    for (const [method, suffix] of [
      ["GET", ""],
      ["PATCH", ""],
      ["DELETE", ""],
      ["POST", "/cancel"],
      ["POST", "/restart"],
      ["GET", "/transcript"],
      ["GET", "/media"],
    ] as const) {
      const response = await api(`/api/jobs/${jobId}${suffix}`, {
        method,
        as: other.headers,
        body: method === "PATCH" ? JSON.stringify({ title: "mine" }) : undefined,
      });
      expect(response.status, `${method} ${suffix}`).toBe(404);
    }
    expect((await api("/api/jobs", { as: other.headers })).body.total).toBe(0);
  });

  it("renames with validation", async () => {
    expect((await api(`/api/jobs/${jobId}`, { method: "PATCH", body: "{not json" })).status).toBe(400);
    const empty = await api(`/api/jobs/${jobId}`, { method: "PATCH", body: JSON.stringify({ title: "  " }) });
    expect(empty.status).toBe(422);
    expect(empty.body.error.message).toBe("title: Give the recording a name.");
    const ok = await api(`/api/jobs/${jobId}`, { method: "PATCH", body: JSON.stringify({ title: "Renamed" }) });
    expect(ok.body.job.title).toBe("Renamed");
  });

  it("serves the media with range requests", async () => {
    const original = fs.readFileSync(wav);
    const full = await fetch(`${server.url}/api/jobs/${jobId}/media`, { headers: owner.headers });
    expect(full.status).toBe(200);
    expect(full.headers.get("accept-ranges")).toBe("bytes");
    expect(Buffer.from(await full.arrayBuffer()).equals(original)).toBe(true);
    const part = await fetch(`${server.url}/api/jobs/${jobId}/media`, { headers: { ...owner.headers, range: "bytes=100-199" } });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe(`bytes 100-199/${original.length}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(original.subarray(100, 200))).toBe(true);
    const suffix = await fetch(`${server.url}/api/jobs/${jobId}/media`, { headers: { ...owner.headers, range: "bytes=-10" } });
    expect(Buffer.from(await suffix.arrayBuffer()).equals(original.subarray(-10))).toBe(true);
    const bad = await fetch(`${server.url}/api/jobs/${jobId}/media`, { headers: { ...owner.headers, range: `bytes=${original.length + 10}-` } });
    expect(bad.status).toBe(416);
    expect(bad.headers.get("content-range")).toBe(`bytes */${original.length}`);
    expect(bad.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("rejects cookie-authenticated changes from another origin", async () => {
    const cookie = await signInCookie(server, OWNER.email, OWNER.password);
    const body = JSON.stringify({ title: "From elsewhere" });
    const foreign = await api(`/api/jobs/${jobId}`, { method: "PATCH", body, as: { cookie, origin: "http://evil.example" } });
    expect(foreign.status).toBe(403);
    const missing = await api(`/api/jobs/${jobId}`, { method: "PATCH", body, as: { cookie } });
    expect(missing.status).toBe(403);
    const own = await api(`/api/jobs/${jobId}`, { method: "PATCH", body, as: { cookie, origin: server.url } });
    expect(own.status).toBe(200);
    expect((await api("/api/me", { as: { cookie } })).body.user.email).toBe(OWNER.email);
  });
});

describe("tags, settings, models and system", () => {
  it("manages tags with clear conflicts", async () => {
    const created = await api("/api/tags", { method: "POST", body: JSON.stringify({ name: "Interviews", color: "#3b82f6" }) });
    expect(created.status).toBe(201);
    const duplicate = await api("/api/tags", { method: "POST", body: JSON.stringify({ name: "interviews" }) });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error.message).toBe('A tag named "interviews" already exists.');
    expect((await api("/api/tags", { method: "POST", body: JSON.stringify({ name: "x", color: "red" }) })).status).toBe(422);
    const tagId = created.body.tag.id;
    const jobId = (await api("/api/jobs")).body.jobs[0].id;
    expect(
      (await api(`/api/jobs/${jobId}/tags`, { method: "POST", body: JSON.stringify({ tagId }) })).body.job.tags.map((t: { name: string }) => t.name),
    ).toContain("Interviews");
    expect((await api(`/api/jobs?tag=${tagId}`)).body.total).toBe(1);
    expect((await api(`/api/tags/${tagId}`, { method: "PATCH", body: JSON.stringify({ name: "Talks" }), as: other.headers })).status).toBe(404);
    expect((await api(`/api/tags/${tagId}`, { method: "DELETE" })).body).toEqual({ deleted: true, jobsAffected: 1 });
    expect((await api(`/api/jobs/${jobId}`)).body.job.tags.map((t: { name: string }) => t.name)).not.toContain("Interviews");
  });

  it("validates settings", async () => {
    const bad = await api("/api/settings", { method: "PATCH", body: JSON.stringify({ concurrency: 0 }) });
    expect(bad.status).toBe(422);
    expect(bad.body.error.message).toMatch(/^concurrency/);
    const ok = await api("/api/settings", { method: "PATCH", body: JSON.stringify({ defaultTask: "translate", modelIdleMinutes: 5 }) });
    expect(ok.body.settings).toMatchObject({ defaultTask: "translate", modelIdleMinutes: 5 });
  });

  it("lists models and system state", async () => {
    const models = await api("/api/models");
    expect(models.body.models.map((m: { name: string }) => m.name)).toEqual(["whisper-micro"]);
    expect(JSON.stringify(models.body)).not.toContain(server.modelsDir);
    const system = await api("/api/system");
    expect(system.body.queue).toHaveProperty("queued");
    expect(system.body.workers.length).toBeGreaterThanOrEqual(1);
    expect(system.body.memory.rssBytes).toBeGreaterThan(0);
  });

  it("deletes a job into the trash: gone from the API, its media kept until the purge", async () => {
    const jobId = (await api("/api/jobs")).body.jobs[0].id;
    await api(`/api/jobs/${jobId}/cancel`, { method: "POST" });
    const files = fs.readdirSync(path.join(server.storageDir, "uploads"));
    expect((await api(`/api/jobs/${jobId}`, { method: "DELETE" })).status).toBe(204);
    expect((await api(`/api/jobs/${jobId}`)).status).toBe(404);
    expect((await api("/api/jobs")).body.jobs.map((j: { id: string }) => j.id)).not.toContain(jobId);
    expect(fs.readdirSync(path.join(server.storageDir, "uploads"))).toEqual(files);
  });
});

describe("prompt and safeguards", () => {
  it("fills them in from Settings, takes them per upload, and refuses bad values with a reason", async () => {
    const settings = await api("/api/settings", {
      method: "PATCH",
      body: JSON.stringify({ prompt: "Selenite, Okonkwo", noSpeechThreshold: 0.8, conditionOnPreviousText: false }),
    });
    expect(settings.status).toBe(200);
    expect(settings.body.settings).toMatchObject({
      prompt: "Selenite, Okonkwo",
      noSpeechThreshold: 0.8,
      conditionOnPreviousText: false,
      temperatureFallback: true,
    });

    const byDefault = await api("/api/jobs", { method: "POST", body: uploadForm([{ path: wav }]) });
    expect(byDefault.body.results[0].job).toMatchObject({
      prompt: "Selenite, Okonkwo",
      noSpeechThreshold: 0.8,
      conditionOnPreviousText: false,
      temperatureFallback: true,
      compressionRatioThreshold: 2.4,
      logprobThreshold: -1,
    });
    const chosen = await api("/api/jobs", {
      method: "POST",
      body: uploadForm([{ path: wav }], {
        prompt: "  Lantern Orchard  ",
        temperatureFallback: "false",
        compressionRatioThreshold: "3",
        logprobThreshold: "-0.5",
      }),
    });
    expect(chosen.body.results[0].job).toMatchObject({
      prompt: "Lantern Orchard",
      temperatureFallback: false,
      compressionRatioThreshold: 3,
      logprobThreshold: -0.5,
    });
    const cleared = await api("/api/jobs", { method: "POST", body: uploadForm([{ path: wav }], { prompt: "" }) });
    expect(cleared.body.results[0].job.prompt).toBeNull();

    const bad = await api("/api/jobs", { method: "POST", body: uploadForm([{ path: wav }], { noSpeechThreshold: "2" }) });
    expect(bad.status).toBe(422);
    expect(bad.body.error.message).toMatch(/noSpeechThreshold: The no-speech threshold must be at most 1/);
    const badSetting = await api("/api/settings", { method: "PATCH", body: JSON.stringify({ logprobThreshold: "low" }) });
    expect(badSetting.status).toBe(422);
    expect(badSetting.body.error.message).toMatch(/log-probability threshold must be a number/);
  });
});
