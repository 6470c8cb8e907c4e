import "server-only";
// requireUser(): the one authentication check, used by every page, server action
// and route handler. It accepts a next-auth session cookie or an API token in
// `Authorization: Bearer <token>`.
import { getServerSession } from "next-auth";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { db } from "@/lib/db";
import { SeleniteError } from "@/lib/errors";
import { authOptions } from "@/lib/auth/options";
import { userFromApiToken } from "@/lib/auth/tokens";
import type { SessionUser } from "@/lib/auth/users";

export async function requireUser(): Promise<SessionUser> {
  const authorization = (await headers()).get("authorization");
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    const user = match ? await userFromApiToken(match[1]) : null;
    if (!user) throw new SeleniteError("unauthorized", "The API token is missing, wrong or revoked.");
    return user;
  }
  const session = (await getServerSession(authOptions)) as { uid?: string; epoch?: number } | null;
  if (session?.uid) {
    const user = await db.user.findUnique({
      where: { id: session.uid },
      select: { id: true, email: true, name: true, sessionEpoch: true },
    });
    if (user && user.sessionEpoch === (session.epoch ?? 0)) {
      return { id: user.id, email: user.email, name: user.name };
    }
  }
  throw new SeleniteError("unauthorized", "Sign in to continue.");
}

/** For pages: the same check, but a signed-out visitor is sent to the login page. */
export async function requirePageUser(): Promise<SessionUser> {
  try {
    return await requireUser();
  } catch (error) {
    if (error instanceof SeleniteError && error.code === "unauthorized") redirect("/login");
    throw error;
  }
}
