// The counter-performance ranking (櫃台績效評比名次): a composite of weighted productivity, handling
// time against standard and the correction rate, with each office's own weights; small samples
// shrunk toward the office level so that nobody tops the list by luck; people with too few staffed
// days listed but not ranked; ties sharing a rank (1, 2, 2, 4). Issue 8, "Ranking"; fair-ranking
// practice (weight by case complexity, divide by staffed hours, quality counterweights). Pure
// (ARCHITECTURE rule 6). The formula, with a worked example, is in README.md beside this file.
import type { StaffMeasures } from "./measures";

// ------------------------------------------------------------------------------ ties

/**
 * Standard competition ranking ("1224"): equal scores share the best rank of their group and the
 * next score's rank skips by the group's size. Scores are compared as given, so round them first
 * to what is shown (two decimals here) or two people who look equal would get different ranks.
 * Returns ranks in the input order; higher is better.
 */
export function competitionRanks(scores: readonly number[]): number[] {
  return scores.map((s) => 1 + scores.filter((other) => other > s).length);
}

/** Half-up to two decimals on the decimal reading (72.345 → 72.35), the way scores are printed. */
export function roundScore(score: number): number {
  if (String(score).includes("e")) return Math.round(score * 100) / 100;
  return Number(`${Math.round(Number(`${score}e2`))}e-2`);
}

// ------------------------------------------------------------------------------ configuration

export const RANKING_COMPONENTS = ["productivity", "handling", "quality"] as const;
export type RankingComponent = (typeof RANKING_COMPONENTS)[number];

export const RANKING_COMPONENT_LABELS: Record<RankingComponent, string> = {
  productivity: "每小時加權件數",
  handling: "作業時間（對標準）",
  quality: "正確率（更正率）",
};

export type RankingWeights = Record<RankingComponent, number>;

export interface RankingConfig {
  /** Relative weights; divided by their sum, so 60/20/20 and 3/1/1 rank alike. */
  weights: RankingWeights;
  /** People with fewer staffed days in the period are listed but not ranked. */
  minStaffedDays: number;
  /**
   * Shrinkage strength k, in cases: a person's figure counts as much as k cases at the office
   * level. With k = 30, 3 cases keep 3/33 ≈ 9 % of their own figure, 300 cases 91 %.
   */
  shrinkageCases: number;
}

/** Issue 8's example weights; a month needs 10 staffed days (about half the working days). */
export const DEFAULT_RANKING_CONFIG: Readonly<RankingConfig> = {
  weights: { productivity: 60, handling: 20, quality: 20 },
  minStaffedDays: 10,
  shrinkageCases: 30,
};

/** Problems with a configuration (empty when valid), in zh-TW. */
export function validateRankingConfig(config: RankingConfig): string[] {
  const errors: string[] = [];
  for (const c of RANKING_COMPONENTS) {
    const w = config.weights[c];
    if (!Number.isFinite(w) || w < 0) errors.push(`「${RANKING_COMPONENT_LABELS[c]}」的權重不能小於 0。`);
  }
  const sum = RANKING_COMPONENTS.reduce((s, c) => s + (Number.isFinite(config.weights[c]) ? config.weights[c] : 0), 0);
  if (sum <= 0) errors.push("至少要有一項評比指標的權重大於 0。");
  if (!Number.isInteger(config.minStaffedDays) || config.minStaffedDays < 0) errors.push("最低上櫃台日數必須是 0 或正整數。");
  if (!Number.isFinite(config.shrinkageCases) || config.shrinkageCases < 0) errors.push("收斂強度 k 不能小於 0。");
  return errors;
}

// ------------------------------------------------------------------------------ shrinkage

/**
 * Empirical-Bayes style shrinkage toward the office mean: (n·x + k·mean) ÷ (n + k). With n large the
 * person's own figure dominates; with n small it stays near the office level. n = 0 (or x unknown)
 * gives the mean itself.
 */
export function shrink(x: number | null, n: number, mean: number, k: number): number {
  if (x === null || !Number.isFinite(x) || n <= 0) return mean;
  if (n + k === 0) return x;
  return (n * x + k * mean) / (n + k);
}

// ------------------------------------------------------------------------------ ranking

export interface ComponentScore {
  /** The person's own figure (null when they have no sample). */
  raw: number | null;
  /** After shrinkage toward the office mean. */
  shrunk: number;
  /** 0–1 among the ranked people, 1 the best. */
  normalized: number;
}

export interface RankedStaff {
  staff: string;
  /** 1, 2, 2, 4 …; null when not ranked. */
  rank: number | null;
  /** 0–100, two decimals; null when not ranked. */
  score: number | null;
  /** Why the person is not ranked, in zh-TW; null when ranked. */
  notRankedReason: string | null;
  served: number;
  staffedDays: number;
  /** Absent for a component the office has no figure for (e.g. no standard times at all). */
  components: Partial<Record<RankingComponent, ComponentScore>>;
}

export interface OfficeMeans {
  /** Σ weighted cases ÷ Σ staffed hours, over everyone listed. */
  productivity: number | null;
  /** Σ handling minutes ÷ Σ standard minutes. */
  handling: number | null;
  /** Σ corrections ÷ Σ served. */
  quality: number | null;
}

export interface RankingResult {
  officeMeans: OfficeMeans;
  /** Ranked people by rank (ties by staff number), then the unranked by staff number. */
  rows: RankedStaff[];
}

type RankingInput = Pick<
  StaffMeasures,
  | "staff"
  | "served"
  | "staffedDays"
  | "staffedHours"
  | "weightedCases"
  | "weightedPerHour"
  | "handledCases"
  | "handlingMinutes"
  | "standardMinutes"
  | "handlingRatio"
  | "corrections"
  | "correctionRate"
>;

/** For each component: the raw figure, its sample size, and whether higher is better. */
const COMPONENT_FIGURES: Record<RankingComponent, { raw: (m: RankingInput) => number | null; n: (m: RankingInput) => number; higherIsBetter: boolean }> = {
  productivity: { raw: (m) => m.weightedPerHour, n: (m) => m.served, higherIsBetter: true },
  handling: { raw: (m) => m.handlingRatio, n: (m) => m.handledCases, higherIsBetter: false },
  quality: { raw: (m) => m.correctionRate, n: (m) => m.served, higherIsBetter: false },
};

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);
const byStaff = (a: { staff: string }, b: { staff: string }) => a.staff.localeCompare(b.staff, "en", { numeric: true });

/**
 * Ranks the staff of one office for one period from their measures (`measureStaff`):
 * 1. Office means are pooled over everyone listed (Σ ÷ Σ), so the unranked still set the level.
 * 2. Each ranked person's figure is shrunk toward the mean: n is their served cases (handled cases
 *    for the handling ratio), k is `shrinkageCases`.
 * 3. Each shrunk figure is rescaled to 0–1 among the ranked: (x − min) ÷ (max − min), reversed where
 *    lower is better (handling ratio, correction rate); 1 for everyone when all are equal.
 * 4. score = 100 × Σ wᵢ·normᵢ ÷ Σ wᵢ over the components the office has figures for, rounded to
 *    two decimals; equal scores share a rank.
 * Not ranked: fewer staffed days than `minStaffedDays`, or no served case or staffed hour at all.
 */
export function rankStaff(measures: readonly RankingInput[], config: RankingConfig = DEFAULT_RANKING_CONFIG): RankingResult {
  const errors = validateRankingConfig(config);
  if (errors.length > 0) throw new RangeError(errors.join(" "));
  const sum = (f: (m: RankingInput) => number) => measures.reduce((s, m) => s + f(m), 0);
  const officeMeans: OfficeMeans = {
    productivity: ratio(sum((m) => m.weightedCases), sum((m) => m.staffedHours)),
    handling: ratio(sum((m) => m.handlingMinutes), sum((m) => m.standardMinutes)),
    quality: ratio(sum((m) => m.corrections), sum((m) => m.served)),
  };

  const reasonNotRanked = (m: RankingInput): string | null => {
    if (m.staffedDays < config.minStaffedDays) return `本期上櫃台 ${m.staffedDays} 日，未達 ${config.minStaffedDays} 日，列出但不排名。`;
    if (m.served <= 0 || m.staffedHours <= 0) return "本期沒有完成的案件或上櫃台時數，不排名。";
    return null;
  };
  const eligible = measures.filter((m) => reasonNotRanked(m) === null);
  const components = RANKING_COMPONENTS.filter((c) => officeMeans[c] !== null && config.weights[c] > 0);
  const totalWeight = components.reduce((s, c) => s + config.weights[c], 0);

  const shrunk = new Map<string, Record<string, number>>();
  for (const m of eligible) {
    const values: Record<string, number> = {};
    for (const c of components) values[c] = shrink(COMPONENT_FIGURES[c].raw(m), COMPONENT_FIGURES[c].n(m), officeMeans[c]!, config.shrinkageCases);
    shrunk.set(m.staff, values);
  }
  const ranges = Object.fromEntries(
    components.map((c) => {
      const xs = eligible.map((m) => shrunk.get(m.staff)![c]);
      return [c, { min: Math.min(...xs), max: Math.max(...xs) }];
    }),
  ) as Record<RankingComponent, { min: number; max: number }>;
  const normalize = (c: RankingComponent, x: number) => {
    const { min, max } = ranges[c];
    if (max - min < 1e-12) return 1;
    const t = (x - min) / (max - min);
    return COMPONENT_FIGURES[c].higherIsBetter ? t : 1 - t;
  };

  const rows: RankedStaff[] = measures.map((m) => {
    const reason = reasonNotRanked(m);
    const base = { staff: m.staff, served: m.served, staffedDays: m.staffedDays };
    if (reason !== null || totalWeight === 0) {
      return { ...base, rank: null, score: null, notRankedReason: reason ?? "本所沒有可比較的評比指標。", components: {} };
    }
    const parts: Partial<Record<RankingComponent, ComponentScore>> = {};
    let weightedSum = 0;
    for (const c of components) {
      const s = shrunk.get(m.staff)![c];
      const normalized = normalize(c, s);
      parts[c] = { raw: COMPONENT_FIGURES[c].raw(m), shrunk: s, normalized };
      weightedSum += config.weights[c] * normalized;
    }
    return { ...base, rank: 0, score: roundScore((100 * weightedSum) / totalWeight), notRankedReason: null, components: parts };
  });

  const ranked = rows.filter((r) => r.score !== null);
  const ranks = competitionRanks(ranked.map((r) => r.score!));
  ranked.forEach((r, i) => (r.rank = ranks[i]));
  ranked.sort((a, b) => a.rank! - b.rank! || byStaff(a, b));
  const unranked = rows.filter((r) => r.score === null).sort(byStaff);
  return { officeMeans, rows: [...ranked, ...unranked] };
}
