import fs from "node:fs";
import path from "node:path";
import type { Kysely } from "kysely";
import type { Database } from "../db/schema";
import { importQuestions } from "../app/modules/quizzes/question-bank.server";

export const QUIZ_BANKS_DIR = path.resolve(import.meta.dirname, "../quiz-banks");

/** The quiz-banks/*.gift files, in name order, read once. */
export function readQuizBanks(dir = QUIZ_BANKS_DIR): { filename: string; source: string }[] {
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith(".gift"))
    .sort()
    .map((filename) => ({ filename, source: fs.readFileSync(path.join(dir, filename), "utf8") }));
}

/** Imports quiz-banks/*.gift into each demo district office (府北, 東區), as the system (no actor). */
export async function seedQuizBanks(db: Kysely<Database>): Promise<void> {
  const banks = readQuizBanks();
  const offices = await db.selectFrom("offices").select(["id", "code"]).where("code", "in", ["FUBEI", "DONGQU"]).orderBy("code", "desc").execute();
  for (const office of offices) {
    for (const bank of banks) {
      const result = await importQuestions(db, null, office.id, { source: bank.source, format: "gift", filename: bank.filename });
      if (result.errors.length > 0) {
        throw new Error(`quiz-banks/${bank.filename}: ${result.errors.map((e) => e.message).join("; ")}`);
      }
    }
  }
}
