// At start-up, before any upload can be in flight: remove what interrupted uploads
// left behind. `.part` files never became jobs; a completed file that no job refers
// to was never acknowledged to the uploader (the job row is written right after the
// file is moved into place), so neither holds anything a person was promised. A
// recording's waveform peaks (`<stored name>.peaks`) stay while the recording does.
import fs from "node:fs/promises";
import path from "node:path";
import { db } from "@/lib/db";
import { PEAKS_SUFFIX } from "@/lib/peaks/format";

/** The stored name a peaks file belongs to, or null for any other file. */
const peaksOf = (name: string): string | null => (name.endsWith(PEAKS_SUFFIX) ? name.slice(0, -PEAKS_SUFFIX.length) : null);

export async function cleanUploads(uploadsDir: string): Promise<{ partial: number; orphaned: number }> {
  await fs.mkdir(uploadsDir, { recursive: true });
  const names = await fs.readdir(uploadsDir);
  const known = new Set((await db.job.findMany({ select: { storedName: true } })).map((j) => j.storedName));
  let partial = 0;
  let orphaned = 0;
  for (const name of names) {
    const file = path.join(uploadsDir, name);
    if (name.endsWith(".part")) {
      await fs.rm(file, { force: true });
      partial += 1;
    } else if (!known.has(name) && !known.has(peaksOf(name) ?? "") && (await fs.stat(file)).isFile()) {
      await fs.rm(file, { force: true });
      orphaned += 1;
    }
  }
  return { partial, orphaned };
}
