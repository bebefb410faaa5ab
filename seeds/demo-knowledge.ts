// Demo special cases (特殊案例彙編, seed 基礎服務 3.(2)) and news clippings with a circulation (3.(4),
// 服務精進 2.(2)): published cases of 府北 (some shared with every office), a shared and a private case
// of 東區 (他所 cases, and one that 府北 must not find), a draft and one waiting for review; clippings,
// one circulated 必閱 with a due date and partly acknowledged. The same set is the fixture of the search
// tests (tests/integration/knowledge-search.test.ts), so its texts are chosen to exercise the search:
// 認領 in titles and in bodies, 台/臺 variants, full-width letters, mixed Chinese and ASCII.
// Legal citations are limited to articles the quiz banks already cite (quiz-banks/*.gift).
import type { Kysely } from "kysely";
import type { Database } from "../db/schema";
import { actor } from "./actor";
import { changeCaseState, createCase, type CaseInput } from "../app/modules/knowledge/cases.server";
import { acknowledge, circulate, createClipping } from "../app/modules/knowledge/clippings.server";
import type { LegalBasis } from "../app/modules/knowledge/case-rules";

const law = (name: string, article: string): LegalBasis => ({ kind: "law", law: name, article });

type Seeded = Partial<CaseInput> & Pick<CaseInput, "title" | "category" | "facts" | "issue" | "handling">;

const base = (c: Seeded): CaseInput => ({
  source: "own",
  sourceOffice: "",
  caseDate: null,
  legalBasis: [],
  lessons: "",
  body: "",
  tags: [],
  shared: false,
  ...c,
});

/** Published cases of 府北 (the first ones shared with every office). */
export const FUBEI_CASES: Seeded[] = [
  {
    title: "生父認領非婚生子女之認領登記",
    category: "acknowledgement",
    caseDate: "2026-03-12",
    facts: "非婚生子女之生父持認領書及相關證明文件至所申請認領登記，生母未偕同到場。",
    issue: "認領登記之申請人為何人？生母未到場是否影響受理？",
    handling: "依規定受理生父之認領登記申請，並告知認領後子女之姓氏依民法規定辦理。",
    legalBasis: [law("民法", "1065"), law("戶籍法", "7")],
    lessons: "認領為生父之單獨行為；受理時注意確認認領人身分與子女出生登記資料一致。",
    tags: ["認領", "非婚生子女", "生父"],
    shared: true,
  },
  {
    title: "生父撫育視為認領之登記疑義",
    category: "acknowledgement",
    caseDate: "2026-05-20",
    facts: "民眾主張生父長期撫育其非婚生子女，要求直接登記為認領。",
    issue: "「經生父撫育者，視為認領」應如何證明並登記？",
    handling: "請申請人提出撫育事實之證明文件，依程序審查後辦理；無法證明者，告知得由生父辦理認領。",
    legalBasis: [law("民法", "1065")],
    lessons: "撫育事實須有具體證明，不宜僅憑當事人陳述。",
    tags: ["認領", "撫育"],
    shared: true,
  },
  {
    title: "子女從姓約定書之補正",
    category: "birth",
    caseDate: "2026-02-08",
    facts: "父母於子女出生登記時未簽訂從姓約定書，事後始至所補簽。",
    issue: "出生登記前未約定姓氏者如何處理？",
    handling: "依民法規定，父母應於出生登記前以書面約定子女從父姓或母姓，未約定或約定不成者於戶政事務所抽籤決定；本件告知並依程序辦理。",
    legalBasis: [law("民法", "1059")],
    lessons: "出生登記時務必先確認從姓約定書已完備；非婚生子女經認領後之姓氏，另依民法規定辦理。",
    tags: ["出生登記", "從姓"],
  },
  {
    title: "逾期申請出生登記之受理",
    category: "birth",
    caseDate: "2026-04-02",
    facts: "新生兒出生已逾六十日，父母始至所申請出生登記。",
    issue: "逾法定期間申請之戶籍登記應否受理？",
    handling: "逾期仍應受理，並依規定處理逾期申請事宜。",
    legalBasis: [law("戶籍法", "48")],
    tags: ["出生登記", "逾期"],
  },
  {
    title: "兩願離婚一方拒絕到場辦理離婚登記",
    category: "divorce",
    caseDate: "2026-06-15",
    facts: "夫妻已簽訂離婚協議書並有二名證人簽名，但一方拒絕至戶政事務所辦理離婚登記。",
    issue: "兩願離婚未經登記之效力？",
    handling: "告知兩願離婚應向戶政機關為離婚登記始生效力，並說明得循其他途徑（如訴訟）處理。",
    legalBasis: [law("民法", "1050")],
    lessons: "受理時清楚說明登記為生效要件，避免民眾誤認協議書簽妥即已離婚。",
    tags: ["離婚", "兩願離婚"],
    shared: true,
  },
  {
    title: "利害關係人申請戶籍謄本之範圍",
    category: "transcript",
    caseDate: "2026-07-03",
    facts: "債權人持法院文件申請債務人之戶籍謄本，要求提供全戶資料。",
    issue: "利害關係人得申請之戶籍謄本範圍為何？",
    handling: "僅提供有利害關係部分之戶籍資料或謄本，並依規定收取規費。",
    legalBasis: [law("戶籍法", "65")],
    lessons: "核對利害關係證明文件，並以最小範圍提供。",
    tags: ["戶籍謄本", "利害關係人", "個資"],
  },
  {
    title: "出境滿二年之遷出登記與入境期間計算",
    category: "migration",
    caseDate: "2026-08-21",
    facts: "民眾出境後以外國護照入境，主張已入境不應辦理遷出登記。",
    issue: "未持我國護照入境之期間是否中斷出境二年之計算？",
    handling: "未持我國護照或入國證明文件入境者，其入境期間仍列入出境二年之計算，依規定辦理遷出登記。",
    legalBasis: [law("戶籍法", "16")],
    tags: ["遷出", "出境", "護照"],
  },
  {
    title: "旅館業者扣留國民身分證之處理",
    category: "id_card",
    caseDate: "2026-09-09",
    facts: "民眾反映旅館業者要求押國民身分證作為付款擔保。",
    issue: "國民身分證得否被扣留？",
    handling: "告知任何人不得扣留他人國民身分證，並提供相關規定供民眾主張權益。",
    legalBasis: [law("戶籍法", "56")],
    tags: ["身分證", "扣留"],
  },
  {
    title: "臺南市跨區遷入之門牌整編查證",
    category: "house_number",
    caseDate: "2026-10-01",
    facts: "民眾遷入地址因門牌整編已變更，新舊門牌並存於不同文件。",
    issue: "門牌整編後遷入登記應以何者為準？",
    handling: "查證門牌整編資料後以現行門牌辦理遷入，並於備註欄載明整編前門牌以利查考。",
    tags: ["門牌", "整編", "遷入"],
  },
  {
    title: "委任書見證人之資格疑義",
    category: "other",
    caseDate: "2026-10-16",
    facts: "委任人以指印代簽名，見證人之一為受任人本人。",
    issue: "受任人得否擔任委任書之見證人？",
    handling: "參照民法第3條之法理及內政部函釋，受任人不宜擔任見證人，請另覓二人簽名證明。",
    legalBasis: [law("民法", "3"), { kind: "interpretation", issuer: "內政部", documentNumber: "台內戶字第1130135337號", date: "2024-08-30", summary: "受任人不宜擔任見證人" }],
    lessons: "以指印代簽名之委任書，應特別注意見證人之公正立場。",
    tags: ["委任", "見證人", "指印"],
    body: "## 受理要點\n\n1. 確認委任人**親自**按捺指印\n2. 見證人二人，**不得為受任人**\n3. 影印留存見證人身分證明\n\n參考：[全國法規資料庫](https://law.moj.gov.tw/)",
  },
];

/** 他所 cases: a shared one and a private one of 東區. */
const DONGQU_SHARED: Seeded = {
  title: "外籍生母所生子女之認領與國籍",
  category: "acknowledgement",
  caseDate: "2026-04-28",
  facts: "外籍女子在臺所生子女，由我國籍生父辦理認領。",
  issue: "認領後子女之國籍及戶籍登記程序。",
  handling: "依規定受理認領登記，並協助辦理後續國籍及戶籍相關程序。",
  legalBasis: [law("民法", "1065"), law("戶籍法", "7")],
  tags: ["認領", "外籍", "國籍"],
  shared: true,
};
const DONGQU_PRIVATE: Seeded = {
  title: "東區內部作業：謄本櫃台輪值調整",
  category: "other",
  facts: "東區戶所內部櫃台輪值安排。",
  issue: "輪值公平性。",
  handling: "依課務會議決議調整。",
  tags: ["內部作業"],
};

export async function seedDemoKnowledge(db: Kysely<Database>, now: Date = new Date()): Promise<void> {
  const fubei = await db.selectFrom("offices").select("id").where("code", "=", "FUBEI").executeTakeFirst();
  if (!fubei) return;
  if (await db.selectFrom("kbCases").select("id").limit(1).executeTakeFirst()) return;
  const [supervisor, director, writer, writer2] = await Promise.all(["FB002", "FB001", "FB012", "FB014"].map((no) => actor(db, no)));
  for (const [i, c] of FUBEI_CASES.entries()) {
    const author = i % 2 === 0 ? writer : writer2;
    const id = await createCase(db, author, base(c));
    await changeCaseState(db, author, id, { type: "submit" });
    await changeCaseState(db, i === 0 ? director : supervisor, id, { type: "publish" });
  }
  // A draft, and one waiting for the supervisor's review.
  await createCase(db, writer, base({ title: "死亡登記申請人順序之疑義（草稿）", category: "death", facts: "草稿：待補充案情。", issue: "", handling: "", tags: ["死亡登記"] }));
  const waiting = await createCase(
    db,
    writer2,
    base({
      title: "收養登記與法院認可裁定確定證明",
      category: "adoption",
      facts: "收養人持法院認可收養之裁定申請收養登記，未附確定證明書。",
      issue: "收養登記應備文件。",
      handling: "請補附裁定確定證明書後受理。",
      legalBasis: [law("民法", "1079")],
      tags: ["收養"],
    }),
  );
  await changeCaseState(db, writer2, waiting, { type: "submit" });

  const dongqu = await db.selectFrom("offices").select("id").where("code", "=", "DONGQU").executeTakeFirst();
  if (dongqu) {
    const [dqStaff, dqSupervisor] = await Promise.all(["DQ010", "DQ002"].map((no) => actor(db, no)));
    for (const c of [DONGQU_SHARED, DONGQU_PRIVATE]) {
      const id = await createCase(db, dqStaff, base(c));
      await changeCaseState(db, dqStaff, id, { type: "submit" });
      await changeCaseState(db, dqSupervisor, id, { type: "publish" });
    }
  }

  // Clippings, one circulated 必閱 to the whole office and partly acknowledged.
  const day = (offset: number) => new Date(now.getTime() + offset * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
  const circulated = await createClipping(db, writer, {
    title: "冒用身分申辦戶籍謄本遭起訴",
    outlet: "地方新聞",
    url: "https://example.com/news/transcript-fraud",
    publishedOn: day(-6),
    summary: "某地發生以偽造委任書冒名申請他人戶籍謄本之案件，承辦人員因未確實核對身分遭檢討。",
    lesson: "委託申請謄本時，應確實核對委任書、受任人身分證明及委任人簽章，必要時電話查證。",
    tags: ["戶籍謄本", "冒用", "委任"],
  });
  await createClipping(db, writer2, {
    title: "Ｅ化服務：行動自然人憑證擴大應用",
    outlet: "政府新聞稿",
    url: "https://example.com/news/mobile-certificate",
    publishedOn: day(-12),
    summary: "行動自然人憑證可於更多線上服務使用，民眾可免臨櫃申辦部分業務。",
    lesson: "櫃台可主動向民眾介紹線上申辦管道，分散臨櫃人潮。",
    tags: ["自然人憑證", "E化服務"],
  });
  await createClipping(db, writer, {
    title: "台南市戶政所推出假日服務",
    outlet: "地方新聞",
    url: "",
    publishedOn: day(-20),
    summary: "臺南市部分戶政事務所試辦週六上午服務，受理結婚、出生等登記。",
    lesson: "他山之石：可評估本所假日服務需求，納入創新提案。",
    tags: ["假日服務", "創新"],
  });
  await circulate(db, supervisor, circulated, {
    kind: "mandatory",
    dueOn: day(5),
    audienceWholeOffice: true,
    audienceRoles: [],
    audienceUserIds: [],
    note: "請同仁閱讀並注意委託申請謄本之身分核對。",
  }, now);
  const readers = await Promise.all(["FB011", "FB013", "FB015", "FB016", "FB017", "FB018", "FB019", "FB020"].map((no) => actor(db, no)));
  for (const [i, r] of readers.entries()) await acknowledge(db, r, circulated, i === 0 ? "已了解，會加強核對。" : "", now);
}
