// The clipping pages (新聞蒐集與傳閱, issue 6) through the real route modules: a staff member records a
// clipping (validation keeps what was typed; a javascript: link is refused), a supervisor circulates
// it 必閱 to the whole office (a past due date and a 參閱 with a due date are refused), a recipient's
// opening and acknowledgement are recorded separately, acknowledging twice is refused, an edit in
// substance asks again while a tags-only edit does not, reminders go to those pending once a day,
// staff cannot circulate (403) and another office's user finds nothing (404).
import { MantineProvider } from "@mantine/core";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { StaticRouterProvider, createStaticHandler, createStaticRouter } from "react-router-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import { localDate } from "~/modules/knowledge/circulation";
import { useTestDatabase, userIdOf } from "../helpers/db";
import { absoluteUrl, get, post, redirectPath, signIn, type RouteModule } from "../helpers/requests";
import { routeFor } from "../helpers/routes";

const t = useTestDatabase();

let listRoute: RouteModule;
let newRoute: RouteModule;
let pageRoute: RouteModule & { default?: React.ComponentType };
let editRoute: RouteModule;
const cookies: Record<string, string> = {};
const ids: Record<string, number> = {};

const DAY = 86_400_000;
const tomorrow = () => localDate(new Date(Date.now() + DAY));
const yesterday = () => localDate(new Date(Date.now() - DAY));

function clippingForm(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    title: "冒用身分申辦初領身分證 戶所臨櫃識破",
    outlet: "中央社",
    url: "https://www.cna.com.tw/news/example-20260315",
    publishedOn: "2026-03-15",
    summary: "某戶政事務所櫃台人員比對舊照片與檔存資料，發現申請人並非本人，即時報警處理。",
    lesson: "初領、補領身分證應確實比對相片影像，疑義時請當事人說明並會同主管確認。",
    tags: "身分證、冒領, 詐騙",
    ...overrides,
  };
}

const page = (id: number) => `/clippings/${id}`;
const params = (id: number) => ({ clippingId: String(id) });

async function view(employeeNo: string, id: number, url = page(id)) {
  const result = await get(pageRoute, url, { cookie: cookies[employeeNo], params: params(id) });
  expect(result.status, String(result.data)).toBe(200);
  return result.data;
}

function act(employeeNo: string, id: number, fields: Record<string, string | string[]>) {
  return post(pageRoute, page(id), fields, { cookie: cookies[employeeNo], params: params(id) });
}

function edit(employeeNo: string, id: number, fields: Record<string, string>) {
  return post(editRoute, `${page(id)}/edit`, fields, { cookie: cookies[employeeNo], params: params(id) });
}

type Recipient = { userId: number; status: string; comment: string; openedAt: string | null; acknowledgedAt: string | null; acknowledgedVersion: number | null; remindedAt: string | null };
async function recipientOf(supervisor: string, id: number, userId: number): Promise<Recipient> {
  const d = await view(supervisor, id);
  const r = d.circulations[0].recipients.find((x: Recipient) => x.userId === userId);
  expect(r).toBeDefined();
  return r;
}

async function render(route: { default?: React.ComponentType }, data: Record<string, unknown>, path: string): Promise<string> {
  const handler = createStaticHandler([{ id: "page", path: "*", Component: route.default!, loader: () => data }]);
  const context = await handler.query(new Request(absoluteUrl(path)));
  if (context instanceof Response) throw new Error(`render: the router answered ${context.status}`);
  const router = createStaticRouter(handler.dataRoutes, context);
  return renderToString(createElement(MantineProvider, null, createElement(StaticRouterProvider, { router, context, hydrate: false })));
}

beforeAll(async () => {
  [listRoute, newRoute, pageRoute, editRoute] = await Promise.all([
    routeFor("/clippings"),
    routeFor("/clippings/new"),
    routeFor("/clippings/:clippingId"),
    routeFor("/clippings/:clippingId/edit"),
  ]);
  for (const employeeNo of ["FB002", "FB010", "FB011", "FB012", "DQ010"]) cookies[employeeNo] = await signIn(t.db, employeeNo);
  for (const employeeNo of ["FB002", "FB010", "FB011"]) ids[employeeNo] = await userIdOf(t.db, employeeNo);
});

describe("collecting a clipping", () => {
  it("refuses missing fields with what was typed kept", async () => {
    const result = await post(newRoute, "/clippings/new", clippingForm({ title: " ", publishedOn: "" }), { cookie: cookies.FB010 });
    expect(result.status).toBe(400);
    expect(result.data.errors).toMatchObject({ title: "errors.required", publishedOn: "errors.required" });
    expect(result.data.values).toMatchObject({ outlet: "中央社", summary: clippingForm().summary, tags: "身分證、冒領, 詐騙" });
  });

  it("refuses a javascript: link", async () => {
    const result = await post(newRoute, "/clippings/new", clippingForm({ url: "javascript:alert(document.cookie)" }), { cookie: cookies.FB010 });
    expect(result.status).toBe(400);
    expect(result.data.errors).toEqual({ url: "errors.knowledge.url" });
    expect(result.data.values.title).toBe(clippingForm().title);
  });

  it("puts a too-long tag's message on the tags field", async () => {
    const result = await post(newRoute, "/clippings/new", clippingForm({ tags: "一二三四五六七八九十一二三四五六七八九十一" }), { cookie: cookies.FB010 });
    expect(result.status).toBe(400);
    expect(result.data.errors).toEqual({ tags: "errors.knowledge.tagTooLong" });
  });

  it("saves a clipping from staff FB010 and lists it, newest first, searchable", async () => {
    const result = await post(newRoute, "/clippings/new", clippingForm(), { cookie: cookies.FB010 });
    expect(result.status, JSON.stringify(result.data)).toBe(302);
    const id = Number(/^\/clippings\/(\d+)\?notice=created$/.exec(redirectPath(result) ?? "")?.[1]);
    expect(id).toBeGreaterThan(0);
    ids.clipping = id;
    const older = await post(newRoute, "/clippings/new", clippingForm({ title: "門牌整編 民眾抱怨通知太晚", publishedOn: "2026-01-05", tags: "門牌", url: "" }), { cookie: cookies.FB010 });
    expect(older.status).toBe(302);

    const d = await view("FB010", id);
    expect(d.clipping).toMatchObject({ title: clippingForm().title, outlet: "中央社", publishedOn: "2026-03-15", tags: ["身分證", "冒領", "詐騙"], version: 1 });
    expect(d.canEdit).toBe(true);
    expect(d.isManager).toBe(false);
    expect(d.mine).toBeNull();
    expect(d.circulations).toEqual([]);

    const list = await get(listRoute, "/clippings", { cookie: cookies.FB011 });
    const titles = list.data.rows.map((r: { title: { text: string }[] }) => r.title.map((p) => p.text).join(""));
    expect(titles.indexOf(clippingForm().title)).toBeLessThan(titles.indexOf("門牌整編 民眾抱怨通知太晚"));

    // The demo seed may hold clippings of its own: look only at these two.
    const found = await get(listRoute, "/clippings?q=冒用", { cookie: cookies.FB011 });
    const mine = found.data.rows.find((r: { id: number }) => r.id === id);
    expect(mine.title.some((p: { text: string; match: boolean }) => p.match && p.text === "冒用")).toBe(true);
    expect(mine.toAcknowledge).toBe(false);
    expect(found.data.rows.map((r: { id: number }) => r.id)).not.toContain(Number(/\d+/.exec(redirectPath(older) ?? "")?.[0]));
  });

  it("lets neither another staff member edit it (403) nor another office see it (404)", async () => {
    const editByOther = await get(editRoute, `${page(ids.clipping)}/edit`, { cookie: cookies.FB011, params: params(ids.clipping) });
    expect(editByOther.status).toBe(403);
    for (const [route, url] of [
      [pageRoute, page(ids.clipping)],
      [editRoute, `${page(ids.clipping)}/edit`],
    ] as const) {
      const result = await get(route, url, { cookie: cookies.DQ010, params: params(ids.clipping) });
      expect(result.status).toBe(404);
    }
    const ack = await act("DQ010", ids.clipping, { intent: "acknowledge", comment: "" });
    expect(ack.status).toBe(404);
    const list = await get(listRoute, "/clippings", { cookie: cookies.DQ010 });
    expect(list.data.rows.map((r: { id: number }) => r.id)).not.toContain(ids.clipping);
  });
});

describe("circulating it", () => {
  it("does not let staff circulate, remind or close (403)", async () => {
    const result = await act("FB010", ids.clipping, { intent: "circulate", kind: "mandatory", dueOn: tomorrow(), audience: "office" });
    expect(result.status).toBe(403);
    const remind = await act("FB010", ids.clipping, { intent: "remind", circulationId: "1" });
    expect(remind.status).toBe(403);
  });

  it("refuses a past due date, and a 參閱 with a due date", async () => {
    const past = await act("FB002", ids.clipping, { intent: "circulate", kind: "mandatory", dueOn: yesterday(), audience: "office", note: "請各課宣導" });
    expect(past.status).toBe(400);
    expect(past.data.errors).toEqual({ dueOn: "完成期限不能早於今天。" });
    expect(past.data.values).toMatchObject({ note: "請各課宣導", kind: "mandatory" });

    const info = await act("FB002", ids.clipping, { intent: "circulate", kind: "information", dueOn: tomorrow(), audience: "office" });
    expect(info.status).toBe(400);
    expect(info.data.errors).toEqual({ dueOn: "參閱的傳閱不設完成期限。" });

    const noRoles = await act("FB002", ids.clipping, { intent: "circulate", kind: "information", dueOn: "", audience: "roles" });
    expect(noRoles.status).toBe(400);
    expect(noRoles.data.errors).toEqual({ audienceRoles: "clippings.circulate.chooseRoles" });
    expect((await view("FB002", ids.clipping)).circulations).toEqual([]);
  });

  it("circulates it 必閱 to the whole office with a due date; FB011 sees it to acknowledge", async () => {
    const result = await act("FB002", ids.clipping, { intent: "circulate", kind: "mandatory", dueOn: tomorrow(), audience: "office", note: "請於晨會宣導" });
    expect(result.status, JSON.stringify(result.data)).toBe(302);
    expect(redirectPath(result)).toBe(`${page(ids.clipping)}?notice=circulated`);

    const d = await view("FB002", ids.clipping);
    expect(d.circulations).toHaveLength(1);
    const c = d.circulations[0];
    expect(c).toMatchObject({ kind: "mandatory", dueOn: tomorrow(), closed: false, note: "請於晨會宣導" });
    expect(c.counts.recipients).toBeGreaterThan(5);
    expect(c.counts.acknowledged).toBe(0);
    // The sender is left out; FB011 is in.
    const userIds = c.recipients.map((r: Recipient) => r.userId);
    expect(userIds).not.toContain(ids.FB002);
    expect(userIds).toContain(ids.FB011);
    expect(c.recipients.every((r: Recipient) => r.status === "unopened")).toBe(true);

    const list = await get(listRoute, "/clippings", { cookie: cookies.FB011 });
    expect(list.data.rows.find((r: { id: number }) => r.id === ids.clipping)).toMatchObject({ toAcknowledge: true, circulatedToMe: true });
    const notes = await t.db.selectFrom("notifications").select("messageKey").where("userId", "=", ids.FB011).where("link", "=", page(ids.clipping)).execute();
    expect(notes.map((n) => n.messageKey)).toEqual(["notify.clippings.mandatory"]);
  });

  it("records FB011's opening (已開啟未確認), then the acknowledgement with its comment (已閱)", async () => {
    const d = await view("FB011", ids.clipping);
    expect(d.mine).toMatchObject({ acknowledgedAt: null, reacknowledge: false, kind: "mandatory", dueOn: tomorrow(), overdue: false });
    expect(d.circulations).toEqual([]); // not a supervisor: nobody else's receipts
    const opened = await recipientOf("FB002", ids.clipping, ids.FB011);
    expect(opened.status).toBe("opened");
    expect(opened.openedAt).not.toBeNull();
    expect(opened.acknowledgedAt).toBeNull();

    const ack = await act("FB011", ids.clipping, { intent: "acknowledge", comment: "已轉知第一課同仁" });
    expect(ack.status, JSON.stringify(ack.data)).toBe(302);
    expect(redirectPath(ack)).toBe(`${page(ids.clipping)}?notice=acknowledged`);
    const acked = await recipientOf("FB002", ids.clipping, ids.FB011);
    expect(acked).toMatchObject({ status: "acknowledged", comment: "已轉知第一課同仁", acknowledgedVersion: 1 });
    const counts = (await view("FB002", ids.clipping)).circulations[0].counts;
    expect(counts).toMatchObject({ acknowledged: 1, opened: 1 });

    const mine = (await view("FB011", ids.clipping)).mine;
    expect(mine.acknowledgedAt).not.toBeNull();
    expect(mine.comment).toBe("已轉知第一課同仁");
    const list = await get(listRoute, "/clippings", { cookie: cookies.FB011 });
    expect(list.data.rows.find((r: { id: number }) => r.id === ids.clipping).toAcknowledge).toBe(false);
  });

  it("refuses acknowledging twice, and acknowledging by someone it was not sent to", async () => {
    const again = await act("FB011", ids.clipping, { intent: "acknowledge", comment: "" });
    expect(again.status).toBe(400);
    expect(again.data.errors).toEqual({ _form: "您已確認已閱這個版本。" });
    const sender = await act("FB002", ids.clipping, { intent: "acknowledge", comment: "" });
    expect(sender.status).toBe(400);
    expect(sender.data.errors._form).toBe("這則新聞沒有傳閱給您，不需要確認已閱。");
  });

  it("sorts the recipients by status on request (unopened, opened, acknowledged)", async () => {
    await view("FB012", ids.clipping); // FB012 opens it
    const d = await view("FB002", ids.clipping, `${page(ids.clipping)}?recipients=status`);
    expect(d.sortByStatus).toBe(true);
    const statuses = d.circulations[0].recipients.map((r: Recipient) => r.status);
    const rank = { unopened: 0, opened: 1, acknowledged: 2 } as Record<string, number>;
    expect(statuses.map((s: string) => rank[s])).toEqual([...statuses.map((s: string) => rank[s])].sort((a, b) => a - b));
    expect(statuses.at(-1)).toBe("acknowledged");
    expect(statuses).toContain("opened");
  });
});

describe("editing after circulating", () => {
  it("a tags-only edit keeps FB011's acknowledgement", async () => {
    const result = await edit("FB002", ids.clipping, clippingForm({ tags: "身分證、冒領、詐騙、臨櫃" }));
    expect(result.status, JSON.stringify(result.data)).toBe(302);
    expect(redirectPath(result)).toBe(`${page(ids.clipping)}?notice=saved`);
    const r = await recipientOf("FB002", ids.clipping, ids.FB011);
    expect(r.status).toBe("acknowledged");
    expect((await view("FB011", ids.clipping)).clipping.version).toBe(1);
  });

  it("the edit form warns that a change in substance asks again", async () => {
    const form = await get(editRoute, `${page(ids.clipping)}/edit`, { cookie: cookies.FB002, params: params(ids.clipping) });
    expect(form.status).toBe(200);
    expect(form.data).toMatchObject({ circulating: true, version: 1, defaults: { title: clippingForm().title, tags: "身分證、冒領、詐騙、臨櫃" } });
  });

  it("a summary edit raises the version: FB011 must acknowledge again and is told", async () => {
    const result = await edit("FB002", ids.clipping, clippingForm({ summary: `${clippingForm().summary}警方後續查獲集團另有三人。`, tags: "身分證、冒領、詐騙、臨櫃" }));
    expect(result.status, JSON.stringify(result.data)).toBe(302);
    expect(redirectPath(result)).toBe(`${page(ids.clipping)}?notice=reacknowledge`);

    const r = await recipientOf("FB002", ids.clipping, ids.FB011);
    expect(r.status).not.toBe("acknowledged");
    expect(r.acknowledgedVersion).toBe(1);
    const counts = (await view("FB002", ids.clipping)).circulations[0].counts;
    expect(counts.acknowledged).toBe(0);
    expect(counts.reacknowledgementPending).toBe(1);

    const mine = (await view("FB011", ids.clipping)).mine;
    expect(mine).toMatchObject({ acknowledgedAt: null, reacknowledge: true });
    const notes = await t.db.selectFrom("notifications").select("messageKey").where("userId", "=", ids.FB011).where("link", "=", page(ids.clipping)).execute();
    expect(notes.map((n) => n.messageKey)).toContain("notify.clippings.changed");

    const ack = await act("FB011", ids.clipping, { intent: "acknowledge", comment: "新版已閱" });
    expect(ack.status).toBe(302);
    expect(await recipientOf("FB002", ids.clipping, ids.FB011)).toMatchObject({ status: "acknowledged", acknowledgedVersion: 2, comment: "新版已閱" });
  });
});

describe("reminding and closing", () => {
  it("reminds those pending once; a second reminder the same day is refused", async () => {
    const before = (await view("FB002", ids.clipping)).circulations[0];
    expect(before.remindable).toBe(before.counts.pending);
    const cid = String(before.id);
    const result = await act("FB002", ids.clipping, { intent: "remind", circulationId: cid });
    expect(result.status, JSON.stringify(result.data)).toBe(302);
    expect(redirectPath(result)).toBe(`${page(ids.clipping)}?notice=reminded&n=${before.remindable}`);

    const reminded = await t.db.selectFrom("notifications").select("userId").where("messageKey", "=", "notify.clippings.reminder").where("link", "=", page(ids.clipping)).execute();
    expect(reminded).toHaveLength(before.remindable);
    expect(reminded.map((n) => n.userId)).not.toContain(ids.FB011); // FB011 has acknowledged
    const after = (await view("FB002", ids.clipping)).circulations[0];
    expect(after.remindable).toBe(0);
    expect(after.recipients.find((r: Recipient) => r.userId === ids.FB010).remindedAt).not.toBeNull();

    const again = await act("FB002", ids.clipping, { intent: "remind", circulationId: cid });
    expect(again.status).toBe(400);
    expect(again.data.errors._form).toBe("目前沒有需要提醒的同仁（都已確認，或今天已提醒過）。");
    expect(again.data.values.circulationId).toBe(cid);
  });

  it("closes the circulation only with the box ticked; it is no longer to acknowledge", async () => {
    const cid = String((await view("FB002", ids.clipping)).circulations[0].id);
    const unticked = await act("FB002", ids.clipping, { intent: "close", circulationId: cid });
    expect(unticked.status).toBe(400);
    expect(unticked.data.errors).toEqual({ confirm: "clippings.close.confirmRequired" });
    const staff = await act("FB010", ids.clipping, { intent: "close", circulationId: cid, confirm: "on" });
    expect(staff.status).toBe(403);
    const closed = await act("FB002", ids.clipping, { intent: "close", circulationId: cid, confirm: "on" });
    expect(closed.status).toBe(302);
    expect((await view("FB002", ids.clipping)).circulations[0].closed).toBe(true);
    const list = await get(listRoute, "/clippings", { cookie: cookies.FB010 });
    expect(list.data.rows.find((r: { id: number }) => r.id === ids.clipping).toAcknowledge).toBe(false);
  });
});

describe("the page as rendered", () => {
  it("opens the article in a new tab with noopener and links to a prefilled proposal and case", async () => {
    const d = await view("FB010", ids.clipping);
    const html = await render(pageRoute, d, page(ids.clipping));
    expect(html).toMatch(/<a[^>]*href="https:\/\/www\.cna\.com\.tw\/news\/example-20260315"[^>]*>/);
    const anchor = /<a[^>]*href="https:\/\/www\.cna\.com\.tw[^"]*"[^>]*>/.exec(html)![0];
    expect(anchor).toContain('target="_blank"');
    expect(anchor).toMatch(/rel="noopener noreferrer"/);
    const proposalHref = /href="(\/proposals\/new\?[^"]+)"/.exec(html)![1].replace(/&amp;/g, "&");
    const p = new URL(proposalHref, "http://x").searchParams;
    expect(p.get("origin")).toBe("news");
    expect(p.get("title")).toBe(clippingForm().title);
    expect(p.get("problem")).toContain("中央社");
    const caseHref = /href="(\/cases\/new\?[^"]+)"/.exec(html)![1].replace(/&amp;/g, "&");
    const c = new URL(caseHref, "http://x").searchParams;
    expect(c.get("facts")).toContain("櫃台人員比對舊照片");
    expect(c.get("tags")).toBe("身分證、冒領、詐騙、臨櫃");
  });

  it("shows FB010 the prominent 確認已閱 form while pending", async () => {
    // A new circulation (the first was closed) so FB010 has something to acknowledge.
    const sent = await act("FB002", ids.clipping, { intent: "circulate", kind: "information", dueOn: "", audience: "people", audienceUserIds: [String(ids.FB010)] });
    expect(sent.status, JSON.stringify(sent.data)).toBe(302);
    const d = await view("FB010", ids.clipping);
    const html = await render(pageRoute, d, page(ids.clipping));
    expect(html).toContain('data-testid="acknowledge-form"');
    expect(html).toContain("確認已閱");
  });
});
