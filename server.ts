// Selenite's entry: checks the configuration, brings the database up to date,
// builds the app if needed, then serves Next and starts the transcription worker.
import { randomUUID } from "node:crypto";
import http from "node:http";
import { parse } from "node:url";
import next from "next";
import { ConfigError, getAuthSecret, getConfig, type Config } from "@/lib/config";
import { ensureBuilt } from "@/lib/system/build";
import { DatabaseFileError, migrateDatabase } from "@/lib/db/migrate";
import { startBodyDeadline } from "@/lib/http/body-deadline";
import { loggedUrl } from "@/lib/http/log-url";
import { answerMalformedUrl, isMalformedApiUrl } from "@/lib/http/malformed-url";
import {
  CLIENT_IP_HEADER,
  NONCE_HEADER,
  REQUEST_ID_HEADER,
  REQUEST_PATH_HEADER,
  clientAddress,
  newNonce,
  securityHeaders,
  servedOverHttps,
} from "@/lib/http/headers";
import { WORKER_ENTRY } from "@/lib/queue/worker-host";
import { markShuttingDown, uploadsDrained } from "@/lib/system/lifecycle";

function loadConfig(): Config {
  try {
    return getConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Selenite cannot start.\n${error.message}\nFix these environment variables (see README.md, "Configuration") and start again.\n`);
      process.exit(1);
    }
    throw error;
  }
}

async function main(): Promise<void> {
  const config = loadConfig();
  const dev = config.dev;
  // next-auth 4 reads these itself: trust the Host header (a home server is reached
  // by LAN address, hostname or reverse proxy alike) and keep its own logs quiet.
  process.env.AUTH_TRUST_HOST ??= "1";
  process.env.NEXTAUTH_URL_INTERNAL ??= `http://127.0.0.1:${config.port}`;

  await migrateDatabase(config.databaseFile, config.databaseVariable);
  getAuthSecret(config);
  const { logger } = await import("@/lib/logger");
  const { ensureAdminFromEnv } = await import("@/lib/auth/users");
  const admin = await ensureAdminFromEnv(config.adminEmail, config.adminPassword);
  if (admin === "created") logger.info({ email: config.adminEmail }, "owner account created from ADMIN_EMAIL");
  const { cleanUploads } = await import("@/lib/storage/cleanup");
  const cleaned = await cleanUploads(config.uploadsDir);
  if (cleaned.partial || cleaned.orphaned) logger.warn(cleaned, "removed files left by interrupted uploads");

  if (!dev) await ensureBuilt(logger);
  const app = next({ dev, dir: process.cwd(), hostname: config.host, port: config.port });
  const handle = app.getRequestHandler();
  await app.prepare();

  // Node checks headersTimeout only every connectionsCheckingInterval (30 s by default).
  const connectionsCheckingInterval = Math.max(250, Math.min(5_000, Math.round(config.headersTimeoutMs / 4)));
  const server = http.createServer({ connectionsCheckingInterval }, (req, res) => {
    const requestId = randomUUID();
    const started = performance.now();
    req.headers[REQUEST_ID_HEADER] = requestId;
    req.headers[CLIENT_IP_HEADER] = clientAddress(req.headers["x-forwarded-for"], req.socket.remoteAddress, config.trustedProxies);
    req.headers[REQUEST_PATH_HEADER] = req.url ?? "/";
    res.setHeader(REQUEST_ID_HEADER, requestId);
    // The one place the CSP is set. Next finds the nonce in the request's copy and puts
    // it on the scripts it renders; any copy the client sent is replaced.
    const nonce = newNonce();
    const headers = securityHeaders({ dev, nonce, https: servedOverHttps(req, config.trustedProxies) });
    req.headers["content-security-policy"] = headers["Content-Security-Policy"];
    req.headers[NONCE_HEADER] = nonce;
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    startBodyDeadline(req, requestId, config.requestBodyTimeoutMs, () => {
      logger.warn(
        { requestId, method: req.method, url: loggedUrl(req.url) },
        `request body still arriving after ${config.requestBodyTimeoutMs / 1000} s (REQUEST_BODY_TIMEOUT_SEC); closed the connection`,
      );
      req.socket.destroy();
    });
    res.on("finish", () => {
      const ms = Math.round(performance.now() - started);
      logger.info({ requestId, method: req.method, url: loggedUrl(req.url), status: res.statusCode, ms }, "request");
    });
    if (isMalformedApiUrl(req.url)) {
      req.resume();
      return answerMalformedUrl(res, requestId);
    }
    handle(req, res, parse(req.url ?? "/", true)).catch((error: unknown) => {
      logger.error({ err: error, requestId }, "request failed");
      if (!res.headersSent) {
        res.statusCode = 500;
        res.setHeader("content-type", "application/json");
      }
      res.end(JSON.stringify({ error: { code: "internal", message: "Something went wrong on the server.", requestId } }));
    });
  });

  // Node's requestTimeout would cut off a multi-GB upload on a slow link, so bodies are
  // bounded per request instead: REQUEST_BODY_TIMEOUT_SEC until a route has
  // authenticated the request, then uploads' idle watch. Headers must arrive within
  // HEADERS_TIMEOUT_SEC (slowloris on the header phase); Node answers 408 and closes.
  server.requestTimeout = 0;
  server.headersTimeout = config.headersTimeoutMs;

  const { Dispatcher } = await import("@/lib/queue/dispatcher");
  const { SqliteJobQueue } = await import("@/lib/queue/sqlite-queue");
  const { setDispatcher } = await import("@/lib/queue/registry");
  const dispatcher = new Dispatcher(new SqliteJobQueue(), config, logger, WORKER_ENTRY);
  await dispatcher.start();
  setDispatcher(dispatcher);
  const { startTrashSweep } = await import("@/lib/jobs/trash");
  const stopTrashSweep = startTrashSweep(config.trashSweepMs, logger);
  const { startWebhookDeliverer } = await import("@/lib/webhooks/deliveries");
  const stopWebhooks = await startWebhookDeliverer(logger);
  const { startWatchFolders } = await import("@/lib/watch/watcher");
  const stopWatchFolders = startWatchFolders(config, logger);

  server.once("error", (error: NodeJS.ErrnoException) => {
    const reason =
      error.code === "EADDRINUSE"
        ? `port ${config.port} is already in use (another Selenite?). Stop it or set PORT to a free port.`
        : error.code === "EACCES"
          ? `port ${config.port} needs more privileges. Use a port above 1024 (PORT=3000).`
          : error.message;
    process.stderr.write(`Selenite cannot listen on ${config.host}:${config.port}: ${reason}\n`);
    process.exit(1);
  });
  server.listen(config.port, config.host, () => {
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : config.port;
    logger.info({ port, host: config.host, dev }, `Selenite is listening on http://localhost:${port}`);
  });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    // Stop taking connections and uploads; let a file that is being turned into a
    // job finish so its sender gets the answer; then cut what is left (open event
    // streams would keep close() waiting forever).
    markShuttingDown();
    server.close();
    await uploadsDrained(3_000);
    server.closeAllConnections();
    stopTrashSweep();
    await stopWatchFolders();
    await dispatcher.stop();
    await stopWebhooks();
    const { db } = await import("@/lib/db");
    await db.$disconnect();
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}

main().catch((error: unknown) => {
  if (error instanceof DatabaseFileError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  process.stderr.write(`Selenite failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
