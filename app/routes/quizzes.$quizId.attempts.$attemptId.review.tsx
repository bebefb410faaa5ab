import { Alert, Badge, Button, Group, Paper, Progress, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { QuestionView, trimNumber } from "~/components/quizzes/question-view";
import { RocDate } from "~/components/roc-date";
import { useLanguage, useT } from "~/i18n/use-t";
import { formatRocDateTime } from "~/i18n/dates";
import { notFound, requirePermission } from "~/modules/auth/guards.server";
import { requireIdParam } from "~/modules/params";
import { getAttemptReview } from "~/modules/quizzes/attempts.server";

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "quizzes.take");
  const quizId = requireIdParam(args.params.quizId);
  const attemptId = requireIdParam(args.params.attemptId);
  // The owner, or a supervisor of the attempt's office; anyone else finds nothing.
  const review = await getAttemptReview(args.context.db, user, attemptId);
  if (!review || review.quizId !== quizId) notFound();
  if (review.result.state !== "submitted" && review.isOwner) throw redirect(`/quizzes/${quizId}/attempts/${attemptId}`);
  return {
    review: {
      ...review,
      startedAt: review.startedAt.toISOString(),
      closesAt: review.closesAt?.toISOString() ?? null,
      result: { ...review.result, submittedAt: review.result.submittedAt?.toISOString() ?? null },
    },
  };
}

export default function AttemptReview() {
  const { review } = useLoaderData<typeof loader>();
  const t = useT();
  const language = useLanguage();
  const { result } = review;
  const submitted = result.state === "submitted";
  return (
    <Stack maw={900} gap="md">
      <Title order={1} size="h2">
        {t("attempt.reviewTitle")}
      </Title>
      <Text c="gray.7">{t("attempt.title", { quiz: review.quizTitle, n: review.attemptNo })}</Text>
      {!submitted ? (
        <Alert color="yellow" role="status">
          {t("attempt.stillInProgress")}
        </Alert>
      ) : (
        <Paper withBorder p="lg" radius="md" data-testid="score">
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
            <Stack gap={2}>
              <Text size="sm" c="gray.7">
                {t("attempt.score")}
              </Text>
              <Text size="xl" fw={700}>
                {t("attempt.scoreValue", { score: trimNumber(result.score ?? 0), max: trimNumber(result.maxScore), percent: trimNumber(result.percent ?? 0) })}
              </Text>
              <Progress value={result.percent ?? 0} color={result.passed ? "green.7" : "red.7"} aria-hidden />
            </Stack>
            <Stack gap={4}>
              <Group gap={8}>
                <Badge size="lg" color={result.passed ? "green.8" : "red.8"} data-testid="pass-badge">
                  {result.passed ? t("attempt.passed") : t("attempt.failed")}
                </Badge>
              </Group>
              <Text size="sm" c="gray.7">
                {t("attempt.passMark", { percent: review.passPercent })}
              </Text>
              {result.autoSubmitted ? (
                <Text size="sm" c="orange.9">
                  {t("attempt.autoSubmitted")}
                </Text>
              ) : null}
            </Stack>
            <Stack gap={2}>
              {!review.isOwner ? (
                <Text size="sm">
                  {t("attempt.person")}：{review.person.name}（{review.person.employeeNo}）
                </Text>
              ) : null}
              <Text size="sm" c="gray.7">
                {t("attempt.submittedAt")}
              </Text>
              <Text size="sm">{result.submittedAt ? <RocDate value={result.submittedAt} withTime /> : "—"}</Text>
            </Stack>
          </SimpleGrid>
        </Paper>
      )}
      {submitted && !review.answersShown ? (
        <Alert color="blue" role="status" data-testid="answers-hidden">
          {review.closesAt ? t("attempt.answersAfterClose", { time: formatRocDateTime(review.closesAt, language) }) : t("attempt.answersAfterCloseNoDate")}
        </Alert>
      ) : null}
      {review.items.map((item) => (
        <QuestionView key={item.position} item={item} mode="review" />
      ))}
      <Group>
        <Button component={Link} to={`/quizzes/${review.quizId}`} variant="default">
          {t("attempt.backToQuiz")}
        </Button>
      </Group>
    </Stack>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
