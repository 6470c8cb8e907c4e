// Messages between the worker host (main thread) and the worker thread.
import type { DiarizeRequest, DiarizeResult } from "@/lib/speakers/request";
import type { EngineProgress, TranscribeRequest, TranscriptResult, WindowCommit } from "@/lib/transcription/types";

export type LogLevel = "debug" | "info" | "warn" | "error";

export type WorkerMessage =
  | { type: "ready" }
  | { type: "log"; level: LogLevel; msg: string; fields?: Record<string, unknown> }
  | { type: "progress"; jobId: string; progress: EngineProgress }
  /** One window done: its segments and where a later run would resume, to commit together. */
  | { type: "commit"; jobId: string; commit: WindowCommit }
  | { type: "result"; jobId: string; result: TranscriptResult }
  | { type: "failed"; jobId: string; error: { code: string; message: string } }
  | { type: "cancelled"; jobId: string }
  /** The speaker stage of a job (lib/speakers): how far, the turns found, or why not. */
  | { type: "speakers-progress"; jobId: string; fraction: number }
  | { type: "speakers-result"; jobId: string; result: DiarizeResult }
  | { type: "speakers-failed"; jobId: string; error: { code: string; message: string } };

export type HostMessage =
  | { type: "shutdown" }
  | { type: "transcribe"; jobId: string; request: TranscribeRequest }
  | { type: "diarize"; jobId: string; request: DiarizeRequest }
  | { type: "cancel"; jobId: string }
  /** Engine settings that can change while the server runs (from the Settings page). */
  | { type: "configure"; idleUnloadMs?: number; threads?: number };
