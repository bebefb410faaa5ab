// 獎勵機制 scoreboard (issue 8, "Incentive scoring"): rank, total, adjustments, breakdown per rule and
// the suggested administrative reward for a month, quarter, half-year or year. Everyone in the office
// reads the board with their own row marked; supervisors and the director export it for the personnel
// office and close an ended period (its scores are frozen from then on).
import { Alert, Button, Checkbox, Group, Paper, Stack, Table, Text, Title } from "@mantine/core";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormErrorSummary } from "~/components/form-fields";
import { IncentivesNav, PeriodPicker, ScoreboardTable, pointsText } from "~/components/incentives/parts";
import { RocDate } from "~/components/roc-date";
import { requestLanguage } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { requirePermission } from "~/modules/auth/guards.server";
import { csvResponse, wantsCsv } from "~/modules/csv.server";
import { formFailure, runCommand } from "~/modules/forms.server";
import { closePeriod, defaultPeriodKey, isIncentiveManager, scoreboardFor } from "~/modules/incentives/incentives.server";
import { toCsv } from "~/modules/listing";
import { parsePeriodKey, taipeiDate } from "~/modules/counters/periods";

function periodFromUrl(url: URL): string {
  const key = url.searchParams.get("period") ?? "";
  return parsePeriodKey(key) ? key : defaultPeriodKey();
}

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "incentives.view");
  const url = new URL(args.request.url);
  const canManage = isIncentiveManager(user);
  const board = await scoreboardFor(args.context.db, user.officeId, periodFromUrl(url));
  if (wantsCsv(url)) {
    // The export is for the personnel office: supervisors and the director.
    if (!canManage) throw new Response("Forbidden", { status: 403 });
    const { t } = requestLanguage(args.request);
    const csv = toCsv(
      [
        t("incentives.col.rank"),
        t("incentives.col.employeeNo"),
        t("incentives.col.name"),
        ...board.items.map((i) => i.label),
        t("incentives.col.total"),
        t("incentives.col.adjustments"),
        t("incentives.col.finalTotal"),
        t("incentives.col.reward"),
      ],
      board.rows.map((r) => [
        r.finalTotal > 0 ? r.rank : "",
        r.employeeNo,
        r.name,
        ...board.items.map((i) => r.breakdown.find((b) => b.item === i.item)?.points ?? 0),
        r.total,
        r.adjustments,
        r.finalTotal,
        r.suggestedReward ?? "",
      ]),
    );
    return csvResponse(`獎勵積分-${board.period.key}.csv`, csv);
  }
  return boardView(board, user.id, canManage);
}

function boardView(board: Awaited<ReturnType<typeof scoreboardFor>>, me: number, canManage: boolean) {
  return {
    canManage,
    period: { key: board.period.key, label: board.period.label, first: board.period.first, last: board.period.last },
    ended: board.period.last < taipeiDate(new Date()),
    closedAt: board.closedAt?.toISOString() ?? null,
    closedByName: board.closedByName,
    items: board.items,
    thresholds: board.thresholds,
    rows: board.rows.map((r) => ({ ...r, me: r.userId === me })),
    adjustments: board.adjustmentEntries.map((e) => ({ ...e, approvedAt: e.approvedAt?.toISOString() ?? null })),
  };
}

export async function action(args: ActionFunctionArgs) {
  const user = await requirePermission(args, "incentives.manage");
  const formData = await args.request.formData();
  if (formData.get("intent") !== "close") throw new Response("Bad Request", { status: 400 });
  const key = String(formData.get("period") ?? "");
  if (!parsePeriodKey(key)) return data(formFailure(formData, { _form: "incentives.errors.period" }), { status: 400 });
  // Closing freezes the scores for good: one ticked confirmation (works without JavaScript).
  if (formData.get("confirm") !== "on") return data(formFailure(formData, { _form: "incentives.errors.confirmClose" }), { status: 400 });
  const outcome = await runCommand(formData, () => closePeriod(args.context.db, user, key));
  if (!outcome.ok) return outcome.response;
  throw redirect(`/incentives?period=${key}&notice=saved`);
}

export default function IncentivesBoard() {
  // The loader also answers the CSV export (a Response); the page only ever gets the board.
  const d = useLoaderData<() => Promise<ReturnType<typeof boardView>>>();
  const state = useActionData<typeof action>();
  const t = useT();
  const me = d.rows.find((r) => r.me);
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Title order={1}>{t("incentives.board.title")}</Title>
        <PeriodPicker periodKey={d.period.key} />
      </Group>
      <IncentivesNav canManage={d.canManage} />
      <Text>
        {t("incentives.board.intro", { period: d.period.label })}{" "}
        {d.closedAt ? (
          <Text span fw={700} data-testid="closed">
            {t("incentives.board.closed", { by: d.closedByName ?? "" })} <RocDate value={d.closedAt} withTime />
          </Text>
        ) : (
          <Text span c="gray.7">
            {t("incentives.board.open")}
          </Text>
        )}
      </Text>
      {me ? (
        <Alert color="yellow" data-testid="my-summary">
          {me.finalTotal > 0
            ? t("incentives.board.mine", { rank: me.rank, total: pointsText(me.finalTotal), people: d.rows.filter((r) => r.finalTotal > 0).length })
            : t("incentives.board.mineNone")}
          {me.suggestedReward ? ` ${t("incentives.board.mineReward", { reward: me.suggestedReward })}` : ""}
        </Alert>
      ) : null}
      <FormErrorSummary state={state} />
      <ScoreboardTable rows={d.rows} items={d.items} caption={t("incentives.board.caption", { period: d.period.label })} />
      <Text size="sm" c="gray.7">
        {t("incentives.board.thresholds", { list: d.thresholds.map((th) => `${th.reward} ≥ ${pointsText(th.minPoints)}`).join("、") })}
      </Text>

      {d.adjustments.length ? (
        <Paper withBorder p="md" component="section" aria-labelledby="adj-heading">
          <Title order={2} size="h4" id="adj-heading">
            {t("incentives.board.adjustmentsTitle")}
          </Title>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("incentives.col.name")}</Table.Th>
                <Table.Th>{t("incentives.col.item")}</Table.Th>
                <Table.Th>{t("incentives.col.date")}</Table.Th>
                <Table.Th>{t("incentives.col.points")}</Table.Th>
                <Table.Th>{t("incentives.col.approvedAt")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {d.adjustments.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td>{a.name}</Table.Td>
                  <Table.Td>{a.item}</Table.Td>
                  <Table.Td>
                    <RocDate value={a.date} />
                  </Table.Td>
                  <Table.Td>{pointsText(a.points)}</Table.Td>
                  <Table.Td>{a.approvedAt ? <RocDate value={a.approvedAt} /> : "—"}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      ) : null}

      {d.canManage ? (
        <Group>
          <Button component="a" href={`/incentives?period=${d.period.key}&format=csv`} variant="light">
            {t("incentives.board.exportCsv")}
          </Button>
          {!d.closedAt && d.ended ? (
            <Form method="post">
              <input type="hidden" name="intent" value="close" />
              <input type="hidden" name="period" value={d.period.key} />
              <Group gap="sm">
                <Checkbox name="confirm" label={t("incentives.board.confirmClose")} />
              <Button type="submit" color="red" variant="outline" data-testid="close-period">
                {t("incentives.board.close", { period: d.period.label })}
              </Button>
              </Group>
            </Form>
          ) : null}
          {!d.closedAt && !d.ended ? (
            <Text size="sm" c="gray.7">
              {t("incentives.board.notEnded")}
            </Text>
          ) : null}
          <Button component={Link} to={`/incentives/entries?period=${d.period.key}`} variant="subtle">
            {t("incentives.nav.entries")}
          </Button>
        </Group>
      ) : null}
    </Stack>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
