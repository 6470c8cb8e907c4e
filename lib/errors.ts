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

export const DISK_FULL_MESSAGE = "The disk holding Selenite's data is full. Free some space and try again.";

const DISK_FULL_CODES = new Set(["SQLITE_FULL", "ENOSPC", "EDQUOT"]);

/**
 * Whether a failure was the disk filling up: SQLite's SQLITE_FULL or the system's
 * ENOSPC/EDQUOT, found on the error or its causes, or in the text of a Prisma error
 * (which wraps the driver's error into its message).
 */
export function isDiskFull(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    if (typeof current !== "object") return false;
    const { code, message, cause } = current as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof code === "string" && DISK_FULL_CODES.has(code)) return true;
    if (typeof message === "string" && /\bSQLITE_FULL\b|database or disk is full|\bENOSPC\b|no space left on device/i.test(message)) return true;
    current = cause;
  }
  return false;
}

/** The error a full disk becomes wherever it surfaces (routes and actions alike): 507 and what to do. */
export function diskFullError(cause: unknown): SeleniteError {
  return new SeleniteError("insufficient_storage", DISK_FULL_MESSAGE, { cause });
}
