// Turn ffmpeg/ffprobe stderr into the one short line a person may see. Raw stderr
// holds internal pointers and server paths, and runs to pages on a damaged file.
import { basename } from "node:path";
import { SeleniteError } from "@/lib/errors";

export const MESSAGES = {
  empty: "This file is empty (0 bytes).",
  notMedia: "This file is not an audio or video file Selenite can read.",
  noAudio: "This file has no audio track.",
  missing: "The file to transcribe is missing from storage.",
  cancelled: "Decoding was cancelled.",
} as const;

// ffmpeg hints that only repeat the line before them.
const NOISE = [/^To ignore this, add a trailing/i, /^Conversion failed/i, /^Error while decoding stream/i];

/** The first one or two distinct meaningful lines, without "[mp3 @ 0x…]" prefixes or paths. */
export function summarizeStderr(stderr: string, file?: string, maxLength = 160): string {
  const name = file ? basename(file) : undefined;
  const seen = new Set<string>();
  for (const raw of stderr.split(/\r?\n/)) {
    let line = raw.replace(/^\[[^\]]*@ 0x[0-9a-f]+\]\s*/i, "").trim();
    if (file) line = line.split(file).join(name ?? "");
    if (name && line.startsWith(`${name}: `)) line = line.slice(name.length + 2);
    if (!line || NOISE.some((pattern) => pattern.test(line))) continue;
    seen.add(line);
    if (seen.size === 2) break;
  }
  const summary = [...seen].join("; ");
  return summary.length > maxLength ? `${summary.slice(0, maxLength - 1)}…` : summary;
}

export function corruptError(reason: string, cause?: unknown): SeleniteError {
  const trimmed = reason.replace(/[.\s]+$/, "");
  return new SeleniteError("media_corrupt", `This file is damaged or incomplete: ${trimmed}.`, { cause });
}

/** Friendlier wording for the failures people actually hit; otherwise ffmpeg's own line. */
export function explainReason(stderr: string, file?: string): string {
  if (/moov atom not found/i.test(stderr)) {
    return "its index (the moov atom) is missing, so the upload or recording was probably cut short";
  }
  if (/File ended prematurely|Truncated|unexpected end|End of file/i.test(stderr)) {
    return "the file ends before its audio does";
  }
  return summarizeStderr(stderr, file) || "ffmpeg could not decode it";
}

/** ffmpeg's own words for "there is no audio stream to pick". */
export function saysNoAudio(stderr: string): boolean {
  return /matches no streams|does not contain any stream|Output file #0 does not contain/i.test(stderr);
}

export function saysMissing(stderr: string): boolean {
  return /No such file or directory/i.test(stderr);
}
