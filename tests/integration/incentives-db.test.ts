// Incentive scoring on a real database through the module and the pages (issue 8, "Incentive
// scoring" and its Tests): rule versioning (a period scored before and after a rule change keeps its
// points), caps, approval gating, period close with a later adjustment, entries from the demo seed's
// proposal grade (「戶籍謄本線上預約、臨櫃快速取件」, 甲), idempotent generation, CSV line errors,
// role and office checks. Dates are in 2026; 「now」 is passed to the commands so closings are fixed.
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { getCurrentUser, type CurrentUser } from "~/modules/auth/session.server";
import { importQueue, rankingFor, saveCaseType } from "~/modules/counters/counters.server";
import { periodOf } from "~/modules/counters/periods";
import { guessMapping, parseCsvRows } from "~/modules/counters/queue-csv";
import { DomainError } from "~/modules/domain-error";
import {
  addEntry,
  applyExampleRules,
  closePeriod,
  decideEntry,
  generateFromCounterRanking,
  generateFromProposalGrades,
  getFrozenScoreboard,
  importEntriesCsv,
  listEntries,
  listRules,
  myPoints,
  saveRuleVersion,
  scoreboardFor,
  type EntryInput,
} from "~/modules/incentives/incentives.server";
import * as boardRoute from "~/routes/incentives._index";
import * as entriesRoute from "~/routes/incentives.entries";
import * as mineRoute from "~/routes/incentives.mine";
import * as rulesRoute from "~/routes/incentives.rules";
import { useTestDatabase } from "../helpers/db";
import { absoluteUrl, get, post, signIn } from "../helpers/requests";

const t = useTestDatabase();
const people: Record<string, CurrentUser> = {};
const cookies: Record<string, string> = {};

async function userFor(employeeNo: string): Promise<CurrentUser> {
  const cookie = await signIn(t.db, employeeNo);
  cookies[employeeNo] = cookie;
  return (await getCurrentUser(t.db, new Request(absoluteUrl("/"), { headers: { Cookie: cookie } })))!;
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error.messageKey;
    throw error;
  }
  throw new Error("expected a refusal");
}

async function status(promise: Promise<unknown>): Promise<number> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Response) return error.status;
    throw error;
  }
  return 200;
}

const entry = (who: string, item: string, date: string, value: Partial<EntryInput>): EntryInput => ({
  userId: people[who].id,
  item,
  date,
  quantity: null,
  rank: null,
  grade: "",
  points: null,
  note: "",
  ...value,
});

/** Entered by the supervisor (FB002), approved by the director (FB001) at `approvedAt`. */
async function approved(who: string, item: string, date: string, value: Partial<EntryInput>, approvedAt = new Date(`${date}T12:00:00+08:00`)) {
  const id = await addEntry(t.db, people.FB002, entry(who, item, date, value));
  await decideEntry(t.db, people.FB001, id, "approve", approvedAt);
  return id;
}

const rowOf = async (key: string, no: string, office = people.FB002.officeId) => (await scoreboardFor(t.db, office, key)).rows.find((r) => r.employeeNo === no)!;

beforeAll(async () => {
  for (const no of ["FB001", "FB002", "FB010", "FB011", "FB012", "FB013", "DQ002"]) people[no] = await userFor(no);
  expect(await applyExampleRules(t.db, people.FB002)).toBe(4);
});

describe("rules", () => {
  it("the example rules are applied once, and only by a supervisor or the director", async () => {
    const rules = await listRules(t.db, people.FB002.officeId);
    expect(rules.map((r) => [r.item, r.effectiveFrom, r.effectiveTo])).toEqual([
      ["counter_rank", "2026-01-01", null],
      ["cross_agency_notice", "2026-01-01", null],
      ["e_payment", "2026-01-01", null],
      ["proposal_grade", "2026-01-01", null],
    ]);
    expect(await refusal(applyExampleRules(t.db, people.FB001))).toBe("incentives.errors.rulesExist");
    expect(await status(applyExampleRules(t.db, people.FB010))).toBe(403);
    expect(await listRules(t.db, people.DQ002.officeId)).toEqual([]);
  });
});

describe("rule versioning: a period scored before and after a rule change keeps its points", () => {
  it("January under 0.5 a case, closed; a new version from February scores February only", async () => {
    await approved("FB010", "cross_agency_notice", "2026-01-10", { quantity: 10 });
    expect((await rowOf("2026-01", "FB010")).total).toBe(5);
    await closePeriod(t.db, people.FB002, "2026-01", new Date("2026-02-03T09:00:00+08:00"));

    // A version reaching into the closed month is refused with the pure rule's sentence.
    const reason = await refusal(
      saveRuleVersion(t.db, people.FB002, { item: "cross_agency_notice", label: "跨機關通報件數", scoring: { kind: "per_unit", pointsPerUnit: 1 }, capPerPeriod: 10, periodKind: "month", effectiveFrom: "2026-01-15" }),
    );
    expect(reason).toBe("2026-01-31 以前的期間已結算，新規則最早只能自 2026-02-01 起生效。");

    await saveRuleVersion(t.db, people.FB002, { item: "cross_agency_notice", label: "跨機關通報件數", scoring: { kind: "per_unit", pointsPerUnit: 1 }, capPerPeriod: 10, periodKind: "month", effectiveFrom: "2026-02-01" });
    const versions = (await listRules(t.db, people.FB002.officeId)).filter((r) => r.item === "cross_agency_notice");
    expect(versions.map((v) => [v.effectiveFrom, v.effectiveTo, v.used])).toEqual([
      ["2026-01-01", "2026-01-31", true],
      ["2026-02-01", null, false],
    ]);

    await approved("FB010", "cross_agency_notice", "2026-02-10", { quantity: 10 });
    expect((await rowOf("2026-01", "FB010")).total).toBe(5);
    expect((await rowOf("2026-02", "FB010")).total).toBe(10);
    const quarter = await rowOf("2026-Q1", "FB010");
    expect(quarter.total).toBe(15);
    expect(quarter.breakdown).toEqual([{ item: "cross_agency_notice", label: "跨機關通報件數", points: 15, adjustments: 0, entries: 2 }]);
    // The frozen board of January says the same.
    const frozen = await getFrozenScoreboard(t.db, people.FB002.officeId, "2026-01");
    expect(frozen!.rows.find((r) => r.employeeNo === "FB010")!.total).toBe(5);
  });
});

describe("caps and approval gating", () => {
  it("電子票證 caps at 5 points a month; pending and rejected entries earn nothing", async () => {
    await approved("FB011", "e_payment", "2026-02-03", { quantity: 20 }); // 4
    await approved("FB011", "e_payment", "2026-02-20", { quantity: 10 }); // 2, capped to 1
    const pending = await addEntry(t.db, people.FB002, entry("FB011", "e_payment", "2026-02-25", { quantity: 10 }));
    const rejected = await addEntry(t.db, people.FB002, entry("FB011", "cross_agency_notice", "2026-02-26", { quantity: 4 }));
    await decideEntry(t.db, people.FB001, rejected, "reject");
    const row = await rowOf("2026-02", "FB011");
    expect(row.total).toBe(5);
    expect(row.breakdown).toEqual([{ item: "e_payment", label: "電子票證收費件數", points: 5, adjustments: 0, entries: 2 }]);

    const waiting = await listEntries(t.db, people.FB002.officeId, { status: "pending" });
    expect(waiting.map((e) => e.id)).toContain(pending);
    expect(await refusal(decideEntry(t.db, people.FB001, rejected, "approve"))).toBe("incentives.errors.decided");
  });

  it("nobody approves their own entry; staff may not enter or approve; another office finds nothing", async () => {
    const own = await addEntry(t.db, people.FB002, entry("FB002", "e_payment", "2026-02-05", { quantity: 5 }));
    expect(await refusal(decideEntry(t.db, people.FB002, own, "approve"))).toBe("incentives.errors.ownEntry");
    await decideEntry(t.db, people.FB001, own, "approve");
    expect(await status(addEntry(t.db, people.FB010, entry("FB010", "e_payment", "2026-02-05", { quantity: 5 })))).toBe(403);
    const other = await addEntry(t.db, people.FB002, entry("FB012", "e_payment", "2026-02-05", { quantity: 5 }));
    expect(await status(decideEntry(t.db, people.FB010, other, "approve"))).toBe(403);
    expect(await status(decideEntry(t.db, people.DQ002, other, "approve"))).toBe(404);
    // An entry for someone of another office is refused.
    expect(await refusal(addEntry(t.db, people.DQ002, entry("FB010", "e_payment", "2026-02-05", { quantity: 1 })))).toBe("incentives.errors.unknownPerson");
    // 東區's board knows nobody of 府北.
    const dq = await scoreboardFor(t.db, people.DQ002.officeId, "2026-02");
    expect(dq.rows.some((r) => r.employeeNo.startsWith("FB"))).toBe(false);
    expect(dq.rows.every((r) => r.total === 0)).toBe(true);
  });
});

describe("closing a period", () => {
  it("freezes March; an entry approved after the closing is a visible adjustment and the rank does not move", async () => {
    await approved("FB013", "cross_agency_notice", "2026-03-05", { quantity: 3 }); // 3 points (1 a case from February)
    await closePeriod(t.db, people.FB001, "2026-03", new Date("2026-04-02T09:00:00+08:00"));
    expect(await refusal(closePeriod(t.db, people.FB001, "2026-03", new Date("2026-04-03T09:00:00+08:00")))).toBe("incentives.errors.alreadyClosed");
    expect(await refusal(closePeriod(t.db, people.FB001, "2099-01", new Date("2026-04-03T09:00:00+08:00")))).toBe("incentives.errors.periodNotEnded");

    const late = await approved("FB012", "cross_agency_notice", "2026-03-20", { quantity: 4 }, new Date("2026-04-10T10:00:00+08:00"));
    const board = await scoreboardFor(t.db, people.FB002.officeId, "2026-03");
    expect(board.closedAt).toEqual(new Date("2026-04-02T09:00:00+08:00"));
    const fb012 = board.rows.find((r) => r.employeeNo === "FB012")!;
    const fb013 = board.rows.find((r) => r.employeeNo === "FB013")!;
    expect([fb012.total, fb012.adjustments, fb012.finalTotal]).toEqual([0, 4, 4]);
    expect(fb013.rank).toBe(1);
    expect(fb012.rank).toBeGreaterThan(1);
    expect(board.adjustmentEntries.map((e) => [e.id, e.points])).toEqual([[late, 4]]);
    const stored = (await listEntries(t.db, people.FB002.officeId, { period: periodOf("2026-03-01", "month") })).find((e) => e.id === late)!;
    expect(stored.adjustmentFlag).toBe(true);
    // The frozen board still holds what was approved by the closing.
    const frozen = await getFrozenScoreboard(t.db, people.FB002.officeId, "2026-03");
    expect(frozen!.rows.find((r) => r.employeeNo === "FB012")!.total).toBe(0);
    expect(frozen!.rows.find((r) => r.employeeNo === "FB013")!.total).toBe(3);
  });
});

describe("entries from other modules", () => {
  it("the proposal 「戶籍謄本線上預約、臨櫃快速取件」 (甲) gives its proposer 5 points once approved, generated once", async () => {
    const proposal = await t.db
      .selectFrom("proposals")
      .select(["id", "proposerId", "rewardGrade", "reviewedAt"])
      .where("officeId", "=", people.FB002.officeId)
      .where("title", "=", "戶籍謄本線上預約、臨櫃快速取件")
      .executeTakeFirstOrThrow();
    expect(proposal.rewardGrade).toBe("甲");
    expect(proposal.proposerId).toBe(people.FB010.id);
    const month = periodOf(new Date(proposal.reviewedAt!), "month").key;

    const first = await generateFromProposalGrades(t.db, people.FB002, month);
    expect(first.created).toBeGreaterThanOrEqual(1);
    expect(await generateFromProposalGrades(t.db, people.FB002, month)).toEqual({ created: 0, skipped: first.created + first.skipped });
    const generated = (await listEntries(t.db, people.FB002.officeId, { status: "pending" })).find((e) => e.sourceRef === `proposal:${proposal.id}`)!;
    expect(generated).toMatchObject({ userId: people.FB010.id, item: "proposal_grade", grade: "甲", source: "proposal" });
    expect((await rowOf(month, "FB010")).breakdown.find((b) => b.item === "proposal_grade")).toBeUndefined();

    await decideEntry(t.db, people.FB002, generated.id, "approve");
    const line = (await rowOf(month, "FB010")).breakdown.find((b) => b.item === "proposal_grade")!;
    expect(line.points).toBe(5);
    const mine = await myPoints(t.db, people.FB010, Number(month.slice(0, 4)), "year");
    expect(mine.periods[0].row!.breakdown.find((b) => b.item === "proposal_grade")!.points).toBe(5);
    expect(mine.entries.every((e) => e.userId === people.FB010.id)).toBe(true);
  });
});

describe("entries from the counter ranking", () => {
  it("November's ranked clerks get pending 櫃台績效評比名次 entries, once; rank 1 earns 5 points", async () => {
    // The sample queue export of 府北 (tests/fixtures/queue-sample.csv) and the demo case types, as in counters-db.test.ts.
    const sample = fs.readFileSync(path.join(import.meta.dirname, "../fixtures/queue-sample.csv"), "utf8");
    const types: [string, number, number][] = [["戶籍謄本", 1, 5], ["印鑑證明", 1, 5], ["戶口名簿", 1.2, 6], ["自然人憑證", 1.5, 8], ["身分證換補", 2, 10], ["遷徙登記", 2.5, 12], ["出生登記", 3, 15], ["死亡登記", 3, 15], ["分(合)戶登記", 3, 14], ["結婚登記", 3.5, 18], ["離婚登記", 3.5, 20]];
    for (const [name, weight, standardMinutes] of types) await saveCaseType(t.db, people.FB002, { name, weight, standardMinutes, effectiveFrom: "2026-01-01" });
    await importQueue(t.db, people.FB002, { fileName: "11月叫號.csv", csvText: sample, mapping: guessMapping(parseCsvRows(sample)[0].fields), mode: "valid_lines" });
    const ranking = await rankingFor(t.db, people.FB002.officeId, "2026-11");
    const ranked = ranking.rows.filter((r) => r.rank !== null && r.userId !== null);
    expect(ranked.length).toBeGreaterThan(0);

    const december = new Date("2026-12-02T09:00:00+08:00");
    expect(await refusal(generateFromCounterRanking(t.db, people.FB002, "2026-11", new Date("2026-11-20T09:00:00+08:00")))).toBe("incentives.errors.periodNotEnded");
    expect(await generateFromCounterRanking(t.db, people.FB002, "2026-11", december)).toEqual({ created: ranked.length, skipped: 0 });
    expect(await generateFromCounterRanking(t.db, people.FB002, "2026-11", december)).toEqual({ created: 0, skipped: ranked.length });

    const first = ranked.find((r) => r.rank === 1)!;
    const pending = (await listEntries(t.db, people.FB002.officeId, { status: "pending" })).filter((e) => e.source === "counter_ranking");
    expect(pending.length).toBe(ranked.length);
    const entryOfFirst = pending.find((e) => e.userId === first.userId)!;
    expect(entryOfFirst).toMatchObject({ item: "counter_rank", rank: 1, date: "2026-11-30" });
    const approver = first.userId === people.FB001.id ? people.FB002 : people.FB001;
    await decideEntry(t.db, approver, entryOfFirst.id, "approve");
    const line = (await scoreboardFor(t.db, people.FB002.officeId, "2026-11")).rows.find((r) => r.userId === first.userId)!.breakdown.find((b) => b.item === "counter_rank")!;
    expect(line.points).toBe(5);
  });
});

describe("CSV import", () => {
  it("lists the bad lines and imports nothing; a clean file imports pending entries", async () => {
    const bad = "員工編號,項目代碼,日期,件數\nFB010,cross_agency_notice,2026-05-03,2\nFB999,cross_agency_notice,2026-05-04,1\nFB011,e_payment,2026-06-01,3\nFB011,counter_rank,2026-05-05,1\n";
    const result = await importEntriesCsv(t.db, people.FB002, { month: "2026-05", csvText: bad });
    expect(result.inserted).toBe(0);
    expect(result.errors.map((e) => e.line)).toEqual([3, 4, 5]);
    expect(result.errors[0].message).toContain("FB999");
    const good = "FB010,cross_agency_notice,2026-05-03,2\nFB011,e_payment,2026-05-04,10\n";
    expect(await importEntriesCsv(t.db, people.FB002, { month: "2026-05", csvText: good })).toEqual({ inserted: 2, errors: [] });
    const may = await listEntries(t.db, people.FB002.officeId, { period: periodOf("2026-05-01", "month") });
    expect(may.map((e) => [e.employeeNo, e.status, e.source])).toEqual([
      ["FB010", "pending", "csv"],
      ["FB011", "pending", "csv"],
    ]);
    expect(await status(importEntriesCsv(t.db, people.FB010, { month: "2026-05", csvText: good }))).toBe(403);
  });
});

describe("pages", () => {
  it("the board: everyone in the office reads it, staff see their row marked; only managers close or export", async () => {
    const staff = await get(boardRoute, "/incentives?period=2026-Q1", { cookie: cookies.FB010 });
    expect(staff.status).toBe(200);
    expect(staff.data.canManage).toBe(false);
    expect(staff.data.rows.find((r: { me: boolean }) => r.me).employeeNo).toBe("FB010");
    expect((await get(boardRoute, "/incentives?period=2026-Q1&format=csv", { cookie: cookies.FB010 })).status).toBe(403);
    const csv = await get(boardRoute, "/incentives?period=2026-Q1&format=csv", { cookie: cookies.FB002 });
    expect(csv.status).toBe(200);
    expect(csv.data).toContain("FB010");
    expect((await post(boardRoute, "/incentives?period=2026-04", { intent: "close", period: "2026-04" }, { cookie: cookies.FB010 })).status).toBe(403);
    const unconfirmed = await post(boardRoute, "/incentives?period=2026-04", { intent: "close", period: "2026-04" }, { cookie: cookies.FB002 });
    expect(unconfirmed.status).toBe(400);
    expect(await getFrozenScoreboard(t.db, people.FB002.officeId, "2026-04")).toBeNull();
    const closed = await post(boardRoute, "/incentives?period=2026-04", { intent: "close", period: "2026-04", confirm: "on" }, { cookie: cookies.FB002 });
    expect(closed.status).toBe(302);
    expect((await getFrozenScoreboard(t.db, people.FB002.officeId, "2026-04"))).not.toBeNull();
  });

  it("entries: add, approve and generate from proposals through the page; staff get 403", async () => {
    expect((await get(entriesRoute, "/incentives/entries", { cookie: cookies.FB010 })).status).toBe(403);
    const page = await get(entriesRoute, "/incentives/entries", { cookie: cookies.FB002 });
    expect(page.status).toBe(200);
    const added = await post(
      entriesRoute,
      "/incentives/entries",
      { intent: "add", userId: String(people.FB012.id), item: "e_payment", date: "2026-06-10", quantity: "5", points: "", rank: "", grade: "", note: "" },
      { cookie: cookies.FB002 },
    );
    expect(added.status).toBe(302);
    const id = (await listEntries(t.db, people.FB002.officeId, { status: "pending", userId: people.FB012.id })).find((e) => e.date === "2026-06-10")!.id;
    const refused = await post(entriesRoute, "/incentives/entries", { intent: "add", userId: String(people.FB012.id), item: "nope", date: "2026-06-10", quantity: "5" }, { cookie: cookies.FB002 });
    expect(refused.status).toBe(400);
    expect(refused.data.errors.item).toBe("incentives.errors.noRule");
    expect((await post(entriesRoute, "/incentives/entries", { intent: "approve", entryId: String(id) }, { cookie: cookies.FB001 })).status).toBe(302);
    expect((await rowOf("2026-06", "FB012")).total).toBe(1);
    const generated = await post(entriesRoute, "/incentives/entries", { intent: "fromProposals", period: "2026-06" }, { cookie: cookies.FB002 });
    expect(generated.status).toBe(302);
  });

  it("rules: managers add a version and set thresholds; staff get 403", async () => {
    expect((await get(rulesRoute, "/incentives/rules", { cookie: cookies.FB010 })).status).toBe(403);
    const page = await get(rulesRoute, "/incentives/rules", { cookie: cookies.FB002 });
    expect(page.data.rules.length).toBe(5);
    const saved = await post(
      rulesRoute,
      "/incentives/rules",
      { intent: "version", item: "project_praise", label: "專案表揚", kind: "points", pointsPerUnit: "", table: "", capPerPeriod: "", periodKind: "year", effectiveFrom: "2026-07-01" },
      { cookie: cookies.FB002 },
    );
    expect(saved.status).toBe(302);
    const thresholds = await post(rulesRoute, "/incentives/rules", { intent: "thresholds", reward: ["嘉獎一次", "嘉獎二次", "記功一次"], minPoints: ["10", "20", "30"] }, { cookie: cookies.FB002 });
    expect(thresholds.status).toBe(302);
    const board = await scoreboardFor(t.db, people.FB002.officeId, "2026-Q1");
    expect(board.rows.find((r) => r.employeeNo === "FB010")!.suggestedReward).toBe("嘉獎一次");
  });

  it("my points: my own rows and entries only", async () => {
    const mine = await get(mineRoute, "/incentives/mine?year=2026", { cookie: cookies.FB011 });
    expect(mine.status).toBe(200);
    expect(mine.data.entries.every((e: { employeeNo: string }) => e.employeeNo === "FB011")).toBe(true);
    expect(mine.data.periods.find((p: { key: string }) => p.key === "2026-02").total).toBe(5);
  });
});
