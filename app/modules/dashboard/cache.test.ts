// The dashboards' short cache (cache.server.ts): a director reloading the dashboard gets the figures
// computed a moment ago, but never figures from before a write this process answered.
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Executor } from "../db.server";
import { cachedSection, dataChanged } from "./cache.server";

const db = {} as Executor;
const otherDb = {} as Executor;

describe("dashboard section cache", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.useRealTimers();
  });

  it("computes a section once while nothing is written, again after a write or when the time is up", async () => {
    vi.stubEnv("DASHBOARD_CACHE_SECONDS", "60");
    vi.useFakeTimers();
    let runs = 0;
    const compute = async () => ++runs;
    expect(await cachedSection(db, "a", compute)).toBe(1);
    expect(await cachedSection(db, "a", compute)).toBe(1);
    expect(await cachedSection(otherDb, "a", compute)).toBe(2); // another database has its own figures
    dataChanged();
    expect(await cachedSection(db, "a", compute)).toBe(3);
    vi.advanceTimersByTime(61_000);
    expect(await cachedSection(db, "a", compute)).toBe(4);
  });

  it("keeps nothing when switched off (the default outside production) and never keeps a failure", async () => {
    vi.stubEnv("DASHBOARD_CACHE_SECONDS", "0");
    let runs = 0;
    await cachedSection(db, "b", async () => ++runs);
    await cachedSection(db, "b", async () => ++runs);
    expect(runs).toBe(2);

    vi.stubEnv("DASHBOARD_CACHE_SECONDS", "60");
    await expect(cachedSection(db, "c", async () => Promise.reject(new Error("database down")))).rejects.toThrow("database down");
    expect(await cachedSection(db, "c", async () => "recovered")).toBe("recovered");
  });
});
