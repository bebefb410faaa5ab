// The home page for everyone (issue 9, "Home page for everyone"): what waits for me, with each item
// linking to where it is done, and my own numbers (hours, latest scores, points). The demo seed covers
// the quizzes; the rest runs on a small office of its own (三人戶所: two staff and a supervisor) with
// exactly the rows each figure needs, so every expected number below is worked out by hand.
import { MantineProvider } from "@mantine/core";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { StaticRouterProvider, createStaticHandler, createStaticRouter } from "react-router-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import * as home from "~/routes/_index";
import * as start from "~/routes/quizzes.$quizId.start";
import { useTestDatabase } from "../helpers/db";
import { absoluteUrl, get, post, signIn } from "../helpers/requests";

const t = useTestDatabase();

const DAY = 86_400_000;
const taipei = (d: Date) => new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Taipei", year: "numeric", month: "2-digit", day: "2-digit" }).format(d);
const now = new Date();
const today = taipei(now);
const thisYear = Number(today.slice(0, 4));
const daysFromNow = (n: number) => new Date(now.getTime() + n * DAY);
const dateFromToday = (n: number) => taipei(daysFromNow(n));

/** Renders the home page on the server with the data its loader returned, as the browser first gets it. */
async function render(data: Record<string, unknown>): Promise<string> {
  const handler = createStaticHandler([{ id: "page", path: "*", Component: home.default, loader: () => data }]);
  const context = await handler.query(new Request(absoluteUrl("/")));
  if (context instanceof Response) throw new Error(`render: the router answered ${context.status}`);
  const router = createStaticRouter(handler.dataRoutes, context);
  return renderToString(createElement(MantineProvider, null, createElement(StaticRouterProvider, { router, context, hydrate: false })));
}

describe("the home page: what waits for me", () => {
  it("lists the open quiz a staff member has not taken, with its closing time, and keeps it while in progress", async () => {
    const cookie = await signIn(t.db, "FB020");
    const before = await get(home, "/", { cookie });
    expect(before.status).toBe(200);
    const november = before.data.quizzes.find((q: { title: string }) => q.title === "115年11月份法令測驗");
    expect(november).toMatchObject({ inProgress: false });
    expect(november.closesAt).toEqual(expect.any(String));
    // The closed October quiz is not waiting for anyone.
    expect(before.data.quizzes.map((q: { title: string }) => q.title)).not.toContain("115年10月份法令測驗");

    const started = await post(start, `/quizzes/${november.id}/start`, {}, { cookie, params: { quizId: String(november.id) } });
    expect(started.status).toBe(302);
    const during = await get(home, "/", { cookie });
    expect(during.data.quizzes.find((q: { id: number }) => q.id === november.id)).toMatchObject({ inProgress: true });
  });

  it("shows the bureau, who takes no quizzes, nothing to do", async () => {
    const cookie = await signIn(t.db, "MA001");
    const page = await get(home, "/", { cookie });
    expect(page.data.quizzes).toEqual([]);
  });
});

// ---------------------------------------------------------------- a small office of our own

const ids = { office: 0, a: 0, b: 0, sup: 0 } as Record<string, number>;
const sessions: Record<string, number> = {};
const proposals: Record<string, number> = {};
const quizzes: Record<string, number> = {};
const attempts: Record<string, number> = {};
const cookies: Record<string, string> = {};

beforeAll(async () => {
  const db = t.db;
  const { passwordHash } = await db.selectFrom("users").select("passwordHash").where("employeeNo", "=", "FB010").executeTakeFirstOrThrow();
  const office = await db.insertInto("offices").values({ code: "HOMET", name: "測試用三人戶政事務所", shortName: "三人戶所", kind: "district" }).returning("id").executeTakeFirstOrThrow();
  ids.office = office.id;
  const person = async (employeeNo: string, name: string, roles: ("staff" | "supervisor")[]) => {
    const { id } = await db.insertInto("users").values({ officeId: office.id, employeeNo, name, title: "課員", passwordHash }).returning("id").executeTakeFirstOrThrow();
    await db.insertInto("userRoles").values(roles.map((role) => ({ userId: id, officeId: office.id, role }))).execute();
    return id;
  };
  ids.a = await person("HT010", "甲同仁", ["staff"]);
  ids.b = await person("HT011", "乙同仁", ["staff"]);
  ids.sup = await person("HT002", "丙課長", ["supervisor", "staff"]);

  // Learning hours: a target of 20 (6 digital); A has 3 + 2.5 approved e-learning hours this year. The
  // same certificate reported twice counts once, a pending record and last year's record not at all.
  await db.insertInto("trainingTargets").values({ officeId: office.id, year: thisYear, totalHours: "20", digitalHours: "6" }).execute();
  const elearning = (userId: number, hours: string, completedOn: string, certificateNumber: string, status: "approved" | "pending") => ({
    officeId: office.id,
    userId,
    platform: "e等公務園+",
    course: `課程 ${certificateNumber}`,
    hours,
    completedOn,
    certificateNumber,
    status,
  });
  await db
    .insertInto("elearningRecords")
    .values([
      elearning(ids.a, "3", `${thisYear}-01-02`, "HT-1", "approved"),
      elearning(ids.a, "2.5", `${thisYear}-01-03`, "HT-2", "approved"),
      elearning(ids.a, "3", `${thisYear}-01-04`, "HT-1", "approved"),
      elearning(ids.a, "4", `${thisYear}-01-05`, "HT-3", "pending"),
      elearning(ids.a, "5", `${thisYear - 1}-12-30`, "HT-4", "approved"),
      elearning(ids.b, "7", `${thisYear}-01-02`, "HT-5", "approved"),
    ])
    .execute();

  // Sessions: each with its dates (offsets in days from now, two hours long) and who is enrolled how.
  const session = async (key: string, title: string, days: number[], enrolled: [number, "booked" | "waitlisted" | "cancelled" | "attended"][], status: "scheduled" | "cancelled" = "scheduled") => {
    const { id } = await db
      .insertInto("trainingSessions")
      .values({ officeId: office.id, kind: "professional", title, creditedHours: "2", audienceRoles: "[]", materials: "[]", status })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db
      .insertInto("trainingSessionDates")
      .values(days.map((d) => ({ sessionId: id, startsAt: daysFromNow(d), endsAt: new Date(daysFromNow(d).getTime() + 2 * 3_600_000) })))
      .execute();
    await db.insertInto("enrolments").values(enrolled.map(([userId, s]) => ({ sessionId: id, userId, status: s }))).execute();
    sessions[key] = id;
  };
  await session("far", "家庭暴力防治講習", [20], [[ids.a, "booked"]]);
  await session("near", "櫃台禮儀研習", [3], [[ids.a, "waitlisted"]]);
  await session("twoDays", "戶籍法規研習（兩梯次）", [-2, 30], [[ids.a, "booked"]]);
  await session("cancelledEnrolment", "戶籍法修正說明會", [5], [[ids.a, "cancelled"]]);
  await session("past", "上月的研習", [-10], [[ids.a, "attended"]]);
  await session("cancelledSession", "取消的研習", [7], [[ids.a, "booked"]], "cancelled");
  await session("othersOnly", "乙同仁的研習", [4], [[ids.b, "booked"]]);

  // 法令測驗, all closed now. Each attempt: [attempt no, percent or null for in progress, days ago submitted].
  const quiz = async (key: string, title: string, grading: "highest" | "last", passPercent: number, tries: [number, number | null, number][], userId = ids.a) => {
    const { id } = await db
      .insertInto("quizzes")
      .values({ officeId: office.id, title, selection: "fixed", grading, passPercent, opensAt: daysFromNow(-90), closesAt: daysFromNow(-1), published: true, audienceRoles: "[]", attemptsAllowed: 3 })
      .returning("id")
      .executeTakeFirstOrThrow();
    quizzes[key] = id;
    for (const [attemptNo, percent, daysAgo] of tries) {
      const { id: attemptId } = await db
        .insertInto("quizAttempts")
        .values({
          officeId: office.id,
          userId,
          kind: "quiz",
          quizId: id,
          attemptNo,
          state: percent === null ? "in_progress" : "submitted",
          startedAt: daysFromNow(-daysAgo - 0.01),
          submittedAt: percent === null ? null : daysFromNow(-daysAgo),
          score: percent,
          maxScore: "100",
          percent,
          passed: percent === null ? null : percent >= passPercent,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      attempts[`${key}#${attemptNo}`] = attemptId;
    }
  };
  await quiz("oldest", "十二月法令測驗", "highest", 60, [[1, 100, 60]]);
  await quiz("highest", "一月法令測驗", "highest", 60, [[1, 50, 40], [2, 80, 39]]);
  await quiz("last", "二月法令測驗", "last", 70, [[1, 90, 20], [2, 65, 19]]);
  await quiz("recent", "三月法令測驗", "highest", 60, [[1, 70, 10]]);
  await quiz("unfinished", "四月法令測驗", "last", 60, [[1, null, 2]]);
  await quiz("othersQuiz", "乙同仁的測驗", "highest", 60, [[1, 95, 1]], ids.b);
  // Practice is not a 法令測驗 result.
  await db
    .insertInto("quizAttempts")
    .values({ officeId: office.id, userId: ids.a, kind: "practice", quizId: null, attemptNo: 1, state: "submitted", submittedAt: daysFromNow(-1), score: 10, maxScore: "10", percent: 100, passed: true })
    .execute();

  // Incentives: 跨機關通報 at 0.5 a case, at most 10 points a month. A: January 6 cases (3) and 30 cases
  // (capped: 7 more), February 4 cases (2) = 12; a pending and a rejected entry and last year's earn
  // nothing this year. B: 40 cases in January = 10 (the cap). The supervisor has none.
  await db
    .insertInto("incentiveRules")
    .values({ officeId: office.id, item: "cross_agency_notice", label: "跨機關通報件數", scoring: JSON.stringify({ kind: "per_unit", pointsPerUnit: 0.5 }), capPerPeriod: "10", periodKind: "month", effectiveFrom: `${thisYear - 1}-01-01` })
    .execute();
  const entry = (userId: number, entryDate: string, quantity: number, status: "approved" | "pending" | "rejected") => ({
    officeId: office.id,
    userId,
    item: "cross_agency_notice",
    entryDate,
    quantity: String(quantity),
    source: "manual" as const,
    status,
    approvedBy: status === "approved" ? ids.sup : null,
    approvedAt: status === "approved" ? now : null,
  });
  await db
    .insertInto("incentiveEntries")
    .values([
      entry(ids.a, `${thisYear}-01-10`, 6, "approved"),
      entry(ids.a, `${thisYear}-01-20`, 30, "approved"),
      entry(ids.a, `${thisYear}-02-05`, 4, "approved"),
      entry(ids.a, `${thisYear}-03-01`, 10, "pending"),
      entry(ids.a, `${thisYear}-03-02`, 10, "rejected"),
      entry(ids.a, `${thisYear - 1}-12-31`, 10, "approved"),
      entry(ids.b, `${thisYear}-01-15`, 40, "approved"),
    ])
    .execute();

  // Proposals being carried out (執行中). The office keeps the default 逾時提醒天數 (14).
  const proposal = async (key: string, title: string, ownerId: number, opts: { state?: string; dueIn: number; enteredDaysAgo: number; assignedDaysAgo: number; reports?: [number, number][] }) => {
    const { id } = await db
      .insertInto("proposals")
      .values({
        officeId: office.id,
        proposerId: ids.b,
        title,
        category: "method_process",
        origin: "own",
        problem: "問題",
        method: "方法",
        benefit: "效益",
        state: opts.state ?? "in_implementation",
        stateEnteredAt: daysFromNow(-opts.enteredDaysAgo),
        ownerId,
        dueDate: dateFromToday(opts.dueIn),
        progressPercent: opts.reports?.at(-1)?.[0] ?? 0,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db
      .insertInto("proposalEvents")
      .values({ proposalId: id, action: "assign_owner", fromState: "decided_adopted", toState: "in_implementation", actorId: ids.sup, details: "{}", at: daysFromNow(-opts.assignedDaysAgo) })
      .execute();
    for (const [percent, daysAgo] of opts.reports ?? []) {
      await db.insertInto("proposalProgress").values({ proposalId: id, percent, note: "進度", authorId: ownerId, at: daysFromNow(-daysAgo) }).execute();
    }
    proposals[key] = id;
  };
  // Listed last: due in 60 days, reported 3 days ago.
  await proposal("calm", "線上預約改善", ids.a, { dueIn: 60, enteredDaysAgo: 30, assignedDaysAgo: 30, reports: [[40, 3]] });
  // Past its due date three days ago, though reported 2 days ago.
  await proposal("overdue", "等候區動線調整", ids.a, { dueIn: -3, enteredDaysAgo: 50, assignedDaysAgo: 50, reports: [[20, 40], [60, 2]] });
  // Due in 10 days, never reported since its owner was (re)assigned 20 days ago.
  await proposal("soon", "臨櫃叫號簡訊通知", ids.a, { dueIn: 10, enteredDaysAgo: 45, assignedDaysAgo: 20 });
  await proposal("othersOwned", "乙同仁承辦的提案", ids.b, { dueIn: -5, enteredDaysAgo: 30, assignedDaysAgo: 30 });
  await proposal("done", "已完成的提案", ids.a, { state: "implemented", dueIn: -5, enteredDaysAgo: 30, assignedDaysAgo: 30 });

  for (const no of ["HT010", "HT011", "HT002", "MA001"]) cookies[no] = await signIn(db, no);
});

async function homeOf(employeeNo: string) {
  const page = await get(home, "/", { cookie: cookies[employeeNo] });
  expect(page.status).toBe(200);
  return page.data;
}

describe("the home page: sessions I am in", () => {
  it("lists every coming session I am booked on or waiting for, nearest first with its next date, and nothing over, cancelled or not mine", async () => {
    const data = await homeOf("HT010");
    expect(data.training.sessions.map((s: { id: number; status: string }) => [s.id, s.status])).toEqual([
      [sessions.near, "waitlisted"],
      [sessions.far, "booked"], // 20 days ahead: beyond the old 14-day "soon", still mine
      [sessions.twoDays, "booked"],
    ]);
    // A session whose first date is over shows its next date, 30 days ahead.
    const twoDays = data.training.sessions.find((s: { id: number }) => s.id === sessions.twoDays);
    expect(taipei(new Date(twoDays.nextStartsAt))).toBe(dateFromToday(30));

    const b = await homeOf("HT011");
    expect(b.training.sessions.map((s: { id: number }) => s.id)).toEqual([sessions.othersOnly]);

    const html = await render(data);
    expect(html).toContain(`href="/training/${sessions.far}"`);
    expect(html).toContain("您已報名「家庭暴力防治講習」");
    expect(html).toContain("您在「櫃台禮儀研習」的候補或待核可名單中");
    expect(html).not.toContain("乙同仁的研習");
    expect(html).not.toContain("取消的研習");
  });
});

describe("the home page: implementation updates due", () => {
  it("lists the proposals I carry out, pressing ones first: past due, due within 14 days, no report for the office's alert days", async () => {
    const data = await homeOf("HT010");
    expect(data.proposals.owned.map((p: { id: number; alerts: string[]; daysSinceReport: number; progressPercent: number }) => [p.id, p.alerts, p.daysSinceReport, p.progressPercent])).toEqual([
      [proposals.overdue, ["overdue"], 2, 60],
      [proposals.soon, ["due_soon", "no_report"], 20, 0],
      [proposals.calm, [], 3, 40],
    ]);
    expect(data.proposals.owned[0].dueDate).toBe(dateFromToday(-3));

    const html = await render(data);
    expect(html).toContain(`href="/proposals/${proposals.overdue}"`);
    expect(html).toContain("您承辦的提案「等候區動線調整」執行中，請回報進度");
    expect(html).toContain("已逾預定完成日");
    expect(html).toContain("即將到期");
    expect(html).toContain("已 20 天未回報進度");
    expect(html).toContain("目前進度 60%");
    expect(html).not.toContain("已完成的提案");
  });

  it("shows someone else's proposals only to their owner", async () => {
    const b = await homeOf("HT011");
    expect(b.proposals.owned.map((p: { id: number; alerts: string[] }) => [p.id, p.alerts])).toEqual([[proposals.othersOwned, ["overdue", "no_report"]]]);
    const sup = await homeOf("HT002");
    expect(sup.proposals.owned).toEqual([]);
  });
});

describe("the home page: my numbers", () => {
  it("shows my learning hours this year against the office target, linking to my hours", async () => {
    const data = await homeOf("HT010");
    // 3 + 2.5 of e-learning (all digital), and the 2 hours of the session attended 10 days ago when
    // that day is still this year in Taipei (in early January it belongs to last year).
    const sessionHours = dateFromToday(-10).startsWith(`${thisYear}-`) ? 2 : 0;
    const total = 5.5 + sessionHours;
    expect(data.mine.hours).toMatchObject({ year: thisYear, hasTarget: true, totalHours: total, digitalHours: 5.5, target: { totalHours: 20, digitalHours: 6 }, percent: (total / 20) * 100 });
    expect((await homeOf("HT011")).mine.hours).toMatchObject({ totalHours: 7, digitalHours: 7 });
    expect((await homeOf("HT002")).mine.hours).toMatchObject({ totalHours: 0, digitalHours: 0 });

    const html = await render(data);
    expect(html).toContain(`${total} / 目標 20 小時，其中數位學習 5.5 / 6 小時`);
    expect(html).toContain('href="/training/hours"');
  });

  it("shows my last three 法令測驗 results as their grading counts them, each linking to its review", async () => {
    const data = await homeOf("HT010");
    expect(data.mine.results.map((r: { quizId: number; attemptId: number; percent: number; passed: boolean }) => [r.quizId, r.attemptId, r.percent, r.passed])).toEqual([
      [quizzes.recent, attempts["recent#1"], 70, true],
      [quizzes.last, attempts["last#2"], 65, false], // 最後一次 counts 65 (of 90 then 65), under the pass mark of 70
      [quizzes.highest, attempts["highest#2"], 80, true], // 最高分 counts 80 (of 50 then 80)
    ]);
    const html = await render(data);
    expect(html).toContain(`href="/quizzes/${quizzes.last}/attempts/${attempts["last#2"]}/review"`);
    expect(html).toContain("得分率 65%");
    expect(html).toContain("未及格");
    expect(html).not.toContain("十二月法令測驗"); // the fourth latest

    const b = await homeOf("HT011");
    expect(b.mine.results.map((r: { quizId: number }) => r.quizId)).toEqual([quizzes.othersQuiz]);
    const sup = await homeOf("HT002");
    expect(sup.mine.results).toEqual([]);
    expect(await render(sup)).toContain("尚無已繳交的法令測驗。");
  });

  it("shows my incentive points this year after caps, with my rank, linking to my points", async () => {
    const a = await homeOf("HT010");
    expect(a.mine.points).toEqual({ year: thisYear, points: 12, rank: 1, people: 3 });
    const b = await homeOf("HT011");
    expect(b.mine.points).toEqual({ year: thisYear, points: 10, rank: 2, people: 3 });
    // No points: no rank among zeros.
    const sup = await homeOf("HT002");
    expect(sup.mine.points).toEqual({ year: thisYear, points: 0, rank: null, people: 3 });

    const html = await render(a);
    expect(html).toContain("累計 12 點");
    expect(html).toContain("全所第 1 名（共 3 人）");
    expect(html).toContain(`href="/incentives/mine?year=${thisYear}"`);
  });
});

describe("the home page: links by role", () => {
  it("gives staff their year-end summary and no dashboard; supervisors the dashboard and the office's summaries", async () => {
    const a = await homeOf("HT010");
    expect(a.links).toEqual({ dashboard: false, yearEndOffice: false, yearEndMine: true });
    const staffHtml = await render(a);
    expect(staffHtml).toContain('href="/year-end/me"');
    expect(staffHtml).not.toContain('href="/dashboard"');

    const sup = await homeOf("HT002");
    expect(sup.links).toEqual({ dashboard: true, yearEndOffice: true, yearEndMine: true });
    const supHtml = await render(sup);
    expect(supHtml).toContain('href="/dashboard"');
    expect(supHtml).toContain("品質儀表板");
    expect(supHtml).toContain('href="/year-end"');
  });

  it("gives the bureau reader the dashboard, no personal numbers and nothing waiting, without an error", async () => {
    const data = await homeOf("MA001");
    expect(data.mine).toEqual({ hours: null, results: null, points: null });
    expect(data.links).toEqual({ dashboard: true, yearEndOffice: false, yearEndMine: false });
    expect(data.training.sessions).toEqual([]);
    expect(data.proposals.owned).toEqual([]);
    const html = await render(data);
    expect(html).toContain('href="/dashboard"');
    expect(html).toContain("目前沒有等待您處理的事項。");
    expect(html).not.toContain('data-testid="my-numbers"');
  });
});
