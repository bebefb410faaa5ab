// The quality dashboard's incentives section (issue 9: "incentive leaders"). Points are not a sum a
// query can take: each entry is scored with the rule in force on its date, capped per person, rule
// version and period, and adjustments to closed periods are kept apart (incentives/rules.ts). So the
// rules, closings, reward thresholds and entries of every office are read in one query each (grouped
// by office, never a query per office) and scored with the module's own pure functions, once per
// office, from 1 January of the trend's first year (a year-capped rule needs the year so far); each
// trend point is then one scoreboard of the same scored entries. Entries waiting for approval are a
// plain count and come from one grouped SQL query.
import { sql } from "kysely";
import type { Executor } from "../../db.server";
import type { Period } from "../../counters/periods";
import { listEntries, listRules, scoreboardFor } from "../../incentives/incentives.server";
import {
  EXAMPLE_REWARD_THRESHOLDS,
  scoreboard,
  scoreEntries,
  type ClosedPeriod,
  type EntrySource,
  type EntryStatus,
  type IncentiveEntry,
  type IncentiveRule,
  type RewardThreshold,
  type Scoring,
} from "../../incentives/rules";
import { trendPeriods, trendOver } from "../dashboard-period";
import type { DrillTable, Figure, RankedList, SectionResult } from "../figure";
import { periodKeySql, sqlList, byOfficeAndKey } from "../period-sql";
import type { DashboardSection, SectionContext } from "../section";

/** How many of the scoreboard's leaders the dashboard lists. */
export const LEADERS_LISTED = 5;

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const round2 = (n: number) => Math.round(n * 100) / 100;
const boardHref = (period: Period) => `/incentives?period=${period.key}`;

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

interface OfficeData {
  rules: IncentiveRule[];
  closings: ClosedPeriod[];
  thresholds: RewardThreshold[];
  entries: IncentiveEntry[];
}

/** Everything the scoring needs for every office, one query per table (incentives.server.ts reads the same per office). */
async function loadOffices(db: Executor, officeIds: readonly number[], from: string, through: string): Promise<{ data: Map<number, OfficeData>; names: Map<string, string> }> {
  const [rules, closings, settings, entries] = await Promise.all([
    sql<Record<string, unknown>>`
      select office_id, id, item, label, scoring, cap_per_period, period_kind,
        to_char(effective_from, 'YYYY-MM-DD') as effective_from, to_char(effective_to, 'YYYY-MM-DD') as effective_to
      from incentive_rules where office_id in (${sqlList(officeIds)}) order by item, effective_from`.execute(db),
    sql<Record<string, unknown>>`
      select office_id, kind, period_key, to_char(first_day, 'YYYY-MM-DD') as first_day, to_char(last_day, 'YYYY-MM-DD') as last_day, closed_at
      from incentive_periods where office_id in (${sqlList(officeIds)}) order by first_day`.execute(db),
    sql<Record<string, unknown>>`select office_id, reward_thresholds from incentive_settings where office_id in (${sqlList(officeIds)})`.execute(db),
    sql<Record<string, unknown>>`
      select e.office_id, e.id, e.user_id, u.name, e.item, to_char(e.entry_date, 'YYYY-MM-DD') as entry_date,
        e.quantity, e.rank, e.grade, e.points, e.status, e.approved_at, e.source
      from incentive_entries e join users u on u.id = e.user_id
      where e.office_id in (${sqlList(officeIds)}) and e.entry_date >= ${from}::date and e.entry_date <= ${through}::date
      order by e.entry_date, e.id`.execute(db),
  ]);
  const byOffice = {
    rules: new Map<number, IncentiveRule[]>(),
    closings: new Map<number, ClosedPeriod[]>(),
    entries: new Map<number, IncentiveEntry[]>(),
  };
  for (const r of rules.rows) {
    push(byOffice.rules, Number(r.officeId), {
      id: Number(r.id),
      item: String(r.item),
      label: String(r.label),
      scoring: r.scoring as Scoring,
      capPerPeriod: num(r.capPerPeriod),
      periodKind: r.periodKind as IncentiveRule["periodKind"],
      effectiveFrom: String(r.effectiveFrom),
      effectiveTo: (r.effectiveTo as string | null) ?? null,
    });
  }
  for (const c of closings.rows) {
    push(byOffice.closings, Number(c.officeId), {
      kind: c.kind as ClosedPeriod["kind"],
      key: String(c.periodKey),
      first: String(c.firstDay),
      last: String(c.lastDay),
      closedAt: new Date(c.closedAt as string | Date),
    });
  }
  const names = new Map<string, string>();
  for (const e of entries.rows) {
    names.set(String(e.userId), String(e.name));
    push(byOffice.entries, Number(e.officeId), {
      id: Number(e.id),
      person: String(e.userId),
      item: String(e.item),
      date: String(e.entryDate),
      quantity: num(e.quantity),
      rank: num(e.rank),
      grade: (e.grade as string | null) ?? null,
      points: num(e.points),
      status: e.status as EntryStatus,
      approvedAt: e.approvedAt ? new Date(e.approvedAt as string | Date) : null,
      source: e.source as EntrySource,
    });
  }
  const thresholds = new Map(settings.rows.map((s) => [Number(s.officeId), s.rewardThresholds as RewardThreshold[]]));
  const data = new Map<number, OfficeData>();
  for (const officeId of officeIds) {
    data.set(officeId, {
      rules: byOffice.rules.get(officeId) ?? [],
      closings: byOffice.closings.get(officeId) ?? [],
      thresholds: thresholds.get(officeId) ?? [...EXAMPLE_REWARD_THRESHOLDS],
      entries: byOffice.entries.get(officeId) ?? [],
    });
  }
  return { data, names };
}

/** Entries dated in each period still waiting for a supervisor's approval, per office (one grouped query). */
async function pendingCounts(db: Executor, officeIds: readonly number[], periods: readonly Period[]) {
  const key = periodKeySql(periods[0].kind, sql.ref("e.entry_date"));
  const { rows } = await sql<Record<string, unknown>>`
    select e.office_id, ${key} as period_key, count(*) as pending
    from incentive_entries e
    where e.office_id in (${sqlList(officeIds)}) and e.status = 'pending'
      and e.entry_date >= ${periods[0].first}::date and e.entry_date <= ${periods[periods.length - 1].last}::date
    group by 1, 2`.execute(db);
  return byOfficeAndKey(rows, "periodKey", (r) => Number(r.pending));
}

export const incentivesSection: DashboardSection = {
  id: "incentives",

  async compute(context: SectionContext) {
    const result = new Map<number, SectionResult>();
    if (context.officeIds.length === 0) return result;
    const { db, officeIds, period } = context;
    const periods = trendPeriods(period);
    const previousKey = periods[periods.length - 2].key;
    const [{ data, names }, pending] = await Promise.all([
      loadOffices(db, officeIds, `${periods[0].first.slice(0, 4)}-01-01`, period.last),
      pendingCounts(db, officeIds, periods),
    ]);

    for (const officeId of officeIds) {
      const office = data.get(officeId)!;
      const scored = scoreEntries(office.rules, office.entries, office.closings);
      const boards = new Map(
        periods.map((p) => {
          const board = scoreboard(scored, p, { closed: office.closings, thresholds: office.thresholds });
          // Nothing approved and scored in the period: nothing to measure.
          const counted = scored.some((s) => s.counted && s.entry.date >= p.first && s.entry.date <= p.last);
          return [p.key, { board, counted }] as const;
        }),
      );
      // The corrected figure (finalTotal: frozen total plus later adjustments), as the personnel office reads it.
      const pointsIn = (key: string) => {
        const b = boards.get(key)!;
        return b.counted ? round2(b.board.rows.reduce((s, r) => s + r.finalTotal, 0)) : null;
      };
      const points: Figure = {
        id: "incentives.points",
        value: pointsIn(period.key),
        unit: "points",
        higherIsBetter: true,
        previous: pointsIn(previousKey),
        trend: trendOver(periods, pointsIn),
        drillable: true,
      };
      if (points.value === null) points.missingReason = "noData";

      const officePending = pending.get(officeId) ?? new Map<string, number>();
      const anyEntries = (p: Period) => office.entries.some((e) => e.date >= p.first && e.date <= p.last);
      // 0 when the period has entries and all are decided; null when it has no entries at all.
      const pendingIn = (key: string) => {
        const p = periods.find((x) => x.key === key)!;
        return officePending.get(key) ?? (anyEntries(p) ? 0 : null);
      };
      const pendingFigure: Figure = {
        id: "incentives.pendingEntries",
        value: pendingIn(period.key),
        unit: "count",
        higherIsBetter: false,
        previous: pendingIn(previousKey),
        trend: trendOver(periods, pendingIn),
        drillable: true,
      };
      if (pendingFigure.value === null) pendingFigure.missingReason = "noData";

      const board = boards.get(period.key)!.board;
      const leaders: RankedList = {
        id: "incentives.leaders",
        unit: "points",
        rows: board.rows
          .filter((r) => r.finalTotal > 0)
          .slice(0, LEADERS_LISTED)
          .map((r) => ({
            label: names.get(r.person) ?? r.person,
            value: r.finalTotal,
            href: boardHref(period),
            ...(r.suggestedReward ? { note: r.suggestedReward } : {}),
          })),
        drillable: true,
      };
      result.set(officeId, { figures: [points, pendingFigure], lists: [leaders], overdue: [] });
    }
    return result;
  },

  async detail(context, figureId) {
    const { db, officeId, period } = context;
    switch (figureId) {
      case "incentives.points":
      case "incentives.leaders": {
        const board = await scoreboardFor(db, officeId, period.key);
        return {
          figureId,
          columns: [
            { key: "rank", label: "名次", kind: "number" },
            { key: "name", label: "姓名", kind: "text" },
            { key: "total", label: "點數", kind: "number" },
            { key: "adjustments", label: "調整", kind: "number" },
            { key: "finalTotal", label: "合計", kind: "number" },
            { key: "reward", label: "建議獎勵", kind: "text" },
          ],
          rows: board.rows.map((r) => ({
            rank: r.rank,
            name: r.name,
            nameHref: boardHref(period),
            total: r.total,
            adjustments: r.adjustments,
            finalTotal: r.finalTotal,
            reward: r.suggestedReward,
          })),
        } satisfies DrillTable;
      }
      case "incentives.pendingEntries": {
        const [entries, rules] = await Promise.all([listEntries(db, officeId, { period, status: "pending" }), listRules(db, officeId)]);
        const labels = new Map(rules.map((r) => [r.item, r.label]));
        return {
          figureId,
          columns: [
            { key: "date", label: "日期", kind: "date" },
            { key: "name", label: "姓名", kind: "text" },
            { key: "item", label: "項目", kind: "text" },
            { key: "note", label: "備註", kind: "text" },
          ],
          rows: entries.map((e) => ({
            date: e.date,
            name: e.name,
            nameHref: "/incentives/entries",
            item: labels.get(e.item) ?? e.item,
            note: e.note,
          })),
        } satisfies DrillTable;
      }
      default:
        return null;
    }
  },
};
