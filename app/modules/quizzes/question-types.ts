// The question model shared by the GIFT parser, the GIFT writer and the Aiken parser.
// Pure data and small text helpers; no I/O, so it can run in the browser and on the server.
//
// The shapes follow what Moodle's importers (question/format/gift/format.php and
// question/format/aiken/format.php) produce, trimmed to what a quiz needs.

/** Moodle's text formats: FORMAT_MOODLE ("moodle auto-format", the GIFT default), HTML, plain, Markdown. */
export type TextFormat = "moodle" | "html" | "plain" | "markdown";

export const TEXT_FORMATS: readonly TextFormat[] = ["moodle", "html", "plain", "markdown"];

/** Moodle inserts this blank where a "missing word" answer block sat inside the sentence. */
export const MISSING_WORD_BLANK = "_____";

/** Fields every question has, whatever its type. */
export interface QuestionCommon {
  /** Stable id: Moodle's idnumber from a `// [id:…]` comment line; null when the source has none. */
  id: string | null;
  /** From `// [tag:…]` comment lines, in source order. */
  tags: string[];
  /** Category path such as "戶籍法/遷徙登記" ("" = the top/default category), from the latest `$CATEGORY:` line. */
  category: string;
  /** `::title::`, else derived from the question text like Moodle does. */
  name: string;
  textFormat: TextFormat;
  /** Question text, escapes resolved; a missing-word question has MISSING_WORD_BLANK where its answers were. */
  text: string;
  /** Moodle's general feedback (`####…` in GIFT): the explanation shown after answering. */
  generalFeedback: string;
  /** 1-based source line where the question text starts (0 for questions built in code). */
  line: number;
}

/** A choice of a multiple-choice question or an accepted short answer. */
export interface ChoiceAnswer {
  text: string;
  /** Share of the mark, -1..1 (GIFT `%50%` = 0.5, `%-100%` = -1, `=` = 1). */
  fraction: number;
  feedback: string;
}

export interface MultichoiceQuestion extends QuestionCommon {
  type: "multichoice";
  /**
   * True when the GIFT answers use `=` (one right answer, radio buttons); false when they only use
   * `~` with weights (several right answers, check boxes) — Moodle's `single` flag.
   */
  single: boolean;
  answers: ChoiceAnswer[];
}

export interface TrueFalseQuestion extends QuestionCommon {
  type: "truefalse";
  /** The correct answer. */
  answer: boolean;
  /** Shown to a student who answered "true" (Moodle's feedbacktrue). */
  feedbackTrue: string;
  /** Shown to a student who answered "false" (Moodle's feedbackfalse). */
  feedbackFalse: string;
}

export interface ShortAnswerQuestion extends QuestionCommon {
  type: "shortanswer";
  answers: ChoiceAnswer[];
}

/** One accepted numeric answer: right when |response − value| ≤ tolerance. */
export interface NumericalAnswer {
  value: number;
  /** GIFT `value:tolerance`; a range `min..max` is stored as its midpoint ± half its width, as Moodle does. */
  tolerance: number;
  fraction: number;
  feedback: string;
}

export interface NumericalQuestion extends QuestionCommon {
  type: "numerical";
  answers: NumericalAnswer[];
  /** Feedback for any other response (GIFT `~#…`, Moodle's `*` answer); null when there is none. */
  otherwiseFeedback: string | null;
}

/** A matching pair; an empty `question` is a distractor (an extra answer), as in Moodle. */
export interface MatchPair {
  question: string;
  answer: string;
}

export interface MatchingQuestion extends QuestionCommon {
  type: "matching";
  pairs: MatchPair[];
}

export interface EssayQuestion extends QuestionCommon {
  type: "essay";
}

/** Text without an answer block: instructions shown between questions, not graded. */
export interface DescriptionQuestion extends QuestionCommon {
  type: "description";
}

export type ParsedQuestion =
  | MultichoiceQuestion
  | TrueFalseQuestion
  | ShortAnswerQuestion
  | NumericalQuestion
  | MatchingQuestion
  | EssayQuestion
  | DescriptionQuestion;

export type QuestionType = ParsedQuestion["type"];

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A question as a writer needs it: the source line is optional. */
export type QuestionInput = DistributiveOmit<ParsedQuestion, "line"> & { line?: number };

/** A rejected question (or stray line): where it starts, a reason a clerk understands, and the line itself. */
export interface ImportError {
  /** 1-based line number. */
  line: number;
  /** Traditional Chinese, starting with "第 N 行：". */
  message: string;
  /** The start of the offending line, to find it in the file. */
  excerpt: string;
}

export interface ImportResult<Q extends ParsedQuestion = ParsedQuestion> {
  questions: Q[];
  errors: ImportError[];
}

// ---------------------------------------------------------------------------------------------
// Small helpers shared by the parsers.
// ---------------------------------------------------------------------------------------------

/** Removes a UTF-8 byte order mark and turns CRLF and old-Mac CR line ends into LF (Moodle's readdata does both). */
export function normaliseSource(source: string): string {
  return source.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
}

export function formatError(line: number, reason: string, excerpt: string): ImportError {
  return { line, message: `第 ${line} 行：${reason}`, excerpt: shortenExcerpt(excerpt) };
}

const EXCERPT_LENGTH = 60;

function shortenExcerpt(text: string): string {
  const chars = Array.from(text.trim());
  return chars.length <= EXCERPT_LENGTH ? chars.join("") : `${chars.slice(0, EXCERPT_LENGTH).join("")}…`;
}

/**
 * Like PHP's strip_tags as used by Moodle's clean_param(PARAM_TEXT): removes tags, but a "<" that
 * does not start a tag (e.g. "a < b") stays.
 */
export function stripTags(text: string): string {
  return text.replace(/<!--[\s\S]*?-->/g, "").replace(/<\/?[A-Za-z!][^>]*>/g, "");
}

/** Moodle's question.name column holds 255 characters. */
const NAME_MAX_LENGTH = 255;
/** Moodle's create_default_question_name() uses shorten_text($questiontext, 80). */
const DEFAULT_NAME_LENGTH = 80;
/** Used when the text gives no name (Moodle uses its "Question name" string). */
export const UNNAMED_QUESTION = "未命名題目";

/**
 * Moodle's shorten_text(): keep `ideal` characters including the "..." ending, and prefer to cut
 * after a space or a full stop — or after any CJK character, which Moodle treats as a boundary
 * (any character of 3+ UTF-8 bytes, i.e. from U+0800 on).
 */
export function shortenText(text: string, ideal: number): string {
  const chars = Array.from(text);
  if (chars.length <= ideal) return text;
  const ending = "...";
  let kept = chars.slice(0, Math.max(ideal - ending.length, 0));
  for (let k = kept.length - 1; k > 0; k--) {
    const ch = kept[k];
    if (ch === " " || ch === "." || (ch.codePointAt(0) ?? 0) >= 0x800) {
      kept = kept.slice(0, k + 1);
      break;
    }
  }
  return kept.join("") + ending;
}

/** Moodle's clean_question_name(): strip tags, trim (PHP trim), and fit the database column. */
export function cleanQuestionName(name: string): string {
  const cleaned = phpTrim(stripTags(name));
  return Array.from(cleaned).length > NAME_MAX_LENGTH ? shortenText(cleaned, NAME_MAX_LENGTH - 4) : cleaned;
}

/**
 * Moodle's create_default_question_name(): the start of the question text. Whitespace runs
 * (including line breaks) become one space here, because a name is a one-line label.
 */
export function defaultQuestionName(text: string): string {
  const plain = stripTags(text).replace(/\s+/g, " ").trim();
  return cleanQuestionName(shortenText(plain, DEFAULT_NAME_LENGTH)) || UNNAMED_QUESTION;
}

/**
 * PHP's trim(): only space, tab, LF, CR, NUL and vertical tab. Moodle trims lines and texts with
 * it, so a full-width space (U+3000) that indents Chinese text is kept, unlike String.trim().
 */
export function phpTrim(text: string): string {
  return text.replace(/^[ \t\n\r\0\x0B]+|[ \t\n\r\0\x0B]+$/g, "");
}

/**
 * Numbers from a GIFT file are decimals; dividing by 100 or halving a range adds binary noise
 * (0.07000000000000001, 0.0004999999999999449). Twelve significant digits keep every decimal an
 * author writes and drop the noise, so the model holds the number the author meant.
 */
export function roundDecimal(n: number): number {
  return Number(n.toPrecision(12));
}

/** "50" (from "%50%") → 0.5, the share of the mark. */
export function weightToFraction(weight: string): number {
  return roundDecimal(Number(weight) / 100);
}
