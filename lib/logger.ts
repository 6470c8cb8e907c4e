// Structured JSON logs: stdout for whoever runs the server, plus size-rotated files
// in LOG_DIR (a bounded count) and an error-only file. Shared by server.ts and Next's
// server code through globalThis so the files have one writer per process.
import fs from "node:fs";
import pino, { type Logger } from "pino";
import { createStream } from "rotating-file-stream";
import { getConfig } from "@/lib/config";

const ROTATE_SIZE = "10M";
const KEEP_FILES = 5;

function rotatingFile(dir: string, name: string) {
  return createStream((time, index) => (time ? `${name}.${index}.log` : `${name}.log`), { path: dir, size: ROTATE_SIZE, maxFiles: KEEP_FILES });
}

function createLogger(): Logger {
  const config = getConfig();
  const streams: pino.StreamEntry[] = [{ level: config.logLevel === "silent" ? "fatal" : config.logLevel, stream: process.stdout }];
  if (config.logLevel !== "silent") {
    try {
      fs.mkdirSync(config.logDir, { recursive: true });
      streams.push({ level: config.logLevel, stream: rotatingFile(config.logDir, "selenite") });
      streams.push({ level: "error", stream: rotatingFile(config.logDir, "error") });
    } catch (error) {
      // Logs are not worth refusing to start over; say so on stdout.
      process.stdout.write(`${JSON.stringify({ level: 40, msg: `cannot write logs to ${config.logDir}`, err: String(error) })}\n`);
    }
  }
  return pino(
    {
      level: config.logLevel,
      base: { app: "selenite" },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: ["password", "*.password", "token", "*.token", "req.headers.authorization", "req.headers.cookie"], censor: "[redacted]" },
    },
    pino.multistream(streams, { dedupe: false }),
  );
}

const globalForLogger = globalThis as unknown as { seleniteLogger?: Logger };

export const logger: Logger = globalForLogger.seleniteLogger ?? createLogger();
globalForLogger.seleniteLogger = logger;
