// Resume, not restart: a running job commits each window's segments to PendingSegment
// with the point the run would continue from (Job.resumeState) in the same
// transaction. After a SIGKILL, SIGTERM or a worker crash the job is claimed again
// and the engine continues from its last committed window. The pending segments are
// not the transcript: a restarted job keeps its old transcript current until the new
// run completes, when replaceTranscript swaps the whole new one in.
import { z } from "zod";
import type { Tx } from "@/lib/transcripts/range";
import { SAMPLE_RATE } from "@/lib/transcription/whisper-constants";
import type { ResumeFrom, ResumePoint, TranscriptSegment } from "@/lib/transcription/types";

/** A job whose worker dies this many times in a row without committing a window fails. */
export const MAX_ATTEMPTS = 3;

const resumePointSchema = z.object({
  key: z.string(),
  windows: z.number().int().min(0),
  seek: z.number().int().min(0),
  language: z.string().nullable(),
  languageProbability: z.number().nullable(),
  previousTokens: z.array(z.number().int()),
});

const wordSchema = z.object({ word: z.string(), start: z.number(), end: z.number() }).loose();
// Loose: confidence figures and whatever else the engine puts on a segment travel with it.
const segmentSchema = z.object({ start: z.number(), end: z.number(), text: z.string(), words: z.array(wordSchema).optional() }).loose();

export function encodeResumePoint(point: ResumePoint): string {
  return JSON.stringify(resumePointSchema.parse(point));
}

function parseResumePoint(raw: string | null): ResumePoint | null {
  if (!raw) return null;
  const parsed = resumePointSchema.safeParse(safeJson(raw));
  return parsed.success ? parsed.data : null;
}

/** How far the run's committed windows reach, in seconds of the file; null when nothing was committed. */
export function committedUntil(resumeState: string | null): number | null {
  const point = parseResumePoint(resumeState);
  return point && point.windows > 0 ? point.seek / SAMPLE_RATE : null;
}

/** The language the run decodes in (detected on its first window when not given). */
export function resumeLanguage(resumeState: string | null): string | null {
  return parseResumePoint(resumeState)?.language ?? null;
}

/** The committed segments of the job's unfinished run, in order (what the live view shows). */
export async function pendingSegments(tx: Pick<Tx, "pendingSegment">, jobId: string): Promise<TranscriptSegment[] | null> {
  const rows = await tx.pendingSegment.findMany({ where: { jobId }, orderBy: { index: "asc" }, select: { index: true, data: true } });
  const segments: TranscriptSegment[] = [];
  for (const [i, row] of rows.entries()) {
    const parsed = row.index === i ? segmentSchema.safeParse(safeJson(row.data)) : null;
    if (!parsed?.success) return null; // unreadable or a gap: start again rather than resume from half a list
    segments.push(parsed.data as TranscriptSegment);
  }
  return segments;
}

function safeJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return null;
  }
}

/** Where the job's last run stopped, with its segments; undefined = start from the beginning. */
export async function loadResume(tx: Tx, jobId: string, resumeState: string | null): Promise<ResumeFrom | undefined> {
  const point = parseResumePoint(resumeState);
  if (!point || point.windows === 0) return undefined;
  const segments = await pendingSegments(tx, jobId);
  return segments ? { ...point, segments } : undefined;
}

/** One window's segments after the `from` already committed, and the new resume point. */
export async function writeWindow(tx: Tx, jobId: string, from: number, segments: TranscriptSegment[], point: ResumePoint): Promise<void> {
  // A run that started again from the beginning (other options) overwrites what an older one left.
  await tx.pendingSegment.deleteMany({ where: { jobId, index: { gte: from } } });
  if (segments.length) {
    await tx.pendingSegment.createMany({ data: segments.map((segment, i) => ({ jobId, index: from + i, data: JSON.stringify(segment) })) });
  }
  await tx.job.update({ where: { id: jobId }, data: { resumeState: encodeResumePoint(point) } });
}

/** The run is over (completed, failed, cancelled): nothing is left to resume. */
export async function dropResume(tx: Tx, jobId: string): Promise<void> {
  await tx.pendingSegment.deleteMany({ where: { jobId } });
  await tx.job.updateMany({ where: { id: jobId }, data: { resumeState: null } });
}
