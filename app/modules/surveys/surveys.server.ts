// Semiannual employee surveys on the database (issue 7; PRODUCT.md module 7). Anonymity is kept by the
// tables: survey_participation (round, user, done — no time) and survey_responses (random uuid, round,
// answers — no user, session or time) are never joined; a submission moves the draft into an anonymous
// response, marks the person done and deletes the draft in one transaction; the audit row says "a
// response was submitted to round X" without the user. Results are shown only after the round closes
// (live figures would leak each answer by difference), and only above the office's thresholds.
import type { Kysely } from "kysely";
import { recordAudit } from "../audit/audit.server";
import type { CurrentUser } from "../auth/session.server";
import { sql, type Database, type Executor } from "../db.server";
import { DomainError } from "../domain-error";
import { notify } from "../notifications/notifications.server";
import { normaliseAnswers, normaliseDemographics, submissionRefusal, validateAnswers, type AnswerError, type RawAnswers, type SurveyAnswers } from "./answers";
import { compareRounds } from "./comparison";
import { anonymousResponseId, responseRate, roundPeriodLabel } from "./response-rate";
import { breakdownResults, DEFAULT_THRESHOLDS, surveyResults, validateThresholds, type SurveyResponse, type Thresholds } from "./results";
import { DEFAULT_TEMPLATE, DEMOGRAPHIC_QUESTIONS, type DemographicQuestion, type SurveyTemplate } from "./template";

type Db = Kysely<Database>;

const MANAGING = ["supervisor", "director"];
export const isSurveyManager = (user: Pick<CurrentUser, "roles">) => user.roles.some((r) => MANAGING.includes(r));
function requireManager(user: CurrentUser) {
  if (!isSurveyManager(user)) throw new Response("Forbidden", { status: 403 });
}

export async function getThresholds(db: Executor, officeId: number): Promise<Thresholds> {
  const row = await db.selectFrom("surveySettings").select(["scoreThreshold", "commentThreshold"]).where("officeId", "=", officeId).executeTakeFirst();
  return row ? { scores: row.scoreThreshold, comments: row.commentThreshold } : DEFAULT_THRESHOLDS;
}

export async function setThresholds(db: Db, user: CurrentUser, thresholds: Thresholds): Promise<void> {
  requireManager(user);
  const problems = validateThresholds(thresholds);
  if (problems.length) throw new DomainError("scores", problems[0]);
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("surveySettings")
      .values({ officeId: user.officeId, scoreThreshold: thresholds.scores, commentThreshold: thresholds.comments })
      .onConflict((oc) => oc.column("officeId").doUpdateSet({ scoreThreshold: thresholds.scores, commentThreshold: thresholds.comments }))
      .execute();
    await recordAudit(trx, { actorUserId: user.id, officeId: user.officeId, action: "surveySettings.update", entityType: "office", entityId: user.officeId, after: thresholds });
  });
}

/** The people a round is for: everyone working in the office when it opens. */
async function audienceOf(db: Executor, officeId: number): Promise<number[]> {
  const rows = await db
    .selectFrom("userRoles as r")
    .innerJoin("users as u", "u.id", "r.userId")
    .select("u.id")
    .distinct()
    .where("r.officeId", "=", officeId)
    .where("u.active", "=", true)
    .where("r.role", "in", ["staff", "committee", "chair", "supervisor", "director"])
    .execute();
  return rows.map((r) => r.id).sort((a, b) => a - b);
}

export interface RoundInput {
  year: number;
  half: 1 | 2;
  opensOn: string;
  closesOn: string;
  demographicIds: string[];
}

/** A round for a half-year, with the default template; questions can still change until it opens. */
export async function createRound(db: Db, user: CurrentUser, input: RoundInput): Promise<number> {
  requireManager(user);
  if (input.closesOn < input.opensOn) throw new DomainError("closesOn", "結束日期不能早於開始日期。");
  const demographics = Object.values(DEMOGRAPHIC_QUESTIONS).filter((q) => input.demographicIds.includes(q.id));
  return db.transaction().execute(async (trx) => {
    const exists = await trx.selectFrom("surveyRounds").select("id").where("officeId", "=", user.officeId).where("year", "=", input.year).where("half", "=", input.half).executeTakeFirst();
    if (exists) throw new DomainError("half", "這個半年度已經有一次調查。");
    const title = `${roundPeriodLabel(input.year, input.half)}員工滿意度調查`;
    const { id } = await trx
      .insertInto("surveyRounds")
      .values({
        officeId: user.officeId,
        title,
        year: input.year,
        half: input.half,
        template: JSON.stringify(DEFAULT_TEMPLATE),
        demographics: JSON.stringify(demographics),
        thresholds: JSON.stringify(await getThresholds(trx, user.officeId)),
        opensOn: input.opensOn,
        closesOn: input.closesOn,
        createdBy: user.id,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, { actorUserId: user.id, officeId: user.officeId, action: "surveyRound.create", entityType: "surveyRound", entityId: id, after: { title, ...input } });
    return id;
  });
}

async function roundRow(db: Executor, user: CurrentUser, id: number, lock = false) {
  let q = db
    .selectFrom("surveyRounds")
    .select(["id", "officeId", "title", "year", "half", "template", "demographics", "thresholds", sql<string>`to_char(opens_on, 'YYYY-MM-DD')`.as("opensOn"), sql<string>`to_char(closes_on, 'YYYY-MM-DD')`.as("closesOn"), "state"])
    .where("id", "=", id)
    .where("officeId", "=", user.officeId);
  if (lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw new Response("Not Found", { status: 404 });
  return {
    ...row,
    template: row.template as SurveyTemplate,
    demographics: row.demographics as DemographicQuestion[],
    thresholds: row.thresholds as Thresholds,
  };
}

/** 開始調查: the questions are locked, the audience fixed and told. */
export async function openRound(db: Db, user: CurrentUser, id: number): Promise<number> {
  requireManager(user);
  return db.transaction().execute(async (trx) => {
    const round = await roundRow(trx, user, id, true);
    if (round.state !== "planned") throw new DomainError("_form", "只有尚未開始的調查可以開始。");
    const audience = await audienceOf(trx, user.officeId);
    await trx.updateTable("surveyRounds").set({ state: "open" }).where("id", "=", id).execute();
    if (audience.length) await trx.insertInto("surveyParticipation").values(audience.map((userId) => ({ roundId: id, userId }))).execute();
    await recordAudit(trx, { actorUserId: user.id, officeId: user.officeId, action: "surveyRound.open", entityType: "surveyRound", entityId: id, after: { audience: audience.length } });
    await notify(trx, { userIds: audience, officeId: user.officeId, messageKey: "notify.surveys.open", params: { title: round.title, closesOn: round.closesOn }, link: `/surveys/${id}/answer`, actorId: user.id });
    return audience.length;
  });
}

/**
 * 結束調查: drafts are deleted (they were the only answers tied to a person), and both tables are
 * rewritten in the order of their keys — the responses by their random ids, participation by user —
 * so not even the physical order of the rows keeps the order in which people submitted.
 */
export async function closeRound(db: Db, user: CurrentUser, id: number): Promise<void> {
  requireManager(user);
  await db.transaction().execute(async (trx) => {
    const round = await roundRow(trx, user, id, true);
    if (round.state !== "open") throw new DomainError("_form", "只有進行中的調查可以結束。");
    await trx.updateTable("surveyRounds").set({ state: "closed" }).where("id", "=", id).execute();
    await trx.deleteFrom("surveyDrafts").where("roundId", "=", id).execute();
    await recordAudit(trx, { actorUserId: user.id, officeId: user.officeId, action: "surveyRound.close", entityType: "surveyRound", entityId: id });
  });
  await sql`cluster survey_responses using survey_responses_pkey`.execute(db);
  await sql`cluster survey_participation using survey_participation_pk`.execute(db);
}

// ------------------------------------------------------------------------------ answering

/** The questionnaire as this person sees it: their draft (if any) and whether they have already answered. */
export async function loadQuestionnaire(db: Executor, user: CurrentUser, id: number) {
  const round = await roundRow(db, user, id);
  const participation = await db.selectFrom("surveyParticipation").select("submitted").where("roundId", "=", id).where("userId", "=", user.id).executeTakeFirst();
  const draft = participation && !participation.submitted
    ? await db.selectFrom("surveyDrafts").select(["answers", "demographics"]).where("roundId", "=", id).where("userId", "=", user.id).executeTakeFirst()
    : undefined;
  return {
    round: { id: round.id, title: round.title, state: round.state, opensOn: round.opensOn, closesOn: round.closesOn, template: round.template, demographics: round.demographics, thresholds: round.thresholds },
    inAudience: Boolean(participation),
    submitted: participation?.submitted ?? false,
    draft: draft ? { answers: draft.answers as Record<string, unknown>, demographics: draft.demographics as Record<string, unknown> } : null,
  };
}

/** Today in Taipei, YYYY-MM-DD. */
const taipeiToday = (now = new Date()) => new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Taipei", year: "numeric", month: "2-digit", day: "2-digit" }).format(now);

async function lockParticipation(trx: Executor, round: { id: number; state: "planned" | "open" | "closed"; closesOn: string }, user: CurrentUser) {
  // The close date is the last day to answer, even before a supervisor closes the round.
  if (round.state === "open" && taipeiToday() > round.closesOn) throw new DomainError("_form", `調查已於 ${round.closesOn} 截止，不能再填答。`);
  const participation = await trx.selectFrom("surveyParticipation").select("submitted").where("roundId", "=", round.id).where("userId", "=", user.id).forUpdate().executeTakeFirst();
  const refusal = submissionRefusal({ roundState: round.state, inAudience: Boolean(participation), alreadySubmitted: participation?.submitted ?? false });
  if (refusal) throw new DomainError("_form", refusal);
}

/** 暫存: answers so far, tied to this person only until they submit. Nothing is checked but the values' shape. */
export async function saveDraft(db: Db, user: CurrentUser, id: number, raw: RawAnswers, rawDemographics: RawAnswers): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const round = await roundRow(trx, user, id);
    await lockParticipation(trx, round, user);
    const answers = normaliseAnswers(round.template, raw);
    const demographics = normaliseDemographics(round.demographics, rawDemographics);
    await trx
      .insertInto("surveyDrafts")
      .values({ roundId: id, userId: user.id, answers: JSON.stringify(answers), demographics: JSON.stringify(demographics) })
      .onConflict((oc) => oc.columns(["roundId", "userId"]).doUpdateSet({ answers: JSON.stringify(answers), demographics: JSON.stringify(demographics) }))
      .execute();
  });
}

export type SubmitResult = { ok: true } | { ok: false; errors: AnswerError[] };

/**
 * 送出: one transaction — lock this person's participation row (a double submission waits and then
 * finds it done), check the answers, insert them under a random id without the person, mark the
 * person done, delete the draft, and write an audit row without the person.
 */
export async function submitResponse(db: Db, user: CurrentUser, id: number, raw: RawAnswers, rawDemographics: RawAnswers): Promise<SubmitResult> {
  return db.transaction().execute(async (trx) => {
    const round = await roundRow(trx, user, id);
    await lockParticipation(trx, round, user);
    const checked = validateAnswers(round.template, raw);
    if (!checked.ok) return { ok: false as const, errors: checked.errors };
    const demographics = normaliseDemographics(round.demographics, rawDemographics);
    await trx.insertInto("surveyResponses").values({ id: anonymousResponseId(), roundId: id, answers: JSON.stringify(checked.answers), demographics: JSON.stringify(demographics) }).execute();
    await trx.updateTable("surveyParticipation").set({ submitted: true }).where("roundId", "=", id).where("userId", "=", user.id).execute();
    await trx.deleteFrom("surveyDrafts").where("roundId", "=", id).where("userId", "=", user.id).execute();
    await recordAudit(trx, { actorUserId: null, officeId: user.officeId, action: "survey.response", entityType: "surveyRound", entityId: id });
    return { ok: true as const };
  });
}

/** 提醒: the system tells those who have not answered; the sender learns only how many. */
export async function remindNonRespondents(db: Db, user: CurrentUser, id: number): Promise<number> {
  requireManager(user);
  return db.transaction().execute(async (trx) => {
    const round = await roundRow(trx, user, id);
    if (round.state !== "open") throw new DomainError("_form", "只有進行中的調查可以提醒。");
    const pending = await trx.selectFrom("surveyParticipation").select("userId").where("roundId", "=", id).where("submitted", "=", false).execute();
    if (pending.length === 0) throw new DomainError("_form", "所有同仁都已填答。");
    await notify(trx, { userIds: pending.map((p) => p.userId), officeId: user.officeId, messageKey: "notify.surveys.reminder", params: { title: round.title, closesOn: round.closesOn }, link: `/surveys/${id}/answer` });
    await recordAudit(trx, { actorUserId: user.id, officeId: user.officeId, action: "surveyRound.remind", entityType: "surveyRound", entityId: id, after: { count: pending.length } });
    return pending.length;
  });
}

// ------------------------------------------------------------------------------ reading

async function rateOf(db: Executor, roundId: number) {
  const row = await db
    .selectFrom("surveyParticipation")
    .select([(eb) => eb.fn.countAll<string>().as("audience"), (eb) => eb.fn.sum<string>(sql`case when submitted then 1 else 0 end`).as("responded")])
    .where("roundId", "=", roundId)
    .executeTakeFirstOrThrow();
  return responseRate({ responded: Number(row.responded ?? 0), audience: Number(row.audience ?? 0) });
}

/** The office's rounds, with their response rates; and for this person whether they still have to answer. */
export async function listRounds(db: Executor, user: CurrentUser) {
  const rounds = await db
    .selectFrom("surveyRounds")
    .select(["id", "title", "year", "half", "state", sql<string>`to_char(opens_on, 'YYYY-MM-DD')`.as("opensOn"), sql<string>`to_char(closes_on, 'YYYY-MM-DD')`.as("closesOn")])
    .where("officeId", "=", user.officeId)
    .orderBy("year", "desc")
    .orderBy("half", "desc")
    .execute();
  const mine = await db.selectFrom("surveyParticipation").select(["roundId", "submitted"]).where("userId", "=", user.id).execute();
  const drafts = await db.selectFrom("surveyDrafts").select("roundId").where("userId", "=", user.id).execute();
  // Every round's response rate in one grouped query (not one query per round).
  const rates = rounds.length
    ? await db
        .selectFrom("surveyParticipation")
        .select(["roundId", (eb) => eb.fn.countAll<string>().as("audience"), (eb) => eb.fn.sum<string>(sql`case when submitted then 1 else 0 end`).as("responded")])
        .where("roundId", "in", rounds.map((r) => r.id))
        .groupBy("roundId")
        .execute()
    : [];
  return rounds.map((r) => {
    const p = mine.find((m) => m.roundId === r.id);
    const rate = rates.find((x) => x.roundId === r.id);
    return {
      ...r,
      rate: responseRate({ responded: Number(rate?.responded ?? 0), audience: Number(rate?.audience ?? 0) }),
      inAudience: Boolean(p),
      submitted: p?.submitted ?? false,
      hasDraft: drafts.some((d) => d.roundId === r.id),
    };
  });
}

/** A round's management page: details, response rate, action items. */
export async function loadRound(db: Executor, user: CurrentUser, id: number) {
  const round = await roundRow(db, user, id);
  const items = await db
    .selectFrom("surveyActionItems as a")
    .leftJoin("users as u", "u.id", "a.ownerId")
    .select(["a.id", "a.title", "a.description", "a.status", sql<string | null>`to_char(a.due_on, 'YYYY-MM-DD')`.as("dueOn"), "a.ownerId", "u.name as ownerName", "a.proposalId"])
    .where("a.roundId", "=", id)
    .orderBy("a.id")
    .execute();
  return { round, rate: await rateOf(db, id), actionItems: items, isManager: isSurveyManager(user) };
}

async function responsesOf(db: Executor, roundId: number): Promise<SurveyResponse[]> {
  // Ordered by the random id: nothing about the result depends on when anyone answered.
  const rows = await db.selectFrom("surveyResponses").select(["answers", "demographics"]).where("roundId", "=", roundId).orderBy("id").execute();
  return rows.map((r) => ({ answers: r.answers as SurveyAnswers, demographics: r.demographics as Record<string, string> }));
}

/**
 * Results, once the round is closed: per question, sections, overall index, eNPS, comments above the
 * comment threshold, breakdowns by the round's demographic questions, and the change against the
 * office's previous closed round. Every figure under the thresholds is suppressed — for everyone,
 * administrators included.
 */
export async function loadResults(db: Executor, user: CurrentUser, id: number) {
  const round = await roundRow(db, user, id);
  if (round.state !== "closed") {
    return { round, available: false as const, rate: await rateOf(db, id) };
  }
  const responses = await responsesOf(db, id);
  const results = surveyResults(round.template, responses, round.thresholds);
  const breakdowns = round.demographics.map((d) => breakdownResults(round.template, responses, d, round.thresholds));
  const previous = await db
    .selectFrom("surveyRounds")
    .select(["id", "title", "template", "thresholds"])
    .where("officeId", "=", user.officeId)
    .where("state", "=", "closed")
    .where((eb) => eb.or([eb("year", "<", round.year), eb.and([eb("year", "=", round.year), eb("half", "<", round.half)])]))
    .orderBy("year", "desc")
    .orderBy("half", "desc")
    .executeTakeFirst();
  let comparison = null;
  if (previous) {
    const prevResults = surveyResults(previous.template as SurveyTemplate, await responsesOf(db, previous.id), previous.thresholds as Thresholds);
    comparison = { previousTitle: previous.title, ...compareRounds(round.template, results, prevResults) };
  }
  return { round, available: true as const, rate: await rateOf(db, id), results, breakdowns, comparison };
}

export interface ActionItemInput {
  title: string;
  description: string;
  ownerId: number | null;
  dueOn: string | null;
}

export async function addActionItem(db: Db, user: CurrentUser, roundId: number, input: ActionItemInput): Promise<number> {
  requireManager(user);
  return db.transaction().execute(async (trx) => {
    await roundRow(trx, user, roundId);
    const { id } = await trx
      .insertInto("surveyActionItems")
      .values({ roundId, title: input.title, description: input.description, ownerId: input.ownerId, dueOn: input.dueOn, createdBy: user.id })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, { actorUserId: user.id, officeId: user.officeId, action: "surveyAction.create", entityType: "surveyActionItem", entityId: id, after: input });
    if (input.ownerId) {
      await notify(trx, { userIds: [input.ownerId], officeId: user.officeId, messageKey: "notify.surveys.actionOwner", params: { title: input.title }, link: `/surveys/${roundId}`, actorId: user.id });
    }
    return id;
  });
}

export async function setActionStatus(db: Db, user: CurrentUser, itemId: number, status: "open" | "in_progress" | "done"): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const item = await trx
      .selectFrom("surveyActionItems as a")
      .innerJoin("surveyRounds as r", "r.id", "a.roundId")
      .select(["a.id", "a.ownerId", "a.status"])
      .where("a.id", "=", itemId)
      .where("r.officeId", "=", user.officeId)
      .forUpdate()
      .executeTakeFirst();
    if (!item) throw new Response("Not Found", { status: 404 });
    if (!isSurveyManager(user) && item.ownerId !== user.id) throw new Response("Forbidden", { status: 403 });
    await trx.updateTable("surveyActionItems").set({ status, updatedAt: new Date() }).where("id", "=", itemId).execute();
    await recordAudit(trx, { actorUserId: user.id, officeId: user.officeId, action: "surveyAction.status", entityType: "surveyActionItem", entityId: itemId, before: { status: item.status }, after: { status } });
  });
}

/** For the home page: open rounds this person has not answered yet. */
export async function surveysWaitingFor(db: Executor, user: CurrentUser) {
  return db
    .selectFrom("surveyParticipation as p")
    .innerJoin("surveyRounds as r", "r.id", "p.roundId")
    .select(["r.id", "r.title", sql<string>`to_char(r.closes_on, 'YYYY-MM-DD')`.as("closesOn")])
    .where("p.userId", "=", user.id)
    .where("p.submitted", "=", false)
    .where("r.state", "=", "open")
    .where("r.officeId", "=", user.officeId)
    .execute();
}
