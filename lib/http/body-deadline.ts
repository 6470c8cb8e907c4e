// Every request body must have arrived within REQUEST_BODY_TIMEOUT_SEC of its
// headers; otherwise a client trickling a byte every few seconds (to a sign-in form,
// a server action, or an upload that was refused with 401 while Node drains its body)
// holds a connection forever. Only a route that has authenticated the request and
// streams its body under its own progress watch (uploads: UPLOAD_IDLE_TIMEOUT_SEC)
// lifts the deadline, so the tight bound holds until a session is known.
// On globalThis: server.ts and Next's route handlers are separate module graphs in one process.
import type http from "node:http";

const globalForDeadlines = globalThis as unknown as { seleniteBodyDeadlines?: Map<string, () => void> };
const deadlines = (globalForDeadlines.seleniteBodyDeadlines ??= new Map());

function hasBody(req: http.IncomingMessage): boolean {
  return req.headers["transfer-encoding"] !== undefined || Number(req.headers["content-length"] ?? 0) > 0;
}

/** Calls `onExpired` if `req`'s body is still arriving after `timeoutMs`, unless lifted first. */
export function startBodyDeadline(req: http.IncomingMessage, requestId: string, timeoutMs: number, onExpired: () => void): void {
  if (!hasBody(req)) return;
  const clear = () => {
    clearTimeout(timer);
    deadlines.delete(requestId);
  };
  const timer = setTimeout(() => {
    clear();
    if (!req.complete && !req.socket.destroyed) onExpired();
  }, timeoutMs);
  timer.unref();
  deadlines.set(requestId, clear);
  req.once("end", clear);
  req.once("close", clear);
}

/** For an authenticated request whose body the caller now bounds itself (uploads' idle watch). */
export function liftBodyDeadline(requestId: string | null): void {
  if (requestId) deadlines.get(requestId)?.();
}
