import { describe, expect, it } from "vitest";
import {
  canSubmit,
  checkAnswer,
  draftProgress,
  normaliseAnswers,
  normaliseDemographics,
  normaliseText,
  submissionRefusal,
  textLength,
  validateAnswers,
} from "./answers";
import { DEFAULT_TEMPLATE, DEMOGRAPHIC_QUESTIONS, listQuestions, type Question, type SurveyTemplate } from "./template";

const likert: Question = { id: "a-1", kind: "likert5", text: "甲", required: true };
const optionalLikert: Question = { ...likert, id: "a-2", required: false };
const scale: Question = { id: "a-3", kind: "scale0to10", text: "乙", required: true, minLabel: "低", maxLabel: "高" };
const single: Question = {
  id: "a-4",
  kind: "single_choice",
  text: "丙",
  required: false,
  options: [
    { value: "x", label: "X" },
    { value: "y", label: "Y" },
  ],
};
const multiple: Question = {
  id: "a-5",
  kind: "multiple_choice",
  text: "丁",
  required: true,
  maxSelected: 2,
  options: [
    { value: "p", label: "P" },
    { value: "q", label: "Q" },
    { value: "r", label: "R" },
  ],
};
const text: Question = { id: "a-6", kind: "free_text", text: "戊", required: false };
const template: SurveyTemplate = { title: "t", sections: [{ id: "a", title: "A", questions: [likert, optionalLikert, scale, single, multiple, text] }] };
const complete = { "a-1": 4, "a-3": 9, "a-5": ["p"] };

describe("checkAnswer", () => {
  it.each<[string, Question, unknown, unknown]>([
    ["likert 1", likert, 1, 1],
    ["likert 5", likert, 5, 5],
    ["likert from a form field", likert, " 4 ", 4],
    ["0–10 at 0", scale, 0, 0],
    ["0–10 at 10", scale, "10", 10],
    ["an option", single, "y", "y"],
    ["options, stored in option order and without repeats", multiple, ["q", "p", "q"], ["p", "q"]],
    ["one ticked box arrives as a string", multiple, "r", ["r"]],
    ["text, trimmed, CRLF to LF", text, "  第一行\r\n第二行  ", "第一行\n第二行"],
  ])("accepts %s", (_, question, raw, value) => {
    expect(checkAnswer(question, raw)).toEqual({ value, error: null });
  });

  it.each<[string, Question, unknown, string]>([
    ["a blank required Likert", likert, undefined, "此題為必填，請作答。"],
    ["an empty string for a required Likert", likert, "", "此題為必填，請作答。"],
    ["likert 0", likert, 0, "請從「非常不同意」到「非常同意」中選擇一項。"],
    ["likert 6", likert, "6", "請從「非常不同意」到「非常同意」中選擇一項。"],
    ["likert 3.5", likert, 3.5, "請從「非常不同意」到「非常同意」中選擇一項。"],
    ["likert as a word", likert, "同意", "請從「非常不同意」到「非常同意」中選擇一項。"],
    ["0–10 at 11", scale, 11, "請選擇 0 到 10 之間的整數。"],
    ["0–10 at −1", scale, "-1", "請選擇 0 到 10 之間的整數。"],
    ["an unknown option", single, "z", "所選的選項不在本題的選項中，請重新選擇。"],
    ["a number for a choice", single, 1, "答案格式不正確，請重新選擇。"],
    ["an unknown option among several", multiple, ["p", "zz"], "所選的選項「zz」不在本題的選項中，請重新選擇。"],
    ["too many options", multiple, ["p", "q", "r"], "本題最多只能選 2 項，您選了 3 項。"],
    ["no option on a required multiple choice", multiple, [], "此題為必填，請作答。"],
    ["text over 2000 characters", text, "字".repeat(2001), "文字不能超過 2000 字，目前是 2001 字。"],
    ["a number for text", text, 5, "答案格式不正確。"],
  ])("refuses %s", (_, question, raw, message) => {
    expect(checkAnswer(question, raw)).toEqual({ value: null, error: message });
  });

  it("a blank optional question is fine and unanswered", () => {
    expect(checkAnswer(optionalLikert, null)).toEqual({ value: null, error: null });
    expect(checkAnswer(text, "   \n ")).toEqual({ value: null, error: null });
  });

  it("2000 characters is the limit, counted in code points (an emoji is one)", () => {
    expect(checkAnswer(text, "字".repeat(2000)).error).toBeNull();
    expect(checkAnswer(text, "😀".repeat(2000)).error).toBeNull();
    expect(checkAnswer(text, "😀".repeat(2001)).error).toBe("文字不能超過 2000 字，目前是 2001 字。");
  });

  it("in a draft (partial), a blank required question is not an error", () => {
    expect(checkAnswer(likert, undefined, true)).toEqual({ value: null, error: null });
  });
});

describe("normaliseText / textLength", () => {
  it.each([
    ["\r\n行一\r行二\n", "行一\n行二"],
    ["e\u0301", "\u00e9"], // NFC
    ["全形，標點：保留", "全形，標點：保留"], // not NFKC
  ])("%j → %j", (raw, out) => {
    expect(normaliseText(raw)).toBe(out);
  });

  it("counts code points", () => {
    expect(textLength("戶政😀")).toBe(3);
  });
});

describe("validateAnswers", () => {
  it("accepts a complete set and returns the normalised answers", () => {
    expect(validateAnswers(template, { "a-1": "4", "a-3": 9, "a-5": ["p"], "a-6": "  謝謝 " })).toEqual({
      ok: true,
      answers: { "a-1": 4, "a-3": 9, "a-5": ["p"], "a-6": "謝謝" },
    });
  });

  it("lists every problem with its question and number, and keeps the valid part", () => {
    expect(validateAnswers(template, { "a-1": 7, "a-4": "x", "a-6": "好" })).toEqual({
      ok: false,
      answers: { "a-4": "x", "a-6": "好" },
      errors: [
        { questionId: "a-1", number: 1, message: "請從「非常不同意」到「非常同意」中選擇一項。" },
        { questionId: "a-3", number: 3, message: "此題為必填，請作答。" },
        { questionId: "a-5", number: 5, message: "此題為必填，請作答。" },
      ],
    });
  });

  it("refuses a question the template does not have", () => {
    const check = validateAnswers(template, { ...complete, "zz-9": 3 });
    expect(check).toMatchObject({ ok: false, errors: [{ questionId: "zz-9", number: null, message: "本問卷沒有這一題（zz-9），請重新整理頁面後再填答。" }] });
  });

  it("partial: blanks are fine, invalid values are not", () => {
    expect(validateAnswers(template, { "a-1": 2 }, { partial: true })).toEqual({ ok: true, answers: { "a-1": 2 } });
    expect(validateAnswers(template, { "a-3": 12 }, { partial: true }).ok).toBe(false);
  });

  it("accepts a complete answer to the default template", () => {
    const raw: Record<string, unknown> = {};
    for (const { question } of listQuestions(DEFAULT_TEMPLATE)) {
      if (question.kind === "likert5") raw[question.id] = 4;
      if (question.kind === "scale0to10") raw[question.id] = 8;
    }
    expect(validateAnswers(DEFAULT_TEMPLATE, raw).ok).toBe(true);
  });
});

describe("normaliseAnswers (for a draft)", () => {
  it("drops blanks, unknown questions and invalid values", () => {
    expect(normaliseAnswers(template, { "a-1": "", "a-2": "3", "a-3": 99, "a-4": "y", "zz-1": 1, "a-6": "  " })).toEqual({ "a-2": 3, "a-4": "y" });
  });
});

describe("canSubmit / draftProgress", () => {
  it.each<[string, Record<string, unknown>, boolean]>([
    ["a complete draft", complete, true],
    ["complete plus optional answers", { ...complete, "a-2": 1, "a-4": "x", "a-6": "建議" }, true],
    ["a required question missing", { "a-1": 4, "a-5": ["p"] }, false],
    ["an invalid optional answer", { ...complete, "a-4": "nope" }, false],
    ["an empty draft", {}, false],
  ])("%s → %s", (_, draft, ok) => {
    expect(canSubmit(template, draft)).toBe(ok);
  });

  it("counts what is answered and lists the required questions still open", () => {
    expect(draftProgress(template, { "a-1": 4, "a-4": "x", "a-3": 42 })).toEqual({
      answered: 2,
      questions: 6,
      requiredAnswered: 1,
      required: 3,
      missingRequired: [
        { questionId: "a-3", number: 3 },
        { questionId: "a-5", number: 5 },
      ],
    });
  });
});

describe("normaliseDemographics", () => {
  const questions = Object.values(DEMOGRAPHIC_QUESTIONS);
  it("keeps valid option values, drops the rest (a blank is 未填答 in the results)", () => {
    expect(normaliseDemographics(questions, { unit: "household", tenure: "99" })).toEqual({ unit: "household" });
    expect(normaliseDemographics(questions, { tenure: " 10plus ", other: "x" })).toEqual({ tenure: "10plus" });
    expect(normaliseDemographics(questions, {})).toEqual({});
  });
});

describe("submissionRefusal", () => {
  const ok = { roundState: "open" as const, inAudience: true, alreadySubmitted: false };
  it.each<[string, Parameters<typeof submissionRefusal>[0], string | null]>([
    ["an open round, in the audience, not yet submitted", ok, null],
    ["outside the audience", { ...ok, inAudience: false }, "您不在本次調查的填答對象之內。"],
    ["before opening", { ...ok, roundState: "planned" }, "本次調查尚未開始填答。"],
    ["after closing", { ...ok, roundState: "closed" }, "本次調查已結束，不能再填答或修改。"],
    ["a second submission", { ...ok, alreadySubmitted: true }, "您已完成本次調查；每人每次只能填答一次，送出後不能修改。"],
  ])("%s", (_, input, refusal) => {
    expect(submissionRefusal(input)).toBe(refusal);
  });
});
