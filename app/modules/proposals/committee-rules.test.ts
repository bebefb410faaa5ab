import { describe, expect, it } from "vitest";
import {
  DEFAULT_RUBRIC_WEIGHTS,
  ballotRefusal,
  criterionStatistics,
  quorum,
  recusedMembers,
  rubricScore,
  tally,
  validateWeights,
  visibleBallots,
  type VoteChoice,
} from "./committee-rules";

const none = { proposers: [], coProposers: [], declaredConflicts: [], chairOrdered: [] };

describe("recusedMembers (利益迴避)", () => {
  it("a proposer who is a member is recused", () => {
    expect(recusedMembers({ ...none, members: [1, 2, 3], proposers: [2] })).toEqual([{ memberId: 2, reasons: ["proposer"] }]);
  });

  it("co-proposers are recused", () => {
    expect(recusedMembers({ ...none, members: [1, 2, 3], coProposers: [3, 1] })).toEqual([
      { memberId: 1, reasons: ["co_proposer"] },
      { memberId: 3, reasons: ["co_proposer"] },
    ]);
  });

  it("a declared conflict recuses the member", () => {
    expect(recusedMembers({ ...none, members: [1, 2, 3], declaredConflicts: [1] })).toEqual([{ memberId: 1, reasons: ["declared_conflict"] }]);
  });

  it("the chair may order a recusal", () => {
    expect(recusedMembers({ ...none, members: [1, 2, 3], chairOrdered: [3] })).toEqual([{ memberId: 3, reasons: ["chair_ordered"] }]);
  });

  it("lists every reason once, in member order, and ignores people who are not members", () => {
    expect(
      recusedMembers({
        members: [5, 4, 3, 2, 1, 4],
        proposers: [4, 99],
        coProposers: [2],
        declaredConflicts: [4, 98],
        chairOrdered: [2, 4],
      }),
    ).toEqual([
      { memberId: 4, reasons: ["proposer", "declared_conflict", "chair_ordered"] },
      { memberId: 2, reasons: ["co_proposer", "chair_ordered"] },
    ]);
  });

  it("nobody recused", () => {
    expect(recusedMembers({ ...none, members: [1, 2], proposers: [7] })).toEqual([]);
  });
});

describe("quorum: non-recused members present ≥ half of the non-recused members", () => {
  it("4 members, 1 recused → 3 eligible → 2 present is enough", () => {
    expect(quorum({ members: [1, 2, 3, 4], present: [2, 3], recused: [1] })).toEqual({ eligible: 3, eligiblePresent: 2, required: 2, met: true });
  });

  it("4 members, 1 recused, 1 present is not enough", () => {
    expect(quorum({ members: [1, 2, 3, 4], present: [2], recused: [1] })).toEqual({ eligible: 3, eligiblePresent: 1, required: 2, met: false });
  });

  it("5 eligible → 3 needed", () => {
    const members = [1, 2, 3, 4, 5, 6];
    expect(quorum({ members, present: [1, 2, 6], recused: [6] })).toEqual({ eligible: 5, eligiblePresent: 2, required: 3, met: false });
    expect(quorum({ members, present: [2, 3, 4], recused: [6] })).toEqual({ eligible: 5, eligiblePresent: 3, required: 3, met: true });
  });

  it("an even number eligible: exactly half is enough (半數), not under 過半數", () => {
    const input = { members: [1, 2, 3, 4, 5], present: [1, 2], recused: [5] };
    expect(quorum(input)).toEqual({ eligible: 4, eligiblePresent: 2, required: 2, met: true });
    expect(quorum(input, "more_than_half")).toEqual({ eligible: 4, eligiblePresent: 2, required: 3, met: false });
  });

  it.each([
    // eligible, at least half, more than half
    [1, 1, 1],
    [2, 1, 2],
    [3, 2, 2],
    [4, 2, 3],
    [5, 3, 3],
    [6, 3, 4],
    [7, 4, 4],
    [8, 4, 5],
  ])("%i eligible: %i required (半數), %i (過半數)", (eligible, atLeastHalf, moreThanHalf) => {
    const members = Array.from({ length: eligible }, (_, i) => i + 1);
    expect(quorum({ members, present: [], recused: [] }).required).toBe(atLeastHalf);
    expect(quorum({ members, present: [], recused: [] }, "more_than_half").required).toBe(moreThanHalf);
  });

  it("a recused member who is present does not count", () => {
    expect(quorum({ members: [1, 2, 3, 4], present: [1, 2], recused: [1, 3] })).toEqual({ eligible: 2, eligiblePresent: 1, required: 1, met: true });
    expect(quorum({ members: [1, 2, 3, 4, 5], present: [1, 2], recused: [1, 2] })).toEqual({ eligible: 3, eligiblePresent: 0, required: 2, met: false });
  });

  it("people present who are not members, and duplicates, are ignored", () => {
    expect(quorum({ members: [1, 2, 3, 3], present: [3, 3, 8, 9], recused: [] })).toEqual({ eligible: 3, eligiblePresent: 1, required: 2, met: false });
  });

  it("takes recusedMembers' output directly", () => {
    const members = [1, 2, 3, 4];
    const recused = recusedMembers({ ...none, members, proposers: [1] });
    expect(quorum({ members, present: [1, 2, 3], recused })).toEqual({ eligible: 3, eligiblePresent: 2, required: 2, met: true });
  });

  it("no quorum when everybody is recused or there are no members", () => {
    expect(quorum({ members: [1, 2], present: [1, 2], recused: [1, 2] })).toEqual({ eligible: 0, eligiblePresent: 0, required: 0, met: false });
    expect(quorum({ members: [], present: [], recused: [] }).met).toBe(false);
  });
});

describe("ballotRefusal", () => {
  const ok = { roundState: "open", isMember: true, isRecused: false, isPresent: true, quorumMet: true } as const;
  it("a present, non-recused member of an open round with a quorum may vote", () => {
    expect(ballotRefusal(ok)).toBeNull();
  });
  it.each([
    [{ isMember: false }, "只有審查小組委員可以投票。"],
    [{ roundState: "planned" }, "審查會議尚未開始，還不能投票。"],
    [{ roundState: "closed" }, "審查會議已結束投票，不能再投票或修改。"],
    [{ isRecused: true }, "您在本案應予迴避，不能投票或評分。"],
    [{ isPresent: false }, "您未登記出席本次會議，不能投票。"],
    [{ quorumMet: false }, "出席委員（扣除迴避者）未達半數，尚不能開始投票。"],
  ] as const)("%j → %s", (change, reason) => {
    expect(ballotRefusal({ ...ok, ...change })).toBe(reason);
  });
});

describe("rubric weights", () => {
  it("the default is 創新性 30, 可行性 30, 效益性 30, 完整性 10 and valid", () => {
    expect(DEFAULT_RUBRIC_WEIGHTS).toEqual({ 創新性: 30, 可行性: 30, 效益性: 30, 完整性: 10 });
    expect(Object.keys(DEFAULT_RUBRIC_WEIGHTS)).toEqual(["創新性", "可行性", "效益性", "完整性"]);
    expect(validateWeights(DEFAULT_RUBRIC_WEIGHTS)).toEqual([]);
  });

  it("accepts an office's own weights that sum to 100, decimals included", () => {
    expect(validateWeights({ 創新性: 40, 可行性: 20, 效益性: 20, 完整性: 20 })).toEqual([]);
    expect(validateWeights({ 甲: 33.3, 乙: 33.3, 丙: 33.4 })).toEqual([]);
  });

  it.each([
    [{ 創新性: 30, 可行性: 30, 效益性: 30 }, ["各項配分合計必須是 100，目前是 90。"]],
    [{ 創新性: 60, 可行性: 50 }, ["各項配分合計必須是 100，目前是 110。"]],
    [{ 創新性: 110, 可行性: -10 }, ["「可行性」的配分必須大於 0。"]],
    [{ 創新性: 100, 可行性: 0 }, ["「可行性」的配分必須大於 0。"]],
    // A non-number is reported once, not again as a wrong sum.
    [{ 創新性: Number.NaN, 可行性: 100 }, ["「創新性」的配分必須大於 0。"]],
    [{}, ["評分項目至少要有一項。"]],
    [{ " ": 100 }, ["評分項目名稱不能空白。"]],
  ])("%j is refused", (weights, errors) => {
    expect(validateWeights(weights)).toEqual(errors);
  });
});

describe("rubricScore (配分制: each criterion 0..its weight, total = sum)", () => {
  it("sums the points, which is the weighted mean of the criteria in percent", () => {
    // 24/30 = 80 %, 27/30 = 90 %, 21/30 = 70 %, 8/10 = 80 % → 0.3·80 + 0.3·90 + 0.3·70 + 0.1·80 = 80.
    expect(rubricScore({ 創新性: 24, 可行性: 27, 效益性: 21, 完整性: 8 })).toEqual({ ok: true, total: 80 });
  });

  it("full and empty marks", () => {
    expect(rubricScore({ 創新性: 30, 可行性: 30, 效益性: 30, 完整性: 10 })).toEqual({ ok: true, total: 100 });
    expect(rubricScore({ 創新性: 0, 可行性: 0, 效益性: 0, 完整性: 0 })).toEqual({ ok: true, total: 0 });
  });

  it("uses an office's own weights and tidies decimal noise", () => {
    expect(rubricScore({ a: 0.1, b: 0.2 }, { a: 50, b: 50 })).toEqual({ ok: true, total: 0.3 });
    expect(rubricScore({ 創新性: 35.5, 可行性: 20, 效益性: 12.5, 完整性: 20 }, { 創新性: 40, 可行性: 20, 效益性: 20, 完整性: 20 })).toEqual({
      ok: true,
      total: 88,
    });
  });

  it("refuses a score above the criterion's weight or below 0, naming the criterion", () => {
    expect(rubricScore({ 創新性: 31, 可行性: 27, 效益性: 21, 完整性: -1 })).toEqual({
      ok: false,
      errors: [
        { criterion: "創新性", reason: "「創新性」的分數必須在 0 到 30 分之間。" },
        { criterion: "完整性", reason: "「完整性」的分數必須在 0 到 10 分之間。" },
      ],
    });
    // 80 on a 0..100 scale is not accepted for a 30-point criterion: one scale only.
    expect(rubricScore({ 創新性: 80, 可行性: 27, 效益性: 21, 完整性: 8 }).ok).toBe(false);
  });

  it("refuses missing, unknown and non-numeric scores", () => {
    expect(rubricScore({ 創新性: 24, 可行性: Number.NaN, 完整性: 8, 美觀性: 5 })).toEqual({
      ok: false,
      errors: [
        { criterion: "美觀性", reason: "「美觀性」不是本所的評分項目。" },
        { criterion: "可行性", reason: "「可行性」的分數必須在 0 到 30 分之間。" },
        { criterion: "效益性", reason: "請為「效益性」評分。" },
      ],
    });
  });

  it("refuses to score against invalid weights", () => {
    expect(rubricScore({ a: 10 }, { a: 90 })).toEqual({ ok: false, errors: [{ criterion: null, reason: "各項配分合計必須是 100，目前是 90。" }] });
  });
});

describe("tally", () => {
  const votes = (...spec: [VoteChoice, number][]): VoteChoice[] => spec.flatMap(([v, n]) => Array<VoteChoice>(n).fill(v));

  it("counts each choice", () => {
    expect(tally(votes(["採行", 3], ["修正後採行", 1], ["不採行", 1], ["棄權", 2]))).toEqual({
      counts: { 採行: 3, 修正後採行: 1, 不採行: 1, 棄權: 2 },
      cast: 5,
      total: 7,
      inFavour: 4,
      outcome: "採行",
    });
  });

  it.each([
    [votes(["採行", 2], ["不採行", 1]), "採行"],
    [votes(["修正後採行", 2], ["採行", 1]), "修正後採行"],
    [votes(["不採行", 3], ["採行", 2]), "不採行"],
    // In favour 1 + 2 = 3 against 2: adopted, and 修正後採行 leads 採行 within those in favour.
    [votes(["採行", 1], ["修正後採行", 2], ["不採行", 2]), "修正後採行"],
    // 採行 2 + 修正後採行 2 = 4 against 3: adopted, but which way is a tie for the chair.
    [votes(["採行", 2], ["修正後採行", 2], ["不採行", 3]), "tie"],
    // For and against equal: the chair decides (可否同數，取決於主席).
    [votes(["採行", 2], ["不採行", 2]), "tie"],
    [votes(["採行", 1], ["修正後採行", 1], ["不採行", 2], ["棄權", 1]), "tie"],
    // Abstentions are on neither side.
    [votes(["採行", 1], ["棄權", 4]), "採行"],
    [votes(["棄權", 3]), "no_votes"],
    [[], "no_votes"],
  ] as const)("%j → %s", (list, outcome) => {
    expect(tally(list).outcome).toBe(outcome);
  });

  it("refuses an unknown vote", () => {
    expect(() => tally(["同意" as VoteChoice])).toThrow(RangeError);
  });
});

describe("criterionStatistics (population SD, min–max)", () => {
  // Three members:         創新性 可行性 效益性 完整性 | total
  //   A                      24     27     21     8   |  80
  //   B                      27     24     27     9   |  87
  //   C                      30     21     24     7   |  82
  // 創新性: mean 27, deviations −3 0 3 → Σd² 18 / 3 = 6 → SD √6 = 2.449490; 24–30.
  // 可行性: mean 24, deviations 3 0 −3 → √6; 21–27.   效益性: mean 24, −3 3 0 → √6; 21–27.
  // 完整性: mean 8, deviations 0 1 −1 → 2/3 → SD 0.816497; 7–9.
  // total: mean 83, deviations −3 4 −1 → 26/3 → SD 2.943920; 80–87.
  const sheets = {
    A: { 創新性: 24, 可行性: 27, 效益性: 21, 完整性: 8 },
    B: { 創新性: 27, 可行性: 24, 效益性: 27, 完整性: 9 },
    C: { 創新性: 30, 可行性: 21, 效益性: 24, 完整性: 7 },
  };

  it("matches the hand-computed values", () => {
    const stats = criterionStatistics(sheets, DEFAULT_RUBRIC_WEIGHTS);
    expect(stats.byCriterion.map((s) => s.criterion)).toEqual(["創新性", "可行性", "效益性", "完整性"]);
    const [innovation, feasibility, benefit, completeness] = stats.byCriterion;
    expect(innovation).toMatchObject({ n: 3, mean: 27, min: 24, max: 30 });
    expect(innovation.sd).toBeCloseTo(2.44949, 5);
    expect(feasibility).toMatchObject({ mean: 24, min: 21, max: 27 });
    expect(feasibility.sd).toBeCloseTo(Math.sqrt(6), 10);
    expect(benefit).toMatchObject({ mean: 24, min: 21, max: 27 });
    expect(completeness).toMatchObject({ mean: 8, min: 7, max: 9 });
    expect(completeness.sd).toBeCloseTo(0.816497, 6);
    expect(stats.total).toMatchObject({ n: 3, mean: 83, min: 80, max: 87 });
    expect(stats.total.sd).toBeCloseTo(2.94392, 5);
  });

  it("an even count: 10, 10, 6, 6 → mean 8, SD 2", () => {
    const stats = criterionStatistics(new Map([[1, { 完整性: 10 }], [2, { 完整性: 10 }], [3, { 完整性: 6 }], [4, { 完整性: 6 }]]));
    expect(stats.byCriterion).toEqual([{ criterion: "完整性", n: 4, mean: 8, sd: 2, min: 6, max: 10 }]);
  });

  it("one member: no spread", () => {
    expect(criterionStatistics({ A: sheets.A }).total).toEqual({ n: 1, mean: 80, sd: 0, min: 80, max: 80 });
  });

  it("nobody scored", () => {
    expect(criterionStatistics({}, DEFAULT_RUBRIC_WEIGHTS)).toEqual({
      byCriterion: ["創新性", "可行性", "效益性", "完整性"].map((criterion) => ({ criterion, n: 0, mean: null, sd: null, min: null, max: null })),
      total: { n: 0, mean: null, sd: null, min: null, max: null },
    });
  });

  it("without weights, criteria come in the order first seen", () => {
    expect(criterionStatistics(sheets).byCriterion.map((s) => s.criterion)).toEqual(["創新性", "可行性", "效益性", "完整性"]);
  });
});

describe("visibleBallots (hidden until the chair closes the round)", () => {
  const ballots = [
    { memberId: 1, vote: "採行" as const, total: 85 },
    { memberId: 2, vote: "不採行" as const, total: 60 },
    { memberId: 3, vote: "棄權" as const, total: 70 },
  ];
  const chairId = 3;

  it.each(["planned", "open"] as const)("while %s, a member sees only their own ballot", (state) => {
    expect(visibleBallots(1, state, ballots)).toEqual([ballots[0]]);
    expect(visibleBallots(2, state, ballots)).toEqual([ballots[1]]);
  });

  it("while open, the chair sees only the chair's own ballot", () => {
    expect(visibleBallots(chairId, "open", ballots)).toEqual([ballots[2]]);
  });

  it("while open, someone without a ballot sees nothing", () => {
    expect(visibleBallots(42, "open", ballots)).toEqual([]);
  });

  it("after closing, everybody sees every ballot", () => {
    expect(visibleBallots(42, "closed", ballots)).toEqual(ballots);
    expect(visibleBallots(1, "closed", ballots)).toEqual(ballots);
  });

  it("returns a copy, never the caller's array", () => {
    expect(visibleBallots(1, "closed", ballots)).not.toBe(ballots);
  });
});
