// Tools for the fault tests (issue 11, "Faults"; tests/reliability/faults.test.ts): a seeded PGlite
// folder to copy, a PostgreSQL database or a whole PostgreSQL cluster of the test's own, a full or
// read-only disk, the queue import driven over HTTP, and the checks that nothing was half-written.
import { execFileSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql, type Kysely, type RawBuilder } from "kysely";
import pg from "pg";
import { createDb, migrateToLatest } from "../../db/connect";
import type { Database } from "../../db/schema";
import { seedDemo } from "../../seeds/demo";
import { CASE_TYPES } from "../../seeds/large/queue";
import { QUEUE_HEADER, queueYearLines } from "../bench/queue-file";
import { BROWSER_AGENT, freePort } from "./portal-process";

/** A temporary folder removed by the returned function (mounts inside it must be gone first). */
export function tempFolder(prefix: string): { dir: string; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

// ------------------------------------------------------------------------------ PGlite folders

/**
 * A migrated PGlite folder with the demo seed, closed again; tests copy it instead of seeding each
 * time. Returns its contentFingerprint, to compare a copy with after a fault.
 */
export async function seededPgliteFolder(dataDir: string): Promise<Record<string, string>> {
  const handle = await createDb({ dataDir });
  try {
    await migrateToLatest(handle.db);
    await seedDemo(handle.db);
    return await contentFingerprint(handle.db);
  } finally {
    await handle.close();
  }
}

/** Opens a closed PGlite folder in this process (after the portal stopped or was killed), runs `fn`, closes. */
export async function withPglite<T>(dataDir: string, fn: (db: Kysely<Database>) => Promise<T>): Promise<T> {
  const handle = await createDb({ dataDir });
  try {
    return await fn(handle.db);
  } finally {
    await handle.close();
  }
}

// ------------------------------------------------------------------------------ PostgreSQL

/** A fresh database of the test's own on the server of `serverUrl` (TEST_DATABASE_URL). */
export async function createPostgresDatabase(serverUrl: string, prefix: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(4).toString("hex")}`;
  const admin = new URL(serverUrl);
  admin.pathname = "/postgres";
  const adminQuery = async (text: string) => {
    const client = new pg.Client({ connectionString: admin.toString() });
    await client.connect();
    try {
      await client.query(text);
    } finally {
      await client.end();
    }
  };
  await adminQuery(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  // "with (force)": a killed portal's sessions may linger for a moment.
  return { url: url.toString(), drop: () => adminQuery(`drop database if exists ${name} with (force)`) };
}

export async function withPostgres<T>(databaseUrl: string, fn: (db: Kysely<Database>) => Promise<T>): Promise<T> {
  const handle = await createDb({ databaseUrl, pgOptions: { max: 2 } });
  try {
    return await fn(handle.db);
  } finally {
    await handle.close();
  }
}

/** The newest installed PostgreSQL's initdb and pg_ctl (Debian keeps them off the PATH). */
function postgresBinDir(): string | null {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const base = "/usr/lib/postgresql";
  if (!fs.existsSync(base)) return null;
  const versions = fs.readdirSync(base).filter((v) => fs.existsSync(path.join(base, v, "bin", "pg_ctl")));
  versions.sort((a, b) => Number(b) - Number(a));
  return versions.length ? path.join(base, versions[0], "bin") : null;
}

export interface PrivateCluster {
  url: string;
  /** pg_ctl stop -m fast: every connection is cut, as in a restart or an upgrade. */
  stop(): void;
  start(): void;
  /** Stops it (if running) and deletes its folder. */
  destroy(): void;
}

/**
 * A PostgreSQL cluster of the test's own on a free port, so stopping it disturbs nobody else. The
 * server refuses to run as root, and CI runs as root: then initdb and pg_ctl run as `postgres` in a
 * folder that user owns. Returns the reason instead when it cannot be done here.
 */
export async function startPrivateCluster(): Promise<PrivateCluster | { unavailable: string }> {
  const bin = postgresBinDir();
  if (!bin) return { unavailable: "no PostgreSQL server binaries (initdb, pg_ctl) are installed" };
  const asRoot = process.getuid?.() === 0;
  let owner: { uid: number; gid: number } | undefined;
  if (asRoot) {
    try {
      owner = { uid: Number(execFileSync("id", ["-u", "postgres"]).toString()), gid: Number(execFileSync("id", ["-g", "postgres"]).toString()) };
    } catch {
      return { unavailable: "running as root, and there is no `postgres` user to run the server as" };
    }
  }
  const folder = tempFolder("faults-pg-");
  if (owner) fs.chownSync(folder.dir, owner.uid, owner.gid);
  const run = (program: string, args: string[]) =>
    execFileSync(asRoot ? "runuser" : path.join(bin, program), asRoot ? ["-u", "postgres", "--", path.join(bin, program), ...args] : args, { stdio: "pipe", timeout: 60_000 });
  const port = await freePort();
  const data = path.join(folder.dir, "data");
  // fsync off: this cluster exists for one test, and its durability is not what the test is about.
  const options = `-p ${port} -k ${folder.dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
  let running = false;
  const cluster: PrivateCluster = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop() {
      run("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"]);
      running = false;
    },
    start() {
      run("pg_ctl", ["-D", data, "-o", options, "-l", path.join(folder.dir, "server.log"), "-w", "start"]);
      running = true;
    },
    destroy() {
      try {
        if (running) cluster.stop();
      } finally {
        folder.remove();
      }
    },
  };
  try {
    run("initdb", ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions"]);
    cluster.start();
  } catch (error) {
    cluster.destroy();
    return { unavailable: `could not start a private PostgreSQL cluster: ${String((error as { stderr?: Buffer }).stderr ?? error)}` };
  }
  return cluster;
}

// ------------------------------------------------------------------------------ disks

/** Runs mount(8); returns why not when this machine does not allow it (an unprivileged container). */
export function tryMount(args: string[]): string | null {
  try {
    execFileSync("mount", args, { stdio: "pipe" });
    return null;
  } catch (error) {
    return String((error as { stderr?: Buffer }).stderr ?? error).trim();
  }
}

export function unmount(target: string): void {
  execFileSync("umount", [target], { stdio: "pipe" });
}

/** Fills the file system holding `dir` with one file until only `leaveBytes` are free; returns the file. */
export function fillDisk(dir: string, leaveBytes: number): string {
  const filler = path.join(dir, "filler.bin");
  const { bavail, bsize } = fs.statfsSync(dir);
  const size = bavail * bsize - leaveBytes;
  if (size > 0) execFileSync("fallocate", ["-l", String(size), filler]);
  return filler;
}

// ------------------------------------------------------------------------------ the queue import over HTTP

/** The queue system's columns (tests/bench/queue-file.ts) for each field the import reads. */
const MAPPING = {
  ticket: "號碼",
  counter: "櫃台",
  staff: "承辦人員編號",
  caseType: "案件類別",
  ticketAt: "取號時間",
  calledAt: "叫號時間",
  startedAt: "開始服務時間",
  endedAt: "結束服務時間",
  outcome: "狀態",
};

/**
 * The office's case types with their weights (/counters/settings), as a supervisor sets them up before
 * the first import; the import refuses case types the office has not defined. Returns their names.
 */
export async function defineCaseTypes(base: string, cookie: string): Promise<string[]> {
  for (const [name, weight, standardMinutes] of CASE_TYPES) {
    const res = await fetch(`${base}/counters/settings`, {
      method: "POST",
      redirect: "manual",
      headers: { cookie, origin: base, "user-agent": BROWSER_AGENT, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ intent: "caseType", name, weight: String(weight), standardMinutes: String(standardMinutes), effectiveFrom: "2026-01-01" }),
    });
    if (res.status !== 302) throw new Error(`case type ${name} was not saved (${res.status})`);
  }
  return CASE_TYPES.map(([name]) => name);
}

export interface QueueFile {
  name: string;
  text: string;
  /** Tickets in it: every generated line is valid and unique, so all of them are new records. */
  tickets: number;
}

let year2026: string[][] | undefined;

/** 府北's export of one month of 2026 (1 = January; ~12,000 tickets), or of its first `tickets` lines. */
export function queueFile(name: string, month: number, tickets?: number): QueueFile {
  year2026 ??= queueYearLines(2026);
  const lines = year2026[month - 1].slice(0, tickets);
  return { name, text: [QUEUE_HEADER, ...lines].join("\n") + "\n", tickets: lines.length };
}

/** A hash of every file in a folder (names and bytes): "nothing changed" at the level of the disk. */
export function folderHash(dir: string): string {
  const hash = createHash("sha256");
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true }).sort((a, b) => path.join(a.parentPath, a.name).localeCompare(path.join(b.parentPath, b.name)))) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    hash.update(path.relative(dir, file)).update(fs.readFileSync(file));
  }
  return hash.digest("hex");
}

/**
 * The last step of /counters/import as the browser sends it (multipart, all or nothing). Resolves
 * with the page's status and the 匯入 count it shows; rejects when the connection dies first.
 */
export async function postQueueImport(base: string, cookie: string, file: QueueFile): Promise<{ status: number; inserted: number | null }> {
  const form = new FormData();
  form.set("intent", "import");
  form.set("fileName", file.name);
  form.set("csvText", file.text);
  form.set("mode", "all_or_nothing");
  for (const [field, header] of Object.entries(MAPPING)) form.set(`map_${field}`, header);
  const res = await fetch(`${base}/counters/import`, { method: "POST", headers: { cookie, origin: base, "user-agent": BROWSER_AGENT }, body: form });
  const html = await res.text();
  // The result step's figure: <div data-testid="result-inserted"><p>12345</p>…</div>.
  const inserted = html.match(/data-testid="result-inserted"[^>]*>\s*<p[^>]*>(\d+)</);
  return { status: res.status, inserted: inserted ? Number(inserted[1]) : null };
}

// ------------------------------------------------------------------------------ checks

export async function officeIdOf(db: Kysely<Database>, employeeNo: string): Promise<number> {
  const { officeId } = await db.selectFrom("users").select("officeId").where("employeeNo", "=", employeeNo).executeTakeFirstOrThrow();
  return officeId;
}

export interface QueueState {
  caseTypes: string[];
  imports: { fileName: string; inserted: number; skipped: number; records: number }[];
  records: number;
  /** Records not belonging to any recorded import: must be none. */
  orphanRecords: number;
  /** Person-days with records but no ranking rollup row, and rollup rows with no records: both must be empty. */
  staffDaysMissing: string[];
  staffDaysExtra: string[];
  /** The same for the office's day rollup, where the schema has one. */
  officeDaysMissing: string[];
  officeDaysExtra: string[];
}

const difference = (a: Set<string>, b: Set<string>) => [...a].filter((k) => !b.has(k)).sort();

/** What an office's queue tables hold, and whether the records, imports and rollups agree. */
export async function queueState(db: Kysely<Database>, officeId: number): Promise<QueueState> {
  const imports = await db.selectFrom("queueImports").select(["id", "fileName", "inserted", "skipped"]).where("officeId", "=", officeId).orderBy("id").execute();
  const perImport = await db
    .selectFrom("queueRecords")
    .select(["importId", (eb) => eb.fn.countAll<string>().as("n")])
    .where("officeId", "=", officeId)
    .groupBy("importId")
    .execute();
  const counted = new Map(perImport.map((r) => [r.importId, Number(r.n)]));
  const keys = async (query: RawBuilder<{ k: string }>) => new Set((await query.execute(db)).rows.map((r) => r.k));
  const recordStaffDays = await keys(sql<{ k: string }>`select distinct staff_user_id || ' ' || ticket_date::text as k from queue_records where office_id = ${officeId} and staff_user_id is not null`);
  const staffDays = await keys(sql<{ k: string }>`select staff_user_id || ' ' || day::text as k from queue_staff_days where office_id = ${officeId}`);
  const recordDays = await keys(sql<{ k: string }>`select distinct ticket_date::text as k from queue_records where office_id = ${officeId}`);
  // queue_office_days is new in issue 10's rollups; an older schema has only the person-day one.
  const { rows } = await sql<{ present: boolean }>`select to_regclass('queue_office_days') is not null as present`.execute(db);
  const officeDays = rows[0].present ? await keys(sql<{ k: string }>`select day::text as k from queue_office_days where office_id = ${officeId}`) : recordDays;
  const caseTypes = await db.selectFrom("caseTypes").select("name").where("officeId", "=", officeId).orderBy("name").execute();
  return {
    caseTypes: caseTypes.map((c) => c.name),
    imports: imports.map((i) => ({ fileName: i.fileName, inserted: i.inserted, skipped: i.skipped, records: counted.get(i.id) ?? 0 })),
    records: [...counted.values()].reduce((a, b) => a + b, 0),
    orphanRecords: [...counted.entries()].filter(([importId]) => !imports.some((i) => i.id === importId)).reduce((a, [, n]) => a + n, 0),
    staffDaysMissing: difference(recordStaffDays, staffDays),
    staffDaysExtra: difference(staffDays, recordStaffDays),
    officeDaysMissing: difference(recordDays, officeDays),
    officeDaysExtra: difference(officeDays, recordDays),
  };
}

/** Tables a sign-in writes to (sessions, throttling, the audit log): not part of "the data is intact". */
const WRITTEN_BY_SIGN_IN = new Set(["sessions", "login_attempts", "audit_log"]);

/**
 * Every table's row count and a hash of its full contents, so "intact" means exactly the same rows,
 * not merely a database that opens.
 */
export async function contentFingerprint(db: Kysely<Database>): Promise<Record<string, string>> {
  const { rows: tables } = await sql<{ name: string }>`select tablename as name from pg_tables where schemaname = current_schema() order by tablename`.execute(db);
  const fingerprint: Record<string, string> = {};
  for (const { name } of tables) {
    if (WRITTEN_BY_SIGN_IN.has(name)) continue;
    const { rows } = await sql<{ n: number; h: string | null }>`select count(*)::int as n, md5(string_agg(t::text, '|' order by t::text)) as h from ${sql.table(name)} t`.execute(db);
    fingerprint[name] = `${rows[0].n} ${rows[0].h ?? ""}`;
  }
  return fingerprint;
}
