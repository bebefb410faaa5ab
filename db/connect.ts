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

/** The PGlite folder cannot be used as it is (read-only, not ours, or its disk is full): say so plainly. */
export class DataFolderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DataFolderError";
  }
}

/**
 * Room the embedded database needs to start: PostgreSQL writes its log (WAL) in 16 MB segments and
 * stops with a PANIC when it cannot create the next one, so a start on a nearly full disk would fail
 * at the first busy minute instead of now, with a clear reason (issue 11, faults).
 */
const MIN_FREE_BYTES = 64 * 1024 * 1024;

function folderProblem(dataDir: string, error: unknown): Error {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "EROFS" || code === "EACCES" || code === "EPERM") {
    return new DataFolderError(
      `The PGlite data folder ${dataDir} cannot be written (${code}: ${code === "EROFS" ? "read-only file system" : "permission denied"}). ` +
        `Nothing was changed. Make the folder writable for the user running the portal (or set PGLITE_DATA_DIR to one that is) and start again.`,
    );
  }
  if (code === "ENOSPC" || code === "EDQUOT") {
    return new DataFolderError(`The disk holding the PGlite data folder ${dataDir} is full (${code}). Nothing was changed. Free some space and start again.`);
  }
  return error instanceof Error ? error : new Error(String(error));
}

/**
 * Before PGlite opens the folder: it must be writable and have room. PGlite itself reports a
 * read-only folder only as "PGlite failed to initialize properly", and a full disk as a failed
 * write somewhere later; both are clearer refused here, before anything in the folder is touched.
 */
function checkDataFolder(dataDir: string): void {
  const probe = path.join(dataDir, `.write-test-${process.pid}`);
  try {
    fs.writeFileSync(probe, "ok");
  } catch (error) {
    throw folderProblem(dataDir, error);
  } finally {
    fs.rmSync(probe, { force: true });
  }
  const { bavail, bsize } = fs.statfsSync(dataDir);
  const free = bavail * bsize;
  if (free < MIN_FREE_BYTES) {
    const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
    throw new DataFolderError(
      `The disk holding the PGlite data folder ${dataDir} is nearly full: ${mb(free)} free, the database needs at least ${mb(MIN_FREE_BYTES)} to run safely. ` +
        `Nothing was changed. Free some space and start again.`,
    );
  }
}

/**
 * PGlite has no lock of its own, and a second process opening the same folder corrupts it
 * (ARCHITECTURE.md, traps). Take an exclusive lock file holding our pid; a lock left by a
 * process that no longer runs is taken over.
 */
export function acquireFolderLock(dataDir: string): () => void {
  try {
    fs.mkdirSync(dataDir, { recursive: true });
  } catch (error) {
    throw folderProblem(dataDir, error);
  }
  const lockPath = path.join(path.dirname(path.resolve(dataDir)), `${path.basename(dataDir)}.lock`);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(lockPath, "wx");
      try {
        fs.writeSync(fd, String(process.pid));
      } catch (error) {
        // A full disk: no empty lock may stay behind.
        fs.closeSync(fd);
        fs.rmSync(lockPath, { force: true });
        throw folderProblem(dataDir, error);
      }
      fs.closeSync(fd);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        fs.rmSync(lockPath, { force: true });
      };
    } catch (error) {
      if (error instanceof DataFolderError) throw error;
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw folderProblem(dataDir, error);
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

/**
 * PostgreSQL's buffer cache inside PGlite. Its default, 128 MB, lives in the WebAssembly heap, which
 * never shrinks; the data files are read through the operating system's cache anyway, so 32 MB keeps
 * the portal's memory down (issue 10: peak RSS 510 → 373 MiB for the dashboards of 5 years of an
 * office with 16 MB) at little cost. PGLITE_SHARED_BUFFERS (e.g. 128MB) sets another size.
 */
function pgliteSharedBuffers(): string {
  const configured = process.env.PGLITE_SHARED_BUFFERS?.trim();
  return configured && /^\d+(kB|MB|GB)$/.test(configured) ? configured : "32MB";
}

export async function createDb(options: ConnectOptions = {}): Promise<DatabaseHandle> {
  const plugins = [new CamelCasePlugin()];
  const log = slowQueryLog();
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: 10,
      // A server that does not answer (a dropped network, not a refused port) fails the request after
      // 10 s instead of holding it forever; the request is answered 503 (server/app.ts).
      connectionTimeoutMillis: 10_000,
      keepAlive: true,
      ...options.pgOptions,
    });
    // When PostgreSQL restarts it closes every connection; an idle pooled one reports that as an
    // 'error' event, which would end the whole process if nobody listened. The pool has already
    // dropped that connection and opens a new one on the next request, so a log line is enough.
    pool.on("error", (error) => {
      console.error(JSON.stringify({ level: "warn", at: new Date().toISOString(), message: "PostgreSQL closed an idle connection; it is replaced on the next request", error: error.message }));
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins, log });
    return { db, kind: "postgres", close: () => db.destroy() };
  }

  let release = () => {};
  let pglite = options.pglite;
  if (!pglite) {
    const dataDir = options.dataDir ?? "memory://";
    if (!dataDir.startsWith("memory://")) release = acquireFolderLock(dataDir);
    try {
      if (!dataDir.startsWith("memory://")) checkDataFolder(dataDir);
      pglite = await PGlite.create(dataDir, { postgresqlconf: `shared_buffers=${pgliteSharedBuffers()}` });
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

// Errors that mean "the database server cannot be reached right now", not "this request is wrong":
// the port refused or unreachable, the connection cut, or the server shutting down or starting up
// (SQLSTATE class 08 and 57P01–57P03). PostgreSQL restarting produces exactly these.
const UNREACHABLE_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN", "57P01", "57P02", "57P03"]);
const UNREACHABLE_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|is not queryable/i;

/** Whether an error means the database is briefly unavailable (the portal answers 503 and retries by itself). */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && (UNREACHABLE_CODES.has(code) || code.startsWith("08"))) return true;
  // Node reports a refused connection to every address of "localhost" as one AggregateError.
  if (error instanceof AggregateError && error.errors.some(isDatabaseUnavailable)) return true;
  return UNREACHABLE_MESSAGES.test(error.message);
}

export async function migrateToLatest(db: Kysely<Database>): Promise<void> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === "Error");
  if (error || failed) {
    throw new Error(`Migration ${failed?.migrationName ?? ""} failed: ${String(error)}`);
  }
}
