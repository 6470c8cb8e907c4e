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
let byRecording: typeof import("@/lib/search/service").searchByRecording;

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
  ({ searchTranscripts: search, searchByRecording: byRecording } = await import("@/lib/search/service"));
  await db.user.createMany({
    data: [
      { id: "alice", email: "a@x", passwordHash: "x" },
      { id: "bob", email: "b@x", passwordHash: "x" },
      { id: "carol", email: "c@x", passwordHash: "x" },
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

describe("results grouped by recording", () => {
  it("counts matches and recordings, best recording first, hits in the order they were said", async () => {
    const dense = await addJob("carol", "Dense", ["orbit one", "nothing", "orbit orbit orbit", "orbit two", "orbit three", "orbit four"]);
    const sparse = await addJob("carol", "Sparse", ["a long sentence that mentions the orbit only once among many other words"]);
    await addJob("carol", "None", ["no match here"]);
    const result = await byRecording("carol", { q: "orbit" });
    expect(result).toMatchObject({ totalMatches: 6, totalRecordings: 2, capped: false, page: 1, hasMore: false });
    expect(result.groups.map((g) => [g.jobId, g.jobTitle, g.matches])).toEqual([
      [dense.id, "Dense", 5],
      [sparse.id, "Sparse", 1],
    ]);
    // The three best hits of the dense recording, shown by time.
    const shown = result.groups[0].hits;
    expect(shown).toHaveLength(3);
    expect(shown.map((h) => h.start)).toEqual([...shown.map((h) => h.start)].sort((a, b) => a - b));
    expect(shown.map((h) => h.start)).toContain(10);
    expect(shown.every((h) => h.snippet.includes("\u0002orbit\u0003"))).toBe(true);
  });

  it("pages over recordings and keeps the totals on every page", async () => {
    const first = await byRecording("carol", { q: "orbit", limit: 1 });
    const second = await byRecording("carol", { q: "orbit", limit: 1, page: 2 });
    expect(first).toMatchObject({ totalMatches: 6, totalRecordings: 2, hasMore: true });
    expect(second).toMatchObject({ totalMatches: 6, totalRecordings: 2, hasMore: false, page: 2 });
    expect(second.groups[0].jobId).not.toBe(first.groups[0].jobId);
    expect(await byRecording("carol", { q: "orbit", limit: 1, page: 3 })).toMatchObject({ groups: [], totalMatches: 0 });
  });

  it("applies the filters and the owner to the counts too", async () => {
    expect(await byRecording("alice", { q: "orbit" })).toMatchObject({ groups: [], totalMatches: 0, totalRecordings: 0 });
    expect(await byRecording("carol", { q: "orbit", to: new Date("2020-01-01") })).toMatchObject({ totalMatches: 0 });
    expect(await byRecording("carol", { q: "***" })).toMatchObject({ groups: [], totalMatches: 0 });
  });
});
