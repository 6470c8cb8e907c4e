// No "server-only": server.ts starts the watcher (lib/watch/watcher.ts) outside Next.
// One stable file in a watch folder becomes a job through the upload path: the same
// limits, disk reserve, content checks and option resolution (finishUpload,
// resolveUploadOptions) as a browser upload, with the folder's defaults as its fields.
// A file that is not media gets no job: its WatchedFile row keeps the reason, which
// Settings and GET /api/watch-folders show.
import fs from "node:fs/promises";
import path from "node:path";
import { getConfig } from "@/lib/config";
import { db } from "@/lib/db";
import { isSeleniteError, SeleniteError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { checkDiskBefore } from "@/lib/uploads/disk-guard";
import { finishUpload, resolveUploadOptions } from "@/lib/uploads/finish";
import { newStoredName, removeQuietly, sanitizeFileName } from "@/lib/storage/files";
import { isShuttingDown, trackUpload } from "@/lib/system/lifecycle";
import { parseList } from "@/lib/watch/folders";
import { fingerprint } from "@/lib/watch/files";

export type WatchFolderRow = {
  id: string;
  userId: string;
  path: string;
  model: string | null;
  language: string | null;
  tags: string;
  speakers: string;
};

export type ImportOutcome = "imported" | "failed" | "seen";

/** Imports `file` once; "seen" when this folder already dealt with it (same path, size and mtime, or same content). */
export async function importWatchedFile(folder: WatchFolderRow, file: string): Promise<ImportOutcome> {
  const stat = await fs.stat(file).catch(() => null);
  if (!stat?.isFile()) return "seen";
  const key = { folderId: folder.id, path: file, size: stat.size, mtimeMs: stat.mtimeMs };
  if (await db.watchedFile.findUnique({ where: { folderId_path_size_mtimeMs: key }, select: { id: true } })) return "seen";
  const print = await fingerprint(file, stat.size);
  // Only an imported copy counts: a file that failed is tried again once touched (a new mtime).
  const copy = await db.watchedFile.findFirst({
    where: { folderId: folder.id, fingerprint: print, status: { in: ["imported", "importing"] } },
    select: { id: true },
  });
  if (copy) return "seen";

  let row: { id: string };
  try {
    // Claimed before the work, so two events for one file cannot both import it.
    row = await db.watchedFile.create({ data: { ...key, fingerprint: print, status: "importing" }, select: { id: true } });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return "seen";
    throw error;
  }
  const outcome = await trackUpload(() => createJobFor(folder, file, stat.size));
  if (!outcome.ok && outcome.retry) {
    // Stopped by the shutdown, not by the file: the next start sees it again.
    await db.watchedFile.delete({ where: { id: row.id } });
    return "failed";
  }
  await db.watchedFile.update({
    where: { id: row.id },
    data: outcome.ok ? { status: "imported", jobId: outcome.jobId } : { status: "failed", error: outcome.message },
  });
  return outcome.ok ? "imported" : "failed";
}

async function createJobFor(
  folder: WatchFolderRow,
  file: string,
  size: number,
): Promise<{ ok: true; jobId: string } | { ok: false; message: string; retry?: boolean }> {
  const config = getConfig();
  const originalName = sanitizeFileName(path.basename(file));
  const partPath = path.join(config.uploadsDir, `${newStoredName("")}.part`);
  try {
    if (isShuttingDown()) return { ok: false, message: "Selenite was shutting down.", retry: true };
    if (size === 0) throw new SeleniteError("media_empty", "This file is empty (0 bytes).");
    if (size > config.maxUploadBytes) {
      throw new SeleniteError("payload_too_large", `This file is larger than the ${config.maxUploadBytes / 1024 / 1024} MB limit per file (MAX_UPLOAD_MB).`);
    }
    const user = await db.user.findUnique({ where: { id: folder.userId }, select: { id: true, email: true, name: true } });
    if (!user) throw new SeleniteError("not_found", "The account this folder belongs to no longer exists.");
    const options = await resolveUploadOptions(user, {
      ...(folder.model ? { model: folder.model } : {}),
      ...(folder.language ? { language: folder.language } : {}),
      speakers: folder.speakers,
      tags: parseList(folder.tags).join(","),
    });
    await checkDiskBefore(size);
    await fs.mkdir(config.uploadsDir, { recursive: true });
    await fs.copyFile(file, partPath);
    const outcome = await finishUpload(user, { originalName, partPath, size }, options);
    return outcome.ok ? { ok: true, jobId: outcome.job.id } : { ok: false, message: outcome.error.message };
  } catch (error) {
    await removeQuietly(partPath);
    if (isSeleniteError(error)) return { ok: false, message: error.message };
    return { ok: false, message: `Selenite could not copy this file: ${error instanceof Error ? error.message : String(error)}` };
  }
}
