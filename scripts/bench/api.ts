// npm run bench:api - server time for the pages people open most, on 10,000 jobs,
// and the server's memory while a 2 GB file uploads. Targets (issue 4): median
// ≤ 50 ms for the dashboard's first page, a filtered page and a job page with
// 2,000 segments; RSS growth < 64 MB during the upload.
import fs from "node:fs";
import { openDb, signInCookie } from "../../tests/helpers/auth";
import { installModel } from "../../tests/helpers/fixtures";
import { createTag, seedJobs, seedSegments } from "../../tests/helpers/seed";
import { startServer, type TestServer } from "../../tests/helpers/server";
import { wavHeader } from "../../tests/helpers/streaming-upload";

const OWNER = { email: "bench@example.com", password: "bench-password-1" };
const RUNS = 30;
const UPLOAD_BYTES = Number(process.env.BENCH_UPLOAD_MB ?? 2048) * 1024 * 1024;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function timePage(server: TestServer, cookie: string, url: string) {
  const times: number[] = [];
  for (let i = 0; i < RUNS + 3; i++) {
    const t0 = performance.now();
    const response = await fetch(`${server.url}${url}`, { headers: { cookie } });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
    if (i >= 3) times.push(performance.now() - t0);
  }
  return { median: median(times), p90: [...times].sort((a, b) => a - b)[Math.floor(times.length * 0.9)] };
}

/** RSS of a process and its children (tsx runs the server in a child node process). */
function rssBytes(pid: number): number {
  let total = 0;
  try {
    total = Number(/VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) * 1024;
    const children = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean);
    for (const child of children) total += rssBytes(Number(child));
  } catch {
    // the process ended
  }
  return total;
}

/** A multipart body with a WAV header and UPLOAD_BYTES of silence, produced as it is sent. */
function uploadBody(boundary: string, onSent: () => void): ReadableStream<Uint8Array> {
  const header = wavHeader(UPLOAD_BYTES);
  const chunk = new Uint8Array(1024 * 1024);
  let sent = 0;
  let stage = 0;
  return new ReadableStream({
    pull(controller) {
      if (stage === 0) {
        controller.enqueue(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.wav"\r\nContent-Type: audio/wav\r\n\r\n`));
        controller.enqueue(header);
        stage = 1;
      } else if (sent < UPLOAD_BYTES) {
        controller.enqueue(chunk);
        sent += chunk.length;
      } else {
        controller.enqueue(Buffer.from(`\r\n--${boundary}--\r\n`));
        controller.close();
        onSent();
      }
    },
  });
}

async function main(): Promise<void> {
  console.log("Starting the server and seeding 10,000 jobs…");
  const server = await startServer({ env: { ADMIN_EMAIL: OWNER.email, ADMIN_PASSWORD: OWNER.password, MAX_UPLOAD_MB: "4096", LOG_LEVEL: "warn" } });
  try {
    const cookie = await signInCookie(server, OWNER.email, OWNER.password);
    const db = openDb(server);
    const userId = (db.prepare(`SELECT id FROM "User" WHERE email = ?`).get(OWNER.email) as { id: string }).id;
    const tagId = createTag(db, userId, "bench");
    const ids = seedJobs(db, userId, 10_000, { tagId, taggedEvery: 10 });
    seedSegments(db, ids[ids.length - 1], 2_000);
    db.close();

    const pages = [
      ["dashboard, first page", "/"],
      ["dashboard, filtered", `/?status=failed&tag=${tagId}`],
      ["job page, 2,000 segments", `/jobs/${ids[ids.length - 1]}`],
      ["API list, first page", "/api/jobs"],
    ] as const;
    console.log(`\n${"page".padEnd(28)} ${"median ms".padStart(10)} ${"p90 ms".padStart(8)}  target`);
    for (const [label, url] of pages) {
      const { median: m, p90 } = await timePage(server, cookie, url);
      console.log(`${label.padEnd(28)} ${m.toFixed(1).padStart(10)} ${p90.toFixed(1).padStart(8)}  ≤ 50 ms ${m <= 50 ? "✓" : "✗"}`);
    }

    const token = (await import("../../tests/helpers/auth")).userWithToken(server, OWNER.email);
    // Uploads need an installed model; the micro test model is enough to accept the file.
    installModel(server.modelsDir);
    const before = rssBytes(server.pid);
    let peak = before;
    // Sampled while the bytes stream in; once they are all sent the server probes the
    // file and queues it, and the worker starting on it is not the upload's memory.
    const sampler = setInterval(() => (peak = Math.max(peak, rssBytes(server.pid))), 100);
    const stopSampling = () => {
      peak = Math.max(peak, rssBytes(server.pid));
      clearInterval(sampler);
    };
    const boundary = `bench${Date.now()}`;
    const t0 = performance.now();
    const response = await fetch(`${server.url}/api/jobs`, {
      method: "POST",
      headers: { ...token.headers, "content-type": `multipart/form-data; boundary=${boundary}` },
      body: uploadBody(boundary, stopSampling),
      duplex: "half",
    } as RequestInit & { duplex: "half" });
    const result = await response.json();
    stopSampling();
    const seconds = (performance.now() - t0) / 1000;
    const job = (result as { results?: { ok: boolean; job?: { id: string } }[] }).results?.[0];
    if (job?.job) await fetch(`${server.url}/api/jobs/${job.job.id}`, { method: "DELETE", headers: token.headers });
    const growth = (peak - before) / 1024 / 1024;
    console.log(
      `\nupload of ${(UPLOAD_BYTES / 1024 / 1024).toFixed(0)} MB: ${response.status} in ${seconds.toFixed(1)} s ` +
        `(${(UPLOAD_BYTES / 1024 / 1024 / seconds).toFixed(0)} MB/s); server RSS ${(before / 1024 / 1024).toFixed(0)} → peak ${(peak / 1024 / 1024).toFixed(0)} MB, ` +
        `growth ${growth.toFixed(1)} MB (target < 64 MB ${growth < 64 ? "✓" : "✗"})`,
    );
  } finally {
    await server.stop();
    fs.rmSync(server.dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
