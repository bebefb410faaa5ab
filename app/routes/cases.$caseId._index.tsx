// One special case: everything it says (法令依據 in one line each, dates in 民國 years, the body as safe
// Markdown), where it stands, and the forms for whatever this person may do next (loadCase's
// `actions`, from case-rules.ts). One action dispatches on `intent`; a refusal comes back beside its
// form. Also: the newer case that replaces it, the older ones it replaces, where it is used (training
// sessions and quiz questions of this office), related cases and the revision history.
import { Alert, Anchor, Badge, Button, Divider, Grid, Group, List, NativeSelect, Paper, Stack, Table, Text, TextInput, Textarea, Title } from "@mantine/core";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useFormFields, type FormState } from "~/components/form-fields";
import { CaseCategoryBadge, CaseSourceBadge, CaseStateBadge, CaseTags, SupersededBadge } from "~/components/knowledge/case-badges";
import { CaseNotice } from "~/components/knowledge/case-notice";
import { MarkdownView } from "~/components/knowledge/markdown-view";
import { RocDate } from "~/components/roc-date";
import { formatRocDate } from "~/i18n/dates";
import { useLanguage, useT } from "~/i18n/use-t";
import { requirePermission } from "~/modules/auth/guards.server";
import { formFailure, parseForm, runCommand } from "~/modules/forms.server";
import { caseLinkChoices, successorChoices } from "~/modules/knowledge/case-pages.server";
import { formatLegalBasis, type CaseActionType, type LegalBasis } from "~/modules/knowledge/case-rules";
import { changeCaseState, linkCase, loadCase, supersedeCase } from "~/modules/knowledge/cases.server";
import { returnSchema } from "~/modules/knowledge/knowledge.schema";
import { requireIdParam } from "~/modules/params";

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "knowledge.use");
  const id = requireIdParam(args.params.caseId);
  const db = args.context.db;
  const detail = await loadCase(db, user, id);
  const mayLink = detail.relations.some((r) => r === "author" || r === "reviewer" || r === "supervisor");
  const choices = mayLink ? await caseLinkChoices(db, user) : { sessions: [], questions: [] };
  const linkedSessions = new Set(detail.usedIn.sessions.map((s) => s.id));
  const linkedQuestions = new Set(detail.usedIn.questions.map((q) => q.id));
  return {
    case: {
      id: detail.case.id,
      title: detail.case.title,
      category: detail.case.category,
      source: detail.case.source,
      sourceOffice: detail.case.sourceOffice,
      officeName: detail.case.officeName,
      ownOffice: detail.case.ownOffice,
      caseDate: detail.case.caseDate,
      facts: detail.case.facts,
      issue: detail.case.issue,
      handling: detail.case.handling,
      legalBasis: detail.case.legalBasis,
      lessons: detail.case.lessons,
      body: detail.case.body,
      tags: detail.case.tags,
      shared: detail.case.shared,
      state: detail.case.state,
      reviewNote: detail.case.reviewNote,
      superseded: detail.case.supersededBy !== null,
      authorName: detail.case.authorName,
      reviewerName: detail.case.reviewerName,
      revision: detail.case.revision,
      publishedAt: detail.case.publishedAt,
      updatedAt: detail.case.updatedAt,
    },
    actions: detail.actions,
    revisions: detail.revisions,
    successor: detail.successor,
    supersedes: detail.supersedes,
    usedIn: detail.usedIn,
    related: detail.related.map((r) => ({
      id: r.id,
      title: r.title,
      category: r.category,
      sharedTags: r.sharedTags,
    })),
    reads: detail.reads,
    mayLink,
    sessionChoices: choices.sessions.filter((s) => !linkedSessions.has(s.id)),
    questionChoices: choices.questions.filter((q) => !linkedQuestions.has(q.id)),
    successorChoices: detail.actions.includes("supersede") ? await successorChoices(db, user, id) : [],
  };
}

/** A positive id typed into a field, or picked from its select (typed wins); null when neither. */
function idFrom(formData: FormData, typed: string, picked: string): number | null {
  for (const name of [typed, picked]) {
    const v = String(formData.get(name) ?? "")
      .trim()
      .replace(/^#/, "");
    if (v === "") continue;
    return /^\d{1,9}$/.test(v) && Number(v) > 0 ? Number(v) : -1;
  }
  return null;
}

const STATE_NOTICES = {
  submit: "submitted",
  withdraw: "withdrawn",
  publish: "published",
  archive: "archived",
  restore: "restored",
} as const;

export async function action(args: ActionFunctionArgs) {
  const user = await requirePermission(args, "knowledge.use");
  const id = requireIdParam(args.params.caseId);
  const db = args.context.db;
  const formData = await args.request.formData();
  const intent = String(formData.get("intent") ?? "");
  const run = async (command: () => Promise<unknown>, notice: string) => {
    const outcome = await runCommand(formData, command);
    if (!outcome.ok) return outcome.response;
    throw redirect(`/cases/${id}?notice=${notice}`);
  };
  const missing = (field: string) =>
    data(formFailure(formData, { [field]: "errors.required" }), {
      status: 400,
    });

  switch (intent) {
    case "submit":
    case "withdraw":
    case "publish":
    case "archive":
    case "restore":
      return run(() => changeCaseState(db, user, id, { type: intent }), STATE_NOTICES[intent]);
    case "return": {
      const parsed = parseForm(returnSchema, formData);
      if (!parsed.ok) return data(parsed, { status: 400 });
      return run(
        () =>
          changeCaseState(db, user, id, {
            type: "return",
            reason: parsed.data.reason,
          }),
        "returned",
      );
    }
    case "supersede": {
      const successorId = idFrom(formData, "successorIdTyped", "successorId");
      if (successorId === null) return missing("successorId");
      // An unknown or malformed number goes to the module as 0, which finds nothing: one refusal for both.
      return run(() => supersedeCase(db, user, id, Math.max(0, successorId)), "superseded");
    }
    case "unsupersede":
      return run(() => supersedeCase(db, user, id, null), "unsuperseded");
    case "link_session":
    case "unlink_session": {
      const sessionId = idFrom(formData, "sessionIdTyped", "sessionId");
      if (sessionId === null) return missing("sessionId");
      return run(
        () => linkCase(db, user, id, { sessionId: Math.max(0, sessionId) }, intent === "unlink_session"),
        intent === "link_session" ? "linked" : "unlinked",
      );
    }
    case "link_question":
    case "unlink_question": {
      const questionId = idFrom(formData, "questionIdTyped", "questionId");
      if (questionId === null) return missing("questionId");
      return run(
        () => linkCase(db, user, id, { questionId: Math.max(0, questionId) }, intent === "unlink_question"),
        intent === "link_question" ? "linked" : "unlinked",
      );
    }
    default:
      return data(formFailure(formData, { _form: "errors.invalid" }), {
        status: 400,
      });
  }
}

// ------------------------------------------------------------------------------ view

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

function Section({ title, children, testId }: { title: string; children: React.ReactNode; testId?: string }) {
  return (
    <Paper withBorder p="lg" component="section" aria-label={title} data-testid={testId}>
      <Title order={2} size="h4" mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

function Field({ label, text, testId }: { label: string; text: string; testId?: string }) {
  if (!text.trim()) return null;
  return (
    <div data-testid={testId}>
      <Title order={3} size="h5" c="gray.8" mb={4}>
        {label}
      </Title>
      <Text style={{ whiteSpace: "pre-wrap" }}>{text}</Text>
    </div>
  );
}

/** One line per 法令依據; a 函釋's date in 民國 years. */
function LegalBasisList({ items }: { items: LegalBasis[] }) {
  const t = useT();
  const language = useLanguage();
  if (items.length === 0) return null;
  return (
    <div data-testid="legal-basis">
      <Title order={3} size="h5" c="gray.8" mb={4}>
        {t("cases.field.legalBasis")}
      </Title>
      <List spacing={4}>
        {items.map((b, i) => (
          <List.Item key={i}>
            <Badge size="xs" variant="light" color={b.kind === "law" ? "blue" : "grape"} mr={6} tt="none">
              {t(`cases.basis.kind.${b.kind}`)}
            </Badge>
            {formatLegalBasis(
              b.kind === "interpretation" && b.date
                ? {
                    ...b,
                    date: formatRocDate(`${b.date}T00:00:00+08:00`, language),
                  }
                : b,
            )}
          </List.Item>
        ))}
      </List>
    </div>
  );
}

/** A small form of the actions panel; its refusal shows above its button when it was the one posted. */
function ActionForm({
  state,
  intents,
  children,
  testId,
}: {
  state: FormState | undefined;
  intents: string[];
  children: (fields: ReturnType<typeof useFormFields>) => React.ReactNode;
  testId: string;
}) {
  const mine = state?.values && intents.includes(String(state.values.intent)) ? state : undefined;
  const fields = useFormFields(mine);
  const navigation = useNavigation();
  return (
    <Form method="post" data-testid={testId}>
      <fieldset disabled={navigation.state === "submitting"} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
        <Stack gap="xs">
          {fields.formError ? (
            <Alert color="red" role="alert" p="xs">
              {fields.formError}
            </Alert>
          ) : null}
          {children(fields)}
        </Stack>
      </fieldset>
    </Form>
  );
}

function ActionsPanel({ d, state }: { d: LoaderData; state: FormState | undefined }) {
  const t = useT();
  const can = (a: CaseActionType) => d.actions.includes(a);
  const simple = (["submit", "withdraw", "publish", "archive", "restore"] as const).filter(can);
  const editable = can("edit") || can("correct");
  if (!editable && simple.length === 0 && !can("return") && !can("supersede") && !can("unsupersede")) return null;
  return (
    <Section title={t("cases.actions")} testId="case-actions">
      <Stack gap="md">
        {editable ? (
          <Button component={Link} to={`/cases/${d.case.id}/edit`} variant="light" data-testid="edit-link">
            {can("correct") ? t("cases.action.correct") : t("cases.action.edit")}
          </Button>
        ) : null}
        {simple.length ? (
          <ActionForm state={state} intents={[...simple]} testId="state-form">
            {() => (
              <Group gap="xs">
                {simple.map((a) => (
                  <Button
                    key={a}
                    type="submit"
                    name="intent"
                    value={a}
                    variant={a === "publish" || a === "submit" ? "filled" : "default"}
                    color={a === "archive" ? "gray" : undefined}
                  >
                    {t(`cases.action.${a}`)}
                  </Button>
                ))}
              </Group>
            )}
          </ActionForm>
        ) : null}
        {can("return") ? (
          <ActionForm state={state} intents={["return"]} testId="return-form">
            {(f) => (
              <>
                <Textarea
                  id="f-return-reason"
                  name="reason"
                  label={t("cases.returnReason")}
                  description={t("cases.returnReasonHint")}
                  error={f.errorOf("reason")}
                  defaultValue={f.valueOf("reason")}
                  autosize
                  minRows={2}
                  required
                />
                <Group>
                  <Button type="submit" name="intent" value="return" color="orange" variant="light">
                    {t("cases.action.return")}
                  </Button>
                </Group>
              </>
            )}
          </ActionForm>
        ) : null}
        {can("supersede") && !d.case.superseded ? (
          <ActionForm state={state} intents={["supersede"]} testId="supersede-form">
            {(f) => (
              <details open={Boolean(f.hasErrors)}>
                <summary style={{ cursor: "pointer" }}>
                  <Text span size="sm" fw={600}>
                    {t("cases.action.supersede")}
                  </Text>
                </summary>
                <Stack gap="xs" mt="xs">
                  <NativeSelect
                    id="f-successorId"
                    name="successorId"
                    label={t("cases.successorPick")}
                    data={[
                      { value: "", label: t("cases.choose") },
                      ...d.successorChoices.map((s) => ({
                        value: String(s.id),
                        label: `#${s.id} ${s.title}`,
                      })),
                    ]}
                    defaultValue={f.valueOf("successorId")}
                    error={f.errorOf("successorId")}
                  />
                  <TextInput
                    id="f-successorIdTyped"
                    name="successorIdTyped"
                    label={t("cases.successorTyped")}
                    inputMode="numeric"
                    defaultValue={f.valueOf("successorIdTyped")}
                    w={160}
                  />
                  <Group>
                    <Button type="submit" name="intent" value="supersede" variant="default">
                      {t("cases.action.supersede")}
                    </Button>
                  </Group>
                </Stack>
              </details>
            )}
          </ActionForm>
        ) : null}
        {can("unsupersede") && d.case.superseded ? (
          <ActionForm state={state} intents={["unsupersede"]} testId="unsupersede-form">
            {() => (
              <Group>
                <Button type="submit" name="intent" value="unsupersede" variant="default">
                  {t("cases.action.unsupersede")}
                </Button>
              </Group>
            )}
          </ActionForm>
        ) : null}
      </Stack>
    </Section>
  );
}

function UsedIn({ d, state }: { d: LoaderData; state: FormState | undefined }) {
  const t = useT();
  const { sessions, questions } = d.usedIn;
  return (
    <Section title={t("cases.usedIn")} testId="used-in">
      <Stack gap="sm">
        <div>
          <Title order={3} size="h5" mb={4}>
            {t("cases.usedIn.sessions")}
          </Title>
          {sessions.length === 0 ? (
            <Text size="sm" c="gray.7">
              {t("cases.usedIn.none")}
            </Text>
          ) : (
            <List size="sm" spacing={4}>
              {sessions.map((s) => (
                <List.Item key={s.id}>
                  <Group gap="xs" wrap="nowrap">
                    <Anchor component={Link} to={`/training/${s.id}`}>
                      {s.title}
                    </Anchor>
                    {d.mayLink ? (
                      <Form method="post" style={{ display: "inline" }}>
                        <input type="hidden" name="sessionId" value={s.id} />
                        <Button
                          type="submit"
                          name="intent"
                          value="unlink_session"
                          size="compact-xs"
                          variant="subtle"
                          color="red"
                          aria-label={t("cases.unlinkNamed", { name: s.title })}
                        >
                          {t("cases.unlink")}
                        </Button>
                      </Form>
                    ) : null}
                  </Group>
                </List.Item>
              ))}
            </List>
          )}
          {d.mayLink ? (
            <ActionForm state={state} intents={["link_session", "unlink_session"]} testId="link-session-form">
              {(f) => (
                <Group align="flex-end" gap="xs" mt="xs">
                  <NativeSelect
                    id="f-sessionId"
                    name="sessionId"
                    label={t("cases.linkSession")}
                    data={[
                      { value: "", label: t("cases.choose") },
                      ...d.sessionChoices.map((s) => ({
                        value: String(s.id),
                        label: s.firstDate ? `${s.title}（${s.firstDate}）` : s.title,
                      })),
                    ]}
                    error={f.errorOf("sessionId")}
                    style={{ flex: 1, minWidth: 0 }}
                  />
                  <Button type="submit" name="intent" value="link_session" variant="light">
                    {t("cases.link")}
                  </Button>
                </Group>
              )}
            </ActionForm>
          ) : null}
        </div>
        <Divider />
        <div>
          <Title order={3} size="h5" mb={4}>
            {t("cases.usedIn.questions")}
          </Title>
          {questions.length === 0 ? (
            <Text size="sm" c="gray.7">
              {t("cases.usedIn.none")}
            </Text>
          ) : (
            <List size="sm" spacing={4}>
              {questions.map((q) => (
                <List.Item key={q.id}>
                  <Group gap="xs" wrap="nowrap">
                    <Anchor component={Link} to={`/question-bank/${q.id}`}>
                      #{q.id} {q.name}
                    </Anchor>
                    {d.mayLink ? (
                      <Form method="post" style={{ display: "inline" }}>
                        <input type="hidden" name="questionId" value={q.id} />
                        <Button
                          type="submit"
                          name="intent"
                          value="unlink_question"
                          size="compact-xs"
                          variant="subtle"
                          color="red"
                          aria-label={t("cases.unlinkNamed", { name: q.name })}
                        >
                          {t("cases.unlink")}
                        </Button>
                      </Form>
                    ) : null}
                  </Group>
                </List.Item>
              ))}
            </List>
          )}
          {d.mayLink ? (
            <ActionForm state={state} intents={["link_question", "unlink_question"]} testId="link-question-form">
              {(f) => (
                <Stack gap="xs" mt="xs">
                  <NativeSelect
                    id="f-questionId"
                    name="questionId"
                    label={t("cases.linkQuestion")}
                    data={[
                      { value: "", label: t("cases.choose") },
                      ...d.questionChoices.map((q) => ({
                        value: String(q.id),
                        label: `#${q.id} ${q.name}`,
                      })),
                    ]}
                    error={f.errorOf("questionId")}
                  />
                  <Group align="flex-end" gap="xs">
                    <TextInput id="f-questionIdTyped" name="questionIdTyped" label={t("cases.questionTyped")} inputMode="numeric" w={140} />
                    <Button type="submit" name="intent" value="link_question" variant="light">
                      {t("cases.link")}
                    </Button>
                  </Group>
                </Stack>
              )}
            </ActionForm>
          ) : null}
        </div>
      </Stack>
    </Section>
  );
}

function Revisions({ d }: { d: LoaderData }) {
  const t = useT();
  const revs = d.revisions;
  const options = revs.map((r) => ({
    value: String(r.revision),
    label: t("cases.revisionN", { n: r.revision }),
  }));
  return (
    <Section title={t("cases.revisions")} testId="revisions">
      <Table.ScrollContainer minWidth={320}>
        <Table fz="sm" verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("cases.revision")}</Table.Th>
              <Table.Th>{t("cases.revisionAuthor")}</Table.Th>
              <Table.Th>{t("cases.revisionAt")}</Table.Th>
              <Table.Th>{t("cases.revisionReason")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {revs.map((r) => (
              <Table.Tr key={r.revision}>
                <Table.Td>{r.revision}</Table.Td>
                <Table.Td>{r.authorName ?? "—"}</Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }}>
                  <RocDate value={r.at} withTime />
                </Table.Td>
                <Table.Td>{r.reason}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {revs.length >= 2 ? (
        <Form method="get" action={`/cases/${d.case.id}/revisions`} data-testid="compare-form">
          <Group align="flex-end" gap="xs" mt="sm">
            <NativeSelect name="a" label={t("cases.compareFrom")} data={options} defaultValue={String(revs[1].revision)} />
            <NativeSelect name="b" label={t("cases.compareTo")} data={options} defaultValue={String(revs[0].revision)} />
            <Button type="submit" variant="light">
              {t("cases.compare")}
            </Button>
          </Group>
        </Form>
      ) : null}
    </Section>
  );
}

export default function CasePage() {
  const d = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>() as FormState | undefined;
  const t = useT();
  const c = d.case;
  return (
    <Stack maw={1280}>
      <Anchor component={Link} to="/cases" size="sm">
        ← {t("nav.cases")}
      </Anchor>
      <Stack gap={6}>
        <Title order={1}>{c.title}</Title>
        <Group gap={6}>
          <CaseStateBadge state={c.state} size="lg" />
          <CaseCategoryBadge category={c.category} />
          <CaseSourceBadge source={c.source} sourceOffice={c.sourceOffice} officeName={c.officeName} fromOtherOffice={!c.ownOffice} />
          {c.superseded ? <SupersededBadge /> : null}
          {c.shared ? (
            <Badge variant="outline" color="gray">
              {t("cases.sharedBadge")}
            </Badge>
          ) : null}
        </Group>
        <Group gap="md" c="gray.7" fz="sm">
          {c.caseDate ? (
            <span>
              {t("cases.field.caseDate")}：
              <RocDate value={`${c.caseDate}T00:00:00+08:00`} />
            </span>
          ) : null}
          <span>{t("cases.author", { name: c.authorName })}</span>
          {c.reviewerName ? <span>{t("cases.reviewer", { name: c.reviewerName })}</span> : null}
          {c.publishedAt ? (
            <span>
              {t("cases.publishedAt")}：<RocDate value={c.publishedAt} />
            </span>
          ) : null}
          <span>{t("cases.revisionN", { n: c.revision })}</span>
          <span data-testid="reads">
            {t("cases.reads", {
              readers: d.reads.readers,
              reads: d.reads.reads,
            })}
          </span>
        </Group>
      </Stack>
      <CaseNotice />
      {c.superseded && d.successor ? (
        <Alert color="orange" title={t("cases.supersededTitle")} data-testid="superseded-notice">
          {t("cases.supersededText")}{" "}
          <Anchor component={Link} to={`/cases/${d.successor.id}`} fw={600}>
            {d.successor.title}
          </Anchor>
        </Alert>
      ) : null}
      {c.state === "draft" && c.reviewNote ? (
        <Alert color="orange" title={t("cases.returnedTitle")} data-testid="review-note">
          <Text style={{ whiteSpace: "pre-wrap" }}>{c.reviewNote}</Text>
        </Alert>
      ) : null}
      {c.state === "in_review" ? (
        <Alert color="yellow" data-testid="in-review-note">
          {t("cases.inReviewNote")}
        </Alert>
      ) : null}
      {c.state === "archived" ? (
        <Alert color="gray" data-testid="archived-note">
          {t("cases.archivedNote")}
        </Alert>
      ) : null}
      <Grid gutter="lg">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack>
            <Section title={t("cases.content")} testId="case-content">
              <Stack gap="md">
                <Field label={t("cases.field.facts")} text={c.facts} testId="facts" />
                <Field label={t("cases.field.issue")} text={c.issue} testId="issue" />
                <Field label={t("cases.field.handling")} text={c.handling} testId="handling" />
                <LegalBasisList items={c.legalBasis} />
                <Field label={t("cases.field.lessons")} text={c.lessons} testId="lessons" />
                {c.tags.length ? <CaseTags tags={c.tags} linkTo={(tag) => `/cases?tag=${encodeURIComponent(tag)}`} /> : null}
              </Stack>
            </Section>
            {c.body.trim() ? (
              <Section title={t("cases.field.body")} testId="case-body">
                <MarkdownView source={c.body} />
              </Section>
            ) : null}
            <Revisions d={d} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack>
            <ActionsPanel d={d} state={state} />
            {d.supersedes.length ? (
              <Section title={t("cases.supersedes")} testId="supersedes">
                <List size="sm">
                  {d.supersedes.map((s) => (
                    <List.Item key={s.id}>
                      <Anchor component={Link} to={`/cases/${s.id}`}>
                        {s.title}
                      </Anchor>
                    </List.Item>
                  ))}
                </List>
              </Section>
            ) : null}
            <UsedIn d={d} state={state} />
            <Section title={t("cases.related")} testId="related">
              {d.related.length === 0 ? (
                <Text size="sm" c="gray.7">
                  {t("cases.relatedNone")}
                </Text>
              ) : (
                <List size="sm" spacing={4}>
                  {d.related.map((r) => (
                    <List.Item key={r.id}>
                      <Anchor component={Link} to={`/cases/${r.id}`}>
                        {r.title}
                      </Anchor>{" "}
                      <Text span size="xs" c="gray.7">
                        {t(`caseCategory.${r.category as "other"}`)}
                        {r.sharedTags ? `・${t("cases.sharedTags", { n: r.sharedTags })}` : ""}
                      </Text>
                    </List.Item>
                  ))}
                </List>
              )}
            </Section>
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
