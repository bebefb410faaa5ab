// GIFT export, modelled on Moodle's qformat_gift::writequestion() and chosen so that parseGift()
// reads the output back to an equal question (apart from `line`). Pure: questions in, text out.
//
// A few things cannot be written in GIFT at all (GIFT has no escape for "->", "[" in an id, or a
// line break in a category); writeGift() throws a GiftWriteError for those instead of writing a
// file that would import as something else.

import {
  MISSING_WORD_BLANK,
  phpTrim,
  weightToFraction,
  type ChoiceAnswer,
  type QuestionInput,
  type QuestionType,
  type TextFormat,
} from "./question-types";

/** The input shape of one question type. */
type Of<T extends QuestionType> = Extract<QuestionInput, { type: T }>;

export interface WriteGiftOptions {
  /** Write a `$CATEGORY:` line whenever the category changes (default true). */
  includeCategories?: boolean;
}

export class GiftWriteError extends Error {
  constructor(
    message: string,
    readonly questionName: string,
  ) {
    super(`題目「${questionName}」無法寫成 GIFT：${message}`);
    this.name = "GiftWriteError";
  }
}

export function writeGift(questions: readonly QuestionInput[], options: WriteGiftOptions = {}): string {
  const includeCategories = options.includeCategories ?? true;
  const chunks: string[] = [];
  // parseGift starts in the top category (""), so a $CATEGORY line is only needed on a change.
  let category = "";
  for (const question of questions) {
    if (includeCategories && question.category !== category) {
      chunks.push(writeCategory(question));
      category = question.category;
    }
    chunks.push(writeQuestion(question));
  }
  // Every chunk ends with a line break; the extra one leaves the blank line that separates questions.
  return chunks.join("\n");
}

/** Moodle exports "$CATEGORY: $course$/top/a/b"; parseGift strips that prefix again. */
function writeCategory(question: QuestionInput): string {
  if (/[\r\n]/.test(question.category)) throw new GiftWriteError("分類名稱不可以換行。", question.name);
  // parseGift resolves escapes in the category (\{ reads as {, \\ as one backslash), so a backslash is
  // written doubled to come back as itself (found by tests/fuzz/parsers.test.ts: a category ending in \{).
  const escaped = question.category.replace(/\\/g, "\\\\");
  const path = question.category === "" ? "$course$/top" : `$course$/top/${escaped}`;
  return `$CATEGORY: ${path}\n`;
}

function writeQuestion(question: QuestionInput): string {
  const head = writeIdAndTags(question) + `::${escapeGift(question.name)}::`;
  const block = writeAnswerBlock(question);
  if (block === null) return `${head}${writeText(question.text, question.textFormat, "moodle")}\n`;
  return `${head}${placeAnswerBlock(question, block)}\n`;
}

// ---------------------------------------------------------------------------------------------
// Text
// ---------------------------------------------------------------------------------------------

/**
 * Moodle's repchar(): escape the GIFT control characters and write line breaks as "\n", so a
 * question never contains a blank line (which would end it).
 */
export function escapeGift(text: string): string {
  return text.replace(/[\\#=~{}:\n\r]/g, (ch) => (ch === "\n" ? "\\n" : ch === "\r" ? "" : `\\${ch}`));
}

/**
 * Moodle's write_questiontext(): "[html]" etc. when the format differs from the default. It is
 * also written when the text itself starts with "[", so that "[注意]…" or "[html]" typed as text
 * is not read back as a format marker.
 */
function formatMarker(text: string, format: TextFormat, defaultFormat: TextFormat): string {
  return format !== defaultFormat || phpTrim(text).startsWith("[") ? `[${format}]` : "";
}

function writeText(text: string, format: TextFormat, defaultFormat: TextFormat): string {
  return formatMarker(text, format, defaultFormat) + escapeGift(text);
}

/**
 * Put the answer block where the missing-word blank is. parseGift only inserts a blank when text
 * follows the block, so a blank at the very end of the text cannot hold it; then (or without a
 * blank) the block goes after the text.
 */
function placeAnswerBlock(question: QuestionInput, block: string): string {
  const { text, textFormat } = question;
  const marker = formatMarker(text, textFormat, "moodle");
  for (let at = text.indexOf(MISSING_WORD_BLANK); at >= 0; at = text.indexOf(MISSING_WORD_BLANK, at + 1)) {
    const after = text.slice(at + MISSING_WORD_BLANK.length);
    if (phpTrim(after) !== "") {
      return `${marker}${escapeGift(text.slice(0, at))}${block}${escapeGift(after)}`;
    }
  }
  return `${marker}${escapeGift(text)}${block}`;
}

// ---------------------------------------------------------------------------------------------
// Answer blocks
// ---------------------------------------------------------------------------------------------

/** The "{…}" part, or null for a description (which has none). */
function writeAnswerBlock(question: QuestionInput): string | null {
  switch (question.type) {
    case "description":
      return null;
    case "essay":
      return `{${writeGeneralFeedback(question, "")}}`;
    case "truefalse":
      return writeTrueFalse(question);
    case "multichoice":
      return writeLines(question, writeMultichoiceAnswers(question));
    case "shortanswer":
      return writeLines(question, writeShortAnswers(question));
    case "numerical":
      return writeLines(question, writeNumericalAnswers(question), "{#\n");
    case "matching":
      return writeLines(question, writeMatchingPairs(question));
  }
}

/** One answer per indented line, like Moodle's export; parseGift trims lines, so the tabs are cosmetic. */
function writeLines(question: QuestionInput, lines: string[], open = "{\n"): string {
  return `${open}${lines.map((line) => `\t${line}\n`).join("")}${writeGeneralFeedback(question, "\t")}}`;
}

function writeGeneralFeedback(question: QuestionInput, indent: string): string {
  if (question.generalFeedback === "") return "";
  const text = `####${writeText(question.generalFeedback, question.textFormat, question.textFormat)}`;
  return indent === "" ? text : `${indent}${text}\n`;
}

function writeFeedback(feedback: string, format: TextFormat): string {
  return feedback === "" ? "" : `#${writeText(feedback, format, format)}`;
}

/**
 * "{TRUE#feedback when wrong#feedback when right}" (Moodle's order): for a true statement the
 * wrong response is "false", for a false statement it is "true".
 */
function writeTrueFalse(question: Of<"truefalse">): string {
  const right = question.answer ? question.feedbackTrue : question.feedbackFalse;
  const wrong = question.answer ? question.feedbackFalse : question.feedbackTrue;
  const format = question.textFormat;
  let out = `{${question.answer ? "TRUE" : "FALSE"}`;
  if (wrong !== "" || right !== "") out += `#${wrong === "" ? "" : writeText(wrong, format, format)}`;
  if (right !== "") out += `#${writeText(right, format, format)}`;
  return `${out}${writeGeneralFeedback(question, "")}}`;
}

/**
 * "=" marks the right answer of a single-answer question, "~" a wrong one, "~%w%" a weighted one.
 * Only the first 100% answer gets "=": a second one is written "~%100%", so the block always
 * contains a "~" and cannot be read back as a short-answer question.
 */
function writeMultichoiceAnswers(question: Of<"multichoice">): string[] {
  const firstRight = question.single ? question.answers.findIndex((a) => a.fraction === 1) : -1;
  if (question.single && firstRight < 0) {
    throw new GiftWriteError("單選題需要一個 100% 的正確答案。", question.name);
  }
  return question.answers.map((answer, index) => {
    checkFraction(answer.fraction, question.name);
    let prefix: string;
    if (index === firstRight) prefix = "=";
    // A text that starts with "%" needs an explicit weight, or it could be read as one.
    else if (answer.fraction === 0 && !answer.text.startsWith("%")) prefix = "~";
    else prefix = `~%${formatWeight(answer.fraction)}%`;
    return prefix + writeChoice(answer, question.textFormat);
  });
}

function writeChoice(answer: ChoiceAnswer, format: TextFormat): string {
  return writeText(answer.text, format, format) + writeFeedback(answer.feedback, format);
}

/** "=answer" is worth 100% in a short-answer question; other weights are written out. */
function writeShortAnswers(question: Of<"shortanswer">): string[] {
  return question.answers.map((answer) => {
    checkFraction(answer.fraction, question.name);
    // GIFT reads any answer block containing "=" and "->" as matching, and "->" has no escape.
    if (answer.text.includes("->") || answer.feedback.includes("->")) {
      throw new GiftWriteError("簡答題的答案或回饋不可以含有「->」（GIFT 會把它當成配合題）。", question.name);
    }
    const weight = answer.fraction !== 1 || answer.text.startsWith("%") ? `%${formatWeight(answer.fraction)}%` : "";
    return `=${weight}${writeChoice(answer, question.textFormat)}`;
  });
}

/** "=value:tolerance#feedback" per answer, then "~#feedback" for any other response. */
function writeNumericalAnswers(question: Of<"numerical">): string[] {
  const lines = question.answers.map((answer) => {
    checkFraction(answer.fraction, question.name);
    const weight = answer.fraction !== 1 ? `%${formatWeight(answer.fraction)}%` : "";
    const tolerance = answer.tolerance !== 0 ? `:${formatNumber(answer.tolerance, question.name)}` : "";
    return `=${weight}${formatNumber(answer.value, question.name)}${tolerance}${writeFeedback(answer.feedback, question.textFormat)}`;
  });
  if (question.otherwiseFeedback !== null) lines.push(`~${writeFeedback(question.otherwiseFeedback, question.textFormat)}`);
  return lines;
}

/** "=question -> answer"; only the left side takes a format marker (as in Moodle's import). */
function writeMatchingPairs(question: Of<"matching">): string[] {
  return question.pairs.map((pair) => {
    if (pair.question.includes("->")) {
      throw new GiftWriteError("配合題的題目不可以含有「->」。", question.name);
    }
    const left = pair.question === "" ? "" : writeText(pair.question, question.textFormat, question.textFormat);
    return `=${left} -> ${escapeGift(pair.answer)}`;
  });
}

// ---------------------------------------------------------------------------------------------
// Numbers and ids
// ---------------------------------------------------------------------------------------------

function checkFraction(fraction: number, name: string): void {
  if (!(fraction >= -1 && fraction <= 1)) throw new GiftWriteError(`答案比例 ${fraction} 不在 -1 到 1 之間。`, name);
}

/**
 * The shortest percentage that parseGift turns back into exactly this fraction, without exponent
 * notation, which GIFT's weight pattern does not accept. A fraction with more than 12 significant
 * digits comes back rounded to 12 (see roundDecimal).
 */
function formatWeight(fraction: number): string {
  for (let digits = 1; digits <= 17; digits++) {
    const written = plainDecimal(Number((fraction * 100).toPrecision(digits)));
    if (weightToFraction(written) === fraction) return written;
  }
  return plainDecimal(Number((fraction * 100).toPrecision(12)));
}

function plainDecimal(n: number): string {
  const text = String(n);
  if (!/e/i.test(text)) return text;
  return n.toFixed(20).replace(/0+$/, "").replace(/\.$/, "");
}

/** Numbers as JavaScript prints them: the shortest text that reads back as the same number. */
function formatNumber(n: number, name: string): string {
  if (!Number.isFinite(n)) throw new GiftWriteError(`數值 ${n} 不是有限的數字。`, name);
  return String(n);
}

/**
 * Moodle 4.x write_idnumber_and_tags(): one comment line "// [id:…] [tag:…] [tag:…]", with "]"
 * written as "\]". Moodle's import pattern allows no "[" in an id, no "<", ">" or "`" in a tag, and
 * no control characters in either.
 */
function writeIdAndTags(question: QuestionInput): string {
  const bits: string[] = [];
  if (question.id !== null && question.id !== "") {
    if (/[[\x00-\x1f\x7f]/.test(question.id)) {
      throw new GiftWriteError("題目編號不可以含有「[」或控制字元。", question.name);
    }
    bits.push(`[id:${question.id.replace(/]/g, "\\]")}]`);
  }
  for (const tag of question.tags) {
    // A tag ending in "\" would turn its closing "]" into an escaped one and swallow the next tag.
    if (/[<>`\x00-\x1f\x7f]/.test(tag) || tag.endsWith("\\")) {
      throw new GiftWriteError(`標籤「${tag}」不可以含有 <、>、\`、控制字元，也不可以用 \\ 結尾。`, question.name);
    }
    bits.push(`[tag:${tag.replace(/]/g, "\\]")}]`);
  }
  return bits.length === 0 ? "" : `// ${bits.join(" ")}\n`;
}
