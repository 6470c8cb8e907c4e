// What is in an uploaded file, asked of ffprobe once before any decoding. Every
// failure becomes a SeleniteError with a sentence a person can act on.
import { stat } from "node:fs/promises";
import { resolve } from "node:path";
import { SeleniteError } from "@/lib/errors";
import { isPlausibleDuration, measureDuration, parseSeconds } from "./duration";
import { firstAudio, isRealVideo, parseFfprobeJson, streamSeconds } from "./ffprobe-output";
import type { FfprobeOutput } from "./ffprobe-output";
import { inputArgs, isAllowedFormat, refusedFormat, unsupportedFormatError } from "./formats";
import { resolveFfmpeg } from "./locate";
import { MESSAGES, corruptError, explainReason, saysMissing } from "./messages";
import { runTool } from "./run";
import type { RunResult } from "./run";
import { asFileUrl, looksLikeMedia } from "./signature";
import type { MediaToolOptions, MediaWarning } from "./types";

export interface AudioStreamInfo {
  codec: string;
  sampleRate: number;
  channels: number;
}

export interface MediaInfo {
  /** null when neither the container nor a demux pass could tell; decoding will. */
  durationSec: number | null;
  durationSource: "audio_stream" | "container" | "measured" | "unknown";
  formatName: string;
  /** null only with `requireAudio: false`; otherwise a missing track throws. */
  audio: AudioStreamInfo | null;
  /** Audio streams in the file (a multi-track recording has one per person). */
  audioTracks: number;
  /** Cover art (attached pictures) does not count as video. */
  hasVideo: boolean;
  videoCodec?: string;
  sizeBytes: number;
  warnings: MediaWarning[];
}

export interface ProbeOptions extends MediaToolOptions {
  timeoutMs?: number;
  maxOutputBytes?: number;
  signal?: AbortSignal;
  requireAudio?: boolean;
  /** Run a demux pass when the container has no usable duration (default true). */
  measureIfMissing?: boolean;
}

export async function probeMedia(file: string, options: ProbeOptions = {}): Promise<MediaInfo> {
  const path = resolve(file);
  const sizeBytes = await fileSize(path);
  const { ffprobe } = await resolveFfmpeg(options);
  const input = asFileUrl(path);
  const timeoutMs = options.timeoutMs ?? 30_000;
  const args = ["-v", "warning", "-print_format", "json", "-show_format", "-show_streams"];
  const result = await runTool(ffprobe, [...args, ...inputArgs(path)], {
    timeoutMs,
    maxStdoutBytes: options.maxOutputBytes ?? 4 * 1024 * 1024,
    signal: options.signal,
  });
  const output = await interpretRun(result, path, input, timeoutMs);
  return describe(output, path, sizeBytes, result.stderr, options);
}

async function fileSize(path: string): Promise<number> {
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new SeleniteError("not_found", MESSAGES.missing);
    size = info.size;
  } catch (error) {
    if (error instanceof SeleniteError) throw error;
    throw new SeleniteError("not_found", MESSAGES.missing, { cause: error });
  }
  if (size === 0) throw new SeleniteError("media_empty", MESSAGES.empty);
  return size;
}

async function interpretRun(result: RunResult, path: string, input: string, timeoutMs: number) {
  if (result.aborted) throw new SeleniteError("cancelled", MESSAGES.cancelled);
  if (result.timedOut) {
    const seconds = Math.round(timeoutMs / 1000);
    throw new SeleniteError("unprocessable", `Selenite could not read this file's details within ${seconds} s.`);
  }
  if (result.overflowed) throw corruptError("its metadata is unreasonably large");
  const output = result.exitCode === 0 ? parseFfprobeJson(result.stdout) : null;
  if (output?.format?.format_name) return output;
  if (saysMissing(result.stderr)) throw new SeleniteError("not_found", MESSAGES.missing);
  const refused = refusedFormat(result.stderr);
  if (refused) throw unsupportedFormatError(refused);
  // Same "Invalid data" line for a cut-off MP4 and for a PDF: the magic bytes decide.
  if (await looksLikeMedia(path)) throw corruptError(explainReason(result.stderr, input));
  throw new SeleniteError("media_not_media", MESSAGES.notMedia);
}

async function describe(output: FfprobeOutput, path: string, sizeBytes: number, stderr: string, options: ProbeOptions): Promise<MediaInfo> {
  const formatName = output.format?.format_name ?? "unknown";
  const streams = output.streams ?? [];
  // ffmpeg has refused these already (-format_whitelist); checked again in case a
  // differently built ffprobe ignores the option.
  if (!isAllowedFormat(formatName)) throw unsupportedFormatError(formatName);
  if (streams.length === 0) throw new SeleniteError("media_not_media", MESSAGES.notMedia);
  const audioStream = firstAudio(streams);
  const video = streams.find(isRealVideo);
  if (!audioStream && (options.requireAudio ?? true)) {
    throw new SeleniteError("media_no_audio", MESSAGES.noAudio);
  }
  const warnings: MediaWarning[] = [];
  if (looksTruncated(formatName, stderr)) {
    warnings.push({
      code: "possibly_truncated",
      message: "This file may be incomplete: its size does not match the length it states.",
    });
  }
  if (audioStream && (!audioStream.codec_name || audioStream.codec_name === "none")) {
    // ffprobe sees a track this ffmpeg build has no decoder for.
    throw new SeleniteError("unsupported_media", "Selenite cannot decode the audio format in this file.");
  }
  const audio = audioStream
    ? {
        codec: audioStream.codec_name ?? "unknown",
        sampleRate: Number(audioStream.sample_rate ?? 0) || 0,
        channels: audioStream.channels ?? 0,
      }
    : null;
  const { durationSec, durationSource } = await pickDuration(output, path, warnings, options);
  return {
    durationSec,
    durationSource,
    formatName,
    audio,
    audioTracks: streams.filter((stream) => stream.codec_type === "audio").length,
    hasVideo: video !== undefined,
    ...(video?.codec_name ? { videoCodec: video.codec_name } : {}),
    sizeBytes,
    warnings,
  };
}

async function pickDuration(
  output: FfprobeOutput,
  path: string,
  warnings: MediaWarning[],
  options: ProbeOptions,
): Promise<Pick<MediaInfo, "durationSec" | "durationSource">> {
  // The audio's own length first: it is what gets transcribed, and a video track
  // that runs on past the sound must not look like missing audio to the decoder.
  const fromStream = streamSeconds(firstAudio(output.streams ?? []));
  if (isPlausibleDuration(fromStream)) return { durationSec: fromStream, durationSource: "audio_stream" };
  const fromFormat = parseSeconds(output.format?.duration);
  if (isPlausibleDuration(fromFormat)) return { durationSec: fromFormat, durationSource: "container" };

  const stated = fromFormat ?? fromStream;
  const why = stated === null ? "does not state its length" : `states an impossible length (${stated} s)`;
  if (options.measureIfMissing ?? true) {
    const measured = await measureDuration(path, options);
    if (options.signal?.aborted) throw new SeleniteError("cancelled", MESSAGES.cancelled);
    if (measured !== null) return { durationSec: measured, durationSource: "measured" };
  }
  warnings.push({
    code: "duration_unknown",
    message: `This file ${why}; progress will be estimated while it is decoded.`,
  });
  return { durationSec: null, durationSource: "unknown" };
}

/**
 * ffprobe's own hints that the file is shorter than its header says: MP3 frame
 * counts that outrun the file, or a WAV data chunk that does (a streamed WAV with
 * no size at all is announced differently and is not a truncation).
 */
function looksTruncated(formatName: string, stderr: string): boolean {
  if (/filesize and duration do not match/i.test(stderr)) return true;
  return formatName === "wav" && /Estimating duration from bitrate/i.test(stderr) && !/Ignoring maximum wav data size/i.test(stderr);
}
