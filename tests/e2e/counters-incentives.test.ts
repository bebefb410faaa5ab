// Counter performance and incentive scoring (issue 8, browser journey): the supervisor (FB002) adds the
// case types the queue system's export uses (/counters/settings), uploads a month of that export
// (tests/fixtures/queue-sample.csv) through the three import steps — the preview lists the four bad lines
// (50, 145, 242, 359) and 只匯入正確的資料列 stores the other 580 tickets — reads the month's ranking
// (rank 1 with a score; a person listed but not ranked, with the reason), applies the example incentive
// rules, generates the 櫃台績效評比名次 entries from that ranking, approves them, and closes the month on
// the scoreboard. The rank-1 clerk then signs in and finds the month, their rank and the
// 櫃台績效評比名次 points on 我的獎勵積分 (/incentives/mine). Each person has a browser of their own.
//
// The month: the fixture holds November 2026 (2026/11/02–30). Ranking entries and closing need a month
// that has ended (Asia/Taipei); until 1 December 2026 the journey uploads the same file with its dates
// moved to October 2026 (same days of the month, same lines, same errors) so that it can run the whole
// story today. From December on it uploads the file exactly as stored and works on 2026-11.
import fs from "node:fs";
import path from "node:path";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../../seeds/demo";
import { field, hasServer, hydrated, launchBrowser, mainNav, see, signIn, startJourney, type Journey } from "./support/browser";

const FIXTURE = path.resolve(import.meta.dirname, "../fixtures/queue-sample.csv");
const FIXTURE_NAME = "queue-sample.csv";
const ERROR_LINES = [50, 145, 242, 359];
const INSERTED = 580;
const COUNTER_RANK_ITEM = "櫃台績效評比名次"; // app/modules/incentives/rules.ts KEY_ITEMS.counter_rank
const RANK_POINTS: Record<number, number> = { 1: 5, 2: 3, 3: 2 }; // the example rule: 第1名 5 點、第2名 3 點、第3名 2 點

/** Weight and standard minutes per case type (a realistic table; unknown types get 1.0 / 10). */
const CASE_TYPE_SETTINGS: Record<string, { weight: string; minutes: string }> = {
  出生登記: { weight: "2", minutes: "20" },
  死亡登記: { weight: "2", minutes: "20" },
  結婚登記: { weight: "1.5", minutes: "15" },
  離婚登記: { weight: "2", minutes: "20" },
  遷徙登記: { weight: "1.5", minutes: "15" },
  "分(合)戶登記": { weight: "1.5", minutes: "15" },
  身分證換補: { weight: "1", minutes: "10" },
  戶籍謄本: { weight: "0.5", minutes: "5" },
  戶口名簿: { weight: "0.6", minutes: "6" },
  印鑑證明: { weight: "0.6", minutes: "6" },
  自然人憑證: { weight: "0.8", minutes: "10" },
};

/** YYYY-MM-DD in Taipei today. */
function taipeiToday(): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Taipei" }).format(new Date());
}

/** The month the journey works on and the file it uploads (see the header). */
function monthAndFile(): { month: string; label: string; csv: string } {
  const csv = fs.readFileSync(FIXTURE, "utf8");
  if (taipeiToday() >= "2026-12-01") return { month: "2026-11", label: "民國115年11月", csv };
  expect(csv.includes("2026/10/"), "the fixture holds no October dates").toBe(false);
  return { month: "2026-10", label: "民國115年10月", csv: csv.replaceAll("2026/11/", "2026/10/") };
}

/** The records of a CSV text (RFC 4180: quoted fields may hold commas, doubled quotes and newlines). */
function csvRecords(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") record.push(cell), (cell = "");
    else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      record.push(cell), records.push(record), (record = []), (cell = "");
    } else cell += c;
  }
  if (cell || record.length) record.push(cell), records.push(record);
  return records.filter((r) => r.some((v) => v.trim()));
}

/** The case types the file uses, read from its 案件類別 column. */
function caseTypesOf(csv: string): string[] {
  const [header, ...rows] = csvRecords(csv.replace(/^\uFEFF/, ""));
  const column = header.indexOf("案件類別");
  expect(column, "the 案件類別 column").toBeGreaterThanOrEqual(0);
  return [...new Set(rows.map((r) => (r[column] ?? "").trim()).filter(Boolean))].sort();
}

/** Opens a browser of this person's own and signs them in (one journey per person). */
async function signedIn(browser: Browser, employeeNo: string, who: string): Promise<Journey> {
  const journey = await startJourney(browser, `counters-incentives-${who}`);
  await journey.page.goto("/login");
  await signIn(journey.page, employeeNo, DEMO_PASSWORD);
  await journey.page.waitForURL((url) => url.pathname === "/");
  return journey;
}

/** journey.shot from the top of the page (a scrolled window draws the fixed header over the content). */
async function shot(journey: Journey, label: string) {
  await journey.page.evaluate(() => window.scrollTo(0, 0));
  await journey.shot(label);
}

/** Clicks a submit button and waits for the server's answer to that POST. */
async function post(page: Page, button: Locator) {
  await hydrated(page);
  const answered = page.waitForResponse((response) => response.request().method() === "POST");
  await button.click();
  const response = await answered;
  expect(response.status(), `POST ${response.url()}`).toBeLessThan(400);
}

const cellText = async (cell: Locator) => ((await cell.textContent()) ?? "").replace(/\s+/g, " ").trim();

describe.skipIf(!hasServer)("a supervisor imports the queue export, ranks the month and scores incentives; the rank-1 clerk sees their points", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it(
    "FB002 adds the case types, imports the month (4 bad lines left out), reads the ranking, applies the example rules, generates and approves the rank entries and closes the month; the rank-1 clerk sees 櫃台績效評比名次 points",
    { timeout: 300_000 },
    async () => {
      const { month, label, csv } = monthAndFile();
      const caseTypes = caseTypesOf(csv);
      expect(caseTypes.length, "case types in the file").toBeGreaterThan(5);
      const journeys: Journey[] = [];
      const start = async (employeeNo: string, who: string) => {
        const journey = await signedIn(browser, employeeNo, who);
        journeys.push(journey);
        return journey;
      };
      try {
        // ---------------------------------------------------------------- 1. FB002 adds the case types
        const supervisor = await start(DEMO_ACCOUNTS.supervisor, "1-supervisor-FB002");
        let page = supervisor.page;
        await page.goto("/counters/settings");
        await see(page.getByRole("heading", { name: "績效評比設定", level: 1 })).toBeVisible();
        await see(page.getByText("尚未設定任何案件類別；匯入前請先新增。")).toBeVisible();
        await shot(supervisor, "settings-empty");
        for (const name of caseTypes) {
          const s = CASE_TYPE_SETTINGS[name] ?? { weight: "1", minutes: "10" };
          await hydrated(page);
          const form = page.locator("form").filter({ has: page.getByRole("button", { name: "新增版本", exact: true }) });
          // Scoped to the case-type form: the daily-totals form on the same page also has a 案件類別.
          await form.getByLabel(/^\s*案件類別\s*\*?\s*$/).fill(name);
          await form.getByLabel(/^\s*權重\s*\*?\s*$/).fill(s.weight);
          await form.getByLabel(/^\s*標準作業時間（分）\s*\*?\s*$/).fill(s.minutes);
          await form.getByLabel(/^\s*生效日\s*\*?\s*$/).fill(`${month}-01`);
          await post(page, form.getByRole("button", { name: "新增版本", exact: true }));
          await page.waitForURL((url) => url.pathname === "/counters/settings" && url.searchParams.get("notice") === "caseType");
          await see(page.getByTestId("notice")).toHaveText("已新增案件類別版本。");
          const row = page.getByTestId("case-types").getByRole("row").filter({ has: page.getByRole("rowheader", { name, exact: true }) });
          await see(row).toHaveCount(1);
          await see(row).toContainText(`${month}-01`);
          await see(row).toContainText("目前適用");
        }
        await see(page.getByTestId("case-types").locator("tbody tr")).toHaveCount(caseTypes.length);
        await shot(supervisor, "settings-case-types");

        // ---------------------------------------------------------------- 2. Import: upload, mapping, preview, result
        await page.getByRole("link", { name: "匯入叫號系統資料", exact: true }).click();
        await page.waitForURL((url) => url.pathname === "/counters/import");
        await see(page.getByRole("heading", { name: "匯入叫號系統資料", level: 1 })).toBeVisible();
        await hydrated(page);
        await page.locator("#f-file").setInputFiles({ name: FIXTURE_NAME, mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") });
        await shot(supervisor, "import-upload");
        await post(page, page.getByRole("button", { name: "下一步：對應欄位", exact: true }));
        const mapping = page.getByTestId("mapping-step");
        await see(mapping).toBeVisible();
        await see(mapping).toContainText(`「${FIXTURE_NAME}」：`);
        await see(mapping).toContainText("11 個欄位");
        // Pre-filled from the header (or remembered from an earlier import of this office).
        await see(field(page, "號碼牌")).toHaveValue("號碼");
        await see(field(page, "承辦人員編號")).toHaveValue("承辦人員編號");
        await see(field(page, "案件類別")).toHaveValue("案件類別");
        await see(field(page, "結束服務時間")).toHaveValue("結束服務時間");
        await shot(supervisor, "import-mapping");
        await post(page, page.getByRole("button", { name: "下一步：預覽", exact: true }));
        const preview = page.getByTestId("preview-step");
        await see(preview).toBeVisible();
        await see(page.getByTestId("preview-new")).toContainText(String(INSERTED));
        await see(page.getByTestId("preview-errors")).toContainText(String(ERROR_LINES.length));
        const errorTable = page.getByTestId("error-table");
        await see(errorTable).toBeVisible();
        const errorLines = [
          ...new Set(
            (await errorTable.locator("tbody tr").evaluateAll((rows) => rows.map((r) => Number(r.querySelector("td")?.textContent?.trim())))) as number[]
          ),
        ].sort((a, b) => a - b);
        expect(errorLines, "lines with errors in the preview").toEqual(ERROR_LINES);
        await see(page.getByRole("radio", { name: "只匯入正確的資料列", exact: true })).toBeChecked();
        await page.getByRole("radio", { name: "只匯入正確的資料列", exact: true }).check();
        await shot(supervisor, "import-preview");
        await post(page, preview.getByRole("button", { name: "匯入", exact: true }));
        const result = page.getByTestId("import-result");
        await see(result).toBeVisible();
        await see(result).toContainText(`「${FIXTURE_NAME}」已匯入。`);
        await see(page.getByTestId("result-inserted")).toContainText(String(INSERTED));
        await shot(supervisor, "import-result");

        // ---------------------------------------------------------------- 3. The month's ranking
        await page.goto(`/counters?period=${month}`);
        await see(page.getByRole("heading", { name: "櫃台績效評比", level: 1 })).toBeVisible();
        await see(page.getByRole("heading", { name: `${label}排名`, level: 2 })).toBeVisible();
        await see(page.getByTestId("unweighted")).toHaveCount(0);
        const rankedRows = page.getByTestId("ranked-row");
        await see(rankedRows.first()).toBeVisible();
        const first = rankedRows.first();
        await see(first.getByRole("cell").first()).toHaveText("1");
        const firstHeader = await cellText(first.getByRole("rowheader"));
        const firstNo = /FB\d{3}/.exec(firstHeader)?.[0];
        expect(firstNo, `rank 1 「${firstHeader}」`).toBeTruthy();
        const firstName = firstHeader.replace(firstNo!, "").trim();
        const score = Number((await cellText(first.getByRole("cell").nth(7))).replace(/,/g, ""));
        expect(score, "rank 1's score").toBeGreaterThan(0);
        expect(score).toBeLessThanOrEqual(100);
        expect(firstNo, "FB002 is not at the counters").not.toBe(DEMO_ACCOUNTS.supervisor);
        // Who earns a rank entry: ranks 1–3 of the example rule (ties share a rank).
        const ranks = (await rankedRows.evaluateAll((rows) => rows.map((r) => Number(r.querySelector("td")?.textContent?.trim())))) as number[];
        const expectedEntries = ranks.filter((r) => r in RANK_POINTS).length;
        expect(ranks.filter((r) => r === 1).length, "one person at rank 1").toBe(1);
        const caption = page.getByTestId("ranking-table").locator("caption");
        await see(caption).toContainText(`排名 ${ranks.length} 人`);
        const unranked = page.getByTestId("unranked-row");
        await see(unranked.first()).toBeVisible();
        const unrankedReason = await cellText(unranked.first().getByRole("cell").nth(2));
        expect(unrankedReason, "an unranked person's reason").not.toBe("");
        await see(page.getByTestId("formula")).toContainText("收斂");
        await shot(supervisor, "ranking");

        // ---------------------------------------------------------------- 4. Example incentive rules
        await page.goto("/incentives/rules");
        await see(page.getByRole("heading", { name: "獎勵規則", level: 1 })).toBeVisible();
        await see(page.getByTestId("no-rules")).toBeVisible();
        await shot(supervisor, "rules-none");
        await post(page, page.getByRole("button", { name: "套用範例規則", exact: true }));
        const rules = page.getByTestId("rules");
        await see(rules).toBeVisible();
        const rankRule = rules.getByRole("row").filter({ hasText: COUNTER_RANK_ITEM });
        await see(rankRule).toHaveCount(1);
        await see(rankRule).toContainText("第1名 5 點");
        await see(page.getByTestId("no-rules")).toHaveCount(0);
        await shot(supervisor, "rules-applied");

        // ---------------------------------------------------------------- 5. Entries from the ranking, approved
        await page.getByRole("link", { name: "登錄與核定", exact: true }).click();
        await page.waitForURL((url) => url.pathname === "/incentives/entries");
        await page.goto(`/incentives/entries?period=${month}`);
        await see(page.getByRole("heading", { name: "獎勵登錄與核定", level: 1 })).toBeVisible();
        await see(page.getByRole("heading", { name: `由其他模組產生（${label}）`, level: 2 })).toBeVisible();
        await post(page, page.getByRole("button", { name: "由櫃台績效名次產生", exact: true }));
        await page.waitForURL((url) => url.pathname === "/incentives/entries" && url.searchParams.get("generated") !== null);
        await see(page.getByTestId("generated")).toHaveText(`已產生 ${expectedEntries} 筆待核定的登錄（0 筆先前已產生，未重複）。`);
        const pending = page.getByTestId("pending");
        await see(page.getByRole("heading", { name: `待核定（${expectedEntries} 筆）`, level: 2 })).toBeVisible();
        const firstEntry = pending.locator("tbody tr").filter({ hasText: firstNo! });
        await see(firstEntry).toHaveCount(1);
        await see(firstEntry).toContainText(COUNTER_RANK_ITEM);
        await see(firstEntry).toContainText("第 1 名");
        await see(firstEntry).toContainText("櫃台績效名次");
        await see(pending.getByText("本人的登錄，請由其他主管核定")).toHaveCount(0);
        await shot(supervisor, "entries-pending");
        for (let left = expectedEntries; left > 0; left--) {
          const approve = pending.getByRole("button", { name: /^核定 .+ 的櫃台績效評比名次$/ }).first();
          await post(page, approve);
          await see(page.getByRole("heading", { name: left - 1 ? `待核定（${left - 1} 筆）` : "待核定（0 筆）", level: 2 })).toBeVisible();
        }
        await see(page.getByText("目前沒有待核定的登錄。")).toBeVisible();
        await see(page.getByRole("heading", { name: `${label}已核定與未核定的登錄`, level: 2 })).toBeVisible();
        await shot(supervisor, "entries-approved");

        // ---------------------------------------------------------------- 6. The scoreboard, closed
        await page.goto(`/incentives?period=${month}`);
        await see(page.getByRole("heading", { name: "獎勵積分排行", level: 1 })).toBeVisible();
        await see(page.getByText("本期尚未結算，積分仍可能變動。")).toBeVisible();
        const board = page.getByTestId("scoreboard");
        await see(board.locator("caption")).toHaveText(`${label}獎勵積分排行`);
        const boardRow = board.locator("tbody tr").filter({ hasText: firstNo! });
        await see(boardRow).toHaveCount(1);
        await see(boardRow.getByRole("cell").first()).toHaveText("1");
        await see(boardRow.getByRole("rowheader")).toHaveText(firstName);
        await shot(supervisor, "board-open");
        const close = page.getByRole("button", { name: `結算${label}`, exact: true });
        await see(close).toBeVisible();
        await page.getByRole("checkbox", { name: "我了解結算後積分即凍結，之後的更正將列為調整" }).check();
        await post(page, close);
        await page.waitForURL((url) => url.pathname === "/incentives" && url.searchParams.get("notice") === "saved");
        await see(page.getByTestId("closed")).toContainText("本期已結算（");
        await see(page.getByRole("button", { name: `結算${label}`, exact: true })).toHaveCount(0);
        await see(page.getByTestId("scoreboard").locator("tbody tr").filter({ hasText: firstNo! })).toContainText(`${RANK_POINTS[1]}`);
        await shot(supervisor, "board-closed");
        expect(supervisor.problems, supervisor.name).toEqual([]);

        // ---------------------------------------------------------------- 7. The rank-1 clerk sees their points
        const staff = await start(firstNo!, `2-staff-${firstNo}`);
        page = staff.page;
        await mainNav(page).getByRole("link", { name: "獎勵積分", exact: true }).click();
        await page.waitForURL((url) => url.pathname === "/incentives");
        await page.getByRole("link", { name: "我的積分", exact: true }).click();
        await page.waitForURL((url) => url.pathname === "/incentives/mine");
        await see(page.getByRole("heading", { name: "我的獎勵積分", level: 1 })).toBeVisible();
        const myMonth = page.getByTestId("my-periods").locator("tbody tr").filter({ has: page.getByRole("link", { name: label, exact: true }) });
        await see(myMonth).toHaveCount(1);
        await see(myMonth).toContainText("已結算");
        await see(myMonth.getByRole("cell").nth(0)).toContainText("第 1 名／");
        await see(myMonth.getByRole("cell").nth(1)).toHaveText(`${COUNTER_RANK_ITEM} ${RANK_POINTS[1]}`);
        await see(myMonth.getByRole("cell").nth(2)).toHaveText(String(RANK_POINTS[1]));
        await see(page.getByTestId("year-total")).toContainText(`民國115年累計 ${RANK_POINTS[1]} 點`);
        const myEntry = page.getByRole("region", { name: "我的登錄" }).getByRole("row").filter({ hasText: COUNTER_RANK_ITEM });
        await see(myEntry).toHaveCount(1);
        await see(myEntry).toContainText("已核定");
        await shot(staff, "mine");

        for (const journey of journeys) expect(journey.problems, journey.name).toEqual([]);
      } finally {
        for (const journey of journeys) await journey.close();
      }
    }
  );
});
