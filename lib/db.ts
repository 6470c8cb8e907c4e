// The one Prisma client, cached on globalThis so that Next's dev reloads and the
// several module graphs of one process (custom server, route handlers) share it.
// Loaded by the worker thread too (it gets its own client: threads share no JS
// state), so no "server-only" here.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import Database from "better-sqlite3";
import { getConfig } from "@/lib/config";
import { PrismaClient } from "@/lib/generated/prisma/client";

// Long enough to ride out a checkpoint or a big transcript write, short enough that
// a stuck lock surfaces as an error instead of a hung request.
export const BUSY_TIMEOUT_MS = 10_000;

type Adapter = Awaited<ReturnType<PrismaBetterSQLite3["connect"]>>;
type Transaction = Awaited<ReturnType<Adapter["startTransaction"]>>;
type Query = Parameters<Transaction["executeRaw"]>[0];

const statement = (sql: string): Query => ({ sql, args: [], argTypes: [] });

// Shared by every module graph of the process, like the client itself.
const globalForPrisma = globalThis as unknown as { seleniteDb?: PrismaClient; seleniteFailedCommit?: { error: unknown; at: number } };

// Prisma follows a failed COMMIT of its own implicit transactions with a rollback of
// the transaction it has just marked committed, and reports only that.
const CLOSED_AFTER_FAILED_COMMIT = /rollback cannot be executed on a committed transaction/i;
const FAILED_COMMIT_RECENT_MS = 10_000;

/**
 * The reason behind Prisma's "Transaction already closed: A rollback cannot be
 * executed on a committed transaction" (P2028): the driver error that failed the
 * COMMIT a moment ago (SQLITE_FULL on a full disk, say). Undefined for other errors.
 */
export function failedCommitCause(error: unknown): unknown {
  const message = error instanceof Error ? error.message : "";
  const failed = globalForPrisma.seleniteFailedCommit;
  if (!CLOSED_AFTER_FAILED_COMMIT.test(message) || !failed || Date.now() - failed.at > FAILED_COMMIT_RECENT_MS) return undefined;
  return failed.error;
}

/** A first-come lock: resolves with the function that releases it (calling it twice is harmless). */
function createLock(): () => Promise<() => void> {
  let tail: Promise<void> = Promise.resolve();
  return () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const acquired = tail.then(() => release);
    tail = tail.then(() => held);
    return acquired;
  };
}

/**
 * Transactions on the adapter's one connection, run here instead of by the adapter,
 * so that the connection is never left inside a transaction and the lock is always
 * released. Prisma ends a transaction by sending COMMIT (or ROLLBACK) and only then
 * calls commit()/rollback(), which release the lock; when that statement fails
 * (SQLITE_FULL on a full disk, SQLITE_IOERR, SQLITE_BUSY) Prisma marks the
 * transaction closed and calls neither. With the adapter's own transactions the lock
 * stayed taken, so every later write waited for it forever; and SQLite may keep the
 * transaction open after a failed COMMIT, so later statements would have run inside
 * it, never to be committed. Here a failed end rolls back whatever SQLite kept open
 * and releases the lock; the error still reaches the caller, whose writes are not saved.
 */
function guardTransactions(adapter: Adapter, sqlite: Database.Database): void {
  const acquire = createLock();
  const adaptersOwn = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (isolationLevel) => {
    // SQLite has only SERIALIZABLE; the adapter refuses the others with Prisma's own error.
    if (isolationLevel && isolationLevel !== "SERIALIZABLE") return adaptersOwn(isolationLevel);
    const release = await acquire();
    try {
      // Holding the lock, nothing may be inside a transaction: one left open is stale.
      if (sqlite.inTransaction) sqlite.exec("ROLLBACK");
      await adapter.executeRaw(statement("BEGIN"));
    } catch (error) {
      release();
      throw error;
    }
    let ended = false;
    const transaction: Transaction = {
      provider: adapter.provider,
      adapterName: adapter.adapterName,
      options: { usePhantomQuery: false },
      queryRaw: (query) => adapter.queryRaw(query),
      executeRaw: async (query) => {
        const ending = query.sql === "COMMIT" || query.sql === "ROLLBACK";
        try {
          return await adapter.executeRaw(query);
        } catch (error) {
          if (!ending || ended) throw error;
          ended = true;
          if (query.sql === "COMMIT") globalForPrisma.seleniteFailedCommit = { error, at: Date.now() };
          if (sqlite.inTransaction) {
            try {
              sqlite.exec("ROLLBACK");
            } catch {
              // SQLite ended the transaction itself in the meantime.
            }
          }
          release();
          // A ROLLBACK that failed because SQLite had already rolled back did its job.
          if (query.sql === "ROLLBACK" && !sqlite.inTransaction) return 0;
          throw error;
        }
      },
      commit: async () => {
        ended = true;
        release();
      },
      rollback: async () => {
        ended = true;
        release();
      },
    };
    return transaction;
  };
}

/** better-sqlite3's connection inside the adapter: the adapter keeps it as `client`. */
function connectionOf(adapter: Adapter): Database.Database {
  const client = (adapter as unknown as { client?: unknown }).client;
  if (!(client instanceof Database)) throw new Error("@prisma/adapter-better-sqlite3 no longer exposes its connection as `client`; lib/db.ts needs updating");
  return client;
}

function recoveringAdapter(factory: PrismaBetterSQLite3): PrismaBetterSQLite3 {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    guardTransactions(adapter, connectionOf(adapter));
    return adapter;
  };
  return factory;
}

function createClient(): PrismaClient {
  const adapter = new PrismaBetterSQLite3({ url: getConfig().databaseUrl, timeout: BUSY_TIMEOUT_MS });
  return new PrismaClient({ adapter: recoveringAdapter(adapter) });
}

export const db: PrismaClient = globalForPrisma.seleniteDb ?? createClient();
globalForPrisma.seleniteDb = db;

export type { PrismaClient };
