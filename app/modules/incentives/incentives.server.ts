// Incentive scoring on the database (issue 8, "Incentive scoring"; seed 服務精進機制 1.(4)). The rules
// (versions, caps, approval gating, frozen periods, scoreboards) are the pure functions of rules.ts;
// this module loads rules, entries and closings, asks them, and writes supervisors' commands in one
// transaction with their audit row (ARCHITECTURE rule 3).
//
// Choices: supervisors and the director enter, import, generate and approve entries (never their
// own); staff read the office board and their own points. Entries from other modules are pending
// until approved, like any other. A new rule version may only start after the last closed day, so a
// closed period is never rescored.
import type { Kysely } from "kysely";
import { z } from "zod";
import { recordAudit } from "../audit/audit.server";
import type { CurrentUser } from "../auth/session.server";
import { rankingFor } from "../counters/counters.server";
import { addDays, isCalendarDate, parsePeriodKey, periodInstants, periodOf, taipeiDate, type Period, type PeriodKind, PERIOD_KINDS } from "../counters/periods";
import { parseCsvRows } from "../counters/queue-csv";
import { sql, type Database, type Executor } from "../db.server";
import { DomainError } from "../domain-error";
import {
  EXAMPLE_REWARD_THRESHOLDS,
  EXAMPLE_RULES,
  counterRankEntries,
  planRuleVersion,
  proposalGradeEntry,
  ruleInForce,
  scoreEntries,
  scoreboard,
  validateRewardThresholds,
  validateRules,
  type ClosedPeriod,
  type EntrySource,
  type EntryStatus,
  type IncentiveEntry,
  type IncentiveRule,
  type RewardThreshold,
  type Scoreboard,
  type Scoring,
} from "./rules";

type Db = Kysely<Database>;

const MANAGING = ["supervisor", "director"];
export const isIncentiveManager = (user: Pick<CurrentUser, "roles">) => user.roles.some((r) => MANAGING.includes(r));

/** Commands check the role themselves too, not only the route (defence in depth). */
function requireManager(user: CurrentUser) {
  if (!isIncentiveManager(user)) throw new Response("Forbidden", { status: 403 });
}

const dateText = (column: string) => sql<string>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`;
const num = (v: string | number | null) => (v === null ? null : Number(v));
const todayInTaipei = (now = new Date()) => taipeiDate(now);

export function toPeriod(key: string): Period {
  const period = parsePeriodKey(key);
  if (!period) throw new DomainError("period", "incentives.errors.period");
  return period;
}

/** The period a board opens on: last month (the one usually being tallied). */
export function defaultPeriodKey(now = new Date()): string {
  return periodOf(addDays(`${todayInTaipei(now).slice(0, 7)}-01`, -1), "month").key;
}

// ------------------------------------------------------------------------------ form schemas

const optionalNumber = z.preprocess((v) => (v === "" || v === undefined || v === null ? null : Number(v)), z.number({ invalid_type_error: "errors.invalid" }).finite().nullable());
const dateField = z.string().refine(isCalendarDate, "incentives.errors.date");

export const entrySchema = z.object({
  userId: z.coerce.number().int().positive(),
  item: z.string().trim().min(1, "errors.required"),
  date: dateField,
  quantity: optionalNumber,
  rank: optionalNumber,
  grade: z.string().trim().optional().default(""),
  points: optionalNumber,
  note: z.string().trim().max(500).optional().default(""),
});
export type EntryInput = z.infer<typeof entrySchema>;

export const ruleSchema = z
  .object({
    item: z.string().trim().regex(/^[a-z][a-z0-9_]{1,40}$/, "incentives.errors.itemCode"),
    label: z.string().trim().min(1, "errors.required").max(60),
    kind: z.enum(["per_unit", "rank", "grade", "points"]),
    pointsPerUnit: optionalNumber,
    table: z.string().trim().optional().default(""),
    capPerPeriod: optionalNumber,
    periodKind: z.enum(PERIOD_KINDS),
    effectiveFrom: dateField,
  })
  .transform((r, ctx) => {
    let scoring: Scoring;
    if (r.kind === "per_unit") {
      if (r.pointsPerUnit === null) {
        ctx.addIssue({ code: "custom", path: ["pointsPerUnit"], message: "errors.required" });
        return z.NEVER;
      }
      scoring = { kind: "per_unit", pointsPerUnit: r.pointsPerUnit };
    } else if (r.kind === "rank" || r.kind === "grade") {
      // 「1=5, 2=3, 3=2」 or 「甲=5, 乙=3」.
      const pairs = r.table.split(/[,，、;\n]/).map((p) => p.trim()).filter(Boolean).map((p) => p.split(/[=:：]/).map((x) => x.trim()));
      if (!pairs.length || pairs.some((p) => p.length !== 2 || !p[0] || !Number.isFinite(Number(p[1])))) {
        ctx.addIssue({ code: "custom", path: ["table"], message: "incentives.errors.table" });
        return z.NEVER;
      }
      const points = Object.fromEntries(pairs.map(([k, v]) => [k, Number(v)]));
      scoring = r.kind === "rank" ? { kind: "rank", points } : { kind: "grade", points };
    } else scoring = { kind: "points" };
    return { item: r.item, label: r.label, scoring, capPerPeriod: r.capPerPeriod, periodKind: r.periodKind, effectiveFrom: r.effectiveFrom };
  });
export type RuleInput = z.infer<typeof ruleSchema>;

export const thresholdsSchema = z.object({
  reward: z.array(z.string().trim()).or(z.string().trim().transform((s) => [s])),
  minPoints: z.array(z.string()).or(z.string().transform((s) => [s])),
});

// ------------------------------------------------------------------------------ rules

export interface RuleRow extends IncentiveRule {
  /** Entries dated in its span: a used version is never edited, only ended by a newer one. */
  used: boolean;
}

export async function listRules(db: Executor, officeId: number): Promise<RuleRow[]> {
  const rows = await db
    .selectFrom("incentiveRules")
    .select(["id", "item", "label", "scoring", "capPerPeriod", "periodKind", dateText("effective_from").as("effectiveFrom"), dateText("effective_to").as("effectiveTo")])
    .where("officeId", "=", officeId)
    .orderBy("item")
    .orderBy("effectiveFrom")
    .execute();
  const used = await db
    .selectFrom("incentiveEntries")
    .select(["item", dateText("entry_date").as("date")])
    .where("officeId", "=", officeId)
    .execute();
  return rows.map((r) => {
    const rule: IncentiveRule = {
      id: r.id,
      item: r.item,
      label: r.label,
      scoring: r.scoring as Scoring,
      capPerPeriod: num(r.capPerPeriod),
      periodKind: r.periodKind,
      effectiveFrom: r.effectiveFrom,
      effectiveTo: r.effectiveTo ?? null,
    };
    return { ...rule, used: used.some((u) => u.item === r.item && u.date >= rule.effectiveFrom && (rule.effectiveTo === null || u.date <= rule.effectiveTo)) };
  });
}

/** The last day of the latest closed period, or null: no rule version may start on or before it. */
export async function frozenThrough(db: Executor, officeId: number): Promise<string | null> {
  const row = await db.selectFrom("incentivePeriods").select(sql<string | null>`to_char(max(last_day), 'YYYY-MM-DD')`.as("last")).where("officeId", "=", officeId).executeTakeFirst();
  return row?.last ?? null;
}

/** A new version of a rule (or a new item): the version in force then ends the day before. */
export async function saveRuleVersion(db: Db, user: CurrentUser, input: RuleInput): Promise<number> {
  requireManager(user);
  return db.transaction().execute(async (trx) => {
    // One change at a time per office: versions are planned against what is stored.
    await trx.selectFrom("offices").select("id").where("id", "=", user.officeId).forUpdate().executeTakeFirst();
    const rules = await listRules(trx, user.officeId);
    const plan = planRuleVersion(rules, input, await frozenThrough(trx, user.officeId));
    if (!plan.ok) throw new DomainError("effectiveFrom", plan.reason);
    const next: IncentiveRule = { id: 0, ...input, effectiveTo: null };
    const after = rules.map((r) => (plan.close && r.id === plan.close.ruleId ? { ...r, effectiveTo: plan.close.effectiveTo } : r));
    const errors = validateRules([...after, next]);
    if (errors.length) throw new DomainError("_form", errors[0]);
    if (plan.close) await trx.updateTable("incentiveRules").set({ effectiveTo: plan.close.effectiveTo }).where("id", "=", plan.close.ruleId).where("officeId", "=", user.officeId).execute();
    const { id } = await trx
      .insertInto("incentiveRules")
      .values({
        officeId: user.officeId,
        item: input.item,
        label: input.label,
        scoring: JSON.stringify(input.scoring),
        capPerPeriod: input.capPerPeriod,
        periodKind: input.periodKind,
        effectiveFrom: input.effectiveFrom,
        effectiveTo: null,
        createdBy: user.id,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, { actorUserId: user.id, officeId: user.officeId, action: "incentives.rule.version", entityType: "incentiveRule", entityId: id, after: { ...input, closes: plan.close } });
    return id;
  });
}

/** The example rules (EXAMPLE_RULES, from 2026-01-01) for an office that has none yet. */
export async function applyExampleRules(db: Db, user: CurrentUser): Promise<number> {
  requireManager(user);
  return db.transaction().execute(async (trx) => {
    await trx.selectFrom("offices").select("id").where("id", "=", user.officeId).forUpdate().executeTakeFirst();
    const existing = await trx.selectFrom("incentiveRules").select("id").where("officeId", "=", user.officeId).executeTakeFirst();
    if (existing) throw new DomainError("_form", "incentives.errors.rulesExist");
    await trx
      .insertInto("incentiveRules")
      .values(
        EXAMPLE_RULES.map((r) => ({
          officeId: user.officeId,
          item: r.item,
          label: r.label,
          scoring: JSON.stringify(r.scoring),
          capPerPeriod: r.capPerPeriod,
          periodKind: r.periodKind,
          effectiveFrom: r.effectiveFrom,
          effectiveTo: r.effectiveTo,
          createdBy: user.id,
        })),
      )
      .execute();
    await recordAudit(trx, { actorUserId: user.id, officeId: user.officeId, action: "incentives.rule.examples", entityType: "incentiveRule", entityId: null, after: EXAMPLE_RULES });
    return EXAMPLE_RULES.length;
  });
}

export async function getRewardThresholds(db: Executor, officeId: number): Promise<{ thresholds: RewardThreshold[]; isDefault: boolean }> {
  const row = await db.selectFrom("incentiveSettings").select("rewardThresholds").where("officeId", "=", officeId).executeTakeFirst();
  return row ? { thresholds: row.rewardThresholds, isDefault: false } : { thresholds: [...EXAMPLE_REWARD_THRESHOLDS], isDefault: true };
}

export async function saveRewardThresholds(db: Db, user: CurrentUser, thresholds: RewardThreshold[]): Promise<void> {
  requireManager(user);
  const errors = validateRewardThresholds(thresholds);
  if (!thresholds.length) throw new DomainError("_form", "incentives.errors.thresholdsEmpty");
  if (errors.length) throw new DomainError("_form", errors[0]);
  await db.transaction().execute(async (trx) => {
    const json = JSON.stringify(thresholds);
    await trx
      .insertInto("incentiveSettings")
      .values({ officeId: user.officeId, rewardThresholds: json, updatedBy: user.id })
      .onConflict((oc) => oc.column("officeId").doUpdateSet({ rewardThresholds: json, updatedBy: user.id, updatedAt: new Date() }))
      .execute();
    await recordAudit(trx, { actorUserId: user.id, officeId: user.officeId, action: "incentives.thresholds", entityType: "incentiveSettings", entityId: user.officeId, after: thresholds });
  });
}

// ------------------------------------------------------------------------------ people, closings, entries

export interface OfficePerson {
  id: number;
  employeeNo: string;
  name: string;
}

/** The people who work in the office (the board's roster). */
export async function listOfficePeople(db: Executor, officeId: number): Promise<OfficePerson[]> {
  return db
    .selectFrom("users as u")
    .select(["u.id", "u.employeeNo", "u.name"])
    .where("u.active", "=", true)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("userRoles as r")
          .select("r.userId")
          .whereRef("r.userId", "=", "u.id")
          .where("r.officeId", "=", officeId)
          .where("r.role", "in", ["staff", "committee", "chair", "supervisor", "director"]),
      ),
    )
    .orderBy("u.employeeNo")
    .execute();
}

export async function listClosings(db: Executor, officeId: number): Promise<(ClosedPeriod & { closedBy: number | null })[]> {
  const rows = await db
    .selectFrom("incentivePeriods")
    .select(["kind", "periodKey", dateText("first_day").as("first"), dateText("last_day").as("last"), "closedAt", "closedBy"])
    .where("officeId", "=", officeId)
    .orderBy("firstDay")
    .execute();
  return rows.map((r) => ({ kind: r.kind, key: r.periodKey, first: r.first, last: r.last, closedAt: new Date(r.closedAt), closedBy: r.closedBy }));
}

export interface EntryRow extends IncentiveEntry {
  userId: number;
  employeeNo: string;
  name: string;
  note: string;
  sourceRef: string | null;
  adjustmentFlag: boolean;
  approvedByName: string | null;
}

async function loadEntries(db: Executor, officeId: number, filter: { from?: string; to?: string; userId?: number; status?: EntryStatus; ids?: number[] } = {}): Promise<EntryRow[]> {
  let q = db
    .selectFrom("incentiveEntries as e")
    .innerJoin("users as u", "u.id", "e.userId")
    .leftJoin("users as a", "a.id", "e.approvedBy")
    .select([
      "e.id",
      "e.userId",
      "u.employeeNo",
      "u.name",
      "e.item",
      dateText("e.entry_date").as("date"),
      "e.quantity",
      "e.rank",
      "e.grade",
      "e.points",
      "e.status",
      "e.approvedAt",
      "e.source",
      "e.sourceRef",
      "e.note",
      "e.adjustment",
      "a.name as approvedByName",
    ])
    .where("e.officeId", "=", officeId);
  if (filter.from) q = q.where("e.entryDate", ">=", filter.from);
  if (filter.to) q = q.where("e.entryDate", "<=", filter.to);
  if (filter.userId) q = q.where("e.userId", "=", filter.userId);
  if (filter.status) q = q.where("e.status", "=", filter.status);
  if (filter.ids) q = q.where("e.id", "in", filter.ids.length ? filter.ids : [0]);
  // One JSON row instead of a row per entry: PGlite hands every field over separately (a buffer slice
  // and a decode each), and the year board reads ~700 entries of ~17 fields on every home page (issue
  // 10). The plugin camel-cases the objects' keys; numbers and dates are normalised below as before.
  const packed = await sql<{ j: (typeof q extends { execute(): Promise<(infer R)[]> } ? R : never)[] }>`
    select coalesce(json_agg(x), '[]'::json) as j from (${q}) x`.execute(db);
  const rows = packed.rows[0].j.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id - b.id));
  return rows.map((r) => ({
    id: r.id,
    person: String(r.userId),
    userId: r.userId,
    employeeNo: r.employeeNo,
    name: r.name,
    item: r.item,
    date: r.date,
    quantity: num(r.quantity),
    rank: r.rank,
    grade: r.grade,
    points: num(r.points),
    status: r.status,
    approvedAt: r.approvedAt ? new Date(r.approvedAt) : null,
    source: r.source as EntrySource,
    sourceRef: r.sourceRef,
    note: r.note,
    adjustmentFlag: r.adjustment,
    approvedByName: r.approvedByName,
  }));
}

export async function listEntries(db: Executor, officeId: number, filter: { period?: Period; status?: EntryStatus; userId?: number } = {}): Promise<EntryRow[]> {
  return loadEntries(db, officeId, { from: filter.period?.first, to: filter.period?.last, status: filter.status, userId: filter.userId });
}

async function requireOfficePerson(db: Executor, officeId: number, userId: number): Promise<OfficePerson> {
  const person = (await listOfficePeople(db, officeId)).find((p) => p.id === userId);
  if (!person) throw new DomainError("userId", "incentives.errors.unknownPerson");
  return person;
}

function requireRuleFor(rules: readonly IncentiveRule[], item: string, date: string, field = "item") {
  const rule = ruleInForce(rules, item, date);
  if (!rule) throw new DomainError(field, "incentives.errors.noRule");
  return rule;
}

/** A supervisor's entry for a colleague (or a correction in points); pending until another supervisor or the director approves it. */
export async function addEntry(db: Db, user: CurrentUser, input: EntryInput): Promise<number> {
  requireManager(user);
  return db.transaction().execute(async (trx) => {
    await requireOfficePerson(trx, user.officeId, input.userId);
    const rule = requireRuleFor(await listRules(trx, user.officeId), input.item, input.date);
    const s = rule.scoring;
    if (input.points === null) {
      if (s.kind === "per_unit" && input.quantity === null) throw new DomainError("quantity", "errors.required");
      if (s.kind === "rank" && (input.rank === null || !Number.isInteger(input.rank) || input.rank < 1)) throw new DomainError("rank", "errors.required");
      if (s.kind === "grade" && !input.grade) throw new DomainError("grade", "errors.required");
      if (s.kind === "points") throw new DomainError("points", "errors.required");
    }
    const { id } = await trx
      .insertInto("incentiveEntries")
      .values({
        officeId: user.officeId,
        userId: input.userId,
        item: input.item,
        entryDate: input.date,
        quantity: input.quantity,
        rank: input.rank,
        grade: input.grade || null,
        points: input.points,
        source: "manual",
        note: input.note,
        createdBy: user.id,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, { actorUserId: user.id, officeId: user.officeId, action: "incentives.entry.add", entityType: "incentiveEntry", entityId: id, after: input });
    return id;
  });
}

export interface CsvLineError {
  line: number;
  message: string;
}

/**
 * A month's entries from a CSV file: 員工編號, 項目代碼, 日期, 件數 (a header line is recognised and
 * skipped). Every line is checked first; a file with any bad line imports nothing and lists the
 * lines, so a month is never half imported. The entries are pending.
 */
export async function importEntriesCsv(db: Db, user: CurrentUser, input: { month: string; csvText: string }): Promise<{ inserted: number; errors: CsvLineError[] }> {
  requireManager(user);
  const month = parsePeriodKey(input.month);
  if (!month || month.kind !== "month") throw new DomainError("month", "incentives.errors.period");
  return db.transaction().execute(async (trx) => {
    const people = new Map((await listOfficePeople(trx, user.officeId)).map((p) => [p.employeeNo.toUpperCase(), p]));
    const rules = await listRules(trx, user.officeId);
    const errors: CsvLineError[] = [];
    const values: { userId: number; item: string; date: string; quantity: number }[] = [];
    const rows = parseCsvRows(input.csvText.replace(/^\uFEFF/, ""));
    for (const row of rows) {
      const fields = row.fields.map((f) => f.trim());
      if (fields.every((f) => !f)) continue;
      if (values.length === 0 && errors.length === 0 && !/\d/.test(fields[2] ?? "")) continue; // header
      const [employeeNo = "", item = "", date = "", quantityText = ""] = fields;
      const person = people.get(employeeNo.toUpperCase());
      const quantity = Number(quantityText);
      const problems: string[] = [];
      if (!person) problems.push(`員工編號「${employeeNo}」不是本所同仁。`);
      if (!isCalendarDate(date)) problems.push(`日期「${date}」不是 YYYY-MM-DD 格式的日期。`);
      else if (date < month.first || date > month.last) problems.push(`日期 ${date} 不在 ${month.key} 月內。`);
      if (!quantityText || !Number.isFinite(quantity)) problems.push(`件數「${quantityText}」不是數字。`);
      if (isCalendarDate(date)) {
        const rule = ruleInForce(rules, item, date);
        if (!rule) problems.push(`${date} 沒有項目代碼「${item}」的獎勵規則。`);
        else if (rule.scoring.kind !== "per_unit") problems.push(`「${rule.label}」不是以件數計分的項目。`);
      }
      if (problems.length) errors.push({ line: row.line, message: problems.join(" ") });
      else values.push({ userId: person!.id, item, date, quantity });
    }
    if (errors.length) return { inserted: 0, errors };
    if (!values.length) throw new DomainError("csv", "incentives.errors.emptyCsv");
    await trx
      .insertInto("incentiveEntries")
      .values(values.map((v) => ({ officeId: user.officeId, userId: v.userId, item: v.item, entryDate: v.date, quantity: v.quantity, source: "csv" as const, createdBy: user.id, note: `${month.key} CSV` })))
      .execute();
    await recordAudit(trx, { actorUserId: user.id, officeId: user.officeId, action: "incentives.entry.import", entityType: "incentiveEntry", entityId: null, after: { month: month.key, lines: values.length } });
    return { inserted: values.length, errors: [] };
  });
}

/**
 * Approves or rejects a pending entry. Never one's own (another supervisor or the director decides
 * it). An entry approved after a closed period containing its date had closed is an adjustment.
 */
export async function decideEntry(db: Db, user: CurrentUser, entryId: number, decision: "approve" | "reject", now = new Date()): Promise<void> {
  requireManager(user);
  await db.transaction().execute(async (trx) => {
    const entry = await trx.selectFrom("incentiveEntries").select(["id", "userId", "status", dateText("entry_date").as("date")]).where("id", "=", entryId).where("officeId", "=", user.officeId).forUpdate().executeTakeFirst();
    if (!entry) throw new Response("Not Found", { status: 404 });
    if (entry.userId === user.id) throw new DomainError("_form", "incentives.errors.ownEntry");
    if (entry.status !== "pending") throw new DomainError("_form", "incentives.errors.decided");
    const closings = await listClosings(trx, user.officeId);
    const adjustment = closings.some((c) => c.first <= entry.date && entry.date <= c.last && c.closedAt < now);
    await trx
      .updateTable("incentiveEntries")
      .set(decision === "approve" ? { status: "approved", approvedBy: user.id, approvedAt: now, adjustment } : { status: "rejected", approvedBy: user.id, approvedAt: now })
      .where("id", "=", entryId)
      .execute();
    await recordAudit(trx, { actorUserId: user.id, officeId: user.officeId, action: `incentives.entry.${decision}`, entityType: "incentiveEntry", entityId: entryId, after: { adjustment } });
  });
}

async function insertGenerated(trx: Executor, user: CurrentUser, entries: (Omit<IncentiveEntry, "id" | "status" | "approvedAt"> & { sourceRef: string; note: string })[]): Promise<number> {
  if (!entries.length) return 0;
  const inserted = await trx
    .insertInto("incentiveEntries")
    .values(
      entries.map((e) => ({
        officeId: user.officeId,
        userId: Number(e.person),
        item: e.item,
        entryDate: e.date,
        rank: e.rank ?? null,
        grade: e.grade ?? null,
        source: e.source ?? "manual",
        sourceRef: e.sourceRef,
        note: e.note,
        createdBy: user.id,
      })),
    )
    .onConflict((oc) => oc.columns(["officeId", "sourceRef"]).where("sourceRef", "is not", null).doNothing())
    .returning("id")
    .execute();
  return inserted.length;
}

/** Pending 櫃台績效評比名次 entries from the counter ranking of an ended month; generating twice adds nothing. */
export async function generateFromCounterRanking(db: Db, user: CurrentUser, periodKey: string, now = new Date()): Promise<{ created: number; skipped: number }> {
  requireManager(user);
  const period = toPeriod(periodKey);
  if (period.last >= todayInTaipei(now)) throw new DomainError("period", "incentives.errors.periodNotEnded");
  return db.transaction().execute(async (trx) => {
    const ranking = await rankingFor(trx, user.officeId, period);
    const byStaff = new Map(ranking.rows.map((r) => [r.staff, r.userId]));
    const ranked = ranking.rows.filter((r) => r.userId !== null).map((r) => ({ staff: r.staff, rank: r.rank }));
    const entries = counterRankEntries(ranked, period).map((e) => {
      const userId = byStaff.get(e.person)!;
      return { ...e, person: String(userId), sourceRef: `counter_ranking:${period.key}:${userId}`, note: `${period.label} 第 ${e.rank} 名` };
    });
    const created = await insertGenerated(trx, user, entries);
    await recordAudit(trx, { actorUserId: user.id, officeId: user.officeId, action: "incentives.entry.fromRanking", entityType: "incentiveEntry", entityId: null, after: { period: period.key, created } });
    return { created, skipped: entries.length - created };
  });
}

/** Pending 創新提案等第 entries for the proposals whose reward grade was granted in the period (the proposer's); idempotent. */
export async function generateFromProposalGrades(db: Db, user: CurrentUser, periodKey: string): Promise<{ created: number; skipped: number }> {
  requireManager(user);
  const period = toPeriod(periodKey);
  const { start, end } = periodInstants(period);
  return db.transaction().execute(async (trx) => {
    const proposals = await trx
      .selectFrom("proposals")
      .select(["id", "proposerId", "rewardGrade", "reviewedAt", "title", "referenceNo"])
      .where("officeId", "=", user.officeId)
      .where("rewardGrade", "is not", null)
      .where("reviewedAt", ">=", start)
      .where("reviewedAt", "<", end)
      .orderBy("id")
      .execute();
    const people = new Set((await listOfficePeople(trx, user.officeId)).map((p) => p.id));
    const entries = proposals
      .filter((p) => people.has(p.proposerId))
      .map((p) => ({ ...proposalGradeEntry(String(p.proposerId), p.rewardGrade!, new Date(p.reviewedAt!)), sourceRef: `proposal:${p.id}`, note: `「${p.title}」${p.rewardGrade}等` }));
    const created = await insertGenerated(trx, user, entries);
    await recordAudit(trx, { actorUserId: user.id, officeId: user.officeId, action: "incentives.entry.fromProposals", entityType: "incentiveEntry", entityId: null, after: { period: period.key, created } });
    return { created, skipped: entries.length - created };
  });
}

// ------------------------------------------------------------------------------ scoreboards

export interface BoardRow {
  userId: number;
  employeeNo: string;
  name: string;
  rank: number;
  total: number;
  adjustments: number;
  finalTotal: number;
  breakdown: { item: string; label: string; points: number; adjustments: number; entries: number }[];
  suggestedReward: string | null;
}

export interface Board {
  period: Period;
  closedAt: Date | null;
  closedByName: string | null;
  rows: BoardRow[];
  /** The items with points on the board, for the breakdown columns. */
  items: { item: string; label: string }[];
  adjustmentEntries: { id: number; userId: number; name: string; item: string; date: string; points: number; approvedAt: Date | null }[];
  thresholds: RewardThreshold[];
}

interface Loaded {
  rules: IncentiveRule[];
  closings: (ClosedPeriod & { closedBy: number | null })[];
  people: OfficePerson[];
  thresholds: RewardThreshold[];
  entries: EntryRow[];
}

/** Everything a board of the year needs: entries from 1 January, since a year-capped rule needs the year so far. */
async function loadYear(db: Executor, officeId: number, year: string, through: string): Promise<Loaded> {
  const [rules, closings, people, settings, entries] = await Promise.all([
    listRules(db, officeId),
    listClosings(db, officeId),
    listOfficePeople(db, officeId),
    getRewardThresholds(db, officeId),
    loadEntries(db, officeId, { from: `${year}-01-01`, to: through }),
  ]);
  return { rules, closings, people, thresholds: settings.thresholds, entries };
}

function boardOf(loaded: Loaded, period: Period, scored = scoreEntries(loaded.rules, loaded.entries, loaded.closings)): Board {
  const people = new Map(loaded.people.map((p) => [String(p.id), p]));
  const names = new Map(loaded.entries.map((e) => [e.person, { id: e.userId, employeeNo: e.employeeNo, name: e.name }]));
  const board: Scoreboard = scoreboard(scored, period, { closed: loaded.closings, people: [...people.keys()], thresholds: loaded.thresholds });
  const who = (person: string) => people.get(person) ?? names.get(person) ?? { id: Number(person), employeeNo: "", name: person };
  const items = new Map<string, string>();
  for (const row of board.rows) for (const line of row.breakdown) items.set(line.item, line.label);
  const closing = loaded.closings.find((c) => c.first === period.first && c.last === period.last);
  return {
    period,
    closedAt: board.closedAt,
    closedByName: closing?.closedBy ? (loaded.people.find((p) => p.id === closing.closedBy)?.name ?? null) : null,
    rows: board.rows.map((r) => {
      const p = who(r.person);
      return { userId: p.id, employeeNo: p.employeeNo, name: p.name, rank: r.rank, total: r.total, adjustments: r.adjustments, finalTotal: r.finalTotal, breakdown: r.breakdown, suggestedReward: r.suggestedReward };
    }),
    items: [...items.entries()].map(([item, label]) => ({ item, label })).sort((a, b) => a.item.localeCompare(b.item)),
    adjustmentEntries: board.adjustmentEntries.map((s) => {
      const p = who(s.entry.person);
      return { id: s.entry.id, userId: p.id, name: p.name, item: s.rule?.label ?? s.entry.item, date: s.entry.date, points: s.points, approvedAt: s.entry.approvedAt ?? null };
    }),
    thresholds: loaded.thresholds,
  };
}

/** The office's scoreboard of a month, quarter, half-year or year, each entry scored with the rule in force on its date. */
export async function scoreboardFor(db: Executor, officeId: number, periodKey: string): Promise<Board> {
  const period = toPeriod(periodKey);
  return boardOf(await loadYear(db, officeId, period.first.slice(0, 4), period.last), period);
}

/** Closes an ended period: its scoreboard is frozen (stored as it stands); later approvals become adjustments. */
export async function closePeriod(db: Db, user: CurrentUser, periodKey: string, now = new Date()): Promise<number> {
  requireManager(user);
  const period = toPeriod(periodKey);
  if (period.last >= todayInTaipei(now)) throw new DomainError("period", "incentives.errors.periodNotEnded");
  return db.transaction().execute(async (trx) => {
    await trx.selectFrom("offices").select("id").where("id", "=", user.officeId).forUpdate().executeTakeFirst();
    const already = await trx.selectFrom("incentivePeriods").select("id").where("officeId", "=", user.officeId).where("periodKey", "=", period.key).executeTakeFirst();
    if (already) throw new DomainError("period", "incentives.errors.alreadyClosed");
    const loaded = await loadYear(trx, user.officeId, period.first.slice(0, 4), period.last);
    loaded.closings.push({ kind: period.kind, key: period.key, first: period.first, last: period.last, closedAt: now, closedBy: user.id });
    const board = boardOf(loaded, period);
    const frozen = { closedAt: now.toISOString(), thresholds: board.thresholds, rows: board.rows };
    const { id } = await trx
      .insertInto("incentivePeriods")
      .values({ officeId: user.officeId, periodKey: period.key, kind: period.kind, firstDay: period.first, lastDay: period.last, closedAt: now, closedBy: user.id, scoreboard: JSON.stringify(frozen) })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, { actorUserId: user.id, officeId: user.officeId, action: "incentives.period.close", entityType: "incentivePeriod", entityId: id, after: { period: period.key, people: board.rows.length } });
    return id;
  });
}

/** The frozen scoreboard stored at a period's closing, or null while open. */
export async function getFrozenScoreboard(db: Executor, officeId: number, periodKey: string): Promise<{ closedAt: string; rows: BoardRow[] } | null> {
  const row = await db.selectFrom("incentivePeriods").select("scoreboard").where("officeId", "=", officeId).where("periodKey", "=", periodKey).executeTakeFirst();
  return row ? (row.scoreboard as { closedAt: string; rows: BoardRow[] }) : null;
}

export interface MyPeriod {
  period: Period;
  closed: boolean;
  row: BoardRow | null;
  people: number;
}

/** My points in every period of a kind in a year (my row of each board: rank, totals, breakdown) and my entries with their status. */
export async function myPoints(db: Executor, user: CurrentUser, year: number, kind: PeriodKind = "month"): Promise<{ periods: MyPeriod[]; entries: (EntryRow & { points: number; reason: string | null; ruleLabel: string })[] }> {
  const loaded = await loadYear(db, user.officeId, String(year), `${year}-12-31`);
  const scored = scoreEntries(loaded.rules, loaded.entries, loaded.closings);
  const count = { month: 12, quarter: 4, half_year: 2, year: 1 }[kind];
  const periods: MyPeriod[] = [];
  for (let i = 0; i < count; i++) {
    const month = String(Math.floor((i * 12) / count) + 1).padStart(2, "0");
    const period = periodOf(`${year}-${month}-01`, kind);
    const board = boardOf(loaded, period, scored);
    periods.push({ period, closed: board.closedAt !== null, row: board.rows.find((r) => r.userId === user.id) ?? null, people: board.rows.length });
  }
  const mine = scored.filter((s) => s.entry.person === String(user.id));
  return {
    periods,
    entries: mine.map((s) => ({ ...(s.entry as EntryRow), points: s.points, reason: s.reason, ruleLabel: s.rule?.label ?? s.entry.item })),
  };
}
