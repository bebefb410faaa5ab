// Shared generators of hostile input for the fuzz tests (issue 11, "Bad input"): what a careless
// paste, a broken export or an attacker could put in a field or a file. Every property runs with
// one seed, printed, so a failure is replayed with FUZZ_SEED=<seed>; FUZZ_RUNS raises the number of
// inputs per property locally (CI keeps the defaults so the folder stays within its minute).
import fc from "fast-check";
import { afterAll } from "vitest";

/** Inputs per property; CI's default keeps tests/fuzz under a minute per database. */
export const FUZZ_RUNS = positiveInt(process.env.FUZZ_RUNS) ?? 0;
export const FUZZ_SEED = Number.isSafeInteger(Number(process.env.FUZZ_SEED)) && process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : 20261128;

function positiveInt(text: string | undefined): number | undefined {
  const n = Number(text);
  return text && Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

/** numRuns for a property: its CI default, or FUZZ_RUNS when that is more. */
export function runs(ciDefault: number): number {
  return Math.max(FUZZ_RUNS, ciDefault);
}

// ---------------------------------------------------------------- counting what was tried

const tried = new Map<string, number>();

/** Counts one input tried under a label; the file prints the totals when it ends. */
export function countInput(label: string): void {
  tried.set(label, (tried.get(label) ?? 0) + 1);
}

/** Prints how many inputs each property tried, and the seed to replay them (call once per file). */
export function reportInputsTried(file: string): void {
  afterAll(() => {
    const total = [...tried.values()].reduce((a, b) => a + b, 0);
    const lines = [...tried.entries()].map(([label, n]) => `  ${String(n).padStart(6)}  ${label}`);
    console.log(`[fuzz] ${file}: ${total} inputs tried (FUZZ_SEED=${FUZZ_SEED}, FUZZ_RUNS=${FUZZ_RUNS || "default"})\n${lines.join("\n")}`);
  });
}

/** fast-check's parameters for one property: the printed seed, and no endless shrinking on a database. */
export function fuzzParameters(ciDefault: number): fc.Parameters<unknown> {
  return { numRuns: runs(ciDefault), seed: FUZZ_SEED, endOnFailure: false, interruptAfterTimeLimit: 120_000, markInterruptAsFailure: false };
}

// ---------------------------------------------------------------- hostile strings

/** 100,000 characters of Chinese: a whole regulation pasted into a title. */
export const LONG_CHINESE = "戶籍登記之申請應於事實發生之日起三十日內為之".repeat(4546).slice(0, 100_000);

export const SQL_INJECTION = [
  "' OR '1'='1",
  "'; DROP TABLE users; --",
  "1; SELECT pg_sleep(10); --",
  "1 UNION SELECT password_hash FROM users",
  "\\'; TRUNCATE audit_log; --",
  "$$; DELETE FROM sessions; $$",
  "%' AND 1=1 --",
  "_%",
];

export const MARKUP = [
  "<script>window.__xss=1</script>",
  '<img src=x onerror="window.__xss=1">',
  '"><svg onload=window.__xss=1>',
  "[點我](javascript:window.__xss=1)",
  "javascript:alert(1)",
  "<iframe src=//evil.example></iframe>",
  "{{constructor.constructor('alert(1)')()}}",
  "</textarea><script>alert(1)</script>",
];

export const CONTROL = [
  "\u0000",
  "a\u0000b",
  "\u0001\u0002\u0003\u0007\u0008\u001b",
  "\r\n\r\n",
  "\t",
  "\u202e甲乙丙",
  "\uFEFF",
  "\u200b\u200d",
  "\uFFFD",
  "\uD800",
  "\uDFFF\uD800",
  "\u3000",
];

/** Numbers as a form sends them, including ones no integer column holds. */
export const NUMBERS = [
  "0", "-1", "1", "1.5", "-0", "1e309", "-1e309", "NaN", "Infinity", "9007199254740993", "2147483648", "-2147483649",
  "99999999999999999999", "0x10", " 7 ", "１２", "1,000", "",
];

export const DATES = ["2026-02-30", "2026-13-01", "0000-00-00", "9999-12-31", "115/11/02", "2026-11-02T25:61", "1900-01-01", "2026-1-1", "yesterday"];

/** What a database column cannot hold: a NUL inside ordinary text, numbers beyond a 32-bit integer. */
export const STORAGE_KILLERS = ["戶籍\u0000登記", "\u0000", "A\u0000001", "2147483648", "99999999999999999999", "-2147483649", "1e309"];

/** A value of one field: hostile, random or empty, sometimes very long. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...SQL_INJECTION, ...MARKUP, ...CONTROL, ...NUMBERS, ...DATES) },
  { weight: 2, arbitrary: fc.constantFrom(...STORAGE_KILLERS) },
  { weight: 3, arbitrary: fc.string({ unit: "grapheme", maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom("戶", "籍", "臺", "台", "　", "（", "）", "，", "'", '"', "<", ">", "&", "\\", "\n"), maxLength: 60 }) },
  { weight: 1, arbitrary: fc.constantFrom(LONG_CHINESE, "A".repeat(70_000), `${MARKUP[0]}${LONG_CHINESE.slice(0, 5_000)}`) },
  { weight: 1, arbitrary: fc.integer().map(String) },
  { weight: 1, arbitrary: fc.constant("") },
);

/**
 * Values a form could really send (small ids of seeded records, dates, "on"), so that some inputs
 * pass the first checks and the hostile value in another field reaches the deeper rules.
 */
export const PLAUSIBLE = ["1", "2", "3", "12", "on", "true", "false", "2026-12-01", "2026-12-31", "2026-12", "2026", "10:00", "FB010", "測試"];

/** A field's value: one string, or the field repeated (a tampered form, or a duplicated input). */
export const fieldValue: fc.Arbitrary<string | string[]> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  { weight: 2, arbitrary: fc.constantFrom(...PLAUSIBLE) },
  { weight: 1, arbitrary: fc.array(hostileString, { minLength: 2, maxLength: 4 }) },
);

/**
 * A form body aimed at one action: its own field names (so the schema, not the routing, answers)
 * with hostile values, some missing, some repeated, plus an intent that is one of the action's,
 * a hostile one, or none, and now and then a field nobody expects.
 */
export function formBody(fieldNames: readonly string[], intents: readonly string[]): fc.Arbitrary<Record<string, string | string[]>> {
  const names = fieldNames.filter((n) => n !== "intent");
  const intent = intents.length > 0 ? fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...intents) }, { weight: 1, arbitrary: fieldValue }) : fieldValue;
  const own = names.length > 0 ? fc.subarray(names).chain((chosen) => fc.tuple(...chosen.map((n) => fieldValue.map((v) => [n, v] as const)))) : fc.constant([]);
  const stray = fc.array(fc.tuple(fc.oneof(hostileString, fc.constantFrom("__proto__", "constructor", "officeId", "userId", "id", "roles")), fieldValue), { maxLength: 2 });
  return fc.record({ intent: fc.option(intent, { nil: undefined, freq: 8 }), own, stray }).map(({ intent, own, stray }) => {
    const body: Record<string, string | string[]> = {};
    for (const [name, value] of stray) if (name !== "") body[name] = value;
    for (const [name, value] of own) body[name] = value;
    if (intent !== undefined) body.intent = intent;
    return body;
  });
}

// ---------------------------------------------------------------- hostile files

const encoder = new TextEncoder();

/** Big5 bytes of 「戶籍登記」 (older queue systems export Big5). */
export const BIG5_SAMPLE = Uint8Array.from([0xa4, 0xe1, 0xc4, 0x79, 0xb5, 0x6e, 0xb0, 0x4f]);

function utf16le(text: string): Uint8Array {
  const bytes = new Uint8Array(2 + text.length * 2);
  bytes.set([0xff, 0xfe]);
  for (let i = 0; i < text.length; i++) {
    bytes[2 + i * 2] = text.charCodeAt(i) & 0xff;
    bytes[3 + i * 2] = text.charCodeAt(i) >> 8;
  }
  return bytes;
}

/**
 * The bytes of an uploaded file gone wrong: random bytes, invalid UTF-8, Big5, UTF-16, a valid
 * file cut short at any byte (even inside a character), a header only, or thousands of lines of
 * garbage. `valid` is a good file of the importer's own format to damage.
 */
export function brokenFile(valid: string, header: string): fc.Arbitrary<{ kind: string; bytes: Uint8Array }> {
  const good = encoder.encode(valid);
  return fc.oneof(
    fc.uint8Array({ minLength: 1, maxLength: 2_000 }).map((bytes) => ({ kind: "random bytes", bytes })),
    fc.constantFrom(Uint8Array.from([0xc3, 0x28]), Uint8Array.from([0xff, 0xfe, 0xfd]), Uint8Array.from([0xed, 0xa0, 0x80]), Uint8Array.from([0xe6, 0x88])).map((bad) => ({
      kind: "invalid UTF-8",
      bytes: concat(good.slice(0, 40), bad, good.slice(40)),
    })),
    fc.constant({ kind: "Big5", bytes: concat(BIG5_SAMPLE, encoder.encode(",\n"), BIG5_SAMPLE) }),
    fc.constant({ kind: "UTF-16", bytes: utf16le(valid) }),
    fc.integer({ min: 1, max: Math.max(1, good.length - 1) }).map((n) => ({ kind: "truncated", bytes: good.slice(0, n) })),
    fc.constant({ kind: "header only", bytes: encoder.encode(`${header}\n`) }),
    fc.tuple(fc.nat(), fc.nat(), fc.oneof(hostileString, fc.constantFrom(...STORAGE_KILLERS))).map(([line, field, value]) => {
      const lines = valid.split("\n");
      const i = 1 + (line % Math.max(1, lines.length - 1));
      const cells = (lines[i] ?? "").split(",");
      cells[field % cells.length] = value;
      lines[i] = cells.join(",");
      return { kind: "a hostile value in a valid line", bytes: encoder.encode(lines.join("\n")) };
    }),
    fc.array(hostileString.map((s) => s.slice(0, 80)), { minLength: 1, maxLength: 5 }).map((pieces) => ({
      kind: "10,000 lines of garbage",
      bytes: encoder.encode(`${header}\n${Array.from({ length: 10_000 }, (_, i) => pieces[i % pieces.length].replace(/\r?\n/g, " ")).join("\n")}`),
    })),
  );
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * A valid form with one to three fields damaged: replaced by a hostile value, dropped, or sent
 * twice. The other fields stay valid, so the damaged one is what the action must cope with.
 */
export function mutatedBody(valid: Record<string, string | string[]>): fc.Arbitrary<Record<string, string | string[]>> {
  const names = Object.keys(valid);
  const mutation = fc.oneof(
    { weight: 6, arbitrary: fieldValue.map((value) => ({ kind: "replace" as const, value })) },
    { weight: 1, arbitrary: fc.constant({ kind: "drop" as const }) },
    { weight: 1, arbitrary: fc.constant({ kind: "repeat" as const }) },
  );
  return fc.array(fc.tuple(fc.constantFrom(...names), mutation), { minLength: 1, maxLength: 3 }).map((changes) => {
    const body = { ...valid };
    for (const [name, change] of changes) {
      if (change.kind === "drop") delete body[name];
      else if (change.kind === "repeat") body[name] = [...[valid[name]].flat(), ...[valid[name]].flat()];
      else body[name] = change.value;
    }
    return body;
  });
}
