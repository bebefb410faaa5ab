import { describe, expect, it } from "vitest";
import {
  DEFAULT_TEMPLATE,
  DEMOGRAPHIC_QUESTIONS,
  LIKERT5_LABELS,
  QUESTION_ID_PATTERN,
  enpsQuestion,
  listQuestions,
  selectionBounds,
  validateDemographics,
  validateTemplate,
  type MultipleChoiceQuestion,
  type Question,
  type SurveyTemplate,
} from "./template";

const tpl = (...questions: Question[]): SurveyTemplate => ({ title: "測試問卷", sections: [{ id: "s", title: "區塊", questions }] });
const likert = (id: string): Question => ({ id, kind: "likert5", text: `題目 ${id}`, required: true });
const messages = (t: SurveyTemplate) => validateTemplate(t).map((p) => p.message);

describe("LIKERT5_LABELS", () => {
  it("runs from 非常不同意 (1) to 非常同意 (5)", () => {
    expect(Object.entries(LIKERT5_LABELS)).toEqual([
      ["1", "非常不同意"],
      ["2", "不同意"],
      ["3", "普通"],
      ["4", "同意"],
      ["5", "非常同意"],
    ]);
  });
});

describe("DEFAULT_TEMPLATE", () => {
  const questions = listQuestions(DEFAULT_TEMPLATE);

  it("is valid", () => {
    expect(validateTemplate(DEFAULT_TEMPLATE)).toEqual([]);
  });

  it("has issue 7's sections, in order", () => {
    expect(DEFAULT_TEMPLATE.sections.map((s) => s.title)).toEqual(["工作環境", "主管領導", "溝通協調", "教育訓練", "工作負荷", "獎勵制度", "整體滿意度", "建議事項"]);
  });

  it("has 25–30 questions, numbered 1… in form order", () => {
    expect(questions.length).toBeGreaterThanOrEqual(25);
    expect(questions.length).toBeLessThanOrEqual(30);
    expect(questions.map((q) => q.number)).toEqual(questions.map((_, i) => i + 1));
  });

  it("every question id is stable-looking (section prefix, number) and unique", () => {
    for (const { question, sectionId } of questions) {
      expect(question.id).toMatch(QUESTION_ID_PATTERN);
      expect(question.id.startsWith(`${sectionId}-`)).toBe(true);
    }
    expect(new Set(questions.map((q) => q.question.id)).size).toBe(questions.length);
  });

  it("uses every kind of question", () => {
    expect(new Set(questions.map((q) => q.question.kind))).toEqual(new Set(["likert5", "single_choice", "multiple_choice", "scale0to10", "free_text"]));
  });

  it("asks the eNPS question in 整體滿意度, required", () => {
    const q = enpsQuestion(DEFAULT_TEMPLATE);
    expect(q).toMatchObject({ id: "overall-4", kind: "scale0to10", text: "您有多大可能推薦親友到本所服務？", required: true });
    expect(questions.find((x) => x.question.id === "overall-4")!.sectionId).toBe("overall");
  });

  it("requires every Likert statement, and leaves the choice and free-text questions optional", () => {
    for (const { question } of questions) {
      expect(question.required).toBe(question.kind === "likert5" || question.kind === "scale0to10");
    }
  });

  it("建議事項 is free text only", () => {
    expect(DEFAULT_TEMPLATE.sections.at(-1)!.questions.every((q) => q.kind === "free_text")).toBe(true);
  });

  it("every section but 建議事項 has at least three Likert statements, for a steady index", () => {
    for (const section of DEFAULT_TEMPLATE.sections.slice(0, -1)) {
      expect(section.questions.filter((q) => q.kind === "likert5").length).toBeGreaterThanOrEqual(3);
    }
  });

  it("is written in full sentences (Likert statements end with 。, questions with ？)", () => {
    for (const { question } of questions) {
      expect(question.text).toMatch(question.kind === "likert5" ? /。$/ : /[？）]$/);
    }
  });
});

describe("validateTemplate", () => {
  it("accepts a one-question template", () => {
    expect(validateTemplate(tpl(likert("a-1")))).toEqual([]);
  });

  it.each<[string, SurveyTemplate, string]>([
    ["no question", { title: "空", sections: [] }, "問卷至少要有一題。"],
    ["no title", { ...tpl(likert("a-1")), title: " " }, "問卷名稱不能空白。"],
    ["a duplicate question id", tpl(likert("a-1"), likert("a-1")), "題目代碼「a-1」重複；每一題的代碼必須不同，才能跨期比較。"],
    ["an id that is not lower-case words and hyphens", tpl(likert("Env 1")), "題目代碼「Env 1」格式不正確：請用小寫英文字母、數字和連字號，例如 env-1。"],
    ["a blank question", tpl({ id: "a-1", kind: "free_text", text: "  ", required: false }), "題目「a-1」的題目文字不能空白。"],
    ["a single choice with one option", tpl({ id: "a-1", kind: "single_choice", text: "？", required: false, options: [{ value: "x", label: "X" }] }), "題目「a-1」至少要有兩個選項。"],
    ["a multiple choice with no option", tpl({ id: "a-1", kind: "multiple_choice", text: "？", required: false, options: [] }), "題目「a-1」至少要有兩個選項。"],
    [
      "duplicate option values",
      tpl({ id: "a-1", kind: "single_choice", text: "？", required: false, options: [{ value: "x", label: "甲" }, { value: "x", label: "乙" }] }),
      "題目「a-1」的選項代碼「x」重複。",
    ],
    [
      "duplicate option labels",
      tpl({ id: "a-1", kind: "single_choice", text: "？", required: false, options: [{ value: "x", label: "甲" }, { value: "y", label: "甲" }] }),
      "題目「a-1」的選項「甲」重複。",
    ],
    [
      "a blank option label",
      tpl({ id: "a-1", kind: "single_choice", text: "？", required: false, options: [{ value: "x", label: "" }, { value: "y", label: "乙" }] }),
      "題目「a-1」有選項的文字空白。",
    ],
    [
      "more to pick than there are options",
      tpl({ id: "a-1", kind: "multiple_choice", text: "？", required: false, maxSelected: 3, options: [{ value: "x", label: "甲" }, { value: "y", label: "乙" }] }),
      "題目「a-1」的可選項數設定不正確（至少 0 項、最多 3 項，共有 2 個選項）。",
    ],
    [
      "a required multiple choice with minimum 0",
      tpl({ id: "a-1", kind: "multiple_choice", text: "？", required: true, minSelected: 0, options: [{ value: "x", label: "甲" }, { value: "y", label: "乙" }] }),
      "題目「a-1」是必填題，至少要選 1 項。",
    ],
    ["a 0–10 scale without end labels", tpl({ id: "a-1", kind: "scale0to10", text: "？", required: true, minLabel: "", maxLabel: "高" }), "題目「a-1」須標示 0 分和 10 分代表的意思。"],
    [
      "two eNPS questions",
      tpl(
        { id: "a-1", kind: "scale0to10", text: "？", required: true, minLabel: "低", maxLabel: "高", enps: true },
        { id: "a-2", kind: "scale0to10", text: "？", required: true, minLabel: "低", maxLabel: "高", enps: true },
      ),
      "員工淨推薦值（eNPS）只能指定一題，目前指定了 2 題。",
    ],
    [
      "a duplicate section id",
      { title: "t", sections: [{ id: "s", title: "一", questions: [likert("a-1")] }, { id: "s", title: "二", questions: [likert("a-2")] }] },
      "區塊代碼「s」重複。",
    ],
    ["an empty section", { title: "t", sections: [{ id: "s", title: "一", questions: [likert("a-1")] }, { id: "t", title: "二", questions: [] }] }, "區塊「二」沒有任何題目。"],
  ])("refuses %s", (_, template, message) => {
    expect(messages(template)).toContain(message);
  });

  it("says which section and question a problem belongs to", () => {
    expect(validateTemplate(tpl(likert("a-1"), likert("a-1")))).toEqual([
      { sectionId: "s", questionId: "a-1", message: "題目代碼「a-1」重複；每一題的代碼必須不同，才能跨期比較。" },
    ]);
  });

  it("a question id may not repeat across sections either", () => {
    const t: SurveyTemplate = { title: "t", sections: [{ id: "a", title: "一", questions: [likert("q-1")] }, { id: "b", title: "二", questions: [likert("q-1")] }] };
    expect(messages(t)).toEqual(["題目代碼「q-1」重複；每一題的代碼必須不同，才能跨期比較。"]);
  });
});

describe("selectionBounds", () => {
  const mc = (extra: Partial<MultipleChoiceQuestion>): MultipleChoiceQuestion => ({
    id: "m",
    kind: "multiple_choice",
    text: "？",
    required: false,
    options: ["a", "b", "c", "d"].map((v) => ({ value: v, label: v })),
    ...extra,
  });
  it.each<[Partial<MultipleChoiceQuestion>, { min: number; max: number }]>([
    [{}, { min: 0, max: 4 }],
    [{ required: true }, { min: 1, max: 4 }],
    [{ maxSelected: 3 }, { min: 0, max: 3 }],
    [{ required: true, minSelected: 2, maxSelected: 2 }, { min: 2, max: 2 }],
  ])("%o → %o", (extra, bounds) => {
    expect(selectionBounds(mc(extra))).toEqual(bounds);
  });
});

describe("DEMOGRAPHIC_QUESTIONS", () => {
  it("課別: 戶籍課, 行政課, 其他", () => {
    expect(DEMOGRAPHIC_QUESTIONS.unit.options.map((o) => o.label)).toEqual(["戶籍課", "行政課", "其他"]);
  });

  it("年資 bands: 未滿2年, 2–5年, 5–10年, 10年以上", () => {
    expect(DEMOGRAPHIC_QUESTIONS.tenure.options.map((o) => o.label)).toEqual(["未滿2年", "2–5年", "5–10年", "10年以上"]);
  });

  it("are valid alongside the default template", () => {
    expect(validateDemographics(Object.values(DEMOGRAPHIC_QUESTIONS), DEFAULT_TEMPLATE)).toEqual([]);
  });

  it("refuses an id the template already uses, a duplicate id and a single option", () => {
    expect(
      validateDemographics(
        [
          { id: "env-1", text: "課別", options: [{ value: "a", label: "甲" }, { value: "b", label: "乙" }] },
          { id: "unit", text: "課別", options: [{ value: "a", label: "甲" }] },
          { id: "unit", text: "年資", options: [{ value: "a", label: "甲" }, { value: "a", label: "乙" }] },
        ],
        DEFAULT_TEMPLATE,
      ),
    ).toEqual(["基本資料題代碼「env-1」與問卷題目重複。", "基本資料題「課別」至少要有兩個選項。", "基本資料題代碼「unit」重複。", "基本資料題「年資」的選項代碼重複。"]);
  });
});
