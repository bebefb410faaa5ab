// 學習時數總表 (issue 5, Supervisors: "Yearly target per office and year (total hours, and a
// digital-learning part; values configurable, no law hard-coded): who is behind, by how much, with
// progress bars; export the roster with hours to CSV/Excel for the personnel office"). The office's
// roster is small (tens of people), so hoursRoster computes everyone and the page filters, sorts and
// pages in memory; the state stays in the URL like every DataTable.
import { Alert, Badge, Button, Checkbox, Group, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { createColumnHelper } from "@tanstack/react-table";
import { DataTable } from "~/components/data-table";
import { FormErrorSummary, TextField, useFormFields } from "~/components/form-fields";
import { HoursNotice } from "~/components/training-hours/hours-notice";
import { OverallJudgement, ProgressCell, YearSwitch, hoursText, yearText } from "~/components/training-hours/parts";
import { yearFromUrl } from "~/components/training-hours/year";
import { requestLanguage } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { requirePermission } from "~/modules/auth/guards.server";
import { csvResponse, wantsCsv } from "~/modules/csv.server";
import { parseForm, runCommand } from "~/modules/forms.server";
import { parseListParams, toCsv } from "~/modules/listing";
import { formatHours } from "~/modules/training/hours";
import { countPendingElearning } from "~/modules/training/hours-pages.server";
import { targetSchema } from "~/modules/training/training-forms.server";
import { hoursRoster, setTarget } from "~/modules/training/training.server";

const ROSTER_SORTS = ["employeeNo", "name", "remaining", "total", "digital"] as const;
type RosterSort = (typeof ROSTER_SORTS)[number];
type RosterRow = Awaited<ReturnType<typeof hoursRoster>>["rows"][number];

/** Hours still missing, total first, then the digital part: who needs the most help comes first. */
function compareRows(sort: RosterSort, a: RosterRow, b: RosterRow): number {
  switch (sort) {
    case "name":
      return a.name.localeCompare(b.name, "zh-TW");
    case "remaining":
      return a.progress.total.remaining - b.progress.total.remaining || a.progress.digital.remaining - b.progress.digital.remaining;
    case "total":
      return a.totalHours - b.totalHours;
    case "digital":
      return a.digitalHours - b.digitalHours;
    default:
      return 0;
  }
}

async function rosterRows(args: LoaderFunctionArgs, officeId: number) {
  const url = new URL(args.request.url);
  const year = yearFromUrl(url);
  const params = parseListParams(url, { sortable: ROSTER_SORTS, defaultSort: "employeeNo" });
  // The whole office on one page unless a smaller page is asked for.
  if (!url.searchParams.has("size")) params.pageSize = 100;
  const onlyBehind = url.searchParams.get("behind") === "1";
  const roster = await hoursRoster(args.context.db, officeId, year);
  const q = params.q.toLowerCase();
  const sign = params.dir === "desc" ? -1 : 1;
  const rows = roster.rows
    .filter((r) => !q || [r.employeeNo, r.name, r.title].some((v) => v.toLowerCase().includes(q)))
    .filter((r) => !onlyBehind || (roster.hasTarget && r.progress.judgement === "behind"))
    .sort((a, b) => sign * compareRows(params.sort, a, b) || a.employeeNo.localeCompare(b.employeeNo));
  return { roster, rows, params, year, onlyBehind };
}

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "training.manage");
  const { roster, rows, params, year, onlyBehind } = await rosterRows(args, user.officeId);
  const url = new URL(args.request.url);
  if (wantsCsv(url)) {
    const { t } = requestLanguage(args.request);
    const h = (n: number) => formatHours(n);
    const csv = toCsv(
      [
        t("user.employeeNo"),
        t("user.name"),
        t("user.jobTitle"),
        t("trainingHours.csv.sessionHours"),
        t("trainingHours.csv.elearningHours"),
        t("trainingHours.csv.outsideHours"),
        t("trainingHours.csv.totalHours"),
        t("trainingHours.csv.targetTotal"),
        t("trainingHours.csv.remainingTotal"),
        t("trainingHours.csv.targetDigital"),
        t("trainingHours.csv.remainingDigital"),
        t("trainingHours.csv.expectedTotal"),
        t("trainingHours.csv.judgement"),
        t("trainingHours.csv.behindBy"),
      ],
      rows.map((r) => [
        r.employeeNo,
        r.name,
        r.title,
        h(r.sessionHours),
        h(r.elearningHours),
        h(r.outsideHours),
        h(r.totalHours),
        roster.hasTarget ? h(r.progress.total.target) : "",
        roster.hasTarget ? h(r.progress.total.remaining) : "",
        roster.hasTarget ? h(r.progress.digital.target) : "",
        roster.hasTarget ? h(r.progress.digital.remaining) : "",
        roster.hasTarget ? h(r.progress.total.expectedByNow) : "",
        roster.hasTarget ? t(`progress.${r.progress.judgement}`) : t("trainingHours.csv.noTarget"),
        roster.hasTarget ? h(Math.max(r.progress.total.behindBy, r.progress.digital.behindBy)) : "",
      ]),
    );
    return csvResponse(`training-hours-${year}.csv`, csv);
  }
  const pageCount = Math.max(1, Math.ceil(rows.length / params.pageSize));
  const pageNo = Math.min(params.page, pageCount);
  const all = roster.rows;
  return {
    year,
    hasTarget: roster.hasTarget,
    target: roster.target,
    onlyBehind,
    sort: params.sort,
    dir: params.dir,
    page: {
      rows: rows.slice((pageNo - 1) * params.pageSize, pageNo * params.pageSize).map((r) => ({
        id: r.id,
        employeeNo: r.employeeNo,
        name: r.name,
        title: r.title,
        sessionHours: r.sessionHours,
        elearningHours: r.elearningHours,
        outsideHours: r.outsideHours,
        totalHours: r.totalHours,
        progress: r.progress,
      })),
      total: rows.length,
      page: pageNo,
      pageSize: params.pageSize,
      pageCount,
    },
    counts: {
      people: all.length,
      behind: roster.hasTarget ? all.filter((r) => r.progress.judgement === "behind").length : 0,
      done: roster.hasTarget ? all.filter((r) => r.progress.judgement === "done").length : 0,
    },
    expectedByNow: all[0]?.progress.total.expectedByNow ?? 0,
    pendingElearning: await countPendingElearning(args.context.db, user.officeId),
  };
}

export async function action(args: ActionFunctionArgs) {
  const user = await requirePermission(args, "training.manage");
  const formData = await args.request.formData();
  if (formData.get("intent") !== "target") throw new Response("Bad Request", { status: 400 });
  const parsed = parseForm(targetSchema, formData);
  if (!parsed.ok) return data(parsed, { status: 400 });
  const { year, totalHours, digitalHours } = parsed.data;
  const outcome = await runCommand(formData, () => setTarget(args.context.db, user, year, { totalHours, digitalHours }));
  if (!outcome.ok) return outcome.response;
  throw redirect(`/training/roster?year=${year}&notice=targetSaved`);
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;
type Row = Data["page"]["rows"][number];
const column = createColumnHelper<Row>();

export default function Roster() {
  const d = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  const t = useT();
  const [params] = useSearchParams();
  const year = yearText(t, d.year);
  const h = (n: number) => hoursText(t, n);

  const columns = [
    column.accessor("employeeNo", { header: t("user.employeeNo"), meta: { sortKey: "employeeNo", nowrap: true } }),
    column.accessor("name", { header: t("user.name"), meta: { sortKey: "name", nowrap: true } }),
    column.accessor("title", { header: t("user.jobTitle"), meta: { nowrap: true } }),
    column.accessor("sessionHours", { header: t("trainingHours.col.sessionHours"), meta: { nowrap: true }, cell: (c) => h(c.getValue()) }),
    column.accessor("elearningHours", {
      header: t("trainingHours.col.elearningHours"),
      meta: { sortKey: "digital", nowrap: true },
      cell: (c) =>
        d.hasTarget ? <ProgressCell part={c.row.original.progress.digital} name={`${c.row.original.name} ${t("trainingHours.digital")}`} /> : h(c.getValue()),
    }),
    column.accessor("outsideHours", { header: t("trainingHours.col.outsideHours"), meta: { nowrap: true }, cell: (c) => h(c.getValue()) }),
    column.accessor("totalHours", { header: t("trainingHours.col.totalHours"), meta: { sortKey: "total", nowrap: true }, cell: (c) => <Text fw={700} size="sm">{h(c.getValue())}</Text> }),
    ...(d.hasTarget
      ? [
          column.display({
            id: "progress",
            header: t("trainingHours.col.progress"),
            cell: (c) => <ProgressCell part={c.row.original.progress.total} name={`${c.row.original.name} ${t("trainingHours.total")}`} />,
          }),
          column.display({
            id: "remaining",
            header: t("trainingHours.col.remaining"),
            meta: { sortKey: "remaining", nowrap: true },
            cell: (c) => {
              const p = c.row.original.progress;
              return (
                <Text size="sm">
                  {h(p.total.remaining)}
                  {p.digital.remaining > 0 ? (
                    <Text span size="xs" c="gray.7" display="block">
                      {t("trainingHours.col.remainingDigital", { n: formatHours(p.digital.remaining) })}
                    </Text>
                  ) : null}
                </Text>
              );
            },
          }),
          column.display({
            id: "judgement",
            header: t("trainingHours.col.judgement"),
            meta: { nowrap: true },
            cell: (c) => <OverallJudgement progress={c.row.original.progress} />,
          }),
        ]
      : []),
  ];

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Title order={1}>{t("trainingHours.roster.title")}</Title>
        <YearSwitch year={d.year} />
      </Group>
      <HoursNotice />
      <Group gap="sm" component="nav" aria-label={t("trainingHours.roster.related")}>
        <Button component={Link} to="/training/elearning" variant="light" rightSection={d.pendingElearning ? <Badge color="red" size="sm">{d.pendingElearning}</Badge> : null}>
          {t("trainingHours.links.elearning")}
        </Button>
        <Button component={Link} to="/training/nominations" variant="light">
          {t("trainingHours.links.nominations")}
        </Button>
      </Group>

      {d.hasTarget ? (
        <Text data-testid="roster-summary">
          {t("trainingHours.roster.summary", {
            year,
            total: formatHours(d.target.totalHours),
            digital: formatHours(d.target.digitalHours),
            expected: formatHours(d.expectedByNow),
            people: d.counts.people,
            behind: d.counts.behind,
            done: d.counts.done,
          })}
        </Text>
      ) : (
        <Alert color="yellow" data-testid="no-target">
          {t("trainingHours.roster.noTarget", { year })}
        </Alert>
      )}

      <DataTable
        caption={`${t("trainingHours.roster.title")}：${year}`}
        columns={columns}
        page={d.page}
        sort={d.sort}
        dir={d.dir}
        getRowId={(r) => String(r.id)}
        filters={
          <>
            <input type="hidden" name="year" value={d.year} />
            <Checkbox name="behind" value="1" label={t("trainingHours.roster.onlyBehind")} defaultChecked={d.onlyBehind} mb={8} disabled={!d.hasTarget} />
            {params.get("sort") === "remaining" && params.get("dir") === "desc" ? null : (
              <Button component={Link} to={`?year=${d.year}${d.onlyBehind ? "&behind=1" : ""}&sort=remaining&dir=desc`} variant="subtle">
                {t("trainingHours.roster.sortRemaining")}
              </Button>
            )}
          </>
        }
      />

      <TargetForm year={d.year} target={d.hasTarget ? d.target : null} state={state} />
    </Stack>
  );
}

function TargetForm({ year, target, state }: { year: number; target: { totalHours: number; digitalHours: number } | null; state: Parameters<typeof useFormFields>[0] }) {
  const fields = useFormFields(state, target ? { totalHours: formatHours(target.totalHours), digitalHours: formatHours(target.digitalHours) } : {});
  const { t } = fields;
  const label = yearText(t, year);
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="target-heading" maw={720}>
      <Form method="post" action={`/training/roster?year=${year}`} noValidate>
        <input type="hidden" name="intent" value="target" />
        <input type="hidden" name="year" value={year} />
        <Stack gap="sm">
          <Title order={2} size="h3" id="target-heading">
            {t("trainingHours.target.title", { year: label })}
          </Title>
          <Text size="sm" c="gray.7">
            {target ? t("trainingHours.target.intro") : t("trainingHours.target.none")}
          </Text>
          <FormErrorSummary state={state} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextField fields={fields} name="totalHours" label={t("trainingHours.target.total")} type="number" inputMode="decimal" min={0} max={999} step={0.5} required />
            <TextField fields={fields} name="digitalHours" label={t("trainingHours.target.digital")} description={t("trainingHours.target.digitalHint")} type="number" inputMode="decimal" min={0} max={999} step={0.5} required />
          </SimpleGrid>
          <Group>
            <Button type="submit">{t("trainingHours.target.save")}</Button>
          </Group>
        </Stack>
      </Form>
    </Paper>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
