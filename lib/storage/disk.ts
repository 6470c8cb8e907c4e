// Free space where uploads and transcripts are written.
import fs from "node:fs/promises";

export async function diskSpace(dir: string): Promise<{ freeBytes: number; totalBytes: number }> {
  await fs.mkdir(dir, { recursive: true });
  const stats = await fs.statfs(dir);
  return { freeBytes: stats.bavail * stats.bsize, totalBytes: stats.blocks * stats.bsize };
}
