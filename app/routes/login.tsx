import { Alert, Button, Center, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { FormErrorSummary, PasswordField, TextField, useFormFields } from "~/components/form-fields";
import { LanguageSwitch } from "~/components/language-switch";
import { useT } from "~/i18n/use-t";
import { loginSchema, safeRedirect } from "~/modules/auth/auth.schema";
import { signIn } from "~/modules/auth/auth.server";
import { getCurrentUser, startSession } from "~/modules/auth/session.server";
import { formFailure, parseForm } from "~/modules/forms.server";

export const meta: MetaFunction = () => [{ title: "登入 · 府北學習與品質管理平臺" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  // Public route: the sign-in page. A signed-in person goes home.
  if (await getCurrentUser(context.db, request)) throw redirect("/");
  const url = new URL(request.url);
  return { redirectTo: safeRedirect(url.searchParams.get("redirectTo"), "/"), signedOut: url.searchParams.has("signedOut") };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const parsed = parseForm(loginSchema, formData);
  if (!parsed.ok) return data(parsed, { status: 400 });
  const result = await signIn(context.db, {
    employeeNo: parsed.data.employeeNo,
    password: parsed.data.password,
    clientAddress: context.clientAddress,
  });
  if (!result.ok) {
    // One message for an unknown number and a wrong password: the page never confirms an account exists.
    const message = result.reason === "throttled" ? "login.throttled" : "login.invalid";
    return data(formFailure(formData, { _form: message }), { status: result.reason === "throttled" ? 429 : 401 });
  }
  const setCookie = await startSession(context.db, result.userId, result.officeId, request);
  throw redirect(safeRedirect(parsed.data.redirectTo, "/"), { headers: { "Set-Cookie": setCookie } });
}

export default function Login() {
  const { redirectTo, signedOut } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const fields = useFormFields(actionData);
  const t = useT();
  const busy = useNavigation().state === "submitting";
  const formMessage = actionData?.errors?._form;
  return (
    <Center mih="100vh" bg="gray.0" p="md">
      <Paper withBorder shadow="sm" p="xl" w={420} maw="100%" component="main">
        <Stack>
          <Group justify="space-between" align="flex-start">
            <Stack gap={2}>
              <Text size="sm" c="gray.7">
                {t("app.name")}
              </Text>
              <Title order={1} size="h2">
                {t("login.title")}
              </Title>
            </Stack>
            <LanguageSwitch />
          </Group>
          {signedOut ? (
            <Alert color="green" role="status">
              {t("login.signedOut")}
            </Alert>
          ) : null}
          {formMessage ? (
            <Alert color="red" role="alert" data-testid="login-error">
              {t(formMessage === "login.throttled" ? "login.throttled" : "login.invalid")}
            </Alert>
          ) : (
            <FormErrorSummary state={actionData} />
          )}
          <Text size="sm">{t("login.intro")}</Text>
          <Form method="post" noValidate>
            <input type="hidden" name="redirectTo" value={redirectTo} />
            <Stack>
              <TextField fields={fields} name="employeeNo" label={t("login.employeeNo")} autoComplete="username" required autoFocus />
              <PasswordField fields={fields} name="password" label={t("login.password")} autoComplete="current-password" />
              <Button type="submit" loading={busy} fullWidth>
                {t("login.submit")}
              </Button>
            </Stack>
          </Form>
        </Stack>
      </Paper>
    </Center>
  );
}
