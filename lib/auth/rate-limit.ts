// Fixed-window failure counters kept in memory: enough for one home server process.
// Keys are "ip:<addr>" and "account:<email>"; each has its own limit so a single
// address cannot lock out the owner by guessing at one account for long.

export type LimitResult = { allowed: true } | { allowed: false; retryAfterSec: number };

export class RateLimiter {
  private readonly hits = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
    private readonly maxKeys = 10_000,
  ) {}

  check(key: string): LimitResult {
    const entry = this.hits.get(key);
    const now = this.now();
    if (!entry || entry.resetAt <= now) return { allowed: true };
    if (entry.count < this.limit) return { allowed: true };
    return { allowed: false, retryAfterSec: Math.max(1, Math.ceil((entry.resetAt - now) / 1000)) };
  }

  /** Records one failure. */
  hit(key: string): void {
    const now = this.now();
    const entry = this.hits.get(key);
    if (!entry || entry.resetAt <= now) {
      if (this.hits.size >= this.maxKeys) this.prune(now);
      this.hits.set(key, { count: 1, resetAt: now + this.windowMs });
    } else {
      entry.count += 1;
    }
  }

  reset(key: string): void {
    this.hits.delete(key);
  }

  private prune(now: number): void {
    for (const [key, entry] of this.hits) if (entry.resetAt <= now) this.hits.delete(key);
    // Still full of live entries: drop the oldest rather than grow without bound.
    while (this.hits.size >= this.maxKeys) {
      const oldest = this.hits.keys().next().value;
      if (oldest === undefined) break;
      this.hits.delete(oldest);
    }
  }
}

const WINDOW_MS = 15 * 60 * 1000;
const globalForLimits = globalThis as unknown as { seleniteLoginLimits?: { ip: RateLimiter; account: RateLimiter } };

/** Login limits shared by every module graph of the process. */
export const loginLimits = (globalForLimits.seleniteLoginLimits ??= {
  ip: new RateLimiter(20, WINDOW_MS),
  account: new RateLimiter(5, WINDOW_MS),
});
