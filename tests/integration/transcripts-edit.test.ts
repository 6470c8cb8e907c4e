// Corrections against a real SQLite file: edits reach search, revert and undo
// restore, split and merge keep times consistent.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { migrateDatabase } from "@/lib/db/migrate";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "selenite-edit-"));
process.env.DATABASE_URL = `file:${path.join(dir, "edit.db")}`;
process.env.LOG_LEVEL = "silent";

let db: typeof import("@/lib/db").db;
let edit: typeof import("@/lib/transcripts/edit");
let replace: typeof import("@/lib/transcripts/replace");
let search: typeof import("@/lib/search/service").searchTranscripts;
let jobId: string;

const WORDS = [
  { word: "hello", start: 0, end: 0.5 },
  { word: "there", start: 0.6, end: 1.0 },
  { word: "general", start: 2.0, end: 2.6 },
  { word: "kenobi", start: 2.7, end: 3.4 },
];

async function segments() {
  return db.segment.findMany({
    where: { jobId },
    orderBy: { index: "asc" },
    select: { id: true, index: true, start: true, end: true, text: true, originalText: true, edited: true, speaker: true, words: true },
  });
}

beforeAll(async () => {
  await migrateDatabase(path.join(dir, "edit.db"));
  ({ db } = await import("@/lib/db"));
  edit = await import("@/lib/transcripts/edit");
  replace = await import("@/lib/transcripts/replace");
  ({ searchTranscripts: search } = await import("@/lib/search/service"));
  await db.user.createMany({
    data: [
      { id: "alice", email: "a@x", passwordHash: "x" },
      { id: "bob", email: "b@x", passwordHash: "x" },
    ],
  });
});

beforeEach(async () => {
  await db.job.deleteMany({});
  const job = await db.job.create({
    data: {
      userId: "alice",
      title: "t",
      originalName: "t.mp3",
      storedName: `${Math.random()}.mp3`,
      sizeBytes: 1,
      model: "m",
      status: "completed",
      durationSec: 20,
      segments: {
        create: [
          {
            index: 0,
            start: 0,
            end: 3.4,
            text: "hello there general kenobi",
            originalText: "hello there general kenobi",
            words: JSON.stringify(WORDS),
            speaker: "SPEAKER_1",
          },
          { index: 1, start: 4, end: 8, text: "the colour of the sky", originalText: "the colour of the sky", speaker: "SPEAKER_2" },
          { index: 2, start: 8, end: 12, text: "Colour me surprised", originalText: "Colour me surprised", speaker: "SPEAKER_1" },
        ],
      },
    },
  });
  jobId = job.id;
});

afterAll(async () => {
  await db?.$disconnect();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("editing a transcript", () => {
  it("saves an edit, marks it, updates search, and reverts to the machine text", async () => {
    const [first] = await segments();
    await edit.updateSegmentText("alice", jobId, first.id, "hello there general grievous");
    let [after] = await segments();
    expect(after).toMatchObject({ text: "hello there general grievous", edited: true, originalText: "hello there general kenobi" });
    expect((await search("alice", { q: "grievous" })).hits).toHaveLength(1);
    expect((await search("alice", { q: "kenobi" })).hits).toHaveLength(0);
    await edit.revertSegment("alice", jobId, first.id);
    [after] = await segments();
    expect(after).toMatchObject({ text: "hello there general kenobi", edited: false });
    expect((await search("alice", { q: "kenobi" })).hits).toHaveLength(1);
  });

  it("refuses empty text and other users", async () => {
    const [first] = await segments();
    await expect(edit.updateSegmentText("alice", jobId, first.id, "   ")).rejects.toThrow(/cannot be empty/);
    await expect(edit.updateSegmentText("bob", jobId, first.id, "mine now")).rejects.toThrow(/No such job/);
  });

  it("splits at a word boundary using word times, and merges back", async () => {
    const [first] = await segments();
    await edit.splitSegment("alice", jobId, first.id, 12); // "hello there |general kenobi"
    const split = await segments();
    expect(split.map((s) => s.text)).toEqual(["hello there", "general kenobi", "the colour of the sky", "Colour me surprised"]);
    expect(split[0]).toMatchObject({ start: 0, end: 1.5, originalText: "hello there", edited: false });
    expect(split[1]).toMatchObject({ start: 1.5, end: 3.4 });
    expect(split.map((s) => s.index)).toEqual([0, 1, 2, 3]);
    expect(JSON.parse(split[1].words ?? "[]").map((w: { word: string }) => w.word)).toEqual(["general", "kenobi"]);

    await edit.mergeWithNext("alice", jobId, split[0].id);
    const merged = await segments();
    expect(merged[0]).toMatchObject({ text: "hello there general kenobi", start: 0, end: 3.4, edited: false });
    expect(merged).toHaveLength(3);
    await expect(edit.mergeWithNext("alice", jobId, merged[2].id)).rejects.toThrow(/last segment/);
  });

  it("splits proportionally without word times and keeps times monotonic", async () => {
    const [, second] = await segments();
    await edit.splitSegment("alice", jobId, second.id, 10); // "the colour |of the sky"
    const all = await segments();
    expect(all[1].text).toBe("the colour");
    expect(all[1].end).toBeCloseTo(4 + 4 * (10 / 21), 5);
    for (let i = 1; i < all.length; i++) expect(all[i].start).toBeGreaterThanOrEqual(all[i - 1].start);
  });

  it("saves typed text and splits it in one change, undone in one step", async () => {
    const original = (await segments()).map(({ id: _id, ...rest }) => rest);
    const [first] = await segments();
    // Typed but not saved: "hello there" became "hello  over there"; split before "general".
    await edit.splitSegment("alice", jobId, first.id, 16, " hello  over there general kenobi");
    const split = await segments();
    expect(split.map((s) => s.text).slice(0, 2)).toEqual(["hello over there", "general kenobi"]);
    expect(split[0]).toMatchObject({ originalText: null, edited: true });
    expect(split[1]).toMatchObject({ originalText: null, edited: true });
    expect(await edit.undoCount(jobId)).toBe(1);
    expect(await edit.undoLastEdit("alice", jobId)).toBe(true);
    expect((await segments()).map(({ id: _id, ...rest }) => rest)).toEqual(original);
  });

  it("keeps neither the typed text nor a split when the split is refused", async () => {
    const original = (await segments()).map(({ id: _id, ...rest }) => rest);
    const [first, second] = await segments();
    // No space to split at in the typed text: the text must not be saved either.
    await expect(edit.splitSegment("alice", jobId, first.id, 3, "hellothere")).rejects.toThrow(/between two words/);
    await expect(edit.splitSegment("alice", jobId, second.id, 3, "   ")).rejects.toThrow(/cannot be empty/);
    expect((await segments()).map(({ id: _id, ...rest }) => rest)).toEqual(original);
    expect(await edit.undoCount(jobId)).toBe(0);
    expect((await search("alice", { q: "hellothere" })).hits).toHaveLength(0);
  });

  it("retimes within the recording and shifts word times along", async () => {
    const [first] = await segments();
    await expect(edit.retimeSegment("alice", jobId, first.id, 5, 4)).rejects.toThrow(/start < end/);
    await expect(edit.retimeSegment("alice", jobId, first.id, 0, 99)).rejects.toThrow(/length/);
    await edit.retimeSegment("alice", jobId, first.id, 0.5, 3.9);
    const [after] = await segments();
    expect(after).toMatchObject({ start: 0.5, end: 3.9 });
    expect(JSON.parse(after.words ?? "[]")[0]).toMatchObject({ start: 0.5, end: 1.0 });
  });

  it("undoes changes one by one, back to exactly the start", async () => {
    const original = (await segments()).map(({ id: _id, ...rest }) => rest);
    const [first, second] = await segments();
    await edit.updateSegmentText("alice", jobId, first.id, "changed");
    await edit.splitSegment("alice", jobId, second.id, 10);
    const afterSplit = await segments();
    await edit.mergeWithNext("alice", jobId, afterSplit[0].id);
    expect(await edit.undoCount(jobId)).toBe(3);
    expect(await edit.undoLastEdit("alice", jobId)).toBe(true);
    expect(await edit.undoLastEdit("alice", jobId)).toBe(true);
    expect(await edit.undoLastEdit("alice", jobId)).toBe(true);
    expect(await edit.undoLastEdit("alice", jobId)).toBe(false);
    expect((await segments()).map(({ id: _id, ...rest }) => rest)).toEqual(original);
    expect((await search("alice", { q: "changed" })).hits).toHaveLength(0);
  });

  it("finds with a preview and replaces all, as one undo step", async () => {
    const preview = await replace.findInTranscript("alice", jobId, { find: "colour" });
    expect(preview.map((m) => m.ranges)).toEqual([[[4, 10]], [[0, 6]]]);
    expect(await replace.findInTranscript("alice", jobId, { find: "colour", caseSensitive: true })).toHaveLength(1);
    expect(await replace.findInTranscript("alice", jobId, { find: "colo", wholeWord: true })).toHaveLength(0);
    expect(await replace.replaceInTranscript("alice", jobId, { find: "colour", replace: "color" })).toBe(2);
    expect((await segments()).map((s) => s.text)).toEqual(["hello there general kenobi", "the color of the sky", "color me surprised"]);
    await edit.undoLastEdit("alice", jobId);
    expect((await segments())[2].text).toBe("Colour me surprised");
  });

  it("redoes what was undone, step by step, until a new change forgets it", async () => {
    const original = (await segments()).map(({ id: _id, ...rest }) => rest);
    const [first, second] = await segments();
    await edit.updateSegmentText("alice", jobId, first.id, "changed");
    await edit.splitSegment("alice", jobId, second.id, 10);
    const edited = (await segments()).map(({ id: _id, ...rest }) => rest);
    expect(await edit.redoLastUndo("alice", jobId)).toBe(false);
    await edit.undoLastEdit("alice", jobId);
    await edit.undoLastEdit("alice", jobId);
    expect((await segments()).map(({ id: _id, ...rest }) => rest)).toEqual(original);
    expect(await edit.redoCount(jobId)).toBe(2);
    expect(await edit.undoCount(jobId)).toBe(0);

    expect(await edit.redoLastUndo("alice", jobId)).toBe(true);
    expect((await segments())[0].text).toBe("changed");
    expect(await edit.redoLastUndo("alice", jobId)).toBe(true);
    expect((await segments()).map(({ id: _id, ...rest }) => rest)).toEqual(edited);
    expect((await search("alice", { q: "changed" })).hits).toHaveLength(1);
    expect(await edit.redoLastUndo("alice", jobId)).toBe(false);
    // A redone change is undone like any other.
    expect(await edit.undoCount(jobId)).toBe(2);
    await edit.undoLastEdit("alice", jobId);
    expect(await edit.redoCount(jobId)).toBe(1);
    // A new change: what could be redone is gone.
    const now = await segments();
    await edit.updateSegmentText("alice", jobId, now[1].id, "something new");
    expect(await edit.redoCount(jobId)).toBe(0);
    expect(await edit.redoLastUndo("alice", jobId)).toBe(false);
  });

  it("replaces one match where the preview showed it, as one undo step, and refuses one that moved", async () => {
    const [, sky, surprised] = await segments();
    await replace.replaceOneMatch("alice", jobId, { find: "colour", replace: "color", segmentId: surprised.id, at: 0 });
    expect((await segments()).map((s) => s.text)).toEqual(["hello there general kenobi", "the colour of the sky", "color me surprised"]);
    expect((await segments())[2].edited).toBe(true);
    expect(await edit.undoCount(jobId)).toBe(1);
    // The match in the sky segment is at 4, not 0: the transcript is not what the preview showed.
    await expect(replace.replaceOneMatch("alice", jobId, { find: "colour", replace: "color", segmentId: sky.id, at: 0 })).rejects.toThrow(
      "That match is no longer there",
    );
    await expect(replace.replaceOneMatch("alice", jobId, { find: "the colour of the sky", replace: " ", segmentId: sky.id, at: 0 })).rejects.toThrow(
      "That would leave the segment empty",
    );
    await expect(replace.replaceOneMatch("bob", jobId, { find: "colour", replace: "color", segmentId: sky.id, at: 4 })).rejects.toThrow("No such job");
    await edit.undoLastEdit("alice", jobId);
    expect((await segments())[2].text).toBe("Colour me surprised");
  });

  it("renames a speaker everywhere", async () => {
    expect(await replace.renameSpeaker("alice", jobId, "SPEAKER_1", "Ada")).toBe(2);
    expect((await segments()).map((s) => s.speaker)).toEqual(["Ada", "SPEAKER_2", "Ada"]);
  });
});

describe("editing while a restart is queued or running", () => {
  it("stays possible on the transcript being replaced, and not on a job that never had one", async () => {
    const [first] = await segments();
    await db.job.update({ where: { id: jobId }, data: { status: "queued", transcriptMeta: JSON.stringify({ model: "m" }) } });
    await edit.updateSegmentText("alice", jobId, first.id, "corrected while queued");
    await db.job.update({ where: { id: jobId }, data: { status: "processing" } });
    expect(await replace.renameSpeaker("alice", jobId, "SPEAKER_2", "Bea")).toBe(1);
    expect((await segments())[0].text).toBe("corrected while queued");
    await db.job.update({ where: { id: jobId }, data: { status: "queued", transcriptMeta: null } });
    await expect(edit.updateSegmentText("alice", jobId, first.id, "no")).rejects.toThrow(/Only a finished transcript/);
  });
});
