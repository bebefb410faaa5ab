import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { recordAudit } from "~/modules/audit/audit.server";
import { endSession, getCurrentUser } from "~/modules/auth/session.server";

// Sign-out is a POST only (a link or image could otherwise sign people out).
export async function loader(_: LoaderFunctionArgs) {
  throw redirect("/");
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await getCurrentUser(context.db, request);
  if (user) {
    await recordAudit(context.db, { actorUserId: user.id, officeId: user.officeId, action: "session.logout", entityType: "user", entityId: user.id });
  }
  const setCookie = await endSession(context.db, request);
  throw redirect("/login?signedOut=1", { headers: { "Set-Cookie": setCookie } });
}
