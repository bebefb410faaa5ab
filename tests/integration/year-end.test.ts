// 年終考核依據 (issue 9, "Year-end summary") through the real route modules, on a small office of our
// own built here (年終測試戶政事務所: a director and three colleagues) so every number is computed by
// hand below. The fixture's year is last year (Taipei), so the year is over and every date is past; a
// year three back holds nothing. Covered: one person's hours against the target, quizzes with the
// counted attempt, proposals and grades, points and reward, the counter rank; the office list; the CSV
// export (BOM, one line per person); an empty year; the year in the URL; office and role scoping.
import { MantineProvider } from "@mantine/core";
import type { Kysely } from "kysely";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { StaticRouterProvider, createStaticHandler, createStaticRouter } from "react-router-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/schema";
import * as exportRoute from "~/routes/year-end.export";
import * as officeRoute from "~/routes/year-end._index";
import * as personRoute from "~/routes/year-end.$userId";
import * as meRoute from "~/routes/year-end.me";
import { useTestDatabase, userIdOf } from "../helpers/db";
import { absoluteUrl, get, signIn } from "../helpers/requests";

const t = useTestDatabase();

const thisYear = Number(new Intl.DateTimeFormat("en-US", { timeZone: "Asia/Taipei", year: "numeric" }).format(new Date()));
/** The fixture's year: over, so "behind" and "closed" are final whatever today is. */
const Y = thisYear - 1;
/** Nothing is recorded in it, for the fixture office or the demo seed. */
const emptyYear = thisYear - 3;

/** A Taipei wall-clock time in the fixture year (or another), as an instant. */
const at = (date: string, time = "09:00", year = Y) => new Date(`${year}-${date}T${time}:00+08:00`);

const ids: Record<string, number> = {};
const cookies: Record<string, string> = {};
let officeId = 0;

async function buildOffice(db: Kysely<Database>) {
  const { passwordHash } = await db.selectFrom("users").select("passwordHash").where("employeeNo", "=", "FB010").executeTakeFirstOrThrow();
  ({ id: officeId } = await db.insertInto("offices").values({ code: "YETEST", name: "年終測試戶政事務所", shortName: "年終測試", kind: "district" }).returning("id").executeTakeFirstOrThrow());
  const people = [
    { employeeNo: "YE001", name: "周主任", title: "主任", roles: ["director", "staff"] as const },
    { employeeNo: "YE010", name: "王小明", title: "課員", roles: ["staff"] as const },
    { employeeNo: "YE011", name: "李小華", title: "戶籍員", roles: ["staff"] as const },
    { employeeNo: "YE012", name: "陳小美", title: "約僱人員", roles: ["staff"] as const },
  ];
  for (const p of people) {
    const { id } = await db.insertInto("users").values({ officeId, employeeNo: p.employeeNo, name: p.name, title: p.title, passwordHash }).returning("id").executeTakeFirstOrThrow();
    await db.insertInto("userRoles").values(p.roles.map((role) => ({ userId: id, officeId, role }))).execute();
    ids[p.employeeNo] = id;
  }
  const A = ids.YE010;
  const B = ids.YE011;
  const director = ids.YE001;

  // ---------------------------------------------------------------- learning hours (target 20, digital 6)
  await db.insertInto("trainingTargets").values({ officeId, year: Y, totalHours: 20, digitalHours: 6, updatedBy: director }).execute();
  const session = async (title: string, creditedHours: number, startsAt: Date, status: "scheduled" | "cancelled" = "scheduled") => {
    const { id } = await db
      .insertInto("trainingSessions")
      .values({ officeId, kind: "professional", title, creditedHours, status, audienceRoles: "[]", materials: "[]", createdBy: director })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db.insertInto("trainingSessionDates").values({ sessionId: id, startsAt, endsAt: new Date(startsAt.getTime() + 3 * 3600_000) }).execute();
    return id;
  };
  const s1 = await session("戶籍法修正重點", 3, at("03-10"));
  const s2 = await session("電話禮貌", 2, at("05-10"));
  const s3 = await session("已取消的課", 4, at("06-01"), "cancelled");
  // 1 January 00:30 of this year in Taipei (31 December in UTC): this year's hours, not the fixture year's.
  const s4 = await session("跨年課程", 4, at("01-01", "00:30", thisYear));
  await db
    .insertInto("enrolments")
    .values([
      { sessionId: s1, userId: A, status: "attended" },
      { sessionId: s1, userId: B, status: "attended" },
      { sessionId: s2, userId: A, status: "partly_attended", hours: 1.5 },
      { sessionId: s2, userId: B, status: "absent" },
      { sessionId: s3, userId: A, status: "attended" },
      { sessionId: s4, userId: A, status: "attended" },
    ])
    .execute();
  await db
    .insertInto("elearningRecords")
    .values([
      { officeId, userId: A, platform: "e等公務園+", course: "個資保護", hours: 2.5, completedOn: `${Y}-04-01`, certificateNumber: "C-1", status: "approved" },
      { officeId, userId: A, platform: "e等公務園+", course: "待審核的課", hours: 3, completedOn: `${Y}-04-02`, certificateNumber: "C-2", status: "pending" },
      { officeId, userId: A, platform: "e等公務園+", course: "前一年的課", hours: 1, completedOn: `${Y - 1}-12-31`, certificateNumber: "C-3", status: "approved" },
    ])
    .execute();
  await db.insertInto("trainingNominations").values({ officeId, userId: A, course: "戶政研習班", startsOn: `${Y}-08-18`, endsOn: `${Y}-08-20`, hours: 4, outcome: "completed" }).execute();

  // ---------------------------------------------------------------- 法令測驗
  const quiz = async (title: string, opens: string, closes: string, grading: "highest" | "last", extra: { published?: boolean; audience?: "office" | "people" } = {}) => {
    const { id } = await db
      .insertInto("quizzes")
      .values({
        officeId,
        title,
        selection: "fixed",
        opensAt: at(opens, "08:00"),
        closesAt: at(closes, "17:00"),
        grading,
        passPercent: 60,
        audience: extra.audience ?? "office",
        audienceRoles: "[]",
        published: extra.published ?? true,
        createdBy: director,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    return id;
  };
  const q1 = await quiz("二月法令測驗", "02-01", "02-28", "highest");
  const q2 = await quiz("六月法令測驗", "06-01", "06-30", "last");
  await quiz("九月法令測驗", "09-01", "09-30", "highest");
  const q4 = await quiz("指定同仁測驗", "10-01", "10-31", "highest", { audience: "people" });
  await db.insertInto("quizAudiencePeople").values({ quizId: q4, userId: B }).execute();
  await quiz("未發布的測驗", "11-01", "11-30", "highest", { published: false });
  const attempt = (userId: number, quizId: number | null, attemptNo: number, score: number, kind: "quiz" | "practice" = "quiz") => ({
    officeId,
    userId,
    kind,
    quizId,
    attemptNo,
    state: "submitted" as const,
    startedAt: at("02-10"),
    submittedAt: at("02-10", "09:30"),
    score,
    maxScore: 10,
    percent: score * 10,
    passed: score >= 6,
  });
  await db
    .insertInto("quizAttempts")
    .values([
      attempt(A, q1, 1, 5),
      attempt(A, q1, 2, 8),
      attempt(B, q1, 1, 4),
      attempt(A, q2, 1, 9),
      attempt(A, q2, 2, 5.5),
      attempt(B, q4, 1, 7),
      // Practice never counts.
      attempt(A, null, 1, 10, "practice"),
    ])
    .execute();

  // ---------------------------------------------------------------- proposals
  const proposal = async (proposerId: number, title: string, fields: Partial<{ referenceNo: string; state: string; submittedAt: Date | null; decision: string; rewardGrade: "甲" | "乙" | "丙" }>) => {
    const { id } = await db
      .insertInto("proposals")
      .values({ officeId, proposerId, title, category: "method_process", origin: "own", problem: "問題", method: "方法", benefit: "效益", ...fields })
      .returning("id")
      .executeTakeFirstOrThrow();
    return id;
  };
  await proposal(A, "臨櫃叫號簡訊通知", { referenceNo: "YE-1", state: "reviewed", submittedAt: at("03-05"), decision: "adopted", rewardGrade: "甲" });
  const p2 = await proposal(B, "戶籍謄本自動化", { referenceNo: "YE-2", state: "decided_not_adopted", submittedAt: at("07-01"), decision: "not_adopted" });
  await db.insertInto("proposalCoProposers").values({ proposalId: p2, userId: A }).execute();
  await proposal(A, "還是草稿", { state: "draft", submittedAt: null });
  await proposal(A, "前一年的提案", { referenceNo: "YE-0", state: "submitted", submittedAt: at("12-20", "09:00", Y - 1) });

  // ---------------------------------------------------------------- incentives (thresholds 10 and 20)
  await db
    .insertInto("incentiveRules")
    .values([
      { officeId, item: "special", label: "專案表揚", scoring: JSON.stringify({ kind: "points" }), capPerPeriod: null, periodKind: "year", effectiveFrom: `${Y - 1}-01-01` },
      { officeId, item: "cross_agency_notice", label: "跨機關通報件數", scoring: JSON.stringify({ kind: "per_unit", pointsPerUnit: 0.5 }), capPerPeriod: 10, periodKind: "month", effectiveFrom: `${Y - 1}-01-01` },
    ])
    .execute();
  await db.insertInto("incentiveSettings").values({ officeId, rewardThresholds: JSON.stringify([{ reward: "嘉獎一次", minPoints: 10 }, { reward: "嘉獎二次", minPoints: 20 }]), updatedBy: director }).execute();
  const entry = (userId: number, item: string, date: string, fields: { points?: number; quantity?: number }, status: "approved" | "pending" = "approved") => ({
    officeId,
    userId,
    item,
    entryDate: `${Y}-${date}`,
    source: "manual" as const,
    status,
    approvedBy: status === "approved" ? director : null,
    approvedAt: status === "approved" ? at(date, "12:00") : null,
    createdBy: director,
    ...fields,
  });
  await db
    .insertInto("incentiveEntries")
    .values([
      entry(A, "special", "05-01", { points: 8 }),
      // 30 notices × 0.5 = 15, capped at 10 a month.
      entry(A, "cross_agency_notice", "06-10", { quantity: 30 }),
      entry(A, "special", "07-01", { points: 5 }, "pending"),
      entry(B, "special", "02-01", { points: 5 }),
    ])
    .execute();

  // ---------------------------------------------------------------- counters (productivity only, no minimum of days)
  await db.insertInto("rankingSettings").values({ officeId, weights: JSON.stringify({ productivity: 100, handling: 0, quality: 0 }), minStaffedDays: 0, shrinkK: 0, updatedBy: director }).execute();
  const { id: counterId } = await db.insertInto("counters").values({ officeId, number: 1, kind: "combined" }).returning("id").executeTakeFirstOrThrow();
  await db
    .insertInto("counterDailyTotals")
    .values([
      { officeId, userId: A, counterId, day: `${Y}-04-01`, caseType: "戶籍登記", served: 40, createdBy: director },
      { officeId, userId: B, counterId, day: `${Y}-04-01`, caseType: "戶籍登記", served: 10, createdBy: director },
    ])
    .execute();
  await db
    .insertInto("staffedHourAdjustments")
    .values([
      { officeId, userId: A, day: `${Y}-04-01`, hours: 8, mode: "set", reason: "全日上櫃台", createdBy: director },
      { officeId, userId: B, day: `${Y}-04-01`, hours: 8, mode: "set", reason: "全日上櫃台", createdBy: director },
    ])
    .execute();
}

/** Renders a route's page on the server with its loader's data, as the browser first gets it. */
async function render(route: { default?: React.ComponentType }, data: Record<string, unknown>, path: string): Promise<string> {
  const handler = createStaticHandler([{ id: "page", path: "*", Component: route.default!, loader: () => data }]);
  const context = await handler.query(new Request(absoluteUrl(path)));
  if (context instanceof Response) throw new Error(`render: the router answered ${context.status}`);
  const router = createStaticRouter(handler.dataRoutes, context);
  return renderToString(createElement(MantineProvider, null, createElement(StaticRouterProvider, { router, context, hydrate: false })));
}

beforeAll(async () => {
  await buildOffice(t.db);
  for (const no of ["YE001", "YE010", "FB001", "DQ001", "MA001"]) cookies[no] = await signIn(t.db, no);
  ids.FB010 = await userIdOf(t.db, "FB010");
});

/** 王小明's year, worked out by hand from the fixture above. */
const EXPECTED_A = {
  // Sessions: 3 (attended) + 1.5 (partly); the cancelled one and the one on New Year's Day (Taipei) do not count.
  // E-learning: 2.5 approved in the year (the pending one and last year's do not). Outside: 4.
  hours: { sessionHours: 4.5, elearningHours: 2.5, outsideHours: 4, totalHours: 11, digitalHours: 2.5 },
  sessionsAttended: 2,
  // 二月: best of 50 % and 80 % → 8 / 10, passed. 六月 (last attempt counts): 55 % → not passed.
  // 九月: assigned, not taken. 指定同仁測驗: not assigned to him. Practice is not a quiz.
  quizTally: { assigned: 3, takenOfAssigned: 2, taken: 2, passed: 1, meanPercent: 67.5 },
  // His own (甲) and 李小華's as co-proposer; the draft and last year's one are not in the year.
  proposalTally: { count: 2, asProposer: 1, asCoProposer: 1, grades: { 甲: 1, 乙: 0, 丙: 0 } },
  // 8 + min(10, 15) = 18 (the pending 5 does not count); first of the four people; ≥ 10 → 嘉獎一次.
  incentives: { points: 18, rank: 1, of: 4, reward: "嘉獎一次" },
  // 40 cases in 8 hours against 李小華's 10 in 8: first of the two ranked; 陳小美 has no counter work.
  counter: { rank: 1, of: 2, score: 100, served: 40, staffedDays: 1, notRankedReason: null, noCounterWork: false },
};

describe("one person's year, by hand", () => {
  it("shows the director 王小明's hours, quizzes, proposals, points and counter rank", async () => {
    const result = await get(personRoute, `/year-end/${ids.YE010}?year=${Y}`, { cookie: cookies.YE001, params: { userId: String(ids.YE010) } });
    expect(result.status, String(result.data)).toBe(200);
    const p = result.data.person;
    expect(p).toMatchObject({ employeeNo: "YE010", name: "王小明", hours: EXPECTED_A.hours, sessionsAttended: 2, quizTally: EXPECTED_A.quizTally, proposalTally: EXPECTED_A.proposalTally });
    // The year is over: 11 of 20 hours and 2.5 of 6 digital are behind.
    expect(p.hours.progress).toMatchObject({ judgement: "behind", total: { target: 20, remaining: 9 }, digital: { target: 6, remaining: 3.5 } });

    expect(p.quizzes.map((q: any) => [q.title, q.assigned, q.taken, q.score, q.percent, q.passed])).toEqual([
      ["二月法令測驗", true, true, 8, 80, true],
      ["六月法令測驗", true, true, 5.5, 55, false],
      ["九月法令測驗", true, false, null, null, null],
    ]);
    expect(p.proposals.map((x: any) => [x.referenceNo, x.role, x.state, x.decision, x.rewardGrade])).toEqual([
      ["YE-1", "proposer", "reviewed", "adopted", "甲"],
      ["YE-2", "coProposer", "decided_not_adopted", "not_adopted", null],
    ]);
    expect(p.incentives).toMatchObject(EXPECTED_A.incentives);
    expect(p.incentives.breakdown).toEqual([
      { item: "cross_agency_notice", label: "跨機關通報件數", points: 10 },
      { item: "special", label: "專案表揚", points: 8 },
    ]);
    expect(p.counter).toEqual(EXPECTED_A.counter);
    // A purpose-built DTO: nothing of the account itself.
    expect(JSON.stringify(result.data)).not.toMatch(/passwordHash|argon2/);

    const html = await render(personRoute, result.data, `/year-end/${ids.YE010}?year=${Y}`);
    expect(html).toContain("王小明（YE010，課員）");
    expect(html).toContain("11 / 目標 20 小時");
    expect(html).toContain("應參加 3 次，已參加 2 次，及格 1 次；平均得分率 67.5%。");
    expect(html).toContain("2 件（提案人 1 件、共同提案人 1 件）；獎勵等第：甲1");
    expect(html).toContain("18 點，本所第 1 名（共 4 人）");
    expect(html).toContain("依本所門檻建議獎勵：嘉獎一次");
    expect(html).toContain("本所第 1 名（共 2 人排名）");
    expect(html).toContain("記錄平時執行情形並作為年終考核之依據");
  });

  it("says why a person is not on the counter ranking and shows who has no points", async () => {
    const result = await get(personRoute, `/year-end/${ids.YE012}?year=${Y}`, { cookie: cookies.YE001, params: { userId: String(ids.YE012) } });
    expect(result.status).toBe(200);
    expect(result.data.person.counter).toMatchObject({ rank: null, noCounterWork: true });
    expect(result.data.person.incentives).toMatchObject({ points: 0, rank: null });
    const html = await render(personRoute, result.data, `/year-end/${ids.YE012}?year=${Y}`);
    expect(html).toContain("本年度沒有櫃台服務紀錄，不列入評比。");
    expect(html).toContain("本年度沒有已核定的獎勵點數。");
  });
});

describe("the office list", () => {
  it("lists every colleague with the headline numbers and links to each page", async () => {
    const result = await get(officeRoute, `/year-end?year=${Y}`, { cookie: cookies.YE001 });
    expect(result.status, String(result.data)).toBe(200);
    expect(result.data).toMatchObject({ year: Y, people: 4, anyRecord: true, hasTarget: true, invalidYear: null });
    const rows = result.data.page.rows;
    expect(rows.map((r: any) => r.employeeNo)).toEqual(["YE001", "YE010", "YE011", "YE012"]);
    const a = rows.find((r: any) => r.employeeNo === "YE010");
    expect(a).toMatchObject({ totalHours: 11, targetTotal: 20, digitalHours: 2.5, targetDigital: 6, sessionsAttended: 2, quizzesTaken: 2, quizzesAssigned: 3, quizMean: 67.5, proposals: 2, grades: "甲1", points: 18, pointsRank: 1, reward: "嘉獎一次" });
    const b = rows.find((r: any) => r.employeeNo === "YE011");
    // 李小華: 3 hours (absent from 電話禮貌); four quizzes assigned (the three office ones and the one for her
    // alone), two taken: 40 % and 70 % → mean 55; her own proposal; 5 points, second, below the first threshold.
    expect(b).toMatchObject({ totalHours: 3, sessionsAttended: 1, quizzesTaken: 2, quizzesAssigned: 4, quizMean: 55, proposals: 1, grades: "", points: 5, pointsRank: 2, reward: null });
    expect(b.counter).toMatchObject({ rank: 2, of: 2 });

    const html = await render(officeRoute, result.data, `/year-end?year=${Y}`);
    expect(html).toContain(`href="/year-end/${ids.YE010}?year=${Y}"`);
    expect(html).toContain(`href="/year-end/export?year=${Y}"`);
    expect(html).toContain("民國");
  });
});

describe("the export", () => {
  it("is a UTF-8 CSV with a BOM and one line per colleague with the right numbers", async () => {
    // The loader's own Response, read as bytes: Response.text() would drop the BOM we look for.
    const response = (await exportRoute.loader({
      request: new Request(absoluteUrl(`/year-end/export?year=${Y}`), { headers: { Cookie: cookies.YE001 } }),
      params: {},
      context: { db: t.db, cspNonce: "test", clientAddress: "127.0.0.1" } as never,
    })) as Response;
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toMatch(/^attachment;/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
    const lines = text.slice(1).trimEnd().split("\r\n");
    expect(lines).toHaveLength(1 + 4);
    const header = lines[0].split(",");
    const line = (no: string) => {
      const cells = lines.find((l) => l.startsWith(`${no},`))!.split(",");
      return Object.fromEntries(header.map((h, i) => [h, cells[i]]));
    };
    expect(line("YE010")).toEqual({
      員工編號: "YE010",
      姓名: "王小明",
      職稱: "課員",
      學習總時數: "11",
      目標總時數: "20",
      數位學習時數: "2.5",
      目標數位學習時數: "6",
      時數判定: "進度落後",
      參加訓練場次: "2",
      應參加測驗次數: "3",
      已參加測驗次數: "2",
      測驗及格次數: "1",
      "測驗平均得分率(%)": "67.5",
      提案件數: "2",
      甲等件數: "1",
      乙等件數: "0",
      丙等件數: "0",
      獎勵點數: "18",
      點數名次: "1",
      建議獎勵: "嘉獎一次",
      櫃台評比名次: "1",
      櫃台評比排名人數: "2",
      櫃台評比說明: "",
    });
    expect(line("YE012")).toMatchObject({ 學習總時數: "0", 應參加測驗次數: "3", 已參加測驗次數: "0", 獎勵點數: "0", 點數名次: "", 櫃台評比名次: "", 櫃台評比說明: "本年度沒有櫃台服務紀錄" });
  });
});

describe("a year with nothing in it", () => {
  it("answers the office list with an empty state, not an error", async () => {
    const result = await get(officeRoute, `/year-end?year=${emptyYear}`, { cookie: cookies.YE001 });
    expect(result.status).toBe(200);
    expect(result.data).toMatchObject({ year: emptyYear, anyRecord: false, hasTarget: false });
    expect(result.data.page.rows.every((r: any) => r.totalHours === 0 && r.quizzesAssigned === 0 && r.proposals === 0 && r.points === 0)).toBe(true);
    const html = await render(officeRoute, result.data, `/year-end?year=${emptyYear}`);
    expect(html).toContain("尚無任何紀錄");
  });

  it("answers a person's page with its empty sections", async () => {
    const result = await get(personRoute, `/year-end/${ids.YE010}?year=${emptyYear}`, { cookie: cookies.YE001, params: { userId: String(ids.YE010) } });
    expect(result.status).toBe(200);
    const html = await render(personRoute, result.data, `/year-end/${ids.YE010}?year=${emptyYear}`);
    expect(html).toContain("尚無此同仁的任何紀錄");
    expect(html).toContain("本年度沒有指派給此同仁的法令測驗。");
    expect(html).toContain("本年度沒有提出或共同提出的提案。");
    expect(html).toContain("本所未設定本年度目標");
  });

  it("exports a header and a line of zeros per person", async () => {
    const result = await get(exportRoute, `/year-end/export?year=${emptyYear}`, { cookie: cookies.YE001 });
    expect(result.status).toBe(200);
    const lines = (result.data as string).replace(/^\uFEFF/, "").trimEnd().split("\r\n");
    expect(lines).toHaveLength(5);
    expect(lines[2]).toContain("YE010,王小明,課員,0,,0,,未設定目標,0,0,0,0,,0,0,0,0,0,,");
  });
});

describe("the year in the URL", () => {
  it("defaults to this year and falls back to it, with a notice, when the year cannot be read", async () => {
    expect((await get(officeRoute, "/year-end", { cookie: cookies.YE001 })).data).toMatchObject({ year: thisYear, invalidYear: null });
    const result = await get(officeRoute, "/year-end?year=abc", { cookie: cookies.YE001 });
    expect(result.status).toBe(200);
    expect(result.data).toMatchObject({ year: thisYear, invalidYear: "abc" });
    const html = await render(officeRoute, result.data, "/year-end?year=abc");
    expect(html).toContain("無法辨識年度「abc」");
  });
});

describe("who may see what", () => {
  it("gives a director of another office 404 for this office's people", async () => {
    for (const no of ["FB001", "DQ001"]) {
      const result = await get(personRoute, `/year-end/${ids.YE010}?year=${Y}`, { cookie: cookies[no], params: { userId: String(ids.YE010) } });
      expect(result.status, no).toBe(404);
    }
    // And the other way round: this office's director cannot open a 府北 colleague.
    expect((await get(personRoute, `/year-end/${ids.FB010}`, { cookie: cookies.YE001, params: { userId: String(ids.FB010) } })).status).toBe(404);
    expect((await get(personRoute, "/year-end/999999", { cookie: cookies.YE001, params: { userId: "999999" } })).status).toBe(404);
  });

  it("shows another office's director only their own office in the list and the export", async () => {
    const list = await get(officeRoute, `/year-end?year=${Y}`, { cookie: cookies.FB001 });
    expect(list.status).toBe(200);
    expect(list.data.page.rows.some((r: any) => r.employeeNo.startsWith("YE"))).toBe(false);
    expect(list.data.page.rows.every((r: any) => r.employeeNo.startsWith("FB"))).toBe(true);
    const csv = await get(exportRoute, `/year-end/export?year=${Y}`, { cookie: cookies.FB001 });
    expect(csv.data).not.toContain("王小明");
  });

  it("keeps staff to their own page: 403 on the office list, the export and a colleague's page", async () => {
    expect((await get(officeRoute, "/year-end", { cookie: cookies.YE010 })).status).toBe(403);
    expect((await get(exportRoute, "/year-end/export", { cookie: cookies.YE010 })).status).toBe(403);
    expect((await get(personRoute, `/year-end/${ids.YE011}`, { cookie: cookies.YE010, params: { userId: String(ids.YE011) } })).status).toBe(403);
    expect((await get(personRoute, `/year-end/${ids.YE010}`, { cookie: cookies.YE010, params: { userId: String(ids.YE010) } })).status).toBe(403);
  });

  it("lets staff open their own year with the same numbers their director sees", async () => {
    const result = await get(meRoute, `/year-end/me?year=${Y}`, { cookie: cookies.YE010 });
    expect(result.status, String(result.data)).toBe(200);
    expect(result.data.person).toMatchObject({ userId: ids.YE010, hours: EXPECTED_A.hours, quizTally: EXPECTED_A.quizTally, proposalTally: EXPECTED_A.proposalTally, incentives: EXPECTED_A.incentives, counter: EXPECTED_A.counter });
    const html = await render(meRoute, result.data, `/year-end/me?year=${Y}`);
    expect(html).toContain("我的年終考核依據");
    expect(html).toContain('data-testid="print-button"');
    const empty = await get(meRoute, `/year-end/me?year=${emptyYear}`, { cookie: cookies.YE010 });
    expect(await render(meRoute, empty.data, `/year-end/me?year=${emptyYear}`)).toContain("尚無您的任何紀錄");
  });

  it("refuses the bureau, which reads dashboards but keeps no staff of its own here", async () => {
    expect((await get(officeRoute, "/year-end", { cookie: cookies.MA001 })).status).toBe(403);
    expect((await get(meRoute, "/year-end/me", { cookie: cookies.MA001 })).status).toBe(403);
  });

  it("sends a visitor without a session to the login page", async () => {
    const result = await get(officeRoute, "/year-end");
    expect(result.status).toBe(302);
    expect(result.location).toMatch(/\/login/);
  });
});
