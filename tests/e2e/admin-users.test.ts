// The office administrator's main job: add a colleague. A missing name is refused with the field's
// message and nothing typed is lost; the saved person appears in the list; signing in with the
// initial password leads straight to changing it, and then to the home page.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../../seeds/demo";
import { field, hasServer, hydrated, launchBrowser, mainNav, see, signIn, signOut, startJourney } from "./support/browser";

const NEW_USER = {
  employeeNo: "FB-E2E01",
  name: "江映晨",
  title: "戶籍員",
  initialPassword: "e2e 初始密碼 2026 請變更",
  ownPassword: "我的新密碼是一句很長的話 2026",
};

async function fillUserForm(page: Page, values: { employeeNo: string; name: string; title: string; password: string }) {
  await hydrated(page);
  await field(page, "員工編號").fill(values.employeeNo);
  await field(page, "姓名").fill(values.name);
  await field(page, "職稱").fill(values.title);
  await page.getByRole("checkbox", { name: "同仁", exact: true }).check();
  await field(page, "初始密碼").fill(values.password);
}

describe.skipIf(!hasServer)("an administrator adds a user, who then sets their own password", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("admin (FB090) adds 江映晨; she signs in and changes her password", async () => {
    const journey = await startJourney(browser, "admin-users");
    const { page } = journey;
    try {
      await page.goto("/login");
      await signIn(page, DEMO_ACCOUNTS.admin, DEMO_PASSWORD);
      await page.waitForURL((url) => url.pathname === "/");

      await mainNav(page).getByRole("link", { name: "使用者", exact: true }).click();
      await page.waitForURL((url) => url.pathname === "/admin/users");
      await see(page.getByRole("heading", { name: "使用者", level: 1 })).toBeVisible();
      await journey.shot("list");

      await hydrated(page);
      await page.getByRole("link", { name: "新增使用者" }).or(page.getByRole("button", { name: "新增使用者" })).first().click();
      await see(page.getByRole("heading", { name: "新增使用者", level: 1 })).toBeVisible();
      await journey.shot("new-form");

      // Forgetting the name: refused, the field says why, and what was typed stays.
      await fillUserForm(page, { ...NEW_USER, name: "", password: NEW_USER.initialPassword });
      await page.getByRole("button", { name: "儲存", exact: true }).click();
      await see(page.getByText("此欄必填。")).toBeVisible();
      await see(field(page, "姓名")).toHaveAttribute("aria-invalid", "true");
      await see(field(page, "員工編號")).toHaveValue(NEW_USER.employeeNo);
      await see(field(page, "職稱")).toHaveValue(NEW_USER.title);
      await see(page.getByRole("checkbox", { name: "同仁", exact: true })).toBeChecked();
      await journey.shot("name-required");

      await field(page, "姓名").fill(NEW_USER.name);
      // A refused form never sends a password back, so it is typed again.
      await field(page, "初始密碼").fill(NEW_USER.initialPassword);
      await page.getByRole("button", { name: "儲存", exact: true }).click();
      await page.waitForURL((url) => !url.pathname.endsWith("/new"));
      await see(page.getByText("此欄必填。")).toHaveCount(0);
      await journey.shot("saved");

      // The list finds the new colleague.
      await mainNav(page).getByRole("link", { name: "使用者", exact: true }).click();
      await page.waitForURL((url) => url.pathname === "/admin/users" && !url.search.includes("q="));
      await hydrated(page);
      await field(page, "搜尋").fill(NEW_USER.employeeNo);
      await page.getByRole("button", { name: "篩選", exact: true }).click();
      await page.waitForURL((url) => url.searchParams.get("q") === NEW_USER.employeeNo);
      const row = page.getByRole("row").filter({ hasText: NEW_USER.employeeNo });
      await see(row).toHaveCount(1);
      await see(row).toContainText(NEW_USER.name);
      await see(row).toContainText(NEW_USER.title);
      await see(row).toContainText("同仁");
      await journey.shot("found");

      await signOut(page);

      // The new colleague signs in with the initial password and must change it first.
      await signIn(page, NEW_USER.employeeNo, NEW_USER.initialPassword);
      await page.waitForURL((url) => url.pathname === "/account/password");
      await see(page.getByRole("heading", { name: "變更密碼", level: 1 })).toBeVisible();
      await journey.shot("must-change-password");

      // Anything else still leads back to the password page until it is changed.
      await page.goto("/");
      await page.waitForURL((url) => url.pathname === "/account/password");

      await hydrated(page);
      await field(page, "目前密碼").fill(NEW_USER.initialPassword);
      await field(page, "新密碼").fill(NEW_USER.ownPassword);
      await field(page, "再輸入一次新密碼").fill(NEW_USER.ownPassword);
      await page.getByRole("button", { name: "變更密碼", exact: true }).click();
      // Home, with the confirmation; the password fields are gone with the page.
      await page.waitForURL((url) => url.pathname === "/");
      await see(page.getByText("密碼已變更", { exact: false })).toBeVisible();
      await journey.shot("password-changed");
      await see(page.getByRole("heading", { level: 1 })).toHaveText(`${NEW_USER.name}，您好`);
      await see(page.getByRole("banner").getByTestId("user-roles")).toHaveText("同仁");
      await see(mainNav(page).getByRole("link", { name: "使用者", exact: true })).toHaveCount(0);
      await journey.shot("home");

      // The new password is the one that works from now on.
      await signOut(page);
      await signIn(page, NEW_USER.employeeNo, NEW_USER.initialPassword);
      await see(page.getByRole("alert")).toContainText("員工編號或密碼不正確，請再試一次。");
      await signIn(page, NEW_USER.employeeNo, NEW_USER.ownPassword);
      await page.waitForURL((url) => url.pathname === "/");
      await see(page.getByRole("heading", { level: 1 })).toHaveText(`${NEW_USER.name}，您好`);

      expect(journey.problems.filter((p) => !/status of (400|401)/.test(p))).toEqual([]);
    } finally {
      await journey.close();
    }
  });
});
