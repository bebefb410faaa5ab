import { sql, type Kysely } from "kysely";

/**
 * The special-case knowledge base (特殊案例彙編) and news clippings with circulation (seed 基礎服務
 * 3.(2)(4), 服務精進 2.(2); issue 6). Search vectors are written by app code from one tokenizer
 * (app/modules/search/bigrams.ts), title terms weighted above body terms.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("kb_cases")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("office_id", "integer", (c) => c.notNull().references("offices.id"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("category", "text", (c) => c.notNull())
    // 本所 (own) or 他所 (other), with that office's name as the source gave it.
    .addColumn("source", "text", (c) => c.notNull().defaultTo("own").check(sql`source in ('own','other_office')`))
    .addColumn("source_office", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("case_date", "date")
    .addColumn("facts", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("issue", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("handling", "text", (c) => c.notNull().defaultTo(""))
    // Laws and articles, and 函釋 with issuer, 文號 and date (app/modules/knowledge/case-rules.ts, LegalBasis).
    .addColumn("legal_basis", "jsonb", (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn("lessons", "text", (c) => c.notNull().defaultTo(""))
    // Markdown, rendered by app/modules/knowledge/markdown.ts (never as raw HTML).
    .addColumn("body", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("tags", "jsonb", (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    // Shared with every office once published (the 他所 cases of the seed).
    .addColumn("shared", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("state", "text", (c) => c.notNull().defaultTo("draft").check(sql`state in ('draft','in_review','published','archived')`))
    .addColumn("review_note", "text")
    .addColumn("superseded_by", "integer", (c) => c.references("kb_cases.id"))
    .addColumn("author_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("reviewer_id", "integer", (c) => c.references("users.id"))
    .addColumn("revision", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("search_vector", sql`tsvector`, (c) => c.notNull().defaultTo(sql`''::tsvector`))
    .addColumn("published_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("kb_cases_office_state_idx").on("kb_cases").columns(["office_id", "state"]).execute();
  await db.schema.createIndex("kb_cases_shared_idx").on("kb_cases").columns(["shared", "state"]).execute();
  await sql`create index kb_cases_search_idx on kb_cases using gin (search_vector)`.execute(db);

  // Designated reviewers (審核人) of an office's cases, besides its supervisors.
  await db.schema
    .createTable("kb_reviewers")
    .addColumn("office_id", "integer", (c) => c.notNull().references("offices.id"))
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("kb_reviewers_pk", ["office_id", "user_id"])
    .execute();

  // Every save keeps the whole case as it was then, with who and why.
  await db.schema
    .createTable("kb_case_revisions")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("case_id", "integer", (c) => c.notNull().references("kb_cases.id").onDelete("cascade"))
    .addColumn("revision", "integer", (c) => c.notNull())
    .addColumn("author_id", "integer", (c) => c.references("users.id"))
    .addColumn("reason", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("snapshot", "jsonb", (c) => c.notNull())
    .addColumn("at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("kb_case_revisions_case_revision_uq", ["case_id", "revision"])
    .execute();

  await db.schema
    .createTable("kb_case_reads")
    .addColumn("case_id", "integer", (c) => c.notNull().references("kb_cases.id").onDelete("cascade"))
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("first_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("last_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("count", "integer", (c) => c.notNull().defaultTo(1))
    .addPrimaryKeyConstraint("kb_case_reads_pk", ["case_id", "user_id"])
    .execute();

  // Where a case is used: as training material, and by quiz questions.
  await db.schema
    .createTable("kb_case_sessions")
    .addColumn("case_id", "integer", (c) => c.notNull().references("kb_cases.id").onDelete("cascade"))
    .addColumn("session_id", "integer", (c) => c.notNull().references("training_sessions.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("kb_case_sessions_pk", ["case_id", "session_id"])
    .execute();
  await db.schema
    .createTable("kb_case_questions")
    .addColumn("case_id", "integer", (c) => c.notNull().references("kb_cases.id").onDelete("cascade"))
    .addColumn("question_id", "integer", (c) => c.notNull().references("questions.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("kb_case_questions_pk", ["case_id", "question_id"])
    .execute();

  await db.schema
    .createTable("clippings")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("office_id", "integer", (c) => c.notNull().references("offices.id"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("outlet", "text", (c) => c.notNull())
    .addColumn("url", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("published_on", "date", (c) => c.notNull())
    // A short excerpt or summary, not the article (copyright).
    .addColumn("summary", "text", (c) => c.notNull())
    // 對本所之啟示.
    .addColumn("lesson", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("tags", "jsonb", (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    // Raised by an edit in substance: acknowledgements of an earlier version are asked again.
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("search_vector", sql`tsvector`, (c) => c.notNull().defaultTo(sql`''::tsvector`))
    .addColumn("created_by", "integer", (c) => c.references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("clippings_office_idx").on("clippings").columns(["office_id", "published_on"]).execute();
  await sql`create index clippings_search_idx on clippings using gin (search_vector)`.execute(db);

  await db.schema
    .createTable("circulations")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("clipping_id", "integer", (c) => c.notNull().references("clippings.id").onDelete("cascade"))
    .addColumn("office_id", "integer", (c) => c.notNull().references("offices.id"))
    .addColumn("audience_whole_office", "boolean", (c) => c.notNull().defaultTo(true))
    .addColumn("audience_roles", "jsonb", (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn("audience_user_ids", "jsonb", (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    // 必閱 (mandatory, with a due date) or 參閱 (for information).
    .addColumn("kind", "text", (c) => c.notNull().defaultTo("mandatory").check(sql`kind in ('mandatory','information')`))
    .addColumn("due_on", "date")
    .addColumn("closed", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_by", "integer", (c) => c.references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable("circulation_recipients")
    .addColumn("circulation_id", "integer", (c) => c.notNull().references("circulations.id").onDelete("cascade"))
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("opened_at", "timestamptz")
    .addColumn("opened_version", "integer")
    .addColumn("acknowledged_at", "timestamptz")
    // The clipping version acknowledged: an older one does not count after an edit in substance.
    .addColumn("acknowledged_version", "integer")
    .addColumn("comment", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("reminded_at", "timestamptz")
    .addPrimaryKeyConstraint("circulation_recipients_pk", ["circulation_id", "user_id"])
    .execute();
  await db.schema.createIndex("circulation_recipients_user_idx").on("circulation_recipients").columns(["user_id", "acknowledged_at"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ["circulation_recipients", "circulations", "clippings", "kb_case_questions", "kb_case_sessions", "kb_case_reads", "kb_case_revisions", "kb_reviewers", "kb_cases"]) {
    await db.schema.dropTable(t).execute();
  }
}
