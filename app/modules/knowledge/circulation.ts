// Circulating a news clipping to colleagues with read acknowledgement (傳閱與已閱), as pure rules. Seed
// 基礎服務 3.(4) 「主動蒐集與戶政相關之新聞案件，傳閱同仁知悉」; issue 6: 「Circulate it to everyone, roles
// or people, mandatory or for information, with a due date … pinned on their home page until they
// acknowledge 已閱 … opening and acknowledging are recorded separately with times. If the clipping is
// edited in substance after circulating, acknowledgements are asked again. Supervisors see per
// circulation who has acknowledged and who has not, and can send a reminder.」 Pure (ARCHITECTURE
// rule 6): the server stores circulations and receipts and asks these functions what they mean.
// Tables in README.md beside this file.
import type { RoleName } from "~/modules/auth/roles";

export type UserId = number;

/** 必閱 (must be acknowledged by the due date) or 參閱 (for information: no due date, never overdue). */
export const CIRCULATION_KINDS = ["mandatory", "information"] as const;
export type CirculationKind = (typeof CIRCULATION_KINDS)[number];
export const CIRCULATION_KIND_LABELS: Record<CirculationKind, string> = { mandatory: "必閱", information: "參閱" };

/** Who a circulation goes to: the whole office, or the union of some roles and some people. */
export interface Audience {
  everyone: boolean;
  roles: readonly RoleName[];
  userIds: readonly UserId[];
}

/** A member of the circulating office, as the server lists them. */
export interface OfficeMember {
  userId: UserId;
  roles: readonly RoleName[];
  active: boolean;
}

/**
 * The recipients of an audience among the office's members, sorted and without duplicates. Only
 * active members of the office can receive (a person id from elsewhere is dropped, so a circulation
 * never reaches another office). The sender is left out by default: they wrote it. Recipients are
 * resolved once, when circulating, and stored; someone who joins later is not added.
 */
export function resolveRecipients(audience: Audience, members: readonly OfficeMember[], options: { exclude?: readonly UserId[] } = {}): UserId[] {
  const exclude = new Set(options.exclude ?? []);
  const people = new Set(audience.userIds);
  const chosen = members.filter(
    (m) => m.active && !exclude.has(m.userId) && (audience.everyone || people.has(m.userId) || m.roles.some((r) => audience.roles.includes(r))),
  );
  return [...new Set(chosen.map((m) => m.userId))].sort((a, b) => a - b);
}

// ---------------------------------------------------------------------------------------------
// Substance versions

/** The fields whose change asks everyone to acknowledge again; tags and the outlet's spelling do not. */
export const SUBSTANCE_FIELDS = ["title", "url", "publishedOn", "summary", "lessons"] as const;
export type ClippingSubstance = Partial<Record<(typeof SUBSTANCE_FIELDS)[number], string | null>>;

const squash = (v: string | null | undefined) => (v ?? "").replace(/\s+/gu, " ").trim();

/**
 * Whether an edit changes what readers acknowledged. White space alone is not a change (a re-typed
 * line break would otherwise pin the clipping on everyone's home page again). The server then bumps
 * the clipping's substance version, which is what acknowledgements refer to.
 */
export function isSubstantiveChange(before: ClippingSubstance, after: ClippingSubstance): boolean {
  return SUBSTANCE_FIELDS.some((f) => squash(before[f]) !== squash(after[f]));
}

// ---------------------------------------------------------------------------------------------
// Receipts

export interface CirculationInfo {
  kind: CirculationKind;
  /** The last day to acknowledge, yyyy-mm-dd in Asia/Taipei (inclusive); null for 參閱. */
  dueDate: string | null;
  /** The clipping's current substance version. */
  version: number;
  /** A closed circulation is no longer pinned nor reminded; its record stays. */
  closed: boolean;
}

/** One recipient's record in one circulation. */
export interface Receipt {
  userId: UserId;
  /** When they opened the version in `openedVersion` (the first opening of that version). */
  openedAt: Date | null;
  openedVersion: number | null;
  /** When they acknowledged 已閱 the version in `acknowledgedVersion`. */
  acknowledgedAt: Date | null;
  acknowledgedVersion: number | null;
  comment?: string | null;
  lastRemindedAt?: Date | null;
  /** False once the person has left or been deactivated: counted, but neither pinned nor reminded. */
  active?: boolean;
}

export const emptyReceipt = (userId: UserId): Receipt => ({
  userId,
  openedAt: null,
  openedVersion: null,
  acknowledgedAt: null,
  acknowledgedVersion: null,
  comment: null,
  lastRemindedAt: null,
  active: true,
});

/** Opening the clipping: the first opening of each version is kept. */
export function recordOpen(receipt: Receipt, version: number, now: Date): Receipt {
  if (receipt.openedVersion !== null && receipt.openedVersion >= version) return receipt;
  return { ...receipt, openedAt: now, openedVersion: version };
}

/**
 * Acknowledging 已閱 the version the person sees (which also counts as opening it). Acknowledging the
 * same version again changes nothing: the first time stands.
 */
export function recordAcknowledgement(receipt: Receipt, version: number, now: Date, comment: string | null = null): Receipt {
  const opened = recordOpen(receipt, version, now);
  if (opened.acknowledgedVersion !== null && opened.acknowledgedVersion >= version) return opened;
  return { ...opened, acknowledgedAt: now, acknowledgedVersion: version, comment: comment?.trim() || null };
}

export type RecipientStatus = "acknowledged" | "opened" | "unopened";

export const RECIPIENT_STATUS_LABELS: Record<RecipientStatus, string> = { acknowledged: "已閱", opened: "已開啟未確認", unopened: "未開啟" };

/**
 * Where a recipient stands for the CURRENT version: an acknowledgement of version n does not count
 * for version n+1, and neither does an opening.
 */
export function recipientStatus(receipt: Receipt, version: number): RecipientStatus {
  if (receipt.acknowledgedVersion !== null && receipt.acknowledgedVersion >= version) return "acknowledged";
  if (receipt.openedVersion !== null && receipt.openedVersion >= version) return "opened";
  return "unopened";
}

/** They acknowledged an earlier version and are asked again because the clipping changed in substance. */
export function needsReacknowledgement(receipt: Receipt, version: number): boolean {
  return receipt.acknowledgedVersion !== null && receipt.acknowledgedVersion < version;
}

/** Today's date in the office's time zone, yyyy-mm-dd (Intl, not hand arithmetic: ARCHITECTURE, Data). */
export function localDate(now: Date, timeZone = "Asia/Taipei"): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

/** The due date has passed: it is a later day in Taipei (the due date itself is still in time). */
export function isPastDue(dueDate: string | null, now: Date, timeZone = "Asia/Taipei"): boolean {
  return dueDate !== null && localDate(now, timeZone) > dueDate;
}

const isActive = (r: Receipt) => r.active !== false;

/**
 * Overdue: a 必閱 circulation past its due date, and the current version not acknowledged by an
 * active recipient (someone who has left is not chased).
 */
export function isOverdue(c: CirculationInfo, receipt: Receipt, now: Date, timeZone = "Asia/Taipei"): boolean {
  return c.kind === "mandatory" && isActive(receipt) && isPastDue(c.dueDate, now, timeZone) && recipientStatus(receipt, c.version) !== "acknowledged";
}

/** Pinned on the recipient's home page until they acknowledge the current version. */
export function isPinned(c: CirculationInfo, receipt: Receipt): boolean {
  return !c.closed && isActive(receipt) && recipientStatus(receipt, c.version) !== "acknowledged";
}

export interface CirculationCounts {
  recipients: number;
  /** Opened the current version (acknowledging counts as opening). */
  opened: number;
  acknowledged: number;
  overdue: number;
  /** Not yet acknowledged the current version. */
  pending: number;
  /** Of the pending, those who had acknowledged an earlier version. */
  reacknowledgementPending: number;
}

/** The supervisor's figures for one circulation. Everyone stored as a recipient counts, active or not. */
export function circulationCounts(c: CirculationInfo, receipts: readonly Receipt[], now: Date, timeZone = "Asia/Taipei"): CirculationCounts {
  const counts: CirculationCounts = { recipients: receipts.length, opened: 0, acknowledged: 0, overdue: 0, pending: 0, reacknowledgementPending: 0 };
  for (const r of receipts) {
    const status = recipientStatus(r, c.version);
    if (status !== "unopened") counts.opened++;
    if (status === "acknowledged") counts.acknowledged++;
    else {
      counts.pending++;
      if (needsReacknowledgement(r, c.version)) counts.reacknowledgementPending++;
    }
    if (isOverdue(c, r, now, timeZone)) counts.overdue++;
  }
  return counts;
}

/** Roles that circulate clippings, see who has read them and send reminders. */
export const CIRCULATION_MANAGER_ROLES: readonly RoleName[] = ["supervisor", "director"];

export const mayManageCirculations = (roles: readonly RoleName[]) => roles.some((r) => CIRCULATION_MANAGER_ROLES.includes(r));

/**
 * Who a reminder may go to now: active recipients who have not acknowledged the current version,
 * in an open circulation, and not reminded within `cooldownHours` (a second click does not send a
 * second message to the same people the same day).
 */
export function remindableRecipients(c: CirculationInfo, receipts: readonly Receipt[], now: Date, options: { cooldownHours?: number } = {}): UserId[] {
  if (c.closed) return [];
  const cooldownMs = (options.cooldownHours ?? 24) * 3_600_000;
  return receipts
    .filter((r) => isActive(r) && recipientStatus(r, c.version) !== "acknowledged")
    .filter((r) => !r.lastRemindedAt || now.getTime() - r.lastRemindedAt.getTime() >= cooldownMs)
    .map((r) => r.userId)
    .sort((a, b) => a - b);
}

/**
 * What is wrong with a circulation about to be sent, as zh-TW sentences (empty: fine). A 必閱 needs
 * a due date, not in the past; a 參閱 has none; the audience must reach someone.
 */
export function circulationProblems(
  input: { kind: CirculationKind; dueDate: string | null; recipientCount: number },
  now: Date,
  timeZone = "Asia/Taipei",
): string[] {
  const problems: string[] = [];
  if (input.kind === "mandatory") {
    if (!input.dueDate) problems.push("必閱的傳閱必須訂定完成期限。");
    else if (!/^\d{4}-\d{2}-\d{2}$/.test(input.dueDate) || Number.isNaN(Date.parse(`${input.dueDate}T00:00:00Z`))) problems.push("完成期限的日期格式不正確。");
    else if (isPastDue(input.dueDate, now, timeZone)) problems.push("完成期限不能早於今天。");
  } else if (input.dueDate) {
    problems.push("參閱的傳閱不設完成期限。");
  }
  if (input.recipientCount === 0) problems.push("傳閱對象中沒有任何在職同仁，請重新選擇對象。");
  return problems;
}
