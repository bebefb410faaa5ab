import { sql, type Kysely } from "kysely";

/**
 * Legal quizzes (seed 基礎服務 3.(3)): a versioned question bank per office, quizzes drawing fixed or
 * random questions, attempts that pin the exact version shown, and their answers.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("questions")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("office_id", "integer", (c) => c.notNull().references("offices.id"))
    // GIFT `// [id:…]` (Moodle idnumber): re-importing the same id updates this question.
    .addColumn("external_id", "text", (c) => c.notNull())
    .addColumn("category", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("current_version_id", "integer")
    .addColumn("active", "boolean", (c) => c.notNull().defaultTo(true))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("questions_office_external_uq", ["office_id", "external_id"])
    .execute();
  await db.schema.createIndex("questions_office_category_idx").on("questions").columns(["office_id", "category"]).execute();

  await db.schema
    .createTable("question_versions")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("question_id", "integer", (c) => c.notNull().references("questions.id").onDelete("cascade"))
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("type", "text", (c) =>
      c.notNull().check(sql`type in ('multichoice','truefalse','shortanswer','numerical','matching','essay','description')`),
    )
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("general_feedback", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("tags", "jsonb", (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    // The whole parsed question (question-types.ts, without `line`): answers, weights, feedback.
    .addColumn("body", "jsonb", (c) => c.notNull())
    // Hash of the body: an unchanged re-import makes no new version.
    .addColumn("content_hash", "text", (c) => c.notNull())
    .addColumn("created_by", "integer", (c) => c.references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("question_versions_question_version_uq", ["question_id", "version"])
    .execute();
  await sql`alter table questions add constraint questions_current_version_fk foreign key (current_version_id) references question_versions(id)`.execute(db);

  await db.schema
    .createTable("quizzes")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("office_id", "integer", (c) => c.notNull().references("offices.id"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("selection", "text", (c) => c.notNull().check(sql`selection in ('fixed','random')`))
    .addColumn("shuffle_questions", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("shuffle_answers", "boolean", (c) => c.notNull().defaultTo(true))
    .addColumn("time_limit_minutes", "integer", (c) => c.check(sql`time_limit_minutes > 0`))
    .addColumn("opens_at", "timestamptz")
    .addColumn("closes_at", "timestamptz")
    // 0 = unlimited
    .addColumn("attempts_allowed", "integer", (c) => c.notNull().defaultTo(1).check(sql`attempts_allowed >= 0`))
    .addColumn("grading", "text", (c) => c.notNull().defaultTo("highest").check(sql`grading in ('highest','last')`))
    .addColumn("pass_percent", "integer", (c) => c.notNull().defaultTo(60).check(sql`pass_percent between 0 and 100`))
    .addColumn("feedback_timing", "text", (c) => c.notNull().defaultTo("after_submit").check(sql`feedback_timing in ('after_submit','after_close')`))
    .addColumn("audience", "text", (c) => c.notNull().defaultTo("office").check(sql`audience in ('office','roles','people')`))
    .addColumn("audience_roles", "jsonb", (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn("published", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("created_by", "integer", (c) => c.references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("quizzes_office_idx").on("quizzes").columns(["office_id", "opens_at"]).execute();

  await db.schema
    .createTable("quiz_questions")
    .addColumn("quiz_id", "integer", (c) => c.notNull().references("quizzes.id").onDelete("cascade"))
    .addColumn("question_id", "integer", (c) => c.notNull().references("questions.id"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("points", "numeric", (c) => c.notNull().defaultTo(1))
    .addPrimaryKeyConstraint("quiz_questions_pk", ["quiz_id", "question_id"])
    .execute();

  await db.schema
    .createTable("quiz_random_rules")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("quiz_id", "integer", (c) => c.notNull().references("quizzes.id").onDelete("cascade"))
    // A category path; its sub-categories count too.
    .addColumn("category", "text", (c) => c.notNull())
    .addColumn("count", "integer", (c) => c.notNull().check(sql`count > 0`))
    .execute();

  await db.schema
    .createTable("quiz_audience_people")
    .addColumn("quiz_id", "integer", (c) => c.notNull().references("quizzes.id").onDelete("cascade"))
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id"))
    .addPrimaryKeyConstraint("quiz_audience_people_pk", ["quiz_id", "user_id"])
    .execute();

  await db.schema
    .createTable("quiz_attempts")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("office_id", "integer", (c) => c.notNull().references("offices.id"))
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id"))
    // Practice (自我練習) attempts have no quiz and never count in a quiz's statistics.
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('quiz','practice')`))
    .addColumn("quiz_id", "integer", (c) => c.references("quizzes.id"))
    .addColumn("attempt_no", "integer", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull().defaultTo("in_progress").check(sql`state in ('in_progress','submitted')`))
    .addColumn("started_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    // Set by the server from the time limit and the closing time; past it, the attempt is submitted as saved.
    .addColumn("deadline_at", "timestamptz")
    .addColumn("submitted_at", "timestamptz")
    .addColumn("score", "numeric")
    .addColumn("max_score", "numeric", (c) => c.notNull().defaultTo(0))
    .addColumn("percent", "numeric")
    .addColumn("passed", "boolean")
    .addCheckConstraint("quiz_attempts_kind_quiz_ck", sql`(kind = 'quiz') = (quiz_id is not null)`)
    .execute();
  await sql`create unique index quiz_attempts_quiz_user_no_uq on quiz_attempts (quiz_id, user_id, attempt_no) where quiz_id is not null`.execute(db);
  await db.schema.createIndex("quiz_attempts_user_idx").on("quiz_attempts").columns(["user_id", "started_at"]).execute();

  await db.schema
    .createTable("attempt_items")
    .addColumn("attempt_id", "integer", (c) => c.notNull().references("quiz_attempts.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    // The exact version shown: later edits of the question never change this attempt.
    .addColumn("question_version_id", "integer", (c) => c.notNull().references("question_versions.id"))
    .addColumn("points", "numeric", (c) => c.notNull().defaultTo(1))
    // Display order of the choices (indexes into the version's answers) when answers are shuffled.
    .addColumn("choice_order", "jsonb")
    .addColumn("response", "jsonb")
    .addColumn("answered_at", "timestamptz")
    // Share of the points earned, 0..1; null until graded (essays, unanswered before submit).
    .addColumn("fraction", "numeric")
    .addPrimaryKeyConstraint("attempt_items_pk", ["attempt_id", "position"])
    .execute();
  await db.schema.createIndex("attempt_items_version_idx").on("attempt_items").column("question_version_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ["attempt_items", "quiz_attempts", "quiz_audience_people", "quiz_random_rules", "quiz_questions", "quizzes"]) {
    await db.schema.dropTable(t).execute();
  }
  await sql`alter table questions drop constraint questions_current_version_fk`.execute(db);
  await db.schema.dropTable("question_versions").execute();
  await db.schema.dropTable("questions").execute();
}
