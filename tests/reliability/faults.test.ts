// Faults (issue 11): the portal runs as its own process (server/index.ts, production mode) and is hurt
// the ways a real installation is — killed with SIGKILL in the middle of a queue import, a second
// process started on its PGlite folder, started on a read-only folder or a full disk, its PostgreSQL
// server stopped under it — and afterwards the database must open, hold every write the user was told
// was saved, and hold nothing half-written. PGlite always; PostgreSQL too: a database of the test's
// own on the TEST_DATABASE_URL server, and a private cluster for the restart (the shared server on
// 5432 is never stopped).
import fs from "node:fs";
import path from "node:path";
import type { Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/schema";
import {
  contentFingerprint,
  createPostgresDatabase,
  defineCaseTypes,
  fillDisk,
  folderHash,
  officeIdOf,
  postQueueImport,
  queueFile,
  queueState,
  seededPgliteFolder,
  startPrivateCluster,
  tempFolder,
  tryMount,
  unmount,
  withPglite,
  withPostgres,
  type QueueState,
} from "./fault-tools";
import { BROWSER_AGENT, signIn, startPortal, waitForOutput } from "./portal-process";

const serverUrl = process.env.TEST_DATABASE_URL;
const SUPERVISOR = "FB002"; // may import the queue export (counters.manage)
const STAFF = "FB010";

// Two files of 府北's queue export: the first days of January are imported and acknowledged first;
// February (~11,000 tickets: three 4,000-row insert batches in one transaction) is the one killed.
const january = queueFile("府北叫號-115年1月上旬.csv", 1, 3_000);
const february = queueFile("府北叫號-115年2月.csv", 2);
const insertBatches = (output: string) => output.match(/insert into "?queue_records"?/g)?.length ?? 0;

const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;
const pgliteEnv = (dataDir: string) => ({ PGLITE_DATA_DIR: dataDir, DATABASE_URL: "" });
const page = (base: string, pathname: string, cookie?: string) =>
  fetch(`${base}${pathname}`, { headers: { ...(cookie ? { cookie } : {}), "user-agent": BROWSER_AGENT }, redirect: "manual", signal: AbortSignal.timeout(20_000) });

/**
 * Starts the portal where it must refuse to start; resolves with what it printed. Should it start
 * after all, it is stopped first, so a failing test leaves no process holding the folder.
 */
async function refusedStart(env: Record<string, string>): Promise<string> {
  const outcome = await startPortal(env, { timeoutMs: 60_000 }).catch((error: Error) => error);
  if (outcome instanceof Error) return outcome.message;
  await outcome.stop();
  throw new Error("the portal started where it should have refused to");
}

/** The case types are there; records, imports and both rollups agree and hold exactly these imports. */
function expectOnly(state: QueueState, caseTypes: string[], files: { name: string; tickets: number }[]) {
  expect(state.caseTypes).toEqual([...caseTypes].sort());
  expect(state.imports).toEqual(files.map((f) => ({ fileName: f.name, inserted: f.tickets, skipped: 0, records: f.tickets })));
  expect(state.records).toBe(files.reduce((sum, f) => sum + f.tickets, 0));
  expect(state.orphanRecords).toBe(0);
  expect({ missing: state.staffDaysMissing, extra: state.staffDaysExtra }).toEqual({ missing: [], extra: [] });
  expect({ missing: state.officeDaysMissing, extra: state.officeDaysExtra }).toEqual({ missing: [], extra: [] });
}

/**
 * Sets up the case types and imports early January (both acknowledged), starts February and SIGKILLs
 * the portal once its first insert batch is done, restarts on the same data and checks: the case types
 * and January whole, nothing of the killed file, the session from before the crash still valid, and
 * the same file imported whole on a second try.
 * `inspect` reads the database with the portal stopped (a PGlite folder has one process at a time).
 */
async function killDuringQueueImport(label: string, env: Record<string, string>, inspect: <T>(fn: (db: Kysely<Database>) => Promise<T>) => Promise<T>) {
  const first = await startPortal({ ...env, SLOW_QUERY_MS: "0" }); // logs every query: the moment to kill is visible
  let cookie: string;
  let caseTypes: string[];
  let killedAfter: string;
  let batchesDone: number;
  try {
    cookie = await signIn(first.base, SUPERVISOR);
    caseTypes = await defineCaseTypes(first.base, cookie);
    const acknowledged = await postQueueImport(first.base, cookie, january);
    expect(acknowledged).toEqual({ status: 200, inserted: january.tickets });

    const before = insertBatches(first.output());
    const started = Date.now();
    const killed = postQueueImport(first.base, cookie, february).then(
      (answer) => ({ answer }),
      (error: Error) => ({ noAnswer: error.message }),
    );
    await waitForOutput(first, (out) => insertBatches(out) > before, 180_000);
    await first.kill();
    killedAfter = seconds(started);
    batchesDone = insertBatches(first.output()) - before;
    // The browser never heard back, so nobody was told February was saved.
    expect(await killed).toEqual({ noAnswer: expect.any(String) });
  } finally {
    await first.kill();
  }

  const opened = Date.now();
  const afterCrash = await inspect(async (db) => queueState(db, await officeIdOf(db, SUPERVISOR)));
  expectOnly(afterCrash, caseTypes, [january]);
  const openedIn = seconds(opened);

  const restarted = await startPortal(env);
  try {
    // The sign-in from before the crash was a write too, and it is still there.
    expect((await page(restarted.base, "/counters/import", cookie)).status).toBe(200);
    // Every ticket is new again (a ticket stored before counts as skipped): not one record of the
    // killed attempt was left behind, and nothing stands in the way of importing the file again.
    expect(await postQueueImport(restarted.base, cookie, february)).toEqual({ status: 200, inserted: february.tickets });
  } finally {
    await restarted.stop();
  }
  console.log(
    `[faults] ${label}: SIGKILL ${killedAfter} into a ${february.tickets}-ticket import, after ${batchesDone} insert batch(es); ` +
      `the database opened in ${openedIn} with the ${caseTypes.length} case types and early January's ${january.tickets} tickets whole and none of the killed file; ` +
      `records, imports and rollups agreed; the retry imported all ${february.tickets}`,
  );
}

describe("PGlite folder", () => {
  let work: ReturnType<typeof tempFolder>;
  let template: string;
  let templatePrint: Record<string, string>;
  /** A copy of the seeded folder: cheaper than seeding each test (PGlite's own setup takes seconds). */
  const copyOfTemplate = (name: string) => {
    const dataDir = path.join(work.dir, name, "pglite");
    fs.cpSync(template, dataDir, { recursive: true });
    return dataDir;
  };

  beforeAll(async () => {
    work = tempFolder("faults-pglite-");
    template = path.join(work.dir, "template", "pglite");
    templatePrint = await seededPgliteFolder(template);
  });
  afterAll(() => work?.remove());

  it("SIGKILL in the middle of a queue import: the folder opens, the import is wholly absent, earlier writes are there, a retry imports it whole", async () => {
    const dataDir = copyOfTemplate("killed-import");
    await killDuringQueueImport("PGlite", pgliteEnv(dataDir), (fn) => withPglite(dataDir, fn));
  });

  it("a second portal on the same folder is refused with a clear message; the first keeps serving and the folder is intact", async () => {
    const dataDir = copyOfTemplate("two-processes");
    const first = await startPortal(pgliteEnv(dataDir));
    try {
      const cookie = await signIn(first.base, STAFF);
      expect(await refusedStart(pgliteEnv(dataDir))).toMatch(new RegExp(`the portal exited \\(1\\)[\\s\\S]*PGlite data folder .* is in use by process ${first.child.pid}`));
      expect(fs.readFileSync(`${dataDir}.lock`, "utf8")).toBe(String(first.child.pid));
      // The first still answers pages and takes writes (a sign-in stores a session).
      expect((await page(first.base, "/about", cookie)).status).toBe(200);
      await signIn(first.base, SUPERVISOR);
    } finally {
      await first.stop();
    }
    expect(fs.existsSync(`${dataDir}.lock`)).toBe(false);
    expect(await withPglite(dataDir, contentFingerprint)).toEqual(templatePrint);
  });

  it("a read-only data folder at start: a clear error and exit 1, not a byte changed; writable again, it starts", async (context) => {
    const dataDir = copyOfTemplate("read-only");
    // A read-only bind mount: root, as CI runs, ignores file permissions but not a read-only mount.
    const refused = tryMount(["--bind", dataDir, dataDir]);
    if (refused) {
      console.warn(`[faults] read-only folder not tested: this machine does not allow a read-only bind mount (${refused})`);
      return context.skip();
    }
    try {
      const remountRefused = tryMount(["-o", "remount,ro,bind", dataDir]);
      if (remountRefused) {
        console.warn(`[faults] read-only folder not tested: this machine does not allow a read-only bind mount (${remountRefused})`);
        return context.skip();
      }
      const before = folderHash(dataDir);
      expect(await refusedStart(pgliteEnv(dataDir))).toMatch(
        /the portal exited \(1\)[\s\S]*The PGlite data folder .* cannot be written \(EROFS: read-only file system\)\. Nothing was changed\./,
      );
      expect(folderHash(dataDir)).toBe(before);
      expect(fs.existsSync(`${dataDir}.lock`)).toBe(false);
    } finally {
      unmount(dataDir);
    }
    const portal = await startPortal(pgliteEnv(dataDir));
    expect((await page(portal.base, "/healthz")).status).toBe(200);
    await portal.stop();
  });

  it("a full or nearly full disk at start: a clear error and exit 1, not a byte changed; with room again it starts", async (context) => {
    const disk = path.join(work.dir, "small-disk");
    fs.mkdirSync(disk);
    // A small disk of the test's own (tmpfs), so filling it disturbs nothing else on the machine.
    const refused = tryMount(["-t", "tmpfs", "-o", "size=160m", "tmpfs", disk]);
    if (refused) {
      console.warn(`[faults] full disk not tested: this machine does not allow mounting a small tmpfs (${refused})`);
      return context.skip();
    }
    try {
      const dataDir = path.join(disk, "pglite");
      fs.cpSync(template, dataDir, { recursive: true });

      const before = folderHash(dataDir);

      let filler = fillDisk(disk, 0);
      expect(await refusedStart(pgliteEnv(dataDir))).toMatch(
        /the portal exited \(1\)[\s\S]*The disk holding the PGlite data folder .* is full \(ENOSPC\)\. Nothing was changed\./,
      );
      expect(fs.existsSync(`${dataDir}.lock`)).toBe(false); // not even an empty lock file left behind

      fs.rmSync(filler);
      filler = fillDisk(disk, 4 * 1024 * 1024);
      expect(await refusedStart(pgliteEnv(dataDir))).toMatch(/the portal exited \(1\)[\s\S]*is nearly full: \d+\.\d MB free, the database needs at least 64\.0 MB/);
      expect(folderHash(dataDir)).toBe(before);

      fs.rmSync(filler);
      const portal = await startPortal(pgliteEnv(dataDir));
      expect((await page(portal.base, "/healthz")).status).toBe(200);
      await portal.stop();
    } finally {
      unmount(disk);
    }
  });
});

if (!serverUrl) console.log("[faults] PostgreSQL import crash not run: set TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test to run it");

describe.skipIf(!serverUrl)("PostgreSQL database (TEST_DATABASE_URL)", () => {
  it("SIGKILL in the middle of a queue import: the import is wholly absent, earlier writes are there, a retry imports it whole", async () => {
    const database = await createPostgresDatabase(serverUrl!, "faults_import");
    try {
      await killDuringQueueImport("PostgreSQL", { DATABASE_URL: database.url }, (fn) => withPostgres(database.url, fn));
    } finally {
      await database.drop();
    }
  });
});

describe("PostgreSQL server restarted while the portal runs (a private cluster)", () => {
  it("while it is down: a clear 503 page with Retry-After, /healthz 503, no crash, no hang; once it is back: 200 by itself", async (context) => {
    const cluster = await startPrivateCluster();
    if ("unavailable" in cluster) {
      console.warn(`[faults] PostgreSQL restart not tested: ${cluster.unavailable}`);
      return context.skip();
    }
    let portal;
    try {
      portal = await startPortal({ DATABASE_URL: cluster.url });
      const { base } = portal;
      const cookie = await signIn(base, STAFF);
      // Several pooled connections open and idle: the stop cuts every one of them.
      const warm = await Promise.all(Array.from({ length: 6 }, () => page(base, "/about", cookie)));
      expect(warm.map((r) => r.status)).toEqual(Array(6).fill(200));

      cluster.stop();
      const stoppedAt = Date.now();
      const signInDuringOutage = () =>
        fetch(`${base}/login`, {
          method: "POST",
          redirect: "manual",
          headers: { "content-type": "application/x-www-form-urlencoded", origin: base, "user-agent": BROWSER_AGENT },
          body: new URLSearchParams({ employeeNo: STAFF, password: "Fubei-demo-2026", redirectTo: "/" }),
          signal: AbortSignal.timeout(20_000),
        });
      const during = [
        { what: "the home page", res: await page(base, "/", cookie), html: true },
        { what: "a quiz list (another page's loader)", res: await page(base, "/quizzes", cookie), html: true },
        { what: "signing in (an action)", res: await signInDuringOutage(), html: true },
        { what: "a navigation's data request", res: await page(base, "/quizzes.data", cookie), html: false },
        { what: "/healthz", res: await page(base, "/healthz"), html: false },
      ];
      for (const { what, res, html } of during) {
        const body = await res.text();
        expect({ what, status: res.status }).toEqual({ what, status: 503 });
        expect(res.headers.get("retry-after"), what).toMatch(/^\d+$/);
        if (html) {
          // The clerk reads what happened and what to do; not the generic error page.
          expect(body, what).toContain("系統暫時無法使用");
          expect(body, what).toContain("資料庫暫時無法連線");
          expect(body, what).toContain("再試一次");
          expect(body, what).not.toContain("系統發生錯誤");
        }
      }
      const outageAnsweredIn = seconds(stoppedAt);
      // An idle connection cut by the server used to end the process (the pool's unhandled 'error').
      expect(portal.child.exitCode).toBeNull();
      expect(portal.child.signalCode).toBeNull();

      cluster.start();
      const restartedAt = Date.now();
      let status = 0;
      while (status !== 200 && Date.now() - restartedAt < 30_000) {
        status = (await page(base, "/", cookie)).status;
        if (status !== 200) await new Promise((r) => setTimeout(r, 250));
      }
      expect(status).toBe(200);
      const recoveredIn = seconds(restartedAt);
      // More requests at once than the pool's 10 connections: none may meet a dead one kept from before.
      const after = await Promise.all(Array.from({ length: 20 }, () => page(base, "/about", cookie)));
      expect(after.map((r) => r.status)).toEqual(Array(20).fill(200));
      expect((await page(base, "/healthz")).status).toBe(200);
      expect(portal.child.exitCode).toBeNull();
      console.log(`[faults] PostgreSQL stopped under the portal: ${during.length} requests answered 503 in ${outageAnsweredIn} in all; started again, 200 after ${recoveredIn} with no portal restart`);
    } finally {
      await portal?.stop();
      cluster.destroy();
    }
  });
});
