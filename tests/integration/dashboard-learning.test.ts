// The dashboard's "learning" and "quizzes" sections on a small fixture of our own (issue 9, Tests: every
// figure against hand-computed values; a period with no data shows an empty state; two offices computed in
// one call keep their figures apart; the drill-down returns the rows behind each figure). The fixture lives
// in last year (Y), so the judgement dates (end of a quarter, end of the year) are fixed and the numbers
// below can be checked by hand; the overdue items are placed relative to now.
import type { Kysely } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/schema";
import { parsePeriodKey, taipeiDate, taipeiInstant, type Period } from "~/modules/counters/periods";
import type { Figure, RankedList, SectionResult } from "~/modules/dashboard/figure";
import type { SectionContext } from "~/modules/dashboard/section";
import { learningSection } from "~/modules/dashboard/sections/learning.server";
import { quizzesSection } from "~/modules/dashboard/sections/quizzes.server";
import { hoursRoster } from "~/modules/training/training.server";
import { PROGRESS_JUDGEMENT_LABELS } from "~/modules/training/hours";
import { officeIdOf, useTestDatabase, userIdOf } from "../helpers/db";

const t = useTestDatabase();

const now = new Date();
const today = taipeiDate(now);
/** Last year in Taipei: every hand-computed figure lives there. */
const Y = Number(today.slice(0, 4)) - 1;
const at = (date: string, time = "09:00") => taipeiInstant(date, time);
const period = (key: string): Period => parsePeriodKey(key)!;

const ids: Record<string, number> = {};
let officeA: number;
let officeB: number;

// ---------------------------------------------------------------- fixture helpers

async function insertOffice(db: Kysely<Database>, code: string, people: { key: string; roles: Database["userRoles"]["role"][]; active?: boolean }[]) {
  const { id: officeId } = await db.insertInto("offices").values({ code, name: `${code}測試戶政事務所`, shortName: code, kind: "district" }).returning("id").executeTakeFirstOrThrow();
  for (const [i, p] of people.entries()) {
    const { id } = await db
      .insertInto("users")
      .values({ officeId, employeeNo: `${code}${String(i + 1).padStart(2, "0")}`, name: `同仁${p.key}`, title: "科員", passwordHash: "x", active: p.active ?? true })
      .returning("id")
      .executeTakeFirstOrThrow();
    ids[p.key] = id;
    await db.insertInto("userRoles").values(p.roles.map((role) => ({ userId: id, officeId, role }))).execute();
  }
  return officeId;
}

async function insertSession(
  db: Kysely<Database>,
  officeId: number,
  title: string,
  dates: { startsAt: Date; endsAt: Date }[],
  creditedHours: number,
  enrolments: { who: string; status: Database["enrolments"]["status"]; hours?: number }[],
  status: "scheduled" | "cancelled" = "scheduled",
) {
  const { id } = await db.insertInto("trainingSessions").values({ officeId, kind: "professional", title, creditedHours, audienceRoles: "[]", materials: "[]", status }).returning("id").executeTakeFirstOrThrow();
  await db.insertInto("trainingSessionDates").values(dates.map((d) => ({ sessionId: id, ...d }))).execute();
  if (enrolments.length) await db.insertInto("enrolments").values(enrolments.map((e) => ({ sessionId: id, userId: ids[e.who], status: e.status, hours: e.hours ?? null }))).execute();
  return id;
}

const oneDay = (date: string, hours = 3) => [{ startsAt: at(date), endsAt: at(date, `${String(9 + hours).padStart(2, "0")}:00`) }];

async function insertElearning(db: Kysely<Database>, officeId: number, who: string, hours: number, completedOn: string, status: "approved" | "pending" | "returned", certificateNumber = "", platform = "e等公務園+") {
  await db.insertInto("elearningRecords").values({ officeId, userId: ids[who], platform, course: "線上課程", hours, completedOn, certificateNumber, status }).execute();
}

interface QuestionRef {
  versionId: number;
}
async function insertQuestion(db: Kysely<Database>, officeId: number, externalId: string, category: string): Promise<QuestionRef> {
  const { id } = await db.insertInto("questions").values({ officeId, externalId, category }).returning("id").executeTakeFirstOrThrow();
  const body = { type: "truefalse", name: externalId, text: `${externalId}？`, textFormat: "plain", answer: true };
  const v = await db
    .insertInto("questionVersions")
    .values({ questionId: id, version: 1, type: "truefalse", name: externalId, text: body.text, tags: "[]", body: JSON.stringify(body), contentHash: `h-${externalId}` })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db.updateTable("questions").set({ currentVersionId: v.id }).where("id", "=", id).execute();
  return { versionId: v.id };
}

async function insertQuiz(
  db: Kysely<Database>,
  officeId: number,
  title: string,
  opts: { opensAt: Date | null; closesAt: Date | null; grading?: "highest" | "last"; passPercent?: number; audience?: "office" | "roles" | "people"; roles?: string[]; people?: string[]; published?: boolean },
) {
  const { id } = await db
    .insertInto("quizzes")
    .values({
      officeId,
      title,
      selection: "fixed",
      opensAt: opts.opensAt,
      closesAt: opts.closesAt,
      grading: opts.grading ?? "highest",
      passPercent: opts.passPercent ?? 60,
      audience: opts.audience ?? "office",
      audienceRoles: JSON.stringify(opts.roles ?? []),
      published: opts.published ?? true,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  if (opts.people?.length) await db.insertInto("quizAudiencePeople").values(opts.people.map((p) => ({ quizId: id, userId: ids[p] }))).execute();
  return id;
}

/** One attempt; `right[i]` says whether question i was answered right (1 point each). */
async function insertAttempt(
  db: Kysely<Database>,
  officeId: number,
  who: string,
  quizId: number | null,
  attemptNo: number,
  questions: QuestionRef[],
  right: boolean[],
  opts: { submittedAt?: Date; state?: "submitted" | "in_progress"; kind?: "quiz" | "practice" } = {},
) {
  const state = opts.state ?? "submitted";
  const score = right.filter(Boolean).length;
  const percent = (score / questions.length) * 100;
  const { id } = await db
    .insertInto("quizAttempts")
    .values({
      officeId,
      userId: ids[who],
      kind: opts.kind ?? "quiz",
      quizId,
      attemptNo,
      state,
      startedAt: opts.submittedAt ?? now,
      submittedAt: state === "submitted" ? (opts.submittedAt ?? now) : null,
      score: state === "submitted" ? score : null,
      maxScore: questions.length,
      percent: state === "submitted" ? percent : null,
      passed: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("attemptItems")
    .values(questions.map((q, i) => ({ attemptId: id, position: i + 1, questionVersionId: q.versionId, points: 1, response: JSON.stringify({ value: right[i] }), fraction: state === "submitted" ? (right[i] ? 1 : 0) : null })))
    .execute();
}

// ---------------------------------------------------------------- the fixture

let sessionOverdue: number;
let quizOverdue: number;

beforeAll(async () => {
  const db = t.db;
  officeA = await insertOffice(db, "DLA", [
    { key: "A1", roles: ["director"] },
    { key: "A2", roles: ["staff"] },
    { key: "A3", roles: ["staff"] },
    { key: "A4", roles: ["staff", "committee"] },
    { key: "A5", roles: ["staff"], active: false },
  ]);
  officeB = await insertOffice(db, "DLB", [
    { key: "B1", roles: ["staff"] },
    { key: "B2", roles: ["staff"] },
  ]);

  // ---- learning hours of A in year Y; target 20 hours, 8 of them digital.
  await db.insertInto("trainingTargets").values({ officeId: officeA, year: Y, totalHours: 20, digitalHours: 8 }).execute();
  // Q1: 6 hours; A3 partly present 2.5 hours; A4 absent; A5 (no longer active) present.
  await insertSession(db, officeA, "戶籍法規研習", oneDay(`${Y}-02-10`), 6, [
    { who: "A1", status: "attended" },
    { who: "A2", status: "attended" },
    { who: "A3", status: "partly_attended", hours: 2.5 },
    { who: "A4", status: "absent" },
    { who: "A5", status: "attended" },
  ]);
  // Q2: 4 hours; A4 excused.
  await insertSession(db, officeA, "經驗分享座談", oneDay(`${Y}-05-15`), 4, [
    { who: "A1", status: "attended" },
    { who: "A2", status: "attended" },
    { who: "A3", status: "attended" },
    { who: "A4", status: "excused" },
  ]);
  // Q3: a cancelled session credits nothing; a 5-hour one where A2's 10 recorded hours are capped at 5.
  await insertSession(db, officeA, "取消的場次", oneDay(`${Y}-08-01`), 3, [{ who: "A1", status: "attended" }], "cancelled");
  await insertSession(db, officeA, "電話禮儀訓練", oneDay(`${Y}-08-20`), 5, [
    { who: "A1", status: "attended" },
    { who: "A2", status: "partly_attended", hours: 10 },
    { who: "A3", status: "absent" },
  ]);
  // E-learning: A1's certificate reported twice counts once; pending and returned records count nothing.
  await insertElearning(db, officeA, "A1", 8, `${Y}-03-05`, "approved", "EG-0001");
  await insertElearning(db, officeA, "A1", 8, `${Y}-06-01`, "approved", " eg-0001 ", " e等公務園+ ");
  await insertElearning(db, officeA, "A2", 6, `${Y}-07-10`, "approved", "EG-0002");
  await insertElearning(db, officeA, "A2", 4, `${Y}-07-11`, "returned", "EG-0003");
  await insertElearning(db, officeA, "A3", 5, `${Y}-07-12`, "pending", "EG-0004");
  await insertElearning(db, officeA, "A4", 2, `${Y}-09-30`, "approved", "");
  // Outside training: completed counts by its last day; withdrawn counts nothing.
  await db
    .insertInto("trainingNominations")
    .values([
      { officeId: officeA, userId: ids.A3, course: "戶政研習班", startsOn: `${Y}-08-30`, endsOn: `${Y}-09-01`, hours: 6, outcome: "completed" },
      { officeId: officeA, userId: ids.A4, course: "國籍研習班", startsOn: `${Y}-09-01`, endsOn: `${Y}-09-02`, hours: 10, outcome: "withdrawn" },
    ])
    .execute();

  // ---- learning hours of B in Y: target 10, no digital part; B1 10 hours of e-learning, B2 nothing.
  await db.insertInto("trainingTargets").values({ officeId: officeB, year: Y, totalHours: 10, digitalHours: 0 }).execute();
  await insertElearning(db, officeB, "B1", 10, `${Y}-02-01`, "approved", "EG-B1");

  // ---- overdue now: a session over three days ago with A3 and A4 still booked (0 hours: it changes no figure).
  const ended = new Date(now.getTime() - 3 * 86_400_000);
  sessionOverdue = await insertSession(db, officeA, "未點名的場次", [{ startsAt: new Date(ended.getTime() - 2 * 3_600_000), endsAt: ended }], 0, [
    { who: "A1", status: "attended" },
    { who: "A3", status: "booked" },
    { who: "A4", status: "booked" },
  ]);
  // Not overdue: a cancelled session with people booked, and one still to come.
  await insertSession(db, officeA, "已取消未點名", [{ startsAt: new Date(ended.getTime() - 2 * 3_600_000), endsAt: ended }], 0, [{ who: "A2", status: "booked" }], "cancelled");
  await insertSession(db, officeA, "下週的場次", [{ startsAt: new Date(now.getTime() + 7 * 86_400_000), endsAt: new Date(now.getTime() + 7 * 86_400_000 + 3_600_000) }], 2, [{ who: "A2", status: "booked" }]);

  // ---- quizzes of A. Questions: two of 戶籍登記, two of 國籍行政, one of 印鑑.
  const c1a = await insertQuestion(db, officeA, "C1A", "戶籍登記");
  const c1b = await insertQuestion(db, officeA, "C1B", "戶籍登記");
  const c2a = await insertQuestion(db, officeA, "C2A", "國籍行政");
  const c2b = await insertQuestion(db, officeA, "C2B", "國籍行政");
  const c3 = await insertQuestion(db, officeA, "C3", "印鑑");
  const four = [c1a, c1b, c2a, c2b];
  const T = true;
  const F = false;

  // QA (Q3, whole office, highest counts, pass 60): A1 50 then 100 → 100; A2 75; A3 25; A4 only started.
  const qa = await insertQuiz(db, officeA, "第三季法令測驗", { opensAt: at(`${Y}-08-01`), closesAt: at(`${Y}-08-31`, "17:00") });
  await insertAttempt(db, officeA, "A1", qa, 1, four, [T, F, T, F], { submittedAt: at(`${Y}-08-02`) });
  await insertAttempt(db, officeA, "A1", qa, 2, four, [T, T, T, T], { submittedAt: at(`${Y}-08-03`) });
  await insertAttempt(db, officeA, "A2", qa, 1, four, [T, T, T, F], { submittedAt: at(`${Y}-08-04`) });
  await insertAttempt(db, officeA, "A3", qa, 1, four, [T, F, F, F], { submittedAt: at(`${Y}-08-05`) });
  await insertAttempt(db, officeA, "A4", qa, 1, four, [F, F, F, F], { state: "in_progress", submittedAt: at(`${Y}-08-06`) });
  // QB (Q3, role committee → A4 only, last counts, pass 80): A4 100 then 50 → 50, a fail.
  const qb = await insertQuiz(db, officeA, "委員加考", { opensAt: at(`${Y}-09-01`), closesAt: at(`${Y}-09-20`), grading: "last", passPercent: 80, audience: "roles", roles: ["committee"] });
  await insertAttempt(db, officeA, "A4", qb, 1, four, [T, T, T, T], { submittedAt: at(`${Y}-09-02`) });
  await insertAttempt(db, officeA, "A4", qb, 2, four, [T, F, T, F], { submittedAt: at(`${Y}-09-03`) });
  // QE (no closing time, opened in Q3 → filed in Q3 by its opening): whole office, nobody took it.
  await insertQuiz(db, officeA, "不限期測驗", { opensAt: at(`${Y}-07-05`), closesAt: null });
  // QF (Q3, named person A1, one 印鑑 question): A1 0 → a fail; 印鑑 has 1 item, under the topic threshold.
  const qf = await insertQuiz(db, officeA, "印鑑小測", { opensAt: at(`${Y}-07-01`), closesAt: at(`${Y}-07-20`), audience: "people", people: ["A1"] });
  await insertAttempt(db, officeA, "A1", qf, 1, [c3], [F], { submittedAt: at(`${Y}-07-02`) });
  // A draft (unpublished) quiz in Q3 never counts, nor does practice.
  const draft = await insertQuiz(db, officeA, "草稿測驗", { opensAt: at(`${Y}-07-01`), closesAt: at(`${Y}-07-30`), published: false });
  await insertAttempt(db, officeA, "A3", draft, 1, four, [F, F, F, F], { submittedAt: at(`${Y}-07-02`) });
  await insertAttempt(db, officeA, "A3", null, 1, four, [F, F, F, F], { kind: "practice", submittedAt: at(`${Y}-08-10`) });
  // QC (Q2, named people A2 and A3): A2 100, A3 did not take it.
  const qc = await insertQuiz(db, officeA, "第二季法令測驗", { opensAt: at(`${Y}-05-01`), closesAt: at(`${Y}-05-31`), people: ["A2", "A3"], audience: "people" });
  await insertAttempt(db, officeA, "A2", qc, 1, four, [T, T, T, T], { submittedAt: at(`${Y}-05-02`) });

  // ---- overdue now: a quiz closed five days ago; A1 submitted, A2 only started, A3 and A4 never opened it.
  quizOverdue = await insertQuiz(db, officeA, "上週截止的測驗", { opensAt: new Date(now.getTime() - 20 * 86_400_000), closesAt: new Date(now.getTime() - 5 * 86_400_000) });
  await insertAttempt(db, officeA, "A1", quizOverdue, 1, four, [T, T, T, T], { submittedAt: new Date(now.getTime() - 10 * 86_400_000) });
  await insertAttempt(db, officeA, "A2", quizOverdue, 1, four, [F, F, F, F], { state: "in_progress", submittedAt: new Date(now.getTime() - 9 * 86_400_000) });
  // Closed 40 days ago with nobody taking it: past the 30 days, no longer listed.
  await insertQuiz(db, officeA, "四十天前截止", { opensAt: new Date(now.getTime() - 60 * 86_400_000), closesAt: new Date(now.getTime() - 40 * 86_400_000) });

  // ---- quizzes of B: one Q3 quiz of the whole office, B1 40 (pass 60).
  const b1 = await insertQuestion(db, officeB, "B-1", "戶籍登記");
  const qbB = await insertQuiz(db, officeB, "B所第三季測驗", { opensAt: at(`${Y}-08-01`), closesAt: at(`${Y}-08-15`) });
  await insertAttempt(db, officeB, "B1", qbB, 1, [b1, b1, b1, b1, b1], [T, T, F, F, F], { submittedAt: at(`${Y}-08-02`) });
});

// ---------------------------------------------------------------- helpers for the assertions

function context(officeIds: number[], p: Period): SectionContext {
  return { db: t.db, officeIds, period: p, today, now };
}

function figure(result: SectionResult | undefined, id: string): Figure {
  const f = result?.figures.find((x) => x.id === id);
  expect(f, id).toBeDefined();
  return f!;
}

function list(result: SectionResult | undefined, id: string): RankedList {
  const l = result?.lists.find((x) => x.id === id);
  expect(l, id).toBeDefined();
  return l!;
}

const trendValues = (f: Figure) => f.trend.map((p) => p.value);
const Q3 = () => period(`${Y}-Q3`);

// ---------------------------------------------------------------- learning

describe("learning: hours against the yearly target", () => {
  // Hours by the end of each quarter of Y (A5 is inactive and left out; S3 was cancelled; A1's
  // second report of the same certificate counts once; A2's partly-present 10 h is capped at 5):
  //            Q1 (total/digital)  Q2          Q3
  //   A1       6+8=14 / 8          18 / 8      23 / 8
  //   A2       6 / 0               10 / 0      10+5+6=21 / 6
  //   A3       2.5 / 0             6.5 / 0     6.5+6=12.5 / 0
  //   A4       0 / 0               0 / 0       2 / 2
  // Expected by the end of Q1, Q2, Q3: 3/12, 6/12, 9/12 of 20 h (5, 10, 15) and of 8 h (2, 4, 6).
  //   Q1: A1 on track; A2 behind (digital 0 < 2); A3, A4 behind → 1 of 4 = 25 %; mean 22.5/4 = 5.625 → 5.6 h
  //   Q2: A1 on track; A2 behind (digital 0 < 4); A3, A4 behind → 25 %; mean 34.5/4 = 8.625 → 8.6 h
  //   Q3: A1 done (23 ≥ 20, 8 ≥ 8); A2 on track (21 ≥ 20, digital 6 ≥ 6); A3 behind by 2.5; A4 behind by 13
  //       → 2 of 4 = 50 %; mean 58.5/4 = 14.625 → 14.6 h
  it("gives the share on track, the hours per person, their previous quarter and trend", async () => {
    const result = (await learningSection.compute(context([officeA], Q3()))).get(officeA);
    const onTrack = figure(result, "learning.onTrack");
    expect(onTrack).toMatchObject({ value: 50, numerator: 2, denominator: 4, previous: 25, unit: "percent", higherIsBetter: true });
    expect(onTrack.missingReason).toBeUndefined();
    expect(onTrack.trend.map((p) => p.key)).toEqual([`${Y - 1}-Q2`, `${Y - 1}-Q3`, `${Y - 1}-Q4`, `${Y}-Q1`, `${Y}-Q2`, `${Y}-Q3`]);
    expect(trendValues(onTrack)).toEqual([null, null, null, 25, 25, 50]);

    const perPerson = figure(result, "learning.hoursPerPerson");
    expect(perPerson).toMatchObject({ value: 14.6, previous: 8.6, target: 20, unit: "hours" });
    expect(trendValues(perPerson)).toEqual([null, null, null, 5.6, 8.6, 14.6]);
  });

  it("lists who is behind, furthest behind first, with the hours they have", async () => {
    const result = (await learningSection.compute(context([officeA], Q3()))).get(officeA);
    const behind = list(result, "learning.behind");
    expect(behind.rows.map((r) => [r.label, r.value])).toEqual([
      ["同仁A4", 2],
      ["同仁A3", 12.5],
    ]);
    expect(behind.rows[0].note).toContain("13");
    expect(behind.rows[0].href).toBe(`/training/roster?year=${Y}&behind=1`);
  });

  it("judges a finished year against the whole target", async () => {
    // End of Y: 20 h and 8 h expected. A1 done; A2 21 h but digital 6 < 8 → behind; A3, A4 behind.
    const result = (await learningSection.compute(context([officeA], period(String(Y))))).get(officeA);
    expect(figure(result, "learning.onTrack")).toMatchObject({ value: 25, numerator: 1, denominator: 4 });
    expect(figure(result, "learning.hoursPerPerson").value).toBe(14.6);
  });

  it("opens the whole roster behind the figure, and it agrees with the hours roster", async () => {
    const table = await learningSection.detail({ db: t.db, officeId: officeA, period: Q3(), today, now }, "learning.onTrack");
    expect(table?.rows.map((r) => [r.name, r.totalHours, r.digitalHours, r.expectedHours, r.targetHours, r.judgement])).toEqual([
      ["同仁A1", 23, 8, 15, 20, PROGRESS_JUDGEMENT_LABELS.done],
      ["同仁A2", 21, 6, 15, 20, PROGRESS_JUDGEMENT_LABELS.on_track],
      ["同仁A3", 12.5, 0, 15, 20, PROGRESS_JUDGEMENT_LABELS.behind],
      ["同仁A4", 2, 2, 15, 20, PROGRESS_JUDGEMENT_LABELS.behind],
    ]);
    expect(table?.rows[0].nameHref).toBe(`/training/roster?year=${Y}`);
    const behind = await learningSection.detail({ db: t.db, officeId: officeA, period: Q3(), today, now }, "learning.behind");
    expect(behind?.rows.map((r) => r.name)).toEqual(["同仁A4", "同仁A3"]);

    // The whole of Y, computed by the roster page's own code (hoursRoster), judges everyone the same.
    const year = await learningSection.detail({ db: t.db, officeId: officeA, period: period(String(Y)), today, now }, "learning.hoursPerPerson");
    const roster = await hoursRoster(t.db, officeA, Y, now);
    expect(year?.rows.map((r) => [r.employeeNo, r.totalHours, r.digitalHours, r.judgement])).toEqual(
      roster.rows.map((r) => [r.employeeNo, r.totalHours, r.digitalHours, PROGRESS_JUDGEMENT_LABELS[r.progress.judgement]]),
    );
  });

  it("judges the running year at today as the roster page does, on the demo office", async () => {
    const fubei = await officeIdOf(t.db, "FUBEI");
    const thisYear = period(today.slice(0, 4));
    // The seed spreads its hours over the last 240 days: make sure this year has one, even on 1 January.
    ids.FB001 = await userIdOf(t.db, "FB001");
    await insertElearning(t.db, fubei, "FB001", 1.5, today, "approved", "DASH-TODAY");
    const table = await learningSection.detail({ db: t.db, officeId: fubei, period: thisYear, today, now }, "learning.onTrack");
    const roster = await hoursRoster(t.db, fubei, Number(today.slice(0, 4)), now);
    expect(table?.rows.length).toBeGreaterThan(0);
    expect(table?.rows.map((r) => [r.employeeNo, r.totalHours, r.digitalHours, r.judgement])).toEqual(
      roster.rows.map((r) => [r.employeeNo, r.totalHours, r.digitalHours, PROGRESS_JUDGEMENT_LABELS[r.progress.judgement]]),
    );
    const figures = (await learningSection.compute(context([fubei], thisYear))).get(fubei)!;
    const notBehind = roster.rows.filter((r) => r.progress.judgement !== "behind").length;
    expect(figure(figures, "learning.onTrack")).toMatchObject({ numerator: notBehind, denominator: roster.rows.length });
  });

  it("lists sessions that are over with people still booked", async () => {
    const result = (await learningSection.compute(context([officeA], Q3()))).get(officeA);
    const sessionItems = result!.overdue.filter((o) => o.kind === "sessionAttendance");
    expect(sessionItems).toEqual([
      {
        kind: "sessionAttendance",
        title: "未點名的場次",
        count: 2,
        since: taipeiDate(new Date(now.getTime() - 3 * 86_400_000)),
        daysOverdue: 3,
        href: `/training/${sessionOverdue}`,
        note: "同仁A3、同仁A4",
      },
    ]);
  });
});

// ---------------------------------------------------------------- quizzes

describe("quizzes: participation, scores and weakest topics", () => {
  // Q3 of Y (by closing date; 不限期測驗 by its opening date):
  //   第三季法令測驗 audience A1–A4 (4), took 3; counted 100, 75, 25 (pass 60: 2)
  //   委員加考      audience A4 (1), took 1; counted the last, 50 (pass 80: 0)
  //   不限期測驗    audience 4, took 0
  //   印鑑小測      audience A1 (1), took 1; 0 (pass 60: 0)
  //   → participation 5 of 10 = 50 %; mean (100+75+25+50+0)/5 = 50; pass rate 2 of 5 = 40 %.
  // Q2: 第二季法令測驗 audience A2, A3, took 1 (100, pass) → 50 %, mean 100, pass rate 100 %.
  it("gives participation, the mean and the pass rate with their previous quarter and trend", async () => {
    const result = (await quizzesSection.compute(context([officeA], Q3()))).get(officeA);
    expect(figure(result, "quizzes.participation")).toMatchObject({ value: 50, numerator: 5, denominator: 10, previous: 50, unit: "percent" });
    expect(figure(result, "quizzes.meanScore")).toMatchObject({ value: 50, previous: 100, unit: "score" });
    expect(figure(result, "quizzes.passRate")).toMatchObject({ value: 40, numerator: 2, denominator: 5, previous: 100 });
    expect(trendValues(figure(result, "quizzes.participation"))).toEqual([null, null, null, null, 50, 50]);
    expect(trendValues(figure(result, "quizzes.meanScore"))).toEqual([null, null, null, null, 100, 50]);
    expect(trendValues(figure(result, "quizzes.passRate"))).toEqual([null, null, null, null, 100, 40]);
  });

  it("ranks the weakest topics of the period's quizzes, leaving out topics with too few answers", async () => {
    // Every submitted attempt of 第三季法令測驗 and 委員加考 (six attempts × 2 questions per topic = 12 items each):
    //   戶籍登記 right 1+2+2+1+2+1 = 9 of 12 = 75 %; 國籍行政 1+2+1+0+2+1 = 7 of 12 = 58.3 %; 印鑑 1 item: left out.
    const result = (await quizzesSection.compute(context([officeA], Q3()))).get(officeA);
    const weakest = list(result, "quizzes.weakestTopics");
    expect(weakest.rows.map((r) => [r.label, r.value])).toEqual([
      ["國籍行政", 58.3],
      ["戶籍登記", 75],
    ]);
    const table = await quizzesSection.detail({ db: t.db, officeId: officeA, period: Q3(), today, now }, "quizzes.weakestTopics");
    expect(table?.rows).toEqual([
      { category: "國籍行政", items: 12, facility: 58.3 },
      { category: "戶籍登記", items: 12, facility: 75 },
    ]);
  });

  it("opens the quizzes behind the figures", async () => {
    const table = await quizzesSection.detail({ db: t.db, officeId: officeA, period: Q3(), today, now }, "quizzes.participation");
    expect(table?.rows.map((r) => [r.title, r.audience, r.took, r.participation, r.meanScore, r.passRate])).toEqual([
      ["不限期測驗", 4, 0, 0, null, null],
      ["印鑑小測", 1, 1, 100, 0, 0],
      ["第三季法令測驗", 4, 3, 75, 66.7, 66.7],
      ["委員加考", 1, 1, 100, 50, 0],
    ]);
    expect(table?.rows[2].titleHref).toMatch(/^\/quizzes\/\d+\/stats$/);
    expect(table?.rows[2].filedOn).toBe(`${Y}-08-31`);
  });

  it("lists quizzes closed in the last 30 days that people never submitted", async () => {
    const result = (await quizzesSection.compute(context([officeA], Q3()))).get(officeA);
    const closedOn = taipeiDate(new Date(now.getTime() - 5 * 86_400_000));
    expect(result!.overdue).toEqual([
      { kind: "quizNotTaken", title: "上週截止的測驗", count: 3, since: closedOn, daysOverdue: 5, href: `/quizzes/${quizOverdue}/stats`, note: "同仁A2、同仁A3、同仁A4" },
    ]);
  });
});

// ---------------------------------------------------------------- empty periods, several offices, unknown ids

describe("periods without data and several offices at once", () => {
  it("gives empty figures, not errors or zeros, for a period with no data", async () => {
    const quiet = period(String(Y - 8));
    const learning = (await learningSection.compute(context([officeA], quiet))).get(officeA)!;
    const quizzes = (await quizzesSection.compute(context([officeA], quiet))).get(officeA)!;
    for (const f of [...learning.figures, ...quizzes.figures]) {
      expect(f.value, f.id).toBeNull();
      expect(f.missingReason, f.id).toBe("noData");
      expect(f.trend.every((p) => p.value === null), f.id).toBe(true);
    }
    expect(list(learning, "learning.behind").rows).toEqual([]);
    expect(list(quizzes, "quizzes.weakestTopics").rows).toEqual([]);
    expect((await learningSection.detail({ db: t.db, officeId: officeA, period: quiet, today, now }, "learning.onTrack"))?.rows).toEqual([]);
    expect((await quizzesSection.detail({ db: t.db, officeId: officeA, period: quiet, today, now }, "quizzes.passRate"))?.rows).toEqual([]);
  });

  it("gives nothing for a period that has not begun", async () => {
    const next = period(String(Number(today.slice(0, 4)) + 1));
    const learning = (await learningSection.compute(context([officeA], next))).get(officeA)!;
    expect(figure(learning, "learning.onTrack").value).toBeNull();
    expect(figure(learning, "learning.hoursPerPerson").value).toBeNull();
  });

  it("keeps two offices computed in one call apart", async () => {
    // B in Q3 of Y: target 10 h, none digital, expected 7.5 h by the end of Q3. B1 10 h → done; B2 0 → behind.
    // B's quiz: audience B1, B2; B1 40 (pass 60) → participation 50 %, mean 40, pass rate 0 %.
    const both = await learningSection.compute(context([officeA, officeB], Q3()));
    const alone = await learningSection.compute(context([officeA], Q3()));
    expect(both.get(officeA)).toEqual(alone.get(officeA));
    expect(figure(both.get(officeB), "learning.onTrack")).toMatchObject({ value: 50, numerator: 1, denominator: 2 });
    expect(figure(both.get(officeB), "learning.hoursPerPerson")).toMatchObject({ value: 5, target: 10 });
    expect(list(both.get(officeB), "learning.behind").rows.map((r) => r.label)).toEqual(["同仁B2"]);
    expect(both.get(officeB)!.overdue).toEqual([]);

    const quizzesBoth = await quizzesSection.compute(context([officeA, officeB], Q3()));
    const quizzesAlone = await quizzesSection.compute(context([officeA], Q3()));
    expect(quizzesBoth.get(officeA)).toEqual(quizzesAlone.get(officeA));
    expect(figure(quizzesBoth.get(officeB), "quizzes.participation")).toMatchObject({ value: 50, numerator: 1, denominator: 2 });
    expect(figure(quizzesBoth.get(officeB), "quizzes.meanScore").value).toBe(40);
    expect(figure(quizzesBoth.get(officeB), "quizzes.passRate")).toMatchObject({ value: 0, numerator: 0, denominator: 1 });
    // B's quiz has 5 items of 戶籍登記 only: under the threshold of 10.
    expect(list(quizzesBoth.get(officeB), "quizzes.weakestTopics").rows).toEqual([]);
  });

  it("answers an office without staff or records with empty figures", async () => {
    const { id: empty } = await t.db.insertInto("offices").values({ code: "DLC", name: "空白戶政事務所", shortName: "DLC", kind: "district" }).returning("id").executeTakeFirstOrThrow();
    const learning = await learningSection.compute(context([officeA, empty], Q3()));
    expect(figure(learning.get(empty), "learning.onTrack")).toMatchObject({ value: null, missingReason: "noData" });
    const quizzes = await quizzesSection.compute(context([empty], Q3()));
    expect(figure(quizzes.get(empty), "quizzes.participation")).toMatchObject({ value: null, missingReason: "noData" });
  });

  it("knows only its own figures", async () => {
    const ctx = { db: t.db, officeId: officeA, period: Q3(), today, now };
    expect(await learningSection.detail(ctx, "quizzes.passRate")).toBeNull();
    expect(await quizzesSection.detail(ctx, "learning.onTrack")).toBeNull();
  });
});
