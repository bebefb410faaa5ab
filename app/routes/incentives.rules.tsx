// 獎勵規則 (issue 8, "Rules: key work item, points per unit or per rank/grade, cap per period, period,
// effective from/to. A past period is always scored with the rules in force then"): supervisors and
// the director list every version, add a new version from a date after the last closed day (the
// one in force then ends the day before; a version is never edited), apply the example rules to an
// office that has none, and set the reward thresholds (嘉獎一次/二次, 記功).
import { Alert, Badge, Button, Group, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { FormErrorSummary, SelectField, TextField, useFormFields } from "~/components/form-fields";
import { IncentivesNav, ScoringText, pointsText } from "~/components/incentives/parts";
import { RocDate } from "~/components/roc-date";
import { useT } from "~/i18n/use-t";
import { requirePermission } from "~/modules/auth/guards.server";
import { PERIOD_KIND_LABELS } from "~/modules/counters/periods";
import { formFailure, parseForm, runCommand } from "~/modules/forms.server";
import { applyExampleRules, frozenThrough, getRewardThresholds, listRules, ruleSchema, saveRewardThresholds, saveRuleVersion, thresholdsSchema } from "~/modules/incentives/incentives.server";

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "incentives.manage");
  const db = args.context.db;
  const [rules, frozen, settings] = await Promise.all([listRules(db, user.officeId), frozenThrough(db, user.officeId), getRewardThresholds(db, user.officeId)]);
  return {
    rules: rules.map((r) => ({ ...r, periodLabel: PERIOD_KIND_LABELS[r.periodKind] })),
    frozenThrough: frozen,
    thresholds: settings.thresholds,
    thresholdsDefault: settings.isDefault,
  };
}

export async function action(args: ActionFunctionArgs) {
  const user = await requirePermission(args, "incentives.manage");
  const db = args.context.db;
  const formData = await args.request.formData();
  switch (formData.get("intent")) {
    case "examples": {
      const outcome = await runCommand(formData, () => applyExampleRules(db, user));
      if (!outcome.ok) return outcome.response;
      throw redirect("/incentives/rules?notice=saved");
    }
    case "version": {
      const parsed = parseForm(ruleSchema, formData);
      if (!parsed.ok) return data(parsed, { status: 400 });
      const outcome = await runCommand(formData, () => saveRuleVersion(db, user, parsed.data));
      if (!outcome.ok) return outcome.response;
      throw redirect("/incentives/rules?notice=saved");
    }
    case "thresholds": {
      const parsed = parseForm(thresholdsSchema, formData);
      if (!parsed.ok) return data(parsed, { status: 400 });
      const list = parsed.data.reward
        .map((reward, i) => ({ reward, minPoints: Number(parsed.data.minPoints[i] ?? "") }))
        .filter((th, i) => th.reward !== "" || (parsed.data.minPoints[i] ?? "").trim() !== "");
      if (list.some((th) => !Number.isFinite(th.minPoints))) return data(formFailure(formData, { _form: "incentives.errors.thresholdNumber" }), { status: 400 });
      const outcome = await runCommand(formData, () => saveRewardThresholds(db, user, list));
      if (!outcome.ok) return outcome.response;
      throw redirect("/incentives/rules?notice=saved");
    }
    default:
      throw new Response("Bad Request", { status: 400 });
  }
}

export default function IncentiveRules() {
  const d = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  const t = useT();
  const intent = state && "values" in state ? state.values?.intent : undefined;
  return (
    <Stack gap="lg">
      <Title order={1}>{t("incentives.rules.title")}</Title>
      <IncentivesNav canManage />
      <Text>{t("incentives.rules.intro")}</Text>
      {d.frozenThrough ? <Alert color="blue">{t("incentives.rules.frozen", { date: d.frozenThrough })}</Alert> : null}
      {intent === "examples" ? <FormErrorSummary state={state} /> : null}

      {d.rules.length === 0 ? (
        <Paper withBorder p="md" data-testid="no-rules">
          <Text mb="sm">{t("incentives.rules.none")}</Text>
          <Form method="post">
            <input type="hidden" name="intent" value="examples" />
            <Button type="submit">{t("incentives.rules.applyExamples")}</Button>
          </Form>
        </Paper>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table striped withTableBorder data-testid="rules">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("incentives.rules.col.item")}</Table.Th>
                <Table.Th>{t("incentives.rules.col.scoring")}</Table.Th>
                <Table.Th>{t("incentives.rules.col.cap")}</Table.Th>
                <Table.Th>{t("incentives.rules.col.from")}</Table.Th>
                <Table.Th>{t("incentives.rules.col.to")}</Table.Th>
                <Table.Th>{t("incentives.rules.col.state")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {d.rules.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>
                    {r.label}
                    <Text span size="xs" c="gray.7" ml={4}>
                      {r.item}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <ScoringText scoring={r.scoring} />
                  </Table.Td>
                  <Table.Td>{r.capPerPeriod === null ? t("incentives.rules.noCap", { period: r.periodLabel }) : t("incentives.rules.cap", { n: pointsText(r.capPerPeriod), period: r.periodLabel })}</Table.Td>
                  <Table.Td>
                    <RocDate value={r.effectiveFrom} />
                  </Table.Td>
                  <Table.Td>{r.effectiveTo ? <RocDate value={r.effectiveTo} /> : "—"}</Table.Td>
                  <Table.Td>
                    {r.effectiveTo ? <Badge color="gray">{t("incentives.rules.ended")}</Badge> : <Badge color="green">{t("incentives.rules.inForce")}</Badge>}
                    {r.used ? (
                      <Text span size="xs" c="gray.7" ml={4}>
                        {t("incentives.rules.used")}
                      </Text>
                    ) : null}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}

      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <VersionForm state={intent === "version" ? state : undefined} />
        <ThresholdsForm state={intent === "thresholds" ? state : undefined} thresholds={d.thresholds} isDefault={d.thresholdsDefault} />
      </SimpleGrid>
    </Stack>
  );
}

function VersionForm({ state }: { state: Parameters<typeof useFormFields>[0] }) {
  const fields = useFormFields(state, { kind: "per_unit", periodKind: "month" });
  const { t } = fields;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="version-heading">
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="version" />
        <Stack gap="xs">
          <Title order={2} size="h3" id="version-heading">
            {t("incentives.version.title")}
          </Title>
          <Text size="sm" c="gray.7">
            {t("incentives.version.hint")}
          </Text>
          <FormErrorSummary state={state} />
          <SimpleGrid cols={2}>
            <TextField fields={fields} name="item" label={t("incentives.version.item")} description={t("incentives.version.itemHint")} required />
            <TextField fields={fields} name="label" label={t("incentives.version.label")} required />
          </SimpleGrid>
          <SelectField
            fields={fields}
            name="kind"
            label={t("incentives.version.kind")}
            data={(["per_unit", "rank", "grade", "points"] as const).map((k) => ({ value: k, label: t(`incentives.kind.${k}`) }))}
          />
          <SimpleGrid cols={2}>
            <TextField fields={fields} name="pointsPerUnit" label={t("incentives.version.pointsPerUnit")} type="number" step="any" />
            <TextField fields={fields} name="table" label={t("incentives.version.table")} description={t("incentives.version.tableHint")} />
            <TextField fields={fields} name="capPerPeriod" label={t("incentives.version.cap")} description={t("incentives.version.capHint")} type="number" step="any" min={0} />
            <SelectField fields={fields} name="periodKind" label={t("incentives.version.period")} data={Object.entries(PERIOD_KIND_LABELS).map(([value, label]) => ({ value, label }))} />
          </SimpleGrid>
          <TextField fields={fields} name="effectiveFrom" label={t("incentives.version.from")} type="date" required />
          <Group>
            <Button type="submit">{t("incentives.version.submit")}</Button>
          </Group>
        </Stack>
      </Form>
    </Paper>
  );
}

function ThresholdsForm({ state, thresholds, isDefault }: { state: Parameters<typeof useFormFields>[0]; thresholds: { reward: string; minPoints: number }[]; isDefault: boolean }) {
  const fields = useFormFields(state, {});
  const { t } = fields;
  const rows = [...thresholds, { reward: "", minPoints: NaN }];
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="thresholds-heading">
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="thresholds" />
        <Stack gap="xs">
          <Title order={2} size="h3" id="thresholds-heading">
            {t("incentives.thresholds.title")}
          </Title>
          <Text size="sm" c="gray.7">
            {isDefault ? t("incentives.thresholds.default") : t("incentives.thresholds.hint")}
          </Text>
          <FormErrorSummary state={state} />
          {rows.map((r, i) => (
            <Group key={i} grow>
              <TextInput name="reward" label={t("incentives.thresholds.reward")} defaultValue={r.reward} />
              <TextInput name="minPoints" label={t("incentives.thresholds.min")} type="number" step="any" defaultValue={Number.isFinite(r.minPoints) ? String(r.minPoints) : ""} />
            </Group>
          ))}
          <Group>
            <Button type="submit">{t("incentives.thresholds.submit")}</Button>
          </Group>
        </Stack>
      </Form>
    </Paper>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
