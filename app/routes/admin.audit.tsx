import { Code, NativeSelect, Stack, Text, TextInput, Title } from "@mantine/core";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData, useSearchParams } from "@remix-run/react";
import { createColumnHelper } from "@tanstack/react-table";
import { DataTable } from "~/components/data-table";
import { RocDate } from "~/components/roc-date";
import { formatRocDateTime } from "~/i18n/dates";
import { isMessageKey, requestLanguage } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { AUDIT_SORTS, listAuditEntityTypes, listAuditLog, type AuditSort } from "~/modules/audit/audit.server";
import { administeredOfficeIds, requirePermission } from "~/modules/auth/guards.server";
import { csvResponse, wantsCsv } from "~/modules/csv.server";
import { parseListParams, toCsv, type ListParams } from "~/modules/listing";
import { listOfficeChoices } from "~/modules/org/org.server";

const json = (v: unknown) => (v === null || v === undefined ? "" : JSON.stringify(v));

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "admin.audit");
  const scope = administeredOfficeIds(user);
  const url = new URL(args.request.url);
  const params = parseListParams(url, { sortable: AUDIT_SORTS, defaultSort: "at", defaultDir: "desc", filters: ["action", "entity", "office", "from", "to"] });
  if (wantsCsv(url)) {
    const { language, t } = requestLanguage(args.request);
    const { rows } = await listAuditLog(args.context.db, scope, params, { all: true });
    const csv = toCsv(
      [t("audit.at"), t("audit.actor"), t("audit.office"), t("audit.action"), t("audit.entity"), t("audit.before"), t("audit.after")],
      rows.map((r) => [formatRocDateTime(r.at, language), r.actorName ? `${r.actorName} (${r.actorEmployeeNo})` : t("audit.system"), r.officeName, r.action, `${r.entityType}#${r.entityId ?? ""}`, json(r.before), json(r.after)]),
    );
    return csvResponse(`audit-log-${new Date().toISOString().slice(0, 10)}.csv`, csv);
  }
  return loadPage(args, scope, params);
}

async function loadPage(args: LoaderFunctionArgs, scope: number[] | null, params: ListParams<AuditSort>) {
  const [page, entityTypes, offices] = await Promise.all([
    listAuditLog(args.context.db, scope, params),
    listAuditEntityTypes(args.context.db),
    listOfficeChoices(args.context.db, scope),
  ]);
  return {
    page: { ...page, rows: page.rows.map((r) => ({ ...r, id: String(r.id), at: r.at.toISOString(), before: json(r.before), after: json(r.after) })) },
    sort: params.sort,
    dir: params.dir,
    entityTypes,
    offices,
    multiOffice: scope === null,
  };
}

type Row = Awaited<ReturnType<typeof loadPage>>["page"]["rows"][number];
const column = createColumnHelper<Row>();

export default function AuditLog() {
  const { page, sort, dir, entityTypes, offices, multiOffice } = useLoaderData<typeof loadPage>();
  const t = useT();
  const [params] = useSearchParams();
  const columns = [
    column.accessor("at", { header: t("audit.at"), meta: { sortKey: "at", nowrap: true }, cell: (c) => <RocDate value={c.getValue()} withTime /> }),
    column.accessor("actorName", {
      header: t("audit.actor"),
      cell: (c) => (c.getValue() ? `${c.getValue()}（${c.row.original.actorEmployeeNo}）` : t("audit.system")),
    }),
    ...(multiOffice ? [column.accessor("officeName", { header: t("audit.office") })] : []),
    column.accessor("action", {
      header: t("audit.action"),
      meta: { sortKey: "action" },
      cell: (c) => {
        const key = `auditAction.${c.getValue()}`;
        return isMessageKey(key) ? (
          <span title={c.getValue()}>{t(key)}</span>
        ) : (
          <Code>{c.getValue()}</Code>
        );
      },
    }),
    column.accessor("entityType", {
      header: t("audit.entity"),
      meta: { sortKey: "entityType" },
      cell: (c) => `${c.getValue()}${c.row.original.entityId ? ` #${c.row.original.entityId}` : ""}`,
    }),
    column.display({
      id: "changes",
      header: t("audit.changes"),
      cell: (c) => (
        <Stack gap={2}>
          {c.row.original.before ? (
            <Text size="xs" component="div">
              <b>{t("audit.before")}</b> <pre className="audit-json">{c.row.original.before}</pre>
            </Text>
          ) : null}
          {c.row.original.after ? (
            <Text size="xs" component="div">
              <b>{t("audit.after")}</b> <pre className="audit-json">{c.row.original.after}</pre>
            </Text>
          ) : null}
        </Stack>
      ),
    }),
  ];
  return (
    <Stack>
      <Title order={1}>{t("audit.title")}</Title>
      <DataTable
        caption={t("audit.title")}
        columns={columns}
        page={page}
        sort={sort}
        dir={dir}
        getRowId={(r) => r.id}
        filters={
          <>
            <TextInput name="f.action" label={t("audit.action")} placeholder="user." defaultValue={params.get("f.action") ?? ""} w={140} />
            <NativeSelect
              name="f.entity"
              label={t("audit.entity")}
              defaultValue={params.get("f.entity") ?? ""}
              data={[{ value: "", label: t("common.all") }, ...entityTypes.map((e) => ({ value: e, label: e }))]}
            />
            {multiOffice ? (
              <NativeSelect
                name="f.office"
                label={t("audit.office")}
                defaultValue={params.get("f.office") ?? ""}
                data={[{ value: "", label: t("common.all") }, ...offices.map((o) => ({ value: String(o.id), label: o.name }))]}
              />
            ) : null}
            <TextInput type="date" name="f.from" label={t("audit.from")} defaultValue={params.get("f.from") ?? ""} />
            <TextInput type="date" name="f.to" label={t("audit.to")} defaultValue={params.get("f.to") ?? ""} />
          </>
        }
      />
    </Stack>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
