// Reads the counter-performance pages need beside counters.server.ts (issue 8): the office's people
// and counters for the settings forms, the latest month with records (the ranking page's default
// period), a person's score over the last months (the trend on demand), and the recent imports,
// adjustments and corrections. Scoped by office in every where clause (ARCHITECTURE rule 4).
import { sql, type Executor } from "../db.server";
import { measuresFor, rankingFor } from "./counters.server";
import { addDays, parsePeriodKey, periodOf, taipeiDate, type Period } from "./periods";

const dateText = (column: string) => sql<string>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`;

/** People of the office (by their office or a role there), for the adjustment and correction forms. */
export async function listOfficePeople(db: Executor, officeId: number) {
  return db
    .selectFrom("users as u")
    .select(["u.id", "u.employeeNo", "u.name"])
    .where("u.active", "=", true)
    .where((eb) =>
      eb.or([
        eb("u.officeId", "=", officeId),
        eb.exists(eb.selectFrom("userRoles as r").select("r.userId").whereRef("r.userId", "=", "u.id").where("r.officeId", "=", officeId)),
      ]),
    )
    .orderBy("u.employeeNo")
    .execute();
}

export async function listOfficeCounters(db: Executor, officeId: number) {
  return db.selectFrom("counters").select(["id", "number", "label"]).where("officeId", "=", officeId).orderBy("number").execute();
}

/** The month of the office's latest queue record, or the current Taipei month when it has none. */
export async function defaultPeriodKey(db: Executor, officeId: number): Promise<string> {
  const row = await db
    .selectFrom("queueOfficeDays")
    .select(sql<string | null>`to_char(max(day), 'YYYY-MM-DD')`.as("day"))
    .where("officeId", "=", officeId)
    .executeTakeFirst();
  return periodOf(row?.day ?? taipeiDate(new Date()), "month").key;
}

export interface TrendPoint {
  key: string;
  label: string;
  rank: number | null;
  score: number | null;
  reason: string | null;
  served: number;
}

/**
 * A person's monthly score over the `months` months ending with the month that contains the end of
 * `period` (oldest first). Each month is ranked as the ranking page ranks it, so the bars match.
 */
export async function scoreTrend(db: Executor, officeId: number, userId: number, period: Period, months = 6): Promise<TrendPoint[]> {
  const keys = trendMonths(period, months);
  const points: TrendPoint[] = [];
  for (const key of keys) {
    const ranking = await rankingFor(db, officeId, key);
    const row = ranking.rows.find((r) => r.userId === userId);
    points.push({ key, label: parsePeriodKey(key)!.label, rank: row?.rank ?? null, score: row?.score ?? null, reason: row?.notRankedReason ?? null, served: row?.served ?? 0 });
  }
  return points;
}

/** The keys of the `months` months ending with the month that contains the end of `period`, oldest first. */
function trendMonths(period: Period, months: number): string[] {
  const keys: string[] = [];
  let day = period.last;
  for (let i = 0; i < months; i += 1) {
    const month = periodOf(day, "month");
    keys.unshift(month.key);
    day = addDays(month.first, -1);
  }
  return keys;
}

export interface CounterTrendPoint {
  key: string;
  label: string;
  served: number;
  weightedCases: number;
  /** Mean waiting minutes of the month's tickets at the counter; null without tickets. */
  waitMean: number | null;
  waitTickets: number;
}

/**
 * A counter's monthly served cases, weighted cases and mean waiting time over the `months` months
 * ending with the month that contains the end of `period` (oldest first), measured as the counters
 * table measures them, so the last bar matches the table's row for a month.
 */
export async function counterTrend(db: Executor, officeId: number, counterNumber: string, period: Period, months = 6): Promise<CounterTrendPoint[]> {
  const points: CounterTrendPoint[] = [];
  for (const key of trendMonths(period, months)) {
    const measures = await measuresFor(db, officeId, key);
    const row = measures.counters.find((c) => c.counter === counterNumber);
    points.push({
      key,
      label: parsePeriodKey(key)!.label,
      served: row?.served ?? 0,
      weightedCases: row?.weightedCases ?? 0,
      waitMean: row?.waiting.meanMinutes ?? null,
      waitTickets: row?.waiting.tickets ?? 0,
    });
  }
  return points;
}

/** The office's counter with that number (a counter of another office, or none, is not found). */
export async function officeCounter(db: Executor, officeId: number, number: number) {
  return (await listOfficeCounters(db, officeId)).find((c) => Number(c.number) === number) ?? null;
}

/** Whether a person belongs to the office (a trend of another office's person is not found). */
export async function officePerson(db: Executor, officeId: number, userId: number) {
  return (await listOfficePeople(db, officeId)).find((p) => p.id === userId) ?? null;
}

export async function listRecentImports(db: Executor, officeId: number, limit = 10) {
  const rows = await db
    .selectFrom("queueImports as i")
    .leftJoin("users as u", "u.id", "i.createdBy")
    .select(["i.id", "i.fileName", "i.mode", "i.linesRead", "i.inserted", "i.skipped", "i.createdAt", "u.name as createdBy"])
    .where("i.officeId", "=", officeId)
    .orderBy("i.createdAt", "desc")
    .orderBy("i.id", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, createdAt: new Date(r.createdAt).toISOString() }));
}

export async function listRecentAdjustments(db: Executor, officeId: number, limit = 20) {
  const rows = await db
    .selectFrom("staffedHourAdjustments as a")
    .innerJoin("users as u", "u.id", "a.userId")
    .select(["a.id", "u.employeeNo", "u.name", dateText("a.day").as("day"), "a.mode", "a.hours", "a.reason"])
    .where("a.officeId", "=", officeId)
    .orderBy("a.createdAt", "desc")
    .orderBy("a.id", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, hours: Number(r.hours) }));
}

export async function listRecentCorrections(db: Executor, officeId: number, limit = 20) {
  return db
    .selectFrom("reviewCorrections as r")
    .innerJoin("users as u", "u.id", "r.userId")
    .leftJoin("counters as c", "c.id", "r.counterId")
    .select(["r.id", "u.employeeNo", "u.name", dateText("r.day").as("day"), "r.periodKey", "r.count", "c.number as counter", "r.note"])
    .where("r.officeId", "=", officeId)
    .orderBy("r.createdAt", "desc")
    .orderBy("r.id", "desc")
    .limit(limit)
    .execute();
}
