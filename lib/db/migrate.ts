// Brings the database file up to date before anything else opens it: applies the
// committed migrations with Prisma's own `migrate deploy` (JS schema engine, no
// download) and switches the file to WAL so the web side and the worker can read
// while the other writes. No "server-only": server.ts runs this before Next starts.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import type { DatabaseVariable } from "@/lib/config";

const root = path.resolve(import.meta.dirname, "..", "..");

/** The database file cannot be used; the message is one line for a person. */
export class DatabaseFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DatabaseFileError";
  }
}

export async function migrateDatabase(databaseFile: string, variable: DatabaseVariable = "DATABASE_URL"): Promise<void> {
  checkDatabaseFile(databaseFile, variable);
  await runPrisma(["migrate", "deploy"], { DATABASE_URL: `file:${databaseFile}` });
  const sqlite = new Database(databaseFile);
  try {
    sqlite.pragma("journal_mode = WAL");
  } finally {
    sqlite.close();
  }
}

/**
 * Makes sure the file can be created (folders included), written and read as SQLite
 * before Prisma sees it: Prisma's own failure is a dozen lines naming its schema.
 */
function checkDatabaseFile(file: string, variable: DatabaseVariable): void {
  const where = variable === "DATABASE_URL" ? `DATABASE_URL points at ${file}` : `STORAGE_DIR puts the database at ${file}`;
  const fix =
    variable === "DATABASE_URL" ? "Set DATABASE_URL to a writable file." : "Set STORAGE_DIR to a writable folder (or DATABASE_URL to a writable file).";
  try {
    makeFolders(path.dirname(file));
    if (fs.statSync(file, { throwIfNoEntry: false })?.isDirectory()) throw new DatabaseFileError(`${where}, which is a folder, not a file. ${fix}`);
    fs.closeSync(fs.openSync(file, "a"));
    // SQLite writes its -wal and -shm files beside the database.
    fs.accessSync(path.dirname(file), fs.constants.W_OK);
  } catch (error) {
    if (error instanceof DatabaseFileError) throw error;
    throw new DatabaseFileError(`${where}, which cannot be created: ${reasonOf(error)}. ${fix}`);
  }
  let sqlite: Database.Database | undefined;
  try {
    sqlite = new Database(file, { fileMustExist: true });
    sqlite.pragma("schema_version");
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "SQLITE_NOTADB" || code === "SQLITE_CORRUPT") {
      throw new DatabaseFileError(
        `${where}, which is not a SQLite database (it holds something else). Set ${variable} to a new file or to Selenite's database.`,
      );
    }
    throw new DatabaseFileError(`${where}, which cannot be opened: ${(error as Error).message}. ${fix}`);
  } finally {
    sqlite?.close();
  }
}

/** mkdir -p one level at a time (recursive mkdirSync can spin forever under /proc). */
function makeFolders(dir: string): void {
  const missing: string[] = [];
  let current = dir;
  for (;;) {
    const stat = fs.statSync(current, { throwIfNoEntry: false });
    if (stat) {
      if (!stat.isDirectory()) throw Object.assign(new Error(`${current} is a file`), { code: "ENOTDIR", path: current });
      break;
    }
    missing.unshift(current);
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const folder of missing) fs.mkdirSync(folder);
}

function reasonOf(error: unknown): string {
  const { code, path: where } = error as NodeJS.ErrnoException;
  switch (code) {
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "ENOTDIR":
      return where ? `not a directory (${where} is a file)` : "a part of the path is not a directory";
    case "EROFS":
      return "the file system is read-only";
    case "ENOSPC":
      return "the disk is full";
    case "ENOENT":
      return "a folder on the way cannot be made here";
    case "ENAMETOOLONG":
      return "the path is too long";
    default:
      return code ? `error ${code}` : String((error as Error)?.message ?? error);
  }
}

function runPrisma(args: string[], env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, "scripts", "prisma.mjs"), ...args], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    const collect = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-8_000);
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolve();
      else reject(new Error(`Database migration failed (prisma ${args.join(" ")} exited ${code}):\n${output.trim()}`));
    });
  });
}
