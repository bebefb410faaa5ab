// The anonymity claims of issue 7 as tests on a real database: after a submission no column, row, audit
// row or result joins a person to their answers; response ids are random, not ordered by time; one
// answer per person per round even when the same person submits twice at once; thresholds hide small
// groups for everyone; closing deletes drafts and rewrites the tables in key order.
import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { getCurrentUser, type CurrentUser } from "~/modules/auth/session.server";
import { DomainError } from "~/modules/domain-error";
import { closeRound, createRound, loadQuestionnaire, loadResults, openRound, saveDraft, submitResponse } from "~/modules/surveys/surveys.server";
import { DEFAULT_TEMPLATE, listQuestions } from "~/modules/surveys/template";
import { useTestDatabase } from "../helpers/db";
import { absoluteUrl, signIn } from "../helpers/requests";

const t = useTestDatabase();
const people: Record<string, CurrentUser> = {};

async function userFor(employeeNo: string) {
  const cookie = await signIn(t.db, employeeNo);
  return (await getCurrentUser(t.db, new Request(absoluteUrl("/"), { headers: { Cookie: cookie } })))!;
}

/** A complete, valid set of answers; `seed` varies them per person. */
function answers(seed: number, comment = ""): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const { question } of listQuestions(DEFAULT_TEMPLATE)) {
    if (question.kind === "likert5") out[question.id] = ((seed + question.id.length) % 5) + 1;
    else if (question.kind === "scale0to10") out[question.id] = (seed * 3) % 11;
    else if (question.kind === "single_choice") out[question.id] = question.options[seed % question.options.length].value;
    else if (question.kind === "multiple_choice") out[question.id] = [question.options[0].value];
    else if (question.kind === "free_text") out[question.id] = comment;
  }
  return out;
}

/** A date `n` days from today in Taipei (rounds are answerable until their close date). */
const day = (n: number) => new Date(Date.now() + n * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);

let roundId: number;
const STAFF = ["FB010", "FB011", "FB012", "FB013", "FB014", "FB015", "FB016"];

beforeAll(async () => {
  for (const no of ["FB001", "FB002", ...STAFF]) people[no] = await userFor(no);
  roundId = await createRound(t.db, people.FB001, { year: 2026, half: 2, opensOn: day(-7), closesOn: day(14), demographicIds: ["unit"] });
  await openRound(t.db, people.FB001, roundId);
});

describe("a submission leaves nothing that joins a person to their answers", () => {
  it("moves the draft into an anonymous response and deletes it in the same step", async () => {
    const me = people.FB010;
    await saveDraft(t.db, me, roundId, answers(1), { unit: "household" });
    expect((await loadQuestionnaire(t.db, me, roundId)).draft).not.toBeNull();
    expect(await submitResponse(t.db, me, roundId, answers(1, "希望增加櫃台人力。"), { unit: "household" })).toEqual({ ok: true });
    expect(await t.db.selectFrom("surveyDrafts").selectAll().where("userId", "=", me.id).execute()).toEqual([]);
    expect((await loadQuestionnaire(t.db, me, roundId)).submitted).toBe(true);
  });

  it("has no column on the answers table that could name a person, a session or a time", async () => {
    // (The CamelCasePlugin names the result columns columnName and dataType.)
    const columns = await sql<{ columnName: string; dataType: string }>`
      select column_name, data_type from information_schema.columns where table_name = 'survey_responses' and table_schema = current_schema() order by ordinal_position`.execute(t.db);
    expect(columns.rows.map((c) => c.columnName)).toEqual(["id", "round_id", "answers", "demographics"]);
    expect(columns.rows.find((c) => c.columnName === "id")?.dataType).toBe("uuid");
    const participation = await sql<{ columnName: string }>`
      select column_name from information_schema.columns where table_name = 'survey_participation' and table_schema = current_schema() order by ordinal_position`.execute(t.db);
    expect(participation.rows.map((c) => c.columnName)).toEqual(["round_id", "user_id", "submitted"]);
  });

  it("writes an audit row that says a response was submitted, without the person", async () => {
    const rows = await t.db.selectFrom("auditLog").select(["actorUserId", "action", "entityId", "after", "before"]).where("action", "=", "survey.response").execute();
    expect(rows).toEqual([{ actorUserId: null, action: "survey.response", entityId: String(roundId), after: null, before: null }]);
    const everything = JSON.stringify(await t.db.selectFrom("auditLog").selectAll().where("entityType", "=", "surveyRound").execute());
    expect(everything).not.toContain("希望增加櫃台人力");
  });

  it("counts one answer per person even when the same person submits twice at once", async () => {
    const me = people.FB011;
    const results = await Promise.allSettled([
      submitResponse(t.db, me, roundId, answers(2), { unit: "admin" }),
      submitResponse(t.db, me, roundId, answers(2), { unit: "admin" }),
    ]);
    const ok = results.filter((r) => r.status === "fulfilled" && (r.value as { ok: boolean }).ok);
    const refused = results.filter((r) => r.status === "rejected" && r.reason instanceof DomainError);
    expect([ok.length, refused.length]).toEqual([1, 1]);
    expect((await t.db.selectFrom("surveyResponses").select("id").where("roundId", "=", roundId).execute()).length).toBe(2);
  });

  it("gives responses random ids, not ordered by the time of submission", async () => {
    for (const [i, no] of STAFF.slice(2).entries()) await submitResponse(t.db, people[no], roundId, answers(i + 3), { unit: i % 2 ? "admin" : "household" });
    const ids = (await t.db.selectFrom("surveyResponses").select("id").where("roundId", "=", roundId).execute()).map((r) => r.id);
    expect(ids.every((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe("results", () => {
  it("are not shown while the round is open (live figures would reveal each answer by difference)", async () => {
    const view = await loadResults(t.db, people.FB001, roundId);
    expect(view.available).toBe(false);
    expect(view.rate.responded).toBe(STAFF.length);
  });

  it("after closing: drafts are gone, the tables are rewritten in key order, small groups are hidden", async () => {
    await saveDraft(t.db, people.FB002, roundId, answers(9), {});
    await closeRound(t.db, people.FB001, roundId);
    expect(await t.db.selectFrom("surveyDrafts").selectAll().where("roundId", "=", roundId).execute()).toEqual([]);
    // Physical order (ctid) now follows the random ids, not the order of submission.
    const physical = await sql<{ id: string }>`select id::text from survey_responses where round_id = ${roundId}`.execute(t.db);
    const sorted = [...physical.rows.map((r) => r.id)].sort();
    expect(physical.rows.map((r) => r.id)).toEqual(sorted);

    const view = await loadResults(t.db, people.FB001, roundId);
    if (!view.available) throw new Error("results should be available after closing");
    // 7 respondents ≥ 5: scores shown; comments need 10: hidden.
    expect(view.results.shown).toBe(true);
    expect(JSON.stringify(view.results)).not.toContain("希望增加櫃台人力");
    // By 課別: 4 household, 3 admin → the 3 are below 5, and hiding them alone would let the
    // other group reveal them by subtraction: both are hidden.
    const [byUnit] = view.breakdowns;
    expect(JSON.stringify(byUnit)).toMatch(/未達|不顯示/);
    expect(byUnit.shown === false || ("groups" in byUnit && byUnit.groups.every((g) => !g.shown))).toBe(true);
  });
});
