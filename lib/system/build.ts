// `npm start` builds the app when there is no build yet or the sources are newer
// than it, so a fresh clone needs only `npm install && npm start`.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { Logger } from "pino";

const SOURCES = ["app", "components", "lib", "public", "next.config.mjs", "package.json", "postcss.config.mjs", "proxy.ts"];
const SKIP = new Set(["generated", "node_modules"]);

function newestMtime(target: string): number {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(target);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of fs.readdirSync(target)) {
    if (SKIP.has(entry)) continue;
    newest = Math.max(newest, newestMtime(path.join(target, entry)));
  }
  return newest;
}

export function buildIsStale(root: string): boolean {
  let built: number;
  try {
    built = fs.statSync(path.join(root, ".next", "BUILD_ID")).mtimeMs;
  } catch {
    return true;
  }
  return SOURCES.some((source) => newestMtime(path.join(root, source)) > built);
}

// Several servers may start at once (tests, a restart loop): one builds, the
// others wait for it and then find the build fresh.
async function withBuildLock<T>(root: string, run: () => Promise<T>): Promise<T> {
  const lock = path.join(root, ".next-build.lock");
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const age = Date.now() - fs.statSync(lock, { throwIfNoEntry: false })!.mtimeMs;
      if (age > 10 * 60_000 || Date.now() > deadline) fs.rmSync(lock, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  try {
    return await run();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

export async function ensureBuilt(logger: Logger, root = process.cwd()): Promise<void> {
  if (!buildIsStale(root)) return;
  await withBuildLock(root, () => build(logger, root));
}

async function build(logger: Logger, root: string): Promise<void> {
  if (!buildIsStale(root)) return;
  logger.info("building the web app (first start or sources changed); this takes a minute or two");
  const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
  // A build started by hand (npx next build) holds Next's own lock: wait for it.
  for (let attempt = 0; ; attempt++) {
    const output = await runBuild(nextBin, root);
    if (output.ok) return;
    if (!output.text.includes("Another next build process is already running") || attempt >= 120) {
      throw new Error("next build failed; its output is above");
    }
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    if (!buildIsStale(root)) return;
  }
}

function runBuild(nextBin: string, root: string): Promise<{ ok: boolean; text: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [nextBin, "build"], {
      cwd: root,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, NODE_ENV: "production" },
    });
    let text = "";
    const forward = (target: NodeJS.WriteStream) => (chunk: Buffer) => {
      text = (text + chunk.toString()).slice(-20_000);
      target.write(chunk);
    };
    child.stdout.on("data", forward(process.stdout));
    child.stderr.on("data", forward(process.stderr));
    child.on("error", reject);
    child.on("exit", (code) => resolve({ ok: code === 0, text }));
  });
}
