// Queue-system history (櫃台績效評比): the office's case types, one import per month, every ticket of
// every weekday, and the rollups (per person-day and per office-day) computed from those tickets by the
// product's own functions — exactly what importQueue would have stored for the same files.
import { summarizeStaffDays, type ServiceRecord } from "../../app/modules/counters/measures";
import { writeOfficeDays, writeStaffDays } from "../../app/modules/counters/rollups.server";
import type { Database } from "../../db/schema";
import type { Insertable } from "kysely";
import { addDays, insertBatches, isWeekday, taipeiInstant, type OfficeContext } from "./context";

/** Name, weight, standard minutes, share of cases in %. */
export const CASE_TYPES: [string, number, number, number][] = [
  ["戶籍謄本", 1, 5, 30], ["印鑑證明", 1, 5, 14], ["遷徙登記", 2.5, 12, 14], ["身分證換補", 2, 10, 12], ["自然人憑證", 1.5, 8, 10],
  ["出生登記", 3, 15, 6], ["結婚登記", 3.5, 18, 4], ["戶口名簿", 1.2, 6, 4], ["死亡登記", 3, 15, 3], ["離婚登記", 3.5, 20, 1.5], ["分(合)戶登記", 3, 14, 1.5],
];

export interface QueueVolume {
  /** Counters open every weekday (the office's lowest-numbered combined and certificate counters). */
  countersOpen: number;
  /** Tickets per open counter and day, about. */
  ticketsPerCounter: number;
}

/** 府北's volume: 14 counters × ~41 tickets ≈ 150,000 tickets a year. */
export const FULL_OFFICE_VOLUME: QueueVolume = { countersOpen: 14, ticketsPerCounter: 41 };

export async function generate(ctx: OfficeContext): Promise<void> {
  await generateQueue(ctx, FULL_OFFICE_VOLUME);
}

export async function generateQueue(ctx: OfficeContext, volume: QueueVolume): Promise<number> {
  const { db, rand } = ctx;
  await insertBatches(
    db,
    "caseTypes",
    CASE_TYPES.map(([name, weight, standardMinutes]) => ({ officeId: ctx.officeId, name, weight, standardMinutes, effectiveFrom: ctx.from, createdBy: ctx.supervisorIds[0] ?? null })),
  );
  const counters = await db
    .selectFrom("counters")
    .select(["id", "number"])
    .where("officeId", "=", ctx.officeId)
    .where("kind", "!=", "mobile")
    .orderBy("number")
    .limit(volume.countersOpen)
    .execute();
  // The counter team: half again as many regulars as open counters, each at a counter two days in
  // three (enough staffed days for the ranking's minimum); the rest of the office works behind.
  const everyoneButChiefs = ctx.people.filter((p) => p.id !== ctx.directorId && !ctx.supervisorIds.includes(p.id));
  const clerks = everyoneButChiefs.slice(0, Math.min(everyoneButChiefs.length, Math.ceil(counters.length * 1.5)));
  const pickType = () => {
    let x = rand() * 100;
    for (const t of CASE_TYPES) if ((x -= t[3]) < 0) return t;
    return CASE_TYPES[0];
  };
  let total = 0;
  let dayIndex = 0;
  let day = ctx.from;
  while (day <= ctx.to) {
    // One month = one import file, as an office would upload it.
    const month = day.slice(0, 7);
    const rows: Insertable<Database["queueRecords"]>[] = [];
    const records: ServiceRecord[] = [];
    const [{ id: importId }] = await db
      .insertInto("queueImports")
      .values({ officeId: ctx.officeId, fileName: `${month}.csv`, fileSha256: `generated-${ctx.officeCode}-${month}`, mapping: "{}", mode: "all_or_nothing", createdBy: ctx.supervisorIds[0] ?? null })
      .returning("id")
      .execute();
    for (; day <= ctx.to && day.slice(0, 7) === month; day = addDays(day, 1)) {
      if (!isWeekday(day)) continue;
      let ticketNo = 1;
      for (const [slot, counter] of counters.entries()) {
        const clerk = clerks[(dayIndex * Math.ceil(counters.length / 2) + slot) % clerks.length];
        let t = 8 * 3600 + rand() * 180; // seconds after midnight, Taipei
        for (let k = 0; k < volume.ticketsPerCounter; k++) {
          if (t >= 12 * 3600 && t < 13.25 * 3600) t = 13.25 * 3600 + rand() * 120; // lunch
          if (t > 17.5 * 3600) break;
          const [caseType, , standard] = pickType();
          const ticketAt = taipeiInstant(day, 0, 0, Math.max(7.9 * 3600, t - 20 - rand() * 900));
          const calledAt = taipeiInstant(day, 0, 0, t - 20);
          const ticket = `A${String(ticketNo++).padStart(4, "0")}`;
          const noShow = rand() < 0.03;
          const minutes = Math.max(1.5, standard * (0.6 + rand() * 0.8));
          const startedAt = noShow ? null : taipeiInstant(day, 0, 0, t);
          const endedAt = noShow ? null : taipeiInstant(day, 0, 0, t + minutes * 60);
          const outcome = noShow ? ("no_show" as const) : ("served" as const);
          rows.push({
            officeId: ctx.officeId,
            idempotencyKey: `${ctx.officeCode}|${day}|${ticket}`,
            ticket,
            ticketDate: day,
            segment: 1,
            counterId: counter.id,
            staffUserId: clerk.id,
            caseType,
            ticketAt,
            calledAt,
            startedAt,
            endedAt,
            outcome,
            importId,
          });
          records.push({ ticketDate: day, segment: 1, counter: String(counter.id), staff: String(clerk.id), caseType, ticketAt, calledAt, startedAt, endedAt, outcome });
          t = noShow ? t + 60 : t + minutes * 60 + 30 + rand() * 240;
        }
      }
      dayIndex++;
    }
    if (ctx.copy) {
      const columns = Object.keys(rows[0] ?? {});
      await ctx.copy("queueRecords", columns, rows.map((r) => columns.map((c) => (r as Record<string, unknown>)[c])));
    } else {
      await insertBatches(db, "queueRecords", rows);
    }
    await writeStaffDays(db, ctx.officeId, summarizeStaffDays(records));
    await writeOfficeDays(db, ctx.officeId, records);
    await db.updateTable("queueImports").set({ linesRead: rows.length, inserted: rows.length }).where("id", "=", importId).execute();
    total += rows.length;
  }
  ctx.log(`${total.toLocaleString("en")} tickets`);
  return total;
}
