// In-app notifications: every module tells a person what now waits for them (issue 4, "a person is
// notified in-app"; PRODUCT.md module 9, the home page). Written in the same transaction as the change
// that caused them, so a refused change notifies nobody.
import type { Executor } from "../db.server";

export interface NotificationInput {
  userIds: readonly number[];
  officeId: number;
  /** An i18n key (app/i18n/catalogs/…); the reader sees it in their own language. */
  messageKey: string;
  params?: Record<string, string | number>;
  link: string;
  /** Who caused it: never notified of their own action. */
  actorId?: number | null;
}

export async function notify(trx: Executor, input: NotificationInput): Promise<void> {
  const recipients = [...new Set(input.userIds)].filter((id) => id !== input.actorId);
  if (recipients.length === 0) return;
  await trx
    .insertInto("notifications")
    .values(
      recipients.map((userId) => ({
        userId,
        officeId: input.officeId,
        messageKey: input.messageKey,
        params: JSON.stringify(input.params ?? {}),
        link: input.link,
      })),
    )
    .execute();
}

export interface NotificationItem {
  id: string;
  messageKey: string;
  params: Record<string, string | number>;
  link: string;
  createdAt: string;
  read: boolean;
}

/** The latest notifications of this person in this office, unread first. */
export async function listNotifications(db: Executor, userId: number, officeId: number, limit = 20): Promise<NotificationItem[]> {
  const rows = await db
    .selectFrom("notifications")
    .select(["id", "messageKey", "params", "link", "createdAt", "readAt"])
    .where("userId", "=", userId)
    .where("officeId", "=", officeId)
    .orderBy((eb) => eb.case().when("readAt", "is", null).then(0).else(1).end())
    .orderBy("createdAt", "desc")
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: String(r.id),
    messageKey: r.messageKey,
    params: (r.params ?? {}) as Record<string, string | number>,
    link: r.link,
    createdAt: r.createdAt.toISOString(),
    read: r.readAt !== null,
  }));
}

export async function countUnread(db: Executor, userId: number, officeId: number): Promise<number> {
  const row = await db
    .selectFrom("notifications")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("userId", "=", userId)
    .where("officeId", "=", officeId)
    .where("readAt", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Marks one (or, with `id` null, all) of this person's notifications read; another person's are untouched. */
export async function markRead(db: Executor, userId: number, id: string | null): Promise<void> {
  let q = db.updateTable("notifications").set({ readAt: new Date() }).where("userId", "=", userId).where("readAt", "is", null);
  if (id !== null) q = q.where("id", "=", id);
  await q.execute();
}
