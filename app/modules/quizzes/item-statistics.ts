// Quiz and item statistics with Moodle's definitions (mod/quiz/report/statistics and
// question/classes/statistics/questions/calculator.php). Pure: no I/O, so the rules can be read
// and checked by hand (ARCHITECTURE rule 6).
//
// Definitions, as Moodle computes them:
// - An item's mark is fraction × the points it was worth; its "rest of test" mark is the
//   attempt's total minus that item's mark (Moodle's othermarks for a position statistic).
// - Facility index = mean item mark / max mark × 100.
// - Item standard deviation = sample SD (n − 1) of the item mark / max mark × 100.
// - Discrimination index = 100 × Pearson correlation of item mark and rest-of-test mark,
//   with sample variances and covariance (n − 1); undefined when either variance is 0.
// - Discriminative efficiency = 100 × covariance / the largest covariance those marks could have
//   (both lists sorted); Moodle flags a question as dubious when it is below 15 %.
// - Quiz mean, median and SD are of each analysed attempt's percent; SD with n − 1 like Moodle.
//
// Which attempts: Moodle's report analyses, by default, the attempt that counts under the
// quiz's grading method (whichattempts = $quiz->grademethod: highest or last here). First
// attempts and all attempts can be chosen instead. Practice attempts are never passed in.

export const WHICH_ATTEMPTS = ["highest", "last", "first", "all"] as const;
export type WhichAttempts = (typeof WHICH_ATTEMPTS)[number];

/** One submitted attempt as the statistics need it. */
export interface AttemptForStats {
  attemptId: number;
  userId: number;
  attemptNo: number;
  /** Share of the quiz's points earned, 0..100. */
  percent: number;
  items: ItemForStats[];
}

export interface ItemForStats {
  /** What groups items into one row: the position (slot) for fixed quizzes, the question for random ones. */
  key: string;
  /** Points earned (fraction × points). */
  mark: number;
  /** Points the item was worth. */
  maxMark: number;
  /** Indexes (into the question's answers) of the options chosen; empty = not answered or not a choice question. */
  choices: number[];
}

/** Moodle's "which attempts" rule: per person, the attempt(s) the statistics use. */
export function pickAttempts<A extends { userId: number; attemptNo: number; percent: number }>(attempts: A[], which: WhichAttempts): A[] {
  if (which === "all") return [...attempts].sort((a, b) => a.userId - b.userId || a.attemptNo - b.attemptNo);
  const byUser = new Map<number, A>();
  for (const attempt of attempts) {
    const kept = byUser.get(attempt.userId);
    if (!kept) {
      byUser.set(attempt.userId, attempt);
      continue;
    }
    const better =
      which === "first"
        ? attempt.attemptNo < kept.attemptNo
        : which === "last"
          ? attempt.attemptNo > kept.attemptNo
          : attempt.percent > kept.percent || (attempt.percent === kept.percent && attempt.attemptNo < kept.attemptNo);
    if (better) byUser.set(attempt.userId, attempt);
  }
  return [...byUser.values()].sort((a, b) => a.userId - b.userId);
}

// ------------------------------------------------------------------------------ small helpers

export function mean(values: number[]): number | null {
  if (values.length === 0) return null;
  return values.reduce((s, v) => s + v, 0) / values.length;
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Sample standard deviation (n − 1), as Moodle; null below two values. */
export function sampleSd(values: number[]): number | null {
  if (values.length < 2) return null;
  const m = mean(values)!;
  return Math.sqrt(values.reduce((s, v) => s + (v - m) ** 2, 0) / (values.length - 1));
}

/** Ten bins of percent: [0,10), [10,20) … [80,90), [90,100] (100 falls in the last bin). */
export function histogram(percents: number[]): number[] {
  const bins = new Array<number>(10).fill(0);
  for (const p of percents) bins[Math.min(9, Math.max(0, Math.floor(p / 10)))] += 1;
  return bins;
}

// ------------------------------------------------------------------------------ per item

export type ItemFlag = "tooHard" | "tooEasy" | "lowDiscrimination" | "negativeDiscrimination";

/** Thresholds for "likely a bad question" (the rule, close to Moodle's dubious flag). */
export const FLAG_RULES = { minFacility: 20, maxFacility: 95, minDiscrimination: 20 } as const;

export interface ItemStatistics {
  key: string;
  /** Attempts that had this item. */
  count: number;
  maxMark: number;
  /** 0..100, null without attempts. */
  facility: number | null;
  /** SD of the item mark as a percent of its max mark; null below two attempts. */
  sd: number | null;
  /** −100..100; null when it cannot be computed (fewer than two attempts, or no spread). */
  discrimination: number | null;
  discriminativeEfficiency: number | null;
  /** How many chose each option, indexed like the question's answers. */
  optionCounts: number[];
  /** Attempts that gave no answer to this item. */
  unanswered: number;
  flags: ItemFlag[];
}

export function flagsFor(facility: number | null, discrimination: number | null): ItemFlag[] {
  const flags: ItemFlag[] = [];
  if (facility !== null && facility < FLAG_RULES.minFacility) flags.push("tooHard");
  if (facility !== null && facility > FLAG_RULES.maxFacility) flags.push("tooEasy");
  if (discrimination !== null && discrimination < 0) flags.push("negativeDiscrimination");
  else if (discrimination !== null && discrimination < FLAG_RULES.minDiscrimination) flags.push("lowDiscrimination");
  return flags;
}

/**
 * Statistics of one item from its (mark, rest-of-test mark) pairs, following calculator.php's
 * initial and secondary walkers.
 */
export function itemStatistics(
  key: string,
  pairs: { mark: number; rest: number; maxMark: number; choices: number[] }[],
  optionCount: number,
): ItemStatistics {
  const n = pairs.length;
  const maxMark = pairs.reduce((m, p) => Math.max(m, p.maxMark), 0);
  const optionCounts = new Array<number>(optionCount).fill(0);
  let unanswered = 0;
  for (const p of pairs) {
    if (p.choices.length === 0) unanswered += 1;
    for (const c of p.choices) if (c >= 0 && c < optionCount) optionCounts[c] += 1;
  }
  if (n === 0) {
    return { key, count: 0, maxMark, facility: null, sd: null, discrimination: null, discriminativeEfficiency: null, optionCounts, unanswered, flags: [] };
  }
  const marks = pairs.map((p) => p.mark);
  const rests = pairs.map((p) => p.rest);
  const markMean = mean(marks)!;
  const restMean = mean(rests)!;
  const facility = maxMark > 0 ? (markMean / maxMark) * 100 : null;

  let discrimination: number | null = null;
  let efficiency: number | null = null;
  let sd: number | null = null;
  if (n > 1) {
    let markVar = 0;
    let restVar = 0;
    let cov = 0;
    for (const p of pairs) {
      markVar += (p.mark - markMean) ** 2;
      restVar += (p.rest - restMean) ** 2;
      cov += (p.mark - markMean) * (p.rest - restMean);
    }
    // Largest covariance the same marks could have: both sorted (Moodle's covariancemax).
    // Typed arrays sort numerically without a comparator call per step (10,000 attempts; issue 10).
    const sortedMarks = Float64Array.from(marks).sort();
    const sortedRests = Float64Array.from(rests).sort();
    let covMax = 0;
    for (let i = 0; i < n; i++) covMax += (sortedMarks[i] - markMean) * (sortedRests[i] - restMean);
    markVar /= n - 1;
    restVar /= n - 1;
    cov /= n - 1;
    covMax /= n - 1;
    sd = maxMark > 0 ? (Math.sqrt(markVar) / maxMark) * 100 : null;
    // Rounding noise: a variance of 1e-30 is no spread at all.
    if (markVar > 1e-12 && restVar > 1e-12) discrimination = (100 * cov) / Math.sqrt(markVar * restVar);
    if (Math.abs(covMax) > 1e-12) efficiency = (100 * cov) / covMax;
  }
  return { key, count: n, maxMark, facility, sd, discrimination, discriminativeEfficiency: efficiency, optionCounts, unanswered, flags: flagsFor(facility, discrimination) };
}

// ------------------------------------------------------------------------------ per quiz

export interface QuizStatistics {
  /** Distinct people among the analysed attempts. */
  participants: number;
  attemptsAnalysed: number;
  mean: number | null;
  median: number | null;
  sd: number | null;
  /** Share of analysed attempts at or above the pass mark, 0..100. */
  passRate: number | null;
  /** Ten bins of percent (see histogram()). */
  histogram: number[];
  items: ItemStatistics[];
}

/**
 * Statistics of a quiz from the analysed attempts (already picked with pickAttempts).
 * `itemKeys` fixes the order of the rows and how many options each has.
 */
export function quizStatistics(attempts: AttemptForStats[], passPercent: number, itemKeys: { key: string; optionCount: number }[]): QuizStatistics {
  const percents = attempts.map((a) => a.percent);
  const pairsByKey = new Map<string, { mark: number; rest: number; maxMark: number; choices: number[] }[]>();
  for (const attempt of attempts) {
    const total = attempt.items.reduce((s, i) => s + i.mark, 0);
    for (const item of attempt.items) {
      const list = pairsByKey.get(item.key) ?? [];
      list.push({ mark: item.mark, rest: total - item.mark, maxMark: item.maxMark, choices: item.choices });
      pairsByKey.set(item.key, list);
    }
  }
  return {
    participants: new Set(attempts.map((a) => a.userId)).size,
    attemptsAnalysed: attempts.length,
    mean: mean(percents),
    median: median(percents),
    sd: sampleSd(percents),
    passRate: attempts.length ? (percents.filter((p) => p >= passPercent).length / attempts.length) * 100 : null,
    histogram: histogram(percents),
    items: itemKeys.map(({ key, optionCount }) => itemStatistics(key, pairsByKey.get(key) ?? [], optionCount)),
  };
}

/**
 * Weakest topics: categories ordered by mean facility (marks earned / marks possible, lowest
 * first). Each input row is one answered item, or an already summed group of `items` items.
 */
export function topicFacility(items: { category: string; mark: number; maxMark: number; items?: number }[]): { category: string; items: number; facility: number }[] {
  const byCategory = new Map<string, { marks: number; max: number; items: number }>();
  for (const item of items) {
    if (item.maxMark <= 0) continue;
    const row = byCategory.get(item.category) ?? { marks: 0, max: 0, items: 0 };
    row.marks += item.mark;
    row.max += item.maxMark;
    row.items += item.items ?? 1;
    byCategory.set(item.category, row);
  }
  return [...byCategory.entries()]
    .map(([category, r]) => ({ category, items: r.items, facility: (r.marks / r.max) * 100 }))
    .sort((a, b) => a.facility - b.facility || a.category.localeCompare(b.category));
}
