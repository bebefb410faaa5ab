// A person's training sessions as an iCalendar feed (RFC 5545) that a phone calendar subscribes
// to (issue 5: "a personal .ics feed (secret URL per user, revocable)"). Pure text building
// (ARCHITECTURE rule 6): the route checks the secret, loads the person's sessions and returns
// `buildTrainingCalendar(...)` with ICS_CONTENT_TYPE. Tested by reading it back with ical.js.
import type { EnrolmentStatus } from "./enrolment";
import { formatHours } from "./hours";
import {
  OFFICE_TIME_ZONE,
  SESSION_KIND_LABELS,
  sortedDates,
  type SessionDate,
  type SessionId,
  type SessionKind,
  type SessionStatus,
} from "./session";

export const ICS_CONTENT_TYPE = "text/calendar; charset=utf-8";
export const ICS_PRODID = "-//Fubei Learning and Quality Portal//Training//ZH-TW";
/** The domain part of every UID: stable, so a re-fetched feed updates events instead of duplicating them. */
export const ICS_UID_DOMAIN = "fubei-portal";
/** How often a subscribed calendar should re-fetch (Apple and Google read one or the other). */
const REFRESH_INTERVAL = "PT6H";

export interface IcsSession {
  id: SessionId;
  title: string;
  kind?: SessionKind | null;
  description?: string | null;
  instructor?: string | null;
  place?: string | null;
  status: SessionStatus;
  dates: readonly SessionDate[];
  creditedHours?: number | null;
  /** A link to the session page in the portal. */
  url?: string | null;
  updatedAt?: Date | null;
  /** The feed owner's enrolment: a place on the waitlist or a pending request shows as tentative. */
  enrolmentStatus?: EnrolmentStatus | null;
}

export interface IcsCalendarOptions {
  /** X-WR-CALNAME, e.g. 「王小明的訓練課程」. */
  calendarName: string;
  /** DTSTAMP of every event: when the feed was generated. */
  now: Date;
}

// ------------------------------------------------------------------------------ text rules

/**
 * TEXT value escaping (RFC 5545 §3.3.11): backslash, semicolon and comma get a backslash, and
 * every line break (CRLF, CR or LF) becomes `\n`.
 */
export function escapeIcsText(text: string): string {
  return text
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n");
}

const utf8Length = (text: string) => new TextEncoder().encode(text).length;

/**
 * Folds a content line so that no physical line exceeds 75 octets (RFC 5545 §3.1), counting
 * UTF-8 bytes — a Chinese character is 3 — and breaking only between characters (never inside
 * a multibyte character or a surrogate pair). Continuation lines start with one space, which
 * counts toward their 75.
 */
export function foldIcsLine(line: string, limit = 75): string {
  if (utf8Length(line) <= limit) return line;
  const parts: string[] = [];
  let current = "";
  let currentBytes = 0;
  let budget = limit;
  for (const char of line) {
    const bytes = utf8Length(char);
    if (currentBytes + bytes > budget) {
      parts.push(current);
      current = "";
      currentBytes = 0;
      budget = limit - 1; // the leading space of a continuation line
    }
    current += char;
    currentBytes += bytes;
  }
  parts.push(current);
  return parts.join("\r\n ");
}

// ------------------------------------------------------------------------------ dates

const localParts = new Intl.DateTimeFormat("en-US", {
  timeZone: OFFICE_TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

/** `YYYYMMDDTHHMMSS` in Asia/Taipei, for DTSTART/DTEND with TZID (the wall-clock time from Intl). */
export function icsLocalDateTime(instant: Date): string {
  if (Number.isNaN(instant.getTime())) throw new RangeError("icsLocalDateTime: invalid date");
  const p = Object.fromEntries(localParts.formatToParts(instant).map((x) => [x.type, x.value]));
  return `${p.year}${p.month}${p.day}T${p.hour}${p.minute}${p.second}`;
}

/** `YYYYMMDDTHHMMSSZ`, for DTSTAMP and LAST-MODIFIED (which RFC 5545 requires in UTC). */
export function icsUtcDateTime(instant: Date): string {
  if (Number.isNaN(instant.getTime())) throw new RangeError("icsUtcDateTime: invalid date");
  return instant.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

/**
 * Asia/Taipei has kept +08:00 without daylight saving since 1980, so one STANDARD block with a
 * fixed offset describes it (calendars without a tz database of their own still place events right).
 */
const TAIPEI_VTIMEZONE = [
  "BEGIN:VTIMEZONE",
  `TZID:${OFFICE_TIME_ZONE}`,
  `X-LIC-LOCATION:${OFFICE_TIME_ZONE}`,
  "BEGIN:STANDARD",
  "TZOFFSETFROM:+0800",
  "TZOFFSETTO:+0800",
  "TZNAME:CST",
  "DTSTART:19700101T000000",
  "END:STANDARD",
  "END:VTIMEZONE",
];

// ------------------------------------------------------------------------------ events

/** `training-<sessionId>-<n>@fubei-portal`, n counting the session's dates from 1 in time order. */
export function icsEventUid(sessionId: SessionId, dateNumber: number): string {
  return `training-${sessionId}-${dateNumber}@${ICS_UID_DOMAIN}`;
}

function summaryOf(session: IcsSession, n: number, count: number): string {
  const prefix =
    session.status === "cancelled"
      ? "［已取消］"
      : session.enrolmentStatus === "waitlisted"
        ? "［候補］"
        : session.enrolmentStatus === "requested"
          ? "［待核可］"
          : "";
  const day = count > 1 ? `（第 ${n} 天，共 ${count} 天）` : "";
  return `${prefix}${session.title}${day}`;
}

function descriptionOf(session: IcsSession): string {
  const lines: string[] = [];
  if (session.description?.trim()) lines.push(session.description.trim());
  if (session.kind) lines.push(`類別：${SESSION_KIND_LABELS[session.kind]}`);
  if (session.instructor?.trim()) lines.push(`講師：${session.instructor.trim()}`);
  if (session.creditedHours != null) lines.push(`認列時數：${formatHours(session.creditedHours)} 小時`);
  if (session.url) lines.push(session.url);
  return lines.join("\n");
}

function statusOf(session: IcsSession): "CANCELLED" | "TENTATIVE" | "CONFIRMED" {
  if (session.status === "cancelled") return "CANCELLED";
  if (session.enrolmentStatus === "waitlisted" || session.enrolmentStatus === "requested") return "TENTATIVE";
  return "CONFIRMED";
}

function eventLines(session: IcsSession, now: Date): string[][] {
  const dates = sortedDates(session.dates);
  return dates.map((date, index) => {
    const n = index + 1;
    const lines = [
      "BEGIN:VEVENT",
      `UID:${icsEventUid(session.id, n)}`,
      `DTSTAMP:${icsUtcDateTime(now)}`,
      `DTSTART;TZID=${OFFICE_TIME_ZONE}:${icsLocalDateTime(date.startsAt)}`,
      `DTEND;TZID=${OFFICE_TIME_ZONE}:${icsLocalDateTime(date.endsAt)}`,
      `SUMMARY:${escapeIcsText(summaryOf(session, n, dates.length))}`,
    ];
    if (session.place?.trim()) lines.push(`LOCATION:${escapeIcsText(session.place.trim())}`);
    const description = descriptionOf(session);
    if (description) lines.push(`DESCRIPTION:${escapeIcsText(description)}`);
    if (session.kind) lines.push(`CATEGORIES:${escapeIcsText(SESSION_KIND_LABELS[session.kind])}`);
    if (session.url) lines.push(`URL:${session.url}`);
    lines.push(`STATUS:${statusOf(session)}`);
    if (session.updatedAt) lines.push(`LAST-MODIFIED:${icsUtcDateTime(session.updatedAt)}`);
    lines.push("END:VEVENT");
    return lines;
  });
}

/**
 * The whole feed: one VEVENT per session date, in time order, each line folded and ended with
 * CRLF. Cancelled sessions stay in the feed with STATUS:CANCELLED (and 「［已取消］」 in the
 * title, since some phones ignore STATUS), so a subscribed calendar shows the cancellation
 * instead of silently dropping the event.
 */
export function buildTrainingCalendar(sessions: readonly IcsSession[], options: IcsCalendarOptions): string {
  const events = sessions
    .flatMap((s) => eventLines(s, options.now).map((lines, i) => ({ lines, startsAt: sortedDates(s.dates)[i].startsAt.getTime(), id: s.id })))
    .sort((a, b) => a.startsAt - b.startsAt || a.id - b.id)
    .flatMap((e) => e.lines);
  const lines = [
    "BEGIN:VCALENDAR",
    `PRODID:${ICS_PRODID}`,
    "VERSION:2.0",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `X-WR-CALNAME:${escapeIcsText(options.calendarName)}`,
    `X-WR-TIMEZONE:${OFFICE_TIME_ZONE}`,
    `REFRESH-INTERVAL;VALUE=DURATION:${REFRESH_INTERVAL}`,
    `X-PUBLISHED-TTL:${REFRESH_INTERVAL}`,
    ...TAIPEI_VTIMEZONE,
    ...events,
    "END:VCALENDAR",
  ];
  return lines.map((line) => `${foldIcsLine(line)}\r\n`).join("");
}
