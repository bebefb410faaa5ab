import { describe, expect, it } from "vitest";
import { changePasswordSchema, loginSchema, safeRedirect } from "./auth.schema";
import { MIN_PASSWORD_LENGTH } from "./password-rules";

function errorsOf(result: { success: boolean; error?: { issues: { path: (string | number)[]; message: string }[] } }) {
  return Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join("."), i.message]));
}

describe("loginSchema", () => {
  it("trims the employee number people paste with spaces", () => {
    const r = loginSchema.safeParse({ employeeNo: "  FB010 ", password: "x" });
    expect(r.success && r.data.employeeNo).toBe("FB010");
  });

  it("asks for both fields with zh-TW message keys", () => {
    expect(errorsOf(loginSchema.safeParse({ employeeNo: "  ", password: "" }))).toEqual({
      employeeNo: "errors.employeeNoRequired",
      password: "errors.passwordRequired",
    });
  });

  it("refuses absurdly long input before any password hashing", () => {
    expect(errorsOf(loginSchema.safeParse({ employeeNo: "A".repeat(41), password: "p".repeat(201) }))).toEqual({
      employeeNo: "errors.tooLong",
      password: "errors.tooLong",
    });
  });
});

describe("changePasswordSchema", () => {
  const valid = { currentPassword: "Fubei-demo-2026", newPassword: "a long sentence", confirmPassword: "a long sentence" };

  it(`accepts ${MIN_PASSWORD_LENGTH} characters with no composition rules (ASVS 2.1)`, () => {
    const twelve = "a".repeat(MIN_PASSWORD_LENGTH);
    expect(changePasswordSchema.safeParse({ ...valid, newPassword: twelve, confirmPassword: twelve }).success).toBe(true);
    const chinese = "我每天騎腳踏車去戶政事務所上班";
    expect(changePasswordSchema.safeParse({ ...valid, newPassword: chinese, confirmPassword: chinese }).success).toBe(true);
  });

  it("refuses a password shorter than 12 characters", () => {
    const eleven = "a".repeat(MIN_PASSWORD_LENGTH - 1);
    expect(errorsOf(changePasswordSchema.safeParse({ ...valid, newPassword: eleven, confirmPassword: eleven }))).toMatchObject({
      newPassword: "errors.passwordTooShort",
    });
  });

  it("refuses a password longer than 128 characters", () => {
    const long = "a".repeat(129);
    expect(errorsOf(changePasswordSchema.safeParse({ ...valid, newPassword: long, confirmPassword: long }))).toMatchObject({
      newPassword: "errors.passwordTooLong",
    });
  });

  it("says when the two new passwords differ", () => {
    expect(errorsOf(changePasswordSchema.safeParse({ ...valid, confirmPassword: "a long sentenc" }))).toEqual({
      confirmPassword: "errors.passwordMismatch",
    });
  });

  it("refuses keeping the current password", () => {
    const same = { currentPassword: "a long sentence", newPassword: "a long sentence", confirmPassword: "a long sentence" };
    expect(errorsOf(changePasswordSchema.safeParse(same))).toEqual({ newPassword: "errors.passwordUnchanged" });
  });

  it("asks for the current password", () => {
    expect(errorsOf(changePasswordSchema.safeParse({ ...valid, currentPassword: "" }))).toMatchObject({
      currentPassword: "errors.passwordRequired",
    });
  });
});

describe("safeRedirect: no open redirect after sign-in", () => {
  it("keeps same-site paths with their query", () => {
    expect(safeRedirect("/admin/users?page=2")).toBe("/admin/users?page=2");
  });

  it.each([
    ["a full URL", "https://evil.example/login"],
    ["a protocol-relative URL", "//evil.example"],
    ["a backslash trick browsers treat as //", "/\\evil.example"],
    ["a javascript: URL", "javascript:alert(1)"],
    ["a relative path", "admin"],
    ["nothing", null],
    ["an empty string", ""],
  ])("sends %s to the fallback", (_label, to) => {
    expect(safeRedirect(to)).toBe("/");
    expect(safeRedirect(to, "/account/password")).toBe("/account/password");
  });
});
