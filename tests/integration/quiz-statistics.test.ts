// The statistics page and presenter mode on known data (issue 3: statistics against hand-computed
// values, practice excluded, role checks; the answers of an open after-close quiz stay hidden).
import type { Kysely } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/schema";
import { gradeResponse, type GradableQuestion } from "~/modules/quizzes/grading";
import { officeIdOf, useTestDatabase, userIdOf } from "../helpers/db";
import { get, signIn, type RouteModule } from "../helpers/requests";
import { routeFor } from "../helpers/routes";

const t = useTestDatabase();

let statsRoute: RouteModule;
let presentRoute: RouteModule;
const cookies: Record<string, string> = {};
let fubei: number;
let quizId: number;
interface Q {
  id: number;
  versionId: number;
  body: Extract<GradableQuestion, { type: "multichoice" }>;
  right: number;
  wrong: number;
}
let questions: Q[];

// The same matrix as item-statistics.test.ts (hand-computed there): five people, three questions.
//          Q1 Q2 Q3 | percent
//   FB011   1  1  1 | 100
//   FB012   1  1  0 |  66.67
//   FB013   1  0  1 |  66.67
//   FB014   1  0  0 |  33.33
//   FB015   0  0  0 |   0
// Quiz: mean 53.33, median 66.67, SD 38.01, pass rate (60) 60 %.
// Q1 facility 80, discrimination 53.45; Q2 and Q3 facility 40, discrimination 32.73.
const MATRIX = [
  [1, 1, 1],
  [1, 1, 0],
  [1, 0, 1],
  [1, 0, 0],
  [0, 0, 0],
];
const PEOPLE = ["FB011", "FB012", "FB013", "FB014", "FB015"];

async function insertAttempt(db: Kysely<Database>, opts: { userId: number; kind: "quiz" | "practice"; quizId: number | null; attemptNo: number; row: number[] }) {
  const fractions = questions.map((q, i) => gradeResponse(q.body, { choice: opts.row[i] ? q.right : q.wrong }) ?? 0);
  const score = fractions.reduce((s, f) => s + f, 0);
  const percent = Math.round((score / questions.length) * 10000) / 100;
  const { id } = await db
    .insertInto("quizAttempts")
    .values({
      officeId: fubei,
      userId: opts.userId,
      kind: opts.kind,
      quizId: opts.quizId,
      attemptNo: opts.attemptNo,
      state: "submitted",
      submittedAt: new Date(),
      score,
      maxScore: questions.length,
      percent,
      passed: opts.kind === "quiz" ? percent >= 60 : null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("attemptItems")
    .values(
      questions.map((q, i) => ({
        attemptId: id,
        position: i + 1,
        questionVersionId: q.versionId,
        points: 1,
        response: JSON.stringify({ choice: opts.row[i] ? q.right : q.wrong }),
        fraction: fractions[i],
      })),
    )
    .execute();
}

beforeAll(async () => {
  [statsRoute, presentRoute] = await Promise.all([routeFor("/quizzes/:quizId/stats"), routeFor("/quizzes/:quizId/present")]);
  fubei = await officeIdOf(t.db, "FUBEI");
  for (const employeeNo of ["FB002", "FB010", "DQ002"]) cookies[employeeNo] = await signIn(t.db, employeeNo);

  const rows = await t.db
    .selectFrom("questions as q")
    .innerJoin("questionVersions as v", "v.id", "q.currentVersionId")
    .select(["q.id", "v.id as versionId", "v.body", "v.type"])
    .where("q.officeId", "=", fubei)
    .where("q.category", "like", "姓名條例%")
    .where("v.type", "=", "multichoice")
    .orderBy("q.externalId")
    .execute();
  questions = rows
    .map((r) => {
      const body = r.body as Q["body"];
      const right = body.answers.findIndex((a) => a.fraction === 1);
      const wrong = body.answers.findIndex((a) => a.fraction <= 0);
      return { id: r.id, versionId: r.versionId, body, right, wrong };
    })
    .filter((q) => q.body.single && q.right >= 0 && q.wrong >= 0)
    .slice(0, 3);
  expect(questions).toHaveLength(3);

  // A closed fixed quiz of these three questions, taken by the five people of the matrix.
  const quiz = await t.db
    .insertInto("quizzes")
    .values({
      officeId: fubei,
      title: "統計驗算測驗",
      selection: "fixed",
      published: true,
      passPercent: 60,
      audienceRoles: "[]",
      opensAt: new Date("2026-01-01T00:00:00Z"),
      closesAt: new Date("2026-01-31T00:00:00Z"),
      feedbackTiming: "after_close",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  quizId = quiz.id;
  await t.db
    .insertInto("quizQuestions")
    .values(questions.map((q, i) => ({ quizId, questionId: q.id, position: i + 1, points: 1 })))
    .execute();
  for (const [i, employeeNo] of PEOPLE.entries()) {
    await insertAttempt(t.db, { userId: await userIdOf(t.db, employeeNo), kind: "quiz", quizId, attemptNo: 1, row: MATRIX[i] });
  }
});

function statsOf(url = `/quizzes/${quizId}/stats`, cookie = cookies.FB002) {
  return get(statsRoute, url, { cookie, params: { quizId: String(quizId) } });
}

describe("the statistics page on known data", () => {
  it("has the hand-computed quiz figures", async () => {
    const page = await statsOf();
    expect(page.status).toBe(200);
    const { summary, audienceSize, which } = page.data;
    expect(which).toBe("highest"); // Moodle's default: the quiz's grading method
    expect(summary.participants).toBe(5);
    expect(audienceSize).toBeGreaterThanOrEqual(40);
    expect(summary.mean).toBeCloseTo(53.333, 2);
    expect(summary.median).toBeCloseTo(66.67, 2);
    expect(summary.sd).toBeCloseTo(38.006, 1);
    expect(summary.passRate).toBeCloseTo(60, 6);
    expect(summary.histogram).toEqual([1, 0, 0, 1, 0, 0, 2, 0, 0, 1]);
  });

  it("has each question's facility, discrimination, options chosen and the right answer marked", async () => {
    const { questions: rows } = (await statsOf()).data;
    expect(rows.map((q: { questionId: number }) => q.questionId)).toEqual(questions.map((q) => q.id));
    expect(rows[0].stats.facility).toBeCloseTo(80, 6);
    expect(rows[0].stats.discrimination).toBeCloseTo(53.452, 2);
    expect(rows[1].stats.facility).toBeCloseTo(40, 6);
    expect(rows[1].stats.discrimination).toBeCloseTo(32.733, 2);
    expect(rows[2].stats.discrimination).toBeCloseTo(32.733, 2);
    const first = questions[0];
    expect(rows[0].stats.optionCounts[first.right]).toBe(4);
    expect(rows[0].stats.optionCounts[first.wrong]).toBe(1);
    // Options come in one fixed shuffled order (the quiz shuffles answers), each with its bank index.
    const shownRight = rows[0].options.find((o: { index: number }) => o.index === first.right);
    expect(shownRight.right).toBe(true);
    expect(rows[0].options.map((o: { index: number }) => o.index).sort()).toEqual(first.body.answers.map((_, i) => i));
    expect(rows[0].text).toBeUndefined(); // the page does not carry question texts
  });

  it("lists each person of the audience with attempts, best, last and pass", async () => {
    const { people } = (await statsOf()).data;
    const row = (no: string) => people.find((p: { employeeNo: string }) => p.employeeNo === no);
    expect(row("FB011")).toMatchObject({ attempts: 1, best: 100, last: 100, passed: true });
    expect(row("FB014")).toMatchObject({ attempts: 1, passed: false });
    expect(row("FB014").best).toBeCloseTo(33.33, 2);
    expect(row("FB020")).toMatchObject({ attempts: 0, best: null, passed: null });
  });

  it("does not count practice (自我練習), in the quiz or in the weakest topics", async () => {
    const before = (await statsOf()).data;
    // FB016 practises the same question versions and gets all three wrong; FB011 too.
    await insertAttempt(t.db, { userId: await userIdOf(t.db, "FB016"), kind: "practice", quizId: null, attemptNo: 1, row: [0, 0, 0] });
    await insertAttempt(t.db, { userId: await userIdOf(t.db, "FB011"), kind: "practice", quizId: null, attemptNo: 2, row: [0, 0, 0] });
    const after = (await statsOf()).data;
    expect(after.summary).toEqual(before.summary);
    expect(after.questions.map((q: { stats: unknown }) => q.stats)).toEqual(before.questions.map((q: { stats: unknown }) => q.stats));
    expect(after.weakest).toEqual(before.weakest);
    expect(after.people.find((p: { employeeNo: string }) => p.employeeNo === "FB016").attempts).toBe(0);
  });

  it("analyses other attempts when asked (Moodle's 'which attempts'), the grading method's by default", async () => {
    // FB015 takes a second attempt and gets everything right.
    await insertAttempt(t.db, { userId: await userIdOf(t.db, "FB015"), kind: "quiz", quizId, attemptNo: 2, row: [1, 1, 1] });
    const highest = (await statsOf()).data.summary;
    expect(highest.participants).toBe(5);
    expect(highest.mean).toBeCloseTo((100 + 66.67 + 66.67 + 33.33 + 100) / 5, 1);
    const first = (await statsOf(`/quizzes/${quizId}/stats?which=first`)).data.summary;
    expect(first.mean).toBeCloseTo(53.333, 2);
    const all = (await statsOf(`/quizzes/${quizId}/stats?which=all`)).data.summary;
    expect(all.attemptsAnalysed).toBe(6);
    expect(all.participants).toBe(5);
  });

  it("exports the per-question and per-person tables as CSV", async () => {
    const csv = await statsOf(`/quizzes/${quizId}/stats?format=csv&table=questions&which=first`);
    expect(csv.headers.get("Content-Type")).toContain("text/csv");
    const lines = (csv.data as string).replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines[0]).toBe("題號,題目,分類,作答數,難易度,標準差,鑑別度,鑑別效率,提醒,選項分布,正確答案");
    expect(lines).toHaveLength(4);
    expect(lines[1]).toMatch(/^1,.*,5,80,44\.7,53\.5,100,/);
    const people = await statsOf(`/quizzes/${quizId}/stats?format=csv&table=people`);
    const peopleLines = (people.data as string).trim().split("\r\n");
    expect(peopleLines[0]).toContain("員工編號,姓名,作答次數,最高分,最後一次,是否及格");
    expect(peopleLines.some((l) => l.startsWith("FB011,") && l.endsWith(",1,100,100,及格"))).toBe(true);
  });
});

describe("who may see statistics and the presenter", () => {
  it("refuses staff (403) and hides the quiz from another office (404)", async () => {
    const params = { quizId: String(quizId) };
    expect((await get(statsRoute, `/quizzes/${quizId}/stats`, { cookie: cookies.FB010, params })).status).toBe(403);
    expect((await get(presentRoute, `/quizzes/${quizId}/present`, { cookie: cookies.FB010, params })).status).toBe(403);
    expect((await get(statsRoute, `/quizzes/${quizId}/stats`, { cookie: cookies.DQ002, params })).status).toBe(404);
    expect((await get(presentRoute, `/quizzes/${quizId}/present`, { cookie: cookies.DQ002, params })).status).toBe(404);
  });
});

describe("presenter mode", () => {
  const present = (id: number, query = "") => get(presentRoute, `/quizzes/${id}/present${query}`, { cookie: cookies.FB002, params: { quizId: String(id) } });

  it("shows one question, then its answers, then its explanation, revealing nothing early", async () => {
    const question = (await present(quizId, "?q=2")).data;
    expect(question.blocked).toBe(false);
    expect(question.total).toBe(3);
    expect(question.current).toMatchObject({ n: 2, step: "question", answered: null, explanation: null });
    expect(question.current.options.every((o: object) => !("right" in o) && !("count" in o))).toBe(true);

    const answers = (await present(quizId, "?q=2&step=answers")).data.current;
    expect(answers.answered).toBe(5);
    // FB011 and FB012, and FB015's better second attempt (added above; highest attempt counts).
    expect(answers.options.filter((o: { right: boolean }) => o.right)).toEqual([expect.objectContaining({ count: 3 })]);
    expect(answers.explanation).toBeNull();

    const explanation = (await present(quizId, "?q=2&step=explanation")).data.current;
    expect(explanation.explanation).toContain("姓名條例");
  });

  it("keeps the question number within the quiz", async () => {
    expect((await present(quizId, "?q=99")).data.current.n).toBe(3);
    expect((await present(quizId, "?q=abc")).data.current.n).toBe(1);
  });

  it("does not show an open quiz whose explanations wait for its closing", async () => {
    const { id } = await t.db
      .insertInto("quizzes")
      .values({
        officeId: fubei,
        title: "進行中、結束後才解說",
        selection: "fixed",
        published: true,
        audienceRoles: "[]",
        opensAt: new Date(Date.now() - 86_400_000),
        closesAt: new Date(Date.now() + 86_400_000),
        feedbackTiming: "after_close",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await t.db.insertInto("quizQuestions").values({ quizId: id, questionId: questions[0].id, position: 1, points: 1 }).execute();
    const page = (await present(id, "?q=1&step=explanation")).data;
    expect(page.blocked).toBe(true);
    expect(page.current).toBeNull();
  });

  it("walks the seeded October quiz with its distribution", async () => {
    const october = await t.db.selectFrom("quizzes").select("id").where("officeId", "=", fubei).where("title", "=", "115年10月份法令測驗").executeTakeFirstOrThrow();
    const page = (await present(october.id, "?q=2&step=answers")).data;
    expect(page.total).toBe(10);
    expect(page.current.answered).toBe(30);
    const counts = page.current.options.map((o: { count: number }) => o.count);
    expect(counts.reduce((s: number, n: number) => s + n, 0)).toBe(30);
  });
});
