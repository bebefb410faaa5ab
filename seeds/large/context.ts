// The large-data generator's shared parts (issue 10, `npm run seed:large`): the per-office context every
// module generator receives, a deterministic random source, day arithmetic in Taipei days, and batched
// multi-row inserts. Module generators (seeds/large/<module>.ts) write through the product's own
// tables, with the states and histories the product itself would have written, so every page reads
// them as it reads real data.
import type { Insertable, Kysely } from "kysely";
import type { Database, Role } from "../../db/schema";

export interface LargePerson {
  id: number;
  employeeNo: string;
  name: string;
  roles: Role[];
}

export interface OfficeContext {
  db: Kysely<Database>;
  officeId: number;
  officeCode: string;
  /** Everyone working in the office (50 at both scales), ordered by employee number. */
  people: LargePerson[];
  directorId: number;
  supervisorIds: number[];
  /** The review committee, chair first. */
  committeeIds: number[];
  /** Deterministic for (office, module): the same data on every run. */
  rand: () => number;
  /** The first and last day of the generated history (YYYY-MM-DD, Taipei); `to` is today. */
  from: string;
  to: string;
  /** Whole years of history (1 or 5): counts of everything are per year × years. */
  years: number;
  log: (message: string) => void;
  /** COPY into a table, for the biggest tables; absent → insertBatches. */
  copy?: import("./copy").CopyRows;
}

/** mulberry32: small, fast and the same on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A stable seed from text (office code + module name). */
export function seedOf(text: string): number {
  let h = 2166136261;
  for (const ch of text) h = Math.imul(h ^ ch.codePointAt(0)!, 16777619);
  return h >>> 0;
}

export const pick = <T>(rand: () => number, items: readonly T[]): T => items[Math.floor(rand() * items.length)];
export const between = (rand: () => number, low: number, high: number) => low + Math.floor(rand() * (high - low + 1));

/** YYYY-MM-DD plus n days. */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Monday to Friday (holidays are not modelled). */
export function isWeekday(day: string): boolean {
  const w = new Date(`${day}T00:00:00Z`).getUTCDay();
  return w !== 0 && w !== 6;
}

/** A Taipei wall-clock time on a day as an instant (Taipei is UTC+8 all year). */
export function taipeiInstant(day: string, hours: number, minutes = 0, seconds = 0): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) + ((hours - 8) * 3600 + minutes * 60 + seconds) * 1000);
}

/** The first weekday on or after `day`. */
export function weekdayOnOrAfter(day: string): string {
  let d = day;
  while (!isWeekday(d)) d = addDays(d, 1);
  return d;
}

/** A Fisher–Yates shuffle of a copy, driven by the generator's random source. */
export function shuffled<T>(rand: () => number, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** A random day in [from, to]; weekdays only when asked. */
export function randomDay(rand: () => number, from: string, to: string, weekdaysOnly = true): string {
  const span = daysBetween(from, to);
  for (;;) {
    const day = addDays(from, Math.floor(rand() * (span + 1)));
    if (!weekdaysOnly || isWeekday(day)) return day;
  }
}

/** Today in Taipei. */
export const taipeiToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

const MAX_PARAMETERS = 60_000; // PostgreSQL allows 65,535 bind parameters per statement

/**
 * Multi-row inserts in batches sized by the bind-parameter limit. Returns the generated ids in row
 * order when `returning` is set (PostgreSQL returns a VALUES insert's rows in order).
 */
export async function insertBatches<T extends keyof Database & string>(
  db: Kysely<Database>,
  table: T,
  rows: Insertable<Database[T]>[],
  options: { returning?: boolean; batchRows?: number } = {},
): Promise<number[]> {
  if (rows.length === 0) return [];
  const columns = Object.keys(rows[0] as object).length || 1;
  const size = Math.max(1, Math.min(options.batchRows ?? 5_000, Math.floor(MAX_PARAMETERS / columns)));
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += size) {
    const batch = rows.slice(i, i + size);
    // Kysely's generic insert over a table chosen at run time needs one cast.
    const insert = (db as Kysely<any>).insertInto(table).values(batch as any[]);
    if (options.returning) {
      const result = (await insert.returning("id").execute()) as { id: number | string }[];
      for (const r of result) ids.push(Number(r.id));
    } else {
      await insert.execute();
    }
  }
  return ids;
}
