// After the load (and the crash): the database read directly and held against what every person was
// told. An acknowledged write must be there; a write that got no answer (in flight when the server
// was killed) may be there or not, but whole; a refused write must not be there. Each broken promise
// becomes one line of `problems`, so a failure says exactly who lost what.
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { gradeResponse, type GradableQuestion } from "~/modules/quizzes/grading";
import { tally, VOTE_CHOICES, type VoteChoice } from "~/modules/proposals/committee-rules";
import type { LoadRecord, StoredResponse, VoteRecord } from "./load-driver";
import type { LoadFixture } from "./load-setup";

export interface CheckSummary {
  problems: string[];
  attempts: number;
  submitted: number;
  answers: number;
  ballots: number;
  /** The tally the closed meeting shows for the item. */
  counted?: Record<VoteChoice, number>;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * What a series of writes to one place may have left: the last acknowledged value (or nothing, when
 * none was acknowledged) or any later value whose request got no answer.
 */
function allowedAfter<T extends { outcome: string }>(writes: T[], nothing: T | null): (T | null)[] {
  let lastAcked = -1;
  writes.forEach((w, i) => (lastAcked = w.outcome === "acked" ? i : lastAcked));
  return [lastAcked >= 0 ? writes[lastAcked] : nothing, ...writes.slice(lastAcked + 1).filter((w) => w.outcome === "unanswered")];
}

/** Quiz attempts of every run against the database: answers, submissions, grades, audit rows. */
export async function checkAttempts(db: Kysely<Database>, fixture: LoadFixture, records: LoadRecord[]): Promise<CheckSummary> {
  const problems: string[] = [];
  const employeeNoOf = new Map(fixture.takers.map((t) => [t.id, t.employeeNo]));
  const known = new Map(records.flatMap((r) => [...r.attempts.entries()]));
  const unansweredStarts = new Map<string, number>();
  for (const r of records) for (const [taker, n] of r.unansweredStarts) unansweredStarts.set(taker, (unansweredStarts.get(taker) ?? 0) + n);

  const attempts = await db
    .selectFrom("quizAttempts")
    .select(["id", "userId", "state", "score"])
    .where("quizId", "=", fixture.quizId)
    .where(
      "userId",
      "in",
      fixture.takers.map((t) => t.id),
    )
    .orderBy("id")
    .execute();
  const ids = attempts.map((a) => a.id);
  const items = ids.length
    ? await db
        .selectFrom("attemptItems as i")
        .innerJoin("questionVersions as v", "v.id", "i.questionVersionId")
        .select(["i.attemptId", "i.position", "i.points", "i.response", "i.fraction", "v.body"])
        .where("i.attemptId", "in", ids)
        .orderBy("i.attemptId")
        .orderBy("i.position")
        .execute()
    : [];
  const audits = ids.length
    ? await db
        .selectFrom("auditLog")
        .select(["entityId", "action", (eb) => eb.fn.countAll<string>().as("n")])
        .where("entityType", "=", "quiz_attempt")
        .where("action", "in", ["quiz.attempt.start", "quiz.attempt.submit"])
        .where(
          "entityId",
          "in",
          ids.map(String),
        )
        .groupBy(["entityId", "action"])
        .execute()
    : [];
  const auditCount = (id: number, action: string) => Number(audits.find((a) => a.entityId === String(id) && a.action === action)?.n ?? 0);

  let answers = 0;
  const unknownPerTaker = new Map<string, number>();
  for (const attempt of attempts) {
    const who = `${employeeNoOf.get(attempt.userId)} 的作答 #${attempt.id}`;
    const own = items.filter((i) => i.attemptId === attempt.id);
    // Half-applied start: the attempt row without all its questions, or without its audit row.
    if (own.length !== fixture.questions.length) problems.push(`${who}: ${own.length} 題，應有 ${fixture.questions.length} 題`);
    if (auditCount(attempt.id, "quiz.attempt.start") !== 1) problems.push(`${who}: 開始作答的稽核紀錄 ${auditCount(attempt.id, "quiz.attempt.start")} 筆，應為 1 筆`);

    // Submitted exactly once, and graded with the answers it holds; or not submitted at all.
    const submits = auditCount(attempt.id, "quiz.attempt.submit");
    if (attempt.state === "submitted") {
      if (submits !== 1) problems.push(`${who}: 交卷的稽核紀錄 ${submits} 筆，應為 1 筆`);
      let score = 0;
      for (const item of own) {
        const fraction = gradeResponse(item.body as GradableQuestion, item.response);
        if (item.fraction === null || Number(item.fraction) !== fraction) problems.push(`${who} 第 ${item.position} 題: 得分比例 ${item.fraction}，依所存答案應為 ${fraction}`);
        score += Number(item.points) * (fraction ?? 0);
      }
      if (attempt.score === null || Math.abs(Number(attempt.score) - score) > 1e-4) problems.push(`${who}: 分數 ${attempt.score}，依所存答案應為 ${score}`);
    } else {
      if (submits !== 0 || attempt.score !== null || own.some((i) => i.fraction !== null)) problems.push(`${who}: 未交卷卻有交卷紀錄、分數或評分`);
    }

    const record = known.get(attempt.id);
    if (!record) {
      // Nobody was told about this attempt: only a start cut off by the crash may have made it, and
      // then nothing can have been saved in it.
      const taker = employeeNoOf.get(attempt.userId)!;
      unknownPerTaker.set(taker, (unknownPerTaker.get(taker) ?? 0) + 1);
      if (unknownPerTaker.get(taker)! > (unansweredStarts.get(taker) ?? 0)) problems.push(`${who}: 沒有人開始過這份作答`);
      if (own.some((i) => i.response !== null) || attempt.state !== "in_progress") problems.push(`${who}: 無人知曉的作答卻有答案或已交卷`);
      continue;
    }
    if (record.taker !== employeeNoOf.get(attempt.userId)) problems.push(`${who}: 屬於 ${record.taker} 的作答存到了別人名下`);
    if (record.submit === "acked" && attempt.state !== "submitted") problems.push(`${who}: 已告知交卷成功，資料庫中卻未交卷`);
    if ((record.submit === "not sent" || record.submit === "refused") && attempt.state === "submitted") problems.push(`${who}: 沒有交卷卻成了已交卷`);
    for (const item of own) {
      const writes = record.saves.filter((s) => s.position === item.position);
      const allowed = allowedAfter(writes, null).map((w) => w?.response ?? null);
      answers += 1;
      if (!allowed.some((r) => same(r, item.response))) {
        problems.push(`${who} 第 ${item.position} 題: 存的是 ${JSON.stringify(item.response)}，最後一次告知已儲存的是 ${JSON.stringify(allowed[0])}`);
      }
    }
  }
  for (const id of known.keys()) if (!ids.includes(id)) problems.push(`作答 #${id}（${known.get(id)!.taker}）已告知開始，資料庫中卻沒有`);
  return { problems, attempts: attempts.length, submitted: attempts.filter((a) => a.state === "submitted").length, answers, ballots: 0 };
}

/**
 * The ballots on one item against each member's votes: one row per member who voted, holding their
 * last acknowledged ballot whole (vote and score sheet of one request); and, once the chair has
 * closed the meeting, a tally that counts exactly those ballots.
 */
export async function checkBallots(db: Kysely<Database>, fixture: LoadFixture, itemId: number, votes: VoteRecord[], expectTally: boolean): Promise<CheckSummary> {
  const problems: string[] = [];
  const employeeNoOf = new Map(fixture.members.map((m) => [m.id, m.employeeNo]));
  const rows = await db.selectFrom("ballots").select(["memberId", "vote", "total"]).where("roundItemId", "=", itemId).execute();
  const seen = new Set<number>();
  for (const row of rows) {
    const member = employeeNoOf.get(row.memberId) ?? `使用者 ${row.memberId}`;
    if (seen.has(row.memberId)) problems.push(`第 ${itemId} 案: ${member} 有兩張選票`);
    seen.add(row.memberId);
    const mine = votes.filter((v) => v.member === member);
    const allowed = allowedAfter(mine, null).filter((v): v is VoteRecord => v !== null);
    if (!allowed.some((v) => v.vote === row.vote && v.total === Number(row.total))) {
      problems.push(`第 ${itemId} 案: ${member} 的選票是「${row.vote}」${row.total} 分，最後一次告知已儲存的是 ${allowed[0] ? `「${allowed[0].vote}」${allowed[0].total} 分` : "沒有"}`);
    }
  }
  for (const member of new Set(votes.filter((v) => v.outcome === "acked").map((v) => v.member))) {
    const id = fixture.members.find((m) => m.employeeNo === member)!.id;
    if (!seen.has(id)) problems.push(`第 ${itemId} 案: ${member} 已告知投票成功，資料庫中卻沒有選票`);
  }

  let counted: Record<VoteChoice, number> | undefined;
  if (expectTally) {
    const item = await db.selectFrom("roundItems").select("result").where("id", "=", itemId).executeTakeFirstOrThrow();
    counted = (item.result as { tally?: { counts: Record<VoteChoice, number> } } | null)?.tally?.counts;
    const expected = tally(rows.map((r) => r.vote)).counts;
    // Compared vote by vote: jsonb keeps its keys in an order of its own.
    if (!counted || VOTE_CHOICES.some((v) => counted![v] !== expected[v])) problems.push(`第 ${itemId} 案: 計票 ${JSON.stringify(counted)}，依選票應為 ${JSON.stringify(expected)}`);
  }
  return { problems, attempts: 0, submitted: 0, answers: 0, ballots: rows.length, counted };
}

/** Counts of each member's last acknowledged vote: what the tally must show when nothing was cut off. */
export function lastAckedCounts(votes: VoteRecord[]): Record<VoteChoice, number> {
  const last = new Map<string, VoteChoice>();
  for (const v of votes) if (v.outcome === "acked") last.set(v.member, v.vote);
  return tally([...last.values()]).counts;
}
