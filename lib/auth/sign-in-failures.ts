// The owner's record of wrong passwords for their account: one row per address with a
// count, shown in Settings. It is a record, not the throttle (that one is in memory and
// synchronous, lib/auth/rate-limit.ts): rows survive a restart so last night's guessing
// is still visible in the morning. Writes are bounded by the throttle: each address gets
// a handful of checked passwords per lock.
import { db } from "@/lib/db";

const KEEP_DAYS = 30;
const SHOWN = 20;
// Addresses are ours (server.ts) or a trusted proxy's, but keep a stored key short anyway.
const MAX_ADDRESS_LENGTH = 64;

export type SignInFailureRow = { address: string; count: number; firstAt: Date; lastAt: Date };

export async function recordSignInFailure(userId: string, address: string, now = new Date()): Promise<void> {
  const key = address.slice(0, MAX_ADDRESS_LENGTH);
  await db.$transaction([
    db.signInFailure.upsert({
      where: { userId_address: { userId, address: key } },
      create: { userId, address: key, firstAt: now, lastAt: now },
      update: { count: { increment: 1 }, lastAt: now },
    }),
    db.signInFailure.deleteMany({ where: { userId, lastAt: { lt: new Date(now.getTime() - KEEP_DAYS * 86_400_000) } } }),
  ]);
}

/** The most recent addresses that failed to sign in to this account, newest first. */
export function listSignInFailures(userId: string): Promise<SignInFailureRow[]> {
  return db.signInFailure.findMany({
    where: { userId },
    orderBy: { lastAt: "desc" },
    take: SHOWN,
    select: { address: true, count: true, firstAt: true, lastAt: true },
  });
}
