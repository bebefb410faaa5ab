// Marks the words of a search result that the query matched (issue 6: 「matched words highlighted in
// results」), by the same rule the search itself uses: the query's terms from searchTerms
// (app/modules/search/bigrams.ts — overlapping Han bigrams, whole Latin words and numbers, 台/臺 and
// full-width folding). Each term is found in a folded copy of the text whose every position points back
// to the original characters, so what is returned is the text as written (臺 stays 臺 for a 台 query).
// Overlapping and touching matches merge into one run: 非婚生 gives the terms 非婚 and 婚生, and
// their two matches become one highlighted 非婚生. Pure (ARCHITECTURE rule 6).
import { normalizeForSearch, searchTerms } from "~/modules/search/bigrams";

export interface HighlightPart {
  text: string;
  match: boolean;
}

const HAN = /\p{Script=Han}/u;
const WORD = /[\p{L}\p{N}]/u;

/** A character that belongs to a Latin word or number in searchTerms' sense (a Han character does not). */
const isWordChar = (ch: string | undefined) => ch !== undefined && !HAN.test(ch) && WORD.test(ch);

interface Folded {
  /** The text folded character by character, as an array of code points. */
  chars: string[];
  /** For each folded code point, the original text's [start, end) in UTF-16 units. */
  from: [number, number][];
}

/**
 * Folds the text one original character at a time (NFKC may turn one character into several, e.g.
 * ㈱ → (株), so positions have to be tracked). Folding per character rather than the whole string
 * differs only for combining sequences, which Chinese case texts do not rely on.
 */
function fold(text: string): Folded {
  const chars: string[] = [];
  const from: [number, number][] = [];
  let offset = 0;
  for (const original of text) {
    for (const ch of normalizeForSearch(original)) {
      chars.push(ch);
      from.push([offset, offset + original.length]);
    }
    offset += original.length;
  }
  return { chars, from };
}

/**
 * Where the query's terms occur, as merged [start, end) ranges of the original text (UTF-16 units),
 * in order. Han terms (bigrams, or a lone character) match wherever they occur; a Latin word or
 * number matches only as a whole word, as the index stores it (ris matches 「RIS系統」, not 「iris」).
 * A query with a lone Han character highlights it everywhere, a little more generously than the index,
 * which keeps single characters only where they stand alone.
 */
export function matchRanges(text: string, query: string): [number, number][] {
  const terms = searchTerms(query);
  if (terms.length === 0 || text === "") return [];
  const { chars, from } = fold(text);
  const ranges: [number, number][] = [];
  for (const term of terms) {
    const t = Array.from(term);
    const latin = !HAN.test(t[0]);
    for (let i = 0; i + t.length <= chars.length; i++) {
      let k = 0;
      while (k < t.length && chars[i + k] === t[k]) k++;
      if (k < t.length) continue;
      if (latin && (isWordChar(chars[i - 1]) || isWordChar(chars[i + t.length]))) continue;
      ranges.push([from[i][0], from[i + t.length - 1][1]]);
    }
  }
  ranges.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

/** The text cut into matched and unmatched parts, in order; joining the parts gives back the text. */
export function highlight(text: string, query: string): HighlightPart[] {
  const parts: HighlightPart[] = [];
  let at = 0;
  for (const [start, end] of matchRanges(text, query)) {
    if (start > at) parts.push({ text: text.slice(at, start), match: false });
    parts.push({ text: text.slice(start, end), match: true });
    at = end;
  }
  if (at < text.length) parts.push({ text: text.slice(at), match: false });
  return parts;
}

/**
 * A window of at most `maxLength` characters (code points, so a character outside the BMP is never
 * cut in half; the … marks are not counted) around the first match, with … where the text was cut.
 * Runs of white space, newlines included, become one space first: an excerpt is one line in a result
 * list. With no match, the start of the text. The match sits about a third into the window, so the
 * reader sees what led up to it.
 */
export function excerptAround(text: string, query: string, maxLength = 120): string {
  const flat = text.replace(/\s+/gu, " ").trim();
  const chars = Array.from(flat);
  if (chars.length <= maxLength) return flat;
  const limit = Math.max(1, Math.floor(maxLength));

  let start = 0;
  const first = matchRanges(flat, query)[0];
  if (first) {
    // UTF-16 offset → code point index.
    const matchStart = Array.from(flat.slice(0, first[0])).length;
    const matchLength = Array.from(flat.slice(first[0], first[1])).length;
    const lead = Math.max(0, Math.floor((limit - matchLength) / 3));
    start = Math.max(0, Math.min(matchStart - lead, chars.length - limit));
  }
  const end = Math.min(chars.length, start + limit);
  const body = chars.slice(start, end).join("").trim();
  return `${start > 0 ? "…" : ""}${body}${end < chars.length ? "…" : ""}`;
}
