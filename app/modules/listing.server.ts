import type { SelectQueryBuilder } from "kysely";
import type { Database } from "./db.server";
import type { ListParams, Page } from "./listing";

/** Most rows a CSV export returns in one file. */
export const EXPORT_LIMIT = 50_000;

/**
 * Counts and fetches one page of an already filtered query. `orderBy` maps each sortable key to
 * the SQL expression it sorts by; ties are broken by `tiebreak` so pages never overlap.
 */
export async function fetchPage<DB extends Database, TB extends keyof DB, O, S extends string>(
  query: SelectQueryBuilder<DB, TB, O>,
  params: ListParams<S>,
  orderBy: Record<S, string>,
  tiebreak: string,
  options: { all?: boolean } = {},
): Promise<Page<O>> {
  const countRow = await query
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as("total"))
    .executeTakeFirst();
  const total = Number((countRow as { total?: number } | undefined)?.total ?? 0);
  const pageSize = options.all ? EXPORT_LIMIT : params.pageSize;
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const page = options.all ? 1 : Math.min(params.page, pageCount);
  const rows = await query
    .orderBy(orderBy[params.sort] as never, params.dir)
    .orderBy(tiebreak as never, "asc")
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { rows, total, page, pageSize, pageCount };
}
