// The director's morning (issue 9, browser journey): FB001 opens 品質儀表板 from the navigation, sees
// what to chase and every section with its period and definition, switches to a quarter and back,
// drills into the learning-hours figure and finds the roster behind it, returns, and prints — the
// printed page (print media) keeps the figures and drops the navigation and the buttons. Then the
// bureau (MA001) compares the offices side by side and opens one of them.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../seeds/demo";
import { hasServer, hydrated, launchBrowser, mainNav, see, signIn, startJourney, type Journey } from "./support/browser";

async function signedIn(browser: Browser, employeeNo: string, name: string): Promise<Journey> {
  const journey = await startJourney(browser, `dashboard-${name}`);
  await journey.page.goto("/login");
  await signIn(journey.page, employeeNo, DEMO_PASSWORD);
  await journey.page.waitForURL((url) => url.pathname === "/");
  return journey;
}

async function openDashboard(page: Page) {
  await mainNav(page).getByRole("link", { name: "品質儀表板", exact: true }).click();
  await page.waitForURL((url) => url.pathname === "/dashboard");
  await hydrated(page);
}

describe.skipIf(!hasServer)("a director opens the quality dashboard, drills into a figure and prints", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("FB001 reads the office's figures, opens the table behind one, and prints the page", { timeout: 180_000 }, async () => {
    const director = await signedIn(browser, "FB001", "1-director");
    const page = director.page;
    try {
      await openDashboard(page);
      const year = new Date().getFullYear();
      await see(page.getByRole("heading", { level: 1 })).toHaveText("品質儀表板：臺南市府北戶政事務所");
      await see(page.getByTestId("period-label")).toHaveText(`民國${year - 1911}年`);
      await see(page.getByRole("heading", { name: "待追蹤事項" })).toBeVisible();
      for (const section of ["學習時數", "法令測驗", "特殊案例與新聞傳閱", "創新提案", "獎勵積分", "櫃台績效", "員工滿意度調查"]) {
        await see(page.getByRole("heading", { name: section, exact: true })).toBeVisible();
      }
      const onTrack = page.getByTestId("figure-learning.onTrack");
      await see(onTrack).toContainText(`期間：民國${year - 1911}年。`);
      await director.shot("dashboard");

      // A quarter, then back to the year.
      await page.getByRole("group", { name: "期間" }).getByRole("link", { name: "季", exact: true }).click();
      await page.waitForURL((url) => /period=\d{4}-Q[1-4]/.test(url.search));
      await see(page.getByTestId("period-label")).toContainText("季");
      await director.shot("quarter");
      await page.getByRole("group", { name: "期間" }).getByRole("link", { name: "年", exact: true }).click();
      await page.waitForURL((url) => new URL(url).searchParams.get("period") === String(year));

      // Drill into the learning-hours figure: the roster behind it.
      await page.getByTestId("figure-learning.onTrack").getByRole("link", { name: "查看明細" }).click();
      await page.waitForURL((url) => url.pathname === "/dashboard/figures/learning.onTrack");
      await see(page.getByTestId("drill-table")).toBeVisible();
      const rows = await page.getByTestId("drill-table").locator("tbody tr").count();
      expect(rows, "people in the roster behind the figure").toBeGreaterThan(10);
      await see(page.getByTestId("drill-table")).toContainText("FB010");
      await director.shot("drill-down");
      await page.getByRole("link", { name: "回儀表板" }).click();
      await page.waitForURL((url) => url.pathname === "/dashboard");
      await hydrated(page);

      // Print: the button calls the browser's print; the print layout drops navigation and buttons.
      await page.evaluate(() => {
        (window as unknown as { printed: number }).printed = 0;
        window.print = () => {
          (window as unknown as { printed: number }).printed += 1;
        };
      });
      await page.getByTestId("print-button").click();
      expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
      await page.emulateMedia({ media: "print" });
      // Hidden on paper: the navigation leaves the accessibility tree, the buttons are not shown.
      await see(mainNav(page)).toHaveCount(0);
      expect(await page.getByTestId("print-button").isVisible()).toBe(false);
      expect(await page.getByTestId("figure-learning.onTrack").isVisible()).toBe(true);
      await see(page.getByText(/列印日期：/)).toBeVisible();
      await director.shot("print");
      await page.emulateMedia({ media: "screen" });
      expect(director.problems).toEqual([]);
    } finally {
      await director.close();
    }
  });

  it("MA001 (bureau) compares every office side by side and opens one", { timeout: 120_000 }, async () => {
    const bureau = await signedIn(browser, "MA001", "2-bureau");
    const page = bureau.page;
    try {
      await openDashboard(page);
      await see(page.getByRole("heading", { level: 1 })).toHaveText("品質儀表板：各所比較");
      const table = page.getByTestId("comparison");
      await see(table).toContainText("府北");
      await see(table).toContainText("東區");
      await bureau.shot("comparison");
      await table.getByRole("link", { name: /府北/ }).first().click();
      await page.waitForURL((url) => url.pathname === "/dashboard" && url.searchParams.has("office"));
      await see(page.getByRole("heading", { level: 1 })).toHaveText("品質儀表板：臺南市府北戶政事務所");
      await bureau.shot("one-office");
      expect(bureau.problems).toEqual([]);
    } finally {
      await bureau.close();
    }
  });
});
