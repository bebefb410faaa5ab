// One proposal: its 研提意見表, where it stands, what it has been through (辦理歷程), and the forms for
// whatever this person may do next (loadProposal's `actions`, from the workflow's rules). One action
// dispatches on `intent`; each branch parses its zod schema and calls the module inside runCommand,
// so a refusal comes back beside its field in the reader's language. The committee's decision is not
// taken here: it belongs to the meeting page (/committee/rounds/:roundId), where quorum and tallies are.
import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Divider,
  Grid,
  Group,
  NativeSelect,
  Paper,
  Progress,
  Radio,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
} from "@mantine/core";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useFormFields, type FormState } from "~/components/form-fields";
import { Notice } from "~/components/notice";
import { ProposalStateBadge, RewardGradeBadge, StageAge } from "~/components/proposals/proposal-badges";
import { SimilarBox } from "~/components/proposals/similar-proposals";
import { ProposalTimeline, rocDay } from "~/components/proposals/timeline";
import { RocDate } from "~/components/roc-date";
import { useLanguage, useT } from "~/i18n/use-t";
import { requirePermission } from "~/modules/auth/guards.server";
import { hasPermission } from "~/modules/auth/roles";
import { formFailure, parseForm, runCommand } from "~/modules/forms.server";
import { requireIdParam } from "~/modules/params";
import { roundsOpenForScheduling, scheduleProposal } from "~/modules/proposals/committee.server";
import { namesOf } from "~/modules/proposals/proposal-pages.server";
import { EFFECTIVENESS_RESULTS, TERMINAL_STATES, type ActionType, type DecisionKind, type EffectivenessResult } from "~/modules/proposals/proposal-workflow";
import {
  assignOwnerSchema,
  effectivenessSchema,
  implementedSchema,
  progressSchema,
  scheduleSchema,
  screeningSchema,
} from "~/modules/proposals/proposals.schema";
import {
  assignOwner,
  findSimilarProposals,
  getProposalSettings,
  loadProposal,
  markImplemented,
  reportProgress,
  reviewEffectiveness,
  screenProposal,
  submitProposal,
  withdrawProposal,
 } from "~/modules/proposals/proposals.server";
import { officeColleagues } from "~/modules/org/colleagues.server";

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "proposals.submit");
  const id = requireIdParam(args.params.proposalId);
  const db = args.context.db;
  const detail = await loadProposal(db, user, id);
  const { proposal, actions } = detail;
  const can = (a: ActionType) => actions.includes(a);
  const settings = await getProposalSettings(db, user.officeId);
  // Before 「送出」: earlier proposals that look like this one (issue 4), server-side so it works without JavaScript.
  const similar = can("submit")
    ? await findSimilarProposals(db, user.officeId, proposal, { excludeId: proposal.id })
    : [];
  const mayChair = hasPermission(user.roles, "committee.chair");
  const rounds = can("schedule") && mayChair ? await roundsOpenForScheduling(db, user) : [];
  const people = can("assign_owner") ? await officeColleagues(db, user.officeId) : [];
  const ownerIds = detail.timeline.filter((e) => e.action === "assign_owner").map((e) => Number(e.details.ownerId));
  const names = await namesOf(db, ownerIds);
  const timeline = detail.timeline.map((e) =>
    e.action === "assign_owner" ? { ...e, details: { ...e.details, ownerName: names.get(Number(e.details.ownerId)) ?? null } } : e,
  );
  const lastReturn = [...timeline].reverse().find((e) => e.toState === "returned" && e.fromState !== "returned");
  return {
    proposal,
    coProposers: detail.coProposers,
    timeline,
    progress: detail.progress,
    rounds: detail.rounds,
    actions,
    similar,
    openRounds: rounds,
    people: people.map((p) => ({ id: p.id, label: `${p.name}（${p.title}，${p.employeeNo}）` })),
    stageAlertDays: settings.stageAlertDays,
    mayChair,
    canViewMeetings: hasPermission(user.roles, "committee.view"),
    returnReason: proposal.state === "returned" && lastReturn ? { reason: lastReturn.reason, by: lastReturn.actorName, at: lastReturn.at } : null,
  };
}

/** The action's answer on success: back to the page, with 「已儲存」. */
function done(id: number): never {
  throw redirect(`/proposals/${id}?notice=saved`);
}

export async function action(args: ActionFunctionArgs) {
  const user = await requirePermission(args, "proposals.submit");
  const id = requireIdParam(args.params.proposalId);
  const db = args.context.db;
  const formData = await args.request.formData();
  const intent = String(formData.get("intent") ?? "");
  const run = async (command: () => Promise<unknown>) => {
    const outcome = await runCommand(formData, command);
    if (!outcome.ok) return outcome.response;
    done(id);
  };

  switch (intent) {
    case "submit":
      return run(() => submitProposal(db, user, id));
    case "withdraw":
      if (formData.get("confirm") !== "on") return data(formFailure(formData, { confirm: "errors.proposals.confirmWithdraw" }), { status: 400 });
      return run(() => withdrawProposal(db, user, id));
    case "supervisor_forward":
    case "supervisor_return":
    case "supervisor_reject": {
      // 主管審核 is for supervisors and the director; the workflow then checks the conflict of interest.
      await requirePermission(args, "proposals.screen");
      const parsed = parseForm(screeningSchema, formData);
      if (!parsed.ok) return data(parsed, { status: 400 });
      const { intent: type, reason } = parsed.data;
      return run(() => screenProposal(db, user, id, { type, reason }));
    }
    case "schedule": {
      // Only the 召集人 puts proposals on a meeting's agenda (roles.ts: committee.chair).
      if (!hasPermission(user.roles, "committee.chair")) throw new Response("Forbidden", { status: 403 });
      const parsed = parseForm(scheduleSchema, formData);
      if (!parsed.ok) return data(parsed, { status: 400 });
      return run(() => scheduleProposal(db, user, id, parsed.data.roundId));
    }
    case "assign_owner": {
      const parsed = parseForm(assignOwnerSchema, formData);
      if (!parsed.ok) return data(parsed, { status: 400 });
      return run(() => assignOwner(db, user, id, parsed.data));
    }
    case "report_progress": {
      const parsed = parseForm(progressSchema, formData);
      if (!parsed.ok) return data(parsed, { status: 400 });
      return run(() => reportProgress(db, user, id, parsed.data));
    }
    case "mark_implemented": {
      const parsed = parseForm(implementedSchema, formData);
      if (!parsed.ok) return data(parsed, { status: 400 });
      return run(() => markImplemented(db, user, id, parsed.data));
    }
    case "review_effectiveness": {
      const parsed = parseForm(effectivenessSchema, formData);
      if (!parsed.ok) return data(parsed, { status: 400 });
      return run(() => reviewEffectiveness(db, user, id, parsed.data));
    }
    default:
      return data(formFailure(formData, { _form: "errors.invalid" }), { status: 400 });
  }
}

// ------------------------------------------------------------------------------ view

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

function FieldText({ label, children, testId }: { label: string; children: React.ReactNode; testId?: string }) {
  return (
    <div data-testid={testId}>
      <Text size="sm" c="gray.7" fw={600}>
        {label}
      </Text>
      <Text style={{ whiteSpace: "pre-wrap" }}>{children}</Text>
    </div>
  );
}

function Section({ title, children, testId }: { title: string; children: React.ReactNode; testId?: string }) {
  return (
    <Paper withBorder p="lg" component="section" aria-label={title} data-testid={testId}>
      <Title order={2} size="h4" mb="md">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

/** A form of the actions panel; its refusal (if it was the one posted) shows above its button. */
function ActionForm({ title, state, children, testId }: { title: string; state: FormState | undefined; children: React.ReactNode; testId: string }) {
  const t = useT();
  const navigation = useNavigation();
  const formError = state?.errors?._form;
  const fields = useFormFields(state);
  return (
    <Paper withBorder p="md" data-testid={testId}>
      <Form method="post">
        <fieldset disabled={navigation.state === "submitting"} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
          <Stack gap="sm">
            <Title order={3} size="h5">
              {title}
            </Title>
            {formError ? (
              <Alert color="red" role="alert" p="xs">
                {fields.errorOf("_form") ?? t("errors.invalid")}
              </Alert>
            ) : null}
            {children}
          </Stack>
        </fieldset>
      </Form>
    </Paper>
  );
}

function ActionsPanel({ d, state }: { d: LoaderData; state: FormState | undefined }) {
  const t = useT();
  const language = useLanguage();
  const { proposal, actions } = d;
  const can = (a: ActionType) => actions.includes(a);
  // Each form sees the refused submission only if it was the one posted (all share one action).
  const stateOf = (...intents: string[]) => (state?.values && intents.includes(String(state.values.intent)) ? state : undefined);
  const screening = useFormFields(stateOf("supervisor_forward", "supervisor_return", "supervisor_reject"));
  const scheduling = useFormFields(stateOf("schedule"));
  const assigning = useFormFields(stateOf("assign_owner"), { ownerId: proposal.ownerId ?? "", dueDate: proposal.dueDate ?? "" });
  const progress = useFormFields(stateOf("report_progress"), { percent: proposal.progressPercent ?? "" });
  const implemented = useFormFields(stateOf("mark_implemented"));
  const review = useFormFields(stateOf("review_effectiveness"));
  const withdrawing = useFormFields(stateOf("withdraw"));
  const currentRound = d.rounds.find((r) => r.id === proposal.currentRoundId);

  const panels: React.ReactNode[] = [];
  if (can("submit")) {
    panels.push(
      <Stack key="submit" gap="sm">
        <SimilarBox items={d.similar} />
        <ActionForm title={t("proposals.submitTitle")} state={stateOf("submit")} testId="submit-form">
          <Text size="sm" c="gray.7">
            {t("proposals.submitHint")}
          </Text>
          <Group>
            <Button type="submit" name="intent" value="submit">
              {t("proposals.submit")}
            </Button>
          </Group>
        </ActionForm>
      </Stack>,
    );
  }
  if (can("supervisor_forward") || can("supervisor_return") || can("supervisor_reject")) {
    panels.push(
      <ActionForm key="screen" title={t("proposals.screen.title")} state={screening.state} testId="screen-form">
        <Textarea
          id="f-screen-reason"
          name="reason"
          label={t("proposals.screen.reason")}
          description={t("proposals.screen.reasonHint")}
          defaultValue={screening.valueOf("reason")}
          error={screening.errorOf("reason")}
          autosize
          minRows={3}
          maxLength={1000}
        />
        <Group gap="xs">
          {can("supervisor_forward") ? (
            <Button type="submit" name="intent" value="supervisor_forward" color="teal.8">
              {t("proposals.screen.forward")}
            </Button>
          ) : null}
          {can("supervisor_return") ? (
            <Button type="submit" name="intent" value="supervisor_return" color="orange.9" variant="outline">
              {t("proposals.screen.return")}
            </Button>
          ) : null}
          {can("supervisor_reject") ? (
            <Button type="submit" name="intent" value="supervisor_reject" color="red.8" variant="outline">
              {t("proposals.screen.reject")}
            </Button>
          ) : null}
        </Group>
      </ActionForm>,
    );
  }
  if (can("schedule") && d.mayChair) {
    panels.push(
      <ActionForm key="schedule" title={t("proposals.schedule.title")} state={scheduling.state} testId="schedule-form">
        <input type="hidden" name="intent" value="schedule" />
        {proposal.state === "scheduled" ? (
          <Text size="sm" c="gray.7">
            {t("proposals.schedule.moveHint")}
          </Text>
        ) : null}
        {d.openRounds.length === 0 ? (
          <Text size="sm">{t("proposals.schedule.noRounds")}</Text>
        ) : (
          <>
            <NativeSelect
              id="f-roundId"
              name="roundId"
              label={t("proposals.schedule.round")}
              defaultValue={scheduling.valueOf("roundId")}
              error={scheduling.errorOf("roundId")}
              data={[
                { value: "", label: t("proposals.field.choose") },
                ...d.openRounds.map((r) => ({ value: String(r.id), label: `${rocDay(r.meetingDate, language)} ${r.title}`, disabled: r.id === proposal.currentRoundId })),
              ]}
              required
            />
            <Group>
              <Button type="submit">{t("proposals.schedule.button")}</Button>
            </Group>
          </>
        )}
        <Anchor component={Link} to="/committee/rounds/new" size="sm">
          {t("proposals.schedule.createRound")}
        </Anchor>
      </ActionForm>,
    );
  }
  if (proposal.state === "scheduled" && currentRound) {
    panels.push(
      <Paper key="meeting" withBorder p="md" data-testid="meeting-link">
        <Stack gap={4}>
          <Title order={3} size="h5">
            {t("proposals.meeting.title")}
          </Title>
          {d.canViewMeetings ? (
            <Anchor component={Link} to={`/committee/rounds/${currentRound.id}`}>
              {t("proposals.meeting.link", { title: currentRound.title })}
            </Anchor>
          ) : (
            <Text>{currentRound.title}</Text>
          )}
          <Text size="sm" c="gray.7">
            {rocDay(currentRound.meetingDate, language)} · {t("proposals.meeting.decideThere")}
          </Text>
        </Stack>
      </Paper>,
    );
  }
  if (can("assign_owner")) {
    panels.push(
      <ActionForm key="assign" title={proposal.ownerId === null ? t("proposals.assign.title") : t("proposals.assign.reassignTitle")} state={assigning.state} testId="assign-form">
        <input type="hidden" name="intent" value="assign_owner" />
        <NativeSelect
          id="f-ownerId"
          name="ownerId"
          label={t("proposals.assign.owner")}
          defaultValue={assigning.valueOf("ownerId")}
          error={assigning.errorOf("ownerId")}
          data={[{ value: "", label: t("proposals.field.choose") }, ...d.people.map((p) => ({ value: String(p.id), label: p.label }))]}
          required
        />
        <TextInput
          id="f-dueDate"
          type="date"
          name="dueDate"
          label={t("proposals.assign.dueDate")}
          defaultValue={assigning.valueOf("dueDate")}
          error={assigning.errorOf("dueDate")}
          required
        />
        <Group>
          <Button type="submit">{t("proposals.assign.button")}</Button>
        </Group>
      </ActionForm>,
    );
  }
  if (can("report_progress")) {
    panels.push(
      <ActionForm key="progress" title={t("proposals.progress.title")} state={progress.state} testId="progress-form">
        <input type="hidden" name="intent" value="report_progress" />
        <TextInput
          id="f-percent"
          type="number"
          inputMode="numeric"
          min={0}
          max={100}
          step={1}
          name="percent"
          label={t("proposals.progress.percent")}
          defaultValue={progress.valueOf("percent")}
          error={progress.errorOf("percent")}
          required
          w={200}
        />
        <Textarea id="f-progress-note" name="note" label={t("proposals.progress.note")} defaultValue={progress.valueOf("note")} error={progress.errorOf("note")} autosize minRows={2} maxLength={1000} />
        <Group>
          <Button type="submit">{t("proposals.progress.button")}</Button>
        </Group>
      </ActionForm>,
    );
  }
  if (can("mark_implemented")) {
    panels.push(
      <ActionForm key="implemented" title={t("proposals.implemented.title")} state={implemented.state} testId="implemented-form">
        <input type="hidden" name="intent" value="mark_implemented" />
        <Textarea id="f-implemented-note" name="note" label={t("proposals.implemented.note")} defaultValue={implemented.valueOf("note")} error={implemented.errorOf("note")} autosize minRows={2} maxLength={1000} />
        <Group>
          <Button type="submit" color="teal.8">
            {t("proposals.implemented.button")}
          </Button>
        </Group>
      </ActionForm>,
    );
  }
  if (can("review_effectiveness")) {
    panels.push(
      <ActionForm key="review" title={t("proposals.review.title")} state={review.state} testId="review-form">
        <input type="hidden" name="intent" value="review_effectiveness" />
        <Radio.Group name="result" label={t("proposals.review.result")} defaultValue={review.valueOf("result")} error={review.errorOf("result")} required>
          <Group gap="md" mt={4}>
            {EFFECTIVENESS_RESULTS.map((r) => (
              <Radio key={r} value={r} label={t(`effectiveness.${r}`)} />
            ))}
          </Group>
        </Radio.Group>
        <TextInput id="f-before" name="before" label={t("proposals.review.before")} placeholder={t("proposals.review.beforeHint")} defaultValue={review.valueOf("before")} error={review.errorOf("before")} maxLength={1000} />
        <TextInput id="f-after" name="after" label={t("proposals.review.after")} placeholder={t("proposals.review.afterHint")} defaultValue={review.valueOf("after")} error={review.errorOf("after")} maxLength={1000} />
        <Textarea id="f-review-note" name="note" label={t("proposals.review.note")} defaultValue={review.valueOf("note")} error={review.errorOf("note")} autosize minRows={2} maxLength={2000} />
        <Text size="xs" c="gray.7">
          {t("proposals.review.gradeHint")}
        </Text>
        <Group>
          <Button type="submit">{t("proposals.review.button")}</Button>
        </Group>
      </ActionForm>,
    );
  }
  if (can("withdraw")) {
    panels.push(
      <ActionForm key="withdraw" title={t("proposals.withdraw.title")} state={withdrawing.state} testId="withdraw-form">
        <input type="hidden" name="intent" value="withdraw" />
        {/* The confirmation is a box to tick, so it works without JavaScript (no window.confirm). */}
        <Checkbox id="f-confirm" name="confirm" label={t("proposals.withdraw.confirm")} error={withdrawing.errorOf("confirm")} />
        <Group>
          <Button type="submit" color="red.8" variant="outline">
            {t("proposals.withdraw.button")}
          </Button>
        </Group>
      </ActionForm>,
    );
  }
  if (panels.length === 0) return null;
  return (
    <Stack gap="md" component="section" aria-label={t("proposals.actionsTitle")} data-testid="actions">
      <Title order={2} size="h4">
        {t("proposals.actionsTitle")}
      </Title>
      {panels}
    </Stack>
  );
}

/** Whether the actions column has anything to show (else the record takes the whole width). */
function hasPanels(d: LoaderData): boolean {
  const forms = d.actions.filter((a) => a !== "edit" && a !== "decide" && (a !== "schedule" || d.mayChair));
  return forms.length > 0 || (d.proposal.state === "scheduled" && d.rounds.some((r) => r.id === d.proposal.currentRoundId));
}

function ProgressSection({ d }: { d: LoaderData }) {
  const t = useT();
  const language = useLanguage();
  const { proposal, progress } = d;
  const percent = proposal.progressPercent ?? 0;
  return (
    <Section title={t("proposals.implementation.title")} testId="implementation">
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <FieldText label={t("proposals.owner")}>{proposal.ownerName ?? "—"}</FieldText>
          <FieldText label={t("proposals.dueDate")}>{proposal.dueDate ? rocDay(proposal.dueDate, language) : "—"}</FieldText>
        </SimpleGrid>
        <div>
          <Text size="sm" fw={600} mb={4} id="progress-label">
            {t("proposals.progress.current", { n: percent })}
          </Text>
          <Progress value={percent} size="lg" color={percent >= 100 ? "teal.8" : "blue.8"} aria-labelledby="progress-label" />
        </div>
        <Title order={3} size="h5">
          {t("proposals.progress.history")}
        </Title>
        {progress.length === 0 ? (
          <Text c="dimmed" size="sm">
            {t("proposals.progress.none")}
          </Text>
        ) : (
          <Table striped withTableBorder data-testid="progress-history">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("proposals.progress.date")}</Table.Th>
                <Table.Th scope="col">{t("proposals.progress.percentShort")}</Table.Th>
                <Table.Th scope="col">{t("proposals.progress.note")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {progress.map((g) => (
                <Table.Tr key={g.id}>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>
                    <RocDate value={g.at} />
                    <Text size="xs" c="gray.7">
                      {g.authorName ? t("proposals.progress.by", { name: g.authorName }) : null}
                    </Text>
                  </Table.Td>
                  <Table.Td>{g.percent}%</Table.Td>
                  <Table.Td style={{ whiteSpace: "pre-wrap" }}>{g.note}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Section>
  );
}

export default function ProposalPage() {
  const d = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  const t = useT();
  const language = useLanguage();
  const { proposal, coProposers } = d;
  const can = (a: ActionType) => d.actions.includes(a);
  const showImplementation = proposal.ownerId !== null || d.progress.length > 0;
  return (
    <Stack maw={1280}>
      <Stack gap={6}>
        <Group justify="space-between" align="flex-start">
          <Stack gap={4}>
            <Text c="gray.7" size="sm" data-testid="reference-no">
              {proposal.referenceNo ? `${t("proposals.col.referenceNo")} ${proposal.referenceNo}` : t("proposals.draftNo")}
            </Text>
            <Title order={1}>{proposal.title}</Title>
          </Stack>
          <Group gap="xs">
            {can("edit") ? (
              <Button component={Link} to={`/proposals/${proposal.id}/edit`} data-testid="edit-link">
                {t("proposals.edit")}
              </Button>
            ) : null}
            <Button component={Link} to={`/proposals/${proposal.id}/print`} variant="default">
              {t("proposals.print")}
            </Button>
            <Button component={Link} to="/proposals" variant="subtle">
              {t("proposals.backToList")}
            </Button>
          </Group>
        </Group>
        <Group gap="sm">
          <ProposalStateBadge state={proposal.state} />
          {/* A closed proposal waits for nobody: no age to count. */}
          {TERMINAL_STATES.includes(proposal.state) ? null : <StageAge days={proposal.stageAgeDays} alertDays={d.stageAlertDays} />}
          <RewardGradeBadge grade={proposal.rewardGrade} />
        </Group>
      </Stack>
      <Notice />
      {d.returnReason ? (
        <Alert color="orange" title={t("proposals.returnedNotice")} data-testid="return-reason">
          {d.returnReason.reason ? (
            <Text style={{ whiteSpace: "pre-wrap" }}>
              {t("proposals.timeline.reason")}：{d.returnReason.reason}
            </Text>
          ) : null}
          <Text size="xs" c="gray.7">
            {d.returnReason.by} · <RocDate value={d.returnReason.at} withTime />
          </Text>
        </Alert>
      ) : null}

      <Grid gutter="lg">
        {hasPanels(d) ? (
          <Grid.Col span={{ base: 12, lg: 4 }} order={{ base: 1, lg: 2 }}>
            <ActionsPanel d={d} state={state} />
          </Grid.Col>
        ) : null}
        <Grid.Col span={{ base: 12, lg: hasPanels(d) ? 8 : 10 }} order={{ base: 2, lg: 1 }}>
          <Stack gap="lg">
            <Section title={t("proposals.formTitle")} testId="proposal-content">
              <Stack gap="md">
                <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
                  <FieldText label={t("proposals.field.category")}>{t(`proposalCategory.${proposal.category}`)}</FieldText>
                  <FieldText label={t("proposals.field.origin")}>{t(`proposalOrigin.${proposal.origin}`)}</FieldText>
                  <FieldText label={t("proposals.proposer")}>
                    {proposal.proposerName}（{proposal.proposerTitle}）
                  </FieldText>
                  <FieldText label={t("proposals.field.coProposers")} testId="co-proposers">
                    {coProposers.length ? coProposers.map((c) => `${c.name}（${c.title}）`).join("、") : t("proposals.none")}
                  </FieldText>
                  <FieldText label={proposal.submittedAt ? t("proposals.proposedOn") : t("proposals.createdOn")}>
                    <RocDate value={proposal.submittedAt ?? proposal.createdAt} />
                  </FieldText>
                  <FieldText label={t("proposals.field.estimatedCost")}>{proposal.estimatedCost || t("proposals.notFilled")}</FieldText>
                </SimpleGrid>
                <Divider />
                <FieldText label={t("proposals.field.problem")}>{proposal.problem}</FieldText>
                <FieldText label={t("proposals.field.method")}>{proposal.method}</FieldText>
                <FieldText label={t("proposals.field.benefit")}>{proposal.benefit}</FieldText>
              </Stack>
            </Section>

            {proposal.decision ? (
              <Section title={t("proposals.decision.title")} testId="decision">
                <Stack gap="sm">
                  <Text fw={700} size="lg">
                    {t(`proposalDecision.${proposal.decision as DecisionKind}`)}
                  </Text>
                  {proposal.decisionReason ? <FieldText label={t("proposals.decision.reason")}>{proposal.decisionReason}</FieldText> : null}
                  <SimpleGrid cols={{ base: 1, sm: 3 }}>
                    {proposal.documentNumber ? <FieldText label={t("proposals.decision.documentNumber")}>{proposal.documentNumber}</FieldText> : null}
                    {proposal.decidedAt ? (
                      <FieldText label={t("proposals.decision.decidedAt")}>
                        <RocDate value={proposal.decidedAt} />
                      </FieldText>
                    ) : null}
                    {proposal.meanScore !== null ? <FieldText label={t("proposals.decision.meanScore")}>{proposal.meanScore.toFixed(2)}</FieldText> : null}
                  </SimpleGrid>
                </Stack>
              </Section>
            ) : null}

            {showImplementation ? <ProgressSection d={d} /> : null}

            {proposal.effectivenessResult ? (
              <Section title={t("proposals.review.title")} testId="effectiveness">
                <Stack gap="sm">
                  <Group gap="sm">
                    <Text fw={700}>{t(`effectiveness.${proposal.effectivenessResult as EffectivenessResult}`)}</Text>
                    <RewardGradeBadge grade={proposal.rewardGrade} />
                    {!proposal.rewardGrade ? (
                      <Text size="sm" c="gray.7">
                        {t("proposals.grade")}：{t("proposals.grade.none")}
                      </Text>
                    ) : null}
                  </Group>
                  <SimpleGrid cols={{ base: 1, sm: 2 }}>
                    <FieldText label={t("proposals.review.before")}>{proposal.effectivenessBefore || "—"}</FieldText>
                    <FieldText label={t("proposals.review.after")}>{proposal.effectivenessAfter || "—"}</FieldText>
                  </SimpleGrid>
                  {proposal.effectivenessNote ? <FieldText label={t("proposals.review.note")}>{proposal.effectivenessNote}</FieldText> : null}
                  {proposal.reviewedAt ? (
                    <Text size="sm" c="gray.7">
                      {t("proposals.review.reviewedAt")}：<RocDate value={proposal.reviewedAt} />
                    </Text>
                  ) : null}
                </Stack>
              </Section>
            ) : null}

            {d.rounds.length ? (
              <Section title={t("proposals.rounds.title")} testId="rounds">
                <Stack gap={4}>
                  {d.rounds.map((r) => (
                    <Group key={r.id} gap="xs">
                      <Text size="sm">{rocDay(r.meetingDate, language)}</Text>
                      {d.canViewMeetings ? (
                        <Anchor component={Link} to={`/committee/rounds/${r.id}`} size="sm">
                          {r.title}
                        </Anchor>
                      ) : (
                        <Text size="sm">{r.title}</Text>
                      )}
                      {r.decision ? (
                        <Text size="sm" c="gray.7">
                          {t(`proposalDecision.${r.decision as DecisionKind}`)}
                        </Text>
                      ) : null}
                      {r.movedToRoundId ? (
                        <Text size="sm" c="gray.7">
                          {t("proposals.meeting.moved")}
                        </Text>
                      ) : null}
                    </Group>
                  ))}
                </Stack>
              </Section>
            ) : null}

            <Section title={t("proposals.timeline.title")} testId="timeline-section">
              <ProposalTimeline events={d.timeline} />
            </Section>
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
