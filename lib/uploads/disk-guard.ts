// No "server-only": server.ts's watch folders (lib/watch/) call this before Next starts.
// Refuses an upload up front when it would bring free space below the reserve set
// in Settings, so a full disk never corrupts the database or a transcript.
import { getConfig } from "@/lib/config";
import { SeleniteError } from "@/lib/errors";
import { getSettings } from "@/lib/settings/service";
import { diskSpace } from "@/lib/storage/disk";

export async function checkDiskBefore(incomingBytes: number): Promise<void> {
  const { diskReserveMb } = await getSettings();
  const { storageDir, uploadsDir } = getConfig();
  // The uploads folder may be its own mount; the database lives in STORAGE_DIR.
  const [storage, uploads] = await Promise.all([diskSpace(storageDir), diskSpace(uploadsDir)]);
  const freeBytes = Math.min(storage.freeBytes, uploads.freeBytes);
  const reserve = diskReserveMb * 1024 * 1024;
  if (freeBytes - incomingBytes < reserve) {
    const freeMb = Math.floor(freeBytes / 1024 / 1024);
    throw new SeleniteError(
      "insufficient_storage",
      `Not enough disk space: ${freeMb} MB free, and Selenite keeps ${diskReserveMb} MB in reserve. Delete old recordings or free space on the server.`,
    );
  }
}
