import { describe, expect, it } from "vitest";
import { seedFrom, seededRandom, shuffle, shuffledIndexes } from "./shuffle";

describe("seeded shuffle", () => {
  it("gives the same order for the same seed, and leaves the input alone", () => {
    const items = ["甲", "乙", "丙", "丁", "戊", "己"];
    const a = shuffle(items, 42);
    expect(shuffle(items, 42)).toEqual(a);
    expect(shuffle(items, "attempt:1:2")).toEqual(shuffle(items, "attempt:1:2"));
    expect(items).toEqual(["甲", "乙", "丙", "丁", "戊", "己"]);
    expect([...a].sort()).toEqual([...items].sort());
  });

  it("gives different orders for different seeds", () => {
    const orders = new Set(Array.from({ length: 20 }, (_, seed) => shuffledIndexes(6, seed).join(",")));
    expect(orders.size).toBeGreaterThan(10);
  });

  it("is a permutation of 0..n-1, including the empty and one-element cases", () => {
    expect(shuffledIndexes(0, 1)).toEqual([]);
    expect(shuffledIndexes(1, 1)).toEqual([0]);
    expect([...shuffledIndexes(10, 7)].sort((x, y) => x - y)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it("draws every position about equally often (no Fisher–Yates off-by-one bias)", () => {
    const firsts = [0, 0, 0, 0];
    for (let seed = 0; seed < 4000; seed++) firsts[shuffledIndexes(4, seed)[0]] += 1;
    for (const n of firsts) expect(n).toBeGreaterThan(850);
  });

  it("has a stable string hash and generator (the order must not change between releases)", () => {
    expect(seedFrom("")).toBe(0x811c9dc5);
    expect(seedFrom("a")).toBe(0xe40c292c);
    const random = seededRandom(1);
    const first = random();
    expect(first).toBeGreaterThanOrEqual(0);
    expect(first).toBeLessThan(1);
    expect(seededRandom(1)()).toBe(first);
  });
});
