import type { Kysely } from "kysely";
import type { Database } from "../db/schema";

/** What the Express entry (server/app.ts) hands every loader and action. */
declare module "@remix-run/node" {
  interface AppLoadContext {
    db: Kysely<Database>;
    /** Per-response nonce for the Content-Security-Policy script-src. */
    cspNonce: string;
    /** The client's address as Express resolved it, used for login throttling. */
    clientAddress: string;
  }
}

export {};

// Single fetch (v3_singleFetch) types for useLoaderData/useActionData.
declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}
