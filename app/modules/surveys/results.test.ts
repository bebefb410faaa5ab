import { describe, expect, it } from "vitest";
import type { SurveyAnswers } from "./answers";
import {
  DEFAULT_THRESHOLDS,
  breakdownResults,
  planSuppression,
  questionStats,
  roundForDisplay,
  surveyResults,
  validateThresholds,
  type BreakdownGroup,
  type QuestionResult,
  type ResultsView,
  type SurveyResponse,
  type SurveyResults,
} from "./results";
import { DEFAULT_TEMPLATE, DEMOGRAPHIC_QUESTIONS, listQuestions, type DemographicQuestion, type Question, type SurveyTemplate } from "./template";

const L = (id: string, required = true): Question => ({ id, kind: "likert5", text: `陳述 ${id}`, required });
const T: SurveyTemplate = {
  title: "測試",
  sections: [
    { id: "work", title: "工作", questions: [L("work-1"), L("work-2"), L("work-3", false)] },
    { id: "lead", title: "領導", questions: [L("lead-1")] },
    {
      id: "end",
      title: "整體",
      questions: [
        { id: "end-1", kind: "scale0to10", text: "推薦？", required: true, minLabel: "不可能", maxLabel: "非常可能", enps: true },
        { id: "end-2", kind: "single_choice", text: "加班？", required: false, options: [{ value: "no", label: "不加班" }, { value: "yes", label: "常加班" }] },
        {
          id: "end-3",
          kind: "multiple_choice",
          text: "訓練？",
          required: false,
          options: [{ value: "law", label: "法規" }, { value: "it", label: "系統" }, { value: "talk", label: "溝通" }],
        },
      ],
    },
    { id: "say", title: "建議", questions: [{ id: "say-1", kind: "free_text", text: "建議？", required: false }] },
  ],
};

const base: SurveyAnswers = { "work-1": 4, "work-2": 4, "lead-1": 4, "end-1": 8 };
const resp = (answers: Partial<Record<string, unknown>> = {}, demographics?: Record<string, string | null>): SurveyResponse => ({
  answers: { ...base, ...answers } as SurveyAnswers,
  demographics,
});
const many = (n: number, answers: Partial<Record<string, unknown>> = {}, demographics?: Record<string, string | null>) =>
  Array.from({ length: n }, () => resp(answers, demographics));

const shown = (r: SurveyResults): ResultsView => {
  if (!r.shown) throw new Error(`expected shown results, got ${r.suppression.message}`);
  return r;
};
const q = (view: ResultsView, id: string): QuestionResult => view.questions.find((x) => x.questionId === id)!;
const statsOf = (view: ResultsView, id: string) => {
  const r = q(view, id);
  if (!r.shown) throw new Error(`${id} hidden: ${r.suppression.message}`);
  return r.stats;
};

describe("thresholds", () => {
  it("default to 5 for scores and 10 for comments (issue 7)", () => {
    expect(DEFAULT_THRESHOLDS).toEqual({ scores: 5, comments: 10 });
  });

  it.each<[{ scores: number; comments: number }, string[]]>([
    [{ scores: 5, comments: 10 }, []],
    [{ scores: 3, comments: 3 }, []],
    [{ scores: 2, comments: 10 }, ["分數的顯示門檻必須是 3 人以上的整數。"]],
    [{ scores: 5.5, comments: 10 }, ["分數的顯示門檻必須是 3 人以上的整數。"]],
    [{ scores: 8, comments: 5 }, ["文字意見的顯示門檻不能低於分數的顯示門檻：文字比分數更容易認出填答者。"]],
    [{ scores: 5, comments: 0 }, ["文字意見的顯示門檻必須是 3 人以上的整數。"]],
  ])("%o → %o", (thresholds, problems) => {
    expect(validateThresholds(thresholds)).toEqual(problems);
  });

  it("results refuse invalid thresholds rather than show too small a group", () => {
    expect(() => surveyResults(T, many(5), { scores: 1, comments: 1 })).toThrow(RangeError);
    expect(() => breakdownResults(T, many(5), DEMOGRAPHIC_QUESTIONS.unit, { scores: 1, comments: 10 })).toThrow(RangeError);
  });
});

describe("surveyResults: the whole round", () => {
  it("nobody answered", () => {
    expect(surveyResults(T, [])).toEqual({
      thresholds: DEFAULT_THRESHOLDS,
      shown: false,
      respondents: 0,
      suppression: { reason: "no_responses", message: "尚無回覆。" },
    });
  });

  it.each([1, 4])("%i respondents: nothing but the count is shown", (n) => {
    expect(surveyResults(T, many(n))).toEqual({
      thresholds: DEFAULT_THRESHOLDS,
      shown: false,
      respondents: n,
      suppression: { reason: "total_below_threshold", message: "回覆人數未達 5 人，為保護匿名不顯示結果。" },
    });
  });

  it("5 respondents: shown", () => {
    expect(surveyResults(T, many(5)).shown).toBe(true);
  });

  it("an office's own threshold", () => {
    const r = surveyResults(T, many(6), { scores: 8, comments: 12 });
    expect(r).toMatchObject({ shown: false, suppression: { message: "回覆人數未達 8 人，為保護匿名不顯示結果。" } });
  });

  it("Likert: distribution, mean and favourable share (4–5)", () => {
    const view = shown(surveyResults(T, [1, 2, 4, 5, 5].map((v) => resp({ "work-1": v }))));
    expect(statsOf(view, "work-1")).toEqual({
      kind: "likert5",
      n: 5,
      distribution: [
        { value: 1, label: "非常不同意", count: 1, percent: 20 },
        { value: 2, label: "不同意", count: 1, percent: 20 },
        { value: 3, label: "普通", count: 0, percent: 0 },
        { value: 4, label: "同意", count: 1, percent: 20 },
        { value: 5, label: "非常同意", count: 2, percent: 40 },
      ],
      mean: 3.4,
      favourableShare: 60,
    });
  });

  it.each<[string, number[], { promoterShare: number; passiveShare: number; detractorShare: number; nps: number }]>([
    ["all promoters", [9, 10, 9, 10, 10], { promoterShare: 100, passiveShare: 0, detractorShare: 0, nps: 100 }],
    ["all detractors", [0, 6, 5, 3, 1], { promoterShare: 0, passiveShare: 0, detractorShare: 100, nps: -100 }],
    ["7 and 8 are passive", [7, 8, 7, 8, 8], { promoterShare: 0, passiveShare: 100, detractorShare: 0, nps: 0 }],
    ["6 is a detractor, 9 a promoter", [6, 9, 9, 8, 7], { promoterShare: 40, passiveShare: 40, detractorShare: 20, nps: 20 }],
    ["thirds", [10, 9, 8, 7, 6, 0], { promoterShare: 33.3333333, passiveShare: 33.3333333, detractorShare: 33.3333333, nps: 0 }],
  ])("0–10 and eNPS (promoters 9–10 − detractors 0–6): %s", (_, values, expected) => {
    const view = shown(surveyResults(T, values.map((v) => resp({ "end-1": v }))));
    expect(statsOf(view, "end-1")).toMatchObject({ ...expected, favourableShare: expected.promoterShare, n: values.length });
    expect(view.enps).toEqual({
      questionId: "end-1",
      shown: true,
      n: values.length,
      promoterShare: expected.promoterShare,
      passiveShare: expected.passiveShare,
      detractorShare: expected.detractorShare,
      score: expected.nps,
    });
  });

  it("single choice: counts per option in option order", () => {
    const answers = ["yes", "no", "yes", "yes", "yes", undefined];
    const view = shown(surveyResults(T, answers.map((v) => resp({ "end-2": v }))));
    expect(statsOf(view, "end-2")).toEqual({
      kind: "single_choice",
      n: 5,
      distribution: [
        { value: "no", label: "不加班", count: 1, percent: 20 },
        { value: "yes", label: "常加班", count: 4, percent: 80 },
      ],
    });
  });

  it("multiple choice: percent of those who answered, so the bars may add up past 100", () => {
    const answers = [["law", "it"], ["law"], ["it", "talk"], ["law", "it", "talk"], ["law"]];
    const view = shown(surveyResults(T, answers.map((v) => resp({ "end-3": v }))));
    expect(statsOf(view, "end-3")).toEqual({
      kind: "multiple_choice",
      n: 5,
      distribution: [
        { value: "law", label: "法規", count: 4, percent: 80 },
        { value: "it", label: "系統", count: 3, percent: 60 },
        { value: "talk", label: "溝通", count: 2, percent: 40 },
      ],
    });
  });

  it("an optional question fewer than 5 answered is hidden and left out of its section index", () => {
    const responses = [...many(3, { "work-3": 1 }), ...many(7)];
    const view = shown(surveyResults(T, responses));
    expect(q(view, "work-3")).toMatchObject({
      shown: false,
      suppression: { reason: "question_below_threshold", message: "本題作答人數未達 5 人，為保護匿名不顯示。" },
    });
    expect(view.sections.find((s) => s.sectionId === "work")).toMatchObject({ index: 100, questionsCounted: 2, questionsSuppressed: 1, suppression: null });
  });

  it("a question nobody answered says so", () => {
    const view = shown(surveyResults(T, many(5)));
    expect(q(view, "end-2")).toMatchObject({ shown: false, suppression: { reason: "no_responses", message: "尚無回覆。" } });
  });

  it("section index = mean of its Likert questions' favourable shares; overall = mean of the section indices", () => {
    // work-1: 3 of 5 favourable (60); work-2: 5 of 5 (100); work-3 optional, all 5 answered 1 (0); lead-1: 2 of 5 (40).
    const responses = [
      resp({ "work-1": 4, "work-2": 5, "work-3": 1, "lead-1": 5 }),
      resp({ "work-1": 5, "work-2": 4, "work-3": 1, "lead-1": 4 }),
      resp({ "work-1": 4, "work-2": 4, "work-3": 1, "lead-1": 3 }),
      resp({ "work-1": 3, "work-2": 4, "work-3": 1, "lead-1": 2 }),
      resp({ "work-1": 1, "work-2": 5, "work-3": 1, "lead-1": 1 }),
    ];
    const view = shown(surveyResults(T, responses));
    expect(view.sections).toEqual([
      { sectionId: "work", title: "工作", index: clean((60 + 100 + 0) / 3), meanScore: clean((3.4 + 4.4 + 1) / 3), questionsCounted: 3, questionsSuppressed: 0, suppression: null },
      { sectionId: "lead", title: "領導", index: 40, meanScore: 3, questionsCounted: 1, questionsSuppressed: 0, suppression: null },
    ]);
    expect(view.overallIndex).toBe(clean((clean(160 / 3) + 40) / 2));
    // Sections without a Likert question (整體 has only 0–10 and choices; 建議) have no index.
    expect(view.sections.map((s) => s.sectionId)).not.toContain("end");
  });

  it("ignores an invalid stored value rather than counting it", () => {
    const view = shown(surveyResults(T, [...many(5), resp({ "work-1": 9 })]));
    expect(statsOf(view, "work-1")).toMatchObject({ n: 5 });
  });

  it("the default template's results have every section index", () => {
    const responses = Array.from({ length: 6 }, () => {
      const answers: Record<string, unknown> = {};
      for (const { question } of listQuestions(DEFAULT_TEMPLATE)) {
        if (question.kind === "likert5") answers[question.id] = 4;
        if (question.kind === "scale0to10") answers[question.id] = 10;
      }
      return { answers } as SurveyResponse;
    });
    const view = shown(surveyResults(DEFAULT_TEMPLATE, responses));
    expect(view.sections.map((s) => [s.title, s.index])).toEqual([
      ["工作環境", 100],
      ["主管領導", 100],
      ["溝通協調", 100],
      ["教育訓練", 100],
      ["工作負荷", 100],
      ["獎勵制度", 100],
      ["整體滿意度", 100],
    ]);
    expect(view.overallIndex).toBe(100);
    expect(view.enps).toMatchObject({ shown: true, score: 100 });
  });
});

describe("free-text comments", () => {
  const said = ["請增加櫃檯人力", "丙", "甲", "乙", "希望改善電腦設備"];

  it("fewer than 10 respondents: the count of writers, no comments", () => {
    const view = shown(surveyResults(T, [...said.map((t) => resp({ "say-1": t })), ...many(4)]));
    expect(statsOf(view, "say-1")).toEqual({
      kind: "free_text",
      n: 5,
      comments: null,
      commentsSuppression: { reason: "comments_below_threshold", message: "回覆人數未達 10 人，為保護匿名不列出文字意見。" },
    });
  });

  it("10 respondents: listed in code-point order, never in submission order", () => {
    const view = shown(surveyResults(T, [...said.map((t) => resp({ "say-1": t })), ...many(5)]));
    const stats = statsOf(view, "say-1");
    expect(stats).toMatchObject({ n: 5, commentsSuppression: null });
    expect(stats.kind === "free_text" && stats.comments).toEqual(["丙", "乙", "希望改善電腦設備", "甲", "請增加櫃檯人力"]);
  });

  it("the order does not depend on the order responses arrive in", () => {
    const responses = [...said.map((t) => resp({ "say-1": t })), ...many(5)];
    const a = statsOf(shown(surveyResults(T, responses)), "say-1");
    const b = statsOf(shown(surveyResults(T, [...responses].reverse())), "say-1");
    expect(a).toEqual(b);
  });

  it("carries only the text: no response id, position or time", () => {
    const responses = [...said.map((t) => resp({ "say-1": t })), ...many(5)];
    const stats = statsOf(shown(surveyResults(T, responses)), "say-1");
    expect(stats.kind === "free_text" && stats.comments!.every((c) => typeof c === "string")).toBe(true);
  });
});

describe("planSuppression (threshold 5)", () => {
  const plan = (ns: number[], forced: number[] = []) =>
    planSuppression(
      ns.map((n, i) => ({ n, forced: forced.includes(i) })),
      5,
    ).map((d) => (d.shown ? "shown" : d.why));

  it.each<[string, number[], number[], string[]]>([
    ["every group big enough", [20, 10, 8], [], ["shown", "shown", "shown"]],
    ["one small group: the next smallest is hidden too", [20, 3, 8], [], ["shown", "below_threshold", "complementary"]],
    ["ties: the first of the smallest", [20, 3, 8, 8], [], ["shown", "below_threshold", "complementary", "shown"]],
    ["two small groups of 1 and 2 (3 < 5 together): another is hidden", [20, 1, 2, 6], [], ["shown", "below_threshold", "below_threshold", "complementary"]],
    ["two small groups of 4 and 4 (8 ≥ 5 together) hide each other", [30, 4, 4], [], ["shown", "below_threshold", "below_threshold"]],
    ["an empty group needs no complement", [0, 25], [], ["no_responses", "shown"]],
    ["an empty group is no complement", [3, 0, 12], [], ["below_threshold", "no_responses", "complementary"]],
    ["everybody in one small group", [4], [], ["below_threshold"]],
    ["a group hidden by the caller is protected like a small one", [6, 7, 20], [0], ["forced", "complementary", "shown"]],
  ])("%s: %j", (_, ns, forced, expected) => {
    expect(plan(ns, forced)).toEqual(expected);
  });

  it("whatever the sizes, what is hidden is either nothing or ≥ 2 groups with ≥ 5 people together", () => {
    // Every combination of four groups of 0–12: total − shown groups never isolates a small group.
    for (let a = 0; a <= 12; a++)
      for (let b = 0; b <= 12; b++)
        for (let c = 0; c <= 12; c++)
          for (let d = 0; d <= 12; d++) {
            const ns = [a, b, c, d];
            const decisions = planSuppression(
              ns.map((n) => ({ n })),
              5,
            );
            const hidden = ns.filter((n, i) => n > 0 && !decisions[i].shown);
            const sum = hidden.reduce((s, n) => s + n, 0);
            const ok = hidden.length === 0 || (hidden.length >= 2 && sum >= 5) || ns.reduce((s, n) => s + n, 0) === sum;
            if (!ok) throw new Error(`leaks for ${ns}: hidden ${hidden}`);
            // Every shown group is big enough.
            ns.forEach((n, i) => decisions[i].shown && expect(n).toBeGreaterThanOrEqual(5));
          }
  });
});

describe("breakdownResults", () => {
  const unit = DEMOGRAPHIC_QUESTIONS.unit as DemographicQuestion;
  const groupsOf = (r: ReturnType<typeof breakdownResults>): BreakdownGroup[] => {
    if (!r.shown) throw new Error(r.suppression.message);
    return r.groups;
  };
  const summary = (groups: BreakdownGroup[]) => groups.map((g) => [g.label, g.shown ? g.view.respondents : g.suppression.reason]);

  it("fewer than 5 in the whole round: nothing", () => {
    expect(breakdownResults(T, many(4, {}, { unit: "household" }), unit)).toEqual({
      demographicId: "unit",
      text: "您服務的課別",
      thresholds: DEFAULT_THRESHOLDS,
      shown: false,
      suppression: { reason: "total_below_threshold", message: "回覆人數未達 5 人，為保護匿名不顯示結果。" },
    });
  });

  it("every group big enough: all shown, in option order", () => {
    const responses = [...many(5, {}, { unit: "admin" }), ...many(6, {}, { unit: "household" }), ...many(5, {}, { unit: "other" })];
    expect(summary(groupsOf(breakdownResults(T, responses, unit)))).toEqual([
      ["戶籍課", 6],
      ["行政課", 5],
      ["其他", 5],
    ]);
  });

  it("the subtraction case: 戶籍課 12, 行政課 7, 其他 3 — 其他 is hidden, and 行政課 with it", () => {
    const responses = [
      ...many(12, { "work-1": 5 }, { unit: "household" }),
      ...many(7, { "work-1": 4 }, { unit: "admin" }),
      ...many(3, { "work-1": 1 }, { unit: "other" }),
    ];
    const groups = groupsOf(breakdownResults(T, responses, unit));
    expect(summary(groups)).toEqual([
      ["戶籍課", 12],
      ["行政課", "complementary"],
      ["其他", "group_below_threshold"],
    ]);
    expect(groups[1]).toEqual({
      value: "admin",
      label: "行政課",
      shown: false,
      suppression: { reason: "complementary", message: "為避免由總數相減推算出人數較少群組的結果，本項一併不顯示。" },
    });
    expect(groups[2]).toMatchObject({ shown: false, suppression: { message: "回覆人數未達 5 人，為保護匿名不顯示。" } });

    // The attack: whole round − what is shown leaves 行政課 and 其他 together (10 people), not 其他 alone.
    const total = shown(surveyResults(T, responses));
    const totalCounts = (statsOf(total, "work-1") as { distribution: { count: number }[] }).distribution.map((b) => b.count);
    const shownCounts = groups
      .filter((g): g is Extract<BreakdownGroup, { shown: true }> => g.shown)
      .map((g) => (statsOf(g.view, "work-1") as { distribution: { count: number }[] }).distribution.map((b) => b.count));
    const residual = totalCounts.map((c, i) => c - shownCounts.reduce((s, counts) => s + counts[i], 0));
    expect(residual.reduce((s, c) => s + c, 0)).toBe(10);
    expect(residual).toEqual([3, 0, 0, 7, 0]); // the 3 are among 10, not alone
  });

  it("those who left the demographic blank are a group (未填答), so they cannot be had by subtraction", () => {
    const responses = [...many(8, {}, { unit: "household" }), ...many(7, {}, { unit: "admin" }), ...many(2, {}, {}), resp({}, { unit: "bogus" })];
    expect(summary(groupsOf(breakdownResults(T, responses, unit)))).toEqual([
      ["戶籍課", 8],
      ["行政課", "complementary"],
      ["其他", "no_responses"],
      ["未填答", "group_below_threshold"],
    ]);
  });

  it("nobody left it blank: no 未填答 group", () => {
    const responses = [...many(5, {}, { unit: "household" }), ...many(5, {}, { unit: "admin" }), ...many(5, {}, { unit: "other" })];
    expect(groupsOf(breakdownResults(T, responses, unit)).map((g) => g.label)).toEqual(["戶籍課", "行政課", "其他"]);
  });

  it("a question too few answered in a shown group is hidden there, with its complement", () => {
    // Groups of 6 and 9; the optional work-3 is answered by 2 in 戶籍課 and 6 in 行政課.
    const responses = [
      ...many(2, { "work-3": 1 }, { unit: "household" }),
      ...many(4, {}, { unit: "household" }),
      ...many(6, { "work-3": 5 }, { unit: "admin" }),
      ...many(3, {}, { unit: "admin" }),
      ...many(5, {}, { unit: "other" }),
    ];
    const groups = groupsOf(breakdownResults(T, responses, unit));
    const cell = (i: number) => {
      const g = groups[i];
      if (!g.shown) throw new Error("group hidden");
      const r = q(g.view, "work-3");
      return r.shown ? r.stats.n : r.suppression.reason;
    };
    expect([cell(0), cell(1), cell(2)]).toEqual(["question_below_threshold", "complementary", "no_responses"]);
    // The whole round still shows work-3 (8 answered).
    expect(statsOf(shown(surveyResults(T, responses)), "work-3")).toMatchObject({ n: 8 });
    // 戶籍課's work section index is computed without work-3.
    const household = groups[0];
    expect(household.shown && household.view.sections[0]).toMatchObject({ questionsCounted: 2, questionsSuppressed: 1 });
  });

  it("free text is never broken down", () => {
    const responses = [...many(10, { "say-1": "很好" }, { unit: "household" }), ...many(10, { "say-1": "普通" }, { unit: "admin" })];
    const g = groupsOf(breakdownResults(T, responses, unit))[0];
    expect(g.shown && q(g.view, "say-1")).toMatchObject({
      shown: false,
      suppression: { reason: "comments_by_group", message: "文字意見不依群組分列，以免由內容推知填答者。" },
    });
  });

  it("a shown group has its own indices and eNPS", () => {
    const responses = [...many(5, { "work-1": 2, "end-1": 10 }, { unit: "household" }), ...many(5, {}, { unit: "admin" })];
    const [household] = groupsOf(breakdownResults(T, responses, unit));
    if (!household.shown) throw new Error("hidden");
    expect(household.view.sections[0].index).toBe(50);
    expect(household.view.enps).toMatchObject({ shown: true, score: 100 });
  });
});

describe("questionStats", () => {
  it("lists comments only when asked to", () => {
    const entry = listQuestions(T).find((x) => x.question.id === "say-1")!;
    expect(questionStats(entry, ["b", "a"])).toEqual({ kind: "free_text", n: 2, comments: ["a", "b"], commentsSuppression: null });
  });
});

describe("roundForDisplay", () => {
  it.each([
    [62.45, 62.5],
    [57.46, 57.5],
    [33.3333333, 33.3],
    [-12.25, -12.3],
    [0, 0],
    [100, 100],
  ])("%d → %d", (x, y) => {
    expect(roundForDisplay(x)).toBe(y);
  });
});

function clean(x: number) {
  return Math.round(x * 1e7) / 1e7;
}
