import { createHash, randomBytes } from "node:crypto";
import { createCookie, redirect } from "@remix-run/node";
import type { Executor } from "../db.server";
import { sortRoles, type RoleName } from "./roles";

/** Idle and absolute session lifetimes (ASVS 3.3). Overridable for tests and deployments. */
export function sessionLimits() {
  return {
    idleMs: Number(process.env.SESSION_IDLE_MINUTES ?? 60) * 60_000,
    absoluteMs: Number(process.env.SESSION_ABSOLUTE_HOURS ?? 12) * 3_600_000,
  };
}
// last_seen_at is written at most this often, so every page view is not a write.
const TOUCH_INTERVAL_MS = 60_000;

let cookie: ReturnType<typeof createCookie> | undefined;
export function sessionCookie() {
  if (!cookie) {
    const secret = process.env.SESSION_SECRET;
    if (!secret) throw new Error("SESSION_SECRET is not set (server/index.ts sets one for the embedded database).");
    cookie = createCookie("fb_session", {
      httpOnly: true,
      sameSite: "lax",
      // Secure by default (browsers accept it on http://localhost); INSECURE_COOKIES=1 only for a plain-http intranet host.
      secure: process.env.INSECURE_COOKIES !== "1",
      path: "/",
      secrets: secret.split(","),
    });
  }
  return cookie;
}

function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export interface CurrentUser {
  id: number;
  employeeNo: string;
  name: string;
  title: string;
  mustChangePassword: boolean;
  /** The office the session works in; every office-owned read is scoped to it. */
  officeId: number;
  officeName: string;
  officeKind: "district" | "bureau";
  /** Roles held in the current office. */
  roles: RoleName[];
  /** Offices where the person holds any role, for the office switch. */
  offices: { id: number; name: string }[];
  sessionIdHash: string;
}

export async function startSession(db: Executor, userId: number, officeId: number, request: Request) {
  const token = randomBytes(32).toString("base64url");
  await db
    .insertInto("sessions")
    .values({
      idHash: hashToken(token),
      userId,
      officeId,
      userAgent: request.headers.get("user-agent")?.slice(0, 300) ?? null,
    })
    .execute();
  return sessionCookie().serialize(token);
}

async function readToken(request: Request): Promise<string | null> {
  const value = await sessionCookie().parse(request.headers.get("cookie"));
  return typeof value === "string" && value.length > 0 ? value : null;
}

export async function getCurrentUser(db: Executor, request: Request): Promise<CurrentUser | null> {
  const token = await readToken(request);
  if (!token) return null;
  const idHash = hashToken(token);
  const row = await db
    .selectFrom("sessions as s")
    .innerJoin("users as u", "u.id", "s.userId")
    .innerJoin("offices as o", "o.id", "s.officeId")
    .select([
      "s.createdAt",
      "s.lastSeenAt",
      "s.officeId",
      "u.id",
      "u.employeeNo",
      "u.name",
      "u.title",
      "u.active",
      "u.mustChangePassword",
      "o.name as officeName",
      "o.kind as officeKind",
    ])
    .where("s.idHash", "=", idHash)
    .executeTakeFirst();
  if (!row) return null;

  const now = Date.now();
  const { idleMs, absoluteMs } = sessionLimits();
  const expired =
    now - row.lastSeenAt.getTime() > idleMs || now - row.createdAt.getTime() > absoluteMs || !row.active;
  if (expired) {
    await db.deleteFrom("sessions").where("idHash", "=", idHash).execute();
    return null;
  }
  if (now - row.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await db.updateTable("sessions").set({ lastSeenAt: new Date() }).where("idHash", "=", idHash).execute();
  }

  const roleRows = await db
    .selectFrom("userRoles as r")
    .innerJoin("offices as o", "o.id", "r.officeId")
    .select(["r.officeId", "r.role", "o.name"])
    .where("r.userId", "=", row.id)
    .execute();
  const offices = new Map<number, string>();
  for (const r of roleRows) offices.set(r.officeId, r.name);

  return {
    id: row.id,
    employeeNo: row.employeeNo,
    name: row.name,
    title: row.title,
    mustChangePassword: row.mustChangePassword,
    officeId: row.officeId,
    officeName: row.officeName,
    officeKind: row.officeKind,
    roles: sortRoles(roleRows.filter((r) => r.officeId === row.officeId).map((r) => r.role)),
    offices: [...offices].map(([id, name]) => ({ id, name })),
    sessionIdHash: idHash,
  };
}

export async function switchSessionOffice(db: Executor, user: CurrentUser, officeId: number): Promise<boolean> {
  if (!user.offices.some((o) => o.id === officeId)) return false;
  await db.updateTable("sessions").set({ officeId }).where("idHash", "=", user.sessionIdHash).execute();
  return true;
}

export async function endSession(db: Executor, request: Request): Promise<string> {
  const token = await readToken(request);
  if (token) await db.deleteFrom("sessions").where("idHash", "=", hashToken(token)).execute();
  return sessionCookie().serialize("", { maxAge: 0 });
}

/** Signs the person out everywhere (password change, reset, deactivation, role change), optionally keeping one session. */
export async function revokeSessions(db: Executor, userId: number, keepIdHash?: string): Promise<void> {
  let q = db.deleteFrom("sessions").where("userId", "=", userId);
  if (keepIdHash) q = q.where("idHash", "!=", keepIdHash);
  await q.execute();
}

export async function redirectToLogin(request: Request): Promise<never> {
  const url = new URL(request.url);
  const back = url.pathname + url.search;
  const clear = await sessionCookie().serialize("", { maxAge: 0 });
  throw redirect(`/login?redirectTo=${encodeURIComponent(back)}`, { headers: { "Set-Cookie": clear } });
}
