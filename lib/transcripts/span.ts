// Re-transcribing one span of a transcript: the job goes back through the queue
// with a span request, the engine decodes only [start, end] of the stored media, and
// the segments in that span are replaced as one undo step. Everything outside the
// span, the person's corrections included, stays as it is. No "server-only": the
// queue (loaded by server.ts) applies the result.
import { z } from "zod";
import { db } from "@/lib/db";
import { SeleniteError } from "@/lib/errors";
import { bus } from "@/lib/events/bus";
import { publishJob } from "@/lib/jobs/events";
import { requireOwnedJob } from "@/lib/jobs/guard";
import { jobOptionsSelect, resolveOptions } from "@/lib/jobs/options";
import { FINISHED_STATUSES, hasTranscript } from "@/lib/jobs/status";
import { transitionJob } from "@/lib/jobs/transition";
import { recordEdit, replaceRange, type SegmentData, type Tx } from "@/lib/transcripts/range";
import type { SpanInput } from "@/lib/validation/transcripts";

const spanRequestSchema = z.object({
  start: z.number().min(0),
  end: z.number().positive(),
  model: z.string(),
  language: z.string().nullable(),
  task: z.enum(["transcribe", "translate"]),
  wordTimestamps: z.boolean(),
});

/** What Job.spanRequest holds while a span waits or runs. */
export type SpanRequest = z.infer<typeof spanRequestSchema>;

export function parseSpanRequest(raw: string | null): SpanRequest | null {
  if (!raw) return null;
  try {
    const parsed = spanRequestSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Queues the re-transcription of [start, end]; the transcript stays readable and editable meanwhile. */
export async function retranscribeSpan(userId: string, jobId: string, input: SpanInput): Promise<SpanRequest> {
  const job = await requireOwnedJob(
    userId,
    jobId,
    { ...jobOptionsSelect, durationSec: true, transcriptMeta: true },
    { allowed: FINISHED_STATUSES, message: "This job is in the queue or running. Wait until it is done, or cancel it, to re-transcribe a part of it." },
  );
  if (!hasTranscript(job)) throw new SeleniteError("conflict", "This job has no transcript yet: restart it to make one.");
  const length = job.durationSec ?? Number.POSITIVE_INFINITY;
  if (input.start >= length) {
    throw new SeleniteError("unprocessable", `The span starts after the recording ends (${length.toFixed(1)} s). Choose a start inside the recording.`);
  }
  const { start, end: asked, ...choices } = input;
  const options = await resolveOptions(choices, job);
  const request: SpanRequest = { start, end: Math.min(asked, length), ...options };
  const moved = await transitionJob(db, { where: { id: jobId }, from: FINISHED_STATUSES, to: "queued", data: { spanRequest: JSON.stringify(request) } });
  if (moved === 0) throw new SeleniteError("conflict", "This job changed meanwhile. Reload the page and try again.");
  await publishJob(jobId);
  bus.signals.emit("wake");
  return request;
}

/**
 * Inside the worker's completing transaction: the segments whose middle lies in the
 * span (and any between them) give way to the new ones, recorded as one undo step.
 * A span that held no segment gets the new ones where its start falls.
 */
export async function applySpan(tx: Tx, jobId: string, span: Pick<SpanRequest, "start" | "end">, next: SegmentData[]): Promise<void> {
  const rows = await tx.segment.findMany({ where: { jobId }, orderBy: { index: "asc" }, select: { index: true, start: true, end: true } });
  const inside = rows.filter((row) => {
    const middle = (row.start + row.end) / 2;
    return middle >= span.start && middle <= span.end;
  });
  const from = inside.length ? inside[0].index : (rows.find((row) => row.start >= span.start)?.index ?? rows.length);
  const count = inside.length ? inside[inside.length - 1].index - from + 1 : 0;
  // The engine's times stay inside the span it was given.
  const placed = next.map((segment) => {
    const start = Math.min(Math.max(segment.start, span.start), span.end);
    return { ...segment, start, end: Math.max(start, Math.min(segment.end, span.end)) };
  });
  const before = await replaceRange(tx, jobId, from, count, placed);
  await recordEdit(tx, jobId, "retranscribe", from, placed.length, before);
}
