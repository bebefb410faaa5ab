import { sql, type Kysely } from "kysely";

/**
 * Foundation: offices, people and their roles per office, counters, server-side sessions,
 * login throttling and the append-only audit log. Frozen once landed: changes are new migrations.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("offices")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("code", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("short_name", "text", (c) => c.notNull())
    // A bureau office (民政局) is where city-wide roles are held: its admins administer every office.
    .addColumn("kind", "text", (c) => c.notNull().defaultTo("district").check(sql`kind in ('district','bureau')`))
    .addColumn("active", "boolean", (c) => c.notNull().defaultTo(true))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable("users")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("office_id", "integer", (c) => c.notNull().references("offices.id"))
    // 員工編號: the sign-in name; unique across the city so one instance can serve every office.
    .addColumn("employee_no", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("email", "text")
    .addColumn("password_hash", "text", (c) => c.notNull())
    .addColumn("must_change_password", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("active", "boolean", (c) => c.notNull().defaultTo(true))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("users_office_idx").on("users").column("office_id").execute();

  await db.schema
    .createTable("user_roles")
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("office_id", "integer", (c) => c.notNull().references("offices.id"))
    .addColumn("role", "text", (c) =>
      c.notNull().check(sql`role in ('staff','committee','chair','supervisor','director','bureau','admin')`),
    )
    .addPrimaryKeyConstraint("user_roles_pk", ["user_id", "office_id", "role"])
    .execute();
  await db.schema.createIndex("user_roles_office_idx").on("user_roles").columns(["office_id", "role"]).execute();

  await db.schema
    .createTable("counters")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("office_id", "integer", (c) => c.notNull().references("offices.id"))
    .addColumn("number", "integer", (c) => c.notNull().check(sql`number > 0`))
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('combined','mobile','citizen_certificate')`))
    .addColumn("label", "text")
    .addColumn("active", "boolean", (c) => c.notNull().defaultTo(true))
    .addUniqueConstraint("counters_office_number_uq", ["office_id", "number"])
    .execute();

  await db.schema
    .createTable("sessions")
    // The SHA-256 of the cookie's token: a copy of this table does not let anyone sign in.
    .addColumn("id_hash", "text", (c) => c.primaryKey())
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("office_id", "integer", (c) => c.notNull().references("offices.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("last_seen_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("user_agent", "text")
    .execute();
  await db.schema.createIndex("sessions_user_idx").on("sessions").column("user_id").execute();

  await db.schema
    .createTable("login_attempts")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    // Throttling keys: the normalised employee number typed (existing or not) and the client address.
    .addColumn("account_key", "text", (c) => c.notNull())
    .addColumn("client_key", "text", (c) => c.notNull())
    .addColumn("succeeded", "boolean", (c) => c.notNull())
    .addColumn("at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("login_attempts_account_idx").on("login_attempts").columns(["account_key", "at"]).execute();
  await db.schema.createIndex("login_attempts_client_idx").on("login_attempts").columns(["client_key", "at"]).execute();

  await db.schema
    .createTable("audit_log")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("actor_user_id", "integer", (c) => c.references("users.id"))
    .addColumn("office_id", "integer", (c) => c.references("offices.id"))
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("entity_type", "text", (c) => c.notNull())
    .addColumn("entity_id", "text")
    .addColumn("before", "jsonb")
    .addColumn("after", "jsonb")
    .execute();
  await db.schema.createIndex("audit_log_at_idx").on("audit_log").column("at").execute();
  await db.schema.createIndex("audit_log_entity_idx").on("audit_log").columns(["entity_type", "entity_id"]).execute();

  // Append-only: the database itself refuses to change or remove an audit row (ASVS 7.3.3).
  await sql`
    create function audit_log_refuse_change() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_log is append-only';
    end $$`.execute(db);
  await sql`
    create trigger audit_log_no_update_delete before update or delete on audit_log
    for each row execute function audit_log_refuse_change()`.execute(db);
  await sql`
    create trigger audit_log_no_truncate before truncate on audit_log
    for each statement execute function audit_log_refuse_change()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("audit_log").execute();
  await sql`drop function audit_log_refuse_change()`.execute(db);
  for (const t of ["login_attempts", "sessions", "counters", "user_roles", "users", "offices"]) {
    await db.schema.dropTable(t).execute();
  }
}
