import { Alert, Anchor, Button, Card, Group, NativeSelect, Paper, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { PassedBadge } from "~/components/quizzes/authoring/quiz-badges";
import { DistributionBars, FlagBadges, PercentBar, ScoreHistogram, fmt, optionLetter, type DistributionRow } from "~/components/quizzes/stats/stats-parts";
import { requestLanguage, type Translate } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { notFound, requirePermission } from "~/modules/auth/guards.server";
import { csvResponse, wantsCsv } from "~/modules/csv.server";
import { toCsv } from "~/modules/listing";
import { requireIdParam } from "~/modules/params";
import { WHICH_ATTEMPTS, type WhichAttempts } from "~/modules/quizzes/item-statistics";
import { getQuizStatistics, listWeakestTopics, type QuestionStats } from "~/modules/quizzes/quiz-statistics.server";

/** Topics shown in "weakest topics". */
const WEAKEST_SHOWN = 8;

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "quizzes.manage");
  const id = requireIdParam(args.params.quizId);
  const url = new URL(args.request.url);
  const whichParam = url.searchParams.get("which");
  const which = (WHICH_ATTEMPTS as readonly string[]).includes(whichParam ?? "") ? (whichParam as WhichAttempts) : undefined;
  // Scoped read: another office's quiz is not found (ARCHITECTURE rule 4).
  const stats = await getQuizStatistics(args.context.db, user.officeId, id, which);
  if (!stats) notFound();
  if (wantsCsv(url)) {
    const { t } = requestLanguage(args.request);
    return url.searchParams.get("table") === "people" ? peopleCsv(t, stats) : questionsCsv(t, stats);
  }
  return loadPage(args, user.officeId, stats);
}

// The page's data apart from the CSV answers, so useLoaderData has one type (the `loadPage` trick).
async function loadPage(args: LoaderFunctionArgs, officeId: number, stats: Stats) {
  const weakest = (await listWeakestTopics(args.context.db, officeId)).slice(0, WEAKEST_SHOWN);
  return {
    ...stats,
    // The page needs no question text; the presenter shows it.
    questions: stats.questions.map(({ text: _text, explanation: _explanation, ...q }) => q),
    weakest,
  };
}

type Stats = NonNullable<Awaited<ReturnType<typeof getQuizStatistics>>>;

function distributionOf(q: Pick<QuestionStats, "options" | "stats" | "rightCount" | "wrongCount">, t: Translate): DistributionRow[] {
  const rows: DistributionRow[] =
    q.options.length > 0
      ? q.options.map((o, i) => ({ label: optionLetter(i), count: q.stats.optionCounts[o.index] ?? 0, right: o.right }))
      : [
          { label: t("stats.right"), count: q.rightCount, right: true },
          { label: t("stats.wrong"), count: q.wrongCount, right: false },
        ];
  if (q.stats.unanswered > 0) rows.push({ label: "—", count: q.stats.unanswered, right: false });
  return rows;
}

function questionsCsv(t: Translate, stats: Stats) {
  const csv = toCsv(
    [t("stats.position"), t("stats.question"), t("stats.category"), t("stats.count"), t("stats.facility"), t("stats.itemSd"), t("stats.discrimination"), t("stats.efficiency"), t("stats.flag"), t("stats.distribution"), t("stats.csvRight")],
    stats.questions.map((q) => [
      q.number,
      q.name,
      q.category,
      q.stats.count,
      fmt(q.stats.facility),
      fmt(q.stats.sd),
      fmt(q.stats.discrimination),
      fmt(q.stats.discriminativeEfficiency),
      q.stats.flags.map((f) => t(`stats.flag.${f}`)).join("、"),
      distributionOf(q, t)
        .map((r) => `${r.label === "—" ? t("stats.unanswered") : r.label}:${r.count}`)
        .join(" "),
      q.options.length ? q.options.flatMap((o, i) => (o.right ? [`${optionLetter(i)} ${o.label}`] : [])).join("；") : (q.rightAnswer ?? ""),
    ]),
  );
  return csvResponse(`quiz-${stats.quiz.id}-questions.csv`, csv);
}

function peopleCsv(t: Translate, stats: Stats) {
  const csv = toCsv(
    [t("stats.employeeNo"), t("stats.name"), t("stats.attempts"), t("stats.best"), t("stats.last"), t("stats.passedCol")],
    stats.people.map((p) => [p.employeeNo, p.name, p.attempts, fmt(p.best), fmt(p.last), p.passed === null ? t("stats.notTaken") : p.passed ? t("quizAdmin.passed") : t("quizAdmin.failed")]),
  );
  return csvResponse(`quiz-${stats.quiz.id}-people.csv`, csv);
}

function Figure({ label, value, hint, testId }: { label: string; value: string; hint?: string; testId?: string }) {
  return (
    <Card withBorder padding="md">
      <Text size="sm" c="gray.7">
        {label}
      </Text>
      <Text size="28px" fw={700} data-testid={testId}>
        {value}
      </Text>
      {hint ? (
        <Text size="xs" c="gray.7">
          {hint}
        </Text>
      ) : null}
    </Card>
  );
}

export default function QuizStatisticsPage() {
  const { quiz, which, audienceSize, summary, questions, people, weakest } = useLoaderData<typeof loadPage>();
  const t = useT();
  const participation = audienceSize > 0 ? (summary.participants / audienceSize) * 100 : null;
  const csvHref = (table: string) => `?${new URLSearchParams({ which, format: "csv", table }).toString()}`;
  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <Title order={1}>{t("stats.title", { title: quiz.title })}</Title>
        <Group gap="xs">
          <Button component={Link} to={`/quizzes/${quiz.id}`} variant="default" size="sm">
            {t("quizAdmin.intro")}
          </Button>
          <Button component={Link} to={`/quizzes/${quiz.id}/present`} size="sm">
            {t("quizAdmin.present")}
          </Button>
        </Group>
      </Group>

      <Form method="get">
        <Group align="flex-end">
          <NativeSelect
            name="which"
            label={t("stats.which")}
            defaultValue={which}
            data={WHICH_ATTEMPTS.map((w) => ({ value: w, label: t(`stats.which.${w}`) }))}
            w={220}
          />
          <Button type="submit" variant="default">
            {t("stats.apply")}
          </Button>
          <Text size="xs" c="gray.7" maw={420}>
            {t("stats.whichHint")}
          </Text>
        </Group>
      </Form>

      <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }}>
        <Figure
          label={t("stats.participants")}
          value={t("stats.participantsOf", { n: summary.participants, total: audienceSize })}
          hint={participation === null ? undefined : t("stats.participation", { rate: fmt(participation, "%") })}
          testId="stat-participants"
        />
        <Figure label={t("stats.mean")} value={fmt(summary.mean)} testId="stat-mean" />
        <Figure label={t("stats.median")} value={fmt(summary.median)} testId="stat-median" />
        <Figure label={t("stats.sd")} value={fmt(summary.sd)} />
        <Figure label={t("stats.passRate")} value={fmt(summary.passRate, "%")} hint={t("quizAdmin.passMarkValue", { n: quiz.passPercent })} testId="stat-pass-rate" />
      </SimpleGrid>

      {summary.attemptsAnalysed === 0 ? <Alert color="gray">{t("stats.noData")}</Alert> : null}

      <Paper withBorder p="lg">
        <Title order={2} size="h4" mb="md">
          {t("stats.histogram")}
        </Title>
        <ScoreHistogram bins={summary.histogram} />
      </Paper>

      <Paper withBorder p="lg">
        <Group justify="space-between" mb="xs">
          <Title order={2} size="h4">
            {t("stats.questions")}
          </Title>
          <Button component="a" href={csvHref("questions")} variant="light" size="xs" download>
            {t("stats.exportQuestions")}
          </Button>
        </Group>
        <Text size="sm" c="gray.7">
          {t("stats.questionsHint")}
        </Text>
        <Text size="sm" c="gray.7" mb="sm">
          {t("stats.flagHint")}
          {summary.participants > 0 && summary.participants < 10 ? ` ${t("stats.fewAttempts")}` : ""}
        </Text>
        <Table.ScrollContainer minWidth={960}>
          <Table striped withTableBorder verticalSpacing="sm" data-testid="question-stats">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("stats.position")}</Table.Th>
                <Table.Th scope="col">{t("stats.question")}</Table.Th>
                <Table.Th scope="col" ta="right">
                  {t("stats.count")}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t("stats.facility")}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t("stats.itemSd")}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t("stats.discrimination")}
                </Table.Th>
                <Table.Th scope="col">{t("stats.flag")}</Table.Th>
                <Table.Th scope="col" w={300}>
                  {t("stats.distribution")}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {questions.map((q) => (
                <Table.Tr key={q.questionId} data-flagged={q.stats.flags.length ? "true" : undefined}>
                  <Table.Td>
                    <Anchor component={Link} to={`/quizzes/${quiz.id}/present?q=${q.number}`} aria-label={`${t("quizAdmin.present")} ${q.number}`}>
                      {q.number}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {q.name}
                    </Text>
                    <Text size="xs" c="gray.7">
                      {q.category}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right">{q.stats.count}</Table.Td>
                  <Table.Td ta="right">{fmt(q.stats.facility, "%")}</Table.Td>
                  <Table.Td ta="right">{fmt(q.stats.sd, "%")}</Table.Td>
                  <Table.Td ta="right">{fmt(q.stats.discrimination, "%")}</Table.Td>
                  <Table.Td>
                    <FlagBadges flags={q.stats.flags} />
                  </Table.Td>
                  <Table.Td>
                    <DistributionBars rows={distributionOf(q, t)} total={q.stats.count} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>

      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <Paper withBorder p="lg">
          <Title order={2} size="h4" mb={4}>
            {t("stats.weakest")}
          </Title>
          <Text size="sm" c="gray.7" mb="sm">
            {t("stats.weakestHint")}
          </Text>
          {weakest.length === 0 ? (
            <Text c="dimmed">{t("stats.noData")}</Text>
          ) : (
            <Table withTableBorder data-testid="weakest-topics">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t("stats.category")}</Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t("stats.items")}
                  </Table.Th>
                  <Table.Th scope="col" w={220}>
                    {t("stats.facility")}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {weakest.map((w) => (
                  <Table.Tr key={w.category}>
                    <Table.Td>{w.category}</Table.Td>
                    <Table.Td ta="right">{w.items}</Table.Td>
                    <Table.Td>
                      <PercentBar value={w.facility} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Paper>

        <Paper withBorder p="lg">
          <Group justify="space-between" mb="sm">
            <Title order={2} size="h4">
              {t("stats.person")}
            </Title>
            <Button component="a" href={csvHref("people")} variant="light" size="xs" download>
              {t("stats.exportPeople")}
            </Button>
          </Group>
          <Table.ScrollContainer minWidth={480} mah={520}>
            <Table striped withTableBorder stickyHeader data-testid="people-results">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t("stats.name")}</Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t("stats.attempts")}
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t("stats.best")}
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t("stats.last")}
                  </Table.Th>
                  <Table.Th scope="col">{t("stats.passedCol")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {people.map((p) => (
                  <Table.Tr key={p.userId}>
                    <Table.Td>
                      {p.name}
                      <Text span size="xs" c="gray.7">
                        {" "}
                        {p.employeeNo}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right">{p.attempts}</Table.Td>
                    <Table.Td ta="right">{fmt(p.best)}</Table.Td>
                    <Table.Td ta="right">{fmt(p.last)}</Table.Td>
                    <Table.Td>{p.passed === null ? <Text size="sm" c="gray.7">{t("stats.notTaken")}</Text> : <PassedBadge passed={p.passed} />}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      </SimpleGrid>
      <div>
        <Anchor component={Link} to="/quizzes">
          ← {t("stats.back")}
        </Anchor>
      </div>
    </Stack>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
