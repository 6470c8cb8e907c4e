"use server";

// Settings: password, API tokens, sessions, transcription defaults, watch folders. Each goes
// through authAction/authFormAction (authenticate, parse, call lib/, revalidate).
import { z } from "zod";
import { createApiToken, revokeApiToken } from "@/lib/auth/tokens";
import { revokeOtherUserSessions, revokeUserSession } from "@/lib/auth/user-sessions";
import { changePassword } from "@/lib/auth/users";
import { SeleniteError } from "@/lib/errors";
import { authAction, authFormAction } from "@/lib/http/action";
import { updateSettings } from "@/lib/settings/service";
import { apiTokenSchema, changePasswordSchema } from "@/lib/validation/auth";
import { settingsSchema } from "@/lib/validation/jobs";
import { watchFolderInputSchema, watchFolderToggleSchema } from "@/lib/validation/watch";
import { addWatchFolder, removeWatchFolder, setWatchFolderEnabled } from "@/lib/watch/folders";

/** An id the client sent back; a malformed one is "no such thing" to the person. */
const idOf = (missing: string) => z.string(missing).min(1, missing).max(64, missing);
const settingsPage = ["/settings"];

export const changePasswordAction = authFormAction(
  changePasswordSchema,
  ({ current, password }, { user, sessionId }) => changePassword(user.id, current, password, sessionId),
  {
    what: "Changing the password",
    revalidate: settingsPage,
    message: (ended) =>
      `Password changed. ${ended === 0 ? "No other browser was signed in." : ended === 1 ? "Signed out 1 other session." : `Signed out ${ended} other sessions.`}`,
  },
);

export const createTokenAction = authFormAction(
  apiTokenSchema,
  async ({ name }, { user }) => {
    const created = await createApiToken(user.id, name);
    return { token: created.token, name: created.name };
  },
  { what: "Creating the token", revalidate: settingsPage, message: ({ name }) => `Token "${name}" created. Copy it now: it is not shown again.` },
);

export const revokeTokenAction = authAction(z.object({ tokenId: idOf("No such API token.") }), ({ tokenId }, { user }) => revokeApiToken(user.id, tokenId), {
  what: "Revoking the token",
  revalidate: settingsPage,
});

export const revokeSessionAction = authAction(
  z.object({ sessionId: idOf("No such session. It may have ended already.") }),
  async ({ sessionId }, { user, sessionId: current }) => {
    // This browser signs out with the Sign out button, which also clears its cookie.
    if (sessionId === current) throw new SeleniteError("conflict", "This is the session you are using. Use Sign out instead.");
    await revokeUserSession(user.id, sessionId);
  },
  { what: "Ending the session", revalidate: settingsPage },
);

export const revokeOtherSessionsAction = authAction(
  z.object({}),
  async (_input, { user, sessionId }) => {
    if (!sessionId) throw new SeleniteError("bad_request", "Only a signed-in browser can end its other sessions.");
    return revokeOtherUserSessions(user.id, sessionId);
  },
  {
    what: "Ending the other sessions",
    revalidate: settingsPage,
    message: (count) => (count === 1 ? "Signed out 1 other session." : `Signed out ${count} other sessions.`),
  },
);

export const updateSettingsAction = authFormAction(settingsSchema, async (input) => void (await updateSettings(input)), {
  what: "Saving the settings",
  // The defaults show on the dashboard's upload panel and every restart dialog.
  revalidate: [{ path: "/", type: "layout" }],
  message: "Settings saved.",
  fromForm: (fields) => ({
    ...fields,
    defaultModel: fields.defaultModel ? fields.defaultModel : null,
    cpuThreads: fields.cpuThreads ? fields.cpuThreads : null,
    // An unchecked checkbox sends nothing.
    wordTimestamps: fields.wordTimestamps === "on",
    vad: fields.vad === "on",
    temperatureFallback: fields.temperatureFallback === "on",
    conditionOnPreviousText: fields.conditionOnPreviousText === "on",
  }),
});

export const addWatchFolderAction = authFormAction(watchFolderInputSchema, (input, { user }) => addWatchFolder(user.id, input), {
  what: "Adding the watch folder",
  revalidate: settingsPage,
  message: (folder) => `Watching ${folder.path}. Media files already in it are imported too.`,
  fromForm: (fields) => ({ ...fields, polling: fields.polling === "on" }),
});

export const removeWatchFolderAction = authAction(
  z.object({ id: idOf("No such watch folder. It may have been removed already.") }),
  ({ id }, { user }) => removeWatchFolder(user.id, id),
  { what: "Removing the watch folder", revalidate: settingsPage },
);

export const setWatchFolderEnabledAction = authAction(watchFolderToggleSchema, ({ id, enabled }, { user }) => setWatchFolderEnabled(user.id, id, enabled), {
  what: "Changing the watch folder",
  revalidate: settingsPage,
});
