// Issue 11, items 6 and 9, through the real server: scripts run only with this
// response's CSP nonce (no 'unsafe-inline', no eval), HSTS only over HTTPS, and
// clients that trickle their headers or body get their connection closed.
import fs from "node:fs";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { userWithToken } from "../helpers/auth";
import { installModel } from "../helpers/fixtures";
import { startServer, type TestServer } from "../helpers/server";
import { streamingUpload } from "../helpers/streaming-upload";

let server: TestServer;

beforeAll(async () => {
  // Short bounds so the slow clients below are cut quickly; generous enough that a
  // loaded machine still gets ordinary requests through.
  server = await startServer({ env: { HEADERS_TIMEOUT_SEC: "2", REQUEST_BODY_TIMEOUT_SEC: "3", TRUST_PROXY: "true" } });
});

afterAll(async () => {
  expect(await server?.stop()).toBe(0);
  if (server) fs.rmSync(server.dir, { recursive: true, force: true });
});

function scriptSrc(csp: string): string {
  return (
    csp
      .split(";")
      .map((d) => d.trim())
      .find((d) => d.startsWith("script-src")) ?? ""
  );
}

/** Opens a raw connection, sends `head`, then one `drip` every 200 ms; settles with what came back once the server closes it. */
function slowClient(head: string, drip: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(server.port, "127.0.0.1");
    let received = "";
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => (received += chunk));
    socket.on("error", () => undefined); // a reset is a close too
    const timer = setInterval(() => {
      if (socket.writable) socket.write(drip);
    }, 200);
    socket.on("close", () => {
      clearInterval(timer);
      resolve(received);
    });
    socket.write(head);
  });
}

describe("Content Security Policy", () => {
  it("lets only this response's nonce run scripts on an HTML page", async () => {
    const pages = await Promise.all(
      [1, 2].map(() => fetch(`${server.url}/setup`, { headers: { "content-security-policy": "script-src 'nonce-chosenbyclient'" } })),
    );
    const nonces: string[] = [];
    for (const page of pages) {
      expect(page.status).toBe(200);
      const csp = page.headers.get("content-security-policy") ?? "";
      const scripts = scriptSrc(csp);
      expect(scripts).toContain("'strict-dynamic'");
      expect(scripts).not.toContain("unsafe-inline");
      expect(scripts).not.toContain("unsafe-eval");
      const nonce = /'nonce-([^']+)'/.exec(scripts)?.[1];
      expect(nonce, csp).toBeTruthy();
      expect(nonce).not.toBe("chosenbyclient");
      nonces.push(nonce!);
      const html = await page.text();
      const tags = html.match(/<script\b[^>]*>/g) ?? [];
      expect(tags.length).toBeGreaterThan(0);
      for (const tag of tags) expect(tag, "every script carries the nonce").toContain(`nonce="${nonce}"`);
      expect(html).not.toContain("chosenbyclient");
    }
    expect(nonces[0]).not.toBe(nonces[1]);
  });

  it("adds HSTS and upgrade-insecure-requests only when a trusted proxy says HTTPS", async () => {
    const https = await fetch(`${server.url}/api/health`, { headers: { "x-forwarded-proto": "https" } });
    expect(https.headers.get("strict-transport-security")).toMatch(/^max-age=\d{7,}/);
    expect(https.headers.get("content-security-policy")).toContain("upgrade-insecure-requests");
    const plain = await fetch(`${server.url}/api/health`);
    expect(plain.headers.get("strict-transport-security")).toBeNull();
    expect(plain.headers.get("content-security-policy")).not.toContain("upgrade-insecure-requests");
  });
});

describe("slow clients", () => {
  it("closes a connection whose headers trickle in (408)", async () => {
    const received = await slowClient("GET /login HTTP/1.1\r\nHost: 127.0.0.1\r\n", "x-slow: 1\r\n");
    expect(received).toMatch(/^HTTP\/1\.1 408/);
  });

  it("closes a connection whose body trickles in before anyone signed in", async () => {
    const head = (path: string, type: string) => `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: ${type}\r\nContent-Length: 100000\r\n\r\n`;
    // Refused at once (401), then Node would drain the trickling body forever.
    const upload = slowClient(head("/api/jobs", "multipart/form-data; boundary=x"), "a");
    // next-auth reads the whole body before it checks anything.
    const signIn = slowClient(head("/api/auth/callback/credentials", "application/x-www-form-urlencoded"), "a");
    const [uploadAnswer, signInAnswer] = await Promise.all([upload, signIn]);
    expect(uploadAnswer).toMatch(/^HTTP\/1\.1 401/);
    expect(signInAnswer).toBe("");
  });

  it("lets a signed-in upload take longer than the body deadline", async () => {
    installModel(server.modelsDir);
    const { headers } = userWithToken(server, "slow@example.com");
    // Load the route first, so that only the upload itself is slow.
    expect((await fetch(`${server.url}/api/jobs`, { headers })).status).toBe(200);
    // 32 chunks with 300 ms pauses: about 10 s, three times the deadline.
    const result = await streamingUpload(server.url, headers, { bytes: 8 * 1024 * 1024, name: "slow.wav", pauseMs: 300 }).done;
    expect(result.status, result.body || result.error).toBe(201);
  });
});
