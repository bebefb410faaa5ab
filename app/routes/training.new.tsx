// 新增訓練場次 (issue 5, supervisors): kind, title, dates, hours, capacity, audience, required, materials.
// A required session enrols its audience at once (training.server.ts createSession).
import { Anchor, Stack, Text, Title } from "@mantine/core";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { NEW_SESSION_DEFAULTS, SessionForm } from "~/components/training/session-form";
import { useT } from "~/i18n/use-t";
import { requirePermission } from "~/modules/auth/guards.server";
import { runCommand } from "~/modules/forms.server";
import { parseSessionForm } from "~/modules/training/session-pages.server";
import { officeColleagues } from "~/modules/org/colleagues.server";
import { createSession } from "~/modules/training/training.server";

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "training.manage");
  return { people: await officeColleagues(args.context.db, user.officeId) };
}

export async function action(args: ActionFunctionArgs) {
  const user = await requirePermission(args, "training.manage");
  const formData = await args.request.formData();
  const parsed = parseSessionForm(formData);
  if (!parsed.ok) return data(parsed, { status: 400 });
  const outcome = await runCommand(formData, () => createSession(args.context.db, user, parsed.input));
  if (!outcome.ok) return outcome.response;
  throw redirect(`/training/${outcome.result}?notice=created`);
}

export default function NewSession() {
  const { people } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  const t = useT();
  return (
    <Stack maw={960}>
      <Anchor component={Link} to="/training" size="sm">
        ← {t("training.backToList")}
      </Anchor>
      <Title order={1}>{t("training.newTitle")}</Title>
      <Text size="sm" c="gray.7">
        {t("training.newHint")}
      </Text>
      <SessionForm state={state} defaults={NEW_SESSION_DEFAULTS} people={people} cancelTo="/training" />
    </Stack>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
