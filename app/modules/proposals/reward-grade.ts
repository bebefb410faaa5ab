// The reward grade of a proposal from its mean committee score (issue 4, "After the decision"):
// 甲等 ≥ 90, 乙等 ≥ 80, 丙等 ≥ 70 by default, per office configurable. Granted after the
// effectiveness review; incentive scoring (module 6) counts it. Pure (ARCHITECTURE rule 6).

export type RewardGrade = "甲" | "乙" | "丙";

export interface GradeThresholds {
  甲: number;
  乙: number;
  丙: number;
}

export const DEFAULT_GRADE_THRESHOLDS: Readonly<GradeThresholds> = { 甲: 90, 乙: 80, 丙: 70 };

/** Problems with a set of thresholds (empty when valid): each within 0–100, strictly 甲 > 乙 > 丙. */
export function validateGradeThresholds(thresholds: GradeThresholds): string[] {
  const errors: string[] = [];
  for (const grade of ["甲", "乙", "丙"] as const) {
    const value = thresholds[grade];
    if (!Number.isFinite(value) || value < 0 || value > 100) errors.push(`${grade}等的門檻必須在 0 到 100 分之間。`);
  }
  if (errors.length === 0 && !(thresholds.甲 > thresholds.乙 && thresholds.乙 > thresholds.丙)) {
    errors.push("門檻必須由高到低：甲等高於乙等，乙等高於丙等。");
  }
  return errors;
}

/**
 * Half-up to two decimals on the decimal reading of the number (89.995 → 90.00), the way the
 * minutes print a mean; the `e2` shift avoids binary error (89.995 × 100 = 8999.4999…).
 */
export function roundScore(score: number): number {
  // Exponent forms (1e-7, 1e21) cannot take the shift; for them plain arithmetic is exact enough.
  if (String(score).includes("e")) return Math.round(score * 100) / 100;
  return Number(`${Math.round(Number(`${score}e2`))}e-2`);
}

/**
 * The grade for a mean score, boundaries inclusive (≥). The mean is first rounded to two decimals
 * so the grade always agrees with the score printed in the minutes (a printed 90.00 is 甲等).
 * Null: no score (nobody scored) or below 丙等. Invalid thresholds are a configuration error.
 */
export function rewardGrade(meanScore: number | null, thresholds: GradeThresholds = DEFAULT_GRADE_THRESHOLDS): RewardGrade | null {
  const errors = validateGradeThresholds(thresholds);
  if (errors.length > 0) throw new RangeError(errors.join(" "));
  if (meanScore === null || !Number.isFinite(meanScore)) return null;
  const score = roundScore(meanScore);
  if (score >= thresholds.甲) return "甲";
  if (score >= thresholds.乙) return "乙";
  if (score >= thresholds.丙) return "丙";
  return null;
}
