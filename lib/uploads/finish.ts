// No "server-only": server.ts's watch folders (lib/watch/) call this before Next starts.
// After a file has arrived: prove it is media, give it its final name, and queue it.
import fs from "node:fs/promises";
import path from "node:path";
import { getConfig } from "@/lib/config";
import { isSeleniteError, SeleniteError } from "@/lib/errors";
import type { SessionUser } from "@/lib/auth/users";
import { createJob } from "@/lib/jobs/service";
import type { JobSummary } from "@/lib/jobs/select";
import { NO_MODEL_MESSAGE, resolveOptions, type TranscriptionOptions } from "@/lib/jobs/options";
import { scanModels } from "@/lib/models/registry";
import { defaultOptions, getSettings } from "@/lib/settings/service";
import { newStoredName, removeQuietly, titleFromFileName } from "@/lib/storage/files";
import { tagIdsForNames } from "@/lib/tags/service";
import { measureDuration, probeMedia, type MediaInfo } from "@/lib/transcription/media";
import { sniffMedia } from "@/lib/uploads/sniff";
import { logger } from "@/lib/logger";
import { uploadOptionsSchema } from "@/lib/validation/jobs";

// The thinnest real codecs (AMR-NB, 4.75 kb/s) still need ~590 bytes per second.
const MIN_BYTES_PER_SEC = 400;
// Telephone audio is 8 kHz and studio audio 384 kHz; 1 Hz or 4 GHz is a forged header.
const SAMPLE_RATES = { min: 4_000, max: 768_000 };

function assertPlausibleAudio(audio: MediaInfo["audio"]): void {
  if (!audio?.sampleRate) return;
  if (audio.sampleRate < SAMPLE_RATES.min || audio.sampleRate > SAMPLE_RATES.max) {
    throw new SeleniteError("media_corrupt", `This file is damaged or forged: it states an impossible sample rate (${audio.sampleRate} Hz).`);
  }
}

export type UploadOutcome = { ok: true; name: string; job: JobSummary } | { ok: false; name: string; error: { code: string; message: string } };

export type ResolvedOptions = TranscriptionOptions & { tagIds: string[] };

export async function assertModelInstalled(): Promise<void> {
  const { models } = await scanModels(getConfig().modelsDir);
  if (models.length === 0) throw new SeleniteError("conflict", NO_MODEL_MESSAGE);
}

/** Upload options with the settings' defaults filled in; refuses before any work when no model can run them. */
export async function resolveUploadOptions(user: SessionUser, fields: Record<string, string>): Promise<ResolvedOptions> {
  const { tags, ...input } = uploadOptionsSchema.parse(fields);
  const options = await resolveOptions(input, defaultOptions(await getSettings()));
  return { ...options, tagIds: await tagIdsForNames(user.id, tags) };
}

export async function finishUpload(
  user: SessionUser,
  item: { originalName: string; partPath: string; size: number },
  options: ResolvedOptions,
): Promise<UploadOutcome> {
  const config = getConfig();
  try {
    const sniffed = await sniffMedia(item.partPath);
    const tools = { ffmpegPath: config.ffmpegPath, ffprobePath: config.ffprobePath };
    const info = await probeMedia(item.partPath, { ...tools, timeoutMs: 30_000 });
    assertPlausibleAudio(info.audio);
    // A header may claim 100 hours in a few kilobytes (a forged Xing frame count):
    // when the bytes cannot carry the stated length, count the packets instead.
    if (info.durationSec !== null && item.size / info.durationSec < MIN_BYTES_PER_SEC) {
      info.durationSec = await measureDuration(item.partPath, { ...tools, timeoutMs: 60_000 });
    }
    const ext = sniffed.ext ? `.${sniffed.ext}` : path.extname(item.originalName).toLowerCase();
    const storedName = newStoredName(ext);
    await fs.rename(item.partPath, path.join(config.uploadsDir, storedName));
    const job = await createJob({
      userId: user.id,
      title: titleFromFileName(item.originalName),
      originalName: item.originalName,
      storedName,
      mimeType: sniffed.mime ?? (info.hasVideo ? "video/mp4" : "audio/mpeg"),
      sizeBytes: item.size,
      durationSec: info.durationSec,
      hasVideo: info.hasVideo,
      warnings: info.warnings.map((w) => w.message),
      ...options,
    });
    return { ok: true, name: item.originalName, job };
  } catch (error) {
    await removeQuietly(item.partPath);
    if (isSeleniteError(error)) return { ok: false, name: item.originalName, error: { code: error.code, message: error.message } };
    logger.error({ err: error, file: item.originalName }, "upload processing failed");
    return {
      ok: false,
      name: item.originalName,
      error: { code: "internal", message: "Selenite could not process this file. The server log has the details." },
    };
  }
}
