// The chair (召集人) calls a review meeting: its title, date and place. Its members are the office's
// committee as it stands now (createRound); proposals are put on its agenda from the meeting page.
import { Stack, Text, Title } from "@mantine/core";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { FormActions, FormErrorSummary, TextField, useFormFields } from "~/components/form-fields";
import { requirePermission } from "~/modules/auth/guards.server";
import { hasPermission } from "~/modules/auth/roles";
import { parseForm, runCommand } from "~/modules/forms.server";
import { createRound } from "~/modules/proposals/committee.server";
import { roundSchema } from "~/modules/proposals/proposals.schema";

/** Members read meetings (committee.view); only the chair calls one (committee.chair). */
async function requireChair(args: LoaderFunctionArgs | ActionFunctionArgs) {
  const user = await requirePermission(args, "committee.view");
  if (!hasPermission(user.roles, "committee.chair")) throw new Response("Forbidden", { status: 403 });
  return user;
}

export async function loader(args: LoaderFunctionArgs) {
  await requireChair(args);
  return null;
}

export async function action(args: ActionFunctionArgs) {
  const user = await requireChair(args);
  const formData = await args.request.formData();
  const parsed = parseForm(roundSchema, formData);
  if (!parsed.ok) return data(parsed, { status: 400 });
  const outcome = await runCommand(formData, () => createRound(args.context.db, user, parsed.data));
  if (!outcome.ok) return outcome.response;
  throw redirect(`/committee/rounds/${outcome.result}?notice=created`);
}

export default function NewRound() {
  const state = useActionData<typeof action>();
  const fields = useFormFields(state ?? undefined);
  const { t } = fields;
  return (
    <Stack maw={640}>
      <Title order={1}>{t("committee.new.title")}</Title>
      <Text c="gray.8">{t("committee.new.intro")}</Text>
      <Form method="post">
        <Stack>
          <FormErrorSummary state={state ?? undefined} />
          <TextField
            fields={fields}
            name="title"
            label={t("committee.field.title")}
            placeholder={t("committee.field.titlePlaceholder")}
            required
            maxLength={80}
          />
          <TextField fields={fields} name="meetingDate" label={t("committee.field.meetingDate")} type="date" required />
          <TextField
            fields={fields}
            name="location"
            label={t("committee.field.location")}
            placeholder={t("committee.field.locationPlaceholder")}
            maxLength={80}
          />
          <FormActions cancelTo="/committee/rounds" />
        </Stack>
      </Form>
    </Stack>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
