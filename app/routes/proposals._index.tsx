// 創新提案 lists (issue 4: mine, to screen, to vote, all; filters by state, category and year; each
// stage shows how long it has waited). The view is ?view=…, one of those the person has (viewsFor).
import { Button, Group, Stack, Text, Title } from "@mantine/core";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { createColumnHelper } from "@tanstack/react-table";
import { DataTable } from "~/components/data-table";
import { FilterSelect, RowLink } from "~/components/list-parts";
import { Notice } from "~/components/notice";
import { ProposalStateBadge, RewardGradeBadge, StageAge } from "~/components/proposals/proposal-badges";
import { RocDate } from "~/components/roc-date";
import { formatRocDateTime } from "~/i18n/dates";
import { requestLanguage } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { requirePermission } from "~/modules/auth/guards.server";
import type { CurrentUser } from "~/modules/auth/session.server";
import { csvResponse, wantsCsv } from "~/modules/csv.server";
import { parseListParams, toCsv } from "~/modules/listing";
import { EXPORT_LIMIT } from "~/modules/listing.server";
import { PROPOSAL_CATEGORIES, PROPOSAL_STATES, TERMINAL_STATES } from "~/modules/proposals/proposal-workflow";
import {
  PROPOSAL_SORTS,
  getProposalSettings,
  listProposals,
  proposalYears,
  viewsFor,
  type ProposalSort,
  type ProposalView,
} from "~/modules/proposals/proposals.server";

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "proposals.submit");
  const url = new URL(args.request.url);
  const views = viewsFor(user);
  const asked = url.searchParams.get("view") as ProposalView | null;
  const view: ProposalView = asked && views.includes(asked) ? asked : "mine";
  const params = parseListParams(url, { sortable: PROPOSAL_SORTS, defaultSort: "updatedAt", defaultDir: "desc", filters: ["state", "category", "year"] });
  const db = args.context.db;
  if (wantsCsv(url)) {
    const { t, language } = requestLanguage(args.request);
    const { rows } = await listProposals(db, user, view, { ...params, page: 1, pageSize: EXPORT_LIMIT });
    const csv = toCsv(
      [
        t("proposals.col.referenceNo"),
        t("proposals.col.title"),
        t("proposals.col.category"),
        t("proposals.col.proposer"),
        t("proposals.col.state"),
        t("proposals.col.stageAge"),
        t("proposals.col.updatedAt"),
        t("proposals.col.grade"),
      ],
      rows.map((r) => [
        r.referenceNo ?? "",
        r.title,
        t(`proposalCategory.${r.category as (typeof PROPOSAL_CATEGORIES)[number]}`),
        r.proposerName,
        t(`proposalState.${r.state}`),
        TERMINAL_STATES.includes(r.state) ? "" : r.stageAgeDays,
        formatRocDateTime(r.updatedAt, language),
        r.rewardGrade ? t("rewardGrade", { grade: r.rewardGrade }) : "",
      ]),
    );
    return csvResponse(`proposals-${view}-${new Date().toISOString().slice(0, 10)}.csv`, csv);
  }
  return loadPage(args, user, view, views, params);
}

async function loadPage(
  args: LoaderFunctionArgs,
  user: CurrentUser,
  view: ProposalView,
  views: ProposalView[],
  params: ReturnType<typeof parseListParams<ProposalSort>>,
) {
  const db = args.context.db;
  const [page, years, settings] = await Promise.all([
    listProposals(db, user, view, params),
    proposalYears(db, user.officeId),
    getProposalSettings(db, user.officeId),
  ]);
  return { view, views, page, years, sort: params.sort, dir: params.dir, stageAlertDays: settings.stageAlertDays };
}

type Data = ReturnType<typeof useLoaderData<typeof loadPage>>;
type Row = Data["page"]["rows"][number];
const column = createColumnHelper<Row>();

export default function ProposalList() {
  const { view, views, page, years, sort, dir, stageAlertDays } = useLoaderData<typeof loadPage>();
  const t = useT();
  const columns = [
    column.accessor("referenceNo", {
      header: t("proposals.col.referenceNo"),
      meta: { sortKey: "referenceNo", nowrap: true },
      cell: (c) =>
        c.getValue() ?? (
          <Text size="xs" c="gray.7">
            {t("proposals.draftNo")}
          </Text>
        ),
    }),
    column.accessor("title", {
      header: t("proposals.col.title"),
      meta: { sortKey: "title" },
      cell: (c) => (
        <Group gap={6} wrap="nowrap">
          <RowLink to={`/proposals/${c.row.original.id}`}>{c.getValue()}</RowLink>
          <RewardGradeBadge grade={c.row.original.rewardGrade} />
        </Group>
      ),
    }),
    column.accessor("category", {
      header: t("proposals.col.category"),
      cell: (c) => t(`proposalCategory.${c.getValue() as (typeof PROPOSAL_CATEGORIES)[number]}`),
    }),
    column.accessor("proposerName", { header: t("proposals.col.proposer"), meta: { nowrap: true } }),
    column.accessor("state", {
      header: t("proposals.col.state"),
      meta: { sortKey: "state", nowrap: true },
      cell: (c) => <ProposalStateBadge state={c.getValue()} />,
    }),
    column.accessor("stageAgeDays", {
      header: t("proposals.col.stageAge"),
      meta: { sortKey: "stateEnteredAt", nowrap: true },
      // A closed proposal waits for nobody: no age, and no red alert.
      cell: (c) => (TERMINAL_STATES.includes(c.row.original.state) ? "—" : <StageAge days={c.getValue()} alertDays={stageAlertDays} />),
    }),
    column.accessor("updatedAt", {
      header: t("proposals.col.updatedAt"),
      meta: { sortKey: "updatedAt", nowrap: true },
      cell: (c) => <RocDate value={c.getValue()} />,
    }),
  ];
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>{t("proposals.listTitle")}</Title>
        <Button component={Link} to="/proposals/new">
          {t("proposals.new")}
        </Button>
      </Group>
      <Notice />
      {/* Plain links (work without JavaScript), drawn as one segmented bar; filters reset per view. */}
      <Group gap={0} component="nav" aria-label={t("proposals.views")} data-testid="view-tabs">
        {views.map((v, i) => (
          <Button
            key={v}
            component={Link}
            to={`?view=${v}`}
            variant={v === view ? "filled" : "default"}
            aria-current={v === view ? "page" : undefined}
            style={{
              borderTopLeftRadius: i === 0 ? undefined : 0,
              borderBottomLeftRadius: i === 0 ? undefined : 0,
              borderTopRightRadius: i === views.length - 1 ? undefined : 0,
              borderBottomRightRadius: i === views.length - 1 ? undefined : 0,
            }}
          >
            {t(`proposals.view.${v}`)}
          </Button>
        ))}
      </Group>
      <Text size="sm" c="gray.7">
        {t(`proposals.viewHint.${view}`)}
      </Text>
      <DataTable
        caption={`${t("proposals.listTitle")}：${t(`proposals.view.${view}`)}`}
        columns={columns}
        page={page}
        sort={sort}
        dir={dir}
        getRowId={(r) => String(r.id)}
        filters={
          <>
            {/* The GET form keeps only sort and dir by itself; the view travels with the filters. */}
            <input type="hidden" name="view" value={view} />
            <FilterSelect name="state" label={t("proposals.col.state")} options={PROPOSAL_STATES.map((s) => ({ value: s, label: t(`proposalState.${s}`) }))} />
            <FilterSelect name="category" label={t("proposals.col.category")} options={PROPOSAL_CATEGORIES.map((c) => ({ value: c, label: t(`proposalCategory.${c}`) }))} />
            <FilterSelect name="year" label={t("proposals.filter.year")} options={years.map((y) => ({ value: String(y), label: t("proposals.yearOption", { year: y }) }))} />
          </>
        }
      />
    </Stack>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
