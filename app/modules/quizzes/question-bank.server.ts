// The office's question bank (題庫): GIFT / Aiken import and GIFT export, versions, editing a
// question as GIFT text, retiring. Seed 基礎服務 3.(3) 「辦理法令測驗」; issue 3, "Question banks as files".
//
// A question (questions row) is identified within its office by its external id: GIFT's
// `// [id:…]` (Moodle's idnumber), or for a question written without one, a hash of its category
// and text. Its content lives in question_versions; questions.current_version_id points at the
// version new attempts show, and an attempt keeps the version it showed (attempt_items pins it).
import type { Executor } from "../db.server";
import { sql } from "../db.server";
import { recordAudit } from "../audit/audit.server";
import type { CurrentUser } from "../auth/session.server";
import { DomainError } from "../domain-error";
import { fetchPage } from "../listing.server";
import { likePattern, type ListParams } from "../listing";
import { fnv1a64, parseAiken } from "./aiken-parser";
import { contentHash } from "./content-hash";
import { parseGift } from "./gift-parser";
import { writeGift } from "./gift-writer";
import { QUESTION_TYPE_NAMES, type ImportFormat } from "./question-bank.schema";
import { formatError, type ImportError, type ParsedQuestion, type QuestionInput, type QuestionType } from "./question-types";

/** What a version's `body` column holds: the parsed question without its source line; `id` is the external id. */
export type StoredQuestion = QuestionInput;

export interface ImportSummary {
  created: number;
  updated: number;
  unchanged: number;
  /** Rejected questions, by line: the rest of the file was imported. */
  errors: ImportError[];
}

interface Prepared {
  externalId: string;
  body: StoredQuestion;
  hash: string;
}

/** Rows per INSERT: well under PostgreSQL's 65,535 parameters for a large bank. */
const INSERT_CHUNK = 500;

/**
 * The external id of a question written without `[id:…]`: the same category and text give the
 * same id on every import, so re-importing such a file still finds its questions.
 */
export function derivedExternalId(question: Pick<ParsedQuestion, "category" | "text">): string {
  return `gift-${fnv1a64(`${question.category}\n${question.text}`)}`;
}

/** "戶籍法 題庫.txt" → "aiken-戶籍法_題庫-": ids of one Aiken file stay apart from another file's. */
export function aikenIdPrefix(filename: string | undefined): string {
  const base = (filename ?? "").replace(/^.*[\\/]/, "").replace(/\.[^.]*$/, "");
  const slug = base.replace(/[^\p{L}\p{N}_-]+/gu, "_").replace(/^_+|_+$/g, "");
  return slug ? `aiken-${slug}-` : "aiken-";
}

function toStored(question: ParsedQuestion, externalId: string, category = question.category): StoredQuestion {
  const { line: _line, ...rest } = question;
  return { ...rest, id: externalId, category } as StoredQuestion;
}

/**
 * Imports a GIFT or Aiken bank into an office. Rejected questions come back with their line and a
 * zh-TW reason and the valid ones are imported; all of it happens in one transaction, so an
 * unexpected failure leaves the bank as it was (nothing half-imports). Re-importing the same file
 * changes nothing: a question whose content hash is unchanged gets no new version.
 */
export async function importQuestions(
  db: Executor,
  actor: CurrentUser | null,
  officeId: number,
  input: { source: string; format: ImportFormat; filename?: string; category?: string }
): Promise<ImportSummary> {
  const parsed =
    input.format === "aiken"
      ? parseAiken(input.source, { idPrefix: aikenIdPrefix(input.filename), category: normaliseCategory(input.category ?? "") })
      : parseGift(input.source);
  const errors = [...parsed.errors];
  const prepared: Prepared[] = [];
  const firstLineOf = new Map<string, number>();
  for (const question of parsed.questions) {
    const externalId = question.id ?? derivedExternalId(question);
    const earlier = firstLineOf.get(externalId);
    if (earlier !== undefined) {
      // Two questions claiming one id: importing both would silently keep only the last.
      errors.push(formatError(question.line, `題目代號「${externalId}」與第 ${earlier} 行的題目重複，沒有匯入。`, question.text.split("\n")[0]));
      continue;
    }
    firstLineOf.set(externalId, question.line);
    const body = toStored(question, externalId);
    prepared.push({ externalId, body, hash: contentHash(body) });
  }
  errors.sort((a, b) => a.line - b.line);

  return db.transaction().execute(async (trx) => {
    const counts = await saveVersions(trx, actor, officeId, prepared);
    await recordAudit(trx, {
      actorUserId: actor?.id ?? null,
      officeId,
      action: "questionBank.import",
      entityType: "questionBank",
      entityId: null,
      after: { filename: input.filename ?? null, format: input.format, ...counts, rejected: errors.length },
    });
    return { ...counts, errors };
  });
}

/** Category paths are written "a/b"; stray spaces around the parts are not part of the name. */
function normaliseCategory(category: string): string {
  return category
    .split("/")
    .map((part) => part.trim())
    .filter(Boolean)
    .join("/");
}

/**
 * Creates the questions that are new, a version n+1 of those whose content changed, and leaves
 * the unchanged ones alone. Runs inside the caller's transaction.
 */
async function saveVersions(trx: Executor, actor: CurrentUser | null, officeId: number, prepared: Prepared[]) {
  const counts = { created: 0, updated: 0, unchanged: 0 };
  if (prepared.length === 0) return counts;

  const existing = new Map<string, { id: number; maxVersion: number; hash: string | null }>();
  for (const ids of chunks(
    prepared.map((p) => p.externalId),
    INSERT_CHUNK
  )) {
    const rows = await trx
      .selectFrom("questions as q")
      .leftJoin("questionVersions as v", "v.id", "q.currentVersionId")
      .select((eb) => [
        "q.id",
        "q.externalId",
        "v.contentHash",
        eb
          .selectFrom("questionVersions as all")
          .select((e) => e.fn.max("all.version").as("m"))
          .whereRef("all.questionId", "=", "q.id")
          .as("maxVersion"),
      ])
      .where("q.officeId", "=", officeId)
      .where("q.externalId", "in", ids)
      .execute();
    for (const r of rows) existing.set(r.externalId, { id: r.id, maxVersion: Number(r.maxVersion ?? 0), hash: r.contentHash });
  }

  const fresh = prepared.filter((p) => !existing.has(p.externalId));
  const changed = prepared.filter((p) => {
    const found = existing.get(p.externalId);
    return found !== undefined && found.hash !== p.hash;
  });
  counts.created = fresh.length;
  counts.updated = changed.length;
  counts.unchanged = prepared.length - fresh.length - changed.length;

  const questionIds = new Map<string, number>();
  for (const part of chunks(fresh, INSERT_CHUNK)) {
    const rows = await trx
      .insertInto("questions")
      .values(part.map((p) => ({ officeId, externalId: p.externalId, category: p.body.category })))
      .returning(["id", "externalId"])
      .execute();
    for (const r of rows) questionIds.set(r.externalId, r.id);
  }

  const versions = [
    ...fresh.map((p) => ({ p, questionId: questionIds.get(p.externalId)!, version: 1 })),
    ...changed.map((p) => {
      const found = existing.get(p.externalId)!;
      return { p, questionId: found.id, version: found.maxVersion + 1 };
    }),
  ];
  for (const part of chunks(versions, INSERT_CHUNK)) {
    const inserted = await trx
      .insertInto("questionVersions")
      .values(
        part.map(({ p, questionId, version }) => ({
          questionId,
          version,
          type: p.body.type,
          name: p.body.name,
          text: p.body.text,
          generalFeedback: p.body.generalFeedback,
          tags: JSON.stringify(p.body.tags),
          body: JSON.stringify(p.body),
          contentHash: p.hash,
          createdBy: actor?.id ?? null,
        }))
      )
      .returning("id")
      .execute();
    // The new version becomes the current one; its category is the question's category.
    await trx
      .updateTable("questions as q")
      .from("questionVersions as v")
      .set((eb) => ({ currentVersionId: eb.ref("v.id"), category: sql<string>`v.body->>'category'`, updatedAt: sql<Date>`now()` }))
      .whereRef("v.questionId", "=", "q.id")
      .where(
        "v.id",
        "in",
        inserted.map((r) => r.id)
      )
      .execute();
  }
  return counts;
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Editing a question is editing its GIFT text: exactly one question, which becomes the next
 * version under the same external id (an `[id:…]` in the text is ignored). Without a `$CATEGORY:`
 * line the question keeps its category. `undefined` = no such question in this office.
 */
export async function editQuestionAsGift(
  db: Executor,
  actor: CurrentUser,
  officeId: number,
  questionId: number,
  giftSource: string
): Promise<{ changed: boolean; version: number } | undefined> {
  const parsed = parseGift(giftSource);
  if (parsed.errors.length > 0) throw new DomainError("gift", parsed.errors[0].message);
  if (parsed.questions.length !== 1) throw new DomainError("gift", "errors.bank.exactlyOne");
  const question = parsed.questions[0];
  const hasCategoryLine = /^\s*\$CATEGORY:/m.test(giftSource);

  return db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom("questions")
      .select(["id", "externalId", "category"])
      .where("id", "=", questionId)
      .where("officeId", "=", officeId)
      .forUpdate()
      .executeTakeFirst();
    if (!current) return undefined;
    const body = toStored(question, current.externalId, hasCategoryLine ? question.category : current.category);
    const counts = await saveVersions(trx, actor, officeId, [{ externalId: current.externalId, body, hash: contentHash(body) }]);
    const { version } = await trx
      .selectFrom("questions as q")
      .innerJoin("questionVersions as v", "v.id", "q.currentVersionId")
      .select("v.version")
      .where("q.id", "=", questionId)
      .executeTakeFirstOrThrow();
    if (counts.updated > 0) {
      await recordAudit(trx, {
        actorUserId: actor.id,
        officeId,
        action: "questionBank.edit",
        entityType: "question",
        entityId: questionId,
        after: { externalId: current.externalId, version },
      });
    }
    return { changed: counts.updated > 0, version };
  });
}

/** Retires (false) or restores (true) a question; a retired question is not drawn into new attempts. */
export async function setQuestionActive(db: Executor, actor: CurrentUser, officeId: number, questionId: number, active: boolean): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable("questions")
      .set({ active, updatedAt: new Date() })
      .where("id", "=", questionId)
      .where("officeId", "=", officeId)
      .returning(["id", "externalId"])
      .executeTakeFirst();
    if (!row) return false;
    await recordAudit(trx, {
      actorUserId: actor.id,
      officeId,
      action: active ? "questionBank.restore" : "questionBank.retire",
      entityType: "question",
      entityId: questionId,
      after: { externalId: row.externalId, active },
    });
    return true;
  });
}

/**
 * The office's active questions (current versions) as one GIFT file, grouped by category; with a
 * category, that category and its sub-categories. Importing it back changes nothing.
 */
export async function exportGift(db: Executor, officeId: number, filter: { category?: string } = {}): Promise<string> {
  let q = db
    .selectFrom("questions as q")
    .innerJoin("questionVersions as v", "v.id", "q.currentVersionId")
    .select(["v.body"])
    .where("q.officeId", "=", officeId)
    .where("q.active", "=", true);
  if (filter.category) q = q.where(categoryWithin("q.category", filter.category));
  const rows = await q.orderBy("q.category").orderBy("q.id").execute();
  return writeGift(rows.map((r) => r.body as StoredQuestion));
}

/** `category` itself or any sub-category of it ("戶籍法" matches "戶籍法/登記期間"). */
function categoryWithin(column: "q.category", category: string) {
  const escaped = category.replace(/[\\%_]/g, (c) => `\\${c}`);
  return sql<boolean>`(${sql.ref(column)} = ${category} or ${sql.ref(column)} like ${`${escaped}/%`})`;
}

// ---------------------------------------------------------------- reading

export const QUESTION_SORTS = ["category", "name", "type", "version", "updated"] as const;
export type QuestionSort = (typeof QUESTION_SORTS)[number];
export const QUESTION_FILTERS = ["category", "type", "tag", "status"] as const;

/** The bank as the DataTable shows it: one row per question, its current version. */
export async function listQuestions(db: Executor, officeId: number, params: ListParams<QuestionSort>, options: { all?: boolean } = {}) {
  let q = db
    .selectFrom("questions as q")
    .innerJoin("questionVersions as v", "v.id", "q.currentVersionId")
    .select(["q.id", "q.externalId", "q.category", "q.active", "q.updatedAt", "v.name", "v.type", "v.version", "v.tags"])
    .where("q.officeId", "=", officeId);
  if (params.q) {
    const pattern = likePattern(params.q);
    q = q.where((eb) => eb.or([eb("v.name", "like", pattern), eb("v.text", "like", pattern), eb("q.externalId", "ilike", pattern)]));
  }
  const { category, type, tag, status } = params.filters;
  if (category) q = q.where(categoryWithin("q.category", category));
  if (type && (QUESTION_TYPE_NAMES as readonly string[]).includes(type)) q = q.where("v.type", "=", type as QuestionType);
  if (tag) q = q.where(sql<boolean>`v.tags @> ${JSON.stringify([tag])}::jsonb`);
  if (status === "active" || status === "retired") q = q.where("q.active", "=", status === "active");
  const page = await fetchPage(
    q,
    params,
    { category: "q.category", name: "v.name", type: "v.type", version: "v.version", updated: "q.updatedAt" },
    "q.id",
    options
  );
  return { ...page, rows: page.rows.map((r) => ({ ...r, tags: (r.tags ?? []) as string[] })) };
}

/**
 * Categories that random quizzes and practice can draw from: active questions with a current
 * version, counted per category path. (Other areas rely on this exact shape.)
 */
export async function listCategories(db: Executor, officeId: number): Promise<{ category: string; questionCount: number }[]> {
  const rows = await db
    .selectFrom("questions")
    .select((eb) => ["category", eb.fn.countAll<number>().as("questionCount")])
    .where("officeId", "=", officeId)
    .where("active", "=", true)
    .where("currentVersionId", "is not", null)
    .groupBy("category")
    .orderBy("category")
    .execute();
  return rows.map((r) => ({ category: r.category, questionCount: Number(r.questionCount) }));
}

/** Every tag used by a current version in the office, for the list's tag filter. */
export async function listTags(db: Executor, officeId: number): Promise<string[]> {
  const rows = await db
    .selectFrom("questions as q")
    .innerJoin("questionVersions as v", "v.id", "q.currentVersionId")
    .select(sql<string>`jsonb_array_elements_text(v.tags)`.as("tag"))
    .where("q.officeId", "=", officeId)
    .execute();
  return [...new Set(rows.map((r) => r.tag))].sort((a, b) => a.localeCompare(b, "zh-Hant"));
}

/** A question of the office with every version (newest first); `undefined` when another office's or missing. */
export async function getQuestionWithVersions(db: Executor, officeId: number, questionId: number) {
  const question = await db
    .selectFrom("questions")
    .select(["id", "externalId", "category", "active", "currentVersionId", "createdAt", "updatedAt"])
    .where("id", "=", questionId)
    .where("officeId", "=", officeId)
    .executeTakeFirst();
  if (!question) return undefined;
  const versions = await db
    .selectFrom("questionVersions as v")
    .leftJoin("users as u", "u.id", "v.createdBy")
    .select((eb) => [
      "v.id",
      "v.version",
      "v.type",
      "v.name",
      "v.tags",
      "v.body",
      "v.contentHash",
      "v.createdAt",
      "u.name as authorName",
      "u.employeeNo as authorEmployeeNo",
      // Attempts that showed this version keep showing it (attempt_items.question_version_id).
      eb
        .selectFrom("attemptItems as ai")
        .select((e) => e.fn.countAll<number>().as("n"))
        .whereRef("ai.questionVersionId", "=", "v.id")
        .as("attemptCount"),
    ])
    .where("v.questionId", "=", questionId)
    .orderBy("v.version", "desc")
    .execute();
  return {
    ...question,
    versions: versions.map((v) => ({ ...v, tags: (v.tags ?? []) as string[], body: v.body as StoredQuestion, attemptCount: Number(v.attemptCount ?? 0) })),
  };
}

/** A version as GIFT text, for the edit form. */
export function versionAsGift(body: StoredQuestion): string {
  return writeGift([body]);
}
