// Innovation-proposal history (業務研提意見表, seed 服務精進機制 1.(1)(2)(4); issue 4) for one office:
// per 5 years about 500 proposals through every stage of the workflow, with the review committee's
// meetings (研提案件審查小組) that decided them.
//
// Each proposal is replayed in time through the product's own rules, and every step is checked with
// `transition` from proposal-workflow.ts as the server would (state, actor, conflict of interest,
// payload), so nothing here is a step the product would refuse:
// - its timeline (proposal_events) is what proposals.server.ts / committee.server.ts record: action,
//   from/to state, actor, reason and the same `details`; the proposal's columns follow the timeline
//   (state_entered_at = the last state change, submitted_at = the latest submission, …);
// - 提案編號 (115-007) is drawn at the first submission, in submission order per 民國 year, and
//   proposal_settings.last_number(_year) end where nextReferenceNo would have left them (numbers
//   already used in the office are skipped);
// - meetings hold the committee (ctx.committeeIds, chair first) as members with attendance; proposers
//   and co-proposers are recused by rule, other recusals are rows; the quorum is `quorum()` under the
//   office's rule; ballots follow `ballotRefusal` and score with `rubricScore`; closing stores
//   `tally` / `criterionStatistics` / `quorum` and the mean (`roundScore`) as closeRound does; an item
//   without quorum cannot be decided and is moved to the next meeting; the chair (or the acting chair
//   when the chair is recused) decides; the grade is `rewardGrade` at the effectiveness review.
// Past meetings are closed (the latest nine days ago); the next one is open for votes in advance and
// the one after it planned. Nothing happens on `ctx.to` itself (today). Notifications and audit rows are not generated.
import { sql, type Insertable } from "kysely";
import type { Database } from "../../db/schema";
import {
  ballotRefusal,
  criterionStatistics,
  DEFAULT_RUBRIC_WEIGHTS,
  quorum,
  recusedMembers,
  rubricScore,
  tally,
  type QuorumRule,
  type RubricWeights,
  type VoteChoice,
} from "../../app/modules/proposals/committee-rules";
import {
  transition,
  type ActorRelation,
  type DecisionKind,
  type EffectivenessResult,
  type ProposalAction,
  type ProposalCategory,
  type ProposalOrigin,
  type ProposalState,
} from "../../app/modules/proposals/proposal-workflow";
import { DEFAULT_GRADE_THRESHOLDS, rewardGrade, roundScore, type GradeThresholds } from "../../app/modules/proposals/reward-grade";
import { documentTerms } from "../../app/modules/search/bigrams";
import { addDays, between, daysBetween, insertBatches, isWeekday, pick, taipeiInstant, type OfficeContext, weekdayOnOrAfter } from "./context";

const PROPOSALS_PER_YEAR = 100;
/** Days between two meetings of the committee (about every two months). */
const MEETING_INTERVAL_DAYS = 61;

// ------------------------------------------------------------------------------ text banks

interface Idea {
  category: ProposalCategory;
  origins: ProposalOrigin[];
  /** {x}: one of `fill`. */
  title: string;
  problem: string;
  method: string;
  benefit: string;
  cost: string[];
  fill: string[];
  /** 執行成效檢討: before and after, {x} filled. */
  before: string;
  after: string;
}

const IDEAS: Idea[] = [
  {
    category: "innovative_service",
    origins: ["citizen_feedback", "own"],
    title: "{x}線上預約、臨櫃快速取件",
    problem: "申請{x}的民眾須與辦理登記的民眾一起排隊，尖峰時段平均等候超過二十分鐘。",
    method: "於本所網站開放{x}線上預約，民眾選定取件時段後，到所於機動櫃台核對身分即可取件，叫號系統增設「預約取件」類別。",
    benefit: "縮短等候時間，分散綜合櫃台尖峰人潮，提升為民服務滿意度。",
    cost: ["叫號系統設定由維護合約支應，無須額外經費", "約新臺幣 5,000 元（網頁表單）"],
    fill: ["戶籍謄本", "印鑑證明", "戶口名簿", "除戶謄本"],
    before: "{x}申請平均等候 21 分鐘",
    after: "預約取件平均等候 4 分鐘",
  },
  {
    category: "information_system",
    origins: ["own", "office_meeting"],
    title: "{x}與叫號系統整合",
    problem: "{x}另行人工叫號，民眾不知輪到何時，常在綜合櫃台重複抽號。",
    method: "將{x}納入叫號系統，新增號碼類別，並於等候區看板顯示。",
    benefit: "民眾免重複抽號，櫃台可掌握業務量，作為人力調配依據。",
    cost: ["約新臺幣 8,000 元（看板設定）", "由廠商維護合約支應"],
    fill: ["自然人憑證櫃台", "印鑑櫃台", "戶籍謄本櫃台", "機動櫃台"],
    before: "重複抽號每日約 30 張",
    after: "重複抽號每日約 5 張",
  },
  {
    category: "information_system",
    origins: ["news", "citizen_feedback"],
    title: "以 LINE 推播{x}辦理進度",
    problem: "{x}需函查或跨所辦理時，民眾常來電詢問進度，占用櫃台與電話人力。",
    method: "建議由民政局統一建置 LINE 官方帳號推播機制，案件狀態變更時通知申請人。",
    benefit: "減少查詢電話，提升案件透明度；全市一致建置較各所自行開發節省經費。",
    cost: ["需由上級機關評估"],
    fill: ["戶籍登記", "跨所謄本", "門牌整編", "國籍案件"],
    before: "進度查詢電話每月約 120 通",
    after: "進度查詢電話每月約 45 通",
  },
  {
    category: "method_process",
    origins: ["own", "office_meeting"],
    title: "{x}電子化追蹤表",
    problem: "{x}目前以紙本登記簿追蹤，漏辦或逾期不易發現。",
    method: "建立共用電子追蹤表，登記對象、發送日期與回覆情形，逾期三日自動標示。",
    benefit: "避免漏辦，主管可隨時查核，督導更有依據。",
    cost: ["無須經費"],
    fill: ["跨機關通報案件", "催告案件", "函查案件", "逕為登記案件"],
    before: "每季逾期未回覆約 8 件",
    after: "每季逾期未回覆約 1 件",
  },
  {
    category: "environment",
    origins: ["staff_survey", "citizen_feedback"],
    title: "等候區增設{x}",
    problem: "員工滿意度調查與民眾意見均反映，等候區缺少{x}，洽公不便。",
    method: "於等候區規劃設置{x}，並增設指引標示。",
    benefit: "提升洽公友善度與機關形象。",
    cost: ["約新臺幣 15,000 元", "約新臺幣 8,000 元", "約新臺幣 30,000 元"],
    fill: ["親子友善座位", "手機充電站", "哺集乳室指引", "無障礙書寫台", "老花眼鏡與放大鏡"],
    before: "相關民眾意見每季約 10 則",
    after: "相關民眾意見每季約 2 則",
  },
  {
    category: "registration",
    origins: ["own", "citizen_feedback"],
    title: "{x}申請書填寫範例更新",
    problem: "現行{x}填寫範例未反映法規修正後之欄位，民眾常填錯須重填。",
    method: "依現行規定重新製作填寫範例，並於櫃台與網站同步更新。",
    benefit: "減少退件重填，縮短辦理時間。",
    cost: ["印製費約新臺幣 2,000 元", "無須經費"],
    fill: ["印鑑證明", "結婚登記", "出生登記", "遷徙登記", "戶籍謄本"],
    before: "每月填寫錯誤重填約 60 件",
    after: "每月填寫錯誤重填約 15 件",
  },
  {
    category: "innovative_service",
    origins: ["own", "news"],
    title: "{x}多語應備文件說明卡",
    problem: "{x}時對應備文件常不清楚，須多次往返。",
    method: "製作越南語、印尼語、英語之應備文件說明卡，置於櫃台並放上網站。",
    benefit: "減少往返次數，展現多元友善服務。",
    cost: ["印製費約新臺幣 3,000 元"],
    fill: ["外籍配偶辦理結婚登記", "新住民辦理歸化後初設戶籍", "外籍人士辦理認領登記", "移工雇主詢問戶籍資料"],
    before: "補件往返平均 2.1 次",
    after: "補件往返平均 1.2 次",
  },
  {
    category: "method_process",
    origins: ["office_meeting", "own"],
    title: "{x}自動排班",
    problem: "每月{x}以人工排定，耗時且常需調整。",
    method: "以試算表公式依請假、機動櫃台與午休輪替規則自動排班，主管核定後公告。",
    benefit: "每月節省排班時間約 4 小時，輪值更公平。",
    cost: ["無須經費"],
    fill: ["櫃台輪值表", "午休輪替表", "假日服務輪值", "到府服務輪值"],
    before: "排班每月約 5 小時",
    after: "排班每月約 1 小時",
  },
  {
    category: "innovative_service",
    origins: ["citizen_feedback", "office_meeting"],
    title: "{x}到府服務擴大辦理",
    problem: "行動不便或高齡民眾辦理{x}須親自到所，交通不便。",
    method: "擴大到府服務對象與時段，並與里辦公處合作受理預約。",
    benefit: "落實便民，提升弱勢民眾服務可近性。",
    cost: ["公務車油資由既有預算支應"],
    fill: ["國民身分證換發", "印鑑登記", "自然人憑證申請", "戶籍登記"],
    before: "到府服務每月約 6 件",
    after: "到府服務每月約 15 件",
  },
  {
    category: "registration",
    origins: ["own"],
    title: "{x}受理檢核表",
    problem: "{x}應備文件與核對要點繁多，新進同仁易有遺漏。",
    method: "製作受理檢核表，逐項勾選核對並隨案歸檔。",
    benefit: "降低錯誤率，新進同仁上手更快。",
    cost: ["無須經費"],
    fill: ["認領登記", "收養登記", "監護登記", "改名登記", "遷出國外登記"],
    before: "每季審核退件約 12 件",
    after: "每季審核退件約 4 件",
  },
  {
    category: "environment",
    origins: ["staff_survey"],
    title: "{x}改善",
    problem: "員工滿意度調查反映{x}不佳，影響工作效率。",
    method: "盤點現況後分階段改善{x}，並於改善後再次調查。",
    benefit: "提升同仁工作環境滿意度。",
    cost: ["約新臺幣 20,000 元", "約新臺幣 45,000 元"],
    fill: ["櫃台照明", "檔案室通風", "員工休息區", "櫃台座椅"],
    before: "相關滿意度 62 分",
    after: "相關滿意度 81 分",
  },
  {
    category: "information_system",
    origins: ["own", "office_meeting"],
    title: "{x}數位化查詢",
    problem: "{x}仍以紙本調閱，查詢耗時且有遺失風險。",
    method: "將{x}掃描建檔並建立索引，供同仁線上查詢。",
    benefit: "縮短調閱時間，降低原件毀損風險。",
    cost: ["掃描外包約新臺幣 60,000 元", "由既有掃描設備辦理"],
    fill: ["門牌整編資料", "歷年函釋", "日據時期戶口調查簿索引", "特殊案例卷宗"],
    before: "平均調閱 25 分鐘",
    after: "平均查詢 3 分鐘",
  },
  {
    category: "innovative_service",
    origins: ["news", "own"],
    title: "結婚登記{x}",
    problem: "新人辦理結婚登記時希望留下紀念，現場缺少相關服務。",
    method: "規劃{x}，並於節日加強宣傳。",
    benefit: "營造溫馨服務形象，提升民眾滿意度。",
    cost: ["約新臺幣 12,000 元", "約新臺幣 6,000 元"],
    fill: ["拍照背板", "紀念卡", "特殊日期預約服務", "祝福影片"],
    before: "結婚登記滿意度 88 分",
    after: "結婚登記滿意度 95 分",
  },
  {
    category: "method_process",
    origins: ["office_meeting"],
    title: "{x}標準作業流程",
    problem: "{x}各課作法不一，民眾常反映說明不一致。",
    method: "訂定標準作業流程及常見問答，併入新進人員訓練。",
    benefit: "服務品質一致，減少民眾抱怨。",
    cost: ["無須經費"],
    fill: ["電話諮詢", "臨櫃補件", "跨所收件", "規費退費"],
    before: "每季相關抱怨約 6 則",
    after: "每季相關抱怨約 1 則",
  },

  {
    category: "innovative_service",
    origins: ["citizen_feedback", "staff_survey"],
    title: "{x}假日服務",
    problem: "上班族反映平日無法請假辦理{x}，希望有假日服務時段。",
    method: "每月擇一週六上午開放{x}服務，採預約制並由同仁輪值（補休）。",
    benefit: "照顧上班族需求，分散平日人潮。",
    cost: ["加班費由既有預算支應", "約新臺幣 10,000 元（加班費）"],
    fill: ["結婚登記", "國民身分證換發", "戶籍謄本申請", "出生登記"],
    before: "相關陳情每季約 9 則",
    after: "相關陳情每季約 2 則",
  },
  {
    category: "information_system",
    origins: ["own"],
    title: "{x}線上填表預先審核",
    problem: "民眾臨櫃辦理{x}時才發現文件不齊，須另日再來。",
    method: "於網站提供線上填表，同仁於到所前預先檢視並以簡訊提醒應備文件。",
    benefit: "減少補件往返，縮短臨櫃辦理時間。",
    cost: ["由民政局既有平台設定", "約新臺幣 20,000 元"],
    fill: ["結婚登記", "遷徙登記", "收養登記", "改名登記"],
    before: "補件率約 18%",
    after: "補件率約 7%",
  },
  {
    category: "method_process",
    origins: ["own", "office_meeting"],
    title: "{x}雙人覆核機制",
    problem: "{x}偶有登載錯誤，事後更正耗時且影響民眾權益。",
    method: "建立雙人覆核機制，由第二位同仁於登記後當日覆核並簽章。",
    benefit: "降低登載錯誤，減少更正案件。",
    cost: ["無須經費"],
    fill: ["姓名變更登記", "出生登記", "死亡登記", "門牌資料建檔"],
    before: "每年更正案件約 14 件",
    after: "每年更正案件約 3 件",
  },
  {
    category: "environment",
    origins: ["citizen_feedback"],
    title: "{x}動線改善",
    problem: "{x}動線不清，民眾常走錯櫃台或找不到服務台。",
    method: "重新規劃地面指引與懸掛標示，並於入口設置樓層配置圖。",
    benefit: "民眾快速找到櫃台，減少詢問。",
    cost: ["約新臺幣 18,000 元", "約新臺幣 9,000 元"],
    fill: ["一樓大廳", "等候區", "無障礙通道", "二樓服務台"],
    before: "服務台詢問每日約 80 次",
    after: "服務台詢問每日約 45 次",
  },
  {
    category: "registration",
    origins: ["office_meeting", "own"],
    title: "{x}常見問答手冊",
    problem: "同仁對{x}之特殊情形處理方式不一，民眾反映說明不同。",
    method: "彙整特殊案例與函釋編成常見問答手冊，並定期更新。",
    benefit: "說明一致，新進同仁易於學習。",
    cost: ["無須經費"],
    fill: ["國籍業務", "認領登記", "監護登記", "戶籍謄本申請"],
    before: "同仁自評熟悉度 65 分",
    after: "同仁自評熟悉度 85 分",
  },
  {
    category: "innovative_service",
    origins: ["news", "office_meeting"],
    title: "與{x}合作辦理行動戶政",
    problem: "偏遠或特定族群民眾到所不便，相關業務常需多次往返。",
    method: "與{x}合作，定期派員至現場受理戶籍及證件業務。",
    benefit: "主動服務，提升服務可近性與機關形象。",
    cost: ["公務車油資由既有預算支應"],
    fill: ["社區長照據點", "新住民服務中心", "轄內大學", "醫院"],
    before: "行動服務每年約 4 場",
    after: "行動服務每年約 12 場",
  },];

/** Some titles carry how the idea is to be started (試辦, 擴大…). */
const TITLE_LEADS = ["", "", "", "試辦", "推動", "精進"];

const SUPERVISOR_RETURN_REASONS = [
  "請具體說明作法（人力、流程、時程）如何執行，並估計可節省的時間。",
  "請補充預估經費之來源及計算方式。",
  "請說明與現行作業之差異及預期效益之衡量方式。",
  "問題描述請附上近期數據佐證。",
];
const SUPERVISOR_REJECT_REASONS = [
  "本案已列入明年度預算辦理，毋須以提案辦理。",
  "與本年度已採行之提案重複。",
  "未提出具體作法，不予受理。",
  "涉及中央法規修正，非本所權責，請改循建議管道反映。",
];
const FORWARD_NOTES = ["", "", "", "請審查小組優先審議。", "建議併同相關提案審議。"];
const DECISION_REASONS: Record<DecisionKind, string[]> = {
  adopted: ["委員多數贊成，由本所試辦三個月後檢討。", "多數贊成；經費請總務詢價後辦理。", "委員一致認同效益明確，請依提案內容辦理。"],
  forwarded_up: ["涉及全市資訊系統，報請民政局統一研議。", "涉及上級機關權責，報請民政局參考辦理。"],
  reference: ["構想可取，惟現階段人力不足，列為參考。", "已有類似作法，列為參考併入現行作業檢討。"],
  not_adopted: ["效益有限，不予採行。", "現行作業尚可因應，經費效益不足。", "執行可行性不足，不予採行。"],
  returned: ["請提案人補充具體執行方式後再提審查。", "請補充經費估算與效益評估後再提審查。"],
};
const BALLOT_COMMENTS = ["", "", "", "", "民眾需求明確，建議先試辦。", "請先確認人力配置。", "經費請再詢價。", "效益明確。", "建議與他所經驗比較。"];
const CONFLICT_NOTES = ["與提案人同課，自行申請迴避", "與提案內容有利害關係，自行申請迴避", "曾參與本案前期規劃，自行申請迴避"];
const ORDERED_NOTES = ["主席命其迴避：與提案廠商有業務往來"];
const PROGRESS_NOTES = ["已完成規劃，簽陳核定中。", "廠商已完成設定，測試中。", "已完成人員說明會。", "試辦中，蒐集民眾意見。", "依試辦意見調整作法。", "已完成採購。"];
const DONE_NOTES = ["已依計畫完成，改為常態作業。", "試辦運作順利。", "已全面實施。"];
const REVIEW_NOTES: Record<EffectivenessResult, string[]> = {
  achieved: ["成效良好，改為常態服務。", "達成預期效益，請持續維持。"],
  partly: ["部分達成，請持續追蹤改善。", "效益略低於預期，請調整後持續辦理。"],
  not_achieved: ["未達預期效益，檢討後停止辦理。"],
};

// ------------------------------------------------------------------------------ time

function clockOf(ctx: OfficeContext) {
  const horizon = taipeiInstant(ctx.to, 0, 0);
  const during = (day: string) => taipeiInstant(weekdayOnOrAfter(day), between(ctx.rand, 8, 16), between(ctx.rand, 0, 59), between(ctx.rand, 0, 59));
  const dayOf = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
  /** `days` days after `at` during office hours (0: a little later the same day when possible). */
  const after = (at: Date, days: number) => {
    if (days === 0) {
      const later = new Date(at.getTime() + between(ctx.rand, 5, 120) * 60_000);
      if (later.getTime() < taipeiInstant(dayOf(at), 17, 30).getTime()) return later;
      days = 1;
    }
    return during(addDays(dayOf(at), days));
  };
  const minutesAfter = (at: Date, low: number, high: number) => new Date(at.getTime() + between(ctx.rand, low, high) * 60_000 + between(ctx.rand, 0, 59) * 1000);
  return { horizon, during, after, dayOf, minutesAfter, weekdayOnOrAfter, past: (at: Date) => at.getTime() < horizon.getTime() };
}

const rocYear = (at: Date) => Number(new Intl.DateTimeFormat("en-US", { timeZone: "Asia/Taipei", year: "numeric" }).format(at)) - 1911;
const later = (a: Date, b: Date) => (a.getTime() >= b.getTime() ? a : b);

// ------------------------------------------------------------------------------ model

interface PlannedEvent {
  action: string;
  from: ProposalState;
  to: ProposalState;
  actorId: number;
  reason: string | null;
  details: Record<string, unknown>;
  /** A round named in the details ({ roundId, roundTitle }), resolved once the rounds are stored. */
  roundIndex?: number;
  at: Date;
}

interface Ballot {
  memberId: number;
  vote: VoteChoice;
  comment: string;
  scores: Record<string, number>;
  total: number | null;
  castAt: Date;
}

interface Item {
  round: number;
  proposal: Planned;
  scheduledAt: Date;
  actingChairId: number | null;
  recusals: { memberId: number; reason: "declared_conflict" | "chair_ordered"; note: string; recordedBy: number; at: Date }[];
  ballots: Ballot[];
  result: unknown;
  decision: DecisionKind | null;
  decisionReason: string | null;
  movedTo: number | null;
}

interface Round {
  meetingDate: string;
  state: "planned" | "open" | "closed";
  createdAt: Date;
  openedAt: Date | null;
  closedAt: Date | null;
  minutesApproved: Date | null;
  present: Set<number>;
  items: Item[];
  title?: string;
}

interface Planned {
  idea: Idea;
  title: string;
  category: ProposalCategory;
  origin: ProposalOrigin;
  problem: string;
  method: string;
  benefit: string;
  estimatedCost: string;
  proposerId: number;
  coProposers: number[];
  quality: number;
  state: ProposalState;
  stateEnteredAt: Date;
  createdAt: Date;
  updatedAt: Date;
  firstSubmittedAt: Date | null;
  submittedAt: Date | null;
  referenceNo: string | null;
  currentRound: number | null;
  decision: DecisionKind | null;
  decisionReason: string | null;
  documentNumber: string | null;
  decidedAt: Date | null;
  decidedBy: number | null;
  ownerId: number | null;
  dueDate: string | null;
  progressPercent: number;
  effectiveness: { result: EffectivenessResult; before: string; after: string; note: string } | null;
  reviewedAt: Date | null;
  reviewedBy: number | null;
  meanScore: number | null;
  rewardGrade: "甲" | "乙" | "丙" | null;
  events: PlannedEvent[];
  progress: { percent: number; note: string; authorId: number; at: Date }[];
}

// ------------------------------------------------------------------------------ generate

export async function generate(ctx: OfficeContext): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const result = await generateProposals({ ...ctx, db: trx });
    ctx.log(`${result.proposals} proposals (${result.events} events), ${result.rounds} meetings (${result.ballots} ballots)`);
  });
}

async function generateProposals(ctx: OfficeContext) {
  const { db, rand } = ctx;
  const clock = clockOf(ctx);

  // ---- the office's settings (ensureSettingsRow writes the defaults when the office has none)
  await db
    .insertInto("proposalSettings")
    .values({ officeId: ctx.officeId, rubricWeights: JSON.stringify(DEFAULT_RUBRIC_WEIGHTS), gradeThresholds: JSON.stringify(DEFAULT_GRADE_THRESHOLDS) })
    .onConflict((oc) => oc.column("officeId").doNothing())
    .execute();
  const settings = await db
    .selectFrom("proposalSettings")
    .select(["rubricWeights", "gradeThresholds", "quorumRule", "lastNumberYear", "lastNumber"])
    .where("officeId", "=", ctx.officeId)
    .executeTakeFirstOrThrow();
  const weights = settings.rubricWeights as RubricWeights;
  const thresholds = settings.gradeThresholds as GradeThresholds;
  const quorumRule: QuorumRule = settings.quorumRule;
  const office = await db.selectFrom("offices").select(["name", "shortName"]).where("id", "=", ctx.officeId).executeTakeFirstOrThrow();
  const officeWord = (office.shortName || office.name).replace(/(戶政事務所|戶所|所)$/u, "");
  const usedNumbers = new Set(
    (await db.selectFrom("proposals").select("referenceNo").where("officeId", "=", ctx.officeId).where("referenceNo", "is not", null).execute()).map((r) => r.referenceNo!),
  );
  const usedRoundTitles = new Set((await db.selectFrom("committeeRounds").select("title").where("officeId", "=", ctx.officeId).execute()).map((r) => r.title));

  // ---- people
  const director = ctx.directorId;
  const managers = [...new Set([...ctx.supervisorIds, director].filter((id): id is number => Boolean(id)))];
  const chairRoleIds = ctx.people.filter((p) => p.roles.includes("chair")).map((p) => p.id);
  const members = [...new Set(ctx.committeeIds)].sort((a, b) => a - b);
  const chairId = ctx.committeeIds[0] ?? null;
  const everyone = ctx.people.map((p) => p.id);
  const staff = ctx.people.filter((p) => p.id !== director && !ctx.supervisorIds.includes(p.id)).map((p) => p.id);
  // Some people propose often; supervisors now and then.
  const keen = staff.filter((_, i) => i % 5 === 2);
  const proposerPick = () => (rand() < 0.05 && ctx.supervisorIds.length ? pick(rand, ctx.supervisorIds) : rand() < 0.45 && keen.length ? pick(rand, keen) : pick(rand, staff.length ? staff : everyone));

  /** Asks the product's workflow; a refusal here is a bug in this generator. */
  const check = (p: Planned, action: ProposalAction, relations: ActorRelation[]): ProposalState => {
    const result = transition(p.state, action, relations);
    if (!result.ok) throw new Error(`proposals generator: ${action.type} refused for "${p.title}" in ${p.state}: ${result.reason}`);
    return result.next;
  };
  /** How a person relates to a proposal outside a meeting (proposals.server.ts relationsOf). */
  const relationsOf = (p: Planned, userId: number): ActorRelation[] => {
    const r: ActorRelation[] = [];
    if (p.proposerId === userId) r.push("proposer");
    if (p.coProposers.includes(userId)) r.push("co_proposer");
    if (managers.includes(userId)) r.push("supervisor");
    if (chairRoleIds.includes(userId)) r.push("chair");
    if (p.ownerId === userId) r.push("owner");
    return r.length ? r : ["other"];
  };
  const notAuthor = (p: Planned, ids: number[]) => ids.filter((id) => id !== p.proposerId && !p.coProposers.includes(id));

  // ---- the meetings: about every two months, the latest held two weeks ago (decided); the next one's
  // members already score in advance (書面審查: voting opened before the meeting day); the one after is planned.
  const rounds: Round[] = [];
  if (chairId !== null) {
    const lastHeld = lastWeekdayOnOrBefore(addDays(ctx.to, -14));
    const dates: string[] = [];
    for (let day = lastHeld; daysBetween(ctx.from, day) > 20; day = lastWeekdayOnOrBefore(addDays(day, -MEETING_INTERVAL_DAYS))) dates.unshift(day);
    for (const [k, meetingDate] of dates.entries()) {
      // Created by the chair soon after the previous meeting (the first one some weeks before it).
      const createdAt = k === 0 ? clock.during(addDays(meetingDate, -40)) : clock.during(addDays(dates[k - 1], between(rand, 1, 10)));
      const openedAt = taipeiInstant(meetingDate, 14, between(rand, 0, 15));
      // The minutes (會議紀錄) are approved some days later; owners of adopted proposals are assigned after that.
      const minutesApproved = clock.during(addDays(meetingDate, between(rand, 10, 20)));
      // Now and then too few members come: nobody may vote on anything (no quorum), the chair closes
      // the meeting and moves its agenda to the next one.
      const adjourned = k > 0 && k < dates.length - 1 && members.length >= 3 && rand() < 0.06;
      const present = adjourned ? thinAttendance() : attendance();
      rounds.push({ meetingDate, state: "closed", createdAt, openedAt, closedAt: clock.minutesAfter(openedAt, adjourned ? 10 : 60, adjourned ? 30 : 150), minutesApproved, present, items: [] });
    }
    const openMeeting = clock.weekdayOnOrAfter(addDays(ctx.to, 6));
    const openCreated = clock.during(addDays(lastHeld, between(rand, 1, 3)));
    const openedAt = clock.during(lastWeekdayOnOrBefore(addDays(ctx.to, -3)));
    rounds.push({ meetingDate: openMeeting, state: "open", createdAt: openCreated, openedAt, closedAt: null, minutesApproved: null, present: attendance(), items: [] });
    const plannedCreated = clock.during(lastWeekdayOnOrBefore(addDays(ctx.to, -1)));
    rounds.push({ meetingDate: clock.weekdayOnOrAfter(addDays(openMeeting, 56)), state: "planned", createdAt: plannedCreated, openedAt: null, closedAt: null, minutesApproved: null, present: new Set(), items: [] });
  }
  /**
   * The chair always attends (and presides); members mostly. A meeting without a quorum of the whole
   * committee is not held (流會) but postponed, so every meeting held has one; an item can still lack
   * its quorum when members are recused from it.
   */
  function attendance() {
    for (;;) {
      const present = new Set(members.filter((id) => id === chairId || rand() < 0.88));
      if (quorum({ members, present: [...present], recused: [] }, quorumRule).met) return present;
    }
  }
  /** The chair and one member short of the quorum. */
  function thinAttendance() {
    const { required } = quorum({ members, present: [], recused: [] }, quorumRule);
    const others = members.filter((id) => id !== chairId);
    return new Set([chairId!, ...others.slice(0, Math.max(0, required - 2))]);
  }
  const nextRoundFor = (forwardedAt: Date, fromRound = 0) => {
    for (let r = fromRound; r < rounds.length; r++) {
      const round = rounds[r];
      // The chair puts it on the agenda some days after forwarding, once the meeting exists, before the meeting day.
      const at = later(clock.after(forwardedAt, between(rand, 1, 10)), clock.minutesAfter(round.createdAt, 30, 240));
      // The agenda is fixed once voting opens.
      if (clock.dayOf(at) < round.meetingDate && (round.openedAt === null || at.getTime() < round.openedAt.getTime())) return { round: r, at };
    }
    return null;
  };

  // ---- the proposals, each replayed in time
  const total = Math.round(PROPOSALS_PER_YEAR * ctx.years);
  const planned: Planned[] = [];
  const lastDay = addDays(ctx.to, -1);
  for (let n = 0; n < total; n++) {
    const createdAt = clock.during(addDays(ctx.from, Math.floor(rand() * daysBetween(ctx.from, lastDay))));
    if (!clock.past(createdAt)) {
      n--;
      continue;
    }
    const idea = pick(rand, IDEAS);
    const x = pick(rand, idea.fill);
    const fill = (text: string) => text.replaceAll("{x}", x);
    const proposerId = proposerPick();
    const coProposers = rand() < 0.25 ? [...new Set(Array.from({ length: between(rand, 1, 2) }, () => pick(rand, staff.length ? staff : everyone)))].filter((id) => id !== proposerId) : [];
    const p: Planned = {
      idea,
      title: pick(rand, TITLE_LEADS) + fill(idea.title),
      category: idea.category,
      origin: pick(rand, idea.origins),
      problem: fill(idea.problem),
      method: fill(idea.method),
      benefit: fill(idea.benefit),
      estimatedCost: rand() < 0.85 ? pick(rand, idea.cost) : "",
      proposerId,
      coProposers,
      quality: 0.55 + rand() * 0.42,
      state: "draft",
      stateEnteredAt: createdAt,
      createdAt,
      updatedAt: createdAt,
      firstSubmittedAt: null,
      submittedAt: null,
      referenceNo: null,
      currentRound: null,
      decision: null,
      decisionReason: null,
      documentNumber: null,
      decidedAt: null,
      decidedBy: null,
      ownerId: null,
      dueDate: null,
      progressPercent: 0,
      effectiveness: null,
      reviewedAt: null,
      reviewedBy: null,
      meanScore: null,
      rewardGrade: null,
      events: [],
      progress: [],
    };
    planned.push(p);
    live(p, createdAt);
  }

  /** Records a step the workflow allowed, moving the proposal's own dates as moveTo would. */
  function record(p: Planned, e: Omit<PlannedEvent, "from">) {
    p.events.push({ ...e, from: p.state });
    if (e.to !== p.state) p.stateEnteredAt = e.at;
    p.state = e.to;
    p.updatedAt = e.at;
  }

  /** One proposal's life from its creation until today. */
  function live(p: Planned, createdAt: Date) {
    const proposer = p.proposerId;
    record(p, { action: "create", to: "draft", actorId: proposer, reason: null, details: { title: p.title }, at: createdAt });
    let at = createdAt;
    /** The next moment, or null when it has not happened yet (the proposal waits where it is). */
    const next = (days: number) => {
      const t = clock.after(at, days);
      return clock.past(t) ? (at = t) : null;
    };
    // Draft: a few are kept as drafts for good; some are edited before being sent.
    if (rand() < 0.03) return;
    if (rand() < 0.3) {
      if (!next(between(rand, 0, 5))) return;
      check(p, { type: "edit" }, relationsOf(p, proposer));
      record(p, { action: "edit", to: "draft", actorId: proposer, reason: null, details: {}, at });
    }
    if (!next(rand() < 0.5 ? 0 : between(rand, 1, 8))) return;
    let resubmissions = 0;
    for (;;) {
      // Submit (a returned proposal is resubmitted: same number, new submission time).
      const resubmit = p.state === "returned";
      const to = check(p, { type: "submit" }, relationsOf(p, proposer));
      p.firstSubmittedAt ??= at;
      p.submittedAt = at;
      record(p, { action: resubmit ? "resubmit" : "submit", to, actorId: proposer, reason: null, details: { referenceNo: "" }, at });
      // Withdrawn while waiting for the supervisor (rare).
      if (rand() < 0.02) {
        if (!next(between(rand, 1, 5))) return;
        record(p, { action: "withdraw", to: check(p, { type: "withdraw" }, relationsOf(p, proposer)), actorId: proposer, reason: null, details: {}, at });
        return;
      }
      // 主管審核: a supervisor (the director when the supervisors are the authors), never an author.
      const screeners = notAuthor(p, managers);
      if (screeners.length === 0) return;
      const screener = pick(rand, screeners);
      if (!next(Math.min(between(rand, 1, 6) + between(rand, 0, 6), 14))) return;
      const roll = rand();
      const screening = roll < 0.07 ? "supervisor_reject" : roll < 0.2 && resubmissions < 2 ? "supervisor_return" : "supervisor_forward";
      const reason =
        screening === "supervisor_reject" ? pick(rand, SUPERVISOR_REJECT_REASONS) : screening === "supervisor_return" ? pick(rand, SUPERVISOR_RETURN_REASONS) : pick(rand, FORWARD_NOTES) || null;
      const action: ProposalAction = screening === "supervisor_forward" ? { type: screening } : { type: screening, reason: reason! };
      record(p, { action: screening, to: check(p, action, relationsOf(p, screener)), actorId: screener, reason, details: {}, at });
      if (p.state === "rejected") return;
      if (p.state === "returned") {
        if (!reviseAfterReturn()) return;
        resubmissions++;
        continue;
      }
      // Forwarded: on the agenda of the next meeting that still takes it.
      const outcome = committee(p);
      if (outcome !== "returned") break;
      if (!reviseAfterReturn()) return;
      resubmissions++;
    }
    if (p.state !== "decided_adopted") return;
    implement(p);

    /** Returned: most revise and resubmit within weeks; some give up and withdraw. */
    function reviseAfterReturn(): boolean {
      if (rand() < 0.2) {
        if (!next(between(rand, 3, 30))) return false;
        record(p, { action: "withdraw", to: check(p, { type: "withdraw" }, relationsOf(p, proposer)), actorId: proposer, reason: null, details: {}, at });
        return false;
      }
      if (!next(between(rand, 2, 15))) return false;
      check(p, { type: "edit" }, relationsOf(p, proposer));
      record(p, { action: "edit", to: "returned", actorId: proposer, reason: null, details: {}, at });
      return Boolean(next(between(rand, 0, 2)));
    }

    /** 排入審查會議, attendance, recusals, ballots, closing, and the chair's decision. */
    function committee(p: Planned): "decided" | "returned" | "waiting" {
      let slot = nextRoundFor(at);
      let action: "schedule" | "reschedule" = "schedule";
      for (;;) {
        if (!slot || !clock.past(slot.at)) return "waiting";
        at = slot.at;
        const r = slot.round;
        const round = rounds[r];
        record(p, { action, to: check(p, { type: "schedule" }, ["chair"]), actorId: chairId!, reason: null, details: {}, roundIndex: r, at });
        const previous = p.currentRound;
        if (previous !== null) rounds[previous].items.find((i) => i.proposal === p)!.movedTo = r;
        p.currentRound = r;
        const item: Item = { round: r, proposal: p, scheduledAt: at, actingChairId: null, recusals: [], ballots: [], result: null, decision: null, decisionReason: null, movedTo: null };
        round.items.push(item);
        if (round.state === "planned") return "waiting";
        meeting(round, item);
        if (round.state === "open") return "waiting";
        if (item.result && (item.result as { quorum: { met: boolean } }).quorum.met) break;
        // No quorum for this proposal: nothing to decide; the chair moves it to the next meeting.
        slot = nextRoundFor(round.closedAt!, r + 1);
        action = "reschedule";
      }
      const round = rounds[p.currentRound!];
      const item = round.items.find((i) => i.proposal === p)!;
      const presiding = item.actingChairId ?? chairId!;
      // The decision: the same afternoon or within a few days of the meeting.
      const decidedAt = rand() < 0.7 ? clock.minutesAfter(round.closedAt!, 10, 90) : clock.after(round.closedAt!, between(rand, 1, 3));
      if (!clock.past(decidedAt)) return "waiting";
      at = decidedAt;
      const outcome = (item.result as { tally: { outcome: string } }).tally.outcome;
      const decision = decide(outcome, p);
      const reason = pick(rand, DECISION_REASONS[decision]);
      const documentNumber = decision === "forwarded_up" ? `南市${officeWord}戶字第${rocYear(at)}${String(between(rand, 1, 99999)).padStart(7, "0")}號` : null;
      const to = check(p, { type: "decide", decision, reason, documentNumber, roundClosed: true, quorumMet: true }, relationsWithChair(p, presiding));
      record(p, { action: "decide", to, actorId: presiding, reason, details: { decision, ...(documentNumber ? { documentNumber } : {}) }, at });
      p.decision = decision;
      p.decisionReason = reason;
      p.documentNumber = documentNumber;
      p.decidedAt = at;
      p.decidedBy = presiding;
      item.decision = decision;
      item.decisionReason = reason;
      // A proposal sent back for revision leaves the meeting (decideProposal clears current_round_id).
      if (decision === "returned") p.currentRound = null;
      return decision === "returned" ? "returned" : "decided";
    }
  }

  /** The presiding chair's relations while the proposal is on the agenda (the workflow adds the conflict checks). */
  function relationsWithChair(p: Planned, presiding: number): ActorRelation[] {
    const r = relationsOf(p, presiding).filter((x) => x !== "chair" && x !== "other");
    return [...r, "chair"];
  }

  /** The chair's decision, guided (not bound) by the tally. */
  function decide(outcome: string, p: Planned): DecisionKind {
    const x = rand();
    if (outcome === "採行" || outcome === "修正後採行") {
      if (x < 0.05) return "returned";
      if (x < 0.13 || (p.category === "information_system" && x < 0.3)) return p.category === "information_system" ? "forwarded_up" : "reference";
      return "adopted";
    }
    if (outcome === "不採行") return x < 0.05 ? "returned" : x < 0.2 ? "reference" : "not_adopted";
    if (outcome === "tie") return x < 0.5 ? "adopted" : x < 0.8 ? "reference" : "not_adopted";
    return "reference";
  }

  /** One item at its meeting: recusals, the acting chair, ballots, and (closed meetings) the result. */
  function meeting(round: Round, item: Item) {
    const p = item.proposal;
    const openedAt = round.openedAt!;
    // Declared conflicts and, rarely, a recusal the chair orders.
    for (const memberId of members) {
      if (memberId === p.proposerId || p.coProposers.includes(memberId)) continue;
      if (rand() < 0.03) item.recusals.push({ memberId, reason: "declared_conflict", note: pick(rand, CONFLICT_NOTES), recordedBy: memberId, at: clock.minutesAfter(openedAt, -30, -5) });
      else if (memberId !== chairId && rand() < 0.005) item.recusals.push({ memberId, reason: "chair_ordered", note: pick(rand, ORDERED_NOTES), recordedBy: chairId!, at: clock.minutesAfter(openedAt, 0, 10) });
    }
    const recused = recusedMembers({
      members,
      proposers: [p.proposerId],
      coProposers: p.coProposers,
      declaredConflicts: item.recusals.filter((r) => r.reason === "declared_conflict").map((r) => r.memberId),
      chairOrdered: item.recusals.filter((r) => r.reason === "chair_ordered").map((r) => r.memberId),
    });
    const recusedIds = new Set(recused.map((r) => r.memberId));
    const q = quorum({ members, present: [...round.present], recused }, quorumRule);
    // 代理主席: the chair sits this one out; a present, eligible member presides.
    if (recusedIds.has(chairId!)) {
      const acting = members.filter((id) => !recusedIds.has(id) && round.present.has(id) && id !== p.proposerId && !p.coProposers.includes(id));
      item.actingChairId = acting.length ? pick(rand, acting) : (members.find((id) => !recusedIds.has(id)) ?? null);
    }
    const end = round.closedAt ?? clock.horizon;
    for (const memberId of members) {
      const refusal = ballotRefusal({ roundState: "open", isMember: true, isRecused: recusedIds.has(memberId), isPresent: round.present.has(memberId), quorumMet: q.met });
      if (refusal) continue;
      // In a meeting still open, some have not voted yet.
      if (round.state === "open" && rand() < 0.4) continue;
      const castAt = new Date(openedAt.getTime() + (end.getTime() - openedAt.getTime()) * (0.1 + 0.85 * rand()));
      if (!clock.past(castAt)) continue;
      item.ballots.push(ballotOf(memberId, p.quality, castAt));
    }
    if (round.state !== "closed") return;
    // closeRound: tally, per-criterion statistics, quorum, and the mean committee score on the proposal.
    const scored = new Map(item.ballots.filter((b) => b.total !== null).map((b) => [b.memberId, b.scores]));
    const statistics = criterionStatistics(scored, weights);
    const meanScore = statistics.total.mean === null ? null : roundScore(statistics.total.mean);
    item.result = { tally: tally(item.ballots.map((b) => b.vote)), statistics, quorum: q, meanScore };
    p.meanScore = meanScore;
  }

  /** A member's ballot: scores around the proposal's quality, and a vote that follows them. */
  function ballotOf(memberId: number, quality: number, castAt: Date): Ballot {
    if (rand() < 0.03) return { memberId, vote: "棄權", comment: "", scores: {}, total: null, castAt };
    const personal = quality + (rand() - 0.5) * 0.16;
    const scores: Record<string, number> = {};
    for (const [criterion, weight] of Object.entries(weights)) {
      scores[criterion] = Math.max(0, Math.min(weight, Math.round(weight * Math.min(1, personal + (rand() - 0.5) * 0.12))));
    }
    const scored = rubricScore(scores, weights);
    if (!scored.ok) throw new Error(`proposals generator: invalid score sheet ${JSON.stringify(scores)}`);
    const t = scored.total;
    const vote: VoteChoice = t >= 78 ? (rand() < 0.8 ? "採行" : "修正後採行") : t >= 66 ? (rand() < 0.55 ? "修正後採行" : rand() < 0.6 ? "採行" : "不採行") : rand() < 0.8 ? "不採行" : "修正後採行";
    return { memberId, vote, comment: pick(rand, BALLOT_COMMENTS), scores, total: t, castAt };
  }

  /** 本所採行: an owner is assigned, reports progress, finishes; the effectiveness review grants the grade. */
  function implement(p: Planned) {
    // Owners are assigned once the meeting's minutes are approved.
    const minutes = rounds.find((r) => r.items.some((i) => i.proposal === p && i.decision === "adopted"))!.minutesApproved!;
    let at = later(p.decidedAt!, minutes);
    const next = (days: number) => {
      const t = clock.after(at, days);
      return clock.past(t) ? (at = t) : null;
    };
    const assigners = [...new Set([...managers, ...chairRoleIds])];
    if (assigners.length === 0) return;
    const assigner = pick(rand, assigners);
    // Usually within two weeks; now and then it waits for a budget or a person.
    if (!next(rand() < 0.85 ? between(rand, 0, 7) : between(rand, 15, 45))) return;
    const assign = (ownerId: number) => {
      const dueDate = addDays(clock.dayOf(at), between(rand, 60, 180));
      const to = check(p, { type: "assign_owner" }, relationsOf(p, assigner));
      p.ownerId = ownerId;
      p.dueDate = dueDate;
      record(p, { action: "assign_owner", to, actorId: assigner, reason: null, details: { ownerId, dueDate }, at });
    };
    assign(rand() < 0.5 ? p.proposerId : pick(rand, staff.length ? staff : everyone));
    const duration = between(rand, 40, 200);
    const finish = addDays(clock.dayOf(at), duration);
    let percent = 0;
    let reassigned = false;
    for (;;) {
      if (!next(between(rand, 20, 50))) return;
      if (clock.dayOf(at) >= finish) break;
      if (!reassigned && rand() < 0.05) {
        // The owner is replaced (a transfer, a leave): assign_owner again, the state does not change.
        reassigned = true;
        assign(pick(rand, (staff.length ? staff : everyone).filter((id) => id !== p.ownerId)));
        continue;
      }
      percent = Math.min(90, percent + between(rand, 15, 35));
      const note = pick(rand, PROGRESS_NOTES);
      check(p, { type: "report_progress", percent }, relationsOf(p, p.ownerId!));
      p.progress.push({ percent, note, authorId: p.ownerId!, at });
      p.progressPercent = percent;
      record(p, { action: "report_progress", to: p.state, actorId: p.ownerId!, reason: note, details: { percent }, at });
    }
    const doneNote = pick(rand, DONE_NOTES);
    const done = check(p, { type: "mark_implemented" }, relationsOf(p, p.ownerId!));
    p.progress.push({ percent: 100, note: doneNote, authorId: p.ownerId!, at });
    p.progressPercent = 100;
    record(p, { action: "mark_implemented", to: done, actorId: p.ownerId!, reason: doneNote, details: {}, at });
    // 執行成效檢討 by a supervisor or the chair who is neither an author nor the owner.
    const reviewers = notAuthor(p, [...new Set([...managers, ...chairRoleIds])]).filter((id) => id !== p.ownerId);
    if (reviewers.length === 0 || !next(between(rand, 7, 40))) return;
    const reviewer = pick(rand, reviewers);
    const x = rand();
    const result: EffectivenessResult = x < 0.7 ? "achieved" : x < 0.92 ? "partly" : "not_achieved";
    const before = fillMetric(p.idea.before, p);
    const after = result === "not_achieved" ? before : fillMetric(p.idea.after, p);
    const note = pick(rand, REVIEW_NOTES[result]);
    const to = check(p, { type: "review_effectiveness", result }, relationsOf(p, reviewer));
    // reviewEffectiveness: the grade from the deciding meeting's mean score, none when nothing was achieved.
    const grade = result === "not_achieved" ? null : rewardGrade(p.meanScore, thresholds);
    const meanText = p.meanScore === null ? null : p.meanScore.toFixed(2);
    record(p, { action: "review_effectiveness", to, actorId: reviewer, reason: note, details: { result, before, after, grade, meanScore: meanText }, at });
    p.effectiveness = { result, before, after, note };
    p.reviewedAt = at;
    p.reviewedBy = reviewer;
    p.rewardGrade = grade;
  }

  // ---- numbers: 民國 year of the first submission, in submission order, skipping numbers in use
  const bySubmission = planned.filter((p) => p.firstSubmittedAt).sort((a, b) => a.firstSubmittedAt!.getTime() - b.firstSubmittedAt!.getTime());
  const counters = new Map<number, number>();
  let lastYear = settings.lastNumberYear;
  let lastNumber = settings.lastNumber;
  for (const p of bySubmission) {
    const year = rocYear(p.firstSubmittedAt!);
    let n = counters.get(year) ?? 0;
    let referenceNo: string;
    do referenceNo = `${year}-${String(++n).padStart(3, "0")}`;
    while (usedNumbers.has(referenceNo));
    counters.set(year, n);
    p.referenceNo = referenceNo;
    for (const e of p.events) if (e.action === "submit" || e.action === "resubmit") e.details = { referenceNo };
  }
  for (const no of [...usedNumbers, ...bySubmission.map((p) => p.referenceNo!)]) {
    const [y, n] = no.split("-").map(Number);
    if (lastYear === null || y > lastYear || (y === lastYear && n > lastNumber)) [lastYear, lastNumber] = [y, n];
  }
  await db.updateTable("proposalSettings").set({ lastNumberYear: lastYear, lastNumber }).where("officeId", "=", ctx.officeId).execute();

  // ---- meetings: a meeting nobody was scheduled on never took place (openRound needs an agenda)
  const kept = rounds.filter((r) => r.items.length > 0 || r.state === "planned");
  const ordinal = new Map<number, number>();
  for (const round of kept) {
    const year = Number(round.meetingDate.slice(0, 4)) - 1911;
    let n = ordinal.get(year) ?? 0;
    do round.title = `${year}年第${++n}次研提案件審查會議`;
    while (usedRoundTitles.has(round.title));
    ordinal.set(year, n);
  }
  const location = "本所2樓會議室";
  const roundIds = await insertBatches(
    db,
    "committeeRounds",
    kept.map((r) => ({
      officeId: ctx.officeId,
      title: r.title!,
      meetingDate: r.meetingDate,
      location,
      state: r.state,
      chairId: chairId!,
      quorumRule,
      rubricWeights: JSON.stringify(weights),
      openedAt: r.openedAt,
      closedAt: r.closedAt,
      createdBy: chairId,
      createdAt: r.createdAt,
    })),
    { returning: true },
  );
  const roundId = (index: number) => roundIds[kept.indexOf(rounds[index])];
  await insertBatches(
    db,
    "roundMembers",
    kept.flatMap((r, i) => members.map((memberId) => ({ roundId: roundIds[i], memberId, present: r.state !== "planned" && r.present.has(memberId) }))),
  );

  // ---- proposals, oldest first
  planned.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  const proposalIds = await insertBatches(
    db,
    "proposals",
    planned.map(
      (p) =>
        ({
          officeId: ctx.officeId,
          referenceNo: p.referenceNo,
          proposerId: p.proposerId,
          title: p.title,
          category: p.category,
          origin: p.origin,
          problem: p.problem,
          method: p.method,
          benefit: p.benefit,
          estimatedCost: p.estimatedCost,
          state: p.state,
          stateEnteredAt: p.stateEnteredAt,
          submittedAt: p.submittedAt,
          currentRoundId: p.currentRound === null ? null : roundId(p.currentRound),
          decision: p.decision,
          decisionReason: p.decisionReason,
          documentNumber: p.documentNumber,
          decidedAt: p.decidedAt,
          decidedBy: p.decidedBy,
          ownerId: p.ownerId,
          dueDate: p.dueDate,
          progressPercent: p.progressPercent,
          effectivenessResult: p.effectiveness?.result ?? null,
          effectivenessBefore: p.effectiveness?.before ?? null,
          effectivenessAfter: p.effectiveness?.after ?? null,
          effectivenessNote: p.effectiveness?.note ?? null,
          reviewedAt: p.reviewedAt,
          reviewedBy: p.reviewedBy,
          meanScore: p.meanScore,
          rewardGrade: p.rewardGrade,
          // proposals.server.ts writeSearchVector: the document terms of title, problem, method and benefit.
          searchVector: sql`array_to_tsvector(${documentTerms([p.title, p.problem, p.method, p.benefit].join("\n"))}::text[])`,
          createdAt: p.createdAt,
          updatedAt: p.updatedAt,
        }) as unknown as Insertable<Database["proposals"]>,
    ),
    { returning: true },
  );
  const idOf = new Map(planned.map((p, i) => [p, proposalIds[i]]));
  await insertBatches(db, "proposalCoProposers", planned.flatMap((p, i) => p.coProposers.map((userId) => ({ proposalId: proposalIds[i], userId }))));
  const events = planned.flatMap((p, i) =>
    p.events.map((e) => ({
      proposalId: proposalIds[i],
      action: e.action,
      fromState: e.from,
      toState: e.to,
      actorId: e.actorId,
      reason: e.reason,
      details: JSON.stringify(e.roundIndex === undefined ? e.details : { roundId: roundId(e.roundIndex), roundTitle: rounds[e.roundIndex].title }),
      at: e.at,
    })),
  );
  await insertBatches(db, "proposalEvents", events);
  await insertBatches(db, "proposalProgress", planned.flatMap((p, i) => p.progress.map((g) => ({ proposalId: proposalIds[i], percent: g.percent, note: g.note, authorId: g.authorId, at: g.at }))));

  // ---- agendas: positions in the order the proposals were put on them
  const items = kept.flatMap((round) => [...round.items].sort((a, b) => a.scheduledAt.getTime() - b.scheduledAt.getTime()).map((item, k) => ({ item, position: k + 1 })));
  const itemIds = await insertBatches(
    db,
    "roundItems",
    items.map(({ item, position }) => ({
      roundId: roundId(item.round),
      proposalId: idOf.get(item.proposal)!,
      position,
      actingChairId: item.actingChairId,
      result: item.result === null ? null : JSON.stringify(item.result),
      decision: item.decision,
      decisionReason: item.decisionReason,
      movedToRoundId: item.movedTo === null ? null : roundId(item.movedTo),
    })),
    { returning: true },
  );
  await insertBatches(
    db,
    "roundRecusals",
    items.flatMap(({ item }, i) => item.recusals.map((r) => ({ roundItemId: itemIds[i], memberId: r.memberId, reason: r.reason, note: r.note, recordedBy: r.recordedBy, at: r.at }))),
  );
  const ballots = items.flatMap(({ item }, i) =>
    item.ballots.map((b) => ({ roundItemId: itemIds[i], memberId: b.memberId, vote: b.vote, comment: b.comment, scores: JSON.stringify(b.scores), total: b.total, castAt: b.castAt, updatedAt: b.castAt })),
  );
  await insertBatches(db, "ballots", ballots);
  return { proposals: planned.length, events: events.length, rounds: kept.length, ballots: ballots.length };

  function fillMetric(text: string, p: Planned) {
    const x = p.idea.fill.find((f) => p.title.includes(f)) ?? "";
    return text.replaceAll("{x}", x);
  }
}

function lastWeekdayOnOrBefore(day: string): string {
  while (!isWeekday(day)) day = addDays(day, -1);
  return day;
}
