import "server-only";
// The wrapper every route handler goes through: authenticate with requireUser()
// (unless the route is public), run, and map failures to `{ error: { code, message,
// requestId } }` with the right status. Nothing internal (stacks, paths) leaves.
import { NextResponse, type NextRequest } from "next/server";
import { ZodError } from "zod";
import { requireUser } from "@/lib/auth/session";
import { userFromApiToken } from "@/lib/auth/tokens";
import type { SessionUser } from "@/lib/auth/users";
import { failedCommitCause } from "@/lib/db";
import { diskFullError, isDiskFull, isSeleniteError, SeleniteError } from "@/lib/errors";
import { REQUEST_ID_HEADER } from "@/lib/http/headers";
import { logger } from "@/lib/logger";

type RouteContext = { params: Promise<Record<string, string | string[] | undefined>> };
type Handler<U> = (request: NextRequest, ctx: { user: U; params: Record<string, string | string[] | undefined>; requestId: string }) => Promise<Response>;

export function errorResponse(error: unknown, requestId: string): NextResponse {
  if (error instanceof ZodError) {
    const first = error.issues[0];
    const where = first?.path.length ? `${first.path.join(".")}: ` : "";
    return NextResponse.json({ error: { code: "unprocessable", message: `${where}${first?.message ?? "Invalid input."}`, requestId } }, { status: 422 });
  }
  if (isSeleniteError(error)) {
    return NextResponse.json({ error: { code: error.code, message: error.message, requestId } }, { status: error.status });
  }
  if (isDiskFull(failedCommitCause(error) ?? error)) {
    logger.warn({ err: error, requestId }, "a write failed: the disk is full");
    return errorResponse(diskFullError(error), requestId);
  }
  logger.error({ err: error, requestId }, "unhandled error in route handler");
  return NextResponse.json(
    { error: { code: "internal", message: "Something went wrong on the server. The log has the details.", requestId } },
    { status: 500 },
  );
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * CSRF: a state-changing request authenticated by the session cookie must come from
 * our own pages (Origin = Host). Token-authenticated scripts send no cookie to forge.
 */
function assertSameOrigin(request: NextRequest): void {
  if (SAFE_METHODS.has(request.method) || request.headers.get("authorization")) return;
  const origin = request.headers.get("origin");
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  let originHost: string | null = null;
  try {
    originHost = origin ? new URL(origin).host : null;
  } catch {
    originHost = null;
  }
  if (!originHost || originHost !== host) {
    throw new SeleniteError("forbidden", "This request did not come from Selenite's own pages. Reload the page and try again.");
  }
}

type Params = Record<string, string | string[] | undefined>;
/** Turns a failure into the response a route's clients understand (ours by default; the compatible APIs bring their own). */
export type ErrorShape = (error: unknown, requestId: string) => Response;

function wrap<U>(authenticate: (params: Params) => Promise<U>, handler: Handler<U>, checkOrigin: boolean, shape: ErrorShape = errorResponse) {
  return async (request: NextRequest, context: RouteContext): Promise<Response> => {
    const requestId = request.headers.get(REQUEST_ID_HEADER) ?? "none";
    try {
      const params = context?.params ? await context.params : {};
      const user = await authenticate(params);
      if (checkOrigin) assertSameOrigin(request);
      return await handler(request, { user, params, requestId });
    } catch (error) {
      return shape(error, requestId);
    }
  };
}

/** A route that needs a signed-in user or an API token. */
export function withUser(handler: Handler<SessionUser>, options: { errors?: ErrorShape } = {}) {
  return wrap(requireUser, handler, true, options.errors);
}

/**
 * A route for clients that cannot send a header (Bazarr's whisper-asr-webservice
 * provider): the API token is the `[token]` path segment, as revocable as any token.
 * No cookie is looked at, so there is nothing for another site to forge.
 */
export function withPathToken(handler: Handler<SessionUser>, options: { errors?: ErrorShape } = {}) {
  const authenticate = async (params: Params) => {
    const token = params.token;
    const user = typeof token === "string" ? await userFromApiToken(token) : null;
    if (!user)
      throw new SeleniteError("unauthorized", "The API token in this URL is wrong or revoked. Copy the compatible URL again from Settings → API tokens.");
    return user;
  };
  return wrap(authenticate, handler, false, options.errors);
}

/** A route anyone may call (health, auth). Keep this list short. */
export function publicRoute(handler: Handler<null>) {
  return wrap(async () => null, handler, false);
}

/** Reads a route parameter (Next passes strings for [id] segments). */
export function param(params: Record<string, string | string[] | undefined>, name: string): string {
  const value = params[name];
  if (typeof value !== "string" || value.length === 0 || value.length > 64) throw new SeleniteError("not_found", "Not found.");
  return value;
}

/** Query string as a plain object for zod. */
export function queryOf(request: NextRequest): Record<string, string> {
  return Object.fromEntries(request.nextUrl.searchParams.entries());
}

/** Parses a JSON body, turning malformed JSON into a 400 a person can read. An empty body is `{}` when optional. */
export async function readJson(request: Request, options: { optional?: boolean } = {}): Promise<unknown> {
  const text = await request.text();
  if (!text.trim()) {
    if (options.optional) return {};
    throw new SeleniteError("bad_request", "The request needs a JSON body.");
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new SeleniteError("bad_request", "The request body is not valid JSON.");
  }
}
