// The speaker stage's queue, on the SpeakerRun table. A run is queued when a job's
// transcript is committed with speakers asked for (in the same transaction), or when a
// person runs the stage again; a worker claims it only while its job is completed and
// not in the trash. Whatever happens to the run, the transcript stays as it was:
// speakers are written in one transaction, and a failure only words itself on the run.
import { z } from "zod";
import { db } from "@/lib/db";
import type { JobFailure } from "@/lib/jobs/failures";
import type { SpeakerOptions } from "@/lib/jobs/options";
import type { JobStatus } from "@/lib/jobs/status";
import { getConfig } from "@/lib/config";
import { installedSpeakerModels } from "@/lib/models/speakers";
import { MAX_ATTEMPTS } from "@/lib/queue/resume";
import { recordEdit, replaceRange, SEGMENT_DATA_SELECT, type SegmentData, type Tx } from "@/lib/transcripts/range";
import { parseWords } from "@/lib/transcripts/words";
import { assignSpeakers, speakerLabels, speakerOver } from "./assign";
import { cutPoints, speakerChoice, type DiarizeResult, type SpeakerMethod } from "./request";
import type { CutPoints } from "./rough";
import type { SpeakerChoice, SpeakerTurn } from "./types";

export type SpeakerRunStatus = "queued" | "running" | "completed" | "failed";

export type ClaimedSpeakerRun = {
  jobId: string;
  userId: string;
  storedName: string;
  durationSec: number | null;
  method: SpeakerMethod;
  choice: SpeakerChoice | undefined;
  cuts: CutPoints;
  models: Awaited<ReturnType<typeof installedSpeakerModels>>;
  attempts: number;
};

const RESET = {
  status: "queued",
  progress: 0,
  etaSec: null,
  error: null,
  method: null,
  found: null,
  attempts: 0,
  claimedBy: null,
  heartbeatAt: null,
  startedAt: null,
  finishedAt: null,
  processingMs: null,
} as const;

/** Puts the job's speaker stage in line with these options (replacing any earlier run's state). */
export async function queueSpeakerRun(tx: Tx, jobId: string, options: SpeakerOptions): Promise<void> {
  if (options.speakers === "off") return;
  const choice = { mode: options.speakers, speakerCount: options.speakerCount, minSpeakers: options.minSpeakers, maxSpeakers: options.maxSpeakers };
  const queuedAt = new Date();
  await tx.speakerRun.upsert({ where: { jobId }, create: { jobId, ...choice, queuedAt }, update: { ...RESET, ...choice, queuedAt } });
}

/** The oldest queued run whose job has its transcript, claimed for `workerId`; null when none. */
export async function claimSpeakerRun(workerId: string): Promise<ClaimedSpeakerRun | null> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const next = await db.speakerRun.findFirst({
      where: { status: "queued", job: { status: "completed" satisfies JobStatus, deletedAt: null } },
      orderBy: { queuedAt: "asc" },
      select: {
        jobId: true,
        mode: true,
        speakerCount: true,
        minSpeakers: true,
        maxSpeakers: true,
        attempts: true,
        job: { select: { userId: true, storedName: true, durationSec: true } },
      },
    });
    if (!next) return null;
    if (next.attempts >= MAX_ATTEMPTS) {
      // Claimed that often without an outcome: the server died during it each time.
      await db.speakerRun.updateMany({
        where: { jobId: next.jobId, status: "queued" },
        data: { status: "failed", error: crashMessage(next.attempts), finishedAt: new Date() },
      });
      continue;
    }
    const models = await installedSpeakerModels(getConfig().modelsDir);
    const method: SpeakerMethod = next.mode === "channel" ? "channel" : next.mode === "rough" || !models ? "rough" : "neural";
    const now = new Date();
    const moved = await db.speakerRun.updateMany({
      where: { jobId: next.jobId, status: "queued" },
      data: {
        status: "running",
        method,
        claimedBy: workerId,
        heartbeatAt: now,
        startedAt: now,
        attempts: { increment: 1 },
        progress: 0,
        etaSec: null,
        error: null,
      },
    });
    if (moved.count === 0) continue; // another worker took it
    const segments = await db.segment.findMany({ where: { jobId: next.jobId }, orderBy: { index: "asc" }, select: { start: true, end: true, words: true } });
    return {
      jobId: next.jobId,
      userId: next.job.userId,
      storedName: next.job.storedName,
      durationSec: next.job.durationSec,
      method,
      choice: speakerChoice(next),
      cuts: cutPoints(segments.map((s) => ({ ...s, words: parseWords(s.words) }))),
      models: method === "neural" ? models : null,
      attempts: next.attempts + 1,
    };
  }
  return null;
}

const claimed = (jobId: string, workerId: string) => ({ jobId, claimedBy: workerId, status: "running" satisfies SpeakerRunStatus });

export async function speakerProgress(jobId: string, workerId: string, fraction: number): Promise<void> {
  const run = await db.speakerRun.findFirst({ where: claimed(jobId, workerId), select: { startedAt: true } });
  if (!run) return;
  const elapsed = run.startedAt ? (Date.now() - run.startedAt.getTime()) / 1000 : 0;
  const progress = Math.max(0, Math.min(1, fraction));
  const etaSec = progress > 0.02 && elapsed > 1 ? Math.round((elapsed * (1 - progress)) / progress) : null;
  await db.speakerRun.updateMany({ where: claimed(jobId, workerId), data: { progress, etaSec, heartbeatAt: new Date() } });
}

/**
 * Writes the speakers onto the transcript and completes the run, in one transaction and
 * one undo step. When the job is no longer completed (restarted, in the trash) nothing is
 * written: a restart queues the stage again once its new transcript is in.
 */
export async function completeSpeakerRun(jobId: string, workerId: string, result: DiarizeResult): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const run = await tx.speakerRun.findFirst({ where: claimed(jobId, workerId), select: { startedAt: true } });
    if (!run) return false;
    const job = await tx.job.findFirst({ where: { id: jobId, status: "completed" satisfies JobStatus, deletedAt: null }, select: { id: true } });
    if (!job) {
      await tx.speakerRun.updateMany({ where: claimed(jobId, workerId), data: { ...RESET } });
      return false;
    }
    await saveSpeakers(tx, jobId, result.turns, result.method);
    const found = new Set(result.turns.map((turn) => turn.speaker)).size;
    const finishedAt = new Date();
    await tx.speakerRun.updateMany({
      where: claimed(jobId, workerId),
      data: {
        status: "completed",
        found,
        progress: 1,
        etaSec: null,
        turns: JSON.stringify(result.turns),
        finishedAt,
        processingMs: run.startedAt ? finishedAt.getTime() - run.startedAt.getTime() : result.ms,
        claimedBy: null,
      },
    });
    return true;
  });
}

/** Speakers onto every segment (split at turns where words allow). */
async function saveSpeakers(tx: Tx, jobId: string, turns: SpeakerTurn[], method: SpeakerMethod): Promise<void> {
  const segments = await tx.segment.findMany({ where: { jobId }, orderBy: { index: "asc" }, select: SEGMENT_DATA_SELECT });
  const label = method === "channel" ? (speaker: number) => `Channel ${speaker + 1}` : speakerLabels(turns);
  const next = assignSpeakers(segments, turns, label);
  const before = await replaceRange(tx, jobId, 0, segments.length, next);
  await recordEdit(tx, jobId, "speakers", 0, next.length, before);
}

const turnsSchema = z.array(z.object({ start: z.number(), end: z.number(), speaker: z.number().int().min(0) }));

/**
 * A re-transcribed span of a job whose speakers were identified: its new segments get
 * speakers from the stored turns, under the names the person sees now (a renamed
 * speaker keeps its new name), so the span needs no new speaker run.
 */
export async function labelFromStoredTurns(tx: Tx, jobId: string, next: SegmentData[]): Promise<SegmentData[]> {
  const run = await tx.speakerRun.findUnique({ where: { jobId }, select: { status: true, turns: true, method: true } });
  const parsed = run?.status === "completed" && run.turns ? turnsSchema.safeParse(JSON.parse(run.turns)) : null;
  if (!parsed?.success || !parsed.data.length) return next;
  const turns = parsed.data;
  // Which name each speaker of the turns carries now: the most common among its segments.
  const votes = new Map<number, Map<string, number>>();
  for (const segment of await tx.segment.findMany({ where: { jobId, speaker: { not: null } }, select: { start: true, end: true, speaker: true } })) {
    const speaker = speakerOver(turns, segment.start, segment.end)!;
    const names = votes.get(speaker) ?? new Map<string, number>();
    names.set(segment.speaker!, (names.get(segment.speaker!) ?? 0) + segment.end - segment.start);
    votes.set(speaker, names);
  }
  const fallback = run!.method === "channel" ? (speaker: number) => `Channel ${speaker + 1}` : speakerLabels(turns);
  const label = (speaker: number) => {
    const names = votes.get(speaker);
    return names?.size ? [...names].reduce((best, next) => (next[1] > best[1] ? next : best))[0] : fallback(speaker);
  };
  return assignSpeakers(next, turns, label);
}

export async function failSpeakerRun(jobId: string, workerId: string, failure: JobFailure): Promise<void> {
  await db.speakerRun.updateMany({
    where: claimed(jobId, workerId),
    data: { status: "failed", error: failure.message, finishedAt: new Date(), etaSec: null, claimedBy: null },
  });
}

/** The thread died during the run: in line again, or failed once it has died MAX_ATTEMPTS times on this file. */
export async function crashedSpeakerRun(jobId: string, workerId: string, attempts: number, exitCode: number): Promise<"requeued" | "failed"> {
  if (attempts < MAX_ATTEMPTS) {
    await db.speakerRun.updateMany({ where: claimed(jobId, workerId), data: { status: "queued", claimedBy: null, heartbeatAt: null } });
    return "requeued";
  }
  await failSpeakerRun(jobId, workerId, { code: "engine_crash", message: crashMessage(attempts, exitCode) });
  return "failed";
}

function crashMessage(attempts: number, exitCode?: number): string {
  const code = exitCode === undefined ? "" : ` (last exit code ${exitCode})`;
  return `Identifying speakers stopped the worker ${attempts} times in a row${code}, so Selenite gave up. The transcript is safe; try another method from the job page (Identify speakers).`;
}

/** Shutdown: a running stage goes back in line, to run again from the start (it is short). */
export async function parkSpeakerRun(jobId: string, workerId: string): Promise<void> {
  await db.speakerRun.updateMany({
    where: claimed(jobId, workerId),
    data: { status: "queued", claimedBy: null, heartbeatAt: null, attempts: { decrement: 1 } },
  });
}

/** At start: stages that were running when the server stopped run again. */
export async function recoverSpeakerRuns(): Promise<number> {
  const { count } = await db.speakerRun.updateMany({ where: { status: "running" }, data: { status: "queued", claimedBy: null, heartbeatAt: null } });
  return count;
}
