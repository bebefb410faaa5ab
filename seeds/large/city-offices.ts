// Large-data generator for benchmarks: a city-wide installation (37 offices, ~2,000 people, 400 counters).
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";

export async function seedCityWide(db: Kysely<Database>, options: { offices?: number; peoplePerOffice?: number; passwordHash: string }) {
  const offices = options.offices ?? 36;
  const perOffice = options.peoplePerOffice ?? 55;
  await db.transaction().execute(async (trx) => {
    for (let o = 1; o <= offices; o++) {
      const code = `BENCH${String(o).padStart(2, "0")}`;
      const { id: officeId } = await trx
        .insertInto("offices")
        .values({ code, name: `臺南市測試第${o}戶政事務所`, shortName: `測試${o}所` })
        .returning("id")
        .executeTakeFirstOrThrow();
      const users = await trx
        .insertInto("users")
        .values(
          Array.from({ length: perOffice }, (_, i) => ({
            officeId,
            employeeNo: `${code}-${String(i + 1).padStart(3, "0")}`,
            name: `測試人員${o}-${i + 1}`,
            title: i === 0 ? "主任" : i < 3 ? "課長" : "課員",
            passwordHash: options.passwordHash,
          })),
        )
        .returning("id")
        .execute();
      await trx.insertInto("userRoles").values(users.map((u) => ({ userId: u.id, officeId, role: "staff" as const }))).execute();
      await trx
        .insertInto("counters")
        .values(Array.from({ length: 11 }, (_, i) => ({ officeId, number: i + 1, kind: "combined" as const })))
        .execute();
    }
  });
}
