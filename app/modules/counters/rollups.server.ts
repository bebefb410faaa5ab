// The rollups behind the counters pages and the dashboard, kept by importQueue whenever records are
// added (refreshRollups after any other write to queue_records).
//
// queue_staff_days, behind the counter ranking (issue 9, "Speed": "add the indexes or rollups they need"):
// one row per person and day with that day's staffed hours from the records and its case groups
// (measures.ts StaffDaySummary). The ranking measures these instead of every ticket, so a year of an
// office is ~3,700 rows instead of ~150,000 tickets. Rows are computed by the same pure function the
// record-level measures use (summarizeStaffDays), whenever records are added (importQueue), so the two
// can never disagree; tests check they give the same ranking.
import type { Kysely } from "kysely";
import { sql, type Database, type Executor } from "../db.server";
import { caseGroups, summarizeCounterDays, summarizeStaffDays, type CaseGroup, type CounterDaySummary, type ServiceRecord, type StaffDaySummary } from "./measures";
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

// ------------------------------------------------------------------------------ office days
//
// queue_office_days (issue 10): one row per office and day with the day's case groups (what the
// dashboard's workload sums) and each counter's summary (measures.ts CounterDaySummary: staffed hours,
// case groups, every wait in ms). The counters page and the dashboard read these ~20 rows a month
// instead of ~12,500 tickets; the figures are equal (tests/integration/counters-db.test.ts).

/** A day's rollup row from its records; `counter` of each record is the counter's id, as text. */
function officeDayRows(officeId: number, records: readonly ServiceRecord[]) {
  const byDay = new Map<string, ServiceRecord[]>();
  for (const r of records) {
    const list = byDay.get(r.ticketDate);
    if (list) list.push(r);
    else byDay.set(r.ticketDate, [r]);
  }
  const counterDays = summarizeCounterDays(records);
  return [...byDay].map(([day, list]) => ({
    officeId,
    day,
    groups: JSON.stringify(caseGroups(list).map(({ date: _date, ...g }) => g)),
    counters: JSON.stringify(
      counterDays.filter((c) => c.date === day).map((c) => ({ counterId: Number(c.counter), staffedHours: c.staffedHours, groups: c.groups.map(({ date: _date, ...g }) => g), waitMs: c.waitMs })),
    ),
  }));
}

/**
 * Stores the rollup of days that have none yet from all their records (importQueue's file of new
 * days). `counter` of each record is the counter's id, as text.
 */
export async function writeOfficeDays(db: Executor, officeId: number, records: readonly ServiceRecord[]): Promise<void> {
  const rows = officeDayRows(officeId, records);
  for (let i = 0; i < rows.length; i += BATCH) await db.insertInto("queueOfficeDays").values(rows.slice(i, i + BATCH)).execute();
}

/** Recomputes the office's days from first to last (or all its days) from their records. */
export async function refreshOfficeDays(db: Executor, officeId: number, span?: { first: string; last: string }): Promise<void> {
  const scope = span ? sql`and q.ticket_date >= ${span.first}::date and q.ticket_date <= ${span.last}::date` : sql``;
  // One row of JSON text, as measuresFor did: PGlite hands every field over separately at a few µs each.
  const packed = await sql<{ j: string | null }>`
    select '[' || string_agg(concat('[', to_json(to_char(q.ticket_date, 'YYYY-MM-DD')), ',', q.segment, ',', q.counter_id, ',',
             coalesce(q.staff_user_id::text, 'null'), ',', coalesce(to_json(q.case_type)::text, 'null'), ',',
             floor(extract(epoch from q.ticket_at) * 1000), ',',
             coalesce(floor(extract(epoch from q.called_at) * 1000)::text, 'null'), ',',
             coalesce(floor(extract(epoch from q.started_at) * 1000)::text, 'null'), ',',
             coalesce(floor(extract(epoch from q.ended_at) * 1000)::text, 'null'), ',', to_json(q.outcome), ']'), ',') || ']' as j
      from queue_records q
     where q.office_id = ${officeId} ${scope}`.execute(db);
  type Packed = [string, number, number, number | null, string | null, number, number | null, number | null, number | null, QueueOutcome];
  const at = (ms: number | null) => (ms === null ? null : new Date(ms));
  const records: ServiceRecord[] = (JSON.parse(packed.rows[0]?.j ?? "[]") as Packed[]).map(
    ([ticketDate, segment, counterId, staffUserId, caseType, ticketAt, calledAt, startedAt, endedAt, outcome]) => ({
      ticketDate,
      segment,
      counter: String(counterId),
      staff: staffUserId === null ? null : String(staffUserId),
      caseType,
      ticketAt: new Date(ticketAt),
      calledAt: at(calledAt),
      startedAt: at(startedAt),
      endedAt: at(endedAt),
      outcome,
    }),
  );
  await sql`delete from queue_office_days where office_id = ${officeId} ${span ? sql`and day >= ${span.first}::date and day <= ${span.last}::date` : sql``}`.execute(db);
  await writeOfficeDays(db, officeId, records);
}

/** Both rollups of an office (or of a span of its days) from its records: after writing queue_records other than by importQueue. */
export async function refreshRollups(db: Executor, officeId: number, span?: { first: string; last: string }): Promise<void> {
  await refreshOfficeDays(db, officeId, span);
  if (!span) {
    await refreshStaffDays(db, officeId);
    return;
  }
  const people = await db
    .selectFrom("queueRecords")
    .select(["staffUserId", sql<string>`to_char(ticket_date, 'YYYY-MM-DD')`.as("day")])
    .distinct()
    .where("officeId", "=", officeId)
    .where("staffUserId", "is not", null)
    .where("ticketDate", ">=", span.first)
    .where("ticketDate", "<=", span.last)
    .execute();
  await refreshStaffDays(db, officeId, people.map((p) => ({ staffUserId: p.staffUserId!, day: p.day })));
}

/** Every office's day rollup from its records (the migration that adds it; a repair tool). */
export async function rebuildAllOfficeDays(db: Kysely<Database>): Promise<void> {
  const offices = await db.selectFrom("queueRecords").select("officeId").distinct().execute();
  for (const { officeId } of offices) await refreshOfficeDays(db, officeId);
}

/** The period's counter days of an office, counters by number (as the measures key them). */
export async function loadCounterDays(db: Executor, officeId: number, first: string, last: string): Promise<CounterDaySummary[]> {
  const { rows } = await sql<{ j: string | null }>`
    select '[' || string_agg(concat('[', to_json(to_char(d.day, 'YYYY-MM-DD')), ',', d.counters::text, ']'), ',') || ']' as j
      from queue_office_days d
     where d.office_id = ${officeId} and d.day >= ${first}::date and d.day <= ${last}::date`.execute(db);
  const numbers = new Map((await db.selectFrom("counters").select(["id", "number"]).where("officeId", "=", officeId).execute()).map((c) => [c.id, String(c.number)]));
  type Stored = { counterId: number; staffedHours: number; groups: Omit<CaseGroup, "date">[]; waitMs: number[] };
  return (JSON.parse(rows[0]?.j ?? "[]") as [string, Stored[]][]).flatMap(([date, counters]) =>
    counters.map((c) => ({
      counter: numbers.get(c.counterId) ?? String(c.counterId),
      date,
      staffedHours: c.staffedHours,
      groups: c.groups.map((g) => ({ ...g, date })),
      waitMs: c.waitMs,
    })),
  );
}

/** The period's summaries of an office, staff by employee number (as the measures key people). */
export async function loadStaffDays(db: Executor, officeId: number, first: string, last: string): Promise<StaffDaySummary[]> {
  // One row of JSON text (PGlite's per-field cost, as in loadCounterDays).
  const { rows } = await sql<{ j: string | null }>`
    select '[' || string_agg(concat('[', to_json(u.employee_no), ',', to_json(to_char(d.day, 'YYYY-MM-DD')), ',', d.staffed_hours, ',', d.groups::text, ']'), ',') || ']' as j
      from queue_staff_days d
      join users u on u.id = d.staff_user_id
     where d.office_id = ${officeId} and d.day >= ${first}::date and d.day <= ${last}::date`.execute(db);
  return (JSON.parse(rows[0]?.j ?? "[]") as [string, string, number, Omit<CaseGroup, "date">[]][]).map(([staff, date, staffedHours, groups]) => ({
    staff,
    date,
    staffedHours,
    groups: groups.map((g) => ({ ...g, date })),
  }));
}
