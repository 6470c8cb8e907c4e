// The whisper-asr-webservice-compatible API with requests shaped exactly as Bazarr's
// Whisper provider sends them (python-requests multipart: a file part named and
// filed "audio_file" without a Content-Type, the options in the query string,
// headerless 16 kHz mono s16le PCM with encode=false), plus each `output`, a
// language detection, and a wrong token.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { parseSync } from "subtitle";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LANGUAGE_CODES, languageName } from "@/lib/languages";
import { openDb, userWithToken } from "../helpers/auth";
import { installModel, waitFor } from "../helpers/fixtures";
import { ffmpeg, makeLongWav, makeTempDir } from "../helpers/media";
import { startServer, type TestServer } from "../helpers/server";

let server: TestServer;
let media: { dir: string; cleanup: () => Promise<void> };
let owner: ReturnType<typeof userWithToken>;
let pcm: Buffer;
let longPcm: Buffer;
let wav: string;

type JobRow = { id: string; title: string; status: string; task: string; language: string | null; durationSec: number; deletedAt: string | null };

function job(id: string): JobRow {
  const db = openDb(server);
  try {
    return db.prepare(`SELECT id, title, status, task, language, durationSec, deletedAt FROM "Job" WHERE id = ?`).get(id) as JobRow;
  } finally {
    db.close();
  }
}

function segmentCount(id: string): number {
  const db = openDb(server);
  try {
    return (db.prepare(`SELECT COUNT(*) AS n FROM "Segment" WHERE "jobId" = ?`).get(id) as { n: number }).n;
  } finally {
    db.close();
  }
}

/** What Bazarr's encode_audio_stream() hands to requests: raw s16le, mono, 16 kHz. */
async function makePcm(name: string, seconds: number): Promise<Buffer> {
  const file = path.join(media.dir, name);
  await ffmpeg([
    "-f",
    "lavfi",
    "-i",
    `sine=frequency=440:sample_rate=44100:duration=${seconds}`,
    "-f",
    "s16le",
    "-acodec",
    "pcm_s16le",
    "-ac",
    "1",
    "-ar",
    "16000",
    file,
  ]);
  return fs.readFileSync(file);
}

/** requests' `files={"audio_file": data}` body, byte for byte in its layout. */
function requestsMultipart(field: string, data: Buffer, filename = field): { body: Buffer; contentType: string } {
  const boundary = randomBytes(16).toString("hex");
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\n\r\n`);
  return { body: Buffer.concat([head, data, Buffer.from(`\r\n--${boundary}--\r\n`)]), contentType: `multipart/form-data; boundary=${boundary}` };
}

async function bazarrPost(endpoint: string, params: Record<string, string>, data: Buffer, token = owner.token) {
  const { body, contentType } = requestsMultipart("audio_file", data);
  const url = `${server.url}/compat/${token}/${endpoint}?${new URLSearchParams(params)}`;
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": contentType, "user-agent": "Subliminal/2.1.0", accept: "*/*", "accept-encoding": "gzip, deflate" },
    body: new Uint8Array(body),
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

beforeAll(async () => {
  media = await makeTempDir();
  pcm = await makePcm("episode.pcm", 20);
  longPcm = await makePcm("film.pcm", 75);
  wav = await makeLongWav(path.join(media.dir, "episode.wav"), 12);
  server = await startServer();
  installModel(server.modelsDir);
  owner = userWithToken(server, "bazarr@example.com");
  // Tones hold no speech: with VAD on there would be nothing to decode.
  const settings = await fetch(`${server.url}/api/settings`, {
    method: "PATCH",
    headers: { ...owner.headers, "content-type": "application/json" },
    body: JSON.stringify({ vad: false }),
  });
  expect(settings.status).toBe(200);
}, 240_000);

afterAll(async () => {
  await server?.stop();
  await media?.cleanup();
});

describe("POST /compat/<token>/asr as Bazarr sends it", () => {
  it("transcribes headerless PCM (encode=false) into SRT, as a normal job of the right length", async () => {
    const response = await bazarrPost("asr", { task: "transcribe", language: "en", output: "srt", encode: "false" }, pcm);
    expect(response.status, response.text).toBe(200);
    expect(response.headers.get("content-disposition")).toContain('filename="audio_file.srt"');
    const jobId = response.headers.get("x-selenite-job-id")!;
    const row = job(jobId);
    expect(row).toMatchObject({ status: "completed", task: "transcribe", language: "en", title: "audio_file", deletedAt: null });
    // The WAV header made from the PCM says 16 kHz mono 16-bit: 640,000 bytes are 20 s.
    expect(row.durationSec).toBeCloseTo(20, 1);
    const cues = parseSync(response.text).filter((node) => node.type === "cue");
    expect(cues.length).toBeGreaterThanOrEqual(segmentCount(jobId));
    expect(cues.length).toBeGreaterThan(0);
    for (const cue of cues) if (cue.type === "cue") expect(cue.data.end).toBeLessThanOrEqual(20_500);
  });

  it("translates when Bazarr asks for English subtitles from other audio", async () => {
    const response = await bazarrPost("asr", { task: "translate", language: "de", output: "srt", encode: "false" }, pcm);
    expect(response.status, response.text).toBe(200);
    expect(job(response.headers.get("x-selenite-job-id")!)).toMatchObject({ status: "completed", task: "translate", language: "de" });
    expect(parseSync(response.text).length).toBeGreaterThan(0);
  });
});

describe("every output of /asr, from an encoded file", () => {
  const asr = async (output: string, extra: Record<string, string> = {}) => {
    const response = await bazarrPost("asr", { output, ...extra }, fs.readFileSync(wav));
    expect(response.status, `${output}: ${response.text}`).toBe(200);
    return { text: response.text, jobId: response.headers.get("x-selenite-job-id")!, type: response.headers.get("content-type") };
  };

  it("txt: one segment per line (the default output)", async () => {
    const { text, jobId } = await asr("txt");
    expect(text.endsWith("\n")).toBe(true);
    expect(text.split("\n").slice(0, -1)).toHaveLength(segmentCount(jobId));
  });

  it("vtt: WebVTT a parser reads", async () => {
    const { text } = await asr("vtt");
    expect(text.startsWith("WEBVTT")).toBe(true);
    expect(parseSync(text).filter((node) => node.type === "cue").length).toBeGreaterThan(0);
  });

  it("tsv: a header, then integer milliseconds and the text", async () => {
    const { text, jobId } = await asr("tsv");
    const [header, ...rows] = text.trimEnd().split("\n");
    expect(header).toBe("start\tend\ttext");
    expect(rows).toHaveLength(segmentCount(jobId));
    for (const row of rows) {
      const [start, end] = row.split("\t");
      expect(start).toMatch(/^\d+$/);
      expect(Number(end)).toBeGreaterThanOrEqual(Number(start));
    }
  });

  it("json: whisper's result (text, segments, language), with words when word_timestamps=true", async () => {
    const { text, jobId, type } = await asr("json", { word_timestamps: "true", language: "fr", initial_prompt: "Bonjour." });
    expect(type).toContain("application/json");
    const result = JSON.parse(text) as {
      text: string;
      language: string;
      segments: { id: number; start: number; end: number; text: string; words: { word: string; start: number }[] }[];
    };
    expect(result.language).toBe("fr");
    expect(typeof result.text).toBe("string");
    expect(result.segments).toHaveLength(segmentCount(jobId));
    expect(result.segments.flatMap((s) => s.words).length).toBeGreaterThan(0);
    const db = openDb(server);
    try {
      expect(db.prepare(`SELECT prompt, wordTimestamps FROM "Job" WHERE id = ?`).get(jobId)).toEqual({ prompt: "Bonjour.", wordTimestamps: 1 });
    } finally {
      db.close();
    }
  });
});

describe("POST /compat/<token>/detect-language", () => {
  it("answers detected_language and language_code for Bazarr's PCM, from the first 30 s only", async () => {
    const response = await bazarrPost("detect-language", { encode: "false" }, longPcm);
    expect(response.status, response.text).toBe(200);
    const body = JSON.parse(response.text) as { detected_language: string; language_code: string };
    expect(Object.keys(body).sort()).toEqual(["detected_language", "language_code"]);
    expect(LANGUAGE_CODES).toContain(body.language_code);
    expect(body.detected_language).toBe(languageName(body.language_code).toLowerCase());
    const row = job(response.headers.get("x-selenite-job-id")!);
    // 75 s arrived; the detection job ran on a 30 s clip and is in the trash now.
    expect(row.durationSec).toBeCloseTo(30, 1);
    expect(row.status).toBe("completed");
    expect(row.deletedAt).not.toBeNull();
  });

  it("clips an encoded file too", async () => {
    const long = await makeLongWav(path.join(media.dir, "film.wav"), 70);
    const response = await bazarrPost("detect-language", {}, fs.readFileSync(long));
    expect(response.status, response.text).toBe(200);
    expect(job(response.headers.get("x-selenite-job-id")!).durationSec).toBeCloseTo(30, 1);
  });
});

describe("refusals", () => {
  it("a wrong token: 401 on both endpoints, and nothing stored", async () => {
    for (const endpoint of ["asr", "detect-language"]) {
      const response = await bazarrPost(endpoint, { encode: "false" }, pcm, `sel_${randomBytes(32).toString("base64url")}`);
      expect(response.status, endpoint).toBe(401);
      expect(JSON.parse(response.text).error.message).toMatch(/token/i);
    }
    expect(fs.readdirSync(path.join(server.storageDir, "uploads")).filter((f) => f.endsWith(".part"))).toEqual([]);
  });

  it("a bad parameter or no file: a message saying what to send", async () => {
    const output = await bazarrPost("asr", { output: "docx" }, pcm);
    expect(output.status).toBe(422);
    expect(JSON.parse(output.text).error.message).toContain("txt, vtt, srt, tsv, json");
    const empty = await fetch(`${server.url}/compat/${owner.token}/asr`, { method: "POST", body: new FormData() });
    expect(empty.status).toBe(400);
    expect(((await empty.json()) as { error: { message: string } }).error.message).toContain('"audio_file"');
  });
});

describe("the wait limit (COMPAT_WAIT_SEC)", () => {
  let limited: TestServer;
  let waiting: ReturnType<typeof userWithToken>;

  beforeAll(async () => {
    limited = await startServer({ env: { COMPAT_WAIT_SEC: "1" } });
    installModel(limited.modelsDir);
    waiting = userWithToken(limited, "waiting@example.com");
  }, 240_000);

  afterAll(async () => {
    await limited?.stop();
  });

  it("answers 504 naming the job, in the body and the header, and the job carries on", async () => {
    const api = (pathname: string, init: RequestInit = {}) => fetch(`${limited.url}${pathname}`, { ...init, headers: waiting.headers });
    // One worker slot (the default), held by a half-hour file: the /asr job waits in line behind it.
    const form = new FormData();
    form.append("vad", "false");
    form.append("file", new Blob([fs.readFileSync(await makeLongWav(path.join(media.dir, "half-hour.wav"), 1800))]), "half-hour.wav");
    const busy = ((await (await api("/api/jobs", { method: "POST", body: form })).json()) as { results: { job: { id: string } }[] }).results[0].job.id;
    const status = async (id: string) => ((await (await api(`/api/jobs/${id}`)).json()) as { job: { status: string } }).job.status;
    await waitFor("the long job to start", async () => (await status(busy)) === "processing", 120_000);

    const { body, contentType } = requestsMultipart("audio_file", pcm);
    const response = await fetch(`${limited.url}/compat/${waiting.token}/asr?output=srt&encode=false`, {
      method: "POST",
      headers: { "content-type": contentType },
      body: new Uint8Array(body),
    });
    expect(response.status).toBe(504);
    const jobId = response.headers.get("x-selenite-job-id");
    expect(jobId).toBeTruthy();
    expect(((await response.json()) as { error: { message: string } }).error.message).toContain(`Job ${jobId} is still running`);
    expect(await status(jobId!)).toBe("queued");
    for (const id of [jobId!, busy]) expect((await api(`/api/jobs/${id}/cancel`, { method: "POST" })).status).toBe(200);
  });
});
