// Fills a server's database directly (one transaction) with many jobs, for the
// 10,000-job dashboard test and the API benchmark.
import { randomUUID } from "node:crypto";
import type Database from "better-sqlite3";

const STATUSES = ["completed", "completed", "completed", "failed", "cancelled"] as const;

export function seedJobs(db: Database.Database, userId: string, count: number, options: { tagId?: string; taggedEvery?: number } = {}): string[] {
  const insertJob = db.prepare(
    `INSERT INTO "Job" (id, userId, title, originalName, storedName, sizeBytes, durationSec, status, progress, model, language, task, createdAt, updatedAt, queuedAt, finishedAt)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, 'whisper-micro', 'en', 'transcribe', ?, ?, ?, ?)`,
  );
  const tag = db.prepare(`INSERT INTO "JobTag" (jobId, tagId) VALUES (?, ?)`);
  const ids: string[] = [];
  const start = Date.parse("2025-01-01T00:00:00Z");
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const id = `seed${String(i).padStart(6, "0")}${randomUUID().slice(0, 8)}`;
      // One job an hour: job i is newer than job i-1.
      const created = new Date(start + i * 3_600_000).toISOString().replace("Z", "+00:00");
      insertJob.run(
        id,
        userId,
        `Recording ${i}`,
        `recording-${i}.mp3`,
        `${randomUUID()}.mp3`,
        1_000_000 + i,
        60 + (i % 3600),
        STATUSES[i % STATUSES.length],
        created,
        created,
        created,
        created,
      );
      if (options.tagId && i % (options.taggedEvery ?? 10) === 0) tag.run(id, options.tagId);
      ids.push(id);
    }
  })();
  return ids;
}

export function seedSegments(db: Database.Database, jobId: string, count: number): void {
  const insert = db.prepare(`INSERT INTO "Segment" (jobId, "index", start, "end", text, originalText) VALUES (?, ?, ?, ?, ?, ?)`);
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const text = `Segment number ${i} says something about topic ${i % 97} and the weather.`;
      insert.run(jobId, i, i * 3, i * 3 + 2.8, text, text);
    }
  })();
}

export function createTag(db: Database.Database, userId: string, name: string): string {
  const id = `tag${randomUUID().replace(/-/g, "").slice(0, 16)}`;
  db.prepare(`INSERT INTO "Tag" (id, userId, name, color, createdAt) VALUES (?, ?, ?, '#3b82f6', ?)`).run(id, userId, name, new Date().toISOString());
  return id;
}
