// The supervisor prepares and runs the review meeting (解說會) of last month's 法令測驗 (issue 3,
// browser journey): opens the quizzes page, the closed October quiz's statistics (participants
// against the audience, a question flagged as likely bad), then presenter mode: steps to question 2
// with the keyboard, reveals how the office answered it and then its explanation.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../../seeds/demo";
import { hasServer, hydrated, launchBrowser, mainNav, see, signIn, startJourney } from "./support/browser";

const CLOSED_QUIZ = "115年10月份法令測驗"; // seeds/demo-quizzes.ts: closed, 10 fixed questions, 30 colleagues took it

describe.skipIf(!hasServer)("a supervisor runs the review meeting", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("reads the statistics, then presents question 2 with its answers and explanation", async () => {
    const journey = await startJourney(browser, "quiz-review-meeting");
    const { page } = journey;
    try {
      await page.goto("/login");
      await signIn(page, DEMO_ACCOUNTS.supervisor, DEMO_PASSWORD);
      await page.waitForURL((url) => url.pathname === "/");

      await mainNav(page).getByRole("link", { name: "法令測驗", exact: true }).click();
      await page.waitForURL((url) => url.pathname === "/quizzes");
      const table = page.getByTestId("manage-table");
      await see(table).toBeVisible();
      await see(page.getByRole("link", { name: "新增測驗" })).toBeVisible();
      const row = table.getByRole("row").filter({ hasText: CLOSED_QUIZ });
      await see(row).toContainText("已結束");
      await see(row).toContainText("30 /");
      await journey.shot("quizzes");

      // Statistics: participants against the audience, and at least one flagged question.
      await row.getByRole("link", { name: "統計" }).click();
      await page.waitForURL((url) => /^\/quizzes\/\d+\/stats$/.test(url.pathname));
      await see(page.getByRole("heading", { level: 1 })).toHaveText(`測驗統計：${CLOSED_QUIZ}`);
      await see(page.getByTestId("stat-participants")).toContainText("30 /");
      const flagged = page.locator("[data-testid=question-stats] tr[data-flagged=true]");
      expect(await flagged.count()).toBeGreaterThan(0);
      await see(flagged.first().getByTestId("question-flags")).toBeVisible();
      await see(page.getByTestId("weakest-topics")).toBeVisible();
      await see(page.getByTestId("people-results")).toBeVisible();
      await journey.shot("statistics");

      // Presenter mode: question 1, then → to question 2 (keyboard, JavaScript on).
      await page.getByRole("link", { name: "解說會", exact: true }).click();
      await page.waitForURL((url) => /^\/quizzes\/\d+\/present$/.test(url.pathname));
      await hydrated(page);
      await see(page.getByTestId("presenter-position")).toHaveText("第 1 題／共 10 題");
      await page.keyboard.press("ArrowRight");
      await page.waitForURL((url) => url.searchParams.get("q") === "2");
      await see(page.getByTestId("presenter-position")).toHaveText("第 2 題／共 10 題");
      await see(page.getByTestId("presenter-question")).toContainText("2.");
      // Nothing revealed yet: no counts, no right answer, no explanation.
      await see(page.getByTestId("option-count")).toHaveCount(0);
      await see(page.locator("[data-testid=presenter-option][data-right=true]")).toHaveCount(0);
      await see(page.getByTestId("presenter-explanation")).toHaveCount(0);
      await journey.shot("presenter-question-2");

      await page.getByRole("link", { name: "顯示作答分布" }).click();
      await page.waitForURL((url) => url.searchParams.get("step") === "answers");
      await see(page.getByTestId("presenter-answered")).toContainText("30 人作答");
      const right = page.locator("[data-testid=presenter-option][data-right=true]");
      await see(right).toHaveCount(1);
      await see(right.getByTestId("option-count")).toContainText("人（");
      const counts = await page.getByTestId("option-count").allInnerTexts();
      expect(counts.reduce((sum, text) => sum + Number(/^(\d+)/.exec(text.trim())?.[1] ?? 0), 0)).toBe(30);
      await journey.shot("presenter-distribution");

      await page.getByRole("link", { name: "顯示解說" }).click();
      await page.waitForURL((url) => url.searchParams.get("step") === "explanation");
      await see(page.getByTestId("presenter-explanation")).toContainText("解說");
      await see(page.getByTestId("presenter-explanation")).toContainText("條");
      await journey.shot("presenter-explanation");

      expect(journey.problems).toEqual([]);
    } finally {
      await journey.close();
    }
  });
});
