// Runs once per `vitest run`, before any test file. On PGlite it builds the migrated, seeded
// template every file clones (creating PGlite takes 3–7 s, loading a dump ≈1.5 s: ARCHITECTURE.md,
// traps). On PostgreSQL it only checks the server answers; each file makes its own schema.
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { createDb, migrateToLatest } from "../../db/connect";
import { seedDemo } from "../../seeds/demo";
import type { TestDatabaseTarget } from "./db";

export default async function setup(project: TestProject) {
  const started = Date.now();
  const databaseUrl = process.env.TEST_DATABASE_URL;
  if (databaseUrl) {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    const { rows } = await client.query<{ server_version: string }>("show server_version");
    await client.end();
    const target: TestDatabaseTarget = { kind: "postgres", databaseUrl };
    project.provide("testDatabase", target);
    console.log(`Test database: PostgreSQL ${rows[0].server_version} (${redact(databaseUrl)}), one schema per test file`);
    return;
  }

  const pglite = await PGlite.create();
  const handle = await createDb({ pglite });
  await migrateToLatest(handle.db);
  await seedDemo(handle.db);
  const dump = await pglite.dumpDataDir("none");
  await handle.close();
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "fubei-test-db-"));
  const templatePath = path.join(dir, "template.tar");
  await fs.writeFile(templatePath, Buffer.from(await dump.arrayBuffer()));
  const target: TestDatabaseTarget = { kind: "pglite", templatePath };
  project.provide("testDatabase", target);
  console.log(`Test database: PGlite in memory, cloned per test file from a migrated template (built in ${Date.now() - started} ms)`);

  return async () => {
    await fs.rm(dir, { recursive: true, force: true });
  };
}

function redact(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = "***";
  return u.toString();
}
