// The people of the large installation: 府北 and 東區 grown to 50, and 35 more district offices of 50
// (Tainan's other districts), with the demo's mix of roles: a director, two section chiefs, a review
// committee of four with its chair, an administrator, and clerks.
import type { Kysely } from "kysely";
import type { Database, Role } from "../../db/schema";
import { makeNames } from "../demo";
import { insertBatches } from "./context";

export const CITY_OFFICES: [code: string, district: string][] = (
  "中西區 南區 安南區 安平區 永康區 歸仁區 新化區 左鎮區 玉井區 楠西區 南化區 仁德區 關廟區 龍崎區 官田區 麻豆區 佳里區 西港區 " +
  "七股區 將軍區 學甲區 北門區 新營區 後壁區 白河區 東山區 六甲區 下營區 柳營區 鹽水區 善化區 大內區 山上區 新市區 安定區"
)
  .split(" ")
  .map((district, i) => [`C${String(i + 1).padStart(2, "0")}`, district]);

export interface GeneratedPerson {
  employeeNo: string;
  name: string;
  title: string;
  roles: Role[];
}

/** A generated office's people: employee numbers `<code>001`…, names deterministic from `seed`. */
export function officePeople(code: string, count: number, seed: number): GeneratedPerson[] {
  const names = makeNames(count, seed);
  return names.map((name, i) => {
    const employeeNo = `${code}${String(i + 1).padStart(3, "0")}`;
    if (i === 0) return { employeeNo, name, title: "主任", roles: ["director", "staff"] };
    if (i < 3) return { employeeNo, name, title: "課長", roles: ["supervisor", "staff"] };
    if (i === 3) return { employeeNo, name, title: "課員", roles: ["staff", "committee", "chair"] };
    if (i < 7) return { employeeNo, name, title: "課員", roles: ["staff", "committee"] };
    if (i === count - 1) return { employeeNo, name, title: "課員（資訊）", roles: ["staff", "admin"] };
    return { employeeNo, name, title: i < 20 ? "課員" : i < 40 ? "戶籍員" : "約僱人員", roles: ["staff"] };
  });
}

/** Adds clerks to an office until it has `target` active people (numbers after its highest). */
export async function growOffice(db: Kysely<Database>, code: string, target: number, passwordHash: string): Promise<void> {
  const office = await db.selectFrom("offices").select("id").where("code", "=", code).executeTakeFirstOrThrow();
  const current = await db.selectFrom("users").select("employeeNo").where("officeId", "=", office.id).where("active", "=", true).execute();
  const missing = target - current.length;
  if (missing <= 0) return;
  const prefix = current[0].employeeNo.slice(0, 2);
  // Clerks are numbered below the administrator's 090.
  const highest = Math.max(...current.map((u) => Number(u.employeeNo.slice(2))).filter((n) => n < 90));
  const names = makeNames(missing + current.length, code.length * 7919 + target).slice(current.length);
  const ids = await insertBatches(
    db,
    "users",
    names.map((name, i) => ({ officeId: office.id, employeeNo: `${prefix}${String(highest + 1 + i).padStart(3, "0")}`, name, title: i % 2 ? "戶籍員" : "課員", passwordHash })),
    { returning: true },
  );
  await insertBatches(db, "userRoles", ids.map((userId) => ({ userId, officeId: office.id, role: "staff" as Role })));
}
