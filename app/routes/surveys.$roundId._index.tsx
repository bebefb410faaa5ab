// One survey round, for those who run it (issue 7): its details, the questions (read-only; locked
// once opened), 開始調查 / 結束調查 behind a tick box, the live response rate (counts only),
// 「提醒未填答者」 (the system tells them; the sender learns how many, never who), the link to the
// results, and 改善對策 with an owner, a due date and a status, each of which can become a proposal.
// One action dispatching on `intent`, so every button works without JavaScript.
import { Alert, Anchor, Badge, Button, Checkbox, Group, List, NativeSelect, Paper, SimpleGrid, Stack, Table, Text, TextInput, Textarea, Title } from "@mantine/core";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useFormFields, type FormState } from "~/components/form-fields";
import { RateBar, RoundStateBadge, SurveyNotice } from "~/components/surveys/survey-parts";
import { formatRocDate } from "~/i18n/dates";
import type { MessageKey } from "~/i18n/i18n";
import { useLanguage, useT } from "~/i18n/use-t";
import { requirePermission } from "~/modules/auth/guards.server";
import { formFailure, parseForm, runCommand } from "~/modules/forms.server";
import { requireIdParam } from "~/modules/params";
import { roundPeriodLabel } from "~/modules/surveys/response-rate";
import { actionItemSchema, actionStatusSchema, listActionOwners } from "~/modules/surveys/survey-pages.server";
import { addActionItem, closeRound, loadRound, openRound, remindNonRespondents, setActionStatus } from "~/modules/surveys/surveys.server";
import { listQuestions } from "~/modules/surveys/template";

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "surveys.manage");
  const id = requireIdParam(args.params.roundId);
  const db = args.context.db;
  const { round, rate, actionItems } = await loadRound(db, user, id);
  const owners = await listActionOwners(db, user.officeId);
  return {
    round: {
      id: round.id,
      title: round.title,
      period: roundPeriodLabel(round.year, round.half as 1 | 2),
      state: round.state,
      opensOn: round.opensOn,
      closesOn: round.closesOn,
      demographics: round.demographics.map((q) => ({ id: q.id, text: q.text })),
      thresholds: round.thresholds,
    },
    questions: listQuestions(round.template).map(({ question, number, sectionId }) => ({
      id: question.id,
      number,
      section: round.template.sections.find((s) => s.id === sectionId)?.title ?? sectionId,
      text: question.text,
      kind: question.kind,
      required: question.required,
    })),
    rate: { responded: rate.responded, audience: rate.audience, percent: rate.percent },
    pending: Math.max(0, rate.audience - rate.responded),
    actionItems: actionItems.map((a) => ({ id: a.id, title: a.title, description: a.description, status: a.status, dueOn: a.dueOn, ownerName: a.ownerName, proposalId: a.proposalId })),
    owners: owners.map((p) => ({ value: String(p.id), label: `${p.name}（${p.title ?? ""}，${p.employeeNo}）` })),
  };
}

export async function action(args: ActionFunctionArgs) {
  const user = await requirePermission(args, "surveys.manage");
  const id = requireIdParam(args.params.roundId);
  const db = args.context.db;
  const formData = await args.request.formData();
  const intent = String(formData.get("intent") ?? "");
  const back = (notice: string, n?: number) => redirect(`/surveys/${id}?notice=${notice}${n !== undefined ? `&n=${n}` : ""}`);
  const confirmed = () => formData.get("confirm") === "on";

  switch (intent) {
    case "open": {
      if (!confirmed()) return data(formFailure(formData, { confirm: "surveys.confirmRequired" }), { status: 400 });
      const outcome = await runCommand(formData, () => openRound(db, user, id));
      return outcome.ok ? back("opened") : outcome.response;
    }
    case "close": {
      if (!confirmed()) return data(formFailure(formData, { confirm: "surveys.confirmRequired" }), { status: 400 });
      const outcome = await runCommand(formData, () => closeRound(db, user, id));
      return outcome.ok ? back("closed") : outcome.response;
    }
    case "remind": {
      const outcome = await runCommand(formData, () => remindNonRespondents(db, user, id));
      return outcome.ok ? back("reminded", outcome.result) : outcome.response;
    }
    case "addAction": {
      const parsed = parseForm(actionItemSchema, formData);
      if (!parsed.ok) return data(parsed, { status: 400 });
      const outcome = await runCommand(formData, () => addActionItem(db, user, id, parsed.data));
      return outcome.ok ? back("actionAdded") : outcome.response;
    }
    case "setStatus": {
      const parsed = parseForm(actionStatusSchema, formData);
      if (!parsed.ok) return data(parsed, { status: 400 });
      // Only this round's items: setActionStatus scopes by office; the round page shows this round's.
      const { actionItems } = await loadRound(db, user, id);
      if (!actionItems.some((a) => a.id === parsed.data.itemId)) throw new Response("Not Found", { status: 404 });
      const outcome = await runCommand(formData, () => setActionStatus(db, user, parsed.data.itemId, parsed.data.status));
      return outcome.ok ? back("statusSaved") : outcome.response;
    }
    default:
      return data(formFailure(formData, { _form: "errors.invalid" }), { status: 400 });
  }
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

function Section({ title, children, testId, id }: { title: string; children: React.ReactNode; testId?: string; id: string }) {
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby={id} data-testid={testId}>
      <Title order={2} size="h4" mb="md" id={id}>
        {title}
      </Title>
      {children}
    </Paper>
  );
}

function FormError({ state }: { state: FormState | undefined }) {
  const fields = useFormFields(state);
  const message = fields.errorOf("_form") ?? fields.errorOf("confirm");
  if (!message) return null;
  return (
    <Alert color="red" role="alert" p="xs" data-testid="action-error">
      {message}
    </Alert>
  );
}

function ConfirmForm({ intent, label, hint, confirm, state, color }: { intent: string; label: string; hint: string; confirm: string; state: FormState | undefined; color?: string }) {
  const navigation = useNavigation();
  return (
    <Form method="post" data-testid={`${intent}-form`}>
      <Stack gap="xs">
        <Text size="sm">{hint}</Text>
        <FormError state={state} />
        <Checkbox name="confirm" id={`confirm-${intent}`} label={confirm} />
        <Group>
          <Button type="submit" name="intent" value={intent} color={color} disabled={navigation.state === "submitting"}>
            {label}
          </Button>
        </Group>
      </Stack>
    </Form>
  );
}

function proposalLink(item: LoaderData["actionItems"][number], period: string, t: ReturnType<typeof useT>) {
  const problem = [t("surveys.action.problemPrefix", { round: period }), item.description].filter(Boolean).join("\n");
  return `/proposals/new?${new URLSearchParams({ title: item.title, origin: "staff_survey", problem }).toString()}`;
}

export default function SurveyRound() {
  const d = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>() as FormState | undefined;
  const t = useT();
  const language = useLanguage();
  const day = (ymd: string) => formatRocDate(new Date(`${ymd}T00:00:00+08:00`), language);
  const stateOf = (...intents: string[]) => (state?.values && intents.includes(String(state.values.intent)) ? state : undefined);
  const adding = useFormFields(stateOf("addAction"));
  const { round } = d;
  const demoNames: Record<string, MessageKey> = { unit: "surveys.demo.unit", tenure: "surveys.demo.tenure" };

  return (
    <Stack maw={1080}>
      <Anchor component={Link} to="/surveys" size="sm">
        ← {t("surveys.backToList")}
      </Anchor>
      <Group gap="sm">
        <Title order={1}>{round.title}</Title>
        <RoundStateBadge state={round.state} />
      </Group>
      <SurveyNotice />

      <Section title={t("surveys.roundDetails")} id="details-title" testId="details">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Text size="sm">
            <b>{t("surveys.field.period")}</b>：{day(round.opensOn)}～{day(round.closesOn)}
          </Text>
          <Text size="sm">
            <b>{t("surveys.field.demographicsAsked")}</b>：{round.demographics.length ? round.demographics.map((q) => (demoNames[q.id] ? t(demoNames[q.id]) : q.text)).join("、") : t("surveys.noDemographics")}
          </Text>
          <Text size="sm">
            <b>{t("surveys.field.thresholds")}</b>：{t("surveys.thresholdsText", round.thresholds)}
          </Text>
        </SimpleGrid>
      </Section>

      {round.state !== "planned" ? (
        <Section title={t("surveys.responseRate")} id="rate-title" testId="rate">
          <Stack gap="sm">
            <RateBar rate={d.rate} />
            <Text size="sm" c="gray.7">
              {t("surveys.rateHint")}
            </Text>
            {round.state === "open" ? (
              d.pending > 0 ? (
                <Form method="post" data-testid="remind-form">
                  <Stack gap="xs">
                    <Text size="sm">{t("surveys.remindHint", { n: d.pending })}</Text>
                    <FormError state={stateOf("remind")} />
                    <Group>
                      <Button type="submit" name="intent" value="remind" variant="light">
                        {t("surveys.remind")}
                      </Button>
                    </Group>
                  </Stack>
                </Form>
              ) : (
                <Text size="sm">{t("surveys.allAnswered")}</Text>
              )
            ) : null}
            <Group>
              <Button component={Link} to={`/surveys/${round.id}/results`} variant="default" data-testid="results-link">
                {t("surveys.results")}
              </Button>
              {round.state === "open" ? (
                <Text size="sm" c="gray.7">
                  {t("surveys.resultsWait")}
                </Text>
              ) : null}
            </Group>
          </Stack>
        </Section>
      ) : null}

      {round.state === "planned" ? (
        <Section title={t("surveys.open")} id="open-title" testId="open">
          <ConfirmForm intent="open" label={t("surveys.open")} hint={t("surveys.openHint")} confirm={t("surveys.openConfirm")} state={stateOf("open")} />
        </Section>
      ) : null}
      {round.state === "open" ? (
        <Section title={t("surveys.close")} id="close-title" testId="close">
          <ConfirmForm intent="close" label={t("surveys.close")} hint={t("surveys.closeHint")} confirm={t("surveys.closeConfirm")} state={stateOf("close")} color="red" />
        </Section>
      ) : null}

      <Section title={t("surveys.actions")} id="actions-title" testId="action-items">
        <Stack gap="md">
          <Text size="sm" c="gray.7">
            {t("surveys.actionsHint")}
          </Text>
          {d.actionItems.length === 0 ? (
            <Text size="sm">{t("surveys.noActions")}</Text>
          ) : (
            <Table striped withTableBorder>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("surveys.action.title")}</Table.Th>
                  <Table.Th>{t("surveys.action.owner")}</Table.Th>
                  <Table.Th>{t("surveys.action.dueOn")}</Table.Th>
                  <Table.Th>{t("surveys.action.status")}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {d.actionItems.map((item) => (
                  <Table.Tr key={item.id} data-testid="action-item">
                    <Table.Td>
                      <Text fw={600} size="sm">
                        {item.title}
                      </Text>
                      {item.description ? (
                        <Text size="xs" c="gray.7" style={{ whiteSpace: "pre-wrap" }}>
                          {item.description}
                        </Text>
                      ) : null}
                    </Table.Td>
                    <Table.Td>{item.ownerName ?? t("surveys.action.noOwner")}</Table.Td>
                    <Table.Td>{item.dueOn ? day(item.dueOn) : ""}</Table.Td>
                    <Table.Td>
                      <Form method="post">
                        <input type="hidden" name="itemId" value={item.id} />
                        <Group gap={6} wrap="nowrap">
                          <NativeSelect
                            name="status"
                            aria-label={`${t("surveys.action.status")}：${item.title}`}
                            defaultValue={item.status}
                            data={(["open", "in_progress", "done"] as const).map((s) => ({ value: s, label: t(`actionStatus.${s}`) }))}
                            size="xs"
                          />
                          <Button type="submit" name="intent" value="setStatus" size="xs" variant="default">
                            {t("surveys.action.saveStatus")}
                          </Button>
                        </Group>
                      </Form>
                    </Table.Td>
                    <Table.Td>
                      {item.proposalId ? (
                        <Anchor component={Link} to={`/proposals/${item.proposalId}`} size="sm">
                          {t("surveys.action.linkedProposal")}
                        </Anchor>
                      ) : (
                        <Anchor component={Link} to={proposalLink(item, round.period, t)} size="sm">
                          {t("surveys.action.toProposal")}
                        </Anchor>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          <Paper withBorder p="md" data-testid="add-action">
            {/* Keyed by the item count, so the fields empty once an item has been added (JavaScript keeps the DOM otherwise). */}
            <Form method="post" key={d.actionItems.length}>
              <Stack gap="sm">
                <Title order={3} size="h5">
                  {t("surveys.addAction")}
                </Title>
                <FormError state={stateOf("addAction")} />
                <TextInput id="f-title" name="title" label={t("surveys.action.title")} defaultValue={adding.valueOf("title")} error={adding.errorOf("title")} required />
                <Textarea id="f-description" name="description" label={t("surveys.action.description")} defaultValue={adding.valueOf("description")} error={adding.errorOf("description")} autosize minRows={2} />
                <SimpleGrid cols={{ base: 1, sm: 2 }}>
                  <NativeSelect id="f-ownerId" name="ownerId" label={t("surveys.action.owner")} defaultValue={adding.valueOf("ownerId")} error={adding.errorOf("ownerId")} data={[{ value: "", label: t("surveys.action.noOwner") }, ...d.owners]} />
                  <TextInput id="f-dueOn" name="dueOn" type="date" label={t("surveys.action.dueOn")} defaultValue={adding.valueOf("dueOn")} error={adding.errorOf("dueOn")} />
                </SimpleGrid>
                <Group>
                  <Button type="submit" name="intent" value="addAction">
                    {t("surveys.addAction")}
                  </Button>
                </Group>
              </Stack>
            </Form>
          </Paper>
        </Stack>
      </Section>

      <Section title={t("surveys.questions")} id="questions-title" testId="questions">
        <Stack gap="sm">
          <Alert color={round.state === "planned" ? "gray" : "yellow"} p="xs" data-testid="questions-locked">
            {round.state === "planned" ? t("surveys.questionsUnlocked") : t("surveys.questionsLocked")}
          </Alert>
          <Text size="sm">{t("surveys.questionCount", { n: d.questions.length })}</Text>
          <List type="ordered" spacing={4} size="sm">
            {d.questions.map((q) => (
              <List.Item key={q.id}>
                <Text span size="sm" c="gray.7">
                  {q.section}｜
                </Text>
                {q.text}{" "}
                <Badge size="xs" variant="light" color="gray">
                  {t(`surveys.kind.${q.kind}` as MessageKey)}
                </Badge>{" "}
                <Badge size="xs" variant="light" color={q.required ? "red" : "gray"}>
                  {q.required ? t("surveys.required") : t("surveys.optional")}
                </Badge>
              </List.Item>
            ))}
          </List>
        </Stack>
      </Section>
    </Stack>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
