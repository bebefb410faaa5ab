// Counter performance on a real database through the module (issue 8, Tests): the sample queue export
// of 府北 (tests/fixtures/queue-sample.csv, November 2026) previewed with its line errors, refused whole
// in all-or-nothing mode, imported line by line, and imported again without adding anything; the
// month's ranking (minimum days, ties); case-type versions that never reach back; role checks.
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { getCurrentUser, type CurrentUser } from "~/modules/auth/session.server";
import {
  caseTypesInForce,
  getMapping,
  importQueue,
  measuresFor,
  previewImport,
  rankingFor,
  recordCorrection,
  addStaffedHoursAdjustment,
  listRecentDailyTotals,
  saveDailyTotal,
  saveCaseType,
  staffMeasuresFor,
} from "~/modules/counters/counters.server";
import { refreshRollups } from "~/modules/counters/rollups.server";
import { sql } from "kysely";
import { measureCounters, measureOffice, measureStaff } from "~/modules/counters/measures";
import { parsePeriodKey } from "~/modules/counters/periods";
import { guessMapping, parseCsvRows, parseQueueCsv } from "~/modules/counters/queue-csv";
import { DomainError } from "~/modules/domain-error";
import { userIdOf, useTestDatabase } from "../helpers/db";
import { absoluteUrl, get, post, signIn } from "../helpers/requests";
import { routeFor } from "../helpers/routes";

const t = useTestDatabase();
const people: Record<string, CurrentUser> = {};
const SAMPLE = fs.readFileSync(path.join(import.meta.dirname, "../fixtures/queue-sample.csv"), "utf8");
const MAPPING = guessMapping(parseCsvRows(SAMPLE)[0].fields);
const NOVEMBER = parsePeriodKey("2026-11")!;

// README.md beside the rules, "Demo case types".
const CASE_TYPES: [string, number, number][] = [
  ["戶籍謄本", 1, 5],
  ["印鑑證明", 1, 5],
  ["戶口名簿", 1.2, 6],
  ["自然人憑證", 1.5, 8],
  ["身分證換補", 2, 10],
  ["遷徙登記", 2.5, 12],
  ["出生登記", 3, 15],
  ["死亡登記", 3, 15],
  ["分(合)戶登記", 3, 14],
  ["結婚登記", 3.5, 18],
  ["離婚登記", 3.5, 20],
];

async function userFor(employeeNo: string): Promise<CurrentUser> {
  const cookie = await signIn(t.db, employeeNo);
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

async function countOf(table: "queueRecords" | "queueImports", officeId: number): Promise<number> {
  const row = await t.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as("n")).where("officeId", "=", officeId).executeTakeFirstOrThrow();
  return Number(row.n);
}

async function auditCount(action: string): Promise<number> {
  const row = await t.db.selectFrom("auditLog").select((eb) => eb.fn.countAll<string>().as("n")).where("action", "=", action).executeTakeFirstOrThrow();
  return Number(row.n);
}

beforeAll(async () => {
  for (const no of ["FB001", "FB002", "FB010", "DQ002"]) people[no] = await userFor(no);
  for (const [name, weight, standardMinutes] of CASE_TYPES) {
    await saveCaseType(t.db, people.FB002, { name, weight, standardMinutes, effectiveFrom: "2026-01-01" });
  }
});

describe("importing the sample queue export", () => {
  it("the preview lists the four bad lines with their numbers and messages, and counts the new records", async () => {
    const preview = await previewImport(t.db, people.FB002, SAMPLE);
    expect(preview.mappingSource).toBe("guessed");
    expect(preview.mapping).toEqual(MAPPING);
    expect(preview.mappingErrors).toEqual([]);
    expect(preview.linesRead).toBe(584);
    expect(preview.records).toBe(580);
    expect(preview.newRecords).toBe(580);
    expect(preview.alreadyStored).toBe(0);
    expect(preview.duplicates).toEqual([]);
    expect(preview.errors.map((e) => [e.line, e.field])).toEqual([
      [50, "counter"],
      [145, "endedAt"],
      [242, "staff"],
      [359, "calledAt"],
    ]);
    expect(preview.errors[0].message).toBe("櫃台「99」不是本所的櫃台。");
    expect(preview.errors[1].message).toBe("結束服務時間（08:17:28）早於開始服務時間（08:19:25）。");
    expect(preview.errors[2].message).toBe("承辦人員編號「FB999」不是本所的員工編號。");
    expect(preview.errors[3].message).toBe("叫號時間（09:25:54）早於取號時間（10:25:54）。");
    expect(preview.previousImports).toEqual([]);
  });

  it("all-or-nothing refuses a file with errors and writes nothing", async () => {
    const office = people.FB002.officeId;
    const message = await refusal(importQueue(t.db, people.FB002, { fileName: "11月叫號.csv", csvText: SAMPLE, mapping: MAPPING, mode: "all_or_nothing" }));
    expect(message).toContain("4 項錯誤");
    expect(message).toContain("50、145、242、359");
    expect(await countOf("queueRecords", office)).toBe(0);
    expect(await countOf("queueImports", office)).toBe(0);
    expect(await auditCount("queue.import")).toBe(0);
    expect(await getMapping(t.db, office)).toBeNull();
  });

  it("valid lines imports the 580 good records, keeps the errors and remembers the mapping", async () => {
    const office = people.FB002.officeId;
    const result = await importQueue(t.db, people.FB002, { fileName: "11月叫號.csv", csvText: SAMPLE, mapping: MAPPING, mode: "valid_lines" });
    expect(result).toMatchObject({ linesRead: 584, inserted: 580, skipped: 0, duplicateLines: 0 });
    expect(result.errors.map((e) => e.line)).toEqual([50, 145, 242, 359]);
    expect(await countOf("queueRecords", office)).toBe(580);
    const row = await t.db.selectFrom("queueImports").selectAll().where("id", "=", result.importId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ officeId: office, fileName: "11月叫號.csv", mode: "valid_lines", linesRead: 584, inserted: 580, skipped: 0, createdBy: people.FB002.id });
    expect(row.fileSha256).toMatch(/^[0-9a-f]{64}$/);
    expect((row.errors as unknown[]).length).toBe(4);
    expect(await auditCount("queue.import")).toBe(1);
    expect(await getMapping(t.db, office)).toEqual(MAPPING);

    // Stored as the file says: a transfer's second segment, a no-show without times, a named counter.
    const transfers = await t.db.selectFrom("queueRecords").select(["idempotencyKey", "segment"]).where("officeId", "=", office).where("segment", ">", 1).execute();
    expect(transfers.length).toBe(10);
    expect(transfers.every((r) => /^FUBEI\|2026-11-\d\d\|[AB]\d{3}#2$/.test(r.idempotencyKey))).toBe(true);
    const outcomes = await t.db.selectFrom("queueRecords").select(["outcome"]).select((eb) => eb.fn.countAll<string>().as("n")).where("officeId", "=", office).groupBy("outcome").execute();
    expect(Object.fromEntries(outcomes.map((o) => [o.outcome, Number(o.n)]))).toMatchObject({ no_show: 14, transferred: 10 });
  });

  it("importing the same file again adds nothing, and the preview says so", async () => {
    const office = people.FB001.officeId;
    const preview = await previewImport(t.db, people.FB001, SAMPLE);
    expect(preview.mappingSource).toBe("remembered");
    expect(preview).toMatchObject({ records: 580, newRecords: 0, alreadyStored: 580 });
    expect(preview.previousImports.map((p) => p.inserted)).toEqual([580]);
    const again = await importQueue(t.db, people.FB001, { fileName: "11月叫號（重匯）.csv", csvText: SAMPLE, mapping: MAPPING, mode: "valid_lines" });
    expect(again).toMatchObject({ inserted: 0, skipped: 580 });
    expect(await countOf("queueRecords", office)).toBe(580);
  });

  it("staff get 403 on the import and its preview; another office sees none of the records", async () => {
    expect(await status(importQueue(t.db, people.FB010, { fileName: "x.csv", csvText: SAMPLE, mapping: MAPPING, mode: "valid_lines" }))).toBe(403);
    expect(await status(previewImport(t.db, people.FB010, SAMPLE))).toBe(403);
    expect(await status(saveCaseType(t.db, people.FB010, { name: "戶籍謄本", weight: 9, standardMinutes: 5, effectiveFrom: "2027-01-01" }))).toBe(403);
    const other = await rankingFor(t.db, people.DQ002.officeId, "2026-11");
    expect(other.rows).toEqual([]);
    expect((await measuresFor(t.db, people.DQ002.officeId, NOVEMBER)).office.served).toBe(0);
  });
});

describe("measures and ranking of November 2026", () => {
  it("the database measures (read from the rollups) equal the rules applied to the file itself", async () => {
    const office = people.FB002.officeId;
    const measures = await measuresFor(t.db, office, "2026-11");
    const versions = CASE_TYPES.map(([caseType, weight, standardMinutes]) => ({ caseType, weight, standardMinutes, effectiveFrom: "2026-01-01" }));
    const staff = Array.from({ length: 30 }, (_, i) => `FB0${10 + i}`);
    const parsed = parseQueueCsv(SAMPLE, MAPPING, { officeCode: "FUBEI", counters: Array.from({ length: 15 }, (_, i) => String(i + 1)), staff, caseTypes: CASE_TYPES.map((c) => c[0]) });
    const expected = measureOffice({ records: parsed.records, caseTypes: versions }, NOVEMBER);
    expect(measures.office).toEqual(expected);
    // Per counter (waiting-time percentiles included) and per person, too.
    const input = { records: parsed.records, caseTypes: versions };
    expect(measures.counters.map(({ counterId: _id, label: _label, ...m }) => m)).toEqual(measureCounters(input, NOVEMBER, measures.counters.map((c) => c.counter)));
    expect(measures.staff.map(({ userId: _id, name: _name, ...m }) => m)).toEqual(measureStaff(input, NOVEMBER));
    expect(measures.counters.find((c) => c.counter === "3")!.waiting.p90Minutes).toBeGreaterThan(0);
    expect(measures.office.weightedCases).toBeCloseTo(948.6, 9);
    expect(measures.office.noShows).toBe(14);
    expect(measures.counters.map((c) => c.counter)).toEqual(Array.from({ length: 15 }, (_, i) => String(i + 1)));
    expect(measures.counters.find((c) => c.counter === "14")!.served).toBe(0); // the mobile counter was out all month
    expect(measures.counters.find((c) => c.counter === "15")!.label).toBe("自然人憑證櫃台");
  });

  it("the rollups (one row per person and day, one per office and day) match the tickets and rebuild to the same figures", async () => {
    const office = people.FB002.officeId;
    const fromTickets = (await measuresFor(t.db, office, "2026-11")).staff;
    const fromRollup = (await staffMeasuresFor(t.db, office, "2026-11")).staff;
    expect(fromTickets.length).toBe(19);
    expect(fromRollup).toEqual(fromTickets);
    // One row per person and day, written by the import (importing the file again changed nothing).
    const rows = await t.db.selectFrom("queueStaffDays").select((eb) => eb.fn.countAll<string>().as("n")).where("officeId", "=", office).executeTakeFirstOrThrow();
    const personDays = await t.db
      .selectFrom("queueRecords")
      .select(sql<string>`count(distinct (staff_user_id, ticket_date))`.as("n"))
      .where("officeId", "=", office)
      .where("staffUserId", "is not", null)
      .executeTakeFirstOrThrow();
    expect(Number(rows.n)).toBe(Number(personDays.n));
    const officeDays = await t.db.selectFrom("queueOfficeDays").select((eb) => eb.fn.countAll<string>().as("n")).where("officeId", "=", office).executeTakeFirstOrThrow();
    const ticketDays = await t.db.selectFrom("queueRecords").select(sql<string>`count(distinct ticket_date)`.as("n")).where("officeId", "=", office).executeTakeFirstOrThrow();
    expect(Number(officeDays.n)).toBe(Number(ticketDays.n));
    // Rebuilding from the tickets gives the same figures.
    const before = await measuresFor(t.db, office, "2026-11");
    await refreshRollups(t.db, office);
    expect((await staffMeasuresFor(t.db, office, "2026-11")).staff).toEqual(fromTickets);
    expect(await measuresFor(t.db, office, "2026-11")).toEqual(before);
  });

  it("lists everyone who served, ranks those with enough staffed days, and gives the others a reason", async () => {
    const ranking = await rankingFor(t.db, people.FB002.officeId, "2026-11");
    expect(ranking.config.minStaffedDays).toBe(10);
    const ranked = ranking.rows.filter((r) => r.rank !== null);
    expect(ranked.map((r) => [r.staff, r.rank, r.score])).toEqual([
      ["FB015", 1, 80],
      ["FB012", 2, 61.32],
      ["FB013", 3, 38.72],
    ]);
    expect(ranked.every((r) => r.staffedDays >= 10 && r.name.length > 0 && r.userId !== null)).toBe(true);
    const fb038 = ranking.rows.find((r) => r.staff === "FB038")!;
    expect(fb038).toMatchObject({ rank: null, score: null, staffedDays: 2, served: 11 });
    expect(fb038.notRankedReason).toBe("本期上櫃台 2 日，未達 10 日，列出但不排名。");
    expect(ranking.rows.length).toBe(19);
    // A year needs twelve months' minimum.
    expect((await rankingFor(t.db, people.FB002.officeId, "2026")).config.minStaffedDays).toBe(120);
  });

  it("a weight changed from a later date does not change the month; one reaching back into imported days is refused", async () => {
    const office = people.FB002.officeId;
    const before = (await measuresFor(t.db, office, NOVEMBER)).office.weightedCases;
    await saveCaseType(t.db, people.FB002, { name: "戶籍謄本", weight: 2, standardMinutes: 6, effectiveFrom: "2026-12-01" });
    expect((await measuresFor(t.db, office, NOVEMBER)).office.weightedCases).toBe(before);
    expect((await caseTypesInForce(t.db, office, "2026-11-30")).find((c) => c.caseType === "戶籍謄本")).toMatchObject({ weight: 1, effectiveTo: "2026-11-30" });
    expect((await caseTypesInForce(t.db, office, "2026-12-01")).find((c) => c.caseType === "戶籍謄本")).toMatchObject({ weight: 2, effectiveTo: null });

    expect(await refusal(saveCaseType(t.db, people.FB002, { name: "印鑑證明", weight: 5, standardMinutes: 5, effectiveFrom: "2026-11-15" }))).toBe(
      "已匯入 2026-11-30 的「印鑑證明」案件；新權重最早只能自 2026-12-01 起生效，以免改變已計算的績效。",
    );
    expect(await refusal(saveCaseType(t.db, people.FB002, { name: "戶籍謄本", weight: 3, standardMinutes: 6, effectiveFrom: "2026-11-20" }))).toContain("2026-12-01");
    expect((await measuresFor(t.db, office, NOVEMBER)).office.weightedCases).toBe(before);
  });

  it("adjustments and corrections are scoped to the office and move the person's figures", async () => {
    const office = people.FB002.officeId;
    const fb015 = await userIdOf(t.db, "FB015");
    const before = (await measuresFor(t.db, office, NOVEMBER)).staff.find((s) => s.staff === "FB015")!;
    await addStaffedHoursAdjustment(t.db, people.FB002, { userId: fb015, day: "2026-11-30", mode: "add", hours: 1.5, reason: "櫃台後檯作業" });
    await recordCorrection(t.db, people.FB002, { userId: fb015, periodKey: "2026-11", count: 2, note: "審查發現 2 件登記錯誤" });
    const after = (await measuresFor(t.db, office, NOVEMBER)).staff.find((s) => s.staff === "FB015")!;
    expect(after.corrections).toBe(before.corrections + 2);
    expect(after.staffedHours).toBeCloseTo(before.staffedHours + 1.5, 6);
    const dongquStaff = await userIdOf(t.db, "DQ010");
    expect(await refusal(recordCorrection(t.db, people.FB002, { userId: dongquStaff, day: "2026-11-03" }))).toBe("這位同仁不屬於本所。");
  });
});

describe("ties", () => {
  // October 2026, built here: FB020 and FB021 serve identical tickets on ten days, FB022 the same
  // number more slowly, FB023 on two days only.
  function octoberFile(): string {
    const lines = ["號碼,櫃台,承辦人員編號,承辦人姓名,案件類別,取號時間,叫號時間,開始服務時間,結束服務時間,狀態,備註"];
    const days = ["01", "02", "05", "06", "07", "08", "09", "12", "13", "14"];
    const pad = (n: number) => String(n).padStart(2, "0");
    days.forEach((day, d) => {
      let ticket = 1;
      const clerks: [string, number, number][] = [["FB020", 1, 5], ["FB021", 2, 5], ["FB022", 3, 8]];
      if (d < 2) clerks.push(["FB023", 4, 5]);
      for (const [staff, counter, minutes] of clerks) {
        for (let i = 0; i < 3; i++) {
          const start = 9 * 60 + i * 10;
          const at = (m: number) => `2026/10/${day} ${pad(Math.floor(m / 60))}:${pad(m % 60)}:00`;
          lines.push(`A${String(ticket++).padStart(3, "0")},${counter},${staff},,戶籍謄本,${at(start - 2)},${at(start - 1)},${at(start)},${at(start + minutes)},完成,`);
        }
      }
    });
    return lines.join("\r\n");
  }

  it("equal scores share a rank and the next rank skips (1, 1, 3)", async () => {
    const result = await importQueue(t.db, people.FB002, { fileName: "10月.csv", csvText: octoberFile(), mapping: MAPPING, mode: "all_or_nothing" });
    expect(result).toMatchObject({ inserted: 96, skipped: 0, errors: [] });
    const ranking = await rankingFor(t.db, people.FB002.officeId, "2026-10");
    expect(ranking.rows.map((r) => [r.staff, r.rank, r.score])).toEqual([
      ["FB020", 1, 100],
      ["FB021", 1, 100],
      ["FB022", 3, 20],
      ["FB023", null, null],
    ]);
  });
});

describe("daily totals entered by hand (手動登錄每日件數)", () => {
  it("raise the person's served and weighted cases and staffed days; a second entry for the same key replaces the count", async () => {
    const office = people.FB002.officeId;
    const fb015 = await userIdOf(t.db, "FB015");
    const counter = await t.db.selectFrom("counters").select("id").where("officeId", "=", office).where("number", "=", 1).executeTakeFirstOrThrow();
    const before = (await measuresFor(t.db, office, NOVEMBER)).staff.find((s) => s.staff === "FB015")!;
    const entry = { userId: fb015, counterId: counter.id, day: "2026-11-22", caseType: "遷徙登記", served: 4, note: "叫號系統故障" };
    await saveDailyTotal(t.db, people.FB002, entry);
    const after = (await measuresFor(t.db, office, NOVEMBER)).staff.find((s) => s.staff === "FB015")!;
    expect(after.served).toBe(before.served + 4);
    expect(after.weightedCases).toBeCloseTo(before.weightedCases + 4 * 2.5, 6); // 遷徙登記 weighs 2.5
    expect(after.staffedDays).toBe(before.staffedDays + 1); // 22 Nov, a Sunday with no records
    expect(after.staffedHours).toBeCloseTo(before.staffedHours, 6); // no times, no hours
    expect(after.handledCases).toBe(before.handledCases);

    await saveDailyTotal(t.db, people.FB002, { ...entry, served: 6 });
    const replaced = (await measuresFor(t.db, office, NOVEMBER)).staff.find((s) => s.staff === "FB015")!;
    expect(replaced.served).toBe(before.served + 6);
    expect(await auditCount("counterDailyTotal.create")).toBe(1);
    expect(await auditCount("counterDailyTotal.replace")).toBe(1);
    expect((await t.db.selectFrom("counterDailyTotals").select("served").where("officeId", "=", office).execute()).map((r) => r.served)).toEqual([6]);
    expect((await listRecentDailyTotals(t.db, office))[0]).toMatchObject({ employeeNo: "FB015", day: "2026-11-22", caseType: "遷徙登記", served: 6 });
    expect((await rankingFor(t.db, office, "2026-11")).rows.find((r) => r.staff === "FB015")!.served).toBe(before.served + 6);
  });

  it("refuses an unknown case type, counter or person with a zh-TW sentence; staff get 403", async () => {
    const office = people.FB002.officeId;
    const fb015 = await userIdOf(t.db, "FB015");
    const counter = await t.db.selectFrom("counters").select("id").where("officeId", "=", office).where("number", "=", 1).executeTakeFirstOrThrow();
    const otherCounter = await t.db.selectFrom("counters").select("id").where("officeId", "=", people.DQ002.officeId).executeTakeFirstOrThrow();
    const entry = { userId: fb015, counterId: counter.id, day: "2026-11-21", caseType: "戶籍謄本", served: 3 };
    expect(await refusal(saveDailyTotal(t.db, people.FB002, { ...entry, caseType: "戶政規費" }))).toBe("案件類別「戶政規費」不在本所的案件類別中；請先在「案件類別與權重」新增。");
    expect(await refusal(saveDailyTotal(t.db, people.FB002, { ...entry, counterId: otherCounter.id }))).toBe("櫃台不屬於本所。");
    expect(await refusal(saveDailyTotal(t.db, people.FB002, { ...entry, userId: await userIdOf(t.db, "DQ010") }))).toBe("這位同仁不屬於本所。");
    expect(await status(saveDailyTotal(t.db, people.FB010, entry))).toBe(403);
    expect(await t.db.selectFrom("counterDailyTotals").select("id").where("day", "=", "2026-11-21").execute()).toEqual([]);
  });

  it("the settings form keeps typed values with field errors, saves, and lists the entry", async () => {
    const route = await routeFor("/counters/settings");
    const cookie = await signIn(t.db, "FB002");
    const page = await get(route, "/counters/settings", { cookie });
    const fb016 = page.data.people.find((p: { employeeNo: string }) => p.employeeNo === "FB016");
    const counter = page.data.counters[0];
    const form = { intent: "dailyTotal", userId: String(fb016.id), counterId: String(counter.id), day: "2026-11-23", caseType: "戶籍謄本", served: "0", note: "人工" };
    const refused = await post(route, "/counters/settings", form, { cookie });
    expect(refused.status).toBe(400);
    expect(refused.data.errors.served).toBeDefined();
    expect(refused.data.values).toMatchObject({ intent: "dailyTotal", day: "2026-11-23", served: "0", note: "人工" });
    const unknown = await post(route, "/counters/settings", { ...form, served: "3", caseType: "戶政規費" }, { cookie });
    expect(unknown.status).toBe(400);
    expect(unknown.data.errors.caseType).toContain("戶政規費");
    expect((await post(route, "/counters/settings", { ...form, served: "3" }, { cookie })).status).toBe(302);
    const after = await get(route, "/counters/settings", { cookie });
    expect(after.data.dailyTotals[0]).toMatchObject({ employeeNo: "FB016", day: "2026-11-23", caseType: "戶籍謄本", served: 3, note: "人工" });
    const staffCookie = await signIn(t.db, "FB010");
    expect((await post(route, "/counters/settings", { ...form, served: "5" }, { cookie: staffCookie })).status).toBe(403);
  });
});
