// The bench's quiz for the item-statistics figure (tests/bench/extras.ts, issue 10): one published
// fixed quiz of 府北 (FUBEI) with unlimited attempts, taken `attempts` times (10,000 in the bench) by
// about 2,000 people, about five attempts each. Written in bulk with the large-data generator's own
// pieces (seeds/large/quizzes.ts): the office's bank with its difficulty model, takeAttempt (every
// item graded with the product's gradeResponse, score / percent / passed as gradeAndSubmit computes
// them) and writeAttempts. Deterministic: seededRandom, no Math.random; the dates follow today, as
// the generators' do (only the timestamps move from day to day, never a figure).
//
// Call it on a migrated, demo-seeded database (seeds/demo.ts): it reads FB010's password hash and
// the office's question bank (imported first through the product's importer if the office has none).
import { sql, type Kysely } from "kysely";
import type { Database, Role } from "../../db/schema";
import { shuffle } from "../../app/modules/quizzes/shuffle";
import { makeNames, DEMO_ACCOUNTS } from "../../seeds/demo";
import { addDays, between, insertBatches, taipeiInstant, type OfficeContext } from "../../seeds/large/context";
import { officeContext } from "../../seeds/large/office-context";
import { gaussian, loadBank, officeMoment, takeAttempt, weekdayOnOrBefore, weekdaysBetween, writeAttempts, type AttemptDraft } from "../../seeds/large/quizzes";

const OFFICE = "FUBEI";
/** Attempts per person on average: the bench's people are `attempts / 5`. */
const ATTEMPTS_PER_PERSON = 5;
const PASS_PERCENT = 60;
const TIME_LIMIT_MINUTES = 20;

export async function seedQuizAttempts(db: Kysely<Database>, attempts: number): Promise<{ officeId: number; quizId: number; attempts: number }> {
  if (attempts < 1) throw new Error("seedQuizAttempts: at least one attempt");
  const ctx: OfficeContext = await officeContext(db, OFFICE, "bench-quiz-attempts", { years: 1, log: () => {} });
  const { rand, officeId } = ctx;

  // ---------------------------------------------------------------- the quiz
  const bank = await loadBank(ctx);
  const size = Math.min(bank.length, between(rand, 10, 15));
  if (size < 10) throw new Error(`seedQuizAttempts: ${OFFICE}'s bank holds only ${bank.length} auto-graded questions`);
  const slots = shuffle(bank, Math.floor(rand() * 4294967296))
    .slice(0, size)
    .map((question) => ({ question, points: 1 }));
  // Open for four weeks, closed a fortnight ago: every attempt is in, as on a review meeting's day.
  const opensDay = weekdayOnOrBefore(addDays(ctx.to, -42));
  const closesDay = weekdayOnOrBefore(addDays(opensDay, 27));
  const days = weekdaysBetween(opensDay, closesDay);
  const opensAt = taipeiInstant(opensDay, 8);
  const closesAt = taipeiInstant(closesDay, 17);
  const createdAt = officeMoment(rand, weekdayOnOrBefore(addDays(opensDay, -3)));
  const [quizId] = await insertBatches(
    db,
    "quizzes",
    [
      {
        officeId,
        title: "法令測驗題庫綜合練習（效能測試）",
        description: `共 ${size} 題，限時 ${TIME_LIMIT_MINUTES} 分鐘，可多次作答，取最高分，${PASS_PERCENT} 分及格。`,
        selection: "fixed" as const,
        shuffleQuestions: true,
        shuffleAnswers: true,
        timeLimitMinutes: TIME_LIMIT_MINUTES,
        opensAt,
        closesAt,
        attemptsAllowed: 0, // unlimited
        grading: "highest" as const,
        passPercent: PASS_PERCENT,
        feedbackTiming: "after_submit" as const,
        audience: "office" as const,
        audienceRoles: "[]",
        published: true,
        createdBy: ctx.supervisorIds[0] ?? ctx.directorId,
        createdAt,
        updatedAt: createdAt,
      },
    ],
    { returning: true },
  );
  await insertBatches(
    db,
    "quizQuestions",
    slots.map((s, k) => ({ quizId, questionId: s.question.id, position: k + 1, points: s.points })),
  );

  // ---------------------------------------------------------------- the people
  // Clerks with the staff role (a quiz-taking role, so the whole-office audience includes them),
  // numbered FB1001… above the demo's FB0xx; they sign in with the demo password.
  const peopleCount = Math.ceil(attempts / ATTEMPTS_PER_PERSON);
  const { passwordHash } = await db.selectFrom("users").select("passwordHash").where("employeeNo", "=", DEMO_ACCOUNTS.staff).executeTakeFirstOrThrow();
  // 50 surnames × 37 given names make 1,850 names: beyond a pool of distinct ones, namesakes.
  const pool = makeNames(Math.min(peopleCount, 1500), 2026);
  const userIds = await insertBatches(
    db,
    "users",
    Array.from({ length: peopleCount }, (_, i) => ({
      officeId,
      employeeNo: `FB${1001 + i}`,
      name: i < pool.length ? pool[i] : pool[Math.floor(rand() * pool.length)],
      title: i % 3 === 2 ? "戶籍員" : "課員",
      passwordHash,
    })),
    { returning: true },
  );
  await insertBatches(
    db,
    "userRoles",
    userIds.map((userId) => ({ userId, officeId, role: "staff" as Role })),
  );

  // ---------------------------------------------------------------- how many attempts each
  // 1–9 each (five on average), then nudged one at a time until they add up to `attempts`.
  const counts = userIds.map(() => between(rand, 1, 2 * ATTEMPTS_PER_PERSON - 1));
  let total = counts.reduce((s, c) => s + c, 0);
  while (total !== attempts) {
    const i = Math.floor(rand() * counts.length);
    if (total < attempts && counts[i] < days.length) {
      counts[i]++;
      total++;
    } else if (total > attempts && counts[i] > 1) {
      counts[i]--;
      total--;
    }
  }

  // ---------------------------------------------------------------- the attempts
  const drafts: AttemptDraft[] = [];
  userIds.forEach((userId, p) => {
    let theta = 0.55 + 0.6 * gaussian(rand);
    const pace = between(rand, 25, 60); // seconds a question
    // Each attempt on its own day of the four weeks, in order.
    const attemptDays = shuffle(days, Math.floor(rand() * 4294967296))
      .slice(0, counts[p])
      .sort();
    attemptDays.forEach((day, k) => {
      const startedAt = officeMoment(rand, day);
      drafts.push(
        takeAttempt(rand, {
          officeId,
          userId,
          kind: "quiz",
          quizId,
          attemptNo: k + 1,
          questions: shuffle(slots, Math.floor(rand() * 4294967296)), // shuffleQuestions
          shuffleAnswers: true,
          ability: theta,
          startedAt,
          deadlineAt: new Date(Math.min(startedAt.getTime() + TIME_LIMIT_MINUTES * 60_000, closesAt.getTime())),
          passPercent: PASS_PERCENT,
          state: "submitted",
          pace,
        }),
      );
      theta += 0.12; // read the explanations in between
    });
  });
  await writeAttempts(db, drafts);
  // Fresh planner statistics, as after any bulk load (seed:large does the same; PGlite runs no
  // autovacuum): without them the planner takes these tables for nearly empty and the statistics
  // page's plan is not the one a live database would use.
  await sql`analyze users, user_roles, quizzes, quiz_questions, quiz_attempts, attempt_items`.execute(db);
  return { officeId, quizId, attempts: drafts.length };
}
