import { redirect, type AppLoadContext } from "@remix-run/node";
import { getCurrentUser, redirectToLogin, type CurrentUser } from "./session.server";
import { hasPermission, type Permission } from "./roles";

interface GuardArgs {
  request: Request;
  context: AppLoadContext;
}

/**
 * Every loader and action calls a guard itself: Remix runs parent loaders in parallel with the
 * child's, so a layout's check protects nothing (ARCHITECTURE rule 1).
 */
export async function requireUser(
  { request, context }: GuardArgs,
  options: { allowPendingPasswordChange?: boolean } = {},
): Promise<CurrentUser> {
  const user = await getCurrentUser(context.db, request);
  if (!user) return redirectToLogin(request);
  // A password set by an administrator is changed before anything else is used (ASVS 2.1.x, 2.5.x).
  if (user.mustChangePassword && !options.allowPendingPasswordChange) throw redirect("/account/password");
  return user;
}

export async function requirePermission(args: GuardArgs, permission: Permission): Promise<CurrentUser> {
  const user = await requireUser(args);
  if (!hasPermission(user.roles, permission)) {
    throw new Response("Forbidden", { status: 403 });
  }
  return user;
}

/** City-wide administrators hold `admin` in a bureau office; an office admin manages only their office. */
export function isCityAdmin(user: CurrentUser): boolean {
  return user.officeKind === "bureau" && user.roles.includes("admin");
}

/** Offices whose records this administrator may read and change; `null` means every office. */
export function administeredOfficeIds(user: CurrentUser): number[] | null {
  return isCityAdmin(user) ? null : [user.officeId];
}

export function notFound(): never {
  throw new Response("Not Found", { status: 404 });
}
