// The durable queue on the jobs table. Claims are compare-and-set updates, so two
// dispatchers (or two threads) can never take the same job.
import { getConfig } from "@/lib/config";
import { db } from "@/lib/db";
import { cleanText } from "@/lib/text";
import type { ClaimedJob, JobQueue } from "@/lib/queue/queue";
import type { EngineProgress, TranscriptResult } from "@/lib/transcription/types";

const CLAIM_FIELDS = { id: true, userId: true, storedName: true, model: true, language: true, task: true, wordTimestamps: true, attempts: true } as const;

export class SqliteJobQueue implements JobQueue {
  async claim(workerId: string): Promise<ClaimedJob | null> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const next = await db.job.findFirst({
        where: { status: "queued" },
        orderBy: [{ queuedAt: "asc" }, { id: "asc" }],
        select: { id: true },
      });
      if (!next) return null;
      const now = new Date();
      const { count } = await db.job.updateMany({
        where: { id: next.id, status: "queued" },
        data: {
          status: "processing",
          stage: "probing",
          progress: 0,
          etaSec: null,
          error: null,
          claimedBy: workerId,
          heartbeatAt: now,
          startedAt: now,
          cancelRequested: false,
          attempts: { increment: 1 },
        },
      });
      if (count === 1) {
        const job = await db.job.findUniqueOrThrow({ where: { id: next.id }, select: CLAIM_FIELDS });
        return { ...job, task: job.task === "translate" ? "translate" : "transcribe" };
      }
      // Someone else took it (or it was cancelled) between the read and the write.
    }
    return null;
  }

  async heartbeat(jobId: string, workerId: string, progress: EngineProgress): Promise<void> {
    await db.job.updateMany({
      where: { id: jobId, claimedBy: workerId, status: "processing" },
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
      const job = await tx.job.findFirst({ where: { id: jobId, claimedBy: workerId, status: "processing" }, select: { startedAt: true } });
      if (!job) return; // deleted or cancelled meanwhile: nothing to save
      await tx.segment.deleteMany({ where: { jobId } });
      const segments = result.segments.map((segment) => ({ ...segment, text: cleanText(segment.text) }));
      await tx.segment.createMany({
        data: segments.map((segment, index) => ({
          jobId,
          index,
          start: segment.start,
          end: segment.end,
          text: segment.text,
          originalText: segment.text,
          words: segment.words ? JSON.stringify(segment.words) : null,
          avgLogprob: segment.avgLogprob ?? null,
        })),
      });
      faultBeforeCommit();
      const finishedAt = new Date();
      await tx.job.update({
        where: { id: jobId },
        data: {
          status: "completed",
          stage: null,
          progress: 1,
          etaSec: null,
          error: null,
          durationSec: result.durationSec,
          hasVideo: result.hasVideo,
          detectedLanguage: result.language,
          languageProb: result.languageProbability,
          dtype: result.dtype,
          finishedAt,
          processingMs: job.startedAt ? finishedAt.getTime() - job.startedAt.getTime() : result.timings.totalMs,
        },
      });
    });
  }

  async park(jobId: string, workerId: string): Promise<void> {
    await db.job.updateMany({
      where: { id: jobId, claimedBy: workerId, status: "processing" },
      data: { status: "queued", stage: null, progress: 0, etaSec: null, claimedBy: null, heartbeatAt: null },
    });
  }

  async fail(jobId: string, workerId: string, reason: string): Promise<void> {
    await db.job.updateMany({
      where: { id: jobId, claimedBy: workerId, status: "processing" },
      data: { status: "failed", stage: null, etaSec: null, error: reason, finishedAt: new Date() },
    });
  }

  async cancelled(jobId: string, workerId: string): Promise<void> {
    await db.job.updateMany({
      where: { id: jobId, claimedBy: workerId, status: "processing" },
      data: { status: "cancelled", stage: null, etaSec: null, finishedAt: new Date(), cancelRequested: false },
    });
  }

  async recover(): Promise<number> {
    // A job whose cancel was asked for before the crash stays cancelled.
    await db.job.updateMany({
      where: { status: "processing", cancelRequested: true },
      data: { status: "cancelled", stage: null, etaSec: null, claimedBy: null, finishedAt: new Date(), cancelRequested: false },
    });
    const { count } = await db.job.updateMany({
      where: { status: "processing" },
      data: { status: "queued", stage: null, progress: 0, etaSec: null, claimedBy: null, heartbeatAt: null },
    });
    return count;
  }
}

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
