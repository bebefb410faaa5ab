import { describe, expect, it } from "vitest";
import {
  circulationCounts,
  circulationProblems,
  emptyReceipt,
  isOverdue,
  isPastDue,
  isPinned,
  isSubstantiveChange,
  localDate,
  mayManageCirculations,
  needsReacknowledgement,
  recipientStatus,
  recordAcknowledgement,
  recordOpen,
  remindableRecipients,
  resolveRecipients,
  type Audience,
  type CirculationInfo,
  type OfficeMember,
  type Receipt,
} from "./circulation";

const members: OfficeMember[] = [
  { userId: 1, roles: ["director"], active: true },
  { userId: 2, roles: ["supervisor"], active: true },
  { userId: 3, roles: ["staff"], active: true },
  { userId: 4, roles: ["staff", "committee"], active: true },
  { userId: 5, roles: ["staff"], active: false },
];

type UserIdList = number[];

describe("resolveRecipients", () => {
  it.each<[string, Audience, UserIdList, { exclude?: number[] }?]>([
    ["the whole office, active members only", { everyone: true, roles: [], userIds: [] }, [1, 2, 3, 4]],
    ["the whole office without the sender", { everyone: true, roles: [], userIds: [] }, [1, 3, 4], { exclude: [2] }],
    ["roles", { everyone: false, roles: ["staff"], userIds: [] }, [3, 4]],
    ["roles and people together, once each", { everyone: false, roles: ["committee"], userIds: [4, 3, 3] }, [3, 4]],
    ["a person of another office or inactive is dropped", { everyone: false, roles: [], userIds: [99, 5, 2] }, [2]],
    ["nobody", { everyone: false, roles: [], userIds: [] }, []],
  ])("%s", (_, audience, expected, options) => {
    expect(resolveRecipients(audience, members, options)).toEqual(expected);
  });
});
describe("isSubstantiveChange", () => {
  const base = { title: "戶政所受理認領登記疏失", url: "https://news.example/1", publishedOn: "2025-03-01", summary: "摘要", lessons: "啟示" };
  it.each<[string, Record<string, string | null>, boolean]>([
    ["nothing changed", {}, false],
    ["only white space", { summary: "摘要\n\n", lessons: " 啟示 " }, false],
    ["the title", { title: "戶政所受理認領登記疏失案" }, true],
    ["the summary", { summary: "新的摘要" }, true],
    ["what it teaches us", { lessons: "應加強查驗" }, true],
    ["the link", { url: "https://news.example/2" }, true],
    ["a field cleared", { lessons: null }, true],
  ])("%s → %s", (_, change, expected) => {
    expect(isSubstantiveChange(base, { ...base, ...change })).toBe(expected);
  });
});

describe("receipts: opened vs acknowledged, per version", () => {
  const t1 = new Date("2025-03-03T01:00:00Z");
  const t2 = new Date("2025-03-04T01:00:00Z");
  const t3 = new Date("2025-03-05T01:00:00Z");

  it("keeps the first opening of a version, and acknowledging counts as opening", () => {
    const opened = recordOpen(emptyReceipt(3), 1, t1);
    expect(recordOpen(opened, 1, t2)).toBe(opened);
    expect(recipientStatus(opened, 1)).toBe("opened");
    const acked = recordAcknowledgement(emptyReceipt(3), 1, t2, " 已知悉 ");
    expect(acked).toMatchObject({ openedAt: t2, openedVersion: 1, acknowledgedAt: t2, acknowledgedVersion: 1, comment: "已知悉" });
    expect(recordAcknowledgement(acked, 1, t3)).toBe(acked);
  });

  it("an acknowledgement of version n does not count for version n+1", () => {
    const acked = recordAcknowledgement(emptyReceipt(3), 1, t1);
    expect(recipientStatus(acked, 1)).toBe("acknowledged");
    expect(recipientStatus(acked, 2)).toBe("unopened");
    expect(needsReacknowledgement(acked, 2)).toBe(true);
    const reopened = recordOpen(acked, 2, t2);
    expect(recipientStatus(reopened, 2)).toBe("opened");
    const reacked = recordAcknowledgement(reopened, 2, t3);
    expect(recipientStatus(reacked, 2)).toBe("acknowledged");
    expect(needsReacknowledgement(reacked, 2)).toBe(false);
    expect(reacked.openedAt).toEqual(t2);
  });
});

describe("due dates in Asia/Taipei", () => {
  it.each<[string, string, boolean]>([
    // 2025-03-10 23:59 in Taipei is 15:59 UTC: still the due day.
    ["2025-03-10T15:59:00Z", "2025-03-10", false],
    // 2025-03-11 00:00 in Taipei is 16:00 UTC on the 10th: past due, though UTC still says the 10th.
    ["2025-03-10T16:00:00Z", "2025-03-10", true],
    ["2025-03-09T12:00:00Z", "2025-03-10", false],
  ])("at %s, due %s: past due %s", (now, due, expected) => {
    expect(isPastDue(due, new Date(now))).toBe(expected);
  });

  it("formats today's local date", () => {
    expect(localDate(new Date("2025-03-10T16:30:00Z"))).toBe("2025-03-11");
    expect(isPastDue(null, new Date())).toBe(false);
  });
});

describe("a circulation: pins, overdue, counts and reminders", () => {
  const c: CirculationInfo = { kind: "mandatory", dueDate: "2025-03-10", version: 2, closed: false };
  const before = new Date("2025-03-09T02:00:00Z");
  const after = new Date("2025-03-11T02:00:00Z");
  const r = (userId: number, patch: Partial<Receipt>): Receipt => ({ ...emptyReceipt(userId), ...patch });
  const receipts: Receipt[] = [
    r(1, { openedVersion: 2, acknowledgedVersion: 2, openedAt: before, acknowledgedAt: before }),
    r(2, { openedVersion: 2, openedAt: before }),
    r(3, {}),
    // Acknowledged version 1; the clipping has since changed in substance.
    r(4, { openedVersion: 1, acknowledgedVersion: 1, openedAt: before, acknowledgedAt: before }),
    // Left the office: counted as a recipient, but not pinned, overdue nor reminded.
    r(5, { active: false }),
    r(6, { lastRemindedAt: new Date("2025-03-10T20:00:00Z") }),
  ];

  it("pins it until the current version is acknowledged", () => {
    expect(receipts.filter((x) => isPinned(c, x)).map((x) => x.userId)).toEqual([2, 3, 4, 6]);
    expect(isPinned({ ...c, closed: true }, receipts[2])).toBe(false);
  });

  it("is overdue only after the due day, for those without an acknowledgement of the current version", () => {
    expect(receipts.filter((x) => isOverdue(c, x, before)).map((x) => x.userId)).toEqual([]);
    expect(receipts.filter((x) => isOverdue(c, x, after)).map((x) => x.userId)).toEqual([2, 3, 4, 6]);
  });

  it("a circulation for information is never overdue", () => {
    expect(isOverdue({ ...c, kind: "information", dueDate: null }, receipts[2], after)).toBe(false);
  });

  it("counts recipients, opened, acknowledged, overdue and pending", () => {
    expect(circulationCounts(c, receipts, before)).toEqual({ recipients: 6, opened: 2, acknowledged: 1, overdue: 0, pending: 5, reacknowledgementPending: 1 });
    expect(circulationCounts(c, receipts, after)).toMatchObject({ overdue: 4 });
    expect(circulationCounts({ ...c, version: 1 }, receipts, before)).toMatchObject({ opened: 3, acknowledged: 2, reacknowledgementPending: 0 });
  });

  it("reminds active people who have not acknowledged, not twice within the cooldown", () => {
    expect(remindableRecipients(c, receipts, after)).toEqual([2, 3, 4]);
    expect(remindableRecipients(c, receipts, after, { cooldownHours: 0 })).toEqual([2, 3, 4, 6]);
    expect(remindableRecipients({ ...c, closed: true }, receipts, after)).toEqual([]);
  });

  it("only supervisors and the director manage circulations", () => {
    expect(mayManageCirculations(["supervisor"])).toBe(true);
    expect(mayManageCirculations(["staff", "director"])).toBe(true);
    expect(mayManageCirculations(["staff", "committee", "chair"])).toBe(false);
  });
});

describe("circulationProblems", () => {
  const now = new Date("2025-03-10T02:00:00Z");
  it.each<[string, Parameters<typeof circulationProblems>[0], string[]]>([
    ["a good 必閱", { kind: "mandatory", dueDate: "2025-03-10", recipientCount: 3 }, []],
    ["a good 參閱", { kind: "information", dueDate: null, recipientCount: 3 }, []],
    ["必閱 without due date", { kind: "mandatory", dueDate: null, recipientCount: 3 }, ["必閱的傳閱必須訂定完成期限。"]],
    ["a due date in the past", { kind: "mandatory", dueDate: "2025-03-09", recipientCount: 3 }, ["完成期限不能早於今天。"]],
    ["a malformed date", { kind: "mandatory", dueDate: "2025/3/9", recipientCount: 3 }, ["完成期限的日期格式不正確。"]],
    ["參閱 with a due date, nobody", { kind: "information", dueDate: "2025-03-20", recipientCount: 0 }, ["參閱的傳閱不設完成期限。", "傳閱對象中沒有任何在職同仁，請重新選擇對象。"]],
  ])("%s", (_, input, problems) => {
    expect(circulationProblems(input, now)).toEqual(problems);
  });
});
