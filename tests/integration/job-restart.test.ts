// Restarting a job through the real server: the transcript and the person's
// corrections stay (served, searchable) until the new run completes; a cancelled
// restart leaves them as they were; a completed one keeps them restorable.
// Uploads here send vad=false: the tones hold no speech, and voice detection (on by default) would leave no transcript.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, userWithToken } from "../helpers/auth";
import { installModel, MICRO_MODEL_EN, uploadForm, waitFor } from "../helpers/fixtures";
import { makeLongWav, makeTempDir } from "../helpers/media";
import { startServer, type TestServer } from "../helpers/server";

let media: { dir: string; cleanup: () => Promise<void> };
let server: TestServer;
let headers: Record<string, string>;

const CORRECTION = "zanzibarian correction by hand";

type Segment = { index: number; text: string; edited: boolean };
type JobView = { id: string; status: string; error: string | null; model: string; language: string | null };

async function api<T>(method: string, url: string, body?: unknown): Promise<{ status: number; json: T }> {
  const init: RequestInit = { method, headers: { ...headers, ...(body ? { "content-type": "application/json" } : {}) } };
  if (body) init.body = JSON.stringify(body);
  const response = await fetch(`${server.url}${url}`, init);
  return { status: response.status, json: (await response.json()) as T };
}

const transcript = async (id: string) => (await api<{ job: { status: string }; segments: Segment[] }>("GET", `/api/jobs/${id}/transcript`)).json;
const job = async (id: string) => (await api<{ job: JobView }>("GET", `/api/jobs/${id}`)).json.job;
const hits = async (q: string) => (await api<{ hits: { jobId: string }[] }>("GET", `/api/search?q=${encodeURIComponent(q)}`)).json.hits;
const finished = (id: string) =>
  waitFor(
    `job ${id} to finish`,
    async () => {
      const j = await job(id);
      return ["completed", "failed", "cancelled"].includes(j.status) ? j : null;
    },
    180_000,
    100,
  );

/** A person's correction, written as the editor writes it: new text plus one undo step. */
function correctFirstSegment(jobId: string): void {
  const db = openDb(server);
  try {
    const first = db.prepare(`SELECT * FROM "Segment" WHERE "jobId" = ? AND "index" = 0`).get(jobId) as Record<string, unknown> | undefined;
    if (first) {
      db.prepare(`UPDATE "Segment" SET text = ?, edited = 1 WHERE id = ?`).run(CORRECTION, first.id);
    } else {
      db.prepare(`INSERT INTO "Segment" ("jobId", "index", start, "end", text, "originalText", edited) VALUES (?, 0, 0, 1, ?, NULL, 1)`).run(jobId, CORRECTION);
    }
    const before = JSON.stringify([
      { start: 0, end: 1, text: first?.text ?? "x", originalText: null, edited: false, speaker: null, words: null, avgLogprob: null },
    ]);
    db.prepare(`INSERT INTO "TranscriptEdit" ("jobId", kind, "fromIndex", "afterCount", before) VALUES (?, 'edit', 0, 1, ?)`).run(jobId, before);
  } finally {
    db.close();
  }
}

function editCount(jobId: string): number {
  const db = openDb(server);
  try {
    return (db.prepare(`SELECT count(*) AS n FROM "TranscriptEdit" WHERE "jobId" = ?`).get(jobId) as { n: number }).n;
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  media = await makeTempDir();
  server = await startServer();
  installModel(server.modelsDir);
  installModel(server.modelsDir, MICRO_MODEL_EN);
  ({ headers } = userWithToken(server, "owner@example.com"));
});

afterAll(async () => {
  await server?.stop();
  await media?.cleanup();
});

describe("restarting a job", () => {
  it("keeps the transcript until the new one is done, keeps it on cancel, and keeps it restorable after", async () => {
    const file = await makeLongWav(path.join(media.dir, "talk.wav"), 60);
    const upload = await fetch(`${server.url}/api/jobs`, { method: "POST", headers, body: uploadForm([{ path: file }], { vad: "false" }) });
    expect(upload.status).toBe(201);
    const id = ((await upload.json()) as { results: { job: { id: string } }[] }).results[0].job.id;
    expect((await finished(id)).status).toBe("completed");
    correctFirstSegment(id);
    const corrected = (await transcript(id)).segments;
    expect(corrected[0].text).toBe(CORRECTION);
    expect(await hits("zanzibarian")).toHaveLength(1);

    // Restart, then cancel: while it waits or runs, and after, the old transcript is served as it was.
    expect((await api("POST", `/api/jobs/${id}/restart`, {})).status).toBe(200);
    const during = await transcript(id);
    expect(["queued", "processing"]).toContain(during.job.status);
    expect(during.segments).toEqual(corrected);
    expect(await hits("zanzibarian")).toHaveLength(1);
    expect((await api("POST", `/api/jobs/${id}/cancel`)).status).toBe(200);
    expect((await finished(id)).status).toBe("cancelled");
    expect((await transcript(id)).segments).toEqual(corrected);
    expect(editCount(id)).toBe(1);
    expect((await api("POST", `/api/jobs/${id}/transcript/restore`)).status).toBe(404); // nothing was replaced

    // Restart and let it finish: the new transcript is current (and alone in search), the old one restorable.
    expect((await api("POST", `/api/jobs/${id}/restart`, {})).status).toBe(200);
    expect((await transcript(id)).segments).toEqual(corrected);
    expect((await finished(id)).status).toBe("completed");
    const fresh = (await transcript(id)).segments;
    expect(fresh.some((s) => s.text === CORRECTION)).toBe(false);
    expect(await hits("zanzibarian")).toHaveLength(0);
    expect(editCount(id)).toBe(0);

    const restored = await api<{ segments: Segment[] }>("POST", `/api/jobs/${id}/transcript/restore`);
    expect(restored.status).toBe(200);
    expect(restored.json.segments).toEqual(corrected.map((s) => ({ ...s, id: expect.any(Number) })));
    expect((await transcript(id)).segments.map((s) => s.text)).toEqual(corrected.map((s) => s.text));
    expect(await hits("zanzibarian")).toHaveLength(1);
    expect(editCount(id)).toBe(1);

    // Restoring again swaps back: the machine's new transcript was kept in its turn.
    expect((await api("POST", `/api/jobs/${id}/transcript/restore`)).status).toBe(200);
    expect((await transcript(id)).segments.map((s) => s.text)).toEqual(fresh.map((s) => s.text));
    expect(await hits("zanzibarian")).toHaveLength(0);
  });
});

describe("restart options", () => {
  it("stores the same language from either dialog's request, and refuses a model that is not installed at once", async () => {
    const file = await makeLongWav(path.join(media.dir, "options.wav"), 20);
    const upload = await fetch(`${server.url}/api/jobs`, {
      method: "POST",
      headers,
      body: uploadForm([{ path: file }], { model: "whisper-micro", language: "fr" }),
    });
    const id = ((await upload.json()) as { results: { job: { id: string } }[] }).results[0].job.id;
    expect((await finished(id)).status).toBe("completed");

    // The job page's dialog sends "auto" for an English-only model, the dashboard's "en": both mean English.
    for (const language of ["auto", "en", "fr"]) {
      const restarted = await api<{ job: JobView & { task: string } }>("POST", `/api/jobs/${id}/restart`, {
        model: "whisper-micro.en",
        language,
        task: "translate",
      });
      expect(restarted.status).toBe(200);
      expect(restarted.json.job).toMatchObject({ model: "whisper-micro.en", language: "en", task: "transcribe" });
      await api("POST", `/api/jobs/${id}/cancel`);
      await finished(id);
    }

    const before = await job(id);
    const refused = await api<{ error: { code: string; message: string } }>("POST", `/api/jobs/${id}/restart`, { model: "whisper-gone" });
    expect(refused.status).toBe(422);
    expect(refused.json.error.message).toMatch(/Model 'whisper-gone' is not installed\..*whisper-micro/);
    expect(await job(id)).toMatchObject({ status: before.status, model: before.model });
  });

  it("applies the same rule and check to the defaults in Settings", async () => {
    type Settings = { settings: { defaultModel: string | null; defaultLanguage: string | null; defaultTask: string } };
    const saved = await api<Settings>("PATCH", "/api/settings", { defaultModel: "whisper-micro.en", defaultLanguage: "fr", defaultTask: "translate" });
    expect(saved.status).toBe(200);
    expect(saved.json.settings).toMatchObject({ defaultModel: "whisper-micro.en", defaultLanguage: "en", defaultTask: "transcribe" });
    const refused = await api<{ error: { message: string } }>("PATCH", "/api/settings", { defaultModel: "whisper-gone" });
    expect(refused.status).toBe(422);
    expect(refused.json.error.message).toMatch(/whisper-gone' is not installed/);
    await api("PATCH", "/api/settings", { defaultModel: null, defaultLanguage: "auto", defaultTask: "transcribe" });
  });
});
