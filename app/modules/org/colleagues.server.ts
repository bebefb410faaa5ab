// The people who work in an office (any of the working roles), active only: the one list behind every
// picker of colleagues — co-proposers, owners, training audiences and rosters, nominations.
import type { Executor } from "../db.server";

export const WORKING_ROLES = ["staff", "committee", "chair", "supervisor", "director"] as const;

export async function officeColleagues(db: Executor, officeId: number) {
  return db
    .selectFrom("users as u")
    .select(["u.id", "u.name", "u.employeeNo", "u.title"])
    .where("u.active", "=", true)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("userRoles as r")
          .select("r.userId")
          .whereRef("r.userId", "=", "u.id")
          .where("r.officeId", "=", officeId)
          .where("r.role", "in", WORKING_ROLES),
      ),
    )
    .orderBy("u.employeeNo")
    .execute();
}
