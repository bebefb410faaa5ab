import { sql, type Kysely } from "kysely";

/**
 * Counter performance (櫃台績效評比; issue 8, seed 服務遞送 1.(2)(3)): versioned case types, the queue
 * system's service records with their idempotency key, the imports that wrote them and each office's
 * remembered column mapping, staffed-hours adjustments, corrections found by the registration review
 * (審查制度), and each office's ranking settings. The rules are in app/modules/counters/*.ts.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // One row per version: a change of weight is a new row from a date, never an edit of a past one.
  await db.schema
    .createTable("case_types")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("office_id", "integer", (c) => c.notNull().references("offices.id"))
    // The name the queue export writes (戶籍謄本); the matching key of a version chain.
    .addColumn("name", "text", (c) => c.notNull().check(sql`length(trim(name)) > 0`))
    // The queue system's own code for the type, when it has one.
    .addColumn("code", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("weight", sql`numeric(6,2)`, (c) => c.notNull().check(sql`weight > 0`))
    .addColumn("standard_minutes", sql`numeric(6,1)`, (c) => c.notNull().check(sql`standard_minutes > 0`))
    .addColumn("effective_from", "date", (c) => c.notNull())
    // The day before the next version starts; null while in force.
    .addColumn("effective_to", "date")
    .addColumn("created_by", "integer", (c) => c.references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("case_types_version_uq", ["office_id", "name", "effective_from"])
    .addCheckConstraint("case_types_span", sql`effective_to is null or effective_to >= effective_from`)
    .execute();

  await db.schema
    .createTable("queue_mappings")
    .addColumn("office_id", "integer", (c) => c.primaryKey().references("offices.id"))
    .addColumn("mapping", "jsonb", (c) => c.notNull())
    .addColumn("updated_by", "integer", (c) => c.references("users.id"))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable("queue_imports")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("office_id", "integer", (c) => c.notNull().references("offices.id"))
    .addColumn("file_name", "text", (c) => c.notNull())
    .addColumn("file_sha256", "text", (c) => c.notNull())
    .addColumn("mapping", "jsonb", (c) => c.notNull())
    .addColumn("mode", "text", (c) => c.notNull().check(sql`mode in ('all_or_nothing','valid_lines')`))
    .addColumn("lines_read", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("inserted", "integer", (c) => c.notNull().defaultTo(0))
    // Valid records whose key was already stored (an earlier import of the same tickets).
    .addColumn("skipped", "integer", (c) => c.notNull().defaultTo(0))
    // Lines repeating an earlier line of the same file exactly.
    .addColumn("duplicate_lines", "integer", (c) => c.notNull().defaultTo(0))
    // The line errors of the lines left out: [{ line, field, message }].
    .addColumn("errors", "jsonb", (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn("created_by", "integer", (c) => c.references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("queue_imports_office_idx").on("queue_imports").columns(["office_id", "created_at"]).execute();
  await db.schema.createIndex("queue_imports_sha_idx").on("queue_imports").columns(["office_id", "file_sha256"]).execute();

  await db.schema
    .createTable("queue_records")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("office_id", "integer", (c) => c.notNull().references("offices.id"))
    // `office code|ticket date|ticket[#segment]` (queue-csv.ts): the same ticket imported twice is one row.
    .addColumn("idempotency_key", "text", (c) => c.notNull().unique())
    .addColumn("ticket", "text", (c) => c.notNull())
    .addColumn("ticket_date", "date", (c) => c.notNull())
    .addColumn("segment", "smallint", (c) => c.notNull().defaultTo(1).check(sql`segment >= 1`))
    .addColumn("counter_id", "integer", (c) => c.notNull().references("counters.id"))
    // Null only for a no-show the export names no clerk for.
    .addColumn("staff_user_id", "integer", (c) => c.references("users.id"))
    // The office's spelling of the case type name (case_types.name); null only for a no-show.
    .addColumn("case_type", "text")
    .addColumn("ticket_at", "timestamptz", (c) => c.notNull())
    .addColumn("called_at", "timestamptz")
    .addColumn("started_at", "timestamptz")
    .addColumn("ended_at", "timestamptz")
    .addColumn("outcome", "text", (c) => c.notNull().check(sql`outcome in ('served','no_show','transferred')`))
    .addColumn("import_id", "integer", (c) => c.references("queue_imports.id"))
    .execute();
  await db.schema.createIndex("queue_records_office_date_idx").on("queue_records").columns(["office_id", "ticket_date"]).execute();
  await db.schema.createIndex("queue_records_staff_date_idx").on("queue_records").columns(["office_id", "staff_user_id", "ticket_date"]).execute();

  // A supervisor's change to a person's staffed hours on one day (measures.ts: `set` replaces, `add` adds).
  await db.schema
    .createTable("staffed_hour_adjustments")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("office_id", "integer", (c) => c.notNull().references("offices.id"))
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("day", "date", (c) => c.notNull())
    .addColumn("hours", sql`numeric(5,2)`, (c) => c.notNull().check(sql`hours between -24 and 24`))
    .addColumn("mode", "text", (c) => c.notNull().check(sql`mode in ('set','add')`))
    .addColumn("reason", "text", (c) => c.notNull().check(sql`length(trim(reason)) > 0`))
    .addColumn("created_by", "integer", (c) => c.references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("staffed_hour_adjustments_set_nonnegative", sql`mode = 'add' or hours >= 0`)
    .execute();
  await db.schema.createIndex("staffed_hour_adjustments_office_day_idx").on("staffed_hour_adjustments").columns(["office_id", "day"]).execute();

  // 審查制度: corrections found by the registration review, per case or as a number per staff and day.
  await db.schema
    .createTable("review_corrections")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("office_id", "integer", (c) => c.notNull().references("offices.id"))
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id"))
    // The day of the corrected case (or, for a number per period, the period's last day).
    .addColumn("day", "date", (c) => c.notNull())
    // Set when the correction was entered for a whole period (`2026-11`) rather than a case.
    .addColumn("period_key", "text")
    .addColumn("count", "integer", (c) => c.notNull().defaultTo(1).check(sql`count > 0`))
    .addColumn("counter_id", "integer", (c) => c.references("counters.id"))
    .addColumn("queue_record_id", "bigint", (c) => c.references("queue_records.id"))
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_by", "integer", (c) => c.references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("review_corrections_office_day_idx").on("review_corrections").columns(["office_id", "day"]).execute();

  await db.schema
    .createTable("ranking_settings")
    .addColumn("office_id", "integer", (c) => c.primaryKey().references("offices.id"))
    // { productivity, handling, quality } (ranking.ts).
    .addColumn("weights", "jsonb", (c) => c.notNull())
    // For a month; the server scales it for longer periods (× months).
    .addColumn("min_staffed_days", "integer", (c) => c.notNull().check(sql`min_staffed_days >= 0`))
    .addColumn("shrink_k", sql`numeric(7,2)`, (c) => c.notNull().check(sql`shrink_k >= 0`))
    .addColumn("updated_by", "integer", (c) => c.references("users.id"))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ["ranking_settings", "review_corrections", "staffed_hour_adjustments", "queue_records", "queue_imports", "queue_mappings", "case_types"]) {
    await db.schema.dropTable(t).execute();
  }
}
