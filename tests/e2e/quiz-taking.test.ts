// A staff member takes this month's 法令測驗 (issue 3, browser journey): opens the quiz, answers two
// questions (each saved on the server as it is chosen), reloads in the middle and finds the answers
// kept, submits after the confirmation step, and reads the explanations on the review page.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../../seeds/demo";
import { hasServer, hydrated, launchBrowser, mainNav, see, signIn, startJourney } from "./support/browser";

const QUIZ_TITLE = "115年11月份法令測驗"; // seeds/demo-quizzes.ts: open now, 10 random questions of 戶籍法

/** What was answered on a question: to find it again after the reload. */
type Given = { kind: "checked"; name: string; value: string } | { kind: "typed"; name: string; value: string };

/** Answers the question on screen with its first choice (or types 30), and waits for "已儲存". */
async function answerShown(page: Page, position: number): Promise<Given> {
  const question = page.getByTestId(`question-${position}`);
  await see(question).toBeVisible();
  const choices = question.locator("input[type=radio], input[type=checkbox]");
  let given: Given;
  if ((await choices.count()) > 0) {
    const first = choices.first();
    await first.check();
    given = { kind: "checked", name: (await first.getAttribute("name"))!, value: (await first.getAttribute("value"))! };
  } else {
    const field = question.locator("input[type=text], textarea").first();
    await field.fill("30");
    await field.blur();
    given = { kind: "typed", name: (await field.getAttribute("name"))!, value: "30" };
  }
  await see(page.getByTestId("save-status")).toContainText("已儲存");
  return given;
}

async function expectKept(page: Page, given: Given) {
  const input = given.kind === "checked" ? page.locator(`input[name="${given.name}"][value="${given.value}"]`) : page.locator(`[name="${given.name}"]`);
  if (given.kind === "checked") await see(input).toBeChecked();
  else await see(input).toHaveValue(given.value);
}

describe.skipIf(!hasServer)("a staff member takes a quiz", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("answers, reloads without losing answers, submits once and reads the explanations", async () => {
    const journey = await startJourney(browser, "quiz-taking");
    const { page } = journey;
    try {
      await page.goto("/login");
      await signIn(page, DEMO_ACCOUNTS.staff, DEMO_PASSWORD);
      await page.waitForURL((url) => url.pathname === "/");

      await mainNav(page).getByRole("link", { name: "法令測驗", exact: true }).click();
      await page.waitForURL((url) => url.pathname === "/quizzes");
      await page.getByRole("link", { name: QUIZ_TITLE }).first().click();
      await page.waitForURL((url) => /^\/quizzes\/\d+$/.test(url.pathname));
      await journey.shot("quiz");

      await hydrated(page);
      await page.getByTestId("start-quiz").click();
      await page.waitForURL((url) => /^\/quizzes\/\d+\/attempts\/\d+$/.test(url.pathname));
      const attemptPath = new URL(page.url()).pathname;
      await hydrated(page);
      await see(page.getByRole("heading", { level: 1 })).toContainText(QUIZ_TITLE);
      await see(page.getByTestId("time-left")).toBeVisible();
      await journey.shot("question-1");

      // Question 1: saved on the server as it is chosen (no button pressed).
      const first = await answerShown(page, 1);
      await page.getByRole("button", { name: "儲存並下一題" }).click();
      await page.waitForURL((url) => url.searchParams.get("q") === "2");
      await hydrated(page);
      const second = await answerShown(page, 2);
      await journey.shot("question-2-saved");

      // A reload in the middle: the saved answers are there, and the navigator marks both answered.
      await page.reload();
      await hydrated(page);
      await expectKept(page, second);
      await see(page.locator('[data-testid=navigator] [data-answered="yes"]')).toHaveCount(2);
      await see(page.getByTestId("attempt-progress")).toHaveText("已作答 2 / 10 題");
      await page.getByRole("button", { name: "第 1 題，已作答" }).click();
      await page.waitForURL((url) => url.searchParams.get("q") === "1");
      await expectKept(page, first);
      await journey.shot("after-reload");

      // Submit: the confirmation step lists what is still unanswered.
      await page.getByTestId("finish").click();
      await page.waitForURL((url) => url.searchParams.get("confirm") === "1");
      await see(page.getByText("還有 8 題未作答：")).toBeVisible();
      await journey.shot("confirm");
      await page.getByTestId("submit-attempt").click();
      await page.waitForURL((url) => url.pathname === `${attemptPath}/review`);

      // The review: score, pass/fail, each question with my answer, the right one and the explanation.
      await see(page.getByRole("heading", { name: "成績與逐題解說", level: 1 })).toBeVisible();
      await see(page.getByTestId("score")).toContainText("/ 10 分");
      await see(page.getByTestId("pass-badge")).toBeVisible();
      await see(page.locator("[data-testid^=question-]")).toHaveCount(10);
      await see(page.getByTestId("explanation")).toHaveCount(10);
      await see(page.getByTestId("explanation").first()).toContainText("解說");
      expect((await page.getByTestId("explanation").first().textContent()) ?? "").toMatch(/第\s*\d+\s*條/);
      await see(page.getByText("正確答案").first()).toBeVisible();
      await journey.shot("review");

      // Submitting again (the back button, a second tab) counts once: the attempt page says it is done.
      await page.goto(attemptPath);
      await see(page.getByTestId("attempt-submitted")).toBeVisible();
      await page.goto(attemptPath.replace(/\/attempts\/\d+$/, ""));
      // The quiz page lists the attempt in its history, with a way to its review.
      await see(page.locator(`a[href="${attemptPath}/review"]`).first()).toBeVisible();
      await journey.shot("quiz-after");

      // At phone width the review is still readable.
      await page.setViewportSize({ width: 375, height: 800 });
      await page.goto(`${attemptPath}/review`);
      await see(page.getByTestId("score")).toBeVisible();
      await journey.shot("review-phone");

      expect(journey.problems).toEqual([]);
    } finally {
      await journey.close();
    }
  });
});
