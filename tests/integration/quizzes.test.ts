// Quiz authoring (法令測驗) through the real routes: validation in zh-TW keys with what was typed
// kept, creating and editing (questions locked once taken), the audience of the list and intro
// page, and who may open what (issue 3: quizzes; ARCHITECTURE rules 1 and 4).
import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS } from "../../seeds/demo";
import { getCurrentUser } from "~/modules/auth/session.server";
import { listQuizzesForUser } from "~/modules/quizzes/quizzes.server";
import { officeIdOf, useTestDatabase, userIdOf } from "../helpers/db";
import { absoluteUrl, get, post, redirectPath, signIn, type RouteModule } from "../helpers/requests";
import { routeFor } from "../helpers/routes";

const t = useTestDatabase();

let newRoute: RouteModule;
let editRoute: RouteModule;
let introRoute: RouteModule;
let listRoute: RouteModule;
const cookies: Record<string, string> = {};
let fubei: number;
let fixedQuestionIds: number[];

/** A valid form for a new quiz; tests change what they need. */
function form(overrides: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    title: "測試測驗",
    description: "",
    selection: "random",
    ruleCategory: ["戶籍法", "", "", "", ""],
    ruleCount: ["5", "", "", "", ""],
    shuffleQuestions: "on",
    shuffleAnswers: "on",
    timeLimitMinutes: "20",
    opensDate: "2026-12-01",
    opensTime: "08:00",
    closesDate: "2026-12-20",
    closesTime: "",
    attemptsAllowed: "1",
    grading: "highest",
    passPercent: "60",
    feedbackTiming: "after_submit",
    audience: "office",
    published: "on",
    ...overrides,
  };
}

async function createQuizThroughForm(fields: Record<string, string | string[]>): Promise<number> {
  const result = await post(newRoute, "/quizzes/new", fields, { cookie: cookies.supervisor });
  expect(result.status, JSON.stringify(result.data)).toBe(302);
  const match = /^\/quizzes\/(\d+)\?notice=created$/.exec(redirectPath(result) ?? "");
  expect(match).not.toBeNull();
  return Number(match![1]);
}

async function currentUser(employeeNo: string) {
  const request = new Request(absoluteUrl("/"), { headers: { Cookie: cookies[employeeNo] ?? (await signIn(t.db, employeeNo)) } });
  const user = await getCurrentUser(t.db, request);
  expect(user).not.toBeNull();
  return user!;
}

beforeAll(async () => {
  [newRoute, editRoute, introRoute, listRoute] = await Promise.all([
    routeFor("/quizzes/new"),
    routeFor("/quizzes/:quizId/edit"),
    routeFor("/quizzes/:quizId"),
    routeFor("/quizzes"),
  ]);
  fubei = await officeIdOf(t.db, "FUBEI");
  for (const employeeNo of ["FB002", "FB005", "FB010", "FB011", "DQ002", "DQ010"]) cookies[employeeNo] = await signIn(t.db, employeeNo);
  cookies.supervisor = cookies.FB002;
  cookies.staff = cookies.FB010;
  const rows = await t.db
    .selectFrom("questions")
    .select("id")
    .where("officeId", "=", fubei)
    .where("category", "like", "國籍法%")
    .orderBy("externalId")
    .limit(3)
    .execute();
  fixedQuestionIds = rows.map((r) => r.id);
  expect(fixedQuestionIds).toHaveLength(3);
});

describe("creating a quiz", () => {
  it("refuses a closing time before the opening time, in zh-TW keys, keeping what was typed", async () => {
    const result = await post(newRoute, "/quizzes/new", form({ title: "十二月份測驗", closesDate: "2026-11-30" }), { cookie: cookies.supervisor });
    expect(result.status).toBe(400);
    expect(result.data.errors).toEqual({ closesDate: "errors.quizAdmin.closeBeforeOpen" });
    expect(result.data.values).toMatchObject({ title: "十二月份測驗", closesDate: "2026-11-30", ruleCategory: ["戶籍法", "", "", "", ""] });
  });

  it("refuses a random rule asking for more questions than the category holds", async () => {
    const result = await post(newRoute, "/quizzes/new", form({ ruleCount: ["500", "", "", "", ""] }), { cookie: cookies.supervisor });
    expect(result.status).toBe(400);
    expect(Object.values(result.data.errors)).toEqual(["errors.quizAdmin.ruleCount"]);
    const tooMany = await post(newRoute, "/quizzes/new", form({ ruleCount: ["99", "", "", "", ""] }), { cookie: cookies.supervisor });
    expect(tooMany.status).toBe(400);
    expect(tooMany.data.errors).toEqual({ rules: "errors.quizAdmin.ruleTooMany" });
    expect(tooMany.data.values.ruleCount).toEqual(["99", "", "", "", ""]);
  });

  it("refuses overlapping categories, no rule, no question, and explanations after a close that never comes", async () => {
    const overlap = await post(newRoute, "/quizzes/new", form({ ruleCategory: ["戶籍法", "戶籍法/遷徙登記"], ruleCount: ["3", "2"] }), { cookie: cookies.supervisor });
    expect(overlap.data.errors).toEqual({ rules: "errors.quizAdmin.overlappingCategories" });
    const noRule = await post(newRoute, "/quizzes/new", form({ ruleCategory: ["", ""], ruleCount: ["", ""] }), { cookie: cookies.supervisor });
    expect(noRule.data.errors).toEqual({ rules: "errors.quizAdmin.noRules" });
    const noQuestion = await post(newRoute, "/quizzes/new", form({ selection: "fixed" }), { cookie: cookies.supervisor });
    expect(noQuestion.data.errors).toEqual({ questionIds: "errors.quizAdmin.noQuestions" });
    const afterClose = await post(newRoute, "/quizzes/new", form({ feedbackTiming: "after_close", closesDate: "" }), { cookie: cookies.supervisor });
    expect(afterClose.data.errors).toEqual({ feedbackTiming: "errors.quizAdmin.afterCloseNeedsClose" });
  });

  it("refuses bad numbers, a time without its date, and an empty audience", async () => {
    const result = await post(
      newRoute,
      "/quizzes/new",
      form({ title: "", timeLimitMinutes: "0", attemptsAllowed: "-1", passPercent: "101", opensTime: "25:00" }),
      { cookie: cookies.supervisor },
    );
    expect(result.status).toBe(400);
    expect(result.data.errors).toMatchObject({
      title: "errors.required",
      timeLimitMinutes: "errors.quizAdmin.timeLimit",
      attemptsAllowed: "errors.quizAdmin.attemptsAllowed",
      passPercent: "errors.quizAdmin.passPercent",
      opensTime: "errors.quizAdmin.timeFormat",
    });
    const nobody = await post(newRoute, "/quizzes/new", form({ audience: "people" }), { cookie: cookies.supervisor });
    expect(nobody.data.errors).toEqual({ audienceUserIds: "errors.quizAdmin.peopleRequired" });
    const noRole = await post(newRoute, "/quizzes/new", form({ audience: "roles" }), { cookie: cookies.supervisor });
    expect(noRole.data.errors).toEqual({ audienceRoles: "errors.rolesRequired" });
    const noDate = await post(newRoute, "/quizzes/new", form({ opensDate: "", opensTime: "08:00" }), { cookie: cookies.supervisor });
    expect(noDate.data.errors).toEqual({ opensDate: "errors.quizAdmin.timeWithoutDate" });
    const points = await post(newRoute, "/quizzes/new", form({ selection: "fixed", questionIds: [String(fixedQuestionIds[0])], [`points.${fixedQuestionIds[0]}`]: "0" }), { cookie: cookies.supervisor });
    expect(points.data.errors).toEqual({ [`points.${fixedQuestionIds[0]}`]: "errors.quizAdmin.points" });
  });

  it("refuses a question of another office", async () => {
    const dongqu = await officeIdOf(t.db, "DONGQU");
    const foreign = await t.db.selectFrom("questions").select("id").where("officeId", "=", dongqu).executeTakeFirstOrThrow();
    const result = await post(newRoute, "/quizzes/new", form({ selection: "fixed", questionIds: [String(foreign.id)] }), { cookie: cookies.supervisor });
    expect(result.status).toBe(400);
    expect(result.data.errors).toEqual({ questionIds: "errors.quizAdmin.questionUnavailable" });
  });

  it("creates a random quiz in the supervisor's office with Taipei times, and audits it in the same transaction", async () => {
    const id = await createQuizThroughForm(form({ title: "十二月份法令測驗" }));
    const quiz = await t.db.selectFrom("quizzes").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(quiz).toMatchObject({ officeId: fubei, title: "十二月份法令測驗", selection: "random", timeLimitMinutes: 20, attemptsAllowed: 1, published: true });
    expect(quiz.opensAt!.toISOString()).toBe("2026-12-01T00:00:00.000Z"); // 08:00 in Taipei
    expect(quiz.closesAt!.toISOString()).toBe("2026-12-20T15:59:00.000Z"); // date only: 23:59 in Taipei
    const rules = await t.db.selectFrom("quizRandomRules").select(["category", "count"]).where("quizId", "=", id).execute();
    expect(rules).toEqual([{ category: "戶籍法", count: 5 }]);
    const audit = await t.db.selectFrom("auditLog").select(["action", "after"]).where("entityType", "=", "quiz").where("entityId", "=", String(id)).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0].action).toBe("quiz.create");
    expect(audit[0].after).toMatchObject({ title: "十二月份法令測驗", rules: [{ category: "戶籍法", count: 5 }] });
  });

  it("creates a fixed quiz with points per question in the order ticked", async () => {
    const [a, b, c] = fixedQuestionIds;
    const id = await createQuizThroughForm(form({ title: "指定題目測驗", selection: "fixed", questionIds: [String(b), String(a), String(c)], [`points.${a}`]: "2", [`points.${b}`]: "", [`points.${c}`]: "1.5" }));
    const rows = await t.db.selectFrom("quizQuestions").select(["questionId", "position", "points"]).where("quizId", "=", id).orderBy("position").execute();
    expect(rows.map((r) => [r.questionId, r.position, Number(r.points)])).toEqual([
      [b, 1, 1],
      [a, 2, 2],
      [c, 3, 1.5],
    ]);
  });
});

describe("editing a quiz", () => {
  it("shows the saved values, saves changes with an audit row of what changed", async () => {
    const id = await createQuizThroughForm(form({ title: "待修改測驗" }));
    const page = await get(editRoute, `/quizzes/${id}/edit`, { cookie: cookies.supervisor, params: { quizId: String(id) } });
    expect(page.status).toBe(200);
    expect(page.data.locked).toBe(false);
    expect(page.data.defaults).toMatchObject({ title: "待修改測驗", opensDate: "2026-12-01", opensTime: "08:00", closesDate: "2026-12-20", closesTime: "23:59", rules: [{ category: "戶籍法", count: 5 }] });
    expect(page.data.categories.find((c: { category: string }) => c.category === "戶籍法").questionCount).toBeGreaterThanOrEqual(10);

    const saved = await post(editRoute, `/quizzes/${id}/edit`, form({ title: "已修改測驗", passPercent: "70" }), { cookie: cookies.supervisor, params: { quizId: String(id) } });
    expect(redirectPath(saved)).toBe(`/quizzes/${id}?notice=saved`);
    const audit = await t.db.selectFrom("auditLog").select(["before", "after"]).where("action", "=", "quiz.update").where("entityId", "=", String(id)).executeTakeFirstOrThrow();
    expect(audit.before).toEqual({ title: "待修改測驗", passPercent: 60 });
    expect(audit.after).toEqual({ title: "已修改測驗", passPercent: 70 });
  });

  it("keeps the questions, pass mark and grading of a quiz someone has taken, but saves its dates and texts", async () => {
    const [a, b] = fixedQuestionIds;
    const id = await createQuizThroughForm(form({ title: "已有人作答", selection: "fixed", questionIds: [String(a)] }));
    await t.db.insertInto("quizAttempts").values({ officeId: fubei, userId: await userIdOf(t.db, "FB011"), kind: "quiz", quizId: id, attemptNo: 1, maxScore: 1 }).execute();
    const page = await get(editRoute, `/quizzes/${id}/edit`, { cookie: cookies.supervisor, params: { quizId: String(id) } });
    expect(page.data.locked).toBe(true);

    const saved = await post(
      editRoute,
      `/quizzes/${id}/edit`,
      form({ title: "已有人作答（改期）", selection: "fixed", questionIds: [String(b)], passPercent: "90", grading: "last", closesDate: "2026-12-31" }),
      { cookie: cookies.supervisor, params: { quizId: String(id) } },
    );
    expect(saved.status).toBe(302);
    const quiz = await t.db.selectFrom("quizzes").select(["title", "passPercent", "grading", "closesAt"]).where("id", "=", id).executeTakeFirstOrThrow();
    expect(quiz).toMatchObject({ title: "已有人作答（改期）", passPercent: 60, grading: "highest" });
    expect(quiz.closesAt!.toISOString()).toBe("2026-12-31T15:59:00.000Z");
    const questions = await t.db.selectFrom("quizQuestions").select("questionId").where("quizId", "=", id).execute();
    expect(questions.map((q) => q.questionId)).toEqual([a]);
  });

  it("answers 404 for another office's quiz, and 403 to staff", async () => {
    const id = await createQuizThroughForm(form({ title: "府北的測驗" }));
    const params = { quizId: String(id) };
    expect((await get(editRoute, `/quizzes/${id}/edit`, { cookie: cookies.DQ002, params })).status).toBe(404);
    expect((await post(editRoute, `/quizzes/${id}/edit`, form({ title: "被東區改掉" }), { cookie: cookies.DQ002, params })).status).toBe(404);
    expect((await get(editRoute, `/quizzes/${id}/edit`, { cookie: cookies.staff, params })).status).toBe(403);
    const title = await t.db.selectFrom("quizzes").select("title").where("id", "=", id).executeTakeFirstOrThrow();
    expect(title.title).toBe("府北的測驗");
  });
});

describe("who may open the authoring pages", () => {
  it("refuses /quizzes/new to staff (403), page and form alike", async () => {
    expect((await get(newRoute, "/quizzes/new", { cookie: cookies.staff })).status).toBe(403);
    expect((await post(newRoute, "/quizzes/new", form(), { cookie: cookies.staff })).status).toBe(403);
  });

  it("offers the supervisor the office's questions, categories with counts, and people", async () => {
    const page = await get(newRoute, "/quizzes/new", { cookie: cookies.supervisor });
    expect(page.status).toBe(200);
    expect(page.data.questions.length).toBeGreaterThan(80);
    expect(page.data.categories.map((c: { category: string }) => c.category)).toContain("戶籍法/遷徙登記");
    expect(page.data.members.map((m: { employeeNo: string }) => m.employeeNo)).toContain("FB010");
    expect(page.data.members.map((m: { employeeNo: string }) => m.employeeNo)).not.toContain("DQ010");
  });
});

describe("the audience of the list and the intro page", () => {
  let committeeQuiz: number;
  let peopleQuiz: number;
  let draftQuiz: number;
  beforeAll(async () => {
    committeeQuiz = await createQuizThroughForm(form({ title: "審查小組專屬測驗", audience: "roles", audienceRoles: ["committee"] }));
    peopleQuiz = await createQuizThroughForm(form({ title: "指定同仁測驗", audience: "people", audienceUserIds: [String(await userIdOf(t.db, "FB010"))] }));
    draftQuiz = await createQuizThroughForm(form({ title: "還是草稿", published: "" }));
  });

  it("lists a quiz only to the people it is for, and drafts to nobody but the managers", async () => {
    const committee = await listQuizzesForUser(t.db, await currentUser("FB005"));
    const staff = await listQuizzesForUser(t.db, await currentUser("FB010"));
    const other = await listQuizzesForUser(t.db, await currentUser("FB011"));
    expect(titles(committee.mine)).toContain("審查小組專屬測驗");
    expect(titles(staff.mine)).not.toContain("審查小組專屬測驗");
    expect(titles(staff.mine)).toContain("指定同仁測驗");
    expect(titles(other.mine)).not.toContain("指定同仁測驗");
    for (const list of [committee, staff, other]) {
      expect(titles(list.mine)).not.toContain("還是草稿");
      expect(list.manage).toBeNull();
    }
    const supervisor = await listQuizzesForUser(t.db, await currentUser("FB002"));
    expect(titles(supervisor.manage!)).toEqual(expect.arrayContaining(["還是草稿", "審查小組專屬測驗", "指定同仁測驗"]));
    const draft = supervisor.manage!.find((q) => q.title === "還是草稿")!;
    expect(draft.published).toBe(false);
    expect(supervisor.manage!.find((q) => q.title === "指定同仁測驗")!.audienceSize).toBe(1);
    expect(supervisor.manage!.find((q) => q.title === "審查小組專屬測驗")!.audienceSize).toBe(4);
  });

  it("answers 404 for an intro page outside one's audience, office, or a draft, and shows it to those it is for", async () => {
    const intro = (id: number, cookie: string) => get(introRoute, `/quizzes/${id}`, { cookie, params: { quizId: String(id) } });
    expect((await intro(committeeQuiz, cookies.FB010)).status).toBe(404);
    expect((await intro(committeeQuiz, cookies.FB005)).status).toBe(200);
    expect((await intro(peopleQuiz, cookies.FB011)).status).toBe(404);
    expect((await intro(draftQuiz, cookies.FB010)).status).toBe(404);
    expect((await intro(committeeQuiz, cookies.DQ010)).status).toBe(404);
    expect((await intro(committeeQuiz, cookies.DQ002)).status).toBe(404);
    // A manager sees a draft and a quiz for others, without a start button.
    const draft = await intro(draftQuiz, cookies.supervisor);
    expect(draft.status).toBe(200);
    expect(draft.data.block).toBe("draft");
    const notMine = await intro(committeeQuiz, cookies.supervisor);
    expect(notMine.data.block).toBe("notInAudience");
  });

  it("gives the rules, attempts left and the way to start on the intro page", async () => {
    const page = await get(introRoute, `/quizzes/${peopleQuiz}`, { cookie: cookies.FB010, params: { quizId: String(peopleQuiz) } });
    expect(page.data.quiz).toMatchObject({ title: "指定同仁測驗", questionCount: 5, timeLimitMinutes: 20, attemptsAllowed: 1, passPercent: 60, status: "upcoming" });
    expect(page.data.attemptsLeft).toBe(1);
    expect(page.data.block).toBe("upcoming");
  });
});

describe("the seeded quizzes on the list", () => {
  it("shows staff the open November quiz and the closed October one with their result", async () => {
    const page = await get(listRoute, "/quizzes", { cookie: cookies.staff });
    expect(page.status).toBe(200);
    expect(titles(page.data.open)).toContain("115年11月份法令測驗");
    const october = page.data.closed.find((q: { title: string }) => q.title === "115年10月份法令測驗");
    expect(october).toBeDefined();
    expect(october.myAttemptCount).toBe(1);
    expect(typeof october.best).toBe("number");
    expect(october.passed).toBe(october.best >= 60);
    expect(page.data.manage).toBeNull();
  });

  it("gives supervisors the management table with participants against the audience", async () => {
    const page = await get(listRoute, "/quizzes", { cookie: cookies.supervisor });
    const october = page.data.manage.find((q: { title: string }) => q.title === "115年10月份法令測驗");
    expect(october).toMatchObject({ status: "closed", published: true, participants: 30, questionCount: 10 });
    expect(october.audienceSize).toBeGreaterThanOrEqual(40);
    const november = page.data.manage.find((q: { title: string }) => q.title === "115年11月份法令測驗");
    expect(november).toMatchObject({ status: "open", selection: "random", questionCount: 10 });
  });

  it("refuses the list to the bureau (403)", async () => {
    const bureau = await signIn(t.db, DEMO_ACCOUNTS.bureau);
    expect((await get(listRoute, "/quizzes", { cookie: bureau })).status).toBe(403);
  });
});

function titles(items: { title: string }[]) {
  return items.map((i) => i.title);
}
