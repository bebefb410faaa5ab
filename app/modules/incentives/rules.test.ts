import { describe, expect, it } from "vitest";
import { parsePeriodKey } from "../counters/periods";
import {
  EXAMPLE_REWARD_THRESHOLDS,
  EXAMPLE_RULES,
  counterRankEntries,
  entryPoints,
  planRuleVersion,
  proposalGradeEntry,
  ruleInForce,
  scoreEntries,
  scoreboard,
  suggestedReward,
  validateRewardThresholds,
  validateRules,
  type ClosedPeriod,
  type IncentiveEntry,
  type IncentiveRule,
} from "./rules";

// 跨機關通報: 0.5 a case up to June, 1 a case from July (the office raised it); cap 10 a month.
const NOTICE_V1: IncentiveRule = { id: 11, item: "cross_agency_notice", label: "跨機關通報件數", scoring: { kind: "per_unit", pointsPerUnit: 0.5 }, capPerPeriod: 10, periodKind: "month", effectiveFrom: "2026-01-01", effectiveTo: "2026-06-30" };
const NOTICE_V2: IncentiveRule = { ...NOTICE_V1, id: 12, scoring: { kind: "per_unit", pointsPerUnit: 1 }, effectiveFrom: "2026-07-01", effectiveTo: null };
const RANK = EXAMPLE_RULES.find((r) => r.item === "counter_rank")!;
const GRADE = EXAMPLE_RULES.find((r) => r.item === "proposal_grade")!;
const SPECIAL: IncentiveRule = { id: 20, item: "special_merit", label: "專案表揚", scoring: { kind: "points" }, capPerPeriod: null, periodKind: "month", effectiveFrom: "2026-01-01", effectiveTo: null };
const RULES = [NOTICE_V1, NOTICE_V2, RANK, GRADE, SPECIAL];

let nextId = 1;
function entry(person: string, item: string, date: string, value: Partial<IncentiveEntry>, status: IncentiveEntry["status"] = "approved", approvedAt: string | null = `${date}T10:00:00+08:00`): IncentiveEntry {
  return { id: nextId++, person, item, date, status, approvedAt: approvedAt ? new Date(approvedAt) : null, ...value };
}

describe("ruleInForce: versions by effective date", () => {
  it.each([
    ["2025-12-31", null],
    ["2026-01-01", 11],
    ["2026-06-30", 11],
    ["2026-07-01", 12],
    ["2030-01-01", 12],
  ])("跨機關通報 on %s → rule %s", (date, id) => {
    expect(ruleInForce(RULES, "cross_agency_notice", date)?.id ?? null).toBe(id);
  });

  it("an instant is read in Taipei", () => {
    expect(ruleInForce(RULES, "cross_agency_notice", new Date("2026-06-30T16:30:00Z"))?.id).toBe(12); // 1 July, 00:30
  });

  it("an unknown item has no rule", () => {
    expect(ruleInForce(RULES, "nothing", "2026-07-01")).toBeNull();
  });
});

describe("validateRules and planRuleVersion", () => {
  it("the examples and the test rules are valid", () => {
    expect(validateRules(EXAMPLE_RULES)).toEqual([]);
    expect(validateRules(RULES)).toEqual([]);
  });

  it("names overlapping versions and bad tables", () => {
    expect(
      validateRules([
        { ...NOTICE_V1, effectiveTo: null },
        NOTICE_V2,
        { ...RANK, scoring: { kind: "rank", points: {} }, capPerPeriod: -1 },
        { ...GRADE, effectiveFrom: "2026-05-01", effectiveTo: "2026-04-01" },
      ]),
    ).toEqual([
      "「櫃台績效評比名次」的每期上限不能小於 0。",
      "「櫃台績效評比名次」至少要訂一個名次的點數。",
      "「創新提案等第」的失效日必須是生效日當天或之後。",
      "「跨機關通報件數」有兩個版本的生效期間重疊（2026-01-01 與 2026-07-01）。",
    ]);
  });

  it("a change is a new version after the last closed day; the old version ends the day before", () => {
    expect(planRuleVersion([NOTICE_V2], { item: "cross_agency_notice", effectiveFrom: "2026-10-01" }, "2026-08-31")).toEqual({ ok: true, close: { ruleId: 12, effectiveTo: "2026-09-30" } });
    expect(planRuleVersion([], { item: "e_payment", effectiveFrom: "2026-10-01" }, null)).toEqual({ ok: true, close: null });
  });

  it("refuses to reach into a closed period or before an existing later version", () => {
    expect(planRuleVersion(RULES, { item: "cross_agency_notice", effectiveFrom: "2026-08-15" }, "2026-08-31")).toEqual({
      ok: false,
      reason: "2026-08-31 以前的期間已結算，新規則最早只能自 2026-09-01 起生效。",
    });
    expect(planRuleVersion(RULES, { item: "cross_agency_notice", effectiveFrom: "2026-05-01" }, null)).toEqual({
      ok: false,
      reason: "這個項目已有自 2026-07-01 起生效的版本；請改該版本或選更晚的生效日。",
    });
  });
});

describe("entryPoints", () => {
  it.each([
    [NOTICE_V1, { quantity: 7 }, { points: 3.5 }],
    [NOTICE_V1, { quantity: -2 }, { points: -1 }],
    [NOTICE_V1, {}, { error: "「跨機關通報件數」要填件數。" }],
    [RANK, { rank: 1 }, { points: 5 }],
    [RANK, { rank: 2 }, { points: 3 }],
    [RANK, { rank: 3 }, { points: 2 }],
    [RANK, { rank: 4 }, { points: 0 }],
    [RANK, { rank: 0 }, { error: "「櫃台績效評比名次」要填名次（正整數）。" }],
    [GRADE, { grade: "甲" }, { points: 5 }],
    [GRADE, { grade: "乙等" }, { points: 3 }],
    [GRADE, { grade: "丙" }, { points: 1 }],
    [GRADE, { grade: "丁" }, { points: 0 }],
    [SPECIAL, { points: 4 }, { points: 4 }],
    [SPECIAL, {}, { error: "「專案表揚」要直接填點數。" }],
    // A supervisor's correction in points on any rule.
    [RANK, { rank: 1, points: -2 }, { points: -2 }],
  ] as const)("%# %j", (rule, value, expected) => {
    expect(entryPoints(rule, value)).toEqual(expected);
  });
});

describe("scoreEntries: approval, versions and caps", () => {
  it("only approved entries count", () => {
    const scored = scoreEntries(RULES, [
      entry("FB010", "cross_agency_notice", "2026-06-10", { quantity: 4 }),
      entry("FB010", "cross_agency_notice", "2026-06-11", { quantity: 4 }, "pending", null),
      entry("FB010", "cross_agency_notice", "2026-06-12", { quantity: 4 }, "rejected", null),
    ]);
    expect(scored.map((s) => [s.counted, s.points, s.reason])).toEqual([
      [true, 2, null],
      [false, 0, "尚待主管核定，不計分。"],
      [false, 0, "主管未核定，不計分。"],
    ]);
  });

  it("each entry takes the rule in force on its date: June at 0.5, July at 1", () => {
    const scored = scoreEntries(RULES, [entry("FB010", "cross_agency_notice", "2026-06-30", { quantity: 6 }), entry("FB010", "cross_agency_notice", "2026-07-01", { quantity: 6 })]);
    expect(scored.map((s) => [s.rule?.id, s.points])).toEqual([
      [11, 3],
      [12, 6],
    ]);
  });

  it("an entry with no rule in force is not counted, with the reason", () => {
    const [s] = scoreEntries(RULES, [entry("FB010", "cross_agency_notice", "2025-12-31", { quantity: 6 })]);
    expect([s.counted, s.reason]).toEqual([false, "2025-12-31 沒有適用的「cross_agency_notice」獎勵規則。"]);
  });

  it("the monthly cap is taken in date order: 6 + 4 (of 5) + 0, and a new month starts afresh", () => {
    const scored = scoreEntries(RULES, [
      entry("FB010", "cross_agency_notice", "2026-07-20", { quantity: 3 }),
      entry("FB010", "cross_agency_notice", "2026-07-01", { quantity: 6 }),
      entry("FB010", "cross_agency_notice", "2026-07-10", { quantity: 5 }),
      entry("FB010", "cross_agency_notice", "2026-08-01", { quantity: 3 }),
      entry("FB011", "cross_agency_notice", "2026-07-10", { quantity: 12 }),
    ]);
    expect(scored.map((s) => [s.entry.person, s.entry.date, s.rawPoints, s.points])).toEqual([
      ["FB010", "2026-07-20", 3, 0],
      ["FB010", "2026-07-01", 6, 6],
      ["FB010", "2026-07-10", 5, 4],
      ["FB010", "2026-08-01", 3, 3],
      ["FB011", "2026-07-10", 12, 10],
    ]);
  });

  it("a yearly cap spans months: 甲 5 + 甲 5 + 乙 0 (cap 10)", () => {
    const scored = scoreEntries(RULES, [
      entry("FB010", "proposal_grade", "2026-03-01", { grade: "甲" }),
      entry("FB010", "proposal_grade", "2026-06-01", { grade: "甲" }),
      entry("FB010", "proposal_grade", "2026-09-01", { grade: "乙" }),
      entry("FB010", "proposal_grade", "2027-01-05", { grade: "乙" }),
    ]);
    expect(scored.map((s) => s.points)).toEqual([5, 5, 0, 3]);
  });

  it("a negative correction gives back cap room", () => {
    const scored = scoreEntries(RULES, [
      entry("FB010", "cross_agency_notice", "2026-07-01", { quantity: 12 }),
      entry("FB010", "cross_agency_notice", "2026-07-02", { quantity: -4 }),
    ]);
    // Raw 12 then 8 in total: min(10, 12) = 10, then min(10, 8) − 10 = −2; the month ends at 8.
    expect(scored.map((s) => s.points)).toEqual([10, -2]);
  });
});

describe("closing a period freezes it; later corrections are adjustments", () => {
  const JUNE = parsePeriodKey("2026-06")!;
  const closedJune: ClosedPeriod = { kind: "month", key: JUNE.key, first: JUNE.first, last: JUNE.last, closedAt: new Date("2026-07-05T17:00:00+08:00") };
  const juneEntries = [
    entry("FB010", "cross_agency_notice", "2026-06-10", { quantity: 8 }), // 4
    entry("FB011", "cross_agency_notice", "2026-06-11", { quantity: 10 }), // 5
    entry("FB011", "counter_rank", "2026-06-30", { rank: 1 }), // 5
    entry("FB010", "counter_rank", "2026-06-30", { rank: 2 }), // 3
  ];
  const before = scoreboard(scoreEntries(RULES, juneEntries, [closedJune]), JUNE, { closed: [closedJune] });

  it("the closed board", () => {
    expect(before.closedAt).toEqual(closedJune.closedAt);
    expect(before.rows.map((r) => [r.person, r.rank, r.total, r.adjustments, r.finalTotal])).toEqual([
      ["FB011", 1, 10, 0, 10],
      ["FB010", 2, 7, 0, 7],
    ]);
    expect(before.rows[0].breakdown).toEqual([
      { item: "counter_rank", label: "櫃台績效評比名次", points: 5, adjustments: 0, entries: 1 },
      { item: "cross_agency_notice", label: "跨機關通報件數", points: 5, adjustments: 0, entries: 1 },
    ]);
  });

  it("a correction approved after closing is shown separately and does not move the frozen totals or ranks", () => {
    const late = entry("FB010", "cross_agency_notice", "2026-06-20", { quantity: 10 }, "approved", "2026-07-10T09:00:00+08:00");
    const scored = scoreEntries(RULES, [...juneEntries, late], [closedJune]);
    expect(scored.at(-1)).toMatchObject({ adjustment: true, rawPoints: 5, points: 5 });
    const after = scoreboard(scored, JUNE, { closed: [closedJune] });
    expect(after.rows.map((r) => [r.person, r.rank, r.total, r.adjustments, r.finalTotal])).toEqual([
      ["FB011", 1, 10, 0, 10],
      ["FB010", 2, 7, 5, 12],
    ]);
    expect(after.adjustmentEntries.map((s) => s.entry.id)).toEqual([late.id]);
  });

  it("an adjustment takes only the cap room left, and cannot take frozen points", () => {
    const late = entry("FB011", "cross_agency_notice", "2026-06-01", { quantity: 6 }, "approved", "2026-07-06T09:00:00+08:00");
    const scored = scoreEntries(RULES, [late, ...juneEntries], [closedJune]);
    // FB011 had 5 of the 10-point cap; the late 3 points fit. Placed at its approval day, not at 1 June.
    expect(scored[0]).toMatchObject({ adjustment: true, points: 3 });
    expect(scored.find((s) => s.entry.person === "FB011" && s.entry.item === "cross_agency_notice" && !s.adjustment)!.points).toBe(5);
  });

  it("a rule changed after closing does not rewrite the closed month", () => {
    const raised: IncentiveRule = { ...NOTICE_V1, id: 99, scoring: { kind: "per_unit", pointsPerUnit: 2 }, effectiveFrom: "2026-07-06", effectiveTo: null };
    const plan = planRuleVersion(RULES, { item: "cross_agency_notice", effectiveFrom: "2026-06-15" }, JUNE.last);
    expect(plan.ok).toBe(false);
    const again = scoreboard(scoreEntries([...RULES, raised], juneEntries, [closedJune]), JUNE, { closed: [closedJune] });
    expect(again.rows).toEqual(before.rows);
  });

  it("the open half-year counts every entry and the June adjustment, ranked by the final total", () => {
    const late = entry("FB010", "cross_agency_notice", "2026-06-20", { quantity: 10 }, "approved", "2026-07-10T09:00:00+08:00");
    const h1 = scoreboard(scoreEntries(RULES, [...juneEntries, late], [closedJune]), parsePeriodKey("2026-H1")!, { closed: [closedJune] });
    expect(h1.closedAt).toBeNull();
    expect(h1.rows.map((r) => [r.person, r.rank, r.total, r.adjustments, r.finalTotal])).toEqual([
      ["FB010", 1, 7, 5, 12],
      ["FB011", 2, 10, 0, 10],
    ]);
  });
});

describe("scoreboard: ranks, roster and suggested rewards", () => {
  const H2 = parsePeriodKey("2026-H2")!;
  const entries = [
    entry("FB010", "special_merit", "2026-07-01", { points: 45 }),
    entry("FB011", "special_merit", "2026-08-01", { points: 20 }),
    entry("FB012", "special_merit", "2026-09-01", { points: 20 }),
    entry("FB013", "special_merit", "2026-10-01", { points: 60 }),
    entry("FB014", "special_merit", "2026-11-01", { points: 19.5 }),
    entry("FB015", "special_merit", "2026-11-01", { points: 30 }, "pending", null),
  ];
  const board = scoreboard(scoreEntries(RULES, entries), H2, { people: ["FB015", "FB016"] });

  it("ties share a rank; the roster adds people with no points", () => {
    expect(board.rows.map((r) => [r.person, r.rank, r.finalTotal, r.suggestedReward])).toEqual([
      ["FB013", 1, 60, "記功一次"],
      ["FB010", 2, 45, "嘉獎二次"],
      ["FB011", 3, 20, "嘉獎一次"],
      ["FB012", 3, 20, "嘉獎一次"],
      ["FB014", 5, 19.5, null],
      ["FB015", 6, 0, null],
      ["FB016", 6, 0, null],
    ]);
  });

  it.each([
    [19.99, null],
    [20, "嘉獎一次"],
    [39, "嘉獎一次"],
    [40, "嘉獎二次"],
    [60, "記功一次"],
    [200, "記功一次"],
  ])("%s points → %s", (points, reward) => {
    expect(suggestedReward(points)).toBe(reward);
  });

  it("thresholds are configurable and checked", () => {
    const own = [
      { reward: "嘉獎一次", minPoints: 10 },
      { reward: "嘉獎二次", minPoints: 15 },
      { reward: "記功一次", minPoints: 25 },
    ];
    expect(validateRewardThresholds(EXAMPLE_REWARD_THRESHOLDS)).toEqual([]);
    expect(suggestedReward(16, own)).toBe("嘉獎二次");
    expect(validateRewardThresholds([{ reward: "嘉獎一次", minPoints: 20 }, { reward: "", minPoints: 10 }])).toEqual(["獎勵名稱不能空白。", "門檻必須由低到高排列，且不能相同。"]);
  });
});

describe("entries from the other modules", () => {
  it("counter ranks of a closed month are dated on its last day; the unranked get none", () => {
    const NOV = parsePeriodKey("2026-11")!;
    expect(counterRankEntries([{ staff: "FB010", rank: 1 }, { staff: "FB011", rank: 2 }, { staff: "FB012", rank: 2 }, { staff: "FB013", rank: null }], NOV)).toEqual([
      { person: "FB010", item: "counter_rank", date: "2026-11-30", rank: 1, source: "counter_ranking" },
      { person: "FB011", item: "counter_rank", date: "2026-11-30", rank: 2, source: "counter_ranking" },
      { person: "FB012", item: "counter_rank", date: "2026-11-30", rank: 2, source: "counter_ranking" },
    ]);
    // Two people sharing rank 2 both earn rank 2's points.
    const scored = scoreEntries(RULES, counterRankEntries([{ staff: "FB011", rank: 2 }, { staff: "FB012", rank: 2 }], NOV).map((e, i) => ({ ...e, id: i, status: "approved" as const })));
    expect(scored.map((s) => s.points)).toEqual([3, 3]);
  });

  it("a proposal's grade is dated on the Taipei grant day", () => {
    expect(proposalGradeEntry("FB010", "甲", new Date("2026-12-31T16:30:00Z"))).toEqual({ person: "FB010", item: "proposal_grade", date: "2027-01-01", grade: "甲", source: "proposal" });
  });
});
