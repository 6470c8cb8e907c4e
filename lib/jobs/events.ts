// Publishes a job's current state to the browsers that are watching.
import { db } from "@/lib/db";
import { bus } from "@/lib/events/bus";
import { jobEventSelect, toEventPayload } from "@/lib/jobs/select";
import { cleanText } from "@/lib/text";
import type { TranscriptSegment } from "@/lib/transcription/types";

export async function publishJob(jobId: string): Promise<void> {
  const row = await db.job.findUnique({ where: { id: jobId }, select: jobEventSelect });
  if (row) bus.publish({ kind: "job", userId: row.userId, job: toEventPayload(row) });
}

export function publishJobsChanged(userId: string): void {
  bus.publish({ kind: "jobs-changed", userId });
}

/** A running job's newly committed segments, as the live transcript shows them. */
export function publishSegments(userId: string, jobId: string, firstIndex: number, segments: TranscriptSegment[]): void {
  const shown = segments.map((segment) => ({ start: segment.start, end: segment.end, text: cleanText(segment.text) }));
  bus.publish({ kind: "segments", userId, segments: { jobId, firstIndex, segments: shown } });
}
