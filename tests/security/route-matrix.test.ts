// Role × route matrix (ARCHITECTURE.md, Tests): every route file in app/routes is checked, so a new
// route that forgets its guard fails here. Every loader and action guards itself (rule 1).
import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS } from "../../seeds/demo";
import { officeIdOf, useTestDatabase, userIdOf } from "../helpers/db";
import { get, post, redirectPath, signIn, type RouteResult } from "../helpers/requests";
import { fillPattern, importRoute, listRouteFiles, paramNames, routeFor } from "../helpers/routes";
import { startAttempt, startPractice, submitAttempt } from "~/modules/quizzes/attempts.server";
import { DEFAULT_TEMPLATE } from "~/modules/surveys/template";

const t = useTestDatabase();

/** Reachable without signing in. Everything else must send a visitor to /login. */
const PUBLIC = ["/login", "/healthz", "/set-language", "/logout", "/training/feed/:token"];

/** The administration pages (requirePermission(args, 'admin.*')): admins only, 403 for the rest. */
const ADMIN_CONTRACT = [
  "/admin/users",
  "/admin/users/new",
  "/admin/users/:id",
  "/admin/offices",
  "/admin/offices/new",
  "/admin/offices/:id",
  "/admin/counters",
  "/admin/counters/new",
  "/admin/counters/:id",
  "/admin/audit",
];
/** Opening a new office is for city administrators only; an office administrator gets 403. */
const CITY_ADMIN_ONLY = ["/admin/offices/new"];

const QUIZ_TAKERS = ["director", "supervisor", "chair", "committee", "staff", "otherOfficeStaff", "admin"] as const;
const QUIZ_MANAGERS = ["director", "supervisor"] as const;
/** "proposals.submit": everyone working in an office (FB090 is also staff). */
const PROPOSERS = QUIZ_TAKERS;
/** 府北's own people: a 府北 proposal is not found from 東區 (404). */
const FUBEI_PEOPLE = ["director", "supervisor", "chair", "committee", "staff", "admin"] as const;
/** "committee.view": the committee, and the chiefs and director who act on its decisions. */
const COMMITTEE_VIEWERS = ["director", "supervisor", "chair", "committee"] as const;
/** "dashboard.view". */
const DASHBOARD_VIEWERS = ["director", "supervisor", "bureau", "cityAdmin"] as const;
/** "training.manage". */
const TRAINING_MANAGERS = ["director", "supervisor"] as const;

/**
 * Pages for some roles only (requirePermission with a module permission), by URL prefix: the demo
 * accounts that may use them; every other account gets 403.
 */
const ROLE_LIMITED: {
  prefix: string;
  allowed: readonly Account[];
  seenBy?: readonly Account[];
  /** Answers that differ from the rule above for the sample record (e.g. 403: may read it, not edit it). */
  answers?: Partial<Record<Account, number>>;
}[] = [
  // Taking quizzes and practice: "quizzes.take" (everyone working in an office; FB090 is also staff).
  // An attempt is its owner's (`seenBy`): the others who may take quizzes find nothing there (404);
  // the office's supervisors may also read its review.
  { prefix: "/quizzes/:quizId/start", allowed: QUIZ_TAKERS },
  { prefix: "/quizzes/:quizId/attempts/:attemptId/review", allowed: QUIZ_TAKERS, seenBy: ["staff", "supervisor", "director"] },
  { prefix: "/quizzes/:quizId/attempts", allowed: QUIZ_TAKERS, seenBy: ["staff"] },
  { prefix: "/practice", allowed: QUIZ_TAKERS, seenBy: ["staff"] },
  // 題庫: "questionBank.manage" (supervisor, director, admin).
  { prefix: "/question-bank", allowed: ["director", "supervisor", "admin", "cityAdmin"] },
  // Running quizzes: "quizzes.manage" (supervisor, director): authoring, statistics, the review meeting.
  { prefix: "/quizzes/new", allowed: QUIZ_MANAGERS },
  { prefix: "/quizzes/:quizId/edit", allowed: QUIZ_MANAGERS },
  { prefix: "/quizzes/:quizId/stats", allowed: QUIZ_MANAGERS },
  { prefix: "/quizzes/:quizId/present", allowed: QUIZ_MANAGERS },
  // The list and a quiz's intro page: "quizzes.take"; a 府北 quiz is not found from 東區 (404).
  // Last: the entries above are more specific.
  { prefix: "/quizzes/:quizId", allowed: QUIZ_TAKERS, seenBy: ["director", "supervisor", "chair", "committee", "staff", "admin"] },
  { prefix: "/quizzes", allowed: QUIZ_TAKERS },
  // 創新提案. The sample for editing is a draft of the staff account: nobody else even finds it (404).
  { prefix: "/proposals/settings", allowed: ["director", "chair"] },
  { prefix: "/proposals/:proposalId/edit", allowed: PROPOSERS, seenBy: ["staff"] },
  { prefix: "/proposals/:proposalId", allowed: PROPOSERS, seenBy: FUBEI_PEOPLE },
  { prefix: "/proposals", allowed: PROPOSERS },
  // 研提案件審查小組: meetings are held by the chair ("committee.chair") and read by "committee.view".
  { prefix: "/committee/rounds/new", allowed: ["chair"] },
  { prefix: "/committee", allowed: COMMITTEE_VIEWERS },
  // 教育訓練: "training.manage" plans sessions, takes attendance, verifies, nominates, sets targets;
  // "training.attend" (everyone working in an office) reads sessions, signs up, keeps their own hours.
  { prefix: "/training/new", allowed: TRAINING_MANAGERS },
  { prefix: "/training/roster", allowed: TRAINING_MANAGERS },
  { prefix: "/training/elearning", allowed: TRAINING_MANAGERS },
  { prefix: "/training/nominations", allowed: TRAINING_MANAGERS },
  { prefix: "/training/:sessionId/edit", allowed: TRAINING_MANAGERS },
  { prefix: "/training/calendar", allowed: QUIZ_TAKERS },
  { prefix: "/training/hours", allowed: QUIZ_TAKERS },
  { prefix: "/training/:sessionId", allowed: QUIZ_TAKERS, seenBy: FUBEI_PEOPLE },
  { prefix: "/training", allowed: QUIZ_TAKERS },
  // 特殊案例彙編 ("knowledge.use": everyone in an office, and the bureau for shared cases). The sample is
  // an unshared published 府北 case: 東區 and the bureau do not find it; only supervisors correct it.
  {
    prefix: "/cases/:caseId/edit",
    allowed: [...QUIZ_TAKERS, "bureau", "cityAdmin"],
    seenBy: FUBEI_PEOPLE,
    answers: { chair: 403, committee: 403, staff: 403, admin: 403 },
  },
  { prefix: "/cases/:caseId", allowed: [...QUIZ_TAKERS, "bureau", "cityAdmin"], seenBy: FUBEI_PEOPLE },
  { prefix: "/cases", allowed: [...QUIZ_TAKERS, "bureau", "cityAdmin"] },
  // 新聞蒐集與傳閱 ("clippings.use"): the collector and supervisors edit a clipping.
  {
    prefix: "/clippings/:clippingId/edit",
    allowed: QUIZ_TAKERS,
    seenBy: FUBEI_PEOPLE,
    answers: { chair: 403, committee: 403, staff: 403, admin: 403 },
  },
  { prefix: "/clippings/:clippingId", allowed: QUIZ_TAKERS, seenBy: FUBEI_PEOPLE },
  { prefix: "/clippings", allowed: QUIZ_TAKERS },
  // 員工滿意度調查: everyone in an office answers ("surveys.answer"); supervisors and the director run
  // rounds and read results ("surveys.manage"). The sample is a round of 府北.
  { prefix: "/surveys/new", allowed: TRAINING_MANAGERS },
  { prefix: "/surveys/:roundId/answer", allowed: QUIZ_TAKERS, seenBy: FUBEI_PEOPLE },
  { prefix: "/surveys/:roundId", allowed: TRAINING_MANAGERS },
  { prefix: "/surveys", allowed: QUIZ_TAKERS },
  // 櫃台績效評比: everyone in an office sees the ranking ("counters.view"); supervisors and the
  // director import and set it up ("counters.manage").
  { prefix: "/counters/import", allowed: TRAINING_MANAGERS },
  { prefix: "/counters/settings", allowed: TRAINING_MANAGERS },
  { prefix: "/counters", allowed: QUIZ_TAKERS },
  // 獎勵機制: everyone in an office reads the board and their own points ("incentives.view"); supervisors
  // and the director enter, approve, set rules ("incentives.manage").
  { prefix: "/incentives/entries", allowed: TRAINING_MANAGERS },
  { prefix: "/incentives/rules", allowed: TRAINING_MANAGERS },
  { prefix: "/incentives", allowed: QUIZ_TAKERS },
  // 督導與考核 ("dashboard.view"): chiefs and the director watch their office, the bureau (MA002 is also
// bureau) every office.
  // A figure's table belongs to one office: the bureau names it (?office=), without it there is none (404).
  { prefix: "/dashboard/figures", allowed: DASHBOARD_VIEWERS, answers: { bureau: 404, cityAdmin: 404 } },
  { prefix: "/dashboard/sections", allowed: DASHBOARD_VIEWERS, answers: { bureau: 404, cityAdmin: 404 } },
  { prefix: "/dashboard", allowed: DASHBOARD_VIEWERS },
  // 年終考核依據: everyone their own page ("yearEnd.own"); chiefs and the director every colleague's ("yearEnd.view").
  { prefix: "/year-end/me", allowed: QUIZ_TAKERS },
  { prefix: "/year-end", allowed: TRAINING_MANAGERS },
];
function limitOf(pattern: string) {
  return ROLE_LIMITED.find((l) => pattern === l.prefix || pattern.startsWith(`${l.prefix}/`));
}

const NON_ADMINS = ["director", "supervisor", "chair", "committee", "staff", "bureau", "otherOfficeStaff"] as const;
const ADMINS = ["admin", "cityAdmin"] as const;
type Account = keyof typeof DEMO_ACCOUNTS;

const routes = listRouteFiles().filter((r) => !r.isLayout);
const guarded = routes.filter((r) => !PUBLIC.includes(r.pattern));
const adminRoutes = routes.filter((r) => r.pattern === "/admin" || r.pattern.startsWith("/admin/"));
const limitedRoutes = guarded.filter((r) => !adminRoutes.includes(r) && limitOf(r.pattern));
const signedInRoutes = guarded.filter((r) => !adminRoutes.includes(r) && !limitedRoutes.includes(r));

const cookies = {} as Record<Account, string>;
/** Sample values for route params: records in 府北 (DEMO_ACCOUNTS.admin's office). */
let samples: Record<string, Record<string, string>>;

beforeAll(async () => {
  for (const account of [...NON_ADMINS, ...ADMINS]) cookies[account] = await signIn(t.db, DEMO_ACCOUNTS[account]);
  const fubei = await officeIdOf(t.db, "FUBEI");
  const counter = await t.db.selectFrom("counters").select("id").where("officeId", "=", fubei).where("number", "=", 1).executeTakeFirstOrThrow();
  const taking = await quizTakingSamples(fubei);
  const proposal = async (title: string) =>
    String((await t.db.selectFrom("proposals").select("id").where("officeId", "=", fubei).where("title", "=", title).executeTakeFirstOrThrow()).id);
  samples = {
    // Demo proposals (seeds/demo-proposals.ts): the staff account's draft, and one waiting for screening.
    "/proposals/:proposalId/edit": { proposalId: await proposal("等候區設置手機充電站") },
    "/proposals/": { proposalId: await proposal("印鑑證明申請書填寫範例更新") },
    "/training/": {
      sessionId: String((await t.db.selectFrom("trainingSessions").select("id").where("officeId", "=", fubei).orderBy("id").executeTakeFirstOrThrow()).id),
    },
    "/cases/": {
      caseId: String((await t.db.selectFrom("kbCases").select("id").where("title", "=", "逾期申請出生登記之受理").executeTakeFirstOrThrow()).id),
    },
    "/clippings/": {
      clippingId: String((await t.db.selectFrom("clippings").select("id").where("officeId", "=", fubei).orderBy("id").executeTakeFirstOrThrow()).id),
    },
    "/surveys/": {
      roundId: String(
        (
          await t.db
            .insertInto("surveyRounds")
            .values({ officeId: fubei, title: "權限矩陣調查", year: 2026, half: 1, template: JSON.stringify(DEFAULT_TEMPLATE), demographics: "[]", thresholds: JSON.stringify({ scores: 5, comments: 10 }), opensOn: "2026-01-01", closesOn: "2026-06-30", state: "open" })
            .returning("id")
            .executeTakeFirstOrThrow()
        ).id,
      ),
    },
    "/committee/rounds/": {
      roundId: String((await t.db.selectFrom("committeeRounds").select("id").where("officeId", "=", fubei).where("state", "=", "planned").executeTakeFirstOrThrow()).id),
    },
    // Before any plain "/quizzes/" sample: paramsFor takes the first prefix that matches.
    "/quizzes/:quizId/attempts/": taking.attempt,
    "/quizzes/:quizId/start": { quizId: taking.attempt.quizId },
    "/practice/": taking.practice,
    "/quizzes/": { quizId: taking.attempt.quizId },
    "/admin/users/": { id: String(await userIdOf(t.db, DEMO_ACCOUNTS.staff)) },
    "/admin/offices/": { id: String(fubei) },
    "/admin/counters/": { id: String(counter.id) },
    "/dashboard/figures/": { figureId: "learning.onTrack" },
    "/dashboard/sections/": { sectionId: "counters" },
    "/year-end/": { userId: String(await userIdOf(t.db, DEMO_ACCOUNTS.staff)) },
    "/question-bank/": {
      questionId: String((await t.db.selectFrom("questions").select("id").where("officeId", "=", fubei).where("externalId", "=", "hr-law-001").executeTakeFirstOrThrow()).id),
    },
  };
});

/** A quiz of 府北 with an attempt and a practice session of the staff account (DEMO_ACCOUNTS.staff). */
async function quizTakingSamples(officeId: number) {
  const staff = { id: await userIdOf(t.db, DEMO_ACCOUNTS.staff), officeId, roles: ["staff" as const] };
  const question = await t.db.selectFrom("questions").select("id").where("officeId", "=", officeId).where("currentVersionId", "is not", null).orderBy("id").executeTakeFirstOrThrow();
  const category = await t.db.selectFrom("questions").select("category").where("id", "=", question.id).executeTakeFirstOrThrow();
  const quiz = await t.db.insertInto("quizzes").values({ officeId, title: "權限矩陣測驗", selection: "fixed", published: true, audienceRoles: "[]" }).returning("id").executeTakeFirstOrThrow();
  await t.db.insertInto("quizQuestions").values({ quizId: quiz.id, questionId: question.id, position: 1, points: 1 }).execute();
  const started = await startAttempt(t.db, staff, quiz.id);
  await submitAttempt(t.db, staff, started!.attemptId); // submitted: its review can be read
  const practice = await startPractice(t.db, staff, { categories: [category.category], count: 1 });
  return { attempt: { quizId: String(quiz.id), attemptId: String(started!.attemptId) }, practice: { attemptId: String(practice) } };
}

function paramsFor(pattern: string): Record<string, string> {
  if (paramNames(pattern).length === 0) return {};
  const sample = Object.entries(samples).find(([prefix]) => pattern.startsWith(prefix));
  if (!sample) throw new Error(`Add sample params for ${pattern} to the role × route matrix`);
  return sample[1];
}

function describeAnswer(r: RouteResult) {
  return `${r.status}${r.location ? ` → ${r.location}` : ""}`;
}

describe("the route files", () => {
  it("each map to a URL, and no two pages share one", () => {
    const patterns = routes.map((r) => r.pattern);
    expect(patterns.filter((p, i) => patterns.indexOf(p) !== i)).toEqual([]);
  });

  it("include every administration page of the contract", () => {
    expect(ADMIN_CONTRACT.filter((p) => !routes.some((r) => r.pattern === p))).toEqual([]);
  });

  it("include the public pages, and nothing else is public", () => {
    expect(PUBLIC.filter((p) => !routes.some((r) => r.pattern === p))).toEqual([]);
  });
});

describe.each(guarded.map((r) => [r.pattern, r] as const))("%s without signing in", (pattern, route) => {
  it("sends the visitor to sign in and back here afterwards", async () => {
    const mod = await importRoute(route);
    expect(mod.loader || mod.action, `${route.file} has neither loader nor action`).toBeTruthy();
    const params = Object.fromEntries(paramNames(pattern).map((n) => [n, "1"]));
    const url = fillPattern(pattern, params);
    if (mod.loader) {
      const page = await get(mod, url, { params });
      expect(page.status, describeAnswer(page)).toBe(302);
      expect(redirectPath(page)).toBe(`/login?redirectTo=${encodeURIComponent(url)}`);
    }
    if (mod.action) {
      const submit = await post(mod, url, {}, { params });
      expect(submit.status, describeAnswer(submit)).toBe(302);
      expect(redirectPath(submit)).toBe(`/login?redirectTo=${encodeURIComponent(url)}`);
    }
  });
});

describe.each(adminRoutes.map((r) => [r.pattern, r] as const))("%s", (pattern, route) => {
  it.each(NON_ADMINS.map((a) => [a, DEMO_ACCOUNTS[a]] as const))("refuses %s (%s) with 403", async (account) => {
    const mod = await importRoute(route);
    const params = paramsFor(pattern);
    const url = fillPattern(pattern, params);
    if (mod.loader) {
      const page = await get(mod, url, { cookie: cookies[account], params });
      expect(page.status, describeAnswer(page)).toBe(403);
    }
    if (mod.action) {
      const submit = await post(mod, url, {}, { cookie: cookies[account], params });
      expect(submit.status, describeAnswer(submit)).toBe(403);
    }
  });

  const adminAnswers = ADMINS.map((a) => [a, DEMO_ACCOUNTS[a], a === "cityAdmin" || !CITY_ADMIN_ONLY.includes(pattern) ? 200 : 403] as const);
  it.each(adminAnswers)("answers %s (%s) with %i", async (account, _employeeNo, expected) => {
    const mod = await importRoute(route);
    const params = paramsFor(pattern);
    const url = fillPattern(pattern, params);
    if (mod.loader) {
      const page = await get(mod, url, { cookie: cookies[account], params });
      expect(page.status, describeAnswer(page)).toBe(expected);
    } else {
      // An action-only route: an empty form may be refused as invalid (400), but not as forbidden.
      const submit = await post(mod, url, {}, { cookie: cookies[account], params });
      if (expected === 200) expect(submit.status, describeAnswer(submit)).not.toBe(403);
      else expect(submit.status, describeAnswer(submit)).toBe(expected);
    }
  });
});

describe.each(limitedRoutes.map((r) => [r.pattern, r] as const))("%s", (pattern, route) => {
  const allowed = limitOf(pattern)!.allowed;
  const everyone: Account[] = [...NON_ADMINS, ...ADMINS];
  it.each(everyone.filter((a) => !allowed.includes(a)).map((a) => [a, DEMO_ACCOUNTS[a]] as const))("refuses %s (%s) with 403", async (account) => {
    const mod = await importRoute(route);
    const params = paramsFor(pattern);
    const url = fillPattern(pattern, params);
    if (mod.loader) {
      const page = await get(mod, url, { cookie: cookies[account], params });
      expect(page.status, describeAnswer(page)).toBe(403);
    }
    if (mod.action) {
      const submit = await post(mod, url, {}, { cookie: cookies[account], params });
      expect(submit.status, describeAnswer(submit)).toBe(403);
    }
  });

  it.each(allowed.map((a) => [a, DEMO_ACCOUNTS[a]] as const))("is open to %s (%s)", async (account) => {
    const mod = await importRoute(route);
    const params = paramsFor(pattern);
    const url = fillPattern(pattern, params);
    // The sample records are 府北's: the city administrator (working in the bureau) does not find them.
    const seenBy = limitOf(pattern)!.seenBy;
    const expected =
      limitOf(pattern)!.answers?.[account] ??
      (paramNames(pattern).length > 0 && (account === "cityAdmin" || (seenBy && !seenBy.includes(account))) ? 404 : 200);
    if (mod.loader) {
      const page = await get(mod, url, { cookie: cookies[account], params });
      expect(page.status, describeAnswer(page)).toBe(expected);
    } else {
      const submit = await post(mod, url, {}, { cookie: cookies[account], params });
      expect(submit.status, describeAnswer(submit)).not.toBe(403);
      expect(submit.status, describeAnswer(submit)).toBeLessThan(500);
    }
  });
});

describe.each(signedInRoutes.map((r) => [r.pattern, r] as const))("%s signed in", (pattern, route) => {
  it.each([...NON_ADMINS, ...ADMINS].map((a) => [a, DEMO_ACCOUNTS[a]] as const))("is open to %s (%s)", async (account) => {
    const mod = await importRoute(route);
    const page = mod.loader ? await get(mod, pattern, { cookie: cookies[account] }) : await post(mod, pattern, {}, { cookie: cookies[account] });
    expect(page.status, describeAnswer(page)).not.toBe(403);
    expect(page.status, describeAnswer(page)).toBeLessThan(500);
    if (page.location) expect(redirectPath(page)).not.toMatch(/^\/login/);
  });
});

describe("public routes", () => {
  it("answer a visitor without a session", async () => {
    expect((await get(await routeFor("/login"), "/login")).status).toBe(200);
    expect((await get(await routeFor("/healthz"), "/healthz")).data).toBe("ok");
    const language = await post(await routeFor("/set-language"), "/set-language", { language: "en", redirectTo: "/login" });
    expect(redirectPath(language)).toBe("/login");
    const logout = await post(await routeFor("/logout"), "/logout", {});
    expect(redirectPath(logout)).toBe("/login?signedOut=1");
  });
});

describe("office scoping of administration (a record of another office is not found)", () => {
  let ids: { dq010: number; fb010: number; dongqu: number; dqCounter: number };
  beforeAll(async () => {
    const dongqu = await officeIdOf(t.db, "DONGQU");
    const dqCounter = await t.db.selectFrom("counters").select("id").where("officeId", "=", dongqu).where("number", "=", 1).executeTakeFirstOrThrow();
    ids = {
      dq010: await userIdOf(t.db, DEMO_ACCOUNTS.otherOfficeStaff),
      fb010: await userIdOf(t.db, DEMO_ACCOUNTS.staff),
      dongqu,
      dqCounter: dqCounter.id,
    };
  });

  it("hides a 東區 person from the 府北 administrator, but not from the city administrator", async () => {
    const route = await routeFor("/admin/users/:id");
    const url = `/admin/users/${ids.dq010}`;
    const params = { id: String(ids.dq010) };
    const fubeiAdmin = await get(route, url, { cookie: cookies.admin, params });
    expect(fubeiAdmin.status, describeAnswer(fubeiAdmin)).toBe(404);
    const cityAdmin = await get(route, url, { cookie: cookies.cityAdmin, params });
    expect(cityAdmin.status, describeAnswer(cityAdmin)).toBe(200);
    expect(cityAdmin.data.user.employeeNo).toBe(DEMO_ACCOUNTS.otherOfficeStaff);
  });

  it("hides a 府北 person from the 東區 administrator", async () => {
    const dqAdmin = await signIn(t.db, DEMO_ACCOUNTS.otherOfficeAdmin);
    const page = await get(await routeFor("/admin/users/:id"), `/admin/users/${ids.fb010}`, { cookie: dqAdmin, params: { id: String(ids.fb010) } });
    expect(page.status, describeAnswer(page)).toBe(404);
  });

  it("does not let the 府北 administrator change or reset a 東區 person", async () => {
    const route = await routeFor("/admin/users/:id");
    const url = `/admin/users/${ids.dq010}`;
    const params = { id: String(ids.dq010) };
    const dongquOffice = String(ids.dongqu);
    const save = await post(
      route,
      url,
      { employeeNo: DEMO_ACCOUNTS.otherOfficeStaff, name: "被改的名字", title: "課員", email: "", officeId: dongquOffice, roles: ["staff"] },
      { cookie: cookies.admin, params },
    );
    expect(save.status, describeAnswer(save)).toBe(404);
    const reset = await post(route, url, { intent: "resetPassword", password: "Taken-over-account-1" }, { cookie: cookies.admin, params });
    expect(reset.status, describeAnswer(reset)).toBe(404);

    const row = await t.db.selectFrom("users").select(["name", "active", "mustChangePassword"]).where("id", "=", ids.dq010).executeTakeFirstOrThrow();
    expect(row.name).not.toBe("被改的名字");
    expect(row).toMatchObject({ active: true, mustChangePassword: false });
    await signIn(t.db, DEMO_ACCOUNTS.otherOfficeStaff);
  });

  it("hides another office and its counters from an office administrator", async () => {
    const office = await routeFor("/admin/offices/:id");
    const counter = await routeFor("/admin/counters/:id");
    const officeUrl = `/admin/offices/${ids.dongqu}`;
    const counterUrl = `/admin/counters/${ids.dqCounter}`;
    expect((await get(office, officeUrl, { cookie: cookies.admin, params: { id: String(ids.dongqu) } })).status).toBe(404);
    expect((await get(counter, counterUrl, { cookie: cookies.admin, params: { id: String(ids.dqCounter) } })).status).toBe(404);
    expect((await get(office, officeUrl, { cookie: cookies.cityAdmin, params: { id: String(ids.dongqu) } })).status).toBe(200);
    expect((await get(counter, counterUrl, { cookie: cookies.cityAdmin, params: { id: String(ids.dqCounter) } })).status).toBe(200);
  });

  it("lists only the administrator's own office in the user list and the audit log", async () => {
    const users = await routeFor("/admin/users");
    expect((await get(users, "/admin/users?q=DQ", { cookie: cookies.admin })).data.page.total).toBe(0);
    expect((await get(users, "/admin/users?q=DQ", { cookie: cookies.cityAdmin })).data.page.total).toBeGreaterThan(0);

    await signIn(t.db, DEMO_ACCOUNTS.otherOfficeStaff); // writes a 東區 session.login audit row
    const audit = await routeFor("/admin/audit");
    const query = `/admin/audit?q=${DEMO_ACCOUNTS.otherOfficeStaff}`;
    expect((await get(audit, query, { cookie: cookies.admin })).data.page.total).toBe(0);
    expect((await get(audit, query, { cookie: cookies.cityAdmin })).data.page.total).toBeGreaterThan(0);
  });
});
