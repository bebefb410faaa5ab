import { defineMessages } from "./define";

// The home page's own messages (issue 9, "Home page for everyone"). Older home.* keys live in the
// core catalogs (zh-TW.ts, en.ts) and the modules' shared catalogs.
export const homeMessages = defineMessages({
  // Sessions I am in
  "home.sessionNext": ["下一次：", "Next: "],
  // Implementation updates due (承辦人)
  "home.implementationOverdue": ["已逾預定完成日", "Past its due date"],
  "home.implementationDueSoon": ["即將到期", "Due soon"],
  "home.implementationNoReport": ["已 {n} 天未回報進度", "No progress report for {n} days"],
  "home.implementationDue": ["預定完成：", "Due: "],
  "home.implementationProgress": ["目前進度 {percent}%", "Progress {percent}%"],
  // My numbers
  "home.myNumbers": ["我的年度概況", "My year so far"],
  "home.myHours": ["學習時數（{year}）", "Learning hours ({year})"],
  "home.myHoursAgainstTarget": ["{total} / 目標 {target} 小時，其中數位學習 {digital} / {digitalTarget} 小時", "{total} of {target} h, digital {digital} of {digitalTarget} h"],
  "home.myHoursNoTarget": ["{total} 小時，其中數位學習 {digital} 小時（本所尚未訂定年度目標）", "{total} h, digital {digital} h (no yearly target set)"],
  "home.myHoursLink": ["查看我的學習時數", "See my learning hours"],
  "home.myScores": ["最近的法令測驗成績", "My latest quiz results"],
  "home.myScore": ["得分率 {percent}%", "{percent}%"],
  "home.myScoresNone": ["尚無已繳交的法令測驗。", "No quiz submitted yet."],
  "home.myScoresLink": ["所有法令測驗", "All quizzes"],
  "home.myPoints": ["獎勵積分（{year}）", "Incentive points ({year})"],
  "home.myPointsValue": ["累計 {points} 點", "{points} points so far"],
  "home.myPointsRank": ["全所第 {rank} 名（共 {people} 人）", "Rank {rank} of {people}"],
  "home.myPointsLink": ["查看我的積分明細", "See my points"],
  // Oversight (the link names are the navigation's own: nav.dashboard, nav.yearEnd, nav.myYearEnd)
  "home.dashboardHint": ["學習、測驗、知識分享、提案、積分、櫃台與滿意度的各項指標與逾期事項。", "Learning, quizzes, knowledge sharing, proposals, points, counters and survey figures, and what is overdue."],
});
