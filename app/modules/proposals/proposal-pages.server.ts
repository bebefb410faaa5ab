// Small reads the proposal pages need beyond proposals.server.ts (app/routes/proposals.*).
import type { Executor } from "../db.server";

/**
 * Names of people by id, for a timeline that names the owner it assigned. The ids come only from
 * the details of this office's own proposal events (loadProposal scopes those), not from the request;
 * the owner may since have left the office, so officeColleagues() (active people only) is not enough.
 */
export async function namesOf(db: Executor, ids: readonly number[]): Promise<Map<number, string>> {
  const unique = [...new Set(ids)].filter((id) => Number.isSafeInteger(id) && id > 0);
  if (unique.length === 0) return new Map();
  const rows = await db.selectFrom("users").select(["id", "name"]).where("id", "in", unique).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
