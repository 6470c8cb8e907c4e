// The durable queue on the jobs table. Claims are compare-and-set updates, so two
// dispatchers (or two threads) can never take the same job.
import { getConfig } from "@/lib/config";
import { db } from "@/lib/db";
import { crashedTooOften, type JobFailure } from "@/lib/jobs/failures";
import type { JobStatus } from "@/lib/jobs/status";
import { transitionJob } from "@/lib/jobs/transition";
import { encodeWarnings } from "@/lib/jobs/warnings";
import { machineSegment } from "@/lib/transcripts/machine";
import { jobOptionsSelect } from "@/lib/jobs/options";
import { labelFromStoredTurns, queueSpeakerRun } from "@/lib/speakers/queue";
import { toSpeakerMode } from "@/lib/validation/limits";
import { applySpan, parseSpanRequest } from "@/lib/transcripts/span";
import { keepPartialTranscript, parseMeta, replaceTranscript } from "@/lib/transcripts/versions";
import type { ClaimedJob, JobQueue } from "@/lib/queue/queue";
import { dropResume, loadResume, MAX_ATTEMPTS, writeWindow } from "@/lib/queue/resume";
import { enqueueJobEvent } from "@/lib/webhooks/deliveries";
import type { EngineProgress, TranscriptResult, WindowCommit } from "@/lib/transcription/types";

const CLAIM_FIELDS = {
  id: true,
  userId: true,
  storedName: true,
  ...jobOptionsSelect,
  attempts: true,
  spanRequest: true,
  resumeState: true,
} as const;

export class SqliteJobQueue implements JobQueue {
  async claim(workerId: string): Promise<ClaimedJob | null> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const next = await db.job.findFirst({
        // A job moved to the trash was cancelled; this keeps one that raced it out of the engine.
        where: { status: "queued" satisfies JobStatus, deletedAt: null },
        orderBy: [{ queuedAt: "asc" }, { id: "asc" }],
        select: { id: true },
      });
      if (!next) return null;
      if ((await transitionJob(db, { where: { id: next.id }, from: "queued", to: "processing", claimedBy: workerId })) === 1) {
        const { spanRequest, resumeState, ...job } = await db.job.findUniqueOrThrow({ where: { id: next.id }, select: CLAIM_FIELDS });
        const resume = await db.$transaction((tx) => loadResume(tx, next.id, resumeState));
        const resumed = resume ? { resume } : {};
        const span = parseSpanRequest(spanRequest);
        if (span) return { ...job, ...span, span: { start: span.start, end: span.end }, ...resumed };
        return { ...job, task: job.task === "translate" ? "translate" : "transcribe", span: null, ...resumed };
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

  async commitWindow(jobId: string, workerId: string, commit: WindowCommit): Promise<boolean> {
    const committed = await db.$transaction(async (tx) => {
      // Only the claiming worker of a running job writes; anything else lost its claim.
      const moved = await tx.job.updateMany({
        where: { ...claimedBy(jobId, workerId), status: "processing" satisfies JobStatus },
        // Progress was made: crashes are counted again from this run.
        data: { heartbeatAt: new Date(), attempts: 1 },
      });
      if (moved.count === 0) return false;
      await writeWindow(tx, jobId, commit.firstIndex, commit.segments, commit.resume);
      return true;
    });
    if (committed) faultAfterWindow(commit.resume.windows - 1);
    return committed;
  }

  async complete(jobId: string, workerId: string, result: TranscriptResult): Promise<void> {
    await db.$transaction(async (tx) => {
      const job = await tx.job.findFirst({
        where: { ...claimedBy(jobId, workerId), status: "processing" satisfies JobStatus },
        select: {
          startedAt: true,
          model: true,
          language: true,
          task: true,
          wordTimestamps: true,
          spanRequest: true,
          transcriptMeta: true,
          speakers: true,
          speakerCount: true,
          minSpeakers: true,
          maxSpeakers: true,
        },
      });
      if (!job) return; // deleted or cancelled meanwhile: nothing to save
      const finishedAt = new Date();
      const span = parseSpanRequest(job.spanRequest);
      if (span) {
        await applySpan(tx, jobId, span, await labelFromStoredTurns(tx, jobId, result.segments.map(machineSegment)));
        faultBeforeCommit();
        // The job's facts go back to those of the transcript it shows (entering "queued" cleared them).
        const meta = parseMeta(job.transcriptMeta);
        const moved = await transitionJob(tx, {
          where: claimedBy(jobId, workerId),
          from: "processing",
          to: "completed",
          data: {
            spanRequest: null,
            finishedAt,
            detectedLanguage: meta?.detectedLanguage ?? null,
            languageProb: meta?.languageProb ?? null,
            processingMs: meta?.processingMs ?? null,
          },
        });
        // Queued with the move, so a crash cannot lose the notification.
        if (moved) await enqueueJobEvent(tx, jobId, "job.completed");
        return;
      }
      const processingMs = job.startedAt ? finishedAt.getTime() - job.startedAt.getTime() : result.timings.totalMs;
      // The transcript a restart is replacing stays current until here, then becomes the previous one.
      await replaceTranscript(tx, jobId, result.segments.map(machineSegment), {
        model: job.model,
        language: job.language,
        task: job.task,
        wordTimestamps: job.wordTimestamps,
        detectedLanguage: result.language,
        languageProb: result.languageProbability,
        dtype: result.dtype,
        processingMs,
        partialUntil: null,
      });
      await dropResume(tx, jobId);
      // Who said what runs as its own stage on the committed transcript (lib/speakers/queue.ts).
      await queueSpeakerRun(tx, jobId, { ...job, speakers: toSpeakerMode(job.speakers) });
      faultBeforeCommit();
      const moved = await transitionJob(tx, {
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
      if (moved) await enqueueJobEvent(tx, jobId, "job.completed");
    });
  }

  async park(jobId: string, workerId: string): Promise<void> {
    // A clean stop is not a crash: this claim does not count towards MAX_ATTEMPTS.
    await transitionJob(db, { where: claimedBy(jobId, workerId), from: "processing", to: "queued", data: { attempts: { decrement: 1 } } });
  }

  async crashed(jobId: string, workerId: string, attempts: number, failure: JobFailure): Promise<"requeued" | "failed"> {
    if (attempts < MAX_ATTEMPTS) {
      await transitionJob(db, { where: claimedBy(jobId, workerId), from: "processing", to: "queued" });
      return "requeued";
    }
    await this.fail(jobId, workerId, failure);
    return "failed";
  }

  async fail(jobId: string, workerId: string, failure: JobFailure): Promise<void> {
    await db.$transaction(async (tx) => {
      if (
        await transitionJob(tx, { where: claimedBy(jobId, workerId), from: "processing", to: "failed", error: failure.message, data: { spanRequest: null } })
      ) {
        await dropResume(tx, jobId);
        await enqueueJobEvent(tx, jobId, "job.failed");
      }
    });
  }

  async cancelled(jobId: string, workerId: string): Promise<void> {
    await db.$transaction(async (tx) => {
      // Read before the move clears the span request: a cancelled span keeps nothing.
      const partial = await tx.job.count({ where: { ...claimedBy(jobId, workerId), status: "processing" satisfies JobStatus } });
      if (partial) await keepPartialTranscript(tx, jobId);
      if (await transitionJob(tx, { where: claimedBy(jobId, workerId), from: "processing", to: "cancelled", data: { spanRequest: null } }))
        await dropResume(tx, jobId);
    });
  }

  async recover(): Promise<number> {
    return db.$transaction(async (tx) => {
      // A job whose cancel was asked for before the crash stays cancelled.
      const cancelled = await tx.job.findMany({ where: { status: "processing" satisfies JobStatus, cancelRequested: true }, select: { id: true } });
      for (const { id } of cancelled) await keepPartialTranscript(tx, id);
      await transitionJob(tx, { where: { cancelRequested: true }, from: "processing", to: "cancelled" });
      // The server itself died during this file MAX_ATTEMPTS times in a row (a native crash takes the process).
      const poisoned = await tx.job.findMany({ where: { status: "processing" satisfies JobStatus, attempts: { gte: MAX_ATTEMPTS } }, select: { id: true } });
      await transitionJob(tx, { where: { attempts: { gte: MAX_ATTEMPTS } }, from: "processing", to: "failed", error: crashedTooOften(MAX_ATTEMPTS).message });
      for (const { id } of [...cancelled, ...poisoned]) await dropResume(tx, id);
      for (const { id } of poisoned) await enqueueJobEvent(tx, id, "job.failed");
      // The rest resume from their last committed window.
      return transitionJob(tx, { where: {}, from: "processing", to: "queued" });
    });
  }
}

const claimedBy = (id: string, workerId: string) => ({ id, claimedBy: workerId });

/**
 * Test-only fault injection (inert unless SELENITE_TEST_HOOKS=1, see lib/config.ts):
 * SELENITE_CRASH_AT=after-window with SELENITE_CRASH_WINDOW=n SIGKILLs the server
 * right after window n of a job has committed (tests/integration/resume.test.ts).
 */
function faultAfterWindow(index: number): void {
  const hooks = getConfig().testHooks;
  if (hooks.crashAt === "after-window" && hooks.crashWindow === index) process.kill(process.pid, "SIGKILL");
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
