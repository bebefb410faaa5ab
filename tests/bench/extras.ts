// The bench's in-process figures (issue 10), run by tests/bench/run.ts after the load scenarios, or
// alone: `npx tsx tests/bench/extras.ts [--out file.json]`.
// 1. A year of 府北's queue export (~150,000 lines) through importQueue — the function the import page
//    calls — on PostgreSQL, against PostgreSQL's own COPY of the very rows the import stored into the
//    same table with the same indexes (target: the import within 3× COPY); and on PGlite for reference.
// 2. Quiz item statistics (getQuizStatistics, the statistics page's function) over 10,000 attempts
//    (target: under 1 s).
import fs from "node:fs";
import { parseArgs } from "node:util";
import { PGlite } from "@electric-sql/pglite";
import type { Kysely } from "kysely";
import pg from "pg";
import { from as copyFrom, to as copyTo } from "pg-copy-streams";
import { pipeline } from "node:stream/promises";
import { Readable, Writable } from "node:stream";
import {
  createDb,
  migrateToLatest,
  type DatabaseHandle,
} from "../../db/connect";
import type { Database } from "../../db/schema";
import { seedDemo, DEMO_ACCOUNTS } from "../../seeds/demo";
import { actor } from "../../seeds/actor";
import { CASE_TYPES } from "../../seeds/large/queue";
import {
  importQueue,
  saveCaseType,
} from "../../app/modules/counters/counters.server";
import { guessMapping } from "../../app/modules/counters/queue-csv";
import { getQuizStatistics } from "../../app/modules/quizzes/quiz-statistics.server";
import { QUEUE_HEADER, queueYearLines } from "./queue-file";
import { seedQuizAttempts } from "./quiz-attempts";

const { values } = parseArgs({
  options: { out: { type: "string" }, only: { type: "string" } },
});
const wanted = (part: "import" | "stats") =>
  !values.only || values.only === part;
const pgBase =
  process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432";
const results: Record<string, unknown> = {};

async function time<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await work();
  return [result, performance.now() - started];
}

async function prepareOffice(db: Kysely<Database>) {
  await migrateToLatest(db);
  await seedDemo(db);
  const supervisor = await actor(db, DEMO_ACCOUNTS.supervisor);
  for (const [name, weight, standardMinutes] of CASE_TYPES)
    await saveCaseType(db, supervisor, {
      name,
      weight,
      standardMinutes,
      effectiveFrom: "2026-01-01",
    });
  return supervisor;
}

const lines = queueYearLines(2026).flat();
const csvText = [QUEUE_HEADER, ...lines].join("\r\n");
const mapping = guessMapping(QUEUE_HEADER.split(","));

// ------------------------------------------------------------------ import on PostgreSQL vs its COPY
async function postgresDatabase(name: string): Promise<string | null> {
  const admin = new pg.Client({ connectionString: `${pgBase}/postgres` });
  try {
    await admin.connect();
  } catch (error) {
    console.log(
      `(PostgreSQL at ${pgBase} not reachable: ${
        (error as Error).message
      }; the import-vs-COPY figure is skipped)`
    );
    return null;
  }
  await admin.query(`drop database if exists ${name}`);
  await admin.query(`create database ${name}`);
  await admin.end();
  return `${pgBase}/${name}`;
}

const url = wanted("import") ? await postgresDatabase("bench_import") : null;
if (url) {
  const handle = await createDb({ databaseUrl: url });
  const supervisor = await prepareOffice(handle.db);
  const [imported, importMs] = await time(() =>
    importQueue(handle.db, supervisor, {
      fileName: "2026.csv",
      csvText,
      mapping,
      mode: "all_or_nothing",
    })
  );
  // The same rows, as stored, copied out; the table emptied; and copied back in by COPY.
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const columns =
    "office_id, idempotency_key, ticket, ticket_date, segment, counter_id, staff_user_id, case_type, ticket_at, called_at, started_at, ended_at, outcome, import_id";
  const chunks: Buffer[] = [];
  await pipeline(
    client.query(
      copyTo(
        `COPY (select ${columns} from queue_records order by id) TO STDOUT WITH (FORMAT csv)`
      )
    ),
    new Writable({ write: (chunk, _enc, done) => (chunks.push(chunk), done()) })
  );
  const rowsCsv = Buffer.concat(chunks);
  await client.query("delete from queue_staff_days");
  await client.query("delete from queue_records");
  await client.query("vacuum queue_records");
  const copyStarted = performance.now();
  await client.query("begin");
  await pipeline(
    Readable.from([rowsCsv]),
    client.query(
      copyFrom(`COPY queue_records (${columns}) FROM STDIN WITH (FORMAT csv)`)
    )
  );
  await client.query("commit");
  const copyMs = performance.now() - copyStarted;
  await client.end();
  await handle.close();
  const ratio = importMs / copyMs;
  results.importVsCopy = {
    lines: lines.length,
    inserted: imported.inserted,
    importMs: Math.round(importMs),
    copyMs: Math.round(copyMs),
    ratio: Number(ratio.toFixed(2)),
    target: 3,
    met: ratio <= 3,
  };
  console.log(
    `\nqueue import of a year (${lines.length.toLocaleString(
      "en"
    )} lines, ${imported.inserted.toLocaleString(
      "en"
    )} stored) on PostgreSQL: importQueue ${(importMs / 1000).toFixed(
      2
    )} s; COPY of the same rows into the same table ${(copyMs / 1000).toFixed(
      2
    )} s; ratio ${ratio.toFixed(2)} (target ≤ 3 ${ratio <= 3 ? "✓" : "✗"})`
  );
}

// ------------------------------------------------------------------ the same import on PGlite (reference)
{
  const pglite = await PGlite.create("memory://");
  const handle: DatabaseHandle = await createDb({ pglite });
  const supervisor = await prepareOffice(handle.db);
  if (wanted("import")) {
    const [imported, importMs] = await time(() =>
      importQueue(handle.db, supervisor, {
        fileName: "2026.csv",
        csvText,
        mapping,
        mode: "all_or_nothing",
      })
    );
    results.importPglite = {
      lines: lines.length,
      inserted: imported.inserted,
      importMs: Math.round(importMs),
    };
    console.log(
      `the same import on PGlite (in memory): ${(importMs / 1000).toFixed(2)} s`
    );
  }

  // ---------------------------------------------------------------- item statistics over 10,000 attempts
  if (wanted("stats")) {
    const quiz = await seedQuizAttempts(handle.db, 10_000);
    const samples: number[] = [];
    let items = 0;
    for (let i = 0; i < 6; i++) {
      const [stats, ms] = await time(() =>
        getQuizStatistics(handle.db, quiz.officeId, quiz.quizId, "all")
      );
      items = stats?.questions.length ?? 0;
      if (i > 0) samples.push(ms);
    }
    samples.sort((a, b) => a - b);
    const median = samples[Math.floor(samples.length / 2)];
    results.itemStatistics = {
      attempts: quiz.attempts,
      items,
      medianMs: Math.round(median),
      target: 1000,
      met: median < 1000,
    };
    console.log(
      `quiz item statistics over ${quiz.attempts.toLocaleString(
        "en"
      )} attempts (${items} questions, PGlite): median ${median.toFixed(
        0
      )} ms of 5 (target < 1,000 ms ${median < 1000 ? "✓" : "✗"})`
    );
  }
  await handle.close();
}

if (values.out) fs.writeFileSync(values.out, JSON.stringify(results, null, 2));
