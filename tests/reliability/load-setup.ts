// The data the load test drives (issue 11, "Load"): a fresh database (a PGlite folder, or a PostgreSQL
// database of its own) migrated and seeded with the demo offices, plus 200 colleagues who all must take
// one open quiz, and a committee meeting of 30 more members voting on two proposals (the first for
// the load run, the second for the run that is killed). Written through the modules' own functions,
// as the demo seed does, then closed: a PGlite folder may be open in one process only.
import { hash } from "@node-rs/argon2";
import pg from "pg";
import { createDb, migrateToLatest } from "../../db/connect";
import { actor } from "../../seeds/actor";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, makeNames, seedDemo } from "../../seeds/demo";
import { importQuestions } from "~/modules/quizzes/question-bank.server";
import { createQuiz } from "~/modules/quizzes/quizzes.server";
import type { GradableQuestion } from "~/modules/quizzes/grading";
import { createRound, loadRound, openRound, scheduleProposal, setAttendance } from "~/modules/proposals/committee.server";
import { createProposal, getProposalSettings, screenProposal } from "~/modules/proposals/proposals.server";

/** Where the portal's data lives: what startPortal gets as its environment, and what createDb opens. */
export type LoadDatabase = { kind: "pglite"; dataDir: string } | { kind: "postgres"; databaseUrl: string };

export const portalEnv = (target: LoadDatabase): Record<string, string> =>
  target.kind === "pglite" ? { PGLITE_DATA_DIR: target.dataDir, DATABASE_URL: "" } : { DATABASE_URL: target.databaseUrl };

export const openLoadDatabase = (target: LoadDatabase) =>
  createDb(target.kind === "pglite" ? { dataDir: target.dataDir } : { databaseUrl: target.databaseUrl, pgOptions: { max: 2 } });

/** How a question is answered on the page: which field the autosave posts (attempts.schema.ts). */
export type AnswerKind = "choice" | "choices" | "tf" | "text";

export interface PlannedQuestion {
  position: number;
  kind: AnswerKind;
  /** multichoice: how many answers there are (a choice is an index into them). */
  choices: number;
}

export interface LoadFixture {
  quizId: number;
  questions: PlannedQuestion[];
  takers: { employeeNo: string; id: number }[];
  members: { employeeNo: string; id: number }[];
  supervisor: string;
  chair: string;
  roundId: number;
  /** Round items: [0] voted on in the load run, [1] in the run that is killed. */
  itemIds: [number, number];
  rubric: Record<string, number>;
}

const EXTRA_QUESTIONS = `$CATEGORY: 壓力測試

::LOAD-CHOICES:: 下列何者屬於戶籍登記？（複選） {
  ~%50%出生登記
  ~%50%死亡登記
  ~%-100%印鑑登記
}

::LOAD-TEXT:: 申請戶籍謄本應向哪一個機關申請？（請寫機關名稱） {=戶政事務所 =戶政所}
`;

/** A fresh, empty PostgreSQL database named `name` on the server of `serverUrl`; returns its URL. */
export async function recreatePostgresDatabase(serverUrl: string, name: string): Promise<string> {
  const admin = new URL(serverUrl);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    // "with (force)" ends the sessions a previous, killed run may have left behind.
    await client.query(`drop database if exists ${name} with (force)`);
    await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Migrates and seeds the database, adds the load's people, quiz and meeting, and closes it. */
export async function prepareLoadDatabase(target: LoadDatabase, counts: { takers: number; members: number }): Promise<LoadFixture> {
  const handle = await openLoadDatabase(target);
  try {
    const db = handle.db;
    await migrateToLatest(db);
    await seedDemo(db);
    const office = await db.selectFrom("offices").select("id").where("code", "=", "FUBEI").executeTakeFirstOrThrow();

    // argon2 is slow on purpose: one hash for every load account, as the demo seed does.
    const passwordHash = await hash(DEMO_PASSWORD);
    const addPeople = async (prefix: string, count: number, seed: number, title: string, roles: ("staff" | "committee")[]) => {
      const names = makeNames(count, seed);
      const rows = await db
        .insertInto("users")
        .values(names.map((name, i) => ({ officeId: office.id, employeeNo: `${prefix}${String(i + 1).padStart(3, "0")}`, name, title, passwordHash })))
        .returning(["id", "employeeNo"])
        .execute();
      await db
        .insertInto("userRoles")
        .values(rows.flatMap((r) => roles.map((role) => ({ userId: r.id, officeId: office.id, role }))))
        .execute();
      return rows.sort((a, b) => a.employeeNo.localeCompare(b.employeeNo));
    };
    const takers = await addPeople("LT", counts.takers, 2026, "課員", ["staff"]);
    const members = await addPeople("LC", counts.members, 4040, "戶籍員", ["staff", "committee"]);

    // The quiz: a fixed mix of every answer kind the page autosaves (one choice, check boxes,
    // true/false, typed text), open with no closing time, no time limit and no limit on attempts, so
    // takers may loop. The office's banks hold only the first and third kinds: add one of the others.
    const supervisor = await actor(db, DEMO_ACCOUNTS.supervisor);
    await importQuestions(db, supervisor, office.id, { format: "gift", source: EXTRA_QUESTIONS });
    const bank = await db
      .selectFrom("questions as q")
      .innerJoin("questionVersions as v", "v.id", "q.currentVersionId")
      .select(["q.id", "v.body"])
      .where("q.officeId", "=", office.id)
      .where("q.active", "=", true)
      .orderBy("q.externalId")
      .execute();
    const pick = (test: (q: GradableQuestion) => boolean, n: number) => bank.filter((r) => test(r.body as GradableQuestion)).slice(0, n);
    const picked = [
      ...pick((q) => q.type === "multichoice" && q.single && q.answers.length >= 3, 1),
      ...pick((q) => q.type === "multichoice" && !q.single, 1),
      ...pick((q) => q.type === "truefalse", 1),
      ...pick((q) => q.type === "shortanswer", 1),
    ];
    const questions: PlannedQuestion[] = picked.map((r, i) => {
      const body = r.body as GradableQuestion;
      return {
        position: i + 1,
        kind: body.type === "multichoice" ? (body.single ? "choice" : "choices") : body.type === "truefalse" ? "tf" : "text",
        choices: body.type === "multichoice" ? body.answers.length : 0,
      };
    });
    const quizId = await createQuiz(db, supervisor, {
      title: "壓力測試法令測驗",
      description: "同時作答的壓力測試用測驗。",
      selection: "fixed",
      questions: picked.map((r) => ({ questionId: r.id, points: 1 })),
      rules: [],
      shuffleQuestions: false,
      shuffleAnswers: true,
      timeLimitMinutes: null,
      opensAt: null,
      closesAt: null,
      attemptsAllowed: 0,
      grading: "highest",
      passPercent: 60,
      feedbackTiming: "after_submit",
      audience: "people",
      audienceRoles: [],
      audienceUserIds: takers.map((t) => t.id),
      published: true,
    });

    // The meeting: every committee member (the demo's four and the 30 added) present, voting open.
    const chair = await actor(db, DEMO_ACCOUNTS.chair);
    const proposer = await actor(db, DEMO_ACCOUNTS.staff);
    const proposalIds: number[] = [];
    for (const title of ["壓力測試提案甲：櫃台叫號看板改善", "壓力測試提案乙：等候區動線調整"]) {
      const id = await createProposal(
        db,
        proposer,
        { title, category: "method_process", origin: "own", problem: "民眾等候時間過長。", method: "調整作業流程。", benefit: "縮短等候時間。", estimatedCost: "", coProposerIds: [] },
        { submit: true },
      );
      await screenProposal(db, supervisor, id, { type: "supervisor_forward" });
      proposalIds.push(id);
    }
    const roundId = await createRound(db, chair, { title: "壓力測試審查會議", meetingDate: "2026-12-20", location: "本所2樓會議室" });
    for (const id of proposalIds) await scheduleProposal(db, chair, id, roundId);
    const roundMembers = await db.selectFrom("roundMembers").select("memberId").where("roundId", "=", roundId).execute();
    await setAttendance(
      db,
      chair,
      roundId,
      roundMembers.map((m) => m.memberId),
    );
    await openRound(db, chair, roundId);
    const items = (await loadRound(db, chair, roundId)).items;
    const itemOf = (proposalId: number) => items.find((i) => i.proposalId === proposalId)!.id;
    const { rubricWeights } = await getProposalSettings(db, office.id);

    return {
      quizId,
      questions,
      takers,
      members,
      supervisor: DEMO_ACCOUNTS.supervisor,
      chair: DEMO_ACCOUNTS.chair,
      roundId,
      itemIds: [itemOf(proposalIds[0]), itemOf(proposalIds[1])],
      rubric: rubricWeights,
    };
  } finally {
    await handle.close();
  }
}
