// Upload limits (issue 11, "Upload limits: size and type checked before anything is stored"). Every
// upload of the portal — the question bank's GIFT/Aiken file, the queue system's CSV export and the
// incentive CSV — is tried with a file one byte over its limit and with a picture renamed to the
// expected name: each answer is a 4xx page with a message a clerk understands, and the tables the
// import writes hold exactly what they held before. HTTP only: the browser adds nothing to these.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PortalClient, startOwnPortal, type Fields, type OwnPortal } from "./support/own-portal";

const MB = 1024 * 1024;
/** The first bytes of a PNG file, then noise: what a screenshot saved as 「匯出.csv」 looks like. */
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, ...Array.from({ length: 2000 }, (_, i) => (i * 37) % 256)]);

/** A file of `bytes` bytes of valid text (so only its size is wrong). */
function textFile(bytes: number, name: string): File {
  return new File([new Uint8Array(bytes).fill(0x41)], name, { type: "text/plain" });
}

describe("uploads are checked for size and type before anything is stored", () => {
  let portal: OwnPortal;
  let supervisor: PortalClient;

  /** Rows of every table an import writes. */
  async function stored() {
    const count = async (table: "questions" | "questionVersions" | "queueImports" | "queueRecords" | "incentiveEntries") =>
      Number((await portal.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
    return {
      questions: await count("questions"),
      questionVersions: await count("questionVersions"),
      queueImports: await count("queueImports"),
      queueRecords: await count("queueRecords"),
      incentiveEntries: await count("incentiveEntries"),
    };
  }

  beforeAll(async () => {
    portal = await startOwnPortal();
    supervisor = await PortalClient.signIn(portal.origin, "FB002");
  }, 120_000);

  afterAll(async () => {
    await portal?.close();
  });

  const cases: { what: string; path: string; fields: Fields; file: () => File; message: string }[] = [
    {
      what: "question bank, a GIFT file over 2 MB",
      path: "/question-bank/import",
      fields: { format: "gift", category: "" },
      file: () => textFile(2 * MB + 1, "題庫.gift.txt"),
      message: "檔案太大，上限為 2 MB。",
    },
    {
      what: "question bank, a PNG renamed .gift.txt",
      path: "/question-bank/import",
      fields: { format: "gift", category: "" },
      file: () => new File([PNG], "題庫.gift.txt", { type: "text/plain" }),
      message: "檔案不是 UTF-8 編碼",
    },
    {
      what: "queue export, a CSV over 20 MB",
      path: "/counters/import",
      fields: { intent: "upload", pasted: "", fileName: "" },
      file: () => textFile(20 * MB + 1, "queue.csv"),
      message: "檔案超過 20 MB。請分月匯出後再匯入。",
    },
    {
      what: "queue export, a PNG renamed .csv",
      path: "/counters/import",
      fields: { intent: "upload", pasted: "", fileName: "" },
      file: () => new File([PNG], "queue.csv", { type: "text/csv" }),
      message: "這個檔案不是叫號系統匯出的 CSV 文字檔",
    },
    {
      what: "incentive CSV over 5 MB",
      path: "/incentives/entries",
      fields: { intent: "import", month: "2026-10", csv: "" },
      file: () => textFile(5 * MB + 1, "獎勵.csv"),
      message: "檔案超過 5 MB，請分割後再匯入。",
    },
    {
      what: "incentive CSV, a PNG renamed .csv",
      path: "/incentives/entries",
      fields: { intent: "import", month: "2026-10", csv: "" },
      file: () => new File([PNG], "獎勵.csv", { type: "text/csv" }),
      message: "這個檔案不是 CSV 文字檔",
    },
  ];

  for (const c of cases) {
    it(`refuses the ${c.what} with a message and stores nothing`, async () => {
      const before = await stored();
      const answer = await supervisor.post(c.path, c.fields, { file: c.file() });
      expect(answer.status, c.what).toBe(400);
      expect(answer.text, `the page tells why: 「${c.message}」`).toContain(c.message);
      expect(await stored()).toEqual(before);
    });
  }
});
