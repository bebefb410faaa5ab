// 員工滿意度調查 (issue 7, browser journey): the director (FB001) creates this half-year's round and
// opens it; three staff (FB010, FB011, FB012) answer it in their own browsers — FB010 first saves a
// draft and comes back with 「繼續填答」 — and the response rate FB001 sees moves from 0 to 3. While
// the round is open the results page shows only the rate and why results wait. Two more staff
// (FB013, FB014) answer (5 in all, the threshold), FB001 closes the round, and the figures appear:
// the overall index and a question's favourable share; the breakdown by 課別 hides its small groups.
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { roundPeriodLabel, periodOf } from "~/modules/surveys/response-rate";
import { DEMO_PASSWORD } from "../../seeds/demo";
import { field, hasServer, hydrated, launchBrowser, mainNav, see, signIn, startJourney, type Journey } from "./support/browser";

/** Opens a browser of this person's own and signs them in. */
async function signedIn(browser: Browser, employeeNo: string, who: string): Promise<Journey> {
  const journey = await startJourney(browser, `survey-${who}`);
  await journey.page.goto("/login");
  await signIn(journey.page, employeeNo, DEMO_PASSWORD);
  await journey.page.waitForURL((url) => url.pathname === "/");
  return journey;
}

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

/**
 * Answers every required question: one radio per required fieldset (the legend names it,
 * 「第 n 題 …」). `pick` chooses which radio of the group, so people answer differently.
 */
async function answerRequired(page: Page, pick: (count: number, index: number) => number) {
  const required = page.locator('fieldset[data-testid="question"][data-required="true"]');
  const n = await required.count();
  expect(n, "required questions on the form").toBeGreaterThan(20);
  for (let i = 0; i < n; i += 1) {
    const radios = required.nth(i).getByRole("radio");
    const count = await radios.count();
    await radios.nth(pick(count, i)).check();
  }
  return n;
}

/** The rate line 「已填答 3 / 44 人（6.8%）」, read into numbers. */
async function readRate(page: Page) {
  const text = (await page.getByTestId("response-rate-text").textContent()) ?? "";
  const m = /已填答 (\d+) \/ (\d+) 人（([\d.]+)%）/.exec(text);
  expect(m, `rate 「${text}」`).not.toBeNull();
  return { responded: Number(m![1]), audience: Number(m![2]), percent: Number(m![3]) };
}

describe.skipIf(!hasServer)("the director runs the half-year survey; staff answer anonymously; results appear only after closing, above the threshold", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("FB001 opens a round, five staff answer, the rate moves, results wait for closing and then show", { timeout: 300_000 }, async () => {
    const now = periodOf(new Date());
    const title = `${roundPeriodLabel(now.year, now.half)}員工滿意度調查`;
    const journeys: Journey[] = [];
    const start = async (employeeNo: string, who: string) => {
      const journey = await signedIn(browser, employeeNo, who);
      journeys.push(journey);
      return journey;
    };

    /** One staff member answers the round from the list; returns after the thank-you. */
    const answer = async (employeeNo: string, unit: string | null, pick: (count: number, i: number) => number, draftFirst = false) => {
      const staff = await start(employeeNo, `staff-${employeeNo}`);
      const page = staff.page;
      await mainNav(page).getByRole("link", { name: "員工滿意度調查", exact: true }).click();
      await page.waitForURL((url) => url.pathname === "/surveys");
      const card = page.getByTestId("round-card").filter({ hasText: title });
      await see(card.getByRole("link", { name: "開始填答", exact: true })).toBeVisible();
      // Staff see no response rate.
      await see(card.getByTestId("response-rate")).toHaveCount(0);
      await shot(staff, "list");
      await card.getByRole("link", { name: "開始填答", exact: true }).click();
      await page.waitForURL((url) => /^\/surveys\/\d+\/answer$/.test(url.pathname));
      await see(page.getByRole("heading", { name: "您的匿名如何受到保護" })).toBeVisible();
      await see(page.getByTestId("anonymity")).toContainText("只顯示至少 5 人的群組");
      await hydrated(page);
      if (draftFirst) {
        // 暫存 after one answer, then come back from the list with 「繼續填答」.
        await page.getByRole("group", { name: /^第 1 題/ }).getByRole("radio", { name: "同意", exact: true }).check();
        await post(page, page.getByRole("button", { name: "暫存", exact: true }));
        await see(page.getByTestId("notice")).toContainText("已暫存");
        await shot(staff, "draft-saved");
        await page.goto("/surveys");
        await page.getByTestId("round-card").filter({ hasText: title }).getByRole("link", { name: "繼續填答", exact: true }).click();
        await page.waitForURL((url) => /^\/surveys\/\d+\/answer$/.test(url.pathname));
        await see(page.getByRole("group", { name: /^第 1 題/ }).getByRole("radio", { name: "同意", exact: true })).toBeChecked();
        await hydrated(page);
      }
      if (unit) await page.getByRole("group", { name: /您服務的課別/ }).getByRole("radio", { name: unit, exact: true }).check();
      await answerRequired(page, pick);
      await shot(staff, "filled");
      await post(page, page.getByRole("button", { name: "送出", exact: true }));
      await see(page.getByTestId("thank-you")).toContainText("已完成填答，謝謝！");
      await shot(staff, "thank-you");
      await page.goto("/surveys");
      await see(page.getByTestId("round-card").filter({ hasText: title }).getByTestId("answered")).toHaveText("已完成填答，謝謝");
      await staff.close();
    };

    try {
      // ---------------------------------------------------------------- 1. FB001 creates and opens the round
      const director = await start("FB001", "1-director");
      let page = director.page;
      await mainNav(page).getByRole("link", { name: "員工滿意度調查", exact: true }).click();
      await page.waitForURL((url) => url.pathname === "/surveys");
      await page.getByRole("link", { name: "新增調查", exact: true }).click();
      await page.waitForURL((url) => url.pathname === "/surveys/new");
      await hydrated(page);
      await see(field(page, "年度")).toHaveValue(String(now.year));
      await page.getByRole("radio", { name: now.half === 1 ? "上半年" : "下半年", exact: true }).check();
      await see(page.getByRole("checkbox", { name: "課別", exact: true })).toBeChecked();
      await shot(director, "new-form");
      await page.getByRole("button", { name: "儲存", exact: true }).click();
      await page.waitForURL((url) => /^\/surveys\/\d+$/.test(url.pathname));
      const roundPath = new URL(page.url()).pathname;
      await see(page.getByRole("heading", { name: title, level: 1 })).toBeVisible();
      await see(page.getByTestId("round-state")).toHaveText("尚未開始");
      await see(page.getByTestId("questions-locked")).toContainText("開始調查");
      await shot(director, "round-planned");
      await hydrated(page);
      // The tick box is required (a 400 answer with the sentence beside it).
      const refused = page.waitForResponse((response) => response.request().method() === "POST");
      await page.getByRole("button", { name: "開始調查", exact: true }).click();
      expect((await refused).status()).toBe(400);
      await see(page.getByTestId("action-error")).toHaveText("請勾選確認方塊。");
      await page.getByRole("checkbox", { name: "我了解開始後題目即鎖定", exact: true }).check();
      await post(page, page.getByRole("button", { name: "開始調查", exact: true }));
      await see(page.getByTestId("notice")).toContainText("調查已開始");
      await see(page.getByTestId("round-state")).toHaveText("調查中");
      await see(page.getByTestId("questions-locked")).toHaveText("調查已開始，題目已鎖定，不能再修改。");
      const before = await readRate(page);
      expect(before.responded).toBe(0);
      expect(before.audience).toBeGreaterThanOrEqual(5);
      await see(page.getByTestId("remind-form")).toContainText(`尚未填答的 ${before.audience} 位同仁`);
      await shot(director, "round-open");

      // ---------------------------------------------------------------- 2. three staff answer
      await answer("FB010", "戶籍課", (count, i) => (i % 2 === 0 ? count - 1 : count - 2), true);
      await answer("FB011", "戶籍課", (count, i) => (i % 3 === 0 ? count - 3 : count - 2));
      await answer("FB012", "行政課", (count) => count - 1);

      // ---------------------------------------------------------------- 3. the rate moved 0 → 3; results still wait
      await page.reload();
      await see(page.getByTestId("response-rate-text")).toContainText("已填答 3 /");
      const after3 = await readRate(page);
      expect(after3).toMatchObject({ responded: 3, audience: before.audience });
      await see(page.getByRole("progressbar", { name: `填答率：3 / ${before.audience} 人，${after3.percent}%` })).toBeVisible();
      await shot(director, "rate-3");
      await page.getByTestId("results-link").click();
      await page.waitForURL((url) => url.pathname === `${roundPath}/results`);
      await see(page.getByTestId("results-pending")).toContainText("調查進行中只顯示填答率");
      await see(page.getByTestId("response-rate-text")).toContainText(`已填答 3 / ${before.audience} 人`);
      await see(page.getByTestId("overall-index")).toHaveCount(0);
      await shot(director, "results-while-open");

      // ---------------------------------------------------------------- 4. two more answer: 5, the threshold
      await answer("FB013", "行政課", (count) => count - 2);
      await answer("FB014", null, (count, i) => (i % 4 === 0 ? count - 3 : count - 1));

      // ---------------------------------------------------------------- 5. FB001 closes the round; figures appear
      await page.goto(roundPath);
      await see(page.getByTestId("response-rate-text")).toContainText(`已填答 5 / ${before.audience} 人`);
      await hydrated(page);
      await page.getByRole("checkbox", { name: "我確定要結束這次調查", exact: true }).check();
      await post(page, page.getByRole("button", { name: "結束調查", exact: true }));
      await see(page.getByTestId("notice")).toContainText("調查已結束");
      await see(page.getByTestId("round-state")).toHaveText("已結束");
      await shot(director, "round-closed");
      await page.getByTestId("results-link").click();
      await page.waitForURL((url) => url.pathname === `${roundPath}/results`);
      await see(page.getByTestId("overall-index-value")).toBeVisible();
      const overall = (await page.getByTestId("overall-index-value").textContent()) ?? "";
      expect(overall).toMatch(/^\d+(\.\d)?%$/);
      const env1 = page.locator('[data-testid="question-result"][data-question-id="env-1"]');
      await see(env1.getByTestId("favourable")).toBeVisible();
      expect((await env1.getByTestId("favourable").textContent()) ?? "").toMatch(/^正向比例 \d+(\.\d)?%$/);
      await see(env1).toContainText("作答 5 人");
      await see(page.getByTestId("enps")).toContainText("推薦者");
      // 課別: 戶籍課 2, 行政課 2, 未填答 1 — every group under 5, so each says so.
      const unit = page.locator('[data-testid="breakdown"][data-demographic-id="unit"]');
      await see(unit.locator('[data-testid="breakdown-group"][data-shown="true"]')).toHaveCount(0);
      await see(unit.getByTestId("group-suppressed").first()).toHaveText("回覆人數未達 5 人，為保護匿名不顯示。");
      // Comments wait for 10 respondents.
      await see(page.getByTestId("comments-suppressed").first()).toHaveText("回覆人數未達 10 人，為保護匿名不列出文字意見。");
      await shot(director, "results");

      // The one refusal above (開始調查 without the tick) answers 400 on purpose; nothing else may fail.
      for (const j of journeys) {
        const problems = j.name.endsWith("director") ? j.problems.filter((p) => !/status of 400/.test(p)) : j.problems;
        expect(problems, `${j.name}: ${j.problems.join("\n")}`).toEqual([]);
      }
    } finally {
      for (const j of journeys) await j.close().catch(() => undefined);
    }
  });
});
