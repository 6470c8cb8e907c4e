// The OpenAI-compatible API through the official `openai` client against the real
// server: every response_format parses, word and segment granularity, translation,
// streaming as windows commit, and OpenAI-shaped errors for an unknown model, a bad
// file, a bad field and a missing token. Each request is a normal job on the dashboard.
import fs from "node:fs";
import path from "node:path";
import OpenAI, { toFile } from "openai";
import { parseSync } from "subtitle";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cleanText, joinTexts } from "@/lib/exports/text";
import { openDb, userWithToken } from "../helpers/auth";
import { installModel, waitFor } from "../helpers/fixtures";
import { makeLongWav, makeTempDir } from "../helpers/media";
import { startServer, type TestServer } from "../helpers/server";

let server: TestServer;
let media: { dir: string; cleanup: () => Promise<void> };
let owner: ReturnType<typeof userWithToken>;
let client: OpenAI;
let wav: string;
let longWav: string;

const audio = async (file = wav) => toFile(fs.readFileSync(file), path.basename(file), { type: "audio/wav" });

function jobRow(id: string): { status: string; task: string; wordTimestamps: number; model: string; deletedAt: string | null } {
  const db = openDb(server);
  try {
    return db.prepare(`SELECT status, task, wordTimestamps, model, deletedAt FROM "Job" WHERE id = ?`).get(id) as ReturnType<typeof jobRow>;
  } finally {
    db.close();
  }
}

function segmentTexts(id: string): string[] {
  const db = openDb(server);
  try {
    return (db.prepare(`SELECT text FROM "Segment" WHERE "jobId" = ? ORDER BY "index"`).all(id) as { text: string }[]).map((r) => r.text);
  } finally {
    db.close();
  }
}

function jobCount(): number {
  const db = openDb(server);
  try {
    return (db.prepare(`SELECT COUNT(*) AS n FROM "Job"`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

/** The text of a job as the API should give it: its committed segments joined. */
const expectedText = (id: string) => joinTexts(segmentTexts(id).map(cleanText));

beforeAll(async () => {
  media = await makeTempDir();
  wav = await makeLongWav(path.join(media.dir, "tone.wav"), 12);
  longWav = await makeLongWav(path.join(media.dir, "long.wav"), 75);
  server = await startServer();
  installModel(server.modelsDir);
  owner = userWithToken(server, "openai@example.com");
  // Tones hold no speech: with VAD on there would be nothing to decode.
  const settings = await fetch(`${server.url}/api/settings`, {
    method: "PATCH",
    headers: { ...owner.headers, "content-type": "application/json" },
    body: JSON.stringify({ vad: false }),
  });
  expect(settings.status).toBe(200);
  // No retries: a retried request would queue the file again and hide the first answer.
  client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: owner.token, maxRetries: 0 });
}, 240_000);

afterAll(async () => {
  await server?.stop();
  await media?.cleanup();
});

describe("models", () => {
  it("lists whisper-1 and the installed models", async () => {
    const ids: string[] = [];
    for await (const model of client.models.list()) ids.push(model.id);
    expect(ids).toEqual(["whisper-1", "whisper-micro"]);
  });
});

describe("every response_format parses with the official client", () => {
  it("json: { text } from a normal, completed job with the default model", async () => {
    const { data, response } = await client.audio.transcriptions.create({ file: await audio(), model: "whisper-1" }).withResponse();
    const jobId = response.headers.get("x-selenite-job-id")!;
    expect(jobRow(jobId)).toMatchObject({ status: "completed", task: "transcribe", model: "whisper-micro", deletedAt: null });
    expect(segmentTexts(jobId).length).toBeGreaterThan(0);
    expect(data.text).toBe(expectedText(jobId));
    // It is on the dashboard like any upload.
    const listed = (await (await fetch(`${server.url}/api/jobs`, { headers: owner.headers })).json()) as { jobs: { id: string; title: string }[] };
    expect(listed.jobs.find((j) => j.id === jobId)?.title).toBe("tone");
  });

  it("text: the plain transcript", async () => {
    const { data, response } = await client.audio.transcriptions
      .create({ file: await audio(), model: "whisper-micro", response_format: "text" })
      .withResponse();
    expect(typeof data).toBe("string");
    expect(data.trim()).toBe(expectedText(response.headers.get("x-selenite-job-id")!));
  });

  it("srt and vtt: subtitles a parser reads, one cue per segment at least", async () => {
    for (const format of ["srt", "vtt"] as const) {
      const { data, response } = await client.audio.transcriptions
        .create({ file: await audio(), model: "whisper-micro", response_format: format })
        .withResponse();
      expect(typeof data).toBe("string");
      if (format === "vtt") expect(data.startsWith("WEBVTT")).toBe(true);
      else expect(data).toMatch(/^1\r?\n\d\d:\d\d:\d\d,\d{3} --> /);
      const cues = parseSync(data).filter((node) => node.type === "cue");
      expect(cues.length, format).toBeGreaterThanOrEqual(segmentTexts(response.headers.get("x-selenite-job-id")!).length);
      for (const cue of cues) {
        if (cue.type !== "cue") continue;
        expect(cue.data.end, format).toBeGreaterThan(cue.data.start);
        expect(cue.data.end, format).toBeLessThanOrEqual(12_500);
      }
    }
  });

  it("verbose_json: OpenAI's shape, with segments by default and no words", async () => {
    const { data, response } = await client.audio.transcriptions
      .create({ file: await audio(), model: "whisper-micro", response_format: "verbose_json" })
      .withResponse();
    const jobId = response.headers.get("x-selenite-job-id")!;
    // OpenAI sends `task` too, though the client's types leave it out.
    expect((data as unknown as { task: string }).task).toBe("transcribe");
    expect(typeof data.language).toBe("string");
    expect(data.language).toMatch(/^[a-z ]+$/);
    expect(data.duration).toBeCloseTo(12, 0);
    expect(data.text).toBe(expectedText(jobId));
    expect(data.words).toBeUndefined();
    expect(data.segments?.length).toBe(segmentTexts(jobId).length);
    data.segments!.forEach((segment, i) => {
      expect(segment.id).toBe(i);
      expect(Object.keys(segment).sort()).toEqual(
        ["avg_logprob", "compression_ratio", "end", "id", "no_speech_prob", "seek", "start", "temperature", "text", "tokens"].sort(),
      );
      expect(segment.end).toBeGreaterThanOrEqual(segment.start);
      expect(segment.seek % 3000).toBe(0);
      expect(Array.isArray(segment.tokens)).toBe(true);
      expect(segment.avg_logprob).toBeLessThan(0);
    });
  });

  it("verbose_json with word granularity: words with times, and the job had word timestamps on", async () => {
    const { data, response } = await client.audio.transcriptions
      .create({ file: await audio(), model: "whisper-micro", response_format: "verbose_json", timestamp_granularities: ["word"] })
      .withResponse();
    expect(jobRow(response.headers.get("x-selenite-job-id")!).wordTimestamps).toBe(1);
    expect(data.segments).toBeUndefined();
    expect(data.words?.length).toBeGreaterThan(0);
    for (const word of data.words!) {
      expect(typeof word.word).toBe("string");
      expect(word.end).toBeGreaterThanOrEqual(word.start);
      expect(word.end).toBeLessThanOrEqual(12.5);
    }
  });

  it("verbose_json with both granularities: segments and words", async () => {
    const data = await client.audio.transcriptions.create({
      file: await audio(),
      model: "whisper-micro",
      response_format: "verbose_json",
      timestamp_granularities: ["segment", "word"],
    });
    expect(data.segments?.length).toBeGreaterThan(0);
    expect(data.words?.length).toBeGreaterThan(0);
  });

  it("translations: a translate job, in every JSON and text format", async () => {
    const { data, response } = await client.audio.translations
      .create({ file: await audio(), model: "whisper-1", response_format: "verbose_json" })
      .withResponse();
    expect((data as unknown as { task: string }).task).toBe("translate");
    expect(jobRow(response.headers.get("x-selenite-job-id")!)).toMatchObject({ status: "completed", task: "translate" });
    const json = await client.audio.translations.create({ file: await audio(), model: "whisper-1" });
    expect(typeof json.text).toBe("string");
    const srt = await client.audio.translations.create({ file: await audio(), model: "whisper-1", response_format: "srt" });
    // The client types every translation as JSON; a subtitle format arrives as text.
    expect(typeof srt).toBe("string");
    expect(parseSync(srt as unknown as string).length).toBeGreaterThan(0);
  });
});

describe("streaming", () => {
  it("sends each committed segment as it is decoded, then the whole text", async () => {
    const stream = await client.audio.transcriptions.create({ file: await audio(longWav), model: "whisper-micro", stream: true });
    const events: OpenAI.Audio.TranscriptionStreamEvent[] = [];
    for await (const event of stream) events.push(event);
    const done = events.at(-1);
    expect(done?.type).toBe("transcript.text.done");
    const segments = events.filter((e) => e.type === "transcript.text.segment");
    const deltas = events.filter((e) => e.type === "transcript.text.delta");
    // 75 s is three windows: the segments arrive in order, each with its delta.
    expect(segments.length).toBeGreaterThan(1);
    expect(deltas.length).toBe(segments.length);
    expect(segments.map((s) => s.id)).toEqual(segments.map((_, i) => `seg_${i}`));
    const starts = segments.map((s) => s.start);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    expect(deltas.map((d) => d.delta).join("")).toBe(done?.type === "transcript.text.done" ? done.text : null);
  });
});

describe("errors in OpenAI's shape", () => {
  it("an unknown model: 404 model_not_found naming the installed models, and no job", async () => {
    const before = jobCount();
    const error = await client.audio.transcriptions.create({ file: await audio(), model: "whisper-large-v9" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.NotFoundError);
    const apiError = error as InstanceType<typeof OpenAI.NotFoundError>;
    expect(apiError.status).toBe(404);
    expect(apiError.code).toBe("model_not_found");
    expect(apiError.param).toBe("model");
    expect(apiError.type).toBe("invalid_request_error");
    expect(apiError.message).toContain("whisper-micro");
    expect(jobCount()).toBe(before);
    expect(fs.readdirSync(path.join(server.storageDir, "uploads")).filter((f) => f.endsWith(".part"))).toEqual([]);
  });

  it("a file that is not audio: 400 invalid_request_error saying so", async () => {
    const before = jobCount();
    const notes = await toFile(Buffer.from("These are meeting notes, not a recording.\n".repeat(40)), "notes.mp3", { type: "audio/mpeg" });
    const error = await client.audio.transcriptions.create({ file: notes, model: "whisper-1" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    const apiError = error as InstanceType<typeof OpenAI.BadRequestError>;
    expect(apiError.status).toBe(400);
    expect(apiError.type).toBe("invalid_request_error");
    expect(apiError.param).toBe("file");
    expect(apiError.message).toMatch(/not an audio or video file/i);
    expect(jobCount()).toBe(before);
  });

  it("a bad field: 400 naming it", async () => {
    const raw = await fetch(`${server.url}/v1/audio/transcriptions`, {
      method: "POST",
      headers: owner.headers,
      body: (() => {
        const form = new FormData();
        form.append("model", "whisper-1");
        form.append("response_format", "docx");
        form.append("file", new Blob([fs.readFileSync(wav)]), "tone.wav");
        return form;
      })(),
    });
    expect(raw.status).toBe(400);
    const body = (await raw.json()) as { error: { message: string; type: string; param: string | null; code: string | null } };
    expect(body.error).toMatchObject({ type: "invalid_request_error", param: "response_format" });
    expect(body.error.message).toContain("verbose_json");
    const granularity = await client.audio.transcriptions
      .create({ file: await audio(), model: "whisper-1", response_format: "json", timestamp_granularities: ["word"] })
      .catch((e: unknown) => e);
    expect(granularity).toBeInstanceOf(OpenAI.BadRequestError);
    expect((granularity as InstanceType<typeof OpenAI.BadRequestError>).param).toBe("timestamp_granularities[]");
  });

  it("no token or a wrong one: 401 in OpenAI's shape", async () => {
    const wrong = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: "sel_not-a-real-token", maxRetries: 0 });
    const error = await wrong.audio.transcriptions.create({ file: await audio(), model: "whisper-1" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
    expect((error as InstanceType<typeof OpenAI.AuthenticationError>).code).toBe("invalid_api_key");
    const models = await wrong.models.list().catch((e: unknown) => e);
    expect(models).toBeInstanceOf(OpenAI.AuthenticationError);
    for (const url of ["/v1/models", "/v1/audio/transcriptions", "/v1/audio/translations"]) {
      const response = await fetch(`${server.url}${url}`, { method: url === "/v1/models" ? "GET" : "POST" });
      expect(response.status, url).toBe(401);
      const body = (await response.json()) as { error: { message: string; type: string; param: null; code: string } };
      expect(body.error, url).toMatchObject({ type: "authentication_error", param: null, code: "invalid_api_key" });
      expect(body.error.message, url).toMatch(/token/i);
    }
  });
});

describe("the wait limit (COMPAT_WAIT_SEC)", () => {
  let limited: TestServer;
  let token: ReturnType<typeof userWithToken>;

  beforeAll(async () => {
    limited = await startServer({ env: { COMPAT_WAIT_SEC: "1" } });
    installModel(limited.modelsDir);
    token = userWithToken(limited, "waiting@example.com");
  }, 240_000);

  afterAll(async () => {
    await limited?.stop();
  });

  const api = (pathname: string, init: RequestInit = {}) =>
    fetch(`${limited.url}${pathname}`, { ...init, headers: { ...token.headers, ...(init.headers as Record<string, string>) } });

  it("answers a job still waiting with a 504 that names it, and the job carries on", async () => {
    // One worker slot (the default), held by a half-hour file: the API's job waits in line behind it.
    const halfHour = await makeLongWav(path.join(media.dir, "half-hour.wav"), 1800);
    const form = new FormData();
    form.append("vad", "false");
    form.append("file", new Blob([fs.readFileSync(halfHour)]), "half-hour.wav");
    const busy = ((await (await api("/api/jobs", { method: "POST", body: form })).json()) as { results: { job: { id: string } }[] }).results[0].job.id;
    const status = async (id: string) => ((await (await api(`/api/jobs/${id}`)).json()) as { job: { status: string } }).job.status;
    await waitFor("the long job to start", async () => (await status(busy)) === "processing", 120_000);

    const waiting = new OpenAI({ baseURL: `${limited.url}/v1`, apiKey: token.token, maxRetries: 0 });
    const error = await waiting.audio.transcriptions.create({ file: await audio(), model: "whisper-1" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    const apiError = error as InstanceType<typeof OpenAI.APIError>;
    expect(apiError.status).toBe(504);
    expect(apiError.code).toBe("job_pending");
    const jobId = apiError.headers?.get("x-selenite-job-id");
    expect(jobId).toBeTruthy();
    expect(apiError.message).toContain(`Job ${jobId} is still running`);
    expect(apiError.message).toContain(`/api/jobs/${jobId}/export`);
    expect(apiError.headers?.get("x-should-retry")).toBe("false");
    // Not cancelled by the timeout: it is still in line.
    expect(await status(jobId!)).toBe("queued");

    // A stream that reaches the limit ends with an error event the client raises.
    const stream = await waiting.audio.transcriptions.create({ file: await audio(), model: "whisper-1", stream: true });
    const seen: string[] = [];
    const streamError = await (async () => {
      for await (const event of stream) seen.push(event.type);
    })().catch((e: unknown) => e);
    expect(seen).toEqual([]);
    expect(streamError).toBeInstanceOf(OpenAI.APIError);
    expect((streamError as InstanceType<typeof OpenAI.APIError>).message).toMatch(/^Job \S+ is still running/);
    const streamed = (await (await api("/api/jobs?status=queued")).json()) as { jobs: { id: string }[] };
    const queued = streamed.jobs.map((j) => j.id).filter((id) => id !== jobId);
    expect(queued).toHaveLength(1);

    for (const id of [jobId!, ...queued, busy]) {
      const cancel = await api(`/api/jobs/${id}/cancel`, { method: "POST" });
      expect(cancel.status, await cancel.text()).toBe(200);
    }
  });
});
