import path from "node:path";
import { defineConfig } from "vitest/config";

// Unit tests beside pure code, integration and security tests against a real database
// (ARCHITECTURE.md, Tests). Browser journeys have their own config (vitest.e2e.config.ts).
const root = import.meta.dirname;

export default defineConfig({
  resolve: {
    alias: [{ find: /^~\//, replacement: `${path.join(root, "app")}/` }],
  },
  test: {
    include: ["app/**/*.test.ts", "tests/{integration,security,fuzz}/**/*.test.ts"],
    exclude: ["node_modules/**", "build/**", "public/build/**", "tests/e2e/**"],
    // One migrated, seeded PGlite template per run (or a PostgreSQL check); every file clones it.
    globalSetup: ["tests/helpers/global-setup.ts"],
    // Each in-memory PGlite takes about 1 GiB and the machines have 2 cores: two files at a time.
    pool: "forks",
    maxWorkers: 2,
    minWorkers: 1,
    // Creating PGlite takes 3–7 s and argon2 is slow on purpose.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    env: {
      SESSION_SECRET: "test-session-secret-not-for-production",
      // Production-like cookies (Secure), whatever the developer's shell says.
      INSECURE_COOKIES: "0",
    },
  },
});
