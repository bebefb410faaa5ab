// 外部訓練遴派 (issue 5, Supervisors: "Outside training (遴派): nominate people to an external course,
// record the outcome and hours"; seed 基礎服務 3.(1) 「配合主管機關遴派人選參與訓練」). Completed
// courses count to the total in the year of their last day (README, Hours rules). Each nomination's
// outcome is its own small form, saved per row; one action dispatches on `intent`.
import { Alert, Button, Checkbox, Group, NativeSelect, Paper, SimpleGrid, Stack, Table, Text, TextInput, Textarea, Title } from "@mantine/core";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormErrorSummary, TextField, useFormFields } from "~/components/form-fields";
import { RocDate } from "~/components/roc-date";
import { HoursNotice } from "~/components/training-hours/hours-notice";
import { NominationOutcomeBadge } from "~/components/training-hours/parts";
import { useT } from "~/i18n/use-t";
import { requirePermission } from "~/modules/auth/guards.server";
import { parseForm, runCommand } from "~/modules/forms.server";
import { NOMINATION_OUTCOMES, formatHours } from "~/modules/training/hours";
import { listNominations } from "~/modules/training/hours-pages.server";
import { officeColleagues } from "~/modules/org/colleagues.server";
import { nominationOutcomeSchema, nominationSchema } from "~/modules/training/training.schema";
import { nominate, recordNominationOutcome } from "~/modules/training/training.server";

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "training.manage");
  const db = args.context.db;
  const [colleagues, nominations] = await Promise.all([officeColleagues(db, user.officeId), listNominations(db, user.officeId)]);
  return { colleagues, nominations };
}

export async function action(args: ActionFunctionArgs) {
  const user = await requirePermission(args, "training.manage");
  const db = args.context.db;
  const formData = await args.request.formData();
  const intent = formData.get("intent");
  if (intent === "nominate") {
    const parsed = parseForm(nominationSchema, formData);
    if (!parsed.ok) return data(parsed, { status: 400 });
    const outcome = await runCommand(formData, () => nominate(db, user, parsed.data));
    if (!outcome.ok) return outcome.response;
    throw redirect("/training/nominations?notice=nominated");
  }
  if (intent === "outcome") {
    const parsed = parseForm(nominationOutcomeSchema, formData);
    if (!parsed.ok) return data(parsed, { status: 400 });
    const { id, outcome: result, hours } = parsed.data;
    const outcome = await runCommand(formData, () => recordNominationOutcome(db, user, id, result, hours));
    if (!outcome.ok) return outcome.response;
    throw redirect(`/training/nominations?notice=outcomeSaved#nomination-${id}`);
  }
  throw new Response("Bad Request", { status: 400 });
}

export default function Nominations() {
  const { colleagues, nominations } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  const t = useT();
  const intent = state?.values?.intent;
  const failedId = intent === "outcome" ? Number(state?.values?.id) : NaN;

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <Title order={1}>{t("trainingHours.nominations.title")}</Title>
        <Button component={Link} to="/training/roster" variant="subtle">
          {t("trainingHours.links.roster")}
        </Button>
      </Group>
      <Text c="gray.7">{t("trainingHours.nominations.intro")}</Text>
      <HoursNotice />

      <NominateForm colleagues={colleagues} state={intent === "nominate" ? state : undefined} />

      <Paper withBorder p="lg" component="section" aria-labelledby="list-heading">
        <Stack gap="sm">
          <Title order={2} size="h3" id="list-heading">
            {t("trainingHours.nominations.list")}
          </Title>
          <Text size="sm" c="gray.7">
            {t("trainingHours.nominations.outcomeHint")}
          </Text>
          {intent === "outcome" && !nominations.some((n) => n.id === failedId) ? <FormErrorSummary state={state} /> : null}
          {nominations.length === 0 ? (
            <Text c="gray.7">{t("trainingHours.nominations.empty")}</Text>
          ) : (
            <Table.ScrollContainer minWidth={900}>
              <Table withTableBorder striped data-testid="nominations">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t("trainingHours.col.person")}</Table.Th>
                    <Table.Th scope="col">{t("trainingHours.col.course")}</Table.Th>
                    <Table.Th scope="col">{t("trainingHours.col.period")}</Table.Th>
                    <Table.Th scope="col">{t("trainingHours.col.outcome")}</Table.Th>
                    <Table.Th scope="col">{t("trainingHours.col.outcomeAndHours")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {nominations.map((n) => (
                    <Table.Tr key={n.id} id={`nomination-${n.id}`}>
                      <Table.Td style={{ whiteSpace: "nowrap" }}>
                        <Text size="sm" fw={600}>
                          {n.name}
                        </Text>
                        <Text size="xs" c="gray.7">
                          {n.employeeNo} {n.title}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        {n.course}
                        {n.organiser || n.note ? (
                          <Text size="xs" c="gray.7">
                            {[n.organiser, n.note].filter(Boolean).join("・")}
                          </Text>
                        ) : null}
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: "nowrap" }}>
                        <RocDate value={n.startsOn} />
                        {n.endsOn !== n.startsOn ? (
                          <>
                            <br />– <RocDate value={n.endsOn} />
                          </>
                        ) : null}
                      </Table.Td>
                      <Table.Td>
                        <NominationOutcomeBadge outcome={n.outcome} />
                      </Table.Td>
                      <Table.Td miw={330}>
                        <OutcomeForm nomination={n} state={failedId === n.id ? state : undefined} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Stack>
      </Paper>
    </Stack>
  );
}

function NominateForm({ colleagues, state }: { colleagues: { id: number; name: string; employeeNo: string; title: string }[]; state: Parameters<typeof useFormFields>[0] }) {
  const fields = useFormFields(state, {});
  const { t } = fields;
  const chosen = new Set(fields.listOf("userIds"));
  const peopleError = fields.errorOf("userIds");
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="nominate-heading">
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="nominate" />
        <Stack gap="sm">
          <Title order={2} size="h3" id="nominate-heading">
            {t("trainingHours.nominations.new")}
          </Title>
          <FormErrorSummary state={state} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextField fields={fields} name="course" label={t("trainingHours.nominations.course")} maxLength={120} required />
            <TextField fields={fields} name="organiser" label={t("trainingHours.nominations.organiser")} description={t("trainingHours.nominations.organiserHint")} maxLength={80} />
            <TextField fields={fields} name="startsOn" label={t("trainingHours.nominations.startsOn")} type="date" required />
            <TextField fields={fields} name="endsOn" label={t("trainingHours.nominations.endsOn")} type="date" required />
            <TextField fields={fields} name="hours" label={t("trainingHours.nominations.hours")} description={t("trainingHours.nominations.hoursHint")} type="number" inputMode="decimal" min={0} max={999} step={0.5} required />
          </SimpleGrid>
          <Textarea id="f-note" name="note" label={t("trainingHours.nominations.note")} defaultValue={fields.valueOf("note")} error={fields.errorOf("note")} maxLength={500} autosize minRows={2} />
          <fieldset style={{ border: 0, padding: 0, margin: 0 }} aria-describedby={peopleError ? "userIds-error" : undefined}>
            <legend>
              <Text fw={500} size="sm">
                {t("trainingHours.nominations.people")} <span aria-hidden="true" style={{ color: "var(--mantine-color-red-8)" }}>*</span>
              </Text>
            </legend>
            <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="xs" mt={6}>
              {colleagues.map((c) => (
                <Checkbox key={c.id} name="userIds" value={String(c.id)} defaultChecked={chosen.has(String(c.id))} label={`${c.name}（${c.employeeNo}・${c.title}）`} />
              ))}
            </SimpleGrid>
            {peopleError ? (
              <Text id="userIds-error" size="sm" c="red.8" mt={4}>
                {peopleError}
              </Text>
            ) : null}
          </fieldset>
          <Group>
            <Button type="submit">{t("trainingHours.nominations.submit")}</Button>
          </Group>
        </Stack>
      </Form>
    </Paper>
  );
}

function OutcomeForm({
  nomination,
  state,
}: {
  nomination: { id: number; name: string; course: string; outcome: (typeof NOMINATION_OUTCOMES)[number]; hours: number };
  state: Parameters<typeof useFormFields>[0];
}) {
  const fields = useFormFields(state, { outcome: nomination.outcome, hours: formatHours(nomination.hours) });
  const { t } = fields;
  const who = { name: nomination.name, course: nomination.course };
  return (
    <Form method="post" noValidate>
      <input type="hidden" name="intent" value="outcome" />
      <input type="hidden" name="id" value={nomination.id} />
      {fields.formError ? (
        <Alert color="red" p="xs" mb={6} role="alert">
          {fields.formError}
        </Alert>
      ) : null}
      <Group gap="xs" align="flex-start" wrap="nowrap">
        <NativeSelect
          id={`outcome-${nomination.id}`}
          name="outcome"
          size="xs"
          aria-label={t("trainingHours.nominations.outcomeFor", who)}
          data={NOMINATION_OUTCOMES.map((o) => ({ value: o, label: t(`nominationOutcome.${o}`) }))}
          defaultValue={fields.valueOf("outcome")}
          error={fields.errorOf("outcome")}
        />
        <TextInput
          id={`hours-${nomination.id}`}
          name="hours"
          size="xs"
          w={80}
          type="number"
          inputMode="decimal"
          min={0}
          max={999}
          step={0.5}
          aria-label={t("trainingHours.nominations.hoursFor", who)}
          rightSection={<Text size="xs">{t("trainingHours.hoursUnit")}</Text>}
          defaultValue={fields.valueOf("hours")}
          error={fields.errorOf("hours")}
        />
        <Button type="submit" size="xs" variant="light">
          {t("common.save")}
        </Button>
      </Group>
    </Form>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
