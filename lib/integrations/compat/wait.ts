import "server-only";
// Waiting for a job a compatible request created: the request holds until the job
// finishes (completed, failed, cancelled), the wait limit (COMPAT_WAIT_SEC) passes or
// the client goes away. Segments committed meanwhile can be followed as they come.
import { db } from "@/lib/db";
import { bus, type JobEventPayload } from "@/lib/events/bus";
import { jobEventSelect, toEventPayload } from "@/lib/jobs/select";
import { isFinished } from "@/lib/jobs/status";
import { cleanText } from "@/lib/text";

export type LiveSegment = { index: number; start: number; end: number; text: string };

export type WaitOptions = {
  timeoutMs: number;
  signal?: AbortSignal;
  /** Called with each committed segment once, in order, including those committed before the wait began. */
  onSegment?: (segment: LiveSegment) => void;
};

/** The finished job's state, or null when the limit passed or the client left first. */
export async function waitForJob(userId: string, jobId: string, options: WaitOptions): Promise<JobEventPayload | null> {
  let nextIndex = 0;
  const deliver = (firstIndex: number, segments: { start: number; end: number; text: string }[]) => {
    segments.forEach((segment, offset) => {
      const index = firstIndex + offset;
      if (index < nextIndex) return;
      nextIndex = index + 1;
      options.onSegment?.({ index, ...segment });
    });
  };
  let settle: (value: JobEventPayload | null) => void = () => {};
  const done = new Promise<JobEventPayload | null>((resolve) => (settle = resolve));
  // Subscribed before the first read, so nothing between the read and the subscription is lost.
  const unsubscribe = bus.subscribe((event) => {
    if (event.userId !== userId) return;
    if (event.kind === "segments" && event.segments.jobId === jobId) deliver(event.segments.firstIndex, event.segments.segments);
    if (event.kind === "job" && event.job.id === jobId && isFinished(event.job.status)) settle(event.job);
    if (event.kind === "job-deleted" && event.jobId === jobId) settle(null);
  });
  const timer = setTimeout(() => settle(null), options.timeoutMs);
  const onAbort = () => settle(null);
  options.signal?.addEventListener("abort", onAbort, { once: true });
  try {
    if (options.onSegment) {
      const committed = await db.segment.findMany({ where: { jobId }, orderBy: { index: "asc" }, select: { index: true, start: true, end: true, text: true } });
      for (const row of committed) deliver(row.index, [{ start: row.start, end: row.end, text: cleanText(row.text) }]);
    }
    const row = await db.job.findUnique({ where: { id: jobId }, select: jobEventSelect });
    if (!row) settle(null);
    else if (isFinished(toEventPayload(row).status)) settle(toEventPayload(row));
    return await done;
  } finally {
    unsubscribe();
    clearTimeout(timer);
    options.signal?.removeEventListener("abort", onAbort);
  }
}
