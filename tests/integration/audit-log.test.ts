import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import * as homeRoute from "~/routes/_index";
import * as passwordRoute from "~/routes/account.password";
import { DEMO_PASSWORD } from "../../seeds/demo";
import { sessionCountOf, useTestDatabase, userIdOf } from "../helpers/db";
import { attemptSignIn, get, post, signIn } from "../helpers/requests";

const t = useTestDatabase();
const NEW_PASSWORD = "每一筆變更都要留下紀錄才安心";

describe("the audit log", () => {
  it("commits a password change and its audit row together or not at all", async () => {
    const here = await signIn(t.db, "FB031");
    const elsewhere = await signIn(t.db, "FB031");
    // Make the audit insert fail: if the change were not in the same transaction, it would stick.
    await sql`create function refuse_password_audit() returns trigger language plpgsql as $$
      begin
        if new.action = 'user.password.change' then raise exception 'audit store unavailable'; end if;
        return new;
      end $$`.execute(t.db);
    await sql`create trigger refuse_password_audit before insert on audit_log
      for each row execute function refuse_password_audit()`.execute(t.db);
    try {
      await expect(
        post(passwordRoute, "/account/password", { currentPassword: DEMO_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }, { cookie: here }),
      ).rejects.toThrow(/audit store unavailable/);
    } finally {
      await sql`drop trigger refuse_password_audit on audit_log`.execute(t.db);
      await sql`drop function refuse_password_audit()`.execute(t.db);
    }

    // Nothing changed: the old password works, the new one does not, the other session survives.
    expect((await attemptSignIn("FB031", NEW_PASSWORD, { clientAddress: "10.2.0.1" })).status).toBe(401);
    expect((await attemptSignIn("FB031", DEMO_PASSWORD, { clientAddress: "10.2.0.1" })).status).toBe(302);
    expect((await get(homeRoute, "/", { cookie: elsewhere })).status).toBe(200);
    expect(await sessionCountOf(t.db, "FB031")).toBe(3);

    // Once the audit store works again the same change goes through and is recorded.
    const ok = await post(passwordRoute, "/account/password", { currentPassword: DEMO_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }, { cookie: here });
    expect(ok.status).toBe(302);
    const id = await userIdOf(t.db, "FB031");
    const rows = await t.db.selectFrom("auditLog").select("action").where("entityId", "=", String(id)).where("action", "=", "user.password.change").execute();
    expect(rows).toHaveLength(1);
  });

  it("refuses UPDATE, DELETE and TRUNCATE, so history cannot be rewritten", async () => {
    const before = await t.db.selectFrom("auditLog").select(["id", "action", "actorUserId"]).orderBy("id").execute();
    expect(before.length).toBeGreaterThan(0);

    await expect(sql`update audit_log set action = 'tampered'`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`update audit_log set actor_user_id = null where action = 'session.login'`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log where action = 'seed.demo'`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_log`.execute(t.db)).rejects.toThrow(/append-only/);

    const after = await t.db.selectFrom("auditLog").select(["id", "action", "actorUserId"]).orderBy("id").execute();
    expect(after).toEqual(before);
  });

  it("still accepts new rows after a refused change", async () => {
    const count = async () => Number((await t.db.selectFrom("auditLog").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
    const n = await count();
    await signIn(t.db, "FB032");
    expect(await count()).toBe(n + 1);
  });
});
