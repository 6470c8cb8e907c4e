// Next's router decodes the path before any route handler runs, and a broken percent
// escape (`/api/jobs/%`, bytes that are not UTF-8) makes it throw: a plain-text 500.
// server.ts answers those /api requests itself, as JSON in the API's error shape.
// No "server-only": server.ts runs outside Next.
import type { ServerResponse } from "node:http";

const MESSAGE =
  "This address has a broken percent escape (a % not followed by two hex digits, or bytes that are not UTF-8). Encode the address properly and try again.";

/** True for an API path (/api, /v1, /compat) Next would fail to decode. Only the path: query strings are the routes' to judge. */
export function isMalformedApiUrl(url: string | undefined): boolean {
  const pathname = (url ?? "/").split(/[?#]/, 1)[0];
  if (!/^\/(api|v1|compat)(\/|$)/i.test(pathname)) return false;
  try {
    decodeURIComponent(pathname);
    return false;
  } catch {
    return true;
  }
}

export function answerMalformedUrl(res: ServerResponse, requestId: string): void {
  res.statusCode = 400;
  res.setHeader("content-type", "application/json");
  res.setHeader("cache-control", "no-store");
  res.end(JSON.stringify({ error: { code: "bad_request", message: MESSAGE, requestId } }));
}
