// The pieces of the quality dashboard: one figure with its definition, target, change and trend; a
// ranked list; the overdue list. Every number is also in words, so the page reads without colour,
// without JavaScript and on paper.
import { Anchor, Badge, Card, Group, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { Link } from "@remix-run/react";
import { isMessageKey, type MessageKey, type Translate } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { changeAgainstPrevious, targetStatus, type Figure, type FigureUnit, type OverdueItem, type RankedList, type SectionResult } from "~/modules/dashboard/figure";

/** A section as the pages receive it (dashboard.server.ts SectionView, without server imports). */
export type SectionView = SectionResult & { id: string };
import { TrendChart } from "./trend-chart";

/** `dashboard.<id>.title` / `.definition`, or the id itself while a section has not written them. */
export function figureText(t: Translate, id: string, part: "title" | "definition"): string {
  const key = `dashboard.${id}.${part}`;
  return isMessageKey(key) ? t(key as MessageKey) : part === "title" ? id : "";
}

export function formatFigureValue(t: Translate, value: number | null | undefined, unit: FigureUnit): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  const digits = unit === "count" ? 0 : unit === "percent" || unit === "hours" || unit === "days" || unit === "score" ? 1 : 0;
  const text = value.toLocaleString("en-US", { minimumFractionDigits: Number.isInteger(value) ? 0 : digits, maximumFractionDigits: digits });
  return t(`dashboard.unit.${unit}`, { value: text });
}

export function drillHref(figureId: string, search: string) {
  return `/dashboard/figures/${encodeURIComponent(figureId)}${search}`;
}

export function FigureCard({ figure, periodLabel, search }: { figure: Figure; periodLabel: string; search: string }) {
  const t = useT();
  const title = figureText(t, figure.id, "title");
  const format = (v: number | null) => formatFigureValue(t, v, figure.unit);
  const status = targetStatus(figure);
  const { delta, change } = changeAgainstPrevious(figure);
  return (
    <Card withBorder padding="md" data-testid={`figure-${figure.id}`} className="dashboard-figure">
      <Stack gap={6}>
        <Text fw={600} size="sm">
          {title}
        </Text>
        {figure.value === null ? (
          <Text size="lg" c="gray.7" data-testid="figure-empty">
            {figure.missingReason === "belowThreshold" ? t("dashboard.belowThreshold") : t("dashboard.noData")}
          </Text>
        ) : (
          <Group gap="xs" align="baseline">
            <Text fz={28} fw={700} lh={1.1} data-testid="figure-value">
              {format(figure.value)}
            </Text>
            {figure.numerator !== undefined && figure.denominator !== undefined ? (
              <Text size="sm" c="gray.7">
                {t("dashboard.ofTotal", { numerator: figure.numerator, denominator: figure.denominator })}
              </Text>
            ) : null}
          </Group>
        )}
        <Group gap={6}>
          {figure.target !== null && figure.target !== undefined ? (
            <Badge variant="light" color={status === "met" ? "green.9" : status === "missed" ? "red.9" : "gray.7"}>
              {t(status === "met" ? "dashboard.targetMet" : status === "missed" ? "dashboard.targetMissed" : "dashboard.target", { target: format(figure.target) })}
            </Badge>
          ) : null}
          {change !== "unknown" ? (
            <Badge variant="outline" color={change === "better" ? "green.9" : change === "worse" ? "red.9" : "gray.7"}>
              {t(`dashboard.change.${change}`, { delta: delta === null ? "" : `${delta > 0 ? "+" : ""}${formatFigureValue(t, delta, figure.unit)}`, previous: format(figure.previous ?? null) })}
            </Badge>
          ) : null}
        </Group>
        {figure.trend.length > 1 ? <TrendChart points={figure.trend} label={t("dashboard.trendOf", { title })} format={format} /> : null}
        <Text size="xs" c="gray.7">
          {t("dashboard.period", { period: periodLabel })}
          {figureText(t, figure.id, "definition")}
        </Text>
        {figure.drillable !== false ? (
          <Anchor component={Link} to={drillHref(figure.id, search)} size="sm" className="no-print">
            {t("dashboard.openTable")}
          </Anchor>
        ) : null}
      </Stack>
    </Card>
  );
}

export function RankedListCard({ list, periodLabel, search }: { list: RankedList; periodLabel: string; search: string }) {
  const t = useT();
  const title = figureText(t, list.id, "title");
  return (
    <Card withBorder padding="md" data-testid={`list-${list.id}`} className="dashboard-figure">
      <Stack gap={6}>
        <Text fw={600} size="sm">
          {title}
        </Text>
        {list.rows.length === 0 ? (
          <Text c="gray.7" data-testid="figure-empty">
            {t("dashboard.noData")}
          </Text>
        ) : (
          <Table fz="sm" verticalSpacing={4}>
            <Table.Tbody>
              {list.rows.map((row, i) => (
                <Table.Tr key={`${row.label}-${i}`}>
                  <Table.Td w={28} c="gray.7">
                    {i + 1}
                  </Table.Td>
                  <Table.Td>
                    {row.href ? (
                      <Anchor component={Link} to={row.href}>
                        {row.label}
                      </Anchor>
                    ) : (
                      row.label
                    )}
                    {row.note ? (
                      <Text span size="xs" c="gray.7" ml={6}>
                        {row.note}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td ta="right" style={{ whiteSpace: "nowrap" }}>
                    {formatFigureValue(t, row.value, list.unit)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <Text size="xs" c="gray.7">
          {t("dashboard.period", { period: periodLabel })}
          {figureText(t, list.id, "definition")}
        </Text>
        {list.drillable !== false ? (
          <Anchor component={Link} to={drillHref(list.id, search)} size="sm" className="no-print">
            {t("dashboard.openTable")}
          </Anchor>
        ) : null}
      </Stack>
    </Card>
  );
}

export function OverdueList({ items }: { items: OverdueItem[] }) {
  const t = useT();
  if (items.length === 0) {
    return (
      <Text c="gray.7" data-testid="overdue-empty">
        {t("dashboard.overdue.none")}
      </Text>
    );
  }
  return (
    <Table striped withTableBorder fz="sm" data-testid="overdue-list">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t("dashboard.overdue.kind")}</Table.Th>
          <Table.Th>{t("dashboard.overdue.what")}</Table.Th>
          <Table.Th ta="right">{t("dashboard.overdue.count")}</Table.Th>
          <Table.Th ta="right">{t("dashboard.overdue.days")}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((item, i) => (
          <Table.Tr key={`${item.kind}-${item.href}-${i}`}>
            <Table.Td style={{ whiteSpace: "nowrap" }}>
              <Badge variant="light" color={KIND_COLOURS[item.kind]}>
                {t(`dashboard.overdue.kind.${item.kind}`)}
              </Badge>
            </Table.Td>
            <Table.Td>
              <Anchor component={Link} to={item.href}>
                {item.title}
              </Anchor>
              {item.note ? (
                <Text size="xs" c="gray.7">
                  {item.note}
                </Text>
              ) : null}
            </Table.Td>
            <Table.Td ta="right">{item.count}</Table.Td>
            <Table.Td ta="right">{t("dashboard.unit.days", { value: item.daysOverdue })}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

const KIND_COLOURS: Record<OverdueItem["kind"], string> = {
  sessionAttendance: "grape.8",
  quizNotTaken: "blue.8",
  circulationUnread: "orange.9",
  proposalWaiting: "teal.9",
};

/** Sections of figures and lists, each under its title (sections with nothing to show are left out). */
export function DashboardSections({ sections, periodLabel, search }: { sections: SectionView[]; periodLabel: string; search: string }) {
  return (
    <>
      {sections.map((section) =>
        section.figures.length + section.lists.length === 0 ? null : (
          <Stack key={section.id} gap="xs" className="dashboard-section" data-testid={`section-${section.id}`}>
            <SectionTitle id={section.id} />
            <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
              {section.figures.map((figure) => (
                <FigureCard key={figure.id} figure={figure} periodLabel={periodLabel} search={search} />
              ))}
              {section.lists.map((list) => (
                <RankedListCard key={list.id} list={list} periodLabel={periodLabel} search={search} />
              ))}
            </SimpleGrid>
          </Stack>
        ),
      )}
    </>
  );
}

export function SectionTitle({ id }: { id: string }) {
  const t = useT();
  return (
    <Title order={2} size="h4">
      {t(`dashboard.section.${id}` as MessageKey)}
    </Title>
  );
}
