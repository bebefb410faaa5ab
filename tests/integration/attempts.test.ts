// Taking a quiz through the real routes: start/resume, autosave, the server's deadline, submitting
// once, grading with the pinned version, the review and who may see it (issue 3, Tests).
import type { Kysely } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/schema";
import { importQuestions } from "~/modules/quizzes/question-bank.server";
import { finishExpiredAttempts, listMyAttempts, submitAttempt } from "~/modules/quizzes/attempts.server";
import { officeIdOf, useTestDatabase, userIdOf } from "../helpers/db";
import { get, post, redirectPath, signIn, type RouteModule } from "../helpers/requests";
import { routeFor } from "../helpers/routes";

const t = useTestDatabase();

// A small bank of our own, in categories no seed uses, so the counts below are exact.
const BANK = `
$CATEGORY: 作答測試/期間

// [id:att-mc]
::出生登記期間::出生登記應於出生後幾日內為之？{
  =60日#正確，60日內。
  ~30日#那是死亡登記的期間。
  ~90日#太長了。
####戶籍法第48條：出生登記應於出生後六十日內為之。}

// [id:att-tf]
::死亡登記::死亡登記應於事實發生後30日內為之。{TRUE#錯了，是30日。#對，30日內。####戶籍法第48條。}

// [id:att-multi]
::戶籍登記種類::下列何者屬於身分登記？{
  ~%50%出生登記
  ~%50%死亡登記
  ~%-100%印鑑登記#印鑑登記不是戶籍法的身分登記。
####戶籍法第4條。}

$CATEGORY: 作答測試/期間/細項

// [id:att-num]
::罰鍰::無正當理由未於法定期間為登記之申請者，處新臺幣多少元罰鍰（最低）？{#300:0####戶籍法第79條：處新臺幣三百元以上九百元以下罰鍰。}

// [id:att-short]
::主管機關::戶籍登記之中央主管機關為？{=內政部####戶籍法第2條。}

$CATEGORY: 作答測試/其他

// [id:att-match]
::配對::配對登記與期間{=出生登記 -> 60日 =死亡登記 -> 30日 =遷入登記 -> 30日}
`;

type Db = Kysely<Database>;
let fubei: number;
let dongqu: number;
const qid: Record<string, number> = {};
const cookies: Record<string, string> = {};

/** Imports a GIFT bank through the real importer and remembers each question's id by its [id:]. */
async function addQuestions(db: Db, officeId: number, source: string) {
  const { errors } = await importQuestions(db, null, officeId, { source, format: "gift" });
  expect(errors).toEqual([]);
  const rows = await db.selectFrom("questions").select(["id", "externalId"]).where("officeId", "=", officeId).execute();
  for (const row of rows) qid[row.externalId] = row.id;
}

/** Columns of a quiz row to set (the defaults make a published, fixed, untimed quiz of 府北). */
type QuizFields = Record<string, unknown>;

async function createQuiz(db: Db, fields: QuizFields, questions: string[] = [], rules: { category: string; count: number }[] = []) {
  const { id } = await db
    .insertInto("quizzes")
    .values({
      officeId: fubei,
      title: "測試測驗",
      selection: rules.length ? "random" : "fixed",
      shuffleAnswers: false,
      published: true,
      attemptsAllowed: 0,
      ...(fields as object),
    } as never)
    .returning("id")
    .executeTakeFirstOrThrow();
  if (questions.length) {
    await db
      .insertInto("quizQuestions")
      .values(questions.map((ext, i) => ({ quizId: id, questionId: qid[ext], position: i + 1, points: ext === "att-multi" ? 2 : 1 })))
      .execute();
  }
  if (rules.length) await db.insertInto("quizRandomRules").values(rules.map((r) => ({ quizId: id, ...r }))).execute();
  return id;
}

let startRoute: RouteModule;
let takeRoute: RouteModule;
let reviewRoute: RouteModule;

beforeAll(async () => {
  fubei = await officeIdOf(t.db, "FUBEI");
  dongqu = await officeIdOf(t.db, "DONGQU");
  await addQuestions(t.db, fubei, BANK);
  startRoute = await routeFor("/quizzes/:quizId/start");
  takeRoute = await routeFor("/quizzes/:quizId/attempts/:attemptId");
  reviewRoute = await routeFor("/quizzes/:quizId/attempts/:attemptId/review");
  for (const who of ["FB010", "FB011", "FB012", "FB013", "FB002", "DQ010"]) cookies[who] = await signIn(t.db, who);
});

async function start(quizId: number, who = "FB010") {
  return post(startRoute, `/quizzes/${quizId}/start`, {}, { cookie: cookies[who], params: { quizId: String(quizId) } });
}

async function startOk(quizId: number, who = "FB010"): Promise<number> {
  const r = await start(quizId, who);
  expect(r.status, JSON.stringify(r.data)).toBe(302);
  const m = /^\/quizzes\/(\d+)\/attempts\/(\d+)$/.exec(redirectPath(r) ?? "");
  expect(m, redirectPath(r) ?? "").not.toBeNull();
  return Number(m![2]);
}

function params(quizId: number, attemptId: number) {
  return { quizId: String(quizId), attemptId: String(attemptId) };
}

function take(quizId: number, attemptId: number, who = "FB010", query = "") {
  return get(takeRoute, `/quizzes/${quizId}/attempts/${attemptId}${query}`, { cookie: cookies[who], params: params(quizId, attemptId) });
}

function save(quizId: number, attemptId: number, fields: Record<string, string | string[]>, who = "FB010") {
  return post(takeRoute, `/quizzes/${quizId}/attempts/${attemptId}`, { intent: "save", ...fields }, { cookie: cookies[who], params: params(quizId, attemptId) });
}

function submit(quizId: number, attemptId: number, who = "FB010") {
  return post(takeRoute, `/quizzes/${quizId}/attempts/${attemptId}`, { intent: "submit" }, { cookie: cookies[who], params: params(quizId, attemptId) });
}

function review(quizId: number, attemptId: number, who = "FB010") {
  return get(reviewRoute, `/quizzes/${quizId}/attempts/${attemptId}/review`, { cookie: cookies[who], params: params(quizId, attemptId) });
}

/** The position of a question (by external id) in an attempt, whatever the order. */
async function positionOf(attemptId: number, externalId: string): Promise<number> {
  const row = await t.db
    .selectFrom("attemptItems as i")
    .innerJoin("questionVersions as v", "v.id", "i.questionVersionId")
    .select("i.position")
    .where("i.attemptId", "=", attemptId)
    .where("v.questionId", "=", qid[externalId])
    .executeTakeFirstOrThrow();
  return row.position;
}

describe("starting and resuming", () => {
  it("starts an attempt with the quiz's questions in order, and a second start resumes it", async () => {
    const quizId = await createQuiz(t.db, { title: "固定題目" }, ["att-mc", "att-tf", "att-multi"]);
    const attemptId = await startOk(quizId, "FB013");
    const page = await take(quizId, attemptId, "FB013");
    expect(page.status).toBe(200);
    expect(page.data.attempt.items.map((i: { question: { name: string } }) => i.question.name)).toEqual(["出生登記期間", "死亡登記", "戶籍登記種類"]);
    expect(page.data.attempt.items[2].points).toBe(2);
    // While the attempt is open the page carries no weights, feedback or explanations.
    const json = JSON.stringify(page.data);
    expect(json).not.toContain("戶籍法第48條");
    expect(json).not.toContain("那是死亡登記的期間");
    expect(json).not.toContain("fraction");

    expect(await startOk(quizId, "FB013")).toBe(attemptId);
    const attempts = await t.db.selectFrom("quizAttempts").select(["attemptNo", "maxScore"]).where("quizId", "=", quizId).execute();
    expect(attempts).toEqual([{ attemptNo: 1, maxScore: "4" }]);
  });

  it("sets the deadline from the time limit, but never past the closing time", async () => {
    const closesAt = new Date(Date.now() + 10 * 60_000);
    const quizId = await createQuiz(t.db, { timeLimitMinutes: 30, closesAt }, ["att-mc"]);
    const attemptId = await startOk(quizId, "FB013");
    const row = await t.db.selectFrom("quizAttempts").select(["deadlineAt", "startedAt"]).where("id", "=", attemptId).executeTakeFirstOrThrow();
    expect(row.deadlineAt?.getTime()).toBe(closesAt.getTime());

    const limited = await createQuiz(t.db, { timeLimitMinutes: 20 }, ["att-mc"]);
    const a2 = await startOk(limited, "FB013");
    const r2 = await t.db.selectFrom("quizAttempts").select(["deadlineAt", "startedAt"]).where("id", "=", a2).executeTakeFirstOrThrow();
    expect(r2.deadlineAt!.getTime() - r2.startedAt.getTime()).toBe(20 * 60_000);
  });

  it("draws random questions per category, sub-categories included, never the same twice", async () => {
    const quizId = await createQuiz(t.db, { title: "隨機" }, [], [
      { category: "作答測試/期間/細項", count: 2 },
      { category: "作答測試/期間", count: 3 },
    ]);
    const attemptId = await startOk(quizId, "FB013");
    const items = await t.db
      .selectFrom("attemptItems as i")
      .innerJoin("questionVersions as v", "v.id", "i.questionVersionId")
      .select(["v.questionId", "i.position"])
      .where("i.attemptId", "=", attemptId)
      .orderBy("i.position")
      .execute();
    const ids = items.map((i) => i.questionId);
    expect(ids).toHaveLength(5);
    expect(new Set(ids).size).toBe(5);
    // The first rule took both questions of 細項; the second had exactly the three of 期間 left.
    expect(new Set(ids.slice(0, 2))).toEqual(new Set([qid["att-num"], qid["att-short"]]));
    expect(new Set(ids.slice(2))).toEqual(new Set([qid["att-mc"], qid["att-tf"], qid["att-multi"]]));
  });

  it("refuses a random quiz whose category has too few questions", async () => {
    const quizId = await createQuiz(t.db, {}, [], [{ category: "作答測試/其他", count: 2 }]);
    const r = await start(quizId, "FB013");
    expect(r.status).toBe(400);
    expect(r.data.errors).toEqual({ _form: "attempt.error.notEnoughQuestions" });
  });

  it("shuffles answers per attempt but keeps the stored indexes", async () => {
    const quizId = await createQuiz(t.db, { shuffleAnswers: true }, ["att-mc"]);
    const attemptId = await startOk(quizId, "FB013");
    const page = await take(quizId, attemptId, "FB013");
    const choices = page.data.attempt.items[0].question.choices as { index: number; text: string }[];
    expect([...choices].sort((a, b) => a.index - b.index).map((c) => c.text)).toEqual(["60日", "30日", "90日"]);
    const row = await t.db.selectFrom("attemptItems").select("choiceOrder").where("attemptId", "=", attemptId).executeTakeFirstOrThrow();
    expect(choices.map((c) => c.index)).toEqual(row.choiceOrder);
  });
});

describe("who may start", () => {
  it("refuses a closed quiz and one not open yet", async () => {
    const closed = await createQuiz(t.db, { closesAt: new Date(Date.now() - 60_000) }, ["att-mc"]);
    const r1 = await start(closed, "FB012");
    expect(r1.status).toBe(400);
    expect(r1.data.errors).toEqual({ _form: "attempt.error.closed" });
    const later = await createQuiz(t.db, { opensAt: new Date(Date.now() + 3_600_000) }, ["att-mc"]);
    const r2 = await start(later, "FB012");
    expect(r2.data.errors).toEqual({ _form: "attempt.error.notOpenYet" });
    expect(await t.db.selectFrom("quizAttempts").select("id").where("quizId", "in", [closed, later]).execute()).toEqual([]);
  });

  it("refuses a person outside the audience (roles, people)", async () => {
    const forSupervisors = await createQuiz(t.db, { audience: "roles", audienceRoles: JSON.stringify(["supervisor"]) as never }, ["att-mc"]);
    const r = await start(forSupervisors, "FB012");
    expect(r.status).toBe(400);
    expect(r.data.errors).toEqual({ _form: "attempt.error.notInAudience" });
    await startOk(forSupervisors, "FB002");

    const forPeople = await createQuiz(t.db, { audience: "people" }, ["att-mc"]);
    await t.db.insertInto("quizAudiencePeople").values({ quizId: forPeople, userId: await userIdOf(t.db, "FB011") }).execute();
    expect((await start(forPeople, "FB012")).data.errors).toEqual({ _form: "attempt.error.notInAudience" });
    await startOk(forPeople, "FB011");
  });

  it("counts attempts: with one allowed, a second start after submitting is refused", async () => {
    const quizId = await createQuiz(t.db, { attemptsAllowed: 1 }, ["att-mc"]);
    const attemptId = await startOk(quizId, "FB012");
    expect((await submit(quizId, attemptId, "FB012")).status).toBe(302);
    const again = await start(quizId, "FB012");
    expect(again.status).toBe(400);
    expect(again.data.errors).toEqual({ _form: "attempt.error.noAttemptsLeft" });

    const twice = await createQuiz(t.db, { attemptsAllowed: 2 }, ["att-mc"]);
    const first = await startOk(twice, "FB012");
    await submit(twice, first, "FB012");
    const second = await startOk(twice, "FB012");
    expect(second).not.toBe(first);
    const nos = await t.db.selectFrom("quizAttempts").select("attemptNo").where("quizId", "=", twice).orderBy("attemptNo").execute();
    expect(nos.map((n) => n.attemptNo)).toEqual([1, 2]);
  });

  it("does not find an unpublished quiz or another office's quiz (404)", async () => {
    const draft = await createQuiz(t.db, { published: false }, ["att-mc"]);
    expect((await start(draft, "FB012")).status).toBe(404);
    const fubeiQuiz = await createQuiz(t.db, {}, ["att-mc"]);
    expect((await start(fubeiQuiz, "DQ010")).status).toBe(404);
    void dongqu;
  });
});

describe("answering", () => {
  it("saves each answer on the server; a reload shows them; saving again changes nothing", async () => {
    const quizId = await createQuiz(t.db, {}, ["att-mc", "att-tf", "att-multi", "att-num", "att-short", "att-match"]);
    const attemptId = await startOk(quizId);
    const saved = await save(quizId, attemptId, { "q1.kind": "choice", "q1.choice": "0" });
    expect(saved.status).toBe(200);
    expect(saved.data).toMatchObject({ ok: true, saved: [1] });
    const first = await t.db.selectFrom("attemptItems").select(["response", "answeredAt"]).where("attemptId", "=", attemptId).where("position", "=", 1).executeTakeFirstOrThrow();
    expect(first.response).toEqual({ choice: 0 });

    // The same answer again (a double click, a retry): idempotent, the first time is kept.
    await save(quizId, attemptId, { "q1.kind": "choice", "q1.choice": "0" });
    const again = await t.db.selectFrom("attemptItems").select(["answeredAt"]).where("attemptId", "=", attemptId).where("position", "=", 1).executeTakeFirstOrThrow();
    expect(again.answeredAt?.getTime()).toBe(first.answeredAt?.getTime());

    // Several at once (the all-on-one-page form), with the Next button: saved, then the next question.
    const next = await save(quizId, attemptId, {
      "q2.kind": "tf",
      "q2.tf": "false",
      "q3.kind": "choices",
      "q3.choices": ["1", "0"],
      "q4.kind": "num",
      "q4.num": "３００",
      "q5.kind": "text",
      "q5.text": " 內政部 ",
      "q6.kind": "pairs",
      "q6.pair.0": "60日",
      "q6.pair.1": "30日",
      go: "3",
    });
    expect(redirectPath(next)).toBe(`/quizzes/${quizId}/attempts/${attemptId}?q=3`);

    const page = await take(quizId, attemptId, "FB010", "?q=3");
    expect(page.data.current).toBe(3);
    const items = page.data.attempt.items as { response: unknown; complete: boolean }[];
    expect(items.map((i) => i.response)).toEqual([
      { choice: 0 },
      { value: false },
      { choices: [0, 1] },
      { value: 300 },
      { text: "內政部" },
      { pairs: { 0: "60日", 1: "30日" } },
    ]);
    expect(items.map((i) => i.complete)).toEqual([true, true, true, true, true, false]);

    // Unticking every box clears that answer (the kind field says the question was on the form).
    await save(quizId, attemptId, { "q3.kind": "choices" });
    expect((await take(quizId, attemptId)).data.attempt.items[2].response).toBeNull();
  });

  it("refuses a number it cannot read, keeping what was typed, and a tampered choice", async () => {
    const quizId = await createQuiz(t.db, {}, ["att-num", "att-mc"]);
    const attemptId = await startOk(quizId);
    const bad = await save(quizId, attemptId, { "q1.kind": "num", "q1.num": "三百" });
    expect(bad.status).toBe(400);
    expect(bad.data.errors).toEqual({ q1: "attempt.error.notANumber" });
    expect(bad.data.values["q1.num"]).toBe("三百");
    const tampered = await save(quizId, attemptId, { "q2.kind": "choice", "q2.choice": "7" });
    expect(tampered.status).toBe(400);
    expect(tampered.data.errors).toEqual({ _form: "attempt.error.invalidResponse" });
  });

  it("keeps the version shown: an edit after the start changes neither the attempt nor its grade", async () => {
    await addQuestions(t.db, fubei, "$CATEGORY: 作答測試/版本\n// [id:v-pin]\n::版本::舊題目：死亡登記期間？{=30日 ~60日####舊解說}");
    const quizId = await createQuiz(t.db, {}, ["v-pin"]);
    const attemptId = await startOk(quizId, "FB011");
    await save(quizId, attemptId, { "q1.kind": "choice", "q1.choice": "0" }, "FB011");

    // The bank's editor re-imports it as version 2: new text, and now the second choice is the right one.
    await addQuestions(t.db, fubei, "$CATEGORY: 作答測試/版本\n// [id:v-pin]\n::版本::新題目：死亡登記期間？{~30日 =60日####新解說}");
    const versions = await t.db.selectFrom("questionVersions").select("version").where("questionId", "=", qid["v-pin"]).execute();
    expect(versions.map((v) => v.version).sort()).toEqual([1, 2]);

    const page = await take(quizId, attemptId, "FB011");
    expect(page.data.attempt.items[0].question.text).toBe("舊題目：死亡登記期間？");
    expect((await submit(quizId, attemptId, "FB011")).status).toBe(302);
    const result = await review(quizId, attemptId, "FB011");
    expect(result.data.review.result).toMatchObject({ score: 1, maxScore: 1, percent: 100, passed: true });
    expect(result.data.review.items[0].review.generalFeedback).toBe("舊解說");

    // A new attempt gets the new version.
    const quiz2 = await createQuiz(t.db, {}, ["v-pin"]);
    const a2 = await startOk(quiz2, "FB011");
    expect((await take(quiz2, a2, "FB011")).data.attempt.items[0].question.text).toBe("新題目：死亡登記期間？");
  });
});

describe("the server's deadline", () => {
  it("submits an attempt past its deadline with what was saved, at the next read", async () => {
    const quizId = await createQuiz(t.db, { timeLimitMinutes: 30 }, ["att-mc", "att-tf"]);
    const attemptId = await startOk(quizId);
    await save(quizId, attemptId, { "q1.kind": "choice", "q1.choice": "0" });
    const past = new Date(Date.now() - 1000);
    await t.db.updateTable("quizAttempts").set({ deadlineAt: past }).where("id", "=", attemptId).execute();

    const page = await take(quizId, attemptId);
    expect(page.status).toBe(200);
    expect(page.data.attempt).toMatchObject({ state: "submitted", autoSubmitted: true });
    const row = await t.db.selectFrom("quizAttempts").select(["state", "score", "maxScore", "percent", "passed", "submittedAt"]).where("id", "=", attemptId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ state: "submitted", score: "1", maxScore: "2", percent: "50", passed: false });
    expect(row.submittedAt?.getTime()).toBe(past.getTime());

    // Nothing is saved after the deadline, whatever the browser's clock says.
    const late = await save(quizId, attemptId, { "q2.kind": "tf", "q2.tf": "true" });
    expect(late.status).toBe(409);
    expect(late.data).toMatchObject({ ok: false, submitted: true });
    const lateWithNext = await save(quizId, attemptId, { "q2.kind": "tf", "q2.tf": "true", go: "2" });
    expect(redirectPath(lateWithNext)).toBe(`/quizzes/${quizId}/attempts/${attemptId}?late=1`);
    const item = await t.db.selectFrom("attemptItems").select("response").where("attemptId", "=", attemptId).where("position", "=", 2).executeTakeFirstOrThrow();
    expect(item.response).toBeNull();
  });

  it("refuses a save that arrives after the deadline and submits the attempt (no read first)", async () => {
    const quizId = await createQuiz(t.db, { timeLimitMinutes: 5 }, ["att-tf"]);
    const attemptId = await startOk(quizId);
    await t.db.updateTable("quizAttempts").set({ deadlineAt: new Date(Date.now() - 1) }).where("id", "=", attemptId).execute();
    const late = await save(quizId, attemptId, { "q1.kind": "tf", "q1.tf": "true" });
    expect(late.status).toBe(409);
    const row = await t.db.selectFrom("quizAttempts").select(["state", "score"]).where("id", "=", attemptId).executeTakeFirstOrThrow();
    expect(row).toEqual({ state: "submitted", score: "0" });
  });

  it("finishes every expired attempt in one sweep, and a resumed start submits the old one first", async () => {
    const quizId = await createQuiz(t.db, { timeLimitMinutes: 5 }, ["att-tf"]);
    const a = await startOk(quizId, "FB012");
    await t.db.updateTable("quizAttempts").set({ deadlineAt: new Date(Date.now() - 1) }).where("id", "=", a).execute();
    expect(await finishExpiredAttempts(t.db)).toBeGreaterThanOrEqual(1);
    expect((await t.db.selectFrom("quizAttempts").select("state").where("id", "=", a).executeTakeFirstOrThrow()).state).toBe("submitted");

    const b = await startOk(quizId, "FB012");
    expect(b).not.toBe(a);
    await t.db.updateTable("quizAttempts").set({ deadlineAt: new Date(Date.now() - 1) }).where("id", "=", b).execute();
    const c = await startOk(quizId, "FB012");
    expect(c).not.toBe(b);
    expect((await t.db.selectFrom("quizAttempts").select("state").where("id", "=", b).executeTakeFirstOrThrow()).state).toBe("submitted");
    const history = await listMyAttempts(t.db, await userIdOf(t.db, "FB012"), quizId);
    expect(history.map((h) => [h.attemptNo, h.state, h.autoSubmitted])).toEqual([
      [1, "submitted", true],
      [2, "submitted", true],
      [3, "in_progress", false],
    ]);
  });
});

describe("submitting", () => {
  it("grades with hand-computed marks and counts a double submit once", async () => {
    const quizId = await createQuiz(t.db, { passPercent: 70 }, ["att-mc", "att-tf", "att-multi", "att-match"]);
    const attemptId = await startOk(quizId, "FB011");
    // 60日 right (1), true/false wrong (0), one of two right choices (0.5 × 2 points = 1), 2 of 3 pairs (0.6666667).
    await save(
      quizId,
      attemptId,
      { "q1.kind": "choice", "q1.choice": "0", "q2.kind": "tf", "q2.tf": "false", "q3.kind": "choices", "q3.choices": "0", "q4.kind": "pairs", "q4.pair.0": "60日", "q4.pair.1": "30日", "q4.pair.2": "60日" },
      "FB011",
    );
    const [one, two] = await Promise.all([submit(quizId, attemptId, "FB011"), submit(quizId, attemptId, "FB011")]);
    expect(redirectPath(one)).toBe(`/quizzes/${quizId}/attempts/${attemptId}/review`);
    expect(redirectPath(two)).toBe(`/quizzes/${quizId}/attempts/${attemptId}/review`);
    const third = await submitAttempt(t.db, { id: await userIdOf(t.db, "FB011"), officeId: fubei, roles: ["staff"] }, attemptId);
    // 2.6666667 of 5 = 53.33% (the score is kept to 4 places)
    expect(third).toMatchObject({ state: "submitted", score: 2.6667, maxScore: 5, percent: 53.33, passed: false });
    const audits = await t.db.selectFrom("auditLog").select("id").where("action", "=", "quiz.attempt.submit").where("entityId", "=", String(attemptId)).execute();
    expect(audits).toHaveLength(1);
    const fractions = await t.db.selectFrom("attemptItems").select("fraction").where("attemptId", "=", attemptId).orderBy("position").execute();
    expect(fractions.map((f) => Number(f.fraction))).toEqual([1, 0, 0.5, 0.6666667]);

    // A submitted attempt takes no more answers.
    const after = await save(quizId, attemptId, { "q2.kind": "tf", "q2.tf": "true" }, "FB011");
    expect(after.status).toBe(409);
  });
});

describe("who may see an attempt", () => {
  let quizId: number;
  let attemptId: number;
  beforeAll(async () => {
    quizId = await createQuiz(t.db, {}, ["att-mc"]);
    attemptId = await startOk(quizId, "FB010");
  });

  it("hides my attempt from another staff member, another office and even its quiz id in the URL (404)", async () => {
    expect((await take(quizId, attemptId, "FB011")).status).toBe(404);
    expect((await save(quizId, attemptId, { "q1.kind": "choice", "q1.choice": "1" }, "FB011")).status).toBe(404);
    expect((await submit(quizId, attemptId, "FB011")).status).toBe(404);
    expect((await take(quizId, attemptId, "DQ010")).status).toBe(404);
    expect((await take(quizId + 1000, attemptId, "FB010")).status).toBe(404);
    const state = await t.db.selectFrom("quizAttempts").select("state").where("id", "=", attemptId).executeTakeFirstOrThrow();
    expect(state.state).toBe("in_progress");
  });

  it("lets the office's supervisor review it once submitted, but not another staff member", async () => {
    await submit(quizId, attemptId, "FB010");
    expect((await review(quizId, attemptId, "FB011")).status).toBe(404);
    expect((await review(quizId, attemptId, "DQ010")).status).toBe(404);
    const mine = await review(quizId, attemptId, "FB010");
    expect(mine.status).toBe(200);
    const supervisor = await review(quizId, attemptId, "FB002");
    expect(supervisor.status).toBe(200);
    expect(supervisor.data.review.isOwner).toBe(false);
    expect(supervisor.data.review.person.employeeNo).toBe("FB010");
  });

  it("sends the owner of an attempt in progress from the review back to the attempt", async () => {
    const q2 = await createQuiz(t.db, {}, ["att-mc"]);
    const a2 = await startOk(q2, "FB010");
    const r = await review(q2, a2, "FB010");
    expect(redirectPath(r)).toBe(`/quizzes/${q2}/attempts/${a2}`);
  });
});

describe("the review", () => {
  it("shows my answer, the right one, the per-answer feedback and the explanation after submitting", async () => {
    const quizId = await createQuiz(t.db, { feedbackTiming: "after_submit" }, ["att-mc", "att-tf", "att-num"]);
    const attemptId = await startOk(quizId, "FB013");
    await save(quizId, attemptId, { "q1.kind": "choice", "q1.choice": "1", "q2.kind": "tf", "q2.tf": "true", "q3.kind": "num", "q3.num": "500" }, "FB013");
    await submit(quizId, attemptId, "FB013");
    const r = await review(quizId, attemptId, "FB013");
    expect(r.data.review.answersShown).toBe(true);
    const [mc, tf, num] = r.data.review.items;
    expect(mc.response).toEqual({ choice: 1 });
    expect(mc.review).toMatchObject({ fraction: 0, correct: { choice: 0 }, feedback: ["那是死亡登記的期間。"], generalFeedback: "戶籍法第48條：出生登記應於出生後六十日內為之。" });
    expect(tf.review).toMatchObject({ fraction: 1, correct: { value: true }, feedback: ["對，30日內。"] });
    expect(num.review).toMatchObject({ fraction: 0, acceptedAnswers: ["300"] });
    expect(r.data.review.result).toMatchObject({ score: 1, maxScore: 3, percent: 33.33, passed: false });
  });

  it("with after_close: the score now, the right answers and explanations only once the quiz has closed", async () => {
    const quizId = await createQuiz(t.db, { feedbackTiming: "after_close", closesAt: new Date(Date.now() + 3_600_000) }, ["att-mc", "att-tf"]);
    const attemptId = await startOk(quizId, "FB013");
    await save(quizId, attemptId, { "q1.kind": "choice", "q1.choice": "0" }, "FB013");
    await submit(quizId, attemptId, "FB013");

    const open = await review(quizId, attemptId, "FB013");
    expect(open.status).toBe(200);
    expect(open.data.review.answersShown).toBe(false);
    expect(open.data.review.result).toMatchObject({ score: 1, maxScore: 2, percent: 50 });
    expect(open.data.review.items[0].response).toEqual({ choice: 0 });
    const json = JSON.stringify(open.data);
    expect(json).not.toContain("戶籍法第48條");
    expect(json).not.toContain("正確，60日內");
    expect(open.data.review.items.map((i: { review?: unknown }) => i.review)).toEqual([undefined, undefined]);
    expect(json).not.toContain('"generalFeedback"');
    expect(json).not.toContain('"correct"');

    // The supervisor running the quiz sees everything at any time.
    expect((await review(quizId, attemptId, "FB002")).data.review.answersShown).toBe(true);

    await t.db.updateTable("quizzes").set({ closesAt: new Date(Date.now() - 1000) }).where("id", "=", quizId).execute();
    const closed = await review(quizId, attemptId, "FB013");
    expect(closed.data.review.answersShown).toBe(true);
    expect(closed.data.review.items[0].review.generalFeedback).toContain("戶籍法第48條");
  });
});
