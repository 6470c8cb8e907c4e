import "server-only";
// What /api/health reports: enough for a monitor or a person to see that the
// database answers and can write, models are installed and the disk is not full.
import path from "node:path";
import { getConfig } from "@/lib/config";
import { db } from "@/lib/db";
import { isDiskFull } from "@/lib/errors";
import { scanModels } from "@/lib/models/registry";
import { diskSpace } from "@/lib/storage/disk";
import { version } from "@/lib/system/version";

export type Health = {
  status: "ok" | "degraded";
  version: string;
  /** "full": the disk under it has no room left; "cannot-write": it answers reads but refuses or blocks writes. */
  database: "ok" | "unreachable" | "full" | "cannot-write";
  models: { installed: number; broken: number };
  disk: { freeBytes: number; totalBytes: number } | null;
  uptimeSec: number;
};

// Below this a write has nowhere to go: SQLite grows its WAL by a few pages per commit.
const DATABASE_MIN_FREE_BYTES = 1024 * 1024;

class ProbeRolledBack extends Error {}

/**
 * Whether the database can write, without writing: a write statement that matches
 * no row takes SQLite's write lock (refused on a read-only file, waits on a stuck
 * lock), inside a transaction that is then rolled back; plus room on the disk under
 * the database file, since a write that only fails at commit is not seen otherwise.
 */
async function probeDatabase(databaseFile: string): Promise<Health["database"]> {
  try {
    await db.$queryRawUnsafe("SELECT 1");
  } catch {
    return "unreachable";
  }
  try {
    await db.$transaction(
      async (tx) => {
        await tx.$executeRawUnsafe(`UPDATE "Settings" SET "id" = "id" WHERE 0`);
        throw new ProbeRolledBack();
      },
      { maxWait: 2_000, timeout: 5_000 },
    );
  } catch (error) {
    if (!(error instanceof ProbeRolledBack)) return isDiskFull(error) ? "full" : "cannot-write";
  }
  const space = await diskSpace(path.dirname(databaseFile)).catch(() => null);
  return space && space.freeBytes < DATABASE_MIN_FREE_BYTES ? "full" : "ok";
}

export async function checkHealth(): Promise<Health> {
  const config = getConfig();
  const [database, models, disk] = await Promise.all([
    probeDatabase(config.databaseFile),
    scanModels(config.modelsDir).then(
      (scan) => ({ installed: scan.models.length, broken: scan.broken.length }),
      () => ({ installed: 0, broken: 0 }),
    ),
    diskSpace(config.storageDir).catch(() => null),
  ]);
  return {
    status: database === "ok" ? "ok" : "degraded",
    version,
    database,
    models,
    disk,
    uptimeSec: Math.round(process.uptime()),
  };
}
