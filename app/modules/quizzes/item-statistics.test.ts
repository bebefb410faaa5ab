import { describe, expect, it } from "vitest";
import {
  flagsFor,
  histogram,
  itemStatistics,
  median,
  pickAttempts,
  quizStatistics,
  sampleSd,
  topicFacility,
  type AttemptForStats,
} from "./item-statistics";

// Matrix 1: five people, three one-point questions (1 = right, 0 = wrong).
//
//          Q1 Q2 Q3 | total  percent
//   A       1  1  1 |   3    100
//   B       1  1  0 |   2     66.67
//   C       1  0  1 |   2     66.67
//   D       1  0  0 |   1     33.33
//   E       0  0  0 |   0      0
//
// Quiz: mean = (100 + 66.67 + 66.67 + 33.33 + 0) / 5 = 53.33; median = 66.67.
//   SD (n − 1): deviations 46.67, 13.33, 13.33, −20, −53.33; squares sum 5777.78; / 4 = 1444.44;
//   √ = 38.006. Pass mark 60: A, B, C pass → 60 %. Histogram: bins 0, 3, 6, 6, 9.
//
// Q1: marks 1 1 1 1 0 (mean 0.8 → facility 80). Rest of test (total − Q1): 2 1 1 0 0 (mean 0.8).
//   mark deviations .2 .2 .2 .2 −.8 → Σd² = .8 → variance .8/4 = .2 → SD √.2 = .4472 → 44.72 %.
//   rest deviations 1.2 .2 .2 −.8 −.8 → Σd² = 2.8 → variance .7.
//   Σ products = .24 + .04 + .04 − .16 + .64 = .8 → covariance .2.
//   discrimination = 100 × .2 / √(.2 × .7) = 100 × .2 / .37417 = 53.45.
//   covariance max (both sorted): marks 0 1 1 1 1, rest 0 0 1 1 2 → Σ = .64 − .16 + .04 + .04 + .24 = .8
//   → .2 → discriminative efficiency 100.
// Q2: marks 1 1 0 0 0 (facility 40). Rest: 2 1 2 1 0 (mean 1.2).
//   mark Σd² = .36·2 + .16·3 = 1.2 → variance .3 → SD √.3 = 54.77 %. rest Σd² = 2.8 → .7.
//   Σ products = .48 − .12 − .32 + .08 + .48 = .6 → covariance .15.
//   discrimination = 100 × .15 / √(.3 × .7) = 100 × .15 / .45826 = 32.73.
//   covariance max: marks 0 0 0 1 1, rest 0 1 1 2 2 → Σ = .48 + .08 + .08 + .48 + .48 = 1.6 → .4
//   → efficiency 100 × .15 / .4 = 37.5.
// Q3: marks 1 0 1 0 0 (facility 40), rest 2 2 1 1 0: the same numbers as Q2 (32.73).
// (Checked independently with Python's statistics.correlation and statistics.stdev.)
const MATRIX_1 = [
  [1, 1, 1],
  [1, 1, 0],
  [1, 0, 1],
  [1, 0, 0],
  [0, 0, 0],
];

function attemptsOf(matrix: number[][], points: number[] = matrix[0].map(() => 1)): AttemptForStats[] {
  const max = points.reduce((s, p) => s + p, 0);
  return matrix.map((row, i) => {
    const score = row.reduce((s, f, j) => s + f * points[j], 0);
    return {
      attemptId: i + 1,
      userId: i + 1,
      attemptNo: 1,
      percent: (score / max) * 100,
      // The right option is index 0; a wrong answer chose option 1 (person E left Q3 empty).
      items: row.map((f, j) => ({ key: `Q${j + 1}`, mark: f * points[j], maxMark: points[j], choices: i === 4 && j === 2 ? [] : [f === 1 ? 0 : 1] })),
    };
  });
}

const KEYS = [
  { key: "Q1", optionCount: 4 },
  { key: "Q2", optionCount: 4 },
  { key: "Q3", optionCount: 4 },
];

describe("quizStatistics on matrix 1", () => {
  const stats = quizStatistics(attemptsOf(MATRIX_1), 60, KEYS);

  it("has the quiz figures", () => {
    expect(stats.participants).toBe(5);
    expect(stats.attemptsAnalysed).toBe(5);
    expect(stats.mean).toBeCloseTo(53.333, 3);
    expect(stats.median).toBeCloseTo(66.667, 3);
    expect(stats.sd).toBeCloseTo(38.006, 3);
    expect(stats.passRate).toBeCloseTo(60, 6);
    expect(stats.histogram).toEqual([1, 0, 0, 1, 0, 0, 2, 0, 0, 1]);
  });

  it("has each question's facility, SD, discrimination and efficiency", () => {
    const [q1, q2, q3] = stats.items;
    expect(q1.facility).toBeCloseTo(80, 6);
    expect(q1.sd).toBeCloseTo(44.721, 3);
    expect(q1.discrimination).toBeCloseTo(53.452, 3);
    expect(q1.discriminativeEfficiency).toBeCloseTo(100, 6);
    expect(q2.facility).toBeCloseTo(40, 6);
    expect(q2.sd).toBeCloseTo(54.772, 3);
    expect(q2.discrimination).toBeCloseTo(32.733, 3);
    expect(q2.discriminativeEfficiency).toBeCloseTo(37.5, 6);
    expect(q3.discrimination).toBeCloseTo(32.733, 3);
    expect(stats.items.map((i) => i.flags)).toEqual([[], [], []]);
  });

  it("counts the options chosen and the unanswered", () => {
    const [q1, , q3] = stats.items;
    expect(q1.optionCounts).toEqual([4, 1, 0, 0]);
    expect(q1.unanswered).toBe(0);
    expect(q3.optionCounts).toEqual([2, 2, 0, 0]);
    expect(q3.unanswered).toBe(1);
  });

  it("gives the same indexes when questions are worth more points (marks scale with the max)", () => {
    const weighted = quizStatistics(attemptsOf(MATRIX_1, [2, 1, 1]), 60, KEYS);
    expect(weighted.items[0].facility).toBeCloseTo(80, 6);
    expect(weighted.items[0].sd).toBeCloseTo(44.721, 3);
    // Q1's own discrimination does not depend on its weight (rest of test is unchanged).
    expect(weighted.items[0].discrimination).toBeCloseTo(53.452, 3);
  });
});

// Matrix 2: four people, two one-point questions; who gets Q1 right gets Q2 wrong.
//   P: 1 0   Q: 1 0   R: 0 1   S: 0 1
// Q1: facility 50; its rest of test is Q2 (0 0 1 1), perfectly opposite → discrimination −100.
// Q2 the same. Both flagged negativeDiscrimination.
describe("a question that the weaker half answers right", () => {
  it("has a negative discrimination index and is flagged", () => {
    const stats = quizStatistics(
      attemptsOf([
        [1, 0],
        [1, 0],
        [0, 1],
        [0, 1],
      ]),
      60,
      [
        { key: "Q1", optionCount: 2 },
        { key: "Q2", optionCount: 2 },
      ],
    );
    expect(stats.items[0].facility).toBeCloseTo(50, 6);
    expect(stats.items[0].discrimination).toBeCloseTo(-100, 6);
    expect(stats.items[0].flags).toEqual(["negativeDiscrimination"]);
    expect(stats.passRate).toBe(0);
  });
});

describe("edge cases", () => {
  it("has no discrimination when everyone gets the question right (no spread), and flags it as too easy", () => {
    const s = itemStatistics(
      "Q",
      [
        { mark: 1, rest: 3, maxMark: 1, choices: [0] },
        { mark: 1, rest: 1, maxMark: 1, choices: [0] },
      ],
      3,
    );
    expect(s.facility).toBe(100);
    expect(s.sd).toBe(0);
    expect(s.discrimination).toBeNull();
    expect(s.flags).toEqual(["tooEasy"]);
  });

  it("has no spread figures with one attempt, and nothing at all with none", () => {
    const one = itemStatistics("Q", [{ mark: 0, rest: 2, maxMark: 1, choices: [1] }], 2);
    expect(one).toMatchObject({ count: 1, facility: 0, sd: null, discrimination: null, flags: ["tooHard"] });
    const none = quizStatistics([], 60, [{ key: "Q", optionCount: 2 }]);
    expect(none).toMatchObject({ participants: 0, mean: null, median: null, sd: null, passRate: null });
    expect(none.items[0]).toMatchObject({ count: 0, facility: null, optionCounts: [0, 0] });
  });

  it("flags by the issue's thresholds", () => {
    expect(flagsFor(19.9, 30)).toEqual(["tooHard"]);
    expect(flagsFor(20, 20)).toEqual([]);
    expect(flagsFor(95.1, null)).toEqual(["tooEasy"]);
    expect(flagsFor(60, 19.9)).toEqual(["lowDiscrimination"]);
    expect(flagsFor(60, -0.1)).toEqual(["negativeDiscrimination"]);
  });

  it("has the small helpers right", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(sampleSd([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(2.138, 3); // population SD 2, sample √(32/7)
    expect(histogram([0, 9.99, 10, 55, 99.9, 100])).toEqual([2, 1, 0, 0, 0, 1, 0, 0, 0, 2]);
  });
});

describe("pickAttempts (Moodle's 'which attempts')", () => {
  const attempts = [
    { userId: 1, attemptNo: 1, percent: 40 },
    { userId: 1, attemptNo: 2, percent: 90 },
    { userId: 1, attemptNo: 3, percent: 70 },
    { userId: 2, attemptNo: 1, percent: 50 },
  ];
  it("keeps one attempt per person by the chosen rule, or all", () => {
    expect(pickAttempts(attempts, "first").map((a) => a.percent)).toEqual([40, 50]);
    expect(pickAttempts(attempts, "last").map((a) => a.percent)).toEqual([70, 50]);
    expect(pickAttempts(attempts, "highest").map((a) => a.percent)).toEqual([90, 50]);
    expect(pickAttempts(attempts, "all")).toHaveLength(4);
  });
});

describe("topicFacility", () => {
  it("orders categories by mean facility, weakest first", () => {
    // 戶籍法: 1 of 2 points → 50 %; 國籍法: 3 of 4 → 75 %; 姓名條例: 0 of 1 → 0 %.
    expect(
      topicFacility([
        { category: "戶籍法", mark: 1, maxMark: 1 },
        { category: "戶籍法", mark: 0, maxMark: 1 },
        { category: "國籍法", mark: 2, maxMark: 2 },
        { category: "國籍法", mark: 1, maxMark: 2 },
        { category: "姓名條例", mark: 0, maxMark: 1 },
      ]),
    ).toEqual([
      { category: "姓名條例", items: 1, facility: 0 },
      { category: "戶籍法", items: 2, facility: 50 },
      { category: "國籍法", items: 2, facility: 75 },
    ]);
  });
});
