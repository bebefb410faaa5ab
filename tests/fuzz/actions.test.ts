// Property-based fuzzing of every route action (issue 11, "Bad input"): random, oversized,
// wrong-typed, truncated and hostile form bodies — SQL and HTML injection strings, control
// characters including NUL, lone surrogates, 100,000 characters of Chinese, wrong or missing
// `intent` values, missing and repeated fields — posted by someone who MAY use the action, so the
// validation answers and not the permission check. For every input: never a 500; a refusal (4xx,
// or a returned form error) carries a zh-TW message the page shows; and a refusal writes no row in
// any table (tests/fuzz/database-state.ts). Accepted input is fine: a title of `<script>` is a
// valid title (safe rendering is tests/e2e/xss.test.ts's job). A second set of properties starts
// from a valid form and damages one to three fields, so hostile values reach the database too.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { startAttempt, startPractice } from "~/modules/quizzes/attempts.server";
import { DEFAULT_TEMPLATE } from "~/modules/surveys/template";
import { DEMO_ACCOUNTS } from "../../seeds/demo";
import { officeIdOf, useTestDatabase, userIdOf } from "../helpers/db";
import { post, redirectPath, signIn, type RouteResult } from "../helpers/requests";
import { fillPattern, importRoute, listRouteFiles } from "../helpers/routes";
import { countInput, formBody, fuzzParameters, mutatedBody, reportInputsTried } from "./arbitraries";
import { isRefusal, messagesOfAnswer, REFUSAL_STATUSES, shownText } from "./answers";
import { changedTables, countWrites, fingerprint } from "./database-state";
import { actionForm } from "./route-forms";
import { validForms, type ValidForm } from "./valid-forms";

const t = useTestDatabase();
reportInputsTried("actions.test.ts");

type Account = keyof typeof DEMO_ACCOUNTS | "anonymous";

interface Target {
  /** Who posts: an account allowed to use the action (the role × route matrix says who). */
  as: Account;
  /** Inputs tried; fewer where each costs a password hash. */
  runs?: number;
  /** Tables this action writes on purpose even when it refuses (the login throttle, its audit). */
  writesWhenRefused?: string[];
  /** Fields the forms name dynamically (the quiz page's `q1.kind` …), beside those found in the code. */
  extraFields?: string[];
  /** The action signs the person out or in: a redirect to /login is its answer, not a lost session. */
  redirectsToLogin?: boolean;
}

/**
 * Every route with an action, by URL pattern. A new action route fails "covers every action" below
 * until it is listed here with an account that may use it.
 */
const TARGETS: Record<string, Target> = {
  "/about": { as: "staff", runs: 5 },
  "/account/password": { as: "committee", runs: 8 },
  "/admin/counters/:id": { as: "admin" },
  "/admin/counters/new": { as: "admin" },
  "/admin/offices/:id": { as: "admin" },
  "/admin/offices/new": { as: "cityAdmin" },
  "/admin/users/:id": { as: "admin", runs: 20 },
  "/admin/users/new": { as: "admin", runs: 20 },
  "/cases/:caseId": { as: "supervisor" },
  "/cases/:caseId/edit": { as: "supervisor" },
  "/cases/new": { as: "staff" },
  "/clippings/:clippingId": { as: "supervisor" },
  "/clippings/:clippingId/edit": { as: "supervisor" },
  "/clippings/new": { as: "staff" },
  "/committee/rounds/:roundId": { as: "chair" },
  "/committee/rounds/new": { as: "chair" },
  "/counters/import": { as: "supervisor" },
  "/counters/settings": { as: "supervisor" },
  "/incentives": { as: "director" },
  "/incentives/entries": { as: "supervisor" },
  "/incentives/rules": { as: "supervisor" },
  "/login": { as: "anonymous", runs: 8, writesWhenRefused: ["login_attempts", "audit_log"], redirectsToLogin: true },
  "/logout": { as: "anonymous", runs: 5, redirectsToLogin: true },
  "/notifications": { as: "staff" },
  "/practice": { as: "staff" },
  "/practice/:attemptId": { as: "staff" },
  "/proposals/:proposalId": { as: "supervisor" },
  "/proposals/:proposalId/edit": { as: "staff" },
  "/proposals/new": { as: "staff" },
  "/proposals/settings": { as: "director" },
  "/question-bank/:questionId": { as: "supervisor" },
  "/question-bank/import": { as: "supervisor" },
  "/quizzes/:quizId/attempts/:attemptId": {
    as: "staff",
    extraFields: ["go", "q1.kind", "q1.choice", "q1.choices", "q1.tf", "q1.num", "q1.text", "q1.match.0", "q2.kind", "q2.text", "q9999.kind"],
  },
  "/quizzes/:quizId/edit": { as: "supervisor" },
  "/quizzes/:quizId/start": { as: "staff" },
  "/quizzes/new": { as: "supervisor" },
  "/set-language": { as: "anonymous", runs: 8 },
  "/surveys/:roundId": { as: "supervisor" },
  "/surveys/:roundId/answer": { as: "staff", extraFields: ["q1", "q2", "comment", "demographic.unit"] },
  "/surveys/new": { as: "supervisor" },
  "/switch-office": { as: "cityAdmin", runs: 8 },
  "/training/:sessionId": { as: "supervisor" },
  "/training/:sessionId/edit": { as: "supervisor" },
  "/training": { as: "staff" },
  "/training/elearning": { as: "supervisor" },
  "/training/hours": { as: "staff" },
  "/training/new": { as: "supervisor" },
  "/training/nominations": { as: "supervisor" },
  "/training/roster": { as: "supervisor" },
};

/** Inputs per action in CI: 49 actions × this stays within the folder's minute. */
const DEFAULT_RUNS = 8;

/** Patterns with a valid form in valid-forms.ts (listed here so the test names are known up front). */
const VALID_FORM_PATTERNS = [
  "/cases/new",
  "/clippings/new",
  "/proposals/new",
  "/training/new",
  "/quizzes/new",
  "/committee/rounds/new",
  "/admin/users/new",
  "/admin/counters/new",
  "/incentives/entries",
  "/training/hours",
  "/counters/settings",
];
/** Damaged copies tried per valid form in CI. */
const DAMAGED_RUNS = 12;

const actionRoutes = await (async () => {
  const found = [];
  for (const route of listRouteFiles().filter((r) => !r.isLayout)) {
    const mod = await importRoute(route);
    if (mod.action) found.push({ ...route, mod });
  }
  return found;
})();

const cookies = new Map<Account, string>();
async function cookieOf(account: Account): Promise<string | undefined> {
  if (account === "anonymous") return undefined;
  if (!cookies.has(account)) cookies.set(account, await signIn(t.db, DEMO_ACCOUNTS[account]));
  return cookies.get(account);
}

/** Route params: records of 府北 in a state where their actions apply. */
let params: Record<string, string>;

beforeAll(async () => {
  const db = t.db;
  await countWrites(db);
  const fubei = await officeIdOf(db, "FUBEI");
  const staff = { id: await userIdOf(db, DEMO_ACCOUNTS.staff), officeId: fubei, roles: ["staff" as const] };
  const firstId = async (table: "trainingSessions" | "clippings" | "counters") =>
    String((await db.selectFrom(table).select("id").where("officeId", "=", fubei).orderBy("id").executeTakeFirstOrThrow()).id);
  const proposal = async (title: string) => String((await db.selectFrom("proposals").select("id").where("title", "=", title).executeTakeFirstOrThrow()).id);

  // A quiz of one question with an attempt of the staff account left open, and a practice session.
  const question = await db.selectFrom("questions").select(["id", "category"]).where("officeId", "=", fubei).where("currentVersionId", "is not", null).orderBy("id").executeTakeFirstOrThrow();
  const quiz = await db.insertInto("quizzes").values({ officeId: fubei, title: "模糊測試測驗", selection: "fixed", published: true, audienceRoles: "[]" }).returning("id").executeTakeFirstOrThrow();
  await db.insertInto("quizQuestions").values({ quizId: quiz.id, questionId: question.id, position: 1, points: 1 }).execute();
  const attempt = await startAttempt(db, staff, quiz.id);
  const practice = await startPractice(db, staff, { categories: [question.category], count: 1 });
  const survey = await db
    .insertInto("surveyRounds")
    .values({ officeId: fubei, title: "模糊測試調查", year: 2026, half: 2, template: JSON.stringify(DEFAULT_TEMPLATE), demographics: "[]", thresholds: JSON.stringify({ scores: 5, comments: 10 }), opensOn: "2026-07-01", closesOn: "2026-12-31", state: "open" })
    .returning("id")
    .executeTakeFirstOrThrow();

  params = {
    // An account of its own for the administrator's forms: a reset password must not sign out anyone the other actions use.
    id: String(await userIdOf(db, "FB020")),
    caseId: String((await db.selectFrom("kbCases").select("id").where("title", "=", "逾期申請出生登記之受理").executeTakeFirstOrThrow()).id),
    clippingId: await firstId("clippings"),
    roundId: String((await db.selectFrom("committeeRounds").select("id").where("officeId", "=", fubei).where("state", "=", "planned").executeTakeFirstOrThrow()).id),
    proposalId: await proposal("印鑑證明申請書填寫範例更新"),
    questionId: String((await db.selectFrom("questions").select("id").where("officeId", "=", fubei).where("externalId", "=", "hr-law-001").executeTakeFirstOrThrow()).id),
    quizId: String(quiz.id),
    attemptId: String(attempt!.attemptId),
    sessionId: await firstId("trainingSessions"),
  };
  // Patterns whose :id or :roundId or :attemptId means something else.
  overrides = {
    "/admin/offices/:id": { id: String(fubei) },
    "/admin/counters/:id": { id: await firstId("counters") },
    "/surveys/:roundId": { roundId: String(survey.id) },
    "/surveys/:roundId/answer": { roundId: String(survey.id) },
    "/practice/:attemptId": { attemptId: String(practice) },
    "/proposals/:proposalId/edit": { proposalId: await proposal("等候區設置手機充電站") },
  };
});
let overrides: Record<string, Record<string, string>> = {};

function paramsFor(pattern: string): Record<string, string> {
  const names = [...pattern.matchAll(/:(\w+)/g)].map((m) => m[1]);
  return Object.fromEntries(names.map((n) => [n, overrides[pattern]?.[n] ?? params[n]]));
}

function showBody(body: Record<string, string | string[]>): string {
  const shorten = (v: string) => (v.length > 80 ? `${JSON.stringify(v.slice(0, 80))}…(${v.length} chars)` : JSON.stringify(v));
  return Object.entries(body)
    .map(([k, v]) => `${JSON.stringify(k)}=${Array.isArray(v) ? `[${v.map(shorten).join(", ")}]` : shorten(v)}`)
    .join(" & ");
}

describe("the write counter (tests/fuzz/database-state.ts)", () => {
  it("sees a committed write, and not one that was rolled back", async () => {
    const before = await fingerprint(t.db);
    await t.db
      .transaction()
      .execute(async (trx) => {
        await trx.updateTable("offices").set({ name: "回滾測試" }).where("code", "=", "FUBEI").execute();
        throw new Error("roll back");
      })
      .catch(() => undefined);
    expect(changedTables(before, await fingerprint(t.db))).toEqual([]);
    await t.db.updateTable("offices").set({ name: "不存在" }).where("code", "=", "NO-SUCH-OFFICE").execute(); // no row: no write
    expect(changedTables(before, await fingerprint(t.db))).toEqual([]);
    await t.db.updateTable("offices").set((eb) => ({ name: eb.ref("name") })).where("code", "=", "FUBEI").execute();
    expect(changedTables(before, await fingerprint(t.db))).toEqual(["offices: 0 → 1 rows written"]);
  });
});

describe("fuzzing every action", () => {
  it("covers every route with an action", () => {
    expect(actionRoutes.map((r) => r.pattern).filter((p) => !(p in TARGETS))).toEqual([]);
    expect(Object.keys(TARGETS).filter((p) => !actionRoutes.some((r) => r.pattern === p))).toEqual([]);
  });

  it.each(actionRoutes.map((r) => [r.pattern, r] as const))("%s: hostile forms get a 4xx with a message, never a 500 or a partial write", async (pattern, route) => {
    const target = TARGETS[pattern];
    if (!target) throw new Error(`Add ${pattern} to TARGETS in tests/fuzz/actions.test.ts`);
    const form = await actionForm(route.file);
    const fields = [...new Set([...form.fields, ...(target.extraFields ?? [])])];
    const check = await checker(pattern);
    await fc.assert(fc.asyncProperty(formBody(fields, form.intents), async (body) => void (await check(body))), fuzzParameters(target.runs ?? DEFAULT_RUNS));
  });
});

describe("fuzzing valid forms with one to three fields damaged", () => {
  let forms: ValidForm[] = [];
  beforeAll(async () => {
    forms = await validForms(t.db, await officeIdOf(t.db, "FUBEI"));
    // The demo office has no incentive rules yet: the example rules make an entry for e_payment valid
    // (the fuzzing above may have applied them already, which is refused as rulesExist).
    const rules = actionRoutes.find((r) => r.pattern === "/incentives/rules")!;
    const applied = await post(rules.mod, "/incentives/rules", { intent: "examples" }, { cookie: await cookieOf("supervisor") });
    expect([302, 400], JSON.stringify(applied.data)).toContain(applied.status);
  });

  it.each(VALID_FORM_PATTERNS)("%s: the undamaged form is accepted, and every damaged one is answered without a 500 or a partial write", async (pattern) => {
    const form = forms.find((f) => f.pattern === pattern)!;
    const check = await checker(pattern, `${pattern} (damaged ${form.label})`);
    const accepted = await check(form.body);
    expect(accepted, `the valid form for ${form.label} was refused; fix tests/fuzz/valid-forms.ts`).toBe("accepted");
    await fc.assert(fc.asyncProperty(mutatedBody(form.body), async (body) => void (await check(body))), fuzzParameters(DAMAGED_RUNS));
  });
});

/**
 * The property every input must satisfy, for one action: posts the body as the target account and
 * checks the answer and the database. Returns whether the input was accepted or refused.
 */
async function checker(pattern: string, label = pattern) {
  const target = TARGETS[pattern];
  const route = actionRoutes.find((r) => r.pattern === pattern)!;
  const routeParams = paramsFor(pattern);
  const url = fillPattern(pattern, routeParams);
  const cookie = await cookieOf(target.as);
  const ignore = target.writesWhenRefused ?? [];
  return async (body: Record<string, string | string[]>): Promise<"accepted" | "refused"> => {
    countInput(label);
    const before = await fingerprint(t.db, ignore);
    let result: RouteResult;
    try {
      result = await post(route.mod, url, body, { cookie, params: routeParams, clientAddress: "192.0.2.11" });
    } catch (error) {
      throw new Error(`500: the action threw ${String(error).slice(0, 300)} for ${showBody(body)}`);
    }
    const shown = `${result.status} ${String(JSON.stringify(result.data)).slice(0, 300)} for ${showBody(body)}`;
    expect(result.status, shown).toBeLessThan(500);
    if (!target.redirectsToLogin && result.location) expect(redirectPath(result), `lost the session: ${shown}`).not.toMatch(/^\/login/);
    if (!isRefusal(result)) return "accepted";

    if (result.thrown) expect(REFUSAL_STATUSES, shown).toContain(result.status);
    else {
      const messages = messagesOfAnswer(result.data);
      expect(messages.length, `a refusal without a message: ${shown}`).toBeGreaterThan(0);
      for (const message of messages) expect(shownText(message), `not a zh-TW message: ${JSON.stringify(message)} in ${shown}`).not.toBeNull();
    }
    expect(changedTables(before, await fingerprint(t.db, ignore)), `refused but wrote: ${shown}`).toEqual([]);
    return "refused";
  };
}
