import { describe, expect, it } from "vitest";
import { currentMonth, monthGrid, monthRef, shiftMonth, type CalendarSession } from "./calendar";

const t = (local: string) => new Date(`${local}+08:00`);
const session = (id: number, dates: [string, string][], status: CalendarSession["status"] = "scheduled"): CalendarSession => ({
  id,
  title: `場次 ${id}`,
  status,
  dates: dates.map(([s, e]) => ({ startsAt: t(s), endsAt: t(e) })),
});
const march = monthRef(2026, 3);
const day = (grid: ReturnType<typeof monthGrid>, ymd: string) => grid.weeks.flat().find((d) => d.date === ymd)!;
const idsOn = (grid: ReturnType<typeof monthGrid>, ymd: string) => day(grid, ymd).entries.map((e) => e.session.id);

describe("months in either era", () => {
  it("民國115年3月 is March 2026, and the label comes from Intl's ROC calendar", () => {
    expect(monthRef(115, 3, "roc")).toEqual({ year: 2026, month: 3, rocYear: 115 });
    expect(monthGrid(monthRef(115, 3, "roc"), []).label).toBe("民國115年3月");
  });

  it("the ROC offset agrees with Intl for the year shown", () => {
    const rocYear = new Intl.DateTimeFormat("zh-TW-u-ca-roc", { year: "numeric", timeZone: "UTC" })
      .formatToParts(Date.UTC(2026, 0, 1))
      .find((p) => p.type === "year")?.value;
    expect(monthRef(2026, 1).rocYear).toBe(Number(rocYear));
  });

  it("previous and next cross the year", () => {
    const january = monthGrid(monthRef(2026, 1), []);
    expect(january.previous).toEqual({ year: 2025, month: 12, rocYear: 114 });
    expect(january.next).toEqual({ year: 2026, month: 2, rocYear: 115 });
    expect(shiftMonth(monthRef(2026, 12), 1)).toEqual({ year: 2027, month: 1, rocYear: 116 });
  });

  it.each([
    [2026, 0],
    [2026, 13],
    [2026, 1.5],
  ])("%s-%s is refused", (year, month) => {
    expect(() => monthRef(year, month)).toThrow(RangeError);
  });

  it("the page opens on the current month in Taipei", () => {
    expect(currentMonth(new Date("2026-03-31T16:30:00Z"))).toEqual({ year: 2026, month: 4, rocYear: 115 });
  });
});

describe("the grid", () => {
  it("starts on Sunday by default: March 2026 (1st is a Sunday) fills 5 weeks from 3/1 to 4/4", () => {
    const grid = monthGrid(march, []);
    expect(grid.weekdayLabels).toEqual(["日", "一", "二", "三", "四", "五", "六"]);
    expect(grid.weeks).toHaveLength(5);
    expect(grid.weeks.every((w) => w.length === 7)).toBe(true);
    expect(grid.weeks[0][0]).toMatchObject({ date: "2026-03-01", day: 1, weekday: 0, inMonth: true });
    expect(grid.weeks[4][6]).toMatchObject({ date: "2026-04-04", inMonth: false });
  });

  it("starting on Monday, the same month begins with the last days of February", () => {
    const grid = monthGrid(march, [], { weekStartsOn: "monday" });
    expect(grid.weekdayLabels).toEqual(["一", "二", "三", "四", "五", "六", "日"]);
    expect(grid.weeks[0].map((d) => d.date)).toEqual(["2026-02-23", "2026-02-24", "2026-02-25", "2026-02-26", "2026-02-27", "2026-02-28", "2026-03-01"]);
    expect(grid.weeks.at(-1)!.at(-1)).toMatchObject({ date: "2026-04-05", weekday: 0 });
    expect(grid.weeks).toHaveLength(6);
  });

  it("February 2026 with Sunday first is exactly four weeks", () => {
    const grid = monthGrid(monthRef(2026, 2), []);
    expect(grid.weeks).toHaveLength(4);
    expect(grid.weeks.flat().every((d) => d.inMonth)).toBe(true);
  });

  it("marks today in Taipei", () => {
    const grid = monthGrid(march, [], { now: new Date("2026-03-09T16:30:00Z") });
    expect(grid.weeks.flat().filter((d) => d.isToday).map((d) => d.date)).toEqual(["2026-03-10"]);
  });
});

describe("sessions on days", () => {
  it("a multi-day session appears on each of its dates, numbered", () => {
    const course = session(1, [
      ["2026-03-12T09:00:00", "2026-03-12T17:00:00"],
      ["2026-03-10T09:00:00", "2026-03-10T17:00:00"],
    ]);
    const grid = monthGrid(march, [course]);
    expect(idsOn(grid, "2026-03-10")).toEqual([1]);
    expect(idsOn(grid, "2026-03-11")).toEqual([]);
    expect(day(grid, "2026-03-12").entries[0]).toMatchObject({ dateNumber: 2, dateCount: 2, continuesFromPreviousDay: false });
  });

  it("one date running over three days shows on each", () => {
    const camp = session(2, [["2026-03-16T09:00:00", "2026-03-18T12:00:00"]]);
    const grid = monthGrid(march, [camp]);
    expect(["2026-03-15", "2026-03-16", "2026-03-17", "2026-03-18", "2026-03-19"].map((d) => idsOn(grid, d).length)).toEqual([0, 1, 1, 1, 0]);
    expect(day(grid, "2026-03-17").entries[0].continuesFromPreviousDay).toBe(true);
  });

  it("ending at midnight does not spill onto the next day", () => {
    const evening = session(3, [["2026-03-20T18:00:00", "2026-03-21T00:00:00"]]);
    const grid = monthGrid(march, [evening]);
    expect(idsOn(grid, "2026-03-20")).toEqual([3]);
    expect(idsOn(grid, "2026-03-21")).toEqual([]);
  });

  it("days are Taipei days: 17:00 UTC on 31 March is 1 April in the trailing cells", () => {
    const early = { id: 4, title: "晨會", status: "scheduled" as const, dates: [{ startsAt: new Date("2026-03-31T17:00:00Z"), endsAt: new Date("2026-03-31T18:00:00Z") }] };
    const grid = monthGrid(march, [early]);
    expect(idsOn(grid, "2026-03-31")).toEqual([]);
    expect(day(grid, "2026-04-01")).toMatchObject({ inMonth: false, entries: [{ session: { id: 4 } }] });
  });

  it("sessions on a day are in time order; cancelled ones are kept for the page to strike through", () => {
    const afternoon = session(5, [["2026-03-05T14:00:00", "2026-03-05T16:00:00"]]);
    const morning = session(6, [["2026-03-05T09:00:00", "2026-03-05T11:00:00"]], "cancelled");
    expect(idsOn(monthGrid(march, [afternoon, morning]), "2026-03-05")).toEqual([6, 5]);
  });
});
