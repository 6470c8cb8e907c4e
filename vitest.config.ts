import path from "node:path";
import { defineConfig } from "vitest/config";

const resolve = {
  alias: {
    "@": path.resolve(import.meta.dirname),
    // "server-only" throws outside React Server Components; tests are server code.
    "server-only": path.resolve(import.meta.dirname, "tests/helpers/empty.ts"),
  },
};

export default defineConfig({
  resolve,
  test: {
    environment: "node",
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // Inference and ffmpeg tests are CPU-heavy; two cores are all we have.
    maxWorkers: 2,
    projects: [
      { resolve, test: { name: "unit", include: ["tests/unit/**/*.test.ts"], testTimeout: 60_000 } },
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
