// Shared pieces of the incentive pages (issue 8, "Incentive scoring"): the period switch, points,
// the scoreboard table with its breakdown per rule, and entry status badges.
import { Badge, Button, Group, NativeSelect, Table, Text } from "@mantine/core";
import { Form, Link } from "@remix-run/react";
import { useT } from "~/i18n/use-t";
import type { Scoring } from "~/modules/incentives/rules";

type T = ReturnType<typeof useT>;

const points = new Intl.NumberFormat("zh-TW", { maximumFractionDigits: 2 });
export const pointsText = (n: number) => points.format(n);

/** Keys of every period of a year: 12 months, 4 quarters, 2 halves and the year. */
export function periodOptions(t: T, year: number) {
  const months = Array.from({ length: 12 }, (_, i) => ({ value: `${year}-${String(i + 1).padStart(2, "0")}`, label: t("incentives.period.month", { roc: year - 1911, n: i + 1 }) }));
  const quarters = [1, 2, 3, 4].map((q) => ({ value: `${year}-Q${q}`, label: t("incentives.period.quarter", { roc: year - 1911, n: q }) }));
  const halves = [1, 2].map((h) => ({ value: `${year}-H${h}`, label: t(h === 1 ? "incentives.period.firstHalf" : "incentives.period.secondHalf", { roc: year - 1911 }) }));
  return [...months, ...quarters, ...halves, { value: String(year), label: t("incentives.period.year", { roc: year - 1911 }) }];
}

/** A GET form choosing the period (works without JavaScript). */
export function PeriodPicker({ periodKey, action, name = "period", extra }: { periodKey: string; action?: string; name?: string; extra?: Record<string, string> }) {
  const t = useT();
  const year = Number(periodKey.slice(0, 4));
  const years = [year - 1, year, year + 1];
  return (
    <Form method="get" action={action}>
      {Object.entries(extra ?? {}).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <Group gap="xs" align="flex-end">
        <NativeSelect
          name={name}
          label={t("incentives.period.label")}
          defaultValue={periodKey}
          data={years.map((y) => ({ group: t("incentives.period.year", { roc: y - 1911 }), items: periodOptions(t, y) }))}
        />
        <Button type="submit" variant="light">
          {t("incentives.period.show")}
        </Button>
      </Group>
    </Form>
  );
}

export interface BoardRowView {
  userId: number;
  employeeNo: string;
  name: string;
  rank: number;
  total: number;
  adjustments: number;
  finalTotal: number;
  breakdown: { item: string; label: string; points: number; adjustments: number; entries: number }[];
  suggestedReward: string | null;
  me: boolean;
}

/** The scoreboard: rank, name, total, adjustments, one column per rule, suggested reward; my own row marked. */
export function ScoreboardTable({ rows, items, caption }: { rows: BoardRowView[]; items: { item: string; label: string }[]; caption: string }) {
  const t = useT();
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped highlightOnHover withTableBorder data-testid="scoreboard">
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t("incentives.col.rank")}</Table.Th>
            <Table.Th scope="col">{t("incentives.col.employeeNo")}</Table.Th>
            <Table.Th scope="col">{t("incentives.col.name")}</Table.Th>
            {items.map((i) => (
              <Table.Th key={i.item} scope="col">
                {i.label}
              </Table.Th>
            ))}
            <Table.Th scope="col">{t("incentives.col.total")}</Table.Th>
            <Table.Th scope="col">{t("incentives.col.adjustments")}</Table.Th>
            <Table.Th scope="col">{t("incentives.col.finalTotal")}</Table.Th>
            <Table.Th scope="col">{t("incentives.col.reward")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.userId} bg={r.me ? "yellow.1" : undefined} aria-current={r.me ? "true" : undefined} data-me={r.me ? "true" : undefined}>
              {/* Only people with points are ranked; the others are listed with their zero. */}
              <Table.Td>{r.finalTotal > 0 ? r.rank : "—"}</Table.Td>
              <Table.Td>{r.employeeNo}</Table.Td>
              <Table.Th scope="row" fw={r.me ? 700 : 400}>
                {r.name}
                {r.me ? (
                  <Badge ml="xs" size="xs" color="yellow" variant="filled">
                    {t("incentives.me")}
                  </Badge>
                ) : null}
              </Table.Th>
              {items.map((i) => {
                const line = r.breakdown.find((b) => b.item === i.item);
                return (
                  <Table.Td key={i.item}>
                    {line ? pointsText(line.points) : "—"}
                    {line && line.adjustments ? (
                      <Text span size="xs" c="orange.8" ml={4}>
                        ({line.adjustments > 0 ? "+" : ""}
                        {pointsText(line.adjustments)})
                      </Text>
                    ) : null}
                  </Table.Td>
                );
              })}
              <Table.Td fw={700}>{pointsText(r.total)}</Table.Td>
              <Table.Td c={r.adjustments ? "orange.8" : undefined}>{r.adjustments ? `${r.adjustments > 0 ? "+" : ""}${pointsText(r.adjustments)}` : "—"}</Table.Td>
              <Table.Td>{pointsText(r.finalTotal)}</Table.Td>
              <Table.Td>{r.suggestedReward ? <Badge color="teal">{r.suggestedReward}</Badge> : "—"}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

const STATUS_COLORS = { pending: "yellow", approved: "green", rejected: "gray" } as const;

export function EntryStatusBadge({ status }: { status: keyof typeof STATUS_COLORS }) {
  const t = useT();
  return (
    <Badge color={STATUS_COLORS[status]} variant="light">
      {t(`incentives.status.${status}`)}
    </Badge>
  );
}

/** The links between the incentive pages; the managers' pages only for managers. */
export function IncentivesNav({ canManage }: { canManage: boolean }) {
  const t = useT();
  return (
    <Group gap="sm" component="nav" aria-label={t("incentives.nav.label")}>
      <Button component={Link} to="/incentives" variant="light" size="xs">
        {t("incentives.nav.board")}
      </Button>
      <Button component={Link} to="/incentives/mine" variant="light" size="xs">
        {t("incentives.nav.mine")}
      </Button>
      {canManage ? (
        <>
          <Button component={Link} to="/incentives/entries" variant="light" size="xs">
            {t("incentives.nav.entries")}
          </Button>
          <Button component={Link} to="/incentives/rules" variant="light" size="xs">
            {t("incentives.nav.rules")}
          </Button>
        </>
      ) : null}
    </Group>
  );
}

/** What an entry scores: its points, quantity, rank or grade. */
export function EntryValue({ entry }: { entry: { points: number | null; quantity: number | null; rank: number | null; grade: string | null } }) {
  const t = useT();
  if (entry.points !== null) return <>{t("incentives.value.points", { n: pointsText(entry.points) })}</>;
  if (entry.quantity !== null) return <>{t("incentives.value.quantity", { n: pointsText(entry.quantity) })}</>;
  if (entry.rank !== null) return <>{t("incentives.value.rank", { n: entry.rank })}</>;
  return <>{entry.grade ?? ""}</>;
}

/** How a rule scores, in words. */
export function ScoringText({ scoring }: { scoring: Scoring }) {
  const t = useT();
  switch (scoring.kind) {
    case "per_unit":
      return <>{t("incentives.scoring.perUnit", { n: pointsText(scoring.pointsPerUnit) })}</>;
    case "rank":
      return <>{Object.entries(scoring.points).map(([k, v]) => t("incentives.scoring.rank", { k, n: pointsText(v) })).join("、")}</>;
    case "grade":
      return <>{Object.entries(scoring.points).map(([k, v]) => t("incentives.scoring.grade", { k, n: pointsText(v) })).join("、")}</>;
    case "points":
      return <>{t("incentives.scoring.points")}</>;
  }
}
