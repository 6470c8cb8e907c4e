// The one answer every server action gives, read by client components (so no
// "server-only" here). A failure carries a message written for a person and, for
// forms, the messages of each field that needs fixing.

export type FieldErrors = Record<string, string[] | undefined>;

export type ActionResult<T = undefined> = { ok: true; data: T; message?: string } | { ok: false; error: string; fieldErrors?: FieldErrors };

/** What a form shows under its fields: a failure's field errors, or none. */
export function fieldErrorsOf(result: ActionResult<unknown> | null | undefined): FieldErrors {
  return result && !result.ok ? (result.fieldErrors ?? {}) : {};
}

/** The line a form shows for a result, if any: the success message, or an error the fields do not already show. */
export function formMessage(result: ActionResult<unknown> | null | undefined): string | undefined {
  if (!result) return undefined;
  if (result.ok) return result.message;
  return Object.keys(result.fieldErrors ?? {}).length ? undefined : result.error;
}
