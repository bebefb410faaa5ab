import { sql, type Executor } from "./db.server";

export async function checkDatabase(db: Executor): Promise<void> {
  await sql`select 1`.execute(db);
}
