// The durable queue on the jobs table. Claims are compare-and-set updates, so two
// dispatchers (or two threads) can never take the same job.
import { getConfig } from "@/lib/config";
import { db } from "@/lib/db";
import type { JobFailure } from "@/lib/jobs/failures";
import type { JobStatus } from "@/lib/jobs/status";
import { transitionJob } from "@/lib/jobs/transition";
import { encodeWarnings } from "@/lib/jobs/warnings";
import { cleanText } from "@/lib/text";
import { replaceTranscript } from "@/lib/transcripts/versions";
import { wordsJson } from "@/lib/transcripts/words";
import type { ClaimedJob, JobQueue } from "@/lib/queue/queue";
import type { EngineProgress, TranscriptResult } from "@/lib/transcription/types";

const CLAIM_FIELDS = {
  id: true,
  userId: true,
  storedName: true,
  model: true,
  language: true,
  task: true,
  wordTimestamps: true,
  attempts: true,
  temperatureFallback: true,
  compressionRatioThreshold: true,
  logprobThreshold: true,
  noSpeechThreshold: true,
  conditionOnPreviousText: true,
  prompt: true,
} as const;

export class SqliteJobQueue implements JobQueue {
  async claim(workerId: string): Promise<ClaimedJob | null> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const next = await db.job.findFirst({
        where: { status: "queued" satisfies JobStatus },
        orderBy: [{ queuedAt: "asc" }, { id: "asc" }],
        select: { id: true },
      });
      if (!next) return null;
      if ((await transitionJob(db, { where: { id: next.id }, from: "queued", to: "processing", claimedBy: workerId })) === 1) {
        const job = await db.job.findUniqueOrThrow({ where: { id: next.id }, select: CLAIM_FIELDS });
        return { ...job, task: job.task === "translate" ? "translate" : "transcribe" };
      }
      // Someone else took it (or it was cancelled) between the read and the write.
    }
    return null;
  }

  async heartbeat(jobId: string, workerId: string, progress: EngineProgress): Promise<void> {
    await db.job.updateMany({
      where: { ...claimedBy(jobId, workerId), status: "processing" satisfies JobStatus },
      data: {
        stage: progress.stage,
        progress: Math.max(0, Math.min(1, progress.fraction)),
        etaSec: progress.etaSec,
        heartbeatAt: new Date(),
        ...(progress.durationSec ? { durationSec: progress.durationSec } : {}),
      },
    });
  }

  async complete(jobId: string, workerId: string, result: TranscriptResult): Promise<void> {
    await db.$transaction(async (tx) => {
      const job = await tx.job.findFirst({
        where: { ...claimedBy(jobId, workerId), status: "processing" satisfies JobStatus },
        select: { startedAt: true, model: true, language: true, task: true, wordTimestamps: true },
      });
      if (!job) return; // deleted or cancelled meanwhile: nothing to save
      const finishedAt = new Date();
      const processingMs = job.startedAt ? finishedAt.getTime() - job.startedAt.getTime() : result.timings.totalMs;
      // The transcript a restart is replacing stays current until here, then becomes the previous one.
      await replaceTranscript(
        tx,
        jobId,
        result.segments.map((segment) => {
          const text = cleanText(segment.text);
          return {
            start: segment.start,
            end: segment.end,
            text,
            originalText: text,
            edited: false,
            speaker: null,
            words: wordsJson(segment.words),
            avgLogprob: segment.avgLogprob ?? null,
          };
        }),
        {
          model: job.model,
          language: job.language,
          task: job.task,
          wordTimestamps: job.wordTimestamps,
          detectedLanguage: result.language,
          languageProb: result.languageProbability,
          dtype: result.dtype,
          processingMs,
        },
      );
      faultBeforeCommit();
      await transitionJob(tx, {
        where: claimedBy(jobId, workerId),
        from: "processing",
        to: "completed",
        data: {
          // The engine probes the file again, so its list holds the upload probe's warnings too.
          warnings: encodeWarnings(result.warnings),
          durationSec: result.durationSec,
          hasVideo: result.hasVideo,
          detectedLanguage: result.language,
          languageProb: result.languageProbability,
          dtype: result.dtype,
          finishedAt,
          processingMs,
        },
      });
    });
  }

  async park(jobId: string, workerId: string): Promise<void> {
    await transitionJob(db, { where: claimedBy(jobId, workerId), from: "processing", to: "queued" });
  }

  async fail(jobId: string, workerId: string, failure: JobFailure): Promise<void> {
    await transitionJob(db, { where: claimedBy(jobId, workerId), from: "processing", to: "failed", error: failure.message });
  }

  async cancelled(jobId: string, workerId: string): Promise<void> {
    await transitionJob(db, { where: claimedBy(jobId, workerId), from: "processing", to: "cancelled" });
  }

  async recover(): Promise<number> {
    // A job whose cancel was asked for before the crash stays cancelled.
    await transitionJob(db, { where: { cancelRequested: true }, from: "processing", to: "cancelled" });
    return transitionJob(db, { where: {}, from: "processing", to: "queued" });
  }
}

const claimedBy = (id: string, workerId: string) => ({ id, claimedBy: workerId });

/**
 * Test-only fault injection (inert unless SELENITE_TEST_HOOKS=1, see lib/config.ts):
 * the segments are written but the transaction has not committed yet.
 */
function faultBeforeCommit(): void {
  const hooks = getConfig().testHooks;
  if (hooks.crashAt === "before-commit") process.kill(process.pid, "SIGKILL");
  if (hooks.failAt === "transcript-write") {
    throw Object.assign(new Error("database or disk is full (simulated by SELENITE_FAIL_AT)"), { code: "SQLITE_FULL" });
  }
}
