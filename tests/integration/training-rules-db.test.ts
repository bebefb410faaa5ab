// Training on a real database through the module: seats under concurrent sign-ups, waitlist
// promotion, required audiences, attendance and the hours it credits (changed later, cancelled
// sessions, the Taipei year), e-learning verification and the calendar feed (issue 5, Rules and Tests).
import ICAL from "ical.js";
import { beforeAll, describe, expect, it } from "vitest";
import { getCurrentUser, type CurrentUser } from "~/modules/auth/session.server";
import { DomainError } from "~/modules/domain-error";
import { listNotifications } from "~/modules/notifications/notifications.server";
import {
  addToRoster,
  cancelEnrolment,
  cancelSession,
  createSession,
  feedFor,
  hoursRoster,
  loadSession,
  markAllPresent,
  markAttendance,
  renewFeedToken,
  reportElearning,
  reviewElearning,
  setTarget,
  signUp,
  type SessionInput,
} from "~/modules/training/training.server";
import { useTestDatabase } from "../helpers/db";
import { absoluteUrl, signIn } from "../helpers/requests";

const t = useTestDatabase();
const people: Record<string, CurrentUser> = {};
const HOUR = 3_600_000;

async function userFor(employeeNo: string): Promise<CurrentUser> {
  const cookie = await signIn(t.db, employeeNo);
  const user = await getCurrentUser(t.db, new Request(absoluteUrl("/"), { headers: { Cookie: cookie } }));
  return user!;
}

function session(overrides: Partial<SessionInput> = {}): SessionInput {
  const start = new Date(Date.now() + 7 * 24 * HOUR);
  return {
    kind: "professional",
    title: "戶籍法修正重點說明",
    description: "",
    instructor: "王課長",
    place: "2樓會議室",
    creditedHours: 2,
    capacity: null,
    required: false,
    approvalRequired: false,
    audienceWholeOffice: true,
    audienceRoles: [],
    audienceUserIds: [],
    dates: [{ startsAt: start, endsAt: new Date(start.getTime() + 2 * HOUR) }],
    materials: [],
    ...overrides,
  };
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error.messageKey;
    throw error;
  }
  throw new Error("expected a refusal");
}

beforeAll(async () => {
  for (const no of ["FB001", "FB002", "FB004", "FB010", "FB011", "FB012", "FB013", "FB014", "FB015", "FB016"]) people[no] = await userFor(no);
});

describe("seats and the waitlist", () => {
  it("two people taking the last seat at the same moment: one books, one waits", async () => {
    const id = await createSession(t.db, people.FB002, session({ title: "最後一席測試", capacity: 1 }));
    const results = await Promise.all([signUp(t.db, people.FB013, id), signUp(t.db, people.FB014, id)]);
    expect(results.map((r) => r.status).sort()).toEqual(["booked", "waitlisted"]);
    const { seats } = await loadSession(t.db, people.FB002, id);
    expect(seats).toMatchObject({ capacity: 1, taken: 1, waiting: 1 });
  });

  it("a freed seat goes to the earliest on the waitlist, who is told", async () => {
    const id = await createSession(t.db, people.FB002, session({ title: "候補遞補測試", capacity: 2 }));
    await signUp(t.db, people.FB010, id);
    await signUp(t.db, people.FB011, id);
    expect(await signUp(t.db, people.FB012, id)).toEqual({ status: "waitlisted", waitlistPosition: 1 });
    expect(await signUp(t.db, people.FB015, id)).toEqual({ status: "waitlisted", waitlistPosition: 2 });
    expect(await refusal(signUp(t.db, people.FB012, id))).toBe("您已在本場次的候補名單中（第 1 位）。");

    await cancelEnrolment(t.db, people.FB010, id);
    const page = await loadSession(t.db, people.FB012, id);
    expect(page.mine).toMatchObject({ status: "booked" });
    expect((await loadSession(t.db, people.FB015, id)).mine).toMatchObject({ status: "waitlisted", waitlistPosition: 1 });
    expect((await listNotifications(t.db, people.FB012.id, people.FB012.officeId))[0].messageKey).toBe("notify.training.promoted");
  });

  it("a required session enrols its audience whatever the capacity; a required attendee cannot cancel", async () => {
    const id = await createSession(t.db, people.FB002, session({ title: "電話禮儀訓練（必訓）", kind: "phone_etiquette", required: true, capacity: 5 }));
    const { seats, roster } = await loadSession(t.db, people.FB002, id);
    expect(seats.taken).toBeGreaterThan(40);
    expect(roster.every((r) => r.status === "booked" && r.required)).toBe(true);
    expect(await refusal(cancelEnrolment(t.db, people.FB010, id))).toContain("必訓課程");
    expect((await listNotifications(t.db, people.FB016.id, people.FB016.officeId)).map((n) => n.messageKey)).toContain("notify.training.required");
  });
});

describe("hours", () => {
  it("attendance credits hours once; a later change updates them; a cancelled session credits nothing", async () => {
    const now = new Date();
    const pastStart = new Date(now.getTime() - 3 * 24 * HOUR);
    const past = { dates: [{ startsAt: pastStart, endsAt: new Date(pastStart.getTime() + 3 * HOUR) }], creditedHours: 3 };
    const before = new Date(pastStart.getTime() - 24 * HOUR);
    // Booked while the sessions were upcoming (a supervisor records them afterwards).
    const a = await createSession(t.db, people.FB002, session({ title: "經驗分享座談", kind: "experience_sharing", ...past }), before);
    await signUp(t.db, people.FB016, a, before);
    const year = Number(new Intl.DateTimeFormat("en-US", { timeZone: "Asia/Taipei", year: "numeric" }).format(pastStart));
    // Hours the demo seed already gave this person; the test counts what it adds.
    const seeded = (await hoursRoster(t.db, people.FB016.officeId, year, now, people.FB016.id)).rows[0].sessionHours;
    const hoursOf = async () => {
      const row = (await hoursRoster(t.db, people.FB016.officeId, year, now, people.FB016.id)).rows[0];
      return { ...row, sessionHours: Math.round((row.sessionHours - seeded) * 10) / 10 };
    };
    await markAttendance(t.db, people.FB002, a, [{ userId: people.FB016.id, mark: { status: "partly_attended", hours: 1.5 } }]);
    expect((await hoursOf()).sessionHours).toBe(1.5);
    expect(await refusal(markAttendance(t.db, people.FB002, a, [{ userId: people.FB016.id, mark: { status: "partly_attended", hours: 4 } }]))).toContain("3 小時");
    await markAttendance(t.db, people.FB002, a, [{ userId: people.FB016.id, mark: { status: "attended" } }]);
    await markAttendance(t.db, people.FB002, a, [{ userId: people.FB016.id, mark: { status: "attended" } }]);
    expect((await hoursOf()).sessionHours).toBe(3);

    const b = await createSession(t.db, people.FB002, session({ title: "取消的場次", ...past }), before);
    await signUp(t.db, people.FB016, b, before);
    expect(await markAllPresent(t.db, people.FB002, b)).toBe(1);
    expect((await hoursOf()).sessionHours).toBe(6);
    expect(await refusal(cancelSession(t.db, people.FB002, b, " "))).toContain("原因");
    await cancelSession(t.db, people.FB002, b, "講師臨時無法出席");
    expect((await hoursOf()).sessionHours).toBe(3);
  });

  it("a session on 31 December at 17:00 UTC counts for the next year in Taipei", async () => {
    const start = new Date("2026-12-31T17:00:00Z"); // 1 January 2027, 01:00 in Taipei
    const later = new Date("2027-01-05T00:00:00Z");
    const hoursIn = async (year: number) => (await hoursRoster(t.db, people.FB015.officeId, year, later, people.FB015.id)).rows[0].sessionHours;
    const [before2026, before2027] = [await hoursIn(2026), await hoursIn(2027)];
    const id = await createSession(t.db, people.FB002, session({ title: "跨年場次", dates: [{ startsAt: start, endsAt: new Date(start.getTime() + HOUR) }], creditedHours: 1 }), new Date("2026-12-01T00:00:00Z"));
    await signUp(t.db, people.FB015, id, new Date("2026-12-01T00:00:00Z"));
    await markAttendance(t.db, people.FB002, id, [{ userId: people.FB015.id, mark: { status: "attended" } }], new Date("2027-01-02T00:00:00Z"));
    expect(await hoursIn(2027)).toBe(before2027 + 1);
    expect(await hoursIn(2026)).toBe(before2026);
  });

  it("e-learning counts as digital hours once approved; the target shows who is behind", async () => {
    const me = people.FB014;
    const year = 2026;
    const at = new Date("2026-11-28T00:00:00Z");
    const digitalBefore = (await hoursRoster(t.db, me.officeId, year, at, me.id)).rows[0].digitalHours;
    await setTarget(t.db, people.FB001, year, { totalHours: 20, digitalHours: 5 });
    const first = await reportElearning(t.db, me, { platform: "e等公務園+", course: "個人資料保護法概論", hours: 2, completedOn: "2026-11-20", certificateNumber: "EA-1150001" });
    expect(await refusal(reportElearning(t.db, me, { platform: "e等公務園+", course: "同一張證書", hours: 2, completedOn: "2026-11-20", certificateNumber: "ea-1150001" }))).toContain("已經登錄");
    const second = await reportElearning(t.db, me, { platform: "e等公務園+", course: "性別主流化", hours: 3, completedOn: "2026-11-21", certificateNumber: "EA-1150002" });
    expect(await refusal(reviewElearning(t.db, people.FB002, second, { approve: false, reason: "" }))).toContain("原因");
    await reviewElearning(t.db, people.FB002, second, { approve: false, reason: "證書字號與上傳檔案不符" });
    await reviewElearning(t.db, people.FB002, first, { approve: true });
    const row = (await hoursRoster(t.db, me.officeId, year, at, me.id)).rows[0];
    // Only the approved record counts (the returned one does not).
    expect(row.digitalHours).toBe(digitalBefore + 2);
    expect(row.progress.digital.remaining).toBe(Math.max(0, 5 - row.digitalHours));
    // 10 of 12 months done by 28 November: 20 × 10/12 ≈ 16.7 h expected by now.
    expect(row.progress.total.expectedByNow).toBeCloseTo(16.7, 1);
    expect(row.progress.total.judgement).toBe(row.totalHours >= 20 ? "done" : row.totalHours < 16.7 ? "behind" : "on_track");
  });
});

describe("recording a session afterwards", () => {
  it("a supervisor adds a colleague who came without signing up, and records the attendance", async () => {
    const start = new Date(Date.now() - 2 * 24 * HOUR);
    const id = await createSession(t.db, people.FB002, session({ title: "臨時召開的說明會", dates: [{ startsAt: start, endsAt: new Date(start.getTime() + HOUR) }], creditedHours: 1 }));
    expect(await refusal(signUp(t.db, people.FB013, id))).toBe("本場次已結束，不能報名。");
    await expect(addToRoster(t.db, people.FB013, id, people.FB013.id)).rejects.toMatchObject({ status: 403 });
    await addToRoster(t.db, people.FB002, id, people.FB013.id);
    expect(await refusal(addToRoster(t.db, people.FB002, id, people.FB013.id))).toBe("這位同仁已在名單上。");
    await markAttendance(t.db, people.FB002, id, [{ userId: people.FB013.id, mark: { status: "attended" } }]);
    const { roster } = await loadSession(t.db, people.FB002, id);
    expect(roster.map((r) => [r.userId, r.status])).toEqual([[people.FB013.id, "attended"]]);
  });
});

describe("the calendar feed", () => {
  it("is a valid iCalendar of my sessions; a renewed address retires the old one", async () => {
    const me = people.FB011;
    const token = await renewFeedToken(t.db, me);
    const ics = await feedFor(t.db, token, "https://portal.example");
    expect(ics).not.toBeNull();
    const calendar = new ICAL.Component(ICAL.parse(ics!));
    const summaries = calendar.getAllSubcomponents("vevent").map((e) => String(e.getFirstPropertyValue("summary")));
    expect(summaries.some((s) => s.includes("候補遞補測試"))).toBe(true);
    const renewed = await renewFeedToken(t.db, me);
    expect(await feedFor(t.db, token, "https://portal.example")).toBeNull();
    expect(await feedFor(t.db, renewed, "https://portal.example")).not.toBeNull();
    expect(await feedFor(t.db, "not-a-token", "https://portal.example")).toBeNull();
  });
});
