import { Stack, Title } from "@mantine/core";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Notice } from "~/components/notice";
import { QuizForm, type QuizFormDefaults } from "~/components/quizzes/authoring/quiz-form";
import { useT } from "~/i18n/use-t";
import { notFound, requirePermission } from "~/modules/auth/guards.server";
import { parseForm, runCommand } from "~/modules/forms.server";
import { requireIdParam } from "~/modules/params";
import { quizSchema, toTaipeiInputs } from "~/modules/quizzes/quizzes.schema";
import { getQuizForEdit, loadQuizFormChoices, updateQuiz } from "~/modules/quizzes/quizzes.server";

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "quizzes.manage");
  const id = requireIdParam(args.params.quizId);
  // Scoped read: another office's quiz is simply not found (ARCHITECTURE rule 4).
  const quiz = await getQuizForEdit(args.context.db, user.officeId, id);
  if (!quiz) notFound();
  const opens = toTaipeiInputs(quiz.opensAt);
  const closes = toTaipeiInputs(quiz.closesAt);
  const defaults: QuizFormDefaults = {
    title: quiz.title,
    description: quiz.description,
    selection: quiz.selection,
    questionIds: quiz.questions.map((q) => String(q.questionId)),
    points: Object.fromEntries(quiz.questions.map((q) => [String(q.questionId), String(q.points)])),
    rules: quiz.rules,
    shuffleQuestions: quiz.shuffleQuestions,
    shuffleAnswers: quiz.shuffleAnswers,
    timeLimitMinutes: quiz.timeLimitMinutes,
    opensDate: opens.date,
    opensTime: opens.time,
    closesDate: closes.date,
    closesTime: closes.time,
    attemptsAllowed: quiz.attemptsAllowed,
    grading: quiz.grading,
    passPercent: quiz.passPercent,
    feedbackTiming: quiz.feedbackTiming,
    audience: quiz.audience,
    audienceRoles: quiz.audienceRoles,
    audienceUserIds: quiz.audienceUserIds.map(String),
    published: quiz.published,
  };
  return { id: quiz.id, title: quiz.title, locked: quiz.hasAttempts, defaults, ...(await loadQuizFormChoices(args.context.db, user.officeId)) };
}

export async function action(args: ActionFunctionArgs) {
  const user = await requirePermission(args, "quizzes.manage");
  const id = requireIdParam(args.params.quizId);
  const formData = await args.request.formData();
  const parsed = parseForm(quizSchema, formData);
  if (!parsed.ok) return data(parsed, { status: 400 });
  const outcome = await runCommand(formData, () => updateQuiz(args.context.db, user, id, parsed.data));
  if (!outcome.ok) return outcome.response;
  if (!outcome.result) notFound();
  throw redirect(`/quizzes/${id}?notice=saved`);
}

export default function EditQuiz() {
  const { id, title, locked, defaults, questions, categories, members } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  const t = useT();
  return (
    <Stack maw={960}>
      <Title order={1}>
        {t("quizAdmin.edit")}：{title}
      </Title>
      <Notice />
      <QuizForm state={state} defaults={defaults} questions={questions} categories={categories} members={members} locked={locked} cancelTo={`/quizzes/${id}`} />
    </Stack>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
