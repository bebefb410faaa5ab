// The special-case pages (特殊案例彙編, issue 6) through the real route modules: the case form's
// validation (zh-TW keys beside the form's own field names, what was typed kept), the review cycle
// (submit, return with a reason, resubmit, publish), who may read what across offices (a 404 for an
// unshared case of another office), Chinese search with the title match first and <mark>ed words,
// safe Markdown on the rendered page, a correction that needs a reason and keeps revision 2, the
// side-by-side comparison, 「使用於」 links to training sessions, and a staff member's refused publish.
import { MantineProvider } from "@mantine/core";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { StaticRouterProvider, createStaticHandler, createStaticRouter } from "react-router-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "../helpers/db";
import { absoluteUrl, get, post, redirectPath, signIn, type RouteModule } from "../helpers/requests";
import { routeFor } from "../helpers/routes";

const t = useTestDatabase();

type PageModule = RouteModule & { default?: React.ComponentType };
let listRoute: PageModule;
let newRoute: PageModule;
let pageRoute: PageModule;
let editRoute: PageModule;
let revisionsRoute: PageModule;
const cookies: Record<string, string> = {};
const ids: Record<string, number> = {};

/** Words no seed case contains, so searches find only what this file wrote. */
const MARK = "甲辰測試";

function form(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    intent: "save",
    title: `${MARK}生母外籍之非婚生子女認領`,
    category: "acknowledgement",
    source: "own",
    sourceOffice: "",
    caseDate: "2024-03-05",
    facts: "生父持生母為外籍人士之非婚生子女出生證明申請認領登記。",
    issue: "生母國籍法是否承認認領。",
    handling: "請當事人補附生母本國法規定，依涉外民事法律適用法辦理。",
    basisKind_0: "law",
    law_0: "戶籍法",
    article_0: "6",
    basisKind_1: "interpretation",
    issuer_1: "內政部",
    documentNumber_1: "台內戶字第1130123456號",
    basisDate_1: "2024-01-15",
    basisSummary_1: "涉外認領之準據法",
    lessons: "先確認生母本國法。",
    body: "## 補充\n- 需附中文譯本",
    tags: "認領、外籍配偶",
    reason: "",
    ...overrides,
  };
}

const page = (id: number) => `/cases/${id}`;
const idFromLocation = (location: string | null) => Number(/^\/cases\/(\d+)\?notice=\w+$/.exec(location ?? "")?.[1]);

async function create(employeeNo: string, fields: Record<string, string>): Promise<number> {
  const result = await post(newRoute, "/cases/new", fields, {
    cookie: cookies[employeeNo],
  });
  expect(result.status, JSON.stringify(result.data)).toBe(302);
  const id = idFromLocation(redirectPath(result));
  expect(id).toBeGreaterThan(0);
  return id;
}

function view(employeeNo: string, id: number) {
  return get(pageRoute, page(id), {
    cookie: cookies[employeeNo],
    params: { caseId: String(id) },
  });
}

async function detail(employeeNo: string, id: number) {
  const result = await view(employeeNo, id);
  expect(result.status, String(result.data)).toBe(200);
  return result.data;
}

function act(employeeNo: string, id: number, fields: Record<string, string>) {
  return post(pageRoute, page(id), fields, {
    cookie: cookies[employeeNo],
    params: { caseId: String(id) },
  });
}

async function actOk(employeeNo: string, id: number, fields: Record<string, string>) {
  const result = await act(employeeNo, id, fields);
  expect(result.status, JSON.stringify(result.data)).toBe(302);
  return result;
}

/** Creates a case as FB010 and has FB002 publish it. */
async function published(fields: Record<string, string>): Promise<number> {
  const id = await create("FB010", { ...form(fields), intent: "submit" });
  await actOk("FB002", id, { intent: "publish" });
  return id;
}

async function search(employeeNo: string, query: string) {
  const result = await get(listRoute, `/cases?${query}`, {
    cookie: cookies[employeeNo],
  });
  expect(result.status).toBe(200);
  return result.data;
}

/** Renders a route's page on the server with the data its loader returned, as the browser first gets it. */
async function render(route: PageModule, data: Record<string, unknown>, path: string): Promise<string> {
  const handler = createStaticHandler([{ id: "page", path: "*", Component: route.default!, loader: () => data }]);
  const context = await handler.query(new Request(absoluteUrl(path)));
  if (context instanceof Response) throw new Error(`render: the router answered ${context.status}`);
  const router = createStaticRouter(handler.dataRoutes, context);
  return renderToString(createElement(MantineProvider, null, createElement(StaticRouterProvider, { router, context, hydrate: false })));
}

beforeAll(async () => {
  [listRoute, newRoute, pageRoute, editRoute, revisionsRoute] = await Promise.all([
    routeFor("/cases"),
    routeFor("/cases/new"),
    routeFor("/cases/:caseId"),
    routeFor("/cases/:caseId/edit"),
    routeFor("/cases/:caseId/revisions"),
  ]);
  for (const employeeNo of ["FB002", "FB010", "FB011", "DQ010"]) cookies[employeeNo] = await signIn(t.db, employeeNo);
});

describe("the case form", () => {
  it("refuses a missing title, 他所 without its office and a bad 函釋 date, keeping what was typed", async () => {
    const result = await post(
      newRoute,
      "/cases/new",
      form({
        title: " ",
        source: "other_office",
        sourceOffice: "",
        basisDate_1: "2024-13-40",
      }),
      { cookie: cookies.FB010 },
    );
    expect(result.status).toBe(400);
    expect(result.data.errors).toEqual({
      title: "errors.required",
      sourceOffice: "errors.knowledge.sourceOffice",
      basisDate_1: "errors.dateFormat",
    });
    expect(result.data.values).toMatchObject({
      source: "other_office",
      facts: form().facts,
      issuer_1: "內政部",
      basisDate_1: "2024-13-40",
      tags: "認領、外籍配偶",
    });
    // The page shows each error beside its field and in the list at the top.
    const html = await render(newRoute, { prefill: { title: "", facts: "", tags: [] }, officeNames: [] }, "/cases/new");
    expect(html).toContain('name="basisKind_0"');
  });

  it("prefills a new case from ?title=&facts=&tags= (a clipping can start one)", async () => {
    const result = await get(newRoute, "/cases/new?title=新聞：冒名認領&facts=某地發生冒名認領&tags=認領,新聞", { cookie: cookies.FB010 });
    expect(result.data.prefill).toEqual({
      title: "新聞：冒名認領",
      facts: "某地發生冒名認領",
      tags: ["認領", "新聞"],
    });
  });
});

describe("the review cycle", () => {
  it("staff saves a draft and submits it; a supervisor must give a reason to return it", async () => {
    const id = await create("FB010", form());
    ids.cycle = id;
    let d = await detail("FB010", id);
    expect(d.case).toMatchObject({
      state: "draft",
      title: form().title,
      caseDate: "2024-03-05",
      tags: ["認領", "外籍配偶"],
    });
    expect(d.case.legalBasis).toEqual([
      { kind: "law", law: "戶籍法", article: "6" },
      {
        kind: "interpretation",
        issuer: "內政部",
        documentNumber: "台內戶字第1130123456號",
        date: "2024-01-15",
        summary: "涉外認領之準據法",
      },
    ]);
    expect(d.actions).toEqual(expect.arrayContaining(["edit", "submit"]));
    await actOk("FB010", id, { intent: "submit" });

    const refused = await act("FB002", id, { intent: "return", reason: "  " });
    expect(refused.status).toBe(400);
    expect(refused.data.errors.reason).toMatch(/理由/);
    await actOk("FB002", id, { intent: "return", reason: "請補充生母國籍。" });
    d = await detail("FB010", id);
    expect(d.case).toMatchObject({
      state: "draft",
      reviewNote: "請補充生母國籍。",
    });
  });

  it("after resubmission the supervisor publishes it, and another staff member reads it", async () => {
    const id = ids.cycle;
    const edit = await post(
      editRoute,
      `${page(id)}/edit`,
      form({
        facts: `${form().facts}生母為越南籍。`,
        intent: "submit",
        reason: "補充國籍",
      }),
      {
        cookie: cookies.FB010,
        params: { caseId: String(id) },
      },
    );
    expect(edit.status, JSON.stringify(edit.data)).toBe(302);
    expect((await detail("FB002", id)).case.state).toBe("in_review");
    await actOk("FB002", id, { intent: "publish" });
    const d = await detail("FB011", id);
    expect(d.case.state).toBe("published");
    expect(d.case.reviewerName).toBeTruthy();
    expect(d.actions).not.toContain("publish");
  });

  it("staff cannot publish someone else's case: the refusal comes back beside the form", async () => {
    const id = await create("FB010", {
      ...form({ title: `${MARK}待審案例` }),
      intent: "submit",
    });
    const refused = await act("FB011", id, { intent: "publish" });
    // FB011 is not a reviewer of the office: the case in review is not even visible to them.
    expect([400, 404]).toContain(refused.status);
    const own = await act("FB010", id, { intent: "publish" });
    expect(own.status).toBe(400);
    expect(own.data.errors._form).toMatch(/只有|不能/);
    expect((await detail("FB010", id)).case.state).toBe("in_review");
    // On a published case FB011 can read, the refusal is the rule's own sentence.
    const archive = await act("FB011", ids.cycle, { intent: "archive" });
    expect(archive.status).toBe(400);
    expect(archive.data.errors._form).toBe("只有主管可以封存。");
    expect((await detail("FB011", ids.cycle)).case.state).toBe("published");
  });
});

describe("who may read a case", () => {
  it("another office gets 404 for an unshared case and can read a shared one", async () => {
    const unshared = ids.cycle;
    const hidden = await view("DQ010", unshared);
    expect(hidden.status).toBe(404);
    const shared = await published({ title: `${MARK}分享案例`, shared: "on" });
    const d = await detail("DQ010", shared);
    expect(d.case).toMatchObject({ shared: true, ownOffice: false });
    expect(d.actions).toEqual([]);
    // and its search finds it, marked as from another office
    const found = await search("DQ010", `q=${encodeURIComponent(`${MARK}分享`)}`);
    expect(found.rows.map((r: { id: number }) => r.id)).toEqual([shared]);
    expect(found.rows[0].fromOtherOffice).toBe(true);
  });
});

describe("search", () => {
  it("認領 finds every case containing it, the title match first, with the words marked", async () => {
    const inBody = await published({
      title: `${MARK}乙案戶籍登記`,
      facts: `${MARK}當事人申請認領。`,
      issue: "",
      handling: "",
      tags: "",
      basisKind_0: "law",
      law_0: "",
      article_0: "",
      basisKind_1: "law",
      issuer_1: "",
      documentNumber_1: "",
      basisDate_1: "",
      basisSummary_1: "",
      lessons: "",
      body: "",
    });
    const inTitle = await published({
      title: `${MARK}丙案認領登記`,
      facts: `${MARK}生父申請登記。`,
      tags: "",
    });
    const result = await search("FB011", `q=${encodeURIComponent(`認領 ${MARK}`)}`);
    const order = result.rows.map((r: { id: number }) => r.id);
    expect(order).toEqual(expect.arrayContaining([inBody, inTitle]));
    expect(order.indexOf(inTitle)).toBeLessThan(order.indexOf(inBody));
    const titleRow = result.rows.find((r: { id: number }) => r.id === inTitle);
    expect(
      titleRow.title
        .filter((p: { match: boolean }) => p.match)
        .map((p: { text: string }) => p.text)
        .join(""),
    ).toContain("認領");
    const bodyRow = result.rows.find((r: { id: number }) => r.id === inBody);
    expect(bodyRow.excerpt.some((p: { text: string; match: boolean }) => p.match && p.text.includes("認領"))).toBe(true);
    expect(result.total).toBe(order.length);

    // The two-character query alone finds them too (among any others containing 認領).
    const plain = await search("FB011", "q=認領");
    expect(plain.total).toBeGreaterThanOrEqual(2);
    const html = await render(listRoute, result, `/cases?q=認領`);
    expect(html).toContain("<mark");
    expect(html).toContain(`找到 ${result.total} 件`);
  });

  it("shows empty-state help when nothing matches", async () => {
    const result = await search("FB011", `q=${encodeURIComponent("沒有這種案例喔")}`);
    expect(result.total).toBe(0);
    const html = await render(listRoute, result, "/cases?q=x");
    expect(html).toContain("試試兩個字的關鍵詞");
  });
});

describe("the case page", () => {
  it("renders Markdown without <script> or javascript: links", async () => {
    const id = await published({
      title: `${MARK}內文安全`,
      body: '## 說明\n<script>alert("x")</script>\n[點我](javascript:alert(1)) 與 [內政部](https://www.moi.gov.tw)\n<img src=x onerror=alert(1)>',
    });
    const d = await detail("FB011", id);
    const html = await render(pageRoute, d, page(id));
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/javascript:/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).toContain("點我");
    expect(html).toContain('href="https://www.moi.gov.tw"');
    // The 函釋's date shows in 民國 years.
    expect(html).toContain("民國113年1月15日");
  });

  it("a correction of a published case needs a reason and keeps revision 2, which the comparison shows", async () => {
    const id = await published({ title: `${MARK}更正案例` });
    const editUrl = `${page(id)}/edit`;
    const opts = { cookie: cookies.FB002, params: { caseId: String(id) } };
    const form2 = await get(editRoute, editUrl, opts);
    expect(form2.data.mode).toBe("correct");
    // The author cannot correct their published case.
    expect(
      (
        await get(editRoute, editUrl, {
          cookie: cookies.FB010,
          params: { caseId: String(id) },
        })
      ).status,
    ).toBe(403);

    const refused = await post(editRoute, editUrl, form({ title: `${MARK}更正案例`, handling: "改依戶籍法第48條辦理。" }), opts);
    expect(refused.status).toBe(400);
    expect(refused.data.errors.reason).toMatch(/理由/);
    expect(refused.data.values.handling).toBe("改依戶籍法第48條辦理。");
    const saved = await post(
      editRoute,
      editUrl,
      form({
        title: `${MARK}更正案例`,
        handling: "改依戶籍法第48條辦理。",
        reason: "法條引用錯誤",
      }),
      opts,
    );
    expect(saved.status, JSON.stringify(saved.data)).toBe(302);

    const d = await detail("FB011", id);
    expect(d.case).toMatchObject({
      state: "published",
      revision: 2,
      handling: "改依戶籍法第48條辦理。",
    });
    expect(d.revisions[0]).toMatchObject({
      revision: 2,
      reason: "法條引用錯誤",
    });

    const cmp = await get(revisionsRoute, `${page(id)}/revisions?a=1&b=2`, {
      cookie: cookies.FB011,
      params: { caseId: String(id) },
    });
    expect(cmp.status).toBe(200);
    const changed = cmp.data.diff.filter((f: { changed: boolean }) => f.changed).map((f: { key: string }) => f.key);
    expect(changed).toEqual(["handling"]);
    expect(cmp.data.right).toMatchObject({
      revision: 2,
      reason: "法條引用錯誤",
    });
    const html = await render(revisionsRoute, cmp.data, `${page(id)}/revisions?a=1&b=2`);
    expect(html).toContain("<ins");
    expect(html).toContain("<del");
    expect(html).toContain("處理方式");
    expect(html).toContain("法條引用錯誤");

    // Another office cannot compare an unshared case's revisions.
    expect(
      (
        await get(revisionsRoute, `${page(id)}/revisions?a=1&b=2`, {
          cookie: cookies.DQ010,
          params: { caseId: String(id) },
        })
      ).status,
    ).toBe(404);
  });

  it("links a training session, which then shows under 使用於, and unlinks it", async () => {
    const id = ids.cycle;
    const office = await t.db.selectFrom("users").select("officeId").where("employeeNo", "=", "FB010").executeTakeFirstOrThrow();
    const session = await t.db
      .selectFrom("trainingSessions")
      .select(["id", "title"])
      .where("officeId", "=", office.officeId)
      .orderBy("id")
      .executeTakeFirstOrThrow();
    const before = await detail("FB002", id);
    expect(before.mayLink).toBe(true);
    expect(before.sessionChoices.map((s: { id: number }) => s.id)).toContain(session.id);
    await actOk("FB002", id, {
      intent: "link_session",
      sessionId: String(session.id),
    });
    const after = await detail("FB011", id);
    expect(after.usedIn.sessions).toEqual([expect.objectContaining({ id: session.id, title: session.title })]);
    expect(after.mayLink).toBe(false);
    const html = await render(pageRoute, after, page(id));
    expect(html).toContain("使用於");
    expect(html).toContain(session.title);
    // Staff who are not the author cannot change it.
    expect(
      (
        await act("FB011", id, {
          intent: "unlink_session",
          sessionId: String(session.id),
        })
      ).status,
    ).toBe(400);
    await actOk("FB002", id, {
      intent: "unlink_session",
      sessionId: String(session.id),
    });
    expect((await detail("FB011", id)).usedIn.sessions).toEqual([]);
  });
});
