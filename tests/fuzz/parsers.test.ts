// Property-based fuzzing of the pure importers (issue 11, "Bad input"): the GIFT and Aiken
// question-bank parsers and the queue-system CSV reader. Whatever the file holds — random text,
// hostile strings, GIFT or CSV syntax in any order, 100,000 characters of Chinese — they never
// throw, every complaint names a real line of the file in words a clerk reads, and no line of a
// queue export silently disappears. Where a writer exists (GIFT), what is written reads back equal.
import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseAiken } from "~/modules/quizzes/aiken-parser";
import { parseGift } from "~/modules/quizzes/gift-parser";
import { GiftWriteError, writeGift } from "~/modules/quizzes/gift-writer";
import type { ImportError, ParsedQuestion } from "~/modules/quizzes/question-types";
import { guessMapping, parseCsvRows, parseQueueCsv, type KnownValues } from "~/modules/counters/queue-csv";
import { countInput, fuzzParameters, hostileString, reportInputsTried } from "./arbitraries";

reportInputsTried("parsers.test.ts");

/** Lines as the parsers count them (CRLF, CR and LF all end a line). */
const lineCount = (text: string) => text.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/).length;

/** Every error names a line of the file and says so first, in Chinese: 「第 N 行：…」. */
function expectReadableErrors(errors: ImportError[], text: string) {
  const lines = lineCount(text);
  for (const e of errors) {
    expect(e.line, JSON.stringify(e)).toBeGreaterThanOrEqual(1);
    expect(e.line, JSON.stringify(e)).toBeLessThanOrEqual(lines);
    expect(e.message.startsWith(`第 ${e.line} 行：`), e.message).toBe(true);
    expect(e.message, e.message).toMatch(/[\u3400-\u9fff]/);
  }
}

/** Text built from the pieces GIFT gives meaning to, in random order, with hostile strings between. */
const giftLike = fc
  .array(
    fc.oneof(
      { weight: 5, arbitrary: fc.constantFrom("::", "::題名::", "{", "}", "=", "~", "#", "####", "%50%", "%-100%", "%abc%", "->", "\\", "\\:", "\\{", ":", "T", "F", "TRUE", "FALSE", "1..2", "#3:1", "#1.5", "[html]", "[markdown]", "[id:x]", "// [id:q-1]", "// [tag:戶籍法]", "$CATEGORY: 法規/戶籍法", "$CATEGORY:", "戶籍", "登記", " ", "\t", "\u3000", "_____") },
      { weight: 3, arbitrary: fc.constantFrom("\n", "\n\n", "\r\n", "\r\n\r\n", "\r") },
      { weight: 1, arbitrary: hostileString.map((s) => s.slice(0, 200)) },
    ),
    { maxLength: 60 },
  )
  .map((pieces) => pieces.join(""));

const anyText = fc.oneof(giftLike, hostileString, fc.string({ unit: "binary", maxLength: 500 }));

describe("parseGift", () => {
  it("never throws, and every error names its line in Chinese", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        countInput("parseGift: any text");
        const { questions, errors } = parseGift(text);
        expectReadableErrors(errors, text);
        for (const q of questions) expect(q.line).toBeGreaterThanOrEqual(1);
      }),
      fuzzParameters(400),
    );
  });

  it("reads back what writeGift writes of anything it parsed (or the writer refuses it with a reason)", () => {
    const withoutLine = (qs: ParsedQuestion[]) => qs.map(({ line: _line, ...rest }) => rest);
    fc.assert(
      fc.property(giftLike, (text) => {
        countInput("parseGift → writeGift → parseGift");
        const first = parseGift(text).questions;
        let written: string;
        try {
          written = writeGift(first);
        } catch (error) {
          // Some content has no GIFT spelling (an id with "[", "->" in a short answer): refused by name.
          expect(error, String(error)).toBeInstanceOf(GiftWriteError);
          return;
        }
        const again = parseGift(written);
        expect(again.errors, written).toEqual([]);
        expect(withoutLine(again.questions), written).toEqual(withoutLine(first));
      }),
      fuzzParameters(400),
    );
  });
});

describe("parseAiken", () => {
  const aikenLike = fc
    .array(
      fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom("A. ", "B) ", "C.", "Z. ", "a. ", "Ａ．", "ANSWER: A", "ANSWER:", "answer：b", "ANSWER: Z", "出生登記期間？", "十五日", "\t", " ") },
        { weight: 3, arbitrary: fc.constantFrom("\n", "\n\n", "\r\n") },
        { weight: 1, arbitrary: hostileString.map((s) => s.slice(0, 200)) },
      ),
      { maxLength: 60 },
    )
    .map((pieces) => pieces.join(""));

  it("never throws; errors name their line; every question has options and exactly one right answer", () => {
    fc.assert(
      fc.property(fc.oneof(aikenLike, hostileString), (text) => {
        countInput("parseAiken: any text");
        const { questions, errors } = parseAiken(text);
        expectReadableErrors(errors, text);
        for (const q of questions) {
          expect(q.answers.length).toBeGreaterThanOrEqual(2);
          expect(q.answers.filter((a) => a.fraction === 1)).toHaveLength(1);
        }
      }),
      fuzzParameters(400),
    );
  });

  it("reads a well-formed file back to exactly the questions written into it", () => {
    // Question and option text from characters that cannot start an option or ANSWER line.
    const text = fc.string({ unit: fc.constantFrom("戶", "籍", "法", "第", "條", "？", "，", "1", "x", " ", "<", "'"), minLength: 1, maxLength: 30 }).map((s) => `問${s.trim()}`);
    const question = fc.record({ text, options: fc.array(text, { minLength: 2, maxLength: 6 }) }).chain((q) => fc.nat(q.options.length - 1).map((right) => ({ ...q, right })));
    fc.assert(
      fc.property(fc.array(question, { minLength: 1, maxLength: 8 }), (written) => {
        countInput("Aiken: write → parse");
        const letters = "ABCDEF";
        const file = written.map((q) => [q.text, ...q.options.map((o, i) => `${letters[i]}. ${o}`), `ANSWER: ${letters[q.right]}`].join("\n")).join("\n\n");
        const { questions, errors } = parseAiken(file);
        expect(errors, file).toEqual([]);
        expect(questions.map((q) => ({ text: q.text, options: q.answers.map((a) => a.text), right: q.answers.findIndex((a) => a.fraction === 1) })), file).toEqual(written);
      }),
      fuzzParameters(300),
    );
  });
});

describe("queue CSV", () => {
  it("parseCsvRows reads back any table written in RFC 4180", () => {
    // Quoted fields keep commas, quotes and line feeds; a CR inside a field is a line end of the
    // file's own convention (CRLF), so tables are generated without it.
    const cell = fc.oneof(hostileString.map((s) => s.replace(/\r/g, "").slice(0, 100)), fc.constantFrom(",", '"', '""', "\n", "a,b", ' "x" '));
    const table = fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(table, fc.constantFrom("\r\n", "\n"), (rows, eol) => {
        countInput("parseCsvRows: write → read");
        const text = rows.map((r) => r.map((f) => `"${f.replace(/"/g, '""')}"`).join(",")).join(eol) + eol;
        expect(parseCsvRows(text).map((r) => r.fields)).toEqual(rows);
      }),
      fuzzParameters(300),
    );
  });

  const sample = fs.readFileSync(path.resolve(import.meta.dirname, "../fixtures/queue-sample.csv"), "utf8");
  const sampleLines = sample.replace(/^\uFEFF/, "").split(/\r?\n/).filter(Boolean);
  const header = sampleLines[0];
  const mapping = guessMapping(parseCsvRows(header)[0].fields);
  const known: KnownValues = {
    officeCode: "FB",
    counters: ["1", "2", "3", "4", "5", "15"],
    staff: ["FB010", "FB011", "FB012", "FB013", "FB014"],
    caseTypes: ["戶籍謄本", "印鑑證明", "死亡登記", "遷徙登記", "身分證換補"],
  };

  /** The sample export with cells replaced by hostile values, lines cut short, dropped or repeated. */
  const damagedExport = fc
    .array(
      fc.tuple(
        fc.nat(sampleLines.length - 2),
        fc.oneof(
          hostileString.map((s) => ({ kind: "cell" as const, value: s.slice(0, 300) })),
          fc.nat(200).map((at) => ({ kind: "cut" as const, at })),
          fc.constant({ kind: "repeat" as const }),
        ),
        fc.nat(10),
      ),
      { minLength: 1, maxLength: 8 },
    )
    .map((changes) => {
      const lines = sampleLines.slice(1, 40);
      for (const [row, change, column] of changes) {
        const i = row % lines.length;
        if (change.kind === "cut") lines[i] = lines[i].slice(0, change.at);
        else if (change.kind === "repeat") lines.splice(i, 0, lines[i]);
        else {
          const cells = lines[i].split(",");
          cells[column % cells.length] = change.value;
          lines[i] = cells.join(",");
        }
      }
      return [header, ...lines].join("\r\n");
    });

  it("parseQueueCsv accounts for every line: a record, a repeat of an earlier line, or an error naming it", () => {
    fc.assert(
      fc.property(fc.oneof({ weight: 4, arbitrary: damagedExport }, { weight: 1, arbitrary: anyText }), (text) => {
        countInput("parseQueueCsv: damaged export");
        const result = parseQueueCsv(text, mapping, known);
        const lines = lineCount(text);
        for (const e of result.errors) {
          expect(e.line).toBeGreaterThanOrEqual(1);
          expect(e.line).toBeLessThanOrEqual(lines);
          expect(e.message).toMatch(/[\u3400-\u9fff]/);
        }
        const headerRefused = result.errors.some((e) => e.field === null && e.line === parseCsvRows(text)[0]?.line && result.linesRead === 0);
        if (headerRefused || parseCsvRows(text).length === 0) return;
        const errorLines = new Set(result.errors.map((e) => e.line));
        const recordLines = new Set(result.records.map((r) => r.line));
        for (const line of recordLines) expect(errorLines.has(line), `line ${line} is both a record and an error`).toBe(false);
        expect(recordLines.size + result.duplicates.length + errorLines.size, JSON.stringify(result.errors.slice(0, 3))).toBe(result.linesRead);
      }),
      fuzzParameters(300),
    );
  });
});
