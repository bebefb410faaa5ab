// What the knowledge-base and clipping forms may carry (validated on the server, ARCHITECTURE rule 4).
import { z } from "zod";
import { CASE_CATEGORY_CODES, CASE_SOURCES } from "./case-rules";

const text = (max: number, required = true) =>
  required
    ? z.string({ required_error: "errors.required" }).trim().min(1, "errors.required").max(max, "errors.tooLong")
    : z.preprocess((v) => (v === undefined || v === null ? "" : v), z.string().trim().max(max, "errors.tooLong"));
const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());
const isoDate = z
  .string({ required_error: "errors.required" })
  .trim()
  .min(1, "errors.required")
  .regex(/^\d{4}-\d{2}-\d{2}$/, "errors.dateFormat")
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), "errors.dateFormat");
const optionalDate = z.preprocess((v) => (v === "" || v === undefined || v === null ? null : v), isoDate.nullable());
/** Tags typed as 「認領, 非婚生子女、生父」: commas (either width), 、 or new lines separate them. */
const tagList = z.preprocess(
  (v) =>
    String(v ?? "")
      .split(/[,，、\n]/)
      .map((t) => t.trim())
      .filter(Boolean),
  z.array(z.string().max(20, "errors.knowledge.tagTooLong")).max(12, "errors.knowledge.tooManyTags"),
);
const idList = z.preprocess(
  (v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v.filter((x) => x !== "") : [v]),
  z.array(z.coerce.number().int().positive()),
);

export const MAX_BASIS_ROWS = 6;

const basisRow = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("law"), law: text(60), article: text(30, false) }),
  z.object({ kind: z.literal("interpretation"), issuer: text(60), documentNumber: text(60), date: isoDate, summary: text(200, false) }),
]);

export const caseSchema = z
  .object({
    title: text(100),
    category: z.enum(CASE_CATEGORY_CODES as unknown as [string, ...string[]], { errorMap: () => ({ message: "errors.required" }) }),
    source: z.enum(CASE_SOURCES, { errorMap: () => ({ message: "errors.required" }) }),
    sourceOffice: text(60, false),
    caseDate: optionalDate,
    facts: text(8000, false),
    issue: text(4000, false),
    handling: text(8000, false),
    legalBasis: z.array(basisRow).max(MAX_BASIS_ROWS),
    lessons: text(4000, false),
    body: text(20000, false),
    tags: tagList,
    shared: checkbox,
    reason: text(200, false),
  })
  .superRefine((v, ctx) => {
    if (v.source === "other_office" && !v.sourceOffice) ctx.addIssue({ code: "custom", path: ["sourceOffice"], message: "errors.knowledge.sourceOffice" });
    if (!v.facts && !v.body) ctx.addIssue({ code: "custom", path: ["facts"], message: "errors.knowledge.factsOrBody" });
  });

/**
 * The case form posts basisKind_i, law_i, article_i, issuer_i, documentNumber_i, basisDate_i, basisSummary_i
 * for i = 0…5; filled rows are gathered (blank ones dropped) before validation.
 */
export function caseFromForm(formData: FormData): unknown {
  const get = (k: string) => String(formData.get(k) ?? "").trim();
  const legalBasis = [];
  for (let i = 0; i < MAX_BASIS_ROWS; i++) {
    const kind = get(`basisKind_${i}`) || "law";
    if (kind === "law") {
      const row = { kind, law: get(`law_${i}`), article: get(`article_${i}`) };
      if (row.law || row.article) legalBasis.push(row);
    } else {
      const row = { kind, issuer: get(`issuer_${i}`), documentNumber: get(`documentNumber_${i}`), date: get(`basisDate_${i}`), summary: get(`basisSummary_${i}`) };
      if (row.issuer || row.documentNumber || row.date) legalBasis.push(row);
    }
  }
  const fields = ["title", "category", "source", "sourceOffice", "caseDate", "facts", "issue", "handling", "lessons", "body", "tags", "shared", "reason"];
  return { ...Object.fromEntries(fields.map((f) => [f, formData.get(f) ?? undefined])), legalBasis };
}

/** `legalBasis.2.law` (zod's path) → `law_2`, the form's field name. */
export function caseErrorField(path: string): string {
  const m = /^legalBasis\.(\d+)\.(\w+)$/.exec(path);
  if (!m) return path;
  const name = m[2] === "date" ? "basisDate" : m[2] === "summary" ? "basisSummary" : m[2];
  return `${name}_${m[1]}`;
}

export const returnSchema = z.object({ reason: text(500, false) });

export const clippingSchema = z.object({
  title: text(120),
  outlet: text(60),
  url: z.preprocess(
    (v) => (v === undefined || v === null ? "" : String(v).trim()),
    z.union([z.literal(""), z.string().url("errors.knowledge.url").refine((u) => /^https?:\/\//i.test(u), "errors.knowledge.url")]),
  ),
  publishedOn: isoDate,
  summary: text(1000),
  lesson: text(2000, false),
  tags: tagList,
});

export const circulationSchema = z.object({
  kind: z.enum(["mandatory", "information"], { errorMap: () => ({ message: "errors.required" }) }),
  dueOn: optionalDate,
  audience: z.enum(["office", "roles", "people"], { errorMap: () => ({ message: "errors.required" }) }),
  audienceRoles: z.preprocess(
    (v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.enum(["staff", "committee", "chair", "supervisor", "director"])),
  ),
  audienceUserIds: idList,
  note: text(500, false),
});

export const acknowledgeSchema = z.object({ comment: text(500, false) });

export const searchSchema = z.object({
  q: z.string().trim().max(100).default(""),
  category: z.string().trim().max(30).optional(),
  tag: z.string().trim().max(20).optional(),
  source: z.string().trim().max(60).optional(),
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().catch(undefined),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().catch(undefined),
});
