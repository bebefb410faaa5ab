// 新增調查 (issue 7, "A round per half-year … optional demographic question(s) chosen at launch"):
// the year (shown in the ROC calendar, 115年), 上半年 / 下半年, the dates it is open, and which
// background questions (課別, 年資) to ask. The office's standard questionnaire is copied onto it.
import { Anchor, Checkbox, Group, Radio, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormActions, FormErrorSummary, SelectField, TextField, useFormFields } from "~/components/form-fields";
import { useT } from "~/i18n/use-t";
import { requirePermission } from "~/modules/auth/guards.server";
import { parseForm, runCommand } from "~/modules/forms.server";
import { periodOf } from "~/modules/surveys/response-rate";
import { newRoundSchema } from "~/modules/surveys/survey-pages.server";
import { createRound } from "~/modules/surveys/surveys.server";

export async function loader(args: LoaderFunctionArgs) {
  await requirePermission(args, "surveys.manage");
  const now = periodOf(new Date());
  // Suggested dates: from today (Taipei) for two weeks.
  const day = (offset: number) => new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Taipei" }).format(new Date(Date.now() + offset * 86_400_000));
  return { year: now.year, half: now.half, years: [now.year - 1, now.year, now.year + 1], opensOn: day(0), closesOn: day(14) };
}

export async function action(args: ActionFunctionArgs) {
  const user = await requirePermission(args, "surveys.manage");
  const formData = await args.request.formData();
  const parsed = parseForm(newRoundSchema, formData);
  if (!parsed.ok) return data(parsed, { status: 400 });
  const outcome = await runCommand(formData, () => createRound(args.context.db, user, parsed.data));
  if (!outcome.ok) return outcome.response;
  throw redirect(`/surveys/${outcome.result}?notice=created`);
}

export default function NewSurvey() {
  const d = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  const fields = useFormFields(state, { year: String(d.year), half: String(d.half), opensOn: d.opensOn, closesOn: d.closesOn, demographicIds: ["unit", "tenure"] });
  const t = useT();
  const ticked = fields.listOf("demographicIds");
  const half = fields.valueOf("half");
  return (
    <Stack maw={720}>
      <Anchor component={Link} to="/surveys" size="sm">
        ← {t("surveys.backToList")}
      </Anchor>
      <Title order={1}>{t("surveys.newTitle")}</Title>
      <Text size="sm" c="gray.7">
        {t("surveys.newHint")}
      </Text>
      <FormErrorSummary state={state} />
      <Form method="post">
        <Stack>
          <SelectField fields={fields} name="year" label={t("surveys.field.year")} data={d.years.map((y) => ({ value: String(y), label: t("surveys.yearOption", { roc: y - 1911, year: y }) }))} required />
          <Radio.Group name="half" label={t("surveys.field.half")} defaultValue={half} error={fields.errorOf("half")} withAsterisk>
            <Group mt={4}>
              <Radio id="f-half-1" value="1" label={t("surveys.half.1")} />
              <Radio id="f-half-2" value="2" label={t("surveys.half.2")} />
            </Group>
          </Radio.Group>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextField fields={fields} name="opensOn" label={t("surveys.field.opensOn")} type="date" required />
            <TextField fields={fields} name="closesOn" label={t("surveys.field.closesOn")} type="date" required />
          </SimpleGrid>
          <Checkbox.Group label={t("surveys.field.demographics")} description={t("surveys.field.demographicsHint")} defaultValue={ticked} error={fields.errorOf("demographicIds")}>
            <Group mt={4}>
              <Checkbox id="f-demo-unit" name="demographicIds" value="unit" label={t("surveys.demo.unit")} />
              <Checkbox id="f-demo-tenure" name="demographicIds" value="tenure" label={t("surveys.demo.tenure")} />
            </Group>
          </Checkbox.Group>
          <FormActions cancelTo="/surveys" />
        </Stack>
      </Form>
    </Stack>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
