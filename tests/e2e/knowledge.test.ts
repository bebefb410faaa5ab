// Special cases and news clippings (issue 6, browser journey): the staff member (FB010) opens 特殊案例彙編
// from the menu and searches 認領: every result shows 認領 in <mark>, the title matches come first, and
// 「生父認領非婚生子女之認領登記」 opens with its 法令依據 (民法第1065條) and its facts. The supervisor (FB002)
// records a new clipping on /clippings/new and circulates it 必閱 to the whole office, due in five days.
// FB010 finds it pinned in 待辦事項 on the home page, follows it, acknowledges it with a comment, and the
// home page no longer lists it. The supervisor reloads the clipping: FB010's row reads 已閱 with the time
// FB010 was shown and the comment, and 已閱 n／N has gone up by one. Each person has a browser of their own.
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatRocDate } from "~/i18n/dates";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../../seeds/demo";
import { FUBEI_CASES } from "../../seeds/demo-knowledge";
import { demoPeople } from "./support/demo-people";
import { field, hasServer, hydrated, launchBrowser, mainNav, see, signIn, startJourney, type Journey } from "./support/browser";

const QUERY = "認領";
const CASE_TITLE = "生父認領非婚生子女之認領登記"; // seeds/demo-knowledge.ts, shared by 府北
const SEEDED_CASE = FUBEI_CASES.find((c) => c.title === CASE_TITLE)!;

// The journey's own clipping: a fresh database per run, and a phrase no seeded clipping uses.
const CLIPPING = {
  title: "假認領真移民集團遭破獲　戶所櫃台協助識破偽造出生證明",
  outlet: "中央社",
  url: "https://example.com/news/false-acknowledgement-ring",
  summary: "檢警破獲以假認領方式協助外籍子女取得我國國籍之集團，集團成員偽造國外出生證明及親子鑑定報告，戶政事務所承辦人員發現文件格式異常後通報，協助查獲。",
  lesson: "受理認領登記時，國外出生證明與親子鑑定報告應核對驗證章戳；文件有疑義時先行查證，必要時通報。",
  tags: "認領、偽造文書、國籍",
};
const NOTE = "請各課於晨會宣導認領文件之查核要點。";
const ACK_COMMENT = "戶籍課已於晨會宣導，並將驗證章戳核對列入檢核表。";

/** YYYY-MM-DD in Taipei, `days` from today. */
function taipeiDate(days = 0): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Taipei" }).format(new Date(Date.now() + days * 86_400_000));
}
const dayOf = (ymd: string) => `${ymd}T00:00:00+08:00`;

/** Opens a browser of this person's own and signs them in (one journey per person). */
async function signedIn(browser: Browser, employeeNo: string, who: string): Promise<Journey> {
  const journey = await startJourney(browser, `knowledge-${who}`);
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

/** The 「已閱 n／N」 figures of a circulation. */
async function acknowledgedCount(circulation: Locator): Promise<{ n: number; total: number }> {
  const counts = circulation.getByTestId("circulation-counts");
  await see(counts).toContainText("已閱 ");
  const text = ((await counts.textContent()) ?? "").replace(/\s+/g, " ");
  const match = /已閱 (\d+)／(\d+)/.exec(text);
  expect(match, `「已閱 n／N」 in 「${text}」`).not.toBeNull();
  return { n: Number(match![1]), total: Number(match![2]) };
}

describe.skipIf(!hasServer)("special cases and news clippings", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("FB010 searches 認領 and opens a case; FB002 circulates a new clipping 必閱; FB010 acknowledges it from the home page; FB002 sees it acknowledged", { timeout: 240_000 }, async () => {
    const people = await demoPeople();
    const staff = people.get(DEMO_ACCOUNTS.staff)!;
    const journeys: Journey[] = [];
    const start = async (employeeNo: string, who: string) => {
      const journey = await signedIn(browser, employeeNo, who);
      journeys.push(journey);
      return journey;
    };
    try {
      // ---------------------------------------------------------------- 1. FB010 searches 認領
      const clerk = await start(DEMO_ACCOUNTS.staff, "1-staff-FB010");
      let page = clerk.page;
      await mainNav(page).getByRole("link", { name: "特殊案例彙編", exact: true }).click();
      await page.waitForURL((url) => url.pathname === "/cases");
      await see(page.getByRole("heading", { name: "特殊案例彙編", level: 1 })).toBeVisible();
      await shot(clerk, "cases");

      await hydrated(page);
      const searchForm = page.getByRole("search", { name: "搜尋案例" });
      await searchForm.getByRole("searchbox", { name: "搜尋案例" }).fill(QUERY);
      await searchForm.getByRole("button", { name: "搜尋", exact: true }).click();
      await page.waitForURL((url) => url.pathname === "/cases" && url.searchParams.get("q") === QUERY);
      await see(page.getByRole("searchbox", { name: "搜尋案例" })).toHaveValue(QUERY);
      // The badge comes with the search's answer: before it, the count is still the unfiltered library's.
      await see(page.getByText("依相關程度排序（標題相符者在前）")).toBeVisible();
      const count = page.getByTestId("result-count");
      await see(count).toContainText("找到 ");
      const found = Number(/找到 (\d+) 件/.exec((await count.textContent()) ?? "")?.[1] ?? NaN);
      expect(found, "「找到 N 件」 for 認領").toBeGreaterThanOrEqual(3);

      const results = page.getByRole("list", { name: "搜尋結果" }).getByTestId("case-result");
      await see(results).toHaveCount(Math.min(found, 20));
      const titles: string[] = [];
      const titleMatches: boolean[] = [];
      for (const result of await results.all()) {
        // Every result shows 認領 highlighted, in its title or its excerpt.
        expect(await result.locator("mark", { hasText: QUERY }).count(), `a <mark>${QUERY}</mark> in 「${await result.textContent()}」`).toBeGreaterThan(0);
        const heading = result.getByRole("heading", { level: 2 });
        titles.push(((await heading.textContent()) ?? "").trim());
        titleMatches.push((await heading.locator("mark", { hasText: QUERY }).count()) > 0);
      }
      // The three seeded cases with 認領 in their titles, 東區's shared one among them.
      for (const title of [CASE_TITLE, "生父撫育視為認領之登記疑義", "外籍生母所生子女之認領與國籍"]) {
        expect(titles, `results for ${QUERY}`).toContain(title);
      }
      // Title matches first: no title match after a result that matched only in its text.
      const firstBodyOnly = titleMatches.indexOf(false);
      if (firstBodyOnly >= 0) expect(titleMatches.slice(firstBodyOnly), `title matches before body matches: ${titles.join(" / ")}`).not.toContain(true);
      await shot(clerk, "search-results");

      await results.getByRole("link", { name: CASE_TITLE, exact: true }).click();
      await page.waitForURL((url) => /^\/cases\/\d+$/.test(url.pathname));
      await see(page.getByRole("heading", { name: CASE_TITLE, level: 1 })).toBeVisible();
      const legalBasis = page.getByTestId("legal-basis");
      await see(legalBasis).toContainText("法令依據");
      await see(legalBasis).toContainText("民法第1065條");
      await see(legalBasis).toContainText("戶籍法第7條");
      await see(page.getByTestId("facts")).toContainText(SEEDED_CASE.facts);
      await see(page.getByTestId("issue")).toContainText(SEEDED_CASE.issue);
      await see(page.getByTestId("handling")).toContainText(SEEDED_CASE.handling);
      await see(page.getByTestId("lessons")).toContainText(SEEDED_CASE.lessons!);
      await shot(clerk, "case");

      // ---------------------------------------------------------------- 2. FB002 adds a clipping and circulates it
      const supervisor = await start(DEMO_ACCOUNTS.supervisor, "2-supervisor-FB002");
      page = supervisor.page;
      await mainNav(page).getByRole("link", { name: "新聞蒐集與傳閱", exact: true }).click();
      await page.waitForURL((url) => url.pathname === "/clippings");
      await page.getByRole("link", { name: "新增剪報", exact: true }).click();
      await page.waitForURL((url) => url.pathname === "/clippings/new");
      await see(page.getByRole("heading", { name: "新增剪報", level: 1 })).toBeVisible();
      await hydrated(page);
      const publishedOn = taipeiDate(-1);
      await field(page, "新聞標題").fill(CLIPPING.title);
      await field(page, "媒體").fill(CLIPPING.outlet);
      await field(page, "連結").fill(CLIPPING.url);
      await field(page, "刊登日期").fill(publishedOn);
      await field(page, "摘要").fill(CLIPPING.summary);
      await field(page, "對本所之啟示").fill(CLIPPING.lesson);
      await field(page, "標籤").fill(CLIPPING.tags);
      await shot(supervisor, "clipping-form");
      await page.getByTestId("clipping-form").getByRole("button", { name: "儲存", exact: true }).click();
      await page.waitForURL((url) => /^\/clippings\/\d+$/.test(url.pathname));
      const clippingPath = new URL(page.url()).pathname;
      await see(page.getByRole("heading", { name: CLIPPING.title, level: 1 })).toBeVisible();
      const content = page.getByTestId("clipping-content");
      await see(content).toContainText(CLIPPING.outlet);
      await see(content).toContainText(formatRocDate(dayOf(publishedOn)));
      await see(page.getByTestId("summary")).toContainText(CLIPPING.summary);
      await see(page.getByTestId("lesson")).toContainText(CLIPPING.lesson);
      for (const tag of ["認領", "偽造文書", "國籍"]) await see(content.getByRole("link", { name: tag, exact: true })).toBeVisible();
      await see(page.getByTestId("circulations")).toContainText("尚未傳閱。");
      await shot(supervisor, "clipping-created");

      await hydrated(page);
      const circulateForm = page.getByTestId("circulate-form");
      const mandatory = circulateForm.getByRole("radio", { name: "必閱（需在期限內確認已閱）", exact: true });
      await mandatory.check();
      await see(mandatory).toBeChecked();
      const dueOn = taipeiDate(5);
      await field(page, "完成期限（必閱）").fill(dueOn);
      const wholeOffice = circulateForm.getByRole("radio", { name: "全所同仁", exact: true });
      await wholeOffice.check();
      await see(wholeOffice).toBeChecked();
      await field(page, "附註（選填）").fill(NOTE);
      await shot(supervisor, "circulate-form");
      await post(page, circulateForm.getByRole("button", { name: "送出傳閱", exact: true }));
      await see(page.getByTestId("notice")).toHaveText("已傳閱並通知收件同仁。");
      const circulation = page.getByTestId("circulation");
      await see(circulation).toHaveCount(1);
      await see(circulation.getByRole("heading", { level: 3 })).toContainText("必閱傳閱");
      await see(circulation).toContainText(`期限：${formatRocDate(dayOf(dueOn))}`);
      await see(circulation).toContainText(NOTE);
      const before = await acknowledgedCount(circulation);
      expect(before.n, "已閱 before anyone acknowledged").toBe(0);
      expect(before.total, "recipients of a whole-office circulation").toBeGreaterThan(1);
      const staffRow = () => page.getByTestId("recipient-row").filter({ hasText: staff.employeeNo });
      await see(staffRow()).toHaveCount(1);
      await see(staffRow()).toContainText(staff.name);
      await see(staffRow()).toContainText("未開啟");
      await shot(supervisor, "circulated");

      // ---------------------------------------------------------------- 3. FB010 acknowledges it from the home page
      page = clerk.page;
      await page.goto("/");
      const pinnedLink = page.getByTestId("waiting-list").getByRole("link", { name: `新聞傳閱「${CLIPPING.title}」待您確認已閱`, exact: true });
      await see(pinnedLink).toBeVisible();
      const pinned = page.getByTestId("pinned-clipping").filter({ hasText: CLIPPING.title });
      await see(pinned).toContainText("必閱");
      await see(pinned).toContainText(`期限：${formatRocDate(dayOf(dueOn))}`);
      await shot(clerk, "home-pinned");

      await hydrated(page);
      await pinnedLink.click();
      await page.waitForURL((url) => url.pathname === clippingPath);
      await see(page.getByRole("heading", { name: CLIPPING.title, level: 1 })).toBeVisible();
      const ackForm = page.getByTestId("acknowledge-form");
      await see(ackForm.getByRole("heading", { name: "確認已閱" })).toBeVisible();
      await see(ackForm).toContainText(`必閱，請於${formatRocDate(dayOf(dueOn))}前確認已閱。`);
      await see(page.getByTestId("summary")).toContainText(CLIPPING.summary);
      // A recipient sees neither the circulation report nor the 傳閱 form.
      await see(page.getByTestId("circulations")).toHaveCount(0);
      await see(page.getByTestId("circulate-form")).toHaveCount(0);
      await hydrated(page);
      await field(page, "意見（選填）").fill(ACK_COMMENT);
      await shot(clerk, "acknowledge-form");
      await post(page, ackForm.getByRole("button", { name: "確認已閱", exact: true }));
      await see(page.getByTestId("notice")).toHaveText("已確認已閱，謝謝。");
      const acknowledged = page.getByTestId("acknowledged");
      await see(acknowledged).toContainText("確認已閱。");
      await see(acknowledged).toContainText(`您的意見：${ACK_COMMENT}`);
      await see(page.getByTestId("acknowledge-form")).toHaveCount(0);
      const ackText = ((await acknowledged.textContent()) ?? "").replace(/\s+/g, " ");
      const ackAt = /您已於 (.+?) 確認已閱。/.exec(ackText)?.[1];
      expect(ackAt, `the acknowledgement time in 「${ackText}」`).toMatch(new RegExp(`^${formatRocDate(new Date())} \\d{2}:\\d{2}$`));
      await shot(clerk, "acknowledged");

      await page.goto("/");
      await see(page.getByRole("link", { name: `新聞傳閱「${CLIPPING.title}」待您確認已閱` })).toHaveCount(0);
      await see(page.getByTestId("pinned-clipping").filter({ hasText: CLIPPING.title })).toHaveCount(0);
      await shot(clerk, "home-after");

      // ---------------------------------------------------------------- 4. FB002 sees it acknowledged
      page = supervisor.page;
      await page.reload();
      await see(page.getByRole("heading", { name: CLIPPING.title, level: 1 })).toBeVisible();
      const after = await acknowledgedCount(page.getByTestId("circulation"));
      expect(after, "已閱 n／N after FB010 acknowledged").toEqual({ n: before.n + 1, total: before.total });
      const row = staffRow();
      await see(row).toHaveCount(1);
      const cells = row.getByRole("cell");
      await see(cells.nth(1)).toHaveText("已閱");
      await see(cells.nth(2)).toContainText(formatRocDate(new Date())); // opened
      await see(cells.nth(3)).toHaveText(ackAt!); // acknowledged, the time FB010 was shown
      await see(cells.nth(4)).toHaveText(ACK_COMMENT);
      await see(cells.nth(5)).toHaveText("—"); // not overdue
      await shot(supervisor, "acknowledged-report");

      for (const journey of journeys) expect(journey.problems, journey.name).toEqual([]);
    } finally {
      for (const journey of journeys) await journey.close();
    }
  });
});
