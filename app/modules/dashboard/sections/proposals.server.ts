// The quality dashboard's proposals section (issue 9: "proposals funnel (submitted, screened, decided,
// adopted, implemented), median days per stage, adoption rate" and "proposals waiting too long at a
// stage"). Every figure comes from the timeline (proposal_events records each transition with its
// from/to state and time), aggregated in SQL for every office at once and grouped by office; a trend
// is one grouped query over the trend's periods (period-sql.ts), never a query per office or per row.
import { sql, type RawBuilder } from "kysely";
import type { Executor } from "../../db.server";
import { addDays, periodInstants, type Period } from "../../counters/periods";
import { PROPOSAL_STATE_LABELS, type ProposalState } from "../../proposals/proposal-workflow";
import { DEFAULT_PROPOSAL_SETTINGS } from "../../proposals/proposals.server";
import { trendPeriods, trendOver } from "../dashboard-period";
import { percentOf, round1, type DrillTable, type Figure, type OverdueItem, type RankedList, type SectionResult } from "../figure";
import { periodKeySql, taipeiDateSql, sqlList, byOfficeAndKey } from "../period-sql";
import type { DashboardSection, SectionContext } from "../section";

/** The funnel's stages, in order; each counts distinct proposals whose timeline reached it in the period. */
export const FUNNEL_STAGES = ["submitted", "screened", "decided", "adopted", "implemented"] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];
export const FUNNEL_STAGE_LABELS: Record<FunnelStage, string> = {
  submitted: "送出",
  screened: "主管審核",
  decided: "審查會議決議",
  adopted: "本所採行",
  implemented: "執行完成",
};

/**
 * A committee decision that settles the proposal. 退回修正 (to `returned`) is not one: the proposal
 * comes back and is decided later, so counting it would count one proposal's decision twice.
 */
const SETTLING_DECISIONS: readonly ProposalState[] = ["decided_adopted", "decided_forwarded_up", "decided_reference", "decided_not_adopted"];

/**
 * The stages the office (not the proposer) moves a proposal out of: their waiting time is the office's
 * to answer for. `draft` and `returned` wait on the proposer and are left out, like terminal states.
 */
export const OFFICE_STAGES: readonly ProposalState[] = ["submitted", "forwarded", "scheduled", "decided_adopted", "in_implementation", "implemented"];

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/** A state change (edits, progress reports and a move to a later round change nothing). */
const CHANGE = sql`e.from_state is distinct from e.to_state`;

/** Whether an event reaches each stage, as SQL conditions on `e`. */
const REACHES: Record<FunnelStage, RawBuilder<unknown>> = {
  submitted: sql`e.to_state = 'submitted'`,
  // A supervisor's screening: forwarded to the committee, returned, or not accepted (a withdrawal is not a screening).
  screened: sql`e.from_state = 'submitted' and e.to_state in ('forwarded', 'returned', 'rejected')`,
  decided: sql`e.to_state in (${sqlList(SETTLING_DECISIONS)})`,
  adopted: sql`e.to_state = 'decided_adopted'`,
  implemented: sql`e.to_state = 'implemented'`,
};

type Counts = Record<FunnelStage, number>;
const emptyCounts = (): Counts => ({ submitted: 0, screened: 0, decided: 0, adopted: 0, implemented: 0 });
const anyActivity = (c: Counts | undefined) => !!c && FUNNEL_STAGES.some((s) => c[s] > 0);

/** Funnel counts per office and period key over `periods` (one grouped query). */
async function funnelCounts(db: Executor, officeIds: readonly number[], periods: readonly Period[]): Promise<Map<number, Map<string, Counts>>> {
  const { start } = periodInstants(periods[0]);
  const { end } = periodInstants(periods[periods.length - 1]);
  const key = periodKeySql(periods[0].kind, taipeiDateSql(sql.ref("e.at")));
  const { rows } = await sql<Record<string, unknown>>`
    select p.office_id as office_id, ${key} as period_key,
      ${sql.join(FUNNEL_STAGES.map((s) => sql`count(distinct case when ${REACHES[s]} then e.proposal_id end) as ${sql.ref(s)}`))}
    from proposal_events e
    join proposals p on p.id = e.proposal_id
    where p.office_id in (${sqlList(officeIds)}) and e.at >= ${start} and e.at < ${end} and ${CHANGE}
    group by 1, 2`.execute(db);
  return byOfficeAndKey(rows, "periodKey", (r) => {
    const counts = emptyCounts();
    for (const s of FUNNEL_STAGES) counts[s] = Number(r[s] ?? 0);
    return counts;
  });
}

/**
 * Every exit from an office stage in the period, with the Taipei calendar days the proposal spent in
 * it (entered = the previous state change of the same proposal). Exits to `withdrawn` are left out:
 * the proposer ended the wait, not the office.
 */
function stageExitsSql(officeIds: readonly number[], period: Period) {
  const { start, end } = periodInstants(period);
  return sql`
    with changes as (
      select p.office_id, e.id, e.proposal_id, e.from_state, e.to_state, e.at,
        lag(e.at) over (partition by e.proposal_id order by e.at, e.id) as entered_at
      from proposal_events e
      join proposals p on p.id = e.proposal_id
      where p.office_id in (${sqlList(officeIds)}) and ${CHANGE}
        and e.proposal_id in (select x.proposal_id from proposal_events x where x.at >= ${start} and x.at < ${end})
    )
    select c.office_id, c.proposal_id, c.from_state as stage, c.to_state,
      to_char((c.entered_at at time zone 'Asia/Taipei')::date, 'YYYY-MM-DD') as entered_on,
      to_char((c.at at time zone 'Asia/Taipei')::date, 'YYYY-MM-DD') as left_on,
      (c.at at time zone 'Asia/Taipei')::date - (c.entered_at at time zone 'Asia/Taipei')::date as days
    from changes c
    where c.at >= ${start} and c.at < ${end} and c.entered_at is not null
      and c.from_state in (${sqlList(OFFICE_STAGES)}) and c.to_state <> 'withdrawn'`;
}

async function stageMedians(db: Executor, officeIds: readonly number[], period: Period) {
  const { rows } = await sql<Record<string, unknown>>`
    select x.office_id, x.stage, count(*) as exits,
      percentile_cont(0.5) within group (order by x.days) as median_days
    from (${stageExitsSql(officeIds, period)}) x
    group by 1, 2`.execute(db);
  return byOfficeAndKey(rows, "stage", (r) => ({ exits: Number(r.exits), median: round1(Number(r.medianDays))! }));
}

/**
 * Proposals waiting at an office stage for at least the office's 逾時提醒天數 (proposal_settings.
 * stage_alert_days; the proposal list marks the same proposals red from that day on). Days are Taipei
 * calendar days, as stageAgeDays counts them.
 */
async function waitingProposals(db: Executor, officeIds: readonly number[], today: string) {
  const { rows } = await sql<Record<string, unknown>>`
    select p.id, p.office_id, p.title, p.reference_no, p.state,
      to_char((p.state_entered_at at time zone 'Asia/Taipei')::date, 'YYYY-MM-DD') as entered_on,
      coalesce(s.stage_alert_days, ${DEFAULT_PROPOSAL_SETTINGS.stageAlertDays}) as alert_days,
      ${today}::date - (p.state_entered_at at time zone 'Asia/Taipei')::date as age
    from proposals p
    left join proposal_settings s on s.office_id = p.office_id
    where p.office_id in (${sqlList(officeIds)}) and p.state in (${sqlList(OFFICE_STAGES)})
      and ${today}::date - (p.state_entered_at at time zone 'Asia/Taipei')::date >= coalesce(s.stage_alert_days, ${DEFAULT_PROPOSAL_SETTINGS.stageAlertDays})
    order by p.state_entered_at, p.id`.execute(db);
  return rows.map((r) => ({
    id: Number(r.id),
    officeId: Number(r.officeId),
    title: String(r.title),
    referenceNo: (r.referenceNo as string | null) ?? null,
    state: r.state as ProposalState,
    enteredOn: String(r.enteredOn),
    alertDays: Number(r.alertDays),
    age: Number(r.age),
  }));
}

const proposalHref = (id: number) => `/proposals/${id}`;

export const proposalsSection: DashboardSection = {
  id: "proposals",

  async compute(context: SectionContext) {
    const result = new Map<number, SectionResult>();
    if (context.officeIds.length === 0) return result;
    const { db, officeIds, period, today } = context;
    const periods = trendPeriods(period);
    const [counts, medians, waiting] = await Promise.all([
      funnelCounts(db, officeIds, periods),
      stageMedians(db, officeIds, period),
      waitingProposals(db, officeIds, today),
    ]);

    for (const officeId of officeIds) {
      const byKey = counts.get(officeId) ?? new Map<string, Counts>();
      // A period with no movement at all has nothing to measure (an empty state, not a 0).
      const submittedIn = (key: string) => (anyActivity(byKey.get(key)) ? byKey.get(key)!.submitted : null);
      const adoptionIn = (key: string) => {
        const c = byKey.get(key);
        return c ? percentOf(c.adopted, c.decided) : null;
      };
      const current = byKey.get(period.key);
      const submittedTrend = trendOver(periods, submittedIn);
      const adoptionTrend = trendOver(periods, adoptionIn);
      const previousKey = periods[periods.length - 2].key;

      const submitted: Figure = {
        id: "proposals.submitted",
        value: submittedIn(period.key),
        unit: "count",
        higherIsBetter: true,
        previous: submittedIn(previousKey),
        trend: submittedTrend,
        drillable: true,
      };
      if (submitted.value === null) submitted.missingReason = "noData";

      const adoptionRate: Figure = {
        id: "proposals.adoptionRate",
        value: adoptionIn(period.key),
        unit: "percent",
        numerator: current?.adopted ?? 0,
        denominator: current?.decided ?? 0,
        higherIsBetter: true,
        previous: adoptionIn(previousKey),
        trend: adoptionTrend,
        drillable: true,
      };
      if (adoptionRate.value === null) adoptionRate.missingReason = "noData";

      const funnel: RankedList = {
        id: "proposals.funnel",
        unit: "count",
        rows: anyActivity(current) ? FUNNEL_STAGES.map((s) => ({ label: FUNNEL_STAGE_LABELS[s], value: current![s] })) : [],
        drillable: true,
      };

      const officeMedians = medians.get(officeId) ?? new Map();
      const stageDays: RankedList = {
        id: "proposals.stageDays",
        unit: "days",
        rows: OFFICE_STAGES.filter((s) => officeMedians.has(s)).map((s) => {
          const m = officeMedians.get(s)!;
          return { label: PROPOSAL_STATE_LABELS[s], value: m.median, note: `${m.exits} 件次` };
        }),
        drillable: true,
      };

      const overdue: OverdueItem[] = waiting
        .filter((w) => w.officeId === officeId)
        .map((w) => ({
          kind: "proposalWaiting" as const,
          title: w.referenceNo ? `${w.referenceNo} ${w.title}` : w.title,
          count: 1,
          since: addDays(w.enteredOn, w.alertDays),
          daysOverdue: w.age - w.alertDays,
          href: proposalHref(w.id),
          note: PROPOSAL_STATE_LABELS[w.state],
        }));

      result.set(officeId, { figures: [submitted, adoptionRate], lists: [funnel, stageDays], overdue });
    }
    return result;
  },

  async detail(context, figureId) {
    const { db, officeId, period } = context;
    const { start, end } = periodInstants(period);
    switch (figureId) {
      case "proposals.submitted": {
        // One row per proposal submitted (or resubmitted) in the period, at its first submission in it.
        const { rows } = await sql<Record<string, unknown>>`
          select p.id, p.reference_no, p.title, u.name as proposer, p.state,
            to_char((min(e.at) at time zone 'Asia/Taipei')::date, 'YYYY-MM-DD') as submitted_on
          from proposal_events e
          join proposals p on p.id = e.proposal_id
          join users u on u.id = p.proposer_id
          where p.office_id = ${officeId} and e.to_state = 'submitted' and ${CHANGE} and e.at >= ${start} and e.at < ${end}
          group by p.id, p.reference_no, p.title, u.name, p.state
          order by min(e.at), p.id`.execute(db);
        return {
          figureId,
          columns: [
            { key: "referenceNo", label: "提案編號", kind: "text" },
            { key: "title", label: "提案名稱", kind: "text" },
            { key: "proposer", label: "提案人", kind: "text" },
            { key: "submittedOn", label: "送出日期", kind: "date" },
            { key: "state", label: "目前狀態", kind: "text" },
          ],
          rows: rows.map((r) => ({
            referenceNo: (r.referenceNo as string | null) ?? null,
            title: String(r.title),
            titleHref: proposalHref(Number(r.id)),
            proposer: String(r.proposer),
            submittedOn: String(r.submittedOn),
            state: PROPOSAL_STATE_LABELS[r.state as ProposalState] ?? String(r.state),
          })),
        } satisfies DrillTable;
      }
      case "proposals.funnel": {
        // One row per proposal and stage reached in the period (the funnel's counts are distinct proposals per stage).
        const { rows } = await sql<Record<string, unknown>>`
          select s.stage, p.id, p.reference_no, p.title,
            to_char((min(e.at) at time zone 'Asia/Taipei')::date, 'YYYY-MM-DD') as reached_on
          from proposal_events e
          join proposals p on p.id = e.proposal_id
          cross join lateral (values ${sql.join(FUNNEL_STAGES.map((s, i) => sql`(${s}, ${i}, ${REACHES[s]})`))}) as s(stage, position, reached)
          where p.office_id = ${officeId} and e.at >= ${start} and e.at < ${end} and ${CHANGE} and s.reached
          group by s.stage, s.position, p.id, p.reference_no, p.title
          order by s.position, min(e.at), p.id`.execute(db);
        return {
          figureId,
          columns: [
            { key: "stage", label: "階段", kind: "text" },
            { key: "referenceNo", label: "提案編號", kind: "text" },
            { key: "title", label: "提案名稱", kind: "text" },
            { key: "reachedOn", label: "到達日期", kind: "date" },
          ],
          rows: rows.map((r) => ({
            stage: FUNNEL_STAGE_LABELS[r.stage as FunnelStage],
            referenceNo: (r.referenceNo as string | null) ?? null,
            title: String(r.title),
            titleHref: proposalHref(Number(r.id)),
            reachedOn: String(r.reachedOn),
          })),
        } satisfies DrillTable;
      }
      case "proposals.adoptionRate": {
        const { rows } = await sql<Record<string, unknown>>`
          select p.id, p.reference_no, p.title, e.to_state,
            to_char((e.at at time zone 'Asia/Taipei')::date, 'YYYY-MM-DD') as decided_on
          from proposal_events e
          join proposals p on p.id = e.proposal_id
          where p.office_id = ${officeId} and e.at >= ${start} and e.at < ${end} and ${CHANGE} and ${REACHES.decided}
          order by e.at, e.id`.execute(db);
        return {
          figureId,
          columns: [
            { key: "referenceNo", label: "提案編號", kind: "text" },
            { key: "title", label: "提案名稱", kind: "text" },
            { key: "decidedOn", label: "決議日期", kind: "date" },
            { key: "decision", label: "決議", kind: "text" },
            { key: "adopted", label: "採行", kind: "number" },
          ],
          rows: rows.map((r) => ({
            referenceNo: (r.referenceNo as string | null) ?? null,
            title: String(r.title),
            titleHref: proposalHref(Number(r.id)),
            decidedOn: String(r.decidedOn),
            decision: PROPOSAL_STATE_LABELS[r.toState as ProposalState] ?? String(r.toState),
            adopted: r.toState === "decided_adopted" ? 1 : 0,
          })),
        } satisfies DrillTable;
      }
      case "proposals.stageDays": {
        const { rows } = await sql<Record<string, unknown>>`
          select x.*, p.reference_no, p.title
          from (${stageExitsSql([officeId], period)}) x
          join proposals p on p.id = x.proposal_id
          order by x.stage, x.left_on, x.proposal_id`.execute(db);
        const order = new Map(OFFICE_STAGES.map((s, i) => [s as string, i]));
        return {
          figureId,
          columns: [
            { key: "stage", label: "階段", kind: "text" },
            { key: "referenceNo", label: "提案編號", kind: "text" },
            { key: "title", label: "提案名稱", kind: "text" },
            { key: "enteredOn", label: "進入階段", kind: "date" },
            { key: "leftOn", label: "離開階段", kind: "date" },
            { key: "days", label: "停留天數", kind: "days" },
          ],
          rows: rows
            .sort((a, b) => order.get(String(a.stage))! - order.get(String(b.stage))!)
            .map((r) => ({
              stage: PROPOSAL_STATE_LABELS[r.stage as ProposalState],
              referenceNo: (r.referenceNo as string | null) ?? null,
              title: String(r.title),
              titleHref: proposalHref(Number(r.proposalId)),
              enteredOn: String(r.enteredOn),
              leftOn: String(r.leftOn),
              days: num(r.days),
            })),
        } satisfies DrillTable;
      }
      default:
        return null;
    }
  },
};
