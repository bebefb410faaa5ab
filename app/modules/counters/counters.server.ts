// Counter performance on the database (櫃台績效評比; issue 8, seed 服務遞送 1.(2)(3)): versioned case
// types, the queue export's column mapping remembered per office, the import preview and the
// idempotent import, staffed-hours adjustments and review corrections, and the measures and ranking
// of a period. The rules are the pure files beside this one (queue-csv.ts, measures.ts, ranking.ts,
// periods.ts; README.md tables them); this file only loads, checks roles and writes. Every command
// runs in one transaction with its audit row (ARCHITECTURE rule 3).
import { createHash } from "node:crypto";
import type { Kysely } from "kysely";
import { recordAudit } from "../audit/audit.server";
import type { CurrentUser } from "../auth/session.server";
import { sql, type Database, type Executor } from "../db.server";
import { DomainError } from "../domain-error";
import {
  measureCountersFromSummaries,
  measureOfficeFromSummaries,
  measureStaffFromSummaries,
  summarizeStaffDays,
  validateCaseTypeVersions,
  type CaseTypeVersion,
  type CounterMeasures,
  type Correction,
  type DailyTotal,
  type OfficeMeasures,
  type ServiceRecord,
  type StaffedHoursAdjustment,
  type StaffMeasures,
} from "./measures";
import { addDays, isCalendarDate, parsePeriodKey, taipeiDate, type Period } from "./periods";
import { loadCounterDays, loadStaffDays, refreshOfficeDays, refreshStaffDays, writeOfficeDays, writeStaffDays } from "./rollups.server";
import {
  guessMapping,
  newRecords,
  parseCsvRows,
  parseQueueCsv,
  QUEUE_FIELDS,
  validateMapping,
  type ColumnMapping,
  type DuplicateLine,
  type KnownValues,
  type LineError,
  type QueueRecord,
} from "./queue-csv";
import { DEFAULT_RANKING_CONFIG, rankStaff, validateRankingConfig, type OfficeMeans, type RankedStaff, type RankingConfig } from "./ranking";

type Db = Kysely<Database>;

const MANAGING = ["supervisor", "director"];
export const isCounterManager = (user: Pick<CurrentUser, "roles">) => user.roles.some((r) => MANAGING.includes(r));

/** Commands for supervisors check the role themselves too, not only the route (defence in depth). */
function requireManager(user: CurrentUser) {
  if (!isCounterManager(user)) throw new Response("Forbidden", { status: 403 });
}

const dateText = (column: string) => sql<string>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`;
const todayInTaipei = () => taipeiDate(new Date());

/** A period given by its key (`2026-11`) or already built; an unknown key is a 404, as for a record. */
function toPeriod(period: Period | string): Period {
  if (typeof period !== "string") return period;
  const parsed = parsePeriodKey(period);
  if (!parsed) throw new Response("Not Found", { status: 404 });
  return parsed;
}

// ------------------------------------------------------------------------------ case types

export interface CaseTypeRow extends CaseTypeVersion {
  id: number;
  code: string;
  effectiveTo: string | null;
}

/** Every version of every case type of the office, by name then start date. */
export async function listCaseTypeVersions(db: Executor, officeId: number): Promise<CaseTypeRow[]> {
  const rows = await db
    .selectFrom("caseTypes")
    .select(["id", "name", "code", "weight", "standardMinutes", dateText("effective_from").as("effectiveFrom"), dateText("effective_to").as("effectiveTo")])
    .where("officeId", "=", officeId)
    .orderBy("name")
    .orderBy("effectiveFrom")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    caseType: r.name,
    code: r.code,
    weight: Number(r.weight),
    standardMinutes: Number(r.standardMinutes),
    effectiveFrom: r.effectiveFrom,
    effectiveTo: r.effectiveTo ?? null,
  }));
}

/** The version of each case type in force on `date` (default today, Taipei), by name. */
export async function caseTypesInForce(db: Executor, officeId: number, date = todayInTaipei()): Promise<CaseTypeRow[]> {
  const latest = new Map<string, CaseTypeRow>();
  for (const v of await listCaseTypeVersions(db, officeId)) {
    if (v.effectiveFrom <= date) latest.set(v.caseType, v); // ordered by start: the last one wins
  }
  return [...latest.values()];
}

export interface CaseTypeInput {
  name: string;
  code?: string;
  weight: number;
  standardMinutes: number;
  effectiveFrom: string;
}

/**
 * Adds a version of a case type from a date. A version is never edited, so the weight a ticket was
 * measured with stays the weight it is measured with (measures.ts, case-type versions). Refused:
 * a start on or before the latest version's start (versions only go forward), and a start on or
 * before the last stored ticket of that type, which would re-weigh cases already imported. The
 * first version of a type may start on any date: until then its cases counted with weight 1 and
 * the measures asked for a weight (`unweightedCaseTypes`). The version it follows ends the day before.
 */
export async function saveCaseType(db: Db, user: CurrentUser, input: CaseTypeInput): Promise<number> {
  requireManager(user);
  const name = input.name.normalize("NFKC").trim().replace(/\s+/g, "").replace(/臺/g, "台");
  const version: CaseTypeVersion = { caseType: name, effectiveFrom: input.effectiveFrom, weight: input.weight, standardMinutes: input.standardMinutes };
  const errors = validateCaseTypeVersions([version]);
  if (errors.length > 0) throw new DomainError("_form", errors[0]);
  return db.transaction().execute(async (trx) => {
    // Versions of one office are decided one after the other.
    await trx.selectFrom("offices").select("id").where("id", "=", user.officeId).forUpdate().executeTakeFirstOrThrow();
    const previous = (await listCaseTypeVersions(trx, user.officeId)).filter((v) => v.caseType === name).at(-1);
    if (previous) {
      if (input.effectiveFrom <= previous.effectiveFrom) {
        throw new DomainError("effectiveFrom", `「${name}」已有自 ${previous.effectiveFrom} 起生效的版本；新版本的生效日必須在該日之後。`);
      }
      const last = await trx
        .selectFrom("queueRecords")
        .select(sql<string | null>`to_char(max(ticket_date), 'YYYY-MM-DD')`.as("day"))
        .where("officeId", "=", user.officeId)
        .where("caseType", "=", name)
        .executeTakeFirst();
      if (last?.day && input.effectiveFrom <= last.day) {
        throw new DomainError(
          "effectiveFrom",
          `已匯入 ${last.day} 的「${name}」案件；新權重最早只能自 ${addDays(last.day, 1)} 起生效，以免改變已計算的績效。`,
        );
      }
      await trx.updateTable("caseTypes").set({ effectiveTo: addDays(input.effectiveFrom, -1) }).where("id", "=", previous.id).execute();
    }
    const { id } = await trx
      .insertInto("caseTypes")
      .values({
        officeId: user.officeId,
        name,
        code: input.code?.trim() ?? previous?.code ?? "",
        weight: input.weight,
        standardMinutes: input.standardMinutes,
        effectiveFrom: input.effectiveFrom,
        createdBy: user.id,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actorUserId: user.id,
      officeId: user.officeId,
      action: "caseType.version",
      entityType: "caseType",
      entityId: id,
      before: previous ? { weight: previous.weight, standardMinutes: previous.standardMinutes, effectiveFrom: previous.effectiveFrom } : undefined,
      after: { name, weight: input.weight, standardMinutes: input.standardMinutes, effectiveFrom: input.effectiveFrom },
    });
    return id;
  });
}

// ------------------------------------------------------------------------------ mapping

/** Keeps only our fields with a non-empty header, in field order (what is stored and compared). */
function cleanMapping(mapping: ColumnMapping): ColumnMapping {
  return Object.fromEntries(QUEUE_FIELDS.filter((f) => mapping[f]?.trim()).map((f) => [f, mapping[f]!.trim()])) as ColumnMapping;
}

/** The office's remembered mapping, or null before its first import. */
export async function getMapping(db: Executor, officeId: number): Promise<ColumnMapping | null> {
  const row = await db.selectFrom("queueMappings").select("mapping").where("officeId", "=", officeId).executeTakeFirst();
  return row ? (row.mapping as ColumnMapping) : null;
}

async function writeMapping(trx: Executor, user: CurrentUser, mapping: ColumnMapping) {
  const json = JSON.stringify(mapping);
  await trx
    .insertInto("queueMappings")
    .values({ officeId: user.officeId, mapping: json, updatedBy: user.id })
    .onConflict((oc) => oc.column("officeId").doUpdateSet({ mapping: json, updatedBy: user.id, updatedAt: new Date() }))
    .execute();
}

export async function saveMapping(db: Db, user: CurrentUser, mapping: ColumnMapping): Promise<void> {
  requireManager(user);
  const clean = cleanMapping(mapping);
  await db.transaction().execute(async (trx) => {
    const before = await getMapping(trx, user.officeId);
    await writeMapping(trx, user, clean);
    await recordAudit(trx, { actorUserId: user.id, officeId: user.officeId, action: "queueMapping.update", entityType: "queueMapping", entityId: user.officeId, before, after: clean });
  });
}

// ------------------------------------------------------------------------------ import

/** What the office has, for the line checks, and how to turn its spellings back into ids. */
interface OfficeVocabulary {
  known: KnownValues;
  counterIds: Map<string, number>;
  staffIds: Map<string, number>;
}

async function officeVocabulary(db: Executor, officeId: number): Promise<OfficeVocabulary> {
  const office = await db.selectFrom("offices").select("code").where("id", "=", officeId).executeTakeFirstOrThrow();
  // Inactive counters and people too: an export may cover a month before a change.
  const counters = await db.selectFrom("counters").select(["id", "number", "label"]).where("officeId", "=", officeId).execute();
  const staff = await db
    .selectFrom("users as u")
    .select(["u.id", "u.employeeNo"])
    .where((eb) =>
      eb.or([
        eb("u.officeId", "=", officeId),
        eb.exists(eb.selectFrom("userRoles as r").select("r.userId").whereRef("r.userId", "=", "u.id").where("r.officeId", "=", officeId)),
      ]),
    )
    .execute();
  const caseTypes = await db.selectFrom("caseTypes").select("name").distinct().where("officeId", "=", officeId).execute();
  const counterIds = new Map<string, number>();
  for (const c of counters) {
    counterIds.set(String(c.number), c.id);
    // A named counter (自然人憑證櫃台) may be written by its name; it is stored by its number all the same.
    if (c.label) counterIds.set(c.label, c.id);
  }
  return {
    known: { officeCode: office.code, counters: [...counterIds.keys()], staff: staff.map((s) => s.employeeNo), caseTypes: caseTypes.map((c) => c.name) },
    counterIds,
    staffIds: new Map(staff.map((s) => [s.employeeNo, s.id])),
  };
}

/** Keys already stored among these records (looked up by the files' date span, which the index serves). */
async function storedKeys(db: Executor, officeId: number, records: readonly QueueRecord[]): Promise<Set<string>> {
  if (records.length === 0) return new Set();
  let first = records[0].ticketDate;
  let last = first;
  for (const r of records) {
    if (r.ticketDate < first) first = r.ticketDate;
    if (r.ticketDate > last) last = r.ticketDate;
  }
  const rows = await db
    .selectFrom("queueRecords")
    .select("idempotencyKey")
    .where("officeId", "=", officeId)
    .where("ticketDate", ">=", first)
    .where("ticketDate", "<=", last)
    .execute();
  return new Set(rows.map((r) => r.idempotencyKey));
}

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

function headersOf(csvText: string): string[] {
  // Only the header row is needed; the reader stops being cheap on a year's file, so cut at the first line end.
  const firstLine = csvText.slice(0, Math.max(0, csvText.search(/\r|\n/)) || csvText.length);
  return (parseCsvRows(firstLine)[0]?.fields ?? []).map((h) => h.trim());
}

export interface ImportPreview {
  headers: string[];
  /** The mapping used: the one given, else the office's remembered one, else a guess from the headers. */
  mapping: ColumnMapping;
  mappingSource: "given" | "remembered" | "guessed";
  mappingErrors: string[];
  linesRead: number;
  /** Valid records in the file. */
  records: number;
  /** Of those, not stored yet: what an import would add. */
  newRecords: number;
  alreadyStored: number;
  errors: LineError[];
  duplicates: DuplicateLine[];
  /** Earlier imports of exactly this file. */
  previousImports: { id: number; fileName: string; createdAt: Date; inserted: number }[];
}

/**
 * The preview of an import: the file read with the office's counters, staff and case types, every
 * line error with its line number, and how many valid records are new. Writes nothing.
 */
export async function previewImport(db: Executor, user: CurrentUser, csvText: string, mapping?: ColumnMapping): Promise<ImportPreview> {
  requireManager(user);
  const headers = headersOf(csvText);
  const remembered = mapping ? null : await getMapping(db, user.officeId);
  const used = cleanMapping(mapping ?? remembered ?? guessMapping(headers));
  const mappingSource = mapping ? "given" : remembered ? "remembered" : "guessed";
  const vocabulary = await officeVocabulary(db, user.officeId);
  const parsed = parseQueueCsv(csvText, used, vocabulary.known);
  const stored = await storedKeys(db, user.officeId, parsed.records);
  const fresh = newRecords(parsed.records, stored).length;
  const previous = await db
    .selectFrom("queueImports")
    .select(["id", "fileName", "createdAt", "inserted"])
    .where("officeId", "=", user.officeId)
    .where("fileSha256", "=", sha256(csvText))
    .orderBy("createdAt")
    .execute();
  return {
    headers,
    mapping: used,
    mappingSource,
    mappingErrors: validateMapping(used, headers),
    linesRead: parsed.linesRead,
    records: parsed.records.length,
    newRecords: fresh,
    alreadyStored: parsed.records.length - fresh,
    errors: parsed.errors,
    duplicates: parsed.duplicates,
    previousImports: previous.map((p) => ({ ...p, createdAt: new Date(p.createdAt) })),
  };
}

export type ImportMode = "all_or_nothing" | "valid_lines";

export interface ImportInput {
  fileName: string;
  csvText: string;
  mapping: ColumnMapping;
  mode: ImportMode;
}

export interface ImportResult {
  importId: number;
  linesRead: number;
  inserted: number;
  /** Valid records already stored (their key exists): the idempotency at work. */
  skipped: number;
  duplicateLines: number;
  errors: LineError[];
}

/** Rows per insert statement (as column arrays, so no limit of bind parameters applies). */
export const INSERT_BATCH = 10_000;

/**
 * Imports a queue export in one transaction. With `all_or_nothing` any line error refuses the
 * whole file and nothing is written; with `valid_lines` the valid records are written and the
 * errors kept on the import row. Records are inserted with `on conflict (idempotency_key) do
 * nothing`, so the same file (or an overlapping export) twice adds nothing. The mapping used
 * becomes the office's remembered one.
 */
export async function importQueue(db: Db, user: CurrentUser, input: ImportInput): Promise<ImportResult> {
  requireManager(user);
  const mapping = cleanMapping(input.mapping);
  const mappingErrors = validateMapping(mapping, headersOf(input.csvText));
  if (mappingErrors.length > 0) throw new DomainError("mapping", mappingErrors[0]);
  const fileName = input.fileName.trim() || "queue.csv";
  return db.transaction().execute(async (trx) => {
    const vocabulary = await officeVocabulary(trx, user.officeId);
    const parsed = parseQueueCsv(input.csvText, mapping, vocabulary.known);
    if (input.mode === "all_or_nothing" && parsed.errors.length > 0) {
      throw new DomainError("_form", `檔案有 ${parsed.errors.length} 項錯誤（第 ${[...new Set(parsed.errors.map((e) => e.line))].slice(0, 5).join("、")} 行…）；已選擇「全部匯入或全不匯入」，所以沒有匯入任何資料。`);
    }
    const { id: importId } = await trx
      .insertInto("queueImports")
      .values({
        officeId: user.officeId,
        fileName,
        fileSha256: sha256(input.csvText),
        mapping: JSON.stringify(mapping),
        mode: input.mode,
        linesRead: parsed.linesRead,
        duplicateLines: parsed.duplicates.length,
        errors: JSON.stringify(parsed.errors),
        createdBy: user.id,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    let inserted = 0;
    // Column arrays through unnest(): 14 parameters a statement however many rows, where a multi-row
    // VALUES list binds and parses 14 per row (issue 10: the import against COPY of the same rows).
    for (let i = 0; i < parsed.records.length; i += INSERT_BATCH) {
      const batch = parsed.records.slice(i, i + INSERT_BATCH);
      const column = <T,>(value: (r: (typeof batch)[number]) => T) => batch.map(value);
      const at = (d: Date | null) => (d === null ? null : d.toISOString());
      const result = await sql`
        insert into queue_records (office_id, idempotency_key, ticket, ticket_date, segment, counter_id, staff_user_id, case_type, ticket_at, called_at, started_at, ended_at, outcome, import_id)
        select ${user.officeId}, k, t, d, s, c, u, ct, ta, ca, sa, ea, o, ${importId}
        from unnest(${column((r) => r.key)}::text[], ${column((r) => r.ticket)}::text[], ${column((r) => r.ticketDate)}::date[], ${column((r) => r.segment)}::smallint[],
                    ${column((r) => vocabulary.counterIds.get(r.counter)!)}::integer[], ${column((r) => (r.staff === null ? null : vocabulary.staffIds.get(r.staff)!))}::integer[],
                    ${column((r) => r.caseType)}::text[], ${column((r) => at(r.ticketAt))}::timestamptz[], ${column((r) => at(r.calledAt))}::timestamptz[],
                    ${column((r) => at(r.startedAt))}::timestamptz[], ${column((r) => at(r.endedAt))}::timestamptz[], ${column((r) => r.outcome)}::text[])
             as x(k, t, d, s, c, u, ct, ta, ca, sa, ea, o)
        on conflict (idempotency_key) do nothing`.execute(trx);
      inserted += Number(result.numAffectedRows ?? 0);
    }
    const skipped = parsed.records.length - inserted;
    // The ranking's rollup: every person-day this file touched, recomputed from all its records.
    const touched = new Map<string, { staffUserId: number; day: string }>();
    const days = parsed.records.map((r) => r.ticketDate).sort();
    for (const r of parsed.records) {
      if (r.staff === null) continue;
      const staffUserId = vocabulary.staffIds.get(r.staff)!;
      touched.set(`${staffUserId}|${r.ticketDate}`, { staffUserId, day: r.ticketDate });
    }
    if (inserted > 0) {
      // A file of days with no earlier records (the usual monthly file): its own records are all the
      // days hold, so they are summarized as parsed. Otherwise every record of the touched days is
      // read back and summarized again.
      const earlier = await trx
        .selectFrom("queueRecords")
        .select("id")
        .where("officeId", "=", user.officeId)
        .where("ticketDate", ">=", days[0])
        .where("ticketDate", "<=", days[days.length - 1])
        .where("importId", "!=", importId)
        .limit(1)
        .executeTakeFirst();
      if (!earlier && skipped === 0) {
        const records: ServiceRecord[] = parsed.records.map((r) => ({
          ...r,
          counter: String(vocabulary.counterIds.get(r.counter)!),
          staff: r.staff === null ? null : String(vocabulary.staffIds.get(r.staff)!),
        }));
        await writeStaffDays(trx, user.officeId, summarizeStaffDays(records));
        await writeOfficeDays(trx, user.officeId, records);
      } else {
        await refreshStaffDays(trx, user.officeId, [...touched.values()]);
        await refreshOfficeDays(trx, user.officeId, { first: days[0], last: days[days.length - 1] });
      }
    }
    await trx.updateTable("queueImports").set({ inserted, skipped }).where("id", "=", importId).execute();
    await writeMapping(trx, user, mapping);
    await recordAudit(trx, {
      actorUserId: user.id,
      officeId: user.officeId,
      action: "queue.import",
      entityType: "queueImport",
      entityId: importId,
      after: { fileName, mode: input.mode, linesRead: parsed.linesRead, inserted, skipped, duplicateLines: parsed.duplicates.length, errors: parsed.errors.length },
    });
    return { importId, linesRead: parsed.linesRead, inserted, skipped, duplicateLines: parsed.duplicates.length, errors: parsed.errors };
  });
}

// ------------------------------------------------------------------------------ adjustments and corrections

async function requireOfficePerson(db: Executor, officeId: number, userId: number) {
  const person = await db
    .selectFrom("users as u")
    .select("u.id")
    .where("u.id", "=", userId)
    .where((eb) =>
      eb.or([
        eb("u.officeId", "=", officeId),
        eb.exists(eb.selectFrom("userRoles as r").select("r.userId").whereRef("r.userId", "=", "u.id").where("r.officeId", "=", officeId)),
      ]),
    )
    .executeTakeFirst();
  if (!person) throw new DomainError("userId", "這位同仁不屬於本所。");
}

export interface AdjustmentInput {
  userId: number;
  day: string;
  mode: "set" | "add";
  hours: number;
  reason: string;
}

/** A supervisor's change to a person's staffed hours on one day (measures.ts: `set` replaces, `add` adds). */
export async function addStaffedHoursAdjustment(db: Db, user: CurrentUser, input: AdjustmentInput): Promise<number> {
  requireManager(user);
  if (!isCalendarDate(input.day)) throw new DomainError("day", "日期無效。");
  if (!Number.isFinite(input.hours) || Math.abs(input.hours) > 24 || (input.mode === "set" && input.hours < 0)) {
    throw new DomainError("hours", "時數必須介於 0 到 24 之間（「增減」可為負數）。");
  }
  if (!input.reason.trim()) throw new DomainError("reason", "請填寫調整原因。");
  return db.transaction().execute(async (trx) => {
    await requireOfficePerson(trx, user.officeId, input.userId);
    const { id } = await trx
      .insertInto("staffedHourAdjustments")
      .values({ officeId: user.officeId, userId: input.userId, day: input.day, mode: input.mode, hours: input.hours, reason: input.reason.trim(), createdBy: user.id })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, { actorUserId: user.id, officeId: user.officeId, action: "staffedHours.adjust", entityType: "staffedHourAdjustment", entityId: id, after: input });
    return id;
  });
}

export interface CorrectionInput {
  userId: number;
  /** The day of the corrected case; or give `periodKey` for a number over a whole period. */
  day?: string;
  periodKey?: string;
  count?: number;
  counterId?: number | null;
  note?: string;
}

/**
 * Records corrections found by the registration review (審查制度). Dated on the corrected case's
 * day, so they fall in the period whose cases they judge; a number for a whole period is dated on
 * its last day.
 */
export async function recordCorrection(db: Db, user: CurrentUser, input: CorrectionInput): Promise<number> {
  requireManager(user);
  const period = input.periodKey ? parsePeriodKey(input.periodKey) : null;
  if (input.periodKey && !period) throw new DomainError("periodKey", "期間無效。");
  const day = period ? period.last : input.day;
  if (!day || !isCalendarDate(day)) throw new DomainError("day", "請填寫被更正案件的日期。");
  const count = input.count ?? 1;
  if (!Number.isInteger(count) || count < 1) throw new DomainError("count", "更正件數必須是正整數。");
  return db.transaction().execute(async (trx) => {
    await requireOfficePerson(trx, user.officeId, input.userId);
    if (input.counterId != null) {
      const counter = await trx.selectFrom("counters").select("id").where("id", "=", input.counterId).where("officeId", "=", user.officeId).executeTakeFirst();
      if (!counter) throw new DomainError("counterId", "櫃台不屬於本所。");
    }
    const { id } = await trx
      .insertInto("reviewCorrections")
      .values({ officeId: user.officeId, userId: input.userId, day, periodKey: period?.key ?? null, count, counterId: input.counterId ?? null, note: input.note?.trim() ?? "", createdBy: user.id })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, { actorUserId: user.id, officeId: user.officeId, action: "reviewCorrection.create", entityType: "reviewCorrection", entityId: id, after: { ...input, day, count } });
    return id;
  });
}

export interface DailyTotalInput {
  userId: number;
  counterId: number;
  day: string;
  caseType: string;
  served: number;
  note?: string;
}

/** Case-type names are compared as saveCaseType stores them (NFKC, no spaces, 臺 → 台). */
const caseTypeName = (name: string) => name.normalize("NFKC").trim().replace(/\s+/g, "").replace(/臺/g, "台");

/**
 * A day's served cases entered by hand (「手動登錄每日件數」) for a person, counter and case type.
 * One row per key: a second entry for the same person, counter, day and case type replaces the
 * count, and the audit row keeps the count it replaced. measures.ts counts them as served and
 * weighted cases and a staffed day, with no times.
 */
export async function saveDailyTotal(db: Db, user: CurrentUser, input: DailyTotalInput): Promise<number> {
  requireManager(user);
  if (!isCalendarDate(input.day)) throw new DomainError("day", "日期無效。");
  if (input.day > todayInTaipei()) throw new DomainError("day", "不能登錄未來日期的件數。");
  if (!Number.isInteger(input.served) || input.served < 1 || input.served > 9999) throw new DomainError("served", "件數必須是 1 到 9999 的整數。");
  const caseType = caseTypeName(input.caseType);
  if (!caseType) throw new DomainError("caseType", "請選擇案件類別。");
  const note = input.note?.trim() ?? "";
  return db.transaction().execute(async (trx) => {
    await requireOfficePerson(trx, user.officeId, input.userId);
    const counter = await trx.selectFrom("counters").select("id").where("id", "=", input.counterId).where("officeId", "=", user.officeId).executeTakeFirst();
    if (!counter) throw new DomainError("counterId", "櫃台不屬於本所。");
    const known = await trx.selectFrom("caseTypes").select("id").where("officeId", "=", user.officeId).where("name", "=", caseType).executeTakeFirst();
    if (!known) throw new DomainError("caseType", `案件類別「${caseType}」不在本所的案件類別中；請先在「案件類別與權重」新增。`);
    const key = { officeId: user.officeId, userId: input.userId, counterId: input.counterId, day: input.day, caseType };
    const before = await trx
      .selectFrom("counterDailyTotals")
      .select(["served", "note"])
      .where("officeId", "=", key.officeId)
      .where("userId", "=", key.userId)
      .where("counterId", "=", key.counterId)
      .where("day", "=", key.day)
      .where("caseType", "=", key.caseType)
      .forUpdate()
      .executeTakeFirst();
    const { id } = await trx
      .insertInto("counterDailyTotals")
      .values({ ...key, served: input.served, note, createdBy: user.id })
      .onConflict((oc) =>
        oc.columns(["officeId", "userId", "counterId", "day", "caseType"]).doUpdateSet({ served: input.served, note, createdBy: user.id }),
      )
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actorUserId: user.id,
      officeId: user.officeId,
      action: before ? "counterDailyTotal.replace" : "counterDailyTotal.create",
      entityType: "counterDailyTotal",
      entityId: id,
      before: before ?? undefined,
      after: { ...key, served: input.served, note },
    });
    return id;
  });
}

export interface DailyTotalRow {
  id: number;
  employeeNo: string;
  name: string;
  counter: number;
  counterLabel: string | null;
  day: string;
  caseType: string;
  served: number;
  note: string;
}

/** The office's latest hand-entered totals, newest key first (the settings page's short list). */
export async function listRecentDailyTotals(db: Executor, officeId: number, limit = 10): Promise<DailyTotalRow[]> {
  const rows = await db
    .selectFrom("counterDailyTotals as t")
    .innerJoin("users as u", "u.id", "t.userId")
    .innerJoin("counters as c", "c.id", "t.counterId")
    .select(["t.id", "u.employeeNo", "u.name", "c.number as counter", "c.label as counterLabel", dateText("t.day").as("day"), "t.caseType", "t.served", "t.note"])
    .where("t.officeId", "=", officeId)
    .orderBy("t.id", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, counter: Number(r.counter), counterLabel: r.counterLabel ?? null }));
}

// ------------------------------------------------------------------------------ ranking settings

export async function getRankingSettings(db: Executor, officeId: number): Promise<RankingConfig> {
  const row = await db.selectFrom("rankingSettings").select(["weights", "minStaffedDays", "shrinkK"]).where("officeId", "=", officeId).executeTakeFirst();
  if (!row) return { ...DEFAULT_RANKING_CONFIG, weights: { ...DEFAULT_RANKING_CONFIG.weights } };
  return { weights: row.weights as RankingConfig["weights"], minStaffedDays: row.minStaffedDays, shrinkageCases: Number(row.shrinkK) };
}

export async function saveRankingSettings(db: Db, user: CurrentUser, config: RankingConfig): Promise<void> {
  requireManager(user);
  const errors = validateRankingConfig(config);
  if (errors.length > 0) throw new DomainError("_form", errors[0]);
  await db.transaction().execute(async (trx) => {
    const before = await getRankingSettings(trx, user.officeId);
    const values = { weights: JSON.stringify(config.weights), minStaffedDays: config.minStaffedDays, shrinkK: config.shrinkageCases, updatedBy: user.id, updatedAt: new Date() };
    await trx
      .insertInto("rankingSettings")
      .values({ officeId: user.officeId, ...values })
      .onConflict((oc) => oc.column("officeId").doUpdateSet(values))
      .execute();
    await recordAudit(trx, { actorUserId: user.id, officeId: user.officeId, action: "rankingSettings.update", entityType: "rankingSettings", entityId: user.officeId, before, after: config });
  });
}

/**
 * The minimum of staffed days is set for a month; longer periods scale it by their months
 * (README: 10 a month → 30 a quarter, 60 a half-year, 120 a year).
 */
export function minimumDaysFor(period: Pick<Period, "kind">, monthlyMinimum: number): number {
  return monthlyMinimum * { month: 1, quarter: 3, half_year: 6, year: 12 }[period.kind];
}

// ------------------------------------------------------------------------------ measures and ranking

export interface PeriodMeasures {
  period: Period;
  staff: (StaffMeasures & { userId: number | null; name: string })[];
  counters: (CounterMeasures & { counterId: number | null; label: string | null })[];
  office: OfficeMeasures;
}

/** What the measures need besides the records: adjustments, corrections, hand-entered totals, case types. */
async function sideInputs(db: Executor, officeId: number, period: Period) {
  const adjustmentRows = await db
    .selectFrom("staffedHourAdjustments as a")
    .innerJoin("users as u", "u.id", "a.userId")
    .select(["u.employeeNo as staff", dateText("a.day").as("date"), "a.mode", "a.hours", "a.reason"])
    .where("a.officeId", "=", officeId)
    .where("a.day", ">=", period.first)
    .where("a.day", "<=", period.last)
    .execute();
  const adjustments: StaffedHoursAdjustment[] = adjustmentRows.map((a) => ({ ...a, hours: Number(a.hours) }));

  const correctionRows = await db
    .selectFrom("reviewCorrections as r")
    .innerJoin("users as u", "u.id", "r.userId")
    .leftJoin("counters as c", "c.id", "r.counterId")
    .select(["u.employeeNo as staff", dateText("r.day").as("date"), "r.count", "c.number as counter"])
    .where("r.officeId", "=", officeId)
    .where("r.day", ">=", period.first)
    .where("r.day", "<=", period.last)
    .execute();
  const corrections: Correction[] = correctionRows.map((c) => ({ staff: c.staff, date: c.date, count: c.count, counter: c.counter === null ? null : String(c.counter) }));

  const totalRows = await db
    .selectFrom("counterDailyTotals as t")
    .innerJoin("users as u", "u.id", "t.userId")
    .innerJoin("counters as c", "c.id", "t.counterId")
    .select(["u.employeeNo as staff", "c.number as counter", dateText("t.day").as("date"), "t.caseType", "t.served"])
    .where("t.officeId", "=", officeId)
    .where("t.day", ">=", period.first)
    .where("t.day", "<=", period.last)
    .execute();
  const dailyTotals: DailyTotal[] = totalRows.map((r) => ({ staff: r.staff, counter: String(r.counter), date: r.date, caseType: r.caseType, served: Number(r.served) }));

  const caseTypes = await listCaseTypeVersions(db, officeId);
  return { adjustments, corrections, dailyTotals, caseTypes };
}

/**
 * Staff measures from the rollup (staff-days.server.ts): what the ranking needs, without reading the
 * period's tickets. Equal to measuresFor(...).staff (tests/integration/counters-db.test.ts).
 */
export async function staffMeasuresFor(db: Executor, officeId: number, periodOrKey: Period | string): Promise<{ period: Period; staff: PeriodMeasures["staff"] }> {
  const period = toPeriod(periodOrKey);
  const [summaries, side] = await Promise.all([loadStaffDays(db, officeId, period.first, period.last), sideInputs(db, officeId, period)]);
  const staffMeasures = measureStaffFromSummaries({ summaries, ...side }, period);
  const people = staffMeasures.length
    ? await db.selectFrom("users").select(["id", "employeeNo", "name"]).where("employeeNo", "in", staffMeasures.map((m) => m.staff)).execute()
    : [];
  const personBy = new Map(people.map((p) => [p.employeeNo, p]));
  return { period, staff: staffMeasures.map((m) => ({ ...m, userId: personBy.get(m.staff)?.id ?? null, name: personBy.get(m.staff)?.name ?? m.staff })) };
}

/**
 * The period's measures per person, counter and office from the rollups (rollups.server.ts), the
 * hand-entered daily totals, adjustments, corrections and case-type versions: the same figures as
 * measuring every ticket (measures.ts measureStaff / measureCounters / measureOffice), without reading them.
 */
export async function measuresFor(db: Executor, officeId: number, periodOrKey: Period | string): Promise<PeriodMeasures> {
  const period = toPeriod(periodOrKey);
  const [staffDays, counterDays, side] = [
    await loadStaffDays(db, officeId, period.first, period.last),
    await loadCounterDays(db, officeId, period.first, period.last),
    await sideInputs(db, officeId, period),
  ];
  const counters = await db.selectFrom("counters").select(["id", "number", "label", "active"]).where("officeId", "=", officeId).execute();
  const input = { ...side, staffDays, counterDays, summaries: staffDays };

  const staffMeasures = measureStaffFromSummaries(input, period);
  const people = staffMeasures.length
    ? await db.selectFrom("users").select(["id", "employeeNo", "name"]).where("employeeNo", "in", staffMeasures.map((m) => m.staff)).execute()
    : [];
  const personBy = new Map(people.map((p) => [p.employeeNo, p]));
  const counterBy = new Map(counters.map((c) => [String(c.number), c]));
  return {
    period,
    staff: staffMeasures.map((m) => ({ ...m, userId: personBy.get(m.staff)?.id ?? null, name: personBy.get(m.staff)?.name ?? m.staff })),
    counters: measureCountersFromSummaries(input, period, counters.filter((c) => c.active).map((c) => String(c.number))).map((m) => ({
      ...m,
      counterId: counterBy.get(m.counter)?.id ?? null,
      label: counterBy.get(m.counter)?.label ?? null,
    })),
    office: measureOfficeFromSummaries(input, period),
  };
}

export interface PeriodRanking {
  period: Period;
  /** The office's settings with the minimum scaled to the period. */
  config: RankingConfig;
  officeMeans: OfficeMeans;
  rows: (RankedStaff & { userId: number | null; name: string })[];
}

/**
 * The period's ranking with the office's settings (ranking.ts defaults until it saves its own). A page
 * that also shows the measures passes the ones it read (measuresFor), so the rollups are read once.
 */
export async function rankingFor(db: Executor, officeId: number, periodOrKey: Period | string, measured?: Pick<PeriodMeasures, "period" | "staff">): Promise<PeriodRanking> {
  const measures = measured ?? (await staffMeasuresFor(db, officeId, periodOrKey));
  const settings = await getRankingSettings(db, officeId);
  const config: RankingConfig = { ...settings, minStaffedDays: minimumDaysFor(measures.period, settings.minStaffedDays) };
  const result = rankStaff(measures.staff, config);
  const byStaff = new Map(measures.staff.map((m) => [m.staff, m]));
  return {
    period: measures.period,
    config,
    officeMeans: result.officeMeans,
    rows: result.rows.map((r) => ({ ...r, userId: byStaff.get(r.staff)?.userId ?? null, name: byStaff.get(r.staff)?.name ?? r.staff })),
  };
}
