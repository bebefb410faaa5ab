// Who the demo seed creates, read from the seed itself: seedDemo() runs against a Kysely whose
// driver only records the INSERTs (no database), so the journeys can expect each demo account's
// real name, office and roles without copying them from seeds/demo.ts.
import {
  CompiledQuery,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
} from "kysely";
import type { Database, Role } from "../../../db/schema";
import { seedDemo } from "../../../seeds/demo";

export interface DemoPerson {
  employeeNo: string;
  name: string;
  title: string;
  officeName: string;
  roles: Role[];
}

type Row = Record<string, unknown>;

/** Turns `insert into "t" ("a", "b") values ($1, $2), ($3, $4)` back into rows. */
function insertedRows(query: CompiledQuery): { table: string; rows: Row[] } | null {
  const match = /^insert into "(\w+)" \(([^)]*)\) values /i.exec(query.sql);
  if (!match) return null;
  const columns = match[2].split(",").map((c) => c.trim().replace(/"/g, ""));
  const rows: Row[] = [];
  const params = query.parameters;
  for (let i = 0; i + columns.length <= params.length; i += columns.length) {
    rows.push(Object.fromEntries(columns.map((c, j) => [c, params[i + j]])));
  }
  return { table: match[1], rows };
}

class RecordingConnection implements DatabaseConnection {
  constructor(private readonly record: (table: string, rows: Row[]) => number) {}
  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const inserted = insertedRows(query);
    if (!inserted) return { rows: [] };
    const firstId = this.record(inserted.table, inserted.rows);
    return { rows: inserted.rows.map((_, i) => ({ id: firstId + i })) as R[] };
  }
  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error("not supported");
  }
}

class RecordingDriver implements Driver {
  constructor(private readonly connection: RecordingConnection) {}
  async init() {}
  async acquireConnection() {
    return this.connection;
  }
  async beginTransaction() {}
  async commitTransaction() {}
  async rollbackTransaction() {}
  async releaseConnection() {}
  async destroy() {}
}

let cached: Promise<Map<string, DemoPerson>> | undefined;

/** Every demo person by employee number (runs the seed once per test file; argon2 makes it ~0.1 s). */
export function demoPeople(): Promise<Map<string, DemoPerson>> {
  cached ??= (async () => {
    const tables = new Map<string, Row[]>();
    let nextId = 1;
    const record = (table: string, rows: Row[]) => {
      const withIds = rows.map((row, i) => ({ ...row, id: nextId + i }));
      tables.set(table, [...(tables.get(table) ?? []), ...withIds]);
      const first = nextId;
      nextId += rows.length;
      return first;
    };
    // No CamelCasePlugin: the recorded column names stay as seedDemo wrote them (camelCase).
    const db = new Kysely<Database>({
      dialect: {
        createAdapter: () => new PostgresAdapter(),
        createDriver: () => new RecordingDriver(new RecordingConnection(record)),
        createIntrospector: (k) => new PostgresIntrospector(k),
        createQueryCompiler: () => new PostgresQueryCompiler(),
      },
    });
    await seedDemo(db);
    await db.destroy();

    const offices = new Map((tables.get("offices") ?? []).map((o) => [o.id as number, o.name as string]));
    const rolesByUser = new Map<number, Role[]>();
    for (const r of tables.get("userRoles") ?? []) {
      rolesByUser.set(r.userId as number, [...(rolesByUser.get(r.userId as number) ?? []), r.role as Role]);
    }
    const people = new Map<string, DemoPerson>();
    for (const u of tables.get("users") ?? []) {
      people.set(u.employeeNo as string, {
        employeeNo: u.employeeNo as string,
        name: u.name as string,
        title: u.title as string,
        officeName: offices.get(u.officeId as number) ?? "",
        roles: rolesByUser.get(u.id as number) ?? [],
      });
    }
    if (people.size === 0) throw new Error("Could not read the demo people from seeds/demo.ts (did its INSERTs change shape?)");
    return people;
  })();
  return cached;
}
