// Browser sessions on the server. next-auth keeps its JWT cookie, but the JWT only
// names a UserSession row (its `sid`); every request checks that the row still
// exists, so signing out or revoking a session ends it at once, even for a copied
// cookie. No "server-only": lib/auth/options.ts imports it and tests call it directly.
import { db } from "@/lib/db";
import { SeleniteError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import type { SessionUser } from "@/lib/auth/users";

// Matches the cookie's lifetime: a row unseen this long belongs to an expired cookie.
export const SESSION_MAX_AGE_SEC = 30 * 24 * 60 * 60;
// Writing lastSeenAt on every request would turn every read into a write.
const LAST_SEEN_RESOLUTION_MS = 60_000;
const USER_AGENT_MAX = 300;

// The JWT's payload, as next-auth decoded it: nothing in it is trusted before the lookup.
export type SessionClaims = Record<string, unknown>;

export async function createUserSession(userId: string, client: { userAgent?: string; ip?: string }): Promise<string> {
  const staleBefore = new Date(Date.now() - SESSION_MAX_AGE_SEC * 1000);
  const [, row] = await db.$transaction([
    db.userSession.deleteMany({ where: { userId, lastSeenAt: { lt: staleBefore } } }),
    db.userSession.create({
      data: { userId, userAgent: client.userAgent?.slice(0, USER_AGENT_MAX) || null, ip: client.ip || null },
      select: { id: true },
    }),
  ]);
  return row.id;
}

/**
 * The account behind a session cookie's claims, or null when the session was signed
 * out, revoked, ended by a password change, or predates server-side sessions (a JWT
 * without `sid`). One primary-key lookup; lastSeenAt is refreshed at most once a minute.
 */
export async function activeSessionUser(claims: SessionClaims): Promise<SessionUser | null> {
  if (typeof claims.sid !== "string" || typeof claims.uid !== "string") return null;
  const row = await db.userSession.findUnique({
    where: { id: claims.sid },
    select: { userId: true, lastSeenAt: true, user: { select: { id: true, email: true, name: true, sessionEpoch: true } } },
  });
  if (!row || row.userId !== claims.uid || row.user.sessionEpoch !== (claims.epoch ?? 0)) return null;
  if (Date.now() - row.lastSeenAt.getTime() > LAST_SEEN_RESOLUTION_MS) {
    // Best effort: a full disk must not sign anyone out or fail a read.
    db.userSession
      .updateMany({ where: { id: claims.sid }, data: { lastSeenAt: new Date() } })
      .catch((error: unknown) => logger.warn({ err: error }, "could not record a session's last use"));
  }
  return { id: row.user.id, email: row.user.email, name: row.user.name };
}

export function listUserSessions(userId: string) {
  return db.userSession.findMany({
    where: { userId, lastSeenAt: { gte: new Date(Date.now() - SESSION_MAX_AGE_SEC * 1000) } },
    orderBy: { lastSeenAt: "desc" },
    select: { id: true, userAgent: true, ip: true, createdAt: true, lastSeenAt: true },
  });
}

/** Sign-out: ends the session the cookie names (no owner check: holding the cookie is the proof). */
export async function endUserSession(sessionId: string): Promise<void> {
  await db.userSession.deleteMany({ where: { id: sessionId } });
}

export async function revokeUserSession(userId: string, sessionId: string): Promise<void> {
  const { count } = await db.userSession.deleteMany({ where: { id: sessionId, userId } });
  if (count === 0) throw new SeleniteError("not_found", "No such session. It may have ended already.");
}

/** Ends every session of the account except the one making the request; returns how many. */
export async function revokeOtherUserSessions(userId: string, keepSessionId: string): Promise<number> {
  const { count } = await db.userSession.deleteMany({ where: { userId, id: { not: keepSessionId } } });
  return count;
}
