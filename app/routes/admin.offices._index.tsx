import { Stack } from "@mantine/core";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { createColumnHelper } from "@tanstack/react-table";
import { DataTable } from "~/components/data-table";
import { ActiveStatus, ListHeader, RowLink } from "~/components/list-parts";
import { Notice } from "~/components/notice";
import { requestLanguage } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { administeredOfficeIds, isCityAdmin, requirePermission } from "~/modules/auth/guards.server";
import { csvResponse, wantsCsv } from "~/modules/csv.server";
import { parseListParams, toCsv, type ListParams } from "~/modules/listing";
import { officeKindLabel } from "~/modules/org/org-labels";
import { OFFICE_SORTS, listOffices, type OfficeScope, type OfficeSort } from "~/modules/org/org.server";

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "admin.offices");
  const scope = administeredOfficeIds(user);
  const url = new URL(args.request.url);
  const params = parseListParams(url, { sortable: OFFICE_SORTS, defaultSort: "code" });
  if (wantsCsv(url)) {
    const { t } = requestLanguage(args.request);
    const { rows } = await listOffices(args.context.db, scope, params, { all: true });
    const csv = toCsv(
      [t("office.code"), t("office.name"), t("office.shortName"), t("office.kind"), t("office.users"), t("office.counters"), t("common.status")],
      rows.map((r) => [r.code, r.name, r.shortName, t(officeKindLabel(r.kind)), r.userCount, r.counterCount, r.active ? t("common.active") : t("common.inactive")]),
    );
    return csvResponse(`offices-${new Date().toISOString().slice(0, 10)}.csv`, csv);
  }
  return loadPage(args, scope, params, isCityAdmin(user));
}

async function loadPage(args: LoaderFunctionArgs, scope: OfficeScope, params: ListParams<OfficeSort>, canCreate: boolean) {
  return { page: await listOffices(args.context.db, scope, params), sort: params.sort, dir: params.dir, canCreate };
}

type Row = Awaited<ReturnType<typeof listOffices>>["rows"][number];
const column = createColumnHelper<Row>();

export default function OfficesList() {
  const { page, sort, dir, canCreate } = useLoaderData<typeof loadPage>();
  const t = useT();
  const columns = [
    column.accessor("code", {
      header: t("office.code"),
      meta: { sortKey: "code" },
      cell: (c) => <RowLink to={`/admin/offices/${c.row.original.id}`}>{c.getValue()}</RowLink>,
    }),
    column.accessor("name", { header: t("office.name"), meta: { sortKey: "name" } }),
    column.accessor("shortName", { header: t("office.shortName") }),
    column.accessor("kind", { header: t("office.kind"), meta: { sortKey: "kind" }, cell: (c) => t(officeKindLabel(c.getValue())) }),
    column.accessor("userCount", { header: t("office.users") }),
    column.accessor("counterCount", { header: t("office.counters") }),
    column.accessor("active", {
      header: t("common.status"),
      meta: { sortKey: "active" },
      cell: (c) => <ActiveStatus active={c.getValue()} />,
    }),
  ];
  return (
    <Stack>
      <ListHeader title={t("office.title")} createTo={canCreate ? "/admin/offices/new" : undefined} createLabel={t("office.new")} />
      <Notice />
      <DataTable caption={t("office.title")} columns={columns} page={page} sort={sort} dir={dir} getRowId={(r) => String(r.id)} />
    </Stack>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
