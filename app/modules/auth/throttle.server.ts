import type { Executor } from "../db.server";

// Login throttling (ASVS 2.2.1). Keyed on what was typed, existing account or not, so the answer
// never tells whether an employee number exists; and on the client address against spraying.
export const THROTTLE_WINDOW_MS = 15 * 60_000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_CLIENT = 30;

export function accountKey(employeeNo: string): string {
  return employeeNo.normalize("NFKC").trim().toUpperCase();
}

export async function isLoginThrottled(db: Executor, account: string, client: string): Promise<boolean> {
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
  return Number(row.byAccount) >= MAX_FAILURES_PER_ACCOUNT || Number(row.byClient) >= MAX_FAILURES_PER_CLIENT;
}

export async function recordLoginAttempt(db: Executor, account: string, client: string, succeeded: boolean) {
  await db.insertInto("loginAttempts").values({ accountKey: account, clientKey: client, succeeded }).execute();
  if (succeeded) {
    // A successful sign-in clears the account's failures, so a typo earlier today does not count later.
    await db
      .deleteFrom("loginAttempts")
      .where("accountKey", "=", account)
      .where("succeeded", "=", false)
      .execute();
  }
}
