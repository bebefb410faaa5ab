import type { Executor } from "../db.server";

// Login throttling (ASVS 2.2.1). Keyed on what was typed, existing account or not, so the answer
// never tells whether an employee number exists; and on the client address against spraying.
export const THROTTLE_WINDOW_MS = 15 * 60_000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_CLIENT = 30;

export function accountKey(employeeNo: string): string {
  return employeeNo.normalize("NFKC").trim().toUpperCase();
}

/**
 * Records a sign-in attempt as failed *before* the password is checked, then counts. Recording
 * first means parallel guesses cannot all slip past the count: at most the limit is ever verified.
 * The row becomes a success through `markLoginSucceeded`.
 */
export async function beginLoginAttempt(db: Executor, account: string, client: string): Promise<{ attemptId: string; throttled: boolean }> {
  const { id } = await db
    .insertInto("loginAttempts")
    .values({ accountKey: account, clientKey: client, succeeded: false })
    .returning("id")
    .executeTakeFirstOrThrow();
  const since = new Date(Date.now() - THROTTLE_WINDOW_MS);
  const row = await db
    .selectFrom("loginAttempts")
    .select((eb) => [
      eb.fn.countAll<number>().filterWhere("accountKey", "=", account).as("byAccount"),
      eb.fn.countAll<number>().filterWhere("clientKey", "=", client).as("byClient"),
    ])
    .where("succeeded", "=", false)
    .where("at", ">", since)
    .where((eb) => eb.or([eb("accountKey", "=", account), eb("clientKey", "=", client)]))
    .executeTakeFirstOrThrow();
  // The count includes this attempt: the sixth within the window is refused.
  const throttled = Number(row.byAccount) > MAX_FAILURES_PER_ACCOUNT || Number(row.byClient) > MAX_FAILURES_PER_CLIENT;
  return { attemptId: String(id), throttled };
}

export async function markLoginSucceeded(db: Executor, attemptId: string, account: string) {
  await db.updateTable("loginAttempts").set({ succeeded: true }).where("id", "=", attemptId).execute();
  // A successful sign-in clears the account's failures, so a typo earlier today does not count later.
  await db.deleteFrom("loginAttempts").where("accountKey", "=", account).where("succeeded", "=", false).execute();
}
