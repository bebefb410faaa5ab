import type { Executor } from "../db.server";

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
