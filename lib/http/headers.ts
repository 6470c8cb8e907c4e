// Headers the custom server sets on every request and response. Shared by
// server.ts and Next's server code; no "server-only".
import { randomBytes } from "node:crypto";

/** Set by server.ts from the socket (or X-Forwarded-For with TRUST_PROXY); any incoming copy is replaced. */
export const CLIENT_IP_HEADER = "x-selenite-client-ip";
export const REQUEST_ID_HEADER = "x-request-id";
/** Set by server.ts from the request line: the path and query asked for, so a signed-out visitor returns there after signing in. */
export const REQUEST_PATH_HEADER = "x-selenite-path";
/** This request's CSP nonce, set by server.ts; the root layout hands it to inline scripts it renders itself. */
export const NONCE_HEADER = "x-nonce";

/**
 * The entry of a comma-separated forwarding header (X-Forwarded-For, -Proto) that the
 * client-facing trusted proxy wrote. Each trusted proxy appends what it saw, so behind
 * n of them it is the n-th entry from the right; everything further left was written by
 * the client and is never used. Undefined without trusted proxies or the header.
 */
function trustedHop(header: string | string[] | undefined, trustedProxies: number): string | undefined {
  const value = Array.isArray(header) ? header.join(",") : header;
  if (trustedProxies <= 0 || !value) return undefined;
  const hops = value
    .split(",")
    .map((hop) => hop.trim())
    .filter(Boolean);
  // Fewer hops than proxies: the request skipped some; the left-most is still proxy-written.
  return hops.at(-Math.min(trustedProxies, hops.length));
}

/** The client's address: the TCP peer, or with TRUST_PROXY the trusted X-Forwarded-For hop. */
export function clientAddress(forwarded: string | string[] | undefined, peer: string | undefined, trustedProxies: number): string {
  return trustedHop(forwarded, trustedProxies) ?? peer ?? "unknown";
}

// Two years, the preload list's minimum; no includeSubDomains, since other services on
// a home network's domain may still be plain HTTP.
const HSTS = "max-age=63072000";

/** A fresh nonce for one response (base64, as Next's nonce parser expects). */
export function newNonce(): string {
  return randomBytes(18).toString("base64");
}

/**
 * Whether the browser reached us over HTTPS: a TLS socket, or, only with TRUST_PROXY,
 * the client-facing proxy's X-Forwarded-Proto.
 */
export function servedOverHttps(request: { headers: Record<string, string | string[] | undefined>; socket: object }, trustedProxies: number): boolean {
  if ((request.socket as { encrypted?: boolean }).encrypted) return true;
  return trustedHop(request.headers["x-forwarded-proto"], trustedProxies)?.toLowerCase() === "https";
}

export function contentSecurityPolicy(options: { dev: boolean; nonce: string; https: boolean }): string {
  return [
    "default-src 'self'",
    // Next puts the nonce on every script it renders (it reads it from this header on
    // the request); 'strict-dynamic' lets those scripts load the chunks they need.
    // No inline script runs without the nonce; eval only for dev's fast refresh.
    `script-src 'self' 'nonce-${options.nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ""}`,
    // React and Radix set style attributes, which nonces cannot cover.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob:",
    "font-src 'self' data:",
    `connect-src 'self'${options.dev ? " ws: wss:" : ""}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(options.https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

export function securityHeaders(options: { dev: boolean; nonce: string; https: boolean }): Record<string, string> {
  return {
    "Content-Security-Policy": contentSecurityPolicy(options),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    ...(options.https ? { "Strict-Transport-Security": HSTS } : {}),
  };
}
