// The one ownership check: a job that is not the acting user's does not exist for
// them (404, never 403, so ids cannot be probed). Services call this before reading
// or changing a job; routes and actions get the same message whichever path they take.
// A job in the trash does not exist either, except to the trash itself (lib/jobs/trash.ts):
// every read of jobs starts from ownedJobs().
import { db } from "@/lib/db";
import { SeleniteError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { hasTranscript, toJobStatus, type JobStatus } from "@/lib/jobs/status";

export const NO_SUCH_JOB = "No such job. It may have been deleted.";

/** The user's jobs that are not in the trash: the filter every read of jobs starts from. */
export function ownedJobs(userId: string): { userId: string; deletedAt: null } {
  return { userId, deletedAt: null };
}

/** Demands a status as well: the message says why the job cannot be used as it is. */
export type StatusRule = { allowed: readonly JobStatus[]; message: string | ((status: JobStatus) => string) };

type Owned<S extends Prisma.JobSelect> = Omit<Prisma.JobGetPayload<{ select: S }>, "status"> & { status: JobStatus };

export async function requireOwnedJob<S extends Prisma.JobSelect>(userId: string, jobId: string, select: S, rule?: StatusRule): Promise<Owned<S>> {
  const row = (await db.job.findFirst({ where: { id: jobId, ...ownedJobs(userId) }, select: { ...select, status: true } as Prisma.JobSelect })) as
    (Prisma.JobGetPayload<{ select: S }> & { status: string }) | null;
  if (!row) throw new SeleniteError("not_found", NO_SUCH_JOB);
  const status = toJobStatus(row.status);
  if (rule && !rule.allowed.includes(status)) {
    throw new SeleniteError("conflict", typeof rule.message === "string" ? rule.message : rule.message(status));
  }
  return { ...row, status };
}

/** The user's jobs among `ids`; none of them at all is "no such job". */
export async function requireOwnedJobs<S extends Prisma.JobSelect>(userId: string, ids: string[], select: S): Promise<Owned<S>[]> {
  const rows = (await db.job.findMany({
    where: { id: { in: ids }, ...ownedJobs(userId) },
    select: { ...select, status: true } as Prisma.JobSelect,
  })) as (Prisma.JobGetPayload<{
    select: S;
  }> & { status: string })[];
  if (rows.length === 0) throw new SeleniteError("not_found", NO_SUCH_JOB);
  return rows.map((row) => ({ ...row, status: toJobStatus(row.status) }));
}

/** Correcting needs a transcript: a completed job's, or the one a restart keeps until it is done. */
export async function requireTranscript<S extends Prisma.JobSelect>(userId: string, jobId: string, select: S) {
  const job = await requireOwnedJob(userId, jobId, { ...select, transcriptMeta: true });
  if (!hasTranscript(job as unknown as { status: string; transcriptMeta: string | null })) {
    throw new SeleniteError("conflict", "Only a finished transcript can be edited.");
  }
  return job;
}
