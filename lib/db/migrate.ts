// Brings the database file up to date before anything else opens it: applies the
// committed migrations with Prisma's own `migrate deploy` (JS schema engine, no
// download) and switches the file to WAL so the web side and the worker can read
// while the other writes. No "server-only": server.ts runs this before Next starts.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

const root = path.resolve(import.meta.dirname, "..", "..");

export async function migrateDatabase(databaseFile: string): Promise<void> {
  fs.mkdirSync(path.dirname(databaseFile), { recursive: true });
  await runPrisma(["migrate", "deploy"], { DATABASE_URL: `file:${databaseFile}` });
  const sqlite = new Database(databaseFile);
  try {
    sqlite.pragma("journal_mode = WAL");
  } finally {
    sqlite.close();
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
