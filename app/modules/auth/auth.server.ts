import type { Executor } from "../db.server";
import { recordAudit } from "../audit/audit.server";
import { burnPasswordCheck, hashPassword, verifyPassword } from "./password.server";
import { accountKey, beginLoginAttempt, markLoginSucceeded } from "./throttle.server";
import { revokeSessions, type CurrentUser } from "./session.server";

export type SignInResult =
  | { ok: true; userId: number; officeId: number }
  | { ok: false; reason: "invalid" | "throttled" };

export async function signIn(
  db: Executor,
  input: { employeeNo: string; password: string; clientAddress: string },
): Promise<SignInResult> {
  const account = accountKey(input.employeeNo);
  const attempt = await beginLoginAttempt(db, account, input.clientAddress);
  if (attempt.throttled) return { ok: false, reason: "throttled" };
  const user = await db
    .selectFrom("users")
    .select(["id", "officeId", "passwordHash", "active"])
    .where((eb) => eb(eb.fn("upper", ["employeeNo"]), "=", account))
    .executeTakeFirst();

  let valid = false;
  if (user && user.active) valid = await verifyPassword(user.passwordHash, input.password);
  else await burnPasswordCheck(input.password);

  if (!valid || !user) return { ok: false, reason: "invalid" };
  await markLoginSucceeded(db, attempt.attemptId, account);
  await recordAudit(db, {
    actorUserId: user.id,
    officeId: user.officeId,
    action: "session.login",
    entityType: "user",
    entityId: user.id,
  });
  return { ok: true, userId: user.id, officeId: user.officeId };
}

export type ChangePasswordResult = { ok: true } | { ok: false; field: "currentPassword"; message: string };

/** Changes one's own password and signs out every other session of that person. */
export async function changeOwnPassword(
  db: Executor,
  user: CurrentUser,
  currentPassword: string,
  newPassword: string,
): Promise<ChangePasswordResult> {
  const row = await db
    .selectFrom("users")
    .select("passwordHash")
    .where("id", "=", user.id)
    .executeTakeFirstOrThrow();
  if (!(await verifyPassword(row.passwordHash, currentPassword))) {
    return { ok: false, field: "currentPassword", message: "errors.currentPasswordWrong" };
  }
  const passwordHash = await hashPassword(newPassword);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("users")
      .set({ passwordHash, mustChangePassword: false, updatedAt: new Date() })
      .where("id", "=", user.id)
      .execute();
    await revokeSessions(trx, user.id, user.sessionIdHash);
    await recordAudit(trx, {
      actorUserId: user.id,
      officeId: user.officeId,
      action: "user.password.change",
      entityType: "user",
      entityId: user.id,
    });
  });
  return { ok: true };
}
