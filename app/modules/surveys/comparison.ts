// Comparison of a round with an earlier one, in percentage points, per question, section, the
// overall index and eNPS. Issue 7, "Results": 「changes smaller than 5 points or from groups under
// the threshold are not flagged」. Pure (ARCHITECTURE rule 6): both sides are results.ts objects
// (a whole round, or the same breakdown group in two rounds), already suppressed; nothing here can
// show a figure that results.ts hid.
import { roundForDisplay, type QuestionResult, type ResultsView, type Suppression } from "./results";
import { enpsQuestion, listQuestions, type QuestionId, type SurveyTemplate } from "./template";

/** Changes smaller than this many percentage points are not flagged (issue 7). */
export const MIN_FLAGGED_CHANGE = 5;

export type ChangeFlag = "up" | "down" | "none";

export type ChangeReason =
  /** Flagged: |change| ≥ the minimum. */
  | "changed"
  /** Both sides shown, but the change is smaller than the minimum. */
  | "small_change"
  | "current_suppressed"
  | "previous_suppressed"
  /** The question or section did not exist (or nobody answered it) in the earlier round. */
  | "not_in_previous"
  /** Nobody answered it in this round (an optional question). */
  | "not_in_current"
  /** Same id, different kind of question: the scores do not mean the same. */
  | "kind_changed";

export interface Change {
  /** As shown (one decimal); null when suppressed or absent. */
  current: number | null;
  previous: number | null;
  /** current − previous in percentage points, from the shown figures; null when either is missing. */
  changePoints: number | null;
  flag: ChangeFlag;
  reason: ChangeReason;
  message: string;
}

/** A figure of one side: shown, hidden by a threshold, or not there at all. */
export type Figure = { value: number } | "suppressed" | "absent";

const format = (x: number) => String(roundForDisplay(x));

/**
 * Compares two figures. Both are rounded to one decimal first, so the change always agrees with
 * the two numbers on the screen (57.46 and 62.45 are shown as 57.5 and 62.5: a change of 5.0,
 * flagged). A change of exactly the minimum is flagged ("smaller than 5" is not flagged).
 */
export function compareFigures(current: Figure, previous: Figure, minChange = MIN_FLAGGED_CHANGE): Change {
  const valueOf = (f: Figure) => (typeof f === "object" ? roundForDisplay(f.value) : null);
  const cur = valueOf(current);
  const prev = valueOf(previous);
  const none = (reason: ChangeReason, message: string): Change => ({ current: cur, previous: prev, changePoints: null, flag: "none", reason, message });
  if (current === "suppressed") return none("current_suppressed", "本期人數未達顯示門檻，不予比較。");
  if (current === "absent") return none("not_in_current", "本期沒有這個項目的資料，無法比較。");
  if (previous === "suppressed") return none("previous_suppressed", "上期人數未達顯示門檻，不予比較。");
  if (previous === "absent") return none("not_in_previous", "上期沒有這個項目，無法比較。");
  const change = roundForDisplay(cur! - prev!);
  const base = { current: cur, previous: prev, changePoints: change };
  if (Math.abs(change) < minChange) {
    const signed = change > 0 ? `+${format(change)}` : format(change);
    return { ...base, flag: "none", reason: "small_change", message: `變動 ${signed} 個百分點，未達 ${minChange} 個百分點，不標示升降。` };
  }
  return change > 0
    ? { ...base, flag: "up", reason: "changed", message: `較上期上升 ${format(change)} 個百分點。` }
    : { ...base, flag: "down", reason: "changed", message: `較上期下降 ${format(-change)} 個百分點。` };
}

export interface QuestionChange extends Change {
  questionId: QuestionId;
  number: number;
  text: string;
}

export interface SectionChange extends Change {
  sectionId: string;
  title: string;
}

export interface RoundComparison {
  /** The current round's scored questions (Likert: favourable share; 0–10: promoters' share), in form order. */
  questions: QuestionChange[];
  sections: SectionChange[];
  overall: Change;
  /** eNPS in points; null when the template has no eNPS question. */
  enps: Change | null;
}

/**
 * One side of a comparison: a whole round's `SurveyResults` or a breakdown group, shown (its
 * figures) or hidden (its suppression).
 */
export type ComparisonSide = ResultsView | { shown: false; suppression: Suppression };

function questionFigure(q: QuestionResult | undefined): Figure {
  if (!q) return "absent";
  if (!q.shown) return q.suppression.reason === "no_responses" ? "absent" : "suppressed";
  return q.stats.kind === "likert5" || q.stats.kind === "scale0to10" ? { value: q.stats.favourableShare } : "absent";
}

/**
 * The current round against an earlier one. The lines follow the current round's template:
 * questions and sections are matched by their stable ids (template.ts), and those only in the
 * earlier round are not listed. A side whose whole results are hidden (fewer respondents than the
 * threshold) makes every line `…_suppressed`, with nothing of the other side's change shown.
 */
export function compareRounds(template: SurveyTemplate, current: ComparisonSide, previous: ComparisonSide, options: { minChangePoints?: number } = {}): RoundComparison {
  const min = options.minChangePoints ?? MIN_FLAGGED_CHANGE;
  const viewOf = (side: ComparisonSide): ResultsView | null => ("shown" in side && side.shown === false ? null : (side as ResultsView));
  const cur = viewOf(current);
  const prev = viewOf(previous);
  const figure = (view: ResultsView | null, read: (view: ResultsView) => Figure): Figure => (view ? read(view) : "suppressed");

  const questions: QuestionChange[] = listQuestions(template)
    .filter(({ question }) => question.kind === "likert5" || question.kind === "scale0to10")
    .map(({ question, number }) => {
      const head = { questionId: question.id, number, text: question.text };
      const before = prev?.questions.find((p) => p.questionId === question.id);
      if (before && before.kind !== question.kind) {
        return { ...head, current: null, previous: null, changePoints: null, flag: "none", reason: "kind_changed", message: "本題的題型與上期不同，無法比較。" };
      }
      const c = figure(cur, (v) => questionFigure(v.questions.find((q) => q.questionId === question.id)));
      const p = figure(prev, () => questionFigure(before));
      return { ...head, ...compareFigures(c, p, min) };
    });

  const sectionFigure = (sectionId: string) => (view: ResultsView): Figure => {
    const found = view.sections.find((x) => x.sectionId === sectionId);
    if (!found) return "absent";
    return found.index === null ? "suppressed" : { value: found.index };
  };
  const sections: SectionChange[] = template.sections
    .filter((s) => s.questions.some((q) => q.kind === "likert5"))
    .map((s) => ({
      sectionId: s.id,
      title: s.title,
      ...compareFigures(figure(cur, sectionFigure(s.id)), figure(prev, sectionFigure(s.id)), min),
    }));

  const overallFigure = (view: ResultsView): Figure => (view.overallIndex === null ? "suppressed" : { value: view.overallIndex });
  const overall = compareFigures(figure(cur, overallFigure), figure(prev, overallFigure), min);

  const enpsFigure = (view: ResultsView): Figure => {
    if (!view.enps) return "absent";
    if (view.enps.shown) return { value: view.enps.score };
    return view.enps.suppression.reason === "no_responses" ? "absent" : "suppressed";
  };
  const enps = enpsQuestion(template) ? compareFigures(figure(cur, enpsFigure), figure(prev, enpsFigure), min) : null;

  return { questions, sections, overall, enps };
}
