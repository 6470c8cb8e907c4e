// Messages between the worker host (main thread) and the worker thread.

export type LogLevel = "debug" | "info" | "warn" | "error";

export type WorkerMessage =
  | { type: "ready" }
  | { type: "pong"; at: number }
  | { type: "log"; level: LogLevel; msg: string; fields?: Record<string, unknown> };

export type HostMessage = { type: "ping" } | { type: "shutdown" };
