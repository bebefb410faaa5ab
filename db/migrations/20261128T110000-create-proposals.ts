import { sql, type Kysely } from "kysely";

/**
 * Innovation proposals (業務研提意見表) and the review committee (研提案件審查小組): seed 服務精進機制
 * 1.(1)(2)(4), 開放創新/創新性 1–2; issue 4. Also the in-app notifications every module uses to tell a
 * person what now waits for them. The state machine lives in app/modules/proposals/proposal-workflow.ts.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("notifications")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("office_id", "integer", (c) => c.notNull().references("offices.id"))
    // An i18n key and its parameters, so the reader sees it in their own language.
    .addColumn("message_key", "text", (c) => c.notNull())
    .addColumn("params", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn("link", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("read_at", "timestamptz")
    .execute();
  await db.schema.createIndex("notifications_user_unread_idx").on("notifications").columns(["user_id", "read_at", "created_at"]).execute();

  await db.schema
    .createTable("proposal_settings")
    .addColumn("office_id", "integer", (c) => c.primaryKey().references("offices.id"))
    // `json`, not `jsonb`: jsonb re-orders keys, and the criteria's order is the form's and the minutes'.
    .addColumn("rubric_weights", "json", (c) => c.notNull())
    .addColumn("grade_thresholds", "jsonb", (c) => c.notNull())
    .addColumn("quorum_rule", "text", (c) => c.notNull().defaultTo("at_least_half").check(sql`quorum_rule in ('at_least_half','more_than_half')`))
    // A stage waiting longer than this is flagged in the queues (and on the dashboards).
    .addColumn("stage_alert_days", "integer", (c) => c.notNull().defaultTo(14).check(sql`stage_alert_days > 0`))
    // The yearly proposal number (115-001…) is drawn under this row's lock.
    .addColumn("last_number_year", "integer")
    .addColumn("last_number", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("updated_by", "integer", (c) => c.references("users.id"))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable("proposals")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("office_id", "integer", (c) => c.notNull().references("offices.id"))
    // 提案編號 (ROC year-sequence, e.g. 115-007), given at the first submission.
    .addColumn("reference_no", "text")
    .addColumn("proposer_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("category", "text", (c) =>
      c.notNull().check(sql`category in ('registration','information_system','innovative_service','method_process','environment')`),
    )
    .addColumn("origin", "text", (c) =>
      c.notNull().check(sql`origin in ('own','office_meeting','citizen_feedback','news','staff_survey')`),
    )
    .addColumn("problem", "text", (c) => c.notNull())
    .addColumn("method", "text", (c) => c.notNull())
    .addColumn("benefit", "text", (c) => c.notNull())
    .addColumn("estimated_cost", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("state", "text", (c) =>
      c
        .notNull()
        .defaultTo("draft")
        .check(
          sql`state in ('draft','submitted','returned','rejected','forwarded','scheduled','decided_adopted','decided_forwarded_up','decided_reference','decided_not_adopted','in_implementation','implemented','reviewed','withdrawn')`,
        ),
    )
    .addColumn("state_entered_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("submitted_at", "timestamptz")
    .addColumn("current_round_id", "integer")
    .addColumn("decision", "text", (c) => c.check(sql`decision in ('adopted','forwarded_up','reference','not_adopted','returned')`))
    .addColumn("decision_reason", "text")
    .addColumn("document_number", "text")
    .addColumn("decided_at", "timestamptz")
    .addColumn("decided_by", "integer", (c) => c.references("users.id"))
    .addColumn("owner_id", "integer", (c) => c.references("users.id"))
    .addColumn("due_date", "date")
    .addColumn("progress_percent", "integer", (c) => c.notNull().defaultTo(0).check(sql`progress_percent between 0 and 100`))
    .addColumn("effectiveness_result", "text", (c) => c.check(sql`effectiveness_result in ('achieved','partly','not_achieved')`))
    .addColumn("effectiveness_before", "text")
    .addColumn("effectiveness_after", "text")
    .addColumn("effectiveness_note", "text")
    .addColumn("reviewed_at", "timestamptz")
    .addColumn("reviewed_by", "integer", (c) => c.references("users.id"))
    // Mean committee score of the deciding round (0–100, two decimals) and the grade it earned.
    .addColumn("mean_score", sql`numeric(5,2)`)
    .addColumn("reward_grade", "text", (c) => c.check(sql`reward_grade in ('甲','乙','丙')`))
    // Character bigrams of title and text (app/modules/search/bigrams.ts) for "similar proposals".
    .addColumn("search_vector", sql`tsvector`, (c) => c.notNull().defaultTo(sql`''::tsvector`))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("proposals_office_reference_uq", ["office_id", "reference_no"])
    .execute();
  await db.schema.createIndex("proposals_office_state_idx").on("proposals").columns(["office_id", "state"]).execute();
  await db.schema.createIndex("proposals_proposer_idx").on("proposals").column("proposer_id").execute();
  await sql`create index proposals_search_idx on proposals using gin (search_vector)`.execute(db);

  await db.schema
    .createTable("proposal_co_proposers")
    .addColumn("proposal_id", "integer", (c) => c.notNull().references("proposals.id").onDelete("cascade"))
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id"))
    .addPrimaryKeyConstraint("proposal_co_proposers_pk", ["proposal_id", "user_id"])
    .execute();
  await db.schema.createIndex("proposal_co_proposers_user_idx").on("proposal_co_proposers").column("user_id").execute();

  // The timeline: every step, who, when, why. Append-only like the audit log.
  await db.schema
    .createTable("proposal_events")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("proposal_id", "integer", (c) => c.notNull().references("proposals.id").onDelete("cascade"))
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("from_state", "text")
    .addColumn("to_state", "text", (c) => c.notNull())
    .addColumn("actor_id", "integer", (c) => c.references("users.id"))
    .addColumn("reason", "text")
    .addColumn("details", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn("at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("proposal_events_proposal_idx").on("proposal_events").columns(["proposal_id", "at"]).execute();

  await db.schema
    .createTable("committee_rounds")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("office_id", "integer", (c) => c.notNull().references("offices.id"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("meeting_date", "date", (c) => c.notNull())
    .addColumn("location", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("state", "text", (c) => c.notNull().defaultTo("planned").check(sql`state in ('planned','open','closed')`))
    // 召集人 (chair) of this meeting.
    .addColumn("chair_id", "integer", (c) => c.notNull().references("users.id"))
    // The quorum rule and rubric in force when the meeting opened, so later settings do not rewrite its minutes.
    .addColumn("quorum_rule", "text", (c) => c.notNull().check(sql`quorum_rule in ('at_least_half','more_than_half')`))
    .addColumn("rubric_weights", "json", (c) => c.notNull())
    .addColumn("opened_at", "timestamptz")
    .addColumn("closed_at", "timestamptz")
    .addColumn("created_by", "integer", (c) => c.references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("committee_rounds_office_idx").on("committee_rounds").columns(["office_id", "meeting_date"]).execute();
  await sql`alter table proposals add constraint proposals_current_round_fk foreign key (current_round_id) references committee_rounds(id)`.execute(db);

  // The members of the committee for this meeting (taken when it is scheduled) and who attended.
  await db.schema
    .createTable("round_members")
    .addColumn("round_id", "integer", (c) => c.notNull().references("committee_rounds.id").onDelete("cascade"))
    .addColumn("member_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("present", "boolean", (c) => c.notNull().defaultTo(false))
    .addPrimaryKeyConstraint("round_members_pk", ["round_id", "member_id"])
    .execute();

  // The agenda: a proposal in a meeting. A proposal moved to a later meeting keeps its earlier item.
  await db.schema
    .createTable("round_items")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("round_id", "integer", (c) => c.notNull().references("committee_rounds.id").onDelete("cascade"))
    .addColumn("proposal_id", "integer", (c) => c.notNull().references("proposals.id"))
    .addColumn("position", "integer", (c) => c.notNull())
    // 代理主席 for this item when the chair is recused from it.
    .addColumn("acting_chair_id", "integer", (c) => c.references("users.id"))
    // Filled when the meeting closes (tally, per-criterion statistics) and when the chair decides.
    .addColumn("result", "jsonb")
    .addColumn("decision", "text")
    .addColumn("decision_reason", "text")
    .addColumn("moved_to_round_id", "integer", (c) => c.references("committee_rounds.id"))
    .addUniqueConstraint("round_items_round_proposal_uq", ["round_id", "proposal_id"])
    .execute();
  await db.schema.createIndex("round_items_proposal_idx").on("round_items").column("proposal_id").execute();

  // Recusals beyond the automatic ones (proposers and co-proposers are recused by rule, not by row).
  await db.schema
    .createTable("round_recusals")
    .addColumn("round_item_id", "integer", (c) => c.notNull().references("round_items.id").onDelete("cascade"))
    .addColumn("member_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("reason", "text", (c) => c.notNull().check(sql`reason in ('declared_conflict','chair_ordered')`))
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("recorded_by", "integer", (c) => c.references("users.id"))
    .addColumn("at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("round_recusals_pk", ["round_item_id", "member_id", "reason"])
    .execute();

  // One ballot per member per item: a change overwrites it (the unique key makes a double post count once).
  await db.schema
    .createTable("ballots")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("round_item_id", "integer", (c) => c.notNull().references("round_items.id").onDelete("cascade"))
    .addColumn("member_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("vote", "text", (c) => c.notNull().check(sql`vote in ('採行','修正後採行','不採行','棄權')`))
    .addColumn("comment", "text", (c) => c.notNull().defaultTo(""))
    // Criterion → points; empty for an abstention without scores.
    .addColumn("scores", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn("total", sql`numeric(6,2)`)
    .addColumn("cast_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("ballots_item_member_uq", ["round_item_id", "member_id"])
    .execute();

  await db.schema
    .createTable("proposal_progress")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("proposal_id", "integer", (c) => c.notNull().references("proposals.id").onDelete("cascade"))
    .addColumn("percent", "integer", (c) => c.notNull().check(sql`percent between 0 and 100`))
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("author_id", "integer", (c) => c.references("users.id"))
    .addColumn("at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ["proposal_progress", "ballots", "round_recusals", "round_items", "round_members"]) await db.schema.dropTable(t).execute();
  await sql`alter table proposals drop constraint proposals_current_round_fk`.execute(db);
  for (const t of ["committee_rounds", "proposal_events", "proposal_co_proposers", "proposals", "proposal_settings", "notifications"]) {
    await db.schema.dropTable(t).execute();
  }
}
