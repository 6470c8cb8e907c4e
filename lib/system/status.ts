import "server-only";
// What /api/system reports: queue, workers, memory, CPU and disk.
import os from "node:os";
import { getConfig } from "@/lib/config";
import { db } from "@/lib/db";
import { getDispatcher } from "@/lib/queue/registry";
import { diskSpace } from "@/lib/storage/disk";
import { folderSize } from "@/lib/storage/files";
import { version } from "@/lib/system/version";

export async function systemStatus() {
  const config = getConfig();
  const [queued, processing, disk, mediaBytes] = await Promise.all([
    db.job.count({ where: { status: "queued" } }),
    db.job.count({ where: { status: "processing" } }),
    diskSpace(config.storageDir).catch(() => null),
    folderSize(config.uploadsDir),
  ]);
  const memory = process.memoryUsage();
  return {
    version,
    uptimeSec: Math.round(process.uptime()),
    queue: { queued, processing },
    workers: getDispatcher()?.status() ?? [],
    memory: { rssBytes: memory.rss, heapUsedBytes: memory.heapUsed, systemFreeBytes: os.freemem(), systemTotalBytes: os.totalmem() },
    cpu: { cores: os.availableParallelism(), loadAverage: os.loadavg() },
    disk: disk ? { ...disk, mediaBytes } : null,
  };
}
