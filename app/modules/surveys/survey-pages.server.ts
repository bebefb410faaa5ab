// What the survey pages (app/routes/surveys.*) need beyond surveys.server.ts: the owner picker of
// 改善對策, the forms' zod schemas, and reading a questionnaire form into raw answers. No answer of
// anybody is read here (README.md, "Anonymity design").
import { z } from "zod";
import type { Executor } from "../db.server";
import type { RawAnswers } from "./answers";
import { listQuestions, type DemographicQuestion, type SurveyTemplate } from "./template";

/** Active people of the office, for the owner of an action item (never used for answers). */
export async function listActionOwners(db: Executor, officeId: number) {
  return db
    .selectFrom("users as u")
    .select(["u.id", "u.name", "u.employeeNo", "u.title"])
    .where("u.active", "=", true)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("userRoles as r")
          .select("r.userId")
          .whereRef("r.userId", "=", "u.id")
          .where("r.officeId", "=", officeId)
          .where("r.role", "in", ["staff", "committee", "chair", "supervisor", "director"]),
      ),
    )
    .orderBy("u.employeeNo")
    .execute();
}

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "errors.invalid");

export const newRoundSchema = z
  .object({
    year: z.coerce.number().int().min(2000, "errors.invalid").max(2200, "errors.invalid"),
    half: z.enum(["1", "2"], { message: "errors.required" }).transform((h) => Number(h) as 1 | 2),
    opensOn: z.string({ required_error: "errors.required" }).min(1, "errors.required").pipe(isoDate),
    closesOn: z.string({ required_error: "errors.required" }).min(1, "errors.required").pipe(isoDate),
    demographicIds: z
      .union([z.string(), z.array(z.string())])
      .optional()
      .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
      .pipe(z.array(z.enum(["unit", "tenure"]))),
  });

export const actionItemSchema = z.object({
  title: z.string({ required_error: "errors.required" }).trim().min(1, "errors.required").max(200, "errors.tooLong"),
  description: z.string().trim().max(4000, "errors.tooLong").optional().transform((v) => v ?? ""),
  ownerId: z
    .string()
    .optional()
    .transform((v) => (v ? Number(v) : null))
    .refine((v) => v === null || (Number.isInteger(v) && v > 0), "errors.invalid"),
  dueOn: z
    .string()
    .optional()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || /^\d{4}-\d{2}-\d{2}$/.test(v), "errors.invalid"),
});

export const actionStatusSchema = z.object({
  itemId: z.coerce.number().int().positive(),
  status: z.enum(["open", "in_progress", "done"]),
});

/** Form field names of the questionnaire: `q.<question id>` and `d.<demographic id>`. */
export const answerField = (questionId: string) => `q.${questionId}`;
export const demographicField = (demographicId: string) => `d.${demographicId}`;

/**
 * The questionnaire form as raw answers (validated by answers.ts on the server): a multiple choice
 * is every ticked value, anything else the one value sent. Only the template's questions are read.
 */
export function readAnswerForm(template: SurveyTemplate, demographics: readonly DemographicQuestion[], formData: FormData) {
  const answers: Record<string, unknown> = {};
  for (const { question } of listQuestions(template)) {
    const name = answerField(question.id);
    if (question.kind === "multiple_choice") {
      const all = formData.getAll(name).filter((v): v is string => typeof v === "string");
      if (all.length) answers[question.id] = all;
    } else {
      const v = formData.get(name);
      if (typeof v === "string" && v !== "") answers[question.id] = v;
    }
  }
  const demo: Record<string, unknown> = {};
  for (const d of demographics) {
    const v = formData.get(demographicField(d.id));
    if (typeof v === "string" && v !== "") demo[d.id] = v;
  }
  return { answers: answers as RawAnswers, demographics: demo as RawAnswers };
}
