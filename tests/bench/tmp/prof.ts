import { createDb, migrateToLatest } from "../../../db/connect";
import { seedDemo, DEMO_ACCOUNTS } from "../../../seeds/demo";
const handle = await createDb({ dataDir: "memory://" });
await migrateToLatest(handle.db);
await seedDemo(handle.db);

  const { importQueue, previewImport, rankingFor, saveCaseType } = await import("../../../app/modules/counters/counters.server");
  const { guessMapping } = await import("../../../app/modules/counters/queue-csv");
  const office = await handle.db.selectFrom("offices").select("id").where("code", "=", "FUBEI").executeTakeFirstOrThrow();
  const sup = await handle.db.selectFrom("users").select(["id", "name"]).where("employeeNo", "=", DEMO_ACCOUNTS.supervisor).executeTakeFirstOrThrow();
  const supervisor = { id: sup.id, officeId: office.id, roles: ["supervisor" as const, "staff" as const], name: sup.name, employeeNo: DEMO_ACCOUNTS.supervisor, title: "", mustChangePassword: false, officeName: "", officeKind: "district" as const, offices: [], sessionIdHash: "" };
  const types: [string, number, number, number][] = [
    ["戶籍謄本", 1, 5, 30], ["印鑑證明", 1, 5, 14], ["遷徙登記", 2.5, 12, 14], ["身分證換補", 2, 10, 12], ["自然人憑證", 1.5, 8, 10],
    ["出生登記", 3, 15, 6], ["結婚登記", 3.5, 18, 4], ["戶口名簿", 1.2, 6, 4], ["死亡登記", 3, 15, 3], ["離婚登記", 3.5, 20, 1.5], ["分(合)戶登記", 3, 14, 1.5],
  ];
  for (const [name, weight, standardMinutes] of types) await saveCaseType(handle.db, supervisor, { name, weight, standardMinutes, effectiveFrom: "2026-01-01" });
  let seed = 20260101;
  const rand = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pickType = () => {
    let x = rand() * 100;
    for (const t of types) if ((x -= t[3]) < 0) return t;
    return types[0];
  };
  const pad = (n: number, w = 2) => String(n).padStart(w, "0");
  const header = "號碼,櫃台,承辦人員編號,承辦人姓名,案件類別,取號時間,叫號時間,開始服務時間,結束服務時間,狀態,備註";
  const linesByMonth: string[][] = Array.from({ length: 12 }, () => []);
  let dayIndex = 0;
  for (let d = new Date(Date.UTC(2026, 0, 1)); d.getUTCFullYear() === 2026; d.setUTCDate(d.getUTCDate() + 1)) {
    if (d.getUTCDay() === 0 || d.getUTCDay() === 6) continue;
    const ymd = `${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}`;
    const at = (seconds: number) => `${ymd} ${pad(Math.floor(seconds / 3600))}:${pad(Math.floor(seconds / 60) % 60)}:${pad(Math.floor(seconds) % 60)}`;
    let ticket = 1;
    for (const [slot, counter] of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 15].entries()) {
      const staff = `FB${pad(10 + ((dayIndex * 5 + slot) % 30), 3)}`;
      let t = 8 * 3600 + rand() * 180;
      for (let k = 0; k < 41; k++) {
        if (t >= 12 * 3600 && t < 13.25 * 3600) t = 13.25 * 3600 + rand() * 120;
        const [caseType, , standard] = pickType();
        const wait = 20 + rand() * 900;
        const ticketAt = Math.max(7.9 * 3600, t - wait);
        const called = t - 20;
        const no = `A${pad(ticket++, 4)}`;
        if (rand() < 0.03) {
          linesByMonth[d.getUTCMonth()].push(`${no},${counter},${staff},,${caseType},${at(ticketAt)},${at(called)},,,過號,`);
          t += 60;
          continue;
        }
        const minutes = Math.max(1.5, standard * (0.6 + rand() * 0.8));
        const end = t + minutes * 60;
        linesByMonth[d.getUTCMonth()].push(`${no},${counter},${staff},,${caseType},${at(ticketAt)},${at(called)},${at(t)},${at(end)},完成,`);
        t = end + 30 + rand() * 240;
      }
    }
    dayIndex++;
  }
  const january = [header, ...linesByMonth[0]].join("\r\n");
  const year = [header, ...linesByMonth.flat()].join("\r\n");
  const yearLines = linesByMonth.reduce((s, m) => s + m.length, 0);
  const mapping = guessMapping(header.split(","));

await importQueue(handle.db, supervisor, { fileName: "2026.csv", csvText: year, mapping, mode: "all_or_nothing" });
const { sql } = await import("kysely");
let t0 = performance.now();
const a = await sql`select q.staff_user_id, q.ticket_date::text as d, array_agg(extract(epoch from q.started_at)::float8 order by q.started_at) as s, array_agg(extract(epoch from q.ended_at)::float8 order by q.started_at) as e from queue_records q where q.office_id=${office.id} and q.ticket_date between '2026-01-01' and '2026-12-31' and q.started_at is not null group by 1,2`.execute(handle.db);
console.log("intervals per staff-day", a.rows.length, (performance.now()-t0).toFixed(0), "ms");
t0 = performance.now();
const b = await sql`select q.staff_user_id, q.ticket_date::text as d, q.case_type, q.outcome, count(*) as n, sum(extract(epoch from q.ended_at - q.started_at)/60) as m from queue_records q where q.office_id=${office.id} and q.ticket_date between '2026-01-01' and '2026-12-31' group by 1,2,3,4`.execute(handle.db);
console.log("groups per staff-day-type-outcome", b.rows.length, (performance.now()-t0).toFixed(0), "ms");
t0 = performance.now();
const c = await sql`select q.staff_user_id, q.case_type, q.outcome, count(*) as n, sum(extract(epoch from q.ended_at - q.started_at)/60) as m from queue_records q where q.office_id=${office.id} and q.ticket_date between '2026-01-01' and '2026-12-31' group by 1,2,3`.execute(handle.db);
console.log("groups per staff-type-outcome", c.rows.length, (performance.now()-t0).toFixed(0), "ms");
await handle.close();
