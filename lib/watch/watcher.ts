// The watch folders' watcher, started and stopped by server.ts: one chokidar watcher
// per enabled folder (polling for network mounts), files handed over only once their
// size has stayed the same for WATCH_STABLE_SEC, imported one at a time; and, after a
// job's outcome is committed and published on the bus, its sidecars written.
import { watch, type FSWatcher } from "chokidar";
import type { Logger } from "pino";
import type { Config } from "@/lib/config";
import { db } from "@/lib/db";
import { bus } from "@/lib/events/bus";
import { syncEnvFolders, WATCH_FOLDERS_CHANGED } from "@/lib/watch/folders";
import { isMediaFile } from "@/lib/watch/files";
import { importWatchedFile, type WatchFolderRow } from "@/lib/watch/import";
import { writeWatchOutputs } from "@/lib/watch/outputs";

const STOP_WAIT_MS = 3_000;

type Watched = { key: string; watcher: FSWatcher };

const folderKey = (f: { path: string; polling: boolean }) => `${f.polling ? "poll" : "native"}:${f.path}`;

export function startWatchFolders(config: Config, logger: Logger): () => Promise<void> {
  const watchers = new Map<string, Watched>();
  let stopped = false;
  // Imports and reconciles run one after another: a copy of a large file at a time,
  // and never two reconciles racing over the same watcher map.
  let chain: Promise<unknown> = Promise.resolve();
  const serial = (work: () => Promise<unknown>) => {
    chain = chain.then(work).catch((error: unknown) => logger.error({ err: error }, "watch folder work failed"));
  };

  const importFile = (folder: WatchFolderRow, file: string) =>
    serial(async () => {
      if (stopped) return;
      const current = await db.watchFolder.findFirst({ where: { id: folder.id, enabled: true }, select: { id: true } });
      if (!current) return;
      const outcome = await importWatchedFile(folder, file);
      if (outcome === "imported") logger.info({ folder: folder.path, file }, "imported a file from a watch folder");
      if (outcome === "failed") logger.warn({ folder: folder.path, file }, "a file in a watch folder could not be imported (see Settings, Watch folders)");
    });

  const open = (folder: WatchFolderRow & { polling: boolean }): FSWatcher => {
    const watcher = watch(folder.path, {
      persistent: true,
      ignoreInitial: false,
      usePolling: folder.polling,
      interval: config.watchPollMs,
      binaryInterval: config.watchPollMs,
      awaitWriteFinish: { stabilityThreshold: config.watchStableMs, pollInterval: Math.min(config.watchPollMs, 250) },
      ignorePermissionErrors: true,
      ignored: (file, stats) => Boolean(stats?.isFile()) && !isMediaFile(file),
    });
    watcher.on("add", (file) => importFile(folder, file));
    watcher.on("change", (file) => importFile(folder, file));
    watcher.on("error", (error) => logger.warn({ err: error, folder: folder.path }, "a watch folder cannot be watched right now"));
    return watcher;
  };

  const reconcile = () =>
    serial(async () => {
      if (stopped) return;
      const folders = await db.watchFolder.findMany({
        where: { enabled: true },
        select: { id: true, userId: true, path: true, model: true, language: true, tags: true, speakers: true, polling: true },
      });
      const wanted = new Map(folders.map((f) => [f.id, f]));
      for (const [id, entry] of watchers) {
        const folder = wanted.get(id);
        if (folder && entry.key === folderKey(folder)) continue;
        watchers.delete(id);
        await entry.watcher.close();
      }
      for (const folder of folders) {
        if (!watchers.has(folder.id)) watchers.set(folder.id, { key: folderKey(folder), watcher: open(folder) });
      }
    });

  // Settings changes come from Next's module graph; the bus is shared through globalThis.
  // A folder's defaults are read at each import, so only its path or mode restarts it.
  const onChanged = () => reconcile();
  bus.signals.on(WATCH_FOLDERS_CHANGED, onChanged);

  const writeOutputs = (jobId: string) =>
    writeWatchOutputs(jobId)
      .then((files) => {
        if (files.length) logger.info({ jobId, files }, "wrote a watch folder's outputs");
      })
      .catch((error: unknown) => logger.warn({ err: error, jobId }, "could not write a watch folder's outputs"));

  // After the queue's commit: the dispatcher publishes the job's state once it is saved.
  // With speakers asked for, the outputs wait until that stage has ended (named turns).
  const unsubscribe = bus.subscribe((event) => {
    if (stopped || event.kind !== "job" || event.job.status !== "completed") return;
    const stage = event.job.speakerStage;
    if (stage && (stage.status === "queued" || stage.status === "running")) return;
    void writeOutputs(event.job.id);
  });

  serial(async () => {
    await syncEnvFolders(config.watchFolders, (message) => logger.warn(message));
    // A claim left by a server that stopped mid-import: the file is seen again below.
    await db.watchedFile.deleteMany({ where: { status: "importing" } });
    // Jobs that completed while the server was down get their outputs now.
    const missed = await db.watchedFile.findMany({
      where: { outputAt: null, outputError: null, jobId: { not: null }, folder: { output: { not: "none" } } },
      select: { jobId: true },
    });
    const jobs = await db.job.findMany({
      where: {
        id: { in: missed.map((m) => m.jobId ?? "") },
        status: "completed",
        deletedAt: null,
        OR: [{ speakerRun: null }, { speakerRun: { status: { in: ["completed", "failed"] } } }],
      },
      select: { id: true },
    });
    for (const job of jobs) await writeOutputs(job.id);
  });
  reconcile();

  return async () => {
    stopped = true;
    bus.signals.off(WATCH_FOLDERS_CHANGED, onChanged);
    unsubscribe();
    // A copy under way may take long (a large file): waited for briefly, then left. Its
    // part file and its claim are cleared at the next start, which imports it again.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([chain, new Promise((resolve) => (timer = setTimeout(resolve, STOP_WAIT_MS)))]);
    clearTimeout(timer);
    await Promise.all([...watchers.values()].map((w) => w.watcher.close()));
    watchers.clear();
  };
}
