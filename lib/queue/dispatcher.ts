// Runs in the main process (started by server.ts): takes jobs from the queue and
// hands them to worker threads, one job per thread, as many threads as the
// concurrency setting. Progress, results and failures flow back into the database
// and out to the browsers through the event bus.
import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import type { Config } from "@/lib/config";
import { bus } from "@/lib/events/bus";
import { publishJob, publishJobsChanged, publishSegments } from "@/lib/jobs/events";
import { crashedTooOften, saveFailure } from "@/lib/jobs/failures";
import { MAX_ATTEMPTS } from "@/lib/queue/resume";
import type { ClaimedJob, JobQueue } from "@/lib/queue/queue";
import { WorkerHost } from "@/lib/queue/worker-host";
import type { WorkerMessage } from "@/lib/queue/worker-protocol";
import { getSettings, vadRequest, type AppSettings } from "@/lib/settings/service";
import { storedPath } from "@/lib/storage/files";
import type { Dtype } from "@/lib/models/dtypes";
import { decodingRequest } from "@/lib/jobs/options";
import {
  claimSpeakerRun,
  completeSpeakerRun,
  crashedSpeakerRun,
  failSpeakerRun,
  parkSpeakerRun,
  recoverSpeakerRuns,
  speakerProgress,
  type ClaimedSpeakerRun,
} from "@/lib/speakers/queue";
import { speakerFailure } from "@/lib/jobs/failures";

const POLL_MS = 2_000;
// A worker that says nothing for this long during a job is considered hung.
const SILENCE_LIMIT_MS = 10 * 60_000;

// `inbox` handles a thread's messages one after another, in the order sent: a stage's
// write can never land after the next stage's, nor after the result.
// A slot runs one thing at a time: a transcription (`job`) or a finished job's speaker stage (`speakers`).
type Slot = { id: string; host: WorkerHost; job?: ClaimedJob; speakers?: ClaimedSpeakerRun; lastMessageAt: number; inbox: Promise<void> };

const busy = (slot: Slot) => slot.job !== undefined || slot.speakers !== undefined;

export class Dispatcher {
  private readonly slots: Slot[] = [];
  private timer?: NodeJS.Timeout;
  private pumping = false;
  private again = false;
  private stopping = false;
  private settings?: AppSettings;
  private readonly unsubscribe: (() => void)[] = [];

  constructor(
    private readonly queue: JobQueue,
    private readonly config: Config,
    private readonly logger: Logger,
    private readonly workerEntry: string,
  ) {}

  async start(): Promise<void> {
    const recovered = await this.queue.recover();
    if (recovered) this.logger.warn({ recovered }, "re-queued jobs interrupted by the last shutdown");
    const speakerRuns = await recoverSpeakerRuns();
    if (speakerRuns) this.logger.warn({ speakerRuns }, "re-queued speaker stages interrupted by the last shutdown");
    await this.applySettings();
    const onWake = () => void this.pump();
    const onCancel = (jobId: string) => this.cancel(jobId);
    const onSettings = () => void this.applySettings().then(() => this.pump());
    bus.signals.on("wake", onWake);
    bus.signals.on("cancel", onCancel);
    bus.signals.on("settings", onSettings);
    this.unsubscribe.push(
      () => bus.signals.off("wake", onWake),
      () => bus.signals.off("cancel", onCancel),
      () => bus.signals.off("settings", onSettings),
    );
    this.timer = setInterval(() => {
      this.watchdog();
      void this.pump();
    }, POLL_MS);
    this.timer.unref();
  }

  /** What /api/system shows. */
  status() {
    return this.slots.map((slot) => ({ worker: slot.id, state: slot.host.state, jobId: slot.job?.id ?? slot.speakers?.jobId ?? null }));
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearInterval(this.timer);
    for (const off of this.unsubscribe) off();
    await Promise.all(
      this.slots.map(async (slot) => {
        const { job, speakers } = slot;
        await slot.host.stop();
        // Park the job: on the next start it resumes from its last committed window.
        // Only if still running: a result saved while the thread stopped must stay saved.
        if (job) await this.queue.park(job.id, slot.id).catch(() => undefined);
        if (speakers) await parkSpeakerRun(speakers.jobId, slot.id).catch(() => undefined);
      }),
    );
  }

  private async applySettings(): Promise<void> {
    this.settings = await getSettings();
    const wanted = this.settings.concurrency;
    while (this.slots.length < wanted) this.addSlot();
    // Shrink only by idle threads; busy ones finish their job first.
    for (let i = this.slots.length - 1; i >= 0 && this.slots.length > wanted; i--) {
      const slot = this.slots[i];
      if (!busy(slot)) {
        this.slots.splice(i, 1);
        void slot.host.stop();
      }
    }
    for (const slot of this.slots) slot.host.post(this.configureMessage());
  }

  private configureMessage() {
    return {
      type: "configure" as const,
      idleUnloadMs: (this.settings?.modelIdleMinutes ?? 10) * 60_000,
      threads: this.settings?.cpuThreads ?? this.config.workerThreads ?? undefined,
    };
  }

  private addSlot(): void {
    const slot: Slot = {
      id: `worker-${randomUUID().slice(0, 8)}`,
      host: new WorkerHost(this.workerEntry, this.logger),
      lastMessageAt: Date.now(),
      inbox: Promise.resolve(),
    };
    slot.host.on("message", (message: WorkerMessage) => {
      slot.lastMessageAt = Date.now();
      slot.inbox = slot.inbox.then(() => this.onMessage(slot, message)).catch((error) => this.logger.error({ err: error }, "worker message failed"));
    });
    // After the messages the thread sent before it died: their commits still count.
    slot.host.on("crash", (code: number) => {
      slot.inbox = slot.inbox.then(() => this.onCrash(slot, code)).catch((error) => this.logger.error({ err: error }, "worker crash handling failed"));
    });
    this.slots.push(slot);
    slot.host.start();
  }

  private async pump(): Promise<void> {
    if (this.pumping) {
      this.again = true;
      return;
    }
    this.pumping = true;
    try {
      do {
        this.again = false;
        for (const slot of this.slots) {
          if (this.stopping || busy(slot) || slot.host.state !== "ready") continue;
          // A finished transcript's speakers first: the stage is short and its person is waiting on the page.
          const speakers = await claimSpeakerRun(slot.id);
          if (speakers) {
            this.runSpeakers(slot, speakers);
            continue;
          }
          const job = await this.queue.claim(slot.id);
          if (!job) return;
          this.run(slot, job);
        }
      } while (this.again);
    } catch (error) {
      this.logger.error({ err: error }, "queue pump failed");
    } finally {
      this.pumping = false;
    }
  }

  private run(slot: Slot, job: ClaimedJob): void {
    slot.job = job;
    slot.lastMessageAt = Date.now();
    const settings = this.settings;
    this.logger.info({ jobId: job.id, worker: slot.id, model: job.model, attempt: job.attempts, resumeAtWindow: job.resume?.windows ?? 0 }, "job started");
    void publishJob(job.id);
    slot.host.post({
      type: "transcribe",
      jobId: job.id,
      request: {
        file: storedPath(this.config.uploadsDir, job.storedName),
        modelsDir: this.config.modelsDir,
        model: job.model,
        ...(settings?.dtype ? { dtype: settings.dtype as Dtype } : {}),
        language: job.language,
        task: job.task,
        wordTimestamps: job.wordTimestamps,
        beamSize: job.beamSize,
        patience: job.patience,
        vad: job.vad ? vadRequest(settings) : null,
        decoding: decodingRequest(job, job.id),
        threads: settings?.cpuThreads ?? this.config.workerThreads ?? undefined,
        ffmpegPath: this.config.ffmpegPath,
        ffprobePath: this.config.ffprobePath,
        ...(job.span ? { span: job.span } : {}),
        ...(job.resume ? { resume: job.resume } : {}),
      },
    });
  }

  private runSpeakers(slot: Slot, run: ClaimedSpeakerRun): void {
    slot.speakers = run;
    slot.lastMessageAt = Date.now();
    const settings = this.settings;
    this.logger.info({ jobId: run.jobId, worker: slot.id, method: run.method, attempt: run.attempts }, "speaker stage started");
    void publishJob(run.jobId);
    slot.host.post({
      type: "diarize",
      jobId: run.jobId,
      request: {
        file: storedPath(this.config.uploadsDir, run.storedName),
        method: run.method,
        choice: run.choice,
        cuts: run.cuts,
        vad: vadRequest(settings),
        models: run.models,
        durationSec: run.durationSec,
        threads: settings?.cpuThreads ?? this.config.workerThreads ?? undefined,
        ffmpegPath: this.config.ffmpegPath,
        ffprobePath: this.config.ffprobePath,
      },
    });
  }

  /** A speaker-stage message from the slot's thread; the slot is free again once the stage ends. */
  private async onSpeakersMessage(slot: Slot, run: ClaimedSpeakerRun, message: WorkerMessage): Promise<void> {
    const { jobId } = run;
    try {
      if (message.type === "speakers-progress") {
        await speakerProgress(jobId, slot.id, message.fraction);
        await publishJob(jobId);
        return;
      }
      if (message.type === "speakers-result") {
        const saved = await completeSpeakerRun(jobId, slot.id, message.result);
        this.logger.info({ jobId, method: message.result.method, turns: message.result.turns.length, ms: message.result.ms, saved }, "speakers identified");
        if (saved) publishJobsChanged(run.userId);
      } else if (message.type === "speakers-failed") {
        await failSpeakerRun(jobId, slot.id, message.error);
        this.logger.warn({ jobId, code: message.error.code, reason: message.error.message }, "speaker stage failed");
      } else return;
    } catch (error) {
      this.logger.error({ err: error, jobId }, "could not record the speaker stage's outcome");
      await failSpeakerRun(jobId, slot.id, speakerFailure(error)).catch(() => undefined);
    }
    slot.speakers = undefined;
    await publishJob(jobId);
    void this.pump();
  }

  private cancel(jobId: string): void {
    const slot = this.slots.find((s) => s.job?.id === jobId || s.speakers?.jobId === jobId);
    slot?.host.post({ type: "cancel", jobId });
  }

  private async onMessage(slot: Slot, message: WorkerMessage): Promise<void> {
    if (message.type === "ready") {
      slot.host.post(this.configureMessage());
      void this.pump();
      return;
    }
    if (slot.speakers && "jobId" in message && message.jobId === slot.speakers.jobId) return this.onSpeakersMessage(slot, slot.speakers, message);
    if (!("jobId" in message) || message.jobId !== slot.job?.id) return;
    const jobId = message.jobId;
    try {
      if (message.type === "progress") {
        // Already thinned by the worker's ProgressThrottle (lib/jobs/progress.ts): write every one.
        await this.queue.heartbeat(jobId, slot.id, message.progress);
        await publishJob(jobId);
        return;
      }
      if (message.type === "commit") {
        const { commit } = message;
        if (await this.queue.commitWindow(jobId, slot.id, commit)) {
          if (slot.job) publishSegments(slot.job.userId, jobId, commit.firstIndex, commit.segments);
        }
        return;
      }
      if (message.type === "result") {
        await this.queue.complete(jobId, slot.id, message.result);
        const { result } = message;
        this.logger.info(
          { jobId, segments: result.segments.length, windows: result.stats?.windows, resumedWindows: result.resumedWindows ?? 0, ms: result.timings.totalMs },
          "job completed",
        );
      } else if (message.type === "failed") {
        await this.queue.fail(jobId, slot.id, message.error);
        this.logger.warn({ jobId, code: message.error.code, reason: message.error.message }, "job failed");
      } else if (message.type === "cancelled") {
        await this.queue.cancelled(jobId, slot.id);
        this.logger.info({ jobId }, "job cancelled");
      }
    } catch (error) {
      this.logger.error({ err: error, jobId }, "could not record the job's outcome");
      await this.queue.fail(jobId, slot.id, saveFailure(error)).catch(() => undefined);
    }
    slot.job = undefined;
    await publishJob(jobId);
    void this.pump();
  }

  private async onCrash(slot: Slot, code: number): Promise<void> {
    const { job, speakers } = slot;
    slot.job = undefined;
    slot.speakers = undefined;
    if (speakers && !this.stopping) {
      const outcome = await crashedSpeakerRun(speakers.jobId, slot.id, speakers.attempts, code).catch(() => "unrecorded");
      this.logger.error({ jobId: speakers.jobId, code, attempt: speakers.attempts, outcome }, "worker crashed during a speaker stage");
      await publishJob(speakers.jobId);
    }
    if (!job || this.stopping) return;
    const outcome = await this.queue.crashed(job.id, slot.id, job.attempts, crashedTooOften(MAX_ATTEMPTS, code)).catch(() => "unrecorded");
    this.logger.error({ jobId: job.id, code, attempt: job.attempts, outcome }, "worker crashed during a job");
    await publishJob(job.id);
    // A requeued job resumes once the thread is back (its "ready" pumps the queue).
  }

  private watchdog(): void {
    for (const slot of this.slots) {
      if (busy(slot) && Date.now() - slot.lastMessageAt > SILENCE_LIMIT_MS) {
        this.logger.error({ jobId: slot.job?.id ?? slot.speakers?.jobId }, "worker silent for too long; restarting it");
        slot.lastMessageAt = Date.now();
        void slot.host.terminate();
      }
    }
  }
}
