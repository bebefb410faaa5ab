// The results of one survey round: per-question distributions and scores, section and overall
// indices, eNPS, free-text comments, and breakdowns by a demographic question, with every figure
// that could expose a small group suppressed and the reason said in zh-TW. Issue 7, "Anonymity is
// a property of the database" (thresholds) and "Results". Pure (ARCHITECTURE rule 6): the server
// loads the round's anonymous answers (never a user, README.md "Anonymity design") and asks these
// functions; admins get exactly the same suppression as everybody else (issue 7: "Thresholds
// apply to admins too"), so no function here takes a role.
import { checkAnswer, type AnswerValue, type SurveyAnswers } from "./answers";
import {
  LIKERT5_LABELS,
  enpsQuestion,
  listQuestions,
  type DemographicQuestion,
  type NumberedQuestion,
  type QuestionId,
  type QuestionKind,
  type SurveyTemplate,
} from "./template";

// ------------------------------------------------------------------------------ thresholds

/** Minimum respondents in a group before its scores (`scores`) or its comments (`comments`) are shown. */
export interface Thresholds {
  scores: number;
  comments: number;
}

/** Issue 7's defaults; each office may raise them. */
export const DEFAULT_THRESHOLDS: Thresholds = { scores: 5, comments: 10 };

/**
 * The lowest score threshold an office may set. With 2, each of two respondents learns the other's
 * answers by subtracting their own; 3 is the floor the survey vendors (Glint, Culture Amp) allow.
 */
export const MIN_SCORE_THRESHOLD = 3;

/** Problems with an office's thresholds (empty when valid). Comments need at least as many people as scores. */
export function validateThresholds(thresholds: Thresholds): string[] {
  const problems: string[] = [];
  const { scores, comments } = thresholds;
  if (!Number.isInteger(scores) || scores < MIN_SCORE_THRESHOLD) problems.push(`分數的顯示門檻必須是 ${MIN_SCORE_THRESHOLD} 人以上的整數。`);
  if (!Number.isInteger(comments) || comments < MIN_SCORE_THRESHOLD) problems.push(`文字意見的顯示門檻必須是 ${MIN_SCORE_THRESHOLD} 人以上的整數。`);
  else if (Number.isInteger(scores) && comments < scores) problems.push("文字意見的顯示門檻不能低於分數的顯示門檻：文字比分數更容易認出填答者。");
  return problems;
}

function requireValidThresholds(thresholds: Thresholds): void {
  const problems = validateThresholds(thresholds);
  // Thresholds are checked when an office saves them; an invalid one here is a programming error,
  // and showing results with it could break the anonymity promise, so refuse loudly.
  if (problems.length > 0) throw new RangeError(`surveys: invalid thresholds ${JSON.stringify(thresholds)}: ${problems.join(" ")}`);
}

// ------------------------------------------------------------------------------ suppression

export type SuppressionReason =
  /** Fewer respondents in the round than the score threshold: nothing is shown. */
  | "total_below_threshold"
  /** A breakdown group with fewer respondents than the score threshold. */
  | "group_below_threshold"
  /** Hidden although big enough, so that a small hidden group cannot be had by subtraction. */
  | "complementary"
  /** Fewer people answered this question (optional, or in this group) than the score threshold. */
  | "question_below_threshold"
  /** Fewer respondents than the comment threshold: free text is not listed. */
  | "comments_below_threshold"
  /** Free text is never listed per group: a group is small enough to recognise a writer's style. */
  | "comments_by_group"
  /** Nobody answered. */
  | "no_responses";

export interface Suppression {
  reason: SuppressionReason;
  message: string;
}

export function suppression(reason: SuppressionReason, thresholds: Thresholds = DEFAULT_THRESHOLDS): Suppression {
  const messages: Record<SuppressionReason, string> = {
    total_below_threshold: `回覆人數未達 ${thresholds.scores} 人，為保護匿名不顯示結果。`,
    group_below_threshold: `回覆人數未達 ${thresholds.scores} 人，為保護匿名不顯示。`,
    complementary: "為避免由總數相減推算出人數較少群組的結果，本項一併不顯示。",
    question_below_threshold: `本題作答人數未達 ${thresholds.scores} 人，為保護匿名不顯示。`,
    comments_below_threshold: `回覆人數未達 ${thresholds.comments} 人，為保護匿名不列出文字意見。`,
    comments_by_group: "文字意見不依群組分列，以免由內容推知填答者。",
    no_responses: "尚無回覆。",
  };
  return { reason, message: messages[reason] };
}

export type CellDecision =
  | { shown: true }
  | { shown: false; why: "no_responses" | "below_threshold" | "forced" | "complementary" };

/**
 * Which cells of one partition of the respondents may be shown (a cell is a group, or a group's
 * answers to one question), given that the total over all cells is shown elsewhere:
 * 1. an empty cell shows nothing, and has nothing to protect;
 * 2. a cell under the threshold, or one the caller already hid (`forced`), is hidden;
 * 3. **complementary suppression**: total − shown cells = the sum of the hidden cells, so while
 *    exactly one non-empty cell is hidden, or the hidden ones together have fewer than `threshold`
 *    people, the smallest shown cell is hidden too (ties: the first in the given order). Issue 7
 *    asks for the first condition; the second covers two groups of 1 and 2, whose 3 people
 *    would otherwise be shown together by subtraction.
 * Decisions come back in the order of `cells`.
 */
export function planSuppression(cells: readonly { n: number; forced?: boolean }[], threshold: number): CellDecision[] {
  const decisions: CellDecision[] = cells.map(({ n, forced }) => {
    if (n === 0) return { shown: false, why: "no_responses" };
    if (forced) return { shown: false, why: "forced" };
    if (n < threshold) return { shown: false, why: "below_threshold" };
    return { shown: true };
  });
  const hidden = () => cells.filter((c, i) => c.n > 0 && !decisions[i].shown);
  for (;;) {
    const h = hidden();
    const sum = h.reduce((s, c) => s + c.n, 0);
    if (h.length === 0 || (h.length >= 2 && sum >= threshold)) break;
    let pick = -1;
    cells.forEach((c, i) => {
      if (decisions[i].shown && (pick === -1 || c.n < cells[pick].n)) pick = i;
    });
    if (pick === -1) break;
    decisions[pick] = { shown: false, why: "complementary" };
  }
  return decisions;
}

// ------------------------------------------------------------------------------ statistics

/** One bar of a distribution. Percent is of the people who answered the question (0–100). */
export interface Bucket {
  value: number | string;
  label: string;
  count: number;
  percent: number;
}

export type QuestionStats =
  | {
      kind: "likert5";
      n: number;
      distribution: Bucket[];
      /** 1–5. */
      mean: number;
      /** Share answering 4 (同意) or 5 (非常同意), in percent. */
      favourableShare: number;
    }
  | {
      kind: "scale0to10";
      n: number;
      distribution: Bucket[];
      mean: number;
      /** The promoters' share (9–10), in percent. */
      favourableShare: number;
      promoterShare: number;
      passiveShare: number;
      detractorShare: number;
      /** Promoters − detractors in percentage points, −100 … 100. */
      nps: number;
    }
  | { kind: "single_choice"; n: number; distribution: Bucket[] }
  /** Percent is of the people who answered, so the bars may add up to more than 100. */
  | { kind: "multiple_choice"; n: number; distribution: Bucket[] }
  | {
      kind: "free_text";
      /** How many wrote something. */
      n: number;
      /** Sorted by code point, never in submission order; null when suppressed. */
      comments: string[] | null;
      commentsSuppression: Suppression | null;
    };

interface QuestionHead {
  questionId: QuestionId;
  sectionId: string;
  number: number;
  text: string;
  kind: QuestionKind;
}

export type QuestionResult = QuestionHead & ({ shown: true; stats: QuestionStats } | { shown: false; suppression: Suppression });

export interface SectionResult {
  sectionId: string;
  title: string;
  /** Mean of the favourable shares of the section's shown Likert questions, in percent; null when none is shown. */
  index: number | null;
  /** Mean of the same questions' means (1–5), for those who read scores rather than shares. */
  meanScore: number | null;
  questionsCounted: number;
  questionsSuppressed: number;
  /** Why `index` is null although the section has Likert questions. */
  suppression: Suppression | null;
}

export type EnpsResult = { questionId: QuestionId } & (
  | { shown: true; n: number; promoterShare: number; passiveShare: number; detractorShare: number; score: number }
  | { shown: false; suppression: Suppression }
);

/** The figures of one set of respondents: the whole round, or one breakdown group. */
export interface ResultsView {
  respondents: number;
  questions: QuestionResult[];
  /** Only sections with at least one Likert question (建議事項 has no index). */
  sections: SectionResult[];
  /** Mean of the section indices, in percent; null when no section has one. */
  overallIndex: number | null;
  /** Null when the template has no eNPS question. */
  enps: EnpsResult | null;
}

export type SurveyResults = { thresholds: Thresholds } & (
  | ({ shown: true } & ResultsView)
  /** `respondents` is shown whatever the size: a count reveals nothing of the answers (response-rate.ts). */
  | { shown: false; respondents: number; suppression: Suppression }
);

export interface SurveyResponse {
  answers: SurveyAnswers;
  /** Demographic question id → option value; missing means 未填答. */
  demographics?: Readonly<Record<string, string | null | undefined>>;
}

/** Clears binary noise (0.1 + 0.2) from a figure; 7 places is finer than anything shown. */
const clean = (x: number) => Math.round(x * 1e7) / 1e7;
const mean = (xs: readonly number[]) => (xs.length === 0 ? null : clean(xs.reduce((s, x) => s + x, 0) / xs.length));
const percent = (count: number, n: number) => (n === 0 ? 0 : clean((count * 100) / n));

/**
 * Half away from zero to one decimal, the way figures are shown (62.45 → 62.5, −12.25 → −12.3).
 * comparison.ts compares figures rounded this way, so a change agrees with the two numbers shown.
 */
export function roundForDisplay(x: number): number {
  const r = Math.round(Math.abs(x) * 10 + 1e-9) / 10;
  return x < 0 ? -r : r;
}

/** The valid answers to one question; an invalid stored value counts as unanswered. */
function answersTo(entry: NumberedQuestion, responses: readonly SurveyResponse[]): AnswerValue[] {
  const out: AnswerValue[] = [];
  for (const r of responses) {
    const { value } = checkAnswer(entry.question, r.answers[entry.question.id], true);
    if (value !== null) out.push(value);
  }
  return out;
}

/** The figures of one question; free text gets its comments from `comments`. */
export function questionStats(entry: NumberedQuestion, values: readonly AnswerValue[], comments: Suppression | "list" = "list"): QuestionStats {
  const q = entry.question;
  const n = values.length;
  const countOf = (pred: (v: AnswerValue) => boolean) => values.filter(pred).length;
  switch (q.kind) {
    case "likert5": {
      const nums = values as number[];
      const distribution = ([1, 2, 3, 4, 5] as const).map((value) => {
        const count = countOf((v) => v === value);
        return { value, label: LIKERT5_LABELS[value], count, percent: percent(count, n) };
      });
      return { kind: q.kind, n, distribution, mean: mean(nums) ?? 0, favourableShare: percent(countOf((v) => (v as number) >= 4), n) };
    }
    case "scale0to10": {
      const nums = values as number[];
      const distribution = Array.from({ length: 11 }, (_, value) => {
        const count = countOf((v) => v === value);
        return { value, label: String(value), count, percent: percent(count, n) };
      });
      const promoters = countOf((v) => (v as number) >= 9);
      const detractors = countOf((v) => (v as number) <= 6);
      const promoterShare = percent(promoters, n);
      const detractorShare = percent(detractors, n);
      return {
        kind: q.kind,
        n,
        distribution,
        mean: mean(nums) ?? 0,
        favourableShare: promoterShare,
        promoterShare,
        passiveShare: percent(n - promoters - detractors, n),
        detractorShare,
        nps: clean(promoterShare - detractorShare),
      };
    }
    case "single_choice":
    case "multiple_choice": {
      const distribution = q.options.map((o) => {
        const count = countOf((v) => (Array.isArray(v) ? v.includes(o.value) : v === o.value));
        return { value: o.value, label: o.label, count, percent: percent(count, n) };
      });
      return { kind: q.kind, n, distribution };
    }
    case "free_text": {
      if (comments !== "list") return { kind: q.kind, n, comments: null, commentsSuppression: comments };
      // Code-point order: stable on every machine (a collator's order depends on the ICU version)
      // and unrelated to who answered when. Submission order would let anyone who knows when a
      // colleague submitted find their comment.
      const sorted = (values as string[]).slice().sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      return { kind: q.kind, n, comments: sorted, commentsSuppression: null };
    }
  }
}

type Verdict = { shown: true } | { shown: false; suppression: Suppression };

/** Assembles questions, sections, overall index and eNPS from a verdict per question. */
function buildView(
  template: SurveyTemplate,
  responses: readonly SurveyResponse[],
  verdictFor: (entry: NumberedQuestion, values: readonly AnswerValue[]) => Verdict,
  comments: Suppression | "list",
): ResultsView {
  const questions: QuestionResult[] = listQuestions(template).map((entry) => {
    const head: QuestionHead = {
      questionId: entry.question.id,
      sectionId: entry.sectionId,
      number: entry.number,
      text: entry.question.text,
      kind: entry.question.kind,
    };
    const values = answersTo(entry, responses);
    const verdict = verdictFor(entry, values);
    return verdict.shown ? { ...head, shown: true, stats: questionStats(entry, values, comments) } : { ...head, shown: false, suppression: verdict.suppression };
  });

  const sections: SectionResult[] = [];
  for (const section of template.sections) {
    const likert = questions.filter((q) => q.sectionId === section.id && q.kind === "likert5");
    if (likert.length === 0) continue;
    const shown = likert.flatMap((q) => (q.shown && q.stats.kind === "likert5" ? [q.stats] : []));
    const firstHidden = likert.find((q) => !q.shown);
    const index = mean(shown.map((s) => s.favourableShare));
    sections.push({
      sectionId: section.id,
      title: section.title,
      index,
      meanScore: mean(shown.map((s) => s.mean)),
      questionsCounted: shown.length,
      questionsSuppressed: likert.length - shown.length,
      suppression: index === null && firstHidden && !firstHidden.shown ? firstHidden.suppression : null,
    });
  }
  const overallIndex = mean(sections.flatMap((s) => (s.index === null ? [] : [s.index])));

  const enpsQ = enpsQuestion(template);
  let enps: EnpsResult | null = null;
  if (enpsQ) {
    const r = questions.find((q) => q.questionId === enpsQ.id)!;
    enps =
      r.shown && r.stats.kind === "scale0to10"
        ? {
            questionId: enpsQ.id,
            shown: true,
            n: r.stats.n,
            promoterShare: r.stats.promoterShare,
            passiveShare: r.stats.passiveShare,
            detractorShare: r.stats.detractorShare,
            score: r.stats.nps,
          }
        : { questionId: enpsQ.id, shown: false, suppression: r.shown ? suppression("no_responses") : r.suppression };
  }
  return { respondents: responses.length, questions, sections, overallIndex, enps };
}

// ------------------------------------------------------------------------------ the round

/**
 * The whole round's results. Nothing but the respondent count is shown when fewer than
 * `thresholds.scores` people answered. A question fewer than that answered (an optional one) is
 * hidden and left out of its section index. Free text is listed only from `thresholds.comments`
 * respondents on; its count of writers is always shown.
 */
export function surveyResults(template: SurveyTemplate, responses: readonly SurveyResponse[], thresholds: Thresholds = DEFAULT_THRESHOLDS): SurveyResults {
  requireValidThresholds(thresholds);
  const respondents = responses.length;
  if (respondents === 0) return { thresholds, shown: false, respondents, suppression: suppression("no_responses", thresholds) };
  if (respondents < thresholds.scores) return { thresholds, shown: false, respondents, suppression: suppression("total_below_threshold", thresholds) };
  const comments = respondents >= thresholds.comments ? "list" : suppression("comments_below_threshold", thresholds);
  const view = buildView(
    template,
    responses,
    (entry, values) => {
      if (entry.question.kind === "free_text") return { shown: true };
      if (values.length === 0) return { shown: false, suppression: suppression("no_responses", thresholds) };
      if (values.length < thresholds.scores) return { shown: false, suppression: suppression("question_below_threshold", thresholds) };
      return { shown: true };
    },
    comments,
  );
  return { thresholds, shown: true, ...view };
}

// ------------------------------------------------------------------------------ breakdowns

export const NO_ANSWER_LABEL = "未填答";

export type BreakdownGroup = {
  /** The option value, or null for the respondents who left the demographic question blank. */
  value: string | null;
  label: string;
} & ({ shown: true; view: ResultsView } | { shown: false; suppression: Suppression });

export type Breakdown = { demographicId: string; text: string; thresholds: Thresholds } & (
  | { shown: true; groups: BreakdownGroup[] }
  | { shown: false; suppression: Suppression }
);

/**
 * The round's results by one demographic question (課別 or 年資), one group per option in option
 * order, plus 「未填答」 when somebody left it blank. Those who left it blank are a group like any
 * other: leaving them out would show them by subtraction from the total.
 *
 * Suppression runs twice with `planSuppression`: first on the groups' respondent counts, then, for
 * each question, on how many in each still-shown group answered it (a shown group of 6 where only
 * 2 answered an optional question hides that question, and its complement). Free text is never
 * broken down. Only one demographic question at a time: no cross-tabulation (課別 × 年資), whose
 * cells would mostly be single people.
 */
export function breakdownResults(
  template: SurveyTemplate,
  responses: readonly SurveyResponse[],
  demographic: DemographicQuestion,
  thresholds: Thresholds = DEFAULT_THRESHOLDS,
): Breakdown {
  requireValidThresholds(thresholds);
  const head = { demographicId: demographic.id, text: demographic.text, thresholds };
  if (responses.length === 0) return { ...head, shown: false, suppression: suppression("no_responses", thresholds) };
  if (responses.length < thresholds.scores) return { ...head, shown: false, suppression: suppression("total_below_threshold", thresholds) };

  const valid = new Set(demographic.options.map((o) => o.value));
  const valueOf = (r: SurveyResponse) => {
    const v = r.demographics?.[demographic.id];
    return typeof v === "string" && valid.has(v) ? v : null;
  };
  const groups: { value: string | null; label: string; members: SurveyResponse[] }[] = demographic.options.map((o) => ({
    value: o.value,
    label: o.label,
    members: responses.filter((r) => valueOf(r) === o.value),
  }));
  const blanks = responses.filter((r) => valueOf(r) === null);
  if (blanks.length > 0) groups.push({ value: null, label: NO_ANSWER_LABEL, members: blanks });

  const groupDecisions = planSuppression(
    groups.map((g) => ({ n: g.members.length })),
    thresholds.scores,
  );

  // Question-level decisions, per question across the groups.
  const questionDecisions = new Map<QuestionId, CellDecision[]>();
  for (const entry of listQuestions(template)) {
    if (entry.question.kind === "free_text") continue;
    const cells = groups.map((g, i) => ({ n: answersTo(entry, g.members).length, forced: !groupDecisions[i].shown }));
    questionDecisions.set(entry.question.id, planSuppression(cells, thresholds.scores));
  }

  const out: BreakdownGroup[] = groups.map((g, i) => {
    const decision = groupDecisions[i];
    if (!decision.shown) {
      const reason = decision.why === "no_responses" ? "no_responses" : decision.why === "complementary" ? "complementary" : "group_below_threshold";
      return { value: g.value, label: g.label, shown: false, suppression: suppression(reason, thresholds) };
    }
    const view = buildView(
      template,
      g.members,
      (entry) => {
        if (entry.question.kind === "free_text") return { shown: false, suppression: suppression("comments_by_group", thresholds) };
        const d = questionDecisions.get(entry.question.id)![i];
        if (d.shown) return { shown: true };
        const reason = d.why === "no_responses" ? "no_responses" : d.why === "complementary" ? "complementary" : "question_below_threshold";
        return { shown: false, suppression: suppression(reason, thresholds) };
      },
      suppression("comments_by_group", thresholds),
    );
    return { value: g.value, label: g.label, shown: true, view };
  });
  return { ...head, shown: true, groups: out };
}
