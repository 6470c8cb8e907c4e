// The one primitive behind every transcript edit and its undo: replace the
// segments in index range [from, from + removeCount) by new ones, renumbering what
// follows, inside the caller's transaction.
import type { Prisma } from "@/lib/generated/prisma/client";
import type { SegmentFields } from "@/lib/transcripts/segment";

export type Tx = Prisma.TransactionClient;

/** A segment as stored: words still as the JSON string. */
export type SegmentData = SegmentFields & { words: string | null } & Confidence;

/** The decoder's figures for a segment (see prisma/schema.prisma); null when unknown. */
export type Confidence = {
  avgLogprob: number | null;
  noSpeechProb: number | null;
  compressionRatio: number | null;
  temperature: number | null;
  speechRatio: number | null;
};

/** The Segment columns of Confidence: every read that shows or exports the figures selects these. */
export const CONFIDENCE_SELECT = { avgLogprob: true, noSpeechProb: true, compressionRatio: true, temperature: true, speechRatio: true } as const;

export const SEGMENT_DATA_SELECT = {
  start: true,
  end: true,
  text: true,
  originalText: true,
  edited: true,
  speaker: true,
  words: true,
  ...CONFIDENCE_SELECT,
} as const;

export function confidenceOf(segment: Confidence): Confidence {
  return {
    avgLogprob: segment.avgLogprob,
    noSpeechProb: segment.noSpeechProb,
    compressionRatio: segment.compressionRatio,
    temperature: segment.temperature,
    speechRatio: segment.speechRatio,
  };
}

export async function replaceRange(tx: Tx, jobId: string, from: number, removeCount: number, next: SegmentData[]): Promise<SegmentData[]> {
  const before = await tx.segment.findMany({
    where: { jobId, index: { gte: from, lt: from + removeCount } },
    orderBy: { index: "asc" },
    select: SEGMENT_DATA_SELECT,
  });
  await tx.segment.deleteMany({ where: { jobId, index: { gte: from, lt: from + removeCount } } });
  const delta = next.length - removeCount;
  if (delta !== 0) {
    // Two steps through negative numbers so (jobId, index) stays unique throughout.
    await tx.$executeRawUnsafe(`UPDATE "Segment" SET "index" = -"index" - 1 WHERE "jobId" = ? AND "index" >= ?`, jobId, from + removeCount);
    await tx.$executeRawUnsafe(`UPDATE "Segment" SET "index" = -"index" - 1 + ? WHERE "jobId" = ? AND "index" < 0`, delta, jobId);
  }
  if (next.length) await tx.segment.createMany({ data: next.map((segment, i) => ({ ...segment, jobId, index: from + i })) });
  return before;
}

const KEEP_EDITS = 100;

/**
 * Records an undoable edit and forgets the oldest beyond the limit. A new change
 * forgets what could be redone (a redo records its edit with `keepRedo`).
 */
export async function recordEdit(
  tx: Tx,
  jobId: string,
  kind: string,
  fromIndex: number,
  afterCount: number,
  before: SegmentData[],
  options: { keepRedo?: boolean } = {},
): Promise<void> {
  if (!options.keepRedo) await tx.transcriptRedo.deleteMany({ where: { jobId } });
  await tx.transcriptEdit.create({ data: { jobId, kind, fromIndex, afterCount, before: JSON.stringify(before) } });
  const stale = await tx.transcriptEdit.findMany({ where: { jobId }, orderBy: { id: "desc" }, skip: KEEP_EDITS, select: { id: true } });
  if (stale.length) await tx.transcriptEdit.deleteMany({ where: { id: { in: stale.map((e) => e.id) } } });
}
