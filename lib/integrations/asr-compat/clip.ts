import "server-only";
// Language detection looks at the first 30 s only (one Whisper window), so the job
// made for it gets just those: a two-hour film is not transcribed to name its language.
import fs from "node:fs/promises";
import { getConfig } from "@/lib/config";
import { resolveFfmpeg } from "@/lib/transcription/media";
import { inputArgs } from "@/lib/transcription/media/formats";
import { runTool } from "@/lib/transcription/media/run";
import { SAMPLE_RATE } from "@/lib/transcription/whisper-constants";
import { logger } from "@/lib/logger";
import { wrapPcmAsWav } from "@/lib/integrations/asr-compat/pcm";

export const DETECT_SECONDS = 30;

/**
 * Cuts a received file down to its first DETECT_SECONDS as a 16 kHz mono WAV; returns
 * the new size. A file ffmpeg cannot read is left as it came, for the upload checks to
 * refuse with their usual reason.
 */
export async function clipForDetection(file: string, size: number, encoded: boolean): Promise<number> {
  if (!encoded) return wrapPcmAsWav(file, size, DETECT_SECONDS);
  const config = getConfig();
  const { ffmpeg } = await resolveFfmpeg({ ffmpegPath: config.ffmpegPath, ffprobePath: config.ffprobePath });
  const clip = `${file}.clip.wav`;
  const args = [
    "-nostdin",
    "-v",
    "error",
    ...inputArgs(file),
    "-t",
    String(DETECT_SECONDS),
    "-vn",
    "-ac",
    "1",
    "-ar",
    String(SAMPLE_RATE),
    "-f",
    "wav",
    "-y",
    clip,
  ];
  const result = await runTool(ffmpeg, args, { timeoutMs: 60_000, maxStdoutBytes: 4096 });
  if (result.exitCode !== 0) {
    logger.info({ stderr: result.stderr.slice(0, 500) }, "could not clip a file for language detection; it goes to the upload checks whole");
    await fs.rm(clip, { force: true });
    return size;
  }
  await fs.rename(clip, file);
  return (await fs.stat(file)).size;
}
