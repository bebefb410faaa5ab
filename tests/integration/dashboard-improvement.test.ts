// The quality dashboard's proposals, incentives and counters sections (issue 9) against a small fixture
// built here: two fresh offices (DASHA with data, DASHB nearly empty) whose every figure, previous
// value, trend point, funnel stage, median and overdue item is worked out by hand below. Dates are
// relative to today: the measured month P is the month that held the day 70 days ago, so everything in
// it and in the month before has happened, and proposals still waiting are judged against today.
import { refreshRollups } from "~/modules/counters/rollups.server";
import { beforeAll, describe, expect, it } from "vitest";
import { rankingFor } from "~/modules/counters/counters.server";
import { addDays, periodOf, taipeiDate, taipeiInstant, type Period } from "~/modules/counters/periods";
import { previousPeriod, trendPeriods } from "~/modules/dashboard/dashboard-period";
import type { Figure, RankedList, SectionResult } from "~/modules/dashboard/figure";
import { countersSection } from "~/modules/dashboard/sections/counters.server";
import { incentivesSection } from "~/modules/dashboard/sections/incentives.server";
import { proposalsSection } from "~/modules/dashboard/sections/proposals.server";
import type { DashboardSection, SectionContext } from "~/modules/dashboard/section";
import { scoreboardFor } from "~/modules/incentives/incentives.server";
import { isMessageKey } from "~/i18n/i18n";
import { useTestDatabase } from "../helpers/db";

const t = useTestDatabase();

const now = new Date();
const today = taipeiDate(now);
/** The measured month, its predecessor, and a month five years back with nothing in it. */
const P: Period = periodOf(addDays(today, -70), "month");
const prev = previousPeriod(P);
const quiet: Period = periodOf(addDays(today, -5 * 365), "month");
/** Day n of P (n = 0 is the 1st; every month has at least 28 days). */
const d = (n: number) => addDays(P.first, n);
const pd = (n: number) => addDays(prev.first, n);
const at = (date: string, time = "10:00") => taipeiInstant(date, time);
const days = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000;

const office = { A: 0, B: 0 };
const user: Record<string, number> = {};
const proposal: Record<string, number> = {};

function context(period: Period, officeIds = [office.A, office.B]): SectionContext {
  return { db: t.db, officeIds, period, today, now };
}

async function computeFor(section: DashboardSection, period = P, officeIds = [office.A, office.B]) {
  return section.compute(context(period, officeIds));
}

function figure(result: SectionResult | undefined, id: string): Figure {
  const f = result?.figures.find((x) => x.id === id);
  expect(f, id).toBeDefined();
  return f!;
}

function list(result: SectionResult | undefined, id: string): RankedList {
  const l = result?.lists.find((x) => x.id === id);
  expect(l, id).toBeDefined();
  return l!;
}

async function detail(section: DashboardSection, figureId: string, officeId = office.A, period = P) {
  return section.detail({ db: t.db, officeId, period, today, now }, figureId);
}

// ------------------------------------------------------------------------------ fixture

async function addOffice(code: string, name: string) {
  const { id } = await t.db.insertInto("offices").values({ code, name, shortName: name.slice(0, 4) }).returning("id").executeTakeFirstOrThrow();
  return id;
}

async function addUser(officeId: number, employeeNo: string, name: string, roles: ("staff" | "supervisor" | "director")[]) {
  const { id } = await t.db
    .insertInto("users")
    .values({ officeId, employeeNo, name, title: "課員", passwordHash: "not-a-real-hash" })
    .returning("id")
    .executeTakeFirstOrThrow();
  await t.db.insertInto("userRoles").values(roles.map((role) => ({ userId: id, officeId, role }))).execute();
  return id;
}

type Step = [from: string, to: string, on: string, action?: string];

/** A proposal with its timeline; its current state and the time it entered it come from the last step. */
async function addProposal(officeId: number, referenceNo: string, title: string, steps: Step[], current?: { state: string; since: Date }) {
  const last = steps[steps.length - 1];
  const { id } = await t.db
    .insertInto("proposals")
    .values({
      officeId,
      referenceNo,
      proposerId: officeId === office.A ? user.A1 : user.B1,
      title,
      category: "method_process",
      origin: "own",
      problem: "問題",
      method: "作法",
      benefit: "效益",
      state: current?.state ?? last[1],
      stateEnteredAt: current?.since ?? at(last[2]),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await t.db
    .insertInto("proposalEvents")
    .values(steps.map(([fromState, toState, on, action]) => ({ proposalId: id, action: action ?? "step", fromState, toState, at: at(on), details: "{}" })))
    .execute();
  return id;
}

beforeAll(async () => {
  office.A = await addOffice("DASHA", "臺南市儀表板測試甲戶政事務所");
  office.B = await addOffice("DASHB", "臺南市儀表板測試乙戶政事務所");
  user.A1 = await addUser(office.A, "DA001", "王小明", ["staff"]);
  user.A2 = await addUser(office.A, "DA002", "李美華", ["staff", "supervisor"]);
  user.A3 = await addUser(office.A, "DA003", "陳志強", ["staff"]);
  user.B1 = await addUser(office.B, "DB001", "林雅婷", ["staff"]);

  // ---------------------------------------------------------------- proposals
  // Office A alerts after 7 days in a stage; office B keeps the default 14.
  await t.db.insertInto("proposalSettings").values({ officeId: office.A, rubricWeights: "{}", gradeThresholds: "{}", stageAlertDays: 7 }).execute();
  proposal.A1 = await addProposal(office.A, "A-1", "線上預約取件", [
    ["draft", "draft", d(0), "create"],
    ["draft", "submitted", d(1)],
    ["submitted", "forwarded", d(4)],
    ["forwarded", "scheduled", d(6)],
    ["decided_adopted", "decided_adopted", d(11), "edit"], // not a state change: ignored
    ["scheduled", "decided_adopted", d(10)],
    ["decided_adopted", "in_implementation", d(12)],
    ["in_implementation", "implemented", d(20)],
    ["implemented", "reviewed", d(22)],
  ]);
  proposal.A2 = await addProposal(office.A, "A-2", "櫃台動線改善", [
    ["draft", "submitted", d(2)],
    ["submitted", "forwarded", d(3)],
    ["forwarded", "scheduled", d(5)],
    ["scheduled", "decided_not_adopted", d(10)],
  ]);
  proposal.A3 = await addProposal(office.A, "A-3", "印鑑證明自動化", [
    ["draft", "submitted", d(3)],
    ["submitted", "returned", d(8)],
    ["returned", "submitted", d(9)],
  ]);
  proposal.A4 = await addProposal(office.A, "A-4", "遷徙登記預審", [
    ["draft", "submitted", pd(2)],
    ["submitted", "forwarded", pd(5)],
    ["forwarded", "scheduled", pd(6)],
    ["scheduled", "decided_adopted", d(15)],
  ]);
  proposal.A5 = await addProposal(office.A, "A-5", "撤回的提案", [
    ["draft", "submitted", d(5)],
    ["submitted", "withdrawn", d(6)],
  ]);
  proposal.A8 = await addProposal(office.A, "A-8", "上月決議參考", [
    ["draft", "submitted", pd(1)],
    ["submitted", "forwarded", pd(2)],
    ["forwarded", "scheduled", pd(3)],
    ["scheduled", "decided_reference", pd(8)],
  ]);
  // Waiting 2 days only: not overdue. A draft years old: nobody but the proposer sees it, not overdue.
  proposal.A6 = await addProposal(office.A, "A-6", "剛送出的提案", [["draft", "submitted", addDays(today, -2)]]);
  proposal.A7 = await addProposal(office.A, "A-7", "草稿", [["draft", "draft", addDays(today, -400), "create"]]);
  // Office B: one proposal submitted in P and still waiting for its supervisor.
  proposal.B1 = await addProposal(office.B, "B-1", "乙所提案", [["draft", "submitted", d(1)]]);

  // ---------------------------------------------------------------- counters
  const counterA = await t.db.insertInto("counters").values({ officeId: office.A, number: 1, kind: "combined" }).returning("id").executeTakeFirstOrThrow();
  await t.db
    .insertInto("caseTypes")
    .values([
      { officeId: office.A, name: "戶籍謄本", weight: 1, standardMinutes: 5, effectiveFrom: "2000-01-01" },
      { officeId: office.A, name: "遷徙登記", weight: 2, standardMinutes: 12, effectiveFrom: "2000-01-01" },
      // From day 10 of P a 遷徙登記 weighs 3: cases before keep 2.
      { officeId: office.A, name: "遷徙登記", weight: 3, standardMinutes: 12, effectiveFrom: d(10) },
    ])
    .execute();
  let ticket = 0;
  const record = (day: string, caseType: string | null, outcome: "served" | "no_show" | "transferred", staff: number | null, from?: string, to?: string) => {
    ticket += 1;
    return {
      officeId: office.A,
      idempotencyKey: `DASHA|${day}|A${ticket}`,
      ticket: `A${ticket}`,
      ticketDate: day,
      counterId: counterA.id,
      staffUserId: staff,
      caseType,
      ticketAt: at(day, "08:30"),
      calledAt: from ? at(day, from) : at(day, "08:50"),
      startedAt: from ? at(day, from) : null,
      endedAt: to ? at(day, to) : null,
      outcome,
    };
  };
  await t.db
    .insertInto("queueRecords")
    .values([
      // P, day 2 (王小明, 1 staffed hour): 遷徙 2 + 2, 謄本 1 → 5 weighted; a no-show and a transfer are not cases.
      record(d(2), "遷徙登記", "served", user.A1, "09:00", "09:20"),
      record(d(2), "遷徙登記", "served", user.A1, "09:20", "09:40"),
      record(d(2), "戶籍謄本", "served", user.A1, "09:40", "10:00"),
      record(d(2), null, "no_show", null),
      record(d(2), "遷徙登記", "transferred", null),
      // P, day 12 (李美華, 2 staffed hours): 遷徙 now 3, and a type with no weight yet, counted as 1 → 4 weighted.
      record(d(12), "遷徙登記", "served", user.A2, "09:00", "10:00"),
      record(d(12), "新類別", "served", user.A2, "10:00", "11:00"),
      // The month before: two 謄本 → 2 served, 2 weighted.
      record(pd(3), "戶籍謄本", "served", user.A1, "09:00", "09:10"),
      record(pd(3), "戶籍謄本", "served", user.A1, "09:10", "09:20"),
    ])
    .execute();
  // Written directly, not imported: the ranking's per-day rollup is brought up to date as an import does.
  await refreshRollups(t.db, office.A);
  // Hand-entered on day 14 for 陳志強 (no staffed hours, so not ranked): 5 謄本 (5) and 2 遷徙 at 3 (6).
  await t.db
    .insertInto("counterDailyTotals")
    .values([
      { officeId: office.A, userId: user.A3, counterId: counterA.id, day: d(14), caseType: "戶籍謄本", served: 5 },
      { officeId: office.A, userId: user.A3, counterId: counterA.id, day: d(14), caseType: "遷徙登記", served: 2 },
    ])
    .execute();
  // Rank on productivity alone, from 1 staffed day, without shrinkage: 5/h scores 100 and 2/h scores 0.
  await t.db
    .insertInto("rankingSettings")
    .values({ officeId: office.A, weights: JSON.stringify({ productivity: 1, handling: 0, quality: 0 }), minStaffedDays: 1, shrinkK: 0 })
    .execute();

  // ---------------------------------------------------------------- incentives
  await t.db
    .insertInto("incentiveRules")
    .values([
      { officeId: office.A, item: "cross_agency_notice", label: "跨機關通報件數", scoring: JSON.stringify({ kind: "per_unit", pointsPerUnit: 1 }), capPerPeriod: 10, periodKind: "month", effectiveFrom: "2000-01-01" },
      { officeId: office.A, item: "special", label: "專案表揚", scoring: JSON.stringify({ kind: "points" }), capPerPeriod: null, periodKind: "month", effectiveFrom: "2000-01-01" },
    ])
    .execute();
  await t.db.insertInto("incentiveSettings").values({ officeId: office.A, rewardThresholds: JSON.stringify([{ reward: "嘉獎一次", minPoints: 8 }]) }).execute();
  const entry = (userId: number, item: string, date: string, value: { quantity?: number; points?: number }, status: "approved" | "pending" | "rejected" = "approved") => ({
    officeId: office.A,
    userId,
    item,
    entryDate: date,
    quantity: value.quantity ?? null,
    points: value.points ?? null,
    source: "manual" as const,
    status,
    approvedAt: status === "approved" ? at(date, "12:00") : null,
  });
  await t.db
    .insertInto("incentiveEntries")
    .values([
      // 王小明: 6 + 7 notices in one month, capped at 10.
      entry(user.A1, "cross_agency_notice", d(1), { quantity: 6 }),
      entry(user.A1, "cross_agency_notice", d(5), { quantity: 7 }),
      // 李美華: 3 notices and 2 points of 專案表揚 → 5; a rejected entry earns nothing.
      entry(user.A2, "cross_agency_notice", d(2), { quantity: 3 }),
      entry(user.A2, "special", d(3), { points: 2 }),
      entry(user.A2, "cross_agency_notice", d(6), { quantity: 4 }, "rejected"),
      // 陳志強: waiting for approval, earns nothing yet.
      entry(user.A3, "cross_agency_notice", d(4), { quantity: 5 }, "pending"),
      // The month before: 王小明 2 notices.
      entry(user.A1, "cross_agency_notice", pd(3), { quantity: 2 }),
    ])
    .execute();
});

// ------------------------------------------------------------------------------ proposals

describe("proposals section", () => {
  it("counts the funnel, the submissions and the adoption rate of the period from the timeline, with the month before and the trend", async () => {
    const result = await computeFor(proposalsSection);
    const a = result.get(office.A);
    // Submitted in P, A-3 (twice, counted once), A-5 → 4. The month before: → 2.
    const submitted = figure(a, "proposals.submitted");
    expect(submitted).toMatchObject({ value: 4, previous: 2, unit: "count", higherIsBetter: true, drillable: true });
    expect(submitted.missingReason).toBeUndefined();
    const trend = trendPeriods(P);
    expect(submitted.trend.map((p) => p.key)).toEqual(trend.map((p) => p.key));
    expect(submitted.trend.map((p) => p.label)).toEqual(trend.map((p) => p.label));
    // Nothing moved two months before P: an empty point, not a 0.
    expect(submitted.trend.map((p) => p.value)).toEqual([null, null, null, null, 2, 4]);

    // Funnel in P: submitted 4; screened A-1, A-2 (forwarded) and A-3 (returned) → 3; decided
    // (A-4 was scheduled last month and decided in P) → 3; adopted → 2; implemented A-1 → 1.
    const funnel = list(a, "proposals.funnel");
    expect(funnel.rows.map((r) => [r.label, r.value])).toEqual([
      ["送出", 4],
      ["主管審核", 3],
      ["審查會議決議", 3],
      ["本所採行", 2],
      ["執行完成", 1],
    ]);

    // Adopted 2 of 3 decided → 66.7 %. The month before: A-8 列為參考, 0 of 1 → 0 %.
    const adoption = figure(a, "proposals.adoptionRate");
    expect(adoption).toMatchObject({ value: 66.7, numerator: 2, denominator: 3, previous: 0, unit: "percent" });
    expect(adoption.trend.map((p) => p.value)).toEqual([null, null, null, null, 0, 66.7]);
  });

  it("gives the median calendar days spent in each office stage, over the exits in the period", async () => {
    const a = (await computeFor(proposalsSection)).get(office.A);
    const scheduledA4 = days(pd(6), d(15)); // scheduled last month, decided in P: at least 37 days
    expect(scheduledA4).toBeGreaterThan(5);
    const rows = list(a, "proposals.stageDays").rows;
    expect(rows.map((r) => [r.label, r.value, r.note])).toEqual([
      // 待主管審核: A-1 3 days, A-2 1, A-3 5 (until returned); A-5's withdrawal is the proposer's, not counted → median 3.
      ["待主管審核", 3, "3 件次"],
      // 待排入審查會議: A-1 2, A-2 2 → 2 (A-4 left it last month).
      ["待排入審查會議", 2, "2 件次"],
      // 已排入審查會議: A-1 4, A-2 5, A-4 ≥ 37 → median 5.
      ["已排入審查會議", 5, "3 件次"],
      ["本所採行（待指定承辦人）", 2, "1 件次"],
      ["執行中", 8, "1 件次"],
      ["執行完成（待成效檢討）", 2, "1 件次"],
    ]);
  });

  it("lists proposals waiting at a stage for the office's alert days or more, since the day they became overdue", async () => {
    const result = await computeFor(proposalsSection);
    const overdueA = result.get(office.A)!.overdue;
    // A-3 waits for screening since day 9 (resubmitted), A-4 for an owner since day 15; office A alerts after 7 days.
    // A-6 has waited 2 days, A-7 is a draft, the rest are closed.
    expect(overdueA).toEqual([
      {
        kind: "proposalWaiting",
        title: "A-3 印鑑證明自動化",
        count: 1,
        since: addDays(d(9), 7),
        daysOverdue: days(d(9), today) - 7,
        href: `/proposals/${proposal.A3}`,
        note: "待主管審核",
      },
      {
        kind: "proposalWaiting",
        title: "A-4 遷徙登記預審",
        count: 1,
        since: addDays(d(15), 7),
        daysOverdue: days(d(15), today) - 7,
        href: `/proposals/${proposal.A4}`,
        note: "本所採行（待指定承辦人）",
      },
    ]);
    // Office B has no settings: the default 14 days.
    expect(result.get(office.B)!.overdue).toEqual([
      expect.objectContaining({ title: "B-1 乙所提案", since: addDays(d(1), 14), daysOverdue: days(d(1), today) - 14, href: `/proposals/${proposal.B1}` }),
    ]);
  });

  it("keeps two offices apart in one call and shows an empty state for a period with no data", async () => {
    const result = await computeFor(proposalsSection);
    const b = result.get(office.B);
    expect(figure(b, "proposals.submitted")).toMatchObject({ value: 1, previous: null });
    // B decided nothing: no adoption rate rather than 0 %.
    expect(figure(b, "proposals.adoptionRate")).toMatchObject({ value: null, missingReason: "noData", numerator: 0, denominator: 0 });
    expect(list(b, "proposals.funnel").rows.map((r) => r.value)).toEqual([1, 0, 0, 0, 0]);
    expect(list(b, "proposals.stageDays").rows).toEqual([]);

    const empty = await computeFor(proposalsSection, quiet);
    for (const officeId of [office.A, office.B]) {
      const r = empty.get(officeId);
      expect(figure(r, "proposals.submitted")).toMatchObject({ value: null, missingReason: "noData", previous: null });
      expect(figure(r, "proposals.submitted").trend.every((p) => p.value === null)).toBe(true);
      expect(figure(r, "proposals.adoptionRate")).toMatchObject({ value: null, missingReason: "noData" });
      expect(list(r, "proposals.funnel").rows).toEqual([]);
      expect(list(r, "proposals.stageDays").rows).toEqual([]);
    }
    // Asking for one office only answers for it.
    expect([...(await computeFor(proposalsSection, P, [office.B])).keys()]).toEqual([office.B]);
  });

  it("opens the rows behind each figure, scoped to the office", async () => {
    const submitted = await detail(proposalsSection, "proposals.submitted");
    expect(submitted!.rows.map((r) => [r.referenceNo, r.titleHref, r.submittedOn])).toEqual([
      ["A-1", `/proposals/${proposal.A1}`, d(1)],
      ["A-2", `/proposals/${proposal.A2}`, d(2)],
      ["A-3", `/proposals/${proposal.A3}`, d(3)],
      ["A-5", `/proposals/${proposal.A5}`, d(5)],
    ]);
    expect(submitted!.rows.find((r) => r.referenceNo === "A-5")!.state).toBe("已撤回");

    const funnel = await detail(proposalsSection, "proposals.funnel");
    const perStage = new Map<string, string[]>();
    for (const r of funnel!.rows) perStage.set(String(r.stage), [...(perStage.get(String(r.stage)) ?? []), String(r.referenceNo)]);
    expect(Object.fromEntries(perStage)).toEqual({
      "送出": ["A-1", "A-2", "A-3", "A-5"],
      "主管審核": ["A-2", "A-1", "A-3"],
      "審查會議決議": ["A-1", "A-2", "A-4"],
      "本所採行": ["A-1", "A-4"],
      "執行完成": ["A-1"],
    });

    const decided = await detail(proposalsSection, "proposals.adoptionRate");
    expect(decided!.rows.map((r) => [r.referenceNo, r.decidedOn, r.adopted])).toEqual([
      ["A-1", d(10), 1],
      ["A-2", d(10), 0],
      ["A-4", d(15), 1],
    ]);

    const stageDays = await detail(proposalsSection, "proposals.stageDays");
    expect(stageDays!.rows).toHaveLength(11);
    expect(stageDays!.rows.filter((r) => r.stage === "已排入審查會議").map((r) => [r.referenceNo, r.enteredOn, r.leftOn, r.days])).toEqual([
      ["A-1", d(6), d(10), 4],
      ["A-2", d(5), d(10), 5],
      ["A-4", pd(6), d(15), days(pd(6), d(15))],
    ]);

    // Office B sees only its own proposal; an unknown figure has no table.
    const b = await detail(proposalsSection, "proposals.submitted", office.B);
    expect(b!.rows.map((r) => r.referenceNo)).toEqual(["B-1"]);
    expect(await detail(proposalsSection, "proposals.nothing")).toBeNull();
  });
});

// ------------------------------------------------------------------------------ counters

describe("counters section", () => {
  it("sums served and weighted cases with the weight in force on each day, hand-entered totals included", async () => {
    const result = await computeFor(countersSection);
    const a = result.get(office.A);
    // Served in P: 3 (day 2) + 2 (day 12) + 7 hand-entered = 12; no-show and transfer left out.
    // Weighted: 2 + 2 + 1 (day 2) + 3 + 1 (day 12: 遷徙 now 3, a type without weight 1) + 5·1 + 2·3 (day 14) = 20.
    const weighted = figure(a, "counters.weightedWorkload");
    expect(weighted).toMatchObject({ value: 20, previous: 2, unit: "count", drillable: true });
    expect(weighted.trend.map((p) => p.value)).toEqual([null, null, null, null, 2, 20]);
    expect(weighted.trend.map((p) => p.key)).toEqual(trendPeriods(P).map((p) => p.key));
    expect(figure(a, "counters.served")).toMatchObject({ value: 12, previous: 2 });

    // Office B has no counters data at all.
    const b = result.get(office.B);
    expect(figure(b, "counters.weightedWorkload")).toMatchObject({ value: null, missingReason: "noData", previous: null });
    expect(list(b, "counters.ranks").rows).toEqual([]);

    const empty = (await computeFor(countersSection, quiet)).get(office.A);
    expect(figure(empty, "counters.weightedWorkload")).toMatchObject({ value: null, missingReason: "noData" });
    expect(figure(empty, "counters.served")).toMatchObject({ value: null, missingReason: "noData" });
  });

  it("lists the top of the office's counter ranking with its composite score", async () => {
    const a = (await computeFor(countersSection)).get(office.A);
    // Productivity only, no shrinkage: 王小明 5 weighted in 1 hour, 李美華 4 in 2 hours → 100 and 0.
    // 陳志強 has only hand-entered cases and no staffed hour: listed on the ranking page, not ranked.
    expect(list(a, "counters.ranks").rows).toEqual([
      { label: "王小明", value: 100, note: "第 1 名", href: `/counters?period=${P.key}` },
      { label: "李美華", value: 0, note: "第 2 名", href: `/counters?period=${P.key}` },
    ]);
    const ranking = await rankingFor(t.db, office.A, P);
    expect(ranking.rows.filter((r) => r.rank !== null).map((r) => r.score)).toEqual([100, 0]);
  });

  it("opens the cases per case type and weight, and the whole ranking", async () => {
    const cases = await detail(countersSection, "counters.weightedWorkload");
    expect(cases!.rows).toEqual([
      { caseType: "遷徙登記", weight: 3, served: 3, weighted: 9 },
      { caseType: "戶籍謄本", weight: 1, served: 6, weighted: 6 },
      { caseType: "遷徙登記", weight: 2, served: 2, weighted: 4 },
      { caseType: "新類別", weight: null, served: 1, weighted: 1 },
    ]);
    const ranks = await detail(countersSection, "counters.ranks");
    expect(ranks!.rows.map((r) => [r.rank, r.name, r.score])).toEqual([
      [1, "王小明", 100],
      [2, "李美華", 0],
      [null, "陳志強", null],
    ]);
    expect(ranks!.rows[2].reason).toContain("不排名");
    expect((await detail(countersSection, "counters.weightedWorkload", office.B))!.rows).toEqual([]);
    expect(await detail(countersSection, "counters.nothing")).toBeNull();
  });
});

// ------------------------------------------------------------------------------ incentives

describe("incentives section", () => {
  it("totals approved points with the rules and caps, counts entries awaiting approval, and lists the leaders", async () => {
    const result = await computeFor(incentivesSection);
    const a = result.get(office.A);
    // 王小明 6 + 7 notices capped at 10; 李美華 3 + 2 = 5; pending and rejected earn nothing → 15. The month before: 2.
    const points = figure(a, "incentives.points");
    expect(points).toMatchObject({ value: 15, previous: 2, unit: "points" });
    expect(points.trend.map((p) => p.value)).toEqual([null, null, null, null, 2, 15]);
    // One entry (陳志強) waits for approval in P; the month before had entries, none waiting → 0.
    const pending = figure(a, "incentives.pendingEntries");
    expect(pending).toMatchObject({ value: 1, previous: 0, higherIsBetter: false });
    expect(pending.trend.map((p) => p.value)).toEqual([null, null, null, null, 0, 1]);

    // 10 points reach the office's 嘉獎一次 threshold (8); 5 do not.
    expect(list(a, "incentives.leaders").rows).toEqual([
      { label: "王小明", value: 10, note: "嘉獎一次", href: `/incentives?period=${P.key}` },
      { label: "李美華", value: 5, href: `/incentives?period=${P.key}` },
    ]);
    // The same figures as the incentives page's own scoreboard.
    const board = await scoreboardFor(t.db, office.A, P.key);
    expect(board.rows.filter((r) => r.finalTotal > 0).map((r) => [r.name, r.finalTotal, r.suggestedReward])).toEqual([
      ["王小明", 10, "嘉獎一次"],
      ["李美華", 5, null],
    ]);
  });

  it("keeps offices apart and shows an empty state where there is nothing to score", async () => {
    const result = await computeFor(incentivesSection);
    const b = result.get(office.B);
    expect(figure(b, "incentives.points")).toMatchObject({ value: null, missingReason: "noData" });
    expect(figure(b, "incentives.pendingEntries")).toMatchObject({ value: null, missingReason: "noData" });
    expect(list(b, "incentives.leaders").rows).toEqual([]);
    const empty = (await computeFor(incentivesSection, quiet)).get(office.A);
    expect(figure(empty, "incentives.points")).toMatchObject({ value: null, missingReason: "noData", previous: null });
    expect(list(empty, "incentives.leaders").rows).toEqual([]);
  });

  it("opens the scoreboard and the entries waiting for approval", async () => {
    const board = await detail(incentivesSection, "incentives.leaders");
    expect(board!.rows.map((r) => [r.rank, r.name, r.finalTotal, r.reward])).toEqual([
      [1, "王小明", 10, "嘉獎一次"],
      [2, "李美華", 5, null],
      [3, "陳志強", 0, null],
    ]);
    const waiting = await detail(incentivesSection, "incentives.pendingEntries");
    expect(waiting!.rows).toEqual([expect.objectContaining({ date: d(4), name: "陳志強", item: "跨機關通報件數" })]);
    expect((await detail(incentivesSection, "incentives.pendingEntries", office.B))!.rows).toEqual([]);
    expect(await detail(incentivesSection, "incentives.nothing")).toBeNull();
  });
});

describe("messages", () => {
  it("gives every figure and list a title and a definition", async () => {
    const ids = new Set<string>();
    for (const section of [proposalsSection, countersSection, incentivesSection]) {
      const r = (await computeFor(section)).get(office.A)!;
      for (const f of [...r.figures, ...r.lists]) ids.add(f.id);
    }
    expect(ids.size).toBe(10);
    for (const id of ids) {
      expect(isMessageKey(`dashboard.${id}.title`), id).toBe(true);
      expect(isMessageKey(`dashboard.${id}.definition`), id).toBe(true);
    }
  });
});

describe("the bureau's side-by-side view", () => {
  it("answers for every office in one call, each office's figures the same as when asked alone", async () => {
    const everyOffice = (await t.db.selectFrom("offices").select("id").orderBy("id").execute()).map((o) => o.id);
    expect(everyOffice.length).toBeGreaterThan(3); // the demo seed's offices and bureau, and the two fixture offices
    for (const section of [proposalsSection, countersSection, incentivesSection]) {
      const all = await computeFor(section, P, everyOffice);
      expect([...all.keys()].sort((a, b) => a - b), section.id).toEqual(everyOffice);
      for (const officeId of [office.A, office.B]) {
        expect(all.get(officeId), section.id).toEqual((await computeFor(section, P, [officeId])).get(officeId));
      }
    }
  });
});
