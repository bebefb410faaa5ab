// An innovation proposal's whole life through the review committee (issue 4, browser journey):
// a committee member (FB005) writes and submits a 業務研提意見表; the supervisor (FB002) forwards it;
// the chair (FB004) calls a meeting, puts it on the agenda, records attendance and opens voting, with
// the proposer recused as 提案人; three members score and vote while each sees only their own ballot;
// the chair closes voting, reads the tally and every ballot, and decides 本所採行; the supervisor names
// an owner (FB010), who reports progress and marks it implemented; the director (FB001) records the
// effectiveness review; the proposer finally sees 已完成執行成效檢討, the grade 甲等 (mean 90.00) and the
// timeline, and the minutes record the recusal and the decision. Each person has a browser of their own.
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../../seeds/demo";
import { demoPeople, type DemoPerson } from "./support/demo-people";
import { field, hasServer, hydrated, launchBrowser, mainNav, see, signIn, startJourney, type Journey } from "./support/browser";

const TITLE = "櫃台等候區設置叫號進度 QR Code";
const PROPOSAL = {
  category: "戶政創新服務",
  origin: "報馬仔民意",
  problem: "民眾抽號後不敢離開等候區，尖峰時段等候區座位不足，常有民眾站著等候超過二十分鐘。",
  method: "於號碼單及等候區看板加印 QR Code，民眾掃描後即可在手機上查看目前叫號進度與預估等候時間，可先離開辦理其他事務。",
  benefit: "等候區尖峰人數預估減少三成，民眾可彈性運用等候時間，提升洽公滿意度。",
  estimatedCost: "約新臺幣 5,000 元（叫號系統網頁模組設定）",
};
const SCREENING_NOTE = "作法具體可行，送審查小組審議。";
const DECISION_REASON = "委員多數贊成採行，請於號碼單試辦三個月後檢討。";
// FB007's comment: FB006 and the chair must not see it before voting closes.
const SECRET_COMMENT = "建議號碼單同時印製簡短操作說明，方便年長民眾使用。";
const PROGRESS_NOTE = "叫號系統網頁模組已完成設定，號碼單版面送印中。";
const IMPLEMENTED_NOTE = "12月起號碼單與看板均已加印 QR Code，正式上線。";
const REVIEW = {
  before: "尖峰時段等候區平均 42 人",
  after: "尖峰時段等候區平均 27 人",
  note: "民眾反應良好，持續辦理。",
};

/** Each member's ballot: points per criterion (創新性, 可行性, 效益性, 完整性), totals 90, 88, 92 → mean 90.00. */
const BALLOTS = {
  [DEMO_ACCOUNTS.chair]: { scores: [27, 27, 27, 9], total: 90, vote: "採行", comment: "構想簡單、經費少，值得試辦。" },
  FB006: { scores: [26, 27, 26, 9], total: 88, vote: "修正後採行", comment: "請先確認叫號系統廠商可提供網頁模組。" },
  FB007: { scores: [28, 27, 28, 9], total: 92, vote: "採行", comment: SECRET_COMMENT },
} as const;
const CRITERIA = ["創新性（0–30）", "可行性（0–30）", "效益性（0–30）", "完整性（0–10）"];

/** YYYY-MM-DD in Taipei, `days` from today. */
function taipeiDate(days = 0): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Taipei" }).format(new Date(Date.now() + days * 86_400_000));
}
const ROC_YEAR = Number(taipeiDate().slice(0, 4)) - 1911;
const MEETING_TITLE = `${ROC_YEAR}年第5次研提案件審查會議`;

/** Opens a browser of this person's own and signs them in (one journey per person). */
async function signedIn(browser: Browser, employeeNo: string, who: string): Promise<Journey> {
  const journey = await startJourney(browser, `proposal-committee-${who}`);
  await journey.page.goto("/login");
  await signIn(journey.page, employeeNo, DEMO_PASSWORD);
  await journey.page.waitForURL((url) => url.pathname === "/");
  return journey;
}

/**
 * journey.shot from the top of the page: after typing far down a long form the window is scrolled, and a
 * full-page screenshot would draw the fixed header across the middle of the form.
 */
async function shot(journey: Journey, label: string) {
  await journey.page.evaluate(() => window.scrollTo(0, 0));
  await journey.shot(label);
}

/** Clicks a submit button and waits for the server's answer to that POST. */
async function post(page: Page, button: Locator) {
  const answered = page.waitForResponse((response) => response.request().method() === "POST");
  await button.click();
  const response = await answered;
  expect(response.status(), `POST ${response.url()}`).toBeLessThan(400);
}

/** The proposal's state badge at the top of its page (the first one in the main area: the timeline's come
 * later, and the menu's scroll bars also carry a data-state). */
const stateBadge = (page: Page) => page.locator("#main [data-state]").first();

/** The option of a <select> whose text contains `text`: its value, to choose it whatever else the label says. */
async function optionValue(select: Locator, text: string): Promise<string> {
  const option = select.locator("option", { hasText: text });
  await see(option).toHaveCount(1);
  return (await option.getAttribute("value"))!;
}

/** A member scores and votes on the meeting's one proposal. */
async function castBallot(page: Page, ballot: { scores: readonly number[]; vote: string; comment: string }) {
  await hydrated(page);
  const form = page.getByTestId("ballot-form");
  await see(form).toBeVisible();
  for (const [i, label] of CRITERIA.entries()) await field(page, label).fill(String(ballot.scores[i]));
  await form.getByRole("radio", { name: ballot.vote, exact: true }).check();
  await field(page, "意見（可不填；結束投票後列入會議紀錄）").fill(ballot.comment);
  await post(page, form.getByRole("button", { name: "送出選票", exact: true }));
  await see(page.getByTestId("ballot-cast-at")).toContainText("您已於");
  await see(form.getByRole("button", { name: "修改選票", exact: true })).toBeVisible();
}

describe.skipIf(!hasServer)("a proposal goes through the review committee to its reward grade", () => {
  let browser: Browser;
  let people: Map<string, DemoPerson>;
  beforeAll(async () => {
    browser = await launchBrowser();
    people = await demoPeople();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("FB005 proposes, FB002 forwards, FB004/FB006/FB007 vote with FB005 recused, the chair decides, FB010 carries it out, FB001 reviews: 甲等", { timeout: 300_000 }, async () => {
    const name = (employeeNo: string) => people.get(employeeNo)!.name;
    const proposerName = name(DEMO_ACCOUNTS.committee);
    const chairName = name(DEMO_ACCOUNTS.chair);
    const ownerName = name(DEMO_ACCOUNTS.staff);
    const coProposer = people.get("FB011")!;
    const journeys: Journey[] = [];
    const start = async (employeeNo: string, who: string) => {
      const journey = await signedIn(browser, employeeNo, who);
      journeys.push(journey);
      return journey;
    };
    try {
      // ---------------------------------------------------------------- 1. FB005 writes and submits
      const proposer = await start(DEMO_ACCOUNTS.committee, "1-proposer-FB005");
      let page = proposer.page;
      await mainNav(page).getByRole("link", { name: "創新提案", exact: true }).click();
      await page.waitForURL((url) => url.pathname === "/proposals");
      await page.getByRole("link", { name: "撰寫提案", exact: true }).click();
      await page.waitForURL((url) => url.pathname === "/proposals/new");
      await see(page.getByRole("heading", { name: "撰寫提案：業務研提意見表", level: 1 })).toBeVisible();
      await hydrated(page);
      await field(page, "提案名稱").fill(TITLE);
      await field(page, "提案類別").selectOption({ label: PROPOSAL.category });
      await field(page, "提案來源").selectOption({ label: PROPOSAL.origin });
      await field(page, "現況問題").fill(PROPOSAL.problem);
      await field(page, "具體作法").fill(PROPOSAL.method);
      await field(page, "預期效益").fill(PROPOSAL.benefit);
      await field(page, "預估經費").fill(PROPOSAL.estimatedCost);
      // A co-proposer, found with the filter box.
      await field(page, "以姓名或員工編號篩選").fill(coProposer.employeeNo);
      const coBox = page.getByRole("checkbox", { name: `${coProposer.name}（${coProposer.title}，${coProposer.employeeNo}）`, exact: true });
      await see(coBox).toBeVisible();
      await coBox.check();
      await see(page.getByText("已勾選 1 人")).toBeVisible();
      // The similar-proposals panel has looked the title up (whatever it found).
      await see(page.getByText("輸入提案名稱後，這裡會列出先前類似的提案。")).toHaveCount(0);
      await see(page.getByText("搜尋中…")).toHaveCount(0);
      await shot(proposer, "form-filled");

      await page.getByRole("button", { name: "送出", exact: true }).click();
      await page.waitForURL((url) => /^\/proposals\/\d+$/.test(url.pathname));
      const proposalPath = new URL(page.url()).pathname;
      await see(page.getByRole("heading", { name: TITLE, level: 1 })).toBeVisible();
      await see(stateBadge(page)).toHaveText("待主管審核");
      const referenceText = await page.getByTestId("reference-no").textContent();
      const referenceNo = new RegExp(`${ROC_YEAR}-\\d{3}`).exec(referenceText ?? "")?.[0];
      expect(referenceText, "reference number").toMatch(new RegExp(`^編號 ${ROC_YEAR}-0\\d{2}$`));
      const content = page.getByTestId("proposal-content");
      for (const text of [PROPOSAL.category, PROPOSAL.origin, PROPOSAL.problem, PROPOSAL.method, PROPOSAL.benefit, PROPOSAL.estimatedCost]) {
        await see(content).toContainText(text);
      }
      await see(page.getByTestId("co-proposers")).toContainText(coProposer.name);
      await see(page.getByTestId("timeline")).toContainText(`送出，取得編號 ${referenceNo}`);
      await shot(proposer, "submitted");

      // ---------------------------------------------------------------- 2. FB002 forwards it
      const supervisor = await start(DEMO_ACCOUNTS.supervisor, "2-supervisor-FB002");
      page = supervisor.page;
      await page.getByTestId("waiting-list").getByRole("link", { name: /件提案待您審核/ }).click();
      await page.waitForURL((url) => url.pathname === "/proposals" && url.searchParams.get("view") === "screen");
      const queueRow = page.getByRole("row").filter({ hasText: TITLE });
      await see(queueRow).toContainText(referenceNo!);
      await see(queueRow).toContainText(proposerName);
      await see(queueRow).toContainText("待主管審核");
      await see(queueRow).toContainText("今天進入此階段");
      await shot(supervisor, "queue");
      await queueRow.getByRole("link", { name: TITLE }).click();
      await page.waitForURL((url) => url.pathname === proposalPath);
      await hydrated(page);
      const screening = page.getByTestId("screen-form");
      await see(screening).toBeVisible();
      await field(page, "審核意見／理由").fill(SCREENING_NOTE);
      await shot(supervisor, "screening");
      await post(page, screening.getByRole("button", { name: "送審查小組", exact: true }));
      await see(stateBadge(page)).toHaveText("待排入審查會議");
      await see(page.getByTestId("screen-form")).toHaveCount(0);
      await see(page.getByTestId("timeline")).toContainText("主管審核：送審查小組");
      await see(page.getByTestId("timeline")).toContainText(SCREENING_NOTE);
      await shot(supervisor, "forwarded");

      // ---------------------------------------------------------------- 3. FB004 calls the meeting
      const chair = await start(DEMO_ACCOUNTS.chair, "3-chair-FB004");
      page = chair.page;
      await mainNav(page).getByRole("link", { name: "提案審查會議", exact: true }).click();
      await page.waitForURL((url) => url.pathname === "/committee/rounds");
      await page.getByRole("link", { name: "新增審查會議" }).first().click();
      await page.waitForURL((url) => url.pathname === "/committee/rounds/new");
      await hydrated(page);
      await field(page, "會議名稱").fill(MEETING_TITLE);
      await field(page, "開會日期").fill(taipeiDate());
      await field(page, "開會地點").fill("本所3樓會議室");
      await shot(chair, "new-meeting");
      await page.getByRole("button", { name: "儲存", exact: true }).click();
      await page.waitForURL((url) => /^\/committee\/rounds\/\d+$/.test(url.pathname));
      const roundPath = new URL(page.url()).pathname;
      await see(page.getByRole("heading", { name: MEETING_TITLE, level: 1 })).toBeVisible();
      await see(page.locator("[data-round-state]").first()).toHaveText("未開始");

      // The agenda: our proposal among those waiting for a meeting.
      await hydrated(page);
      const agenda = field(page, "待排入審查會議的提案");
      await agenda.selectOption(await optionValue(agenda, TITLE));
      await post(page, page.getByRole("button", { name: "排入本次會議", exact: true }));
      const item = page.getByTestId("round-item");
      await see(item).toHaveCount(1);
      await see(item.getByRole("heading", { name: TITLE })).toBeVisible();
      // The proposer, a member of this meeting, sits it out automatically.
      await see(item).toContainText(`${proposerName}：提案人`);

      // Attendance: all four members present.
      const committee = [DEMO_ACCOUNTS.chair, DEMO_ACCOUNTS.committee, "FB006", "FB007"];
      const attendance = page.getByTestId("attendance-form");
      for (const no of committee) await attendance.getByRole("checkbox", { name: new RegExp(`^${name(no)}（`) }).check();
      await post(page, attendance.getByRole("button", { name: "儲存出席名單", exact: true }));
      // 4 members, the proposer recused: 3 eligible, 3 present.
      await see(item.getByTestId("quorum")).toHaveText("應出席（扣除迴避）3 人，出席 3 人，需 2 人：已達法定人數");
      for (const no of committee) await see(attendance.getByRole("checkbox", { name: new RegExp(`^${name(no)}（`) })).toBeChecked();
      await shot(chair, "agenda-attendance");

      await hydrated(page);
      await post(page, page.getByRole("button", { name: "開始投票", exact: true }));
      await see(page.locator("[data-round-state]").first()).toHaveText("投票中");
      await see(page.getByTestId("secrecy")).toContainText("投票進行中");
      await see(item.getByTestId("ballots-cast")).toContainText("已投票 0／3");
      await shot(chair, "voting-open");

      // ---------------------------------------------------------------- 4. three members vote, the proposer cannot
      await castBallot(page, BALLOTS[DEMO_ACCOUNTS.chair]);
      await see(item.getByTestId("ballots-cast")).toContainText("已投票 1／3");
      await shot(chair, "chair-voted");

      const member7 = await start("FB007", "4-member-FB007");
      page = member7.page;
      await page.getByTestId("waiting-list").getByRole("link", { name: `審查會議「${MEETING_TITLE}」有 1 件提案待您投票` }).click();
      await page.waitForURL((url) => url.pathname === roundPath);
      await see(page.getByTestId("round-item")).toContainText(`${proposerName}：提案人`);
      await castBallot(page, BALLOTS.FB007);
      await see(page.getByTestId("ballots-cast")).toContainText("已投票 2／3");
      await shot(member7, "voted");

      const member6 = await start("FB006", "5-member-FB006");
      page = member6.page;
      await page.getByTestId("waiting-list").getByRole("link", { name: `審查會議「${MEETING_TITLE}」有 1 件提案待您投票` }).click();
      await page.waitForURL((url) => url.pathname === roundPath);
      await see(page.getByTestId("ballots-cast")).toContainText("已投票 2／3");
      // Only the count: nothing of the chair's or FB007's ballot, neither on screen nor in the page's data.
      await see(page.getByText(SECRET_COMMENT)).toHaveCount(0);
      await see(page.getByText(BALLOTS[DEMO_ACCOUNTS.chair].comment)).toHaveCount(0);
      const memberHtml = await (await page.request.get(roundPath)).text();
      expect(memberHtml).toContain(MEETING_TITLE);
      expect(memberHtml).not.toContain(SECRET_COMMENT);
      expect(memberHtml).not.toContain(BALLOTS[DEMO_ACCOUNTS.chair].comment);
      await shot(member6, "before-voting");
      await castBallot(page, BALLOTS.FB006);
      await see(page.getByTestId("ballots-cast")).toContainText("已投票 3／3");
      await see(page.getByText(SECRET_COMMENT)).toHaveCount(0);
      await shot(member6, "voted");

      // The proposer opens the meeting from the proposal and finds no ballot, only why.
      page = proposer.page;
      await page.goto(proposalPath);
      await see(stateBadge(page)).toHaveText("已排入審查會議");
      await page.getByTestId("meeting-link").getByRole("link", { name: `前往審查會議：${MEETING_TITLE}` }).click();
      await page.waitForURL((url) => url.pathname === roundPath);
      await see(page.getByTestId("my-refusal")).toHaveText("您目前不能投票：您在本案應予迴避，不能投票或評分。");
      await see(page.getByTestId("ballot-form")).toHaveCount(0);
      await see(page.getByTestId("round-item")).toContainText(`${proposerName}（您）：提案人`);
      await see(page.getByText(SECRET_COMMENT)).toHaveCount(0);
      await shot(proposer, "recused");

      // ---------------------------------------------------------------- 5. the chair closes voting and decides
      page = chair.page;
      await page.reload();
      await see(item.getByTestId("ballots-cast")).toContainText("已投票 3／3");
      // The chair included: no other member's ballot before closing.
      await see(page.getByText(SECRET_COMMENT)).toHaveCount(0);
      expect(await (await page.request.get(roundPath)).text()).not.toContain(SECRET_COMMENT);
      await hydrated(page);
      const closeForm = page.getByTestId("close-form");
      await closeForm.getByRole("checkbox", { name: "我了解結束投票後選票公開且不能再修改" }).check();
      await shot(chair, "before-closing");
      await post(page, closeForm.getByRole("button", { name: "結束投票", exact: true }));
      await see(page.locator("[data-round-state]").first()).toHaveText("已結束");
      // The same request that found no comment before closing finds it now (the check above can fail).
      expect(await (await page.request.get(roundPath)).text()).toContain(SECRET_COMMENT);

      const tally = item.getByTestId("tally");
      for (const count of ["採行 2 票", "修正後採行 1 票", "不採行 0 票", "棄權 0 票"]) await see(tally).toContainText(count);
      await see(item.getByTestId("outcome")).toHaveText("表決結論：多數意見：採行");
      const ballotRows = item.getByTestId("ballots").locator("tbody tr");
      await see(ballotRows).toHaveCount(3);
      for (const [no, ballot] of Object.entries(BALLOTS)) {
        const row = ballotRows.filter({ hasText: name(no) });
        await see(row).toContainText(ballot.vote);
        await see(row).toContainText(String(ballot.total));
        await see(row).toContainText(ballot.comment);
      }
      await see(item.getByTestId("mean-score")).toContainText("平均分數 90.00 分");
      await see(item.getByTestId("mean-score")).toContainText("甲等");
      await shot(chair, "closed-tally");

      await hydrated(page);
      const decisionForm = item.getByTestId("decision-form");
      await decisionForm.getByRole("radio", { name: "本所採行", exact: true }).check();
      await field(page, "決議理由").fill(DECISION_REASON);
      await shot(chair, "decision-form");
      await post(page, decisionForm.getByRole("button", { name: "作成決議", exact: true }));
      await see(item.getByTestId("decision")).toContainText("決議：本所採行");
      await see(item.getByTestId("decision")).toContainText(DECISION_REASON);
      await see(item.getByTestId("decision-form")).toHaveCount(0);
      await shot(chair, "decided");

      // ---------------------------------------------------------------- 6. FB002 names the owner
      page = supervisor.page;
      await page.goto(proposalPath);
      await see(stateBadge(page)).toHaveText("本所採行（待指定承辦人）");
      await see(page.getByTestId("decision")).toContainText(DECISION_REASON);
      await see(page.getByTestId("decision")).toContainText("90.00");
      await hydrated(page);
      const assign = page.getByTestId("assign-form");
      const ownerSelect = field(page, "承辦人");
      await ownerSelect.selectOption(await optionValue(ownerSelect, DEMO_ACCOUNTS.staff));
      await field(page, "預定完成日").fill(taipeiDate(60));
      await shot(supervisor, "assign-owner");
      await post(page, assign.getByRole("button", { name: "指定", exact: true }));
      await see(stateBadge(page)).toHaveText("執行中");
      await see(page.getByTestId("implementation")).toContainText(ownerName);
      await see(page.getByTestId("timeline")).toContainText(`指定承辦人 ${ownerName}，預定`);
      await shot(supervisor, "owner-named");

      // ---------------------------------------------------------------- 7. FB010 reports progress, then done
      const owner = await start(DEMO_ACCOUNTS.staff, "6-owner-FB010");
      page = owner.page;
      await page.getByTestId("waiting-list").getByRole("link", { name: `您承辦的提案「${TITLE}」執行中，請回報進度` }).click();
      await page.waitForURL((url) => url.pathname === proposalPath);
      await hydrated(page);
      const progress = page.getByTestId("progress-form");
      await field(page, "完成百分比（0–100）").fill("50");
      await field(page, "進度說明").fill(PROGRESS_NOTE);
      await shot(owner, "progress-form");
      await post(page, progress.getByRole("button", { name: "回報進度", exact: true }));
      await see(page.getByText("目前進度 50%")).toBeVisible();
      const history = page.getByTestId("progress-history");
      await see(history).toContainText("50%");
      await see(history).toContainText(PROGRESS_NOTE);
      await see(page.getByTestId("timeline")).toContainText("回報執行進度 50%");
      await shot(owner, "progress-reported");

      await hydrated(page);
      const implemented = page.getByTestId("implemented-form");
      await field(page, "完成情形說明").fill(IMPLEMENTED_NOTE);
      await post(page, implemented.getByRole("button", { name: "標記執行完成", exact: true }));
      await see(stateBadge(page)).toHaveText("執行完成（待成效檢討）");
      await see(page.getByTestId("timeline")).toContainText(IMPLEMENTED_NOTE);
      // The owner does not review their own work.
      await see(page.getByTestId("review-form")).toHaveCount(0);
      await shot(owner, "implemented");

      // ---------------------------------------------------------------- 8. FB001 reviews the effectiveness
      const director = await start(DEMO_ACCOUNTS.director, "7-director-FB001");
      page = director.page;
      await page.getByTestId("notifications-link").click();
      await page.waitForURL((url) => url.pathname === "/notifications");
      const notice = page.getByTestId("notification-list").getByRole("listitem").filter({ hasText: `提案「${TITLE}」已執行完成，請辦理執行成效檢討。` });
      await see(notice).toHaveCount(1);
      await shot(director, "notifications");
      await hydrated(page);
      await notice.getByRole("button", { name: "開啟", exact: true }).click();
      await page.waitForURL((url) => url.pathname === proposalPath);
      await hydrated(page);
      const review = page.getByTestId("review-form");
      await review.getByRole("radio", { name: "達成", exact: true }).check();
      await field(page, "實施前數據").fill(REVIEW.before);
      await field(page, "實施後數據").fill(REVIEW.after);
      await field(page, "檢討說明").fill(REVIEW.note);
      await shot(director, "review-form");
      await post(page, review.getByRole("button", { name: "送出檢討結果", exact: true }));
      await see(stateBadge(page)).toHaveText("已完成執行成效檢討");
      await see(page.getByTestId("effectiveness")).toContainText("達成");
      await see(page.getByTestId("effectiveness")).toContainText("甲等");
      await shot(director, "reviewed");

      // ---------------------------------------------------------------- 9. the proposer sees the grade
      page = proposer.page;
      await page.goto("/");
      await see(page.getByTestId("home-notifications")).toContainText(`您的提案「${TITLE}」完成成效檢討，獲評甲等。`);
      await shot(proposer, "home-graded");
      await mainNav(page).getByRole("link", { name: "創新提案", exact: true }).click();
      await page.waitForURL((url) => url.pathname === "/proposals");
      const mine = page.getByRole("row").filter({ hasText: TITLE });
      await see(mine).toContainText("已完成執行成效檢討");
      await see(mine).toContainText("甲等");
      await shot(proposer, "my-proposals");
      await mine.getByRole("link", { name: TITLE }).click();
      await page.waitForURL((url) => url.pathname === proposalPath);
      await see(stateBadge(page)).toHaveText("已完成執行成效檢討");
      await see(stateBadge(page).locator("xpath=..")).toContainText("甲等");
      const effectiveness = page.getByTestId("effectiveness");
      for (const text of ["達成", "甲等", REVIEW.before, REVIEW.after, REVIEW.note]) await see(effectiveness).toContainText(text);
      await see(page.getByTestId("decision")).toContainText("本所採行");
      await see(page.getByTestId("implementation")).toContainText("目前進度 100%");
      // The timeline: every step, in order.
      const steps = [
        "建立草稿",
        `送出，取得編號 ${referenceNo}`,
        "主管審核：送審查小組",
        `排入審查會議「${MEETING_TITLE}」`,
        "審查小組決議：本所採行",
        `指定承辦人 ${ownerName}`,
        "回報執行進度 50%",
        "標記執行完成",
        "執行成效檢討：達成",
      ];
      const timeline = page.getByTestId("timeline");
      await see(timeline).toContainText("獲評 甲等");
      await see(timeline).toContainText("平均分數 90.00");
      const timelineText = (await timeline.textContent()) ?? "";
      let from = 0;
      for (const step of steps) {
        const at = timelineText.indexOf(step, from);
        expect(at, `timeline step 「${step}」 after position ${from}`).toBeGreaterThanOrEqual(0);
        from = at + step.length;
      }
      await shot(proposer, "proposal-graded");

      // The minutes: attendance, the proposer's recusal, the tally and the decision.
      await page.getByTestId("rounds").getByRole("link", { name: MEETING_TITLE }).click();
      await page.waitForURL((url) => url.pathname === roundPath);
      await page.getByRole("link", { name: "會議紀錄", exact: true }).click();
      await page.waitForURL((url) => url.pathname === `${roundPath}/minutes`);
      const minutes = page.getByTestId("minutes");
      await see(minutes).toContainText(MEETING_TITLE);
      for (const no of committee) await see(page.getByTestId("minutes-present")).toContainText(name(no));
      await see(page.getByTestId("minutes-present")).toContainText(`${chairName}（主席）`);
      await see(page.getByTestId("minutes-absent")).toHaveText("無");
      const minutesItem = page.getByTestId("minutes-item");
      await see(minutesItem).toHaveCount(1);
      await see(minutesItem).toContainText(`${referenceNo}「${TITLE}」（提案人：${proposerName}）`);
      await see(minutesItem).toContainText(`${proposerName}（提案人）`);
      await see(minutesItem).toContainText("應出席 3 人，實到 3 人，法定人數 2 人，已達法定人數");
      await see(minutesItem).toContainText("採行 2 票、修正後採行 1 票、不採行 0 票、棄權 0 票");
      await see(minutesItem).toContainText("總分平均 90.00 分");
      await see(minutesItem).toContainText("本所採行");
      await see(minutesItem).toContainText(`理由：${DECISION_REASON}`);
      await shot(proposer, "minutes");

      for (const journey of journeys) expect(journey.problems, journey.name).toEqual([]);
    } finally {
      for (const journey of journeys) await journey.close();
    }
  });
});
