// The trash: jobs that were deleted (Job.deletedAt set by deleteJobs in
// lib/jobs/service.ts) stay restorable for Settings.trashDays days. Their recordings
// and transcripts are kept until the purge: "Delete forever" here, or the server's
// sweep once their time is up. The only module that reads trashed jobs.
import path from "node:path";
import type { Logger } from "pino";
import { db } from "@/lib/db";
import { SeleniteError } from "@/lib/errors";
import { bus } from "@/lib/events/bus";
import { publishJob, publishJobsChanged } from "@/lib/jobs/events";
import { toJobStatus } from "@/lib/jobs/status";
import { getSettings } from "@/lib/settings/service";
import { removeQuietly } from "@/lib/storage/files";
import { PEAKS_SUFFIX } from "@/lib/peaks/format";
import { getConfig } from "@/lib/config";

const DAY_MS = 24 * 3600 * 1000;
/** A job still running when its time is up waits for the next sweep (it is being stopped). */
const PURGEABLE = { deletedAt: { not: null }, status: { not: "processing" } } as const;

const trashed = (userId: string) => ({ userId, deletedAt: { not: null } });

export type TrashedJob = {
  id: string;
  title: string;
  status: string;
  durationSec: number | null;
  sizeBytes: number;
  createdAt: string;
  deletedAt: string;
  /** When the sweep removes it for good. */
  purgeAt: string;
};

export async function listTrash(userId: string): Promise<{ days: number; jobs: TrashedJob[] }> {
  const { trashDays: days } = await getSettings();
  const rows = await db.job.findMany({
    where: trashed(userId),
    orderBy: [{ deletedAt: "desc" }, { id: "desc" }],
    select: { id: true, title: true, status: true, durationSec: true, sizeBytes: true, createdAt: true, deletedAt: true },
  });
  return {
    days,
    jobs: rows.map((row) => {
      const deletedAt = row.deletedAt ?? new Date();
      return {
        ...row,
        status: toJobStatus(row.status),
        createdAt: row.createdAt.toISOString(),
        deletedAt: deletedAt.toISOString(),
        purgeAt: new Date(deletedAt.getTime() + days * DAY_MS).toISOString(),
      };
    }),
  };
}

/** Takes jobs out of the trash, as they were (a job stopped by the delete stays cancelled and can be restarted). */
export async function restoreJobs(userId: string, ids: string[]): Promise<number> {
  const found = await db.job.findMany({ where: { id: { in: ids }, ...trashed(userId) }, select: { id: true } });
  if (found.length === 0) throw new SeleniteError("not_found", "Nothing to restore: it is no longer in the trash.");
  const { count } = await db.job.updateMany({ where: { id: { in: found.map((j) => j.id) }, ...trashed(userId) }, data: { deletedAt: null } });
  for (const job of found) await publishJob(job.id);
  publishJobsChanged(userId);
  return count;
}

/** Deletes rows (segments, edits and tags go with them by cascade) and then their files. */
async function purge(jobs: { id: string; userId: string; storedName: string }[]): Promise<number> {
  if (jobs.length === 0) return 0;
  const { count } = await db.job.deleteMany({ where: { id: { in: jobs.map((j) => j.id) }, ...PURGEABLE } });
  const uploads = getConfig().uploadsDir;
  await Promise.all(
    jobs.flatMap((job) => {
      const media = path.join(uploads, path.basename(job.storedName));
      return [removeQuietly(media), removeQuietly(media + PEAKS_SUFFIX)];
    }),
  );
  for (const job of jobs) bus.publish({ kind: "job-deleted", userId: job.userId, jobId: job.id });
  return count;
}

/** "Delete forever": the given jobs of the trash (all of it when `ids` is null). */
export async function purgeJobs(userId: string, ids: string[] | null): Promise<number> {
  const jobs = await db.job.findMany({
    where: { ...(ids ? { id: { in: ids } } : {}), ...trashed(userId), ...PURGEABLE },
    select: { id: true, userId: true, storedName: true },
  });
  if (ids && jobs.length === 0) throw new SeleniteError("not_found", "Nothing to delete: it is no longer in the trash.");
  return purge(jobs);
}

/** The sweep's work: every job that has been in the trash longer than Settings.trashDays. */
export async function purgeExpired(now = new Date()): Promise<number> {
  const { trashDays } = await getSettings();
  const jobs = await db.job.findMany({
    where: { ...PURGEABLE, deletedAt: { lt: new Date(now.getTime() - trashDays * DAY_MS) } },
    select: { id: true, userId: true, storedName: true },
  });
  return purge(jobs);
}

/** Runs purgeExpired now and then every `intervalMs`; returns the function that stops it. */
export function startTrashSweep(intervalMs: number, logger: Logger): () => void {
  const sweep = () =>
    purgeExpired()
      .then((count) => {
        if (count) logger.info({ count }, `purged ${count === 1 ? "1 job" : `${count} jobs`} from the trash`);
      })
      .catch((error: unknown) => logger.warn({ err: error }, "the trash sweep failed; it runs again later"));
  void sweep();
  const timer = setInterval(sweep, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
