import type { Executor, Role } from "../db.server";
import { sql } from "../db.server";
import { changedFields, recordAudit } from "../audit/audit.server";
import { hashPassword } from "../auth/password.server";
import { sortRoles } from "../auth/roles";
import { revokeSessions, type CurrentUser } from "../auth/session.server";
import { fetchPage } from "../listing.server";
import { likePattern, type ListParams } from "../listing";
import { DomainError } from "../domain-error";
import type { CounterInput, CreateUserInput, OfficeInput, UpdateUserInput } from "./org.schema";

/** `null` = every office (a city administrator); otherwise the offices an action may touch. */
export type OfficeScope = number[] | null;

function inScope(scope: OfficeScope, officeId: number) {
  return scope === null || scope.includes(officeId);
}

// ---------------------------------------------------------------- offices

export const OFFICE_SORTS = ["code", "name", "kind", "active"] as const;
export type OfficeSort = (typeof OFFICE_SORTS)[number];

export async function listOffices(db: Executor, scope: OfficeScope, params: ListParams<OfficeSort>, options: { all?: boolean } = {}) {
  let q = db
    .selectFrom("offices as o")
    .select((eb) => [
      "o.id",
      "o.code",
      "o.name",
      "o.shortName",
      "o.kind",
      "o.active",
      eb.selectFrom("users as u").select(eb.fn.countAll<number>().as("n")).whereRef("u.officeId", "=", "o.id").where("u.active", "=", true).as("userCount"),
      eb.selectFrom("counters as c").select(eb.fn.countAll<number>().as("n")).whereRef("c.officeId", "=", "o.id").where("c.active", "=", true).as("counterCount"),
    ]);
  if (scope) q = q.where("o.id", "in", scope);
  if (params.q) q = q.where((eb) => eb.or([eb("o.name", "like", likePattern(params.q)), eb("o.code", "ilike", likePattern(params.q))]));
  const page = await fetchPage(q, params, { code: "o.code", name: "o.name", kind: "o.kind", active: "o.active" }, "o.id", options);
  return { ...page, rows: page.rows.map((r) => ({ ...r, userCount: Number(r.userCount ?? 0), counterCount: Number(r.counterCount ?? 0) })) };
}

/** Offices offered in pickers (user's office, counter's office). */
export async function listOfficeChoices(db: Executor, scope: OfficeScope) {
  let q = db.selectFrom("offices").select(["id", "name", "kind"]).where("active", "=", true).orderBy("kind", "desc").orderBy("code");
  if (scope) q = q.where("id", "in", scope);
  return q.execute();
}

export async function getOffice(db: Executor, scope: OfficeScope, id: number) {
  if (!inScope(scope, id)) return undefined;
  return db.selectFrom("offices").select(["id", "code", "name", "shortName", "kind", "active"]).where("id", "=", id).executeTakeFirst();
}

async function assertOfficeCodeFree(db: Executor, code: string, exceptId?: number) {
  let q = db.selectFrom("offices").select("id").where(sql`upper(code)`, "=", code.toUpperCase());
  if (exceptId) q = q.where("id", "!=", exceptId);
  if (await q.executeTakeFirst()) throw new DomainError("code", "errors.officeCodeTaken");
}

export async function createOffice(db: Executor, actor: CurrentUser, input: OfficeInput): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await assertOfficeCodeFree(trx, input.code);
    const { id } = await trx.insertInto("offices").values(input).returning("id").executeTakeFirstOrThrow();
    await recordAudit(trx, { actorUserId: actor.id, officeId: id, action: "office.create", entityType: "office", entityId: id, after: input });
    return id;
  });
}

export async function updateOffice(db: Executor, actor: CurrentUser, scope: OfficeScope, id: number, input: OfficeInput) {
  return db.transaction().execute(async (trx) => {
    const before = await getOffice(trx, scope, id);
    if (!before) return false;
    await assertOfficeCodeFree(trx, input.code, id);
    const diff = changedFields(before, input);
    if (!diff.changed) return true;
    await trx.updateTable("offices").set(input).where("id", "=", id).execute();
    await recordAudit(trx, { actorUserId: actor.id, officeId: id, action: "office.update", entityType: "office", entityId: id, before: diff.before, after: diff.after });
    return true;
  });
}

// ---------------------------------------------------------------- users

export const USER_SORTS = ["employeeNo", "name", "title", "office", "active"] as const;
export type UserSort = (typeof USER_SORTS)[number];

export async function listUsers(db: Executor, scope: OfficeScope, params: ListParams<UserSort>, options: { all?: boolean } = {}) {
  let q = db
    .selectFrom("users as u")
    .innerJoin("offices as o", "o.id", "u.officeId")
    .select((eb) => [
      "u.id",
      "u.employeeNo",
      "u.name",
      "u.title",
      "u.email",
      "u.active",
      "o.shortName as officeName",
      eb
        .selectFrom("userRoles as r")
        .select(sql<string>`string_agg(r.role, ',' order by r.role)`.as("roles"))
        .whereRef("r.userId", "=", "u.id")
        .whereRef("r.officeId", "=", "u.officeId")
        .as("roles"),
    ]);
  if (scope) q = q.where("u.officeId", "in", scope);
  if (params.q) {
    const pattern = likePattern(params.q);
    q = q.where((eb) => eb.or([eb("u.name", "like", pattern), eb("u.employeeNo", "ilike", pattern), eb("u.title", "like", pattern)]));
  }
  const { office, role, active } = params.filters;
  if (office && Number(office) > 0) q = q.where("u.officeId", "=", Number(office));
  if (role) {
    q = q.where((eb) =>
      eb.exists(eb.selectFrom("userRoles as r2").select("r2.role").whereRef("r2.userId", "=", "u.id").where("r2.role", "=", role as Role)),
    );
  }
  if (active === "yes" || active === "no") q = q.where("u.active", "=", active === "yes");
  const page = await fetchPage(
    q,
    params,
    { employeeNo: "u.employeeNo", name: "u.name", title: "u.title", office: "o.code", active: "u.active" },
    "u.id",
    options,
  );
  return { ...page, rows: page.rows.map((r) => ({ ...r, roles: sortRoles((r.roles ?? "").split(",").filter(Boolean) as Role[]) })) };
}

export async function getUserForEdit(db: Executor, scope: OfficeScope, id: number) {
  let q = db
    .selectFrom("users")
    .select(["id", "employeeNo", "name", "title", "email", "officeId", "active", "mustChangePassword", "createdAt", "updatedAt"])
    .where("id", "=", id);
  if (scope) q = q.where("officeId", "in", scope);
  const user = await q.executeTakeFirst();
  if (!user) return undefined;
  const roles = await db.selectFrom("userRoles").select(["officeId", "role"]).where("userId", "=", id).execute();
  return {
    ...user,
    roles: roles.filter((r) => r.officeId === user.officeId).map((r) => r.role),
    otherOfficeRoles: roles.filter((r) => r.officeId !== user.officeId),
  };
}

async function validateUserPlacement(db: Executor, scope: OfficeScope, input: { officeId: number; roles: Role[]; employeeNo: string }, exceptId?: number) {
  if (!inScope(scope, input.officeId)) throw new DomainError("officeId", "errors.officeNotAllowed");
  const office = await db.selectFrom("offices").select(["kind", "active"]).where("id", "=", input.officeId).executeTakeFirst();
  if (!office) throw new DomainError("officeId", "errors.officeNotAllowed");
  if (input.roles.includes("bureau") && office.kind !== "bureau") throw new DomainError("roles", "errors.bureauRoleOffice");
  let taken = db.selectFrom("users").select("id").where(sql`upper(employee_no)`, "=", input.employeeNo.toUpperCase());
  if (exceptId) taken = taken.where("id", "!=", exceptId);
  if (await taken.executeTakeFirst()) throw new DomainError("employeeNo", "errors.employeeNoTaken");
}

export async function createUser(db: Executor, actor: CurrentUser, scope: OfficeScope, input: CreateUserInput): Promise<number> {
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    await validateUserPlacement(trx, scope, input);
    const { password: _password, roles, ...fields } = input;
    const { id } = await trx
      .insertInto("users")
      .values({ ...fields, email: fields.email ?? null, passwordHash, mustChangePassword: true })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx.insertInto("userRoles").values(roles.map((role) => ({ userId: id, officeId: input.officeId, role }))).execute();
    await recordAudit(trx, { actorUserId: actor.id, officeId: input.officeId, action: "user.create", entityType: "user", entityId: id, after: { ...fields, roles } });
    return id;
  });
}

export async function updateUser(db: Executor, actor: CurrentUser, scope: OfficeScope, id: number, input: UpdateUserInput): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const current = await getUserForEdit(trx, scope, id);
    if (!current) return false;
    await validateUserPlacement(trx, scope, input, id);
    if (id === actor.id && (!input.active || !input.roles.includes("admin"))) {
      // An administrator cannot lock themself out: another administrator must do it.
      throw new DomainError(input.active ? "roles" : "active", "errors.cannotDemoteSelf");
    }
    const { roles, ...fields } = input;
    const before = { employeeNo: current.employeeNo, name: current.name, title: current.title, email: current.email, officeId: current.officeId, active: current.active, roles: [...current.roles].sort() };
    const after = { ...fields, email: fields.email ?? null, roles: [...roles].sort() };
    const diff = changedFields(before, after);
    if (!diff.changed) return true;
    await trx.updateTable("users").set({ ...fields, email: fields.email ?? null, updatedAt: new Date() }).where("id", "=", id).execute();
    if ("roles" in diff.after || "officeId" in diff.after) {
      await trx.deleteFrom("userRoles").where("userId", "=", id).where("officeId", "in", [current.officeId, input.officeId]).execute();
      await trx.insertInto("userRoles").values(roles.map((role) => ({ userId: id, officeId: input.officeId, role }))).execute();
    }
    // Deactivation, a role change or a move revokes the sessions: the next request sees the new rights.
    if ("active" in diff.after || "roles" in diff.after || "officeId" in diff.after) await revokeSessions(trx, id);
    await recordAudit(trx, { actorUserId: actor.id, officeId: input.officeId, action: "user.update", entityType: "user", entityId: id, before: diff.before, after: diff.after });
    return true;
  });
}

export async function resetUserPassword(db: Executor, actor: CurrentUser, scope: OfficeScope, id: number, password: string): Promise<boolean> {
  const passwordHash = await hashPassword(password);
  return db.transaction().execute(async (trx) => {
    const user = await getUserForEdit(trx, scope, id);
    if (!user) return false;
    await trx.updateTable("users").set({ passwordHash, mustChangePassword: true, updatedAt: new Date() }).where("id", "=", id).execute();
    await revokeSessions(trx, id);
    await recordAudit(trx, { actorUserId: actor.id, officeId: user.officeId, action: "user.password.reset", entityType: "user", entityId: id });
    return true;
  });
}

// ---------------------------------------------------------------- counters

export const COUNTER_SORTS = ["number", "kind", "office", "active"] as const;
export type CounterSort = (typeof COUNTER_SORTS)[number];

export async function listCounters(db: Executor, scope: OfficeScope, params: ListParams<CounterSort>, options: { all?: boolean } = {}) {
  let q = db
    .selectFrom("counters as c")
    .innerJoin("offices as o", "o.id", "c.officeId")
    .select(["c.id", "c.number", "c.kind", "c.label", "c.active", "c.officeId", "o.shortName as officeName"]);
  if (scope) q = q.where("c.officeId", "in", scope);
  const { office, kind, active } = params.filters;
  if (office && Number(office) > 0) q = q.where("c.officeId", "=", Number(office));
  if (kind === "combined" || kind === "mobile" || kind === "citizen_certificate") q = q.where("c.kind", "=", kind);
  if (active === "yes" || active === "no") q = q.where("c.active", "=", active === "yes");
  if (params.q) q = q.where((eb) => eb.or([eb("c.label", "like", likePattern(params.q)), eb(sql`c.number::text`, "=", params.q)]));
  return fetchPage(q, params, { number: "c.number", kind: "c.kind", office: "o.code", active: "c.active" }, "c.id", options);
}

export async function getCounter(db: Executor, scope: OfficeScope, id: number) {
  let q = db.selectFrom("counters").select(["id", "officeId", "number", "kind", "label", "active"]).where("id", "=", id);
  if (scope) q = q.where("officeId", "in", scope);
  return q.executeTakeFirst();
}

async function assertCounterNumberFree(db: Executor, officeId: number, number: number, exceptId?: number) {
  let q = db.selectFrom("counters").select("id").where("officeId", "=", officeId).where("number", "=", number);
  if (exceptId) q = q.where("id", "!=", exceptId);
  if (await q.executeTakeFirst()) throw new DomainError("number", "errors.counterNumberTaken");
}

export async function createCounter(db: Executor, actor: CurrentUser, scope: OfficeScope, input: CounterInput): Promise<number> {
  if (!inScope(scope, input.officeId)) throw new DomainError("officeId", "errors.officeNotAllowed");
  return db.transaction().execute(async (trx) => {
    await assertCounterNumberFree(trx, input.officeId, input.number);
    const values = { ...input, label: input.label ?? null };
    const { id } = await trx.insertInto("counters").values(values).returning("id").executeTakeFirstOrThrow();
    await recordAudit(trx, { actorUserId: actor.id, officeId: input.officeId, action: "counter.create", entityType: "counter", entityId: id, after: values });
    return id;
  });
}

export async function updateCounter(db: Executor, actor: CurrentUser, scope: OfficeScope, id: number, input: CounterInput): Promise<boolean> {
  if (!inScope(scope, input.officeId)) throw new DomainError("officeId", "errors.officeNotAllowed");
  return db.transaction().execute(async (trx) => {
    const before = await getCounter(trx, scope, id);
    if (!before) return false;
    await assertCounterNumberFree(trx, input.officeId, input.number, id);
    const values = { ...input, label: input.label ?? null };
    const diff = changedFields(before, values);
    if (!diff.changed) return true;
    await trx.updateTable("counters").set(values).where("id", "=", id).execute();
    await recordAudit(trx, { actorUserId: actor.id, officeId: input.officeId, action: "counter.update", entityType: "counter", entityId: id, before: diff.before, after: diff.after });
    return true;
  });
}

/**
 * Sets the roles a person holds in an office other than their own (a supervisor lent to another
 * office, a committee member from the bureau). An empty list removes them from that office.
 */
export async function setOfficeRoles(db: Executor, actor: CurrentUser, scope: OfficeScope, userId: number, officeId: number, roles: Role[]): Promise<boolean> {
  if (!inScope(scope, officeId)) throw new DomainError("officeId", "errors.officeNotAllowed");
  return db.transaction().execute(async (trx) => {
    const user = await getUserForEdit(trx, scope, userId);
    if (!user) return false;
    if (officeId === user.officeId) throw new DomainError("officeId", "errors.useMainForm");
    const office = await trx.selectFrom("offices").select("kind").where("id", "=", officeId).executeTakeFirst();
    if (!office) throw new DomainError("officeId", "errors.officeNotAllowed");
    if (roles.includes("bureau") && office.kind !== "bureau") throw new DomainError("roles", "errors.bureauRoleOffice");
    const before = user.otherOfficeRoles.filter((r) => r.officeId === officeId).map((r) => r.role).sort();
    const after = [...new Set(roles)].sort();
    if (JSON.stringify(before) === JSON.stringify(after)) return true;
    await trx.deleteFrom("userRoles").where("userId", "=", userId).where("officeId", "=", officeId).execute();
    if (after.length) await trx.insertInto("userRoles").values(after.map((role) => ({ userId, officeId, role }))).execute();
    await revokeSessions(trx, userId);
    await recordAudit(trx, { actorUserId: actor.id, officeId, action: "user.roles.office", entityType: "user", entityId: userId, before: { officeId, roles: before }, after: { officeId, roles: after } });
    return true;
  });
}
