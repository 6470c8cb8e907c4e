// The API's promises kept through the real server (issue 11, items 7 and 11): multipart
// limits refuse the whole upload with a message naming the limit (nothing silently
// dropped, nothing half-stored), an oversized file is 413 as docs/api.md says, a
// malformed URL is a JSON 400 on every /api route, a Range with an unknown unit is
// ignored (RFC 9110 §14.2), Windows device names never reach a download's name, and a
// database file that cannot be created stops startup with one line naming the variable.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { userWithToken } from "../helpers/auth";
import { installModel, waitFor } from "../helpers/fixtures";
import { makeTempDir, makeTone } from "../helpers/media";
import { apiRoutes } from "../helpers/routes";
import { freePort, ROOT, startServer, type TestServer } from "../helpers/server";

type Json = Record<string, any>;

let server: TestServer;
let auth: ReturnType<typeof userWithToken>;
let media: { dir: string; cleanup: () => Promise<void> };
let wav: Buffer;

async function api(pathname: string, init: RequestInit = {}): Promise<{ status: number; body: Json; text: string; headers: Headers }> {
  const response = await fetch(`${server.url}${pathname}`, { ...init, headers: { ...auth.headers, ...(init.headers as Record<string, string>) } });
  const text = await response.text();
  let body: Json = {};
  try {
    body = JSON.parse(text);
  } catch {
    body = { raw: text };
  }
  return { status: response.status, body, text, headers: response.headers };
}

/** A multipart body by hand: any number of fields (in order) and files. */
function multipart(
  fields: [string, string][],
  files: { name: string; data: Buffer }[],
  boundary = "contractBoundary7",
): { body: Uint8Array<ArrayBuffer>; type: string } {
  const chunks: Buffer[] = [];
  for (const [key, value] of fields) chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${key}"\r\n\r\n${value}\r\n`));
  for (const file of files) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: audio/wav\r\n\r\n`));
    chunks.push(file.data, Buffer.from("\r\n"));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: new Uint8Array(Buffer.concat(chunks)), type: `multipart/form-data; boundary=${boundary}` };
}

async function upload(fields: [string, string][], files: { name: string; data: Buffer }[]) {
  const { body, type } = multipart(fields, files);
  return api("/api/jobs", { method: "POST", body, headers: { "content-type": type } });
}

const uploadsDir = () => path.join(server.storageDir, "uploads");
const stored = () => (fs.existsSync(uploadsDir()) ? fs.readdirSync(uploadsDir()).sort() : []);
const jobCount = async () => (await api("/api/jobs?limit=1")).body.total as number;

beforeAll(async () => {
  media = await makeTempDir();
  wav = fs.readFileSync(await makeTone(path.join(media.dir, "tone.wav"), 1));
  server = await startServer({ env: { MAX_UPLOAD_MB: "1" } });
  installModel(server.modelsDir);
  auth = userWithToken(server, "contract@example.com");
});

afterAll(async () => {
  await server?.stop();
  await media?.cleanup();
});

describe("multipart limits (11.7)", () => {
  /** The upload was refused as a whole: 413, the message, no file kept, no job made. */
  async function expectRefused(response: Awaited<ReturnType<typeof upload>>, message: RegExp, before: { files: string[]; jobs: number }) {
    expect(response.status, response.text.slice(0, 300)).toBe(413);
    expect(response.body.error?.code).toBe("payload_too_large");
    expect(response.body.error.message).toMatch(message);
    expect(response.body.results).toBeUndefined();
    await waitFor("partial files removed", async () => stored().join() === before.files.join(), 10_000);
    expect(await jobCount()).toBe(before.jobs);
  }
  const snapshot = async () => ({ files: stored(), jobs: await jobCount() });

  it("refuses 51 files in one upload instead of dropping the 51st", async () => {
    const before = await snapshot();
    const files = Array.from({ length: 51 }, (_, i) => ({ name: `part-${i + 1}.wav`, data: wav }));
    const response = await upload([], files);
    await expectRefused(response, /^At most 50 files per upload; this one had more\. Send the rest in another upload\.$/, before);
  });

  it("still takes exactly 50", async () => {
    const files = Array.from({ length: 50 }, (_, i) => ({ name: `fifty-${i + 1}.wav`, data: wav }));
    const response = await upload([], files);
    expect(response.status, response.text.slice(0, 300)).toBe(201);
    expect(response.body.results).toHaveLength(50);
    for (const result of response.body.results as Json[]) await api(`/api/jobs/${result.job.id}/cancel`, { method: "POST" });
  });

  it("refuses 10,000 fields before a file, naming the field limit", async () => {
    const before = await snapshot();
    const fields = Array.from({ length: 10_000 }, (_, i): [string, string] => [`f${i}`, "x"]);
    const response = await upload(fields, [{ name: "after-fields.wav", data: wav }]);
    await expectRefused(response, /^At most 50 form fields per upload; this one had more\./, before);
  });

  it("refuses a field longer than its limit instead of cutting it", async () => {
    const before = await snapshot();
    const response = await upload([["tags", `work,${"x".repeat(20_000)}`]], [{ name: "long-field.wav", data: wav }]);
    await expectRefused(response, /^The form field "tags" is longer than 10,000 characters/, before);
  });
});

describe("status codes and URLs (11.11)", () => {
  it("answers 413 for an upload over MAX_UPLOAD_MB, as docs/api.md promises", async () => {
    const before = stored();
    const big = Buffer.concat([wav, Buffer.alloc(1024 * 1024 + 10, 0)]);
    const response = await upload([], [{ name: "big.wav", data: big }]);
    expect(response.status, response.text).toBe(413);
    expect(response.body.results[0].error.code).toBe("payload_too_large");
    expect(response.body.results[0].error.message).toMatch(/larger than the 1 MB limit/);
    expect(stored()).toEqual(before);
    const docs = fs.readFileSync(path.join(ROOT, "docs", "api.md"), "utf8");
    expect(docs).toMatch(/\| 413 \| `payload_too_large` \|/);
  });

  it("answers a JSON 400 for a broken percent escape on every /api route", async () => {
    const problems: string[] = [];
    const urls = new Set(["/api/jobs/%", "/api/%E0%A4%A", "/api/jobs/%zz/export"]);
    for (const route of apiRoutes()) {
      if (route.url.includes("does-not-exist")) urls.add(route.url.replace("does-not-exist", "%"));
      else urls.add(`${route.url}/%`);
    }
    for (const url of urls) {
      for (const method of ["GET", "POST"]) {
        const response = await fetch(`${server.url}${url}`, { method, headers: auth.headers });
        const text = await response.text();
        let body: Json = {};
        try {
          body = JSON.parse(text);
        } catch {
          // reported below
        }
        if (response.status !== 400 || body.error?.code !== "bad_request" || !/address/.test(body.error?.message ?? "")) {
          problems.push(`${method} ${url} → ${response.status} ${text.slice(0, 120)}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});

describe("a finished job's media and downloads (11.11)", () => {
  let jobId: string;

  beforeAll(async () => {
    const response = await upload([], [{ name: "AUX.txt.wav", data: wav }]);
    expect(response.status, response.text).toBe(201);
    jobId = response.body.results[0].job.id;
    await waitFor("the job to finish", async () => (await api(`/api/jobs/${jobId}`)).body.job?.status === "completed", 90_000, 300);
  });

  it("ignores a Range with an unknown unit and sends the whole file", async () => {
    const full = await fetch(`${server.url}/api/jobs/${jobId}/media`, { headers: auth.headers });
    const whole = Buffer.from(await full.arrayBuffer());
    for (const range of ["items=0-1", "pages=1-2", "bytes 0-1"]) {
      const response = await fetch(`${server.url}/api/jobs/${jobId}/media`, { headers: { ...auth.headers, range } });
      expect(response.status, range).toBe(200);
      expect(response.headers.get("content-range"), range).toBeNull();
      expect(Buffer.from(await response.arrayBuffer()).equals(whole), range).toBe(true);
    }
    // A bytes range the file cannot satisfy is still 416.
    const unsatisfiable = await fetch(`${server.url}/api/jobs/${jobId}/media`, { headers: { ...auth.headers, range: `bytes=${whole.length + 10}-` } });
    expect(unsatisfiable.status).toBe(416);
    const partial = await fetch(`${server.url}/api/jobs/${jobId}/media`, { headers: { ...auth.headers, range: "bytes=0-1" } });
    expect(partial.status).toBe(206);
  });

  it("never names a download after a Windows device", async () => {
    const response = await fetch(`${server.url}/api/jobs/${jobId}/export?format=srt`, { headers: auth.headers });
    expect(response.status).toBe(200);
    const disposition = response.headers.get("content-disposition") ?? "";
    const name = /filename="([^"]*)"/.exec(disposition)?.[1] ?? "";
    expect(name).toBe("_AUX.txt.srt");
    expect(disposition).toContain("filename*=UTF-8''_AUX.txt.srt");
    const zip = await fetch(`${server.url}/api/jobs/export`, {
      method: "POST",
      headers: { ...auth.headers, "content-type": "application/json" },
      body: JSON.stringify({ ids: [jobId], format: "txt" }),
    });
    expect(zip.status).toBe(200);
    const bytes = Buffer.from(await zip.arrayBuffer());
    expect(bytes.includes(Buffer.from("_AUX.txt.txt"))).toBe(true);
  });
});

describe("a database file that cannot be created (11.11)", () => {
  async function start(env: Record<string, string>) {
    const port = await freePort();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "selenite-baddb-"));
    const result = spawnSync(process.execPath, ["--import", "tsx", "server.ts"], {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_ENV: "production",
        PORT: String(port),
        STORAGE_DIR: path.join(dir, "storage"),
        MODELS_DIR: path.join(dir, "models"),
        LOG_DIR: path.join(dir, "logs"),
        ...env,
      },
      encoding: "utf8",
      timeout: 60_000,
    });
    fs.rmSync(dir, { recursive: true, force: true });
    return result;
  }

  it("prints one line naming DATABASE_URL and the path, and exits non-zero", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "selenite-baddb-"));
    const notADir = path.join(dir, "a-file");
    fs.writeFileSync(notADir, "x");
    const cases: { url: string; file: string; reason: RegExp }[] = [
      { url: `file:${notADir}/selenite.db`, file: `${notADir}/selenite.db`, reason: /not a directory/ },
    ];
    // /sys refuses new files even to root; a non-root run also gets "permission denied" there.
    if (fs.existsSync("/sys") && !canCreate("/sys/selenite-probe.db"))
      cases.push({ url: "file:/sys/selenite.db", file: "/sys/selenite.db", reason: /permission denied/ });
    const dbDir = path.join(dir, "a-folder");
    fs.mkdirSync(dbDir);
    cases.push({ url: `file:${dbDir}`, file: dbDir, reason: /is a folder/ });
    const text = path.join(dir, "notes.txt");
    fs.writeFileSync(text, "not a database at all, just some text that is long enough to have a header\n".repeat(20));
    cases.push({ url: `file:${text}`, file: text, reason: /not a SQLite database/ });
    for (const c of cases) {
      const result = await start({ DATABASE_URL: c.url });
      const lines = result.stderr.trim().split("\n");
      expect(result.status, result.stderr).not.toBe(0);
      expect(result.status, result.stderr).not.toBeNull();
      expect(lines, result.stderr).toHaveLength(1);
      expect(lines[0]).toContain(`DATABASE_URL points at ${c.file}, which `);
      expect(lines[0]).toMatch(c.reason);
      expect(lines[0]).toMatch(/Set DATABASE_URL to .+\.$/);
      expect(result.stderr).not.toMatch(/prisma|schema engine|\n\s+at /i);
    }
    expect(fs.readFileSync(text, "utf8")).toMatch(/^not a database/);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("names STORAGE_DIR when the database is the default one inside it", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "selenite-baddb-"));
    const notADir = path.join(dir, "a-file");
    fs.writeFileSync(notADir, "x");
    const result = await start({ STORAGE_DIR: notADir, DATABASE_URL: "" });
    expect(result.status).not.toBe(0);
    const lines = result.stderr.trim().split("\n");
    expect(lines, result.stderr).toHaveLength(1);
    expect(lines[0]).toMatch(/STORAGE_DIR/);
    expect(lines[0]).toContain(notADir);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

function canCreate(file: string): boolean {
  try {
    fs.writeFileSync(file, "");
    fs.rmSync(file);
    return true;
  } catch {
    return false;
  }
}
