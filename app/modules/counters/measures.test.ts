import { describe, expect, it } from "vitest";
import {
  caseTypeInForce,
  measureCounters,
  measureOffice,
  measureStaff,
  percentile,
  staffedDays,
  staffedHoursOfDay,
  validateCaseTypeVersions,
  waitingMeasures,
  type CaseTypeVersion,
  type MeasureInput,
  type ServiceRecord,
} from "./measures";
import { parsePeriodKey, taipeiInstant } from "./periods";
import type { QueueOutcome } from "./queue-csv";

const at = (date: string, time: string | null) => (time ? taipeiInstant(date, time) : null);
function rec(
  staff: string | null,
  counter: string,
  caseType: string | null,
  date: string,
  [ticket, called, start, end]: [string, string | null, string | null, string | null],
  outcome: QueueOutcome = "served",
  segment = 1,
): ServiceRecord {
  return { staff, counter, caseType, ticketDate: date, segment, ticketAt: at(date, ticket)!, calledAt: at(date, called), startedAt: at(date, start), endedAt: at(date, end), outcome };
}

const CASE_TYPES: CaseTypeVersion[] = [
  { caseType: "戶籍謄本", effectiveFrom: "2026-01-01", weight: 1, standardMinutes: 5 },
  { caseType: "遷徙登記", effectiveFrom: "2026-01-01", weight: 3, standardMinutes: 15 },
  // From 16 November 遷徙登記 weighs more and has a shorter standard (a new form).
  { caseType: "遷徙登記", effectiveFrom: "2026-11-16", weight: 4, standardMinutes: 12 },
];

describe("caseTypeInForce", () => {
  it.each([
    ["2025-12-31", null],
    ["2026-01-01", 3],
    ["2026-11-15", 3],
    ["2026-11-16", 4],
    ["2027-06-01", 4],
  ])("遷徙登記 on %s weighs %s", (date, weight) => {
    expect(caseTypeInForce(CASE_TYPES, "遷徙登記", date)?.weight ?? null).toBe(weight);
  });

  it("validates the table", () => {
    expect(validateCaseTypeVersions(CASE_TYPES)).toEqual([]);
    expect(
      validateCaseTypeVersions([
        { caseType: "出生登記", effectiveFrom: "2026-02-30", weight: 0, standardMinutes: 15 },
        { caseType: "戶籍謄本", effectiveFrom: "2026-01-01", weight: 1, standardMinutes: 5 },
        { caseType: "戶籍謄本", effectiveFrom: "2026-01-01", weight: 2, standardMinutes: 0 },
      ]),
    ).toEqual([
      "「出生登記」的生效日「2026-02-30」不是有效日期。",
      "「出生登記」的權重必須大於 0。",
      "「戶籍謄本」的標準作業時間必須大於 0 分鐘。",
      "「戶籍謄本」在 2026-01-01 有兩個版本。",
    ]);
  });
});

describe("staffedHoursOfDay: first start to last end, minus idle gaps over 60 minutes", () => {
  const d = "2026-11-02";
  const iv = (from: string, to: string) => ({ start: taipeiInstant(d, from), end: taipeiInstant(d, to) });
  it.each([
    ["nothing", [], 0],
    ["one case of 30 minutes", [iv("08:10", "08:40")], 0.5],
    ["a 60-minute gap is staffed (waiting for the next citizen)", [iv("08:00", "08:30"), iv("09:30", "10:00")], 2],
    ["a 61-minute gap is not", [iv("08:00", "08:30"), iv("09:31", "10:00")], 0.5 + 29 / 60],
    ["lunch is removed whole", [iv("08:00", "12:00"), iv("13:30", "17:00")], 7.5],
    ["overlaps merge", [iv("09:00", "09:40"), iv("09:10", "09:20"), iv("09:30", "10:00")], 1],
    ["order does not matter", [iv("13:00", "14:00"), iv("08:00", "09:00")], 2],
    ["an end before its start is ignored", [iv("09:00", "08:00")], 0],
  ])("%s", (_, intervals, hours) => {
    expect(staffedHoursOfDay(intervals)).toBeCloseTo(hours, 9);
  });

  it("the gap limit is configurable", () => {
    expect(staffedHoursOfDay([iv("08:00", "08:30"), iv("09:00", "09:30")], 20)).toBe(1);
  });
});

describe("percentile (nearest rank) and waiting", () => {
  it.each([
    [[], 90, null],
    [[7], 90, 7],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90, 9],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 90, 10],
    [[5, 9, 10, 15, 25], 50, 10],
  ])("%j p%i = %s", (values, p, expected) => {
    expect(percentile(values, p)).toBe(expected);
  });
});

// Hand-computed month (numbers in the comments are the expected figures).
const NOV = parsePeriodKey("2026-11")!;
const records: ServiceRecord[] = [
  // FB010 at counter 1 on 2 Nov: 08:10–08:40 (30 min), lunch gap of 260 min removed, 13:00–14:00 (60 min) → 1.5 h.
  rec("FB010", "1", "戶籍謄本", "2026-11-02", ["08:00", "08:09", "08:10", "08:16"]), // wait 9, 6 of 5 min
  rec("FB010", "1", "遷徙登記", "2026-11-02", ["08:05", "08:20", "08:22", "08:40"]), // wait 15, 18 of 15 min, weight 3
  rec("FB010", "1", "戶籍謄本", "2026-11-02", ["12:50", "13:00", "13:00", "13:04"]), // wait 10, 4 of 5
  rec("FB010", "1", "戶籍謄本", "2026-11-02", ["13:00", "13:10", null, null], "no_show"),
  rec("FB010", "1", "戶籍謄本", "2026-11-02", ["13:20", "13:45", "13:48", "14:00"]), // wait 25, 12 of 5
  // FB010 on 20 Nov: the new 遷徙登記 version (weight 4, 12 min); 0.2 h from records, set to 0.5 h by hand.
  rec("FB010", "1", "遷徙登記", "2026-11-20", ["09:00", "09:05", "09:06", "09:18"]), // wait 5, 12 of 12
  // FB011 transfers a ticket to counter 15, where FB012 finishes it (自然人憑證 has no weight yet).
  rec("FB011", "2", "遷徙登記", "2026-11-02", ["09:00", "09:30", "09:31", "09:35"], "transferred"), // wait 30
  rec("FB012", "15", "自然人憑證", "2026-11-02", ["09:00", "09:40", "09:41", "09:49"], "served", 2),
  // Outside November.
  rec("FB010", "1", "戶籍謄本", "2026-12-01", ["08:00", "08:01", "08:02", "08:07"]),
];
const input: MeasureInput = {
  records,
  caseTypes: CASE_TYPES,
  dailyTotals: [{ date: "2026-11-05", staff: "FB013", counter: "3", caseType: "戶籍謄本", served: 20 }],
  adjustments: [
    { staff: "FB010", date: "2026-11-20", mode: "set", hours: 0.5, reason: "系統當機改人工登記" },
    { staff: "FB013", date: "2026-11-05", mode: "set", hours: 4, reason: "人工登錄" },
  ],
  corrections: [
    { staff: "FB010", date: "2026-11-02", counter: "1" },
    { staff: "FB010", date: "2026-11-20", count: 2 },
    { staff: "FB010", date: "2026-10-31" }, // another month's case
  ],
};

describe("measureStaff (hand-computed)", () => {
  const rows = measureStaff(input, NOV, ["FB020"]);
  const of = (staff: string) => rows.find((r) => r.staff === staff)!;

  it("lists everyone with activity, and the roster, by staff number", () => {
    expect(rows.map((r) => r.staff)).toEqual(["FB010", "FB011", "FB012", "FB013", "FB020"]);
  });

  it("FB010: 5 served, 10 weighted in 2 staffed hours, handling 52 of 42 standard minutes, 3 corrections", () => {
    expect(of("FB010")).toEqual({
      staff: "FB010",
      served: 5,
      weightedCases: 10, // 1 + 3 + 1 + 1 + 4 (the 20 Nov case takes the new weight)
      staffedHours: 2, // 1.5 + 0.5 (set by hand)
      staffedDays: 2,
      weightedPerHour: 5,
      handledCases: 5,
      handlingMinutes: 52,
      standardMinutes: 42, // 5 + 15 + 5 + 5 + 12
      handlingRatio: expect.closeTo(52 / 42, 9),
      meanHandlingMinutes: 10.4,
      noShows: 1,
      transfers: 0,
      corrections: 3,
      correctionRate: 0.6,
      unweightedCaseTypes: [],
    });
  });

  it("a transferred segment is work time but not a case; the finishing counter counts it", () => {
    expect(of("FB011")).toMatchObject({ served: 0, transfers: 1, weightedCases: 0, staffedHours: expect.closeTo(4 / 60, 9), weightedPerHour: 0, handlingRatio: null, correctionRate: null });
    expect(of("FB012")).toMatchObject({ served: 1, weightedCases: 1, unweightedCaseTypes: ["自然人憑證"], handledCases: 0, handlingRatio: null });
  });

  it("hand-entered totals count as cases; their hours come from the adjustment", () => {
    expect(of("FB013")).toMatchObject({ served: 20, weightedCases: 20, staffedHours: 4, staffedDays: 1, weightedPerHour: 5, handlingRatio: null });
  });

  it("a person on the roster with nothing gets zeros", () => {
    expect(of("FB020")).toMatchObject({ served: 0, staffedHours: 0, staffedDays: 0, weightedPerHour: null, correctionRate: null });
  });

  it("December is another period", () => {
    expect(measureStaff(input, parsePeriodKey("2026-12")!).map((r) => [r.staff, r.served])).toEqual([["FB010", 1]]);
  });

  it("a quarter includes the month", () => {
    const q = measureStaff(input, parsePeriodKey("2026-Q4")!).find((r) => r.staff === "FB010")!;
    expect([q.served, q.corrections]).toEqual([6, 4]);
  });
});

describe("staffedDays and adjustments", () => {
  it("shows records and adjusted hours per person and day", () => {
    expect(staffedDays(input, NOV).filter((d) => d.staff === "FB010")).toEqual([
      { staff: "FB010", date: "2026-11-02", fromRecords: 1.5, hours: 1.5, adjusted: false },
      { staff: "FB010", date: "2026-11-20", fromRecords: 0.2, hours: 0.5, adjusted: true },
    ]);
  });

  it("set applies before add, whatever the order; hours never go below 0", () => {
    const days = staffedDays({
      records: [],
      adjustments: [
        { staff: "FB010", date: "2026-11-03", mode: "add", hours: -1, reason: "支援後台" },
        { staff: "FB010", date: "2026-11-03", mode: "set", hours: 6, reason: "人工登錄" },
        { staff: "FB011", date: "2026-11-03", mode: "add", hours: -2, reason: "請假" },
      ],
    });
    expect(days.map((d) => [d.staff, d.hours])).toEqual([
      ["FB010", 5],
      ["FB011", 0],
    ]);
  });
});

describe("measureCounters and measureOffice: waiting time belongs to the queue", () => {
  const counters = measureCounters(input, NOV, ["1", "2", "3", "15", "14"]);
  const of = (c: string) => counters.find((r) => r.counter === c)!;

  it("lists counters in numeric order, idle ones with zeros", () => {
    expect(counters.map((c) => c.counter)).toEqual(["1", "2", "3", "14", "15"]);
    expect(of("14")).toMatchObject({ served: 0, staffedHours: 0, waiting: { tickets: 0, meanMinutes: null } });
  });

  it("counter 1: waits 5, 9, 10, 15, 25 minutes (the no-show left out); 15 is not over a 15-minute target", () => {
    expect(of("1").waiting).toEqual({ tickets: 5, meanMinutes: 12.8, medianMinutes: 10, p90Minutes: 25, maxMinutes: 25, targetMinutes: 15, overTarget: 1, overTargetShare: 0.2 });
    // A counter's hours come from its records only (1.5 + 0.2): a person's adjustment is about the person.
    expect(of("1")).toMatchObject({ served: 5, weightedCases: 10, staffedHours: 1.7, staffedDays: 2, corrections: 1, noShows: 1 });
  });

  it("a transferred ticket's wait counts once, at the first counter", () => {
    expect(of("2").waiting.tickets).toBe(1);
    expect(of("15").waiting.tickets).toBe(0);
    expect(of("3")).toMatchObject({ served: 20, weightedCases: 20 });
  });

  it("the office: waits 5, 9, 10, 15, 25, 30", () => {
    const office = measureOffice({ ...input, waitTargetMinutes: 20 }, NOV);
    expect(office.waiting).toEqual({ tickets: 6, meanMinutes: expect.closeTo(94 / 6, 9), medianMinutes: 12.5, p90Minutes: 30, maxMinutes: 30, targetMinutes: 20, overTarget: 2, overTargetShare: 2 / 6 });
    expect(office).toMatchObject({ served: 26, weightedCases: 31, staffedDays: 3, noShows: 1, transfers: 1, corrections: 3 });
    expect(office.staffedHours).toBeCloseTo(2 + 4 / 60 + 8 / 60 + 4, 9);
  });

  it("waitingMeasures of nothing", () => {
    expect(waitingMeasures([])).toEqual({ tickets: 0, meanMinutes: null, medianMinutes: null, p90Minutes: null, maxMinutes: null, targetMinutes: 15, overTarget: 0, overTargetShare: null });
  });
});

describe("hand-entered daily totals (手動登錄每日件數)", () => {
  // FB030 has no queue records: on 10 Nov 5 遷徙登記 (weight 3) + 4 戶籍謄本 (weight 1) at counter 7;
  // on 17 Nov 2 遷徙登記 (weight 4 from 16 Nov) at counter 7. An adjustment sets 3 h on 10 Nov only.
  const totals: MeasureInput = {
    records: [],
    caseTypes: CASE_TYPES,
    dailyTotals: [
      { date: "2026-11-10", staff: "FB030", counter: "7", caseType: "遷徙登記", served: 5 },
      { date: "2026-11-10", staff: "FB030", counter: "7", caseType: "戶籍謄本", served: 4 },
      { date: "2026-11-17", staff: "FB030", counter: "7", caseType: "遷徙登記", served: 2 },
      { date: "2026-12-01", staff: "FB030", counter: "7", caseType: "戶籍謄本", served: 9 }, // another month
    ],
    adjustments: [{ staff: "FB030", date: "2026-11-10", mode: "set", hours: 3, reason: "人工登錄" }],
  };

  it("add served and weighted cases with the weight in force that day; each day is a staffed day; no times", () => {
    const [person] = measureStaff(totals, NOV);
    expect(person).toMatchObject({
      staff: "FB030",
      served: 11, // 5 + 4 + 2
      weightedCases: 27, // 5·3 + 4·1 + 2·4
      staffedDays: 2, // 10 and 17 Nov, though 17 Nov has no hours
      staffedHours: 3, // only the adjustment: totals carry no times
      weightedPerHour: 9,
      handledCases: 0,
      handlingRatio: null,
    });
    const [counter] = measureCounters(totals, NOV);
    expect(counter).toMatchObject({ counter: "7", served: 11, weightedCases: 27, staffedDays: 2, staffedHours: 0, weightedPerHour: null });
    expect(counter.waiting.tickets).toBe(0);
    expect(measureOffice(totals, NOV)).toMatchObject({ served: 11, weightedCases: 27, staffedDays: 2, staffedHours: 3 });
  });
});
