// The special-case knowledge base on the database (特殊案例彙編; issue 6; PRODUCT.md module 3). Every
// save keeps a revision; life-cycle steps ask case-rules.ts; search uses the one bigram tokenizer with
// title terms weighted above the rest, so PGlite and PostgreSQL answer the same.
import type { Kysely } from "kysely";
import { recordAudit } from "../audit/audit.server";
import type { CurrentUser } from "../auth/session.server";
import { sql, type Database, type Executor } from "../db.server";
import { DomainError } from "../domain-error";
import { queryTerms, searchTerms, weightedVector } from "../search/bigrams";
import {
  allowedCaseActions,
  canViewCase,
  caseRelations,
  formatLegalBasis,
  transition,
  type CaseAction,
  type CaseActionType,
  type CaseCategory,
  type CaseSource,
  type CaseState,
  type LegalBasis,
  type Viewer,
} from "./case-rules";
import { markdownToPlainText } from "./markdown";

type Db = Kysely<Database>;

export interface CaseInput {
  title: string;
  category: CaseCategory;
  source: CaseSource;
  sourceOffice: string;
  caseDate: string | null;
  facts: string;
  issue: string;
  handling: string;
  legalBasis: LegalBasis[];
  lessons: string;
  body: string;
  tags: string[];
  shared: boolean;
}

/** The fields a revision keeps and the diff compares. */
const SNAPSHOT_FIELDS = ["title", "category", "source", "sourceOffice", "caseDate", "facts", "issue", "handling", "legalBasis", "lessons", "body", "tags", "shared"] as const;

/** The person as the case rules see them: office, roles, and whether they are a designated reviewer. */
export async function viewerOf(db: Executor, user: CurrentUser): Promise<Viewer> {
  const reviewer = await db.selectFrom("kbReviewers").select("userId").where("officeId", "=", user.officeId).where("userId", "=", user.id).executeTakeFirst();
  return { userId: user.id, officeId: user.officeId, roles: user.roles, isCaseReviewer: Boolean(reviewer) };
}

function searchVectorOf(input: Pick<CaseInput, "title" | "facts" | "issue" | "handling" | "legalBasis" | "lessons" | "body" | "tags" | "sourceOffice">) {
  return weightedVector([
    { text: input.title, weight: "A" },
    { text: input.tags.join(" "), weight: "B" },
    { text: [input.issue, input.legalBasis.map(formatLegalBasis).join("\n")].join("\n"), weight: "C" },
    { text: [input.facts, input.handling, input.lessons, markdownToPlainText(input.body), input.sourceOffice].join("\n"), weight: "D" },
  ]);
}

function columnsOf(input: CaseInput) {
  return {
    title: input.title,
    category: input.category,
    source: input.source,
    sourceOffice: input.source === "other_office" ? input.sourceOffice : "",
    caseDate: input.caseDate,
    facts: input.facts,
    issue: input.issue,
    handling: input.handling,
    legalBasis: JSON.stringify(input.legalBasis),
    lessons: input.lessons,
    body: input.body,
    tags: JSON.stringify([...new Set(input.tags.map((t) => t.trim()).filter(Boolean))]),
    shared: input.shared,
  };
}

async function writeRevision(trx: Executor, caseId: number, revision: number, user: CurrentUser, reason: string) {
  const row = await trx
    .selectFrom("kbCases")
    .select([...SNAPSHOT_FIELDS.filter((f) => f !== "caseDate"), sql<string | null>`to_char(case_date, 'YYYY-MM-DD')`.as("caseDate"), "state"])
    .where("id", "=", caseId)
    .executeTakeFirstOrThrow();
  await trx.insertInto("kbCaseRevisions").values({ caseId, revision, authorId: user.id, reason, snapshot: JSON.stringify(row) }).execute();
}

async function writeSearch(trx: Executor, caseId: number, input: CaseInput) {
  await sql`update kb_cases set search_vector = ${searchVectorOf(input)}::tsvector where id = ${caseId}`.execute(trx);
}

interface CaseRow {
  id: number;
  officeId: number;
  authorId: number;
  state: CaseState;
  shared: boolean;
  supersededBy: number | null;
  revision: number;
  title: string;
}

async function lockCase(trx: Executor, user: CurrentUser, id: number): Promise<CaseRow & { viewer: Viewer }> {
  const row = await trx
    .selectFrom("kbCases")
    .select(["id", "officeId", "authorId", "state", "shared", "supersededBy", "revision", "title"])
    .where("id", "=", id)
    .forUpdate()
    .executeTakeFirst();
  const viewer = await viewerOf(trx, user);
  if (!row || !canViewCase(row, viewer)) throw new Response("Not Found", { status: 404 });
  return { ...row, viewer };
}

function check(state: CaseState, action: CaseAction, viewer: Viewer, row: CaseRow) {
  const result = transition(state, action, caseRelations(row, viewer), row.supersededBy);
  if (!result.ok) throw new DomainError(result.code === "reason_required" ? "reason" : result.code === "invalid_successor" ? "successorId" : "_form", result.reason);
  return result.next;
}

// ------------------------------------------------------------------------------ writing

export async function createCase(db: Db, user: CurrentUser, input: CaseInput, reason = ""): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto("kbCases")
      .values({ officeId: user.officeId, authorId: user.id, ...columnsOf(input) })
      .returning("id")
      .executeTakeFirstOrThrow();
    await writeSearch(trx, id, input);
    await writeRevision(trx, id, 1, user, reason || "建立案例");
    await recordAudit(trx, { actorUserId: user.id, officeId: user.officeId, action: "kbCase.create", entityType: "kbCase", entityId: id, after: { title: input.title } });
    return id;
  });
}

/**
 * Saves a change: the author edits a draft; a reviewer or supervisor corrects a published case with a
 * reason. Either way a new revision is kept with its author and reason.
 */
export async function updateCase(db: Db, user: CurrentUser, id: number, input: CaseInput, reason: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await lockCase(trx, user, id);
    const action: CaseAction = row.state === "published" ? { type: "correct", reason } : { type: "edit" };
    check(row.state, action, row.viewer, row);
    const revision = row.revision + 1;
    await trx.updateTable("kbCases").set({ ...columnsOf(input), revision, updatedAt: new Date() }).where("id", "=", id).execute();
    await writeSearch(trx, id, input);
    await writeRevision(trx, id, revision, user, reason.trim() || "修改內容");
    await recordAudit(trx, { actorUserId: user.id, officeId: row.officeId, action: `kbCase.${action.type}`, entityType: "kbCase", entityId: id, after: { revision, reason } });
  });
}

/** submit, withdraw, publish, return (reason), archive, restore. */
export async function changeCaseState(
  db: Db,
  user: CurrentUser,
  id: number,
  action: Extract<CaseAction, { type: "submit" | "withdraw" | "publish" | "return" | "archive" | "restore" }>,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await lockCase(trx, user, id);
    const next = check(row.state, action, row.viewer, row);
    const reason = action.type === "return" ? action.reason.trim() : null;
    await trx
      .updateTable("kbCases")
      .set({
        state: next,
        updatedAt: new Date(),
        ...(action.type === "return" ? { reviewNote: reason } : {}),
        ...(action.type === "submit" ? { reviewNote: null } : {}),
        ...(action.type === "publish" ? { reviewerId: user.id, publishedAt: new Date() } : {}),
      })
      .where("id", "=", id)
      .execute();
    await recordAudit(trx, { actorUserId: user.id, officeId: row.officeId, action: `kbCase.${action.type}`, entityType: "kbCase", entityId: id, before: { state: row.state }, after: { state: next, reason } });
  });
}

/** Marks a case as superseded by a newer published one (or clears the mark with `successorId` null). */
export async function supersedeCase(db: Db, user: CurrentUser, id: number, successorId: number | null): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await lockCase(trx, user, id);
    if (successorId === null) {
      check(row.state, { type: "unsupersede" }, row.viewer, row);
    } else {
      const successor = await trx.selectFrom("kbCases").select(["id", "officeId", "authorId", "state", "shared", "supersededBy"]).where("id", "=", successorId).executeTakeFirst();
      const visible = successor && canViewCase(successor, row.viewer) ? { id: successor.id, state: successor.state, supersededBy: successor.supersededBy } : null;
      check(row.state, { type: "supersede", caseId: id, successor: visible }, row.viewer, row);
    }
    await trx.updateTable("kbCases").set({ supersededBy: successorId, updatedAt: new Date() }).where("id", "=", id).execute();
    await recordAudit(trx, { actorUserId: user.id, officeId: row.officeId, action: successorId === null ? "kbCase.unsupersede" : "kbCase.supersede", entityType: "kbCase", entityId: id, after: { successorId } });
  });
}

/** Links a case to a training session or a quiz question (where it is used), in this office. */
export async function linkCase(db: Db, user: CurrentUser, id: number, link: { sessionId?: number; questionId?: number }, remove = false): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await lockCase(trx, user, id);
    if (!caseRelations(row, row.viewer).some((r) => r === "supervisor" || r === "reviewer" || r === "author")) {
      throw new DomainError("_form", "只有撰寫人、審核人或主管可以設定案例的使用處。");
    }
    if (link.sessionId !== undefined) {
      const s = await trx.selectFrom("trainingSessions").select("id").where("id", "=", link.sessionId).where("officeId", "=", user.officeId).executeTakeFirst();
      if (!s) throw new DomainError("sessionId", "找不到這個訓練場次。");
      if (remove) await trx.deleteFrom("kbCaseSessions").where("caseId", "=", id).where("sessionId", "=", link.sessionId).execute();
      else await trx.insertInto("kbCaseSessions").values({ caseId: id, sessionId: link.sessionId }).onConflict((oc) => oc.doNothing()).execute();
    }
    if (link.questionId !== undefined) {
      const q = await trx.selectFrom("questions").select("id").where("id", "=", link.questionId).where("officeId", "=", user.officeId).executeTakeFirst();
      if (!q) throw new DomainError("questionId", "找不到這道題目。");
      if (remove) await trx.deleteFrom("kbCaseQuestions").where("caseId", "=", id).where("questionId", "=", link.questionId).execute();
      else await trx.insertInto("kbCaseQuestions").values({ caseId: id, questionId: link.questionId }).onConflict((oc) => oc.doNothing()).execute();
    }
    await recordAudit(trx, { actorUserId: user.id, officeId: user.officeId, action: remove ? "kbCase.unlink" : "kbCase.link", entityType: "kbCase", entityId: id, after: link });
  });
}

export async function setReviewers(db: Db, user: CurrentUser, userIds: number[]): Promise<void> {
  if (!user.roles.some((r) => r === "supervisor" || r === "director")) throw new Response("Forbidden", { status: 403 });
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("kbReviewers").where("officeId", "=", user.officeId).execute();
    const ids = [...new Set(userIds)];
    if (ids.length) await trx.insertInto("kbReviewers").values(ids.map((userId) => ({ officeId: user.officeId, userId }))).execute();
    await recordAudit(trx, { actorUserId: user.id, officeId: user.officeId, action: "kbReviewers.set", entityType: "office", entityId: user.officeId, after: { userIds: ids } });
  });
}

// ------------------------------------------------------------------------------ reading

/** One case page: the case, what this person may do, revisions, related cases, where it is used. Counts the read. */
export async function loadCase(db: Db, user: CurrentUser, id: number) {
  const viewer = await viewerOf(db, user);
  const row = await db
    .selectFrom("kbCases as c")
    .innerJoin("offices as o", "o.id", "c.officeId")
    .innerJoin("users as a", "a.id", "c.authorId")
    .leftJoin("users as r", "r.id", "c.reviewerId")
    .select([
      "c.id",
      "c.officeId",
      "o.name as officeName",
      "c.title",
      "c.category",
      "c.source",
      "c.sourceOffice",
      sql<string | null>`to_char(c.case_date, 'YYYY-MM-DD')`.as("caseDate"),
      "c.facts",
      "c.issue",
      "c.handling",
      "c.legalBasis",
      "c.lessons",
      "c.body",
      "c.tags",
      "c.shared",
      "c.state",
      "c.reviewNote",
      "c.supersededBy",
      "c.authorId",
      "a.name as authorName",
      "r.name as reviewerName",
      "c.revision",
      "c.publishedAt",
      "c.createdAt",
      "c.updatedAt",
    ])
    .where("c.id", "=", id)
    .executeTakeFirst();
  if (!row || !canViewCase(row, viewer)) throw new Response("Not Found", { status: 404 });
  if (row.state === "published") {
    await db
      .insertInto("kbCaseReads")
      .values({ caseId: id, userId: user.id })
      .onConflict((oc) => oc.columns(["caseId", "userId"]).doUpdateSet({ lastAt: new Date(), count: sql`kb_case_reads.count + 1` }))
      .execute();
  }
  const revisions = await db
    .selectFrom("kbCaseRevisions as v")
    .leftJoin("users as u", "u.id", "v.authorId")
    .select(["v.revision", "v.reason", "v.at", "u.name as authorName"])
    .where("v.caseId", "=", id)
    .orderBy("v.revision", "desc")
    .execute();
  // Named only when this reader may open it (a shared case replaced by an unshared one, read from another office).
  const successorRow = row.supersededBy
    ? await db.selectFrom("kbCases").select(["id", "title", "officeId", "authorId", "state", "shared"]).where("id", "=", row.supersededBy).executeTakeFirst()
    : null;
  const successor = successorRow && canViewCase(successorRow, viewer) ? { id: successorRow.id, title: successorRow.title } : null;
  const supersedes = await db.selectFrom("kbCases").select(["id", "title", "officeId", "authorId", "state", "shared"]).where("supersededBy", "=", id).execute();
  const sessions = await db
    .selectFrom("kbCaseSessions as l")
    .innerJoin("trainingSessions as s", "s.id", "l.sessionId")
    .select(["s.id", "s.title", "s.officeId"])
    .where("l.caseId", "=", id)
    .where("s.officeId", "=", user.officeId)
    .execute();
  const questions = await db
    .selectFrom("kbCaseQuestions as l")
    .innerJoin("questions as q", "q.id", "l.questionId")
    .innerJoin("questionVersions as v", "v.id", "q.currentVersionId")
    .select(["q.id", "v.name", "q.category"])
    .where("l.caseId", "=", id)
    .where("q.officeId", "=", user.officeId)
    .execute();
  const reads = await db
    .selectFrom("kbCaseReads")
    .select([(eb) => eb.fn.countAll<string>().as("readers"), (eb) => eb.fn.sum<string>("count").as("reads")])
    .where("caseId", "=", id)
    .executeTakeFirstOrThrow();
  const relations = caseRelations(row, viewer);
  return {
    case: {
      ...row,
      legalBasis: row.legalBasis as LegalBasis[],
      tags: row.tags as string[],
      publishedAt: row.publishedAt?.toISOString() ?? null,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
      ownOffice: row.officeId === user.officeId,
    },
    actions: allowedCaseActions(row.state, relations) as CaseActionType[],
    relations,
    revisions: revisions.map((r) => ({ ...r, at: r.at.toISOString() })),
    successor: successor ?? null,
    supersedes: supersedes.filter((s) => canViewCase(s, viewer)).map((s) => ({ id: s.id, title: s.title })),
    usedIn: { sessions, questions },
    related: await relatedCases(db, viewer, row),
    reads: { readers: Number(reads.readers ?? 0), reads: Number(reads.reads ?? 0) },
  };
}

/** Two revisions of a case, for the side-by-side comparison. */
export async function loadRevisions(db: Db, user: CurrentUser, id: number, a: number, b: number) {
  const viewer = await viewerOf(db, user);
  const row = await db.selectFrom("kbCases").select(["id", "officeId", "authorId", "state", "shared", "title", "revision"]).where("id", "=", id).executeTakeFirst();
  if (!row || !canViewCase(row, viewer)) throw new Response("Not Found", { status: 404 });
  const revisions = await db
    .selectFrom("kbCaseRevisions as v")
    .leftJoin("users as u", "u.id", "v.authorId")
    .select(["v.revision", "v.reason", "v.at", "v.snapshot", "u.name as authorName"])
    .where("v.caseId", "=", id)
    .where("v.revision", "in", [a, b])
    .execute();
  const left = revisions.find((r) => r.revision === a);
  const right = revisions.find((r) => r.revision === b);
  if (!left || !right) throw new Response("Not Found", { status: 404 });
  const shape = (r: typeof left) => ({ revision: r.revision, reason: r.reason, at: r.at.toISOString(), authorName: r.authorName, snapshot: r.snapshot as Record<string, unknown> });
  return { case: { id: row.id, title: row.title, revision: row.revision }, left: shape(left), right: shape(right) };
}

/** Cases sharing the category or tags, ranked by shared tags then similar title. */
async function relatedCases(db: Executor, viewer: Viewer, c: { id: number; category: string; tags: unknown; title: string }) {
  const tags = (c.tags as string[]) ?? [];
  const candidates = await db
    .selectFrom("kbCases")
    .select(["id", "title", "category", "tags", "officeId", "authorId", "state", "shared"])
    .where("id", "!=", c.id)
    .where("state", "=", "published")
    .where((eb) => eb.or([eb("category", "=", c.category), ...(tags.length ? [sql<boolean>`tags ?| ${sql.val(tags)}::text[]`] : [])]))
    .limit(200)
    .execute();
  const titleTerms = new Set(searchTerms(c.title));
  return candidates
    .filter((x) => canViewCase(x, viewer))
    .map((x) => {
      const shared = (x.tags as string[]).filter((t) => tags.includes(t)).length;
      const terms = searchTerms(x.title);
      const overlap = terms.filter((t) => titleTerms.has(t)).length / Math.max(1, Math.max(terms.length, titleTerms.size));
      return { id: x.id, title: x.title, category: x.category, sharedTags: shared, score: shared * 2 + (x.category === c.category ? 1 : 0) + overlap * 2 };
    })
    .sort((a, b) => b.score - a.score || a.id - b.id)
    .slice(0, 6);
}

export const CASE_SORTS = ["relevance", "updated", "title", "caseDate"] as const;
export type CaseSort = (typeof CASE_SORTS)[number];

export interface CaseSearch {
  q: string;
  category?: string;
  tag?: string;
  sourceOffice?: string;
  /** Only cases dated from / until (YYYY-MM-DD). */
  from?: string;
  to?: string;
  /** "mine": drafts and reviews of mine and to review; default: published (and archived of my office). */
  scope?: "library" | "work";
  sort?: CaseSort;
  page?: number;
  pageSize?: number;
}

/**
 * The search a clerk uses: every case visible to this person (own office; shared ones of other
 * offices) that contains every bigram of the query, title matches first (weight A), then by date.
 * Without a query: the newest. Ties break by id, so PGlite and PostgreSQL list the same order.
 */
export async function searchCases(db: Executor, user: CurrentUser, search: CaseSearch) {
  const viewer = await viewerOf(db, user);
  const query = search.q.trim() ? queryTerms(search.q, "all") : null;
  const supervisor = user.roles.includes("supervisor") || user.roles.includes("director") || viewer.isCaseReviewer;
  let q = db
    .selectFrom("kbCases as c")
    .innerJoin("offices as o", "o.id", "c.officeId")
    .innerJoin("users as a", "a.id", "c.authorId")
    .select([
      "c.id",
      "c.title",
      "c.category",
      "c.source",
      "c.sourceOffice",
      "o.shortName as officeName",
      "c.officeId",
      sql<string | null>`to_char(c.case_date, 'YYYY-MM-DD')`.as("caseDate"),
      "c.tags",
      "c.state",
      "c.shared",
      "c.supersededBy",
      "c.issue",
      "c.facts",
      "c.handling",
      "c.lessons",
      "c.body",
      "c.updatedAt",
      "a.name as authorName",
      (query ? sql<number>`ts_rank(c.search_vector, ${query}::tsquery)` : sql<number>`0`).as("rank"),
    ]);
  if (search.scope === "work") {
    // My drafts and reviews, and (for supervisors and reviewers) what waits for review in my office.
    q = q.where((eb) =>
      eb.or([
        eb.and([eb("c.authorId", "=", user.id), eb("c.state", "in", ["draft", "in_review"])]),
        ...(supervisor ? [eb.and([eb("c.officeId", "=", user.officeId), eb("c.state", "=", "in_review")])] : []),
      ]),
    );
  } else {
    q = q.where((eb) =>
      eb.or([
        eb.and([eb("c.officeId", "=", user.officeId), eb("c.state", "in", ["published", "archived"])]),
        eb.and([eb("c.shared", "=", true), eb("c.state", "=", "published")]),
      ]),
    );
  }
  if (query) q = q.where(sql<boolean>`c.search_vector @@ ${query}::tsquery`);
  if (search.category) q = q.where("c.category", "=", search.category);
  if (search.tag) q = q.where(sql<boolean>`c.tags ? ${search.tag}`);
  // Where a case came from: the office named for a 他所 case, the writing office for its own cases.
  if (search.sourceOffice) {
    const office = search.sourceOffice;
    q = q.where((eb) =>
      eb.or([
        eb.and([eb("c.source", "=", "other_office"), eb("c.sourceOffice", "=", office)]),
        eb.and([eb("c.source", "=", "own"), eb("o.shortName", "=", office)]),
      ]),
    );
  }
  if (search.from) q = q.where("c.caseDate", ">=", search.from);
  if (search.to) q = q.where("c.caseDate", "<=", search.to);
  const countRow = await q.clearSelect().select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow();
  const total = Number(countRow.n);
  const sort = search.sort ?? (query ? "relevance" : "updated");
  const ordered =
    sort === "relevance"
      ? // A superseded case still answers, below the current ones.
        q
          .orderBy(sql`c.superseded_by is not null`)
          .orderBy(sql`ts_rank(c.search_vector, ${query ?? ""}::tsquery)`, "desc")
          .orderBy("c.updatedAt", "desc")
      : sort === "title"
        ? q.orderBy("c.title", "asc")
        : sort === "caseDate"
          ? q.orderBy(sql`c.case_date desc nulls last`)
          : q.orderBy("c.updatedAt", "desc");
  const pageSize = search.pageSize ?? 20;
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(Math.max(1, search.page ?? 1), pageCount);
  // The page's ids first, then their rows: sorting only ids and ranks keeps the long texts of every
  // other match out of the sort (a common word matches hundreds of cases after a few years; issue 10).
  const pageIds = (
    await ordered
      .clearSelect()
      .select("c.id")
      .orderBy("c.id", "desc")
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute()
  ).map((r) => r.id);
  const byId = new Map((pageIds.length ? await q.where("c.id", "in", pageIds).execute() : []).map((r) => [r.id, r]));
  const rows = pageIds.map((id) => byId.get(id)!).filter(Boolean);
  return {
    total,
    page,
    pageSize,
    pageCount,
    rows: rows.map(({ body, ...r }) => ({
      ...r,
      // Plain text of the Markdown, for excerpts (the page never renders it as HTML).
      bodyText: markdownToPlainText(body),
      tags: r.tags as string[],
      rank: Number(r.rank),
      updatedAt: r.updatedAt.toISOString(),
      fromOtherOffice: r.officeId !== user.officeId,
    })),
  };
}

/** Tags and source offices in use among visible cases, for the filters. */
export async function caseFacets(db: Executor, user: CurrentUser) {
  // Counted in SQL: the visible cases grow every year, their distinct tags and offices hardly (issue 10).
  const visible = sql`(c.office_id = ${user.officeId} and c.state in ('published', 'archived')) or (c.shared and c.state = 'published')`;
  const [tagRows, officeRows] = await Promise.all([
    sql<{ tag: string; n: string }>`
      select t.tag, count(*) as n from kb_cases c cross join lateral jsonb_array_elements_text(c.tags) as t(tag)
      where ${visible} group by t.tag`.execute(db),
    sql<{ office: string }>`
      select distinct coalesce(nullif(c.source_office, ''), o.short_name) as office
      from kb_cases c join offices o on o.id = c.office_id where ${visible}`.execute(db),
  ]);
  const tags = tagRows.rows.map((r) => ({ tag: r.tag, n: Number(r.n) }));
  return {
    tags: tags.sort((a, b) => b.n - a.n || a.tag.localeCompare(b.tag)),
    sourceOffices: officeRows.rows.map((r) => r.office).filter(Boolean).sort(),
  };
}

/** For the home page and dashboards: new and most-read published cases visible to this person. */
export async function caseHighlights(db: Executor, user: CurrentUser, days = 30) {
  const since = new Date(Date.now() - days * 86_400_000);
  const visible = (eb: any) =>
    eb.or([eb.and([eb("c.officeId", "=", user.officeId), eb("c.state", "=", "published")]), eb.and([eb("c.shared", "=", true), eb("c.state", "=", "published")])]);
  const newest = await db.selectFrom("kbCases as c").select(["c.id", "c.title", "c.publishedAt"]).where(visible).where("c.publishedAt", ">=", since).orderBy("c.publishedAt", "desc").limit(5).execute();
  const mostRead = await db
    .selectFrom("kbCases as c")
    .innerJoin("kbCaseReads as r", "r.caseId", "c.id")
    .select(["c.id", "c.title", (eb) => eb.fn.sum<string>("r.count").as("reads")])
    .where(visible)
    .groupBy(["c.id", "c.title"])
    .orderBy(sql`sum(r.count)`, "desc")
    .orderBy("c.id")
    .limit(5)
    .execute();
  return {
    newest: newest.map((n) => ({ id: n.id, title: n.title, publishedAt: n.publishedAt?.toISOString() ?? null })),
    mostRead: mostRead.map((m) => ({ id: m.id, title: m.title, reads: Number(m.reads) })),
  };
}
