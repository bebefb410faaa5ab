import { describe, expect, it } from "vitest";
import { CSV_COLUMNS, countedAttempt, csvRow, gradesText, hasAnyRecord, tallyProposals, tallyQuizzes, type AttemptRow, type PersonYearEnd, type YearEndQuiz } from "./year-end";
import { yearFromSearch, yearOptions } from "./year-end.schema";

const attempt = (attemptNo: number, percent: number | null, state: AttemptRow["state"] = "submitted"): AttemptRow => ({
  attemptNo,
  state,
  score: percent === null ? null : percent / 10,
  maxScore: 10,
  percent,
});

const quiz = (over: Partial<YearEndQuiz>): YearEndQuiz => ({
  quizId: 1,
  title: "測驗",
  heldAt: "2026-03-01T00:00:00.000Z",
  passPercent: 60,
  grading: "highest",
  assigned: true,
  closed: true,
  taken: false,
  score: null,
  maxScore: null,
  percent: null,
  passed: null,
  attempts: 0,
  ...over,
});

describe("the attempt a quiz counts", () => {
  it("takes the best submitted attempt for 'highest', the first one reaching it on a tie", () => {
    const counted = countedAttempt([attempt(1, 50), attempt(2, 80), attempt(3, 80), attempt(4, 95, "in_progress")], "highest");
    expect(counted?.attemptNo).toBe(2);
    expect(counted?.percent).toBe(80);
  });

  it("takes the last submitted attempt for 'last', even when it is lower", () => {
    expect(countedAttempt([attempt(2, 40), attempt(1, 90), attempt(3, 70, "in_progress")], "last")?.attemptNo).toBe(2);
  });

  it("counts nothing when no attempt was submitted", () => {
    expect(countedAttempt([attempt(1, null, "in_progress")], "highest")).toBeNull();
    expect(countedAttempt([], "last")).toBeNull();
  });
});

describe("the quiz tally", () => {
  it("counts taken of assigned, passes and the mean of the counted percentages", () => {
    const tally = tallyQuizzes([
      quiz({ quizId: 1, taken: true, percent: 80, passed: true }),
      quiz({ quizId: 2, taken: true, percent: 55, passed: false }),
      quiz({ quizId: 3 }),
      // Taken while not in the audience: counts as taken and in the mean, not as assigned.
      quiz({ quizId: 4, assigned: false, taken: true, percent: 70, passed: true }),
    ]);
    expect(tally).toEqual({ assigned: 3, takenOfAssigned: 2, taken: 3, passed: 2, meanPercent: 68.3 });
  });

  it("has no mean when nothing was taken", () => {
    expect(tallyQuizzes([quiz({})]).meanPercent).toBeNull();
    expect(tallyQuizzes([])).toEqual({ assigned: 0, takenOfAssigned: 0, taken: 0, passed: 0, meanPercent: null });
  });
});

describe("the proposal tally", () => {
  it("counts roles and grades and writes the grades held", () => {
    const base = { referenceNo: null, title: "x", state: "reviewed", decision: "adopted", submittedAt: "2026-01-01T00:00:00Z" };
    const tally = tallyProposals([
      { ...base, id: 1, role: "proposer", rewardGrade: "甲" },
      { ...base, id: 2, role: "coProposer", rewardGrade: "丙" },
      { ...base, id: 3, role: "proposer", rewardGrade: "丙" },
      { ...base, id: 4, role: "proposer", rewardGrade: null },
    ]);
    expect(tally).toEqual({ count: 4, asProposer: 3, asCoProposer: 1, grades: { 甲: 1, 乙: 0, 丙: 2 } });
    expect(gradesText(tally.grades)).toBe("甲1、丙2");
    expect(gradesText({ 甲: 0, 乙: 0, 丙: 0 })).toBe("");
  });
});

function person(over: Partial<PersonYearEnd> = {}): PersonYearEnd {
  return {
    userId: 7,
    employeeNo: "YE010",
    name: "王小明",
    title: "課員",
    hours: { sessionHours: 0, elearningHours: 0, outsideHours: 0, totalHours: 0, digitalHours: 0, progress: null },
    sessionsAttended: 0,
    quizzes: [],
    quizTally: tallyQuizzes([]),
    proposals: [],
    proposalTally: tallyProposals([]),
    incentives: { points: 0, rank: null, of: 3, reward: null, breakdown: [] },
    counter: { rank: null, of: 0, score: null, served: 0, staffedDays: 0, notRankedReason: null, noCounterWork: true },
    ...over,
  };
}

describe("the export line", () => {
  const words = { judgement: (j: string | null) => (j === null ? "未設定目標" : `判定:${j}`), noCounterWork: "無櫃台紀錄" };

  it("writes the headline numbers in the column order", () => {
    const p = person({
      hours: {
        sessionHours: 3,
        elearningHours: 2.5,
        outsideHours: 0,
        totalHours: 5.5,
        digitalHours: 2.5,
        progress: {
          year: 2026,
          yearElapsed: 1,
          judgement: "behind",
          total: { achieved: 5.5, target: 20, remaining: 14.5, percent: 27.5, expectedByNow: 20, behindBy: 14.5, judgement: "behind" },
          digital: { achieved: 2.5, target: 5, remaining: 2.5, percent: 50, expectedByNow: 5, behindBy: 2.5, judgement: "behind" },
        },
      },
      sessionsAttended: 2,
      quizTally: { assigned: 3, takenOfAssigned: 2, taken: 2, passed: 1, meanPercent: 67.5 },
      proposalTally: { count: 2, asProposer: 1, asCoProposer: 1, grades: { 甲: 1, 乙: 0, 丙: 0 } },
      incentives: { points: 12.5, rank: 1, of: 3, reward: "嘉獎一次", breakdown: [] },
      counter: { rank: 2, of: 2, score: 0, served: 10, staffedDays: 1, notRankedReason: null, noCounterWork: false },
    });
    const row = csvRow(p, words);
    expect(row).toHaveLength(CSV_COLUMNS.length);
    expect(Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, row[i]]))).toEqual({
      employeeNo: "YE010",
      name: "王小明",
      title: "課員",
      totalHours: "5.5",
      targetTotal: "20",
      digitalHours: "2.5",
      targetDigital: "5",
      judgement: "判定:behind",
      sessionsAttended: 2,
      quizzesAssigned: 3,
      quizzesTaken: 2,
      quizzesPassed: 1,
      quizMean: "67.5",
      proposals: 2,
      gradeA: 1,
      gradeB: 0,
      gradeC: 0,
      points: "12.5",
      pointsRank: 1,
      reward: "嘉獎一次",
      counterRank: 2,
      counterRanked: 2,
      counterNote: "",
    });
  });

  it("leaves targets, mean and ranks blank when there are none and says why the counter is unranked", () => {
    const row = csvRow(person(), words);
    const cell = (c: (typeof CSV_COLUMNS)[number]) => row[CSV_COLUMNS.indexOf(c)];
    expect([cell("targetTotal"), cell("judgement"), cell("quizMean"), cell("pointsRank"), cell("counterRank"), cell("counterNote")]).toEqual(["", "未設定目標", "", "", "", "無櫃台紀錄"]);
    const unranked = csvRow(person({ counter: { rank: null, of: 2, score: null, served: 3, staffedDays: 1, notRankedReason: "本期上櫃台 1 日，未達 12 日，列出但不排名。", noCounterWork: false } }), words);
    expect(unranked[CSV_COLUMNS.indexOf("counterNote")]).toBe("本期上櫃台 1 日，未達 12 日，列出但不排名。");
  });

  it("tells an empty year from one with records", () => {
    expect(hasAnyRecord(person())).toBe(false);
    expect(hasAnyRecord(person({ sessionsAttended: 1 }))).toBe(true);
    expect(hasAnyRecord(person({ counter: { rank: null, of: 0, score: null, served: 1, staffedDays: 1, notRankedReason: "x", noCounterWork: false } }))).toBe(true);
  });
});

describe("the year in the URL", () => {
  const now = new Date("2026-06-15T04:00:00Z");
  const url = (q: string) => new URL(`http://x/year-end${q}`);

  it("defaults to this year in Taipei and reads a four-digit year", () => {
    expect(yearFromSearch(url(""), now)).toEqual({ year: 2026, invalid: null });
    expect(yearFromSearch(url("?year=2024"), now)).toEqual({ year: 2024, invalid: null });
    // 31 December 17:00 UTC is already New Year's Day in Taipei.
    expect(yearFromSearch(url(""), new Date("2026-12-31T17:00:00Z")).year).toBe(2027);
  });

  it("falls back to this year and keeps what was typed when the year cannot be read", () => {
    for (const bad of ["abc", "115.5", "1999", "99999"]) expect(yearFromSearch(url(`?year=${bad}`), now)).toEqual({ year: 2026, invalid: bad });
  });

  it("offers the last six years, and the one shown, newest first", () => {
    expect(yearOptions(2026, now)).toEqual([2026, 2025, 2024, 2023, 2022, 2021]);
    expect(yearOptions(2015, now)).toEqual([2026, 2025, 2024, 2023, 2022, 2021, 2015]);
  });
});
