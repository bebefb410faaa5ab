import { describe, expect, it } from "vitest";
import { parseGift } from "./gift-parser";
import { correctResponse, gradeResponse, responseFeedback, responseIsComplete, shortAnswerMatches } from "./grading";
import type { ParsedQuestion } from "./question-types";

/** One question from GIFT source, the way the bank stores it. */
function q<T extends ParsedQuestion["type"]>(type: T, source: string): Extract<ParsedQuestion, { type: T }> {
  const { questions, errors } = parseGift(source);
  expect(errors).toEqual([]);
  expect(questions).toHaveLength(1);
  expect(questions[0].type).toBe(type);
  return questions[0] as Extract<ParsedQuestion, { type: T }>;
}

describe("multiple choice, one right answer", () => {
  const question = q("multichoice", "出生登記應於出生後幾日內為之？{=60日#正確 ~30日#太短 ~%50%90日#半對 ~%-100%不必登記#錯}");

  it("gives the chosen answer's fraction", () => {
    expect(gradeResponse(question, { choice: 0 })).toBe(1);
    expect(gradeResponse(question, { choice: 1 })).toBe(0);
    expect(gradeResponse(question, { choice: 2 })).toBe(0.5);
  });
  it("never goes below 0 for a negative weight", () => {
    expect(gradeResponse(question, { choice: 3 })).toBe(0);
  });
  it("gives 0 for nothing, an index out of range or a malformed response", () => {
    expect(gradeResponse(question, null)).toBe(0);
    expect(gradeResponse(question, { choice: 9 })).toBe(0);
    expect(gradeResponse(question, { choice: "0" })).toBe(0);
  });
  it("knows the right answer, completeness and the chosen answer's feedback", () => {
    expect(correctResponse(question)).toEqual({ choice: 0 });
    expect(responseIsComplete(question, { choice: 1 })).toBe(true);
    expect(responseIsComplete(question, {})).toBe(false);
    expect(responseFeedback(question, { choice: 2 })).toEqual(["半對"]);
  });
});

describe("multiple choice, several right answers (weights)", () => {
  // Moodle's documented example: two right answers worth half each, wrong ones take a share away.
  const question = q(
    "multichoice",
    "下列何者為戶籍登記？{~%50%出生登記#對 ~%50%死亡登記#對 ~%-50%印鑑登記#錯 ~%-100%車籍登記#錯}",
  );

  it("adds the chosen fractions up", () => {
    expect(gradeResponse(question, { choices: [0, 1] })).toBe(1);
    expect(gradeResponse(question, { choices: [0] })).toBe(0.5);
    expect(gradeResponse(question, { choices: [0, 1, 2] })).toBe(0.5);
  });
  it("keeps the sum within 0..1", () => {
    expect(gradeResponse(question, { choices: [0, 3] })).toBe(0);
    expect(gradeResponse(question, { choices: [2, 3] })).toBe(0);
    expect(gradeResponse(question, { choices: [0, 0, 0, 1] })).toBe(1); // repeats count once
  });
  it("gives 0 for none chosen", () => {
    expect(gradeResponse(question, { choices: [] })).toBe(0);
  });
  it("thirds add up to exactly 1", () => {
    const thirds = q("multichoice", "選三個{~%33.33333%甲 ~%33.33333%乙 ~%33.33334%丙 ~%-100%丁}");
    expect(gradeResponse(thirds, { choices: [0, 1, 2] })).toBe(1);
    expect(gradeResponse(thirds, { choices: [0] })).toBe(0.3333333);
  });
  it("knows the right answers and completeness", () => {
    expect(correctResponse(question)).toEqual({ choices: [0, 1] });
    expect(responseIsComplete(question, { choices: [] })).toBe(false);
    expect(responseIsComplete(question, { choices: [2] })).toBe(true);
    expect(responseFeedback(question, { choices: [0, 2] })).toEqual(["對", "錯"]);
  });
});

describe("true/false", () => {
  // GIFT puts the feedback for a wrong answer first, then for the right one (Moodle's gift format).
  const question = q("truefalse", "初設戶籍應於事實發生後30日內申請。{TRUE#答錯了，期限是30日#答對了####戶籍法第48條}");

  it("is all or nothing", () => {
    expect(gradeResponse(question, { value: true })).toBe(1);
    expect(gradeResponse(question, { value: false })).toBe(0);
    expect(gradeResponse(question, { value: "true" })).toBe(0);
  });
  it("gives the feedback of the answer given (Moodle's feedbacktrue / feedbackfalse)", () => {
    expect(responseFeedback(question, { value: true })).toEqual(["答對了"]);
    expect(responseFeedback(question, { value: false })).toEqual(["答錯了，期限是30日"]);
    expect(correctResponse(question)).toEqual({ value: true });
    expect(responseIsComplete(question, { value: false })).toBe(true);
    expect(responseIsComplete(question, null)).toBe(false);
  });
});

describe("short answer", () => {
  const question = q("shortanswer", "戶籍登記之主管機關，在直轄市為？{=直轄市政府#對 =市政府#也對 =%50%民政局#部分正確 =%0%Office*#萬用字元}");

  it("matches case-insensitively after trimming and NFKC (full-width letters and spaces)", () => {
    expect(gradeResponse(question, { text: "  直轄市政府 " })).toBe(1);
    expect(gradeResponse(question, { text: "市政府" })).toBe(1);
    expect(gradeResponse(question, { text: "民政局" })).toBe(0.5);
    expect(gradeResponse(question, { text: "戶政事務所" })).toBe(0);
    expect(gradeResponse(question, { text: "" })).toBe(0);
    expect(shortAnswerMatches("ＡＢＣ", "abc")).toBe(true);
    expect(shortAnswerMatches("abc", "ABC")).toBe(true);
  });
  it("supports Moodle's * wildcard and \\* for a literal star", () => {
    expect(shortAnswerMatches("office of household", "Office*")).toBe(true);
    expect(shortAnswerMatches("xoffice", "Office*")).toBe(false);
    expect(shortAnswerMatches("a*b", "a\\*b")).toBe(true);
    expect(shortAnswerMatches("axb", "a\\*b")).toBe(false);
    expect(shortAnswerMatches("a.b", "a.b")).toBe(true);
    expect(shortAnswerMatches("axb", "a.b")).toBe(false);
  });
  it("gives the matched answer's feedback and the best answer as the right one", () => {
    expect(responseFeedback(question, { text: "民政局" })).toEqual(["部分正確"]);
    expect(correctResponse(question)).toEqual({ text: "直轄市政府" });
    expect(responseIsComplete(question, { text: "  " })).toBe(false);
  });
});

describe("numerical", () => {
  const question = q("numerical", "死亡登記應於幾日內申請？{#30:0#正確 =%50%29:1#差一點 ~#其他答案}");

  it("is right within the tolerance", () => {
    expect(gradeResponse(question, { value: 30 })).toBe(1);
    expect(gradeResponse(question, { value: 29 })).toBe(0.5); // 30 fails (tol 0), 29±1 gives 50%
    expect(gradeResponse(question, { value: 28 })).toBe(0.5);
    expect(gradeResponse(question, { value: 27 })).toBe(0);
    expect(gradeResponse(question, { value: Number.NaN })).toBe(0);
  });
  it("handles ranges and decimal tolerances", () => {
    const range = q("numerical", "圓周率？{#3.14:0.005}");
    expect(gradeResponse(range, { value: 3.145 })).toBe(1);
    expect(gradeResponse(range, { value: 3.1351 })).toBe(1);
    expect(gradeResponse(range, { value: 3.13 })).toBe(0);
    const span = q("numerical", "1..5 之間？{#1..5}");
    expect(gradeResponse(span, { value: 1 })).toBe(1);
    expect(gradeResponse(span, { value: 5 })).toBe(1);
    expect(gradeResponse(span, { value: 5.01 })).toBe(0);
  });
  it("gives the matched feedback or the 'anything else' feedback", () => {
    expect(responseFeedback(question, { value: 30 })).toEqual(["正確"]);
    expect(responseFeedback(question, { value: 99 })).toEqual(["其他答案"]);
    expect(correctResponse(question)).toEqual({ value: 30 });
  });
});

describe("matching", () => {
  const question = q("matching", "配對下列登記與期限：{=出生登記 -> 60日 =死亡登記 -> 30日 =遷入登記 -> 30日 = -> 90日}");

  it("gives the share of right pairs", () => {
    expect(gradeResponse(question, { pairs: { 0: "60日", 1: "30日", 2: "30日" } })).toBe(1);
    expect(gradeResponse(question, { pairs: { 0: "60日", 1: "30日", 2: "90日" } })).toBe(0.6666667);
    expect(gradeResponse(question, { pairs: { 0: "30日" } })).toBe(0);
    expect(gradeResponse(question, { pairs: { 1: "30日" } })).toBe(0.3333333);
    expect(gradeResponse(question, {})).toBe(0);
  });
  it("does not count the distractor as a sub-question", () => {
    expect(correctResponse(question)).toEqual({ pairs: { 0: "60日", 1: "30日", 2: "30日" } });
    expect(responseIsComplete(question, { pairs: { 0: "60日", 1: "30日" } })).toBe(false);
    expect(responseIsComplete(question, { pairs: { 0: "60日", 1: "30日", 2: "90日" } })).toBe(true);
  });
});

describe("essay and description", () => {
  it("are not marked automatically", () => {
    const essay = q("essay", "請說明戶籍登記之意義。{}");
    const description = q("description", "以下為戶籍法相關題目。");
    expect(gradeResponse(essay, { text: "說明" })).toBeNull();
    expect(gradeResponse(description, null)).toBeNull();
    expect(correctResponse(essay)).toBeNull();
    expect(responseIsComplete(description, null)).toBe(true);
    expect(responseIsComplete(essay, { text: "有寫" })).toBe(true);
  });
});
