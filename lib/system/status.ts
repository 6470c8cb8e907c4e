import "server-only";
// What /api/system reports: queue, workers, memory, CPU and disk.
import os from "node:os";
import { getConfig } from "@/lib/config";
import { db } from "@/lib/db";
import type { JobStatus } from "@/lib/jobs/status";
import { scanModels } from "@/lib/models/registry";
import { getDispatcher } from "@/lib/queue/registry";
import { storageUsage } from "@/lib/storage/usage";
import { version } from "@/lib/system/version";

export async function systemStatus() {
  const [queued, processing, storage, scan] = await Promise.all([
    db.job.count({ where: { status: "queued" satisfies JobStatus } }),
    db.job.count({ where: { status: "processing" satisfies JobStatus } }),
    storageUsage(),
    scanModels(getConfig().modelsDir).catch(() => ({ models: [] })),
  ]);
  const memory = process.memoryUsage();
  return {
    version,
    uptimeSec: Math.round(process.uptime()),
    queue: { queued, processing },
    workers: getDispatcher()?.status() ?? [],
    memory: { rssBytes: memory.rss, heapUsedBytes: memory.heapUsed, systemFreeBytes: os.freemem(), systemTotalBytes: os.totalmem() },
    cpu: { cores: os.availableParallelism(), loadAverage: os.loadavg() },
    // Which of the engine's graph rewrites applied, per precision, when each model was last loaded.
    models: scan.models.map((model) => ({ name: model.name, dtypes: model.dtypes, rewrites: model.rewrites })),
    disk: storage.disk ? { ...storage.disk, mediaBytes: storage.mediaBytes, transcriptBytes: storage.transcriptBytes } : null,
  };
}
