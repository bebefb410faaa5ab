import { describe, expect, it } from "vitest";
import * as homeRoute from "~/routes/_index";
import * as loginRoute from "~/routes/login";
import * as logoutRoute from "~/routes/logout";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../../seeds/demo";
import { sessionCountOf, useTestDatabase, userIdOf } from "../helpers/db";
import { attemptSignIn, cookieHeaderFrom, get, parseSetCookie, post, redirectPath, signIn } from "../helpers/requests";

const t = useTestDatabase();

// The role each demo account is listed for (seeds/demo.ts, README).
const EXPECTED_ROLE: Record<keyof typeof DEMO_ACCOUNTS, string> = {
  director: "director",
  supervisor: "supervisor",
  chair: "chair",
  committee: "committee",
  staff: "staff",
  admin: "admin",
  bureau: "bureau",
  cityAdmin: "admin",
  otherOfficeAdmin: "admin",
  otherOfficeStaff: "staff",
};

describe("signing in", () => {
  it.each(Object.entries(DEMO_ACCOUNTS) as [keyof typeof DEMO_ACCOUNTS, string][])(
    "the %s demo account (%s) signs in with the demo password and sees its role at home",
    async (label, employeeNo) => {
      const result = await attemptSignIn(employeeNo, DEMO_PASSWORD, { clientAddress: `10.0.0.${employeeNo.length}` });
      expect(result.status).toBe(302);
      expect(redirectPath(result)).toBe("/");
      const cookie = cookieHeaderFrom(result.setCookies);
      const home = await get(homeRoute, "/", { cookie });
      expect(home.status).toBe(200);
      expect(home.data.roles).toContain(EXPECTED_ROLE[label]);
      expect(home.data.name).toEqual(expect.any(String));
    },
  );

  it("accepts the employee number in lower case, with spaces or typed in full-width IME mode", async () => {
    for (const typed of ["fb011", "  FB011 ", "ＦＢ０１１"]) {
      const result = await attemptSignIn(typed, DEMO_PASSWORD, { clientAddress: "10.0.1.1" });
      expect(result.status, typed).toBe(302);
    }
  });

  it("answers a wrong password and an unknown employee number exactly alike", async () => {
    const wrongPassword = await attemptSignIn("FB012", "not-the-password", { clientAddress: "10.0.1.2" });
    const unknownAccount = await attemptSignIn("FB999", "not-the-password", { clientAddress: "10.0.1.2" });
    for (const result of [wrongPassword, unknownAccount]) {
      expect(result.status).toBe(401);
      expect(result.data.errors).toEqual({ _form: "login.invalid" });
      expect(result.setCookies).toEqual([]);
    }
    // Same fields, same messages: only the echoed employee number differs.
    expect({ ...unknownAccount.data, values: { ...unknownAccount.data.values, employeeNo: "FB012" } }).toEqual(wrongPassword.data);
  });

  it("keeps the typed employee number after a failure but never sends the password back", async () => {
    const result = await attemptSignIn("FB012", "secret-typed-password", { clientAddress: "10.0.1.3", redirectTo: "/account/password" });
    expect(result.data.values).toEqual({ employeeNo: "FB012", redirectTo: "/account/password" });
    expect(JSON.stringify(result.data)).not.toContain("secret-typed-password");
  });

  it("asks for both fields when they are left empty", async () => {
    const result = await post(loginRoute, "/login", { employeeNo: " ", password: "" }, { clientAddress: "10.0.1.4" });
    expect(result.status).toBe(400);
    expect(result.data.errors).toEqual({ employeeNo: "errors.employeeNoRequired", password: "errors.passwordRequired" });
  });

  it("refuses a deactivated account with the same message as a wrong password", async () => {
    await t.db.updateTable("users").set({ active: false }).where("employeeNo", "=", "FB013").execute();
    const result = await attemptSignIn("FB013", DEMO_PASSWORD, { clientAddress: "10.0.1.5" });
    expect(result.status).toBe(401);
    expect(result.data.errors).toEqual({ _form: "login.invalid" });
  });

  it("returns to the page that asked for sign-in", async () => {
    const result = await attemptSignIn("FB014", DEMO_PASSWORD, { clientAddress: "10.0.1.6", redirectTo: "/account/password?x=1" });
    expect(redirectPath(result)).toBe("/account/password?x=1");
  });

  it("never redirects to another site after sign-in", async () => {
    for (const redirectTo of ["https://evil.example/", "//evil.example/", "/\\evil.example"]) {
      const result = await attemptSignIn("FB014", DEMO_PASSWORD, { clientAddress: "10.0.1.7", redirectTo });
      expect(result.location, redirectTo).toBe("/");
    }
  });

  it("gives every sign-in a new session id, even when the browser already sent one", async () => {
    const first = await signIn(t.db, "FB015");
    const second = await attemptSignIn("FB015", DEMO_PASSWORD, { cookie: first });
    const secondCookie = parseSetCookie(second.setCookies[0]);
    expect(secondCookie.name).toBe("fb_session");
    expect(`fb_session=${secondCookie.value}`).not.toBe(first);
  });

  it("shows the sign-in page to visitors and sends signed-in people home", async () => {
    const anonymous = await get(loginRoute, "/login?redirectTo=%2Fadmin%2Fusers");
    expect(anonymous.status).toBe(200);
    expect(anonymous.data).toEqual({ redirectTo: "/admin/users", signedOut: false });

    const cookie = await signIn(t.db, "FB016");
    const signedIn = await get(loginRoute, "/login", { cookie });
    expect(signedIn.status).toBe(302);
    expect(signedIn.location).toBe("/");
  });

  it("does not carry a foreign redirect target into the sign-in form", async () => {
    const page = await get(loginRoute, "/login?redirectTo=https%3A%2F%2Fevil.example");
    expect(page.data.redirectTo).toBe("/");
  });

  it("records each successful sign-in in the audit log", async () => {
    await signIn(t.db, "FB017");
    const id = await userIdOf(t.db, "FB017");
    const rows = await t.db.selectFrom("auditLog").select(["action", "actorUserId", "entityId"]).where("actorUserId", "=", id).execute();
    expect(rows).toContainEqual({ action: "session.login", actorUserId: id, entityId: String(id) });
  });
});

describe("signing out", () => {
  it("ends the session, clears the cookie and says so on the sign-in page", async () => {
    const cookie = await signIn(t.db, "FB018");
    expect(await sessionCountOf(t.db, "FB018")).toBe(1);

    const result = await post(logoutRoute, "/logout", {}, { cookie });
    expect(result.status).toBe(302);
    expect(redirectPath(result)).toBe("/login?signedOut=1");
    const cleared = parseSetCookie(result.setCookies[0]);
    expect(cleared.name).toBe("fb_session");
    expect(cleared.value).toBe("");
    expect(cleared.attributes["max-age"] === "0" || new Date(String(cleared.attributes.expires)).getTime() < Date.now()).toBe(true);
    expect(await sessionCountOf(t.db, "FB018")).toBe(0);

    const page = await get(loginRoute, "/login?signedOut=1");
    expect(page.data.signedOut).toBe(true);
  });

  it("makes the old cookie useless, even if someone kept a copy", async () => {
    const cookie = await signIn(t.db, "FB019");
    await post(logoutRoute, "/logout", {}, { cookie });
    const replay = await get(homeRoute, "/", { cookie });
    expect(replay.status).toBe(302);
    expect(redirectPath(replay)).toBe("/login?redirectTo=%2F");
  });

  it("does not sign out on a GET (a link or an image cannot sign people out)", async () => {
    const cookie = await signIn(t.db, "FB020");
    const result = await get(logoutRoute, "/logout", { cookie });
    expect(result.location).toBe("/");
    expect((await get(homeRoute, "/", { cookie })).status).toBe(200);
  });

  it("records the sign-out in the audit log", async () => {
    const cookie = await signIn(t.db, "FB021");
    await post(logoutRoute, "/logout", {}, { cookie });
    const id = await userIdOf(t.db, "FB021");
    // The demo seed wrote this person's training sign-ups and e-learning reports before; sessions are what count here.
    const actions = await t.db.selectFrom("auditLog").select("action").where("actorUserId", "=", id).where("action", "like", "session.%").orderBy("id").execute();
    expect(actions.map((a) => a.action)).toEqual(["session.login", "session.logout"]);
  });
});
