import { describe, expect, it } from "vitest";
import { changeAgainstPrevious, median, percentOf, round1, targetStatus } from "./figure";

describe("dashboard figure arithmetic", () => {
  it("gives a rate to one decimal, and no rate when nobody was counted", () => {
    expect(percentOf(2, 3)).toBe(66.7);
    expect(percentOf(15, 15)).toBe(100);
    expect(percentOf(0, 4)).toBe(0);
    expect(percentOf(0, 0)).toBeNull();
  });

  it("takes the middle value, or the mean of the middle two, and none of nothing", () => {
    expect(median([9, 1, 5])).toBe(5);
    expect(median([4, 1, 3, 10])).toBe(3.5);
    expect(median([])).toBeNull();
    expect(round1(3.14159)).toBe(3.1);
    expect(round1(null)).toBeNull();
  });

  it("judges a target by the figure's direction", () => {
    expect(targetStatus({ value: 80, target: 75, higherIsBetter: true })).toBe("met");
    expect(targetStatus({ value: 70, target: 75, higherIsBetter: true })).toBe("missed");
    expect(targetStatus({ value: 4, target: 5, higherIsBetter: false })).toBe("met");
    expect(targetStatus({ value: 80, target: null, higherIsBetter: true })).toBe("none");
    expect(targetStatus({ value: null, target: 75, higherIsBetter: true })).toBe("none");
  });

  it("calls a change better or worse by the figure's direction", () => {
    expect(changeAgainstPrevious({ value: 82.5, previous: 80, higherIsBetter: true })).toEqual({ delta: 2.5, change: "better" });
    expect(changeAgainstPrevious({ value: 12, previous: 9, higherIsBetter: false })).toEqual({ delta: 3, change: "worse" });
    expect(changeAgainstPrevious({ value: 5, previous: 5, higherIsBetter: true })).toEqual({ delta: 0, change: "same" });
    expect(changeAgainstPrevious({ value: 5, previous: null, higherIsBetter: true })).toEqual({ delta: null, change: "unknown" });
  });
});
