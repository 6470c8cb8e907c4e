// Owns the worker thread that runs the transcription engine: starts it, watches it,
// and starts a new one if it dies, so a crash in native inference code never takes
// the web server down with it.
import { EventEmitter } from "node:events";
import path from "node:path";
import { Worker } from "node:worker_threads";
import type { Logger } from "pino";
import type { WorkerMessage } from "@/lib/queue/worker-protocol";

export type WorkerState = "starting" | "ready" | "restarting" | "stopped";

const RESTART_DELAY_MS = [250, 1_000, 5_000, 15_000];

/**
 * V8 semi-space size for the engine thread: 2 MB instead of Node's 16 MB. The decode
 * loop allocates fast (tensors, logits), which grows a default young generation to
 * 32 MB of mostly garbage, plus the old-space growth that promotes from it. Measured
 * with bench:transcribe (base size, int8): peak RSS 342 MB instead of 372-418 MB, at
 * the same speed. The benchmark runs the engine with the same setting.
 */
export const ENGINE_SEMI_SPACE_MB = 2;

export class WorkerHost extends EventEmitter {
  private worker?: Worker;
  private restarts = 0;
  private stopping = false;
  state: WorkerState = "stopped";
  startedAt?: Date;

  constructor(
    private readonly entry: string,
    private readonly logger: Logger,
    private readonly workerData: Record<string, unknown> = {},
  ) {
    super();
  }

  start(): void {
    this.stopping = false;
    this.state = "starting";
    // V8's young generation is three semi-spaces (two plus the new large-object space).
    const resourceLimits = { maxYoungGenerationSizeMb: 3 * ENGINE_SEMI_SPACE_MB };
    const worker = new Worker(this.entry, { workerData: this.workerData, resourceLimits });
    this.worker = worker;
    worker.on("message", (message: WorkerMessage) => this.onMessage(message));
    worker.on("error", (error) => this.logger.error({ err: error }, "transcription worker crashed"));
    worker.on("exit", (code) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      if (this.stopping) {
        this.state = "stopped";
        return;
      }
      const delay = RESTART_DELAY_MS[Math.min(this.restarts, RESTART_DELAY_MS.length - 1)];
      this.restarts += 1;
      this.state = "restarting";
      this.logger.warn({ code, delay }, "transcription worker exited; restarting");
      this.emit("crash", code);
      setTimeout(() => !this.stopping && this.start(), delay).unref();
    });
  }

  post(message: unknown): void {
    this.worker?.postMessage(message);
  }

  /** Kills a hung thread; the exit handler restarts it like any crash. */
  async terminate(): Promise<void> {
    await this.worker?.terminate();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    const worker = this.worker;
    if (!worker) return;
    worker.postMessage({ type: "shutdown" });
    const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, 3_000).unref());
    await Promise.race([exited, timeout]);
    if (this.worker === worker) await worker.terminate();
    this.state = "stopped";
  }

  private onMessage(message: WorkerMessage): void {
    if (message.type === "ready") {
      this.state = "ready";
      this.startedAt = new Date();
      this.restarts = 0;
      this.logger.info({ threadId: this.worker?.threadId }, "transcription worker ready");
    } else if (message.type === "log") {
      this.logger[message.level]({ ...message.fields, source: "worker" }, message.msg);
    }
    this.emit("message", message);
  }
}

export const WORKER_ENTRY = path.resolve(import.meta.dirname, "worker-bootstrap.mjs");
