import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import * as start from "~/routes/quizzes.$quizId.start";
import * as stats from "~/routes/quizzes.$quizId.stats";
import { officeIdOf, useTestDatabase, userIdOf } from "../helpers/db";
import { get, post, signIn } from "../helpers/requests";

const t = useTestDatabase();

describe("an attempt abandoned past its deadline", () => {
  it("is submitted with what it saved and counted by the statistics, though its owner never came back", async () => {
    const fubei = await officeIdOf(t.db, "FUBEI");
    const quiz = await t.db.selectFrom("quizzes").select("id").where("officeId", "=", fubei).where("title", "=", "115年11月份法令測驗").executeTakeFirstOrThrow();
    const staff = await signIn(t.db, "FB021");
    const started = await post(start, `/quizzes/${quiz.id}/start`, {}, { cookie: staff, params: { quizId: String(quiz.id) } });
    expect(started.status).toBe(302);

    const userId = await userIdOf(t.db, "FB021");
    const attempt = await t.db.selectFrom("quizAttempts").select("id").where("userId", "=", userId).where("quizId", "=", quiz.id).executeTakeFirstOrThrow();
    // The tab was closed and the time ran out.
    await sql`update quiz_attempts set deadline_at = now() - interval '1 minute' where id = ${attempt.id}`.execute(t.db);

    const supervisor = await signIn(t.db, "FB002");
    const page = await get(stats, `/quizzes/${quiz.id}/stats`, { cookie: supervisor, params: { quizId: String(quiz.id) } });
    expect(page.status).toBe(200);
    expect(page.data.summary.participants).toBe(1);
    const after = await t.db.selectFrom("quizAttempts").select(["state", "submittedAt"]).where("id", "=", attempt.id).executeTakeFirstOrThrow();
    expect(after.state).toBe("submitted");
    expect(after.submittedAt).not.toBeNull();
  });
});
