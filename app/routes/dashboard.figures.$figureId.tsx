// The table behind one dashboard figure (issue 9: "opens the table behind it"), for one office and
// period; CSV with ?format=csv.
import { Anchor, Button, Group, Stack, Table, Text, Title } from "@mantine/core";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { figureText, formatFigureValue } from "~/components/dashboard/figure-parts";
import { DRILL_COLUMNS_EN } from "~/i18n/catalogs/dashboard-columns";
import { usePeriodLabel } from "~/components/counters/parts";
import { formatRocShortDate } from "~/i18n/dates";
import { languageFromCookieHeader, translator, type Language, type Translate } from "~/i18n/i18n";
import { useLanguage, useT } from "~/i18n/use-t";
import { requirePermission } from "~/modules/auth/guards.server";
import { csvResponse, wantsCsv } from "~/modules/csv.server";
import { figureDetail, resolveScope } from "~/modules/dashboard/dashboard.server";
import type { DrillTable } from "~/modules/dashboard/figure";
import { toCsv } from "~/modules/listing";

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "dashboard.view");
  const db = args.context.db;
  const url = new URL(args.request.url);
  const now = new Date();
  const { office, period, today } = await resolveScope(db, user, url, now);
  // The table belongs to one office: the bureau's comparison links name it.
  if (!office) throw new Response("Not Found", { status: 404 });
  const figureId = args.params.figureId ?? "";
  const table = /^[a-zA-Z]+\.[a-zA-Z]+$/.test(figureId) ? await figureDetail(db, office.id, period, today, figureId, now) : null;
  if (!table) throw new Response("Not Found", { status: 404 });
  const language = languageFromCookieHeader(args.request.headers.get("cookie"));
  // Column names in the reader's language (the sections name them in zh-TW).
  if (language === "en") table.columns = table.columns.map((c) => ({ ...c, label: DRILL_COLUMNS_EN[c.label] ?? c.label }));
  if (wantsCsv(url)) {
    const t = translator(language);
    const csv = toCsv(
      table.columns.map((c) => c.label),
      table.rows.map((row) => table.columns.map((c) => cellText(t, language, c.kind, row[c.key]))),
    );
    return csvResponse(`${figureText(t, figureId, "title")}-${office.shortName || office.name}-${period.key}.csv`, csv);
  }
  return { office, period, table, search: `?office=${office.id}&period=${period.key}` };
}

function cellText(t: Translate, language: Language, kind: DrillTable["columns"][number]["kind"], value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === "") return "";
  if (kind === "date") return formatRocShortDate(`${String(value).slice(0, 10)}T12:00:00+08:00`, language);
  if (typeof value === "number" && (kind === "percent" || kind === "hours" || kind === "days")) {
    return formatFigureValue(t, value, kind === "percent" ? "percent" : kind);
  }
  return String(value);
}

export default function FigureTable() {
  const data = useLoaderData<typeof loader>();
  const { office, period, search } = data;
  // Plain JSON already (strings, numbers, null): the serialized type is the same table.
  const table = data.table as DrillTable;
  const t = useT();
  const language = useLanguage();
  const periodLabel = usePeriodLabel();
  const title = figureText(t, table.figureId, "title");
  return (
    <Stack>
      <Group justify="space-between" align="end">
        <div>
          <Anchor component={Link} to={`/dashboard${search}`} size="sm" className="no-print">
            ‹ {t("dashboard.drill.back")}
          </Anchor>
          <Title order={1}>{title}</Title>
          <Text c="gray.7">
            {office.name} · {t("dashboard.period", { period: periodLabel(period) })}
            {figureText(t, table.figureId, "definition")}
          </Text>
        </div>
        <Group gap="xs" className="no-print">
          <Button type="button" variant="default" size="sm" onClick={() => window.print()}>
            {t("dashboard.print")}
          </Button>
          <Button component="a" href={`${search}&format=csv`} variant="default" size="sm">
            {t("dashboard.export")}
          </Button>
        </Group>
      </Group>
      {table.rows.length === 0 ? (
        <Text c="gray.7" data-testid="drill-empty">
          {t("dashboard.drill.empty")}
        </Text>
      ) : (
        <>
          <Text size="sm" c="gray.7">
            {t("dashboard.drill.rows", { count: table.rows.length })}
          </Text>
          <Table.ScrollContainer minWidth={600}>
            <Table striped withTableBorder fz="sm" data-testid="drill-table">
              <Table.Thead>
                <Table.Tr>
                  {table.columns.map((c) => (
                    <Table.Th key={c.key} ta={c.kind === "text" || c.kind === "date" ? undefined : "right"}>
                      {c.label}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {table.rows.map((row, i) => (
                  <Table.Tr key={i}>
                    {table.columns.map((c) => {
                      const text = cellText(t, language, c.kind, row[c.key]);
                      const href = row[`${c.key}Href`];
                      return (
                        <Table.Td key={c.key} ta={c.kind === "text" || c.kind === "date" ? undefined : "right"}>
                          {typeof href === "string" && href.startsWith("/") ? (
                            <Anchor component={Link} to={href}>
                              {text}
                            </Anchor>
                          ) : (
                            text
                          )}
                        </Table.Td>
                      );
                    })}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      )}
    </Stack>
  );
}
