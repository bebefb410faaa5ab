// Server-side list state lives in the URL (?q=&sort=&dir=&page=&size=&f.<column>=), so a table
// view can be bookmarked, shared and works without JavaScript. Pure parsing, no I/O.

export const PAGE_SIZES = [10, 20, 50, 100] as const;

export interface ListParams<S extends string> {
  q: string;
  sort: S;
  dir: "asc" | "desc";
  page: number;
  pageSize: number;
  filters: Record<string, string>;
}

export function parseListParams<S extends string>(
  url: URL,
  options: { sortable: readonly S[]; defaultSort: S; defaultDir?: "asc" | "desc"; filters?: readonly string[] },
): ListParams<S> {
  const p = url.searchParams;
  const sortParam = p.get("sort") as S | null;
  const sort = sortParam && options.sortable.includes(sortParam) ? sortParam : options.defaultSort;
  const dirParam = p.get("dir");
  const dir = dirParam === "asc" || dirParam === "desc" ? dirParam : (options.defaultDir ?? "asc");
  const sizeParam = Number(p.get("size"));
  const pageSize = (PAGE_SIZES as readonly number[]).includes(sizeParam) ? sizeParam : 20;
  const pageParam = Math.floor(Number(p.get("page")));
  const page = Number.isFinite(pageParam) && pageParam >= 1 ? pageParam : 1;
  const filters: Record<string, string> = {};
  for (const name of options.filters ?? []) {
    const value = p.get(`f.${name}`)?.trim();
    if (value) filters[name] = value.slice(0, 100);
  }
  return { q: (p.get("q") ?? "").trim().slice(0, 100), sort, dir, page, pageSize, filters };
}

export interface Page<T> {
  rows: T[];
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
}

/** Escapes LIKE wildcards so a typed % or _ is searched for literally. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** RFC 4180 CSV with a BOM so Excel opens Traditional Chinese correctly; formula-leading cells are
 * prefixed with ' against CSV injection (OWASP). */
export function toCsv(header: string[], rows: (string | number | boolean | null | undefined)[][]): string {
  const cell = (v: string | number | boolean | null | undefined) => {
    let s = v === null || v === undefined ? "" : String(v);
    if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return "\uFEFF" + [header, ...rows].map((r) => r.map(cell).join(",")).join("\r\n") + "\r\n";
}
