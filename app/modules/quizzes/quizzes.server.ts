// 法令測驗 (seed 基礎服務 3.(3)): quizzes of an office — authoring by supervisors, and the list and
// intro page every member of the audience sees. Attempts themselves live in attempts.server.ts.
import type { Executor, Role } from "../db.server";
import { sql } from "../db.server";
import { changedFields, recordAudit } from "../audit/audit.server";
import type { CurrentUser } from "../auth/session.server";
import { hasPermission } from "../auth/roles";
import { DomainError } from "../domain-error";
import { AUDIENCE_ROLES, categoriesOverlap, quizWindowStatus, type QuizInput, type QuizWindowStatus } from "./quizzes.schema";

// Types a quiz can mark by itself; essays need a person and descriptions are not questions.
const QUIZ_QUESTION_TYPES = ["multichoice", "truefalse", "shortanswer", "numerical", "matching"] as const;

const num = (v: string | number | null | undefined): number | null => (v === null || v === undefined ? null : Number(v));

// ------------------------------------------------------------------------------ the office's people

export interface OfficeMember {
  id: number;
  employeeNo: string;
  name: string;
  title: string;
  roles: Role[];
}

/** Active people holding a quiz-taking role in the office (the possible audience), by employee number. */
export async function listOfficeMembers(db: Executor, officeId: number): Promise<OfficeMember[]> {
  const rows = await db
    .selectFrom("userRoles as r")
    .innerJoin("users as u", "u.id", "r.userId")
    .select(["u.id", "u.employeeNo", "u.name", "u.title", "r.role"])
    .where("r.officeId", "=", officeId)
    .where("u.active", "=", true)
    .orderBy("u.employeeNo")
    .execute();
  const byId = new Map<number, OfficeMember>();
  for (const r of rows) {
    const m = byId.get(r.id) ?? { id: r.id, employeeNo: r.employeeNo, name: r.name, title: r.title, roles: [] };
    m.roles.push(r.role);
    byId.set(r.id, m);
  }
  return [...byId.values()].filter((m) => m.roles.some((role) => (AUDIENCE_ROLES as readonly string[]).includes(role)));
}

interface AudienceRule {
  id: number;
  audience: "office" | "roles" | "people";
  audienceRoles: Role[];
}

/** The members a quiz is meant for. */
export function audienceOf(quiz: AudienceRule, members: OfficeMember[], people: Set<number>): OfficeMember[] {
  if (quiz.audience === "roles") return members.filter((m) => m.roles.some((r) => quiz.audienceRoles.includes(r)));
  if (quiz.audience === "people") return members.filter((m) => people.has(m.id));
  return members;
}

async function audiencePeopleOf(db: Executor, quizIds: number[]): Promise<Map<number, Set<number>>> {
  const map = new Map<number, Set<number>>();
  if (quizIds.length === 0) return map;
  const rows = await db.selectFrom("quizAudiencePeople").select(["quizId", "userId"]).where("quizId", "in", quizIds).execute();
  for (const r of rows) {
    const set = map.get(r.quizId) ?? new Set<number>();
    set.add(r.userId);
    map.set(r.quizId, set);
  }
  return map;
}

function inAudience(quiz: AudienceRule, user: CurrentUser, people: Set<number> | undefined): boolean {
  if (!hasPermission(user.roles, "quizzes.take")) return false;
  if (quiz.audience === "roles") return user.roles.some((r) => quiz.audienceRoles.includes(r));
  if (quiz.audience === "people") return people?.has(user.id) ?? false;
  return true;
}

// ------------------------------------------------------------------------------ bank choices

export interface QuestionChoice {
  id: number;
  category: string;
  name: string;
  type: string;
  /** The start of the question text, for the picker's search. */
  excerpt: string;
}

/** Active questions of the office a fixed quiz may use, by category and name. */
export async function listQuestionChoices(db: Executor, officeId: number): Promise<QuestionChoice[]> {
  const rows = await db
    .selectFrom("questions as q")
    .innerJoin("questionVersions as v", "v.id", "q.currentVersionId")
    .select(["q.id", "q.category", "v.name", "v.type", "v.text"])
    .where("q.officeId", "=", officeId)
    .where("q.active", "=", true)
    .where("v.type", "in", [...QUIZ_QUESTION_TYPES])
    .orderBy("q.category")
    .orderBy("q.externalId")
    .execute();
  return rows.map((r) => ({ id: r.id, category: r.category, name: r.name, type: r.type, excerpt: Array.from(r.text.replace(/\s+/g, " ")).slice(0, 120).join("") }));
}

/**
 * Category choices of random rules: each category holding questions a quiz can draw (active,
 * auto-graded — the same filter the draw in attempts.server.ts uses; question-bank's
 * listCategories counts every type) and every parent path above it, with how many questions each
 * holds, sub-categories included.
 */
export function categoryChoicesOf(questions: { category: string }[]): { category: string; questionCount: number }[] {
  const counts = new Map<string, number>();
  for (const { category } of questions) {
    if (!category) continue;
    const parts = category.split("/");
    for (let i = 1; i <= parts.length; i++) {
      const path = parts.slice(0, i).join("/");
      counts.set(path, (counts.get(path) ?? 0) + 1);
    }
  }
  return [...counts.entries()].map(([category, questionCount]) => ({ category, questionCount })).sort((a, b) => a.category.localeCompare(b.category, "zh-Hant"));
}

export async function listCategoryChoices(db: Executor, officeId: number) {
  return categoryChoicesOf(await listQuestionChoices(db, officeId));
}

// ------------------------------------------------------------------------------ authoring

async function quizHasAttempts(db: Executor, quizId: number): Promise<boolean> {
  const row = await db.selectFrom("quizAttempts").select("id").where("quizId", "=", quizId).where("kind", "=", "quiz").limit(1).executeTakeFirst();
  return Boolean(row);
}

/** A quiz of the office as the edit form needs it; undefined for another office's or a missing one. */
export async function getQuizForEdit(db: Executor, officeId: number, quizId: number) {
  const quiz = await db
    .selectFrom("quizzes")
    .select([
      "id",
      "title",
      "description",
      "selection",
      "shuffleQuestions",
      "shuffleAnswers",
      "timeLimitMinutes",
      "opensAt",
      "closesAt",
      "attemptsAllowed",
      "grading",
      "passPercent",
      "feedbackTiming",
      "audience",
      "audienceRoles",
      "published",
      "updatedAt",
    ])
    .where("id", "=", quizId)
    .where("officeId", "=", officeId)
    .executeTakeFirst();
  if (!quiz) return undefined;
  const [questions, rules, people, hasAttempts] = await Promise.all([
    db.selectFrom("quizQuestions").select(["questionId", "points", "position"]).where("quizId", "=", quizId).orderBy("position").execute(),
    db.selectFrom("quizRandomRules").select(["category", "count"]).where("quizId", "=", quizId).orderBy("id").execute(),
    db.selectFrom("quizAudiencePeople").select("userId").where("quizId", "=", quizId).execute(),
    quizHasAttempts(db, quizId),
  ]);
  return {
    ...quiz,
    questions: questions.map((q) => ({ questionId: q.questionId, points: Number(q.points) })),
    rules,
    audienceUserIds: people.map((p) => p.userId).sort((a, b) => a - b),
    hasAttempts,
  };
}

async function validateContent(db: Executor, officeId: number, input: QuizInput) {
  if (input.selection === "fixed") {
    const ids = input.questions.map((q) => q.questionId);
    const found = await db
      .selectFrom("questions as q")
      .innerJoin("questionVersions as v", "v.id", "q.currentVersionId")
      .select("q.id")
      .where("q.officeId", "=", officeId)
      .where("q.active", "=", true)
      .where("v.type", "in", [...QUIZ_QUESTION_TYPES])
      .where("q.id", "in", ids)
      .execute();
    if (found.length !== new Set(ids).size) throw new DomainError("questionIds", "errors.quizAdmin.questionUnavailable");
  } else {
    const choices = await listCategoryChoices(db, officeId);
    for (const rule of input.rules) {
      if (input.rules.some((other) => other !== rule && categoriesOverlap(other.category, rule.category))) {
        throw new DomainError("rules", "errors.quizAdmin.overlappingCategories");
      }
      const available = choices.find((c) => c.category === rule.category)?.questionCount ?? 0;
      if (available === 0) throw new DomainError("rules", "errors.quizAdmin.ruleCategory");
      if (rule.count > available) throw new DomainError("rules", "errors.quizAdmin.ruleTooMany");
    }
  }
}

async function validateAudience(db: Executor, officeId: number, input: QuizInput) {
  if (input.audience === "people") {
    const members = new Set((await listOfficeMembers(db, officeId)).map((m) => m.id));
    if (input.audienceUserIds.some((id) => !members.has(id))) throw new DomainError("audienceUserIds", "errors.quizAdmin.personNotInOffice");
  }
}

function settingsOf(input: QuizInput) {
  return {
    title: input.title,
    description: input.description,
    shuffleQuestions: input.shuffleQuestions,
    shuffleAnswers: input.shuffleAnswers,
    timeLimitMinutes: input.timeLimitMinutes,
    opensAt: input.opensAt,
    closesAt: input.closesAt,
    attemptsAllowed: input.attemptsAllowed,
    feedbackTiming: input.feedbackTiming,
    audience: input.audience,
    audienceRoles: JSON.stringify(input.audienceRoles),
    published: input.published,
  };
}

async function writeContent(db: Executor, quizId: number, input: QuizInput) {
  await db.deleteFrom("quizQuestions").where("quizId", "=", quizId).execute();
  await db.deleteFrom("quizRandomRules").where("quizId", "=", quizId).execute();
  if (input.questions.length) {
    await db
      .insertInto("quizQuestions")
      .values(input.questions.map((q, i) => ({ quizId, questionId: q.questionId, position: i + 1, points: q.points })))
      .execute();
  }
  if (input.rules.length) await db.insertInto("quizRandomRules").values(input.rules.map((r) => ({ quizId, category: r.category, count: r.count }))).execute();
}

async function writeAudiencePeople(db: Executor, quizId: number, userIds: number[]) {
  await db.deleteFrom("quizAudiencePeople").where("quizId", "=", quizId).execute();
  if (userIds.length) await db.insertInto("quizAudiencePeople").values(userIds.map((userId) => ({ quizId, userId }))).execute();
}

/** What the audit log keeps of a quiz: its settings in plain values. */
function auditView(q: {
  title: string;
  description: string;
  selection: string;
  questions: { questionId: number; points: number }[];
  rules: { category: string; count: number }[];
  shuffleQuestions: boolean;
  shuffleAnswers: boolean;
  timeLimitMinutes: number | null;
  opensAt: Date | null;
  closesAt: Date | null;
  attemptsAllowed: number;
  grading: string;
  passPercent: number;
  feedbackTiming: string;
  audience: string;
  audienceRoles: string[];
  audienceUserIds: number[];
  published: boolean;
}) {
  return {
    ...q,
    opensAt: q.opensAt ? new Date(q.opensAt).toISOString() : null,
    closesAt: q.closesAt ? new Date(q.closesAt).toISOString() : null,
    rules: q.rules.map((r) => ({ category: r.category, count: r.count })),
  };
}

export async function createQuiz(db: Executor, actor: CurrentUser, input: QuizInput): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await validateContent(trx, actor.officeId, input);
    await validateAudience(trx, actor.officeId, input);
    const { id } = await trx
      .insertInto("quizzes")
      .values({ ...settingsOf(input), officeId: actor.officeId, selection: input.selection, grading: input.grading, passPercent: input.passPercent, createdBy: actor.id })
      .returning("id")
      .executeTakeFirstOrThrow();
    await writeContent(trx, id, input);
    await writeAudiencePeople(trx, id, input.audienceUserIds);
    await recordAudit(trx, { actorUserId: actor.id, officeId: actor.officeId, action: "quiz.create", entityType: "quiz", entityId: id, after: auditView(input) });
    return id;
  });
}

/**
 * Saves a quiz of the actor's office; false when it is not found there. Once anyone has started
 * it, its questions, selection, pass mark and grading stay as they were (attempts and scores
 * depend on them); dates, texts, audience and the other settings may still change.
 */
export async function updateQuiz(db: Executor, actor: CurrentUser, quizId: number, input: QuizInput): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const current = await getQuizForEdit(trx, actor.officeId, quizId);
    if (!current) return false;
    const locked = current.hasAttempts;
    const effective: QuizInput = locked
      ? { ...input, selection: current.selection, questions: current.questions, rules: current.rules, passPercent: current.passPercent, grading: current.grading }
      : input;
    if (!locked) await validateContent(trx, actor.officeId, effective);
    await validateAudience(trx, actor.officeId, effective);
    const before = auditView({ ...current, audienceRoles: current.audienceRoles });
    const after = auditView(effective);
    const diff = changedFields(before, after);
    if (!diff.changed) return true;
    await trx
      .updateTable("quizzes")
      .set({ ...settingsOf(effective), selection: effective.selection, grading: effective.grading, passPercent: effective.passPercent, updatedAt: new Date() })
      .where("id", "=", quizId)
      .where("officeId", "=", actor.officeId)
      .execute();
    if (!locked && ("questions" in diff.after || "rules" in diff.after || "selection" in diff.after)) await writeContent(trx, quizId, effective);
    if ("audienceUserIds" in diff.after) await writeAudiencePeople(trx, quizId, effective.audienceUserIds);
    await recordAudit(trx, { actorUserId: actor.id, officeId: actor.officeId, action: "quiz.update", entityType: "quiz", entityId: quizId, before: diff.before, after: diff.after });
    return true;
  });
}

// ------------------------------------------------------------------------------ reading

const QUIZ_COLUMNS = [
  "q.id",
  "q.title",
  "q.description",
  "q.selection",
  "q.timeLimitMinutes",
  "q.opensAt",
  "q.closesAt",
  "q.attemptsAllowed",
  "q.grading",
  "q.passPercent",
  "q.feedbackTiming",
  "q.audience",
  "q.audienceRoles",
  "q.published",
  "q.shuffleQuestions",
  "q.shuffleAnswers",
] as const;

function officeQuizzes(db: Executor, officeId: number) {
  return db
    .selectFrom("quizzes as q")
    .select(QUIZ_COLUMNS)
    .select((eb) => [
      eb.selectFrom("quizQuestions as qq").select(eb.fn.countAll<number>().as("n")).whereRef("qq.quizId", "=", "q.id").as("fixedCount"),
      eb.selectFrom("quizRandomRules as rr").select((e) => e.fn.sum<number>("rr.count").as("n")).whereRef("rr.quizId", "=", "q.id").as("randomCount"),
    ])
    .where("q.officeId", "=", officeId);
}

type QuizRow = Awaited<ReturnType<ReturnType<typeof officeQuizzes>["execute"]>>[number];

function questionCountOf(row: QuizRow): number {
  return row.selection === "fixed" ? Number(row.fixedCount ?? 0) : Number(row.randomCount ?? 0);
}

export interface MyAttempt {
  id: number;
  attemptNo: number;
  state: "in_progress" | "submitted";
  startedAt: Date;
  submittedAt: Date | null;
  score: number | null;
  maxScore: number;
  percent: number | null;
}

async function myAttempts(db: Executor, userId: number, quizIds: number[]): Promise<Map<number, MyAttempt[]>> {
  const map = new Map<number, MyAttempt[]>();
  if (quizIds.length === 0) return map;
  const rows = await db
    .selectFrom("quizAttempts")
    .select(["id", "quizId", "attemptNo", "state", "startedAt", "submittedAt", "score", "maxScore", "percent"])
    .where("userId", "=", userId)
    .where("kind", "=", "quiz")
    .where("quizId", "in", quizIds)
    .orderBy("attemptNo")
    .execute();
  for (const r of rows) {
    const list = map.get(r.quizId!) ?? [];
    list.push({ id: r.id, attemptNo: r.attemptNo, state: r.state, startedAt: r.startedAt, submittedAt: r.submittedAt, score: num(r.score), maxScore: Number(r.maxScore), percent: num(r.percent) });
    map.set(r.quizId!, list);
  }
  return map;
}

/** My result of a quiz by its grading method: the best or the last submitted attempt. */
export function resultOf(attempts: MyAttempt[], grading: "highest" | "last", passPercent: number) {
  const submitted = attempts.filter((a) => a.state === "submitted" && a.percent !== null);
  if (submitted.length === 0) return { best: null, last: null, grade: null, passed: null };
  const best = Math.max(...submitted.map((a) => a.percent!));
  const last = submitted[submitted.length - 1].percent!;
  const grade = grading === "highest" ? best : last;
  return { best, last, grade, passed: grade >= passPercent };
}

export interface QuizListItem {
  id: number;
  title: string;
  status: QuizWindowStatus;
  opensAt: Date | null;
  closesAt: Date | null;
  timeLimitMinutes: number | null;
  questionCount: number;
  passPercent: number;
  attemptsAllowed: number;
  myAttemptCount: number;
  inProgress: boolean;
  best: number | null;
  last: number | null;
  passed: boolean | null;
}

export interface QuizManageItem {
  id: number;
  title: string;
  published: boolean;
  status: QuizWindowStatus;
  opensAt: Date | null;
  closesAt: Date | null;
  selection: "fixed" | "random";
  questionCount: number;
  participants: number;
  audienceSize: number;
}

/**
 * The quizzes page: published quizzes of the user's office whose audience includes them, with
 * where each stands and their own result; for "quizzes.manage" also every quiz of the office
 * (drafts too) with its participants against its audience.
 */
export async function listQuizzesForUser(db: Executor, user: CurrentUser, now: Date = new Date()) {
  const canManage = hasPermission(user.roles, "quizzes.manage");
  const rows = await officeQuizzes(db, user.officeId).orderBy(sql`coalesce(q.opens_at, q.created_at)`, "desc").orderBy("q.id", "desc").execute();
  const people = await audiencePeopleOf(
    db,
    rows.filter((r) => r.audience === "people").map((r) => r.id),
  );
  const visible = rows.filter((r) => r.published && inAudience(r, user, people.get(r.id)));
  const attempts = await myAttempts(
    db,
    user.id,
    visible.map((r) => r.id),
  );
  const mine: QuizListItem[] = visible.map((r) => {
    const list = attempts.get(r.id) ?? [];
    const result = resultOf(list, r.grading, r.passPercent);
    return {
      id: r.id,
      title: r.title,
      status: quizWindowStatus(r, now),
      opensAt: r.opensAt,
      closesAt: r.closesAt,
      timeLimitMinutes: r.timeLimitMinutes,
      questionCount: questionCountOf(r),
      passPercent: r.passPercent,
      attemptsAllowed: r.attemptsAllowed,
      myAttemptCount: list.length,
      inProgress: list.some((a) => a.state === "in_progress"),
      best: result.best,
      last: result.last,
      passed: result.passed,
    };
  });
  let manage: QuizManageItem[] | null = null;
  if (canManage) {
    const members = await listOfficeMembers(db, user.officeId);
    const participantRows = rows.length
      ? await db
          .selectFrom("quizAttempts")
          .select((eb) => ["quizId", eb.fn.count<number>("userId").distinct().as("n")])
          .where("kind", "=", "quiz")
          .where("state", "=", "submitted")
          .where(
            "quizId",
            "in",
            rows.map((r) => r.id),
          )
          .groupBy("quizId")
          .execute()
      : [];
    const participants = new Map(participantRows.map((p) => [p.quizId, Number(p.n)]));
    manage = rows.map((r) => ({
      id: r.id,
      title: r.title,
      published: r.published,
      status: quizWindowStatus(r, now),
      opensAt: r.opensAt,
      closesAt: r.closesAt,
      selection: r.selection,
      questionCount: questionCountOf(r),
      participants: participants.get(r.id) ?? 0,
      audienceSize: audienceOf(r, members, people.get(r.id) ?? new Set()).length,
    }));
  }
  return { mine, manage, canManage };
}

/** Why the start button is not offered. */
export type StartBlock = "draft" | "upcoming" | "closed" | "noAttemptsLeft" | "notInAudience" | null;

/**
 * A quiz's intro page: its rules, my attempts and whether I may start or continue. Undefined
 * (→ 404) when the quiz is not in my office, or I am neither in its audience nor a manager, or it
 * is a draft and I am not a manager.
 */
export async function getQuizIntro(db: Executor, user: CurrentUser, quizId: number, now: Date = new Date()) {
  const row = await officeQuizzes(db, user.officeId).where("q.id", "=", quizId).executeTakeFirst();
  if (!row) return undefined;
  const canManage = hasPermission(user.roles, "quizzes.manage");
  const people = row.audience === "people" ? ((await audiencePeopleOf(db, [row.id])).get(row.id) ?? new Set<number>()) : undefined;
  const audience = inAudience(row, user, people);
  if (!canManage && (!audience || !row.published)) return undefined;
  const attempts = (await myAttempts(db, user.id, [row.id])).get(row.id) ?? [];
  const status = quizWindowStatus(row, now);
  const inProgress = attempts.find((a) => a.state === "in_progress") ?? null;
  const attemptsLeft = row.attemptsAllowed === 0 ? null : Math.max(0, row.attemptsAllowed - attempts.length);
  let block: StartBlock = null;
  if (!row.published) block = "draft";
  else if (!audience) block = "notInAudience";
  else if (status === "upcoming") block = "upcoming";
  else if (status === "closed") block = "closed";
  else if (!inProgress && attemptsLeft === 0) block = "noAttemptsLeft";
  const result = resultOf(attempts, row.grading, row.passPercent);
  return {
    quiz: {
      id: row.id,
      title: row.title,
      description: row.description,
      selection: row.selection,
      questionCount: questionCountOf(row),
      timeLimitMinutes: row.timeLimitMinutes,
      opensAt: row.opensAt,
      closesAt: row.closesAt,
      attemptsAllowed: row.attemptsAllowed,
      grading: row.grading,
      passPercent: row.passPercent,
      feedbackTiming: row.feedbackTiming,
      published: row.published,
      status,
    },
    attempts: attempts.map((a) => ({ ...a, passed: a.percent === null ? null : a.percent >= row.passPercent })),
    attemptsLeft,
    inProgressAttemptId: inProgress?.id ?? null,
    block,
    result,
    canManage,
  };
}

/** A quiz of the office for the management pages (stats, presenter); undefined when not found there. */
export async function getOfficeQuiz(db: Executor, officeId: number, quizId: number) {
  const row = await officeQuizzes(db, officeId).where("q.id", "=", quizId).executeTakeFirst();
  if (!row) return undefined;
  const people = row.audience === "people" ? ((await audiencePeopleOf(db, [row.id])).get(row.id) ?? new Set<number>()) : new Set<number>();
  const members = await listOfficeMembers(db, officeId);
  return { ...row, questionCount: questionCountOf(row), audienceMembers: audienceOf(row, members, people) };
}

/** What the quiz form's pickers need (new and edit pages): bank questions, categories, people. */
export async function loadQuizFormChoices(db: Executor, officeId: number) {
  const [questions, categories, members] = await Promise.all([listQuestionChoices(db, officeId), listCategoryChoices(db, officeId), listOfficeMembers(db, officeId)]);
  return {
    questions,
    categories,
    members: members.map((m) => ({ id: m.id, employeeNo: m.employeeNo, name: m.name, title: m.title })),
  };
}

/** For the home page: open quizzes this person has not finished (in progress, or not yet taken). */
export async function listQuizzesWaitingFor(db: Executor, user: CurrentUser, now: Date = new Date()) {
  // Only the quizzes open now are read (the window rule of quizWindowStatus, in SQL): the home page asks
  // this on every visit, and an office's quizzes pile up year after year (issue 10).
  const open = await officeQuizzes(db, user.officeId)
    .where("q.published", "=", true)
    .where((eb) => eb.or([eb("q.opensAt", "is", null), eb("q.opensAt", "<=", now)]))
    .where((eb) => eb.or([eb("q.closesAt", "is", null), eb("q.closesAt", ">", now)]))
    .orderBy(sql`coalesce(q.opens_at, q.created_at)`, "desc")
    .orderBy("q.id", "desc")
    .execute();
  const people = await audiencePeopleOf(
    db,
    open.filter((r) => r.audience === "people").map((r) => r.id),
  );
  const visible = open.filter((r) => inAudience(r, user, people.get(r.id)));
  const attempts = await myAttempts(
    db,
    user.id,
    visible.map((r) => r.id),
  );
  return visible
    .map((r) => ({ r, list: attempts.get(r.id) ?? [] }))
    .filter(({ list }) => list.length === 0 || list.some((a) => a.state === "in_progress"))
    .map(({ r, list }) => ({ id: r.id, title: r.title, closesAt: r.closesAt, inProgress: list.some((a) => a.state === "in_progress") }));
}
