// Issue 10, benchmarks: the counters page and the dashboard measured every ticket of the period
// (a month of an office is ~12,500; the dashboard's year trend ~750,000). One row per office and day
// now holds the day's case groups and each counter's summary (staffed hours, case groups, every wait),
// kept by importQueue; see app/modules/counters/rollups.server.ts. Existing records are summarized here.
import { sql, type Kysely } from "kysely";
import { rebuildAllOfficeDays } from "../../app/modules/counters/rollups.server";
import type { Database } from "../schema";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table queue_office_days (
      office_id integer not null references offices (id),
      day date not null,
      groups jsonb not null,
      counters jsonb not null,
      primary key (office_id, day)
    )`.execute(db);
  await rebuildAllOfficeDays(db as unknown as Kysely<Database>);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table queue_office_days`.execute(db);
}
