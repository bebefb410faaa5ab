import { describe, expect, it } from "vitest";
import { DEFAULT_GRADE_THRESHOLDS, rewardGrade, roundScore, validateGradeThresholds } from "./reward-grade";

describe("rewardGrade with the default thresholds (甲 ≥ 90, 乙 ≥ 80, 丙 ≥ 70)", () => {
  it.each([
    [100, "甲"],
    [90, "甲"],
    [89.99, "乙"],
    [80, "乙"],
    [79.99, "丙"],
    [70, "丙"],
    [69.99, null],
    [0, null],
  ] as const)("%d → %s", (score, grade) => {
    expect(rewardGrade(score)).toBe(grade);
  });

  it("rounds the mean to two decimals first, so the grade agrees with the printed score", () => {
    expect(rewardGrade(89.995)).toBe("甲"); // printed 90.00
    expect(rewardGrade(89.994)).toBe("乙"); // printed 89.99
    expect(rewardGrade(69.995)).toBe("丙");
    // A mean of three totals: (90 + 90 + 89.99) / 3 = 89.99666… → 90.00.
    expect(rewardGrade((90 + 90 + 89.99) / 3)).toBe("甲");
  });

  it("no score, no grade", () => {
    expect(rewardGrade(null)).toBeNull();
    expect(rewardGrade(Number.NaN)).toBeNull();
  });
});

describe("rewardGrade with an office's own thresholds", () => {
  const thresholds = { 甲: 85, 乙: 75, 丙: 60 };
  it.each([
    [85, "甲"],
    [84.99, "乙"],
    [75, "乙"],
    [60, "丙"],
    [59.99, null],
  ] as const)("%d → %s", (score, grade) => {
    expect(rewardGrade(score, thresholds)).toBe(grade);
  });
});

describe("validateGradeThresholds", () => {
  it("the default is valid", () => {
    expect(DEFAULT_GRADE_THRESHOLDS).toEqual({ 甲: 90, 乙: 80, 丙: 70 });
    expect(validateGradeThresholds(DEFAULT_GRADE_THRESHOLDS)).toEqual([]);
  });

  it.each([
    [{ 甲: 80, 乙: 90, 丙: 70 }, ["門檻必須由高到低：甲等高於乙等，乙等高於丙等。"]],
    [{ 甲: 90, 乙: 80, 丙: 80 }, ["門檻必須由高到低：甲等高於乙等，乙等高於丙等。"]],
    [{ 甲: 101, 乙: 80, 丙: 70 }, ["甲等的門檻必須在 0 到 100 分之間。"]],
    [{ 甲: 90, 乙: 80, 丙: -1 }, ["丙等的門檻必須在 0 到 100 分之間。"]],
    [{ 甲: 90, 乙: Number.NaN, 丙: 70 }, ["乙等的門檻必須在 0 到 100 分之間。"]],
  ])("%j is refused", (thresholds, errors) => {
    expect(validateGradeThresholds(thresholds)).toEqual(errors);
  });

  it("rewardGrade throws on invalid thresholds (a configuration error, not a score problem)", () => {
    expect(() => rewardGrade(95, { 甲: 80, 乙: 90, 丙: 70 })).toThrow(RangeError);
  });
});

describe("roundScore (half-up on the decimal reading)", () => {
  it.each([
    [89.995, 90],
    [89.994, 89.99],
    [1.005, 1.01],
    [83.33333, 83.33],
    [0, 0],
    [1e-7, 0],
  ])("%d → %d", (score, rounded) => {
    expect(roundScore(score)).toBe(rounded);
  });
});
