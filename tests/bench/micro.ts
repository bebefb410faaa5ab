// `npm run bench:micro`: in-process figures of single operations (not pass/fail) on an in-memory PGlite,
// kept from issues 2–9; `npm run bench` (run.ts) is the load bench of issue 10.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { hash } from "@node-rs/argon2";
import type { ServerBuild } from "@remix-run/node";
import { createDb, migrateToLatest } from "../../db/connect";
import { seedDemo, DEMO_ACCOUNTS, DEMO_PASSWORD } from "../../seeds/demo";
import { seedCityWide } from "../../seeds/large/city-offices";
import { CASE_TYPES } from "../../seeds/large/queue";
import { QUEUE_HEADER, queueYearLines } from "./queue-file";
import { listUsers } from "../../app/modules/org/org.server";
import { parseListParams } from "../../app/modules/listing";
import { createApp } from "../../server/app";
import { getAttemptForTaking, saveResponse, startAttempt, submitAttempt } from "../../app/modules/quizzes/attempts.server";
import { getQuizStatistics } from "../../app/modules/quizzes/quiz-statistics.server";
import { searchCases } from "../../app/modules/knowledge/cases.server";
import { weightedVector } from "../../app/modules/search/bigrams";
import { FUBEI_CASES } from "../../seeds/demo-knowledge";
import { sql } from "kysely";

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

// A 60-person monthly quiz (issue 3): start, answer 10 questions one by one, submit; then statistics.
{
  const office = await handle.db.selectFrom("offices").select("id").where("code", "=", "FUBEI").executeTakeFirstOrThrow();
  const quiz = await handle.db.selectFrom("quizzes").select("id").where("officeId", "=", office.id).where("title", "like", "%11月份%").executeTakeFirstOrThrow();
  const extra = await handle.db
    .insertInto("users")
    .values(Array.from({ length: 20 }, (_, i) => ({ officeId: office.id, employeeNo: `FBX${String(i + 1).padStart(3, "0")}`, name: `測驗人員${i + 1}`, title: "課員", passwordHash })))
    .returning("id")
    .execute();
  await handle.db.insertInto("userRoles").values(extra.map((u) => ({ userId: u.id, officeId: office.id, role: "staff" as const }))).execute();
  const takers = await handle.db
    .selectFrom("userRoles")
    .select("userId")
    .where("officeId", "=", office.id)
    .where("role", "=", "staff")
    .orderBy("userId")
    .limit(60)
    .execute();
  const starts: number[] = [];
  const saves: number[] = [];
  const submits: number[] = [];
  for (const { userId } of takers) {
    const taker = { id: userId, officeId: office.id, roles: ["staff" as const] };
    const [started, startMs] = await time(() => startAttempt(handle.db, taker, quiz.id));
    starts.push(startMs);
    const attempt = await getAttemptForTaking(handle.db, taker, started!.attemptId);
    for (const item of attempt!.items) {
      const pick = (userId + item.position) % Math.max(1, item.question.choices.length);
      const response =
        item.question.type === "truefalse"
          ? { value: pick % 2 === 0 }
          : item.question.single
            ? { choice: item.question.choices[pick]?.index ?? 0 }
            : { choices: [item.question.choices[pick]?.index ?? 0] };
      saves.push((await time(() => saveResponse(handle.db, taker, started!.attemptId, item.position, response)))[1]);
    }
    submits.push((await time(() => submitAttempt(handle.db, taker, started!.attemptId)))[1]);
  }
  console.log(`60-person quiz: start attempt ${stats(starts)}`);
  console.log(`60-person quiz: save one answer ${stats(saves)}`);
  console.log(`60-person quiz: submit (grade 10 questions) ${stats(submits)}`);
  const statSamples: number[] = [];
  for (let i = 0; i < 10; i++) statSamples.push((await time(() => getQuizStatistics(handle.db, office.id, quiz.id)))[1]);
  console.log(`60-person quiz: statistics computation ${stats(statSamples)}`);
  (globalThis as { benchQuizId?: number }).benchQuizId = quiz.id;
}

// The knowledge base at 10,000 cases (issue 6: "its speed with 10,000 cases"): variations of the demo
// cases, bulk-inserted with their weighted bigram vectors, then searched the way the search page does.
{
  const office = await handle.db.selectFrom("offices").select("id").where("code", "=", "FUBEI").executeTakeFirstOrThrow();
  const author = await handle.db.selectFrom("users").select("id").where("employeeNo", "=", "FB010").executeTakeFirstOrThrow();
  const places = ["東區", "北區", "安平", "永康", "新營", "麻豆", "佳里", "善化", "台南", "臺南"];
  const [, insertMs] = await time(async () => {
    for (let batch = 0; batch < 20; batch++) {
      const rows = Array.from({ length: 500 }, (_, i) => {
        const n = batch * 500 + i;
        const c = FUBEI_CASES[n % FUBEI_CASES.length];
        const title = `${places[n % places.length]}${c.title}（第${n + 1}案）`;
        const facts = `${c.facts}${places[(n * 7) % places.length]}民眾於第${(n % 12) + 1}月到所申請。`;
        return { c, n, title, facts };
      });
      const inserted = await handle.db
        .insertInto("kbCases")
        .values(
          rows.map(({ c, title, facts }) => ({
            officeId: office.id,
            authorId: author.id,
            title,
            category: c.category,
            facts,
            issue: c.issue,
            handling: c.handling,
            lessons: c.lessons ?? "",
            tags: JSON.stringify(c.tags ?? []),
            legalBasis: JSON.stringify(c.legalBasis ?? []),
            state: "published" as const,
          })),
        )
        .returning("id")
        .execute();
      for (const [i, { id }] of inserted.entries()) {
        const { c, title, facts } = rows[i];
        const vector = weightedVector([
          { text: title, weight: "A" },
          { text: (c.tags ?? []).join(" "), weight: "B" },
          { text: c.issue, weight: "C" },
          { text: [facts, c.handling, c.lessons ?? ""].join("\n"), weight: "D" },
        ]);
        await sql`update kb_cases set search_vector = ${vector}::tsvector where id = ${id}`.execute(handle.db);
      }
    }
  });
  console.log(`knowledge base: 10,000 cases inserted with their search vectors in ${insertMs.toFixed(0)} ms`);
  const viewer = { id: author.id, officeId: office.id, roles: ["staff" as const], name: "", employeeNo: "FB010", title: "", mustChangePassword: false, officeName: "", officeKind: "district" as const, offices: [], sessionIdHash: "" };
  for (const q of ["認領", "謄本", "身分證", "臺南 門牌", "婚", "第9999案"]) {
    const samples: number[] = [];
    let total = 0;
    for (let i = 0; i < 25; i++) {
      const [result, ms] = await time(() => searchCases(handle.db, viewer, { q, pageSize: 20 }));
      total = result.total;
      if (i >= 3) samples.push(ms);
    }
    console.log(`knowledge search 「${q}」 over 10,000 cases (${total} found, first page of 20): ${stats(samples)}`);
  }
}

// Counter performance (issue 8, "Done when": import speed for a year of an office's records, about
// 150,000 tickets). A deterministic generator (mulberry32) writes 府北's 2026 queue export in memory:
// every weekday, counters 1–13 and 15 open with a clerk each from FB010–FB039, ~41 tickets a counter,
// ~3 % no-shows. January alone (~12,500 lines) and then the whole year go through importQueue, the
// same function the import page calls (one transaction, 1,000-row batches, on conflict do nothing).
{
  const { importQueue, previewImport, rankingFor, saveCaseType } = await import("../../app/modules/counters/counters.server");
  const { guessMapping } = await import("../../app/modules/counters/queue-csv");
  const office = await handle.db.selectFrom("offices").select("id").where("code", "=", "FUBEI").executeTakeFirstOrThrow();
  const sup = await handle.db.selectFrom("users").select(["id", "name"]).where("employeeNo", "=", DEMO_ACCOUNTS.supervisor).executeTakeFirstOrThrow();
  const supervisor = { id: sup.id, officeId: office.id, roles: ["supervisor" as const, "staff" as const], name: sup.name, employeeNo: DEMO_ACCOUNTS.supervisor, title: "", mustChangePassword: false, officeName: "", officeKind: "district" as const, offices: [], sessionIdHash: "" };
  for (const [name, weight, standardMinutes] of CASE_TYPES) await saveCaseType(handle.db, supervisor, { name, weight, standardMinutes, effectiveFrom: "2026-01-01" });
  const header = QUEUE_HEADER;
  const linesByMonth = queueYearLines(2026);
  const january = [header, ...linesByMonth[0]].join("\r\n");
  const year = [header, ...linesByMonth.flat()].join("\r\n");
  const yearLines = linesByMonth.reduce((s, m) => s + m.length, 0);
  const mapping = guessMapping(header.split(","));
  const [preview, previewMs] = await time(() => previewImport(handle.db, supervisor, january, mapping));
  console.log(`queue import preview, January (${preview.linesRead} lines, ${preview.errors.length} errors): ${previewMs.toFixed(0)} ms`);
  const [month, monthMs] = await time(() => importQueue(handle.db, supervisor, { fileName: "2026-01.csv", csvText: january, mapping, mode: "all_or_nothing" }));
  console.log(`queue import, January (${month.linesRead} lines, ${month.inserted} inserted): ${monthMs.toFixed(0)} ms`);
  const [again, againMs] = await time(() => importQueue(handle.db, supervisor, { fileName: "2026-01.csv", csvText: january, mapping, mode: "all_or_nothing" }));
  console.log(`queue import, January again (${again.inserted} inserted, ${again.skipped} skipped): ${againMs.toFixed(0)} ms`);
  const [whole, yearMs] = await time(() => importQueue(handle.db, supervisor, { fileName: "2026.csv", csvText: year, mapping, mode: "all_or_nothing" }));
  console.log(`queue import, year 2026 (${yearLines} lines, ${(year.length / 1024 / 1024).toFixed(1)} M chars; ${whole.inserted} inserted, ${whole.skipped} already stored): ${yearMs.toFixed(0)} ms, rss ${mib(process.memoryUsage().rss)}`);
  for (const [label, key, n] of [["month", "2026-11", 8], ["year", "2026", 3]] as const) {
    const samples: number[] = [];
    let rows = 0;
    for (let i = 0; i < n; i++) {
      const [ranking, ms] = await time(() => rankingFor(handle.db, office.id, key));
      rows = ranking.rows.length;
      if (i > 0) samples.push(ms);
    }
    console.log(`counter ranking, ${label} ${key} (${rows} people): ${stats(samples)}`);
  }
}

const BROWSER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36";
const buildFile = path.join(root, "build/index.js");
if (fs.existsSync(buildFile)) {
  const build = (await import(pathToFileURL(buildFile).href)) as ServerBuild;
  const app = createApp({ build, db: handle.db, log: false, publicDir: path.join(root, "public") });
  const server = app.listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  const port = (server.address() as { port: number }).port;
  const base = `http://127.0.0.1:${port}`;
  const signIn = async (employeeNo: string) => {
    const login = await fetch(`${base}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: base },
      body: new URLSearchParams({ employeeNo, password: DEMO_PASSWORD, redirectTo: "/" }),
    });
    return (login.headers.get("set-cookie") ?? "").split(";")[0];
  };
  const adminCookie = await signIn(DEMO_ACCOUNTS.cityAdmin);
  const supervisorCookie = await signIn(DEMO_ACCOUNTS.supervisor);
  const directorCookie = await signIn(DEMO_ACCOUNTS.director);
  const bureauCookie = await signIn(DEMO_ACCOUNTS.bureau);
  const staffCookie = await signIn(DEMO_ACCOUNTS.staff);
  const districtOffices = await handle.db.selectFrom("offices").select((eb) => eb.fn.countAll<number>().as("n")).where("kind", "=", "district").where("active", "=", true).executeTakeFirstOrThrow();
  const quizId = (globalThis as { benchQuizId?: number }).benchQuizId;
  for (const [label, url, cookie] of [
    ["full page /admin/users (SSR)", "/admin/users", adminCookie],
    ["data-only navigation /admin/users.data", "/admin/users.data", adminCookie],
    ["full page / (home)", "/", adminCookie],
    ["quiz statistics page, 60 attempts (SSR)", `/quizzes/${quizId}/stats`, supervisorCookie],
    // Issue 9: the dashboards over the year of queue tickets imported above and the demo modules.
    ["full page / (home, staff)", "/", staffCookie],
    ["director dashboard, year (SSR)", "/dashboard", directorCookie],
    ["director dashboard, month 2026-11 (SSR)", "/dashboard?period=2026-11", directorCookie],
    ["dashboard counter section (loaded after the page), month 2026-11", "/dashboard/sections/counters?period=2026-11", directorCookie],
    ["dashboard counter section (loaded after the page), year", "/dashboard/sections/counters", directorCookie],
    [`bureau dashboard, ${Number(districtOffices.n)} offices side by side (SSR)`, "/dashboard", bureauCookie],
    ["year-end summaries of the office (SSR)", "/year-end", directorCookie],
  ] as const) {
    // Two figures: when the headers and first bytes arrive (the page starts to show; the dashboard
    // streams its slow part after), and when the whole response has arrived.
    const firstBytes: number[] = [];
    const samples: number[] = [];
    const runs = label.includes("dashboard") ? 12 : 40;
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      // A browser's user agent: Node's own ("node") counts as a bot, which gets the whole page at once.
      const res = await fetch(base + url, { headers: { cookie, "user-agent": BROWSER_AGENT } });
      const headersAt = performance.now() - started;
      await res.arrayBuffer();
      const doneAt = performance.now() - started;
      if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
      if (i >= 2) (firstBytes.push(headersAt), samples.push(doneAt)); // first requests warm the JIT
    }
    console.log(`${label}: first bytes ${stats(firstBytes)}; complete ${stats(samples)}`);
  }
  server.close();
} else {
  console.log("(no build/: run `npm run build` for the HTTP figures)");
}
console.log(`rss at end: ${mib(process.memoryUsage().rss)}`);
await handle.close();
