import { createHash } from "node:crypto";
import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { revokeSessions, sessionCookie } from "~/modules/auth/session.server";
import * as homeRoute from "~/routes/_index";
import * as logoutRoute from "~/routes/logout";
import { DEMO_PASSWORD } from "../../seeds/demo";
import { sessionCountOf, useTestDatabase, userIdOf } from "../helpers/db";
import { attemptSignIn, get, post, redirectPath, signIn } from "../helpers/requests";
import { routeFor } from "../helpers/routes";

const t = useTestDatabase();

async function userOf(employeeNo: string) {
  return userIdOf(t.db, employeeNo);
}

/** What the sessions table holds for a cookie: the SHA-256 of the token inside the signed cookie. */
async function storedHashOf(cookie: string): Promise<string> {
  const token: string = await sessionCookie().parse(cookie);
  return createHash("sha256").update(token).digest("hex");
}

async function ageSession(employeeNo: string, column: "last_seen_at" | "created_at", minutes: number) {
  const id = await userOf(employeeNo);
  await sql`update sessions set ${sql.ref(column)} = now() - make_interval(mins => ${minutes}) where user_id = ${id}`.execute(t.db);
}

async function isSignedIn(cookie: string) {
  const page = await get(homeRoute, "/", { cookie });
  if (page.status === 200) return true;
  expect(page.status).toBe(302);
  expect(redirectPath(page)).toBe("/login?redirectTo=%2F");
  return false;
}

const savedEnv = { idle: process.env.SESSION_IDLE_MINUTES, absolute: process.env.SESSION_ABSOLUTE_HOURS };
afterEach(() => {
  for (const [key, value] of [["SESSION_IDLE_MINUTES", savedEnv.idle], ["SESSION_ABSOLUTE_HOURS", savedEnv.absolute]] as const) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

describe("session lifetime", () => {
  it("ends after an hour without activity and removes the session row", async () => {
    const cookie = await signIn(t.db, "FB033");
    await ageSession("FB033", "last_seen_at", 61);
    expect(await isSignedIn(cookie)).toBe(false);
    expect(await sessionCountOf(t.db, "FB033")).toBe(0);
  });

  it("stays alive while the person keeps working, and activity moves the idle clock", async () => {
    const cookie = await signIn(t.db, "FB034");
    await ageSession("FB034", "last_seen_at", 50);
    expect(await isSignedIn(cookie)).toBe(true);
    // That visit counted as activity: 50 more minutes later the session is still within the hour.
    await ageSession("FB034", "last_seen_at", 50);
    expect(await isSignedIn(cookie)).toBe(true);
  });

  it("ends 12 hours after sign-in however active the person is", async () => {
    const cookie = await signIn(t.db, "FB035");
    await ageSession("FB035", "created_at", 12 * 60 + 1);
    expect(await isSignedIn(cookie)).toBe(false);
    expect(await sessionCountOf(t.db, "FB035")).toBe(0);
  });

  it("follows SESSION_IDLE_MINUTES and SESSION_ABSOLUTE_HOURS when a deployment sets them", async () => {
    process.env.SESSION_IDLE_MINUTES = "5";
    const idle = await signIn(t.db, "FB036");
    await ageSession("FB036", "last_seen_at", 4);
    expect(await isSignedIn(idle)).toBe(true);
    await ageSession("FB036", "last_seen_at", 6);
    expect(await isSignedIn(idle)).toBe(false);

    process.env.SESSION_ABSOLUTE_HOURS = "1";
    const absolute = await signIn(t.db, "FB037");
    await ageSession("FB037", "created_at", 61);
    expect(await isSignedIn(absolute)).toBe(false);
  });
});

describe("session cookie and storage", () => {
  it("refuses a cookie whose signature was tampered with", async () => {
    const cookie = await signIn(t.db, "FB038");
    const [name, value] = cookie.split("=");
    const forged = `${name}=${value.slice(0, -3)}${value.endsWith("AAA") ? "BBB" : "AAA"}`;
    expect(await isSignedIn(forged)).toBe(false);
    expect(await isSignedIn(cookie)).toBe(true);
  });

  it("refuses a made-up session cookie", async () => {
    expect(await isSignedIn("fb_session=eyJ0b2tlbiI6ImZha2UifQ%3D%3D")).toBe(false);
  });

  it("stores only a hash of the session token, so a copy of the table signs nobody in", async () => {
    const cookie = await signIn(t.db, "FB039");
    const id = await userOf("FB039");
    const rows = await t.db.selectFrom("sessions").select("idHash").where("userId", "=", id).execute();
    expect(rows).toEqual([{ idHash: await storedHashOf(cookie) }]);
    const token: string = await sessionCookie().parse(cookie);
    expect(rows[0].idHash).not.toContain(token);
    // A stolen table row used as a token, in a correctly signed cookie, does not sign anyone in.
    const fromStolenRow = (await sessionCookie().serialize(rows[0].idHash)).split(";")[0];
    expect(await isSignedIn(fromStolenRow)).toBe(false);
  });
});

describe("revocation", () => {
  it("ends only the session that signs out; the person's other devices stay signed in", async () => {
    const laptop = await signIn(t.db, "FB040");
    const counterPc = await signIn(t.db, "FB040");
    await post(logoutRoute, "/logout", {}, { cookie: laptop });
    expect(await isSignedIn(laptop)).toBe(false);
    expect(await isSignedIn(counterPc)).toBe(true);
  });

  it("ends every session of a deactivated person at their next request, even before revocation runs", async () => {
    const cookie = await signIn(t.db, "FB041");
    await t.db.updateTable("users").set({ active: false }).where("employeeNo", "=", "FB041").execute();
    expect(await isSignedIn(cookie)).toBe(false);
    expect(await sessionCountOf(t.db, "FB041")).toBe(0);
    expect((await attemptSignIn("FB041", DEMO_PASSWORD, { clientAddress: "10.3.0.1" })).status).toBe(401);
  });

  it("revokeSessions signs a person out everywhere, optionally keeping the current session", async () => {
    const a = await signIn(t.db, "FB042");
    const b = await signIn(t.db, "FB042");
    const c = await signIn(t.db, "FB042");
    const id = await userOf("FB042");
    await revokeSessions(t.db, id, await storedHashOf(b));
    expect([await isSignedIn(a), await isSignedIn(b), await isSignedIn(c)]).toEqual([false, true, false]);
    await revokeSessions(t.db, id);
    expect(await isSignedIn(b)).toBe(false);
  });

  it("does not let one person's sign-out touch another person's session", async () => {
    const mine = await signIn(t.db, "FB043");
    const theirs = await signIn(t.db, "FB044");
    await post(logoutRoute, "/logout", {}, { cookie: mine });
    expect(await isSignedIn(theirs)).toBe(true);
  });

  describe("by an administrator (/admin/users/:id)", () => {
    async function editAs(adminCookie: string, employeeNo: string, change: (fields: Record<string, string | string[]>) => void) {
      const route = await routeFor("/admin/users/:id");
      const id = String(await userOf(employeeNo));
      const page = await get(route, `/admin/users/${id}`, { cookie: adminCookie, params: { id } });
      expect(page.status).toBe(200);
      const u = page.data.user;
      const fields: Record<string, string | string[]> = {
        employeeNo: u.employeeNo, name: u.name, title: u.title, email: u.email ?? "", officeId: String(u.officeId), roles: u.roles,
      };
      if (u.active) fields.active = "on";
      change(fields);
      return post(route, `/admin/users/${id}`, fields, { cookie: adminCookie, params: { id } });
    }

    it("signs a deactivated person out at once and keeps them out", async () => {
      const admin = await signIn(t.db, "FB090");
      const victim = await signIn(t.db, "FB045");
      const result = await editAs(admin, "FB045", (f) => delete f.active);
      expect(result.status).toBe(302);
      expect(await sessionCountOf(t.db, "FB045")).toBe(0);
      expect(await isSignedIn(victim)).toBe(false);
      expect((await attemptSignIn("FB045", DEMO_PASSWORD, { clientAddress: "10.3.0.2" })).status).toBe(401);
    });

    it("signs a person out when their roles change, so the next request sees the new rights", async () => {
      const admin = await signIn(t.db, "FB090");
      const member = await signIn(t.db, "FB046");
      const result = await editAs(admin, "FB046", (f) => (f.roles = ["staff", "committee"]));
      expect(result.status).toBe(302);
      expect(await isSignedIn(member)).toBe(false);
      const again = await signIn(t.db, "FB046");
      expect((await get(homeRoute, "/", { cookie: again })).data.roles).toEqual(expect.arrayContaining(["staff", "committee"]));
    });

    it("signs a person out when an administrator resets their password, and they must choose a new one", async () => {
      const admin = await signIn(t.db, "FB090");
      const person = await signIn(t.db, "FB044");
      const route = await routeFor("/admin/users/:id");
      const id = String(await userOf("FB044"));
      const reset = await post(route, `/admin/users/${id}`, { intent: "resetPassword", password: "Temporary-pass-2026" }, { cookie: admin, params: { id } });
      expect(reset.status).toBe(302);
      expect(await isSignedIn(person)).toBe(false);
      const again = await signIn(t.db, "FB044", "Temporary-pass-2026");
      expect(redirectPath(await get(homeRoute, "/", { cookie: again }))).toBe("/account/password");
    });

    it("does not sign anyone out when nothing that matters changed", async () => {
      const admin = await signIn(t.db, "FB090");
      const person = await signIn(t.db, "FB043");
      const result = await editAs(admin, "FB043", (f) => (f.email = "fb043@example.gov.tw"));
      expect(result.status).toBe(302);
      expect(await isSignedIn(person)).toBe(true);
    });
  });
});
