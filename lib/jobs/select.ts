// What the web side sees of a job: selected fields only, never whole rows.
import type { Prisma } from "@/lib/generated/prisma/client";
import type { JobEventPayload, SpeakerStage } from "@/lib/events/bus";
import { jobOptionsSelect } from "@/lib/jobs/options";
import { toJobStatus, type JobStatus } from "@/lib/jobs/status";
import type { QueuePlace } from "@/lib/jobs/queue-line";
import { parseWarnings } from "@/lib/jobs/warnings";
import { toSpeakerMode, type SpeakerMode } from "@/lib/validation/limits";

const speakerStageSelect = { select: { status: true, mode: true, method: true, found: true, progress: true, etaSec: true, error: true } } as const;

function toSpeakerStage(row: Prisma.SpeakerRunGetPayload<typeof speakerStageSelect> | null): SpeakerStage | null {
  if (!row) return null;
  const status = row.status === "running" || row.status === "completed" || row.status === "failed" ? row.status : "queued";
  return { ...row, status };
}

export const jobSummarySelect = {
  id: true,
  title: true,
  originalName: true,
  status: true,
  stage: true,
  progress: true,
  etaSec: true,
  durationSec: true,
  hasVideo: true,
  sizeBytes: true,
  ...jobOptionsSelect,
  detectedLanguage: true,
  languageProb: true,
  error: true,
  warnings: true,
  createdAt: true,
  startedAt: true,
  finishedAt: true,
  processingMs: true,
  updatedAt: true,
  tags: { select: { tag: { select: { id: true, name: true, color: true } } } },
  speakerRun: speakerStageSelect,
} satisfies Prisma.JobSelect;

export type JobRow = Prisma.JobGetPayload<{ select: typeof jobSummarySelect }>;

export type JobSummary = Omit<JobRow, "status" | "tags" | "warnings" | "createdAt" | "startedAt" | "finishedAt" | "updatedAt" | "speakerRun" | "speakers"> & {
  status: JobStatus;
  speakers: SpeakerMode;
  /** The speaker stage (lib/speakers), null when it never ran. */
  speakerStage: SpeakerStage | null;
  /** What the upload probe and the engine warned about; empty when nothing. */
  warnings: string[];
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  updatedAt: string;
  tags: { id: string; name: string; color: string }[];
  /** A queued job's place in line and time to done (lib/jobs/queue-line.ts); null otherwise. */
  queue: QueuePlace | null;
};

export function toSummary(row: JobRow): JobSummary {
  const { speakerRun, ...rest } = row;
  return {
    ...rest,
    status: toJobStatus(row.status),
    speakers: toSpeakerMode(row.speakers),
    speakerStage: toSpeakerStage(speakerRun),
    warnings: parseWarnings(row.warnings),
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
    updatedAt: row.updatedAt.toISOString(),
    tags: row.tags.map((t) => t.tag),
    queue: null,
  };
}

export const jobEventSelect = {
  id: true,
  userId: true,
  status: true,
  stage: true,
  progress: true,
  etaSec: true,
  error: true,
  durationSec: true,
  detectedLanguage: true,
  updatedAt: true,
  speakerRun: speakerStageSelect,
} satisfies Prisma.JobSelect;

export function toEventPayload(row: Prisma.JobGetPayload<{ select: typeof jobEventSelect }>): JobEventPayload {
  return {
    id: row.id,
    status: toJobStatus(row.status),
    stage: row.stage,
    progress: row.progress,
    etaSec: row.etaSec,
    error: row.error,
    durationSec: row.durationSec,
    detectedLanguage: row.detectedLanguage,
    speakerStage: toSpeakerStage(row.speakerRun),
    updatedAt: row.updatedAt.toISOString(),
  };
}
