import type { Executor } from "../db.server";
import { fetchPage } from "../listing.server";
import { likePattern, type ListParams } from "../listing";

export interface AuditEntry {
  actorUserId: number | null;
  officeId: number | null;
  /** A verb in dotted form: `user.create`, `counter.update`, `session.login`. */
  action: string;
  entityType: string;
  entityId: string | number | null;
  before?: unknown;
  after?: unknown;
}

// Fields never copied into the audit log, whatever the entity.
const REDACTED_FIELDS = new Set(["passwordHash", "password", "idHash"]);

function redact(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return JSON.stringify(value, (key, v) => (REDACTED_FIELDS.has(key) ? "[redacted]" : v));
}

/**
 * The one way every module records a change. Call it with the transaction that makes the change,
 * so the change and its audit row commit together or not at all (ARCHITECTURE rule 3).
 */
export async function recordAudit(executor: Executor, entry: AuditEntry): Promise<void> {
  await executor
    .insertInto("auditLog")
    .values({
      actorUserId: entry.actorUserId,
      officeId: entry.officeId,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId === null ? null : String(entry.entityId),
      before: redact(entry.before),
      after: redact(entry.after),
    })
    .execute();
}

/** Only the fields that changed, so the log reads as "what changed" rather than two full copies. */
export function changedFields<T extends Record<string, unknown>>(before: T, after: Partial<T>) {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const key of Object.keys(after)) {
    const was = before[key];
    const now = after[key];
    if (JSON.stringify(was) !== JSON.stringify(now)) {
      b[key] = was;
      a[key] = now;
    }
  }
  return { before: b, after: a, changed: Object.keys(a).length > 0 };
}

export const AUDIT_SORTS = ["at", "action", "entityType"] as const;
export type AuditSort = (typeof AUDIT_SORTS)[number];

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The audit log as an administrator reads it: newest first, filterable by who (name or employee
 * number in `q`), action, record type, office and a date range (Taipei days).
 */
export async function listAuditLog(
  db: Executor,
  scope: number[] | null,
  params: ListParams<AuditSort>,
  options: { all?: boolean } = {},
) {
  let q = db
    .selectFrom("auditLog as a")
    .leftJoin("users as u", "u.id", "a.actorUserId")
    .leftJoin("offices as o", "o.id", "a.officeId")
    .select(["a.id", "a.at", "a.action", "a.entityType", "a.entityId", "a.before", "a.after", "u.name as actorName", "u.employeeNo as actorEmployeeNo", "o.shortName as officeName"]);
  if (scope) q = q.where("a.officeId", "in", scope);
  if (params.q) {
    const pattern = likePattern(params.q);
    q = q.where((eb) => eb.or([eb("u.name", "like", pattern), eb("u.employeeNo", "ilike", pattern)]));
  }
  const { action, entity, office, from, to } = params.filters;
  if (action) q = q.where("a.action", "like", `${action.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  if (entity) q = q.where("a.entityType", "=", entity);
  if (office && Number(office) > 0) q = q.where("a.officeId", "=", Number(office));
  if (from && ISO_DATE.test(from)) q = q.where("a.at", ">=", new Date(`${from}T00:00:00+08:00`));
  if (to && ISO_DATE.test(to)) q = q.where("a.at", "<", new Date(new Date(`${to}T00:00:00+08:00`).getTime() + 86_400_000));
  return fetchPage(q, params, { at: "a.at", action: "a.action", entityType: "a.entityType" }, "a.id", options);
}

export async function listAuditEntityTypes(db: Executor): Promise<string[]> {
  const rows = await db.selectFrom("auditLog").select("entityType").distinct().orderBy("entityType").execute();
  return rows.map((r) => r.entityType);
}
