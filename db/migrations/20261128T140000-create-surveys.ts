import { sql, type Kysely } from "kysely";

/**
 * Semiannual employee surveys whose anonymity is a property of the tables (issue 7; seed 服務精進機制
 * 1.(3), 服務評價 4). Who took part (survey_participation: round, user, done — no time) is stored apart
 * from what was answered (survey_responses: a random uuid, the round, the answers — no user, no
 * session, no time). Drafts are tied to their author only until submission (or the round's end).
 * See app/modules/surveys/README.md, "Anonymity design".
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("survey_settings")
    .addColumn("office_id", "integer", (c) => c.primaryKey().references("offices.id"))
    .addColumn("score_threshold", "integer", (c) => c.notNull().defaultTo(5).check(sql`score_threshold >= 3`))
    .addColumn("comment_threshold", "integer", (c) => c.notNull().defaultTo(10))
    .addCheckConstraint("survey_settings_thresholds", sql`comment_threshold >= score_threshold`)
    .execute();

  await db.schema
    .createTable("survey_rounds")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("office_id", "integer", (c) => c.notNull().references("offices.id"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("half", "integer", (c) => c.notNull().check(sql`half in (1, 2)`))
    // The questions, locked when the round opens (stable ids compare periods).
    .addColumn("template", "json", (c) => c.notNull())
    .addColumn("demographics", "json", (c) => c.notNull().defaultTo(sql`'[]'::json`))
    .addColumn("thresholds", "json", (c) => c.notNull())
    .addColumn("opens_on", "date", (c) => c.notNull())
    .addColumn("closes_on", "date", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull().defaultTo("planned").check(sql`state in ('planned','open','closed')`))
    .addColumn("created_by", "integer", (c) => c.references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("survey_rounds_office_period_uq", ["office_id", "year", "half"])
    .addCheckConstraint("survey_rounds_dates", sql`closes_on >= opens_on`)
    .execute();

  // Who took part: one row per audience member from the opening; no time, no answer, no response id.
  await db.schema
    .createTable("survey_participation")
    .addColumn("round_id", "integer", (c) => c.notNull().references("survey_rounds.id").onDelete("cascade"))
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("submitted", "boolean", (c) => c.notNull().defaultTo(false))
    .addPrimaryKeyConstraint("survey_participation_pk", ["round_id", "user_id"])
    .execute();

  // Answers in progress, the author's until submission (then deleted in the same transaction).
  await db.schema
    .createTable("survey_drafts")
    .addColumn("round_id", "integer", (c) => c.notNull().references("survey_rounds.id").onDelete("cascade"))
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("answers", "json", (c) => c.notNull())
    .addColumn("demographics", "json", (c) => c.notNull().defaultTo(sql`'{}'::json`))
    .addPrimaryKeyConstraint("survey_drafts_pk", ["round_id", "user_id"])
    .execute();

  // What was answered: a random id (crypto.randomUUID, no default), the round, the answers. Nothing else.
  await db.schema
    .createTable("survey_responses")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("round_id", "integer", (c) => c.notNull().references("survey_rounds.id").onDelete("cascade"))
    .addColumn("answers", "json", (c) => c.notNull())
    .addColumn("demographics", "json", (c) => c.notNull().defaultTo(sql`'{}'::json`))
    .execute();
  await db.schema.createIndex("survey_responses_round_idx").on("survey_responses").column("round_id").execute();

  // 改善對策: what the office will do about a round's results.
  await db.schema
    .createTable("survey_action_items")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("round_id", "integer", (c) => c.notNull().references("survey_rounds.id").onDelete("cascade"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("owner_id", "integer", (c) => c.references("users.id"))
    .addColumn("due_on", "date")
    .addColumn("status", "text", (c) => c.notNull().defaultTo("open").check(sql`status in ('open','in_progress','done')`))
    .addColumn("proposal_id", "integer", (c) => c.references("proposals.id"))
    .addColumn("created_by", "integer", (c) => c.references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ["survey_action_items", "survey_responses", "survey_drafts", "survey_participation", "survey_rounds", "survey_settings"]) {
    await db.schema.dropTable(t).execute();
  }
}
