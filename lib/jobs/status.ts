// The job's status and what each status allows. Safe for client components: no
// server imports. The writes themselves go through lib/jobs/transition.ts.

export const JOB_STATUSES = ["queued", "processing", "completed", "failed", "cancelled"] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/** Waiting in line or being transcribed: it can be cancelled, not restarted or deleted quietly. */
export const ACTIVE_STATUSES = ["queued", "processing"] as const satisfies readonly JobStatus[];
/** Done one way or another: "Clear finished jobs" removes these, and they can be restarted. */
export const FINISHED_STATUSES = ["completed", "failed", "cancelled"] as const satisfies readonly JobStatus[];

export function isJobStatus(value: unknown): value is JobStatus {
  return typeof value === "string" && (JOB_STATUSES as readonly string[]).includes(value);
}

/** The status column is a plain string in SQLite; anything unknown is a bug, not input. */
export function toJobStatus(value: string): JobStatus {
  if (!isJobStatus(value)) throw new Error(`Unknown job status in the database: ${JSON.stringify(value)}`);
  return value;
}

export const isActive = (status: JobStatus): boolean => (ACTIVE_STATUSES as readonly JobStatus[]).includes(status);
export const isFinished = (status: JobStatus): boolean => (FINISHED_STATUSES as readonly JobStatus[]).includes(status);
/** A person can cancel a job that is waiting or running. */
export const canCancel = (status: JobStatus): boolean => isActive(status);
/** A person can restart a job once it has finished, however it ended. */
export const canRestart = (status: JobStatus): boolean => isFinished(status);
/** Only a completed job has a transcript from its latest run (the one exports take). */
export const isCompleted = (status: JobStatus): boolean => status === "completed";
/**
 * A job shows, and lets a person correct, a transcript once one was ever completed: a
 * restart keeps the current one (transcriptMeta) until the new one is done.
 */
export const hasTranscript = (job: { status: string; transcriptMeta: string | null }): boolean => job.status === "completed" || job.transcriptMeta !== null;
/**
 * A finished job exports the transcript it shows: a completed run's, the partial one a
 * cancelled run kept, or the one a cancelled or failed restart left in place.
 */
export const canExport = (job: { status: string; transcriptMeta: string | null }): boolean =>
  isJobStatus(job.status) && isFinished(job.status) && hasTranscript(job);
