// 品質儀表板 (issue 9; seed 陸 督導與考核): one page a director opens in the morning to know where the
// office stands and what to chase. Supervisors and the director see their office; the bureau sees
// every office side by side and opens any one of them.
import chartStyles from "@mantine/charts/styles.css";
import { Anchor, Button, Card, Group, NativeSelect, Stack, Table, Text, Title } from "@mantine/core";
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useFetcher, useLoaderData } from "@remix-run/react";
import { useEffect } from "react";
import type { loader as sectionLoader } from "./dashboard.sections.$sectionId";
import { DashboardSections, drillHref, figureText, formatFigureValue, OverdueList, SectionTitle } from "~/components/dashboard/figure-parts";
import { usePeriodLabel } from "~/components/counters/parts";
import { RocDate } from "~/components/roc-date";
import { useT } from "~/i18n/use-t";
import { requirePermission } from "~/modules/auth/guards.server";
import { PERIOD_KINDS, periodOf } from "~/modules/counters/periods";
import { computeDashboard, overdueOf, resolveScope, SECTIONS, SLOW_SECTION_IDS } from "~/modules/dashboard/dashboard.server";
import { elapsedUntil, nextPeriod, previousPeriod } from "~/modules/dashboard/dashboard-period";
import type { Figure } from "~/modules/dashboard/figure";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: chartStyles }];

export const meta: MetaFunction = () => [{ title: "品質儀表板" }];

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "dashboard.view");
  const db = args.context.db;
  const url = new URL(args.request.url);
  const now = new Date();
  const { offices, office, period, today } = await resolveScope(db, user, url, now);
  const officeIds = office ? [office.id] : offices.map((o) => o.id);

  const previous = previousPeriod(period);
  const next = nextPeriod(period);
  // Switching the kind keeps the moment: the month, quarter, … holding the last day already seen.
  const anchor = elapsedUntil(period, today);
  const navigation = {
    kinds: PERIOD_KINDS.map((kind) => ({ kind, key: periodOf(anchor, kind).key, current: kind === period.kind })),
    previous: { key: previous.key, label: previous.label },
    next: next.first <= today ? { key: next.key, label: next.label } : null,
  };

  if (office) {
    // The page comes with the quick sections; the slow ones (the counter ranking) load from
    // /dashboard/sections/<id> once it shows (see that route for why not in this response).
    const quick = SECTIONS.filter((s) => !SLOW_SECTION_IDS.includes(s.id));
    const sections = (await computeDashboard(db, [office.id], period, today, now, quick)).get(office.id) ?? [];
    return { mode: "office" as const, user: { roles: user.roles }, offices, office, period, today, navigation, sections, later: [...SLOW_SECTION_IDS], overdue: overdueOf(sections), comparison: null };
  }
  // The comparison shows figures only: the sections skip their ranked lists.
  const byOffice = await computeDashboard(db, officeIds, period, today, now, SECTIONS, { withLists: false });
  // The bureau's comparison: each office's figures in one row (every section computed all offices at once).
  const columns = (byOffice.get(officeIds[0]) ?? []).flatMap((s) => s.figures.map((f) => ({ id: f.id, unit: f.unit, sectionId: s.id })));
  const rows = offices.map((o) => {
    const sections = byOffice.get(o.id) ?? [];
    const figures = Object.fromEntries(sections.flatMap((s) => s.figures.map((f) => [f.id, pick(f)])));
    return { office: o, figures, overdue: overdueOf(sections).length };
  });
  return { mode: "city" as const, user: { roles: user.roles }, offices, office: null, period, today, navigation, sections: [], later: [], overdue: [], comparison: { columns, rows } };
}

function pick(f: Figure) {
  return { value: f.value, missingReason: f.missingReason ?? null, target: f.target ?? null, higherIsBetter: f.higherIsBetter };
}

export default function Dashboard() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const periodLabel = usePeriodLabel();
  const label = periodLabel(data.period);
  const officeParam = data.office ? `office=${data.office.id}&` : data.offices.length > 1 ? "office=all&" : "";
  const search = `?${officeParam}period=${data.period.key}`;
  const exportHref = `/dashboard/export${search}`;

  return (
    <Stack className="dashboard-page">
      <style>{PRINT_CSS}</style>
      <div>
        <Title order={1}>{data.office ? t("dashboard.titleOffice", { office: data.office.name }) : t("dashboard.titleCity")}</Title>
        <Text c="gray.7" className="no-print">
          {t("dashboard.intro")}
        </Text>
        <Text className="print-only" size="sm">
          {t("dashboard.period", { period: label })}
          {t("dashboard.printedAt", { date: "" })}
          <RocDate value={`${data.today}T12:00:00+08:00`} />
        </Text>
      </div>

      <Card withBorder className="no-print" padding="sm">
        <Group justify="space-between" align="end" wrap="wrap">
          <Group gap="xs" align="end" wrap="wrap">
            <Button component={Link} to={`?${officeParam}period=${data.navigation.previous.key}`} variant="default" size="sm" aria-label={`${t("dashboard.previousPeriod")}：${periodLabel(data.navigation.previous)}`}>
              ‹ {t("dashboard.previousPeriod")}
            </Button>
            <Text fw={700} size="lg" px="xs" data-testid="period-label">
              {label}
            </Text>
            {data.navigation.next ? (
              <Button component={Link} to={`?${officeParam}period=${data.navigation.next.key}`} variant="default" size="sm" aria-label={`${t("dashboard.nextPeriod")}：${periodLabel(data.navigation.next)}`}>
                {t("dashboard.nextPeriod")} ›
              </Button>
            ) : null}
            <Group gap={4} ml="md" role="group" aria-label={t("dashboard.periodKind")}>
              {data.navigation.kinds.map((k) => (
                <Button key={k.kind} component={Link} to={`?${officeParam}period=${k.key}`} size="sm" variant={k.current ? "filled" : "light"} aria-current={k.current ? "true" : undefined}>
                  {t(`dashboard.periodKind.${k.kind}`)}
                </Button>
              ))}
            </Group>
          </Group>
          <Group gap="xs" align="end">
            {data.offices.length > 1 ? (
              <Form method="get">
                <input type="hidden" name="period" value={data.period.key} />
                <Group gap="xs" align="end">
                  <NativeSelect label={t("dashboard.office")} name="office" defaultValue={data.office ? String(data.office.id) : "all"} size="sm">
                    <option value="all">{t("dashboard.allOffices")}</option>
                    {data.offices.map((o) => (
                      <option key={o.id} value={o.id}>
                        {o.name}
                      </option>
                    ))}
                  </NativeSelect>
                  <Button type="submit" size="sm" variant="light">
                    {t("dashboard.show")}
                  </Button>
                </Group>
              </Form>
            ) : null}
            <Button type="button" size="sm" variant="default" onClick={() => window.print()} data-testid="print-button">
              {t("dashboard.print")}
            </Button>
            <Button component="a" href={exportHref} size="sm" variant="default" data-testid="export-link">
              {t("dashboard.export")}
            </Button>
          </Group>
        </Group>
      </Card>

      {data.mode === "office" ? (
        <>
          <Card withBorder padding="md" className="dashboard-section">
            <Title order={2} size="h4" mb="sm">
              {t("dashboard.overdue.title")}
            </Title>
            <OverdueList items={data.overdue} />
          </Card>
          <DashboardSections sections={data.sections} periodLabel={label} search={search} />
          {data.later.map((id) => (
            <LaterSection key={id} id={id} search={search} periodLabel={label} />
          ))}
        </>
      ) : data.comparison ? (
        <Card withBorder padding="md">
          <Text size="sm" c="gray.7" mb="sm" className="no-print">
            {t("dashboard.compare.hint")}
          </Text>
          <Table.ScrollContainer minWidth={140 + 96 * (data.comparison.columns.length + 1)}>
            <Table striped withTableBorder withColumnBorders fz="sm" data-testid="comparison">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("dashboard.compare.office")}</Table.Th>
                  {data.comparison.columns.map((c) => (
                    <Table.Th key={c.id} ta="right" miw={88} title={figureText(t, c.id, "definition")}>
                      {figureText(t, c.id, "title")}
                    </Table.Th>
                  ))}
                  <Table.Th ta="right">{t("dashboard.compare.overdue")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.comparison.rows.map((row) => (
                  <Table.Tr key={row.office.id}>
                    <Table.Th scope="row" style={{ whiteSpace: "nowrap" }}>
                      <Anchor component={Link} to={`?office=${row.office.id}&period=${data.period.key}`}>
                        {row.office.shortName || row.office.name}
                      </Anchor>
                    </Table.Th>
                    {data.comparison!.columns.map((c) => {
                      const cell = row.figures[c.id];
                      return (
                        <Table.Td key={c.id} ta="right" style={{ whiteSpace: "nowrap" }}>
                          {cell && cell.value !== null ? (
                            <Anchor component={Link} to={drillHref(c.id, `?office=${row.office.id}&period=${data.period.key}`)}>
                              {formatFigureValue(t, cell.value, c.unit)}
                            </Anchor>
                          ) : (
                            <Text span c="gray.6" title={cell?.missingReason === "belowThreshold" ? t("dashboard.belowThreshold") : t("dashboard.noData")}>
                              —
                            </Text>
                          )}
                        </Table.Td>
                      );
                    })}
                    <Table.Td ta="right">{row.overdue}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Card>
      ) : null}
    </Stack>
  );
}

/** A slow section, loaded once the page shows; without JavaScript, a link to it. */
function LaterSection({ id, search, periodLabel }: { id: string; search: string; periodLabel: string }) {
  const t = useT();
  const fetcher = useFetcher<typeof sectionLoader>();
  const href = `/dashboard/sections/${id}${search}`;
  useEffect(() => {
    if (fetcher.state === "idle" && !fetcher.data) fetcher.load(href);
  }, [fetcher, href]);
  if (fetcher.data) return <DashboardSections sections={fetcher.data.sections} periodLabel={periodLabel} search={search} />;
  return (
    <Stack gap="xs" className="dashboard-section" data-testid={`section-${id}-loading`}>
      <SectionTitle id={id} />
      <Text c="gray.7">
        {t("dashboard.loadingMore")}{" "}
        <Anchor component={Link} to={href} className="no-print">
          {t("dashboard.openSection")}
        </Anchor>
      </Text>
    </Stack>
  );
}

// Print: the figures only, two per row, no buttons; the app shell is hidden by app.css.
const PRINT_CSS = `
.print-only { display: none; }
@media print {
  @page { size: A4 portrait; margin: 10mm; }
  .print-only { display: block; }
  .dashboard-figure { break-inside: avoid; }
  .dashboard-section { break-inside: avoid-page; }
}
`;
