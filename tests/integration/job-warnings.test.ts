// Issue 10.4: what the engine and the upload probe say about a file is kept. A WAV
// cut in half goes through the real server (upload probe, worker, engine); its
// warnings must reach the job (REST), the job page (HTML) and the JSON export.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInCookie, userWithToken } from "../helpers/auth";
import { installModel, uploadForm, waitFor } from "../helpers/fixtures";
import { withoutAlignmentHeads } from "./engine-helpers";
import { makeTempDir, makeTone, truncateCopy } from "../helpers/media";
import { startServer, type TestServer } from "../helpers/server";

const ADMIN = { email: "owner@example.com", password: "owner-password-1" };
const MAY_BE_INCOMPLETE = "This file may be incomplete: its size does not match the length it states.";
// A copy of the micro model that cannot time words: the engine (not the probe) says so.
const NO_ALIGN = "whisper-micro-no-align";
const NO_WORD_TIMINGS = `'${NO_ALIGN}' has no alignment heads or cross-attention outputs, so word timestamps are not available.`;
let server: TestServer;
let owner: ReturnType<typeof userWithToken>;
let media: { dir: string; cleanup: () => Promise<void> };
let jobId: string;

type Json = Record<string, any>;

async function api(pathname: string, init: RequestInit = {}): Promise<Json> {
  const response = await fetch(`${server.url}${pathname}`, { ...init, headers: { ...owner.headers, ...(init.headers as Record<string, string>) } });
  expect(response.ok, `${pathname}: ${response.status}`).toBe(true);
  return (await response.json()) as Json;
}

beforeAll(async () => {
  server = await startServer({ env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password } });
  owner = userWithToken(server, ADMIN.email);
  installModel(server.modelsDir);
  await withoutAlignmentHeads(server.modelsDir, "whisper-micro", NO_ALIGN);
  media = await makeTempDir();
  const whole = await makeTone(path.join(media.dir, "whole.wav"), 4);
  const cut = await truncateCopy(whole, path.join(media.dir, "cut.wav"));
  const upload = await api("/api/jobs", { method: "POST", body: uploadForm([{ path: cut }], { model: NO_ALIGN, wordTimestamps: "true" }) });
  expect(upload.results[0].ok).toBe(true);
  jobId = upload.results[0].job.id;
  // What the upload probe said is on the job from the start.
  expect(upload.results[0].job.warnings).toContain(MAY_BE_INCOMPLETE);
  await waitFor(
    "the cut file's job to finish",
    async () => {
      const { job } = await api(`/api/jobs/${jobId}`);
      if (job.status === "failed") throw new Error(`the job failed: ${job.error}`);
      return job.status === "completed";
    },
    180_000,
  );
}, 240_000);

afterAll(async () => {
  await server?.stop();
  await media?.cleanup();
});

describe("warnings of a truncated file", () => {
  it("are stored on the job", async () => {
    const { job } = await api(`/api/jobs/${jobId}`);
    expect(job.warnings).toContain(MAY_BE_INCOMPLETE);
    // And what the engine said while transcribing.
    expect(job.warnings).toContain(NO_WORD_TIMINGS);
  });

  it("are shown on the job page", async () => {
    const cookie = await signInCookie(server, ADMIN.email, ADMIN.password);
    const response = await fetch(`${server.url}/jobs/${jobId}`, { headers: { cookie } });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('data-testid="job-warnings"');
    expect(html).toContain(MAY_BE_INCOMPLETE);
    expect(html).toContain(NO_WORD_TIMINGS.replace(/'/g, "&#x27;"));
  });

  it("are in the JSON export", async () => {
    const doc = await api(`/api/jobs/${jobId}/export?format=json`);
    expect(doc.job.warnings).toEqual(expect.arrayContaining([MAY_BE_INCOMPLETE, NO_WORD_TIMINGS]));
  });
});
