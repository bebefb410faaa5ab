import { describe, expect, it } from "vitest";
import * as home from "~/routes/_index";
import * as start from "~/routes/quizzes.$quizId.start";
import { useTestDatabase } from "../helpers/db";
import { get, post, signIn } from "../helpers/requests";

const t = useTestDatabase();

describe("the home page: what waits for me", () => {
  it("lists the open quiz a staff member has not taken, with its closing time, and keeps it while in progress", async () => {
    const cookie = await signIn(t.db, "FB020");
    const before = await get(home, "/", { cookie });
    expect(before.status).toBe(200);
    const november = before.data.quizzes.find((q: { title: string }) => q.title === "115年11月份法令測驗");
    expect(november).toMatchObject({ inProgress: false });
    expect(november.closesAt).toEqual(expect.any(String));
    // The closed October quiz is not waiting for anyone.
    expect(before.data.quizzes.map((q: { title: string }) => q.title)).not.toContain("115年10月份法令測驗");

    const started = await post(start, `/quizzes/${november.id}/start`, {}, { cookie, params: { quizId: String(november.id) } });
    expect(started.status).toBe(302);
    const during = await get(home, "/", { cookie });
    expect(during.data.quizzes.find((q: { id: number }) => q.id === november.id)).toMatchObject({ inProgress: true });
  });

  it("shows the bureau, who takes no quizzes, nothing to do", async () => {
    const cookie = await signIn(t.db, "MA001");
    const page = await get(home, "/", { cookie });
    expect(page.data.quizzes).toEqual([]);
  });
});
