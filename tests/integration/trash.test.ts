// The trash (issue 14.5) through the real server: a deleted job is gone from every
// read (the job, its transcript, media, exports, the list, search, tag counts) but
// keeps its file; it can be restored as it was; the server's sweep purges it, file
// and all, once it has been in the trash longer than Settings.trashDays.
import { randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, userWithToken } from "../helpers/auth";
import { startServer, type TestServer } from "../helpers/server";

let server: TestServer;
let owner: ReturnType<typeof userWithToken>;
let tagId = "";
const DAY_MS = 24 * 3600 * 1000;

async function api(pathname: string, init: RequestInit = {}) {
  const response = await fetch(`${server.url}${pathname}`, { ...init, headers: { ...owner.headers, ...(init.headers as Record<string, string>) } });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as Record<string, any> };
}

/** A completed job with one segment that says `word`, its media file, and the test's tag. */
function seedJob(word: string): { id: string; file: string } {
  const id = `tr${randomUUID().replace(/-/g, "").slice(0, 20)}`;
  const storedName = `${randomUUID()}.wav`;
  const file = path.join(server.storageDir, "uploads", storedName);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, randomBytes(2048));
  const db = openDb(server);
  try {
    const now = new Date().toISOString();
    db.prepare(
      `INSERT INTO "Job" (id, userId, title, originalName, storedName, sizeBytes, durationSec, model, status, progress, createdAt, updatedAt, queuedAt, finishedAt)
       VALUES (?, ?, ?, 'trash.wav', ?, 2048, 3, 'whisper-micro', 'completed', 1, ?, ?, ?, ?)`,
    ).run(id, owner.userId, `Trash ${word}`, storedName, now, now, now, now);
    db.prepare(`INSERT INTO "Segment" (jobId, "index", start, "end", text, originalText) VALUES (?, 0, 0, 3, ?, ?)`).run(
      id,
      ` About ${word}.`,
      ` About ${word}.`,
    );
    db.prepare(`INSERT INTO "JobTag" (jobId, tagId) VALUES (?, ?)`).run(id, tagId);
  } finally {
    db.close();
  }
  return { id, file };
}

function setDeletedAt(id: string, daysAgo: number): void {
  const db = openDb(server);
  try {
    db.prepare(`UPDATE "Job" SET deletedAt = ? WHERE id = ?`).run(new Date(Date.now() - daysAgo * DAY_MS).toISOString().replace("Z", "+00:00"), id);
  } finally {
    db.close();
  }
}

function jobRowExists(id: string): boolean {
  const db = openDb(server);
  try {
    return db.prepare(`SELECT 1 FROM "Job" WHERE id = ?`).get(id) !== undefined;
  } finally {
    db.close();
  }
}

const tagCount = async () => ((await api("/api/tags")).body.tags as { id: string; jobCount: number }[]).find((t) => t.id === tagId)?.jobCount;

beforeAll(async () => {
  server = await startServer({ env: { TRASH_SWEEP_SEC: "0.5" } });
  owner = userWithToken(server, "owner@example.com");
  tagId = (await api("/api/tags", { method: "POST", body: JSON.stringify({ name: "trash-test" }) })).body.tag.id;
});

afterAll(async () => {
  await server?.stop();
});

describe("the trash", () => {
  it("hides a deleted job from every read, keeps its file, and restores it as it was", async () => {
    const job = seedJob("moonbeam");
    expect((await api("/api/search?q=moonbeam")).body.hits).toHaveLength(1);
    const grouped = await api("/api/search?q=moonbeam&group=recording");
    expect(grouped.body).toMatchObject({ totalMatches: 1, totalRecordings: 1, groups: [{ jobId: job.id, matches: 1 }] });
    expect((await api("/api/search?q=moonbeam&group=job")).status).toBe(422);
    expect(await tagCount()).toBe(1);

    expect((await api(`/api/jobs/${job.id}`, { method: "DELETE" })).status).toBe(204);
    for (const pathname of [`/api/jobs/${job.id}`, `/api/jobs/${job.id}/transcript`, `/api/jobs/${job.id}/media`, `/api/jobs/${job.id}/export?format=txt`]) {
      expect((await api(pathname)).status, pathname).toBe(404);
    }
    expect((await api(`/api/jobs/${job.id}`, { method: "PATCH", body: JSON.stringify({ title: "x" }) })).status).toBe(404);
    expect(((await api("/api/jobs")).body.jobs as { id: string }[]).map((j) => j.id)).not.toContain(job.id);
    expect((await api("/api/search?q=moonbeam")).body.hits).toHaveLength(0);
    expect((await api("/api/search?q=moonbeam&group=recording")).body).toMatchObject({ groups: [], totalMatches: 0, totalRecordings: 0 });
    expect(await tagCount()).toBe(0);
    expect(fs.existsSync(job.file)).toBe(true);

    const restored = await api(`/api/jobs/${job.id}/restore`, { method: "POST" });
    expect(restored.status).toBe(200);
    expect(restored.body.job).toMatchObject({ id: job.id, status: "completed", title: "Trash moonbeam" });
    expect((await api(`/api/jobs/${job.id}/transcript`)).body.segments).toHaveLength(1);
    expect((await api("/api/search?q=moonbeam")).body.hits).toHaveLength(1);
    expect(await tagCount()).toBe(1);
    // Restoring what is not in the trash says so.
    expect((await api(`/api/jobs/${job.id}/restore`, { method: "POST" })).status).toBe(404);
  });

  it("the server purges a job once its days in the trash are up, file and all, and keeps the younger ones", async () => {
    const old = seedJob("stardust");
    const young = seedJob("comet");
    expect((await api(`/api/jobs/${old.id}`, { method: "DELETE" })).status).toBe(204);
    expect((await api(`/api/jobs/${young.id}`, { method: "DELETE" })).status).toBe(204);
    // 30 days by default: one deleted 31 days ago is due, one deleted 29 days ago is not.
    setDeletedAt(old.id, 31);
    setDeletedAt(young.id, 29);

    await expect.poll(() => jobRowExists(old.id), { timeout: 30_000 }).toBe(false);
    await expect.poll(() => fs.existsSync(old.file), { timeout: 10_000 }).toBe(false);
    expect(jobRowExists(young.id)).toBe(true);
    expect(fs.existsSync(young.file)).toBe(true);

    // A shorter setting applies to what is already there.
    expect((await api("/api/settings", { method: "PATCH", body: JSON.stringify({ trashDays: 7 }) })).status).toBe(200);
    await expect.poll(() => jobRowExists(young.id), { timeout: 30_000 }).toBe(false);
    // The row goes first (in its transaction), the file right after it.
    await expect.poll(() => fs.existsSync(young.file), { timeout: 10_000 }).toBe(false);
  });

  it("refuses a trash period that is not a whole number of days from 1 to 3650", async () => {
    const response = await api("/api/settings", { method: "PATCH", body: JSON.stringify({ trashDays: 0 }) });
    expect(response.status).toBe(422);
    expect(JSON.stringify(response.body)).toContain("At least 1 day.");
  });
});
