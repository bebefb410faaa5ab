import { describe, expect, it } from "vitest";
import { contentHash, stableStringify } from "./content-hash";
import { parseGift } from "./gift-parser";

const question = {
  type: "multichoice",
  id: "hr-law-001",
  tags: ["戶籍法"],
  category: "戶籍法/登記期間",
  name: "出生登記期間",
  textFormat: "markdown",
  text: "出生登記應於出生後幾日內為之？",
  generalFeedback: "依戶籍法第48條第1項…",
  single: true,
  answers: [
    { text: "六十日", fraction: 1, feedback: "正確。" },
    { text: "三十日", fraction: 0, feedback: "" },
  ],
};

describe("stableStringify", () => {
  it("sorts object keys at every level and keeps array order", () => {
    expect(stableStringify({ b: 1, a: { d: [3, 1], c: null } })).toBe('{"a":{"c":null,"d":[3,1]},"b":1}');
  });

  it("leaves out undefined members like JSON does", () => {
    expect(stableStringify({ a: 1, b: undefined })).toBe('{"a":1}');
    expect(stableStringify([undefined])).toBe("[null]");
  });

  it("escapes strings as JSON", () => {
    expect(stableStringify({ t: '「引號」"\n' })).toBe('{"t":"「引號」\\"\\n"}');
  });
});

describe("contentHash", () => {
  it("does not depend on the order of keys (a body read back from jsonb)", () => {
    const reordered = Object.fromEntries(Object.entries(question).reverse());
    expect(contentHash(reordered)).toBe(contentHash(question));
  });

  it("ignores the source line", () => {
    expect(contentHash({ ...question, line: 42 })).toBe(contentHash(question));
  });

  it("changes with any change of content, including answer order and weights", () => {
    const base = contentHash(question);
    expect(contentHash({ ...question, text: "出生登記應於出生後幾日內為之？ " })).not.toBe(base);
    expect(contentHash({ ...question, answers: [...question.answers].reverse() })).not.toBe(base);
    expect(contentHash({ ...question, answers: [{ ...question.answers[0], fraction: 0.5 }, question.answers[1]] })).not.toBe(base);
    expect(contentHash({ ...question, tags: [] })).not.toBe(base);
    expect(contentHash({ ...question, category: "戶籍法" })).not.toBe(base);
  });

  it("is a fixed value for a fixed question (stored hashes stay valid across releases)", () => {
    // FNV-1a 64 of the UTF-8 bytes of '{"a":1}'.
    expect(contentHash({ a: 1 })).toBe("fnv1a64:9c3e82dd6fcae8b1");
  });

  it("is equal for the same GIFT parsed twice, even at another place in the file", () => {
    const gift = "::t::出生登記期間？{=六十日 ~三十日}";
    const first = parseGift(gift).questions[0];
    const second = parseGift(`\n\n// comment\n${gift}`).questions[0];
    expect(second.line).not.toBe(first.line);
    expect(contentHash(second)).toBe(contentHash(first));
  });
});
