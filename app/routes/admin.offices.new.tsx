import { Stack, Title } from "@mantine/core";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { OfficeForm } from "~/components/org/office-form";
import { useT } from "~/i18n/use-t";
import { isCityAdmin, requirePermission } from "~/modules/auth/guards.server";
import { parseForm, runCommand } from "~/modules/forms.server";
import { officeSchema } from "~/modules/org/org.schema";
import { createOffice } from "~/modules/org/org.server";

// Only a city administrator (admin in the bureau) opens a new office; an office admin runs their own.
async function requireCityAdmin(args: LoaderFunctionArgs | ActionFunctionArgs) {
  const user = await requirePermission(args, "admin.offices");
  if (!isCityAdmin(user)) throw new Response("Forbidden", { status: 403 });
  return user;
}

export async function loader(args: LoaderFunctionArgs) {
  await requireCityAdmin(args);
  return null;
}

export async function action(args: ActionFunctionArgs) {
  const user = await requireCityAdmin(args);
  const formData = await args.request.formData();
  const parsed = parseForm(officeSchema, formData);
  if (!parsed.ok) return data(parsed, { status: 400 });
  const outcome = await runCommand(formData, () => createOffice(args.context.db, user, parsed.data));
  if (!outcome.ok) return outcome.response;
  throw redirect(`/admin/offices/${outcome.result}?notice=created`);
}

export default function NewOffice() {
  const state = useActionData<typeof action>();
  const t = useT();
  return (
    <Stack maw={760}>
      <Title order={1}>{t("office.new")}</Title>
      <OfficeForm state={state} canChooseKind />
    </Stack>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
