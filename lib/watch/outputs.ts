// No "server-only": server.ts starts the watcher (lib/watch/watcher.ts) outside Next.
// When a watched file's job completes, the folder's outputs are written where media
// servers look for them: `Episode.en.srt` beside `Episode.mkv` (Jellyfin's and Plex's
// external-subtitle naming) or under the output folder, in the same sub-folders as
// the source. Each file appears whole: written to a temp file in the target folder,
// then renamed over the old one.
import fs from "node:fs/promises";
import path from "node:path";
import { db } from "@/lib/db";
import { exportTranscript, type ExportFormat } from "@/lib/exports";
import { loadTranscript } from "@/lib/exports/load";
import { isExportFormat } from "@/lib/exports/types";
import { parseList } from "@/lib/watch/folders";
import { sidecarBase, writeAtomically } from "@/lib/watch/files";

/**
 * Writes the outputs for a completed job that came from a watch folder; does nothing
 * for any other job. Returns the files written. A failure is kept on the WatchedFile
 * row (Settings shows it) and does not touch the job.
 */
export async function writeWatchOutputs(jobId: string): Promise<string[]> {
  const watched = await db.watchedFile.findFirst({
    where: { jobId },
    select: { id: true, path: true, folder: { select: { userId: true, path: true, output: true, outputDir: true, outputFormats: true } } },
  });
  if (!watched || watched.folder.output === "none") return [];
  const { folder } = watched;
  try {
    const transcript = await loadTranscript(folder.userId, jobId);
    const { job } = transcript;
    const language = job.task === "translate" ? "en" : (job.detectedLanguage ?? job.language ?? "und");
    const base = sidecarBase(folder, watched.path, language);
    await fs.mkdir(path.dirname(base), { recursive: true });
    const formats = parseList(folder.outputFormats).filter((f): f is ExportFormat => isExportFormat(f));
    const written: string[] = [];
    for (const format of formats.length ? formats : (["srt"] as const)) {
      const { body, extension } = await exportTranscript(format, transcript);
      const target = `${base}.${extension}`;
      await writeAtomically(target, body);
      written.push(target);
    }
    await db.watchedFile.update({ where: { id: watched.id }, data: { outputAt: new Date(), outputError: null } });
    return written;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    await db.watchedFile.update({ where: { id: watched.id }, data: { outputError: `The subtitles could not be written: ${reason}` } });
    throw error;
  }
}
