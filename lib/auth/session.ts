import "server-only";
// requireUser(): the one authentication check, used by every page, server action
// and route handler. It accepts a next-auth session cookie or an API token in
// `Authorization: Bearer <token>`. The cookie's server-side session row and the
// account's epoch are checked in next-auth's jwt callback (lib/auth/options.ts),
// so a session that reaches here with a uid is live.
import { getServerSession } from "next-auth";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { SeleniteError } from "@/lib/errors";
import { authOptions } from "@/lib/auth/options";
import { userFromApiToken } from "@/lib/auth/tokens";
import type { SessionUser } from "@/lib/auth/users";
import { REQUEST_PATH_HEADER } from "@/lib/http/headers";
import { loginPath } from "@/lib/http/return-path";

/** Who is asking, and which browser session (null for an API token). */
export type Authenticated = { user: SessionUser; sessionId: string | null };

type CheckedSession = { uid?: string; sid?: string; user?: { email?: string | null; name?: string | null } };

export async function authenticate(): Promise<Authenticated> {
  const authorization = (await headers()).get("authorization");
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    const user = match ? await userFromApiToken(match[1]) : null;
    if (!user) throw new SeleniteError("unauthorized", "The API token is missing, wrong or revoked.");
    return { user, sessionId: null };
  }
  const session = (await getServerSession(authOptions)) as CheckedSession | null;
  if (session?.uid && session.sid && session.user?.email) {
    return { user: { id: session.uid, email: session.user.email, name: session.user.name ?? null }, sessionId: session.sid };
  }
  throw new SeleniteError("unauthorized", "Sign in to continue.");
}

export async function requireUser(): Promise<SessionUser> {
  return (await authenticate()).user;
}

/** For pages: the same check, but a signed-out visitor is sent to the login page. */
export async function requirePageSession(): Promise<Authenticated> {
  try {
    return await authenticate();
  } catch (error) {
    // Back to the page asked for after signing in (a deep link such as /jobs/<id>?t=30).
    if (error instanceof SeleniteError && error.code === "unauthorized") redirect(loginPath((await headers()).get(REQUEST_PATH_HEADER)));
    throw error;
  }
}

export async function requirePageUser(): Promise<SessionUser> {
  return (await requirePageSession()).user;
}
