// Shared by the attempt pages and their actions: the DTOs a browser receives (never a whole
// question version: while an attempt is open the right answers stay on the server), the form
// field names of an answer, and the rules that turn a submitted form into a stored response.
import { matchingAnswerOptions, matchingSubQuestions, type GradableQuestion, type QuestionResponse } from "./grading";
import { stripTags, type QuestionType, type TextFormat } from "./question-types";

// ---------------------------------------------------------------- DTOs

export interface ChoiceDto {
  /** Index into the version's answers: what a response stores, whatever the display order. */
  index: number;
  text: string;
}

/** One question as a person answering it sees it: no weights, no feedback. */
export interface QuestionDto {
  type: QuestionType;
  name: string;
  text: string;
  /** multichoice: radio buttons (one right answer) or check boxes. */
  single: boolean;
  /** multichoice: choices in display order (shuffled when the quiz shuffles answers). */
  choices: ChoiceDto[];
  /** matching: the sub-questions (index into the version's pairs) and the answers offered. */
  subQuestions: { index: number; text: string }[];
  matchOptions: string[];
}

/** What the review adds once the right answers may be shown. */
export interface ReviewDto {
  /** Share of the points earned, 0..1; null when not marked (essay, description). */
  fraction: number | null;
  earned: number | null;
  correct: QuestionResponse | null;
  /** Per choice (multichoice): its weight and its feedback, by answer index. */
  choiceInfo: Record<number, { fraction: number; feedback: string }>;
  /** Short and numerical answers accepted for full marks, as text. */
  acceptedAnswers: string[];
  /** The per-answer feedback the response earned (GIFT `#…`). */
  feedback: string[];
  /** The explanation and its legal basis (GIFT `####…`), as text. */
  generalFeedback: string;
}

export interface ItemDto {
  position: number;
  points: number;
  question: QuestionDto;
  response: QuestionResponse | null;
  /** The whole question is answered (for the navigator and the unanswered list). */
  complete: boolean;
  review?: ReviewDto;
}

// ---------------------------------------------------------------- text

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'", apos: "'", nbsp: " " };

/**
 * Question text as plain text with its line breaks: HTML (and Moodle auto-format, which may hold
 * HTML) loses its tags, never reaching the page as markup; Markdown and plain text are shown as
 * written. React escapes what is left.
 */
export function displayText(text: string, format: TextFormat): string {
  if (format !== "html" && format !== "moodle") return text;
  const withBreaks = text.replace(/<br\s*\/?>/gi, "\n").replace(/<\/(p|div|li|h[1-6])>/gi, "\n");
  return stripTags(withBreaks)
    .replace(/&(amp|lt|gt|quot|#39|apos|nbsp);/g, (_m, name: string) => ENTITIES[name])
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

// ---------------------------------------------------------------- form fields

/**
 * Answer fields are named `q<position>.<part>` so one form can hold one question or all of them
 * (`?view=all`). `q<position>.kind` marks a question as part of the form, so an untouched set of
 * check boxes (which sends nothing) clears the answer instead of being ignored.
 */
export const answerField = (position: number, part: "kind" | "choice" | "choices" | "tf" | "num" | "text" | `pair.${number}`) =>
  `q${position}.${part}`;

export type AnswerKind = "choice" | "choices" | "tf" | "num" | "text" | "pairs" | "none";

export function answerKindOf(question: Pick<QuestionDto, "type" | "single">): AnswerKind {
  switch (question.type) {
    case "multichoice":
      return question.single ? "choice" : "choices";
    case "truefalse":
      return "tf";
    case "numerical":
      return "num";
    case "shortanswer":
    case "essay":
      return "text";
    case "matching":
      return "pairs";
    default:
      return "none";
  }
}

/** What the form said about one question, before it is checked against the question itself. */
export type SubmittedAnswer =
  | { position: number; ok: true; response: QuestionResponse | null; typed?: string }
  | { position: number; ok: false; error: "attempt.error.notANumber"; typed: string };

/** "１,２３4.5" → 1234.5; anything that is not a plain decimal number → null. */
export function parseNumber(typed: string): number | null {
  const text = typed.normalize("NFKC").trim().replace(/,/g, "");
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text)) return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}

const MAX_TEXT = 10_000;

/** Reads every question marked in the form (`q<n>.kind`) into a response; the server checks it next. */
export function answersFromForm(formData: FormData): SubmittedAnswer[] {
  const out: SubmittedAnswer[] = [];
  for (const [name, kindValue] of formData.entries()) {
    const match = /^q(\d{1,4})\.kind$/.exec(name);
    if (!match || typeof kindValue !== "string") continue;
    const position = Number(match[1]);
    const field = (part: string) => {
      const v = formData.get(`q${position}.${part}`);
      return typeof v === "string" ? v : null;
    };
    switch (kindValue as AnswerKind) {
      case "choice": {
        const v = field("choice");
        out.push({ position, ok: true, response: v !== null && /^\d{1,3}$/.test(v) ? { choice: Number(v) } : null });
        break;
      }
      case "choices": {
        const all = formData
          .getAll(`q${position}.choices`)
          .filter((v): v is string => typeof v === "string" && /^\d{1,3}$/.test(v))
          .map(Number);
        out.push({ position, ok: true, response: all.length ? { choices: all } : null });
        break;
      }
      case "tf": {
        const v = field("tf");
        out.push({ position, ok: true, response: v === "true" ? { value: true } : v === "false" ? { value: false } : null });
        break;
      }
      case "num": {
        const typed = (field("num") ?? "").slice(0, 50);
        if (!typed.trim()) out.push({ position, ok: true, response: null, typed });
        else {
          const n = parseNumber(typed);
          out.push(n === null ? { position, ok: false, error: "attempt.error.notANumber", typed } : { position, ok: true, response: { value: n }, typed });
        }
        break;
      }
      case "text": {
        const text = (field("text") ?? "").slice(0, MAX_TEXT);
        out.push({ position, ok: true, response: text.trim() ? { text } : null });
        break;
      }
      case "pairs": {
        const pairs: Record<string, string> = {};
        for (const [key, value] of formData.entries()) {
          const m = new RegExp(`^q${position}\\.pair\\.(\\d{1,3})$`).exec(key);
          if (m && typeof value === "string" && value !== "") pairs[m[1]] = value;
        }
        out.push({ position, ok: true, response: Object.keys(pairs).length ? { pairs } : null });
        break;
      }
      default:
        out.push({ position, ok: true, response: null });
    }
  }
  return out;
}

/**
 * Checks a response against the question version it answers and returns it in its stored form
 * (choices sorted and unique, text trimmed…); null = no answer. Throws on a response that does
 * not fit the question (a tampered form), which the caller refuses.
 */
export function normaliseResponse(question: GradableQuestion, response: QuestionResponse | null): QuestionResponse | null {
  if (response === null) return null;
  const r = response as Record<string, unknown>;
  const bad = () => {
    throw new InvalidResponseError();
  };
  switch (question.type) {
    case "multichoice":
      if (question.single) {
        if (typeof r.choice !== "number" || !Number.isInteger(r.choice) || !question.answers[r.choice]) bad();
        return { choice: r.choice as number };
      } else {
        if (!Array.isArray(r.choices)) bad();
        const choices = [...new Set(r.choices as unknown[])];
        if (choices.some((i) => typeof i !== "number" || !Number.isInteger(i) || !question.answers[i])) bad();
        return choices.length ? { choices: (choices as number[]).sort((a, b) => a - b) } : null;
      }
    case "truefalse":
      if (typeof r.value !== "boolean") bad();
      return { value: r.value as boolean };
    case "shortanswer":
    case "essay":
      if (typeof r.text !== "string") bad();
      return (r.text as string).trim() ? { text: (r.text as string).trim().slice(0, MAX_TEXT) } : null;
    case "numerical":
      if (typeof r.value !== "number" || !Number.isFinite(r.value)) bad();
      return { value: r.value as number };
    case "matching": {
      if (typeof r.pairs !== "object" || r.pairs === null) bad();
      const subs = new Set(matchingSubQuestions(question).map(String));
      const options = new Set(matchingAnswerOptions(question));
      const pairs: Record<string, string> = {};
      for (const [key, value] of Object.entries(r.pairs as Record<string, unknown>)) {
        if (!subs.has(key) || typeof value !== "string" || (value !== "" && !options.has(value))) bad();
        if (value) pairs[key] = value as string;
      }
      return Object.keys(pairs).length ? { pairs } : null;
    }
    default:
      bad();
  }
  return null;
}

export class InvalidResponseError extends Error {
  constructor() {
    super("The response does not fit the question");
    this.name = "InvalidResponseError";
  }
}

export const PRACTICE_COUNTS = [5, 10, 20] as const;
