import { describe, expect, it } from "vitest";
import { RateLimiter } from "@/lib/auth/rate-limit";

describe("rate limiter", () => {
  it("blocks after the limit and says how long to wait", () => {
    let now = 1_000_000;
    const limiter = new RateLimiter(3, 60_000, () => now);
    for (let i = 0; i < 3; i++) {
      expect(limiter.check("ip:1").allowed).toBe(true);
      limiter.hit("ip:1");
    }
    const blocked = limiter.check("ip:1");
    expect(blocked).toEqual({ allowed: false, retryAfterSec: 60 });
    now += 45_500;
    expect(limiter.check("ip:1")).toEqual({ allowed: false, retryAfterSec: 15 });
    now += 15_000;
    expect(limiter.check("ip:1").allowed).toBe(true);
  });

  it("keeps keys apart and forgets a key on reset", () => {
    const limiter = new RateLimiter(1, 60_000);
    limiter.hit("account:a");
    expect(limiter.check("account:a").allowed).toBe(false);
    expect(limiter.check("account:b").allowed).toBe(true);
    limiter.reset("account:a");
    expect(limiter.check("account:a").allowed).toBe(true);
  });

  it("stays bounded in memory under many distinct keys", () => {
    const limiter = new RateLimiter(1, 60_000, Date.now, 100);
    for (let i = 0; i < 1_000; i++) limiter.hit(`ip:${i}`);
    expect((limiter as unknown as { hits: Map<string, unknown> }).hits.size).toBeLessThanOrEqual(100);
    expect(limiter.check("ip:999").allowed).toBe(false);
  });
});
