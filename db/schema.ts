import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";

/** Roles a person can hold in an office (PRODUCT.md, Roles). `bureau` and `admin` act across offices. */
export const ROLES = ["staff", "committee", "chair", "supervisor", "director", "bureau", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const COUNTER_KINDS = ["combined", "mobile", "citizen_certificate"] as const;
export type CounterKind = (typeof COUNTER_KINDS)[number];

export const OFFICE_KINDS = ["district", "bureau"] as const;
export type OfficeKind = (typeof OFFICE_KINDS)[number];

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string | null | undefined, never>;

export interface OfficesTable {
  id: Generated<number>;
  code: string;
  name: string;
  shortName: string;
  kind: ColumnType<OfficeKind, OfficeKind | undefined, OfficeKind>;
  active: Generated<boolean>;
  createdAt: CreatedAt;
}

export interface UsersTable {
  id: Generated<number>;
  officeId: number;
  employeeNo: string;
  name: string;
  title: string;
  email: string | null;
  passwordHash: string;
  mustChangePassword: Generated<boolean>;
  active: Generated<boolean>;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
}

export interface UserRolesTable {
  userId: number;
  officeId: number;
  role: Role;
}

export interface CountersTable {
  id: Generated<number>;
  officeId: number;
  number: number;
  kind: CounterKind;
  label: string | null;
  active: Generated<boolean>;
}

export interface SessionsTable {
  idHash: string;
  userId: number;
  officeId: number;
  createdAt: CreatedAt;
  lastSeenAt: Timestamp;
  userAgent: string | null;
}

export interface LoginAttemptsTable {
  id: Generated<string>;
  accountKey: string;
  clientKey: string;
  succeeded: boolean;
  at: CreatedAt;
}

export interface AuditLogTable {
  id: Generated<string>;
  at: CreatedAt;
  actorUserId: number | null;
  officeId: number | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: Json;
  after: Json;
}

export interface Database {
  offices: OfficesTable;
  users: UsersTable;
  userRoles: UserRolesTable;
  counters: CountersTable;
  sessions: SessionsTable;
  loginAttempts: LoginAttemptsTable;
  auditLog: AuditLogTable;
}

export type Office = Selectable<OfficesTable>;
export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
