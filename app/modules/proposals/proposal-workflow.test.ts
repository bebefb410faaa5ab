import { describe, expect, it } from "vitest";
import {
  ACTION_TYPES,
  ACTOR_RELATIONS,
  DECIDED_STATES,
  DECISION_KINDS,
  PROPOSAL_STATES,
  PROPOSAL_STATE_LABELS,
  TERMINAL_STATES,
  allowedActions,
  stageAgeDays,
  transition,
  type ActionType,
  type ActorRelation,
  type DecisionKind,
  type ProposalAction,
  type ProposalState,
} from "./proposal-workflow";

/** A well-formed action of each type, so that only state and actor decide in the exhaustive table. */
function validAction(type: ActionType, decision: DecisionKind = "adopted"): ProposalAction {
  switch (type) {
    case "supervisor_return":
      return { type, reason: "預估經費未列，請補充。" };
    case "supervisor_reject":
      return { type, reason: "與 113 年第 2 號提案重複。" };
    case "decide":
      return { type, decision, reason: "委員多數贊成。", documentNumber: "府北戶字第1140000123號", roundClosed: true, quorumMet: true };
    case "report_progress":
      return { type, percent: 40 };
    case "review_effectiveness":
      return { type, result: "achieved" };
    default:
      return { type } as ProposalAction;
  }
}

// Every legal (state, action, relation) and where it leads, written out by hand from issue 4 —
// independently of TRANSITION_RULES, so a slip in the table shows up here.
type Legal = [ProposalState, ActionType, ActorRelation, ProposalState];
const LEGAL: Legal[] = [
  ["draft", "edit", "proposer", "draft"],
  ["returned", "edit", "proposer", "returned"],
  ["draft", "submit", "proposer", "submitted"],
  ["returned", "submit", "proposer", "submitted"],
  ["draft", "withdraw", "proposer", "withdrawn"],
  ["submitted", "withdraw", "proposer", "withdrawn"],
  ["returned", "withdraw", "proposer", "withdrawn"],
  ["forwarded", "withdraw", "proposer", "withdrawn"],
  ["scheduled", "withdraw", "proposer", "withdrawn"],
  ["submitted", "supervisor_forward", "supervisor", "forwarded"],
  ["submitted", "supervisor_return", "supervisor", "returned"],
  ["submitted", "supervisor_reject", "supervisor", "rejected"],
  ["forwarded", "schedule", "chair", "scheduled"],
  ["scheduled", "schedule", "chair", "scheduled"],
  ["scheduled", "decide", "chair", "decided_adopted"],
  ["decided_adopted", "assign_owner", "supervisor", "in_implementation"],
  ["decided_adopted", "assign_owner", "chair", "in_implementation"],
  ["in_implementation", "assign_owner", "supervisor", "in_implementation"],
  ["in_implementation", "assign_owner", "chair", "in_implementation"],
  ["in_implementation", "report_progress", "owner", "in_implementation"],
  ["in_implementation", "mark_implemented", "owner", "implemented"],
  ["implemented", "review_effectiveness", "supervisor", "reviewed"],
  ["implemented", "review_effectiveness", "chair", "reviewed"],
];
const isLegal = (s: ProposalState, a: ActionType, r: ActorRelation) => LEGAL.some(([ls, la, lr]) => ls === s && la === a && lr === r);

const ALL_CASES = PROPOSAL_STATES.flatMap((state) =>
  ACTION_TYPES.flatMap((action) => ACTOR_RELATIONS.map((relation) => [state, action, relation] as const)),
);

describe("transition: every legal transition", () => {
  it.each(LEGAL)("%s --%s by %s--> %s", (state, action, relation, next) => {
    expect(transition(state, validAction(action), relation)).toEqual({ ok: true, next });
  });

  it.each([
    ["adopted", "decided_adopted"],
    ["forwarded_up", "decided_forwarded_up"],
    ["reference", "decided_reference"],
    ["not_adopted", "decided_not_adopted"],
    ["returned", "returned"],
  ] as const)("the chair's decision %s leads to %s", (decision, next) => {
    expect(transition("scheduled", validAction("decide", decision), "chair")).toEqual({ ok: true, next });
  });

  it("covers every decision kind", () => {
    expect([...DECISION_KINDS].sort()).toEqual(["adopted", "forwarded_up", "not_adopted", "reference", "returned"]);
  });

  it("accepts a bare action name for actions without a payload", () => {
    expect(transition("draft", "submit", "proposer")).toEqual({ ok: true, next: "submitted" });
  });
});

describe("transition: every illegal transition is refused with a zh-TW sentence", () => {
  const illegal = ALL_CASES.filter(([s, a, r]) => !isLegal(s, a, r));

  it("the table has 14 states × 12 actions × 6 relations, 23 of them legal", () => {
    expect(ALL_CASES).toHaveLength(14 * 12 * 6);
    expect(illegal).toHaveLength(14 * 12 * 6 - 23);
  });

  it.each(illegal)("%s --%s by %s--> refused", (state, action, relation) => {
    const result = transition(state, validAction(action), relation);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toMatch(/[\u4e00-\u9fff]/);
    expect(result.reason.endsWith("。")).toBe(true);
  });

  it("nothing leaves a terminal state", () => {
    for (const state of TERMINAL_STATES) {
      for (const action of ACTION_TYPES) {
        for (const relation of ACTOR_RELATIONS) expect(transition(state, validAction(action), relation).ok).toBe(false);
      }
    }
  });
});

describe("transition: refusal reasons", () => {
  it.each(DECIDED_STATES)("a proposal with a decision (%s) cannot be withdrawn", (state) => {
    expect(transition(state, "withdraw", "proposer")).toEqual({ ok: false, code: "already_decided", reason: "已有決議的提案不能撤回。" });
  });

  it("a rejected or withdrawn proposal is closed", () => {
    expect(transition("rejected", "withdraw", "proposer")).toMatchObject({ ok: false, code: "closed", reason: "提案已結案（不予受理），不能撤回。" });
    expect(transition("withdrawn", "withdraw", "proposer")).toMatchObject({ ok: false, code: "closed", reason: "提案已經撤回。" });
    expect(transition("withdrawn", "edit", "proposer")).toMatchObject({ ok: false, code: "closed", reason: "提案已經撤回，不能修改。" });
    expect(transition("decided_reference", "edit", "proposer")).toMatchObject({ code: "closed", reason: "提案已結案（列為參考），不能修改。" });
  });

  it("only drafts and returned proposals can be edited", () => {
    for (const state of ["submitted", "forwarded", "scheduled", "decided_adopted", "in_implementation", "implemented"] as const) {
      expect(transition(state, "edit", "proposer")).toEqual({ ok: false, code: "wrong_state", reason: "只有草稿或退回修正的提案可以修改。" });
    }
  });

  it("names who may act", () => {
    expect(transition("draft", "submit", "co_proposer")).toMatchObject({ code: "not_allowed", reason: "只有提案人可以送出。" });
    expect(transition("submitted", "supervisor_forward", "chair")).toMatchObject({ code: "not_allowed", reason: "只有主管可以送審查小組。" });
    expect(transition("scheduled", validAction("decide"), "supervisor")).toMatchObject({ code: "not_allowed", reason: "只有審查小組召集人（主席）可以作成決議。" });
    expect(transition("decided_adopted", "assign_owner", "owner")).toMatchObject({ code: "not_allowed", reason: "只有主管或審查小組召集人（主席）可以指定承辦人。" });
    expect(transition("in_implementation", validAction("report_progress"), "proposer")).toMatchObject({ code: "not_allowed", reason: "只有承辦人可以回報執行進度。" });
  });

  it("says what state the proposal is in when the state is wrong", () => {
    expect(transition("forwarded", validAction("decide"), "chair")).toMatchObject({
      code: "wrong_state",
      reason: `提案目前為「${PROPOSAL_STATE_LABELS.forwarded}」，尚未排入審查會議，不能作成決議。`,
    });
    expect(transition("decided_adopted", validAction("decide"), "chair")).toMatchObject({ code: "already_decided", reason: "提案已有決議，不能重複決議。" });
    expect(transition("submitted", "submit", "proposer")).toMatchObject({ code: "wrong_state" });
    expect(transition("in_implementation", validAction("review_effectiveness"), "supervisor")).toMatchObject({
      code: "wrong_state",
      reason: "提案目前為「執行中」，執行完成後才能辦理執行成效檢討。",
    });
  });

  it("checks the state before the actor", () => {
    expect(transition("decided_adopted", "withdraw", "other")).toMatchObject({ code: "already_decided" });
  });
});

describe("transition: payload rules", () => {
  it.each(["", "   ", "\n"])("a supervisor's return or rejection needs a reason (%j)", (reason) => {
    expect(transition("submitted", { type: "supervisor_return", reason }, "supervisor")).toMatchObject({ ok: false, code: "reason_required" });
    expect(transition("submitted", { type: "supervisor_reject", reason }, "supervisor")).toMatchObject({ ok: false, code: "reason_required" });
  });

  it("a decision needs a closed round, a quorum and a reason", () => {
    const decide = validAction("decide") as Extract<ProposalAction, { type: "decide" }>;
    expect(transition("scheduled", { ...decide, roundClosed: false }, "chair")).toMatchObject({ code: "round_not_closed" });
    expect(transition("scheduled", { ...decide, quorumMet: false }, "chair")).toMatchObject({
      code: "no_quorum",
      reason: "出席委員（扣除迴避者）未達半數，不能作成決議。",
    });
    expect(transition("scheduled", { ...decide, roundClosed: false, quorumMet: false }, "chair")).toMatchObject({ code: "round_not_closed" });
    expect(transition("scheduled", { ...decide, reason: " " }, "chair")).toMatchObject({ code: "reason_required", reason: "決議必須填寫理由。" });
  });

  it("報送上級機關 needs a document number; other decisions do not", () => {
    const decide = validAction("decide", "forwarded_up") as Extract<ProposalAction, { type: "decide" }>;
    for (const documentNumber of [undefined, null, "", "  "]) {
      expect(transition("scheduled", { ...decide, documentNumber }, "chair")).toEqual({
        ok: false,
        code: "document_number_required",
        reason: "報送上級機關必須填寫發文字號。",
      });
    }
    expect(transition("scheduled", { ...decide, decision: "reference", documentNumber: null }, "chair")).toEqual({ ok: true, next: "decided_reference" });
  });

  it.each([-1, 100.5, Number.NaN, Number.POSITIVE_INFINITY])("progress %d %% is refused", (percent) => {
    expect(transition("in_implementation", { type: "report_progress", percent }, "owner")).toMatchObject({ ok: false, code: "invalid_percent" });
  });

  it.each([0, 100, 37.5])("progress %d %% is accepted and does not finish the proposal", (percent) => {
    expect(transition("in_implementation", { type: "report_progress", percent }, "owner")).toEqual({ ok: true, next: "in_implementation" });
  });
});

describe("transition: several relations and conflicts of interest (利益迴避)", () => {
  it("a supervisor cannot screen their own or a co-authored proposal", () => {
    for (const self of ["proposer", "co_proposer"] as const) {
      for (const type of ["supervisor_forward", "supervisor_return", "supervisor_reject"] as const) {
        expect(transition("submitted", validAction(type), ["supervisor", self])).toMatchObject({ ok: false, code: "conflict_of_interest" });
      }
    }
  });

  it("a chair who proposed it cannot decide it (an acting chair does)", () => {
    expect(transition("scheduled", validAction("decide"), ["chair", "co_proposer"])).toMatchObject({ ok: false, code: "conflict_of_interest" });
  });

  it("neither the proposer nor the owner reviews the effectiveness of their own work", () => {
    expect(transition("implemented", validAction("review_effectiveness"), ["supervisor", "proposer"])).toMatchObject({ code: "conflict_of_interest" });
    expect(transition("implemented", validAction("review_effectiveness"), ["chair", "owner"])).toMatchObject({
      code: "conflict_of_interest",
      reason: "您是本案的承辦人，應予迴避，不能辦理自己承辦案件的執行成效檢討。",
    });
  });

  it("a proposer who is also the owner reports progress and finishes", () => {
    expect(transition("in_implementation", validAction("report_progress"), ["proposer", "owner"])).toEqual({ ok: true, next: "in_implementation" });
    expect(transition("in_implementation", "mark_implemented", ["proposer", "owner"])).toEqual({ ok: true, next: "implemented" });
  });

  it("a chair may schedule a proposal they wrote (scheduling decides nothing)", () => {
    expect(transition("forwarded", "schedule", ["chair", "proposer"])).toEqual({ ok: true, next: "scheduled" });
  });

  it("no relations at all is refused", () => {
    expect(transition("draft", "submit", [])).toMatchObject({ ok: false, code: "not_allowed" });
  });
});

describe("allowedActions", () => {
  it.each([
    ["draft", "proposer", ["submit", "withdraw", "edit"]],
    ["returned", "proposer", ["submit", "withdraw", "edit"]],
    ["submitted", "proposer", ["withdraw"]],
    ["submitted", "supervisor", ["supervisor_forward", "supervisor_return", "supervisor_reject"]],
    ["submitted", "co_proposer", []],
    ["forwarded", "chair", ["schedule"]],
    ["scheduled", "chair", ["schedule", "decide"]],
    ["scheduled", "proposer", ["withdraw"]],
    ["decided_adopted", "proposer", []],
    ["decided_adopted", "supervisor", ["assign_owner"]],
    ["in_implementation", "owner", ["report_progress", "mark_implemented"]],
    ["in_implementation", "chair", ["assign_owner"]],
    ["implemented", "supervisor", ["review_effectiveness"]],
    ["reviewed", "supervisor", []],
    ["withdrawn", "proposer", []],
  ] as const)("%s for %s: %j", (state, relation, expected) => {
    expect(allowedActions(state, relation)).toEqual(expected);
  });

  it("drops actions barred by a conflict of interest", () => {
    expect(allowedActions("submitted", ["supervisor", "proposer"])).toEqual(["withdraw"]);
    expect(allowedActions("in_implementation", ["owner", "proposer"])).toEqual(["report_progress", "mark_implemented"]);
  });

  it("agrees with transition on every (state, action, relation)", () => {
    for (const [state, action, relation] of ALL_CASES) {
      expect(allowedActions(state, relation).includes(action), `${state} ${action} ${relation}`).toBe(transition(state, validAction(action), relation).ok);
    }
  });
});

describe("stageAgeDays (calendar days in Taipei)", () => {
  it("counts calendar days, not 24-hour periods", () => {
    // 16:00 on 1 Jan to 09:00 on 2 Jan, Taipei time: 17 hours, one day waited.
    expect(stageAgeDays(new Date("2025-01-01T08:00:00Z"), new Date("2025-01-02T01:00:00Z"))).toBe(1);
    // 23:30 → 00:30 Taipei: an hour, but the next day.
    expect(stageAgeDays(new Date("2025-01-01T15:30:00Z"), new Date("2025-01-01T16:30:00Z"))).toBe(1);
    // 08:01 → 23:59 Taipei the same day.
    expect(stageAgeDays(new Date("2025-01-01T00:01:00Z"), new Date("2025-01-01T15:59:00Z"))).toBe(0);
  });

  it("crosses months and years (31 Dec 2024 → 1 Mar 2025 = 31 + 28 + 1 = 60)", () => {
    expect(stageAgeDays("2024-12-31T02:00:00Z", new Date("2025-03-01T02:00:00Z"))).toBe(60);
  });

  it("a UTC date that is already the next day in Taipei", () => {
    // 2025-01-01T20:00Z is 2 Jan 04:00 in Taipei; 2025-01-02T10:00Z is 2 Jan 18:00: the same day there, not in UTC.
    expect(stageAgeDays(new Date("2025-01-01T20:00:00Z"), new Date("2025-01-02T10:00:00Z"))).toBe(0);
    expect(stageAgeDays(new Date("2025-01-01T20:00:00Z"), new Date("2025-01-02T10:00:00Z"), "UTC")).toBe(1);
  });

  it("a future timestamp counts as 0; an invalid one throws", () => {
    expect(stageAgeDays(new Date("2025-05-02T00:00:00Z"), new Date("2025-05-01T00:00:00Z"))).toBe(0);
    expect(() => stageAgeDays("not a date", new Date())).toThrow(RangeError);
  });
});
