import { describe, expect, it } from "vitest";
import { SESSION_KINDS, SESSION_KIND_LABELS, calendarDateIn, sessionPhase, sessionSpan, yearIn, type TrainingSessionCore } from "./session";

const t = (local: string) => new Date(`${local}+08:00`);
const twoDays: TrainingSessionCore = {
  id: 1,
  status: "scheduled",
  creditedHours: 12,
  dates: [
    { startsAt: t("2026-04-08T09:00:00"), endsAt: t("2026-04-08T17:00:00") },
    { startsAt: t("2026-04-01T09:00:00"), endsAt: t("2026-04-01T17:00:00") },
  ],
};

describe("session kinds", () => {
  it("are the five of issue 5", () => {
    expect(SESSION_KINDS.map((k) => SESSION_KIND_LABELS[k])).toEqual(["專業教育訓練", "經驗分享座談", "法令測驗解說", "電話禮儀訓練", "外部訓練"]);
  });
});

describe("sessionPhase", () => {
  it.each([
    ["2026-03-31T23:59:59", "upcoming"],
    ["2026-04-01T09:00:00", "in_progress"],
    ["2026-04-05T10:00:00", "in_progress"], // between the two dates of one course
    ["2026-04-08T17:00:00", "over"],
  ])("at %s a two-date course is %s", (now, phase) => {
    expect(sessionPhase(twoDays, t(now))).toBe(phase);
  });

  it("a cancelled session is cancelled whatever the time", () => {
    expect(sessionPhase({ ...twoDays, status: "cancelled" }, t("2026-03-01T09:00:00"))).toBe("cancelled");
  });

  it("spans from the first start to the last end", () => {
    expect(sessionSpan(twoDays)).toEqual({ startsAt: t("2026-04-01T09:00:00"), endsAt: t("2026-04-08T17:00:00") });
    expect(() => sessionSpan({ dates: [] })).toThrow(RangeError);
  });
});

describe("Taipei calendar dates", () => {
  it("2026-12-31T17:00Z is 1 January 2027 in Taipei", () => {
    expect(calendarDateIn(new Date("2026-12-31T17:00:00Z"))).toBe("2027-01-01");
    expect(yearIn(new Date("2026-12-31T17:00:00Z"))).toBe(2027);
    expect(yearIn(new Date("2026-12-31T15:59:59Z"))).toBe(2026);
  });
});
