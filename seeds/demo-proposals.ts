// Demo innovation proposals for 府北戶所 (seed 服務精進機制 1.(1)(2)(4), 開放創新/創新性 1–2): one at every
// stage — a draft, one waiting for screening, one returned, one rejected, one waiting for a meeting, two
// on the agenda of the coming meeting, and three decided at last quarter's closed meeting (one carried
// out and graded, one being carried out, one forwarded to the bureau), so every list, the queues, the
// minutes and the home page have something to show. Written through the module's own functions, so
// the timeline, audit rows and notifications are what the product would have written; afterwards the
// clock is moved back so stages show realistic ages. Deterministic.
import { sql, type Kysely } from "kysely";
import type { Database } from "../db/schema";
import type { CurrentUser } from "../app/modules/auth/session.server";
import { actor } from "./actor";
import {
  castBallot,
  closeRound,
  createRound,
  decisionFacts,
  declareConflict,
  loadRound,
  openRound,
  scheduleProposal,
  setAttendance,
} from "../app/modules/proposals/committee.server";
import {
  assignOwner,
  createProposal,
  decideProposal,
  markImplemented,
  reportProgress,
  reviewEffectiveness,
  screenProposal,
  submitProposal,
} from "../app/modules/proposals/proposals.server";
import type { ProposalInput } from "../app/modules/proposals/proposals.schema";

const DAY = 86_400_000;

const P = (p: Omit<ProposalInput, "coProposerIds" | "estimatedCost"> & { estimatedCost?: string }, coProposerIds: number[] = []): ProposalInput => ({
  estimatedCost: "",
  ...p,
  coProposerIds,
});

/**
 * Moves a proposal's history back so its stages show realistic ages (the product only ever writes
 * "now"): its events are spread evenly over the first four fifths of the last `days` days, and the
 * proposal's own dates follow its events.
 */
async function backdate(db: Kysely<Database>, proposalId: number, days: number) {
  const span = `${days} days`;
  await sql`update proposal_events e set at = now() - ${span}::interval + (r.rn - 1) * (${span}::interval * 0.8 / r.n)
    from (select id, row_number() over (order by id) as rn, count(*) over () as n from proposal_events where proposal_id = ${proposalId}) r
    where e.id = r.id`.execute(db);
  await sql`update proposal_progress g set at = coalesce((select max(at) from proposal_events e where e.proposal_id = g.proposal_id
      and e.action in ('report_progress', 'mark_implemented') and e.at is not null), g.at)
    where g.proposal_id = ${proposalId}`.execute(db);
  await sql`update proposals p set
      created_at = (select min(at) from proposal_events where proposal_id = p.id),
      updated_at = (select max(at) from proposal_events where proposal_id = p.id),
      submitted_at = (select max(at) from proposal_events where proposal_id = p.id and action in ('submit', 'resubmit')),
      decided_at = (select max(at) from proposal_events where proposal_id = p.id and action = 'decide'),
      reviewed_at = (select max(at) from proposal_events where proposal_id = p.id and action = 'review_effectiveness'),
      state_entered_at = (select max(at) from proposal_events where proposal_id = p.id and to_state = p.state and from_state is distinct from to_state)
    where p.id = ${proposalId}`.execute(db);
}

export async function seedDemoProposals(db: Kysely<Database>): Promise<void> {
  const office = await db.selectFrom("offices").select("id").where("code", "=", "FUBEI").executeTakeFirst();
  if (!office) return;
  const already = await db.selectFrom("proposals").select("id").where("officeId", "=", office.id).limit(1).executeTakeFirst();
  if (already) return;

  const [director, supervisor, chair, m5, m6, m7] = await Promise.all(["FB001", "FB002", "FB004", "FB005", "FB006", "FB007"].map((no) => actor(db, no)));
  const staff = await Promise.all(["FB010", "FB011", "FB012", "FB013", "FB014", "FB015", "FB016", "FB017", "FB018"].map((no) => actor(db, no)));
  const [s10, s11, s12, s13, s14, s15, s16, s17, s18] = staff;

  // ---- last quarter's meeting: three proposals decided
  const booking = await createProposal(
    db,
    s10,
    P(
      {
        title: "戶籍謄本線上預約、臨櫃快速取件",
        category: "innovative_service",
        origin: "citizen_feedback",
        problem: "申請戶籍謄本的民眾占來所人數近三成，尖峰時段須與辦理登記的民眾一起排隊，平均等候超過二十分鐘。",
        method: "於本所網站開放戶籍謄本線上預約，民眾選定取件時段後，到所於機動櫃台出示身分證件核對即可取件，並於叫號系統設「預約取件」號碼類別。",
        benefit: "縮短謄本申請民眾等候時間，分散綜合櫃台尖峰人潮，提升為民服務滿意度。",
        estimatedCost: "叫號系統設定由廠商維護合約支應，無須額外經費",
      },
      [s11.id],
    ),
    { submit: true },
  );
  const certificate = await createProposal(
    db,
    s12,
    P({
      title: "自然人憑證櫃台與叫號系統整合",
      category: "information_system",
      origin: "own",
      problem: "自然人憑證櫃台另行人工叫號，民眾不知輪到何時，常在綜合櫃台重複抽號。",
      method: "將自然人憑證櫃台納入叫號系統，新增憑證業務號碼類別，並於等候區看板顯示。",
      benefit: "民眾免重複抽號，櫃台可掌握憑證業務量，作為人力調配依據。",
      estimatedCost: "約新臺幣 8,000 元（看板設定）",
    }),
    { submit: true },
  );
  const line = await createProposal(
    db,
    s18,
    P({
      title: "以 LINE 推播戶籍登記辦理進度",
      category: "information_system",
      origin: "news",
      problem: "跨所或需函查的登記案件，民眾常來電詢問辦理進度，占用櫃台與電話人力。",
      method: "建議由民政局統一建置 LINE 官方帳號推播機制，案件狀態變更時通知申請人。",
      benefit: "減少查詢電話，提升案件透明度；全市一致建置較各所自行開發節省經費。",
      estimatedCost: "需由上級機關評估",
    }),
    { submit: true },
  );
  for (const id of [booking, certificate, line]) await screenProposal(db, supervisor, id, { type: "supervisor_forward" });
  const q3 = await createRound(db, chair, { title: "115年第3次研提案件審查會議", meetingDate: "2026-10-06", location: "本所2樓會議室" });
  for (const id of [booking, certificate, line]) await scheduleProposal(db, chair, id, q3);
  await setAttendance(db, chair, q3, [chair.id, m5.id, m6.id, m7.id]);
  await openRound(db, chair, q3);
  const q3Items = (await loadRound(db, chair, q3)).items;
  const itemOf = (proposalId: number) => q3Items.find((i) => i.proposalId === proposalId)!.id;
  // 林委員 (FB006) is a colleague of the LINE proposal's author's section and sits it out.
  await declareConflict(db, m6, itemOf(line), "與提案人同課，自行申請迴避");
  const sheet = (a: number, b: number, c: number, d: number) => ({ 創新性: a, 可行性: b, 效益性: c, 完整性: d });
  const ballots: [CurrentUser, number, "採行" | "修正後採行" | "不採行" | "棄權", string, Record<string, number>][] = [
    [chair, booking, "採行", "民眾需求明確，建議先試辦三個月。", sheet(28, 27, 28, 9)],
    [m5, booking, "採行", "", sheet(27, 28, 27, 9)],
    [m6, booking, "修正後採行", "請先確認機動櫃台人力。", sheet(26, 25, 27, 9)],
    [m7, booking, "採行", "效益明確。", sheet(29, 27, 28, 10)],
    [chair, certificate, "採行", "", sheet(24, 26, 25, 8)],
    [m5, certificate, "修正後採行", "看板費用請再詢價。", sheet(23, 25, 24, 8)],
    [m6, certificate, "採行", "", sheet(25, 26, 24, 9)],
    [m7, certificate, "不採行", "現行人工叫號尚可應付。", sheet(18, 22, 19, 7)],
    [chair, line, "採行", "宜由民政局統一建置。", sheet(26, 20, 25, 8)],
    [m5, line, "採行", "", sheet(25, 19, 26, 8)],
    [m7, line, "修正後採行", "", sheet(24, 21, 24, 8)],
  ];
  for (const [member, proposalId, vote, comment, scores] of ballots) await castBallot(db, member, itemOf(proposalId), { vote, comment, scores });
  await closeRound(db, chair, q3);
  await decideProposal(db, chair, booking, { decision: "adopted", reason: "委員多數贊成，由機動櫃台試辦三個月後檢討。" }, await decisionFacts(db, chair, booking));
  await decideProposal(db, chair, certificate, { decision: "adopted", reason: "多數贊成；看板費用請總務詢價後辦理。" }, await decisionFacts(db, chair, certificate));
  await decideProposal(
    db,
    chair,
    line,
    { decision: "forwarded_up", reason: "涉及全市資訊系統，報請民政局統一研議。", documentNumber: "南市府北戶字第1150004321號" },
    await decisionFacts(db, chair, line),
  );
  await assignOwner(db, supervisor, booking, { ownerId: s13.id, dueDate: "2026-11-30" });
  await reportProgress(db, s13, booking, { percent: 50, note: "網站預約表單完成，叫號類別設定中。" });
  await markImplemented(db, s13, booking, { note: "10月1日起試辦，運作順利。" });
  await reviewEffectiveness(db, director, booking, {
    result: "achieved",
    before: "謄本申請平均等候 21 分鐘",
    after: "預約取件平均等候 4 分鐘；綜合櫃台尖峰等候減少 6 分鐘",
    note: "試辦成效良好，改為常態服務。",
  });
  await assignOwner(db, supervisor, certificate, { ownerId: s14.id, dueDate: "2027-01-31" });
  await reportProgress(db, s14, certificate, { percent: 60, note: "廠商已完成號碼類別設定，等候區看板待更換。" });

  // ---- the coming meeting: two proposals on its agenda
  const notify = await createProposal(
    db,
    s15,
    P({
      title: "跨機關通報案件電子化追蹤表",
      category: "method_process",
      origin: "own",
      problem: "死亡、出生等跨機關通報目前以紙本登記簿追蹤，漏發或逾期不易發現。",
      method: "建立共用電子追蹤表，登記通報對象、發送日期與回覆情形，逾期三日自動標示。",
      benefit: "避免漏發通報，主管可隨時查核，督導更有依據。",
    }),
    { submit: true },
  );
  const nursing = await createProposal(
    db,
    s16,
    P({
      title: "等候區增設親子友善座位與哺集乳室指引",
      category: "environment",
      origin: "staff_survey",
      problem: "員工滿意度調查與民眾意見均反映，攜帶幼兒的民眾等候時無合適座位，哺集乳室位置不明顯。",
      method: "於等候區劃設親子座位區，並於大廳與電梯口增設哺集乳室指引標示。",
      benefit: "提升親子民眾洽公友善度，呼應性別友善環境。",
      estimatedCost: "約新臺幣 15,000 元",
    }),
    { submit: true },
  );
  for (const id of [notify, nursing]) await screenProposal(db, supervisor, id, { type: "supervisor_forward" });
  const q4 = await createRound(db, chair, { title: "115年第4次研提案件審查會議", meetingDate: "2026-12-15", location: "本所2樓會議室" });
  for (const id of [notify, nursing]) await scheduleProposal(db, chair, id, q4);

  // ---- earlier stages
  const waiting = await createProposal(
    db,
    s17,
    P({
      title: "印鑑證明申請書填寫範例更新",
      category: "registration",
      origin: "own",
      problem: "現行填寫範例未反映印鑑登記辦法修正後之欄位，民眾常填錯須重填。",
      method: "依現行規定重新製作填寫範例，並於櫃台與網站同步更新。",
      benefit: "減少退件重填，縮短辦理時間。",
    }),
    { submit: true },
  );
  const returned = await createProposal(
    db,
    s11,
    P({
      title: "櫃台輪值表自動排班",
      category: "method_process",
      origin: "office_meeting",
      problem: "每月櫃台輪值表以人工排定，耗時且常需調整。",
      method: "以試算表公式自動排班。",
      benefit: "節省排班時間。",
    }),
    { submit: true },
  );
  await screenProposal(db, supervisor, returned, {
    type: "supervisor_return",
    reason: "請具體說明排班規則（請假、機動櫃台、午休輪替）如何處理，並估計可節省的時間。",
  });
  const rejected = await createProposal(
    db,
    s10,
    P({
      title: "更換辦公室影印機",
      category: "environment",
      origin: "own",
      problem: "二樓影印機常卡紙。",
      method: "汰換新機。",
      benefit: "提升工作效率。",
    }),
    { submit: true },
  );
  await screenProposal(db, supervisor, rejected, { type: "supervisor_reject", reason: "影印機汰換已列入明年度預算，毋須以提案辦理。" });
  const forwarded = await createProposal(
    db,
    s12,
    P({
      title: "外籍配偶辦理登記多語說明卡",
      category: "innovative_service",
      origin: "own",
      problem: "外籍配偶辦理結婚、歸化後登記時，對應備文件常不清楚，須多次往返。",
      method: "製作越南語、印尼語、英語之應備文件說明卡，置於櫃台並放上網站。",
      benefit: "減少往返次數，展現多元友善服務。",
      estimatedCost: "印製費約新臺幣 3,000 元",
    }),
    { submit: true },
  );
  await screenProposal(db, supervisor, forwarded, { type: "supervisor_forward" });
  // A draft: only its author sees it.
  await createProposal(
    db,
    s10,
    P({
      title: "等候區設置手機充電站",
      category: "environment",
      origin: "citizen_feedback",
      problem: "民眾等候時常詢問是否可充電，部分民眾須線上出示行動身分資料。",
      method: "於等候區設置公共充電站（作法與經費待補充）。",
      benefit: "提升等候舒適度。",
    }),
  );

  // Realistic ages: the decided ones date from the summer, the queues from the last weeks.
  for (const [id, days] of [
    [booking, 95],
    [certificate, 90],
    [line, 88],
    [notify, 20],
    [nursing, 16],
    [forwarded, 9],
    [returned, 12],
    [rejected, 30],
    [waiting, 5],
  ] as const)
    await backdate(db, id, days);
  await db.updateTable("committeeRounds").set({ openedAt: new Date(Date.parse("2026-10-06T01:30:00Z")), closedAt: new Date(Date.parse("2026-10-06T03:00:00Z")) }).where("id", "=", q3).execute();
}
