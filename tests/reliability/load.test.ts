// Issue 11, "Load" and the first "Faults" bullet: the portal as its own process (production build,
// server/index.ts) on a fresh database, with 200 colleagues taking the same quiz at once (start,
// autosave every answer and change one, reload, submit, again until time is up) while a supervisor
// keeps opening the quiz statistics and 30 committee members cast and change their ballots. Then the
// same load again, the server SIGKILLed in the middle and started again on the same data. Afterwards
// the database itself is read: everything a person was told was saved is there, nothing is half
// applied. On PGlite always; on PostgreSQL too when TEST_DATABASE_URL names a server (its own
// database `reliability_load` there, dropped and created again by each run).
//
// LOAD_SECONDS (default 12, for CI; the full run is 60) is how long new attempts and ballots
// are started; attempts under way are then finished. LOAD_TAKERS (default 200) is the number of
// colleagues taking the quiz. The figures (requests served, requests/s, latency percentiles per
// kind of request, errors by status, CPU used) are printed, not judged: lost or half-written data, or
// a request refused or unanswered while the server was up, fails the test.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkAttempts, checkBallots, lastAckedCounts } from "./load-checks";
import { attemptPath, cpuSeconds, newRecord, printFigures, reloadAndSubmit, runLoad, signInAll, startAttempt, submit, type LoadRecord, type Session } from "./load-driver";
import { openLoadDatabase, portalEnv, prepareLoadDatabase, recreatePostgresDatabase, type LoadDatabase, type LoadFixture } from "./load-setup";
import { BROWSER_AGENT, signIn, startPortal, type PortalProcess } from "./portal-process";

const SECONDS = Number(process.env.LOAD_SECONDS || 12);
const TAKERS = Number(process.env.LOAD_TAKERS || 200);
const MEMBERS = 30;
/** Takers whose attempt was cut off by the crash and who come back to finish it after the restart. */
const RETURNING = 5;
/** The kill waits at most this long for the middle of the load (see below). */
const MIDDLE_WITHIN_MS = 180_000;

interface Target {
  name: string;
  create(tmp: string): Promise<LoadDatabase>;
}

const targets: Target[] = [{ name: "PGlite", create: async (tmp) => ({ kind: "pglite", dataDir: path.join(tmp, "pglite") }) }];
const serverUrl = process.env.TEST_DATABASE_URL;
if (serverUrl) targets.push({ name: "PostgreSQL", create: async () => ({ kind: "postgres", databaseUrl: await recreatePostgresDatabase(serverUrl, "reliability_load") }) });

const seconds = (since: number) => ((Date.now() - since) / 1000).toFixed(1);

describe.each(targets)("the portal under load on $name", (target) => {
  let tmp = "";
  let database: LoadDatabase;
  let fixture: LoadFixture;
  let portal: PortalProcess | undefined;
  let takers: Session[] = [];
  let members: Session[] = [];
  let supervisor: Session;
  let chair: Session;
  const first = newRecord();
  const second = newRecord();

  beforeAll(async () => {
    console.log(`\n${target.name}: ${TAKERS} colleagues take one quiz, ${MEMBERS} committee members vote, for ${SECONDS} s (LOAD_SECONDS; the issue's full run is 60 s)`);
    let since = Date.now();
    const cpu = process.cpuUsage();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "fubei-load-"));
    database = await target.create(tmp);
    fixture = await prepareLoadDatabase(database, { takers: TAKERS, members: MEMBERS });
    const used = process.cpuUsage(cpu);
    console.log(`  database migrated, seeded and prepared in ${seconds(since)} s (CPU ${((used.user + used.system) / 1e6).toFixed(1)} s)`);
    since = Date.now();
    portal = await startPortal(portalEnv(database));
    console.log(`  portal started in ${seconds(since)} s`);
    since = Date.now();
    takers = await signInAll(
      portal.base,
      fixture.takers.map((t) => t.employeeNo),
    );
    members = await signInAll(
      portal.base,
      fixture.members.map((m) => m.employeeNo),
    );
    [supervisor, chair] = await signInAll(portal.base, [fixture.supervisor, fixture.chair]);
    console.log(`  ${takers.length + members.length + 2} people signed in in ${seconds(since)} s`);
  });

  afterAll(async () => {
    await portal?.kill();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it(`${TAKERS} colleagues take the quiz at once while the statistics are opened and ${MEMBERS} members vote: every request answered, no 5xx`, async () => {
    const cpu = cpuSeconds(portal!.child.pid);
    await runLoad({ base: portal!.base, fixture, takers, members, supervisor, itemId: fixture.itemIds[0], seconds: SECONDS, run: "第一輪" }, first);
    first.serverCpuSeconds = cpuSeconds(portal!.child.pid) - cpu;
    const f = printFigures(`${target.name}, load`, first);

    expect(f.errors, "requests refused or unanswered under load").toEqual({});
    expect(first.takersCompleted, "colleagues who started, saved, reloaded and submitted at least once").toBe(TAKERS);
    expect([...first.attempts.values()].filter((a) => a.submit !== "acked")).toEqual([]);
    expect(first.reloadsMissingAnswer, "reloads that did not show the answer just saved").toEqual([]);
    expect(new Set(first.votes.map((v) => v.member)).size, "members who voted").toBe(MEMBERS);
  });

  it("SIGKILL in the middle of the same load; started again on the same data, the portal serves and people carry on", async () => {
    // Nobody stops on their own: everyone is still at work when the process dies.
    const started = Date.now();
    const cpu = cpuSeconds(portal!.child.pid);
    const loading = runLoad({ base: portal!.base, fixture, takers, members, supervisor, itemId: fixture.itemIds[1], seconds: SECONDS * 20, run: "第二輪" }, second);
    // The middle of the load: half the run's time has passed and every kind of write has been
    // acknowledged at least once (the first attempts are submitted while others are still being
    // answered or started), so the kill lands among writes of every kind.
    const acked = () => ({
      autosaves: [...second.attempts.values()].reduce((n, a) => n + a.saves.filter((s) => s.outcome === "acked").length, 0),
      submits: [...second.attempts.values()].filter((a) => a.submit === "acked").length,
      votes: second.votes.filter((v) => v.outcome === "acked").length,
    });
    const middle = () => Date.now() - started >= (SECONDS / 2) * 1000 && acked().submits > 0 && acked().votes > 0;
    while (!middle() && Date.now() - started < MIDDLE_WITHIN_MS) await new Promise((resolve) => setTimeout(resolve, 100));
    second.serverCpuSeconds = cpuSeconds(portal!.child.pid) - cpu;
    const beforeKill = { ...acked(), requests: second.samples.length };
    await portal!.kill();
    await loading;
    const f = printFigures(`${target.name}, load killed (SIGKILL) after ${seconds(started)} s`, second);
    const inFlight = second.samples.filter((s) => s.status === 0).length;
    console.log(
      `  before the kill: ${beforeKill.requests} requests answered, ${beforeKill.autosaves} autosaves, ${beforeKill.submits} submits and ${beforeKill.votes} ballots acknowledged; ${inFlight} requests cut off by it`,
    );
    expect(f.fiveHundreds, "5xx before the kill").toBe(0);
    expect(beforeKill.submits, "attempts submitted before the kill").toBeGreaterThan(0);
    expect(beforeKill.votes, "ballots acknowledged before the kill").toBeGreaterThan(0);
    expect(inFlight, "requests under way when the process died").toBeGreaterThan(0);

    const since = Date.now();
    portal = await startPortal(portalEnv(database));
    console.log(`  restarted on the same ${target.name} data in ${seconds(since)} s`);
    const afterRestart = newRecord();

    // The sessions survive (they are in the database), and colleagues carry on where the crash left
    // them. Whose attempt was cut off while answering presses Start: it resumes that attempt, the page
    // shows what was saved, and it can be submitted. Whose submit got no answer submits again: it
    // counts once whether or not the first one was committed (checked in the database below).
    const interrupted = [...second.attempts.values()].filter((a) => a.submit === "not sent").slice(0, RETURNING);
    const unansweredSubmits = [...second.attempts.values()].filter((a) => a.submit === "unanswered").slice(0, RETURNING);
    expect(interrupted.length + unansweredSubmits.length, "attempts the crash interrupted").toBeGreaterThan(0);
    const sessionOf = (employeeNo: string) => takers.find((t) => t.employeeNo === employeeNo)!;
    for (const attempt of interrupted) {
      const resumed = await startAttempt(portal.base, fixture.quizId, sessionOf(attempt.taker), second);
      expect(resumed?.record.attemptId, `${attempt.taker} resumes the attempt in progress`).toBe(attempt.attemptId);
      expect(await reloadAndSubmit(portal.base, sessionOf(attempt.taker), resumed!, afterRestart), `${attempt.taker} submits after the restart`).toBe(true);
    }
    for (const attempt of unansweredSubmits) {
      const again = { path: attemptPath(fixture.quizId, attempt.attemptId), record: attempt };
      expect(await submit(portal.base, sessionOf(attempt.taker), again, afterRestart), `${attempt.taker} submits again after the restart`).toBe(true);
    }
    console.log(`  after the restart: ${interrupted.length} interrupted attempts resumed and submitted, ${unansweredSubmits.length} unanswered submits sent again`);
    expect(afterRestart.reloadsMissingAnswer).toEqual([]);
    expect(await signIn(portal.base, fixture.takers[0].employeeNo)).toMatch(/=/);

    // The chair closes the meeting: both items' tallies are counted from the ballots as stored.
    const closed = await fetch(`${portal.base}/committee/rounds/${fixture.roundId}`, {
      method: "POST",
      redirect: "manual",
      headers: { cookie: chair.cookie, origin: portal.base, "user-agent": BROWSER_AGENT, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ intent: "close", confirm: "on" }),
    });
    expect(closed.status).toBe(302);
  });

  it("afterwards the database holds every acknowledged write of both runs, each attempt submitted once, one ballot per member, nothing half-applied", async () => {
    // PGlite is one process's: the portal closes it before this process may open it.
    await portal!.stop();
    const handle = await openLoadDatabase(database);
    try {
      const attempts = await checkAttempts(handle.db, fixture, [first, second]);
      const ballotsFirst = await checkBallots(handle.db, fixture, fixture.itemIds[0], first.votes, true);
      const ballotsSecond = await checkBallots(handle.db, fixture, fixture.itemIds[1], second.votes, true);
      const ackedSaves = (r: LoadRecord) => [...r.attempts.values()].reduce((n, a) => n + a.saves.filter((s) => s.outcome === "acked").length, 0);
      console.log(
        `\n${target.name}, database after both runs: ${attempts.attempts} attempts (${attempts.submitted} submitted), ${attempts.answers} stored answers checked against ` +
          `${ackedSaves(first) + ackedSaves(second)} acknowledged autosaves, ${ballotsFirst.ballots + ballotsSecond.ballots} ballots against ` +
          `${first.votes.length + second.votes.length} votes sent; lost or half-applied: ${attempts.problems.length + ballotsFirst.problems.length + ballotsSecond.problems.length}`,
      );
      expect(attempts.problems).toEqual([]);
      expect(ballotsFirst.problems).toEqual([]);
      expect(ballotsSecond.problems).toEqual([]);
      // Nothing was cut off in the first run: its tally is exactly each member's last vote.
      expect(ballotsFirst.counted).toEqual(lastAckedCounts(first.votes));
      expect(ballotsFirst.ballots).toBe(MEMBERS);
    } finally {
      await handle.close();
    }
  });
});
