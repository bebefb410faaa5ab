import { describe, expect, it } from "vitest";
import { fnv1a64, parseAiken } from "./aiken-parser";
import { parseGift } from "./gift-parser";
import { writeGift } from "./gift-writer";

// The two examples of Moodle's Aiken documentation.
const MOODLE_EXAMPLE = [
  "What is the correct answer to this question?",
  "A. Is it this one?",
  "B. Maybe this answer?",
  "C. Possibly this one?",
  "D. Must be this one!",
  "ANSWER: D",
  "",
  "Which LMS has the most quiz import formats?",
  "A) Moodle",
  "B) ATutor",
  "C) Claroline",
  "D) Blackboard",
  "E) WebCT",
  "F) Ilias",
  "ANSWER: A",
].join("\n");

const CHINESE_EXAMPLE = [
  "依戶籍法第 48 條規定，出生登記至遲應於出生後幾日內申請？",
  "A. 十五日",
  "B. 三十日",
  "C. 六十日",
  "D. 九十日",
  "ANSWER: C",
].join("\n");

describe("parseAiken: Moodle's Aiken format", () => {
  it("reads the examples of Moodle's documentation: options with '.' or ')', and ANSWER", () => {
    const { questions, errors } = parseAiken(MOODLE_EXAMPLE);
    expect(errors).toEqual([]);
    expect(questions).toHaveLength(2);
    expect(questions[0]).toMatchObject({
      type: "multichoice",
      single: true,
      text: "What is the correct answer to this question?",
      name: "What is the correct answer to this question?",
      textFormat: "plain",
      generalFeedback: "",
      tags: [],
      category: "",
      line: 1,
      answers: [
        { text: "Is it this one?", fraction: 0, feedback: "" },
        { text: "Maybe this answer?", fraction: 0, feedback: "" },
        { text: "Possibly this one?", fraction: 0, feedback: "" },
        { text: "Must be this one!", fraction: 1, feedback: "" },
      ],
    });
    expect(questions[1].line).toBe(8);
    expect(questions[1].answers.map((a) => a.fraction)).toEqual([1, 0, 0, 0, 0, 0]);
  });

  it("reads Traditional Chinese questions and keeps the text as plain text", () => {
    const { questions, errors } = parseAiken(CHINESE_EXAMPLE, { category: "法規/戶籍法" });
    expect(errors).toEqual([]);
    expect(questions[0]).toMatchObject({
      text: "依戶籍法第 48 條規定，出生登記至遲應於出生後幾日內申請？",
      category: "法規/戶籍法",
      answers: [{ text: "十五日" }, { text: "三十日" }, { text: "六十日", fraction: 1 }, { text: "九十日" }],
    });
  });

  it("does not need blank lines between questions, and ignores any number of them", () => {
    const source = "Q1?\nA. a\nB. b\nANSWER: A\nQ2?\n\n\nA. c\n\nB. d\nANSWER: B\n\n\n";
    const { questions, errors } = parseAiken(source);
    expect(errors).toEqual([]);
    expect(questions.map((q) => [q.text, q.line, q.answers.findIndex((a) => a.fraction === 1)])).toEqual([
      ["Q1?", 1, 0],
      ["Q2?", 5, 1],
    ]);
  });

  it("handles a BOM, CRLF, indentation and tabs after the option letter", () => {
    const { questions, errors } = parseAiken("\uFEFF  Q?\r\n  A.\tone\r\n  B)two\r\n  ANSWER:   B  \r\n");
    expect(errors).toEqual([]);
    expect(questions[0]).toMatchObject({ text: "Q?", answers: [{ text: "one" }, { text: "two", fraction: 1 }] });
  });

  it("allows a question text over several lines (Moodle only one) and keeps the line breaks", () => {
    const { questions, errors } = parseAiken("下列敘述何者正確？\n（單選）\nA. 甲\nB. 乙\nANSWER: A");
    expect(errors).toEqual([]);
    expect(questions[0].text).toBe("下列敘述何者正確？\n（單選）");
    expect(questions[0].name).toBe("下列敘述何者正確？ （單選）");
  });

  it("accepts answer:, a full-width colon and a lower-case or full-width letter", () => {
    for (const line of ["answer: b", "ANSWER：B", "ANSWER: ｂ", "Answer : B"]) {
      const { questions, errors } = parseAiken(`Q?\nA. a\nB. b\n${line}`);
      expect(errors).toEqual([]);
      expect(questions[0].answers[1].fraction).toBe(1);
    }
  });

  it("skips stray one-character lines, as Moodle does", () => {
    const { questions, errors } = parseAiken("Q?\n.\nA. a\n-\nB. b\nANSWER: A");
    expect(errors).toEqual([]);
    expect(questions[0].answers).toHaveLength(2);
  });

  it("names a long question like Moodle (80 characters)", () => {
    const { questions } = parseAiken(`${"戶".repeat(100)}\nA. a\nB. b\nANSWER: A`);
    expect(questions[0].name).toBe(`${"戶".repeat(77)}...`);
  });
});

describe("parseAiken: ids that make re-import idempotent", () => {
  it("derives the id from the prefix and a 64-bit FNV-1a hash of the question text", () => {
    const { questions } = parseAiken(CHINESE_EXAMPLE, { idPrefix: "hr-" });
    expect(questions[0].id).toBe(`hr-${fnv1a64("依戶籍法第 48 條規定，出生登記至遲應於出生後幾日內申請？")}`);
    expect(questions[0].id).toMatch(/^hr-[0-9a-f]{16}$/);
  });

  it("uses aiken- as the default prefix", () => {
    expect(parseAiken(CHINESE_EXAMPLE).questions[0].id).toMatch(/^aiken-[0-9a-f]{16}$/);
  });

  it("gives the same ids on every import, whatever the options, line ends or other questions", () => {
    const first = parseAiken(CHINESE_EXAMPLE).questions[0].id;
    expect(parseAiken(CHINESE_EXAMPLE.replace(/\n/g, "\r\n")).questions[0].id).toBe(first);
    expect(parseAiken(`${MOODLE_EXAMPLE}\n\n${CHINESE_EXAMPLE}`).questions[2].id).toBe(first);
    expect(parseAiken(CHINESE_EXAMPLE.replace("A. 十五日", "A. 十四日")).questions[0].id).toBe(first);
  });

  it("gives different questions different ids, and repeats of one text -2, -3", () => {
    const source = ["Same?", "A. a", "B. b", "ANSWER: A", "Same?", "A. c", "B. d", "ANSWER: B", "Same?", "A. e", "B. f", "ANSWER: A"].join("\n");
    const ids = parseAiken(source).questions.map((q) => q.id);
    expect(ids[1]).toBe(`${ids[0]}-2`);
    expect(ids[2]).toBe(`${ids[0]}-3`);
    const two = parseAiken(MOODLE_EXAMPLE).questions.map((q) => q.id);
    expect(two[0]).not.toBe(two[1]);
  });

  it("computes the standard FNV-1a 64 test vectors", () => {
    expect(fnv1a64("")).toBe("cbf29ce484222325");
    expect(fnv1a64("a")).toBe("af63dc4c8601ec8c");
    expect(fnv1a64("foobar")).toBe("85944171f73967e8");
  });
});

describe("parseAiken: errors with line numbers, and the other questions still import", () => {
  it("a question without an ANSWER line", () => {
    const source = ["Q1?", "A. a", "B. b", "Q2?", "A. c", "B. d", "ANSWER: B"].join("\n");
    const { questions, errors } = parseAiken(source);
    expect(questions.map((q) => q.text)).toEqual(["Q2?"]);
    expect(errors).toEqual([{ line: 1, message: "第 1 行：這一題沒有「ANSWER:」行，沒有匯入。", excerpt: "Q1?" }]);
  });

  it("a question cut off at the end of the file", () => {
    const { errors } = parseAiken(`${CHINESE_EXAMPLE}\n\n最後一題？\nA. a`);
    expect(errors).toEqual([{ line: 8, message: "第 8 行：這一題沒有「ANSWER:」行，沒有匯入。", excerpt: "最後一題？" }]);
  });

  it("a text without options, followed after a blank line by another question", () => {
    const { questions, errors } = parseAiken("標題文字\n\nQ?\nA. a\nB. b\nANSWER: A");
    expect(questions).toHaveLength(1);
    expect(errors[0]).toMatchObject({ line: 1, message: "第 1 行：這一題沒有選項，也沒有「ANSWER:」行，沒有匯入。" });
  });

  it("fewer than two options", () => {
    const { errors } = parseAiken("Q?\nA. only\nANSWER: A");
    expect(errors).toEqual([{ line: 1, message: "第 1 行：選擇題至少需要兩個選項。", excerpt: "Q?" }]);
  });

  it("an ANSWER letter that no option has, or no letter at all", () => {
    expect(parseAiken("Q?\nA. a\nB. b\nANSWER: E").errors).toEqual([
      { line: 4, message: "第 4 行：「ANSWER: E」指的選項不存在。", excerpt: "ANSWER: E" },
    ]);
    expect(parseAiken("Q?\nA. a\nB. b\nANSWER:").errors[0]).toMatchObject({
      line: 4,
      message: "第 4 行：「ANSWER:」後面沒有寫正確答案的選項代號。",
    });
  });

  it("an empty or repeated option", () => {
    expect(parseAiken("Q?\nA. a\nB.\nANSWER: A").errors[0].message).toBe("第 1 行：選項「B」沒有內容。");
    expect(parseAiken("Q?\nA. a\nA. b\nANSWER: A").errors[0].message).toBe("第 1 行：選項代號「A」重複了。");
  });

  it("options or ANSWER before any question text", () => {
    const { questions, errors } = parseAiken(`A. a\nANSWER: A\n${CHINESE_EXAMPLE}`);
    expect(questions).toHaveLength(1);
    expect(questions[0].line).toBe(3);
    expect(errors.map((e) => e.line)).toEqual([1, 2]);
    expect(errors[0].message).toBe("第 1 行：選項出現在題目文字之前（每一題要先寫題目，再寫 A. B. …選項）。");
    expect(errors[1].message).toBe("第 2 行：「ANSWER:」出現在題目之前，找不到它屬於哪一題。");
  });

  it("returns nothing for an empty file", () => {
    expect(parseAiken("")).toEqual({ questions: [], errors: [] });
  });
});

describe("parseAiken → writeGift → parseGift", () => {
  it("turns an Aiken file into GIFT that imports to the same questions, ids included", () => {
    const aiken = parseAiken(`${MOODLE_EXAMPLE}\n\n${CHINESE_EXAMPLE}`, { category: "匯入/Aiken" });
    const gift = parseGift(writeGift(aiken.questions));
    expect(gift.errors).toEqual([]);
    expect(gift.questions.map(({ line: _line, ...q }) => q)).toEqual(aiken.questions.map(({ line: _line, ...q }) => q));
  });
});
