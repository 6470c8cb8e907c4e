// `pull`: fetch a Whisper model (or a speaker model, lib/models/speakers.ts) from a host with the Hugging Face hub's URL layout
// (`<host>/<owner>/<repo>/resolve/<revision>/<file>`) into MODELS_DIR. Files are
// staged in `.partial-<name>/` (resumable with HTTP Range after a drop or a Ctrl-C),
// the folder is checked exactly like the scanner checks models, and only then is it
// renamed into place, so MODELS_DIR never holds a half-downloaded model.
import fs from "node:fs/promises";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { SeleniteError } from "../errors";
import { filesToPull, resolvePullTarget } from "./catalog";
import { isDtype, isRecord, type Dtype } from "./dtypes";
import { MissingOnHostError, fetchToFile, isDiskError, probeSize } from "./http";
import { inspectModelFolder } from "./inspect";
import { partialDirName } from "./names";
import { diskError, missingMessage } from "./pull-errors";
import { inspectSpeakerFolder, speakerFilesToPull, speakerRoleOf, SPEAKER_DTYPES, type InstalledSpeakerModel } from "./speakers";
import { acquireLock, alreadyInstalled, discardIfNoWeights, installStaged, openStaging, removeStrays } from "./staging";
import type { InstalledModel } from "./types";

export { listPartialDownloads } from "./staging";

export type PullProgress = {
  file: string;
  fileIndex: number;
  fileCount: number;
  fileBytes: number;
  fileSize: number | undefined;
  /** Bytes of the whole model on disk so far, including files resumed or skipped. */
  bytesDone: number;
  /** Size of the whole model; undefined when the host did not tell every file's size. */
  bytesTotal: number | undefined;
};

export type PullOptions = {
  /** Catalogue name (`whisper-base`) or `owner/repo`. */
  name: string;
  modelsDir: string;
  /** e.g. https://huggingface.co */
  host: string;
  revision?: string;
  /** Defaults to the catalogue entry's default (see catalog.ts). */
  dtype?: Dtype;
  /** Replace an installed model of the same name. */
  force?: boolean;
  onProgress?: (progress: PullProgress) => void;
  signal?: AbortSignal;
  /** Extra attempts per file after a network failure; each resumes where it stopped. */
  retries?: number;
  retryDelayMs?: number;
  idleTimeoutMs?: number;
};

export type PullResult = { model: InstalledModel | InstalledSpeakerModel; repo: string; dtype: Dtype };

export async function pullModel(options: PullOptions): Promise<PullResult> {
  const target = resolvePullTarget(options.name);
  const dtype = options.dtype ?? target.defaultDtype;
  const revision = options.revision ?? "main";
  if (!isDtype(dtype)) throw new SeleniteError("bad_request", `Unknown dtype '${String(dtype)}'.`);
  if (target.kind === "speakers" && !(SPEAKER_DTYPES as readonly Dtype[]).includes(dtype)) {
    throw new SeleniteError("bad_request", `${target.name} comes in ${SPEAKER_DTYPES.join(" and ")}; pull it without --dtype or with one of those.`);
  }
  if (!/^[A-Za-z0-9._/-]+$/.test(revision) || revision.includes("..")) {
    throw new SeleniteError("bad_request", `'${revision}' is not a valid revision (a branch, tag or commit).`);
  }
  const modelsDir = path.resolve(options.modelsDir);
  const finalDir = path.join(modelsDir, target.name);
  if (!options.force && (await fs.lstat(finalDir).then(() => true, () => false))) {
    throw alreadyInstalled(target.name, finalDir);
  }

  const host = options.host.replace(/\/+$/, "");
  const base = `${host}/${target.repo}/resolve/${encodeURIComponent(revision)}/`;
  const staging = path.join(modelsDir, partialDirName(target.name));
  const retry = { retries: options.retries ?? 3, delayMs: options.retryDelayMs ?? 2000, signal: options.signal };
  const missing = (file: string) => missingMessage(host, target.repo, revision, dtype, file);

  let release: (() => Promise<void>) | undefined;
  try {
    await fs.mkdir(modelsDir, { recursive: true });
    release = await acquireLock(modelsDir, target.name);
    await openStaging(staging, { repo: target.repo, revision });

    const download = (file: string, index: number, files: string[], size?: number, done = 0, total?: number) =>
      withRetries(retry, () =>
        fetchToFile({
          url: base + file,
          dest: path.join(staging, file),
          expectedSize: size,
          signal: options.signal,
          idleTimeoutMs: options.idleTimeoutMs ?? 60_000,
          onBytes: (fileBytes, fileSize) =>
            options.onProgress?.({
              file,
              fileIndex: index,
              fileCount: files.length,
              fileBytes,
              fileSize,
              bytesDone: done + fileBytes,
              bytesTotal: total,
            }),
        }),
      ).catch((error: unknown) => {
        throw error instanceof MissingOnHostError ? new SeleniteError("not_found", missing(file)) : error;
      });

    // config.json decides the rest: is it Whisper, and which external-data files exist.
    const configPath = path.join(staging, "config.json");
    if (!(await exists(configPath))) await download("config.json", 0, ["config.json"]);
    const config = await readConfig(configPath, target.repo, target.kind);
    const files = target.kind === "speakers" ? speakerFilesToPull(dtype) : filesToPull(config, dtype);
    await removeStrays(staging, files);

    // Sizes up front: a wrong --dtype fails in a second, not after a gigabyte, and the
    // progress bar can show the whole model.
    const sizes = await Promise.all(
      files.map(async (file) => {
        const local = await fs.stat(path.join(staging, file)).then((s) => s.size, () => undefined);
        if (local !== undefined) return local;
        return withRetries(retry, () => probeSize(base + file, options.signal)).catch((error: unknown) => {
          throw error instanceof MissingOnHostError ? new SeleniteError("not_found", missing(file)) : error;
        });
      }),
    );
    const total = sizes.every((s) => s !== undefined) ? sizes.reduce<number>((a, s) => a + (s ?? 0), 0) : undefined;

    let done = 0;
    for (const [index, file] of files.entries()) {
      const dest = path.join(staging, file);
      if (!(await exists(dest))) await download(file, index, files, sizes[index], done, total);
      done += await fs.stat(dest).then((s) => s.size);
    }

    const inspect = async (dir: string) => {
      if (target.kind === "whisper") {
        const result = await inspectModelFolder(dir, target.name);
        return result.ok ? { model: result.model as InstalledModel | InstalledSpeakerModel } : { reason: result.broken.reason };
      }
      const result = await inspectSpeakerFolder(dir, target.name);
      return result.ok ? { model: result.model } : { reason: result.reason };
    };
    const check = await inspect(staging);
    if (!check.model || !check.model.dtypes.includes(dtype)) {
      await fs.rm(staging, { recursive: true, force: true });
      const reason = check.model ? `no complete ${dtype} weights` : check.reason;
      throw new SeleniteError("unprocessable", `The files from ${target.repo} do not make a usable model: ${reason}.`);
    }
    await installStaged(staging, finalDir, options.force ?? false);
    const installed = await inspect(finalDir);
    if (!installed.model) throw new SeleniteError("internal", installed.reason);
    return { model: installed.model, repo: target.repo, dtype };
  } catch (error) {
    if (release) await discardIfNoWeights(staging).catch(() => undefined);
    throw isDiskError(error) ? diskError(error, modelsDir) : error;
  } finally {
    await release?.();
  }
}

async function withRetries<T>(
  policy: { retries: number; delayMs: number; signal?: AbortSignal },
  attempt: () => Promise<T>,
): Promise<T> {
  for (let failures = 0; ; failures++) {
    try {
      return await attempt();
    } catch (error) {
      // Only network trouble is worth another try; each retry resumes the .part file.
      const transient = error instanceof SeleniteError && error.code === "unavailable";
      if (!transient || failures >= policy.retries || policy.signal?.aborted) throw error;
      await sleep(policy.delayMs * 2 ** failures, undefined, { signal: policy.signal }).catch(() => {
        throw new SeleniteError("cancelled", "The download was cancelled.");
      });
    }
  }
}

async function readConfig(file: string, repo: string, kind: "whisper" | "speakers"): Promise<Record<string, unknown>> {
  let config: unknown;
  try {
    config = JSON.parse(await fs.readFile(file, "utf8"));
  } catch {
    await fs.rm(file, { force: true });
    throw new SeleniteError("unprocessable", `${repo} has a config.json that is not valid JSON.`);
  }
  const type = isRecord(config) ? config.model_type : undefined;
  if (kind === "speakers") {
    if (isRecord(config) && speakerRoleOf(config)) return config;
    throw new SeleniteError("unprocessable", `${repo} is not a speaker model (config.json says model_type '${String(type)}').`);
  }
  if (!isRecord(config) || type !== "whisper") {
    throw new SeleniteError("unprocessable", `${repo} is not a Whisper model (config.json says model_type '${String(type)}').`);
  }
  return config;
}

async function exists(file: string): Promise<boolean> {
  return fs.stat(file).then(() => true, () => false);
}
