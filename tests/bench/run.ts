// `npm run bench`: prints figures (not pass/fail). Uses the built app (npm run build first).
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { hash } from "@node-rs/argon2";
import type { ServerBuild } from "@remix-run/node";
import { createDb, migrateToLatest } from "../../db/connect";
import { seedDemo, DEMO_ACCOUNTS, DEMO_PASSWORD } from "../../seeds/demo";
import { seedCityWide } from "../../seeds/large";
import { listUsers } from "../../app/modules/org/org.server";
import { parseListParams } from "../../app/modules/listing";
import { createApp } from "../../server/app";

process.env.SESSION_SECRET ??= "bench-secret";
const root = path.resolve(import.meta.dirname, "../..");
const mib = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MiB`;

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = sorted.reduce((s, x) => s + x, 0) / sorted.length;
  const p95 = sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))];
  return `mean ${mean.toFixed(2)} ms, p95 ${p95.toFixed(2)} ms (n=${sorted.length})`;
}

async function time<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const result = await fn();
  return [result, performance.now() - t];
}

const [handle, openMs] = await time(() => createDb({ dataDir: "memory://" }));
console.log(`PGlite in-memory open: ${openMs.toFixed(0)} ms, rss ${mib(process.memoryUsage().rss)}`);
const [, migrateMs] = await time(() => migrateToLatest(handle.db));
console.log(`migrations: ${migrateMs.toFixed(0)} ms`);
const [, seedMs] = await time(() => seedDemo(handle.db));
console.log(`demo seed: ${seedMs.toFixed(0)} ms`);

const hashSamples: number[] = [];
let passwordHash = "";
for (let i = 0; i < 5; i++) {
  const [h, ms] = await time(() => hash(DEMO_PASSWORD));
  passwordHash = h;
  hashSamples.push(ms);
}
console.log(`argon2id hash: ${stats(hashSamples)}`);

const [, cityMs] = await time(() => seedCityWide(handle.db, { passwordHash }));
const userCount = await handle.db.selectFrom("users").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
console.log(`city-wide data: ${Number(userCount.n)} users in 39 offices, generated in ${cityMs.toFixed(0)} ms`);

for (const [label, query] of [
  ["users list, page 1 by employee no", "?sort=employeeNo"],
  ["users list, sorted by name, page 50", "?sort=name&page=50"],
  ["users list, search 人員1", "?q=%E4%BA%BA%E5%93%A11"],
] as const) {
  const params = parseListParams(new URL(`http://x/${query}`), { sortable: ["employeeNo", "name", "title", "office", "active"] as const, defaultSort: "employeeNo", filters: ["office", "role", "active"] });
  const samples: number[] = [];
  for (let i = 0; i < 30; i++) samples.push((await time(() => listUsers(handle.db, null, params)))[1]);
  console.log(`${label} (city admin, ${Number(userCount.n)} users): ${stats(samples)}`);
}

const buildFile = path.join(root, "build/index.js");
if (fs.existsSync(buildFile)) {
  const build = (await import(pathToFileURL(buildFile).href)) as ServerBuild;
  const app = createApp({ build, db: handle.db, log: false, publicDir: path.join(root, "public") });
  const server = app.listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  const port = (server.address() as { port: number }).port;
  const base = `http://127.0.0.1:${port}`;
  const login = await fetch(`${base}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: base },
    body: new URLSearchParams({ employeeNo: DEMO_ACCOUNTS.cityAdmin, password: DEMO_PASSWORD, redirectTo: "/" }),
  });
  const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0];
  for (const [label, url] of [
    ["full page /admin/users (SSR)", "/admin/users"],
    ["data-only navigation /admin/users.data", "/admin/users.data"],
    ["full page / (home)", "/"],
  ] as const) {
    const samples: number[] = [];
    for (let i = 0; i < 40; i++) {
      const [res, ms] = await time(() => fetch(base + url, { headers: { cookie } }));
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
      if (i >= 5) samples.push(ms); // first requests warm the JIT
    }
    console.log(`${label}: ${stats(samples)}`);
  }
  server.close();
} else {
  console.log("(no build/: run `npm run build` for the HTTP figures)");
}
console.log(`rss at end: ${mib(process.memoryUsage().rss)}`);
await handle.close();
