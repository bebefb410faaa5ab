// The one door from app code to db/: only *.server.ts files may import db/ (ARCHITECTURE rule 2).
export type { Executor } from "../../db/connect";
export type { Database, Role, CounterKind } from "../../db/schema";
export { ROLES, COUNTER_KINDS } from "../../db/schema";
export { sql } from "kysely";
