// Aiken import, following Moodle's qformat_aiken::readquestions() (question/format/aiken/format.php):
//
//   依戶籍法規定，出生登記應於出生後幾日內為之？
//   A. 十五日
//   B. 三十日
//   C. 六十日
//   ANSWER: C
//
// A question is its text, two or more options "A." or "A)" (an upper-case letter, then "." or ")"),
// and an "ANSWER: X" line naming the one right option. Pure: a string in, questions and
// clerk-readable errors out; a bad question is reported and the next one still parses.
//
// Differences from Moodle, each for the person typing the file:
// - the question text may run over several lines (Moodle: one line; each further line starts a new
//   question), as long as no blank line separates them;
// - "answer:", "ANSWER：" (full-width colon) and a lower-case or full-width letter are accepted;
// - ANSWER names an option by its letter, not by its position, and a letter that no option has is
//   an error (Moodle would silently mark a nonexistent answer right);
// - the text is stored as plain text (Moodle HTML-escapes it and stores HTML, which shows the same).

import {
  defaultQuestionName,
  formatError,
  normaliseSource,
  phpTrim,
  type ImportError,
  type ImportResult,
  type MultichoiceQuestion,
} from "./question-types";

export interface AikenOptions {
  /** Category path given to every question (Aiken files have no categories); default "". */
  category?: string;
  /** Start of every generated id; default "aiken-". */
  idPrefix?: string;
}

/** Moodle: a letter, then ")" or ".", then (optionally) a space or tab. */
const OPTION_PATTERN = /^([A-Z])[).][ \t]?/;
const ANSWER_PATTERN = /^ANSWER\s*[:：]/i;

interface OpenQuestion {
  line: number;
  excerpt: string;
  textLines: string[];
  /** A blank line after the text: a further text line starts a new question. */
  textClosed: boolean;
  options: { label: string; text: string }[];
  /** A problem found on an option line; reported when the question ends. */
  problem: string | null;
}

export function parseAiken(source: string, options: AikenOptions = {}): ImportResult<MultichoiceQuestion> {
  const category = options.category ?? "";
  const idPrefix = options.idPrefix ?? "aiken-";
  const questions: MultichoiceQuestion[] = [];
  const errors: ImportError[] = [];
  const usedIds = new Set<string>();
  let open: OpenQuestion | null = null;

  const abandon = (question: OpenQuestion, reason: string) =>
    errors.push(formatError(question.line, reason, question.excerpt));

  const lines = normaliseSource(source).split("\n");
  for (const [index, raw] of lines.entries()) {
    const number = index + 1;
    const line = phpTrim(raw);

    if (/^\s*$/.test(line)) {
      if (open && open.options.length === 0) open.textClosed = true;
      continue;
    }
    // Moodle skips lines shorter than two bytes (a stray "." or "-").
    if (line.length === 1 && line.charCodeAt(0) < 0x80) continue;

    const option = OPTION_PATTERN.exec(line);
    if (option) {
      if (!open) {
        errors.push(formatError(number, "選項出現在題目文字之前（每一題要先寫題目，再寫 A. B. …選項）。", line));
        continue;
      }
      const label = option[1];
      const text = phpTrim(line.slice(2));
      if (open.problem === null && text === "") open.problem = `選項「${label}」沒有內容。`;
      if (open.problem === null && open.options.some((o) => o.label === label)) {
        open.problem = `選項代號「${label}」重複了。`;
      }
      open.options.push({ label, text });
      continue;
    }

    if (ANSWER_PATTERN.test(line)) {
      if (!open) {
        errors.push(formatError(number, "「ANSWER:」出現在題目之前，找不到它屬於哪一題。", line));
        continue;
      }
      const question = open;
      open = null;
      const result = finishQuestion(question, line, number);
      if ("reason" in result) {
        errors.push(formatError(result.line, result.reason, result.line === number ? line : question.excerpt));
        continue;
      }
      const id = uniqueId(idPrefix + fnv1a64(normaliseForHash(result.text)), usedIds);
      questions.push({ ...result, id, category });
      continue;
    }

    // A text line: more text for a question that has no options yet, or a new question.
    if (open && open.options.length === 0 && !open.textClosed) {
      open.textLines.push(line);
      continue;
    }
    if (open) abandon(open, incompleteReason(open));
    open = { line: number, excerpt: line, textLines: [line], textClosed: false, options: [], problem: null };
  }

  if (open) abandon(open, incompleteReason(open));
  return { questions, errors };
}

function incompleteReason(question: OpenQuestion): string {
  return question.options.length === 0
    ? "這一題沒有選項，也沒有「ANSWER:」行，沒有匯入。"
    : "這一題沒有「ANSWER:」行，沒有匯入。";
}

type Finished = Omit<MultichoiceQuestion, "id" | "category">;

function finishQuestion(
  question: OpenQuestion,
  answerLine: string,
  answerLineNumber: number,
): Finished | { reason: string; line: number } {
  if (question.problem) return { reason: question.problem, line: question.line };
  // Moodle: a multiple-choice question needs at least two answers.
  if (question.options.length < 2) return { reason: "選擇題至少需要兩個選項。", line: question.line };

  const letter = toAsciiUpper(phpTrim(answerLine.replace(ANSWER_PATTERN, "")).slice(0, 1));
  if (letter === "") {
    return { reason: "「ANSWER:」後面沒有寫正確答案的選項代號。", line: answerLineNumber };
  }
  if (!question.options.some((o) => o.label === letter)) {
    return { reason: `「ANSWER: ${letter}」指的選項不存在。`, line: answerLineNumber };
  }

  const text = question.textLines.join("\n");
  return {
    type: "multichoice",
    single: true,
    answers: question.options.map((o) => ({ text: o.text, fraction: o.label === letter ? 1 : 0, feedback: "" })),
    tags: [],
    name: defaultQuestionName(text),
    textFormat: "plain",
    text,
    generalFeedback: "",
    line: question.line,
  };
}

/** "ｂ" and "b" → "B". */
function toAsciiUpper(ch: string): string {
  const code = ch.charCodeAt(0);
  const ascii = code >= 0xff01 && code <= 0xff5e ? String.fromCharCode(code - 0xfee0) : ch;
  return ascii.toUpperCase();
}

/** Line wrapping and spacing should not change a question's id. */
function normaliseForHash(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/**
 * The same text twice in one file would give the same id; the later ones get "-2", "-3", … so ids
 * stay unique and still come out the same on every import of that file.
 */
function uniqueId(base: string, used: Set<string>): string {
  let id = base;
  for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
  used.add(id);
  return id;
}

const FNV_OFFSET_64 = 0xcbf29ce484222325n;
const FNV_PRIME_64 = 0x100000001b3n;
const MASK_64 = 0xffffffffffffffffn;

/** 64-bit FNV-1a over the UTF-8 bytes, as 16 hex digits. Not cryptographic: ids, not secrets. */
export function fnv1a64(text: string): string {
  let hash = FNV_OFFSET_64;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= BigInt(byte);
    hash = (hash * FNV_PRIME_64) & MASK_64;
  }
  return hash.toString(16).padStart(16, "0");
}
