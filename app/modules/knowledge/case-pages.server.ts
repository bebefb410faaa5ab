// What the case pages need besides cases.server.ts: the choices offered by the page's small forms
// (a training session or quiz question of this office to link, a newer case to point to) and the
// office names offered for 他所. Scoped in the where clause (ARCHITECTURE rule 4); explicit selects.
import type { CurrentUser } from "../auth/session.server";
import { sql, type Executor } from "../db.server";
import { formFailure, unstorableFieldErrors, type FieldErrors, type FormFailure } from "../forms.server";
import { allowedCaseActions, canViewCase, caseRelations, type LegalBasis } from "./case-rules";
import { viewerOf, type CaseInput } from "./cases.server";
import { caseErrorField, caseFromForm, caseSchema } from "./knowledge.schema";

/** The office's training sessions and active quiz questions, newest first, for the 「使用於」 forms. */
export async function caseLinkChoices(db: Executor, user: CurrentUser) {
  const sessions = await db
    .selectFrom("trainingSessions as s")
    .select([
      "s.id",
      "s.title",
      (eb) =>
        eb
          .selectFrom("trainingSessionDates as d")
          .select(sql<string | null>`to_char(min(d.starts_at) at time zone 'Asia/Taipei', 'YYYY-MM-DD')`.as("firstDate"))
          .whereRef("d.sessionId", "=", "s.id")
          .as("firstDate"),
    ])
    .where("s.officeId", "=", user.officeId)
    .orderBy("s.id", "desc")
    .limit(200)
    .execute();
  const questions = await db
    .selectFrom("questions as q")
    .innerJoin("questionVersions as v", "v.id", "q.currentVersionId")
    .select(["q.id", "v.name", "q.category"])
    .where("q.officeId", "=", user.officeId)
    .where("q.active", "=", true)
    .orderBy("q.id", "desc")
    .limit(300)
    .execute();
  return {
    sessions: sessions.map((s) => ({
      id: s.id,
      title: s.title,
      firstDate: s.firstDate ?? null,
    })),
    questions,
  };
}

/**
 * Cases that may replace this one (標記被取代): published, not themselves superseded, not this case,
 * and visible to this person (own office, or shared by another office).
 */
export async function successorChoices(db: Executor, user: CurrentUser, caseId: number) {
  return db
    .selectFrom("kbCases as c")
    .select(["c.id", "c.title"])
    .where("c.id", "!=", caseId)
    .where("c.state", "=", "published")
    .where("c.supersededBy", "is", null)
    .where((eb) => eb.or([eb("c.shared", "=", true), eb("c.officeId", "=", user.officeId)]))
    .orderBy("c.updatedAt", "desc")
    .orderBy("c.id", "desc")
    .limit(200)
    .execute();
}

/** Active offices' names, offered (not imposed) for the 他所 field: some cases come from outside the city. */
export async function officeNameChoices(db: Executor) {
  const rows = await db.selectFrom("offices").select(["name", "shortName"]).where("active", "=", true).orderBy("code").execute();
  return rows.map((r) => r.shortName || r.name);
}

// ------------------------------------------------------------------------------ the case form

/** The case form, validated by caseSchema; field errors under the form's own names (law_2, basisDate_0…). */
export function parseCaseForm(formData: FormData): { ok: true; input: CaseInput; reason: string } | FormFailure {
  const unstorable = unstorableFieldErrors(formData);
  if (Object.keys(unstorable).length > 0) return formFailure(formData, unstorable);
  const result = caseSchema.safeParse(caseFromForm(formData));
  if (!result.success) {
    const errors: FieldErrors = {};
    for (const issue of result.error.issues) {
      const field = caseErrorField(issue.path.join(".")) || "_form";
      errors[field] ??= issue.message.startsWith("errors.") ? issue.message : "errors.invalid";
    }
    return formFailure(formData, errors);
  }
  const { reason, ...rest } = result.data;
  return {
    ok: true,
    input: {
      ...rest,
      sourceOffice: rest.source === "other_office" ? rest.sourceOffice : "",
    } as CaseInput,
    reason,
  };
}

/**
 * A case as the edit form needs it, without counting a read (loadCase counts one). The author edits a
 * draft (`edit`); a reviewer or supervisor corrects a published case (`correct`); anyone else, or any
 * other state, is refused (403; 404 when the case is not visible at all).
 */
export async function loadCaseForForm(db: Executor, user: CurrentUser, id: number) {
  const row = await db
    .selectFrom("kbCases")
    .select([
      "id",
      "officeId",
      "authorId",
      "state",
      "shared",
      "title",
      "category",
      "source",
      "sourceOffice",
      sql<string | null>`to_char(case_date, 'YYYY-MM-DD')`.as("caseDate"),
      "facts",
      "issue",
      "handling",
      "legalBasis",
      "lessons",
      "body",
      "tags",
      "revision",
      "reviewNote",
    ])
    .where("id", "=", id)
    .executeTakeFirst();
  const viewer = await viewerOf(db, user);
  if (!row || !canViewCase(row, viewer)) throw new Response("Not Found", { status: 404 });
  const actions = allowedCaseActions(row.state, caseRelations(row, viewer));
  const mode = row.state === "draft" && actions.includes("edit") ? "edit" : row.state === "published" && actions.includes("correct") ? "correct" : null;
  if (!mode) throw new Response("Forbidden", { status: 403 });
  return {
    mode: mode as "edit" | "correct",
    case: {
      id: row.id,
      state: row.state,
      revision: row.revision,
      reviewNote: row.reviewNote,
      title: row.title,
      category: row.category,
      source: row.source,
      sourceOffice: row.sourceOffice,
      caseDate: row.caseDate,
      facts: row.facts,
      issue: row.issue,
      handling: row.handling,
      legalBasis: row.legalBasis as LegalBasis[],
      lessons: row.lessons,
      body: row.body,
      tags: row.tags as string[],
      shared: row.shared,
    },
  };
}
