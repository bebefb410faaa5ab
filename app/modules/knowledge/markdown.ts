// The body of a special case (特殊案例) is written in Markdown and must be shown safely: issue 6,
// 「body text in Markdown rendered safely (no raw HTML, no script)」. Instead of turning Markdown into
// an HTML string and sanitizing it afterwards, this parses a small subset into a plain data tree
// (Block / Inline) that React renders element by element (components/knowledge/markdown-view.tsx).
// Text never becomes markup: raw HTML stays visible as text, and a link exists only when its address
// passed `safeHref`. Pure (ARCHITECTURE rule 6); the supported subset and the choices are tabled in
// README.md beside this file.

export type Inline =
  | { type: "text"; text: string }
  | { type: "strong"; children: Inline[] }
  | { type: "emphasis"; children: Inline[] }
  | { type: "code"; text: string }
  /**
   * `href` has passed `safeHref`. `external` (http/https) opens in a new tab. `image` marks a
   * Markdown image shown as a link to the picture (its alt text), never as an <img>.
   */
  | { type: "link"; href: string; external: boolean; image?: true; children: Inline[] }
  /** A line break inside a paragraph: every newline in the source is kept (see README: Chinese text). */
  | { type: "break" };

export interface ListItem {
  children: Inline[];
  /** One level of nesting; items indented deeper join this same sub-list. */
  sublist: ListBlock | null;
}

export interface ListBlock {
  type: "list";
  ordered: boolean;
  /** The number of the first item of an ordered list (1 for bullets). */
  start: number;
  items: ListItem[];
}

export type Block =
  | { type: "paragraph"; children: Inline[] }
  /** `#` → 1, `##` → 2, `###` (and deeper, clamped) → 3. */
  | { type: "heading"; level: 1 | 2 | 3; children: Inline[] }
  | ListBlock
  | { type: "blockquote"; children: Block[] }
  /** Fenced code: `text` is exactly the lines between the fences. */
  | { type: "codeBlock"; lang: string | null; text: string }
  | { type: "rule" };

// ---------------------------------------------------------------------------------------------
// Link addresses

// C0 controls, space, DEL and C1 controls: browsers drop tabs and newlines inside a URL
// ("java\tscript:" runs as javascript:), so an address holding any of them is refused outright.
// Bidi controls and zero-width characters would make a shown address differ from the real one.
const CONTROL_OR_SPACE = /[\u0000-\u0020\u007f-\u009f\u00a0\u1680\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\ufeff]/u;

/**
 * The address if it may be a link, else null. An allow-list, not a block-list: `http:`, `https:`,
 * `mailto:` (any letter case) and site paths starting with a single "/". Everything else —
 * `javascript:`, `vbscript:`, `data:`, `file:`, protocol-relative `//host`, `/\host` (browsers read
 * "\" as "/"), `javascript&#58;…` (entities are never decoded, so it has no allowed scheme), `#frag`
 * and bare relative paths — is refused and the link is shown as its text.
 */
export function safeHref(raw: string): { href: string; external: boolean } | null {
  const href = raw.trim();
  if (href === "" || CONTROL_OR_SPACE.test(href) || href.includes("\\")) return null;
  if (/^https?:\/\/[^/?#]/i.test(href)) return { href, external: true };
  if (/^mailto:[^@]+@[^@]+$/i.test(href)) return { href, external: false };
  if (href.startsWith("/") && !href.startsWith("//")) return { href, external: false };
  return null;
}

// ---------------------------------------------------------------------------------------------
// Blocks

const MAX_QUOTE_DEPTH = 8;

const FENCE = /^ {0,3}(`{3,}|~{3,})\s*([^`\s]*)[^`]*$/;
const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const RULE = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const QUOTE = /^ {0,3}>[ \t]?(.*)$/;
const ITEM = /^([ \t]*)(?:([-*+])|(\d{1,9})[.)])(?:[ \t]+(.*))?$/;

interface ItemLine {
  indent: number;
  ordered: boolean;
  number: number;
  content: string;
}

function indentWidth(spaces: string): number {
  let width = 0;
  for (const ch of spaces) width += ch === "\t" ? 4 - (width % 4) : 1;
  return width;
}

function itemLine(line: string): ItemLine | null {
  const m = ITEM.exec(line);
  if (!m) return null;
  // "-" alone is an empty item, but "---" is a rule and "**bold**" is not an item.
  if (m[4] === undefined && line.trim().length > 2) return null;
  if (RULE.test(line)) return null;
  return { indent: indentWidth(m[1]), ordered: m[3] !== undefined, number: m[3] ? Number(m[3]) : 1, content: m[4] ?? "" };
}

const blank = (line: string) => line.trim() === "";

/** Lines that start a block of their own and so end a paragraph. */
function startsBlock(line: string): boolean {
  return FENCE.test(line) || HEADING.test(line) || RULE.test(line) || QUOTE.test(line) || itemLine(line) !== null;
}

function parseLines(lines: string[], depth: number): Block[] {
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (blank(line)) {
      i++;
      continue;
    }

    const fence = FENCE.exec(line);
    if (fence) {
      const marker = fence[1];
      const lang = /^[A-Za-z0-9_+#.-]{1,30}$/.test(fence[2]) ? fence[2] : null;
      const body: string[] = [];
      i++;
      // The closing fence is the same character, at least as long; an unclosed fence runs to the end.
      const closing = new RegExp(`^ {0,3}${marker[0] === "`" ? "`" : "~"}{${marker.length},}[ \\t]*$`);
      while (i < lines.length && !closing.test(lines[i])) body.push(lines[i++]);
      i++;
      blocks.push({ type: "codeBlock", lang, text: body.join("\n") });
      continue;
    }

    const heading = HEADING.exec(line);
    if (heading) {
      const level = Math.min(heading[1].length, 3) as 1 | 2 | 3;
      blocks.push({ type: "heading", level, children: parseInline(heading[2] ?? "") });
      i++;
      continue;
    }

    if (RULE.test(line)) {
      blocks.push({ type: "rule" });
      i++;
      continue;
    }

    if (QUOTE.test(line)) {
      const inner: string[] = [];
      // A quote runs over its ">" lines and lazily over following text lines, until a blank line.
      while (i < lines.length && !blank(lines[i])) {
        const q = QUOTE.exec(lines[i]);
        if (q) inner.push(q[1]);
        else if (!startsBlock(lines[i])) inner.push(lines[i]);
        else break;
        i++;
      }
      // Deeper than MAX_QUOTE_DEPTH the ">" are left as text: bounded recursion whatever the input.
      if (depth >= MAX_QUOTE_DEPTH) blocks.push({ type: "paragraph", children: parseInline(inner.join("\n")) });
      else blocks.push({ type: "blockquote", children: parseLines(inner, depth + 1) });
      continue;
    }

    const first = itemLine(line);
    if (first) {
      const [list, next] = parseList(lines, i, first);
      blocks.push(list);
      i = next;
      continue;
    }

    const para: string[] = [];
    while (i < lines.length && !blank(lines[i]) && (para.length === 0 || !startsBlock(lines[i]))) para.push(lines[i++]);
    blocks.push({ type: "paragraph", children: parseInline(para.map((l) => l.trim()).join("\n")) });
  }
  return blocks;
}

/**
 * A list: consecutive items of one kind (bullets or numbers; a change of kind starts a new list).
 * An item indented two or more columns past the list's own items is a sub-item; text lines
 * continue the item above them; a blank line followed by an item of the same kind keeps the list.
 */
function parseList(lines: string[], from: number, first: ItemLine): [ListBlock, number] {
  const list: ListBlock = { type: "list", ordered: first.ordered, start: first.ordered ? first.number : 1, items: [] };
  const baseIndent = first.indent;
  let texts: string[] = [];
  let current: ListItem | null = null;
  let subTexts: string[] | null = null;
  let subCurrent: ListItem | null = null;

  const flushSub = () => {
    if (subCurrent && subTexts) subCurrent.children = parseInline(subTexts.join("\n"));
    subCurrent = null;
    subTexts = null;
  };
  const flush = () => {
    flushSub();
    if (current) current.children = parseInline(texts.join("\n"));
    current = null;
    texts = [];
  };

  let i = from;
  while (i < lines.length) {
    const line = lines[i];
    if (blank(line)) {
      // Look past blank lines: the list goes on only if an item (or an indented line) follows.
      let j = i;
      while (j < lines.length && blank(lines[j])) j++;
      const next = j < lines.length ? itemLine(lines[j]) : null;
      const continues = next && (next.indent >= baseIndent + 2 || next.ordered === list.ordered);
      if (!continues) break;
      i = j;
      continue;
    }
    const item = itemLine(line);
    if (item && item.indent >= baseIndent + 2 && current) {
      const parent: ListItem = current;
      if (!parent.sublist) parent.sublist = { type: "list", ordered: item.ordered, start: item.ordered ? item.number : 1, items: [] };
      flushSub();
      subCurrent = { children: [], sublist: null };
      subTexts = [item.content.trim()];
      parent.sublist.items.push(subCurrent);
      i++;
      continue;
    }
    if (item) {
      if (item.ordered !== list.ordered) break;
      flush();
      current = { children: [], sublist: null };
      texts = [item.content.trim()];
      list.items.push(current);
      i++;
      continue;
    }
    // A text line: it continues the item above it unless it starts another kind of block.
    if (startsBlock(line)) break;
    if (subTexts) subTexts.push(line.trim());
    else texts.push(line.trim());
    i++;
  }
  flush();
  return [list, i];
}

/** The Markdown text as a tree of blocks; never throws, whatever the input. */
export function parseMarkdown(text: string): Block[] {
  const lines = text.replace(/\r\n?/g, "\n").replace(/\u0000/g, "\ufffd").split("\n");
  return parseLines(lines, 0);
}

// ---------------------------------------------------------------------------------------------
// Inline

type Delim = { type: "delim"; count: number; canOpen: boolean; canClose: boolean };
type Item = Inline | Delim;

const ASCII_PUNCT = /[!-/:-@[-`{-~]/;
const WHITESPACE = /\s/u;

/**
 * A bare web address in running text. It stops at the first character outside printable ASCII,
 * so 「請見https://www.ris.gov.tw。」 links only the address and not the Chinese after it.
 */
const BARE_URL = /^https?:\/\/[!-~]+/i;

function trimBareUrl(url: string): string {
  let end = url.length;
  for (;;) {
    const last = url[end - 1];
    if (/[.,:;!?'"*_~]/.test(last)) end--;
    else if (last === ")" && count(url.slice(0, end), "(") < count(url.slice(0, end), ")")) end--;
    else if (last === "<" || last === ">") end--;
    else break;
  }
  return url.slice(0, end);
}

const count = (s: string, ch: string) => s.split(ch).length - 1;

/** Where the `]` closing the `[` at `open` is, skipping escapes and code spans; -1 if none. */
function closingBracket(src: string, open: number): number {
  let depth = 0;
  for (let i = open; i < src.length; i++) {
    const ch = src[i];
    if (ch === "\\") i++;
    else if (ch === "`") {
      const run = /^`+/.exec(src.slice(i))![0];
      const end = src.indexOf(run, i + run.length);
      if (end >= 0) i = end + run.length - 1;
    } else if (ch === "[") depth++;
    else if (ch === "]" && --depth === 0) return i;
  }
  return -1;
}

/** `(destination "optional title")` starting at `at`; the title is read and dropped. */
function linkDestination(src: string, at: number): { url: string; end: number } | null {
  if (src[at] !== "(") return null;
  let i = at + 1;
  while (src[i] === " " || src[i] === "\t") i++;
  let url = "";
  if (src[i] === "<") {
    const close = src.indexOf(">", i);
    if (close < 0 || src.slice(i, close).includes("\n")) return null;
    url = src.slice(i + 1, close);
    i = close + 1;
  } else {
    let depth = 0;
    const start = i;
    for (; i < src.length; i++) {
      const ch = src[i];
      if (ch === "\\" && i + 1 < src.length) i++;
      else if (ch === "(") depth++;
      else if (ch === ")") {
        if (depth === 0) break;
        depth--;
      } else if (/\s/.test(ch)) break;
    }
    url = src.slice(start, i).replace(/\\([!-/:-@[-`{-~])/g, "$1");
  }
  while (src[i] === " " || src[i] === "\t" || src[i] === "\n") i++;
  const quote = src[i];
  if (quote === '"' || quote === "'" || quote === "(") {
    const close = src.indexOf(quote === "(" ? ")" : quote, i + 1);
    if (close < 0) return null;
    i = close + 1;
    while (src[i] === " " || src[i] === "\t" || src[i] === "\n") i++;
  }
  if (src[i] !== ")") return null;
  return { url, end: i + 1 };
}

/** Inline Markdown as nodes. `inLink`: link text, where a nested link is kept as its text only. */
export function parseInline(src: string, inLink = false): Inline[] {
  const items: Item[] = [];
  let text = "";
  const pushText = (t: string) => {
    text += t;
  };
  const flushText = () => {
    if (text) items.push({ type: "text", text });
    text = "";
  };
  const push = (node: Item) => {
    flushText();
    items.push(node);
  };

  let i = 0;
  while (i < src.length) {
    const ch = src[i];

    if (ch === "\\" && i + 1 < src.length && ASCII_PUNCT.test(src[i + 1])) {
      pushText(src[i + 1]);
      i += 2;
      continue;
    }

    if (ch === "\n") {
      // Trailing spaces before a newline are not content.
      text = text.replace(/[ \t]+$/, "");
      push({ type: "break" });
      i++;
      while (src[i] === " " || src[i] === "\t") i++;
      continue;
    }

    if (ch === "`") {
      const run = /^`+/.exec(src.slice(i))![0];
      let close = src.indexOf(run, i + run.length);
      // The closing run must be exactly as long (a longer run is not a closer).
      while (close >= 0 && src[close + run.length] === "`") {
        let k = close;
        while (src[k] === "`") k++;
        close = src.indexOf(run, k);
      }
      if (close < 0) {
        pushText(run);
        i += run.length;
        continue;
      }
      let code = src.slice(i + run.length, close).replace(/\n/g, " ");
      if (code.length > 2 && code.startsWith(" ") && code.endsWith(" ") && code.trim() !== "") code = code.slice(1, -1);
      push({ type: "code", text: code });
      i = close + run.length;
      continue;
    }

    if (ch === "<") {
      // <https://…> and <mailto:…> / <name@host> are links; anything else in angle brackets,
      // raw HTML included, is ordinary text.
      const m = /^<([^<>\s]+)>/.exec(src.slice(i));
      if (m) {
        // Only a scheme or an e-mail address makes an autolink: </script> is not a link to "/script".
        const target = /^[^@/:]+@[^@/:]+\.[^@/:]+$/.test(m[1]) ? `mailto:${m[1]}` : /^(https?|mailto):/i.test(m[1]) ? m[1] : "";
        const safe = inLink || !target ? null : safeHref(target);
        if (safe) {
          push({ type: "link", ...safe, children: [{ type: "text", text: m[1] }] });
          i += m[0].length;
          continue;
        }
      }
      pushText("<");
      i++;
      continue;
    }

    if (ch === "!" && src[i + 1] === "[") {
      const close = closingBracket(src, i + 1);
      const dest = close >= 0 ? linkDestination(src, close + 1) : null;
      if (dest) {
        // Images are never loaded (an <img> would fetch from anywhere and leak who read the case):
        // the alt text is shown, as a link to the picture when its address is safe.
        const alt = plainInline(parseInline(src.slice(i + 2, close), true)).trim() || "圖片";
        const safe = inLink ? null : safeHref(dest.url);
        if (safe) push({ type: "link", ...safe, image: true, children: [{ type: "text", text: alt }] });
        else pushText(alt);
        i = dest.end;
        continue;
      }
    }

    if (ch === "[") {
      const close = closingBracket(src, i);
      const dest = close >= 0 ? linkDestination(src, close + 1) : null;
      if (dest) {
        const children = parseInline(src.slice(i + 1, close), true);
        const safe = inLink ? null : safeHref(dest.url);
        if (safe) push({ type: "link", ...safe, children });
        else {
          // An unsafe address is dropped and the link text stays as text.
          flushText();
          items.push(...children);
        }
        i = dest.end;
        continue;
      }
    }

    if (ch === "*") {
      let end = i;
      while (src[end] === "*") end++;
      const before = i > 0 ? src[i - 1] : "";
      const after = end < src.length ? src[end] : "";
      // Simpler than CommonMark's flanking rules on purpose: those treat 「」，。 as punctuation
      // and refuse **「重要」**後 — everyday in Chinese text. Here a run opens unless followed by a
      // space and closes unless preceded by one.
      push({
        type: "delim",
        count: end - i,
        canOpen: after !== "" && !WHITESPACE.test(after),
        canClose: before !== "" && !WHITESPACE.test(before),
      });
      i = end;
      continue;
    }

    if ((ch === "h" || ch === "H") && !inLink && !/[A-Za-z0-9]/.test(src[i - 1] ?? "")) {
      const m = BARE_URL.exec(src.slice(i));
      if (m) {
        const url = trimBareUrl(m[0]);
        const safe = safeHref(url);
        if (safe) {
          push({ type: "link", ...safe, children: [{ type: "text", text: url }] });
          i += url.length;
          continue;
        }
      }
    }

    pushText(ch);
    i++;
  }
  flushText();
  return resolveEmphasis(items);
}

/**
 * Pairs `*` runs into emphasis (one star) and strong (two), innermost first, the way CommonMark's
 * "process emphasis" does: each closer takes the nearest opener before it; the delimiters between
 * them were unmatched and become text; a run of three gives strong inside emphasis.
 */
function resolveEmphasis(items: Item[]): Inline[] {
  let bottom = 0;
  let c = 0;
  while (c < items.length) {
    const closer = items[c];
    if (closer.type !== "delim" || !closer.canClose || closer.count === 0) {
      c++;
      continue;
    }
    let o = c - 1;
    while (o >= bottom) {
      const opener = items[o];
      if (opener.type === "delim" && opener.canOpen && opener.count > 0) break;
      o--;
    }
    if (o < bottom) {
      // No opener before this closer now or later: later searches stop here (linear time).
      bottom = c;
      c++;
      continue;
    }
    const opener = items[o] as Delim;
    const use = opener.count >= 2 && closer.count >= 2 ? 2 : 1;
    const children = finish(items.slice(o + 1, c));
    const node: Inline = use === 2 ? { type: "strong", children } : { type: "emphasis", children };
    opener.count -= use;
    closer.count -= use;
    items.splice(o + 1, c - o - 1, node);
    c = o + 2;
    if (opener.count === 0) {
      items.splice(o, 1);
      c--;
    }
    if (closer.count === 0) items.splice(c, 1);
  }
  return finish(items);
}

/** Unmatched delimiters become text; neighbouring texts are joined. */
function finish(items: Item[]): Inline[] {
  const out: Inline[] = [];
  for (const item of items) {
    const node: Inline = item.type === "delim" ? { type: "text", text: "*".repeat(item.count) } : item;
    if (node.type === "text" && node.text === "") continue;
    const last = out[out.length - 1];
    if (node.type === "text" && last?.type === "text") out[out.length - 1] = { type: "text", text: last.text + node.text };
    else out.push(node);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Plain text

function plainInline(nodes: Inline[]): string {
  return nodes
    .map((n) => {
      switch (n.type) {
        case "text":
        case "code":
          return n.text;
        case "break":
          return "\n";
        default:
          return plainInline(n.children);
      }
    })
    .join("");
}

function plainBlocks(blocks: Block[]): string[] {
  const out: string[] = [];
  for (const b of blocks) {
    switch (b.type) {
      case "paragraph":
      case "heading":
        out.push(plainInline(b.children));
        break;
      case "list":
        for (const item of b.items) {
          out.push(plainInline(item.children));
          if (item.sublist) out.push(...plainBlocks([item.sublist]));
        }
        break;
      case "blockquote":
        out.push(...plainBlocks(b.children));
        break;
      case "codeBlock":
        out.push(b.text);
        break;
      case "rule":
        break;
    }
  }
  return out;
}

/**
 * The words a reader sees, without Markdown marks, for the search index and result excerpts:
 * one block per line, link and image texts without their addresses, code verbatim.
 */
export function markdownToPlainText(text: string): string {
  return plainBlocks(parseMarkdown(text))
    .filter((line) => line !== "")
    .join("\n");
}
