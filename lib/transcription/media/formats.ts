// Which ffmpeg demuxers may open an upload: an allow-list, not a denylist. Every
// release adds demuxers that read other files (hls, dash, imf, concat, ...), and each
// one turns a small text file named ".wav" into a read of any media file the server
// can reach, another job's upload included. Every ffprobe and ffmpeg run on an upload
// takes its input arguments from inputArgs(), so ffmpeg itself refuses an unlisted
// format even where the probe's verdict is not consulted.
import { SeleniteError } from "@/lib/errors";
import { MESSAGES } from "./messages";
import { asFileUrl } from "./signature";

/**
 * Demuxers that read one self-contained file, named as `ffmpeg -demuxers` names them.
 * A demuxer listed under several names ("mov,mp4,m4a,3gp,3g2,mj2", "matroska,webm")
 * is allowed by any one of them, as ffmpeg's own -format_whitelist matching does.
 * mov would follow external data references only with `enable_drefs`, which is off.
 */
export const SINGLE_FILE_DEMUXERS = [
  // Audio people record or download.
  "wav",
  "w64",
  "aiff",
  "caf",
  "au",
  "mp3",
  "aac",
  "flac",
  "ogg",
  "wv",
  "ape",
  "ac3",
  "eac3",
  "amr",
  "amrnb",
  "amrwb",
  // Video and container formats from phones, cameras, screen recorders and browsers.
  "mov",
  "matroska",
  "avi",
  "asf",
  "flv",
  "mpegts",
  "mpeg",
] as const;

const ALLOWED = new Set<string>(SINGLE_FILE_DEMUXERS);
const WHITELIST = SINGLE_FILE_DEMUXERS.join(",");

/** What ffprobe reports as format_name (or ffmpeg names a demuxer) is on the allow-list. */
export function isAllowedFormat(formatName: string): boolean {
  return formatName.split(",").some((name) => ALLOWED.has(name));
}

/**
 * The input half of every ffprobe/ffmpeg command line for a stored file: local files
 * only, allowed demuxers only. `forceFormat` (`-f`) exists for scripts/cli/list-demuxers.ts,
 * which proves that naming a demuxer outright does not get past the list either.
 */
export function inputArgs(absolutePath: string, forceFormat?: string): string[] {
  const force = forceFormat ? ["-f", forceFormat] : [];
  return ["-protocol_whitelist", "file", "-format_whitelist", WHITELIST, ...force, "-i", asFileUrl(absolutePath)];
}

/**
 * The demuxer ffmpeg refused for not being on the list, from its stderr
 * ("[dash @ 0x…] Format not on whitelist '…'"), or null if it refused nothing.
 */
export function refusedFormat(stderr: string): string | null {
  const match = /\[([^\]@\s]+) @ 0x[0-9a-f]+\] Format not on whitelist/i.exec(stderr);
  if (match) return match[1];
  return /Format not on whitelist/i.test(stderr) ? "unknown" : null;
}

// ffmpeg's names for what non-media uploads usually are, in words a person knows.
const PLAIN_NAMES: Record<string, string> = { image2: "image", lrc: "lyrics", srt: "subtitles", webvtt: "subtitles", ass: "subtitles" };

/** The refusal a person sees, naming the format ffmpeg recognised. */
export function unsupportedFormatError(formatName: string): SeleniteError {
  const name = formatName.split(",")[0];
  // tty is ffmpeg's catch-all for any text: there is no format to name.
  if (name === "tty") return new SeleniteError("media_not_media", MESSAGES.notMedia);
  const shown = PLAIN_NAMES[name] ?? (name.endsWith("_pipe") ? "image" : name);
  return new SeleniteError(
    "media_not_media",
    `This file's format (${shown}) is not supported: upload an audio or video file such as MP3, M4A, WAV, FLAC, OGG, Opus, WebM, MP4, MOV or MKV.`,
  );
}
