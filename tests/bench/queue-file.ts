// A year of 府北's queue export, as the queue system writes it (issue 8's import format), generated
// deterministically (mulberry32): every weekday counters 1–13 and 15 open with a clerk each from
// FB010–FB039, ~41 tickets a counter, ~3 % no-shows — about 150,000 lines. Used by the benches.
import { seededRandom } from "../../seeds/large/context";
import { CASE_TYPES } from "../../seeds/large/queue";

export const QUEUE_HEADER = "號碼,櫃台,承辦人員編號,承辦人姓名,案件類別,取號時間,叫號時間,開始服務時間,結束服務時間,狀態,備註";

/** The year's lines by month (without the header). */
export function queueYearLines(year = 2026): string[][] {
  const rand = seededRandom(year * 100 + 1);
  const pickType = () => {
    let x = rand() * 100;
    for (const t of CASE_TYPES) if ((x -= t[3]) < 0) return t;
    return CASE_TYPES[0];
  };
  const pad = (n: number, w = 2) => String(n).padStart(w, "0");
  const linesByMonth: string[][] = Array.from({ length: 12 }, () => []);
  let dayIndex = 0;
  for (let d = new Date(Date.UTC(year, 0, 1)); d.getUTCFullYear() === year; d.setUTCDate(d.getUTCDate() + 1)) {
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
        const ticketAt = Math.max(7.9 * 3600, t - 20 - rand() * 900);
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
  return linesByMonth;
}
