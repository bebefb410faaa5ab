// Proof that a refused request wrote nothing: a row trigger on every table of the test database
// counts each inserted, updated or deleted row in fuzz_writes, inside the writing transaction. A
// write that commits moves its table's count; a transaction that rolls back takes its counts back
// with it, so a refusal that undid its own work leaves the counts as they were. One small query
// reads them, where counting every table's rows cost a third of a second per input on PostgreSQL.
// Tables are read from the catalogue, so tables added later are covered too. Test-only: the
// trigger lives in the file's own throw-away database (tests/helpers/db.ts).
import { sql, type Kysely } from "kysely";
import type { Database } from "../../db/schema";

/** The session's idle timer is touched by any signed-in request (session.server.ts, lastSeenAt). */
export const TOUCHED_BY_ANY_REQUEST = ["sessions"];

export type Fingerprint = Record<string, string>;

/** Installs the write counter on every table; call once in the test file's beforeAll. */
export async function countWrites(db: Kysely<Database>): Promise<void> {
  await sql`create table fuzz_writes (table_name text primary key, n bigint not null)`.execute(db);
  await sql`
    create function fuzz_count_write() returns trigger language plpgsql as $$
    begin
      insert into fuzz_writes values (tg_table_name, 1) on conflict (table_name) do update set n = fuzz_writes.n + 1;
      return null;
    end $$`.execute(db);
  const { rows } = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE' and table_name not like 'kysely_%' and table_name <> 'fuzz_writes'`.execute(db);
  for (const { name } of rows) {
    await sql`create trigger fuzz_count_write after insert or update or delete on ${sql.table(name)} for each row execute function fuzz_count_write()`.execute(db);
  }
}

/** Rows written so far, per table (tables never written are absent). */
export async function fingerprint(db: Kysely<Database>, ignore: readonly string[] = []): Promise<Fingerprint> {
  const { rows } = await sql<{ tableName: string; n: string }>`select table_name as "tableName", n::text as n from fuzz_writes`.execute(db);
  const skip = new Set([...TOUCHED_BY_ANY_REQUEST, ...ignore]);
  return Object.fromEntries(rows.filter((r) => !skip.has(r.tableName)).map((r) => [r.tableName, r.n]));
}

/** The tables written between two fingerprints, with their counts; empty when nothing was written. */
export function changedTables(before: Fingerprint, after: Fingerprint): string[] {
  return Object.keys({ ...before, ...after })
    .filter((name) => before[name] !== after[name])
    .map((name) => `${name}: ${before[name] ?? 0} → ${after[name] ?? 0} rows written`);
}
