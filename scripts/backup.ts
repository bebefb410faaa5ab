// npm run backup [-- --out <file or folder>] [--data <PGlite folder>] [--keep-daily 14 --keep-monthly 12]
//
// Writes one consistent backup of the portal's database: PGlite's dump of its data folder (.tar.gz)
// or, when DATABASE_URL is set, pg_dump's custom format (.dump). Without --out it goes to BACKUP_DIR
// or backups/, named by kind and time. How and why: scripts/backup-restore.ts. Prints the file and
// its size. With --keep-daily / --keep-monthly it then deletes older backups of the same series in
// that folder beyond what those keep (backupsToPrune). Exits 1 with the reason when it cannot back up (the portal holds the PGlite folder, a
// full disk …), 2 on a usage error.
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { backupsToPrune, defaultDataDir, runCli, UsageError } from "./backup-files";
import { backupPglite, backupPostgres } from "./backup-restore";

const USAGE =
  "用法：npm run backup -- [--out <備份檔或資料夾>] [--data <PGlite 資料夾>] [--keep-daily 14 --keep-monthly 12]（設定 DATABASE_URL 時備份 PostgreSQL）";

async function main() {
  const { values } = parseArgs({
    options: {
      out: { type: "string" },
      data: { type: "string" },
      "keep-daily": { type: "string" },
      "keep-monthly": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) throw new UsageError("備份平臺的資料庫。");
  const pruning = values["keep-daily"] !== undefined || values["keep-monthly"] !== undefined;
  const keep = { daily: count(values["keep-daily"] ?? "14", "--keep-daily", 1), monthly: count(values["keep-monthly"] ?? "12", "--keep-monthly", 0) };
  const databaseUrl = process.env.DATABASE_URL || undefined;
  if (databaseUrl && values.data) throw new UsageError("--data 是 PGlite 資料夾；已設定 DATABASE_URL 時請不要同時指定。");

  const file = databaseUrl ? await backupPostgres(databaseUrl, values.out) : await backupPglite(path.resolve(values.data ?? defaultDataDir()), values.out);
  const mib = (fs.statSync(file).size / 1024 / 1024).toFixed(1);
  console.log(`備份完成：${file}（${mib} MiB）`);
  if (pruning) prune(file, keep);
}

function count(text: string, option: string, min: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`${option} 需為 ${min} 以上的整數：${text}`);
  return n;
}

/** Deletes the series' older backups beyond what `keep` keeps; the one just written is always kept. */
function prune(file: string, keep: { daily: number; monthly: number }) {
  const series = /^(.+)-\d{8}-\d{6}(\..+)$/.exec(path.basename(file));
  if (!series) {
    console.log(`未清理舊備份：--keep-daily / --keep-monthly 只適用於預設檔名（${path.basename(file)}）。`);
    return;
  }
  const folder = path.dirname(file);
  const old = backupsToPrune(fs.readdirSync(folder), { prefix: series[1], suffix: series[2] }, keep);
  for (const name of old) fs.rmSync(path.join(folder, name));
  if (old.length) console.log(`已刪除 ${old.length} 個較舊的備份（保留最近 ${keep.daily} 份及最近 ${keep.monthly} 個月每月第一份）。`);
}

runCli(main, USAGE);
