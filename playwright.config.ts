import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";

// One real server for the browser tests, with its own throw-away data folder.
const port = Number(process.env.E2E_PORT ?? 3917);
export const E2E_DIR = process.env.E2E_DIR ?? path.join(os.tmpdir(), `selenite-e2e-${port}`);
// Written by the first-run spec once the owner has signed in; the other specs start signed in.
export const STORAGE_STATE = path.join(os.tmpdir(), `selenite-e2e-${port}-state.json`);
const baseURL = `http://127.0.0.1:${port}`;
// A second, untouched install for the fresh-install spec (setup → download → upload → transcript),
// and the local model hub both servers download from: never the internet.
const freshPort = port + 1;
const hubPort = port + 2;
export const FRESH_DIR = `${E2E_DIR}-fresh`;
const modelHost = `http://127.0.0.1:${hubPort}`;
const serverEnv = (dir: string, serverPort: number) => ({
  NODE_ENV: "production",
  PORT: String(serverPort),
  HOST: "127.0.0.1",
  STORAGE_DIR: path.join(dir, "storage"),
  MODELS_DIR: path.join(dir, "models"),
  LOG_DIR: path.join(dir, "logs"),
  MODEL_HOST: modelHost,
});

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"]],
  outputDir: path.join(os.tmpdir(), `selenite-e2e-${port}-results`),
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  projects: [
    { name: "first-run", testMatch: /auth\.spec\.ts/ },
    { name: "app", testIgnore: /(auth|fresh-install)\.spec\.ts/, dependencies: ["first-run"], use: { storageState: STORAGE_STATE } },
    { name: "fresh-install", testMatch: /fresh-install\.spec\.ts/, use: { baseURL: `http://127.0.0.1:${freshPort}` } },
  ],
  webServer: [
    {
      command: `node --import tsx tests/helpers/model-hub-main.ts ${hubPort} "${E2E_DIR}-hub"`,
      url: `${modelHost}/health`,
      timeout: 60_000,
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      command: `rm -rf "${E2E_DIR}" && mkdir -p "${E2E_DIR}/models" && node --import tsx server.ts`,
      url: `${baseURL}/api/health`,
      timeout: 300_000,
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "pipe",
      env: serverEnv(E2E_DIR, port),
    },
    {
      command: `rm -rf "${FRESH_DIR}" && mkdir -p "${FRESH_DIR}/models" && node --import tsx server.ts`,
      url: `http://127.0.0.1:${freshPort}/api/health`,
      timeout: 300_000,
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "pipe",
      env: serverEnv(FRESH_DIR, freshPort),
    },
  ],
});
