// A short-lived cache of dashboard sections (issue 10, benchmarks). A director's dashboard sums years
// of every module's history for six periods per figure; computing it costs 0.3–2 s on PGlite at five
// years of one office, while the figures change only when someone writes. So a section's result is
// kept for DASHBOARD_CACHE_SECONDS (60 in production, off elsewhere) and dropped as soon as this
// process answers any write (server/app.ts calls dataChanged after every non-GET request). With
// several processes on one PostgreSQL, another process's write shows within that many seconds.
import type { Executor } from "../db.server";

let generation = 0;

/** Called after every request that may have written: every cached section is stale from now on. */
export function dataChanged(): void {
  generation += 1;
}

function ttlMs(): number {
  const configured = process.env.DASHBOARD_CACHE_SECONDS;
  const seconds = configured !== undefined && configured !== "" ? Number(configured) : process.env.NODE_ENV === "production" ? 60 : 0;
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 0;
}

interface Entry {
  generation: number;
  expires: number;
  value: Promise<unknown>;
}

const MAX_ENTRIES = 500;
/** Per database handle: tests and tools may hold several in one process. */
const caches = new WeakMap<object, Map<string, Entry>>();

/**
 * The value computed for `key` on this database since the last write and within the time to live, or
 * a new one. Concurrent callers share one computation; a failed one is not kept.
 */
export function cachedSection<T>(db: Executor, key: string, compute: () => Promise<T>): Promise<T> {
  const ttl = ttlMs();
  if (ttl === 0) return compute();
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  const now = Date.now();
  const hit = cache.get(key);
  if (hit && hit.generation === generation && hit.expires > now) return hit.value as Promise<T>;
  const value = compute();
  const entry: Entry = { generation, expires: now + ttl, value };
  cache.set(key, entry);
  value.catch(() => {
    if (cache.get(key) === entry) cache.delete(key);
  });
  if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  return value;
}
