import { defineMessages } from "./define";

// The dashboard's knowledge and survey figures (app/modules/dashboard/sections/knowledge.server.ts,
// surveys.server.ts): a title and a definition each, the definition saying what is counted and over
// which period.
export const dashboardKnowledgeMessages = defineMessages({
  "dashboard.knowledge.newCases.title": ["新發布案例", "New knowledge-base cases"],
  "dashboard.knowledge.newCases.definition": [
    "期間內審核發布的本所知識庫案例件數（發布後已封存者仍計入）；期間內沒有發布任何案例時顯示「無資料」。",
    "Knowledge-base cases of the office published (approved) within the period, including those archived since; shown as no data when none was published in the period.",
  ],
  "dashboard.knowledge.mostRead.title": ["最多人閱讀的案例", "Most-read cases"],
  "dashboard.knowledge.mostRead.definition": [
    "本所目前已發布的案例中，期間內閱讀人數最多的前 5 件：同仁第一次或最近一次開啟該案例的時間落在期間內即計 1 人，同一人重複閱讀不重複計算，他所同仁閱讀共享案例亦計入。",
    "The office's published cases with the most readers in the period (top 5): a person counts once for a case when their first or latest opening of it falls within the period; repeat readings do not add, and readers from other offices of shared cases count.",
  ],
  "dashboard.clippings.ackRate.title": ["必閱剪報確認率", "Clipping acknowledgement rate"],
  "dashboard.clippings.ackRate.definition": [
    "完成期限落在期間內且已過期限（期限當天不算）的必閱傳閱，其傳閱對象中已對剪報最新版本按「已閱」者所占比率；每次傳閱的每位對象各計 1 人次，已離職的對象仍計入。",
    "Of the recipients of mandatory circulations whose due date falls within the period and has passed (the due day itself still counts as in time), the share who acknowledged the clipping's current version; each recipient of each circulation counts once, including people who have since left.",
  ],
  "dashboard.surveys.index.title": ["員工滿意度指數", "Staff satisfaction index"],
  "dashboard.surveys.index.definition": [
    "期間結束日以前最近一次已結束的員工滿意度調查之整體指數（各構面中回答「同意」或「非常同意」比率的平均，構面等權），並與本所前一次調查比較；回覆人數未達該次調查的顯示門檻時，為保護匿名不顯示。",
    "The overall index of the latest staff survey closed on or before the period's last day (the mean, over the sections, of the share answering agree or strongly agree), compared with the office's previous survey; withheld to protect anonymity when fewer people answered than that survey's threshold.",
  ],
  "dashboard.surveys.responseRate.title": ["滿意度調查回覆率", "Staff survey response rate"],
  "dashboard.surveys.responseRate.definition": [
    "期間結束日以前最近一次已結束的員工滿意度調查中，已送出問卷的人數占調查對象人數的比率；趨勢為最近幾次調查。",
    "In the latest staff survey closed on or before the period's last day, the share of the people asked who submitted an answer; the trend shows the latest surveys.",
  ],
});
