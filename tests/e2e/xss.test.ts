// Every text a user can type is shown as text (issue 11, "Markdown and every user text rendered
// safely everywhere"). Colleagues fill every module's text fields with hostile strings through the
// real forms (HTTP posts, the way a browser without JavaScript sends them): quiz titles, questions,
// options, feedback and explanations (a GIFT file uploaded to the question bank); training sessions,
// e-learning reports and nominations; a special case with a Markdown body; a news clipping, its
// circulation note and an acknowledgement; a proposal, the supervisor's reason, the committee round,
// ballots, a recusal note and the decision; survey free-text answers, a draft and an improvement
// action; incentive notes; a person's name and title; a counter label and a case type. Then Chromium
// opens every page that shows them, as the people who would read them, and finds on each:
//   - window.__xss never set and no dialog opened, with the page's Content-Security-Policy switched
//     off (bypassCSP), so the proof is the rendering itself and not the CSP behind it;
//   - no element the payloads would create: no inline on…= handler, no <script> without the page's
//     nonce, no <img src=x>, no <iframe>; no link, form or frame pointing at javascript:/data:/vbscript:;
//   - the payloads visible as the literal characters the person typed (「<script>…」 on screen).
// The Markdown body gets its own check: raw HTML stays text, javascript:/data: links lose their
// address (the link text stays), and a https link still works.
// The portal is one of this file's own (support/own-portal.ts), so none of this shows up in the
// other journeys' pages.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeGift } from "~/modules/quizzes/gift-writer";
import type { QuestionInput } from "~/modules/quizzes/question-types";
import { DEFAULT_TEMPLATE, listQuestions } from "~/modules/surveys/template";
import { userIdOf, officeIdOf } from "../helpers/db";
import { launchBrowser } from "./support/browser";
import { PortalClient, idIn, startOwnPortal, type Fields, type OwnPortal } from "./support/own-portal";

// ---------------------------------------------------------------- the payloads

const SCRIPT = "<script>window.__xss=1</script>";
const IMG = '<img src=x onerror="window.__xss=1">';
const SVG = '"><svg onload=window.__xss=1>';
const MD_LINK = "[點我](javascript:window.__xss=1)";
const JS_URL = "javascript:window.__xss=1";
/** For fields of 160 characters or more. */
const ALL = [SCRIPT, IMG, SVG, MD_LINK, JS_URL].join(" ");
/** Titles of 70–100 characters. */
const TITLE = `${SCRIPT}${IMG}`;
/** Tags hold at most 20 characters. */
const SHORT = "<svg/onload=__xss=1>";

/** A Markdown body trying every way in: raw HTML, script links in every spelling, images, autolinks. */
const MARKDOWN = [
  `## 小標 ${SCRIPT}`,
  "",
  `請見 ${MD_LINK} 與 [大寫](JaVaScRiPt:window.__xss=1) 與 [資料](data:text/html,<script>window.__xss=1</script>)`,
  "",
  `<a href="javascript:window.__xss=1">原始連結</a> ${IMG}`,
  "",
  '<iframe src="javascript:window.__xss=1"></iframe>',
  "",
  "![圖說](javascript:window.__xss=1) <javascript:window.__xss=1> [實體](javascript&#58;window.__xss=1)",
  "",
  `**粗體${SCRIPT}** \`${SCRIPT}\``,
  "",
  "[戶政司](https://www.ris.gov.tw/)",
].join("\n");

// ---------------------------------------------------------------- dates

/** YYYY-MM-DD in Taipei, `days` from today. */
function taipeiDay(days = 0): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Taipei" }).format(new Date(Date.now() + days * 86_400_000));
}

// ---------------------------------------------------------------- what the browser finds

interface Findings {
  xss: unknown;
  handlers: string[];
  foreignScripts: number;
  payloadElements: string[];
  badTargets: string[];
  text: string;
}

/** Reads the page for anything the payloads could have made, and its visible text. */
function findings(page: Page): Promise<Findings> {
  return page.evaluate(() => {
    const all = [...document.querySelectorAll("*")];
    const handlers = all.flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `<${el.tagName.toLowerCase()} ${a.name}>`));
    // The page's own scripts all carry the CSP nonce; a script from a payload cannot.
    const foreignScripts = [...document.scripts].filter((s) => !s.hasAttribute("nonce")).length;
    const payloadElements = [...document.querySelectorAll('img[src="x"], iframe, object, embed, svg[onload]')].map((el) => el.outerHTML.slice(0, 80));
    const unsafe = /^(javascript|data|vbscript):/i;
    const targets = [...document.querySelectorAll("[href], [src], [action], [formaction], [xlink\\:href]")].flatMap((el) =>
      ["href", "src", "action", "formaction", "xlink:href"].map((name) => el.getAttribute(name) ?? ""),
    );
    // Browsers drop tabs, new lines and leading spaces inside a URL ("java\tscript:" runs).
    const badTargets = targets.filter((t) => unsafe.test(t.replace(/[\u0000-\u0020]/g, "")));
    return { xss: (window as unknown as { __xss?: unknown }).__xss, handlers, foreignScripts, payloadElements, badTargets, text: document.body.innerText };
  });
}

interface Person {
  employeeNo: string;
  client: PortalClient;
  context: BrowserContext;
  page: Page;
  dialogs: string[];
  errors: string[];
}

/** Pages opened and payload strings seen on them, printed at the end. */
const visited: string[] = [];
/** Pages whose server and browser renderings differed (React hydration errors). */
const mismatches = new Set<string>();

/** Opens `path` as this person and checks it; `shows` are payloads that must be visible as text. */
async function inspect(person: Person, path: string, shows: string[]) {
  const response = await person.page.goto(path);
  expect(response?.status(), `${person.employeeNo} GET ${path}`).toBe(200);
  await person.page.waitForLoadState("load");
  // RemixBrowser sets window.__remixRouter once hydrated: React has rendered the data on the client too.
  await person.page.waitForFunction(() => Boolean((window as unknown as { __remixRouter?: unknown }).__remixRouter));
  const found = await findings(person.page);
  const where = `${person.employeeNo} ${path}`;
  expect(found.xss, `window.__xss on ${where}`).toBeUndefined();
  expect(person.dialogs, `dialogs on ${where}`).toEqual([]);
  expect(found.handlers, `inline event handlers on ${where}`).toEqual([]);
  expect(found.foreignScripts, `<script> elements without the page's nonce on ${where}`).toBe(0);
  expect(found.payloadElements, `elements made by a payload on ${where}`).toEqual([]);
  expect(found.badTargets, `javascript:/data: addresses on ${where}`).toEqual([]);
  for (const literal of shows) expect(found.text, `「${literal}」 shown as text on ${where}`).toContain(literal);
  // React's hydration mismatches (#418, #423, #425) are not markup from a payload: noted and printed,
  // not failed on here (reported apart); any other page error fails.
  const hydration = person.errors.filter((e) => /Minified React error #(418|423|425)/.test(e));
  if (hydration.length) mismatches.add(path);
  expect(person.errors.filter((e) => !hydration.includes(e)), `page errors on ${where}`).toEqual([]);
  person.errors.length = 0;
  visited.push(path);
}

describe("hostile text in every module is shown as text", () => {
  let portal: OwnPortal;
  let browser: Browser;
  const people = new Map<string, Person>();
  /** Ids of what the forms created, for the pages to open. */
  const ids: Record<string, number> = {};

  async function person(employeeNo: string): Promise<Person> {
    const known = people.get(employeeNo);
    if (known) return known;
    const client = await PortalClient.signIn(portal.origin, employeeNo);
    // bypassCSP: the nonce-based CSP would stop an injected script; the test proves the page never contains one.
    const context = await browser.newContext({ baseURL: portal.origin, bypassCSP: true, locale: "zh-TW", timezoneId: "Asia/Taipei" });
    context.setDefaultTimeout(15_000);
    const [name, value] = client.cookie.split(/=(.*)/s);
    await context.addCookies([{ name, value, url: portal.origin, httpOnly: true, sameSite: "Lax" }]);
    const page = await context.newPage();
    const created: Person = { employeeNo, client, context, page, dialogs: [], errors: [] };
    page.on("dialog", async (dialog) => {
      created.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
      await dialog.dismiss();
    });
    page.on("pageerror", (error) => created.errors.push(error.message));
    people.set(employeeNo, created);
    return created;
  }
  const as = async (employeeNo: string) => (await person(employeeNo)).client;

  beforeAll(async () => {
    [portal, browser] = await Promise.all([startOwnPortal(), launchBrowser()]);
  }, 120_000);

  afterAll(async () => {
    for (const p of people.values()) await p.context.close().catch(() => {});
    await browser?.close();
    await portal?.close();
    if (visited.length) console.log(`xss: ${visited.length} pages opened, none ran a payload: ${visited.join(" ")}`);
    if (mismatches.size) console.log(`xss: React hydration mismatch (not a payload) on ${[...mismatches].join(" ")}`);
  });

  it("fills every module through its forms, and refuses javascript: addresses where a link is asked for", { timeout: 120_000 }, async () => {
    const db = portal.db;
    const fubei = await officeIdOf(db, "FUBEI");
    const uid = (no: string) => userIdOf(db, no);
    const today = taipeiDay();

    // ---- people and counters (the office administrator)
    const admin = await as("FB090");
    ids.user = idIn(
      await admin.postOk("/admin/users/new", { employeeNo: "FB099", name: IMG, title: SVG, email: "", officeId: String(fubei), roles: ["staff"], password: "Fubei-demo-2026" }),
      "/admin/users/",
    );
    await admin.postOk("/admin/counters/new", { officeId: String(fubei), number: "99", kind: "combined", label: IMG, active: "on" });

    // ---- the question bank (a GIFT file uploaded) and a quiz of its questions
    const supervisor = await as("FB002");
    const common = { tags: ["xss"], category: "資安測試", line: 0 };
    const questions: QuestionInput[] = [
      {
        ...common,
        id: "xss-plain",
        type: "multichoice",
        // Names lose their tags on import (Moodle's clean_question_name): a script address stays text.
        name: `${JS_URL} 題目名稱`,
        textFormat: "plain",
        text: ALL,
        single: true,
        answers: [
          { text: IMG, fraction: 1, feedback: SCRIPT },
          { text: SCRIPT, fraction: 0, feedback: IMG },
        ],
        generalFeedback: ALL,
      },
      {
        ...common,
        id: "xss-html",
        type: "truefalse",
        name: `${SCRIPT}html`,
        // An [html] question loses its tags; escaped entities come back as the characters typed.
        textFormat: "html",
        text: `<p>段落</p>${SCRIPT}${IMG}&lt;script&gt;window.__xss=1&lt;/script&gt;`,
        answer: true,
        feedbackTrue: IMG,
        feedbackFalse: SCRIPT,
        generalFeedback: ALL,
      },
    ];
    const gift = new File([writeGift(questions)], "xss.gift.txt", { type: "text/plain" });
    const imported = await supervisor.post("/question-bank/import", { format: "gift", category: "" }, { file: gift });
    expect(imported.status, imported.text.slice(0, 300)).toBe(200);
    const questionIds = await db.selectFrom("questions").select(["id", "externalId"]).where("externalId", "in", ["xss-plain", "xss-html"]).orderBy("externalId", "desc").execute();
    expect(questionIds.map((q) => q.externalId)).toEqual(["xss-plain", "xss-html"]);
    ids.question = questionIds[0].id;
    ids.quiz = idIn(
      await supervisor.postOk("/quizzes/new", {
        title: `${SVG}${SCRIPT}`,
        description: ALL,
        selection: "fixed",
        questionIds: questionIds.map((q) => String(q.id)),
        ...Object.fromEntries(questionIds.map((q) => [`points.${q.id}`, "1"])),
        attemptsAllowed: "1",
        grading: "highest",
        passPercent: "60",
        feedbackTiming: "after_submit",
        audience: "office",
        published: "on",
      }),
      "/quizzes/",
    );
    // FB010's attempt stays open (the taking page); FB011 answers and submits (the review page).
    ids.openAttempt = idIn(await (await as("FB010")).postOk(`/quizzes/${ids.quiz}/start`, {}), "/attempts/");
    const taker = await as("FB011");
    ids.attempt = idIn(await taker.postOk(`/quizzes/${ids.quiz}/start`, {}), "/attempts/");
    const attemptPath = `/quizzes/${ids.quiz}/attempts/${ids.attempt}`;
    // An autosave answers 200 with what it saved (the page stays), not a redirect.
    const saved = await taker.post(attemptPath, { intent: "save", "q1.kind": "choice", "q1.choice": "0", "q2.kind": "tf", "q2.tf": "true" });
    expect(saved.status, "the autosave of FB011's answers").toBe(200);
    await taker.postOk(attemptPath, { intent: "submit" });

    // ---- training: a session, an e-learning report, a nomination
    const session: Fields = {
      kind: "professional",
      title: TITLE,
      description: ALL,
      instructor: IMG,
      place: SVG,
      creditedHours: "2",
      capacity: "",
      audience: "office",
      date_0: taipeiDay(3),
      start_0: "09:00",
      end_0: "11:00",
      materialLabel_0: IMG,
      materialUrl_0: "https://example.com/material",
    };
    const refusedMaterial = await supervisor.post("/training/new", { ...session, materialUrl_0: JS_URL });
    expect(refusedMaterial.status, "a javascript: material address is refused").toBe(400);
    ids.session = idIn(await supervisor.postOk("/training/new", session), "/training/");
    await (await as("FB010")).postOk("/training/hours", { intent: "report", platform: IMG, course: `${SCRIPT}${SVG}`, hours: "1.5", completedOn: today, certificateNumber: SVG });
    await supervisor.postOk("/training/nominations", {
      intent: "nominate",
      userIds: [String(await uid("FB010"))],
      course: TITLE,
      organiser: IMG,
      startsOn: taipeiDay(10),
      endsOn: taipeiDay(11),
      hours: "6",
      note: ALL,
    });

    // ---- a special case with a Markdown body, published
    const clerk = await as("FB010");
    ids.case = idIn(
      await clerk.postOk("/cases/new", {
        intent: "submit",
        title: TITLE,
        category: "birth",
        source: "other_office",
        sourceOffice: SVG,
        caseDate: today,
        facts: ALL,
        issue: ALL,
        handling: ALL,
        basisKind_0: "law",
        law_0: IMG,
        article_0: SVG,
        basisKind_1: "interpretation",
        issuer_1: IMG,
        documentNumber_1: SVG,
        basisDate_1: today,
        basisSummary_1: ALL,
        lessons: ALL,
        body: MARKDOWN,
        tags: `${SHORT}、資安`,
        reason: "",
      }),
      "/cases/",
    );
    await supervisor.postOk(`/cases/${ids.case}`, { intent: "publish" });

    // ---- a news clipping circulated to FB010 and FB011; FB011 acknowledges it with a comment
    const clipping: Fields = { title: `${TITLE}${SVG}`, outlet: IMG, url: "https://example.com/news", publishedOn: today, summary: ALL, lesson: ALL, tags: SHORT };
    const refusedUrl = await supervisor.post("/clippings/new", { ...clipping, url: JS_URL });
    expect(refusedUrl.status, "a javascript: article address is refused").toBe(400);
    ids.clipping = idIn(await supervisor.postOk("/clippings/new", clipping), "/clippings/");
    await supervisor.postOk(`/clippings/${ids.clipping}`, {
      intent: "circulate",
      kind: "mandatory",
      dueOn: taipeiDay(5),
      audience: "people",
      audienceUserIds: [String(await uid("FB010")), String(await uid("FB011"))],
      note: ALL,
    });
    await (await as("FB011")).postOk(`/clippings/${ids.clipping}`, { intent: "acknowledge", comment: ALL });

    // ---- a proposal, forwarded with a reason, through a committee round to a decision
    ids.proposal = idIn(
      await clerk.postOk("/proposals/new", { intent: "submit", title: TITLE, category: "method_process", origin: "own", problem: ALL, method: ALL, benefit: ALL, estimatedCost: ALL }),
      "/proposals/",
    );
    await supervisor.postOk(`/proposals/${ids.proposal}`, { intent: "supervisor_forward", reason: ALL });
    const chair = await as("FB004");
    ids.round = idIn(await chair.postOk("/committee/rounds/new", { title: `${SVG}${SCRIPT}`, meetingDate: today, location: IMG }), "/committee/rounds/");
    const roundPath = `/committee/rounds/${ids.round}`;
    await chair.postOk(roundPath, { intent: "schedule", proposalId: String(ids.proposal) });
    const item = await db.selectFrom("roundItems").select("id").where("roundId", "=", ids.round).executeTakeFirstOrThrow();
    const members = await Promise.all(["FB004", "FB005", "FB006", "FB007"].map(uid));
    await chair.postOk(roundPath, { intent: "attendance", present: members.map(String) });
    await chair.postOk(roundPath, { intent: "open" });
    await (await as("FB006")).postOk(roundPath, { intent: "declare", itemId: String(item.id), note: ALL });
    const scores = { score_創新性: "25", score_可行性: "25", score_效益性: "25", score_完整性: "8" };
    for (const member of ["FB005", "FB007"]) await (await as(member)).postOk(roundPath, { intent: "ballot", itemId: String(item.id), vote: "採行", comment: ALL, ...scores });
    await chair.postOk(roundPath, { intent: "close", confirm: "on" });
    await chair.postOk(roundPath, { intent: "decide", itemId: String(item.id), decision: "adopted", reason: ALL, documentNumber: SVG });

    // ---- this half-year's survey: ten answers with a hostile comment, FB010's draft, an action item
    const director = await as("FB001");
    const [year, month] = today.split("-").map(Number);
    ids.survey = idIn(
      await director.postOk("/surveys/new", { year: String(year), half: month <= 6 ? "1" : "2", opensOn: taipeiDay(-1), closesOn: taipeiDay(20) }),
      "/surveys/",
    );
    const surveyPath = `/surveys/${ids.survey}`;
    await director.postOk(surveyPath, { intent: "open", confirm: "on" });
    const answers: Fields = {};
    for (const { question } of listQuestions(DEFAULT_TEMPLATE)) {
      const name = `q.${question.id}`;
      if (question.kind === "likert5") answers[name] = "4";
      else if (question.kind === "scale0to10") answers[name] = "8";
      else if (question.kind === "single_choice") answers[name] = question.options[0].value;
      else if (question.kind === "multiple_choice") answers[name] = [question.options[0].value];
      else if (question.kind === "free_text") answers[name] = ALL;
    }
    await clerk.postOk(`${surveyPath}/answer`, { intent: "save", ...answers });
    // Comments are listed only once ten people have answered (surveys README: anonymity thresholds).
    const respondents = ["FB011", "FB012", "FB013", "FB014", "FB015", "FB016", "FB017", "FB018", "FB019", "FB020"];
    for (const no of respondents) {
      const respondent = await PortalClient.signIn(portal.origin, no);
      await respondent.postOk(`${surveyPath}/answer`, { intent: "submit", ...answers });
    }
    await director.postOk(surveyPath, { intent: "addAction", title: TITLE, description: ALL, ownerId: String(await uid("FB002")), dueOn: taipeiDay(30) });

    // ---- incentives: a scoring rule with a hostile label, an entry under it with a note; a counter case type
    await supervisor.postOk("/incentives/rules", { intent: "version", item: "xss_unit", label: `${IMG}${SHORT}`, kind: "per_unit", pointsPerUnit: "1", table: "", capPerPeriod: "", periodKind: "month", effectiveFrom: `${year}-01-01` });
    await supervisor.postOk("/incentives/entries", { intent: "add", userId: String(await uid("FB010")), item: "xss_unit", date: today, quantity: "1", note: ALL });
    await supervisor.postOk("/counters/settings", { intent: "caseType", name: IMG, code: "", weight: "1", standardMinutes: "10", effectiveFrom: `${year}-01-01` });
  });

  it("shows every hostile text as text on every page that lists or shows it, and runs none of it", { timeout: 300_000 }, async () => {
    expect(ids.quiz, "the first test filled the modules").toBeGreaterThan(0);

    // The office administrator: the person and the counter.
    const admin = await person("FB090");
    await inspect(admin, "/admin/users?q=FB099", [IMG]);
    await inspect(admin, `/admin/users/${ids.user}`, []);
    await inspect(admin, "/admin/counters", [IMG]);
    await inspect(admin, "/admin/audit", []);
    // The new colleague sees their own name in the header.
    await inspect(await person("FB099"), "/", [IMG]);

    // The supervisor: the question bank, the quiz's pages, training, clippings, proposals, incentives.
    const supervisor = await person("FB002");
    for (const [path, shows] of [
      ["/question-bank?f.tag=xss", [`${JS_URL} 題目名稱`]],
      [`/question-bank/${ids.question}`, [ALL]],
      ["/quizzes", [`${SVG}${SCRIPT}`]],
      [`/quizzes/${ids.quiz}`, [ALL]],
      [`/quizzes/${ids.quiz}/stats`, [`${SVG}${SCRIPT}`]],
      [`/quizzes/${ids.quiz}/present`, [ALL]],
      [`/quizzes/${ids.quiz}/edit`, []],
      ["/training", [TITLE]],
      [`/training/${ids.session}`, [ALL, IMG, SVG]],
      ["/training/calendar", []],
      ["/training/elearning", [IMG]],
      ["/training/nominations", [TITLE]],
      ["/training/roster", []],
      [`/cases/${ids.case}`, [TITLE, ALL, SCRIPT]],
      [`/clippings/${ids.clipping}`, [`${TITLE}${SVG}`, ALL, IMG]],
      ["/clippings", [`${TITLE}${SVG}`]],
      ["/proposals?view=all", [TITLE]],
      [`/proposals/${ids.proposal}`, [TITLE, ALL]],
      ["/incentives/rules", [`${IMG}${SHORT}`]],
      ["/incentives/entries", [ALL]],
      ["/incentives", []],
      ["/counters/settings", [IMG]],
    ] as const) {
      await inspect(supervisor, path, [...shows]);
    }

    // The staff member: the quiz being taken, their training, the case (and its Markdown), home.
    const clerk = await person("FB010");
    await inspect(clerk, `/quizzes/${ids.quiz}/attempts/${ids.openAttempt}`, [ALL, IMG, SCRIPT]);
    await inspect(clerk, "/training/hours", [IMG]);
    await inspect(clerk, "/cases", [TITLE]);
    await inspect(clerk, "/proposals", [TITLE]);
    await inspect(clerk, `/cases?q=${encodeURIComponent("小標")}`, []);
    await inspect(clerk, `/cases/${ids.case}/revisions`, []);
    await inspect(clerk, "/", [`${TITLE}${SVG}`]);
    await inspect(clerk, "/notifications", []);
    await inspect(clerk, `/proposals/${ids.proposal}/print`, [TITLE, ALL]);
    await inspect(clerk, `/surveys/${ids.survey}/answer`, []);
    await inspect(clerk, "/incentives/mine", []);
    await inspect(clerk, "/year-end/me", []);

    // Markdown: raw HTML is text, script and data links lose their address, the https link stays.
    await inspect(clerk, `/cases/${ids.case}`, [TITLE, ALL]);
    const body = clerk.page.getByTestId("case-body");
    const bodyText = (await body.innerText()).replace(/\s+/g, " ");
    for (const literal of ['<a href="javascript:window.__xss=1">原始連結</a>', IMG, '<iframe src="javascript:window.__xss=1"></iframe>', `粗體${SCRIPT}`, "點我", "大寫", "資料", "圖說"]) {
      expect(bodyText, `「${literal}」 as text in the Markdown body`).toContain(literal);
    }
    expect(await body.locator("a").evaluateAll((links) => links.map((a) => [a.textContent, a.getAttribute("href")]))).toEqual([["戶政司", "https://www.ris.gov.tw/"]]);
    expect(await body.locator("h2, h3, h4, h5, h6", { hasText: "小標" }).count(), "the Markdown heading is a heading").toBeGreaterThan(0);
    expect(await body.locator("code", { hasText: SCRIPT }).count(), "the code span shows the script as code").toBe(1);

    // The taker's review: options, feedback and explanations after submitting.
    await inspect(await person("FB011"), `/quizzes/${ids.quiz}/attempts/${ids.attempt}/review`, [ALL, IMG, SCRIPT]);

    // The committee: the round, the ballots and recusal, the minutes.
    const chair = await person("FB004");
    await inspect(chair, "/committee/rounds", [`${SVG}${SCRIPT}`]);
    await inspect(chair, `/committee/rounds/${ids.round}`, [`${SVG}${SCRIPT}`, IMG, ALL]);
    await inspect(chair, `/committee/rounds/${ids.round}/minutes`, [`${SVG}${SCRIPT}`, ALL]);

    // The director: the survey round, its results with the comments, the dashboard.
    const director = await person("FB001");
    await inspect(director, `/surveys/${ids.survey}`, [TITLE, ALL]);
    await inspect(director, "/dashboard", []);
    await inspect(director, "/year-end", []);
  });

  it("lists the survey's free-text comments as text once the round is closed", { timeout: 60_000 }, async () => {
    expect(ids.survey, "the first test made the round").toBeGreaterThan(0);
    await (await as("FB001")).postOk(`/surveys/${ids.survey}`, { intent: "close", confirm: "on" });
    await inspect(await person("FB001"), `/surveys/${ids.survey}/results`, [ALL]);
  });
});
