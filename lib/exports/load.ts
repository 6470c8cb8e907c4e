import { CONFIDENCE_SELECT } from "@/lib/transcripts/range";
// No "server-only": server.ts's watch folders (lib/watch/) call this before Next starts.
// Loads a person's finished jobs into the exporters' input shape. Finished jobs with a
// transcript export it (lib/jobs/status.ts canExport): a completed run's, or the partial
// one a cancelled run kept. A queued or running job's transcript is not settled yet.
import { db } from "@/lib/db";
import { SeleniteError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { ownedJobs, requireOwnedJob } from "@/lib/jobs/guard";
import { canExport } from "@/lib/jobs/status";
import { parseWarnings } from "@/lib/jobs/warnings";
import { parseWords } from "@/lib/transcripts/words";
import type { ExportJob, ExportSegment, Transcript } from "@/lib/exports/types";

const exportJobSelect = {
  id: true,
  title: true,
  originalName: true,
  durationSec: true,
  model: true,
  language: true,
  detectedLanguage: true,
  languageProb: true,
  task: true,
  status: true,
  createdAt: true,
  finishedAt: true,
  processingMs: true,
  warnings: true,
  transcriptMeta: true,
} satisfies Prisma.JobSelect;

type JobRow = Prisma.JobGetPayload<{ select: typeof exportJobSelect }>;

function toExportJob({ status: _status, transcriptMeta: _meta, createdAt, finishedAt, warnings, ...row }: JobRow): ExportJob {
  return { ...row, warnings: parseWarnings(warnings), createdAt: createdAt.toISOString(), finishedAt: finishedAt?.toISOString() ?? null };
}

async function segmentsOf(jobId: string): Promise<ExportSegment[]> {
  const rows = await db.segment.findMany({
    where: { jobId },
    orderBy: { index: "asc" },
    select: {
      id: true,
      index: true,
      start: true,
      end: true,
      text: true,
      originalText: true,
      edited: true,
      speaker: true,
      words: true,
      ...CONFIDENCE_SELECT,
    },
  });
  return rows.map((row) => ({ ...row, words: parseWords(row.words) }));
}

export async function loadTranscript(userId: string, jobId: string): Promise<Transcript> {
  const job = await requireOwnedJob(userId, jobId, exportJobSelect);
  if (!canExport(job)) throw new SeleniteError("conflict", `This transcript is not ready yet: the job is ${job.status}.`);
  return { job: toExportJob(job), segments: await segmentsOf(job.id) };
}

function listTitles(jobs: JobRow[]): string {
  const named = jobs.slice(0, 5).map((j) => `"${j.title}" (${j.status})`);
  return jobs.length > 5 ? `${named.join(", ")} and ${jobs.length - 5} more` : named.join(", ");
}

/**
 * Checks a whole selection before a zip starts streaming (after that, no error status
 * can be sent), and returns the loader for each transcript in the order given.
 */
export async function prepareSelection(userId: string, ids: string[]): Promise<{ job: ExportJob; load: () => Promise<Transcript> }[]> {
  const unique = [...new Set(ids)];
  const rows = await db.job.findMany({ where: { id: { in: unique }, ...ownedJobs(userId) }, select: exportJobSelect });
  const byId = new Map(rows.map((row) => [row.id, row]));
  const missing = unique.filter((id) => !byId.has(id));
  if (missing.length === unique.length) throw new SeleniteError("not_found", "None of the selected jobs exist. They may have been deleted.");
  if (missing.length) throw new SeleniteError("not_found", `${missing.length} of the selected jobs no longer exist. Reload the page and try again.`);
  const notReady = rows.filter((row) => !canExport(row));
  if (notReady.length) {
    throw new SeleniteError("conflict", `Some transcripts are not ready yet: ${listTitles(notReady)}. Leave them out of the selection and try again.`);
  }
  return unique.map((id) => {
    const job = toExportJob(byId.get(id)!);
    return { job, load: async () => ({ job, segments: await segmentsOf(id) }) };
  });
}
