import { Anchor, Badge, Button, Group, NativeSelect, Stack, Text, Title } from "@mantine/core";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { createColumnHelper } from "@tanstack/react-table";
import { DataTable } from "~/components/data-table";
import { FilterSelect } from "~/components/list-parts";
import { Notice } from "~/components/notice";
import { categoryLabel, categoryOptions } from "~/components/quizzes/bank/category-options";
import { TagList } from "~/components/quizzes/bank/question-view";
import { RocDate } from "~/components/roc-date";
import { formatRocDateTime } from "~/i18n/dates";
import { requestLanguage } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { requirePermission } from "~/modules/auth/guards.server";
import { csvResponse, wantsCsv } from "~/modules/csv.server";
import { parseListParams, toCsv } from "~/modules/listing";
import { QUESTION_TYPE_NAMES, questionTypeLabel } from "~/modules/quizzes/question-bank.schema";
import { QUESTION_FILTERS, QUESTION_SORTS, listCategories, listQuestions, listTags, type QuestionSort } from "~/modules/quizzes/question-bank.server";

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "questionBank.manage");
  const url = new URL(args.request.url);
  const params = parseListParams(url, { sortable: QUESTION_SORTS, defaultSort: "category", filters: QUESTION_FILTERS });
  if (wantsCsv(url)) {
    const { language, t } = requestLanguage(args.request);
    const { rows } = await listQuestions(args.context.db, user.officeId, params, { all: true });
    const csv = toCsv(
      [
        t("bank.col.externalId"),
        t("bank.col.name"),
        t("bank.col.category"),
        t("bank.col.type"),
        t("bank.col.version"),
        t("bank.col.tags"),
        t("bank.col.status"),
        t("bank.col.updated"),
      ],
      rows.map((r) => [
        r.externalId,
        r.name,
        r.category,
        t(questionTypeLabel(r.type)),
        r.version,
        r.tags.join("、"),
        r.active ? t("bank.status.active") : t("bank.status.retired"),
        formatRocDateTime(r.updatedAt, language),
      ])
    );
    return csvResponse(`題庫-${new Date().toISOString().slice(0, 10)}.csv`, csv);
  }
  return loadPage(args, user.officeId, params);
}

async function loadPage(args: LoaderFunctionArgs, officeId: number, params: ReturnType<typeof parseListParams<QuestionSort>>) {
  const [page, categories, tags] = await Promise.all([
    listQuestions(args.context.db, officeId, params),
    listCategories(args.context.db, officeId),
    listTags(args.context.db, officeId),
  ]);
  return {
    page: { ...page, rows: page.rows.map((r) => ({ ...r, updatedAt: r.updatedAt.toISOString() })) },
    sort: params.sort,
    dir: params.dir,
    categories,
    tags,
  };
}

type Row = Awaited<ReturnType<typeof loadPage>>["page"]["rows"][number];
const column = createColumnHelper<Row>();

export default function QuestionBank() {
  const { page, sort, dir, categories, tags } = useLoaderData<typeof loadPage>();
  const t = useT();
  const [params] = useSearchParams();
  const category = params.get("f.category") ?? "";
  const columns = [
    column.accessor("name", {
      header: t("bank.col.name"),
      meta: { sortKey: "name" },
      cell: (c) => (
        <Stack gap={0}>
          <Anchor size="sm" component={Link} to={`/question-bank/${c.row.original.id}`}>
            {c.getValue()}
          </Anchor>
          <Text size="xs" c="gray.7" ff="monospace">
            {c.row.original.externalId}
          </Text>
        </Stack>
      ),
    }),
    column.accessor("category", { header: t("bank.col.category"), meta: { sortKey: "category" }, cell: (c) => categoryLabel(c.getValue(), t) }),
    column.accessor("type", { header: t("bank.col.type"), meta: { sortKey: "type", nowrap: true }, cell: (c) => t(questionTypeLabel(c.getValue())) }),
    column.accessor("version", { header: t("bank.col.version"), meta: { sortKey: "version", nowrap: true } }),
    column.accessor("tags", { header: t("bank.col.tags"), cell: (c) => <TagList tags={c.getValue()} /> }),
    column.accessor("active", {
      header: t("bank.col.status"),
      meta: { nowrap: true },
      cell: (c) => (c.getValue() ? t("bank.status.active") : <Badge color="gray">{t("bank.status.retired")}</Badge>),
    }),
    column.accessor("updatedAt", { header: t("bank.col.updated"), meta: { sortKey: "updated", nowrap: true }, cell: (c) => <RocDate value={c.getValue()} withTime /> }),
  ];
  const exportHref = category ? `/question-bank/export?category=${encodeURIComponent(category)}` : "/question-bank/export";
  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4} maw={720}>
          <Title order={1}>{t("bank.title")}</Title>
          <Text size="sm" c="gray.7">
            {t("bank.intro")}
          </Text>
        </Stack>
        <Group gap="sm">
          <Button component={Link} to="/question-bank/import">
            {t("bank.import")}
          </Button>
          <Button component="a" href={exportHref} variant="light" download>
            {category ? t("bank.exportCategoryGift") : t("bank.exportGift")}
          </Button>
        </Group>
      </Group>
      <Notice />
      <DataTable
        caption={t("bank.title")}
        columns={columns}
        page={page}
        sort={sort}
        dir={dir}
        getRowId={(r) => String(r.id)}
        filters={
          <>
            <NativeSelect
              name="f.category"
              label={t("bank.col.category")}
              defaultValue={category}
              data={[{ value: "", label: t("bank.filter.allCategories") }, ...categoryOptions(categories, t)]}
              w={260}
            />
            <FilterSelect name="type" label={t("bank.col.type")} options={QUESTION_TYPE_NAMES.map((type) => ({ value: type, label: t(questionTypeLabel(type)) }))} />
            <FilterSelect name="tag" label={t("bank.filter.tag")} options={tags.map((tag) => ({ value: tag, label: tag }))} />
            <FilterSelect
              name="status"
              label={t("bank.col.status")}
              options={[
                { value: "active", label: t("bank.status.active") },
                { value: "retired", label: t("bank.status.retired") },
              ]}
            />
          </>
        }
      />
    </Stack>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
