// The full-text index against a real SQLite file with the real migrations.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateDatabase } from "@/lib/db/migrate";
import { toFtsQuery } from "@/lib/search/query";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "selenite-search-"));
process.env.DATABASE_URL = `file:${path.join(dir, "search.db")}`;
process.env.LOG_LEVEL = "silent";

type Db = typeof import("@/lib/db").db;
let db: Db;
let search: typeof import("@/lib/search/service").searchTranscripts;

async function addJob(userId: string, title: string, texts: string[], createdAt = new Date()) {
  return db.job.create({
    data: {
      userId,
      title,
      originalName: `${title}.mp3`,
      storedName: `${title}-${Math.random()}.mp3`,
      sizeBytes: 1,
      model: "m",
      status: "completed",
      createdAt,
      segments: { create: texts.map((text, index) => ({ index, start: index * 5, end: index * 5 + 4, text, originalText: text })) },
    },
    select: { id: true },
  });
}

beforeAll(async () => {
  await migrateDatabase(path.join(dir, "search.db"));
  ({ db } = await import("@/lib/db"));
  ({ searchTranscripts: search } = await import("@/lib/search/service"));
  await db.user.createMany({
    data: [
      { id: "alice", email: "a@x", passwordHash: "x" },
      { id: "bob", email: "b@x", passwordHash: "x" },
    ],
  });
});

afterAll(async () => {
  await db?.$disconnect();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("query parsing", () => {
  it("quotes every term so no input is FTS5 syntax", () => {
    expect(toFtsQuery('hello "big world" trans* OR foo')?.fts).toBe('"hello" "big world" "trans"* OR "foo"');
    expect(toFtsQuery("text:evil NEAR(a b) ^x (y)")?.fts).toBe('"textevil" "NEARa" "b" "x" "y"');
    expect(toFtsQuery('say "it""s"')?.fts).toBe('"say" "it" "s"');
    expect(toFtsQuery("  *** ")).toBeNull();
    expect(toFtsQuery("a*")?.fts).toBe('"a"');
  });
});

describe("transcript search", () => {
  it("finds words, phrases, prefixes and folds diacritics, best match first", async () => {
    const job = await addJob("alice", "Cafe talk", ["We met at the café near the station.", "The transcription engine was fast.", "Nothing relevant here."]);
    await addJob("alice", "Other", ["A station wagon and a café café café."]);
    const word = await search("alice", { q: "cafe" });
    expect(word.hits).toHaveLength(2);
    expect(word.hits[0].snippet).toContain("\u0002café\u0003");
    const phrase = await search("alice", { q: '"near the station"' });
    expect(phrase.hits.map((h) => h.jobId)).toEqual([job.id]);
    expect(phrase.hits[0]).toMatchObject({ start: 0, end: 4, jobTitle: "Cafe talk" });
    expect((await search("alice", { q: "transcri*" })).hits).toHaveLength(1);
    expect((await search("alice", { q: "transcri" })).hits).toHaveLength(0);
    expect((await search("alice", { q: '"station café"' })).hits).toHaveLength(0);
  });

  it("follows edits and deletions", async () => {
    const job = await addJob("alice", "Edits", ["the quick brown fox"]);
    const segment = await db.segment.findFirstOrThrow({ where: { jobId: job.id } });
    await db.segment.update({ where: { id: segment.id }, data: { text: "the quick red fox", edited: true } });
    expect((await search("alice", { q: "red" })).hits.map((h) => h.jobId)).toEqual([job.id]);
    expect((await search("alice", { q: "brown" })).hits).toHaveLength(0);
    await db.job.delete({ where: { id: job.id } });
    expect((await search("alice", { q: "red" })).hits).toHaveLength(0);
  });

  it("never shows another user's transcripts", async () => {
    await addJob("bob", "Bob's", ["secret café plans"]);
    expect((await search("alice", { q: "secret" })).hits).toHaveLength(0);
    expect((await search("bob", { q: "cafe" })).hits).toHaveLength(1);
  });

  it("combines with tag and date filters and pages", async () => {
    const tag = await db.tag.create({ data: { userId: "alice", name: "t" } });
    const old = await addJob("alice", "Old", ["pagination term one"], new Date("2020-01-05T10:00:00Z"));
    await addJob("alice", "New", ["pagination term two"]);
    await db.jobTag.create({ data: { jobId: old.id, tagId: tag.id } });
    expect((await search("alice", { q: "pagination", tag: tag.id })).hits.map((h) => h.jobTitle)).toEqual(["Old"]);
    expect((await search("alice", { q: "pagination", from: new Date("2020-01-01"), to: new Date("2020-01-05") })).hits.map((h) => h.jobTitle)).toEqual(["Old"]);
    expect((await search("alice", { q: "pagination", to: new Date("2020-01-04") })).hits).toHaveLength(0);
    const first = await search("alice", { q: "pagination", limit: 1 });
    expect(first.hasMore).toBe(true);
    const second = await search("alice", { q: "pagination", limit: 1, page: 2 });
    expect(second.hasMore).toBe(false);
    expect(second.hits[0].jobId).not.toBe(first.hits[0].jobId);
  });
});
