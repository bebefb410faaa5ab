// Issue 8, "Counter performance": served cases entered by hand per staff, counter, day and case type
// (「手動登錄每日件數」), for days without a queue export. One row per key: a second entry for the
// same key replaces the count (the audit log keeps the earlier one). They feed measures.ts as
// `dailyTotals`: served and weighted cases and a staffed day, but no times.
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("counter_daily_totals")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("office_id", "integer", (c) => c.notNull().references("offices.id"))
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("counter_id", "integer", (c) => c.notNull().references("counters.id"))
    .addColumn("day", "date", (c) => c.notNull())
    .addColumn("case_type", "text", (c) => c.notNull().check(sql`length(trim(case_type)) > 0`))
    .addColumn("served", "integer", (c) => c.notNull().check(sql`served > 0`))
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_by", "integer", (c) => c.references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("counter_daily_totals_key", ["office_id", "user_id", "counter_id", "day", "case_type"])
    .execute();
  await db.schema.createIndex("counter_daily_totals_office_day_idx").on("counter_daily_totals").columns(["office_id", "day"]).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("counter_daily_totals").execute();
}
