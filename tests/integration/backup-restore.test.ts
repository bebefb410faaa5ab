// Backup and restore drill (issue 11): `npm run backup` and `npm run restore` run as their own
// processes, as an administrator runs them, against a demo-seeded database of their own: PGlite in
// a folder on disk, or, when TEST_DATABASE_URL is set, a database of its own on that server (the
// `test` database other files use is not touched). After a backup, data changes and a restore,
// every table's rows, every sequence, index and constraint are exactly as at the backup. Files that
// are not a whole backup of the right kind, and a portal still running, are refused with nothing
// changed (those cases call the commands' functions in this process: starting one costs seconds).
import { execFile, spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { gunzipSync } from "node:zlib";
import { PGlite } from "@electric-sql/pglite";
import { sql, type Kysely } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDb, migrateToLatest, type DatabaseHandle } from "../../db/connect";
import type { Database } from "../../db/schema";
import { seedDemo } from "../../seeds/demo";
import { startAttempt } from "~/modules/quizzes/attempts.server";
import { BackupError, backupsToPrune, identifyBackup, withDatabase } from "../../scripts/backup-files";
import { backupPglite, backupPostgres, restoreBackup } from "../../scripts/backup-restore";

const execFileAsync = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../..");
const target = inject("testDatabase");
const work = fs.mkdtempSync(path.join(os.tmpdir(), "fubei-backup-"));

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs scripts/<name>.ts the way `npm run backup|restore -- …` does, against the test database. */
async function runScript(name: "backup" | "restore", args: string[]): Promise<Outcome> {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  delete env.PGLITE_DATA_DIR;
  if (site.databaseUrl) env.DATABASE_URL = site.databaseUrl;
  return execFileAsync(process.execPath, ["--import", "tsx", `scripts/${name}.ts`, ...args], { cwd: root, env }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
}

/** Where the drill's database lives, and how to open it. */
const site = {
  dataDir: path.join(work, "pglite"),
  databaseName: `backup_drill_${randomBytes(4).toString("hex")}`,
  get databaseUrl(): string | undefined {
    return target.kind === "postgres" ? withDatabase(target.databaseUrl, this.databaseName) : undefined;
  },
  /** PGlite: --data <folder>; PostgreSQL: DATABASE_URL (set by runScript). */
  get dataArgs(): string[] {
    return target.kind === "pglite" ? ["--data", this.dataDir] : [];
  },
  async open(): Promise<DatabaseHandle> {
    return createDb(this.databaseUrl ? { databaseUrl: this.databaseUrl, pgOptions: { max: 1 } } : { dataDir: this.dataDir });
  },
};

async function adminQuery(text: string, values: unknown[] = []) {
  if (target.kind !== "postgres") throw new Error("PostgreSQL only");
  const client = new pg.Client({ connectionString: withDatabase(target.databaseUrl, "postgres") });
  await client.connect();
  try {
    return await client.query(text, values);
  } finally {
    await client.end();
  }
}

async function withDb<T>(fn: (db: Kysely<Database>) => Promise<T>): Promise<T> {
  const handle = await site.open();
  try {
    return await fn(handle.db);
  } finally {
    await handle.close();
  }
}

/**
 * The whole state of the database as plain data: per table its columns and every row (as JSON,
 * sorted, so physical order does not matter), every sequence's last value (the next id), every
 * index and constraint definition.
 */
async function snapshot(db: Kysely<Database>) {
  const { rows: tables } = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE' order by 1`.execute(db);
  const { rows: columns } = await sql<{ t: string; c: string }>`
    select table_name as t, column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(column_default, '') as c
    from information_schema.columns where table_schema = current_schema() order by table_name, ordinal_position`.execute(db);
  const state: Record<string, { columns: string[]; rows: string[] }> = {};
  for (const { name } of tables) {
    const { rows } = await sql<{ r: string }>`select row_to_json(t)::text as r from ${sql.table(name)} t`.execute(db);
    state[name] = { columns: columns.filter((c) => c.t === name).map((c) => c.c), rows: rows.map((r) => r.r).sort() };
  }
  const { rows: sequences } = await sql<{ s: string }>`
    select sequencename || '=' || coalesce(last_value::text, 'unused') as s from pg_sequences
    where schemaname = current_schema() order by sequencename`.execute(db);
  const { rows: indexes } = await sql<{ i: string }>`
    select indexdef as i from pg_indexes where schemaname = current_schema() order by indexname`.execute(db);
  const { rows: constraints } = await sql<{ c: string }>`
    select conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) as c from pg_constraint
    where connamespace = current_schema()::regnamespace order by 1`.execute(db);
  return { tables: state, sequences: sequences.map((s) => s.s), indexes: indexes.map((i) => i.i), constraints: constraints.map((c) => c.c) };
}

/** A fingerprint of every file in the PGlite folder: proves a refused restore did not touch it. */
function folderFingerprint(dir: string): string {
  const hash = createHash("sha256");
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true }).sort((a, b) => path.join(a.parentPath, a.name).localeCompare(path.join(b.parentPath, b.name)))) {
    const file = path.join(entry.parentPath, entry.name);
    hash.update(path.relative(dir, file));
    if (entry.isFile()) hash.update(fs.readFileSync(file));
  }
  return hash.digest("hex");
}

/** What can be seen of the live database without changing it (opening PGlite writes to its folder). */
async function untouchedProof(): Promise<string> {
  if (target.kind === "pglite") return folderFingerprint(site.dataDir);
  return JSON.stringify(await withDb(snapshot));
}

/** A few ordinary days of work after the backup, through the product's own functions where it has them. */
async function changeData(db: Kysely<Database>) {
  const office = await db.selectFrom("offices").select("id").where("code", "=", "FUBEI").executeTakeFirstOrThrow();
  const quiz = await db
    .selectFrom("quizzes")
    .select("id")
    .where("officeId", "=", office.id)
    .where("opensAt", "<=", new Date())
    .where("closesAt", ">", new Date())
    .orderBy("opensAt", "desc")
    .executeTakeFirstOrThrow();
  const taker = await db
    .selectFrom("users")
    .select("id")
    .where("officeId", "=", office.id)
    .where("employeeNo", "=", "FB010")
    .executeTakeFirstOrThrow();
  const started = await startAttempt(db, { id: taker.id, officeId: office.id, roles: ["staff"] }, quiz.id);
  expect(started).not.toBeNull();
  const draft = await db.selectFrom("proposals").select("id").where("officeId", "=", office.id).where("state", "=", "draft").executeTakeFirstOrThrow();
  await db.deleteFrom("proposals").where("id", "=", draft.id).execute();
  await db.updateTable("users").set({ name: "還原演練改名" }).where("employeeNo", "=", "FB005").execute();
}

let backupFile = "";
let atBackup: Awaited<ReturnType<typeof snapshot>>;
const timings: string[] = [];
async function timed<T>(label: string, fn: () => Promise<T>): Promise<T> {
  const started = Date.now();
  try {
    return await fn();
  } finally {
    timings.push(`${label} ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
}

beforeAll(async () => {
  // The state the backup must bring back, read from the same open database that set it up.
  if (target.kind === "pglite") {
    // The migrated, seeded template every test file clones, loaded into a folder on disk.
    const pglite = await PGlite.create({ dataDir: site.dataDir, loadDataDir: new Blob([fs.readFileSync(target.templatePath)]) });
    const handle = await createDb({ pglite });
    try {
      atBackup = await snapshot(handle.db);
    } finally {
      await handle.close();
    }
  } else {
    await adminQuery(`create database ${site.databaseName}`);
    atBackup = await withDb(async (db) => {
      await migrateToLatest(db);
      await seedDemo(db);
      return snapshot(db);
    });
  }
}, 240_000);

afterAll(async () => {
  console.log(`backup-restore on ${target.kind}: ${timings.join(", ")}`);
  fs.rmSync(work, { recursive: true, force: true });
  if (target.kind === "postgres") {
    const { rows } = await adminQuery("select datname from pg_database where datname like $1", [`${site.databaseName}%`]);
    for (const row of rows) await adminQuery(`drop database if exists "${row.datname}" with (force)`);
  }
});

describe(`backup and restore (${target.kind})`, () => {
  it("restores every table, row, sequence, index and constraint exactly as they were at the backup", async () => {
    expect(atBackup.tables.users.rows.length).toBe(57); // the demo seed's people

    // Last year's backups of the same series, and a file that is not a backup, in the backup folder.
    const folder = path.join(work, "backups");
    const series = target.kind === "pglite" ? "pglite" : `postgres-${site.databaseName}`;
    const suffix = target.kind === "pglite" ? ".tar.gz" : ".dump";
    fs.mkdirSync(folder);
    for (const stamp of ["20250105-023000", "20250120-023000", "20250203-023000"]) fs.writeFileSync(path.join(folder, `${series}-${stamp}${suffix}`), "old");
    fs.writeFileSync(path.join(folder, "notes.txt"), "kept");

    const backup = await timed("backup", () => runScript("backup", [...site.dataArgs, "--out", `${folder}/`, "--keep-daily", "2", "--keep-monthly", "2"]));
    expect(backup.stderr).toBe("");
    expect(backup.code).toBe(0);
    backupFile = backup.stdout.match(/備份完成：(.+)（/)![1];
    expect(path.basename(backupFile)).toMatch(new RegExp(`^${series}-\\d{8}-\\d{6}${suffix.replaceAll(".", "\\.")}$`));
    // Kept: the two newest, and the first of each of the two newest months; no *.partial left.
    expect(fs.readdirSync(folder).sort()).toEqual(["notes.txt", `${series}-20250203-023000${suffix}`, path.basename(backupFile)].sort());
    expect(backup.stdout).toContain("已刪除 2 個較舊的備份");

    const changed = await timed("change", () =>
      withDb(async (db) => {
        await changeData(db);
        return snapshot(db);
      }),
    );
    // The drill means something only if the changes are there before the restore.
    expect(changed.tables.quiz_attempts.rows.length).toBe(atBackup.tables.quiz_attempts.rows.length + 1);
    expect(changed.tables.proposals.rows.length).toBe(atBackup.tables.proposals.rows.length - 1);
    expect(changed.tables.users.rows.join()).toContain("還原演練改名");
    expect(changed.sequences).not.toEqual(atBackup.sequences);

    const restore = await timed("restore", () => runScript("restore", [backupFile, ...site.dataArgs]));
    expect(restore.stderr).toBe("");
    expect(restore.code).toBe(0);
    expect(restore.stdout).toContain("還原完成");

    const restored = await timed("snapshot", () => withDb(snapshot));
    expect(restored).toEqual(atBackup);

    // The data replaced is kept, not deleted: the changes made after the backup can still be found.
    if (target.kind === "pglite") {
      const kept = fs.readdirSync(work).filter((name) => name.startsWith("pglite.before-restore-"));
      expect(kept).toHaveLength(1);
      expect(restore.stdout).toContain(`原資料保留在 ${path.join(work, kept[0])}`);
      expect(fs.existsSync(path.join(work, "pglite.restoring"))).toBe(false);
    } else {
      const { rows } = await adminQuery("select datname from pg_database where datname like $1 order by 1", [`${site.databaseName}%`]);
      const names = rows.map((r) => r.datname as string);
      expect(names).toHaveLength(2);
      expect(names[1]).toMatch(/_before_restore_\d{14}$/);
      const kept = await createDb({ databaseUrl: withDatabase(target.databaseUrl, names[1]), pgOptions: { max: 1 } });
      try {
        const renamed = await kept.db.selectFrom("users").select("name").where("employeeNo", "=", "FB005").executeTakeFirstOrThrow();
        expect(renamed.name).toBe("還原演練改名");
      } finally {
        await kept.close();
      }
    }
  }, 240_000);

  it("refuses a file that is not a whole backup of this kind, and changes nothing", async () => {
    expect(backupFile).not.toBe("");
    const before = await untouchedProof();
    const bytes = fs.readFileSync(backupFile);
    const candidates: Record<string, Buffer> = {
      "empty.tar.gz": Buffer.alloc(0),
      "page.tar.gz": Buffer.from("<html><script>alert(1)</script>'; drop table users; --</html>"),
      "random.dump": randomBytes(4096),
      "truncated-backup": bytes.subarray(0, Math.floor(bytes.length / 2)),
    };
    // A backup of the other database kind: a pg_dump header, or a tarball of a PostgreSQL data folder.
    if (target.kind === "pglite") {
      // Cut inside a file and cut cleanly between two files: both lack the archive's end.
      const tar = gunzipSync(bytes);
      candidates["cut.tar"] = tar.subarray(0, Math.floor(tar.length / 2));
      candidates["cut-at-block.tar"] = tar.subarray(0, 512 * 3);
      candidates["postgres.dump"] = Buffer.concat([Buffer.from("PGDMP"), randomBytes(600)]);
    } else {
      const folder = path.join(work, "pgdata");
      fs.mkdirSync(path.join(folder, "global"), { recursive: true });
      fs.writeFileSync(path.join(folder, "PG_VERSION"), "17\n");
      fs.writeFileSync(path.join(folder, "global", "pg_control"), randomBytes(512));
      await execFileAsync("tar", ["-czf", path.join(work, "pglite.tar.gz"), "-C", folder, "PG_VERSION", "global"]);
      candidates["pglite.tar.gz"] = fs.readFileSync(path.join(work, "pglite.tar.gz"));
    }

    // In this process (the CLI only prints what restoreBackup throws): a BackupError's message each.
    const says: Record<string, string> = {};
    await timed("refusals", async () => {
      for (const [name, content] of Object.entries(candidates)) {
        const file = path.join(work, "bad", name);
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, content);
        const error = await restoreBackup(file, { databaseUrl: site.databaseUrl, dataDir: site.dataDir }).then(
          () => new Error(`${name} was restored`),
          (refusal: Error) => refusal,
        );
        expect(error, `${name}: ${error.stack}`).toBeInstanceOf(BackupError);
        says[name] = error.message;
      }
    });
    expect(says["empty.tar.gz"]).toContain("檔案是空的。資料庫未變更。");
    expect(says["page.tar.gz"]).toContain("這不是本平臺的備份檔。資料庫未變更。");
    expect(says["random.dump"]).toContain("資料庫未變更");
    if (target.kind === "pglite") {
      expect(says["truncated-backup"]).toContain("壓縮檔不完整或已損壞");
      expect(says["cut.tar"]).toContain("備份檔不完整");
      expect(says["cut-at-block.tar"]).toContain("備份檔不完整");
      expect(says["postgres.dump"]).toContain("這是 PostgreSQL 的備份（pg_dump）");
    } else {
      // pg_restore reads the archive's table of contents first; the cut shows while restoring into
      // the new database, which is then dropped.
      expect(says["truncated-backup"]).toMatch(/pg_restore 失敗/);
      expect(says["pglite.tar.gz"]).toContain("這是 PGlite（內建資料庫）的備份");
      const { rows } = await adminQuery("select datname from pg_database where datname like $1", [`%_restoring`]);
      expect(rows.map((r) => r.datname)).not.toContain(`${site.databaseName}_restoring`);
    }
    expect(await untouchedProof()).toBe(before);
  }, 240_000);

  it("will not pull the database from under a running portal", async () => {
    if (target.kind === "pglite") {
      // A running portal holds the folder's lock file with its pid (db/connect.ts); a sleeping
      // process plays the portal here.
      const portal = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
      fs.writeFileSync(`${site.dataDir}.lock`, String(portal.pid));
      try {
        const before = folderFingerprint(site.dataDir);
        await expect(backupPglite(site.dataDir, `${work}/while-running/`)).rejects.toThrow(/資料庫正由執行中的平臺使用，無法備份。請先停止平臺再備份/);
        expect(fs.existsSync(path.join(work, "while-running"))).toBe(false);
        await expect(restoreBackup(backupFile, { dataDir: site.dataDir })).rejects.toThrow(/無法還原。請先停止平臺/);
        expect(folderFingerprint(site.dataDir)).toBe(before);
        expect(fs.readFileSync(`${site.dataDir}.lock`, "utf8")).toBe(String(portal.pid));
      } finally {
        portal.kill();
        fs.rmSync(`${site.dataDir}.lock`, { force: true });
      }
    } else {
      // A portal process connected to the database: backing up is fine (pg_dump reads one
      // snapshot), replacing the database is not.
      const portal = await site.open();
      try {
        await portal.db.selectFrom("offices").select("id").execute();
        const file = await backupPostgres(site.databaseUrl!, `${work}/while-running/`);
        expect(identifyBackup(fs.readFileSync(file)).kind).toBe("postgres");
        const restore = await restoreBackup(backupFile, { databaseUrl: site.databaseUrl, dataDir: site.dataDir }).catch((error: Error) => error);
        expect(restore).toBeInstanceOf(BackupError);
        expect((restore as BackupError).message).toMatch(/還有 \d+ 個連線（平臺仍在執行？）：請先停止所有平臺程序再還原。資料庫未變更。/);
        expect(await snapshot(portal.db)).toEqual(atBackup);
      } finally {
        await portal.close();
      }
    }
  }, 240_000);
});

describe("which old backups a nightly run with --keep-daily / --keep-monthly deletes", () => {
  const series = { prefix: "pglite", suffix: ".tar.gz" };
  // Nightly at 02:30 from 1 October to 20 November, plus files that are not this series' backups.
  const nights: string[] = [];
  for (let day = new Date(Date.UTC(2026, 9, 1)); day <= new Date(Date.UTC(2026, 10, 20)); day.setUTCDate(day.getUTCDate() + 1)) {
    nights.push(`pglite-${day.toISOString().slice(0, 10).replaceAll("-", "")}-023000.tar.gz`);
  }
  const others = ["pglite-20261121-023000.tar.gz.partial", "postgres-portal-20260101-023000.dump", "notes.txt"];

  it("keeps the newest days and the first backup of each recent month, and nothing else of the series", () => {
    const deleted = backupsToPrune([...nights, ...others], series, { daily: 14, monthly: 12 });
    const kept = nights.filter((name) => !deleted.includes(name));
    expect(kept).toEqual(["pglite-20261001-023000.tar.gz", "pglite-20261101-023000.tar.gz", ...nights.slice(-14)]);
    expect(deleted.some((name) => others.includes(name))).toBe(false);
  });

  it("keeps only months when asked, and never the months beyond the count", () => {
    expect(backupsToPrune(nights, series, { daily: 1, monthly: 1 })).toEqual(nights.filter((name) => name !== "pglite-20261101-023000.tar.gz" && name !== nights.at(-1)));
    expect(backupsToPrune(nights.slice(0, 3), series, { daily: 5, monthly: 0 })).toEqual([]);
  });
});
