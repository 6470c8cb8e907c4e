// Live progress over server-sent events: a browser that drops its connection and
// comes back with Last-Event-ID gets exactly the events it missed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, userWithToken } from "../helpers/auth";
import { startServer, type TestServer } from "../helpers/server";
import { openEvents } from "../helpers/sse";

let server: TestServer;
let owner: ReturnType<typeof userWithToken>;
let other: ReturnType<typeof userWithToken>;

function insertCompletedJob(userId: string, title: string): string {
  const db = openDb(server);
  const id = `job${Math.random().toString(36).slice(2)}`;
  const now = new Date().toISOString();
  db.prepare(
    `INSERT INTO "Job" (id, userId, title, originalName, storedName, sizeBytes, model, status, progress, createdAt, updatedAt, queuedAt)
     VALUES (?, ?, ?, ?, ?, 1, 'whisper-micro', 'completed', 1, ?, ?, ?)`,
  ).run(id, userId, title, `${title}.mp3`, `${id}.mp3`, now, now, now);
  db.close();
  return id;
}

async function rename(jobId: string, title: string) {
  const response = await fetch(`${server.url}/api/jobs/${jobId}`, { method: "PATCH", headers: owner.headers, body: JSON.stringify({ title }) });
  expect(response.status).toBe(200);
}

beforeAll(async () => {
  server = await startServer();
  owner = userWithToken(server, "owner@example.com");
  other = userWithToken(server, "other@example.com");
});

afterAll(async () => {
  await server?.stop();
});

describe("GET /api/events", () => {
  it("starts with a snapshot of the user's jobs only", async () => {
    const mine = insertCompletedJob(owner.userId, "Mine");
    insertCompletedJob(other.userId, "Theirs");
    const stream = await openEvents(`${server.url}/api/events`, owner.headers);
    expect(stream.contentType).toMatch(/^text\/event-stream/);
    const snapshot = await stream.next((e) => e.event === "snapshot");
    const jobs = JSON.parse(snapshot.data).jobs as { id: string; status: string }[];
    expect(jobs.map((j) => j.id)).toEqual([mine]);
    expect(snapshot.id).toMatch(/^[a-z0-9]+-\d+$/);
    stream.close();
  });

  it("replays exactly the missed events after a reconnect", async () => {
    const jobA = insertCompletedJob(owner.userId, "A");
    const jobB = insertCompletedJob(owner.userId, "B");
    const first = await openEvents(`${server.url}/api/events`, owner.headers);
    await first.next((e) => e.event === "snapshot");
    await rename(jobA, "A renamed");
    const seen = await first.next((e) => e.event === "jobs-changed");
    first.close();

    // While disconnected: a tag change and a deletion, plus another user's activity.
    const otherJob = insertCompletedJob(other.userId, "Other");
    await fetch(`${server.url}/api/jobs/${otherJob}`, { method: "DELETE", headers: other.headers });
    await rename(jobB, "B renamed");
    const deleted = await fetch(`${server.url}/api/jobs/${jobA}`, { method: "DELETE", headers: owner.headers });
    expect(deleted.status).toBe(204);

    const again = await openEvents(`${server.url}/api/events`, { ...owner.headers, "last-event-id": seen.id ?? "" });
    const missed1 = await again.next();
    const missed2 = await again.next();
    expect([missed1.event, missed2.event]).toEqual(["jobs-changed", "job-deleted"]);
    expect(JSON.parse(missed2.data)).toEqual({ id: jobA });
    again.close();
  });

  it("sends a fresh snapshot when the Last-Event-ID is from another server run", async () => {
    const stream = await openEvents(`${server.url}/api/events`, { ...owner.headers, "last-event-id": "oldrun-42" });
    const first = await stream.next();
    expect(first.event).toBe("snapshot");
    stream.close();
  });

  it("refuses without credentials", async () => {
    const response = await fetch(`${server.url}/api/events`);
    expect(response.status).toBe(401);
  });
});
