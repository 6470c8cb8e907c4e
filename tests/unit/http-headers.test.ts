// The security headers server.ts sets: nonce-based script policy, HSTS only over HTTPS.
import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, newNonce, securityHeaders, servedOverHttps } from "@/lib/http/headers";

const plainSocket = {};

describe("security headers", () => {
  it("allows scripts by nonce only, eval only in development", () => {
    const production = contentSecurityPolicy({ dev: false, nonce: "abc123==", https: false });
    expect(production).toContain("script-src 'self' 'nonce-abc123==' 'strict-dynamic'");
    expect(production).not.toMatch(/script-src[^;]*unsafe-(inline|eval)/);
    expect(contentSecurityPolicy({ dev: true, nonce: "abc", https: false })).toMatch(/script-src[^;]*'unsafe-eval'/);
  });

  it("makes a new nonce each time, in the form Next reads", () => {
    const a = newNonce();
    expect(a).toMatch(/^[A-Za-z0-9+/]+={0,2}$/);
    expect(newNonce()).not.toBe(a);
  });

  it("sends HSTS only over HTTPS", () => {
    expect(securityHeaders({ dev: false, nonce: "n", https: true })["Strict-Transport-Security"]).toMatch(/^max-age=/);
    expect(securityHeaders({ dev: false, nonce: "n", https: false })["Strict-Transport-Security"]).toBeUndefined();
  });

  it("believes X-Forwarded-Proto only with TRUST_PROXY", () => {
    const forwarded = (value: string) => ({ headers: { "x-forwarded-proto": value }, socket: plainSocket });
    expect(servedOverHttps(forwarded("https"), 1)).toBe(true);
    expect(servedOverHttps(forwarded("HTTPS"), 1)).toBe(true);
    expect(servedOverHttps(forwarded("https"), 0)).toBe(false);
    expect(servedOverHttps(forwarded("http"), 1)).toBe(false);
    expect(servedOverHttps({ headers: {}, socket: { encrypted: true } }, 0)).toBe(true);
  });
});
