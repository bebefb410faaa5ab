// Issue 10, benchmarks: the rollups' JSON columns are only ever read whole, as text, by the counters
// page (rollups.server.ts packs a month into one row of JSON text). Turning jsonb back into text cost
// about 45 ms a month on PGlite (~0.8 µs a value); `json` keeps the text as written, so it costs
// nothing. The dashboard's json_to_recordset over the day groups reads them as easily.
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table queue_staff_days alter column groups type json using groups::json`.execute(db);
  await sql`alter table queue_office_days alter column groups type json using groups::json, alter column counters type json using counters::json`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table queue_staff_days alter column groups type jsonb using groups::jsonb`.execute(db);
  await sql`alter table queue_office_days alter column groups type jsonb using groups::jsonb, alter column counters type jsonb using counters::jsonb`.execute(db);
}
