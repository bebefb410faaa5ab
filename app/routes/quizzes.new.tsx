import { Stack, Title } from "@mantine/core";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { NEW_QUIZ_DEFAULTS, QuizForm } from "~/components/quizzes/authoring/quiz-form";
import { useT } from "~/i18n/use-t";
import { requirePermission } from "~/modules/auth/guards.server";
import { parseForm, runCommand } from "~/modules/forms.server";
import { quizSchema } from "~/modules/quizzes/quizzes.schema";
import { createQuiz, loadQuizFormChoices } from "~/modules/quizzes/quizzes.server";

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "quizzes.manage");
  return loadQuizFormChoices(args.context.db, user.officeId);
}

export async function action(args: ActionFunctionArgs) {
  const user = await requirePermission(args, "quizzes.manage");
  const formData = await args.request.formData();
  const parsed = parseForm(quizSchema, formData);
  if (!parsed.ok) return data(parsed, { status: 400 });
  const outcome = await runCommand(formData, () => createQuiz(args.context.db, user, parsed.data));
  if (!outcome.ok) return outcome.response;
  throw redirect(`/quizzes/${outcome.result}?notice=created`);
}

export default function NewQuiz() {
  const { questions, categories, members } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  const t = useT();
  return (
    <Stack maw={960}>
      <Title order={1}>{t("quizAdmin.new")}</Title>
      <QuizForm state={state} defaults={NEW_QUIZ_DEFAULTS} questions={questions} categories={categories} members={members} locked={false} cancelTo="/quizzes" />
    </Stack>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
