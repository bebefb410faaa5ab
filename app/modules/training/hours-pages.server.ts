// The reads behind the learning-hours pages (issue 5: my hours, the e-learning verification queue,
// 遴派, the roster) that training.server.ts does not already answer. Reads only: every write goes
// through training.server.ts, which audits it. Scoped in the where clause (ARCHITECTURE rule 4) and
// returned as purpose-built DTOs (rule 5).
import { sql, type Executor } from "../db.server";
import { creditedHours, currentAttendance, sessionYear } from "./hours";

const dateText = (column: string) => sql<string>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`;

/**
 * The sessions a person attended (wholly or partly) that credit hours in `year`, with the hours each
 * credits: the breakdown behind hoursRoster's sessionHours, by the same pure rules (hours.ts).
 */
export async function listAttendedSessions(db: Executor, officeId: number, userId: number, year: number) {
  const from = new Date(Date.UTC(year - 1, 11, 31));
  const to = new Date(Date.UTC(year + 1, 0, 2));
  const rows = await db
    .selectFrom("enrolments as e")
    .innerJoin("trainingSessions as s", "s.id", "e.sessionId")
    .select(["s.id", "s.title", "s.kind", "s.status", "s.creditedHours", "e.status as enrolmentStatus", "e.hours", "e.since"])
    .where("s.officeId", "=", officeId)
    .where("e.userId", "=", userId)
    .where("e.status", "in", ["attended", "partly_attended"])
    .where((eb) => eb.exists(eb.selectFrom("trainingSessionDates as d").select("d.id").whereRef("d.sessionId", "=", "s.id").where("d.startsAt", ">=", from).where("d.startsAt", "<", to)))
    .execute();
  if (rows.length === 0) return [];
  const dates = await db
    .selectFrom("trainingSessionDates")
    .select(["sessionId", "startsAt", "endsAt"])
    .where("sessionId", "in", rows.map((r) => r.id))
    .orderBy("startsAt")
    .execute();
  const current = currentAttendance(
    rows.map((r) => ({ sessionId: r.id, userId, status: r.enrolmentStatus, hours: r.hours === null ? null : Number(r.hours), recordedAt: new Date(r.since) })),
  );
  return rows
    .map((r) => {
      const sessionDates = dates.filter((d) => d.sessionId === r.id).map((d) => ({ startsAt: new Date(d.startsAt), endsAt: new Date(d.endsAt) }));
      const session = { id: r.id, status: r.status, creditedHours: Number(r.creditedHours), dates: sessionDates };
      const record = current.find((c) => c.sessionId === r.id);
      return {
        id: r.id,
        title: r.title,
        kind: r.kind,
        status: r.enrolmentStatus,
        startsAt: sessionDates[0]?.startsAt.toISOString() ?? "",
        hours: record ? creditedHours(session, record) : 0,
        year: sessionDates.length ? sessionYear(session) : null,
      };
    })
    .filter((r) => r.year === year)
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt))
    .map(({ year: _year, ...rest }) => rest);
}

/** A person's own e-learning records, newest completion first, with the reason of a return. */
export async function listMyElearning(db: Executor, officeId: number, userId: number) {
  const rows = await db
    .selectFrom("elearningRecords")
    .select(["id", "platform", "course", "hours", dateText("completed_on").as("completedOn"), "certificateNumber", "status", "reviewReason", "reviewedAt"])
    .where("officeId", "=", officeId)
    .where("userId", "=", userId)
    .orderBy("completedOn", "desc")
    .orderBy("id", "desc")
    .limit(300)
    .execute();
  return rows.map((r) => ({ ...r, hours: Number(r.hours), reviewedAt: r.reviewedAt ? new Date(r.reviewedAt).toISOString() : null }));
}

/** A person's own nominations (遴派) with their outcome, latest course first. */
export async function listMyNominations(db: Executor, officeId: number, userId: number) {
  const rows = await db
    .selectFrom("trainingNominations")
    .select(["id", "course", "organiser", dateText("starts_on").as("startsOn"), dateText("ends_on").as("endsOn"), "hours", "outcome", "note"])
    .where("officeId", "=", officeId)
    .where("userId", "=", userId)
    .orderBy("startsOn", "desc")
    .orderBy("id", "desc")
    .limit(300)
    .execute();
  return rows.map((r) => ({ ...r, hours: Number(r.hours) }));
}

/** Platforms already used in the office, offered as suggestions beside the usual ones. */
export async function listUsedPlatforms(db: Executor, officeId: number): Promise<string[]> {
  const rows = await db
    .selectFrom("elearningRecords")
    .select("platform")
    .distinct()
    .where("officeId", "=", officeId)
    .orderBy("platform")
    .limit(30)
    .execute();
  return rows.map((r) => r.platform);
}

const ELEARNING_COLUMNS = [
  "r.id",
  "r.userId",
  "u.name",
  "u.employeeNo",
  "u.title",
  "r.platform",
  "r.course",
  "r.hours",
  "r.certificateNumber",
  "r.status",
  "r.reviewReason",
  "r.reviewedAt",
  "r.createdAt",
] as const;

function elearningDto(r: {
  id: number;
  userId: number;
  name: string;
  employeeNo: string;
  title: string;
  platform: string;
  course: string;
  hours: unknown;
  completedOn: string;
  certificateNumber: string;
  status: "pending" | "approved" | "returned";
  reviewReason: string | null;
  reviewedAt: Date | null;
  createdAt: Date | string;
  reviewerName?: string | null;
}) {
  return {
    ...r,
    hours: Number(r.hours),
    reviewedAt: r.reviewedAt ? new Date(r.reviewedAt).toISOString() : null,
    createdAt: new Date(r.createdAt).toISOString(),
    reviewerName: r.reviewerName ?? null,
  };
}

/** The office's e-learning records waiting for verification, oldest report first (first come, first served). */
export async function listPendingElearning(db: Executor, officeId: number) {
  const rows = await db
    .selectFrom("elearningRecords as r")
    .innerJoin("users as u", "u.id", "r.userId")
    .select([...ELEARNING_COLUMNS, dateText("r.completed_on").as("completedOn")])
    .where("r.officeId", "=", officeId)
    .where("r.status", "=", "pending")
    .orderBy("r.createdAt")
    .orderBy("r.id")
    .limit(500)
    .execute();
  return rows.map(elearningDto);
}

/** The office's most recently reviewed e-learning records, with who reviewed them. */
export async function listReviewedElearning(db: Executor, officeId: number, limit = 30) {
  const rows = await db
    .selectFrom("elearningRecords as r")
    .innerJoin("users as u", "u.id", "r.userId")
    .leftJoin("users as v", "v.id", "r.reviewedBy")
    .select([...ELEARNING_COLUMNS, dateText("r.completed_on").as("completedOn"), "v.name as reviewerName"])
    .where("r.officeId", "=", officeId)
    .where("r.status", "!=", "pending")
    .orderBy("r.reviewedAt", "desc")
    .orderBy("r.id", "desc")
    .limit(limit)
    .execute();
  return rows.map(elearningDto);
}

export async function countPendingElearning(db: Executor, officeId: number): Promise<number> {
  const row = await db
    .selectFrom("elearningRecords")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("officeId", "=", officeId)
    .where("status", "=", "pending")
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The office's nominations (遴派), latest course first, with the person. */
export async function listNominations(db: Executor, officeId: number) {
  const rows = await db
    .selectFrom("trainingNominations as n")
    .innerJoin("users as u", "u.id", "n.userId")
    .select([
      "n.id",
      "n.userId",
      "u.name",
      "u.employeeNo",
      "u.title",
      "n.course",
      "n.organiser",
      dateText("n.starts_on").as("startsOn"),
      dateText("n.ends_on").as("endsOn"),
      "n.hours",
      "n.outcome",
      "n.note",
    ])
    .where("n.officeId", "=", officeId)
    .orderBy("n.startsOn", "desc")
    .orderBy("n.course")
    .orderBy("u.employeeNo")
    .limit(500)
    .execute();
  return rows.map((r) => ({ ...r, hours: Number(r.hours) }));
}

