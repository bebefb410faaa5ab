import { describe, expect, it } from "vitest";
import { DEFAULT_RANKING_CONFIG, competitionRanks, rankStaff, roundScore, shrink, validateRankingConfig, type RankingConfig } from "./ranking";

describe("competitionRanks: ties share a rank (1, 2, 2, 4)", () => {
  it.each([
    [[90, 80, 80, 70], [1, 2, 2, 4]],
    [[70, 80, 90], [3, 2, 1]],
    [[50, 50, 50], [1, 1, 1]],
    [[100, 90, 90, 90, 10], [1, 2, 2, 2, 5]],
    [[], []],
  ])("%j → %j", (scores, ranks) => {
    expect(competitionRanks(scores)).toEqual(ranks);
  });

  it("scores round half-up to two decimals on their decimal reading", () => {
    expect(roundScore(72.345)).toBe(72.35);
    expect(roundScore(78.86868)).toBe(78.87);
    expect(roundScore(1e-7)).toBe(0);
  });
});

describe("shrink: (n·x + k·mean) ÷ (n + k)", () => {
  it.each([
    // x, n, mean, k, expected
    [9, 3, 4, 30, 147 / 33], // 3 lucky cases stay near the office level
    [4.5, 270, 4, 30, 4.45], // 270 cases keep 90 % of their own figure
    [9, 0, 4, 30, 4], // no sample: the mean
    [null, 10, 4, 30, 4],
    [9, 3, 4, 0, 9], // k = 0: no shrinkage
  ])("x=%s n=%s mean=%s k=%s → %s", (x, n, mean, k, expected) => {
    expect(shrink(x, n, mean, k)).toBeCloseTo(expected, 9);
  });
});

describe("validateRankingConfig", () => {
  it("the default is 60/20/20, 10 days, k = 30, and valid", () => {
    expect(DEFAULT_RANKING_CONFIG).toEqual({ weights: { productivity: 60, handling: 20, quality: 20 }, minStaffedDays: 10, shrinkageCases: 30 });
    expect(validateRankingConfig(DEFAULT_RANKING_CONFIG)).toEqual([]);
  });
  it("names every problem", () => {
    expect(validateRankingConfig({ weights: { productivity: -1, handling: 0, quality: 0 }, minStaffedDays: 2.5, shrinkageCases: -3 })).toEqual([
      "「每小時加權件數」的權重不能小於 0。",
      "至少要有一項評比指標的權重大於 0。",
      "最低上櫃台日數必須是 0 或正整數。",
      "收斂強度 k 不能小於 0。",
    ]);
    expect(() => rankStaff([], { ...DEFAULT_RANKING_CONFIG, shrinkageCases: -1 })).toThrow(RangeError);
  });
});

function person(staff: string, served: number, staffedDays: number, staffedHours: number, weightedCases: number, handlingMinutes: number, standardMinutes: number, corrections: number) {
  return {
    staff,
    served,
    staffedDays,
    staffedHours,
    weightedCases,
    weightedPerHour: staffedHours > 0 ? weightedCases / staffedHours : null,
    handledCases: served,
    handlingMinutes,
    standardMinutes,
    handlingRatio: standardMinutes > 0 ? handlingMinutes / standardMinutes : null,
    corrections,
    correctionRate: served > 0 ? corrections / served : null,
  };
}

// The worked example of README.md, "Ranking".
const EXAMPLE = [
  person("FB010", 270, 20, 90, 405, 1620, 1800, 3), // 4.5 per hour, 0.9 of standard, 1.11 % corrected
  person("FB011", 270, 19, 90, 360, 1980, 1800, 0), // 4.0 per hour, 1.1 of standard, none corrected
  person("FB012", 3, 10, 1, 9, 10, 20, 0), // 3 cases: 9 per hour, half the standard time — luck
  person("FB013", 57, 4, 19, 26, 390, 380, 3), // 4 staffed days: listed, not ranked
];

describe("rankStaff: the README's worked example", () => {
  const result = rankStaff(EXAMPLE);

  it("office means are pooled over everyone listed", () => {
    expect(result.officeMeans.productivity).toBeCloseTo(800 / 200, 9);
    expect(result.officeMeans.handling).toBeCloseTo(4000 / 4000, 9);
    expect(result.officeMeans.quality).toBeCloseTo(6 / 600, 9);
  });

  it("shrinks, rescales and weighs as the README shows", () => {
    const a = result.rows.find((r) => r.staff === "FB010")!;
    expect(a.components.productivity!.shrunk).toBeCloseTo(4.45, 9);
    expect(a.components.handling!.shrunk).toBeCloseTo(0.91, 9);
    expect(a.components.quality!.shrunk).toBeCloseTo(0.011, 9);
    expect(a.components.productivity!.normalized).toBeCloseTo(0.99, 9);
    expect(a.components.handling!.normalized).toBe(1);
    expect(a.components.quality!.normalized).toBe(0);
    const c = result.rows.find((r) => r.staff === "FB012")!;
    expect(c.components.productivity).toEqual({ raw: 9, shrunk: expect.closeTo(147 / 33, 9), normalized: 1 });
    expect(c.components.handling!.normalized).toBeCloseTo((1.09 - 31.5 / 33) / 0.18, 9);
    expect(c.components.quality!.normalized).toBeCloseTo((0.011 - 0.3 / 33) / 0.01, 9);
  });

  it("ranks 79.4, 78.87, 20, and lists FB013 unranked with the reason", () => {
    expect(result.rows.map((r) => [r.staff, r.rank, r.score, r.notRankedReason])).toEqual([
      ["FB010", 1, 79.4, null],
      ["FB012", 2, 78.87, null],
      ["FB011", 3, 20, null],
      ["FB013", null, null, "本期上櫃台 4 日，未達 10 日，列出但不排名。"],
    ]);
  });

  it("without shrinkage the 3 lucky cases would top the list", () => {
    const raw = rankStaff(EXAMPLE, { ...DEFAULT_RANKING_CONFIG, shrinkageCases: 0 });
    expect(raw.rows.map((r) => [r.staff, r.rank, r.score])).toEqual([
      ["FB012", 1, 100],
      ["FB011", 2, 20],
      ["FB010", 3, 12.67],
      ["FB013", null, null],
    ]);
  });

  it("a lower minimum ranks FB013 too", () => {
    const all = rankStaff(EXAMPLE, { ...DEFAULT_RANKING_CONFIG, minStaffedDays: 3 });
    expect(all.rows.every((r) => r.rank !== null)).toBe(true);
  });
});

describe("rankStaff: ties, weights and edge cases", () => {
  const twin = (staff: string) => person(staff, 200, 15, 50, 200, 1000, 1000, 2);

  it("equal people share a rank and the next rank skips", () => {
    const rows = rankStaff([person("FB001", 200, 15, 50, 300, 900, 1000, 0), twin("FB003"), twin("FB002"), person("FB004", 200, 15, 50, 150, 1200, 1000, 4)]).rows;
    expect(rows.map((r) => [r.staff, r.rank])).toEqual([
      ["FB001", 1],
      ["FB002", 2],
      ["FB003", 2],
      ["FB004", 4],
    ]);
  });

  it("when everyone is equal, everyone is first with 100", () => {
    expect(rankStaff([twin("FB001"), twin("FB002")]).rows.map((r) => [r.rank, r.score])).toEqual([
      [1, 100],
      [1, 100],
    ]);
  });

  it("weights are relative: 3/1/1 ranks like 60/20/20", () => {
    const scores = (config: RankingConfig) => rankStaff(EXAMPLE, config).rows.map((r) => r.score);
    expect(scores({ ...DEFAULT_RANKING_CONFIG, weights: { productivity: 3, handling: 1, quality: 1 } })).toEqual(scores(DEFAULT_RANKING_CONFIG));
  });

  it("productivity alone", () => {
    const rows = rankStaff(EXAMPLE, { ...DEFAULT_RANKING_CONFIG, weights: { productivity: 1, handling: 0, quality: 0 } }).rows;
    expect(rows.map((r) => [r.staff, r.score])).toEqual([
      ["FB012", 100],
      ["FB010", 99],
      ["FB011", 0],
      ["FB013", null],
    ]);
    expect(Object.keys(rows[0].components)).toEqual(["productivity"]);
  });

  it("an office without standard times ranks on the other components", () => {
    const noStandard = EXAMPLE.map((p) => ({ ...p, handlingMinutes: 0, standardMinutes: 0, handlingRatio: null }));
    const result = rankStaff(noStandard);
    expect(result.officeMeans.handling).toBeNull();
    expect(Object.keys(result.rows[0].components).sort()).toEqual(["productivity", "quality"]);
  });

  it("someone with staffed days but no served case is not ranked", () => {
    const rows = rankStaff([twin("FB001"), person("FB002", 0, 12, 10, 0, 0, 0, 0)]).rows;
    expect(rows[1]).toMatchObject({ staff: "FB002", rank: null, notRankedReason: "本期沒有完成的案件或上櫃台時數，不排名。" });
  });

  it("nobody listed", () => {
    expect(rankStaff([])).toEqual({ officeMeans: { productivity: null, handling: null, quality: null }, rows: [] });
  });
});

describe("the sample month (tests/fixtures/queue-sample.csv), end to end", async () => {
  const { readFileSync } = await import("node:fs");
  const path = await import("node:path");
  const { guessMapping, parseCsvRows, parseQueueCsv } = await import("./queue-csv");
  const { measureStaff } = await import("./measures");
  const { parsePeriodKey } = await import("./periods");
  const text = readFileSync(path.join(import.meta.dirname, "../../../tests/fixtures/queue-sample.csv"), "utf8");
  const known = {
    officeCode: "FB",
    counters: Array.from({ length: 15 }, (_, i) => String(i + 1)),
    staff: Array.from({ length: 30 }, (_, i) => `FB${String(10 + i).padStart(3, "0")}`),
    caseTypes: ["出生登記", "遷徙登記", "戶籍謄本", "身分證換補", "印鑑證明", "自然人憑證", "結婚登記", "死亡登記", "戶口名簿", "離婚登記", "分(合)戶登記"],
  };
  // The README's demo weights and standard minutes.
  const W: Record<string, [number, number]> = { 戶籍謄本: [1, 5], 印鑑證明: [1, 5], 戶口名簿: [1.2, 6], 自然人憑證: [1.5, 8], 身分證換補: [2, 10], 遷徙登記: [2.5, 12], 出生登記: [3, 15], 死亡登記: [3, 15], "分(合)戶登記": [3, 14], 結婚登記: [3.5, 18], 離婚登記: [3.5, 20] };
  const caseTypes = Object.entries(W).map(([caseType, [weight, standardMinutes]]) => ({ caseType, effectiveFrom: "2026-01-01", weight, standardMinutes }));
  const { records } = parseQueueCsv(text, guessMapping(parseCsvRows(text)[0].fields), known);
  const measures = measureStaff({ records, caseTypes }, parsePeriodKey("2026-11")!);

  it("with the defaults only people with 10 staffed days or more are ranked", () => {
    const rows = rankStaff(measures).rows;
    expect(rows.filter((r) => r.rank !== null).map((r) => [r.staff, r.rank])).toEqual([
      ["FB015", 1],
      ["FB012", 2],
      ["FB013", 3],
    ]);
    expect(rows).toHaveLength(measures.length);
  });

  it("without the minimum, k = 30 lets 7 cases on 2 days top the list; k = 100 does not", () => {
    const top = (k: number) => rankStaff(measures, { ...DEFAULT_RANKING_CONFIG, minStaffedDays: 1, shrinkageCases: k }).rows[0];
    expect(top(30)).toMatchObject({ staff: "FB036", served: 7, staffedDays: 2 });
    expect(top(100)).toMatchObject({ staff: "FB016", served: 60, staffedDays: 9 });
  });
});
