import { describe, expect, it } from "vitest";
import { excerptAround, highlight, matchRanges, type HighlightPart } from "./highlight";

const hit = (text: string): HighlightPart => ({ text, match: true });
const miss = (text: string): HighlightPart => ({ text, match: false });

describe("highlight: the parts of a text the search matched (issue 6)", () => {
  it.each<[string, string, HighlightPart[]]>([
    // A two-character query is one bigram: every occurrence is marked.
    ["生父認領，認領後再辦理認領登記", "認領", [miss("生父"), hit("認領"), miss("，"), hit("認領"), miss("後再辦理"), hit("認領"), miss("登記")]],
    // A three-character query: bigrams 非婚 + 婚生 overlap, one run.
    ["辦理非婚生子女認領", "非婚生", [miss("辦理"), hit("非婚生"), miss("子女認領")]],
    // The bigrams of a query match wherever each occurs, as the search matched them.
    ["非婚姻關係所生，婚生推定", "非婚生", [hit("非婚"), miss("姻關係所生，"), hit("婚生"), miss("推定")]],
    // 台 in the query finds 臺 in the text, and the text keeps its own character.
    ["臺北市大安區戶政事務所", "台北", [hit("臺北"), miss("市大安區戶政事務所")]],
    ["台北市", "臺北", [hit("台北"), miss("市")]],
    // Full-width letters and digits fold to ASCII; the original full-width text comes back.
    ["依戶籍法第４８條規定", "48", [miss("依戶籍法第"), hit("４８"), miss("條規定")]],
    ["ＲＩＳ系統", "ris", [hit("ＲＩＳ"), miss("系統")]],
    // Latin words match whole, the way the index stores them.
    ["iris 與 RIS", "ris", [miss("iris 與 "), hit("RIS")]],
    ["第2048號與第48號", "48", [miss("第2048號與第"), hit("48"), miss("號")]],
    // Touching matches merge; several query words each mark their own.
    ["認領認領", "認領", [hit("認領認領")]],
    ["戶籍謄本與印鑑證明", "謄本 印鑑", [miss("戶籍"), hit("謄本"), miss("與"), hit("印鑑"), miss("證明")]],
    // A lone Han character in the query marks it everywhere.
    ["戶長與戶內人口", "戶", [hit("戶"), miss("長與"), hit("戶"), miss("內人口")]],
    // Nothing searchable in the query, or no match: the text as one unmarked part.
    ["認領登記", "，。", [miss("認領登記")]],
    ["認領登記", "收養", [miss("認領登記")]],
    ["", "認領", []],
  ])("%s / %s", (text, query, parts) => {
    expect(highlight(text, query)).toEqual(parts);
    expect(highlight(text, query).map((p) => p.text).join("")).toBe(text);
  });

  it("keeps characters outside the BMP whole", () => {
    expect(highlight("陳𡘙明申請更名", "𡘙明")).toEqual([miss("陳"), hit("𡘙明"), miss("申請更名")]);
  });

  it("maps back through characters that NFKC expands", () => {
    // ㈱ folds to "(株)"; the match on 株式 must cover the original ㈱ and 式.
    expect(highlight("㈱式會社", "株式")).toEqual([miss("㈱式會社")]);
    expect(matchRanges("甲㍿乙", "株式")).toEqual([[1, 2]]);
  });
});

describe("excerptAround", () => {
  const long = "前言".repeat(60) + "生父於子女出生後辦理認領登記" + "後記".repeat(60);

  it("returns a short text whole, white space collapsed", () => {
    expect(excerptAround("認領\n\n  登記", "認領")).toBe("認領 登記");
  });

  it("cuts around the first match with … at both cut ends", () => {
    const excerpt = excerptAround(long, "認領", 30);
    expect(excerpt.startsWith("…")).toBe(true);
    expect(excerpt.endsWith("…")).toBe(true);
    expect(excerpt).toContain("認領");
    expect(Array.from(excerpt.replace(/…/g, "")).length).toBeLessThanOrEqual(30);
    // The match is about a third into the window.
    expect(excerpt.indexOf("認領")).toBeGreaterThan(3);
    expect(excerpt.indexOf("認領")).toBeLessThan(15);
  });

  it("starts at the beginning when there is no match, with … only at the end", () => {
    const excerpt = excerptAround(long, "收養", 20);
    expect(excerpt).toBe("前言".repeat(10) + "…");
  });

  it("has no leading … when the match is near the start, and no trailing … near the end", () => {
    expect(excerptAround("認領" + "後記".repeat(100), "認領", 20)).toBe("認領" + "後記".repeat(9) + "…");
    expect(excerptAround("前言".repeat(100) + "認領", "認領", 20)).toBe("…" + "前言".repeat(9) + "認領");
  });

  it("counts and cuts by characters, never splitting a surrogate pair", () => {
    const text = "𡘙".repeat(50) + "認領" + "𡘙".repeat(50);
    const excerpt = excerptAround(text, "認領", 10);
    expect(excerpt).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
    expect(Array.from(excerpt.replace(/…/g, ""))).toHaveLength(10);
    expect(excerpt).toContain("認領");
  });

  it("finds a 台 query in 臺 text", () => {
    expect(excerptAround("甲".repeat(200) + "臺北市" + "乙".repeat(200), "台北", 12)).toBe("…" + "甲".repeat(3) + "臺北市" + "乙".repeat(6) + "…");
  });
});
