// Demo quizzes for 府北戶所 (seed 基礎服務 3.(3) 「辦理法令測驗，並逐題解說釋疑」): this month's
// quiz, open now, and last month's, closed, with submitted attempts by about thirty colleagues, so
// the statistics and the review meeting's presenter mode have something to show.
//
// Deterministic: the answers come from a seeded generator and a simple ability × difficulty model,
// with three questions made to behave like the ones a supervisor should notice (one nearly everyone
// gets right, one few get right, one whose trap answer catches the stronger colleagues).
// Only the dates move with "now", so the open quiz is always open.
import type { Kysely } from "kysely";
import type { Database } from "../db/schema";
import { gradeResponse, type GradableQuestion } from "../app/modules/quizzes/grading";
import { seededRandom, shuffledIndexes } from "../app/modules/quizzes/shuffle";

const OPEN_TITLE = "115年11月份法令測驗";
const CLOSED_TITLE = "115年10月份法令測驗";
const DAY = 86_400_000;
/** Topics of the closed quiz, in the order its questions are asked. */
const TOPICS = ["戶籍法", "姓名條例", "國籍法", "印鑑登記", "戶籍謄本與規費", "國民身分證與戶口名簿", "民法親屬與身分登記"];
const PARTICIPANTS = 30;

interface BankQuestion {
  id: number;
  versionId: number;
  category: string;
  externalId: string;
  body: GradableQuestion;
}

/** `hour`:00 Taipei on `day` of the month `offset` months from this (Taipei) month. */
function taipeiMonthDay(now: Date, offset: number, day: number, hour: number): Date {
  const taipei = new Date(now.getTime() + 8 * 3_600_000);
  const year = taipei.getUTCFullYear();
  const month = taipei.getUTCMonth() + offset;
  return new Date(Date.UTC(year, month, day, hour - 8, 0, 0));
}

/** `days` days from today (Taipei) at `hour`:00 Taipei time. */
function taipeiDayAt(now: Date, days: number, hour: number): Date {
  const taipei = new Date(now.getTime() + 8 * 3_600_000);
  return new Date(Date.UTC(taipei.getUTCFullYear(), taipei.getUTCMonth(), taipei.getUTCDate() + days, hour - 8, 0, 0));
}

export async function seedDemoQuizzes(db: Kysely<Database>, now: Date = new Date()): Promise<void> {
  const office = await db.selectFrom("offices").select("id").where("code", "=", "FUBEI").executeTakeFirst();
  if (!office) return;
  const existing = await db.selectFrom("quizzes").select("title").where("officeId", "=", office.id).where("title", "in", [OPEN_TITLE, CLOSED_TITLE]).execute();
  if (existing.length) return;

  const rows = await db
    .selectFrom("questions as q")
    .innerJoin("questionVersions as v", "v.id", "q.currentVersionId")
    .select(["q.id", "q.category", "q.externalId", "v.id as versionId", "v.body"])
    .where("q.officeId", "=", office.id)
    .where("q.active", "=", true)
    .orderBy("q.externalId")
    .execute();
  const bank: BankQuestion[] = rows.map((r) => ({ id: r.id, versionId: r.versionId, category: r.category, externalId: r.externalId, body: r.body as GradableQuestion }));
  // The bank is imported by seedQuizBanks first; without it there is nothing to quiz on.
  if (bank.length === 0) return;

  const supervisor = await db.selectFrom("users").select("id").where("employeeNo", "=", "FB002").executeTakeFirst();
  const createdBy = supervisor?.id ?? null;

  await db.transaction().execute(async (trx) => {
    // ---------------------------------------------------------------- this month's, open now
    const householdCount = bank.filter((q) => q.category === "戶籍法" || q.category.startsWith("戶籍法/")).length;
    if (householdCount > 0) {
      const { id: openId } = await trx
        .insertInto("quizzes")
        .values({
          officeId: office.id,
          title: OPEN_TITLE,
          description: "本月份法令測驗：戶籍法隨機 10 題，限時 20 分鐘，60 分及格；交卷後即可看逐題解說。",
          selection: "random",
          shuffleQuestions: true,
          shuffleAnswers: true,
          timeLimitMinutes: 20,
          // Opened a week ago at 08:00, closes in two weeks at 17:00 (Taipei).
          opensAt: taipeiDayAt(now, -7, 8),
          closesAt: taipeiDayAt(now, 14, 17),
          attemptsAllowed: 1,
          grading: "highest",
          passPercent: 60,
          feedbackTiming: "after_submit",
          audience: "office",
          audienceRoles: "[]",
          published: true,
          createdBy,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await trx.insertInto("quizRandomRules").values({ quizId: openId, category: "戶籍法", count: Math.min(10, householdCount) }).execute();
    }

    // ---------------------------------------------------------------- last month's, closed
    const choiceQuestions = bank.filter((q) => q.body.type === "multichoice" && q.body.single && q.body.answers.length >= 3);
    const byTopic = TOPICS.map((topic) => choiceQuestions.filter((q) => q.category === topic || q.category.startsWith(`${topic}/`)));
    const picked: BankQuestion[] = [];
    for (let round = 0; picked.length < 10 && byTopic.some((list) => list.length > round); round++) {
      for (const list of byTopic) if (list[round] && picked.length < 10) picked.push(list[round]);
    }
    if (picked.length === 0) return;

    const opensAt = taipeiMonthDay(now, -1, 1, 8);
    const closesAt = taipeiMonthDay(now, -1, 20, 17);
    const { id: closedId } = await trx
      .insertInto("quizzes")
      .values({
        officeId: office.id,
        title: CLOSED_TITLE,
        description: "上月份法令測驗：各主題共 10 題，限時 20 分鐘，60 分及格；測驗結束後開放解說，並於解說會逐題說明。",
        selection: "fixed",
        shuffleQuestions: false,
        shuffleAnswers: true,
        timeLimitMinutes: 20,
        opensAt,
        closesAt,
        attemptsAllowed: 1,
        grading: "highest",
        passPercent: 60,
        feedbackTiming: "after_close",
        audience: "office",
        audienceRoles: "[]",
        published: true,
        createdBy,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx
      .insertInto("quizQuestions")
      .values(picked.map((q, i) => ({ quizId: closedId, questionId: q.id, position: i + 1, points: 1 })))
      .execute();

    // Colleagues who took it: staff of the office by employee number (the demo staff account FB010
    // among them), without the director and the supervisors who set it.
    const staff = await trx
      .selectFrom("users as u")
      .innerJoin("userRoles as r", (j) => j.onRef("r.userId", "=", "u.id").on("r.officeId", "=", office.id))
      .select(["u.id", "u.employeeNo"])
      .where("r.role", "=", "staff")
      .where("u.active", "=", true)
      .where("u.employeeNo", "not in", ["FB001", "FB002", "FB003"])
      .orderBy("u.employeeNo")
      .execute();
    const takers = staff.slice(0, PARTICIPANTS);
    if (takers.length === 0) return;

    const random = seededRandom(20261028);
    // Ability ranks: 0 is the strongest; spread over takers in a seeded order so that employee
    // numbers say nothing about scores.
    const ranks = shuffledIndexes(takers.length, 115_10);
    const abilityOf = (rank: number) => 1.8 - (3 * rank) / Math.max(1, takers.length - 1);
    // Difficulty per position (logistic model); positions 1, 7 and 9 are handled apart below.
    const difficulty = [-4, -1.2, -0.6, 0, 0.4, -0.9, 0, 0.7, 3, -0.3];
    const TRAP_POSITION = 7;

    const attempts: { userId: number; answers: { choice: number }[] }[] = takers.map((taker, t) => {
      const rank = ranks[t];
      const theta = abilityOf(rank);
      const answers = picked.map((q, i) => {
        const body = q.body as Extract<GradableQuestion, { type: "multichoice" }>;
        const rightIndex = body.answers.reduce((best, a, k) => (a.fraction > body.answers[best].fraction ? k : best), 0);
        const wrong = body.answers.map((_, k) => k).filter((k) => k !== rightIndex);
        const position = i + 1;
        let right: boolean;
        if (position === 1) right = rank !== takers.length - 1; // everyone but the weakest: too easy
        else if (position === 9) right = [0, 2, 4, 7, 11].includes(rank); // five of the strongest: too hard
        else if (position === TRAP_POSITION) right = random() < (rank >= takers.length * 0.4 ? 0.75 : 0.2); // the trap catches the strong
        else right = random() < 1 / (1 + Math.exp(-1.7 * (theta - difficulty[i])));
        if (right) return { choice: rightIndex };
        // Wrong answers favour the first distractor, as a plausible misreading does.
        const r = random();
        const k = position === TRAP_POSITION ? 0 : r < 0.6 ? 0 : r < 0.85 ? 1 : 2;
        return { choice: wrong[Math.min(k, wrong.length - 1)] };
      });
      return { userId: taker.id, answers };
    });

    const windowMs = closesAt.getTime() - opensAt.getTime() - DAY;
    for (const [t, a] of attempts.entries()) {
      const startedAt = new Date(opensAt.getTime() + Math.floor((windowMs * (t + 0.5)) / attempts.length));
      const deadlineAt = new Date(startedAt.getTime() + 20 * 60_000);
      const submittedAt = new Date(startedAt.getTime() + (8 + (t % 11)) * 60_000);
      const fractions = picked.map((q, i) => gradeResponse(q.body, a.answers[i]) ?? 0);
      const score = fractions.reduce((s, f) => s + f, 0);
      const percent = Math.round((score / picked.length) * 10000) / 100;
      const { id: attemptId } = await trx
        .insertInto("quizAttempts")
        .values({
          officeId: office.id,
          userId: a.userId,
          kind: "quiz",
          quizId: closedId,
          attemptNo: 1,
          state: "submitted",
          startedAt,
          deadlineAt,
          submittedAt,
          score,
          maxScore: picked.length,
          percent,
          passed: percent >= 60,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await trx
        .insertInto("attemptItems")
        .values(
          picked.map((q, i) => ({
            attemptId,
            position: i + 1,
            questionVersionId: q.versionId,
            points: 1,
            choiceOrder: q.body.type === "multichoice" ? JSON.stringify(shuffledIndexes(q.body.answers.length, `${attemptId}:${i}`)) : null,
            response: JSON.stringify(a.answers[i]),
            answeredAt: new Date(startedAt.getTime() + (i + 1) * 45_000),
            fraction: fractions[i],
          })),
        )
        .execute();
    }
  });
}
