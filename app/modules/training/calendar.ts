// The month calendar of training sessions (issue 5: "A month calendar of sessions"): whole weeks
// covering one month in Asia/Taipei, each day with the sessions held on it, and the months
// before and after. Pure (ARCHITECTURE rule 6): the route loads the month's sessions and renders
// the grid. Calendar dates come from Intl in Asia/Taipei; days are stepped on UTC-midnight
// carriers, which have no time zone and no daylight saving, so no wall-clock arithmetic by hand.
import { OFFICE_TIME_ZONE, calendarDateIn, sortedDates, type SessionDate, type SessionId, type SessionStatus } from "./session";

/** 民國元年 is 1912: ROC year = Gregorian year − 1911 (the calendar's definition, not a time-zone rule). */
export const ROC_YEAR_OFFSET = 1911;

export type YearEra = "gregorian" | "roc";

/** A month, always held with its Gregorian year; `rocYear` is for labels and links. */
export interface MonthRef {
  year: number;
  month: number;
  rocYear: number;
}

/**
 * Sunday first, by default: Taiwanese wall and desk calendars and zh-TW phone calendars
 * (iOS, Google) put 日 in the first column, so staff read the grid the way they read every
 * other calendar. `monday` keeps the working week in one run for offices that prefer it.
 */
export type WeekStart = "sunday" | "monday";
export const DEFAULT_WEEK_START: WeekStart = "sunday";

export interface CalendarSession {
  id: SessionId;
  title: string;
  status: SessionStatus;
  dates: readonly SessionDate[];
}

/** One session date shown on one day. */
export interface CalendarEntry<S extends CalendarSession = CalendarSession> {
  session: S;
  startsAt: Date;
  endsAt: Date;
  /** 1-based number of this date within the session, and how many dates it has (第 2 天，共 3 天). */
  dateNumber: number;
  dateCount: number;
  /** The date runs on from the day before (an overnight or multi-day date). */
  continuesFromPreviousDay: boolean;
}

export interface CalendarDay<S extends CalendarSession = CalendarSession> {
  /** `YYYY-MM-DD` in Asia/Taipei. */
  date: string;
  day: number;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
  /** False for the leading and trailing days of the neighbouring months. */
  inMonth: boolean;
  isToday: boolean;
  /** By start time, then session id. */
  entries: CalendarEntry<S>[];
}

export interface MonthGrid<S extends CalendarSession = CalendarSession> {
  month: MonthRef;
  /** 民國115年3月, from Intl's ROC calendar. */
  label: string;
  /** Column headings in grid order: 日 一 二 … or 一 二 … 日. */
  weekdayLabels: string[];
  weeks: CalendarDay<S>[][];
  previous: MonthRef;
  next: MonthRef;
}

const WEEKDAY_LABELS = ["日", "一", "二", "三", "四", "五", "六"];
const DAY_MS = 86_400_000;

const monthLabelFormat = new Intl.DateTimeFormat("zh-TW-u-ca-roc", { year: "numeric", month: "long", timeZone: "UTC" });

/** A month given in either era, checked and held in both. */
export function monthRef(year: number, month: number, era: YearEra = "gregorian"): MonthRef {
  if (!Number.isInteger(year) || !Number.isInteger(month) || month < 1 || month > 12) {
    throw new RangeError(`monthRef: no such month ${year}-${month}`);
  }
  const gregorian = era === "roc" ? year + ROC_YEAR_OFFSET : year;
  if (gregorian <= ROC_YEAR_OFFSET) throw new RangeError(`monthRef: ${year} is before 民國元年`);
  return { year: gregorian, month, rocYear: gregorian - ROC_YEAR_OFFSET };
}

/** The month `now` falls in, in Asia/Taipei (the calendar page opens on it). */
export function currentMonth(now: Date, timeZone: string = OFFICE_TIME_ZONE): MonthRef {
  const ymd = calendarDateIn(now, timeZone);
  return monthRef(Number(ymd.slice(0, 4)), Number(ymd.slice(5, 7)));
}

export function shiftMonth(ref: MonthRef, by: number): MonthRef {
  const carrier = new Date(Date.UTC(ref.year, ref.month - 1 + by, 1));
  return monthRef(carrier.getUTCFullYear(), carrier.getUTCMonth() + 1);
}

const ymdOfCarrier = (carrier: Date) => carrier.toISOString().slice(0, 10);
const carrierOf = (ymd: string) => new Date(`${ymd}T00:00:00Z`);

/** The Taipei calendar days a date touches; one ending at exactly midnight does not touch the next day. */
function daysTouched(date: SessionDate, timeZone: string): string[] {
  const first = calendarDateIn(date.startsAt, timeZone);
  const lastInstant = date.endsAt.getTime() > date.startsAt.getTime() ? new Date(date.endsAt.getTime() - 1) : date.startsAt;
  const last = calendarDateIn(lastInstant, timeZone);
  const days: string[] = [];
  for (let d = carrierOf(first); ymdOfCarrier(d) <= last; d = new Date(d.getTime() + DAY_MS)) days.push(ymdOfCarrier(d));
  return days;
}

/**
 * The grid for one month: whole weeks from the week holding the 1st to the week holding the last
 * day (4 to 6 rows), with each session date on every Taipei day it touches — a three-day course
 * shows on all three days, and a date that runs past midnight shows on both. Cancelled sessions
 * are kept (the page strikes them through); filter them out before calling to hide them.
 */
export function monthGrid<S extends CalendarSession>(
  month: MonthRef,
  sessions: readonly S[],
  options: { weekStartsOn?: WeekStart; now?: Date; timeZone?: string } = {},
): MonthGrid<S> {
  const weekStartsOn = options.weekStartsOn ?? DEFAULT_WEEK_START;
  const timeZone = options.timeZone ?? OFFICE_TIME_ZONE;
  const firstWeekday = weekStartsOn === "monday" ? 1 : 0;
  const today = options.now ? calendarDateIn(options.now, timeZone) : null;

  const entriesByDay = new Map<string, CalendarEntry<S>[]>();
  for (const session of sessions) {
    const dates = sortedDates(session.dates);
    dates.forEach((date, index) => {
      daysTouched(date, timeZone).forEach((day, i) => {
        const list = entriesByDay.get(day) ?? [];
        list.push({ session, startsAt: date.startsAt, endsAt: date.endsAt, dateNumber: index + 1, dateCount: dates.length, continuesFromPreviousDay: i > 0 });
        entriesByDay.set(day, list);
      });
    });
  }

  const firstOfMonth = new Date(Date.UTC(month.year, month.month - 1, 1));
  const lastOfMonth = new Date(Date.UTC(month.year, month.month, 0));
  const lead = (firstOfMonth.getUTCDay() - firstWeekday + 7) % 7;
  const trail = (firstWeekday + 6 - lastOfMonth.getUTCDay() + 7) % 7;
  const gridStart = new Date(firstOfMonth.getTime() - lead * DAY_MS);
  const gridEnd = new Date(lastOfMonth.getTime() + trail * DAY_MS);

  const weeks: CalendarDay<S>[][] = [];
  for (let d = gridStart; d.getTime() <= gridEnd.getTime(); d = new Date(d.getTime() + DAY_MS)) {
    if ((d.getTime() - gridStart.getTime()) % (7 * DAY_MS) === 0) weeks.push([]);
    const date = ymdOfCarrier(d);
    const entries = (entriesByDay.get(date) ?? []).sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.session.id - b.session.id);
    weeks[weeks.length - 1].push({
      date,
      day: d.getUTCDate(),
      weekday: d.getUTCDay(),
      inMonth: d.getUTCMonth() === month.month - 1,
      isToday: date === today,
      entries,
    });
  }

  return {
    month,
    label: monthLabelFormat.format(firstOfMonth),
    weekdayLabels: [...WEEKDAY_LABELS.slice(firstWeekday), ...WEEKDAY_LABELS.slice(0, firstWeekday)],
    weeks,
    previous: shiftMonth(month, -1),
    next: shiftMonth(month, 1),
  };
}
