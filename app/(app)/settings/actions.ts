"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authenticate, requireUser } from "@/lib/auth/session";
import { createApiToken, revokeApiToken } from "@/lib/auth/tokens";
import { revokeOtherUserSessions, revokeUserSession } from "@/lib/auth/user-sessions";
import { changePassword } from "@/lib/auth/users";
import { actionErrorMessage } from "@/lib/http/action-errors";
import { updateSettings } from "@/lib/settings/service";
import { apiTokenSchema, changePasswordSchema, type FormState } from "@/lib/validation/auth";
import { settingsSchema } from "@/lib/validation/jobs";

function failure(error: unknown, what: string): FormState {
  return { message: actionErrorMessage(error, what) };
}

export async function changePasswordAction(_state: FormState, formData: FormData): Promise<FormState> {
  const user = await requireUser();
  const parsed = changePasswordSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { errors: z.flattenError(parsed.error).fieldErrors };
  try {
    await changePassword(user.id, parsed.data.current, parsed.data.password);
  } catch (error) {
    return failure(error, "Changing the password");
  }
  return { ok: true, message: "Password changed. Sign in again with the new password." };
}

export type TokenState = FormState & { token?: string };

export async function createTokenAction(_state: TokenState, formData: FormData): Promise<TokenState> {
  const user = await requireUser();
  const parsed = apiTokenSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { errors: z.flattenError(parsed.error).fieldErrors };
  try {
    const created = await createApiToken(user.id, parsed.data.name);
    revalidatePath("/settings");
    return { ok: true, token: created.token, message: `Token "${created.name}" created. Copy it now: it is not shown again.` };
  } catch (error) {
    return failure(error, "Creating the token");
  }
}

export async function revokeTokenAction(tokenId: string): Promise<FormState> {
  const user = await requireUser();
  const id = z.string().min(1).max(64).safeParse(tokenId);
  if (!id.success) return { message: "No such API token." };
  try {
    await revokeApiToken(user.id, id.data);
  } catch (error) {
    return failure(error, "Revoking the token");
  }
  revalidatePath("/settings");
  return { ok: true };
}

export async function revokeSessionAction(sessionId: string): Promise<FormState> {
  const { user, sessionId: current } = await authenticate();
  const id = z.string().min(1).max(64).safeParse(sessionId);
  if (!id.success) return { message: "No such session. It may have ended already." };
  // This browser signs out with the Sign out button, which also clears its cookie.
  if (id.data === current) return { message: "This is the session you are using. Use Sign out instead." };
  try {
    await revokeUserSession(user.id, id.data);
  } catch (error) {
    return failure(error, "Ending the session");
  }
  revalidatePath("/settings");
  return { ok: true };
}

export async function revokeOtherSessionsAction(): Promise<FormState> {
  const { user, sessionId } = await authenticate();
  if (!sessionId) return { message: "Only a signed-in browser can end its other sessions." };
  let count: number;
  try {
    count = await revokeOtherUserSessions(user.id, sessionId);
  } catch (error) {
    return failure(error, "Ending the other sessions");
  }
  revalidatePath("/settings");
  return { ok: true, message: count === 1 ? "Signed out 1 other session." : `Signed out ${count} other sessions.` };
}

export async function updateSettingsAction(_state: FormState, formData: FormData): Promise<FormState> {
  await requireUser();
  const raw = Object.fromEntries(formData);
  const parsed = settingsSchema.safeParse({
    ...raw,
    defaultModel: raw.defaultModel ? raw.defaultModel : null,
    cpuThreads: raw.cpuThreads ? raw.cpuThreads : null,
    // An unchecked checkbox sends nothing.
    wordTimestamps: raw.wordTimestamps === "on",
  });
  if (!parsed.success) return { errors: z.flattenError(parsed.error).fieldErrors };
  try {
    await updateSettings(parsed.data);
  } catch (error) {
    return failure(error, "Saving the settings");
  }
  revalidatePath("/", "layout");
  return { ok: true, message: "Settings saved." };
}
