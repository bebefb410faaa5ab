import { data } from "@remix-run/node";
import type { ZodType, ZodTypeDef } from "zod";
import { DomainError } from "./domain-error";

export type FieldErrors = Record<string, string>;

/** What an action answers when a form is refused: the first error per field, and what was typed. */
export interface FormFailure {
  ok: false;
  errors: FieldErrors;
  values: Record<string, string | string[]>;
}

// Never echoed back to the browser, even on an error.
const SECRET_FIELDS = new Set(["password", "currentPassword", "newPassword", "confirmPassword"]);

export function formValues(formData: FormData): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {};
  for (const key of new Set(formData.keys())) {
    if (SECRET_FIELDS.has(key)) continue;
    const all = formData.getAll(key).filter((v): v is string => typeof v === "string");
    values[key] = all.length > 1 || key.endsWith("[]") || key === "roles" ? all : (all[0] ?? "");
  }
  return values;
}

/**
 * PostgreSQL cannot store U+0000 (NUL) in text or jsonb: an insert holding one fails (a 500 page and
 * nothing saved). It comes from text pasted out of another system or a tampered form, never from
 * typing, so such a field is refused beside it before any schema or command runs (issue 11, fuzzing).
 */
export function unstorableFieldErrors(formData: FormData): FieldErrors {
  const errors: FieldErrors = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value === "string" && value.includes("\u0000")) errors[key] ??= "errors.controlCharacter";
  }
  return errors;
}

/** Parses a submitted form with its zod schema (the server is where validation counts). */
export function parseForm<T>(
  schema: ZodType<T, ZodTypeDef, unknown>,
  formData: FormData,
): { ok: true; data: T } | FormFailure {
  const unstorable = unstorableFieldErrors(formData);
  if (Object.keys(unstorable).length > 0) return formFailure(formData, unstorable);
  const raw: Record<string, unknown> = {};
  for (const key of new Set(formData.keys())) {
    const all = formData.getAll(key);
    raw[key] = all.length > 1 || key === "roles" ? all : all[0];
  }
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path.join(".") || "_form";
    errors[field] ??= issue.message.startsWith("errors.") ? issue.message : "errors.invalid";
  }
  return { ok: false, errors, values: formValues(formData) };
}

export function formFailure(formData: FormData, errors: FieldErrors): FormFailure {
  return { ok: false, errors, values: formValues(formData) };
}

/**
 * Runs a command; a DomainError becomes a 400 answer with the message beside its field and the
 * typed values kept. Any other error propagates (and is logged, with a generic page shown).
 */
export async function runCommand<T>(formData: FormData, command: () => Promise<T>) {
  try {
    return { ok: true as const, result: await command() };
  } catch (error) {
    if (error instanceof DomainError) {
      return { ok: false as const, response: data(formFailure(formData, { [error.field]: error.messageKey }), { status: 400 }) };
    }
    throw error;
  }
}
