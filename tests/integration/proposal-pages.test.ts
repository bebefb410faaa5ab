// The proposal pages (創新提案, issue 4) through the real route modules: writing a 研提意見表 with a
// co-proposer, validation in zh-TW keys with what was typed kept, drafts seen only by their authors,
// numbering on submission, supervisor screening (a return needs a reason), resubmission, forwarding,
// the chair scheduling it onto a meeting, who may not screen, similar earlier proposals, the CSV
// export, the settings' validation and the printable form.
import { MantineProvider } from "@mantine/core";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { StaticRouterProvider, createStaticHandler, createStaticRouter } from "react-router-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import { getCurrentUser } from "~/modules/auth/session.server";
import { createRound } from "~/modules/proposals/committee.server";
import { getProposalSettings } from "~/modules/proposals/proposals.server";
import { useTestDatabase, userIdOf } from "../helpers/db";
import { absoluteUrl, get, post, redirectPath, signIn, type RouteModule } from "../helpers/requests";
import { routeFor } from "../helpers/routes";

const t = useTestDatabase();

let listRoute: RouteModule;
let newRoute: RouteModule;
let pageRoute: RouteModule & { default?: React.ComponentType };
let editRoute: RouteModule;
let printRoute: RouteModule & { default?: React.ComponentType };
let similarRoute: RouteModule;
let settingsRoute: RouteModule;
const cookies: Record<string, string> = {};
const ids: Record<string, number> = {};

/** 民國 year now, as the server numbers proposals (115-001…). */
const rocYear = Number(new Intl.DateTimeFormat("en-US", { timeZone: "Asia/Taipei", year: "numeric" }).format(new Date())) - 1911;

function form(overrides: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    intent: "draft",
    title: "臨櫃叫號加入預約優先號碼",
    category: "innovative_service",
    origin: "citizen_feedback",
    problem: "預約民眾到所後仍須與現場民眾一同抽號等候，報馬仔反映預約沒有意義。",
    method: "叫號系統新增「預約」號段，預約民眾報到後取得優先號，每叫三個現場號插叫一個預約號。",
    benefit: "預約民眾平均等候由 18 分鐘降為 5 分鐘以內。",
    estimatedCost: "約新臺幣 2 萬元（叫號系統程式修改）",
    ...overrides,
  };
}

const page = (id: number) => `/proposals/${id}`;
const idFrom = (location: string | null) => Number(/^\/proposals\/(\d+)\?notice=(created|saved)$/.exec(location ?? "")?.[1]);

async function currentUser(employeeNo: string) {
  const request = new Request(absoluteUrl("/"), { headers: { Cookie: cookies[employeeNo] } });
  const user = await getCurrentUser(t.db, request);
  expect(user).not.toBeNull();
  return user!;
}

async function createThroughForm(employeeNo: string, fields: Record<string, string | string[]>): Promise<number> {
  const result = await post(newRoute, "/proposals/new", fields, { cookie: cookies[employeeNo] });
  expect(result.status, JSON.stringify(result.data)).toBe(302);
  const id = idFrom(redirectPath(result));
  expect(id).toBeGreaterThan(0);
  return id;
}

async function detail(employeeNo: string, id: number) {
  const result = await get(pageRoute, page(id), { cookie: cookies[employeeNo], params: { proposalId: String(id) } });
  expect(result.status, String(result.data)).toBe(200);
  return result.data;
}

function act(employeeNo: string, id: number, fields: Record<string, string | string[]>) {
  return post(pageRoute, page(id), fields, { cookie: cookies[employeeNo], params: { proposalId: String(id) } });
}

/** Renders a route's page on the server with the data its loader returned, as the browser first gets it. */
async function render(route: { default?: React.ComponentType }, data: Record<string, unknown>, path: string): Promise<string> {
  const handler = createStaticHandler([{ id: "page", path: "*", Component: route.default!, loader: () => data }]);
  const context = await handler.query(new Request(absoluteUrl(path)));
  if (context instanceof Response) throw new Error(`render: the router answered ${context.status}`);
  const router = createStaticRouter(handler.dataRoutes, context);
  return renderToString(createElement(MantineProvider, null, createElement(StaticRouterProvider, { router, context, hydrate: false })));
}

beforeAll(async () => {
  [listRoute, newRoute, pageRoute, editRoute, printRoute, similarRoute, settingsRoute] = await Promise.all([
    routeFor("/proposals"),
    routeFor("/proposals/new"),
    routeFor("/proposals/:proposalId"),
    routeFor("/proposals/:proposalId/edit"),
    routeFor("/proposals/:proposalId/print"),
    routeFor("/proposals/similar"),
    routeFor("/proposals/settings"),
  ]);
  for (const employeeNo of ["FB002", "FB004", "FB010", "FB011", "FB012"]) cookies[employeeNo] = await signIn(t.db, employeeNo);
  ids.FB011 = await userIdOf(t.db, "FB011");
});

describe("writing a proposal", () => {
  it("refuses a form with missing fields in zh-TW keys, keeping what was typed (co-proposers included)", async () => {
    const result = await post(
      newRoute,
      "/proposals/new",
      form({ category: "", problem: "  ", coProposerIds: [String(ids.FB011)] }),
      { cookie: cookies.FB010 },
    );
    expect(result.status).toBe(400);
    expect(result.data.errors).toEqual({ category: "errors.required", problem: "errors.required" });
    expect(result.data.values).toMatchObject({ title: "臨櫃叫號加入預約優先號碼", method: form().method, coProposerIds: String(ids.FB011) });
  });

  it("saves a draft with a co-proposer; the draft has no number and offers edit, submit and withdraw", async () => {
    const id = await createThroughForm("FB010", form({ coProposerIds: [String(ids.FB011)] }));
    ids.first = id;
    const d = await detail("FB010", id);
    expect(d.proposal).toMatchObject({ state: "draft", referenceNo: null, title: "臨櫃叫號加入預約優先號碼", category: "innovative_service" });
    expect(d.coProposers.map((c: { id: number }) => c.id)).toEqual([ids.FB011]);
    expect(d.actions).toEqual(expect.arrayContaining(["edit", "submit", "withdraw"]));
    expect(d.timeline.map((e: { action: string }) => e.action)).toEqual(["create"]);
    // The list of people to choose from leaves out the writer.
    const choices = await get(newRoute, "/proposals/new", { cookie: cookies.FB010 });
    const writer = await userIdOf(t.db, "FB010");
    expect(choices.data.people.some((p: { id: number }) => p.id === writer)).toBe(false);
    expect(choices.data.people.some((p: { id: number }) => p.id === ids.FB011)).toBe(true);
  });

  it("shows the draft to its co-proposer but answers 404 to any other colleague", async () => {
    await detail("FB011", ids.first);
    const other = await get(pageRoute, page(ids.first), { cookie: cookies.FB012, params: { proposalId: String(ids.first) } });
    expect(other.status).toBe(404);
    const print = await get(printRoute, `${page(ids.first)}/print`, { cookie: cookies.FB012, params: { proposalId: String(ids.first) } });
    expect(print.status).toBe(404);
    const mine = await get(listRoute, "/proposals?view=all", { cookie: cookies.FB012 });
    expect(mine.data.page.rows.some((r: { id: number }) => r.id === ids.first)).toBe(false);
  });

  it("numbers the proposal when it is submitted (115-001, …) and sends it to the supervisors", async () => {
    const result = await act("FB010", ids.first, { intent: "submit" });
    expect(result.status).toBe(302);
    expect(redirectPath(result)).toBe(`${page(ids.first)}?notice=saved`);
    const d = await detail("FB010", ids.first);
    expect(d.proposal.state).toBe("submitted");
    expect(d.proposal.referenceNo).toMatch(new RegExp(`^${rocYear}-\\d{3}$`));
    expect(d.actions).toEqual(["withdraw"]);
  });

  it("refuses a withdrawal that was not confirmed", async () => {
    const result = await act("FB010", ids.first, { intent: "withdraw" });
    expect(result.status).toBe(400);
    expect(result.data.errors).toEqual({ confirm: "errors.proposals.confirmWithdraw" });
    expect((await detail("FB010", ids.first)).proposal.state).toBe("submitted");
  });
});

describe("supervisor screening", () => {
  it("lists the proposal in the supervisor's 待審核 view; a staff member asking for that view gets their own", async () => {
    const screen = await get(listRoute, "/proposals?view=screen", { cookie: cookies.FB002 });
    expect(screen.data.view).toBe("screen");
    expect(screen.data.views).toEqual(["mine", "screen", "all"]);
    expect(screen.data.page.rows.map((r: { id: number }) => r.id)).toContain(ids.first);
    const staff = await get(listRoute, "/proposals?view=screen", { cookie: cookies.FB012 });
    expect(staff.data.view).toBe("mine");
    expect(staff.data.page.rows.map((r: { id: number }) => r.id)).not.toContain(ids.first);
  });

  it("does not let a staff member screen (403), and shows them no screening action", async () => {
    for (const intent of ["supervisor_forward", "supervisor_return", "supervisor_reject"]) {
      const result = await act("FB012", ids.first, { intent, reason: "我覺得可以" });
      expect(result.status, intent).toBe(403);
    }
    expect((await detail("FB012", ids.first)).actions).toEqual([]);
    expect((await detail("FB010", ids.first)).proposal.state).toBe("submitted");
  });

  it("needs a reason to return it, given beside the reason field", async () => {
    const d = await detail("FB002", ids.first);
    expect(d.actions).toEqual(expect.arrayContaining(["supervisor_forward", "supervisor_return", "supervisor_reject"]));
    const result = await act("FB002", ids.first, { intent: "supervisor_return", reason: " " });
    expect(result.status).toBe(400);
    expect(result.data.errors.reason).toContain("退回修正必須填寫理由");
    expect(result.data.values.intent).toBe("supervisor_return");
  });

  it("returns it with a reason; the proposer sees the reason and may edit again", async () => {
    const result = await act("FB002", ids.first, { intent: "supervisor_return", reason: "請補充插叫比例的依據，並說明與既有預約系統如何串接。" });
    expect(result.status).toBe(302);
    const d = await detail("FB010", ids.first);
    expect(d.proposal.state).toBe("returned");
    expect(d.returnReason.reason).toContain("插叫比例");
    expect(d.actions).toEqual(expect.arrayContaining(["edit", "submit"]));
    const step = d.timeline.find((e: { action: string }) => e.action === "supervisor_return");
    expect(step).toMatchObject({ reason: expect.stringContaining("插叫比例"), toState: "returned" });
  });

  it("lets only the proposer open the edit page; the proposer revises and resubmits, keeping the number", async () => {
    const before = (await detail("FB010", ids.first)).proposal.referenceNo;
    const denied = await get(editRoute, `${page(ids.first)}/edit`, { cookie: cookies.FB002, params: { proposalId: String(ids.first) } });
    expect(denied.status).toBe(403);
    const edit = await get(editRoute, `${page(ids.first)}/edit`, { cookie: cookies.FB010, params: { proposalId: String(ids.first) } });
    expect(edit.data.defaults).toMatchObject({ title: "臨櫃叫號加入預約優先號碼", coProposerIds: [String(ids.FB011)] });
    const refused = await post(editRoute, `${page(ids.first)}/edit`, form({ intent: "submit", method: "" }), { cookie: cookies.FB010, params: { proposalId: String(ids.first) } });
    expect(refused.status).toBe(400);
    expect(refused.data.errors).toEqual({ method: "errors.required" });
    const result = await post(
      editRoute,
      `${page(ids.first)}/edit`,
      form({ intent: "submit", method: `${form().method}插叫比例依 114 年預約件數占三成訂定；由資訊課串接既有線上預約系統。`, coProposerIds: [String(ids.FB011)] }),
      { cookie: cookies.FB010, params: { proposalId: String(ids.first) } },
    );
    expect(result.status).toBe(302);
    const d = await detail("FB010", ids.first);
    expect(d.proposal).toMatchObject({ state: "submitted", referenceNo: before });
    expect(d.timeline.map((e: { action: string }) => e.action)).toEqual(["create", "submit", "supervisor_return", "edit", "resubmit"]);
  });

  it("forwards it to the committee", async () => {
    const result = await act("FB002", ids.first, { intent: "supervisor_forward", reason: "" });
    expect(result.status).toBe(302);
    expect((await detail("FB010", ids.first)).proposal.state).toBe("forwarded");
  });
});

describe("scheduling onto a meeting", () => {
  it("lets the chair put it on an open meeting's agenda, and nobody else", async () => {
    const chair = await currentUser("FB004");
    const roundId = await createRound(t.db, chair, { title: "115年第1次研提案件審查小組會議", meetingDate: "2026-12-10", location: "二樓會議室" });
    const d = await detail("FB004", ids.first);
    expect(d.actions).toContain("schedule");
    expect(d.openRounds.map((r: { id: number }) => r.id)).toContain(roundId);
    // The proposer's page has no meetings to choose from, and posting one is refused.
    expect((await detail("FB010", ids.first)).openRounds).toEqual([]);
    expect((await act("FB010", ids.first, { intent: "schedule", roundId: String(roundId) })).status).toBe(403);
    const missing = await act("FB004", ids.first, { intent: "schedule", roundId: "" });
    expect(missing.status).toBe(400);
    expect(missing.data.errors).toEqual({ roundId: "errors.required" });
    const result = await act("FB004", ids.first, { intent: "schedule", roundId: String(roundId) });
    expect(result.status).toBe(302);
    const after = await detail("FB010", ids.first);
    expect(after.proposal).toMatchObject({ state: "scheduled", currentRoundId: roundId });
    expect(after.rounds.map((r: { id: number }) => r.id)).toEqual([roundId]);
    expect(after.timeline.at(-1)).toMatchObject({ action: "schedule", details: { roundTitle: "115年第1次研提案件審查小組會議" } });
    // The same meeting twice is refused beside the meeting field.
    const again = await act("FB004", ids.first, { intent: "schedule", roundId: String(roundId) });
    expect(again.status).toBe(400);
    expect(again.data.errors.roundId).toBe("提案已經排在這次會議。");
  });
});

describe("similar earlier proposals", () => {
  it("finds a near-duplicate title while typing and on the new draft's page before 「送出」", async () => {
    const similar = await get(similarRoute, "/proposals/similar?title=" + encodeURIComponent("臨櫃叫號增加預約優先號"), { cookie: cookies.FB012 });
    expect(similar.status).toBe(200);
    const items = JSON.parse(similar.data).items as { id: number; title: string; similarity: number }[];
    expect(items.map((i) => i.id)).toContain(ids.first);

    const id = await createThroughForm("FB012", form({ title: "臨櫃叫號增加預約優先號", problem: "預約民眾仍要排隊。", method: "預約者報到後給優先號。", benefit: "減少等候。", estimatedCost: "" }));
    ids.duplicate = id;
    const d = await detail("FB012", id);
    expect(d.similar.map((s: { id: number }) => s.id)).toContain(ids.first);
    // An unrelated title finds nothing; an empty one is not even looked up.
    const unrelated = await get(similarRoute, "/proposals/similar?title=" + encodeURIComponent("辦公室飲水機更換濾心"), { cookie: cookies.FB012 });
    expect(JSON.parse(unrelated.data).items.map((i: { id: number }) => i.id)).not.toContain(ids.first);
    const empty = await get(similarRoute, "/proposals/similar?title=", { cookie: cookies.FB012 });
    expect(JSON.parse(empty.data).items).toEqual([]);
  });
});

describe("the list", () => {
  it("exports the chosen view as CSV with zh-TW headers", async () => {
    const result = await get(listRoute, "/proposals?view=all&format=csv", { cookie: cookies.FB002 });
    expect(result.headers.get("Content-Type")).toContain("text/csv");
    // (Response.text() drops the byte-order mark toCsv puts first for Excel.)
    const csv = String(result.data).replace(/^\uFEFF/, "");
    expect(csv.split("\r\n")[0]).toBe("編號,標題,類別,提案人,狀態,本階段等候,最後更新,獎勵等第");
    expect(csv).toContain("臨櫃叫號加入預約優先號碼");
    expect(csv).toContain("已排入審查會議");
    expect(csv).toContain("戶政創新服務");
    // The other staff member's draft is not in 全部.
    expect(csv).not.toContain("臨櫃叫號增加預約優先號");
  });

  it("filters by state, category and year", async () => {
    const byState = await get(listRoute, "/proposals?view=all&f.state=scheduled", { cookie: cookies.FB002 });
    expect(byState.data.page.rows.map((r: { id: number }) => r.id)).toContain(ids.first);
    expect(new Set(byState.data.page.rows.map((r: { state: string }) => r.state))).toEqual(new Set(["scheduled"]));
    const byCategory = await get(listRoute, "/proposals?view=all&f.category=environment", { cookie: cookies.FB002 });
    expect(byCategory.data.page.rows.map((r: { id: number }) => r.id)).not.toContain(ids.first);
    expect(byCategory.data.page.rows.every((r: { category: string }) => r.category === "environment")).toBe(true);
    const byYear = await get(listRoute, `/proposals?view=all&f.year=${rocYear}`, { cookie: cookies.FB002 });
    expect(byYear.data.years).toContain(rocYear);
    expect(byYear.data.page.rows.map((r: { id: number }) => r.id)).toContain(ids.first);
  });
});

describe("settings", () => {
  it("are for the chair and the director only", async () => {
    expect((await get(settingsRoute, "/proposals/settings", { cookie: cookies.FB010 })).status).toBe(403);
    expect((await post(settingsRoute, "/proposals/settings", {}, { cookie: cookies.FB002 })).status).toBe(403);
    const shown = await get(settingsRoute, "/proposals/settings", { cookie: cookies.FB004 });
    const d = shown.data.defaults as Record<string, string>;
    const rubric = Object.fromEntries([0, 1, 2, 3].map((i) => [d[`criterion_${i}`], d[`weight_${i}`]]));
    expect(rubric).toEqual({ 創新性: "30", 可行性: "30", 效益性: "30", 完整性: "10" });
    expect(d).toMatchObject({ grade_甲: "90", grade_乙: "80", grade_丙: "70", quorumRule: "at_least_half" });
  });

  const settingsForm = (overrides: Record<string, string> = {}) => ({
    criterion_0: "創新性",
    weight_0: "30",
    criterion_1: "可行性",
    weight_1: "30",
    criterion_2: "效益性",
    weight_2: "30",
    criterion_3: "完整性",
    weight_3: "20",
    criterion_4: "",
    weight_4: "",
    criterion_5: "",
    weight_5: "",
    grade_甲: "90",
    grade_乙: "80",
    grade_丙: "70",
    quorumRule: "more_than_half",
    stageAlertDays: "10",
    ...overrides,
  });

  it("refuses weights that do not add up to 100, saying so, and keeps what was typed", async () => {
    const result = await post(settingsRoute, "/proposals/settings", settingsForm(), { cookie: cookies.FB004 });
    expect(result.status).toBe(400);
    expect(result.data.errors).toEqual({ criteria: "各項配分合計必須是 100，目前是 110。" });
    expect(result.data.values).toMatchObject({ weight_3: "20", quorumRule: "more_than_half" });
    const thresholds = await post(settingsRoute, "/proposals/settings", settingsForm({ weight_3: "10", grade_乙: "95" }), { cookie: cookies.FB004 });
    expect(thresholds.data.errors).toEqual({ gradeThresholds: "門檻必須由高到低：甲等高於乙等，乙等高於丙等。" });
    const days = await post(settingsRoute, "/proposals/settings", settingsForm({ weight_3: "10", stageAlertDays: "0" }), { cookie: cookies.FB004 });
    expect(days.data.errors).toEqual({ stageAlertDays: "errors.invalid" });
  });

  it("saves valid settings", async () => {
    const result = await post(settingsRoute, "/proposals/settings", settingsForm({ weight_3: "10" }), { cookie: cookies.FB004 });
    expect(redirectPath(result)).toBe("/proposals/settings?notice=saved");
    const chair = await currentUser("FB004");
    const saved = await getProposalSettings(t.db, chair.officeId);
    expect(saved).toMatchObject({ quorumRule: "more_than_half", stageAlertDays: 10, rubricWeights: { 創新性: 30, 可行性: 30, 效益性: 30, 完整性: 10 } });
  });
});

describe("the printable form", () => {
  it("renders the title, the proposer and ■ on the chosen category and origin, □ on the others", async () => {
    const result = await get(printRoute, `${page(ids.first)}/print`, { cookie: cookies.FB010, params: { proposalId: String(ids.first) } });
    expect(result.status).toBe(200);
    expect(result.data.screening).toMatchObject({ action: "supervisor_forward" });
    const html = await render(printRoute, result.data, `${page(ids.first)}/print`);
    expect(html).toContain("業務研提意見表");
    expect(html).toContain("臨櫃叫號加入預約優先號碼");
    expect(html).toMatch(/■<\/span>戶政創新服務/);
    expect(html).toMatch(/□<\/span>戶籍行政作業/);
    expect((html.match(/■/g) ?? []).length).toBe(2); // one category, one origin
    expect(html).toMatch(/■<\/span>報馬仔民意/);
    expect(html).toContain(result.data.proposal.referenceNo);
    expect(html).toContain("@media print");
  });
});
