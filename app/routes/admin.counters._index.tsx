import { Stack } from "@mantine/core";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { createColumnHelper } from "@tanstack/react-table";
import { DataTable } from "~/components/data-table";
import { ActiveStatus, FilterSelect, ListHeader, RowLink } from "~/components/list-parts";
import { Notice } from "~/components/notice";
import { requestLanguage } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { administeredOfficeIds, requirePermission } from "~/modules/auth/guards.server";
import { csvResponse, wantsCsv } from "~/modules/csv.server";
import { parseListParams, toCsv, type ListParams } from "~/modules/listing";
import { counterKindLabel } from "~/modules/org/org-labels";
import { COUNTER_SORTS, listCounters, listOfficeChoices, type CounterSort, type OfficeScope } from "~/modules/org/org.server";

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "admin.counters");
  const scope = administeredOfficeIds(user);
  const url = new URL(args.request.url);
  const params = parseListParams(url, { sortable: COUNTER_SORTS, defaultSort: "number", filters: ["office", "kind", "active"] });
  if (wantsCsv(url)) {
    const { t } = requestLanguage(args.request);
    const { rows } = await listCounters(args.context.db, scope, params, { all: true });
    const csv = toCsv(
      [t("counter.office"), t("counter.number"), t("counter.kind"), t("counter.label"), t("common.status")],
      rows.map((r) => [r.officeName, r.number, t(counterKindLabel(r.kind)), r.label, r.active ? t("common.active") : t("common.inactive")]),
    );
    return csvResponse(`counters-${new Date().toISOString().slice(0, 10)}.csv`, csv);
  }
  return loadPage(args, scope, params);
}

async function loadPage(args: LoaderFunctionArgs, scope: OfficeScope, params: ListParams<CounterSort>) {
  const [page, offices] = await Promise.all([listCounters(args.context.db, scope, params), listOfficeChoices(args.context.db, scope)]);
  return { page, sort: params.sort, dir: params.dir, offices, multiOffice: scope === null };
}

type Row = Awaited<ReturnType<typeof listCounters>>["rows"][number];
const column = createColumnHelper<Row>();

export default function CountersList() {
  const { page, sort, dir, offices, multiOffice } = useLoaderData<typeof loadPage>();
  const t = useT();
  const columns = [
    ...(multiOffice ? [column.accessor("officeName", { header: t("counter.office"), meta: { sortKey: "office" } })] : []),
    column.accessor("number", {
      header: t("counter.number"),
      meta: { sortKey: "number" },
      cell: (c) => <RowLink to={`/admin/counters/${c.row.original.id}`}>{c.getValue()}</RowLink>,
    }),
    column.accessor("kind", { header: t("counter.kind"), meta: { sortKey: "kind" }, cell: (c) => t(counterKindLabel(c.getValue())) }),
    column.accessor("label", { header: t("counter.label") }),
    column.accessor("active", {
      header: t("common.status"),
      meta: { sortKey: "active" },
      cell: (c) => <ActiveStatus active={c.getValue()} />,
    }),
  ];
  return (
    <Stack>
      <ListHeader title={t("counter.title")} createTo="/admin/counters/new" createLabel={t("counter.new")} />
      <Notice />
      <DataTable
        caption={t("counter.title")}
        columns={columns}
        page={page}
        sort={sort}
        dir={dir}
        getRowId={(r) => String(r.id)}
        filters={
          <>
            {multiOffice ? <FilterSelect name="office" label={t("counter.office")} options={offices.map((o) => ({ value: String(o.id), label: o.name }))} /> : null}
            <FilterSelect
              name="kind"
              label={t("counter.kind")}
              options={(["combined", "mobile", "citizen_certificate"] as const).map((k) => ({ value: k, label: t(counterKindLabel(k)) }))}
            />
          </>
        }
      />
    </Stack>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
