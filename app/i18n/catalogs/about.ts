import { defineMessages } from "./define";

// The about page (issue 10: the page with nothing but the app shell, the benchmarks' floor).
export const aboutMessages = defineMessages({
  "about.title": ["關於本平臺", "About this portal"],
  "about.purpose": [
    "府北學習與品質管理平臺：法令測驗、教育訓練、特殊案例與剪報、創新提案、獎勵積分、櫃台績效、員工滿意度調查與品質儀表板，協助同仁學習、提升為民服務品質。",
    "The Fubei learning and quality portal: legal quizzes, training, special cases and clippings, innovation proposals, incentive points, counter performance, staff surveys and the quality dashboard — helping colleagues learn and serve citizens better.",
  ],
  "about.version": ["版本", "Version"],
  "about.help": ["操作問題請洽本所資訊管理員；帳號與權限由管理員設定。", "For help, ask your office's administrator, who also manages accounts and roles."],
  "about.stillSignedIn": ["仍在登入狀態。", "You are still signed in."],
});
