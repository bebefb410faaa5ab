// Counter measures per staff member, counter and office for a period (櫃台績效評比 figures): served
// and weighted cases, staffed hours, weighted cases per staffed hour, handling time against the
// case type's standard, citizens' waiting time (office and counter only), no-shows, transfers and
// the correction rate. Issue 8, "Counter performance"; seed 服務遞送 1.(2)(3). Anchors: Qmatic's
// per-counter and per-staff reports (served, no-show, transaction and waiting time, waits over
// target). Pure (ARCHITECTURE rule 6): the server loads the period's records, case-type versions,
// hand-entered totals, staffed-hours adjustments and corrections; the rules are tabled in README.md.
import type { QueueOutcome } from "./queue-csv";
import { isCalendarDate, periodContains, type Period } from "./periods";

// ------------------------------------------------------------------------------ numbers

/** Clears binary noise from sums (0.1 + 0.2); nine places is finer than any figure shown. */
const clean = (n: number) => Math.round(n * 1e9) / 1e9;
const MINUTE = 60_000;
const minutesBetween = (from: Date, to: Date) => (to.getTime() - from.getTime()) / MINUTE;

// ------------------------------------------------------------------------------ case types

/**
 * One version of a case type's weight (案件權重) and standard handling time (標準作業時間). A new
 * version starts on `effectiveFrom` and runs until the next version of the same type starts, so
 * a change never reaches back: a ticket is weighed with the version in force on its date.
 */
export interface CaseTypeVersion {
  caseType: string;
  /** `YYYY-MM-DD`, inclusive. */
  effectiveFrom: string;
  /** Relative workload; 戶籍謄本 = 1 in the demo table (README). */
  weight: number;
  /** Minutes a case of this type should take at the counter. */
  standardMinutes: number;
}

/** The version of `caseType` in force on `date` (`YYYY-MM-DD`): the latest that began on or before it, or null. */
export function caseTypeInForce(versions: readonly CaseTypeVersion[], caseType: string, date: string): CaseTypeVersion | null {
  let best: CaseTypeVersion | null = null;
  for (const v of versions) {
    if (v.caseType !== caseType || v.effectiveFrom > date) continue;
    if (!best || v.effectiveFrom >= best.effectiveFrom) best = v;
  }
  return best;
}

/** Problems with a case-type table (empty when valid), in zh-TW. */
export function validateCaseTypeVersions(versions: readonly CaseTypeVersion[]): string[] {
  const errors: string[] = [];
  const seen = new Set<string>();
  for (const v of versions) {
    if (!v.caseType.trim()) errors.push("案件類別名稱不能空白。");
    if (!isCalendarDate(v.effectiveFrom)) errors.push(`「${v.caseType}」的生效日「${v.effectiveFrom}」不是有效日期。`);
    if (!Number.isFinite(v.weight) || v.weight <= 0) errors.push(`「${v.caseType}」的權重必須大於 0。`);
    if (!Number.isFinite(v.standardMinutes) || v.standardMinutes <= 0) errors.push(`「${v.caseType}」的標準作業時間必須大於 0 分鐘。`);
    const key = `${v.caseType}|${v.effectiveFrom}`;
    if (seen.has(key)) errors.push(`「${v.caseType}」在 ${v.effectiveFrom} 有兩個版本。`);
    seen.add(key);
  }
  return errors;
}

/**
 * Weight used when a case type has no version in force on the ticket's date (a type added to the
 * queue system before its weight was set): the case counts as one plain case, and the measures
 * list the type in `unweightedCaseTypes` so the page can ask for a weight.
 */
export const FALLBACK_WEIGHT = 1;

// ------------------------------------------------------------------------------ inputs

/** What the measures need from an imported record (QueueRecord satisfies it). */
export interface ServiceRecord {
  ticketDate: string;
  segment: number;
  counter: string;
  staff: string | null;
  caseType: string | null;
  ticketAt: Date;
  calledAt: Date | null;
  startedAt: Date | null;
  endedAt: Date | null;
  outcome: QueueOutcome;
}

/** A day's served cases entered by hand (no queue system that day), per staff, counter and case type. */
export interface DailyTotal {
  date: string;
  staff: string;
  counter: string;
  caseType: string;
  served: number;
}

/**
 * A supervisor's change to a person's staffed hours on one day: `set` replaces the hours worked
 * out from the records (a day entered by hand, or a record that ran through lunch), `add` adds
 * (negative for back-office work or leave taken between tickets). Several `add`s sum; a `set`
 * applies before them.
 */
export interface StaffedHoursAdjustment {
  staff: string;
  date: string;
  mode: "set" | "add";
  hours: number;
  reason: string;
}

/**
 * Corrections found by the registration review (審查制度): one per case (`count` omitted) or a
 * number per staff and day. `date` is the day of the corrected case, so the correction falls in
 * the period whose cases it judges, however late the review found it.
 */
export interface Correction {
  staff: string;
  date: string;
  count?: number;
  /** When known, the counter the case was served at (for the counter's rate). */
  counter?: string | null;
}

export interface MeasureInput {
  records: readonly ServiceRecord[];
  caseTypes: readonly CaseTypeVersion[];
  dailyTotals?: readonly DailyTotal[];
  adjustments?: readonly StaffedHoursAdjustment[];
  corrections?: readonly Correction[];
  /** Waits longer than this count as over target (Qmatic's "waits over target"); default 15. */
  waitTargetMinutes?: number;
  /** Idle gaps longer than this are not staffed time; default 60. */
  gapMinutes?: number;
}

export const DEFAULT_WAIT_TARGET_MINUTES = 15;
export const DEFAULT_GAP_MINUTES = 60;

// ------------------------------------------------------------------------------ staffed hours

export interface Interval {
  start: Date;
  end: Date;
}

/**
 * Staffed hours of one person (or counter) on one day from their service intervals: from the first
 * start to the last end, minus every idle gap longer than `gapMinutes` (the whole gap, not the part
 * over the limit). A gap of up to an hour is time spent waiting at the counter for the next citizen;
 * a longer one is lunch, a meeting or back-office work. Overlapping intervals are merged. A no-show
 * call is a zero-length interval: it shows the clerk was there but adds no span on its own.
 */
export function staffedHoursOfDay(intervals: readonly Interval[], gapMinutes = DEFAULT_GAP_MINUTES): number {
  const sorted = intervals
    .filter((i) => i.end.getTime() >= i.start.getTime())
    .map((i) => [i.start.getTime(), i.end.getTime()] as const)
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  if (sorted.length === 0) return 0;
  let total = 0;
  let [blockStart, blockEnd] = sorted[0];
  for (const [start, end] of sorted.slice(1)) {
    if (start - blockEnd > gapMinutes * MINUTE) {
      total += blockEnd - blockStart;
      [blockStart, blockEnd] = [start, end];
    } else blockEnd = Math.max(blockEnd, end);
  }
  total += blockEnd - blockStart;
  return clean(total / 3_600_000);
}

function recordInterval(r: ServiceRecord): Interval | null {
  if (r.startedAt && r.endedAt) return { start: r.startedAt, end: r.endedAt };
  if (r.outcome === "no_show" && r.calledAt) return { start: r.calledAt, end: r.calledAt };
  return null;
}

export interface StaffedDay {
  staff: string;
  date: string;
  /** From the records by the gap rule. */
  fromRecords: number;
  /** After the supervisor's adjustments; never below 0. */
  hours: number;
  adjusted: boolean;
}

/** Staffed hours per person and day in the period, records and adjustments together, sorted by staff then date. */
export function staffedDays(input: Pick<MeasureInput, "records" | "adjustments" | "gapMinutes">, period?: Pick<Period, "first" | "last">): StaffedDay[] {
  const inPeriod = (date: string) => !period || periodContains(period, date);
  const intervals = new Map<string, Interval[]>();
  for (const r of input.records) {
    if (!r.staff || !inPeriod(r.ticketDate)) continue;
    const interval = recordInterval(r);
    if (!interval) continue;
    const key = dayKey(r.staff, r.ticketDate);
    const list = intervals.get(key) ?? [];
    list.push(interval);
    intervals.set(key, list);
  }
  const fromRecords: { staff: string; date: string; hours: number }[] = [];
  for (const [key, list] of intervals) {
    const [staff, date] = key.split("\u0000");
    fromRecords.push({ staff, date, hours: staffedHoursOfDay(list, input.gapMinutes ?? DEFAULT_GAP_MINUTES) });
  }
  return withAdjustments(fromRecords, input.adjustments ?? [], period);
}

const dayKey = (staff: string, date: string) => `${staff}\u0000${date}`;

/** The supervisor's adjustments applied to each person's hours from the records (`set` first, then every `add`). */
function withAdjustments(
  fromRecords: readonly { staff: string; date: string; hours: number }[],
  allAdjustments: readonly StaffedHoursAdjustment[],
  period?: Pick<Period, "first" | "last">,
): StaffedDay[] {
  const inPeriod = (date: string) => !period || periodContains(period, date);
  const days = new Map<string, StaffedDay>();
  for (const d of fromRecords) {
    if (!inPeriod(d.date)) continue;
    days.set(dayKey(d.staff, d.date), { staff: d.staff, date: d.date, fromRecords: d.hours, hours: d.hours, adjusted: false });
  }
  const adjustments = allAdjustments.filter((a) => inPeriod(a.date) && Number.isFinite(a.hours));
  // `set` first, then every `add`, whatever order they were entered in.
  for (const a of [...adjustments.filter((x) => x.mode === "set"), ...adjustments.filter((x) => x.mode === "add")]) {
    const key = dayKey(a.staff, a.date);
    const day = days.get(key) ?? { staff: a.staff, date: a.date, fromRecords: 0, hours: 0, adjusted: false };
    day.hours = clean(a.mode === "set" ? a.hours : day.hours + a.hours);
    day.adjusted = true;
    days.set(key, day);
  }
  return [...days.values()]
    .map((d) => ({ ...d, hours: Math.max(0, d.hours) }))
    .sort((a, b) => (a.staff < b.staff ? -1 : a.staff > b.staff ? 1 : a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

// ------------------------------------------------------------------------------ case groups and staff days

/**
 * Records of one day, case type and outcome counted together: all the measures need of them besides
 * their times. `handled` and `handlingMinutes` cover the records with a start and an end (not before it).
 */
export interface CaseGroup {
  date: string;
  caseType: string | null;
  outcome: QueueOutcome;
  count: number;
  handled: number;
  handlingMinutes: number;
}

export function caseGroups(records: readonly ServiceRecord[]): CaseGroup[] {
  const groups = new Map<string, CaseGroup>();
  for (const r of records) {
    const key = `${r.ticketDate}\u0000${r.caseType ?? ""}\u0000${r.caseType === null ? "null" : ""}\u0000${r.outcome}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { date: r.ticketDate, caseType: r.caseType, outcome: r.outcome, count: 0, handled: 0, handlingMinutes: 0 }));
    g.count++;
    if (r.startedAt && r.endedAt && r.endedAt >= r.startedAt) {
      g.handled++;
      g.handlingMinutes += minutesBetween(r.startedAt, r.endedAt);
    }
  }
  return [...groups.values()];
}

/**
 * One person's day at the counters as the rollup keeps it (queue_staff_days): staffed hours from the
 * records by the gap rule (before adjustments) and the day's case groups. Measuring these gives the
 * same figures as measuring the records (measureStaff does exactly that), without reading every ticket.
 */
export interface StaffDaySummary {
  staff: string;
  date: string;
  staffedHours: number;
  groups: CaseGroup[];
}

export function summarizeStaffDays(records: readonly ServiceRecord[], gapMinutes = DEFAULT_GAP_MINUTES): StaffDaySummary[] {
  const byDay = groupBy(records, (r) => (r.staff ? dayKey(r.staff, r.ticketDate) : null));
  return [...byDay].map(([key, list]) => {
    const [staff, date] = key.split("\u0000");
    const intervals = list.map(recordInterval).filter((i): i is Interval => i !== null);
    return { staff, date, staffedHours: staffedHoursOfDay(intervals, gapMinutes), groups: caseGroups(list) };
  });
}

/**
 * One counter's day as the rollup keeps it (queue_office_days, issue 10): staffed hours by the gap
 * rule over everything served there (whoever sat at it), the day's case groups, and every citizen's
 * wait at that counter in milliseconds, sorted, so the waiting percentiles stay exact. Measuring these
 * gives the same figures as measuring the records (measureCounters and measureOffice do exactly that).
 */
export interface CounterDaySummary {
  counter: string;
  date: string;
  staffedHours: number;
  groups: CaseGroup[];
  waitMs: number[];
}

/** The waits counted for a counter: each called ticket once, at its first segment (no-shows waited for nobody). */
function waitsOf(records: readonly ServiceRecord[]): number[] {
  const waits: number[] = [];
  for (const r of records) {
    if (r.segment !== 1 || r.outcome === "no_show") continue;
    const until = r.calledAt ?? r.startedAt;
    if (!until) continue;
    const ms = until.getTime() - r.ticketAt.getTime();
    if (ms >= 0) waits.push(ms);
  }
  return waits.sort((a, b) => a - b);
}

export function summarizeCounterDays(records: readonly ServiceRecord[], gapMinutes = DEFAULT_GAP_MINUTES): CounterDaySummary[] {
  const byDay = groupBy(records, (r) => dayKey(r.counter, r.ticketDate));
  return [...byDay].map(([key, list]) => {
    const [counter, date] = key.split("\u0000");
    const intervals = list.map(recordInterval).filter((i): i is Interval => i !== null);
    return { counter, date, staffedHours: staffedHoursOfDay(intervals, gapMinutes), groups: caseGroups(list), waitMs: waitsOf(list) };
  });
}

// ------------------------------------------------------------------------------ measures

export interface Measures {
  /** Completed cases (records served, plus hand-entered totals). A transferred segment is not a case here: the counter that finishes it counts it. */
  served: number;
  /** Σ weight in force on each case's date. */
  weightedCases: number;
  staffedHours: number;
  /** Days with staffed hours > 0 or a hand-entered total. */
  staffedDays: number;
  /** weightedCases ÷ staffedHours; null without staffed hours. */
  weightedPerHour: number | null;
  /** Served records with start, end and a standard time: the handling-time sample. */
  handledCases: number;
  handlingMinutes: number;
  standardMinutes: number;
  /** Σ actual ÷ Σ standard minutes: 1 is on standard, 0.8 is 20 % faster; null without a sample. */
  handlingRatio: number | null;
  meanHandlingMinutes: number | null;
  noShows: number;
  transfers: number;
  corrections: number;
  /** corrections ÷ served; null when nothing was served. */
  correctionRate: number | null;
  /** Case types served in the period without a weight in force (counted with FALLBACK_WEIGHT). */
  unweightedCaseTypes: string[];
}

export interface WaitingMeasures {
  /** Tickets whose citizen was called: first segment of served and transferred tickets (no-shows left out: nobody was waiting). */
  tickets: number;
  meanMinutes: number | null;
  medianMinutes: number | null;
  /** Nearest-rank 90th percentile: the wait 90 % of citizens did not exceed. */
  p90Minutes: number | null;
  maxMinutes: number | null;
  targetMinutes: number;
  overTarget: number;
  overTargetShare: number | null;
}

export interface StaffMeasures extends Measures {
  staff: string;
}

export interface CounterMeasures extends Measures {
  counter: string;
  waiting: WaitingMeasures;
}

export interface OfficeMeasures extends Measures {
  waiting: WaitingMeasures;
}

/** Nearest-rank percentile of sorted values (p in 0–100): the value at position ⌈p/100 · n⌉. */
export function percentile(sortedValues: readonly number[], p: number): number | null {
  if (sortedValues.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sortedValues.length));
  return sortedValues[Math.min(rank, sortedValues.length) - 1];
}

export function waitingMeasures(records: readonly ServiceRecord[], targetMinutes = DEFAULT_WAIT_TARGET_MINUTES): WaitingMeasures {
  return waitingMeasuresOfMs(waitsOf(records), targetMinutes);
}

/** Waiting measures of waits in milliseconds, sorted ascending. */
function waitingMeasuresOfMs(sortedMs: readonly number[], targetMinutes: number): WaitingMeasures {
  const waits = sortedMs.map((ms) => ms / MINUTE);
  const n = waits.length;
  let overTarget = 0;
  let sum = 0;
  for (const w of waits) {
    sum += w;
    if (w > targetMinutes) overTarget++;
  }
  return {
    tickets: n,
    meanMinutes: n ? clean(sum / n) : null,
    medianMinutes: n ? clean(n % 2 ? waits[(n - 1) / 2] : (waits[n / 2 - 1] + waits[n / 2]) / 2) : null,
    p90Minutes: percentile(waits, 90),
    maxMinutes: n ? waits[n - 1] : null,
    targetMinutes,
    overTarget,
    overTargetShare: n ? overTarget / n : null,
  };
}

/** Every wait of several counter-days, in ascending order (for the exact percentiles). */
function allSorted(lists: readonly (readonly number[])[]): number[] {
  return lists.flat().sort((a, b) => a - b);
}

interface Slice {
  groups: CaseGroup[];
  totals: DailyTotal[];
  corrections: number;
  staffedHours: number;
  staffedDays: number;
}

function measuresOf(slice: Slice, caseTypes: readonly CaseTypeVersion[]): Measures {
  let served = 0;
  let weighted = 0;
  let handled = 0;
  let handling = 0;
  let standard = 0;
  let noShows = 0;
  let transfers = 0;
  const unweighted = new Set<string>();
  const weigh = (caseType: string | null, date: string) => {
    const version = caseType ? caseTypeInForce(caseTypes, caseType, date) : null;
    if (!version) unweighted.add(caseType ?? "（未填）");
    return version;
  };
  for (const g of slice.groups) {
    if (g.outcome === "no_show") noShows += g.count;
    else if (g.outcome === "transferred") transfers += g.count;
    else {
      served += g.count;
      const version = weigh(g.caseType, g.date);
      weighted += g.count * (version?.weight ?? FALLBACK_WEIGHT);
      if (version && g.handled > 0) {
        handled += g.handled;
        handling += g.handlingMinutes;
        standard += g.handled * version.standardMinutes;
      }
    }
  }
  for (const t of slice.totals) {
    const n = Math.max(0, t.served);
    if (n === 0) continue;
    served += n;
    weighted += n * (weigh(t.caseType, t.date)?.weight ?? FALLBACK_WEIGHT);
  }
  weighted = clean(weighted);
  handling = clean(handling);
  standard = clean(standard);
  return {
    served,
    weightedCases: weighted,
    staffedHours: slice.staffedHours,
    staffedDays: slice.staffedDays,
    weightedPerHour: slice.staffedHours > 0 ? clean(weighted / slice.staffedHours) : null,
    handledCases: handled,
    handlingMinutes: handling,
    standardMinutes: standard,
    handlingRatio: standard > 0 ? clean(handling / standard) : null,
    meanHandlingMinutes: handled > 0 ? clean(handling / handled) : null,
    noShows,
    transfers,
    corrections: slice.corrections,
    correctionRate: served > 0 ? clean(slice.corrections / served) : null,
    unweightedCaseTypes: [...unweighted].sort(),
  };
}

const correctionCount = (c: Correction) => (c.count === undefined ? 1 : Math.max(0, c.count));

function groupBy<T>(items: readonly T[], key: (item: T) => string | null | undefined): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (!k) continue;
    const list = groups.get(k) ?? [];
    list.push(item);
    groups.set(k, list);
  }
  return groups;
}

/**
 * Staffed days: days with staffed hours > 0, and days with a hand-entered total of served cases
 * (someone was at the counter that day, even before a supervisor sets the day's hours).
 */
function dayCount(days: readonly { date: string }[], totals: readonly DailyTotal[]): number {
  return new Set([...days.map((d) => d.date), ...totals.filter((t) => t.served > 0).map((t) => t.date)]).size;
}

const byCode = (a: string, b: string) => a.localeCompare(b, "en", { numeric: true });

/**
 * Measures per staff member in the period, for everyone with a record, a hand-entered total, a
 * staffed-hours adjustment or a correction in it (and everyone in `people`, with zeros), sorted by
 * staff number. No waiting time here: how long citizens wait depends on the queue, not on one clerk.
 */
export function measureStaff(input: MeasureInput, period: Pick<Period, "first" | "last">, people: readonly string[] = []): StaffMeasures[] {
  const records = input.records.filter((r) => periodContains(period, r.ticketDate));
  return measureStaffFromSummaries({ ...input, summaries: summarizeStaffDays(records, input.gapMinutes ?? DEFAULT_GAP_MINUTES) }, period, people);
}

export interface SummaryInput extends Omit<MeasureInput, "records"> {
  summaries: readonly StaffDaySummary[];
}

/** measureStaff over stored staff-day summaries (the rollup) instead of the records themselves. */
export function measureStaffFromSummaries(input: SummaryInput, period: Pick<Period, "first" | "last">, people: readonly string[] = []): StaffMeasures[] {
  const summaries = input.summaries.filter((d) => periodContains(period, d.date));
  const totals = (input.dailyTotals ?? []).filter((t) => periodContains(period, t.date));
  const corrections = (input.corrections ?? []).filter((c) => periodContains(period, c.date));
  const days = groupBy(
    withAdjustments(
      // A day whose records gave no hours behaves as a day without records (only hours > 0 count).
      summaries.map((d) => ({ staff: d.staff, date: d.date, hours: d.staffedHours })),
      input.adjustments ?? [],
      period,
    ),
    (d) => d.staff,
  );
  const summariesBy = groupBy(summaries, (d) => d.staff);
  const totalsBy = groupBy(totals, (t) => t.staff);
  const correctionsBy = groupBy(corrections, (c) => c.staff);
  const everyone = new Set([...people, ...days.keys(), ...summariesBy.keys(), ...totalsBy.keys(), ...correctionsBy.keys()]);
  return [...everyone].sort(byCode).map((staff) => {
    const personDays = (days.get(staff) ?? []).filter((d) => d.hours > 0);
    const personTotals = totalsBy.get(staff) ?? [];
    return {
      staff,
      ...measuresOf(
        {
          groups: (summariesBy.get(staff) ?? []).flatMap((d) => d.groups),
          totals: personTotals,
          corrections: (correctionsBy.get(staff) ?? []).reduce((s, c) => s + correctionCount(c), 0),
          staffedHours: clean(personDays.reduce((s, d) => s + d.hours, 0)),
          staffedDays: dayCount(personDays, personTotals),
        },
        input.caseTypes,
      ),
    };
  });
}

export interface CounterSummaryInput extends Omit<MeasureInput, "records"> {
  counterDays: readonly CounterDaySummary[];
}

/** Measures per counter in the period (every counter in `counters` appears, with zeros when idle), with citizens' waiting time. */
export function measureCounters(input: MeasureInput, period: Pick<Period, "first" | "last">, counters: readonly string[] = []): CounterMeasures[] {
  const records = input.records.filter((r) => periodContains(period, r.ticketDate));
  return measureCountersFromSummaries({ ...input, counterDays: summarizeCounterDays(records, input.gapMinutes ?? DEFAULT_GAP_MINUTES) }, period, counters);
}

/**
 * measureCounters over stored counter-day summaries (the rollup). A counter's staffed hours come from
 * the records served there (whoever sat at it); staff adjustments are about people and do not move them.
 */
export function measureCountersFromSummaries(input: CounterSummaryInput, period: Pick<Period, "first" | "last">, counters: readonly string[] = []): CounterMeasures[] {
  const counterDays = input.counterDays.filter((d) => periodContains(period, d.date));
  const totals = (input.dailyTotals ?? []).filter((t) => periodContains(period, t.date));
  const corrections = (input.corrections ?? []).filter((c) => periodContains(period, c.date));
  const daysBy = groupBy(counterDays, (d) => d.counter);
  const totalsBy = groupBy(totals, (t) => t.counter);
  const correctionsBy = groupBy(corrections, (c) => c.counter);
  const all = new Set([...counters, ...daysBy.keys(), ...totalsBy.keys()]);
  return [...all].sort(byCode).map((counter) => {
    const days = daysBy.get(counter) ?? [];
    const staffed = days.filter((d) => d.staffedHours > 0);
    const counterTotals = totalsBy.get(counter) ?? [];
    return {
      counter,
      ...measuresOf(
        {
          groups: days.flatMap((d) => d.groups),
          totals: counterTotals,
          corrections: (correctionsBy.get(counter) ?? []).reduce((s, c) => s + correctionCount(c), 0),
          staffedHours: clean(staffed.reduce((s, d) => s + d.staffedHours, 0)),
          staffedDays: dayCount(staffed, counterTotals),
        },
        input.caseTypes,
      ),
      waiting: waitingMeasuresOfMs(allSorted(days.map((d) => d.waitMs)), input.waitTargetMinutes ?? DEFAULT_WAIT_TARGET_MINUTES),
    };
  });
}

/**
 * The office's measures: staffed hours are the sum over people (the office's counter time),
 * staffed days the number of distinct days anyone was staffed.
 */
export function measureOffice(input: MeasureInput, period: Pick<Period, "first" | "last">): OfficeMeasures {
  const records = input.records.filter((r) => periodContains(period, r.ticketDate));
  const gap = input.gapMinutes ?? DEFAULT_GAP_MINUTES;
  return measureOfficeFromSummaries({ ...input, staffDays: summarizeStaffDays(records, gap), counterDays: summarizeCounterDays(records, gap) }, period);
}

export interface OfficeSummaryInput extends CounterSummaryInput {
  staffDays: readonly StaffDaySummary[];
}

/** measureOffice over the rollups: cases and waits from the counter days, hours from the staff days and adjustments. */
export function measureOfficeFromSummaries(input: OfficeSummaryInput, period: Pick<Period, "first" | "last">): OfficeMeasures {
  const counterDays = input.counterDays.filter((d) => periodContains(period, d.date));
  const totals = (input.dailyTotals ?? []).filter((t) => periodContains(period, t.date));
  const corrections = (input.corrections ?? []).filter((c) => periodContains(period, c.date));
  const days = withAdjustments(
    input.staffDays.map((d) => ({ staff: d.staff, date: d.date, hours: d.staffedHours })),
    input.adjustments ?? [],
    period,
  ).filter((d) => d.hours > 0);
  return {
    ...measuresOf(
      {
        groups: counterDays.flatMap((d) => d.groups),
        totals,
        corrections: corrections.reduce((s, c) => s + correctionCount(c), 0),
        staffedHours: clean(days.reduce((s, d) => s + d.hours, 0)),
        staffedDays: dayCount(days, totals),
      },
      input.caseTypes,
    ),
    waiting: waitingMeasuresOfMs(allSorted(counterDays.map((d) => d.waitMs)), input.waitTargetMinutes ?? DEFAULT_WAIT_TARGET_MINUTES),
  };
}
