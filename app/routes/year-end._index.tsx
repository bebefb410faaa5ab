// 年終考核依據 of the office (issue 9, "Year-end summary"): one row per colleague with the year's
// headline numbers, a year selector in 民國 years, a link to each person's printable page and the
// office's CSV export. For section chiefs and the director of the office (yearEnd.view); the office
// is small (tens of people), so officeYearEnd gathers everyone with a fixed number of queries and the
// page filters and sorts in memory, its state in the URL like every DataTable.
import { Alert, Anchor, Button, Group, NativeSelect, Stack, Text, Title } from "@mantine/core";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { createColumnHelper } from "@tanstack/react-table";
import { DataTable } from "~/components/data-table";
import { OverallJudgement, yearText } from "~/components/training-hours/parts";
import { counterShort } from "~/components/year-end-summary";
import { useT } from "~/i18n/use-t";
import { requirePermission } from "~/modules/auth/guards.server";
import { parseListParams } from "~/modules/listing";
import { formatHours } from "~/modules/training/hours";
import { gradesText, hasAnyRecord, type PersonYearEnd } from "~/modules/year-end/year-end";
import { yearFromSearch, yearOptions } from "~/modules/year-end/year-end.schema";
import { officeYearEnd } from "~/modules/year-end/year-end.server";

const SORTS = ["employeeNo", "name", "hours", "points", "counter"] as const;
type Sort = (typeof SORTS)[number];

function compare(sort: Sort, a: PersonYearEnd, b: PersonYearEnd): number {
  switch (sort) {
    case "name":
      return a.name.localeCompare(b.name, "zh-TW");
    case "hours":
      return a.hours.totalHours - b.hours.totalHours;
    case "points":
      return a.incentives.points - b.incentives.points;
    case "counter":
      // Ranked first by rank; the unranked after them.
      return (a.counter.rank ?? Number.MAX_SAFE_INTEGER) - (b.counter.rank ?? Number.MAX_SAFE_INTEGER);
    default:
      return 0;
  }
}

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "yearEnd.view");
  const url = new URL(args.request.url);
  const now = new Date();
  const { year, invalid } = yearFromSearch(url, now);
  const params = parseListParams(url, { sortable: SORTS, defaultSort: "employeeNo" });
  // The whole office on one page unless a smaller page is asked for.
  if (!url.searchParams.has("size")) params.pageSize = 100;
  const office = await officeYearEnd(args.context.db, user.officeId, year, now);
  const q = params.q.toLowerCase();
  const sign = params.dir === "desc" ? -1 : 1;
  const rows = office.people
    .filter((p) => !q || [p.employeeNo, p.name, p.title].some((v) => v.toLowerCase().includes(q)))
    .sort((a, b) => sign * compare(params.sort, a, b) || a.employeeNo.localeCompare(b.employeeNo));
  const pageCount = Math.max(1, Math.ceil(rows.length / params.pageSize));
  const pageNo = Math.min(params.page, pageCount);
  return {
    year,
    invalidYear: invalid,
    years: yearOptions(year, now),
    officeName: office.officeName,
    hasTarget: office.target !== null,
    people: office.people.length,
    anyRecord: office.people.some(hasAnyRecord),
    sort: params.sort,
    dir: params.dir,
    page: {
      rows: rows.slice((pageNo - 1) * params.pageSize, pageNo * params.pageSize).map((p) => ({
        id: p.userId,
        employeeNo: p.employeeNo,
        name: p.name,
        title: p.title,
        totalHours: p.hours.totalHours,
        digitalHours: p.hours.digitalHours,
        targetTotal: p.hours.progress?.total.target ?? null,
        targetDigital: p.hours.progress?.digital.target ?? null,
        progress: p.hours.progress,
        sessionsAttended: p.sessionsAttended,
        quizzesTaken: p.quizTally.takenOfAssigned,
        quizzesAssigned: p.quizTally.assigned,
        quizMean: p.quizTally.meanPercent,
        proposals: p.proposalTally.count,
        grades: gradesText(p.proposalTally.grades),
        points: p.incentives.points,
        pointsRank: p.incentives.rank,
        reward: p.incentives.reward,
        counter: p.counter,
      })),
      total: rows.length,
      page: pageNo,
      pageSize: params.pageSize,
      pageCount,
    },
  };
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;
type Row = Data["page"]["rows"][number];
const column = createColumnHelper<Row>();

export default function YearEndOffice() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  const year = yearText(t, d.year);
  const columns = [
    column.accessor("employeeNo", { header: t("user.employeeNo"), meta: { sortKey: "employeeNo", nowrap: true } }),
    column.accessor("name", {
      header: t("yearEnd.col.person"),
      meta: { sortKey: "name", nowrap: true },
      cell: (c) => (
        <Anchor component={Link} to={`/year-end/${c.row.original.id}?year=${d.year}`}>
          {c.getValue()}
          <Text span size="xs" c="gray.7" display="block">
            {c.row.original.title}
          </Text>
        </Anchor>
      ),
    }),
    column.accessor("totalHours", {
      header: t("yearEnd.col.hours"),
      meta: { sortKey: "hours", nowrap: true },
      cell: (c) => (c.row.original.targetTotal === null ? formatHours(c.getValue()) : `${formatHours(c.getValue())} / ${formatHours(c.row.original.targetTotal)}`),
    }),
    column.accessor("digitalHours", {
      header: t("yearEnd.col.digital"),
      meta: { nowrap: true },
      cell: (c) => (c.row.original.targetDigital === null ? formatHours(c.getValue()) : `${formatHours(c.getValue())} / ${formatHours(c.row.original.targetDigital)}`),
    }),
    column.display({
      id: "judgement",
      header: t("yearEnd.col.judgement"),
      meta: { nowrap: true },
      cell: (c) => (c.row.original.progress ? <OverallJudgement progress={c.row.original.progress} /> : t("yearEnd.noTarget")),
    }),
    column.accessor("sessionsAttended", { header: t("yearEnd.col.sessions"), meta: { nowrap: true } }),
    column.display({
      id: "quizzes",
      header: t("yearEnd.col.quizzes"),
      meta: { nowrap: true },
      cell: (c) => `${c.row.original.quizzesTaken} / ${c.row.original.quizzesAssigned}`,
    }),
    column.accessor("quizMean", { header: t("yearEnd.col.quizMean"), meta: { nowrap: true }, cell: (c) => (c.getValue() === null ? "—" : `${formatHours(c.getValue()!)}%`) }),
    column.display({
      id: "proposals",
      header: t("yearEnd.col.proposals"),
      meta: { nowrap: true },
      cell: (c) => (c.row.original.grades ? `${c.row.original.proposals}（${c.row.original.grades}）` : String(c.row.original.proposals)),
    }),
    column.accessor("points", {
      header: t("yearEnd.col.points"),
      meta: { sortKey: "points", nowrap: true },
      cell: (c) => (
        <>
          {formatHours(c.getValue())}
          {c.row.original.reward ? (
            <Text span size="xs" c="gray.7" display="block">
              {c.row.original.reward}
            </Text>
          ) : null}
        </>
      ),
    }),
    column.display({ id: "counter", header: t("yearEnd.col.counter"), meta: { sortKey: "counter", nowrap: true }, cell: (c) => counterShort(t, c.row.original.counter) }),
  ];

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Title order={1}>{t("yearEnd.office.title")}</Title>
        <Group gap="sm" align="flex-end">
          <Form method="get">
            <Group gap="xs" align="flex-end">
              <NativeSelect name="year" label={t("yearEnd.year")} defaultValue={String(d.year)} data={d.years.map((y) => ({ value: String(y), label: yearText(t, y) }))} />
              <Button type="submit" variant="default">
                {t("yearEnd.show")}
              </Button>
            </Group>
          </Form>
          <Button component="a" href={`/year-end/export?year=${d.year}`} variant="light" download data-testid="year-end-export">
            {t("yearEnd.export")}
          </Button>
        </Group>
      </Group>
      {d.invalidYear !== null ? (
        <Alert color="yellow" role="alert" data-testid="invalid-year">
          {t("yearEnd.invalidYear", { value: d.invalidYear, example: d.year, year })}
        </Alert>
      ) : null}
      <Text>{t("yearEnd.officeIntro", { year })}</Text>
      <Text size="sm" c="gray.7">
        {t("yearEnd.basis")} {t("yearEnd.people", { n: d.people })}
      </Text>
      {d.anyRecord ? null : (
        <Alert color="gray" data-testid="year-end-empty">
          {t("yearEnd.emptyOffice", { year })}
        </Alert>
      )}
      <DataTable
        caption={`${t("yearEnd.office.title")}：${year}`}
        columns={columns}
        page={d.page}
        sort={d.sort}
        dir={d.dir}
        exportable={false}
        getRowId={(r) => String(r.id)}
        filters={<input type="hidden" name="year" value={d.year} />}
      />
    </Stack>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
