// The two operations behind `npm run backup` and `npm run restore` (the CLIs only parse options
// and print). Both keep to one rule: a backup either exists whole or not at all, and a restore
// either replaces the live database with a checked, complete copy or changes nothing.
//
// Backup:
// - PGlite (the default, data/pglite or PGLITE_DATA_DIR): PGlite's own dump of the whole data
//   folder (dumpDataDir, gzip-compressed tar), taken while holding the folder's lock so nothing
//   writes during the copy. The running portal holds that lock, so this refuses while it runs:
//   stop the portal first, or let the portal take its own backups (BACKUP_DIR, server/index.ts).
// - PostgreSQL (DATABASE_URL): pg_dump --format=custom, one snapshot of the whole database, taken
//   while the portal keeps running.
// Restore:
// - PGlite: the tarball is checked whole, loaded into a new folder beside the live one, opened and
//   read table by table, and only then swapped in by renaming; the previous folder is kept as
//   <folder>.before-restore-<time>.
// - PostgreSQL: pg_restore in one transaction into a new database on the same server, checked the
//   same way, then swapped in by renaming both databases in one transaction; the previous database
//   is kept as <name>_before_restore_<time>. Not pg_restore --clean into the live database: that
//   keeps tables added after the backup, and a failure half-way leaves nothing to go back to. It
//   needs the CREATEDB right; run it as the user the portal connects as, so that user owns the
//   restored tables (--no-owner).
// Either way the portal must be stopped first (it holds the PGlite folder; on PostgreSQL a database
// in use cannot be renamed, and replacing it under running processes would lose their writes).
import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { acquireFolderLock, createDb, DatabaseLockedError } from "../db/connect";
import {
  BackupError,
  backupPath,
  checkRestoredDatabase,
  identifyBackup,
  lockedMessage,
  pgTarget,
  runPgTool,
  timestamp,
  withDatabase,
  writeBackupAtomically,
  writePgliteBackup,
} from "./backup-files";

export async function backupPglite(dataDir: string, out: string | undefined): Promise<string> {
  // Checked before taking the lock: acquireFolderLock would create the folder.
  if (!fs.existsSync(path.join(dataDir, "PG_VERSION"))) throw new BackupError(`找不到資料庫：${dataDir} 不是 PGlite 資料夾（可用 --data 或 PGLITE_DATA_DIR 指定）。`);
  const release = lockFolder(dataDir, "備份");
  try {
    const file = backupPath(out, `pglite-${timestamp()}.tar.gz`);
    const pglite = await PGlite.create(dataDir);
    try {
      await writePgliteBackup(pglite, file);
    } finally {
      await pglite.close();
    }
    return file;
  } finally {
    release();
  }
}

export async function backupPostgres(databaseUrl: string, out: string | undefined): Promise<string> {
  const target = pgTarget(databaseUrl);
  const file = backupPath(out, `postgres-${target.database}-${timestamp()}.dump`);
  await writeBackupAtomically(file, async (partial) => {
    await runPgTool("pg_dump", ["--format=custom", "--file", partial], target.env);
  });
  return file;
}

export interface RestoreOptions {
  /** PostgreSQL: restore into the database this URL names. */
  databaseUrl?: string;
  /** PGlite: the data folder to replace. */
  dataDir: string;
  /** PostgreSQL: the database to connect to while creating and renaming (default postgres). */
  maintenanceDb?: string;
}

export interface RestoreResult {
  /** The folder or database now holding the backup's data. */
  restored: string;
  tables: number;
  rows: number;
  /** Where the data it replaced was kept, when there was any. */
  previous?: string;
}

export async function restoreBackup(file: string, options: RestoreOptions): Promise<RestoreResult> {
  const refuse = (reason: string) => new BackupError(`無法還原 ${file}：${reason}。資料庫未變更。`);
  const found = identifyBackup(fs.readFileSync(file));
  if (found.kind === "unknown") throw refuse(found.reason);
  if (options.databaseUrl) {
    if (found.kind !== "postgres") throw refuse("這是 PGlite（內建資料庫）的備份，目前設定的是 PostgreSQL（DATABASE_URL）");
    return restorePostgres(file, options.databaseUrl, options.maintenanceDb ?? "postgres");
  }
  if (found.kind !== "pglite") throw refuse("這是 PostgreSQL 的備份（pg_dump），要還原到 PostgreSQL 請設定 DATABASE_URL");
  return restorePglite(found.tar, options.dataDir);
}

function lockFolder(dataDir: string, action: "備份" | "還原"): () => void {
  try {
    return acquireFolderLock(dataDir);
  } catch (error) {
    if (error instanceof DatabaseLockedError) throw lockedMessage(error, action);
    throw error;
  }
}

async function restorePglite(tar: Uint8Array, dataDir: string): Promise<RestoreResult> {
  const release = lockFolder(dataDir, "還原");
  try {
    // A leftover of a restore that crashed is ours to remove: we hold the folder's lock.
    const staging = `${dataDir}.restoring`;
    fs.rmSync(staging, { recursive: true, force: true });
    let figures;
    try {
      let pglite: PGlite;
      try {
        pglite = await PGlite.create({ dataDir: staging, loadDataDir: new Blob([new Uint8Array(tar)]) });
      } catch (error) {
        throw new BackupError(`備份檔無法開啟為資料庫（可能來自不相容的 PGlite 版本）：${error instanceof Error ? error.message : error}。資料庫未變更。`);
      }
      const handle = await createDb({ pglite });
      try {
        figures = await checkRestoredDatabase(handle.db);
      } finally {
        await handle.close();
      }
    } catch (error) {
      fs.rmSync(staging, { recursive: true, force: true });
      throw error;
    }

    // Two renames, one right after the other (a folder cannot be swapped in one step); the
    // previous data stays beside it until removed by hand.
    const hasData = fs.readdirSync(dataDir).length > 0;
    const previous = `${dataDir}.before-restore-${timestamp()}`;
    if (hasData) fs.renameSync(dataDir, previous);
    else fs.rmdirSync(dataDir);
    fs.renameSync(staging, dataDir);
    return { restored: dataDir, ...figures, previous: hasData ? previous : undefined };
  } finally {
    release();
  }
}

async function restorePostgres(file: string, databaseUrl: string, maintenanceDb: string): Promise<RestoreResult> {
  const { database, env } = pgTarget(databaseUrl);
  const contents = await runPgTool("pg_restore", ["--list", file], env);
  if (!/ TABLE \S+ kysely_migration /.test(contents)) throw new BackupError(`無法還原 ${file}：備份裡不是本平臺的資料庫。資料庫未變更。`);

  const admin = new pg.Client({ connectionString: withDatabase(databaseUrl, maintenanceDb) });
  await admin.connect();
  const id = (name: string) => admin.escapeIdentifier(name);
  const staging = `${database}_restoring`;
  try {
    const live = await admin.query<{ encoding: string; collate: string; ctype: string }>(
      "select pg_encoding_to_char(encoding) as encoding, datcollate as collate, datctype as ctype from pg_database where datname = $1",
      [database],
    );
    const exists = live.rows.length > 0;
    await refuseWhileInUse(admin, database);
    // A leftover of a restore that crashed; nobody else uses this name.
    await admin.query(`drop database if exists ${id(staging)}`);
    const locale = exists
      ? ` encoding ${admin.escapeLiteral(live.rows[0].encoding)} lc_collate ${admin.escapeLiteral(live.rows[0].collate)} lc_ctype ${admin.escapeLiteral(live.rows[0].ctype)}`
      : "";
    await admin.query(`create database ${id(staging)} template template0${locale}`);

    let figures;
    try {
      await runPgTool("pg_restore", ["--dbname", staging, "--single-transaction", "--exit-on-error", "--no-owner", "--no-acl", file], pgTarget(databaseUrl, staging).env);
      const handle = await createDb({ databaseUrl: withDatabase(databaseUrl, staging), pgOptions: { max: 1 } });
      try {
        figures = await checkRestoredDatabase(handle.db);
      } finally {
        await handle.close();
      }
    } catch (error) {
      await admin.query(`drop database if exists ${id(staging)}`);
      throw error;
    }

    const previous = `${database.slice(0, 30)}_before_restore_${timestamp().replace("-", "")}`;
    try {
      await admin.query("begin");
      if (exists) {
        await refuseWhileInUse(admin, database);
        await admin.query(`alter database ${id(database)} rename to ${id(previous)}`);
      }
      await admin.query(`alter database ${id(staging)} rename to ${id(database)}`);
      await admin.query("commit");
    } catch (error) {
      await admin.query("rollback");
      await admin.query(`drop database if exists ${id(staging)}`);
      throw error;
    }
    return { restored: database, ...figures, previous: exists ? previous : undefined };
  } finally {
    await admin.end();
  }
}

async function refuseWhileInUse(admin: pg.Client, database: string) {
  const { rows } = await admin.query<{ n: string }>("select count(*) as n from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()", [database]);
  const n = Number(rows[0].n);
  if (n > 0) throw new BackupError(`資料庫 ${database} 還有 ${n} 個連線（平臺仍在執行？）：請先停止所有平臺程序再還原。資料庫未變更。`);
}
