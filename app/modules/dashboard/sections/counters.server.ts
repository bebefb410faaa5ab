// The quality dashboard's counters section (issue 9: "counter ranks and weighted workload trend").
// Served and weighted cases are summed in SQL for every office at once, the trend in the same grouped
// query: queue records served plus hand-entered daily totals, each case weighed by its case type's
// version in force on its day, weight 1 when none (the rules of measures.ts, README "Measures").
// The ranked list reuses rankingFor per office: its shrinkage and rescaling are TypeScript rules
// (ranking.ts) that SQL would only copy, and the list is the one place where that is needed.
import { sql } from "kysely";
import type { Executor } from "../../db.server";
import { rankingFor } from "../../counters/counters.server";
import { FALLBACK_WEIGHT } from "../../counters/measures";
import type { Period } from "../../counters/periods";
import { trendPeriods, trendOver } from "../dashboard-period";
import type { DrillTable, Figure, RankedList, SectionResult } from "../figure";
import { periodKeySql, sqlList, byOfficeAndKey } from "../period-sql";
import type { DashboardSection, SectionContext } from "../section";

/** How many of the ranking's top people the dashboard lists. */
export const RANKS_LISTED = 5;

/** Weighted sums as the counters pages show them (two decimals; numeric sums are exact). */
const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * Served cases per office, day and case type in a date span: served queue records (from the day
 * rollup, queue_office_days, so a year's trend reads ~1,500 rows instead of ~750,000 tickets) and
 * hand-entered daily totals (a transferred segment or a no-show is not a case; measures.ts).
 */
function casesSql(officeIds: readonly number[], first: string, last: string) {
  return sql`
    select d.office_id, d.day, g."caseType" as case_type, sum(g.count)::numeric as n
    from queue_office_days d
    cross join lateral json_to_recordset(d.groups) as g("caseType" text, outcome text, count integer)
    where d.office_id in (${sqlList(officeIds)}) and d.day >= ${first}::date and d.day <= ${last}::date and g.outcome = 'served'
    group by 1, 2, 3
    union all
    select t.office_id, t.day, t.case_type, sum(t.served)::numeric as n
    from counter_daily_totals t
    where t.office_id in (${sqlList(officeIds)}) and t.day >= ${first}::date and t.day <= ${last}::date and t.served > 0
    group by 1, 2, 3`;
}

/** The weight in force on the case's day: the latest version that began on or before it (caseTypeInForce). */
const WEIGHT_IN_FORCE = sql`
  left join lateral (
    select ct.weight from case_types ct
    where ct.office_id = c.office_id and ct.name = c.case_type and ct.effective_from <= c.day
    order by ct.effective_from desc limit 1
  ) w on true`;

async function workload(db: Executor, officeIds: readonly number[], periods: readonly Period[]) {
  const key = periodKeySql(periods[0].kind, sql.ref("c.day"));
  const { rows } = await sql<Record<string, unknown>>`
    select c.office_id, ${key} as period_key, sum(c.n) as served, sum(c.n * coalesce(w.weight, ${FALLBACK_WEIGHT})) as weighted
    from (${casesSql(officeIds, periods[0].first, periods[periods.length - 1].last)}) c
    ${WEIGHT_IN_FORCE}
    group by 1, 2`.execute(db);
  return byOfficeAndKey(rows, "periodKey", (r) => ({ served: Number(r.served), weighted: round2(Number(r.weighted)) }));
}

export const countersSection: DashboardSection = {
  id: "counters",

  async compute(context: SectionContext) {
    const result = new Map<number, SectionResult>();
    if (context.officeIds.length === 0) return result;
    const { db, officeIds, period } = context;
    const periods = trendPeriods(period);
    const previousKey = periods[periods.length - 2].key;
    const totals = await workload(db, officeIds, periods);
    // One ranking per office (see the header); sequential, so a single PGlite connection is not queued up.
    const rankings = new Map<number, Awaited<ReturnType<typeof rankingFor>>>();
    if (context.withLists !== false) for (const officeId of officeIds) rankings.set(officeId, await rankingFor(db, officeId, period));

    for (const officeId of officeIds) {
      const byKey = totals.get(officeId) ?? new Map<string, { served: number; weighted: number }>();
      const weightedIn = (key: string) => byKey.get(key)?.weighted ?? null;
      const servedIn = (key: string) => byKey.get(key)?.served ?? null;
      const weighted: Figure = {
        id: "counters.weightedWorkload",
        value: weightedIn(period.key),
        unit: "count",
        higherIsBetter: true,
        previous: weightedIn(previousKey),
        trend: trendOver(periods, weightedIn),
        drillable: true,
      };
      const served: Figure = {
        id: "counters.served",
        value: servedIn(period.key),
        unit: "count",
        higherIsBetter: true,
        previous: servedIn(previousKey),
        trend: trendOver(periods, servedIn),
        drillable: true,
      };
      for (const f of [weighted, served]) if (f.value === null) f.missingReason = "noData";

      const ranking = rankings.get(officeId);
      const ranks: RankedList = {
        id: "counters.ranks",
        unit: "score",
        rows: (ranking?.rows ?? [])
          .filter((r) => r.rank !== null && r.score !== null)
          .sort((a, b) => a.rank! - b.rank!)
          .slice(0, RANKS_LISTED)
          .map((r) => ({ label: r.name, value: r.score!, note: `第 ${r.rank} 名`, href: `/counters?period=${period.key}` })),
        drillable: true,
      };
      result.set(officeId, { figures: [weighted, served], lists: [ranks], overdue: [] });
    }
    return result;
  },

  async detail(context, figureId) {
    const { db, officeId, period } = context;
    switch (figureId) {
      case "counters.weightedWorkload":
      case "counters.served": {
        // Per case type and weight version: served cases, the weight in force and the weighted cases.
        const { rows } = await sql<Record<string, unknown>>`
          select coalesce(c.case_type, '') as case_type, w.weight, sum(c.n) as served, sum(c.n * coalesce(w.weight, ${FALLBACK_WEIGHT})) as weighted
          from (${casesSql([officeId], period.first, period.last)}) c
          ${WEIGHT_IN_FORCE}
          group by 1, 2
          order by sum(c.n * coalesce(w.weight, ${FALLBACK_WEIGHT})) desc, 1`.execute(db);
        return {
          figureId,
          columns: [
            { key: "caseType", label: "案件類別", kind: "text" },
            { key: "weight", label: "權重", kind: "number" },
            { key: "served", label: "完成件數", kind: "number" },
            { key: "weighted", label: "加權件數", kind: "number" },
          ],
          rows: rows.map((r) => ({
            caseType: String(r.caseType),
            // No version in force: counted with weight 1 (shown empty, so the office sees a weight is missing).
            weight: r.weight === null ? null : Number(r.weight),
            served: Number(r.served),
            weighted: round2(Number(r.weighted)),
          })),
        } satisfies DrillTable;
      }
      case "counters.ranks": {
        const ranking = await rankingFor(db, officeId, period);
        return {
          figureId,
          columns: [
            { key: "rank", label: "名次", kind: "number" },
            { key: "name", label: "姓名", kind: "text" },
            { key: "score", label: "綜合分數", kind: "number" },
            { key: "served", label: "完成件數", kind: "number" },
            { key: "staffedDays", label: "上櫃日數", kind: "number" },
            { key: "reason", label: "未排名原因", kind: "text" },
          ],
          // rankStaff's order: the ranked by rank (ties by staff number), then the unranked with their reason.
          rows: ranking.rows.map((r) => ({
              rank: r.rank,
              name: r.name,
              nameHref: `/counters?period=${period.key}`,
              score: r.score,
              served: r.served,
              staffedDays: r.staffedDays,
              reason: r.notRankedReason ?? null,
            })),
        } satisfies DrillTable;
      }
      default:
        return null;
    }
  },
};
