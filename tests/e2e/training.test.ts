// Training sessions and learning hours (issue 5, browser journey): the supervisor (FB002) creates a
// required session for the whole office later this week; the staff member (FB010) finds it on the home
// page and on /training already marked 已報名 and 必訓 without doing anything, signs up for the open
// two-day forum 「年終為民服務經驗分享座談」, and reads their hours on /training/hours. The supervisor then
// enters a session held yesterday (sign-up is closed once a session has started), puts FB010 on its
// roster with 加入名單 and marks them 出席; FB010's total and the bar move up by exactly the session's
// 1.5 hours, and the supervisor's 學習時數總表 shows the new total. Each person has a browser of their own.
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatHours } from "~/modules/training/hours";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../../seeds/demo";
import { demoPeople } from "./support/demo-people";
import { field, hasServer, hydrated, launchBrowser, mainNav, see, signIn, startJourney, type Journey } from "./support/browser";

const REQUIRED_TITLE = "戶籍登記常見錯誤解析（必訓）";
const REQUIRED = {
  kind: "專業教育訓練",
  description: "整理近半年櫃台常見的戶籍登記錯誤態樣與正確作法，請全體同仁參加。",
  instructor: "戶籍課 課長",
  place: "本所2樓會議室",
  hours: "2",
  start: "14:00",
  end: "16:00",
};
const HELD_TITLE = "電話禮貌與櫃台應對演練";
const HELD = {
  kind: "電話禮儀訓練",
  instructor: "外聘講師 陳老師",
  place: "本所1樓櫃台",
  hours: 1.5,
  start: "14:00",
  end: "15:30",
};
const FORUM_TITLE = "年終為民服務經驗分享座談"; // seeds/demo-training.ts: open to the office, two afternoons

/** YYYY-MM-DD in Taipei, `days` from today. */
function taipeiDate(days = 0): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Taipei" }).format(new Date(Date.now() + days * 86_400_000));
}

/** 「民國115年11月30日」, as the session pages write a YYYY-MM-DD date. */
function rocDate(ymd: string): string {
  const [y, m, d] = ymd.split("-").map(Number);
  return `民國${y - 1911}年${m}月${d}日`;
}

/** Opens a browser of this person's own and signs them in (one journey per person). */
async function signedIn(browser: Browser, employeeNo: string, who: string): Promise<Journey> {
  const journey = await startJourney(browser, `training-${who}`);
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

/** A field inside `scope` by its label; Mantine's aria-hidden " *" of a required field tolerated (as field()). */
function labelled(scope: Locator, label: string) {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return scope.getByLabel(new RegExp(`^\\s*${escaped}\\s*\\*?\\s*$`));
}

interface SessionToCreate {
  kind: string;
  title: string;
  description?: string;
  instructor: string;
  place: string;
  hours: string;
  required: boolean;
  date: string;
  start: string;
  end: string;
}

/** /training → 新增場次 → fill the form → 儲存; returns the new session's path. */
async function createSession(journey: Journey, s: SessionToCreate, label: string): Promise<string> {
  const { page } = journey;
  await mainNav(page).getByRole("link", { name: "教育訓練", exact: true }).click();
  await page.waitForURL((url) => url.pathname === "/training");
  await page.getByRole("link", { name: "新增場次", exact: true }).click();
  await page.waitForURL((url) => url.pathname === "/training/new");
  await see(page.getByRole("heading", { name: "新增訓練場次", level: 1 })).toBeVisible();
  await hydrated(page);
  await field(page, "類別").selectOption({ label: s.kind });
  await field(page, "課程名稱").fill(s.title);
  if (s.description) await field(page, "課程說明").fill(s.description);
  await field(page, "講師").fill(s.instructor);
  await field(page, "地點").fill(s.place);
  await field(page, "認列時數").fill(s.hours);
  const required = page.getByRole("checkbox", {
    name: "必訓：參加對象自動報名",
    exact: true,
  });
  if (s.required) {
    await required.check();
    await see(required).toBeChecked();
  } else {
    expect(await required.isChecked(), "必訓 left unticked").toBe(false);
  }
  // The whole office is the default audience.
  await see(page.getByRole("radio", { name: "全所同仁", exact: true })).toBeChecked();
  const day1 = page.getByRole("group", { name: "第 1 天", exact: true });
  await labelled(day1, "第 1 天日期").fill(s.date);
  await labelled(day1, "開始時間").fill(s.start);
  await labelled(day1, "結束時間").fill(s.end);
  await see(labelled(day1, "第 1 天日期")).toHaveValue(s.date);
  await shot(journey, `${label}-form`);
  await page.getByRole("button", { name: "儲存", exact: true }).click();
  await page.waitForURL((url) => /^\/training\/\d+$/.test(url.pathname));
  await see(page.getByTestId("notice")).toHaveText("已新增。");
  await see(page.getByRole("heading", { name: s.title, level: 1 })).toBeVisible();
  // The date and times as typed, read back in the ROC calendar (Taipei time).
  const details = page.getByRole("region", { name: "場次資訊" });
  await see(details).toContainText(rocDate(s.date));
  await see(details).toContainText(`${s.start}–${s.end}`);
  await see(details).toContainText(`認列時數${s.hours} 小時`);
  return new URL(page.url()).pathname;
}

/** The numbers of a 總時數 bar: its label 「…總時數：8.5 / 20 小時，43%」 and aria-valuenow. */
async function readBar(bar: Locator) {
  await see(bar).toBeVisible();
  const label = (await bar.getAttribute("aria-label")) ?? "";
  const m = /總時數：([\d.]+) \/ ([\d.]+) 小時，(\d+)%$/.exec(label);
  expect(m, `progress bar label 「${label}」`).not.toBeNull();
  return {
    label,
    achieved: Number(m![1]),
    target: Number(m![2]),
    percent: Number(m![3]),
    valueNow: Number(await bar.getAttribute("aria-valuenow")),
  };
}

describe.skipIf(!hasServer)("a supervisor plans training, a staff member's learning hours follow", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it(
    "FB002 creates a required session and FB010 is enrolled; FB010 signs up for the forum; FB002 records yesterday's session; FB010's hours bar moves by 1.5",
    { timeout: 240_000 },
    async () => {
      const people = await demoPeople();
      const staffName = people.get(DEMO_ACCOUNTS.staff)!.name;
      const inTwoDays = taipeiDate(2);
      const yesterday = taipeiDate(-1);
      // Hours count in the year of the session's date (Asia/Taipei); on 1 January that is last year.
      const year = Number(yesterday.slice(0, 4));
      const hoursPath = `/training/hours?year=${year}`;
      const journeys: Journey[] = [];
      const start = async (employeeNo: string, who: string) => {
        const journey = await signedIn(browser, employeeNo, who);
        journeys.push(journey);
        return journey;
      };
      try {
        // ---------------------------------------------------------------- 1. FB002 creates a required session
        const supervisor = await start(DEMO_ACCOUNTS.supervisor, "1-supervisor-FB002");
        let page = supervisor.page;
        await createSession(
          supervisor,
          {
            ...REQUIRED,
            title: REQUIRED_TITLE,
            required: true,
            date: inTwoDays,
          },
          "required"
        );
        await see(page.getByTestId("required-badge")).toHaveText("必訓");
        await see(page.locator("[data-phase]").first()).toHaveText("尚未開始");
        await see(page.getByTestId("audience")).toHaveText("全所同仁（必訓：參加對象自動報名）");
        // Saving enrolled the whole office: FB010 is on the roster, booked, as a required participant.
        const requiredRoster = page.getByTestId("roster");
        await see(requiredRoster).toContainText("報名名單（有效報名");
        const enrolledRow = requiredRoster.getByRole("row").filter({ hasText: DEMO_ACCOUNTS.staff });
        await see(enrolledRow).toHaveCount(1);
        await see(enrolledRow).toContainText(staffName);
        await see(enrolledRow.locator("[data-status]")).toHaveText("已報名");
        await see(enrolledRow.getByRole("cell").nth(1)).toHaveText("是");
        await see(page.getByText("場次開始後才能登錄出席。")).toBeVisible();
        await shot(supervisor, "required-created");

        // ---------------------------------------------------------------- 2. FB010 finds it, signs up for the forum
        const staff = await start(DEMO_ACCOUNTS.staff, "2-staff-FB010");
        page = staff.page;
        // Home: the session is among what waits for FB010 (within the next 14 days).
        await see(
          page.getByTestId("waiting-list").getByRole("link", {
            name: `您已報名「${REQUIRED_TITLE}」`,
            exact: true,
          })
        ).toBeVisible();
        await shot(staff, "home");

        await mainNav(page).getByRole("link", { name: "教育訓練", exact: true }).click();
        await page.waitForURL((url) => url.pathname === "/training");
        const upcoming = page.getByRole("region", {
          name: "近期場次（未來 90 天）",
        });
        const requiredCard = upcoming.getByTestId("session-card").filter({
          has: page.getByRole("heading", { name: REQUIRED_TITLE }),
        });
        await see(requiredCard).toHaveCount(1);
        await see(requiredCard.getByTestId("required-badge")).toHaveText("必訓");
        await see(requiredCard.getByTestId("my-status")).toHaveText("我的狀態：已報名");
        await see(requiredCard).toContainText("認列時數：2 小時");
        await see(requiredCard).toContainText("必訓課程不能自行取消報名；無法出席請向主管請假。");
        await see(requiredCard.getByRole("button", { name: "取消報名" })).toHaveCount(0);
        await see(requiredCard.getByRole("button", { name: "報名", exact: true })).toHaveCount(0);
        await requiredCard.scrollIntoViewIfNeeded();
        await staff.shot("list-required-enrolled");

        // The open forum: not signed up yet, 報名 → 已報名.
        const forumCard = upcoming.getByTestId("session-card").filter({ has: page.getByRole("heading", { name: FORUM_TITLE }) });
        await see(forumCard).toHaveCount(1);
        await see(forumCard.getByTestId("my-status")).toHaveCount(0);
        await forumCard.getByRole("link", { name: FORUM_TITLE, exact: true }).click();
        await page.waitForURL((url) => /^\/training\/\d+$/.test(url.pathname));
        const forumPath = new URL(page.url()).pathname;
        await see(page.getByRole("heading", { name: FORUM_TITLE, level: 1 })).toBeVisible();
        const mine = page.getByTestId("my-enrolment");
        await see(mine).toContainText("您尚未報名本場次。");
        await see(mine).toContainText("尚有名額，報名後即為正取。");
        const seatsBefore = Number(/已報名 (\d+)/.exec((await page.getByTestId("seats").textContent()) ?? "")?.[1]);
        expect(seatsBefore, "seats taken before signing up").toBeGreaterThan(0);
        await shot(staff, "forum-before");
        await post(page, mine.getByRole("button", { name: "報名", exact: true }));
        await page.waitForURL((url) => url.pathname === forumPath && url.searchParams.get("notice") === "booked");
        await see(page.getByTestId("notice")).toHaveText("報名成功，您已取得名額。");
        await see(page.getByTestId("my-status")).toHaveText("我的狀態：已報名");
        await see(mine.getByRole("button", { name: "取消報名", exact: true })).toBeVisible();
        await see(page.getByTestId("seats")).toContainText(`已報名 ${seatsBefore + 1}`);
        await shot(staff, "forum-booked");

        // FB010's hours before the supervisor records anything.
        await mainNav(page).getByRole("link", { name: "我的學習時數", exact: true }).click();
        await page.waitForURL((url) => url.pathname === "/training/hours");
        if (year !== Number(taipeiDate().slice(0, 4))) await page.goto(hoursPath);
        await see(page.getByRole("heading", { name: "我的學習時數", level: 1 })).toBeVisible();
        const totalBar = page.getByTestId("progress-total").getByRole("progressbar");
        const before = await readBar(totalBar);
        await see(page.getByTestId("breakdown-total")).toHaveText(`合計 ${formatHours(before.achieved)} 小時`);
        expect((await page.getByTestId("breakdown-sessions").textContent()) ?? "", "no hours from the new session yet").not.toContain(HELD_TITLE);
        await shot(staff, "hours-before");

        // ---------------------------------------------------------------- 3. FB002 records yesterday's session
        page = supervisor.page;
        const heldPath = await createSession(
          supervisor,
          {
            ...HELD,
            hours: String(HELD.hours),
            title: HELD_TITLE,
            required: false,
            date: yesterday,
          },
          "held"
        );
        await see(page.locator("[data-phase]").first()).toHaveText("已結束");
        await see(page.getByTestId("required-badge")).toHaveCount(0);
        await see(page.getByTestId("roster")).toContainText("尚無人報名。");
        // Over: sign-up is closed, so the supervisor adds FB010 to the roster.
        await hydrated(page);
        const addForm = page.getByTestId("add-to-roster");
        const addSelect = field(page, "加入同仁");
        const option = addSelect.locator("option", {
          hasText: `${DEMO_ACCOUNTS.staff} ${staffName}`,
        });
        await see(option).toHaveCount(1);
        await addSelect.selectOption((await option.getAttribute("value"))!);
        await shot(supervisor, "held-add");
        await post(page, addForm.getByRole("button", { name: "加入名單", exact: true }));
        await page.waitForURL((url) => url.pathname === heldPath && url.searchParams.get("notice") === "added");
        await see(page.getByTestId("notice")).toHaveText("已將同仁加入名單。");
        const heldRow = page.getByTestId("roster").getByRole("row").filter({ hasText: DEMO_ACCOUNTS.staff });
        await see(heldRow).toHaveCount(1);
        await see(heldRow.locator("[data-status]")).toHaveText("已報名");

        // Mark FB010 出席 and save.
        await hydrated(page);
        const mark = page.getByRole("combobox", {
          name: `${staffName} 的出席情形`,
          exact: true,
        });
        await see(mark).toHaveValue("");
        await mark.selectOption({ label: "出席" });
        await shot(supervisor, "held-marking");
        await post(page, page.getByRole("button", { name: "儲存出席紀錄", exact: true }));
        await page.waitForURL((url) => url.pathname === heldPath && url.searchParams.get("notice") === "attendanceSaved");
        await see(page.getByTestId("notice")).toHaveText("出席紀錄已儲存。");
        await see(heldRow.locator("[data-status]")).toHaveText("出席");
        await see(heldRow).toContainText(`${formatHours(HELD.hours)} 小時`);
        await see(heldRow).toContainText("登錄出席：已報名 → 出席");
        await see(
          page.getByRole("combobox", {
            name: `${staffName} 的出席情形`,
            exact: true,
          })
        ).toHaveValue("attended");
        await shot(supervisor, "held-attended");

        // ---------------------------------------------------------------- 4. FB010's hours and bar move by 1.5
        page = staff.page;
        await page.reload();
        await see(page.getByRole("heading", { name: "我的學習時數", level: 1 })).toBeVisible();
        const expected = before.achieved + HELD.hours;
        const expectedText = formatHours(expected);
        const expectedPercent = Math.min(100, (expected / before.target) * 100);
        await see(page.getByTestId("breakdown-total")).toHaveText(`合計 ${expectedText} 小時`);
        const after = await readBar(totalBar);
        expect(after.achieved, "total hours after").toBeCloseTo(expected, 5);
        expect(after.achieved - before.achieved, "the total moved by the session's hours").toBeCloseTo(HELD.hours, 5);
        expect(after.target).toBe(before.target);
        expect(after.valueNow, "aria-valuenow (percent of the target)").toBeCloseTo(expectedPercent, 5);
        expect(after.percent).toBe(Math.round(expectedPercent));
        expect(after.label).toBe(`總時數：${expectedText} / ${formatHours(before.target)} 小時，${Math.round(expectedPercent)}%`);
        if (before.valueNow < 100) expect(after.valueNow, "the bar moved").toBeGreaterThan(before.valueNow);
        await see(page.getByTestId("progress-total")).toContainText(
          `已完成 ${expectedText} 小時，目標 ${formatHours(before.target)} 小時（${Math.round(expectedPercent)}%）`
        );
        const heldLine = page.getByTestId("breakdown-sessions").getByRole("row").filter({ hasText: HELD_TITLE });
        await see(heldLine).toHaveCount(1);
        await see(heldLine).toContainText("出席");
        await see(heldLine).toContainText(`${formatHours(HELD.hours)} 小時`);
        await shot(staff, "hours-after");

        // ---------------------------------------------------------------- 5. FB002's 學習時數總表
        page = supervisor.page;
        await mainNav(page).getByRole("link", { name: "學習時數總表", exact: true }).click();
        await page.waitForURL((url) => url.pathname === "/training/roster");
        if (year !== Number(taipeiDate().slice(0, 4))) await page.goto(`/training/roster?year=${year}`);
        await see(page.getByRole("heading", { name: "學習時數總表", level: 1 })).toBeVisible();
        const rosterRow = page.getByRole("row").filter({ hasText: DEMO_ACCOUNTS.staff });
        await see(rosterRow).toHaveCount(1);
        await see(rosterRow).toContainText(staffName);
        // Columns: 員工編號, 姓名, 職稱, 訓練場次, 數位學習, 外部訓練, 總時數, 總時數進度, …
        await see(rosterRow.getByRole("cell").nth(6)).toHaveText(`${expectedText} 小時`);
        await see(
          rosterRow.getByRole("progressbar", {
            name: `${staffName} 總時數：${expectedText} / ${formatHours(before.target)} 小時，${Math.round(expectedPercent)}%`,
            exact: true,
          })
        ).toBeVisible();
        await rosterRow.scrollIntoViewIfNeeded();
        await supervisor.shot("roster");

        for (const journey of journeys) expect(journey.problems, journey.name).toEqual([]);
      } finally {
        for (const journey of journeys) await journey.close();
      }
    }
  );
});
