import { Badge, Button, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { FormErrorSummary, PasswordField, useFormFields } from "~/components/form-fields";
import { Notice } from "~/components/notice";
import { OtherOfficeRoles } from "~/components/org/other-office-roles";
import { UserForm } from "~/components/org/user-form";
import { RocDate } from "~/components/roc-date";
import { useT } from "~/i18n/use-t";
import { administeredOfficeIds, notFound, requirePermission } from "~/modules/auth/guards.server";
import { parseForm, runCommand } from "~/modules/forms.server";
import { officeRolesSchema, resetPasswordSchema, updateUserSchema } from "~/modules/org/org.schema";
import { getUserForEdit, listOfficeChoices, resetUserPassword, setOfficeRoles, updateUser } from "~/modules/org/org.server";
import { requireIdParam } from "~/modules/params";

export async function loader(args: LoaderFunctionArgs) {
  const admin = await requirePermission(args, "admin.users");
  const scope = administeredOfficeIds(admin);
  const id = requireIdParam(args.params.id);
  // Scoped read: another office's person is simply not found (ARCHITECTURE rule 4).
  const [user, offices] = await Promise.all([getUserForEdit(args.context.db, scope, id), listOfficeChoices(args.context.db, scope)]);
  if (!user) notFound();
  const officeNames = new Map((await listOfficeChoices(args.context.db, null)).map((o) => [o.id, o.name]));
  return {
    user: {
      id: user.id,
      employeeNo: user.employeeNo,
      name: user.name,
      title: user.title,
      email: user.email,
      officeId: user.officeId,
      roles: user.roles,
      active: user.active,
      mustChangePassword: user.mustChangePassword,
      createdAt: user.createdAt.toISOString(),
      updatedAt: user.updatedAt.toISOString(),
      otherOfficeRoles: user.otherOfficeRoles.map((r) => ({ officeId: r.officeId, office: officeNames.get(r.officeId) ?? String(r.officeId), role: r.role })),
    },
    offices,
  };
}

export async function action(args: ActionFunctionArgs) {
  const admin = await requirePermission(args, "admin.users");
  const scope = administeredOfficeIds(admin);
  const id = requireIdParam(args.params.id);
  const formData = await args.request.formData();
  if (formData.get("intent") === "officeRoles") {
    const parsed = parseForm(officeRolesSchema, formData);
    if (!parsed.ok) return data(parsed, { status: 400 });
    const outcome = await runCommand(formData, () => setOfficeRoles(args.context.db, admin, scope, id, parsed.data.officeId, parsed.data.roles));
    if (!outcome.ok) return outcome.response;
    if (!outcome.result) notFound();
    throw redirect(`/admin/users/${id}?notice=saved`);
  }
  if (formData.get("intent") === "resetPassword") {
    const parsed = parseForm(resetPasswordSchema, formData);
    if (!parsed.ok) return data(parsed, { status: 400 });
    if (!(await resetUserPassword(args.context.db, admin, scope, id, parsed.data.password))) notFound();
    throw redirect(`/admin/users/${id}?notice=passwordReset`);
  }
  const parsed = parseForm(updateUserSchema, formData);
  if (!parsed.ok) return data(parsed, { status: 400 });
  const outcome = await runCommand(formData, () => updateUser(args.context.db, admin, scope, id, parsed.data));
  if (!outcome.ok) return outcome.response;
  if (!outcome.result) notFound();
  throw redirect(`/admin/users/${id}?notice=saved`);
}

export default function EditUser() {
  const { user, offices } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  // Three forms on one page: the hidden `intent` field that came back says which one was refused.
  const intent = actionData?.values?.intent;
  const resetState = intent === "resetPassword" ? actionData : undefined;
  const rolesState = intent === "officeRoles" ? actionData : undefined;
  const saveState = intent === "save" ? actionData : undefined;
  const resetFields = useFormFields(resetState);
  const otherOffices = offices.filter((o) => o.id !== user.officeId);
  return (
    <Stack maw={760}>
      <Group justify="space-between">
        <Title order={1}>
          {t("user.edit")}：{user.name}（{user.employeeNo}）
        </Title>
        {user.mustChangePassword ? <Badge color="yellow">{t("user.mustChange")}</Badge> : null}
      </Group>
      <Notice />
      <UserForm state={saveState} offices={offices} mode="edit" defaults={user} />
      {otherOffices.length > 0 || user.otherOfficeRoles.length > 0 ? (
        <OtherOfficeRoles state={rolesState} offices={otherOffices} current={user.otherOfficeRoles} />
      ) : null}
      <Paper withBorder p="lg">
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="resetPassword" />
          <Stack>
            <Title order={2} size="h4">
              {t("user.resetPassword")}
            </Title>
            <Text size="sm" c="gray.7">
              {t("user.resetPasswordHint")}
            </Text>
            <FormErrorSummary state={resetState} />
            <PasswordField fields={resetFields} name="password" label={t("user.initialPassword")} description={t("user.initialPasswordHint")} autoComplete="new-password" />
            <Group>
              <Button type="submit" color="orange.8">
                {t("user.resetPassword")}
              </Button>
            </Group>
          </Stack>
        </Form>
      </Paper>
      <Text size="sm" c="gray.7">
        {t("user.createdAt")} <RocDate value={user.createdAt} withTime /> · {t("user.updatedAt")} <RocDate value={user.updatedAt} withTime />
      </Text>
    </Stack>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
