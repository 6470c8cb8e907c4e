// Identify speakers again on a finished job (another method or count), or take the
// labels off: the job page's "Identify speakers" and POST /api/jobs/:id/speakers.
// Text edits stay: the stage only splits unedited segments at turns and labels the rest.
import { db } from "@/lib/db";
import { SeleniteError } from "@/lib/errors";
import { bus } from "@/lib/events/bus";
import { publishJob, publishJobsChanged } from "@/lib/jobs/events";
import { requireTranscript } from "@/lib/jobs/guard";
import { jobOptionsSelect, resolveSpeakerOptions } from "@/lib/jobs/options";
import { jobSummarySelect, toSummary, type JobSummary } from "@/lib/jobs/select";
import type { JobStatus } from "@/lib/jobs/status";
import { recordEdit, replaceRange, SEGMENT_DATA_SELECT } from "@/lib/transcripts/range";
import type { SpeakerOptionsInput } from "@/lib/validation/jobs";
import { queueSpeakerRun } from "./queue";

export async function identifySpeakers(userId: string, jobId: string, input: SpeakerOptionsInput): Promise<JobSummary> {
  const job = await requireTranscript(userId, jobId, { ...jobOptionsSelect, speakerRun: { select: { status: true } } });
  if (job.status !== "completed") throw new SeleniteError("conflict", "This job is being transcribed again. Identify speakers once it has finished.");
  if (job.speakerRun?.status === "running") {
    throw new SeleniteError("conflict", "Speakers are being identified right now. Wait until that finishes, then run it again with other options.");
  }
  const options = await resolveSpeakerOptions(input, job);
  await db.$transaction(async (tx) => {
    const moved = await tx.job.updateMany({ where: { id: jobId, status: "completed" satisfies JobStatus, deletedAt: null }, data: options });
    if (moved.count === 0) throw new SeleniteError("conflict", "This job changed meanwhile. Reload the page and try again.");
    if (options.speakers !== "off") return queueSpeakerRun(tx, jobId, options);
    // Off: the labels come off as one undo step, and the stage is forgotten.
    await tx.speakerRun.deleteMany({ where: { jobId } });
    const labelled = await tx.segment.findMany({ where: { jobId, speaker: { not: null } }, orderBy: { index: "asc" }, select: { index: true } });
    if (!labelled.length) return;
    const [first, last] = [labelled[0].index, labelled[labelled.length - 1].index];
    const segments = await tx.segment.findMany({ where: { jobId, index: { gte: first, lte: last } }, orderBy: { index: "asc" }, select: SEGMENT_DATA_SELECT });
    const before = await replaceRange(
      tx,
      jobId,
      first,
      segments.length,
      segments.map((segment) => ({ ...segment, speaker: null })),
    );
    await recordEdit(tx, jobId, "speakers", first, segments.length, before);
  });
  await publishJob(jobId);
  publishJobsChanged(userId);
  bus.signals.emit("wake");
  return toSummary(await db.job.findUniqueOrThrow({ where: { id: jobId }, select: jobSummarySelect }));
}
