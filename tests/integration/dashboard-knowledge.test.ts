// The dashboard's knowledge and survey sections (issue 9) against a small fixture built here, with
// every expected figure computed by hand: new and most-read cases, the clipping acknowledgement rate,
// unread circulations past due, the survey index against the previous round and the response rate.
// A round under its anonymity threshold shows no index anywhere; a period without data is empty, not
// an error; two offices computed in one call stay apart. Dates are relative to today: the chosen
// period is the quarter before the running one, so every due date in it has passed.
import { beforeAll, describe, expect, it } from "vitest";
import { addDays, periodOf, taipeiDate, taipeiInstant, type Period } from "~/modules/counters/periods";
import { previousPeriod } from "~/modules/dashboard/dashboard-period";
import type { Figure, SectionResult } from "~/modules/dashboard/figure";
import type { SectionContext } from "~/modules/dashboard/section";
import { knowledgeSection } from "~/modules/dashboard/sections/knowledge.server";
import { surveysSection } from "~/modules/dashboard/sections/surveys.server";
import { messagesOf } from "~/i18n/i18n";
import { roundPeriodLabel } from "~/modules/surveys/response-rate";
import type { SurveyTemplate } from "~/modules/surveys/template";
import { useTestDatabase } from "../helpers/db";

const t = useTestDatabase();

const now = new Date();
const today = taipeiDate(now);
/** The chosen period: the last whole quarter. */
const P = previousPeriod(periodOf(today, "quarter"));
/** The quarter before it: the "previous" of every figure. */
const PP = previousPeriod(P);
/** Ten years back: nothing happened then. */
const EMPTY = periodOf(`${Number(today.slice(0, 4)) - 10}-06-15`, "year");

const ids = { officeA: 0, officeB: 0, users: {} as Record<string, number>, cases: {} as Record<string, number>, clippings: {} as Record<string, number>, rounds: {} as Record<string, number> };

const context = (officeIds: number[], period: Period): SectionContext => ({ db: t.db, officeIds, period, today, now });
const detailContext = (officeId: number, period: Period) => ({ db: t.db, officeId, period, today, now });
const figure = (result: SectionResult | undefined, id: string): Figure => {
  const found = result?.figures.find((f) => f.id === id);
  if (!found) throw new Error(`no figure ${id}`);
  return found;
};
const noon = (date: string) => taipeiInstant(date, "12:00");

// ------------------------------------------------------------------------------ the survey fixture

const TEMPLATE: SurveyTemplate = {
  title: "測試問卷",
  sections: [
    {
      id: "env",
      title: "工作環境",
      questions: [
        { id: "env-1", kind: "likert5", text: "我的辦公環境整潔。", required: true },
        { id: "env-2", kind: "likert5", text: "設備足以完成工作。", required: true },
      ],
    },
    { id: "lead", title: "主管領導", questions: [{ id: "lead-1", kind: "likert5", text: "主管會給予支持。", required: true }] },
  ],
};

/** One response per index: answers[i] = [env-1, env-2, lead-1]. */
const responses = (rows: [number, number, number][]) => rows.map(([a, b, c]) => ({ "env-1": a, "env-2": b, "lead-1": c }));

/**
 * R0 (6 answers): env-1 favourable 3/6 = 50, env-2 5/6 = 83.33…, env = 66.67; lead-1 6/6 = 100; overall 83.3.
 * R1 (5 answers): env-1 3/5 = 60, env-2 5/5 = 100, env = 80; lead-1 2/5 = 40; overall 60.
 * R2 (3 answers, threshold 5): all 5s — would be 100, and must show nowhere.
 */
const R0 = responses([[5, 5, 4], [4, 5, 4], [4, 5, 4], [3, 5, 4], [2, 4, 4], [1, 1, 4]]);
const R1 = responses([[5, 4, 1], [5, 4, 2], [4, 4, 3], [2, 4, 4], [1, 4, 5]]);
const R2 = responses([[5, 5, 5], [5, 5, 5], [5, 5, 5]]);

/** The half-years of the rounds: R2 in the half containing P, R1 and R0 in the two before. */
const H2 = periodOf(P.first, "half_year");
const H1 = previousPeriod(H2);
const H0 = previousPeriod(H1);
const halfOf = (p: Period) => ({ year: Number(p.first.slice(0, 4)), half: (p.first.slice(5, 7) === "01" ? 1 : 2) as 1 | 2 });

beforeAll(async () => {
  const db = t.db;
  // Two small offices of our own, so the demo seed's records stay out of the figures.
  for (const [key, code] of [["officeA", "KNA"], ["officeB", "KNB"]] as const) {
    const { id } = await db.insertInto("offices").values({ code, name: `測試${code}戶政事務所`, shortName: `測${code}所`, kind: "district" }).returning("id").executeTakeFirstOrThrow();
    ids[key] = id;
  }
  const people: [string, "officeA" | "officeB", string, boolean][] = [
    ["a1", "officeA", "甲一", true],
    ["a2", "officeA", "甲二", true],
    ["a3", "officeA", "甲三", true],
    ["a4", "officeA", "甲四", true],
    ["a5", "officeA", "甲五", false], // has left: counted as a recipient, never chased as overdue
    ["b1", "officeB", "乙一", true],
  ];
  for (const [key, office, name, active] of people) {
    const { id } = await db
      .insertInto("users")
      .values({ officeId: ids[office], employeeNo: `KN-${key}`, name, title: "課員", passwordHash: "x", active })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db.insertInto("userRoles").values({ userId: id, officeId: ids[office], role: "staff" }).execute();
    ids.users[key] = id;
  }
  const u = ids.users;

  // ---- cases
  const addCase = async (key: string, office: "officeA" | "officeB", state: "draft" | "published" | "archived", publishedAt: Date | null, category = "birth") => {
    const { id } = await db
      .insertInto("kbCases")
      .values({ officeId: ids[office], title: `案例${key}`, category, legalBasis: "[]", tags: "[]", authorId: office === "officeA" ? u.a1 : u.b1, state, publishedAt })
      .returning("id")
      .executeTakeFirstOrThrow();
    ids.cases[key] = id;
  };
  await addCase("c1", "officeA", "published", noon(addDays(P.first, 10)), "death");
  // 00:30 on the first day in Taipei is still the day before in UTC: it belongs to P.
  await addCase("c2", "officeA", "archived", taipeiInstant(P.first, "00:30"));
  await addCase("c3", "officeA", "published", noon(addDays(PP.first, 5)));
  await addCase("c4", "officeA", "draft", null);
  await addCase("cb", "officeB", "published", noon(addDays(P.first, 3)));
  const read = (caseKey: string, userKey: string, firstAt: Date, lastAt: Date, count: number) =>
    db.insertInto("kbCaseReads").values({ caseId: ids.cases[caseKey], userId: u[userKey], firstAt, lastAt, count }).execute();
  await read("c1", "a1", noon(addDays(P.first, 12)), noon(addDays(P.first, 12)), 1); // first reading in P
  await read("c1", "a2", noon(addDays(PP.first, 1)), noon(addDays(P.first, 20)), 3); // latest reading in P
  await read("c1", "a3", noon(addDays(PP.first, 1)), noon(addDays(PP.first, 2)), 2); // only in PP: not counted
  await read("c2", "a1", noon(addDays(P.first, 2)), noon(addDays(P.first, 2)), 1); // archived since: not listed
  for (const who of ["a1", "a2", "a3", "a4"]) await read("c3", who, noon(addDays(P.first, 30)), noon(addDays(P.first, 40)), 2);
  await read("cb", "b1", noon(addDays(P.first, 5)), noon(addDays(P.first, 5)), 1);

  // ---- clippings and circulations
  const addClipping = async (key: string, office: "officeA" | "officeB", version: number) => {
    const { id } = await db
      .insertInto("clippings")
      .values({ officeId: ids[office], title: `剪報${key}`, outlet: "中央社", publishedOn: PP.first, summary: "摘要", tags: "[]", version })
      .returning("id")
      .executeTakeFirstOrThrow();
    ids.clippings[key] = id;
  };
  await addClipping("k1", "officeA", 2); // edited in substance once: version 1 acknowledgements no longer count
  await addClipping("k2", "officeA", 1);
  await addClipping("kb", "officeB", 1);
  const circulate = async (clipping: string, office: "officeA" | "officeB", kind: "mandatory" | "information", dueOn: string | null, receipts: [string, number | null][], closed = false) => {
    const { id } = await db
      .insertInto("circulations")
      .values({ clippingId: ids.clippings[clipping], officeId: ids[office], kind, dueOn, closed, audienceRoles: "[]", audienceUserIds: "[]", createdAt: noon(addDays(P.first, 1)) })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db
      .insertInto("circulationRecipients")
      .values(receipts.map(([who, version]) => ({ circulationId: id, userId: u[who], acknowledgedVersion: version, acknowledgedAt: version === null ? null : noon(addDays(P.first, 2)) })))
      .execute();
  };
  // m1, due in P: a1 and a4 acknowledged version 2; a2 only version 1; a3 and a5 (left) nothing → 2 of 5.
  await circulate("k1", "officeA", "mandatory", addDays(P.first, 20), [["a1", 2], ["a2", 1], ["a3", null], ["a4", 2], ["a5", null]]);
  // m4, due in P and closed since: a2 acknowledged → P is 3 of 6 = 50%.
  await circulate("k2", "officeA", "mandatory", addDays(P.first, 25), [["a2", 1]], true);
  // m2, due in PP: both acknowledged → 100% (the previous value).
  await circulate("k2", "officeA", "mandatory", addDays(PP.first, 20), [["a1", 1], ["a2", 1]]);
  // 參閱 created in P: no due date, never in the rate.
  await circulate("k2", "officeA", "information", null, [["a3", null]]);
  // Due today: still in time, neither in the rate nor overdue.
  await circulate("k2", "officeA", "mandatory", today, [["a4", null]]);
  // Office B: due in P, nobody acknowledged → 0 of 1.
  await circulate("kb", "officeB", "mandatory", addDays(P.first, 15), [["b1", null]]);

  // ---- survey rounds of office A (closed), with their participation and anonymous answers
  const addRound = async (key: string, half: Period, closesOn: string, answers: Record<string, number>[], audience: number) => {
    const { year, half: h } = halfOf(half);
    const { id } = await db
      .insertInto("surveyRounds")
      .values({
        officeId: ids.officeA,
        title: `${roundPeriodLabel(year, h)}員工滿意度調查`,
        year,
        half: h,
        template: JSON.stringify(TEMPLATE),
        demographics: "[]",
        thresholds: JSON.stringify({ scores: 5, comments: 10 }),
        opensOn: addDays(closesOn, -14),
        closesOn,
        state: "closed",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    ids.rounds[key] = id;
    const staff = ["a1", "a2", "a3", "a4", "a5", "b1", "x", "y"].slice(0, audience);
    // Participation needs real users: reuse office A's people and add placeholders as needed.
    for (let i = 0; i < audience; i++) {
      let userId = u[staff[i]];
      if (!userId || staff[i] === "b1") {
        const created = await db
          .insertInto("users")
          .values({ officeId: ids.officeA, employeeNo: `KN-${key}-${i}`, name: `臨${i}`, title: "課員", passwordHash: "x", active: false })
          .returning("id")
          .executeTakeFirstOrThrow();
        userId = created.id;
      }
      await db.insertInto("surveyParticipation").values({ roundId: id, userId, submitted: i < answers.length }).execute();
    }
    for (const a of answers) await db.insertInto("surveyResponses").values({ id: crypto.randomUUID(), roundId: id, answers: JSON.stringify(a), demographics: "{}" }).execute();
  };
  await addRound("R0", H0, addDays(H0.last, -10), R0, 7); // 6 of 7 answered
  await addRound("R1", H1, addDays(H1.last, -10), R1, 8); // 5 of 8
  await addRound("R2", H2, addDays(P.first, 10), R2, 4); // 3 of 4, under the threshold of 5
});

// ------------------------------------------------------------------------------ knowledge

describe("knowledge section", () => {
  it("counts new cases by Taipei publication date, with previous and trend, per office", async () => {
    const result = await knowledgeSection.compute(context([ids.officeA, ids.officeB], P));
    const a = figure(result.get(ids.officeA), "knowledge.newCases");
    // c1 and c2 (archived since, published at 00:30 Taipei on P's first day) in P; c3 in PP; the draft never.
    expect(a).toMatchObject({ value: 2, previous: 1, unit: "count" });
    expect(a.missingReason).toBeUndefined();
    expect(a.trend).toHaveLength(6);
    expect(a.trend.at(-1)).toEqual({ key: P.key, label: P.label, value: 2 });
    expect(a.trend.at(-2)).toEqual({ key: PP.key, label: PP.label, value: 1 });
    expect(a.trend[0].value).toBeNull();
    // Office B's case stays B's.
    expect(figure(result.get(ids.officeB), "knowledge.newCases")).toMatchObject({ value: 1, previous: null });
  });

  it("lists the most-read published cases by distinct readers in the period", async () => {
    const result = await knowledgeSection.compute(context([ids.officeA, ids.officeB], P));
    const list = result.get(ids.officeA)!.lists.find((l) => l.id === "knowledge.mostRead")!;
    // c3: four readers in P; c1: a1 (first reading in P) and a2 (latest reading in P), not a3 (only PP);
    // c2 is archived; office B's case is B's.
    expect(list.rows.map((r) => [r.label, r.value, r.href])).toEqual([
      ["案例c3", 4, `/cases/${ids.cases.c3}`],
      ["案例c1", 2, `/cases/${ids.cases.c1}`],
    ]);
    expect(list.rows[1].note).toBe("死亡");
    const listB = result.get(ids.officeB)!.lists.find((l) => l.id === "knowledge.mostRead")!;
    expect(listB.rows.map((r) => [r.label, r.value])).toEqual([["案例cb", 1]]);
  });

  it("computes the acknowledgement rate of mandatory circulations due in the period", async () => {
    const result = await knowledgeSection.compute(context([ids.officeA, ids.officeB], P));
    const a = figure(result.get(ids.officeA), "clippings.ackRate");
    // m1 2 of 5 (version 1 does not count for version 2) + m4 1 of 1 (closed still counts) = 3 of 6.
    expect(a).toMatchObject({ value: 50, numerator: 3, denominator: 6, previous: 100, unit: "percent", higherIsBetter: true });
    expect(a.trend.at(-2)).toEqual({ key: PP.key, label: PP.label, value: 100 });
    // Office B: nobody acknowledged is 0 %, a real figure, not "no data".
    const b = figure(result.get(ids.officeB), "clippings.ackRate");
    expect(b).toMatchObject({ value: 0, numerator: 0, denominator: 1 });
    expect(b.missingReason).toBeUndefined();
  });

  it("lists unread circulations past their due date, active recipients only", async () => {
    const result = await knowledgeSection.compute(context([ids.officeA, ids.officeB], P));
    const due = addDays(P.first, 20);
    const days = Math.round((Date.parse(today) - Date.parse(due)) / 86_400_000);
    // m1 only: a2 (acknowledged an older version) and a3; a5 has left. m2 is all done, m4 closed, the
    // circulation due today is still in time.
    expect(result.get(ids.officeA)!.overdue).toEqual([
      { kind: "circulationUnread", title: "剪報k1", count: 2, since: addDays(due, 1), daysOverdue: days, href: `/clippings/${ids.clippings.k1}`, note: "未確認：甲三、甲二" },
    ]);
    expect(result.get(ids.officeB)!.overdue.map((o) => [o.title, o.count])).toEqual([["剪報kb", 1]]);
  });

  it("shows an empty state for a period without data", async () => {
    const result = await knowledgeSection.compute(context([ids.officeA], EMPTY));
    const office = result.get(ids.officeA)!;
    for (const id of ["knowledge.newCases", "clippings.ackRate"]) {
      const f = figure(office, id);
      expect(f.value, id).toBeNull();
      expect(f.missingReason, id).toBe("noData");
      expect(f.trend.every((p) => p.value === null), id).toBe(true);
    }
    expect(office.lists[0].rows).toEqual([]);
    const table = await knowledgeSection.detail(detailContext(ids.officeA, EMPTY), "clippings.ackRate");
    expect(table?.rows).toEqual([]);
  });

  it("opens the tables behind each figure", async () => {
    const cases = await knowledgeSection.detail(detailContext(ids.officeA, P), "knowledge.newCases");
    expect(cases!.rows.map((r) => [r.title, r.titleHref, r.state, r.readers])).toEqual([
      ["案例c1", `/cases/${ids.cases.c1}`, "已發布", 3],
      ["案例c2", `/cases/${ids.cases.c2}`, "已封存", 1],
    ]);
    expect(cases!.rows[1].publishedOn).toBe(P.first);

    const read = await knowledgeSection.detail(detailContext(ids.officeA, P), "knowledge.mostRead");
    expect(read!.rows.map((r) => [r.title, r.readers, r.reads])).toEqual([
      ["案例c3", 4, 8],
      ["案例c1", 2, 4],
    ]);

    const acks = await knowledgeSection.detail(detailContext(ids.officeA, P), "clippings.ackRate");
    expect(acks!.rows).toEqual([
      { title: "剪報k1", titleHref: `/clippings/${ids.clippings.k1}`, dueOn: addDays(P.first, 20), recipients: 5, acknowledged: 2, pending: 3, rate: 40 },
      { title: "剪報k2", titleHref: `/clippings/${ids.clippings.k2}`, dueOn: addDays(P.first, 25), recipients: 1, acknowledged: 1, pending: 0, rate: 100 },
    ]);
    // Office B's circulation is not in A's table, and an unknown figure has no table.
    expect(acks!.rows.some((r) => r.title === "剪報kb")).toBe(false);
    expect(await knowledgeSection.detail(detailContext(ids.officeA, P), "knowledge.nothing")).toBeNull();
  });
});

// ------------------------------------------------------------------------------ surveys

describe("surveys section", () => {
  const r0 = () => halfOf(H0);
  const r1 = () => halfOf(H1);
  const r2 = () => halfOf(H2);
  const key = (h: { year: number; half: 1 | 2 }) => `${h.year}-H${h.half}`;

  it("shows the latest closed round's index against the one before it", async () => {
    // In PP, R2 has not closed yet: R1 is the latest, R0 the previous.
    const result = await surveysSection.compute(context([ids.officeA, ids.officeB], PP));
    const index = figure(result.get(ids.officeA), "surveys.index");
    expect(index).toMatchObject({ value: 60, previous: 83.3, unit: "percent", higherIsBetter: true });
    expect(index.missingReason).toBeUndefined();
    expect(index.trend).toEqual([
      { key: key(r0()), label: roundPeriodLabel(r0().year, r0().half), value: 83.3 },
      { key: key(r1()), label: roundPeriodLabel(r1().year, r1().half), value: 60 },
    ]);
    const rate = figure(result.get(ids.officeA), "surveys.responseRate");
    expect(rate).toMatchObject({ value: 62.5, numerator: 5, denominator: 8, previous: 85.7 });
    // Office B has no survey at all.
    for (const id of ["surveys.index", "surveys.responseRate"]) {
      expect(figure(result.get(ids.officeB), id)).toMatchObject({ value: null, missingReason: "noData", trend: [] });
    }
  });

  it("compares section by section in the table behind the index", async () => {
    const table = await surveysSection.detail(detailContext(ids.officeA, PP), "surveys.index");
    expect(table!.rows.map((r) => [r.section, r.current, r.previous, r.change])).toEqual([
      ["工作環境", 80, 66.7, 13.3],
      ["主管領導", 40, 100, -60],
      ["整體指數", 60, 83.3, -23.3],
    ]);
    expect(table!.rows[2].note).toBe("較上期下降 23.3 個百分點。");
  });

  it("withholds a round under its threshold everywhere: figure, trend and tables", async () => {
    const result = await surveysSection.compute(context([ids.officeA], P));
    const index = figure(result.get(ids.officeA), "surveys.index");
    expect(index).toMatchObject({ value: null, missingReason: "belowThreshold", previous: 60 });
    expect(index.trend.map((p) => [p.key, p.value])).toEqual([
      [key(r0()), 83.3],
      [key(r1()), 60],
      [key(r2()), null],
    ]);
    // The response rate is a count and reveals no answer: 3 of 4.
    expect(figure(result.get(ids.officeA), "surveys.responseRate")).toMatchObject({ value: 75, numerator: 3, denominator: 4 });

    const table = await surveysSection.detail(detailContext(ids.officeA, P), "surveys.index");
    expect(table!.rows.every((r) => r.current === null && r.change === null)).toBe(true);
    expect(table!.rows.some((r) => String(r.note).includes("回覆人數未達 5 人"))).toBe(true);
    const rounds = await surveysSection.detail(detailContext(ids.officeA, P), "surveys.responseRate");
    expect(rounds!.rows.map((r) => [r.round, r.responded, r.audience, r.rate, r.index])).toEqual([
      [`${roundPeriodLabel(r2().year, r2().half)}員工滿意度調查`, 3, 4, 75, null],
      [`${roundPeriodLabel(r1().year, r1().half)}員工滿意度調查`, 5, 8, 62.5, 60],
      [`${roundPeriodLabel(r0().year, r0().half)}員工滿意度調查`, 6, 7, 85.7, 83.3],
    ]);
    expect(rounds!.rows[0].roundHref).toBe(`/surveys/${ids.rounds.R2}/results`);
    // R2 would score 100 in every section: that figure appears nowhere.
    const everything = JSON.stringify([result.get(ids.officeA), table, rounds]);
    expect(everything).not.toMatch(/[:,\[]100[,}\]]/);
  });

  it("shows an empty state for a period before any survey", async () => {
    const result = await surveysSection.compute(context([ids.officeA], EMPTY));
    expect(figure(result.get(ids.officeA), "surveys.index")).toMatchObject({ value: null, missingReason: "noData" });
    const table = await surveysSection.detail(detailContext(ids.officeA, EMPTY), "surveys.index");
    expect(table!.rows).toEqual([]);
  });
});

describe("every office at once", () => {
  it("gives each office of the bureau's view its own entry in one call, demo offices included", async () => {
    const offices = (await t.db.selectFrom("offices").select("id").execute()).map((o) => o.id);
    const fubei = (await t.db.selectFrom("offices").select("id").where("code", "=", "FUBEI").executeTakeFirstOrThrow()).id;
    const thisYear = periodOf(today, "year");
    for (const section of [knowledgeSection, surveysSection]) {
      const result = await section.compute(context(offices, thisYear));
      expect([...result.keys()].sort((a, b) => a - b)).toEqual([...offices].sort((a, b) => a - b));
    }
    // The demo office publishes its cases when seeded (seeds/demo-knowledge.ts): this year, not in our fixture's counts.
    const mine = await knowledgeSection.compute(context([fubei, ids.officeA], thisYear));
    expect(figure(mine.get(fubei), "knowledge.newCases").value).toBeGreaterThan(0);
    expect(figure(mine.get(ids.officeA), "knowledge.newCases").value).toBe(P.first.slice(0, 4) === thisYear.key ? 2 + (PP.first.slice(0, 4) === thisYear.key ? 1 : 0) : null);
  });
});

describe("messages", () => {
  it("gives every figure a title and a definition in both languages", () => {
    const zh = messagesOf("zh-TW") as Record<string, string>;
    const en = messagesOf("en") as Record<string, string>;
    for (const id of ["knowledge.newCases", "knowledge.mostRead", "clippings.ackRate", "surveys.index", "surveys.responseRate"]) {
      for (const part of ["title", "definition"]) {
        expect(zh[`dashboard.${id}.${part}`], id).toBeTruthy();
        expect(en[`dashboard.${id}.${part}`], id).toBeTruthy();
      }
    }
  });
});
