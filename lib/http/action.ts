import "server-only";
// The one way a server action runs (house style: next-learn's order, dub's
// authActionClient): authenticate, parse with the shared zod schema, do the work,
// revalidate, and answer one ActionResult. Everything that can fail, signing in
// included, happens inside the try, so a stale session gets "Sign in to continue."
// instead of the error boundary. A redirect, which Next does by throwing, comes last
// and outside it.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { authenticate, type Authenticated } from "@/lib/auth/session";
import { actionErrorMessage } from "@/lib/http/action-errors";
import type { ActionResult } from "@/lib/http/action-result";

export type { ActionResult } from "@/lib/http/action-result";

/** A path to revalidate; `layout` revalidates everything below it too. */
export type RevalidateTarget = string | { path: string; type: "layout" | "page" };

export type ActionOptions<I, T> = {
  /** What the action does, as the start of a sentence: "Deleting the tag" → "Deleting the tag failed. …". */
  what: string;
  /** Revalidated after the work succeeds. */
  revalidate?: RevalidateTarget[] | ((input: I) => RevalidateTarget[]);
  /** The success line shown to the person, if any. */
  message?: string | ((data: T) => string);
  /** Where to send the browser after success (outside the try: Next redirects by throwing). */
  redirect?: string;
};

type Handler<I, C, T> = (input: I, context: C) => Promise<T>;

async function perform<S extends z.ZodType, C, T>(
  schema: S,
  raw: unknown,
  context: () => Promise<C>,
  handler: Handler<z.output<S>, C, T>,
  options: ActionOptions<z.output<S>, T>,
): Promise<ActionResult<T>> {
  let result: ActionResult<T>;
  try {
    const who = await context();
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      const fieldErrors = z.flattenError(parsed.error).fieldErrors as Record<string, string[] | undefined>;
      return { ok: false, error: actionErrorMessage(parsed.error, options.what), fieldErrors };
    }
    const data = await handler(parsed.data, who);
    const targets = typeof options.revalidate === "function" ? options.revalidate(parsed.data) : (options.revalidate ?? []);
    for (const target of targets) {
      if (typeof target === "string") revalidatePath(target);
      else revalidatePath(target.path, target.type);
    }
    const message = typeof options.message === "function" ? options.message(data) : options.message;
    result = message === undefined ? { ok: true, data } : { ok: true, data, message };
  } catch (error) {
    return { ok: false, error: actionErrorMessage(error, options.what) };
  }
  if (options.redirect) redirect(options.redirect);
  return result;
}

const signedIn = () => authenticate();
const nobody = async () => null;

/** A server action called with one argument, for a signed-in person. */
export function authAction<S extends z.ZodType, T>(schema: S, handler: Handler<z.output<S>, Authenticated, T>, options: ActionOptions<z.output<S>, T>) {
  return async (input: z.input<S>): Promise<ActionResult<T>> => perform(schema, input, signedIn, handler, options);
}

type FormOptions<I, T> = ActionOptions<I, T> & {
  /** Turns the form's fields into the schema's input (checkboxes send nothing when off, blanks mean "none"). */
  fromForm?: (fields: Record<string, FormDataEntryValue>) => unknown;
};

function formAction<S extends z.ZodType, C, T>(
  schema: S,
  context: () => Promise<C>,
  handler: Handler<z.output<S>, C, T>,
  options: FormOptions<z.output<S>, T>,
) {
  return async (_previous: ActionResult<T> | null, formData: FormData): Promise<ActionResult<T>> => {
    const fields = Object.fromEntries(formData);
    return perform(schema, options.fromForm ? options.fromForm(fields) : fields, context, handler, options);
  };
}

/** A form action (useActionState's `(state, formData)`), for a signed-in person. */
export function authFormAction<S extends z.ZodType, T>(schema: S, handler: Handler<z.output<S>, Authenticated, T>, options: FormOptions<z.output<S>, T>) {
  return formAction(schema, signedIn, handler, options);
}

/** A form action that runs without a session. Only first-run setup may use it; the access sweep checks each one. */
export function publicFormAction<S extends z.ZodType, T>(schema: S, handler: Handler<z.output<S>, null, T>, options: FormOptions<z.output<S>, T>) {
  return formAction(schema, nobody, handler, options);
}
