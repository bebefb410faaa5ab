// Taking a quiz (法令測驗) and practising (自我練習): start or resume an attempt, save each answer
// as it is chosen, enforce the deadline on the server, submit once, grade with the pinned versions,
// and show the review with the explanations when the quiz allows it (seed 基礎服務 3.(3)).
import type { Executor, Database } from "../db.server";
import { sql } from "../db.server";
import type { Transaction } from "kysely";
import { recordAudit } from "../audit/audit.server";
import { hasPermission } from "../auth/roles";
import type { CurrentUser } from "../auth/session.server";
import { DomainError } from "../domain-error";
import {
  correctResponse,
  gradeResponse,
  isAutoGraded,
  matchingAnswerOptions,
  matchingSubQuestions,
  responseFeedback,
  responseIsComplete,
  type GradableQuestion,
  type QuestionResponse,
} from "./grading";
import { displayText, InvalidResponseError, normaliseResponse, type ItemDto, type QuestionDto, type ReviewDto } from "./attempts.schema";
import type { StartPracticeInput } from "./attempt-forms.server";
import { randomSeed, shuffle, shuffledIndexes } from "./shuffle";

/** Who is acting: the signed-in person in the office their session works in. */
export type Taker = Pick<CurrentUser, "id" | "officeId" | "roles">;

type Trx = Transaction<Database>;

const round = (n: number, places: number) => Math.round(n * 10 ** places) / 10 ** places;
const num = (v: string | number | null | undefined) => (v === null || v === undefined ? null : Number(v));

/** Types drawn at random and offered in practice: those graded at once (no essays, no descriptions). */
const AUTO_GRADED_TYPES = ["multichoice", "truefalse", "shortanswer", "numerical", "matching"] as const;

// ---------------------------------------------------------------- starting

interface PickedQuestion {
  questionId: number;
  versionId: number;
  points: number;
}

/** A question's current version, for every question of a fixed quiz that is still in use. */
async function fixedQuestions(trx: Trx, quizId: number): Promise<PickedQuestion[]> {
  const rows = await trx
    .selectFrom("quizQuestions as qq")
    .innerJoin("questions as q", "q.id", "qq.questionId")
    .select(["qq.questionId", "q.currentVersionId", "qq.points"])
    .where("qq.quizId", "=", quizId)
    .where("q.active", "=", true)
    .where("q.currentVersionId", "is not", null)
    .orderBy("qq.position")
    .orderBy("qq.questionId")
    .execute();
  return rows.map((r) => ({ questionId: r.questionId, versionId: r.currentVersionId!, points: Number(r.points) }));
}

/** A category path and everything under it (`戶籍法` covers `戶籍法/遷徙登記`). */
function inCategories(categories: string[]) {
  return sql<boolean>`(${sql.join(
    categories.map((c) => sql`(q.category = ${c} or starts_with(q.category, ${`${c}/`}))`),
    sql` or `,
  )})`;
}

/** Active, auto-graded questions of the office in the given categories, with their current version. */
async function candidateQuestions(db: Executor, officeId: number, categories: string[], excludeIds: number[]) {
  let q = db
    .selectFrom("questions as q")
    .innerJoin("questionVersions as v", "v.id", "q.currentVersionId")
    .select(["q.id", "q.currentVersionId"])
    .where("q.officeId", "=", officeId)
    .where("q.active", "=", true)
    .where("v.type", "in", AUTO_GRADED_TYPES)
    .where(inCategories(categories));
  if (excludeIds.length) q = q.where("q.id", "not in", excludeIds);
  return q.orderBy("q.id").execute();
}

/** N random questions per rule, no question twice (Moodle's random questions by category). */
async function randomQuestions(trx: Trx, quizId: number, officeId: number): Promise<PickedQuestion[]> {
  const rules = await trx.selectFrom("quizRandomRules").select(["category", "count"]).where("quizId", "=", quizId).orderBy("id").execute();
  const picked: PickedQuestion[] = [];
  for (const rule of rules) {
    const candidates = await candidateQuestions(
      trx,
      officeId,
      [rule.category],
      picked.map((p) => p.questionId),
    );
    if (candidates.length < rule.count) throw new DomainError("_form", "attempt.error.notEnoughQuestions");
    for (const c of shuffle(candidates, randomSeed()).slice(0, rule.count)) {
      picked.push({ questionId: c.id, versionId: c.currentVersionId!, points: 1 });
    }
  }
  return picked;
}

async function versionBodies(db: Executor, versionIds: number[]): Promise<Map<number, GradableQuestion>> {
  if (versionIds.length === 0) return new Map();
  const rows = await db.selectFrom("questionVersions").select(["id", "body"]).where("id", "in", versionIds).execute();
  return new Map(rows.map((r) => [r.id, r.body as GradableQuestion]));
}

/** Attempt items for the picked questions: the version pinned, choices shuffled when asked. */
async function buildItems(trx: Trx, picked: PickedQuestion[], shuffleAnswers: boolean) {
  const bodies = await versionBodies(
    trx,
    picked.map((p) => p.versionId),
  );
  const seed = randomSeed();
  return picked.map((p, i) => {
    const body = bodies.get(p.versionId)!;
    const choiceOrder = shuffleAnswers && body.type === "multichoice" ? shuffledIndexes(body.answers.length, `${seed}:${i}`) : null;
    // A description is read, not answered: it carries no points.
    const points = isAutoGraded(body) ? p.points : 0;
    return { position: i + 1, questionVersionId: p.versionId, points, choiceOrder, autoGraded: isAutoGraded(body) };
  });
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "23505";
}

/**
 * Starts an attempt at a quiz, or resumes the one in progress. Null when the quiz is not there for
 * this person's office (or not published): the route answers 404. Rule violations (closed, not in
 * the audience, no attempts left, too few questions) are DomainErrors.
 */
export async function startAttempt(db: Executor, user: Taker, quizId: number, now = new Date()): Promise<{ attemptId: number; resumed: boolean } | null> {
  const run = () =>
    db.transaction().execute(async (trx) => {
      const quiz = await trx
        .selectFrom("quizzes")
        .select([
          "id",
          "officeId",
          "selection",
          "shuffleQuestions",
          "shuffleAnswers",
          "timeLimitMinutes",
          "opensAt",
          "closesAt",
          "attemptsAllowed",
          "audience",
          "audienceRoles",
        ])
        .where("id", "=", quizId)
        .where("officeId", "=", user.officeId)
        .where("published", "=", true)
        .executeTakeFirst();
      if (!quiz) return null;

      const existing = await trx
        .selectFrom("quizAttempts")
        .select(["id", "deadlineAt"])
        .where("quizId", "=", quizId)
        .where("userId", "=", user.id)
        .where("state", "=", "in_progress")
        .forUpdate()
        .executeTakeFirst();
      if (existing) {
        if (!existing.deadlineAt || existing.deadlineAt > now) return { attemptId: existing.id, resumed: true };
        await gradeAndSubmit(trx, existing.id, now);
      }

      if ((quiz.opensAt && quiz.opensAt > now) || (quiz.closesAt && quiz.closesAt <= now)) {
        throw new DomainError("_form", quiz.opensAt && quiz.opensAt > now ? "attempt.error.notOpenYet" : "attempt.error.closed");
      }
      if (!(await inAudience(trx, user, quiz))) throw new DomainError("_form", "attempt.error.notInAudience");

      const previous = await trx
        .selectFrom("quizAttempts")
        .select((eb) => [eb.fn.max("attemptNo").as("last"), eb.fn.countAll<number>().as("n")])
        .where("quizId", "=", quizId)
        .where("userId", "=", user.id)
        .executeTakeFirstOrThrow();
      if (quiz.attemptsAllowed > 0 && Number(previous.n) >= quiz.attemptsAllowed) throw new DomainError("_form", "attempt.error.noAttemptsLeft");

      let picked = quiz.selection === "fixed" ? await fixedQuestions(trx, quiz.id) : await randomQuestions(trx, quiz.id, quiz.officeId);
      if (picked.length === 0) throw new DomainError("_form", "attempt.error.noQuestions");
      if (quiz.shuffleQuestions) picked = shuffle(picked, randomSeed());
      const items = await buildItems(trx, picked, quiz.shuffleAnswers);

      // The server's deadline: the time limit, but never past the closing time.
      const limits = [
        quiz.timeLimitMinutes ? now.getTime() + quiz.timeLimitMinutes * 60_000 : null,
        quiz.closesAt ? quiz.closesAt.getTime() : null,
      ].filter((t): t is number => t !== null);
      const deadlineAt = limits.length ? new Date(Math.min(...limits)) : null;

      const attemptNo = Number(previous.last ?? 0) + 1;
      const { id } = await trx
        .insertInto("quizAttempts")
        .values({
          officeId: quiz.officeId,
          userId: user.id,
          kind: "quiz",
          quizId: quiz.id,
          attemptNo,
          startedAt: now,
          deadlineAt,
          maxScore: items.filter((i) => i.autoGraded).reduce((s, i) => s + i.points, 0),
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await insertItems(trx, id, items);
      await recordAudit(trx, {
        actorUserId: user.id,
        officeId: quiz.officeId,
        action: "quiz.attempt.start",
        entityType: "quiz_attempt",
        entityId: id,
        after: { quizId: quiz.id, attemptNo, questions: items.length },
      });
      return { attemptId: id, resumed: false };
    });
  try {
    return await run();
  } catch (error) {
    // Two starts at once (a double click, two tabs): the unique (quiz, user, attempt_no) index
    // refuses the second insert; running again finds the first one's attempt and resumes it.
    if (isUniqueViolation(error)) return run();
    throw error;
  }
}

async function insertItems(
  trx: Trx,
  attemptId: number,
  items: { position: number; questionVersionId: number; points: number; choiceOrder: number[] | null }[],
) {
  await trx
    .insertInto("attemptItems")
    .values(
      items.map((i) => ({
        attemptId,
        position: i.position,
        questionVersionId: i.questionVersionId,
        points: i.points,
        choiceOrder: i.choiceOrder ? JSON.stringify(i.choiceOrder) : null,
      })),
    )
    .execute();
}

async function inAudience(
  db: Executor,
  user: Taker,
  quiz: { id: number; audience: "office" | "roles" | "people"; audienceRoles: readonly string[] },
): Promise<boolean> {
  if (quiz.audience === "office") return true;
  if (quiz.audience === "roles") return user.roles.some((r) => quiz.audienceRoles.includes(r));
  const row = await db.selectFrom("quizAudiencePeople").select("userId").where("quizId", "=", quiz.id).where("userId", "=", user.id).executeTakeFirst();
  return Boolean(row);
}

// ---------------------------------------------------------------- grading and submitting

export interface AttemptResult {
  attemptId: number;
  quizId: number | null;
  state: "in_progress" | "submitted";
  score: number | null;
  maxScore: number;
  percent: number | null;
  passed: boolean | null;
  submittedAt: Date | null;
  /** Submitted by the server at the deadline with what was saved. */
  autoSubmitted: boolean;
}

const resultColumns = ["id", "quizId", "state", "score", "maxScore", "percent", "passed", "submittedAt", "deadlineAt"] as const;

function toResult(row: {
  id: number;
  quizId: number | null;
  state: "in_progress" | "submitted";
  score: string | null;
  maxScore: string;
  percent: string | null;
  passed: boolean | null;
  submittedAt: Date | null;
  deadlineAt: Date | null;
}): AttemptResult {
  return {
    attemptId: row.id,
    quizId: row.quizId,
    state: row.state,
    score: num(row.score),
    maxScore: Number(row.maxScore),
    percent: num(row.percent),
    passed: row.passed,
    submittedAt: row.submittedAt,
    autoSubmitted: Boolean(row.submittedAt && row.deadlineAt && row.submittedAt.getTime() >= row.deadlineAt.getTime()),
  };
}

/**
 * Grades every item with the version it pinned and closes the attempt. The caller holds the
 * attempt's row lock (select … for update) in `trx` and has checked it is still in progress.
 */
async function gradeAndSubmit(trx: Trx, attemptId: number, now: Date): Promise<void> {
  const attempt = await trx
    .selectFrom("quizAttempts as a")
    .leftJoin("quizzes as z", "z.id", "a.quizId")
    .select(["a.id", "a.kind", "a.deadlineAt", "z.passPercent"])
    .where("a.id", "=", attemptId)
    .executeTakeFirstOrThrow();
  const items = await trx
    .selectFrom("attemptItems as i")
    .innerJoin("questionVersions as v", "v.id", "i.questionVersionId")
    .select(["i.position", "i.points", "i.response", "v.body"])
    .where("i.attemptId", "=", attemptId)
    .execute();
  let score = 0;
  let max = 0;
  const graded: { position: number; fraction: number | null }[] = [];
  for (const item of items) {
    const fraction = gradeResponse(item.body as GradableQuestion, item.response);
    graded.push({ position: item.position, fraction });
    if (fraction === null) continue;
    max += Number(item.points);
    score += Number(item.points) * fraction;
  }
  if (graded.length) {
    // One statement for all items: the values list pairs each position with its fraction.
    await sql`update attempt_items as i set fraction = g.fraction::numeric
      from (values ${sql.join(graded.map((g) => sql`(${g.position}::int, ${g.fraction === null ? null : String(g.fraction)}::text)`))}) as g(position, fraction)
      where i.attempt_id = ${attemptId} and i.position = g.position`.execute(trx);
  }
  score = round(score, 4);
  const percent = max > 0 ? round((score / max) * 100, 2) : 0;
  const late = attempt.deadlineAt && attempt.deadlineAt <= now;
  await trx
    .updateTable("quizAttempts")
    .set({
      state: "submitted",
      // Past the deadline the attempt counts as handed in at the deadline, with what was saved by then.
      submittedAt: late ? attempt.deadlineAt : now,
      score,
      maxScore: round(max, 4),
      percent,
      passed: attempt.kind === "quiz" ? percent >= (attempt.passPercent ?? 60) : null,
    })
    .where("id", "=", attemptId)
    .execute();
}

/**
 * Submits the attempt and grades it. Submitting twice counts once: the second call finds it
 * submitted (under the row lock) and returns the same result. Null when it is not this person's.
 */
export async function submitAttempt(db: Executor, user: Taker, attemptId: number, now = new Date()): Promise<AttemptResult | null> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom("quizAttempts")
      .select([...resultColumns, "officeId"])
      .where("id", "=", attemptId)
      .where("userId", "=", user.id)
      .where("kind", "=", "quiz")
      .forUpdate()
      .executeTakeFirst();
    if (!row) return null;
    if (row.state === "submitted") return toResult(row);
    await gradeAndSubmit(trx, attemptId, now);
    const after = await trx.selectFrom("quizAttempts").select(resultColumns).where("id", "=", attemptId).executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actorUserId: user.id,
      officeId: row.officeId,
      action: "quiz.attempt.submit",
      entityType: "quiz_attempt",
      entityId: attemptId,
      after: { score: num(after.score), maxScore: Number(after.maxScore), percent: num(after.percent), passed: after.passed },
    });
    return toResult(after);
  });
}

/** Submits, with what was saved, the attempt if its deadline has passed. True when it did. */
async function finishIfExpired(db: Executor, attemptId: number, now: Date): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom("quizAttempts").select(["state", "deadlineAt"]).where("id", "=", attemptId).forUpdate().executeTakeFirst();
    if (!row || row.state !== "in_progress" || !row.deadlineAt || row.deadlineAt > now) return false;
    await gradeAndSubmit(trx, attemptId, now);
    return true;
  });
}

/**
 * Submits every attempt whose deadline has passed (a job can run it; reads and writes also do it
 * lazily for the attempt they touch, so nothing depends on the job or on a browser's timer).
 */
export async function finishExpiredAttempts(db: Executor, now = new Date()): Promise<number> {
  const due = await db
    .selectFrom("quizAttempts")
    .select("id")
    .where("state", "=", "in_progress")
    .where("deadlineAt", "<=", now)
    .execute();
  let finished = 0;
  for (const { id } of due) if (await finishIfExpired(db, id, now)) finished += 1;
  return finished;
}

// ---------------------------------------------------------------- items as the browser sees them

interface ItemRow {
  attemptId: number;
  position: number;
  points: string;
  choiceOrder: number[] | null;
  response: unknown;
  fraction: string | null;
  body: unknown;
}

function questionDto(row: ItemRow): QuestionDto {
  const q = row.body as GradableQuestion;
  const base: QuestionDto = {
    type: q.type,
    name: q.name,
    text: displayText(q.text, q.textFormat),
    single: true,
    choices: [],
    subQuestions: [],
    matchOptions: [],
  };
  if (q.type === "multichoice") {
    const order = row.choiceOrder && row.choiceOrder.length === q.answers.length ? row.choiceOrder : q.answers.map((_, i) => i);
    return { ...base, single: q.single, choices: order.map((index) => ({ index, text: displayText(q.answers[index].text, q.textFormat) })) };
  }
  if (q.type === "matching") {
    return {
      ...base,
      subQuestions: matchingSubQuestions(q).map((index) => ({ index, text: displayText(q.pairs[index].question, q.textFormat) })),
      // Offered in an order of their own, the same at every reload of this attempt.
      matchOptions: shuffle(matchingAnswerOptions(q), `${row.attemptId}:${row.position}:match`),
    };
  }
  return base;
}

function reviewDto(row: ItemRow): ReviewDto {
  const q = row.body as GradableQuestion;
  const fraction = num(row.fraction) ?? gradeResponse(q, row.response);
  const choiceInfo: ReviewDto["choiceInfo"] = {};
  if (q.type === "multichoice") q.answers.forEach((a, i) => (choiceInfo[i] = { fraction: a.fraction, feedback: displayText(a.feedback, q.textFormat) }));
  const accepted =
    q.type === "shortanswer"
      ? q.answers.filter((a) => a.fraction === 1).map((a) => a.text)
      : q.type === "numerical"
        ? q.answers.filter((a) => a.fraction === 1).map((a) => (a.tolerance ? `${a.value} ± ${a.tolerance}` : String(a.value)))
        : [];
  return {
    fraction,
    earned: fraction === null ? null : round(Number(row.points) * fraction, 4),
    correct: correctResponse(q),
    choiceInfo,
    acceptedAnswers: accepted,
    feedback: responseFeedback(q, row.response).map((f) => displayText(f, q.textFormat)),
    generalFeedback: displayText(q.generalFeedback, q.textFormat),
  };
}

function itemDto(row: ItemRow, withReview: boolean): ItemDto {
  const q = row.body as GradableQuestion;
  return {
    position: row.position,
    points: Number(row.points),
    question: questionDto(row),
    response: (row.response ?? null) as QuestionResponse | null,
    complete: responseIsComplete(q, row.response),
    ...(withReview ? { review: reviewDto(row) } : {}),
  };
}

function itemRows(db: Executor, attemptId: number) {
  return db
    .selectFrom("attemptItems as i")
    .innerJoin("questionVersions as v", "v.id", "i.questionVersionId")
    .select(["i.attemptId", "i.position", "i.points", "i.choiceOrder", "i.response", "i.fraction", "i.answeredAt", "v.body"])
    .where("i.attemptId", "=", attemptId)
    .orderBy("i.position")
    .execute();
}

// ---------------------------------------------------------------- taking

/**
 * The attempt for its owner to answer (another person's attempt is not found). Past its deadline it
 * is submitted first, so the page shows it was handed in automatically.
 */
export async function getAttemptForTaking(db: Executor, user: Taker, attemptId: number, now = new Date()) {
  const attempt = await db
    .selectFrom("quizAttempts as a")
    .innerJoin("quizzes as z", "z.id", "a.quizId")
    .select(["a.id", "a.quizId", "a.attemptNo", "a.state", "a.startedAt", "a.deadlineAt", "z.title"])
    .where("a.id", "=", attemptId)
    .where("a.userId", "=", user.id)
    .where("a.kind", "=", "quiz")
    .executeTakeFirst();
  if (!attempt) return null;
  if (attempt.state === "in_progress" && attempt.deadlineAt && attempt.deadlineAt <= now) await finishIfExpired(db, attemptId, now);
  const result = toResult(await db.selectFrom("quizAttempts").select(resultColumns).where("id", "=", attemptId).executeTakeFirstOrThrow());
  const rows = await itemRows(db, attemptId);
  return {
    id: attempt.id,
    quizId: attempt.quizId!,
    quizTitle: attempt.title,
    attemptNo: attempt.attemptNo,
    startedAt: attempt.startedAt,
    deadlineAt: attempt.deadlineAt,
    result,
    // Never the right answers here: the review decides when they may be shown.
    items: rows.map((r) => itemDto(r, false)),
  };
}

export type SaveOutcome = { status: "saved"; saved: number[] } | { status: "submitted"; autoSubmitted: boolean };

/**
 * Saves answers (position → response, null clears) of an attempt in progress. Saving the same
 * answer again changes nothing. After the deadline nothing is saved: the attempt is submitted with
 * what it had, and the outcome says so. Null when the attempt is not this person's.
 */
export async function saveResponses(
  db: Executor,
  user: Taker,
  attemptId: number,
  answers: { position: number; response: QuestionResponse | null }[],
  now = new Date(),
): Promise<SaveOutcome | null> {
  const outcome = await db.transaction().execute(async (trx): Promise<SaveOutcome | "expired" | null> => {
    const attempt = await trx
      .selectFrom("quizAttempts")
      .select(["id", "state", "deadlineAt"])
      .where("id", "=", attemptId)
      .where("userId", "=", user.id)
      .where("kind", "=", "quiz")
      .forUpdate()
      .executeTakeFirst();
    if (!attempt) return null;
    if (attempt.state === "submitted") return { status: "submitted", autoSubmitted: false };
    if (attempt.deadlineAt && attempt.deadlineAt <= now) return "expired";
    const saved = await writeResponses(trx, attemptId, answers, now);
    return { status: "saved", saved };
  });
  if (outcome === "expired") {
    await finishIfExpired(db, attemptId, now);
    return { status: "submitted", autoSubmitted: true };
  }
  return outcome;
}

/** One answer; see saveResponses. */
export function saveResponse(db: Executor, user: Taker, attemptId: number, position: number, response: QuestionResponse | null, now = new Date()) {
  return saveResponses(db, user, attemptId, [{ position, response }], now);
}

async function writeResponses(trx: Trx, attemptId: number, answers: { position: number; response: QuestionResponse | null }[], now: Date) {
  if (answers.length === 0) return [];
  const rows = await trx
    .selectFrom("attemptItems as i")
    .innerJoin("questionVersions as v", "v.id", "i.questionVersionId")
    .select(["i.position", "i.response", "v.body"])
    .where("i.attemptId", "=", attemptId)
    .where(
      "i.position",
      "in",
      answers.map((a) => a.position),
    )
    .execute();
  const byPosition = new Map(rows.map((r) => [r.position, r]));
  const saved: number[] = [];
  for (const answer of answers) {
    const row = byPosition.get(answer.position);
    if (!row) throw new DomainError("_form", "attempt.error.invalidResponse");
    let response: QuestionResponse | null;
    try {
      response = normaliseResponse(row.body as GradableQuestion, answer.response);
    } catch (error) {
      if (error instanceof InvalidResponseError) throw new DomainError("_form", "attempt.error.invalidResponse");
      throw error;
    }
    saved.push(answer.position);
    // Idempotent: the same answer again is not a new write (answered_at keeps the first time).
    if (JSON.stringify(response) === JSON.stringify(row.response ?? null)) continue;
    await trx
      .updateTable("attemptItems")
      .set({ response: response === null ? null : JSON.stringify(response), answeredAt: response === null ? null : now })
      .where("attemptId", "=", attemptId)
      .where("position", "=", answer.position)
      .execute();
  }
  return saved;
}

// ---------------------------------------------------------------- review and history

/**
 * The review (逐題解說) of a quiz attempt: for its owner, and for the office's supervisors
 * ("quizzes.manage") for any attempt of their office. The right answers and explanations follow the
 * quiz's feedback_timing: right after submitting, or only once the quiz has closed (before that the
 * score shows, not the answers). Null when not found for this person.
 */
export async function getAttemptReview(db: Executor, user: Taker, attemptId: number, now = new Date()) {
  const manager = hasPermission(user.roles, "quizzes.manage");
  const attempt = await db
    .selectFrom("quizAttempts as a")
    .innerJoin("quizzes as z", "z.id", "a.quizId")
    .innerJoin("users as u", "u.id", "a.userId")
    .select([
      "a.id",
      "a.userId",
      "a.quizId",
      "a.attemptNo",
      "a.startedAt",
      "a.deadlineAt",
      "z.title",
      "z.feedbackTiming",
      "z.closesAt",
      "z.passPercent",
      "u.name as personName",
      "u.employeeNo",
    ])
    .where("a.id", "=", attemptId)
    .where("a.kind", "=", "quiz")
    .where((eb) => (manager ? eb.or([eb("a.userId", "=", user.id), eb("a.officeId", "=", user.officeId)]) : eb("a.userId", "=", user.id)))
    .executeTakeFirst();
  if (!attempt) return null;
  await finishIfExpired(db, attemptId, now);
  const result = toResult(await db.selectFrom("quizAttempts").select(resultColumns).where("id", "=", attemptId).executeTakeFirstOrThrow());
  const closed = Boolean(attempt.closesAt && attempt.closesAt <= now);
  const answersShown =
    result.state === "submitted" && (manager || attempt.feedbackTiming === "after_submit" || (attempt.feedbackTiming === "after_close" && closed));
  const rows = result.state === "submitted" ? await itemRows(db, attemptId) : [];
  return {
    id: attempt.id,
    quizId: attempt.quizId!,
    quizTitle: attempt.title,
    attemptNo: attempt.attemptNo,
    isOwner: attempt.userId === user.id,
    person: { name: attempt.personName, employeeNo: attempt.employeeNo },
    startedAt: attempt.startedAt,
    passPercent: attempt.passPercent,
    feedbackTiming: attempt.feedbackTiming,
    closesAt: attempt.closesAt,
    result,
    answersShown,
    items: rows.map((r) => {
      const item = itemDto(r, answersShown);
      // Before the answers may be shown, not even right/wrong per question: a true/false mark gives the answer away.
      return answersShown ? item : { ...item, review: undefined };
    }),
  };
}

/** The person's attempts at a quiz, oldest first (attempt history on the quiz page). */
export async function listMyAttempts(db: Executor, userId: number, quizId: number, now = new Date()) {
  const due = await db
    .selectFrom("quizAttempts")
    .select("id")
    .where("userId", "=", userId)
    .where("quizId", "=", quizId)
    .where("state", "=", "in_progress")
    .where("deadlineAt", "<=", now)
    .execute();
  for (const { id } of due) await finishIfExpired(db, id, now);
  const rows = await db
    .selectFrom("quizAttempts")
    .select([...resultColumns, "attemptNo", "startedAt"])
    .where("userId", "=", userId)
    .where("quizId", "=", quizId)
    .where("kind", "=", "quiz")
    .orderBy("attemptNo")
    .execute();
  return rows.map((r) => ({ ...toResult(r), attemptNo: r.attemptNo, startedAt: r.startedAt, deadlineAt: r.deadlineAt }));
}

// ---------------------------------------------------------------- practice (自我練習)

/** Categories of the office's bank that practice can draw from, with how many questions each holds. */
export async function listPracticeTopics(db: Executor, officeId: number) {
  const rows = await db
    .selectFrom("questions as q")
    .innerJoin("questionVersions as v", "v.id", "q.currentVersionId")
    .select((eb) => ["q.category", eb.fn.countAll<number>().as("n")])
    .where("q.officeId", "=", officeId)
    .where("q.active", "=", true)
    .where("v.type", "in", AUTO_GRADED_TYPES)
    .groupBy("q.category")
    .orderBy("q.category")
    .execute();
  return rows.map((r) => ({ category: r.category, count: Number(r.n) }));
}

/** Random questions from the chosen topics (and their sub-topics); no deadline, never in a quiz's statistics. */
export async function startPractice(db: Executor, user: Taker, input: StartPracticeInput): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const candidates = await candidateQuestions(trx, user.officeId, input.categories, []);
    if (candidates.length === 0) throw new DomainError("categories", "practice.error.noQuestions");
    const picked = shuffle(candidates, randomSeed())
      .slice(0, input.count)
      .map((c) => ({ questionId: c.id, versionId: c.currentVersionId!, points: 1 }));
    const items = await buildItems(trx, picked, true);
    const last = await trx
      .selectFrom("quizAttempts")
      .select((eb) => eb.fn.max("attemptNo").as("n"))
      .where("userId", "=", user.id)
      .where("kind", "=", "practice")
      .executeTakeFirst();
    const { id } = await trx
      .insertInto("quizAttempts")
      .values({
        officeId: user.officeId,
        userId: user.id,
        kind: "practice",
        quizId: null,
        attemptNo: Number(last?.n ?? 0) + 1,
        maxScore: items.length,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await insertItems(trx, id, items);
    return id;
  });
}

/** A practice session of its owner, with the explanation of every question answered so far. */
export async function getPractice(db: Executor, user: Taker, attemptId: number) {
  const attempt = await db
    .selectFrom("quizAttempts")
    .select(resultColumns)
    .where("id", "=", attemptId)
    .where("userId", "=", user.id)
    .where("kind", "=", "practice")
    .executeTakeFirst();
  if (!attempt) return null;
  const rows = await itemRows(db, attemptId);
  const items = rows.map((r) => ({ ...itemDto(r, r.answeredAt !== null), answered: r.answeredAt !== null }));
  return { id: attemptId, result: toResult(attempt), items };
}

/**
 * Answers one practice question: saved, graded at once, and the right answer, the feedback and the
 * explanation returned. The first answer counts; answering again returns it unchanged. The
 * session is marked done (with its score) when its last question is answered.
 */
export async function answerPractice(db: Executor, user: Taker, attemptId: number, position: number, response: QuestionResponse | null, now = new Date()) {
  return db.transaction().execute(async (trx) => {
    const attempt = await trx
      .selectFrom("quizAttempts")
      .select(["id", "state"])
      .where("id", "=", attemptId)
      .where("userId", "=", user.id)
      .where("kind", "=", "practice")
      .forUpdate()
      .executeTakeFirst();
    if (!attempt) return null;
    const item = await trx
      .selectFrom("attemptItems as i")
      .innerJoin("questionVersions as v", "v.id", "i.questionVersionId")
      .select(["i.attemptId", "i.position", "i.points", "i.choiceOrder", "i.response", "i.fraction", "i.answeredAt", "v.body"])
      .where("i.attemptId", "=", attemptId)
      .where("i.position", "=", position)
      .executeTakeFirst();
    if (!item) return null;
    if (item.answeredAt) return itemDto(item, true);
    let stored: QuestionResponse | null;
    try {
      stored = normaliseResponse(item.body as GradableQuestion, response);
    } catch (error) {
      if (error instanceof InvalidResponseError) throw new DomainError("_form", "attempt.error.invalidResponse");
      throw error;
    }
    if (stored === null) throw new DomainError("_form", "practice.error.answerFirst");
    const fraction = gradeResponse(item.body as GradableQuestion, stored);
    await trx
      .updateTable("attemptItems")
      .set({ response: JSON.stringify(stored), answeredAt: now, fraction })
      .where("attemptId", "=", attemptId)
      .where("position", "=", position)
      .execute();
    const open = await trx
      .selectFrom("attemptItems")
      .select("position")
      .where("attemptId", "=", attemptId)
      .where("answeredAt", "is", null)
      .executeTakeFirst();
    if (!open && attempt.state === "in_progress") await gradeAndSubmit(trx, attemptId, now);
    return itemDto({ ...item, response: stored, fraction: fraction === null ? null : String(fraction) }, true);
  });
}

/** The person's recent practice sessions, newest first. */
export async function listMyPractice(db: Executor, userId: number, limit = 10) {
  const rows = await db
    .selectFrom("quizAttempts as a")
    .select((eb) => [
      ...resultColumns.map((c) => `a.${c}` as const),
      "a.startedAt",
      eb
        .selectFrom("attemptItems as i")
        .select(eb.fn.countAll<number>().as("n"))
        .whereRef("i.attemptId", "=", "a.id")
        .where("i.answeredAt", "is not", null)
        .as("answered"),
      eb.selectFrom("attemptItems as i").select(eb.fn.countAll<number>().as("n")).whereRef("i.attemptId", "=", "a.id").as("total"),
    ])
    .where("a.userId", "=", userId)
    .where("a.kind", "=", "practice")
    .orderBy("a.startedAt", "desc")
    .orderBy("a.id", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...toResult(r), startedAt: r.startedAt, answered: Number(r.answered ?? 0), total: Number(r.total ?? 0) }));
}
