// The quiz-taking and practice forms' schemas, kept apart from attempts.schema.ts (whose field names
// and DTOs the question view uses in the browser) so that zod stays out of the quiz page's bundle:
// Remix leaves `.server` modules out of the browser build (issue 10, first-load JavaScript).
import { z } from "zod";

export const attemptIntentSchema = z.object({
  intent: z.enum(["save", "submit"], { message: "errors.invalid" }),
  /** Where to go after saving: a question number, "confirm" (the submit step) or "all". */
  go: z
    .string()
    .regex(/^(\d{1,4}|confirm|all|review)$/)
    .optional(),
});

export const startPracticeSchema = z.object({
  categories: z.preprocess(
    (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.string().trim().min(1).max(200)).min(1, { message: "practice.error.chooseTopic" }).max(100),
  ),
  count: z.coerce.number({ message: "errors.invalid" }).int().min(1, { message: "errors.invalid" }).max(50, { message: "errors.invalid" }),
});
export type StartPracticeInput = z.infer<typeof startPracticeSchema>;

export const answerPracticeSchema = z.object({
  position: z.coerce.number().int().min(1).max(1000),
});
