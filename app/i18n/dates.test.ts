import { describe, expect, it } from "vitest";
import { formatRocDate, formatRocDateTime, formatRocShortDate } from "./dates";

// 2026-11-28 00:30 in Taipei is still 27 November in UTC.
const justAfterMidnightInTaipei = new Date("2026-11-27T16:30:00Z");

describe("dates in the Republic of China calendar", () => {
  it("shows 民國 years in zh-TW", () => {
    expect(formatRocDate("2026-11-28T09:00:00+08:00")).toBe("民國115年11月28日");
  });

  it("uses Taipei's date whatever the server's time zone", () => {
    expect(formatRocDate(justAfterMidnightInTaipei)).toBe("民國115年11月28日");
    expect(formatRocShortDate(justAfterMidnightInTaipei)).toContain("115/11/28");
  });

  it("shows the time in Taipei on a 24-hour clock", () => {
    const text = formatRocDateTime(new Date("2026-11-28T06:05:00Z"));
    expect(text).toContain("115");
    expect(text).toMatch(/14:05/);
  });

  it("handles the first year of the Republic and the years before it", () => {
    expect(formatRocDate("1912-01-01T12:00:00+08:00")).toBe("民國1年1月1日");
    expect(formatRocDate("1911-12-31T12:00:00+08:00")).toBe("民國前1年12月31日");
  });

  it("accepts a Date, an ISO string or a timestamp alike", () => {
    const iso = "2026-03-05T04:00:00.000Z";
    const expected = formatRocDate(iso);
    expect(formatRocDate(new Date(iso))).toBe(expected);
    expect(formatRocDate(Date.parse(iso))).toBe(expected);
  });

  it("shows the same ROC year in English", () => {
    expect(formatRocDate(justAfterMidnightInTaipei, "en")).toMatch(/November 28, 115/);
  });
});
