import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/modules/auth/guards.server";
import { switchSessionOffice } from "~/modules/auth/session.server";

export async function loader(args: LoaderFunctionArgs) {
  await requireUser(args);
  throw redirect("/");
}

/** A person with roles in several offices works in one at a time; every scoped read follows it. */
export async function action(args: ActionFunctionArgs) {
  const user = await requireUser(args);
  const form = await args.request.formData();
  const officeId = Number(form.get("officeId"));
  if (!Number.isInteger(officeId) || !(await switchSessionOffice(args.context.db, user, officeId))) {
    throw new Response("Not Found", { status: 404 });
  }
  throw redirect("/");
}
