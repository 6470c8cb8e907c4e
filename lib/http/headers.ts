// Headers the custom server sets on every request and response. Shared by
// server.ts and Next's server code; no "server-only".

/** Set by server.ts from the socket (or X-Forwarded-For with TRUST_PROXY); any incoming copy is replaced. */
export const CLIENT_IP_HEADER = "x-selenite-client-ip";
export const REQUEST_ID_HEADER = "x-request-id";

/**
 * The client's address. Without TRUST_PROXY it is the TCP peer and X-Forwarded-For is
 * ignored. Each trusted proxy appends the address it saw, so behind n of them the
 * client is the n-th entry from the right (the right-most hop no trusted proxy wrote);
 * everything further left was written by the client and is never used.
 */
export function clientAddress(forwarded: string | string[] | undefined, peer: string | undefined, trustedProxies: number): string {
  const header = Array.isArray(forwarded) ? forwarded.join(",") : forwarded;
  if (trustedProxies > 0 && header) {
    const hops = header.split(",").map((hop) => hop.trim()).filter(Boolean);
    // Fewer hops than proxies: the request skipped some; the left-most is still proxy-written.
    const client = hops.at(-Math.min(trustedProxies, hops.length));
    if (client) return client;
  }
  return peer ?? "unknown";
}

export function securityHeaders(options: { dev: boolean }): Record<string, string> {
  const csp = [
    "default-src 'self'",
    // Next's runtime injects inline bootstrap scripts; eval only for dev's fast refresh.
    `script-src 'self' 'unsafe-inline'${options.dev ? " 'unsafe-eval'" : ""}`,
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
  ].join("; ");
  return {
    "Content-Security-Policy": csp,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
  };
}
