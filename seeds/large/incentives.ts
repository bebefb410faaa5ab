// Large-data generator, incentive points (獎勵積分; issue 8, seed 服務精進機制 1.(4)): one office's rules,
// reward thresholds, entries with their approval, and closed periods with their frozen scoreboards
// over [ctx.from, ctx.to].
//
// How an office runs it, month by month, and so what is generated:
// - The rules: the key items plus the office's own 專案表揚 (points given case by case), set up before
//   the history starts. Three items changed on 2026-01-01 to the product's example values
//   (EXAMPLE_RULES), each as a new version ending the old one the day before (planRuleVersion), so
//   older months keep scoring with the rules in force then.
// - Early each month a supervisor imports last month's tallies (CSV: 跨機關通報件數 and 電子票證收費件數,
//   one line per person and item), generates the counter ranks (櫃台績效評比) of the ended month and
//   the grades of proposals granted in it; during the month supervisors add 專案表揚 and the odd
//   correction (a negative quantity). Everything is pending until another supervisor or the director
//   (never the person concerned) approves or rejects it, usually within days.
// - Around the middle of the next month the month is closed, and each half-year after it ends: the
//   scoreboard is frozen as it stood (scoreEntries + scoreboard, the same pure functions closePeriod
//   uses, on the entries and decisions as they were then). An entry approved after a closing of its
//   period is an adjustment, as decideEntry marks it.
// ≈ 600 entries a year: ~175 跨機關通報, ~170 電子票證, ~180 counter ranks (15 regulars a month), ~60
// 表揚, a few corrections and the granted proposals; ~2 % rejected, a few percent adjustments. What
// was entered since the last review is still pending.
//
// Counter ranks come from the counters module's own ranking (rankingFor) for months with queue data
// in which anyone reaches the ranking's minimum staffed days; a month with queue data and nobody
// ranked gets none, as generateFromCounterRanking would give none. Only an office without any queue
// data for the month (e.g. `try.ts`) gets a plausible ranking of its counter regulars instead.
import { sql } from "kysely";
import { rankingFor, getRankingSettings } from "../../app/modules/counters/counters.server";
import { periodOf, taipeiDate, type Period } from "../../app/modules/counters/periods";
import {
  EXAMPLE_REWARD_THRESHOLDS,
  EXAMPLE_RULES,
  KEY_ITEMS,
  counterRankEntries,
  proposalGradeEntry,
  scoreEntries,
  scoreboard,
  type ClosedPeriod,
  type EntrySource,
  type EntryStatus,
  type IncentiveEntry,
  type IncentiveRule,
} from "../../app/modules/incentives/rules";
import { addDays, between, insertBatches, isWeekday, pick, taipeiInstant, type OfficeContext, weekdayOnOrAfter, shuffled } from "./context";

const DAY = 86_400_000;
const STAFF_ROLES = ["staff", "committee", "chair", "supervisor", "director"];

/** The office's own item (issue 8: "the office's own code"): points written on each entry. */
const COMMENDATION = "special_commendation";

const COMMENDATION_NOTES: readonly [string, number][] = [
  ["獲民眾具名來函表揚", 3],
  ["市長信箱陳情案妥適處理，獲民眾肯定", 2],
  ["支援行動戶政到府服務", 2],
  ["協助辦理役男身家調查作業", 1],
  ["支援選務工作表現優異", 3],
  ["主動發現並通報疑似人口販運案件", 5],
  ["協助獨居長者完成死亡登記及後續通報", 2],
  ["假日延長服務輪值", 1],
  ["協助新進同仁熟悉櫃台作業", 1],
  ["戶政業務聯合稽核成績優良", 3],
];

const REJECTED_COMMENDATIONS = ["支援本所例行業務（屬職責範圍）", "參加研習（已列計學習時數）"];

const CORRECTION_NOTE = (n: number) => `更正：CSV 重複計算 ${n} 件`;

interface Draft {
  userId: number;
  item: string;
  date: string;
  quantity: number | null;
  rank: number | null;
  grade: string | null;
  points: number | null;
  source: EntrySource;
  sourceRef: string | null;
  note: string;
  createdBy: number;
  createdAt: Date;
  /** The supervisor's decision, or none yet (pending). */
  decision: { status: "approved" | "rejected"; by: number; at: Date } | null;
}

interface Closing extends ClosedPeriod {
  closedBy: number;
}

export async function generate(ctx: OfficeContext): Promise<void> {
  const { rand, db } = ctx;
  // Everything generated happened before today began (Taipei).
  const cutoff = taipeiInstant(ctx.to, 0);
  const roster = ctx.people.filter((p) => p.roles.some((r) => STAFF_ROLES.includes(r)));
  const managers = [ctx.directorId, ...ctx.supervisorIds].filter((id): id is number => typeof id === "number");
  if (roster.length === 0 || managers.length === 0) {
    ctx.log("no staff or no supervisor: nothing generated");
    return;
  }
  const director = ctx.directorId ?? managers[0];
  const importer = ctx.supervisorIds[0] ?? managers[0];
  const officeTime = (day: string, from = 8, to = 17) => taipeiInstant(day, between(rand, from, to - 1), between(rand, 0, 59), between(rand, 0, 59));
  /** During office hours, about `days` after `after` (and after it). */
  const decisionTime = (after: Date, days: number) => {
    const at = officeTime(weekdayOnOrAfter(taipeiDate(new Date(after.getTime() + days * DAY))), 8, 18);
    return at > after ? at : new Date(after.getTime() + 3_600_000);
  };
  /** Another supervisor or the director: never the person concerned, and not the one who entered it when possible. */
  const deciderFor = (userId: number, createdBy: number) => {
    const notConcerned = managers.filter((m) => m !== userId);
    const others = notConcerned.filter((m) => m !== createdBy);
    return pick(rand, others.length ? others : notConcerned.length ? notConcerned : managers);
  };

  // ---------------------------------------------------------------- who does what
  // Counter clerks: everyone but the director and the section chiefs (as seeds/large/queue.ts staffs them).
  const clerks = roster.filter((p) => p.id !== ctx.directorId && !ctx.supervisorIds.includes(p.id));
  const noticeHandlers = shuffled(rand, clerks).slice(0, Math.max(1, Math.round(clerks.length * 0.45)));
  const cashiers = shuffled(rand, clerks).slice(0, Math.max(1, Math.round(clerks.length * 0.4)));
  const counterRegulars = shuffled(rand, clerks).slice(0, Math.min(15, clerks.length));
  /** How good each regular is at the counter: the synthetic ranking's steady part. */
  const skill = new Map(counterRegulars.map((p) => [p.id, rand()]));
  /** How busy each clerk is with notices / payments: some handle many, most a few. */
  const busy = new Map(clerks.map((p) => [p.id, 0.4 + rand() * 1.2]));

  // ---------------------------------------------------------------- rules
  const fromYear = Number(ctx.from.slice(0, 4));
  const start = `${fromYear}-01-01`;
  const change = EXAMPLE_RULES[0].effectiveFrom; // 2026-01-01: the example values took over
  const changes = change > start && change <= ctx.to;
  const example = (item: string) => EXAMPLE_RULES.find((r) => r.item === item)!;
  const ruleRows: (Omit<IncentiveRule, "id"> & { createdAt: Date })[] = [];
  const setUpAt = officeTime(weekdayOnOrAfter(addDays(start, -20)));
  const v1: Omit<IncentiveRule, "id" | "effectiveFrom" | "effectiveTo">[] = [
    { item: "cross_agency_notice", label: KEY_ITEMS.cross_agency_notice, scoring: { kind: "per_unit", pointsPerUnit: 0.5 }, capPerPeriod: 8, periodKind: "month" },
    { item: "e_payment", label: KEY_ITEMS.e_payment, scoring: { kind: "per_unit", pointsPerUnit: 0.1 }, capPerPeriod: 3, periodKind: "month" },
    { item: "counter_rank", label: KEY_ITEMS.counter_rank, scoring: { kind: "rank", points: { 1: 3, 2: 2, 3: 1 } }, capPerPeriod: null, periodKind: "month" },
  ];
  for (const rule of v1) {
    if (changes) {
      ruleRows.push({ ...rule, effectiveFrom: start, effectiveTo: addDays(change, -1), createdAt: setUpAt });
      // Saved in the middle of December, after November had been closed (planRuleVersion's rule).
      ruleRows.push({ ...example(rule.item), effectiveFrom: change, effectiveTo: null, createdAt: officeTime(weekdayOnOrAfter(addDays(change, -14))) });
    } else {
      const current = change <= start ? example(rule.item) : rule;
      ruleRows.push({ ...current, item: rule.item, effectiveFrom: start, effectiveTo: null, createdAt: setUpAt });
    }
  }
  ruleRows.push({ ...example("proposal_grade"), effectiveFrom: start, effectiveTo: null, createdAt: setUpAt });
  ruleRows.push({ item: COMMENDATION, label: "專案表揚", scoring: { kind: "points" }, capPerPeriod: 10, periodKind: "quarter", effectiveFrom: start, effectiveTo: null, createdAt: setUpAt });
  const rules: IncentiveRule[] = ruleRows.map((r, i) => ({ ...r, id: i + 1 }));
  const thresholds = [...EXAMPLE_REWARD_THRESHOLDS];

  // ---------------------------------------------------------------- what happened, month by month
  const drafts: Draft[] = [];
  const closings: Closing[] = [];
  /**
   * The decision on an entry: at `decidedAt` when a whole batch is gone through at once (an import,
   * a ranking), else within a few days. Now and then one waits for weeks, past the closing of its
   * month, and is then an adjustment.
   */
  const decide = (draft: Omit<Draft, "decision">, rejectShare: number, batch?: { at: Date; by: number }): Draft => {
    const late = rand() < 0.015;
    const at = late ? decisionTime(draft.createdAt, 12 + rand() * 40) : batch?.at ?? decisionTime(draft.createdAt, 1 + rand() * 9);
    if (at >= cutoff) return { ...draft, decision: null };
    return { ...draft, decision: { status: rand() < rejectShare ? "rejected" : "approved", by: batch && batch.by !== draft.userId ? batch.by : deciderFor(draft.userId, draft.createdBy), at } };
  };
  const clampDay = (day: string) => (day < ctx.from ? ctx.from : day);

  const [queueMonths, rankingMinimum, proposals] = await Promise.all([queueMonthsOf(ctx), getRankingSettings(db, ctx.officeId), grantedProposals(ctx, cutoff)]);

  for (let month = periodOf(ctx.from, "month"); month.first <= ctx.to; month = periodOf(addDays(month.last, 1), "month")) {
    const first = clampDay(month.first);
    const workdays: string[] = [];
    for (let d = first; d <= month.last && d < ctx.to; d = addDays(d, 1)) if (isWeekday(d)) workdays.push(d);
    if (workdays.length === 0) continue;
    const next = addDays(month.last, 1);
    const batchDay = weekdayOnOrAfter(addDays(next, between(rand, 1, 5)));
    const batchAt = officeTime(batchDay, 9, 12);
    // The month's review and closing, around the middle of the next month.
    const closingDay = weekdayOnOrAfter(addDays(next, between(rand, 9, 16)));
    const closedAt = officeTime(closingDay, 14, 17);

    // The monthly CSV: one line per person and item, dated on the tally day; approved in one go.
    const batchDecision = { at: decisionTime(batchAt, rand() * 3), by: deciderFor(0, importer) };
    if (batchAt < cutoff) {
      for (const p of noticeHandlers) {
        if (rand() > 0.8) continue;
        const quantity = Math.max(1, Math.round((2 + rand() * 14) * busy.get(p.id)!));
        drafts.push(decide({ userId: p.id, item: "cross_agency_notice", date: pick(rand, workdays), quantity, rank: null, grade: null, points: null, source: "csv", sourceRef: null, note: `${month.key} CSV`, createdBy: importer, createdAt: batchAt }, 0.015, batchDecision));
      }
      for (const p of cashiers) {
        if (rand() > 0.85) continue;
        const quantity = Math.max(1, Math.round((6 + rand() * 22) * busy.get(p.id)!));
        drafts.push(decide({ userId: p.id, item: "e_payment", date: pick(rand, workdays), quantity, rank: null, grade: null, points: null, source: "csv", sourceRef: null, note: `${month.key} CSV`, createdBy: importer, createdAt: batchAt }, 0.015, batchDecision));
      }
      // A line counted twice is taken back by a correction a week or two later.
      const noticeLines = drafts.filter((d) => d.item === "cross_agency_notice" && d.source === "csv" && d.note === `${month.key} CSV` && d.decision?.status === "approved");
      if (noticeLines.length && rand() < 0.6) {
        const line = pick(rand, noticeLines);
        const n = Math.min(line.quantity!, between(rand, 1, 3));
        const createdAt = officeTime(weekdayOnOrAfter(addDays(batchDay, between(rand, 4, 14))));
        if (createdAt < cutoff) {
          drafts.push(decide({ userId: line.userId, item: "cross_agency_notice", date: line.date, quantity: -n, rank: null, grade: null, points: null, source: "manual", sourceRef: null, note: CORRECTION_NOTE(n), createdBy: pick(rand, managers), createdAt }, 0));
        }
      }
    }

    // The counter ranks of the ended month, generated a day or two after the import.
    const rankAt = officeTime(weekdayOnOrAfter(addDays(batchDay, between(rand, 0, 2))), 9, 17);
    const rankCreator = pick(rand, managers);
    const rankDecision = { at: decisionTime(rankAt, rand() * 3), by: deciderFor(0, rankCreator) };
    if (rankAt < cutoff && month.last < ctx.to) {
      const ranked = await counterRanks(ctx, month, queueMonths, rankingMinimum.minStaffedDays, counterRegulars, skill);
      for (const e of counterRankEntries(ranked, month)) {
        const userId = Number(e.person);
        drafts.push(decide({ userId, item: e.item, date: e.date, quantity: null, rank: e.rank ?? null, grade: null, points: null, source: "counter_ranking", sourceRef: `counter_ranking:${month.key}:${userId}`, note: `${month.label} 第 ${e.rank} 名`, createdBy: rankCreator, createdAt: rankAt }, 0, rankDecision));
      }
    }

    // Proposals granted a reward grade this month (the proposer's), generated with the ranks.
    if (rankAt < cutoff) {
      for (const p of proposals.filter((x) => x.grantedOn >= month.first && x.grantedOn <= month.last)) {
        const e = proposalGradeEntry(String(p.proposerId), p.grade, p.grantedOn);
        drafts.push(decide({ userId: p.proposerId, item: e.item, date: e.date, quantity: null, rank: null, grade: e.grade ?? null, points: null, source: "proposal", sourceRef: `proposal:${p.id}`, note: `「${p.title}」${p.grade}等`, createdBy: rankCreator, createdAt: rankAt }, 0, rankDecision));
      }
    }

    // 專案表揚: entered during the month (or a few days after), a few a month, and decided by the
    // director at the month's review, the morning of its closing (pending until then).
    const review = { at: officeTime(closingDay, 9, 12), by: director };
    const commendations = between(rand, 3, 7);
    for (let i = 0; i < commendations; i++) {
      const day = pick(rand, workdays);
      const createdAt = officeTime(weekdayOnOrAfter(addDays(day, between(rand, 0, 6))));
      if (createdAt >= cutoff) continue;
      const person = pick(rand, roster);
      const [note, points] = rand() < 0.08 ? [pick(rand, REJECTED_COMMENDATIONS), 1] : pick(rand, COMMENDATION_NOTES);
      const rejectShare = REJECTED_COMMENDATIONS.includes(note) ? 1 : 0.02;
      drafts.push(decide({ userId: person.id, item: COMMENDATION, date: day, quantity: null, rank: null, grade: null, points, source: "manual", sourceRef: null, note, createdBy: deciderFor(person.id, director), createdAt }, rejectShare, review));
    }

    // The month is closed around the middle of the next one; a half-year a little later.
    if (closedAt < cutoff && month.last < ctx.to) closings.push({ kind: "month", key: month.key, first: month.first, last: month.last, closedAt, closedBy: pick(rand, managers) });
    if (month.key.endsWith("-06") || month.key.endsWith("-12")) {
      const half = periodOf(month.last, "half_year");
      const halfClosedAt = officeTime(weekdayOnOrAfter(addDays(next, between(rand, 14, 21))), 9, 17);
      if (halfClosedAt < cutoff) closings.push({ kind: "half_year", key: half.key, first: half.first, last: half.last, closedAt: halfClosedAt, closedBy: director });
    }
  }

  // Ids follow the order the entries were made (the cap order breaks ties by id).
  drafts.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  closings.sort((a, b) => a.closedAt.getTime() - b.closedAt.getTime());
  const adjustmentOf = (d: Draft) =>
    d.decision?.status === "approved" && closings.some((c) => c.first <= d.date && d.date <= c.last && c.closedAt < d.decision!.at);

  // ---------------------------------------------------------------- frozen scoreboards
  const names = new Map(ctx.people.map((p) => [String(p.id), p]));
  const rosterIds = roster.map((p) => String(p.id));
  const frozen = closings.map((closing, index) => {
    const period: Period = periodOf(closing.first, closing.kind);
    const yearStart = `${period.first.slice(0, 4)}-01-01`;
    // The entries and decisions as they stood at the closing.
    const asThen: IncentiveEntry[] = [];
    drafts.forEach((d, id) => {
      if (d.createdAt > closing.closedAt || d.date < yearStart || d.date > period.last) return;
      const decided = d.decision && d.decision.at <= closing.closedAt ? d.decision : null;
      asThen.push({
        id: id + 1,
        person: String(d.userId),
        item: d.item,
        date: d.date,
        quantity: d.quantity,
        rank: d.rank,
        grade: d.grade,
        points: d.points,
        status: (decided?.status ?? "pending") as EntryStatus,
        approvedAt: decided ? decided.at : null,
        source: d.source,
      });
    });
    const closed = closings.slice(0, index + 1);
    const board = scoreboard(scoreEntries(rules, asThen, closed), period, { closed, people: rosterIds, thresholds });
    const rows = board.rows.map((r) => {
      const p = names.get(r.person);
      return {
        userId: Number(r.person),
        employeeNo: p?.employeeNo ?? "",
        name: p?.name ?? r.person,
        rank: r.rank,
        total: r.total,
        adjustments: r.adjustments,
        finalTotal: r.finalTotal,
        breakdown: r.breakdown,
        suggestedReward: r.suggestedReward,
      };
    });
    return { closedAt: closing.closedAt.toISOString(), thresholds, rows };
  });

  // ---------------------------------------------------------------- writing
  await db.transaction().execute(async (trx) => {
    await insertBatches(
      trx,
      "incentiveRules",
      ruleRows.map((r) => ({
        officeId: ctx.officeId,
        item: r.item,
        label: r.label,
        scoring: JSON.stringify(r.scoring),
        capPerPeriod: r.capPerPeriod,
        periodKind: r.periodKind,
        effectiveFrom: r.effectiveFrom,
        effectiveTo: r.effectiveTo,
        createdBy: director,
        createdAt: r.createdAt,
      })),
    );
    await trx
      .insertInto("incentiveSettings")
      .values({ officeId: ctx.officeId, rewardThresholds: JSON.stringify(thresholds), updatedBy: director, updatedAt: setUpAt })
      .onConflict((oc) => oc.column("officeId").doNothing())
      .execute();
    await insertBatches(
      trx,
      "incentiveEntries",
      drafts.map((d) => ({
        officeId: ctx.officeId,
        userId: d.userId,
        item: d.item,
        entryDate: d.date,
        quantity: d.quantity,
        rank: d.rank,
        grade: d.grade,
        points: d.points,
        source: d.source,
        sourceRef: d.sourceRef,
        status: d.decision?.status ?? "pending",
        approvedBy: d.decision?.by ?? null,
        approvedAt: d.decision?.at ?? null,
        note: d.note,
        adjustment: adjustmentOf(d),
        createdBy: d.createdBy,
        createdAt: d.createdAt,
      })),
    );
    await insertBatches(
      trx,
      "incentivePeriods",
      closings.map((c, i) => ({
        officeId: ctx.officeId,
        periodKey: c.key,
        kind: c.kind,
        firstDay: c.first,
        lastDay: c.last,
        closedAt: c.closedAt,
        closedBy: c.closedBy,
        scoreboard: JSON.stringify(frozen[i]),
      })),
    );
  });
  const count = (status: string) => drafts.filter((d) => (d.decision?.status ?? "pending") === status).length;
  ctx.log(
    `${rules.length} rule versions, ${drafts.length} entries (${count("approved")} approved, ${count("pending")} pending, ${count("rejected")} rejected, ` +
      `${drafts.filter(adjustmentOf).length} adjustments), ${closings.length} closed periods`,
  );
}

// ------------------------------------------------------------------------------ helpers


// ------------------------------------------------------------------------------ other modules

/** Months (`YYYY-MM`) with queue data for the office, and the most days anyone staffed a counter in each. */
async function queueMonthsOf(ctx: OfficeContext): Promise<Map<string, number>> {
  const { rows } = await sql<{ month: string; days: string }>`
    select month, max(days) as days
      from (select to_char(day, 'YYYY-MM') as month, staff_user_id, count(*) as days
              from queue_staff_days
             where office_id = ${ctx.officeId} and day >= ${ctx.from}::date and staffed_hours > 0
             group by 1, 2) x
     group by month`.execute(ctx.db);
  return new Map(rows.map((r) => [r.month, Number(r.days)]));
}

/**
 * The ranked people of an ended month: the counters module's ranking where the office has queue data
 * (nobody when nobody staffed the minimum days: the ranking ranks nobody then), otherwise a plausible
 * ranking of the counter regulars (steady skill plus the month's luck; ties share a rank).
 */
async function counterRanks(
  ctx: OfficeContext,
  month: Period,
  queueMonths: ReadonlyMap<string, number>,
  minStaffedDays: number,
  regulars: readonly { id: number }[],
  skill: ReadonlyMap<number, number>,
): Promise<{ staff: string; rank: number | null }[]> {
  const mostDays = queueMonths.get(month.key);
  if (mostDays !== undefined) {
    if (mostDays < minStaffedDays) return [];
    const ranking = await rankingFor(ctx.db, ctx.officeId, month);
    return ranking.rows.filter((r) => r.userId !== null).map((r) => ({ staff: String(r.userId), rank: r.rank }));
  }
  const scores = regulars.map((p) => ({ staff: String(p.id), score: Math.round((skill.get(p.id)! * 0.6 + ctx.rand() * 0.4) * 40) / 40 }));
  scores.sort((a, b) => b.score - a.score);
  return scores.map((s) => ({ staff: s.staff, rank: scores.findIndex((x) => x.score === s.score) + 1 }));
}

/** Proposals of the office granted a reward grade in the history (what generateFromProposalGrades reads). */
async function grantedProposals(ctx: OfficeContext, cutoff: Date) {
  const rows = await ctx.db
    .selectFrom("proposals")
    .select(["id", "proposerId", "rewardGrade", "reviewedAt", "title"])
    .where("officeId", "=", ctx.officeId)
    .where("rewardGrade", "is not", null)
    .where("reviewedAt", "is not", null)
    .where("reviewedAt", "<", cutoff)
    .orderBy("id")
    .execute();
  const people = new Set(ctx.people.map((p) => p.id));
  return rows
    .filter((r) => people.has(r.proposerId))
    .map((r) => ({ id: r.id, proposerId: r.proposerId, grade: r.rewardGrade!, title: r.title, grantedOn: taipeiDate(new Date(r.reviewedAt!)) }))
    .filter((r) => r.grantedOn >= ctx.from);
}
