// The access sweep (issue 6, point 5) against one real server: every page, server
// action and route handler is found on disk, and none works without a session or
// token; a revoked token stops at once; actions refuse foreign origins and
// cookie-authenticated routes check Origin; sign-in is throttled; every kind of
// response carries the security headers.
import { randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "@/lib/auth/password";
import { openDb, signInCookie, signInError as signInAttempt, userWithToken } from "../helpers/auth";
import { postAction, type ActionArgs } from "../helpers/actions";
import {
  actionManifest,
  apiRoutes,
  appPages,
  compatRoutes,
  PUBLIC_PAGES,
  PUBLIC_ROUTES,
  serverActionExports,
  urlOfAppDir,
  type ActionExport,
} from "../helpers/routes";
import { startServer, type TestServer } from "../helpers/server";

const OWNER = { email: "owner@example.com", password: "owner-password-1" };
const SECOND = { email: "second@example.com", password: "second-password-1" };
const FOREIGN = "https://evil.example";

let server: TestServer;
let owner: ReturnType<typeof userWithToken>;
let cookie: string;
const ids = { job: "", segment: 0, tag: "", spareTag: "", token: "", webhook: "", watchFolder: "", watchDir: "" };

type Action = ActionExport & { id: string; page: string };
let actions: Action[] = [];

function insertFixtures(): void {
  const db = openDb(server);
  try {
    const now = new Date().toISOString();
    ids.job = `job${randomUUID().replace(/-/g, "").slice(0, 16)}`;
    db.prepare(
      `INSERT INTO "Job" (id, userId, title, originalName, storedName, sizeBytes, durationSec, model, status, progress, createdAt, updatedAt, queuedAt, finishedAt)
       VALUES (?, ?, 'Access fixture', 'access.wav', ?, 4096, 6, 'whisper-micro', 'completed', 1, ?, ?, ?, ?)`,
    ).run(ids.job, owner.userId, `${ids.job}.wav`, now, now, now, now);
    fs.mkdirSync(path.join(server.storageDir, "uploads"), { recursive: true });
    fs.writeFileSync(path.join(server.storageDir, "uploads", `${ids.job}.wav`), randomBytes(4096));
    const insert = db.prepare(`INSERT INTO "Segment" (jobId, "index", start, "end", text, originalText, speaker) VALUES (?, ?, ?, ?, ?, ?, 'Alice')`);
    ids.segment = Number(insert.run(ids.job, 0, 0, 3, " Hello there.", " Hello there.").lastInsertRowid);
    insert.run(ids.job, 1, 3, 6, " General Kenobi.", " General Kenobi.");
    for (const key of ["tag", "spareTag"] as const) {
      ids[key] = `tag${randomUUID().replace(/-/g, "").slice(0, 16)}`;
      db.prepare(`INSERT INTO "Tag" (id, userId, name, color, createdAt) VALUES (?, ?, ?, '#3b82f6', ?)`).run(ids[key], owner.userId, key, now);
    }
    db.prepare(`INSERT INTO "JobTag" (jobId, tagId) VALUES (?, ?)`).run(ids.job, ids.tag);
    ids.token = (db.prepare(`SELECT id FROM "ApiToken" WHERE userId = ?`).get(owner.userId) as { id: string }).id;
    ids.webhook = `hook${randomUUID().replace(/-/g, "").slice(0, 16)}`;
    db.prepare(`INSERT INTO "WebhookEndpoint" (id, userId, url, kind, secret, events, enabled, createdAt) VALUES (?, ?, ?, 'webhook', ?, ?, 1, ?)`).run(
      ids.webhook,
      owner.userId,
      "https://example.com/hooks/owner",
      randomBytes(24).toString("base64url"),
      JSON.stringify(["job.completed", "job.failed"]),
      now,
    );
    // An empty folder outside the server's storage: adding it would succeed for the owner.
    ids.watchDir = fs.mkdtempSync(path.join(path.dirname(server.dir), "selenite-watch-access-"));
    ids.watchFolder = `wf${randomUUID().replace(/-/g, "").slice(0, 16)}`;
    db.prepare(`INSERT INTO "WatchFolder" (id, userId, path, enabled, createdAt) VALUES (?, ?, ?, 1, ?)`).run(
      ids.watchFolder,
      owner.userId,
      path.join(ids.watchDir, "seeded"),
      now,
    );
  } finally {
    db.close();
  }
}

/** Every row of every table: an action that had any effect changes this. */
function snapshot(): string {
  const db = openDb(server);
  try {
    const tables = db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_prisma%' ORDER BY name`)
      .all() as { name: string }[];
    return JSON.stringify(
      tables.map(({ name }) => [name, (db.prepare(`SELECT * FROM "${name}"`).all() as unknown[]).map((row) => JSON.stringify(row)).sort()]),
    );
  } finally {
    db.close();
  }
}

/**
 * Arguments that would really do something if the action ran, so that "nothing
 * changed" means something. A new action falls back to a guess from its signature.
 */
function argumentsFor(action: ActionExport): ActionArgs {
  const seg = { jobId: ids.job, segmentId: ids.segment };
  const known: Record<string, ActionArgs> = {
    cancelJobsAction: { json: [{ ids: [ids.job] }] },
    deleteJobsAction: { json: [{ ids: [ids.job] }] },
    restartJobsAction: { json: [{ ids: [ids.job] }] },
    restartJobAction: { json: [{ jobId: ids.job, options: {} }] },
    renameJobAction: { json: [{ jobId: ids.job, title: "Renamed by a stranger" }] },
    trashFinishedAction: { json: [{ count: 1 }] },
    restoreJobsAction: { json: [{ ids: [ids.job] }] },
    purgeJobsAction: { json: [{ ids: [ids.job] }] },
    emptyTrashAction: { json: [{}] },
    setJobTagAction: { json: [{ ids: [ids.job], tagId: ids.tag, mode: "remove" }] },
    createTagAction: { json: [{ name: "stranger" }] },
    updateTagAction: { json: [{ tagId: ids.tag, name: "stranger" }] },
    deleteTagAction: { json: [{ tagId: ids.tag }] },
    editSegmentAction: { json: [{ ...seg, text: "Defaced." }] },
    revertSegmentAction: { json: [seg] },
    splitSegmentAction: { json: [{ ...seg, offset: 3, text: "Defaced and split." }] },
    mergeSegmentAction: { json: [seg] },
    retimeSegmentAction: { json: [{ ...seg, start: 1, end: 2 }] },
    undoEditAction: { json: [{ jobId: ids.job }] },
    redoEditAction: { json: [{ jobId: ids.job }] },
    replaceOneMatchAction: { json: [{ ...seg, find: "Hello", replace: "Defaced", at: 1 }] },
    findInTranscriptAction: { json: [{ jobId: ids.job, find: "Hello" }] },
    replaceInTranscriptAction: { json: [{ jobId: ids.job, find: "Hello", replace: "Defaced" }] },
    renameSpeakerAction: { json: [{ jobId: ids.job, from: "Alice", to: "Mallory" }] },
    revokeTokenAction: { json: [{ tokenId: ids.token }] },
    createWebhookAction: { json: [{ url: "https://example.com/hooks/stranger", kind: "webhook", events: ["job.completed"] }] },
    updateWebhookAction: { json: [{ endpointId: ids.webhook, enabled: false }] },
    deleteWebhookAction: { json: [{ endpointId: ids.webhook }] },
    testWebhookAction: { json: [{ endpointId: ids.webhook }] },
    revokeSessionAction: { json: [{ sessionId: "none" }] },
    revokeOtherSessionsAction: { json: [{}] },
    createTokenAction: { form: { name: "stranger" } },
    changePasswordAction: { form: { current: OWNER.password, password: "stranger-pass-1", confirm: "stranger-pass-1" } },
    addWatchFolderAction: { form: { path: ids.watchDir, output: "none" } },
    removeWatchFolderAction: { json: [{ id: ids.watchFolder }] },
    setWatchFolderEnabledAction: { json: [{ id: ids.watchFolder, enabled: false }] },
    updateSettingsAction: { form: { defaultLanguage: "fr", defaultModel: "", cpuThreads: "1" } },
    setupOwner: { form: { email: "stranger@example.com", password: "stranger-pass-1", confirm: "stranger-pass-1" } },
  };
  if (known[action.name]) return known[action.name];
  return /FormData/.test(action.params) ? { form: { name: "stranger" } } : { json: [{ jobId: ids.job }] };
}

function callAction(action: Action, options: { cookie?: string; origin?: string; args?: ActionArgs } = {}) {
  return postAction(server.url, action, options.args ?? argumentsFor(action), options);
}

function action(name: string): Action {
  const found = actions.find((a) => a.name === name);
  if (!found) throw new Error(`no server action named ${name}`);
  return found;
}

/** Signs in through next-auth as the login form does; returns the error message, if any. */
function signInError(email: string, password: string): Promise<string | null> {
  return signInAttempt(server, email, password);
}

beforeAll(async () => {
  server = await startServer({ env: { ADMIN_EMAIL: OWNER.email, ADMIN_PASSWORD: OWNER.password } });
  owner = userWithToken(server, OWNER.email);
  cookie = await signInCookie(server, OWNER.email, OWNER.password);
  insertFixtures();
  const db = openDb(server);
  try {
    const now = new Date().toISOString();
    db.prepare(`INSERT INTO "User" (id, email, passwordHash, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?)`).run(
      `u${randomUUID().replace(/-/g, "")}`,
      SECOND.email,
      await hashPassword(SECOND.password),
      now,
      now,
    );
  } finally {
    db.close();
  }
  const manifest = actionManifest();
  actions = serverActionExports().map((exported) => {
    const entry = manifest.get(`${exported.file}#${exported.name}`);
    const page = entry?.pages[0];
    return { ...exported, id: entry?.id ?? "", page: page ? urlOfAppDir(path.dirname(page.slice("app/".length)), ids.job) : "" };
  });
});

afterAll(async () => {
  expect(await server?.stop()).toBe(0);
  if (ids.watchDir) fs.rmSync(ids.watchDir, { recursive: true, force: true });
});

describe("pages", () => {
  it("finds the pages on disk", () => {
    const urls = appPages().map((p) => p.url);
    expect(urls).toEqual(expect.arrayContaining(["/", "/login", "/setup", "/settings", "/jobs/does-not-exist"]));
  });

  it("sends a visitor without a valid session from every page to /login, never rendering it", async () => {
    const secret = fs.readFileSync(path.join(server.storageDir, ".auth-secret"), "utf8").trim();
    // Correctly signed, but expired; and one signed with the right secret for a stale password epoch.
    const expired = await encode({ token: { uid: owner.userId, epoch: 0, sub: owner.userId }, secret, maxAge: -3600 });
    const staleEpoch = await encode({ token: { uid: owner.userId, epoch: 99, sub: owner.userId }, secret });
    const forged = await encode({ token: { uid: owner.userId, epoch: 0, sub: owner.userId }, secret: "not-the-secret" });
    const sessions: Record<string, string | undefined> = {
      none: undefined,
      random: `next-auth.session-token=${randomBytes(48).toString("base64url")}`,
      forged: `next-auth.session-token=${forged}`,
      expired: `next-auth.session-token=${expired}`,
      "stale epoch": `next-auth.session-token=${staleEpoch}`,
    };
    const pages = appPages(ids.job).filter((p) => !PUBLIC_PAGES.includes(p.url));
    expect(pages.length).toBeGreaterThanOrEqual(5);
    for (const page of pages) {
      for (const [label, value] of Object.entries(sessions)) {
        const response = await fetch(`${server.url}${page.url}`, { redirect: "manual", headers: value ? { cookie: value } : {} });
        const body = await response.text();
        const where = `${page.file} (${page.url}) with ${label} session`;
        expect(response.status, where).toBeGreaterThanOrEqual(300);
        expect(response.status, where).toBeLessThan(400);
        expect(new URL(response.headers.get("location") ?? "", server.url).pathname, where).toBe("/login");
        expect(body, where).not.toContain("Access fixture");
        expect(body, where).not.toContain(OWNER.email);
      }
    }
    // The same pages open with the real session: the redirects above are not an accident.
    for (const page of pages) {
      const response = await fetch(`${server.url}${page.url}`, { redirect: "manual", headers: { cookie } });
      expect(response.status, page.url).toBe(200);
    }
  });
});

describe("server actions", () => {
  it('finds every exported action of every "use server" file in the build\'s manifest', () => {
    expect(actions.length).toBeGreaterThanOrEqual(20);
    const missing = actions.filter((a) => !a.id || !a.page).map((a) => `${a.file}#${a.name}`);
    expect(missing, 'exported from a "use server" file but not in .next/server/server-reference-manifest.json (or no page carries it)').toEqual([]);
  });

  it("answers every action without a live session with the sign-in message, with no effect on the database", async () => {
    const secret = fs.readFileSync(path.join(server.storageDir, ".auth-secret"), "utf8").trim();
    // A session that was real and has since ended: signed in, then signed out from another browser.
    const removed = await signInCookie(server, OWNER.email, OWNER.password);
    const ended = await callAction(action("revokeOtherSessionsAction"), { cookie, args: { json: [{}] } });
    expect(JSON.parse(ended.result), ended.text.slice(0, 300)).toMatchObject({ ok: true });
    const sessions: Record<string, string | undefined> = {
      "no cookie": undefined,
      "bogus cookie": `next-auth.session-token=${randomBytes(48).toString("base64url")}`,
      expired: `next-auth.session-token=${await encode({ token: { uid: owner.userId, epoch: 0, sub: owner.userId }, secret, maxAge: -3600 })}`,
      "stale epoch": `next-auth.session-token=${await encode({ token: { uid: owner.userId, epoch: 99, sub: owner.userId }, secret })}`,
      "signed out elsewhere": removed,
    };
    const before = snapshot();
    for (const candidate of actions.filter((a) => a.name !== "setupOwner")) {
      for (const [label, session] of Object.entries(sessions)) {
        const result = await callAction(candidate, { cookie: session });
        const where = `${candidate.file}#${candidate.name} (${label}): ${result.text.slice(0, 300)}`;
        // authAction authenticates inside its try: an answer, not the error boundary.
        expect(result.status, where).toBe(200);
        expect(result.threw, where).toBe(false);
        expect(JSON.parse(result.result), where).toEqual({ ok: false, error: "Sign in to continue." });
        expect(result.text, where).not.toContain("Access fixture");
      }
    }
    expect(snapshot()).toBe(before);
    expect(server.output()).not.toMatch(/Failed to find Server Action/);
  });

  it("refuses a second setup once an account exists", async () => {
    const before = snapshot();
    const result = await callAction(action("setupOwner"));
    expect(result.status).toBe(200);
    expect(result.result).toContain("already set up");
    expect(snapshot()).toBe(before);
  });

  it("rejects every action from a foreign Origin even with a valid session", async () => {
    const before = snapshot();
    for (const candidate of actions.filter((a) => a.name !== "setupOwner")) {
      const result = await callAction(candidate, { cookie, origin: FOREIGN });
      expect(result.status, candidate.name).toBe(500);
      expect(result.threw, `${candidate.name}: ${result.text.slice(0, 300)}`).toBe(true);
    }
    expect(snapshot()).toBe(before);
    expect(server.output()).toMatch(/does not match `origin` header/i);
    // The same call from our own origin works: the refusals above are the origin check.
    const spare = action("deleteTagAction");
    const ok = await callAction(spare, { cookie, args: { json: [{ tagId: ids.spareTag }] } });
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.result)).toMatchObject({ ok: true });
    const db = openDb(server);
    try {
      expect(db.prepare(`SELECT id FROM "Tag" WHERE id = ?`).get(ids.spareTag)).toBeUndefined();
      expect(db.prepare(`SELECT id FROM "Tag" WHERE id = ?`).get(ids.tag)).toBeDefined();
    } finally {
      db.close();
    }
  });
});

describe("route handlers", () => {
  it("answers 401 on every API route and method without credentials", async () => {
    const routes = [...apiRoutes(), ...compatRoutes()].filter((route) => !PUBLIC_ROUTES.includes(route.url));
    expect(routes.length).toBeGreaterThan(10);
    expect(routes.map((route) => route.url)).toEqual(expect.arrayContaining(["/v1/audio/transcriptions", "/compat/does-not-exist/asr"]));
    for (const route of routes) {
      expect(route.methods.length, `${route.file} exports no handler`).toBeGreaterThan(0);
      for (const method of route.methods) {
        const url = `${server.url}${route.url.replace("does-not-exist", ids.job)}`;
        const response = await fetch(url, { method, headers: { cookie: `next-auth.session-token=${randomBytes(32).toString("hex")}` } });
        expect(response.status, `${method} ${route.url}`).toBe(401);
        await response.body?.cancel();
      }
    }
  });

  it("stops a token the moment it is revoked through the Settings action", async () => {
    // Created the Settings way (a form action), used, revoked the Settings way.
    const created = await callAction(action("createTokenAction"), { cookie, args: { form: { name: "revoke me" } } });
    expect(created.status).toBe(200);
    const token = /sel_[A-Za-z0-9_-]{43}/.exec(created.result)?.[0];
    expect(token, created.text.slice(0, 300)).toBeTruthy();
    const headers = { authorization: `Bearer ${token}` };
    const me = await fetch(`${server.url}/api/me`, { headers });
    expect(me.status).toBe(200);
    // The compatible base URL carries the same token: past authentication, a JSON body is refused for not being a form.
    const compat = await fetch(`${server.url}/compat/${token}/asr`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(compat.status).toBe(415);
    await compat.body?.cancel();
    const db = openDb(server);
    let tokenId: string;
    try {
      tokenId = (db.prepare(`SELECT id FROM "ApiToken" WHERE prefix = ?`).get(token!.slice(0, 10)) as { id: string }).id;
    } finally {
      db.close();
    }
    const revoked = await callAction(action("revokeTokenAction"), { cookie, args: { json: [{ tokenId }] } });
    expect(JSON.parse(revoked.result)).toMatchObject({ ok: true });
    for (const [method, url] of [
      ["GET", "/api/me"],
      ["GET", `/api/jobs/${ids.job}`],
      ["DELETE", `/api/jobs/${ids.job}`],
      ["GET", "/api/events"],
      ["POST", `/compat/${token}/asr`],
      ["POST", `/compat/${token}/detect-language`],
    ] as const) {
      const response = await fetch(`${server.url}${url}`, { method, headers });
      expect(response.status, `${method} ${url}`).toBe(401);
      await response.body?.cancel();
    }
    // Another token of the same account still works.
    expect((await fetch(`${server.url}/api/me`, { headers: owner.headers })).status).toBe(200);
  });

  it("refuses cookie-authenticated state changes without our own Origin (403), on every route and method", async () => {
    const before = snapshot();
    // /compat is left out: it never reads a cookie (its token is in the path), so a cookie alone gets 401 there.
    const openAi = compatRoutes().filter((route) => route.url.startsWith("/v1/"));
    const routes = [...apiRoutes(), ...openAi].filter((route) => !PUBLIC_ROUTES.includes(route.url));
    let checked = 0;
    for (const route of routes) {
      for (const method of route.methods.filter((m) => m !== "GET")) {
        const url = `${server.url}${route.url.replace("does-not-exist", ids.job)}`;
        for (const origin of [undefined, FOREIGN, "null", `http://127.0.0.1:${server.port + 1}`]) {
          const headers: Record<string, string> = { cookie, "content-type": "application/json" };
          if (origin) headers.origin = origin;
          const response = await fetch(url, { method, headers, body: method === "DELETE" ? undefined : "{}" });
          expect(response.status, `${method} ${route.url} origin=${origin}`).toBe(403);
          expect((await response.json()).error.code).toBe("forbidden");
        }
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(5);
    expect(snapshot()).toBe(before);
    // With our Origin the cookie works: the 403s are the Origin check.
    const ok = await fetch(`${server.url}/api/jobs/${ids.job}`, {
      method: "PATCH",
      headers: { cookie, origin: server.url, "content-type": "application/json" },
      body: JSON.stringify({ title: "Access fixture" }),
    });
    expect(ok.status).toBe(200);
  });
});

describe("security headers", () => {
  it("are on every kind of response: pages, JSON, errors, redirects, downloads, assets, actions, the event stream", async () => {
    // An asset the running build really serves (the page names it).
    const html = await (await fetch(`${server.url}/login`)).text();
    const asset = /\/_next\/static\/[^"'?]+\.(?:js|css)/.exec(html)?.[0];
    expect(asset).toBeTruthy();
    const token = owner.headers;
    const requests: [string, string, RequestInit, number][] = [
      ["login page", "/login", {}, 200],
      ["signed-in page", "/", { headers: { cookie } }, 200],
      ["job page", `/jobs/${ids.job}`, { headers: { cookie } }, 200],
      ["redirect", "/settings", {}, 307],
      ["unknown page", "/no-such-page", {}, 404],
      ["API JSON", "/api/me", { headers: token }, 200],
      ["health", "/api/health", {}, 200],
      ["401", "/api/me", {}, 401],
      ["403", `/api/jobs/${ids.job}`, { method: "DELETE", headers: { cookie, origin: FOREIGN } }, 403],
      ["404", "/api/jobs/does-not-exist", { headers: token }, 404],
      ["422", "/api/tags", { method: "POST", headers: { ...token, "content-type": "application/json" }, body: JSON.stringify({ name: "" }) }, 422],
      ["400", "/api/tags", { method: "POST", headers: { ...token, "content-type": "application/json" }, body: "{not json" }, 400],
      ["media range", `/api/jobs/${ids.job}/media`, { headers: { ...token, range: "bytes=0-99" } }, 206],
      ["media 416", `/api/jobs/${ids.job}/media`, { headers: { ...token, range: "bytes=99999-" } }, 416],
      ["srt download", `/api/jobs/${ids.job}/export?format=srt`, { headers: token }, 200],
      ["static asset", asset!, {}, 200],
      ["missing asset", "/_next/static/chunks/nope.js", {}, 404],
      ["next-auth", "/api/auth/csrf", {}, 200],
    ];
    const check = (label: string, headers: Headers) => {
      expect(headers.get("content-security-policy"), label).toContain("frame-ancestors 'none'");
      expect(headers.get("x-content-type-options"), label).toBe("nosniff");
      expect(headers.get("referrer-policy"), label).toBeTruthy();
      expect(headers.get("permissions-policy"), label).toBeTruthy();
      expect(headers.get("x-powered-by"), label).toBeNull();
    };
    for (const [label, url, init, status] of requests) {
      const response = await fetch(`${server.url}${url}`, { redirect: "manual", ...init });
      expect(response.status, label).toBe(status);
      await response.arrayBuffer();
      check(label, response.headers);
    }
    // A server action's answer (signed out: the sign-in message), and the 500 when Next refuses it (foreign Origin).
    const answered = await callAction(action("deleteTagAction"));
    expect(answered.status).toBe(200);
    check("action answer", answered.headers);
    const failed = await callAction(action("deleteTagAction"), { cookie, origin: FOREIGN });
    expect(failed.status).toBe(500);
    check("action 500", failed.headers);
    // The event stream: headers arrive before any event.
    const controller = new AbortController();
    const events = await fetch(`${server.url}/api/events`, { headers: token, signal: controller.signal });
    expect(events.headers.get("content-type")).toContain("text/event-stream");
    check("event stream", events.headers);
    controller.abort();
  });
});

describe("sign-in throttling", () => {
  // Last in the file: it locks the owner account and this client's address.
  it("refuses the right password after 5 wrong ones for an account, with the wait time", async () => {
    for (let attempt = 0; attempt < 5; attempt++) {
      expect(await signInError(OWNER.email, `wrong-${attempt}`)).toBe("Wrong email or password.");
    }
    const refused = await signInError(OWNER.email, OWNER.password);
    expect(refused).toMatch(/^Too many failed sign-in attempts\. Try again in \d+ s\.$/);
    const seconds = Number(/in (\d+) s/.exec(refused ?? "")?.[1]);
    expect(seconds).toBeGreaterThan(800);
    expect(seconds).toBeLessThanOrEqual(900);
  });

  it("blocks an address after 20 failures across accounts, even for another account's right password", async () => {
    // The 5 failures above count for this address too.
    for (let attempt = 5; attempt < 20; attempt++) {
      expect(await signInError(`nobody-${attempt}@example.com`, "guess-123")).toBe("Wrong email or password.");
    }
    expect(await signInError(SECOND.email, SECOND.password)).toMatch(/^Too many failed sign-in attempts\. Try again in \d+ s\.$/);
  });
});
