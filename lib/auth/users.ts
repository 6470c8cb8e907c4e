// Accounts: the first-run owner, login checks with throttling, password changes.
// No "server-only": server.ts calls ensureAdminFromEnv before Next starts.
import { db } from "@/lib/db";
import { SeleniteError } from "@/lib/errors";
import { dummyPasswordHash, hashPassword, verifyPassword } from "@/lib/auth/password";
import { loginThrottle } from "@/lib/auth/rate-limit";
import { recordSignInFailure } from "@/lib/auth/sign-in-failures";
import { logger } from "@/lib/logger";

export type SessionUser = { id: string; email: string; name: string | null };

export async function needsSetup(): Promise<boolean> {
  return (await db.user.count()) === 0;
}

/** Creates the owner account; refuses once any account exists (setup is one-time). */
export async function createOwner(input: { email: string; password: string; name?: string }): Promise<SessionUser> {
  const passwordHash = await hashPassword(input.password);
  return db.$transaction(async (tx) => {
    if ((await tx.user.count()) > 0) {
      throw new SeleniteError("conflict", "Selenite is already set up. Sign in instead.");
    }
    return tx.user.create({
      data: { email: input.email, name: input.name ?? null, passwordHash },
      select: { id: true, email: true, name: true },
    });
  });
}

/** Headless installs: ADMIN_EMAIL + ADMIN_PASSWORD create the owner on first start. */
export async function ensureAdminFromEnv(email?: string, password?: string): Promise<"created" | "exists" | "skipped"> {
  if (!email || !password) return "skipped";
  if (!(await needsSetup())) return "exists";
  await createOwner({ email: email.toLowerCase(), password });
  return "created";
}

/**
 * Checks an email and password from one address. The throttle slot is taken before the
 * first await, so parallel guesses cannot all reach the hash before any is counted.
 */
export async function verifyLogin(input: { email: string; password: string; ip: string }): Promise<SessionUser> {
  const throttled = loginThrottle.begin(input.email, input.ip);
  if (!throttled.allowed) {
    throw new SeleniteError("rate_limited", `Too many failed sign-in attempts. Try again in ${throttled.retryAfterSec} s.`);
  }
  const { attempt } = throttled;
  try {
    const user = await db.user.findUnique({
      where: { email: input.email },
      select: { id: true, email: true, name: true, passwordHash: true },
    });
    const ok = await verifyPassword(input.password, user?.passwordHash ?? (await dummyPasswordHash()));
    if (!user || !ok) {
      attempt.failed();
      if (user) await recordSignInFailure(user.id, input.ip).catch((error: unknown) => logger.warn({ err: error }, "could not record a failed sign-in"));
      throw new SeleniteError("unauthorized", "Wrong email or password.");
    }
    attempt.succeeded();
    return { id: user.id, email: user.email, name: user.name };
  } finally {
    // A database error before the check: give the slot back uncounted.
    attempt.cancelled();
  }
}

/**
 * Changes the password and ends every other session of the account, copied cookies
 * included (each is a UserSession row); the session that asked (null for an API token)
 * carries on. Returns how many sessions were ended.
 */
export async function changePassword(userId: string, current: string, next: string, keepSessionId: string | null): Promise<number> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { passwordHash: true } });
  if (!user || !(await verifyPassword(current, user.passwordHash))) {
    throw new SeleniteError("unprocessable", "The current password is wrong.");
  }
  const passwordHash = await hashPassword(next);
  const [, ended] = await db.$transaction([
    db.user.update({ where: { id: userId }, data: { passwordHash }, select: { id: true } }),
    db.userSession.deleteMany({ where: { userId, ...(keepSessionId ? { id: { not: keepSessionId } } : {}) } }),
  ]);
  return ended.count;
}
