// Calls a server action the way React's client does: POST to a page that carries it,
// `Next-Action: <id>`, arguments encoded as a JSON array, or as multipart with the
// FormData's fields prefixed "_1_" and then the root array in field "0" (a form action
// called through useActionState gets `(state, formData)`).

export type ActionArgs = { json?: unknown[]; form?: Record<string, string> };

export type ActionCall = { status: number; text: string; result: string; threw: boolean; headers: Headers };

export async function postAction(
  baseUrl: string,
  action: { id: string; page: string },
  args: ActionArgs,
  options: { cookie?: string; origin?: string; signal?: AbortSignal } = {},
): Promise<ActionCall> {
  const headers: Record<string, string> = { "next-action": action.id, accept: "text/x-component", origin: options.origin ?? baseUrl };
  if (options.cookie) headers.cookie = options.cookie;
  let body: BodyInit;
  if (args.form) {
    const form = new FormData();
    for (const [key, value] of Object.entries(args.form)) form.append(`_1_${key}`, value);
    // Last, as React writes it: the server resolves "$K1" from the fields read before it.
    form.set("0", JSON.stringify([{}, "$K1"]));
    body = form;
  } else {
    headers["content-type"] = "text/plain;charset=UTF-8";
    body = JSON.stringify(args.json ?? []);
  }
  const response = await fetch(`${baseUrl}${action.page}`, { method: "POST", headers, body, redirect: "manual", signal: options.signal });
  const text = await response.text();
  // RSC rows: "0:{...}" is the envelope, "1:..." the action's return value or "1:E{digest}" when it threw.
  const result = /^1:(.*)$/m.exec(text)?.[1] ?? "";
  return { status: response.status, text, result, threw: result.startsWith("E{"), headers: response.headers };
}
