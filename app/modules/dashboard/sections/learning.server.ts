// Dashboard section "learning" (issue 9: "learning-hour completion (share of staff on track, who is
// behind)", and the overdue "sessions without attendance"). The rules are the roster's (training/hours.ts:
// hours by the Taipei year of a session's first date, approved e-learning once per certificate, completed
// outside training; progressAgainstTarget's straight line by whole months), but the hours are summed in
// SQL per office, person and period of the trend, so the bureau's 37 offices and six trend points take
// the same four queries as one office (issue 9, "Speed": no query per office or per row).
import { sql, type Executor } from "../../db.server";
import { addDays, taipeiInstant, type Period } from "../../counters/periods";
import { PROGRESS_JUDGEMENT_LABELS, progressAgainstTarget, roundHours, type ProgressJudgement, type YearlyTarget } from "../../training/hours";
import { previousPeriod, trendPeriods } from "../dashboard-period";
import { percentOf, type DrillTable, type Figure, type OverdueItem, type RankedList, type SectionResult, type TrendPoint } from "../figure";
import { periodKeySql, taipeiDateSql, sqlList } from "../period-sql";
import type { DashboardSection, SectionContext } from "../section";

/** The roles whose holders are "working staff" of an office: the roster's (training.server.ts hoursRoster). */
const STAFF_ROLES = ["staff", "committee", "chair", "supervisor", "director"] as const;
/** The behind list shows this many; its drill-down shows everyone. */
const BEHIND_SHOWN = 10;
/** An overdue item names at most this many people. */
const NAMES_SHOWN = 5;

const clean = (hours: number) => Math.round(hours * 1e6) / 1e6;

interface Member {
  id: number;
  employeeNo: string;
  name: string;
  title: string;
}

/** Hours of one person filed under one period of the trend's kind. */
interface Bucket {
  total: number;
  digital: number;
}

interface OfficeHours {
  members: Member[];
  /** userId → period key → hours credited in that period (session, e-learning, outside training). */
  hours: Map<number, Map<string, Bucket>>;
  /** Period keys holding at least one hour record of the office (anyone's). */
  recordKeys: Set<string>;
}

interface LearningData {
  offices: Map<number, OfficeHours>;
  /** `${officeId}:${year}` → the office's yearly target. */
  targets: Map<string, YearlyTarget>;
}


/**
 * Everything the figures need for `officeIds`, from 1 January of `from`'s year to `to`: the people,
 * their hours per period of `kind`, the targets. Four grouped queries, whatever the number of offices.
 */
async function loadLearning(db: Executor, officeIds: readonly number[], kind: Period["kind"], from: string, to: string): Promise<LearningData> {
  const offices = new Map<number, OfficeHours>(officeIds.map((id) => [id, { members: [], hours: new Map(), recordKeys: new Set() }]));
  const targets = new Map<string, YearlyTarget>();
  if (officeIds.length === 0) return { offices, targets };
  const first = `${from.slice(0, 4)}-01-01`;
  const ids = sqlList(officeIds);
  const start = taipeiInstant(first);
  const end = taipeiInstant(addDays(to, 1));

  const sessionKey = periodKeySql(kind, taipeiDateSql(sql.ref("f.first_at")));
  const elearningKey = periodKeySql(kind, sql.ref("e.completed_on"));
  const nominationKey = periodKeySql(kind, sql.ref("n.ends_on"));

  const [hourRows, memberRows, targetRows] = await Promise.all([
    // One row per office, person, period and kind of hours. The rules of hours.ts: a session's hours
    // fall in the period of its first date (Taipei); present credits the session's hours, partly
    // present the hours recorded (never more); a cancelled session credits nothing. E-learning: approved,
    // by its completion date, a certificate (platform + number, case and spaces ignored) once per
    // person and year. Outside training: completed, by its last day.
    sql<{ officeId: number; userId: number; periodKey: string; part: "session" | "elearning" | "outside"; hours: string }>`
      select s.office_id, e.user_id, ${sessionKey} as period_key, 'session' as part,
             sum(case when e.status = 'attended' then s.credited_hours
                      else least(greatest(coalesce(e.hours, 0), 0), s.credited_hours) end) as hours
        from training_sessions s
        join lateral (select min(d.starts_at) as first_at from training_session_dates d where d.session_id = s.id) f on true
        join enrolments e on e.session_id = s.id
       where s.office_id in (${ids}) and s.status = 'scheduled'
         and e.status in ('attended', 'partly_attended')
         and f.first_at >= ${start} and f.first_at < ${end}
       group by 1, 2, 3
      union all
      select x.office_id, x.user_id, x.period_key, 'elearning', sum(x.hours)
        from (
          select distinct on (e.office_id, e.user_id, extract(year from e.completed_on), c.cert)
                 e.office_id, e.user_id, ${elearningKey} as period_key, e.hours
            from elearning_records e
            cross join lateral (
              select case when regexp_replace(e.certificate_number, '\\s', '', 'g') <> ''
                          then upper(trim(e.platform)) || ':' || upper(regexp_replace(e.certificate_number, '\\s', '', 'g'))
                          else 'id:' || e.id end as cert
            ) c
           where e.office_id in (${ids}) and e.status = 'approved'
             and e.completed_on between ${first}::date and ${to}::date
           order by e.office_id, e.user_id, extract(year from e.completed_on), c.cert, e.id
        ) x
       group by 1, 2, 3
      union all
      select n.office_id, n.user_id, ${nominationKey}, 'outside', sum(greatest(n.hours, 0))
        from training_nominations n
       where n.office_id in (${ids}) and n.outcome = 'completed'
         and n.ends_on between ${first}::date and ${to}::date
       group by 1, 2, 3
    `.execute(db),
    db
      .selectFrom("users as u")
      .innerJoin("userRoles as r", "r.userId", "u.id")
      .select(["r.officeId", "u.id", "u.name", "u.employeeNo", "u.title"])
      .distinct()
      .where("u.active", "=", true)
      .where("r.officeId", "in", officeIds)
      .where("r.role", "in", [...STAFF_ROLES])
      .orderBy("u.employeeNo")
      .execute(),
    db
      .selectFrom("trainingTargets")
      .select(["officeId", "year", "totalHours", "digitalHours"])
      .where("officeId", "in", officeIds)
      .where("year", ">=", Number(first.slice(0, 4)))
      .where("year", "<=", Number(to.slice(0, 4)))
      .execute(),
  ]);

  for (const m of memberRows) offices.get(m.officeId)?.members.push({ id: m.id, employeeNo: m.employeeNo, name: m.name, title: m.title });
  for (const r of hourRows.rows) {
    const office = offices.get(Number(r.officeId));
    if (!office) continue;
    office.recordKeys.add(r.periodKey);
    const person = office.hours.get(Number(r.userId)) ?? new Map<string, Bucket>();
    const bucket = person.get(r.periodKey) ?? { total: 0, digital: 0 };
    const hours = Number(r.hours);
    bucket.total = clean(bucket.total + hours);
    if (r.part === "elearning") bucket.digital = clean(bucket.digital + hours);
    person.set(r.periodKey, bucket);
    office.hours.set(Number(r.userId), person);
  }
  for (const t of targetRows) targets.set(`${t.officeId}:${t.year}`, { totalHours: Number(t.totalHours), digitalHours: Number(t.digitalHours) });
  return { offices, targets };
}

/** A period key's year and whether it lies in `point`'s year at or before it (keys of one kind sort within a year). */
const countsFor = (key: string, point: Period) => key.slice(0, 4) === point.key.slice(0, 4) && key <= point.key;

export interface RosterLine extends Member {
  totalHours: number;
  digitalHours: number;
  /** Hours the target expects by the judgement date; null without a target. */
  expectedHours: number | null;
  behindBy: number;
  judgement: ProgressJudgement | null;
}

interface Judged {
  year: number;
  target: YearlyTarget | null;
  /** Any hour record of the office in the year up to the point. */
  hasRecords: boolean;
  lines: RosterLine[];
}

/**
 * The instant a period is judged at: just after its last day once it is over (so a finished quarter
 * expects its three months, a finished year the whole target), `now` while it runs; null before it begins.
 */
export function judgedAt(period: Period, today: string, now: Date): Date | null {
  if (today < period.first) return null;
  if (today > period.last) return taipeiInstant(addDays(period.last, 1));
  return now;
}

/** Everyone's hours in the point's year up to the point, against the year's target, judged at `at`. */
function judge(data: LearningData, officeId: number, point: Period, at: Date): Judged {
  const office = data.offices.get(officeId)!;
  const year = Number(point.key.slice(0, 4));
  const target = data.targets.get(`${officeId}:${year}`) ?? null;
  const hasRecords = [...office.recordKeys].some((k) => countsFor(k, point));
  const lines = office.members.map((m): RosterLine => {
    let totalHours = 0;
    let digitalHours = 0;
    for (const [key, b] of office.hours.get(m.id) ?? []) {
      if (!countsFor(key, point)) continue;
      totalHours = clean(totalHours + b.total);
      digitalHours = clean(digitalHours + b.digital);
    }
    if (!target) return { ...m, totalHours, digitalHours, expectedHours: null, behindBy: 0, judgement: null };
    const progress = progressAgainstTarget({ year, totalHours, digitalHours }, target, at);
    return { ...m, totalHours, digitalHours, expectedHours: progress.total.expectedByNow, behindBy: progress.total.behindBy, judgement: progress.judgement };
  });
  return { year, target, hasRecords, lines };
}

interface PointValues {
  onTrack: { value: number | null; numerator?: number; denominator?: number };
  hoursPerPerson: number | null;
  judged: Judged | null;
}

function valuesAt(data: LearningData, officeId: number, point: Period, today: string, now: Date): PointValues {
  const at = judgedAt(point, today, now);
  if (!at) return { onTrack: { value: null }, hoursPerPerson: null, judged: null };
  const judged = judge(data, officeId, point, at);
  const people = judged.lines.length;
  if (!judged.hasRecords || people === 0) return { onTrack: { value: null }, hoursPerPerson: null, judged };
  const hoursPerPerson = roundHours(judged.lines.reduce((s, l) => s + l.totalHours, 0) / people);
  if (!judged.target) return { onTrack: { value: null }, hoursPerPerson, judged };
  const notBehind = judged.lines.filter((l) => l.judgement !== "behind").length;
  return { onTrack: { value: percentOf(notBehind, people), numerator: notBehind, denominator: people }, hoursPerPerson, judged };
}

const rosterHref = (year: number, behindOnly = false) => `/training/roster?year=${year}${behindOnly ? "&behind=1" : ""}`;

function officeResult(data: LearningData, officeId: number, context: SectionContext, points: Period[], overdue: OverdueItem[]): SectionResult {
  const values = points.map((p) => valuesAt(data, officeId, p, context.today, context.now));
  const current = values[values.length - 1];
  const previous = values.length > 1 ? values[values.length - 2] : valuesAt(data, officeId, previousPeriod(context.period), context.today, context.now);
  const trendOf = (pick: (v: PointValues) => number | null): TrendPoint[] => points.map((p, i) => ({ key: p.key, label: p.label, value: pick(values[i]) }));

  const onTrack: Figure = {
    id: "learning.onTrack",
    value: current.onTrack.value,
    unit: "percent",
    numerator: current.onTrack.numerator,
    denominator: current.onTrack.denominator,
    target: null,
    higherIsBetter: true,
    previous: previous.onTrack.value,
    trend: trendOf((v) => v.onTrack.value),
    drillable: true,
  };
  const hoursPerPerson: Figure = {
    id: "learning.hoursPerPerson",
    value: current.hoursPerPerson,
    unit: "hours",
    target: current.judged?.target?.totalHours ?? null,
    higherIsBetter: true,
    previous: previous.hoursPerPerson,
    trend: trendOf((v) => v.hoursPerPerson),
    drillable: true,
  };
  for (const f of [onTrack, hoursPerPerson]) if (f.value === null) f.missingReason = "noData";

  const judged = current.judged;
  const behindRows =
    judged && judged.target && judged.hasRecords
      ? judged.lines
          .filter((l) => l.judgement === "behind")
          .sort((a, b) => b.behindBy - a.behindBy || a.employeeNo.localeCompare(b.employeeNo))
          .slice(0, BEHIND_SHOWN)
          .map((l) => ({ label: l.name, value: roundHours(l.totalHours), note: `${l.employeeNo}・落後 ${roundHours(l.behindBy)} 小時`, href: rosterHref(judged.year, true) }))
      : [];
  const behind: RankedList = { id: "learning.behind", unit: "hours", rows: behindRows, drillable: true };
  return { figures: [onTrack, hoursPerPerson], lists: [behind], overdue };
}

/** Whole days from one Taipei date to another. */
export function daysBetween(from: string, to: string): number {
  const ms = (d: string) => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
  return Math.round((ms(to) - ms(from)) / 86_400_000);
}

/**
 * Sessions over (every date ended) and not cancelled, with people still booked: attendance was never
 * taken for them (the home page's "withoutAttendance" rule in training.server.ts trainingWaitingFor).
 */
async function sessionsWithoutAttendance(db: Executor, officeIds: readonly number[], context: Pick<SectionContext, "today" | "now">): Promise<Map<number, OverdueItem[]>> {
  const map = new Map<number, OverdueItem[]>(officeIds.map((id) => [id, []]));
  if (officeIds.length === 0) return map;
  const { rows } = await sql<{ id: number; officeId: number; title: string; endedOn: string; booked: string; names: string }>`
    select s.id, s.office_id, s.title, to_char(${taipeiDateSql(sql.ref("f.ended_at"))}, 'YYYY-MM-DD') as ended_on,
           count(*) as booked, string_agg(u.name, '、' order by u.employee_no) as names
      from training_sessions s
      join lateral (select max(d.ends_at) as ended_at from training_session_dates d where d.session_id = s.id) f on true
      join enrolments e on e.session_id = s.id and e.status = 'booked'
      join users u on u.id = e.user_id
     where s.office_id in (${sqlList(officeIds)}) and s.status = 'scheduled' and f.ended_at <= ${context.now}
     group by s.id, s.office_id, s.title, f.ended_at
     order by f.ended_at, s.id
  `.execute(db);
  for (const r of rows) {
    const names = r.names.split("、");
    map.get(Number(r.officeId))?.push({
      kind: "sessionAttendance",
      title: r.title,
      count: Number(r.booked),
      since: r.endedOn,
      daysOverdue: Math.max(0, daysBetween(r.endedOn, context.today)),
      href: `/training/${r.id}`,
      note: names.slice(0, NAMES_SHOWN).join("、") + (names.length > NAMES_SHOWN ? "…" : ""),
    });
  }
  return map;
}

const ROSTER_COLUMNS: DrillTable["columns"] = [
  { key: "employeeNo", label: "員工編號", kind: "text" },
  { key: "name", label: "姓名", kind: "text" },
  { key: "title", label: "職稱", kind: "text" },
  { key: "totalHours", label: "已完成總時數", kind: "hours" },
  { key: "digitalHours", label: "其中數位學習時數", kind: "hours" },
  { key: "expectedHours", label: "依進度應達時數", kind: "hours" },
  { key: "targetHours", label: "年度目標時數", kind: "hours" },
  { key: "judgement", label: "判斷", kind: "text" },
];

export const learningSection: DashboardSection = {
  id: "learning",

  async compute(context) {
    const points = trendPeriods(context.period);
    const first = points[0].first;
    const [data, overdue] = await Promise.all([
      loadLearning(context.db, context.officeIds, context.period.kind, first, context.period.last),
      sessionsWithoutAttendance(context.db, context.officeIds, context),
    ]);
    return new Map(context.officeIds.map((officeId) => [officeId, officeResult(data, officeId, context, points, overdue.get(officeId) ?? [])]));
  },

  async detail(context, figureId) {
    if (!["learning.onTrack", "learning.hoursPerPerson", "learning.behind"].includes(figureId)) return null;
    const { period } = context;
    const data = await loadLearning(context.db, [context.officeId], period.kind, period.first, period.last);
    const at = judgedAt(period, context.today, context.now);
    const rows: DrillTable["rows"] = [];
    if (at) {
      const judged = judge(data, context.officeId, period, at);
      const lines = figureId === "learning.behind" ? judged.lines.filter((l) => l.judgement === "behind").sort((a, b) => b.behindBy - a.behindBy) : judged.lines;
      if (judged.hasRecords) {
        for (const l of lines) {
          rows.push({
            employeeNo: l.employeeNo,
            name: l.name,
            nameHref: rosterHref(judged.year),
            title: l.title,
            totalHours: roundHours(l.totalHours),
            digitalHours: roundHours(l.digitalHours),
            expectedHours: l.expectedHours === null ? null : roundHours(l.expectedHours),
            targetHours: judged.target?.totalHours ?? null,
            judgement: l.judgement ? PROGRESS_JUDGEMENT_LABELS[l.judgement] : null,
          });
        }
      }
    }
    return { figureId, columns: ROSTER_COLUMNS, rows };
  },
};
