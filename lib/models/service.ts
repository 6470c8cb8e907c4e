// The one way models are downloaded and deleted: `npm run models`, the Models page's
// server actions and the REST routes all call these. A download started from the web
// runs in the server process in the background and reports on the event stream; the
// bytes go through pullModel (download.ts), so a cancelled or interrupted download
// leaves its `.partial-<name>` folder and the next start resumes it, restarts included.
// No "server-only": the CLI imports it.
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { getConfig } from "../config";
import { SeleniteError } from "../errors";
import { bus, type ModelDownloadPayload } from "../events/bus";
import { ACTIVE_STATUSES } from "../jobs/status";
import { CATALOG, OFFERED_DTYPES, estimatedRamMB, estimatedSizeMB, languageCount, recommendModel, resolvePullTarget } from "./catalog";
import { pullModel, type PullOptions, type PullResult } from "./download";
import type { Dtype } from "./dtypes";
import { assertValidModelName, partialDirName } from "./names";
import { scanModels } from "./registry";
import { inspectSpeakerFolder, SPEAKER_CATALOG, SPEAKER_DEFAULT_DTYPE, SPEAKER_DTYPES } from "./speakers";
import { listPartialDownloads } from "./staging";

export type { ModelDownloadPayload } from "../events/bus";

/** A pull in the foreground with the configured folder and host: the CLI's path, and the background one's. */
export function downloadModel(options: Omit<PullOptions, "modelsDir" | "host">): Promise<PullResult> {
  const config = getConfig();
  return pullModel({ modelsDir: config.modelsDir, host: config.modelHost, ...options });
}

/**
 * Who asks: a signed-in account (only the owner may change models), or the CLI, whose
 * user already has a shell on the server.
 */
export type ModelActor = { userId: string } | "cli";

async function assertMayChangeModels(actor: ModelActor, what: string): Promise<void> {
  if (actor === "cli") return;
  // Imported here so `npm run models -- list` does not open the database.
  const { requireOwner } = await import("../auth/owner");
  await requireOwner(actor.userId, what);
}

type Running = { state: ModelDownloadPayload; controller?: AbortController; done?: Promise<void> };

// On globalThis: the custom server and Next's route handlers are two module graphs in one process.
const store = globalThis as unknown as { seleniteModelDownloads?: Map<string, Running> };
const downloads: Map<string, Running> = (store.seleniteModelDownloads ??= new Map());

const PUBLISH_EVERY_MS = 250;

/**
 * Starts downloading `name` in the background and returns its first state; progress,
 * then "installed", "failed" or "cancelled", arrive as `model` events for `userId`.
 */
export async function startModelDownload(actor: { userId: string }, input: { name: string; dtype?: Dtype }): Promise<ModelDownloadPayload> {
  await assertMayChangeModels(actor, "download models");
  const userId = actor.userId;
  const target = resolvePullTarget(input.name);
  const dtype = input.dtype ?? target.defaultDtype;
  if (downloads.get(target.name)?.controller) {
    throw new SeleniteError("conflict", `${target.name} is already downloading. Wait for it, or cancel it first.`);
  }
  const finalDir = path.join(getConfig().modelsDir, target.name);
  if (await fs.lstat(finalDir).then(() => true, () => false)) {
    throw new SeleniteError("conflict", `${target.name} is already installed. Delete it first to download it again.`);
  }

  const controller = new AbortController();
  const running: Running = { controller, state: stateOf(target.name, dtype, "downloading") };
  downloads.set(target.name, running);
  const publish = () => bus.publish({ kind: "model", userId, download: running.state });
  const samples: Array<{ t: number; bytes: number }> = [];
  let lastPublish = 0;

  running.done = downloadModel({
    name: target.name,
    dtype,
    signal: controller.signal,
    onProgress: (p) => {
      const now = Date.now();
      samples.push({ t: now, bytes: p.bytesDone });
      while (samples.length > 2 && now - samples[0].t > 5000) samples.shift();
      const span = (now - samples[0].t) / 1000;
      running.state = {
        ...running.state,
        bytesDone: p.bytesDone,
        bytesTotal: p.bytesTotal ?? null,
        bytesPerSec: span > 0.5 ? Math.round((p.bytesDone - samples[0].bytes) / span) : running.state.bytesPerSec,
        updatedAt: new Date(now).toISOString(),
      };
      if (now - lastPublish >= PUBLISH_EVERY_MS) {
        lastPublish = now;
        publish();
      }
    },
  }).then(
    (result) => {
      downloads.delete(target.name);
      running.state = { ...running.state, status: "installed", bytesDone: result.model.sizeBytes, bytesTotal: result.model.sizeBytes, updatedAt: now() };
      publish();
    },
    (error: unknown) => {
      const cancelled = controller.signal.aborted;
      const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
      running.state = { ...running.state, status: cancelled ? "cancelled" : "failed", error: cancelled ? null : message, updatedAt: now() };
      // Kept without a controller, so the page can show why it stopped until the next start.
      delete running.controller;
      publish();
    },
  );
  publish();
  return running.state;
}

/** Stops a running download; what it fetched stays, and the next download of it resumes there. */
export async function cancelModelDownload(actor: ModelActor, name: string): Promise<void> {
  await assertMayChangeModels(actor, "cancel model downloads");
  assertValidModelName(name);
  const running = downloads.get(name);
  if (!running?.controller) throw new SeleniteError("not_found", `${name} is not downloading.`);
  running.controller.abort();
  await running.done;
}

/**
 * Deletes an installed model and any unfinished download of it. Refused while a
 * download of it runs, or while a queued or processing job will use it.
 */
export async function deleteModel(actor: ModelActor, name: string): Promise<void> {
  await assertMayChangeModels(actor, "delete models");
  assertValidModelName(name);
  if (downloads.get(name)?.controller) throw new SeleniteError("conflict", `${name} is downloading. Cancel the download first.`);
  const speakerModel = SPEAKER_CATALOG.some((entry) => entry.name === name);
  const users = speakerModel ? await runningSpeakerStages() : await activeJobsUsing(name);
  if (users > 0) {
    const what = speakerModel ? `speaker stage${users === 1 ? "" : "s"} running now` : `queued or processing job${users === 1 ? "" : "s"}`;
    throw new SeleniteError(
      "conflict",
      `${name} is in use by ${users} ${what}. Wait for ${users === 1 ? "it" : "them"} to finish or cancel ${users === 1 ? "it" : "them"}, then delete the model.`,
    );
  }
  const modelsDir = getConfig().modelsDir;
  let removed = false;
  for (const folder of [name, partialDirName(name)]) {
    const dir = path.join(modelsDir, folder);
    if (!(await fs.lstat(dir).then(() => true, () => false))) continue;
    // Renamed aside first, so a scan never sees a half-deleted model.
    const aside = path.join(modelsDir, `.deleting-${folder.replace(/^\./, "")}-${process.pid}`);
    await fs.rename(dir, aside);
    await fs.rm(aside, { recursive: true, force: true });
    removed = true;
  }
  downloads.delete(name);
  if (!removed) throw new SeleniteError("not_found", `Model '${name}' is not installed.`);
}

/** Speaker stages running now, which may have the speaker models loaded. */
async function runningSpeakerStages(): Promise<number> {
  if (!(await fs.stat(getConfig().databaseFile).then(() => true, () => false))) return 0;
  const { db } = await import("../db");
  return db.speakerRun.count({ where: { status: "running" } });
}

/** Queued or processing jobs that will load `name`. No database yet (a CLI run before the first start) means none. */
async function activeJobsUsing(name: string): Promise<number> {
  if (!(await fs.stat(getConfig().databaseFile).then(() => true, () => false))) return 0;
  const { db } = await import("../db");
  return db.job.count({ where: { model: name, status: { in: [...ACTIVE_STATUSES] } } });
}

export type CatalogModel = {
  /** Whisper models transcribe; the two speaker models serve the neural speaker stage (lib/models/speakers.ts). */
  kind: "whisper" | "speakers";
  /** Speaker models: what the model does, and its licence. */
  role?: { what: string; license: string };
  name: string;
  repo: string;
  languages: number;
  wordTimestamps: boolean;
  defaultDtype: Dtype;
  /** Estimated download size (MB) and memory to run it (MB) per offered precision. */
  dtypes: Array<{ dtype: Dtype; sizeMB: number; ramMB: number }>;
  /** Estimated multiple of real time on a 4-core CPU; see catalog.ts. */
  speedX: number;
  installed: { dtypes: Dtype[]; sizeBytes: number } | null;
  /** Bytes of an unfinished download waiting to be resumed. */
  partialBytes: number | null;
  download: ModelDownloadPayload | null;
};

export type ModelCatalog = {
  models: CatalogModel[];
  machine: { totalMemMB: number; cores: number };
  recommended: string;
};

/** Every model `models pull` knows, with what is installed, unfinished or downloading now. */
export async function modelCatalog(): Promise<ModelCatalog> {
  const modelsDir = getConfig().modelsDir;
  const [{ models }, partials] = await Promise.all([scanModels(modelsDir), listPartialDownloads(modelsDir)]);
  const machine = { totalMemMB: Math.round(os.totalmem() / 2 ** 20), cores: os.availableParallelism() };
  return {
    machine,
    recommended: recommendModel(machine).name,
    models: [
      ...CATALOG.map((entry): CatalogModel => {
        const installed = models.find((m) => m.name === entry.name);
        const partial = partials.find((p) => p.name === entry.name);
        return {
          kind: "whisper",
          name: entry.name,
        repo: entry.repo,
        languages: languageCount(entry),
        wordTimestamps: entry.wordTimestamps,
        defaultDtype: entry.defaultDtype,
        dtypes: OFFERED_DTYPES.map((dtype) => ({ dtype, sizeMB: estimatedSizeMB(entry, dtype), ramMB: estimatedRamMB(entry, dtype) })),
        speedX: entry.speedX,
        installed: installed ? { dtypes: installed.dtypes, sizeBytes: installed.sizeBytes } : null,
        partialBytes: partial ? partial.sizeBytes : null,
          download: downloads.get(entry.name)?.state ?? null,
        };
      }),
      ...(await speakerCatalog(modelsDir, partials)),
    ],
  };
}

const SPEAKER_ROLE_WORDS = { segmentation: "Who speaks when (speaker segmentation)", embedding: "Voice fingerprints (speaker embedding)" } as const;

/** The speaker models as catalogue cards: installed when their folder passes the stage's own check. */
async function speakerCatalog(modelsDir: string, partials: { name: string; sizeBytes: number }[]): Promise<CatalogModel[]> {
  return Promise.all(
    SPEAKER_CATALOG.map(async (entry): Promise<CatalogModel> => {
      const inspected = await inspectSpeakerFolder(path.join(modelsDir, entry.name), entry.name);
      const partial = partials.find((p) => p.name === entry.name);
      return {
        kind: "speakers",
        role: { what: SPEAKER_ROLE_WORDS[entry.role], license: entry.license },
        name: entry.name,
        repo: entry.repo,
        languages: 0,
        wordTimestamps: false,
        defaultDtype: SPEAKER_DEFAULT_DTYPE,
        // The int8 file is about a quarter of the fp32 one; either runs in about three times its size.
        dtypes: SPEAKER_DTYPES.map((dtype) => {
          const sizeMB = dtype === "fp32" ? entry.approxMB : Math.ceil(entry.approxMB / 4);
          return { dtype, sizeMB, ramMB: sizeMB * 3 + 50 };
        }),
        speedX: 0,
        installed: inspected.ok ? { dtypes: inspected.model.dtypes, sizeBytes: inspected.model.sizeBytes } : null,
        partialBytes: partial ? partial.sizeBytes : null,
        download: downloads.get(entry.name)?.state ?? null,
      };
    }),
  );
}

/** The one model to offer a new install (the dashboard's "Download a model now"). */
export async function modelSuggestion(): Promise<{
  name: string;
  sizeMB: number;
  ramMB: number;
  languages: number;
  machine: ModelCatalog["machine"];
  downloading: boolean;
}> {
  const catalog = await modelCatalog();
  const model = catalog.models.find((m) => m.name === catalog.recommended)!;
  const size = model.dtypes.find((d) => d.dtype === model.defaultDtype) ?? model.dtypes[0];
  return {
    name: model.name,
    sizeMB: size.sizeMB,
    ramMB: size.ramMB,
    languages: model.languages,
    machine: catalog.machine,
    downloading: model.download?.status === "downloading",
  };
}

function stateOf(name: string, dtype: Dtype, status: ModelDownloadPayload["status"]): ModelDownloadPayload {
  return { name, dtype, status, bytesDone: 0, bytesTotal: null, bytesPerSec: null, error: null, updatedAt: now() };
}

function now(): string {
  return new Date().toISOString();
}
