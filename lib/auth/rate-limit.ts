// Sign-in failure counters kept in memory: enough for one home server process, and
// synchronous, which is the point. An attempt takes its slot before the slow password
// hash starts (reserve), so 40 parallel guesses against a limit of 5 get 5 hashes and
// 35 refusals; a slot is given back when the attempt succeeds or never reached the
// hash. A key that reaches its limit is locked, and each lock after the first lasts
// twice as long as the one before (up to maxLockMs).

export type LimitResult = { allowed: true } | { allowed: false; retryAfterSec: number };

export type LimitPolicy = {
  /** Failures (checked or still being checked) allowed within one window. */
  limit: number;
  windowMs: number;
  /** The first lock; later ones double. */
  lockMs: number;
  maxLockMs: number;
};

type Entry = {
  failures: number;
  /** Attempts that hold a slot while their password is being checked. */
  pending: number;
  windowEndsAt: number;
  lockedUntil: number;
  /** Locks so far; reset once the key has been quiet for maxLockMs after its last lock. */
  locks: number;
};

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

export class RateLimiter {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly policy: LimitPolicy,
    private readonly now: () => number = Date.now,
    private readonly maxKeys = 10_000,
  ) {}

  check(key: string): LimitResult {
    const now = this.now();
    const entry = this.current(key, now);
    if (!entry) return { allowed: true };
    if (entry.lockedUntil > now) return { allowed: false, retryAfterSec: seconds(entry.lockedUntil - now) };
    // Full of attempts still being checked: they settle within a hash's time.
    if (entry.failures + entry.pending >= this.policy.limit) return { allowed: false, retryAfterSec: 1 };
    return { allowed: true };
  }

  /** Takes a slot if the key is not blocked; settle it with fail, release or forget. */
  reserve(key: string): LimitResult {
    const result = this.check(key);
    if (result.allowed) this.entry(key, this.now()).pending += 1;
    return result;
  }

  /** The reserved attempt failed: it now counts as a failure, and may lock the key. */
  fail(key: string): void {
    const now = this.now();
    const entry = this.entry(key, now);
    entry.pending = Math.max(0, entry.pending - 1);
    entry.failures += 1;
    if (entry.failures >= this.policy.limit) {
      entry.lockedUntil = now + Math.min(this.policy.lockMs * 2 ** entry.locks, this.policy.maxLockMs);
      entry.locks += 1;
      entry.failures = 0;
      entry.windowEndsAt = entry.lockedUntil + this.policy.windowMs;
    }
  }

  /** Gives back a reserved slot without counting a failure. */
  release(key: string): void {
    const entry = this.entries.get(key);
    if (entry) entry.pending = Math.max(0, entry.pending - 1);
  }

  /** Gives back the slot and forgets the key's failures and locks (a proven password). */
  forget(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    if (entry.pending > 1) {
      entry.pending -= 1;
      entry.failures = 0;
      entry.lockedUntil = 0;
      entry.locks = 0;
    } else {
      this.entries.delete(key);
    }
  }

  /** The live entry, with an ended window and a long-quiet lock history cleared. */
  private current(key: string, now: number): Entry | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.windowEndsAt <= now) {
      entry.failures = 0;
      if (entry.lockedUntil + this.policy.maxLockMs <= now) entry.locks = 0;
      if (entry.pending === 0 && entry.locks === 0) {
        this.entries.delete(key);
        return undefined;
      }
      entry.windowEndsAt = now + this.policy.windowMs;
    }
    return entry;
  }

  private entry(key: string, now: number): Entry {
    const existing = this.current(key, now);
    if (existing) return existing;
    if (this.entries.size >= this.maxKeys) this.prune(now);
    const entry: Entry = { failures: 0, pending: 0, windowEndsAt: now + this.policy.windowMs, lockedUntil: 0, locks: 0 };
    this.entries.set(key, entry);
    return entry;
  }

  private prune(now: number): void {
    for (const key of [...this.entries.keys()]) this.current(key, now);
    // Still full of live entries: drop the oldest rather than grow without bound.
    while (this.entries.size >= this.maxKeys) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }
}

/** One sign-in attempt holding a slot in every limiter it passed. Settle it once. */
export type LoginAttempt = { failed(): void; succeeded(): void; cancelled(): void };

/**
 * Sign-in throttling by address (across accounts) and by (account, address) pair; no
 * limit on the account alone, so guesses from one place cannot lock the owner out
 * everywhere: an address that has not failed still signs in.
 */
export class LoginThrottle {
  constructor(
    readonly address: RateLimiter,
    readonly pair: RateLimiter,
  ) {}

  /** Reserves a slot in both limiters at once (no await in between), or says how long to wait. */
  begin(email: string, address: string): { allowed: true; attempt: LoginAttempt } | { allowed: false; retryAfterSec: number } {
    const addressKey = address;
    const pairKey = `${email}\n${address}`;
    for (const [limiter, key] of [
      [this.address, addressKey],
      [this.pair, pairKey],
    ] as const) {
      const result = limiter.check(key);
      if (!result.allowed) return result;
    }
    this.address.reserve(addressKey);
    this.pair.reserve(pairKey);
    let settled = false;
    const settle = (address: (key: string) => void, pair: (key: string) => void) => () => {
      if (settled) return;
      settled = true;
      address(addressKey);
      pair(pairKey);
    };
    return {
      allowed: true,
      attempt: {
        failed: settle(
          (k) => this.address.fail(k),
          (k) => this.pair.fail(k),
        ),
        // The address keeps its failures against other accounts; the pair is cleared.
        succeeded: settle(
          (k) => this.address.release(k),
          (k) => this.pair.forget(k),
        ),
        cancelled: settle(
          (k) => this.address.release(k),
          (k) => this.pair.release(k),
        ),
      },
    };
  }
}

const MINUTE = 60 * 1000;
const globalForLimits = globalThis as unknown as { seleniteLoginThrottle?: LoginThrottle };

/** Login limits shared by every module graph of the process. */
export const loginThrottle = (globalForLimits.seleniteLoginThrottle ??= new LoginThrottle(
  new RateLimiter({ limit: 20, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE, maxLockMs: 24 * 60 * MINUTE }),
  new RateLimiter({ limit: 5, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE, maxLockMs: 24 * 60 * MINUTE }),
));
