import { Alert, Button, Stack, Title } from "@mantine/core";
import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useParams } from "@remix-run/react";
import { isMessageKey } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { notFound, requirePermission } from "~/modules/auth/guards.server";
import { runCommand } from "~/modules/forms.server";
import { requireIdParam } from "~/modules/params";
import { startAttempt } from "~/modules/quizzes/attempts.server";

// POST /quizzes/:quizId/start (the Start button of the quiz page): starts an attempt, or resumes
// the one in progress, and opens it. Action only: the page below shows only why a start was refused.

export async function action(args: ActionFunctionArgs) {
  const user = await requirePermission(args, "quizzes.take");
  const quizId = requireIdParam(args.params.quizId);
  const formData = await args.request.formData();
  const outcome = await runCommand(formData, () => startAttempt(args.context.db, user, quizId));
  // Closed, not in the audience, no attempts left: the reason is shown on this page, with a way back.
  if (!outcome.ok) return outcome.response;
  if (!outcome.result) notFound();
  throw redirect(`/quizzes/${quizId}/attempts/${outcome.result.attemptId}`);
}

export default function StartRefused() {
  const t = useT();
  const failure = useActionData<typeof action>();
  const { quizId } = useParams();
  const key = failure?.errors?._form;
  return (
    <Stack maw={640}>
      <Title order={1}>{t("attempt.cannotStart")}</Title>
      {key ? (
        <Alert color="yellow" role="alert" data-testid="form-errors">
          {isMessageKey(key) ? t(key) : t("errors.invalid")}
        </Alert>
      ) : null}
      <div>
        <Button component={Link} to={`/quizzes/${quizId}`} variant="light">
          {t("attempt.backToQuiz")}
        </Button>
      </div>
    </Stack>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
