// next-auth (v4) configuration: email + password credentials, JWT sessions in an
// HttpOnly, SameSite=Lax cookie. The session carries the account's epoch so that a
// password change ends sessions elsewhere (checked in requireUser).
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getAuthSecret } from "@/lib/config";
import { isSeleniteError } from "@/lib/errors";
import { db } from "@/lib/db";
import { verifyLogin } from "@/lib/auth/users";
import { loginSchema } from "@/lib/validation/auth";
import { CLIENT_IP_HEADER } from "@/lib/http/headers";

const SESSION_DAYS = 30;

export const authOptions: NextAuthOptions = {
  secret: getAuthSecret(),
  session: { strategy: "jwt", maxAge: SESSION_DAYS * 24 * 60 * 60 },
  pages: { signIn: "/login", error: "/login" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { type: "email" }, password: { type: "password" } },
      async authorize(credentials, req) {
        const parsed = loginSchema.safeParse(credentials ?? {});
        if (!parsed.success) throw new Error(parsed.error.issues[0]?.message ?? "Enter your email and password.");
        const ipHeader = req?.headers?.[CLIENT_IP_HEADER];
        const ip = (Array.isArray(ipHeader) ? ipHeader[0] : ipHeader) ?? "unknown";
        try {
          const user = await verifyLogin({ ...parsed.data, ip });
          const epoch = await db.user.findUnique({ where: { id: user.id }, select: { sessionEpoch: true } });
          return { id: user.id, email: user.email, name: user.name, epoch: epoch?.sessionEpoch ?? 0 };
        } catch (error) {
          // next-auth hands this message to the login form.
          if (isSeleniteError(error)) throw new Error(error.message);
          throw new Error("Sign-in failed. Try again.");
        }
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.epoch = (user as { epoch?: number }).epoch ?? 0;
      }
      return token;
    },
    session({ session, token }) {
      return { ...session, uid: token.uid, epoch: token.epoch };
    },
  },
};
