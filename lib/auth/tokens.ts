// API tokens for scripts: random, shown once, stored only as a SHA-256 hash (the
// token has 256 bits of entropy, so a slow KDF adds nothing but latency).
import crypto from "node:crypto";
import { db } from "@/lib/db";
import { SeleniteError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import type { SessionUser } from "@/lib/auth/users";

const PREFIX = "sel_";
// Writing lastUsedAt on every request would turn reads into writes.
const LAST_USED_RESOLUTION_MS = 60_000;

function hashToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

export async function createApiToken(userId: string, name: string) {
  const token = PREFIX + crypto.randomBytes(32).toString("base64url");
  const row = await db.apiToken.create({
    data: { userId, name, tokenHash: hashToken(token), prefix: token.slice(0, PREFIX.length + 6) },
    select: { id: true, name: true, prefix: true, createdAt: true },
  });
  return { ...row, token };
}

export function listApiTokens(userId: string) {
  return db.apiToken.findMany({
    where: { userId, revokedAt: null },
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true },
  });
}

export async function revokeApiToken(userId: string, tokenId: string): Promise<void> {
  const { count } = await db.apiToken.updateMany({
    where: { id: tokenId, userId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (count === 0) throw new SeleniteError("not_found", "No such API token.");
}

export async function userFromApiToken(token: string): Promise<SessionUser | null> {
  if (!token.startsWith(PREFIX) || token.length > 200) return null;
  const row = await db.apiToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { id: true, revokedAt: true, lastUsedAt: true, user: { select: { id: true, email: true, name: true } } },
  });
  if (!row || row.revokedAt) return null;
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    // Best effort: a full disk must not fail a read made with a token. Awaited, so the
    // write belongs to this request and never lands in the middle of a later one.
    await db.apiToken
      .updateMany({ where: { id: row.id }, data: { lastUsedAt: new Date() } })
      .catch((error: unknown) => logger.warn({ err: error }, "could not record an API token's last use"));
  }
  return row.user;
}
