// The whole life of an innovation proposal on a real database, through the proposals and committee
// modules: draft → submitted → returned → resubmitted → forwarded → scheduled → meeting (recusal,
// quorum, hidden ballots) → decided → owner and progress → implemented → effectiveness review → grade;
// with the timeline, the audit rows and the notifications each step leaves, and refusals that change
// nothing (issue 4, "Everywhere in this module").
import { beforeAll, describe, expect, it } from "vitest";
import { getCurrentUser, type CurrentUser } from "~/modules/auth/session.server";
import { DomainError } from "~/modules/domain-error";
import { listNotifications } from "~/modules/notifications/notifications.server";
import {
  castBallot,
  closeRound,
  createRound,
  decisionFacts,
  declareConflict,
  loadRound,
  openRound,
  scheduleProposal,
  setActingChair,
  setAttendance,
} from "~/modules/proposals/committee.server";
import {
  assignOwner,
  createProposal,
  decideProposal,
  findSimilarProposals,
  getProposalSettings,
  saveProposalSettings,
  listProposals,
  loadProposal,
  markImplemented,
  reportProgress,
  reviewEffectiveness,
  screenProposal,
  submitProposal,
  updateProposal,
  withdrawProposal,
} from "~/modules/proposals/proposals.server";
import type { ProposalInput } from "~/modules/proposals/proposals.schema";
import { useTestDatabase, userIdOf } from "../helpers/db";
import { absoluteUrl, signIn } from "../helpers/requests";

const t = useTestDatabase();
const people: Record<string, CurrentUser> = {};

async function userFor(employeeNo: string): Promise<CurrentUser> {
  const cookie = await signIn(t.db, employeeNo);
  const user = await getCurrentUser(t.db, new Request(absoluteUrl("/"), { headers: { Cookie: cookie } }));
  expect(user).not.toBeNull();
  return user!;
}

const baseInput: ProposalInput = {
  title: "戶籍謄本線上預約取件",
  category: "innovative_service",
  origin: "own",
  problem: "民眾臨櫃申請戶籍謄本需排隊等候，尖峰時段等候超過二十分鐘。",
  method: "開放網路預約申請戶籍謄本，民眾到所後於專屬櫃台核對身分即可取件。",
  benefit: "縮短民眾等候時間，分散櫃台尖峰人潮。",
  estimatedCost: "無須額外經費",
  coProposerIds: [],
};

/** The refusal a command raised (its zh-TW sentence or key), or fails the test when it was allowed. */
async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error.messageKey;
    throw error;
  }
  throw new Error("expected a refusal, but the command was allowed");
}

beforeAll(async () => {
  for (const no of ["FB001", "FB002", "FB004", "FB005", "FB006", "FB007", "FB010", "FB011", "DQ010"]) people[no] = await userFor(no);
});

describe("a proposal from draft to reward grade", () => {
  it("goes through every stage, leaving a timeline, audit rows and notifications", async () => {
    const { FB001: director, FB002: supervisor, FB004: chair, FB005: proposer, FB006: m6, FB007: m7, FB010: owner } = people;
    const coProposer = people.FB011;

    // Draft by a committee member, with a co-proposer; nobody else sees the draft.
    const id = await createProposal(t.db, proposer, { ...baseInput, coProposerIds: [coProposer.id] });
    expect((await loadProposal(t.db, proposer, id)).proposal.state).toBe("draft");
    expect((await loadProposal(t.db, coProposer, id)).proposal.title).toBe(baseInput.title);
    await expect(loadProposal(t.db, owner, id)).rejects.toMatchObject({ status: 404 });

    // Submitted: numbered after the year's last (the demo seed holds 115-001 … 115-009), and the supervisors are told.
    await submitProposal(t.db, proposer, id);
    let page = await loadProposal(t.db, proposer, id);
    expect(page.proposal.state).toBe("submitted");
    const referenceNo = page.proposal.referenceNo;
    expect(referenceNo).toMatch(/^\d{3}-010$/);
    expect((await listNotifications(t.db, supervisor.id, supervisor.officeId)).map((n) => n.messageKey)).toContain("notify.proposals.toScreen");

    // A co-proposer cannot screen, and a return needs its reason; neither changes anything.
    expect(await refusal(screenProposal(t.db, supervisor, id, { type: "supervisor_return", reason: "  " }))).toContain("理由");
    expect((await loadProposal(t.db, proposer, id)).proposal.state).toBe("submitted");
    await screenProposal(t.db, supervisor, id, { type: "supervisor_return", reason: "請補充預約系統由誰維護。" });
    expect((await listNotifications(t.db, proposer.id, proposer.officeId))[0].messageKey).toBe("notify.proposals.supervisor_return");

    // Revised and resubmitted: the number stays.
    await updateProposal(t.db, proposer, id, { ...baseInput, method: `${baseInput.method}系統由資訊課維護。`, coProposerIds: [coProposer.id] });
    await submitProposal(t.db, proposer, id);
    page = await loadProposal(t.db, proposer, id);
    expect(page.proposal.referenceNo).toBe(referenceNo);
    await screenProposal(t.db, supervisor, id, { type: "supervisor_forward" });

    // The chair holds a meeting: the proposer (a member) is recused automatically.
    const roundId = await createRound(t.db, chair, { title: "115年第4次研提案件審查會議", meetingDate: "2026-12-10", location: "2樓會議室" });
    await scheduleProposal(t.db, chair, id, roundId);
    await setAttendance(t.db, chair, roundId, [chair.id, proposer.id, m6.id, m7.id]);
    await openRound(t.db, chair, roundId);
    const [item] = (await loadRound(t.db, chair, roundId)).items;
    expect(item.recused.map((r) => [r.memberId, r.reasons])).toEqual([[proposer.id, ["proposer"]]]);
    expect(item.quorum).toMatchObject({ eligible: 3, eligiblePresent: 3, met: true });
    expect(await refusal(castBallot(t.db, proposer, item.id, { vote: "採行", comment: "", scores: {} }))).toBe("您在本案應予迴避，不能投票或評分。");

    const scores = (a: number, b: number, c: number, d: number) => ({ 創新性: a, 可行性: b, 效益性: c, 完整性: d });
    await castBallot(t.db, chair, item.id, { vote: "採行", comment: "可行", scores: scores(28, 27, 28, 9) });
    await castBallot(t.db, m6, item.id, { vote: "修正後採行", comment: "需評估人力", scores: scores(27, 25, 27, 9) });
    await castBallot(t.db, m7, item.id, { vote: "採行", comment: "效益明確", scores: scores(29, 28, 29, 10) });

    // Before closing nobody, the chair included, receives another member's ballot.
    const chairView = await loadRound(t.db, chair, roundId);
    expect(chairView.items[0].ballots.map((b) => b.memberId)).toEqual([chair.id]);
    expect(JSON.stringify(chairView)).not.toContain("需評估人力");
    expect(chairView.items[0].ballotsCast).toBe(3);

    // No decision before the votes are counted.
    expect(await refusal(decideProposal(t.db, chair, id, { decision: "adopted", reason: "多數委員贊成" }, await decisionFacts(t.db, chair, id)))).toContain(
      "尚未結束投票",
    );
    await closeRound(t.db, chair, roundId);
    const closed = await loadRound(t.db, m6, roundId);
    expect(closed.items[0].ballots).toHaveLength(3);
    expect(closed.items[0].result?.tally.outcome).toBe("採行");
    // Totals 92, 88, 96 → mean 92.00.
    expect(closed.items[0].result?.meanScore).toBe(92);

    await decideProposal(t.db, chair, id, { decision: "adopted", reason: "多數委員贊成，請資訊課配合建置。" }, await decisionFacts(t.db, chair, id));
    page = await loadProposal(t.db, proposer, id);
    expect(page.proposal.state).toBe("decided_adopted");
    expect(page.proposal.meanScore).toBe(92);
    expect(await refusal(withdrawProposal(t.db, proposer, id))).toBe("已有決議的提案不能撤回。");

    // Implementation: the owner reports progress, then completes it; the director reviews.
    await assignOwner(t.db, supervisor, id, { ownerId: owner.id, dueDate: "2027-03-31" });
    expect((await listNotifications(t.db, owner.id, owner.officeId))[0]).toMatchObject({ messageKey: "notify.proposals.owner", link: `/proposals/${id}` });
    expect(await refusal(reportProgress(t.db, proposer, id, { percent: 50, note: "" }))).toContain("承辦人");
    await reportProgress(t.db, owner, id, { percent: 40, note: "完成預約表單設計" });
    await markImplemented(t.db, owner, id, { note: "12月起上線" });
    expect(await refusal(reviewEffectiveness(t.db, owner, id, { result: "achieved", before: "", after: "", note: "" }))).toContain("主管");
    await reviewEffectiveness(t.db, director, id, {
      result: "achieved",
      before: "平均等候 22 分鐘",
      after: "平均等候 9 分鐘",
      note: "成效良好",
    });

    page = await loadProposal(t.db, proposer, id);
    expect(page.proposal).toMatchObject({ state: "reviewed", rewardGrade: "甲", effectivenessResult: "achieved", progressPercent: 100 });
    expect(page.timeline.map((e) => e.action)).toEqual([
      "create",
      "submit",
      "supervisor_return",
      "edit",
      "resubmit",
      "supervisor_forward",
      "schedule",
      "decide",
      "assign_owner",
      "report_progress",
      "mark_implemented",
      "review_effectiveness",
    ]);
    expect(page.timeline.find((e) => e.action === "supervisor_return")?.reason).toBe("請補充預約系統由誰維護。");
    expect(page.progress.map((p) => p.percent)).toEqual([40, 100]);
    expect((await listNotifications(t.db, proposer.id, proposer.officeId))[0].messageKey).toBe("notify.proposals.graded");

    const audit = await t.db.selectFrom("auditLog").select("action").where("entityType", "=", "proposal").where("entityId", "=", String(id)).execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["proposal.submit", "proposal.decide", "proposal.review_effectiveness"]));
    // A ballot's audit row says that a ballot was cast, never what it said.
    const ballotAudit = await t.db.selectFrom("auditLog").select(["after"]).where("action", "=", "ballot.cast").execute();
    expect(ballotAudit.length).toBeGreaterThanOrEqual(3);
    expect(JSON.stringify(ballotAudit)).not.toMatch(/採行|需評估人力/);
  });

  it("a refused step writes nothing: no state change, no timeline event, no audit row, no notification", async () => {
    const proposer = people.FB010;
    const id = await createProposal(t.db, proposer, { ...baseInput, title: "櫃台叫號看板改善" });
    const count = async () => ({
      events: (await t.db.selectFrom("proposalEvents").select("id").where("proposalId", "=", id).execute()).length,
      audit: (await t.db.selectFrom("auditLog").select("id").where("entityId", "=", String(id)).where("entityType", "=", "proposal").execute()).length,
      notifications: (await t.db.selectFrom("notifications").select("id").execute()).length,
    });
    const before = await count();
    expect(await refusal(screenProposal(t.db, people.FB002, id, { type: "supervisor_forward" }))).toContain("待主管審核");
    expect(await refusal(submitProposal(t.db, people.FB011, id))).toContain("提案人");
    expect(await count()).toEqual(before);
    expect((await loadProposal(t.db, proposer, id)).proposal.state).toBe("draft");
  });

  it("a supervisor cannot screen their own proposal; the director can", async () => {
    const supervisor = people.FB002;
    const id = await createProposal(t.db, supervisor, { ...baseInput, title: "課務分工表數位化" }, { submit: true });
    expect(await refusal(screenProposal(t.db, supervisor, id, { type: "supervisor_forward" }))).toContain("迴避");
    await screenProposal(t.db, people.FB001, id, { type: "supervisor_reject", reason: "已列入明年度工作計畫" });
    expect((await loadProposal(t.db, supervisor, id)).proposal.state).toBe("rejected");
  });

  it("another office's proposal does not exist for this office", async () => {
    const id = await createProposal(t.db, people.FB010, { ...baseInput, title: "府北專屬提案" }, { submit: true });
    await expect(loadProposal(t.db, people.DQ010, id)).rejects.toMatchObject({ status: 404 });
    await expect(withdrawProposal(t.db, people.DQ010, id)).rejects.toMatchObject({ status: 404 });
  });
});

describe("similar earlier proposals and the lists", () => {
  it("finds an earlier proposal by title and text, 台 and 臺 alike, and not unrelated ones", async () => {
    const me = people.FB006;
    const similar = await findSimilarProposals(t.db, me.officeId, {
      title: "戶籍謄本網路預約取件服務",
      method: "民眾網路預約申請戶籍謄本，到所核對身分後取件。",
    });
    expect(similar[0]?.title).toBe("戶籍謄本線上預約取件");
    const none = await findSimilarProposals(t.db, me.officeId, { title: "辦公室空調溫度調整", method: "夏季冷氣設定為26度" });
    expect(none.map((s) => s.title)).not.toContain("戶籍謄本線上預約取件");

    await createProposal(t.db, me, { ...baseInput, title: "台南市跨機關通報流程簡化", method: "通報單電子化" }, { submit: true });
    const folded = await findSimilarProposals(t.db, me.officeId, { title: "臺南市跨機關通報簡化" });
    expect(folded.map((s) => s.title)).toContain("台南市跨機關通報流程簡化");
  });

  it("lists mine with drafts, the screening queue without my own, and all without drafts", async () => {
    const supervisor = people.FB002;
    const params = { q: "", sort: "updatedAt" as const, dir: "desc" as const, page: 1, pageSize: 50, filters: {} };
    const draftId = await createProposal(t.db, supervisor, { ...baseInput, title: "主管的草稿" });
    const mine = await listProposals(t.db, supervisor, "mine", params);
    expect(mine.rows.map((r) => r.id)).toContain(draftId);
    const all = await listProposals(t.db, people.FB010, "all", params);
    expect(all.rows.map((r) => r.id)).not.toContain(draftId);
    const queue = await listProposals(t.db, supervisor, "screen", params);
    expect(queue.rows.every((r) => r.state === "submitted")).toBe(true);
    expect(queue.rows.map((r) => r.title)).not.toContain("課務分工表數位化");
    const searched = await listProposals(t.db, people.FB010, "all", { ...params, q: "臺南 通報" });
    expect(searched.rows.map((r) => r.title)).toEqual(["台南市跨機關通報流程簡化"]);
    expect(searched.rows[0].stageAgeDays).toBe(0);
  });
});

describe("the meeting's rules on the database", () => {
  it("voting waits for quorum; a member marked absent loses the ballot", async () => {
    const { FB004: chair, FB006: m6, FB007: m7, FB010: proposer } = people;
    const id = await createProposal(t.db, proposer, { ...baseInput, title: "志工服務台動線調整" }, { submit: true });
    await screenProposal(t.db, people.FB002, id, { type: "supervisor_forward" });
    const roundId = await createRound(t.db, chair, { title: "臨時審查會議", meetingDate: "2026-12-20", location: "" });
    await scheduleProposal(t.db, chair, id, roundId);
    await setAttendance(t.db, chair, roundId, [m6.id]);
    await openRound(t.db, chair, roundId);
    const [item] = (await loadRound(t.db, m6, roundId)).items;
    // Four members, none recused: at least half = 2 present needed.
    expect(item.quorum).toMatchObject({ eligible: 4, eligiblePresent: 1, required: 2, met: false });
    expect(await refusal(castBallot(t.db, m6, item.id, { vote: "採行", comment: "", scores: { 創新性: 20, 可行性: 20, 效益性: 20, 完整性: 5 } }))).toContain(
      "未達半數",
    );
    await setAttendance(t.db, chair, roundId, [m6.id, m7.id]);
    await castBallot(t.db, m6, item.id, { vote: "棄權", comment: "", scores: {} });
    await setAttendance(t.db, chair, roundId, [m7.id, chair.id]);
    const after = await loadRound(t.db, chair, roundId);
    expect(after.items[0].ballotsCast).toBe(0);
    // Recusal by the chair's order removes the member from the quorum count.
    expect(await refusal(castBallot(t.db, m6, item.id, { vote: "採行", comment: "", scores: {} }))).toBe("您未登記出席本次會議，不能投票。");
    expect(await userIdOf(t.db, "FB006")).toBe(m6.id);
  });
});

describe("the meeting's chair and the office's rubric", () => {
  it("a chair who declared a conflict cannot decide the item until an acting chair is named, who then can", async () => {
    const { FB004: chair, FB006: m6, FB007: m7, FB010: proposer } = people;
    const id = await createProposal(t.db, proposer, { ...baseInput, title: "公文線上簽核範本統一" }, { submit: true });
    await screenProposal(t.db, people.FB002, id, { type: "supervisor_forward" });
    const roundId = await createRound(t.db, chair, { title: "迴避測試會議", meetingDate: "2026-12-21", location: "" });
    await scheduleProposal(t.db, chair, id, roundId);
    await setAttendance(t.db, chair, roundId, [chair.id, m6.id, m7.id]);
    await openRound(t.db, chair, roundId);
    const [item] = (await loadRound(t.db, chair, roundId)).items;
    await declareConflict(t.db, chair, item.id, "提案人為本人配偶之同課同仁");
    await castBallot(t.db, m6, item.id, { vote: "採行", comment: "", scores: { 創新性: 20, 可行性: 20, 效益性: 20, 完整性: 8 } });
    await castBallot(t.db, m7, item.id, { vote: "採行", comment: "", scores: { 創新性: 22, 可行性: 21, 效益性: 20, 完整性: 8 } });
    await closeRound(t.db, chair, roundId);
    const decision = { decision: "adopted" as const, reason: "出席委員一致贊成" };
    expect(await refusal(decideProposal(t.db, chair, id, decision, await decisionFacts(t.db, chair, id)))).toContain("召集人");
    await setActingChair(t.db, chair, item.id, m6.id);
    await decideProposal(t.db, m6, id, decision, await decisionFacts(t.db, m6, id));
    expect((await loadProposal(t.db, proposer, id)).proposal.state).toBe("decided_adopted");
  });

  it("keeps the office's criteria in the order they were entered, on the form and in a meeting", async () => {
    const director = people.FB001;
    await saveProposalSettings(t.db, director, {
      criteria: [
        { criterion: "效益性", weight: 40 },
        { criterion: "創新性", weight: 35 },
        { criterion: "完整性", weight: 25 },
      ],
      gradeThresholds: { 甲: 90, 乙: 80, 丙: 70 },
      quorumRule: "more_than_half",
      stageAlertDays: 10,
    });
    expect(Object.keys((await getProposalSettings(t.db, director.officeId)).rubricWeights)).toEqual(["效益性", "創新性", "完整性"]);
    const roundId = await createRound(t.db, people.FB004, { title: "新配分會議", meetingDate: "2026-12-28", location: "" });
    const round = await loadRound(t.db, people.FB004, roundId);
    expect(Object.keys(round.round.rubricWeights)).toEqual(["效益性", "創新性", "完整性"]);
    expect(round.round.quorumRule).toBe("more_than_half");
  });
});
