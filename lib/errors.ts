// One error type for the whole app: a code that maps to an HTTP status and a message
// written for a person. Route handlers and actions turn it into their responses;
// anything else that escapes becomes a generic 500 without internals.

export const ERROR_STATUS = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media: 415,
  unprocessable: 422,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
  insufficient_storage: 507,
  // Media failures: the job fails with the message; over HTTP they are 415/422.
  media_empty: 422,
  media_not_media: 415,
  media_no_audio: 422,
  media_corrupt: 422,
  cancelled: 409,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class SeleniteError extends Error {
  readonly code: ErrorCode;
  readonly status: number;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown; status?: number }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = "SeleniteError";
    this.code = code;
    this.status = options?.status ?? ERROR_STATUS[code];
  }
}

export function isSeleniteError(error: unknown): error is SeleniteError {
  return error instanceof SeleniteError;
}
