// Exports through real HTTP against a real server: every format with its headers,
// the errors (409 not ready, 400 unknown format, 404 someone else's job, 401 without
// credentials), an edit showing up in the export, and the zip of a selection.
import { createRequire } from "node:module";
import { unzipSync, strFromU8 } from "fflate";
import mammoth from "mammoth";
import { parseSync } from "subtitle";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, signInCookie, userWithToken } from "../helpers/auth";
import { startServer, type TestServer } from "../helpers/server";

type W3cParser = { parse(input: string, mode: string): { cues: unknown[]; errors: unknown[] } };
const require = createRequire(import.meta.url);
const { WebVTTParser } = require("webvtt-parser") as { WebVTTParser: new (entities?: unknown) => W3cParser };

const ADMIN = { email: "owner@example.com", password: "owner-password-1" };
let server: TestServer;
let owner: ReturnType<typeof userWithToken>;
let other: ReturnType<typeof userWithToken>;
const jobs: Record<string, string> = {};

type SegmentRow = { start: number; end: number; text: string; speaker?: string; words?: { word: string; start: number; end: number }[] };

function insertJob(userId: string, originalName: string, status: string, segments: SegmentRow[] = []): string {
  const db = openDb(server);
  try {
    const id = `job${Math.random().toString(36).slice(2)}`;
    const now = new Date().toISOString();
    db.prepare(
      `INSERT INTO "Job" (id, userId, title, originalName, storedName, sizeBytes, durationSec, model, status, detectedLanguage, languageProb, progress, createdAt, updatedAt, queuedAt, finishedAt, processingMs)
       VALUES (?, ?, ?, ?, ?, 1, 42.5, 'whisper-micro', ?, 'en', 0.93, 1, ?, ?, ?, ?, 1234)`,
    ).run(id, userId, originalName.replace(/\.[^.]+$/, ""), originalName, `${id}.wav`, status, now, now, now, status === "completed" ? now : null);
    const insert = db.prepare(
      `INSERT INTO "Segment" (jobId, "index", start, "end", text, originalText, edited, speaker, words) VALUES (?, ?, ?, ?, ?, NULL, 0, ?, ?)`,
    );
    segments.forEach((s, i) => insert.run(id, i, s.start, s.end, s.text, s.speaker ?? null, s.words ? JSON.stringify(s.words) : null));
    return id;
  } finally {
    db.close();
  }
}

async function get(pathname: string, headers: Record<string, string> = owner.headers) {
  const response = await fetch(`${server.url}${pathname}`, { headers });
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

function errorOf(bytes: Buffer): { code: string; message: string } {
  return JSON.parse(bytes.toString("utf8")).error;
}

beforeAll(async () => {
  server = await startServer({ env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password } });
  owner = userWithToken(server, ADMIN.email);
  other = userWithToken(server, "other@example.com");
  jobs.meeting = insertJob(owner.userId, "Weekly meeting.m4a", "completed", [
    {
      start: 0,
      end: 2.5,
      text: " Hello and welcome.",
      speaker: "Alice",
      words: [
        { word: " Hello", start: 0, end: 0.6 },
        { word: " and", start: 0.7, end: 1 },
        { word: " welcome.", start: 1.1, end: 2.5 },
      ],
    },
    { start: 2, end: 5, text: " We start with the <b>budget</b> --> next.", speaker: "Alice" },
    { start: 8, end: 11, text: " 今日は良い天気ですね。" },
    { start: 36_000, end: 36_003, text: " Ten hours later." },
  ]);
  jobs.arabic = insertJob(owner.userId, 'اجتماع "الفريق".wav', "completed", [{ start: 0, end: 3, text: " مرحبا بكم في الاجتماع." }]);
  jobs.cancelled = insertJob(owner.userId, "stopped.wav", "cancelled");
  jobs.theirs = insertJob(other.userId, "private.wav", "completed", [{ start: 0, end: 1, text: "Not yours." }]);
});

afterAll(async () => {
  await server?.stop();
});

describe("GET /api/jobs/:id/export", () => {
  it.each([
    ["txt", "text/plain; charset=utf-8"],
    ["srt", "application/x-subrip"],
    ["vtt", "text/vtt; charset=utf-8"],
    ["json", "application/json"],
    ["docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
    ["md", "text/markdown; charset=utf-8"],
  ])("answers %s with its type and an attachment name", async (format, type) => {
    const response = await get(`/api/jobs/${jobs.meeting}/export?format=${format}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe(type);
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="Weekly meeting.${format}"; filename*=UTF-8''Weekly%20meeting.${format}`);
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    const text = response.bytes.toString("utf8");
    if (format === "srt" || format === "vtt") {
      const cues = parseSync(text).filter((n) => n.type === "cue");
      expect(cues.length).toBeGreaterThanOrEqual(4);
      expect(text).toMatch(format === "srt" ? /^10:00:00,000 --> /m : /^10:00:00\.000 --> /m);
    }
    if (format === "vtt") expect(new WebVTTParser(require("webvtt-parser/html-entities.json")).parse(text, "metadata").errors).toEqual([]);
    if (format === "json") expect(JSON.parse(text)).toMatchObject({ schema: "selenite.transcript", version: 1, job: { id: jobs.meeting, processingMs: 1234 } });
    if (format === "docx") expect((await mammoth.extractRawText({ buffer: response.bytes })).value).toContain("今日は良い天気ですね。");
    if (format === "md") expect(text.startsWith("# Weekly meeting\n")).toBe(true);
  });

  it("adds timestamps to txt on request", async () => {
    const plain = (await get(`/api/jobs/${jobs.meeting}/export?format=txt`)).bytes.toString("utf8");
    expect(plain.startsWith("Alice: Hello and welcome. We start with the <b>budget</b> --> next.\n\n")).toBe(true);
    const stamped = (await get(`/api/jobs/${jobs.meeting}/export?format=txt&timestamps=true`)).bytes.toString("utf8");
    expect(stamped).toContain("[00:00:00] Alice: Hello");
    expect(stamped).toContain("[10:00:00] Ten hours later.");
  });

  it("names a non-ASCII file with RFC 5987 and a safe ASCII fallback", async () => {
    const response = await get(`/api/jobs/${jobs.arabic}/export?format=srt`);
    expect(response.headers.get("content-disposition")).toBe(
      `attachment; filename="______ ______.srt"; filename*=UTF-8''${encodeURIComponent("اجتماع الفريق.srt")}`,
    );
  });

  it("shows the person's correction, not the machine's text", async () => {
    const db = openDb(server);
    db.prepare(`UPDATE "Segment" SET originalText = text, text = ?, edited = 1 WHERE jobId = ? AND "index" = 0`).run(" Hi, and welcome back.", jobs.meeting);
    db.close();
    for (const format of ["txt", "srt", "vtt", "md", "json"]) {
      const text = (await get(`/api/jobs/${jobs.meeting}/export?format=${format}`)).bytes.toString("utf8");
      expect(text, format).toContain("welcome back.");
      if (format !== "json") expect(text, format).not.toContain("Hello");
    }
    const docx = (await get(`/api/jobs/${jobs.meeting}/export?format=docx`)).bytes;
    expect((await mammoth.extractRawText({ buffer: docx })).value).toContain("Hi, and welcome back.");
  });

  it("answers 409 with a message for a job that is not completed", async () => {
    const cancelled = await get(`/api/jobs/${jobs.cancelled}/export?format=txt`);
    expect(cancelled.status).toBe(409);
    expect(errorOf(cancelled.bytes).message).toBe("This transcript is not ready yet: the job is cancelled.");
    // The queue may claim (and, with no model installed, fail) a queued job at any moment.
    const queued = await get(`/api/jobs/${insertJob(owner.userId, "waiting.wav", "queued")}/export?format=txt`);
    expect(queued.status).toBe(409);
    expect(errorOf(queued.bytes).message).toMatch(/^This transcript is not ready yet: the job is (queued|processing|failed)\.$/);
  });

  it("answers 400 for an unknown or missing format, with the valid ones", async () => {
    for (const query of ["?format=exe", "", "?format="]) {
      const response = await get(`/api/jobs/${jobs.meeting}/export${query}`);
      expect(response.status, query).toBe(400);
      expect(errorOf(response.bytes).message).toMatch(/Valid formats: txt, srt, vtt, json, docx, md\.$/);
    }
  });

  it("answers 404 for someone else's job and 401 without credentials", async () => {
    expect((await get(`/api/jobs/${jobs.theirs}/export?format=txt`)).status).toBe(404);
    expect((await get(`/api/jobs/no-such-job/export?format=txt`)).status).toBe(404);
    expect((await get(`/api/jobs/${jobs.meeting}/export?format=txt`, {})).status).toBe(401);
  });
});

describe("POST /api/jobs/export", () => {
  async function post(body: unknown, headers: Record<string, string> = owner.headers) {
    const response = await fetch(`${server.url}/api/jobs/export`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify(body),
    });
    return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
  }

  it("zips the selection's exports with unique, safe names", async () => {
    const twin = insertJob(owner.userId, "Weekly meeting.m4a", "completed", [{ start: 0, end: 1, text: "Second recording." }]);
    const response = await post({ ids: [jobs.meeting, jobs.arabic, twin], format: "srt" });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/zip");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="Selenite transcripts \d{4}-\d{2}-\d{2} srt\.zip"/);
    const files = unzipSync(new Uint8Array(response.bytes));
    expect(Object.keys(files)).toEqual(["Weekly meeting.srt", "اجتماع الفريق.srt", "Weekly meeting (2).srt"]);
    expect(strFromU8(files["اجتماع الفريق.srt"])).toContain("مرحبا بكم في الاجتماع.");
    expect(strFromU8(files["Weekly meeting (2).srt"])).toContain("Second recording.");
    expect(parseSync(strFromU8(files["Weekly meeting.srt"])).length).toBeGreaterThanOrEqual(4);
  });

  it("checks the whole selection first", async () => {
    const notReady = await post({ ids: [jobs.meeting, jobs.cancelled], format: "txt" });
    expect(notReady.status).toBe(409);
    expect(errorOf(notReady.bytes).message).toMatch(/not ready yet: "stopped" \(cancelled\)/);
    expect((await post({ ids: [jobs.meeting, jobs.theirs], format: "txt" })).status).toBe(404);
    expect((await post({ ids: [], format: "txt" })).status).toBe(422);
    expect((await post({ ids: Array.from({ length: 201 }, (_, i) => `j${i}`), format: "txt" })).status).toBe(422);
    expect((await post({ ids: [jobs.meeting], format: "exe" })).status).toBe(400);
    expect((await post({ ids: [jobs.meeting], format: "txt" }, {})).status).toBe(401);
  });

  it("works for a signed-in browser from our own pages only (a plain form post)", async () => {
    const cookie = await signInCookie(server, ADMIN.email, ADMIN.password);
    const form = new URLSearchParams({ ids: `${jobs.meeting},${jobs.arabic}`, format: "md" });
    const send = (headers: Record<string, string>) =>
      fetch(`${server.url}/api/jobs/export`, {
        method: "POST",
        headers: { cookie, "content-type": "application/x-www-form-urlencoded", ...headers },
        body: form,
      });
    expect((await send({})).status).toBe(403);
    expect((await send({ origin: "https://evil.example" })).status).toBe(403);
    const response = await send({ origin: server.url });
    expect(response.status).toBe(200);
    const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
    expect(Object.keys(files).sort()).toEqual(["Weekly meeting.md", "اجتماع الفريق.md"].sort());
  });
});
