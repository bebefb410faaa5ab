import { Alert, Box, Button, Checkbox, Fieldset, Group, NativeSelect, Paper, Radio, SimpleGrid, Stack, Text, TextInput, Textarea } from "@mantine/core";
import { Form, Link } from "@remix-run/react";
import { Fragment, useEffect, useRef, useState } from "react";
import { CheckboxField, FormErrorSummary, SelectField, TextField, useFormFields, type FormState } from "~/components/form-fields";
import { AUDIENCE_ROLES } from "~/modules/quizzes/quizzes.schema";
import { QuestionPicker, type PickerQuestion } from "./question-picker";

/** Empty random-rule rows offered, so rules can be added without JavaScript. */
const RULE_ROWS = 5;

export interface QuizFormDefaults {
  title: string;
  description: string;
  selection: "fixed" | "random";
  questionIds: string[];
  points: Record<string, string>;
  rules: { category: string; count: number }[];
  shuffleQuestions: boolean;
  shuffleAnswers: boolean;
  timeLimitMinutes: number | null;
  opensDate: string;
  opensTime: string;
  closesDate: string;
  closesTime: string;
  attemptsAllowed: number;
  grading: "highest" | "last";
  passPercent: number;
  feedbackTiming: "after_submit" | "after_close";
  audience: "office" | "roles" | "people";
  audienceRoles: string[];
  audienceUserIds: string[];
  published: boolean;
}

export const NEW_QUIZ_DEFAULTS: QuizFormDefaults = {
  title: "",
  description: "",
  selection: "random",
  questionIds: [],
  points: {},
  rules: [],
  shuffleQuestions: true,
  shuffleAnswers: true,
  timeLimitMinutes: 20,
  opensDate: "",
  opensTime: "",
  closesDate: "",
  closesTime: "",
  attemptsAllowed: 1,
  grading: "highest",
  passPercent: 60,
  feedbackTiming: "after_submit",
  audience: "office",
  audienceRoles: [],
  audienceUserIds: [],
  published: false,
};

interface QuizFormProps {
  state: FormState | undefined;
  defaults: QuizFormDefaults;
  questions: PickerQuestion[];
  categories: { category: string; questionCount: number }[];
  members: { id: number; employeeNo: string; name: string; title: string }[];
  /** Someone has taken the quiz: its questions, selection, pass mark and grading are fixed. */
  locked: boolean;
  cancelTo: string;
}

function FieldError({ message }: { message: string | undefined }) {
  if (!message) return null;
  return (
    <Text c="red.8" size="sm" mt={4} role="alert">
      {message}
    </Text>
  );
}

export function QuizForm({ state, defaults, questions, categories, members, locked, cancelTo }: QuizFormProps) {
  const { points: _points, rules: _rules, ...plainDefaults } = defaults;
  const fields = useFormFields(state, plainDefaults);
  const { t } = fields;
  // Without JavaScript both question sections and every audience list show; with it, only the chosen one.
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const [selection, setSelection] = useState(fields.valueOf("selection") || defaults.selection);
  const [audience, setAudience] = useState(fields.valueOf("audience") || defaults.audience);

  const typedPoints: Record<string, string> = {};
  for (const [k, v] of Object.entries(state?.values ?? {})) if (k.startsWith("points.")) typedPoints[k.slice(7)] = Array.isArray(v) ? (v[0] ?? "") : v;
  const points = state?.values ? typedPoints : defaults.points;

  const ruleCategories = state?.values ? fields.listOf("ruleCategory") : defaults.rules.map((r) => r.category);
  const ruleCounts = state?.values ? fields.listOf("ruleCount") : defaults.rules.map((r) => String(r.count));
  const ruleRows = Math.max(RULE_ROWS, ruleCategories.length);
  const ruleError = Object.entries(state?.errors ?? {}).find(([k]) => k === "rules" || k.startsWith("rules."))?.[1];
  const ruleErrorText = ruleError ? fields.errorOf(Object.entries(state!.errors!).find(([, v]) => v === ruleError)![0]) : undefined;

  // After a refused submission, take the reader to the summary of what to fix (with or without JavaScript).
  const summaryRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (state?.errors && summaryRef.current) {
      summaryRef.current.focus();
      summaryRef.current.scrollIntoView({ block: "start" });
    }
  }, [state]);

  const roles = fields.listOf("audienceRoles");
  const people = fields.listOf("audienceUserIds");
  const show = (active: boolean) => (!hydrated || active ? undefined : "none");

  return (
    <Paper withBorder p="lg">
      <Form method="post" noValidate>
        <Stack gap="lg">
          <div ref={summaryRef} tabIndex={-1} style={{ outline: "none", scrollMarginTop: 80 }}>
            <FormErrorSummary state={state} />
          </div>

          <Fieldset legend={t("quizAdmin.section.basics")}>
            <Stack>
              <TextField fields={fields} name="title" label={t("quizAdmin.title")} required placeholder="115年12月份法令測驗" />
              <Textarea id="f-description" name="description" label={t("quizAdmin.description")} defaultValue={fields.valueOf("description")} error={fields.errorOf("description")} autosize minRows={2} />
            </Stack>
          </Fieldset>

          <Fieldset legend={t("quizAdmin.section.questions")}>
            <Stack>
              {locked ? (
                <>
                  <Alert color="yellow" data-testid="locked-note">
                    {t("quizAdmin.lockedQuestions")}
                  </Alert>
                  {/* The locked controls are disabled (not posted): their saved values travel here. */}
                  <input type="hidden" name="selection" value={defaults.selection} />
                  <input type="hidden" name="grading" value={defaults.grading} />
                  {defaults.questionIds.map((id) => (
                    <Fragment key={id}>
                      <input type="hidden" name="questionIds" value={id} />
                      <input type="hidden" name={`points.${id}`} value={defaults.points[id] ?? "1"} />
                    </Fragment>
                  ))}
                  {defaults.rules.map((r, i) => (
                    <Fragment key={i}>
                      <input type="hidden" name="ruleCategory" value={r.category} />
                      <input type="hidden" name="ruleCount" value={String(r.count)} />
                    </Fragment>
                  ))}
                </>
              ) : null}
              <Radio.Group label={t("quizAdmin.selection")} description={t("quizAdmin.selectionHint")} value={selection} onChange={setSelection} name="selection">
                <Group mt="xs">
                  <Radio value="random" label={t("quizAdmin.selection.random")} disabled={locked} id="f-selection-random" />
                  <Radio value="fixed" label={t("quizAdmin.selection.fixed")} disabled={locked} id="f-selection-fixed" />
                </Group>
              </Radio.Group>

              <Box style={{ display: show(selection === "random") }} data-testid="random-rules">
                <Text fw={600} size="sm">
                  {t("quizAdmin.randomRules")}
                </Text>
                <Text size="sm" c="gray.7" mb="xs">
                  {t("quizAdmin.randomHint")}
                </Text>
                <Stack gap="xs">
                  {Array.from({ length: ruleRows }, (_, i) => (
                    <Group key={i} align="flex-end" wrap="nowrap">
                      <NativeSelect
                        name="ruleCategory"
                        label={`${t("quizAdmin.ruleCategory")}（${t("quizAdmin.ruleRow", { n: i + 1 })}）`}
                        defaultValue={ruleCategories[i] ?? ""}
                        disabled={locked}
                        error={Boolean(state?.errors?.[`rules.${i}.category`])}
                        data={[
                          { value: "", label: t("quizAdmin.chooseCategory") },
                          ...categories.map((c) => ({ value: c.category, label: t("quizAdmin.categoryOption", { category: c.category, count: c.questionCount }) })),
                        ]}
                        style={{ flex: 1 }}
                      />
                      <TextInput
                        name="ruleCount"
                        label={t("quizAdmin.ruleCount")}
                        defaultValue={ruleCounts[i] ?? ""}
                        inputMode="numeric"
                        disabled={locked}
                        error={Boolean(state?.errors?.[`rules.${i}.count`])}
                        w={110}
                      />
                    </Group>
                  ))}
                </Stack>
                <FieldError message={ruleErrorText} />
              </Box>

              <Box style={{ display: show(selection === "fixed") }} data-testid="fixed-questions">
                <Text fw={600} size="sm">
                  {t("quizAdmin.pickQuestions")}
                </Text>
                <Text size="sm" c="gray.7" mb="xs">
                  {t("quizAdmin.pickHint")}
                </Text>
                <QuestionPicker
                  questions={questions}
                  selected={fields.listOf("questionIds").map(Number)}
                  points={points}
                  disabled={locked}
                  pointsError={(id) => fields.errorOf(`points.${id}`)}
                />
                <FieldError message={fields.errorOf("questionIds")} />
              </Box>
            </Stack>
          </Fieldset>

          <Fieldset legend={t("quizAdmin.section.taking")}>
            <Stack>
              <Group>
                <CheckboxField fields={fields} name="shuffleQuestions" label={t("quizAdmin.shuffleQuestions")} />
                <CheckboxField fields={fields} name="shuffleAnswers" label={t("quizAdmin.shuffleAnswers")} />
              </Group>
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextField fields={fields} name="timeLimitMinutes" label={t("quizAdmin.timeLimitField")} inputMode="numeric" />
                <TextField fields={fields} name="attemptsAllowed" label={t("quizAdmin.attemptsField")} inputMode="numeric" required />
                <NativeSelect
                  id="f-grading"
                  name={locked ? undefined : "grading"}
                  label={t("quizAdmin.grading")}
                  defaultValue={fields.valueOf("grading")}
                  error={fields.errorOf("grading")}
                  disabled={locked}
                  required
                  data={[
                    { value: "highest", label: t("quizAdmin.grading.highest") },
                    { value: "last", label: t("quizAdmin.grading.last") },
                  ]}
                />
                <TextField fields={fields} name="passPercent" label={t("quizAdmin.passField")} inputMode="numeric" required readOnly={locked} variant={locked ? "filled" : "default"} />
                <SelectField
                  fields={fields}
                  name="feedbackTiming"
                  label={t("quizAdmin.feedbackTiming")}
                  data={[
                    { value: "after_submit", label: t("quizAdmin.feedback.after_submit") },
                    { value: "after_close", label: t("quizAdmin.feedback.after_close") },
                  ]}
                  required
                />
              </SimpleGrid>
            </Stack>
          </Fieldset>

          <Fieldset legend={t("quizAdmin.section.window")}>
            <Text size="sm" c="gray.7" mb="xs" id="window-hint">
              {t("quizAdmin.windowHint")}
            </Text>
            <SimpleGrid cols={{ base: 2, sm: 4 }}>
              <TextField fields={fields} name="opensDate" label={t("quizAdmin.opensDate")} type="date" aria-describedby="window-hint" />
              <TextField fields={fields} name="opensTime" label={t("quizAdmin.opensTime")} type="time" />
              <TextField fields={fields} name="closesDate" label={t("quizAdmin.closesDate")} type="date" aria-describedby="window-hint" />
              <TextField fields={fields} name="closesTime" label={t("quizAdmin.closesTime")} type="time" />
            </SimpleGrid>
          </Fieldset>

          <Fieldset legend={t("quizAdmin.section.audience")}>
            <Stack>
              <Radio.Group value={audience} onChange={setAudience} name="audience" label={t("quizAdmin.section.audience")}>
                <Group mt="xs">
                  <Radio value="office" label={t("quizAdmin.audience.office")} id="f-audience-office" />
                  <Radio value="roles" label={t("quizAdmin.audience.roles")} id="f-audience-roles" />
                  <Radio value="people" label={t("quizAdmin.audience.people")} id="f-audience-people" />
                </Group>
              </Radio.Group>
              <Box style={{ display: show(audience === "roles") }}>
                <Text fw={600} size="sm" mb={4}>
                  {t("quizAdmin.audienceRoles")}
                </Text>
                <Group>
                  {AUDIENCE_ROLES.map((role) => (
                    <Checkbox key={role} name="audienceRoles" value={role} label={t(`role.${role}`)} defaultChecked={roles.includes(role)} />
                  ))}
                </Group>
                <FieldError message={fields.errorOf("audienceRoles")} />
              </Box>
              <Box style={{ display: show(audience === "people") }}>
                <Text fw={600} size="sm" mb={4}>
                  {t("quizAdmin.audiencePeople")}
                </Text>
                <Box style={{ maxHeight: 260, overflowY: "auto", border: "1px solid var(--mantine-color-gray-4)", borderRadius: 4 }} p="sm" tabIndex={0} role="group" aria-label={t("quizAdmin.audiencePeople")}>
                  <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs">
                    {members.map((m) => (
                      <Checkbox key={m.id} name="audienceUserIds" value={String(m.id)} label={`${m.name}（${m.employeeNo}，${m.title}）`} defaultChecked={people.includes(String(m.id))} />
                    ))}
                  </SimpleGrid>
                </Box>
                <FieldError message={fields.errorOf("audienceUserIds")} />
              </Box>
            </Stack>
          </Fieldset>

          <Fieldset legend={t("quizAdmin.section.publish")}>
            <CheckboxField fields={fields} name="published" label={t("quizAdmin.published")} />
            <Text size="sm" c="gray.7" mt={4}>
              {t("quizAdmin.publishHint")}
            </Text>
          </Fieldset>

          <Group>
            <Button type="submit">{t("common.save")}</Button>
            <Button component={Link} to={cancelTo} variant="default">
              {t("common.cancel")}
            </Button>
          </Group>
        </Stack>
      </Form>
    </Paper>
  );
}
