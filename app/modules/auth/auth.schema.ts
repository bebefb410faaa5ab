import { z } from "zod";
import { MIN_PASSWORD_LENGTH } from "./password-rules";

// Messages are i18n keys; the form translates them (app/i18n).
export const loginSchema = z.object({
  employeeNo: z.string().trim().min(1, "errors.employeeNoRequired").max(40, "errors.tooLong"),
  password: z.string().min(1, "errors.passwordRequired").max(200, "errors.tooLong"),
  redirectTo: z.string().optional(),
});

export const newPasswordField = z
  .string()
  .min(MIN_PASSWORD_LENGTH, "errors.passwordTooShort")
  .max(128, "errors.passwordTooLong");

export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, "errors.passwordRequired"),
    newPassword: newPasswordField,
    confirmPassword: z.string(),
  })
  .refine((v) => v.newPassword === v.confirmPassword, {
    path: ["confirmPassword"],
    message: "errors.passwordMismatch",
  })
  .refine((v) => v.newPassword !== v.currentPassword, {
    path: ["newPassword"],
    message: "errors.passwordUnchanged",
  });

/** Only same-site paths, never `//host` or a full URL: an open redirect after sign-in is a phishing aid. */
export function safeRedirect(to: string | null | undefined, fallback = "/"): string {
  if (!to || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  return to;
}
