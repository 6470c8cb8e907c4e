import path from "node:path";
import { defineConfig } from "vitest/config";

const resolve = {
  alias: {
    "@": path.resolve(import.meta.dirname),
    // "server-only" throws outside React Server Components; tests are server code.
    "server-only": path.resolve(import.meta.dirname, "tests/helpers/empty.ts"),
  },
};

// Limits sized for a loaded machine (load average ~7 on two cores), not a quiet one:
// a test that is slow because the machine is busy should still pass; one that hangs
// still fails. Inline projects do not inherit the root `test` options, so each
// project states its own.
export default defineConfig({
  resolve,
  test: {
    environment: "node",
    // Inference and ffmpeg tests are CPU-heavy; two cores are all we have.
    maxWorkers: 2,
    projects: [
      {
        resolve,
        test: {
          name: "unit",
          include: ["tests/unit/**/*.test.ts"],
          // ffmpeg fixtures and tokenizers are made in beforeAll hooks.
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        resolve,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          // Builds the app once before any test starts a real server.
          globalSetup: ["tests/helpers/global-setup.ts"],
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
