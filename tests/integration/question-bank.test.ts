// The question bank (題庫): GIFT / Aiken import, idempotent re-import, versions, export round trip,
// editing as GIFT, retiring, office scoping and the pages' guards (issue 3, "Question banks as files").
import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { editQuestionAsGift, exportGift, getQuestionWithVersions, importQuestions, listCategories } from "~/modules/quizzes/question-bank.server";
import * as detailRoute from "~/routes/question-bank.$questionId";
import * as listRoute from "~/routes/question-bank._index";
import * as exportRoute from "~/routes/question-bank.export";
import * as importRoute from "~/routes/question-bank.import";
import { DEMO_ACCOUNTS } from "../../seeds/demo";
import { readQuizBanks, seedQuizBanks } from "../../seeds/quiz-banks";
import { officeIdOf, useTestDatabase } from "../helpers/db";
import { BASE_URL, get, post, redirectPath, signIn, type RouteModule } from "../helpers/requests";

const t = useTestDatabase();

let fubei: number;
let dongqu: number;
const cookies: Record<"supervisor" | "admin" | "staff", string> = { supervisor: "", admin: "", staff: "" };

beforeAll(async () => {
  fubei = await officeIdOf(t.db, "FUBEI");
  dongqu = await officeIdOf(t.db, "DONGQU");
  cookies.supervisor = await signIn(t.db, DEMO_ACCOUNTS.supervisor);
  cookies.admin = await signIn(t.db, DEMO_ACCOUNTS.admin);
  cookies.staff = await signIn(t.db, DEMO_ACCOUNTS.staff);
});

async function counts(officeId: number) {
  const questions = await t.db
    .selectFrom("questions")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("officeId", "=", officeId)
    .executeTakeFirstOrThrow();
  const versions = await t.db
    .selectFrom("questionVersions as v")
    .innerJoin("questions as q", "q.id", "v.questionId")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("q.officeId", "=", officeId)
    .executeTakeFirstOrThrow();
  return { questions: Number(questions.n), versions: Number(versions.n) };
}

async function questionIdOf(officeId: number, externalId: string): Promise<number> {
  const row = await t.db.selectFrom("questions").select("id").where("officeId", "=", officeId).where("externalId", "=", externalId).executeTakeFirstOrThrow();
  return row.id;
}

const SMALL_BANK = `// 測試用題庫
$CATEGORY: 測試/期間

// [id:test-001]
// [tag:測試]
::死亡登記期間::死亡登記應於事實發生後幾日內申請？{
=三十日 #正確。
~六十日
####依戶籍法第48條第1項。
}

// [id:test-002]
::逾期受理::逾期申請登記者，戶政事務所仍應受理。{T ####依戶籍法第48條第2項。}

::沒有代號的題目::這一題沒有 id，重新匯入時依內容辨識。{=甲 ~乙}
`;

describe("the seeded banks", () => {
  it("hold every quiz-banks/*.gift question in each district office, grouped by category", async () => {
    const expected = readQuizBanks().reduce((n, bank) => n + (bank.source.match(/^\/\/ \[id:/gm) ?? []).length, 0);
    expect(expected).toBeGreaterThanOrEqual(80);
    for (const office of [fubei, dongqu]) {
      expect(await counts(office)).toEqual({ questions: expected, versions: expected });
      const categories = await listCategories(t.db, office);
      expect(categories.reduce((n, c) => n + c.questionCount, 0)).toBe(expected);
      expect(categories.map((c) => c.category)).toContain("戶籍法/登記期間與催告");
    }
  });

  it("import again as all unchanged: no duplicates, no new versions", async () => {
    const before = await counts(fubei);
    const result = await importQuestions(t.db, null, fubei, { ...readQuizBanks().find((b) => b.filename === "戶籍法.gift")!, format: "gift" });
    expect(result).toMatchObject({ created: 0, updated: 0, errors: [] });
    expect(result.unchanged).toBe(39);
    await seedQuizBanks(t.db);
    expect(await counts(fubei)).toEqual(before);
  });
});

describe("importing", () => {
  it("creates the new questions and reports the counts, then treats the same file as unchanged", async () => {
    const first = await importQuestions(t.db, null, fubei, { source: SMALL_BANK, format: "gift", filename: "small.gift" });
    expect(first).toEqual({ created: 3, updated: 0, unchanged: 0, errors: [] });
    const again = await importQuestions(t.db, null, fubei, { source: SMALL_BANK, format: "gift", filename: "small.gift" });
    expect(again).toEqual({ created: 0, updated: 0, unchanged: 3, errors: [] });

    // A question without [id:] gets a stable id from its category and text.
    const derived = await t.db
      .selectFrom("questions")
      .select(["externalId", "category"])
      .where("officeId", "=", fubei)
      .where("externalId", "like", "gift-%")
      .execute();
    expect(derived).toEqual([{ externalId: expect.stringMatching(/^gift-[0-9a-f]{16}$/), category: "測試/期間" }]);

    const audit = await t.db
      .selectFrom("auditLog")
      .select(["after"])
      .where("action", "=", "questionBank.import")
      .where("officeId", "=", fubei)
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    expect(audit.after).toMatchObject({ filename: "small.gift", format: "gift", created: 0, unchanged: 3, rejected: 0 });
  });

  it("makes a changed question version 2 and keeps version 1 readable and pinned in attempts", async () => {
    const id = await questionIdOf(fubei, "test-001");
    const v1 = await t.db.selectFrom("questionVersions").select(["id"]).where("questionId", "=", id).where("version", "=", 1).executeTakeFirstOrThrow();
    // An attempt that showed version 1.
    const user = await t.db.selectFrom("users").select("id").where("employeeNo", "=", DEMO_ACCOUNTS.staff).executeTakeFirstOrThrow();
    const attempt = await t.db
      .insertInto("quizAttempts")
      .values({ officeId: fubei, userId: user.id, kind: "practice", attemptNo: 1, maxScore: 1 })
      .returning("id")
      .executeTakeFirstOrThrow();
    await t.db.insertInto("attemptItems").values({ attemptId: attempt.id, position: 1, questionVersionId: v1.id, points: 1 }).execute();

    const changed = SMALL_BANK.replace("=三十日 #正確。", "=三十日 #正確，一般登記期間為三十日。").replace("$CATEGORY: 測試/期間", "$CATEGORY: 測試/登記期間");
    const result = await importQuestions(t.db, null, fubei, { source: changed, format: "gift" });
    // The question without an id moved category: that is another question (its id comes from category + text).
    expect(result).toEqual({ created: 1, updated: 2, unchanged: 0, errors: [] });

    const question = await getQuestionWithVersions(t.db, fubei, id);
    expect(question!.versions.map((v) => v.version)).toEqual([2, 1]);
    expect(question!.category).toBe("測試/登記期間");
    const [current, old] = question!.versions;
    expect(question!.currentVersionId).toBe(current.id);
    expect(current.body).toMatchObject({ type: "multichoice", id: "test-001", answers: [{ feedback: "正確，一般登記期間為三十日。" }, {}] });
    expect(old.body).toMatchObject({ category: "測試/期間", answers: [{ feedback: "正確。" }, {}] });
    expect(old.attemptCount).toBe(1);
    const pinned = await t.db.selectFrom("attemptItems").select("questionVersionId").where("attemptId", "=", attempt.id).executeTakeFirstOrThrow();
    expect(pinned.questionVersionId).toBe(v1.id);

    // Both versions open on the page; the two compare side by side.
    const params = { questionId: String(id) };
    const page = await get(detailRoute, `/question-bank/${id}?version=1`, { cookie: cookies.supervisor, params });
    expect(page.status).toBe(200);
    expect(page.data.shown.version).toBe(1);
    expect(page.data.currentVersion).toBe(2);
    const compare = await get(detailRoute, `/question-bank/${id}?compare=2,1`, { cookie: cookies.supervisor, params });
    expect(compare.data.compare).toMatchObject({ a: { version: 1 }, b: { version: 2 } });
    expect(compare.data.compare.changed.sort()).toEqual(["answers", "category"]);
    expect((await get(detailRoute, `/question-bank/${id}?version=9`, { cookie: cookies.supervisor, params })).status).toBe(404);
  });

  it("reports rejected questions with their line numbers and imports the rest", async () => {
    const source = [
      "// [id:bad-001]", // 1
      "::好題目::第一題沒有問題。{=對 ~錯}", // 2
      "", // 3
      "// [id:bad-002]", // 4
      "::沒有正確答案::第二題沒有正確答案。{~甲 ~乙}", // 5
      "", // 6
      "::括號沒關::第三題的括號沒有關上。{=甲 ~乙", // 7
      "", // 8
      "// [id:bad-001]", // 9
      "::重複代號::與第一題同一個代號。{T}", // 10
      "", // 11
      "// [id:bad-004]", // 12
      "::最後一題::最後一題也沒有問題。{F}", // 13
    ].join("\n");
    const result = await importQuestions(t.db, null, fubei, { source, format: "gift", filename: "bad.gift" });
    expect(result.created).toBe(2);
    expect(result.errors.map((e) => e.line)).toEqual([5, 7, 10]);
    for (const error of result.errors) expect(error.message).toMatch(/^第 \d+ 行：/);
    expect(result.errors[2].message).toContain("與第 2 行的題目重複");
    const ids = await t.db
      .selectFrom("questions")
      .select("externalId")
      .where("officeId", "=", fubei)
      .where("externalId", "like", "bad-%")
      .orderBy("externalId")
      .execute();
    expect(ids.map((r) => r.externalId)).toEqual(["bad-001", "bad-004"]);
  });

  it("leaves nothing behind when the import fails part-way", async () => {
    const before = await counts(fubei);
    const audits = await t.db
      .selectFrom("auditLog")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("action", "=", "questionBank.import")
      .executeTakeFirstOrThrow();
    await sql`create function refuse_boom_question() returns trigger language plpgsql as $$
      begin
        if new.name = '爆炸' then raise exception 'disk full'; end if;
        return new;
      end $$`.execute(t.db);
    await sql`create trigger refuse_boom_question before insert on question_versions for each row execute function refuse_boom_question()`.execute(t.db);
    const source = `${SMALL_BANK.replace(
      "=三十日 #正確。",
      "=三十日 #又改了。"
    )}\n\n// [id:boom-001]\n::新題目::新的一題。{T}\n\n// [id:boom-002]\n::爆炸::這一題存不進去。{F}\n`;
    try {
      await expect(importQuestions(t.db, null, fubei, { source, format: "gift" })).rejects.toThrow(/disk full/);
    } finally {
      await sql`drop trigger refuse_boom_question on question_versions`.execute(t.db);
      await sql`drop function refuse_boom_question()`.execute(t.db);
    }
    expect(await counts(fubei)).toEqual(before);
    const after = await t.db
      .selectFrom("auditLog")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("action", "=", "questionBank.import")
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(audits.n));
    expect(await t.db.selectFrom("questions").select("id").where("externalId", "like", "boom-%").execute()).toEqual([]);
  });

  it("round-trips an export: importing it back changes nothing", async () => {
    const gift = await exportGift(t.db, fubei);
    const active = await t.db
      .selectFrom("questions")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("officeId", "=", fubei)
      .where("active", "=", true)
      .executeTakeFirstOrThrow();
    const before = await counts(fubei);
    const result = await importQuestions(t.db, null, fubei, { source: gift, format: "gift", filename: "export.gift" });
    expect(result).toEqual({ created: 0, updated: 0, unchanged: Number(active.n), errors: [] });
    expect(await counts(fubei)).toEqual(before);

    // Into an office that has none of them, the export creates the same questions.
    const category = await exportGift(t.db, fubei, { category: "測試" });
    expect(category).toContain("$CATEGORY: $course$/top/測試/登記期間");
    expect(category).not.toContain("hr-law-");
    const other = await importQuestions(t.db, null, dongqu, { source: category, format: "gift" });
    expect(other.created).toBe(4); // test-001, test-002 and both id-less questions (one per category it was imported under)
    expect(await exportGift(t.db, dongqu, { category: "測試" })).toBe(category);
  });

  it("imports Aiken files, with ids that make a re-import unchanged", async () => {
    const aiken =
      "依戶籍法規定，出生登記至遲應於出生後幾日內為之？\nA. 十五日\nB. 三十日\nC. 六十日\nANSWER: C\n\n國民身分證初領年齡為？\nA) 十二歲\nB) 十四歲\nANSWER: B\n\n沒有答案的題目\nA. 甲\nB. 乙\n";
    const input = { source: aiken, format: "aiken" as const, filename: "戶籍 練習.txt", category: "練習/Aiken" };
    const result = await importQuestions(t.db, null, fubei, input);
    expect(result.created).toBe(2);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0].line).toBe(12);
    expect(await importQuestions(t.db, null, fubei, input)).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    const rows = await t.db
      .selectFrom("questions")
      .select(["externalId", "category"])
      .where("officeId", "=", fubei)
      .where("externalId", "like", "aiken-%")
      .execute();
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row).toEqual({ externalId: expect.stringMatching(/^aiken-戶籍_練習-[0-9a-f]{16}$/), category: "練習/Aiken" });
  });
});

describe("editing a question as GIFT", () => {
  it("saves a new version under the same id, or reports the parse error", async () => {
    const id = await questionIdOf(fubei, "test-002");
    const params = { questionId: String(id) };
    const page = await get(detailRoute, `/question-bank/${id}`, { cookie: cookies.supervisor, params });
    expect(page.data.editGift).toContain("// [id:test-002]");
    expect(page.data.editGift).toContain("::逾期受理::");

    const edited = page.data.editGift.replace("// [id:test-002]", "// [id:someone-else]").replace("第48條第2項。", "第48條第2項，逾期仍應受理。");
    const saved = await post(detailRoute, `/question-bank/${id}`, { intent: "edit", gift: edited }, { cookie: cookies.supervisor, params });
    expect(redirectPath(saved)).toBe(`/question-bank/${id}?notice=newVersion`);
    const question = await getQuestionWithVersions(t.db, fubei, id);
    expect(question!.externalId).toBe("test-002");
    expect(question!.versions[0]).toMatchObject({
      version: question!.versions.length,
      authorName: expect.any(String),
      body: { id: "test-002", generalFeedback: "依戶籍法第48條第2項，逾期仍應受理。" },
    });

    const same = await post(detailRoute, `/question-bank/${id}`, { intent: "edit", gift: edited }, { cookie: cookies.supervisor, params });
    expect(redirectPath(same)).toBe(`/question-bank/${id}?notice=noChange`);

    const broken = await post(
      detailRoute,
      `/question-bank/${id}`,
      { intent: "edit", gift: "::壞掉::沒有關上的括號{=甲 ~乙" },
      { cookie: cookies.supervisor, params }
    );
    expect(broken.status).toBe(400);
    expect(broken.data.errors.gift).toMatch(/^第 1 行：/);
    expect(broken.data.values.gift).toBe("::壞掉::沒有關上的括號{=甲 ~乙");

    const two = await post(detailRoute, `/question-bank/${id}`, { intent: "edit", gift: "甲？{T}\n\n乙？{F}" }, { cookie: cookies.supervisor, params });
    expect(two.data.errors.gift).toBe("errors.bank.exactlyOne");

    // Without a $CATEGORY line the question keeps its category; with one, it moves.
    await post(detailRoute, `/question-bank/${id}`, { intent: "edit", gift: "::逾期受理::逾期仍應受理。{T}" }, { cookie: cookies.supervisor, params });
    expect((await getQuestionWithVersions(t.db, fubei, id))!.category).toBe("測試/登記期間");
    await post(
      detailRoute,
      `/question-bank/${id}`,
      { intent: "edit", gift: "$CATEGORY: 測試/受理\n::逾期受理::逾期仍應受理。{T}" },
      { cookie: cookies.supervisor, params }
    );
    expect((await getQuestionWithVersions(t.db, fubei, id))!.category).toBe("測試/受理");
  });

  it("is refused for another office's question", async () => {
    const id = await questionIdOf(dongqu, "hr-law-001");
    const supervisor = await t.db.selectFrom("users").select("id").where("employeeNo", "=", DEMO_ACCOUNTS.supervisor).executeTakeFirstOrThrow();
    const actor = { id: supervisor.id } as Parameters<typeof editQuestionAsGift>[1];
    expect(await editQuestionAsGift(t.db, actor, fubei, id, "::x::x{T}")).toBeUndefined();
  });
});

describe("retiring", () => {
  it("takes a question out of the categories that quizzes draw from, and restores it", async () => {
    const id = await questionIdOf(fubei, "test-001");
    const params = { questionId: String(id) };
    const countIn = async (category: string) => (await listCategories(t.db, fubei)).find((c) => c.category === category)?.questionCount ?? 0;
    const before = await countIn("測試/登記期間");
    const retired = await post(detailRoute, `/question-bank/${id}`, { intent: "active", active: "false" }, { cookie: cookies.supervisor, params });
    expect(redirectPath(retired)).toBe(`/question-bank/${id}?notice=retired`);
    expect(await countIn("測試/登記期間")).toBe(before - 1);
    expect(await exportGift(t.db, fubei, { category: "測試/登記期間" })).not.toContain("test-001");
    const retiredList = await get(listRoute, "/question-bank?f.status=retired", { cookie: cookies.supervisor });
    expect(retiredList.data.page.rows.map((r: { externalId: string }) => r.externalId)).toEqual(["test-001"]);
    await post(detailRoute, `/question-bank/${id}`, { intent: "active", active: "true" }, { cookie: cookies.supervisor, params });
    expect(await countIn("測試/登記期間")).toBe(before);
  });
});

describe("the pages", () => {
  it("list the bank with category (and sub-category), type, tag and text filters, and export CSV", async () => {
    const all = await get(listRoute, "/question-bank?f.category=戶籍法", { cookie: cookies.supervisor });
    expect(all.status).toBe(200);
    expect(all.data.page.total).toBe(39);
    expect(all.data.categories.some((c: { category: string }) => c.category === "戶籍法/登記期間與催告")).toBe(true);
    const sub = await get(listRoute, `/question-bank?f.category=${encodeURIComponent("戶籍法/登記期間與催告")}&f.type=truefalse`, {
      cookie: cookies.supervisor,
    });
    expect(sub.data.page.total).toBeGreaterThan(0);
    for (const row of sub.data.page.rows) expect(row).toMatchObject({ type: "truefalse", category: "戶籍法/登記期間與催告" });
    const tagged = await get(listRoute, `/question-bank?f.tag=${encodeURIComponent("印鑑登記")}`, { cookie: cookies.supervisor });
    expect(tagged.data.page.total).toBeGreaterThan(0);
    for (const row of tagged.data.page.rows) expect(row.tags).toContain("印鑑登記");
    const search = await get(listRoute, `/question-bank?q=${encodeURIComponent("出生登記期間")}`, { cookie: cookies.supervisor });
    expect(search.data.page.rows.map((r: { name: string }) => r.name)).toContain("出生登記期間");
    const sorted = await get(listRoute, "/question-bank?sort=updated&dir=desc", { cookie: cookies.supervisor });
    expect(sorted.data.page.rows[0].category.startsWith("測試")).toBe(true);

    const csv = await get(listRoute, "/question-bank?format=csv&f.category=國籍法", { cookie: cookies.supervisor });
    expect(csv.headers.get("Content-Type")).toContain("text/csv");
    expect(csv.data.split("\r\n")[0]).toContain("題目代號");
    expect(csv.data.split("\r\n").filter(Boolean)).toHaveLength(17);
  });

  it("download the bank (or a category) as UTF-8 GIFT", async () => {
    const all = await get(exportRoute, "/question-bank/export", { cookie: cookies.supervisor });
    expect(all.status).toBe(200);
    expect(all.headers.get("Content-Type")).toBe("text/plain; charset=utf-8");
    expect(all.headers.get("Content-Disposition")).toMatch(/^attachment; filename=".*\.gift"; filename\*=UTF-8''/);
    expect(all.data).toContain("// [id:hr-law-001]");
    const one = await get(exportRoute, `/question-bank/export?category=${encodeURIComponent("國籍法")}`, { cookie: cookies.supervisor });
    expect(one.data.match(/^\/\/ \[id:/gm)).toHaveLength(16);
    expect((await importQuestions(t.db, null, fubei, { source: one.data, format: "gift" })).unchanged).toBe(16);
  });

  it("import a pasted bank through the import action, keeping the text when questions were rejected", async () => {
    const source = "// [id:paste-001]\n::貼上的題目::貼上的第一題。{T}\n\n::壞的::沒有答案{~甲 ~乙}\n";
    const result = await post(importRoute, "/question-bank/import", { format: "gift", source, category: "" }, { cookie: cookies.supervisor });
    expect(result.status).toBe(200);
    expect(result.data.ok).toBe(true);
    expect(result.data.result).toMatchObject({ created: 1, updated: 0, unchanged: 0 });
    expect(result.data.result.errors).toEqual([expect.objectContaining({ line: 4, message: expect.stringMatching(/^第 4 行：/) })]);
    expect(result.data.values.source).toBe(source);
    const row = await t.db
      .selectFrom("questionVersions as v")
      .innerJoin("questions as q", "q.id", "v.questionId")
      .select(["v.createdBy", "q.officeId"])
      .where("q.externalId", "=", "paste-001")
      .executeTakeFirstOrThrow();
    expect(row.officeId).toBe(fubei);
    expect(row.createdBy).not.toBeNull();

    const empty = await post(importRoute, "/question-bank/import", { format: "gift", source: "  " }, { cookie: cookies.supervisor });
    expect(empty.status).toBe(400);
    expect(empty.data.errors.source).toBe("errors.bank.sourceRequired");
  });

  it("import an uploaded file (multipart), and refuse a file that is not UTF-8", async () => {
    const upload = async (file: File) => {
      const form = new FormData();
      form.set("format", "gift");
      form.set("source", "");
      form.set("file", file);
      const request = new Request(`${BASE_URL}/question-bank/import`, {
        method: "POST",
        body: form,
        headers: { Cookie: cookies.supervisor, Origin: BASE_URL },
      });
      try {
        return await (importRoute as RouteModule).action!({ request, params: {}, context: { db: t.db, cspNonce: "test", clientAddress: "127.0.0.1" } });
      } catch (thrown) {
        return thrown;
      }
    };
    const bank = readQuizBanks().find((b) => b.filename === "姓名條例.gift")!;
    const ok = (await upload(new File(["\uFEFF" + bank.source], "姓名條例.gift", { type: "text/plain" }))) as {
      ok: boolean;
      filename: string;
      result: { unchanged: number };
    };
    expect(ok).toMatchObject({ ok: true, filename: "姓名條例.gift", result: { created: 0, updated: 0, unchanged: 14, errors: [] } });

    const big5 = new Uint8Array([0xa5, 0x78, 0xc6, 0x57, 0xaa, 0x6b]); // 戶籍法 in Big5
    const refused = (await upload(new File([big5], "big5.gift"))) as { data: { errors: Record<string, string> }; init: { status: number } };
    expect(refused.init.status).toBe(400);
    expect(refused.data.errors.file).toBe("errors.bank.notUtf8");
  });

  it("answer 404 for another office's question, to the 府北 administrator too", async () => {
    const id = await questionIdOf(dongqu, "hr-law-001");
    const params = { questionId: String(id) };
    expect((await get(detailRoute, `/question-bank/${id}`, { cookie: cookies.admin, params })).status).toBe(404);
    expect((await post(detailRoute, `/question-bank/${id}`, { intent: "active", active: "false" }, { cookie: cookies.admin, params })).status).toBe(404);
    expect((await post(detailRoute, `/question-bank/${id}`, { intent: "edit", gift: "::x::x{T}" }, { cookie: cookies.admin, params })).status).toBe(404);
    const question = await t.db.selectFrom("questions").select(["active"]).where("id", "=", id).executeTakeFirstOrThrow();
    expect(question.active).toBe(true);
    const own = await questionIdOf(fubei, "hr-law-001");
    expect((await get(detailRoute, `/question-bank/${own}`, { cookie: cookies.admin, params: { questionId: String(own) } })).status).toBe(200);
    expect((await get(detailRoute, "/question-bank/0", { cookie: cookies.admin, params: { questionId: "0" } })).status).toBe(404);
  });

  it("refuse staff (403) on every bank route, loader and action", async () => {
    const id = String(await questionIdOf(fubei, "hr-law-001"));
    const routes: [RouteModule, string, Record<string, string>][] = [
      [listRoute, "/question-bank", {}],
      [importRoute, "/question-bank/import", {}],
      [exportRoute, "/question-bank/export", {}],
      [detailRoute, `/question-bank/${id}`, { questionId: id }],
    ];
    for (const [route, url, params] of routes) {
      expect((await get(route, url, { cookie: cookies.staff, params })).status, url).toBe(403);
      if (route.action) {
        const submit = await post(route, url, { format: "gift", source: "::x::x{T}", intent: "active", active: "false" }, { cookie: cookies.staff, params });
        expect(submit.status, url).toBe(403);
      }
    }
    expect(
      await t.db
        .selectFrom("questions")
        .select("id")
        .where("externalId", "=", "gift-" + "x")
        .execute()
    ).toEqual([]);
  });
});
