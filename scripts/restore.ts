// npm run restore -- <backup file> [--data <PGlite folder>] [--maintenance-db postgres]
//
// Brings back a backup written by `npm run backup`, into the PGlite folder (data/pglite,
// PGLITE_DATA_DIR or --data) or, when DATABASE_URL is set, that PostgreSQL database. Stop the portal
// first. The backup is checked whole and restored beside the live data, which is replaced only when
// the copy is complete and readable, and kept under a *before-restore* name (scripts/backup-restore.ts).
// A file that is not a whole backup of the right kind is refused with nothing changed: exit 1;
// a usage error: exit 2.
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { defaultDataDir, runCli, UsageError } from "./backup-files";
import { restoreBackup } from "./backup-restore";

const USAGE = "用法：npm run restore -- <備份檔> [--data <PGlite 資料夾>]（設定 DATABASE_URL 時還原到 PostgreSQL）";

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { data: { type: "string" }, "maintenance-db": { type: "string", default: "postgres" }, help: { type: "boolean", short: "h" } },
  });
  if (values.help) throw new UsageError("把 npm run backup 的備份檔還原為平臺的資料庫（原資料另存，不會刪除）。");
  if (positionals.length !== 1) throw new UsageError("請指定一個備份檔。");
  const file = path.resolve(positionals[0]);
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new UsageError(`找不到備份檔：${file}`);
  const databaseUrl = process.env.DATABASE_URL || undefined;
  if (databaseUrl && values.data) throw new UsageError("--data 是 PGlite 資料夾；已設定 DATABASE_URL 時請不要同時指定。");

  const result = await restoreBackup(file, { databaseUrl, dataDir: path.resolve(values.data ?? defaultDataDir()), maintenanceDb: values["maintenance-db"] });
  console.log(`還原完成：${databaseUrl ? `資料庫 ${result.restored}` : result.restored}（${result.tables} 個資料表、${result.rows} 筆資料）。`);
  if (result.previous) {
    console.log(
      databaseUrl
        ? `原資料庫保留為 ${result.previous}，確認平臺正常後可刪除（drop database）。`
        : `原資料保留在 ${result.previous}，確認平臺正常後可刪除。`,
    );
  }
}

runCli(main, USAGE);
