import { Alert, Button, Paper, Stack, Title } from "@mantine/core";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { FormErrorSummary, PasswordField, useFormFields } from "~/components/form-fields";
import { Notice } from "~/components/notice";
import { useT } from "~/i18n/use-t";
import { changePasswordSchema } from "~/modules/auth/auth.schema";
import { changeOwnPassword } from "~/modules/auth/auth.server";
import { requireUser } from "~/modules/auth/guards.server";
import { formFailure, parseForm } from "~/modules/forms.server";

export async function loader(args: LoaderFunctionArgs) {
  const user = await requireUser(args, { allowPendingPasswordChange: true });
  return { mustChangePassword: user.mustChangePassword };
}

export async function action(args: ActionFunctionArgs) {
  const user = await requireUser(args, { allowPendingPasswordChange: true });
  const formData = await args.request.formData();
  const parsed = parseForm(changePasswordSchema, formData);
  if (!parsed.ok) return data(parsed, { status: 400 });
  const result = await changeOwnPassword(args.context.db, user, parsed.data.currentPassword, parsed.data.newPassword);
  if (!result.ok) return data(formFailure(formData, { [result.field]: result.message }), { status: 400 });
  // Home, not the same form: the three password fields must not stay filled in.
  throw redirect("/?notice=passwordChanged");
}

export default function ChangePassword() {
  const { mustChangePassword } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const fields = useFormFields(actionData);
  const t = useT();
  return (
    <Stack maw={480}>
      <Title order={1}>{t("password.title")}</Title>
      <Notice />
      {mustChangePassword ? (
        <Alert color="yellow" role="status">
          {t("home.mustChangePassword")}
        </Alert>
      ) : null}
      <FormErrorSummary state={actionData} />
      <Paper withBorder p="lg">
        <Form method="post" noValidate>
          <Stack>
            <PasswordField fields={fields} name="currentPassword" label={t("password.current")} autoComplete="current-password" />
            <PasswordField fields={fields} name="newPassword" label={t("password.new")} description={t("password.newHint")} autoComplete="new-password" />
            <PasswordField fields={fields} name="confirmPassword" label={t("password.confirm")} autoComplete="new-password" />
            <Button type="submit">{t("password.submit")}</Button>
          </Stack>
        </Form>
      </Paper>
    </Stack>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
