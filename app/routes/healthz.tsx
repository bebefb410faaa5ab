import type { LoaderFunctionArgs } from "@remix-run/node";
import { checkDatabase } from "~/modules/health.server";

// Public liveness probe for load balancers and the browser tests: says only "ok" once the database answers.
export async function loader({ context }: LoaderFunctionArgs) {
  await checkDatabase(context.db);
  return new Response("ok", { headers: { "Content-Type": "text/plain", "Cache-Control": "no-store" } });
}
