// Run a short-lived tool (ffprobe, `ffmpeg -version`, a demux pass) with a deadline
// and a cap on what it may print, so a hostile or broken file cannot hang the
// worker or fill its memory.
import { spawn } from "node:child_process";

export interface RunOptions {
  timeoutMs: number;
  maxStdoutBytes: number;
  maxStderrBytes?: number;
  signal?: AbortSignal;
}

export interface RunResult {
  exitCode: number | null;
  exitSignal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  /** stdout went past maxStdoutBytes; the process was killed. */
  overflowed: boolean;
  aborted: boolean;
}

/** Rejects only when the process cannot be started at all (ENOENT, EACCES). */
export function runTool(command: string, args: string[], options: RunOptions): Promise<RunResult> {
  const { timeoutMs, maxStdoutBytes, maxStderrBytes = 16_384, signal } = options;
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"] });
    const stdout = new CappedBytes(maxStdoutBytes);
    const stderr = new CappedBytes(maxStderrBytes);
    let timedOut = false;
    let overflowed = false;
    let aborted = false;

    const kill = () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    };
    const onAbort = () => {
      aborted = true;
      kill();
    };
    const timer = setTimeout(() => {
      timedOut = true;
      kill();
    }, timeoutMs);
    if (signal?.aborted) onAbort();
    else signal?.addEventListener("abort", onAbort, { once: true });

    child.stdout.on("data", (chunk: Buffer) => {
      if (!stdout.append(chunk)) {
        overflowed = true;
        kill();
      }
    });
    // stderr past its cap is dropped, not fatal: the head holds the useful line.
    child.stderr.on("data", (chunk: Buffer) => void stderr.append(chunk));

    const cleanup = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
    };
    child.once("error", (error) => {
      cleanup();
      kill();
      reject(error);
    });
    child.once("close", (exitCode, exitSignal) => {
      cleanup();
      resolve({
        exitCode,
        exitSignal,
        stdout: stdout.text(),
        stderr: stderr.text(),
        timedOut,
        overflowed,
        aborted,
      });
    });
  });
}

/** Keeps the first `limit` bytes of a stream. */
export class CappedBytes {
  private readonly chunks: Buffer[] = [];
  private size = 0;

  constructor(private readonly limit: number) {}

  /** Returns false once data had to be dropped. */
  append(chunk: Buffer): boolean {
    const room = this.limit - this.size;
    if (room <= 0) return chunk.length === 0;
    const kept = chunk.length <= room ? chunk : chunk.subarray(0, room);
    this.chunks.push(kept);
    this.size += kept.length;
    return kept.length === chunk.length;
  }

  text(): string {
    return Buffer.concat(this.chunks).toString("utf8");
  }
}
