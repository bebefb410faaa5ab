// The life of an innovation proposal (業務研提意見表) as a pure state machine: which action may move
// a proposal from which state, taken by whom, and why a refused action is refused. Seed 服務精進機制
// 1.(1)(2)(4) and 開放創新/創新性 1–2; issue 4; PRODUCT.md module 5. Pure (ARCHITECTURE rule 6): the
// server loads the proposal, works out how the acting person relates to it, asks `transition`, and
// writes the new state with its audit row in one transaction. States and who-may-do-what are
// tabled in README.md beside this file.

export type UserId = number;

/** 提案類別 of the 研提意見表 (issue 4); labels in app/i18n/catalogs/proposals.ts. */
export const PROPOSAL_CATEGORIES = ["registration", "information_system", "innovative_service", "method_process", "environment"] as const;
export type ProposalCategory = (typeof PROPOSAL_CATEGORIES)[number];
/** 提案來源: 同仁自提, 所務會議臨時動議, 報馬仔民意, 新聞蒐集, 員工滿意度調查. */
export const PROPOSAL_ORIGINS = ["own", "office_meeting", "citizen_feedback", "news", "staff_survey"] as const;
export type ProposalOrigin = (typeof PROPOSAL_ORIGINS)[number];

export const PROPOSAL_STATES = [
  "draft",
  "submitted",
  "returned",
  "rejected",
  "forwarded",
  "scheduled",
  "decided_adopted",
  "decided_forwarded_up",
  "decided_reference",
  "decided_not_adopted",
  "in_implementation",
  "implemented",
  "reviewed",
  "withdrawn",
] as const;
export type ProposalState = (typeof PROPOSAL_STATES)[number];

/** zh-TW names for lists, filters and the timeline. */
export const PROPOSAL_STATE_LABELS: Record<ProposalState, string> = {
  draft: "草稿",
  submitted: "待主管審核",
  returned: "退回修正",
  rejected: "不予受理",
  forwarded: "待排入審查會議",
  scheduled: "已排入審查會議",
  decided_adopted: "本所採行（待指定承辦人）",
  decided_forwarded_up: "報送上級機關",
  decided_reference: "列為參考",
  decided_not_adopted: "不採行",
  in_implementation: "執行中",
  implemented: "執行完成（待成效檢討）",
  reviewed: "已完成執行成效檢討",
  withdrawn: "已撤回",
};

/** Nothing moves a proposal out of these. */
export const TERMINAL_STATES: readonly ProposalState[] = [
  "rejected",
  "decided_forwarded_up",
  "decided_reference",
  "decided_not_adopted",
  "reviewed",
  "withdrawn",
];

/** States in which the committee has decided (withdrawal is no longer possible). */
export const DECIDED_STATES: readonly ProposalState[] = [
  "decided_adopted",
  "decided_forwarded_up",
  "decided_reference",
  "decided_not_adopted",
  "in_implementation",
  "implemented",
  "reviewed",
];

/** The chair's decision (issue 4: 本所採行, 報送上級機關, 列為參考, 不採行, 退回修正). */
export const DECISION_KINDS = ["adopted", "forwarded_up", "reference", "not_adopted", "returned"] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

export const DECISION_LABELS: Record<DecisionKind, string> = {
  adopted: "本所採行",
  forwarded_up: "報送上級機關",
  reference: "列為參考",
  not_adopted: "不採行",
  returned: "退回修正",
};

/**
 * Where each decision leaves the proposal. A committee 退回修正 goes back to `returned`, the same
 * state as a supervisor's return: in both the proposer revises and resubmits, so one state keeps
 * the proposer's list and filters simple; who returned it and why stays in the decision record
 * and the timeline.
 */
export const DECISION_NEXT_STATE: Record<DecisionKind, ProposalState> = {
  adopted: "decided_adopted",
  forwarded_up: "decided_forwarded_up",
  reference: "decided_reference",
  not_adopted: "decided_not_adopted",
  returned: "returned",
};

export const EFFECTIVENESS_RESULTS = ["achieved", "partly", "not_achieved"] as const;
export type EffectivenessResult = (typeof EFFECTIVENESS_RESULTS)[number];

/**
 * How the acting person relates to this proposal, worked out by the server. `chair` is whoever
 * chairs the round for this proposal (an acting chair 代理主席 when the 召集人 is recused);
 * `supervisor` is the screening supervisor, or the director when the supervisor is the proposer.
 */
export const ACTOR_RELATIONS = ["proposer", "co_proposer", "supervisor", "chair", "owner", "other"] as const;
export type ActorRelation = (typeof ACTOR_RELATIONS)[number];

export const ACTION_TYPES = [
  "submit",
  "withdraw",
  "edit",
  "supervisor_forward",
  "supervisor_return",
  "supervisor_reject",
  "schedule",
  "decide",
  "assign_owner",
  "report_progress",
  "mark_implemented",
  "review_effectiveness",
] as const;
export type ActionType = (typeof ACTION_TYPES)[number];

export type ProposalAction =
  | { type: "submit" }
  | { type: "withdraw" }
  | { type: "edit" }
  | { type: "supervisor_forward" }
  | { type: "supervisor_return"; reason: string }
  | { type: "supervisor_reject"; reason: string }
  | { type: "schedule" }
  | {
      type: "decide";
      decision: DecisionKind;
      reason: string;
      /** 發文字號, required for 報送上級機關. */
      documentNumber?: string | null;
      /** The round has been closed by the chair (tallies are known). */
      roundClosed: boolean;
      /** `quorum(...).met` for this proposal's round (recusals are per proposal). */
      quorumMet: boolean;
    }
  | { type: "assign_owner" }
  | { type: "report_progress"; percent: number }
  | { type: "mark_implemented" }
  | { type: "review_effectiveness"; result: EffectivenessResult };

/** Actions that carry nothing may be passed by name. */
type BareActionType = Extract<ProposalAction, { type: "submit" | "withdraw" | "edit" | "supervisor_forward" | "schedule" | "assign_owner" | "mark_implemented" }>["type"];

export const ACTION_LABELS: Record<ActionType, string> = {
  submit: "送出",
  withdraw: "撤回",
  edit: "修改",
  supervisor_forward: "送審查小組",
  supervisor_return: "退回修正",
  supervisor_reject: "不予受理",
  schedule: "排入審查會議",
  decide: "作成決議",
  assign_owner: "指定承辦人",
  report_progress: "回報執行進度",
  mark_implemented: "標記執行完成",
  review_effectiveness: "辦理執行成效檢討",
};

const RELATION_LABELS: Record<ActorRelation, string> = {
  proposer: "提案人",
  co_proposer: "共同提案人",
  supervisor: "主管",
  chair: "審查小組召集人（主席）",
  owner: "承辦人",
  other: "其他同仁",
};

interface Rule {
  from: readonly ProposalState[];
  by: readonly ActorRelation[];
  /** Omitted: the state does not change (an edit, a progress report, a new owner). */
  to?: ProposalState;
  /** A proposer or co-proposer may not take this action on their own proposal (利益迴避). */
  notBySelf?: boolean;
  /** Nor the owner (the effectiveness review judges the owner's work). */
  notByOwner?: boolean;
}

const BEFORE_DECISION: readonly ProposalState[] = ["draft", "submitted", "returned", "forwarded", "scheduled"];

/** The transition table. `decide` is special: its next state comes from DECISION_NEXT_STATE. */
export const TRANSITION_RULES: Record<ActionType, Rule> = {
  edit: { from: ["draft", "returned"], by: ["proposer"] },
  submit: { from: ["draft", "returned"], to: "submitted", by: ["proposer"] },
  withdraw: { from: BEFORE_DECISION, to: "withdrawn", by: ["proposer"] },
  supervisor_forward: { from: ["submitted"], to: "forwarded", by: ["supervisor"], notBySelf: true },
  supervisor_return: { from: ["submitted"], to: "returned", by: ["supervisor"], notBySelf: true },
  supervisor_reject: { from: ["submitted"], to: "rejected", by: ["supervisor"], notBySelf: true },
  // From `scheduled` too: a proposal is moved to a later round when its round has no quorum.
  schedule: { from: ["forwarded", "scheduled"], to: "scheduled", by: ["chair"] },
  decide: { from: ["scheduled"], by: ["chair"], notBySelf: true },
  // Again in `in_implementation`: the owner can be replaced without changing the state.
  assign_owner: { from: ["decided_adopted", "in_implementation"], to: "in_implementation", by: ["supervisor", "chair"] },
  report_progress: { from: ["in_implementation"], by: ["owner"] },
  mark_implemented: { from: ["in_implementation"], to: "implemented", by: ["owner"] },
  review_effectiveness: { from: ["implemented"], to: "reviewed", by: ["supervisor", "chair"], notBySelf: true, notByOwner: true },
};

/** Stable codes for the refusals, for i18n catalogs and tests; `reason` is the zh-TW sentence. */
export type RefusalCode =
  | "wrong_state"
  | "already_decided"
  | "closed"
  | "not_allowed"
  | "conflict_of_interest"
  | "reason_required"
  | "document_number_required"
  | "round_not_closed"
  | "no_quorum"
  | "invalid_percent";

export type TransitionResult =
  | { ok: true; next: ProposalState }
  | { ok: false; code: RefusalCode; reason: string };

const refuse = (code: RefusalCode, reason: string): TransitionResult => ({ ok: false, code, reason });

const asList = (relation: ActorRelation | readonly ActorRelation[]): readonly ActorRelation[] =>
  typeof relation === "string" ? [relation] : relation;

/** Why `type` is not possible in `state`, in words for the person who tried. */
function wrongStateReason(state: ProposalState, type: ActionType): TransitionResult {
  const label = PROPOSAL_STATE_LABELS[state];
  if (type === "withdraw") {
    if (DECIDED_STATES.includes(state)) return refuse("already_decided", "已有決議的提案不能撤回。");
    if (state === "withdrawn") return refuse("closed", "提案已經撤回。");
    return refuse("closed", `提案已結案（${label}），不能撤回。`);
  }
  if (type === "decide" && DECIDED_STATES.includes(state)) return refuse("already_decided", "提案已有決議，不能重複決議。");
  if (state === "withdrawn") return refuse("closed", `提案已經撤回，不能${ACTION_LABELS[type]}。`);
  if (TERMINAL_STATES.includes(state)) return refuse("closed", `提案已結案（${label}），不能${ACTION_LABELS[type]}。`);
  switch (type) {
    case "edit":
      return refuse("wrong_state", "只有草稿或退回修正的提案可以修改。");
    case "submit":
      return refuse("wrong_state", `提案目前為「${label}」，已經送出，不能再次送出。`);
    case "supervisor_forward":
    case "supervisor_return":
    case "supervisor_reject":
      return refuse("wrong_state", `提案目前為「${label}」，只有待主管審核的提案可以${ACTION_LABELS[type]}。`);
    case "schedule":
      return refuse("wrong_state", `提案目前為「${label}」，只有主管已送審查小組的提案可以排入審查會議。`);
    case "decide":
      return refuse("wrong_state", `提案目前為「${label}」，尚未排入審查會議，不能作成決議。`);
    case "assign_owner":
      return refuse("wrong_state", `提案目前為「${label}」，只有決議本所採行的提案可以指定承辦人。`);
    case "report_progress":
    case "mark_implemented":
      return refuse("wrong_state", `提案目前為「${label}」，只有執行中的提案可以${ACTION_LABELS[type]}。`);
    case "review_effectiveness":
      return refuse("wrong_state", `提案目前為「${label}」，執行完成後才能辦理執行成效檢討。`);
    default:
      return refuse("wrong_state", `提案目前為「${label}」，不能${ACTION_LABELS[type]}。`);
  }
}

function checkStateAndActor(state: ProposalState, type: ActionType, relations: readonly ActorRelation[]): TransitionResult | null {
  const rule = TRANSITION_RULES[type];
  if (!rule.from.includes(state)) return wrongStateReason(state, type);
  if (!relations.some((r) => rule.by.includes(r))) {
    const who = rule.by.map((r) => RELATION_LABELS[r]).join("或");
    return refuse("not_allowed", `只有${who}可以${ACTION_LABELS[type]}。`);
  }
  if (rule.notBySelf && relations.some((r) => r === "proposer" || r === "co_proposer")) {
    return refuse("conflict_of_interest", `您是本案的提案人或共同提案人，應予迴避，不能${ACTION_LABELS[type]}。`);
  }
  if (rule.notByOwner && relations.includes("owner")) {
    return refuse("conflict_of_interest", "您是本案的承辦人，應予迴避，不能辦理自己承辦案件的執行成效檢討。");
  }
  return null;
}

const blank = (text: string | null | undefined) => !text || text.trim() === "";

/**
 * May this person take this action on a proposal in this state, and where does it go?
 * `relation` may list several (a proposer who is also the owner); the action is allowed when any
 * of them allows it, but being the proposer or co-proposer bars screening, deciding and reviewing
 * one's own proposal whatever else the person is. Checks run in the order a person would want to
 * hear them: state, then who, then conflict of interest, then what the action must carry.
 */
export function transition(
  state: ProposalState,
  action: ProposalAction | BareActionType,
  relation: ActorRelation | readonly ActorRelation[],
): TransitionResult {
  const act: ProposalAction = typeof action === "string" ? { type: action } : action;
  const refused = checkStateAndActor(state, act.type, asList(relation));
  if (refused) return refused;
  const rule = TRANSITION_RULES[act.type];

  switch (act.type) {
    case "supervisor_return":
      if (blank(act.reason)) return refuse("reason_required", "退回修正必須填寫理由，讓提案人知道要修正什麼。");
      break;
    case "supervisor_reject":
      if (blank(act.reason)) return refuse("reason_required", "不予受理必須填寫理由（例如未提具體作法、已列入計畫、與先前提案重複）。");
      break;
    case "decide":
      if (!act.roundClosed) return refuse("round_not_closed", "審查會議尚未結束投票，主席結束投票後才能作成決議。");
      if (!act.quorumMet) return refuse("no_quorum", "出席委員（扣除迴避者）未達半數，不能作成決議。");
      if (blank(act.reason)) return refuse("reason_required", "決議必須填寫理由。");
      if (act.decision === "forwarded_up" && blank(act.documentNumber)) {
        return refuse("document_number_required", "報送上級機關必須填寫發文字號。");
      }
      return { ok: true, next: DECISION_NEXT_STATE[act.decision] };
    case "report_progress":
      if (!Number.isFinite(act.percent) || act.percent < 0 || act.percent > 100) {
        return refuse("invalid_percent", "執行進度必須是 0 到 100 之間的百分比。");
      }
      break;
  }
  return { ok: true, next: rule.to ?? state };
}

/** The actions this person may start in this state (for buttons); payload checks are left to `transition`. */
export function allowedActions(state: ProposalState, relation: ActorRelation | readonly ActorRelation[]): ActionType[] {
  const relations = asList(relation);
  return ACTION_TYPES.filter((type) => checkStateAndActor(state, type, relations) === null);
}

/**
 * Days a proposal has waited in its current stage, counted in calendar days of the office's time
 * zone (entered yesterday afternoon, looked at this morning = 1 day), as a clerk counts them; a
 * timestamp in the future (clock skew) counts as 0. Dates come from Intl, not hand arithmetic
 * (ARCHITECTURE, Data); Taiwan has no daylight saving, so each day is 24 hours.
 */
export function stageAgeDays(enteredAt: Date | string, now: Date, timeZone = "Asia/Taipei"): number {
  const entered = typeof enteredAt === "string" ? new Date(enteredAt) : enteredAt;
  if (Number.isNaN(entered.getTime()) || Number.isNaN(now.getTime())) throw new RangeError("stageAgeDays: invalid date");
  const dayNumber = (d: Date) => {
    // en-CA prints YYYY-MM-DD; reading it back as a UTC date gives a day count without time-zone drift.
    const ymd = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(d);
    return Date.parse(`${ymd}T00:00:00Z`) / 86_400_000;
  };
  return Math.max(0, dayNumber(now) - dayNumber(entered));
}
