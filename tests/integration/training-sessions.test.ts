// The training-session pages (教育訓練, issue 5) through the real route modules: a supervisor creates a
// session (field errors with what was typed kept), a required session enrols its audience, capacity
// and the waitlist (two sign-ups for the last seat at the same moment: one books, one waits), a
// cancellation promotes the next in line and tells them, attendance after the session (partly
// attended hours beyond the session's are refused with the rule's sentence), an edit over capacity,
// who may not manage, another office's session, cancelling a session with a reason, and the calendar.
import { beforeAll, describe, expect, it } from "vitest";
import { calendarDateIn } from "~/modules/training/session";
import { useTestDatabase, userIdOf } from "../helpers/db";
import { get, post, redirectPath, signIn, type RouteModule } from "../helpers/requests";
import { routeFor } from "../helpers/routes";

const t = useTestDatabase();

let listRoute: RouteModule;
let newRoute: RouteModule;
let pageRoute: RouteModule;
let editRoute: RouteModule;
let calendarRoute: RouteModule;
const cookies: Record<string, string> = {};
const ids: Record<string, number> = {};

const DAY_MS = 86_400_000;
/** A Taipei calendar date `days` from today. */
const dayFromNow = (days: number) => calendarDateIn(new Date(Date.now() + days * DAY_MS));

function sessionForm(overrides: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    kind: "professional",
    title: "戶籍登記實務研習",
    description: "出生、死亡及遷徙登記常見錯誤解說。",
    instructor: "臺南市政府民政局 王科長",
    place: "本所二樓會議室",
    creditedHours: "3",
    capacity: "",
    audience: "office",
    date_0: dayFromNow(14),
    start_0: "14:00",
    end_0: "17:00",
    ...overrides,
  };
}

const page = (id: number) => `/training/${id}`;

async function create(fields: Record<string, string | string[]>, employeeNo = "FB002"): Promise<number> {
  const result = await post(newRoute, "/training/new", fields, { cookie: cookies[employeeNo] });
  expect(result.status, JSON.stringify(result.data)).toBe(302);
  const m = /^\/training\/(\d+)\?notice=created$/.exec(redirectPath(result) ?? "");
  expect(m).not.toBeNull();
  return Number(m![1]);
}

function view(employeeNo: string, id: number) {
  return get(pageRoute, page(id), { cookie: cookies[employeeNo], params: { sessionId: String(id) } });
}

async function detail(employeeNo: string, id: number) {
  const result = await view(employeeNo, id);
  expect(result.status, String(result.data)).toBe(200);
  return result.data;
}

function act(employeeNo: string, id: number, fields: Record<string, string | string[]>) {
  return post(pageRoute, page(id), fields, { cookie: cookies[employeeNo], params: { sessionId: String(id) } });
}

function signUpFromList(employeeNo: string, id: number) {
  return post(listRoute, "/training?index", { intent: "signUp", sessionId: String(id) }, { cookie: cookies[employeeNo] });
}

async function listed(employeeNo: string, id: number) {
  const result = await get(listRoute, "/training", { cookie: cookies[employeeNo] });
  expect(result.status).toBe(200);
  return [...result.data.upcoming, ...result.data.past].find((s: { id: number }) => s.id === id);
}

async function notificationsOf(employeeNo: string, messageKey: string) {
  return t.db
    .selectFrom("notifications")
    .select(["params", "link"])
    .where("userId", "=", ids[employeeNo])
    .where("messageKey", "=", messageKey)
    .execute();
}

beforeAll(async () => {
  [listRoute, newRoute, pageRoute, editRoute, calendarRoute] = await Promise.all([
    routeFor("/training"),
    routeFor("/training/new"),
    routeFor("/training/:sessionId"),
    routeFor("/training/:sessionId/edit"),
    routeFor("/training/calendar"),
  ]);
  for (const employeeNo of ["FB002", "FB010", "FB011", "FB012", "FB013", "FB014", "FB015", "FB016", "DQ010"]) {
    cookies[employeeNo] = await signIn(t.db, employeeNo);
    ids[employeeNo] = await userIdOf(t.db, employeeNo);
  }
});

describe("creating a session", () => {
  it("refuses an end before the start, a row without a date and a bad address, beside the fields, keeping what was typed", async () => {
    const result = await post(
      newRoute,
      "/training/new",
      sessionForm({
        end_0: "13:00",
        date_1: "",
        start_1: "09:00",
        end_1: "12:00",
        materialLabel_0: "講義",
        materialUrl_0: "not-a-link",
      }),
      { cookie: cookies.FB002 },
    );
    expect(result.status).toBe(400);
    expect(result.data.errors).toEqual({
      end_0: "errors.training.endBeforeStart",
      date_1: "errors.dateFormat",
      materialUrl_0: "errors.training.url",
    });
    expect(result.data.values).toMatchObject({ title: "戶籍登記實務研習", start_1: "09:00", materialUrl_0: "not-a-link", end_0: "13:00" });
  });

  it("puts a row's error on the row as the form numbers it, and reports a reversed time even beside other errors", async () => {
    const result = await post(
      newRoute,
      "/training/new",
      sessionForm({ kind: "", date_0: "", start_0: "", end_0: "", date_2: dayFromNow(3), start_2: "10:00", end_2: "09:00", materialUrl_3: "ftp://x" }),
      { cookie: cookies.FB002 },
    );
    expect(result.status).toBe(400);
    expect(result.data.errors).toEqual({ kind: "errors.required", end_2: "errors.training.endBeforeStart", materialLabel_3: "errors.required", materialUrl_3: "errors.training.url" });
  });

  it("asks for at least one date, a kind and a title", async () => {
    const result = await post(newRoute, "/training/new", sessionForm({ date_0: "", start_0: "", end_0: "", kind: "", title: " " }), { cookie: cookies.FB002 });
    expect(result.status).toBe(400);
    expect(result.data.errors).toMatchObject({ dates: "errors.training.dateRequired", kind: "errors.required", title: "errors.required" });
  });

  it("creates a session with two dates and a material link; it shows on the list, the page and the calendar", async () => {
    const id = await create(
      sessionForm({
        title: "電話禮儀訓練",
        kind: "phone_etiquette",
        capacity: "30",
        date_1: dayFromNow(15),
        start_1: "09:00",
        end_1: "12:00",
        materialLabel_0: "講義",
        materialUrl_0: "https://example.org/handout.pdf",
      }),
    );
    const d = await detail("FB010", id);
    expect(d.session).toMatchObject({ title: "電話禮儀訓練", kind: "phone_etiquette", capacity: 30, phase: "upcoming", materials: [{ label: "講義", url: "https://example.org/handout.pdf" }] });
    expect(d.session.dates).toHaveLength(2);
    // 14:00 in Taipei is 06:00Z.
    expect(d.session.dates[0].startsAt).toBe(`${dayFromNow(14)}T06:00:00.000Z`);
    expect(d.isManager).toBe(false);
    expect(d.roster).toEqual([]);
    expect(d.options.signUp).toEqual({ ok: true, outcome: "booked" });

    const card = await listed("FB010", id);
    expect(card).toMatchObject({ title: "電話禮儀訓練", canSignUp: true, canCancel: false, myStatus: null });
    const filtered = await get(listRoute, "/training?kind=professional", { cookie: cookies.FB010 });
    expect(filtered.data.upcoming.some((s: { id: number }) => s.id === id)).toBe(false);

    const month = dayFromNow(14).slice(0, 7);
    const calendar = await get(calendarRoute, `/training/calendar?month=${month}`, { cookie: cookies.FB010 });
    expect(calendar.status).toBe(200);
    const days = calendar.data.weeks.flat().filter((day: { entries: { id: number }[] }) => day.entries.some((e) => e.id === id));
    expect(days.map((day: { date: string }) => day.date)).toEqual(expect.arrayContaining([dayFromNow(14)]));
    expect(calendar.data.weeks[0]).toHaveLength(7);
    expect(calendar.data.weeks[0][0].weekday).toBe(0); // Sunday first
  });

  it("a required session enrols its audience at once and tells them; they cannot cancel it themselves", async () => {
    const id = await create(
      sessionForm({ title: "新版戶役政系統必訓", required: "on", audience: "people", audienceUserIds: [String(ids.FB010), String(ids.FB011)] }),
    );
    const card = await listed("FB010", id);
    expect(card).toMatchObject({ myStatus: "booked", required: true, canCancel: false, requiredForMe: true });
    const d = await detail("FB010", id);
    expect(d.mine).toMatchObject({ status: "booked", required: true });
    expect(d.options.cancel).toEqual({ ok: false, reason: "本場次是您的必訓課程，不能自行取消報名；無法出席請向主管請假。" });
    const refused = await act("FB010", id, { intent: "cancel" });
    expect(refused.status).toBe(400);
    expect(refused.data.errors._form).toBe("本場次是您的必訓課程，不能自行取消報名；無法出席請向主管請假。");
    expect((await notificationsOf("FB010", "notify.training.required")).some((n) => n.link === page(id))).toBe(true);
    // Someone outside the audience is not enrolled.
    expect((await detail("FB012", id)).mine).toBeNull();
  });

  it("refuses staff the form and its action (403)", async () => {
    expect((await get(newRoute, "/training/new", { cookie: cookies.FB010 })).status).toBe(403);
    expect((await post(newRoute, "/training/new", sessionForm(), { cookie: cookies.FB010 })).status).toBe(403);
  });
});

describe("capacity and the waitlist", () => {
  let id: number;

  it("books two and puts the third on the waitlist", async () => {
    id = await create(sessionForm({ title: "櫃檯服務經驗分享座談", kind: "experience_sharing", capacity: "2" }));
    expect(redirectPath(await signUpFromList("FB010", id))).toBe(`/training?notice=booked`);
    expect(redirectPath(await signUpFromList("FB011", id))).toBe(`/training?notice=booked`);
    expect(redirectPath(await signUpFromList("FB012", id))).toBe(`/training?notice=waitlisted&n=1`);
    const card = await listed("FB012", id);
    expect(card).toMatchObject({ myStatus: "waitlisted", myWaitlistPosition: 1, seats: { capacity: 2, taken: 2, waiting: 1 }, canCancel: true });
    // Signing up twice is refused with the rule's sentence.
    const again = await signUpFromList("FB012", id);
    expect(again.status).toBe(400);
    expect(again.data.errors._form).toBe("您已在本場次的候補名單中（第 1 位）。");
    expect(again.data.values.sessionId).toBe(String(id));
  });

  it("a cancellation promotes the first on the waitlist, who is told", async () => {
    const result = await act("FB010", id, { intent: "cancel" });
    expect(redirectPath(result)).toBe(`${page(id)}?notice=enrolmentCancelled`);
    const d = await detail("FB012", id);
    expect(d.mine).toMatchObject({ status: "booked", waitlistPosition: null });
    expect(d.seats).toMatchObject({ taken: 2, waiting: 0 });
    const promoted = await notificationsOf("FB012", "notify.training.promoted");
    expect(promoted.some((n) => n.link === page(id))).toBe(true);
    // The one who cancelled may sign up again, at the back of the line.
    expect((await detail("FB010", id)).options.signUp).toEqual({ ok: true, outcome: "waitlisted" });
  });

  it("the supervisor sees the roster with each person's history and may remove someone", async () => {
    const d = await detail("FB002", id);
    expect(d.isManager).toBe(true);
    const fb012 = d.roster.find((r: { userId: number }) => r.userId === ids.FB012);
    expect(fb012.history.map((h: { event: string }) => h.event)).toEqual(["sign_up", "promote"]);
    const removed = await act("FB002", id, { intent: "remove", userId: String(ids.FB011) });
    expect(redirectPath(removed)).toBe(`${page(id)}?notice=removed`);
    const after = await detail("FB002", id);
    expect(after.roster.find((r: { userId: number }) => r.userId === ids.FB011)).toMatchObject({ status: "cancelled" });
    // Staff may not remove anyone.
    expect((await act("FB010", id, { intent: "remove", userId: String(ids.FB012) })).status).toBe(403);
  });

  it("two sign-ups at the same moment for the last seat: one is booked, one waits", async () => {
    const last = await create(sessionForm({ title: "法令測驗解說（最後一席）", kind: "law_quiz_review", capacity: "1" }));
    const [a, b] = await Promise.all([signUpFromList("FB013", last), signUpFromList("FB014", last)]);
    const notices = [redirectPath(a), redirectPath(b)].map((p) => new URL(p!, "http://x").searchParams.get("notice")).sort();
    expect(notices).toEqual(["booked", "waitlisted"]);
    const d = await detail("FB002", last);
    expect(d.seats).toMatchObject({ capacity: 1, taken: 1, free: 0, waiting: 1 });
    expect(d.roster.map((r: { status: string }) => r.status).sort()).toEqual(["booked", "waitlisted"]);
  });

  it("an edit that cuts the capacity below the bookings says by how much it is over", async () => {
    const s = await create(sessionForm({ title: "戶政規費實務", capacity: "3" }));
    for (const no of ["FB013", "FB014", "FB015"]) await signUpFromList(no, s);
    const result = await post(editRoute, `/training/${s}/edit`, sessionForm({ title: "戶政規費實務", capacity: "1" }), {
      cookie: cookies.FB002,
      params: { sessionId: String(s) },
    });
    expect(redirectPath(result)).toBe(`${page(s)}?notice=overbooked&n=2`);
    expect((await detail("FB002", s)).seats).toMatchObject({ capacity: 1, taken: 3 });
    // The edit form opens filled, dates in Taipei time.
    const form = await get(editRoute, `/training/${s}/edit`, { cookie: cookies.FB002, params: { sessionId: String(s) } });
    expect(form.data.defaults).toMatchObject({ title: "戶政規費實務", capacity: "1", date_0: dayFromNow(14), start_0: "14:00", end_0: "17:00", audience: "office" });
    expect((await get(editRoute, `/training/${s}/edit`, { cookie: cookies.FB010, params: { sessionId: String(s) } })).status).toBe(403);
  });
});

describe("attendance after the session", () => {
  let id: number;

  it("a supervisor may enter a session that was already held", async () => {
    const past = await create(sessionForm({ title: "上月已辦理之訓練（補登）", date_0: dayFromNow(-20) }));
    expect((await detail("FB002", past)).session.phase).toBe("over");
    expect((await listed("FB010", past)).canSignUp).toBe(false);
  });

  it("people booked before the session are marked after it; partly attended hours beyond the session's are refused", async () => {
    id = await create(sessionForm({ title: "人口統計報表研習", creditedHours: "3" }));
    for (const no of ["FB010", "FB011", "FB016"]) expect((await signUpFromList(no, id)).status).toBe(302);
    // The session took place: its date is moved to the past (a supervisor correcting the record).
    const moved = await post(editRoute, `/training/${id}/edit`, sessionForm({ title: "人口統計報表研習", creditedHours: "3", date_0: dayFromNow(-2) }), {
      cookie: cookies.FB002,
      params: { sessionId: String(id) },
    });
    expect(moved.status).toBe(302);

    const tooMany = await act("FB002", id, { intent: "attendance", [`mark_${ids.FB010}`]: "partly_attended", [`hours_${ids.FB010}`]: "5" });
    expect(tooMany.status).toBe(400);
    expect(tooMany.data.errors[`mark_${ids.FB010}`]).toBe("部分出席必須填寫實際出席時數：大於 0，且不超過本場次認列的 3 小時。");
    expect(tooMany.data.values[`hours_${ids.FB010}`]).toBe("5");

    const saved = await act("FB002", id, {
      intent: "attendance",
      [`mark_${ids.FB010}`]: "partly_attended",
      [`hours_${ids.FB010}`]: "1.5",
      [`mark_${ids.FB011}`]: "excused",
      [`mark_${ids.FB016}`]: "",
    });
    expect(redirectPath(saved)).toBe(`${page(id)}?notice=attendanceSaved`);
    const allPresent = await act("FB002", id, { intent: "allPresent" });
    expect(redirectPath(allPresent)).toBe(`${page(id)}?notice=allPresent&n=1`);

    const d = await detail("FB002", id);
    const statusOf = (userId: number) => d.roster.find((r: { userId: number }) => r.userId === userId);
    expect(statusOf(ids.FB010)).toMatchObject({ status: "partly_attended", hours: 1.5 });
    expect(statusOf(ids.FB011)).toMatchObject({ status: "excused" });
    expect(statusOf(ids.FB016)).toMatchObject({ status: "attended" });
    expect((await detail("FB010", id)).mine).toMatchObject({ status: "partly_attended", hours: 1.5 });
  });

  it("staff may not record attendance (403)", async () => {
    expect((await act("FB010", id, { intent: "attendance", [`mark_${ids.FB011}`]: "attended" })).status).toBe(403);
    expect((await act("FB010", id, { intent: "allPresent" })).status).toBe(403);
  });
});

describe("offices and cancelling", () => {
  it("a person of another office gets 404 for this office's session", async () => {
    const id = await create(sessionForm({ title: "府北所內部訓練" }));
    expect((await view("DQ010", id)).status).toBe(404);
    expect((await act("DQ010", id, { intent: "signUp" })).status).toBe(404);
    expect((await listed("DQ010", id))).toBeUndefined();
  });

  it("cancelling a session needs a reason; it cancels the enrolments and tells the people", async () => {
    const id = await create(sessionForm({ title: "將取消的場次", capacity: "1" }));
    await signUpFromList("FB010", id);
    await signUpFromList("FB012", id);
    const noReason = await act("FB002", id, { intent: "cancelSession", reason: "  " });
    expect(noReason.status).toBe(400);
    expect(noReason.data.errors).toEqual({ reason: "errors.required" });
    expect((await act("FB010", id, { intent: "cancelSession", reason: "講師臨時無法前來" })).status).toBe(403);

    const done = await act("FB002", id, { intent: "cancelSession", reason: "講師臨時無法前來" });
    expect(redirectPath(done)).toBe(`${page(id)}?notice=sessionCancelled`);
    const d = await detail("FB002", id);
    expect(d.session).toMatchObject({ status: "cancelled", phase: "cancelled", cancelReason: "講師臨時無法前來" });
    expect(d.roster.map((r: { status: string }) => r.status)).toEqual(["cancelled", "cancelled"]);
    const told = await notificationsOf("FB012", "notify.training.cancelled");
    expect(told.some((n) => n.link === page(id) && (n.params as { reason?: string }).reason === "講師臨時無法前來")).toBe(true);
    const mine = await detail("FB010", id);
    expect(mine.options.signUp).toEqual({ ok: false, reason: "本場次已取消，不能報名。" });
    expect((await listed("FB010", id))).toMatchObject({ phase: "cancelled", canSignUp: false });
  });
});
