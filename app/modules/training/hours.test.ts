import { describe, expect, it } from "vitest";
import {
  creditedHours,
  currentAttendance,
  formatHours,
  hoursByPerson,
  progressAgainstTarget,
  roundHours,
  sessionYear,
  yearElapsedShare,
  yearOfDate,
  type AttendanceRecord,
  type ElearningRecord,
  type HoursSession,
  type NominationRecord,
} from "./hours";
import type { EnrolmentStatus } from "./enrolment";

const t = (local: string) => new Date(`${local}+08:00`);
const sessionAt = (id: number, startsAt: Date, creditedHours = 3, status: HoursSession["status"] = "scheduled"): HoursSession => ({
  id,
  status,
  creditedHours,
  dates: [{ startsAt, endsAt: new Date(startsAt.getTime() + 3 * 3_600_000) }],
});
const attend = (sessionId: number, userId: number, status: EnrolmentStatus, hours: number | null = null, recordedAt?: Date): AttendanceRecord => ({
  sessionId,
  userId,
  status,
  hours,
  recordedAt,
});

describe("roundHours / formatHours: half-up to one decimal, for display", () => {
  it.each([
    [2, "2"],
    [1.5, "1.5"],
    [2.25, "2.3"],
    [2.35, "2.4"], // 2.35 * 10 is 23.4999… in binary: rounding the text avoids 2.3
    [1.05, "1.1"],
    [0.1 + 0.2, "0.3"],
    [12.34, "12.3"],
    [0, "0"],
  ])("%s → %s", (hours, shown) => {
    expect(formatHours(hours)).toBe(shown);
    expect(roundHours(hours)).toBe(Number(shown));
  });
});

describe("creditedHours for one attendance", () => {
  const s = sessionAt(1, t("2026-05-01T09:00:00"), 3);
  it.each<[EnrolmentStatus, number | null, number]>([
    ["attended", null, 3],
    ["partly_attended", 1.5, 1.5],
    ["partly_attended", 5, 3], // never more than the session credits
    ["partly_attended", null, 0],
    ["absent", null, 0],
    ["excused", null, 0],
    ["cancelled", null, 0],
    ["waitlisted", null, 0],
    ["requested", null, 0],
    ["booked", null, 0], // attendance not taken yet
  ])("%s (hours %s) credits %s", (status, hours, expected) => {
    expect(creditedHours(s, { status, hours })).toBe(expected);
  });

  it("a cancelled session credits nothing, even to someone marked present", () => {
    expect(creditedHours({ ...s, status: "cancelled" }, { status: "attended" })).toBe(0);
  });
});

describe("the year of a session's hours is its first date's year in Asia/Taipei", () => {
  it.each([
    ["2026-12-31T17:00:00Z", 2027], // 01:00 on 1 January in Taipei
    ["2026-12-31T15:59:59Z", 2026], // 23:59:59 on 31 December in Taipei
    ["2026-12-31T16:00:00Z", 2027],
    ["2027-01-01T00:00:00Z", 2027],
  ])("%s → %s", (iso, year) => {
    expect(sessionYear(sessionAt(1, new Date(iso)))).toBe(year);
  });

  it("a course spanning New Year counts in the year it began", () => {
    const s: HoursSession = {
      id: 1,
      status: "scheduled",
      creditedHours: 12,
      dates: [
        { startsAt: t("2027-01-02T09:00:00"), endsAt: t("2027-01-02T17:00:00") },
        { startsAt: t("2026-12-30T09:00:00"), endsAt: t("2026-12-30T17:00:00") },
      ],
    };
    expect(sessionYear(s)).toBe(2026);
  });

  it.each<[string | Date, number]>([
    ["2026-12-31", 2026],
    ["2027-01-01", 2027],
    [new Date("2026-12-31T20:00:00Z"), 2027],
    ["2026-12-31T20:00:00Z", 2027],
  ])("a certificate dated %s is of %s", (value, year) => {
    expect(yearOfDate(value)).toBe(year);
  });
});

describe("currentAttendance: once per person per session", () => {
  it("the latest record wins, so a later correction replaces the mark", () => {
    const records = [
      attend(1, 7, "attended", null, t("2026-05-01T12:00:00")),
      attend(1, 7, "absent", null, t("2026-05-03T09:00:00")),
      attend(1, 8, "attended"),
    ];
    expect(currentAttendance(records).map((r) => [r.userId, r.status])).toEqual([
      [7, "absent"],
      [8, "attended"],
    ]);
  });
});

describe("hoursByPerson", () => {
  const may = sessionAt(1, t("2026-05-01T09:00:00"), 3);
  const june = sessionAt(2, t("2026-06-01T09:00:00"), 2);
  const cancelled = sessionAt(3, t("2026-07-01T09:00:00"), 4, "cancelled");
  const newYearEve = sessionAt(4, new Date("2026-12-31T17:00:00Z"), 2); // 2027 in Taipei
  const sessions = [may, june, cancelled, newYearEve];

  const elearning = (over: Partial<ElearningRecord>): ElearningRecord => ({
    id: 1,
    userId: 7,
    platform: "e等公務園+",
    hours: 2,
    completedOn: "2026-03-15",
    certificateNumber: null,
    status: "approved",
    ...over,
  });

  it("adds sessions, approved e-learning and completed outside training; digital is the e-learning part", () => {
    const nominations: NominationRecord[] = [
      { id: 1, userId: 7, hours: 6, endsOn: "2026-09-30", outcome: "completed" },
      { id: 2, userId: 7, hours: 6, endsOn: "2026-10-30", outcome: "nominated" },
      { id: 3, userId: 7, hours: 6, endsOn: "2026-11-30", outcome: "not_completed" },
    ];
    const [me] = hoursByPerson(
      {
        sessions,
        attendance: [attend(1, 7, "attended"), attend(2, 7, "partly_attended", 1.5), attend(3, 7, "attended")],
        elearning: [elearning({ id: 1, hours: 2 }), elearning({ id: 2, hours: 1, status: "pending" }), elearning({ id: 3, hours: 4, status: "returned" })],
        nominations,
      },
      2026,
    );
    expect(me).toEqual({ userId: 7, year: 2026, sessionHours: 4.5, elearningHours: 2, outsideHours: 6, totalHours: 12.5, digitalHours: 2 });
  });

  it("hours count once per person per session, and a change of attendance updates them", () => {
    const twice = [attend(1, 7, "attended"), attend(1, 7, "attended")];
    expect(hoursByPerson({ sessions, attendance: twice }, 2026)[0].totalHours).toBe(3);
    const corrected = [attend(1, 7, "attended", null, t("2026-05-01T12:00:00")), attend(1, 7, "partly_attended", 1, t("2026-05-02T09:00:00"))];
    expect(hoursByPerson({ sessions, attendance: corrected }, 2026)[0].totalHours).toBe(1);
  });

  it("a session at 01:00 Taipei on New Year's Day counts for the new year only", () => {
    const attendance = [attend(4, 7, "attended")];
    expect(hoursByPerson({ sessions, attendance }, 2026)).toEqual([]);
    expect(hoursByPerson({ sessions, attendance }, 2027)[0].totalHours).toBe(2);
  });

  it("e-learning counts by the completion date's Taipei year", () => {
    const records = [elearning({ id: 1, completedOn: new Date("2026-12-31T16:30:00Z") }), elearning({ id: 2, completedOn: "2026-12-31" })];
    expect(hoursByPerson({ sessions: [], attendance: [], elearning: records }, 2026)[0].digitalHours).toBe(2);
    expect(hoursByPerson({ sessions: [], attendance: [], elearning: records }, 2027)[0].digitalHours).toBe(2);
  });

  it("the same certificate reported twice counts once", () => {
    const records = [
      elearning({ id: 1, certificateNumber: "CERT-001" }),
      elearning({ id: 2, certificateNumber: " cert-001 " }),
      elearning({ id: 3, certificateNumber: "CERT-002" }),
    ];
    expect(hoursByPerson({ sessions: [], attendance: [], elearning: records }, 2026)[0].digitalHours).toBe(4);
  });

  it("lists people with no hours at zero, so the roster shows who is short", () => {
    const result = hoursByPerson({ sessions, attendance: [attend(1, 8, "attended")] }, 2026, [9, 8]);
    expect(result.map((p) => [p.userId, p.totalHours])).toEqual([
      [8, 3],
      [9, 0],
    ]);
  });

  it("tenths add up exactly to a target", () => {
    const ten = Array.from({ length: 10 }, (_, i) => sessionAt(100 + i, t("2026-02-01T09:00:00"), 0.1));
    const attendance = ten.map((s) => attend(s.id, 7, "attended"));
    expect(hoursByPerson({ sessions: ten, attendance }, 2026)[0].totalHours).toBe(1);
  });
});

describe("progress against the yearly target", () => {
  const target = { totalHours: 20, digitalHours: 5 };
  const person = (totalHours: number, digitalHours: number) => ({ year: 2026, totalHours, digitalHours });

  it.each<[string, Date, number]>([
    ["all of January", t("2026-01-31T23:59:00"), 0],
    ["1 February in Taipei (still 31 January in UTC)", new Date("2026-01-31T16:30:00Z"), 1 / 12],
    ["1 July", t("2026-07-01T09:00:00"), 6 / 12],
    ["31 December", t("2026-12-31T23:00:00"), 11 / 12],
    ["a year not begun", t("2025-06-01T09:00:00"), 0],
    ["a year gone", t("2027-01-01T09:00:00"), 1],
  ])("expected share: %s", (_name, now, share) => {
    expect(yearElapsedShare(2026, now)).toBeCloseTo(share);
  });

  it("mid-year with 6 of 20 hours: behind by the pro-rata share", () => {
    const now = t("2026-07-02T10:00:00"); // six months completed: 10 of 20 expected
    const p = progressAgainstTarget(person(6, 5), target, now);
    expect(p.total).toMatchObject({ achieved: 6, target: 20, remaining: 14, percent: 30, judgement: "behind" });
    expect(formatHours(p.total.expectedByNow)).toBe("10");
    expect(formatHours(p.total.behindBy)).toBe("4");
    expect(p.digital.judgement).toBe("done");
    expect(p.judgement).toBe("behind");
  });

  it("mid-year with 11 of 20 hours and 3 of 5 digital: on track", () => {
    const p = progressAgainstTarget(person(11, 3), target, t("2026-07-02T10:00:00"));
    expect([p.total.judgement, p.digital.judgement, p.judgement]).toEqual(["on_track", "on_track", "on_track"]);
    expect(p.total.behindBy).toBe(0);
  });

  it("done only when both parts are done; percent capped at 100", () => {
    const p = progressAgainstTarget(person(26, 5), target, t("2026-03-01T10:00:00"));
    expect(p).toMatchObject({ judgement: "done", total: { percent: 100, remaining: 0 }, digital: { percent: 100 } });
    expect(progressAgainstTarget(person(26, 4.5), target, t("2026-03-01T10:00:00")).judgement).toBe("on_track");
  });

  it("a year gone with the target missed is behind by the remainder", () => {
    const p = progressAgainstTarget(person(18.5, 5), target, t("2027-01-10T10:00:00"));
    expect(p.total).toMatchObject({ judgement: "behind", remaining: 1.5, behindBy: 1.5 });
  });

  it("nobody is behind in January; from 1 February someone with nothing is", () => {
    expect(progressAgainstTarget(person(0, 0), target, t("2026-01-20T09:00:00")).judgement).toBe("on_track");
    const feb = progressAgainstTarget(person(0, 0), target, t("2026-02-01T09:00:00"));
    expect([feb.judgement, formatHours(feb.total.behindBy), formatHours(feb.digital.behindBy)]).toEqual(["behind", "1.7", "0.4"]);
  });

  it("a target of zero is met", () => {
    expect(progressAgainstTarget(person(0, 0), { totalHours: 0, digitalHours: 0 }, t("2026-06-01T09:00:00"))).toMatchObject({
      judgement: "done",
      total: { percent: 100 },
    });
  });
});
