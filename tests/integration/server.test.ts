import { spawnSync } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiRoutes, PUBLIC_ROUTES } from "../helpers/routes";
import { ROOT, startServer, type TestServer } from "../helpers/server";

const SECURITY_HEADERS = ["content-security-policy", "x-content-type-options", "referrer-policy", "permissions-policy", "x-request-id"];

let server: TestServer;

beforeAll(async () => {
  server = await startServer();
});

afterAll(async () => {
  expect(await server?.stop()).toBe(0);
});

describe("the running server", () => {
  it("reports health without signing in", async () => {
    const response = await fetch(`${server.url}/api/health`);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ status: "ok", database: "ok", models: { installed: 0, broken: 0 } });
    expect(body.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(body.disk.freeBytes).toBeGreaterThan(0);
  });

  it("sends the security headers on pages, API answers, errors and unknown paths", async () => {
    for (const url of ["/login", "/api/health", "/api/me", "/no-such-page", "/_next/static/nope.js"]) {
      const response = await fetch(`${server.url}${url}`, { redirect: "manual" });
      for (const header of SECURITY_HEADERS) expect(response.headers.get(header), `${header} on ${url}`).toBeTruthy();
      const csp = response.headers.get("content-security-policy") ?? "";
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain("unsafe-eval");
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    }
  });

  it("sends a signed-out visitor from any page to setup (no account yet)", async () => {
    for (const page of ["/", "/settings", "/models", "/search", "/jobs/abc?t=30"]) {
      const response = await fetch(`${server.url}${page}`, { redirect: "manual" });
      expect(response.status, page).toBeGreaterThanOrEqual(300);
      expect(response.status, page).toBeLessThan(400);
      // The page asked for comes along, so signing in returns there (14.7).
      const location = new URL(response.headers.get("location") ?? "", server.url);
      expect(location.pathname, page).toBe("/login");
      expect(location.searchParams.get("next"), page).toBe(page === "/" ? null : page);
    }
    const login = await fetch(`${server.url}/login`, { redirect: "manual" });
    expect(login.headers.get("location")).toMatch(/\/setup$/);
  });

  it("answers 401 JSON on every API route without a session or with a bad token", async () => {
    const routes = apiRoutes().filter((route) => !PUBLIC_ROUTES.includes(route.url));
    expect(routes.length).toBeGreaterThan(0);
    for (const route of routes) {
      expect(route.methods.length, `${route.file} exports no handler`).toBeGreaterThan(0);
      for (const method of route.methods) {
        for (const headers of [{} as Record<string, string>, { authorization: "Bearer sel_not-a-real-token" }, { authorization: "Basic abc" }]) {
          const response = await fetch(`${server.url}${route.url}`, { method, headers });
          expect(response.status, `${method} ${route.url}`).toBe(401);
          const body = await response.json();
          expect(body.error.code).toBe("unauthorized");
          expect(body.error.requestId).toBe(response.headers.get("x-request-id"));
        }
      }
    }
  });

  it("keeps stack traces and paths out of error answers", async () => {
    const response = await fetch(`${server.url}/api/me`, { headers: { authorization: "Bearer " + "x".repeat(5000) } });
    const text = await response.text();
    expect(text).not.toMatch(/at \w+ \(|\/work\/|node_modules|\.ts:/);
  });

  it("writes JSON logs with the request id to rotating files", async () => {
    const response = await fetch(`${server.url}/api/health`);
    const id = response.headers.get("x-request-id");
    await new Promise((resolve) => setTimeout(resolve, 300));
    const fs = await import("node:fs");
    const log = fs.readFileSync(path.join(server.logDir, "selenite.log"), "utf8");
    const line = log.split("\n").find((l) => l.includes(id ?? "missing"));
    expect(line && JSON.parse(line)).toMatchObject({ requestId: id, status: 200, url: "/api/health" });
    expect(fs.existsSync(path.join(server.logDir, "error.log"))).toBe(true);
  });
});

describe("start-up configuration", () => {
  it("says which port is taken instead of crashing with a stack trace", () => {
    const result = spawnSync(process.execPath, [path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs"), "server.ts"], {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: String(server.port),
        HOST: "127.0.0.1",
        STORAGE_DIR: path.join(server.dir, "second"),
        LOG_DIR: path.join(server.dir, "second-logs"),
        MODELS_DIR: server.modelsDir,
      },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`port ${server.port} is already in use`);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("refuses to start on a bad value and names the variable", () => {
    const result = spawnSync(process.execPath, [path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs"), "server.ts"], {
      cwd: ROOT,
      env: { ...process.env, PORT: "not-a-port", MAX_UPLOAD_MB: "lots" },
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("PORT:");
    expect(result.stderr).toContain("MAX_UPLOAD_MB:");
  });
});
