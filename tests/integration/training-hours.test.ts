// The learning-hours pages (issue 5) through the real route modules: staff report e-learning
// (validation keeps what was typed, a certificate counts once), supervisors verify it (a return needs
// a reason, nobody reviews their own record), the yearly target (the digital part within the total),
// the roster and its CSV, 遴派 outcomes, session hours by the Taipei year, and the secret .ics feed.
import { MantineProvider } from "@mantine/core";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { StaticRouterProvider, createStaticHandler, createStaticRouter } from "react-router-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import { getCurrentUser } from "~/modules/auth/session.server";
import { createSession, markAttendance, signUp, type SessionInput } from "~/modules/training/training.server";
import { useTestDatabase, userIdOf } from "../helpers/db";
import { absoluteUrl, get, post, redirectPath, signIn, type RouteModule } from "../helpers/requests";
import { routeFor } from "../helpers/routes";

const t = useTestDatabase();

let hoursRoute: RouteModule & { default?: React.ComponentType };
let rosterRoute: RouteModule & { default?: React.ComponentType };
let elearningRoute: RouteModule;
let nominationsRoute: RouteModule;
let feedRoute: RouteModule;
const cookies: Record<string, string> = {};
const ids: Record<string, number> = {};

/** This year in Taipei, as the pages default to it. */
const thisYear = Number(new Intl.DateTimeFormat("en-US", { timeZone: "Asia/Taipei", year: "numeric" }).format(new Date()));
/**
 * The demo seed (seeds/demo-training.ts) gives this year's office a target and everyone some hours
 * within the last 240 days; two years back nobody has any, so figures there are exact.
 */
const quietYear = thisYear - 2;

async function currentUser(employeeNo: string) {
  const user = await getCurrentUser(t.db, new Request(absoluteUrl("/"), { headers: { Cookie: cookies[employeeNo] } }));
  expect(user).not.toBeNull();
  return user!;
}

function report(employeeNo: string, fields: Record<string, string>) {
  return post(hoursRoute, `/training/hours?year=${thisYear}`, { intent: "report", ...fields }, { cookie: cookies[employeeNo] });
}

function elearning(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    platform: "e等公務園+",
    course: "戶政個資保護線上課程",
    hours: "2",
    completedOn: `${thisYear}-03-15`,
    certificateNumber: "EG-2026-0001",
    ...overrides,
  };
}

async function myHours(employeeNo: string, year = thisYear) {
  const result = await get(hoursRoute, `/training/hours?year=${year}`, { cookie: cookies[employeeNo] });
  expect(result.status, String(result.data)).toBe(200);
  return result.data;
}

async function recordId(course: string): Promise<number> {
  const rows = await t.db.selectFrom("elearningRecords").select("id").where("course", "=", course).execute();
  expect(rows).toHaveLength(1);
  return rows[0].id;
}

const byCourse = (course: string) => (r: { course: string }) => r.course === course;

function review(employeeNo: string, fields: Record<string, string>) {
  return post(elearningRoute, "/training/elearning", fields, { cookie: cookies[employeeNo] });
}

function feed(token: string) {
  return get(feedRoute, `/training/feed/${token}.ics`, { params: { token: `${token}.ics` } });
}

/** Renders a route's page on the server with the data its loader returned, as the browser first gets it. */
async function render(route: { default?: React.ComponentType }, data: Record<string, unknown>, path: string): Promise<string> {
  const handler = createStaticHandler([{ id: "page", path: "*", Component: route.default!, loader: () => data }]);
  const context = await handler.query(new Request(absoluteUrl(path)));
  if (context instanceof Response) throw new Error(`render: the router answered ${context.status}`);
  const router = createStaticRouter(handler.dataRoutes, context);
  return renderToString(createElement(MantineProvider, null, createElement(StaticRouterProvider, { router, context, hydrate: false })));
}

beforeAll(async () => {
  [hoursRoute, rosterRoute, elearningRoute, nominationsRoute, feedRoute] = await Promise.all([
    routeFor("/training/hours"),
    routeFor("/training/roster"),
    routeFor("/training/elearning"),
    routeFor("/training/nominations"),
    routeFor("/training/feed/:token"),
  ]);
  for (const employeeNo of ["FB001", "FB002", "FB003", "FB010", "FB011", "DQ010"]) cookies[employeeNo] = await signIn(t.db, employeeNo);
  for (const employeeNo of ["FB010", "FB011"]) ids[employeeNo] = await userIdOf(t.db, employeeNo);
});

describe("who may use the pages", () => {
  it("gives staff their own hours page but 403 on the roster, the verification queue and 遴派 (loaders and actions)", async () => {
    expect((await get(hoursRoute, "/training/hours", { cookie: cookies.FB010 })).status).toBe(200);
    for (const [route, url] of [
      [rosterRoute, "/training/roster"],
      [elearningRoute, "/training/elearning"],
      [nominationsRoute, "/training/nominations"],
    ] as const) {
      expect((await get(route, url, { cookie: cookies.FB010 })).status, url).toBe(403);
      expect((await post(route, url, { intent: "target", year: String(thisYear), totalHours: "1", digitalHours: "0" }, { cookie: cookies.FB010 })).status, url).toBe(403);
    }
    expect((await get(rosterRoute, "/training/roster", { cookie: cookies.FB002 })).status).toBe(200);
    expect((await get(rosterRoute, "/training/roster", { cookie: cookies.FB001 })).status).toBe(200);
  });

  it("sends a visitor without a session to the login page", async () => {
    const result = await get(hoursRoute, "/training/hours");
    expect(result.status).toBe(302);
    expect(redirectPath(result)).toMatch(/^\/login/);
  });
});

describe("reporting e-learning", () => {
  it("refuses missing or malformed fields in zh-TW keys, keeping what was typed", async () => {
    const result = await report("FB010", elearning({ course: " ", hours: "1.25", completedOn: "115/03/15" }));
    expect(result.status).toBe(400);
    expect(result.data.errors).toEqual({ course: "errors.required", hours: "errors.training.hours", completedOn: "errors.dateFormat" });
    expect(result.data.values).toMatchObject({ platform: "e等公務園+", hours: "1.25", certificateNumber: "EG-2026-0001" });
  });

  it("records a finished course as pending; the same certificate again is refused (case and spaces ignored)", async () => {
    const before = await myHours("FB010");
    const result = await report("FB010", elearning());
    expect(result.status).toBe(302);
    expect(redirectPath(result)).toBe(`/training/hours?year=${thisYear}&notice=reported`);
    const again = await report("FB010", elearning({ course: "個資法（重複）", certificateNumber: " eg-2026- 0001 " }));
    expect(again.status).toBe(400);
    expect(again.data.errors).toEqual({ certificateNumber: "這張證書已經登錄過了。" });
    expect(again.data.values).toMatchObject({ course: "個資法（重複）" });
    const page = await myHours("FB010");
    expect(page.elearning.filter(byCourse("戶政個資保護線上課程"))).toEqual([
      expect.objectContaining({ status: "pending", hours: 2, completedOn: `${thisYear}-03-15`, certificateNumber: "EG-2026-0001" }),
    ]);
    expect(page.elearning.some(byCourse("個資法（重複）"))).toBe(false);
    expect(page.hours.digitalHours).toBe(before.hours.digitalHours);
    expect(page.platforms).toContain("e等公務園+");
  });
});

describe("verifying e-learning", () => {
  it("lists the queue for supervisors; a return needs a reason, and the person reads it", async () => {
    const before = await myHours("FB010");
    expect((await report("FB010", elearning({ course: "戶籍法修正重點（線上）", hours: "1.5", certificateNumber: "TPE-778" }))).status).toBe(302);
    const queue = await get(elearningRoute, "/training/elearning", { cookie: cookies.FB002 });
    expect(queue.status).toBe(200);
    const courses = queue.data.pending.map((r: { course: string }) => r.course);
    // Oldest report first.
    expect(courses.indexOf("戶政個資保護線上課程")).toBeGreaterThanOrEqual(0);
    expect(courses.indexOf("戶籍法修正重點（線上）")).toBeGreaterThan(courses.indexOf("戶政個資保護線上課程"));
    expect(queue.data.pending.find(byCourse("戶政個資保護線上課程"))).toMatchObject({ employeeNo: "FB010", platform: "e等公務園+", hours: 2, certificateNumber: "EG-2026-0001", completedOn: `${thisYear}-03-15` });

    const id = await recordId("戶籍法修正重點（線上）");
    const noReason = await review("FB002", { id: String(id), decision: "return", reason: "  " });
    expect(noReason.status).toBe(400);
    expect(noReason.data.errors).toEqual({ reason: "trainingHours.elearning.reasonRequired" });

    const returned = await review("FB002", { id: String(id), decision: "return", reason: "證書時數為 1 小時，請更正。" });
    expect(returned.status).toBe(302);
    expect(redirectPath(returned)).toBe("/training/elearning?notice=returned");
    const page = await myHours("FB010");
    expect(page.elearning.find((r: { id: number }) => r.id === id)).toMatchObject({ status: "returned", reviewReason: "證書時數為 1 小時，請更正。" });
    expect(page.hours.digitalHours).toBe(before.hours.digitalHours);
    // Reviewed once is enough.
    const twice = await review("FB003", { id: String(id), decision: "approve", reason: "" });
    expect(twice.status).toBe(400);
    expect(twice.data.errors._form).toBe("這筆紀錄已經審核過了。");
  });

  it("approves a record: the person's digital and total hours grow", async () => {
    const before = await myHours("FB010");
    const id = await recordId("戶政個資保護線上課程");
    const approved = await review("FB002", { id: String(id), decision: "approve", reason: "" });
    expect(approved.status).toBe(302);
    expect(redirectPath(approved)).toBe("/training/elearning?notice=approved");
    const page = await myHours("FB010");
    expect(page.hours).toMatchObject({
      elearningHours: before.hours.elearningHours + 2,
      digitalHours: before.hours.digitalHours + 2,
      totalHours: before.hours.totalHours + 2,
      sessionHours: before.hours.sessionHours,
    });
    expect(page.approvedElearning.some(byCourse("戶政個資保護線上課程"))).toBe(true);
    const queue = await get(elearningRoute, "/training/elearning", { cookie: cookies.FB002 });
    expect(queue.data.pending.some((r: { id: number }) => r.id === id)).toBe(false);
    expect(queue.data.reviewed.find((r: { id: number }) => r.id === id)).toMatchObject({ status: "approved", reviewerName: expect.any(String) });
  });

  it("does not let a supervisor review their own record; another supervisor can", async () => {
    expect((await report("FB002", elearning({ course: "主管領導與溝通", certificateNumber: "LEAD-1" }))).status).toBe(302);
    const id = await recordId("主管領導與溝通");
    const own = await review("FB002", { id: String(id), decision: "approve", reason: "" });
    expect(own.status).toBe(400);
    expect(own.data.errors._form).toBe("不能審核自己的數位學習紀錄，請由其他主管審核。");
    expect((await review("FB003", { id: String(id), decision: "approve", reason: "" })).status).toBe(302);
  });

  it("finds nothing for a record of another office (404)", async () => {
    expect((await post(hoursRoute, "/training/hours", { intent: "report", ...elearning({ course: "東區課程", certificateNumber: "DQ-1" }) }, { cookie: cookies.DQ010 })).status).toBe(302);
    const id = await recordId("東區課程");
    expect((await review("FB002", { id: String(id), decision: "approve", reason: "" })).status).toBe(404);
  });
});

describe("the yearly target and the roster", () => {
  it("refuses a digital part larger than the total, and saves a valid target", async () => {
    const refused = await post(rosterRoute, "/training/roster", { intent: "target", year: String(thisYear), totalHours: "10", digitalHours: "12" }, { cookie: cookies.FB002 });
    expect(refused.status).toBe(400);
    expect(refused.data.errors).toEqual({ digitalHours: "數位學習時數是總時數的一部分，不能多於總時數。" });
    expect(refused.data.values).toMatchObject({ totalHours: "10", digitalHours: "12" });

    const saved = await post(rosterRoute, "/training/roster", { intent: "target", year: String(thisYear), totalHours: "24", digitalHours: "6" }, { cookie: cookies.FB002 });
    expect(saved.status).toBe(302);
    expect(redirectPath(saved)).toBe(`/training/roster?year=${thisYear}&notice=targetSaved`);
    const roster = await get(rosterRoute, `/training/roster?year=${thisYear}`, { cookie: cookies.FB002 });
    expect(roster.data).toMatchObject({ year: thisYear, hasTarget: true, target: { totalHours: 24, digitalHours: 6 } });
    const row = roster.data.page.rows.find((r: { employeeNo: string }) => r.employeeNo === "FB010");
    const mine = await myHours("FB010");
    const { digitalHours: _digital, ...hours } = mine.hours;
    expect(row).toMatchObject(hours);
    expect(row.progress.total).toMatchObject({ achieved: mine.hours.totalHours, target: 24, remaining: Math.max(0, 24 - mine.hours.totalHours) });
    expect(mine).toMatchObject({ hasTarget: true, target: { totalHours: 24, digitalHours: 6 } });
  });

  it("filters those behind and sorts by the hours still missing (a past year: all of the target is due)", async () => {
    const empty = await get(rosterRoute, `/training/roster?year=${quietYear}`, { cookie: cookies.FB002 });
    expect(empty.data.hasTarget).toBe(false);
    expect((await post(rosterRoute, "/training/roster", { intent: "target", year: String(quietYear), totalHours: "8", digitalHours: "0" }, { cookie: cookies.FB002 })).status).toBe(302);
    // FB011 did one completed outside course of 8 hours and FB012 half of it; everyone else nothing.
    const officeId = (await currentUser("FB011")).officeId;
    const outside = (userId: number, hours: number) => ({ officeId, userId, course: "早年外訓", startsOn: `${quietYear}-05-01`, endsOn: `${quietYear}-05-02`, hours, outcome: "completed" as const });
    await t.db.insertInto("trainingNominations").values([outside(ids.FB011, 8), outside(await userIdOf(t.db, "FB012"), 4)]).execute();
    const all = await get(rosterRoute, `/training/roster?year=${quietYear}`, { cookie: cookies.FB002 });
    const behind = await get(rosterRoute, `/training/roster?year=${quietYear}&behind=1&sort=remaining&dir=desc`, { cookie: cookies.FB002 });
    expect(all.data.counts).toMatchObject({ done: 1, behind: all.data.page.total - 1 });
    expect(behind.data.onlyBehind).toBe(true);
    expect(behind.data.page.total).toBe(all.data.page.total - 1);
    const rows = behind.data.page.rows as { employeeNo: string; progress: { judgement: string; total: { remaining: number } } }[];
    expect(rows.every((r) => r.progress.judgement === "behind")).toBe(true);
    expect(rows.some((r) => r.employeeNo === "FB011")).toBe(false);
    // Most hours missing first: FB012 (4 to go) is last.
    expect(rows.at(-1)).toMatchObject({ employeeNo: "FB012", progress: { total: { remaining: 4 } } });
    expect(rows[0].progress.total.remaining).toBe(8);
  });

  it("exports the roster as an Excel-friendly CSV with zh-TW headers and FB010's row", async () => {
    const result = await get(rosterRoute, `/training/roster?year=${thisYear}&format=csv`, { cookie: cookies.FB002 });
    expect(result.status).toBe(200);
    expect(result.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(result.headers.get("Content-Disposition")).toContain(`training-hours-${thisYear}.csv`);
    const text = String(result.data);
    // (Response.text() drops the byte-order mark toCsv writes for Excel.)
    const lines = text.replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines[0]).toBe(
      "員工編號,姓名,職稱,訓練場次時數,數位學習時數,外部訓練時數,總時數,目標總時數,尚差總時數,目標數位學習時數,尚差數位學習時數,依進度應達總時數,進度判定,落後時數",
    );
    const mine = await myHours("FB010");
    const h = (n: number) => String(Math.round(n * 10) / 10);
    const row = lines.find((l) => l.startsWith("FB010,"));
    expect(row).toBeDefined();
    expect(row!.split(",").slice(3, 11)).toEqual([
      h(mine.hours.sessionHours),
      h(mine.hours.elearningHours),
      h(mine.hours.outsideHours),
      h(mine.hours.totalHours),
      "24",
      h(mine.progress.total.remaining),
      "6",
      h(mine.progress.digital.remaining),
    ]);
    expect(row!.split(",")[12]).toMatch(/^(進度落後|進度正常|已達成)$/);
    const csvStaff = await get(rosterRoute, `/training/roster?year=${thisYear}&format=csv`, { cookie: cookies.FB010 });
    expect(csvStaff.status).toBe(403);
  });

  it("draws the roster with labelled progress bars and judgement badges", async () => {
    const roster = await get(rosterRoute, `/training/roster?year=${quietYear}`, { cookie: cookies.FB002 });
    const html = await render(rosterRoute, roster.data, `/training/roster?year=${quietYear}`);
    expect(html).toContain("學習時數總表");
    expect(html).toContain("只看進度落後");
    expect(html).toContain("進度落後 8 小時");
    expect(html).toContain("已達成");
    expect(html).toMatch(/aria-label="[^"]+總時數：0 \/ 8 小時，0%"/);
    expect(html).toContain(`民國${quietYear - 1911}年`);
  });
});

describe("outside training (遴派)", () => {
  it("refuses a nomination without people or with the end before the start", async () => {
    const base = { intent: "nominate", course: "戶政資訊系統新版操作", organiser: "內政部戶政司", startsOn: `${thisYear}-04-08`, endsOn: `${thisYear}-04-09`, hours: "12", note: "" };
    const nobody = await post(nominationsRoute, "/training/nominations", base, { cookie: cookies.FB002 });
    expect(nobody.status).toBe(400);
    expect(nobody.data.errors).toEqual({ userIds: "請至少選擇一位同仁。" });
    expect(nobody.data.values).toMatchObject({ course: "戶政資訊系統新版操作" });
    const backwards = await post(nominationsRoute, "/training/nominations", { ...base, userIds: String(ids.FB010), endsOn: `${thisYear}-04-01` }, { cookie: cookies.FB002 });
    expect(backwards.status).toBe(400);
    expect(backwards.data.errors).toEqual({ endsOn: "結束日期不能早於開始日期。" });
  });

  it("nominates colleagues; a completed course's hours count to the total", async () => {
    const result = await post(
      nominationsRoute,
      "/training/nominations",
      {
        intent: "nominate",
        userIds: [String(ids.FB010), String(ids.FB011)],
        course: "戶政資訊系統新版操作",
        organiser: "內政部戶政司",
        startsOn: `${thisYear}-04-08`,
        endsOn: `${thisYear}-04-09`,
        hours: "12",
        note: "請攜帶筆電",
      },
      { cookie: cookies.FB002 },
    );
    expect(result.status).toBe(302);
    expect(redirectPath(result)).toBe("/training/nominations?notice=nominated");
    const list = await get(nominationsRoute, "/training/nominations", { cookie: cookies.FB002 });
    const mine = list.data.nominations.find((n: { employeeNo: string; course: string }) => n.employeeNo === "FB010" && n.course === "戶政資訊系統新版操作");
    expect(mine).toMatchObject({ outcome: "nominated", hours: 12, organiser: "內政部戶政司", startsOn: `${thisYear}-04-08` });
    expect(list.data.colleagues.some((c: { employeeNo: string }) => c.employeeNo === "FB010")).toBe(true);

    const before = await myHours("FB010");
    expect(before.nominations.filter(byCourse("戶政資訊系統新版操作"))).toEqual([expect.objectContaining({ outcome: "nominated", hours: 12 })]);

    const badHours = await post(nominationsRoute, "/training/nominations", { intent: "outcome", id: String(mine.id), outcome: "completed", hours: "-1" }, { cookie: cookies.FB002 });
    expect(badHours.status).toBe(400);
    expect(badHours.data.errors).toEqual({ hours: "errors.training.hours" });

    const saved = await post(nominationsRoute, "/training/nominations", { intent: "outcome", id: String(mine.id), outcome: "completed", hours: "10.5" }, { cookie: cookies.FB002 });
    expect(saved.status).toBe(302);
    const after = await myHours("FB010");
    expect(after.hours).toMatchObject({ outsideHours: before.hours.outsideHours + 10.5, totalHours: before.hours.totalHours + 10.5, digitalHours: before.hours.digitalHours });
    expect(after.completedOutside.some(byCourse("戶政資訊系統新版操作"))).toBe(true);

    // Withdrawn credits nothing.
    expect((await post(nominationsRoute, "/training/nominations", { intent: "outcome", id: String(mine.id), outcome: "withdrawn", hours: "10.5" }, { cookie: cookies.FB002 })).status).toBe(302);
    expect((await myHours("FB010")).hours.outsideHours).toBe(before.hours.outsideHours);
    expect((await post(nominationsRoute, "/training/nominations", { intent: "outcome", id: String(mine.id), outcome: "completed", hours: "10.5" }, { cookie: cookies.FB002 })).status).toBe(302);
  });
});

describe("hours from sessions attended", () => {
  const session = (title: string, startsAt: string, endsAt: string, creditedHours: number): SessionInput => ({
    kind: "professional",
    title,
    description: "",
    instructor: "",
    place: "3 樓會議室",
    creditedHours,
    capacity: null,
    required: false,
    approvalRequired: false,
    audienceWholeOffice: true,
    audienceRoles: [],
    audienceUserIds: [],
    dates: [{ startsAt: new Date(startsAt), endsAt: new Date(endsAt) }],
    materials: [],
  });

  it("count in the year of the session's Taipei date; 2026-12-31T17:00Z counts for 2027", async () => {
    const supervisor = await currentUser("FB002");
    const staff = await currentUser("FB010");
    // Held last June: signed up before, marked attended after.
    const june = await createSession(t.db, supervisor, session("年中戶籍法規研習", `${quietYear}-06-10T01:00:00Z`, `${quietYear}-06-10T04:00:00Z`, 3), new Date(`${quietYear}-06-01T00:00:00Z`));
    await signUp(t.db, staff, june, new Date(`${quietYear}-06-02T00:00:00Z`));
    await markAttendance(t.db, supervisor, june, [{ userId: staff.id, mark: { status: "attended" } }], new Date(`${quietYear}-06-10T05:00:00Z`));
    // New Year's Eve in UTC, New Year's Day 01:00 in Taipei.
    const newYear = await createSession(t.db, supervisor, session("跨年戶政講習", "2026-12-31T17:00:00Z", "2026-12-31T19:00:00Z", 2), new Date("2026-11-01T00:00:00Z"));
    await signUp(t.db, staff, newYear, new Date("2026-11-02T00:00:00Z"));
    await markAttendance(t.db, supervisor, newYear, [{ userId: staff.id, mark: { status: "partly_attended", hours: 1.5 } }], new Date("2026-12-31T18:00:00Z"));

    const quiet = await myHours("FB010", quietYear);
    expect(quiet.hours).toMatchObject({ sessionHours: 3, totalHours: 3 });
    expect(quiet.sessions).toEqual([expect.objectContaining({ title: "年中戶籍法規研習", status: "attended", hours: 3 })]);
    expect((await myHours("FB010", quietYear + 1)).sessions.some((s: { title: string }) => s.title === "年中戶籍法規研習")).toBe(false);

    const sum = (sessions: { hours: number }[]) => sessions.reduce((a, s) => a + s.hours, 0);
    const in2026 = await myHours("FB010", 2026);
    expect(in2026.sessions.some((s: { title: string }) => s.title === "跨年戶政講習")).toBe(false);
    expect(in2026.hours.sessionHours).toBe(sum(in2026.sessions));
    const in2027 = await myHours("FB010", 2027);
    expect(in2027.sessions.filter((s: { title: string }) => s.title === "跨年戶政講習")).toEqual([expect.objectContaining({ status: "partly_attended", hours: 1.5 })]);
    expect(in2027.hours.sessionHours).toBe(sum(in2027.sessions));
    const roster2027 = await get(rosterRoute, "/training/roster?year=2027", { cookie: cookies.FB002 });
    expect(roster2027.data.page.rows.find((r: { employeeNo: string }) => r.employeeNo === "FB010")).toMatchObject({ sessionHours: in2027.hours.sessionHours });
  });

  it("draws my hours with labelled progress bars and the breakdown", async () => {
    const data = await myHours("FB010");
    const html = await render(hoursRoute, data, `/training/hours?year=${thisYear}`);
    expect(html).toContain("我的學習時數");
    expect(html).toContain(`民國${thisYear - 1911}年`);
    const label = (name: string, part: { achieved: number; target: number; percent: number }) =>
      `aria-label="${name}：${Math.round(part.achieved * 10) / 10} / ${part.target} 小時，${Math.round(part.percent)}%"`;
    expect(html).toContain(label("總時數", data.progress.total));
    expect(html).toContain(label("數位學習時數", data.progress.digital));
    expect(html).toMatch(/進度落後|進度正常|已達成/);
    expect(html).toContain("戶政資訊系統新版操作");
    expect(html).toContain("行事曆訂閱");
    expect(html).toContain('list="elearning-platforms"');
  });
});

describe("the calendar feed", () => {
  let first = "";

  it("gives a secret address once; it answers 200 text/calendar with the person's sessions", async () => {
    expect((await myHours("FB010")).feed).toBeNull();
    const renewed = await post(hoursRoute, "/training/hours", { intent: "renewFeed" }, { cookie: cookies.FB010 });
    expect(renewed.status).toBe(200);
    const m = /^http:\/\/[^/]+\/training\/feed\/([A-Za-z0-9_-]+)\.ics$/.exec(renewed.data.feedUrl);
    expect(m, renewed.data.feedUrl).not.toBeNull();
    first = m![1];
    const answer = await feed(first);
    expect(answer.status).toBe(200);
    expect(answer.headers.get("Content-Type")).toBe("text/calendar; charset=utf-8");
    expect(answer.headers.get("Cache-Control")).toBe("private, max-age=900");
    expect(answer.data).toContain("BEGIN:VCALENDAR");
    expect(answer.data).toContain("跨年戶政講習");
    // The page knows there is one, but never shows it again.
    const page = await myHours("FB010");
    expect(page.feed).toEqual({ createdAt: expect.any(String) });
    expect(JSON.stringify(page)).not.toContain(first);
  });

  it("renewing stops the old address; revoking stops the new one; an unknown token is 404", async () => {
    const renewed = await post(hoursRoute, "/training/hours", { intent: "renewFeed" }, { cookie: cookies.FB010 });
    const second = /\/training\/feed\/([A-Za-z0-9_-]+)\.ics$/.exec(renewed.data.feedUrl)![1];
    expect(second).not.toBe(first);
    expect((await feed(first)).status).toBe(404);
    expect((await feed(second)).status).toBe(200);

    const revoked = await post(hoursRoute, "/training/hours?year=2026", { intent: "revokeFeed" }, { cookie: cookies.FB010 });
    expect(revoked.status).toBe(302);
    expect(redirectPath(revoked)).toBe("/training/hours?year=2026&notice=feedRevoked");
    expect((await feed(second)).status).toBe(404);
    expect((await myHours("FB010")).feed).toBeNull();

    expect((await feed("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")).status).toBe(404);
    expect((await get(feedRoute, "/training/feed/x.ics", { params: { token: "x.ics" } })).status).toBe(404);
  });
});
