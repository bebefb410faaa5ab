// 獎勵登錄與核定 (issue 8, "Points come from entries (manual, or CSV import per month, approved by a
// supervisor before they count) and from the other modules"): supervisors and the director approve
// or reject pending entries (never their own), add an entry, import a month's CSV, and generate
// pending entries from the counter ranking and from granted proposal grades of a chosen period.
import { Alert, Button, Group, List, Paper, SimpleGrid, Stack, Table, Text, Textarea, Title } from "@mantine/core";
import {
  MaxPartSizeExceededError,
  data,
  redirect,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { FormErrorSummary, SelectField, TextField, useFormFields } from "~/components/form-fields";
import { EntryStatusBadge, EntryValue, IncentivesNav, PeriodPicker } from "~/components/incentives/parts";
import { RocDate } from "~/components/roc-date";
import { useT } from "~/i18n/use-t";
import { requirePermission } from "~/modules/auth/guards.server";
import { parsePeriodKey } from "~/modules/counters/periods";
import { formFailure, parseForm, runCommand } from "~/modules/forms.server";
import {
  addEntry,
  decideEntry,
  defaultPeriodKey,
  entrySchema,
  generateFromCounterRanking,
  generateFromProposalGrades,
  importEntriesCsv,
  listEntries,
  listOfficePeople,
  listRules,
  toPeriod,
} from "~/modules/incentives/incentives.server";

type EntryView = Awaited<ReturnType<typeof listEntries>>[number];
const view = (e: EntryView, labels: Map<string, string>) => ({
  id: e.id,
  employeeNo: e.employeeNo,
  name: e.name,
  item: labels.get(e.item) ?? e.item,
  date: e.date,
  points: e.points ?? null,
  quantity: e.quantity ?? null,
  rank: e.rank ?? null,
  grade: e.grade ?? null,
  source: e.source ?? "manual",
  status: e.status,
  note: e.note,
  adjustment: e.adjustmentFlag,
  approvedByName: e.approvedByName,
});

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "incentives.manage");
  const url = new URL(args.request.url);
  const key = url.searchParams.get("period") ?? "";
  const period = parsePeriodKey(key) ?? toPeriod(defaultPeriodKey());
  const db = args.context.db;
  const [rules, people, pending, inPeriod] = await Promise.all([
    listRules(db, user.officeId),
    listOfficePeople(db, user.officeId),
    listEntries(db, user.officeId, { status: "pending" }),
    listEntries(db, user.officeId, { period }),
  ]);
  const labels = new Map(rules.map((r) => [r.item, r.label]));
  return {
    me: user.id,
    period: { key: period.key, label: period.label, kind: period.kind },
    items: [...labels.entries()].map(([value, label]) => ({ value, label: `${label}（${value}）` })),
    people: people.map((p) => ({ value: String(p.id), label: `${p.employeeNo} ${p.name}` })),
    pending: pending.map((e) => ({ ...view(e, labels), own: e.userId === user.id })),
    decided: inPeriod.filter((e) => e.status !== "pending").map((e) => view(e, labels)),
    hasRules: rules.length > 0,
  };
}

/** A month's entries of an office are a few hundred lines: 5 MB is far more than any real file. */
const MAX_CSV_BYTES = 5 * 1024 * 1024;

/**
 * The import form is multipart: its parts are read as they stream in and refused past the limit,
 * so an oversized upload is never held in memory whole (request.formData() would buffer it all).
 */
async function readForm(request: Request): Promise<FormData> {
  const type = request.headers.get("Content-Type") ?? "";
  if (!type.startsWith("multipart/form-data")) return request.formData();
  return unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_CSV_BYTES }));
}

/** NUL bytes or undecodable UTF-8 (U+FFFD) mean a picture, a program or a spreadsheet, not a CSV text. */
const notText = (text: string) => /[\u0000\uFFFD]/.test(text);

export async function action(args: ActionFunctionArgs) {
  const user = await requirePermission(args, "incentives.manage");
  const db = args.context.db;
  let formData: FormData;
  try {
    formData = await readForm(args.request);
  } catch (error) {
    if (!(error instanceof MaxPartSizeExceededError)) throw error;
    // Only the import form uploads: its message goes beside it.
    const shown = new FormData();
    shown.set("intent", "import");
    return data(formFailure(shown, { csv: "incentives.errors.csvTooLarge" }), { status: 400 });
  }
  const intent = String(formData.get("intent") ?? "");
  const back = String(formData.get("period") ?? "");
  const here = (query: string) => `/incentives/entries?${parsePeriodKey(back) ? `period=${back}&` : ""}${query}`;
  switch (intent) {
    case "approve":
    case "reject": {
      const id = Number(formData.get("entryId"));
      if (!Number.isInteger(id) || id <= 0) throw new Response("Bad Request", { status: 400 });
      const outcome = await runCommand(formData, () => decideEntry(db, user, id, intent));
      if (!outcome.ok) return outcome.response;
      throw redirect(here("notice=saved"));
    }
    case "add": {
      const parsed = parseForm(entrySchema, formData);
      if (!parsed.ok) return data(parsed, { status: 400 });
      const outcome = await runCommand(formData, () => addEntry(db, user, parsed.data));
      if (!outcome.ok) return outcome.response;
      throw redirect(here("notice=created"));
    }
    case "import": {
      const month = String(formData.get("month") ?? "");
      const file = formData.get("file");
      const pasted = String(formData.get("csv") ?? "");
      const csvText = file && typeof file !== "string" && file.size > 0 ? await file.text() : pasted;
      if (!csvText.trim()) return data(formFailure(formData, { csv: "incentives.errors.emptyCsv" }), { status: 400 });
      if (notText(csvText)) return data(formFailure(formData, { csv: "incentives.errors.notCsv" }), { status: 400 });
      const outcome = await runCommand(formData, () => importEntriesCsv(db, user, { month, csvText }));
      if (!outcome.ok) return outcome.response;
      if (outcome.result.errors.length) return data({ ...formFailure(formData, { csv: "incentives.errors.csvLines" }), lineErrors: outcome.result.errors }, { status: 400 });
      throw redirect(here(`imported=${outcome.result.inserted}`));
    }
    case "fromRanking":
    case "fromProposals": {
      const key = String(formData.get("period") ?? "");
      const outcome = await runCommand(formData, () => (intent === "fromRanking" ? generateFromCounterRanking(db, user, key) : generateFromProposalGrades(db, user, key)));
      if (!outcome.ok) return outcome.response;
      throw redirect(here(`generated=${outcome.result.created}&skipped=${outcome.result.skipped}`));
    }
    default:
      throw new Response("Bad Request", { status: 400 });
  }
}

export default function IncentiveEntries() {
  const d = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>() as (Parameters<typeof useFormFields>[0] & { lineErrors?: { line: number; message: string }[] }) | undefined;
  const t = useT();
  const [params] = useSearchParams();
  const generated = params.get("generated");
  const imported = params.get("imported");
  const intent = state?.values?.intent;
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Title order={1}>{t("incentives.entries.title")}</Title>
        <PeriodPicker periodKey={d.period.key} />
      </Group>
      <IncentivesNav canManage />
      {!d.hasRules ? <Alert color="yellow">{t("incentives.entries.noRules")}</Alert> : null}
      {generated !== null ? (
        <Alert color="green" role="status" data-testid="generated">
          {t("incentives.entries.generated", { n: generated, skipped: params.get("skipped") ?? "0" })}
        </Alert>
      ) : null}
      {imported !== null ? (
        <Alert color="green" role="status">
          {t("incentives.entries.imported", { n: imported })}
        </Alert>
      ) : null}
      {intent === "approve" || intent === "reject" || intent === "fromRanking" || intent === "fromProposals" ? <FormErrorSummary state={state} /> : null}

      <Paper withBorder p="md" component="section" aria-labelledby="pending-heading">
        <Title order={2} size="h3" id="pending-heading" mb="sm">
          {t("incentives.entries.pending", { n: d.pending.length })}
        </Title>
        {d.pending.length === 0 ? (
          <Text c="gray.7">{t("incentives.entries.nonePending")}</Text>
        ) : (
          <Table.ScrollContainer minWidth={720}>
            <Table striped data-testid="pending">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("incentives.col.name")}</Table.Th>
                  <Table.Th>{t("incentives.col.item")}</Table.Th>
                  <Table.Th>{t("incentives.col.date")}</Table.Th>
                  <Table.Th>{t("incentives.col.value")}</Table.Th>
                  <Table.Th>{t("incentives.col.source")}</Table.Th>
                  <Table.Th>{t("incentives.col.note")}</Table.Th>
                  <Table.Th>{t("incentives.col.decide")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {d.pending.map((e) => (
                  <Table.Tr key={e.id}>
                    <Table.Td>
                      {e.employeeNo} {e.name}
                    </Table.Td>
                    <Table.Td>{e.item}</Table.Td>
                    <Table.Td>
                      <RocDate value={e.date} />
                    </Table.Td>
                    <Table.Td>
                      <EntryValue entry={e} />
                    </Table.Td>
                    <Table.Td>{t(`incentives.source.${e.source}`)}</Table.Td>
                    <Table.Td>{e.note}</Table.Td>
                    <Table.Td>
                      {e.own ? (
                        <Text size="sm" c="gray.7">
                          {t("incentives.entries.ownEntry")}
                        </Text>
                      ) : (
                        <Form method="post">
                          <input type="hidden" name="entryId" value={e.id} />
                          <input type="hidden" name="period" value={d.period.key} />
                          <Group gap={4} wrap="nowrap">
                            <Button type="submit" name="intent" value="approve" size="xs" color="green" aria-label={t("incentives.entries.approveFor", { name: e.name, item: e.item })}>
                              {t("incentives.entries.approve")}
                            </Button>
                            <Button type="submit" name="intent" value="reject" size="xs" variant="outline" color="gray" aria-label={t("incentives.entries.rejectFor", { name: e.name, item: e.item })}>
                              {t("incentives.entries.reject")}
                            </Button>
                          </Group>
                        </Form>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>

      <Paper withBorder p="md" component="section" aria-labelledby="generate-heading">
        <Title order={2} size="h3" id="generate-heading" mb="xs">
          {t("incentives.entries.generateTitle", { period: d.period.label })}
        </Title>
        <Text size="sm" c="gray.7" mb="sm">
          {t("incentives.entries.generateHint")}
        </Text>
        <Form method="post">
          <input type="hidden" name="period" value={d.period.key} />
          <Group>
            <Button type="submit" name="intent" value="fromRanking" variant="light" disabled={d.period.kind !== "month"}>
              {t("incentives.entries.fromRanking")}
            </Button>
            <Button type="submit" name="intent" value="fromProposals" variant="light">
              {t("incentives.entries.fromProposals")}
            </Button>
          </Group>
        </Form>
      </Paper>

      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <AddEntryForm state={intent === "add" ? state : undefined} people={d.people} items={d.items} periodKey={d.period.key} />
        <ImportForm state={intent === "import" ? state : undefined} periodKey={d.period.kind === "month" ? d.period.key : ""} />
      </SimpleGrid>

      <Paper withBorder p="md" component="section" aria-labelledby="decided-heading">
        <Title order={2} size="h3" id="decided-heading" mb="sm">
          {t("incentives.entries.decided", { period: d.period.label })}
        </Title>
        {d.decided.length === 0 ? (
          <Text c="gray.7">{t("incentives.entries.noneDecided")}</Text>
        ) : (
          <Table.ScrollContainer minWidth={720}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("incentives.col.name")}</Table.Th>
                  <Table.Th>{t("incentives.col.item")}</Table.Th>
                  <Table.Th>{t("incentives.col.date")}</Table.Th>
                  <Table.Th>{t("incentives.col.value")}</Table.Th>
                  <Table.Th>{t("incentives.col.status")}</Table.Th>
                  <Table.Th>{t("incentives.col.decidedBy")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {d.decided.map((e) => (
                  <Table.Tr key={e.id}>
                    <Table.Td>
                      {e.employeeNo} {e.name}
                    </Table.Td>
                    <Table.Td>{e.item}</Table.Td>
                    <Table.Td>
                      <RocDate value={e.date} />
                    </Table.Td>
                    <Table.Td>
                      <EntryValue entry={e} />
                    </Table.Td>
                    <Table.Td>
                      <EntryStatusBadge status={e.status} /> {e.adjustment ? <Text span size="xs" c="orange.8">{t("incentives.entries.adjustment")}</Text> : null}
                    </Table.Td>
                    <Table.Td>{e.approvedByName ?? "—"}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
    </Stack>
  );
}

function AddEntryForm({ state, people, items, periodKey }: { state: Parameters<typeof useFormFields>[0]; people: { value: string; label: string }[]; items: { value: string; label: string }[]; periodKey: string }) {
  const fields = useFormFields(state, {});
  const { t } = fields;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="add-heading">
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="add" />
        <input type="hidden" name="period" value={periodKey} />
        <Stack gap="xs">
          <Title order={2} size="h3" id="add-heading">
            {t("incentives.add.title")}
          </Title>
          <Text size="sm" c="gray.7">
            {t("incentives.add.hint")}
          </Text>
          <FormErrorSummary state={state} />
          <SelectField fields={fields} name="userId" label={t("incentives.add.person")} data={[{ value: "", label: "—" }, ...people]} required />
          <SelectField fields={fields} name="item" label={t("incentives.add.item")} data={[{ value: "", label: "—" }, ...items]} required />
          <TextField fields={fields} name="date" label={t("incentives.add.date")} type="date" required />
          <SimpleGrid cols={2}>
            <TextField fields={fields} name="quantity" label={t("incentives.add.quantity")} type="number" step="any" />
            <TextField fields={fields} name="rank" label={t("incentives.add.rank")} type="number" min={1} />
            <TextField fields={fields} name="grade" label={t("incentives.add.grade")} />
            <TextField fields={fields} name="points" label={t("incentives.add.points")} description={t("incentives.add.pointsHint")} type="number" step="any" />
          </SimpleGrid>
          <TextField fields={fields} name="note" label={t("incentives.add.note")} />
          <Group>
            <Button type="submit">{t("incentives.add.submit")}</Button>
          </Group>
        </Stack>
      </Form>
    </Paper>
  );
}

function ImportForm({ state, periodKey }: { state: (Parameters<typeof useFormFields>[0] & { lineErrors?: { line: number; message: string }[] }) | undefined; periodKey: string }) {
  const fields = useFormFields(state, { month: periodKey });
  const { t } = fields;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="import-heading">
      <Form method="post" encType="multipart/form-data" noValidate>
        <input type="hidden" name="intent" value="import" />
        <Stack gap="xs">
          <Title order={2} size="h3" id="import-heading">
            {t("incentives.import.title")}
          </Title>
          <Text size="sm" c="gray.7">
            {t("incentives.import.hint")}
          </Text>
          <FormErrorSummary state={state} />
          {state?.lineErrors?.length ? (
            <Alert color="red" title={t("incentives.import.lineErrors", { n: state.lineErrors.length })} data-testid="line-errors">
              <List size="sm">
                {state.lineErrors.map((e) => (
                  <List.Item key={e.line}>{t("incentives.import.line", { line: e.line, message: e.message })}</List.Item>
                ))}
              </List>
            </Alert>
          ) : null}
          <TextField fields={fields} name="month" label={t("incentives.import.month")} placeholder="2026-10" required />
          <input type="file" name="file" accept=".csv,text/csv" aria-label={t("incentives.import.file")} />
          <Textarea id="f-csv" name="csv" label={t("incentives.import.paste")} defaultValue={fields.valueOf("csv")} error={fields.errorOf("csv")} autosize minRows={3} placeholder={"員工編號,項目代碼,日期,件數\nFB010,cross_agency_notice,2026-10-03,2"} />
          <Group>
            <Button type="submit">{t("incentives.import.submit")}</Button>
          </Group>
        </Stack>
      </Form>
    </Paper>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
