import { z } from "zod";
import type { MessageKey } from "~/i18n/i18n";
import type { QuestionType } from "./question-types";

// Forms of the question bank (題庫) and the labels its pages and CSV share. Pure: browser and server.

export const QUESTION_TYPE_NAMES = [
  "multichoice",
  "truefalse",
  "shortanswer",
  "numerical",
  "matching",
  "essay",
  "description",
] as const satisfies readonly QuestionType[];

export function questionTypeLabel(type: QuestionType): MessageKey {
  return `bank.type.${type}` as MessageKey;
}

/** Largest bank file or pasted text accepted by the import page (the upload handler enforces it too). */
export const IMPORT_MAX_BYTES = 2 * 1024 * 1024;

export const IMPORT_FORMATS = ["gift", "aiken"] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** The import page: a bank pasted as text, or the text of an uploaded file (the route reads the file). */
export const importSchema = z.object({
  format: z.enum(IMPORT_FORMATS, { errorMap: () => ({ message: "errors.required" }) }),
  source: z.string({ required_error: "errors.bank.sourceRequired" }).refine((s) => s.trim() !== "", "errors.bank.sourceRequired"),
  filename: z.string().max(200).optional(),
  /** Aiken files have no categories: the category their questions go into ("" = top). */
  category: z.string().trim().max(200, "errors.tooLong").optional(),
});
export type ImportInput = z.infer<typeof importSchema>;

/** Editing a question is editing its GIFT text. */
export const editGiftSchema = z.object({
  gift: z
    .string({ required_error: "errors.required" })
    .max(100_000, "errors.tooLong")
    .refine((s) => s.trim() !== "", "errors.required"),
});

export const activeSchema = z.object({
  active: z.enum(["true", "false"]).transform((v) => v === "true"),
});

export const questionTypeSchema = z.enum(QUESTION_TYPE_NAMES);
