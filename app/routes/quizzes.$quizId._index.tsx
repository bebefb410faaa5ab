import { Alert, Anchor, Button, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Notice } from "~/components/notice";
import { RocDate } from "~/components/roc-date";
import { PassedBadge, QuizStatusBadge, QuizWindow, formatPercent } from "~/components/quizzes/authoring/quiz-badges";
import { useT } from "~/i18n/use-t";
import { notFound, requirePermission } from "~/modules/auth/guards.server";
import { requireIdParam } from "~/modules/params";
import { explanationsMayShow } from "~/modules/quizzes/quizzes.schema";
import { getQuizIntro } from "~/modules/quizzes/quizzes.server";

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "quizzes.take");
  const id = requireIdParam(args.params.quizId);
  const intro = await getQuizIntro(args.context.db, user, id);
  if (!intro) notFound();
  return { ...intro, explanationsOpen: explanationsMayShow(intro.quiz) };
}

function Rule({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="sm" c="gray.7">
        {label}
      </Text>
      <Text fw={600}>{children}</Text>
    </div>
  );
}

export default function QuizIntro() {
  const { quiz, attempts, attemptsLeft, inProgressAttemptId, block, result, canManage, explanationsOpen } = useLoaderData<typeof loader>();
  const t = useT();
  const submitted = attempts.filter((a) => a.state === "submitted");
  return (
    <Stack maw={960}>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Title order={1}>{quiz.title}</Title>
          <Group gap="xs">
            <QuizStatusBadge status={quiz.status} published={quiz.published} />
          </Group>
        </Stack>
        {canManage ? (
          <Group gap="xs">
            <Button component={Link} to={`/quizzes/${quiz.id}/edit`} variant="default" size="sm">
              {t("common.edit")}
            </Button>
            <Button component={Link} to={`/quizzes/${quiz.id}/stats`} variant="default" size="sm">
              {t("quizAdmin.stats")}
            </Button>
            <Button component={Link} to={`/quizzes/${quiz.id}/present`} variant="default" size="sm">
              {t("quizAdmin.present")}
            </Button>
          </Group>
        ) : null}
      </Group>
      <Notice />
      {quiz.description ? <Text style={{ whiteSpace: "pre-wrap" }}>{quiz.description}</Text> : null}

      <Paper withBorder p="lg">
        <Title order={2} size="h4" mb="md">
          {t("quizAdmin.rules")}
        </Title>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="md">
          <Rule label={t("quizAdmin.questions")}>{t("quizAdmin.questionCount", { count: quiz.questionCount })}</Rule>
          <Rule label={t("quizAdmin.timeLimit")}>{quiz.timeLimitMinutes ? t("quizAdmin.minutes", { n: quiz.timeLimitMinutes }) : t("quizAdmin.noTimeLimit")}</Rule>
          <Rule label={t("quizAdmin.window")}>
            <QuizWindow opensAt={quiz.opensAt} closesAt={quiz.closesAt} />
          </Rule>
          <Rule label={t("quizAdmin.attemptsAllowed")}>{quiz.attemptsAllowed === 0 ? t("quizAdmin.unlimited") : t("quizAdmin.times", { n: quiz.attemptsAllowed })}</Rule>
          <Rule label={t("quizAdmin.attemptsLeft")}>{attemptsLeft === null ? t("quizAdmin.unlimited") : t("quizAdmin.times", { n: attemptsLeft })}</Rule>
          <Rule label={t("quizAdmin.passMark")}>{t("quizAdmin.passMarkValue", { n: quiz.passPercent })}</Rule>
          <Rule label={t("quizAdmin.grading")}>{t(`quizAdmin.grading.${quiz.grading}`)}</Rule>
          <Rule label={t("quizAdmin.feedbackTiming")}>{t(`quizAdmin.feedback.${quiz.feedbackTiming}`)}</Rule>
        </SimpleGrid>
        <Group mt="lg">
          {block === null ? (
            <Form method="post" action={`/quizzes/${quiz.id}/start`}>
              <Button type="submit" size="md" data-testid="start-quiz">
                {inProgressAttemptId ? t("quizAdmin.continue") : attempts.length > 0 ? t("quizAdmin.startAgain") : t("quizAdmin.start")}
              </Button>
            </Form>
          ) : (
            <Alert color={block === "draft" || block === "notInAudience" ? "yellow" : "gray"} data-testid="start-blocked" w="100%">
              {t(`quizAdmin.block.${block}`)}
            </Alert>
          )}
        </Group>
      </Paper>

      <Paper withBorder p="lg">
        <Group justify="space-between" mb="sm">
          <Title order={2} size="h4">
            {t("quizAdmin.myAttempts")}
          </Title>
          {result.grade !== null ? (
            <Group gap="xs">
              <Text fw={600}>
                {t("quizAdmin.myResult")}：{t("quizAdmin.percent", { n: formatPercent(result.grade) })}
              </Text>
              <PassedBadge passed={result.passed} />
            </Group>
          ) : null}
        </Group>
        {attempts.length === 0 ? (
          <Text c="dimmed">{t("quizAdmin.noAttempts")}</Text>
        ) : (
          <Table.ScrollContainer minWidth={560}>
            <Table striped withTableBorder>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t("quizAdmin.attemptNo")}</Table.Th>
                  <Table.Th scope="col">{t("quizAdmin.startedAt")}</Table.Th>
                  <Table.Th scope="col">{t("quizAdmin.submittedAt")}</Table.Th>
                  <Table.Th scope="col">{t("quizAdmin.score")}</Table.Th>
                  <Table.Th scope="col">{t("common.status")}</Table.Th>
                  <Table.Th scope="col">{t("quizAdmin.review")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {attempts.map((a) => (
                  <Table.Tr key={a.id}>
                    <Table.Td>{a.attemptNo}</Table.Td>
                    <Table.Td>
                      <RocDate value={a.startedAt} withTime />
                    </Table.Td>
                    <Table.Td>{a.submittedAt ? <RocDate value={a.submittedAt} withTime /> : "—"}</Table.Td>
                    <Table.Td>
                      {a.state === "submitted" ? `${formatPercent(a.score)} / ${formatPercent(a.maxScore)}（${t("quizAdmin.percent", { n: formatPercent(a.percent) })}）` : "—"}
                    </Table.Td>
                    <Table.Td>{a.state === "submitted" ? <PassedBadge passed={a.passed} /> : t("quizAdmin.inProgress")}</Table.Td>
                    <Table.Td>
                      {a.state === "submitted" ? (
                        <Anchor component={Link} to={`/quizzes/${quiz.id}/attempts/${a.id}/review`}>
                          {t("quizAdmin.review")}
                        </Anchor>
                      ) : (
                        "—"
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {submitted.length > 0 && !explanationsOpen ? (
          <Text size="sm" c="gray.7" mt="sm">
            {t("quizAdmin.explainAfterClose")}
          </Text>
        ) : null}
      </Paper>
      <div>
        <Anchor component={Link} to="/quizzes">
          ← {t("stats.back")}
        </Anchor>
      </div>
    </Stack>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
