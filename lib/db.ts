// The one Prisma client, cached on globalThis so that Next's dev reloads and the
// several module graphs of one process (custom server, route handlers) share it.
// Loaded by the worker thread too (it gets its own client: threads share no JS
// state), so no "server-only" here.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { getConfig } from "@/lib/config";
import { PrismaClient } from "@/lib/generated/prisma/client";

// Long enough to ride out a checkpoint or a big transcript write, short enough that
// a stuck lock surfaces as an error instead of a hung request.
export const BUSY_TIMEOUT_MS = 10_000;

function createClient(): PrismaClient {
  const adapter = new PrismaBetterSQLite3({ url: getConfig().databaseUrl, timeout: BUSY_TIMEOUT_MS });
  return new PrismaClient({ adapter });
}

const globalForPrisma = globalThis as unknown as { seleniteDb?: PrismaClient };

export const db: PrismaClient = globalForPrisma.seleniteDb ?? createClient();
globalForPrisma.seleniteDb = db;

export type { PrismaClient };
