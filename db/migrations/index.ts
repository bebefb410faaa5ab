import type { Migration } from "kysely";
import * as createFoundation from "./20261128T090000-create-foundation";

/** Every migration, by name, in order. A static list so the server build needs no folder reads. */
export const migrations: Record<string, Migration> = {
  "20261128T090000-create-foundation": createFoundation,
};
