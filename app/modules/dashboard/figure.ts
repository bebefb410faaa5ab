// The shape every dashboard figure takes, whatever module it comes from (issue 9: "Each figure states
// its period and definition, shows its target where one is set, its trend, and opens the table behind
// it"). Pure: the sections compute these on the server, the page only draws them.

export type FigureUnit = "percent" | "count" | "hours" | "days" | "points" | "score";

/** One bar or point of a trend: a period and the figure's value in it (null: nothing to measure). */
export interface TrendPoint {
  /** Period key (`2026-11`, `2026-Q4`, `2026-H2`, `2026`). */
  key: string;
  /** zh-TW label with the ROC year (Period.label). */
  label: string;
  value: number | null;
}

export type MissingReason = "noData" | "belowThreshold";

export interface Figure {
  /**
   * Stable id, e.g. `learning.onTrack`. Also the drill-down URL (`/dashboard/figures/learning.onTrack`)
   * and the message keys `dashboard.<id>.title` and `dashboard.<id>.definition` (the definition says
   * what is counted and over which period, in words a clerk understands).
   */
  id: string;
  /** null when there is nothing to measure: the page shows an empty state, never an error or a 0. */
  value: number | null;
  unit: FigureUnit;
  /** For rates: "12 of 15" beside the percentage. */
  numerator?: number;
  denominator?: number;
  /** The office's target for this figure, where one is set (same unit as value). */
  target?: number | null;
  /** Colours the target and the trend: is a larger value good news? */
  higherIsBetter: boolean;
  /** The same figure in the previous period of the same kind (or the previous survey round). */
  previous?: number | null;
  /** Oldest first, ending with the chosen period; at most TREND_LENGTH points. */
  trend: TrendPoint[];
  /** Why value is null: no data in the period, or withheld because too few answered (anonymity). */
  missingReason?: MissingReason;
  /** False when the figure has no table behind it. */
  drillable?: boolean;
}

/** A short ranked list (weakest topics, most-read cases, incentive leaders, counter ranks). */
export interface RankedList {
  /** Message keys `dashboard.<id>.title` and `dashboard.<id>.definition`; drill-down as for figures. */
  id: string;
  unit: FigureUnit;
  rows: { label: string; value: number; href?: string; note?: string }[];
  drillable?: boolean;
}

/** Something a supervisor should chase (issue 9: "A list of what is overdue"). */
export interface OverdueItem {
  kind: "sessionAttendance" | "quizNotTaken" | "circulationUnread" | "proposalWaiting";
  /** What is overdue, in the record's own words (session title, quiz title, clipping title, proposal title). */
  title: string;
  /** How many people it concerns (people not taken, recipients not acknowledged); 1 for a proposal. */
  count: number;
  /** The date it became overdue, `YYYY-MM-DD` (Taipei). */
  since: string;
  /** Whole days overdue at `now`. */
  daysOverdue: number;
  /** Where it is dealt with. */
  href: string;
  /** Extra words, e.g. the proposal's stage name or the people's names (short). */
  note?: string;
}

/** One drill-down table: the rows behind a figure. */
export interface DrillTable {
  figureId: string;
  columns: { key: string; label: string; kind: "text" | "number" | "percent" | "hours" | "date" | "days" }[];
  /** A text cell links where a `${key}Href` value is present in the row. */
  rows: Record<string, string | number | null>[];
}

export interface SectionResult {
  figures: Figure[];
  lists: RankedList[];
  overdue: OverdueItem[];
}

export const TREND_LENGTH = 6;

/** n / d as a percentage rounded to one decimal, or null when there is nothing to divide by. */
export function percentOf(numerator: number, denominator: number): number | null {
  if (denominator <= 0) return null;
  return Math.round((numerator / denominator) * 1000) / 10;
}

/** The median of the values (mean of the middle two for an even count), or null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Rounded to one decimal, keeping null. */
export function round1(value: number | null): number | null {
  return value === null ? null : Math.round(value * 10) / 10;
}

export type TargetStatus = "met" | "missed" | "none";

/** Whether the value meets its target, taking the figure's direction into account. */
export function targetStatus(figure: Pick<Figure, "value" | "target" | "higherIsBetter">): TargetStatus {
  if (figure.value === null || figure.target === null || figure.target === undefined) return "none";
  return (figure.higherIsBetter ? figure.value >= figure.target : figure.value <= figure.target) ? "met" : "missed";
}

export type Change = "better" | "worse" | "same" | "unknown";

/** The change against the previous period, judged by the figure's direction. */
export function changeAgainstPrevious(figure: Pick<Figure, "value" | "previous" | "higherIsBetter">): { delta: number | null; change: Change } {
  if (figure.value === null || figure.previous === null || figure.previous === undefined) return { delta: null, change: "unknown" };
  const delta = Math.round((figure.value - figure.previous) * 10) / 10;
  if (delta === 0) return { delta, change: "same" };
  return { delta, change: delta > 0 === figure.higherIsBetter ? "better" : "worse" };
}
