import { Stack, Title } from "@mantine/core";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { UserForm } from "~/components/org/user-form";
import { useT } from "~/i18n/use-t";
import { administeredOfficeIds, requirePermission } from "~/modules/auth/guards.server";
import { parseForm, runCommand } from "~/modules/forms.server";
import { createUserSchema } from "~/modules/org/org.schema";
import { createUser, listOfficeChoices } from "~/modules/org/org.server";

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "admin.users");
  return { offices: await listOfficeChoices(args.context.db, administeredOfficeIds(user)) };
}

export async function action(args: ActionFunctionArgs) {
  const user = await requirePermission(args, "admin.users");
  const formData = await args.request.formData();
  const parsed = parseForm(createUserSchema, formData);
  if (!parsed.ok) return data(parsed, { status: 400 });
  const outcome = await runCommand(formData, () => createUser(args.context.db, user, administeredOfficeIds(user), parsed.data));
  if (!outcome.ok) return outcome.response;
  throw redirect(`/admin/users/${outcome.result}?notice=created`);
}

export default function NewUser() {
  const { offices } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  const t = useT();
  return (
    <Stack maw={760}>
      <Title order={1}>{t("user.new")}</Title>
      <UserForm state={state} offices={offices} mode="create" />
    </Stack>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
