// Media fixtures made on the fly with ffmpeg (and espeak-ng for speech), so tests
// never depend on committed binaries. Shared by the media, engine and upload tests.
import { execFile } from "node:child_process";
import { mkdtemp, open, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { extname, join } from "node:path";
import { promisify } from "node:util";
import { resolveFfmpeg } from "@/lib/transcription/media/locate";

const exec = promisify(execFile);

export type MediaFormat = "wav" | "mp3" | "ogg" | "opus" | "m4a" | "flac" | "webm" | "mp4" | "mkv" | "mov";
export const AUDIO_FORMATS = ["wav", "mp3", "ogg", "opus", "m4a", "flac", "webm"] as const;
export const VIDEO_FORMATS = ["mp4", "mkv", "mov"] as const;
export const ALL_FORMATS: readonly MediaFormat[] = [...AUDIO_FORMATS, ...VIDEO_FORMATS];

const AUDIO_CODEC: Record<MediaFormat, string[]> = {
  wav: ["-c:a", "pcm_s16le"],
  mp3: ["-c:a", "libmp3lame", "-b:a", "64k"],
  ogg: ["-c:a", "libvorbis"],
  opus: ["-c:a", "libopus", "-b:a", "32k"],
  m4a: ["-c:a", "aac", "-b:a", "64k"],
  flac: ["-c:a", "flac"],
  webm: ["-c:a", "libopus", "-b:a", "32k"],
  mp4: ["-c:a", "aac", "-b:a", "64k"],
  mkv: ["-c:a", "aac", "-b:a", "64k"],
  mov: ["-c:a", "aac", "-b:a", "64k"],
};

const TINY_VIDEO = ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"];

export async function ffmpeg(args: string[]): Promise<void> {
  const { ffmpeg: bin } = await resolveFfmpeg();
  await exec(bin, ["-nostdin", "-hide_banner", "-loglevel", "error", "-y", ...args], { maxBuffer: 1 << 20 });
}

export function formatOf(path: string): MediaFormat {
  const ext = extname(path).slice(1) as MediaFormat;
  if (!(ext in AUDIO_CODEC)) throw new Error(`no fixture recipe for ${path}`);
  return ext;
}

export function isVideoFormat(format: MediaFormat): boolean {
  return (VIDEO_FORMATS as readonly string[]).includes(format);
}

/** Re-encode `source` audio into `dest`; video containers get a small test pattern too. */
export async function encodeAs(source: string, dest: string, format: MediaFormat = formatOf(dest)): Promise<string> {
  if (!isVideoFormat(format)) {
    await ffmpeg(["-i", source, "-vn", ...AUDIO_CODEC[format], dest]);
    return dest;
  }
  const pattern = ["-f", "lavfi", "-i", "testsrc=size=160x120:rate=10"];
  // Plain -shortest overshoots by the muxer's interleave buffer; these flags end the
  // video within a frame of the audio.
  const shortest = ["-shortest", "-fflags", "+shortest", "-max_interleave_delta", "100M"];
  await ffmpeg([...pattern, "-i", source, "-map", "0:v", "-map", "1:a", ...shortest, ...TINY_VIDEO, ...AUDIO_CODEC[format], dest]);
  return dest;
}

/** A sine tone (44.1 kHz) of `seconds`, in the format named by the extension. */
export async function makeTone(path: string, seconds: number, format: MediaFormat = formatOf(path)): Promise<string> {
  const source = ["-f", "lavfi", "-i", `sine=frequency=440:sample_rate=44100:duration=${seconds}`];
  if (!isVideoFormat(format)) {
    await ffmpeg([...source, ...AUDIO_CODEC[format], path]);
    return path;
  }
  const wav = `${path}.src.wav`;
  await ffmpeg([...source, wav]);
  await encodeAs(wav, path, format);
  await rm(wav, { force: true });
  return path;
}

/** Speech from espeak-ng (English), in the format named by the extension. */
export async function makeSpeech(path: string, text: string, format: MediaFormat = formatOf(path)): Promise<string> {
  const wav = format === "wav" ? path : `${path}.speech.wav`;
  await exec("espeak-ng", ["-v", "en", "-w", wav, text]);
  if (format !== "wav") {
    await encodeAs(wav, path, format);
    await rm(wav, { force: true });
  }
  return path;
}

/** WebM/Opus written to a pipe, as MediaRecorder does: the container states no duration. */
export async function makeRecordedWebm(source: string, dest: string): Promise<string> {
  const { ffmpeg: bin } = await resolveFfmpeg();
  const args = ["-nostdin", "-v", "error", "-i", source, "-vn", "-c:a", "libopus", "-f", "webm", "pipe:1"];
  const { stdout } = await exec(bin, args, { encoding: "buffer", maxBuffer: 64 << 20 });
  await writeFile(dest, stdout);
  return dest;
}

/** An MP3 carrying album art: a PNG stream marked attached_pic, which is not video. */
export async function addCoverArt(mp3: string, dest: string): Promise<string> {
  const cover = `${dest}.cover.png`;
  await ffmpeg(["-f", "lavfi", "-i", "testsrc=size=64x64", "-frames:v", "1", cover]);
  const copy = ["-map", "0", "-map", "1", "-c", "copy", "-id3v2_version", "3", "-disposition:v", "attached_pic"];
  await ffmpeg(["-i", mp3, "-i", cover, ...copy, dest]);
  await rm(cover, { force: true });
  return dest;
}

/** H.264 video with no audio stream at all. */
export async function makeSilentVideo(path: string, seconds: number): Promise<string> {
  await ffmpeg(["-f", "lavfi", "-i", `testsrc=size=160x120:rate=10:duration=${seconds}`, ...TINY_VIDEO, path]);
  return path;
}

/** A copy of the first `fraction` of `source`'s bytes: an interrupted upload. */
export async function truncateCopy(source: string, dest: string, fraction = 0.5): Promise<string> {
  const { size } = await stat(source);
  const handle = await open(source, "r");
  try {
    const head = Buffer.alloc(Math.floor(size * fraction));
    await handle.read(head, 0, head.length, 0);
    await writeFile(dest, head);
  } finally {
    await handle.close();
  }
  return dest;
}

/** Long audio made quickly: a low-rate mono WAV (8 kHz s16 is 57.6 MB per hour). */
export async function makeLongWav(path: string, seconds: number): Promise<string> {
  await ffmpeg(["-f", "lavfi", "-i", `sine=frequency=300:sample_rate=8000:duration=${seconds}`, "-c:a", "pcm_s16le", path]);
  return path;
}

export async function hasEspeak(): Promise<boolean> {
  try {
    await exec("espeak-ng", ["--version"]);
    return true;
  } catch {
    return false;
  }
}

export async function makeTempDir(prefix = "selenite-media-"): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}
