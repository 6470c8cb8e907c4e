// The current transcript and the one before it. A restart leaves the current one in
// place (readable, editable) until the new run completes; then `replaceTranscript`
// swaps them in the worker's completing transaction. `restorePreviousTranscript`
// swaps them back. Only the current transcript lives in Segment, so only it is
// searched. No "server-only": server.ts loads the queue, which calls replaceTranscript.
import { requireOwnedJob } from "@/lib/jobs/guard";
import { FINISHED_STATUSES, hasTranscript } from "@/lib/jobs/status";
import { z } from "zod";
import { db } from "@/lib/db";
import { SeleniteError } from "@/lib/errors";
import { publishJob } from "@/lib/jobs/events";
import { committedUntil, pendingSegments, resumeLanguage } from "@/lib/queue/resume";
import { machineSegment } from "@/lib/transcripts/machine";
import { cleanText } from "@/lib/text";
import { SEGMENT_DATA_SELECT, type SegmentData, type Tx } from "@/lib/transcripts/range";

const metaSchema = z.object({
  model: z.string(),
  language: z.string().nullable(),
  task: z.string(),
  wordTimestamps: z.coerce.boolean(),
  detectedLanguage: z.string().nullable(),
  languageProb: z.number().nullable(),
  dtype: z.string().nullable(),
  processingMs: z.number().int().nullable(),
  // Set when a cancelled run kept the windows it had committed: where it stopped, in seconds.
  partialUntil: z.number().nullable().default(null),
});

/** What made a transcript: the job's options and the engine's findings for that run. */
export type TranscriptMeta = z.infer<typeof metaSchema>;

type EditData = { kind: string; fromIndex: number; afterCount: number; before: string; createdAt: string };

type Stored = { segments: SegmentData[]; edits: EditData[]; meta: TranscriptMeta | null };

export function parseMeta(raw: string | null): TranscriptMeta | null {
  if (!raw) return null;
  try {
    const parsed = metaSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

async function takeCurrent(tx: Tx, jobId: string, transcriptMeta: string | null): Promise<Stored> {
  const segments = await tx.segment.findMany({ where: { jobId }, orderBy: { index: "asc" }, select: SEGMENT_DATA_SELECT });
  const edits = await tx.transcriptEdit.findMany({
    where: { jobId },
    orderBy: { id: "asc" },
    select: { kind: true, fromIndex: true, afterCount: true, before: true, createdAt: true },
  });
  await tx.segment.deleteMany({ where: { jobId } });
  await tx.transcriptEdit.deleteMany({ where: { jobId } });
  // What could be redone belonged to the transcript that is going.
  await tx.transcriptRedo.deleteMany({ where: { jobId } });
  return { segments, edits: edits.map((e) => ({ ...e, createdAt: e.createdAt.toISOString() })), meta: parseMeta(transcriptMeta) };
}

async function putCurrent(tx: Tx, jobId: string, next: Stored): Promise<void> {
  await tx.segment.createMany({ data: next.segments.map((segment, index) => ({ ...segment, jobId, index })) });
  if (next.edits.length) {
    await tx.transcriptEdit.createMany({ data: next.edits.map((edit) => ({ ...edit, jobId, createdAt: new Date(edit.createdAt) })) });
  }
}

async function keepAsPrevious(tx: Tx, jobId: string, old: Stored): Promise<void> {
  const data = {
    segments: JSON.stringify(old.segments),
    edits: JSON.stringify(old.edits),
    meta: old.meta ? JSON.stringify(old.meta) : null,
    replacedAt: new Date(),
  };
  await tx.previousTranscript.upsert({ where: { jobId }, create: { jobId, ...data }, update: data });
}

/**
 * Inside the worker's completing transaction: the new transcript becomes current and
 * the one it replaces (with its corrections and undo steps) becomes the previous one.
 */
export async function replaceTranscript(tx: Tx, jobId: string, segments: SegmentData[], meta: TranscriptMeta): Promise<void> {
  const job = await tx.job.findUniqueOrThrow({ where: { id: jobId }, select: { transcriptMeta: true } });
  const old = await takeCurrent(tx, jobId, job.transcriptMeta);
  // A first run (or one after a run that never completed) has nothing worth keeping.
  if (old.segments.length || old.edits.length || old.meta) await keepAsPrevious(tx, jobId, old);
  await putCurrent(tx, jobId, { segments, edits: [], meta });
  await tx.job.update({ where: { id: jobId }, data: { transcriptMeta: JSON.stringify(meta) } });
}

const storedSchema = z.object({
  segments: z.array(
    z.object({
      start: z.number(),
      end: z.number(),
      text: z.string(),
      originalText: z.string().nullable(),
      edited: z.boolean(),
      speaker: z.string().nullable(),
      words: z.string().nullable(),
      avgLogprob: z.number().nullable(),
      // Absent in transcripts kept before these figures were stored.
      noSpeechProb: z.number().nullable().default(null),
      compressionRatio: z.number().nullable().default(null),
      temperature: z.number().nullable().default(null),
      speechRatio: z.number().nullable().default(null),
    }),
  ),
  edits: z.array(z.object({ kind: z.string(), fromIndex: z.number().int(), afterCount: z.number().int(), before: z.string(), createdAt: z.string() })),
});

/** Swaps the previous transcript back in; the current one becomes the previous (so restoring twice undoes it). */
export async function restorePreviousTranscript(userId: string, jobId: string): Promise<void> {
  await requireOwnedJob(
    userId,
    jobId,
    {},
    {
      allowed: FINISHED_STATUSES,
      message: "A new transcript is being made for this job. Cancel it first, or wait until it is done, to restore the previous one.",
    },
  );
  await db.$transaction(async (tx) => {
    const previous = await tx.previousTranscript.findUnique({ where: { jobId } });
    if (!previous) throw new SeleniteError("not_found", "This job has no previous transcript to restore.");
    const stored = storedSchema.parse({ segments: JSON.parse(previous.segments), edits: JSON.parse(previous.edits) });
    const meta = parseMeta(previous.meta);
    const current = await tx.job.findUniqueOrThrow({ where: { id: jobId }, select: { transcriptMeta: true } });
    const old = await takeCurrent(tx, jobId, current.transcriptMeta);
    await keepAsPrevious(tx, jobId, old);
    await putCurrent(tx, jobId, { ...stored, meta });
    // The job's facts follow the transcript shown, so a restart offers its options again.
    const { partialUntil: _partial, ...facts } = meta ?? {};
    await tx.job.update({ where: { id: jobId }, data: { transcriptMeta: meta ? JSON.stringify(meta) : null, ...facts } });
  });
  await publishJob(jobId);
}

export type PreviousTranscriptInfo = { replacedAt: string; model: string | null; segmentCount: number; editCount: number };

/** What the job page says about the transcript it could restore, or null. */
export async function previousTranscriptInfo(jobId: string): Promise<PreviousTranscriptInfo | null> {
  const previous = await db.previousTranscript.findUnique({ where: { jobId } });
  if (!previous) return null;
  const stored = storedSchema.safeParse({ segments: JSON.parse(previous.segments), edits: JSON.parse(previous.edits) });
  return {
    replacedAt: previous.replacedAt.toISOString(),
    model: parseMeta(previous.meta)?.model ?? null,
    segmentCount: stored.success ? stored.data.segments.length : 0,
    editCount: stored.success ? stored.data.edits.length : 0,
  };
}

export type TranscriptState = {
  current: boolean;
  previous: PreviousTranscriptInfo | null;
  /** The current transcript is what a cancelled run committed, up to this second. */
  partialUntil: number | null;
};

/** Whether the job page shows a transcript (also while a restart runs), whether it is partial, and what it could restore. */
export async function transcriptState(jobId: string): Promise<TranscriptState> {
  const job = await db.job.findUnique({ where: { id: jobId }, select: { status: true, transcriptMeta: true } });
  if (!job) return { current: false, previous: null, partialUntil: null };
  return { current: hasTranscript(job), previous: await previousTranscriptInfo(jobId), partialUntil: parseMeta(job.transcriptMeta)?.partialUntil ?? null };
}

/**
 * A run that is cancelled keeps what it committed, window by window, as a partial
 * transcript — unless the job already shows a complete one (a restart's cancel leaves
 * it in place) or the run was re-transcribing a span of it. Call before dropResume,
 * in the transaction that cancels the job.
 */
export async function keepPartialTranscript(tx: Tx, jobId: string): Promise<boolean> {
  const job = await tx.job.findUniqueOrThrow({
    where: { id: jobId },
    select: { transcriptMeta: true, spanRequest: true, resumeState: true, startedAt: true, model: true, language: true, task: true, wordTimestamps: true },
  });
  if (job.spanRequest !== null) return false;
  const segments = (await pendingSegments(tx, jobId)) ?? [];
  if (segments.length === 0) return false;
  const until = Math.max(committedUntil(job.resumeState) ?? 0, segments[segments.length - 1].end);
  // A complete transcript is never replaced by a partial one; a partial one by one that reaches further (it stays restorable).
  if (job.transcriptMeta !== null) {
    const shown = parseMeta(job.transcriptMeta)?.partialUntil ?? null;
    if (shown === null || until <= shown) return false;
  }
  await replaceTranscript(tx, jobId, segments.map(machineSegment), {
    model: job.model,
    language: job.language,
    task: job.task,
    wordTimestamps: job.wordTimestamps,
    detectedLanguage: resumeLanguage(job.resumeState),
    languageProb: null,
    dtype: null,
    processingMs: job.startedAt ? Date.now() - job.startedAt.getTime() : null,
    partialUntil: until,
  });
  return true;
}

/**
 * What a running job has committed so far (lib/queue/resume.ts), for its page; the
 * live events add to it. Not the transcript: that is swapped in when the run completes.
 */
export async function transcriptSoFar(jobId: string): Promise<{ start: number; end: number; text: string }[]> {
  const segments = (await pendingSegments(db, jobId)) ?? [];
  return segments.map((segment) => ({ start: segment.start, end: segment.end, text: cleanText(segment.text) }));
}

/** A short tag that changes whenever the transcript's times or text do: the captions track's cache key on the job page. */
export function transcriptTag(segments: readonly { start: number; end: number; text: string }[]): string {
  // FNV-1a, 32 bits: a cache key, not a checksum anyone relies on.
  let hash = 0x811c9dc5;
  for (const segment of segments) {
    const line = `${segment.start}|${segment.end}|${segment.text}\n`;
    for (let i = 0; i < line.length; i++) hash = Math.imul(hash ^ line.charCodeAt(i), 0x01000193) >>> 0;
  }
  return hash.toString(36);
}
