// A portal of the test file's own: a fresh in-memory PGlite (migrated, demo seed) served in this
// process by the real Express entry (tests/helpers/server.ts). Journeys that fill every module with
// hostile text use it instead of the shared e2e server, so what they write never shows up in the
// other journeys' pages, and they can read the database directly to find the ids they need.
// Creating PGlite takes 3–12 s and about 1 GiB (ARCHITECTURE.md, traps): one per file.
import type { Kysely } from "kysely";
import { createDb, migrateToLatest } from "../../../db/connect";
import type { Database } from "../../../db/schema";
import { DEMO_PASSWORD, seedDemo } from "../../../seeds/demo";
import { startServer } from "../../helpers/server";

export interface OwnPortal {
  origin: string;
  db: Kysely<Database>;
  close(): Promise<void>;
}

export async function startOwnPortal(): Promise<OwnPortal> {
  // The server entry would keep a secret beside its data folder; in-process there is none.
  process.env.SESSION_SECRET ??= "e2e-own-portal-session-secret-not-for-production";
  const handle = await createDb({ dataDir: "memory://" });
  try {
    await migrateToLatest(handle.db);
    await seedDemo(handle.db);
    const server = await startServer(handle.db);
    return {
      origin: server.origin,
      db: handle.db,
      async close() {
        await server.close();
        await handle.close();
      },
    };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/** What a form post answered: the status, where a redirect points, and the page's text. */
export interface Answer {
  status: number;
  location: string | null;
  text: string;
}

export type Fields = Record<string, string | string[]>;

/**
 * One signed-in person talking HTTP to a portal, the way a browser without JavaScript does: form
 * posts (url-encoded, or multipart when a file is attached) with the session cookie and a same-site
 * Origin, redirects not followed so the caller sees where the action sent them.
 */
export class PortalClient {
  private constructor(
    readonly origin: string,
    readonly employeeNo: string,
    /** `fb_session=…`, to send as a Cookie header or hand to a browser context. */
    readonly cookie: string,
  ) {}

  static async signIn(origin: string, employeeNo: string, password = DEMO_PASSWORD): Promise<PortalClient> {
    const response = await fetch(`${origin}/login`, {
      method: "POST",
      headers: { Origin: origin, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ employeeNo, password }),
      redirect: "manual",
    });
    const cookie = response.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .find((c) => c.startsWith("fb_session="));
    if (response.status !== 302 || !cookie) throw new Error(`Sign-in of ${employeeNo} answered ${response.status}`);
    return new PortalClient(origin, employeeNo, cookie);
  }

  /** A form post; a File among the values makes it multipart. */
  async post(path: string, fields: Fields, files: Record<string, File> = {}): Promise<Answer> {
    let body: URLSearchParams | FormData;
    if (Object.keys(files).length > 0) {
      const form = new FormData();
      for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) form.append(name, v);
      for (const [name, file] of Object.entries(files)) form.append(name, file);
      body = form;
    } else {
      body = new URLSearchParams();
      for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) body.append(name, v);
    }
    const response = await fetch(`${this.origin}${path}`, {
      method: "POST",
      headers: { Origin: this.origin, Cookie: this.cookie },
      body,
      redirect: "manual",
    });
    return { status: response.status, location: response.headers.get("Location"), text: await response.text() };
  }

  /** A post that must succeed with a redirect (how every action here says "saved"); its Location. */
  async postOk(path: string, fields: Fields, files: Record<string, File> = {}): Promise<string> {
    const answer = await this.post(path, fields, files);
    if (answer.status !== 302 && answer.status !== 303) {
      const why = /<div[^>]*role="alert"[^>]*>([\s\S]{0,400})/.exec(answer.text)?.[1]?.replace(/<[^>]+>/g, " ") ?? answer.text.slice(0, 300);
      throw new Error(`${this.employeeNo} POST ${path} (${fields.intent ?? "no intent"}) answered ${answer.status}, not a redirect: ${why}`);
    }
    return answer.location ?? "";
  }
}

/** The number after `prefix` in a redirect such as `/cases/12?notice=created`. */
export function idIn(location: string, prefix: string): number {
  const match = new RegExp(`${prefix.replace(/[/$]/g, "\\$&")}(\\d+)`).exec(location);
  if (!match) throw new Error(`No id after ${prefix} in ${location}`);
  return Number(match[1]);
}
