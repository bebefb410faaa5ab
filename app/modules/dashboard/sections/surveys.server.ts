// The dashboard's survey section (issue 9: "survey index and its change against the previous round
// (respecting the anonymity thresholds)"). A survey runs per half-year, not per dashboard period, so
// the figures show the latest CLOSED round that closed on or before the period's last day; previous
// is the office's closed round before it, and the trend is the last rounds, labelled by round
// (115年上半年). Results come only from closed rounds (surveys README, "Live results leak by
// difference") and only through results.ts, so every threshold there applies here too: a round
// below its score threshold has no index anywhere on the dashboard (figure, trend or table), only its
// respondent count, which reveals no answer (response-rate.ts).
//
// Queries: one for the rounds of every office in the context (the last TREND_LENGTH per office, by a
// window function), one for those rounds' anonymous answers (ordered by the random id, never by
// time), one for their participation counts. Scoring is the pure results.ts in TypeScript.
import { sql, type Executor } from "../../db.server";
import { compareRounds, type ComparisonSide } from "../../surveys/comparison";
import { responseRate, roundPeriodLabel, type Half } from "../../surveys/response-rate";
import { DEFAULT_THRESHOLDS, roundForDisplay, surveyResults, type SurveyResponse, type SurveyResults, type Thresholds } from "../../surveys/results";
import type { SurveyAnswers } from "../../surveys/answers";
import type { SurveyTemplate } from "../../surveys/template";
import type { Period } from "../../counters/periods";
import { TREND_LENGTH, type DrillTable, type Figure, type MissingReason, type SectionResult, type TrendPoint } from "../figure";
import type { DashboardSection, SectionContext } from "../section";

export const SURVEY_FIGURES = {
  index: "surveys.index",
  responseRate: "surveys.responseRate",
} as const;

interface ScoredRound {
  id: number;
  officeId: number;
  title: string;
  year: number;
  half: Half;
  closesOn: string;
  template: SurveyTemplate;
  results: SurveyResults;
  audience: number;
  responded: number;
}

/** The index as shown (one decimal, as the survey's own results page rounds it), or why there is none. */
function indexOf(round: ScoredRound): { value: number | null; missingReason?: MissingReason } {
  const r = round.results;
  if (!r.shown) return r.respondents === 0 ? { value: null, missingReason: "noData" } : { value: null, missingReason: "belowThreshold" };
  // Shown, but every Likert question hidden (too few answered them): withheld as well.
  if (r.overallIndex === null) return { value: null, missingReason: "belowThreshold" };
  return { value: roundForDisplay(r.overallIndex) };
}

function rateOf(round: ScoredRound): number | null {
  return responseRate({ responded: round.responded, audience: round.audience }).percent;
}

/** The key and label of a round's trend point: `2026-H1`, 115年上半年. */
const roundPoint = (round: ScoredRound, value: number | null): TrendPoint => ({ key: `${round.year}-H${round.half}`, label: roundPeriodLabel(round.year, round.half), value });

/**
 * Per office, its last `TREND_LENGTH` closed rounds that closed on or before the period's end, newest
 * first, scored.
 */
async function scoredRounds(db: Executor, officeIds: readonly number[], period: Period): Promise<Map<number, ScoredRound[]>> {
  const byOffice = new Map<number, ScoredRound[]>(officeIds.map((id) => [id, []]));
  if (officeIds.length === 0) return byOffice;
  const ranked = db
    .selectFrom("surveyRounds as r")
    .select([
      "r.id",
      "r.officeId",
      "r.title",
      "r.year",
      "r.half",
      "r.template",
      "r.thresholds",
      sql<string>`to_char(r.closes_on, 'YYYY-MM-DD')`.as("closesOn"),
      sql<string>`row_number() over (partition by r.office_id order by r.year desc, r.half desc)`.as("position"),
    ])
    .where("r.officeId", "in", officeIds)
    .where("r.state", "=", "closed")
    .where("r.closesOn", "<=", period.last);
  const rounds = await db.selectFrom(ranked.as("x")).selectAll().where("x.position", "<=", String(TREND_LENGTH)).execute();
  if (rounds.length === 0) return byOffice;
  const roundIds = rounds.map((r) => r.id);

  const [answers, participation] = await Promise.all([
    // Ordered by the random id: nothing here depends on when anyone answered (surveys README).
    db.selectFrom("surveyResponses").select(["roundId", "answers"]).where("roundId", "in", roundIds).orderBy("roundId").orderBy("id").execute(),
    db
      .selectFrom("surveyParticipation")
      .select(["roundId", (eb) => eb.fn.countAll<string>().as("audience"), sql<string>`count(*) filter (where submitted)`.as("responded")])
      .where("roundId", "in", roundIds)
      .groupBy("roundId")
      .execute(),
  ]);
  const responsesByRound = new Map<number, SurveyResponse[]>();
  for (const a of answers) {
    const list = responsesByRound.get(a.roundId) ?? [];
    list.push({ answers: a.answers as SurveyAnswers });
    responsesByRound.set(a.roundId, list);
  }
  const counts = new Map(participation.map((p) => [p.roundId, { audience: Number(p.audience), responded: Number(p.responded) }]));

  for (const r of rounds.sort((a, b) => b.year - a.year || b.half - a.half)) {
    const template = r.template as SurveyTemplate;
    const stored = r.thresholds as Partial<Thresholds> | null;
    const thresholds: Thresholds = { scores: stored?.scores ?? DEFAULT_THRESHOLDS.scores, comments: stored?.comments ?? DEFAULT_THRESHOLDS.comments };
    const responses = responsesByRound.get(r.id) ?? [];
    const count = counts.get(r.id) ?? { audience: 0, responded: responses.length };
    byOffice.get(r.officeId)?.push({
      id: r.id,
      officeId: r.officeId,
      title: r.title,
      year: r.year,
      half: r.half as Half,
      closesOn: r.closesOn,
      template,
      results: surveyResults(template, responses, thresholds),
      audience: count.audience,
      responded: count.responded,
    });
  }
  return byOffice;
}

function figuresOf(rounds: ScoredRound[]): Figure[] {
  const [latest, before] = rounds;
  const oldestFirst = [...rounds].reverse();
  if (!latest) {
    return [
      { id: SURVEY_FIGURES.index, value: null, unit: "percent", higherIsBetter: true, previous: null, trend: [], missingReason: "noData", drillable: true },
      { id: SURVEY_FIGURES.responseRate, value: null, unit: "percent", higherIsBetter: true, previous: null, trend: [], missingReason: "noData", drillable: true },
    ];
  }
  const index = indexOf(latest);
  const rate = rateOf(latest);
  return [
    {
      id: SURVEY_FIGURES.index,
      value: index.value,
      unit: "percent",
      higherIsBetter: true,
      previous: before ? indexOf(before).value : null,
      trend: oldestFirst.map((r) => roundPoint(r, indexOf(r).value)),
      ...(index.missingReason ? { missingReason: index.missingReason } : {}),
      drillable: true,
    },
    {
      id: SURVEY_FIGURES.responseRate,
      value: rate,
      unit: "percent",
      numerator: latest.responded,
      denominator: latest.audience,
      higherIsBetter: true,
      previous: before ? rateOf(before) : null,
      trend: oldestFirst.map((r) => roundPoint(r, rateOf(r))),
      ...(rate === null ? { missingReason: "noData" as const } : {}),
      drillable: true,
    },
  ];
}

async function compute(context: SectionContext): Promise<Map<number, SectionResult>> {
  const byOffice = await scoredRounds(context.db, context.officeIds, context.period);
  const results = new Map<number, SectionResult>();
  for (const officeId of context.officeIds) {
    results.set(officeId, { figures: figuresOf(byOffice.get(officeId) ?? []), lists: [], overdue: [] });
  }
  return results;
}

// ------------------------------------------------------------------------------ drill-down tables

const sideOf = (results: SurveyResults): ComparisonSide => (results.shown ? results : { shown: false, suppression: results.suppression });

/** The chosen round's section indices and overall index beside the previous round's, through comparison.ts. */
function indexTable(rounds: ScoredRound[]): DrillTable {
  const table: DrillTable = {
    figureId: SURVEY_FIGURES.index,
    columns: [
      { key: "section", label: "構面", kind: "text" },
      { key: "current", label: "本次指數", kind: "percent" },
      { key: "previous", label: "前次指數", kind: "percent" },
      { key: "change", label: "變動（百分點）", kind: "number" },
      { key: "note", label: "說明", kind: "text" },
    ],
    rows: [],
  };
  const [latest, before] = rounds;
  if (!latest) return table;
  const current = sideOf(latest.results);
  // Without an earlier round, "previous" is simply absent: a hidden side with that wording would
  // claim it was suppressed.
  const previous: ComparisonSide = before ? sideOf(before.results) : { shown: false, suppression: { reason: "no_responses", message: "" } };
  const comparison = compareRounds(latest.template, current, previous);
  const note = (c: { reason: string; message: string }) => (before || c.reason === "current_suppressed" ? c.message : "沒有前次調查，無法比較。");
  table.rows = [
    ...comparison.sections.map((s) => ({
      section: s.title,
      current: s.current,
      previous: before ? s.previous : null,
      change: s.changePoints,
      note: note(s),
    })),
    {
      section: "整體指數",
      current: comparison.overall.current,
      previous: before ? comparison.overall.previous : null,
      change: comparison.overall.changePoints,
      note: note(comparison.overall),
    },
  ];
  if (!latest.results.shown) {
    // Only the count, which reveals nothing: the whole round is withheld (results.ts).
    table.rows.push({ section: latest.title, current: null, previous: null, change: null, note: latest.results.suppression.message });
  }
  return table;
}

/** The rounds of the trend, newest first: response rate and overall index (null when withheld). */
function roundsTable(rounds: ScoredRound[]): DrillTable {
  return {
    figureId: SURVEY_FIGURES.responseRate,
    columns: [
      { key: "round", label: "調查", kind: "text" },
      { key: "closesOn", label: "截止日期", kind: "date" },
      { key: "audience", label: "調查對象", kind: "number" },
      { key: "responded", label: "已填答", kind: "number" },
      { key: "rate", label: "回覆率", kind: "percent" },
      { key: "index", label: "整體指數", kind: "percent" },
      { key: "note", label: "說明", kind: "text" },
    ],
    rows: rounds.map((r) => {
      const index = indexOf(r);
      return {
        round: r.title,
        roundHref: `/surveys/${r.id}/results`,
        closesOn: r.closesOn,
        audience: r.audience,
        responded: r.responded,
        rate: rateOf(r),
        index: index.value,
        note: r.results.shown ? (index.value === null ? "作答人數未達顯示門檻，不顯示指數。" : "") : r.results.suppression.message,
      };
    }),
  };
}

export const surveysSection: DashboardSection = {
  id: "surveys",
  compute,
  async detail(context, figureId) {
    if (figureId !== SURVEY_FIGURES.index && figureId !== SURVEY_FIGURES.responseRate) return null;
    const rounds = (await scoredRounds(context.db, [context.officeId], context.period)).get(context.officeId) ?? [];
    return figureId === SURVEY_FIGURES.index ? indexTable(rounds) : roundsTable(rounds);
  },
};
