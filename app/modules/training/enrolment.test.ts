import { describe, expect, it } from "vitest";
import {
  ENROLMENT_STATUSES,
  ENROLMENT_STATUS_LABELS,
  applyChanges,
  autoEnrolments,
  canChangeStatus,
  cancellationsForCancelledSession,
  decideAllPresent,
  decideApproval,
  decideAttendance,
  decideCancellation,
  decideCapacityChange,
  decideSignUp,
  isInAudience,
  orderedWaitlist,
  promotionsFromWaitlist,
  waitlistPosition,
  type Enrolment,
  type EnrolmentSession,
  type EnrolmentStatus,
  type Person,
} from "./enrolment";

// Times are written in Taipei (+08:00), as a supervisor would plan them.
const t = (local: string) => new Date(`${local}+08:00`);
const BEFORE = t("2026-03-01T09:00:00");
const DURING = t("2026-03-10T10:00:00");
const AFTER = t("2026-03-10T17:00:00");

function session(over: Partial<EnrolmentSession> = {}): EnrolmentSession {
  return {
    id: 7,
    officeId: 1,
    status: "scheduled",
    dates: [{ startsAt: t("2026-03-10T09:00:00"), endsAt: t("2026-03-10T12:00:00") }],
    creditedHours: 3,
    capacity: 2,
    required: false,
    approvalRequired: false,
    audience: { wholeOffice: true, roles: [], userIds: [] },
    ...over,
  };
}
const person = (id: number, over: Partial<Person> = {}): Person => ({ id, officeId: 1, roles: ["clerk"], ...over });
let nextId = 100;
const enrolment = (userId: number, status: EnrolmentStatus, since = t("2026-02-01T09:00:00"), over: Partial<Enrolment> = {}): Enrolment => ({
  id: nextId++,
  userId,
  status,
  since,
  required: false,
  hours: null,
  ...over,
});

describe("statuses", () => {
  it("every status has its own zh-TW label", () => {
    const labels = ENROLMENT_STATUSES.map((s) => ENROLMENT_STATUS_LABELS[s]);
    expect(labels).toEqual(["待主管核可", "已報名", "候補中", "已取消", "出席", "部分出席", "缺席", "請假"]);
    expect(new Set(labels).size).toBe(labels.length);
  });
});

describe("canChangeStatus: the allowed changes, written out by hand from issue 5", () => {
  const ATTENDANCE: EnrolmentStatus[] = ["attended", "partly_attended", "absent", "excused"];
  const LEGAL: [EnrolmentStatus | null, EnrolmentStatus][] = [
    [null, "requested"], [null, "booked"], [null, "waitlisted"],
    ["cancelled", "requested"], ["cancelled", "booked"], ["cancelled", "waitlisted"],
    ["requested", "booked"], ["requested", "waitlisted"], ["requested", "cancelled"],
    ["booked", "cancelled"], ["waitlisted", "cancelled"], ["waitlisted", "booked"],
    ...ATTENDANCE.map((a) => ["booked", a] as [EnrolmentStatus, EnrolmentStatus]),
    ...ATTENDANCE.flatMap((a) => ATTENDANCE.map((b) => [a, b] as [EnrolmentStatus, EnrolmentStatus])),
  ];
  const all = [null, ...ENROLMENT_STATUSES].flatMap((from) => ENROLMENT_STATUSES.map((to) => [from, to] as const));
  it.each(all)("%s → %s", (from, to) => {
    expect(canChangeStatus(from, to)).toBe(LEGAL.some(([f, tt]) => f === from && tt === to));
  });
});

describe("isInAudience", () => {
  it.each([
    ["whole office", { wholeOffice: true, roles: [], userIds: [] }, person(1), true],
    ["by role", { wholeOffice: false, roles: ["counter"], userIds: [] }, person(1, { roles: ["clerk", "counter"] }), true],
    ["role not held", { wholeOffice: false, roles: ["counter"], userIds: [] }, person(1), false],
    ["named person", { wholeOffice: false, roles: [], userIds: [1] }, person(1), true],
    ["another office, even if named", { wholeOffice: true, roles: [], userIds: [1] }, person(1, { officeId: 2 }), false],
  ])("%s", (_name, audience, who, expected) => {
    expect(isInAudience(session({ audience }), who)).toBe(expected);
  });
});

describe("decideSignUp", () => {
  it("books while seats are free, then waitlists at the next place", () => {
    const s = session({ capacity: 2 });
    const first = decideSignUp(s, person(1), [], BEFORE);
    expect(first).toMatchObject({ ok: true, change: { to: "booked", from: null, event: "sign_up" }, waitlistPosition: null });
    const full = [enrolment(1, "booked"), enrolment(2, "booked"), enrolment(3, "waitlisted")];
    expect(decideSignUp(s, person(4), full, BEFORE)).toMatchObject({ ok: true, change: { to: "waitlisted" }, waitlistPosition: 2 });
  });

  it("two people taking the last seat, decided one after the other: one books, one waits", () => {
    const s = session({ capacity: 2 });
    let list = [enrolment(1, "booked")];
    const a = decideSignUp(s, person(2), list, BEFORE);
    if (!a.ok) throw new Error(a.reason);
    list = applyChanges(list, [a.change], BEFORE);
    const b = decideSignUp(s, person(3), list, BEFORE);
    expect([a.ok && a.change.to, b.ok && b.change.to]).toEqual(["booked", "waitlisted"]);
  });

  it("no limit: everyone is booked", () => {
    const list = Array.from({ length: 50 }, (_, i) => enrolment(i + 10, "booked"));
    expect(decideSignUp(session({ capacity: null }), person(1), list, BEFORE)).toMatchObject({ ok: true, change: { to: "booked" } });
  });

  it("a newcomer does not jump people already waiting for a seat that just freed", () => {
    const list = [enrolment(1, "booked"), enrolment(2, "waitlisted")];
    expect(decideSignUp(session({ capacity: 2 }), person(3), list, BEFORE)).toMatchObject({ ok: true, change: { to: "waitlisted" }, waitlistPosition: 2 });
  });

  it("signing up again after cancelling reuses the row and goes to the back of the waitlist", () => {
    const mine = enrolment(1, "cancelled");
    const list = [mine, enrolment(2, "booked"), enrolment(3, "booked"), enrolment(4, "waitlisted")];
    expect(decideSignUp(session(), person(1), list, BEFORE)).toMatchObject({
      ok: true,
      change: { enrolmentId: mine.id, from: "cancelled", to: "waitlisted" },
      waitlistPosition: 2,
    });
  });

  it("an approval session puts a volunteer's sign-up to the supervisor", () => {
    expect(decideSignUp(session({ approvalRequired: true }), person(1), [], BEFORE)).toMatchObject({ ok: true, change: { to: "requested" } });
  });

  it("a required session books its audience past capacity, and volunteers wait for the seats left", () => {
    const s = session({ required: true, capacity: 2, audience: { wholeOffice: false, roles: ["counter"], userIds: [] } });
    const list = [enrolment(1, "booked", BEFORE, { required: true }), enrolment(2, "booked", BEFORE, { required: true })];
    expect(decideSignUp(s, person(3, { roles: ["counter"] }), list, BEFORE)).toMatchObject({ ok: true, change: { to: "booked", required: true } });
    expect(decideSignUp(s, person(4, { roles: ["clerk"] }), list, BEFORE)).toMatchObject({ ok: true, change: { to: "waitlisted" } });
  });

  const booked = enrolment(1, "booked");
  const waiting = enrolment(1, "waitlisted");
  it.each<[string, EnrolmentSession, Person, Enrolment[], Date, string, string]>([
    ["cancelled session", session({ status: "cancelled" }), person(1), [], BEFORE, "session_cancelled", "本場次已取消，不能報名。"],
    ["already booked", session(), person(1), [booked], BEFORE, "already_signed_up", "您已報名本場次。"],
    ["already waiting", session(), person(1), [enrolment(9, "waitlisted", t("2026-01-01T09:00:00")), waiting], BEFORE, "already_signed_up", "您已在本場次的候補名單中（第 2 位）。"],
    ["awaiting approval", session(), person(1), [enrolment(1, "requested")], BEFORE, "already_signed_up", "您已申請報名本場次，正等候主管核可。"],
    ["already marked", session(), person(1), [enrolment(1, "attended")], AFTER, "already_signed_up", "您在本場次已有出席紀錄（出席），不能重複報名。"],
    ["started", session(), person(1), [], DURING, "session_started", "本場次已開始，不能再報名。"],
    ["over", session(), person(1), [], AFTER, "session_over", "本場次已結束，不能報名。"],
    ["other office", session(), person(1, { officeId: 2 }), [], BEFORE, "other_office", "本場次由其他機關辦理，不開放您報名。"],
    ["outside the audience", session({ audience: { wholeOffice: false, roles: ["counter"], userIds: [] } }), person(1), [], BEFORE, "not_in_audience", "本場次只開放指定的對象報名，您不在報名對象之內。"],
  ])("refused: %s", (_name, s, who, list, now, code, reason) => {
    expect(decideSignUp(s, who, list, now)).toEqual({ ok: false, code, reason });
  });
});

describe("waitlist order and promotion", () => {
  const early = t("2026-02-01T09:00:00");
  const late = t("2026-02-02T09:00:00");
  const a = enrolment(1, "waitlisted", late);
  const b = enrolment(2, "waitlisted", early, { id: 51 });
  const c = enrolment(3, "waitlisted", early, { id: 50 });

  it("earliest to join first, ties by enrolment id", () => {
    expect(orderedWaitlist([a, b, c]).map((e) => e.userId)).toEqual([3, 2, 1]);
    expect(waitlistPosition([a, b, c], a.id)).toBe(3);
    expect(waitlistPosition([a, b, c], 999)).toBeNull();
  });

  it("a capacity rise books as many as the new seats allow, in order", () => {
    const list = [enrolment(9, "booked"), a, b, c];
    const result = decideCapacityChange(session({ capacity: 1 }), list, 3, BEFORE);
    expect(result).toMatchObject({ ok: true, overbookedBy: 0 });
    if (result.ok) expect(result.changes.map((ch) => [ch.userId, ch.to, ch.event])).toEqual([[3, "booked", "promote"], [2, "booked", "promote"]]);
  });

  it("removing the limit books everyone waiting", () => {
    const result = decideCapacityChange(session(), [enrolment(9, "booked"), a, b, c], null, BEFORE);
    expect(result.ok && result.changes.map((ch) => ch.userId)).toEqual([3, 2, 1]);
  });

  it("a cut below the bookings bumps nobody and says how far over it is", () => {
    const list = [enrolment(1, "booked"), enrolment(2, "booked"), enrolment(3, "booked")];
    expect(decideCapacityChange(session({ capacity: 3 }), list, 1, BEFORE)).toEqual({ ok: true, changes: [], overbookedBy: 2 });
  });

  it.each([0, -1, 2.5])("capacity %s is refused", (capacity) => {
    expect(decideCapacityChange(session(), [], capacity, BEFORE)).toMatchObject({ ok: false, code: "invalid_capacity" });
  });

  it("nobody is promoted once the session has started", () => {
    expect(promotionsFromWaitlist(session({ capacity: 5 }), [a], DURING)).toEqual([]);
  });
});

describe("decideCancellation", () => {
  const first = enrolment(1, "booked");
  const second = enrolment(2, "booked");
  const waitingLate = enrolment(4, "waitlisted", t("2026-02-03T09:00:00"));
  const waitingEarly = enrolment(3, "waitlisted", t("2026-02-02T09:00:00"));
  const full = [first, second, waitingLate, waitingEarly];

  it("a cancelled booking frees its seat for the earliest on the waitlist", () => {
    const result = decideCancellation(session(), full, first.id, "self", BEFORE);
    expect(result.ok && result.changes.map((c) => [c.userId, c.from, c.to, c.event])).toEqual([
      [1, "booked", "cancelled", "cancel"],
      [3, "waitlisted", "booked", "promote"],
    ]);
  });

  it("leaving the waitlist frees no seat: nobody is promoted", () => {
    const result = decideCancellation(session(), full, waitingLate.id, "self", BEFORE);
    expect(result.ok && result.changes).toHaveLength(1);
  });

  it("a supervisor's removal is recorded as such", () => {
    const result = decideCancellation(session(), full, second.id, "supervisor", BEFORE);
    expect(result.ok && result.changes[0].event).toBe("remove");
  });

  const requiredSession = session({ required: true });
  const requiredBooking = enrolment(5, "booked", BEFORE, { required: true });
  it("a required attendee cannot cancel alone, but the supervisor can remove them", () => {
    expect(decideCancellation(requiredSession, [requiredBooking], requiredBooking.id, "self", BEFORE)).toEqual({
      ok: false,
      code: "required_session",
      reason: "本場次是您的必訓課程，不能自行取消報名；無法出席請向主管請假。",
    });
    expect(decideCancellation(requiredSession, [requiredBooking], requiredBooking.id, "supervisor", BEFORE)).toMatchObject({ ok: true });
  });

  it.each<[string, Enrolment, Date, string, string]>([
    ["twice", enrolment(1, "cancelled"), BEFORE, "already_cancelled", "這筆報名已經取消。"],
    ["after attendance", enrolment(1, "absent"), AFTER, "attendance_recorded", "已登錄出席紀錄，不能取消報名。"],
    ["once started", enrolment(1, "booked"), DURING, "session_started", "本場次已開始，不能取消報名；未能出席請向主管請假。"],
  ])("refused: %s", (_name, e, now, code, reason) => {
    expect(decideCancellation(session(), [e], e.id, "self", now)).toEqual({ ok: false, code, reason });
  });
});

describe("auto-enrolment of a required audience", () => {
  const s = session({ required: true, capacity: 1, audience: { wholeOffice: false, roles: ["counter"], userIds: [9] } });
  const staff = [person(1, { roles: ["counter"] }), person(2, { roles: ["counter"] }), person(3), person(9), person(4, { roles: ["counter"], officeId: 2 })];

  it("books everyone in the audience without an enrolment, whatever the capacity", () => {
    expect(autoEnrolments(s, staff, [], BEFORE).map((c) => [c.userId, c.to, c.event])).toEqual([
      [1, "booked", "auto_enrol"],
      [2, "booked", "auto_enrol"],
      [9, "booked", "auto_enrol"],
    ]);
  });

  it("leaves alone anyone already enrolled, including someone the supervisor removed", () => {
    expect(autoEnrolments(s, staff, [enrolment(1, "cancelled"), enrolment(2, "booked")], BEFORE).map((c) => c.userId)).toEqual([9]);
  });

  it("does nothing for an optional, started or cancelled session", () => {
    expect(autoEnrolments({ ...s, required: false }, staff, [], BEFORE)).toEqual([]);
    expect(autoEnrolments(s, staff, [], DURING)).toEqual([]);
    expect(autoEnrolments({ ...s, status: "cancelled" }, staff, [], BEFORE)).toEqual([]);
  });
});

describe("decideApproval", () => {
  const s = session({ approvalRequired: true, capacity: 1 });
  const asked = enrolment(1, "requested");

  it("approved: booked while a seat is free, waitlisted when full", () => {
    expect(decideApproval(s, [asked], asked.id, { approve: true }, BEFORE)).toMatchObject({ ok: true, changes: [{ to: "booked", event: "approve" }] });
    expect(decideApproval(s, [asked, enrolment(2, "booked")], asked.id, { approve: true }, BEFORE)).toMatchObject({ ok: true, changes: [{ to: "waitlisted" }] });
  });

  it("declining needs a reason, which is kept", () => {
    expect(decideApproval(s, [asked], asked.id, { approve: false, reason: "  " }, BEFORE)).toMatchObject({ ok: false, code: "reason_required" });
    expect(decideApproval(s, [asked], asked.id, { approve: false, reason: "本期名額保留給櫃台同仁。" }, BEFORE)).toMatchObject({
      ok: true,
      changes: [{ to: "cancelled", event: "decline", reason: "本期名額保留給櫃台同仁。" }],
    });
  });

  it("only a pending request can be decided", () => {
    const b = enrolment(1, "booked");
    expect(decideApproval(s, [b], b.id, { approve: true }, BEFORE)).toEqual({ ok: false, code: "not_requested", reason: "這筆報名目前為「已報名」，不是待核可的申請。" });
  });
});

describe("attendance", () => {
  const s = session({ creditedHours: 3 });
  const b = enrolment(1, "booked");

  it.each<[string, Parameters<typeof decideAttendance>[2], EnrolmentStatus, number | null]>([
    ["present", { status: "attended" }, "attended", null],
    ["partly, 1.5 of 3 hours", { status: "partly_attended", hours: 1.5 }, "partly_attended", 1.5],
    ["partly, all 3 hours", { status: "partly_attended", hours: 3 }, "partly_attended", 3],
    ["absent", { status: "absent" }, "absent", null],
    ["excused", { status: "excused" }, "excused", null],
  ])("%s", (_name, mark, to, hours) => {
    expect(decideAttendance(s, b, mark, AFTER)).toEqual({
      ok: true,
      change: { enrolmentId: b.id, userId: 1, from: "booked", to, event: "mark_attendance", hours },
    });
  });

  it("may be recorded from the start (sign-in sheet) and changed later", () => {
    expect(decideAttendance(s, b, { status: "attended" }, DURING)).toMatchObject({ ok: true });
    expect(decideAttendance(s, enrolment(1, "attended"), { status: "absent" }, t("2026-06-01T09:00:00"))).toMatchObject({
      ok: true,
      change: { from: "attended", to: "absent" },
    });
  });

  it.each([0, -1, 3.5, Number.NaN])("partly with %s hours is refused", (hours) => {
    expect(decideAttendance(s, b, { status: "partly_attended", hours }, AFTER)).toEqual({
      ok: false,
      code: "invalid_hours",
      reason: "部分出席必須填寫實際出席時數：大於 0，且不超過本場次認列的 3 小時。",
    });
  });

  it.each<[string, EnrolmentSession, Enrolment, Date, string]>([
    ["before the start", s, b, BEFORE, "session_not_started"],
    ["a cancelled session", session({ status: "cancelled" }), b, AFTER, "session_cancelled"],
    ["someone still waiting", s, enrolment(1, "waitlisted"), AFTER, "no_seat"],
    ["a request never approved", s, enrolment(1, "requested"), AFTER, "no_seat"],
    ["someone who cancelled", s, enrolment(1, "cancelled"), AFTER, "already_cancelled"],
  ])("refused for %s", (_name, sess, e, now, code) => {
    expect(decideAttendance(sess, e, { status: "attended" }, now)).toMatchObject({ ok: false, code });
  });

  it("all present marks the booked and keeps marks already recorded", () => {
    const list = [enrolment(1, "booked"), enrolment(2, "absent"), enrolment(3, "partly_attended", BEFORE, { hours: 1 }), enrolment(4, "waitlisted"), enrolment(5, "booked")];
    const result = decideAllPresent(s, list, AFTER);
    expect(result.ok && result.changes.map((c) => [c.userId, c.to])).toEqual([[1, "attended"], [5, "attended"]]);
    expect(decideAllPresent(s, list, BEFORE)).toMatchObject({ ok: false, code: "session_not_started" });
  });
});

describe("cancelling a session", () => {
  it("cancels everyone still signed up or waiting, and nobody else", () => {
    const list = [enrolment(1, "booked"), enrolment(2, "waitlisted"), enrolment(3, "requested"), enrolment(4, "cancelled")];
    expect(cancellationsForCancelledSession(list).map((c) => [c.userId, c.from, c.to, c.event])).toEqual([
      [1, "booked", "cancelled", "session_cancelled"],
      [2, "waitlisted", "cancelled", "session_cancelled"],
      [3, "requested", "cancelled", "session_cancelled"],
    ]);
  });
});
