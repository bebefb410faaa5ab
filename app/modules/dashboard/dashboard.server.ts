// The quality dashboard (issue 9; seed 陸 督導與考核): which offices a person may watch, and every
// section's figures for them. The sections (./sections/*.server.ts) own their queries; this file only
// decides the scope and runs them side by side.
import type { Executor } from "../../../db/connect";
import type { CurrentUser } from "../auth/session.server";
import { taipeiDate, type Period } from "../counters/periods";
import { cachedSection } from "./cache.server";
import { dashboardPeriod } from "./dashboard-period";
import type { DrillTable, Figure, OverdueItem, RankedList, SectionResult } from "./figure";
import type { DashboardSection, SectionContext } from "./section";
import { countersSection } from "./sections/counters.server";
import { incentivesSection } from "./sections/incentives.server";
import { knowledgeSection } from "./sections/knowledge.server";
import { learningSection } from "./sections/learning.server";
import { proposalsSection } from "./sections/proposals.server";
import { quizzesSection } from "./sections/quizzes.server";
import { surveysSection } from "./sections/surveys.server";

/** In the order a director reads them: people's learning first, then service, then the staff's voice. */
export const SECTIONS: readonly DashboardSection[] = [
  learningSection,
  quizzesSection,
  knowledgeSection,
  proposalsSection,
  incentivesSection,
  countersSection,
  surveysSection,
];

export type SectionId = DashboardSection["id"];

export interface OfficeChoice {
  id: number;
  name: string;
  shortName: string;
}

/**
 * The offices this person may watch: the bureau every active district office (ADR 0002: a role held
 * in a bureau office is city-wide), a supervisor or director only the office the session works in.
 */
export async function watchableOffices(db: Executor, user: CurrentUser): Promise<OfficeChoice[]> {
  const query = db.selectFrom("offices").select(["id", "name", "shortName"]).where("active", "=", true).where("kind", "=", "district");
  if (user.officeKind === "bureau" && user.roles.includes("bureau")) return query.orderBy("code").execute();
  return query.where("id", "=", user.officeId).execute();
}

export interface DashboardScope {
  offices: OfficeChoice[];
  /** The office shown, or null for the bureau's side-by-side comparison of every office. */
  office: OfficeChoice | null;
  period: Period;
  today: string;
}

/**
 * Reads `?office=` and `?period=`. An office the person may not watch answers 404 (as every
 * out-of-scope record does); the bureau without `?office=` gets the comparison.
 */
export async function resolveScope(db: Executor, user: CurrentUser, url: URL, now = new Date()): Promise<DashboardScope> {
  const offices = await watchableOffices(db, user);
  if (offices.length === 0) throw new Response("Not Found", { status: 404 });
  const today = taipeiDate(now);
  const period = dashboardPeriod(url.searchParams.get("period"), today);
  const requested = url.searchParams.get("office");
  let office: OfficeChoice | null = null;
  if (requested && requested !== "all") {
    office = offices.find((o) => String(o.id) === requested) ?? null;
    if (!office) throw new Response("Not Found", { status: 404 });
  } else if (offices.length === 1) {
    office = offices[0];
  }
  return { offices, office, period, today };
}

export interface SectionView extends SectionResult {
  id: SectionId;
}

/**
 * Sections that cost the most over a long period (the counters: the ranking and a six-period workload
 * trend over every ticket; ≈0.5 s for a year of one office on PGlite, ADR 0011). The office page loads
 * them from /dashboard/sections/<id> once it shows, instead of holding the page back.
 */
export const SLOW_SECTION_IDS: readonly SectionId[] = ["counters"];

/** Every section (or the ones given) for every office in scope, all at once; each section groups its offices in SQL. */
export async function computeDashboard(
  db: Executor,
  officeIds: readonly number[],
  period: Period,
  today: string,
  now = new Date(),
  sections: readonly DashboardSection[] = SECTIONS,
  options: { withLists?: boolean } = {},
) {
  const context: SectionContext = { db, officeIds, period, today, now, withLists: options.withLists ?? true };
  // Cached briefly and dropped on any write (cache.server.ts): the same scope is asked for again and again.
  const scopeKey = `${officeIds.join(",")}|${period.key}|${today}|${context.withLists}`;
  const results = await Promise.all(sections.map((section) => cachedSection(db, `${section.id}|${scopeKey}`, () => section.compute(context))));
  const byOffice = new Map<number, SectionView[]>();
  for (const officeId of officeIds) {
    byOffice.set(
      officeId,
      sections.map((section, i) => ({ id: section.id, ...(results[i].get(officeId) ?? emptySection()) })),
    );
  }
  return byOffice;
}

function emptySection(): SectionResult {
  return { figures: [], lists: [], overdue: [] };
}

/** The overdue items of every section, the longest overdue first (what to chase this morning). */
export function overdueOf(sections: readonly SectionView[]): OverdueItem[] {
  return sections.flatMap((s) => s.overdue).sort((a, b) => b.daysOverdue - a.daysOverdue || a.since.localeCompare(b.since) || a.title.localeCompare(b.title));
}

/** The table behind one figure or list of one office; null when no section knows the id. */
export async function figureDetail(db: Executor, officeId: number, period: Period, today: string, figureId: string, now = new Date()): Promise<DrillTable | null> {
  const section = SECTIONS.find((s) => figureId.startsWith(`${s.id}.`)) ?? SECTIONS.find((s) => sectionOwnsOtherPrefix(s.id, figureId));
  const candidates = section ? [section] : SECTIONS;
  for (const candidate of candidates) {
    const table = await candidate.detail({ db, officeId, period, today, now }, figureId);
    if (table) return table;
  }
  return null;
}

// Figures whose id does not start with their section's id (the knowledge section also counts clippings).
function sectionOwnsOtherPrefix(sectionId: SectionId, figureId: string): boolean {
  return sectionId === "knowledge" && figureId.startsWith("clippings.");
}

export function findFigure(sections: readonly SectionView[], id: string): Figure | RankedList | undefined {
  for (const s of sections) {
    const found = s.figures.find((f) => f.id === id) ?? s.lists.find((l) => l.id === id);
    if (found) return found;
  }
  return undefined;
}
