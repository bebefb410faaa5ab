// The rollup behind the counter ranking (issue 9, "Speed": "add the indexes or rollups they need"):
// one row per person and day with that day's staffed hours from the records and its case groups
// (measures.ts StaffDaySummary). The ranking measures these instead of every ticket, so a year of an
// office is ~3,700 rows instead of ~150,000 tickets. Rows are computed by the same pure function the
// record-level measures use (summarizeStaffDays), whenever records are added (importQueue), so the two
// can never disagree; tests check they give the same ranking.
import type { Kysely } from "kysely";
import { sql, type Database, type Executor } from "../db.server";
import { summarizeStaffDays, type CaseGroup, type ServiceRecord, type StaffDaySummary } from "./measures";
import type { QueueOutcome } from "./queue-csv";

const BATCH = 500;

/**
 * Recomputes the summaries of the given people's days, or of all the office's people and days. Given
 * keys, it recomputes every day of those people between the first and the last day named (a file
 * covers a run of days, so that is about what it touched): one read and one delete, not one per key.
 */
export async function refreshStaffDays(db: Executor, officeId: number, only?: { staffUserId: number; day: string }[]): Promise<number> {
  if (only && only.length === 0) return 0;
  const days = only ? only.map((k) => k.day).sort() : [];
  const staff = only ? [...new Set(only.map((k) => k.staffUserId))] : [];
  const scope = only
    ? sql`and ticket_date >= ${days[0]}::date and ticket_date <= ${days[days.length - 1]}::date and staff_user_id in (${sql.join(staff)})`
    : sql``;
  const { rows } = await sql<{ staffUserId: number; day: string; caseType: string | null; outcome: QueueOutcome; s: number | null; e: number | null; c: number | null }>`
    select staff_user_id, to_char(ticket_date, 'YYYY-MM-DD') as day, case_type, outcome,
           extract(epoch from started_at)::float8 as s, extract(epoch from ended_at)::float8 as e, extract(epoch from called_at)::float8 as c
    from queue_records
    where office_id = ${officeId} and staff_user_id is not null ${scope}`.execute(db);
  const at = (seconds: number | null) => (seconds === null ? null : new Date(seconds * 1000));
  // Only what summarizeStaffDays reads: who, which day, case type, outcome and the three times.
  const records: ServiceRecord[] = rows.map((r) => ({
    ticketDate: r.day,
    segment: 1,
    counter: "",
    staff: String(r.staffUserId),
    caseType: r.caseType,
    ticketAt: new Date(0),
    calledAt: at(r.c),
    startedAt: at(r.s),
    endedAt: at(r.e),
    outcome: r.outcome,
  }));
  const summaries = summarizeStaffDays(records);
  await sql`delete from queue_staff_days where office_id = ${officeId} ${only ? sql`and day >= ${days[0]}::date and day <= ${days[days.length - 1]}::date and staff_user_id in (${sql.join(staff)})` : sql``}`.execute(db);
  await writeStaffDays(db, officeId, summaries);
  return summaries.length;
}

/**
 * Stores summaries of person-days that have none yet: importQueue summarizes a file whose days held no
 * records before straight from the file's records, instead of reading them back (issue 10).
 * `staff` is the user id, as text.
 */
export async function writeStaffDays(db: Executor, officeId: number, summaries: readonly StaffDaySummary[]): Promise<void> {
  for (let i = 0; i < summaries.length; i += BATCH) {
    await db
      .insertInto("queueStaffDays")
      .values(
        summaries.slice(i, i + BATCH).map((d) => ({
          officeId,
          staffUserId: Number(d.staff),
          day: d.date,
          staffedHours: d.staffedHours,
          groups: JSON.stringify(d.groups.map(({ date: _date, ...g }) => g)),
        })),
      )
      .execute();
  }
}

/** Every office's summaries from its records (the migration that adds the rollup; a repair tool). */
export async function rebuildAllStaffDays(db: Kysely<Database>): Promise<void> {
  const offices = await db.selectFrom("queueRecords").select("officeId").distinct().execute();
  for (const { officeId } of offices) await refreshStaffDays(db, officeId);
}

/** The period's summaries of an office, staff by employee number (as the measures key people). */
export async function loadStaffDays(db: Executor, officeId: number, first: string, last: string): Promise<StaffDaySummary[]> {
  const rows = await db
    .selectFrom("queueStaffDays as d")
    .innerJoin("users as u", "u.id", "d.staffUserId")
    .select(["u.employeeNo", sql<string>`to_char(d.day, 'YYYY-MM-DD')`.as("day"), "d.staffedHours", "d.groups"])
    .where("d.officeId", "=", officeId)
    .where("d.day", ">=", first)
    .where("d.day", "<=", last)
    .execute();
  return rows.map((r) => ({
    staff: r.employeeNo,
    date: r.day,
    staffedHours: Number(r.staffedHours),
    groups: (r.groups as Omit<CaseGroup, "date">[]).map((g) => ({ ...g, date: r.day })),
  }));
}
