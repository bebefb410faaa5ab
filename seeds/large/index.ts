// `npm run seed:large -- --scale office|city [--years 5] [--data <folder>] [--reset]`
//
// Generates a deterministic, realistic installation for benchmarks through the product's own tables:
// - office: the demo installation, 府北 grown to 50 people, with `years` of history in every module
//   (5 years ≈ 750,000 queue tickets, 60 quizzes with their attempts, 300 training sessions, 2,000
//   cases, 1,000 clippings with their acknowledgements, 500 proposals, 10 survey rounds, incentives);
// - city: 37 district offices of 50 people (府北, 東區 and 35 generated offices) with the same
//   history each, ≥ 10 million queue tickets in all.
// The database is PostgreSQL when DATABASE_URL is set, else PGlite in `--data` (default
// data/bench/<scale>-<years>y). It must be empty (`--reset` empties it). Prints progress and timings;
// `--record <file>` also writes them as JSON (the bench's marker that the data is complete).
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { PGlite } from "@electric-sql/pglite";
import { hash } from "@node-rs/argon2";
import { sql, type Kysely } from "kysely";
import { createDb, migrateToLatest, acquireFolderLock } from "../../db/connect";
import type { CounterKind, Database, Role } from "../../db/schema";
import { DEMO_PASSWORD, seedDemo } from "../demo";
import { insertBatches, type OfficeContext } from "./context";
import { pgliteCopy, postgresCopy, type CopyRows } from "./copy";
import { officeContext } from "./office-context";
import { FULL_OFFICE_VOLUME, generateQueue, type QueueVolume } from "./queue";
import { generate as generateQuizzes } from "./quizzes";
import { generate as generateSurveys } from "./surveys";
import { generate as generateTraining } from "./training";
import { generate as generateIncentives } from "./incentives";
import { generate as generateKnowledge } from "./knowledge";
import { generate as generateProposals } from "./proposals";
import { CITY_OFFICES, growOffice, officePeople } from "./people";

const MODULES: [string, (ctx: OfficeContext) => Promise<void>][] = [
  ["quizzes", generateQuizzes],
  ["surveys", generateSurveys],
  ["training", generateTraining],
  ["knowledge", generateKnowledge],
  ["proposals", generateProposals],
  // Last: its entries come from the other modules' results (counter ranks, proposal grades).
  ["incentives", generateIncentives],
];

/** A generated city office's queue: 8 counters × ~36 tickets ≈ 75,000 tickets a year. */
const CITY_OFFICE_VOLUME: QueueVolume = { countersOpen: 8, ticketsPerCounter: 36 };

export interface LargeOptions {
  scale: "office" | "city";
  years: number;
  log?: (message: string) => void;
}

/** Generates into an open, migrated, empty database. Returns the seconds each part took. */
export async function seedLarge(db: Kysely<Database>, copy: CopyRows | undefined, options: LargeOptions): Promise<Record<string, number>> {
  const log = options.log ?? console.log;
  const timings: Record<string, number> = {};
  const timed = async <T>(label: string, work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    const result = await work();
    timings[label] = (timings[label] ?? 0) + (performance.now() - started) / 1000;
    return result;
  };
  await timed("demo", () => seedDemo(db));
  const passwordHash = await hash(DEMO_PASSWORD);
  await timed("people", async () => {
    await growOffice(db, "FUBEI", 50, passwordHash);
    if (options.scale === "city") {
      await growOffice(db, "DONGQU", 50, passwordHash);
      await addCityOffices(db, passwordHash);
    }
  });
  const codes =
    options.scale === "office"
      ? ["FUBEI"]
      : (await db.selectFrom("offices").select("code").where("kind", "=", "district").orderBy("id").execute()).map((o) => o.code);
  for (const [index, code] of codes.entries()) {
    const started = performance.now();
    const volume = code === "FUBEI" || code === "DONGQU" ? FULL_OFFICE_VOLUME : CITY_OFFICE_VOLUME;
    await generateOfficeHistory(db, code, { years: options.years, copy, volume, log, timings });
    log(`office ${index + 1}/${codes.length} ${code}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  // Fresh statistics, as after any bulk load, so the planner sees the real sizes.
  await timed("analyze", () => sql`analyze`.execute(db));
  return timings;
}

/** One office's history in every module: its queue tickets first, then the modules in order. */
export async function generateOfficeHistory(
  db: Kysely<Database>,
  code: string,
  options: { years: number; volume: QueueVolume; copy?: CopyRows; log?: (message: string) => void; timings?: Record<string, number> },
): Promise<void> {
  const log = options.log ?? console.log;
  const contextFor = async (module: string): Promise<OfficeContext> => ({
    ...(await officeContext(db, code, module, { years: options.years, log: (m) => log(`  ${code} ${module}: ${m}`) })),
    copy: options.copy,
  });
  const timed = async (label: string, work: () => Promise<unknown>) => {
    const started = performance.now();
    await work();
    if (options.timings) options.timings[label] = (options.timings[label] ?? 0) + (performance.now() - started) / 1000;
  };
  await timed("queue", async () => generateQueue(await contextFor("queue"), options.volume));
  for (const [module, generate] of MODULES) await timed(module, async () => generate(await contextFor(module)));
}

async function addCityOffices(db: Kysely<Database>, passwordHash: string) {
  for (const [n, [code, name]] of CITY_OFFICES.entries()) {
    const [{ id: officeId }] = await db
      .insertInto("offices")
      .values({ code, name: `臺南市${name}戶政事務所`, shortName: `${name}戶所` })
      .returning("id")
      .execute();
    const people = officePeople(code, 50, 1000 + n);
    const ids = await insertBatches(
      db,
      "users",
      people.map((p) => ({ officeId, employeeNo: p.employeeNo, name: p.name, title: p.title, passwordHash })),
      { returning: true },
    );
    await insertBatches(db, "userRoles", people.flatMap((p, i) => p.roles.map((role: Role) => ({ userId: ids[i], officeId, role }))));
    const counters: [number, CounterKind][] = [...Array.from({ length: 10 }, (_, i) => [i + 1, "combined"] as [number, CounterKind]), [11, "citizen_certificate"]];
    await insertBatches(db, "counters", counters.map(([number, kind]) => ({ officeId, number, kind, label: kind === "citizen_certificate" ? "自然人憑證櫃台" : null })));
  }
}

async function main() {
  const { values } = parseArgs({
    options: { scale: { type: "string", default: "office" }, years: { type: "string", default: "5" }, data: { type: "string" }, reset: { type: "boolean", default: false }, record: { type: "string" } },
  });
  const scale = values.scale === "city" ? "city" : values.scale === "office" ? "office" : null;
  const years = Number(values.years);
  if (!scale || !Number.isInteger(years) || years < 1 || years > 10) {
    console.error("usage: npm run seed:large -- --scale office|city [--years 1..10] [--data folder] [--reset]");
    process.exit(2);
  }
  const started = performance.now();
  const databaseUrl = process.env.DATABASE_URL;
  let copy: CopyRows | undefined;
  let closeCopy = async () => {};
  let handle;
  if (databaseUrl) {
    if (values.reset) {
      const reset = await createDb({ databaseUrl });
      await sql`drop schema public cascade`.execute(reset.db);
      await sql`create schema public`.execute(reset.db);
      await reset.close();
    }
    handle = await createDb({ databaseUrl });
    const pgCopy = postgresCopy(databaseUrl);
    copy = pgCopy.copy;
    closeCopy = pgCopy.close;
    console.log(`PostgreSQL ${databaseUrl.replace(/:[^:@/]*@/, ":***@")}`);
  } else {
    const dataDir = path.resolve(values.data ?? `data/bench/${scale}-${years}y`);
    if (values.reset) fs.rmSync(dataDir, { recursive: true, force: true });
    const release = acquireFolderLock(dataDir);
    const pglite = await PGlite.create(dataDir);
    // Generated rows reference only rows the generator wrote: skip the per-row foreign-key triggers
    // during the load (what pg_restore --disable-triggers does); the constraints stay.
    await pglite.exec("set session_replication_role = replica");
    copy = pgliteCopy(pglite);
    const opened = await createDb({ pglite });
    handle = { ...opened, close: async () => (await opened.close(), release()) };
    console.log(`PGlite ${dataDir}`);
  }
  try {
    await migrateToLatest(handle.db);
    const any = await handle.db.selectFrom("offices").select("id").limit(1).executeTakeFirst();
    if (any) throw new Error("The database is not empty: run with --reset to start again from nothing.");
    console.log(`seed:large --scale ${scale} --years ${years}`);
    const timings = await seedLarge(handle.db, copy, { scale, years });
    const total = (performance.now() - started) / 1000;
    const counts = await sql<{ name: string; n: string }>`
      select relname as name, n_live_tup as n from pg_stat_user_tables where n_live_tup > 0 order by n_live_tup desc`.execute(handle.db);
    console.log(`\nrows: ${counts.rows.slice(0, 16).map((r) => `${r.name} ${Number(r.n).toLocaleString("en")}`).join(", ")}`);
    console.log(`seconds: ${Object.entries(timings).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(", ")}`);
    console.log(`done in ${total.toFixed(0)} s`);
    // The bench keeps this beside the data: it marks the data complete and says how it was made.
    if (values.record) {
      fs.mkdirSync(path.dirname(values.record), { recursive: true });
      const rows = Object.fromEntries(counts.rows.map((r) => [r.name, Number(r.n)]));
      fs.writeFileSync(values.record, JSON.stringify({ scale, years, database: handle.kind, seconds: Math.round(total), timings, rows }, null, 2));
    }
  } finally {
    await closeCopy();
    await handle.close();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) await main();
