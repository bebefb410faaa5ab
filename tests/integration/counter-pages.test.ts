// The counter-performance pages (issue 8) through the real route modules: the three-step import of
// the sample queue export (tests/fixtures/queue-sample.csv; its README table lists the 4 bad lines),
// idempotency, all-or-nothing, the ranking of 2026-11 with its CSV, and who may see what.
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { getCurrentUser } from "~/modules/auth/session.server";
import { saveCaseType } from "~/modules/counters/counters.server";
import { QUEUE_FIELDS } from "~/modules/counters/queue-csv";
import { useTestDatabase } from "../helpers/db";
import { absoluteUrl, BASE_URL, get, post, signIn, type RouteModule } from "../helpers/requests";
import { routeFor } from "../helpers/routes";

const t = useTestDatabase();

const SAMPLE_PATH = path.resolve(import.meta.dirname, "../fixtures/queue-sample.csv");
const sampleBytes = fs.readFileSync(SAMPLE_PATH);
const sampleText = sampleBytes.toString("utf8").replace(/^\uFEFF/, "");

/** The sample's case types (README "Demo case types"): name, weight, standard minutes. */
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

let rankingRoute: RouteModule;
let importRoute: RouteModule;
let settingsRoute: RouteModule;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  [rankingRoute, importRoute, settingsRoute] = await Promise.all([routeFor("/counters"), routeFor("/counters/import"), routeFor("/counters/settings")]);
  for (const employeeNo of ["FB002", "FB010", "DQ010"]) cookies[employeeNo] = await signIn(t.db, employeeNo);
  const supervisor = await getCurrentUser(t.db, new Request(absoluteUrl("/"), { headers: { Cookie: cookies.FB002 } }));
  for (const [name, weight, standardMinutes] of CASE_TYPES) await saveCaseType(t.db, supervisor!, { name, weight, standardMinutes, effectiveFrom: "2026-01-01" });
});

/** Step 1 as a browser sends it: multipart with the file's bytes (UTF-8 with a BOM). */
async function uploadFile(cookie: string) {
  const form = new FormData();
  form.set("intent", "upload");
  form.set("pasted", "");
  form.set("file", new File([sampleBytes], "queue-sample.csv", { type: "text/csv" }));
  const request = new Request(absoluteUrl("/counters/import"), { method: "POST", body: form, headers: { Cookie: cookie, Origin: BASE_URL } });
  const value = await importRoute.action!({ request, params: {}, context: { db: t.db, cspNonce: "test", clientAddress: "127.0.0.1" } });
  return value as { ok: true; step: string; csvText: string; fileName: string; preview: { mapping: Record<string, string>; mappingSource: string; headers: string[] } };
}

function mappingFields(mapping: Record<string, string>) {
  return Object.fromEntries(QUEUE_FIELDS.map((f) => [`map_${f}`, mapping[f] ?? ""]));
}

function step(intent: string, csvText: string, mapping: Record<string, string>, extra: Record<string, string> = {}) {
  return post(importRoute, "/counters/import", { intent, csvText, fileName: "queue-sample.csv", ...mappingFields(mapping), ...extra }, { cookie: cookies.FB002 });
}

describe("importing the sample queue export", () => {
  let mapping: Record<string, string>;

  it("reads the upload and pre-fills the mapping from the header", async () => {
    const upload = await uploadFile(cookies.FB002);
    expect(upload.step).toBe("mapping");
    expect(upload.csvText.startsWith("號碼,")).toBe(true); // BOM removed
    expect(upload.preview.mappingSource).toBe("guessed");
    expect(upload.preview.mapping).toMatchObject({ ticket: "號碼", counter: "櫃台", staff: "承辦人員編號", caseType: "案件類別", ticketAt: "取號時間", startedAt: "開始服務時間", endedAt: "結束服務時間", outcome: "狀態" });
    mapping = upload.preview.mapping;
  });

  it("refuses an empty upload with a message beside the field", async () => {
    const result = await post(importRoute, "/counters/import", { intent: "upload", pasted: "  " }, { cookie: cookies.FB002 });
    expect(result.status).toBe(400);
    expect(result.data.errors.pasted).toBe("counters.import.empty");
  });

  it("keeps a mapping that misses a required column on the mapping step", async () => {
    const result = await step("preview", sampleText, { ...mapping, staff: "" });
    expect(result.status).toBe(400);
    expect(result.data.step).toBe("mapping");
    expect(result.data.preview.mappingErrors.length).toBeGreaterThan(0);
  });

  it("previews the file: lines read, valid, new, and the 4 bad lines with field and message", async () => {
    const result = await step("preview", sampleText, mapping);
    expect(result.status).toBe(200);
    const p = result.data.preview;
    expect(result.data.step).toBe("preview");
    expect(p.linesRead).toBe(584);
    expect(p.errorLines).toBe(4);
    expect([...new Set(p.errors.map((e: { line: number }) => e.line))]).toEqual([50, 145, 242, 359]);
    expect(p.errors.find((e: { line: number }) => e.line === 50)).toMatchObject({ field: "counter" });
    expect(p.errors.find((e: { line: number }) => e.line === 242).message).toContain("FB999");
    expect(p.records).toBe(580);
    expect(p.newRecords).toBe(580);
    expect(result.data.csvText).toBe(sampleText); // carried to the next step in the hidden field
  });

  it("refuses all-or-nothing when there are errors, and writes nothing", async () => {
    const result = await step("import", sampleText, mapping, { mode: "all_or_nothing" });
    expect(result.status).toBe(400);
    expect(result.data.step).toBe("preview");
    expect(result.data.refused).toContain("沒有匯入任何資料");
    const { n } = await t.db.selectFrom("queueRecords").select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow();
    expect(Number(n)).toBe(0);
  });

  it("imports the valid lines", async () => {
    const result = await step("import", sampleText, mapping, { mode: "valid_lines" });
    expect(result.status).toBe(200);
    expect(result.data.step).toBe("result");
    expect(result.data.result).toMatchObject({ linesRead: 584, inserted: 580, skipped: 0, errors: 4 });
  });

  it("adds nothing when the same file is imported again, and remembers the mapping", async () => {
    const upload = await uploadFile(cookies.FB002);
    expect(upload.preview.mappingSource).toBe("remembered");
    const preview = await step("preview", sampleText, upload.preview.mapping);
    expect(preview.data.preview).toMatchObject({ newRecords: 0, alreadyStored: 580 });
    expect(preview.data.preview.previousImports).toHaveLength(1);
    const again = await step("import", sampleText, upload.preview.mapping, { mode: "valid_lines" });
    expect(again.data.result).toMatchObject({ inserted: 0, skipped: 580 });
    const page = await get(importRoute, "/counters/import", { cookie: cookies.FB002 });
    expect(page.data.imports).toHaveLength(2);
  });
});

describe("the ranking page", () => {
  it("ranks 2026-11 with shared ranks and lists the unranked with their reason", async () => {
    const result = await get(rankingRoute, "/counters?period=2026-11", { cookie: cookies.FB002 });
    expect(result.status).toBe(200);
    const d = result.data;
    expect(d.period).toMatchObject({ key: "2026-11", label: "民國115年11月" });
    expect(d.ranked.length).toBeGreaterThanOrEqual(2);
    for (const r of d.unranked) expect(r.reason, r.staff).toBeTruthy();
    expect(d.ranked[0].rank).toBe(1);
    for (const [i, r] of d.ranked.entries()) {
      expect(r.score).toBeGreaterThanOrEqual(0);
      if (i > 0) expect(r.rank).toBeGreaterThanOrEqual(d.ranked[i - 1].rank);
    }
    const fb038 = d.unranked.find((r: { staff: string }) => r.staff === "FB038");
    expect(fb038).toBeDefined();
    expect(fb038.reason).toContain("未達 10 日");
    expect(d.office.served).toBeGreaterThan(500);
    expect(d.office.unweightedCaseTypes).toEqual([]);
    expect(d.counters.some((c: { counter: string }) => c.counter === "15")).toBe(true);
    expect(d.office.waitP90).toBeGreaterThan(0);
  });

  it("shows a person's last six months on demand", async () => {
    const first = (await get(rankingRoute, "/counters?period=2026-11", { cookie: cookies.FB002 })).data.ranked[0];
    const result = await get(rankingRoute, `/counters?period=2026-11&person=${first.userId}`, { cookie: cookies.FB002 });
    expect(result.data.trend.points.map((p: { key: string }) => p.key)).toEqual(["2026-06", "2026-07", "2026-08", "2026-09", "2026-10", "2026-11"]);
    expect(result.data.trend.points.at(-1)).toMatchObject({ rank: 1, score: first.score });
  });

  it("shows a counter's last six months on demand, matching the counters table", async () => {
    const table = (await get(rankingRoute, "/counters?period=2026-11", { cookie: cookies.FB002 })).data.counters;
    const one = table.find((c: { counter: string }) => c.counter === "1");
    expect(one).toBeDefined();
    const result = await get(rankingRoute, "/counters?period=2026-11&counter=1", { cookie: cookies.FB002 });
    expect(result.status).toBe(200);
    const points = result.data.counterTrend.points;
    expect(points.map((p: { key: string }) => p.key)).toEqual(["2026-06", "2026-07", "2026-08", "2026-09", "2026-10", "2026-11"]);
    expect(points.at(-1)).toMatchObject({ served: one.served, weightedCases: one.weightedCases, waitMean: one.waitMean });
    expect(one.served).toBeGreaterThan(0);
  });

  it("answers 404 for an unknown counter", async () => {
    expect((await get(rankingRoute, "/counters?period=2026-11&counter=999", { cookie: cookies.FB002 })).status).toBe(404);
    expect((await get(rankingRoute, "/counters?period=2026-11&counter=abc", { cookie: cookies.FB002 })).status).toBe(404);
  });

  it("exports CSV with zh-TW headers", async () => {
    const result = await get(rankingRoute, "/counters?period=2026-11&format=csv", { cookie: cookies.FB002 });
    expect(result.status).toBe(200);
    expect(result.headers.get("Content-Type")).toContain("text/csv");
    const text: string = result.data;
    expect(text.replace(/^\uFEFF/, "").split("\r\n")[0]).toBe("名次,員工編號,姓名,服務件數,加權件數,上櫃日數,上櫃時數,每小時加權件數,作業時間／標準,更正件數,更正率,分數,未排名原因");
    expect(text).toContain("FB038");
  });

  it("answers 404 for an unknown period", async () => {
    expect((await get(rankingRoute, "/counters?period=2026-13", { cookie: cookies.FB002 })).status).toBe(404);
  });
});

describe("who may use the pages", () => {
  it("gives staff the ranking (transparency) but 403 on import and settings", async () => {
    const ranking = await get(rankingRoute, "/counters?period=2026-11", { cookie: cookies.FB010 });
    expect(ranking.status).toBe(200);
    expect(ranking.data.ranked.length).toBeGreaterThan(0);
    expect(ranking.data.canManage).toBe(false);
    for (const [route, url] of [
      [importRoute, "/counters/import"],
      [settingsRoute, "/counters/settings"],
    ] as const) {
      expect((await get(route, url, { cookie: cookies.FB010 })).status, url).toBe(403);
      expect((await post(route, url, { intent: "upload", pasted: sampleText }, { cookie: cookies.FB010 })).status, url).toBe(403);
    }
  });

  it("shows 東區 (DQ010) none of 府北's data", async () => {
    const result = await get(rankingRoute, "/counters?period=2026-11", { cookie: cookies.DQ010 });
    expect(result.status).toBe(200);
    expect(result.data.ranked).toEqual([]);
    expect(result.data.unranked).toEqual([]);
    expect(result.data.office.served).toBe(0);
    const fubeiPerson = (await get(rankingRoute, "/counters?period=2026-11", { cookie: cookies.FB002 })).data.ranked[0].userId;
    expect((await get(rankingRoute, `/counters?period=2026-11&person=${fubeiPerson}`, { cookie: cookies.DQ010 })).status).toBe(404);
  });
});

describe("the settings page", () => {
  it("lists the case types and saves the forms", async () => {
    const page = await get(settingsRoute, "/counters/settings", { cookie: cookies.FB002 });
    expect(page.status).toBe(200);
    expect(page.data.caseTypes).toHaveLength(CASE_TYPES.length);
    const fb010 = page.data.people.find((p: { employeeNo: string }) => p.employeeNo === "FB010");
    const saved = await post(settingsRoute, "/counters/settings", { intent: "ranking", productivity: "3", handling: "1", quality: "1", minStaffedDays: "10", shrinkageCases: "30" }, { cookie: cookies.FB002 });
    expect(saved.status).toBe(302);
    const adjust = await post(settingsRoute, "/counters/settings", { intent: "adjustment", userId: String(fb010.id), day: "2026-11-03", mode: "add", hours: "-1", reason: "後台作業" }, { cookie: cookies.FB002 });
    expect(adjust.status).toBe(302);
    const correction = await post(settingsRoute, "/counters/settings", { intent: "correction", userId: String(fb010.id), day: "2026-11-03", count: "1", counterId: "", note: "姓名誤植" }, { cookie: cookies.FB002 });
    expect(correction.status).toBe(302);
    const refused = await post(settingsRoute, "/counters/settings", { intent: "adjustment", userId: String(fb010.id), day: "2026-11-03", mode: "add", hours: "1", reason: "" }, { cookie: cookies.FB002 });
    expect(refused.status).toBe(400);
    expect(refused.data.errors.reason).toBeDefined();
    // A version that would re-weigh imported cases is refused with the reason beside the date.
    const late = await post(settingsRoute, "/counters/settings", { intent: "caseType", name: "戶籍謄本", weight: "2", standardMinutes: "5", effectiveFrom: "2026-11-15" }, { cookie: cookies.FB002 });
    expect(late.status).toBe(400);
    expect(late.data.errors.effectiveFrom).toContain("2026-12-01");
    const after = await get(settingsRoute, "/counters/settings", { cookie: cookies.FB002 });
    expect(after.data.adjustments).toHaveLength(1);
    expect(after.data.corrections).toHaveLength(1);
    expect(after.data.settings.weights).toEqual({ productivity: 3, handling: 1, quality: 1 });
  });
});
