// Webhooks and push notifications (issue 17, part 3) against the real server and a
// loopback receiver: a finished job reaches each endpoint that asked for its event,
// signed with the endpoint's secret; a receiver answering 500 gets the same delivery
// again; ntfy topics get Title and Click; a delivery pending when the server is
// SIGKILLed is sent after the restart; a bad URL is refused with a reason.
import { createHmac } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "@/lib/auth/password";
import { postAction } from "../helpers/actions";
import { openDb, signInCookie, userWithToken } from "../helpers/auth";
import { installModel, uploadForm, waitFor } from "../helpers/fixtures";
import { makeTempDir, makeTone } from "../helpers/media";
import { startReceiver, type Receiver } from "../helpers/receiver";
import { actionManifest, urlOfAppDir } from "../helpers/routes";
import { startServer, type TestServer } from "../helpers/server";

const PUBLIC_URL = "https://selenite.home.test";
const OWNER = { email: "owner@example.com", password: "owner-password-1" };

type Endpoint = { id: string; url: string; kind: string; secret: string; events: string[]; enabled: boolean };
type Delivery = { id: string; endpointId: string; event: string; status: string; attempts: number; lastStatus: number | null; lastError: string | null };

let media: { dir: string; cleanup: () => Promise<void> };
let tone: string;
const servers: TestServer[] = [];
const receivers: Receiver[] = [];

async function api(server: TestServer, headers: Record<string, string>, route: string, init: { method?: string; body?: unknown } = {}) {
  const response = await fetch(`${server.url}${route}`, {
    method: init.method ?? "GET",
    headers: { ...headers, ...(init.body === undefined ? {} : { "content-type": "application/json" }) },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return { status: response.status, body: await response.json() };
}

async function addEndpoint(server: TestServer, headers: Record<string, string>, body: Record<string, unknown>): Promise<Endpoint> {
  const created = await api(server, headers, "/api/webhooks", { method: "POST", body });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.webhook as Endpoint;
}

async function uploadTones(server: TestServer, headers: Record<string, string>, names: string[]): Promise<string[]> {
  const files = names.map((name) => ({ path: tone, name }));
  const response = await fetch(`${server.url}/api/jobs`, { method: "POST", headers, body: uploadForm(files, { vad: "false" }) });
  const body = await response.json();
  expect(response.status, JSON.stringify(body)).toBe(201);
  return (body.results as { job: { id: string } }[]).map((r) => r.job.id);
}

const uploadTone = async (server: TestServer, headers: Record<string, string>) => (await uploadTones(server, headers, ["Kitchen meeting.wav"]))[0];

/** Calls a Settings action as the browser does, with the owner's session. */
async function settingsAction(
  server: TestServer,
  cookie: string,
  name: string,
  input: unknown,
): Promise<{ ok: boolean; error?: string; fieldErrors?: Record<string, string[]> }> {
  const entry = actionManifest().get(`app/(app)/settings/webhook-actions.ts#${name}`);
  if (!entry?.pages[0]) throw new Error(`no server action named ${name} in the build's manifest`);
  const page = urlOfAppDir(path.dirname(entry.pages[0].slice("app/".length)), "none");
  const call = await postAction(server.url, { id: entry.id, page }, { json: [input] }, { cookie });
  if (!call.result || call.threw) throw new Error(`${name} failed outright (${call.status}): ${call.text.slice(0, 500)}`);
  return JSON.parse(call.result);
}

async function jobStatus(server: TestServer, headers: Record<string, string>, id: string): Promise<string> {
  return (await api(server, headers, `/api/jobs/${id}`)).body.job?.status;
}

const deliveriesIn = (server: TestServer) => {
  const db = openDb(server);
  try {
    return db
      .prepare(`SELECT id, endpointId, event, status, attempts, lastStatus, lastError, payload FROM "WebhookDelivery" ORDER BY createdAt`)
      .all() as (Delivery & {
      payload: string;
    })[];
  } finally {
    db.close();
  }
};

const verify = (secret: string, body: string, header: unknown) => header === `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;

beforeAll(async () => {
  media = await makeTempDir();
  tone = await makeTone(path.join(media.dir, "tone.wav"), 3);
});

afterAll(async () => {
  for (const server of servers) await server.kill9();
  for (const receiver of receivers) await receiver.close();
  for (const server of servers) fs.rmSync(server.dir, { recursive: true, force: true });
  await media?.cleanup();
});

describe("webhooks on a running server", () => {
  let server: TestServer;
  let headers: Record<string, string>;

  beforeAll(async () => {
    server = await startServer({ env: { PUBLIC_URL, WEBHOOK_RETRY_SEC: "0.2,0.2,0.2" } });
    servers.push(server);
    installModel(server.modelsDir);
    headers = userWithToken(server, OWNER.email).headers;
  });

  it("refuses a URL that cannot receive notifications, saying what is wrong", async () => {
    const cases: [unknown, RegExp][] = [
      [{ url: "ftp://example.com/hook" }, /Only http:\/\/ and https:\/\/ URLs can receive notifications, not ftp:\/\//],
      [{ url: "example dot com" }, /"example dot com" is not a URL\. Enter the full address/],
      [{ url: "" }, /The endpoint needs a URL/],
      [{ url: "https://user:pass@example.com/hook" }, /no user name or password in the URL/],
      [{ url: "https://example.com/hook", events: [] }, /Choose at least one event/],
      [{ url: "https://example.com/hook", events: ["job.started"] }, /Events are job\.completed and job\.failed/],
      [{ url: "https://example.com/hook", kind: "slack" }, /Kind is webhook .* or ntfy/],
    ];
    for (const [body, message] of cases) {
      const refused = await api(server, headers, "/api/webhooks", { method: "POST", body });
      expect(refused.status, JSON.stringify(body)).toBe(422);
      expect(refused.body.error.message).toMatch(message);
    }
    expect((await api(server, headers, "/api/webhooks")).body.webhooks).toEqual([]);
  });

  it("signs each delivery, retries after a 500, pushes to ntfy and sends only the events asked for", async () => {
    const [hooks, topic, failuresOnly] = [await startReceiver(), await startReceiver(), await startReceiver()];
    receivers.push(hooks, topic, failuresOnly);
    hooks.answer = (_request, index) => (index === 0 ? 500 : 200);
    const hook = await addEndpoint(server, headers, { url: `${hooks.url}/hooks/selenite` });
    expect(hook).toMatchObject({ kind: "webhook", events: ["job.completed", "job.failed"], enabled: true });
    expect(hook.secret.length).toBeGreaterThanOrEqual(32);
    const push = await addEndpoint(server, headers, { url: `${topic.url}/selenite-jobs`, kind: "ntfy", events: ["job.completed"] });
    const onlyFailed = await addEndpoint(server, headers, { url: failuresOnly.url, events: ["job.failed"] });

    const jobId = await uploadTone(server, headers);
    await waitFor("the job to complete", async () => (await jobStatus(server, headers, jobId)) === "completed", 120_000);
    await waitFor("the webhook retry", async () => hooks.requests.length >= 2 && topic.requests.length >= 1, 60_000, 100);

    // The first attempt got a 500; the same delivery came again with the same bytes and signature.
    const [first, second] = hooks.requests;
    expect([first.answered, second.answered]).toEqual([500, 200]);
    expect(second.headers["x-selenite-delivery"]).toBe(first.headers["x-selenite-delivery"]);
    expect(second.body).toBe(first.body);
    for (const request of [first, second]) {
      expect(request.method).toBe("POST");
      expect(request.path).toBe("/hooks/selenite");
      expect(request.headers["content-type"]).toBe("application/json");
      expect(request.headers["x-selenite-event"]).toBe("job.completed");
      expect(verify(hook.secret, request.body, request.headers["x-selenite-signature"])).toBe(true);
      expect(verify(push.secret, request.body, request.headers["x-selenite-signature"])).toBe(false);
    }
    const payload = JSON.parse(second.body);
    expect(payload).toMatchObject({
      event: "job.completed",
      job: {
        id: jobId,
        title: "Kitchen meeting",
        status: "completed",
        error: null,
        url: `${PUBLIC_URL}/jobs/${jobId}`,
        transcriptUrl: `${PUBLIC_URL}/api/jobs/${jobId}/export?format=txt`,
      },
    });
    expect(payload.job.durationSec).toBeCloseTo(3, 0);

    // ntfy: a plain-text POST with the title and the link in headers.
    expect(topic.requests).toHaveLength(1);
    const note = topic.requests[0];
    expect(note.path).toBe("/selenite-jobs");
    expect(note.headers.title).toBe("Selenite: transcript ready");
    expect(note.headers.click).toBe(`${PUBLIC_URL}/jobs/${jobId}`);
    expect(note.headers["content-type"]).toMatch(/^text\/plain/);
    expect(note.body).toMatch(/^Kitchen meeting \(.+\) is transcribed\.$/);

    // The endpoint that wants failures only was never queued anything (queued with the job's move, so this is final).
    expect(failuresOnly.requests).toHaveLength(0);
    const log = (await api(server, headers, "/api/webhooks")).body.deliveries as Delivery[];
    expect(log.filter((d) => d.endpointId === onlyFailed.id)).toEqual([]);
    expect(log.find((d) => d.endpointId === hook.id)).toMatchObject({
      event: "job.completed",
      status: "delivered",
      attempts: 2,
      lastStatus: 200,
      lastError: null,
    });
    expect(log.find((d) => d.endpointId === push.id)).toMatchObject({ status: "delivered", attempts: 1 });

    // Removing an endpoint; a second try says it is gone.
    expect((await api(server, headers, `/api/webhooks/${onlyFailed.id}`, { method: "DELETE" })).status).toBe(200);
    const again = await api(server, headers, `/api/webhooks/${onlyFailed.id}`, { method: "DELETE" });
    expect(again.status).toBe(404);
    expect(again.body.error.message).toMatch(/No such notification endpoint/);
    expect(((await api(server, headers, "/api/webhooks")).body.webhooks as Endpoint[]).map((e) => e.id)).toEqual([hook.id, push.id]);
  }, 240_000);

  it("sends events in the order the jobs finished; Settings switches an endpoint off, tests and removes it", async () => {
    const db = openDb(server);
    try {
      db.prepare(`UPDATE "User" SET passwordHash = ? WHERE email = ?`).run(await hashPassword(OWNER.password), OWNER.email);
    } finally {
      db.close();
    }
    const cookie = await signInCookie(server, OWNER.email, OWNER.password);
    const receiver = await startReceiver();
    receivers.push(receiver);

    const refused = await settingsAction(server, cookie, "createWebhookAction", { url: "mailto:me@example.com", kind: "webhook", events: ["job.completed"] });
    expect(refused.ok).toBe(false);
    expect(refused.fieldErrors?.url?.[0]).toMatch(/Only http:\/\/ and https:\/\/ URLs can receive notifications, not mailto:/);
    expect(
      await settingsAction(server, cookie, "createWebhookAction", { url: `${receiver.url}/ordered`, kind: "webhook", events: ["job.completed"] }),
    ).toMatchObject({
      ok: true,
    });
    const endpoint = ((await api(server, headers, "/api/webhooks")).body.webhooks as Endpoint[]).find((e) => e.url === `${receiver.url}/ordered`);
    expect(endpoint).toMatchObject({ kind: "webhook", events: ["job.completed"], enabled: true });
    if (!endpoint) return;

    const jobIds = await uploadTones(server, headers, ["First.wav", "Second.wav", "Third.wav"]);
    for (const id of jobIds) await waitFor(`job ${id} to complete`, async () => (await jobStatus(server, headers, id)) === "completed", 180_000);
    await waitFor("three deliveries", async () => receiver.requests.length >= 3, 60_000, 100);
    const finished = (() => {
      const sqlite = openDb(server);
      try {
        return (sqlite.prepare(`SELECT id FROM "Job" WHERE id IN (?, ?, ?) ORDER BY finishedAt, id`).all(...jobIds) as { id: string }[]).map((r) => r.id);
      } finally {
        sqlite.close();
      }
    })();
    expect(receiver.requests.map((r) => JSON.parse(r.body).job.id)).toEqual(finished);
    for (const r of receiver.requests) expect(verify(endpoint.secret, r.body, r.headers["x-selenite-signature"])).toBe(true);

    // Switched off: a job that completes now queues nothing for it.
    expect(await settingsAction(server, cookie, "updateWebhookAction", { endpointId: endpoint.id, enabled: false })).toMatchObject({ ok: true });
    const quiet = await uploadTone(server, headers);
    await waitFor("the job to complete", async () => (await jobStatus(server, headers, quiet)) === "completed", 120_000);
    expect(deliveriesIn(server).filter((d) => d.endpointId === endpoint.id)).toHaveLength(3);

    // "Send test" still reaches it, signed, shaped like an event.
    expect(await settingsAction(server, cookie, "testWebhookAction", { endpointId: endpoint.id })).toMatchObject({ ok: true });
    const test = await waitFor("the test delivery", async () => receiver.requests.find((r) => r.headers["x-selenite-event"] === "test"), 30_000, 100);
    expect(verify(endpoint.secret, test.body, test.headers["x-selenite-signature"])).toBe(true);
    expect(JSON.parse(test.body)).toMatchObject({ event: "test", job: { status: "completed" } });
    expect(receiver.requests).toHaveLength(4);

    expect(await settingsAction(server, cookie, "deleteWebhookAction", { endpointId: endpoint.id })).toMatchObject({ ok: true });
    expect(await settingsAction(server, cookie, "testWebhookAction", { endpointId: endpoint.id })).toEqual({
      ok: false,
      error: expect.stringMatching(/No such notification endpoint/),
    });
    expect(deliveriesIn(server).filter((d) => d.endpointId === endpoint.id)).toHaveLength(0);
  }, 360_000);
});

describe("deliveries survive a power cut", () => {
  it("sends a job.failed delivery that was still pending when the server was SIGKILLed, after the restart", async () => {
    const receiver = await startReceiver();
    const completions = await startReceiver();
    receivers.push(receiver, completions);
    let down = true;
    receiver.answer = () => (down ? 503 : 200);
    // Every file kills the worker at its first window: the job fails after three crashes.
    const first = await startServer({
      env: { SELENITE_TEST_HOOKS: "1", SELENITE_CRASH_AT: "window", SELENITE_CRASH_WINDOW: "0", WEBHOOK_RETRY_SEC: Array(20).fill("1").join(",") },
    });
    servers.push(first);
    installModel(first.modelsDir);
    const { headers } = userWithToken(first, OWNER.email);
    const hook = await addEndpoint(first, headers, { url: receiver.url, events: ["job.failed"] });
    await addEndpoint(first, headers, { url: completions.url, events: ["job.completed"] });

    const jobId = await uploadTone(first, headers);
    await waitFor("the poison job to fail", async () => (await jobStatus(first, headers, jobId)) === "failed", 150_000);
    await waitFor("a refused attempt", async () => receiver.requests.length >= 1, 60_000, 100);
    await first.kill9();

    const pending = deliveriesIn(first);
    expect(pending).toHaveLength(1);
    expect(pending[0]).toMatchObject({ endpointId: hook.id, event: "job.failed" });
    expect(["queued", "sending"]).toContain(pending[0].status);
    expect(pending[0].attempts).toBeGreaterThanOrEqual(1);

    down = false;
    const second = await startServer({ dir: first.dir });
    servers.push(second);
    const delivered = await waitFor("the delivery after the restart", async () => receiver.requests.find((r) => r.answered === 200), 60_000, 100);
    expect(verify(hook.secret, delivered.body, delivered.headers["x-selenite-signature"])).toBe(true);
    expect(delivered.headers["x-selenite-delivery"]).toBe(pending[0].id);
    const payload = JSON.parse(delivered.body);
    expect(payload).toMatchObject({ event: "job.failed", job: { id: jobId, status: "failed", transcriptUrl: null } });
    expect(payload.job.error).toMatch(/crashed 3 times in a row/);
    // Without PUBLIC_URL, links point at the server's own port.
    expect(payload.job.url).toBe(`http://localhost:${first.port}/jobs/${jobId}`);
    await waitFor("the delivery to be recorded", async () => deliveriesIn(second)[0]?.status === "delivered", 30_000, 100);
    expect(completions.requests).toHaveLength(0);
  }, 360_000);
  it("cuts an attempt in flight short on SIGTERM and sends it after the restart, uncounted", async () => {
    const receiver = await startReceiver();
    receivers.push(receiver);
    let held = true;
    receiver.answer = () => (held ? 0 : 200);
    const first = await startServer();
    servers.push(first);
    installModel(first.modelsDir);
    const { headers } = userWithToken(first, OWNER.email);
    const hook = await addEndpoint(first, headers, { url: receiver.url, events: ["job.completed"] });
    await uploadTone(first, headers);
    await waitFor("the attempt to reach the receiver", async () => receiver.requests.length >= 1, 150_000, 100);
    expect(await first.stop("SIGTERM")).toBe(0);

    const [pending] = deliveriesIn(first);
    expect(pending).toMatchObject({ endpointId: hook.id, event: "job.completed", status: "queued", attempts: 0 });
    expect(pending.lastError).toMatch(/^Selenite stopped before 127\.0\.0\.1:\d+ answered; it is sent again after the restart\.$/);

    held = false;
    const second = await startServer({ dir: first.dir });
    servers.push(second);
    await waitFor("the delivery after the restart", async () => deliveriesIn(second)[0]?.status === "delivered", 60_000, 100);
    expect(deliveriesIn(second)[0]).toMatchObject({ attempts: 1, lastStatus: 200, lastError: null });
    const last = receiver.requests.at(-1);
    expect(last?.headers["x-selenite-delivery"]).toBe(pending.id);
    expect(verify(hook.secret, last?.body ?? "", last?.headers["x-selenite-signature"])).toBe(true);
  }, 360_000);
});
