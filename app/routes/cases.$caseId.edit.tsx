// 修改案例 (the author's draft) or 更正 (a reviewer or supervisor changes a published case, with a
// reason). Every save keeps a revision; the server decides which of the two this is (updateCase).
import { Alert, Anchor, Stack, Text, Title } from "@mantine/core";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { CaseForm, caseFormDefaults } from "~/components/knowledge/case-form";
import { useT } from "~/i18n/use-t";
import { requirePermission } from "~/modules/auth/guards.server";
import { runCommand } from "~/modules/forms.server";
import { loadCaseForForm, officeNameChoices, parseCaseForm } from "~/modules/knowledge/case-pages.server";
import { changeCaseState, updateCase } from "~/modules/knowledge/cases.server";
import { requireIdParam } from "~/modules/params";

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "knowledge.use");
  const id = requireIdParam(args.params.caseId);
  const db = args.context.db;
  const form = await loadCaseForForm(db, user, id);
  return { ...form, officeNames: await officeNameChoices(db) };
}

export async function action(args: ActionFunctionArgs) {
  const user = await requirePermission(args, "knowledge.use");
  const id = requireIdParam(args.params.caseId);
  const db = args.context.db;
  const formData = await args.request.formData();
  const parsed = parseCaseForm(formData);
  if (!parsed.ok) return data(parsed, { status: 400 });
  const submit = formData.get("intent") === "submit";
  const outcome = await runCommand(formData, async () => {
    await updateCase(db, user, id, parsed.input, parsed.reason);
    if (submit) await changeCaseState(db, user, id, { type: "submit" });
  });
  if (!outcome.ok) return outcome.response;
  throw redirect(`/cases/${id}?notice=${submit ? "submitted" : "saved"}`);
}

export default function EditCase() {
  const { mode, case: c, officeNames } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  const t = useT();
  return (
    <Stack maw={960}>
      <Stack gap={4}>
        <Anchor component={Link} to={`/cases/${c.id}`} size="sm">
          ← {c.title}
        </Anchor>
        <Title order={1}>{mode === "correct" ? t("cases.correctTitle") : t("cases.editTitle")}</Title>
        <Text c="gray.7" size="sm">
          {mode === "correct" ? t("cases.correctHint") : t("cases.editHint", { revision: c.revision })}
        </Text>
      </Stack>
      {mode === "edit" && c.reviewNote ? (
        <Alert color="orange" title={t("cases.returnedTitle")} data-testid="review-note">
          <Text style={{ whiteSpace: "pre-wrap" }}>{c.reviewNote}</Text>
        </Alert>
      ) : null}
      <CaseForm state={state} defaults={caseFormDefaults(c)} mode={mode} cancelTo={`/cases/${c.id}`} officeNames={officeNames} />
    </Stack>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
