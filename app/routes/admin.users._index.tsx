import { Badge, Group, Stack } from "@mantine/core";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { createColumnHelper } from "@tanstack/react-table";
import { DataTable } from "~/components/data-table";
import { ActiveStatus, FilterSelect, ListHeader, RowLink } from "~/components/list-parts";
import { Notice } from "~/components/notice";
import { requestLanguage } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { ROLE_NAMES } from "~/modules/auth/roles";
import { administeredOfficeIds, requirePermission } from "~/modules/auth/guards.server";
import { csvResponse, wantsCsv } from "~/modules/csv.server";
import { parseListParams, toCsv } from "~/modules/listing";
import { roleLabel } from "~/modules/org/org-labels";
import { USER_SORTS, listOfficeChoices, listUsers, type UserSort } from "~/modules/org/org.server";

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "admin.users");
  const scope = administeredOfficeIds(user);
  const url = new URL(args.request.url);
  const params = parseListParams(url, { sortable: USER_SORTS, defaultSort: "employeeNo", filters: ["office", "role", "active"] });
  if (wantsCsv(url)) {
    const { t } = requestLanguage(args.request);
    const { rows } = await listUsers(args.context.db, scope, params, { all: true });
    const csv = toCsv(
      [t("user.employeeNo"), t("user.name"), t("user.jobTitle"), t("user.office"), t("user.roles"), t("user.email"), t("common.status")],
      rows.map((r) => [r.employeeNo, r.name, r.title, r.officeName, r.roles.map((x) => t(roleLabel(x))).join("、"), r.email, r.active ? t("common.active") : t("common.inactive")]),
    );
    return csvResponse(`users-${new Date().toISOString().slice(0, 10)}.csv`, csv);
  }
  return loadPage(args, scope, params);
}

async function loadPage(args: LoaderFunctionArgs, scope: number[] | null, params: ReturnType<typeof parseListParams<UserSort>>) {
  const [page, offices] = await Promise.all([listUsers(args.context.db, scope, params), listOfficeChoices(args.context.db, scope)]);
  return { page, sort: params.sort, dir: params.dir, offices, multiOffice: scope === null };
}

type Row = Awaited<ReturnType<typeof listUsers>>["rows"][number];
const column = createColumnHelper<Row>();

export default function UsersList() {
  const { page, sort, dir, offices, multiOffice } = useLoaderData<typeof loadPage>();
  const t = useT();
  const columns = [
    column.accessor("employeeNo", {
      header: t("user.employeeNo"),
      meta: { sortKey: "employeeNo" },
      cell: (c) => <RowLink to={`/admin/users/${c.row.original.id}`}>{c.getValue()}</RowLink>,
    }),
    column.accessor("name", { header: t("user.name"), meta: { sortKey: "name" } }),
    column.accessor("title", { header: t("user.jobTitle"), meta: { sortKey: "title" } }),
    ...(multiOffice ? [column.accessor("officeName", { header: t("user.office"), meta: { sortKey: "office" } })] : []),
    column.accessor("roles", {
      header: t("user.roles"),
      cell: (c) => (
        <Group gap={4}>
          {c.getValue().map((role) => (
            <Badge key={role} size="sm" variant="light" color="blue.9">
              {t(roleLabel(role))}
            </Badge>
          ))}
        </Group>
      ),
    }),
    column.accessor("active", {
      header: t("common.status"),
      meta: { sortKey: "active" },
      cell: (c) => <ActiveStatus active={c.getValue()} />,
    }),
  ];
  return (
    <Stack>
      <ListHeader title={t("user.title")} createTo="/admin/users/new" createLabel={t("user.new")} />
      <Notice />
      <DataTable
        caption={t("user.title")}
        columns={columns}
        page={page}
        sort={sort}
        dir={dir}
        getRowId={(r) => String(r.id)}
        filters={
          <>
            {multiOffice ? <FilterSelect name="office" label={t("user.office")} options={offices.map((o) => ({ value: String(o.id), label: o.name }))} /> : null}
            <FilterSelect name="role" label={t("user.roles")} options={ROLE_NAMES.map((r) => ({ value: r, label: t(roleLabel(r)) }))} />
            <FilterSelect
              name="active"
              label={t("common.status")}
              options={[
                { value: "yes", label: t("common.active") },
                { value: "no", label: t("common.inactive") },
              ]}
            />
          </>
        }
      />
    </Stack>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
