// `npm run bench -- [--scale office|city] [--db pglite|postgres] [--years 1,5] [--duration 10]`
//
// Issue 10: the portal under load the way a reviewer can repeat it. For each history length (default
// 1 and 5 years) it makes sure the large data exists (`npm run seed:large`, once; kept under
// data/bench/), starts the production build (`server/index.ts`) on loopback against it, signs in
// the roles, and drives every scenario with autocannon at 10 connections for `duration` seconds after
// a warm-up. Per scenario it prints requests/s, p50 and p99 and the ratio of its p50 to the floor's
// p50 measured in the same run (these machines are noisy: ratios travel, milliseconds do not), the
// server's peak RSS, and each page's first-load JavaScript and CSS (gzip) as a browser loads them.
// Then the two in-process figures (tests/bench/extras.ts): quiz item statistics over 10,000 attempts
// and a 150,000-ticket import against PostgreSQL's COPY of the same rows. Targets are printed beside
// the figures; nothing here fails. Results also go to bench-results/<time>-<scale>-<db>.json.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import zlib from "node:zlib";
import autocannon from "autocannon";
import pg from "pg";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../../seeds/demo";
import { prepareBenchData, type BenchIds } from "./prepare";

const root = path.resolve(import.meta.dirname, "../..");
const { values: args } = parseArgs({
  options: {
    scale: { type: "string", default: "office" },
    db: { type: "string" },
    years: { type: "string", default: "1,5" },
    duration: { type: "string", default: "10" },
    connections: { type: "string", default: "10" },
    extras: { type: "boolean", default: true },
    "no-extras": { type: "boolean", default: false },
  },
});
const scale = args.scale === "city" ? "city" : "office";
// Office scale runs on the embedded PGlite, city scale on PostgreSQL (the issue's pairing), unless told.
const dbKind = (args.db ?? (scale === "city" ? "postgres" : "pglite")) as "pglite" | "postgres";
const yearsList = args.years!.split(",").map(Number).filter((n) => Number.isInteger(n) && n > 0);
const duration = Number(args.duration);
const connections = Number(args.connections);
const pgBase = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432";
const BROWSER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36";

interface Scenario {
  id: string;
  label: string;
  role: keyof typeof ROLES;
  method?: "GET" | "POST";
  path: (ids: BenchIds) => string;
  body?: (ids: BenchIds, n: number) => string;
  /** The p50 target as a multiple of the reference scenario's p50 (the floor, or the no-op action). */
  target?: { of: "floor" | "noop"; ratio: number; cityOnly?: boolean };
  /** A page whose first-load JS and CSS are counted; `charts` pages may load recharts. */
  page?: { charts?: boolean };
}

const ROLES = { staff: DEMO_ACCOUNTS.staff, supervisor: DEMO_ACCOUNTS.supervisor, director: DEMO_ACCOUNTS.director, bureau: DEMO_ACCOUNTS.bureau } as const;

const SCENARIOS: Scenario[] = [
  { id: "floor", label: "floor: /about (app shell, no queries)", role: "staff", path: () => "/about", page: {} },
  { id: "home", label: "home page (staff)", role: "staff", path: () => "/", target: { of: "floor", ratio: 2 }, page: {} },
  { id: "quiz", label: "quiz-taking page", role: "staff", path: (i) => i.attemptPath, target: { of: "floor", ratio: 2 }, page: {} },
  { id: "noop", label: "no-op action (POST /about)", role: "staff", method: "POST", path: () => "/about.data", body: () => "" },
  {
    id: "autosave",
    label: "answer autosave (POST)",
    role: "staff",
    method: "POST",
    path: (i) => `${i.attemptPath}.data?index`,
    // The fetcher's body: one answer changed, as the page sends it.
    body: (i, n) => `intent=save&q${i.firstPosition}.kind=${i.firstKind}&${i.firstField}=${i.firstKind === "tf" ? (n % 2 ? "true" : "false") : n % 3}`,
    target: { of: "noop", ratio: 1.5 },
  },
  { id: "proposals", label: "proposals list, filtered (reviewed, last ROC year)", role: "supervisor", path: (i) => `/proposals?view=all&state=reviewed&year=${i.year - 1912}`, target: { of: "floor", ratio: 2 }, page: {} },
  { id: "kb", label: "knowledge-base search 「認領」", role: "staff", path: () => `/cases?q=${encodeURIComponent("認領")}`, target: { of: "floor", ratio: 2 }, page: {} },
  { id: "roster", label: "training hours roster", role: "supervisor", path: () => "/training/roster", target: { of: "floor", ratio: 2 }, page: {} },
  { id: "ranking", label: "counter ranking, this month", role: "supervisor", path: (i) => `/counters?period=${i.month}`, target: { of: "floor", ratio: 2 }, page: {} },
  { id: "survey", label: "survey results (latest round)", role: "director", path: (i) => `/surveys/${i.surveyRoundId}/results`, target: { of: "floor", ratio: 2 }, page: { charts: true } },
  { id: "dashboard", label: "director dashboard (year)", role: "director", path: () => "/dashboard", target: { of: "floor", ratio: 3 }, page: { charts: true } },
  { id: "dashboard-counters", label: "dashboard's counters section (after the page)", role: "director", path: () => "/dashboard/sections/counters", target: { of: "floor", ratio: 3 } },
  { id: "bureau", label: "bureau dashboard (all offices)", role: "bureau", path: () => "/dashboard", target: { of: "floor", ratio: 3, cityOnly: true }, page: { charts: true } },
];

interface ScenarioResult {
  id: string;
  label: string;
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  ratio?: number;
  target?: string;
  met?: boolean;
}

interface RunResult {
  years: number;
  database: string;
  generation?: unknown;
  scenarios: ScenarioResult[];
  peakRssMiB: number;
  peakRssUnderLoadMiB: number;
}

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];

// ----------------------------------------------------------------------------- data and server

async function ensurePostgresDatabase(name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: `${pgBase}/postgres` });
  await admin.connect();
  const exists = await admin.query("select 1 from pg_database where datname = $1", [name]);
  if (exists.rowCount === 0) await admin.query(`create database ${name}`);
  await admin.end();
  return `${pgBase}/${name}`;
}

/** The database for `years`, generated once; returns the server's environment and the generation record. */
async function ensureData(years: number): Promise<{ env: Record<string, string>; marker: string }> {
  const name = `${scale}-${years}y`;
  const marker = path.join(root, "data/bench", `${dbKind}-${name}.json`);
  const env: Record<string, string> =
    dbKind === "postgres"
      ? { DATABASE_URL: await ensurePostgresDatabase(`bench_${scale}_${years}y`) }
      : { PGLITE_DATA_DIR: path.join(root, "data/bench", name) };
  if (!fs.existsSync(marker)) {
    console.log(`\nGenerating ${name} on ${dbKind} (once; kept in data/bench/) …`);
    const seeded = spawnSync(process.execPath, ["--import", "tsx", "seeds/large/index.ts", "--scale", scale, "--years", String(years), "--reset", "--record", marker], {
      cwd: root,
      stdio: "inherit",
      env: { ...process.env, ...env },
    });
    if (seeded.status !== 0) throw new Error(`seed:large failed (${seeded.status})`);
  }
  return { env, marker };
}

async function startServer(env: Record<string, string>, port: number): Promise<ChildProcess> {
  const server = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
    cwd: root,
    env: { ...process.env, ...env, NODE_ENV: "production", PORT: String(port), HOST: "127.0.0.1", INSECURE_COOKIES: "1", LOG_REQUESTS: "0", SESSION_SECRET: "bench-session-secret", SEED_DEMO: "0" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  server.stdout!.on("data", () => undefined);
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`the server exited (${server.exitCode})`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (res.ok) return server;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error("the server did not start in 180 s");
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function stopServer(server: ChildProcess) {
  if (server.exitCode !== null) return;
  const exited = new Promise((r) => server.once("exit", r));
  server.kill("SIGTERM");
  await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
  if (server.exitCode === null) server.kill("SIGKILL");
}

/** Resident set size of the server process and its peak so far (VmHWM), in MiB. */
function rssOf(pid: number): { rss: number; peak: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const kib = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: kib("VmRSS") / 1024, peak: kib("VmHWM") / 1024 };
}

async function signIn(base: string, employeeNo: string): Promise<string> {
  const res = await fetch(`${base}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: base, "user-agent": BROWSER_AGENT },
    body: new URLSearchParams({ employeeNo, password: DEMO_PASSWORD, redirectTo: "/" }),
  });
  const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0];
  if (res.status !== 302 || !cookie) throw new Error(`sign-in of ${employeeNo} failed (${res.status})`);
  return cookie;
}

// ----------------------------------------------------------------------------- load

async function load(base: string, scenario: Scenario, ids: BenchIds, cookie: string, seconds: number): Promise<ScenarioResult> {
  const url = base + scenario.path(ids);
  const method = scenario.method ?? "GET";
  const headers: Record<string, string> = { cookie, "user-agent": BROWSER_AGENT };
  if (method === "POST") Object.assign(headers, { "content-type": "application/x-www-form-urlencoded", origin: base });
  // Warm-up: the first requests compile code paths and fill caches.
  for (let i = 0; i < 5; i++) {
    const res = await fetch(url, { method, headers, body: scenario.body?.(ids, i), redirect: "manual" });
    await res.arrayBuffer();
    if (res.status >= 400) throw new Error(`${scenario.id}: ${method} ${url} answered ${res.status}`);
  }
  const latencies: number[] = [];
  let n = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        method,
        headers,
        connections,
        duration: seconds,
        // A new body per request for the autosave (another answer each time), as a person changes answers.
        requests: scenario.body ? [{ setupRequest: (req) => ({ ...req, body: scenario.body!(ids, n++) }) }] : undefined,
      },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    // The response time of every request, in fractional milliseconds (autocannon's own histogram rounds).
    instance.on("response", (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
  latencies.sort((a, b) => a - b);
  return {
    id: scenario.id,
    label: scenario.label,
    requests: latencies.length,
    rps: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

// ----------------------------------------------------------------------------- page weight

const gzipCache = new Map<string, number>();
function gzipSize(publicPath: string): number {
  if (!gzipCache.has(publicPath)) {
    const file = path.join(root, "public", publicPath.replace(/^\//, "").split("?")[0]);
    gzipCache.set(publicPath, zlib.gzipSync(fs.readFileSync(file)).length);
  }
  return gzipCache.get(publicPath)!;
}

/** The JavaScript and CSS a browser loads for a page's first view, as the server-rendered HTML names them. */
async function pageWeight(base: string, pagePath: string, cookie: string): Promise<{ js: number; css: number; charts: boolean }> {
  const html = await (await fetch(base + pagePath, { headers: { cookie, "user-agent": BROWSER_AGENT } })).text();
  const hrefs = (pattern: RegExp) => [...new Set([...html.matchAll(pattern)].map((m) => m[1]))];
  const js = hrefs(/<link rel="modulepreload" href="([^"]+\.js)"/g);
  const css = hrefs(/<link rel="stylesheet" href="([^"]+\.css)"/g);
  const charts = js.some((f) => fs.readFileSync(path.join(root, "public", f), "utf8").includes("recharts"));
  return { js: js.reduce((s, f) => s + gzipSize(f), 0), css: css.reduce((s, f) => s + gzipSize(f), 0), charts };
}

// ----------------------------------------------------------------------------- one run

async function runAt(years: number, port: number): Promise<RunResult & { weights: Record<string, { js: number; css: number; charts: boolean }> }> {
  const { env, marker } = await ensureData(years);
  const ids = await prepareBenchData(env);
  const server = await startServer(env, port);
  const base = `http://127.0.0.1:${port}`;
  let peakUnderLoad = 0;
  const sampler = setInterval(() => {
    try {
      peakUnderLoad = Math.max(peakUnderLoad, rssOf(server.pid!).rss);
    } catch {
      // the process is gone
    }
  }, 200);
  try {
    const cookies = Object.fromEntries(await Promise.all(Object.entries(ROLES).map(async ([role, no]) => [role, await signIn(base, no)] as const))) as Record<keyof typeof ROLES, string>;
    // The staff member's attempt at the bench quiz (prepare.ts made it open and without a time limit).
    const started = await fetch(`${base}/quizzes/${ids.quizId}/start`, { method: "POST", redirect: "manual", headers: { cookie: cookies.staff, origin: base, "content-type": "application/x-www-form-urlencoded", "user-agent": BROWSER_AGENT }, body: "" });
    const location = started.headers.get("location");
    if (!location) throw new Error(`could not start the bench attempt (${started.status})`);
    ids.attemptPath = new URL(location, base).pathname;
    const page = await (await fetch(base + ids.attemptPath, { headers: { cookie: cookies.staff, "user-agent": BROWSER_AGENT } })).text();
    const field = /name="q(\d+)\.kind" value="(\w+)"/.exec(page);
    if (!field) throw new Error("the quiz page shows no question");
    ids.firstPosition = Number(field[1]);
    ids.firstKind = field[2];
    ids.firstField = `q${field[1]}.${field[2] === "choices" ? "choices" : field[2]}`;

    const weights: Record<string, { js: number; css: number; charts: boolean }> = {};
    for (const s of SCENARIOS) if (s.page) weights[s.id] = await pageWeight(base, s.path(ids), cookies[s.role]);

    const scenarios: ScenarioResult[] = [];
    for (const s of SCENARIOS) {
      const r = await load(base, s, ids, cookies[s.role], duration);
      scenarios.push(r);
      console.log(`  ${years}y ${r.label}: ${r.rps.toFixed(1)} req/s, p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms${r.non2xx + r.errors ? `, ${r.non2xx} non-2xx, ${r.errors} errors` : ""}`);
    }
    const byId = Object.fromEntries(scenarios.map((r) => [r.id, r]));
    for (const s of SCENARIOS) {
      const r = byId[s.id];
      if (!s.target) continue;
      r.ratio = r.p50 / byId[s.target.of].p50;
      r.target = `≤ ${s.target.ratio}× ${s.target.of === "floor" ? "floor" : "no-op action"}${s.target.cityOnly ? " (city)" : ""}`;
      r.met = s.target.cityOnly && scale !== "city" ? undefined : r.ratio <= s.target.ratio;
    }
    const { peak } = rssOf(server.pid!);
    return {
      years,
      database: dbKind,
      generation: fs.existsSync(marker) ? JSON.parse(fs.readFileSync(marker, "utf8")) : undefined,
      scenarios,
      peakRssMiB: peak,
      peakRssUnderLoadMiB: peakUnderLoad,
      weights,
    };
  } finally {
    clearInterval(sampler);
    await stopServer(server);
  }
}

// ----------------------------------------------------------------------------- main

const runs: Awaited<ReturnType<typeof runAt>>[] = [];
for (const [i, years] of yearsList.entries()) {
  console.log(`\n== ${scale} scale on ${dbKind}, ${years} year(s) of history, ${connections} connections × ${duration} s per scenario`);
  runs.push(await runAt(years, 3900 + i));
}

const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));
const last = runs[runs.length - 1];
console.log(`\n${scale} scale, ${dbKind}: p50 / p99 in ms, ratio = p50 ÷ the reference's p50 in the same run`);
const header = ["scenario", ...runs.flatMap((r) => [`${r.years}y req/s`, `${r.years}y p50`, `${r.years}y p99`, `${r.years}y ratio`]), "target", ...(runs.length > 1 ? [`p50 ${runs[runs.length - 1].years}y÷${runs[0].years}y (≤ 1.3)`] : [])];
const rows = SCENARIOS.map((s, i) => {
  const cells = runs.flatMap((r) => {
    const x = r.scenarios[i];
    return [fmt(x.rps), fmt(x.p50), fmt(x.p99), x.ratio === undefined ? "" : `${x.ratio.toFixed(2)}${x.met === false ? " ✗" : x.met ? " ✓" : ""}`];
  });
  const growth = runs.length > 1 ? runs[runs.length - 1].scenarios[i].p50 / runs[0].scenarios[i].p50 : undefined;
  return [s.label, ...cells, last.scenarios[i].target ?? "", ...(growth === undefined ? [] : [`${growth.toFixed(2)}${growth <= 1.3 ? " ✓" : " ✗"}`])];
});
console.log([header, header.map(() => "---"), ...rows].map((r) => `| ${r.join(" | ")} |`).join("\n"));
for (const r of runs) console.log(`server peak RSS, ${r.years}y: ${fmt(r.peakRssMiB)} MiB (under load ${fmt(r.peakRssUnderLoadMiB)} MiB)${scale === "office" && dbKind === "pglite" ? ` — target ≤ 500 MiB ${r.peakRssMiB <= 500 ? "✓" : "✗"}` : ""}`);

const floorWeight = last.weights.floor;
console.log(`\nfirst-load JavaScript and CSS per page (gzip, KB; target: pages without charts ≤ floor + 15 KB JS, CSS ≤ 30 KB, recharts only where charts are drawn)`);
console.log("| page | JS | JS − floor | CSS | loads recharts |\n| --- | --- | --- | --- | --- |");
for (const s of SCENARIOS) {
  const w = last.weights[s.id];
  if (!w) continue;
  const extra = (w.js - floorWeight.js) / 1024;
  const jsOk = s.page?.charts || extra <= 15;
  const chartsOk = w.charts === Boolean(s.page?.charts) || !w.charts;
  console.log(`| ${s.label} | ${(w.js / 1024).toFixed(1)} | ${extra >= 0 ? "+" : ""}${extra.toFixed(1)}${jsOk ? " ✓" : " ✗"} | ${(w.css / 1024).toFixed(1)}${w.css / 1024 <= 30 ? " ✓" : " ✗"} | ${w.charts ? "yes" : "no"}${chartsOk ? "" : " ✗"} |`);
}

let extras: unknown;
if (args.extras && !args["no-extras"]) {
  const out = path.join(root, "bench-results", ".extras.json");
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const run = spawnSync(process.execPath, ["--import", "tsx", "tests/bench/extras.ts", "--out", out], { cwd: root, stdio: "inherit", env: process.env });
  if (run.status === 0 && fs.existsSync(out)) extras = JSON.parse(fs.readFileSync(out, "utf8"));
}

const stamp = new Date().toISOString().replace(/[:.]/g, "-");
const file = path.join(root, "bench-results", `${stamp}-${scale}-${dbKind}.json`);
fs.mkdirSync(path.dirname(file), { recursive: true });
fs.writeFileSync(file, JSON.stringify({ at: new Date().toISOString(), scale, database: dbKind, connections, durationSeconds: duration, runs, extras }, null, 2));
console.log(`\nresults: ${path.relative(root, file)}`);
