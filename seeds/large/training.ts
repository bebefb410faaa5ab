// Large-data generator, training (教育訓練; issue 5, seed 基礎服務 3.(1) and 服務友善 5): one office's
// sessions, enrolments with their status history, e-learning records, outside training (遴派) and the
// yearly targets over [ctx.from, ctx.to].
//
// Per year (5 years ≈ 300 sessions): a 法令測驗逐題解說 every month, two required whole-office sessions
// (the year's 戶籍法規修正重點 and 電話禮儀) and one required for four newcomers by name, 22 optional
// 專業教育訓練 (some in small rooms with a capacity, so they fill up and keep a waitlist), 10 經驗分享座談,
// 10 seats at outside courses that need a supervisor's approval, one class for supervisors only (an
// audience by role), a 電話禮貌 follow-up, and about one cancelled session a year. Sessions up to five
// weeks ahead exist already, with their bookings. Each person also reports e-learning (the digital part
// of the target), and a few are nominated to outside courses (遴派).
//
// Every enrolment's life is simulated with the module's own pure rules (enrolment.ts: decideSignUp,
// decideApproval, decideCancellation with its promotions, autoEnrolments, decideAttendance,
// cancellationsForCancelledSession), in time order, so the stored statuses, `since`, the waitlist
// order and the history rows are exactly those the commands would have written. Who signs up is
// weighted by how far each person still is from their own yearly appetite for sessions, so the hours
// roster ends most people near the office's target (20 hours, 5 of them digital: the demo's) and a
// few well behind. Notifications and audit rows are not generated for history.
import type { Insertable } from "kysely";
import type { ElearningRecordsTable, TrainingNominationsTable } from "../../db/schema";
import {
  applyChanges,
  autoEnrolments,
  cancellationsForCancelledSession,
  decideApproval,
  decideAttendance,
  decideCancellation,
  decideSignUp,
  type AttendanceMark,
  type Enrolment,
  type EnrolmentChange,
  type EnrolmentSession,
  type Person,
} from "../../app/modules/training/enrolment";
import type { SessionKind } from "../../app/modules/training/session";
import type { SessionInput } from "../../app/modules/training/training.server";
import { addDays, between, insertBatches, isWeekday, pick, randomDay, taipeiInstant, type OfficeContext, weekdayOnOrAfter, shuffled } from "./context";

/** The office's yearly target, as the demo sets it (20 hours, 5 of them digital learning). */
const TARGET = { totalHours: 20, digitalHours: 5 };
/** Sessions are planned this far ahead of today (the calendar and "my sessions" show them). */
const PLANNED_AHEAD_DAYS = 35;
const HOUR = 3_600_000;
const DAY = 86_400_000;

const STAFF_ROLES = ["staff", "committee", "chair", "supervisor", "director"];

// ------------------------------------------------------------------------------ catalogue

interface CourseIdea {
  title: string;
  description: string;
  instructor: string;
  hours: 2 | 3;
  /** A hands-on class in a small room: it fills up and keeps a waitlist. */
  smallRoom?: boolean;
  material?: { label: string; url: string };
}

const PROFESSIONAL: readonly CourseIdea[] = [
  { title: "戶籍登記實務研習", description: "出生、結婚、離婚、遷徙登記常見疑義與案例研討。", instructor: "戶籍課 課長", hours: 3 },
  { title: "國籍與歸化業務研習", description: "歸化、喪失及回復國籍之要件與應備文件。", instructor: "內政部戶政司 專員", hours: 2 },
  { title: "個人資料保護實務研習", description: "戶籍資料查詢、提供與利用之個資保護要求。", instructor: "法制室 專員", hours: 3, material: { label: "個人資料保護法（全國法規資料庫）", url: "https://law.moj.gov.tw/" } },
  { title: "資通安全教育訓練", description: "社交工程演練檢討、密碼與可攜式媒體管理。", instructor: "資訊室 工程師", hours: 3 },
  { title: "印鑑登記作業研習", description: "印鑑登記、變更、廢止及印鑑證明核發之審查要點。", instructor: "戶籍課 課長", hours: 2 },
  { title: "戶役政資訊系統操作訓練", description: "新版作業畫面實機操作，請攜帶自然人憑證。", instructor: "資訊室 工程師", hours: 3, smallRoom: true },
  { title: "國民身分證換發作業說明", description: "換發、補發作業流程與相片規格審核。", instructor: "內政部戶政司 科員", hours: 2 },
  { title: "新住民業務研習", description: "外籍配偶初設戶籍、歸化前後之戶籍登記。", instructor: "移民署 專員", hours: 2 },
  { title: "收養及認領登記實務", description: "法院裁定收養、認領登記之審查與戶籍記事。", instructor: "民政局戶政科 股長", hours: 2 },
  { title: "死亡及死亡宣告登記實務", description: "死亡登記逾期催告、死亡宣告登記之作業。", instructor: "戶籍課 課員", hours: 2 },
  { title: "姓名及更改姓名實務", description: "更改姓名要件、原住民族傳統名字之登記。", instructor: "戶籍課 課長", hours: 2 },
  { title: "公文寫作與檔案管理", description: "簡化公文用語、電子公文與檔案歸檔。", instructor: "外聘講師 黃老師", hours: 3 },
  { title: "性別主流化研習", description: "性別平等觀念與性別影響評估。", instructor: "外聘講師 吳老師", hours: 2 },
  { title: "廉政與公務倫理講習", description: "公務員廉政倫理規範、利益衝突迴避案例。", instructor: "政風室 主任", hours: 2 },
  { title: "CPR 及 AED 急救訓練", description: "心肺復甦術與自動體外心臟電擊去顫器實作。", instructor: "消防局 救護隊員", hours: 3, smallRoom: true },
  { title: "人權兩公約教育訓練", description: "公民與政治權利國際公約、經濟社會文化權利國際公約與戶政業務。", instructor: "法制室 專員", hours: 2 },
  { title: "原住民族身分及民族別登記實務", description: "原住民身分取得、喪失與民族別登記。", instructor: "民政局戶政科 股長", hours: 2 },
  { title: "戶籍謄本核發及申請資格審查", description: "利害關係人申請謄本之資格認定與案例。", instructor: "戶籍課 課長", hours: 2 },
  { title: "跨機關通報作業說明", description: "戶政與社政、衛政、警政之通報流程與時限。", instructor: "民政局戶政科 科員", hours: 2 },
  { title: "自然人憑證及行動身分識別說明", description: "憑證申辦、展期與行動身分識別作業。", instructor: "內政部 資訊中心 工程師", hours: 2, smallRoom: true },
  { title: "Excel 資料處理實作", description: "樞紐分析與函數應用，整理每月業務統計。", instructor: "資訊室 工程師", hours: 3, smallRoom: true },
  { title: "情緒管理與壓力調適", description: "櫃台服務情緒勞務與紓壓技巧。", instructor: "外聘講師 陳老師", hours: 2 },
];

const SHARING: readonly string[] = [
  "跨機關通報經驗分享座談",
  "櫃台服務經驗分享座談",
  "為民服務案例分享座談",
  "疑難案件研討會",
  "行動服務經驗分享座談",
  "新進同仁經驗傳承座談",
  "民眾抱怨案件處理經驗分享",
  "年終為民服務經驗分享座談",
];

const OUTSIDE_SEATS: readonly { title: string; organiser: string; place: string }[] = [
  { title: "戶政人員專業訓練班", organiser: "內政部戶政司", place: "內政部戶政司 訓練教室" },
  { title: "戶政業務研習班", organiser: "臺南市政府民政局", place: "臺南市政府永華市政中心" },
  { title: "地方行政研習：行政管理", organiser: "地方行政研習中心", place: "地方行政研習中心（南投）" },
  { title: "公務人員專業研習", organiser: "國家文官學院", place: "國家文官學院 中區培訓中心" },
  { title: "數位治理與資料應用研習", organiser: "臺南市政府公務人力發展中心", place: "臺南市公務人力發展中心" },
  { title: "為民服務品質研習營", organiser: "臺南市政府研考會", place: "臺南市政府民治市政中心" },
];

const OUTSIDE_COURSES: readonly { course: string; organiser: string }[] = [
  { course: "戶政人員專業訓練班", organiser: "內政部戶政司" },
  { course: "新住民業務研習", organiser: "臺南市政府民政局" },
  { course: "戶籍行政法制研習", organiser: "內政部戶政司" },
  { course: "中階主管領導研習班", organiser: "國家文官學院" },
  { course: "公文製作與法制作業研習", organiser: "地方行政研習中心" },
  { course: "國土計畫與人口統計研習", organiser: "內政部" },
];

const ELEARNING_COURSES: readonly string[] = [
  "性別主流化",
  "個人資料保護法概論",
  "資通安全通識",
  "公務倫理",
  "政府採購法概要",
  "身心障礙者權利公約",
  "兒童權利公約",
  "人權教育",
  "環境教育",
  "行政中立",
  "廉政與反貪",
  "消除對婦女一切形式歧視公約",
  "憲法與民主法治",
  "數位轉型與 AI 應用入門",
  "生命教育與心理健康",
];

/** Platform, the certificate number's prefix. */
const PLATFORMS: readonly [string, string][] = [
  ["e等公務園+學習平臺", "EA"],
  ["e等公務園+學習平臺", "EA"],
  ["e等公務園+學習平臺", "EA"],
  ["臺北e大數位學習網", "TPE"],
  ["地方行政研習中心 e學中心", "LA"],
];

const RETURN_REASONS = [
  "證書字號與證書影本不符，請重新確認。",
  "時數與證書記載不符，請更正後再送。",
  "完成日期有誤，請依證書日期更正。",
];

const DECLINE_REASONS = [
  "本次名額優先給承辦相關業務的同仁。",
  "研習期間櫃台人力不足，請改報下一梯次。",
  "本年度已參加同類研習，請讓其他同仁優先。",
];

const CANCEL_REASONS = ["講師臨時有事，另擇期辦理。", "配合颱風停班停課，本場次取消。", "場地臨時無法使用，延後辦理。", "報名人數不足，本場次取消。"];

const ROOMS = ["本所2樓會議室", "本所2樓會議室", "本所3樓簡報室"];
const COMPUTER_ROOM = "本所3樓電腦教室";

// ------------------------------------------------------------------------------ plans

/** A session as the product's form takes it (SessionInput), with how the generator plays it out. */
interface Plan extends SessionInput {
  /** How many volunteers sign up (requests, for an approval-required session). */
  signUps: number;
  createdAt: Date;
  createdBy: number;
  /** When a supervisor cancels it (before it starts), or null. */
  cancelledAt: Date | null;
  cancelReason: string | null;
}

interface HistoryRow {
  fromStatus: string | null;
  toStatus: string;
  event: string;
  hours: number | null;
  reason: string | null;
  actorId: number;
  at: Date;
}

/** An enrolment as it ends up, with the history that got it there. */
interface EnrolmentOut {
  sessionIndex: number;
  state: Enrolment;
  history: HistoryRow[];
}

export async function generate(ctx: OfficeContext): Promise<void> {
  const { rand } = ctx;
  // Everything generated happened before today began (Taipei): the product's own clock then sees
  // sessions from today on as upcoming or running, never as already marked.
  const cutoff = taipeiInstant(ctx.to, 0);
  const trainees = ctx.people.filter((p) => p.roles.some((r) => STAFF_ROLES.includes(r)));
  const people: Person[] = trainees.map((p) => ({ id: p.id, officeId: ctx.officeId, roles: p.roles }));
  const managers = [ctx.directorId, ...ctx.supervisorIds].filter((id): id is number => typeof id === "number");
  const leaders = trainees.filter((p) => p.roles.includes("supervisor") || p.roles.includes("director")).map((p) => p.id);
  if (trainees.length === 0 || managers.length === 0) {
    ctx.log("no staff or no supervisor: nothing generated");
    return;
  }
  /** A supervisor or the director other than `userId` (nobody reviews their own record). */
  const managerOtherThan = (userId: number) => {
    const others = managers.filter((m) => m !== userId);
    return pick(rand, others.length ? others : managers);
  };
  /** A moment during office hours on a day. */
  const officeTime = (day: string, from = 8, to = 17) => taipeiInstant(day, between(rand, from, to - 1), between(rand, 0, 59), between(rand, 0, 59));
  const dayOf = (instant: Date) => new Date(instant.getTime() + 8 * HOUR).toISOString().slice(0, 10);

  // Each person's appetite for sessions (hours a year beyond the required ones) and for e-learning.
  // Most want about the target; a few do little, which is who the roster shows as behind.
  const appetite = new Map<number, number>();
  const digitalAppetite = new Map<number, number>();
  for (const p of trainees) {
    const r = rand();
    appetite.set(p.id, r < 0.05 ? 0.3 : r < 0.1 ? 0.7 : r > 0.92 ? 1.4 : 0.95 + rand() * 0.3);
    digitalAppetite.set(p.id, rand() < 0.05 ? 0.35 : 1 + rand() * 0.2);
  }
  /** Hours each person got from optional sessions so far, per year: who still needs hours signs up first. */
  const creditedSoFar = new Map<string, number>();
  const SESSION_HOURS_WANTED = 14;

  const fromYear = Number(ctx.from.slice(0, 4));
  const lastPlannedDay = addDays(ctx.to, PLANNED_AHEAD_DAYS);
  const toYear = Number(lastPlannedDay.slice(0, 4));

  // ---------------------------------------------------------------- the year's programme
  const plans: Plan[] = [];
  const base = (kind: SessionKind, title: string, hours: number, dates: { startsAt: Date; endsAt: Date }[]): Plan => ({
    kind,
    title,
    description: "",
    instructor: "",
    place: pick(rand, ROOMS),
    creditedHours: hours,
    capacity: null,
    required: false,
    approvalRequired: false,
    audienceWholeOffice: true,
    audienceRoles: [],
    audienceUserIds: [],
    materials: [],
    dates,
    signUps: 0,
    createdAt: new Date(0),
    createdBy: pick(rand, managers),
    cancelledAt: null,
    cancelReason: null,
  });
  const oneDate = (day: string, hour: number, hours: number, minute = 0) => {
    const startsAt = taipeiInstant(day, hour, minute);
    return [{ startsAt, endsAt: new Date(startsAt.getTime() + hours * HOUR) }];
  };
  const dayIn = (year: number, fromMonth: number, toMonth: number) =>
    randomDay(rand, `${year}-${String(fromMonth).padStart(2, "0")}-05`, `${year}-${String(toMonth).padStart(2, "0")}-${toMonth === 12 ? "20" : "25"}`);

  for (let year = fromYear; year <= toYear; year++) {
    const roc = year - 1911;
    // 法令測驗逐題解說: once a month, an hour after the monthly law quiz.
    for (let month = 1; month <= 12; month++) {
      const day = randomDay(rand, `${year}-${String(month).padStart(2, "0")}-12`, `${year}-${String(month).padStart(2, "0")}-24`);
      const plan = base("law_quiz_review", `${month}月份法令測驗逐題解說`, 1, oneDate(day, 16, 1));
      plan.instructor = pick(rand, ["戶籍課 課長", "本所課長", "戶籍課 資深課員"]);
      plan.description = "逐題說明本月法令測驗的答案與法令依據，未參加測驗的同仁也歡迎參加。";
      plan.signUps = between(rand, 4, 9);
      plans.push(plan);
    }
    // Required for the whole office: the year's law changes (Q1) and telephone etiquette (Q3).
    {
      const plan = base("professional", `${roc}年度戶籍法規修正重點說明`, 3, oneDate(dayIn(year, 2, 3), 14, 3));
      plan.required = true;
      plan.instructor = "民政局戶政科 科長";
      plan.place = "本所2樓會議室";
      plan.description = "說明本年度戶籍法及施行細則修正條文、應備文件變更與常見疑義。";
      plan.materials = [{ label: "修正條文對照表（全國法規資料庫）", url: "https://law.moj.gov.tw/" }];
      plans.push(plan);
    }
    {
      const plan = base("phone_etiquette", "電話禮儀與應對技巧訓練", 2, oneDate(dayIn(year, 8, 9), 9, 2));
      plan.required = true;
      plan.instructor = "外聘講師 陳老師";
      plan.description = "配合電話禮貌測試，演練接聽、轉接與抱怨電話的應對。";
      plans.push(plan);
    }
    // 專業教育訓練 (optional).
    for (let i = 0; i < 22; i++) {
      const idea = pick(rand, PROFESSIONAL);
      const day = dayIn(year, 1, 12);
      const twoDays = idea.hours === 3 && rand() < 0.08;
      const startHour = idea.hours === 3 ? pick(rand, [9, 14]) : pick(rand, [10, 14, 15]);
      const dates = twoDays ? [...oneDate(day, 14, 3), ...oneDate(weekdayOnOrAfter(addDays(day, 1)), 14, 3)] : oneDate(day, startHour, idea.hours);
      const plan = base("professional", twoDays ? `${idea.title}（二日班）` : idea.title, twoDays ? 6 : idea.hours, dates);
      plan.description = idea.description;
      plan.instructor = idea.instructor;
      if (idea.material) plan.materials = [idea.material];
      if (idea.smallRoom) {
        plan.capacity = pick(rand, [8, 10, 12]);
        plan.place = COMPUTER_ROOM;
        // Popular: more volunteers than seats, so the last ones wait.
        plan.signUps = between(rand, plan.capacity - 3, plan.capacity + 4);
      } else {
        plan.capacity = rand() < 0.3 ? pick(rand, [15, 20]) : null;
        plan.signUps = between(rand, 3, 8);
      }
      plans.push(plan);
    }
    // 經驗分享座談.
    for (let i = 0; i < 10; i++) {
      const title = i === 9 ? "年終為民服務經驗分享座談" : pick(rand, SHARING.slice(0, -1));
      const day = i === 9 ? randomDay(rand, `${year}-12-08`, `${year}-12-20`) : dayIn(year, 1, 11);
      const plan = base("experience_sharing", title, 2, oneDate(day, 15, 2));
      plan.instructor = pick(rand, ["戶籍課 課長", "本所主任", "資深同仁"]);
      plan.capacity = rand() < 0.4 ? 20 : null;
      plan.signUps = between(rand, 3, 8);
      plans.push(plan);
    }
    // Seats at outside courses: the supervisor approves each request.
    for (let i = 0; i < 10; i++) {
      const seat = pick(rand, OUTSIDE_SEATS);
      const day = dayIn(year, 1, 12);
      const twoDays = rand() < 0.2;
      const dates = twoDays ? [...oneDate(day, 9, 7), ...oneDate(weekdayOnOrAfter(addDays(day, 1)), 9, 7)] : oneDate(day, 9, 7);
      const plan = base("external", seat.title, twoDays ? 12 : 6, dates);
      plan.instructor = seat.organiser;
      plan.place = seat.place;
      plan.description = `${seat.organiser}辦理，本所名額有限，報名須經主管核可。`;
      plan.approvalRequired = true;
      plan.capacity = between(rand, 1, 3);
      plan.signUps = between(rand, plan.capacity - 1, plan.capacity + 2);
      plans.push(plan);
    }
    // For supervisors only (an audience by role).
    if (leaders.length) {
      const plan = base("professional", "主管領導與溝通研習", 3, oneDate(dayIn(year, 4, 10), 14, 3));
      plan.instructor = "外聘講師 林老師";
      plan.description = "團隊領導、績效面談與跨課室溝通。";
      plan.audienceWholeOffice = false;
      plan.audienceRoles = ["supervisor", "director"];
      plan.signUps = leaders.length;
      plans.push(plan);
    }
    // For the newest colleagues, named one by one (an audience of people), and required for them.
    {
      const clerks = trainees.filter((p) => !p.roles.some((r) => r !== "staff"));
      const newcomers = shuffled(rand, clerks.slice(-12)).slice(0, 4);
      const plan = base("professional", "新進同仁戶籍實務訓練", 3, oneDate(dayIn(year, 4, 6), 9, 3));
      plan.instructor = "戶籍課 課長";
      plan.description = "櫃台常見案件的審查重點與系統操作，由資深同仁帶領演練。";
      plan.required = true;
      plan.audienceWholeOffice = false;
      plan.audienceUserIds = newcomers.map((p) => p.id);
      plans.push(plan);
    }
    // A second 電話禮儀 class for those who missed it.
    {
      const plan = base("phone_etiquette", "電話禮貌測試缺失檢討", 1, oneDate(dayIn(year, 10, 11), 16, 1));
      plan.instructor = "本所課長";
      plan.signUps = between(rand, 3, 8);
      plans.push(plan);
    }
  }

  // Only what lies in the history (or is planned already), created two to four weeks ahead.
  const selected = plans
    .filter((p) => {
      const day = dayOf(p.dates[0].startsAt);
      return day >= ctx.from && day <= lastPlannedDay;
    })
    .map((p) => {
      const firstDay = dayOf(p.dates[0].startsAt);
      p.createdAt = officeTime(randomDay(rand, addDays(firstDay, -30), addDays(firstDay, -14)));
      return p;
    })
    .filter((p) => p.createdAt < cutoff)
    .sort((a, b) => a.dates[0].startsAt.getTime() - b.dates[0].startsAt.getTime());

  // A few optional sessions are cancelled (about one a year), planned ones as well as past ones.
  for (const p of selected) {
    if (p.required || rand() >= 0.022) continue;
    const latest = Math.min(p.dates[0].startsAt.getTime() - DAY, cutoff.getTime() - HOUR);
    const earliest = p.createdAt.getTime() + 3 * DAY;
    if (latest <= earliest) continue;
    p.cancelledAt = officeTime(dayOf(new Date(earliest + rand() * (latest - earliest))));
    if (p.cancelledAt.getTime() >= latest || p.cancelledAt < p.createdAt) p.cancelledAt = new Date(latest);
    p.cancelReason = pick(rand, CANCEL_REASONS);
  }

  // ---------------------------------------------------------------- enrolments, in time order
  const outputs: EnrolmentOut[] = [];
  selected.forEach((plan, sessionIndex) => {
    const first = plan.dates[0].startsAt;
    const last = plan.dates[plan.dates.length - 1].endsAt;
    const year = new Date(first.getTime() + 8 * HOUR).getUTCFullYear();
    const session: EnrolmentSession = {
      id: sessionIndex + 1,
      officeId: ctx.officeId,
      status: "scheduled",
      dates: plan.dates,
      creditedHours: plan.creditedHours,
      capacity: plan.capacity,
      required: plan.required,
      approvalRequired: plan.approvalRequired,
      audience: { wholeOffice: plan.audienceWholeOffice, roles: plan.audienceRoles, userIds: plan.audienceUserIds },
    };
    let enrolments: Enrolment[] = [];
    const histories = new Map<number, HistoryRow[]>();
    const apply = (changes: EnrolmentChange[], at: Date, actorId: number) => {
      const before = enrolments.length;
      enrolments = applyChanges(enrolments, changes, at);
      let created = before;
      for (const c of changes) {
        const id = c.enrolmentId ?? enrolments[created++].id;
        const list = histories.get(id) ?? [];
        list.push({ fromStatus: c.from, toStatus: c.to, event: c.event, hours: c.hours ?? null, reason: c.reason ?? null, actorId, at });
        histories.set(id, list);
      }
    };
    const mine = (userId: number) => enrolments.find((e) => e.userId === userId);
    // The last moment anything before the session can happen (sign-ups close when it starts).
    const closes = new Date(Math.min(first.getTime() - HOUR, cutoff.getTime() - 1, plan.cancelledAt?.getTime() ?? Infinity));
    const someTimeBetween = (a: Date, b: Date) => new Date(a.getTime() + rand() * Math.max(0, b.getTime() - a.getTime()));

    type Step = { at: Date; run: () => void };
    const steps: Step[] = [];

    if (plan.required) {
      // Created: the whole audience is booked at once (auto_enrol, by the supervisor who created it).
      apply(autoEnrolments(session, people, [], plan.createdAt), plan.createdAt, plan.createdBy);
      // A few are on leave that day: the supervisor takes them off the list.
      for (const e of [...enrolments]) {
        if (rand() < 0.03) {
          steps.push({
            at: someTimeBetween(plan.createdAt, closes),
            run: () => {
              const d = decideCancellation(session, enrolments, e.id, "supervisor", current);
              if (d.ok) apply(d.changes, current, plan.createdBy);
            },
          });
        }
      }
    } else {
      // Volunteers, chosen by how many hours each still wants this year (sessions are simulated in
      // time order, so what the earlier ones credited is known).
      const audience = people.filter((p) => plan.audienceWholeOffice || p.roles.some((r) => plan.audienceRoles.includes(r)));
      const chosen = weightedSample(
        rand,
        audience,
        audience.map((p) => {
          const want = SESSION_HOURS_WANTED * (appetite.get(p.id) ?? 1);
          const had = creditedSoFar.get(`${p.id}:${year}`) ?? 0;
          // Sharply less once near one's own appetite: nobody collects far more than they need.
          return (appetite.get(p.id) ?? 1) * Math.max(0.02, 1 - had / want) ** 2;
        }),
        Math.min(plan.signUps, audience.length),
      );
      for (const person of chosen) {
        const signUpAt = someTimeBetween(plan.createdAt, closes);
        steps.push({
          at: signUpAt,
          run: () => {
            const d = decideSignUp(session, person, enrolments, current);
            if (d.ok) apply([d.change], current, person.id);
          },
        });
        if (plan.approvalRequired) {
          // The supervisor decides within three days (before the course); a request made in the last
          // days before today still waits.
          const decideAt = new Date(Math.min(signUpAt.getTime() + (0.2 + rand() * 2.8) * DAY, first.getTime() - HOUR));
          const decline = rand() < 0.15;
          if (decideAt < cutoff) steps.push({
            at: decideAt,
            run: () => {
              const e = mine(person.id);
              if (!e || e.status !== "requested") return;
              const d = decideApproval(session, enrolments, e.id, decline ? { approve: false, reason: pick(rand, DECLINE_REASONS) } : { approve: true }, current);
              if (d.ok) apply(d.changes, current, managerOtherThan(person.id));
            },
          });
        }
        // Some change their mind, mostly in the last days before the session (a seat then goes to
        // the first one waiting).
        if (rand() < 0.08) {
          const lastDays = new Date(Math.max(signUpAt.getTime(), closes.getTime() - 4 * DAY));
          steps.push({
            at: someTimeBetween(lastDays, closes),
            run: () => {
              const e = mine(person.id);
              if (!e) return;
              const d = decideCancellation(session, enrolments, e.id, "self", current);
              if (d.ok) apply(d.changes, current, person.id);
            },
          });
        }
      }
    }

    let current = plan.createdAt;
    // Everything before the session (or its cancellation), in time order; nothing after today began.
    for (const step of steps.filter((s) => s.at < closes || s.at.getTime() === closes.getTime()).sort((a, b) => a.at.getTime() - b.at.getTime())) {
      current = step.at;
      step.run();
    }

    if (plan.cancelledAt) {
      apply(cancellationsForCancelledSession(enrolments), plan.cancelledAt, plan.createdBy);
    } else {
      // Attendance: taken by a supervisor on the day or within a few days; not yet for a session
      // that ended too recently (the dashboard lists those as waiting for attendance).
      const markAt = officeTime(weekdayOnOrAfter(addDays(dayOf(last), between(rand, 0, 3))), 9, 18);
      const markedAt = markAt < last ? new Date(last.getTime() + 10 * 60_000) : markAt;
      if (markedAt < cutoff) {
        const marker = pick(rand, managers);
        for (const e of enrolments.filter((x) => x.status === "booked")) {
          const mark = attendanceMark(rand, plan);
          const d = decideAttendance(session, e, mark, markedAt);
          if (d.ok) apply([d.change], markedAt, marker);
        }
        // A few marks are corrected later (a leave form handed in, a sign-in sheet found).
        for (const e of enrolments.filter((x) => x.status !== "cancelled" && x.status !== "waitlisted" && x.status !== "requested")) {
          if (rand() >= 0.025) continue;
          const fixAt = new Date(markedAt.getTime() + (1 + rand() * 10) * DAY);
          if (fixAt >= cutoff) continue;
          const mark: AttendanceMark = e.status === "absent" ? { status: "excused" } : { status: "attended" };
          if (mark.status === e.status) continue;
          const d = decideAttendance(session, e, mark, fixAt);
          if (d.ok) apply([d.change], fixAt, pick(rand, managers));
        }
      }
    }

    for (const e of enrolments) {
      outputs.push({ sessionIndex, state: e, history: histories.get(e.id) ?? [] });
      const credited = e.status === "attended" ? plan.creditedHours : e.status === "partly_attended" ? (e.hours ?? 0) : 0;
      if (!plan.required && credited > 0) creditedSoFar.set(`${e.userId}:${year}`, (creditedSoFar.get(`${e.userId}:${year}`) ?? 0) + credited);
    }
  });

  // ---------------------------------------------------------------- writing sessions and enrolments
  await ctx.db.transaction().execute(async (trx) => {
    const sessionIds = await insertBatches(
      trx,
      "trainingSessions",
      selected.map((p) => ({
        officeId: ctx.officeId,
        kind: p.kind,
        title: p.title,
        description: p.description,
        instructor: p.instructor,
        place: p.place,
        creditedHours: p.creditedHours,
        capacity: p.capacity,
        audienceWholeOffice: p.audienceWholeOffice,
        audienceRoles: JSON.stringify(p.audienceRoles),
        required: p.required,
        approvalRequired: p.approvalRequired,
        materials: JSON.stringify(p.materials),
        status: p.cancelledAt ? ("cancelled" as const) : ("scheduled" as const),
        cancelReason: p.cancelReason,
        createdBy: p.createdBy,
        createdAt: p.createdAt,
        updatedAt: p.cancelledAt ?? p.createdAt,
      })),
      { returning: true },
    );
    await insertBatches(
      trx,
      "trainingSessionDates",
      selected.flatMap((p, i) => p.dates.map((d) => ({ sessionId: sessionIds[i], startsAt: d.startsAt, endsAt: d.endsAt }))),
    );
    const audienceRows = selected.flatMap((p, i) => p.audienceUserIds.map((userId) => ({ sessionId: sessionIds[i], userId })));
    await insertBatches(trx, "trainingAudiencePeople", audienceRows);
    const enrolmentIds = await insertBatches(
      trx,
      "enrolments",
      outputs.map((o) => ({
        sessionId: sessionIds[o.sessionIndex],
        userId: o.state.userId,
        status: o.state.status,
        since: o.state.since,
        required: o.state.required,
        hours: o.state.hours ?? null,
      })),
      { returning: true },
    );
    await insertBatches(
      trx,
      "enrolmentHistory",
      outputs.flatMap((o, i) => o.history.map((h) => ({ enrolmentId: enrolmentIds[i], ...h }))),
    );

    // ---------------------------------------------------------------- e-learning
    const elearning = elearningRows(ctx, trainees.map((p) => p.id), digitalAppetite, managerOtherThan, officeTime, cutoff);
    await insertBatches(trx, "elearningRecords", elearning);

    // ---------------------------------------------------------------- outside training (遴派)
    const nominations = nominationRows(ctx, trainees.map((p) => p.id), managers, officeTime, cutoff, lastPlannedDay);
    await insertBatches(trx, "trainingNominations", nominations);

    // ---------------------------------------------------------------- the yearly targets
    // Set by the director each January, for every year the history covers from its start (a year
    // begun before the history has none: its hours are only partly here). A target already stored
    // (the demo's) is kept.
    const targets = [];
    const firstTargetYear = ctx.from.slice(5) <= "01-05" ? fromYear : fromYear + 1;
    for (let year = firstTargetYear; year <= Number(ctx.to.slice(0, 4)); year++) {
      targets.push({ officeId: ctx.officeId, year, ...TARGET, updatedBy: ctx.directorId ?? managers[0], updatedAt: officeTime(weekdayOnOrAfter(`${year}-01-05`)) });
    }
    if (targets.length) await trx
      .insertInto("trainingTargets")
      .values(targets)
      .onConflict((oc) => oc.columns(["officeId", "year"]).doNothing())
      .execute();

    ctx.log(
      `${selected.length} sessions (${selected.filter((p) => p.cancelledAt).length} cancelled, ${selected.filter((p) => p.dates[0].startsAt >= cutoff).length} upcoming), ` +
        `${outputs.length} enrolments, ${elearning.length} e-learning records, ${nominations.length} nominations`,
    );
  });
}

// ------------------------------------------------------------------------------ helpers


/** `n` distinct items, each drawn with probability proportional to its weight among those left. */
function weightedSample<T>(rand: () => number, items: readonly T[], weights: readonly number[], n: number): T[] {
  const pool = items.map((item, i) => ({ item, w: Math.max(0, weights[i]) }));
  const out: T[] = [];
  while (out.length < n && pool.length) {
    const total = pool.reduce((s, p) => s + p.w, 0);
    let r = rand() * total;
    let index = pool.findIndex((p) => (r -= p.w) < 0);
    if (index === -1) index = pool.length - 1;
    out.push(pool[index].item);
    pool.splice(index, 1);
  }
  return out;
}

/** Most attend; some partly (the hours present, in half hours), some on leave, a few absent. */
function attendanceMark(rand: () => number, plan: Plan): AttendanceMark {
  const r = rand();
  if (r < 0.86) return { status: "attended" };
  if (r < 0.91) {
    // Half-hour steps, more than 0 and less than the whole session (decideAttendance refuses more).
    const halfHours = Math.min(plan.creditedHours * 2 - 1, Math.max(1, Math.round(plan.creditedHours * 2 * (0.4 + rand() * 0.4))));
    return { status: "partly_attended", hours: halfHours / 2 };
  }
  if (r < 0.96) return { status: "excused" };
  return { status: "absent" };
}

/**
 * E-learning the staff report (the digital part of the target): about three to five courses a year
 * each, reported within a week of the certificate and verified by a supervisor (never their own)
 * within a few days; a few are returned with a reason and reported again, corrected. Those reported
 * in the last days still wait for verification.
 */
function elearningRows(
  ctx: OfficeContext,
  userIds: readonly number[],
  digitalAppetite: ReadonlyMap<number, number>,
  reviewerFor: (userId: number) => number,
  officeTime: (day: string, from?: number, to?: number) => Date,
  cutoff: Date,
) {
  const { rand } = ctx;
  const rows: Insertable<ElearningRecordsTable>[] = [];
  let serial = 0;
  const fromYear = Number(ctx.from.slice(0, 4));
  const toYear = Number(ctx.to.slice(0, 4));
  for (const userId of userIds) {
    const wish = digitalAppetite.get(userId) ?? 1;
    for (let year = fromYear; year <= toYear; year++) {
      // Courses until the person's own goal for the year (most aim a little past the digital target).
      const goal = wish * (5 + rand() * 2.5);
      const courses = shuffled(rand, ELEARNING_COURSES);
      let planned = 0;
      for (const course of courses) {
        if (planned >= goal) break;
        // Counted towards the goal even when it falls outside the history (it belongs to the year).
        const hours = pick(rand, [1, 1, 2, 2, 2, 3, 1.5, 4]);
        planned += hours;
        const completedOn = randomDay(rand, `${year}-01-02`, `${year}-12-28`, false);
        if (completedOn < ctx.from || completedOn >= ctx.to) continue;
        const createdAt = officeTime(addDays(completedOn, between(rand, 0, 7)), 8, 18);
        if (createdAt >= cutoff) continue;
        const [platform, prefix] = pick(rand, PLATFORMS);
        // Six digits that look random but never repeat within the office (7919 is prime to 10⁶).
        const certificate = `${prefix}${year - 1911}${String((++serial * 7919 + ctx.officeId * 131) % 1_000_000).padStart(6, "0")}`;
        const reviewedAt = new Date(createdAt.getTime() + (0.2 + rand() * 5) * DAY);
        const reviewer = reviewerFor(userId);
        const record = { officeId: ctx.officeId, userId, platform, course, hours, completedOn, certificateNumber: certificate, reviewReason: null, createdAt };
        if (reviewedAt >= cutoff) {
          rows.push({ ...record, status: "pending", reviewedBy: null, reviewedAt: null });
          continue;
        }
        if (rand() < 0.05) {
          // Returned with what was wrong; the person corrects it and reports it again a few days later.
          const reason = between(rand, 0, RETURN_REASONS.length - 1);
          const wrong =
            reason === 0 ? { certificateNumber: certificate.slice(0, -2) + certificate.slice(-1) + certificate.slice(-2, -1) } : reason === 1 ? { hours: hours + 1 } : { completedOn: addDays(completedOn, -1) };
          rows.push({ ...record, ...wrong, status: "returned", reviewReason: RETURN_REASONS[reason], reviewedBy: reviewer, reviewedAt });
          const again = new Date(reviewedAt.getTime() + (0.5 + rand() * 4) * DAY);
          if (again >= cutoff) continue;
          const againReviewed = new Date(again.getTime() + (0.2 + rand() * 4) * DAY);
          const done = againReviewed < cutoff;
          rows.push({ ...record, createdAt: again, status: done ? "approved" : "pending", reviewedBy: done ? reviewer : null, reviewedAt: done ? againReviewed : null });
          continue;
        }
        rows.push({ ...record, status: "approved", reviewedBy: reviewer, reviewedAt });
      }
    }
  }
  return rows.sort((a, b) => (a.createdAt as Date).getTime() - (b.createdAt as Date).getTime());
}

/**
 * 遴派: a few outside courses a year, one or two people each, nominated three to six weeks ahead;
 * the outcome is recorded after the course (mostly completed), and courses still ahead stay nominated.
 */
function nominationRows(
  ctx: OfficeContext,
  userIds: readonly number[],
  managers: readonly number[],
  officeTime: (day: string, from?: number, to?: number) => Date,
  cutoff: Date,
  lastPlannedDay: string,
) {
  const { rand } = ctx;
  const rows: Insertable<TrainingNominationsTable>[] = [];
  const fromYear = Number(ctx.from.slice(0, 4));
  const toYear = Number(lastPlannedDay.slice(0, 4));
  for (let year = fromYear; year <= toYear; year++) {
    for (let i = 0; i < 6; i++) {
      const { course, organiser } = pick(rand, OUTSIDE_COURSES);
      const startsOn = randomDay(rand, `${year}-01-10`, `${year}-12-15`);
      const days = pick(rand, [1, 1, 2, 3]);
      const endsOn = addDays(startsOn, days - 1);
      if (startsOn < ctx.from || startsOn > lastPlannedDay) continue;
      const createdAt = officeTime(randomDay(rand, addDays(startsOn, -42), addDays(startsOn, -21)));
      if (createdAt >= cutoff) continue;
      const nominatedBy = pick(rand, managers);
      const chosen = shuffled(rand, userIds).slice(0, rand() < 0.4 ? 2 : 1);
      for (const userId of chosen) {
        const hours = days * 6;
        const recordedAt = officeTime(addDays(endsOn, between(rand, 3, 10)));
        const over = recordedAt < cutoff;
        const r = rand();
        const outcome = !over ? "nominated" : r < 0.88 ? "completed" : r < 0.94 ? "not_completed" : "withdrawn";
        rows.push({
          officeId: ctx.officeId,
          userId,
          course,
          organiser,
          startsOn,
          endsOn,
          // A withdrawn or failed course credits nothing; its hours stay as nominated.
          hours,
          outcome,
          note: rand() < 0.3 ? "請於研習後一週內繳交心得報告" : "",
          nominatedBy,
          createdAt,
          updatedAt: over ? recordedAt : createdAt,
        });
      }
    }
  }
  return rows;
}
