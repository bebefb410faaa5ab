// Chinese search over the demo cases (seeds/demo-knowledge.ts is the fixture): a two-character query
// finds every visible case containing it, title matches rank above body matches, 台/臺 and full-width
// forms are folded, another office's private case never shows. The suite runs on PGlite and on
// PostgreSQL; each query's expected answer is worked out here from the fixture, so both must agree
// with it — and therefore with each other (issue 6, Tests).
import { beforeAll, describe, expect, it } from "vitest";
import { getCurrentUser, type CurrentUser } from "~/modules/auth/session.server";
import { caseFacets, loadCase, searchCases } from "~/modules/knowledge/cases.server";
import { listClippings } from "~/modules/knowledge/clippings.server";
import { normalizeForSearch } from "~/modules/search/bigrams";
import { useTestDatabase } from "../helpers/db";
import { absoluteUrl, signIn } from "../helpers/requests";

const t = useTestDatabase();
let fubei: CurrentUser;
let dongqu: CurrentUser;

async function userFor(employeeNo: string) {
  const cookie = await signIn(t.db, employeeNo);
  return (await getCurrentUser(t.db, new Request(absoluteUrl("/"), { headers: { Cookie: cookie } })))!;
}

beforeAll(async () => {
  fubei = await userFor("FB010");
  dongqu = await userFor("DQ010");
});

/** The visible published cases whose text contains the query, worked out from the database rows. */
async function expectedTitles(viewer: CurrentUser, query: string) {
  const rows = await t.db.selectFrom("kbCases").select(["title", "facts", "issue", "handling", "lessons", "body", "tags", "officeId", "shared", "state"]).execute();
  const q = normalizeForSearch(query).replace(/\s+/g, "");
  return rows
    .filter((r) => (r.officeId === viewer.officeId && (r.state === "published" || r.state === "archived")) || (r.shared && r.state === "published"))
    .filter((r) => normalizeForSearch([r.title, r.facts, r.issue, r.handling, r.lessons, r.body, (r.tags as string[]).join(" ")].join("\n")).includes(q))
    .map((r) => r.title)
    .sort();
}

const search = (viewer: CurrentUser, q: string) => searchCases(t.db, viewer, { q, pageSize: 100 });

describe("searching the special cases", () => {
  it.each(["認領", "謄本", "身分證", "門牌", "離婚", "出境"])("「%s」 finds every visible case containing it", async (q) => {
    const result = await search(fubei, q);
    expect(result.rows.map((r) => r.title).sort()).toEqual(await expectedTitles(fubei, q));
    expect(result.total).toBe(result.rows.length);
    expect(result.total).toBeGreaterThan(0);
  });

  it("ranks a title with the term twice first, title matches above text matches", async () => {
    const titles = (await search(fubei, "認領")).rows.map((r) => r.title);
    expect(titles[0]).toBe("生父認領非婚生子女之認領登記");
    expect(titles.at(-1)).toBe("子女從姓約定書之補正"); // 認領 only in its 心得
  });

  it("ranks title matches above matches in the text", async () => {
    const result = await search(fubei, "身分證");
    const titles = result.rows.map((r) => r.title);
    const inTitle = titles.map((title) => normalizeForSearch(title).includes("身分證"));
    expect(inTitle[0]).toBe(true);
    expect(inTitle).toEqual([...inTitle].sort((a, b) => Number(b) - Number(a)));
    expect(inTitle).toContain(false); // the fixture has both kinds
  });

  it("folds 台 and 臺, and full-width forms", async () => {
    const a = await search(fubei, "台南");
    const b = await search(fubei, "臺南");
    expect(a.rows.map((r) => r.id)).toEqual(b.rows.map((r) => r.id));
    expect(a.rows.map((r) => r.title)).toContain("臺南市跨區遷入之門牌整編查證");
    const clippings = await listClippings(t.db, fubei, { q: "e化" });
    expect(clippings.rows.map((r) => r.title)).toEqual(["Ｅ化服務：行動自然人憑證擴大應用"]);
  });

  it("finds shared cases of other offices, never their private ones", async () => {
    const fromFubei = await search(fubei, "認領");
    expect(fromFubei.rows.find((r) => r.title === "外籍生母所生子女之認領與國籍")).toMatchObject({ fromOtherOffice: true });
    expect((await search(fubei, "輪值")).rows).toEqual([]);
    const fromDongqu = await search(dongqu, "輪值");
    expect(fromDongqu.rows.map((r) => r.title)).toEqual(["東區內部作業：謄本櫃台輪值調整"]);
    // 東區 reads 府北's shared cases, not its unshared ones.
    const titles = (await search(dongqu, "")).rows.map((r) => r.title);
    expect(titles).toContain("生父認領非婚生子女之認領登記");
    expect(titles).not.toContain("逾期申請出生登記之受理");
  });

  it("answers 404 for another office's private case and reads a shared one", async () => {
    const priv = await t.db.selectFrom("kbCases").select("id").where("title", "=", "東區內部作業：謄本櫃台輪值調整").executeTakeFirstOrThrow();
    await expect(loadCase(t.db, fubei, priv.id)).rejects.toMatchObject({ status: 404 });
    const shared = await t.db.selectFrom("kbCases").select("id").where("title", "=", "外籍生母所生子女之認領與國籍").executeTakeFirstOrThrow();
    expect((await loadCase(t.db, fubei, shared.id)).case.title).toBe("外籍生母所生子女之認領與國籍");
  });

  it("filters by category and tag, and lists the tags in use", async () => {
    const byCategory = await searchCases(t.db, fubei, { q: "", category: "acknowledgement", pageSize: 100 });
    expect(byCategory.rows.every((r) => r.category === "acknowledgement")).toBe(true);
    const byTag = await searchCases(t.db, fubei, { q: "", tag: "戶籍謄本", pageSize: 100 });
    expect(byTag.rows.map((r) => r.title)).toEqual(["利害關係人申請戶籍謄本之範圍"]);
    const facets = await caseFacets(t.db, fubei);
    expect(facets.tags[0]).toEqual({ tag: "認領", n: 3 });
  });

  it("a query with nothing searchable lists the newest cases", async () => {
    const result = await search(fubei, "，。");
    expect(result.total).toBe((await expectedTitles(fubei, "")).length);
  });
});
