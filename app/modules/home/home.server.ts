// The home page's own reads (issue 9, "Home page for everyone": what waits for me, and my hours, my
// latest scores and my points). Each read is one query (or a module function with a fixed number of
// queries), scoped to the person and the office of the session, so the page costs the same however many
// items it lists (issue 9, "Speed": no query per row).
import type { CurrentUser } from "../auth/session.server";
import { addDays, taipeiDate } from "../counters/periods";
import { sql, type Executor } from "../db.server";
import { myPoints } from "../incentives/incentives.server";
import { DEFAULT_PROPOSAL_SETTINGS } from "../proposals/proposals.server";
import { stageAgeDays } from "../proposals/proposal-workflow";
import { hoursRoster } from "../training/training.server";

/** At most this many of my sessions are listed (the nearest first); the calendar has the rest. */
export const MY_SESSIONS_LIMIT = 10;
/** A due date this many days ahead (or fewer) is "due soon" on the owner's home page. */
export const IMPLEMENTATION_DUE_SOON_DAYS = 14;
/** How many of my latest 法令測驗 results the home page shows. */
export const LATEST_RESULTS = 3;

// ------------------------------------------------------------------------------ sessions I am in

export interface MySession {
  id: number;
  title: string;
  status: "booked" | "waitlisted" | "requested";
  /** The start of the session's next date not yet over (ISO). */
  nextStartsAt: string;
}

/**
 * The sessions of this office I am booked on, waiting for or asked to join (待核可) that are not over yet
 * (a date that has not ended), nearest first. Cancelled sessions and cancelled enrolments are not mine
 * any more; attended ones are over. Unlike the training module's 14-day "soon", every coming session counts.
 */
export async function listMySessions(db: Executor, user: Pick<CurrentUser, "id" | "officeId">, now = new Date()): Promise<MySession[]> {
  const rows = await db
    .selectFrom("enrolments as e")
    .innerJoin("trainingSessions as s", "s.id", "e.sessionId")
    .innerJoin("trainingSessionDates as d", "d.sessionId", "s.id")
    .select(["s.id", "s.title", "e.status", (eb) => eb.fn.min("d.startsAt").as("nextStartsAt")])
    .where("e.userId", "=", user.id)
    .where("s.officeId", "=", user.officeId)
    .where("s.status", "=", "scheduled")
    .where("e.status", "in", ["booked", "waitlisted", "requested"])
    .where("d.endsAt", ">", now)
    .groupBy(["s.id", "s.title", "e.status"])
    .orderBy((eb) => eb.fn.min("d.startsAt"))
    .orderBy("s.id")
    .limit(MY_SESSIONS_LIMIT)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    status: r.status as MySession["status"],
    nextStartsAt: new Date(r.nextStartsAt as Date | string).toISOString(),
  }));
}

// ------------------------------------------------------------------------------ implementation updates due

export type ImplementationAlert = "overdue" | "due_soon" | "no_report";

export interface OwnedProposal {
  id: number;
  title: string;
  /** `YYYY-MM-DD` or null when none was set. */
  dueDate: string | null;
  progressPercent: number;
  /** Calendar days (Taipei) since the last progress report, or since I became the owner when I have not reported yet. */
  daysSinceReport: number;
  /** The office's 逾時提醒天數 (proposal settings), the "for a while" of "no progress reported for a while". */
  alertDays: number;
  /** Why an update is due now; empty when nothing presses. */
  alerts: ImplementationAlert[];
}

/**
 * The proposals I carry out (承辦, state 執行中), each with why an update is due: its due date has passed
 * (overdue), falls within IMPLEMENTATION_DUE_SOON_DAYS (due_soon), or no progress was reported for the
 * office's 逾時提醒天數 (no_report, default 14). Pressing ones first, then by due date.
 */
export async function listOwnedProposals(db: Executor, user: Pick<CurrentUser, "id" | "officeId">, now = new Date()): Promise<OwnedProposal[]> {
  const rows = await db
    .selectFrom("proposals as p")
    .leftJoin("proposalSettings as ps", "ps.officeId", "p.officeId")
    .select([
      "p.id",
      "p.title",
      sql<string | null>`to_char(p.due_date, 'YYYY-MM-DD')`.as("dueDate"),
      "p.progressPercent",
      "ps.stageAlertDays",
      // The last report, or the (last) assignment to an owner, or entering 執行中: whichever is latest.
      sql<Date | string>`coalesce(greatest(
        (select max(g.at) from proposal_progress g where g.proposal_id = p.id),
        (select max(v.at) from proposal_events v where v.proposal_id = p.id and v.action = 'assign_owner')
      ), p.state_entered_at)`.as("lastActivityAt"),
    ])
    .where("p.officeId", "=", user.officeId)
    .where("p.ownerId", "=", user.id)
    .where("p.state", "=", "in_implementation")
    .orderBy(sql`p.due_date nulls last`)
    .orderBy("p.id")
    .execute();
  const today = taipeiDate(now);
  const soon = addDays(today, IMPLEMENTATION_DUE_SOON_DAYS);
  const owned = rows.map((r) => {
    const alertDays = r.stageAlertDays ?? DEFAULT_PROPOSAL_SETTINGS.stageAlertDays;
    const daysSinceReport = stageAgeDays(new Date(r.lastActivityAt), now);
    const alerts: ImplementationAlert[] = [];
    if (r.dueDate && r.dueDate < today) alerts.push("overdue");
    else if (r.dueDate && r.dueDate <= soon) alerts.push("due_soon");
    if (daysSinceReport >= alertDays) alerts.push("no_report");
    return { id: r.id, title: r.title, dueDate: r.dueDate, progressPercent: r.progressPercent, daysSinceReport, alertDays, alerts };
  });
  // Stable: pressing first, each group in due-date order as queried.
  return [...owned.filter((p) => p.alerts.length > 0), ...owned.filter((p) => p.alerts.length === 0)];
}

// ------------------------------------------------------------------------------ my numbers

export interface MyQuizResult {
  attemptId: number;
  quizId: number;
  title: string;
  /** The percent of the attempt the quiz's grading counts (highest or last). */
  percent: number;
  passPercent: number;
  passed: boolean;
  /** When I last submitted an attempt at this quiz (ISO). */
  submittedAt: string;
}

/**
 * My latest LATEST_RESULTS 法令測驗 (not practice), by my last submission, each with the result its
 * grading counts: the best attempt (the first of equal bests) under 最高分, the last under 最後一次 — the
 * rule of quizzes.server.ts resultOf — and passed when that percent reaches the quiz's pass mark.
 */
export async function listLatestQuizResults(db: Executor, user: Pick<CurrentUser, "id" | "officeId">): Promise<MyQuizResult[]> {
  const { rows } = await sql<{
    attemptId: number;
    quizId: number;
    title: string;
    percent: string;
    passPercent: number;
    latest: Date | string;
  }>`
    with mine as (
      select a.id as attempt_id, a.quiz_id, z.title, a.percent, z.pass_percent,
        row_number() over (
          partition by a.quiz_id
          order by case when z.grading = 'highest' then a.percent end desc nulls last,
                   case when z.grading = 'highest' then a.attempt_no end asc,
                   a.attempt_no desc
        ) as pick,
        max(a.submitted_at) over (partition by a.quiz_id) as latest
      from quiz_attempts a
      join quizzes z on z.id = a.quiz_id
      where a.user_id = ${user.id} and a.office_id = ${user.officeId}
        and a.kind = 'quiz' and a.state = 'submitted' and a.percent is not null
    )
    select attempt_id, quiz_id, title, percent, pass_percent, latest
    from mine where pick = 1
    order by latest desc, quiz_id desc
    limit ${LATEST_RESULTS}`.execute(db);
  return rows.map((r) => {
    const percent = Number(r.percent);
    return {
      attemptId: r.attemptId,
      quizId: r.quizId,
      title: r.title,
      percent,
      passPercent: r.passPercent,
      passed: percent >= r.passPercent,
      submittedAt: new Date(r.latest).toISOString(),
    };
  });
}

export interface MyHours {
  year: number;
  hasTarget: boolean;
  totalHours: number;
  digitalHours: number;
  target: { totalHours: number; digitalHours: number };
  /** Share of the total target done, 0–100 (100 when the target is 0). */
  percent: number;
  judgement: "behind" | "on_track" | "done";
  behindBy: number;
}

/** My learning hours this (Gregorian, Taipei) year against the office target: the training module's own roster, for me only. */
export async function getMyHours(db: Executor, user: Pick<CurrentUser, "id" | "officeId">, year: number, now = new Date()): Promise<MyHours | null> {
  const roster = await hoursRoster(db, user.officeId, year, now, user.id);
  const mine = roster.rows[0];
  if (!mine) return null;
  return {
    year,
    hasTarget: roster.hasTarget,
    totalHours: mine.totalHours,
    digitalHours: mine.digitalHours,
    target: roster.target,
    percent: mine.progress.total.percent,
    judgement: mine.progress.judgement,
    behindBy: Math.max(mine.progress.total.behindBy, mine.progress.digital.behindBy),
  };
}

export interface MyYearPoints {
  year: number;
  /** Approved points of the year after caps, adjustments included (the figure the personnel office acts on). */
  points: number;
  /** My rank on the office's year board; null while I have no points (a rank among zeros says nothing). */
  rank: number | null;
  people: number;
}

/** My incentive points this year: my row of the office's year board (incentives.server.ts myPoints). */
export async function getMyYearPoints(db: Executor, user: CurrentUser, year: number): Promise<MyYearPoints> {
  const { periods } = await myPoints(db, user, year, "year");
  const board = periods[0];
  const row = board?.row ?? null;
  return {
    year,
    points: row?.finalTotal ?? 0,
    rank: row && row.breakdown.length ? row.rank : null,
    people: board?.people ?? 0,
  };
}
