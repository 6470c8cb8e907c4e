// Starts the real server (`node --import tsx server.ts`, as `npm start` does) on a
// free port with its own temporary storage, database, logs and models folders.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "..", "..");

export type TestServer = {
  url: string;
  pid: number;
  port: number;
  dir: string;
  storageDir: string;
  modelsDir: string;
  logDir: string;
  output: () => string;
  stop: (signal?: NodeJS.Signals) => Promise<number | null>;
  /** SIGKILLs the server process (a power cut) and waits for it to go. */
  kill9: () => Promise<void>;
  /** Settles when the server has exited, with its exit code. */
  exited: Promise<number | null>;
};

/** Direct children of a process, from /proc (Linux). */
export function childPids(pid: number): number[] {
  try {
    return fs.readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

export async function startServer(options: { env?: Record<string, string>; dir?: string; timeoutMs?: number } = {}): Promise<TestServer> {
  const dir = options.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), "selenite-test-"));
  const port = await freePort();
  const env: NodeJS.ProcessEnv & Record<string, string> = {
    ...(process.env as Record<string, string>),
    NODE_ENV: "production",
    PORT: String(port),
    HOST: "127.0.0.1",
    STORAGE_DIR: path.join(dir, "storage"),
    MODELS_DIR: path.join(dir, "models"),
    LOG_DIR: path.join(dir, "logs"),
    LOG_LEVEL: "info",
    ...options.env,
  };
  fs.mkdirSync(env.MODELS_DIR, { recursive: true });
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-200_000);
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

  const url = `http://127.0.0.1:${port}`;
  // Generous: a boot takes a second or two on a quiet machine and far longer on a loaded
  // one; the hook's own limit (180 s) is the backstop for a server that never comes up.
  const deadline = Date.now() + (options.timeoutMs ?? 150_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output}`);
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`server did not become healthy in time:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }

  return {
    url,
    pid: child.pid ?? 0,
    port,
    dir,
    storageDir: env.STORAGE_DIR,
    modelsDir: env.MODELS_DIR,
    logDir: env.LOG_DIR,
    output: () => output,
    exited,
    kill9: async () => {
      if (child.exitCode === null) child.kill("SIGKILL");
      await exited;
    },
    stop: async (signal = "SIGTERM") => {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}
