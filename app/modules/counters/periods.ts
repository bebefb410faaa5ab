// Reporting periods (月、季、半年、年) and Taipei calendar dates for counter measures and incentive
// scoreboards. Issue 8: "Measures per staff, counter and period (month, quarter, half-year, year)"
// and "Scoreboards per month, quarter, half-year, year". Pure (ARCHITECTURE rule 6).
//
// A period is a pair of calendar dates in Asia/Taipei (first and last day, inclusive), so a ticket
// taken at 2026-11-30T16:30Z (1 December, 00:30 in Taipei) belongs to December.

/** The office's time zone: every day, month and year here is a Taipei one. */
export const OFFICE_TIME_ZONE = "Asia/Taipei";

export const PERIOD_KINDS = ["month", "quarter", "half_year", "year"] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export const PERIOD_KIND_LABELS: Record<PeriodKind, string> = {
  month: "月",
  quarter: "季",
  half_year: "半年",
  year: "年",
};

export interface Period {
  kind: PeriodKind;
  /** Stable key for URLs and storage: `2026-11`, `2026-Q4`, `2026-H2`, `2026`. */
  key: string;
  /** First calendar day, `YYYY-MM-DD`. */
  first: string;
  /** Last calendar day, inclusive, `YYYY-MM-DD`. */
  last: string;
  /** zh-TW label with the ROC year: 民國115年11月, 民國115年第4季, 民國115年下半年, 民國115年. */
  label: string;
}

const ymdFormatter = new Intl.DateTimeFormat("en-CA", { timeZone: OFFICE_TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" });
const rocYearFormatter = new Intl.DateTimeFormat("zh-TW-u-ca-roc", { timeZone: "UTC", year: "numeric" });
const rocMonthFormatter = new Intl.DateTimeFormat("zh-TW-u-ca-roc", { timeZone: "UTC", year: "numeric", month: "long" });

/** The Taipei calendar date of an instant, `YYYY-MM-DD` (Intl; en-CA prints ISO order). */
export function taipeiDate(instant: Date): string {
  if (Number.isNaN(instant.getTime())) throw new RangeError("taipeiDate: invalid date");
  return ymdFormatter.format(instant);
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `date` is a real calendar date written `YYYY-MM-DD` (2026-02-30 is not). */
export function isCalendarDate(date: string): boolean {
  const m = DATE_ONLY.exec(date);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const utc = new Date(Date.UTC(y, mo - 1, d));
  return utc.getUTCFullYear() === y && utc.getUTCMonth() === mo - 1 && utc.getUTCDate() === d;
}

/**
 * The instant of a Taipei wall-clock time. Taiwan has kept UTC+8 without daylight saving since
 * 1980, so a fixed `+08:00` is exact for every date a queue system can export; Intl has no
 * parse-in-zone function to use instead.
 */
export function taipeiInstant(date: string, time = "00:00:00"): Date {
  if (!isCalendarDate(date)) throw new RangeError(`taipeiInstant: not a calendar date: ${date}`);
  const t = /^\d{2}:\d{2}$/.test(time) ? `${time}:00` : time;
  const instant = new Date(`${date}T${t}+08:00`);
  if (Number.isNaN(instant.getTime())) throw new RangeError(`taipeiInstant: not a time: ${time}`);
  return instant;
}

/** A date-only string is taken as written (it is already a Taipei calendar date); an instant is converted. */
export function toTaipeiDate(value: string | Date): string {
  if (typeof value === "string") {
    if (isCalendarDate(value)) return value;
    return taipeiDate(new Date(value));
  }
  return taipeiDate(value);
}

/** Calendar arithmetic on `YYYY-MM-DD` (no time zone involved: the date is already Taipei's). */
export function addDays(date: string, days: number): string {
  if (!isCalendarDate(date)) throw new RangeError(`addDays: not a calendar date: ${date}`);
  const [y, m, d] = date.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

const pad2 = (n: number) => String(n).padStart(2, "0");
const lastDayOfMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const rocYear = (year: number) => rocYearFormatter.format(new Date(Date.UTC(year, 6, 1)));

function build(kind: PeriodKind, year: number, index: number): Period {
  // index: month 1–12, quarter 1–4, half 1–2, year 1.
  const months = { month: 1, quarter: 3, half_year: 6, year: 12 }[kind];
  const firstMonth = (index - 1) * months + 1;
  const lastMonth = firstMonth + months - 1;
  const first = `${year}-${pad2(firstMonth)}-01`;
  const last = `${year}-${pad2(lastMonth)}-${pad2(lastDayOfMonth(year, lastMonth))}`;
  switch (kind) {
    case "month":
      return { kind, key: `${year}-${pad2(index)}`, first, last, label: rocMonthFormatter.format(new Date(Date.UTC(year, index - 1, 15))) };
    case "quarter":
      return { kind, key: `${year}-Q${index}`, first, last, label: `${rocYear(year)}第${index}季` };
    case "half_year":
      return { kind, key: `${year}-H${index}`, first, last, label: `${rocYear(year)}${index === 1 ? "上半年" : "下半年"}` };
    case "year":
      return { kind, key: `${year}`, first, last, label: rocYear(year) };
  }
}

/** The period of `kind` that contains a date (a `YYYY-MM-DD` Taipei date, or an instant). */
export function periodOf(value: string | Date, kind: PeriodKind): Period {
  const date = toTaipeiDate(value);
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const index = { month, quarter: Math.ceil(month / 3), half_year: month <= 6 ? 1 : 2, year: 1 }[kind];
  return build(kind, year, index);
}

/** The period named by a key (`2026-11`, `2026-Q4`, `2026-H2`, `2026`), or null. */
export function parsePeriodKey(key: string): Period | null {
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})-(\d{2})$/.exec(key)) && Number(m[2]) >= 1 && Number(m[2]) <= 12) return build("month", Number(m[1]), Number(m[2]));
  if ((m = /^(\d{4})-Q([1-4])$/.exec(key))) return build("quarter", Number(m[1]), Number(m[2]));
  if ((m = /^(\d{4})-H([12])$/.exec(key))) return build("half_year", Number(m[1]), Number(m[2]));
  if ((m = /^(\d{4})$/.exec(key))) return build("year", Number(m[1]), 1);
  return null;
}

/** Whether a date (or instant, read in Taipei) falls within the period. */
export function periodContains(period: Pick<Period, "first" | "last">, value: string | Date): boolean {
  const date = toTaipeiDate(value);
  return date >= period.first && date <= period.last;
}

/** The period's instants: from Taipei midnight of the first day, to Taipei midnight after the last (exclusive). */
export function periodInstants(period: Pick<Period, "first" | "last">): { start: Date; end: Date } {
  return { start: taipeiInstant(period.first), end: taipeiInstant(addDays(period.last, 1)) };
}
