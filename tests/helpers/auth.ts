// Accounts and credentials for tests against a real server: tokens are written
// straight into the server's database (as the Settings page would create them),
// sessions come from signing in through next-auth's real endpoints.
import { createHash, randomBytes, randomUUID } from "node:crypto";
import path from "node:path";
import Database from "better-sqlite3";
import type { TestServer } from "./server";

export function openDb(server: TestServer): Database.Database {
  const db = new Database(path.join(server.storageDir, "selenite.db"));
  db.pragma("busy_timeout = 10000");
  return db;
}

/** Creates a user (or finds the one with this email) and an API token for it. */
export function userWithToken(server: TestServer, email: string): { userId: string; token: string; headers: Record<string, string> } {
  const db = openDb(server);
  try {
    let row = db.prepare(`SELECT id FROM "User" WHERE email = ?`).get(email) as { id: string } | undefined;
    if (!row) {
      const id = `u${randomUUID().replace(/-/g, "")}`;
      const now = new Date().toISOString();
      db.prepare(`INSERT INTO "User" (id, email, passwordHash, createdAt, updatedAt) VALUES (?, ?, 'scrypt$x', ?, ?)`).run(id, email, now, now);
      row = { id };
    }
    const token = `sel_${randomBytes(32).toString("base64url")}`;
    db.prepare(`INSERT INTO "ApiToken" (id, userId, name, tokenHash, prefix, createdAt) VALUES (?, ?, 'test', ?, ?, ?)`).run(
      `t${randomUUID().replace(/-/g, "")}`,
      row.id,
      createHash("sha256").update(token).digest("hex"),
      token.slice(0, 10),
      new Date().toISOString(),
    );
    return { userId: row.id, token, headers: { authorization: `Bearer ${token}` } };
  } finally {
    db.close();
  }
}

/** Signs in through next-auth's credentials endpoint; returns the Cookie header value. */
export async function signInCookie(server: TestServer, email: string, password: string, headers: Record<string, string> = {}): Promise<string> {
  const csrfResponse = await fetch(`${server.url}/api/auth/csrf`, { headers });
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  const jar = new Map<string, string>();
  const remember = (response: Response) => {
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(";");
      const [name, ...value] = pair.split("=");
      jar.set(name, value.join("="));
    }
  };
  remember(csrfResponse);
  const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const response = await fetch(`${server.url}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { ...headers, "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader(), origin: server.url },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  remember(response);
  if (![...jar.keys()].some((k) => k.includes("session-token"))) throw new Error(`sign-in failed (${response.status})`);
  return cookieHeader();
}

/** A next-auth CSRF token and the cookie that goes with it. */
export async function csrfPair(server: TestServer, headers: Record<string, string> = {}): Promise<{ csrfToken: string; cookie: string }> {
  const response = await fetch(`${server.url}/api/auth/csrf`, { headers });
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return {
    csrfToken,
    cookie: response.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; "),
  };
}

/**
 * One sign-in attempt: null when it signed in, else the message the login form would
 * show. `headers` add to the request (X-Forwarded-For for a server behind TRUST_PROXY).
 */
export async function signInError(
  server: TestServer,
  email: string,
  password: string,
  options: { headers?: Record<string, string>; csrf?: { csrfToken: string; cookie: string } } = {},
): Promise<string | null> {
  const headers = options.headers ?? {};
  const { csrfToken, cookie } = options.csrf ?? (await csrfPair(server, headers));
  const response = await fetch(`${server.url}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { ...headers, "content-type": "application/x-www-form-urlencoded", cookie, origin: server.url },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  const signedIn = response.headers.getSetCookie().some((c) => c.includes("session-token="));
  const { url } = (await response.json()) as { url: string };
  const error = new URL(url, server.url).searchParams.get("error");
  if (signedIn && error) throw new Error("signed in and failed at once");
  return signedIn ? null : (error ?? "no error given");
}

/** Signs out through next-auth's endpoint, as the Sign out button does, with this Cookie header. */
export async function signOut(server: TestServer, cookie: string): Promise<void> {
  const { csrfToken } = await csrfPair(server, { cookie });
  const response = await fetch(`${server.url}/api/auth/signout`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie, origin: server.url },
    body: new URLSearchParams({ csrfToken, json: "true" }),
  });
  if (!response.headers.getSetCookie().some((c) => c.includes("session-token=;"))) throw new Error(`sign-out failed (${response.status})`);
}
