// What `npm run backup` and `npm run restore` share: telling a backup file's kind from its bytes,
// checking a PGlite tarball is whole, naming and writing backup files so a half-written one never
// looks like a backup, and running PostgreSQL's client programs without a password on their
// command line. Messages are for the office's administrator: zh-TW first.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { gunzipSync, gzip } from "node:zlib";
import type { PGlite } from "@electric-sql/pglite";
import { sql, type Kysely } from "kysely";
import type { DatabaseLockedError } from "../db/connect";
import { migrations } from "../db/migrations/index";
import type { Database } from "../db/schema";

const gzipAsync = promisify(gzip);

/** A refusal the administrator can act on: printed as it is, exit code 1, nothing changed. */
export class BackupError extends Error {
  name = "BackupError";
}

/** A wrong command line: printed with the usage, exit code 2. */
export class UsageError extends Error {
  name = "UsageError";
}

export const root = path.resolve(import.meta.dirname, "..");

/** The portal's PGlite folder, found the way server/index.ts finds it. */
export function defaultDataDir(): string {
  return path.resolve(root, process.env.PGLITE_DATA_DIR ?? "data/pglite");
}

export type BackupKind =
  | { kind: "pglite"; tar: Uint8Array }
  | { kind: "postgres" }
  | { kind: "unknown"; reason: string };

const GZIP_MAGIC = [0x1f, 0x8b];
// pg_dump's custom format (--format=custom) starts with these five bytes.
const PG_DUMP_MAGIC = "PGDMP";

/**
 * Tells what a file is from its content (never from its name, which anyone can change): a PGlite
 * data-folder tarball (gzip or plain tar, as PGlite's dumpDataDir writes it) that is complete, a
 * pg_dump custom-format archive, or something else with the reason in words.
 */
export function identifyBackup(bytes: Uint8Array): BackupKind {
  if (bytes.length === 0) return { kind: "unknown", reason: "檔案是空的" };
  if (Buffer.from(bytes.subarray(0, 5)).toString("latin1") === PG_DUMP_MAGIC) return { kind: "postgres" };
  let tar = bytes;
  if (bytes[0] === GZIP_MAGIC[0] && bytes[1] === GZIP_MAGIC[1]) {
    try {
      tar = gunzipSync(bytes);
    } catch {
      return { kind: "unknown", reason: "壓縮檔不完整或已損壞（可能在複製時被截斷）" };
    }
  }
  const problem = checkPgliteTar(tar);
  return problem ? { kind: "unknown", reason: problem } : { kind: "pglite", tar };
}

/**
 * Walks the tar headers: every header's checksum must hold, every file must be there in full, the
 * archive must end with its end marker, and it must hold a PostgreSQL data folder (PG_VERSION and
 * global/pg_control). A tarball cut short anywhere fails one of these, so a truncated copy is
 * refused before anything is restored. Returns the problem in words, or null.
 */
export function checkPgliteTar(tar: Uint8Array): string | null {
  if (tar.length < 512 || !checksumHolds(tar.subarray(0, 512))) return "這不是本平臺的備份檔";
  const names = new Set<string>();
  let offset = 0;
  while (offset + 512 <= tar.length) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) {
      if (!names.has("PG_VERSION") || !names.has("global/pg_control")) return "這不是資料庫的備份（封存檔裡沒有 PostgreSQL 資料夾）";
      return null;
    }
    if (!checksumHolds(header)) return "備份檔已損壞（封存檔內容不一致）";
    const field = (start: number, length: number) => Buffer.from(header.subarray(start, start + length)).toString("latin1").replace(/\0.*$/s, "");
    const size = Number.parseInt(field(124, 12).trim() || "0", 8);
    const name = [field(345, 155), field(0, 100)].filter(Boolean).join("/").replace(/^\.?\/+/, "");
    names.add(name);
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return "備份檔不完整（可能在複製時被截斷）";
}

function checksumHolds(header: Uint8Array): boolean {
  const stored = Number.parseInt(Buffer.from(header.subarray(148, 156)).toString("latin1").replace(/\0.*$/s, "").trim(), 8);
  if (!Number.isFinite(stored)) return false;
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 0x20 : header[i];
  return sum === stored;
}

/** 20261128-023000: sorts by time and reads as the office's local time. */
export function timestamp(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`;
}

/**
 * Where a backup goes: --out as given, or a time-stamped name inside --out when it is a folder
 * (BACKUP_DIR, else backups/, when --out is absent).
 */
export function backupPath(out: string | undefined, defaultName: string): string {
  const target = path.resolve(out ?? process.env.BACKUP_DIR ?? path.join(root, "backups"));
  const isFolder = out === undefined || out.endsWith("/") || (fs.existsSync(target) && fs.statSync(target).isDirectory());
  return isFolder ? path.join(target, defaultName) : target;
}

/**
 * Writes a backup under a temporary name and renames it into place once complete and flushed, so
 * a crash or a full disk leaves at most a *.partial file, never a short file that looks like a
 * backup. Refuses to overwrite an existing backup.
 */
export async function writeBackupAtomically(file: string, write: (partial: string) => Promise<void>): Promise<void> {
  if (fs.existsSync(file)) throw new BackupError(`備份檔已存在，不會覆寫：${file}`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.partial`;
  try {
    await write(partial);
    const fd = fs.openSync(partial, "r");
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fs.renameSync(partial, file);
  } catch (error) {
    fs.rmSync(partial, { force: true });
    if ((error as NodeJS.ErrnoException).code === "ENOSPC") throw new BackupError(`磁碟空間不足，備份未完成（未留下不完整的備份檔）：${file}`);
    throw error;
  }
}

/**
 * PGlite's dump of its whole data folder, gzip-compressed, written atomically. PGlite copies the
 * folder while it holds its query lock, so no statement runs during the copy; we compress after it
 * (on libuv's threads) rather than asking PGlite to, which would hold that lock, and a running
 * portal's requests, for the compression too.
 */
export async function writePgliteBackup(pglite: PGlite, file: string): Promise<void> {
  await writeBackupAtomically(file, async (partial) => {
    const tar = new Uint8Array(await (await pglite.dumpDataDir("none")).arrayBuffer());
    fs.writeFileSync(partial, await gzipAsync(tar));
  });
}

/**
 * Which backups of one series (same folder, same name before the time stamp) to delete so that the
 * newest `daily` remain, plus the first backup of each of the newest `monthly` months: run nightly,
 * 14 + 12 keeps two weeks of days and a year of months. Names that are not a time-stamped backup of
 * the series are never touched.
 */
export function backupsToPrune(names: readonly string[], series: { prefix: string; suffix: string }, keep: { daily: number; monthly: number }): string[] {
  const pattern = new RegExp(`^${escapeRegExp(series.prefix)}-(\\d{8})-\\d{6}${escapeRegExp(series.suffix)}$`);
  const ours = names.filter((name) => pattern.test(name)).sort(); // the stamp sorts by time
  const kept = new Set(ours.slice(Math.max(0, ours.length - keep.daily)));
  const firstOfMonth = new Map<string, string>();
  for (const name of ours) {
    const month = pattern.exec(name)![1].slice(0, 6);
    if (!firstOfMonth.has(month)) firstOfMonth.set(month, name);
  }
  const months = [...firstOfMonth.values()];
  for (const name of months.slice(Math.max(0, months.length - keep.monthly))) kept.add(name);
  return ours.filter((name) => !kept.has(name));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The refusal when the portal (or another script) holds the PGlite folder. */
export function lockedMessage(error: DatabaseLockedError, action: "備份" | "還原"): BackupError {
  const advice =
    action === "備份"
      ? "請先停止平臺再備份（排程可寫成：停止平臺 → npm run backup → 啟動平臺，只停幾秒）；使用 PostgreSQL（DATABASE_URL）時可在平臺執行中備份。"
      : "請先停止平臺（所有使用這個資料夾的程式）再還原。";
  return new BackupError(`資料庫正由執行中的平臺使用，無法${action}。${advice}\n(${error.message})`);
}

// ------------------------------------------------------------------- PostgreSQL client programs

export interface PgTarget {
  /** The connection as libpq environment variables: no password on any command line. */
  env: NodeJS.ProcessEnv;
  database: string;
}

/** DATABASE_URL → PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE (+ sslmode), as pg_dump reads them. */
export function pgTarget(databaseUrl: string, database?: string): PgTarget {
  const url = new URL(databaseUrl);
  const name = database ?? decodeURIComponent(url.pathname.replace(/^\//, ""));
  if (!name) throw new UsageError("DATABASE_URL 沒有資料庫名稱（例如 postgres://user@host:5432/portal）。");
  const env: NodeJS.ProcessEnv = { ...process.env, PGDATABASE: name };
  if (url.hostname) env.PGHOST = decodeURIComponent(url.hostname);
  if (url.port) env.PGPORT = url.port;
  if (url.username) env.PGUSER = decodeURIComponent(url.username);
  if (url.password) env.PGPASSWORD = decodeURIComponent(url.password);
  const sslmode = url.searchParams.get("sslmode");
  if (sslmode) env.PGSSLMODE = sslmode;
  return { env, database: name };
}

/** The same server, another database (a URL for the pg client). */
export function withDatabase(databaseUrl: string, database: string): string {
  const url = new URL(databaseUrl);
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
}

/**
 * Runs pg_dump / pg_restore from PG_BIN (e.g. /usr/lib/postgresql/16/bin when the server is newer
 * than the client on PATH) and returns its output; a failure becomes a BackupError with its message.
 */
export function runPgTool(tool: "pg_dump" | "pg_restore", args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  const program = process.env.PG_BIN ? path.join(process.env.PG_BIN, tool) : tool;
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += String(chunk)));
    child.stderr.on("data", (chunk) => (stderr += String(chunk)));
    child.on("error", (error: NodeJS.ErrnoException) =>
      reject(
        error.code === "ENOENT"
          ? new BackupError(`找不到 ${tool}：請安裝 PostgreSQL 用戶端程式（Debian：apt-get install postgresql-client），或以 PG_BIN 指定其資料夾。`)
          : error,
      ),
    );
    child.on("close", (code) => {
      if (code === 0) return resolve(stdout);
      const hint = /server version mismatch/.test(stderr) ? `\n伺服器版本比 ${tool} 新：請以 PG_BIN 指定相同或較新版本的 PostgreSQL 程式資料夾。` : "";
      reject(new BackupError(`${tool} 失敗（結束代碼 ${code}）：${stderr.trim().split("\n").slice(-5).join("\n")}${hint}`));
    });
  });
}

/** Runs a CLI's main and turns its refusals into a message and an exit code. */
export function runCli(main: () => Promise<void>, usage: string): void {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      if (error instanceof UsageError) {
        console.error(`${error.message}\n${usage}`);
        process.exit(2);
      }
      console.error(error instanceof BackupError ? error.message : error instanceof Error ? (error.stack ?? error.message) : error);
      process.exit(1);
    },
  );
}

// ------------------------------------------------------------------- checking a restored database

/**
 * Opens every table of a restored database before it replaces the live one: it must be this
 * portal's database (it has the migrations table), from this version or an older one (a newer one
 * has changes this code does not know), and every table must read to its end (a damaged file fails
 * here, not in front of a clerk). Returns the figures printed after the restore.
 */
export async function checkRestoredDatabase(db: Kysely<Database>): Promise<{ tables: number; rows: number; migrations: number }> {
  const { rows: tables } = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE' order by 1`.execute(db);
  if (!tables.some((t) => t.name === "kysely_migration")) throw new BackupError("備份裡不是本平臺的資料庫（沒有資料庫版本紀錄）。");
  const { rows: applied } = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
  const unknown = applied.map((m) => m.name).filter((name) => !(name in migrations));
  if (unknown.length) throw new BackupError(`備份來自較新版本的平臺（含本版沒有的資料庫變更：${unknown.join("、")}）：請先更新平臺程式再還原。`);
  let rows = 0;
  for (const { name } of tables) {
    const { rows: counted } = await sql<{ n: string }>`select count(*) as n from ${sql.table(name)}`.execute(db);
    rows += Number(counted[0].n);
  }
  return { tables: tables.length, rows, migrations: applied.length };
}
