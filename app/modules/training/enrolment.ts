// Enrolment in a training session (報名、候補、遞補、出席登錄) as pure rules: who may sign up, who
// gets a seat and who waits, who is promoted when a seat frees, and how attendance is recorded.
// Issue 5 ("Enrolment", "Attendance after the session", "Capacity holds under concurrent
// sign-ups"); anchors: Moodle's face-to-face activity and Totara seminars. Pure (ARCHITECTURE rule
// 6): the server locks the session row (`select … for update`), loads its enrolments, asks these
// functions, and writes the returned changes with their status-history and audit rows in the same
// transaction — so two people taking the last seat are decided one after the other: one books,
// one waits. Statuses and changes are tabled in README.md beside this file.
import { sessionPhase, type SessionPhase, type TrainingSessionCore, type UserId } from "./session";

export type EnrolmentId = number;

export const ENROLMENT_STATUSES = [
  "requested",
  "booked",
  "waitlisted",
  "cancelled",
  "attended",
  "partly_attended",
  "absent",
  "excused",
] as const;
export type EnrolmentStatus = (typeof ENROLMENT_STATUSES)[number];

/** zh-TW names for lists, the roster and the status history. */
export const ENROLMENT_STATUS_LABELS: Record<EnrolmentStatus, string> = {
  requested: "待主管核可",
  booked: "已報名",
  waitlisted: "候補中",
  cancelled: "已取消",
  attended: "出席",
  partly_attended: "部分出席",
  absent: "缺席",
  excused: "請假",
};

/** Still signed up and waiting for the session: cancelling is possible. */
export const PENDING_STATUSES: readonly EnrolmentStatus[] = ["requested", "booked", "waitlisted"];
/** What a supervisor records after the session has started (issue 5: present / partly / absent / excused). */
export const ATTENDANCE_STATUSES = ["attended", "partly_attended", "absent", "excused"] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];
/** These occupy a seat: a person marked present or absent had been booked into one. */
export const SEAT_HOLDING_STATUSES: readonly EnrolmentStatus[] = ["booked", ...ATTENDANCE_STATUSES];

export const isAttendanceStatus = (status: EnrolmentStatus): status is AttendanceStatus =>
  (ATTENDANCE_STATUSES as readonly EnrolmentStatus[]).includes(status);

/** What caused a change; stored with each status-history row. */
export const ENROLMENT_EVENTS = [
  "sign_up",
  "auto_enrol",
  "approve",
  "decline",
  "cancel",
  "remove",
  "promote",
  "mark_attendance",
  "session_cancelled",
] as const;
export type EnrolmentEvent = (typeof ENROLMENT_EVENTS)[number];

export const ENROLMENT_EVENT_LABELS: Record<EnrolmentEvent, string> = {
  sign_up: "報名",
  auto_enrol: "必訓對象自動報名",
  approve: "主管核可",
  decline: "主管不予核可",
  cancel: "本人取消報名",
  remove: "主管取消報名",
  promote: "候補遞補",
  mark_attendance: "登錄出席",
  session_cancelled: "場次取消",
};

export type ChangeActor = "self" | "supervisor" | "system";

export interface AllowedStatusChange {
  /** `null`: the enrolment does not exist yet. */
  from: EnrolmentStatus | null;
  to: EnrolmentStatus;
  event: EnrolmentEvent;
  by: ChangeActor;
}

const rows = (
  from: readonly (EnrolmentStatus | null)[],
  to: readonly EnrolmentStatus[],
  event: EnrolmentEvent,
  by: ChangeActor,
): AllowedStatusChange[] => from.flatMap((f) => to.map((t) => ({ from: f, to: t, event, by })));

/**
 * Every status change the module makes; anything else is refused. A cancelled enrolment may sign
 * up again (it goes to the back of the waitlist if the session is full). Attendance may be changed
 * later, among the four attendance statuses only (issue 5: "changing attendance later updates the
 * hours"); it never goes back to `booked`.
 */
export const ALLOWED_STATUS_CHANGES: readonly AllowedStatusChange[] = [
  ...rows([null, "cancelled"], ["booked", "waitlisted", "requested"], "sign_up", "self"),
  ...rows([null], ["booked"], "auto_enrol", "system"),
  ...rows(["requested"], ["booked", "waitlisted"], "approve", "supervisor"),
  ...rows(["requested"], ["cancelled"], "decline", "supervisor"),
  ...rows(["requested", "booked", "waitlisted"], ["cancelled"], "cancel", "self"),
  ...rows(["requested", "booked", "waitlisted"], ["cancelled"], "remove", "supervisor"),
  ...rows(["requested", "booked", "waitlisted"], ["cancelled"], "session_cancelled", "system"),
  ...rows(["waitlisted"], ["booked"], "promote", "system"),
  ...rows(["booked", ...ATTENDANCE_STATUSES], ATTENDANCE_STATUSES, "mark_attendance", "supervisor"),
];

/** Whether any event may move an enrolment from `from` to `to` (`null`: a new enrolment). */
export function canChangeStatus(from: EnrolmentStatus | null, to: EnrolmentStatus): boolean {
  return ALLOWED_STATUS_CHANGES.some((c) => c.from === from && c.to === to);
}

// ------------------------------------------------------------------------------ inputs

/** Who a session is for (issue 5: "audience (whole office, roles, people)"); any match counts. */
export interface Audience {
  wholeOffice: boolean;
  roles: readonly string[];
  userIds: readonly UserId[];
}

export interface EnrolmentSession extends TrainingSessionCore {
  officeId: number;
  /** Seats; `null` means no limit. */
  capacity: number | null;
  /** Required sessions enrol their audience automatically, outside the waitlist. */
  required: boolean;
  /** Sign-ups wait for a supervisor's approval (e.g. a seat at an outside course, 遴派). */
  approvalRequired: boolean;
  audience: Audience;
}

export interface Person {
  id: UserId;
  officeId: number;
  roles: readonly string[];
}

export interface Enrolment {
  id: EnrolmentId;
  userId: UserId;
  status: EnrolmentStatus;
  /** When the current status began; for `waitlisted`, the moment the person joined the waitlist. */
  since: Date;
  /** Enrolled as a member of a required session's audience (auto-enrolment or own sign-up). */
  required: boolean;
  /** For `partly_attended`: the hours this person was present. */
  hours?: number | null;
}

/** One row the server writes (status history + the enrolment's new status). */
export interface EnrolmentChange {
  /** `null` for a new enrolment. */
  enrolmentId: EnrolmentId | null;
  userId: UserId;
  from: EnrolmentStatus | null;
  to: EnrolmentStatus;
  event: EnrolmentEvent;
  /** Set by `mark_attendance`: the partly-attended hours, `null` otherwise. */
  hours?: number | null;
  /** A supervisor's reason (decline). */
  reason?: string;
  /** A new or renewed enrolment as a member of a required session's audience (store as `Enrolment.required`). */
  required?: boolean;
}

// ------------------------------------------------------------------------------ refusals

/** Stable codes for refusals, for i18n catalogs and tests; `reason` is the zh-TW sentence. */
export type EnrolmentRefusalCode =
  | "session_cancelled"
  | "session_started"
  | "session_over"
  | "session_not_started"
  | "other_office"
  | "not_in_audience"
  | "already_signed_up"
  | "already_cancelled"
  | "attendance_recorded"
  | "required_session"
  | "no_seat"
  | "not_requested"
  | "reason_required"
  | "invalid_hours"
  | "invalid_capacity"
  | "not_found";

export interface EnrolmentRefusal {
  ok: false;
  code: EnrolmentRefusalCode;
  reason: string;
}

const refuse = (code: EnrolmentRefusalCode, reason: string): EnrolmentRefusal => ({ ok: false, code, reason });

// ------------------------------------------------------------------------------ audience and seats

/** Whether a person belongs to the session's audience: same office, and the whole office, one of the roles, or named. */
export function isInAudience(session: Pick<EnrolmentSession, "officeId" | "audience">, person: Person): boolean {
  if (person.officeId !== session.officeId) return false;
  const { audience } = session;
  return audience.wholeOffice || audience.userIds.includes(person.id) || person.roles.some((r) => audience.roles.includes(r));
}

/** The waitlist in promotion order: earliest to join first, ties by enrolment id. */
export function orderedWaitlist(enrolments: readonly Enrolment[]): Enrolment[] {
  return enrolments
    .filter((e) => e.status === "waitlisted")
    .sort((a, b) => a.since.getTime() - b.since.getTime() || a.id - b.id);
}

/** 1-based place on the waitlist, or `null` when the enrolment is not waiting. */
export function waitlistPosition(enrolments: readonly Enrolment[], enrolmentId: EnrolmentId): number | null {
  const index = orderedWaitlist(enrolments).findIndex((e) => e.id === enrolmentId);
  return index === -1 ? null : index + 1;
}

export interface SeatCount {
  capacity: number | null;
  taken: number;
  /** `null` when there is no limit; never negative (a lowered capacity keeps its bookings). */
  free: number | null;
  waiting: number;
}

export function seatCount(session: Pick<EnrolmentSession, "capacity">, enrolments: readonly Enrolment[]): SeatCount {
  const taken = enrolments.filter((e) => SEAT_HOLDING_STATUSES.includes(e.status)).length;
  const waiting = enrolments.filter((e) => e.status === "waitlisted").length;
  const free = session.capacity === null ? null : Math.max(0, session.capacity - taken);
  return { capacity: session.capacity, taken, free, waiting };
}

/**
 * Whether a newcomer (a volunteer, or someone just approved) gets a seat now. Not while others
 * are already waiting for the free seats: nobody jumps the waitlist, even in the moment between a
 * capacity rise and the promotion that follows it.
 */
function newcomerGetsSeat(session: Pick<EnrolmentSession, "capacity">, enrolments: readonly Enrolment[]): boolean {
  const { free, waiting } = seatCount(session, enrolments);
  return free === null || free > waiting;
}

function phaseRefusal(phase: SessionPhase, action: "報名" | "取消報名"): EnrolmentRefusal | null {
  if (phase === "cancelled") return refuse("session_cancelled", `本場次已取消，不能${action}。`);
  if (phase === "over") return refuse("session_over", `本場次已結束，不能${action}。`);
  if (phase === "in_progress") {
    return action === "報名"
      ? refuse("session_started", "本場次已開始，不能再報名。")
      : refuse("session_started", "本場次已開始，不能取消報名；未能出席請向主管請假。");
  }
  return null;
}

/** The sentence for someone who already has an enrolment that is not cancelled. */
function alreadySignedUp(existing: Enrolment, enrolments: readonly Enrolment[]): EnrolmentRefusal {
  switch (existing.status) {
    case "requested":
      return refuse("already_signed_up", "您已申請報名本場次，正等候主管核可。");
    case "waitlisted":
      return refuse("already_signed_up", `您已在本場次的候補名單中（第 ${waitlistPosition(enrolments, existing.id)} 位）。`);
    case "booked":
      return refuse("already_signed_up", "您已報名本場次。");
    default:
      return refuse("already_signed_up", `您在本場次已有出席紀錄（${ENROLMENT_STATUS_LABELS[existing.status]}），不能重複報名。`);
  }
}

// ------------------------------------------------------------------------------ sign up

export type SignUpDecision =
  | {
      ok: true;
      change: EnrolmentChange;
      /** 1-based place when the person is put on the waitlist. */
      waitlistPosition: number | null;
    }
  | EnrolmentRefusal;

/**
 * A person signs up for a session. The answer, in order of what the person would want to hear:
 * the session is cancelled; they already have an enrolment; the session is over or has started;
 * they are from another office or outside the audience. Then:
 * - a member of a required session's audience is booked whatever the capacity (they must attend;
 *   the supervisor chose the audience, so there is no waitlist for them);
 * - anyone else is a volunteer: on a required session any colleague of the same office may
 *   volunteer, on an optional session only the audience may sign up; a volunteer's sign-up waits
 *   for approval when the session asks for it, and otherwise is booked while a seat is free
 *   (and nobody is waiting for it) or put at the back of the waitlist.
 * A cancelled enrolment may sign up again; `enrolmentId` then names that row.
 */
export function decideSignUp(
  session: EnrolmentSession,
  person: Person,
  enrolments: readonly Enrolment[],
  now: Date,
): SignUpDecision {
  const phase = sessionPhase(session, now);
  if (phase === "cancelled") return phaseRefusal(phase, "報名")!;
  const existing = enrolments.find((e) => e.userId === person.id);
  if (existing && existing.status !== "cancelled") return alreadySignedUp(existing, enrolments);
  const tooLate = phaseRefusal(phase, "報名");
  if (tooLate) return tooLate;
  if (person.officeId !== session.officeId) return refuse("other_office", "本場次由其他機關辦理，不開放您報名。");

  const inAudience = isInAudience(session, person);
  const base = { enrolmentId: existing?.id ?? null, userId: person.id, from: existing ? ("cancelled" as const) : null, event: "sign_up" as const };
  if (session.required && inAudience) {
    return { ok: true, change: { ...base, to: "booked", required: true }, waitlistPosition: null };
  }
  if (!session.required && !inAudience) {
    return refuse("not_in_audience", "本場次只開放指定的對象報名，您不在報名對象之內。");
  }
  if (session.approvalRequired) return { ok: true, change: { ...base, to: "requested" }, waitlistPosition: null };
  if (newcomerGetsSeat(session, enrolments)) return { ok: true, change: { ...base, to: "booked" }, waitlistPosition: null };
  return { ok: true, change: { ...base, to: "waitlisted" }, waitlistPosition: seatCount(session, enrolments).waiting + 1 };
}

/**
 * The required audience that has no enrolment yet, booked (issue 5: "required audience is enrolled
 * automatically"), for an upcoming required session only. Run when a required session is created
 * and when its audience or the office's staff change. People who already have an enrolment —
 * including one a supervisor cancelled (removed) — are left alone, so a removal sticks.
 */
export function autoEnrolments(
  session: EnrolmentSession,
  people: readonly Person[],
  enrolments: readonly Enrolment[],
  now: Date,
): EnrolmentChange[] {
  if (!session.required || sessionPhase(session, now) !== "upcoming") return [];
  const enrolled = new Set(enrolments.map((e) => e.userId));
  return people
    .filter((p) => isInAudience(session, p) && !enrolled.has(p.id))
    .map((p) => ({ enrolmentId: null, userId: p.id, from: null, to: "booked" as const, event: "auto_enrol" as const, required: true }));
}

// ------------------------------------------------------------------------------ waitlist

/**
 * Waitlisted people to book now, earliest first, filling every free seat (a capacity rise may
 * free several at once; no limit books everyone). Only before the session starts: a seat that
 * frees during the session is of no use to someone who was not told to come.
 */
export function promotionsFromWaitlist(session: EnrolmentSession, enrolments: readonly Enrolment[], now: Date): EnrolmentChange[] {
  if (sessionPhase(session, now) !== "upcoming") return [];
  const { free } = seatCount(session, enrolments);
  const waiting = orderedWaitlist(enrolments);
  const promoted = free === null ? waiting : waiting.slice(0, free);
  return promoted.map((e) => ({ enrolmentId: e.id, userId: e.userId, from: "waitlisted" as const, to: "booked" as const, event: "promote" as const }));
}

/** Apply changes to an in-memory list (for chaining decisions, and for tests). */
export function applyChanges(enrolments: readonly Enrolment[], changes: readonly EnrolmentChange[], at: Date): Enrolment[] {
  let nextId = Math.max(0, ...enrolments.map((e) => e.id)) + 1;
  const result = enrolments.map((e) => ({ ...e }));
  for (const change of changes) {
    const target = change.enrolmentId === null ? undefined : result.find((e) => e.id === change.enrolmentId);
    if (target) {
      target.status = change.to;
      target.since = at;
      if (change.hours !== undefined) target.hours = change.hours;
      if (change.required !== undefined) target.required = change.required;
    } else {
      result.push({ id: nextId++, userId: change.userId, status: change.to, since: at, required: change.required ?? false, hours: change.hours ?? null });
    }
  }
  return result;
}

export type ChangesDecision = { ok: true; changes: EnrolmentChange[] } | EnrolmentRefusal;

function findEnrolment(enrolments: readonly Enrolment[], enrolmentId: EnrolmentId): Enrolment | EnrolmentRefusal {
  return enrolments.find((e) => e.id === enrolmentId) ?? refuse("not_found", "找不到這筆報名資料。");
}
const isRefusal = (x: unknown): x is EnrolmentRefusal => typeof x === "object" && x !== null && (x as { ok?: unknown }).ok === false;

/**
 * Cancel an enrolment, by the person (`self`) or a supervisor removing them (`supervisor`); a
 * freed seat goes to the waitlist at once (the returned changes include the promotions).
 * Refused once the session has started: whoever does not come is then marked absent or excused.
 * A member of a required session's audience cannot cancel on their own — they ask their
 * supervisor for leave (請假), who may remove them.
 */
export function decideCancellation(
  session: EnrolmentSession,
  enrolments: readonly Enrolment[],
  enrolmentId: EnrolmentId,
  by: "self" | "supervisor",
  now: Date,
): ChangesDecision {
  const enrolment = findEnrolment(enrolments, enrolmentId);
  if (isRefusal(enrolment)) return enrolment;
  if (enrolment.status === "cancelled") return refuse("already_cancelled", "這筆報名已經取消。");
  if (isAttendanceStatus(enrolment.status)) return refuse("attendance_recorded", "已登錄出席紀錄，不能取消報名。");
  const tooLate = phaseRefusal(sessionPhase(session, now), "取消報名");
  if (tooLate) return tooLate;
  if (by === "self" && session.required && enrolment.required) {
    return refuse("required_session", "本場次是您的必訓課程，不能自行取消報名；無法出席請向主管請假。");
  }
  const cancel: EnrolmentChange = {
    enrolmentId: enrolment.id,
    userId: enrolment.userId,
    from: enrolment.status,
    to: "cancelled",
    event: by === "self" ? "cancel" : "remove",
  };
  const after = applyChanges(enrolments, [cancel], now);
  return { ok: true, changes: [cancel, ...promotionsFromWaitlist(session, after, now)] };
}

/**
 * A supervisor approves or declines a sign-up that waits for approval. Approved, it is booked if
 * a seat is free (and nobody waits for it), otherwise waitlisted from now. Declining needs a
 * reason the person will read.
 */
export function decideApproval(
  session: EnrolmentSession,
  enrolments: readonly Enrolment[],
  enrolmentId: EnrolmentId,
  decision: { approve: true } | { approve: false; reason: string },
  now: Date,
): ChangesDecision {
  const enrolment = findEnrolment(enrolments, enrolmentId);
  if (isRefusal(enrolment)) return enrolment;
  if (enrolment.status !== "requested") {
    return refuse("not_requested", `這筆報名目前為「${ENROLMENT_STATUS_LABELS[enrolment.status]}」，不是待核可的申請。`);
  }
  const phase = sessionPhase(session, now);
  if (phase === "cancelled") return refuse("session_cancelled", "本場次已取消，不能核可報名。");
  const base = { enrolmentId: enrolment.id, userId: enrolment.userId, from: "requested" as const };
  if (!decision.approve) {
    if (!decision.reason || decision.reason.trim() === "") return refuse("reason_required", "不予核可必須填寫理由，讓申請人知道原因。");
    return { ok: true, changes: [{ ...base, to: "cancelled", event: "decline", reason: decision.reason.trim() }] };
  }
  if (phase === "over") return refuse("session_over", "本場次已結束，不能再核可報名。");
  if (phase === "in_progress") return refuse("session_started", "本場次已開始，不能再核可報名。");
  const to = newcomerGetsSeat(session, enrolments) ? "booked" : "waitlisted";
  return { ok: true, changes: [{ ...base, to, event: "approve" }] };
}

/**
 * A supervisor changes the capacity. A rise books as many waiting people as the new seats allow;
 * a cut below the bookings keeps every booking (nobody is bumped) and only stops new ones until
 * cancellations bring the count under the limit — `overbookedBy` tells the supervisor by how much.
 */
export function decideCapacityChange(
  session: EnrolmentSession,
  enrolments: readonly Enrolment[],
  capacity: number | null,
  now: Date,
): { ok: true; changes: EnrolmentChange[]; overbookedBy: number } | EnrolmentRefusal {
  if (capacity !== null && (!Number.isInteger(capacity) || capacity < 1)) {
    return refuse("invalid_capacity", "名額必須是 1 以上的整數；不限名額請留空。");
  }
  const changed = { ...session, capacity };
  const { taken } = seatCount(changed, enrolments);
  return {
    ok: true,
    changes: promotionsFromWaitlist(changed, enrolments, now),
    overbookedBy: capacity === null ? 0 : Math.max(0, taken - capacity),
  };
}

/** A supervisor cancels the session: every pending enrolment is cancelled (and those people notified). */
export function cancellationsForCancelledSession(enrolments: readonly Enrolment[]): EnrolmentChange[] {
  return enrolments
    .filter((e) => PENDING_STATUSES.includes(e.status))
    .map((e) => ({ enrolmentId: e.id, userId: e.userId, from: e.status, to: "cancelled" as const, event: "session_cancelled" as const }));
}

// ------------------------------------------------------------------------------ attendance

export type AttendanceMark =
  | { status: "attended" | "absent" | "excused" }
  | { status: "partly_attended"; hours: number };

/**
 * A supervisor records one person's attendance (issue 5: present / partly / absent / excused).
 * Possible from the session's first start on (the sign-in sheet goes round in the room) and at
 * any time after, and again later to correct it; only for people who were booked. Partly present
 * needs the hours actually attended: more than 0 and at most the session's credited hours.
 */
export function decideAttendance(
  session: EnrolmentSession,
  enrolment: Enrolment,
  mark: AttendanceMark,
  now: Date,
): { ok: true; change: EnrolmentChange } | EnrolmentRefusal {
  const phase = sessionPhase(session, now);
  if (phase === "cancelled") return refuse("session_cancelled", "本場次已取消，不登錄出席。");
  if (phase === "upcoming") return refuse("session_not_started", "本場次尚未開始，不能登錄出席。");
  switch (enrolment.status) {
    case "waitlisted":
      return refuse("no_seat", "這位同仁仍在候補名單中，沒有取得名額，不能登錄出席。");
    case "requested":
      return refuse("no_seat", "這位同仁的報名尚待主管核可，不能登錄出席。");
    case "cancelled":
      return refuse("already_cancelled", "這位同仁已取消報名，不能登錄出席。");
  }
  let hours: number | null = null;
  if (mark.status === "partly_attended") {
    if (!Number.isFinite(mark.hours) || mark.hours <= 0 || mark.hours > session.creditedHours) {
      return refuse("invalid_hours", `部分出席必須填寫實際出席時數：大於 0，且不超過本場次認列的 ${session.creditedHours} 小時。`);
    }
    hours = mark.hours;
  }
  return {
    ok: true,
    change: { enrolmentId: enrolment.id, userId: enrolment.userId, from: enrolment.status, to: mark.status, event: "mark_attendance", hours },
  };
}

/**
 * Bulk "all present" (issue 5): everyone still `booked` is marked attended; marks already
 * recorded (someone absent, someone partly there) are kept, so the button can be pressed after
 * recording the exceptions.
 */
export function decideAllPresent(session: EnrolmentSession, enrolments: readonly Enrolment[], now: Date): ChangesDecision {
  const phase = sessionPhase(session, now);
  if (phase === "cancelled") return refuse("session_cancelled", "本場次已取消，不登錄出席。");
  if (phase === "upcoming") return refuse("session_not_started", "本場次尚未開始，不能登錄出席。");
  return {
    ok: true,
    changes: enrolments
      .filter((e) => e.status === "booked")
      .map((e) => ({ enrolmentId: e.id, userId: e.userId, from: "booked" as const, to: "attended" as const, event: "mark_attendance" as const, hours: null })),
  };
}
