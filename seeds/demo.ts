// The demo seed: 臺南市府北戶政事務所 as the seed plan describes it (13 regular + 1 mobile combined
// counters, 1 自然人憑證 counter; a four-member review committee with a chair), a second district
// office so office scoping is visible, and the city bureau. Deterministic: the same names, numbers
// and roles on every run (only the password hash's random salt differs).
import type { Kysely } from "kysely";
import { hash } from "@node-rs/argon2";
import type { CounterKind, Database, Role } from "../db/schema";
import { seedDemoProposals } from "./demo-proposals";
import { seedDemoTraining } from "./demo-training";
import { seedDemoKnowledge } from "./demo-knowledge";
import { seedDemoQuizzes } from "./demo-quizzes";
import { seedQuizBanks } from "./quiz-banks";

export const DEMO_PASSWORD = "Fubei-demo-2026";

/** One account per role, listed in README.md. */
export const DEMO_ACCOUNTS = {
  director: "FB001",
  supervisor: "FB002",
  chair: "FB004",
  committee: "FB005",
  staff: "FB010",
  admin: "FB090",
  bureau: "MA001",
  cityAdmin: "MA002",
  otherOfficeAdmin: "DQ090",
  otherOfficeStaff: "DQ010",
} as const;

interface SeedPerson {
  employeeNo: string;
  name: string;
  title: string;
  roles: Role[];
}

// A small deterministic generator (mulberry32) so names look varied but never change between runs.
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES = "陳林黃張李王吳劉蔡楊許鄭謝郭洪曾邱廖賴周徐蘇葉莊呂江何蕭羅高潘簡朱鍾彭游詹胡施沈余盧梁趙顏柯翁魏孫戴".split("");
const GIVEN = "怡君淑芬雅婷家豪志明俊傑美玲建宏詩涵宗翰佳穎冠宇欣怡承恩雅雯宜蓁柏翰郁婷彥廷思妤育誠品妍哲瑋筱涵俊宏淑惠秀英文雄麗華國榮惠雯明哲靜宜信宏佩珊易軒心怡".match(/../g)!;

export function makeNames(count: number, seed: number): string[] {
  const next = random(seed);
  const names = new Set<string>();
  while (names.size < count) {
    const surname = SURNAMES[Math.floor(next() * SURNAMES.length)];
    const given = GIVEN[Math.floor(next() * GIVEN.length)];
    names.add(surname + given);
  }
  return [...names];
}

function fubeiPeople(): SeedPerson[] {
  const names = makeNames(45, 115);
  const people: SeedPerson[] = [
    { employeeNo: "FB001", name: names[0], title: "主任", roles: ["director", "staff"] },
    { employeeNo: "FB002", name: names[1], title: "課長", roles: ["supervisor", "staff"] },
    { employeeNo: "FB003", name: names[2], title: "課長", roles: ["supervisor", "staff"] },
    // 研提案件審查小組: a chair and three members.
    { employeeNo: "FB004", name: names[3], title: "課員", roles: ["staff", "committee", "chair"] },
    { employeeNo: "FB005", name: names[4], title: "課員", roles: ["staff", "committee"] },
    { employeeNo: "FB006", name: names[5], title: "戶籍員", roles: ["staff", "committee"] },
    { employeeNo: "FB007", name: names[6], title: "課員", roles: ["staff", "committee"] },
  ];
  // The rest: 課員, 戶籍員 and 約僱人員, about the proportions of a district office.
  for (let i = 7; i < 44; i++) {
    const title = i < 20 ? "課員" : i < 36 ? "戶籍員" : "約僱人員";
    people.push({ employeeNo: `FB${String(i + 3).padStart(3, "0")}`, name: names[i], title, roles: ["staff"] });
  }
  people.push({ employeeNo: "FB090", name: names[44], title: "課員（資訊）", roles: ["staff", "admin"] });
  return people;
}

function dongquPeople(): SeedPerson[] {
  const names = makeNames(10, 704);
  return [
    { employeeNo: "DQ001", name: names[0], title: "主任", roles: ["director", "staff"] },
    { employeeNo: "DQ002", name: names[1], title: "課長", roles: ["supervisor", "staff"] },
    ...names.slice(2, 9).map((name, i) => ({
      employeeNo: `DQ${String(i + 10).padStart(3, "0")}`,
      name,
      title: i < 4 ? "課員" : "戶籍員",
      roles: ["staff"] as Role[],
    })),
    { employeeNo: "DQ090", name: names[9], title: "課員（資訊）", roles: ["staff", "admin"] },
  ];
}

function bureauPeople(): SeedPerson[] {
  const names = makeNames(2, 1);
  return [
    { employeeNo: "MA001", name: names[0], title: "民政局科員", roles: ["bureau"] },
    { employeeNo: "MA002", name: names[1], title: "民政局資訊管理員", roles: ["admin", "bureau"] },
  ];
}

export async function seedDemo(db: Kysely<Database>): Promise<{ users: number }> {
  const result = await seedPeople(db);
  await seedQuizBanks(db);
  await seedDemoQuizzes(db);
  await seedDemoProposals(db);
  await seedDemoTraining(db);
  await seedDemoKnowledge(db);
  return result;
}

async function seedPeople(db: Kysely<Database>): Promise<{ users: number }> {
  // One hash for every demo account: argon2 is slow on purpose, and the demo password is public anyway.
  const passwordHash = await hash(DEMO_PASSWORD);
  return db.transaction().execute(async (trx) => {
    const offices = [
      { code: "TNCAB", name: "臺南市政府民政局", shortName: "民政局", kind: "bureau" as const, people: bureauPeople(), counters: [] as [number, CounterKind][] },
      {
        code: "FUBEI",
        name: "臺南市府北戶政事務所",
        shortName: "府北戶所",
        kind: "district" as const,
        people: fubeiPeople(),
        counters: [
          ...Array.from({ length: 13 }, (_, i) => [i + 1, "combined"] as [number, CounterKind]),
          [14, "mobile"],
          [15, "citizen_certificate"],
        ] as [number, CounterKind][],
      },
      {
        code: "DONGQU",
        name: "臺南市東區戶政事務所",
        shortName: "東區戶所",
        kind: "district" as const,
        people: dongquPeople(),
        counters: [...Array.from({ length: 6 }, (_, i) => [i + 1, "combined"] as [number, CounterKind]), [7, "citizen_certificate"]] as [number, CounterKind][],
      },
    ];
    let users = 0;
    for (const office of offices) {
      const { id: officeId } = await trx
        .insertInto("offices")
        .values({ code: office.code, name: office.name, shortName: office.shortName, kind: office.kind })
        .returning("id")
        .executeTakeFirstOrThrow();
      for (const person of office.people) {
        const { id: userId } = await trx
          .insertInto("users")
          .values({ officeId, employeeNo: person.employeeNo, name: person.name, title: person.title, passwordHash })
          .returning("id")
          .executeTakeFirstOrThrow();
        await trx.insertInto("userRoles").values(person.roles.map((role) => ({ userId, officeId, role }))).execute();
        users++;
      }
      if (office.counters.length) {
        await trx
          .insertInto("counters")
          .values(
            office.counters.map(([number, kind]) => ({
              officeId,
              number,
              kind,
              label: kind === "mobile" ? "機動綜合櫃台" : kind === "citizen_certificate" ? "自然人憑證櫃台" : null,
            })),
          )
          .execute();
      }
    }
    await trx.insertInto("auditLog").values({ actorUserId: null, officeId: null, action: "seed.demo", entityType: "system", entityId: null, after: JSON.stringify({ users }) }).execute();
    return { users };
  });
}

export async function seedDemoIfEmpty(db: Kysely<Database>): Promise<{ users: number } | null> {
  const any = await db.selectFrom("offices").select("id").limit(1).executeTakeFirst();
  if (any) return null;
  return seedDemo(db);
}
