import { describe, expect, it } from "vitest";
import * as homeRoute from "~/routes/_index";
import * as passwordRoute from "~/routes/account.password";
import * as switchOfficeRoute from "~/routes/switch-office";
import { DEMO_PASSWORD } from "../../seeds/demo";
import { sessionCountOf, useTestDatabase, userIdOf } from "../helpers/db";
import { attemptSignIn, get, post, redirectPath, signIn } from "../helpers/requests";

const t = useTestDatabase();
const NEW_PASSWORD = "戶政櫃台每天早上八點準時開門"; // 14 characters: a sentence is a good password

function change(cookie: string, fields: { currentPassword?: string; newPassword?: string; confirmPassword?: string }) {
  return post(passwordRoute, "/account/password", { currentPassword: "", newPassword: "", confirmPassword: "", ...fields }, { cookie });
}

describe("changing one's own password", () => {
  it("refuses a short new password with a zh-TW message key and never echoes what was typed", async () => {
    const cookie = await signIn(t.db, "FB022");
    const result = await change(cookie, { currentPassword: DEMO_PASSWORD, newPassword: "short-pw", confirmPassword: "short-pw" });
    expect(result.status).toBe(400);
    expect(result.data.errors).toEqual({ newPassword: "errors.passwordTooShort" });
    // Only non-secret fields come back to refill the form; this form has none.
    expect(result.data.values).toEqual({});
    expect(JSON.stringify(result.data)).not.toContain(DEMO_PASSWORD);
    expect(JSON.stringify(result.data)).not.toContain("short-pw");
  });

  it("says when the new password and its confirmation differ", async () => {
    const cookie = await signIn(t.db, "FB022");
    const result = await change(cookie, { currentPassword: DEMO_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: `${NEW_PASSWORD}!` });
    expect(result.status).toBe(400);
    expect(result.data.errors).toEqual({ confirmPassword: "errors.passwordMismatch" });
  });

  it("refuses a wrong current password and leaves the password as it was", async () => {
    const cookie = await signIn(t.db, "FB023");
    const result = await change(cookie, { currentPassword: "Not-my-password-1", newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    expect(result.status).toBe(400);
    expect(result.data.errors).toEqual({ currentPassword: "errors.currentPasswordWrong" });
    expect((await attemptSignIn("FB023", NEW_PASSWORD, { clientAddress: "10.1.0.1" })).status).toBe(401);
    expect((await attemptSignIn("FB023", DEMO_PASSWORD, { clientAddress: "10.1.0.1" })).status).toBe(302);
  });

  it("changes the password, keeps this session and signs out every other one", async () => {
    const here = await signIn(t.db, "FB024");
    const elsewhere = await signIn(t.db, "FB024");
    expect(await sessionCountOf(t.db, "FB024")).toBe(2);

    const result = await change(here, { currentPassword: DEMO_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    expect(result.status).toBe(302);
    expect(redirectPath(result)).toBe("/?notice=passwordChanged");

    expect((await get(homeRoute, "/", { cookie: here })).status).toBe(200);
    const other = await get(homeRoute, "/", { cookie: elsewhere });
    expect(other.status).toBe(302);
    expect(redirectPath(other)).toMatch(/^\/login\?/);
    expect(await sessionCountOf(t.db, "FB024")).toBe(1);

    const old = await attemptSignIn("FB024", DEMO_PASSWORD, { clientAddress: "10.1.0.2" });
    expect(old.status).toBe(401);
    expect(old.data.errors).toEqual({ _form: "login.invalid" });
    expect((await attemptSignIn("FB024", NEW_PASSWORD, { clientAddress: "10.1.0.2" })).status).toBe(302);
  });

  it("writes a user.password.change audit row without the password in it", async () => {
    const cookie = await signIn(t.db, "FB025");
    await change(cookie, { currentPassword: DEMO_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    const id = await userIdOf(t.db, "FB025");
    const rows = await t.db
      .selectFrom("auditLog")
      .select(["action", "actorUserId", "entityType", "entityId", "before", "after"])
      .where("action", "=", "user.password.change")
      .where("entityId", "=", String(id))
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actorUserId: id, entityType: "user" });
    const text = JSON.stringify(rows[0]);
    expect(text).not.toContain(NEW_PASSWORD);
    expect(text).not.toContain("$argon2");
  });

  it("asks a signed-out visitor to sign in first", async () => {
    const page = await get(passwordRoute, "/account/password");
    expect(redirectPath(page)).toBe("/login?redirectTo=%2Faccount%2Fpassword");
    const submit = await change("", { currentPassword: DEMO_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    expect(redirectPath(submit)).toBe("/login?redirectTo=%2Faccount%2Fpassword");
  });
});

describe("a password set by an administrator", () => {
  it("must be changed before anything else can be used", async () => {
    await t.db.updateTable("users").set({ mustChangePassword: true }).where("employeeNo", "=", "FB026").execute();
    const cookie = await signIn(t.db, "FB026");

    const home = await get(homeRoute, "/", { cookie });
    expect(home.status).toBe(302);
    expect(redirectPath(home)).toBe("/account/password");
    expect(redirectPath(await get(switchOfficeRoute, "/switch-office", { cookie }))).toBe("/account/password");

    const page = await get(passwordRoute, "/account/password", { cookie });
    expect(page.status).toBe(200);
    expect(page.data).toEqual({ mustChangePassword: true });

    const result = await change(cookie, { currentPassword: DEMO_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    expect(result.status).toBe(302);
    expect((await get(homeRoute, "/", { cookie })).status).toBe(200);
    expect((await get(passwordRoute, "/account/password", { cookie })).data).toEqual({ mustChangePassword: false });
  });
});
