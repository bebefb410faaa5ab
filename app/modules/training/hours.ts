// Yearly learning hours (學習時數) as pure arithmetic: what attendance, e-learning records and
// outside training credit, which year an hour belongs to, and how a person stands against the
// office's yearly target. Issue 5 ("Rules": hours count once per person per session; a cancelled
// session credits nothing; changing attendance later updates the hours; a year's hours are by
// session date in Asia/Taipei) and seed 基礎服務 3.(1) 「督導同仁完成數位學習」. The target values are
// configured per office and year; no law is hard-coded here. Tabled in README.md beside this file.
import type { EnrolmentStatus } from "./enrolment";
import { OFFICE_TIME_ZONE, calendarDateIn, sortedDates, yearIn, type SessionId, type TrainingSessionCore, type UserId } from "./session";

// ------------------------------------------------------------------------------ numbers

/**
 * Clears binary floating-point noise from sums (0.1 + 0.2 → 0.3), so that 20 hours made of
 * tenths still reaches a 20-hour target. Hours are stored as given (0.5-hour steps are common).
 */
const clean = (hours: number) => Math.round(hours * 1e6) / 1e6;
const sum = (values: readonly number[]) => clean(values.reduce((s, v) => s + v, 0));

/**
 * Round half-up to one decimal, for display only (2.25 → 2.3, 2.35 → 2.4). Done on the decimal
 * text, because `Math.round(2.35 * 10)` sees 23.499999… and rounds down.
 */
export function roundHours(hours: number): number {
  if (!Number.isFinite(hours)) throw new RangeError("roundHours: not a number");
  const sign = hours < 0 ? -1 : 1;
  const shifted = Number(`${clean(Math.abs(hours))}e1`);
  return (sign * Math.round(shifted)) / 10 || 0;
}

/** Hours as a person reads them: one decimal at most, no trailing `.0` (2, 1.5, 12.3). */
export function formatHours(hours: number): string {
  return String(roundHours(hours));
}

// ------------------------------------------------------------------------------ sessions

export type HoursSession = TrainingSessionCore;

export interface AttendanceRecord {
  sessionId: SessionId;
  userId: UserId;
  status: EnrolmentStatus;
  /** For `partly_attended`: hours present. */
  hours?: number | null;
  /** When this status was recorded; the latest record of a person for a session wins. */
  recordedAt?: Date | null;
}

/**
 * The year a session's hours belong to: the year of its first date in Asia/Taipei (a session on
 * 2026-12-31T17:00Z is held on 2027-01-01 in Taipei, so it counts for 2027). A course spanning New
 * Year counts whole in the year it began, as one course is credited once.
 */
export function sessionYear(session: Pick<TrainingSessionCore, "dates">, timeZone: string = OFFICE_TIME_ZONE): number {
  const [first] = sortedDates(session.dates);
  if (!first) throw new RangeError("sessionYear: a session needs at least one date");
  return yearIn(first.startsAt, timeZone);
}

/**
 * Hours one attendance status credits for one session: the session's credited hours when
 * present; the recorded hours when partly present (never more than the session's hours); nothing
 * when absent, excused, waiting, cancelled, only requested or still booked (attendance not yet
 * taken); nothing at all when the session was cancelled.
 */
export function creditedHours(session: Pick<HoursSession, "status" | "creditedHours">, record: Pick<AttendanceRecord, "status" | "hours">): number {
  if (session.status === "cancelled") return 0;
  if (record.status === "attended") return session.creditedHours;
  if (record.status === "partly_attended") {
    const h = record.hours ?? 0;
    return Number.isFinite(h) && h > 0 ? Math.min(h, session.creditedHours) : 0;
  }
  return 0;
}

/**
 * One record per person per session: the latest by `recordedAt` (records without it rank
 * oldest), and among equals the last given. So a status history, or a duplicate row, credits
 * once, and a later correction replaces the earlier mark.
 */
export function currentAttendance(records: readonly AttendanceRecord[]): AttendanceRecord[] {
  const latest = new Map<string, { record: AttendanceRecord; order: number }>();
  records.forEach((record, order) => {
    const key = `${record.sessionId}:${record.userId}`;
    const held = latest.get(key);
    const time = (r: AttendanceRecord) => r.recordedAt?.getTime() ?? Number.NEGATIVE_INFINITY;
    if (!held || time(record) >= time(held.record)) latest.set(key, { record, order });
  });
  return [...latest.values()].sort((a, b) => a.order - b.order).map((v) => v.record);
}

// ------------------------------------------------------------------------------ e-learning and outside training

export const ELEARNING_REVIEW_STATUSES = ["pending", "approved", "returned"] as const;
export type ElearningReviewStatus = (typeof ELEARNING_REVIEW_STATUSES)[number];
export const ELEARNING_REVIEW_LABELS: Record<ElearningReviewStatus, string> = {
  pending: "待審核",
  approved: "已認可",
  returned: "已退回",
};

/** A finished e-learning course a person reported (issue 5: platform, course, hours, date, certificate number). */
export interface ElearningRecord {
  id: number;
  userId: UserId;
  platform: string;
  hours: number;
  /** A calendar date `YYYY-MM-DD` (as on the certificate) or an instant. */
  completedOn: string | Date;
  certificateNumber?: string | null;
  status: ElearningReviewStatus;
}

export const NOMINATION_OUTCOMES = ["nominated", "completed", "not_completed", "withdrawn"] as const;
export type NominationOutcome = (typeof NOMINATION_OUTCOMES)[number];
export const NOMINATION_OUTCOME_LABELS: Record<NominationOutcome, string> = {
  nominated: "已遴派",
  completed: "已結訓",
  not_completed: "未結訓",
  withdrawn: "已撤回遴派",
};

/** Outside training (遴派): a person nominated to an external course, with its outcome and hours. */
export interface NominationRecord {
  id: number;
  userId: UserId;
  hours: number;
  /** The course's last day, `YYYY-MM-DD`, or an instant. */
  endsOn: string | Date;
  outcome: NominationOutcome;
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The Taipei year of a date. A date-only string is already a calendar date (the one printed on a
 * certificate) and is taken as written; an instant is converted with Intl.
 */
export function yearOfDate(value: string | Date, timeZone: string = OFFICE_TIME_ZONE): number {
  if (typeof value === "string") {
    const m = DATE_ONLY.exec(value);
    if (m) return Number(m[1]);
    return yearIn(new Date(value), timeZone);
  }
  return yearIn(value, timeZone);
}

/**
 * A certificate is credited once: the same person reporting the same certificate number of the
 * same platform twice counts once (case and spaces ignored). Records without a number count by id.
 */
function elearningKey(r: ElearningRecord): string {
  const cert = r.certificateNumber?.replace(/\s+/g, "").toUpperCase();
  return cert ? `${r.userId}:${r.platform.trim().toUpperCase()}:${cert}` : `${r.userId}:id:${r.id}`;
}

// ------------------------------------------------------------------------------ totals

export interface PersonHours {
  userId: UserId;
  year: number;
  /** Sessions of this office attended (present or partly). */
  sessionHours: number;
  /** Approved e-learning: the digital part. */
  elearningHours: number;
  /** Completed outside training. */
  outsideHours: number;
  /** Everything: sessions + e-learning + outside training. */
  totalHours: number;
  /** The digital-learning part of the total (approved e-learning). */
  digitalHours: number;
}

export interface HoursInput {
  sessions: readonly HoursSession[];
  attendance: readonly AttendanceRecord[];
  elearning?: readonly ElearningRecord[];
  nominations?: readonly NominationRecord[];
}

/**
 * Each person's hours for one year, for every person who appears in `people` or in a record that
 * year (people with nothing get zeros, so a roster shows them as short). Sorted by user id.
 */
export function hoursByPerson(input: HoursInput, year: number, people: readonly UserId[] = [], timeZone: string = OFFICE_TIME_ZONE): PersonHours[] {
  const parts = new Map<UserId, { session: number[]; elearning: number[]; outside: number[] }>();
  const of = (userId: UserId) => {
    let p = parts.get(userId);
    if (!p) parts.set(userId, (p = { session: [], elearning: [], outside: [] }));
    return p;
  };
  people.forEach(of);

  const sessions = new Map(input.sessions.map((s) => [s.id, s]));
  for (const record of currentAttendance(input.attendance)) {
    const session = sessions.get(record.sessionId);
    if (!session || sessionYear(session, timeZone) !== year) continue;
    of(record.userId).session.push(creditedHours(session, record));
  }

  const seenCertificates = new Set<string>();
  for (const r of input.elearning ?? []) {
    if (r.status !== "approved" || yearOfDate(r.completedOn, timeZone) !== year) continue;
    const key = elearningKey(r);
    if (seenCertificates.has(key)) continue;
    seenCertificates.add(key);
    of(r.userId).elearning.push(Math.max(0, r.hours));
  }

  for (const n of input.nominations ?? []) {
    if (n.outcome !== "completed" || yearOfDate(n.endsOn, timeZone) !== year) continue;
    of(n.userId).outside.push(Math.max(0, n.hours));
  }

  return [...parts.entries()]
    .sort(([a], [b]) => a - b)
    .map(([userId, p]) => {
      const sessionHours = sum(p.session);
      const elearningHours = sum(p.elearning);
      const outsideHours = sum(p.outside);
      return {
        userId,
        year,
        sessionHours,
        elearningHours,
        outsideHours,
        totalHours: sum([sessionHours, elearningHours, outsideHours]),
        digitalHours: elearningHours,
      };
    });
}

// ------------------------------------------------------------------------------ against the target

/** An office's target for a year (issue 5: total hours, and a digital-learning part; configurable). */
export interface YearlyTarget {
  totalHours: number;
  digitalHours: number;
}

export const PROGRESS_JUDGEMENTS = ["behind", "on_track", "done"] as const;
export type ProgressJudgement = (typeof PROGRESS_JUDGEMENTS)[number];
export const PROGRESS_JUDGEMENT_LABELS: Record<ProgressJudgement, string> = {
  behind: "進度落後",
  on_track: "進度正常",
  done: "已達成",
};

export interface PartProgress {
  achieved: number;
  target: number;
  /** Hours still missing; 0 once the target is reached. */
  remaining: number;
  /** 0–100, capped at 100; 100 when the target is 0. */
  percent: number;
  /** The hours the target expects by now (target × share of the year elapsed). */
  expectedByNow: number;
  /** How many hours short of `expectedByNow`; 0 when not behind. */
  behindBy: number;
  judgement: ProgressJudgement;
}

export interface TargetProgress {
  year: number;
  /** Share of the target expected by now: whole months completed in Taipei ÷ 12, 0–1. */
  yearElapsed: number;
  total: PartProgress;
  digital: PartProgress;
  /** `done` when both parts are done, `behind` when either is behind, else `on_track`. */
  judgement: ProgressJudgement;
}

/**
 * The share of `year` the target expects done at `now`: whole months completed in Taipei, out
 * of 12 (all of January 0, from 1 February 1/12, …, all of December 11/12, once the year is over
 * 12/12); 0 for a year not begun. Months rather than days so that nobody shows as behind on
 * 2 January, and so that a supervisor can check it by hand ("by the end of June, half").
 */
export function yearElapsedShare(year: number, now: Date, timeZone: string = OFFICE_TIME_ZONE): number {
  const today = calendarDateIn(now, timeZone);
  const thisYear = Number(today.slice(0, 4));
  if (thisYear < year) return 0;
  if (thisYear > year) return 1;
  const monthsCompleted = Number(today.slice(5, 7)) - 1;
  return monthsCompleted / 12;
}

/**
 * How one part stands. The rule: `done` once achieved ≥ target; otherwise `behind` when achieved
 * is below the target's share for the months completed (expectedByNow = target × months
 * completed ÷ 12, compared at one decimal, the way the numbers are shown), otherwise `on_track`.
 * Learning is rarely spread evenly, but a straight line by month is a rule a supervisor can check
 * by hand, and it flags early anyone who has done nothing by mid-year.
 */
function partProgress(achieved: number, target: number, elapsed: number): PartProgress {
  const t = Math.max(0, target);
  const remaining = clean(Math.max(0, t - achieved));
  const percent = t === 0 ? 100 : Math.min(100, (achieved / t) * 100);
  const expectedByNow = clean(t * elapsed);
  const done = achieved >= t;
  const behind = !done && roundHours(achieved) < roundHours(expectedByNow);
  return {
    achieved,
    target: t,
    remaining,
    percent,
    expectedByNow,
    behindBy: behind ? clean(expectedByNow - achieved) : 0,
    judgement: done ? "done" : behind ? "behind" : "on_track",
  };
}

export function progressAgainstTarget(
  hours: Pick<PersonHours, "year" | "totalHours" | "digitalHours">,
  target: YearlyTarget,
  now: Date,
  timeZone: string = OFFICE_TIME_ZONE,
): TargetProgress {
  const yearElapsed = yearElapsedShare(hours.year, now, timeZone);
  const total = partProgress(hours.totalHours, target.totalHours, yearElapsed);
  const digital = partProgress(hours.digitalHours, target.digitalHours, yearElapsed);
  const judgement: ProgressJudgement =
    total.judgement === "done" && digital.judgement === "done"
      ? "done"
      : total.judgement === "behind" || digital.judgement === "behind"
        ? "behind"
        : "on_track";
  return { year: hours.year, yearElapsed, total, digital, judgement };
}
