// Large-data generator, module "quizzes" (法令測驗, seed 基礎服務 3.(3)): one office's monthly legal
// quizzes over the history, with everyone's attempts and answers, plus self-practice (自我練習).
//
// What it writes, per office and 5 years (a fifth for 1 year):
// - 60 published quizzes, about one a month (「115年10月份法令測驗」), for the whole office: most with a
//   fixed set of 10–20 questions from the office's bank, some drawing 10–20 at random per attempt by
//   category (quiz_random_rules), as a supervisor sets them up in the product.
// - attempts by 85–95 % of the audience, a second one by some where the quiz allows it, each with
//   its attempt_items: the question version it showed, the shuffled choice order, the response,
//   answered_at and the fraction from the product's own gradeResponse; score / maxScore / percent /
//   passed computed the way attempts.server.ts gradeAndSubmit computes them.
// - the newest quiz is still open: part of the office has taken it and a few attempts are in
//   progress (deadline = the closing time, so they stay open until then, as in the product).
// - practice sessions (kind 'practice', no quiz): graded per answer, submitted when the last
//   question is answered, a few left half done.
//
// Answers come from a simple ability × difficulty model (a logistic curve, as in the demo seed
// seeds/demo-quizzes.ts), so the statistics page (item facility, discrimination) and the dashboard
// (participation, mean, pass rate, weakest topics) show plausible figures.
//
// The bench's 10,000-attempt quiz (tests/bench/quiz-attempts.ts) is written with the same pieces
// (loadBank, takeAttempt, writeAttempts), hence their exports.
import type { Insertable } from "kysely";
import type { Database, Role } from "../../db/schema";
import { correctResponse, gradeResponse, isAutoGraded, matchingSubQuestions, type GradableQuestion, type QuestionResponse } from "../../app/modules/quizzes/grading";
import { importQuestions } from "../../app/modules/quizzes/question-bank.server";
import { AUDIENCE_ROLES } from "../../app/modules/quizzes/quizzes.schema";
import { PRACTICE_COUNTS } from "../../app/modules/quizzes/attempts.schema";
import { shuffle, shuffledIndexes } from "../../app/modules/quizzes/shuffle";
import { readQuizBanks } from "../quiz-banks";
import { addDays, between, daysBetween, insertBatches, isWeekday, pick, taipeiInstant, type OfficeContext, weekdayOnOrAfter } from "./context";

/** Types a quiz or a practice session can draw (attempts.server.ts AUTO_GRADED_TYPES). */
const AUTO_GRADED_TYPES = new Set(["multichoice", "truefalse", "shortanswer", "numerical", "matching"]);

export interface BankQuestion {
  id: number;
  versionId: number;
  externalId: string;
  category: string;
  /** The first part of the category path (戶籍法 of 戶籍法/遷徙登記): what random rules draw from. */
  topic: string;
  body: GradableQuestion;
  /** Difficulty on the ability scale (higher = harder). */
  difficulty: number;
}

interface PlannedQuiz {
  title: string;
  description: string;
  selection: "fixed" | "random";
  shuffleQuestions: boolean;
  shuffleAnswers: boolean;
  timeLimitMinutes: number | null;
  opensDay: string;
  closesDay: string;
  opensAt: Date;
  closesAt: Date;
  attemptsAllowed: number;
  grading: "highest" | "last";
  passPercent: number;
  feedbackTiming: "after_submit" | "after_close";
  createdBy: number;
  createdAt: Date;
  /** Fixed quizzes: the slots, in order. */
  slots: { question: BankQuestion; points: number }[];
  /** Random quizzes: questions per topic. */
  rules: { category: string; count: number }[];
  /** Ability shift of the month (some months are harder). */
  shift: number;
  isNewest: boolean;
}

interface ItemDraft {
  position: number;
  questionVersionId: number;
  points: number;
  choiceOrder: number[] | null;
  response: QuestionResponse | null;
  answeredAt: Date | null;
  fraction: number | null;
}

export interface AttemptDraft {
  row: Omit<Insertable<Database["quizAttempts"]>, "startedAt"> & { startedAt: Date };
  items: ItemDraft[];
}

// ------------------------------------------------------------------------------ small helpers

/** attempts.server.ts rounds score and max to 4 places and percent to 2. */
const roundTo = (n: number, places: number) => Math.round(n * 10 ** places) / 10 ** places;

export function gaussian(rand: () => number): number {
  const u = Math.max(rand(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

const logistic = (x: number) => 1 / (1 + Math.exp(-x));

/** A stable number in [0, 1) from text: question difficulty must not depend on the order questions are met. */
function unitHash(text: string): number {
  let h = 2166136261;
  for (const ch of text) h = Math.imul(h ^ ch.codePointAt(0)!, 16777619);
  h ^= h >>> 13;
  h = Math.imul(h, 0x5bd1e995);
  h ^= h >>> 15;
  return (h >>> 0) / 4294967296;
}

/** The last weekday on or before `day`. */
export function weekdayOnOrBefore(day: string): string {
  let d = day;
  while (!isWeekday(d)) d = addDays(d, -1);
  return d;
}

export function weekdaysBetween(first: string, last: string): string[] {
  const days: string[] = [];
  for (let d = first; d <= last; d = addDays(d, 1)) if (isWeekday(d)) days.push(d);
  return days;
}

/** YYYY-MM of a month `offset` months from `day`'s month. */
function monthOf(day: string, offset: number): { year: number; month: number } {
  const [y, m] = day.split("-").map(Number);
  const index = y * 12 + (m - 1) + offset;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

const pad2 = (n: number) => String(n).padStart(2, "0");

/** A Taipei office-hours instant on `day` (08:30–16:30), optionally no earlier than `notBefore`. */
export function officeMoment(rand: () => number, day: string): Date {
  const minutes = 8 * 60 + 30 + Math.floor(rand() * 8 * 60);
  return taipeiInstant(day, Math.floor(minutes / 60), minutes % 60, Math.floor(rand() * 60));
}

// ------------------------------------------------------------------------------ the bank

/**
 * The office's active, auto-graded questions with their current versions. An office without a bank
 * (a city-scale benchmark office) gets quiz-banks/*.gift imported first, through the product's own
 * importer, as `npm run quiz-banks:import` would do: quizzes only ever read their own office's bank.
 */
export async function loadBank(ctx: OfficeContext): Promise<BankQuestion[]> {
  const read = () =>
    ctx.db
      .selectFrom("questions as q")
      .innerJoin("questionVersions as v", "v.id", "q.currentVersionId")
      .select(["q.id", "q.externalId", "q.category", "v.id as versionId", "v.type", "v.body"])
      .where("q.officeId", "=", ctx.officeId)
      .where("q.active", "=", true)
      .orderBy("q.externalId")
      .execute();
  let rows = await read();
  if (rows.length === 0) {
    for (const bank of readQuizBanks()) await importQuestions(ctx.db, null, ctx.officeId, { source: bank.source, format: "gift", filename: bank.filename });
    rows = await read();
    ctx.log(`imported the question bank (${rows.length} questions)`);
  }
  return rows
    .filter((r) => AUTO_GRADED_TYPES.has(r.type))
    .map((r) => {
      const body = r.body as GradableQuestion;
      // Spread over the ability scale, mostly the same in every office (a hard question is hard
      // everywhere) with a little local colour; check-box questions (several right answers) are harder.
      const multi = body.type === "multichoice" && !body.single ? 0.6 : 0;
      const local = 0.8 * (unitHash(`${ctx.officeCode}:${r.externalId}`) - 0.5);
      return {
        id: r.id,
        versionId: r.versionId,
        externalId: r.externalId,
        category: r.category,
        topic: r.category.split("/")[0],
        body,
        difficulty: -2.1 + 3.3 * unitHash(`difficulty:${r.externalId}`) + local + multi,
      };
    });
}

// ------------------------------------------------------------------------------ responses

/** What a person answers: the right answer when `right`, else a plausible wrong one (see grading.ts shapes). */
function responseFor(question: BankQuestion, right: boolean, rand: () => number): QuestionResponse {
  const body = question.body;
  const best = correctResponse(body)!;
  if (right) return best;
  switch (body.type) {
    case "multichoice": {
      if (body.single) {
        const rightIndex = (best as { choice: number }).choice;
        const wrong = body.answers.map((_, i) => i).filter((i) => i !== rightIndex && body.answers[i].fraction < 1);
        if (wrong.length === 0) return best;
        // One distractor per question is the attractive misreading most wrong answers fall for.
        const attractive = Math.floor(unitHash(`distractor:${question.externalId}`) * wrong.length);
        return { choice: rand() < 0.55 ? wrong[attractive] : pick(rand, wrong) };
      }
      const positives = (best as { choices: number[] }).choices;
      const negatives = body.answers.map((a, i) => (a.fraction <= 0 ? i : -1)).filter((i) => i >= 0);
      // Either one right choice missed (partial credit) or one wrong choice ticked as well.
      if ((rand() < 0.5 || negatives.length === 0) && positives.length > 1) {
        const dropped = pick(rand, positives);
        return { choices: positives.filter((i) => i !== dropped) };
      }
      if (negatives.length === 0) return best;
      return { choices: [...positives, pick(rand, negatives)].sort((a, b) => a - b) };
    }
    case "truefalse":
      return { value: !body.answer };
    case "shortanswer":
      return { text: "不確定" };
    case "numerical": {
      const answer = body.answers[0];
      const off = (Math.abs(answer?.tolerance ?? 0) + 1) * (rand() < 0.5 ? -2 : 3);
      return { value: (answer?.value ?? 0) + off };
    }
    case "matching": {
      const pairs = { ...(best as { pairs: Record<string, string> }).pairs };
      const subs = matchingSubQuestions(body).map(String);
      if (subs.length >= 2) {
        const [a, b] = shuffle(subs, Math.floor(rand() * 4294967296)).slice(0, 2);
        [pairs[a], pairs[b]] = [pairs[b], pairs[a]];
      }
      return { pairs };
    }
    default:
      return best;
  }
}

// ------------------------------------------------------------------------------ planning the quizzes

const TOPIC_NOTES = ["請於截止前完成作答", "測驗結束後於業務會報逐題解說釋疑", "題目以近期修法及常見錯誤態樣為主", "並請參考題庫解說自我練習"];

function planQuizzes(ctx: OfficeContext, bank: BankQuestion[], existingTitles: Set<string>): PlannedQuiz[] {
  const { rand } = ctx;
  const topics = [...new Set(bank.map((q) => q.topic).filter(Boolean))];
  const authors = ctx.supervisorIds.length ? ctx.supervisorIds : [ctx.directorId ?? ctx.people[0].id];
  const months = 12 * ctx.years;
  const plans: PlannedQuiz[] = [];
  let recent: Set<number> = new Set(); // questions of the last two quizzes: rested for a month or two
  let previous: Set<number> = new Set();
  // The newest quiz opened last week and is still open; every earlier one opened on the same day of
  // its month (first weekday from there) and closed about two and a half weeks later, so last
  // month's closed within the last 30 days and the dashboard's "quizzes not taken" has content.
  const anchor = weekdayOnOrBefore(addDays(ctx.to, -6));
  const dayOfMonth = Math.min(Number(anchor.slice(8, 10)), 25);
  for (let k = months - 1; k >= 0; k--) {
    const { year, month } = monthOf(anchor, -k);
    const title = `${year - 1911}年${month}月份法令測驗`;
    const isNewest = k === 0;
    const opensDay = isNewest ? anchor : weekdayOnOrAfter(`${year}-${pad2(month)}-${pad2(dayOfMonth)}`);
    const closesDay = weekdayOnOrAfter(isNewest ? addDays(ctx.to, 12) : addDays(opensDay, 17));
    if (opensDay < ctx.from) continue;
    if (existingTitles.has(title)) continue; // the demo seed already holds this month's quiz

    const n = between(rand, 10, 20);
    const useRandom = topics.length >= 2 && rand() < 0.3 && !isNewest;
    const slots: PlannedQuiz["slots"] = [];
    const rules: PlannedQuiz["rules"] = [];
    if (useRandom) {
      // Two to four topics, their counts in proportion to what each holds.
      const chosen = shuffle(topics, Math.floor(rand() * 4294967296)).slice(0, between(rand, 2, Math.min(4, topics.length)));
      const available = chosen.map((t) => bank.filter((q) => q.topic === t).length);
      const total = available.reduce((s, a) => s + a, 0);
      const wanted = Math.min(n, total);
      const counts = available.map((a) => Math.max(1, Math.min(a, Math.round((wanted * a) / total))));
      // Settle rounding so the counts add up to `wanted` without exceeding what a topic holds.
      let sum = counts.reduce((s, c) => s + c, 0);
      for (let i = 0; sum !== wanted && i < 200; i++) {
        const j = i % counts.length;
        const step = sum < wanted && counts[j] < available[j] ? 1 : sum > wanted && counts[j] > 1 ? -1 : 0;
        counts[j] += step;
        sum += step;
      }
      chosen.forEach((t, i) => rules.push({ category: t, count: counts[i] }));
    } else {
      // Half of the questions from the month's theme, the rest from anywhere; rested questions last.
      const theme = topics.length ? pick(rand, topics) : "";
      const fresh = (q: BankQuestion) => !recent.has(q.id) && !previous.has(q.id);
      const order = (list: BankQuestion[]) => shuffle(list, Math.floor(rand() * 4294967296)).sort((a, b) => Number(fresh(b)) - Number(fresh(a)));
      const themed = order(bank.filter((q) => q.topic === theme)).slice(0, Math.ceil(n / 2));
      const rest = order(bank.filter((q) => !themed.includes(q))).slice(0, n - themed.length);
      const picked = shuffle([...themed, ...rest], Math.floor(rand() * 4294967296));
      // Some supervisors mark out of 100 (10 × 10 or 20 × 5 points), most give a point a question.
      const points = (picked.length === 10 || picked.length === 20) && rand() < 0.4 ? 100 / picked.length : 1;
      for (const q of picked) slots.push({ question: q, points });
    }
    previous = recent;
    recent = new Set(slots.map((s) => s.question.id));

    const attemptsAllowed = isNewest ? 1 : rand() < 0.72 ? 1 : rand() < 0.85 ? 2 : 0;
    const timeLimitMinutes = isNewest ? null : rand() < 0.12 ? null : n > 15 ? 30 : 20;
    const passPercent = rand() < 0.85 ? 60 : 70;
    const feedbackTiming = attemptsAllowed === 1 && rand() < 0.75 ? "after_close" : "after_submit";
    const questionCount = useRandom ? rules.reduce((s, r) => s + r.count, 0) : slots.length;
    const topicText = useRandom ? rules.map((r) => `${r.category} ${r.count} 題`).join("、") + "，每人隨機出題" : `共 ${questionCount} 題`;
    const limitText = timeLimitMinutes ? `限時 ${timeLimitMinutes} 分鐘` : "不限時間";
    const attemptsText = attemptsAllowed === 1 ? "作答 1 次" : attemptsAllowed === 0 ? "可多次作答，取最高分" : "可作答 2 次";
    const createdDay = weekdayOnOrBefore(addDays(opensDay, -between(rand, 2, 6)));
    plans.push({
      title,
      description: `${month}月份法令測驗：${topicText}，${limitText}，${attemptsText}，${passPercent} 分及格；${pick(rand, TOPIC_NOTES)}。`,
      selection: useRandom ? "random" : "fixed",
      shuffleQuestions: useRandom || rand() < 0.5,
      shuffleAnswers: rand() < 0.9,
      timeLimitMinutes,
      opensDay,
      closesDay,
      opensAt: taipeiInstant(opensDay, 8),
      closesAt: taipeiInstant(closesDay, 17),
      attemptsAllowed,
      grading: attemptsAllowed !== 1 && rand() < 0.3 ? "last" : "highest",
      passPercent,
      feedbackTiming,
      createdBy: pick(rand, authors),
      createdAt: officeMoment(rand, createdDay),
      slots,
      rules,
      shift: (rand() - 0.5) * 0.8,
      isNewest,
    });
  }
  return plans;
}

// ------------------------------------------------------------------------------ taking a quiz

/** The questions an attempt shows, as startAttempt picks them (fixed slots, or a draw per rule). */
function drawQuestions(plan: PlannedQuiz, bank: BankQuestion[], rand: () => number): { question: BankQuestion; points: number }[] {
  let picked: { question: BankQuestion; points: number }[];
  if (plan.selection === "fixed") picked = plan.slots;
  else {
    picked = [];
    for (const rule of plan.rules) {
      const candidates = bank.filter((q) => q.category === rule.category || q.category.startsWith(`${rule.category}/`));
      for (const q of shuffle(candidates, Math.floor(rand() * 4294967296)).slice(0, rule.count)) picked.push({ question: q, points: 1 });
    }
  }
  return plan.shuffleQuestions ? shuffle(picked, Math.floor(rand() * 4294967296)) : picked;
}

/**
 * One attempt: every question answered in turn at the person's pace, until the deadline passes or
 * `stopAfter` questions (an attempt still in progress). Submitted attempts are graded like
 * gradeAndSubmit; practice items are graded as they are answered, like answerPractice.
 */
export function takeAttempt(
  rand: () => number,
  input: {
    officeId: number;
    userId: number;
    kind: "quiz" | "practice";
    quizId: number | null;
    attemptNo: number;
    questions: { question: BankQuestion; points: number }[];
    shuffleAnswers: boolean;
    ability: number;
    startedAt: Date;
    deadlineAt: Date | null;
    passPercent: number | null;
    state: "submitted" | "in_progress";
    /** Seconds spent per question on average. */
    pace: number;
    /** Answer at most this many (in progress); undefined = as many as time allows. */
    stopAfter?: number;
  },
): AttemptDraft {
  const seed = Math.floor(rand() * 4294967296);
  let clock = input.startedAt.getTime() + between(rand, 20, 60) * 1000; // reading the instructions
  let timedOut = false;
  const items: ItemDraft[] = input.questions.map(({ question, points }, i) => {
    const body = question.body;
    const choiceOrder = input.shuffleAnswers && body.type === "multichoice" ? shuffledIndexes(body.answers.length, `${seed}:${i}`) : null;
    const base = { position: i + 1, questionVersionId: question.versionId, points: isAutoGraded(body) ? points : 0, choiceOrder };
    clock += Math.max(8, input.pace * (0.5 + rand())) * 1000;
    const withinTime = input.deadlineAt === null || clock < input.deadlineAt.getTime();
    if (!withinTime) timedOut = true;
    if (!withinTime || (input.stopAfter !== undefined && i >= input.stopAfter)) {
      // Not answered: no response; graded 0 on submission (gradeResponse of nothing), null until then.
      return { ...base, response: null, answeredAt: null, fraction: null };
    }
    const right = rand() < logistic(1.7 * (input.ability - question.difficulty));
    const response = responseFor(question, right, rand);
    // Quiz items are graded on submission; practice items the moment they are answered.
    const graded = input.state === "submitted" || input.kind === "practice";
    return { ...base, response, answeredAt: new Date(clock), fraction: graded ? gradeResponse(body, response) : null };
  });

  // startAttempt's max score: the points of the auto-graded items (a description carries none).
  const maxScore = roundTo(
    items.reduce((s, it) => s + it.points, 0),
    4,
  );
  const row: AttemptDraft["row"] = {
    officeId: input.officeId,
    userId: input.userId,
    kind: input.kind,
    quizId: input.quizId,
    attemptNo: input.attemptNo,
    state: input.state,
    startedAt: input.startedAt,
    deadlineAt: input.deadlineAt,
    submittedAt: null,
    score: null,
    maxScore,
    percent: null,
    passed: null,
  };
  if (input.state === "submitted") {
    // gradeAndSubmit: every item graded with its pinned version (an unanswered one earns 0).
    let score = 0;
    let max = 0;
    input.questions.forEach(({ question }, i) => {
      const fraction = gradeResponse(question.body, items[i].response);
      items[i].fraction = fraction;
      if (fraction === null) return;
      max += items[i].points;
      score += items[i].points * fraction;
    });
    score = roundTo(score, 4);
    const percent = max > 0 ? roundTo((score / max) * 100, 2) : 0;
    const lastAnswer = Math.max(input.startedAt.getTime(), ...items.map((it) => it.answeredAt?.getTime() ?? 0));
    // Past the deadline the attempt counts as handed in at the deadline, with what was saved by then.
    // A practice session is submitted by its last answer (answerPractice); a quiz by 交卷 a little later.
    const submittedAt =
      timedOut && input.deadlineAt
        ? input.deadlineAt
        : input.kind === "practice"
          ? new Date(lastAnswer)
          : new Date(lastAnswer + between(rand, 15, 90) * 1000);
    Object.assign(row, {
      submittedAt: input.deadlineAt && submittedAt > input.deadlineAt ? input.deadlineAt : submittedAt,
      score,
      maxScore: roundTo(max, 4),
      percent,
      passed: input.kind === "quiz" ? percent >= (input.passPercent ?? 60) : null,
    });
  }
  return { row, items };
}

// ------------------------------------------------------------------------------ the generator

export async function generate(ctx: OfficeContext): Promise<void> {
  const { rand, db } = ctx;
  const bank = await loadBank(ctx);
  if (bank.length < 10) {
    ctx.log(`the office's bank holds only ${bank.length} auto-graded questions: no quizzes generated`);
    return;
  }
  const existing = await db.selectFrom("quizzes").select("title").where("officeId", "=", ctx.officeId).execute();
  const plans = planQuizzes(ctx, bank, new Set(existing.map((e) => e.title)));

  // ---------------------------------------------------------------- quizzes and their content
  const quizIds = await insertBatches(
    db,
    "quizzes",
    plans.map((p) => ({
      officeId: ctx.officeId,
      title: p.title,
      description: p.description,
      selection: p.selection,
      shuffleQuestions: p.shuffleQuestions,
      shuffleAnswers: p.shuffleAnswers,
      timeLimitMinutes: p.timeLimitMinutes,
      opensAt: p.opensAt,
      closesAt: p.closesAt,
      attemptsAllowed: p.attemptsAllowed,
      grading: p.grading,
      passPercent: p.passPercent,
      feedbackTiming: p.feedbackTiming,
      audience: "office" as const,
      audienceRoles: "[]",
      published: true,
      createdBy: p.createdBy,
      createdAt: p.createdAt,
      updatedAt: p.createdAt,
    })),
    { returning: true },
  );
  await insertBatches(
    db,
    "quizQuestions",
    plans.flatMap((p, i) => p.slots.map((s, k) => ({ quizId: quizIds[i], questionId: s.question.id, position: k + 1, points: s.points }))),
  );
  await insertBatches(
    db,
    "quizRandomRules",
    plans.flatMap((p, i) => p.rules.map((r) => ({ quizId: quizIds[i], category: r.category, count: r.count }))),
  );

  // ---------------------------------------------------------------- who takes part, how well
  // The audience of a whole-office quiz: active people holding a quiz-taking role (quizzes.server.ts listOfficeMembers).
  const takers = ctx.people.filter((p) => p.roles.some((r) => (AUDIENCE_ROLES as readonly Role[]).includes(r)));
  const ability = new Map(
    takers.map((p) => {
      const senior = p.roles.includes("director") || p.roles.includes("supervisor") ? 0.3 : 0;
      return [p.id, 0.55 + senior + 0.6 * gaussian(rand)];
    }),
  );
  // Some people are reliably there, a few often miss the quiz.
  const diligence = new Map(takers.map((p) => [p.id, rand() < 0.12 ? 0.7 : 0.95]));
  const pace = new Map(takers.map((p) => [p.id, between(rand, 25, 60)]));
  const yearsIn = (day: string) => daysBetween(ctx.from, day) / 365;

  const attempts: AttemptDraft[] = [];
  plans.forEach((plan, qi) => {
    const quizId = quizIds[qi];
    // The newest quiz is still open: only days before today have happened.
    const lastDay = plan.isNewest ? addDays(ctx.to, -1) : plan.closesDay;
    const days = weekdaysBetween(plan.opensDay, lastDay);
    if (days.length === 0) return;
    const target = 0.85 + rand() * 0.1; // the month's participation, 85–95 %
    const openShare = plan.isNewest ? Math.min(0.75, days.length / Math.max(1, weekdaysBetween(plan.opensDay, plan.closesDay).length) + 0.15) : 1;
    let inProgressLeft = plan.isNewest ? between(rand, 2, 4) : 0;
    for (const person of takers) {
      const takes = rand() < target * (diligence.get(person.id)! / 0.92);
      if (!takes) continue;
      if (plan.isNewest && rand() > openShare) {
        // Has not got round to it yet; a few have started and not finished.
        if (inProgressLeft > 0 && rand() < 0.35) {
          inProgressLeft--;
          const day = days[Math.max(0, days.length - between(rand, 1, 2))];
          const questions = drawQuestions(plan, bank, rand);
          attempts.push(
            takeAttempt(rand, {
              officeId: ctx.officeId,
              userId: person.id,
              kind: "quiz",
              quizId,
              attemptNo: 1,
              questions,
              shuffleAnswers: plan.shuffleAnswers,
              ability: ability.get(person.id)! + plan.shift + 0.06 * yearsIn(day),
              startedAt: officeMoment(rand, day),
              deadlineAt: plan.closesAt, // no time limit: the closing time is the deadline
              passPercent: plan.passPercent,
              state: "in_progress",
              pace: pace.get(person.id)!,
              stopAfter: between(rand, 1, questions.length - 1),
            }),
          );
        }
        continue;
      }
      // Most take it in the first days, a tail just before the deadline.
      const dayIndex = Math.min(days.length - 1, Math.floor(days.length * rand() ** 1.7));
      let day = days[dayIndex];
      let attemptNo = 1;
      let theta = ability.get(person.id)! + plan.shift + 0.06 * yearsIn(day);
      for (;;) {
        const startedAt = officeMoment(rand, day);
        const deadlineAt = new Date(
          Math.min(plan.timeLimitMinutes ? startedAt.getTime() + plan.timeLimitMinutes * 60_000 : Infinity, plan.closesAt.getTime()),
        );
        // Now and then someone is called to the counter and the time runs out (handed in at the deadline).
        const personPace = rand() < 0.025 && plan.timeLimitMinutes ? plan.timeLimitMinutes * 9 : pace.get(person.id)!;
        const attempt = takeAttempt(rand, {
          officeId: ctx.officeId,
          userId: person.id,
          kind: "quiz",
          quizId,
          attemptNo,
          questions: drawQuestions(plan, bank, rand),
          shuffleAnswers: plan.shuffleAnswers,
          ability: theta,
          startedAt,
          deadlineAt,
          passPercent: plan.passPercent,
          state: "submitted",
          pace: personPace,
        });
        attempts.push(attempt);
        const percent = Number(attempt.row.percent);
        const allowedMore = plan.attemptsAllowed === 0 ? attemptNo < 3 : attemptNo < plan.attemptsAllowed;
        const retry = allowedMore && (percent < plan.passPercent ? rand() < 0.8 : percent < 85 ? rand() < 0.3 : rand() < 0.05);
        const later = days.filter((d) => d > day);
        if (!retry || later.length === 0) break;
        day = later[Math.min(later.length - 1, Math.floor(rand() * Math.min(4, later.length)))];
        attemptNo++;
        theta += 0.35; // read the explanations (or the bank) in between
      }
    }
  });

  // ---------------------------------------------------------------- practice (自我練習)
  // Practice draws from the leaf categories listPracticeTopics offers; 5, 10 or 20 questions.
  const categories = [...new Set(bank.map((q) => q.category))];
  // Practice sessions are numbered per person (startPractice: the person's last number + 1).
  const earlier = await db
    .selectFrom("quizAttempts")
    .select((eb) => ["userId", eb.fn.max("attemptNo").as("n")])
    .where("officeId", "=", ctx.officeId)
    .where("kind", "=", "practice")
    .groupBy("userId")
    .execute();
  const practiceNo = new Map(earlier.map((e) => [e.userId, Number(e.n ?? 0)]));
  for (const person of takers) {
    const r = rand();
    const perYear = r < 0.3 ? 0 : r < 0.8 ? between(rand, 1, 4) : between(rand, 6, 12);
    const sessions = Math.round(perYear * ctx.years * (0.7 + rand() * 0.6));
    const sessionDays = Array.from({ length: sessions }, () => {
      // Practice clusters in the days before a quiz closes.
      const plan = pick(rand, plans);
      const d = addDays(plan.closesDay, -between(rand, 0, 10));
      return d < ctx.to && d >= ctx.from ? weekdayOnOrBefore(d) : weekdayOnOrBefore(addDays(ctx.to, -1));
    }).sort();
    for (const [s, day] of sessionDays.entries()) {
      const chosen = shuffle(categories, Math.floor(rand() * 4294967296)).slice(0, between(rand, 1, 2));
      const candidates = bank.filter((q) => chosen.includes(q.category));
      const count = pick(rand, PRACTICE_COUNTS);
      const questions = shuffle(candidates, Math.floor(rand() * 4294967296))
        .slice(0, count)
        .map((question) => ({ question, points: 1 }));
      // The newest sessions are sometimes left half done (the page shows them as in progress).
      const unfinished = s === sessionDays.length - 1 && questions.length > 1 && rand() < 0.25;
      const startedAt = officeMoment(rand, day);
      attempts.push(
        takeAttempt(rand, {
          officeId: ctx.officeId,
          userId: person.id,
          kind: "practice",
          quizId: null,
          attemptNo: (practiceNo.get(person.id) ?? 0) + s + 1,
          questions,
          shuffleAnswers: true, // startPractice always shuffles the choices
          ability: ability.get(person.id)! + 0.06 * yearsIn(day),
          startedAt,
          deadlineAt: null,
          passPercent: null,
          state: unfinished ? "in_progress" : "submitted",
          pace: pace.get(person.id)! * 1.3,
          stopAfter: unfinished ? between(rand, 1, questions.length - 1) : undefined,
        }),
      );
    }
  }

  // ---------------------------------------------------------------- writing the attempts
  await writeAttempts(db, attempts);
  const quizAttempts = attempts.filter((a) => a.row.kind === "quiz");
  ctx.log(
    `${plans.length} quizzes, ${quizAttempts.length} quiz attempts (${quizAttempts.filter((a) => a.row.state === "in_progress").length} in progress), ` +
      `${attempts.length - quizAttempts.length} practice sessions`,
  );
}

/**
 * Stores attempts and their items in bulk, in the order they were started, as serial ids would have
 * been given out (sorts `attempts` in place).
 */
export async function writeAttempts(db: OfficeContext["db"], attempts: AttemptDraft[]): Promise<void> {
  attempts.sort((a, b) => a.row.startedAt.getTime() - b.row.startedAt.getTime());
  const attemptIds = await insertBatches(
    db,
    "quizAttempts",
    attempts.map((a) => a.row),
    { returning: true },
  );
  await insertBatches(
    db,
    "attemptItems",
    attempts.flatMap((a, i) =>
      a.items.map((it) => ({
        attemptId: attemptIds[i],
        position: it.position,
        questionVersionId: it.questionVersionId,
        points: it.points,
        choiceOrder: it.choiceOrder ? JSON.stringify(it.choiceOrder) : null,
        response: it.response === null ? null : JSON.stringify(it.response),
        answeredAt: it.answeredAt,
        fraction: it.fraction,
      })),
    ),
  );
}
