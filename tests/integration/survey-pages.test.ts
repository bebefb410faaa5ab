// The survey pages (員工滿意度調查, issue 7) through the real route modules: the director creates and
// opens a round (a second one for the same half is refused); a staff member saves a draft, submits
// with a required answer missing (the error comes back beside that question with everything typed
// kept), then submits fully, and cannot submit twice; staff cannot reach the management or results
// pages; results wait for the round to close and stay hidden below the threshold; neither the
// results' loader data nor the CSV carries anybody's identity or a raw answer; another office's
// people get 404.
import { describe, expect, it, beforeAll } from "vitest";
import { DEFAULT_TEMPLATE, listQuestions } from "~/modules/surveys/template";
import { useTestDatabase } from "../helpers/db";
import { get, post, redirectPath, signIn, type RouteModule } from "../helpers/requests";
import { routeFor } from "../helpers/routes";

/** A date `n` days from today in Taipei (rounds are answerable until their close date). */
const day = (n: number) => new Date(Date.now() + n * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);

const t = useTestDatabase();

let listRoute: RouteModule;
let newRoute: RouteModule;
let roundRoute: RouteModule;
let answerRoute: RouteModule;
let resultsRoute: RouteModule;
const cookies: Record<string, string> = {};
let roundId: number;

const COMMENT = "希望增加假日櫃台的支援人力，輪值表能更早公布。";
const STAFF = ["FB010", "FB011", "FB012"];

/** Every question answered the way the form sends it (all strings); `skip` leaves some out. */
function fullForm(seed: number, skip: string[] = []): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const { question } of listQuestions(DEFAULT_TEMPLATE)) {
    if (skip.includes(question.id)) continue;
    const name = `q.${question.id}`;
    if (question.kind === "likert5") out[name] = String(((seed + question.id.length) % 5) + 1);
    else if (question.kind === "scale0to10") out[name] = String((seed * 3) % 11);
    else if (question.kind === "single_choice") out[name] = question.options[seed % question.options.length].value;
    else if (question.kind === "multiple_choice") out[name] = [question.options[0].value, question.options[1].value];
    else if (question.kind === "free_text" && question.id === "suggest-2") out[name] = COMMENT;
  }
  return out;
}

const roundUrl = () => `/surveys/${roundId}`;
const answerUrl = () => `/surveys/${roundId}/answer`;
const resultsUrl = () => `/surveys/${roundId}/results`;
const params = () => ({ roundId: String(roundId) });

beforeAll(async () => {
  listRoute = await routeFor("/surveys");
  newRoute = await routeFor("/surveys/new");
  roundRoute = await routeFor("/surveys/:roundId");
  answerRoute = await routeFor("/surveys/:roundId/answer");
  resultsRoute = await routeFor("/surveys/:roundId/results");
  for (const no of ["FB001", ...STAFF, "FB013", "FB014", "DQ010"]) cookies[no] = await signIn(t.db, no);
});

describe("running a round", () => {
  it("lets the director create a round, and refuses a second one for the same half-year", async () => {
    const fields = { year: "2026", half: "1", opensOn: day(-10), closesOn: day(20), demographicIds: ["unit", "tenure"] };
    const created = await post(newRoute, "/surveys/new", fields, { cookie: cookies.FB001 });
    expect(created.status, JSON.stringify(created.data)).toBe(302);
    const m = /^\/surveys\/(\d+)\?notice=created$/.exec(redirectPath(created) ?? "");
    expect(m).not.toBeNull();
    roundId = Number(m![1]);

    const again = await post(newRoute, "/surveys/new", fields, { cookie: cookies.FB001 });
    expect(again.status).toBe(400);
    expect(again.data.errors.half).toBe("這個半年度已經有一次調查。");
    expect(again.data.values.opensOn).toBe(day(-10));

    const page = await get(roundRoute, roundUrl(), { cookie: cookies.FB001, params: params() });
    expect(page.data.round.title).toBe("115年上半年員工滿意度調查");
    expect(page.data.round.state).toBe("planned");
    expect(page.data.questions.length).toBe(listQuestions(DEFAULT_TEMPLATE).length);
  });

  it("opens the round only with the confirmation ticked", async () => {
    const unticked = await post(roundRoute, roundUrl(), { intent: "open" }, { cookie: cookies.FB001, params: params() });
    expect(unticked.status).toBe(400);
    expect(unticked.data.errors.confirm).toBe("surveys.confirmRequired");
    const opened = await post(roundRoute, roundUrl(), { intent: "open", confirm: "on" }, { cookie: cookies.FB001, params: params() });
    expect(opened.status).toBe(302);
    expect(redirectPath(opened)).toBe(`${roundUrl()}?notice=opened`);
    const page = await get(roundRoute, roundUrl(), { cookie: cookies.FB001, params: params() });
    expect(page.data.round.state).toBe("open");
    expect(page.data.rate.responded).toBe(0);
    expect(page.data.rate.audience).toBeGreaterThan(10);
  });

  it("shows staff the open round with 開始填答 and no response rate", async () => {
    const list = await get(listRoute, "/surveys", { cookie: cookies.FB010 });
    const round = list.data.rounds.find((r: { id: number }) => r.id === roundId);
    expect(round).toMatchObject({ state: "open", inAudience: true, submitted: false, hasDraft: false, rate: null });
    expect(list.data.isManager).toBe(false);
  });
});

describe("answering", () => {
  it("saves a draft and shows it again", async () => {
    const saved = await post(answerRoute, answerUrl(), { intent: "save", "q.env-1": "4", "d.unit": "household" }, { cookie: cookies.FB010, params: params() });
    expect(saved.status).toBe(302);
    expect(redirectPath(saved)).toBe(`${answerUrl()}?notice=draftSaved`);
    const page = await get(answerRoute, answerUrl(), { cookie: cookies.FB010, params: params() });
    expect(page.data.draft.answers["env-1"]).toBe(4);
    expect(page.data.draft.demographics.unit).toBe("household");
    expect(page.data.submitted).toBe(false);
    const list = await get(listRoute, "/surveys", { cookie: cookies.FB010 });
    expect(list.data.rounds.find((r: { id: number }) => r.id === roundId).hasDraft).toBe(true);
  });

  it("answers a missing required question beside it, keeping everything typed", async () => {
    const fields: Record<string, string | string[]> = { intent: "submit", ...fullForm(1, ["lead-2"]), "d.unit": "household" };
    const refused = await post(answerRoute, answerUrl(), fields, { cookie: cookies.FB010, params: params() });
    expect(refused.status).toBe(400);
    expect(refused.data.errors).toEqual([{ questionId: "lead-2", number: 6, message: "此題為必填，請作答。" }]);
    expect(refused.data.values["q.env-1"]).toBe(fields["q.env-1"]);
    expect(refused.data.values["q.suggest-2"]).toBe(COMMENT);
    expect(refused.data.values["q.train-4"]).toEqual(fields["q.train-4"]);
    expect(refused.data.values["d.unit"]).toBe("household");
    // Nothing was submitted: the draft is still there, the person still counted as not done.
    const page = await get(answerRoute, answerUrl(), { cookie: cookies.FB010, params: params() });
    expect(page.data.submitted).toBe(false);
  });

  it("submits the full answers once, and refuses a second submission", async () => {
    const done = await post(answerRoute, answerUrl(), { intent: "submit", ...fullForm(1), "d.unit": "household" }, { cookie: cookies.FB010, params: params() });
    expect(done.status, JSON.stringify(done.data)).toBe(302);
    expect(redirectPath(done)).toBe(answerUrl());
    const page = await get(answerRoute, answerUrl(), { cookie: cookies.FB010, params: params() });
    expect(page.data.submitted).toBe(true);
    expect(page.data.draft).toBeNull();
    const list = await get(listRoute, "/surveys", { cookie: cookies.FB010 });
    expect(list.data.rounds.find((r: { id: number }) => r.id === roundId)).toMatchObject({ submitted: true, hasDraft: false });

    const twice = await post(answerRoute, answerUrl(), { intent: "submit", ...fullForm(2) }, { cookie: cookies.FB010, params: params() });
    expect(twice.status).toBe(400);
    expect(twice.data.formError).toMatch(/已/);
    expect(twice.data.errors).toEqual([]);
  });

  it("keeps staff out of the round's management and results (403)", async () => {
    for (const route of [roundRoute, resultsRoute]) {
      const res = await get(route, route === roundRoute ? roundUrl() : resultsUrl(), { cookie: cookies.FB011, params: params() });
      expect(res.status).toBe(403);
    }
    const closing = await post(roundRoute, roundUrl(), { intent: "close", confirm: "on" }, { cookie: cookies.FB011, params: params() });
    expect(closing.status).toBe(403);
    expect((await get(newRoute, "/surveys/new", { cookie: cookies.FB011 })).status).toBe(403);
  });

  it("answers 404 to another office's people", async () => {
    expect((await get(answerRoute, answerUrl(), { cookie: cookies.DQ010, params: params() })).status).toBe(404);
    expect((await post(answerRoute, answerUrl(), { intent: "submit", ...fullForm(3) }, { cookie: cookies.DQ010, params: params() })).status).toBe(404);
    const list = await get(listRoute, "/surveys", { cookie: cookies.DQ010 });
    expect(list.data.rounds.some((r: { id: number }) => r.id === roundId)).toBe(false);
  });
});

describe("results", () => {
  it("shows only the response rate while the round is open", async () => {
    const res = await get(resultsRoute, resultsUrl(), { cookie: cookies.FB001, params: params() });
    expect(res.status).toBe(200);
    expect(res.data.available).toBe(false);
    expect(res.data.rate.responded).toBe(1);
    expect(res.data).not.toHaveProperty("results");
    expect(JSON.stringify(res.data)).not.toContain("favourableShare");
    expect((await get(resultsRoute, `${resultsUrl()}?format=csv`, { cookie: cookies.FB001, params: params() })).status).toBe(404);
  });

  it("reminds those who have not answered, telling the sender only how many", async () => {
    const round = await get(roundRoute, roundUrl(), { cookie: cookies.FB001, params: params() });
    const pending = round.data.rate.audience - round.data.rate.responded;
    expect(round.data.pending).toBe(pending);
    const reminded = await post(roundRoute, roundUrl(), { intent: "remind" }, { cookie: cookies.FB001, params: params() });
    expect(redirectPath(reminded)).toBe(`${roundUrl()}?notice=reminded&n=${pending}`);
  });

  it("hides everything after closing with fewer than 5 responses, and never names a respondent", async () => {
    for (const [i, no] of ["FB011", "FB012"].entries()) {
      const done = await post(answerRoute, answerUrl(), { intent: "submit", ...fullForm(i + 2), "d.unit": "admin" }, { cookie: cookies[no], params: params() });
      expect(done.status).toBe(302);
    }
    const closed = await post(roundRoute, roundUrl(), { intent: "close", confirm: "on" }, { cookie: cookies.FB001, params: params() });
    expect(redirectPath(closed)).toBe(`${roundUrl()}?notice=closed`);

    const res = await get(resultsRoute, resultsUrl(), { cookie: cookies.FB001, params: params() });
    expect(res.data.available).toBe(true);
    expect(res.data.results.shown).toBe(false);
    expect(res.data.results.respondents).toBe(3);
    expect(res.data.results.suppression.message).toBe("回覆人數未達 5 人，為保護匿名不顯示結果。");
    expect(res.data.breakdowns.every((b: { shown: boolean }) => !b.shown)).toBe(true);

    const respondents = await t.db.selectFrom("users").select(["id", "name", "employeeNo"]).where("employeeNo", "in", STAFF).execute();
    const json = JSON.stringify(res.data);
    for (const r of respondents) {
      expect(json).not.toContain(r.name);
      expect(json).not.toContain(r.employeeNo);
      expect(json).not.toMatch(new RegExp(`"(userId|id|ownerId)":${r.id}[,}]`));
    }
    expect(json).not.toMatch(/userId|employeeNo|sessionId|createdAt/);
    expect(json).not.toContain(COMMENT);

    const csv = await get(resultsRoute, `${resultsUrl()}?format=csv`, { cookie: cookies.FB001, params: params() });
    expect(csv.status).toBe(200);
    expect(csv.headers.get("Content-Type")).toContain("text/csv");
    expect(csv.data).toContain("範圍,類別,題號,題目／項目,作答人數");
    expect(csv.data).toContain("回覆人數未達 5 人，為保護匿名不顯示結果。");
    expect(csv.data).not.toContain(COMMENT);
    for (const r of respondents) {
      expect(csv.data).not.toContain(r.name);
      expect(csv.data).not.toContain(r.employeeNo);
    }
  });

  it("shows the figures once 5 have answered a round, with small groups hidden, and the CSV holds aggregates only", async () => {
    const created = await post(newRoute, "/surveys/new", { year: "2026", half: "2", opensOn: day(-5), closesOn: day(25), demographicIds: ["unit"] }, { cookie: cookies.FB001 });
    const second = Number(/\/surveys\/(\d+)/.exec(redirectPath(created) ?? "")![1]);
    const p = { roundId: String(second) };
    await post(roundRoute, `/surveys/${second}`, { intent: "open", confirm: "on" }, { cookie: cookies.FB001, params: p });
    const people = [...STAFF, "FB013", "FB014"];
    for (const [i, no] of people.entries()) {
      // 戶籍課 4, 行政課 1: both groups under 5, so the breakdown by 課別 hides both.
      const done = await post(answerRoute, `/surveys/${second}/answer`, { intent: "submit", ...fullForm(i), "d.unit": i === 0 ? "admin" : "household" }, { cookie: cookies[no], params: p });
      expect(done.status).toBe(302);
    }
    await post(roundRoute, `/surveys/${second}`, { intent: "close", confirm: "on" }, { cookie: cookies.FB001, params: p });
    const res = await get(resultsRoute, `/surveys/${second}/results`, { cookie: cookies.FB001, params: p });
    expect(res.data.results.shown).toBe(true);
    expect(res.data.results.respondents).toBe(5);
    expect(typeof res.data.results.overallIndex).toBe("number");
    const env1 = res.data.results.questions.find((q: { questionId: string }) => q.questionId === "env-1");
    expect(env1.shown).toBe(true);
    expect(env1.stats.n).toBe(5);
    // Comments wait for 10 respondents.
    const suggest = res.data.results.questions.find((q: { questionId: string }) => q.questionId === "suggest-2");
    expect(suggest.stats.comments).toBeNull();
    expect(suggest.stats.commentsSuppression.message).toBe("回覆人數未達 10 人，為保護匿名不列出文字意見。");
    const unit = res.data.breakdowns[0];
    expect(unit.shown).toBe(true);
    expect(unit.groups.every((g: { shown: boolean }) => !g.shown)).toBe(true);
    // The earlier round was hidden: nothing is flagged against it.
    expect(res.data.comparison.overall.flag).toBe("none");

    const csv = await get(resultsRoute, `/surveys/${second}/results?format=csv`, { cookie: cookies.FB001, params: p });
    expect(csv.data).toContain("整體指數");
    expect(csv.data).toContain("我的辦公及櫃檯環境整潔、舒適。");
    expect(csv.data).toContain("回覆人數未達 5 人，為保護匿名不顯示。");
    expect(csv.data).not.toContain(COMMENT);
  });
});

describe("action items", () => {
  it("adds an item with an owner, changes its status, and links it to a new proposal", async () => {
    const missing = await post(roundRoute, roundUrl(), { intent: "addAction", title: " " }, { cookie: cookies.FB001, params: params() });
    expect(missing.status).toBe(400);
    expect(missing.data.errors.title).toBe("errors.required");
    const page0 = await get(roundRoute, roundUrl(), { cookie: cookies.FB001, params: params() });
    const owner = page0.data.owners.find((o: { label: string }) => o.label.includes("FB002"));
    const added = await post(roundRoute, roundUrl(), { intent: "addAction", title: "假日櫃台輪值提前公告", description: "輪值表於前一個月 20 日前公告。", ownerId: owner.value, dueOn: "2026-08-31" }, { cookie: cookies.FB001, params: params() });
    expect(redirectPath(added)).toBe(`${roundUrl()}?notice=actionAdded`);
    const page = await get(roundRoute, roundUrl(), { cookie: cookies.FB001, params: params() });
    const item = page.data.actionItems[0];
    expect(item).toMatchObject({ title: "假日櫃台輪值提前公告", status: "open", dueOn: "2026-08-31" });
    const status = await post(roundRoute, roundUrl(), { intent: "setStatus", itemId: String(item.id), status: "in_progress" }, { cookie: cookies.FB001, params: params() });
    expect(redirectPath(status)).toBe(`${roundUrl()}?notice=statusSaved`);
    const after = await get(roundRoute, roundUrl(), { cookie: cookies.FB001, params: params() });
    expect(after.data.actionItems[0].status).toBe("in_progress");
  });
});
