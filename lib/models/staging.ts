// The on-disk side of a pull: the `.partial-<name>` staging folder, a lock so two
// pulls of one model never write the same files, and the final move into place.
import fs from "node:fs/promises";
import path from "node:path";
import { SeleniteError } from "../errors";
import { folderSize, isDirectory } from "./inspect";
import { PARTIAL_PREFIX } from "./names";

const MANIFEST = ".pull.json";

type Source = { repo: string; revision: string };

/**
 * Takes `.pull-<name>.lock` in modelsDir (a dot-file, so scans ignore it). A lock
 * left by a process that no longer runs is taken over; a live one means another
 * pull of the same model is running, which would corrupt the shared .part files.
 */
export async function acquireLock(modelsDir: string, name: string): Promise<() => Promise<void>> {
  const lockFile = path.join(modelsDir, `.pull-${name}.lock`);
  try {
    await fs.writeFile(lockFile, String(process.pid), { flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    const pid = Number(await fs.readFile(lockFile, "utf8").catch(() => ""));
    if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
      throw new SeleniteError("conflict", `Model '${name}' is already being downloaded (process ${pid}).`);
    }
    await fs.writeFile(lockFile, String(process.pid));
  }
  return () => fs.rm(lockFile, { force: true });
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Prepares the staging folder for `source` and keeps what an earlier, interrupted
 * pull of the same repo and revision left there. Anything from another source is
 * wiped: resuming bytes of a different file would corrupt it.
 */
export async function openStaging(dir: string, source: Source): Promise<void> {
  const manifest = path.join(dir, MANIFEST);
  const previous = await fs.readFile(manifest, "utf8").then(
    (text) => JSON.parse(text) as Partial<Source>,
    () => undefined,
  );
  if (previous && (previous.repo !== source.repo || previous.revision !== source.revision)) {
    await fs.rm(dir, { recursive: true, force: true });
  } else if (!previous && (await isDirectory(dir))) {
    await fs.rm(dir, { recursive: true, force: true });
  }
  await fs.mkdir(path.join(dir, "onnx"), { recursive: true });
  await fs.writeFile(manifest, JSON.stringify(source));
}

/**
 * Drops a staging folder that holds no weights yet (only the small JSON files, or
 * nothing): not worth resuming, and `list` should not report it as unfinished.
 */
export async function discardIfNoWeights(dir: string): Promise<void> {
  if ((await folderSize(path.join(dir, "onnx"))) === 0) await fs.rm(dir, { recursive: true, force: true });
}

/** Deletes staged files that this pull will not use (e.g. another dtype's weights). */
export async function removeStrays(dir: string, keep: readonly string[], sub = ""): Promise<void> {
  const wanted = new Set(keep.flatMap((file) => [file, `${file}.part`]));
  for (const entry of await fs.readdir(path.join(dir, sub), { withFileTypes: true })) {
    const rel = sub ? `${sub}/${entry.name}` : entry.name;
    if (entry.isDirectory()) await removeStrays(dir, keep, rel);
    else if (rel !== MANIFEST && !wanted.has(rel)) await fs.rm(path.join(dir, rel), { force: true });
  }
}

/**
 * Moves the verified staging folder to `finalDir` with rename(2), so a model folder
 * is never seen half-written. With `replace`, an existing folder is first renamed
 * aside (a dot-name scans ignore) and deleted only after the swap succeeded.
 */
export async function installStaged(dir: string, finalDir: string, replace: boolean): Promise<void> {
  await fs.rm(path.join(dir, MANIFEST), { force: true });
  const exists = await fs.lstat(finalDir).then(() => true, () => false);
  if (exists && !replace) throw alreadyInstalled(path.basename(finalDir), finalDir);
  const aside = path.join(path.dirname(finalDir), `.replaced-${path.basename(finalDir)}-${process.pid}`);
  if (exists) await fs.rename(finalDir, aside);
  try {
    await fs.rename(dir, finalDir);
  } catch (error) {
    if (exists) await fs.rename(aside, finalDir).catch(() => undefined);
    throw error;
  }
  if (exists) await fs.rm(aside, { recursive: true, force: true });
}

export function alreadyInstalled(name: string, dir: string): SeleniteError {
  return new SeleniteError(
    "conflict",
    `Model '${name}' is already installed in ${dir}. Add --force to download it again and replace it.`,
  );
}

export type PartialDownload = { name: string; path: string; sizeBytes: number };

/** Unfinished pulls in modelsDir, so `list` can say they exist and can be resumed. */
export async function listPartialDownloads(modelsDir: string): Promise<PartialDownload[]> {
  const root = path.resolve(modelsDir);
  const entries = await fs.readdir(root, { withFileTypes: true }).catch(() => []);
  const partials: PartialDownload[] = [];
  for (const entry of entries) {
    if (!entry.isDirectory() || !entry.name.startsWith(PARTIAL_PREFIX)) continue;
    const dir = path.join(root, entry.name);
    partials.push({ name: entry.name.slice(PARTIAL_PREFIX.length), path: dir, sizeBytes: await folderSize(dir) });
  }
  return partials.sort((a, b) => a.name.localeCompare(b.name));
}
