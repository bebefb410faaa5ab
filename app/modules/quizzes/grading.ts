// Grading one response to one question version, following Moodle's question types
// (question/type/{multichoice,truefalse,shortanswer,numerical,match}/question.php). Pure: the
// attempt module pins the version and stores the result; this file only computes it.
import type { ChoiceAnswer, QuestionInput } from "./question-types";

/** A question version as stored in question_versions.body (the parsed question without `line`). */
export type GradableQuestion = QuestionInput;

/**
 * What a person answered, stored in attempt_items.response (jsonb):
 * - multichoice, one right answer (radio):   { choice: index into answers }
 * - multichoice, several right (check boxes): { choices: indexes into answers }
 * - truefalse:   { value: boolean }
 * - shortanswer: { text }          essay: { text } (kept, not graded)
 * - numerical:   { value: number }
 * - matching:    { pairs: { [index into question.pairs]: chosen answer text } }
 */
export type QuestionResponse =
  | { choice: number }
  | { choices: number[] }
  | { value: boolean }
  | { value: number }
  | { text: string }
  | { pairs: Record<string, string> };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const clamp01 = (n: number) => Math.min(1, Math.max(0, n));
/** Sums of decimal weights (0.333… × 3) carry binary noise; 7 places is finer than any mark shown. */
const tidy = (n: number) => Math.round(n * 1e7) / 1e7;

/** Types that are marked automatically; an essay waits for a person and a description is not a question. */
export function isAutoGraded(question: Pick<GradableQuestion, "type">): boolean {
  return question.type !== "essay" && question.type !== "description";
}

/** Moodle's default for short answers: case-insensitive; we also trim and fold full-width forms (NFKC). */
export function normaliseShortAnswer(text: string): string {
  return text.normalize("NFKC").trim().replace(/\s+/g, " ").toLowerCase();
}

/** Moodle's compare_string_with_wildcard(): `*` matches any run of characters, `\*` is a literal star. */
export function shortAnswerMatches(response: string, answer: string): boolean {
  const wanted = normaliseShortAnswer(answer);
  const given = normaliseShortAnswer(response);
  const pattern = wanted
    .split(/(\\\*|\*)/)
    .map((part) => (part === "*" ? ".*" : part === "\\*" ? "\\*" : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
    .join("");
  return new RegExp(`^${pattern}$`, "su").test(given);
}

function withinTolerance(value: number, answer: { value: number; tolerance: number }): boolean {
  // Moodle allows for floating-point error at the edges of the interval.
  const epsilon = 1e-9 * Math.max(1, Math.abs(answer.value));
  return Math.abs(value - answer.value) <= Math.abs(answer.tolerance) + epsilon;
}

/** Sub-questions of a matching question: pairs with a question (an empty one is a distractor answer). */
export function matchingSubQuestions(question: Extract<GradableQuestion, { type: "matching" }>): number[] {
  return question.pairs.flatMap((p, i) => (p.question.trim() ? [i] : []));
}

/** Every answer a matching question offers, once each, in source order (distractors included). */
export function matchingAnswerOptions(question: Extract<GradableQuestion, { type: "matching" }>): string[] {
  return [...new Set(question.pairs.map((p) => p.answer))];
}

function bestMatch<A extends { fraction: number }>(answers: A[], matches: (a: A) => boolean): A | undefined {
  let best: A | undefined;
  for (const a of answers) if (matches(a) && (!best || a.fraction > best.fraction)) best = a;
  return best;
}

function shortAnswerMatch(answers: ChoiceAnswer[], text: string) {
  return bestMatch(answers, (a) => shortAnswerMatches(text, a.text));
}

function numericalMatch(question: Extract<GradableQuestion, { type: "numerical" }>, value: number) {
  return bestMatch(question.answers, (a) => withinTolerance(value, a));
}

/**
 * The share of the marks a response earns, 0..1; null for types that are not marked automatically.
 * A missing or malformed response earns 0.
 */
export function gradeResponse(question: GradableQuestion, response: unknown): number | null {
  if (!isAutoGraded(question)) return null;
  if (!isObject(response)) return 0;
  switch (question.type) {
    case "multichoice": {
      if (question.single) {
        const answer = typeof response.choice === "number" ? question.answers[response.choice] : undefined;
        return answer ? tidy(clamp01(answer.fraction)) : 0;
      }
      if (!Array.isArray(response.choices)) return 0;
      // Moodle's multi-answer grading: the chosen answers' fractions added up, kept within 0..1.
      const chosen = [...new Set(response.choices)].filter((i): i is number => typeof i === "number" && question.answers[i] !== undefined);
      return tidy(clamp01(chosen.reduce((sum, i) => sum + question.answers[i].fraction, 0)));
    }
    case "truefalse":
      return typeof response.value === "boolean" && response.value === question.answer ? 1 : 0;
    case "shortanswer": {
      if (typeof response.text !== "string" || !response.text.trim()) return 0;
      return tidy(clamp01(shortAnswerMatch(question.answers, response.text)?.fraction ?? 0));
    }
    case "numerical": {
      if (typeof response.value !== "number" || !Number.isFinite(response.value)) return 0;
      return tidy(clamp01(numericalMatch(question, response.value)?.fraction ?? 0));
    }
    case "matching": {
      const subs = matchingSubQuestions(question);
      if (subs.length === 0 || !isObject(response.pairs)) return 0;
      const pairs = response.pairs;
      const right = subs.filter((i) => pairs[String(i)] === question.pairs[i].answer).length;
      return tidy(right / subs.length);
    }
  }
  return null;
}

/** A response that earns full marks (the best one), for the review's "正確答案"; null for essays and descriptions. */
export function correctResponse(question: GradableQuestion): QuestionResponse | null {
  switch (question.type) {
    case "multichoice": {
      if (question.single) {
        let best = 0;
        question.answers.forEach((a, i) => {
          if (a.fraction > question.answers[best].fraction) best = i;
        });
        return { choice: best };
      }
      return { choices: question.answers.flatMap((a, i) => (a.fraction > 0 ? [i] : [])) };
    }
    case "truefalse":
      return { value: question.answer };
    case "shortanswer": {
      const best = bestMatch(question.answers, () => true);
      return { text: best?.text ?? "" };
    }
    case "numerical": {
      const best = bestMatch(question.answers, () => true);
      return { value: best?.value ?? 0 };
    }
    case "matching":
      return { pairs: Object.fromEntries(matchingSubQuestions(question).map((i) => [String(i), question.pairs[i].answer])) };
    default:
      return null;
  }
}

/** Whether a response answers the whole question (every sub-question of a matching one); for the "unanswered" list. */
export function responseIsComplete(question: GradableQuestion, response: unknown): boolean {
  if (question.type === "description") return true;
  if (!isObject(response)) return false;
  switch (question.type) {
    case "multichoice":
      return question.single
        ? typeof response.choice === "number" && question.answers[response.choice] !== undefined
        : Array.isArray(response.choices) && response.choices.length > 0;
    case "truefalse":
      return typeof response.value === "boolean";
    case "shortanswer":
    case "essay":
      return typeof response.text === "string" && response.text.trim() !== "";
    case "numerical":
      return typeof response.value === "number" && Number.isFinite(response.value);
    case "matching": {
      const pairs = response.pairs;
      return isObject(pairs) && matchingSubQuestions(question).every((i) => typeof pairs[String(i)] === "string" && pairs[String(i)] !== "");
    }
  }
}

/**
 * The per-answer feedback (GIFT `#…`) the response earned: of each chosen choice, of the matched
 * short or numerical answer (or the "anything else" one), of the true/false answer given.
 */
export function responseFeedback(question: GradableQuestion, response: unknown): string[] {
  if (!isObject(response)) return [];
  const keep = (texts: (string | null | undefined)[]) => texts.filter((t): t is string => Boolean(t && t.trim()));
  switch (question.type) {
    case "multichoice": {
      const chosen = question.single ? [response.choice] : Array.isArray(response.choices) ? response.choices : [];
      return keep(chosen.map((i) => (typeof i === "number" ? question.answers[i]?.feedback : undefined)));
    }
    case "truefalse":
      if (typeof response.value !== "boolean") return [];
      return keep([response.value ? question.feedbackTrue : question.feedbackFalse]);
    case "shortanswer":
      return typeof response.text === "string" ? keep([shortAnswerMatch(question.answers, response.text)?.feedback]) : [];
    case "numerical": {
      if (typeof response.value !== "number") return [];
      const match = numericalMatch(question, response.value);
      return keep([match ? match.feedback : question.otherwiseFeedback]);
    }
    default:
      return [];
  }
}
