import { describe, expect, it } from "vitest";
import {
  CASE_ACTION_TYPES,
  CASE_CATEGORIES,
  CASE_CATEGORY_LABELS,
  CASE_RELATIONS,
  CASE_STATES,
  allowedCaseActions,
  canViewCase,
  caseRelations,
  formatLegalBasis,
  transition,
  type CaseAccessInfo,
  type CaseAction,
  type CaseActionType,
  type CaseRelation,
  type CaseState,
  type Viewer,
} from "./case-rules";

describe("categories", () => {
  it("are the fifteen business categories of issue 6, in order, with unique codes", () => {
    expect(CASE_CATEGORIES.map((c) => c.label)).toEqual([
      "出生", "死亡", "結婚", "離婚", "遷徙", "認領", "收養", "監護", "姓名變更", "國籍", "印鑑", "身分證", "戶籍謄本", "門牌", "其他",
    ]);
    expect(new Set(CASE_CATEGORIES.map((c) => c.code)).size).toBe(15);
    expect(CASE_CATEGORY_LABELS.acknowledgement).toBe("認領");
  });
});

describe("formatLegalBasis", () => {
  it.each([
    [{ kind: "law", law: "戶籍法", article: "48" }, "戶籍法第48條"],
    [{ kind: "law", law: "民法", article: "第1065條第1項" }, "民法第1065條第1項"],
    [{ kind: "law", law: "姓名條例", article: "" }, "姓名條例"],
    [{ kind: "interpretation", issuer: "內政部", documentNumber: "台內戶字第1130000000號", date: "2024-03-01" }, "內政部 2024-03-01 台內戶字第1130000000號"],
    [{ kind: "interpretation", issuer: "內政部", documentNumber: "台內戶字第1", date: "2024-03-01", summary: "認領得由生父單獨申請" }, "內政部 2024-03-01 台內戶字第1（認領得由生父單獨申請）"],
  ] as const)("%j → %s", (basis, line) => {
    expect(formatLegalBasis(basis)).toBe(line);
  });
});

function validAction(type: CaseActionType): CaseAction {
  switch (type) {
    case "return":
      return { type, reason: "爭點敘述不清，請補充函釋文號。" };
    case "correct":
      return { type, reason: "更正法條條號。" };
    case "supersede":
      return { type, caseId: 1, successor: { id: 2, state: "published", supersededBy: null } };
    default:
      return { type } as CaseAction;
  }
}

// Every legal (state, action, relation) and where it leads, written out by hand from issue 6 and
// the brief — independently of CASE_TRANSITION_RULES, so a slip in the table shows up here.
type Legal = [CaseState, CaseActionType, CaseRelation, CaseState];
const LEGAL: Legal[] = [
  ["draft", "edit", "author", "draft"],
  ["draft", "submit", "author", "in_review"],
  ["in_review", "withdraw", "author", "draft"],
  ["in_review", "publish", "reviewer", "published"],
  ["in_review", "publish", "supervisor", "published"],
  ["in_review", "return", "reviewer", "draft"],
  ["in_review", "return", "supervisor", "draft"],
  ["published", "correct", "reviewer", "published"],
  ["published", "correct", "supervisor", "published"],
  ["published", "archive", "supervisor", "archived"],
  ["archived", "restore", "supervisor", "published"],
  ["published", "supersede", "supervisor", "published"],
  ["archived", "supersede", "supervisor", "archived"],
  ["published", "unsupersede", "supervisor", "published"],
  ["archived", "unsupersede", "supervisor", "archived"],
];
const isLegal = (s: CaseState, a: CaseActionType, r: CaseRelation) => LEGAL.some(([ls, la, lr]) => ls === s && la === a && lr === r);

describe("transition: every legal transition", () => {
  it.each(LEGAL)("%s --%s by %s--> %s", (state, action, relation, next) => {
    expect(transition(state, validAction(action), relation, 9)).toEqual({ ok: true, next });
  });
});

describe("transition: everything else is refused with a zh-TW sentence", () => {
  const ALL = CASE_STATES.flatMap((s) => CASE_ACTION_TYPES.flatMap((a) => CASE_RELATIONS.map((r) => [s, a, r] as const))).filter(([s, a, r]) => !isLegal(s, a, r));
  it.each(ALL)("%s / %s / %s", (state, action, relation) => {
    const result = transition(state, validAction(action), relation, 9);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(["wrong_state", "not_allowed"]).toContain(result.code);
      expect(result.reason).toMatch(/[\u4e00-\u9fff]/);
      expect(result.reason.endsWith("。")).toBe(true);
    }
  });
});

describe("transition: particular refusals", () => {
  it.each<[string, ReturnType<typeof transition>, string]>([
    ["an author who is also a supervisor may not publish their own case", transition("in_review", "publish", ["author", "supervisor"]), "own_case"],
    ["nor return it", transition("in_review", { type: "return", reason: "x" }, ["author", "reviewer"]), "own_case"],
    ["a return needs a reason", transition("in_review", { type: "return", reason: "  " }, "reviewer"), "reason_required"],
    ["a correction needs a reason", transition("published", { type: "correct", reason: "" }, "supervisor"), "reason_required"],
    ["a published case is not edited as a draft", transition("published", "edit", "author"), "wrong_state"],
    ["a reviewer may not archive", transition("published", "archive", "reviewer"), "not_allowed"],
    ["an office member may not publish", transition("in_review", "publish", "office_member"), "not_allowed"],
    ["nobody edits someone else's draft", transition("draft", "edit", ["supervisor", "reviewer"]), "not_allowed"],
    ["superseded by a missing case", transition("published", { type: "supersede", caseId: 1, successor: null }, "supervisor"), "invalid_successor"],
    ["superseded by itself", transition("published", { type: "supersede", caseId: 1, successor: { id: 1, state: "published", supersededBy: null } }, "supervisor"), "invalid_successor"],
    ["superseded by a draft", transition("published", { type: "supersede", caseId: 1, successor: { id: 2, state: "draft", supersededBy: null } }, "supervisor"), "invalid_successor"],
    ["superseded in a circle", transition("published", { type: "supersede", caseId: 1, successor: { id: 2, state: "published", supersededBy: 1 } }, "supervisor"), "invalid_successor"],
    ["superseded by a case that is itself superseded", transition("published", { type: "supersede", caseId: 1, successor: { id: 2, state: "published", supersededBy: 3 } }, "supervisor"), "invalid_successor"],
    ["unmarking a case that is not superseded", transition("published", "unsupersede", "supervisor", null), "not_superseded"],
  ])("%s", (_, result, code) => {
    expect(result).toMatchObject({ ok: false, code });
  });

  it("tells the author of a published case how to change it", () => {
    expect(transition("published", "edit", "author")).toEqual({ ok: false, code: "wrong_state", reason: "案例已發布，請由主管或審核人以「更正」修改並說明理由。" });
  });

  it("an author who supervises still edits and submits their own draft", () => {
    expect(transition("draft", "submit", ["author", "supervisor"])).toEqual({ ok: true, next: "in_review" });
  });
});

describe("allowedCaseActions", () => {
  it.each<[CaseState, CaseRelation[], CaseActionType[]]>([
    ["draft", ["author"], ["edit", "submit"]],
    ["in_review", ["author"], ["withdraw"]],
    ["in_review", ["reviewer"], ["publish", "return"]],
    ["in_review", ["author", "supervisor"], ["withdraw"]],
    ["published", ["supervisor"], ["correct", "archive", "supersede", "unsupersede"]],
    ["archived", ["supervisor"], ["restore", "supersede", "unsupersede"]],
    ["published", ["office_member"], []],
  ])("%s as %j", (state, relations, actions) => {
    expect(allowedCaseActions(state, relations)).toEqual(actions);
  });
});

describe("caseRelations", () => {
  const c = { officeId: 1, authorId: 10 };
  it.each<[string, Viewer, CaseRelation[]]>([
    ["the author", { userId: 10, officeId: 1, roles: ["staff"], isCaseReviewer: false }, ["author", "office_member"]],
    ["a supervisor of the office", { userId: 11, officeId: 1, roles: ["supervisor"], isCaseReviewer: false }, ["supervisor", "office_member"]],
    ["the director", { userId: 12, officeId: 1, roles: ["director"], isCaseReviewer: false }, ["supervisor", "office_member"]],
    ["a designated reviewer", { userId: 13, officeId: 1, roles: ["staff"], isCaseReviewer: true }, ["reviewer", "office_member"]],
    ["a supervisor of another office", { userId: 20, officeId: 2, roles: ["supervisor"], isCaseReviewer: true }, ["other"]],
    ["the bureau", { userId: 30, officeId: null, roles: ["bureau"], isCaseReviewer: false }, ["other"]],
    ["an author who moved to another office", { userId: 10, officeId: 2, roles: ["staff"], isCaseReviewer: false }, ["author"]],
  ])("%s", (_, viewer, relations) => {
    expect(caseRelations(c, viewer)).toEqual(relations);
  });
});

describe("canViewCase (issue 6: a private case of another office answers 404, a shared one is readable)", () => {
  const author: Viewer = { userId: 10, officeId: 1, roles: ["staff"], isCaseReviewer: false };
  const colleague: Viewer = { userId: 14, officeId: 1, roles: ["staff"], isCaseReviewer: false };
  const reviewer: Viewer = { userId: 13, officeId: 1, roles: ["staff"], isCaseReviewer: true };
  const supervisor: Viewer = { userId: 11, officeId: 1, roles: ["supervisor"], isCaseReviewer: false };
  const otherOffice: Viewer = { userId: 20, officeId: 2, roles: ["supervisor"], isCaseReviewer: true };
  const bureau: Viewer = { userId: 30, officeId: null, roles: ["bureau"], isCaseReviewer: false };
  const viewers = { author, colleague, reviewer, supervisor, otherOffice, bureau };

  // [state, shared, who may read]
  const TABLE: [CaseState, boolean, (keyof typeof viewers)[]][] = [
    ["draft", false, ["author", "reviewer", "supervisor"]],
    ["draft", true, ["author", "reviewer", "supervisor"]],
    ["in_review", false, ["author", "reviewer", "supervisor"]],
    ["in_review", true, ["author", "reviewer", "supervisor"]],
    ["published", false, ["author", "colleague", "reviewer", "supervisor"]],
    ["published", true, ["author", "colleague", "reviewer", "supervisor", "otherOffice", "bureau"]],
    ["archived", false, ["author", "colleague", "reviewer", "supervisor"]],
    ["archived", true, ["author", "colleague", "reviewer", "supervisor"]],
  ];
  it.each(TABLE)("%s, shared %s: %j", (state, shared, readers) => {
    const c: CaseAccessInfo = { officeId: 1, authorId: 10, state, shared };
    const allowed = (Object.keys(viewers) as (keyof typeof viewers)[]).filter((k) => canViewCase(c, viewers[k]));
    expect(allowed).toEqual(readers);
  });
});
