// One dashboard section on its own, for one office and period. The dashboard page loads the costliest
// (the counters, ≈0.5 s for a year on PGlite) from here after it has shown, so the rest of the page is
// not held back — a streamed promise could not do that on PGlite, whose queries run in the server's own
// thread and hold the event loop. Without JavaScript the page links here and this is a page of its own.
import chartStyles from "@mantine/charts/styles.css";
import { Anchor, Stack, Title } from "@mantine/core";
import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { usePeriodLabel } from "~/components/counters/parts";
import { DashboardSections } from "~/components/dashboard/figure-parts";
import { useT } from "~/i18n/use-t";
import { requirePermission } from "~/modules/auth/guards.server";
import { computeDashboard, resolveScope, SECTIONS } from "~/modules/dashboard/dashboard.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: chartStyles }];

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "dashboard.view");
  const db = args.context.db;
  const now = new Date();
  const { office, period, today } = await resolveScope(db, user, new URL(args.request.url), now);
  const section = SECTIONS.find((s) => s.id === args.params.sectionId);
  // A section belongs to one office: the bureau names it (?office=).
  if (!office || !section) throw new Response("Not Found", { status: 404 });
  const sections = (await computeDashboard(db, [office.id], period, today, now, [section])).get(office.id) ?? [];
  return { office, period, sections, search: `?office=${office.id}&period=${period.key}` };
}

export default function DashboardSectionPage() {
  const { office, period, sections, search } = useLoaderData<typeof loader>();
  const t = useT();
  const periodLabel = usePeriodLabel();
  return (
    <Stack>
      <div>
        <Anchor component={Link} to={`/dashboard${search}`} size="sm" className="no-print">
          ‹ {t("dashboard.drill.back")}
        </Anchor>
        <Title order={1}>{t("dashboard.titleOffice", { office: office.name })}</Title>
      </div>
      <DashboardSections sections={sections} periodLabel={periodLabel(period)} search={search} />
    </Stack>
  );
}
