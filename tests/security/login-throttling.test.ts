import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_CLIENT } from "~/modules/auth/throttle.server";
import { DEMO_PASSWORD } from "../../seeds/demo";
import { useTestDatabase } from "../helpers/db";
import { attemptSignIn } from "../helpers/requests";

const t = useTestDatabase();

async function failTimes(employeeNo: string, times: number, clientAddress: (i: number) => string) {
  const answers = [];
  for (let i = 0; i < times; i++) {
    const r = await attemptSignIn(employeeNo, `wrong-password-${i}`, { clientAddress: clientAddress(i) });
    answers.push({ status: r.status, errors: r.data.errors });
  }
  return answers;
}

const invalid = { status: 401, errors: { _form: "login.invalid" } };
const throttled = { status: 429, errors: { _form: "login.throttled" } };

describe("login throttling", () => {
  it("uses the limits the sign-in page promises: 5 failures per account, 15 minutes", () => {
    expect(MAX_FAILURES_PER_ACCOUNT).toBe(5);
  });

  it("locks an employee number after 5 failures in 15 minutes, even against the right password and from other addresses", async () => {
    const answers = await failTimes("FB040", 5, (i) => `10.4.0.${i}`);
    expect(answers).toEqual(Array(5).fill(invalid));
    const sixth = await attemptSignIn("FB040", DEMO_PASSWORD, { clientAddress: "10.4.1.1" });
    expect({ status: sixth.status, errors: sixth.data.errors }).toEqual(throttled);
    expect(sixth.setCookies).toEqual([]);
  });

  it("answers an employee number that does not exist exactly the same way, so the lock reveals nothing", async () => {
    const answers = await failTimes("ZZ404", 5, (i) => `10.5.0.${i}`);
    expect(answers).toEqual(Array(5).fill(invalid));
    const sixth = await attemptSignIn("ZZ404", DEMO_PASSWORD, { clientAddress: "10.5.1.1" });
    expect({ status: sixth.status, errors: sixth.data.errors }).toEqual(throttled);
  });

  it("counts the employee number however it is typed", async () => {
    await failTimes("fb046", 3, () => "10.6.0.1");
    await failTimes(" FB046 ", 1, () => "10.6.0.2");
    await failTimes("ＦＢ０４６", 1, () => "10.6.0.3");
    const next = await attemptSignIn("FB046", DEMO_PASSWORD, { clientAddress: "10.6.0.4" });
    expect(next.status).toBe(429);
  });

  it("lets the person in again once the 15 minutes have passed", async () => {
    await failTimes("FB041", 5, () => "10.7.0.1");
    expect((await attemptSignIn("FB041", DEMO_PASSWORD, { clientAddress: "10.7.0.1" })).status).toBe(429);
    await sql`update login_attempts set at = now() - interval '16 minutes' where account_key = 'FB041'`.execute(t.db);
    expect((await attemptSignIn("FB041", DEMO_PASSWORD, { clientAddress: "10.7.0.2" })).status).toBe(302);
  });

  it("forgets earlier typos once the person signs in successfully", async () => {
    await failTimes("FB042", 4, () => "10.8.0.1");
    expect((await attemptSignIn("FB042", DEMO_PASSWORD, { clientAddress: "10.8.0.1" })).status).toBe(302);
    await failTimes("FB042", 4, () => "10.8.0.1");
    expect((await attemptSignIn("FB042", DEMO_PASSWORD, { clientAddress: "10.8.0.1" })).status).toBe(302);
  });

  it("does not let one person's lock affect a colleague", async () => {
    await failTimes("FB043", 5, () => "10.9.0.1");
    expect((await attemptSignIn("FB044", DEMO_PASSWORD, { clientAddress: "10.9.0.2" })).status).toBe(302);
  });

  it(`stops one address spraying many employee numbers after ${MAX_FAILURES_PER_CLIENT} failures`, async () => {
    const spray = await Promise.all(
      Array.from({ length: MAX_FAILURES_PER_CLIENT }, (_, i) => attemptSignIn(`SPRAY${i}`, "Password-123", { clientAddress: "10.10.0.1" })),
    );
    expect(spray.every((r) => r.status === 401)).toBe(true);
    const next = await attemptSignIn("FB045", DEMO_PASSWORD, { clientAddress: "10.10.0.1" });
    expect({ status: next.status, errors: next.data.errors }).toEqual(throttled);
    // Colleagues at other counters (other addresses) are not affected.
    expect((await attemptSignIn("FB045", DEMO_PASSWORD, { clientAddress: "10.10.0.2" })).status).toBe(302);
  });

  it("checks at most 5 passwords of one account even when 20 guesses arrive at the same moment", async () => {
    const guesses = await Promise.all(
      Array.from({ length: 20 }, (_, i) => attemptSignIn("FB047", `parallel-guess-${i}`, { clientAddress: `10.11.0.${i}` })),
    );
    const statuses = guesses.map((g) => g.status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(MAX_FAILURES_PER_ACCOUNT);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(20 - MAX_FAILURES_PER_ACCOUNT);
    // And the right password is refused too while the lock holds.
    expect((await attemptSignIn("FB047", DEMO_PASSWORD, { clientAddress: "10.11.1.1" })).status).toBe(429);
  });
});
