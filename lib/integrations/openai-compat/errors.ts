import "server-only";
// OpenAI's error shape, `{ error: { message, type, param, code } }`, for the
// OpenAI-compatible routes: the official clients read it into their APIError types.
import { NextResponse } from "next/server";
import { ZodError } from "zod";
import { errorResponse } from "@/lib/http/api";
import { SeleniteError } from "@/lib/errors";

/** A failure that names the request field at fault and OpenAI's code for it. */
export class OpenAiError extends SeleniteError {
  constructor(
    code: ConstructorParameters<typeof SeleniteError>[0],
    message: string,
    readonly detail: { param?: string; openaiCode?: string; status?: number; headers?: Record<string, string> } = {},
  ) {
    super(code, message, { status: detail.status });
  }
}

const UNAUTHORIZED =
  "The API key is missing, wrong or revoked. Send a Selenite API token as the API key (Authorization: Bearer <token>); create one in Settings → API tokens.";

function typeFor(status: number): string {
  if (status === 401) return "authentication_error";
  if (status === 403) return "permission_error";
  if (status === 429) return "rate_limit_error";
  if (status >= 500) return "server_error";
  return "invalid_request_error";
}

export function openAiError(status: number, message: string, extra: { param?: string | null; code?: string | null; headers?: Record<string, string> } = {}) {
  return NextResponse.json(
    { error: { message, type: typeFor(status), param: extra.param ?? null, code: extra.code ?? null } },
    { status, headers: extra.headers },
  );
}

export function openAiErrorResponse(error: unknown, requestId: string): Response {
  if (error instanceof ZodError) {
    const first = error.issues[0];
    const param = first?.path.length ? first.path.join(".") : null;
    return openAiError(400, first?.message ?? "Invalid request.", { param, code: "invalid_value" });
  }
  if (error instanceof OpenAiError) {
    return openAiError(error.status, error.message, { param: error.detail.param, code: error.detail.openaiCode ?? error.code, headers: error.detail.headers });
  }
  if (error instanceof SeleniteError && error.code === "unauthorized") {
    // OpenAI clients send an API key, never a cookie: say what key to send.
    return openAiError(401, UNAUTHORIZED, { code: "invalid_api_key" });
  }
  if (error instanceof SeleniteError) {
    const code = error.code;
    // OpenAI answers bad input with 400; our 415/422 media refusals say the same thing.
    const status = error.status === 422 || error.status === 415 ? 400 : error.status;
    return openAiError(status, error.message, { param: error.code.startsWith("media_") ? "file" : null, code });
  }
  // Anything else is logged and becomes our generic 500; its message is rewrapped.
  const generic = errorResponse(error, requestId);
  return openAiError(generic.status, "Something went wrong on the server. The log has the details.", { code: "internal" });
}
