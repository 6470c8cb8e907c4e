// Where a queued job stands: its place in line (the order the queue claims in) and
// when it should be done, from how fast this server has been. The speed is the median
// processing time per second of audio of the last completed jobs (of the same model
// when there are enough of them); the line is played out over the worker slots, the
// running jobs first with their own time left.
import { db } from "@/lib/db";
import { ACTIVE_STATUSES, type JobStatus } from "@/lib/jobs/status";
import { getSettings } from "@/lib/settings/service";

export type QueuePlace = {
  /** 1 = the next job to start. */
  position: number;
  /** Seconds until it should be done; null until this server has finished a job to learn its speed from. */
  etaSec: number | null;
};

const SAMPLES = 20;
/** Fewer jobs of one model than this, and the speed of all models is used. */
const MIN_MODEL_SAMPLES = 3;

/** Every queued job's place, by id (the line spans every account: the worker serves them in order). */
export async function queuePlaces(): Promise<Map<string, QueuePlace>> {
  const [active, recent, settings] = await Promise.all([
    db.job.findMany({
      where: { status: { in: [...ACTIVE_STATUSES] }, deletedAt: null },
      orderBy: [{ queuedAt: "asc" }, { id: "asc" }],
      select: { id: true, status: true, model: true, durationSec: true, progress: true, etaSec: true },
    }),
    db.job.findMany({
      where: { status: "completed" satisfies JobStatus, processingMs: { gt: 0 }, durationSec: { gt: 0 } },
      orderBy: { finishedAt: "desc" },
      take: SAMPLES * 3,
      select: { model: true, processingMs: true, durationSec: true },
    }),
    getSettings(),
  ]);
  const speed = (model: string): number | null => {
    const ratios = (rows: typeof recent) => rows.slice(0, SAMPLES).map((r) => (r.processingMs ?? 0) / 1000 / (r.durationSec ?? 1));
    const same = recent.filter((r) => r.model === model);
    return median(ratios(same.length >= MIN_MODEL_SAMPLES ? same : recent));
  };
  // Each slot is free after this many seconds; the running jobs hold theirs.
  const slots: (number | null)[] = Array.from({ length: Math.max(1, settings.concurrency) }, () => 0);
  const running = active.filter((j) => j.status === "processing");
  running.forEach((job, i) => {
    const rtf = speed(job.model);
    const left = job.etaSec ?? (rtf !== null && job.durationSec ? job.durationSec * (1 - job.progress) * rtf : null);
    slots[i % slots.length] = left === null ? null : Math.max(0, left) + (slots[i % slots.length] ?? 0);
  });
  const places = new Map<string, QueuePlace>();
  active
    .filter((j) => j.status === "queued")
    .forEach((job, i) => {
      const rtf = speed(job.model);
      // The slot that frees first takes the next job.
      const free = slots.reduce<number>((best, t, k) => ((t ?? Infinity) < (slots[best] ?? Infinity) ? k : best), 0);
      const start = slots[free];
      const own = rtf !== null && job.durationSec ? job.durationSec * rtf : null;
      const done = start === null || own === null ? null : start + own;
      slots[free] = done;
      places.set(job.id, { position: i + 1, etaSec: done === null ? null : Math.round(done) });
    });
  return places;
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
