// A whole review meeting (研提案件審查小組, issue 4 "Committee round") through the real route modules:
// the chair calls it, puts proposals on the agenda and records attendance; the proposer sits out;
// no vote before opening or without quorum; ballots stay secret until closing (a member's and the
// chair's loader hold nothing of another member's vote); a changed vote is one ballot; concurrent and
// double posts; the rubric's ranges; closing shows everything; decisions with their refusals; an
// acting chair for a recused chair; the minutes.
import { beforeAll, describe, expect, it } from "vitest";
import { getCurrentUser } from "~/modules/auth/session.server";
import { createProposal, screenProposal } from "~/modules/proposals/proposals.server";
import type { ProposalInput } from "~/modules/proposals/proposals.schema";
import { useTestDatabase, userIdOf } from "../helpers/db";
import { absoluteUrl, get, post, redirectPath, signIn, type RouteModule } from "../helpers/requests";
import { routeFor } from "../helpers/routes";

const t = useTestDatabase();

let listRoute: RouteModule;
let newRoute: RouteModule;
let roundRoute: RouteModule;
let minutesRoute: RouteModule;
const cookies: Record<string, string> = {};
const ids: Record<string, number> = {};
let roundId: number;
/** Proposal ids: A by FB005 (a member), B by FB004 (the chair), C by staff FB010. */
const proposals: Record<"A" | "B" | "C", number> = { A: 0, B: 0, C: 0 };
/** Round item ids, by proposal. */
const items: Record<"A" | "B" | "C", number> = { A: 0, B: 0, C: 0 };

const SECRET_COMMENT = "FB006的秘密意見：宜先試辦三個月";
const SCORES_FB006 = {
  創新性: "27.5",
  可行性: "26",
  效益性: "24",
  完整性: "9",
};

async function currentUser(employeeNo: string) {
  const request = new Request(absoluteUrl("/"), {
    headers: { Cookie: cookies[employeeNo] },
  });
  const user = await getCurrentUser(t.db, request);
  expect(user).not.toBeNull();
  return user!;
}

function proposalInput(title: string): ProposalInput {
  return {
    title,
    category: "method_process",
    origin: "own",
    problem: `${title}：民眾臨櫃等候時間過長。`,
    method: "設置線上預約與叫號整合。",
    benefit: "縮短等候時間。",
    estimatedCost: "",
    coProposerIds: [],
  };
}

/** Drafted, submitted and forwarded by supervisor FB002: ready for the agenda. */
async function forwardedProposal(proposer: string, title: string): Promise<number> {
  const author = await currentUser(proposer);
  const id = await createProposal(t.db, author, proposalInput(title), {
    submit: true,
  });
  await screenProposal(t.db, await currentUser("FB002"), id, {
    type: "supervisor_forward",
  });
  return id;
}

const url = () => `/committee/rounds/${roundId}`;
const params = () => ({ roundId: String(roundId) });
const page = (who: string) => get(roundRoute, url(), { cookie: cookies[who], params: params() });
const act = (who: string, fields: Record<string, string | string[]>) => post(roundRoute, url(), fields, { cookie: cookies[who], params: params() });

function ballot(item: number, vote: string, scores: Record<string, string>, comment = "") {
  return {
    intent: "ballot",
    itemId: String(item),
    vote,
    comment,
    ...Object.fromEntries(Object.entries(scores).map(([c, v]) => [`score_${c}`, v])),
  };
}

async function ballotRows(item: number) {
  const rows = await t.db.selectFrom("ballots").select(["memberId", "vote", "comment", "total"]).where("roundItemId", "=", item).orderBy("memberId").execute();
  return rows.map((r) => ({
    ...r,
    total: r.total === null ? null : Number(r.total),
  }));
}

function itemOf(view: any, item: number) {
  const found = view.items.find((i: any) => i.id === item);
  expect(found).toBeDefined();
  return found;
}

beforeAll(async () => {
  [listRoute, newRoute, roundRoute, minutesRoute] = await Promise.all([
    routeFor("/committee/rounds"),
    routeFor("/committee/rounds/new"),
    routeFor("/committee/rounds/:roundId"),
    routeFor("/committee/rounds/:roundId/minutes"),
  ]);
  for (const no of ["FB002", "FB004", "FB005", "FB006", "FB007", "FB010"]) {
    cookies[no] = await signIn(t.db, no);
    ids[no] = await userIdOf(t.db, no);
  }
  proposals.A = await forwardedProposal("FB005", "櫃台線上預約叫號整合");
  proposals.B = await forwardedProposal("FB004", "戶籍謄本自動化列印");
  proposals.C = await forwardedProposal("FB010", "新住民多語服務卡");
});

describe("a review meeting", () => {
  it("is created by the chair only, after the form is checked", async () => {
    const staff = await get(newRoute, "/committee/rounds/new", {
      cookie: cookies.FB010,
    });
    expect(staff.status).toBe(403);
    const member = await post(newRoute, "/committee/rounds/new", { title: "x", meetingDate: "2026-12-01" }, { cookie: cookies.FB006 });
    expect(member.status).toBe(403);

    const bad = await post(newRoute, "/committee/rounds/new", { title: "", meetingDate: "2026/12/01", location: "三樓會議室" }, { cookie: cookies.FB004 });
    expect(bad.status).toBe(400);
    expect(bad.data.errors).toEqual({
      title: "errors.required",
      meetingDate: "errors.dateFormat",
    });
    expect(bad.data.values.location).toBe("三樓會議室");

    const created = await post(
      newRoute,
      "/committee/rounds/new",
      {
        title: "115年第4次研提案件審查會議",
        meetingDate: "2026-11-27",
        location: "本所3樓會議室",
      },
      { cookie: cookies.FB004 }
    );
    expect(created.status, JSON.stringify(created.data)).toBe(302);
    const match = /^\/committee\/rounds\/(\d+)\?notice=created$/.exec(redirectPath(created) ?? "");
    expect(match).not.toBeNull();
    roundId = Number(match![1]);

    const list = await get(listRoute, "/committee/rounds", {
      cookie: cookies.FB006,
    });
    expect(list.data.canCreate).toBe(false);
    // The demo seed holds meetings of its own; ours is among them.
    expect(list.data.rounds).toContainEqual({
      id: roundId,
      title: "115年第4次研提案件審查會議",
      meetingDate: "2026-11-27",
      state: "planned",
      chairName: expect.any(String),
      itemCount: 0,
    });
    expect((await get(listRoute, "/committee/rounds", { cookie: cookies.FB004 })).data.canCreate).toBe(true);
  });

  it("refuses staff who are not on the committee (403 on page and action)", async () => {
    expect((await page("FB010")).status).toBe(403);
    expect((await act("FB010", { intent: "open" })).status).toBe(403);
    expect(
      (
        await get(minutesRoute, `${url()}/minutes`, {
          cookie: cookies.FB010,
          params: params(),
        })
      ).status
    ).toBe(403);
    expect((await get(listRoute, "/committee/rounds", { cookie: cookies.FB010 })).status).toBe(403);
  });

  it("takes proposals onto the agenda (chair only) and records attendance", async () => {
    const before = await page("FB004");
    expect(before.data.schedulable.map((p: any) => p.id)).toEqual(expect.arrayContaining([proposals.A, proposals.B, proposals.C]));
    const notChair = await act("FB006", {
      intent: "schedule",
      proposalId: String(proposals.A),
    });
    expect(notChair.status).toBe(400);
    expect(notChair.data.errors._form).toMatch(/主席|召集人/);

    for (const key of ["A", "B", "C"] as const) {
      const res = await act("FB004", {
        intent: "schedule",
        proposalId: String(proposals[key]),
      });
      expect(res.status, JSON.stringify(res.data)).toBe(302);
    }
    const view = (await page("FB004")).data.view;
    expect(view.members.map((m: any) => m.id)).toEqual([ids.FB004, ids.FB005, ids.FB006, ids.FB007]);
    for (const key of ["A", "B", "C"] as const) items[key] = view.items.find((i: any) => i.proposalId === proposals[key]).id;

    // Only FB006 present: 1 of 3 eligible on A (FB005 sits out) is below the quorum of 2.
    const attendance = await act("FB004", {
      intent: "attendance",
      present: [String(ids.FB006)],
    });
    expect(attendance.status).toBe(302);
    const member = await act("FB006", {
      intent: "attendance",
      present: [String(ids.FB006), String(ids.FB007)],
    });
    expect(member.status).toBe(400);
    const a = itemOf((await page("FB006")).data.view, items.A);
    expect(a.quorum).toEqual({
      eligible: 3,
      eligiblePresent: 1,
      required: 2,
      met: false,
    });
  });

  it("recuses the proposer automatically, with 提案人 as the reason", async () => {
    const view = (await page("FB005")).data.view;
    const a = itemOf(view, items.A);
    expect(a.recused).toEqual([
      {
        memberId: ids.FB005,
        name: expect.any(String),
        reasons: ["proposer"],
        notes: [],
      },
    ]);
    const b = itemOf(view, items.B);
    expect(b.recused.map((r: any) => r.memberId)).toEqual([ids.FB004]);
    expect(b.chairRecused).toBe(true);
  });

  it("refuses votes before opening, and without quorum", async () => {
    const early = await act("FB006", ballot(items.A, "採行", SCORES_FB006));
    expect(early.status).toBe(400);
    expect(early.data.errors._form).toContain("尚未開始");

    const open = await act("FB004", { intent: "open" });
    expect(open.status, JSON.stringify(open.data)).toBe(302);

    const noQuorum = await act("FB006", ballot(items.A, "採行", SCORES_FB006));
    expect(noQuorum.status).toBe(400);
    expect(noQuorum.data.errors._form).toContain("未達半數");
    expect(await ballotRows(items.A)).toEqual([]);

    const everyone = [ids.FB004, ids.FB005, ids.FB006, ids.FB007].map(String);
    expect((await act("FB004", { intent: "attendance", present: everyone })).status).toBe(302);
    const a = itemOf((await page("FB006")).data.view, items.A);
    expect(a.quorum).toEqual({
      eligible: 3,
      eligiblePresent: 3,
      required: 2,
      met: true,
    });
    expect(a.myRefusal).toBeNull();
  });

  it("keeps the proposer from voting on their own proposal", async () => {
    const a = itemOf((await page("FB005")).data.view, items.A);
    expect(a.myRefusal).toContain("迴避");
    const res = await act(
      "FB005",
      ballot(items.A, "採行", {
        創新性: "30",
        可行性: "30",
        效益性: "30",
        完整性: "10",
      })
    );
    expect(res.status).toBe(400);
    expect(res.data.errors._form).toContain("迴避");
    expect(await ballotRows(items.A)).toEqual([]);
  });

  it("refuses a score outside its range beside the field, keeping what was typed", async () => {
    const res = await act("FB006", ballot(items.A, "修正後採行", { ...SCORES_FB006, 創新性: "35" }, "分數打太高"));
    expect(res.status).toBe(400);
    expect(res.data.errors).toEqual({
      score_創新性: "「創新性」的分數必須在 0 到 30 分之間。",
    });
    expect(res.data.values).toMatchObject({
      score_創新性: "35",
      score_可行性: "26",
      vote: "修正後採行",
      comment: "分數打太高",
      intent: "ballot",
      itemId: String(items.A),
    });

    const notNumber = await act("FB006", ballot(items.A, "採行", { ...SCORES_FB006, 可行性: "很好" }));
    expect(notNumber.data.errors).toEqual({
      score_可行性: "committee.errors.scoreNumber",
    });
    const noVote = await act("FB006", { ...ballot(items.A, "", SCORES_FB006) });
    expect(noVote.data.errors).toEqual({
      vote: "errors.proposals.voteRequired",
    });
    expect(await ballotRows(items.A)).toEqual([]);
  });

  it("keeps a ballot secret from the other members and the chair until closing", async () => {
    const res = await act("FB006", ballot(items.A, "修正後採行", SCORES_FB006, SECRET_COMMENT));
    expect(res.status, JSON.stringify(res.data)).toBe(302);
    expect(res.location).toBe(`${url()}?notice=saved#item-${items.A}`);

    for (const who of ["FB007", "FB004", "FB005", "FB002"]) {
      const result = await page(who);
      expect(result.status).toBe(200);
      const text = JSON.stringify(result.data);
      expect(text, who).not.toContain(SECRET_COMMENT);
      expect(text, who).not.toContain("修正後採行");
      expect(text, who).not.toContain("27.5");
      const a = itemOf(result.data.view, items.A);
      expect(a.ballots).toEqual([]);
      expect(a.myBallot).toBeNull();
      expect(a.ballotsCast).toBe(1);
      expect(a.result).toBeNull();
    }
    // The minutes are not available yet either, and say so rather than fail.
    const minutes = await get(minutesRoute, `${url()}/minutes`, {
      cookie: cookies.FB007,
      params: params(),
    });
    expect(minutes.status).toBe(200);
    expect(minutes.data.closed).toBe(false);
    expect(JSON.stringify(minutes.data)).not.toContain(SECRET_COMMENT);

    // The voter sees their own ballot, to change it.
    const own = itemOf((await page("FB006")).data.view, items.A);
    expect(own.myBallot).toMatchObject({
      vote: "修正後採行",
      comment: SECRET_COMMENT,
      scores: { 創新性: 27.5, 可行性: 26, 效益性: 24, 完整性: 9 },
      total: 86.5,
    });
    expect(own.ballots).toHaveLength(1);
  });

  it("lets a member change the vote: one ballot, the last one counts", async () => {
    const res = await act("FB006", ballot(items.A, "不採行", { 創新性: "10", 可行性: "12", 效益性: "11", 完整性: "5" }, "改投不採行：成本過高"));
    expect(res.status).toBe(302);
    expect(await ballotRows(items.A)).toEqual([
      {
        memberId: ids.FB006,
        vote: "不採行",
        comment: "改投不採行：成本過高",
        total: 38,
      },
    ]);
  });

  it("counts two members voting at the same moment, and a double post once", async () => {
    const [r4, r7] = await Promise.all([
      act("FB004", ballot(items.A, "採行", { 創新性: "28", 可行性: "27", 效益性: "26", 完整性: "9" }, "主席意見")),
      act("FB007", ballot(items.A, "採行", { 創新性: "25", 可行性: "24", 效益性: "25", 完整性: "8" }, "FB007贊成")),
    ]);
    expect([r4.status, r7.status]).toEqual([302, 302]);
    expect((await ballotRows(items.A)).map((b) => b.memberId)).toEqual([ids.FB004, ids.FB006, ids.FB007]);

    const same = ballot(items.C, "採行", { 創新性: "20", 可行性: "20", 效益性: "20", 完整性: "5" }, "重複送出");
    const twice = await Promise.all([act("FB007", same), act("FB007", same)]);
    expect(twice.map((r) => r.status)).toEqual([302, 302]);
    expect(await ballotRows(items.C)).toEqual([{ memberId: ids.FB007, vote: "採行", comment: "重複送出", total: 65 }]);
    expect(itemOf((await page("FB006")).data.view, items.A).ballotsCast).toBe(3);
  });

  it("lets a member declare a conflict and the chair order a recusal, both withdrawing their ballot", async () => {
    const declared = await act("FB006", {
      intent: "declare",
      itemId: String(items.C),
      note: "提案人為本人親屬",
    });
    expect(declared.status).toBe(302);
    const ordered = await act("FB004", {
      intent: "order_recusal",
      itemId: String(items.C),
      memberId: String(ids.FB007),
      note: "曾參與本案規劃",
    });
    expect(ordered.status).toBe(302);
    const c = itemOf((await page("FB007")).data.view, items.C);
    expect(c.recused).toEqual([
      {
        memberId: ids.FB006,
        name: expect.any(String),
        reasons: ["declared_conflict"],
        notes: ["提案人為本人親屬"],
      },
      {
        memberId: ids.FB007,
        name: expect.any(String),
        reasons: ["chair_ordered"],
        notes: ["曾參與本案規劃"],
      },
    ]);
    expect(c.ballotsCast).toBe(0);
    expect(c.myRefusal).toContain("迴避");
    const byMember = await act("FB006", {
      intent: "order_recusal",
      itemId: String(items.C),
      memberId: String(ids.FB005),
      note: "",
    });
    expect(byMember.status).toBe(400);
  });

  it("refuses a decision before closing", async () => {
    const res = await act("FB004", {
      intent: "decide",
      itemId: String(items.A),
      decision: "adopted",
      reason: "多數贊成",
    });
    expect(res.status).toBe(400);
    expect(res.data.errors._form).toContain("尚未結束投票");
  });

  it("closes voting only with the confirmation, then shows every ballot, the tally and the mean", async () => {
    const unconfirmed = await act("FB004", { intent: "close" });
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.data.errors).toEqual({
      confirm: "committee.close.confirmRequired",
    });
    expect((await act("FB006", { intent: "close", confirm: "on" })).status).toBe(400);

    const closed = await act("FB004", { intent: "close", confirm: "on" });
    expect(closed.status).toBe(302);

    const view = (await page("FB007")).data.view;
    expect(view.round.state).toBe("closed");
    const a = itemOf(view, items.A);
    expect(a.ballots.map((b: any) => [b.memberId, b.vote, b.comment])).toEqual([
      [ids.FB004, "採行", "主席意見"],
      [ids.FB006, "不採行", "改投不採行：成本過高"],
      [ids.FB007, "採行", "FB007贊成"],
    ]);
    expect(a.result.tally.counts).toEqual({
      採行: 2,
      修正後採行: 0,
      不採行: 1,
      棄權: 0,
    });
    expect(a.result.tally.outcome).toBe("採行");
    // (90 + 38 + 82) / 3 = 70
    expect(a.result.meanScore).toBe(70);
    expect(a.result.statistics.total).toMatchObject({
      n: 3,
      mean: 70,
      min: 38,
      max: 90,
    });
    expect(a.result.statistics.byCriterion[0]).toMatchObject({
      criterion: "創新性",
      n: 3,
      min: 10,
      max: 28,
    });
  });

  it("refuses ballots once voting has closed", async () => {
    const res = await act("FB007", ballot(items.A, "不採行", SCORES_FB006));
    expect(res.status).toBe(400);
    expect(res.data.errors._form).toContain("審查會議已結束投票");
    expect((await ballotRows(items.A)).find((b) => b.memberId === ids.FB007)?.vote).toBe("採行");
  });

  it("refuses a decision without its reason, and 報送上級機關 without the 發文字號", async () => {
    const noReason = await act("FB004", {
      intent: "decide",
      itemId: String(items.A),
      decision: "adopted",
      reason: "  ",
    });
    expect(noReason.status).toBe(400);
    expect(noReason.data.errors).toEqual({ reason: "決議必須填寫理由。" });
    const noNumber = await act("FB004", {
      intent: "decide",
      itemId: String(items.A),
      decision: "forwarded_up",
      reason: "涉及全市系統",
      documentNumber: "",
    });
    expect(noNumber.status).toBe(400);
    expect(noNumber.data.errors).toEqual({
      documentNumber: "報送上級機關必須填寫發文字號。",
    });
    expect(noNumber.data.values).toMatchObject({
      decision: "forwarded_up",
      reason: "涉及全市系統",
    });
    const noKind = await act("FB004", {
      intent: "decide",
      itemId: String(items.A),
      reason: "x",
    });
    expect(noKind.data.errors).toEqual({ decision: "errors.required" });
  });

  it("records the chair's decision: the proposal is adopted and keeps its mean score", async () => {
    expect(itemOf((await page("FB004")).data.view, items.A).canDecide).toBe(true);
    expect(itemOf((await page("FB006")).data.view, items.A).canDecide).toBe(false);
    const res = await act("FB004", {
      intent: "decide",
      itemId: String(items.A),
      decision: "adopted",
      reason: "多數委員贊成，先行試辦。",
      documentNumber: "",
    });
    expect(res.status, JSON.stringify(res.data)).toBe(302);
    const p = await t.db
      .selectFrom("proposals")
      .select(["state", "meanScore", "decision", "decisionReason"])
      .where("id", "=", proposals.A)
      .executeTakeFirstOrThrow();
    expect(p).toMatchObject({
      state: "decided_adopted",
      decision: "adopted",
      decisionReason: "多數委員贊成，先行試辦。",
    });
    expect(Number(p.meanScore)).toBe(70);
    const again = await act("FB004", {
      intent: "decide",
      itemId: String(items.A),
      decision: "reference",
      reason: "再議",
    });
    expect(again.status).toBe(400);
  });

  it("keeps a recused chair from deciding; an acting chair decides instead", async () => {
    expect(itemOf((await page("FB004")).data.view, items.B).canDecide).toBe(false);
    const byChair = await act("FB004", {
      intent: "decide",
      itemId: String(items.B),
      decision: "reference",
      reason: "列為參考",
    });
    expect(byChair.status).toBe(400);
    expect(await t.db.selectFrom("proposals").select("state").where("id", "=", proposals.B).executeTakeFirstOrThrow()).toEqual({ state: "scheduled" });

    const recusedActing = await act("FB004", {
      intent: "acting_chair",
      itemId: String(items.B),
      memberId: String(ids.FB004),
    });
    expect(recusedActing.status).toBe(400);
    expect(
      (
        await act("FB004", {
          intent: "acting_chair",
          itemId: String(items.B),
          memberId: String(ids.FB006),
        })
      ).status
    ).toBe(302);
    const b = itemOf((await page("FB006")).data.view, items.B);
    expect(b).toMatchObject({
      canDecide: true,
      actingChairName: expect.any(String),
      presidingChairId: ids.FB006,
    });

    const byActing = await act("FB006", {
      intent: "decide",
      itemId: String(items.B),
      decision: "forwarded_up",
      reason: "屬全市戶政資訊系統",
      documentNumber: "北戶字第1150001234號",
    });
    expect(byActing.status, JSON.stringify(byActing.data)).toBe(302);
    expect(await t.db.selectFrom("proposals").select(["state", "documentNumber"]).where("id", "=", proposals.B).executeTakeFirstOrThrow()).toEqual({
      state: "decided_forwarded_up",
      documentNumber: "北戶字第1150001234號",
    });
  });

  it("keeps a chair who declared a conflict from deciding even without an acting chair", async () => {
    // A second meeting: the chair declares a conflict on its one item (proposed by staff) and names no
    // acting chair; the quorum is met by the three other members.
    const created = await post(
      newRoute,
      "/committee/rounds/new",
      {
        title: "115年第5次研提案件審查會議",
        meetingDate: "2026-12-18",
        location: "",
      },
      { cookie: cookies.FB004 }
    );
    const second = Number(/(\d+)\?/.exec(redirectPath(created) ?? "")![1]);
    const p = await forwardedProposal("FB010", "戶政櫃台友善高度調整");
    const at = (who: string, fields: Record<string, string | string[]>) =>
      post(roundRoute, `/committee/rounds/${second}`, fields, {
        cookie: cookies[who],
        params: { roundId: String(second) },
      });
    expect((await at("FB004", { intent: "schedule", proposalId: String(p) })).status).toBe(302);
    const view = (
      await get(roundRoute, `/committee/rounds/${second}`, {
        cookie: cookies.FB004,
        params: { roundId: String(second) },
      })
    ).data.view;
    const item = view.items[0].id;
    expect(
      (
        await at("FB004", {
          intent: "attendance",
          present: [ids.FB004, ids.FB005, ids.FB006, ids.FB007].map(String),
        })
      ).status
    ).toBe(302);
    expect(
      (
        await at("FB004", {
          intent: "declare",
          itemId: String(item),
          note: "提案人為本人配偶",
        })
      ).status
    ).toBe(302);
    expect((await at("FB004", { intent: "open" })).status).toBe(302);
    expect((await at("FB004", { intent: "close", confirm: "on" })).status).toBe(302);
    const decide = await at("FB004", {
      intent: "decide",
      itemId: String(item),
      decision: "adopted",
      reason: "我決定",
    });
    expect(decide.status).toBe(400);
    expect(decide.data.errors).toEqual({
      _form: "committee.decision.notYours.recused",
    });
    expect(await t.db.selectFrom("proposals").select("state").where("id", "=", p).executeTakeFirstOrThrow()).toEqual({ state: "scheduled" });
  });

  it("prints minutes with attendance, recusals, tallies, decisions and dissent", async () => {
    const res = await get(minutesRoute, `${url()}/minutes`, {
      cookie: cookies.FB002,
      params: params(),
    });
    expect(res.status).toBe(200);
    const m = res.data;
    expect(m.closed).toBe(true);
    expect(m.officeName).toBe("臺南市府北戶政事務所");
    expect(m.meeting).toMatchObject({
      title: "115年第4次研提案件審查會議",
      meetingDate: "2026-11-27",
      location: "本所3樓會議室",
    });
    expect(m.present.map((p: any) => p.id)).toEqual([ids.FB004, ids.FB005, ids.FB006, ids.FB007]);
    expect(m.absent).toEqual([]);
    const a = m.items.find((i: any) => i.id === items.A);
    expect(a.recused).toEqual([
      {
        memberId: ids.FB005,
        name: expect.any(String),
        reasons: ["proposer"],
        notes: [],
      },
    ]);
    expect(a.quorum).toMatchObject({
      eligible: 3,
      eligiblePresent: 3,
      required: 2,
      met: true,
    });
    expect(a.tally.counts).toEqual({
      採行: 2,
      修正後採行: 0,
      不採行: 1,
      棄權: 0,
    });
    expect(a.meanScore).toBe(70);
    expect(a.decision).toBe("adopted");
    expect(a.decisionReason).toBe("多數委員贊成，先行試辦。");
    expect(a.dissent).toEqual([
      {
        memberId: ids.FB006,
        name: expect.any(String),
        vote: "不採行",
        comment: "改投不採行：成本過高",
      },
    ]);
    const b = m.items.find((i: any) => i.id === items.B);
    expect(b).toMatchObject({
      decision: "forwarded_up",
      documentNumber: "北戶字第1150001234號",
      actingChairName: expect.any(String),
    });
    expect(b.recused[0].reasons).toEqual(["proposer"]);
  });
});
