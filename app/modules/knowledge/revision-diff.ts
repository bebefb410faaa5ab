// Two revisions of a special case side by side (issue 6: 「Every save keeps a revision with its author and
// reason; two revisions can be compared side by side」). Per field, lines are matched by their longest
// common subsequence; a removed line facing an added one is one "changed" row, and inside it the
// characters are diffed again, because Chinese has no spaces to diff words by. Pure (ARCHITECTURE
// rule 6): the server loads the two revision rows and passes their fields here.

export interface Segment {
  text: string;
  /** True for the characters that differ from the other side. */
  changed: boolean;
}

export type RowKind = "same" | "changed" | "added" | "removed";

export interface DiffRow {
  kind: RowKind;
  /** The older revision's line (null for an added line). */
  left: Segment[] | null;
  /** The newer revision's line (null for a removed line). */
  right: Segment[] | null;
  /** 1-based line numbers within the field, for the gutter. */
  leftLine: number | null;
  rightLine: number | null;
}

export interface FieldDiff {
  key: string;
  label: string;
  changed: boolean;
  rows: DiffRow[];
}

export type RevisionValue = string | readonly string[] | null | undefined;

/** The fields of a case revision in page order, with the labels the comparison page shows. */
export const CASE_DIFF_FIELDS: readonly { key: string; label: string }[] = [
  { key: "title", label: "標題" },
  { key: "category", label: "業務類別" },
  { key: "facts", label: "案情" },
  { key: "issue", label: "爭點" },
  { key: "handling", label: "處理方式" },
  { key: "legalBasis", label: "法令依據" },
  { key: "lessons", label: "經驗與提醒" },
  { key: "body", label: "內文" },
  { key: "tags", label: "標籤" },
];

/**
 * Above this many table cells (lines × lines, or characters × characters) the diff gives up on
 * matching and shows the whole block as removed and added: a few MB at most, whatever was pasted.
 */
const MAX_CELLS = 4_000_000;

/** A field's lines: a list is one line per element (tags, legal bases); text is split at newlines. */
export function toLines(value: RevisionValue): string[] {
  if (value == null) return [];
  if (typeof value !== "string") return [...value];
  const text = value.replace(/\r\n?/g, "\n").replace(/\n+$/, "");
  return text === "" ? [] : text.split("\n");
}

type Op<T> = { op: "equal" | "delete" | "insert"; item: T };

/**
 * The edit script from `a` to `b` by longest common subsequence, with the common prefix and suffix
 * trimmed first (most revisions touch a few lines). Deletions come before insertions in each gap,
 * so a side-by-side view can pair them.
 */
export function diffSequences<T>(a: readonly T[], b: readonly T[]): Op<T>[] {
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const head: Op<T>[] = a.slice(0, pre).map((item) => ({ op: "equal", item }));
  const tail: Op<T>[] = a.slice(a.length - suf).map((item) => ({ op: "equal", item }));
  const ma = a.slice(pre, a.length - suf);
  const mb = b.slice(pre, b.length - suf);
  const n = ma.length;
  const m = mb.length;

  const middle: Op<T>[] = [];
  if (n * m > MAX_CELLS) {
    for (const item of ma) middle.push({ op: "delete", item });
    for (const item of mb) middle.push({ op: "insert", item });
    return [...head, ...middle, ...tail];
  }
  // lcs[i][j] = length of the LCS of ma[i..] and mb[j..], in one flat array.
  const w = m + 1;
  const lcs = new Uint32Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * w + j] = ma[i] === mb[j] ? lcs[(i + 1) * w + j + 1] + 1 : Math.max(lcs[(i + 1) * w + j], lcs[i * w + j + 1]);
    }
  }
  let i = 0;
  let j = 0;
  const dels: Op<T>[] = [];
  const ins: Op<T>[] = [];
  const flushGap = () => {
    middle.push(...dels, ...ins);
    dels.length = 0;
    ins.length = 0;
  };
  while (i < n || j < m) {
    if (i < n && j < m && ma[i] === mb[j]) {
      flushGap();
      middle.push({ op: "equal", item: ma[i] });
      i++;
      j++;
    } else if (j >= m || (i < n && lcs[(i + 1) * w + j] >= lcs[i * w + j + 1])) {
      dels.push({ op: "delete", item: ma[i++] });
    } else {
      ins.push({ op: "insert", item: mb[j++] });
    }
  }
  flushGap();
  return [...head, ...middle, ...tail];
}

/** Adjacent segments with the same flag are joined; empty ones dropped. */
function joinSegments(parts: Segment[]): Segment[] {
  const out: Segment[] = [];
  for (const p of parts) {
    if (p.text === "") continue;
    const last = out[out.length - 1];
    if (last && last.changed === p.changed) last.text += p.text;
    else out.push({ ...p });
  }
  return out;
}

const whole = (text: string, changed: boolean): Segment[] => (text === "" ? [] : [{ text, changed }]);

/**
 * Two versions of one line, diffed character by character (code points, so a rare character
 * outside the BMP — common in personal names, e.g. 𡘙 — is never split in half). A single common
 * character stranded between changes (a 的 or 之 in a rewritten sentence) is counted as changed
 * so the line reads as runs, not confetti; and when little is shared at all (under 40%) the lines
 * are shown as wholly changed.
 */
export function diffChars(a: string, b: string): { left: Segment[]; right: Segment[] } {
  if (a === b) return { left: whole(a, false), right: whole(b, false) };
  const ca = Array.from(a);
  const cb = Array.from(b);
  const ops = diffSequences(ca, cb);

  // Group into runs of equal / non-equal and turn a one-character equal run between changes into change.
  type Run = { equal: boolean; ops: Op<string>[] };
  const runs: Run[] = [];
  for (const op of ops) {
    const equal = op.op === "equal";
    const last = runs[runs.length - 1];
    if (last && last.equal === equal) last.ops.push(op);
    else runs.push({ equal, ops: [op] });
  }
  for (let r = 1; r < runs.length - 1; r++) {
    if (runs[r].equal && runs[r].ops.length === 1) runs[r].equal = false;
  }

  let common = 0;
  const left: Segment[] = [];
  const right: Segment[] = [];
  for (const run of runs) {
    for (const op of run.ops) {
      if (run.equal) {
        common++;
        left.push({ text: op.item, changed: false });
        right.push({ text: op.item, changed: false });
      } else if (op.op === "equal") {
        left.push({ text: op.item, changed: true });
        right.push({ text: op.item, changed: true });
      } else if (op.op === "delete") left.push({ text: op.item, changed: true });
      else right.push({ text: op.item, changed: true });
    }
  }
  if ((2 * common) / (ca.length + cb.length) < 0.4) return { left: whole(a, true), right: whole(b, true) };
  return { left: joinSegments(left), right: joinSegments(right) };
}

/** Side-by-side rows for two versions of one field. */
export function diffLines(a: readonly string[], b: readonly string[]): DiffRow[] {
  const ops = diffSequences(a, b);
  const rows: DiffRow[] = [];
  let leftNo = 0;
  let rightNo = 0;
  let k = 0;
  while (k < ops.length) {
    if (ops[k].op === "equal") {
      const text = ops[k].item;
      rows.push({ kind: "same", left: whole(text, false), right: whole(text, false), leftLine: ++leftNo, rightLine: ++rightNo });
      k++;
      continue;
    }
    // A gap: its deletions, then its insertions (diffSequences' order). The i-th removed line faces
    // the i-th added one as a changed row; the rest stand alone.
    const dels: string[] = [];
    const ins: string[] = [];
    while (k < ops.length && ops[k].op === "delete") dels.push(ops[k++].item);
    while (k < ops.length && ops[k].op === "insert") ins.push(ops[k++].item);
    const paired = Math.min(dels.length, ins.length);
    for (let p = 0; p < Math.max(dels.length, ins.length); p++) {
      if (p < paired) {
        const { left, right } = diffChars(dels[p], ins[p]);
        rows.push({ kind: "changed", left, right, leftLine: ++leftNo, rightLine: ++rightNo });
      } else if (p < dels.length) {
        rows.push({ kind: "removed", left: whole(dels[p], true), right: null, leftLine: ++leftNo, rightLine: null });
      } else {
        rows.push({ kind: "added", left: null, right: whole(ins[p], true), leftLine: null, rightLine: ++rightNo });
      }
    }
  }
  return rows;
}

/**
 * The comparison of two revisions (`a` older, `b` newer), one entry per field in the given order.
 * A field missing from a revision counts as empty; an unchanged field has only "same" rows (the
 * page may fold it).
 */
export function diffRevisions(
  a: Readonly<Record<string, RevisionValue>>,
  b: Readonly<Record<string, RevisionValue>>,
  fields: readonly { key: string; label: string }[],
): FieldDiff[] {
  return fields.map(({ key, label }) => {
    const rows = diffLines(toLines(a[key]), toLines(b[key]));
    return { key, label, changed: rows.some((r) => r.kind !== "same"), rows };
  });
}
