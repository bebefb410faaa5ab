import { Badge, Button, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { FormErrorSummary, PasswordField, useFormFields } from "~/components/form-fields";
import { Notice } from "~/components/notice";
import { UserForm } from "~/components/org/user-form";
import { RocDate } from "~/components/roc-date";
import { useT } from "~/i18n/use-t";
import { administeredOfficeIds, notFound, requirePermission } from "~/modules/auth/guards.server";
import { parseForm, runCommand } from "~/modules/forms.server";
import { roleLabel } from "~/modules/org/org-labels";
import { resetPasswordSchema, updateUserSchema } from "~/modules/org/org.schema";
import { getUserForEdit, listOfficeChoices, resetUserPassword, updateUser } from "~/modules/org/org.server";
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
      otherOfficeRoles: user.otherOfficeRoles.map((r) => ({ office: officeNames.get(r.officeId) ?? String(r.officeId), role: r.role })),
    },
    offices,
  };
}

export async function action(args: ActionFunctionArgs) {
  const admin = await requirePermission(args, "admin.users");
  const scope = administeredOfficeIds(admin);
  const id = requireIdParam(args.params.id);
  const formData = await args.request.formData();
  if (formData.get("intent") === "resetPassword") {
    const parsed = parseForm(resetPasswordSchema, formData);
    if (!parsed.ok) return data({ ...parsed, intent: "resetPassword" as const }, { status: 400 });
    if (!(await resetUserPassword(args.context.db, admin, scope, id, parsed.data.password))) notFound();
    throw redirect(`/admin/users/${id}?notice=passwordReset`);
  }
  const parsed = parseForm(updateUserSchema, formData);
  if (!parsed.ok) return data({ ...parsed, intent: "save" as const }, { status: 400 });
  const outcome = await runCommand(formData, () => updateUser(args.context.db, admin, scope, id, parsed.data));
  if (!outcome.ok) return outcome.response;
  if (!outcome.result) notFound();
  throw redirect(`/admin/users/${id}?notice=saved`);
}

export default function EditUser() {
  const { user, offices } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const resetState = actionData && "intent" in actionData && actionData.intent === "resetPassword" ? actionData : undefined;
  const saveState = resetState ? undefined : actionData;
  const resetFields = useFormFields(resetState);
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
      {user.otherOfficeRoles.length > 0 ? (
        <Paper withBorder p="md">
          <Title order={2} size="h4" mb="xs">
            {t("user.otherOfficeRoles")}
          </Title>
          <Group gap="xs">
            {user.otherOfficeRoles.map((r) => (
              <Badge key={`${r.office}-${r.role}`} variant="light">
                {r.office}：{t(roleLabel(r.role))}
              </Badge>
            ))}
          </Group>
        </Paper>
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
