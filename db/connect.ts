import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { CamelCasePlugin, Kysely, Migrator, PostgresDialect, type LogConfig, type LogEvent, type Transaction } from "kysely";
import { PGliteDialect } from "kysely-pglite-dialect";
import pg from "pg";
import { migrations } from "./migrations/index";
import type { Database } from "./schema";

/** What every module function takes first: the database or a transaction on it (ARCHITECTURE rule 3). */
export type Executor = Kysely<Database> | Transaction<Database>;

export interface DatabaseHandle {
  db: Kysely<Database>;
  kind: "pglite" | "postgres";
  close(): Promise<void>;
}

export interface ConnectOptions {
  /** A PostgreSQL URL; when absent the embedded PGlite database is used. */
  databaseUrl?: string;
  /** PGlite data folder; `memory://` for a throw-away database. */
  dataDir?: string;
  /** An already-open PGlite (tests clone a migrated template). */
  pglite?: PGlite;
  /** pg pool options, e.g. a search_path for an isolated test schema. */
  pgOptions?: pg.PoolConfig;
}

export class DatabaseLockedError extends Error {
  constructor(dataDir: string, pid: number) {
    super(
      `The PGlite data folder ${dataDir} is in use by process ${pid}. ` +
        `PGlite allows one process per folder: stop that process first (or set DATABASE_URL to use PostgreSQL).`,
    );
    this.name = "DatabaseLockedError";
  }
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * PGlite has no lock of its own, and a second process opening the same folder corrupts it
 * (ARCHITECTURE.md, traps). Take an exclusive lock file holding our pid; a lock left by a
 * process that no longer runs is taken over.
 */
export function acquireFolderLock(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(path.dirname(path.resolve(dataDir)), `${path.basename(dataDir)}.lock`);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(lockPath, "wx");
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        fs.rmSync(lockPath, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = Number.parseInt(fs.readFileSync(lockPath, "utf8"), 10);
      if (Number.isFinite(holder) && holder !== process.pid && isProcessAlive(holder)) {
        throw new DatabaseLockedError(dataDir, holder);
      }
      fs.rmSync(lockPath, { force: true }); // stale: its process is gone
    }
  }
  throw new Error(`Could not lock ${dataDir}`);
}

/**
 * SLOW_QUERY_MS=<n>: every query slower than n ms is printed with its time and row count, the first
 * place to look when a page is slow (issue 10). Off by default.
 */
function slowQueryLog(): LogConfig | undefined {
  const threshold = Number(process.env.SLOW_QUERY_MS);
  if (!process.env.SLOW_QUERY_MS || !Number.isFinite(threshold)) return undefined;
  return (event: LogEvent) => {
    if (event.queryDurationMillis < threshold) return;
    const failed = event.level === "error" ? " failed" : "";
    console.log(`[slow query ${event.queryDurationMillis.toFixed(1)} ms${failed}] ${event.query.sql.replace(/\s+/g, " ").slice(0, 400)}`);
  };
}

export async function createDb(options: ConnectOptions = {}): Promise<DatabaseHandle> {
  const plugins = [new CamelCasePlugin()];
  const log = slowQueryLog();
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10, ...options.pgOptions });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins, log });
    return { db, kind: "postgres", close: () => db.destroy() };
  }

  let release = () => {};
  let pglite = options.pglite;
  if (!pglite) {
    const dataDir = options.dataDir ?? "memory://";
    if (!dataDir.startsWith("memory://")) release = acquireFolderLock(dataDir);
    try {
      pglite = await PGlite.create(dataDir);
    } catch (error) {
      release();
      throw error;
    }
  }
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite), plugins, log });
  return {
    db,
    kind: "pglite",
    async close() {
      await db.destroy(); // closes the PGlite instance through the dialect
      if (!pglite!.closed) await pglite!.close();
      release();
    },
  };
}

export async function migrateToLatest(db: Kysely<Database>): Promise<void> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === "Error");
  if (error || failed) {
    throw new Error(`Migration ${failed?.migrationName ?? ""} failed: ${String(error)}`);
  }
}
