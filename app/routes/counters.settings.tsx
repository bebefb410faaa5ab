// 櫃台績效評比設定 (issue 8): case types with versions from a date (weight, standard minutes), the
// ranking settings (weights, minimum staffed days a month, shrinkage k), staffed-hour adjustments
// (leave, back-office work), served cases entered by hand per day (手動登錄每日件數) and corrections found by the registration review (審查制度).
// Supervisors and the director ("counters.manage"); the rules are in counters.server.ts.
import { Alert, Button, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { fmt } from "~/components/counters/parts";
import { FormErrorSummary, SelectField, TextField, useFormFields, type FormState } from "~/components/form-fields";
import type { MessageKey } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { requirePermission } from "~/modules/auth/guards.server";
import { listOfficeCounters, listOfficePeople, listRecentAdjustments, listRecentCorrections } from "~/modules/counters/counter-pages.server";
import {
  addStaffedHoursAdjustment,
  getRankingSettings,
  listCaseTypeVersions,
  listRecentDailyTotals,
  recordCorrection,
  saveCaseType,
  saveDailyTotal,
  saveRankingSettings,
} from "~/modules/counters/counters.server";
import { parseForm, runCommand } from "~/modules/forms.server";

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const num = z.coerce.number({ invalid_type_error: "errors.invalid" });

const caseTypeSchema = z.object({
  name: z.string().trim().min(1, "errors.required").max(40),
  code: z.string().trim().max(20).optional(),
  weight: num.positive("errors.invalid").max(100),
  standardMinutes: num.positive("errors.invalid").max(600),
  effectiveFrom: z.string().regex(DATE, "errors.invalid"),
});

const rankingSchema = z.object({
  productivity: num.min(0).max(100),
  handling: num.min(0).max(100),
  quality: num.min(0).max(100),
  minStaffedDays: num.int().min(0).max(31),
  shrinkageCases: num.min(0).max(10000),
});

const adjustmentSchema = z.object({
  userId: num.int().positive("errors.required"),
  day: z.string().regex(DATE, "errors.invalid"),
  mode: z.enum(["set", "add"]),
  hours: num.min(-24).max(24),
  reason: z.string().trim().min(1, "errors.required").max(200),
});

const correctionSchema = z.object({
  userId: num.int().positive("errors.required"),
  day: z.string().regex(DATE, "errors.invalid"),
  count: num.int().min(1).max(999),
  counterId: z.preprocess((v) => (v === "" ? undefined : v), num.int().positive().optional()),
  note: z.string().trim().max(300).optional(),
});

const dailyTotalSchema = z.object({
  userId: num.int().positive("errors.required"),
  counterId: num.int().positive("errors.required"),
  day: z.string().regex(DATE, "errors.invalid"),
  caseType: z.string().trim().min(1, "errors.required").max(40),
  served: num.int("errors.invalid").min(1, "errors.invalid").max(9999, "errors.invalid"),
  note: z.string().trim().max(300).optional(),
});

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "counters.manage");
  const db = args.context.db;
  return {
    caseTypes: await listCaseTypeVersions(db, user.officeId),
    settings: await getRankingSettings(db, user.officeId),
    people: await listOfficePeople(db, user.officeId),
    counters: await listOfficeCounters(db, user.officeId),
    adjustments: await listRecentAdjustments(db, user.officeId),
    corrections: await listRecentCorrections(db, user.officeId),
    dailyTotals: await listRecentDailyTotals(db, user.officeId),
  };
}

export async function action(args: ActionFunctionArgs) {
  const user = await requirePermission(args, "counters.manage");
  const db = args.context.db;
  const formData = await args.request.formData();
  const intent = formData.get("intent");
  const done = (notice: string) => redirect(`/counters/settings?notice=${notice}`);
  if (intent === "caseType") {
    const parsed = parseForm(caseTypeSchema, formData);
    if (!parsed.ok) return data(parsed, { status: 400 });
    const outcome = await runCommand(formData, () => saveCaseType(db, user, parsed.data));
    if (!outcome.ok) return outcome.response;
    throw done("caseType");
  }
  if (intent === "ranking") {
    const parsed = parseForm(rankingSchema, formData);
    if (!parsed.ok) return data(parsed, { status: 400 });
    const { productivity, handling, quality, minStaffedDays, shrinkageCases } = parsed.data;
    const outcome = await runCommand(formData, () => saveRankingSettings(db, user, { weights: { productivity, handling, quality }, minStaffedDays, shrinkageCases }));
    if (!outcome.ok) return outcome.response;
    throw done("ranking");
  }
  if (intent === "adjustment") {
    const parsed = parseForm(adjustmentSchema, formData);
    if (!parsed.ok) return data(parsed, { status: 400 });
    const outcome = await runCommand(formData, () => addStaffedHoursAdjustment(db, user, parsed.data));
    if (!outcome.ok) return outcome.response;
    throw done("adjustment");
  }
  if (intent === "correction") {
    const parsed = parseForm(correctionSchema, formData);
    if (!parsed.ok) return data(parsed, { status: 400 });
    const outcome = await runCommand(formData, () => recordCorrection(db, user, parsed.data));
    if (!outcome.ok) return outcome.response;
    throw done("correction");
  }
  if (intent === "dailyTotal") {
    const parsed = parseForm(dailyTotalSchema, formData);
    if (!parsed.ok) return data(parsed, { status: 400 });
    const outcome = await runCommand(formData, () => saveDailyTotal(db, user, parsed.data));
    if (!outcome.ok) return outcome.response;
    throw done("dailyTotal");
  }
  throw new Response("Bad Request", { status: 400 });
}

const NOTICES: Record<string, MessageKey> = {
  caseType: "counters.settings.savedCaseType",
  ranking: "counters.settings.savedRanking",
  adjustment: "counters.settings.savedAdjustment",
  correction: "counters.settings.savedCorrection",
  dailyTotal: "counters.settings.savedDailyTotal",
};

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

/** The refused submission belongs to the form that sent it (each form carries its intent). */
function stateFor(state: FormState | undefined, intent: string): FormState | undefined {
  return state?.values?.intent === intent ? state : undefined;
}

export default function CounterSettings() {
  const d = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>() as FormState | undefined;
  const t = useT();
  const [params] = useSearchParams();
  const notice = NOTICES[params.get("notice") ?? ""];
  return (
    <Stack gap="lg" maw={1100}>
      <Group justify="space-between">
        <Title order={1}>{t("counters.settings.title")}</Title>
        <Group>
          <Button component={Link} to="/counters" variant="default">
            {t("counters.import.toRanking")}
          </Button>
          <Button component={Link} to="/counters/import" variant="default">
            {t("counters.import.title")}
          </Button>
        </Group>
      </Group>
      {notice ? (
        <Alert color="green" role="status" data-testid="notice">
          {t(notice)}
        </Alert>
      ) : null}
      <CaseTypes d={d} state={stateFor(state, "caseType")} />
      <RankingSettings d={d} state={stateFor(state, "ranking")} />
      <DailyTotals d={d} state={stateFor(state, "dailyTotal")} />
      <Adjustments d={d} state={stateFor(state, "adjustment")} />
      <Corrections d={d} state={stateFor(state, "correction")} />
    </Stack>
  );
}

function CaseTypes({ d, state }: { d: Data; state: FormState | undefined }) {
  const fields = useFormFields(state);
  const { t } = fields;
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="case-types-heading">
      <Stack gap="sm">
        <Title order={2} size="h3" id="case-types-heading">
          {t("counters.settings.caseTypes")}
        </Title>
        <Text size="sm" c="gray.7">
          {t("counters.settings.caseTypesIntro")}
        </Text>
        {d.caseTypes.length === 0 ? (
          <Alert color="yellow">{t("counters.settings.noCaseTypes")}</Alert>
        ) : (
          <Table.ScrollContainer minWidth={560}>
            <Table withTableBorder striped data-testid="case-types">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t("counters.settings.caseType")}</Table.Th>
                  <Table.Th scope="col">{t("counters.settings.weight")}</Table.Th>
                  <Table.Th scope="col">{t("counters.settings.standardMinutes")}</Table.Th>
                  <Table.Th scope="col">{t("counters.settings.effectiveFrom")}</Table.Th>
                  <Table.Th scope="col">{t("counters.settings.effectiveTo")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {d.caseTypes.map((c) => (
                  <Table.Tr key={c.id}>
                    <Table.Th scope="row" fw={400}>
                      {c.caseType}
                    </Table.Th>
                    <Table.Td>{fmt(c.weight, 1)}</Table.Td>
                    <Table.Td>{fmt(c.standardMinutes, 0)}</Table.Td>
                    <Table.Td>{c.effectiveFrom}</Table.Td>
                    <Table.Td>{c.effectiveTo ?? t("counters.settings.current")}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="caseType" />
          <Stack gap="sm">
            <Title order={3} size="h4">
              {t("counters.settings.newVersion")}
            </Title>
            <FormErrorSummary state={state} />
            <SimpleGrid cols={{ base: 1, sm: 4 }}>
              <TextField fields={fields} name="name" label={t("counters.settings.caseType")} required />
              <TextField fields={fields} name="weight" label={t("counters.settings.weight")} type="number" inputMode="decimal" step={0.1} min={0} required />
              <TextField fields={fields} name="standardMinutes" label={t("counters.settings.standardMinutes")} type="number" inputMode="decimal" step={1} min={0} required />
              <TextField fields={fields} name="effectiveFrom" label={t("counters.settings.effectiveFrom")} type="date" required />
            </SimpleGrid>
            <Group>
              <Button type="submit">{t("counters.settings.addVersion")}</Button>
            </Group>
          </Stack>
        </Form>
      </Stack>
    </Paper>
  );
}

function RankingSettings({ d, state }: { d: Data; state: FormState | undefined }) {
  const s = d.settings;
  const fields = useFormFields(state, {
    productivity: s.weights.productivity,
    handling: s.weights.handling,
    quality: s.weights.quality,
    minStaffedDays: s.minStaffedDays,
    shrinkageCases: s.shrinkageCases,
  });
  const { t } = fields;
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="ranking-settings-heading">
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="ranking" />
        <Stack gap="sm">
          <Title order={2} size="h3" id="ranking-settings-heading">
            {t("counters.settings.ranking")}
          </Title>
          <Text size="sm" c="gray.7">
            {t("counters.settings.rankingIntro")}
          </Text>
          <FormErrorSummary state={state} />
          <SimpleGrid cols={{ base: 1, sm: 5 }}>
            <TextField fields={fields} name="productivity" label={t("counters.settings.wProductivity")} type="number" min={0} step={1} required />
            <TextField fields={fields} name="handling" label={t("counters.settings.wHandling")} type="number" min={0} step={1} required />
            <TextField fields={fields} name="quality" label={t("counters.settings.wQuality")} type="number" min={0} step={1} required />
            <TextField fields={fields} name="minStaffedDays" label={t("counters.settings.minDays")} type="number" min={0} max={31} step={1} required />
            <TextField fields={fields} name="shrinkageCases" label={t("counters.settings.shrinkK")} type="number" min={0} step={1} required />
          </SimpleGrid>
          <Group>
            <Button type="submit">{t("common.save")}</Button>
          </Group>
        </Stack>
      </Form>
    </Paper>
  );
}

function PersonSelect({ d, fields }: { d: Data; fields: ReturnType<typeof useFormFields> }) {
  const { t } = fields;
  return (
    <SelectField
      fields={fields}
      name="userId"
      label={t("counters.settings.person")}
      data={[{ value: "", label: t("counters.settings.choosePerson") }, ...d.people.map((p) => ({ value: String(p.id), label: `${p.employeeNo} ${p.name}` }))]}
      required
    />
  );
}

function Adjustments({ d, state }: { d: Data; state: FormState | undefined }) {
  const fields = useFormFields(state, { mode: "add" });
  const { t } = fields;
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="adjustments-heading">
      <Stack gap="sm">
        <Title order={2} size="h3" id="adjustments-heading">
          {t("counters.settings.adjustments")}
        </Title>
        <Text size="sm" c="gray.7">
          {t("counters.settings.adjustmentsIntro")}
        </Text>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="adjustment" />
          <Stack gap="sm">
            <FormErrorSummary state={state} />
            <SimpleGrid cols={{ base: 1, sm: 4 }}>
              <PersonSelect d={d} fields={fields} />
              <TextField fields={fields} name="day" label={t("counters.settings.day")} type="date" required />
              <SelectField
                fields={fields}
                name="mode"
                label={t("counters.settings.mode")}
                data={[
                  { value: "add", label: t("counters.settings.modeAdd") },
                  { value: "set", label: t("counters.settings.modeSet") },
                ]}
              />
              <TextField fields={fields} name="hours" label={t("counters.settings.hours")} type="number" inputMode="decimal" step={0.25} required />
            </SimpleGrid>
            <TextField fields={fields} name="reason" label={t("counters.settings.reason")} required />
            <Group>
              <Button type="submit">{t("counters.settings.addAdjustment")}</Button>
            </Group>
          </Stack>
        </Form>
        {d.adjustments.length > 0 ? (
          <Table withTableBorder striped data-testid="adjustments">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("counters.settings.person")}</Table.Th>
                <Table.Th scope="col">{t("counters.settings.day")}</Table.Th>
                <Table.Th scope="col">{t("counters.settings.mode")}</Table.Th>
                <Table.Th scope="col">{t("counters.settings.hours")}</Table.Th>
                <Table.Th scope="col">{t("counters.settings.reason")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {d.adjustments.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td>
                    {a.employeeNo} {a.name}
                  </Table.Td>
                  <Table.Td>{a.day}</Table.Td>
                  <Table.Td>{a.mode === "set" ? t("counters.settings.modeSet") : t("counters.settings.modeAdd")}</Table.Td>
                  <Table.Td>{fmt(a.hours)}</Table.Td>
                  <Table.Td>{a.reason}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : null}
      </Stack>
    </Paper>
  );
}

function DailyTotals({ d, state }: { d: Data; state: FormState | undefined }) {
  const fields = useFormFields(state);
  const { t } = fields;
  const caseTypeNames = [...new Set(d.caseTypes.map((c) => c.caseType))];
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="daily-totals-heading">
      <Stack gap="sm">
        <Title order={2} size="h3" id="daily-totals-heading">
          {t("counters.settings.dailyTotals")}
        </Title>
        <Text size="sm" c="gray.7">
          {t("counters.settings.dailyTotalsIntro")}
        </Text>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="dailyTotal" />
          <Stack gap="sm">
            <FormErrorSummary state={state} />
            <SimpleGrid cols={{ base: 1, sm: 5 }}>
              <PersonSelect d={d} fields={fields} />
              <SelectField
                fields={fields}
                name="counterId"
                label={t("counters.settings.dailyCounter")}
                data={[{ value: "", label: t("counters.settings.chooseCounter") }, ...d.counters.map((c) => ({ value: String(c.id), label: c.label ? `${c.number} ${c.label}` : String(c.number) }))]}
                required
              />
              <TextField fields={fields} name="day" label={t("counters.settings.day")} type="date" required />
              <SelectField
                fields={fields}
                name="caseType"
                label={t("counters.settings.caseType")}
                data={[{ value: "", label: t("counters.settings.chooseCaseType") }, ...caseTypeNames.map((name) => ({ value: name, label: name }))]}
                required
              />
              <TextField fields={fields} name="served" label={t("counters.settings.served")} type="number" inputMode="numeric" min={1} step={1} required />
            </SimpleGrid>
            <TextField fields={fields} name="note" label={t("counters.settings.note")} />
            <Group>
              <Button type="submit">{t("counters.settings.addDailyTotal")}</Button>
            </Group>
          </Stack>
        </Form>
        {d.dailyTotals.length > 0 ? (
          <Table withTableBorder striped data-testid="daily-totals">
            <Table.Caption>{t("counters.settings.recentDailyTotals")}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("counters.settings.person")}</Table.Th>
                <Table.Th scope="col">{t("counters.settings.dailyCounter")}</Table.Th>
                <Table.Th scope="col">{t("counters.settings.day")}</Table.Th>
                <Table.Th scope="col">{t("counters.settings.caseType")}</Table.Th>
                <Table.Th scope="col">{t("counters.settings.served")}</Table.Th>
                <Table.Th scope="col">{t("counters.settings.note")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {d.dailyTotals.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>
                    {r.employeeNo} {r.name}
                  </Table.Td>
                  <Table.Td>{r.counterLabel ? `${r.counter} ${r.counterLabel}` : r.counter}</Table.Td>
                  <Table.Td>{r.day}</Table.Td>
                  <Table.Td>{r.caseType}</Table.Td>
                  <Table.Td>{r.served}</Table.Td>
                  <Table.Td>{r.note}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : null}
      </Stack>
    </Paper>
  );
}

function Corrections({ d, state }: { d: Data; state: FormState | undefined }) {
  const fields = useFormFields(state, { count: 1 });
  const { t } = fields;
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="corrections-heading">
      <Stack gap="sm">
        <Title order={2} size="h3" id="corrections-heading">
          {t("counters.settings.corrections")}
        </Title>
        <Text size="sm" c="gray.7">
          {t("counters.settings.correctionsIntro")}
        </Text>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="correction" />
          <Stack gap="sm">
            <FormErrorSummary state={state} />
            <SimpleGrid cols={{ base: 1, sm: 4 }}>
              <PersonSelect d={d} fields={fields} />
              <TextField fields={fields} name="day" label={t("counters.settings.caseDay")} type="date" required />
              <TextField fields={fields} name="count" label={t("counters.settings.count")} type="number" min={1} step={1} required />
              <SelectField
                fields={fields}
                name="counterId"
                label={t("counters.settings.counter")}
                data={[{ value: "", label: t("counters.settings.noCounter") }, ...d.counters.map((c) => ({ value: String(c.id), label: c.label ? `${c.number} ${c.label}` : String(c.number) }))]}
              />
            </SimpleGrid>
            <TextField fields={fields} name="note" label={t("counters.settings.note")} />
            <Group>
              <Button type="submit">{t("counters.settings.addCorrection")}</Button>
            </Group>
          </Stack>
        </Form>
        {d.corrections.length > 0 ? (
          <Table withTableBorder striped data-testid="corrections">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("counters.settings.person")}</Table.Th>
                <Table.Th scope="col">{t("counters.settings.caseDay")}</Table.Th>
                <Table.Th scope="col">{t("counters.settings.count")}</Table.Th>
                <Table.Th scope="col">{t("counters.settings.counter")}</Table.Th>
                <Table.Th scope="col">{t("counters.settings.note")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {d.corrections.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>
                    {c.employeeNo} {c.name}
                  </Table.Td>
                  <Table.Td>{c.day}</Table.Td>
                  <Table.Td>{c.count}</Table.Td>
                  <Table.Td>{c.counter ?? ""}</Table.Td>
                  <Table.Td>{c.note}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : null}
      </Stack>
    </Paper>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
