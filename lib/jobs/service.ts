// The job service: one implementation behind the server actions and the REST
// routes. Every function takes the acting user's id and only touches their jobs.
import { CONFIDENCE_SELECT } from "@/lib/transcripts/range";
import { getConfig } from "@/lib/config";
import { db } from "@/lib/db";
import { SeleniteError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { bus } from "@/lib/events/bus";
import { publishJob, publishJobsChanged } from "@/lib/jobs/events";
import { ownedJobs, requireOwnedJob, requireOwnedJobs } from "@/lib/jobs/guard";
import { jobSummarySelect, toSummary, type JobRow, type JobSummary } from "@/lib/jobs/select";
import { compareJobs, FIRST_ORDER } from "@/lib/jobs/sort";
import { FINISHED_STATUSES, canRestart, type JobStatus } from "@/lib/jobs/status";
import { transitionJob } from "@/lib/jobs/transition";
import { dropResume } from "@/lib/queue/resume";
import { keepPartialTranscript } from "@/lib/transcripts/versions";
import { parseWords } from "@/lib/transcripts/words";
import { encodeWarnings } from "@/lib/jobs/warnings";
import { storedPath } from "@/lib/storage/files";
import { queuePlaces } from "@/lib/jobs/queue-line";
import { resolveOptions, type DecodingChoice } from "@/lib/jobs/options";
import type { ListJobsQuery, TranscriptionOptionsInput } from "@/lib/validation/jobs";

export type NewJob = {
  userId: string;
  title: string;
  originalName: string;
  storedName: string;
  mimeType: string | null;
  sizeBytes: number;
  durationSec: number | null;
  hasVideo: boolean;
  model: string;
  language: string | null;
  task: "transcribe" | "translate";
  wordTimestamps: boolean;
  beamSize: number;
  patience: number;
  vad: boolean;
  tagIds: string[];
  /** What the upload probe warned about (kept on the job: lib/jobs/warnings.ts). */
  warnings?: string[];
} & DecodingChoice;

export async function createJob(input: NewJob): Promise<JobSummary> {
  const { tagIds, warnings, ...data } = input;
  const row = await db.job.create({
    data: { ...data, warnings: encodeWarnings(warnings), status: "queued" satisfies JobStatus, tags: { create: tagIds.map((tagId) => ({ tagId })) } },
    select: jobSummarySelect,
  });
  await publishJob(row.id);
  bus.signals.emit("wake");
  return toSummary(row);
}

function listWhere(userId: string, query: ListJobsQuery): Prisma.JobWhereInput {
  const where: Prisma.JobWhereInput = ownedJobs(userId);
  if (query.status?.length) where.status = { in: query.status };
  if (query.tag) where.tags = { some: { tagId: query.tag } };
  if (query.q) where.OR = [{ title: { contains: query.q } }, { originalName: { contains: query.q } }];
  if (query.from || query.to) {
    where.createdAt = {
      ...(query.from ? { gte: query.from } : {}),
      // "to" is inclusive: up to the end of that day.
      ...(query.to ? { lt: new Date(query.to.getTime() + 24 * 3600 * 1000) } : {}),
    };
  }
  return where;
}

export async function listJobs(userId: string, query: ListJobsQuery) {
  const where = listWhere(userId, query);
  const page = query.page ?? 1;
  const skip = (page - 1) * query.limit;
  const sort = query.sort ?? "date";
  const order = query.order ?? FIRST_ORDER[sort];
  let total: number;
  let rows: JobRow[];
  if (sort === "date" || sort === "duration") {
    const orderBy: Prisma.JobOrderByWithRelationInput[] =
      sort === "date"
        ? [{ createdAt: order }, { id: order }]
        : // Not yet probed (no duration): at the end either way.
          [{ durationSec: { sort: order, nulls: "last" } }, { createdAt: "desc" }, { id: "desc" }];
    [total, rows] = await Promise.all([db.job.count({ where }), db.job.findMany({ where, orderBy, skip, take: query.limit, select: jobSummarySelect })]);
  } else {
    // Names as a person reads them and statuses by meaning are not SQLite orders: sort
    // the small keys of every matching job here (10,000 jobs take a few milliseconds), then load one page.
    const keys = await db.job.findMany({ where, select: { id: true, title: true, status: true, createdAt: true } });
    keys.sort(compareJobs(sort, order));
    total = keys.length;
    const ids = keys.slice(skip, skip + query.limit).map((k) => k.id);
    const found = await db.job.findMany({ where: { ...where, id: { in: ids } }, select: jobSummarySelect });
    const byId = new Map(found.map((row) => [row.id, row]));
    rows = ids.flatMap((id) => byId.get(id) ?? []);
  }
  const jobs = await withQueuePlaces(rows.map(toSummary));
  return { jobs, total, page, pageCount: Math.max(1, Math.ceil(total / query.limit)), limit: query.limit };
}

export async function getJob(userId: string, jobId: string): Promise<JobSummary> {
  const [job] = await withQueuePlaces([toSummary(await requireOwnedJob(userId, jobId, jobSummarySelect))]);
  return job;
}

/** Queued jobs get their place in line (only looked up when one is queued). */
async function withQueuePlaces(jobs: JobSummary[]): Promise<JobSummary[]> {
  if (!jobs.some((job) => job.status === "queued")) return jobs;
  const places = await queuePlaces();
  return jobs.map((job) => (job.status === "queued" ? { ...job, queue: places.get(job.id) ?? null } : job));
}

export async function getTranscript(userId: string, jobId: string) {
  await getJob(userId, jobId);
  const segments = await db.segment.findMany({
    where: { jobId },
    orderBy: { index: "asc" },
    select: {
      id: true,
      index: true,
      start: true,
      end: true,
      text: true,
      originalText: true,
      speaker: true,
      words: true,
      edited: true,
      ...CONFIDENCE_SELECT,
    },
  });
  return segments.map((s) => ({ ...s, words: parseWords(s.words) }));
}

/** The stored media of a job, for the player. */
export async function getJobMedia(userId: string, jobId: string) {
  const { status: _status, ...row } = await requireOwnedJob(userId, jobId, { storedName: true, mimeType: true, originalName: true });
  return { ...row, path: storedPath(getConfig().uploadsDir, row.storedName) };
}

export async function renameJob(userId: string, jobId: string, title: string): Promise<JobSummary> {
  await getJob(userId, jobId);
  const row = await db.job.update({ where: { id: jobId }, data: { title }, select: jobSummarySelect });
  publishJobsChanged(userId);
  return toSummary(row);
}

/** Queued jobs are cancelled at once; a running one is asked to stop (within one window). */
export async function cancelJobs(userId: string, ids: string[]): Promise<number> {
  const jobs = await requireOwnedJobs(userId, ids, { id: true });
  let count = 0;
  for (const job of jobs) {
    if (job.status === "queued") {
      // An interrupted run waiting to resume keeps the windows it committed, as a running one does.
      count += await db.$transaction(async (tx) => {
        const moved = await transitionJob(tx, { where: { id: job.id }, from: "queued", to: "cancelled" });
        if (moved) {
          await keepPartialTranscript(tx, job.id);
          await dropResume(tx, job.id);
        }
        return moved;
      });
    } else if (job.status === "processing") {
      await db.job.update({ where: { id: job.id }, data: { cancelRequested: true } });
      bus.signals.emit("cancel", job.id);
      count += 1;
    }
    await publishJob(job.id);
  }
  return count;
}

/** Queues a finished job again; options it leaves out stay the job's own. Refused at once when the model is not installed. */
export async function restartJob(userId: string, jobId: string, input: TranscriptionOptionsInput): Promise<JobSummary> {
  const job = await getJob(userId, jobId);
  if (!canRestart(job.status)) {
    throw new SeleniteError("conflict", "This job is still in the queue or running. Cancel it first to restart it.");
  }
  const options = await resolveOptions(input, job);
  // The transcript stays (readable, editable) until the new one completes: see
  // replaceTranscript in lib/transcripts/versions.ts.
  const row = await db.$transaction(async (tx) => {
    const moved = await transitionJob(tx, { where: { id: jobId }, from: FINISHED_STATUSES, to: "queued", data: { ...options, spanRequest: null } });
    // Started or deleted since the check above (another tab, another restart).
    if (moved === 0) throw new SeleniteError("conflict", "This job changed meanwhile. Reload the page and try again.");
    // A restart is a new run from the beginning, whatever an older one left to resume.
    await dropResume(tx, jobId);
    return tx.job.findUniqueOrThrow({ where: { id: jobId }, select: jobSummarySelect });
  });
  await publishJob(jobId);
  bus.signals.emit("wake");
  return toSummary(row);
}

/**
 * "Delete": moves jobs to the trash, where they stay restorable for Settings.trashDays
 * days (lib/jobs/trash.ts purges them, files and all). Queued ones are cancelled and
 * running ones stopped first, so nothing in the trash uses the engine.
 */
export async function deleteJobs(userId: string, ids: string[]): Promise<number> {
  const jobs = await requireOwnedJobs(userId, ids, { id: true });
  for (const job of jobs) {
    if (job.status === "queued") {
      await transitionJob(db, { where: { id: job.id }, from: "queued", to: "cancelled" });
    } else if (job.status === "processing") {
      await db.job.update({ where: { id: job.id }, data: { cancelRequested: true } });
      bus.signals.emit("cancel", job.id);
    }
  }
  const { count } = await db.job.updateMany({ where: { id: { in: jobs.map((j) => j.id) }, ...ownedJobs(userId) }, data: { deletedAt: new Date() } });
  for (const job of jobs) bus.publish({ kind: "job-deleted", userId, jobId: job.id });
  return count;
}

const finishedWhere = (userId: string): Prisma.JobWhereInput => ({ ...ownedJobs(userId), status: { in: [...FINISHED_STATUSES] } });

/**
 * "Move finished jobs to the trash": every completed, failed and cancelled job. The
 * person confirmed a count; if the library changed since (another tab, a job that
 * finished), nothing moves and they are shown the new number to confirm.
 */
export async function trashFinished(userId: string, confirmedCount: number): Promise<number> {
  const ids = (await db.job.findMany({ where: finishedWhere(userId), select: { id: true } })).map((j) => j.id);
  if (ids.length !== confirmedCount) {
    throw new SeleniteError(
      "conflict",
      `There are ${ids.length === 1 ? "now 1 finished job" : `now ${ids.length} finished jobs`}, not ${confirmedCount}. Nothing was moved; look again and confirm.`,
    );
  }
  return ids.length ? deleteJobs(userId, ids) : 0;
}

export async function countJobs(userId: string, status?: JobStatus): Promise<number> {
  return db.job.count({ where: { ...ownedJobs(userId), ...(status ? { status } : {}) } });
}
