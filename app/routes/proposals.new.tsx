// 撰寫提案: a new 業務研提意見表, saved as a draft (intent=draft) or sent to the supervisor at once
// (intent=submit). Co-proposers are chosen from the office's people, the writer left out.
import { Stack, Text, Title } from "@mantine/core";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { NEW_PROPOSAL_DEFAULTS, ProposalForm } from "~/components/proposals/proposal-form";
import { useT } from "~/i18n/use-t";
import { requirePermission } from "~/modules/auth/guards.server";
import { formFailure, parseForm, runCommand } from "~/modules/forms.server";
import { proposalSchema } from "~/modules/proposals/proposals.schema";
import { PROPOSAL_ORIGINS } from "~/modules/proposals/proposal-workflow";
import { createProposal } from "~/modules/proposals/proposals.server";
import { officeColleagues } from "~/modules/org/colleagues.server";

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "proposals.submit");
  const people = await officeColleagues(args.context.db, user.officeId);
  // A proposal may start from a news clipping (新聞蒐集) or elsewhere: ?title=&origin=&problem= prefill the form.
  const url = new URL(args.request.url);
  const origin = url.searchParams.get("origin");
  const prefill = {
    ...NEW_PROPOSAL_DEFAULTS,
    title: (url.searchParams.get("title") ?? "").slice(0, 80),
    problem: (url.searchParams.get("problem") ?? "").slice(0, 4000),
    origin: origin && (PROPOSAL_ORIGINS as readonly string[]).includes(origin) ? origin : NEW_PROPOSAL_DEFAULTS.origin,
  };
  return { people: people.filter((p) => p.id !== user.id), prefill };
}

export async function action(args: ActionFunctionArgs) {
  const user = await requirePermission(args, "proposals.submit");
  const formData = await args.request.formData();
  const intent = formData.get("intent");
  if (intent !== "draft" && intent !== "submit") return data(formFailure(formData, { _form: "errors.invalid" }), { status: 400 });
  const parsed = parseForm(proposalSchema, formData);
  if (!parsed.ok) return data(parsed, { status: 400 });
  const outcome = await runCommand(formData, () => createProposal(args.context.db, user, parsed.data, { submit: intent === "submit" }));
  if (!outcome.ok) return outcome.response;
  throw redirect(`/proposals/${outcome.result}?notice=created`);
}

export default function NewProposal() {
  const { people, prefill } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  const t = useT();
  return (
    <Stack maw={1280}>
      <Stack gap={4}>
        <Title order={1}>{t("proposals.newTitle")}</Title>
        <Text c="gray.7" size="sm">
          {t("proposals.similar.hint")}
        </Text>
      </Stack>
      <ProposalForm state={state} defaults={prefill} people={people} mode="new" cancelTo="/proposals" />
    </Stack>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
