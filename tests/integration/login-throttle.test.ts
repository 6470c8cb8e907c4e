// Sign-in throttling through the real server behind one trusted proxy (TRUST_PROXY=true),
// so each test plays its own client address in the X-Forwarded-For entry the proxy
// would append: parallel guesses are counted before the hash (issue 11.4), guesses from
// one address do not lock the owner out elsewhere and are listed in Settings (11.5),
// and a client-written X-Forwarded-For entry moves nobody to a fresh address (11.10).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { csrfPair, openDb, signInCookie, signInError } from "../helpers/auth";
import { startServer, type TestServer } from "../helpers/server";

const OWNER = { email: "owner@example.com", password: "owner-password-1" };
const WRONG = "Wrong email or password.";
const THROTTLED = /^Too many failed sign-in attempts\. Try again in \d+ s\.$/;

let server: TestServer;

/** Headers of a request that came through the proxy from `address`, after `written` (the client's own entries). */
const via = (address: string, written: string[] = []) => ({ "x-forwarded-for": [...written, address].join(", ") });

beforeAll(async () => {
  server = await startServer({ env: { ADMIN_EMAIL: OWNER.email, ADMIN_PASSWORD: OWNER.password, TRUST_PROXY: "true" } });
});

afterAll(async () => {
  await server?.stop();
});

describe("sign-in throttling", () => {
  it("checks at most 5 of 40 parallel wrong passwords from one address; the rest are refused unhashed", async () => {
    const attacker = via("203.0.113.10");
    // Tokens first, then every POST at once: all 40 are in flight before any hash ends.
    const tokens = await Promise.all(Array.from({ length: 40 }, () => csrfPair(server, attacker)));
    const answers = await Promise.all(tokens.map((csrf, i) => signInError(server, OWNER.email, `wrong-${i}`, { headers: attacker, csrf })));
    const checked = answers.filter((a) => a === WRONG).length;
    expect(checked).toBeGreaterThanOrEqual(1);
    expect(checked).toBeLessThanOrEqual(5);
    expect(answers.filter((a) => a !== WRONG).every((a) => THROTTLED.test(a ?? ""))).toBe(true);
    // Now locked for that address, even with the right password.
    expect(await signInError(server, OWNER.email, OWNER.password, { headers: attacker })).toMatch(THROTTLED);
  });

  it("still signs the owner in from an address that has not failed, and shows them the failures", async () => {
    expect(await signInError(server, OWNER.email, OWNER.password, { headers: via("198.51.100.20") })).toBeNull();
    const cookie = await signInCookie(server, OWNER.email, OWNER.password, via("198.51.100.20"));
    const page = await fetch(`${server.url}/settings`, { headers: { cookie } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Failed sign-ins");
    // Only the failures table: the Sessions card rightly lists the owner's own address.
    const failures = html.match(/<table[^>]*data-testid="sign-in-failures"[\s\S]*?<\/table>/)?.[0] ?? "";
    expect(failures).toContain("203.0.113.10");
    expect(failures).not.toContain("198.51.100.20");

    const db = openDb(server);
    try {
      const rows = db.prepare(`SELECT address, count FROM "SignInFailure"`).all() as { address: string; count: number }[];
      expect(rows).toHaveLength(1);
      expect(rows[0].address).toBe("203.0.113.10");
      expect(rows[0].count).toBeGreaterThanOrEqual(1);
      expect(rows[0].count).toBeLessThanOrEqual(5);
    } finally {
      db.close();
    }
  });

  it("ignores the client-written left-most X-Forwarded-For entries: a throttled address stays throttled", async () => {
    for (let i = 0; i < 5; i++) {
      const spoofed = via("203.0.113.10", [`10.9.9.${i}`, "198.51.100.20"]);
      expect(await signInError(server, OWNER.email, OWNER.password, { headers: spoofed })).toMatch(THROTTLED);
    }
    // And spoofing the owner's good address from a fresh one earns no credit for it:
    // guesses count against the proxy-seen address, not the written one.
    const fresh = via("192.0.2.77", ["198.51.100.20"]);
    for (let i = 0; i < 5; i++) expect(await signInError(server, OWNER.email, `guess-${i}`, { headers: fresh })).toBe(WRONG);
    expect(await signInError(server, OWNER.email, OWNER.password, { headers: fresh })).toMatch(THROTTLED);
    expect(await signInError(server, OWNER.email, OWNER.password, { headers: via("198.51.100.20") })).toBeNull();
  });
});
