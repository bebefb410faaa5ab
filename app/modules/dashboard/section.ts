// What each part of the quality dashboard provides. One file per section under ./sections, each owning
// its queries; the page (routes/dashboard*.tsx) only lays them out.
import type { Executor } from "../../../db/connect";
import type { Period } from "../counters/periods";
import type { DrillTable, SectionResult } from "./figure";

export interface SectionContext {
  db: Executor;
  /**
   * The offices to compute for: one for a supervisor or director, every district office for the bureau's
   * side-by-side view. Queries take them all at once and group by office: never a query per office or per row.
   */
  officeIds: readonly number[];
  period: Period;
  /** Today's Taipei date, `YYYY-MM-DD`; "on track", "overdue" and "running period" are judged against it. */
  today: string;
  now: Date;
  /**
   * False for the bureau's side-by-side view, which shows the figures only: a section may then skip
   * its ranked lists (and their cost) and return them empty.
   */
  withLists?: boolean;
}

export interface DashboardSection {
  id: "learning" | "quizzes" | "knowledge" | "proposals" | "incentives" | "counters" | "surveys";
  /** Every office in `officeIds` gets an entry, empty figures included (value null, missingReason "noData"). */
  compute(context: SectionContext): Promise<Map<number, SectionResult>>;
  /** The table behind one of this section's figures or lists for one office, or null for an unknown id. */
  detail(context: Omit<SectionContext, "officeIds"> & { officeId: number }, figureId: string): Promise<DrillTable | null>;
}
