// What the pure training rules need to know about a training session (訓練場次): its kind, its
// dates, its credited hours and whether it was cancelled. Issue 5; seed 基礎服務 3.(1)
// 「每年不定期辦理各項專業教育訓練、經驗分享座談等」 and 服務友善 5 (電話禮貌教育訓練). Pure (ARCHITECTURE
// rule 6): the server loads the session row and its dates and hands them to enrolment.ts,
// hours.ts, ics.ts and calendar.ts; nothing here reads a database.

export type UserId = number;
export type SessionId = number;

/** 場次類別 (issue 5). */
export const SESSION_KINDS = ["professional", "experience_sharing", "law_quiz_review", "phone_etiquette", "external"] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];

export const SESSION_KIND_LABELS: Record<SessionKind, string> = {
  professional: "專業教育訓練",
  experience_sharing: "經驗分享座談",
  law_quiz_review: "法令測驗解說",
  phone_etiquette: "電話禮儀訓練",
  external: "外部訓練",
};

/** A session is planned until a supervisor cancels it; "over" is worked out from its dates. */
export const SESSION_STATUSES = ["scheduled", "cancelled"] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

export const SESSION_STATUS_LABELS: Record<SessionStatus, string> = {
  scheduled: "已排定",
  cancelled: "已取消",
};

/** One meeting of a session (issue 5: "start and end (one or more dates)"). */
export interface SessionDate {
  startsAt: Date;
  endsAt: Date;
}

export interface TrainingSessionCore {
  id: SessionId;
  status: SessionStatus;
  /** At least one; any order (they are sorted where order matters). */
  dates: readonly SessionDate[];
  /** Hours credited to a person who attends the whole session, for all its dates together. */
  creditedHours: number;
}

/** The dates in time order (start, then end). */
export function sortedDates(dates: readonly SessionDate[]): SessionDate[] {
  return [...dates].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.endsAt.getTime() - b.endsAt.getTime());
}

/** From the first date's start to the last date's end. */
export function sessionSpan(session: Pick<TrainingSessionCore, "dates">): { startsAt: Date; endsAt: Date } {
  if (session.dates.length === 0) throw new RangeError("sessionSpan: a session needs at least one date");
  const starts = session.dates.map((d) => d.startsAt.getTime());
  const ends = session.dates.map((d) => d.endsAt.getTime());
  return { startsAt: new Date(Math.min(...starts)), endsAt: new Date(Math.max(...ends)) };
}

export const SESSION_PHASES = ["upcoming", "in_progress", "over", "cancelled"] as const;
export type SessionPhase = (typeof SESSION_PHASES)[number];

/**
 * Where a session stands at `now`: a cancelled session is `cancelled` whatever its dates;
 * otherwise `upcoming` before its first start, `in_progress` from the first start until the last
 * end (a multi-day course is in progress on the days between its dates too), `over` from the last
 * end on. "My sessions (upcoming, past)" in issue 5 splits on this.
 */
export function sessionPhase(session: Pick<TrainingSessionCore, "status" | "dates">, now: Date): SessionPhase {
  if (session.status === "cancelled") return "cancelled";
  const { startsAt, endsAt } = sessionSpan(session);
  if (now.getTime() < startsAt.getTime()) return "upcoming";
  if (now.getTime() < endsAt.getTime()) return "in_progress";
  return "over";
}

// ------------------------------------------------------------------------------ Taipei dates

/** The office's time zone (issue 5: "a year's hours are by session date in … Asia/Taipei"). */
export const OFFICE_TIME_ZONE = "Asia/Taipei";

const ymdFormatters = new Map<string, Intl.DateTimeFormat>();

/**
 * The calendar date of an instant in a time zone, as `YYYY-MM-DD`, from Intl (ARCHITECTURE,
 * Data: no hand-written time-zone arithmetic). en-CA prints ISO order.
 */
export function calendarDateIn(instant: Date, timeZone: string = OFFICE_TIME_ZONE): string {
  if (Number.isNaN(instant.getTime())) throw new RangeError("calendarDateIn: invalid date");
  let f = ymdFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    ymdFormatters.set(timeZone, f);
  }
  return f.format(instant);
}

/** The year of an instant in the office's time zone: 2026-12-31T17:00Z is 2027 in Taipei. */
export function yearIn(instant: Date, timeZone: string = OFFICE_TIME_ZONE): number {
  return Number(calendarDateIn(instant, timeZone).slice(0, 4));
}
