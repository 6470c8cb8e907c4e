// next-auth (v4) configuration: email + password credentials, JWT sessions in an
// HttpOnly, SameSite=Lax cookie. The JWT names a server-side session row (`sid`,
// lib/auth/user-sessions.ts) and carries the account's epoch; every read of the
// session checks both in the jwt callback, so sign-out, revocation and a password
// change (which keeps only the session that made it) end a session everywhere,
// copied cookies included.
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getAuthSecret } from "@/lib/config";
import { isSeleniteError } from "@/lib/errors";
import { db } from "@/lib/db";
import { verifyLogin } from "@/lib/auth/users";
import { activeSessionUser, createUserSession, endUserSession, SESSION_MAX_AGE_SEC } from "@/lib/auth/user-sessions";
import { loginSchema } from "@/lib/validation/auth";
import { CLIENT_IP_HEADER } from "@/lib/http/headers";

export const authOptions: NextAuthOptions = {
  secret: getAuthSecret(),
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SEC },
  pages: { signIn: "/login", error: "/login" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { type: "email" }, password: { type: "password" } },
      async authorize(credentials, req) {
        const parsed = loginSchema.safeParse(credentials ?? {});
        if (!parsed.success) throw new Error(parsed.error.issues[0]?.message ?? "Enter your email and password.");
        const ip = firstHeader(req?.headers?.[CLIENT_IP_HEADER]) ?? "unknown";
        try {
          const user = await verifyLogin({ ...parsed.data, ip });
          const epoch = await db.user.findUnique({ where: { id: user.id }, select: { sessionEpoch: true } });
          const sid = await createUserSession(user.id, { userAgent: firstHeader(req?.headers?.["user-agent"]), ip });
          return { id: user.id, email: user.email, name: user.name, epoch: epoch?.sessionEpoch ?? 0, sid };
        } catch (error) {
          // next-auth hands this message to the login form.
          if (isSeleniteError(error)) throw new Error(error.message);
          throw new Error("Sign-in failed. Try again.");
        }
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        const signedIn = user as { epoch?: number; sid?: string };
        return { ...token, uid: user.id, epoch: signedIn.epoch ?? 0, sid: signedIn.sid };
      }
      const active = await activeSessionUser(token);
      // An ended session keeps no identity: requireUser and /api/auth/session both see
      // a signed-out visitor (JWTs from before server-side sessions have no sid: same).
      if (!active) return {};
      return { ...token, email: active.email, name: active.name };
    },
    session({ session, token }) {
      if (typeof token.uid !== "string") return { expires: session.expires };
      return { expires: session.expires, user: { email: token.email, name: token.name }, uid: token.uid, sid: token.sid };
    },
  },
  events: {
    async signOut({ token }) {
      if (typeof token?.sid === "string") await endUserSession(token.sid);
    },
  },
};

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
