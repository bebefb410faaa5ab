import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  foldCounter,
  guessMapping,
  inferOutcome,
  newRecords,
  parseClockTime,
  parseCsvRows,
  parseOutcome,
  parseQueueCsv,
  parseWallTime,
  validateMapping,
  type ColumnMapping,
  type KnownValues,
} from "./queue-csv";

describe("parseCsvRows (RFC 4180)", () => {
  it("reads quoted commas, doubled quotes and quoted line breaks, with the line each row starts on", () => {
    const text = 'a,b,c\r\n1,"x, y","say ""hi"""\r\n2,"two\r\nlines",z\r\n3,,\r\n';
    expect(parseCsvRows(text)).toEqual([
      { line: 1, fields: ["a", "b", "c"] },
      { line: 2, fields: ["1", "x, y", 'say "hi"'] },
      { line: 3, fields: ["2", "two\nlines", "z"] },
      { line: 5, fields: ["3", "", ""] },
    ]);
  });

  it("strips a UTF-8 BOM and accepts LF, CR and no final line end", () => {
    expect(parseCsvRows("\ufeff號碼,櫃台\n1,2\r3,4")).toEqual([
      { line: 1, fields: ["號碼", "櫃台"] },
      { line: 2, fields: ["1", "2"] },
      { line: 3, fields: ["3", "4"] },
    ]);
  });

  it("skips blank lines but keeps a row of one empty quoted field", () => {
    expect(parseCsvRows("a\n\n\nb\n\"\"\n")).toEqual([
      { line: 1, fields: ["a"] },
      { line: 4, fields: ["b"] },
      { line: 5, fields: [""] },
    ]);
  });

  it("keeps a stray quote inside an unquoted field as text", () => {
    expect(parseCsvRows('a,5"x\n')).toEqual([{ line: 1, fields: ["a", '5"x'] }]);
  });

  it("an empty file has no rows", () => {
    expect(parseCsvRows("")).toEqual([]);
    expect(parseCsvRows("\ufeff")).toEqual([]);
  });
});

describe("guessMapping", () => {
  it.each([
    [
      ["號碼", "櫃台", "承辦人員編號", "承辦人姓名", "案件類別", "取號時間", "叫號時間", "開始服務時間", "結束服務時間", "狀態", "備註"],
      { ticket: "號碼", counter: "櫃台", staff: "承辦人員編號", caseType: "案件類別", ticketAt: "取號時間", calledAt: "叫號時間", startedAt: "開始服務時間", endedAt: "結束服務時間", outcome: "狀態" },
    ],
    [
      ["票號", "櫃臺", "員工編號", "業務", "取號", "叫號", "開始服務", "結束服務", "結果"],
      { ticket: "票號", counter: "櫃臺", staff: "員工編號", caseType: "業務", ticketAt: "取號", calledAt: "叫號", startedAt: "開始服務", endedAt: "結束服務", outcome: "結果" },
    ],
    [
      ["Ticket No", "Counter", "Staff ID", "Service", "Ticket Time", "Call Time", "Start Time", "End Time", "Status"],
      { ticket: "Ticket No", counter: "Counter", staff: "Staff ID", caseType: "Service", ticketAt: "Ticket Time", calledAt: "Call Time", startedAt: "Start Time", endedAt: "End Time", outcome: "Status" },
    ],
    // Full-width letters of a Big5-era export, and headers with units in brackets.
    [
      ["號碼牌", "櫃台號碼", "承辦人", "案件種類", "取號時間（時:分）", "開始服務時間（時:分）", "結束服務時間（時:分）"],
      { ticket: "號碼牌", counter: "櫃台號碼", staff: "承辦人", caseType: "案件種類", ticketAt: "取號時間（時:分）", startedAt: "開始服務時間（時:分）", endedAt: "結束服務時間（時:分）" },
    ],
  ])("%j", (headers, mapping) => {
    expect(guessMapping(headers)).toEqual(mapping);
  });

  it("prefers the staff number to the clerk's name and leaves unknown columns out", () => {
    expect(guessMapping(["承辦人姓名", "承辦人", "備註"])).toEqual({ staff: "承辦人" });
    expect(guessMapping(["承辦人", "員工編號"])).toEqual({ staff: "員工編號" });
    expect(guessMapping(["Calendar", "備註"])).toEqual({});
  });
});

describe("validateMapping", () => {
  const headers = ["號碼", "櫃台", "員工", "類別", "取號", "開始", "結束"];
  const ok: ColumnMapping = { ticket: "號碼", counter: "櫃台", staff: "員工", caseType: "類別", ticketAt: "取號", startedAt: "開始", endedAt: "結束" };
  it("accepts a complete mapping without call time or outcome", () => {
    expect(validateMapping(ok, headers)).toEqual([]);
  });
  it("names missing fields, absent headers and doubly used headers", () => {
    expect(validateMapping({ ...ok, counter: undefined, outcome: "狀態", endedAt: "開始" }, headers)).toEqual([
      "請指定「櫃台」對應的欄位。",
      "「開始」欄位不能同時對應「開始服務時間」和「結束服務時間」。",
      "檔案中沒有「狀態」欄位（處理結果）。",
    ]);
  });
});

describe("values", () => {
  it.each([
    ["2026-11-02 08:31", { date: "2026-11-02", time: "08:31:00" }],
    ["2026/11/2 8:31:05", { date: "2026-11-02", time: "08:31:05" }],
    ["2026-11-02T08:31", { date: "2026-11-02", time: "08:31:00" }],
    ["115/11/02 08:31", { date: "2026-11-02", time: "08:31:00" }],
    ["民國115年11月2日 08:31", { date: "2026-11-02", time: "08:31:00" }],
    ["２０２６／１１／０２　０８：３１", { date: "2026-11-02", time: "08:31:00" }],
    ["2026/11/2 下午 02:31:00", { date: "2026-11-02", time: "14:31:00" }],
    ["2026/11/2 上午 12:05:00", { date: "2026-11-02", time: "00:05:00" }],
    ["2026/11/2 2:31 PM", { date: "2026-11-02", time: "14:31:00" }],
    ["2026-11-02", { date: "2026-11-02", time: null }],
    ["2026-02-30 08:00", null],
    ["2026-11-02 25:00", null],
    ["2026/11/2 下午 13:00", null],
    ["08:31", null],
    ["yesterday", null],
  ])("parseWallTime(%j)", (text, expected) => {
    expect(parseWallTime(text)).toEqual(expected);
  });

  it("reads a time alone", () => {
    expect(parseClockTime("8:31")).toBe("08:31:00");
    expect(parseClockTime("下午 2:05")).toBe("14:05:00");
    expect(parseClockTime("2026-11-02 08:31")).toBeNull();
  });

  it.each([
    ["完成", "served"],
    ["已服務", "served"],
    ["Completed", "served"],
    ["未到", "no_show"],
    ["過號", "no_show"],
    ["No Show", "no_show"],
    ["轉櫃", "transferred"],
    ["轉櫃台", "transferred"],
    ["transferred", "transferred"],
    ["取消", null],
  ] as const)("outcome %s → %s", (text, outcome) => {
    expect(parseOutcome(text)).toBe(outcome);
  });

  it("infers served from the times and no-show without them", () => {
    const t = new Date();
    expect(inferOutcome({ startedAt: t, endedAt: t })).toBe("served");
    expect(inferOutcome({ startedAt: null, endedAt: null })).toBe("no_show");
  });

  it.each([
    ["3", "3"],
    ["03", "3"],
    ["第3櫃台", "3"],
    ["３號櫃臺", "3"],
    ["自然人憑證櫃臺", "自然人憑證櫃台"],
  ])("counter %s folds to %s", (text, folded) => {
    expect(foldCounter(text)).toBe(folded);
  });
});

const known: KnownValues = {
  officeCode: "FB",
  counters: ["1", "2", "3", "15"],
  staff: ["FB010", "FB011", "FB012"],
  caseTypes: ["戶籍謄本", "遷徙登記", "身分證換補", "自然人憑證"],
};
const HEADER = "號碼,櫃台,員工編號,案件類別,取號時間,叫號時間,開始服務,結束服務,狀態";
const mapping = guessMapping(HEADER.split(","));
const csv = (...lines: string[]) => [HEADER, ...lines].join("\r\n") + "\r\n";

describe("parseQueueCsv", () => {
  it("reads a good line into a record with Taipei instants and the idempotency key", () => {
    const result = parseQueueCsv(csv("A001,01,fb010,戶籍謄本,115/11/02 08:31,115/11/02 08:35,115/11/02 08:36,115/11/02 08:40,完成"), mapping, known);
    expect(result.errors).toEqual([]);
    expect(result.duplicates).toEqual([]);
    expect(result.linesRead).toBe(1);
    expect(result.records).toEqual([
      {
        line: 2,
        key: "FB|2026-11-02|A001",
        ticket: "A001",
        ticketDate: "2026-11-02",
        segment: 1,
        counter: "1",
        staff: "FB010",
        caseType: "戶籍謄本",
        ticketAt: new Date("2026-11-02T00:31:00Z"),
        calledAt: new Date("2026-11-02T00:35:00Z"),
        startedAt: new Date("2026-11-02T00:36:00Z"),
        endedAt: new Date("2026-11-02T00:40:00Z"),
        outcome: "served",
      },
    ]);
  });

  it("time-only cells take the ticket's date", () => {
    const { records, errors } = parseQueueCsv(csv("A001,1,FB010,戶籍謄本,2026-11-02 08:31,08:35,08:36,08:40,完成"), mapping, known);
    expect(errors).toEqual([]);
    expect(records[0].endedAt).toEqual(new Date("2026-11-02T00:40:00Z"));
  });

  it.each([
    ["A001,99,FB010,戶籍謄本,2026-11-02 08:31,2026-11-02 08:35,2026-11-02 08:36,2026-11-02 08:40,完成", "counter", "櫃台「99」不是本所的櫃台。"],
    ["A001,1,FB999,戶籍謄本,2026-11-02 08:31,2026-11-02 08:35,2026-11-02 08:36,2026-11-02 08:40,完成", "staff", "承辦人員編號「FB999」不是本所的員工編號。"],
    ["A001,1,FB010,戶政規費,2026-11-02 08:31,2026-11-02 08:35,2026-11-02 08:36,2026-11-02 08:40,完成", "caseType", "案件類別「戶政規費」不在本所的案件類別中。"],
    ["A001,1,FB010,戶籍謄本,2026-11-02 08:31,2026-11-02 08:35,2026-11-02 08:46,2026-11-02 08:40,完成", "endedAt", "結束服務時間（08:40:00）早於開始服務時間（08:46:00）。"],
    ["A001,1,FB010,戶籍謄本,2026-11-02 08:31,2026-11-02 08:25,2026-11-02 08:36,2026-11-02 08:40,完成", "calledAt", "叫號時間（08:25:00）早於取號時間（08:31:00）。"],
    ["A001,1,FB010,戶籍謄本,2026-11-02 08:31,2026-11-02 08:35,2026-11-02 08:33,2026-11-02 08:40,完成", "startedAt", "開始服務時間（08:33:00）早於叫號時間（08:35:00）。"],
    [",1,FB010,戶籍謄本,2026-11-02 08:31,2026-11-02 08:35,2026-11-02 08:36,2026-11-02 08:40,完成", "ticket", "缺少號碼牌。"],
    ["A001,1,FB010,戶籍謄本,,2026-11-02 08:35,2026-11-02 08:36,2026-11-02 08:40,完成", "ticketAt", "缺少取號時間。"],
    ["A001,1,FB010,戶籍謄本,2026-11-02 08:31,2026-11-02 08:35,2026-11-02 08:36,,完成", "endedAt", "缺少結束服務時間。"],
    ["A001,1,,戶籍謄本,2026-11-02 08:31,2026-11-02 08:35,2026-11-02 08:36,2026-11-02 08:40,完成", "staff", "缺少承辦人員編號。"],
    ["A001,1,FB010,戶籍謄本,2026-13-02 08:31,,2026-11-02 08:36,2026-11-02 08:40,完成", "ticketAt", "取號時間「2026-13-02 08:31」不是有效的日期時間（例：2026-11-02 08:31 或 115/11/02 08:31）。"],
    ["A001,1,FB010,戶籍謄本,2026-11-02 08:31,,2026-11-02 08:36,2026-11-02 08:40,取消", "outcome", "處理結果「取消」無法辨識（可用：完成／已服務、未到／過號、轉櫃）。"],
  ])("%s → %s", (line, field, message) => {
    const result = parseQueueCsv(csv(line), mapping, known);
    expect(result.records).toEqual([]);
    expect(result.errors).toEqual([{ line: 2, field, message }]);
  });

  it("reports every problem of a line, and a short line once", () => {
    const result = parseQueueCsv(csv("A001,99,FB999,戶籍謄本,2026-11-02 08:31,,2026-11-02 08:36,2026-11-02 08:30,完成", "A002,1,FB010"), mapping, known);
    expect(result.errors.map((e) => [e.line, e.field])).toEqual([
      [2, "counter"],
      [2, "staff"],
      [2, "endedAt"],
      [3, null],
    ]);
    expect(result.errors[3].message).toBe("本行有 3 欄，標題列有 9 欄；請檢查引號或逗號。");
  });

  it("a no-show needs no staff, case type or service times; the outcome may be inferred", () => {
    const m: ColumnMapping = { ...mapping, outcome: undefined };
    const text = ["號碼,櫃台,員工編號,案件類別,取號時間,叫號時間,開始服務,結束服務", "A001,2,,,2026-11-02 08:31,2026-11-02 08:35,,", "A002,2,FB011,遷徙登記,2026-11-02 08:32,2026-11-02 08:37,2026-11-02 08:38,2026-11-02 08:50"].join("\n");
    const { records, errors } = parseQueueCsv(text, m, known);
    expect(errors).toEqual([]);
    expect(records.map((r) => [r.ticket, r.outcome, r.staff, r.caseType])).toEqual([
      ["A001", "no_show", null, null],
      ["A002", "served", "FB011", "遷徙登記"],
    ]);
  });

  it("a transferred ticket's later segments get their own key", () => {
    const { records, errors } = parseQueueCsv(
      csv(
        "A007,2,FB011,遷徙登記,2026-11-02 09:00,2026-11-02 09:05,2026-11-02 09:06,2026-11-02 09:09,轉櫃",
        "A007,15,FB012,自然人憑證,2026-11-02 09:00,2026-11-02 09:12,2026-11-02 09:13,2026-11-02 09:20,完成",
      ),
      mapping,
      known,
    );
    expect(errors).toEqual([]);
    expect(records.map((r) => [r.key, r.segment, r.outcome])).toEqual([
      ["FB|2026-11-02|A007", 1, "transferred"],
      ["FB|2026-11-02|A007#2", 2, "served"],
    ]);
  });

  it("a repeated line is a duplicate, skipped; a reused ticket number with other content is an error", () => {
    const line = "A001,1,FB010,戶籍謄本,2026-11-02 08:31,2026-11-02 08:35,2026-11-02 08:36,2026-11-02 08:40,完成";
    const result = parseQueueCsv(
      csv(line, line, "A001,2,FB011,戶籍謄本,2026-11-02 08:31,2026-11-02 08:35,2026-11-02 08:36,2026-11-02 08:41,完成", "A001,1,FB010,戶籍謄本,2026-11-03 08:31,2026-11-03 08:35,2026-11-03 08:36,2026-11-03 08:40,完成"),
      mapping,
      known,
    );
    expect(result.duplicates).toEqual([{ line: 3, firstLine: 2, key: "FB|2026-11-02|A001" }]);
    expect(result.errors).toEqual([{ line: 4, field: "ticket", message: "號碼牌 A001（2026-11-02）在第 2 行已出現，且該行不是轉櫃；同日號碼不能重複。" }]);
    // The same number on another day is another ticket.
    expect(result.records.map((r) => r.key)).toEqual(["FB|2026-11-02|A001", "FB|2026-11-03|A001"]);
  });

  it("refuses a file whose mapping does not fit, at the header line", () => {
    expect(parseQueueCsv("\ufeff號碼,櫃台\r\nA001,1\r\n", mapping, known)).toEqual({
      records: [],
      duplicates: [],
      linesRead: 0,
      errors: expect.arrayContaining([{ line: 1, field: null, message: "檔案中沒有「員工編號」欄位（承辦人員編號）。" }]),
    });
    expect(parseQueueCsv("", mapping, known).errors).toEqual([{ line: 1, field: null, message: "檔案是空的，沒有標題列。" }]);
  });
});

describe("the sample export (tests/fixtures/queue-sample.csv)", () => {
  const text = readFileSync(path.join(import.meta.dirname, "../../../tests/fixtures/queue-sample.csv"), "utf8");
  const sampleKnown: KnownValues = {
    officeCode: "FB",
    counters: Array.from({ length: 15 }, (_, i) => String(i + 1)),
    staff: Array.from({ length: 30 }, (_, i) => `FB${String(10 + i).padStart(3, "0")}`),
    caseTypes: ["出生登記", "遷徙登記", "戶籍謄本", "身分證換補", "印鑑證明", "自然人憑證", "結婚登記", "死亡登記", "戶口名簿", "離婚登記", "分(合)戶登記"],
  };
  const sampleMapping = guessMapping(parseCsvRows(text)[0].fields);
  const result = parseQueueCsv(text, sampleMapping, sampleKnown);

  it("maps every field from its headers", () => {
    expect(Object.keys(sampleMapping).sort()).toEqual(["calledAt", "caseType", "counter", "endedAt", "outcome", "staff", "startedAt", "ticket", "ticketAt"]);
  });

  it("has its four deliberately bad lines, and nothing else wrong", () => {
    expect(result.errors.map((e) => [e.line, e.field])).toEqual([
      [50, "counter"],
      [145, "endedAt"],
      [242, "staff"],
      [359, "calledAt"],
    ]);
    expect(result.errors.map((e) => e.message)).toContain("櫃台「99」不是本所的櫃台。");
    expect(result.errors.map((e) => e.message)).toContain("承辦人員編號「FB999」不是本所的員工編號。");
    expect(result.linesRead).toBe(584);
    expect(result.records).toHaveLength(580);
    expect(result.duplicates).toEqual([]);
  });

  it("covers a month of working days with no-shows and transfers", () => {
    const days = new Set(result.records.map((r) => r.ticketDate));
    expect(days.size).toBe(21);
    expect([...days].every((d) => d.startsWith("2026-11-"))).toBe(true);
    expect(result.records.filter((r) => r.outcome === "no_show").length).toBeGreaterThan(5);
    expect(result.records.filter((r) => r.outcome === "transferred").length).toBeGreaterThan(3);
  });

  it("importing the same file twice adds nothing", () => {
    const stored = new Set(result.records.map((r) => r.key));
    expect(stored.size).toBe(result.records.length);
    expect(newRecords(parseQueueCsv(text, sampleMapping, sampleKnown).records, stored)).toEqual([]);
  });
});
