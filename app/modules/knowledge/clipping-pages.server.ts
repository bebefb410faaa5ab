// Reads the clipping pages need beyond clippings.server.ts (issue 6, 新聞蒐集與傳閱): the edit form's
// values (without recording an opening, which loadClipping does), and the people a supervisor may
// circulate to. Scoped to the reader's office in the where clause (ARCHITECTURE rule 4).
import type { CurrentUser } from "../auth/session.server";
import { sql, type Executor } from "../db.server";
import { mayManageCirculations } from "./circulation";

/** The clipping as the edit form shows it; 404 outside the office, 403 for someone who may not edit it. */
export async function getClippingForEdit(db: Executor, user: CurrentUser, id: number) {
  const row = await db
    .selectFrom("clippings as k")
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
    ])
    .where("k.id", "=", id)
    .where("k.officeId", "=", user.officeId)
    .executeTakeFirst();
  if (!row) throw new Response("Not Found", { status: 404 });
  // The same rule as updateClipping: its collector, or a supervisor or the director.
  if (row.createdBy !== user.id && !mayManageCirculations(user.roles)) throw new Response("Forbidden", { status: 403 });
  const open = await db.selectFrom("circulations").select("id").where("clippingId", "=", id).where("closed", "=", false).executeTakeFirst();
  return {
    id: row.id,
    title: row.title,
    outlet: row.outlet,
    url: row.url,
    publishedOn: row.publishedOn,
    summary: row.summary,
    lesson: row.lesson,
    tags: (row.tags as string[]).join("、"),
    version: row.version,
    circulating: Boolean(open),
  };
}

/** Active people of the office a circulation can go to (the sender left out, as circulate() does). */
export async function circulationPeople(db: Executor, user: CurrentUser) {
  const rows = await db
    .selectFrom("users as u")
    .select(["u.id", "u.name", "u.employeeNo", "u.title"])
    .where("u.active", "=", true)
    .where("u.id", "!=", user.id)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("userRoles as r")
          .select("r.userId")
          .whereRef("r.userId", "=", "u.id")
          .where("r.officeId", "=", user.officeId)
          .where("r.role", "in", ["staff", "committee", "chair", "supervisor", "director"]),
      ),
    )
    .orderBy("u.employeeNo")
    .execute();
  return rows;
}

/** zod names a bad tag `tags.3`; the form has one field, `tags`, where the message belongs. */
export function clippingFieldErrors<T extends { errors: Record<string, string> }>(failure: T): T {
  const errors: Record<string, string> = {};
  for (const [k, v] of Object.entries(failure.errors)) errors[k.startsWith("tags.") ? "tags" : k] ??= v;
  return { ...failure, errors };
}
