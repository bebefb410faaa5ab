// Small pure helpers the meeting page and the minutes share: how numbers are printed and who dissents.
import type { VoteChoice } from "~/modules/proposals/committee-rules";
import type { DecisionKind } from "~/modules/proposals/proposal-workflow";

/** Scores print with two decimals, the way reward-grade.ts rounds them (README, "Grade"); null → 「—」. */
export function formatScore(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? "—" : value.toFixed(2);
}

/** A member's raw points as typed (27.5 stays 27.5, 30 stays 30). */
export function formatPoints(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? "—" : String(Math.round(value * 100) / 100);
}

/**
 * The votes that disagree with the decision, for the minutes' 不同意見 (issue 4: "dissent"):
 * - 本所採行 / 報送上級機關 carry the proposal forward: 不採行 votes dissent;
 * - 不採行 / 列為參考 do not: 採行 and 修正後採行 votes dissent;
 * - 退回修正 asks for changes, the reading of 修正後採行: 採行 (as it stands) and 不採行 dissent.
 * Abstentions never dissent.
 */
export function dissentingVotes(decision: DecisionKind | null): readonly VoteChoice[] {
  switch (decision) {
    case "adopted":
    case "forwarded_up":
      return ["不採行"];
    case "not_adopted":
    case "reference":
      return ["採行", "修正後採行"];
    case "returned":
      return ["採行", "不採行"];
    default:
      return [];
  }
}

export function isDissent(vote: VoteChoice, decision: DecisionKind | null): boolean {
  return dissentingVotes(decision).includes(vote);
}

/**
 * The rubric's criteria in their form order: the order the office entered them (the settings and each
 * meeting store the weights as `json`, which keeps key order; committee-rules.ts reads that order).
 */
export function orderedCriteria(weights: Readonly<Record<string, number>>): [string, number][] {
  return Object.entries(weights);
}
