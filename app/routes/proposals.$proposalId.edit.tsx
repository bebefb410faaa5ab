// 修改提案: the proposer revises a draft or a returned proposal, then saves it (intent=save) or saves
// and sends it to the supervisor (intent=submit). Only the proposer may (loadProposalForEdit: 403).
import { Stack, Text, Title } from "@mantine/core";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { ProposalForm } from "~/components/proposals/proposal-form";
import { useT } from "~/i18n/use-t";
import { requirePermission } from "~/modules/auth/guards.server";
import { formFailure, parseForm, runCommand } from "~/modules/forms.server";
import { requireIdParam } from "~/modules/params";
import { proposalSchema } from "~/modules/proposals/proposals.schema";
import { loadProposalForEdit, submitProposal, updateProposal } from "~/modules/proposals/proposals.server";
import { officeColleagues } from "~/modules/org/colleagues.server";

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "proposals.submit");
  const id = requireIdParam(args.params.proposalId);
  const db = args.context.db;
  const { proposal, coProposerIds } = await loadProposalForEdit(db, user, id);
  const people = await officeColleagues(db, user.officeId);
  return {
    id,
    referenceNo: proposal.referenceNo,
    state: proposal.state,
    defaults: {
      title: proposal.title,
      category: proposal.category,
      origin: proposal.origin,
      problem: proposal.problem,
      method: proposal.method,
      benefit: proposal.benefit,
      estimatedCost: proposal.estimatedCost ?? "",
      coProposerIds: coProposerIds.map(String),
    },
    people: people.filter((p) => p.id !== proposal.proposerId),
  };
}

export async function action(args: ActionFunctionArgs) {
  const user = await requirePermission(args, "proposals.submit");
  const id = requireIdParam(args.params.proposalId);
  const formData = await args.request.formData();
  const intent = formData.get("intent");
  if (intent !== "save" && intent !== "submit") return data(formFailure(formData, { _form: "errors.invalid" }), { status: 400 });
  const parsed = parseForm(proposalSchema, formData);
  if (!parsed.ok) return data(parsed, { status: 400 });
  const db = args.context.db;
  const outcome = await runCommand(formData, async () => {
    await updateProposal(db, user, id, parsed.data);
    if (intent === "submit") await submitProposal(db, user, id);
  });
  if (!outcome.ok) return outcome.response;
  throw redirect(`/proposals/${id}?notice=saved`);
}

export default function EditProposal() {
  const { id, referenceNo, state: proposalState, defaults, people } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  const t = useT();
  return (
    <Stack maw={1280}>
      <Stack gap={4}>
        <Title order={1}>{t("proposals.editTitle")}</Title>
        <Text c="gray.7" size="sm">
          {referenceNo ? `${t("proposals.col.referenceNo")} ${referenceNo} · ` : ""}
          {t(`proposalState.${proposalState}`)}
        </Text>
      </Stack>
      <ProposalForm state={state} defaults={defaults} people={people} mode="edit" proposalId={id} cancelTo={`/proposals/${id}`} />
    </Stack>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
