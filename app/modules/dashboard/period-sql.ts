// SQL that files a row under its period, so one grouped query returns a whole trend (issue 9: "no query
// per row"). Dates are Taipei calendar dates; an instant is read in Asia/Taipei first.
import { sql, type RawBuilder } from "kysely";
import type { PeriodKind } from "../counters/periods";

/** The Taipei calendar date of a `timestamptz` column or expression. */
export function taipeiDateSql(instant: RawBuilder<unknown> | string): RawBuilder<string> {
  const expr = typeof instant === "string" ? sql.ref(instant) : instant;
  return sql<string>`(${expr} at time zone 'Asia/Taipei')::date`;
}

/**
 * The period key (`2026-11`, `2026-Q4`, `2026-H2`, `2026`) of a `date` expression, matching
 * `parsePeriodKey` in counters/periods.ts. Pass `sql.ref("d.day")` or `taipeiDateSql("a.submitted_at")`.
 */
export function periodKeySql(kind: PeriodKind, date: RawBuilder<unknown>): RawBuilder<string> {
  switch (kind) {
    case "month":
      return sql<string>`to_char(${date}, 'YYYY-MM')`;
    case "quarter":
      return sql<string>`to_char(${date}, 'YYYY') || '-Q' || to_char(${date}, 'Q')`;
    case "half_year":
      return sql<string>`to_char(${date}, 'YYYY') || case when extract(month from ${date}) <= 6 then '-H1' else '-H2' end`;
    case "year":
      return sql<string>`to_char(${date}, 'YYYY')`;
  }
}

/** `in (…)` values as bound parameters: `where office_id in (${sqlList(officeIds)})`. */
export function sqlList(values: readonly (number | string)[]): RawBuilder<unknown> {
  return sql.join(values.map((v) => sql`${v}`));
}

/** Rows grouped by office and a key (a period key, a stage) as office → key → value. */
export function byOfficeAndKey<T>(rows: readonly Record<string, unknown>[], key: string, value: (row: Record<string, unknown>) => T): Map<number, Map<string, T>> {
  const result = new Map<number, Map<string, T>>();
  for (const row of rows) {
    const officeId = Number(row.officeId);
    const byKey = result.get(officeId) ?? new Map<string, T>();
    byKey.set(String(row[key]), value(row));
    result.set(officeId, byKey);
  }
  return result;
}
