import { Anchor, Button, Group, NativeSelect, Table, Text, TextInput, VisuallyHidden } from "@mantine/core";
import { Form, Link, useLocation } from "@remix-run/react";
import { flexRender, getCoreRowModel, useReactTable, type ColumnDef } from "@tanstack/react-table";
import { useT } from "~/i18n/use-t";
import { PAGE_SIZES } from "~/modules/listing";

export interface DataTablePage<T> {
  rows: T[];
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
}

export interface DataTableColumnMeta {
  /** The server's sort key for this column; absent = not sortable. */
  sortKey?: string;
  /** Short values (types, states, dates) that read badly when wrapped. */
  nowrap?: boolean;
}

interface DataTableProps<T> {
  caption: string;
  columns: ColumnDef<T, any>[];
  page: DataTablePage<T>;
  sort: string;
  dir: "asc" | "desc";
  /** Extra filter controls rendered inside the GET form (names `f.<column>`). */
  filters?: React.ReactNode;
  searchable?: boolean;
  exportable?: boolean;
  getRowId?: (row: T) => string;
}

/**
 * The one table of the portal: TanStack Table for the column model on Mantine's Table, with
 * sorting, filtering and paging done by the server through the URL (works without JavaScript).
 */
export function DataTable<T>({ caption, columns, page, sort, dir, filters, searchable = true, exportable = true, getRowId }: DataTableProps<T>) {
  const t = useT();
  const location = useLocation();
  const params = new URLSearchParams(location.search);
  params.delete("notice");
  const hrefWith = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null) next.delete(k);
      else next.set(k, v);
    }
    const qs = next.toString();
    return `${location.pathname}${qs ? `?${qs}` : ""}`;
  };

  const table = useReactTable({
    data: page.rows,
    columns,
    getCoreRowModel: getCoreRowModel(),
    manualSorting: true,
    manualPagination: true,
    manualFiltering: true,
    pageCount: page.pageCount,
    getRowId: getRowId ? (row) => getRowId(row) : undefined,
  });

  const hiddenKeep = [...params.entries()].filter(([k]) => k === "sort" || k === "dir");

  return (
    <div>
      <Form method="get" className="no-print">
        {hiddenKeep.map(([k, v]) => (
          <input key={k} type="hidden" name={k} value={v} />
        ))}
        <Group align="flex-end" gap="sm" mb="sm" wrap="wrap">
          {searchable ? (
            <TextInput name="q" label={t("common.search")} placeholder={t("common.searchPlaceholder")} defaultValue={params.get("q") ?? ""} w={220} />
          ) : null}
          {filters}
          <NativeSelect
            name="size"
            label={t("common.perPage")}
            defaultValue={String(page.pageSize)}
            data={PAGE_SIZES.map((n) => String(n))}
            w={100}
          />
          <Button type="submit">{t("common.filter")}</Button>
          <Button component={Link} to={location.pathname} variant="default">
            {t("common.clear")}
          </Button>
          {exportable ? (
            <Button component="a" href={hrefWith({ format: "csv", page: null })} variant="light" download>
              {t("common.exportCsv")}
            </Button>
          ) : null}
        </Group>
      </Form>

      <Table.ScrollContainer minWidth={600}>
        <Table striped highlightOnHover withTableBorder aria-rowcount={page.total}>
          <caption>
            <VisuallyHidden>{caption}</VisuallyHidden>
          </caption>
          <Table.Thead>
            {table.getHeaderGroups().map((group) => (
              <Table.Tr key={group.id}>
                {group.headers.map((header) => {
                  const meta = header.column.columnDef.meta as DataTableColumnMeta | undefined;
                  const label = flexRender(header.column.columnDef.header, header.getContext());
                  const sortKey = meta?.sortKey;
                  const sorted = sortKey && sortKey === sort ? dir : null;
                  return (
                    <Table.Th key={header.id} scope="col" style={meta?.nowrap ? { whiteSpace: "nowrap" } : undefined} aria-sort={sorted ? (sorted === "asc" ? "ascending" : "descending") : undefined}>
                      {sortKey ? (
                        <Anchor component={Link} to={hrefWith({ sort: sortKey, dir: sorted === "asc" ? "desc" : "asc", page: null })} fw={600} c="inherit">
                          {label} {sorted === "asc" ? "▲" : sorted === "desc" ? "▼" : ""}
                        </Anchor>
                      ) : (
                        label
                      )}
                    </Table.Th>
                  );
                })}
              </Table.Tr>
            ))}
          </Table.Thead>
          <Table.Tbody>
            {table.getRowModel().rows.length === 0 ? (
              <Table.Tr>
                <Table.Td colSpan={columns.length}>
                  <Text c="dimmed">{t("common.noRows")}</Text>
                </Table.Td>
              </Table.Tr>
            ) : (
              table.getRowModel().rows.map((row) => (
                <Table.Tr key={row.id}>
                  {row.getVisibleCells().map((cell) => (
                    <Table.Td key={cell.id} style={(cell.column.columnDef.meta as DataTableColumnMeta | undefined)?.nowrap ? { whiteSpace: "nowrap" } : undefined}>
                      {flexRender(cell.column.columnDef.cell, cell.getContext())}
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))
            )}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>

      <Group justify="space-between" mt="sm" component="nav" aria-label={t("common.pagination")} className="no-print">
        <Text size="sm" data-testid="table-total">
          {t("common.total", { total: page.total })} · {t("common.pageOf", { page: page.page, pageCount: page.pageCount })}
        </Text>
        <Group gap={4}>
          <PageLink to={hrefWith({ page: "1" })} disabled={page.page <= 1} label="«" aria="第一頁 / first" />
          <PageLink to={hrefWith({ page: String(page.page - 1) })} disabled={page.page <= 1} label="‹" aria="上一頁 / previous" />
          <PageLink to={hrefWith({ page: String(page.page + 1) })} disabled={page.page >= page.pageCount} label="›" aria="下一頁 / next" />
          <PageLink to={hrefWith({ page: String(page.pageCount) })} disabled={page.page >= page.pageCount} label="»" aria="最後一頁 / last" />
        </Group>
      </Group>
    </div>
  );
}

function PageLink({ to, disabled, label, aria }: { to: string; disabled: boolean; label: string; aria: string }) {
  return disabled ? (
    <Button size="xs" variant="default" disabled aria-label={aria}>
      {label}
    </Button>
  ) : (
    <Button size="xs" variant="default" component={Link} to={to} aria-label={aria}>
      {label}
    </Button>
  );
}
