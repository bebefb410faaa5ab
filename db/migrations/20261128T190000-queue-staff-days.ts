// Issue 9, "Speed": the counter ranking's rollup, one row per person and day (staffed hours and case
// groups), kept by importQueue; see app/modules/counters/rollups.server.ts. Existing records are
// summarized here so that a database imported before this migration ranks the same as before.
import { sql, type Kysely } from "kysely";
import { rebuildAllStaffDays } from "../../app/modules/counters/rollups.server";
import type { Database } from "../schema";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table queue_staff_days (
      office_id integer not null references offices (id),
      staff_user_id integer not null references users (id),
      day date not null,
      staffed_hours double precision not null,
      groups jsonb not null,
      primary key (office_id, day, staff_user_id)
    )`.execute(db);
  await rebuildAllStaffDays(db as unknown as Kysely<Database>);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table queue_staff_days`.execute(db);
}
