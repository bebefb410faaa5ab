// The sign-in page itself: a wrong password is refused with one message that never says whether the
// account exists, and the typed employee number stays; the page and the menu switch to English and back.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../../seeds/demo";
import { field, hasServer, hydrated, launchBrowser, mainNav, see, signIn, signOut, startJourney } from "./support/browser";

describe.skipIf(!hasServer)("sign-in page", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("a wrong password is refused and keeps the typed employee number", async () => {
    const journey = await startJourney(browser, "wrong-password");
    const { page } = journey;
    try {
      await page.goto("/login");
      await signIn(page, DEMO_ACCOUNTS.staff, "not-the-password-2026");
      await see(page.getByRole("alert")).toContainText("員工編號或密碼不正確，請再試一次。");
      expect(new URL(page.url()).pathname).toBe("/login");
      await see(field(page, "員工編號")).toHaveValue(DEMO_ACCOUNTS.staff);
      await see(field(page, "密碼")).toHaveValue(""); // the password is never left behind
      await journey.shot("refused");

      // An unknown number gets exactly the same answer.
      await signIn(page, "ZZ999", "not-the-password-2026");
      await see(page.getByRole("alert")).toContainText("員工編號或密碼不正確，請再試一次。");
      await see(field(page, "員工編號")).toHaveValue("ZZ999");
      await see(field(page, "密碼")).toHaveValue("");

      // The right password still works afterwards.
      await signIn(page, DEMO_ACCOUNTS.staff, DEMO_PASSWORD);
      await page.waitForURL((url) => url.pathname === "/");
      await see(page.getByRole("heading", { level: 1 })).toContainText("您好");
      expect(journey.problems.filter((p) => !/status of 401/.test(p))).toEqual([]);
    } finally {
      await journey.close();
    }
  });

  it("switches to English and back to 中文", async () => {
    const journey = await startJourney(browser, "language");
    const { page } = journey;
    try {
      await page.goto("/login");
      await hydrated(page);
      await page.getByRole("button", { name: "English" }).click();
      await see(page.getByRole("heading", { level: 1 })).toHaveText("Sign in");
      await see(field(page, "Employee number")).toBeVisible();
      await see(page.locator("html")).toHaveAttribute("lang", "en");
      await journey.shot("login-en");

      // Signed in, the shell and the menu are in English too.
      await hydrated(page);
      await field(page, "Employee number").fill(DEMO_ACCOUNTS.admin);
      await field(page, "Password").fill(DEMO_PASSWORD);
      await page.getByRole("button", { name: "Sign in", exact: true }).click();
      await page.waitForURL((url) => url.pathname === "/");
      const nav = page.getByRole("navigation", { name: "Main menu" });
      await see(nav).toBeVisible();
      for (const label of ["Home", "Users", "Offices", "Counters", "Audit log", "Change password"]) {
        await see(nav.getByRole("link", { name: label, exact: true })).toBeVisible();
      }
      await see(page.getByRole("button", { name: "Sign out", exact: true })).toBeVisible();
      await see(page.getByRole("heading", { level: 1 })).toContainText("Hello");
      await journey.shot("home-en");

      // Back to 中文, on the same page.
      await hydrated(page);
      await page.getByRole("button", { name: "中文" }).click();
      await see(page.getByRole("heading", { level: 1 })).toContainText("您好");
      expect(new URL(page.url()).pathname).toBe("/");
      await see(page.locator("html")).toHaveAttribute("lang", "zh-Hant-TW");
      const zhNav = mainNav(page);
      for (const label of ["首頁", "使用者", "機關", "櫃台", "稽核紀錄", "變更密碼"]) {
        await see(zhNav.getByRole("link", { name: label, exact: true })).toBeVisible();
      }
      await journey.shot("home-zh");

      await signOut(page);
      expect(journey.problems).toEqual([]);
    } finally {
      await journey.close();
    }
  });
});
