// How long a file is when the container will not say (MediaRecorder WebM, streamed
// WAV) or says something absurd: a demux-only pass over the audio packets, which is
// fast because nothing is decoded.
import { resolve } from "node:path";
import { inputArgs } from "./formats";
import { resolveFfmpeg } from "./locate";
import { runTool } from "./run";
import type { MediaToolOptions } from "./types";

/** Longer than any real recording; a larger header value is garbage, not a duration. */
export const MAX_PLAUSIBLE_SEC = 7 * 24 * 3600;

export function parseSeconds(value: string | number | undefined): number | null {
  if (value === undefined || value === "N/A") return null;
  const seconds = typeof value === "number" ? value : Number(value);
  return Number.isNaN(seconds) ? null : seconds;
}

export function isPlausibleDuration(seconds: number | null): seconds is number {
  return seconds !== null && Number.isFinite(seconds) && seconds > 0 && seconds < MAX_PLAUSIBLE_SEC;
}

export interface MeasureOptions extends MediaToolOptions {
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** Seconds of the first audio stream, or null if even demuxing fails. */
export async function measureDuration(file: string, options: MeasureOptions = {}): Promise<number | null> {
  const { ffmpeg } = await resolveFfmpeg(options);
  const args = [
    ...["-nostdin", "-hide_banner", "-v", "error", ...inputArgs(resolve(file))],
    ...["-map", "0:a:0", "-c", "copy", "-f", "null"],
    ...["-progress", "pipe:1", "-"],
  ];
  try {
    const result = await runTool(ffmpeg, args, {
      timeoutMs: options.timeoutMs ?? 120_000,
      maxStdoutBytes: 4 * 1024 * 1024,
      signal: options.signal,
    });
    if (result.exitCode !== 0) return null;
    // -progress prints key=value blocks; the last out_time_us is the end of the audio.
    const times = [...result.stdout.matchAll(/^out_time_us=(\d+)$/gm)];
    const last = times.at(-1);
    const seconds = last ? Number(last[1]) / 1e6 : null;
    return isPlausibleDuration(seconds) ? seconds : null;
  } catch {
    return null;
  }
}
