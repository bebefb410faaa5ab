// Before a bench run the database is opened once, directly, to find what the scenarios address (the
// latest closed survey round, the current month) and to add the bench's own quiz: open for a month, no
// time limit, any number of attempts, with the questions of the office's latest quiz, so the staff
// member always has an attempt to take whatever the generated history holds. Then it is closed again:
// PGlite admits one process, and the server is next.
import { PGlite } from "@electric-sql/pglite";
import { sql } from "kysely";
import { acquireFolderLock, createDb } from "../../db/connect";

export interface BenchIds {
  officeId: number;
  quizId: number;
  surveyRoundId: number;
  /** The current month (YYYY-MM) and year, Taipei. */
  month: string;
  year: number;
  // Filled once the server runs: the staff member's attempt and the first question's form field.
  attemptPath: string;
  firstPosition: number;
  firstKind: string;
  firstField: string;
}

const BENCH_QUIZ = "效能基準測驗（請勿作答）";

export async function prepareBenchData(env: Record<string, string>): Promise<BenchIds> {
  let release = () => {};
  let handle;
  if (env.DATABASE_URL) {
    handle = await createDb({ databaseUrl: env.DATABASE_URL });
  } else {
    release = acquireFolderLock(env.PGLITE_DATA_DIR);
    handle = await createDb({ pglite: await PGlite.create(env.PGLITE_DATA_DIR) });
  }
  const db = handle.db;
  try {
    const office = await db.selectFrom("offices").select("id").where("code", "=", "FUBEI").executeTakeFirstOrThrow();
    let quiz = await db.selectFrom("quizzes").select("id").where("officeId", "=", office.id).where("title", "=", BENCH_QUIZ).executeTakeFirst();
    if (!quiz) {
      const model = await db
        .selectFrom("quizzes as q")
        .select("q.id")
        .where("q.officeId", "=", office.id)
        .where("q.selection", "=", "fixed")
        .where((eb) => eb.exists(eb.selectFrom("quizQuestions as qq").select("qq.quizId").whereRef("qq.quizId", "=", "q.id")))
        .orderBy("q.id", "desc")
        .executeTakeFirstOrThrow();
      quiz = await db
        .insertInto("quizzes")
        .values({
          officeId: office.id,
          title: BENCH_QUIZ,
          selection: "fixed",
          timeLimitMinutes: null,
          opensAt: new Date(Date.now() - 86_400_000),
          closesAt: new Date(Date.now() + 30 * 86_400_000),
          attemptsAllowed: 0,
          audience: "office",
          audienceRoles: JSON.stringify([]),
          published: true,
          createdBy: null,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await sql`insert into quiz_questions (quiz_id, question_id, position, points)
                select ${quiz.id}, question_id, position, points from quiz_questions where quiz_id = ${model.id}`.execute(db);
    }
    const round = await db
      .selectFrom("surveyRounds")
      .select("id")
      .where("officeId", "=", office.id)
      .where("state", "=", "closed")
      .orderBy("closesOn", "desc")
      .executeTakeFirstOrThrow();
    const today = new Date(Date.now() + 8 * 3600_000).toISOString();
    return { officeId: office.id, quizId: quiz.id, surveyRoundId: round.id, month: today.slice(0, 7), year: Number(today.slice(0, 4)), attemptPath: "", firstPosition: 0, firstKind: "", firstField: "" };
  } finally {
    await handle.close();
    release();
  }
}
