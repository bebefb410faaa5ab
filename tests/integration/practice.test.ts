// 自我練習 through the real routes: topics with counts, random questions from the chosen topics,
// the right answer and the explanation right after each answer, and never a quiz attempt.
import type { Kysely } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/schema";
import { importQuestions } from "~/modules/quizzes/question-bank.server";
import { officeIdOf, useTestDatabase } from "../helpers/db";
import { get, post, redirectPath, signIn, type RouteModule } from "../helpers/requests";
import { routeFor } from "../helpers/routes";

const t = useTestDatabase();

const BANK = `
$CATEGORY: 練習測試/出生

// [id:p-mc]
::出生登記期間::出生登記應於出生後幾日內為之？{=60日#正確。 ~30日#那是死亡登記。 ~90日####戶籍法第48條：出生登記應於出生後六十日內為之。}

// [id:p-tf]
::出生地::出生登記由父、母申請。{TRUE####戶籍法第29條。}

$CATEGORY: 練習測試/出生/細項

// [id:p-short]
::主管機關::戶籍登記之中央主管機關為？{=內政部####戶籍法第2條。}

$CATEGORY: 練習測試/死亡

// [id:p-death]
::死亡登記::死亡登記之期間為幾日？{#30####戶籍法第48條。}

// [id:p-essay]
::申論::請說明死亡宣告之登記。{}
`;

let fubei: number;
const cookies: Record<string, string> = {};
let home: RouteModule;
let session: RouteModule;

async function addQuestions(db: Kysely<Database>, officeId: number, source: string) {
  const { errors } = await importQuestions(db, null, officeId, { source, format: "gift" });
  expect(errors).toEqual([]);
}

beforeAll(async () => {
  fubei = await officeIdOf(t.db, "FUBEI");
  await addQuestions(t.db, fubei, BANK);
  home = await routeFor("/practice");
  session = await routeFor("/practice/:attemptId");
  for (const who of ["FB014", "FB015", "DQ010"]) cookies[who] = await signIn(t.db, who);
});

async function startPractice(who: string, categories: string[], count: string) {
  return post(home, "/practice", { categories, count }, { cookie: cookies[who] });
}

function open(id: number, who = "FB014", query = "") {
  return get(session, `/practice/${id}${query}`, { cookie: cookies[who], params: { attemptId: String(id) } });
}

function answer(id: number, fields: Record<string, string | string[]>, who = "FB014") {
  return post(session, `/practice/${id}`, fields, { cookie: cookies[who], params: { attemptId: String(id) } });
}

function idFrom(location: string | null): number {
  const m = /^\/practice\/(\d+)$/.exec(location ?? "");
  expect(m, location ?? "").not.toBeNull();
  return Number(m![1]);
}

describe("the practice page", () => {
  it("lists topics with the number of questions practice can draw (essays left out), sub-categories included", async () => {
    const page = await get(home, "/practice", { cookie: cookies.FB014 });
    expect(page.status).toBe(200);
    const topic = page.data.topics.find((x: { topic: string }) => x.topic === "練習測試");
    expect(topic).toEqual({
      topic: "練習測試",
      count: 4,
      subs: [
        { category: "練習測試/出生", label: "出生", count: 2 },
        { category: "練習測試/出生/細項", label: "出生/細項", count: 1 },
        { category: "練習測試/死亡", label: "死亡", count: 1 },
      ],
    });
  });

  it("asks for at least one topic, keeping the chosen count", async () => {
    const r = await startPractice("FB014", [], "5");
    expect(r.status).toBe(400);
    expect(r.data.errors).toEqual({ categories: "practice.error.chooseTopic" });
    expect(r.data.values.count).toBe("5");
  });

  it("refuses topics with nothing to practise", async () => {
    const r = await startPractice("FB014", ["沒有這個主題"], "5");
    expect(r.status).toBe(400);
    expect(r.data.errors).toEqual({ categories: "practice.error.noQuestions" });
  });
});

describe("a practice session", () => {
  it("draws from the chosen topic and its sub-topics only, and gives the explanation right after each answer", async () => {
    const started = await startPractice("FB014", ["練習測試/出生"], "10");
    expect(started.status).toBe(302);
    const id = idFrom(redirectPath(started));

    const first = await open(id);
    expect(first.status).toBe(200);
    expect(first.data.total).toBe(3); // only 3 questions under 出生, fewer than asked
    const names = new Set(first.data.marks.map((m: { name: string }) => m.name));
    expect(names).toEqual(new Set(["出生登記期間", "出生地", "主管機關"]));
    expect(first.data.current).toBe(1);
    // Before answering, nothing of the answer reaches the page.
    expect(first.data.item.review).toBeUndefined();
    expect(JSON.stringify(first.data)).not.toContain("戶籍法第");

    // Answer every question wrongly or rightly; each answer shows the right one and the explanation.
    const row = (await t.db
      .selectFrom("attemptItems as i")
      .innerJoin("questionVersions as v", "v.id", "i.questionVersionId")
      .select(["i.position", "v.name"])
      .where("i.attemptId", "=", id)
      .orderBy("i.position")
      .execute()) as { position: number; name: string }[];
    const pos = Object.fromEntries(row.map((r) => [r.name, r.position]));

    const wrong = await answer(id, { position: String(pos["出生登記期間"]), [`q${pos["出生登記期間"]}.kind`]: "choice", [`q${pos["出生登記期間"]}.choice`]: "1" });
    expect(redirectPath(wrong)).toBe(`/practice/${id}?q=${pos["出生登記期間"]}`);
    const shown = await open(id, "FB014", `?q=${pos["出生登記期間"]}`);
    expect(shown.data.item.review).toMatchObject({
      fraction: 0,
      correct: { choice: 0 },
      feedback: ["那是死亡登記。"],
      generalFeedback: "戶籍法第48條：出生登記應於出生後六十日內為之。",
    });

    // The first answer counts: answering again changes nothing.
    await answer(id, { position: String(pos["出生登記期間"]), [`q${pos["出生登記期間"]}.kind`]: "choice", [`q${pos["出生登記期間"]}.choice`]: "0" });
    expect((await open(id, "FB014", `?q=${pos["出生登記期間"]}`)).data.item.review.fraction).toBe(0);

    // An empty answer is refused, not recorded.
    const empty = await answer(id, { position: String(pos["出生地"]), [`q${pos["出生地"]}.kind`]: "tf" });
    expect(empty.status).toBe(400);
    expect(empty.data.errors).toEqual({ _form: "practice.error.answerFirst" });

    await answer(id, { position: String(pos["出生地"]), [`q${pos["出生地"]}.kind`]: "tf", [`q${pos["出生地"]}.tf`]: "true" });
    await answer(id, { position: String(pos["主管機關"]), [`q${pos["主管機關"]}.kind`]: "text", [`q${pos["主管機關"]}.text`]: "內政部" });

    // All answered: the page without ?q is the summary.
    const summary = await open(id);
    expect(summary.data.current).toBeNull();
    expect(summary.data).toMatchObject({ total: 3, answered: 3, right: 2 });
    const attempt = await t.db.selectFrom("quizAttempts").select(["kind", "quizId", "state", "score", "percent", "passed"]).where("id", "=", id).executeTakeFirstOrThrow();
    expect(attempt).toEqual({ kind: "practice", quizId: null, state: "submitted", score: "2", percent: "66.67", passed: null });
  });

  it("is never a quiz attempt: it has no quiz and counts in no quiz's attempts", async () => {
    const owner = await t.db.selectFrom("users").select("id").where("employeeNo", "=", "FB015").executeTakeFirstOrThrow();
    const quizAttemptsOf = () => t.db.selectFrom("quizAttempts").select("id").where("userId", "=", owner.id).where("kind", "=", "quiz").execute();
    const before = await quizAttemptsOf();
    const started = await startPractice("FB015", ["練習測試"], "5");
    const id = idFrom(redirectPath(started));
    const rows = await t.db.selectFrom("quizAttempts").select(["kind", "quizId"]).where("id", "=", id).execute();
    expect(rows).toEqual([{ kind: "practice", quizId: null }]);
    // (The demo seed gave FB015 an attempt at last month's quiz: practice adds none.)
    expect(await quizAttemptsOf()).toEqual(before);
    // Practice items never include an essay (it cannot be marked at once).
    const types = await t.db
      .selectFrom("attemptItems as i")
      .innerJoin("questionVersions as v", "v.id", "i.questionVersionId")
      .select("v.type")
      .where("i.attemptId", "=", id)
      .execute();
    expect(types).toHaveLength(4);
    expect(types.map((x) => x.type)).not.toContain("essay");
  });

  it("belongs to its owner: another person (or office) finds nothing", async () => {
    const started = await startPractice("FB014", ["練習測試/死亡"], "5");
    const id = idFrom(redirectPath(started));
    expect((await open(id, "FB015")).status).toBe(404);
    expect((await open(id, "DQ010")).status).toBe(404);
    const theft = await answer(id, { position: "1", "q1.kind": "num", "q1.num": "30" }, "FB015");
    expect(theft.status).toBe(404);
    const item = await t.db.selectFrom("attemptItems").select("response").where("attemptId", "=", id).executeTakeFirstOrThrow();
    expect(item.response).toBeNull();

    const mine = await answer(id, { position: "1", "q1.kind": "num", "q1.num": "30" });
    expect(mine.status).toBe(302);
    expect((await open(id, "FB014", "?q=1")).data.item.review).toMatchObject({ fraction: 1, generalFeedback: "戶籍法第48條。" });
  });

  it("lists the person's recent practice on the practice page", async () => {
    const page = await get(home, "/practice", { cookie: cookies.FB014 });
    expect(page.data.history.length).toBeGreaterThanOrEqual(2);
    expect(page.data.history[0]).toMatchObject({ answered: 1, total: 1, done: true });
  });
});
