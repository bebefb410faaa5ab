// GIFT import, following Moodle's qformat_gift (question/format/gift/format.php, readquestion())
// and the block splitting of qformat_default::readquestions(). Pure: a string in, questions and
// clerk-readable errors out. Each question is parsed on its own, so one bad question never stops
// the others.
//
// Where this parser is stricter than Moodle, it is because Moodle would import something the
// author almost certainly did not mean (a second answer block kept as question text, a
// multiple-choice question without a right answer that only fails later when saved): those are
// reported as errors instead. Each such place says so in a comment.

import {
  MISSING_WORD_BLANK,
  TEXT_FORMATS,
  cleanQuestionName,
  defaultQuestionName,
  formatError,
  normaliseSource,
  phpTrim,
  roundDecimal,
  weightToFraction,
  type ChoiceAnswer,
  type ImportError,
  type ImportResult,
  type MatchPair,
  type NumericalAnswer,
  type ParsedQuestion,
  type TextFormat,
} from "./question-types";

/**
 * Reads a GIFT file (questions separated by blank lines). Every question that Moodle would import
 * comes back in `questions`, in file order; every rejected one becomes an entry of `errors` with
 * the line where its text starts and a Traditional Chinese reason.
 */
export function parseGift(source: string): ImportResult {
  const questions: ParsedQuestion[] = [];
  const errors: ImportError[] = [];
  // Moodle keeps the latest $CATEGORY for every following question.
  let category = "";

  for (const block of splitBlocks(normaliseSource(source))) {
    const comments = block.filter(isCommentLine);
    let body = block.filter((line) => !isCommentLine(line));
    // A block of comments only is skipped silently, as Moodle does (readquestion returns false).
    if (body.length === 0) continue;

    if (body[0].text.startsWith(CATEGORY_MARKER)) {
      category = normaliseCategory(body[0].text.slice(CATEGORY_MARKER.length));
      // Moodle would take the whole block as the category name; a question written right under
      // the $CATEGORY line (no blank line between) is clearly meant as a question, so parse it.
      body = body.slice(1);
      if (body.length === 0) continue;
    }

    const start = body[0];
    const result = readQuestion(body.map((line) => line.text).join("\n"));
    if ("reason" in result) {
      errors.push(formatError(start.number, result.reason, start.text));
      continue;
    }
    const { id, tags } = readIdAndTags(comments.map((line) => line.text).join("\n"));
    questions.push({ ...result, id, tags, category, line: start.number });
  }

  return { questions, errors };
}

// ---------------------------------------------------------------------------------------------
// Blocks, comments, categories, ids and tags
// ---------------------------------------------------------------------------------------------

interface SourceLine {
  /** The line trimmed like Moodle does (PHP trim). */
  text: string;
  /** 1-based. */
  number: number;
}

/**
 * Moodle's readquestions(): every line is trimmed and questions are separated by blank lines.
 * A line holding only other whitespace (e.g. a full-width space) also counts as blank here,
 * because it looks blank to whoever wrote the file.
 */
function splitBlocks(text: string): SourceLine[][] {
  const blocks: SourceLine[][] = [];
  let current: SourceLine[] = [];
  text.split("\n").forEach((raw, index) => {
    if (/^\s*$/.test(raw)) {
      if (current.length > 0) blocks.push(current);
      current = [];
    } else {
      current.push({ text: phpTrim(raw), number: index + 1 });
    }
  });
  if (current.length > 0) blocks.push(current);
  return blocks;
}

/** Only whole lines starting with // are comments; "http://…" inside a text stays text. */
function isCommentLine(line: SourceLine): boolean {
  return line.text.startsWith("//");
}

const CATEGORY_MARKER = "$CATEGORY:";

/**
 * "$course$/top/法規/戶籍法" → "法規/戶籍法". Moodle's export writes a context prefix
 * ($course$, $cat$, $module$, $system$) and the "top" category; neither is part of the path
 * a clerk sees. "top" alone is the top category: "".
 */
function normaliseCategory(raw: string): string {
  let path = decodeEscapes(encodeEscapes(phpTrim(raw)));
  path = path.replace(/^\$[a-z]+\$(\/|$)/, "");
  if (path === "top") return "";
  if (path.startsWith("top/")) path = path.slice("top/".length);
  return phpTrim(path);
}

// Moodle 4.x extract_idnumber_and_tags_from_comment(): "[id:…]" (first one wins) and any number of
// "[tag:…]" anywhere in the block's comment lines; "\]" stands for "]"; no control characters, so a
// token never spans two lines. Ids cannot contain "[" or "]"; tags cannot contain "<", ">" or "`".
const ID_PATTERN = /\[id:((?:\\\]|[^\][\x00-\x1f\x7f])+)\]/;
const TAG_PATTERN = /\[tag:((?:\\\]|[^\]<>`\x00-\x1f\x7f])+)\]/g;

function readIdAndTags(comments: string): { id: string | null; tags: string[] } {
  const idMatch = ID_PATTERN.exec(comments);
  const id = idMatch ? phpTrim(idMatch[1].replace(/\\\]/g, "]")) : "";
  const tags = [...comments.matchAll(TAG_PATTERN)]
    .map((match) => phpTrim(match[1].replace(/\\\]/g, "]")))
    .filter((tag) => tag !== "");
  return { id: id === "" ? null : id, tags };
}

// ---------------------------------------------------------------------------------------------
// Escapes: Moodle's escapedchar_pre() / escapedchar_post()
// ---------------------------------------------------------------------------------------------

// Moodle swaps "\:" "\#" "\=" "\{" "\}" "\~" "\n" for placeholders before looking for the control
// characters, and swaps them back in each finished piece of text. "\\" is a literal backslash.
// Single private-use characters play the role of Moodle's "&&058;"-style placeholders here, so
// string positions stay simple.
const ESCAPES: Record<string, { placeholder: string; value: string }> = {
  ":": { placeholder: "\uE03A", value: ":" },
  "#": { placeholder: "\uE023", value: "#" },
  "=": { placeholder: "\uE03D", value: "=" },
  "{": { placeholder: "\uE07B", value: "{" },
  "}": { placeholder: "\uE07D", value: "}" },
  "~": { placeholder: "\uE07E", value: "~" },
  n: { placeholder: "\uE00A", value: "\n" },
};
const PLACEHOLDER_VALUES = new Map(Object.values(ESCAPES).map((e) => [e.placeholder, e.value]));

function encodeEscapes(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch !== "\\" || i + 1 >= text.length) {
      out += ch;
      continue;
    }
    const next = text[i + 1];
    if (next === "\\") {
      out += "\\";
      i++;
    } else if (next in ESCAPES) {
      out += ESCAPES[next].placeholder;
      i++;
    } else {
      out += ch; // A backslash before anything else is just a backslash.
    }
  }
  return out;
}

function decodeEscapes(text: string): string {
  return text.replace(/[\uE03A\uE023\uE03D\uE07B\uE07D\uE07E\uE00A]/g, (ch) => PLACEHOLDER_VALUES.get(ch) ?? ch);
}

// ---------------------------------------------------------------------------------------------
// One question: Moodle's readquestion()
// ---------------------------------------------------------------------------------------------

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** What readQuestion() knows; id, tags, category and line come from around the question. */
type QuestionBody = DistributiveOmit<ParsedQuestion, "id" | "tags" | "category" | "line">;
type Rejection = { reason: string };

const REASONS = {
  braces: "大括號沒有成對：答案要放在一組「{ }」裡；題目文字裡要用大括號時，請寫成 \\{ 或 \\}。",
  twoBlocks:
    "一題只能有一組答案「{ }」。如果這是兩題，中間要空一行；題目文字裡要用大括號時，請寫成 \\{ 或 \\}。",
  noText: "題目沒有文字（題目文字和答案之間不可以有空白行）。",
  mcNoCorrect: "選擇題沒有標示正確答案（=）。",
  mcTooFew: "選擇題至少需要兩個選項。",
  saNoAnswer: "簡答題沒有答案。",
  saNoFull: "簡答題至少需要一個 100% 的正確答案（=答案）。",
  numNoAnswer: "數值題沒有答案。",
  numNoFull: "數值題至少需要一個 100% 的答案。",
  matchTooFew: "配合題至少需要兩組配對（=題目 -> 答案）。",
} as const;

function readQuestion(blockText: string): QuestionBody | Rejection {
  let text = encodeEscapes(phpTrim(blockText));

  // "::name::" must open the question. An opening "::" without a closing one is dropped and the
  // name is made from the text, as Moodle does.
  let explicitName: string | null = null;
  if (text.startsWith("::")) {
    text = text.slice(2);
    const end = text.indexOf("::");
    if (end >= 0) {
      explicitName = cleanQuestionName(decodeEscapes(text.slice(0, end)));
      text = phpTrim(text.slice(end + 2));
    }
  }

  const located = locateAnswerBlock(text);
  if ("reason" in located) return located;

  let questionText: string;
  let answerText = "";
  if (located.kind === "none") {
    questionText = text;
  } else {
    const { open, close } = located;
    answerText = phpTrim(text.slice(open + 1, close));
    // Moodle: answers at the very end are just removed; answers inside the sentence leave a blank
    // ("missing word" format), e.g. "Grant is {~buried =entombed} in Grant's tomb."
    questionText = text.endsWith("}")
      ? text.slice(0, open)
      : text.slice(0, open) + MISSING_WORD_BLANK + text.slice(close + 1);
  }

  // General feedback is whatever follows the last "####" in the answers.
  let generalFeedbackRaw = "";
  const gfStart = answerText.lastIndexOf("####");
  if (gfStart >= 0) {
    generalFeedbackRaw = answerText.slice(gfStart + 4);
    answerText = phpTrim(answerText.slice(0, gfStart));
  }

  const { format, text: finalText } = parseTextWithFormat(questionText, "moodle");
  const common = {
    name: explicitName || defaultQuestionName(finalText),
    textFormat: format,
    text: finalText,
    // The general feedback defaults to the question text's format (Moodle).
    generalFeedback: parseTextWithFormat(generalFeedbackRaw, format).text,
  };

  if (located.kind === "none") return { ...common, type: "description" };
  // Stricter than Moodle: an answer block without question text is nearly always a question
  // whose text was cut off by a blank line, so the text went into a separate description.
  if (finalText === "") return { reason: REASONS.noText };

  const typed = readAnswers(answerText, format);
  return "reason" in typed ? typed : { ...common, ...typed };
}

type AnswerBlock = { kind: "none" } | { kind: "block"; open: number; close: number };

/** Moodle uses the first "{" and the first "}"; anything odd beyond that is reported (stricter than Moodle). */
function locateAnswerBlock(text: string): AnswerBlock | Rejection {
  const open = text.indexOf("{");
  const close = text.indexOf("}");
  if (open < 0 && close < 0) return { kind: "none" };
  if (open < 0 || close < 0 || close < open) return { reason: REASONS.braces };
  const reopened = text.indexOf("{", open + 1);
  if (reopened >= 0 && reopened < close) return { reason: REASONS.braces };
  const after = text.slice(close + 1);
  if (after.includes("{")) return { reason: REASONS.twoBlocks };
  if (after.includes("}")) return { reason: REASONS.braces };
  return { kind: "block", open, close };
}

/**
 * Moodle's parse_text_with_format(): a leading "[html]", "[moodle]", "[plain]" or "[markdown]"
 * sets the format; any other "[…]" is ordinary text. Escapes are resolved and the text trimmed.
 */
function parseTextWithFormat(text: string, defaultFormat: TextFormat): { format: TextFormat; text: string } {
  let format = defaultFormat;
  let body = text;
  if (text.startsWith("[")) {
    const end = text.indexOf("]");
    const name = end > 0 ? text.slice(1, end) : "";
    if ((TEXT_FORMATS as readonly string[]).includes(name)) {
      format = name as TextFormat;
      body = text.slice(end + 1);
    }
  }
  return { format, text: phpTrim(decodeEscapes(body)) };
}

// ---------------------------------------------------------------------------------------------
// Answer blocks, by question type
// ---------------------------------------------------------------------------------------------

type TypedPart = DistributiveOmit<QuestionBody, "name" | "textFormat" | "text" | "generalFeedback">;

/** Moodle's type detection, in Moodle's order. */
function readAnswers(answerText: string, format: TextFormat): TypedPart | Rejection {
  if (answerText === "") return { type: "essay" };
  if (answerText.startsWith("#")) return readNumerical(answerText.slice(1), format);
  // Only multiple choice uses "~".
  if (answerText.includes("~")) return readMultichoice(answerText, format);
  // Only matching has both "=" and "->".
  if (answerText.includes("=") && answerText.includes("->")) return readMatching(answerText, format);
  if (isTrueFalse(answerText)) return readTrueFalse(answerText, format);
  return readShortAnswer(answerText, format);
}

/**
 * Moodle's weight pattern "%50%", "%-100%", "%33.3333%". Text such as "%abc%" does not match and
 * stays part of the answer, as in Moodle.
 */
const WEIGHT_PATTERN = /^%-*([0-9]{1,2})\.?([0-9]*)%/;

type Weighed = { fraction: number; rest: string } | Rejection;

/** Moodle's answerweightparser(), with the default weight when there is no %…% prefix. */
function readWeight(answer: string, defaultFraction: number): Weighed {
  if (!WEIGHT_PATTERN.test(answer)) return { fraction: defaultFraction, rest: answer };
  const end = answer.indexOf("%", 1);
  const weight = answer.slice(1, end);
  const fraction = weightToFraction(weight);
  if (!Number.isFinite(fraction)) return { reason: `答案的百分比寫法不正確：「%${weight}%」。` };
  // Stricter than Moodle, which stores any number: a grade share must be between -100% and 100%.
  if (fraction < -1 || fraction > 1) {
    return { reason: `答案的百分比必須介於 -100% 到 100% 之間（目前是 ${weight}%）。` };
  }
  return { fraction, rest: answer.slice(end + 1) };
}

/** PHP explode($separator, $text, $limit): the last piece keeps the rest. */
function explodeLimit(text: string, separator: string, limit: number): string[] {
  const pieces = text.split(separator);
  return pieces.length <= limit ? pieces : [...pieces.slice(0, limit - 1), pieces.slice(limit - 1).join(separator)];
}

/** Moodle's commentparser(): "answer#feedback", both trimmed and format-stripped. */
function splitFeedback(answer: string, format: TextFormat): { text: string; feedback: string } {
  const [text, feedback = ""] = explodeLimit(answer, "#", 2);
  return {
    text: parseTextWithFormat(phpTrim(text), format).text,
    feedback: parseTextWithFormat(phpTrim(feedback), format).text,
  };
}

/** Moodle: explode on the separator, and drop the first piece when it is empty (text before the first marker). */
function splitAnswers(answerText: string, separator: string): string[] {
  const pieces = answerText.split(separator);
  if (phpTrim(pieces[0]) === "") pieces.shift();
  return pieces.map(phpTrim);
}

function readMultichoice(answerText: string, format: TextFormat): TypedPart | Rejection {
  // Moodle: an "=" anywhere means one right answer (radio buttons); otherwise the weights decide
  // (several right answers, check boxes).
  const single = answerText.includes("=");
  const answers: ChoiceAnswer[] = [];
  for (const piece of splitAnswers(answerText.replace(/=/g, "~="), "~")) {
    let weighed: Weighed;
    if (piece.startsWith("=")) weighed = { fraction: 1, rest: piece.slice(1) };
    else weighed = readWeight(piece, 0);
    if ("reason" in weighed) return weighed;
    const { text, feedback } = splitFeedback(weighed.rest, format);
    // Moodle's multichoice save skips choices with empty text.
    if (text !== "") answers.push({ text, fraction: weighed.fraction, feedback });
  }
  if (answers.length < 2) return { reason: REASONS.mcTooFew };

  const positives = answers.filter((a) => a.fraction > 0);
  if (positives.length === 0) return { reason: REASONS.mcNoCorrect };
  // Moodle rejects these when saving the question (fractionsnomax / fractionsaddwrong); report
  // them at import, with the line, instead.
  if (single && !answers.some((a) => a.fraction === 1)) return { reason: REASONS.mcNoCorrect };
  if (!single) {
    // Moodle compares round($totalfraction, 2) with 1, so 3 × 33.333% passes.
    const total = positives.reduce((sum, a) => sum + a.fraction, 0);
    if (Math.round(total * 100) !== 100) {
      const shown = Math.round(total * 10000) / 100;
      return { reason: `複選題所有正確選項的百分比加總必須是 100%（目前是 ${shown}%）。` };
    }
  }
  return { type: "multichoice", single, answers };
}

function readMatching(answerText: string, format: TextFormat): TypedPart | Rejection {
  const pairs: MatchPair[] = [];
  for (const piece of splitAnswers(answerText, "=")) {
    const marker = piece.indexOf("->");
    if (marker < 0) {
      return { reason: `配合題的每一組都要寫成「=題目 -> 答案」，這一組少了「->」：「${decodeEscapes(piece)}」。` };
    }
    const question = parseTextWithFormat(piece.slice(0, marker), format).text;
    const answer = phpTrim(decodeEscapes(piece.slice(marker + 2)));
    // An empty left side is a distractor (an extra wrong answer), which Moodle allows.
    if (answer === "") return { reason: `配合題「${question}」的配對答案是空白的。` };
    pairs.push({ question, answer });
  }
  if (pairs.filter((p) => p.question !== "").length < 2) return { reason: REASONS.matchTooFew };
  return { type: "matching", pairs };
}

const TRUE_FALSE_WORDS = ["T", "TRUE", "F", "FALSE"];

/** Moodle: exactly T, TRUE, F or FALSE (upper case) before any feedback; "{true}" is a short answer. */
function isTrueFalse(answerText: string): boolean {
  const hash = answerText.indexOf("#");
  const word = hash > 0 ? phpTrim(answerText.slice(0, hash)) : answerText;
  return TRUE_FALSE_WORDS.includes(word);
}

/**
 * Moodle's split_truefalse_comment(): "{T#feedback when wrong#feedback when right}". The first
 * feedback goes to the student who chose the wrong answer, the second to the one who chose the
 * right answer; Moodle then files them under feedbacktrue / feedbackfalse by the response.
 */
function readTrueFalse(answerText: string, format: TextFormat): TypedPart {
  const [word, wrong = "", right = ""] = explodeLimit(answerText, "#", 3).map(
    (piece) => parseTextWithFormat(phpTrim(piece), format).text,
  );
  const answer = word === "T" || word === "TRUE";
  return answer
    ? { type: "truefalse", answer, feedbackTrue: right, feedbackFalse: wrong }
    : { type: "truefalse", answer, feedbackTrue: wrong, feedbackFalse: right };
}

function readShortAnswer(answerText: string, format: TextFormat): TypedPart | Rejection {
  const answers: ChoiceAnswer[] = [];
  for (const piece of splitAnswers(answerText, "=")) {
    // A short answer without a weight is worth 100% (Moodle), so "{=no one =nobody}" accepts both.
    const weighed = readWeight(piece, 1);
    if ("reason" in weighed) return weighed;
    const { text, feedback } = splitFeedback(weighed.rest, format);
    // Moodle's shortanswer save skips answers with empty text.
    if (text !== "") answers.push({ text, fraction: weighed.fraction, feedback });
  }
  if (answers.length === 0) return { reason: REASONS.saNoAnswer };
  if (!answers.some((a) => a.fraction === 1)) return { reason: REASONS.saNoFull };
  return { type: "shortanswer", answers };
}

function readNumerical(body: string, format: TextFormat): TypedPart | Rejection {
  // Moodle: everything from the first "~" is the feedback for any other (wrong) response.
  let otherwiseFeedback: string | null = null;
  const tilde = body.indexOf("~");
  if (tilde >= 0) {
    otherwiseFeedback = splitFeedback(body.slice(tilde), format).feedback;
    body = body.slice(0, tilde);
  }

  const answers: NumericalAnswer[] = [];
  for (const piece of splitAnswers(body, "=")) {
    const weighed = readWeight(piece, 1);
    if ("reason" in weighed) return weighed;
    const { text, feedback } = splitFeedback(weighed.rest, format);
    const value = readNumericalValue(text);
    if ("reason" in value) return value;
    answers.push({ ...value, fraction: weighed.fraction, feedback });
  }
  if (answers.length === 0) return { reason: REASONS.numNoAnswer };
  if (!answers.some((a) => a.fraction === 1)) return { reason: REASONS.numNoFull };
  return { type: "numerical", answers, otherwiseFeedback };
}

/** "3", "3:0.5" (answer:tolerance) or "1..5" (range, stored as midpoint ± half width like Moodle). */
function readNumericalValue(text: string): { value: number; tolerance: number } | Rejection {
  const range = text.indexOf("..");
  if (range > 0) {
    const min = readNumber(text.slice(0, range), "答案");
    const max = readNumber(text.slice(range + 2), "答案");
    if ("reason" in min) return min;
    if ("reason" in max) return max;
    if (min.number > max.number) return { reason: `數值題的範圍下限大於上限：「${text}」。` };
    const value = roundDecimal((min.number + max.number) / 2);
    return { value, tolerance: roundDecimal(max.number - value) };
  }
  const colon = text.indexOf(":");
  const value = readNumber(colon > 0 ? text.slice(0, colon) : text, "答案");
  const tolerance = readNumber(colon > 0 ? text.slice(colon + 1) : "0", "誤差");
  if ("reason" in value) return value;
  if ("reason" in tolerance) return tolerance;
  if (tolerance.number < 0) return { reason: `數值題的誤差不可以是負數：「${text}」。` };
  return { value: value.number, tolerance: tolerance.number };
}

/** PHP is_numeric(): optional sign, decimals, exponent; no thousands separators or full-width digits. */
const NUMBER_PATTERN = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

function readNumber(raw: string, what: "答案" | "誤差"): { number: number } | Rejection {
  const text = phpTrim(raw);
  if (NUMBER_PATTERN.test(text)) return { number: Number(text) };
  const hint = /[０-９．：，]/.test(text) ? "請改用半形數字與符號。" : "";
  return { reason: `數值題的${what}不是數字：「${text}」。${hint}` };
}
