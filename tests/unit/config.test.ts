import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "@/lib/config";

function issuesOf(env: Record<string, string>): string[] {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.issues;
    throw error;
  }
  return [];
}

describe("configuration", () => {
  it("runs with nothing set, using the documented defaults", () => {
    const config = parseConfig({});
    expect(config.port).toBe(3000);
    expect(config.host).toBe("0.0.0.0");
    expect(config.storageDir).toBe(path.resolve("storage"));
    expect(config.databaseFile).toBe(path.resolve("storage", "selenite.db"));
    expect(config.modelsDir).toBe(path.resolve("models"));
    expect(config.logDir).toBe(path.resolve("logs"));
    expect(config.maxUploadBytes).toBe(4096 * 1024 * 1024);
    expect(config.authSecretFromEnv).toBeUndefined();
    expect(config.headersTimeoutMs).toBe(20_000);
    expect(config.requestBodyTimeoutMs).toBe(60_000);
    expect(config.compatWaitMs).toBe(3_600_000);
    expect(parseConfig({ COMPAT_WAIT_SEC: "90" }).compatWaitMs).toBe(90_000);
  });

  it("reads WATCH_FOLDERS as folders separated by ';', each with key=value options", () => {
    expect(parseConfig({}).watchFolders).toEqual([]);
    expect(parseConfig({}).watchStableMs).toBe(5_000);
    expect(parseConfig({ WATCH_POLL_SEC: "0.5" }).watchPollMs).toBe(500);
    const { watchFolders } = parseConfig({ WATCH_FOLDERS: "/srv/media:model=whisper-base:output=beside ; /mnt/nas/memos:polling=true:tags=a,b" });
    expect(watchFolders).toEqual([
      { path: "/srv/media", options: { model: "whisper-base", output: "beside" } },
      { path: "/mnt/nas/memos", options: { polling: "true", tags: "a,b" } },
    ]);
  });

  it("names a WATCH_FOLDERS entry that is not an absolute path or has an unknown option", () => {
    expect(issuesOf({ WATCH_FOLDERS: "media/inbox" })[0]).toMatch(/^WATCH_FOLDERS: "media\/inbox" is not an absolute path/);
    expect(issuesOf({ WATCH_FOLDERS: "/srv/media:colour=blue" })[0]).toMatch(/^WATCH_FOLDERS: "colour=blue" in "\/srv\/media:colour=blue" is not an option/);
  });

  it("places the default database inside STORAGE_DIR and honours DATABASE_URL", () => {
    expect(parseConfig({ STORAGE_DIR: "/srv/sel" }).databaseFile).toBe("/srv/sel/selenite.db");
    expect(parseConfig({ DATABASE_URL: "file:/data/x.db" }).databaseFile).toBe("/data/x.db");
  });

  it("names the variable that is wrong", () => {
    expect(issuesOf({ PORT: "eighty" })[0]).toMatch(/^PORT:/);
    expect(issuesOf({ PORT: "70000" })[0]).toMatch(/^PORT:/);
    expect(issuesOf({ MAX_UPLOAD_MB: "-5" })[0]).toMatch(/^MAX_UPLOAD_MB:/);
    expect(issuesOf({ HEADERS_TIMEOUT_SEC: "0" })[0]).toMatch(/^HEADERS_TIMEOUT_SEC:/);
    expect(issuesOf({ REQUEST_BODY_TIMEOUT_SEC: "soon" })[0]).toMatch(/^REQUEST_BODY_TIMEOUT_SEC:/);
    expect(issuesOf({ COMPAT_WAIT_SEC: "0" })[0]).toMatch(/^COMPAT_WAIT_SEC:/);
    expect(issuesOf({ DATABASE_URL: "postgres://x" })[0]).toMatch(/^DATABASE_URL: must be a SQLite file URL/);
    expect(issuesOf({ AUTH_SECRET: "short" })[0]).toMatch(/^AUTH_SECRET: must be at least 32/);
    expect(issuesOf({ LOG_LEVEL: "loud" })[0]).toMatch(/^LOG_LEVEL:/);
    expect(issuesOf({ MODEL_HOST: "not a url" })[0]).toMatch(/^MODEL_HOST:/);
  });

  it("links notifications under PUBLIC_URL and reads the webhook retry pauses", () => {
    expect(parseConfig({}).publicUrl).toBe("http://localhost:3000");
    expect(parseConfig({ PORT: "8080" }).publicUrl).toBe("http://localhost:8080");
    expect(parseConfig({ PUBLIC_URL: "https://selenite.example.com/" }).publicUrl).toBe("https://selenite.example.com");
    expect(parseConfig({}).webhookRetryMs).toEqual([10_000, 60_000, 300_000, 1_800_000, 7_200_000]);
    expect(parseConfig({ WEBHOOK_RETRY_SEC: "0.5, 2,30" }).webhookRetryMs).toEqual([500, 2000, 30_000]);
    expect(issuesOf({ PUBLIC_URL: "ftp://selenite.example.com" })[0]).toMatch(/^PUBLIC_URL: must be an http\(s\) URL/);
    expect(issuesOf({ PUBLIC_URL: "selenite.local" })[0]).toMatch(/^PUBLIC_URL:/);
    expect(issuesOf({ WEBHOOK_RETRY_SEC: "soon" })[0]).toMatch(/^WEBHOOK_RETRY_SEC: must be a comma-separated list of seconds/);
    expect(issuesOf({ WEBHOOK_RETRY_SEC: "10,,60" })[0]).toMatch(/^WEBHOOK_RETRY_SEC:/);
  });

  it("reports every bad variable at once", () => {
    const issues = issuesOf({ PORT: "x", MAX_UPLOAD_MB: "y" });
    expect(issues.map((i) => i.split(":")[0]).sort()).toEqual(["MAX_UPLOAD_MB", "PORT"]);
  });

  it("wants ADMIN_EMAIL and ADMIN_PASSWORD together", () => {
    expect(issuesOf({ ADMIN_EMAIL: "me@example.com" })[0]).toMatch(/ADMIN_EMAIL and ADMIN_PASSWORD/);
    expect(issuesOf({ ADMIN_EMAIL: "nope", ADMIN_PASSWORD: "longenough" })[0]).toMatch(/^ADMIN_EMAIL:/);
    expect(parseConfig({ ADMIN_EMAIL: "Me@Example.com", ADMIN_PASSWORD: "longenough" }).adminEmail).toBe("Me@Example.com");
  });
});
