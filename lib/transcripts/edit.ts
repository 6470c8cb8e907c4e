// Corrections to a finished transcript: edit, revert, split, merge, retime, rename
// speakers, find and replace, undo and redo. Each change is one transaction and one undo
// step; the search index follows through the Segment triggers.
import { db } from "@/lib/db";
import { SeleniteError } from "@/lib/errors";
import { publishJobsChanged } from "@/lib/jobs/events";
import { requireTranscript } from "@/lib/jobs/guard";
import { cleanText } from "@/lib/text";
import { confidenceOf, recordEdit, replaceRange, SEGMENT_DATA_SELECT, type SegmentData, type Tx } from "@/lib/transcripts/range";
import { parseWords as parseStoredWords, wordsJson, type Word } from "@/lib/transcripts/words";

const editableJob = (userId: string, jobId: string) => requireTranscript(userId, jobId, { id: true, durationSec: true });

async function segmentAt(tx: Tx, jobId: string, segmentId: number) {
  const segment = await tx.segment.findFirst({ where: { id: segmentId, jobId }, select: { index: true, ...SEGMENT_DATA_SELECT } });
  if (!segment) throw new SeleniteError("not_found", "That segment no longer exists. Reload the page.");
  return segment;
}

async function change(userId: string, jobId: string, apply: (tx: Tx) => Promise<void>): Promise<void> {
  await editableJob(userId, jobId);
  await db.$transaction(apply);
  publishJobsChanged(userId);
}

export async function updateSegmentText(userId: string, jobId: string, segmentId: number, text: string): Promise<void> {
  const clean = cleanText(text);
  if (!clean) throw new SeleniteError("unprocessable", "A segment cannot be empty. Merge it with its neighbour or delete its words instead.");
  await change(userId, jobId, async (tx) => {
    const segment = await segmentAt(tx, jobId, segmentId);
    if (segment.text === clean) return;
    await tx.segment.update({ where: { id: segmentId }, data: { text: clean, edited: clean !== segment.originalText } });
    await recordEdit(tx, jobId, "edit", segment.index, 1, [strip(segment)]);
  });
}

export async function revertSegment(userId: string, jobId: string, segmentId: number): Promise<void> {
  await change(userId, jobId, async (tx) => {
    const segment = await segmentAt(tx, jobId, segmentId);
    if (segment.originalText === null) throw new SeleniteError("conflict", "This segment has no machine text to go back to.");
    await tx.segment.update({ where: { id: segmentId }, data: { text: segment.originalText, edited: false } });
    await recordEdit(tx, jobId, "revert", segment.index, 1, [strip(segment)]);
  });
}

/**
 * Splits at a character offset (moved to the nearest space); times follow the words,
 * or the characters. With `text` (the segment as it is being typed) the new text is
 * saved and split in the same transaction: one change, one undo step back to the
 * segment as it was stored.
 */
export async function splitSegment(userId: string, jobId: string, segmentId: number, offset: number, text?: string): Promise<void> {
  const typed = text === undefined ? undefined : cleanText(text);
  if (typed === "") throw new SeleniteError("unprocessable", "A segment cannot be empty. Merge it with its neighbour or delete its words instead.");
  await change(userId, jobId, async (tx) => {
    const segment = await segmentAt(tx, jobId, segmentId);
    const source = typed ?? segment.text;
    const cut = nearestSpace(source, offset);
    if (cut <= 0 || cut >= source.length) throw new SeleniteError("unprocessable", "Place the split between two words.");
    const left = source.slice(0, cut).trim();
    const right = source.slice(cut).trim();
    const words = parseWords(segment.words);
    const leftWordCount = left.split(/\s+/).length;
    const at =
      words.length > leftWordCount
        ? (words[leftWordCount - 1].end + words[leftWordCount].start) / 2
        : segment.start + (segment.end - segment.start) * (cut / source.length);
    // Machine text stays per part only when the segment was never edited, nor is now.
    const machine = source === segment.text && !segment.edited && segment.originalText === segment.text;
    const base = { speaker: segment.speaker, ...confidenceOf(segment), edited: !machine };
    await replaceRange(tx, jobId, segment.index, 1, [
      { ...base, start: segment.start, end: at, text: left, originalText: machine ? left : null, words: wordsJson(words.slice(0, leftWordCount)) },
      { ...base, start: at, end: segment.end, text: right, originalText: machine ? right : null, words: wordsJson(words.slice(leftWordCount)) },
    ]);
    await recordEdit(tx, jobId, "split", segment.index, 2, [strip(segment)]);
  });
}

/** Merges a segment with the one after it. */
export async function mergeWithNext(userId: string, jobId: string, segmentId: number): Promise<void> {
  await change(userId, jobId, async (tx) => {
    const first = await segmentAt(tx, jobId, segmentId);
    const second = await tx.segment.findFirst({ where: { jobId, index: first.index + 1 }, select: { index: true, ...SEGMENT_DATA_SELECT } });
    if (!second) throw new SeleniteError("unprocessable", "This is the last segment: there is nothing after it to merge with.");
    const original = first.originalText !== null && second.originalText !== null ? `${first.originalText} ${second.originalText}` : null;
    const text = `${first.text} ${second.text}`;
    const before = await replaceRange(tx, jobId, first.index, 2, [
      {
        start: Math.min(first.start, second.start),
        end: Math.max(first.end, second.end),
        text,
        originalText: original,
        edited: first.edited || second.edited || original !== text,
        speaker: first.speaker ?? second.speaker,
        words: wordsJson([...parseWords(first.words), ...parseWords(second.words)]),
        ...confidenceOf(first),
      },
    ]);
    await recordEdit(tx, jobId, "merge", first.index, 1, before);
  });
}

export async function retimeSegment(userId: string, jobId: string, segmentId: number, start: number, end: number): Promise<void> {
  const job = await editableJob(userId, jobId);
  const limit = (job.durationSec ?? Number.POSITIVE_INFINITY) + 0.5;
  if (!(start >= 0 && end > start && end <= limit)) {
    throw new SeleniteError("unprocessable", "Times must satisfy 0 ≤ start < end ≤ the recording's length.");
  }
  await change(userId, jobId, async (tx) => {
    const segment = await segmentAt(tx, jobId, segmentId);
    const shift = start - segment.start;
    const words = parseWords(segment.words).map((w) => ({ ...w, start: clamp(w.start + shift, start, end), end: clamp(w.end + shift, start, end) }));
    await tx.segment.update({ where: { id: segmentId }, data: { start, end, words: wordsJson(words) } });
    await recordEdit(tx, jobId, "retime", segment.index, 1, [strip(segment)]);
  });
}

/** Gives one segment to another speaker (an existing one or a new name), as one undo step. */
export async function setSegmentSpeaker(userId: string, jobId: string, segmentId: number, speaker: string): Promise<void> {
  const name = cleanText(speaker).slice(0, 60);
  if (!name) throw new SeleniteError("unprocessable", "Give the speaker a name.");
  await change(userId, jobId, async (tx) => {
    const segment = await segmentAt(tx, jobId, segmentId);
    if (segment.speaker === name) return;
    await tx.segment.update({ where: { id: segmentId }, data: { speaker: name } });
    await recordEdit(tx, jobId, "speaker", segment.index, 1, [strip(segment)]);
  });
}

/** Undoes the most recent change, keeping what it took out for Redo; returns false when there is nothing to undo. */
export async function undoLastEdit(userId: string, jobId: string): Promise<boolean> {
  await editableJob(userId, jobId);
  const undone = await db.$transaction(async (tx) => {
    const edit = await tx.transcriptEdit.findFirst({ where: { jobId }, orderBy: { id: "desc" } });
    if (!edit) return false;
    const before = JSON.parse(edit.before) as SegmentData[];
    const after = await replaceRange(tx, jobId, edit.fromIndex, edit.afterCount, before);
    await tx.transcriptEdit.delete({ where: { id: edit.id } });
    await tx.transcriptRedo.create({ data: { jobId, kind: edit.kind, fromIndex: edit.fromIndex, count: before.length, after: JSON.stringify(after) } });
    return true;
  });
  if (undone) publishJobsChanged(userId);
  return undone;
}

/** Applies the most recently undone change again, as an undo step of its own; false when there is nothing to redo. */
export async function redoLastUndo(userId: string, jobId: string): Promise<boolean> {
  await editableJob(userId, jobId);
  const redone = await db.$transaction(async (tx) => {
    const redo = await tx.transcriptRedo.findFirst({ where: { jobId }, orderBy: { id: "desc" } });
    if (!redo) return false;
    const after = JSON.parse(redo.after) as SegmentData[];
    const before = await replaceRange(tx, jobId, redo.fromIndex, redo.count, after);
    await recordEdit(tx, jobId, redo.kind, redo.fromIndex, after.length, before, { keepRedo: true });
    await tx.transcriptRedo.delete({ where: { id: redo.id } });
    return true;
  });
  if (redone) publishJobsChanged(userId);
  return redone;
}

export async function undoCount(jobId: string): Promise<number> {
  return db.transcriptEdit.count({ where: { jobId } });
}

export async function redoCount(jobId: string): Promise<number> {
  return db.transcriptRedo.count({ where: { jobId } });
}

function strip<T extends SegmentData & { index: number }>(segment: T): SegmentData {
  const { index: _index, ...data } = segment;
  return data;
}

function parseWords(json: string | null): Word[] {
  return parseStoredWords(json) ?? [];
}

function nearestSpace(text: string, offset: number): number {
  const at = Math.max(0, Math.min(text.length, Math.round(offset)));
  if (text[at] === " " || text[at - 1] === " ") return at;
  const left = text.lastIndexOf(" ", at);
  const right = text.indexOf(" ", at);
  if (left < 0) return right;
  if (right < 0) return left;
  return at - left <= right - at ? left : right;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
