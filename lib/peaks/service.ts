import "server-only";
// The waveform's peaks, computed once per recording and kept next to it in storage
// (`<stored name>.peaks`): the first request decodes the file with ffmpeg, every later
// one reads the small file. Requests that arrive while it is being computed share the
// one decode. The stored media never changes, so neither do its peaks.
import fs from "node:fs/promises";
import { getConfig } from "@/lib/config";
import { SeleniteError } from "@/lib/errors";
import { requireOwnedJob } from "@/lib/jobs/guard";
import { computePeaks } from "@/lib/peaks/compute";
import { decodePeaks, encodePeaks, PEAKS_SUFFIX } from "@/lib/peaks/format";
import { storedPath } from "@/lib/storage/files";

const inFlight = new Map<string, Promise<Uint8Array>>();

/** Where a recording's peaks are kept. */
export function peaksPath(mediaPath: string): string {
  return mediaPath + PEAKS_SUFFIX;
}

async function readStored(file: string): Promise<Uint8Array | null> {
  try {
    const bytes = new Uint8Array(await fs.readFile(file));
    return decodePeaks(bytes) ? bytes : null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

async function computeAndStore(media: string, file: string): Promise<Uint8Array> {
  const config = getConfig();
  try {
    await fs.access(media);
  } catch {
    throw new SeleniteError("not_found", "The recording's file is missing from storage.");
  }
  const bytes = encodePeaks(await computePeaks(media, { ffmpegPath: config.ffmpegPath, ffprobePath: config.ffprobePath }));
  // Written aside and renamed, so a reader never sees half a file. Not being able to
  // keep it (a full disk) costs a decode next time, not this answer.
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    await fs.writeFile(temporary, bytes);
    await fs.rename(temporary, file);
  } catch {
    await fs.rm(temporary, { force: true }).catch(() => undefined);
  }
  return bytes;
}

/** The job's peaks file (lib/peaks/format.ts) and a tag that changes only with the recording. */
export async function getPeaks(userId: string, jobId: string): Promise<{ bytes: Uint8Array; etag: string }> {
  const job = await requireOwnedJob(userId, jobId, { storedName: true });
  const media = storedPath(getConfig().uploadsDir, job.storedName);
  const file = peaksPath(media);
  const etag = `"peaks-1-${job.storedName}"`;
  const stored = await readStored(file);
  if (stored) return { bytes: stored, etag };
  let pending = inFlight.get(file);
  if (!pending) {
    pending = computeAndStore(media, file).finally(() => inFlight.delete(file));
    inFlight.set(file, pending);
  }
  return { bytes: await pending, etag };
}
