// The life of a special case (特殊案例) in the knowledge base, as pure rules: its business categories,
// the states it moves through, who may move it, and who may read it. Seed 基礎服務 3.(2)
// 「集成本所或他所特殊案例，並作成參考資料及教育訓練教材」; issue 6. Pure (ARCHITECTURE rule 6): the
// server loads the case, works out how the acting person relates to it (`caseRelations`), asks
// `transition`, and writes the new state, the revision and the audit row in one transaction. The
// same visibility rule must also be the `where` clause of every query (ARCHITECTURE rule 4);
// `canViewCase` is its readable, tested statement. Tables in README.md beside this file.
import type { RoleName } from "~/modules/auth/roles";

export type UserId = number;
export type OfficeId = number;
export type CaseId = number;

/** 業務類別 (issue 6), in the order of the registration work; labels are what the pages show. */
export const CASE_CATEGORIES = [
  { code: "birth", label: "出生" },
  { code: "death", label: "死亡" },
  { code: "marriage", label: "結婚" },
  { code: "divorce", label: "離婚" },
  { code: "migration", label: "遷徙" },
  { code: "acknowledgement", label: "認領" },
  { code: "adoption", label: "收養" },
  { code: "guardianship", label: "監護" },
  { code: "name_change", label: "姓名變更" },
  { code: "nationality", label: "國籍" },
  { code: "seal", label: "印鑑" },
  { code: "id_card", label: "身分證" },
  { code: "transcript", label: "戶籍謄本" },
  { code: "house_number", label: "門牌" },
  { code: "other", label: "其他" },
] as const;
export type CaseCategory = (typeof CASE_CATEGORIES)[number]["code"];
export const CASE_CATEGORY_CODES: readonly CaseCategory[] = CASE_CATEGORIES.map((c) => c.code);
export const CASE_CATEGORY_LABELS = Object.fromEntries(CASE_CATEGORIES.map((c) => [c.code, c.label])) as Record<CaseCategory, string>;

/** 來源: a case of this office (本所) or collected from another office (他所, with that office named). */
export const CASE_SOURCES = ["own", "other_office"] as const;
export type CaseSource = (typeof CASE_SOURCES)[number];
export const CASE_SOURCE_LABELS: Record<CaseSource, string> = { own: "本所", other_office: "他所" };

/**
 * 法令依據: an article of a law, or an interpretation letter (函釋) with its issuing body, 文號 and
 * date (ISO yyyy-mm-dd; shown in 民國 years by the one date formatter).
 */
export type LegalBasis =
  | { kind: "law"; law: string; article: string }
  | { kind: "interpretation"; issuer: string; documentNumber: string; date: string; summary?: string };

/** One line per legal basis, for lists, search text and the revision diff. */
export function formatLegalBasis(basis: LegalBasis): string {
  if (basis.kind === "law") {
    const article = basis.article.trim();
    // 「第48條」 and 「48」 both read 戶籍法第48條.
    return `${basis.law.trim()}${article === "" ? "" : /^第/.test(article) ? article : `第${article}條`}`;
  }
  const head = `${basis.issuer.trim()} ${basis.date} ${basis.documentNumber.trim()}`.trim();
  return basis.summary?.trim() ? `${head}（${basis.summary.trim()}）` : head;
}

// ---------------------------------------------------------------------------------------------
// States and transitions

/**
 * `superseded` is not a state: a case replaced by a newer one stays `published` (or `archived`)
 * and carries `supersededBy`. Readers who followed an old link still get it, with a notice pointing
 * to the newer case, and search can rank it lower, while the state keeps meaning only "where is it
 * in review". A case returned by the reviewer goes back to `draft`; the return and its reason are
 * kept in the revision history and shown on the draft.
 */
export const CASE_STATES = ["draft", "in_review", "published", "archived"] as const;
export type CaseState = (typeof CASE_STATES)[number];

export const CASE_STATE_LABELS: Record<CaseState, string> = {
  draft: "草稿",
  in_review: "審核中",
  published: "已發布",
  archived: "已封存",
};

/**
 * How the acting person relates to this case, worked out by the server (`caseRelations`).
 * `supervisor`: a supervisor or the director of the case's office. `reviewer`: a person designated
 * to review this office's cases (審核人).
 */
export const CASE_RELATIONS = ["author", "reviewer", "supervisor", "office_member", "other"] as const;
export type CaseRelation = (typeof CASE_RELATIONS)[number];

const RELATION_LABELS: Record<CaseRelation, string> = {
  author: "撰寫人",
  reviewer: "指定審核人",
  supervisor: "主管",
  office_member: "本所同仁",
  other: "其他人員",
};

export const CASE_ACTION_TYPES = ["edit", "submit", "withdraw", "publish", "return", "correct", "archive", "restore", "supersede", "unsupersede"] as const;
export type CaseActionType = (typeof CASE_ACTION_TYPES)[number];

export const CASE_ACTION_LABELS: Record<CaseActionType, string> = {
  edit: "修改",
  submit: "送審",
  withdraw: "撤回送審",
  publish: "審核發布",
  return: "退回修正",
  correct: "更正已發布案例",
  archive: "封存",
  restore: "重新發布",
  supersede: "標記為已被取代",
  unsupersede: "取消已被取代標記",
};

export type CaseAction =
  | { type: "edit" }
  | { type: "submit" }
  | { type: "withdraw" }
  | { type: "publish" }
  | { type: "return"; reason: string }
  /** A correction of a published case is saved at once (no new review) and so must say why. */
  | { type: "correct"; reason: string }
  | { type: "archive" }
  | { type: "restore" }
  | {
      type: "supersede";
      /** This case. */
      caseId: CaseId;
      /** The newer case that replaces it, as the server found it (null: not found or not visible). */
      successor: { id: CaseId; state: CaseState; supersededBy: CaseId | null } | null;
    }
  | { type: "unsupersede" };

type BareActionType = Extract<CaseAction, { type: "edit" | "submit" | "withdraw" | "publish" | "archive" | "restore" | "unsupersede" }>["type"];

interface Rule {
  from: readonly CaseState[];
  by: readonly CaseRelation[];
  /** Omitted: the state stays (an edit, a correction, a superseded mark). */
  to?: CaseState;
  /** The author may not take it on their own case (no one reviews their own work). */
  notByAuthor?: boolean;
}

/** The transition table (README.md, "Transitions"). */
export const CASE_TRANSITION_RULES: Record<CaseActionType, Rule> = {
  edit: { from: ["draft"], by: ["author"] },
  submit: { from: ["draft"], to: "in_review", by: ["author"] },
  withdraw: { from: ["in_review"], to: "draft", by: ["author"] },
  publish: { from: ["in_review"], to: "published", by: ["reviewer", "supervisor"], notByAuthor: true },
  return: { from: ["in_review"], to: "draft", by: ["reviewer", "supervisor"], notByAuthor: true },
  correct: { from: ["published"], by: ["reviewer", "supervisor"] },
  archive: { from: ["published"], to: "archived", by: ["supervisor"] },
  restore: { from: ["archived"], to: "published", by: ["supervisor"] },
  supersede: { from: ["published", "archived"], by: ["supervisor"] },
  unsupersede: { from: ["published", "archived"], by: ["supervisor"] },
};

export type CaseRefusalCode = "wrong_state" | "not_allowed" | "own_case" | "reason_required" | "invalid_successor" | "not_superseded";

export type CaseTransitionResult = { ok: true; next: CaseState } | { ok: false; code: CaseRefusalCode; reason: string };

const refuse = (code: CaseRefusalCode, reason: string): CaseTransitionResult => ({ ok: false, code, reason });

function wrongState(state: CaseState, type: CaseActionType): CaseTransitionResult {
  const label = CASE_STATE_LABELS[state];
  switch (type) {
    case "edit":
      return state === "published"
        ? refuse("wrong_state", "案例已發布，請由主管或審核人以「更正」修改並說明理由。")
        : refuse("wrong_state", `案例目前為「${label}」，只有草稿可以修改。`);
    case "submit":
      return refuse("wrong_state", `案例目前為「${label}」，只有草稿可以送審。`);
    case "withdraw":
      return refuse("wrong_state", `案例目前為「${label}」，只有審核中的案例可以撤回送審。`);
    case "publish":
    case "return":
      return refuse("wrong_state", `案例目前為「${label}」，只有審核中的案例可以${CASE_ACTION_LABELS[type]}。`);
    case "correct":
      return refuse("wrong_state", `案例目前為「${label}」，只有已發布的案例可以更正。`);
    case "archive":
      return refuse("wrong_state", `案例目前為「${label}」，只有已發布的案例可以封存。`);
    case "restore":
      return refuse("wrong_state", `案例目前為「${label}」，只有已封存的案例可以重新發布。`);
    case "supersede":
    case "unsupersede":
      return refuse("wrong_state", `案例目前為「${label}」，只有已發布或已封存的案例可以${CASE_ACTION_LABELS[type]}。`);
  }
}

const asList = (relation: CaseRelation | readonly CaseRelation[]): readonly CaseRelation[] => (typeof relation === "string" ? [relation] : relation);

function checkStateAndActor(state: CaseState, type: CaseActionType, relations: readonly CaseRelation[]): CaseTransitionResult | null {
  const rule = CASE_TRANSITION_RULES[type];
  if (!rule.from.includes(state)) return wrongState(state, type);
  if (!relations.some((r) => rule.by.includes(r))) {
    const who = rule.by.map((r) => RELATION_LABELS[r]).join("或");
    return refuse("not_allowed", `只有${who}可以${CASE_ACTION_LABELS[type]}。`);
  }
  if (rule.notByAuthor && relations.includes("author")) {
    return refuse("own_case", `您是本案例的撰寫人，不能${CASE_ACTION_LABELS[type]}自己的案例，請由其他主管或審核人審核。`);
  }
  return null;
}

const blank = (text: string | null | undefined) => !text || text.trim() === "";

/**
 * May this person take this action on a case in this state, and where does it go? Checks run in
 * the order a person wants to hear them: state, then who, then their own case, then what the
 * action must carry. For `supersede` the state does not change; the server sets `supersededBy`
 * (and `unsupersede` clears it, refused when `currentlySupersededBy` is null).
 */
export function transition(
  state: CaseState,
  action: CaseAction | BareActionType,
  relation: CaseRelation | readonly CaseRelation[],
  currentlySupersededBy: CaseId | null = null,
): CaseTransitionResult {
  const act: CaseAction = typeof action === "string" ? { type: action } : action;
  const refused = checkStateAndActor(state, act.type, asList(relation));
  if (refused) return refused;
  const rule = CASE_TRANSITION_RULES[act.type];

  switch (act.type) {
    case "return":
      if (blank(act.reason)) return refuse("reason_required", "退回修正必須填寫理由，讓撰寫人知道要修正什麼。");
      break;
    case "correct":
      if (blank(act.reason)) return refuse("reason_required", "更正已發布的案例必須填寫更正理由。");
      break;
    case "supersede": {
      const s = act.successor;
      if (!s) return refuse("invalid_successor", "找不到取代本案例的新案例。");
      if (s.id === act.caseId) return refuse("invalid_successor", "案例不能被自己取代。");
      if (s.state !== "published") return refuse("invalid_successor", "取代本案例的新案例必須已發布。");
      // A → B and B → A would send readers round in circles.
      if (s.supersededBy === act.caseId) return refuse("invalid_successor", "新案例已標記為被本案例取代，不能互相取代。");
      if (s.supersededBy !== null) return refuse("invalid_successor", "新案例本身已被其他案例取代，請改選最新的案例。");
      break;
    }
    case "unsupersede":
      if (currentlySupersededBy === null) return refuse("not_superseded", "本案例沒有被取代的標記。");
      break;
  }
  return { ok: true, next: rule.to ?? state };
}

/** The actions this person may start (for buttons); payload checks are left to `transition`. */
export function allowedCaseActions(state: CaseState, relation: CaseRelation | readonly CaseRelation[]): CaseActionType[] {
  const relations = asList(relation);
  return CASE_ACTION_TYPES.filter((type) => checkStateAndActor(state, type, relations) === null);
}

// ---------------------------------------------------------------------------------------------
// Relations and visibility

/** What the rules need to know about a case. */
export interface CaseAccessInfo {
  officeId: OfficeId;
  authorId: UserId;
  state: CaseState;
  /** 分享給所有機關: the case may be read by every office once published. */
  shared: boolean;
}

/** What the rules need to know about the person looking. */
export interface Viewer {
  userId: UserId;
  /** The viewer's office; null for people outside any office (the bureau, administrators). */
  officeId: OfficeId | null;
  roles: readonly RoleName[];
  /** Designated reviewer of case studies in their own office (審核人). */
  isCaseReviewer: boolean;
}

/** Roles that act as supervisors for the knowledge base (as for proposals: chiefs and the director). */
export const CASE_SUPERVISOR_ROLES: readonly RoleName[] = ["supervisor", "director"];

/** How this viewer relates to this case; someone may be several at once (an author who supervises). */
export function caseRelations(c: Pick<CaseAccessInfo, "officeId" | "authorId">, viewer: Viewer): CaseRelation[] {
  const relations: CaseRelation[] = [];
  const sameOffice = viewer.officeId !== null && viewer.officeId === c.officeId;
  if (viewer.userId === c.authorId) relations.push("author");
  if (sameOffice && viewer.isCaseReviewer) relations.push("reviewer");
  if (sameOffice && viewer.roles.some((r) => CASE_SUPERVISOR_ROLES.includes(r))) relations.push("supervisor");
  if (sameOffice) relations.push("office_member");
  if (relations.length === 0) relations.push("other");
  return relations;
}

/**
 * May this viewer read this case? (A refusal is answered 404, ARCHITECTURE rule 4.)
 * - draft, in review: the author, and the reviewers and supervisors of the case's office;
 * - published: everyone in the case's office, and every office when the case is shared;
 * - archived: everyone in the case's office only (taken out of circulation, so no longer shared).
 */
export function canViewCase(c: CaseAccessInfo, viewer: Viewer): boolean {
  const relations = caseRelations(c, viewer);
  switch (c.state) {
    case "draft":
    case "in_review":
      return relations.some((r) => r === "author" || r === "reviewer" || r === "supervisor");
    case "published":
      return c.shared || relations.includes("office_member");
    case "archived":
      return relations.includes("office_member");
  }
}
