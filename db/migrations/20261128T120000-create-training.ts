import { sql, type Kysely } from "kysely";

/**
 * Training sessions and yearly learning hours (seed 基礎服務 3.(1), 服務友善 5; issue 5): sessions with
 * one or more dates, enrolments with their status history, e-learning records to verify, outside
 * training (遴派), the office's yearly targets, and each person's calendar feed token. The rules are
 * in app/modules/training/*.ts.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("training_sessions")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("office_id", "integer", (c) => c.notNull().references("offices.id"))
    .addColumn("kind", "text", (c) =>
      c.notNull().check(sql`kind in ('professional','experience_sharing','law_quiz_review','phone_etiquette','external')`),
    )
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("instructor", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("place", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("credited_hours", sql`numeric(5,1)`, (c) => c.notNull().check(sql`credited_hours >= 0`))
    // null: no limit.
    .addColumn("capacity", "integer", (c) => c.check(sql`capacity > 0`))
    .addColumn("audience_whole_office", "boolean", (c) => c.notNull().defaultTo(true))
    .addColumn("audience_roles", "jsonb", (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn("required", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("approval_required", "boolean", (c) => c.notNull().defaultTo(false))
    // Links to materials: [{ label, url }].
    .addColumn("materials", "jsonb", (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn("status", "text", (c) => c.notNull().defaultTo("scheduled").check(sql`status in ('scheduled','cancelled')`))
    .addColumn("cancel_reason", "text")
    .addColumn("created_by", "integer", (c) => c.references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable("training_session_dates")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("session_id", "integer", (c) => c.notNull().references("training_sessions.id").onDelete("cascade"))
    .addColumn("starts_at", "timestamptz", (c) => c.notNull())
    .addColumn("ends_at", "timestamptz", (c) => c.notNull())
    .addCheckConstraint("training_session_dates_order", sql`ends_at > starts_at`)
    .execute();
  await db.schema.createIndex("training_session_dates_start_idx").on("training_session_dates").columns(["starts_at"]).execute();
  await db.schema.createIndex("training_session_dates_session_idx").on("training_session_dates").columns(["session_id"]).execute();

  await db.schema
    .createTable("training_audience_people")
    .addColumn("session_id", "integer", (c) => c.notNull().references("training_sessions.id").onDelete("cascade"))
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id"))
    .addPrimaryKeyConstraint("training_audience_people_pk", ["session_id", "user_id"])
    .execute();

  // One enrolment per person and session; its history says how it got where it is.
  await db.schema
    .createTable("enrolments")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("session_id", "integer", (c) => c.notNull().references("training_sessions.id").onDelete("cascade"))
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("status", "text", (c) =>
      c.notNull().check(sql`status in ('requested','booked','waitlisted','cancelled','attended','partly_attended','absent','excused')`),
    )
    // When the current status began (for the waitlist: when the person joined it).
    .addColumn("since", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("required", "boolean", (c) => c.notNull().defaultTo(false))
    // Hours present, for partly_attended.
    .addColumn("hours", sql`numeric(5,1)`)
    .addUniqueConstraint("enrolments_session_user_uq", ["session_id", "user_id"])
    .execute();
  await db.schema.createIndex("enrolments_user_idx").on("enrolments").columns(["user_id"]).execute();

  await db.schema
    .createTable("enrolment_history")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("enrolment_id", "integer", (c) => c.notNull().references("enrolments.id").onDelete("cascade"))
    .addColumn("from_status", "text")
    .addColumn("to_status", "text", (c) => c.notNull())
    .addColumn("event", "text", (c) => c.notNull())
    .addColumn("hours", sql`numeric(5,1)`)
    .addColumn("reason", "text")
    .addColumn("actor_id", "integer", (c) => c.references("users.id"))
    .addColumn("at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("enrolment_history_enrolment_idx").on("enrolment_history").columns(["enrolment_id", "at"]).execute();

  await db.schema
    .createTable("elearning_records")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("office_id", "integer", (c) => c.notNull().references("offices.id"))
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("platform", "text", (c) => c.notNull())
    .addColumn("course", "text", (c) => c.notNull())
    .addColumn("hours", sql`numeric(5,1)`, (c) => c.notNull().check(sql`hours > 0`))
    .addColumn("completed_on", "date", (c) => c.notNull())
    .addColumn("certificate_number", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("status", "text", (c) => c.notNull().defaultTo("pending").check(sql`status in ('pending','approved','returned')`))
    .addColumn("review_reason", "text")
    .addColumn("reviewed_by", "integer", (c) => c.references("users.id"))
    .addColumn("reviewed_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("elearning_records_user_idx").on("elearning_records").columns(["user_id", "completed_on"]).execute();
  await db.schema.createIndex("elearning_records_office_status_idx").on("elearning_records").columns(["office_id", "status"]).execute();

  // 遴派: outside training a person is nominated to, and its outcome.
  await db.schema
    .createTable("training_nominations")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("office_id", "integer", (c) => c.notNull().references("offices.id"))
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("course", "text", (c) => c.notNull())
    .addColumn("organiser", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("starts_on", "date", (c) => c.notNull())
    .addColumn("ends_on", "date", (c) => c.notNull())
    .addColumn("hours", sql`numeric(5,1)`, (c) => c.notNull().check(sql`hours >= 0`))
    .addColumn("outcome", "text", (c) => c.notNull().defaultTo("nominated").check(sql`outcome in ('nominated','completed','not_completed','withdrawn')`))
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("nominated_by", "integer", (c) => c.references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("training_nominations_dates", sql`ends_on >= starts_on`)
    .execute();

  await db.schema
    .createTable("training_targets")
    .addColumn("office_id", "integer", (c) => c.notNull().references("offices.id"))
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("total_hours", sql`numeric(5,1)`, (c) => c.notNull().check(sql`total_hours >= 0`))
    .addColumn("digital_hours", sql`numeric(5,1)`, (c) => c.notNull().check(sql`digital_hours >= 0`))
    .addColumn("updated_by", "integer", (c) => c.references("users.id"))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("training_targets_pk", ["office_id", "year"])
    .addCheckConstraint("training_targets_digital_part", sql`digital_hours <= total_hours`)
    .execute();

  // The secret address of a person's calendar feed: only its SHA-256 is kept; a new one revokes the old.
  await db.schema
    .createTable("calendar_feed_tokens")
    .addColumn("user_id", "integer", (c) => c.primaryKey().references("users.id").onDelete("cascade"))
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    "calendar_feed_tokens",
    "training_targets",
    "training_nominations",
    "elearning_records",
    "enrolment_history",
    "enrolments",
    "training_audience_people",
    "training_session_dates",
    "training_sessions",
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
