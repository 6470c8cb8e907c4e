// Server-side sessions through the real server (issue 11.8): signing out ends the
// session for every copy of its cookie, a revoked session stops at once, and the
// session making the request keeps working.
import fs from "node:fs";
import path from "node:path";
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, signInCookie, signOut } from "../helpers/auth";
import { startServer, type TestServer } from "../helpers/server";

const OWNER = { email: "owner@example.com", password: "owner-password-1" };
let server: TestServer;

beforeAll(async () => {
  server = await startServer({ env: { ADMIN_EMAIL: OWNER.email, ADMIN_PASSWORD: OWNER.password } });
});

afterAll(async () => {
  await server?.stop();
});

function me(cookie: string) {
  return fetch(`${server.url}/api/me`, { headers: { cookie } });
}

function settingsPage(cookie: string) {
  return fetch(`${server.url}/settings`, { headers: { cookie }, redirect: "manual" });
}

function sessionRows(): { id: string; userAgent: string | null; ip: string | null }[] {
  const db = openDb(server);
  try {
    return db.prepare(`SELECT id, userAgent, ip FROM "UserSession" ORDER BY createdAt`).all() as never;
  } finally {
    db.close();
  }
}

function expectSignedOut(response: Response) {
  expect(response.status).toBe(307);
  expect(new URL(response.headers.get("location") ?? "", server.url).pathname).toBe("/login");
}

describe("server-side sessions", () => {
  it("signing out ends the session for a copy of its cookie too", async () => {
    const cookie = await signInCookie(server, OWNER.email, OWNER.password);
    const copied = cookie;
    expect((await me(copied)).status).toBe(200);
    expect((await settingsPage(copied)).status).toBe(200);

    await signOut(server, cookie);

    const api = await me(copied);
    expect(api.status).toBe(401);
    expect((await api.json()).error.message).toBe("Sign in to continue.");
    expectSignedOut(await settingsPage(copied));
    // next-auth's own session endpoint agrees: no identity left in it.
    const session = await (await fetch(`${server.url}/api/auth/session`, { headers: { cookie: copied } })).json();
    expect(session.uid).toBeUndefined();
    expect(session.user).toBeUndefined();
  });

  it("records each sign-in with its device and address, and a revoked one stops at once", async () => {
    const before = sessionRows().length;
    const laptop = await signInCookie(server, OWNER.email, OWNER.password);
    const phone = await signInCookie(server, OWNER.email, OWNER.password);
    const rows = sessionRows();
    expect(rows).toHaveLength(before + 2);
    expect(rows.at(-1)?.ip).toBe("127.0.0.1");
    expect(rows.at(-1)?.userAgent).toBeTruthy();

    const db = openDb(server);
    try {
      db.prepare(`DELETE FROM "UserSession" WHERE id = ?`).run(rows.at(-1)?.id);
    } finally {
      db.close();
    }
    expect((await me(phone)).status).toBe(401);
    expectSignedOut(await settingsPage(phone));
    expect((await me(laptop)).status).toBe(200);
    expect((await settingsPage(laptop)).status).toBe(200);
  });

  it("records when a session was last seen, writing at most once a minute", async () => {
    const cookie = await signInCookie(server, OWNER.email, OWNER.password);
    const id = sessionRows().at(-1)?.id;
    const lastSeen = () => {
      const db = openDb(server);
      try {
        return (db.prepare(`SELECT lastSeenAt FROM "UserSession" WHERE id = ?`).get(id) as { lastSeenAt: string | number }).lastSeenAt;
      } finally {
        db.close();
      }
    };
    const setLastSeen = (date: Date) => {
      const db = openDb(server);
      try {
        // Stored the way Prisma stores it, whatever that is for this adapter.
        const sample = lastSeen();
        db.prepare(`UPDATE "UserSession" SET lastSeenAt = ? WHERE id = ?`).run(typeof sample === "number" ? date.getTime() : date.toISOString(), id);
      } finally {
        db.close();
      }
    };
    const recent = new Date(Date.now() - 5_000);
    setLastSeen(recent);
    const stored = lastSeen();
    expect((await me(cookie)).status).toBe(200);
    expect(lastSeen()).toBe(stored);

    setLastSeen(new Date(Date.now() - 5 * 60_000));
    const old = lastSeen();
    expect((await me(cookie)).status).toBe(200);
    await expect.poll(() => new Date(lastSeen()).getTime()).toBeGreaterThan(new Date(old).getTime() + 4 * 60_000);
  });

  it("a bumped password epoch ends a session even while its row remains", async () => {
    const cookie = await signInCookie(server, OWNER.email, OWNER.password);
    expect(sessionRows().length).toBeGreaterThan(0);
    const db = openDb(server);
    try {
      db.prepare(`UPDATE "User" SET sessionEpoch = sessionEpoch + 1 WHERE email = ?`).run(OWNER.email);
    } finally {
      db.close();
    }
    expect((await me(cookie)).status).toBe(401);
  });

  it("treats a correctly signed cookie from before server-side sessions (no sid) as signed out", async () => {
    const db = openDb(server);
    let id: string;
    let epoch: number;
    try {
      ({ id, sessionEpoch: epoch } = db.prepare(`SELECT id, sessionEpoch FROM "User" WHERE email = ?`).get(OWNER.email) as {
        id: string;
        sessionEpoch: number;
      });
    } finally {
      db.close();
    }
    const secret = fs.readFileSync(path.join(server.storageDir, ".auth-secret"), "utf8").trim();
    const legacy = await encode({ token: { uid: id, epoch, sub: id, email: OWNER.email }, secret });
    const cookie = `next-auth.session-token=${legacy}`;
    expect((await me(cookie)).status).toBe(401);
    expectSignedOut(await settingsPage(cookie));
  });
});
