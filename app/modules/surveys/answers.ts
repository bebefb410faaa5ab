// One respondent's answers: normalising what the form sends, checking it against the round's
// template with a zh-TW sentence per question, and whether a draft may be submitted. Issue 7,
// "Running a survey" (save and come back before submitting). Pure (ARCHITECTURE rule 6): the
// server stores the draft against the user until submission and the checked answers, without the
// user, on submission (README.md, "Anonymity design").
import {
  FREE_TEXT_MAX_LENGTH,
  LIKERT5_LABELS,
  listQuestions,
  selectionBounds,
  type DemographicQuestion,
  type Question,
  type QuestionId,
  type SurveyTemplate,
} from "./template";

/** likert5 and scale0to10: a number; single_choice: an option value; multiple_choice: option values; free_text: the text. */
export type AnswerValue = number | string | string[];

/** Question id → answer. An unanswered question has no key (never null or ""). */
export type SurveyAnswers = Readonly<Record<QuestionId, AnswerValue>>;

/** What arrives from a form or a saved draft, before any checking. */
export type RawAnswers = Readonly<Record<string, unknown>>;

export interface AnswerError {
  questionId: QuestionId;
  /** 第 n 題 on the form, or null for an id the template does not have. */
  number: number | null;
  message: string;
}

export type AnswersCheck =
  | { ok: true; answers: SurveyAnswers }
  /** `answers` keeps the valid part, so a draft can be saved and the form refilled. */
  | { ok: false; answers: SurveyAnswers; errors: AnswerError[] };

/** Code points, as PostgreSQL's char_length counts them (template.ts, FREE_TEXT_MAX_LENGTH). */
export function textLength(text: string): number {
  let n = 0;
  for (const _ of text) n += 1;
  return n;
}

/**
 * Text as stored: NFC (a character typed on different keyboards compares equal), CRLF and CR to
 * LF (browsers send CRLF from a textarea, which would count two characters per line break), and
 * trimmed. NFKC is not used: it would turn full-width punctuation (，：) into ASCII and change
 * what the person wrote.
 */
export function normaliseText(text: string): string {
  return text.normalize("NFC").replace(/\r\n?/g, "\n").trim();
}

const isBlank = (raw: unknown) =>
  raw === undefined || raw === null || (typeof raw === "string" && raw.trim() === "") || (Array.isArray(raw) && raw.length === 0);

/** "4", " 4 " and 4 are 4; anything else is NaN. */
function toNumber(raw: unknown): number {
  if (typeof raw === "number") return raw;
  if (typeof raw === "string" && /^\s*-?\d+(?:\.\d+)?\s*$/.test(raw)) return Number(raw);
  return Number.NaN;
}

export type AnswerCheck = { value: AnswerValue | null; error: string | null };

/**
 * One answer: its normalised value (null when unanswered or invalid) and what is wrong with it.
 * Whether a blank answer is allowed is decided here from `required`, unless `partial` (a draft).
 */
export function checkAnswer(question: Question, raw: unknown, partial = false): AnswerCheck {
  if (isBlank(raw)) {
    return { value: null, error: question.required && !partial ? "此題為必填，請作答。" : null };
  }
  const fail = (error: string): AnswerCheck => ({ value: null, error });
  switch (question.kind) {
    case "likert5": {
      const n = toNumber(raw);
      if (!Number.isInteger(n) || n < 1 || n > 5) return fail(`請從「${LIKERT5_LABELS[1]}」到「${LIKERT5_LABELS[5]}」中選擇一項。`);
      return { value: n, error: null };
    }
    case "scale0to10": {
      const n = toNumber(raw);
      if (!Number.isInteger(n) || n < 0 || n > 10) return fail("請選擇 0 到 10 之間的整數。");
      return { value: n, error: null };
    }
    case "single_choice": {
      if (typeof raw !== "string") return fail("答案格式不正確，請重新選擇。");
      const value = raw.trim();
      if (!question.options.some((o) => o.value === value)) return fail("所選的選項不在本題的選項中，請重新選擇。");
      return { value, error: null };
    }
    case "multiple_choice": {
      // One ticked checkbox arrives from a form as a plain string.
      const list = typeof raw === "string" ? [raw] : raw;
      if (!Array.isArray(list) || !list.every((v): v is string => typeof v === "string")) return fail("答案格式不正確，請重新選擇。");
      const chosen = new Set(list.map((v) => v.trim()));
      const unknown = [...chosen].filter((v) => !question.options.some((o) => o.value === v));
      if (unknown.length > 0) return fail(`所選的選項「${unknown.join("、")}」不在本題的選項中，請重新選擇。`);
      // Stored in option order, so equal selections are equal values whatever the click order.
      const value = question.options.map((o) => o.value).filter((v) => chosen.has(v));
      const { min, max } = selectionBounds(question);
      if (value.length > max) return fail(`本題最多只能選 ${max} 項，您選了 ${value.length} 項。`);
      if (value.length < min && !partial) return fail(`本題至少要選 ${min} 項。`);
      return { value, error: null };
    }
    case "free_text": {
      if (typeof raw !== "string") return fail("答案格式不正確。");
      const value = normaliseText(raw);
      if (value === "") return { value: null, error: question.required && !partial ? "此題為必填，請作答。" : null };
      const length = textLength(value);
      if (length > FREE_TEXT_MAX_LENGTH) return fail(`文字不能超過 ${FREE_TEXT_MAX_LENGTH} 字，目前是 ${length} 字。`);
      return { value, error: null };
    }
  }
}

/**
 * Checks a whole set of answers against the template. `partial` is for saving a draft: required
 * questions may still be blank and a multiple choice may still be short of its minimum, but every
 * value given must be valid. Keys the template does not have are errors (a tampered or stale form),
 * never silently stored.
 */
export function validateAnswers(template: SurveyTemplate, raw: RawAnswers, options: { partial?: boolean } = {}): AnswersCheck {
  const partial = options.partial ?? false;
  const answers: Record<QuestionId, AnswerValue> = {};
  const errors: AnswerError[] = [];
  const questions = listQuestions(template);
  const known = new Set(questions.map((q) => q.question.id));
  for (const { question, number } of questions) {
    const check = checkAnswer(question, raw[question.id], partial);
    if (check.error !== null) errors.push({ questionId: question.id, number, message: check.error });
    if (check.value !== null) answers[question.id] = check.value;
  }
  for (const key of Object.keys(raw)) {
    if (!known.has(key)) errors.push({ questionId: key, number: null, message: `本問卷沒有這一題（${key}），請重新整理頁面後再填答。` });
  }
  return errors.length === 0 ? { ok: true, answers } : { ok: false, answers, errors };
}

/** The valid answers only, for storing a draft: blanks, unknown keys and invalid values are dropped. */
export function normaliseAnswers(template: SurveyTemplate, raw: RawAnswers): SurveyAnswers {
  return validateAnswers(template, raw, { partial: true }).answers;
}

/** A draft may be submitted when every required question is answered and every answer is valid. */
export function canSubmit(template: SurveyTemplate, draft: RawAnswers): boolean {
  return validateAnswers(template, draft).ok;
}

export interface DraftProgress {
  answered: number;
  questions: number;
  requiredAnswered: number;
  required: number;
  /** Required questions still blank or invalid, in form order (the form links to each). */
  missingRequired: { questionId: QuestionId; number: number }[];
}

/** How far a draft is, for the progress bar and the 「尚有 n 題必填題未作答」 notice. */
export function draftProgress(template: SurveyTemplate, draft: RawAnswers): DraftProgress {
  const answers = normaliseAnswers(template, draft);
  const questions = listQuestions(template);
  const required = questions.filter((q) => q.question.required);
  const missingRequired = required.filter((q) => !(q.question.id in answers)).map((q) => ({ questionId: q.question.id, number: q.number }));
  return {
    answered: questions.filter((q) => q.question.id in answers).length,
    questions: questions.length,
    requiredAnswered: required.length - missingRequired.length,
    required: required.length,
    missingRequired,
  };
}

/**
 * The respondent's demographic answers (課別, 年資): only valid option values are kept. They are
 * always optional, and a value the options do not have is dropped rather than refused: results.ts
 * counts a missing value as 「未填答」, a group like any other for the thresholds.
 */
export function normaliseDemographics(questions: readonly DemographicQuestion[], raw: RawAnswers): Record<string, string> {
  const out: Record<string, string> = {};
  for (const q of questions) {
    const value = raw[q.id];
    if (typeof value === "string" && q.options.some((o) => o.value === value.trim())) out[q.id] = value.trim();
  }
  return out;
}

export type RoundState = "planned" | "open" | "closed";

/**
 * Why this person may not save or submit answers to the round now, or null when they may. The
 * server asks this inside the submitting transaction, after locking the participation row, so a
 * double submission finds `alreadySubmitted` (README.md, "Anonymity design").
 */
export function submissionRefusal(input: { roundState: RoundState; inAudience: boolean; alreadySubmitted: boolean }): string | null {
  if (!input.inAudience) return "您不在本次調查的填答對象之內。";
  if (input.roundState === "planned") return "本次調查尚未開始填答。";
  if (input.roundState === "closed") return "本次調查已結束，不能再填答或修改。";
  if (input.alreadySubmitted) return "您已完成本次調查；每人每次只能填答一次，送出後不能修改。";
  return null;
}
