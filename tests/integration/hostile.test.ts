// Hostile input through real HTTP against one server: the corpus of bad files
// (tests/fixtures/hostile, made by scripts/gen/make-hostile-corpus.ts), attacks through
// file names and the HTTP protocol (slowloris included), malformed JSON and query
// strings on every API route, and broken model folders. Throughout, the server
// stays healthy and writes nothing outside STORAGE_DIR/uploads but generated names.
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CorpusEntry } from "../../scripts/gen/make-hostile-corpus";
import { userWithToken } from "../helpers/auth";
import { installModel, waitFor } from "../helpers/fixtures";
import { makeTempDir, makeTone } from "../helpers/media";
import { apiRoutes } from "../helpers/routes";
import { ROOT, startServer, type TestServer } from "../helpers/server";

const CORPUS = path.join(ROOT, "tests", "fixtures", "hostile");
const MANIFEST: CorpusEntry[] = JSON.parse(fs.readFileSync(path.join(CORPUS, "manifest.json"), "utf8"));
// A stored name, or the waveform peaks kept beside it (lib/peaks: `<stored name>.peaks`).
const GENERATED = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.[a-z0-9]{1,8}(\.peaks)?$/;
const IDLE_SEC = 2;

let server: TestServer;
let auth: ReturnType<typeof userWithToken>;
let media: { dir: string; cleanup: () => Promise<void> };
let wav: string;
let outsideBefore: string[];
const healthFailures: string[] = [];
let healthTimer: NodeJS.Timeout | undefined;
const jobIds: string[] = [];

type Json = Record<string, any>;

async function api(pathname: string, init: RequestInit = {}): Promise<{ status: number; body: Json; text: string }> {
  const response = await fetch(`${server.url}${pathname}`, { ...init, headers: { ...auth.headers, ...(init.headers as Record<string, string>) } });
  const text = await response.text();
  let body: Json = {};
  try {
    body = JSON.parse(text);
  } catch {
    body = { raw: text };
  }
  return { status: response.status, body, text };
}

/** A multipart body by hand, so names reach the server byte for byte (RFC 5987 `filename*`). */
function multipart(
  parts: { name: string; data: Buffer }[],
  fields: Record<string, string> = {},
  boundary = "hostileBoundary42",
): { body: Buffer; type: string } {
  const chunks: Buffer[] = [];
  for (const [key, value] of Object.entries(fields)) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${key}"\r\n\r\n${value}\r\n`));
  }
  for (const part of parts) {
    const encoded = encodeURIComponent(part.name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
    // An empty filename* makes busboy see a plain field; an empty quoted one is still a file.
    const filename = part.name ? `filename*=UTF-8''${encoded}` : 'filename=""';
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; ${filename}\r\nContent-Type: application/octet-stream\r\n\r\n`));
    chunks.push(part.data, Buffer.from("\r\n"));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), type: `multipart/form-data; boundary=${boundary}` };
}

async function upload(parts: { name: string; data: Buffer }[], fields: Record<string, string> = {}) {
  const { body, type } = multipart(parts, fields);
  return api("/api/jobs", { method: "POST", body: new Uint8Array(body), headers: { "content-type": type } });
}

/** Sends raw bytes over a socket; resolves with what came back when the server answers or closes. */
function rawRequest(
  head: string,
  body: Buffer | null,
  options: { closeAfterMs?: number; trickle?: boolean } = {},
): Promise<{ response: string; closed: boolean }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(server.port, "127.0.0.1");
    let response = "";
    let trickle: NodeJS.Timeout | undefined;
    const finish = (closed: boolean) => {
      clearInterval(trickle);
      socket.destroy();
      resolve({ response, closed });
    };
    socket.on("data", (chunk) => {
      response += chunk.toString("latin1");
      // One full response is enough: the status line and headers ending.
      if (/\r\n\r\n/.test(response)) setTimeout(() => finish(false), 100);
    });
    socket.on("error", (error) => (response ? finish(true) : reject(error)));
    socket.on("close", () => finish(true));
    socket.write(head);
    if (body) socket.write(body);
    if (options.trickle) trickle = setInterval(() => socket.write("a"), 400);
    if (options.closeAfterMs !== undefined) setTimeout(() => finish(true), options.closeAfterMs);
  });
}

function listTree(dir: string, skip: Set<string>): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .filter((rel) => !skip.has(rel.split(path.sep)[0]))
    .sort();
}

const outsideStorage = () => listTree(server.dir, new Set(["storage", "logs", "models"]));
const uploadsDir = () => path.join(server.storageDir, "uploads");
const partFiles = () => fs.readdirSync(uploadsDir()).filter((name) => name.endsWith(".part"));

function expectPersonReadable(message: unknown): void {
  expect(typeof message).toBe("string");
  const text = message as string;
  expect(text.length).toBeGreaterThan(10);
  expect(text.length).toBeLessThan(300);
  expect(text).not.toContain(server.dir);
  expect(text).not.toMatch(/\/(tmp|etc|home|usr|root|work)\/|@ 0x[0-9a-f]+|\bat \S+ \(|node_modules/);
}

async function inBatches<T>(items: T[], size: number, run: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: size }, async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await run(item);
    }),
  );
}

beforeAll(async () => {
  media = await makeTempDir();
  wav = await makeTone(path.join(media.dir, "tone.wav"), 1);
  server = await startServer({ env: { UPLOAD_IDLE_TIMEOUT_SEC: String(IDLE_SEC), MAX_UPLOAD_MB: "8" } });
  installModel(server.modelsDir);
  auth = userWithToken(server, "hostile@example.com");
  outsideBefore = outsideStorage();
  healthTimer = setInterval(() => {
    fetch(`${server.url}/api/health`).then(
      (r) => void (r.status !== 200 && healthFailures.push(`health ${r.status}`)),
      (e: unknown) => void healthFailures.push(`health ${String(e)}`),
    );
  }, 500);
});

afterAll(async () => {
  clearInterval(healthTimer);
  await server?.stop();
  await media?.cleanup();
});

describe("the hostile corpus", () => {
  it(`has at least 50 files, each listed with an outcome`, () => {
    expect(MANIFEST.length).toBeGreaterThanOrEqual(50);
    for (const entry of MANIFEST) expect(fs.existsSync(path.join(CORPUS, entry.file)), entry.file).toBe(true);
  });

  it("rejects every bad file with a reason, or accepts it with its true length", async () => {
    const problems: string[] = [];
    await inBatches(MANIFEST, 4, async (entry) => {
      const response = await upload([{ name: entry.uploadAs, data: fs.readFileSync(path.join(CORPUS, entry.file)) }]);
      const result = response.body.results?.[0];
      const where = `${entry.file} (${entry.description}): ${response.status} ${response.text.slice(0, 300)}`;
      if (!result) return void problems.push(`no result for ${where}`);
      if (entry.expect.outcome === "rejected") {
        if (result.ok || ![415, 422].includes(response.status) || !entry.expect.codes.includes(result.error.code))
          problems.push(`expected rejection ${entry.expect.codes}: ${where}`);
        else if (entry.expect.message && !String(result.error.message).includes(entry.expect.message))
          problems.push(`expected "${entry.expect.message}": ${where}`);
        else expectPersonReadable(result.error.message);
      } else if (!result.ok || !(result.job.durationSec <= entry.expect.maxDurationSec)) {
        problems.push(`expected acceptance under ${entry.expect.maxDurationSec} s: ${where}`);
      } else {
        jobIds.push(result.job.id);
      }
    });
    expect(problems).toEqual([]);
    expect(partFiles()).toEqual([]);
  });

  it("ends the jobs of accepted files (done, or failed with a reason)", async () => {
    for (const id of jobIds) {
      const job = await waitFor(
        `job ${id}`,
        async () => {
          const { body } = await api(`/api/jobs/${id}`);
          return ["completed", "failed", "cancelled"].includes(body.job?.status) ? body.job : null;
        },
        60_000,
        300,
      );
      if (job.status === "failed") expectPersonReadable(job.error);
      else expect(job.status).toBe("completed");
    }
  });
});

describe("manifests that point at other files", () => {
  // A DASH manifest with no XML prolog passes the magic-byte check; before the
  // allow-list, ffprobe's dash demuxer followed <BaseURL> to another job's upload
  // and the manifest was accepted and transcribed as that recording.
  const mpd = (baseUrl: string) =>
    '<MPD xmlns="urn:mpeg:dash:schema:mpd:2011" type="static" mediaPresentationDuration="PT2S" minBufferTime="PT1S" ' +
    'profiles="urn:mpeg:dash:profile:isoff-on-demand:2011"><Period><AdaptationSet mimeType="audio/mp4">' +
    `<Representation id="a" bandwidth="64000"><BaseURL>${baseUrl}</BaseURL></Representation></AdaptationSet></Period></MPD>\n`;

  it("refuses a DASH manifest whose BaseURL is another job's stored file, naming the format", async () => {
    const before = new Set(fs.readdirSync(uploadsDir()));
    const victim = await makeTone(path.join(media.dir, "victim.m4a"), 2);
    const stored = await upload([{ name: "victim.m4a", data: fs.readFileSync(victim) }]);
    expect(stored.status, stored.text).toBe(201);
    const [storedName] = fs.readdirSync(uploadsDir()).filter((name) => !before.has(name) && name.endsWith(".m4a"));
    expect(storedName).toBeTruthy();
    for (const baseUrl of [path.join(uploadsDir(), storedName), `./${storedName}`]) {
      const response = await upload([{ name: "meeting.wav", data: Buffer.from(mpd(baseUrl)) }]);
      const result = response.body.results?.[0];
      expect(response.status, `${baseUrl}: ${response.text}`).toBe(415);
      expect(result.ok).toBe(false);
      expect(result.error.code).toBe("media_not_media");
      expect(result.error.message).toMatch(/^This file's format \(dash\) is not supported: upload an audio or video file such as /);
      expectPersonReadable(result.error.message);
    }
    expect(partFiles()).toEqual([]);
  });
});

describe("file names", () => {
  const NAMES = [
    "../../etc/passwd.wav",
    "..\\..\\x.mp3",
    "/etc/cron.d/evil.wav",
    "C:\\Windows\\System32\\evil.wav",
    "line\r\nSet-Cookie: x=1.wav",
    "tab\tnull\u0000bell\u0007.wav",
    "invoice\u202egnp.wav",
    "\u2066isolated\u2069\u200f.wav",
    `${"a".repeat(1000)}.wav`,
    "",
    "....wav",
    "<script>alert(1)</script>.wav",
  ];

  it("stores every name under a generated name and shows a sanitized one", async () => {
    const data = fs.readFileSync(wav);
    const response = await upload(NAMES.map((name) => ({ name, data })));
    expect(response.status, response.text.slice(0, 500)).toBe(201);
    const results = response.body.results as Json[];
    expect(results).toHaveLength(NAMES.length);
    for (const result of results) {
      expect(result.ok).toBe(true);
      const shown = result.name as string;
      expect(shown.length).toBeGreaterThan(0);
      expect(shown.length).toBeLessThanOrEqual(180);
      expect(shown).not.toMatch(/[/\\\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069<>]/);
      expect(shown.startsWith(".")).toBe(false);
    }
    expect(results[0].name).toBe("passwd.wav");
    expect(results[1].name).toBe("x.mp3");
    expect(results[8].name).toMatch(/^a+\.wav$/);
    expect(results[9].name).toBe("recording");
    for (const name of fs.readdirSync(uploadsDir())) expect(name).toMatch(GENERATED);
  });

  it("never names a download after a Windows device", async () => {
    const DEVICES = ["AUX.txt.wav", "con.wav", "NUL .mp3.wav", "com1.backup.wav", "Lpt9..wav", "prn"];
    const data = fs.readFileSync(wav);
    const response = await upload(DEVICES.map((name) => ({ name, data })));
    expect(response.status, response.text.slice(0, 300)).toBe(201);
    const ids = (response.body.results as Json[]).map((r) => r.job.id as string);
    for (const id of ids) {
      await waitFor(`job ${id}`, async () => ["completed", "failed"].includes((await api(`/api/jobs/${id}`)).body.job?.status), 60_000, 300);
      const download = await fetch(`${server.url}/api/jobs/${id}/export?format=txt`, { headers: auth.headers });
      await download.arrayBuffer();
      if (download.status !== 200) continue; // a failed job has nothing to download
      const name = /filename="([^"]*)"/.exec(download.headers.get("content-disposition") ?? "")?.[1] ?? "";
      const stem = name.split(".")[0].replace(/[ .]+$/, "");
      expect(stem, name).not.toMatch(/^(con|prn|aux|nul|com\d|lpt\d)$/i);
      expect(name.startsWith("_"), name).toBe(true);
    }
  });

  it("survives raw control characters inside a quoted file name", async () => {
    const boundary = "rawNameBoundary";
    const send = (name: string) => {
      const body = Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\n\r\n`, "latin1"),
        fs.readFileSync(wav),
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      return api("/api/jobs", { method: "POST", body: new Uint8Array(body), headers: { "content-type": `multipart/form-data; boundary=${boundary}` } });
    };
    const tabbed = await send("a\tb\\..\\..\\d.wav");
    expect(tabbed.status).toBe(201);
    expect(tabbed.body.results[0].name).toBe("d.wav");
    // A raw control byte makes the part header malformed: the whole form is refused.
    const controlled = await send("a\u0001b\u007f.wav");
    expect(controlled.status, controlled.text).toBe(400);
    expectPersonReadable(controlled.body.error.message);
    expect(partFiles()).toEqual([]);
  });
});

describe("the HTTP protocol", () => {
  const head = (length: number | null, type = "multipart/form-data; boundary=slowBoundary", extra = "") =>
    `POST /api/jobs HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: ${auth.headers.authorization}\r\nContent-Type: ${type}\r\n` +
    `${length === null ? "Transfer-Encoding: chunked\r\n" : `Content-Length: ${length}\r\n`}${extra}\r\n`;
  const fileStart = Buffer.from(`--slowBoundary\r\nContent-Disposition: form-data; name="file"; filename="slow.wav"\r\n\r\n`);

  it("answers a form without a file, or with a bad boundary, with 400 and a message", async () => {
    const form = new FormData();
    form.append("language", "en");
    const noFile = await api("/api/jobs", { method: "POST", body: form });
    expect(noFile.status).toBe(400);
    expect(noFile.body.error.message).toMatch(/No file was sent/);
    const { body } = multipart([{ name: "a.wav", data: fs.readFileSync(wav) }]);
    for (const type of ["multipart/form-data; boundary=notTheOneUsed", "multipart/form-data", "multipart/form-data; boundary="]) {
      const response = await api("/api/jobs", { method: "POST", body: new Uint8Array(body), headers: { "content-type": type } });
      expect(response.status, type).toBe(400);
      expectPersonReadable(response.body.error?.message);
      expect(response.body.error.requestId).toBeTruthy();
    }
  });

  it("cleans up when the declared length is more than is sent and the client leaves", async () => {
    const { closed } = await rawRequest(head(5_000_000), Buffer.concat([fileStart, Buffer.alloc(200_000, 1)]), { closeAfterMs: 1500 });
    expect(closed).toBe(true);
    await waitFor("partial upload removed", async () => partFiles().length === 0, 10_000);
  });

  it("answers 400 when the declared length is less than is sent", async () => {
    const { response } = await rawRequest(head(300), Buffer.concat([fileStart, fs.readFileSync(wav), Buffer.from("\r\n--slowBoundary--\r\n")]));
    expect(response).toMatch(/^HTTP\/1\.1 400/);
    await waitFor("no partial upload", async () => partFiles().length === 0, 10_000);
  });

  it("refuses a huge header with 431", async () => {
    const { response } = await rawRequest(`GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(100_000)}\r\n\r\n`, null);
    expect(response).toMatch(/^HTTP\/1\.1 431/);
  });

  for (const kind of ["stalls", "trickles"] as const) {
    it(`times out an upload that ${kind} and removes its partial file`, async () => {
      const started = Date.now();
      const pending = rawRequest(head(10_000_000), Buffer.concat([fileStart, Buffer.alloc(70_000, 1)]), { trickle: kind === "trickles", closeAfterMs: 20_000 });
      await waitFor("the partial file", async () => partFiles().length > 0, 5_000, 50);
      const { response } = await pending;
      const elapsed = Date.now() - started;
      expect(response).toMatch(/^HTTP\/1\.1 408/);
      expect(response).toMatch(/upload stalled/);
      expect(elapsed).toBeGreaterThanOrEqual(IDLE_SEC * 1000 - 200);
      // The server ended it, long before the client's own close at 20 s (a busy machine may be slow to check).
      expect(elapsed).toBeLessThan(15_000);
      await waitFor("partial upload removed", async () => partFiles().length === 0, 30_000);
    });
  }
});

describe("multipart limits", () => {
  // Before 11.7 busboy skipped the 51st file and the 51st field silently, and cut long
  // fields short: the answer claimed success for what it had dropped.
  const cases: [string, () => { body: Buffer; type: string }, RegExp][] = [
    [
      "51 files",
      () => multipart(Array.from({ length: 51 }, (_, i) => ({ name: `many-${i}.wav`, data: fs.readFileSync(wav) }))),
      /^At most 50 files per upload/,
    ],
    [
      "10,000 fields before a file",
      () => multipart([{ name: "late.wav", data: fs.readFileSync(wav) }], Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`f${i}`, "x"]))),
      /^At most 50 form fields per upload/,
    ],
    [
      "a 50,000-character field",
      () => multipart([{ name: "long.wav", data: fs.readFileSync(wav) }], { tags: "t".repeat(50_000) }),
      /^The form field "tags" is longer than 10,000 characters/,
    ],
    [
      "a 1 MB model name",
      () => multipart([{ name: "long.wav", data: fs.readFileSync(wav) }], { model: "m".repeat(1024 * 1024) }),
      /^The form field "model" is longer than/,
    ],
  ];
  for (const [label, make, message] of cases) {
    it(`refuses ${label} as a whole with 413, keeping nothing`, async () => {
      const before = fs.readdirSync(uploadsDir()).sort();
      const jobsBefore = (await api("/api/jobs?limit=1")).body.total;
      const { body, type } = make();
      const response = await api("/api/jobs", { method: "POST", body: new Uint8Array(body), headers: { "content-type": type } });
      expect(response.status, response.text.slice(0, 300)).toBe(413);
      expect(response.body.error.code).toBe("payload_too_large");
      expect(response.body.error.message).toMatch(message);
      expectPersonReadable(response.body.error.message);
      await waitFor("nothing kept", async () => fs.readdirSync(uploadsDir()).sort().join() === before.join(), 10_000);
      expect((await api("/api/jobs?limit=1")).body.total).toBe(jobsBefore);
    });
  }
});

describe("malformed URLs and headers", () => {
  it("answers a JSON 400 for a broken percent escape in the path of every API route", async () => {
    const problems: string[] = [];
    for (const route of apiRoutes()) {
      const broken = route.url.includes("does-not-exist")
        ? [route.url.replace("does-not-exist", "%"), route.url.replace("does-not-exist", "%E0%A4%A")]
        : [`${route.url}/%zz`];
      for (const url of broken) {
        for (const method of route.methods) {
          const response = await fetch(`${server.url}${url}`, { method, headers: auth.headers });
          const text = await response.text();
          let code: unknown;
          try {
            code = JSON.parse(text).error?.code;
          } catch {
            code = undefined;
          }
          if (response.status !== 400 || code !== "bad_request") problems.push(`${method} ${url} → ${response.status} ${text.slice(0, 100)}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("ignores Range headers in units other than bytes (RFC 9110 §14.2)", async () => {
    const jobId = jobIds[0];
    expect(jobId).toBeTruthy();
    const whole = Buffer.from(await (await fetch(`${server.url}/api/jobs/${jobId}/media`, { headers: auth.headers })).arrayBuffer());
    for (const range of ["items=0-1", "none", "bytes", "=0-1", "BYTES=0-1x", "bytes=1-2,3-4"]) {
      const response = await fetch(`${server.url}/api/jobs/${jobId}/media`, { headers: { ...auth.headers, range } });
      const body = Buffer.from(await response.arrayBuffer());
      if (range === "BYTES=0-1x") {
        expect(response.status, range).toBe(416);
        continue;
      }
      expect(response.status, range).toBe(200);
      expect(body.equals(whole), range).toBe(true);
    }
  });
});

describe("malformed JSON and query strings", () => {
  it("answers 4xx JSON on every API route, never 500", async () => {
    const tagId = (await api("/api/tags", { method: "POST", body: JSON.stringify({ name: "hostile" }) })).body.tag.id as string;
    const jobId = jobIds[0];
    const routes = apiRoutes().filter((r) => !r.url.startsWith("/api/auth"));
    const problems: string[] = [];
    const check = async (method: string, url: string, init: RequestInit, takesJson = false) => {
      const controller = new AbortController();
      const response = await fetch(`${server.url}${url}`, {
        ...init,
        method,
        signal: controller.signal,
        headers: { ...auth.headers, ...(init.headers as Record<string, string>) },
      });
      const isStream = response.headers.get("content-type")?.includes("text/event-stream");
      const text = isStream ? "" : await response.text();
      controller.abort();
      const label = `${method} ${url} → ${response.status} ${text.slice(0, 200)}`;
      if (response.status >= 500 || /\n\s+at /.test(text)) return void problems.push(label);
      if (response.status >= 400) {
        let body: Json = {};
        try {
          body = JSON.parse(text);
        } catch {
          return void problems.push(`not JSON: ${label}`);
        }
        if (typeof body.error?.code !== "string" || typeof body.error?.message !== "string") problems.push(`bad error shape: ${label}`);
      } else if (method !== "GET" && takesJson) {
        problems.push(`accepted broken JSON: ${label}`);
      }
    };
    for (const route of routes) {
      const takesJson = /readJson\(|request\.json\(/.test(fs.readFileSync(path.join(ROOT, route.file), "utf8"));
      const urls = [route.url];
      if (jobId && route.url.includes("/api/jobs/does-not-exist")) urls.push(route.url.replace("does-not-exist", jobId));
      if (route.url.includes("/api/tags/does-not-exist")) urls.push(route.url.replace("does-not-exist", tagId));
      for (const url of urls) {
        for (const method of route.methods) {
          if (method === "GET") await check(method, `${url}?page=-1&limit=abc&status=%ZZ&from=x&to=%00&q=%E0%A4%A&format=../../x`, {});
          else if (method !== "DELETE" || url.includes("does-not-exist")) {
            await check(method, url, { body: '{"title": "x", oops', headers: { "content-type": "application/json" } }, takesJson);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });
});

describe("broken model folders", () => {
  it("lists them as broken with reasons and refuses uploads that name them", async () => {
    const models = server.modelsDir;
    const source = path.join(models, "whisper-micro");
    const copy = (name: string) => fs.cpSync(source, path.join(models, name), { recursive: true });
    copy("truncated-onnx");
    const onnx = path.join(models, "truncated-onnx", "onnx", "decoder_model_merged.onnx");
    fs.truncateSync(onnx, 100);
    copy("bad-config");
    fs.writeFileSync(path.join(models, "bad-config", "config.json"), "{not json");
    copy("empty-tokenizer");
    fs.writeFileSync(path.join(models, "empty-tokenizer", "tokenizer.json"), "");
    copy("symlink-loop");
    fs.rmSync(path.join(models, "symlink-loop", "config.json"));
    fs.symlinkSync("config.json", path.join(models, "symlink-loop", "config.json"));
    fs.mkdirSync(path.join(models, "missing-files"));
    fs.symlinkSync("loop-folder", path.join(models, "loop-folder"));

    const listed = await api("/api/models");
    expect(listed.status).toBe(200);
    expect(listed.body.models.map((m: Json) => m.name)).toEqual(["whisper-micro"]);
    const broken = Object.fromEntries((listed.body.broken as Json[]).map((b) => [b.name, b.reason as string]));
    expect(Object.keys(broken).sort()).toEqual(["bad-config", "empty-tokenizer", "missing-files", "symlink-loop", "truncated-onnx"]);
    expect(JSON.stringify(listed.body)).not.toContain(server.dir);
    for (const name of Object.keys(broken)) {
      expect(broken[name].length, name).toBeGreaterThan(5);
      const response = await upload([{ name: "a.wav", data: fs.readFileSync(wav) }], { model: name });
      expect(response.status, `${name}: ${response.text}`).toBe(422);
      expect(response.body.error.message).toContain(broken[name]);
      expectPersonReadable(response.body.error.message);
    }
    for (const name of ["../whisper-micro", "loop-folder"]) {
      const response = await upload([{ name: "a.wav", data: fs.readFileSync(wav) }], { model: name });
      expect(response.status, name).toBeGreaterThanOrEqual(400);
      expect(response.status, name).toBeLessThan(500);
    }
    expect(partFiles()).toEqual([]);
  });
});

describe("afterwards", () => {
  it("stayed healthy and wrote nothing but generated names inside STORAGE_DIR/uploads", async () => {
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    expect(healthFailures).toEqual([]);
    const stored = fs.readdirSync(uploadsDir());
    expect(stored.filter((name) => !GENERATED.test(name))).toEqual([]);
    expect(outsideStorage()).toEqual(outsideBefore);
    const everywhere = listTree(server.dir, new Set(["models"]));
    expect(everywhere.filter((rel) => /passwd|evil|x\.mp3|script|isolated|invoice|slow\.wav/.test(rel))).toEqual([]);
    expect(server.output()).not.toMatch(/unhandled|uncaught/i);
  });
});
