// Builds an OfficeContext from what is stored: the office's people and their roles in it.
import type { Kysely } from "kysely";
import type { Database, Role } from "../../db/schema";
import { addDays, seedOf, seededRandom, taipeiToday, type LargePerson, type OfficeContext } from "./context";

export async function officeContext(
  db: Kysely<Database>,
  officeCode: string,
  module: string,
  options: { years: number; today?: string; log?: (message: string) => void },
): Promise<OfficeContext> {
  const office = await db.selectFrom("offices").select(["id", "code"]).where("code", "=", officeCode).executeTakeFirstOrThrow();
  const rows = await db
    .selectFrom("users as u")
    .leftJoin("userRoles as r", (j) => j.onRef("r.userId", "=", "u.id").on("r.officeId", "=", office.id))
    .select(["u.id", "u.employeeNo", "u.name", "r.role"])
    .where("u.officeId", "=", office.id)
    .where("u.active", "=", true)
    .orderBy("u.employeeNo")
    .execute();
  const people = new Map<number, LargePerson>();
  for (const r of rows) {
    const person = people.get(r.id) ?? { id: r.id, employeeNo: r.employeeNo, name: r.name, roles: [] as Role[] };
    if (r.role) person.roles.push(r.role as Role);
    people.set(r.id, person);
  }
  const list = [...people.values()];
  const withRole = (role: Role) => list.filter((p) => p.roles.includes(role)).map((p) => p.id);
  const chair = withRole("chair");
  const committee = [...chair, ...withRole("committee").filter((id) => !chair.includes(id))];
  const to = options.today ?? taipeiToday();
  return {
    db,
    officeId: office.id,
    officeCode: office.code,
    people: list,
    directorId: withRole("director")[0],
    supervisorIds: withRole("supervisor"),
    committeeIds: committee,
    rand: seededRandom(seedOf(`${office.code}:${module}`)),
    from: addDays(to, -365 * options.years + 1),
    to,
    years: options.years,
    log: options.log ?? ((message) => console.log(`  ${office.code} ${module}: ${message}`)),
  };
}
