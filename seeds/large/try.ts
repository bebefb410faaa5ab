// Tries one module generator on a throw-away database: `npx tsx seeds/large/try.ts <module> [years]`.
// Opens PGlite in memory, migrates, seeds the demo offices, runs seeds/large/<module>.ts's `generate`
// for 府北 and prints the row count of every table that is not empty.
import { PGlite } from "@electric-sql/pglite";
import { sql } from "kysely";
import { pgliteCopy } from "./copy";
import { createDb, migrateToLatest } from "../../db/connect";
import { seedDemo } from "../demo";
import { officeContext } from "./office-context";
import type { OfficeContext } from "./context";

const [module, yearsText = "1"] = process.argv.slice(2);
if (!module) throw new Error("usage: npx tsx seeds/large/try.ts <module> [years]");
const pglite = await PGlite.create("memory://");
const handle = await createDb({ pglite });
await migrateToLatest(handle.db);
await seedDemo(handle.db);
const before = await counts();
const { generate } = (await import(`./${module}.ts`)) as { generate: (ctx: OfficeContext) => Promise<void> };
const ctx = { ...(await officeContext(handle.db, "FUBEI", module, { years: Number(yearsText) })), copy: pgliteCopy(pglite) };
const started = performance.now();
await generate(ctx);
console.log(`generated in ${(performance.now() - started).toFixed(0)} ms (${ctx.from} … ${ctx.to})`);
const after = await counts();
for (const [table, n] of Object.entries(after)) if (n !== before[table]) console.log(`${table}: ${before[table] ?? 0} → ${n}`);
await handle.close();

async function counts(): Promise<Record<string, number>> {
  const tables = await sql<{ name: string }>`select tablename as name from pg_tables where schemaname = 'public'`.execute(handle.db);
  const result: Record<string, number> = {};
  for (const { name } of tables.rows) {
    const r = await sql<{ n: string }>`select count(*) as n from ${sql.table(name)}`.execute(handle.db);
    result[name] = Number(r.rows[0].n);
  }
  return result;
}
