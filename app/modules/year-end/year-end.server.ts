// 年終考核依據 on the database (issue 9, "Year-end summary"): one year of an office's people, gathered
// with a fixed number of grouped queries whatever the office's size (issue 9, "Speed": no query per
// person). The rules stay where they live: hours and the target judgement come from the training module
// (hoursRoster), points and rewards from the incentives board (scoreboardFor), the counter rank from
// the counters ranking (rankingFor), the quiz audience from the quizzes module (audienceOf); the quiz's
// counted attempt follows its grading method as the quiz page does (year-end.ts countedAttempt).
import { rankingFor } from "../counters/counters.server";
import { taipeiInstant } from "../counters/periods";
import { sql, type Executor } from "../db.server";
import { scoreboardFor } from "../incentives/incentives.server";
import { audienceOf, listOfficeMembers } from "../quizzes/quizzes.server";
import { hoursRoster } from "../training/training.server";
import {
  countedAttempt,
  tallyProposals,
  tallyQuizzes,
  type AttemptRow,
  type OfficeYearEnd,
  type PersonYearEnd,
  type YearEndCounter,
  type YearEndIncentives,
  type YearEndProposal,
  type YearEndQuiz,
} from "./year-end";

const num = (v: string | number | null | undefined): number | null => (v === null || v === undefined ? null : Number(v));

/** The year's instants in Taipei: from 1 January 00:00 to the next 1 January 00:00 (exclusive). */
function yearInstants(year: number): { start: Date; end: Date } {
  return { start: taipeiInstant(`${year}-01-01`), end: taipeiInstant(`${year + 1}-01-01`) };
}

/** Whether the person works in the office (active, holding an office role there): the scope of every page. */
export async function isOfficeMember(db: Executor, officeId: number, userId: number): Promise<boolean> {
  const row = await db
    .selectFrom("users as u")
    .select("u.id")
    .where("u.id", "=", userId)
    .where("u.active", "=", true)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("userRoles as r")
          .select("r.userId")
          .whereRef("r.userId", "=", "u.id")
          .where("r.officeId", "=", officeId)
          .where("r.role", "in", ["staff", "committee", "chair", "supervisor", "director"]),
      ),
    )
    .executeTakeFirst();
  return row !== undefined;
}

/** Training sessions of the year (by their first date in Taipei, as hours count) attended, per person. */
async function sessionsAttended(db: Executor, officeId: number, year: number, onlyUserId?: number): Promise<Map<number, number>> {
  const { start, end } = yearInstants(year);
  const firstDate = sql<Date>`(select min(d.starts_at) from training_session_dates d where d.session_id = s.id)`;
  const rows = await db
    .selectFrom("enrolments as e")
    .innerJoin("trainingSessions as s", "s.id", "e.sessionId")
    .select((eb) => ["e.userId", eb.fn.count<number>("e.sessionId").distinct().as("n")])
    .where("s.officeId", "=", officeId)
    .where("s.status", "=", "scheduled")
    .where("e.status", "in", ["attended", "partly_attended"])
    .where(firstDate, ">=", start)
    .where(firstDate, "<", end)
    .$if(onlyUserId !== undefined, (q) => q.where("e.userId", "=", onlyUserId!))
    .groupBy("e.userId")
    .execute();
  return new Map(rows.map((r) => [r.userId, Number(r.n)]));
}

/**
 * Each person's 法令測驗 of the year: published quizzes of the office that opened in the year (or were
 * created in it, without an opening time), those assigned to the person and those they took anyway.
 * Practice attempts are a different kind and never count.
 */
async function quizzesOfYear(db: Executor, officeId: number, year: number, now: Date, onlyUserId?: number): Promise<Map<number, YearEndQuiz[]>> {
  const { start, end } = yearInstants(year);
  const heldAt = sql<Date>`coalesce(q.opens_at, q.created_at)`;
  const quizzes = await db
    .selectFrom("quizzes as q")
    .select(["q.id", "q.title", "q.opensAt", "q.closesAt", "q.grading", "q.passPercent", "q.audience", "q.audienceRoles", heldAt.as("heldAt")])
    .where("q.officeId", "=", officeId)
    .where("q.published", "=", true)
    .where(heldAt, ">=", start)
    .where(heldAt, "<", end)
    .orderBy(heldAt)
    .orderBy("q.id")
    .execute();
  const result = new Map<number, YearEndQuiz[]>();
  if (quizzes.length === 0) return result;
  const ids = quizzes.map((q) => q.id);
  const [members, audiencePeople, attempts] = await Promise.all([
    listOfficeMembers(db, officeId),
    db.selectFrom("quizAudiencePeople").select(["quizId", "userId"]).where("quizId", "in", ids).execute(),
    db
      .selectFrom("quizAttempts")
      .select(["quizId", "userId", "attemptNo", "state", "score", "maxScore", "percent"])
      .where("kind", "=", "quiz")
      .where("quizId", "in", ids)
      .$if(onlyUserId !== undefined, (q) => q.where("userId", "=", onlyUserId!))
      .execute(),
  ]);
  const peopleOf = new Map<number, Set<number>>();
  for (const r of audiencePeople) peopleOf.set(r.quizId, (peopleOf.get(r.quizId) ?? new Set()).add(r.userId));
  const attemptsOf = new Map<string, AttemptRow[]>();
  for (const a of attempts) {
    const key = `${a.quizId}:${a.userId}`;
    const list = attemptsOf.get(key) ?? [];
    list.push({ attemptNo: a.attemptNo, state: a.state, score: num(a.score), maxScore: Number(a.maxScore), percent: num(a.percent) });
    attemptsOf.set(key, list);
  }
  for (const q of quizzes) {
    const opened = q.opensAt === null || new Date(q.opensAt) <= now;
    const closed = q.closesAt !== null && new Date(q.closesAt) <= now;
    const audience = new Set(audienceOf({ id: q.id, audience: q.audience, audienceRoles: q.audienceRoles }, members, peopleOf.get(q.id) ?? new Set()).map((m) => m.id));
    const takers = new Set(attempts.filter((a) => a.quizId === q.id).map((a) => a.userId));
    for (const userId of new Set([...audience, ...takers])) {
      if (onlyUserId !== undefined && userId !== onlyUserId) continue;
      const list = attemptsOf.get(`${q.id}:${userId}`) ?? [];
      const counted = countedAttempt(list, q.grading);
      const assigned = audience.has(userId) && opened;
      // A quiz not yet open and not taken is not part of the year's record yet.
      if (!assigned && !counted) continue;
      const item: YearEndQuiz = {
        quizId: q.id,
        title: q.title,
        heldAt: new Date(q.heldAt).toISOString(),
        passPercent: q.passPercent,
        grading: q.grading,
        assigned,
        closed,
        taken: counted !== null,
        score: counted?.score ?? null,
        maxScore: counted ? counted.maxScore : null,
        percent: counted?.percent ?? null,
        passed: counted ? counted.percent! >= q.passPercent : null,
        attempts: list.filter((a) => a.state === "submitted").length,
      };
      result.set(userId, [...(result.get(userId) ?? []), item]);
    }
  }
  return result;
}

/** Proposals submitted in the year (Taipei), per person who proposed or co-proposed them. */
async function proposalsOfYear(db: Executor, officeId: number, year: number, onlyUserId?: number): Promise<Map<number, YearEndProposal[]>> {
  const { start, end } = yearInstants(year);
  const proposals = await db
    .selectFrom("proposals as p")
    .select(["p.id", "p.referenceNo", "p.title", "p.proposerId", "p.state", "p.decision", "p.rewardGrade", "p.submittedAt"])
    .where("p.officeId", "=", officeId)
    .where("p.submittedAt", ">=", start)
    .where("p.submittedAt", "<", end)
    .orderBy("p.submittedAt")
    .orderBy("p.id")
    .execute();
  const result = new Map<number, YearEndProposal[]>();
  if (proposals.length === 0) return result;
  const co = await db
    .selectFrom("proposalCoProposers")
    .select(["proposalId", "userId"])
    .where(
      "proposalId",
      "in",
      proposals.map((p) => p.id),
    )
    .execute();
  const add = (userId: number, item: YearEndProposal) => {
    if (onlyUserId !== undefined && userId !== onlyUserId) return;
    result.set(userId, [...(result.get(userId) ?? []), item]);
  };
  for (const p of proposals) {
    const base = {
      id: p.id,
      referenceNo: p.referenceNo,
      title: p.title,
      state: p.state,
      decision: p.decision,
      rewardGrade: p.rewardGrade,
      submittedAt: new Date(p.submittedAt!).toISOString(),
    };
    add(p.proposerId, { ...base, role: "proposer" });
    for (const c of co) if (c.proposalId === p.id && c.userId !== p.proposerId) add(c.userId, { ...base, role: "coProposer" });
  }
  return result;
}

const NO_POINTS: Omit<YearEndIncentives, "of"> = { points: 0, rank: null, reward: null, breakdown: [] };

/**
 * The year of every person of the office (active, holding an office role), by employee number; or of
 * one person with `onlyUserId` (the caller checks membership first: see personYearEnd). Ranks (points,
 * counters) are always against the whole office.
 */
export async function officeYearEnd(db: Executor, officeId: number, year: number, now = new Date(), onlyUserId?: number): Promise<OfficeYearEnd> {
  const [office, roster, attended, quizzes, proposals, board, ranking] = await Promise.all([
    db.selectFrom("offices").select("name").where("id", "=", officeId).executeTakeFirstOrThrow(),
    hoursRoster(db, officeId, year, now, onlyUserId),
    sessionsAttended(db, officeId, year, onlyUserId),
    quizzesOfYear(db, officeId, year, now, onlyUserId),
    proposalsOfYear(db, officeId, year, onlyUserId),
    scoreboardFor(db, officeId, String(year)),
    rankingFor(db, officeId, String(year)),
  ]);
  const boardBy = new Map(board.rows.map((r) => [r.userId, r]));
  const rankedCount = ranking.rows.filter((r) => r.rank !== null).length;
  const counterBy = new Map(ranking.rows.filter((r) => r.userId !== null).map((r) => [r.userId!, r]));

  const people: PersonYearEnd[] = roster.rows.map((r) => {
    const b = boardBy.get(r.id);
    const hasPoints = b !== undefined && (b.finalTotal !== 0 || b.breakdown.length > 0);
    const incentives: YearEndIncentives = hasPoints
      ? {
          points: b.finalTotal,
          rank: b.rank,
          of: board.rows.length,
          reward: b.suggestedReward,
          breakdown: b.breakdown.map((l) => ({ item: l.item, label: l.label, points: l.points + l.adjustments })),
        }
      : { ...NO_POINTS, of: board.rows.length };
    const c = counterBy.get(r.id);
    const counter: YearEndCounter = c
      ? { rank: c.rank, of: rankedCount, score: c.score, served: c.served, staffedDays: c.staffedDays, notRankedReason: c.notRankedReason, noCounterWork: false }
      : { rank: null, of: rankedCount, score: null, served: 0, staffedDays: 0, notRankedReason: null, noCounterWork: true };
    const myQuizzes = quizzes.get(r.id) ?? [];
    const myProposals = proposals.get(r.id) ?? [];
    return {
      userId: r.id,
      employeeNo: r.employeeNo,
      name: r.name,
      title: r.title,
      hours: {
        sessionHours: r.sessionHours,
        elearningHours: r.elearningHours,
        outsideHours: r.outsideHours,
        totalHours: r.totalHours,
        digitalHours: r.digitalHours,
        progress: roster.hasTarget ? r.progress : null,
      },
      sessionsAttended: attended.get(r.id) ?? 0,
      quizzes: myQuizzes,
      quizTally: tallyQuizzes(myQuizzes),
      proposals: myProposals,
      proposalTally: tallyProposals(myProposals),
      incentives,
      counter,
    };
  });
  return { year, officeName: office.name, target: roster.hasTarget ? roster.target : null, people };
}

/** One person's year, or null when they do not work in the office (the page answers 404). */
export async function personYearEnd(db: Executor, officeId: number, userId: number, year: number, now = new Date()): Promise<{ officeName: string; target: OfficeYearEnd["target"]; person: PersonYearEnd } | null> {
  if (!(await isOfficeMember(db, officeId, userId))) return null;
  const office = await officeYearEnd(db, officeId, year, now, userId);
  const person = office.people.find((p) => p.userId === userId);
  return person ? { officeName: office.officeName, target: office.target, person } : null;
}
