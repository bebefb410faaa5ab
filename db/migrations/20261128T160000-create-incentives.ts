import { sql, type Kysely } from "kysely";

/**
 * Incentive scoring (獎勵機制; issue 8, seed 服務精進機制 1.(4)): versioned rules per office, the
 * entries that earn points (manual, monthly CSV, counter ranks, proposal grades) with their approval,
 * closed periods with their frozen scoreboard, and each office's reward thresholds. The rules are in
 * app/modules/incentives/rules.ts.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // One row per version: a change is a new row from a date; an old row only ever gets its end date.
  await db.schema
    .createTable("incentive_rules")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("office_id", "integer", (c) => c.notNull().references("offices.id"))
    .addColumn("item", "text", (c) => c.notNull().check(sql`length(trim(item)) > 0`))
    .addColumn("label", "text", (c) => c.notNull())
    // { kind: per_unit, pointsPerUnit } | { kind: rank, points: {1: 5} } | { kind: grade, points: {甲: 5} } | { kind: points }
    .addColumn("scoring", "jsonb", (c) => c.notNull())
    .addColumn("cap_per_period", sql`numeric(8,2)`, (c) => c.check(sql`cap_per_period is null or cap_per_period >= 0`))
    .addColumn("period_kind", "text", (c) => c.notNull().check(sql`period_kind in ('month','quarter','half_year','year')`))
    .addColumn("effective_from", "date", (c) => c.notNull())
    .addColumn("effective_to", "date")
    .addColumn("created_by", "integer", (c) => c.references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("incentive_rules_version_uq", ["office_id", "item", "effective_from"])
    .addCheckConstraint("incentive_rules_span", sql`effective_to is null or effective_to >= effective_from`)
    .execute();

  await db.schema
    .createTable("incentive_entries")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("office_id", "integer", (c) => c.notNull().references("offices.id"))
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("item", "text", (c) => c.notNull())
    // The day the work belongs to: it selects the rule version and the period.
    .addColumn("entry_date", "date", (c) => c.notNull())
    .addColumn("quantity", sql`numeric(10,2)`)
    .addColumn("rank", "integer", (c) => c.check(sql`rank is null or rank >= 1`))
    .addColumn("grade", "text")
    .addColumn("points", sql`numeric(8,2)`)
    .addColumn("source", "text", (c) => c.notNull().check(sql`source in ('manual','csv','counter_ranking','proposal')`))
    // `counter_ranking:2026-10:<user>` or `proposal:<id>`: generating twice adds nothing.
    .addColumn("source_ref", "text")
    .addColumn("status", "text", (c) => c.notNull().defaultTo("pending").check(sql`status in ('pending','approved','rejected')`))
    .addColumn("approved_by", "integer", (c) => c.references("users.id"))
    .addColumn("approved_at", "timestamptz")
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    // Approved after a closed period containing its date had closed (shown apart from the frozen figures).
    .addColumn("adjustment", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("created_by", "integer", (c) => c.references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("incentive_entries_office_date_idx").on("incentive_entries").columns(["office_id", "entry_date"]).execute();
  await db.schema.createIndex("incentive_entries_source_uq").on("incentive_entries").columns(["office_id", "source_ref"]).unique().where(sql.ref("source_ref"), "is not", null).execute();

  await db.schema
    .createTable("incentive_periods")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("office_id", "integer", (c) => c.notNull().references("offices.id"))
    .addColumn("period_key", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('month','quarter','half_year','year')`))
    .addColumn("first_day", "date", (c) => c.notNull())
    .addColumn("last_day", "date", (c) => c.notNull())
    .addColumn("closed_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("closed_by", "integer", (c) => c.references("users.id"))
    // The scoreboard as it stood at the closing (rows with rank, total, breakdown).
    .addColumn("scoreboard", "jsonb", (c) => c.notNull())
    .addUniqueConstraint("incentive_periods_uq", ["office_id", "period_key"])
    .execute();

  await db.schema
    .createTable("incentive_settings")
    .addColumn("office_id", "integer", (c) => c.primaryKey().references("offices.id"))
    // [{ reward: 嘉獎一次, minPoints: 20 }, …], lowest first.
    .addColumn("reward_thresholds", "jsonb", (c) => c.notNull())
    .addColumn("updated_by", "integer", (c) => c.references("users.id"))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["incentive_settings", "incentive_periods", "incentive_entries", "incentive_rules"]) await db.schema.dropTable(table).execute();
}
