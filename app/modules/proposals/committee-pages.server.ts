// Reads the committee pages need beyond committee.server.ts (app/routes/committee.*). Kept apart so the
// pages can grow without touching the module that locks and writes meetings.
import type { CurrentUser } from "../auth/session.server";
import type { Executor } from "../db.server";

/**
 * Proposals the chair can put on a meeting's agenda: forwarded by a supervisor and not yet on any
 * meeting (ARCHITECTURE rule 4: the office is in the where clause). Moving a scheduled proposal to a
 * later meeting is done from the proposal's own page.
 */
export async function listSchedulableProposals(db: Executor, user: CurrentUser) {
  return db
    .selectFrom("proposals as p")
    .innerJoin("users as u", "u.id", "p.proposerId")
    .select(["p.id", "p.referenceNo", "p.title", "u.name as proposerName"])
    .where("p.officeId", "=", user.officeId)
    .where("p.state", "=", "forwarded")
    .orderBy("p.referenceNo")
    .orderBy("p.id")
    .execute();
}
