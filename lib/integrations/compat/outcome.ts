import "server-only";
// What a compatible request answers once its wait ends: the transcript of a completed
// job, or an error that names the job so nothing is lost (it stays on the dashboard,
// and a job still running can be fetched later).
import type { JobEventPayload } from "@/lib/events/bus";
import { SeleniteError } from "@/lib/errors";
import { loadTranscript } from "@/lib/exports/load";
import type { Transcript } from "@/lib/exports/types";
import { getConfig } from "@/lib/config";

/** Every compatible answer names its job, so a client (or a person reading its log) can find it. */
export const JOB_ID_HEADER = "x-selenite-job-id";

/** Why a job gave no transcript; `kind` picks each API's status and code. */
export class JobOutcomeError extends SeleniteError {
  constructor(
    readonly kind: "pending" | "failed" | "cancelled",
    readonly jobId: string,
    message: string,
  ) {
    super(kind === "pending" ? "unavailable" : kind === "cancelled" ? "cancelled" : "unprocessable", message, {
      status: kind === "pending" ? 504 : kind === "cancelled" ? 409 : 500,
    });
  }
}

export function pendingError(jobId: string): JobOutcomeError {
  const waited = Math.round(getConfig().compatWaitMs / 1000);
  return new JobOutcomeError(
    "pending",
    jobId,
    `Job ${jobId} is still running after ${waited} s (the COMPAT_WAIT_SEC limit). It carries on: fetch the transcript later with GET /api/jobs/${jobId}/export?format=srt (or txt, vtt, json), or follow it on the dashboard.`,
  );
}

/** The transcript of a job whose wait ended with `finished` (null: the limit passed). */
export async function transcriptOf(userId: string, jobId: string, finished: JobEventPayload | null): Promise<Transcript> {
  if (!finished) throw pendingError(jobId);
  if (finished.status === "failed") {
    throw new JobOutcomeError(
      "failed",
      jobId,
      `Job ${jobId} failed: ${finished.error ?? "the server log has the reason."} It is on the dashboard, where it can be restarted.`,
    );
  }
  if (finished.status === "cancelled")
    throw new JobOutcomeError("cancelled", jobId, `Job ${jobId} was cancelled before it finished. Restart it from the dashboard or send the file again.`);
  return loadTranscript(userId, jobId);
}
