import { Stack, Title } from "@mantine/core";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { CounterForm } from "~/components/org/counter-form";
import { useT } from "~/i18n/use-t";
import { administeredOfficeIds, requirePermission } from "~/modules/auth/guards.server";
import { parseForm, runCommand } from "~/modules/forms.server";
import { counterSchema } from "~/modules/org/org.schema";
import { createCounter, listOfficeChoices } from "~/modules/org/org.server";

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "admin.counters");
  const offices = await listOfficeChoices(args.context.db, administeredOfficeIds(user));
  return { offices: offices.filter((o) => o.kind === "district") };
}

export async function action(args: ActionFunctionArgs) {
  const user = await requirePermission(args, "admin.counters");
  const formData = await args.request.formData();
  const parsed = parseForm(counterSchema, formData);
  if (!parsed.ok) return data(parsed, { status: 400 });
  const outcome = await runCommand(formData, () => createCounter(args.context.db, user, administeredOfficeIds(user), parsed.data));
  if (!outcome.ok) return outcome.response;
  throw redirect(`/admin/counters?notice=created`);
}

export default function NewCounter() {
  const { offices } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  const t = useT();
  return (
    <Stack maw={760}>
      <Title order={1}>{t("counter.new")}</Title>
      <CounterForm state={state} offices={offices} />
    </Stack>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
