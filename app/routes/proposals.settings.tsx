// 提案審查設定: the office committee's rubric (criteria and weights summing to 100), the reward grade
// thresholds (甲 > 乙 > 丙), the quorum rule (半數 or 過半數, README "Readings of Taiwanese practice")
// and after how many days a waiting proposal is shown in red. For the 召集人 and the director.
import { Alert, Button, Fieldset, Group, Paper, Radio, SimpleGrid, Stack, Text, TextInput, Title } from "@mantine/core";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { FormErrorSummary, useFormFields } from "~/components/form-fields";
import { Notice } from "~/components/notice";
import { requirePermission } from "~/modules/auth/guards.server";
import { formFailure, runCommand, unstorableFieldErrors } from "~/modules/forms.server";
import { settingsFromForm, settingsSchema } from "~/modules/proposals/proposals.schema";
import { getProposalSettings, saveProposalSettings } from "~/modules/proposals/proposals.server";

/** Rows offered for criteria; the paper 評分表 has four, two spare rows allow more without JavaScript. */
const CRITERION_ROWS = 6;
const GRADES = ["甲", "乙", "丙"] as const;

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "proposals.settings");
  const settings = await getProposalSettings(args.context.db, user.officeId);
  const defaults: Record<string, string> = {
    quorumRule: settings.quorumRule,
    stageAlertDays: String(settings.stageAlertDays),
  };
  Object.entries(settings.rubricWeights).forEach(([criterion, weight], i) => {
    defaults[`criterion_${i}`] = criterion;
    defaults[`weight_${i}`] = String(weight);
  });
  for (const grade of GRADES) defaults[`grade_${grade}`] = String(settings.gradeThresholds[grade]);
  return { defaults };
}

export async function action(args: ActionFunctionArgs) {
  const user = await requirePermission(args, "proposals.settings");
  const formData = await args.request.formData();
  const unstorable = unstorableFieldErrors(formData);
  if (Object.keys(unstorable).length > 0) return data(formFailure(formData, unstorable), { status: 400 });
  // The form posts criterion_0/weight_0 …; settingsFromForm shapes them (blank rows dropped) for the schema.
  const parsed = settingsSchema.safeParse(settingsFromForm(formData));
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) {
      // Criteria rows are renumbered once blank rows are dropped, so their errors show for the whole table.
      const path = issue.path.map(String);
      const field = path[0] === "criteria" ? "criteria" : path.join(".") || "_form";
      errors[field] ??= issue.message.startsWith("errors.") ? issue.message : "errors.invalid";
    }
    return data(formFailure(formData, errors), { status: 400 });
  }
  const outcome = await runCommand(formData, () => saveProposalSettings(args.context.db, user, parsed.data));
  if (!outcome.ok) return outcome.response;
  throw redirect("/proposals/settings?notice=saved");
}

function weightSum(form: HTMLFormElement | null): number {
  if (!form) return 0;
  let sum = 0;
  for (let i = 0; i < CRITERION_ROWS; i++) {
    const value = Number((form.elements.namedItem(`weight_${i}`) as HTMLInputElement | null)?.value || 0);
    if (Number.isFinite(value)) sum += value;
  }
  return sum;
}

export default function ProposalSettings() {
  const { defaults } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  const fields = useFormFields(state, defaults);
  const { t } = fields;
  const formRef = useRef<HTMLFormElement>(null);
  const [sum, setSum] = useState<number | null>(null);
  useEffect(() => setSum(weightSum(formRef.current)), [state]);
  const criteriaError = fields.errorOf("criteria");
  const thresholdError = fields.errorOf("gradeThresholds");

  return (
    <Stack maw={860}>
      <Title order={1}>{t("proposals.settings.title")}</Title>
      <Text c="gray.7">{t("proposals.settings.intro")}</Text>
      <Notice />
      <Paper withBorder p="lg">
        <Form method="post" noValidate ref={formRef} onChange={() => setSum(weightSum(formRef.current))}>
          <Stack gap="lg">
            <FormErrorSummary state={state} />

            <Fieldset legend={t("proposals.settings.rubric")}>
              <Stack gap="sm">
                <Text size="sm" c="gray.7">
                  {t("proposals.settings.rubricHint")}
                </Text>
                {Array.from({ length: CRITERION_ROWS }, (_, i) => (
                  <Group key={i} gap="sm" align="flex-end" wrap="nowrap">
                    <TextInput
                      id={`f-criterion_${i}`}
                      name={`criterion_${i}`}
                      label={t("proposals.settings.criterion", { n: i + 1 })}
                      defaultValue={fields.valueOf(`criterion_${i}`)}
                      maxLength={20}
                      style={{ flex: 1 }}
                    />
                    <TextInput
                      id={`f-weight_${i}`}
                      name={`weight_${i}`}
                      label={t("proposals.settings.weight", { n: i + 1 })}
                      defaultValue={fields.valueOf(`weight_${i}`)}
                      type="number"
                      inputMode="decimal"
                      min={0}
                      max={100}
                      w={120}
                    />
                  </Group>
                ))}
                {sum !== null ? (
                  <Text size="sm" fw={600} c={Math.abs(sum - 100) < 1e-9 ? "teal.8" : "red.8"} aria-live="polite" data-testid="weight-sum">
                    {t("proposals.settings.sum", { sum })}
                  </Text>
                ) : null}
                {criteriaError ? (
                  <Alert color="red" p="xs" role="alert" data-testid="criteria-error">
                    {criteriaError}
                  </Alert>
                ) : null}
              </Stack>
            </Fieldset>

            <Fieldset legend={t("proposals.settings.grades")}>
              <Stack gap="sm">
                <Text size="sm" c="gray.7">
                  {t("proposals.settings.gradesHint")}
                </Text>
                <SimpleGrid cols={{ base: 1, sm: 3 }}>
                  {GRADES.map((grade) => (
                    <TextInput
                      key={grade}
                      id={`f-grade_${grade}`}
                      name={`grade_${grade}`}
                      label={t("proposals.settings.gradeLabel", { grade })}
                      defaultValue={fields.valueOf(`grade_${grade}`)}
                      error={fields.errorOf(`gradeThresholds.${grade}`)}
                      type="number"
                      inputMode="decimal"
                      min={0}
                      max={100}
                      required
                    />
                  ))}
                </SimpleGrid>
                {thresholdError ? (
                  <Alert color="red" p="xs" role="alert" data-testid="threshold-error">
                    {thresholdError}
                  </Alert>
                ) : null}
              </Stack>
            </Fieldset>

            <Fieldset legend={t("proposals.settings.quorum")}>
              <Radio.Group name="quorumRule" defaultValue={fields.valueOf("quorumRule")} error={fields.errorOf("quorumRule")} aria-describedby="quorum-hint">
                <Stack gap="xs">
                  <Radio value="at_least_half" label={t("proposals.settings.quorum.at_least_half")} />
                  <Radio value="more_than_half" label={t("proposals.settings.quorum.more_than_half")} />
                </Stack>
              </Radio.Group>
              <Text size="sm" c="gray.7" mt="sm" id="quorum-hint">
                {t("proposals.settings.quorumHint")}
              </Text>
            </Fieldset>

            <Fieldset legend={t("proposals.settings.stageAlertDays")}>
              <TextInput
                id="f-stageAlertDays"
                name="stageAlertDays"
                label={t("proposals.settings.stageAlertDays")}
                description={t("proposals.settings.stageAlertDaysHint")}
                defaultValue={fields.valueOf("stageAlertDays")}
                error={fields.errorOf("stageAlertDays")}
                type="number"
                inputMode="numeric"
                min={1}
                max={365}
                w={260}
                required
              />
            </Fieldset>

            <Group>
              <Button type="submit">{t("common.save")}</Button>
            </Group>
          </Stack>
        </Form>
      </Paper>
    </Stack>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
