// Training sessions and learning hours on the database (issue 5; PRODUCT.md module 2). Every command
// locks the session row (`for update`), loads its enrolments, asks the pure rules (enrolment.ts), and
// writes the changes with their status-history rows, audit row and notifications in one transaction —
// so two people taking the last seat are decided one after the other: one books, one waits.
import { createHash, randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import { recordAudit } from "../audit/audit.server";
import type { CurrentUser } from "../auth/session.server";
import { sql, type Database, type Executor } from "../db.server";
import { DomainError } from "../domain-error";
import { notify } from "../notifications/notifications.server";
import {
  applyChanges,
  autoEnrolments,
  cancellationsForCancelledSession,
  decideAllPresent,
  decideAttendance,
  decideCancellation,
  decideCapacityChange,
  decideSignUp,
  isInAudience,
  seatCount,
  waitlistPosition,
  type AttendanceMark,
  type Enrolment,
  type EnrolmentChange,
  type EnrolmentSession,
  type EnrolmentStatus,
  type Person,
} from "./enrolment";
import { hoursByPerson, progressAgainstTarget, type YearlyTarget } from "./hours";
import { buildTrainingCalendar } from "./ics";
import { sessionPhase, sortedDates, type SessionKind } from "./session";

type Db = Kysely<Database>;

const SUPERVISING = ["supervisor", "director"];
export const isTrainingManager = (user: Pick<CurrentUser, "roles">) => user.roles.some((r) => SUPERVISING.includes(r));

/** Commands for supervisors check the role themselves too, not only the route (defence in depth). */
function requireManager(user: CurrentUser) {
  if (!isTrainingManager(user)) throw new Response("Forbidden", { status: 403 });
}

/** Refusals of the pure rules carry their own zh-TW sentence. */
function refused(result: { ok: false; reason: string }, field = "_form"): never {
  throw new DomainError(field, result.reason);
}

// ------------------------------------------------------------------------------ loading

export interface SessionInput {
  kind: SessionKind;
  title: string;
  description: string;
  instructor: string;
  place: string;
  creditedHours: number;
  capacity: number | null;
  required: boolean;
  approvalRequired: boolean;
  audienceWholeOffice: boolean;
  audienceRoles: string[];
  audienceUserIds: number[];
  dates: { startsAt: Date; endsAt: Date }[];
  materials: { label: string; url: string }[];
}

async function sessionRow(db: Executor, officeId: number, id: number, lock = false) {
  let q = db.selectFrom("trainingSessions").selectAll().where("id", "=", id).where("officeId", "=", officeId);
  if (lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw new Response("Not Found", { status: 404 });
  return row;
}

async function enrolmentSession(db: Executor, officeId: number, id: number, lock = false): Promise<EnrolmentSession & { title: string }> {
  const row = await sessionRow(db, officeId, id, lock);
  const dates = await db.selectFrom("trainingSessionDates").select(["startsAt", "endsAt"]).where("sessionId", "=", id).orderBy("startsAt").execute();
  const people = await db.selectFrom("trainingAudiencePeople").select("userId").where("sessionId", "=", id).execute();
  return {
    id: row.id,
    officeId: row.officeId,
    title: row.title,
    status: row.status,
    dates: dates.map((d) => ({ startsAt: new Date(d.startsAt), endsAt: new Date(d.endsAt) })),
    creditedHours: Number(row.creditedHours),
    capacity: row.capacity,
    required: row.required,
    approvalRequired: row.approvalRequired,
    audience: { wholeOffice: row.audienceWholeOffice, roles: row.audienceRoles as string[], userIds: people.map((p) => p.userId) },
  };
}

async function enrolmentsOf(db: Executor, sessionId: number): Promise<Enrolment[]> {
  const rows = await db.selectFrom("enrolments").select(["id", "userId", "status", "since", "required", "hours"]).where("sessionId", "=", sessionId).execute();
  return rows.map((r) => ({ ...r, since: new Date(r.since), hours: r.hours === null ? null : Number(r.hours) }));
}

/** The people who work in the office, with their roles there (the audience is matched against them). */
async function officePeople(db: Executor, officeId: number): Promise<Person[]> {
  const rows = await db
    .selectFrom("userRoles as r")
    .innerJoin("users as u", "u.id", "r.userId")
    .select(["u.id", "r.role"])
    .where("r.officeId", "=", officeId)
    .where("u.active", "=", true)
    .where("r.role", "in", ["staff", "committee", "chair", "supervisor", "director"])
    .execute();
  const byId = new Map<number, string[]>();
  for (const r of rows) byId.set(r.id, [...(byId.get(r.id) ?? []), r.role]);
  return [...byId.entries()].map(([id, roles]) => ({ id, officeId, roles })).sort((a, b) => a.id - b.id);
}

/**
 * Writes the changes the rules decided: the enrolment's new status (a new row for a first sign-up),
 * one history row per change, and tells promoted people they now have a seat.
 */
async function writeChanges(trx: Executor, user: CurrentUser, session: { id: number; officeId: number; title: string }, changes: EnrolmentChange[], now: Date) {
  for (const change of changes) {
    let enrolmentId = change.enrolmentId;
    const hours = change.hours ?? null;
    if (enrolmentId === null) {
      const inserted = await trx
        .insertInto("enrolments")
        .values({ sessionId: session.id, userId: change.userId, status: change.to, since: now, required: change.required ?? false, hours })
        .returning("id")
        .executeTakeFirstOrThrow();
      enrolmentId = inserted.id;
    } else {
      await trx
        .updateTable("enrolments")
        .set({ status: change.to, since: now, hours, ...(change.required !== undefined ? { required: change.required } : {}) })
        .where("id", "=", enrolmentId)
        .execute();
    }
    await trx
      .insertInto("enrolmentHistory")
      .values({ enrolmentId, fromStatus: change.from, toStatus: change.to, event: change.event, hours, reason: change.reason ?? null, actorId: user.id, at: now })
      .execute();
    if (change.event === "promote") {
      await notify(trx, {
        userIds: [change.userId],
        officeId: session.officeId,
        messageKey: "notify.training.promoted",
        params: { title: session.title },
        link: `/training/${session.id}`,
      });
    }
  }
}

// ------------------------------------------------------------------------------ sessions

async function writeSessionDetails(trx: Executor, id: number, input: SessionInput) {
  await trx.deleteFrom("trainingSessionDates").where("sessionId", "=", id).execute();
  await trx
    .insertInto("trainingSessionDates")
    .values(sortedDates(input.dates).map((d) => ({ sessionId: id, startsAt: d.startsAt, endsAt: d.endsAt })))
    .execute();
  await trx.deleteFrom("trainingAudiencePeople").where("sessionId", "=", id).execute();
  const people = [...new Set(input.audienceUserIds)];
  if (people.length) await trx.insertInto("trainingAudiencePeople").values(people.map((userId) => ({ sessionId: id, userId }))).execute();
}

function sessionColumns(input: SessionInput) {
  return {
    kind: input.kind,
    title: input.title,
    description: input.description,
    instructor: input.instructor,
    place: input.place,
    creditedHours: input.creditedHours,
    capacity: input.capacity,
    required: input.required,
    approvalRequired: input.approvalRequired,
    audienceWholeOffice: input.audienceWholeOffice,
    audienceRoles: JSON.stringify(input.audienceRoles),
    materials: JSON.stringify(input.materials),
  };
}

/** Enrols a required session's audience (those without an enrolment yet) and tells them. */
async function enrolRequiredAudience(trx: Executor, user: CurrentUser, sessionId: number, now: Date) {
  const session = await enrolmentSession(trx, user.officeId, sessionId);
  const changes = autoEnrolments(session, await officePeople(trx, user.officeId), await enrolmentsOf(trx, sessionId), now);
  await writeChanges(trx, user, session, changes, now);
  await notify(trx, {
    userIds: changes.map((c) => c.userId),
    officeId: user.officeId,
    messageKey: "notify.training.required",
    params: { title: session.title },
    link: `/training/${sessionId}`,
    actorId: user.id,
  });
}

async function assertAudiencePeople(trx: Executor, officeId: number, ids: number[]) {
  const known = new Set((await officePeople(trx, officeId)).map((p) => p.id));
  if (ids.some((id) => !known.has(id))) throw new DomainError("audienceUserIds", "errors.training.unknownPerson");
}

export async function createSession(db: Db, user: CurrentUser, input: SessionInput, now = new Date()): Promise<number> {
  requireManager(user);
  return db.transaction().execute(async (trx) => {
    await assertAudiencePeople(trx, user.officeId, input.audienceUserIds);
    const { id } = await trx
      .insertInto("trainingSessions")
      .values({ officeId: user.officeId, ...sessionColumns(input), createdBy: user.id })
      .returning("id")
      .executeTakeFirstOrThrow();
    await writeSessionDetails(trx, id, input);
    if (input.required) await enrolRequiredAudience(trx, user, id, now);
    await recordAudit(trx, { actorUserId: user.id, officeId: user.officeId, action: "training.create", entityType: "trainingSession", entityId: id, after: input });
    return id;
  });
}

/** Edits a session; a capacity rise promotes from the waitlist, a required audience is enrolled. */
export async function updateSession(db: Db, user: CurrentUser, id: number, input: SessionInput, now = new Date()): Promise<{ overbookedBy: number }> {
  requireManager(user);
  return db.transaction().execute(async (trx) => {
    const before = await sessionRow(trx, user.officeId, id, true);
    if (before.status === "cancelled") throw new DomainError("_form", "本場次已取消，不能再修改。");
    await assertAudiencePeople(trx, user.officeId, input.audienceUserIds);
    await trx.updateTable("trainingSessions").set({ ...sessionColumns(input), updatedAt: now }).where("id", "=", id).execute();
    await writeSessionDetails(trx, id, input);
    const session = await enrolmentSession(trx, user.officeId, id);
    let overbookedBy = 0;
    if (sessionPhase(session, now) === "upcoming") {
      const capacity = decideCapacityChange(session, await enrolmentsOf(trx, id), input.capacity, now);
      if (!capacity.ok) refused(capacity, "capacity");
      overbookedBy = capacity.overbookedBy;
      await writeChanges(trx, user, session, capacity.changes, now);
      if (input.required) await enrolRequiredAudience(trx, user, id, now);
    }
    await recordAudit(trx, { actorUserId: user.id, officeId: user.officeId, action: "training.update", entityType: "trainingSession", entityId: id, after: input });
    return { overbookedBy };
  });
}

/** Cancels a session: every pending enrolment is cancelled and the people are told; nothing is credited. */
export async function cancelSession(db: Db, user: CurrentUser, id: number, reason: string, now = new Date()): Promise<void> {
  requireManager(user);
  await db.transaction().execute(async (trx) => {
    const row = await sessionRow(trx, user.officeId, id, true);
    if (row.status === "cancelled") throw new DomainError("_form", "本場次已經取消。");
    if (!reason.trim()) throw new DomainError("reason", "取消場次必須填寫原因，讓報名的同仁知道。");
    const enrolments = await enrolmentsOf(trx, id);
    const changes = cancellationsForCancelledSession(enrolments);
    await trx.updateTable("trainingSessions").set({ status: "cancelled", cancelReason: reason.trim(), updatedAt: now }).where("id", "=", id).execute();
    await writeChanges(trx, user, { id, officeId: row.officeId, title: row.title }, changes, now);
    await notify(trx, {
      userIds: enrolments.filter((e) => e.status !== "cancelled").map((e) => e.userId),
      officeId: row.officeId,
      messageKey: "notify.training.cancelled",
      params: { title: row.title, reason: reason.trim() },
      link: `/training/${id}`,
      actorId: user.id,
    });
    await recordAudit(trx, { actorUserId: user.id, officeId: user.officeId, action: "training.cancel", entityType: "trainingSession", entityId: id, after: { reason } });
  });
}

// ------------------------------------------------------------------------------ enrolment

export async function signUp(db: Db, user: CurrentUser, sessionId: number, now = new Date()): Promise<{ status: EnrolmentStatus; waitlistPosition: number | null }> {
  return db.transaction().execute(async (trx) => {
    const session = await enrolmentSession(trx, user.officeId, sessionId, true);
    const decision = decideSignUp(session, { id: user.id, officeId: user.officeId, roles: user.roles }, await enrolmentsOf(trx, sessionId), now);
    if (!decision.ok) refused(decision);
    await writeChanges(trx, user, session, [decision.change], now);
    await recordAudit(trx, { actorUserId: user.id, officeId: user.officeId, action: "training.signUp", entityType: "trainingSession", entityId: sessionId, after: { status: decision.change.to } });
    return { status: decision.change.to, waitlistPosition: decision.waitlistPosition };
  });
}

/** The person cancels their own enrolment, or a supervisor removes someone (`userId`). A freed seat goes to the waitlist. */
export async function cancelEnrolment(db: Db, user: CurrentUser, sessionId: number, userId: number = user.id, now = new Date()): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const session = await enrolmentSession(trx, user.officeId, sessionId, true);
    const by = userId === user.id ? "self" : "supervisor";
    if (by === "supervisor" && !isTrainingManager(user)) throw new Response("Forbidden", { status: 403 });
    const enrolments = await enrolmentsOf(trx, sessionId);
    const mine = enrolments.find((e) => e.userId === userId);
    if (!mine) throw new DomainError("_form", "沒有這筆報名。");
    const decision = decideCancellation(session, enrolments, mine.id, by, now);
    if (!decision.ok) refused(decision);
    await writeChanges(trx, user, session, decision.changes, now);
    await recordAudit(trx, { actorUserId: user.id, officeId: user.officeId, action: "training.cancelEnrolment", entityType: "trainingSession", entityId: sessionId, after: { userId, by } });
  });
}

export async function markAttendance(db: Db, user: CurrentUser, sessionId: number, marks: { userId: number; mark: AttendanceMark }[], now = new Date()): Promise<void> {
  requireManager(user);
  await db.transaction().execute(async (trx) => {
    const session = await enrolmentSession(trx, user.officeId, sessionId, true);
    const enrolments = await enrolmentsOf(trx, sessionId);
    const changes: EnrolmentChange[] = [];
    for (const { userId, mark } of marks) {
      const enrolment = enrolments.find((e) => e.userId === userId);
      if (!enrolment) throw new DomainError("_form", "名單上沒有這位同仁。");
      const current = enrolment.status;
      if (current === mark.status && (mark.status !== "partly_attended" || enrolment.hours === mark.hours)) continue;
      const decision = decideAttendance(session, enrolment, mark, now);
      if (!decision.ok) refused(decision, `mark_${userId}`);
      changes.push(decision.change);
    }
    await writeChanges(trx, user, session, changes, now);
    await recordAudit(trx, { actorUserId: user.id, officeId: user.officeId, action: "training.attendance", entityType: "trainingSession", entityId: sessionId, after: { marks } });
  });
}

export async function markAllPresent(db: Db, user: CurrentUser, sessionId: number, now = new Date()): Promise<number> {
  requireManager(user);
  return db.transaction().execute(async (trx) => {
    const session = await enrolmentSession(trx, user.officeId, sessionId, true);
    const decision = decideAllPresent(session, await enrolmentsOf(trx, sessionId), now);
    if (!decision.ok) refused(decision);
    await writeChanges(trx, user, session, decision.changes, now);
    await recordAudit(trx, { actorUserId: user.id, officeId: user.officeId, action: "training.allPresent", entityType: "trainingSession", entityId: sessionId, after: { count: decision.changes.length } });
    return decision.changes.length;
  });
}

// ------------------------------------------------------------------------------ reading sessions

function toDates(rows: readonly { startsAt: Date | string; endsAt: Date | string }[]) {
  return rows.map((d) => ({ startsAt: new Date(d.startsAt).toISOString(), endsAt: new Date(d.endsAt).toISOString() }));
}

/**
 * Sessions of the office with a date in [from, to), with the viewer's own enrolment and the seats.
 * Staff see every session of their office (they may volunteer for a required one too).
 */
export async function listSessions(db: Executor, user: CurrentUser, range: { from: Date; to: Date }, now = new Date()) {
  const rows = await db
    .selectFrom("trainingSessions as s")
    .select(["s.id", "s.kind", "s.title", "s.place", "s.instructor", "s.creditedHours", "s.capacity", "s.required", "s.status"])
    .where("s.officeId", "=", user.officeId)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("trainingSessionDates as d")
          .select("d.id")
          .whereRef("d.sessionId", "=", "s.id")
          .where("d.endsAt", ">", range.from)
          .where("d.startsAt", "<", range.to),
      ),
    )
    .execute();
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const dates = await db.selectFrom("trainingSessionDates").select(["sessionId", "startsAt", "endsAt"]).where("sessionId", "in", ids).orderBy("startsAt").execute();
  const enrolments = await db.selectFrom("enrolments").select(["id", "sessionId", "userId", "status", "since", "required", "hours"]).where("sessionId", "in", ids).execute();
  return rows
    .map((r) => {
      const mine = enrolments.filter((e) => e.sessionId === r.id).map((e) => ({ ...e, since: new Date(e.since), hours: e.hours === null ? null : Number(e.hours) }));
      const own = mine.find((e) => e.userId === user.id) ?? null;
      const sessionDates = toDates(dates.filter((d) => d.sessionId === r.id));
      return {
        ...r,
        creditedHours: Number(r.creditedHours),
        dates: sessionDates,
        phase: sessionPhase({ status: r.status, dates: sessionDates.map((d) => ({ startsAt: new Date(d.startsAt), endsAt: new Date(d.endsAt) })) }, now),
        seats: seatCount({ capacity: r.capacity }, mine),
        myStatus: own?.status ?? null,
        myWaitlistPosition: own ? waitlistPosition(mine, own.id) : null,
      };
    })
    .sort((a, b) => (a.dates[0]?.startsAt ?? "").localeCompare(b.dates[0]?.startsAt ?? ""));
}

/** One session's page: the session, my enrolment, and for supervisors the roster with history. */
export async function loadSession(db: Executor, user: CurrentUser, id: number, now = new Date()) {
  const row = await sessionRow(db, user.officeId, id);
  const session = await enrolmentSession(db, user.officeId, id);
  const enrolments = await enrolmentsOf(db, id);
  const manager = isTrainingManager(user);
  const own = enrolments.find((e) => e.userId === user.id) ?? null;
  const people = await db
    .selectFrom("users")
    .select(["id", "name", "employeeNo", "title"])
    .where("id", "in", [0, ...enrolments.map((e) => e.userId), ...session.audience.userIds])
    .execute();
  const nameOf = (userId: number) => people.find((p) => p.id === userId);
  const history = manager && enrolments.length
    ? await db
        .selectFrom("enrolmentHistory as h")
        .leftJoin("users as a", "a.id", "h.actorId")
        .select(["h.enrolmentId", "h.fromStatus", "h.toStatus", "h.event", "h.hours", "h.reason", "h.at", "a.name as actorName"])
        .where("h.enrolmentId", "in", enrolments.map((e) => e.id))
        .orderBy("h.at")
        .orderBy("h.id")
        .execute()
    : [];
  const me: Person = { id: user.id, officeId: user.officeId, roles: user.roles };
  return {
    session: {
      id: row.id,
      kind: row.kind,
      title: row.title,
      description: row.description,
      instructor: row.instructor,
      place: row.place,
      creditedHours: Number(row.creditedHours),
      capacity: row.capacity,
      required: row.required,
      approvalRequired: row.approvalRequired,
      audienceWholeOffice: row.audienceWholeOffice,
      audienceRoles: row.audienceRoles as string[],
      audiencePeople: session.audience.userIds.map((uid) => ({ id: uid, name: nameOf(uid)?.name ?? "" })),
      materials: row.materials as { label: string; url: string }[],
      status: row.status,
      cancelReason: row.cancelReason,
      dates: toDates(session.dates),
      phase: sessionPhase(session, now),
    },
    seats: seatCount(session, enrolments),
    inAudience: isInAudience(session, me),
    mine: own ? { status: own.status, required: own.required, hours: own.hours, waitlistPosition: waitlistPosition(enrolments, own.id) } : null,
    isManager: manager,
    roster: manager
      ? enrolments
          .map((e) => ({
            userId: e.userId,
            name: nameOf(e.userId)?.name ?? "",
            employeeNo: nameOf(e.userId)?.employeeNo ?? "",
            title: nameOf(e.userId)?.title ?? "",
            status: e.status,
            required: e.required,
            hours: e.hours,
            since: e.since.toISOString(),
            waitlistPosition: waitlistPosition(enrolments, e.id),
            history: history
              .filter((h) => h.enrolmentId === e.id)
              .map((h) => ({ ...h, hours: h.hours === null ? null : Number(h.hours), at: new Date(h.at).toISOString() })),
          }))
          .sort((a, b) => a.employeeNo.localeCompare(b.employeeNo))
      : [],
  };
}

/** The session as typed, for its edit form. */
export async function loadSessionForEdit(db: Executor, user: CurrentUser, id: number) {
  const { session } = await loadSession(db, user, id);
  return session;
}

// ------------------------------------------------------------------------------ e-learning and outside training

export interface ElearningInput {
  platform: string;
  course: string;
  hours: number;
  completedOn: string;
  certificateNumber: string;
}

export async function reportElearning(db: Db, user: CurrentUser, input: ElearningInput): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const cert = input.certificateNumber.trim();
    if (cert) {
      const duplicate = await trx
        .selectFrom("elearningRecords")
        .select("id")
        .where("userId", "=", user.id)
        // By number alone: a platform's name is typed several ways (e等公務園+ / e等公務園+學習平臺).
        .where(sql<boolean>`upper(replace(certificate_number, ' ', '')) = upper(replace(${cert}, ' ', ''))`)
        .where("status", "!=", "returned")
        .executeTakeFirst();
      if (duplicate) throw new DomainError("certificateNumber", "這張證書已經登錄過了。");
    }
    const { id } = await trx
      .insertInto("elearningRecords")
      .values({ officeId: user.officeId, userId: user.id, platform: input.platform.trim(), course: input.course.trim(), hours: input.hours, completedOn: input.completedOn, certificateNumber: cert })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, { actorUserId: user.id, officeId: user.officeId, action: "elearning.report", entityType: "elearningRecord", entityId: id, after: input });
    const reviewers = await trx
      .selectFrom("userRoles")
      .select("userId")
      .where("officeId", "=", user.officeId)
      .where("role", "in", ["supervisor", "director"])
      .execute();
    await notify(trx, {
      // Whoever may verify it; the person reporting is never told about their own record.
      userIds: reviewers.map((s) => s.userId),
      officeId: user.officeId,
      messageKey: "notify.training.elearningToVerify",
      params: { name: user.name, course: input.course.trim() },
      link: "/training/elearning",
      actorId: user.id,
    });
    return id;
  });
}

/** A supervisor approves a reported e-learning record, or returns it with a reason the person reads. */
export async function reviewElearning(db: Db, user: CurrentUser, id: number, review: { approve: true } | { approve: false; reason: string }): Promise<void> {
  requireManager(user);
  await db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom("elearningRecords").selectAll().where("id", "=", id).where("officeId", "=", user.officeId).forUpdate().executeTakeFirst();
    if (!row) throw new Response("Not Found", { status: 404 });
    if (row.userId === user.id) throw new DomainError("_form", "不能審核自己的數位學習紀錄，請由其他主管審核。");
    if (row.status !== "pending") throw new DomainError("_form", "這筆紀錄已經審核過了。");
    if (!review.approve && !review.reason.trim()) throw new DomainError("reason", "退回必須填寫原因，讓同仁知道要補正什麼。");
    await trx
      .updateTable("elearningRecords")
      .set({ status: review.approve ? "approved" : "returned", reviewReason: review.approve ? null : review.reason.trim(), reviewedBy: user.id, reviewedAt: new Date() })
      .where("id", "=", id)
      .execute();
    await recordAudit(trx, { actorUserId: user.id, officeId: user.officeId, action: review.approve ? "elearning.approve" : "elearning.return", entityType: "elearningRecord", entityId: id, before: { status: row.status }, after: review });
    await notify(trx, {
      userIds: [row.userId],
      officeId: user.officeId,
      messageKey: review.approve ? "notify.training.elearningApproved" : "notify.training.elearningReturned",
      params: { course: row.course },
      link: "/training/hours",
      actorId: user.id,
    });
  });
}

export interface NominationInput {
  userIds: number[];
  course: string;
  organiser: string;
  startsOn: string;
  endsOn: string;
  hours: number;
  note: string;
}

/** 遴派: nominate people to an outside course; they are told. */
export async function nominate(db: Db, user: CurrentUser, input: NominationInput): Promise<number[]> {
  requireManager(user);
  if (input.endsOn < input.startsOn) throw new DomainError("endsOn", "結束日期不能早於開始日期。");
  return db.transaction().execute(async (trx) => {
    const known = new Set((await officePeople(trx, user.officeId)).map((p) => p.id));
    const people = [...new Set(input.userIds)];
    if (people.length === 0) throw new DomainError("userIds", "請至少選擇一位同仁。");
    if (people.some((id) => !known.has(id))) throw new DomainError("userIds", "errors.training.unknownPerson");
    const rows = await trx
      .insertInto("trainingNominations")
      .values(people.map((userId) => ({ officeId: user.officeId, userId, course: input.course, organiser: input.organiser, startsOn: input.startsOn, endsOn: input.endsOn, hours: input.hours, note: input.note, nominatedBy: user.id })))
      .returning("id")
      .execute();
    await recordAudit(trx, { actorUserId: user.id, officeId: user.officeId, action: "training.nominate", entityType: "trainingNomination", entityId: rows[0]?.id ?? null, after: input });
    await notify(trx, {
      userIds: people,
      officeId: user.officeId,
      messageKey: "notify.training.nominated",
      params: { course: input.course, startsOn: input.startsOn },
      link: "/training/hours",
      actorId: user.id,
    });
    return rows.map((r) => r.id);
  });
}

export async function recordNominationOutcome(
  db: Db,
  user: CurrentUser,
  id: number,
  outcome: "nominated" | "completed" | "not_completed" | "withdrawn",
  hours: number,
): Promise<void> {
  requireManager(user);
  await db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom("trainingNominations").selectAll().where("id", "=", id).where("officeId", "=", user.officeId).forUpdate().executeTakeFirst();
    if (!row) throw new Response("Not Found", { status: 404 });
    await trx.updateTable("trainingNominations").set({ outcome, hours, updatedAt: new Date() }).where("id", "=", id).execute();
    await recordAudit(trx, { actorUserId: user.id, officeId: user.officeId, action: "training.nominationOutcome", entityType: "trainingNomination", entityId: id, before: { outcome: row.outcome, hours: row.hours }, after: { outcome, hours } });
  });
}

// ------------------------------------------------------------------------------ hours against the target

export async function getTarget(db: Executor, officeId: number, year: number): Promise<YearlyTarget | null> {
  const row = await db.selectFrom("trainingTargets").select(["totalHours", "digitalHours"]).where("officeId", "=", officeId).where("year", "=", year).executeTakeFirst();
  return row ? { totalHours: Number(row.totalHours), digitalHours: Number(row.digitalHours) } : null;
}

export async function setTarget(db: Db, user: CurrentUser, year: number, target: YearlyTarget): Promise<void> {
  requireManager(user);
  if (target.digitalHours > target.totalHours) throw new DomainError("digitalHours", "數位學習時數是總時數的一部分，不能多於總時數。");
  await db.transaction().execute(async (trx) => {
    const before = await getTarget(trx, user.officeId, year);
    await trx
      .insertInto("trainingTargets")
      .values({ officeId: user.officeId, year, totalHours: target.totalHours, digitalHours: target.digitalHours, updatedBy: user.id })
      .onConflict((oc) => oc.columns(["officeId", "year"]).doUpdateSet({ totalHours: target.totalHours, digitalHours: target.digitalHours, updatedBy: user.id, updatedAt: new Date() }))
      .execute();
    await recordAudit(trx, { actorUserId: user.id, officeId: user.officeId, action: "training.target", entityType: "trainingTarget", entityId: `${user.officeId}-${year}`, before, after: target });
  });
}

/** Every colleague's hours in a (Gregorian) year, against the office's target: the roster supervisors export. */
export async function hoursRoster(db: Executor, officeId: number, year: number, now = new Date(), onlyUserId?: number) {
  // A wide window: the rules decide the year by the Taipei date of each session's first date.
  const from = new Date(Date.UTC(year - 1, 11, 31));
  const to = new Date(Date.UTC(year + 1, 0, 2));
  const sessions = await db
    .selectFrom("trainingSessions as s")
    .select(["s.id", "s.status", "s.creditedHours"])
    .where("s.officeId", "=", officeId)
    .where((eb) => eb.exists(eb.selectFrom("trainingSessionDates as d").select("d.id").whereRef("d.sessionId", "=", "s.id").where("d.startsAt", ">=", from).where("d.startsAt", "<", to)))
    // One person's hours (the home page, every visit) need only the sessions they were enrolled in.
    .$if(onlyUserId !== undefined, (q) => q.where((eb) => eb.exists(eb.selectFrom("enrolments as e").select("e.sessionId").whereRef("e.sessionId", "=", "s.id").where("e.userId", "=", onlyUserId!))))
    .execute();
  const ids = sessions.map((s) => s.id);
  const dates = ids.length ? await db.selectFrom("trainingSessionDates").select(["sessionId", "startsAt", "endsAt"]).where("sessionId", "in", ids).execute() : [];
  const attendance = ids.length
    ? await db
        .selectFrom("enrolments")
        .select(["sessionId", "userId", "status", "hours", "since"])
        .where("sessionId", "in", ids)
        .where("status", "in", ["attended", "partly_attended", "absent", "excused"])
        .$if(onlyUserId !== undefined, (q) => q.where("userId", "=", onlyUserId!))
        .execute()
    : [];
  const elearning = await db
    .selectFrom("elearningRecords")
    .select(["id", "userId", "platform", "hours", sql<string>`to_char(completed_on, 'YYYY-MM-DD')`.as("completedOn"), "certificateNumber", "status"])
    .where("officeId", "=", officeId)
    .where("status", "=", "approved")
    // A date range rather than extract(year …), so the index on the date can serve it as years pile up.
    .where("completedOn", ">=", `${year}-01-01`)
    .where("completedOn", "<", `${year + 1}-01-01`)
    .$if(onlyUserId !== undefined, (q) => q.where("userId", "=", onlyUserId!))
    .execute();
  const nominations = await db
    .selectFrom("trainingNominations")
    .select(["id", "userId", "hours", sql<string>`to_char(ends_on, 'YYYY-MM-DD')`.as("endsOn"), "outcome"])
    .where("officeId", "=", officeId)
    .where("endsOn", ">=", `${year}-01-01`)
    .where("endsOn", "<", `${year + 1}-01-01`)
    .$if(onlyUserId !== undefined, (q) => q.where("userId", "=", onlyUserId!))
    .execute();
  const people =
    onlyUserId !== undefined
      ? await db.selectFrom("users").select(["id", "name", "employeeNo", "title"]).where("id", "=", onlyUserId).execute()
      : await db
          .selectFrom("users as u")
          .select(["u.id", "u.name", "u.employeeNo", "u.title"])
          .where("u.active", "=", true)
          .where((eb) =>
            eb.exists(
              eb.selectFrom("userRoles as r").select("r.userId").whereRef("r.userId", "=", "u.id").where("r.officeId", "=", officeId).where("r.role", "in", ["staff", "committee", "chair", "supervisor", "director"]),
            ),
          )
          .orderBy("u.employeeNo")
          .execute();
  const hours = hoursByPerson(
    {
      sessions: sessions.map((s) => ({
        id: s.id,
        status: s.status,
        creditedHours: Number(s.creditedHours),
        dates: dates.filter((d) => d.sessionId === s.id).map((d) => ({ startsAt: new Date(d.startsAt), endsAt: new Date(d.endsAt) })),
      })),
      attendance: attendance.map((a) => ({ sessionId: a.sessionId, userId: a.userId, status: a.status, hours: a.hours === null ? null : Number(a.hours), recordedAt: new Date(a.since) })),
      elearning: elearning.map((e) => ({ ...e, hours: Number(e.hours), status: e.status })),
      nominations: nominations.map((n) => ({ ...n, hours: Number(n.hours) })),
    },
    year,
    people.map((p) => p.id),
  );
  const stored = await getTarget(db, officeId, year);
  const target = stored ?? { totalHours: 0, digitalHours: 0 };
  const hasTarget = stored !== null;
  return {
    year,
    target,
    hasTarget,
    rows: people.map((p) => {
      const h = hours.find((x) => x.userId === p.id)!;
      return { ...p, ...h, progress: progressAgainstTarget(h, target, now) };
    }),
  };
}

// ------------------------------------------------------------------------------ the calendar feed

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** A new secret feed address for this person (the old one stops working). Shown once; only its hash is kept. */
export async function renewFeedToken(db: Db, user: CurrentUser): Promise<string> {
  const token = randomBytes(24).toString("base64url");
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("calendarFeedTokens")
      .values({ userId: user.id, tokenHash: hashToken(token) })
      .onConflict((oc) => oc.column("userId").doUpdateSet({ tokenHash: hashToken(token), createdAt: new Date() }))
      .execute();
    await recordAudit(trx, { actorUserId: user.id, officeId: user.officeId, action: "training.feedToken", entityType: "user", entityId: user.id });
  });
  return token;
}

export async function revokeFeedToken(db: Db, user: CurrentUser): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("calendarFeedTokens").where("userId", "=", user.id).execute();
    await recordAudit(trx, { actorUserId: user.id, officeId: user.officeId, action: "training.feedTokenRevoke", entityType: "user", entityId: user.id });
  });
}

export async function hasFeedToken(db: Executor, userId: number): Promise<{ createdAt: string } | null> {
  const row = await db.selectFrom("calendarFeedTokens").select("createdAt").where("userId", "=", userId).executeTakeFirst();
  return row ? { createdAt: row.createdAt.toISOString() } : null;
}

/**
 * The iCalendar feed behind a secret address, or null for an unknown (or revoked) token: the person's
 * sessions (booked, waiting, requested, attended…) from a year back on, cancelled ones marked.
 */
export async function feedFor(db: Executor, token: string, baseUrl: string, now = new Date()): Promise<string | null> {
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return null;
  const owner = await db
    .selectFrom("calendarFeedTokens as t")
    .innerJoin("users as u", "u.id", "t.userId")
    .select(["u.id", "u.name", "u.active"])
    .where("t.tokenHash", "=", hashToken(token))
    .executeTakeFirst();
  if (!owner || !owner.active) return null;
  const rows = await db
    .selectFrom("enrolments as e")
    .innerJoin("trainingSessions as s", "s.id", "e.sessionId")
    .select(["s.id", "s.title", "s.kind", "s.description", "s.instructor", "s.place", "s.status", "s.creditedHours", "s.updatedAt", "e.status as enrolmentStatus"])
    .where("e.userId", "=", owner.id)
    .where("e.status", "!=", "cancelled")
    .execute();
  const ids = rows.map((r) => r.id);
  const dates = ids.length ? await db.selectFrom("trainingSessionDates").select(["sessionId", "startsAt", "endsAt"]).where("sessionId", "in", ids).execute() : [];
  const yearAgo = now.getTime() - 366 * 86_400_000;
  const sessions = rows
    .map((r) => ({
      id: r.id,
      title: r.title,
      kind: r.kind,
      description: r.description,
      instructor: r.instructor,
      place: r.place,
      status: r.status,
      creditedHours: Number(r.creditedHours),
      url: `${baseUrl}/training/${r.id}`,
      updatedAt: r.updatedAt,
      enrolmentStatus: r.enrolmentStatus,
      dates: dates.filter((d) => d.sessionId === r.id).map((d) => ({ startsAt: new Date(d.startsAt), endsAt: new Date(d.endsAt) })),
    }))
    .filter((s) => s.dates.some((d) => d.endsAt.getTime() >= yearAgo));
  return buildTrainingCalendar(sessions, { calendarName: `${owner.name}的訓練課程`, now });
}

/**
 * For the home page, for supervisors: the sessions held without attendance taken and the e-learning
 * records waiting for verification (my own sessions: home.server.ts listMySessions).
 */
export async function trainingWaitingFor(db: Executor, user: CurrentUser, now = new Date()) {
  let withoutAttendance: { id: number; title: string }[] = [];
  let elearningToVerify = 0;
  if (isTrainingManager(user)) {
    withoutAttendance = await db
      .selectFrom("trainingSessions as s")
      .select(["s.id", "s.title"])
      .where("s.officeId", "=", user.officeId)
      .where("s.status", "=", "scheduled")
      .where((eb) => eb.not(eb.exists(eb.selectFrom("trainingSessionDates as d").select("d.id").whereRef("d.sessionId", "=", "s.id").where("d.endsAt", ">", now))))
      .where((eb) => eb.exists(eb.selectFrom("enrolments as e").select("e.id").whereRef("e.sessionId", "=", "s.id").where("e.status", "=", "booked")))
      .orderBy("s.id")
      .execute();
    const row = await db
      .selectFrom("elearningRecords")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("officeId", "=", user.officeId)
      .where("status", "=", "pending")
      .where("userId", "!=", user.id)
      .executeTakeFirstOrThrow();
    elearningToVerify = Number(row.n);
  }
  return {
    withoutAttendance,
    elearningToVerify,
  };
}

/**
 * A supervisor puts a colleague on the roster, at any time — also after the session, to record who
 * came to a session nobody signed up for beforehand (sign-up closes when a session starts). Booked
 * whatever the capacity: the supervisor decides; a cancelled enrolment is booked again.
 */
export async function addToRoster(db: Db, user: CurrentUser, sessionId: number, userId: number, now = new Date()): Promise<void> {
  requireManager(user);
  await db.transaction().execute(async (trx) => {
    const session = await enrolmentSession(trx, user.officeId, sessionId, true);
    if (session.status === "cancelled") throw new DomainError("_form", "本場次已取消，不能加入名單。");
    const person = (await officePeople(trx, user.officeId)).find((p) => p.id === userId);
    if (!person) throw new DomainError("userId", "errors.training.unknownPerson");
    const existing = (await enrolmentsOf(trx, sessionId)).find((e) => e.userId === userId);
    if (existing && existing.status !== "cancelled") throw new DomainError("userId", "這位同仁已在名單上。");
    await writeChanges(
      trx,
      user,
      session,
      [{ enrolmentId: existing?.id ?? null, userId, from: existing ? "cancelled" : null, to: "booked", event: "sign_up", required: session.required && isInAudience(session, person) }],
      now,
    );
    await recordAudit(trx, { actorUserId: user.id, officeId: user.officeId, action: "training.addToRoster", entityType: "trainingSession", entityId: sessionId, after: { userId } });
  });
}
