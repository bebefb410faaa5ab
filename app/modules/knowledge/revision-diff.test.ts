import { describe, expect, it } from "vitest";
import { CASE_DIFF_FIELDS, diffChars, diffLines, diffRevisions, diffSequences, toLines, type Segment } from "./revision-diff";

const same = (t: string): Segment[] => [{ text: t, changed: false }];
const chg = (t: string): Segment[] => [{ text: t, changed: true }];
const s = (text: string, changed = false): Segment => ({ text, changed });

describe("toLines", () => {
  it.each<[Parameters<typeof toLines>[0], string[]]>([
    ["甲\n乙", ["甲", "乙"]],
    ["甲\r\n乙\n\n", ["甲", "乙"]],
    ["甲\n\n乙", ["甲", "", "乙"]],
    ["", []],
    [null, []],
    [undefined, []],
    [["認領", "非婚生"], ["認領", "非婚生"]],
  ])("%j → %j", (value, lines) => {
    expect(toLines(value)).toEqual(lines);
  });
});

describe("diffSequences", () => {
  it("finds the longest common subsequence and puts deletions before insertions in a gap", () => {
    expect(diffSequences(["a", "b", "c", "d"], ["a", "x", "c", "d", "e"]).map((o) => `${o.op[0]}${o.item}`)).toEqual(["ea", "db", "ix", "ec", "ed", "ie"]);
  });

  it("handles empty sides", () => {
    expect(diffSequences([], ["a"])).toEqual([{ op: "insert", item: "a" }]);
    expect(diffSequences(["a"], [])).toEqual([{ op: "delete", item: "a" }]);
    expect(diffSequences([], [])).toEqual([]);
  });
});

describe("diffChars: character runs for Chinese", () => {
  it.each<[string, string, Segment[], Segment[]]>([
    // A changed word inside a sentence: only it is marked, on each side.
    ["應於三十日內辦理登記", "應於六十日內辦理登記", [s("應於"), s("三", true), s("十日內辦理登記")], [s("應於"), s("六", true), s("十日內辦理登記")]],
    // Inserted words form one run.
    ["申請人親自辦理", "申請人或其代理人親自辦理", same("申請人親自辦理"), [s("申請人"), s("或其代理人", true), s("親自辦理")]],
    // Deleted words too.
    ["父母雙方同意", "父母同意", [s("父母"), s("雙方", true), s("同意")], same("父母同意")],
    // A lone common character (的) between two changes is not left standing as unchanged.
    ["甲的乙", "丙的丁", chg("甲的乙"), chg("丙的丁")],
    // Little in common: the lines are wholly changed rather than speckled.
    ["依戶籍法第48條", "另案函詢內政部", chg("依戶籍法第48條"), chg("另案函詢內政部")],
    ["", "新增", [], chg("新增")],
  ])("%s → %s", (a, b, left, right) => {
    expect(diffChars(a, b)).toEqual({ left, right });
  });

  it("never splits a character outside the BMP", () => {
    const { left, right } = diffChars("陳𡘙明申請更名", "陳𡘙華申請更名");
    expect(left).toEqual([s("陳𡘙"), s("明", true), s("申請更名")]);
    expect(right).toEqual([s("陳𡘙"), s("華", true), s("申請更名")]);
  });
});

describe("diffLines: side-by-side rows", () => {
  it("pairs a removed line with an added one as changed, and leaves the rest added or removed", () => {
    const a = ["一、查驗身分證明文件。", "二、受理認領登記。", "三、通知父母。"];
    const b = ["一、查驗身分證明文件。", "二、受理認領登記，並註記生父。", "三、通知父母。", "四、核發戶籍謄本。"];
    expect(diffLines(a, b)).toEqual([
      { kind: "same", left: same(a[0]), right: same(a[0]), leftLine: 1, rightLine: 1 },
      // The sentence-final 。 is common to both lines and stays unmarked.
      { kind: "changed", left: same("二、受理認領登記。"), right: [s("二、受理認領登記"), s("，並註記生父", true), s("。")], leftLine: 2, rightLine: 2 },
      { kind: "same", left: same(a[2]), right: same(a[2]), leftLine: 3, rightLine: 3 },
      { kind: "added", left: null, right: chg("四、核發戶籍謄本。"), leftLine: null, rightLine: 4 },
    ]);
  });

  it("shows a removed line on the left only", () => {
    expect(diffLines(["甲", "乙", "丙"], ["甲", "丙"])).toEqual([
      { kind: "same", left: same("甲"), right: same("甲"), leftLine: 1, rightLine: 1 },
      { kind: "removed", left: chg("乙"), right: null, leftLine: 2, rightLine: null },
      { kind: "same", left: same("丙"), right: same("丙"), leftLine: 3, rightLine: 2 },
    ]);
  });

  it("keeps empty lines as rows with no segments", () => {
    expect(diffLines(["甲", "", "乙"], ["甲", "", "乙"])[1]).toEqual({ kind: "same", left: [], right: [], leftLine: 2, rightLine: 2 });
  });

  it("gives up matching (whole blocks removed and added) on huge inputs, quickly", () => {
    const a = Array.from({ length: 3000 }, (_, i) => `甲${i}`);
    const b = Array.from({ length: 3000 }, (_, i) => `乙${i}`);
    const started = Date.now();
    const rows = diffLines(a, b);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(rows).toHaveLength(3000);
    expect(rows.every((r) => r.kind === "changed")).toBe(true);
  });
});

describe("diffRevisions", () => {
  const older = {
    title: "非婚生子女認領登記案",
    category: "認領",
    facts: "生父甲於子女出生後三年，持法院確認親子關係判決申請認領登記。\n生母乙已死亡。",
    issue: "生母死亡時，認領登記之申請人為何？",
    handling: "由生父申請。",
    legalBasis: ["民法第1065條", "戶籍法第7條"],
    lessons: "",
    body: "# 說明\n\n受理時應查驗判決確定證明書。",
    tags: ["認領", "非婚生"],
  };
  const newer = {
    ...older,
    facts: "生父甲於子女出生後三年，持法院確認親子關係確定判決申請認領登記。\n生母乙已死亡。",
    legalBasis: ["民法第1065條", "戶籍法第7條", "戶籍法第29條"],
    lessons: "判決須附確定證明書。",
    tags: ["非婚生", "認領", "判決"],
  };

  const diff = diffRevisions(older, newer, CASE_DIFF_FIELDS);

  it("lists every field in order with its label, flagging the changed ones", () => {
    expect(diff.map((f) => [f.key, f.label, f.changed])).toEqual([
      ["title", "標題", false],
      ["category", "業務類別", false],
      ["facts", "案情", true],
      ["issue", "爭點", false],
      ["handling", "處理方式", false],
      ["legalBasis", "法令依據", true],
      ["lessons", "經驗與提醒", true],
      ["body", "內文", false],
      ["tags", "標籤", true],
    ]);
  });

  it("an unchanged field has only same rows", () => {
    const body = diff.find((f) => f.key === "body")!;
    expect(body.rows.map((r) => r.kind)).toEqual(["same", "same", "same"]);
  });

  it("marks the inserted words of a Chinese paragraph", () => {
    const facts = diff.find((f) => f.key === "facts")!;
    expect(facts.rows[0]).toMatchObject({
      kind: "changed",
      left: [s("生父甲於子女出生後三年，持法院確認親子關係判決申請認領登記。")],
      right: [s("生父甲於子女出生後三年，持法院確認親子關係"), s("確定", true), s("判決申請認領登記。")],
    });
    expect(facts.rows[1].kind).toBe("same");
  });

  it("shows an added legal basis and a field filled for the first time as added lines", () => {
    expect(diff.find((f) => f.key === "legalBasis")!.rows.map((r) => r.kind)).toEqual(["same", "same", "added"]);
    expect(diff.find((f) => f.key === "lessons")!.rows).toEqual([{ kind: "added", left: null, right: chg("判決須附確定證明書。"), leftLine: null, rightLine: 1 }]);
  });

  it("compares tag lists in their order", () => {
    expect(diff.find((f) => f.key === "tags")!.rows.map((r) => r.kind)).toEqual(["removed", "same", "added", "added"]);
  });

  it("treats a field missing from one revision as empty", () => {
    expect(diffRevisions({}, { title: "新" }, [{ key: "title", label: "標題" }])).toEqual([
      { key: "title", label: "標題", changed: true, rows: [{ kind: "added", left: null, right: chg("新"), leftLine: null, rightLine: 1 }] },
    ]);
  });
});
