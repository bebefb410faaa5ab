// Reliability tests (issue 11, tests/reliability): load, crashes and faults against the portal run as
// its own process (server/index.ts), on PGlite and, when TEST_DATABASE_URL is set, on PostgreSQL.
// One file at a time: each one starts servers and loads them, and the machines have 2 cores.
import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: [{ find: /^~\//, replacement: `${path.join(import.meta.dirname, "app")}/` }],
  },
  test: {
    include: ["tests/reliability/**/*.test.ts"],
    pool: "forks",
    poolOptions: { forks: { singleFork: true } },
    fileParallelism: false,
    maxWorkers: 1,
    minWorkers: 1,
    testTimeout: 600_000,
    hookTimeout: 300_000,
    retry: 0,
    env: { SESSION_SECRET: "reliability-session-secret" },
  },
});
