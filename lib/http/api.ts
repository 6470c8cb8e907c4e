import "server-only";
// The wrapper every route handler goes through: authenticate with requireUser()
// (unless the route is public), run, and map failures to `{ error: { code, message,
// requestId } }` with the right status. Nothing internal (stacks, paths) leaves.
import { NextResponse, type NextRequest } from "next/server";
import { ZodError } from "zod";
import { requireUser } from "@/lib/auth/session";
import type { SessionUser } from "@/lib/auth/users";
import { isSeleniteError, SeleniteError } from "@/lib/errors";
import { REQUEST_ID_HEADER } from "@/lib/http/headers";
import { logger } from "@/lib/logger";

type RouteContext = { params: Promise<Record<string, string | string[] | undefined>> };
type Handler<U> = (request: NextRequest, ctx: { user: U; params: Record<string, string | string[] | undefined>; requestId: string }) => Promise<Response>;

export function errorResponse(error: unknown, requestId: string): NextResponse {
  if (error instanceof ZodError) {
    const first = error.issues[0];
    const where = first?.path.length ? `${first.path.join(".")}: ` : "";
    return NextResponse.json(
      { error: { code: "unprocessable", message: `${where}${first?.message ?? "Invalid input."}`, requestId } },
      { status: 422 },
    );
  }
  if (isSeleniteError(error)) {
    return NextResponse.json({ error: { code: error.code, message: error.message, requestId } }, { status: error.status });
  }
  logger.error({ err: error, requestId }, "unhandled error in route handler");
  return NextResponse.json(
    { error: { code: "internal", message: "Something went wrong on the server. The log has the details.", requestId } },
    { status: 500 },
  );
}

function wrap<U>(authenticate: () => Promise<U>, handler: Handler<U>) {
  return async (request: NextRequest, context: RouteContext): Promise<Response> => {
    const requestId = request.headers.get(REQUEST_ID_HEADER) ?? "none";
    try {
      const user = await authenticate();
      const params = context?.params ? await context.params : {};
      return await handler(request, { user, params, requestId });
    } catch (error) {
      return errorResponse(error, requestId);
    }
  };
}

/** A route that needs a signed-in user or an API token. */
export function withUser(handler: Handler<SessionUser>) {
  return wrap(requireUser, handler);
}

/** A route anyone may call (health, auth). Keep this list short. */
export function publicRoute(handler: Handler<null>) {
  return wrap(async () => null, handler);
}

/** Parses a JSON body, turning malformed JSON into a 400 a person can read. */
export async function readJson(request: Request): Promise<unknown> {
  try {
    return await request.json();
  } catch {
    throw new SeleniteError("bad_request", "The request body is not valid JSON.");
  }
}
