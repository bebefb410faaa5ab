// 我的獎勵積分 (issue 8, "Each person sees their own points, breakdown and rank"): my row of every
// monthly (or quarterly, half-yearly, yearly) board of a year, and my entries with their status and
// the points each earned (or why it earned none: pending, rejected, over the cap).
import { Badge, Group, NativeSelect, Button, Paper, Stack, Table, Text, Title } from "@mantine/core";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { EntryStatusBadge, IncentivesNav, pointsText } from "~/components/incentives/parts";
import { RocDate } from "~/components/roc-date";
import { useT } from "~/i18n/use-t";
import { requirePermission } from "~/modules/auth/guards.server";
import { PERIOD_KINDS, PERIOD_KIND_LABELS, taipeiDate, type PeriodKind } from "~/modules/counters/periods";
import { isIncentiveManager, myPoints } from "~/modules/incentives/incentives.server";

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "incentives.view");
  const url = new URL(args.request.url);
  const thisYear = Number(taipeiDate(new Date()).slice(0, 4));
  const asked = Number(url.searchParams.get("year"));
  const year = Number.isInteger(asked) && asked >= 2000 && asked <= thisYear + 1 ? asked : thisYear;
  const kindParam = url.searchParams.get("kind") ?? "month";
  const kind: PeriodKind = (PERIOD_KINDS as readonly string[]).includes(kindParam) ? (kindParam as PeriodKind) : "month";
  const mine = await myPoints(args.context.db, user, year, kind);
  return {
    year,
    kind,
    canManage: isIncentiveManager(user),
    periods: mine.periods.map((p) => ({
      key: p.period.key,
      label: p.period.label,
      closed: p.closed,
      people: p.people,
      // A rank among people who all have 0 says nothing: shown only once I have points in the period.
      rank: p.row && p.row.breakdown.length ? p.row.rank : null,
      total: p.row?.total ?? 0,
      adjustments: p.row?.adjustments ?? 0,
      finalTotal: p.row?.finalTotal ?? 0,
      breakdown: p.row?.breakdown ?? [],
      suggestedReward: p.row?.suggestedReward ?? null,
    })),
    entries: mine.entries
      .map((e) => ({
        id: e.id,
        employeeNo: e.employeeNo,
        item: e.ruleLabel,
        date: e.date,
        status: e.status,
        points: e.points,
        reason: e.reason,
        source: e.source ?? "manual",
        note: e.note,
        adjustment: e.adjustmentFlag,
      }))
      .reverse(),
  };
}

export default function MyIncentives() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  const yearTotal = d.periods.reduce((s, p) => s + p.finalTotal, 0);
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Title order={1}>{t("incentives.mine.title")}</Title>
        <Form method="get">
          <Group gap="xs" align="flex-end">
            <NativeSelect name="year" label={t("incentives.mine.year")} defaultValue={String(d.year)} data={[d.year - 1, d.year, d.year + 1].map((y) => ({ value: String(y), label: t("incentives.period.year", { roc: y - 1911 }) }))} />
            <NativeSelect name="kind" label={t("incentives.mine.kind")} defaultValue={d.kind} data={Object.entries(PERIOD_KIND_LABELS).map(([value, label]) => ({ value, label }))} />
            <Button type="submit" variant="light">
              {t("incentives.period.show")}
            </Button>
          </Group>
        </Form>
      </Group>
      <IncentivesNav canManage={d.canManage} />
      <Text data-testid="year-total">{t("incentives.mine.yearTotal", { roc: d.year - 1911, total: pointsText(Math.round(yearTotal * 100) / 100) })}</Text>
      <Table.ScrollContainer minWidth={640}>
        <Table striped withTableBorder data-testid="my-periods">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("incentives.col.period")}</Table.Th>
              <Table.Th>{t("incentives.col.rank")}</Table.Th>
              <Table.Th>{t("incentives.col.breakdown")}</Table.Th>
              <Table.Th>{t("incentives.col.total")}</Table.Th>
              <Table.Th>{t("incentives.col.adjustments")}</Table.Th>
              <Table.Th>{t("incentives.col.reward")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {d.periods.map((p) => (
              <Table.Tr key={p.key}>
                <Table.Th scope="row">
                  <Link to={`/incentives?period=${p.key}`}>{p.label}</Link> {p.closed ? <Badge size="xs" color="gray">{t("incentives.mine.closed")}</Badge> : null}
                </Table.Th>
                <Table.Td>{p.rank ? t("incentives.mine.rankOf", { rank: p.rank, people: p.people }) : "—"}</Table.Td>
                <Table.Td>{p.breakdown.length ? p.breakdown.map((b) => `${b.label} ${pointsText(b.points + b.adjustments)}`).join("、") : "—"}</Table.Td>
                <Table.Td fw={700}>{pointsText(p.total)}</Table.Td>
                <Table.Td>{p.adjustments ? pointsText(p.adjustments) : "—"}</Table.Td>
                <Table.Td>{p.suggestedReward ?? "—"}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>

      <Paper withBorder p="md" component="section" aria-labelledby="my-entries">
        <Title order={2} size="h3" id="my-entries" mb="sm">
          {t("incentives.mine.entries")}
        </Title>
        {d.entries.length === 0 ? (
          <Text c="gray.7">{t("incentives.mine.noEntries")}</Text>
        ) : (
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("incentives.col.date")}</Table.Th>
                <Table.Th>{t("incentives.col.item")}</Table.Th>
                <Table.Th>{t("incentives.col.status")}</Table.Th>
                <Table.Th>{t("incentives.col.points")}</Table.Th>
                <Table.Th>{t("incentives.col.note")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {d.entries.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td>
                    <RocDate value={e.date} />
                  </Table.Td>
                  <Table.Td>{e.item}</Table.Td>
                  <Table.Td>
                    <EntryStatusBadge status={e.status} />
                    {e.adjustment ? (
                      <Text span size="xs" c="orange.8" ml={4}>
                        {t("incentives.entries.adjustment")}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>{pointsText(e.points)}</Table.Td>
                  <Table.Td>
                    {e.reason ?? e.note}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
    </Stack>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
