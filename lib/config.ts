// The one place that reads process.env. Every value has a default, so a fresh clone
// runs with none set; a bad value stops the server at start with a message that
// names the variable. Loaded by server.ts, the worker thread and Next's server code,
// so it does not import "server-only".
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { z } from "zod";
import { PASSWORD_MIN_LENGTH } from "./validation/auth";

const port = z.coerce.number().int().min(1).max(65535);
const optionalString = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() ? v.trim() : undefined));
const booleanFlag = z
  .enum(["true", "false", "1", "0", "yes", "no", ""])
  .optional()
  .transform((v) => v === "true" || v === "1" || v === "yes");
// How many reverse proxies in front of Selenite append to X-Forwarded-For: a flag
// (true = one) or a count for a chain such as a CDN in front of Caddy.
const trustedProxies = z
  .string()
  .optional()
  .transform((v) => (v ?? "").trim().toLowerCase())
  .pipe(
    z.union(
      [
        z.enum(["", "false", "no", "0"]).transform(() => 0),
        z.enum(["true", "yes"]).transform(() => 1),
        z
          .string()
          .regex(/^[1-9]$/)
          .transform(Number),
      ],
      { error: "must be true, false or the number of trusted proxies in front of Selenite (1-9)" },
    ),
  );

// WATCH_FOLDERS: folders separated by ";", each a path then ":key=value" options,
// e.g. "/srv/media:model=whisper-base:output=beside;/srv/memos:language=de".
export const WATCH_FOLDER_KEYS = ["model", "language", "tags", "speakers", "output", "outputDir", "formats", "polling"] as const;
export type WatchFolderSpec = { path: string; options: Partial<Record<(typeof WATCH_FOLDER_KEYS)[number], string>> };
const watchFolders = z
  .string()
  .optional()
  .transform((value, ctx): WatchFolderSpec[] => {
    const specs: WatchFolderSpec[] = [];
    for (const entry of (value ?? "")
      .split(";")
      .map((e) => e.trim())
      .filter(Boolean)) {
      const [folder, ...pairs] = entry.split(":");
      if (!path.isAbsolute(folder.trim())) {
        ctx.addIssue({ code: "custom", message: `"${folder}" is not an absolute path (write folders as /srv/media:output=beside, separated by ";")` });
        continue;
      }
      const options: WatchFolderSpec["options"] = {};
      for (const pair of pairs) {
        const at = pair.indexOf("=");
        const key = pair.slice(0, at).trim() as (typeof WATCH_FOLDER_KEYS)[number];
        if (at < 1 || !WATCH_FOLDER_KEYS.includes(key)) {
          ctx.addIssue({ code: "custom", message: `"${pair}" in "${entry}" is not an option; use key=value with a key from ${WATCH_FOLDER_KEYS.join(", ")}` });
          continue;
        }
        options[key] = pair.slice(at + 1).trim();
      }
      specs.push({ path: path.resolve(folder.trim()), options });
    }
    return specs;
  });

const envSchema = z
  .object({
    PORT: port.default(3000),
    HOST: z.string().min(1).default("0.0.0.0"),
    STORAGE_DIR: z.string().min(1).default("./storage"),
    DATABASE_URL: optionalString.pipe(
      z
        .string()
        .regex(/^file:.+/, "must be a SQLite file URL such as file:./storage/selenite.db")
        .optional(),
    ),
    MODELS_DIR: z.string().min(1).default("./models"),
    LOG_DIR: z.string().min(1).default("./logs"),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    AUTH_SECRET: optionalString.pipe(z.string().min(32, "must be at least 32 characters").optional()),
    MAX_UPLOAD_MB: z.coerce
      .number()
      .int()
      .min(1)
      .max(1024 * 1024)
      .default(4096),
    UPLOAD_IDLE_TIMEOUT_SEC: z.coerce
      .number()
      .positive()
      .max(24 * 3600)
      .default(60),
    HEADERS_TIMEOUT_SEC: z.coerce.number().positive().max(600).default(20),
    REQUEST_BODY_TIMEOUT_SEC: z.coerce.number().positive().max(3600).default(60),
    // How long an OpenAI- or whisper-asr-webservice-compatible request waits for its job.
    COMPAT_WAIT_SEC: z.coerce
      .number()
      .positive()
      .max(7 * 24 * 3600)
      .default(3600),
    // How often the server purges jobs whose time in the trash is up (Settings.trashDays).
    TRASH_SWEEP_SEC: z.coerce
      .number()
      .positive()
      .max(24 * 3600)
      .default(3600),
    // The address people reach Selenite at, for links in webhooks and push notifications.
    PUBLIC_URL: optionalString.pipe(z.url({ protocol: /^https?$/, error: "must be an http(s) URL such as https://selenite.example.com" }).optional()),
    // Seconds to wait before each retry of a webhook delivery; after the last, it has failed.
    WEBHOOK_RETRY_SEC: z
      .string()
      .optional()
      .transform((v) => (v ?? "10,60,300,1800,7200").trim())
      .pipe(
        z
          .string()
          .regex(/^\d+(\.\d+)?(\s*,\s*\d+(\.\d+)?){0,19}$/, "must be a comma-separated list of seconds such as 10,60,300,1800,7200")
          .transform((v) => v.split(",").map((n) => Number(n.trim()))),
      ),
    // Watch folders for headless installs (see watchFolders above), and how they watch.
    WATCH_FOLDERS: watchFolders,
    // How often a polling watch folder looks again, and how long a file's size must stay
    // the same before it is imported (a copy still arriving keeps growing).
    WATCH_POLL_SEC: z.coerce.number().min(0.05).max(3600).default(2),
    WATCH_STABLE_SEC: z.coerce.number().min(0.1).max(3600).default(5),
    ADMIN_EMAIL: optionalString.pipe(z.email("must be an email address").optional()),
    ADMIN_PASSWORD: optionalString.pipe(z.string().min(PASSWORD_MIN_LENGTH, `must be at least ${PASSWORD_MIN_LENGTH} characters`).optional()),
    FFMPEG_PATH: optionalString,
    FFPROBE_PATH: optionalString,
    MODEL_HOST: z.url("must be a URL such as https://huggingface.co").default("https://huggingface.co"),
    TRUST_PROXY: trustedProxies,
    WORKER_THREADS: z.coerce.number().int().min(1).max(256).optional(),
    // `npm run dev`: Next in development mode behind the same server.
    SELENITE_DEV: booleanFlag,
    // Test-only fault injection (tests/integration/crash.test.ts, disk.test.ts). Inert
    // unless SELENITE_TEST_HOOKS=1: the points below are ignored without it.
    SELENITE_TEST_HOOKS: booleanFlag,
    SELENITE_CRASH_AT: z.enum(["before-commit", "after-window", "window", "rough-speakers"]).optional(),
    SELENITE_CRASH_WINDOW: z.coerce.number().int().min(0).optional(),
    SELENITE_FAIL_AT: z.enum(["transcript-write"]).optional(),
  })
  .refine((env) => !env.ADMIN_EMAIL === !env.ADMIN_PASSWORD, {
    message: "ADMIN_EMAIL and ADMIN_PASSWORD must be set together",
    path: ["ADMIN_PASSWORD"],
  });

export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid configuration:\n${issues.map((i) => `  - ${i}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

export type Config = ReturnType<typeof buildConfig>;
export type DatabaseVariable = "DATABASE_URL" | "STORAGE_DIR";

function buildConfig(env: z.infer<typeof envSchema>) {
  const storageDir = path.resolve(env.STORAGE_DIR);
  const databaseFile = env.DATABASE_URL ? path.resolve(env.DATABASE_URL.replace(/^file:/, "")) : path.join(storageDir, "selenite.db");
  return {
    port: env.PORT,
    host: env.HOST,
    storageDir,
    uploadsDir: path.join(storageDir, "uploads"),
    databaseFile,
    databaseUrl: `file:${databaseFile}`,
    /** The variable that chose databaseFile, for messages that tell a person what to change. */
    databaseVariable: (env.DATABASE_URL ? "DATABASE_URL" : "STORAGE_DIR") as DatabaseVariable,
    modelsDir: path.resolve(env.MODELS_DIR),
    logDir: path.resolve(env.LOG_DIR),
    logLevel: env.LOG_LEVEL,
    authSecretFromEnv: env.AUTH_SECRET,
    maxUploadBytes: env.MAX_UPLOAD_MB * 1024 * 1024,
    uploadIdleTimeoutMs: Math.round(env.UPLOAD_IDLE_TIMEOUT_SEC * 1000),
    /** Time for the request line and headers (slowloris on the header phase). */
    headersTimeoutMs: Math.round(env.HEADERS_TIMEOUT_SEC * 1000),
    /** Time for a whole request body until a route has authenticated it (see lib/http/body-deadline.ts). */
    requestBodyTimeoutMs: Math.round(env.REQUEST_BODY_TIMEOUT_SEC * 1000),
    trashSweepMs: Math.round(env.TRASH_SWEEP_SEC * 1000),
    /** How long a compatible-API request (/v1/audio/*, /compat/<token>/asr) waits for its job before answering with the job id. */
    compatWaitMs: Math.round(env.COMPAT_WAIT_SEC * 1000),
    /** Base of the links webhooks carry (no trailing slash). */
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, ""),
    /** Delay before each retry of a webhook delivery, in ms; one attempt plus one per entry. */
    webhookRetryMs: env.WEBHOOK_RETRY_SEC.map((sec) => Math.round(sec * 1000)),
    watchFolders: env.WATCH_FOLDERS,
    watchPollMs: Math.round(env.WATCH_POLL_SEC * 1000),
    watchStableMs: Math.round(env.WATCH_STABLE_SEC * 1000),
    adminEmail: env.ADMIN_EMAIL,
    adminPassword: env.ADMIN_PASSWORD,
    ffmpegPath: env.FFMPEG_PATH,
    ffprobePath: env.FFPROBE_PATH,
    modelHost: env.MODEL_HOST.replace(/\/+$/, ""),
    trustProxy: env.TRUST_PROXY > 0,
    /** Proxies whose X-Forwarded-For entries are believed, counted from the right. */
    trustedProxies: env.TRUST_PROXY,
    cpuCount: os.availableParallelism(),
    workerThreads: env.WORKER_THREADS,
    dev: env.SELENITE_DEV,
    testHooks: {
      /**
       * before-commit: SIGKILL the server inside the transcript transaction, before it commits;
       * after-window: SIGKILL it once window SELENITE_CRASH_WINDOW has committed;
       * window: end the worker thread while it decodes that window (a poison file);
       * rough-speakers: end the worker thread when a rough speaker stage starts.
       */
      crashAt: env.SELENITE_TEST_HOOKS ? env.SELENITE_CRASH_AT : undefined,
      /** With crashAt "after-window" or "window": which window (from 0). */
      crashWindow: env.SELENITE_TEST_HOOKS ? env.SELENITE_CRASH_WINDOW : undefined,
      /** Make the transcript write fail as a full disk would (SQLITE_FULL). */
      failAt: env.SELENITE_TEST_HOOKS ? env.SELENITE_FAIL_AT : undefined,
    },
  };
}

/** Parses an environment; exported for tests. Throws ConfigError naming each bad variable. */
export function parseConfig(source: Record<string, string | undefined>): Config {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((issue) => `${issue.path.join(".") || "environment"}: ${issue.message}`));
  }
  return buildConfig(result.data);
}

let cached: Config | undefined;

export function getConfig(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}

/**
 * AUTH_SECRET if set; otherwise a random secret generated on first start and kept in
 * STORAGE_DIR, so sessions survive restarts without a constant in the code.
 */
export function getAuthSecret(config: Config = getConfig()): string {
  if (config.authSecretFromEnv) return config.authSecretFromEnv;
  const file = path.join(config.storageDir, ".auth-secret");
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  fs.mkdirSync(config.storageDir, { recursive: true });
  const secret = crypto.randomBytes(48).toString("base64url");
  try {
    // "wx": if another process won the race, use the secret it wrote.
    fs.writeFileSync(file, secret, { mode: 0o600, flag: "wx" });
    return secret;
  } catch {
    return fs.readFileSync(file, "utf8").trim();
  }
}
