// Seeded, deterministic shuffling: the same seed always gives the same order, so a shuffle can be
// reproduced (a matching question's options stay put between reloads) and tested. Pure, no I/O.

/** A 32-bit seed from any string (FNV-1a), e.g. `attempt:12:3`. */
export function seedFrom(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** mulberry32: a small, fast generator of floats in [0, 1) from a 32-bit seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A shuffled copy (Fisher–Yates); the input is left as it was. */
export function shuffle<T>(items: readonly T[], seed: number | string): T[] {
  const random = seededRandom(typeof seed === "string" ? seedFrom(seed) : seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** 0..n-1 in a shuffled order: the display order of n choices. */
export function shuffledIndexes(n: number, seed: number | string): number[] {
  return shuffle(
    Array.from({ length: n }, (_, i) => i),
    seed,
  );
}

/** A fresh random seed for a shuffle nobody needs to reproduce (which questions an attempt draws). */
export function randomSeed(): number {
  return Math.floor(Math.random() * 4294967296) >>> 0;
}
