// Knowledge-base history (特殊案例彙編, seed 基礎服務 3.(2)) and news clippings with their circulation
// (新聞蒐集與傳閱, 3.(4)) for one office: per 5 years about 2,000 cases and 1,000 clippings.
//
// Written straight into the tables, as cases.server.ts and clippings.server.ts would have left them:
// - a case keeps one revision per save (create, the author's draft edits, a reviewer's correction of a
//   published case), each a snapshot of the stored fields and state at that time; submitting,
//   returning and publishing change the state without a revision (changeCaseState); a return leaves
//   its reason in review_note until the next submission clears it;
// - the search vector is the product's own `weightedVector` over the same fields and weights as
//   cases.server.ts `searchVectorOf` (clippings: clippings.server.ts `writeSearch`), so a two-character
//   query such as 認領 or 謄本 finds them;
// - superseded is a mark (superseded_by) pointing to a newer published case that is not itself marked;
// - circulation recipients are resolved with `resolveRecipients` (the sender left out), receipts are
//   built with `recordOpen` / `recordAcknowledgement`, and a clipping edited in substance while
//   circulating has a higher version, so acknowledgements of the earlier version no longer count
//   (and a 必閱 due within three days of the edit moved to a week after it, as updateClipping does).
// Nothing happens on `ctx.to` itself (today): every generated moment is before today's midnight.
// Notifications and audit rows of the history are not generated.
import { sql, type Insertable } from "kysely";
import type { Database, Role } from "../../db/schema";
import { formatLegalBasis, type CaseCategory, type LegalBasis } from "../../app/modules/knowledge/case-rules";
import {
  emptyReceipt,
  recordAcknowledgement,
  recordOpen,
  resolveRecipients,
  type OfficeMember,
  type Receipt,
} from "../../app/modules/knowledge/circulation";
import { markdownToPlainText } from "../../app/modules/knowledge/markdown";
import type { CaseInput } from "../../app/modules/knowledge/cases.server";
import { weightedVector } from "../../app/modules/search/bigrams";
import { addDays, between, daysBetween, insertBatches, isWeekday, pick, taipeiInstant, type OfficeContext, weekdayOnOrAfter } from "./context";

const CASES_PER_YEAR = 400;
const CLIPPINGS_PER_YEAR = 200;
const DAY_MS = 86_400_000;

// ------------------------------------------------------------------------------ text banks

const law = (name: string, article: string): LegalBasis => ({ kind: "law", law: name, article });
const letter = (documentNumber: string, date: string, summary: string): LegalBasis => ({ kind: "interpretation", issuer: "內政部", documentNumber, date, summary });

interface Scenario {
  category: CaseCategory;
  stem: string;
  /** Circumstances that make one case differ from another; each appears in the title and the facts. */
  variants: string[];
  /** {v}: the variant, {place}: a district, {when}: 民國年月. */
  facts: string;
  issue: string;
  handling: string;
  legalBasis: LegalBasis[];
  lessons: string;
  tags: string[];
  body?: string;
}

// Legal citations are limited to articles the quiz banks cite (as seeds/demo-knowledge.ts does).
const SCENARIOS: Scenario[] = [
  {
    category: "acknowledgement",
    stem: "生父認領非婚生子女之認領登記",
    variants: ["生母未偕同到場", "生父為外籍人士", "子女已成年", "生父持法院確定判決", "子女出生後即申請"],
    facts: "{when}，非婚生子女之生父至所申請認領登記（{v}），檢附認領書及身分證明文件，子女現住{place}。",
    issue: "認領登記之申請人及應備文件為何？{v}是否影響受理？",
    handling: "依戶籍法以認領人為申請人受理認領登記，核對認領人與子女出生登記資料，並告知認領後子女姓氏之約定方式。",
    legalBasis: [law("民法", "1065"), law("戶籍法", "30")],
    lessons: "認領為生父之單獨行為，原則上不得委託他人申請；受理時注意確認認領人身分與子女出生登記資料一致。",
    tags: ["認領", "非婚生子女", "生父"],
    body: "## 受理要點\n\n1. 確認認領人**親自**到場\n2. 核對子女出生登記資料\n3. 告知從姓約定方式",
  },
  {
    category: "acknowledgement",
    stem: "生父撫育視為認領之登記疑義",
    variants: ["僅有匯款紀錄", "生父已死亡", "子女與生父同住多年", "生母反對登記"],
    facts: "{when}，民眾主張生父長期撫育其非婚生子女（{v}），至所要求直接登記為認領，當事人設籍{place}。",
    issue: "「經生父撫育者，視為認領」應如何證明並登記？",
    handling: "請申請人提出撫育事實之具體證明文件，依程序審查後辦理；無法證明者，告知得由生父辦理認領或循司法途徑確認。",
    legalBasis: [law("民法", "1065")],
    lessons: "撫育事實須有具體證明，不宜僅憑當事人陳述；有爭議時宜請示上級機關。",
    tags: ["認領", "撫育"],
  },
  {
    category: "acknowledgement",
    stem: "生父生母結婚後之準正登記",
    variants: ["子女已入學", "婚前已辦認領", "生父為大陸地區人民", "子女為雙胞胎"],
    facts: "{when}，非婚生子女之生父與生母辦妥結婚登記後（{v}），至所詢問子女身分應如何變更，戶籍在{place}。",
    issue: "生父與生母結婚後，子女是否須另辦認領登記？",
    handling: "依民法規定，生父與生母結婚者，其非婚生子女視為婚生子女，無須另為認領，逕依規定辦理父母欄及身分之變更登記。",
    legalBasis: [law("民法", "1064")],
    lessons: "準正與認領效果不同，櫃台說明時應避免誤導民眾另辦認領。",
    tags: ["準正", "認領", "婚生子女"],
  },
  {
    category: "birth",
    stem: "子女從姓約定書之補正",
    variants: ["父母一方在國外", "約定書簽名不全", "父母離婚中", "第二胎與長子女不同姓"],
    facts: "{when}，父母至所辦理子女出生登記時未完成從姓約定（{v}），住址在{place}。",
    issue: "出生登記前未約定或約定不全者如何處理？",
    handling: "依民法規定，父母應於出生登記前以書面約定子女從父姓或母姓，未約定或約定不成者於戶政事務所抽籤決定；本件告知並依程序辦理。",
    legalBasis: [law("民法", "1059")],
    lessons: "出生登記時務必先確認從姓約定書已完備，簽名欄位不得缺漏。",
    tags: ["出生登記", "從姓"],
  },
  {
    category: "birth",
    stem: "逾期申請出生登記之受理",
    variants: ["出生逾六十日", "在國外出生返國申報", "父母忘記申報", "醫院出生證明補發"],
    facts: "{when}，新生兒出生已逾法定期間（{v}），父母始至所申請出生登記，戶籍地為{place}。",
    issue: "逾法定期間申請之戶籍登記應否受理？是否處罰鍰？",
    handling: "逾期仍應受理出生登記；無正當理由未於法定期間申請者，依規定處理逾期申請之罰鍰事宜。",
    legalBasis: [law("戶籍法", "48"), law("戶籍法", "79")],
    lessons: "受理逾期案件時先詢問逾期原因並留存紀錄，作為是否處罰之依據。",
    tags: ["出生登記", "逾期", "罰鍰"],
  },
  {
    category: "birth",
    stem: "非婚生子女出生登記之姓氏",
    variants: ["生母為外籍人士", "生父欲同時認領", "生母未成年", "醫院通報資料不全"],
    facts: "{when}，生母至所申請非婚生子女出生登記（{v}），詢問子女得否從生父姓，戶籍在{place}。",
    issue: "非婚生子女出生登記時之姓氏如何決定？",
    handling: "依規定非婚生子女從母姓登記；經生父認領後，得依民法規定約定變更為父姓或母姓。",
    legalBasis: [law("民法", "第1059條之1"), law("戶籍法", "49")],
    lessons: "先辦出生登記、再辦認領與從姓約定，順序應向民眾說明清楚。",
    tags: ["出生登記", "非婚生子女", "從姓"],
  },
  {
    category: "death",
    stem: "死亡登記申請人順序之疑義",
    variants: ["配偶失聯", "子女均在國外", "同居人持死亡證明書", "殯葬業者代為詢問"],
    facts: "{when}，民眾持死亡證明書至所申請死亡登記（{v}），死者生前設籍{place}。",
    issue: "死亡登記之申請人為何人？非申請人得否受理？",
    handling: "依戶籍法所定申請人順序受理；申請人不能親自申請時，得以書面委託他人為之，並核對委託書及身分證明。",
    legalBasis: [law("戶籍法", "47"), law("戶籍法", "14")],
    lessons: "死亡登記家屬情緒較易波動，說明申請人順序時宜耐心並提供書面資料。",
    tags: ["死亡登記", "申請人", "委託"],
  },
  {
    category: "death",
    stem: "醫療機構死亡通報與家屬申報不一致",
    variants: ["死亡日期不同", "死者姓名有誤植", "通報未送達", "跨縣市就醫死亡"],
    facts: "{when}，家屬申請死亡登記時，發現醫療機構通報資料與死亡證明書記載不一致（{v}），死者設籍{place}。",
    issue: "通報資料與證明文件不一致時，應以何者為準？",
    handling: "以正本證明文件為準受理，並函請醫療機構更正通報資料，留存函文以備查考。",
    legalBasis: [law("戶籍法", "14")],
    lessons: "跨機關通報資料常有誤植，受理時逐欄核對，並即時通知通報機關。",
    tags: ["死亡登記", "通報", "醫療機構"],
  },
  {
    category: "marriage",
    stem: "結婚登記雙方當事人親自到場之認定",
    variants: ["一方行動不便", "一方在監服刑", "一方為外籍人士尚未入境", "雙方均為高齡長者"],
    facts: "{when}，新人至所辦理結婚登記，其中一方無法到場（{v}），戶籍分別在{place}及外縣市。",
    issue: "結婚登記得否委託他人或由一方申請？",
    handling: "結婚登記以雙方當事人為申請人，原則上不得委託；有正當理由者，經戶政事務所核准後始得委託，本件依程序簽請核准。",
    legalBasis: [law("民法", "982"), law("戶籍法", "33"), law("戶籍法", "47")],
    lessons: "正當理由之認定應留存佐證資料，並由主管核准後受理。",
    tags: ["結婚登記", "親自到場", "委託"],
  },
  {
    category: "marriage",
    stem: "結婚證人資格與簽名疑義",
    variants: ["證人未滿十八歲", "證人為外籍人士", "證人簽名以指印代之", "證人為當事人子女"],
    facts: "{when}，民眾持結婚書約申請結婚登記，書約上證人之資格有疑義（{v}），申請人住{place}。",
    issue: "結婚書約之證人應具備何種資格？",
    handling: "依民法規定結婚應以書面為之，有二人以上證人之簽名；證人須有行為能力，本件核對後請當事人補正。",
    legalBasis: [law("民法", "982")],
    lessons: "受理前先檢視書約證人欄，避免登記後始發現瑕疵。",
    tags: ["結婚登記", "證人"],
  },
  {
    category: "marriage",
    stem: "夫妻冠姓與回復本姓之申請",
    variants: ["婚後多年始申請冠姓", "離婚後申請回復本姓", "同一婚姻第二次申請回復", "外籍配偶申請冠姓"],
    facts: "{when}，民眾至所申請冠姓或回復本姓（{v}），戶籍在{place}。",
    issue: "冠姓與回復本姓之要件及次數限制為何？",
    handling: "依民法規定夫妻得書面約定冠姓並登記；冠姓之一方得隨時回復本姓，但同一婚姻關係存續中以一次為限，本件依規定審查。",
    legalBasis: [law("民法", "1000")],
    lessons: "查詢當事人歷次冠姓及回復紀錄，再決定是否受理。",
    tags: ["冠姓", "回復本姓"],
  },
  {
    category: "divorce",
    stem: "兩願離婚一方拒絕到場辦理離婚登記",
    variants: ["協議書已公證", "一方已出境", "一方住院中", "證人僅一人簽名"],
    facts: "{when}，夫妻已簽訂離婚協議書（{v}），但一方拒絕至戶政事務所辦理離婚登記，另一方住{place}。",
    issue: "兩願離婚未經登記之效力為何？",
    handling: "告知兩願離婚應向戶政機關為離婚登記始生效力，並說明得循訴訟等其他途徑處理。",
    legalBasis: [law("民法", "1050"), law("戶籍法", "34")],
    lessons: "受理時清楚說明登記為生效要件，避免民眾誤認協議書簽妥即已離婚。",
    tags: ["離婚", "兩願離婚"],
  },
  {
    category: "divorce",
    stem: "法院判決離婚之登記",
    variants: ["判決書未附確定證明", "當事人一方申請", "涉外離婚判決", "調解離婚筆錄"],
    facts: "{when}，民眾持法院離婚文件至所申請離婚登記（{v}），戶籍在{place}。",
    issue: "判決、調解或和解離婚之登記應備文件及申請人？",
    handling: "經法院判決確定、調解或和解成立之離婚，得由當事人一方申請，並應檢附確定證明或筆錄；本件核對文件後受理或請補正。",
    legalBasis: [law("戶籍法", "34")],
    lessons: "判決書須附確定證明書，調解、和解筆錄則無須另附。",
    tags: ["離婚", "法院判決", "調解"],
  },
  {
    category: "migration",
    stem: "出境滿二年之遷出登記與入境期間計算",
    variants: ["以外國護照入境", "短暫返國參加喪禮", "在國外就學", "長期外派工作"],
    facts: "{when}，民眾出境後返國（{v}），主張已入境不應辦理遷出登記，原設籍{place}。",
    issue: "未持我國護照入境之期間是否中斷出境二年之計算？",
    handling: "未持我國護照或入國證明文件入境者，其入境期間仍列入出境二年之計算，依規定辦理遷出登記。",
    legalBasis: [law("戶籍法", "16"), law("戶籍法", "42")],
    lessons: "查詢入出境資料時應同時確認入境所持證件別。",
    tags: ["遷出", "出境", "護照"],
  },
  {
    category: "migration",
    stem: "遷入地戶政事務所一次辦理遷出遷入",
    variants: ["跨縣市遷入", "全戶遷徙", "戶長失聯", "遷入親友戶內"],
    facts: "{when}，民眾欲由原戶籍地遷入{place}（{v}），詢問是否須先回原戶政事務所辦理遷出。",
    issue: "國內遷徙之遷出登記應向何處申請？",
    handling: "國內遷出登記應向遷入地戶政事務所為之，民眾在遷入地一次辦理遷出與遷入；全戶遷徙以戶長為申請人。",
    legalBasis: [law("戶籍法", "26"), law("戶籍法", "41")],
    lessons: "一處收件、全程服務，減少民眾往返。",
    tags: ["遷徙", "遷入", "一處收件"],
  },
  {
    category: "migration",
    stem: "全戶遷離戶籍地之暫遷戶所",
    variants: ["房屋所有權人申請", "房屋已拆除", "無人申請經查訪", "法院拍賣後新屋主申請"],
    facts: "{when}，{place}某址全戶已遷離且未申報遷徙（{v}），經查訪無法催告。",
    issue: "全戶遷離無法催告時，戶政事務所得如何處理？",
    handling: "經房屋所有權人、管理機關申請或無人申請時，依規定將其全戶戶籍暫遷至戶政事務所，並註記原因。",
    legalBasis: [law("戶籍法", "50")],
    lessons: "暫遷前應完成查訪並留存紀錄，避免影響當事人權益。",
    tags: ["遷徙", "暫遷", "戶所"],
  },
  {
    category: "adoption",
    stem: "收養登記與法院認可裁定確定證明",
    variants: ["繼親收養", "收養成年人", "夫妻共同收養", "收養外籍子女"],
    facts: "{when}，收養人持法院認可收養之裁定申請收養登記（{v}），未附確定證明書，戶籍在{place}。",
    issue: "收養登記應備文件及收養者年齡差距之要件？",
    handling: "請補附裁定確定證明書後受理；並核對收養者與被收養者之年齡差距符合規定。",
    legalBasis: [law("民法", "1079"), law("民法", "1073")],
    lessons: "收養以法院認可裁定確定時生效，受理時先確認確定日期。",
    tags: ["收養", "法院認可"],
  },
  {
    category: "adoption",
    stem: "未成年養子女終止收養之登記",
    variants: ["養父母已離婚", "生父母欲回復親權", "養子女即將成年", "養父已死亡"],
    facts: "{when}，養父母與未成年養子女合意終止收養（{v}），至所申請終止收養登記，戶籍在{place}。",
    issue: "養子女為未成年人時，合意終止收養應具備何種程序？",
    handling: "合意終止應以書面為之，養子女為未成年人者並應向法院聲請認可；本件請申請人補附法院認可裁定及確定證明。",
    legalBasis: [law("民法", "1080"), law("戶籍法", "47")],
    lessons: "終止收養原則上不得委託他人申請，受理前應先確認到場人員。",
    tags: ["收養", "終止收養"],
  },
  {
    category: "guardianship",
    stem: "監護宣告後之監護登記",
    variants: ["監護人為社福機構", "同時選定二名監護人", "輔助宣告", "監護人住所在外縣市"],
    facts: "{when}，法院裁定監護宣告後，監護人至所申請監護登記（{v}），受監護宣告人設籍{place}。",
    issue: "監護登記之申請人、期限及應備文件？",
    handling: "依裁定確定證明及監護人身分證明受理監護登記，並於戶籍資料註記；逾期申請者依規定處理。",
    legalBasis: [law("戶籍法", "48")],
    lessons: "注意法院裁定之監護人人數與權限範圍，正確登載。",
    tags: ["監護", "監護宣告", "輔助宣告"],
  },
  {
    category: "name_change",
    stem: "字義粗俗不雅申請改名之次數限制",
    variants: ["未成年人第二次改名", "成年後第三次改名", "音譯過長", "算命建議改名"],
    facts: "{when}，民眾以特殊原因申請改名（{v}），戶籍在{place}，查詢其歷次改名紀錄。",
    issue: "依字義粗俗不雅或特殊原因申請改名，次數以幾次為限？",
    handling: "依規定以三次為限，未成年人第二次改名應於成年後始得為之；本件查明次數後依規定受理或婉拒。",
    legalBasis: [law("姓名條例", "9")],
    lessons: "改名前先查詢全部改名紀錄，並告知改名後須換領國民身分證。",
    tags: ["改名", "姓名條例"],
  },
  {
    category: "name_change",
    stem: "歸化取用中文姓名與外文姓名並列",
    variants: ["原名為越南文", "原名過長", "擬取用配偶姓氏", "原名含特殊字母"],
    facts: "{when}，外籍人士歸化我國後至所申請初設戶籍並取用中文姓名（{v}），擬設籍{place}。",
    issue: "歸化者之中文姓名得否與原有外文姓名並列登記？",
    handling: "外國人歸化取用中文姓名時，得以原有外文姓名之羅馬拼音並列登記，不受本名以一個為限之限制。",
    legalBasis: [law("姓名條例", "4"), law("姓名條例", "1")],
    lessons: "並列登記之外文姓名以羅馬拼音為限，並應與護照一致。",
    tags: ["姓名", "歸化", "外文姓名"],
  },
  {
    category: "nationality",
    stem: "歸化後提出喪失原有國籍證明之期限",
    variants: ["原屬國須滿一定年齡始得喪失", "原屬國證明遲未核發", "已逾一年期限", "申請展延"],
    facts: "{when}，經許可歸化之新住民至所詢問喪失原有國籍證明之提出期限（{v}），設籍{place}。",
    issue: "歸化後應於多久內提出喪失原有國籍證明？逾期效果為何？",
    handling: "原則上應於許可歸化之日起一年內提出；依原屬國法令須滿一定年齡始得喪失者，自滿該年齡之日起算，本件依規定說明並協助轉報。",
    legalBasis: [law("國籍法", "9")],
    lessons: "提醒新住民留意期限，必要時協助聯繫原屬國駐臺機構。",
    tags: ["國籍", "歸化", "新住民"],
  },
  {
    category: "nationality",
    stem: "喪失國籍許可後之戶籍處理",
    variants: ["未成年子女隨同喪失", "取得外國國籍後申請", "尚有兵役義務", "申請撤銷喪失"],
    facts: "{when}，民眾經內政部許可喪失中華民國國籍（{v}），家屬至所詢問戶籍處理方式，原設籍{place}。",
    issue: "喪失國籍後其戶籍應如何處理？",
    handling: "依許可函辦理喪失國籍之戶籍登記並註記，相關證件依規定繳回或註銷。",
    legalBasis: [law("國籍法", "11")],
    lessons: "喪失國籍涉及多項權益，受理時提供書面說明。",
    tags: ["國籍", "喪失國籍"],
  },
  {
    category: "seal",
    stem: "印鑑證明委任申請之核對",
    variants: ["委任書以指印代簽名", "受任人為仲介業者", "委任人在國外", "委任人為高齡長者"],
    facts: "{when}，受任人持委任書代為申請印鑑證明（{v}），委任人設籍{place}。",
    issue: "委任申請印鑑證明時應如何核對委任真意？",
    handling: "核對委任書、雙方身分證明及印鑑；有疑義時以電話向委任人查證，並於申請書註記查證情形。",
    legalBasis: [letter("台內戶字第1130135337號", "2024-08-30", "受任人不宜擔任見證人")],
    lessons: "印鑑證明常涉不動產交易，冒領風險高，查證紀錄務必完整。",
    tags: ["印鑑證明", "委任", "查證"],
    body: "## 查證步驟\n\n1. 核對委任書與印鑑\n2. 電話查證委任人\n3. 於申請書註記查證時間與人員",
  },
  {
    category: "seal",
    stem: "印鑑變更登記與舊印鑑註銷",
    variants: ["原印鑑遺失", "改名後變更印鑑", "印鑑磨損", "家屬代為申請"],
    facts: "{when}，民眾至所申請印鑑變更登記（{v}），戶籍在{place}。",
    issue: "印鑑變更時，舊印鑑如何處理？得否委任？",
    handling: "受理變更登記並註銷原印鑑，本人親自申請者當場辦理；委任申請者依規定加強核對。",
    legalBasis: [],
    lessons: "變更後應提醒民眾通知往來金融機構更新印鑑資料。",
    tags: ["印鑑", "印鑑變更"],
  },
  {
    category: "id_card",
    stem: "旅館業者扣留國民身分證之處理",
    variants: ["作為付款擔保", "租車業者扣證", "雇主保管證件", "網咖要求押證"],
    facts: "{when}，民眾反映業者要求押國民身分證（{v}），事發地點在{place}。",
    issue: "國民身分證得否被扣留？",
    handling: "告知任何人不得扣留他人國民身分證，並提供相關規定供民眾主張權益；必要時協助通報主管機關。",
    legalBasis: [law("戶籍法", "56")],
    lessons: "民眾遇扣證情形可向警察機關報案，櫃台可提供規定條文供其出示。",
    tags: ["身分證", "扣留"],
  },
  {
    category: "id_card",
    stem: "補領國民身分證須本人親自申請",
    variants: ["本人住院無法到場", "本人為身心障礙者", "本人在監服刑", "短期內多次補領"],
    facts: "{when}，家屬代為詢問補領國民身分證事宜（{v}），當事人設籍{place}。",
    issue: "補領國民身分證得否委託他人？",
    handling: "初領或補領國民身分證應由本人親自為之；本人行動不便者，得申請到府服務，本件協助安排。",
    legalBasis: [law("戶籍法", "60"), law("戶籍法", "61")],
    lessons: "短期內多次補領者應注意冒用風險，加強身分核對。",
    tags: ["身分證", "補領", "到府服務"],
  },
  {
    category: "id_card",
    stem: "記載事項變更應同時換領國民身分證",
    variants: ["改名後未換領", "住址變更", "更換相片", "役別記載變更"],
    facts: "{when}，民眾辦理戶籍登記致國民身分證記載事項變更（{v}），戶籍在{place}。",
    issue: "戶籍登記致身分證記載事項變更時是否應換領？",
    handling: "依規定應同時申請換領國民身分證；更換相片換領者應由本人親自為之。",
    legalBasis: [law("戶籍法", "58")],
    lessons: "登記完成後提醒民眾一併換領，避免證件資料不一致。",
    tags: ["身分證", "換領"],
  },
  {
    category: "transcript",
    stem: "利害關係人申請戶籍謄本之範圍",
    variants: ["債權人持法院文件", "律師代為申請", "保險公司申請", "繼承人申請被繼承人謄本"],
    facts: "{when}，利害關係人申請他人之戶籍謄本（{v}），要求提供全戶資料，當事人設籍{place}。",
    issue: "利害關係人得申請之戶籍謄本範圍為何？",
    handling: "僅提供有利害關係部分之戶籍資料或謄本，並依規定收取規費。",
    legalBasis: [law("戶籍法", "65"), law("戶籍法", "69")],
    lessons: "核對利害關係證明文件，並以最小範圍提供，避免個資外洩。",
    tags: ["戶籍謄本", "利害關係人", "個資"],
  },
  {
    category: "transcript",
    stem: "跨所申請戶籍謄本與戶籍檔案原始資料",
    variants: ["申請日據時期資料", "申請手抄本", "申請除戶謄本", "申請全戶現戶謄本"],
    facts: "{when}，民眾至本所申請其他戶政事務所轄區之戶籍資料（{v}），原戶籍在{place}。",
    issue: "戶籍謄本與戶籍檔案原始資料之受理所有何不同？",
    handling: "戶籍謄本得向任一戶政事務所申請；戶籍檔案原始資料應向原戶籍登記之戶政事務所申請，本件依規定說明並協助聯繫。",
    legalBasis: [law("戶籍法", "66")],
    lessons: "原始資料須由原登記所調閱，可先電話確認該所存檔狀況。",
    tags: ["戶籍謄本", "原始資料", "跨所"],
  },
  {
    category: "transcript",
    stem: "冒用身分申請戶籍謄本之防範",
    variants: ["偽造委任書", "持他人遺失之身分證", "電話查證發現不符", "同一人短期大量申請"],
    facts: "{when}，有人持委任書申請他人戶籍謄本，經查有冒用之虞（{v}），當事人設籍{place}。",
    issue: "發現疑似冒用身分申請謄本時如何處理？",
    handling: "暫不核發並以電話向當事人查證；確認冒用者移請警察機關偵辦，並依規定通報。",
    legalBasis: [law("戶籍法", "75"), law("戶籍法", "65")],
    lessons: "委託申請謄本時應確實核對委任書、受任人身分證明及委任人簽章，必要時電話查證。",
    tags: ["戶籍謄本", "冒用", "委任"],
  },
  {
    category: "house_number",
    stem: "門牌整編後遷入登記之查證",
    variants: ["新舊門牌並存", "違章建築申請門牌", "道路更名", "門牌重複編釘"],
    facts: "{when}，民眾遷入{place}某址，因門牌整編資料與文件記載不一致（{v}）。",
    issue: "門牌整編後遷入登記應以何者為準？",
    handling: "查證門牌整編資料後以現行門牌辦理遷入，並於備註欄載明整編前門牌以利查考。",
    legalBasis: [],
    lessons: "門牌異動後應同步更新內部對照資料，減少查證時間。",
    tags: ["門牌", "整編", "遷入"],
  },
  {
    category: "house_number",
    stem: "新建大樓門牌初編之申請",
    variants: ["建商統一申請", "地下室編釘門牌", "店面與住宅分別編釘", "使用執照未核發"],
    facts: "{when}，{place}新建大樓申請門牌初編（{v}）。",
    issue: "新建房屋門牌初編之要件及應備文件？",
    handling: "依使用執照及平面圖審查後編釘門牌，並通知相關機關更新地址資料。",
    legalBasis: [],
    lessons: "編釘前實地勘查，確認出入口與臨路情形。",
    tags: ["門牌", "初編"],
  },
  {
    category: "other",
    stem: "委任書見證人之資格疑義",
    variants: ["受任人擔任見證人", "見證人為委任人家屬", "見證人未附身分證明", "以指印代簽名"],
    facts: "{when}，委任人以指印代簽名委任他人辦理登記，見證人資格有疑義（{v}），委任人設籍{place}。",
    issue: "受任人得否擔任委任書之見證人？",
    handling: "參照民法第3條之法理及內政部函釋，受任人不宜擔任見證人，請另覓二人簽名證明。",
    legalBasis: [law("民法", "3"), letter("台內戶字第1130135337號", "2024-08-30", "受任人不宜擔任見證人")],
    lessons: "以指印代簽名之委任書，應特別注意見證人之公正立場。",
    tags: ["委任", "見證人", "指印"],
    body: "## 受理要點\n\n1. 確認委任人**親自**按捺指印\n2. 見證人二人，**不得為受任人**\n3. 影印留存見證人身分證明\n\n參考：[全國法規資料庫](https://law.moj.gov.tw/)",
  },
  {
    category: "other",
    stem: "故意為不實戶籍登記申請之處理",
    variants: ["虛偽遷入取得學區", "假結婚", "虛報同居", "提供不實租約"],
    facts: "{when}，經查民眾申請之戶籍登記疑有不實（{v}），涉及{place}某址。",
    issue: "發現不實申請時應如何處理？",
    handling: "依規定撤銷不實之登記，並依戶籍法處罰鍰；涉及刑責者移送檢察機關。",
    legalBasis: [law("戶籍法", "76")],
    lessons: "學區遷入季節前後特別留意同址大量遷入情形。",
    tags: ["不實申請", "罰鍰", "學區"],
  },
  {
    category: "other",
    stem: "戶口名簿補領之申請人與受理所",
    variants: ["戶長失智", "戶長在國外", "戶內成員申請", "戶口名簿遭扣押"],
    facts: "{when}，戶內成員至所申請補領戶口名簿（{v}），戶籍在{place}。",
    issue: "補領戶口名簿應由何人向何處申請？",
    handling: "補領或換領戶口名簿由戶長親自或以書面委託他人，向任一戶政事務所為之；戶長無法委託者，依規定協助處理。",
    legalBasis: [law("戶籍法", "63")],
    lessons: "補領戶口名簿須收取規費，並提醒舊名簿作廢。",
    tags: ["戶口名簿", "補領", "戶長"],
  },
];

/** 臺南市 districts (the texts vary between 臺 and 台, as people write both). */
const PLACES = [
  "臺南市安南區", "臺南市北區", "臺南市中西區", "臺南市東區", "臺南市南區", "臺南市安平區", "臺南市永康區", "臺南市歸仁區",
  "臺南市新化區", "臺南市新營區", "臺南市善化區", "臺南市佳里區", "臺南市麻豆區", "臺南市仁德區", "台南市關廟區", "台南市學甲區",
  "台南市鹽水區", "台南市白河區", "台南市玉井區", "台南市七股區", "臺南市官田區", "臺南市六甲區", "臺南市柳營區", "臺南市後壁區",
];

/** Where 他所 cases came from (some from outside the city). */
const OTHER_OFFICES = [
  "臺南市安南區戶政事務所", "臺南市永康區戶政事務所", "臺南市新營區戶政事務所", "高雄市三民區戶政事務所",
  "新北市板橋區戶政事務所", "臺中市西屯區戶政事務所", "嘉義市東區戶政事務所", "屏東縣屏東市戶政事務所",
];

const EDIT_REASONS = ["補充案情", "補充法令依據", "修正處理經過文字", "補充心得與建議", "調整標籤"];
const RETURN_REASONS = [
  "請補充法令依據之條次，並說明受理時核對之文件。",
  "案情描述過於簡略，請補充申請人身分與到場情形。",
  "處理經過與結論不一致，請再確認後修正。",
  "涉及個資之描述請去識別化後再送審。",
  "請補充本案對同仁之建議事項。",
];
const CORRECT_REASONS = ["法令條次更正", "依新函釋補充說明", "更正錯別字", "補充相關案例連結說明", "依業務會議決議修正處理方式"];

interface ClippingTemplate {
  title: string;
  summary: string;
  lesson: string;
  tags: string[];
}

/** {city}: a city or county, {service}: a registration service. */
const CLIPPINGS: ClippingTemplate[] = [
  {
    title: "{city}男子冒用身分申辦戶籍謄本遭起訴",
    summary: "{city}發生以偽造委任書冒名申請他人戶籍謄本之案件，承辦人員因未確實核對身分遭檢討。",
    lesson: "委託申請謄本時，應確實核對委任書、受任人身分證明及委任人簽章，必要時電話查證。",
    tags: ["戶籍謄本", "冒用", "委任"],
  },
  {
    title: "{city}戶政推出{service}夜間延長服務",
    summary: "{city}部分戶政事務所試辦平日夜間延長服務時段，受理{service}等業務，上班族反應良好。",
    lesson: "可評估本所延長服務之需求與人力，納入創新提案研議。",
    tags: ["延長服務", "創新", "便民"],
  },
  {
    title: "{city}推廣行動自然人憑證 {service}可線上申辦",
    summary: "{city}推廣行動自然人憑證，民眾可於更多線上服務使用，免臨櫃申辦{service}等部分業務。",
    lesson: "櫃台可主動向民眾介紹線上申辦管道，分散臨櫃人潮。",
    tags: ["自然人憑證", "E化服務", "線上申辦"],
  },
  {
    title: "{city}假結婚集團遭破獲 戶政人員協助發現異常",
    summary: "{city}警方破獲假結婚集團，戶政人員於受理結婚登記時發現同一證人多次出現，主動通報。",
    lesson: "受理結婚登記時留意證人、住址重複等異常情形，依規定通報。",
    tags: ["結婚登記", "假結婚", "通報"],
  },
  {
    title: "學區遷入季節將至 {city}加強查核虛偽遷入",
    summary: "{city}教育及戶政單位宣布加強查核為取得學區而虛偽遷入之情形，違者依法處罰。",
    lesson: "遷入登記旺季應留意同址大量遷入，必要時實地查訪。",
    tags: ["遷徙", "學區", "虛偽遷入"],
  },
  {
    title: "{city}議會關切新式數位身分證換發規劃",
    summary: "{city}議員質詢新式數位國民身分證之換發時程與資安防護，內政部表示將持續與各界溝通。",
    lesson: "民眾詢問換證時程時，以內政部公告為準，避免櫃台各自說明。",
    tags: ["身分證", "數位身分證", "政策"],
  },
  {
    title: "{city}戶所櫃台設置多語服務 協助新住民辦理{service}",
    summary: "{city}戶政事務所於櫃台提供越南語、印尼語等多語服務及說明卡，協助新住民辦理{service}。",
    lesson: "可參考製作本所多語應備文件說明卡，提升新住民服務品質。",
    tags: ["新住民", "多語服務", "友善服務"],
  },
  {
    title: "{city}原住民族回復傳統名字登記人數增加",
    summary: "{city}原住民族以傳統名字登記並以羅馬拼音並列之人數增加，戶政單位簡化申請程序。",
    lesson: "櫃台應熟悉傳統名字登記規定及並列方式，並準備書寫範例。",
    tags: ["姓名", "原住民族", "法規修正"],
  },
  {
    title: "{city}長者遭詐騙 歹徒誘騙申請印鑑證明",
    summary: "{city}高齡長者遭詐騙集團誘騙至戶政事務所申請印鑑證明，經櫃台人員關懷詢問後及時阻止。",
    lesson: "長者申請印鑑證明時可適度關懷詢問用途，發現疑似詐騙立即通報警察機關。",
    tags: ["印鑑證明", "詐騙", "長者"],
  },
  {
    title: "{city}戶政事務所到府服務 協助行動不便者換證",
    summary: "{city}戶政事務所主動提供行動不便民眾到府換發國民身分證及{service}服務。",
    lesson: "本所到府服務流程可參考其預約與人力調度方式。",
    tags: ["到府服務", "身分證", "便民"],
  },
  {
    title: "{city}推動跨機關通報 出生登記一站完成",
    summary: "{city}整合醫院、戶政與衛生單位，新生兒出生登記時一併辦理健保及育兒津貼申請。",
    lesson: "可研議與轄內醫療院所合作之一站式服務。",
    tags: ["出生登記", "跨機關", "一站式服務"],
  },
  {
    title: "{city}公務員違法查詢個資遭懲處 機關加強稽核",
    summary: "{city}發生公部門人員違法查詢個資案件遭懲處，各機關加強查詢紀錄稽核。",
    lesson: "查詢戶籍資料必須有業務需要並留存紀錄，切勿受人請託查詢。",
    tags: ["個資", "資訊安全", "稽核"],
  },
  {
    title: "{city}戶所結合在地特色推出結婚登記紀念背板",
    summary: "{city}戶政事務所設計具在地特色之結婚登記拍照背板及紀念卡，吸引新人前往登記。",
    lesson: "可結合本區特色設計服務亮點，提升機關形象。",
    tags: ["結婚登記", "創新", "形象"],
  },
  {
    title: "颱風過後{city}戶所協助災民補發證件",
    summary: "{city}受颱風影響，戶政事務所開設臨時服務站，協助災民免費補發國民身分證及戶口名簿。",
    lesson: "本所應備妥災害時臨時服務站之設備清單與人力編組。",
    tags: ["災害", "補發", "身分證"],
  },
  {
    title: "{city}戶政服務滿意度調查出爐 {service}等候時間成焦點",
    summary: "{city}公布戶政服務滿意度調查結果，民眾對{service}之等候時間意見最多。",
    lesson: "可檢視本所尖峰時段人力配置與叫號分流方式。",
    tags: ["滿意度", "等候時間", "服務品質"],
  },
  {
    title: "遺產繼承申請謄本增加 {city}戶所提醒預先線上申請",
    summary: "{city}戶政事務所表示辦理繼承所需除戶謄本申請量增加，提醒民眾可先線上申請再臨櫃領取。",
    lesson: "櫃台可提供繼承應備謄本之清單，減少民眾往返。",
    tags: ["戶籍謄本", "繼承", "線上申請"],
  },
  {
    title: "{city}戶政事務所推出{service}預約服務 民眾免排隊",
    summary: "{city}戶政事務所開放{service}線上預約，民眾依預約時段到所辦理，免現場抽號等候。",
    lesson: "可評估本所開放線上預約之業務項目及櫃台配置。",
    tags: ["預約服務", "便民", "等候時間"],
  },
  {
    title: "{city}戶所志工協助長者填寫{service}申請書",
    summary: "{city}戶政事務所招募志工於服務台協助高齡長者填寫{service}等申請書，減少填寫錯誤。",
    lesson: "可研議本所志工服務或填寫範例之改善。",
    tags: ["志工", "長者", "友善服務"],
  },
  {
    title: "{city}試辦{service}跨機關線上查驗 民眾免附證明文件",
    summary: "{city}試辦跨機關資料線上查驗，民眾辦理{service}時免再檢附部分證明文件。",
    lesson: "留意上級機關推動之減免書證措施，櫃台說明應一致。",
    tags: ["減證便民", "跨機關", "線上查驗"],
  },
  {
    title: "{city}民眾冒名申請{service}遭查獲",
    summary: "{city}戶政人員受理{service}時發現申請人相片與檔存資料不符，經查證為冒名申請，移送警方偵辦。",
    lesson: "核對身分時應比對檔存相片，有疑義時請主管協助判斷。",
    tags: ["冒用", "身分核對", "通報"],
  },
];

const CITIES = [
  "臺南市", "高雄市", "臺中市", "臺北市", "新北市", "桃園市", "嘉義市", "嘉義縣", "屏東縣", "彰化縣", "雲林縣",
  "台南市", "宜蘭縣", "花蓮縣", "臺東縣", "新竹市", "新竹縣", "苗栗縣", "南投縣", "基隆市", "澎湖縣", "金門縣",
];
const SERVICES = ["戶籍謄本", "印鑑證明", "結婚登記", "出生登記", "遷徙登記", "身分證換發", "戶口名簿補領", "自然人憑證"];
const OUTLETS = ["自由時報", "聯合新聞網", "中時新聞網", "中央社", "公視新聞網", "地方新聞", "政府新聞稿", "內政部新聞稿", "ETtoday新聞雲"];
const ACK_COMMENTS = ["已了解，會加強核對。", "收到，謝謝分享。", "已閱，會提醒課內同仁。", "受益良多。", "已了解。"];
const CIRCULATION_NOTES = ["請同仁閱讀並注意相關作業規定。", "請各課同仁周知。", "請櫃台同仁特別留意。", "供同仁參考。", ""];

// ------------------------------------------------------------------------------ time

/** Working-day clock: moments during office hours in Taipei, never at or after today's midnight. */
function clockOf(ctx: OfficeContext) {
  const horizon = taipeiInstant(ctx.to, 0, 0);
  /** A moment during office hours on a weekday on or after `day`. */
  const during = (day: string) => taipeiInstant(weekdayOnOrAfter(day), between(ctx.rand, 8, 16), between(ctx.rand, 0, 59), between(ctx.rand, 0, 59));
  const dayOf = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
  /** `days` days after `at` (0: later the same day, when office hours allow). */
  const after = (at: Date, days: number) => {
    if (days === 0) {
      const sameDay = new Date(at.getTime() + between(ctx.rand, 10, 180) * 60_000);
      if (dayOf(sameDay) === dayOf(at) && sameDay.getTime() < taipeiInstant(dayOf(at), 17, 30).getTime()) return sameDay;
      days = 1;
    }
    return during(addDays(dayOf(at), days));
  };
  return { horizon, during, after, dayOf, past: (at: Date) => at.getTime() < horizon.getTime() };
}

/** A day in [from, to), uniformly. */
function dayIn(rand: () => number, from: string, to: string): string {
  return addDays(from, Math.floor(rand() * Math.max(1, daysBetween(from, to))));
}

const rocYearMonth = (day: string) => `${Number(day.slice(0, 4)) - 1911}年${Number(day.slice(5, 7))}月`;

// ------------------------------------------------------------------------------ generate

export async function generate(ctx: OfficeContext): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const local = { ...ctx, db: trx };
    const cases = await generateCases(local);
    const clippings = await generateClippings(local);
    ctx.log(`${cases.cases} cases (${cases.revisions} revisions, ${cases.reads} readers), ${clippings.clippings} clippings (${clippings.circulations} circulations, ${clippings.recipients} recipients)`);
  });
}

// ------------------------------------------------------------------------------ cases

type CaseRow = Insertable<Database["kbCases"]>;

/** A case as the product's form takes it. */
type CaseContent = CaseInput;

/** cases.server.ts `searchVectorOf`, field for field. */
function caseVector(c: CaseContent): string {
  return weightedVector([
    { text: c.title, weight: "A" },
    { text: c.tags.join(" "), weight: "B" },
    { text: [c.issue, c.legalBasis.map(formatLegalBasis).join("\n")].join("\n"), weight: "C" },
    { text: [c.facts, c.handling, c.lessons, markdownToPlainText(c.body), c.sourceOffice].join("\n"), weight: "D" },
  ]);
}

/** The stored snapshot of a revision (cases.server.ts writeRevision: the snapshot fields and the state). */
function snapshotOf(c: CaseContent, state: string) {
  return JSON.stringify({ ...c, state });
}

/** An earlier draft of the same case: one step less complete than `c` (what the later save added). */
function earlierDraft(c: CaseContent, step: number): CaseContent {
  switch (step % 4) {
    case 0:
      return { ...c, lessons: "" };
    case 1:
      return { ...c, legalBasis: c.legalBasis.slice(0, -1) };
    case 2:
      return { ...c, handling: c.handling.split("；")[0].split("，")[0] + "。" };
    default:
      return { ...c, tags: c.tags.slice(0, -1), body: "" };
  }
}

interface PlannedCase {
  content: CaseContent;
  scenario: number;
  row: CaseRow;
  vector: string;
  revisions: { at: Date; authorId: number; reason: string; snapshot: string }[];
  publishedAt: Date | null;
  archivedAt: Date | null;
  state: "draft" | "in_review" | "published" | "archived";
}

async function generateCases(ctx: OfficeContext) {
  const { rand, db } = ctx;
  const clock = clockOf(ctx);
  const total = Math.round(CASES_PER_YEAR * ctx.years);
  const director = ctx.directorId;
  const managers = [...new Set([...ctx.supervisorIds, director].filter((id): id is number => Boolean(id)))];
  // Writers: everyone but the director; a handful write most of the cases.
  const writers = ctx.people.filter((p) => p.id !== director).map((p) => p.id);
  const keen = writers.filter((_, i) => i % 6 === 1);
  const authorOf = () => (rand() < 0.6 && keen.length ? pick(rand, keen) : pick(rand, writers));

  // Designated reviewers (審核人) besides the supervisors: two experienced clerks, as setReviewers stores them.
  const existing = await db.selectFrom("kbReviewers").select("userId").where("officeId", "=", ctx.officeId).execute();
  const designated = existing.length
    ? existing.map((r) => r.userId)
    : writers.filter((id) => !managers.includes(id)).slice(2, 4);
  if (!existing.length && designated.length) {
    await insertBatches(db, "kbReviewers", designated.map((userId) => ({ officeId: ctx.officeId, userId })));
  }
  const reviewers = [...managers, ...designated];
  /** Someone other than the author who may publish, return or correct (reviewer or supervisor). */
  const reviewerFor = (authorId: number) => {
    const options = reviewers.filter((id) => id !== authorId);
    return options.length ? pick(rand, options) : authorId;
  };

  const titles = new Set<string>();
  const planned: PlannedCase[] = [];
  const lastDay = addDays(ctx.to, -1);
  for (let n = 0; n < total; n++) {
    // The last weeks hold a few more (drafts and reviews still open).
    const createdDay = n < total * 0.006 ? dayIn(rand, addDays(ctx.to, -20), ctx.to) : dayIn(rand, ctx.from, lastDay);
    const createdAt = clock.during(createdDay);
    if (!clock.past(createdAt)) {
      n--;
      continue;
    }
    const caseDate = addDays(clock.dayOf(createdAt), -between(rand, 1, 45));
    // Titles differ: a scenario and circumstance, then the district, then the month and district.
    let scenarioIndex = 0;
    let variant = "";
    let place = "";
    let title = "";
    for (let attempt = 0; !title; attempt++) {
      scenarioIndex = Math.floor(rand() * SCENARIOS.length);
      variant = pick(rand, SCENARIOS[scenarioIndex].variants);
      place = pick(rand, PLACES);
      const stem = SCENARIOS[scenarioIndex].stem;
      const district = place.slice(3);
      const candidates = [`${stem}（${variant}）`, `${stem}（${variant}，${district}）`, `${rocYearMonth(caseDate)}${district}${stem}（${variant}）`];
      title = candidates.find((t) => !titles.has(t)) ?? (attempt > 50 ? `${candidates[2]}（${n}）` : "");
    }
    titles.add(title);
    const s = SCENARIOS[scenarioIndex];
    const otherOffice = rand() < 0.15;
    const sourceOffice = otherOffice ? pick(rand, OTHER_OFFICES) : "";
    const fill = (text: string) => text.replaceAll("{v}", variant).replaceAll("{place}", place).replaceAll("{when}", rocYearMonth(caseDate));
    const content: CaseContent = {
      title,
      category: s.category,
      source: otherOffice ? "other_office" : "own",
      sourceOffice,
      caseDate: rand() < 0.9 ? caseDate : null,
      facts: otherOffice ? `（${sourceOffice}提供）${fill(s.facts)}` : fill(s.facts),
      issue: fill(s.issue),
      handling: s.handling,
      legalBasis: s.legalBasis,
      lessons: s.lessons,
      body: s.body && rand() < 0.6 ? s.body : "",
      tags: [...new Set([...s.tags, ...(rand() < 0.3 ? [variant.slice(0, 4)] : [])])],
      shared: rand() < 0.2,
    };
    const authorId = authorOf();
    const revisions: PlannedCase["revisions"] = [];
    // Every save is a revision, each a little more complete than the one before: the author's draft
    // saves, the edit after a return, and a reviewer's corrections once published.
    const draftSaves = rand() < 0.35 ? between(rand, 1, 2) : 0;
    const returned = rand() < 0.12;
    const corrections = rand() < 0.12 ? between(rand, 1, 2) : 0;
    const versions: CaseContent[] = [content];
    for (let k = 0; k < draftSaves + (returned ? 1 : 0) + corrections; k++) versions.unshift(earlierDraft(versions[0], k + scenarioIndex));
    let version = 0;
    let at = createdAt;
    let state: PlannedCase["state"] = "draft";
    let reviewNote: string | null = null;
    let reviewerId: number | null = null;
    let publishedAt: Date | null = null;
    let archivedAt: Date | null = null;
    let updatedAt = createdAt;
    revisions.push({ at, authorId, reason: "建立案例", snapshot: snapshotOf(versions[0], "draft") });
    /** Moves the clock on, unless the moment is not yet past (the case then stays where it is). */
    const step = (next: Date) => (clock.past(next) ? ((at = next), (updatedAt = next), true) : false);
    // A few drafts are abandoned for good; the rest go through review.
    const abandoned = rand() < 0.02;
    life: {
      for (let k = 0; k < draftSaves; k++) {
        if (!step(clock.after(at, between(rand, 0, 3)))) break life;
        revisions.push({ at, authorId, reason: pick(rand, EDIT_REASONS), snapshot: snapshotOf(versions[++version], "draft") });
      }
      if (abandoned || !step(clock.after(at, between(rand, 0, 6)))) break life;
      state = "in_review";
      if (returned) {
        // 退回修正: back to draft with the reason in review_note; the author edits and submits again.
        if (!step(clock.after(at, between(rand, 1, 5)))) break life;
        state = "draft";
        reviewNote = pick(rand, RETURN_REASONS);
        if (!step(clock.after(at, between(rand, 1, 7)))) break life;
        revisions.push({ at, authorId, reason: "依審核意見修正", snapshot: snapshotOf(versions[++version], "draft") });
        if (!step(clock.after(at, between(rand, 0, 2)))) break life;
        state = "in_review";
        reviewNote = null;
      }
      const publisher = reviewerFor(authorId);
      if (!step(clock.after(at, between(rand, 1, 8)))) break life;
      state = "published";
      reviewerId = publisher;
      publishedAt = at;
      // 更正: a reviewer or supervisor corrects the published case at once, with a reason.
      for (let k = 0; k < corrections; k++) {
        if (!step(clock.after(at, between(rand, 10, 400)))) break;
        revisions.push({ at, authorId: reviewerFor(authorId), reason: pick(rand, CORRECT_REASONS), snapshot: snapshotOf(versions[++version], "published") });
      }
      // Archived by a supervisor, mostly the older cases (published_at is kept).
      if (rand() < 0.08 && step(clock.after(at, between(rand, 60, 700)))) {
        state = "archived";
        archivedAt = at;
      }
    }
    // The stored row is the latest saved text (a returned draft not yet edited keeps the text it was returned with).
    const stored = versions[version];
    const row: CaseRow = {
      officeId: ctx.officeId,
      title: stored.title,
      category: stored.category,
      source: stored.source,
      sourceOffice: stored.sourceOffice,
      caseDate: stored.caseDate,
      facts: stored.facts,
      issue: stored.issue,
      handling: stored.handling,
      legalBasis: JSON.stringify(stored.legalBasis),
      lessons: stored.lessons,
      body: stored.body,
      tags: JSON.stringify(stored.tags),
      shared: stored.shared,
      state,
      reviewNote,
      supersededBy: null,
      authorId,
      reviewerId,
      revision: revisions.length,
      publishedAt,
      createdAt,
      updatedAt,
    };
    planned.push({ content: stored, scenario: scenarioIndex, row, vector: caseVector(stored), revisions, publishedAt, archivedAt, state });
  }
  planned.sort((a, b) => (a.row.createdAt as Date).getTime() - (b.row.createdAt as Date).getTime());

  // The search vector is stored as the product stores it (weightedVector, cast to tsvector); the
  // column is not writable through the typed table, so the rows are cast once here.
  const ids = await insertBatches(
    db,
    "kbCases",
    planned.map((p) => ({ ...p.row, searchVector: sql`${p.vector}::tsvector` }) as unknown as CaseRow),
    { returning: true },
  );

  // Superseded: an older case of the same scenario replaced by a newer published one that is not itself marked.
  const supersede: { id: number; successor: number; at: Date }[] = [];
  const marked = new Set<number>();
  const latestPublished = new Map<number, number>(); // scenario → index of the newest published case seen so far
  for (let i = planned.length - 1; i >= 0; i--) {
    const p = planned[i];
    if (p.state !== "published" && p.state !== "archived") continue;
    const successorIndex = latestPublished.get(p.scenario);
    if (successorIndex !== undefined && rand() < 0.06 && !marked.has(i)) {
      const successor = planned[successorIndex];
      const at = clock.after(successor.publishedAt!, between(rand, 0, 20));
      if (clock.past(at)) {
        supersede.push({ id: ids[i], successor: ids[successorIndex], at });
        marked.add(i);
      }
    }
    if (p.state === "published" && !marked.has(i)) latestPublished.set(p.scenario, i);
  }
  for (let i = 0; i < supersede.length; i += 2000) {
    const chunk = supersede.slice(i, i + 2000);
    await sql`update kb_cases c set superseded_by = v.successor, updated_at = greatest(c.updated_at, v.at)
      from (values ${sql.join(chunk.map((s) => sql`(${s.id}::int, ${s.successor}::int, ${s.at}::timestamptz)`))}) as v(id, successor, at)
      where c.id = v.id`.execute(db);
  }

  await insertBatches(
    db,
    "kbCaseRevisions",
    planned.flatMap((p, i) => p.revisions.map((r, k) => ({ caseId: ids[i], revision: k + 1, authorId: r.authorId, reason: r.reason, snapshot: r.snapshot, at: r.at }))),
  );

  // Readings (kb_case_reads: one row per reader with the first and latest reading and a count), only
  // of published cases (loadCase counts readings of published cases); archiving stops them.
  const readers = ctx.people.map((p) => p.id);
  const reads: Insertable<Database["kbCaseReads"]>[] = [];
  for (const [i, p] of planned.entries()) {
    if (!p.publishedAt) continue;
    const end = (p.archivedAt ?? clock.horizon).getTime();
    const span = end - p.publishedAt.getTime();
    if (span <= 0) continue;
    const popular = rand() < 0.06;
    // Most readers come in the first weeks; a popular case keeps being read.
    const wanted = Math.min(readers.length, Math.round((popular ? between(rand, 20, 40) : between(rand, 2, 18)) * Math.min(1, span / (30 * DAY_MS) + 0.3)));
    const chosen = new Set<number>();
    while (chosen.size < wanted) chosen.add(pick(rand, readers));
    for (const userId of chosen) {
      const first = p.publishedAt.getTime() + Math.min(span, 45 * DAY_MS) * rand() ** 2;
      const count = popular ? between(rand, 1, 8) : rand() < 0.7 ? 1 : between(rand, 2, 4);
      const last = count === 1 ? first : first + (end - first) * rand() ** (popular ? 0.5 : 1.5);
      const firstAt = officeHours(new Date(first), p.publishedAt, clock.horizon);
      const lastAt = officeHours(new Date(Math.max(first, last)), firstAt, clock.horizon);
      reads.push({ caseId: ids[i], userId, firstAt, lastAt, count });
    }
  }
  await insertBatches(db, "kbCaseReads", reads);
  return { cases: planned.length, revisions: planned.reduce((n, p) => n + p.revisions.length, 0), reads: reads.length };
}

/**
 * The same moment moved into office hours (before 08:00 → that morning, after 17:00 → the next
 * morning), kept within [floor, horizon).
 */
function officeHours(at: Date, floor: Date, horizon: Date): Date {
  const taipei = new Date(at.getTime() + 8 * 3_600_000);
  const day = taipei.toISOString().slice(0, 10);
  const hour = taipei.getUTCHours();
  const minutes = taipei.getUTCMinutes();
  const moved = hour < 8 ? taipeiInstant(day, 8, minutes) : hour >= 17 ? taipeiInstant(addDays(day, 1), 8, minutes) : at;
  const capped = Math.min(moved.getTime(), horizon.getTime() - 60_000);
  return new Date(Math.max(capped, floor.getTime()));
}

// ------------------------------------------------------------------------------ clippings

async function generateClippings(ctx: OfficeContext) {
  const { rand, db } = ctx;
  const clock = clockOf(ctx);
  const total = Math.round(CLIPPINGS_PER_YEAR * ctx.years);
  const director = ctx.directorId;
  const managers = [...new Set([...ctx.supervisorIds, director].filter((id): id is number => Boolean(id)))];
  const collectors = ctx.people.map((p) => p.id);
  // The office's members as circulate() resolves them (office roles only; ctx.people are the active ones).
  const OFFICE_ROLES: Role[] = ["staff", "committee", "chair", "supervisor", "director"];
  const members: OfficeMember[] = ctx.people
    .map((p) => ({ userId: p.id, roles: p.roles.filter((r) => OFFICE_ROLES.includes(r)), active: true }))
    .filter((m) => m.roles.length > 0);
  const today = ctx.to;

  interface Planned {
    row: Insertable<Database["clippings"]>;
    vector: string;
    circulations: { row: Insertable<Database["circulations"]>; receipts: Receipt[] }[];
  }
  const planned: Planned[] = [];
  const titles = new Set<string>();
  for (let n = 0; n < total; n++) {
    const publishedOn = n < total * 0.03 ? dayIn(rand, addDays(today, -12), addDays(today, -1)) : dayIn(rand, ctx.from, addDays(today, -1));
    const createdAt = clock.during(addDays(publishedOn, between(rand, 0, 3)));
    if (!clock.past(createdAt)) {
      n--;
      continue;
    }
    // Titles differ: a template with a city and service, then the month when the same story recurs.
    let t = CLIPPINGS[0];
    let fill = (text: string) => text;
    let title = "";
    for (let attempt = 0; !title; attempt++) {
      t = pick(rand, CLIPPINGS);
      const city = pick(rand, CITIES);
      const service = pick(rand, SERVICES);
      fill = (text: string) => text.replaceAll("{city}", city).replaceAll("{service}", service);
      const candidates = [fill(t.title), `${fill(t.title)}（${rocYearMonth(publishedOn)}）`];
      title = candidates.find((c) => !titles.has(c)) ?? (attempt > 50 ? `${candidates[1]}（${n}）` : "");
    }
    titles.add(title);
    const outlet = pick(rand, OUTLETS);
    const summary = fill(t.summary);
    const lesson = fill(t.lesson);
    const tags = [...t.tags];
    const url = rand() < 0.85 ? `https://news.example.com/${publishedOn.replaceAll("-", "/")}/${ctx.officeCode.toLowerCase()}-${n + 1}` : "";
    const createdBy = rand() < 0.7 ? pick(rand, collectors) : pick(rand, managers.length ? managers : collectors);
    let version = 1;
    let updatedAt = createdAt;
    const edits: Date[] = [];

    const circulations: Planned["circulations"] = [];
    if (rand() < 0.5 && managers.length) {
      const sender = pick(rand, managers);
      const sentAt = clock.after(createdAt, between(rand, 0, 2));
      if (clock.past(sentAt)) {
        const mandatory = rand() < 0.55;
        const sentDay = clock.dayOf(sentAt);
        let dueOn = mandatory ? addDays(sentDay, between(rand, 5, 14)) : null;
        const everyone = rand() < 0.8;
        const audienceRoles: Role[] = everyone ? [] : rand() < 0.5 ? ["staff"] : ["supervisor", "director"];
        const audienceUserIds = everyone || rand() < 0.5 ? [] : members.filter(() => rand() < 0.3).map((m) => m.userId);
        const recipients = resolveRecipients({ everyone, roles: audienceRoles, userIds: audienceUserIds }, members, { exclude: [sender] });
        if (recipients.length > 0) {
          // An edit in substance while circulating (version 2, rarely 3): acknowledgements are asked again.
          const bumps = rand() < 0.08 ? (rand() < 0.15 ? 2 : 1) : 0;
          for (let k = 0; k < bumps; k++) {
            const at = clock.after(k === 0 ? sentAt : edits[k - 1], between(rand, 1, 3));
            if (!clock.past(at)) break;
            edits.push(at);
            // updateClipping: an open 必閱 due within three days gets a week from the edit.
            if (dueOn && daysBetween(clock.dayOf(at), dueOn) <= 3) dueOn = addDays(clock.dayOf(at), 7);
          }
          version = 1 + edits.length;
          updatedAt = edits.length ? edits[edits.length - 1] : createdAt;
          const receipts = recipients.map((userId) => receiptFor(ctx, clock, userId, { sentAt, dueOn, mandatory, edits }));
          // Closed by the supervisor a few weeks after the due date (a 參閱 sooner): only the recent ones are open.
          const closeDay = mandatory ? addDays(dueOn!, between(rand, 3, 20)) : addDays(sentDay, between(rand, 5, 14));
          const closed = closeDay < today;
          // Reminders: the day after the due date, to those who had not acknowledged by then.
          if (mandatory && dueOn && addDays(dueOn, 1) < today) {
            const remindAt = clock.during(addDays(dueOn, 1));
            for (const r of receipts) {
              const ackedBefore = r.acknowledgedAt && r.acknowledgedAt.getTime() <= remindAt.getTime() && r.acknowledgedVersion === version;
              if (!ackedBefore && clock.past(remindAt) && rand() < 0.8) r.lastRemindedAt = remindAt;
            }
          }
          circulations.push({
            row: {
              clippingId: 0,
              officeId: ctx.officeId,
              audienceWholeOffice: everyone,
              audienceRoles: JSON.stringify(audienceRoles),
              audienceUserIds: JSON.stringify(audienceUserIds),
              kind: mandatory ? "mandatory" : "information",
              dueOn,
              closed,
              note: pick(rand, CIRCULATION_NOTES),
              createdBy: sender,
              createdAt: sentAt,
            },
            receipts,
          });
        }
      }
    } else if (rand() < 0.05) {
      // A clipping nobody circulated may still be corrected by its collector (a version without receipts).
      const at = clock.after(createdAt, between(rand, 1, 20));
      if (clock.past(at)) {
        version = 2;
        updatedAt = at;
      }
    }
    const row: Insertable<Database["clippings"]> = {
      officeId: ctx.officeId,
      title,
      outlet,
      url,
      publishedOn,
      summary,
      lesson,
      tags: JSON.stringify(tags),
      version,
      createdBy,
      createdAt,
      updatedAt,
    };
    // clippings.server.ts writeSearch, field for field.
    const vector = weightedVector([
      { text: title, weight: "A" },
      { text: tags.join(" "), weight: "B" },
      { text: [summary, lesson, outlet].join("\n"), weight: "D" },
    ]);
    planned.push({ row, vector, circulations });
  }
  planned.sort((a, b) => (a.row.createdAt as Date).getTime() - (b.row.createdAt as Date).getTime());
  const ids = await insertBatches(
    db,
    "clippings",
    planned.map((p) => ({ ...p.row, searchVector: sql`${p.vector}::tsvector` }) as unknown as Insertable<Database["clippings"]>),
    { returning: true },
  );
  const circulationRows = planned.flatMap((p, i) => p.circulations.map((c) => ({ ...c.row, clippingId: ids[i] })));
  const circulationIds = await insertBatches(db, "circulations", circulationRows, { returning: true });
  const receipts = planned.flatMap((p) => p.circulations.map((c) => c.receipts));
  const recipientRows: Insertable<Database["circulationRecipients"]>[] = receipts.flatMap((list, i) =>
    list.map((r) => ({
      circulationId: circulationIds[i],
      userId: r.userId,
      openedAt: r.openedAt,
      openedVersion: r.openedVersion,
      acknowledgedAt: r.acknowledgedAt,
      acknowledgedVersion: r.acknowledgedVersion,
      comment: r.comment ?? "",
      remindedAt: r.lastRemindedAt ?? null,
    })),
  );
  await insertBatches(db, "circulationRecipients", recipientRows);
  return { clippings: planned.length, circulations: circulationRows.length, recipients: recipientRows.length };
}

/**
 * One recipient's receipt, replayed through the product's recordOpen / recordAcknowledgement: most
 * acknowledge before the due date (a 必閱) or at some point (a 參閱); some open without acknowledging;
 * a few never open it. After an edit in substance most acknowledge the new version, some do not.
 */
function receiptFor(
  ctx: OfficeContext,
  clock: ReturnType<typeof clockOf>,
  userId: number,
  c: { sentAt: Date; dueOn: string | null; mandatory: boolean; edits: Date[] },
): Receipt {
  const { rand } = ctx;
  let receipt = emptyReceipt(userId);
  // Habits: a few people never acknowledge anything on time (the overdue list needs them).
  const slow = userId % 11 === 3 || userId % 13 === 5;
  const ackChance = c.mandatory ? (slow ? 0.45 : 0.93) : slow ? 0.3 : 0.75;
  const versionAt = (at: Date) => 1 + c.edits.filter((e) => e.getTime() <= at.getTime()).length;
  const windowDays = c.dueOn ? Math.max(1, daysBetween(clock.dayOf(c.sentAt), c.dueOn)) : 10;
  const events: { at: Date; ack: boolean }[] = [];
  const roll = rand();
  if (roll < ackChance) {
    // Acknowledged, mostly within the window; some late.
    const late = c.mandatory && rand() < (slow ? 0.5 : 0.08);
    const days = late ? windowDays + between(ctx.rand, 1, 6) : Math.floor(rand() ** 1.5 * windowDays);
    const at = clock.after(c.sentAt, days);
    if (rand() < 0.3) events.push({ at: clock.after(c.sentAt, Math.floor(days / 2)), ack: false });
    events.push({ at, ack: true });
  } else if (roll < ackChance + (1 - ackChance) * 0.5) {
    events.push({ at: clock.after(c.sentAt, between(rand, 0, windowDays)), ack: false });
  }
  events.sort((a, b) => a.at.getTime() - b.at.getTime());
  for (const e of events) {
    if (!clock.past(e.at)) break;
    const version = versionAt(e.at);
    receipt = e.ack ? recordAcknowledgement(receipt, version, e.at, rand() < 0.08 ? pick(rand, ACK_COMMENTS) : null) : recordOpen(receipt, version, e.at);
  }
  // Asked again after each edit: most acknowledge the new version within days.
  for (const [k, edit] of c.edits.entries()) {
    if (receipt.acknowledgedVersion === null || rand() < 0.15) continue;
    const at = clock.after(edit, between(rand, 0, 4));
    if (!clock.past(at)) continue;
    receipt = recordAcknowledgement(receipt, Math.max(k + 2, versionAt(at)), at, null);
  }
  return receipt;
}
