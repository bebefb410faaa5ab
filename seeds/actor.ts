// The demo seed acts through the modules' own functions, as the person who would have acted: this
// builds that person's CurrentUser (their roles in their home office), as a signed-in session would.
import type { Kysely } from "kysely";
import type { Database } from "../db/schema";
import type { RoleName } from "../app/modules/auth/roles";
import type { CurrentUser } from "../app/modules/auth/session.server";

export async function actor(db: Kysely<Database>, employeeNo: string): Promise<CurrentUser> {
  const user = await db
    .selectFrom("users as u")
    .innerJoin("offices as o", "o.id", "u.officeId")
    .select(["u.id", "u.employeeNo", "u.name", "u.title", "u.officeId", "o.name as officeName", "o.kind as officeKind"])
    .where("u.employeeNo", "=", employeeNo)
    .executeTakeFirstOrThrow();
  const roles = await db.selectFrom("userRoles").select("role").where("userId", "=", user.id).where("officeId", "=", user.officeId).execute();
  return {
    ...user,
    mustChangePassword: false,
    roles: roles.map((r) => r.role as RoleName),
    offices: [{ id: user.officeId, name: user.officeName }],
    sessionIdHash: "seed",
  };
}
