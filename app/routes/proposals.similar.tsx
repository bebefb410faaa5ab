// Resource route: earlier proposals that look like the one being typed (issue 4: "Before submitting,
// similar earlier proposals … are shown"). GET ?title=&method=&exclude= → { items }. Feeds the live
// panel of the proposal form; the proposal page itself asks findSimilarProposals server-side.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/modules/auth/guards.server";
import { findSimilarProposals } from "~/modules/proposals/proposals.server";

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "proposals.submit");
  const url = new URL(args.request.url);
  // Bounded like the form's own fields (title 80, method 4000), so a long query costs nothing extra.
  const title = (url.searchParams.get("title") ?? "").trim().slice(0, 80);
  const method = (url.searchParams.get("method") ?? "").trim().slice(0, 1000);
  const exclude = Number(url.searchParams.get("exclude"));
  const items =
    title.length === 0
      ? []
      : await findSimilarProposals(args.context.db, user.officeId, { title, method }, Number.isSafeInteger(exclude) && exclude > 0 ? { excludeId: exclude } : {});
  return Response.json({ items }, { headers: { "Cache-Control": "private, no-store" } });
}
