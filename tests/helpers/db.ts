// A fresh, migrated and seeded database for each test file: a clone of the PGlite template built by
// global-setup.ts, or, when TEST_DATABASE_URL is set, a schema of its own on that PostgreSQL server.
// Test code is the same for both.
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import { PGlite } from "@electric-sql/pglite";
import { Migrator, type Kysely } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, inject } from "vitest";
import { createDb, type DatabaseHandle } from "../../db/connect";
import { migrations } from "../../db/migrations/index";
import type { Database } from "../../db/schema";
import { seedDemo } from "../../seeds/demo";

export type TestDatabaseTarget =
  | { kind: "pglite"; templatePath: string }
  | { kind: "postgres"; databaseUrl: string };

declare module "vitest" {
  export interface ProvidedContext {
    testDatabase: TestDatabaseTarget;
  }
}

export interface TestDatabase {
  db: Kysely<Database>;
  kind: DatabaseHandle["kind"];
  close(): Promise<void>;
}

let templateBlob: Blob | undefined;

/** Opens a database holding exactly the demo seed. Close it when done. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const target = inject("testDatabase");
  if (target.kind === "pglite") {
    templateBlob ??= new Blob([await fs.readFile(target.templatePath)]);
    const pglite = await PGlite.create({ loadDataDir: templateBlob });
    const handle = await createDb({ pglite });
    return { db: handle.db, kind: handle.kind, close: () => handle.close() };
  }

  // One retry with a fresh schema: once, under the parallel load of CI, the Migrator reported a
  // just-created schema as missing; a second schema has always worked. A real migration error fails
  // both attempts and is reported.
  let schema = "";
  let handle: DatabaseHandle | undefined;
  for (let attempt = 1; attempt <= 2; attempt++) {
    schema = `t_${randomBytes(6).toString("hex")}`;
    await adminQuery(target.databaseUrl, `create schema ${schema}`);
    const candidate = await createDb({
      databaseUrl: target.databaseUrl,
      pgOptions: { max: 5, options: `-c search_path=${schema}` },
    });
    try {
      // Not migrateToLatest(): Kysely's Migrator looks for its kysely_migration table in *every*
      // schema unless told which one, so parallel files would see each other's tables.
      const migrator = new Migrator({
        db: candidate.db,
        provider: { getMigrations: async () => migrations },
        migrationTableSchema: schema,
      });
      const { error, results } = await migrator.migrateToLatest();
      const failed = results?.find((r) => r.status === "Error");
      if (error || failed) throw new Error(`Migration ${failed?.migrationName ?? ""} failed: ${String(error)}`);
      await seedDemo(candidate.db);
      handle = candidate;
      break;
    } catch (error) {
      await candidate.close();
      await adminQuery(target.databaseUrl, `drop schema if exists ${schema} cascade`);
      if (attempt === 2 || !/schema "t_[0-9a-f]+" does not exist/.test(String(error))) throw error;
    }
  }
  if (!handle) throw new Error("No test database");
  const opened = handle;
  return {
    db: opened.db,
    kind: opened.kind,
    async close() {
      await opened.close();
      await adminQuery(target.databaseUrl, `drop schema if exists ${schema} cascade`);
    },
  };
}

async function adminQuery(databaseUrl: string, text: string) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

let current: Kysely<Database> | undefined;

/** The database of the running test file (set by useTestDatabase). */
export function currentDb(): Kysely<Database> {
  if (!current) throw new Error("No test database: call useTestDatabase() at the top of the test file.");
  return current;
}

/**
 * Gives the test file one fresh seeded database, opened before its first test and dropped after
 * its last. Tests in one file share it, so each test uses its own accounts or client addresses
 * where state (sessions, throttling) could leak between tests.
 */
export function useTestDatabase(): { readonly db: Kysely<Database>; readonly kind: DatabaseHandle["kind"] } {
  let handle: TestDatabase | undefined;
  beforeAll(async () => {
    handle = await createTestDatabase();
    current = handle.db;
  });
  afterAll(async () => {
    if (current === handle?.db) current = undefined;
    await handle?.close();
  });
  return {
    get db() {
      if (!handle) throw new Error("The test database is opened in beforeAll; use it inside tests or hooks.");
      return handle.db;
    },
    get kind() {
      if (!handle) throw new Error("The test database is opened in beforeAll; use it inside tests or hooks.");
      return handle.kind;
    },
  };
}

// ---------------------------------------------------------------- seed look-ups

export async function userIdOf(db: Kysely<Database>, employeeNo: string): Promise<number> {
  const row = await db.selectFrom("users").select("id").where("employeeNo", "=", employeeNo).executeTakeFirstOrThrow();
  return row.id;
}

export async function officeIdOf(db: Kysely<Database>, code: string): Promise<number> {
  const row = await db.selectFrom("offices").select("id").where("code", "=", code).executeTakeFirstOrThrow();
  return row.id;
}

export async function sessionCountOf(db: Kysely<Database>, employeeNo: string): Promise<number> {
  const row = await db
    .selectFrom("sessions as s")
    .innerJoin("users as u", "u.id", "s.userId")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("u.employeeNo", "=", employeeNo)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
