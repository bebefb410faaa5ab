// The benchmarks' large-data generator (issue 10, `npm run seed:large`) writes what the product writes:
// two years of one office's history in every module (a small queue volume here, to stay quick), then the
// pages the bench loads answer 200 with real content, and the dashboard's figures all have values.
// Runs on PGlite and PostgreSQL (the city scale is generated on PostgreSQL).
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { generateOfficeHistory } from "../../seeds/large/index";
import { growOffice } from "../../seeds/large/people";
import * as about from "~/routes/about";
import * as cases from "~/routes/cases._index";
import * as counters from "~/routes/counters._index";
import * as dashboard from "~/routes/dashboard._index";
import * as home from "~/routes/_index";
import * as proposals from "~/routes/proposals._index";
import * as quizStats from "~/routes/quizzes.$quizId.stats";
import * as roster from "~/routes/training.roster";
import * as surveyResults from "~/routes/surveys.$roundId.results";
import { officeIdOf, useTestDatabase } from "../helpers/db";
import { get, post, signIn } from "../helpers/requests";

const t = useTestDatabase();
const taipeiToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

async function tableCounts(): Promise<Record<string, number>> {
  const { rows } = await sql<{ name: string }>`select tablename as name from pg_tables where schemaname = current_schema() order by 1`.execute(t.db);
  const counts: Record<string, number> = {};
  for (const { name } of rows) {
    if (name === "kysely_migration" || name === "kysely_migration_lock" || name === "audit_log") continue;
    const r = await sql<{ n: string }>`select count(*) as n from ${sql.table(name)}`.execute(t.db);
    counts[name] = Number(r.rows[0].n);
  }
  return counts;
}

describe("the large-data generator", () => {
  it("writes two years of one office's history that every benchmarked page reads", { timeout: 240_000 }, async () => {
    const { passwordHash } = await t.db.selectFrom("users").select("passwordHash").where("employeeNo", "=", "FB010").executeTakeFirstOrThrow();
    const before = await tableCounts();
    await growOffice(t.db, "FUBEI", 50, passwordHash);
    await generateOfficeHistory(t.db, "FUBEI", { years: 2, volume: { countersOpen: 3, ticketsPerCounter: 6 }, log: () => undefined });
    const after = await tableCounts();
    // Every module got its history.
    for (const table of ["queue_records", "queue_staff_days", "quizzes", "quiz_attempts", "attempt_items", "survey_rounds", "survey_responses", "training_sessions", "kb_cases", "proposals", "proposal_events"]) {
      expect(after[table], table).toBeGreaterThan(before[table] ?? 0);
    }
    expect((await t.db.selectFrom("users").select("id").where("officeId", "=", await officeIdOf(t.db, "FUBEI")).where("active", "=", true).execute()).length).toBe(50);

    const staff = await signIn(t.db, "FB010");
    const supervisor = await signIn(t.db, "FB002");
    const director = await signIn(t.db, "FB001");
    expect((await get(about, "/about", { cookie: staff })).status).toBe(200);
    expect((await post(about, "/about", {}, { cookie: staff })).status).toBe(200);
    expect((await get(home, "/", { cookie: staff })).status).toBe(200);

    const found = await get(cases, `/cases?q=${encodeURIComponent("認領")}`, { cookie: staff });
    expect(found.status).toBe(200);
    expect(JSON.stringify(found.data)).toContain("認領");

    const year = Number(taipeiToday().slice(0, 4));
    // Filtered as the bench filters it: proposals that went through review, last year (ROC year).
    const reviewed = await get(proposals, `/proposals?view=all&state=reviewed&year=${year - 1912}`, { cookie: supervisor });
    expect(reviewed.status).toBe(200);
    expect(reviewed.data.page.total).toBeGreaterThan(0);

    expect((await get(roster, "/training/roster", { cookie: supervisor })).status).toBe(200);
    const ranking = await get(counters, `/counters?period=${taipeiToday().slice(0, 7)}`, { cookie: supervisor });
    expect(ranking.status).toBe(200);

    const officeId = await officeIdOf(t.db, "FUBEI");
    const round = await t.db.selectFrom("surveyRounds").select("id").where("officeId", "=", officeId).where("state", "=", "closed").orderBy("closesOn", "desc").executeTakeFirstOrThrow();
    expect((await get(surveyResults, `/surveys/${round.id}/results`, { cookie: director, params: { roundId: String(round.id) } })).status).toBe(200);

    const quiz = await t.db
      .selectFrom("quizzes as q")
      .innerJoin("quizAttempts as a", "a.quizId", "q.id")
      .select("q.id")
      .where("q.officeId", "=", officeId)
      .where("a.state", "=", "submitted")
      .orderBy("q.id", "desc")
      .executeTakeFirstOrThrow();
    const stats = await get(quizStats, `/quizzes/${quiz.id}/stats`, { cookie: supervisor, params: { quizId: String(quiz.id) } });
    expect(stats.status).toBe(200);

    // The director's dashboard for last year (two years of history cover it whatever today is): every
    // section but the queue's (loaded after the page) has its figures.
    const page = await get(dashboard, `/dashboard?period=${year - 1}`, { cookie: director });
    expect(page.status).toBe(200);
    const empty = page.data.sections.flatMap((s: { figures: { id: string; value: number | null }[] }) => s.figures.filter((f) => f.value === null).map((f) => f.id));
    expect(empty).toEqual([]);
  });
});
