import "server-only";
// What /api/health reports: enough for a monitor or a person to see that the
// database answers, models are installed and the disk is not full.
import { getConfig } from "@/lib/config";
import { db } from "@/lib/db";
import { scanModels } from "@/lib/models/registry";
import { diskSpace } from "@/lib/storage/disk";
import { version } from "@/lib/system/version";

export type Health = {
  status: "ok" | "degraded";
  version: string;
  database: "ok" | "unreachable";
  models: { installed: number; broken: number };
  disk: { freeBytes: number; totalBytes: number } | null;
  uptimeSec: number;
};

export async function checkHealth(): Promise<Health> {
  const config = getConfig();
  const [database, models, disk] = await Promise.all([
    db.$queryRawUnsafe("SELECT 1").then(() => "ok" as const, () => "unreachable" as const),
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
