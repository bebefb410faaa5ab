// Statistics of a quiz for supervisors (PRODUCT.md module 2) and the data of the review meeting's
// presenter mode. Reads only submitted attempts of kind 'quiz': practice never counts. The numbers
// come from the pure item-statistics.ts (Moodle's definitions).
import type { Executor } from "../db.server";
import { sql } from "../db.server";
import { displayText } from "./attempts.schema";
import { finishExpiredAttempts } from "./attempts.server";
import { correctResponse, type GradableQuestion } from "./grading";
import { shuffledIndexes } from "./shuffle";
import { pickAttempts, quizStatistics, topicFacility, type AttemptForStats, type ItemStatistics, type WhichAttempts } from "./item-statistics";
import { getOfficeQuiz, resultOf, type MyAttempt } from "./quizzes.server";

/** One option of a question as the statistics and the presenter show it. */
export interface OptionView {
  /** Index into the version's answers: what a response stores and optionCounts is indexed by. */
  index: number;
  label: string;
  /** Share of the mark it earns (1 = the right answer). */
  fraction: number;
  right: boolean;
}

export interface QuestionStats {
  /** 1-based row number: the quiz's slot for fixed quizzes, the order met for random ones. */
  number: number;
  questionId: number;
  name: string;
  category: string;
  type: string;
  text: string;
  explanation: string;
  /** Choice questions: the options in the order they are shown (see optionsOf); else empty. */
  options: OptionView[];
  /** For questions without options: the right answer as text (short answer, numerical…). */
  rightAnswer: string | null;
  /** Attempts marked fully right / not (for types without options). */
  rightCount: number;
  wrongCount: number;
  stats: ItemStatistics;
}

type Body = GradableQuestion;

/**
 * The options of a choice question in the order a room sees them. A quiz that shuffles answers
 * showed each person their own order, so the bank's order means nothing to them (and banks tend to
 * put the right answer first): the review shows one fixed shuffled order per question instead.
 */
function optionsOf(body: Body, questionId: number, shuffleAnswers: boolean): OptionView[] {
  if (body.type === "multichoice") {
    const options = body.answers.map((a, index) => ({ index, label: displayText(a.text, body.textFormat), fraction: a.fraction, right: a.fraction > 0 }));
    return shuffleAnswers ? shuffledIndexes(options.length, `review:${questionId}`).map((i) => options[i]) : options;
  }
  if (body.type === "truefalse") {
    return [
      { index: 0, label: "O", fraction: body.answer ? 1 : 0, right: body.answer },
      { index: 1, label: "X", fraction: body.answer ? 0 : 1, right: !body.answer },
    ];
  }
  return [];
}

/** Indexes of the options a response chose (see grading.ts for the response shapes). */
function choicesOf(body: Body, response: unknown): number[] {
  if (typeof response !== "object" || response === null) return [];
  const r = response as Record<string, unknown>;
  if (body.type === "multichoice") {
    if (typeof r.choice === "number") return [r.choice];
    if (Array.isArray(r.choices)) return r.choices.filter((c): c is number => typeof c === "number");
    return [];
  }
  if (body.type === "truefalse" && typeof r.value === "boolean") return [r.value ? 0 : 1];
  return [];
}

function answeredAtAll(response: unknown): boolean {
  return typeof response === "object" && response !== null && Object.keys(response).length > 0;
}

function rightAnswerText(body: Body): string | null {
  const right = correctResponse(body);
  if (!right) return null;
  const r = right as Record<string, unknown>;
  if (body.type === "shortanswer" || body.type === "essay") return typeof r.text === "string" ? r.text : null;
  if (body.type === "numerical") return typeof r.value === "number" ? String(r.value) : null;
  if (body.type === "matching") return body.pairs.filter((p) => p.question.trim()).map((p) => `${p.question} → ${p.answer}`).join("；");
  return null;
}

/**
 * Everything the statistics page and the presenter need about one quiz of the office; undefined
 * when the quiz is not in that office. `which` is Moodle's "attempts to analyse"; by default the
 * one the quiz's grading method counts, as in Moodle.
 */
export async function getQuizStatistics(db: Executor, officeId: number, quizId: number, which?: WhichAttempts) {
  const quiz = await getOfficeQuiz(db, officeId, quizId);
  if (!quiz) return undefined;
  const analysed: WhichAttempts = which ?? quiz.grading;
  // An attempt left open past its deadline (tab closed, never revisited) counts with what it saved.
  await finishExpiredAttempts(db);

  // PGlite pays for every field it hands over (a buffer slice and a text decode each): 10,000 attempts
  // of 14 questions were 1.1 million fields and 3.3 s (issue 10). So the attempts and the items come
  // as ONE row each, a JSON text built by concatenation (integers, numerics and jsonb::text are valid
  // JSON; json_build_array is far slower in PGlite's WebAssembly), read by one JSON.parse.
  const packedAttempts = await sql<{ j: string | null }>`
    select '[' || string_agg(concat('[', a.id, ',', a.user_id, ',', a.attempt_no, ',', (a.state = 'submitted')::int, ',',
      floor(extract(epoch from a.started_at) * 1000), ',', coalesce(floor(extract(epoch from a.submitted_at) * 1000)::text, 'null'), ',',
      coalesce(a.score::text, 'null'), ',', a.max_score, ',', coalesce(a.percent::text, 'null'), ']'), ',' order by a.user_id, a.attempt_no) || ']' as j
    from quiz_attempts a where a.quiz_id = ${quizId} and a.office_id = ${officeId} and a.kind = 'quiz'`.execute(db);
  const attemptRows = (JSON.parse(packedAttempts.rows[0]?.j ?? "[]") as [number, number, number, number, number, number | null, number | null, number, number | null][]).map(
    ([id, userId, attemptNo, submittedFlag, started, submittedAt, score, maxScore, percent]) => ({
      id,
      userId,
      attemptNo,
      state: (submittedFlag ? "submitted" : "in_progress") as "submitted" | "in_progress",
      startedAt: new Date(started),
      submittedAt: submittedAt === null ? null : new Date(submittedAt),
      score,
      maxScore,
      percent,
    }),
  );
  const submitted = attemptRows.filter((a) => a.state === "submitted");
  const packedItems = submitted.length
    ? await sql<{ j: string | null }>`
        select '[' || string_agg(concat('[', i.attempt_id, ',', i.position, ',', i.question_version_id, ',', v.question_id, ',', i.points, ',',
          coalesce(i.fraction::text, 'null'), ',', coalesce(i.response::text, 'null'), ']'), ',') || ']' as j
        from attempt_items i
        join quiz_attempts a on a.id = i.attempt_id
        join question_versions v on v.id = i.question_version_id
        where a.quiz_id = ${quizId} and a.office_id = ${officeId} and a.kind = 'quiz' and a.state = 'submitted'`.execute(db)
    : { rows: [] };
  const itemRows = (JSON.parse(packedItems.rows[0]?.j ?? "[]") as [number, number, number, number, number, number | null, unknown][]).map(
    ([attemptId, position, versionId, questionId, points, fraction, response]) => ({ attemptId, position, versionId, questionId, points, fraction, response }),
  );

  // The version each question is shown with: the newest one people answered, else the current one.
  const versionOf = new Map<number, number>();
  for (const r of itemRows) versionOf.set(r.questionId, Math.max(versionOf.get(r.questionId) ?? 0, r.versionId));
  const slots = await db
    .selectFrom("quizQuestions as qq")
    .innerJoin("questions as q", "q.id", "qq.questionId")
    .select(["qq.questionId", "qq.position", "q.currentVersionId"])
    .where("qq.quizId", "=", quizId)
    .orderBy("qq.position")
    .execute();
  for (const s of slots) if (!versionOf.has(s.questionId) && s.currentVersionId) versionOf.set(s.questionId, s.currentVersionId);
  const versions = versionOf.size
    ? await db
        .selectFrom("questionVersions as v")
        .innerJoin("questions as q", "q.id", "v.questionId")
        .select(["v.id", "v.questionId", "v.name", "v.type", "v.body", "q.category"])
        .where("v.id", "in", [...versionOf.values()])
        .execute()
    : [];
  const versionByQuestion = new Map(versions.map((v) => [v.questionId, v]));

  // Row order: the quiz's slots (fixed), then any other question met in attempts (random quizzes),
  // by the first position it was shown at and its category.
  const order: number[] = slots.map((s) => s.questionId);
  const firstSeen = new Map<number, number>();
  for (const r of itemRows) firstSeen.set(r.questionId, Math.min(firstSeen.get(r.questionId) ?? Infinity, r.position));
  const extra = [...firstSeen.keys()]
    .filter((id) => !order.includes(id))
    .sort((a, b) => (versionByQuestion.get(a)?.category ?? "").localeCompare(versionByQuestion.get(b)?.category ?? "", "zh-Hant") || a - b);
  order.push(...extra);
  const shown = order.filter((id) => versionByQuestion.has(id) && versionByQuestion.get(id)!.type !== "description");

  // Per question once (key, body), per item only what varies.
  const perQuestion = new Map<number, { key: string; body: Body | undefined }>();
  const itemsByAttempt = new Map<number, AttemptForStats["items"]>();
  for (const i of itemRows) {
    const points = Number(i.points);
    if (!(points > 0)) continue;
    let q = perQuestion.get(i.questionId);
    if (!q) perQuestion.set(i.questionId, (q = { key: String(i.questionId), body: versionByQuestion.get(i.questionId)?.body as Body | undefined }));
    let list = itemsByAttempt.get(i.attemptId);
    if (!list) itemsByAttempt.set(i.attemptId, (list = []));
    list.push({ key: q.key, mark: Number(i.fraction ?? 0) * points, maxMark: points, choices: q.body ? choicesOf(q.body, i.response) : [] });
  }
  const attempts: AttemptForStats[] = submitted.map((a) => ({
    attemptId: a.id,
    userId: a.userId,
    attemptNo: a.attemptNo,
    percent: Number(a.percent ?? 0),
    items: itemsByAttempt.get(a.id) ?? [],
  }));
  const picked = pickAttempts(attempts, analysed);
  const pickedIds = new Set(picked.map((a) => a.attemptId));
  const stats = quizStatistics(
    picked,
    quiz.passPercent,
    shown.map((id) => ({ key: String(id), optionCount: optionsOf(versionByQuestion.get(id)!.body as Body, id, false).length })),
  );

  // One pass over the items instead of one per question.
  const pickedByQuestion = new Map<number, typeof itemRows>();
  for (const r of itemRows) {
    if (!pickedIds.has(r.attemptId) || !(Number(r.points) > 0)) continue;
    const list = pickedByQuestion.get(r.questionId) ?? [];
    list.push(r);
    pickedByQuestion.set(r.questionId, list);
  }
  const questions: QuestionStats[] = shown.map((id, i) => {
    const v = versionByQuestion.get(id)!;
    const body = v.body as Body;
    const mine = pickedByQuestion.get(id) ?? [];
    const itemStats = stats.items[i];
    return {
      number: i + 1,
      questionId: id,
      name: v.name,
      category: v.category,
      type: v.type,
      text: displayText(body.text, body.textFormat),
      explanation: displayText(body.generalFeedback ?? "", body.textFormat),
      options: optionsOf(body, id, quiz.shuffleAnswers),
      rightAnswer: rightAnswerText(body),
      rightCount: mine.filter((r) => Number(r.fraction ?? 0) >= 0.9999999).length,
      wrongCount: mine.filter((r) => Number(r.fraction ?? 0) < 0.9999999 && answeredAtAll(r.response)).length,
      stats: { ...itemStats, unanswered: mine.filter((r) => !answeredAtAll(r.response)).length },
    };
  });

  // Per person: everyone in the audience, and anyone else who took it (e.g. removed from it later).
  const users = await db
    .selectFrom("users")
    .select(["id", "employeeNo", "name", "title"])
    .where("id", "in", [...new Set([...quiz.audienceMembers.map((m) => m.id), ...attemptRows.map((a) => a.userId), 0])])
    .orderBy("employeeNo")
    .execute();
  const attemptsByUser = new Map<number, MyAttempt[]>();
  for (const a of attemptRows) {
    const list = attemptsByUser.get(a.userId) ?? [];
    list.push({ id: a.id, attemptNo: a.attemptNo, state: a.state, startedAt: a.startedAt, submittedAt: a.submittedAt, score: a.score === null ? null : Number(a.score), maxScore: Number(a.maxScore), percent: a.percent === null ? null : Number(a.percent) });
    attemptsByUser.set(a.userId, list);
  }
  const people = users.map((u) => {
    const list = attemptsByUser.get(u.id) ?? [];
    const result = resultOf(list, quiz.grading, quiz.passPercent);
    return { userId: u.id, employeeNo: u.employeeNo, name: u.name, title: u.title, attempts: list.length, best: result.best, last: result.last, passed: result.passed };
  });
  return {
    quiz: {
      id: quiz.id,
      title: quiz.title,
      selection: quiz.selection,
      grading: quiz.grading,
      passPercent: quiz.passPercent,
      feedbackTiming: quiz.feedbackTiming,
      opensAt: quiz.opensAt,
      closesAt: quiz.closesAt,
      published: quiz.published,
      questionCount: quiz.questionCount,
    },
    which: analysed,
    audienceSize: quiz.audienceMembers.length,
    summary: { participants: stats.participants, attemptsAnalysed: stats.attemptsAnalysed, mean: stats.mean, median: stats.median, sd: stats.sd, passRate: stats.passRate, histogram: stats.histogram },
    questions,
    people,
  };
}

/** A topic needs this many answered items before its facility says anything. */
export const MIN_TOPIC_ITEMS = 10;

/**
 * Weakest topics across the office's quizzes: categories by mean facility of every answered item
 * of every submitted quiz attempt (practice excluded), weakest first; categories with fewer than
 * MIN_TOPIC_ITEMS answered items are left out (one person's one answer is not a weak topic).
 */
export async function listWeakestTopics(db: Executor, officeId: number) {
  const rows = await db
    .selectFrom("attemptItems as i")
    .innerJoin("quizAttempts as a", "a.id", "i.attemptId")
    .innerJoin("questionVersions as v", "v.id", "i.questionVersionId")
    .innerJoin("questions as q", "q.id", "v.questionId")
    .select([
      "q.category",
      sql<string>`sum(coalesce(i.fraction, 0) * i.points)`.as("marks"),
      sql<string>`sum(i.points)`.as("maxMarks"),
      sql<string>`count(*)`.as("items"),
    ])
    .where("a.officeId", "=", officeId)
    .where("a.kind", "=", "quiz")
    .where("a.state", "=", "submitted")
    .where("i.points", ">", "0")
    .groupBy("q.category")
    .execute();
  return topicFacility(rows.map((r) => ({ category: r.category, mark: Number(r.marks), maxMark: Number(r.maxMarks), items: Number(r.items) }))).filter((r) => r.items >= MIN_TOPIC_ITEMS);
}

/**
 * The Taipei date the dashboard files a quiz under (issue 9): its closing date, when participation is
 * final; a quiz without one by its opening date, else the day it was created. One date, so a quiz
 * counts in exactly one period and a year is the sum of its months. `alias` is the quizzes table's.
 */
export function quizFiledOnSql(alias = "q") {
  return sql<string>`(coalesce(${sql.ref(`${alias}.closes_at`)}, ${sql.ref(`${alias}.opens_at`)}, ${sql.ref(`${alias}.created_at`)}) at time zone 'Asia/Taipei')::date`;
}

export interface WeakTopic {
  category: string;
  items: number;
  /** Marks earned ÷ marks possible, 0–100. */
  facility: number;
}

/**
 * Weakest topics per office for the dashboard, limited to the published quizzes filed (quizFiledOnSql)
 * between `first` and `last` (Taipei dates, inclusive): the rule of listWeakestTopics — every answered
 * item of every submitted quiz attempt, practice excluded, categories with at least MIN_TOPIC_ITEMS
 * items, weakest first. One grouped query for all the offices.
 */
export async function listWeakestTopicsByOffice(db: Executor, officeIds: readonly number[], first: string, last: string): Promise<Map<number, WeakTopic[]>> {
  const map = new Map<number, WeakTopic[]>(officeIds.map((id) => [id, []]));
  if (officeIds.length === 0) return map;
  const rows = await db
    .selectFrom("attemptItems as i")
    .innerJoin("quizAttempts as a", "a.id", "i.attemptId")
    .innerJoin("quizzes as z", "z.id", "a.quizId")
    .innerJoin("questionVersions as v", "v.id", "i.questionVersionId")
    .innerJoin("questions as q", "q.id", "v.questionId")
    .select([
      "a.officeId",
      "q.category",
      sql<string>`sum(coalesce(i.fraction, 0) * i.points)`.as("marks"),
      sql<string>`sum(i.points)`.as("maxMarks"),
      sql<string>`count(*)`.as("items"),
    ])
    .where("a.officeId", "in", officeIds)
    .where("z.officeId", "in", officeIds)
    .where("z.published", "=", true)
    .where("a.kind", "=", "quiz")
    .where("a.state", "=", "submitted")
    .where("i.points", ">", "0")
    .where(sql<boolean>`${quizFiledOnSql("z")} between ${first}::date and ${last}::date`)
    .groupBy(["a.officeId", "q.category"])
    .execute();
  const byOffice = new Map<number, typeof rows>();
  for (const r of rows) byOffice.set(r.officeId, [...(byOffice.get(r.officeId) ?? []), r]);
  for (const [officeId, mine] of byOffice) {
    map.set(
      officeId,
      topicFacility(mine.map((r) => ({ category: r.category, mark: Number(r.marks), maxMark: Number(r.maxMarks), items: Number(r.items) }))).filter((r) => r.items >= MIN_TOPIC_ITEMS),
    );
  }
  return map;
}
