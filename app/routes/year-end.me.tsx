// My own 年終考核依據 (issue 9): everyone working in an office sees their year as their chief does,
// on the same one-page sheet, with a year selector in 民國 years.
import { Alert, Button, Group, NativeSelect, Stack, Title } from "@mantine/core";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { yearText } from "~/components/training-hours/parts";
import { YearEndSummary } from "~/components/year-end-summary";
import { useT } from "~/i18n/use-t";
import { notFound, requirePermission } from "~/modules/auth/guards.server";
import { yearFromSearch, yearOptions } from "~/modules/year-end/year-end.schema";
import { personYearEnd } from "~/modules/year-end/year-end.server";

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "yearEnd.own");
  const now = new Date();
  const { year, invalid } = yearFromSearch(new URL(args.request.url), now);
  const found = await personYearEnd(args.context.db, user.officeId, user.id, year, now);
  if (!found) notFound();
  return { year, invalidYear: invalid, years: yearOptions(year, now), officeName: found.officeName, person: found.person, preparedAt: now.toISOString() };
}

export default function MyYearEnd() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" wrap="wrap" className="no-print">
        <Title order={1}>{t("yearEnd.mine.title")}</Title>
        <Form method="get">
          <Group gap="xs" align="flex-end">
            <NativeSelect name="year" label={t("yearEnd.year")} defaultValue={String(d.year)} data={d.years.map((y) => ({ value: String(y), label: yearText(t, y) }))} />
            <Button type="submit" variant="default">
              {t("yearEnd.show")}
            </Button>
          </Group>
        </Form>
      </Group>
      {d.invalidYear !== null ? (
        <Alert color="yellow" role="alert" className="no-print" data-testid="invalid-year">
          {t("yearEnd.invalidYear", { value: d.invalidYear, example: d.year, year: yearText(t, d.year) })}
        </Alert>
      ) : null}
      <YearEndSummary officeName={d.officeName} year={d.year} person={d.person} preparedAt={d.preparedAt} own />
    </Stack>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
