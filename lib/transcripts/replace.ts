// Find and replace inside one transcript (with a preview first), and speaker
// renames. Both touch many segments; each is one undo step covering the range.
import { db } from "@/lib/db";
import { SeleniteError } from "@/lib/errors";
import { publishJobsChanged } from "@/lib/jobs/events";
import { requireTranscript } from "@/lib/jobs/guard";
import { cleanText } from "@/lib/text";
import { recordEdit, SEGMENT_DATA_SELECT, type SegmentData } from "@/lib/transcripts/range";

export type FindOptions = { find: string; caseSensitive?: boolean; wholeWord?: boolean };

export type FindMatch = { segmentId: number; index: number; start: number; text: string; ranges: [number, number][] };

function matcher({ find, caseSensitive, wholeWord }: FindOptions): RegExp {
  const escaped = find.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const pattern = wholeWord ? `(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])` : escaped;
  return new RegExp(pattern, `gu${caseSensitive ? "" : "i"}`);
}

async function requireCompleted(userId: string, jobId: string): Promise<void> {
  await requireTranscript(userId, jobId, {});
}

export async function findInTranscript(userId: string, jobId: string, options: FindOptions): Promise<FindMatch[]> {
  await requireCompleted(userId, jobId);
  const regex = matcher(options);
  const segments = await db.segment.findMany({ where: { jobId }, orderBy: { index: "asc" }, select: { id: true, index: true, start: true, text: true } });
  const matches: FindMatch[] = [];
  for (const segment of segments) {
    const ranges = [...segment.text.matchAll(regex)].map((m) => [m.index, m.index + m[0].length] as [number, number]);
    if (ranges.length) matches.push({ segmentId: segment.id, index: segment.index, start: segment.start, text: segment.text, ranges });
  }
  return matches;
}

/** Replaces every match; returns how many segments changed. */
export async function replaceInTranscript(userId: string, jobId: string, options: FindOptions & { replace: string }): Promise<number> {
  const matches = await findInTranscript(userId, jobId, options);
  if (matches.length === 0) return 0;
  const regex = matcher(options);
  const replacement = options.replace.replace(/\$/g, "$$$$");
  const changed = await db.$transaction(async (tx) => {
    const from = matches[0].index;
    const to = matches[matches.length - 1].index;
    const before = (await tx.segment.findMany({
      where: { jobId, index: { gte: from, lte: to } },
      orderBy: { index: "asc" },
      select: SEGMENT_DATA_SELECT,
    })) as SegmentData[];
    let count = 0;
    for (const match of matches) {
      const text = cleanText(match.text.replace(regex, replacement));
      if (!text || text === match.text) continue;
      const current = before[match.index - from];
      await tx.segment.update({ where: { id: match.segmentId }, data: { text, edited: text !== current.originalText } });
      count += 1;
    }
    if (count) await recordEdit(tx, jobId, "replace", from, to - from + 1, before);
    return count;
  });
  if (changed) publishJobsChanged(userId);
  return changed;
}

/**
 * Replaces one match: the one that starts at character `at` of the segment, as the
 * preview showed it. One undo step. Refused when the transcript changed and that match
 * is no longer there.
 */
export async function replaceOneMatch(userId: string, jobId: string, options: FindOptions & { replace: string; segmentId: number; at: number }): Promise<void> {
  await requireCompleted(userId, jobId);
  const regex = matcher(options);
  await db.$transaction(async (tx) => {
    const segment = await tx.segment.findFirst({ where: { id: options.segmentId, jobId }, select: { index: true, ...SEGMENT_DATA_SELECT } });
    const match = segment ? [...segment.text.matchAll(regex)].find((m) => m.index === options.at) : undefined;
    if (!segment || !match)
      throw new SeleniteError("conflict", "That match is no longer there: the transcript changed meanwhile. The matches shown are up to date now.");
    const text = cleanText(segment.text.slice(0, match.index) + options.replace + segment.text.slice(match.index + match[0].length));
    if (!text) throw new SeleniteError("unprocessable", "That would leave the segment empty. Merge it with its neighbour instead.");
    if (text === segment.text) return;
    const { index, ...before } = segment;
    await tx.segment.update({ where: { id: options.segmentId }, data: { text, edited: text !== segment.originalText } });
    await recordEdit(tx, jobId, "replace", index, 1, [before]);
  });
  publishJobsChanged(userId);
}

export async function renameSpeaker(userId: string, jobId: string, from: string, to: string): Promise<number> {
  await requireCompleted(userId, jobId);
  const name = cleanText(to).slice(0, 60);
  if (!name) throw new SeleniteError("unprocessable", "Give the speaker a name.");
  const changed = await db.$transaction(async (tx) => {
    const affected = await tx.segment.findMany({ where: { jobId, speaker: from }, orderBy: { index: "asc" }, select: { index: true } });
    if (affected.length === 0) return 0;
    const first = affected[0].index;
    const last = affected[affected.length - 1].index;
    const before = await tx.segment.findMany({ where: { jobId, index: { gte: first, lte: last } }, orderBy: { index: "asc" }, select: SEGMENT_DATA_SELECT });
    await tx.segment.updateMany({ where: { jobId, speaker: from }, data: { speaker: name } });
    await recordEdit(tx, jobId, "speaker", first, last - first + 1, before);
    return affected.length;
  });
  if (changed) publishJobsChanged(userId);
  return changed;
}
