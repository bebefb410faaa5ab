import { describe, expect, it } from "vitest";
import { addDays, isCalendarDate, parsePeriodKey, periodContains, periodInstants, periodOf, taipeiDate, taipeiInstant } from "./periods";

describe("Taipei dates", () => {
  it.each([
    ["2026-11-30T16:30:00Z", "2026-12-01"], // 00:30 on 1 December in Taipei
    ["2026-11-30T15:59:59Z", "2026-11-30"],
    ["2026-12-31T16:00:00Z", "2027-01-01"],
  ])("%s is %s in Taipei", (instant, date) => {
    expect(taipeiDate(new Date(instant))).toBe(date);
  });

  it("a Taipei wall time is UTC+8 (no daylight saving since 1980)", () => {
    expect(taipeiInstant("2026-11-02", "08:31").toISOString()).toBe("2026-11-02T00:31:00.000Z");
    expect(taipeiInstant("2026-07-01", "00:00:00").toISOString()).toBe("2026-06-30T16:00:00.000Z");
  });

  it("refuses dates that do not exist", () => {
    expect(isCalendarDate("2026-02-29")).toBe(false);
    expect(isCalendarDate("2028-02-29")).toBe(true);
    expect(() => taipeiInstant("2026-02-30")).toThrow(RangeError);
  });

  it("adds days across months and years", () => {
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
  });
});

describe("periods", () => {
  it.each([
    ["month", "2026-11-15", { key: "2026-11", first: "2026-11-01", last: "2026-11-30", label: "民國115年11月" }],
    ["quarter", "2026-11-15", { key: "2026-Q4", first: "2026-10-01", last: "2026-12-31", label: "民國115年第4季" }],
    ["half_year", "2026-11-15", { key: "2026-H2", first: "2026-07-01", last: "2026-12-31", label: "民國115年下半年" }],
    ["half_year", "2026-06-30", { key: "2026-H1", first: "2026-01-01", last: "2026-06-30", label: "民國115年上半年" }],
    ["year", "2026-01-01", { key: "2026", first: "2026-01-01", last: "2026-12-31", label: "民國115年" }],
    ["month", "2028-02-10", { key: "2028-02", first: "2028-02-01", last: "2028-02-29", label: "民國117年2月" }],
  ] as const)("%s of %s", (kind, date, expected) => {
    expect(periodOf(date, kind)).toEqual({ kind, ...expected });
  });

  it("an instant belongs to its Taipei date's period", () => {
    expect(periodOf(new Date("2026-11-30T16:30:00Z"), "month").key).toBe("2026-12");
    expect(periodOf(new Date("2026-12-31T16:00:00Z"), "year").key).toBe("2027");
  });

  it("keys round-trip", () => {
    for (const key of ["2026-11", "2026-Q4", "2026-H1", "2026"]) expect(parsePeriodKey(key)?.key).toBe(key);
    expect(parsePeriodKey("2026-13")).toBeNull();
    expect(parsePeriodKey("2026-Q5")).toBeNull();
    expect(parsePeriodKey("nonsense")).toBeNull();
  });

  it("contains its first and last day, and instants by Taipei date", () => {
    const nov = parsePeriodKey("2026-11")!;
    expect(periodContains(nov, "2026-11-01")).toBe(true);
    expect(periodContains(nov, "2026-11-30")).toBe(true);
    expect(periodContains(nov, "2026-12-01")).toBe(false);
    expect(periodContains(nov, new Date("2026-10-31T16:00:00Z"))).toBe(true);
    expect(periodContains(nov, new Date("2026-11-30T16:00:00Z"))).toBe(false);
  });

  it("instants run from Taipei midnight to the next period's midnight", () => {
    expect(periodInstants(parsePeriodKey("2026-11")!)).toEqual({
      start: new Date("2026-10-31T16:00:00Z"),
      end: new Date("2026-11-30T16:00:00Z"),
    });
  });
});
