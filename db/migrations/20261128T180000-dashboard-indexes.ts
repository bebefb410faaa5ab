// Issue 9, "Speed": the quality dashboard filters each module's history by office and period, and the
// bureau does it for every office at once. These indexes let those grouped queries read only the
// period's rows instead of an office's whole history (EXPLAIN in the closing note).
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  // New cases per period; most-read cases per period (reads are filed by their first and last time).
  await sql`create index kb_cases_office_published_idx on kb_cases (office_id, published_at) where published_at is not null`.execute(db);
  await sql`create index kb_case_reads_first_at_idx on kb_case_reads (first_at)`.execute(db);
  await sql`create index kb_case_reads_last_at_idx on kb_case_reads (last_at)`.execute(db);
  // Acknowledgement rate and overdue circulations: mandatory circulations by office and due date.
  await sql`create index circulations_office_due_idx on circulations (office_id, due_on) where kind = 'mandatory'`.execute(db);
  // The proposals funnel and days per stage: transitions within a period (events carry no office).
  await sql`create index proposal_events_at_idx on proposal_events (at)`.execute(db);
  // Year-end summaries: an office's proposals submitted in a year.
  await sql`create index proposals_office_submitted_idx on proposals (office_id, submitted_at)`.execute(db);
  // Learning hours: an office's sessions and outside nominations.
  await sql`create index training_sessions_office_idx on training_sessions (office_id)`.execute(db);
  await sql`create index training_nominations_office_ends_idx on training_nominations (office_id, ends_on)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const name of [
    "kb_cases_office_published_idx",
    "kb_case_reads_first_at_idx",
    "kb_case_reads_last_at_idx",
    "circulations_office_due_idx",
    "proposal_events_at_idx",
    "proposals_office_submitted_idx",
    "training_sessions_office_idx",
    "training_nominations_office_ends_idx",
  ]) {
    await sql`drop index if exists ${sql.ref(name)}`.execute(db);
  }
}
