// Large-data generator, module "surveys" (員工滿意度調查, seed 服務精進機制 1.(3), 服務評價 4): one office's
// semiannual employee-survey rounds over the history.
//
// What it writes, per office and 5 years (a fifth for 1 year):
// - 10 rounds, one a half-year (「115年下半年員工滿意度調查」), with the default template and the 課別 /
//   年資 demographic questions copied onto the round as createRound and openRound do; every round
//   closed, except the newest, which is still open when today falls in its window.
// - the anonymity design of app/modules/surveys/README.md, kept exactly: survey_participation holds
//   one row per audience member (submitted or not, no time); survey_responses holds the answers
//   under a random-looking v4 UUID with no user and no time; nothing joins the two. Responses are
//   stored in the order of their ids, as closeRound's CLUSTER leaves them, so not even the row
//   order follows the people. Answers are what validateAnswers returns and demographics what
//   normaliseDemographics returns, as submitResponse stores them.
// - the open round: part of the office has answered, a few have saved drafts.
// - 改善對策 (survey_action_items) for each closed round, aimed at its weakest sections as the
//   product's own results.ts scores them, and the notifications openRound sends.
//
// Answers come from a small latent model: an office mood per section drifting slowly between
// rounds, each person's general satisfaction, and noise, so Likert answers are mostly 3–5, the
// indices and eNPS move a little from round to round, and the dashboard's trend has a shape.
import type { Insertable } from "kysely";
import type { Database, Role } from "../../db/schema";
import { normaliseAnswers, normaliseDemographics, validateAnswers, type SurveyAnswers } from "../../app/modules/surveys/answers";
import { roundPeriodLabel, isAnonymousResponseId, type Half } from "../../app/modules/surveys/response-rate";
import { DEFAULT_THRESHOLDS, surveyResults, type Thresholds } from "../../app/modules/surveys/results";
import { DEFAULT_TEMPLATE, DEMOGRAPHIC_QUESTIONS, listQuestions, type Question, type SurveyTemplate } from "../../app/modules/surveys/template";
import { addDays, between, daysBetween, insertBatches, isWeekday, pick, taipeiInstant, type OfficeContext, weekdayOnOrAfter } from "./context";

/** Who answers a round: surveys.server.ts audienceOf (active people holding one of these roles). */
const AUDIENCE_ROLES: readonly Role[] = ["staff", "committee", "chair", "supervisor", "director"];

/** The office's usual mood per section on the 1–5 scale: workload and rewards are where offices struggle. */
const SECTION_BASE: Record<string, number> = { env: 3.95, lead: 3.9, comm: 3.85, train: 3.8, load: 3.25, reward: 3.4, overall: 3.95 };

/** Wanted training topics (train-4), weighted. */
const TRAINING_WISHES: [string, number][] = [
  ["law", 0.3],
  ["nationality", 0.2],
  ["system", 0.15],
  ["service", 0.1],
  ["stress", 0.12],
  ["digital", 0.1],
  ["other", 0.03],
];

/** 「最值得保持的優點」 (suggest-1). */
const STRENGTHS = [
  "同事之間感情融洽，忙的時候大家會主動互相支援。",
  "主任和課長都很願意聽同仁的意見，有問題可以直接反映。",
  "法規函釋都會即時轉知，還會在業務會報說明，很有幫助。",
  "櫃檯環境整潔明亮，民眾的回饋也很好。",
  "職務代理安排清楚，請假時不用擔心業務沒人處理。",
  "新進同仁有學長姐帶著學，很快就能上手。",
  "法令測驗後的逐題解說很實用，釋疑清楚。",
  "遇到情緒激動的民眾時，主管會主動出面協助處理。",
  "工作氣氛和諧，大家都很有責任感。",
  "服務流程標準化，案件處理有一致的作法。",
  "經驗分享會可以學到很多實務案例。",
  "本所重視同仁的意見，提案改善都有回應。",
  "跨課合作順暢，遇到複雜案件時大家會一起討論。",
  "整體服務品質好，身為本所的一員覺得很光榮。",
  "訓練資源充足，數位學習課程選擇多。",
];

/** 「最需要改善的地方」 (suggest-2). */
const IMPROVEMENTS = [
  "櫃檯人力不足，尖峰時段等候時間長，希望能增補人力或彈性調度。",
  "戶役政系統有時反應很慢，尤其月初月底，希望能向上反映改善。",
  "部分設備老舊，讀卡機和印表機常常故障，建議汰換。",
  "加班情形偏多，希望能檢討業務分配，讓工作量更平均。",
  "獎勵提報的標準不夠透明，希望能公開說明評比方式。",
  "希望增加外籍配偶及跨國案件的專業訓練。",
  "希望法規修正能整理成重點摘要，方便大家快速掌握。",
  "午休時間常被民眾打斷，希望能有輪值的安排。",
  "希望能有更多機會參加外部的專業研習。",
  "考績結果希望能有更具體的回饋與說明。",
  "遇到不理性的民眾時，希望能有更明確的處理流程和支援。",
  "辦公區空間有點擁擠，檔案櫃不夠用。",
  "數位學習時數要求多，上班時間很難完成，希望能安排時段。",
  "希望各課之間的工作交接能更清楚，避免重複作業。",
  "冷氣及照明有時不足，希望能改善辦公環境。",
  "希望主管多肯定基層同仁的付出。",
  "行動服務外出時櫃檯人手更吃緊，希望能有支援機制。",
  "新進人員的訓練可以更有系統，建議編寫作業手冊。",
];

/** 改善對策 per section, for the weakest sections of a round. */
const ACTIONS: Record<string, { title: string; description: string }[]> = {
  env: [
    { title: "汰換老舊讀卡機及印表機", description: "盤點櫃檯設備使用年限，編列預算分批汰換，並建立故障報修追蹤表。" },
    { title: "改善櫃檯及辦公區空調與照明", description: "請總務檢修空調，更換辦公區老舊燈具，並調整檔案櫃配置。" },
    { title: "訂定民眾情緒失控處理流程", description: "訂定櫃檯衝突事件處理流程，明定支援人員及通報方式，並辦理演練。" },
  ],
  lead: [
    { title: "主管定期與同仁個別面談", description: "課長每季與課內同仁個別面談，了解工作困難並給予回饋。" },
    { title: "業務會報說明年度工作目標", description: "於每月業務會報說明工作重點與目標，並公布執行情形。" },
  ],
  comm: [
    { title: "法規函釋重點摘要週報", description: "每週彙整法規修正及函釋重點，以電子郵件及公告周知同仁。" },
    { title: "跨課業務協調會議", description: "每月召開跨課協調會議，檢討交接流程及重複作業。" },
  ],
  train: [
    { title: "增辦外籍配偶及跨國案件研習", description: "邀請資深同仁及移民署講師，辦理跨國案件實務研習。" },
    { title: "安排數位學習時段", description: "每週安排固定時段輪流進行數位學習，避免占用下班時間。" },
  ],
  load: [
    { title: "檢討櫃檯人力配置及尖峰時段調度", description: "分析各時段案件量，調整櫃檯輪值表，尖峰時段增開櫃檯。" },
    { title: "重新檢討職務代理人安排", description: "更新職務代理名冊，確保每項業務至少有一位熟悉的代理人。" },
    { title: "檢討業務分配，減少延長工時", description: "依案件統計重新分配業務，並追蹤每月加班時數。" },
  ],
  reward: [
    { title: "公開獎勵提報標準", description: "於業務會報說明敘獎標準及提報方式，並公告於內部網站。" },
    { title: "建立即時肯定機制", description: "每月由各課推薦服務優良同仁，於業務會報公開表揚。" },
  ],
  overall: [{ title: "辦理同仁座談會", description: "由主任主持座談，針對調查結果與同仁交換意見，研議改善作法。" }],
};

// ------------------------------------------------------------------------------ small helpers

function gaussian(rand: () => number): number {
  const u = Math.max(rand(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

const clamp = (n: number, low: number, high: number) => Math.min(high, Math.max(low, n));

function fnv(text: string): number {
  let h = 2166136261;
  for (const ch of text) h = Math.imul(h ^ ch.codePointAt(0)!, 16777619);
  return h >>> 0;
}

/** A stable offset in [-0.5, 0.5) per question: some statements are agreed with more readily. */
const questionOffset = (id: string) => (fnv(`survey:${id}`) % 1000) / 1000 - 0.5;

function weighted<T>(rand: () => number, items: readonly [T, number][]): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let r = rand() * total;
  for (const [item, w] of items) if ((r -= w) < 0) return item;
  return items[items.length - 1][0];
}

/**
 * An anonymous response id: a version-4 UUID (anonymousResponseId's shape) whose bits come from the
 * seeded generator, so the data set is reproducible. Mixing in the round id keeps ids unique across
 * offices, whose generators might otherwise meet the same stretch of the 32-bit sequence.
 */
function responseId(rand: () => number, roundId: number, index: number): string {
  const words = [0, 1, 2, 3].map((k) => (Math.floor(rand() * 4294967296) ^ fnv(`${roundId}:${index}:${k}`)) >>> 0);
  const hex = words.map((w) => w.toString(16).padStart(8, "0")).join("");
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

// ------------------------------------------------------------------------------ the rounds

interface PlannedRound {
  year: number;
  half: Half;
  title: string;
  opensOn: string;
  closesOn: string;
  state: "open" | "closed";
}

/**
 * The half-year rounds whose window has begun by today, newest last: the first half's opens on the
 * first weekday from 15 May, the second half's from 15 November, each for about two and a half
 * weeks. The newest is open while today is in its window (the close date is the last day to answer).
 */
function planRounds(ctx: OfficeContext, taken: Set<string>): PlannedRound[] {
  const rounds: PlannedRound[] = [];
  const lastYear = Number(ctx.to.slice(0, 4));
  for (let year = lastYear; year >= lastYear - ctx.years - 1 && rounds.length < 2 * ctx.years; year--) {
    for (const half of [2, 1] as const) {
      const opensOn = weekdayOnOrAfter(`${year}-${half === 1 ? "05" : "11"}-15`);
      const closesOn = weekdayOnOrAfter(addDays(opensOn, 18));
      if (opensOn >= ctx.to || rounds.length >= 2 * ctx.years) continue;
      if (opensOn < ctx.from || taken.has(`${year}-${half}`)) continue;
      rounds.push({ year, half, title: `${roundPeriodLabel(year, half)}員工滿意度調查`, opensOn, closesOn, state: ctx.to <= closesOn ? "open" : "closed" });
    }
  }
  return rounds.reverse();
}

// ------------------------------------------------------------------------------ one person's answers

interface Person {
  id: number;
  /** General satisfaction, added to every Likert answer. */
  mood: number;
  /** Per section, how this person differs from their general mood. */
  bias: Record<string, number>;
  unit: "household" | "admin" | "other";
  /** Years of service at this office on the last day of the history. */
  serviceYears: number;
  /** Likes to write comments. */
  talkative: number;
}

function tenureBand(years: number): string {
  if (years < 2) return "lt2";
  if (years < 5) return "2to5";
  if (years < 10) return "5to10";
  return "10plus";
}

/**
 * What one person would send: every required question answered, the optional ones sometimes.
 * `moodOf(section)` is the office's mood this round. The form sends strings; validateAnswers turns
 * them into the stored values, as on submission.
 */
function answersOf(rand: () => number, template: SurveyTemplate, person: Person, moodOf: (section: string) => number): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  for (const { question, sectionId } of listQuestions(template)) {
    // 建議事項 has no mood of its own: comments follow how content the person is overall.
    const section = sectionId in SECTION_BASE ? sectionId : "overall";
    const latent = moodOf(section) + person.mood + (person.bias[section] ?? 0);
    raw[question.id] = answerTo(rand, question, latent, person);
    if (raw[question.id] === undefined) delete raw[question.id];
  }
  return raw;
}

/** Closing words some people add, so the same point is not made in identical words every round. */
const CLOSINGS = ["", "", "謝謝。", "以上建議，請參考。", "辛苦了，謝謝主管的用心。", "希望能逐步改善。", "期待下次調查能看到進步。"];

/** A comment not yet written in this round (a point, sometimes with a closing line). */
function comment(rand: () => number, points: readonly string[], used: Set<string>): string {
  let text = "";
  for (let i = 0; i < 10; i++) {
    text = `${pick(rand, points)}${pick(rand, CLOSINGS)}`;
    if (!used.has(text)) break;
  }
  used.add(text);
  return text;
}

/** Comments written so far in the round being generated. */
const usedComments = new Set<string>();

function answerTo(rand: () => number, question: Question, latent: number, person: Person): unknown {
  switch (question.kind) {
    case "likert5":
      return String(clamp(Math.round(latent + 0.3 * questionOffset(question.id) + 0.6 * gaussian(rand)), 1, 5));
    case "scale0to10":
      // Recommending the office to friends: 7–8 is the common polite answer, 9–10 takes real enthusiasm.
      return String(clamp(Math.round(7.6 + 1.8 * (latent - 3.95) + 1.4 * gaussian(rand)), 0, 10));
    case "multiple_choice": {
      if (rand() > 0.65) return undefined;
      const count = between(rand, 1, question.maxSelected ?? 3);
      const chosen = new Set<string>();
      for (let i = 0; i < count * 3 && chosen.size < count; i++) chosen.add(weighted(rand, TRAINING_WISHES));
      return question.options.map((o) => o.value).filter((v) => chosen.has(v));
    }
    case "single_choice": {
      if (rand() > 0.85) return undefined;
      // Weekly overtime: the less content with the workload, the more hours.
      const strain = clamp(3.6 - latent, -1.5, 2);
      const values = question.options.map((o) => o.value);
      const weights = values.map((_, i) => Math.max(0.05, [0.3, 0.35, 0.25, 0.1][i] ?? 0.1) * Math.exp(strain * (i - 1) * 0.7));
      return weighted(
        rand,
        values.map((v, i) => [v, weights[i]] as [string, number]),
      );
    }
    case "free_text": {
      // More comments on what to improve than on what to keep, and more from the less content.
      const improve = question.id === "suggest-2";
      const chance = person.talkative * (improve ? 0.45 + 0.15 * clamp(3.6 - latent, 0, 2) : 0.3);
      if (rand() > chance) return undefined;
      return comment(rand, improve ? IMPROVEMENTS : STRENGTHS, usedComments);
    }
  }
}

// ------------------------------------------------------------------------------ the generator

export async function generate(ctx: OfficeContext): Promise<void> {
  const { rand, db } = ctx;
  const existing = await db.selectFrom("surveyRounds").select(["year", "half"]).where("officeId", "=", ctx.officeId).execute();
  const plans = planRounds(ctx, new Set(existing.map((r) => `${r.year}-${r.half}`)));
  if (plans.length === 0) return;

  const settings = await db.selectFrom("surveySettings").select(["scoreThreshold", "commentThreshold"]).where("officeId", "=", ctx.officeId).executeTakeFirst();
  const thresholds: Thresholds = settings ? { scores: settings.scoreThreshold, comments: settings.commentThreshold } : DEFAULT_THRESHOLDS;
  const template = DEFAULT_TEMPLATE;
  const demographics = [DEMOGRAPHIC_QUESTIONS.unit, DEMOGRAPHIC_QUESTIONS.tenure];
  const creator = ctx.supervisorIds[0] ?? ctx.directorId ?? ctx.people[0].id;
  const managers = [ctx.directorId, ...ctx.supervisorIds].filter((id): id is number => id !== undefined);
  if (managers.length === 0) managers.push(creator);

  // ---------------------------------------------------------------- the people
  const audience = ctx.people.filter((p) => p.roles.some((r) => AUDIENCE_ROLES.includes(r))).sort((a, b) => a.id - b.id);
  const sections = Object.keys(SECTION_BASE);
  const people = new Map<number, Person>(
    audience.map((p) => {
      const unit: Person["unit"] = p.roles.includes("director")
        ? "other"
        : p.id === ctx.supervisorIds[0]
          ? "household"
          : p.id === ctx.supervisorIds[1]
            ? "admin"
            : weighted(rand, [
                ["household", 0.55],
                ["admin", 0.3],
                ["other", 0.15],
              ]);
      return [
        p.id,
        {
          id: p.id,
          mood: 0.45 * gaussian(rand),
          bias: Object.fromEntries(sections.map((s) => [s, 0.25 * gaussian(rand)])),
          unit,
          serviceYears: ctx.years + 1 + 22 * rand() ** 1.6,
          talkative: rand() < 0.3 ? 1.6 : rand() < 0.6 ? 1 : 0.4,
        },
      ];
    }),
  );
  // How willing each person is to answer at all (the response rate is 70–90 % a round).
  const willingness = new Map(audience.map((p) => [p.id, rand() < 0.15 ? 0.45 : 0.9]));

  // ---------------------------------------------------------------- rounds
  const roundIds = await insertBatches(
    db,
    "surveyRounds",
    plans.map((p) => ({
      officeId: ctx.officeId,
      title: p.title,
      year: p.year,
      half: p.half,
      template: JSON.stringify(template),
      demographics: JSON.stringify(demographics),
      thresholds: JSON.stringify(thresholds),
      opensOn: p.opensOn,
      closesOn: p.closesOn,
      state: p.state,
      createdBy: creator,
      createdAt: taipeiInstant(addDays(p.opensOn, -between(rand, 7, 14)), between(rand, 9, 16), between(rand, 0, 59)),
    })),
    { returning: true },
  );

  // ---------------------------------------------------------------- who answered, and what
  // The office's mood per section drifts a little from round to round, with a slight improvement
  // over the years as the 改善對策 take effect.
  const drift: Record<string, number> = Object.fromEntries(sections.map((s) => [s, 0]));
  const participation: Insertable<Database["surveyParticipation"]>[] = [];
  const responses: Insertable<Database["surveyResponses"]>[] = [];
  const drafts: Insertable<Database["surveyDrafts"]>[] = [];
  const notifications: Insertable<Database["notifications"]>[] = [];
  const actionItems: Insertable<Database["surveyActionItems"]>[] = [];

  for (const [r, plan] of plans.entries()) {
    const roundId = roundIds[r];
    for (const s of sections) drift[s] = clamp(drift[s] * 0.7 + 0.1 * gaussian(rand) + 0.02, -0.35, 0.35);
    const moodOf = (section: string) => (SECTION_BASE[section] ?? 3.7) + drift[section];
    // An open round has only part of its answers so far: the share of its window that has passed.
    const window = daysBetween(plan.opensOn, plan.closesOn) + 1;
    const elapsed = plan.state === "open" ? clamp((daysBetween(plan.opensOn, ctx.to) + 1) / window, 0.15, 0.95) : 1;
    const rate = 0.78 + 0.05 * gaussian(rand);
    const yearsBeforeEnd = daysBetween(plan.opensOn, ctx.to) / 365;

    const roundResponses: { answers: SurveyAnswers; demographics: Record<string, string> }[] = [];
    usedComments.clear();
    let draftsLeft = plan.state === "open" ? between(rand, 2, 4) : 0;
    for (const member of audience) {
      const person = people.get(member.id)!;
      const answered = rand() < clamp(rate * (willingness.get(member.id)! / 0.83), 0, 0.98) && rand() < elapsed;
      participation.push({ roundId, userId: member.id, submitted: answered });
      const rawDemographics: Record<string, unknown> = {};
      // Demographics are optional: a few leave them blank (they form the 「未填答」 group).
      if (rand() > 0.07) rawDemographics.unit = person.unit;
      if (rand() > 0.07) rawDemographics.tenure = tenureBand(person.serviceYears - yearsBeforeEnd);
      if (answered) {
        // Exactly what submitResponse stores: the checked answers and the normalised demographics.
        const checked = validateAnswers(template, answersOf(rand, template, person, moodOf));
        if (!checked.ok) throw new Error(`generated survey answers refused: ${checked.errors.map((e) => e.message).join("; ")}`);
        roundResponses.push({ answers: checked.answers, demographics: normaliseDemographics(demographics, rawDemographics) });
      } else if (draftsLeft > 0 && rand() < 0.5) {
        // Saved part of the form and not yet sent (saveDraft): normaliseAnswers keeps the valid part.
        draftsLeft--;
        const full = answersOf(rand, template, person, moodOf);
        const keep = Object.keys(full).slice(0, between(rand, 3, 20));
        drafts.push({
          roundId,
          userId: member.id,
          answers: JSON.stringify(normaliseAnswers(template, Object.fromEntries(keep.map((k) => [k, full[k]])))),
          demographics: JSON.stringify(normaliseDemographics(demographics, rawDemographics)),
        });
      }
      // openRound tells everyone but the person who opened it; those who answered read it.
      if (member.id !== creator) {
        notifications.push({
          userId: member.id,
          officeId: ctx.officeId,
          messageKey: "notify.surveys.open",
          params: JSON.stringify({ title: plan.title, closesOn: plan.closesOn }),
          link: `/surveys/${roundId}/answer`,
          createdAt: taipeiInstant(plan.opensOn, 9, 0),
          readAt: answered || (plan.state === "closed" && rand() < 0.6) ? taipeiInstant(plan.opensOn, between(rand, 9, 16), between(rand, 0, 59)) : null,
        });
      }
    }

    // Stored under random ids (sorted by them before writing, below).
    for (const [i, resp] of roundResponses.entries()) {
      const id = responseId(rand, roundId, i);
      if (!isAnonymousResponseId(id)) throw new Error(`not a v4 UUID: ${id}`);
      responses.push({ id, roundId, answers: JSON.stringify(resp.answers), demographics: JSON.stringify(resp.demographics) });
    }

    // 改善對策 for the weakest sections, as the results page shows them, once the round has closed.
    if (plan.state === "closed") {
      const results = surveyResults(template, roundResponses, thresholds);
      const ranked = results.shown ? results.sections.filter((s) => s.index !== null).sort((a, b) => a.index! - b.index!) : [];
      const roundsAgo = plans.length - 1 - r; // 0 = the latest closed round (when none is open)
      for (const section of ranked.slice(0, between(rand, 1, 3))) {
        const action = pick(rand, ACTIONS[section.sectionId] ?? ACTIONS.overall);
        const created = addDays(plan.closesOn, between(rand, 5, 20));
        if (created >= ctx.to) continue;
        const dueOn = addDays(created, between(rand, 60, 150));
        const status = dueOn < ctx.to && roundsAgo > 1 ? (rand() < 0.9 ? "done" : "in_progress") : rand() < 0.5 ? "in_progress" : "open";
        const createdAt = taipeiInstant(created, between(rand, 9, 16), between(rand, 0, 59));
        const touched = status === "open" ? created : addDays(created, Math.min(between(rand, 10, 120), Math.max(0, daysBetween(created, ctx.to) - 1)));
        actionItems.push({
          roundId,
          title: action.title,
          description: action.description,
          ownerId: pick(rand, managers),
          dueOn,
          status,
          proposalId: null,
          createdBy: ctx.directorId ?? creator,
          createdAt,
          updatedAt: status === "open" ? createdAt : taipeiInstant(touched, between(rand, 9, 16), between(rand, 0, 59)),
        });
      }
    }
  }

  // Participation by user (its key order), with no time of any kind.
  await insertBatches(db, "surveyParticipation", participation);
  // Responses in the order of their random ids, as closeRound's CLUSTER leaves the table: the
  // physical order says nothing about who answered or when.
  responses.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  await insertBatches(db, "surveyResponses", responses);
  await insertBatches(db, "surveyDrafts", drafts);
  await insertBatches(db, "surveyActionItems", actionItems);
  await insertBatches(db, "notifications", notifications);
  ctx.log(`${plans.length} rounds (${plans.filter((p) => p.state === "open").length} open), ${responses.length} responses from ${participation.length} invitations, ${drafts.length} drafts, ${actionItems.length} action items`);
}
