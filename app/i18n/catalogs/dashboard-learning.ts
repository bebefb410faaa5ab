import { defineMessages } from "./define";

// Quality dashboard, sections "learning" (learning hours) and "quizzes" (法令測驗): each figure's title and
// its definition (what is counted, over which period), app/modules/dashboard/sections/{learning,quizzes}.server.ts.
export const dashboardLearningMessages = defineMessages({
  // ---------------------------------------------------------------- learning hours
  "dashboard.learning.onTrack.title": ["學習時數進度正常比率", "Staff on track with learning hours"],
  "dashboard.learning.onTrack.definition": [
    "本所在職同仁中，學習時數（總時數及數位學習時數）未落後年度目標進度者所占比率。時數計至所選期間結束（進行中的期間計至今日），依該期間所屬年度的目標與已過完月份比例判斷（期間結束時已過完的月份數 ÷ 12 × 目標；年度結束時為全部目標）；與學習時數總表的判斷相同。未設定年度目標或該年度尚無任何時數紀錄時不計。同仁名單以目前在職者為準。",
    "Share of the office's current staff whose learning hours (total and digital part) are not behind the yearly target. Hours count up to the end of the chosen period (today for the running period) and are judged against that year's target pro rata to the months completed by then (the whole target once the year is over), as on the hours roster. Not shown when no target is set or the year has no hour records yet. Staff are those employed now.",
  ],
  "dashboard.learning.hoursPerPerson.title": ["平均學習時數", "Learning hours per person"],
  "dashboard.learning.hoursPerPerson.definition": [
    "本所在職同仁自該年 1 月 1 日起至所選期間結束（進行中的期間計至今日）累計的學習時數（本所訓練場次出席、已認可的數位學習、已結訓的遴派訓練）的平均，以小時計；目標為本所該年度的總時數目標（全年）。該年度尚無任何時數紀錄時不計。",
    "Mean learning hours per current staff member from 1 January of the year up to the end of the chosen period (today for the running period): sessions attended, approved e-learning and completed outside training. The target is the office's total-hours target for the whole year. Not shown when the year has no hour records yet.",
  ],
  "dashboard.learning.behind.title": ["學習時數進度落後同仁", "Staff behind with learning hours"],
  "dashboard.learning.behind.definition": [
    "依上述進度規則，至所選期間結束（進行中的期間計至今日）學習時數落後年度目標進度的同仁，落後時數最多者在前；數值為已完成的總時數。",
    "Staff behind the yearly target's pace at the end of the chosen period (today for the running period), furthest behind first; the value is the hours done so far.",
  ],

  // ---------------------------------------------------------------- quizzes
  "dashboard.quizzes.participation.title": ["法令測驗參與率", "Quiz participation"],
  "dashboard.quizzes.participation.definition": [
    "截止日（未設截止者以開放日）在所選期間內、且已開放的已發布法令測驗，其應考同仁（依測驗對象：全所、指定角色或指定人員，以目前在職者為準）中已繳交作答者所占比率；每人每次測驗計一次。進行中的測驗計至今日。",
    "Of the people each published quiz is meant for (the whole office, some roles or named people; current staff), the share who submitted it; quizzes that have opened and close (or, without a closing time, open) within the chosen period; one count per person per quiz. A quiz still open counts up to today.",
  ],
  "dashboard.quizzes.meanScore.title": ["法令測驗平均分數", "Mean quiz score"],
  "dashboard.quizzes.meanScore.definition": [
    "截止日在所選期間內的已發布法令測驗中，每人每次測驗依計分方式採計一次成績（最高分或最後一次），所有採計成績的平均（百分制）；自我練習不計。",
    "Mean score (out of 100) over one result per person per published quiz closing within the chosen period, the attempt the quiz's grading counts (highest or last); practice never counts.",
  ],
  "dashboard.quizzes.passRate.title": ["法令測驗及格率", "Quiz pass rate"],
  "dashboard.quizzes.passRate.definition": [
    "截止日在所選期間內的已發布法令測驗作答中，及格者所占比率；每人每次測驗取計分方式採計的那次，達該測驗及格分數即為及格；自我練習不計。",
    "Share of passes among the results of published quizzes closing within the chosen period: one result per person per quiz, the attempt the quiz's grading counts, passing at the quiz's pass mark; practice never counts.",
  ],
  "dashboard.quizzes.weakestTopics.title": ["答對率最低的題目類別", "Weakest quiz topics"],
  "dashboard.quizzes.weakestTopics.definition": [
    "截止日在所選期間內的已發布法令測驗，所有已繳交作答的每一題（自我練習不計），依題庫類別計算得分占配分的比率，最低者在前；作答題次未滿 10 的類別不列入。",
    "Topics (question-bank categories) by the share of marks earned on every answered item of every submitted attempt of the published quizzes closing within the chosen period, weakest first; practice never counts; categories with fewer than 10 answered items are left out.",
  ],
});
