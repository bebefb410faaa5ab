// Browser journeys (tests/e2e): one real server (started by the global setup) and one Chromium,
// driven one file at a time. Run with `npm run test:e2e`, which builds the app first.
import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: { "~": path.resolve(import.meta.dirname, "app") },
  },
  test: {
    include: ["tests/e2e/**/*.test.ts"],
    globalSetup: ["tests/e2e/support/global-setup.ts"],
    environment: "node",
    // One worker, one file at a time: every journey talks to the same server and the same database.
    pool: "forks",
    poolOptions: { forks: { singleFork: true } },
    fileParallelism: false,
    maxWorkers: 1,
    minWorkers: 1,
    // A journey signs in several times (argon2 is slow on purpose) and drives a real browser.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
    // A journey is a story: a retry would hide a flaky page rather than explain it.
    retry: 0,
    reporters: ["default"],
  },
});
