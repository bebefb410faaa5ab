// Chinese-aware search terms (ARCHITECTURE, Data: "Chinese search"). PostgreSQL's parsers and pg_trgm
// do not split Chinese reliably, so every text is turned into overlapping character bigrams by this one
// function, for documents and queries alike, and stored in a `simple` tsvector, which behaves the same
// on PGlite and PostgreSQL. Pure (ARCHITECTURE rule 6).

/** Variant characters folded to one form so 台南 finds 臺南 (the official form is 臺). */
const VARIANTS: Record<string, string> = { 台: "臺", 着: "著", 裡: "裏", 綫: "線", 峯: "峰", 群: "群" };

const HAN = /\p{Script=Han}/u;
const WORD = /[\p{L}\p{N}]/u;

/** NFKC (full-width letters and digits become ASCII), lower case, variants folded. */
export function normalizeForSearch(text: string): string {
  return [...text.normalize("NFKC").toLowerCase()].map((ch) => VARIANTS[ch] ?? ch).join("");
}

/**
 * The search terms of a text: each run of Han characters gives its overlapping bigrams (a lone
 * character gives itself), each run of Latin letters or digits gives the whole word. Punctuation and
 * spaces separate runs. Duplicates are removed, order of first appearance kept.
 */
export function searchTerms(text: string): string[] {
  return [...new Set(terms(text, false))];
}

/**
 * The terms a document is indexed under: its search terms, plus the last character of each Han run.
 * A one-character query is then a prefix query (`'化':*`, see queryTerms) that finds the character
 * wherever it stands — inside a run as the start of a bigram, at a run's end as itself.
 */
export function documentTerms(text: string): string[] {
  return [...new Set(terms(text, true))];
}

/** Every occurrence, in order, duplicates kept (their count and positions feed the ranking). */
function terms(text: string, runFinals: boolean): string[] {
  const found: string[] = [];
  const normalized = normalizeForSearch(text);
  let han = "";
  let word = "";
  const flushHan = () => {
    const chars = [...han];
    if (chars.length === 1) found.push(chars[0]);
    for (let i = 0; i + 1 < chars.length; i++) found.push(chars[i] + chars[i + 1]);
    if (runFinals && chars.length > 1) found.push(chars[chars.length - 1]);
    han = "";
  };
  const flushWord = () => {
    if (word) found.push(word);
    word = "";
  };
  for (const ch of normalized) {
    if (HAN.test(ch)) {
      flushWord();
      han += ch;
    } else if (WORD.test(ch)) {
      flushHan();
      word += ch;
    } else {
      flushHan();
      flushWord();
    }
  }
  flushHan();
  flushWord();
  return found;
}

/*
 * How the database uses these (same on PGlite and PostgreSQL, whatever the server's locale, because
 * neither text passes through PostgreSQL's word parser):
 *   document: array_to_tsvector($documentTerms::text[]) — the terms become lexemes verbatim
 *   query:    search_vector @@ $query::tsquery          — tsquery input syntax, not to_tsquery()
 */

/**
 * A tsquery literal matching documents with ALL the query's terms (`mode: "all"`, a search box) or ANY
 * of them (`"any"`, "similar proposals", ranked afterwards); null when nothing in it is searchable.
 * Terms hold only letters and digits (searchTerms splits at everything else), so quoting is safe.
 */
export function queryTerms(text: string, mode: "any" | "all" = "all"): string | null {
  // A lone Han character is a prefix: it matches the bigrams it starts (and, through documentTerms,
  // itself at the end of a run).
  const list = searchTerms(text).map((t) => ([...t].length === 1 && HAN.test(t) ? `'${t}':*` : `'${t}'`));
  if (list.length === 0) return null;
  return list.join(mode === "any" ? " | " : " & ");
}

/**
 * A tsvector literal (cast with `::tsvector`) whose lexemes carry weights, so ts_rank ranks a title
 * match above a body match (issue 6): each part's terms get positions with the part's weight. Terms
 * are letters and digits only, so they need no escaping; positions are capped at PostgreSQL's 16383.
 * A term in several parts keeps each weighted position.
 */
export function weightedVector(parts: readonly { text: string; weight: "A" | "B" | "C" | "D" }[]): string {
  const positions = new Map<string, string[]>();
  let position = 0;
  for (const part of parts) {
    // Every occurrence gets its position, so a term twice in the title ranks above one there once.
    for (const term of terms(part.text, true)) {
      position = Math.min(position + 1, 16383);
      const list = positions.get(term) ?? [];
      list.push(`${position}${part.weight}`);
      positions.set(term, list);
    }
  }
  return [...positions.entries()].map(([term, list]) => `'${term}':${list.slice(0, 256).join(",")}`).join(" ");
}
