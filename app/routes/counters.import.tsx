// 匯入叫號系統資料 (issue 8, Counter performance: "import the queue-ticket system's CSV export … with
// a column-mapping step remembered per office … shows a preview with errors per line … and imports
// the valid lines in one transaction or nothing, as the user chooses"). Three steps in one route:
// upload or paste → mapping → preview and choice → result. The file's text travels between the
// steps in a hidden textarea (no temporary storage on the server), so it all works without
// JavaScript; every step's form is multipart so a large export is not percent-encoded threefold.
import { Alert, Box, Button, Group, Input, NativeSelect, Paper, Radio, SimpleGrid, Stack, Table, Text, Textarea, Title } from "@mantine/core";
import {
  MaxPartSizeExceededError,
  data,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { FormErrorSummary, useFormFields } from "~/components/form-fields";
import { RocDate } from "~/components/roc-date";
import type { MessageKey } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { requirePermission } from "~/modules/auth/guards.server";
import { listRecentImports } from "~/modules/counters/counter-pages.server";
import { importQueue, previewImport, type ImportMode } from "~/modules/counters/counters.server";
import { QUEUE_FIELDS, REQUIRED_COLUMNS, type ColumnMapping, type QueueField } from "~/modules/counters/queue-csv";
import { DomainError } from "~/modules/domain-error";
import { formFailure } from "~/modules/forms.server";

/** The largest export accepted: a year of an office's tickets (~150,000 lines) is about 15 MB. */
const MAX_FILE_BYTES = 20 * 1024 * 1024;
/** The text field carrying the file between steps: Big5 grows by half once it is UTF-8. */
const MAX_TEXT_BYTES = 48 * 1024 * 1024;
/** Error lines shown in the preview; the count above the table is always the full one. */
const SHOWN_ERRORS = 200;

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "counters.manage");
  return { imports: await listRecentImports(args.context.db, user.officeId) };
}

async function readForm(request: Request): Promise<FormData> {
  const type = request.headers.get("Content-Type") ?? "";
  if (!type.startsWith("multipart/form-data")) return request.formData();
  return unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_TEXT_BYTES }));
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/** UTF-8 with or without a BOM; an export that is not valid UTF-8 is read as Big5 (older systems). */
function decodeExport(bytes: ArrayBuffer): { text: string; encoding: "utf-8" | "big5" } {
  try {
    return { text: strictUtf8.decode(bytes).replace(/^\uFEFF/, ""), encoding: "utf-8" };
  } catch {
    return { text: new TextDecoder("big5").decode(bytes), encoding: "big5" };
  }
}

function mappingFrom(formData: FormData): ColumnMapping {
  const mapping: ColumnMapping = {};
  for (const field of QUEUE_FIELDS) {
    const header = formData.get(`map_${field}`);
    if (typeof header === "string" && header.trim()) mapping[field] = header;
  }
  return mapping;
}

const textOf = (formData: FormData, name: string) => {
  const v = formData.get(name);
  return typeof v === "string" ? v : "";
};

type Preview = Awaited<ReturnType<typeof previewImport>>;

function previewDto(p: Preview) {
  return {
    headers: p.headers,
    mapping: p.mapping,
    mappingSource: p.mappingSource,
    mappingErrors: p.mappingErrors,
    linesRead: p.linesRead,
    records: p.records,
    newRecords: p.newRecords,
    alreadyStored: p.alreadyStored,
    errorCount: p.errors.length,
    errorLines: new Set(p.errors.map((e) => e.line)).size,
    errors: p.errors.slice(0, SHOWN_ERRORS),
    duplicates: p.duplicates.length,
    previousImports: p.previousImports.map((i) => ({ fileName: i.fileName, createdAt: i.createdAt.toISOString(), inserted: i.inserted })),
  };
}

export async function action(args: ActionFunctionArgs) {
  const user = await requirePermission(args, "counters.manage");
  const db = args.context.db;
  let formData: FormData;
  try {
    formData = await readForm(args.request);
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return data(formFailure(new FormData(), { file: "counters.import.tooLarge" }), { status: 400 });
    throw error;
  }
  const intent = textOf(formData, "intent");

  if (intent === "upload") {
    // Step 1 → 2: a chosen file replaces the pasted text.
    let csvText = textOf(formData, "pasted");
    let fileName = textOf(formData, "fileName").slice(0, 200) || "queue.csv";
    let encoding: "utf-8" | "big5" = "utf-8";
    const file = formData.get("file");
    if (file instanceof File && file.size > 0) {
      if (file.size > MAX_FILE_BYTES) return data(formFailure(new FormData(), { file: "counters.import.tooLarge" }), { status: 400 });
      ({ text: csvText, encoding } = decodeExport(await file.arrayBuffer()));
      // A text export never holds NUL bytes; a picture, a program or an .xlsx does.
      if (csvText.includes("\u0000")) return data(formFailure(new FormData(), { file: "counters.import.notText" }), { status: 400 });
      fileName = file.name.slice(0, 200) || fileName;
    }
    csvText = csvText.replace(/^\uFEFF/, "");
    if (!csvText.trim()) return data(formFailure(new FormData(), { pasted: "counters.import.empty" }), { status: 400 });
    if (csvText.includes("\u0000")) return data(formFailure(new FormData(), { pasted: "errors.controlCharacter" }), { status: 400 });
    const preview = await previewImport(db, user, csvText);
    if (preview.headers.length === 0) return data(formFailure(new FormData(), { pasted: "counters.import.noHeader" }), { status: 400 });
    return { ok: true as const, step: "mapping" as const, csvText, fileName, encoding, preview: previewDto(preview) };
  }

  const csvText = textOf(formData, "csvText");
  const fileName = textOf(formData, "fileName").replace(/\u0000/g, "").slice(0, 200) || "queue.csv";
  if (!csvText.trim()) return data(formFailure(new FormData(), { pasted: "counters.import.empty" }), { status: 400 });
  // PostgreSQL cannot store NUL: a ticket or a quoted cell holding one would fail the import's insert (a 500).
  if (csvText.includes("\u0000")) return data(formFailure(new FormData(), { pasted: "errors.controlCharacter" }), { status: 400 });
  const mapping = mappingFrom(formData);

  if (intent === "mapping") {
    const preview = await previewImport(db, user, csvText, mapping);
    return { ok: true as const, step: "mapping" as const, csvText, fileName, encoding: "utf-8" as const, preview: previewDto(preview) };
  }

  if (intent === "preview") {
    const preview = await previewImport(db, user, csvText, mapping);
    // A mapping that misses a required column stays on step 2 with the reason.
    const step = preview.mappingErrors.length > 0 ? ("mapping" as const) : ("preview" as const);
    return data({ ok: true as const, step, csvText, fileName, encoding: "utf-8" as const, preview: previewDto(preview) }, { status: step === "mapping" ? 400 : 200 });
  }

  if (intent === "import") {
    const modeText = textOf(formData, "mode");
    if (modeText !== "valid_lines" && modeText !== "all_or_nothing") {
      const preview = await previewImport(db, user, csvText, mapping);
      return data({ ok: true as const, step: "preview" as const, csvText, fileName, encoding: "utf-8" as const, preview: previewDto(preview), modeError: "counters.import.chooseMode" as MessageKey }, { status: 400 });
    }
    const mode: ImportMode = modeText;
    try {
      const result = await importQueue(db, user, { fileName, csvText, mapping, mode });
      return {
        ok: true as const,
        step: "result" as const,
        fileName,
        mode,
        result: { linesRead: result.linesRead, inserted: result.inserted, skipped: result.skipped, duplicateLines: result.duplicateLines, errors: result.errors.length },
      };
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      // Refused (all-or-nothing with errors, or a mapping gone wrong): the preview again, with why.
      const preview = await previewImport(db, user, csvText, mapping);
      return data(
        { ok: true as const, step: "preview" as const, csvText, fileName, encoding: "utf-8" as const, preview: previewDto(preview), refused: error.messageKey, mode },
        { status: 400 },
      );
    }
  }
  throw new Response("Bad Request", { status: 400 });
}

type ActionData = NonNullable<ReturnType<typeof useActionData<typeof action>>>;
type StepData = Extract<ActionData, { ok: true; step: "mapping" | "preview" }>;
type ResultData = Extract<ActionData, { ok: true; step: "result" }>;

const FIELD_LABEL: Record<QueueField, MessageKey> = {
  ticket: "counters.field.ticket",
  counter: "counters.field.counter",
  staff: "counters.field.staff",
  caseType: "counters.field.caseType",
  ticketAt: "counters.field.ticketAt",
  calledAt: "counters.field.calledAt",
  startedAt: "counters.field.startedAt",
  endedAt: "counters.field.endedAt",
  outcome: "counters.field.outcome",
};

export default function ImportQueue() {
  const { imports } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const step = actionData && actionData.ok ? actionData : undefined;
  const failure = actionData && !actionData.ok ? actionData : undefined;
  return (
    <Stack maw={1100}>
      <Group justify="space-between">
        <Title order={1}>{t("counters.import.title")}</Title>
        <Group>
          <Button component={Link} to="/counters" variant="default">
            {t("counters.import.toRanking")}
          </Button>
          <Button component={Link} to="/counters/settings" variant="default">
            {t("counters.settings.title")}
          </Button>
        </Group>
      </Group>
      <StepList current={step?.step ?? "upload"} />
      {step?.step === "mapping" ? <MappingStep d={step} /> : null}
      {step?.step === "preview" ? <PreviewStep d={step} /> : null}
      {step?.step === "result" ? <ResultStep d={step} /> : null}
      {!step || step.step === "result" ? <UploadStep failure={failure} /> : null}
      <RecentImports imports={imports} />
    </Stack>
  );
}

function StepList({ current }: { current: "upload" | "mapping" | "preview" | "result" }) {
  const t = useT();
  const steps = [
    ["upload", "counters.import.step1"],
    ["mapping", "counters.import.step2"],
    ["preview", "counters.import.step3"],
    ["result", "counters.import.step4"],
  ] as const;
  return (
    <Group component="ol" gap="lg" style={{ listStyle: "none", padding: 0, margin: 0 }} aria-label={t("counters.import.steps")}>
      {steps.map(([key, label], i) => (
        <Text component="li" key={key} fw={key === current ? 700 : 400} c={key === current ? "blue.9" : "gray.7"} aria-current={key === current ? "step" : undefined}>
          {i + 1}. {t(label)}
        </Text>
      ))}
    </Group>
  );
}

function UploadStep({ failure }: { failure: Parameters<typeof useFormFields>[0] }) {
  const fields = useFormFields(failure);
  const { t } = fields;
  const busy = useNavigation().state === "submitting";
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="upload-heading">
      <Form method="post" encType="multipart/form-data" noValidate>
        <input type="hidden" name="intent" value="upload" />
        <Stack>
          <Title order={2} size="h3" id="upload-heading">
            {t("counters.import.step1")}
          </Title>
          <Text size="sm" c="gray.7">
            {t("counters.import.intro")}
          </Text>
          <FormErrorSummary state={failure} />
          <Input.Wrapper id="f-file" label={t("counters.import.file")} description={t("counters.import.fileHint")} error={fields.errorOf("file")}>
            <Box mt={4}>
              <input
                id="f-file"
                type="file"
                name="file"
                accept=".csv,.txt,text/csv,text/plain"
                aria-invalid={fields.errorOf("file") ? true : undefined}
                aria-describedby={fields.errorOf("file") ? "f-file-error" : undefined}
              />
            </Box>
          </Input.Wrapper>
          <Textarea
            id="f-pasted"
            name="pasted"
            label={t("counters.import.paste")}
            description={t("counters.import.pasteHint")}
            error={fields.errorOf("pasted")}
            autosize
            minRows={4}
            maxRows={12}
            spellCheck={false}
            styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)", fontSize: 13 } }}
          />
          <Group>
            <Button type="submit" loading={busy}>
              {t("counters.import.next")}
            </Button>
          </Group>
        </Stack>
      </Form>
    </Paper>
  );
}

/** The file's text and name, carried to the next step (hidden: nothing is stored on the server). */
function Carried({ d }: { d: StepData }) {
  return (
    <>
      <input type="hidden" name="fileName" value={d.fileName} />
      <textarea name="csvText" defaultValue={d.csvText} hidden readOnly aria-hidden="true" tabIndex={-1} />
    </>
  );
}

function MappingStep({ d }: { d: StepData }) {
  const t = useT();
  const p = d.preview;
  const sourceKey: MessageKey =
    p.mappingSource === "remembered" ? "counters.import.mappingRemembered" : p.mappingSource === "guessed" ? "counters.import.mappingGuessed" : "counters.import.mappingGiven";
  const options = [{ value: "", label: t("counters.import.notMapped") }, ...p.headers.map((h) => ({ value: h, label: h }))];
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="mapping-heading" data-testid="mapping-step">
      <Form method="post" encType="multipart/form-data" noValidate>
        <Carried d={d} />
        <Stack>
          <Title order={2} size="h3" id="mapping-heading">
            {t("counters.import.step2")}
          </Title>
          <Text size="sm">
            {t("counters.import.fileRead", { fileName: d.fileName, lines: p.linesRead, columns: p.headers.length })}
            {d.encoding === "big5" ? ` ${t("counters.import.big5")}` : ""}
          </Text>
          <Text size="sm" c="gray.7">
            {t(sourceKey)}
          </Text>
          {p.mappingErrors.length > 0 && d.preview.mappingSource === "given" ? (
            <Alert color="red" role="alert" title={t("common.formHasErrors")} data-testid="mapping-errors">
              <ul style={{ margin: 0, paddingLeft: 18 }}>
                {p.mappingErrors.map((e) => (
                  <li key={e}>{e}</li>
                ))}
              </ul>
            </Alert>
          ) : null}
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            {QUEUE_FIELDS.map((field) => (
              <NativeSelect
                key={field}
                id={`f-map-${field}`}
                name={`map_${field}`}
                label={t(FIELD_LABEL[field])}
                description={REQUIRED_COLUMNS.includes(field) ? t("counters.import.required") : t("counters.import.optional")}
                data={options}
                defaultValue={p.mapping[field] ?? ""}
              />
            ))}
          </SimpleGrid>
          <Group>
            <Button type="submit" name="intent" value="preview">
              {t("counters.import.toPreview")}
            </Button>
            <Button component={Link} to="/counters/import" variant="default">
              {t("counters.import.startOver")}
            </Button>
          </Group>
        </Stack>
      </Form>
    </Paper>
  );
}

function Stat({ label, value, color, testId }: { label: string; value: number; color?: string; testId?: string }) {
  return (
    <Paper withBorder p="sm" ta="center" data-testid={testId}>
      <Text size="xl" fw={700} c={color}>
        {value}
      </Text>
      <Text size="sm">{label}</Text>
    </Paper>
  );
}

function PreviewStep({ d }: { d: StepData & { refused?: string; modeError?: MessageKey; mode?: string } }) {
  const t = useT();
  const p = d.preview;
  const fieldLabel = (f: QueueField | null) => (f ? t(FIELD_LABEL[f]) : t("counters.import.wholeLine"));
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="preview-heading" data-testid="preview-step">
      <Form method="post" encType="multipart/form-data" noValidate>
        <Carried d={d} />
        {QUEUE_FIELDS.map((f) => (p.mapping[f] ? <input key={f} type="hidden" name={`map_${f}`} value={p.mapping[f]} /> : null))}
        <Stack>
          <Title order={2} size="h3" id="preview-heading">
            {t("counters.import.step3")}
          </Title>
          {d.refused ? (
            <Alert color="red" role="alert" data-testid="import-refused">
              {d.refused}
            </Alert>
          ) : null}
          <SimpleGrid cols={{ base: 2, sm: 3, md: 6 }}>
            <Stat label={t("counters.import.linesRead")} value={p.linesRead} />
            <Stat label={t("counters.import.valid")} value={p.records} color="green.9" />
            <Stat label={t("counters.import.new")} value={p.newRecords} color="blue.9" testId="preview-new" />
            <Stat label={t("counters.import.already")} value={p.alreadyStored} color="gray.8" />
            <Stat label={t("counters.import.duplicates")} value={p.duplicates} color="gray.8" />
            <Stat label={t("counters.import.errorLines")} value={p.errorLines} color={p.errorLines ? "red.9" : "gray.8"} testId="preview-errors" />
          </SimpleGrid>
          {p.previousImports.length > 0 ? (
            <Alert color="yellow">
              {t("counters.import.sameFileBefore", { n: p.previousImports.length })} <RocDate value={p.previousImports.at(-1)!.createdAt} withTime />
            </Alert>
          ) : null}
          {p.errorCount > 0 ? (
            <Stack gap="xs">
              <Title order={3} size="h4" c="red.9">
                {t("counters.import.errorsTitle", { n: p.errorCount })}
              </Title>
              <Table.ScrollContainer minWidth={560}>
                <Table withTableBorder striped data-testid="error-table">
                  <Table.Caption>{t("counters.import.errorsCaption")}</Table.Caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col" w={70}>
                        {t("counters.import.line")}
                      </Table.Th>
                      <Table.Th scope="col" w={140}>
                        {t("counters.import.field")}
                      </Table.Th>
                      <Table.Th scope="col">{t("counters.import.message")}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {p.errors.map((e, i) => (
                      <Table.Tr key={i}>
                        <Table.Td>{e.line}</Table.Td>
                        <Table.Td>{fieldLabel(e.field)}</Table.Td>
                        <Table.Td>{e.message}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
              {p.errorCount > p.errors.length ? <Text size="sm">{t("counters.import.moreErrors", { n: p.errorCount - p.errors.length })}</Text> : null}
            </Stack>
          ) : (
            <Alert color="green">{t("counters.import.noErrors")}</Alert>
          )}
          <Radio.Group name="mode" label={t("counters.import.mode")} defaultValue={d.mode ?? "valid_lines"} error={d.modeError ? t(d.modeError) : undefined}>
            <Stack gap={6} mt={6}>
              <Radio id="f-mode-valid" value="valid_lines" label={t("counters.import.modeValid")} />
              <Radio id="f-mode-all" value="all_or_nothing" label={t("counters.import.modeAll")} />
            </Stack>
          </Radio.Group>
          <Group>
            <Button type="submit" name="intent" value="import" disabled={p.records === 0}>
              {t("counters.import.submit")}
            </Button>
            <Button type="submit" name="intent" value="mapping" variant="default">
              {t("counters.import.backToMapping")}
            </Button>
          </Group>
        </Stack>
      </Form>
    </Paper>
  );
}

function ResultStep({ d }: { d: ResultData }) {
  const t = useT();
  const r = d.result;
  return (
    <Paper withBorder p="lg" role="status" aria-live="polite" data-testid="import-result">
      <Stack>
        <Title order={2} size="h3">
          {t("counters.import.step4")}
        </Title>
        <Text>{t("counters.import.resultFile", { fileName: d.fileName })}</Text>
        <SimpleGrid cols={{ base: 2, sm: 4 }}>
          <Stat label={t("counters.import.linesRead")} value={r.linesRead} />
          <Stat label={t("counters.import.inserted")} value={r.inserted} color="green.9" testId="result-inserted" />
          <Stat label={t("counters.import.skipped")} value={r.skipped} color="gray.8" />
          <Stat label={t("counters.import.errorsLeft")} value={r.errors} color={r.errors ? "red.9" : "gray.8"} />
        </SimpleGrid>
        <Text size="sm" c="gray.7">
          {t("counters.import.skippedHint")}
        </Text>
        <Group>
          <Button component={Link} to="/counters">
            {t("counters.import.toRanking")}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function RecentImports({ imports }: { imports: { id: number; fileName: string; mode: string; linesRead: number; inserted: number; skipped: number; createdAt: string; createdBy: string | null }[] }) {
  const t = useT();
  if (imports.length === 0) return null;
  return (
    <Stack gap="xs" component="section" aria-labelledby="recent-heading">
      <Title order={2} size="h3" id="recent-heading">
        {t("counters.import.recent")}
      </Title>
      <Table.ScrollContainer minWidth={640}>
        <Table withTableBorder striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("counters.import.when")}</Table.Th>
              <Table.Th scope="col">{t("counters.import.fileName")}</Table.Th>
              <Table.Th scope="col">{t("counters.import.mode")}</Table.Th>
              <Table.Th scope="col">{t("counters.import.linesRead")}</Table.Th>
              <Table.Th scope="col">{t("counters.import.inserted")}</Table.Th>
              <Table.Th scope="col">{t("counters.import.skipped")}</Table.Th>
              <Table.Th scope="col">{t("counters.import.by")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {imports.map((i) => (
              <Table.Tr key={i.id}>
                <Table.Td>
                  <RocDate value={i.createdAt} withTime />
                </Table.Td>
                <Table.Td>{i.fileName}</Table.Td>
                <Table.Td>{i.mode === "valid_lines" ? t("counters.import.modeValidShort") : t("counters.import.modeAllShort")}</Table.Td>
                <Table.Td>{i.linesRead}</Table.Td>
                <Table.Td>{i.inserted}</Table.Td>
                <Table.Td>{i.skipped}</Table.Td>
                <Table.Td>{i.createdBy ?? ""}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
