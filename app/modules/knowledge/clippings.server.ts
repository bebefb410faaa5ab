// News clippings and their circulation with read acknowledgement (新聞蒐集與傳閱; issue 6). The rules
// (recipients, substance versions, overdue, reminders) are in circulation.ts; this file stores them.
// Opening and acknowledging are recorded separately; an edit in substance raises the clipping's
// version, so acknowledgements of the earlier version are asked again.
import type { Kysely } from "kysely";
import { recordAudit } from "../audit/audit.server";
import type { RoleName } from "../auth/roles";
import type { CurrentUser } from "../auth/session.server";
import { sql, type Database, type Executor } from "../db.server";
import { DomainError } from "../domain-error";
import { notify } from "../notifications/notifications.server";
import { queryTerms, weightedVector } from "../search/bigrams";
import {
  circulationCounts,
  circulationProblems,
  isOverdue,
  isPinned,
  isSubstantiveChange,
  localDate,
  mayManageCirculations,
  recipientStatus,
  remindableRecipients,
  resolveRecipients,
  type CirculationInfo,
  type CirculationKind,
  type Receipt,
} from "./circulation";

type Db = Kysely<Database>;

export interface ClippingInput {
  title: string;
  outlet: string;
  url: string;
  publishedOn: string;
  summary: string;
  lesson: string;
  tags: string[];
}

export interface CirculationInput {
  kind: CirculationKind;
  dueOn: string | null;
  audienceWholeOffice: boolean;
  audienceRoles: RoleName[];
  audienceUserIds: number[];
  note: string;
}

function requireManager(user: CurrentUser) {
  if (!mayManageCirculations(user.roles)) throw new Response("Forbidden", { status: 403 });
}

const substance = (c: { title: string; url: string; publishedOn: string; summary: string; lesson: string }) => ({
  title: c.title,
  url: c.url,
  publishedOn: c.publishedOn,
  summary: c.summary,
  lessons: c.lesson,
});

async function writeSearch(trx: Executor, id: number, input: ClippingInput) {
  const vector = weightedVector([
    { text: input.title, weight: "A" },
    { text: input.tags.join(" "), weight: "B" },
    { text: [input.summary, input.lesson, input.outlet].join("\n"), weight: "D" },
  ]);
  await sql`update clippings set search_vector = ${vector}::tsvector where id = ${id}`.execute(trx);
}

function columnsOf(input: ClippingInput) {
  return {
    title: input.title,
    outlet: input.outlet,
    url: input.url,
    publishedOn: input.publishedOn,
    summary: input.summary,
    lesson: input.lesson,
    tags: JSON.stringify([...new Set(input.tags.map((t) => t.trim()).filter(Boolean))]),
  };
}

/** Anyone working in the office may collect a clipping (服務精進 2.(2)); supervisors circulate it. */
export async function createClipping(db: Db, user: CurrentUser, input: ClippingInput): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const { id } = await trx.insertInto("clippings").values({ officeId: user.officeId, ...columnsOf(input), createdBy: user.id }).returning("id").executeTakeFirstOrThrow();
    await writeSearch(trx, id, input);
    await recordAudit(trx, { actorUserId: user.id, officeId: user.officeId, action: "clipping.create", entityType: "clipping", entityId: id, after: { title: input.title } });
    return id;
  });
}

/** Edits a clipping (its collector or a supervisor); an edit in substance raises its version. */
export async function updateClipping(db: Db, user: CurrentUser, id: number, input: ClippingInput): Promise<{ reacknowledge: boolean }> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom("clippings")
      .select(["id", "officeId", "title", "url", sql<string>`to_char(published_on, 'YYYY-MM-DD')`.as("publishedOn"), "summary", "lesson", "version", "createdBy"])
      .where("id", "=", id)
      .where("officeId", "=", user.officeId)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw new Response("Not Found", { status: 404 });
    if (row.createdBy !== user.id && !mayManageCirculations(user.roles)) throw new Response("Forbidden", { status: 403 });
    const changed = isSubstantiveChange(substance(row), substance(input));
    const circulated = await trx.selectFrom("circulations").select("id").where("clippingId", "=", id).where("closed", "=", false).executeTakeFirst();
    const reacknowledge = changed && Boolean(circulated);
    await trx
      .updateTable("clippings")
      .set({ ...columnsOf(input), version: changed ? row.version + 1 : row.version, updatedAt: new Date() })
      .where("id", "=", id)
      .execute();
    await writeSearch(trx, id, input);
    await recordAudit(trx, { actorUserId: user.id, officeId: user.officeId, action: "clipping.update", entityType: "clipping", entityId: id, after: { substantive: changed, version: changed ? row.version + 1 : row.version } });
    if (reacknowledge) {
      // Asked again after the due date, everyone would be overdue at once: a 必閱 circulation due
      // within three days gets a week from today to read the new version (documented in README.md).
      const soon = localDate(new Date(Date.now() + 3 * 86_400_000));
      const week = localDate(new Date(Date.now() + 7 * 86_400_000));
      await trx
        .updateTable("circulations")
        .set({ dueOn: week })
        .where("clippingId", "=", id)
        .where("closed", "=", false)
        .where("kind", "=", "mandatory")
        .where("dueOn", "<=", soon)
        .execute();
      const recipients = await trx
        .selectFrom("circulationRecipients as r")
        .innerJoin("circulations as c", "c.id", "r.circulationId")
        .select("r.userId")
        .distinct()
        .where("c.clippingId", "=", id)
        .where("c.closed", "=", false)
        .execute();
      await notify(trx, {
        userIds: recipients.map((r) => r.userId),
        officeId: user.officeId,
        messageKey: "notify.clippings.changed",
        params: { title: input.title },
        link: `/clippings/${id}`,
        actorId: user.id,
      });
    }
    return { reacknowledge };
  });
}

async function officeMembers(db: Executor, officeId: number) {
  const rows = await db
    .selectFrom("userRoles as r")
    .innerJoin("users as u", "u.id", "r.userId")
    .select(["u.id", "u.active", "r.role"])
    .where("r.officeId", "=", officeId)
    .where("r.role", "in", ["staff", "committee", "chair", "supervisor", "director"])
    .execute();
  const byId = new Map<number, { userId: number; active: boolean; roles: RoleName[] }>();
  for (const r of rows) {
    const m = byId.get(r.id) ?? { userId: r.id, active: r.active, roles: [] };
    m.roles.push(r.role as RoleName);
    byId.set(r.id, m);
  }
  return [...byId.values()];
}

/** 傳閱: to the whole office, roles or people; 必閱 with a due date, or 參閱. Recipients are fixed now and told. */
export async function circulate(db: Db, user: CurrentUser, clippingId: number, input: CirculationInput, now = new Date()): Promise<number> {
  requireManager(user);
  return db.transaction().execute(async (trx) => {
    const clipping = await trx.selectFrom("clippings").select(["id", "title", "officeId"]).where("id", "=", clippingId).where("officeId", "=", user.officeId).executeTakeFirst();
    if (!clipping) throw new Response("Not Found", { status: 404 });
    const recipients = resolveRecipients(
      { everyone: input.audienceWholeOffice, roles: input.audienceRoles, userIds: input.audienceUserIds },
      await officeMembers(trx, user.officeId),
      { exclude: [user.id] },
    );
    const problems = circulationProblems({ kind: input.kind, dueDate: input.dueOn, recipientCount: recipients.length }, now);
    if (problems.length) throw new DomainError(problems[0].includes("期限") ? "dueOn" : "_form", problems[0]);
    const { id } = await trx
      .insertInto("circulations")
      .values({
        clippingId,
        officeId: user.officeId,
        kind: input.kind,
        dueOn: input.kind === "mandatory" ? input.dueOn : null,
        audienceWholeOffice: input.audienceWholeOffice,
        audienceRoles: JSON.stringify(input.audienceRoles),
        audienceUserIds: JSON.stringify(input.audienceUserIds),
        note: input.note,
        createdBy: user.id,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx.insertInto("circulationRecipients").values(recipients.map((userId) => ({ circulationId: id, userId }))).execute();
    await recordAudit(trx, { actorUserId: user.id, officeId: user.officeId, action: "circulation.create", entityType: "circulation", entityId: id, after: { clippingId, ...input, recipients: recipients.length } });
    await notify(trx, {
      userIds: recipients,
      officeId: user.officeId,
      messageKey: input.kind === "mandatory" ? "notify.clippings.mandatory" : "notify.clippings.information",
      params: { title: clipping.title, dueOn: input.dueOn ?? "" },
      link: `/clippings/${clippingId}`,
      actorId: user.id,
    });
    return id;
  });
}

function receiptOf(r: {
  userId: number;
  openedAt: Date | null;
  openedVersion: number | null;
  acknowledgedAt: Date | null;
  acknowledgedVersion: number | null;
  comment: string;
  remindedAt: Date | null;
  active?: boolean;
}): Receipt {
  return {
    userId: r.userId,
    openedAt: r.openedAt,
    openedVersion: r.openedVersion,
    acknowledgedAt: r.acknowledgedAt,
    acknowledgedVersion: r.acknowledgedVersion,
    comment: r.comment || null,
    lastRemindedAt: r.remindedAt,
    active: r.active ?? true,
  };
}

/** Records that this person opened the clipping's current version (first opening of each version kept). */
async function recordOpened(db: Executor, user: CurrentUser, clippingId: number, version: number, now: Date) {
  await db
    .updateTable("circulationRecipients")
    .set({ openedAt: now, openedVersion: version })
    .where("userId", "=", user.id)
    .where("circulationId", "in", (eb) => eb.selectFrom("circulations").select("id").where("clippingId", "=", clippingId))
    .where((eb) => eb.or([eb("openedVersion", "is", null), eb("openedVersion", "<", version)]))
    .execute();
}

/** 已閱, optionally with a comment; acknowledging also counts as opening. Only recipients acknowledge. */
export async function acknowledge(db: Db, user: CurrentUser, clippingId: number, comment: string, now = new Date()): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const clipping = await trx.selectFrom("clippings").select(["id", "version"]).where("id", "=", clippingId).where("officeId", "=", user.officeId).forShare().executeTakeFirst();
    if (!clipping) throw new Response("Not Found", { status: 404 });
    const mine = await trx
      .selectFrom("circulationRecipients as r")
      .innerJoin("circulations as c", "c.id", "r.circulationId")
      .select(["r.circulationId", "r.acknowledgedVersion"])
      .where("c.clippingId", "=", clippingId)
      .where("r.userId", "=", user.id)
      .execute();
    if (mine.length === 0) throw new DomainError("_form", "這則新聞沒有傳閱給您，不需要確認已閱。");
    const pending = mine.filter((m) => m.acknowledgedVersion === null || m.acknowledgedVersion < clipping.version);
    if (pending.length === 0) throw new DomainError("_form", "您已確認已閱這個版本。");
    await trx
      .updateTable("circulationRecipients")
      .set({ acknowledgedAt: now, acknowledgedVersion: clipping.version, comment: comment.trim() })
      .where("userId", "=", user.id)
      .where("circulationId", "in", pending.map((p) => p.circulationId))
      .execute();
    await trx
      .updateTable("circulationRecipients")
      .set({ openedAt: now, openedVersion: clipping.version })
      .where("userId", "=", user.id)
      .where("circulationId", "in", pending.map((p) => p.circulationId))
      .where((eb) => eb.or([eb("openedVersion", "is", null), eb("openedVersion", "<", clipping.version)]))
      .execute();
    await recordAudit(trx, { actorUserId: user.id, officeId: user.officeId, action: "clipping.acknowledge", entityType: "clipping", entityId: clippingId, after: { version: clipping.version } });
  });
}

/** Sends a reminder to those who have not acknowledged (not the same person twice within a day). */
export async function remind(db: Db, user: CurrentUser, circulationId: number, now = new Date()): Promise<number> {
  requireManager(user);
  return db.transaction().execute(async (trx) => {
    const c = await trx
      .selectFrom("circulations as c")
      .innerJoin("clippings as k", "k.id", "c.clippingId")
      .select(["c.id", "c.kind", sql<string | null>`to_char(c.due_on, 'YYYY-MM-DD')`.as("dueOn"), "c.closed", "k.version", "k.title", "k.id as clippingId"])
      .where("c.id", "=", circulationId)
      .where("c.officeId", "=", user.officeId)
      .forUpdate()
      .executeTakeFirst();
    if (!c) throw new Response("Not Found", { status: 404 });
    const receipts = await receiptsOf(trx, circulationId);
    const info: CirculationInfo = { kind: c.kind, dueDate: c.dueOn, version: c.version, closed: c.closed };
    const to = remindableRecipients(info, receipts, now);
    if (to.length === 0) throw new DomainError("_form", "目前沒有需要提醒的同仁（都已確認，或今天已提醒過）。");
    await trx.updateTable("circulationRecipients").set({ remindedAt: now }).where("circulationId", "=", circulationId).where("userId", "in", to).execute();
    await notify(trx, { userIds: to, officeId: user.officeId, messageKey: "notify.clippings.reminder", params: { title: c.title, dueOn: c.dueOn ?? "" }, link: `/clippings/${c.clippingId}`, actorId: user.id });
    await recordAudit(trx, { actorUserId: user.id, officeId: user.officeId, action: "circulation.remind", entityType: "circulation", entityId: circulationId, after: { count: to.length } });
    return to.length;
  });
}

export async function closeCirculation(db: Db, user: CurrentUser, circulationId: number): Promise<void> {
  requireManager(user);
  await db.transaction().execute(async (trx) => {
    const res = await trx.updateTable("circulations").set({ closed: true }).where("id", "=", circulationId).where("officeId", "=", user.officeId).executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) throw new Response("Not Found", { status: 404 });
    await recordAudit(trx, { actorUserId: user.id, officeId: user.officeId, action: "circulation.close", entityType: "circulation", entityId: circulationId });
  });
}

async function receiptsOf(db: Executor, circulationId: number): Promise<Receipt[]> {
  const rows = await db
    .selectFrom("circulationRecipients as r")
    .innerJoin("users as u", "u.id", "r.userId")
    .select(["r.userId", "r.openedAt", "r.openedVersion", "r.acknowledgedAt", "r.acknowledgedVersion", "r.comment", "r.remindedAt", "u.active"])
    .where("r.circulationId", "=", circulationId)
    .execute();
  return rows.map(receiptOf);
}

// ------------------------------------------------------------------------------ reading

/** A clipping page; opening it records the opening for its recipient. Managers get each circulation's receipts. */
export async function loadClipping(db: Db, user: CurrentUser, id: number, now = new Date()) {
  const row = await db
    .selectFrom("clippings as k")
    .leftJoin("users as u", "u.id", "k.createdBy")
    .select([
      "k.id",
      "k.title",
      "k.outlet",
      "k.url",
      sql<string>`to_char(k.published_on, 'YYYY-MM-DD')`.as("publishedOn"),
      "k.summary",
      "k.lesson",
      "k.tags",
      "k.version",
      "k.createdBy",
      "u.name as createdByName",
      "k.createdAt",
      "k.updatedAt",
    ])
    .where("k.id", "=", id)
    .where("k.officeId", "=", user.officeId)
    .executeTakeFirst();
  if (!row) throw new Response("Not Found", { status: 404 });
  await recordOpened(db, user, id, row.version, now);
  const manager = mayManageCirculations(user.roles);
  const circulations = await db
    .selectFrom("circulations as c")
    .leftJoin("users as u", "u.id", "c.createdBy")
    .select(["c.id", "c.kind", sql<string | null>`to_char(c.due_on, 'YYYY-MM-DD')`.as("dueOn"), "c.closed", "c.note", "c.createdAt", "u.name as createdByName"])
    .where("c.clippingId", "=", id)
    .orderBy("c.createdAt", "desc")
    .execute();
  const details = [];
  let mine: { pinned: boolean; acknowledgedAt: string | null; reacknowledge: boolean; comment: string | null; dueOn: string | null; kind: CirculationKind } | null = null;
  for (const c of circulations) {
    const receipts = await receiptsOf(db, c.id);
    const info: CirculationInfo = { kind: c.kind, dueDate: c.dueOn, version: row.version, closed: c.closed };
    const own = receipts.find((r) => r.userId === user.id);
    if (own && (!mine || isPinned(info, own))) {
      mine = {
        pinned: isPinned(info, own),
        acknowledgedAt: recipientStatus(own, row.version) === "acknowledged" ? (own.acknowledgedAt?.toISOString() ?? null) : null,
        reacknowledge: own.acknowledgedVersion !== null && own.acknowledgedVersion < row.version,
        comment: own.comment ?? null,
        dueOn: c.dueOn,
        kind: c.kind,
      };
    }
    if (!manager) continue;
    const names = await db.selectFrom("users").select(["id", "name", "employeeNo"]).where("id", "in", [0, ...receipts.map((r) => r.userId)]).execute();
    details.push({
      ...c,
      createdAt: c.createdAt.toISOString(),
      counts: circulationCounts(info, receipts, now),
      recipients: receipts
        .map((r) => ({
          userId: r.userId,
          name: names.find((n) => n.id === r.userId)?.name ?? "",
          employeeNo: names.find((n) => n.id === r.userId)?.employeeNo ?? "",
          status: recipientStatus(r, row.version),
          openedAt: r.openedAt?.toISOString() ?? null,
          acknowledgedAt: r.acknowledgedAt?.toISOString() ?? null,
          acknowledgedVersion: r.acknowledgedVersion,
          comment: r.comment ?? "",
          overdue: isOverdue(info, r, now),
          remindedAt: r.lastRemindedAt?.toISOString() ?? null,
        }))
        .sort((a, b) => a.employeeNo.localeCompare(b.employeeNo)),
      remindable: remindableRecipients(info, receipts, now).length,
    });
  }
  return {
    clipping: { ...row, tags: row.tags as string[], createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() },
    canEdit: row.createdBy === user.id || manager,
    isManager: manager,
    mine,
    circulations: details,
  };
}

/** The clippings of the office, newest first, searchable; with my acknowledgement state. */
export async function listClippings(db: Executor, user: CurrentUser, options: { q?: string; page?: number; pageSize?: number } = {}) {
  const query = options.q?.trim() ? queryTerms(options.q, "all") : null;
  let q = db
    .selectFrom("clippings as k")
    .select(["k.id", "k.title", "k.outlet", sql<string>`to_char(k.published_on, 'YYYY-MM-DD')`.as("publishedOn"), "k.tags", "k.version", "k.summary", "k.lesson"])
    .where("k.officeId", "=", user.officeId);
  if (query) q = q.where(sql<boolean>`k.search_vector @@ ${query}::tsquery`);
  const total = Number((await q.clearSelect().select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow()).n);
  const pageSize = options.pageSize ?? 20;
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(Math.max(1, options.page ?? 1), pageCount);
  const rows = await q.orderBy("k.publishedOn", "desc").orderBy("k.id", "desc").limit(pageSize).offset((page - 1) * pageSize).execute();
  const ids = rows.map((r) => r.id);
  const mine = ids.length
    ? await db
        .selectFrom("circulationRecipients as r")
        .innerJoin("circulations as c", "c.id", "r.circulationId")
        .select(["c.clippingId", "r.acknowledgedVersion", "c.closed"])
        .where("r.userId", "=", user.id)
        .where("c.clippingId", "in", ids)
        .execute()
    : [];
  return {
    total,
    page,
    pageSize,
    pageCount,
    rows: rows.map((r) => {
      const receipts = mine.filter((m) => m.clippingId === r.id);
      const toAcknowledge = receipts.some((m) => !m.closed && (m.acknowledgedVersion === null || m.acknowledgedVersion < r.version));
      return { ...r, tags: r.tags as string[], circulatedToMe: receipts.length > 0, toAcknowledge };
    }),
  };
}

/** For the home page: circulations pinned for me until I acknowledge them, due first. */
export async function clippingsToAcknowledge(db: Executor, user: CurrentUser, now = new Date()) {
  const rows = await db
    .selectFrom("circulationRecipients as r")
    .innerJoin("circulations as c", "c.id", "r.circulationId")
    .innerJoin("clippings as k", "k.id", "c.clippingId")
    .select([
      "k.id as clippingId",
      "k.title",
      "k.outlet",
      "k.version",
      "c.kind",
      sql<string | null>`to_char(c.due_on, 'YYYY-MM-DD')`.as("dueOn"),
      "c.closed",
      "r.userId",
      "r.openedAt",
      "r.openedVersion",
      "r.acknowledgedAt",
      "r.acknowledgedVersion",
      "r.comment",
      "r.remindedAt",
    ])
    .where("r.userId", "=", user.id)
    .where("c.officeId", "=", user.officeId)
    .where("c.closed", "=", false)
    .execute();
  const seen = new Set<number>();
  return rows
    .filter((r) => isPinned({ kind: r.kind, dueDate: r.dueOn, version: r.version, closed: r.closed }, receiptOf(r)))
    .map((r) => ({
      clippingId: r.clippingId,
      title: r.title,
      outlet: r.outlet,
      kind: r.kind,
      dueOn: r.dueOn,
      overdue: isOverdue({ kind: r.kind, dueDate: r.dueOn, version: r.version, closed: r.closed }, receiptOf(r), now),
      reacknowledge: r.acknowledgedVersion !== null && r.acknowledgedVersion < r.version,
    }))
    .filter((r) => (seen.has(r.clippingId) ? false : (seen.add(r.clippingId), true)))
    .sort((a, b) => (a.dueOn ?? "9999").localeCompare(b.dueOn ?? "9999"));
}
