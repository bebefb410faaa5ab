// npm run quiz-banks:import [-- --office FUBEI] [--format gift|aiken] [files…]
//
// Imports question banks into the database the portal uses (DATABASE_URL, else the PGlite folder
// PGLITE_DATA_DIR or data/pglite, locked like the server locks it: stop the server first). Without
// files it imports quiz-banks/*.gift; without --office, into every active district office.
// Prints created / updated / unchanged per file and every rejected question with its line; exits
// 1 when a question was rejected (the valid ones are imported all the same), 2 on a usage error.
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { createDb, migrateToLatest } from "../db/connect";
import { importQuestions } from "../app/modules/quizzes/question-bank.server";
import { readQuizBanks } from "../seeds/quiz-banks";

const root = path.resolve(import.meta.dirname, "..");

class UsageError extends Error {}

function usage(message: string): never {
  throw new UsageError(`${message}\n用法：npm run quiz-banks:import -- [--office FUBEI] [--format gift|aiken] [檔案…]`);
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { office: { type: "string", multiple: true }, format: { type: "string", default: "gift" }, help: { type: "boolean", short: "h" } },
  });
  if (values.help) usage("匯入題庫檔（GIFT 或 Aiken）到戶所的題庫。");
  const format = values.format;
  if (format !== "gift" && format !== "aiken") usage(`不支援的格式：${format}`);

  const files = positionals.length
    ? positionals.map((file) => {
        if (!fs.existsSync(file)) usage(`找不到檔案：${file}`);
        return { filename: path.basename(file), source: fs.readFileSync(file, "utf8") };
      })
    : readQuizBanks();
  if (files.length === 0) usage("沒有要匯入的檔案。");

  const databaseUrl = process.env.DATABASE_URL || undefined;
  const dataDir = path.resolve(root, process.env.PGLITE_DATA_DIR ?? "data/pglite");
  const handle = await createDb(databaseUrl ? { databaseUrl } : { dataDir });
  let rejected = 0;
  try {
    await migrateToLatest(handle.db);
    let query = handle.db.selectFrom("offices").select(["id", "code", "name"]).where("active", "=", true).orderBy("code");
    if (values.office?.length)
      query = query.where(
        "code",
        "in",
        values.office.map((c) => c.toUpperCase())
      );
    else query = query.where("kind", "=", "district");
    const offices = await query.execute();
    const missing = (values.office ?? []).filter((c) => !offices.some((o) => o.code === c.toUpperCase()));
    if (missing.length) usage(`找不到戶所代碼：${missing.join(", ")}`);
    if (offices.length === 0) usage("資料庫裡沒有戶政事務所。");

    for (const office of offices) {
      console.log(`\n${office.name}（${office.code}）`);
      for (const file of files) {
        const result = await importQuestions(handle.db, null, office.id, { source: file.source, format, filename: file.filename });
        rejected += result.errors.length;
        console.log(
          `  ${file.filename}：新增 ${result.created}、更新 ${result.updated}、未變更 ${result.unchanged}${
            result.errors.length ? `、未匯入 ${result.errors.length}` : ""
          }`
        );
        for (const error of result.errors) console.log(`    ${error.message}　${error.excerpt}`);
      }
    }
  } finally {
    await handle.close();
  }
  if (rejected > 0) console.error(`\n有 ${rejected} 題未匯入，請依行號修正後再匯入（其餘題目已匯入）。`);
  return rejected > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(error instanceof UsageError ? 2 : 1);
  }
);
