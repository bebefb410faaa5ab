// 新增案例: a new special case, saved as a draft (intent=save) or sent for review at once (intent=submit).
// ?title=&facts=&tags= prefill it, so a news clipping (or anything else) can start a case.
import { Stack, Text, Title } from "@mantine/core";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { CaseForm, NEW_CASE_DEFAULTS, caseFormDefaults } from "~/components/knowledge/case-form";
import { useT } from "~/i18n/use-t";
import { requirePermission } from "~/modules/auth/guards.server";
import { runCommand } from "~/modules/forms.server";
import { officeNameChoices, parseCaseForm } from "~/modules/knowledge/case-pages.server";
import { changeCaseState, createCase } from "~/modules/knowledge/cases.server";

/** Prefill limits: the schema's own maxima, so a long clipping cannot make the form unsavable unseen. */
const clip = (value: string | null, max: number) => (value ?? "").slice(0, max);

export async function loader(args: LoaderFunctionArgs) {
  await requirePermission(args, "knowledge.use");
  const url = new URL(args.request.url);
  const tags = clip(url.searchParams.get("tags"), 300)
    .split(/[,，、\n]/)
    .map((t) => t.trim())
    .filter(Boolean)
    .slice(0, 12);
  return {
    prefill: {
      title: clip(url.searchParams.get("title"), 100),
      facts: clip(url.searchParams.get("facts"), 8000),
      tags,
    },
    officeNames: await officeNameChoices(args.context.db),
  };
}

export async function action(args: ActionFunctionArgs) {
  const user = await requirePermission(args, "knowledge.use");
  const db = args.context.db;
  const formData = await args.request.formData();
  const parsed = parseCaseForm(formData);
  if (!parsed.ok) return data(parsed, { status: 400 });
  const submit = formData.get("intent") === "submit";
  const outcome = await runCommand(formData, async () => {
    const id = await createCase(db, user, parsed.input, parsed.reason);
    if (submit) await changeCaseState(db, user, id, { type: "submit" });
    return id;
  });
  if (!outcome.ok) return outcome.response;
  throw redirect(`/cases/${outcome.result}?notice=${submit ? "submitted" : "created"}`);
}

export default function NewCase() {
  const { prefill, officeNames } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  const t = useT();
  return (
    <Stack maw={960}>
      <Stack gap={4}>
        <Title order={1}>{t("cases.newTitle")}</Title>
        <Text c="gray.7" size="sm">
          {t("cases.newHint")}
        </Text>
      </Stack>
      <CaseForm state={state} defaults={caseFormDefaults({ ...NEW_CASE_DEFAULTS, ...prefill })} mode="new" cancelTo="/cases" officeNames={officeNames} />
    </Stack>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
