// 填答 (issue 7, "Staff answer once per round, can save and come back before submitting, and are
// told plainly how their anonymity is protected"). First the anonymity notice, then the optional
// demographic questions, then the round's locked questions section by section. 暫存 keeps a draft
// tied to the person until 送出 (surveys.server.ts saveDraft); 送出 checks every answer and answers
// each problem beside its question with everything typed kept. After 送出 the page thanks them.
import { Alert, Anchor, Button, Group, List, Paper, Stack, Text, Title } from "@mantine/core";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { DemographicField, QuestionField, type FieldValue } from "~/components/surveys/question-fields";
import { SurveyNotice } from "~/components/surveys/survey-parts";
import { isMessageKey, type MessageKey } from "~/i18n/i18n";
import { formatRocDate } from "~/i18n/dates";
import { useLanguage, useT } from "~/i18n/use-t";
import { requirePermission } from "~/modules/auth/guards.server";
import { DomainError } from "~/modules/domain-error";
import { formValues } from "~/modules/forms.server";
import { requireIdParam } from "~/modules/params";
import { draftProgress } from "~/modules/surveys/answers";
import { readAnswerForm } from "~/modules/surveys/survey-pages.server";
import { loadQuestionnaire, saveDraft, submitResponse } from "~/modules/surveys/surveys.server";
import { listQuestions } from "~/modules/surveys/template";

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "surveys.answer");
  const id = requireIdParam(args.params.roundId);
  const q = await loadQuestionnaire(args.context.db, user, id);
  const { round } = q;
  const progress = q.draft ? draftProgress(round.template, q.draft.answers) : null;
  return {
    round: {
      id: round.id,
      title: round.title,
      state: round.state,
      closesOn: round.closesOn,
      template: round.template,
      demographics: round.demographics,
      thresholds: round.thresholds,
    },
    inAudience: q.inAudience,
    submitted: q.submitted,
    draft: q.draft,
    progress: progress ? { answered: progress.answered, total: progress.questions } : null,
  };
}

interface AnswerFailure {
  ok: false;
  errors: { questionId: string; number: number | null; message: string }[];
  formError: string | null;
  values: Record<string, string | string[]>;
}

export async function action(args: ActionFunctionArgs) {
  const user = await requirePermission(args, "surveys.answer");
  const id = requireIdParam(args.params.roundId);
  const db = args.context.db;
  const { round } = await loadQuestionnaire(db, user, id);
  const formData = await args.request.formData();
  const intent = String(formData.get("intent") ?? "");
  const { answers, demographics } = readAnswerForm(round.template, round.demographics, formData);
  const fail = (errors: AnswerFailure["errors"], formError: string | null) =>
    data<AnswerFailure>({ ok: false, errors, formError, values: formValues(formData) }, { status: 400 });
  try {
    if (intent === "save") {
      await saveDraft(db, user, id, answers, demographics);
      return redirect(`/surveys/${id}/answer?notice=draftSaved`);
    }
    if (intent === "submit") {
      const result = await submitResponse(db, user, id, answers, demographics);
      if (!result.ok) return fail(result.errors, null);
      return redirect(`/surveys/${id}/answer`);
    }
    return fail([], "errors.invalid");
  } catch (error) {
    if (error instanceof DomainError) return fail([], error.messageKey);
    throw error;
  }
}

function draftValues(draft: { answers: Record<string, unknown>; demographics: Record<string, unknown> } | null): Record<string, FieldValue> {
  const out: Record<string, FieldValue> = {};
  if (!draft) return out;
  const conv = (v: unknown): FieldValue => (Array.isArray(v) ? v.map(String) : v === null || v === undefined ? undefined : String(v));
  for (const [k, v] of Object.entries(draft.answers ?? {})) out[`q.${k}`] = conv(v);
  for (const [k, v] of Object.entries(draft.demographics ?? {})) out[`d.${k}`] = conv(v);
  return out;
}

function AnonymityBox({ scores, comments }: { scores: number; comments: number }) {
  const t = useT();
  return (
    <Paper withBorder p="md" bg="blue.0" component="section" aria-labelledby="anonymity-title" data-testid="anonymity">
      <Title order={2} size="h4" id="anonymity-title" mb="xs">
        {t("surveys.anonymity.title")}
      </Title>
      <List spacing={4} size="sm">
        <List.Item>{t("surveys.anonymity.stored")}</List.Item>
        <List.Item>{t("surveys.anonymity.participation")}</List.Item>
        <List.Item>{t("surveys.anonymity.threshold", { scores })}</List.Item>
        <List.Item>{t("surveys.anonymity.comments", { comments })}</List.Item>
        <List.Item>{t("surveys.anonymity.draft")}</List.Item>
      </List>
    </Paper>
  );
}

export default function AnswerSurvey() {
  const d = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>() as AnswerFailure | undefined;
  const navigation = useNavigation();
  const t = useT();
  const language = useLanguage();
  const { round } = d;
  const numbered = listQuestions(round.template);
  const errorOf = new Map((state?.errors ?? []).map((e) => [e.questionId, e.message]));
  const values: Record<string, FieldValue> = state?.values ?? draftValues(d.draft);
  const formError = state?.formError ? (isMessageKey(state.formError) ? t(state.formError as MessageKey) : state.formError) : null;
  const demoLabels: Record<string, MessageKey> = { unit: "surveys.demo.unit", tenure: "surveys.demo.tenure" };

  const header = (
    <>
      <Anchor component={Link} to="/surveys" size="sm">
        ← {t("surveys.backToList")}
      </Anchor>
      <Title order={1}>{round.title}</Title>
    </>
  );

  if (d.submitted) {
    return (
      <Stack maw={960}>
        {header}
        <Alert color="teal" title={t("surveys.thankYou")} data-testid="thank-you">
          {t("surveys.thankYouText")}
        </Alert>
        <AnonymityBox scores={round.thresholds.scores} comments={round.thresholds.comments} />
      </Stack>
    );
  }
  if (round.state !== "open" || !d.inAudience) {
    return (
      <Stack maw={960}>
        {header}
        <Alert color="gray" data-testid="not-open">
          {round.state !== "open" ? t("surveys.notOpen") : t("surveys.notInAudience")}
        </Alert>
      </Stack>
    );
  }

  return (
    <Stack maw={960}>
      {header}
      <SurveyNotice />
      {round.template.intro ? <Text>{round.template.intro}</Text> : null}
      <Text size="sm" fw={600} data-testid="closes-on">
        {t("surveys.closesOn", { date: formatRocDate(new Date(`${round.closesOn}T00:00:00+08:00`), language) })}
      </Text>
      <AnonymityBox scores={round.thresholds.scores} comments={round.thresholds.comments} />
      {d.progress ? (
        <Text size="sm" c="gray.7" data-testid="draft-progress">
          {t("surveys.draftProgress", d.progress)}
        </Text>
      ) : null}
      {formError ? (
        <Alert color="red" role="alert" data-testid="form-errors">
          {formError}
        </Alert>
      ) : null}
      {state?.errors?.length ? (
        <Alert color="red" role="alert" title={t("surveys.errorsTitle", { n: state.errors.length })} data-testid="form-errors">
          <List size="sm">
            {state.errors.map((e) => (
              <List.Item key={e.questionId}>
                <Anchor href={`#q-${e.questionId}`} size="sm">
                  {e.number ? t("surveys.questionNumber", { n: e.number }) : e.questionId}
                </Anchor>
                ：{e.message}
              </List.Item>
            ))}
          </List>
        </Alert>
      ) : null}
      <Form method="post" noValidate>
        <fieldset disabled={navigation.state === "submitting"} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
          <Stack gap="lg">
            {round.demographics.length ? (
              <Paper withBorder p="md" component="section" aria-labelledby="demographics-title">
                <Title order={2} size="h4" id="demographics-title">
                  {t("surveys.demographics")}
                </Title>
                <Text size="sm" c="gray.7" mb="sm">
                  {t("surveys.demographicsHint")}
                </Text>
                <Stack gap="md">
                  {round.demographics.map((q) => (
                    <DemographicField key={q.id} question={q} label={demoLabels[q.id] ? t(demoLabels[q.id]) : q.id} value={values[`d.${q.id}`]} />
                  ))}
                </Stack>
              </Paper>
            ) : null}
            {round.template.sections.map((section) => (
              <Paper key={section.id} withBorder p="md" component="section" aria-labelledby={`section-${section.id}`} data-testid="section">
                <Title order={2} size="h4" id={`section-${section.id}`} mb="xs">
                  {section.title}
                </Title>
                {section.description ? (
                  <Text size="sm" c="gray.7" mb="sm">
                    {section.description}
                  </Text>
                ) : null}
                <Stack gap="md">
                  {section.questions.map((question) => {
                    const number = numbered.find((n) => n.question.id === question.id)?.number ?? 0;
                    return <QuestionField key={question.id} question={question} number={number} value={values[`q.${question.id}`]} error={errorOf.get(question.id)} />;
                  })}
                </Stack>
              </Paper>
            ))}
            <Paper withBorder p="md">
              <Stack gap="xs">
                <Text size="sm" c="gray.7">
                  {t("surveys.submitHint")} {t("surveys.anonymity.draft")}
                </Text>
                <Group>
                  <Button type="submit" name="intent" value="submit">
                    {t("surveys.submit")}
                  </Button>
                  <Button type="submit" name="intent" value="save" variant="default">
                    {t("surveys.saveDraft")}
                  </Button>
                </Group>
              </Stack>
            </Paper>
          </Stack>
        </fieldset>
      </Form>
    </Stack>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
