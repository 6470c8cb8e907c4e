// No "server-only": server.ts starts the watcher (lib/watch/watcher.ts) outside Next.
// Watch folders as a person manages them (Settings, REST) and as WATCH_FOLDERS brings
// them: checked when added (an existing readable folder, outside Selenite's storage),
// owned by the server's owner, who alone may point Selenite at a server path.
import fs from "node:fs/promises";
import path from "node:path";
import { getConfig, type WatchFolderSpec } from "@/lib/config";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { SeleniteError } from "@/lib/errors";
import { bus } from "@/lib/events/bus";
import { requireOwner } from "@/lib/auth/owner";
import { resolveModel } from "@/lib/models/registry";
import { watchFolderInputSchema, type WatchFolderInput } from "@/lib/validation/watch";

/** Tells the watcher (started by server.ts) to look at the folders again. */
export const WATCH_FOLDERS_CHANGED = "watch-folders-changed";

const RECENT_FILES = 10;

export type WatchedFileView = {
  id: string;
  name: string;
  status: "importing" | "imported" | "failed";
  error: string | null;
  jobId: string | null;
  importedAt: string;
  outputAt: string | null;
  outputError: string | null;
};

export type WatchFolderView = {
  id: string;
  path: string;
  model: string | null;
  language: string | null;
  tags: string[];
  speakers: string;
  output: string;
  outputDir: string | null;
  outputFormats: string[];
  polling: boolean;
  enabled: boolean;
  source: string;
  createdAt: string;
  recent: WatchedFileView[];
};

const folderSelect = {
  id: true,
  path: true,
  model: true,
  language: true,
  tags: true,
  speakers: true,
  output: true,
  outputDir: true,
  outputFormats: true,
  polling: true,
  enabled: true,
  source: true,
  createdAt: true,
  files: {
    orderBy: [{ importedAt: "desc" as const }, { id: "desc" as const }],
    take: RECENT_FILES,
    select: { id: true, path: true, status: true, error: true, jobId: true, importedAt: true, outputAt: true, outputError: true },
  },
} satisfies Prisma.WatchFolderSelect;

export function parseList(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
  } catch {
    return [];
  }
}

type FolderRow = Awaited<ReturnType<typeof findFolders>>[number];
const findFolders = (userId: string) => db.watchFolder.findMany({ where: { userId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: folderSelect });

function toView(row: FolderRow): WatchFolderView {
  return {
    ...row,
    tags: parseList(row.tags),
    outputFormats: parseList(row.outputFormats),
    createdAt: row.createdAt.toISOString(),
    recent: row.files.map((f) => ({
      id: f.id,
      name: path.basename(f.path),
      status: f.status === "imported" || f.status === "importing" ? f.status : "failed",
      error: f.error,
      jobId: f.jobId,
      importedAt: f.importedAt.toISOString(),
      outputAt: f.outputAt?.toISOString() ?? null,
      outputError: f.outputError,
    })),
  };
}

export async function listWatchFolders(userId: string): Promise<WatchFolderView[]> {
  return (await findFolders(userId)).map(toView);
}

/** Refuses, with what to do, a path that is not an existing folder this server can read (or, for outputs, write). */
async function assertFolder(dir: string, what: string, mode: number): Promise<void> {
  const stat = await fs.stat(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT")
      throw new SeleniteError("unprocessable", `${what} ${dir} does not exist on the server. Create it or check the path, then add it again.`);
    if (error.code === "EACCES")
      throw new SeleniteError("unprocessable", `${what} ${dir} cannot be read by the user Selenite runs as. Give it read access, then add it again.`);
    throw new SeleniteError("unprocessable", `${what} ${dir} cannot be opened (${error.code ?? error.message}).`);
  });
  if (!stat.isDirectory()) throw new SeleniteError("unprocessable", `${what} ${dir} is a file, not a folder. Give the folder that holds the recordings.`);
  await fs.access(dir, mode).catch(() => {
    const access = mode & fs.constants.W_OK ? "write to" : "read";
    throw new SeleniteError("unprocessable", `${what} ${dir} exists but Selenite cannot ${access} it. Change its permissions for the user Selenite runs as.`);
  });
}

function inside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
}

/** A folder's settings as stored, after every check; throws a SeleniteError a person can act on. */
async function checkedFolder(input: WatchFolderInput) {
  if (!path.isAbsolute(input.path))
    throw new SeleniteError("unprocessable", `Give the folder as an absolute path on the server (such as /srv/media/inbox), not "${input.path}".`);
  const dir = path.resolve(input.path);
  const { storageDir } = getConfig();
  if (inside(dir, storageDir) || inside(storageDir, dir)) {
    throw new SeleniteError("unprocessable", `${dir} holds or is inside Selenite's own storage (${storageDir}). Watch a folder of your recordings instead.`);
  }
  await assertFolder(dir, "The folder", fs.constants.R_OK | fs.constants.X_OK);
  const output = input.output ?? "none";
  const outputDir = output === "folder" && input.outputDir ? path.resolve(input.outputDir) : null;
  if (outputDir) await assertFolder(outputDir, "The output folder", fs.constants.W_OK | fs.constants.X_OK);
  if (input.model) await resolveModel(getConfig().modelsDir, input.model);
  return {
    path: dir,
    model: input.model ?? null,
    language: input.language ?? null,
    tags: JSON.stringify(input.tags ?? []),
    speakers: input.speakers ?? "off",
    output,
    outputDir,
    outputFormats: JSON.stringify(input.outputFormats ?? ["srt"]),
    polling: input.polling ?? false,
  };
}

export async function addWatchFolder(userId: string, input: WatchFolderInput): Promise<WatchFolderView> {
  await requireOwner(userId, "add watch folders");
  const data = await checkedFolder(input);
  const existing = await db.watchFolder.findUnique({ where: { userId_path: { userId, path: data.path } }, select: { id: true } });
  if (existing) throw new SeleniteError("conflict", `${data.path} is already a watch folder. Remove it first to change its settings.`);
  const row = await db.watchFolder.create({ data: { ...data, userId }, select: folderSelect });
  bus.signals.emit(WATCH_FOLDERS_CHANGED);
  return toView(row);
}

async function ownFolder(userId: string, id: string) {
  const row = await db.watchFolder.findFirst({ where: { id, userId }, select: { id: true, source: true } });
  if (!row) throw new SeleniteError("not_found", "That watch folder does not exist (it may have been removed already).");
  return row;
}

/** Stops watching; the jobs it made stay. */
export async function removeWatchFolder(userId: string, id: string): Promise<void> {
  await ownFolder(userId, id);
  await db.watchFolder.delete({ where: { id } });
  bus.signals.emit(WATCH_FOLDERS_CHANGED);
}

export async function setWatchFolderEnabled(userId: string, id: string, enabled: boolean): Promise<void> {
  await ownFolder(userId, id);
  await db.watchFolder.update({ where: { id }, data: { enabled } });
  bus.signals.emit(WATCH_FOLDERS_CHANGED);
}

/**
 * WATCH_FOLDERS at start: each folder becomes (or stays) one of the owner's, with the
 * options the variable gives; a folder the variable no longer names is dropped (one that fails its checks is kept). A bad
 * entry is logged with its reason and the others still start.
 */
export async function syncEnvFolders(specs: WatchFolderSpec[], warn: (message: string) => void): Promise<void> {
  const owner = await db.user.findFirst({ orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { id: true } });
  if (!owner) {
    if (specs.length) warn("WATCH_FOLDERS is set but there is no account yet: the folders are watched once the owner account exists (restart after setup).");
    return;
  }
  const kept: string[] = [];
  for (const spec of specs) {
    // Kept even when it fails its checks now (a mount not up yet): its history stays.
    kept.push(spec.path);
    const parsed = watchFolderInputSchema.safeParse({ path: spec.path, ...spec.options, outputFormats: spec.options.formats });
    if (!parsed.success) {
      warn(`WATCH_FOLDERS: ${spec.path} is skipped: ${parsed.error.issues.map((i) => i.message).join(" ")}`);
      continue;
    }
    try {
      const data = await checkedFolder(parsed.data);
      await db.watchFolder.upsert({
        where: { userId_path: { userId: owner.id, path: data.path } },
        create: { ...data, userId: owner.id, source: "env" },
        update: { ...data, source: "env" },
      });
    } catch (error) {
      warn(`WATCH_FOLDERS: ${spec.path} is skipped: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  await db.watchFolder.deleteMany({ where: { source: "env", path: { notIn: kept } } });
}
