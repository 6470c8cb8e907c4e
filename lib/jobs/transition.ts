// The one place a job's status is written. Every move names where it may come from;
// the write is a compare-and-set on those statuses, so a job that moved meanwhile
// (cancelled, finished, deleted) is left alone and the caller sees a count of 0.
// What a job carries on entering each status is decided here, once.
import type { Prisma } from "@/lib/generated/prisma/client";
import { isFinished, type JobStatus } from "@/lib/jobs/status";

/** Which status may follow which. Anything else is a bug in the caller. */
export const TRANSITIONS: Record<JobStatus, readonly JobStatus[]> = {
  queued: ["processing", "cancelled"],
  // Back to "queued" when the server stops or crashes mid-job: the job starts again.
  processing: ["completed", "failed", "cancelled", "queued"],
  // Restart.
  completed: ["queued"],
  failed: ["queued"],
  cancelled: ["queued"],
};

export function canTransition(from: JobStatus, to: JobStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Fields a target status needs from the caller: who claimed it, and why it failed. */
type Needs = { processing: { claimedBy: string }; failed: { error: string } };

export type Transition<To extends JobStatus> = {
  to: To;
  /** The statuses the job may be in now; the write only applies to a job in one of them. */
  from: JobStatus | readonly JobStatus[];
  /** Which job(s), without the status: the id, the claiming worker, … */
  where: Omit<Prisma.JobWhereInput, "status">;
  /** Other fields written in the same update (results, options). Never the status. */
  data?: Omit<Prisma.JobUpdateManyMutationInput, "status">;
} & (To extends keyof Needs ? Needs[To] : object);

/** The whole update for a move, checked against TRANSITIONS. Exported for tests. */
export function transitionData<To extends JobStatus>(move: Transition<To>, now = new Date()) {
  const from: readonly JobStatus[] = typeof move.from === "string" ? [move.from] : move.from;
  const refused = from.filter((status) => !canTransition(status, move.to));
  if (from.length === 0 || refused.length) {
    throw new Error(`A job cannot go from ${refused.join(", ") || "nowhere"} to ${move.to}.`);
  }
  const needs = move as Partial<Needs["processing"] & Needs["failed"]>;
  const data: Prisma.JobUpdateManyMutationInput = { ...entering(move.to, from, needs, now), ...move.data, status: move.to };
  return { where: { ...move.where, status: { in: [...from] } }, data };
}

/** Moves the job(s) matching `where` and `from` to `to`; returns how many moved. */
export async function transitionJob<To extends JobStatus>(client: Pick<Prisma.TransactionClient, "job">, move: Transition<To>): Promise<number> {
  const { count } = await client.job.updateMany(transitionData(move));
  return count;
}

// A worker's claim (claimedBy, heartbeatAt) exists only while a job is processing.
const released = { stage: null, etaSec: null, claimedBy: null, heartbeatAt: null } as const;

function entering(to: JobStatus, from: readonly JobStatus[], needs: { claimedBy?: string; error?: string }, now: Date): Prisma.JobUpdateManyMutationInput {
  switch (to) {
    case "queued":
      return {
        ...released,
        progress: 0,
        error: null,
        detectedLanguage: null,
        languageProb: null,
        cancelRequested: false,
        startedAt: null,
        finishedAt: null,
        processingMs: null,
        // A restarted job joins the back of the line and counts its crashes afresh;
        // one interrupted mid-run keeps its place and its count (lib/queue/resume.ts).
        ...(from.every(isFinished) ? { queuedAt: now, attempts: 0 } : {}),
      };
    case "processing":
      return {
        stage: "probing",
        progress: 0,
        etaSec: null,
        error: null,
        claimedBy: needs.claimedBy,
        heartbeatAt: now,
        startedAt: now,
        cancelRequested: false,
        attempts: { increment: 1 },
      };
    case "completed":
      return { ...released, progress: 1, error: null, finishedAt: now };
    case "failed":
      return { ...released, error: needs.error, finishedAt: now };
    case "cancelled":
      return { ...released, finishedAt: now, cancelRequested: false };
  }
}
