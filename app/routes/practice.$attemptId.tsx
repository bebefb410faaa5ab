import { Alert, Anchor, Badge, Button, Group, Paper, Progress, Stack, Text, Title } from "@mantine/core";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormErrorSummary } from "~/components/form-fields";
import { QuestionView } from "~/components/quizzes/question-view";
import { isMessageKey } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { notFound, requirePermission } from "~/modules/auth/guards.server";
import { formFailure, parseForm, runCommand } from "~/modules/forms.server";
import { requireIdParam } from "~/modules/params";
import { answerPracticeSchema } from "~/modules/quizzes/attempt-forms.server";
import { answersFromForm } from "~/modules/quizzes/attempts.schema";
import { answerPractice, getPractice } from "~/modules/quizzes/attempts.server";

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "quizzes.take");
  const attemptId = requireIdParam(args.params.attemptId);
  const practice = await getPractice(args.context.db, user, attemptId);
  if (!practice) notFound();
  const url = new URL(args.request.url);
  const total = practice.items.length;
  const q = Number(url.searchParams.get("q"));
  const firstOpen = practice.items.find((i) => !i.answered)?.position ?? null;
  // Without ?q: the first question not yet answered, or the summary when all are.
  const current = Number.isInteger(q) && q >= 1 && q <= total ? q : url.searchParams.get("summary") === "1" ? null : firstOpen;
  return {
    id: practice.id,
    total,
    answered: practice.items.filter((i) => i.answered).length,
    right: practice.items.filter((i) => (i.review?.fraction ?? 0) >= 1).length,
    percent: practice.result.percent,
    current,
    item: current ? practice.items.find((i) => i.position === current)! : null,
    marks: practice.items.map((i) => ({ position: i.position, answered: i.answered, fraction: i.review?.fraction ?? null, name: i.question.name })),
  };
}

export async function action(args: ActionFunctionArgs) {
  const user = await requirePermission(args, "quizzes.take");
  const attemptId = requireIdParam(args.params.attemptId);
  const formData = await args.request.formData();
  const parsed = parseForm(answerPracticeSchema, formData);
  if (!parsed.ok) return data(parsed, { status: 400 });
  const { position } = parsed.data;
  const answer = answersFromForm(formData).find((a) => a.position === position);
  if (answer && !answer.ok) return data(formFailure(formData, { [`q${position}`]: answer.error }), { status: 400 });
  const outcome = await runCommand(formData, () => answerPractice(args.context.db, user, attemptId, position, answer?.ok ? answer.response : null));
  if (!outcome.ok) return outcome.response;
  if (!outcome.result) notFound();
  // The same page again, now with the right answer and the explanation.
  throw redirect(`/practice/${attemptId}?q=${position}`);
}

export default function PracticeSession() {
  const d = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const t = useT();
  const { item } = d;
  if (!item) return <Summary />;
  const answered = Boolean(item.review);
  const fraction = item.review?.fraction ?? 0;
  const next = d.marks.find((m) => m.position > item.position && !m.answered) ?? d.marks.find((m) => !m.answered);
  const errorKey = failure?.errors?.[`q${item.position}`];
  return (
    <Stack maw={820} gap="md">
      <Title order={1} size="h2">
        {t("practice.sessionTitle", { n: item.position, total: d.total })}
      </Title>
      <Progress value={(d.answered / d.total) * 100} aria-label={t("practice.progressLabel")} />
      {answered ? (
        <>
          <Alert color={fraction >= 1 ? "green" : fraction > 0 ? "yellow" : "red"} role="status" data-testid="practice-result">
            <Text fw={700}>{fraction >= 1 ? t("practice.right") : fraction > 0 ? t("practice.partial") : t("practice.wrong")}</Text>
          </Alert>
          <QuestionView item={item} mode="review" />
          <Group>
            {next ? (
              <Button component={Link} to={`/practice/${d.id}?q=${next.position}`} autoFocus>
                {t("practice.next")}
              </Button>
            ) : (
              <Button component={Link} to={`/practice/${d.id}?summary=1`} autoFocus>
                {t("practice.toSummary")}
              </Button>
            )}
          </Group>
        </>
      ) : (
        <Form method="post" noValidate>
          <input type="hidden" name="position" value={item.position} />
          <Stack gap="md">
            <FormErrorSummary state={failure} />
            <QuestionView
              item={item}
              mode="answer"
              error={errorKey && isMessageKey(errorKey) ? t(errorKey) : undefined}
              typed={typeof failure?.values?.[`q${item.position}.num`] === "string" ? (failure.values[`q${item.position}.num`] as string) : undefined}
            />
            <Group>
              <Button type="submit">{t("practice.check")}</Button>
            </Group>
          </Stack>
        </Form>
      )}
    </Stack>
  );
}

function Summary() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <Stack maw={820} gap="md">
      <Title order={1} size="h2">
        {t("practice.summaryTitle")}
      </Title>
      <Paper withBorder p="lg" radius="md" data-testid="practice-summary">
        <Text size="xl" fw={700}>
          {t("practice.summaryScore", { right: d.right, total: d.total, percent: Math.round(d.total ? (d.right / d.total) * 100 : 0) })}
        </Text>
      </Paper>
      <Paper withBorder p={{ base: "sm", sm: "lg" }} radius="md">
        <Stack gap={6}>
          {d.marks.map((m) => (
            <Group key={m.position} gap="xs" wrap="nowrap">
              <Badge color={!m.answered ? "gray" : (m.fraction ?? 0) >= 1 ? "green.8" : (m.fraction ?? 0) > 0 ? "yellow.8" : "red.8"} w={84}>
                {!m.answered ? t("quiz.noAnswer") : (m.fraction ?? 0) >= 1 ? t("quiz.correctMark") : (m.fraction ?? 0) > 0 ? t("quiz.partialMark") : t("quiz.wrongMark")}
              </Badge>
              <Anchor component={Link} to={`/practice/${d.id}?q=${m.position}`} size="sm" style={{ minWidth: 0 }} truncate>
                {t("quiz.question", { n: m.position })}　{m.name}
              </Anchor>
            </Group>
          ))}
        </Stack>
      </Paper>
      <Group>
        <Button component={Link} to="/practice">
          {t("practice.again")}
        </Button>
      </Group>
    </Stack>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
