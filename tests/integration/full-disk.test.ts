// A full disk under the database: every write path (tag, rename, upload, transcript
// edit) answers 507 with a message a person understands, reads keep working, health
// says the database cannot write, and once space is freed writes work again without
// a restart. Storage and the database live on a real 16 MB tmpfs (needs root to
// mount; CI runs as root), filled to the last block with a filler file.
import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, signInCookie, userWithToken } from "../helpers/auth";
import { installModel, uploadForm } from "../helpers/fixtures";
import { makeLongWav } from "../helpers/media";
import { postAction, type ActionArgs } from "../helpers/actions";
import { actionManifest, apiRoutes, urlOfAppDir } from "../helpers/routes";
import { startServer, type TestServer } from "../helpers/server";

const FULL_MESSAGE = "The disk holding Selenite's data is full. Free some space and try again.";
const OWNER = { email: "owner@example.com", password: "owner-password-1" };
// A write that hangs is the bug this guards against: fail it instead of hanging the suite.
const ANSWER_WITHIN_MS = 30_000;

function mountTmpfs(dir: string, size: string): string | null {
  if (process.getuid?.() !== 0) return "not running as root, so no tmpfs can be mounted (CI runs as root)";
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", `size=${size}`, "tmpfs", dir], { stdio: "pipe" });
    return null;
  } catch (error) {
    return `mount -t tmpfs failed: ${String((error as { stderr?: Buffer }).stderr ?? error).trim()}`;
  }
}

const root = fs.mkdtempSync(path.join(os.tmpdir(), "selenite-full-"));
const storage = path.join(root, "storage");
fs.mkdirSync(storage, { recursive: true });
const skipReason = mountTmpfs(storage, "16m");
if (skipReason) console.warn(`full-disk tests skipped: ${skipReason}`);
const filler = path.join(storage, "filler.bin");
// A readable folder outside Selenite's storage, which the owner may watch.
const watchDir = fs.mkdtempSync(path.join(os.tmpdir(), "selenite-full-watch-"));

let server: TestServer;
let headers: Record<string, string>;
let cookie: string;
let jobId: string;
let segmentId: number;
let wav: string;
let tagId: string;
let actions: Map<string, { id: string; page: string }>;

/** Writes the filler until the filesystem refuses another byte. */
function fillDisk(): void {
  // Empty the WAL first, so the next commit has to grow a file, as on a disk that filled up for real.
  const sqlite = openDb(server);
  try {
    sqlite.pragma("wal_checkpoint(TRUNCATE)");
  } finally {
    sqlite.close();
  }
  const fd = fs.openSync(filler, "a");
  try {
    for (const size of [1 << 20, 1 << 12, 1]) {
      const chunk = Buffer.alloc(size, 1);
      for (;;) {
        try {
          fs.writeSync(fd, chunk);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === "ENOSPC") break;
          throw error;
        }
      }
    }
  } finally {
    fs.closeSync(fd);
  }
  expect(fs.statfsSync(storage).bavail).toBe(0);
}

const api = (url: string, init: RequestInit = {}) =>
  fetch(`${server.url}${url}`, {
    ...init,
    headers: { ...headers, ...(init.headers as Record<string, string>) },
    signal: AbortSignal.timeout(ANSWER_WITHIN_MS),
  });

const json = (method: string, body: unknown): RequestInit => ({ method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

/** A server action's result, as React's client would get it (see tests/helpers/actions.ts). */
async function callAction(name: string, args: ActionArgs): Promise<Record<string, unknown>> {
  const action = actions.get(name);
  if (!action) throw new Error(`no server action named ${name} in the build's manifest`);
  const call = await postAction(server.url, action, args, { cookie, signal: AbortSignal.timeout(ANSWER_WITHIN_MS) });
  if (!call.result || call.threw) throw new Error(`${name} failed outright (${call.status}): ${call.text.slice(0, 500)}`);
  return JSON.parse(call.result) as Record<string, unknown>;
}

const editSegment = (text: string) => callAction("editSegmentAction", { json: [{ jobId, segmentId, text }] });

async function expectFull(response: Response, what: string, message: string | RegExp = FULL_MESSAGE): Promise<void> {
  const text = await response.text();
  expect(response.status, `${what}: ${text}`).toBe(507);
  const error = (JSON.parse(text) as { error: { code: string; message: string } }).error;
  expect(error.code).toBe("insufficient_storage");
  if (typeof message === "string") expect(error.message).toBe(message);
  else expect(error.message).toMatch(message);
}

beforeAll(async () => {
  if (skipReason) return;
  wav = await makeLongWav(path.join(root, "speech.wav"), 2);
  server = await startServer({ dir: root, env: { ADMIN_EMAIL: OWNER.email, ADMIN_PASSWORD: OWNER.password } });
  installModel(server.modelsDir);
  headers = userWithToken(server, OWNER.email).headers;
  cookie = await signInCookie(server, OWNER.email, OWNER.password);
  const sqlite = openDb(server);
  try {
    const { id: userId } = sqlite.prepare(`SELECT id FROM "User" WHERE email = ?`).get(OWNER.email) as { id: string };
    const now = new Date().toISOString();
    jobId = `job${randomUUID().replace(/-/g, "").slice(0, 16)}`;
    sqlite
      .prepare(
        `INSERT INTO "Job" (id, userId, title, originalName, storedName, sizeBytes, durationSec, model, status, progress, createdAt, updatedAt, queuedAt, finishedAt)
         VALUES (?, ?, 'Full disk', 'full.wav', ?, 4096, 6, 'whisper-micro', 'completed', 1, ?, ?, ?, ?)`,
      )
      .run(jobId, userId, `${jobId}.wav`, now, now, now, now);
    tagId = `tag${randomUUID().replace(/-/g, "").slice(0, 16)}`;
    sqlite.prepare(`INSERT INTO "Tag" (id, userId, name, color, createdAt) VALUES (?, ?, 'kept', '#3b82f6', ?)`).run(tagId, userId, now);
    segmentId = Number(
      sqlite
        .prepare(`INSERT INTO "Segment" (jobId, "index", start, "end", text, originalText) VALUES (?, 0, 0, 3, ' Hello there.', ' Hello there.')`)
        .run(jobId).lastInsertRowid,
    );
  } finally {
    sqlite.close();
  }
  actions = new Map(
    [...actionManifest()]
      .filter(([, entry]) => entry.pages[0])
      .map(([key, entry]) => [key.split("#")[1], { id: entry.id, page: urlOfAppDir(path.dirname(entry.pages[0].slice("app/".length)), jobId) }]),
  );
}, 240_000);

afterAll(async () => {
  if (process.env.FULL_DISK_DEBUG) console.log(server?.output());
  await server?.stop();
  if (!skipReason) execFileSync("umount", [storage]);
  fs.rmSync(root, { recursive: true, force: true });
  fs.rmSync(watchDir, { recursive: true, force: true });
});

describe.skipIf(skipReason !== null)("a full disk under the database", () => {
  it("answers 507 on every write path, keeps reads working and reports it in health", async () => {
    expect((await api("/api/settings", json("PATCH", { diskReserveMb: 0 }))).status).toBe(200);
    // A token last used long ago: using it on a full disk must not need a write that fails.
    const sqlite = openDb(server);
    try {
      sqlite.prepare(`UPDATE "ApiToken" SET lastUsedAt = ?`).run(new Date(Date.now() - 3_600_000).toISOString());
    } finally {
      sqlite.close();
    }
    fillDisk();

    // Reads never write, so they still work.
    expect((await api("/api/tags")).status).toBe(200);
    expect((await api("/api/settings")).status).toBe(200);
    expect((await api(`/api/jobs/${jobId}`)).status).toBe(200);

    await expectFull(await api("/api/tags", json("POST", { name: "on a full disk" })), "create a tag");
    await expectFull(await api(`/api/jobs/${jobId}`, json("PATCH", { title: "Renamed on a full disk" })), "rename");
    // The upload's own guard sees the full disk before anything is written, and says how much is free.
    await expectFull(await api("/api/jobs", { method: "POST", body: uploadForm([{ path: wav }]) }), "upload", /Not enough disk space: 0 MB free/);
    expect(await editSegment("Edited on a full disk.")).toEqual({ ok: false, error: FULL_MESSAGE });
    // A second failed write on the same connection: the first must not have wedged it.
    await expectFull(await api("/api/tags", json("POST", { name: "again on a full disk" })), "create a tag again");

    const health = await fetch(`${server.url}/api/health`, { signal: AbortSignal.timeout(ANSWER_WITHIN_MS) });
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ status: "degraded", database: "full" });
  });

  it("answers every REST write route and the main actions in time, with 507 or the full-disk message, never 500", async () => {
    // Every write route there is: a new one must be added here, with a body that really writes.
    const cases: Record<string, { url: string; init: RequestInit; status?: number }> = {
      "POST app/api/jobs/route.ts": { url: "/api/jobs", init: { method: "POST", body: uploadForm([{ path: wav }]) } },
      "PATCH app/api/jobs/[id]/route.ts": { url: `/api/jobs/${jobId}`, init: json("PATCH", { title: "Swept" }) },
      "DELETE app/api/jobs/[id]/route.ts": { url: `/api/jobs/${jobId}`, init: { method: "DELETE" } },
      // The delete above could not write, so the job is not in the trash: answered without a write.
      "POST app/api/jobs/[id]/transcript/span/route.ts": { url: `/api/jobs/${jobId}/transcript/span`, init: json("POST", { start: 0, end: 1 }) },
      "POST app/api/jobs/[id]/restore/route.ts": { url: `/api/jobs/${jobId}/restore`, init: json("POST", {}), status: 404 },
      "POST app/api/jobs/[id]/restart/route.ts": { url: `/api/jobs/${jobId}/restart`, init: json("POST", {}) },
      "POST app/api/jobs/[id]/speakers/route.ts": { url: `/api/jobs/${jobId}/speakers`, init: json("POST", { speakers: "rough" }) },
      // This job was never restarted: there is nothing to restore, found out before any write.
      "POST app/api/jobs/[id]/transcript/restore/route.ts": { url: `/api/jobs/${jobId}/transcript/restore`, init: json("POST", {}), status: 404 },
      // A finished job has nothing to cancel: answered as it is, without a write.
      "POST app/api/jobs/[id]/cancel/route.ts": { url: `/api/jobs/${jobId}/cancel`, init: json("POST", {}), status: 200 },
      "POST app/api/jobs/[id]/tags/route.ts": { url: `/api/jobs/${jobId}/tags`, init: json("POST", { tagId }) },
      // The tag could not be added just above, so removing it changes nothing and needs no write.
      "DELETE app/api/jobs/[id]/tags/route.ts": { url: `/api/jobs/${jobId}/tags?tagId=${tagId}`, init: { method: "DELETE" }, status: 200 },
      "POST app/api/tags/route.ts": { url: "/api/tags", init: json("POST", { name: "swept" }) },
      "PATCH app/api/tags/[id]/route.ts": { url: `/api/tags/${tagId}`, init: json("PATCH", { name: "swept" }) },
      "DELETE app/api/tags/[id]/route.ts": { url: `/api/tags/${tagId}`, init: { method: "DELETE" } },
      "PATCH app/api/settings/route.ts": { url: "/api/settings", init: json("PATCH", { modelIdleMinutes: 7 }) },
      "POST app/api/webhooks/route.ts": { url: "/api/webhooks", init: json("POST", { url: "https://example.com/hooks/full" }) },
      // No such endpoint or folder: found out before any write.
      "DELETE app/api/webhooks/[id]/route.ts": { url: "/api/webhooks/nosuch", init: { method: "DELETE" }, status: 404 },
      "POST app/api/watch-folders/route.ts": { url: "/api/watch-folders", init: json("POST", { path: watchDir }) },
      "PATCH app/api/watch-folders/[id]/route.ts": { url: "/api/watch-folders/nosuch", init: json("PATCH", { enabled: false }), status: 404 },
      "DELETE app/api/watch-folders/[id]/route.ts": { url: "/api/watch-folders/nosuch", init: { method: "DELETE" }, status: 404 },
    };
    // Not writes: sign-in has its own tests, and a bulk export only reads.
    // Model downloads and deletes change files in MODELS_DIR, not database rows
    // (tests/integration/models-service.test.ts covers them).
    const notWrites = new Set([
      "POST app/api/auth/[...nextauth]/route.ts",
      "POST app/api/jobs/export/route.ts",
      "DELETE app/api/models/[name]/route.ts",
      "POST app/api/models/[name]/download/route.ts",
      "POST app/api/models/[name]/cancel/route.ts",
    ]);
    const writeRoutes = apiRoutes()
      .flatMap((route) => route.methods.filter((m) => m !== "GET").map((m) => `${m} ${route.file}`))
      .filter((key) => !notWrites.has(key));
    expect(Object.keys(cases).sort()).toEqual(writeRoutes.sort());

    for (const [key, { url, init, status }] of Object.entries(cases)) {
      const response = await api(url, init);
      const text = await response.text();
      if (status) {
        expect(response.status, `${key}: ${text}`).toBe(status);
        continue;
      }
      expect(response.status, `${key}: ${text}`).toBe(507);
      const error = (JSON.parse(text) as { error: { code: string; message: string } }).error;
      expect(error.code, key).toBe("insufficient_storage");
      expect(error.message, key).toMatch(/disk|space/i);
    }

    const calls: Record<string, ActionArgs> = {
      createTagAction: { json: [{ name: "swept by an action" }] },
      renameJobAction: { json: [{ jobId, title: "Swept by an action" }] },
      setJobTagAction: { json: [{ ids: [jobId], tagId, mode: "add" }] },
      replaceInTranscriptAction: { json: [{ jobId, find: "Hello", replace: "Swept" }] },
      updateSettingsAction: {
        form: {
          defaultLanguage: "fr",
          defaultModel: "",
          cpuThreads: "1",
          concurrency: "1",
          modelIdleMinutes: "5",
          diskReserveMb: "0",
          defaultTask: "transcribe",
        },
      },
      createTokenAction: { form: { name: "swept" } },
    };
    for (const [name, args] of Object.entries(calls)) {
      const result = await callAction(name, args);
      expect(result, name).toMatchObject({ ok: false, error: FULL_MESSAGE });
    }
  });

  it("writes again once space is freed, without a restart, and nothing from the failed writes was kept", async () => {
    fs.rmSync(filler);

    const health = await fetch(`${server.url}/api/health`, { signal: AbortSignal.timeout(ANSWER_WITHIN_MS) });
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: "ok", database: "ok" });

    expect((await api("/api/tags", json("POST", { name: "after freeing space" }))).status).toBe(201);
    const renamed = await api(`/api/jobs/${jobId}`, json("PATCH", { title: "Renamed after freeing space" }));
    expect(renamed.status).toBe(200);
    const upload = await api("/api/jobs", { method: "POST", body: uploadForm([{ path: wav }]) });
    expect(upload.status, await upload.clone().text()).toBe(201);
    expect(await editSegment("Edited after freeing space.")).toMatchObject({ ok: true });

    const { tags } = (await (await api("/api/tags")).json()) as { tags: { name: string }[] };
    expect(tags.map((t) => t.name).sort()).toEqual(["after freeing space", "kept"]);
    const sqlite = openDb(server);
    try {
      expect(sqlite.prepare(`SELECT title FROM "Job" WHERE id = ?`).get(jobId)).toEqual({ title: "Renamed after freeing space" });
      expect(sqlite.prepare(`SELECT text FROM "Segment" WHERE id = ?`).get(segmentId)).toEqual({ text: "Edited after freeing space." });
    } finally {
      sqlite.close();
    }
  });
});
