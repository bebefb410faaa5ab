// One colleague's 年終考核依據 on one printable page (issue 9: "printable one page per person"), for
// the chiefs and the director of the colleague's office. A person of another office, or anyone who
// does not work in this one, answers 404 (ARCHITECTURE rule 4: scope in the where clause).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Alert, Stack } from "@mantine/core";
import { yearText } from "~/components/training-hours/parts";
import { YearEndSummary } from "~/components/year-end-summary";
import { useT } from "~/i18n/use-t";
import { notFound, requirePermission } from "~/modules/auth/guards.server";
import { requireIdParam } from "~/modules/params";
import { yearFromSearch } from "~/modules/year-end/year-end.schema";
import { personYearEnd } from "~/modules/year-end/year-end.server";

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "yearEnd.view");
  const userId = requireIdParam(args.params.userId);
  const now = new Date();
  const { year, invalid } = yearFromSearch(new URL(args.request.url), now);
  const found = await personYearEnd(args.context.db, user.officeId, userId, year, now);
  if (!found) notFound();
  return { year, invalidYear: invalid, officeName: found.officeName, person: found.person, preparedAt: now.toISOString() };
}

export default function YearEndPerson() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <Stack gap="md">
      {d.invalidYear !== null ? (
        <Alert color="yellow" role="alert" className="no-print" data-testid="invalid-year">
          {t("yearEnd.invalidYear", { value: d.invalidYear, example: d.year, year: yearText(t, d.year) })}
        </Alert>
      ) : null}
      <YearEndSummary officeName={d.officeName} year={d.year} person={d.person} preparedAt={d.preparedAt} backTo={`/year-end?year=${d.year}`} />
    </Stack>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
