// `pull` against a real HTTP server on 127.0.0.1 that mimics the model hub
// (tests/helpers/model-hub.ts): the `/<owner>/<repo>/resolve/<rev>/<file>` layout,
// Range requests, a redirect hop to a "CDN" path, and connections dropped mid-file on demand.
import { execFile } from "node:child_process";
import fs from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { pullModel, type PullProgress } from "@/lib/models/download";
import { scanModels } from "@/lib/models/registry";
import { HUB_DECODER, HUB_ENCODER, startModelHub, writeHubModel, type ModelHub } from "../helpers/model-hub";

const REPO = "test-owner/whisper-test";
const ENCODER = HUB_ENCODER;
const DECODER = HUB_DECODER;

let hub: ModelHub;
let host: string;
let modelsDir: string;

beforeAll(async () => {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), "selenite-hub-"));
  await writeHubModel(path.join(root, REPO));
  await writeHubModel(path.join(root, "test-owner/not-whisper"));
  await fs.writeFile(path.join(root, "test-owner/not-whisper/config.json"), '{"model_type":"bert"}');
  hub = await startModelHub(root);
  host = hub.host;
});
afterAll(async () => {
  await hub.close();
  await fs.rm(hub.root, { recursive: true, force: true });
});
beforeEach(async () => {
  modelsDir = await fs.mkdtemp(path.join(os.tmpdir(), "selenite-models-"));
  hub.reset();
});
afterEach(async () => {
  await fs.rm(modelsDir, { recursive: true, force: true });
});

const pull = (extra: Partial<Parameters<typeof pullModel>[0]> = {}) => pullModel({ name: REPO, modelsDir, host, retries: 0, retryDelayMs: 10, ...extra });

async function sameBytes(file: string): Promise<boolean> {
  const [got, want] = await Promise.all([fs.readFile(path.join(modelsDir, "whisper-test", file)), fs.readFile(path.join(hub.root, REPO, file))]);
  return got.equals(want);
}

describe("pullModel", () => {
  it("downloads a model through a redirect and installs it atomically", async () => {
    const progress: PullProgress[] = [];
    const result = await pull({ onProgress: (p) => progress.push(p) });

    expect(result).toMatchObject({ repo: REPO, dtype: "q8", model: { name: "whisper-test", dtypes: ["q8"] } });
    const { models, broken } = await scanModels(modelsDir);
    expect(broken).toEqual([]);
    expect(models.map((m) => m.name)).toEqual(["whisper-test"]);
    expect(await sameBytes(ENCODER)).toBe(true);
    expect(await sameBytes(DECODER)).toBe(true);
    expect(hub.log.some((h) => h.method === "GET" && h.url.startsWith(`/cdn/${REPO}/main/${ENCODER}`))).toBe(true);
    expect((await fs.readdir(modelsDir)).sort()).toEqual(["whisper-test"]);

    const last = progress.at(-1);
    expect(last?.bytesTotal).toBe(models[0].sizeBytes);
    expect(last?.bytesDone).toBe(last?.bytesTotal);
    expect(progress.every((p, i) => i === 0 || p.bytesDone >= progress[i - 1].bytesDone)).toBe(true);
  });

  it("leaves an interrupted download aside and resumes it with a Range request", async () => {
    hub.dropOnce.add(DECODER);
    await expect(pull()).rejects.toMatchObject({ code: "unavailable", message: expect.stringMatching(/resume/) });

    expect(await scanModels(modelsDir)).toEqual({ models: [], broken: [] });
    const part = path.join(modelsDir, ".partial-whisper-test", `${DECODER}.part`);
    const partSize = (await fs.stat(part)).size;
    expect(partSize).toBeGreaterThan(0);

    hub.log = [];
    await pull();
    const decoderGets = hub.log.filter((h) => h.method === "GET" && h.url.endsWith(DECODER));
    expect(decoderGets.map((h) => h.range)).toEqual([`bytes=${partSize}-`]);
    // Files finished before the drop are not fetched again.
    expect(hub.log.some((h) => h.method === "GET" && h.url.endsWith(ENCODER))).toBe(false);
    expect(await sameBytes(DECODER)).toBe(true);
    expect((await scanModels(modelsDir)).models.map((m) => m.name)).toEqual(["whisper-test"]);
  });

  it("retries a dropped connection by itself, resuming through the redirect", async () => {
    hub.dropOnce.add(ENCODER);
    await pull({ retries: 2 });
    const ranges = hub.log.filter((h) => h.method === "GET" && h.url.startsWith("/cdn/")).map((h) => h.range);
    expect(ranges).toHaveLength(2);
    expect(ranges[1]).toMatch(/^bytes=[1-9]\d*-$/);
    expect(await sameBytes(ENCODER)).toBe(true);
  });

  it("gives up on a host that stops sending, keeping the bytes for a resume", async () => {
    hub.stallOnce.add(DECODER);
    await expect(pull({ idleTimeoutMs: 300 })).rejects.toMatchObject({
      code: "unavailable",
      message: expect.stringMatching(/^No data from the host for 300 ms while downloading .*resume/),
    });
    const part = path.join(modelsDir, ".partial-whisper-test", `${DECODER}.part`);
    expect((await fs.stat(part)).size).toBe(1000);
    await pull();
    expect(await sameBytes(DECODER)).toBe(true);
  });

  it("can be cancelled, and resumes afterwards", async () => {
    const controller = new AbortController();
    hub.stallOnce.add(DECODER);
    const pulling = pull({
      signal: controller.signal,
      onProgress: (p) => p.file === DECODER && p.fileBytes > 0 && controller.abort(),
    });
    await expect(pulling).rejects.toMatchObject({ code: "cancelled" });
    expect(await fs.readdir(modelsDir)).toEqual([".partial-whisper-test"]);
    await pull();
    expect(await sameBytes(DECODER)).toBe(true);
  });

  it("refuses to run two pulls of one model at once, but takes over a stale lock", async () => {
    const lock = path.join(modelsDir, ".pull-whisper-test.lock");
    await fs.writeFile(lock, String(process.pid));
    await expect(pull()).rejects.toMatchObject({ code: "conflict", message: expect.stringContaining("already being") });
    await fs.writeFile(lock, "2147483646");
    await pull();
    expect(await fs.readdir(modelsDir)).toEqual(["whisper-test"]);
  });

  it("starts a file over when the server ignores Range", async () => {
    hub.dropOnce.add(DECODER);
    await expect(pull()).rejects.toThrow();
    hub.ignoreRange.add(DECODER);
    await pull();
    expect(await sameBytes(DECODER)).toBe(true);
  });

  it("finishes a file the server says is already complete (416)", async () => {
    hub.noHead = true;
    const staged = path.join(modelsDir, ".partial-whisper-test");
    await fs.mkdir(path.join(staged, "onnx"), { recursive: true });
    await fs.writeFile(path.join(staged, ".pull.json"), JSON.stringify({ repo: REPO, revision: "main" }));
    await fs.copyFile(path.join(hub.root, REPO, DECODER), path.join(staged, `${DECODER}.part`));
    await pull();
    const hit = hub.log.find((h) => h.method === "GET" && h.url.endsWith(DECODER));
    expect(hit?.range).toMatch(/^bytes=\d+-$/);
    expect(await sameBytes(DECODER)).toBe(true);
  });

  it("says when the host has no such model, and leaves nothing behind", async () => {
    await expect(pull({ name: "test-owner/no-such-model" })).rejects.toMatchObject({
      code: "not_found",
      message: `No such model on the host: ${host} has no test-owner/no-such-model at revision 'main'.`,
    });
    await expect(pull({ dtype: "q4" })).rejects.toMatchObject({
      code: "not_found",
      message: expect.stringContaining("does not offer dtype 'q4'"),
    });
    expect(await fs.readdir(modelsDir)).toEqual([]);
  });

  it("refuses a repository that is not a Whisper model", async () => {
    await expect(pull({ name: "test-owner/not-whisper" })).rejects.toMatchObject({
      code: "unprocessable",
      message: "test-owner/not-whisper is not a Whisper model (config.json says model_type 'bert').",
    });
    expect(await fs.readdir(modelsDir)).toEqual([]);
  });

  it("says when the models folder is not a folder", async () => {
    const file = path.join(modelsDir, "models.txt");
    await fs.writeFile(file, "");
    await expect(pull({ modelsDir: file })).rejects.toMatchObject({
      message: `The models folder ${file} is a file, not a folder.`,
    });
  });

  it("says when the host cannot be reached", async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await expect(pull({ host: `http://127.0.0.1:${port}` })).rejects.toMatchObject({
      code: "unavailable",
      message: expect.stringMatching(new RegExp(`^Could not reach http://127\\.0\\.0\\.1:${port}: .*ECONNREFUSED`)),
    });
  });

  it("refuses to overwrite an installed model unless forced", async () => {
    await pull();
    hub.log = [];
    await expect(pull()).rejects.toMatchObject({ code: "conflict", message: expect.stringContaining("--force") });
    expect(hub.log).toEqual([]);

    await fs.writeFile(path.join(modelsDir, "whisper-test", "stale.txt"), "old");
    await pull({ force: true, dtype: "fp32" });
    const { models } = await scanModels(modelsDir);
    expect(models[0].dtypes).toEqual(["fp32"]);
    expect((await fs.readdir(modelsDir)).sort()).toEqual(["whisper-test"]);
  });
});

describe("npm run models", () => {
  const run = promisify(execFile);
  const cli = (args: string[]) =>
    run("npx", ["tsx", "scripts/cli/models.ts", ...args], {
      env: { ...process.env, MODELS_DIR: modelsDir, MODEL_HOST: host },
    });

  it("lists installed models, broken folders and unfinished downloads", async () => {
    const empty = await cli(["list"]);
    expect(empty.stdout).toContain("No models installed");
    expect(empty.stdout).toContain("npm run models -- pull whisper-base");

    await pull();
    await fs.mkdir(path.join(modelsDir, "junk"));
    await fs.mkdir(path.join(modelsDir, ".partial-whisper-small"));
    await fs.writeFile(path.join(modelsDir, ".partial-whisper-small", "config.json"), "{}");
    const { stdout } = await cli(["list"]);
    expect(stdout).toMatch(/NAME\s+SIZE\s+LANGUAGES\s+DTYPES\s+WORD TIMESTAMPS/);
    expect(stdout).toMatch(/whisper-test\s+\d+(\.\d)? KB\s+1\s+q8\s+yes/);
    expect(stdout).toContain("junk: missing config.json");
    expect(stdout).toContain("whisper-small (2 B so far)");
  });

  it("pulls with plain progress lines and fails with one line and a non-zero exit", async () => {
    const ok = await cli(["pull", REPO, "--dtype", "fp32"]);
    expect(ok.stdout).toContain("Installed whisper-test (fp32");
    expect(ok.stderr).toMatch(/^\[6\/7\] onnx\/encoder_model\.onnx {2}overall \d+%/m);
    expect(ok.stderr).toMatch(/^\[7\/7\] onnx\/decoder_model_merged\.onnx {2}overall 100%/m);

    const failed = await cli(["pull", "test-owner/missing"]).catch((e: { code: number; stderr: string }) => e);
    expect(failed).toMatchObject({ code: 1 });
    const errorLines = (failed as { stderr: string }).stderr.split("\n").filter((l) => l.startsWith("error:"));
    expect(errorLines).toEqual([`error: No such model on the host: ${host} has no test-owner/missing at revision 'main'.`]);
  });
});
