import { describe, expect, it } from "vitest";
import { dashboardPeriod, elapsedUntil, nextPeriod, previousPeriod, trendPeriods } from "./dashboard-period";

describe("the dashboard's period", () => {
  it("reads the period from the URL and falls back to the current year", () => {
    expect(dashboardPeriod("2026-Q4", "2026-11-28").key).toBe("2026-Q4");
    expect(dashboardPeriod(null, "2026-11-28")).toMatchObject({ kind: "year", key: "2026", first: "2026-01-01", last: "2026-12-31" });
    expect(dashboardPeriod("2026-13", "2026-11-28").key).toBe("2026");
    expect(dashboardPeriod("'; drop table users", "2026-11-28").key).toBe("2026");
  });

  it("steps to the previous and next period of the same kind across year ends", () => {
    expect(previousPeriod(dashboardPeriod("2026-01", "2026-11-28")).key).toBe("2025-12");
    expect(previousPeriod(dashboardPeriod("2026-Q1", "2026-11-28")).key).toBe("2025-Q4");
    expect(previousPeriod(dashboardPeriod("2026-H1", "2026-11-28")).key).toBe("2025-H2");
    expect(nextPeriod(dashboardPeriod("2026-12", "2026-11-28")).key).toBe("2027-01");
  });

  it("lists six periods ending with the chosen one, oldest first", () => {
    expect(trendPeriods(dashboardPeriod("2026-03", "2026-11-28")).map((p) => p.key)).toEqual(["2025-10", "2025-11", "2025-12", "2026-01", "2026-02", "2026-03"]);
    expect(trendPeriods(dashboardPeriod("2026", "2026-11-28"), 3).map((p) => p.label)).toEqual(["民國113年", "民國114年", "民國115年"]);
  });

  it("counts a running period only up to today", () => {
    expect(elapsedUntil(dashboardPeriod("2026", "2026-11-28"), "2026-11-28")).toBe("2026-11-28");
    expect(elapsedUntil(dashboardPeriod("2025", "2026-11-28"), "2026-11-28")).toBe("2025-12-31");
  });
});
