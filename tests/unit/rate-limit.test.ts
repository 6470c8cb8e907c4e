import { describe, expect, it } from "vitest";
import { LoginThrottle, RateLimiter, type LimitPolicy } from "@/lib/auth/rate-limit";

const MINUTE = 60_000;
const policy: LimitPolicy = { limit: 3, windowMs: 15 * MINUTE, lockMs: MINUTE, maxLockMs: 8 * MINUTE };

function clock() {
  const state = { now: 1_000_000 };
  return { state, now: () => state.now };
}

/** n reserved attempts that all fail. */
function failTimes(limiter: RateLimiter, key: string, n: number) {
  for (let i = 0; i < n; i++) {
    expect(limiter.reserve(key).allowed).toBe(true);
    limiter.fail(key);
  }
}

describe("rate limiter", () => {
  it("locks after the limit and says how long to wait", () => {
    const { state, now } = clock();
    const limiter = new RateLimiter(policy, now);
    failTimes(limiter, "a", 3);
    expect(limiter.reserve("a")).toEqual({ allowed: false, retryAfterSec: 60 });
    state.now += 45_500;
    expect(limiter.check("a")).toEqual({ allowed: false, retryAfterSec: 15 });
    state.now += 15_000;
    expect(limiter.check("a").allowed).toBe(true);
  });

  it("counts attempts still being checked, so parallel ones cannot pass the limit", () => {
    const limiter = new RateLimiter(policy, clock().now);
    const results = Array.from({ length: 40 }, () => limiter.reserve("a"));
    expect(results.filter((r) => r.allowed)).toHaveLength(3);
    expect(results[3]).toEqual({ allowed: false, retryAfterSec: 1 });
    for (let i = 0; i < 3; i++) limiter.fail("a");
    expect(limiter.check("a")).toEqual({ allowed: false, retryAfterSec: 60 });
  });

  it("gives a released slot back uncounted and forgets a key on success", () => {
    const limiter = new RateLimiter(policy, clock().now);
    failTimes(limiter, "a", 2);
    limiter.reserve("a");
    limiter.release("a");
    expect(limiter.reserve("a").allowed).toBe(true);
    limiter.forget("a");
    failTimes(limiter, "a", 2);
    expect(limiter.check("a").allowed).toBe(true);
  });

  it("doubles each lock up to the maximum, and forgives once quiet", () => {
    const { state, now } = clock();
    const limiter = new RateLimiter(policy, now);
    const locks: number[] = [];
    for (let round = 0; round < 6; round++) {
      failTimes(limiter, "a", 3);
      const result = limiter.check("a");
      locks.push(result.allowed ? 0 : result.retryAfterSec);
      state.now += result.allowed ? 0 : result.retryAfterSec * 1000;
    }
    expect(locks).toEqual([60, 120, 240, 480, 480, 480]);
    // Quiet for a window and the longest lock: back to the first lock's length.
    state.now += policy.windowMs + policy.maxLockMs;
    failTimes(limiter, "a", 3);
    expect(limiter.check("a")).toEqual({ allowed: false, retryAfterSec: 60 });
  });

  it("starts a new window after a quiet one", () => {
    const { state, now } = clock();
    const limiter = new RateLimiter(policy, now);
    failTimes(limiter, "a", 2);
    state.now += policy.windowMs;
    failTimes(limiter, "a", 2);
    expect(limiter.check("a").allowed).toBe(true);
  });

  it("stays bounded in memory under many distinct keys", () => {
    const limiter = new RateLimiter({ ...policy, limit: 1 }, Date.now, 100);
    for (let i = 0; i < 1_000; i++) failTimes(limiter, `ip:${i}`, 1);
    expect((limiter as unknown as { entries: Map<string, unknown> }).entries.size).toBeLessThanOrEqual(100);
    expect(limiter.check("ip:999").allowed).toBe(false);
  });
});

describe("login throttle", () => {
  const throttle = () => new LoginThrottle(new RateLimiter({ ...policy, limit: 10 }, clock().now), new RateLimiter(policy, clock().now));
  const fail = (t: LoginThrottle, email: string, address: string) => {
    const begun = t.begin(email, address);
    if (!begun.allowed) return false;
    begun.attempt.failed();
    return true;
  };

  it("locks the (account, address) pair, not the account from other addresses", () => {
    const t = throttle();
    for (let i = 0; i < 3; i++) expect(fail(t, "owner@x", "6.6.6.6")).toBe(true);
    expect(t.begin("owner@x", "6.6.6.6").allowed).toBe(false);
    expect(t.begin("owner@x", "10.0.0.2").allowed).toBe(true);
  });

  it("locks an address across accounts", () => {
    const t = throttle();
    for (let i = 0; i < 10; i++) expect(fail(t, `guess-${i}@x`, "6.6.6.6")).toBe(true);
    expect(t.begin("owner@x", "6.6.6.6").allowed).toBe(false);
  });

  it("settles an attempt once, and a success clears the pair", () => {
    const t = throttle();
    for (let i = 0; i < 2; i++) fail(t, "owner@x", "10.0.0.2");
    const begun = t.begin("owner@x", "10.0.0.2");
    if (!begun.allowed) throw new Error("refused");
    begun.attempt.succeeded();
    begun.attempt.failed();
    begun.attempt.cancelled();
    for (let i = 0; i < 2; i++) expect(fail(t, "owner@x", "10.0.0.2")).toBe(true);
    expect(t.begin("owner@x", "10.0.0.2").allowed).toBe(true);
  });
});
