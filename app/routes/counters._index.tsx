// 櫃台績效評比 (issue 8, Counter performance): the office's ranking for a month, quarter, half-year or
// year, the formula in words, the counters' waiting times (reported for the office and counters,
// not blamed on one clerk), a person's trend on demand (?person=), a counter's trend on demand
// (?counter=<number>) and a CSV export. Everyone in the
// office sees it ("counters.view": transparency); the rules are app/modules/counters/ranking.ts.
import { Alert, Anchor, Button, Group, NativeSelect, Paper, Stack, Table, Text, Title } from "@mantine/core";
import { type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { CounterTrend, fmt, pct, ScoreTrend, usePeriodLabel } from "~/components/counters/parts";
import { requestLanguage } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { requirePermission } from "~/modules/auth/guards.server";
import { hasPermission } from "~/modules/auth/roles";
import { counterTrend, defaultPeriodKey, officeCounter, officePerson, scoreTrend } from "~/modules/counters/counter-pages.server";
import { measuresFor, rankingFor } from "~/modules/counters/counters.server";
import { parsePeriodKey, type Period } from "~/modules/counters/periods";
import { csvResponse, wantsCsv } from "~/modules/csv.server";
import { toCsv } from "~/modules/listing";

/** The periods offered in the picker: around the one shown, months of its year and the last, and the longer ones. */
function periodChoices(current: Period): { key: string; label: string }[] {
  const year = Number(current.key.slice(0, 4));
  const keys: string[] = [];
  for (const y of [year, year - 1]) {
    keys.push(`${y}`, `${y}-H2`, `${y}-H1`, `${y}-Q4`, `${y}-Q3`, `${y}-Q2`, `${y}-Q1`);
    for (let m = 12; m >= 1; m -= 1) keys.push(`${y}-${String(m).padStart(2, "0")}`);
  }
  if (!keys.includes(current.key)) keys.unshift(current.key);
  return keys.map((k) => parsePeriodKey(k)!).map((p) => ({ key: p.key, label: p.label }));
}

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "counters.view");
  const db = args.context.db;
  const url = new URL(args.request.url);
  const key = url.searchParams.get("period") || (await defaultPeriodKey(db, user.officeId));
  const period = parsePeriodKey(key);
  if (!period) throw new Response("Not Found", { status: 404 });

  const measures = await measuresFor(db, user.officeId, period);
  const ranking = await rankingFor(db, user.officeId, period, measures);
  const byStaff = new Map(measures.staff.map((m) => [m.staff, m]));
  const rows = ranking.rows.map((r) => {
    const m = byStaff.get(r.staff);
    return {
      userId: r.userId,
      staff: r.staff,
      name: r.name,
      rank: r.rank,
      score: r.score,
      reason: r.notRankedReason,
      served: r.served,
      staffedDays: r.staffedDays,
      staffedHours: m?.staffedHours ?? 0,
      weightedCases: m?.weightedCases ?? 0,
      weightedPerHour: m?.weightedPerHour ?? null,
      handlingRatio: m?.handlingRatio ?? null,
      corrections: m?.corrections ?? 0,
      correctionRate: m?.correctionRate ?? null,
    };
  });

  if (wantsCsv(url)) {
    const { t } = requestLanguage(args.request);
    const n = (v: number | null, d = 2) => (v === null ? "" : v.toFixed(d));
    const csv = toCsv(
      [
        t("counters.col.rank"),
        t("user.employeeNo"),
        t("user.name"),
        t("counters.col.served"),
        t("counters.col.weighted"),
        t("counters.col.staffedDays"),
        t("counters.col.staffedHours"),
        t("counters.col.perHour"),
        t("counters.col.handling"),
        t("counters.col.corrections"),
        t("counters.col.correctionRate"),
        t("counters.col.score"),
        t("counters.col.reason"),
      ],
      rows.map((r) => [
        r.rank ?? "",
        r.staff,
        r.name,
        r.served,
        n(r.weightedCases),
        r.staffedDays,
        n(r.staffedHours),
        n(r.weightedPerHour),
        n(r.handlingRatio),
        r.corrections,
        r.correctionRate === null ? "" : (r.correctionRate * 100).toFixed(2) + "%",
        n(r.score),
        r.reason ?? "",
      ]),
    );
    return csvResponse(`櫃台績效評比-${period.key}.csv`, csv);
  }

  // The trend of one person, on demand: six months of scores, each ranked as this page ranks it.
  const personParam = url.searchParams.get("person");
  let trend: { userId: number; name: string; employeeNo: string; points: Awaited<ReturnType<typeof scoreTrend>> } | null = null;
  if (personParam) {
    const userId = Number(personParam);
    const person = Number.isInteger(userId) ? await officePerson(db, user.officeId, userId) : null;
    if (!person) throw new Response("Not Found", { status: 404 });
    trend = { userId: person.id, name: person.name, employeeNo: person.employeeNo, points: await scoreTrend(db, user.officeId, person.id, period) };
  }

  // The trend of one counter, on demand: six months of served, weighted and waiting, measured as the counters table.
  const counterParam = url.searchParams.get("counter");
  let counterTrendData: { counter: string; label: string | null; points: Awaited<ReturnType<typeof counterTrend>> } | null = null;
  if (counterParam) {
    const number = /^\d+$/.test(counterParam) ? Number(counterParam) : NaN;
    const counter = Number.isSafeInteger(number) ? await officeCounter(db, user.officeId, number) : null;
    if (!counter) throw new Response("Not Found", { status: 404 });
    const key = String(counter.number);
    counterTrendData = { counter: key, label: counter.label ?? null, points: await counterTrend(db, user.officeId, key, period) };
  }

  const w = measures.office.waiting;
  const page = {
    period: { key: period.key, label: period.label, kind: period.kind },
    choices: periodChoices(period),
    config: ranking.config,
    means: ranking.officeMeans,
    ranked: rows.filter((r) => r.rank !== null),
    unranked: rows.filter((r) => r.rank === null),
    counters: measures.counters
      .filter((c) => c.served > 0 || c.waiting.tickets > 0 || c.staffedHours > 0)
      .map((c) => ({
        counter: c.counter,
        label: c.label,
        served: c.served,
        weightedCases: c.weightedCases,
        staffedHours: c.staffedHours,
        noShows: c.noShows,
        transfers: c.transfers,
        waitTickets: c.waiting.tickets,
        waitMean: c.waiting.meanMinutes,
        waitP90: c.waiting.p90Minutes,
        overTargetShare: c.waiting.overTargetShare,
      })),
    office: {
      served: measures.office.served,
      weightedCases: measures.office.weightedCases,
      staffedHours: measures.office.staffedHours,
      noShows: measures.office.noShows,
      transfers: measures.office.transfers,
      waitTickets: w.tickets,
      waitMean: w.meanMinutes,
      waitP90: w.p90Minutes,
      overTargetShare: w.overTargetShare,
      targetMinutes: w.targetMinutes,
      unweightedCaseTypes: measures.office.unweightedCaseTypes,
    },
    trend,
    counterTrend: counterTrendData,
    canManage: hasPermission(user.roles, "counters.manage"),
  };
  return page as typeof page;
}

/**
 * The page's data. Spelled out because the loader may also answer with the CSV Response, and
 * single fetch's inference of that union loses the object's type.
 */
type Data = {
  [K in keyof LoaderPage]: LoaderPage[K];
};
type LoaderPage = Exclude<Awaited<ReturnType<typeof loader>>, Response>;

export default function CounterRanking() {
  const d = useLoaderData() as Data;
  const t = useT();
  const periodLabel = usePeriodLabel();
  const label = periodLabel(d.period);
  const hasData = d.ranked.length + d.unranked.length > 0;
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Title order={1}>{t("counters.ranking.title")}</Title>
        <Form method="get">
          <Group gap="xs" align="flex-end">
            <NativeSelect id="f-period" name="period" label={t("counters.ranking.period")} defaultValue={d.period.key} data={d.choices.map((c) => ({ value: c.key, label: periodLabel(c) }))} />
            <Button type="submit" variant="default">
              {t("counters.ranking.show")}
            </Button>
          </Group>
        </Form>
      </Group>
      <Group gap="sm">
        <Button component="a" href={`/counters?period=${d.period.key}&format=csv`} variant="light">
          {t("counters.ranking.csv")}
        </Button>
        {d.canManage ? (
          <>
            <Button component={Link} to="/counters/import" variant="light">
              {t("counters.import.title")}
            </Button>
            <Button component={Link} to="/counters/settings" variant="light">
              {t("counters.settings.title")}
            </Button>
          </>
        ) : null}
      </Group>

      {d.office.unweightedCaseTypes.length > 0 ? (
        <Alert color="yellow" data-testid="unweighted">
          {t("counters.ranking.unweighted", { types: d.office.unweightedCaseTypes.join("、") })}
        </Alert>
      ) : null}

      <Formula d={d} />

      {!hasData ? (
        <Alert color="gray" data-testid="no-data">
          {t("counters.ranking.noData", { period: label })}
        </Alert>
      ) : (
        <RankingTable d={d} label={label} />
      )}

      {d.trend ? (
        <Paper withBorder p="lg" component="section" aria-labelledby="trend-heading">
          <Stack gap="sm">
            <Group justify="space-between">
              <Title order={2} size="h3" id="trend-heading">
                {t("counters.trend.title", { name: `${d.trend.name}（${d.trend.employeeNo}）` })}
              </Title>
              <Anchor component={Link} to={`/counters?period=${d.period.key}`}>
                {t("counters.trend.close")}
              </Anchor>
            </Group>
            <Text size="sm" c="gray.7">
              {t("counters.trend.intro")}
            </Text>
            <ScoreTrend points={d.trend.points} />
          </Stack>
        </Paper>
      ) : null}

      {d.counterTrend ? (
        <Paper withBorder p="lg" component="section" aria-labelledby="counter-trend-heading">
          <Stack gap="sm">
            <Group justify="space-between">
              <Title order={2} size="h3" id="counter-trend-heading">
                {t("counters.counterTrend.title", {
                  counter: d.counterTrend.label ? `${d.counterTrend.counter} ${d.counterTrend.label}` : t("counters.counters.number", { n: d.counterTrend.counter }),
                })}
              </Title>
              <Anchor component={Link} to={`/counters?period=${d.period.key}`}>
                {t("counters.trend.close")}
              </Anchor>
            </Group>
            <Text size="sm" c="gray.7">
              {t("counters.counterTrend.intro")}
            </Text>
            <CounterTrend points={d.counterTrend.points} />
          </Stack>
        </Paper>
      ) : null}

      <CountersTable d={d} label={label} />
    </Stack>
  );
}

function Formula({ d }: { d: Data }) {
  const t = useT();
  const w = d.config.weights;
  const sum = w.productivity + w.handling + w.quality || 1;
  const share = (x: number) => `${Math.round((100 * x) / sum)}%`;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="formula-heading">
      <Title order={2} size="h4" id="formula-heading" mb={6}>
        {t("counters.formula.title")}
      </Title>
      <Text size="sm" data-testid="formula">
        {t("counters.formula.text", {
          p: share(w.productivity),
          h: share(w.handling),
          q: share(w.quality),
          k: fmt(d.config.shrinkageCases, 0),
          days: d.config.minStaffedDays,
          meanP: fmt(d.means.productivity),
          meanH: fmt(d.means.handling),
          meanQ: pct(d.means.quality, 2),
        })}
      </Text>
    </Paper>
  );
}

function RankingTable({ d, label }: { d: Data; label: string }) {
  const t = useT();
  const trendLink = (userId: number | null) => (userId ? `/counters?period=${d.period.key}&person=${userId}#trend-heading` : null);
  return (
    <Stack gap="sm" component="section" aria-labelledby="ranking-heading">
      <Title order={2} size="h3" id="ranking-heading">
        {t("counters.ranking.tableTitle", { period: label })}
      </Title>
      <Table.ScrollContainer minWidth={900}>
        <Table withTableBorder striped data-testid="ranking-table">
          <Table.Caption>{t("counters.ranking.caption", { ranked: d.ranked.length, unranked: d.unranked.length })}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("counters.col.rank")}</Table.Th>
              <Table.Th scope="col">{t("user.name")}</Table.Th>
              <Table.Th scope="col">{t("counters.col.served")}</Table.Th>
              <Table.Th scope="col">{t("counters.col.weighted")}</Table.Th>
              <Table.Th scope="col">{t("counters.col.staffedDays")}</Table.Th>
              <Table.Th scope="col">{t("counters.col.perHour")}</Table.Th>
              <Table.Th scope="col">{t("counters.col.handling")}</Table.Th>
              <Table.Th scope="col">{t("counters.col.correctionRate")}</Table.Th>
              <Table.Th scope="col">{t("counters.col.score")}</Table.Th>
              <Table.Th scope="col">{t("counters.col.trend")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {d.ranked.map((r) => (
              <Table.Tr key={r.staff} data-testid="ranked-row">
                <Table.Td fw={700}>{r.rank}</Table.Td>
                <Table.Th scope="row" fw={400}>
                  {r.name}
                  <Text span size="xs" c="gray.7" ml={4}>
                    {r.staff}
                  </Text>
                </Table.Th>
                <Table.Td>{r.served}</Table.Td>
                <Table.Td>{fmt(r.weightedCases, 1)}</Table.Td>
                <Table.Td>{r.staffedDays}</Table.Td>
                <Table.Td>{fmt(r.weightedPerHour)}</Table.Td>
                <Table.Td>{fmt(r.handlingRatio)}</Table.Td>
                <Table.Td>{pct(r.correctionRate, 2)}</Table.Td>
                <Table.Td fw={700}>{fmt(r.score)}</Table.Td>
                <Table.Td>
                  {trendLink(r.userId) ? (
                    <Anchor component={Link} to={trendLink(r.userId)!} size="sm">
                      {t("counters.col.showTrend")}
                    </Anchor>
                  ) : null}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {d.unranked.length > 0 ? (
        <Stack gap={4}>
          <Title order={3} size="h4">
            {t("counters.ranking.unrankedTitle")}
          </Title>
          <Table withTableBorder data-testid="unranked-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("user.name")}</Table.Th>
                <Table.Th scope="col">{t("counters.col.served")}</Table.Th>
                <Table.Th scope="col">{t("counters.col.staffedDays")}</Table.Th>
                <Table.Th scope="col">{t("counters.col.reason")}</Table.Th>
                <Table.Th scope="col">{t("counters.col.trend")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {d.unranked.map((r) => (
                <Table.Tr key={r.staff} data-testid="unranked-row">
                  <Table.Th scope="row" fw={400}>
                    {r.name}
                    <Text span size="xs" c="gray.7" ml={4}>
                      {r.staff}
                    </Text>
                  </Table.Th>
                  <Table.Td>{r.served}</Table.Td>
                  <Table.Td>{r.staffedDays}</Table.Td>
                  <Table.Td>{r.reason}</Table.Td>
                  <Table.Td>
                    {trendLink(r.userId) ? (
                      <Anchor component={Link} to={trendLink(r.userId)!} size="sm">
                        {t("counters.col.showTrend")}
                      </Anchor>
                    ) : null}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      ) : null}
    </Stack>
  );
}

function CountersTable({ d, label }: { d: Data; label: string }) {
  const t = useT();
  const o = d.office;
  return (
    <Stack gap="sm" component="section" aria-labelledby="counters-heading">
      <Title order={2} size="h3" id="counters-heading">
        {t("counters.counters.title", { period: label })}
      </Title>
      <Text size="sm" c="gray.7">
        {t("counters.counters.intro", { target: o.targetMinutes })}
      </Text>
      <Table.ScrollContainer minWidth={760}>
        <Table withTableBorder striped data-testid="counters-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("counters.col.counter")}</Table.Th>
              <Table.Th scope="col">{t("counters.col.served")}</Table.Th>
              <Table.Th scope="col">{t("counters.col.weighted")}</Table.Th>
              <Table.Th scope="col">{t("counters.col.staffedHours")}</Table.Th>
              <Table.Th scope="col">{t("counters.col.noShows")}</Table.Th>
              <Table.Th scope="col">{t("counters.col.waitMean")}</Table.Th>
              <Table.Th scope="col">{t("counters.col.waitP90")}</Table.Th>
              <Table.Th scope="col">{t("counters.col.overTarget", { target: o.targetMinutes })}</Table.Th>
              <Table.Th scope="col">{t("counters.col.trend")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {d.counters.map((c) => (
              <Table.Tr key={c.counter} data-testid="counter-row">
                <Table.Th scope="row" fw={400}>
                  {c.label ? `${c.counter} ${c.label}` : t("counters.counters.number", { n: c.counter })}
                </Table.Th>
                <Table.Td>{c.served}</Table.Td>
                <Table.Td>{fmt(c.weightedCases, 1)}</Table.Td>
                <Table.Td>{fmt(c.staffedHours, 1)}</Table.Td>
                <Table.Td>{c.noShows}</Table.Td>
                <Table.Td>{fmt(c.waitMean, 1)}</Table.Td>
                <Table.Td>{fmt(c.waitP90, 1)}</Table.Td>
                <Table.Td>{pct(c.overTargetShare)}</Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/counters?period=${d.period.key}&counter=${encodeURIComponent(c.counter)}#counter-trend-heading`} size="sm">
                    {t("counters.col.showTrend")}
                  </Anchor>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
          <Table.Tfoot>
            <Table.Tr fw={700}>
              <Table.Th scope="row">{t("counters.counters.office")}</Table.Th>
              <Table.Td>{o.served}</Table.Td>
              <Table.Td>{fmt(o.weightedCases, 1)}</Table.Td>
              <Table.Td>{fmt(o.staffedHours, 1)}</Table.Td>
              <Table.Td>{o.noShows}</Table.Td>
              <Table.Td>{fmt(o.waitMean, 1)}</Table.Td>
              <Table.Td>{fmt(o.waitP90, 1)}</Table.Td>
              <Table.Td>{pct(o.overTargetShare)}</Table.Td>
              <Table.Td />
            </Table.Tr>
          </Table.Tfoot>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
