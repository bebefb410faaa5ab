import { Stack, Title } from "@mantine/core";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Notice } from "~/components/notice";
import { OfficeForm } from "~/components/org/office-form";
import { useT } from "~/i18n/use-t";
import { administeredOfficeIds, isCityAdmin, notFound, requirePermission } from "~/modules/auth/guards.server";
import { parseForm, runCommand } from "~/modules/forms.server";
import { officeSchema } from "~/modules/org/org.schema";
import { getOffice, updateOffice } from "~/modules/org/org.server";
import { requireIdParam } from "~/modules/params";

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "admin.offices");
  const office = await getOffice(args.context.db, administeredOfficeIds(user), requireIdParam(args.params.id));
  if (!office) notFound();
  return { office, canChooseKind: isCityAdmin(user) };
}

export async function action(args: ActionFunctionArgs) {
  const user = await requirePermission(args, "admin.offices");
  const scope = administeredOfficeIds(user);
  const id = requireIdParam(args.params.id);
  const formData = await args.request.formData();
  const parsed = parseForm(officeSchema, formData);
  if (!parsed.ok) return data(parsed, { status: 400 });
  const current = await getOffice(args.context.db, scope, id);
  if (!current) notFound();
  // An office administrator may rename their office but not turn it into a bureau.
  const input = isCityAdmin(user) ? parsed.data : { ...parsed.data, kind: current.kind };
  const outcome = await runCommand(formData, () => updateOffice(args.context.db, user, scope, id, input));
  if (!outcome.ok) return outcome.response;
  throw redirect(`/admin/offices/${id}?notice=saved`);
}

export default function EditOffice() {
  const { office, canChooseKind } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  const t = useT();
  return (
    <Stack maw={760}>
      <Title order={1}>
        {t("office.edit")}：{office.name}
      </Title>
      <Notice />
      <OfficeForm state={state} defaults={office} canChooseKind={canChooseKind} />
    </Stack>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
