import { defineMessages } from "./define";

// The quality dashboard's proposals, incentives and counters sections (issue 9): figure and list titles
// and definitions (`dashboard.<figureId>.title|definition`). Row labels and drill-down columns are zh-TW
// text from the sections, like the other sections' tables.
export const dashboardImprovementMessages = defineMessages({
  // ---------------------------------------------------------------- proposals
  "dashboard.proposals.submitted.title": ["送出的提案", "Proposals submitted"],
  "dashboard.proposals.submitted.definition": [
    "期間內送出（含退回修正後再次送出）的創新提案件數；同一提案在期間內送出多次只算一件。期間內提案完全沒有進度時不顯示數字。",
    "Innovation proposals submitted (or resubmitted after revision) during the period; a proposal submitted several times counts once. Left empty when no proposal moved at all in the period.",
  ],
  "dashboard.proposals.adoptionRate.title": ["提案採行率", "Adoption rate"],
  "dashboard.proposals.adoptionRate.definition": [
    "期間內審查會議作成決議（本所採行、報送上級機關、列為參考、不採行）的提案中，決議「本所採行」者所占比率；決議「退回修正」的提案尚未定案，不列入。",
    "Of the proposals the committee decided during the period (adopted, forwarded to a higher authority, kept for reference, not adopted), the share adopted by the office. A return for revision is not a final decision and is not counted.",
  ],
  "dashboard.proposals.funnel.title": ["提案流程漏斗", "Proposal funnel"],
  "dashboard.proposals.funnel.definition": [
    "期間內到達各階段的提案件數（同一提案每階段只算一次）：送出、主管審核（送審查小組、退回修正或不予受理）、審查會議決議（不含退回修正）、本所採行、執行完成。依提案歷程的日期計算。",
    "Proposals reaching each stage during the period, each proposal counted once per stage: submitted, screened by a supervisor (forwarded, returned or not accepted), decided by the committee (returns excluded), adopted by the office, implemented. Dated by the proposal's timeline.",
  ],
  "dashboard.proposals.stageDays.title": ["各階段等候天數（中位數）", "Median days per stage"],
  "dashboard.proposals.stageDays.definition": [
    "期間內離開各階段的提案，在該階段停留的日曆天數之中位數（自進入該階段之日算至離開之日）；只計本所應處理的階段，提案人撤回者不計。旁註為離開該階段的件次。",
    "Median calendar days proposals spent in a stage, over the exits from that stage during the period (from the day it entered the stage to the day it left). Only stages the office acts on; withdrawals by the proposer are not counted. The note gives the number of exits.",
  ],

  // ---------------------------------------------------------------- incentives
  "dashboard.incentives.points.title": ["獎勵點數合計", "Incentive points"],
  "dashboard.incentives.points.definition": [
    "期間內（依各筆紀錄的日期）經主管核定的獎勵點數合計，依當日有效的獎勵規則與上限計分，含結算後的調整；未核定的紀錄不計。",
    "Incentive points approved by a supervisor for work dated in the period, scored with the rules and caps in force on each entry's date, adjustments after closing included; entries not approved do not count.",
  ],
  "dashboard.incentives.pendingEntries.title": ["待核定的獎勵紀錄", "Entries awaiting approval"],
  "dashboard.incentives.pendingEntries.definition": [
    "日期在期間內、仍待主管核定的獎勵紀錄筆數（核定後才計分）。",
    "Incentive entries dated in the period that still wait for a supervisor's approval (they earn points only once approved).",
  ],
  "dashboard.incentives.leaders.title": ["獎勵點數前五名", "Incentive leaders"],
  "dashboard.incentives.leaders.definition": [
    "期間積分榜點數最高的五位同仁（核定點數含調整），並列出依本所門檻建議的行政獎勵。",
    "The five staff with the most points on the period's scoreboard (approved points with adjustments), with the administrative reward the office's thresholds suggest.",
  ],

  // ---------------------------------------------------------------- counters
  "dashboard.counters.weightedWorkload.title": ["加權工作量", "Weighted workload"],
  "dashboard.counters.weightedWorkload.definition": [
    "期間內（依取號日期）各櫃台完成案件的加權件數合計：每件乘以當日有效的案件類別權重（尚未設定權重者以 1 計），含手動登錄的每日件數；未到與轉櫃的號碼不計。",
    "Weighted cases completed at the counters during the period (by ticket date): each case times its case type's weight in force that day (1 where no weight is set), hand-entered daily totals included; no-shows and transfers do not count.",
  ],
  "dashboard.counters.served.title": ["櫃台完成件數", "Cases served"],
  "dashboard.counters.served.definition": [
    "期間內（依取號日期）各櫃台完成的案件數，含手動登錄的每日件數；未到與轉櫃的號碼不計。",
    "Cases completed at the counters during the period (by ticket date), hand-entered daily totals included; no-shows and transfers do not count.",
  ],
  "dashboard.counters.ranks.title": ["櫃台績效評比前五名", "Counter ranking, top five"],
  "dashboard.counters.ranks.definition": [
    "期間櫃台績效評比綜合分數（0–100）最高的五位同仁，依本所的評比權重、最低上櫃日數與收斂設定計算；未達最低上櫃日數者不排名。",
    "The five staff with the highest composite counter score (0–100) in the period, under the office's weights, minimum staffed days and shrinkage; people below the minimum are not ranked.",
  ],
});
