// The quality dashboard's pages (issue 9): who sees which office, the bureau's side-by-side view, the
// empty state of a period without data, the table behind a figure, and the CSV export. The figures'
// arithmetic is tested per section (dashboard-learning, dashboard-knowledge, dashboard-improvement).
import { describe, expect, it } from "vitest";
import * as dashboard from "~/routes/dashboard._index";
import * as exportRoute from "~/routes/dashboard.export";
import * as figure from "~/routes/dashboard.figures.$figureId";
import * as sectionRoute from "~/routes/dashboard.sections.$sectionId";
import { officeIdOf, useTestDatabase } from "../helpers/db";
import { get, signIn } from "../helpers/requests";

const t = useTestDatabase();

describe("the quality dashboard", () => {
  it("shows a director their own office, every section, and what is overdue", async () => {
    const cookie = await signIn(t.db, "FB001");
    const page = await get(dashboard, "/dashboard", { cookie });
    expect(page.status).toBe(200);
    expect(page.data.mode).toBe("office");
    expect(page.data.office.name).toBe("臺南市府北戶政事務所");
    // The default period is the current year, labelled in the ROC calendar.
    const year = new Date().getFullYear();
    expect(page.data.period).toMatchObject({ kind: "year", key: String(year), label: `民國${year - 1911}年` });
    // The counter ranking loads on its own once the page shows (/dashboard/sections/counters).
    expect(page.data.later).toEqual(["counters"]);
    const counters = await get(sectionRoute, "/dashboard/sections/counters", { cookie, params: { sectionId: "counters" } });
    expect(counters.status).toBe(200);
    const sections = [...page.data.sections, ...counters.data.sections];
    expect(sections.map((s: { id: string }) => s.id)).toEqual(["learning", "quizzes", "knowledge", "proposals", "incentives", "surveys", "counters"]);
    for (const section of sections) {
      for (const f of section.figures) {
        // A figure with a value has its trend (ending with this period or round); one without says why.
        if (f.value === null) expect(["noData", "belowThreshold"], f.id).toContain(f.missingReason);
        else expect(f.trend.length, f.id).toBeGreaterThan(0);
      }
    }
    expect(Array.isArray(page.data.overdue)).toBe(true);
  });

  it("refuses another office's figures to a director (404), and shows them to the bureau", async () => {
    const fubei = await officeIdOf(t.db, "FUBEI");
    const east = await t.db.selectFrom("offices").select("id").where("code", "!=", "FUBEI").where("kind", "=", "district").executeTakeFirstOrThrow();
    const director = await signIn(t.db, "FB001");
    expect((await get(dashboard, `/dashboard?office=${east.id}`, { cookie: director })).status).toBe(404);
    expect((await get(figure, `/dashboard/figures/learning.onTrack?office=${east.id}`, { cookie: director, params: { figureId: "learning.onTrack" } })).status).toBe(404);
    expect((await get(exportRoute, `/dashboard/export?office=${east.id}`, { cookie: director })).status).toBe(404);
    expect((await get(sectionRoute, `/dashboard/sections/counters?office=${east.id}`, { cookie: director, params: { sectionId: "counters" } })).status).toBe(404);
    expect((await get(sectionRoute, "/dashboard/sections/nothing", { cookie: director, params: { sectionId: "nothing" } })).status).toBe(404);

    const bureau = await signIn(t.db, "MA001");
    const city = await get(dashboard, "/dashboard", { cookie: bureau });
    expect(city.status).toBe(200);
    expect(city.data.mode).toBe("city");
    const names = city.data.comparison.rows.map((r: { office: { name: string } }) => r.office.name);
    expect(names).toEqual(expect.arrayContaining(["臺南市府北戶政事務所", "臺南市東區戶政事務所"]));
    expect(names).not.toContain("臺南市政府民政局");
    expect(city.data.comparison.columns.length).toBeGreaterThan(5);
    const one = await get(dashboard, `/dashboard?office=${fubei}`, { cookie: bureau });
    expect(one.data.mode).toBe("office");
    expect(one.data.office.id).toBe(fubei);
  });

  it("shows an empty state for a period with no data, not an error", async () => {
    const cookie = await signIn(t.db, "FB001");
    const page = await get(dashboard, "/dashboard?period=2001-03", { cookie });
    expect(page.status).toBe(200);
    expect(page.data.period.label).toBe("民國90年3月");
    const counters = await get(sectionRoute, "/dashboard/sections/counters?period=2001-03", { cookie, params: { sectionId: "counters" } });
    for (const section of [...page.data.sections, ...counters.data.sections]) {
      for (const f of section.figures) expect(f.value, f.id).toBeNull();
      for (const l of section.lists) expect(l.rows, l.id).toEqual([]);
    }
  });

  it("opens the table behind a figure, and refuses an unknown figure (404)", async () => {
    const cookie = await signIn(t.db, "FB002");
    const table = await get(figure, "/dashboard/figures/learning.onTrack", { cookie, params: { figureId: "learning.onTrack" } });
    expect(table.status).toBe(200);
    expect(table.data.table.columns.length).toBeGreaterThan(1);
    expect(table.data.table.rows.length).toBeGreaterThan(10); // the office's working staff
    const csv = await get(figure, "/dashboard/figures/learning.onTrack?format=csv", { cookie, params: { figureId: "learning.onTrack" } });
    expect(csv.headers.get("Content-Type")).toContain("text/csv");
    expect(csv.data.split("\r\n").filter(Boolean).length).toBe(table.data.table.rows.length + 1);
    expect((await get(figure, "/dashboard/figures/nothing.here", { cookie, params: { figureId: "nothing.here" } })).status).toBe(404);
    expect((await get(figure, "/dashboard/figures/%27%3Bdrop", { cookie, params: { figureId: "';drop" } })).status).toBe(404);
  });

  it("opens the table behind every figure and list of the office, with English column names for English readers", async () => {
    const cookie = await signIn(t.db, "FB001");
    const page = await get(dashboard, "/dashboard", { cookie });
    const counters = await get(sectionRoute, "/dashboard/sections/counters", { cookie, params: { sectionId: "counters" } });
    const ids = [...page.data.sections, ...counters.data.sections].flatMap((s: { figures: { id: string }[]; lists: { id: string }[] }) => [...s.figures, ...s.lists].map((f) => f.id));
    expect(ids.length).toBeGreaterThan(20);
    for (const id of ids) {
      const zh = await get(figure, `/dashboard/figures/${id}`, { cookie, params: { figureId: id } });
      expect(zh.status, id).toBe(200);
      const en = await get(figure, `/dashboard/figures/${id}`, { cookie: `${cookie}; lang=en`, params: { figureId: id } });
      expect(en.status, id).toBe(200);
      for (const column of en.data.table.columns) expect(column.label, `${id}: ${column.label}`).not.toMatch(/[\u3400-\u9fff]/);
    }
  });

  it("exports every figure with its period and definition as CSV", async () => {
    const cookie = await signIn(t.db, "FB001");
    const response = await get(exportRoute, "/dashboard/export?period=2026-Q4", { cookie });
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Disposition")).toContain(".csv");
    const lines = (response.data as string).replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines[0]).toBe("機關,類別,指標,期間,數值,單位,分子,分母,目標,上期,趨勢,說明,定義");
    expect(lines.length).toBeGreaterThan(10);
    expect(lines.slice(1).every((l) => l.startsWith("臺南市府北戶政事務所,"))).toBe(true);
    expect(lines.some((l) => l.includes("民國115年第4季"))).toBe(true);
  });

  it("is not for staff (403)", async () => {
    const cookie = await signIn(t.db, "FB010");
    expect((await get(dashboard, "/dashboard", { cookie })).status).toBe(403);
  });
});
