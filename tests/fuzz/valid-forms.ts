// Forms that the actions accept as they are (taken from the integration tests that fill them), for
// mutation fuzzing: one to three fields of a valid form replaced by a hostile value, dropped or
// repeated. A random form rarely passes every check, so without these the hostile value would
// never reach the database; with them, a NUL byte or an id beyond the integer column does.
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { userIdOf } from "../helpers/db";

export type Body = Record<string, string | string[]>;

export interface ValidForm {
  pattern: string;
  label: string;
  body: Body;
}

export async function validForms(db: Kysely<Database>, officeId: number): Promise<ValidForm[]> {
  const fb012 = String(await userIdOf(db, "FB012"));
  const fb011 = String(await userIdOf(db, "FB011"));
  return [
    {
      pattern: "/cases/new",
      label: "a case",
      body: {
        intent: "save", title: "生母外籍之非婚生子女認領", category: "acknowledgement", source: "own", sourceOffice: "", caseDate: "2024-03-05",
        facts: "生父持出生證明申請認領登記。", issue: "生母國籍法是否承認認領。", handling: "依涉外民事法律適用法辦理。",
        basisKind_0: "law", law_0: "戶籍法", article_0: "6", basisKind_1: "interpretation", issuer_1: "內政部", documentNumber_1: "台內戶字第1130123456號",
        basisDate_1: "2024-01-15", basisSummary_1: "涉外認領之準據法", lessons: "先確認生母本國法。", body: "## 補充\n- 需附中文譯本", tags: "認領、外籍配偶", reason: "",
      },
    },
    {
      pattern: "/clippings/new",
      label: "a clipping",
      body: { title: "冒用身分申辦初領身分證", outlet: "中央社", url: "https://www.cna.com.tw/news/example", publishedOn: "2026-03-15", summary: "櫃台人員比對舊照片發現冒用。", lesson: "確實比對相片影像。", tags: "身分證、冒領" },
    },
    {
      pattern: "/proposals/new",
      label: "a proposal",
      body: { intent: "draft", title: "臨櫃叫號加入預約優先號碼", category: "innovative_service", origin: "citizen_feedback", problem: "預約民眾仍須排隊。", method: "新增預約號段。", benefit: "等候縮短。", estimatedCost: "約 2 萬元", coProposerIds: [fb011] },
    },
    {
      pattern: "/training/new",
      label: "a training session",
      body: { kind: "professional", title: "戶籍登記實務研習", description: "常見錯誤解說。", instructor: "王科長", place: "二樓會議室", creditedHours: "3", capacity: "", audience: "office", date_0: "2026-12-15", start_0: "14:00", end_0: "17:00" },
    },
    {
      pattern: "/quizzes/new",
      label: "a quiz",
      body: {
        title: "測試測驗", description: "", selection: "random", ruleCategory: ["戶籍法", "", "", "", ""], ruleCount: ["5", "", "", "", ""], shuffleQuestions: "on", shuffleAnswers: "on",
        timeLimitMinutes: "20", opensDate: "2026-12-01", opensTime: "08:00", closesDate: "2026-12-20", closesTime: "", attemptsAllowed: "1", grading: "highest", passPercent: "60",
        feedbackTiming: "after_submit", audience: "office", published: "on",
      },
    },
    { pattern: "/committee/rounds/new", label: "a committee meeting", body: { title: "115年第5次研提案件審查會議", meetingDate: "2026-12-28", location: "本所3樓會議室" } },
    {
      pattern: "/admin/users/new",
      label: "a user",
      body: { employeeNo: "FZ001", name: "模糊測試", title: "課員", email: "fz001@example.gov.tw", officeId: String(officeId), roles: ["staff"], password: "Fuzz-password-2026" },
    },
    { pattern: "/admin/counters/new", label: "a counter", body: { officeId: String(officeId), number: "77", kind: "combined", label: "測試櫃台", active: "on" } },
    { pattern: "/incentives/entries", label: "an incentive entry", body: { intent: "add", userId: fb012, item: "e_payment", date: "2026-06-10", quantity: "5", points: "", rank: "", grade: "", note: "" } },
    { pattern: "/training/hours", label: "an e-learning report", body: { intent: "report", platform: "e等公務園+", course: "戶政個資保護線上課程", hours: "2", completedOn: "2026-03-15", certificateNumber: "EG-2026-0001" } },
    { pattern: "/counters/settings", label: "a case type", body: { intent: "caseType", name: "戶籍謄本", weight: "2", standardMinutes: "5", effectiveFrom: "2026-11-15" } },
  ];
}
