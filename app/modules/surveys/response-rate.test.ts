import { describe, expect, it } from "vitest";
import { anonymousResponseId, isAnonymousResponseId, periodOf, responseRate, roundPeriodLabel } from "./response-rate";

describe("responseRate", () => {
  it.each<[number, number, number | null, string]>([
    [0, 20, 0, "0 / 20 人（0%）"],
    [1, 20, 5, "1 / 20 人（5%）"],
    [12, 20, 60, "12 / 20 人（60%）"],
    [1, 3, 33.3, "1 / 3 人（33.3%）"],
    [2, 3, 66.7, "2 / 3 人（66.7%）"],
    [20, 20, 100, "20 / 20 人（100%）"],
    [21, 20, 100, "21 / 20 人（100%）"], // the audience shrank after people answered
    [0, 0, null, "0 人"],
  ])("%i of %i → %s%", (responded, audience, percent, label) => {
    expect(responseRate({ responded, audience })).toEqual({ responded, audience, percent, label });
  });

  it("is shown below the threshold too: 1 of 1 is a count, not an answer", () => {
    expect(responseRate({ responded: 1, audience: 1 }).percent).toBe(100);
  });

  it.each([
    [-1, 5],
    [1.5, 5],
    [1, Number.NaN],
  ])("refuses %d / %d", (responded, audience) => {
    expect(() => responseRate({ responded, audience })).toThrow(RangeError);
  });
});

describe("anonymousResponseId", () => {
  const ids = Array.from({ length: 2000 }, () => anonymousResponseId());

  it("is a UUID v4", () => {
    for (const id of ids) expect(isAnonymousResponseId(id)).toBe(true);
  });

  it("never repeats", () => {
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("is not ordered by time: ids made one after the other do not sort in that order", () => {
    const sorted = [...ids].sort();
    expect(sorted).not.toEqual(ids);
    // Consecutive ids go up about half the time, as random ones do (a serial or UUIDv7 always goes up).
    const ups = ids.slice(1).filter((id, i) => id > ids[i]).length;
    expect(ups / (ids.length - 1)).toBeGreaterThan(0.4);
    expect(ups / (ids.length - 1)).toBeLessThan(0.6);
  });

  it("carries no timestamp: the first 48 bits (UUIDv7's milliseconds) spread over the whole range", () => {
    const prefixes = ids.map((id) => Number.parseInt(id.replace(/-/g, "").slice(0, 12), 16));
    const spread = Math.max(...prefixes) - Math.min(...prefixes);
    expect(spread).toBeGreaterThan(2 ** 47); // a v7 made within a second spans < 1000
  });

  it.each([
    ["00000000-0000-7000-8000-000000000000", false], // v7
    ["01890a5d-ac96-774b-bcce-b302099a8057", false], // v7
    ["01ARZ3NDEKTSV4RRFFQ69G5FAV", false], // ULID
    ["42", false],
    ["3b241101-e2bb-4255-8caf-4136c566a962", true],
  ])("isAnonymousResponseId(%s) → %s", (id, ok) => {
    expect(isAnonymousResponseId(id)).toBe(ok);
  });
});

describe("roundPeriodLabel (ROC year = Gregorian − 1911)", () => {
  it.each<[number, 1 | 2, string]>([
    [2026, 1, "115年上半年"],
    [2026, 2, "115年下半年"],
    [2025, 2, "114年下半年"],
    [2011, 1, "100年上半年"],
    [1912, 1, "1年上半年"],
  ])("(%i, %i) → %s", (year, half, label) => {
    expect(roundPeriodLabel(year, half)).toBe(label);
  });

  it("agrees with Intl's ROC calendar", () => {
    const roc = new Intl.DateTimeFormat("zh-TW-u-ca-roc", { year: "numeric", timeZone: "Asia/Taipei" }).format(new Date("2026-03-01T00:00:00+08:00"));
    expect(roc).toContain("115");
  });

  it.each([
    [115, 1],
    [2026.5, 1],
    [2026, 3],
  ])("refuses (%d, %d)", (year, half) => {
    expect(() => roundPeriodLabel(year, half as 1 | 2)).toThrow(RangeError);
  });
});

describe("periodOf (Taipei calendar)", () => {
  it.each<[string, { year: number; half: 1 | 2 }]>([
    ["2026-01-01T00:00:00+08:00", { year: 2026, half: 1 }],
    ["2026-06-30T23:59:59+08:00", { year: 2026, half: 1 }],
    ["2026-06-30T17:00:00Z", { year: 2026, half: 2 }], // 1 July in Taipei
    ["2026-12-31T16:00:00Z", { year: 2027, half: 1 }], // 1 January 2027 in Taipei
  ])("%s → %o", (iso, period) => {
    expect(periodOf(new Date(iso))).toEqual(period);
  });
});
