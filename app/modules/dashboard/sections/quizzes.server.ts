// Dashboard section "quizzes" (issue 9: "quiz participation, mean, pass rate and weakest topics", and the
// overdue "quizzes not taken"). A quiz is filed under one period: the Taipei date of its closing (else its
// opening, else its creation; quiz-statistics.server.ts quizFiledOnSql). Its audience is resolved in SQL
// the way quizzes.server.ts audienceOf does (the whole office, some roles, or named people; active members
// holding a quiz-taking role), and each person's result is the attempt the quiz's grading counts
// (resultOf: the highest, or the last submitted). Practice attempts never count. One query returns every
// quiz of every office in the trend's span with its counts, so the bureau's side-by-side view costs the
// same queries as one office (issue 9, "Speed").
import type { RawBuilder } from "kysely";
import { sql, type Executor } from "../../db.server";
import type { Period } from "../../counters/periods";
import { finishExpiredAttempts } from "../../quizzes/attempts.server";
import { AUDIENCE_ROLES } from "../../quizzes/quizzes.schema";
import { listWeakestTopicsByOffice, quizFiledOnSql } from "../../quizzes/quiz-statistics.server";
import { trendPeriods } from "../dashboard-period";
import { percentOf, round1, type DrillTable, type Figure, type OverdueItem, type RankedList, type SectionResult } from "../figure";
import { periodKeySql, sqlList } from "../period-sql";
import type { DashboardSection, SectionContext } from "../section";
import { daysBetween } from "./learning.server";

/** A quiz closed this many days ago or less, with people who never submitted it, is overdue. */
export const QUIZ_OVERDUE_DAYS = 30;
const WEAKEST_SHOWN = 5;
const NAMES_SHOWN = 5;


export interface QuizLine {
  id: number;
  officeId: number;
  title: string;
  /** The Taipei date the quiz is filed under, `YYYY-MM-DD`. */
  filedOn: string;
  periodKey: string;
  passPercent: number;
  /** People in its audience. */
  audience: number;
  /** Of them, those with a submitted attempt. */
  took: number;
  /** Everyone with a submitted attempt (also people since removed from the audience). */
  graded: number;
  gradeSum: number;
  passed: number;
  /** Audience members without a submitted attempt, by employee number. */
  missing: string[];
}

/**
 * The CTEs every query here starts from: `q` the published quizzes chosen by `where`, `aud` their
 * audience (quiz_id, user_id), `graded` each person's counted percent (quiz_id, user_id, grade).
 */
function quizCtes(officeIds: readonly number[], where: RawBuilder<unknown>) {
  const ids = sqlList(officeIds);
  return sql`
    q as (
      select q.id, q.office_id, q.title, q.grading, q.pass_percent, q.audience, q.audience_roles, ${quizFiledOnSql("q")} as filed_on
        from quizzes q
       where q.published and q.office_id in (${ids}) and ${where}
    ),
    members as (
      select distinct r.office_id, r.user_id, r.role, u.employee_no, u.name
        from user_roles r join users u on u.id = r.user_id
       where u.active and r.office_id in (${ids}) and r.role in (${sqlList(AUDIENCE_ROLES)})
    ),
    aud as (
      select distinct q.id as quiz_id, m.user_id, m.employee_no, m.name
        from q join members m on m.office_id = q.office_id
       where q.audience = 'office'
          or (q.audience = 'roles' and q.audience_roles @> jsonb_build_array(m.role))
          or (q.audience = 'people' and exists (select 1 from quiz_audience_people p where p.quiz_id = q.id and p.user_id = m.user_id))
    ),
    graded as (
      select a.quiz_id, a.user_id,
             case when min(q.grading) = 'highest' then max(a.percent)
                  else (array_agg(a.percent order by a.attempt_no desc))[1] end as grade
        from quiz_attempts a join q on q.id = a.quiz_id
       where a.kind = 'quiz' and a.state = 'submitted' and a.percent is not null
       group by a.quiz_id, a.user_id
    )`;
}

/** Every quiz matching `where` with its audience, participation and results: one query. */
async function listQuizLines(db: Executor, officeIds: readonly number[], where: RawBuilder<unknown>, kind: Period["kind"]): Promise<QuizLine[]> {
  if (officeIds.length === 0) return [];
  const { rows } = await sql<{
    id: number;
    officeId: number;
    title: string;
    filedOn: string;
    periodKey: string;
    passPercent: number;
    audience: string | null;
    took: string | null;
    missing: string | null;
    graded: string | null;
    gradeSum: string | null;
    passed: string | null;
  }>`
    with ${quizCtes(officeIds, where)},
    -- Materialized: computed once. Inlined, the planner joined them to q in a nested loop and
    -- re-aggregated every attempt once per quiz (0.45 s over five years of one office; issue 10).
    aud_n as materialized (
      select aud.quiz_id, count(*) as audience, count(g.user_id) as took,
             string_agg(case when g.user_id is null then aud.name end, '、' order by aud.employee_no) as missing
        from aud left join graded g on g.quiz_id = aud.quiz_id and g.user_id = aud.user_id
       group by aud.quiz_id
    ),
    graded_n as materialized (
      select g.quiz_id, count(*) as graded, sum(g.grade) as grade_sum, count(*) filter (where g.grade >= q.pass_percent) as passed
        from graded g join q on q.id = g.quiz_id
       group by g.quiz_id
    )
    select q.id, q.office_id, q.title, to_char(q.filed_on, 'YYYY-MM-DD') as filed_on, ${periodKeySql(kind, sql.ref("q.filed_on"))} as period_key,
           q.pass_percent, an.audience, an.took, an.missing, gn.graded, gn.grade_sum, gn.passed
      from q
      left join aud_n an on an.quiz_id = q.id
      left join graded_n gn on gn.quiz_id = q.id
     order by q.filed_on, q.id
  `.execute(db);
  return rows.map((r) => ({
    id: r.id,
    officeId: Number(r.officeId),
    title: r.title,
    filedOn: r.filedOn,
    periodKey: r.periodKey,
    passPercent: Number(r.passPercent),
    audience: Number(r.audience ?? 0),
    took: Number(r.took ?? 0),
    graded: Number(r.graded ?? 0),
    gradeSum: Number(r.gradeSum ?? 0),
    passed: Number(r.passed ?? 0),
    missing: r.missing ? r.missing.split("、") : [],
  }));
}

/** Published quizzes of the offices filed between two Taipei dates that had opened by `now`. */
function filedWithin(first: string, last: string, now: Date) {
  return sql`${quizFiledOnSql("q")} between ${first}::date and ${last}::date and (q.opens_at is null or q.opens_at <= ${now})`;
}

interface Totals {
  audience: number;
  took: number;
  graded: number;
  gradeSum: number;
  passed: number;
}

function totalsOf(lines: QuizLine[]): Totals {
  const t: Totals = { audience: 0, took: 0, graded: 0, gradeSum: 0, passed: 0 };
  for (const l of lines) {
    t.audience += l.audience;
    t.took += l.took;
    t.graded += l.graded;
    t.gradeSum += l.gradeSum;
    t.passed += l.passed;
  }
  return t;
}

const participationOf = (t: Totals) => percentOf(t.took, t.audience);
const meanOf = (t: Totals) => (t.graded > 0 ? round1(t.gradeSum / t.graded) : null);
const passRateOf = (t: Totals) => percentOf(t.passed, t.graded);

function officeResult(lines: QuizLine[], points: Period[], weakest: RankedList["rows"], overdue: OverdueItem[]): SectionResult {
  const byKey = new Map<string, QuizLine[]>();
  for (const l of lines) byKey.set(l.periodKey, [...(byKey.get(l.periodKey) ?? []), l]);
  const totals = points.map((p) => totalsOf(byKey.get(p.key) ?? []));
  const current = totals[totals.length - 1];
  const previous = totals[totals.length - 2];
  const figure = (id: string, unit: Figure["unit"], of: (t: Totals) => number | null, ratio?: (t: Totals) => [number, number]): Figure => {
    const value = of(current);
    const f: Figure = {
      id,
      value,
      unit,
      target: null,
      higherIsBetter: true,
      previous: of(previous),
      trend: points.map((p, i) => ({ key: p.key, label: p.label, value: of(totals[i]) })),
      drillable: true,
    };
    if (ratio && value !== null) [f.numerator, f.denominator] = ratio(current);
    if (value === null) f.missingReason = "noData";
    return f;
  };
  return {
    figures: [
      figure("quizzes.participation", "percent", participationOf, (t) => [t.took, t.audience]),
      figure("quizzes.meanScore", "score", meanOf),
      figure("quizzes.passRate", "percent", passRateOf, (t) => [t.passed, t.graded]),
    ],
    lists: [{ id: "quizzes.weakestTopics", unit: "percent", rows: weakest, drillable: true }],
    overdue,
  };
}

function weakestRows(topics: { category: string; items: number; facility: number }[]): RankedList["rows"] {
  return topics.map((t) => ({ label: t.category, value: round1(t.facility)!, note: `${t.items} 題次` }));
}

/** Quizzes closed within the last QUIZ_OVERDUE_DAYS days with audience members who never submitted. */
async function quizzesNotTaken(db: Executor, officeIds: readonly number[], context: Pick<SectionContext, "today" | "now">): Promise<Map<number, OverdueItem[]>> {
  const map = new Map<number, OverdueItem[]>(officeIds.map((id) => [id, []]));
  const since = new Date(context.now.getTime() - QUIZ_OVERDUE_DAYS * 86_400_000);
  const lines = await listQuizLines(db, officeIds, sql`q.closes_at > ${since} and q.closes_at <= ${context.now}`, "month");
  for (const l of lines) {
    if (l.missing.length === 0) continue;
    map.get(l.officeId)?.push({
      kind: "quizNotTaken",
      title: l.title,
      count: l.missing.length,
      since: l.filedOn,
      daysOverdue: Math.max(0, daysBetween(l.filedOn, context.today)),
      href: `/quizzes/${l.id}/stats`,
      note: l.missing.slice(0, NAMES_SHOWN).join("、") + (l.missing.length > NAMES_SHOWN ? "…" : ""),
    });
  }
  return map;
}

const QUIZ_COLUMNS: DrillTable["columns"] = [
  { key: "title", label: "測驗", kind: "text" },
  { key: "filedOn", label: "截止日", kind: "date" },
  { key: "audience", label: "應考人數", kind: "number" },
  { key: "took", label: "已作答人數", kind: "number" },
  { key: "participation", label: "參與率", kind: "percent" },
  { key: "meanScore", label: "平均分數", kind: "number" },
  { key: "passPercent", label: "及格分數", kind: "number" },
  { key: "passRate", label: "及格率", kind: "percent" },
];

const TOPIC_COLUMNS: DrillTable["columns"] = [
  { key: "category", label: "題目類別", kind: "text" },
  { key: "items", label: "作答題次", kind: "number" },
  { key: "facility", label: "答對率", kind: "percent" },
];

export const quizzesSection: DashboardSection = {
  id: "quizzes",

  async compute(context) {
    const { db, officeIds, period } = context;
    if (officeIds.length === 0) return new Map();
    // An attempt left open past its deadline counts with what it saved, as on the statistics page.
    await finishExpiredAttempts(db, context.now);
    const points = trendPeriods(period);
    const [lines, weakest, overdue] = await Promise.all([
      listQuizLines(db, officeIds, filedWithin(points[0].first, period.last, context.now), period.kind),
      listWeakestTopicsByOffice(db, officeIds, period.first, period.last),
      quizzesNotTaken(db, officeIds, context),
    ]);
    const byOffice = new Map<number, QuizLine[]>();
    for (const l of lines) byOffice.set(l.officeId, [...(byOffice.get(l.officeId) ?? []), l]);
    return new Map(
      officeIds.map((officeId) => [
        officeId,
        officeResult(byOffice.get(officeId) ?? [], points, weakestRows((weakest.get(officeId) ?? []).slice(0, WEAKEST_SHOWN)), overdue.get(officeId) ?? []),
      ]),
    );
  },

  async detail(context, figureId) {
    const { db, officeId, period } = context;
    if (figureId === "quizzes.weakestTopics") {
      const topics = (await listWeakestTopicsByOffice(db, [officeId], period.first, period.last)).get(officeId) ?? [];
      return { figureId, columns: TOPIC_COLUMNS, rows: topics.map((t) => ({ category: t.category, items: t.items, facility: round1(t.facility) })) };
    }
    if (!["quizzes.participation", "quizzes.meanScore", "quizzes.passRate"].includes(figureId)) return null;
    await finishExpiredAttempts(db, context.now);
    const lines = await listQuizLines(db, [officeId], filedWithin(period.first, period.last, context.now), period.kind);
    return {
      figureId,
      columns: QUIZ_COLUMNS,
      rows: lines.map((l) => {
        const t = totalsOf([l]);
        return {
          title: l.title,
          titleHref: `/quizzes/${l.id}/stats`,
          filedOn: l.filedOn,
          audience: l.audience,
          took: l.took,
          participation: participationOf(t),
          meanScore: meanOf(t),
          passPercent: l.passPercent,
          passRate: passRateOf(t),
        };
      }),
    };
  },
};

