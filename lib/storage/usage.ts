import "server-only";
// Storage used by recordings and by transcripts, and what is left on the disk:
// shown in Settings and reported by /api/system.
import { getConfig } from "@/lib/config";
import { db } from "@/lib/db";
import { diskSpace } from "@/lib/storage/disk";
import { folderSize } from "@/lib/storage/files";

export type StorageUsage = {
  mediaBytes: number;
  transcriptBytes: number;
  disk: { freeBytes: number; totalBytes: number } | null;
};

export async function storageUsage(): Promise<StorageUsage> {
  const config = getConfig();
  const [mediaBytes, transcript, disk] = await Promise.all([
    folderSize(config.uploadsDir),
    // Transcripts live in the database: measure the text held for them.
    db.$queryRawUnsafe<{ bytes: number | bigint | null }[]>(
      `SELECT SUM(LENGTH(text) + COALESCE(LENGTH(words), 0) + COALESCE(LENGTH(originalText), 0)) AS bytes FROM "Segment"`,
    ),
    diskSpace(config.storageDir).catch(() => null),
  ]);
  return { mediaBytes, transcriptBytes: Number(transcript[0]?.bytes ?? 0), disk };
}
