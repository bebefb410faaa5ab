import { Stack, Title } from "@mantine/core";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Notice } from "~/components/notice";
import { CounterForm } from "~/components/org/counter-form";
import { useT } from "~/i18n/use-t";
import { administeredOfficeIds, notFound, requirePermission } from "~/modules/auth/guards.server";
import { parseForm, runCommand } from "~/modules/forms.server";
import { counterSchema } from "~/modules/org/org.schema";
import { getCounter, listOfficeChoices, updateCounter } from "~/modules/org/org.server";
import { requireIdParam } from "~/modules/params";

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "admin.counters");
  const scope = administeredOfficeIds(user);
  const [counter, offices] = await Promise.all([
    getCounter(args.context.db, scope, requireIdParam(args.params.id)),
    listOfficeChoices(args.context.db, scope),
  ]);
  if (!counter) notFound();
  return { counter, offices: offices.filter((o) => o.kind === "district") };
}

export async function action(args: ActionFunctionArgs) {
  const user = await requirePermission(args, "admin.counters");
  const id = requireIdParam(args.params.id);
  const formData = await args.request.formData();
  const parsed = parseForm(counterSchema, formData);
  if (!parsed.ok) return data(parsed, { status: 400 });
  const outcome = await runCommand(formData, () => updateCounter(args.context.db, user, administeredOfficeIds(user), id, parsed.data));
  if (!outcome.ok) return outcome.response;
  if (!outcome.result) notFound();
  throw redirect(`/admin/counters/${id}?notice=saved`);
}

export default function EditCounter() {
  const { counter, offices } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  const t = useT();
  return (
    <Stack maw={760}>
      <Title order={1}>
        {t("counter.edit")}：{counter.number}
      </Title>
      <Notice />
      <CounterForm state={state} offices={offices} defaults={counter} />
    </Stack>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
