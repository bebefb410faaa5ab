// Fuzzing the three file imports through their real actions (issue 11, "Bad input"): the question
// bank (GIFT and Aiken), the queue system's CSV export, and a month's incentive CSV. Each gets
// random bytes, invalid UTF-8, Big5, UTF-16, a good file cut off at any byte, a header only and
// 10,000 lines of garbage. Never a 500; a refusal says why in zh-TW and writes nothing at all; an
// import writes exactly what it reports (an all-or-nothing import: everything or nothing).
import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { getCurrentUser } from "~/modules/auth/session.server";
import { saveCaseType } from "~/modules/counters/counters.server";
import { QUEUE_FIELDS } from "~/modules/counters/queue-csv";
import { useTestDatabase } from "../helpers/db";
import { absoluteUrl, post, signIn, type RouteModule, type RouteResult } from "../helpers/requests";
import { routeFor } from "../helpers/routes";
import { isRefusal, messagesOfAnswer, shownText } from "./answers";
import { brokenFile, countInput, fuzzParameters, reportInputsTried } from "./arbitraries";
import { changedTables, countWrites, fingerprint } from "./database-state";
import { postFile } from "./upload";

const t = useTestDatabase();
reportInputsTried("importers.test.ts");

const RUNS = 15;
const strictUtf8 = new TextDecoder("utf-8", { fatal: true });
const isUtf8 = (bytes: Uint8Array) => {
  try {
    strictUtf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
};

let cookie: string;
const routes = {} as Record<"bank" | "queue" | "incentives" | "rules", RouteModule>;

beforeAll(async () => {
  [routes.bank, routes.queue, routes.incentives, routes.rules] = await Promise.all(
    ["/question-bank/import", "/counters/import", "/incentives/entries", "/incentives/rules"].map((p) => routeFor(p)),
  );
  await countWrites(t.db);
  cookie = await signIn(t.db, "FB002");
  // What a valid file refers to: the sample export's case types and the example incentive rules.
  const supervisor = await getCurrentUser(t.db, new Request(absoluteUrl("/"), { headers: { Cookie: cookie } }));
  for (const name of ["戶籍謄本", "印鑑證明", "戶口名簿", "自然人憑證", "身分證換補", "遷徙登記", "出生登記", "死亡登記", "分(合)戶登記", "結婚登記", "離婚登記"]) {
    await saveCaseType(t.db, supervisor!, { name, weight: 1, standardMinutes: 5, effectiveFrom: "2026-01-01" });
  }
  expect((await post(routes.rules, "/incentives/rules", { intent: "examples" }, { cookie })).status).toBe(302);
});

async function count(table: string): Promise<number> {
  const { rows } = await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(t.db);
  return Number(rows[0].n);
}

function shown(result: RouteResult, kind: string): string {
  return `${kind}: ${result.status} ${String(JSON.stringify(result.data)).slice(0, 400)}`;
}

/** A refusal: below 500, with messages a clerk reads, and not one row written anywhere. */
async function expectCleanRefusal(result: RouteResult, before: Record<string, string>, kind: string) {
  expect(result.status, shown(result, kind)).toBeLessThan(500);
  expect(result.status, shown(result, kind)).toBeGreaterThanOrEqual(400);
  if (!result.thrown) {
    const messages = messagesOfAnswer(result.data);
    expect(messages.length, shown(result, kind)).toBeGreaterThan(0);
    for (const m of messages) expect(shownText(m), `not a zh-TW message: ${JSON.stringify(m)}`).not.toBeNull();
  }
  expect(changedTables(before, await fingerprint(t.db)), shown(result, kind)).toEqual([]);
}

describe("question bank import (GIFT and Aiken files)", () => {
  const GIFT = `$CATEGORY: 戶籍法/登記期間

// [id:fz-001]
::出生登記期間::出生登記至遲應於出生後幾日內為之？{
=60日內 #正確。
~30日內
~15日內
####依戶籍法第48條第1項。
}

// [id:fz-002]
::逾期仍應受理::戶籍登記之申請已逾法定期間者，戶政事務所得拒絕受理。{F ####依戶籍法第48條第2項。}
`;
  const AIKEN = "依戶籍法規定，出生登記應於出生後幾日內為之？\nA. 十五日\nB. 三十日\nC. 六十日\nANSWER: C\n\n死亡登記由誰申請？\nA. 配偶\nB. 鄰長\nANSWER: A\n";

  it("refuses what is not UTF-8 with a message, and imports exactly what it reports", async () => {
    const input = fc.record({ format: fc.constantFrom("gift", "aiken"), file: fc.oneof(brokenFile(GIFT, ""), brokenFile(AIKEN, "")) });
    await fc.assert(
      fc.asyncProperty(input, async ({ format, file }) => {
        countInput(`question bank: ${file.kind}`);
        const before = await fingerprint(t.db);
        const [questions, versions] = [await count("questions"), await count("question_versions")];
        const result = await postFile(routes.bank, "/question-bank/import", { format, category: "" }, { name: `bank.${format}`, bytes: file.bytes, type: "text/plain" }, cookie);
        if (!isUtf8(file.bytes)) {
          expect((result.data as { errors?: Record<string, string> }).errors?.file, shown(result, file.kind)).toBe("errors.bank.notUtf8");
        }
        if (isRefusal(result)) return expectCleanRefusal(result, before, file.kind);
        // Accepted: the valid questions are in, the rejected ones listed by line; nothing else written.
        const summary = (result.data as { result: { created: number; updated: number; errors: { line: number; message: string }[] } }).result;
        expect(await count("questions"), shown(result, file.kind)).toBe(questions + summary.created);
        expect(await count("question_versions"), shown(result, file.kind)).toBe(versions + summary.created + summary.updated);
        for (const e of summary.errors) expect(e.message.startsWith(`第 ${e.line} 行：`), e.message).toBe(true);
      }),
      fuzzParameters(RUNS),
    );
  });
});

describe("queue CSV import (three steps: upload, mapping, import)", () => {
  const sampleText = fs.readFileSync(path.resolve(import.meta.dirname, "../fixtures/queue-sample.csv"), "utf8").replace(/^\uFEFF/, "");
  const header = sampleText.split(/\r?\n/)[0];
  // A small file (40 lines) keeps each input fast; the 10,000-line garbage case is in brokenFile.
  const small = sampleText.split(/\r?\n/).slice(0, 41).join("\r\n");

  it("previews anything without writing, and an import is all there or not there at all", async () => {
    const input = fc.record({ file: brokenFile(small, header), mode: fc.constantFrom("all_or_nothing", "valid_lines") });
    await fc.assert(
      fc.asyncProperty(input, async ({ file, mode }) => {
        countInput(`queue CSV: ${file.kind}`);
        const before = await fingerprint(t.db);
        const upload = await postFile(routes.queue, "/counters/import", { intent: "upload", pasted: "" }, { name: "queue.csv", bytes: file.bytes, type: "text/csv" }, cookie);
        if (isRefusal(upload)) return expectCleanRefusal(upload, before, `${file.kind}, upload`);
        // The preview reads and writes nothing.
        expect(changedTables(before, await fingerprint(t.db)), shown(upload, file.kind)).toEqual([]);

        const step = upload.data as { csvText: string; preview: { mapping: Record<string, string>; errorCount: number; records: number } };
        const mapping = Object.fromEntries(QUEUE_FIELDS.map((f) => [`map_${f}`, step.preview.mapping[f] ?? ""]));
        const [records, imports] = [await count("queue_records"), await count("queue_imports")];
        const result = await post(routes.queue, "/counters/import", { intent: "import", csvText: step.csvText, fileName: "queue.csv", mode, ...mapping }, { cookie });
        if (isRefusal(result)) return expectCleanRefusal(result, before, `${file.kind}, import ${mode}`);

        const done = (result.data as { result: { inserted: number; errors: number } }).result;
        expect(await count("queue_records"), shown(result, file.kind)).toBe(records + done.inserted);
        expect(await count("queue_imports"), shown(result, file.kind)).toBe(imports + 1);
        if (mode === "all_or_nothing") expect(done.errors, shown(result, file.kind)).toBe(0);
      }),
      fuzzParameters(RUNS),
    );
  });
});

describe("incentive CSV import (a month, all or nothing)", () => {
  const HEADER = "員工編號,項目代碼,日期,件數";
  const VALID = `${HEADER}\nFB010,e_payment,2026-06-10,5\nFB011,e_payment,2026-06-11,3\nFB012,e_payment,2026-06-12,1\n`;

  it("refuses a damaged file line by line and writes nothing; a clean one is imported whole", async () => {
    const input = fc.record({ file: brokenFile(VALID, HEADER), upload: fc.boolean() });
    await fc.assert(
      fc.asyncProperty(input, async ({ file, upload }) => {
        countInput(`incentive CSV: ${file.kind}`);
        const before = await fingerprint(t.db);
        const entries = await count("incentive_entries");
        const fields = { intent: "import", month: "2026-06", period: "2026-06" };
        // Pasted text is what the browser sends as UTF-8; an uploaded file arrives as raw bytes.
        const result = upload
          ? await postFile(routes.incentives, "/incentives/entries", { ...fields, csv: "" }, { name: "entries.csv", bytes: file.bytes, type: "text/csv" }, cookie)
          : await post(routes.incentives, "/incentives/entries", { ...fields, csv: new TextDecoder().decode(file.bytes) }, { cookie });
        if (isRefusal(result)) return expectCleanRefusal(result, before, file.kind);
        const imported = Number(new URL(result.location ?? "/", "http://x").searchParams.get("imported"));
        expect(imported, shown(result, file.kind)).toBeGreaterThan(0);
        expect(await count("incentive_entries"), shown(result, file.kind)).toBe(entries + imported);
      }),
      fuzzParameters(RUNS),
    );
  });
});
