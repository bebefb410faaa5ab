import { z } from "zod";
import { ROLE_NAMES } from "../auth/roles";
import { newPasswordField } from "../auth/auth.schema";

// Checkboxes arrive as repeated fields; a single value arrives as a string.
const stringList = z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.string()));
const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());
const optionalText = (max: number) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), z.string().trim().max(max, "errors.tooLong").optional());

export const officeSchema = z.object({
  code: z.string().trim().min(1, "errors.required").max(20, "errors.tooLong").regex(/^[A-Za-z0-9_-]+$/, "errors.codeFormat"),
  name: z.string().trim().min(1, "errors.required").max(60, "errors.tooLong"),
  shortName: z.string().trim().min(1, "errors.required").max(20, "errors.tooLong"),
  kind: z.enum(["district", "bureau"], { errorMap: () => ({ message: "errors.required" }) }),
  active: checkbox,
});
export type OfficeInput = z.infer<typeof officeSchema>;

const userFields = {
  employeeNo: z
    .string()
    .trim()
    .min(1, "errors.required")
    .max(20, "errors.tooLong")
    .regex(/^[A-Za-z0-9-]+$/, "errors.employeeNoFormat"),
  name: z.string().trim().min(1, "errors.required").max(40, "errors.tooLong"),
  title: z.string().trim().min(1, "errors.required").max(40, "errors.tooLong"),
  email: optionalText(120).pipe(z.string().email("errors.emailFormat").optional()),
  officeId: z.coerce.number({ invalid_type_error: "errors.required" }).int().positive("errors.required"),
  roles: stringList.pipe(z.array(z.enum(ROLE_NAMES)).min(1, "errors.rolesRequired")),
};

export const createUserSchema = z.object({ ...userFields, password: newPasswordField });
export type CreateUserInput = z.infer<typeof createUserSchema>;

export const updateUserSchema = z.object({ ...userFields, active: checkbox });
export type UpdateUserInput = z.infer<typeof updateUserSchema>;

export const resetPasswordSchema = z.object({ password: newPasswordField });

export const counterSchema = z.object({
  officeId: z.coerce.number({ invalid_type_error: "errors.required" }).int().positive("errors.required"),
  number: z.coerce
    .number({ invalid_type_error: "errors.counterNumber" })
    .int("errors.counterNumber")
    .min(1, "errors.counterNumber")
    .max(999, "errors.counterNumber"),
  kind: z.enum(["combined", "mobile", "citizen_certificate"], { errorMap: () => ({ message: "errors.required" }) }),
  label: optionalText(40),
  active: checkbox,
});
export type CounterInput = z.infer<typeof counterSchema>;

export const officeRolesSchema = z.object({
  officeId: z.coerce.number({ invalid_type_error: "errors.required" }).int().positive("errors.required"),
  roles: stringList.pipe(z.array(z.enum(ROLE_NAMES))),
});
