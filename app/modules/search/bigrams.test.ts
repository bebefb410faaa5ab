import { describe, expect, it } from "vitest";
import { documentTerms, normalizeForSearch, queryTerms, searchTerms, weightedVector } from "./bigrams";

describe("Chinese search terms", () => {
  it("splits Han text into overlapping bigrams", () => {
    expect(searchTerms("戶籍謄本")).toEqual(["戶籍", "籍謄", "謄本"]);
  });

  it("a single character is its own term, and a two-character query is one bigram", () => {
    expect(searchTerms("戶")).toEqual(["戶"]);
    expect(searchTerms("謄本")).toEqual(["謄本"]);
  });

  it("folds 台 to 臺 and full-width forms to ASCII, in documents and queries alike", () => {
    expect(searchTerms("台南市")).toEqual(searchTerms("臺南市"));
    expect(normalizeForSearch("ＡＢＣ１２３")).toBe("abc123");
    expect(searchTerms("Ｅ化服務")).toEqual(["e", "化服", "服務"]);
  });

  it("keeps Latin words and numbers whole and breaks runs at punctuation", () => {
    expect(searchTerms("戶政資訊系統（RIS）第48條")).toEqual(["戶政", "政資", "資訊", "訊系", "系統", "ris", "第", "48", "條"]);
    expect(searchTerms("出生，死亡")).toEqual(["出生", "死亡"]);
  });

  it("removes duplicates and ignores text with nothing searchable", () => {
    expect(searchTerms("申請申請")).toEqual(["申請", "請申"]);
    expect(searchTerms("  ，。！ ")).toEqual([]);
    expect(queryTerms("，。")).toBeNull();
  });

  it("builds queries that need all terms or any term, never passing punctuation through", () => {
    expect(queryTerms("謄本費")).toBe("'謄本' & '本費'");
    expect(queryTerms("謄本費", "any")).toBe("'謄本' | '本費'");
    // An apostrophe separates terms like any punctuation, so no term ever needs escaping.
    expect(queryTerms("o'neil")).toBe("'o' & 'neil'");
  });
});

describe("weighted document vectors", () => {
  it("gives title terms weight A and body terms weight D, each with its own position", () => {
    expect(weightedVector([
      { text: "認領登記", weight: "A" },
      { text: "生父認領", weight: "D" },
    ])).toBe("'認領':1A,7D '領登':2A '登記':3A '記':4A '生父':5D '父認':6D '領':8D");
  });

  it("is empty for text with nothing searchable", () => {
    expect(weightedVector([{ text: "，。", weight: "A" }])).toBe("");
  });
});

describe("one-character queries", () => {
  it("index each Han run's last character too, so a single character is found wherever it stands", () => {
    expect(documentTerms("E化服務")).toEqual(["e", "化服", "服務", "務"]);
    expect(documentTerms("綠化")).toEqual(["綠化", "化"]);
  });

  it("query a single Han character as a prefix, a longer text by its bigrams", () => {
    expect(queryTerms("化")).toBe("'化':*");
    expect(queryTerms("e化")).toBe("'e' & '化':*");
    expect(queryTerms("化服")).toBe("'化服'");
  });
});
