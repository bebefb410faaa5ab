// One journey per demo role: open the portal, get sent to the sign-in page, sign in, see one's own
// name, office and roles, the menu that role may use (administration only for the admin), and sign out.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "../../db/schema";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../../seeds/demo";
import { hasServer, launchBrowser, mainNav, see, signIn, signOut, startJourney } from "./support/browser";
import { demoPeople } from "./support/demo-people";

// zh-TW role names as the badges show them (app/i18n/zh-TW.ts, role.*).
const ROLE_LABEL: Record<Role, string> = {
  staff: "同仁",
  committee: "審查小組委員",
  chair: "召集人",
  supervisor: "課長/主管",
  director: "主任",
  bureau: "民政局",
  admin: "系統管理者",
};
const ADMIN_LINKS = ["使用者", "機關", "櫃台", "稽核紀錄"];

const JOURNEYS = [
  { role: "staff", employeeNo: DEMO_ACCOUNTS.staff },
  { role: "committee", employeeNo: DEMO_ACCOUNTS.committee },
  { role: "chair", employeeNo: DEMO_ACCOUNTS.chair },
  { role: "supervisor", employeeNo: DEMO_ACCOUNTS.supervisor },
  { role: "director", employeeNo: DEMO_ACCOUNTS.director },
  { role: "bureau", employeeNo: DEMO_ACCOUNTS.bureau },
  { role: "admin", employeeNo: DEMO_ACCOUNTS.admin },
] as const;

describe.skipIf(!hasServer)("each demo role signs in, sees their home page and menu, and signs out", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it.each(JOURNEYS)("$role ($employeeNo)", async ({ role, employeeNo }) => {
    const person = (await demoPeople()).get(employeeNo);
    expect(person, `demo seed has ${employeeNo}`).toBeDefined();
    const { name, officeName, roles } = person!;
    expect(roles).toContain(role);

    const journey = await startJourney(browser, `role-${role}`);
    const { page } = journey;
    try {
      // Not signed in: the portal sends people to the sign-in page.
      await page.goto("/");
      await page.waitForURL((url) => url.pathname === "/login");
      await see(page.getByRole("heading", { name: "登入", level: 1 })).toBeVisible();
      await journey.shot("login");

      await signIn(page, employeeNo, DEMO_PASSWORD);
      await page.waitForURL((url) => url.pathname === "/");
      await see(page.getByRole("heading", { level: 1 })).toHaveText(`${name}，您好`);

      // The header: office name, the person, and one badge per role.
      const header = page.getByRole("banner");
      await see(header.getByTestId("office-name")).toHaveText(officeName);
      await see(header.getByTestId("user-name")).toContainText(name);
      const badges = (await header.getByTestId("user-roles").locator(".mantine-Badge-root").allInnerTexts()).map((t) => t.trim());
      expect(badges.sort()).toEqual(roles.map((r) => ROLE_LABEL[r]).sort());

      // The menu: administration only for the admin.
      const nav = mainNav(page);
      await see(nav).toBeVisible();
      await see(nav.getByRole("link", { name: "首頁", exact: true })).toBeVisible();
      for (const label of ADMIN_LINKS) {
        const link = nav.getByRole("link", { name: label, exact: true });
        if (role === "admin") await see(link).toBeVisible();
        else await see(link).toHaveCount(0);
      }
      // 創新提案 for everyone working in an office; the meetings for the committee and the chiefs.
      await see(nav.getByRole("link", { name: "創新提案", exact: true })).toHaveCount(role === "bureau" ? 0 : 1);
      const seesMeetings = ["committee", "chair", "supervisor", "director"].includes(role);
      await see(nav.getByRole("link", { name: "提案審查會議", exact: true })).toHaveCount(seesMeetings ? 1 : 0);
      await journey.shot("home");

      await signOut(page);
      await see(page.getByRole("heading", { name: "登入", level: 1 })).toBeVisible();
      await journey.shot("signed-out");

      // Signed out means signed out: the home page sends back to sign-in.
      await page.goto("/");
      await page.waitForURL((url) => url.pathname === "/login");
      expect(journey.problems).toEqual([]);
    } finally {
      await journey.close();
    }
  });
});
