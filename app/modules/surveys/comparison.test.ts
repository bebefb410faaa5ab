import { describe, expect, it } from "vitest";
import type { SurveyAnswers } from "./answers";
import { MIN_FLAGGED_CHANGE, compareFigures, compareRounds, type Figure } from "./comparison";
import { breakdownResults, surveyResults, type SurveyResponse } from "./results";
import { DEMOGRAPHIC_QUESTIONS, type Question, type SurveyTemplate } from "./template";

const L = (id: string, required = true): Question => ({ id, kind: "likert5", text: `陳述 ${id}`, required });
const T: SurveyTemplate = {
  title: "t",
  sections: [
    { id: "env", title: "工作環境", questions: [L("env-1"), L("env-2")] },
    { id: "lead", title: "主管領導", questions: [L("lead-1"), L("lead-2", false)] },
    { id: "all", title: "整體", questions: [{ id: "all-1", kind: "scale0to10", text: "推薦？", required: true, minLabel: "0", maxLabel: "10", enps: true }] },
  ],
};

/** n respondents; the first `favourable` of them answer 5 to every Likert statement and 10 to 0–10, the rest 2 and 3. */
const round = (n: number, favourable: number, extra: Record<string, unknown> = {}, demographics?: Record<string, string>): SurveyResponse[] =>
  Array.from({ length: n }, (_, i) => {
    const good = i < favourable;
    const v = good ? 5 : 2;
    return { answers: { "env-1": v, "env-2": v, "lead-1": v, "all-1": good ? 10 : 3, ...extra } as SurveyAnswers, demographics };
  });

describe("compareFigures", () => {
  const v = (value: number): Figure => ({ value });
  it.each<[string, Figure, Figure, Partial<ReturnType<typeof compareFigures>>]>([
    ["up 10 points", v(60), v(50), { changePoints: 10, flag: "up", reason: "changed", message: "較上期上升 10 個百分點。" }],
    ["down 12.5 points", v(50), v(62.5), { changePoints: -12.5, flag: "down", reason: "changed", message: "較上期下降 12.5 個百分點。" }],
    ["exactly 5 points is flagged", v(55), v(50), { changePoints: 5, flag: "up" }],
    ["compared as shown: 62.45 and 57.46 are 62.5 and 57.5, a change of 5", v(62.45), v(57.46), { current: 62.5, previous: 57.5, changePoints: 5, flag: "up" }],
    ["4.9 points is not flagged", v(60), v(55.1), { changePoints: 4.9, flag: "none", reason: "small_change", message: "變動 +4.9 個百分點，未達 5 個百分點，不標示升降。" }],
    ["−3 points is not flagged", v(55), v(58), { changePoints: -3, flag: "none", reason: "small_change", message: "變動 -3 個百分點，未達 5 個百分點，不標示升降。" }],
    ["no change", v(70), v(70), { changePoints: 0, flag: "none", reason: "small_change" }],
    [
      "current below the threshold",
      "suppressed",
      v(50),
      { current: null, previous: 50, changePoints: null, flag: "none", reason: "current_suppressed", message: "本期人數未達顯示門檻，不予比較。" },
    ],
    [
      "previous below the threshold, even with a big change",
      v(90),
      "suppressed",
      { current: 90, previous: null, changePoints: null, flag: "none", reason: "previous_suppressed", message: "上期人數未達顯示門檻，不予比較。" },
    ],
    ["not asked last time", v(90), "absent", { changePoints: null, flag: "none", reason: "not_in_previous", message: "上期沒有這個項目，無法比較。" }],
  ])("%s", (_, current, previous, expected) => {
    expect(compareFigures(current, previous)).toMatchObject(expected);
  });

  it("the minimum is 5 points by default and can be changed", () => {
    expect(MIN_FLAGGED_CHANGE).toBe(5);
    expect(compareFigures(v(53), v(50), 3)).toMatchObject({ flag: "up" });
    expect(compareFigures(v(53), v(50))).toMatchObject({ flag: "none" });
  });
});

describe("compareRounds", () => {
  // Previous round: 4 of 10 favourable (40%); current: 7 of 10 (70%) → +30 points everywhere.
  const previous = surveyResults(T, round(10, 4));
  const current = surveyResults(T, round(10, 7));

  it("questions, sections and the overall index in percentage points", () => {
    const c = compareRounds(T, current, previous);
    expect(c.questions.map((q) => [q.questionId, q.previous, q.current, q.changePoints, q.flag])).toEqual([
      ["env-1", 40, 70, 30, "up"],
      ["env-2", 40, 70, 30, "up"],
      ["lead-1", 40, 70, 30, "up"],
      ["lead-2", null, null, null, "none"], // nobody answered the optional statement
      ["all-1", 40, 70, 30, "up"], // 0–10: promoters' share
    ]);
    expect(c.sections.map((s) => [s.title, s.changePoints, s.flag])).toEqual([
      ["工作環境", 30, "up"],
      ["主管領導", 30, "up"],
    ]);
    expect(c.overall).toMatchObject({ previous: 40, current: 70, changePoints: 30, flag: "up", message: "較上期上升 30 個百分點。" });
  });

  it("eNPS in points: 40 − 60 = −20 then 70 − 30 = 40, up 60", () => {
    expect(compareRounds(T, current, previous).enps).toMatchObject({ previous: -20, current: 40, changePoints: 60, flag: "up" });
  });

  it("a previous round under the threshold: nothing is flagged, whatever the figures", () => {
    const c = compareRounds(T, current, surveyResults(T, round(4, 0)));
    const answered = c.questions.filter((q) => q.questionId !== "lead-2");
    expect(c.questions.find((q) => q.questionId === "lead-2")).toMatchObject({ reason: "not_in_current", message: "本期沒有這個項目的資料，無法比較。" });
    expect([...answered, ...c.sections, c.overall, c.enps!].every((x) => x.flag === "none" && x.reason === "previous_suppressed")).toBe(true);
  });

  it("a current round under the threshold: nothing is flagged and its figures stay hidden", () => {
    const c = compareRounds(T, surveyResults(T, round(3, 3)), previous);
    expect([...c.questions, ...c.sections, c.overall, c.enps!].every((x) => x.reason === "current_suppressed" && x.current === null && x.changePoints === null)).toBe(
      true,
    );
  });

  it("a question answered by too few this time is not compared", () => {
    const now = surveyResults(T, [...round(3, 3, { "lead-2": 5 }), ...round(7, 7)]);
    const before = surveyResults(T, round(10, 10, { "lead-2": 1 }));
    expect(compareRounds(T, now, before).questions.find((q) => q.questionId === "lead-2")).toMatchObject({
      current: null,
      flag: "none",
      reason: "current_suppressed",
    });
  });

  it("matches questions by their stable id: a new question has nothing to compare", () => {
    const T2: SurveyTemplate = { ...T, sections: [{ ...T.sections[0], questions: [...T.sections[0].questions, L("env-9")] }, ...T.sections.slice(1)] };
    const now = surveyResults(T2, round(10, 7, { "env-9": 4 }));
    expect(compareRounds(T2, now, previous).questions.find((q) => q.questionId === "env-9")).toMatchObject({
      current: 100,
      previous: null,
      flag: "none",
      reason: "not_in_previous",
    });
  });

  it("a question whose kind changed is not compared", () => {
    const T2: SurveyTemplate = {
      ...T,
      sections: [{ ...T.sections[0], questions: [{ id: "env-1", kind: "scale0to10", text: "？", required: true, minLabel: "0", maxLabel: "10" }, L("env-2")] }, ...T.sections.slice(1)],
    };
    const now = surveyResults(T2, round(10, 7, { "env-1": 10 }));
    expect(compareRounds(T2, now, previous).questions[0]).toMatchObject({ questionId: "env-1", flag: "none", reason: "kind_changed", message: "本題的題型與上期不同，無法比較。" });
  });

  it("a template without eNPS has no eNPS line", () => {
    const T2: SurveyTemplate = { ...T, sections: T.sections.slice(0, 2) };
    expect(compareRounds(T2, surveyResults(T2, round(10, 7)), surveyResults(T2, round(10, 4))).enps).toBeNull();
  });

  it("compares the same breakdown group across rounds, and not a group hidden in either", () => {
    const unit = DEMOGRAPHIC_QUESTIONS.unit;
    const before = breakdownResults(T, [...round(6, 2, {}, { unit: "household" }), ...round(6, 6, {}, { unit: "admin" }), ...round(6, 6, {}, { unit: "other" })], unit);
    const now = breakdownResults(T, [...round(8, 6, {}, { unit: "household" }), ...round(3, 3, {}, { unit: "admin" }), ...round(6, 6, {}, { unit: "other" })], unit);
    if (!before.shown || !now.shown) throw new Error("hidden");
    const household = compareRounds(T, now.groups[0].shown ? now.groups[0].view : now.groups[0], before.groups[0].shown ? before.groups[0].view : before.groups[0]);
    expect(household.overall).toMatchObject({ previous: 33.3, current: 75, changePoints: 41.7, flag: "up" });
    // 行政課 has 3 now (hidden), and 其他 (6, the next smallest) is hidden with it as its complement.
    for (const i of [1, 2]) {
      const g = now.groups[i];
      if (g.shown) throw new Error(`${g.label} should be hidden`);
      const c = compareRounds(T, g, before.groups[i].shown ? before.groups[i].view : before.groups[i]);
      expect(c.overall.reason).toBe("current_suppressed");
    }
  });
});
