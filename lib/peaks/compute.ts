// Peaks straight from the decoder: ffmpeg streams the first audio track as 8 kHz mono
// 16-bit PCM (plenty for a picture of loudness, and quick for hours of audio) and the
// reducer keeps one byte per slice. The duration is the decoder's: samples / rate.
import { spawn } from "node:child_process";
import { resolve } from "node:path";
import { SeleniteError } from "@/lib/errors";
import { PeakReducer } from "@/lib/peaks/reduce";
import type { Peaks } from "@/lib/peaks/format";
import { inputArgs } from "@/lib/transcription/media/formats";
import { resolveFfmpeg } from "@/lib/transcription/media/locate";
import { CappedBytes } from "@/lib/transcription/media/run";
import type { MediaToolOptions } from "@/lib/transcription/media/types";

export const PEAKS_SAMPLE_RATE = 8000;
export const PEAKS_PER_SECOND = 20;
/** A decode this long is stuck, not slow: 8 kHz decoding runs hundreds of times faster than real time. */
const TIMEOUT_MS = 10 * 60_000;

export async function computePeaks(file: string, options: MediaToolOptions = {}): Promise<Peaks> {
  const { ffmpeg } = await resolveFfmpeg(options);
  const absolute = resolve(file);
  const args = [
    ...["-nostdin", "-hide_banner", "-loglevel", "error", ...inputArgs(absolute)],
    ...["-map", "0:a:0", "-ac", "1", "-ar", String(PEAKS_SAMPLE_RATE), "-f", "s16le", "pipe:1"],
  ];
  const reducer = new PeakReducer(PEAKS_SAMPLE_RATE / PEAKS_PER_SECOND);
  const stderr = new CappedBytes(4096);
  const exit = await new Promise<{ code: number | null; timedOut: boolean }>((done, fail) => {
    const child = spawn(ffmpeg, args, { stdio: ["ignore", "pipe", "pipe"] });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, TIMEOUT_MS);
    child.stdout.on("data", (chunk: Buffer) => reducer.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => void stderr.append(chunk));
    child.once("error", (error) => {
      clearTimeout(timer);
      fail(new SeleniteError("internal", "ffmpeg could not be started to draw the waveform.", { cause: error }));
    });
    child.once("close", (code) => {
      clearTimeout(timer);
      done({ code, timedOut });
    });
  });
  if (exit.code !== 0 || reducer.samples === 0) {
    // ffmpeg's own words name server paths: they go to the cause, not the message.
    const reason = exit.timedOut ? "decoding it took too long" : "ffmpeg found no audio it could decode";
    throw new SeleniteError("media_corrupt", `The waveform could not be drawn from this recording: ${reason}. Playback and the transcript are not affected.`, {
      cause: new Error(stderr.text().trim()),
    });
  }
  return { peaksPerSecond: PEAKS_PER_SECOND, durationSec: reducer.samples / PEAKS_SAMPLE_RATE, values: reducer.finish() };
}
