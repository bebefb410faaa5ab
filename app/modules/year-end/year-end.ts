// 年終考核依據 (issue 9, "Year-end summary"; seed 「記錄平時執行情形並作為年終考核之依據」): one person's
// year in one place — learning hours against the office's target, 法令測驗 results, proposals and their
// grades, incentive points and rewards, the counter rank. This file holds the shapes and the rules that
// need no database (which attempt counts, the per-person tallies, the export's rows); year-end.server.ts
// gathers the rows for a whole office with a fixed number of queries. Pure (ARCHITECTURE rule 6).
import type { TargetProgress } from "../training/hours";

// ------------------------------------------------------------------------------ shapes

export interface YearEndHours {
  sessionHours: number;
  elearningHours: number;
  outsideHours: number;
  totalHours: number;
  /** The digital-learning part of the total (approved e-learning). */
  digitalHours: number;
  /** Against the office's target; null when the office set none for the year. */
  progress: TargetProgress | null;
}

export interface YearEndQuiz {
  quizId: number;
  title: string;
  /** When it opened (or was created, for a quiz without an opening time), ISO. */
  heldAt: string;
  passPercent: number;
  grading: "highest" | "last";
  /** In the quiz's audience (a quiz taken while outside it still shows, but is not "assigned"). */
  assigned: boolean;
  /** The quiz's window has closed, so "not taken" is final. */
  closed: boolean;
  taken: boolean;
  /** The counted attempt (grading method): score, out of, percent, passed. Null when not taken. */
  score: number | null;
  maxScore: number | null;
  percent: number | null;
  passed: boolean | null;
  attempts: number;
}

export interface YearEndProposal {
  id: number;
  referenceNo: string | null;
  title: string;
  role: "proposer" | "coProposer";
  state: string;
  decision: string | null;
  rewardGrade: "甲" | "乙" | "丙" | null;
  submittedAt: string;
}

export interface YearEndIncentives {
  /** Final points of the year's board (adjustments included). */
  points: number;
  /** Rank on the office's board of the year (ties share a rank); null with no points. */
  rank: number | null;
  /** People on the board. */
  of: number;
  /** The reward the office's thresholds suggest for the points, or null. */
  reward: string | null;
  breakdown: { item: string; label: string; points: number }[];
}

export interface YearEndCounter {
  /** 1, 2, 2, 4 …; null when not ranked. */
  rank: number | null;
  /** People ranked in the office for the year. */
  of: number;
  score: number | null;
  served: number;
  staffedDays: number;
  /** Why not ranked, in zh-TW (the ranking's own words), or null when ranked or without counter work. */
  notRankedReason: string | null;
  /** No counter service recorded for the person in the year at all. */
  noCounterWork: boolean;
}

export interface QuizTally {
  /** Quizzes of the year assigned to the person whose window has opened. */
  assigned: number;
  /** Of those assigned, the ones with a submitted attempt. */
  takenOfAssigned: number;
  /** Every quiz of the year with a submitted attempt (assigned or not). */
  taken: number;
  passed: number;
  /** Mean of the counted percentages of the quizzes taken, one decimal; null when none. */
  meanPercent: number | null;
}

export interface ProposalTally {
  count: number;
  asProposer: number;
  asCoProposer: number;
  grades: { 甲: number; 乙: number; 丙: number };
}

export interface PersonYearEnd {
  userId: number;
  employeeNo: string;
  name: string;
  title: string;
  hours: YearEndHours;
  /** Training sessions of the year (not cancelled) the person attended, wholly or partly. */
  sessionsAttended: number;
  quizzes: YearEndQuiz[];
  quizTally: QuizTally;
  proposals: YearEndProposal[];
  proposalTally: ProposalTally;
  incentives: YearEndIncentives;
  counter: YearEndCounter;
}

export interface OfficeYearEnd {
  year: number;
  officeName: string;
  target: { totalHours: number; digitalHours: number } | null;
  people: PersonYearEnd[];
}

// ------------------------------------------------------------------------------ quizzes

export interface AttemptRow {
  attemptNo: number;
  state: "in_progress" | "submitted";
  score: number | null;
  maxScore: number;
  percent: number | null;
}

/**
 * The attempt a quiz counts, by its grading method — the same rule as the quiz page (quizzes.server.ts
 * `resultOf`): among submitted attempts, the highest percentage (the first attempt reaching it) or the
 * last one submitted. Null when nothing was submitted. Practice attempts never reach this function.
 */
export function countedAttempt(attempts: readonly AttemptRow[], grading: "highest" | "last"): AttemptRow | null {
  const submitted = attempts.filter((a) => a.state === "submitted" && a.percent !== null).sort((a, b) => a.attemptNo - b.attemptNo);
  if (submitted.length === 0) return null;
  if (grading === "last") return submitted[submitted.length - 1];
  return submitted.reduce((best, a) => (a.percent! > best.percent! ? a : best));
}

const round1 = (n: number) => Math.round(n * 10) / 10;

export function tallyQuizzes(quizzes: readonly YearEndQuiz[]): QuizTally {
  const assigned = quizzes.filter((q) => q.assigned);
  const taken = quizzes.filter((q) => q.taken);
  const percents = taken.map((q) => q.percent!).filter((p) => p !== null);
  return {
    assigned: assigned.length,
    takenOfAssigned: assigned.filter((q) => q.taken).length,
    taken: taken.length,
    passed: taken.filter((q) => q.passed).length,
    meanPercent: percents.length ? round1(percents.reduce((s, p) => s + p, 0) / percents.length) : null,
  };
}

// ------------------------------------------------------------------------------ proposals

export function tallyProposals(proposals: readonly YearEndProposal[]): ProposalTally {
  const grades = { 甲: 0, 乙: 0, 丙: 0 };
  for (const p of proposals) if (p.rewardGrade) grades[p.rewardGrade]++;
  return {
    count: proposals.length,
    asProposer: proposals.filter((p) => p.role === "proposer").length,
    asCoProposer: proposals.filter((p) => p.role === "coProposer").length,
    grades,
  };
}

/** 甲1、乙2 — only the grades held; "" when none. */
export function gradesText(grades: ProposalTally["grades"]): string {
  return (["甲", "乙", "丙"] as const)
    .filter((g) => grades[g] > 0)
    .map((g) => `${g}${grades[g]}`)
    .join("、");
}

// ------------------------------------------------------------------------------ does the year hold anything

/** Whether anything at all was recorded for the person in the year (else the page shows its empty state). */
export function hasAnyRecord(p: Pick<PersonYearEnd, "hours" | "sessionsAttended" | "quizzes" | "proposals" | "incentives" | "counter">): boolean {
  return (
    p.hours.totalHours > 0 ||
    p.sessionsAttended > 0 ||
    p.quizzes.length > 0 ||
    p.proposals.length > 0 ||
    p.incentives.points !== 0 ||
    p.incentives.breakdown.length > 0 ||
    !p.counter.noCounterWork
  );
}

// ------------------------------------------------------------------------------ the export

/** Numbers as the export writes them: one decimal at most, no trailing .0. */
export function numberText(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return "";
  return String(Math.round(n * 10) / 10);
}

export type CsvLabel =
  | "employeeNo"
  | "name"
  | "title"
  | "totalHours"
  | "targetTotal"
  | "digitalHours"
  | "targetDigital"
  | "judgement"
  | "sessionsAttended"
  | "quizzesAssigned"
  | "quizzesTaken"
  | "quizzesPassed"
  | "quizMean"
  | "proposals"
  | "gradeA"
  | "gradeB"
  | "gradeC"
  | "points"
  | "pointsRank"
  | "reward"
  | "counterRank"
  | "counterRanked"
  | "counterNote";

export const CSV_COLUMNS: readonly CsvLabel[] = [
  "employeeNo",
  "name",
  "title",
  "totalHours",
  "targetTotal",
  "digitalHours",
  "targetDigital",
  "judgement",
  "sessionsAttended",
  "quizzesAssigned",
  "quizzesTaken",
  "quizzesPassed",
  "quizMean",
  "proposals",
  "gradeA",
  "gradeB",
  "gradeC",
  "points",
  "pointsRank",
  "reward",
  "counterRank",
  "counterRanked",
  "counterNote",
];

export interface CsvWords {
  /** The learning-hours judgement in the reader's language, or the "no target" words. */
  judgement: (judgement: TargetProgress["judgement"] | null) => string;
  noCounterWork: string;
}

/**
 * One export line per person, in CSV_COLUMNS order: the headline numbers of the one-page summary, so the
 * personnel office can sort and file them. Cells stay plain numbers (no units) for a spreadsheet.
 */
export function csvRow(p: PersonYearEnd, words: CsvWords): (string | number)[] {
  const progress = p.hours.progress;
  const values: Record<CsvLabel, string | number> = {
    employeeNo: p.employeeNo,
    name: p.name,
    title: p.title,
    totalHours: numberText(p.hours.totalHours),
    targetTotal: progress ? numberText(progress.total.target) : "",
    digitalHours: numberText(p.hours.digitalHours),
    targetDigital: progress ? numberText(progress.digital.target) : "",
    judgement: words.judgement(progress ? progress.judgement : null),
    sessionsAttended: p.sessionsAttended,
    quizzesAssigned: p.quizTally.assigned,
    quizzesTaken: p.quizTally.takenOfAssigned,
    quizzesPassed: p.quizTally.passed,
    quizMean: numberText(p.quizTally.meanPercent),
    proposals: p.proposalTally.count,
    gradeA: p.proposalTally.grades.甲,
    gradeB: p.proposalTally.grades.乙,
    gradeC: p.proposalTally.grades.丙,
    points: numberText(p.incentives.points),
    pointsRank: p.incentives.rank ?? "",
    reward: p.incentives.reward ?? "",
    counterRank: p.counter.rank ?? "",
    counterRanked: p.counter.of,
    counterNote: p.counter.rank !== null ? "" : p.counter.noCounterWork ? words.noCounterWork : (p.counter.notRankedReason ?? ""),
  };
  return CSV_COLUMNS.map((c) => values[c]);
}
