// A person's training calendar as an iCalendar feed (issue 5: "a personal .ics feed (secret URL per
// user, revocable) that a phone calendar can subscribe to"). PUBLIC on purpose: a phone's calendar
// has no session cookie, so the secret token in the address is the key (only its hash is stored).
// An unknown, renewed-away or revoked token is a plain 404, the same for all, so nothing tells
// whether a guessed token ever existed. Resource route: a loader and no page.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { ICS_CONTENT_TYPE } from "~/modules/training/ics";
import { feedFor } from "~/modules/training/training.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const token = (params.token ?? "").replace(/\.ics$/i, "");
  const ics = token ? await feedFor(context.db, token, new URL(request.url).origin) : null;
  if (ics === null) {
    return new Response("Not Found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
  }
  return new Response(ics, {
    headers: {
      "Content-Type": ICS_CONTENT_TYPE,
      // Private: the feed is one person's; 15 minutes spares the database from eager re-fetching.
      "Cache-Control": "private, max-age=900",
      "Content-Disposition": 'inline; filename="training.ics"',
      "X-Robots-Tag": "noindex",
    },
  });
}
