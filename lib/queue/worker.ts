// The worker thread's entry. It owns the transcription engine so that inference
// never blocks the web server's event loop. One job at a time; a failed job is
// answered with a readable reason and the thread carries on with the next one.
import { parentPort } from "node:worker_threads";
import type { HostMessage, LogLevel, WorkerMessage } from "@/lib/queue/worker-protocol";
import { TranscriptionEngine } from "@/lib/transcription/engine";
import { describeFailure, speakerFailure, WORKER_BUSY } from "@/lib/jobs/failures";
import { ProgressThrottle } from "@/lib/jobs/progress";
import { getConfig } from "@/lib/config";
import type { TranscribeRequest, WindowCommit } from "@/lib/transcription/types";
import { diarize } from "@/lib/speakers/run";
import type { DiarizeRequest } from "@/lib/speakers/request";

if (!parentPort) throw new Error("lib/queue/worker.ts must run as a worker thread");
const port = parentPort;
const send = (message: WorkerMessage) => port.postMessage(message);
const log = (level: LogLevel, msg: string, fields?: Record<string, unknown>) => send({ type: "log", level, msg, fields });

const engine = new TranscriptionEngine({ onEvent: (msg, fields) => log("info", msg, fields) });
let current: { jobId: string; controller: AbortController } | null = null;

port.on("message", (message: HostMessage) => {
  switch (message.type) {
    case "configure":
      engine.configure({ idleUnloadMs: message.idleUnloadMs, threads: message.threads });
      break;
    case "transcribe":
      void runJob(message.jobId, message.request);
      break;
    case "diarize":
      void runSpeakers(message.jobId, message.request);
      break;
    case "cancel":
      if (current?.jobId === message.jobId) current.controller.abort(new Error("cancelled by the user"));
      break;
    case "shutdown":
      void shutdown();
      break;
  }
});

async function runJob(jobId: string, request: TranscribeRequest): Promise<void> {
  if (current) {
    send({ type: "failed", jobId, error: WORKER_BUSY });
    return;
  }
  const controller = new AbortController();
  current = { jobId, controller };
  const throttle = new ProgressThrottle((progress) => send({ type: "progress", jobId, progress }));
  const startedAt = Date.now();
  try {
    const onCommit = (commit: WindowCommit) => {
      faultAtWindow(commit.resume.windows - 1);
      send({ type: "commit", jobId, commit });
    };
    const result = await engine.transcribe(request, { signal: controller.signal, onProgress: throttle.push, onCommit });
    throttle.flush();
    send({ type: "result", jobId, result });
    log("info", "transcribed", { jobId, ms: Date.now() - startedAt, segments: result.segments.length, language: result.language });
  } catch (error) {
    throttle.cancel();
    if (controller.signal.aborted) {
      send({ type: "cancelled", jobId });
      log("info", "transcription cancelled", { jobId, ms: Date.now() - startedAt });
    } else {
      const reason = describeFailure(error);
      send({ type: "failed", jobId, error: reason });
      log(reason.code === "internal" ? "error" : "warn", "transcription failed", {
        jobId,
        code: reason.code,
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      });
    }
  } finally {
    current = null;
  }
}

/** The speaker stage of a finished job: same one-at-a-time rule, progress at most every half second. */
async function runSpeakers(jobId: string, request: DiarizeRequest): Promise<void> {
  if (current) {
    send({ type: "speakers-failed", jobId, error: WORKER_BUSY });
    return;
  }
  if (getConfig().testHooks.crashAt === "rough-speakers" && request.method === "rough") process.exit(70);
  const controller = new AbortController();
  current = { jobId, controller };
  let lastSent = 0;
  const onProgress = (fraction: number) => {
    if (fraction < 1 && performance.now() - lastSent < 500) return;
    lastSent = performance.now();
    send({ type: "speakers-progress", jobId, fraction });
  };
  try {
    const result = await diarize(request, { signal: controller.signal, onProgress });
    send({ type: "speakers-result", jobId, result });
    log("info", "speakers identified", { jobId, method: result.method, ms: result.ms, turns: result.turns.length });
  } catch (error) {
    const reason = controller.signal.aborted ? { code: "cancelled", message: "Identifying speakers was stopped." } : speakerFailure(error);
    send({ type: "speakers-failed", jobId, error: reason });
    log(reason.code === "internal" ? "error" : "warn", "speaker identification failed", {
      jobId,
      code: reason.code,
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
  } finally {
    current = null;
  }
}

async function shutdown(): Promise<void> {
  current?.controller.abort(new Error("worker shutting down"));
  try {
    await engine.unload();
  } finally {
    process.exit(0);
  }
}

/**
 * Test-only fault injection (inert unless SELENITE_TEST_HOOKS=1, see lib/config.ts):
 * with SELENITE_CRASH_AT=window and SELENITE_CRASH_WINDOW=n, the thread dies (exit code
 * 70, as a native crash would end it) when window n of any file is decoded, before
 * that window is committed: every file becomes a "poison" file that dies at the same point.
 */
function faultAtWindow(index: number): void {
  const hooks = getConfig().testHooks;
  if (hooks.crashAt === "window" && hooks.crashWindow === index) process.exit(70);
}

send({ type: "ready" });
