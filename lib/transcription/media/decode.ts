// Streamed decoding: ffmpeg turns any input into 16 kHz mono f32le on stdout, and
// PcmWindowReader hands out windows of it on demand. The engine decides where each
// window starts (fixed hop, or wherever the last timestamp token landed); anything
// before the latest start is dropped, and ffmpeg is paused through pipe backpressure
// while the buffer is full. Memory is bounded by `bufferSec`, never by file length.
import { spawn } from "node:child_process";
import type { ChildProcessByStdio } from "node:child_process";
import { resolve } from "node:path";
import type { Readable } from "node:stream";
import { SeleniteError } from "@/lib/errors";
import { inputArgs } from "./formats";
import { resolveFfmpeg } from "./locate";
import { MESSAGES } from "./messages";
import { judgeDecode } from "./outcome";
import { SlidingPcmBuffer } from "./pcm-buffer";
import { CappedBytes } from "./run";
import { asFileUrl } from "./signature";
import { TARGET_SAMPLE_RATE } from "./types";
import type { MediaToolOptions, MediaWarning } from "./types";

export interface DecodeOptions extends MediaToolOptions {
  signal?: AbortSignal;
  /** Most PCM held at once; the longest read() must fit. Default 32 s. */
  bufferSec?: number;
  /** From probeMedia: lets the end-of-file verdict tell "cut short" from "complete". */
  expectedDurationSec?: number | null;
  /** Decode only from here (seconds into the file)… */
  startSec?: number;
  /** …and at most this long. */
  durationSec?: number;
  /**
   * Keep every channel, interleaved, instead of a mono mix; with `tracks` > 1 the file's
   * first `tracks` audio streams are merged into one multichannel stream (the speaker
   * stage's channel mode). Reads and `bufferSec` then count interleaved samples.
   */
  keepChannels?: { tracks: number };
}

/** Spawns ffmpeg for `file`. Probe first: this trusts that the file has audio. */
export async function openPcmReader(file: string, options: DecodeOptions = {}): Promise<PcmWindowReader> {
  const { ffmpeg } = await resolveFfmpeg(options);
  if (options.signal?.aborted) throw new SeleniteError("cancelled", MESSAGES.cancelled);
  return new PcmWindowReader(ffmpeg, resolve(file), options);
}

export class PcmWindowReader {
  readonly sampleRate = TARGET_SAMPLE_RATE;
  /** Settles once the ffmpeg process is gone, however it ended. */
  readonly exited: Promise<void>;
  private readonly child: ChildProcessByStdio<null, Readable, Readable>;
  private readonly buffer: SlidingPcmBuffer;
  private readonly stderr = new CappedBytes(16_384);
  private readonly signal?: AbortSignal;
  private failure: SeleniteError | null = null;
  private verdictWarnings: MediaWarning[] = [];
  private processClosed = false;
  private killedByUs = false;
  private busy = false;
  private wake: (() => void) | null = null;
  private peakHeld = 0;

  /** Use openPcmReader(), which finds ffmpeg first. */
  constructor(ffmpegPath: string, absoluteFile: string, options: DecodeOptions) {
    this.buffer = new SlidingPcmBuffer(Math.round((options.bufferSec ?? 32) * this.sampleRate));
    this.signal = options.signal;
    const input = asFileUrl(absoluteFile);
    // -ss before the input seeks it (sample-accurate when decoding audio); -t bounds the output.
    const seek = options.startSec ? ["-ss", options.startSec.toFixed(3)] : [];
    const args = ["-nostdin", "-hide_banner", "-loglevel", "error", ...seek, ...inputArgs(absoluteFile)];
    if (options.durationSec !== undefined) args.push("-t", options.durationSec.toFixed(3));
    const tracks = options.keepChannels?.tracks ?? 1;
    if (tracks > 1) {
      const inputs = Array.from({ length: tracks }, (_, i) => `[0:a:${i}]`).join("");
      args.push("-filter_complex", `${inputs}amerge=inputs=${tracks}[merged]`, "-map", "[merged]");
    } else args.push("-map", "0:a:0");
    if (!options.keepChannels) args.push("-ac", "1");
    args.push("-ar", String(this.sampleRate), "-f", "f32le", "pipe:1");
    this.child = spawn(ffmpegPath, args, { stdio: ["ignore", "pipe", "pipe"] });
    const child = this.child;

    let markExited = () => {};
    this.exited = new Promise((done) => (markExited = done));
    child.once("exit", () => markExited());
    child.once("error", (error) => {
      this.fail(new SeleniteError("internal", "ffmpeg could not be started.", { cause: error }));
      markExited();
    });
    child.stdout.on("data", (chunk: Buffer) => {
      this.buffer.push(chunk);
      this.peakHeld = Math.max(this.peakHeld, this.buffer.heldBytes);
      if (this.buffer.hasPending) child.stdout.pause();
      this.notify();
    });
    child.stderr.on("data", (chunk: Buffer) => void this.stderr.append(chunk));
    // Pipe errors surface through 'close' and the exit code.
    for (const pipe of [child.stdout, child.stderr]) pipe.on("error", () => {});
    child.once("close", (exitCode, exitSignal) => {
      this.processClosed = true;
      this.signal?.removeEventListener("abort", this.onAbort);
      if (!this.killedByUs && !this.failure) {
        const verdict = judgeDecode({
          exitCode,
          exitSignal,
          stderr: this.stderr.text(),
          input,
          decodedSamples: this.buffer.receivedSamples,
          sampleRate: this.sampleRate,
          expectedDurationSec: options.expectedDurationSec,
        });
        if (verdict.error) this.failure = verdict.error;
        this.verdictWarnings = verdict.warnings;
      }
      this.notify();
    });
    if (this.signal?.aborted) this.onAbort();
    else this.signal?.addEventListener("abort", this.onAbort, { once: true });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Complete samples ffmpeg has produced so far (the file's length once `done`). */
  get decodedSamples(): number {
    return this.buffer.receivedSamples;
  }

  /** ffmpeg has exited and every decoded sample has been taken in. */
  get done(): boolean {
    return this.processClosed && !this.buffer.hasPending;
  }

  /** Verdict warnings (truncation, skipped damage); complete once `done`. */
  get warnings(): MediaWarning[] {
    return [...this.verdictWarnings];
  }

  /** Most bytes held at once: the window storage plus at most one pipe chunk. */
  get peakHeldBytes(): number {
    return this.peakHeld;
  }

  /**
   * A copy of samples [start, start + length); shorter at the end of the file,
   * empty past it. Samples before `start` are discarded for good.
   */
  async read(start: number, length: number): Promise<Float32Array> {
    this.enter();
    try {
      if (start < this.buffer.startSample) {
        throw new RangeError(`read(${start}) is behind the reader (at ${this.buffer.startSample})`);
      }
      if (length > this.buffer.capacity) {
        throw new RangeError(`read of ${length} samples exceeds bufferSec (${this.buffer.capacity})`);
      }
      this.buffer.discardBefore(start);
      await this.waitFor(() => this.buffer.endSample >= start + length);
      return this.buffer.copy(start, length);
    } finally {
      this.busy = false;
    }
  }

  /** Whether the file has any audio at or after `sample` (waits for the decoder). */
  async hasSamplesFrom(sample: number): Promise<boolean> {
    this.enter();
    try {
      if (sample - this.buffer.startSample >= this.buffer.capacity) {
        throw new RangeError(`sample ${sample} is beyond the buffer; read up to it first`);
      }
      await this.waitFor(() => this.buffer.endSample > sample);
      return this.buffer.endSample > sample;
    } finally {
      this.busy = false;
    }
  }

  /** Kills ffmpeg if it still runs and waits until it has exited. Safe to repeat. */
  async close(): Promise<void> {
    this.signal?.removeEventListener("abort", this.onAbort);
    if (!this.processClosed && !this.failure) this.failure = new SeleniteError("cancelled", MESSAGES.cancelled);
    this.kill();
    this.notify();
    await this.exited;
  }

  private readonly onAbort = () => {
    this.fail(new SeleniteError("cancelled", MESSAGES.cancelled, { cause: this.signal?.reason }));
  };

  private fail(error: SeleniteError): void {
    this.failure ??= error;
    this.kill();
    this.notify();
  }

  private kill(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.killedByUs = true;
      this.child.kill("SIGKILL");
    }
    // Destroyed pipes let 'close' fire even if data was left unread.
    this.child.stdout.destroy();
  }

  private enter(): void {
    if (this.busy) throw new Error("PcmWindowReader calls must not overlap; await each one");
    this.busy = true;
  }

  private async waitFor(ready: () => boolean): Promise<void> {
    for (;;) {
      if (this.failure) throw this.failure;
      if (ready() || this.done) return;
      // Room was made by the caller's discard: let ffmpeg write again.
      if (!this.buffer.hasPending && this.child.stdout.isPaused()) this.child.stdout.resume();
      await new Promise<void>((wake) => (this.wake = wake));
    }
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }
}
