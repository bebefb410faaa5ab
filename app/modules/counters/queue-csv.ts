// Reading a queue-ticket system's CSV export (叫號系統匯出檔) into service records: the RFC 4180
// reader, the column mapping (guessed from common zh-TW and English headers, remembered per office
// by the server), date-times in Asia/Taipei, per-line checks with zh-TW messages, and the
// idempotency key that makes a second import of the same file add nothing. Issue 8, "Service
// records"; seed 服務遞送 1.(2)(3) (綜合櫃台, 自然人憑證櫃台, 單一窗口). Pure (ARCHITECTURE rule 6):
// the server decodes the upload to text (UTF-8, or Big5 from older systems), asks parseQueueCsv
// for the preview, and writes the records it chooses in one transaction.
import { taipeiInstant } from "./periods";

// ------------------------------------------------------------------------------ RFC 4180

export interface CsvRow {
  /** The physical line (1-based) the row starts on; a quoted newline makes a row span lines. */
  line: number;
  fields: string[];
}

/**
 * RFC 4180 rows: fields separated by commas, quoted with `"` when they hold a comma, a quote
 * (doubled: `""`) or a line break. Accepts CRLF, LF and lone CR line ends, a UTF-8 byte-order
 * mark (Excel writes one), and a missing final line end. Blank lines are skipped, because
 * exports often end with one and a blank line carries no ticket. A stray quote inside an
 * unquoted field is kept as text, as Excel does, rather than failing the whole file.
 */
export function parseCsvRows(text: string): CsvRow[] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const rows: CsvRow[] = [];
  let fields: string[] = [];
  let field = "";
  let quoted = false;
  let fieldWasQuoted = false;
  let line = 1;
  let rowLine = 1;
  const endRow = () => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0] === "" && !fieldWasQuoted)) rows.push({ line: rowLine, fields });
    fields = [];
    field = "";
    fieldWasQuoted = false;
  };
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (quoted) {
      if (c === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === "\n" || (c === "\r" && src[i + 1] !== "\n")) line++;
        field += c === "\r" && src[i + 1] === "\n" ? "" : c;
      }
      continue;
    }
    if (c === '"' && field === "" && !fieldWasQuoted) {
      quoted = true;
      fieldWasQuoted = true;
    } else if (c === ",") {
      fields.push(field);
      field = "";
      fieldWasQuoted = false;
    } else if (c === "\r" || c === "\n") {
      if (c === "\r" && src[i + 1] === "\n") i++;
      endRow();
      line++;
      rowLine = line;
    } else field += c;
  }
  if (field !== "" || fields.length > 0 || fieldWasQuoted) endRow();
  return rows;
}

// ------------------------------------------------------------------------------ fields and mapping

export const QUEUE_FIELDS = ["ticket", "counter", "staff", "caseType", "ticketAt", "calledAt", "startedAt", "endedAt", "outcome"] as const;
export type QueueField = (typeof QUEUE_FIELDS)[number];

export const QUEUE_FIELD_LABELS: Record<QueueField, string> = {
  ticket: "號碼牌",
  counter: "櫃台",
  staff: "承辦人員編號",
  caseType: "案件類別",
  ticketAt: "取號時間",
  calledAt: "叫號時間",
  startedAt: "開始服務時間",
  endedAt: "結束服務時間",
  outcome: "處理結果",
};

/** Our field → the header of the column that holds it in this office's export. */
export type ColumnMapping = Partial<Record<QueueField, string>>;

/**
 * Columns a file must have. `calledAt` may be absent (some systems log only the start of
 * service) and `outcome` may be absent (then read from the times: see `inferOutcome`).
 */
export const REQUIRED_COLUMNS: readonly QueueField[] = ["ticket", "counter", "staff", "caseType", "ticketAt", "startedAt", "endedAt"];

/**
 * Header folding before comparison: NFKC (full-width letters and digits of Big5-era exports),
 * 臺 → 台 (櫃臺 and 櫃台 are both written), lower case, and no spaces, underscores, brackets or
 * punctuation, so 「開始服務時間（時:分）」 and "Start_Time" compare by their words.
 */
export function foldHeader(header: string): string {
  return header
    .normalize("NFKC")
    .replace(/臺/g, "台")
    .replace(/檯/g, "台")
    .toLowerCase()
    .replace(/[\s_\-.:/()[\]（）【】「」#＃]/g, "");
}

/** Synonyms per field, most specific first; compared folded. Order matters for `guessMapping`. */
const HEADER_SYNONYMS: Record<QueueField, readonly string[]> = {
  ticket: ["號碼牌", "號碼", "票號", "取號號碼", "牌號", "序號", "ticketnumber", "ticketno", "ticketid", "ticket", "queuenumber", "number"],
  counter: ["櫃台編號", "櫃台號碼", "櫃台", "窗口", "服務台", "counterno", "counterid", "counter", "servicepoint", "desk", "window"],
  staff: ["員工編號", "承辦人員編號", "承辦人編號", "人員代號", "職員編號", "承辦人", "承辦人員", "服務人員", "staffno", "staffid", "employeeid", "staff", "employee", "clerk", "user"],
  caseType: ["案件類別", "業務類別", "案件種類", "業務項目", "服務項目", "申辦項目", "業務", "類別", "casetype", "servicetype", "transactiontype", "service", "category"],
  ticketAt: ["取號時間", "取號日期時間", "取號", "抽號時間", "tickettime", "ticketat", "issuedat", "issuetime", "arrivaltime", "createdat"],
  calledAt: ["叫號時間", "叫號", "呼叫時間", "calledat", "calltime", "called", "call"],
  startedAt: ["開始服務時間", "開始服務", "服務開始時間", "服務開始", "開始時間", "servicestart", "startedat", "starttime", "start"],
  endedAt: ["結束服務時間", "結束服務", "服務結束時間", "服務結束", "結束時間", "完成時間", "serviceend", "endedat", "endtime", "end", "finish"],
  outcome: ["處理結果", "服務狀態", "狀態", "結果", "outcome", "status", "result"],
};

/** Headers that name a person (姓名, name) are not the staff number, even when they say 承辦人. */
const NAME_HEADER = /姓名|name/;

/**
 * A first guess at the mapping from the header row, for the mapping step to show pre-filled.
 * Each header is scored against each field: an exact (folded) synonym beats a header that only
 * contains one, and an earlier synonym beats a later one; the best pairs are taken first, so a
 * header is used for one field at most and 「叫號時間」 cannot also become 「取號時間」. Fields with
 * no matching header are left out, for the user to choose.
 */
export function guessMapping(headers: readonly string[]): ColumnMapping {
  const candidates: { field: QueueField; header: string; score: number }[] = [];
  headers.forEach((header, column) => {
    const folded = foldHeader(header);
    if (folded === "") return;
    for (const field of QUEUE_FIELDS) {
      if (field === "staff" && NAME_HEADER.test(folded)) continue;
      HEADER_SYNONYMS[field].forEach((synonym, rank) => {
        const s = foldHeader(synonym);
        // Short English words ("end", "call") only match whole headers: "calendar" is no call.
        const contains = s.length >= 2 && /[^\x00-\x7f]/.test(s) ? folded.includes(s) : false;
        if (folded === s) candidates.push({ field, header, score: 1000 - rank * 10 - column * 0.01 });
        else if (contains) candidates.push({ field, header, score: 500 - rank * 10 - (folded.length - s.length) - column * 0.01 });
      });
    }
  });
  candidates.sort((a, b) => b.score - a.score);
  const mapping: ColumnMapping = {};
  const usedHeaders = new Set<string>();
  for (const { field, header } of candidates) {
    if (mapping[field] !== undefined || usedHeaders.has(header)) continue;
    mapping[field] = header;
    usedHeaders.add(header);
  }
  return Object.fromEntries(QUEUE_FIELDS.filter((f) => mapping[f] !== undefined).map((f) => [f, mapping[f]])) as ColumnMapping;
}

/** Problems with a mapping against a header row (empty when usable), in zh-TW. */
export function validateMapping(mapping: ColumnMapping, headers: readonly string[]): string[] {
  const errors: string[] = [];
  const present = new Set(headers.map((h) => h.trim()));
  for (const field of REQUIRED_COLUMNS) {
    if (!mapping[field]?.trim()) errors.push(`請指定「${QUEUE_FIELD_LABELS[field]}」對應的欄位。`);
  }
  const seen = new Map<string, QueueField>();
  for (const field of QUEUE_FIELDS) {
    const header = mapping[field]?.trim();
    if (!header) continue;
    if (!present.has(header)) errors.push(`檔案中沒有「${header}」欄位（${QUEUE_FIELD_LABELS[field]}）。`);
    const other = seen.get(header);
    if (other) errors.push(`「${header}」欄位不能同時對應「${QUEUE_FIELD_LABELS[other]}」和「${QUEUE_FIELD_LABELS[field]}」。`);
    else seen.set(header, field);
  }
  return errors;
}

// ------------------------------------------------------------------------------ values

export const QUEUE_OUTCOMES = ["served", "no_show", "transferred"] as const;
export type QueueOutcome = (typeof QUEUE_OUTCOMES)[number];

export const QUEUE_OUTCOME_LABELS: Record<QueueOutcome, string> = {
  served: "已服務",
  no_show: "未到（過號）",
  transferred: "轉櫃",
};

/** Outcome words seen in exports, folded like headers. */
const OUTCOME_WORDS: Record<QueueOutcome, readonly string[]> = {
  served: ["完成", "已完成", "服務完成", "已服務", "辦結", "已辦結", "結案", "正常", "served", "done", "completed", "complete", "finished", "ok"],
  no_show: ["未到", "過號", "未報到", "逾時未到", "放棄", "已過號", "noshow", "missed", "absent", "skipped"],
  transferred: ["轉櫃", "轉櫃台", "轉台", "轉送", "轉出", "轉介", "轉辦", "transfer", "transferred"],
};

const outcomeByWord = new Map<string, QueueOutcome>(
  QUEUE_OUTCOMES.flatMap((outcome) => OUTCOME_WORDS[outcome].map((w) => [foldHeader(w), outcome] as const)),
);

/** The outcome named by a cell, or null when the word is unknown. */
export function parseOutcome(value: string): QueueOutcome | null {
  return outcomeByWord.get(foldHeader(value)) ?? null;
}

/**
 * The outcome when the file has no outcome column or the cell is empty: served when service
 * started and ended, otherwise no-show (called, never served). A transfer cannot be told from
 * the times, so a system that transfers must export the outcome.
 */
export function inferOutcome(times: { startedAt: Date | null; endedAt: Date | null }): QueueOutcome {
  return times.startedAt && times.endedAt ? "served" : "no_show";
}

/** A date-time cell, read as Taipei wall time. `date` is the `YYYY-MM-DD` Taipei date; `time` `HH:mm:ss` or null. */
export interface WallTime {
  date: string;
  time: string | null;
}

const DATE_TIME =
  /^(?:民國)?(\d{2,4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T]+(上午|下午|am|pm)?\s*(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(上午|下午|am|pm)?)?$/i;
const TIME_ONLY = /^(上午|下午|am|pm)?\s*(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(上午|下午|am|pm)?$/i;

function clockTime(h: number, min: number, s: number, meridiem: string | undefined): string | null {
  let hour = h;
  if (meridiem) {
    const pm = /下午|pm/i.test(meridiem);
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (pm ? 12 : 0);
  }
  if (hour > 23 || min > 59 || s > 59) return null;
  return `${String(hour).padStart(2, "0")}:${String(min).padStart(2, "0")}:${String(s).padStart(2, "0")}`;
}

/**
 * A date-time as exports write it: `2026-11-02 08:31`, `2026/11/2 08:31:05`, `2026-11-02T08:31`,
 * the ROC year of older systems (`115/11/02 08:31`, `民國115年11月2日 08:31`: a year of 2–3 digits is
 * 民國, + 1911), and Windows zh-TW's `2026/11/2 下午 02:31:00`. Full-width digits and colons are
 * folded first (NFKC). A date alone has `time` null. Null when it is none of these or not a real
 * date (2026-02-30) or time (25:00).
 */
export function parseWallTime(value: string): WallTime | null {
  const text = value.normalize("NFKC").trim().replace(/\s+/g, " ");
  const m = DATE_TIME.exec(text);
  if (!m) return null;
  let year = Number(m[1]);
  if (m[1].length <= 3) year += 1911;
  else if (m[1].length !== 4) return null;
  const month = Number(m[2]);
  const day = Number(m[3]);
  const utc = new Date(Date.UTC(year, month - 1, day));
  if (utc.getUTCFullYear() !== year || utc.getUTCMonth() !== month - 1 || utc.getUTCDate() !== day) return null;
  const date = `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  if (m[5] === undefined) return { date, time: null };
  if (m[4] && m[8]) return null;
  const time = clockTime(Number(m[5]), Number(m[6]), Number(m[7] ?? 0), m[4] ?? m[8]);
  return time ? { date, time } : null;
}

/** A time alone (`08:31`, `下午 2:05`), as `HH:mm:ss`, or null. */
export function parseClockTime(value: string): string | null {
  const m = TIME_ONLY.exec(value.normalize("NFKC").trim().replace(/\s+/g, " "));
  if (!m || (m[1] && m[5])) return null;
  return clockTime(Number(m[2]), Number(m[3]), Number(m[4] ?? 0), m[1] ?? m[5]);
}

/**
 * Counter cells come as `3`, `03`, `第3櫃台`, `3號櫃台` or a name (自然人憑證櫃台): a number in any of
 * those wrappers folds to the bare number, anything else to its folded text.
 */
export function foldCounter(value: string): string {
  const text = value.normalize("NFKC").replace(/臺|檯/g, "台").replace(/\s+/g, "");
  const m = /^第?0*(\d+)號?(?:櫃台|窗口)?$/.exec(text);
  if (m) return m[1] === "" ? "0" : m[1];
  return text.toLowerCase();
}

/** Staff numbers: NFKC, no spaces, upper case (fb010 and ＦＢ０１０ are FB010). */
export function foldStaff(value: string): string {
  return value.normalize("NFKC").replace(/\s+/g, "").toUpperCase();
}

/** Case types: NFKC, no spaces, 臺 → 台 (身分證換補 and 身分證 換補 are one type). */
export function foldCaseType(value: string): string {
  return value.normalize("NFKC").replace(/\s+/g, "").replace(/臺/g, "台");
}

// ------------------------------------------------------------------------------ records

/** What the office has: the checks refuse anything else. Values are stored in these spellings. */
export interface KnownValues {
  /** Office code in the idempotency key (府北 → e.g. `FB`); keys of two offices never collide. */
  officeCode: string;
  counters: readonly string[];
  staff: readonly string[];
  caseTypes: readonly string[];
}

export interface QueueRecord {
  /** Line of the file the record starts on. */
  line: number;
  /**
   * `office|ticket date|ticket`, with `#2`, `#3` … for the later segments of a transferred ticket.
   * The server stores it under a unique constraint and inserts with `on conflict do nothing`, so
   * importing the same file (or an overlapping export) again adds nothing.
   */
  key: string;
  ticket: string;
  /** The Taipei date the ticket was taken, `YYYY-MM-DD` (ticket numbers restart every day). */
  ticketDate: string;
  /** 1 for the ticket's first service, 2 after one transfer, … */
  segment: number;
  counter: string;
  /** Null only for a no-show the file names no clerk for. */
  staff: string | null;
  /** Null only for a no-show without a case type. */
  caseType: string | null;
  ticketAt: Date;
  calledAt: Date | null;
  startedAt: Date | null;
  endedAt: Date | null;
  outcome: QueueOutcome;
}

export interface LineError {
  line: number;
  /** The field the message is about; null for the whole line. */
  field: QueueField | null;
  message: string;
}

export interface DuplicateLine {
  line: number;
  /** The earlier line it repeats. */
  firstLine: number;
  key: string;
}

export interface QueueCsvResult {
  /** The valid records, in file order. */
  records: QueueRecord[];
  errors: LineError[];
  /**
   * Lines that repeat an earlier line of the same file exactly (same ticket, times and all), as
   * when two overlapping exports are pasted together. They are skipped, not errors. A line that
   * reuses a ticket number with different content is an error instead.
   */
  duplicates: DuplicateLine[];
  /** Data lines read (not counting the header or blank lines). */
  linesRead: number;
}

const clockFormatter = new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Taipei", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" });
/** Taipei wall-clock time for messages (the line already shows the date). */
const fmtTime = (d: Date) => clockFormatter.format(d);

/**
 * Reads an export with the office's mapping and known values. Every data line is checked and
 * every problem reported with its line number; a line with any problem yields no record. The
 * preview shows `errors`; the server imports `records` (all of them, or nothing when the user
 * chooses all-or-nothing and `errors` is not empty).
 *
 * Rules per line, by outcome:
 * - every line: ticket number, a valid 取號時間, and a known counter;
 * - served and transferred: known staff number and case type, valid start and end, end ≥ start;
 * - no-show: staff and case type are checked when given (the clerk who called), times may be empty;
 * - when given: 叫號 ≥ 取號, 開始 ≥ 叫號 (or ≥ 取號 without a call time);
 * - time-only cells (`08:31`) take the date of 取號時間.
 */
export function parseQueueCsv(text: string, mapping: ColumnMapping, known: KnownValues): QueueCsvResult {
  const rows = parseCsvRows(text);
  const result: QueueCsvResult = { records: [], errors: [], duplicates: [], linesRead: 0 };
  if (rows.length === 0) {
    result.errors.push({ line: 1, field: null, message: "檔案是空的，沒有標題列。" });
    return result;
  }
  const [header, ...data] = rows;
  const headers = header.fields.map((h) => h.trim());
  const mappingErrors = validateMapping(mapping, headers);
  if (mappingErrors.length > 0) {
    result.errors.push(...mappingErrors.map((message) => ({ line: header.line, field: null, message })));
    return result;
  }
  const column = Object.fromEntries(
    QUEUE_FIELDS.filter((f) => mapping[f]?.trim()).map((f) => [f, headers.indexOf(mapping[f]!.trim())]),
  ) as Partial<Record<QueueField, number>>;

  const counters = new Map(known.counters.map((c) => [foldCounter(c), c]));
  const staffNumbers = new Map(known.staff.map((s) => [foldStaff(s), s]));
  const caseTypes = new Map(known.caseTypes.map((c) => [foldCaseType(c), c]));

  // Per ticket of a day: the lines seen so far (for duplicates and transfer chains).
  const byTicket = new Map<string, { line: number; signature: string; outcome: QueueOutcome | null }[]>();

  for (const row of data) {
    result.linesRead++;
    const errors: LineError[] = [];
    const fail = (field: QueueField | null, message: string) => errors.push({ line: row.line, field, message });
    if (row.fields.length !== headers.length) {
      fail(null, `本行有 ${row.fields.length} 欄，標題列有 ${headers.length} 欄；請檢查引號或逗號。`);
      result.errors.push(...errors);
      continue;
    }
    const cell = (f: QueueField) => (column[f] === undefined ? "" : row.fields[column[f]!].trim());
    const missing = (f: QueueField) => fail(f, `缺少${QUEUE_FIELD_LABELS[f]}。`);

    const ticket = cell("ticket").normalize("NFKC").toUpperCase();
    if (!ticket) missing("ticket");

    let ticketWall: WallTime | null = null;
    const ticketText = cell("ticketAt");
    if (!ticketText) missing("ticketAt");
    else {
      ticketWall = parseWallTime(ticketText);
      if (!ticketWall || !ticketWall.time) {
        fail("ticketAt", `取號時間「${ticketText}」不是有效的日期時間（例：2026-11-02 08:31 或 115/11/02 08:31）。`);
        ticketWall = null;
      }
    }
    const ticketAt = ticketWall ? taipeiInstant(ticketWall.date, ticketWall.time!) : null;

    const time = (f: "calledAt" | "startedAt" | "endedAt"): Date | null => {
      const t = cell(f);
      if (!t) return null;
      const wall = parseWallTime(t);
      if (wall?.time) return taipeiInstant(wall.date, wall.time);
      const clock = wall ? null : parseClockTime(t);
      if (clock && ticketWall) return taipeiInstant(ticketWall.date, clock);
      if (clock && !ticketWall) return null; // reported with the ticket time
      fail(f, `${QUEUE_FIELD_LABELS[f]}「${t}」不是有效的日期時間。`);
      return null;
    };
    const calledAt = time("calledAt");
    const startedAt = time("startedAt");
    const endedAt = time("endedAt");

    let outcome: QueueOutcome | null;
    const outcomeText = cell("outcome");
    if (outcomeText) {
      outcome = parseOutcome(outcomeText);
      if (!outcome) fail("outcome", `處理結果「${outcomeText}」無法辨識（可用：完成／已服務、未到／過號、轉櫃）。`);
    } else outcome = errors.some((e) => e.field === "startedAt" || e.field === "endedAt") ? null : inferOutcome({ startedAt, endedAt });
    const served = outcome !== "no_show";

    const counterText = cell("counter");
    const counter = counterText ? counters.get(foldCounter(counterText)) : undefined;
    if (!counterText) missing("counter");
    else if (!counter) fail("counter", `櫃台「${counterText}」不是本所的櫃台。`);

    const staffText = cell("staff");
    const staff = staffText ? staffNumbers.get(foldStaff(staffText)) : undefined;
    if (!staffText) {
      if (served) missing("staff");
    } else if (!staff) fail("staff", `承辦人員編號「${staffText}」不是本所的員工編號。`);

    const caseText = cell("caseType");
    const caseType = caseText ? caseTypes.get(foldCaseType(caseText)) : undefined;
    if (!caseText) {
      if (served) missing("caseType");
    } else if (!caseType) fail("caseType", `案件類別「${caseText}」不在本所的案件類別中。`);

    if (served && outcome) {
      if (!cell("startedAt")) missing("startedAt");
      if (!cell("endedAt")) missing("endedAt");
    }
    if (ticketAt && calledAt && calledAt < ticketAt) fail("calledAt", `叫號時間（${fmtTime(calledAt)}）早於取號時間（${fmtTime(ticketAt)}）。`);
    const before = calledAt ?? ticketAt;
    if (before && startedAt && startedAt < before) {
      fail("startedAt", `開始服務時間（${fmtTime(startedAt)}）早於${calledAt ? "叫號" : "取號"}時間（${fmtTime(before)}）。`);
    }
    if (startedAt && endedAt && endedAt < startedAt) fail("endedAt", `結束服務時間（${fmtTime(endedAt)}）早於開始服務時間（${fmtTime(startedAt)}）。`);

    // Duplicates and transfer chains, once the ticket and its date are known.
    let segment = 1;
    if (ticket && ticketWall) {
      const dayTicket = `${ticketWall.date}|${ticket}`;
      const signature = row.fields.map((f) => f.trim()).join("\u0000");
      const seen = byTicket.get(dayTicket) ?? [];
      const same = seen.find((s) => s.signature === signature);
      if (same) {
        result.duplicates.push({ line: row.line, firstLine: same.line, key: `${known.officeCode}|${dayTicket}` });
        continue;
      }
      const last = seen[seen.length - 1];
      if (last && last.outcome !== "transferred") {
        fail("ticket", `號碼牌 ${ticket}（${ticketWall.date}）在第 ${last.line} 行已出現，且該行不是轉櫃；同日號碼不能重複。`);
      }
      segment = seen.length + 1;
      seen.push({ line: row.line, signature, outcome });
      byTicket.set(dayTicket, seen);
    }

    if (errors.length > 0 || !ticketAt || !ticketWall || !outcome || !counter) {
      result.errors.push(...errors);
      continue;
    }
    result.records.push({
      line: row.line,
      key: `${known.officeCode}|${ticketWall.date}|${ticket}${segment > 1 ? `#${segment}` : ""}`,
      ticket,
      ticketDate: ticketWall.date,
      segment,
      counter,
      staff: staff ?? null,
      caseType: caseType ?? null,
      ticketAt,
      calledAt,
      startedAt,
      endedAt,
      outcome,
    });
  }
  return result;
}

/**
 * The records a second import would add: those whose key is not stored yet. The server does the
 * same with `on conflict (key) do nothing`; this is what the preview counts as "new".
 */
export function newRecords<R extends { key: string }>(records: readonly R[], storedKeys: ReadonlySet<string>): R[] {
  return records.filter((r) => !storedKeys.has(r.key));
}
