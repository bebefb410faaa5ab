// Innovation proposals on the database: writing, screening, deciding, carrying out and reviewing a
// 業務研提意見表 (issue 4; PRODUCT.md module 5). Every step loads the proposal under a row lock, asks the
// pure workflow (proposal-workflow.ts) whether this person may take it, and writes the new state, the
// timeline event, the audit row and the notifications in one transaction.
import type { Kysely } from "kysely";
import { recordAudit } from "../audit/audit.server";
import type { CurrentUser } from "../auth/session.server";
import { sql, type Database, type Executor } from "../db.server";
import { DomainError } from "../domain-error";
import { fetchPage } from "../listing.server";
import type { ListParams, Page } from "../listing";
import { notify } from "../notifications/notifications.server";
import { officeColleagues } from "../org/colleagues.server";
import { documentTerms, queryTerms, searchTerms } from "../search/bigrams";
import { DEFAULT_RUBRIC_WEIGHTS, validateWeights, type QuorumRule, type RubricWeights } from "./committee-rules";
import {
  allowedActions,
  stageAgeDays,
  transition,
  type ActionType,
  type ActorRelation,
  type DecisionKind,
  type EffectivenessResult,
  type ProposalAction,
  type ProposalState,
  type RefusalCode,
} from "./proposal-workflow";
import { DEFAULT_GRADE_THRESHOLDS, rewardGrade, validateGradeThresholds, type GradeThresholds } from "./reward-grade";
import type { ProposalInput, SettingsInput } from "./proposals.schema";

type Db = Kysely<Database>;

// ------------------------------------------------------------------------------ settings

export interface ProposalSettings {
  rubricWeights: RubricWeights;
  gradeThresholds: GradeThresholds;
  quorumRule: QuorumRule;
  stageAlertDays: number;
}

export const DEFAULT_PROPOSAL_SETTINGS: ProposalSettings = {
  rubricWeights: DEFAULT_RUBRIC_WEIGHTS,
  gradeThresholds: DEFAULT_GRADE_THRESHOLDS,
  quorumRule: "at_least_half",
  stageAlertDays: 14,
};

export async function getProposalSettings(db: Executor, officeId: number): Promise<ProposalSettings> {
  const row = await db
    .selectFrom("proposalSettings")
    .select(["rubricWeights", "gradeThresholds", "quorumRule", "stageAlertDays"])
    .where("officeId", "=", officeId)
    .executeTakeFirst();
  if (!row) return DEFAULT_PROPOSAL_SETTINGS;
  return {
    rubricWeights: row.rubricWeights as RubricWeights,
    gradeThresholds: row.gradeThresholds as GradeThresholds,
    quorumRule: row.quorumRule,
    stageAlertDays: row.stageAlertDays,
  };
}

/** Makes sure the office has its settings row (it also carries the yearly number counter). */
async function ensureSettingsRow(trx: Executor, officeId: number) {
  await trx
    .insertInto("proposalSettings")
    .values({
      officeId,
      rubricWeights: JSON.stringify(DEFAULT_PROPOSAL_SETTINGS.rubricWeights),
      gradeThresholds: JSON.stringify(DEFAULT_PROPOSAL_SETTINGS.gradeThresholds),
    })
    .onConflict((oc) => oc.column("officeId").doNothing())
    .execute();
}

export async function saveProposalSettings(db: Db, user: CurrentUser, input: SettingsInput): Promise<void> {
  const weights: Record<string, number> = {};
  for (const { criterion, weight } of input.criteria) weights[criterion.trim()] = weight;
  const weightErrors = validateWeights(weights);
  if (input.criteria.length !== Object.keys(weights).length) weightErrors.unshift("評分項目名稱不能重複。");
  if (weightErrors.length > 0) throw new DomainError("criteria", weightErrors[0]);
  const thresholdErrors = validateGradeThresholds(input.gradeThresholds);
  if (thresholdErrors.length > 0) throw new DomainError("gradeThresholds", thresholdErrors[0]);
  await db.transaction().execute(async (trx) => {
    await ensureSettingsRow(trx, user.officeId);
    const before = await getProposalSettings(trx, user.officeId);
    await trx
      .updateTable("proposalSettings")
      .set({
        rubricWeights: JSON.stringify(weights),
        gradeThresholds: JSON.stringify(input.gradeThresholds),
        quorumRule: input.quorumRule,
        stageAlertDays: input.stageAlertDays,
        updatedBy: user.id,
        updatedAt: new Date(),
      })
      .where("officeId", "=", user.officeId)
      .execute();
    await recordAudit(trx, {
      actorUserId: user.id,
      officeId: user.officeId,
      action: "proposalSettings.update",
      entityType: "proposalSettings",
      entityId: user.officeId,
      before,
      after: { rubricWeights: weights, gradeThresholds: input.gradeThresholds, quorumRule: input.quorumRule, stageAlertDays: input.stageAlertDays },
    });
  });
}

// ------------------------------------------------------------------------------ people

/** Active people of the office holding any of these roles there. */
export async function officeMembersWithRoles(db: Executor, officeId: number, roles: readonly string[]): Promise<number[]> {
  const rows = await db
    .selectFrom("userRoles as r")
    .innerJoin("users as u", "u.id", "r.userId")
    .select("u.id")
    .distinct()
    .where("r.officeId", "=", officeId)
    .where("r.role", "in", roles as never)
    .where("u.active", "=", true)
    .execute();
  return rows.map((r) => r.id).sort((a, b) => a - b);
}


async function assertOfficePeople(trx: Executor, officeId: number, ids: readonly number[], field: string) {
  if (ids.length === 0) return;
  const found = await officeColleagues(trx, officeId);
  const known = new Set(found.map((p) => p.id));
  if (ids.some((id) => !known.has(id))) throw new DomainError(field, "errors.proposals.unknownPerson");
}

// ------------------------------------------------------------------------------ loading and relations

interface ProposalRow {
  id: number;
  officeId: number;
  referenceNo: string | null;
  proposerId: number;
  title: string;
  state: ProposalState;
  currentRoundId: number | null;
  ownerId: number | null;
  meanScore: string | null;
}

async function lockProposal(trx: Executor, user: CurrentUser, id: number): Promise<ProposalRow & { coProposers: number[] }> {
  const row = await trx
    .selectFrom("proposals")
    .select(["id", "officeId", "referenceNo", "proposerId", "title", "state", "currentRoundId", "ownerId", "meanScore"])
    .where("id", "=", id)
    .where("officeId", "=", user.officeId)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw new Response("Not Found", { status: 404 });
  const co = await trx.selectFrom("proposalCoProposers").select("userId").where("proposalId", "=", id).execute();
  return { ...row, state: row.state as ProposalState, coProposers: co.map((c) => c.userId) };
}

/** Who presides over this proposal's item in its current meeting: the acting chair, else the meeting's chair. */
async function presidingChairOf(trx: Executor, proposal: { id: number; currentRoundId: number | null }): Promise<number | null> {
  if (proposal.currentRoundId === null) return null;
  const row = await trx
    .selectFrom("roundItems as i")
    .innerJoin("committeeRounds as r", "r.id", "i.roundId")
    .select(["i.actingChairId", "r.chairId"])
    .where("i.roundId", "=", proposal.currentRoundId)
    .where("i.proposalId", "=", proposal.id)
    .executeTakeFirst();
  return row ? (row.actingChairId ?? row.chairId) : null;
}

async function recusedFromItem(trx: Executor, proposal: { id: number; currentRoundId: number | null }, userId: number): Promise<boolean> {
  if (proposal.currentRoundId === null) return false;
  const row = await trx
    .selectFrom("roundRecusals as x")
    .innerJoin("roundItems as i", "i.id", "x.roundItemId")
    .select("x.memberId")
    .where("i.roundId", "=", proposal.currentRoundId)
    .where("i.proposalId", "=", proposal.id)
    .where("x.memberId", "=", userId)
    .executeTakeFirst();
  return Boolean(row);
}

/**
 * How this person relates to the proposal. "Chair" before and after the meeting is anyone holding the
 * chair role; for the decision itself only whoever presides over its item (the meeting's chair, or the
 * acting chair when the chair is recused) counts.
 */
async function relationsOf(trx: Executor, user: CurrentUser, p: ProposalRow & { coProposers: number[] }): Promise<ActorRelation[]> {
  const relations: ActorRelation[] = [];
  if (p.proposerId === user.id) relations.push("proposer");
  if (p.coProposers.includes(user.id)) relations.push("co_proposer");
  if (user.roles.includes("supervisor") || user.roles.includes("director")) relations.push("supervisor");
  if (p.state === "scheduled") {
    // Presiding over the item, and not recused from it (a declared or ordered recusal; being the
    // proposer or co-proposer is already a conflict the workflow refuses).
    const presiding = await presidingChairOf(trx, p);
    if ((presiding === user.id && !(await recusedFromItem(trx, p, user.id))) || (user.roles.includes("chair") && presiding === null)) {
      relations.push("chair");
    }
  } else if (user.roles.includes("chair")) {
    relations.push("chair");
  }
  if (p.ownerId !== null && p.ownerId === user.id) relations.push("owner");
  if (relations.length === 0) relations.push("other");
  return relations;
}

const REFUSAL_FIELDS: Partial<Record<RefusalCode, string>> = {
  reason_required: "reason",
  document_number_required: "documentNumber",
  invalid_percent: "percent",
};

/** Asks the workflow; a refusal becomes a DomainError carrying the workflow's own sentence. */
function decideTransition(state: ProposalState, action: ProposalAction, relations: ActorRelation[]): ProposalState {
  const result = transition(state, action, relations);
  if (!result.ok) throw new DomainError(REFUSAL_FIELDS[result.code] ?? "_form", result.reason);
  return result.next;
}

async function recordStep(
  trx: Executor,
  user: CurrentUser,
  p: { id: number; officeId: number; state: ProposalState },
  step: { action: string; to: ProposalState; reason?: string | null; details?: Record<string, unknown> },
) {
  await trx
    .insertInto("proposalEvents")
    .values({
      proposalId: p.id,
      action: step.action,
      fromState: p.state,
      toState: step.to,
      actorId: user.id,
      reason: step.reason ?? null,
      details: JSON.stringify(step.details ?? {}),
    })
    .execute();
  await recordAudit(trx, {
    actorUserId: user.id,
    officeId: p.officeId,
    action: `proposal.${step.action}`,
    entityType: "proposal",
    entityId: p.id,
    before: { state: p.state },
    after: { state: step.to, ...(step.reason ? { reason: step.reason } : {}), ...(step.details ?? {}) },
  });
}

async function moveTo(trx: Executor, id: number, from: ProposalState, to: ProposalState, extra: Record<string, unknown> = {}) {
  await trx
    .updateTable("proposals")
    .set({ ...(from === to ? {} : { state: to, stateEnteredAt: new Date() }), updatedAt: new Date(), ...extra })
    .where("id", "=", id)
    .execute();
}

const link = (id: number) => `/proposals/${id}`;

// ------------------------------------------------------------------------------ writing

function searchText(input: Pick<ProposalInput, "title" | "problem" | "method" | "benefit">) {
  return [input.title, input.problem, input.method, input.benefit].join("\n");
}

async function writeSearchVector(trx: Executor, id: number, input: Pick<ProposalInput, "title" | "problem" | "method" | "benefit">) {
  const terms = documentTerms(searchText(input));
  await sql`update proposals set search_vector = array_to_tsvector(${terms}::text[]) where id = ${id}`.execute(trx);
}

async function replaceCoProposers(trx: Executor, user: CurrentUser, id: number, proposerId: number, coProposerIds: number[]) {
  const ids = [...new Set(coProposerIds)].filter((c) => c !== proposerId);
  await assertOfficePeople(trx, user.officeId, ids, "coProposerIds");
  await trx.deleteFrom("proposalCoProposers").where("proposalId", "=", id).execute();
  if (ids.length > 0) await trx.insertInto("proposalCoProposers").values(ids.map((userId) => ({ proposalId: id, userId }))).execute();
}

function contentOf(input: ProposalInput) {
  return {
    title: input.title,
    category: input.category,
    origin: input.origin,
    problem: input.problem,
    method: input.method,
    benefit: input.benefit,
    estimatedCost: input.estimatedCost,
  };
}

/** A new draft; with `submit` it is sent to the supervisor at once. */
export async function createProposal(db: Db, user: CurrentUser, input: ProposalInput, options: { submit?: boolean } = {}): Promise<number> {
  const id = await db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto("proposals")
      .values({ officeId: user.officeId, proposerId: user.id, ...contentOf(input) })
      .returning("id")
      .executeTakeFirstOrThrow();
    await replaceCoProposers(trx, user, id, user.id, input.coProposerIds);
    await writeSearchVector(trx, id, input);
    await recordStep(trx, user, { id, officeId: user.officeId, state: "draft" }, { action: "create", to: "draft", details: { title: input.title } });
    return id;
  });
  if (options.submit) await submitProposal(db, user, id);
  return id;
}

export async function updateProposal(db: Db, user: CurrentUser, id: number, input: ProposalInput): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const p = await lockProposal(trx, user, id);
    decideTransition(p.state, { type: "edit" }, await relationsOf(trx, user, p));
    await trx
      .updateTable("proposals")
      .set({ ...contentOf(input), updatedAt: new Date() })
      .where("id", "=", id)
      .execute();
    await replaceCoProposers(trx, user, id, p.proposerId, input.coProposerIds);
    await writeSearchVector(trx, id, input);
    await recordStep(trx, user, p, { action: "edit", to: p.state });
  });
}

/** 民國 year of a moment in Asia/Taipei. */
function rocYear(at: Date): number {
  const year = Number(new Intl.DateTimeFormat("en-US", { timeZone: "Asia/Taipei", year: "numeric" }).format(at));
  return year - 1911;
}

/** The next 提案編號 of the office for this year (115-001, 115-002…), drawn under the settings row lock. */
async function nextReferenceNo(trx: Executor, officeId: number, now: Date): Promise<string> {
  await ensureSettingsRow(trx, officeId);
  const row = await trx
    .selectFrom("proposalSettings")
    .select(["lastNumberYear", "lastNumber"])
    .where("officeId", "=", officeId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  const year = rocYear(now);
  const next = row.lastNumberYear === year ? row.lastNumber + 1 : 1;
  await trx.updateTable("proposalSettings").set({ lastNumberYear: year, lastNumber: next }).where("officeId", "=", officeId).execute();
  return `${year}-${String(next).padStart(3, "0")}`;
}

export async function submitProposal(db: Db, user: CurrentUser, id: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const p = await lockProposal(trx, user, id);
    const next = decideTransition(p.state, { type: "submit" }, await relationsOf(trx, user, p));
    const now = new Date();
    const referenceNo = p.referenceNo ?? (await nextReferenceNo(trx, p.officeId, now));
    await moveTo(trx, id, p.state, next, { referenceNo, submittedAt: now });
    await recordStep(trx, user, p, { action: p.state === "returned" ? "resubmit" : "submit", to: next, details: { referenceNo } });
    const supervisors = await officeMembersWithRoles(trx, p.officeId, ["supervisor", "director"]);
    await notify(trx, {
      userIds: supervisors.filter((s) => s !== p.proposerId && !p.coProposers.includes(s)),
      officeId: p.officeId,
      messageKey: "notify.proposals.toScreen",
      params: { title: p.title, referenceNo },
      link: link(id),
      actorId: user.id,
    });
  });
}

export async function withdrawProposal(db: Db, user: CurrentUser, id: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const p = await lockProposal(trx, user, id);
    const next = decideTransition(p.state, { type: "withdraw" }, await relationsOf(trx, user, p));
    await moveTo(trx, id, p.state, next);
    await recordStep(trx, user, p, { action: "withdraw", to: next });
  });
}

export type ScreeningInput =
  | { type: "supervisor_forward"; reason?: string }
  | { type: "supervisor_return"; reason: string }
  | { type: "supervisor_reject"; reason: string };

/** 主管審核: forward to the committee, return for revision, or reject as inadmissible. */
export async function screenProposal(db: Db, user: CurrentUser, id: number, input: ScreeningInput): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const p = await lockProposal(trx, user, id);
    const action: ProposalAction =
      input.type === "supervisor_forward" ? { type: "supervisor_forward" } : { type: input.type, reason: input.reason };
    const next = decideTransition(p.state, action, await relationsOf(trx, user, p));
    const reason = input.reason?.trim() || null;
    await moveTo(trx, id, p.state, next);
    await recordStep(trx, user, p, { action: input.type, to: next, reason });
    const authors = [p.proposerId, ...p.coProposers];
    await notify(trx, {
      userIds: authors,
      officeId: p.officeId,
      messageKey: `notify.proposals.${input.type}`,
      params: { title: p.title },
      link: link(id),
      actorId: user.id,
    });
    if (input.type === "supervisor_forward") {
      await notify(trx, {
        userIds: await officeMembersWithRoles(trx, p.officeId, ["chair"]),
        officeId: p.officeId,
        messageKey: "notify.proposals.toSchedule",
        params: { title: p.title },
        link: link(id),
        actorId: user.id,
      });
    }
  });
}

export interface DecisionInput {
  decision: DecisionKind;
  reason: string;
  documentNumber?: string | null;
}

/**
 * The chair's decision on a proposal of a closed meeting. The meeting's quorum for this item and its
 * closing are checked by the workflow (no decision without quorum, none before the votes are counted).
 */
export async function decideProposal(
  db: Db,
  user: CurrentUser,
  id: number,
  input: DecisionInput,
  itemState: { roundClosed: boolean; quorumMet: boolean; roundItemId: number },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const p = await lockProposal(trx, user, id);
    const next = decideTransition(
      p.state,
      { type: "decide", decision: input.decision, reason: input.reason, documentNumber: input.documentNumber, ...itemState },
      await relationsOf(trx, user, p),
    );
    const now = new Date();
    await moveTo(trx, id, p.state, next, {
      decision: input.decision,
      decisionReason: input.reason.trim(),
      documentNumber: input.documentNumber?.trim() || null,
      decidedAt: now,
      decidedBy: user.id,
      // A proposal sent back for revision leaves the meeting; resubmitted, it is screened and scheduled again.
      ...(input.decision === "returned" ? { currentRoundId: null } : {}),
    });
    await trx
      .updateTable("roundItems")
      .set({ decision: input.decision, decisionReason: input.reason.trim() })
      .where("id", "=", itemState.roundItemId)
      .execute();
    await recordStep(trx, user, p, {
      action: "decide",
      to: next,
      reason: input.reason.trim(),
      details: { decision: input.decision, ...(input.documentNumber ? { documentNumber: input.documentNumber.trim() } : {}) },
    });
    await notify(trx, {
      userIds: [p.proposerId, ...p.coProposers],
      officeId: p.officeId,
      messageKey: "notify.proposals.decided",
      params: { title: p.title, decision: input.decision },
      link: link(id),
      actorId: user.id,
    });
    if (next === "decided_adopted") {
      await notify(trx, {
        userIds: await officeMembersWithRoles(trx, p.officeId, ["supervisor", "director"]),
        officeId: p.officeId,
        messageKey: "notify.proposals.toAssign",
        params: { title: p.title },
        link: link(id),
        actorId: user.id,
      });
    }
  });
}

export async function assignOwner(db: Db, user: CurrentUser, id: number, input: { ownerId: number; dueDate: string }): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const p = await lockProposal(trx, user, id);
    const next = decideTransition(p.state, { type: "assign_owner" }, await relationsOf(trx, user, p));
    await assertOfficePeople(trx, p.officeId, [input.ownerId], "ownerId");
    await moveTo(trx, id, p.state, next, { ownerId: input.ownerId, dueDate: input.dueDate });
    await recordStep(trx, user, p, { action: "assign_owner", to: next, details: { ownerId: input.ownerId, dueDate: input.dueDate } });
    await notify(trx, {
      userIds: [input.ownerId],
      officeId: p.officeId,
      messageKey: "notify.proposals.owner",
      params: { title: p.title, dueDate: input.dueDate },
      link: link(id),
      actorId: user.id,
    });
  });
}

export async function reportProgress(db: Db, user: CurrentUser, id: number, input: { percent: number; note: string }): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const p = await lockProposal(trx, user, id);
    decideTransition(p.state, { type: "report_progress", percent: input.percent }, await relationsOf(trx, user, p));
    await trx.insertInto("proposalProgress").values({ proposalId: id, percent: input.percent, note: input.note.trim(), authorId: user.id }).execute();
    await moveTo(trx, id, p.state, p.state, { progressPercent: input.percent });
    await recordStep(trx, user, p, { action: "report_progress", to: p.state, reason: input.note.trim() || null, details: { percent: input.percent } });
  });
}

export async function markImplemented(db: Db, user: CurrentUser, id: number, input: { note: string }): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const p = await lockProposal(trx, user, id);
    const next = decideTransition(p.state, { type: "mark_implemented" }, await relationsOf(trx, user, p));
    await trx.insertInto("proposalProgress").values({ proposalId: id, percent: 100, note: input.note.trim(), authorId: user.id }).execute();
    await moveTo(trx, id, p.state, next, { progressPercent: 100 });
    await recordStep(trx, user, p, { action: "mark_implemented", to: next, reason: input.note.trim() || null });
    const reviewers = await officeMembersWithRoles(trx, p.officeId, ["supervisor", "director", "chair"]);
    await notify(trx, {
      userIds: reviewers.filter((r) => r !== p.proposerId && !p.coProposers.includes(r) && r !== p.ownerId),
      officeId: p.officeId,
      messageKey: "notify.proposals.toReview",
      params: { title: p.title },
      link: link(id),
      actorId: user.id,
    });
  });
}

export interface EffectivenessInput {
  result: EffectivenessResult;
  before: string;
  after: string;
  note: string;
}

/**
 * 執行成效檢討. The reward grade is granted here, from the deciding meeting's mean score and the
 * office's thresholds: a proposal whose implementation achieved nothing earns no grade (our reading:
 * the reward plan rewards results, and the review is what the issue makes the grade wait for).
 */
export async function reviewEffectiveness(db: Db, user: CurrentUser, id: number, input: EffectivenessInput): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const p = await lockProposal(trx, user, id);
    const next = decideTransition(p.state, { type: "review_effectiveness", result: input.result }, await relationsOf(trx, user, p));
    const settings = await getProposalSettings(trx, p.officeId);
    const grade = input.result === "not_achieved" ? null : rewardGrade(p.meanScore === null ? null : Number(p.meanScore), settings.gradeThresholds);
    await moveTo(trx, id, p.state, next, {
      effectivenessResult: input.result,
      effectivenessBefore: input.before.trim(),
      effectivenessAfter: input.after.trim(),
      effectivenessNote: input.note.trim(),
      reviewedAt: new Date(),
      reviewedBy: user.id,
      rewardGrade: grade,
    });
    await recordStep(trx, user, p, {
      action: "review_effectiveness",
      to: next,
      reason: input.note.trim() || null,
      details: { result: input.result, before: input.before.trim(), after: input.after.trim(), grade, meanScore: p.meanScore },
    });
    await notify(trx, {
      userIds: [p.proposerId, ...p.coProposers],
      officeId: p.officeId,
      messageKey: grade ? "notify.proposals.graded" : "notify.proposals.reviewed",
      params: { title: p.title, grade: grade ?? "" },
      link: link(id),
      actorId: user.id,
    });
  });
}

// ------------------------------------------------------------------------------ reading one

async function canSee(db: Executor, user: CurrentUser, p: { id: number; state: string; proposerId: number }): Promise<boolean> {
  if (p.state !== "draft") return true;
  if (p.proposerId === user.id) return true;
  const co = await db.selectFrom("proposalCoProposers").select("userId").where("proposalId", "=", p.id).where("userId", "=", user.id).executeTakeFirst();
  return Boolean(co);
}

/** Everything the proposal page shows. Drafts are seen only by their authors; other offices' proposals do not exist here. */
export async function loadProposal(db: Executor, user: CurrentUser, id: number, now = new Date()) {
  const row = await db
    .selectFrom("proposals as p")
    .innerJoin("users as u", "u.id", "p.proposerId")
    .leftJoin("users as o", "o.id", "p.ownerId")
    .select([
      "p.id",
      "p.officeId",
      "p.referenceNo",
      "p.proposerId",
      "u.name as proposerName",
      "u.title as proposerTitle",
      "p.title",
      "p.category",
      "p.origin",
      "p.problem",
      "p.method",
      "p.benefit",
      "p.estimatedCost",
      "p.state",
      "p.stateEnteredAt",
      "p.submittedAt",
      "p.currentRoundId",
      "p.decision",
      "p.decisionReason",
      "p.documentNumber",
      "p.decidedAt",
      "p.ownerId",
      "o.name as ownerName",
      sql<string | null>`to_char(p.due_date, 'YYYY-MM-DD')`.as("dueDate"),
      "p.progressPercent",
      "p.effectivenessResult",
      "p.effectivenessBefore",
      "p.effectivenessAfter",
      "p.effectivenessNote",
      "p.reviewedAt",
      "p.meanScore",
      "p.rewardGrade",
      "p.createdAt",
      "p.updatedAt",
    ])
    .where("p.id", "=", id)
    .where("p.officeId", "=", user.officeId)
    .executeTakeFirst();
  if (!row || !(await canSee(db, user, row))) throw new Response("Not Found", { status: 404 });
  const coProposers = await db
    .selectFrom("proposalCoProposers as c")
    .innerJoin("users as u", "u.id", "c.userId")
    .select(["u.id", "u.name", "u.title"])
    .where("c.proposalId", "=", id)
    .orderBy("u.employeeNo")
    .execute();
  const events = await db
    .selectFrom("proposalEvents as e")
    .leftJoin("users as u", "u.id", "e.actorId")
    .select(["e.id", "e.action", "e.fromState", "e.toState", "e.reason", "e.details", "e.at", "u.name as actorName"])
    .where("e.proposalId", "=", id)
    .orderBy("e.at")
    .orderBy("e.id")
    .execute();
  const progress = await db
    .selectFrom("proposalProgress as g")
    .leftJoin("users as u", "u.id", "g.authorId")
    .select(["g.id", "g.percent", "g.note", "g.at", "u.name as authorName"])
    .where("g.proposalId", "=", id)
    .orderBy("g.at")
    .orderBy("g.id")
    .execute();
  const rounds = await db
    .selectFrom("roundItems as i")
    .innerJoin("committeeRounds as r", "r.id", "i.roundId")
    .select(["r.id", "r.title", sql<string>`to_char(r.meeting_date, 'YYYY-MM-DD')`.as("meetingDate"), "r.state", "i.decision", "i.movedToRoundId"])
    .where("i.proposalId", "=", id)
    .orderBy("r.meetingDate")
    .execute();
  const state = row.state as ProposalState;
  const relations = await relationsOf(db, user, { ...row, state, coProposers: coProposers.map((c) => c.id) });
  return {
    proposal: {
      ...row,
      state,
      stateEnteredAt: row.stateEnteredAt.toISOString(),
      submittedAt: row.submittedAt?.toISOString() ?? null,
      decidedAt: row.decidedAt?.toISOString() ?? null,
      reviewedAt: row.reviewedAt?.toISOString() ?? null,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
      meanScore: row.meanScore === null ? null : Number(row.meanScore),
      stageAgeDays: stageAgeDays(row.stateEnteredAt, now),
    },
    coProposers,
    timeline: events.map((e) => ({ ...e, id: String(e.id), at: e.at.toISOString(), details: (e.details ?? {}) as Record<string, unknown> })),
    progress: progress.map((g) => ({ ...g, at: g.at.toISOString() })),
    rounds,
    relations,
    actions: allowedActions(state, relations) as ActionType[],
  };
}

/** The proposal as typed, for its edit form. */
export async function loadProposalForEdit(db: Executor, user: CurrentUser, id: number) {
  const { proposal, coProposers, actions } = await loadProposal(db, user, id);
  if (!actions.includes("edit")) throw new Response("Forbidden", { status: 403 });
  return { proposal, coProposerIds: coProposers.map((c) => c.id) };
}

// ------------------------------------------------------------------------------ similar proposals

export interface SimilarProposal {
  id: number;
  referenceNo: string | null;
  title: string;
  state: ProposalState;
  similarity: number;
}

const dice = (a: ReadonlySet<string>, b: ReadonlySet<string>) => {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const t of a) if (b.has(t)) shared++;
  return (2 * shared) / (a.size + b.size);
};

/**
 * Earlier proposals of the office that look like this one, so the same idea is not proposed twice
 * unknowingly (issue 4). Candidates share at least one bigram with the title or method (GIN index);
 * they are then scored by bigram overlap, the title counting more than the text, and kept from 0.25.
 */
export async function findSimilarProposals(
  db: Executor,
  officeId: number,
  text: { title: string; problem?: string; method?: string; benefit?: string },
  options: { excludeId?: number; limit?: number } = {},
): Promise<SimilarProposal[]> {
  const query = queryTerms(`${text.title}\n${text.method ?? ""}`, "any");
  if (!query) return [];
  const candidates = await db
    .selectFrom("proposals")
    .select(["id", "referenceNo", "title", "state", "problem", "method", "benefit"])
    .where("officeId", "=", officeId)
    .where("state", "!=", "draft")
    .$if(options.excludeId !== undefined, (q) => q.where("id", "!=", options.excludeId!))
    .where(sql<boolean>`search_vector @@ ${query}::tsquery`)
    .orderBy(sql`ts_rank(search_vector, ${query}::tsquery)`, "desc")
    .limit(50)
    .execute();
  const titleTerms = new Set(searchTerms(text.title));
  const bodyTerms = new Set(searchTerms([text.problem, text.method, text.benefit].join("\n")));
  return candidates
    .map((c) => {
      const byTitle = dice(titleTerms, new Set(searchTerms(c.title)));
      const byBody = dice(bodyTerms, new Set(searchTerms([c.problem, c.method, c.benefit].join("\n"))));
      const similarity = bodyTerms.size === 0 ? byTitle : 0.6 * byTitle + 0.4 * byBody;
      return { id: c.id, referenceNo: c.referenceNo, title: c.title, state: c.state as ProposalState, similarity: Math.round(similarity * 100) / 100 };
    })
    .filter((c) => c.similarity >= 0.25)
    .sort((a, b) => b.similarity - a.similarity || a.id - b.id)
    .slice(0, options.limit ?? 5);
}

// ------------------------------------------------------------------------------ lists

export const PROPOSAL_VIEWS = ["mine", "screen", "vote", "all"] as const;
export type ProposalView = (typeof PROPOSAL_VIEWS)[number];
export const PROPOSAL_SORTS = ["referenceNo", "title", "state", "stateEnteredAt", "updatedAt"] as const;
export type ProposalSort = (typeof PROPOSAL_SORTS)[number];

export function viewsFor(user: CurrentUser): ProposalView[] {
  const views: ProposalView[] = ["mine"];
  if (user.roles.includes("supervisor") || user.roles.includes("director")) views.push("screen");
  if (user.roles.includes("committee") || user.roles.includes("chair")) views.push("vote");
  views.push("all");
  return views;
}

/**
 * One page of a proposal list. `mine`: I proposed or co-proposed it (drafts included). `screen`: waiting
 * for a supervisor, not my own. `vote`: on the agenda of a meeting I sit on that is not closed. `all`:
 * every proposal of the office except drafts.
 */
export async function listProposals(db: Executor, user: CurrentUser, view: ProposalView, params: ListParams<ProposalSort>, now = new Date()) {
  let q = db
    .selectFrom("proposals as p")
    .innerJoin("users as u", "u.id", "p.proposerId")
    .select([
      "p.id",
      "p.referenceNo",
      "p.title",
      "p.category",
      "p.state",
      "p.stateEnteredAt",
      "p.updatedAt",
      "p.rewardGrade",
      "u.name as proposerName",
    ])
    .where("p.officeId", "=", user.officeId);
  const mineExpr = sql<boolean>`(p.proposer_id = ${user.id} or exists (select 1 from proposal_co_proposers c where c.proposal_id = p.id and c.user_id = ${user.id}))`;
  if (view === "mine") q = q.where(mineExpr);
  else if (view === "screen") q = q.where("p.state", "=", "submitted").where(sql<boolean>`not ${mineExpr}`);
  else if (view === "vote")
    q = q
      .where("p.state", "=", "scheduled")
      .where(
        sql<boolean>`exists (select 1 from round_members m join committee_rounds r on r.id = m.round_id where r.id = p.current_round_id and m.member_id = ${user.id} and r.state <> 'closed')`,
      );
  else q = q.where("p.state", "!=", "draft");
  if (params.filters.state) q = q.where("p.state", "=", params.filters.state);
  if (params.filters.category) q = q.where("p.category", "=", params.filters.category as never);
  if (params.filters.year && /^\d{2,3}$/.test(params.filters.year)) {
    const gregorian = Number(params.filters.year) + 1911;
    q = q.where(sql<boolean>`extract(year from coalesce(p.submitted_at, p.created_at) at time zone 'Asia/Taipei') = ${gregorian}`);
  }
  if (params.q) {
    const query = queryTerms(params.q, "all");
    if (query) q = q.where((eb) => eb.or([eb("p.referenceNo", "=", params.q), sql<boolean>`p.search_vector @@ ${query}::tsquery`]));
  }
  const page: Page<{
    id: number;
    referenceNo: string | null;
    title: string;
    category: string;
    state: string;
    stateEnteredAt: Date;
    updatedAt: Date;
    rewardGrade: string | null;
    proposerName: string;
  }> = await fetchPage(
    q,
    params,
    { referenceNo: "p.referenceNo", title: "p.title", state: "p.state", stateEnteredAt: "p.stateEnteredAt", updatedAt: "p.updatedAt" },
    "p.id",
  );
  return {
    ...page,
    rows: page.rows.map((r) => ({
      ...r,
      state: r.state as ProposalState,
      stateEnteredAt: r.stateEnteredAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
      stageAgeDays: stageAgeDays(r.stateEnteredAt, now),
    })),
  };
}

/** Years (民國) that have proposals, newest first, for the year filter. */
export async function proposalYears(db: Executor, officeId: number): Promise<number[]> {
  const rows = await db
    .selectFrom("proposals")
    .select(sql<number>`distinct extract(year from coalesce(submitted_at, created_at) at time zone 'Asia/Taipei')::int`.as("year"))
    .where("officeId", "=", officeId)
    .execute();
  return rows.map((r) => Number(r.year) - 1911).sort((a, b) => b - a);
}

/** For the home page: what in this module waits for this person. */
export async function proposalsWaitingFor(db: Executor, user: CurrentUser) {
  const returned = await db
    .selectFrom("proposals")
    .select(["id", "title"])
    .where("officeId", "=", user.officeId)
    .where("proposerId", "=", user.id)
    .where("state", "=", "returned")
    .execute();
  let toScreen = 0;
  if (user.roles.includes("supervisor") || user.roles.includes("director")) {
    const row = await db
      .selectFrom("proposals")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("officeId", "=", user.officeId)
      .where("state", "=", "submitted")
      .where("proposerId", "!=", user.id)
      .executeTakeFirstOrThrow();
    toScreen = Number(row.n);
  }
  return { returned, toScreen };
}
