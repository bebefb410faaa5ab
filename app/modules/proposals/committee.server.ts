// The review committee's meetings (研提案件審查小組) on the database: the agenda, attendance, recusals,
// hidden ballots, closing with tallies, and the facts the chair's decision needs (issue 4, "Committee
// round"). The arithmetic is in committee-rules.ts; this file loads, locks and writes.
import type { Kysely } from "kysely";
import { recordAudit } from "../audit/audit.server";
import type { CurrentUser } from "../auth/session.server";
import { sql, type Database, type Executor } from "../db.server";
import { DomainError } from "../domain-error";
import { notify } from "../notifications/notifications.server";
import {
  ballotRefusal,
  criterionStatistics,
  quorum,
  recusedMembers,
  rubricScore,
  tally,
  visibleBallots,
  type CriterionStatistics,
  type QuorumResult,
  type RecusalReason,
  type RoundState,
  type RubricWeights,
  type Tally,
  type VoteChoice,
} from "./committee-rules";
import { transition, type ProposalState } from "./proposal-workflow";
import { roundScore } from "./reward-grade";
import { getProposalSettings, officeMembersWithRoles } from "./proposals.server";
import type { RoundInput } from "./proposals.schema";

type Db = Kysely<Database>;

interface RoundRow {
  id: number;
  officeId: number;
  title: string;
  state: RoundState;
  chairId: number;
  quorumRule: "at_least_half" | "more_than_half";
  rubricWeights: RubricWeights;
}

async function roundRow(db: Executor, user: CurrentUser, roundId: number, lock: "update" | "share" | null = null): Promise<RoundRow> {
  let q = db
    .selectFrom("committeeRounds")
    .select(["id", "officeId", "title", "state", "chairId", "quorumRule", "rubricWeights"])
    .where("id", "=", roundId)
    .where("officeId", "=", user.officeId);
  if (lock === "update") q = q.forUpdate();
  if (lock === "share") q = q.forShare();
  const row = await q.executeTakeFirst();
  if (!row) throw new Response("Not Found", { status: 404 });
  return { ...row, rubricWeights: row.rubricWeights as RubricWeights };
}

function requireRoundChair(user: CurrentUser, round: RoundRow) {
  if (round.chairId !== user.id) throw new DomainError("_form", "只有本次會議的主席（召集人）可以這樣做。");
}

function requireNotClosed(round: RoundRow) {
  if (round.state === "closed") throw new DomainError("_form", "審查會議已結束投票，不能再變更。");
}

const roundLink = (id: number) => `/committee/rounds/${id}`;

// ------------------------------------------------------------------------------ meetings

/** A new meeting: its members are the committee as it stands now (召集人 and 委員), its rules those in force. */
export async function createRound(db: Db, user: CurrentUser, input: RoundInput): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const settings = await getProposalSettings(trx, user.officeId);
    const members = await officeMembersWithRoles(trx, user.officeId, ["committee", "chair"]);
    if (!members.includes(user.id)) members.push(user.id);
    const { id } = await trx
      .insertInto("committeeRounds")
      .values({
        officeId: user.officeId,
        title: input.title,
        meetingDate: input.meetingDate,
        location: input.location,
        chairId: user.id,
        quorumRule: settings.quorumRule,
        rubricWeights: JSON.stringify(settings.rubricWeights),
        createdBy: user.id,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx.insertInto("roundMembers").values(members.map((memberId) => ({ roundId: id, memberId }))).execute();
    await recordAudit(trx, {
      actorUserId: user.id,
      officeId: user.officeId,
      action: "committeeRound.create",
      entityType: "committeeRound",
      entityId: id,
      after: { ...input, members },
    });
    return id;
  });
}

export async function listRounds(db: Executor, user: CurrentUser) {
  const rows = await db
    .selectFrom("committeeRounds as r")
    .innerJoin("users as c", "c.id", "r.chairId")
    .select([
      "r.id",
      "r.title",
      sql<string>`to_char(r.meeting_date, 'YYYY-MM-DD')`.as("meetingDate"),
      "r.location",
      "r.state",
      "c.name as chairName",
      (eb) => eb.selectFrom("roundItems as i").select((e) => e.fn.countAll<string>().as("n")).whereRef("i.roundId", "=", "r.id").as("itemCount"),
    ])
    .where("r.officeId", "=", user.officeId)
    .orderBy("r.meetingDate", "desc")
    .orderBy("r.id", "desc")
    .execute();
  return rows.map((r) => ({ ...r, itemCount: Number(r.itemCount ?? 0) }));
}

/** Meetings a forwarded proposal can be put on: not yet closed. */
export async function roundsOpenForScheduling(db: Executor, user: CurrentUser) {
  return db
    .selectFrom("committeeRounds")
    .select(["id", "title", sql<string>`to_char(meeting_date, 'YYYY-MM-DD')`.as("meetingDate"), "state"])
    .where("officeId", "=", user.officeId)
    .where("state", "!=", "closed")
    .orderBy("meetingDate")
    .execute();
}

/** 排入審查會議 (or move to a later meeting when its meeting had no quorum). */
export async function scheduleProposal(db: Db, user: CurrentUser, proposalId: number, roundId: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const round = await roundRow(trx, user, roundId, "share");
    requireNotClosed(round);
    const p = await trx
      .selectFrom("proposals")
      .select(["id", "officeId", "state", "title", "proposerId", "currentRoundId"])
      .where("id", "=", proposalId)
      .where("officeId", "=", user.officeId)
      .forUpdate()
      .executeTakeFirst();
    if (!p) throw new Response("Not Found", { status: 404 });
    const state = p.state as ProposalState;
    const relations = user.roles.includes("chair") ? (["chair"] as const) : (["other"] as const);
    const result = transition(state, { type: "schedule" }, relations);
    if (!result.ok) throw new DomainError("_form", result.reason);
    if (p.currentRoundId === roundId) throw new DomainError("roundId", "提案已經排在這次會議。");
    const { max } = await trx
      .selectFrom("roundItems")
      .select((eb) => eb.fn.max("position").as("max"))
      .where("roundId", "=", roundId)
      .executeTakeFirstOrThrow();
    const existing = await trx.selectFrom("roundItems").select("id").where("roundId", "=", roundId).where("proposalId", "=", proposalId).executeTakeFirst();
    if (existing) throw new DomainError("roundId", "提案已經排在這次會議。");
    await trx.insertInto("roundItems").values({ roundId, proposalId, position: Number(max ?? 0) + 1 }).execute();
    if (p.currentRoundId !== null) {
      await trx
        .updateTable("roundItems")
        .set({ movedToRoundId: roundId })
        .where("roundId", "=", p.currentRoundId)
        .where("proposalId", "=", proposalId)
        .execute();
    }
    await trx
      .updateTable("proposals")
      .set({ state: result.next, ...(state === result.next ? {} : { stateEnteredAt: new Date() }), currentRoundId: roundId, updatedAt: new Date() })
      .where("id", "=", proposalId)
      .execute();
    await trx
      .insertInto("proposalEvents")
      .values({
        proposalId,
        action: p.currentRoundId === null ? "schedule" : "reschedule",
        fromState: state,
        toState: result.next,
        actorId: user.id,
        details: JSON.stringify({ roundId, roundTitle: round.title }),
      })
      .execute();
    await recordAudit(trx, {
      actorUserId: user.id,
      officeId: user.officeId,
      action: "proposal.schedule",
      entityType: "proposal",
      entityId: proposalId,
      before: { state, roundId: p.currentRoundId },
      after: { state: result.next, roundId },
    });
    await notify(trx, {
      userIds: [p.proposerId],
      officeId: user.officeId,
      messageKey: "notify.proposals.scheduled",
      params: { title: p.title, round: round.title },
      link: `/proposals/${proposalId}`,
      actorId: user.id,
    });
  });
}

export async function setAttendance(db: Db, user: CurrentUser, roundId: number, presentIds: number[]): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const round = await roundRow(trx, user, roundId, "update");
    requireRoundChair(user, round);
    requireNotClosed(round);
    const members = await trx.selectFrom("roundMembers").select(["memberId", "present"]).where("roundId", "=", roundId).execute();
    const memberIds = new Set(members.map((m) => m.memberId));
    if (presentIds.some((id) => !memberIds.has(id))) throw new DomainError("present", "只能登記審查小組委員的出席。");
    const present = new Set(presentIds);
    await trx.updateTable("roundMembers").set({ present: false }).where("roundId", "=", roundId).execute();
    if (present.size > 0) await trx.updateTable("roundMembers").set({ present: true }).where("roundId", "=", roundId).where("memberId", "in", [...present]).execute();
    // A member marked absent after voting: the ballot no longer counts (only members present vote).
    const absent = members.filter((m) => !present.has(m.memberId)).map((m) => m.memberId);
    if (absent.length > 0) {
      await trx
        .deleteFrom("ballots")
        .where("memberId", "in", absent)
        .where("roundItemId", "in", (eb) => eb.selectFrom("roundItems").select("id").where("roundId", "=", roundId))
        .execute();
    }
    await recordAudit(trx, {
      actorUserId: user.id,
      officeId: user.officeId,
      action: "committeeRound.attendance",
      entityType: "committeeRound",
      entityId: roundId,
      before: { present: members.filter((m) => m.present).map((m) => m.memberId) },
      after: { present: [...present] },
    });
  });
}

export async function openRound(db: Db, user: CurrentUser, roundId: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const round = await roundRow(trx, user, roundId, "update");
    requireRoundChair(user, round);
    if (round.state !== "planned") throw new DomainError("_form", "只有尚未開始的會議可以開始投票。");
    const items = await trx.selectFrom("roundItems").select("id").where("roundId", "=", roundId).where("movedToRoundId", "is", null).execute();
    if (items.length === 0) throw new DomainError("_form", "會議還沒有排入任何提案。");
    await trx.updateTable("committeeRounds").set({ state: "open", openedAt: new Date() }).where("id", "=", roundId).execute();
    await recordAudit(trx, { actorUserId: user.id, officeId: user.officeId, action: "committeeRound.open", entityType: "committeeRound", entityId: roundId });
    const members = await trx.selectFrom("roundMembers").select("memberId").where("roundId", "=", roundId).execute();
    await notify(trx, {
      userIds: members.map((m) => m.memberId),
      officeId: user.officeId,
      messageKey: "notify.committee.votingOpen",
      params: { round: round.title },
      link: roundLink(roundId),
      actorId: user.id,
    });
  });
}

export interface ItemResult {
  tally: Tally;
  statistics: CriterionStatistics;
  quorum: QuorumResult;
  meanScore: number | null;
}

/** 結束投票: ballots are counted and become visible; each item's mean score is kept on its proposal. */
export async function closeRound(db: Db, user: CurrentUser, roundId: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const round = await roundRow(trx, user, roundId, "update");
    requireRoundChair(user, round);
    if (round.state !== "open") throw new DomainError("_form", "只有投票中的會議可以結束投票。");
    const facts = await itemFacts(trx, roundId);
    for (const item of facts.items) {
      if (item.movedToRoundId !== null) continue;
      const ballots = facts.ballots.filter((b) => b.roundItemId === item.id);
      const scored = new Map(ballots.filter((b) => b.total !== null).map((b) => [b.memberId, b.scores]));
      const statistics = criterionStatistics(scored, round.rubricWeights);
      const meanScore = statistics.total.mean === null ? null : roundScore(statistics.total.mean);
      const result: ItemResult = { tally: tally(ballots.map((b) => b.vote)), statistics, quorum: withRule(item, facts.members, round.quorumRule).quorum, meanScore };
      await trx.updateTable("roundItems").set({ result: JSON.stringify(result) }).where("id", "=", item.id).execute();
      await trx.updateTable("proposals").set({ meanScore }).where("id", "=", item.proposalId).execute();
    }
    await trx.updateTable("committeeRounds").set({ state: "closed", closedAt: new Date() }).where("id", "=", roundId).execute();
    await recordAudit(trx, { actorUserId: user.id, officeId: user.officeId, action: "committeeRound.close", entityType: "committeeRound", entityId: roundId });
  });
}

// ------------------------------------------------------------------------------ recusal

async function itemOfRound(trx: Executor, user: CurrentUser, itemId: number) {
  const item = await trx
    .selectFrom("roundItems as i")
    .innerJoin("committeeRounds as r", "r.id", "i.roundId")
    .select(["i.id", "i.roundId", "i.proposalId", "i.movedToRoundId"])
    .where("i.id", "=", itemId)
    .where("r.officeId", "=", user.officeId)
    .executeTakeFirst();
  if (!item) throw new Response("Not Found", { status: 404 });
  return item;
}

async function recuse(trx: Executor, user: CurrentUser, itemId: number, memberId: number, reason: "declared_conflict" | "chair_ordered", note: string) {
  await trx
    .insertInto("roundRecusals")
    .values({ roundItemId: itemId, memberId, reason, note, recordedBy: user.id })
    .onConflict((oc) => oc.columns(["roundItemId", "memberId", "reason"]).doUpdateSet({ note, recordedBy: user.id }))
    .execute();
  // A recused member's ballot, if any, is withdrawn: recused members neither vote nor score.
  await trx.deleteFrom("ballots").where("roundItemId", "=", itemId).where("memberId", "=", memberId).execute();
  await recordAudit(trx, {
    actorUserId: user.id,
    officeId: user.officeId,
    action: `committeeRound.${reason === "declared_conflict" ? "declareConflict" : "orderRecusal"}`,
    entityType: "roundItem",
    entityId: itemId,
    after: { memberId, note },
  });
}

/** A member declares a conflict of interest on one proposal (自行申請迴避). */
export async function declareConflict(db: Db, user: CurrentUser, itemId: number, note: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const item = await itemOfRound(trx, user, itemId);
    const round = await roundRow(trx, user, item.roundId, "update");
    requireNotClosed(round);
    const member = await trx.selectFrom("roundMembers").select("memberId").where("roundId", "=", round.id).where("memberId", "=", user.id).executeTakeFirst();
    if (!member) throw new DomainError("_form", "只有本次會議的委員可以申請迴避。");
    await recuse(trx, user, itemId, user.id, "declared_conflict", note);
  });
}

/** The chair orders a member out of one proposal (主席命其迴避). */
export async function orderRecusal(db: Db, user: CurrentUser, itemId: number, memberId: number, note: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const item = await itemOfRound(trx, user, itemId);
    const round = await roundRow(trx, user, item.roundId, "update");
    requireRoundChair(user, round);
    requireNotClosed(round);
    const member = await trx.selectFrom("roundMembers").select("memberId").where("roundId", "=", round.id).where("memberId", "=", memberId).executeTakeFirst();
    if (!member) throw new DomainError("memberId", "只能命本次會議的委員迴避。");
    await recuse(trx, user, itemId, memberId, "chair_ordered", note);
  });
}

/** 代理主席: who presides over an item the chair is recused from. */
export async function setActingChair(db: Db, user: CurrentUser, itemId: number, memberId: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const item = await itemOfRound(trx, user, itemId);
    const round = await roundRow(trx, user, item.roundId, "update");
    requireRoundChair(user, round);
    const facts = await itemFacts(trx, round.id);
    const fact = facts.items.find((i) => i.id === itemId)!;
    if (!facts.members.some((m) => m.memberId === memberId)) throw new DomainError("memberId", "代理主席必須是本次會議的委員。");
    if (fact.recused.some((r) => r.memberId === memberId)) throw new DomainError("memberId", "這位委員在本案應予迴避，不能擔任代理主席。");
    await trx.updateTable("roundItems").set({ actingChairId: memberId }).where("id", "=", itemId).execute();
    await recordAudit(trx, { actorUserId: user.id, officeId: user.officeId, action: "committeeRound.actingChair", entityType: "roundItem", entityId: itemId, after: { memberId } });
  });
}

// ------------------------------------------------------------------------------ the facts of a meeting

interface BallotRow {
  roundItemId: number;
  memberId: number;
  vote: VoteChoice;
  comment: string;
  scores: Record<string, number>;
  total: number | null;
  updatedAt: Date;
}

/** Members, attendance, and per item its recusals and quorum: what voting and deciding are checked against. */
async function itemFacts(db: Executor, roundId: number) {
  const members = await db.selectFrom("roundMembers").select(["memberId", "present"]).where("roundId", "=", roundId).orderBy("memberId").execute();
  const items = await db
    .selectFrom("roundItems as i")
    .innerJoin("proposals as p", "p.id", "i.proposalId")
    .select(["i.id", "i.proposalId", "i.position", "i.actingChairId", "i.movedToRoundId", "i.result", "i.decision", "i.decisionReason", "p.proposerId"])
    .where("i.roundId", "=", roundId)
    .orderBy("i.position")
    .execute();
  const itemIds = items.map((i) => i.id);
  const proposalIds = items.map((i) => i.proposalId);
  const co = proposalIds.length
    ? await db.selectFrom("proposalCoProposers").select(["proposalId", "userId"]).where("proposalId", "in", proposalIds).execute()
    : [];
  const recusals = itemIds.length
    ? await db.selectFrom("roundRecusals").select(["roundItemId", "memberId", "reason", "note"]).where("roundItemId", "in", itemIds).execute()
    : [];
  const ballots: BallotRow[] = itemIds.length
    ? (
        await db
          .selectFrom("ballots")
          .select(["roundItemId", "memberId", "vote", "comment", "scores", "total", "updatedAt"])
          .where("roundItemId", "in", itemIds)
          .orderBy("memberId")
          .execute()
      ).map((b) => ({ ...b, scores: b.scores as Record<string, number>, total: b.total === null ? null : Number(b.total) }))
    : [];
  const memberIds = members.map((m) => m.memberId);
  const presentIds = members.filter((m) => m.present).map((m) => m.memberId);
  return {
    members,
    ballots,
    items: items.map((item) => {
      const mine = recusals.filter((r) => r.roundItemId === item.id);
      const recused = recusedMembers({
        members: memberIds,
        proposers: [item.proposerId],
        coProposers: co.filter((c) => c.proposalId === item.proposalId).map((c) => c.userId),
        declaredConflicts: mine.filter((r) => r.reason === "declared_conflict").map((r) => r.memberId),
        chairOrdered: mine.filter((r) => r.reason === "chair_ordered").map((r) => r.memberId),
      });
      return {
        ...item,
        recused,
        recusalNotes: mine,
        quorum: quorum({ members: memberIds, present: presentIds, recused }),
      };
    }),
  };
}

/**
 * The quorum rule is stored per meeting (the one in force when it was created); `quorum()` above used
 * the default, so items are re-checked here with the meeting's own rule.
 */
function withRule<T extends { quorum: QuorumResult; recused: { memberId: number }[] }>(
  item: T,
  members: { memberId: number; present: boolean }[],
  rule: RoundRow["quorumRule"],
): T {
  return {
    ...item,
    quorum: quorum({ members: members.map((m) => m.memberId), present: members.filter((m) => m.present).map((m) => m.memberId), recused: item.recused.map((r) => r.memberId) }, rule),
  };
}

/** What the chair's decision on a proposal is checked against: its current meeting closed, and quorum met there. */
export async function decisionFacts(db: Executor, user: CurrentUser, proposalId: number) {
  const p = await db
    .selectFrom("proposals")
    .select(["currentRoundId"])
    .where("id", "=", proposalId)
    .where("officeId", "=", user.officeId)
    .executeTakeFirst();
  if (!p) throw new Response("Not Found", { status: 404 });
  if (p.currentRoundId === null) return { roundClosed: false, quorumMet: false, roundItemId: 0 };
  const round = await roundRow(db, user, p.currentRoundId);
  const facts = await itemFacts(db, round.id);
  const item = facts.items.find((i) => i.proposalId === proposalId);
  if (!item) return { roundClosed: false, quorumMet: false, roundItemId: 0 };
  return { roundClosed: round.state === "closed", quorumMet: withRule(item, facts.members, round.quorumRule).quorum.met, roundItemId: item.id };
}

// ------------------------------------------------------------------------------ ballots

export interface BallotInput {
  vote: VoteChoice;
  comment: string;
  scores: Record<string, number | undefined>;
}

/**
 * Casts or changes this member's ballot on one item. The meeting row is share-locked, so a ballot and
 * the chair's closing never interleave; the (item, member) key makes a double post one ballot.
 */
export async function castBallot(db: Db, user: CurrentUser, itemId: number, input: BallotInput): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const item = await itemOfRound(trx, user, itemId);
    const round = await roundRow(trx, user, item.roundId, "share");
    const facts = await itemFacts(trx, round.id);
    const fact = withRule(facts.items.find((i) => i.id === itemId)!, facts.members, round.quorumRule);
    const me = facts.members.find((m) => m.memberId === user.id);
    const refusal = ballotRefusal({
      roundState: round.state,
      isMember: Boolean(me),
      isRecused: fact.recused.some((r) => r.memberId === user.id),
      isPresent: Boolean(me?.present),
      quorumMet: fact.quorum.met,
    });
    if (refusal) throw new DomainError("_form", refusal);
    if (fact.movedToRoundId !== null) throw new DomainError("_form", "這件提案已改排到其他會議。");
    let scores: Record<string, number> = {};
    let total: number | null = null;
    const anyScore = Object.values(input.scores).some((s) => s !== undefined);
    // An abstention may come without scores; every other vote scores the whole rubric.
    if (input.vote !== "棄權" || anyScore) {
      const provided = Object.fromEntries(Object.entries(input.scores).filter(([, v]) => v !== undefined)) as Record<string, number>;
      const scored = rubricScore(provided, round.rubricWeights);
      if (!scored.ok) {
        const first = scored.errors[0];
        throw new DomainError(first.criterion ? `score_${first.criterion}` : "_form", first.reason);
      }
      scores = provided;
      total = scored.total;
    }
    await trx
      .insertInto("ballots")
      .values({ roundItemId: itemId, memberId: user.id, vote: input.vote, comment: input.comment, scores: JSON.stringify(scores), total })
      .onConflict((oc) =>
        oc.columns(["roundItemId", "memberId"]).doUpdateSet({
          vote: input.vote,
          comment: input.comment,
          scores: JSON.stringify(scores),
          total,
          updatedAt: new Date(),
        }),
      )
      .execute();
    // The audit row says a ballot was cast, never what it says: that stays hidden until the meeting closes.
    await recordAudit(trx, { actorUserId: user.id, officeId: user.officeId, action: "ballot.cast", entityType: "roundItem", entityId: itemId });
  });
}

// ------------------------------------------------------------------------------ the meeting page

/**
 * Everything the meeting page and its minutes show. Until the meeting closes, the ballots in it are the
 * viewer's own only (visibleBallots): no one, the chair included, receives another member's vote.
 */
export async function loadRound(db: Executor, user: CurrentUser, roundId: number) {
  const round = await roundRow(db, user, roundId);
  const meta = await db
    .selectFrom("committeeRounds as r")
    .innerJoin("users as c", "c.id", "r.chairId")
    .select([
      sql<string>`to_char(r.meeting_date, 'YYYY-MM-DD')`.as("meetingDate"),
      "r.location",
      "r.openedAt",
      "r.closedAt",
      "c.name as chairName",
    ])
    .where("r.id", "=", roundId)
    .executeTakeFirstOrThrow();
  const facts = await itemFacts(db, roundId);
  const people = await db
    .selectFrom("users")
    .select(["id", "name", "title"])
    .where(
      "id",
      "in",
      [...new Set([...facts.members.map((m) => m.memberId), round.chairId, ...facts.items.flatMap((i) => [i.proposerId, i.actingChairId ?? 0])])].filter(Boolean),
    )
    .execute();
  const nameOf = (id: number | null) => (id === null ? null : (people.find((p) => p.id === id)?.name ?? null));
  const proposals = facts.items.length
    ? await db
        .selectFrom("proposals")
        .select(["id", "referenceNo", "title", "category", "state", "currentRoundId", "documentNumber"])
        .where("id", "in", facts.items.map((i) => i.proposalId))
        .execute()
    : [];
  const isMember = facts.members.some((m) => m.memberId === user.id);
  const myPresence = facts.members.find((m) => m.memberId === user.id)?.present ?? false;
  const items = facts.items.map((raw) => {
    const item = withRule(raw, facts.members, round.quorumRule);
    const proposal = proposals.find((p) => p.id === item.proposalId)!;
    const itemBallots = facts.ballots.filter((b) => b.roundItemId === item.id);
    const shown = visibleBallots(user.id, round.state, itemBallots);
    const myBallot = itemBallots.find((b) => b.memberId === user.id) ?? null;
    const presiding = item.actingChairId ?? round.chairId;
    const moved = item.movedToRoundId !== null;
    return {
      id: item.id,
      position: item.position,
      proposalId: item.proposalId,
      referenceNo: proposal.referenceNo,
      title: proposal.title,
      category: proposal.category,
      proposalState: proposal.state as ProposalState,
      documentNumber: proposal.documentNumber,
      proposerName: nameOf(item.proposerId),
      movedToRoundId: item.movedToRoundId,
      actingChairId: item.actingChairId,
      actingChairName: nameOf(item.actingChairId),
      presidingChairId: presiding,
      chairRecused: item.recused.some((r) => r.memberId === round.chairId),
      recused: item.recused.map((r) => ({
        memberId: r.memberId,
        name: nameOf(r.memberId),
        reasons: r.reasons as RecusalReason[],
        notes: item.recusalNotes.filter((n) => n.memberId === r.memberId && n.note).map((n) => n.note),
      })),
      quorum: item.quorum,
      // How many have voted, never who voted what, while the meeting is open.
      ballotsCast: itemBallots.length,
      myBallot: myBallot ? { ...myBallot, updatedAt: myBallot.updatedAt.toISOString() } : null,
      myRefusal: moved
        ? "這件提案已改排到其他會議。"
        : ballotRefusal({
            roundState: round.state,
            isMember,
            isRecused: item.recused.some((r) => r.memberId === user.id),
            isPresent: myPresence,
            quorumMet: item.quorum.met,
          }),
      ballots: shown.map((b) => ({ memberId: b.memberId, name: nameOf(b.memberId), vote: b.vote, comment: b.comment, scores: b.scores, total: b.total })),
      result: round.state === "closed" ? ((item.result ?? null) as ItemResult | null) : null,
      decision: item.decision,
      decisionReason: item.decisionReason,
      canDecide:
        round.state === "closed" &&
        !moved &&
        presiding === user.id &&
        proposal.state === "scheduled" &&
        proposal.currentRoundId === roundId &&
        !item.recused.some((r) => r.memberId === user.id),
    };
  });
  return {
    round: {
      id: round.id,
      title: round.title,
      state: round.state,
      chairId: round.chairId,
      chairName: meta.chairName,
      meetingDate: meta.meetingDate,
      location: meta.location,
      openedAt: meta.openedAt?.toISOString() ?? null,
      closedAt: meta.closedAt?.toISOString() ?? null,
      quorumRule: round.quorumRule,
      rubricWeights: round.rubricWeights,
    },
    members: facts.members.map((m) => {
      const person = people.find((p) => p.id === m.memberId);
      return { id: m.memberId, name: person?.name ?? "", title: person?.title ?? "", present: m.present, isChair: m.memberId === round.chairId };
    }),
    isChair: round.chairId === user.id,
    isMember,
    items,
  };
}

export type RoundView = Awaited<ReturnType<typeof loadRound>>;

/** For the home page: open meetings where this member still has proposals to vote on (not recused, not yet voted). */
export async function votesWaitingFor(db: Executor, user: CurrentUser) {
  const rounds = await db
    .selectFrom("committeeRounds as r")
    .innerJoin("roundMembers as m", "m.roundId", "r.id")
    .select(["r.id", "r.title"])
    .where("r.officeId", "=", user.officeId)
    .where("r.state", "=", "open")
    .where("m.memberId", "=", user.id)
    .orderBy("r.meetingDate")
    .execute();
  const waiting: { roundId: number; title: string; count: number }[] = [];
  for (const round of rounds) {
    const facts = await itemFacts(db, round.id);
    const count = facts.items.filter(
      (i) =>
        i.movedToRoundId === null &&
        !i.recused.some((r) => r.memberId === user.id) &&
        !facts.ballots.some((b) => b.roundItemId === i.id && b.memberId === user.id),
    ).length;
    if (count > 0) waiting.push({ roundId: round.id, title: round.title, count });
  }
  return waiting;
}
