import { Alert, Box, Button, Code, Group, Input, NativeSelect, Paper, SimpleGrid, Stack, Table, Text, TextInput, Textarea, Title } from "@mantine/core";
import {
  MaxPartSizeExceededError,
  data,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
} from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { FormErrorSummary, useFormFields } from "~/components/form-fields";
import { useT } from "~/i18n/use-t";
import { requirePermission } from "~/modules/auth/guards.server";
import { formFailure, formValues, parseForm } from "~/modules/forms.server";
import { IMPORT_MAX_BYTES, importSchema } from "~/modules/quizzes/question-bank.schema";
import { importQuestions } from "~/modules/quizzes/question-bank.server";

export async function loader(args: LoaderFunctionArgs) {
  await requirePermission(args, "questionBank.manage");
  return null;
}

/** The form arrives as multipart (a file chosen) or, from tests and scripts, url-encoded. */
async function readForm(request: Request): Promise<FormData> {
  const type = request.headers.get("Content-Type") ?? "";
  if (!type.startsWith("multipart/form-data")) return request.formData();
  return unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: IMPORT_MAX_BYTES }));
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

export async function action(args: ActionFunctionArgs) {
  const user = await requirePermission(args, "questionBank.manage");
  let formData: FormData;
  try {
    formData = await readForm(args.request);
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return data(formFailure(new FormData(), { file: "errors.bank.fileTooLarge" }), { status: 400 });
    throw error;
  }

  // The fields the schema reads: a chosen file replaces the pasted text.
  const fields = new FormData();
  for (const [name, value] of formData.entries()) if (typeof value === "string" && name !== "filename") fields.append(name, value);
  const file = formData.get("file");
  if (file instanceof File && file.size > 0) {
    let text: string;
    try {
      text = strictUtf8.decode(await file.arrayBuffer());
    } catch {
      return data(formFailure(formData, { file: "errors.bank.notUtf8" }), { status: 400 });
    }
    fields.set("source", text);
    fields.set("filename", file.name.slice(0, 200));
  }
  fields.delete("file");

  const parsed = parseForm(importSchema, fields);
  if (!parsed.ok) return data(formFailure(formData, parsed.errors), { status: 400 });
  const result = await importQuestions(args.context.db, user, user.officeId, parsed.data);
  return {
    ok: true as const,
    result,
    filename: parsed.data.filename ?? null,
    // Rejected questions: the pasted text stays in the box to be fixed; a clean import clears it.
    values: result.errors.length > 0 ? formValues(formData) : { format: parsed.data.format, category: parsed.data.category ?? "" },
  };
}

const GIFT_EXAMPLE = `$CATEGORY: 戶籍法/登記期間

// [id:hr-law-024]
// [tag:戶籍法]
::出生登記期間::出生登記至遲應於出生後幾日內為之？{
=60日內 #正確。
~30日內 #這是一般戶籍登記的期間。
~15日內
####依戶籍法第48條第1項，出生登記至遲應於六十日內為之。
}

// [id:hr-law-026]
::逾期仍應受理::戶籍登記之申請已逾法定期間者，戶政事務所得拒絕受理。{F ####依戶籍法第48條第2項，逾期者仍應受理。}`;

export default function ImportQuestions() {
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const failure = actionData && !actionData.ok ? actionData : undefined;
  const fields = useFormFields(failure);
  const values = actionData?.values ?? {};
  const valueOf = (name: string) => {
    const v = values[name as keyof typeof values];
    return typeof v === "string" ? v : "";
  };
  const success = actionData?.ok ? actionData : undefined;
  const busy = navigation.state === "submitting";
  // A clean import empties the form; with rejected questions the text stays to be fixed.
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (success && success.result.errors.length === 0) formRef.current?.reset();
  }, [success]);
  return (
    <Stack maw={960}>
      <Group justify="space-between">
        <Title order={1}>{t("bank.import.title")}</Title>
        <Button component={Link} to="/question-bank" variant="default">
          {t("common.back")}
        </Button>
      </Group>
      <Text size="sm" c="gray.7">
        {t("bank.import.intro")}
      </Text>

      {success ? <ImportResult result={success.result} filename={success.filename} /> : null}

      <Paper withBorder p="lg">
        <Form method="post" encType="multipart/form-data" noValidate ref={formRef}>
          <Stack>
            <FormErrorSummary state={failure} />
            <Group align="flex-start" grow>
              <NativeSelect
                id="f-format"
                name="format"
                label={t("bank.import.format")}
                defaultValue={valueOf("format") || "gift"}
                data={[
                  { value: "gift", label: t("bank.import.formatGift") },
                  { value: "aiken", label: t("bank.import.formatAiken") },
                ]}
                error={fields.errorOf("format")}
              />
              <TextInput
                id="f-category"
                name="category"
                label={t("bank.import.category")}
                description={t("bank.import.categoryHint")}
                defaultValue={valueOf("category")}
                error={fields.errorOf("category")}
              />
            </Group>
            <Input.Wrapper id="f-file" label={t("bank.import.file")} error={fields.errorOf("file")}>
              <Box mt={4}>
                <input
                  id="f-file"
                  type="file"
                  name="file"
                  accept=".gift,.txt,text/plain"
                  aria-invalid={fields.errorOf("file") ? true : undefined}
                  aria-describedby={fields.errorOf("file") ? "f-file-error" : undefined}
                />
              </Box>
            </Input.Wrapper>
            <Textarea
              id="f-source"
              name="source"
              label={t("bank.import.source")}
              description={t("bank.import.sourceHint")}
              defaultValue={valueOf("source")}
              error={fields.errorOf("source")}
              autosize
              minRows={10}
              maxRows={30}
              styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)", fontSize: 13 } }}
              spellCheck={false}
            />
            <Group>
              <Button type="submit" loading={busy}>
                {t("bank.import.submit")}
              </Button>
            </Group>
          </Stack>
        </Form>
      </Paper>

      <details>
        <summary style={{ cursor: "pointer" }}>
          <Text component="span" fw={600}>
            {t("bank.import.helpTitle")}
          </Text>
        </summary>
        <Code block mt="xs">
          {GIFT_EXAMPLE}
        </Code>
      </details>
    </Stack>
  );
}

interface ResultProps {
  result: { created: number; updated: number; unchanged: number; errors: { line: number; message: string; excerpt: string }[] };
  filename: string | null;
}

function ImportResult({ result, filename }: ResultProps) {
  const t = useT();
  const stats = [
    { label: t("bank.import.created"), value: result.created, color: "green.9" },
    { label: t("bank.import.updated"), value: result.updated, color: "blue.9" },
    { label: t("bank.import.unchanged"), value: result.unchanged, color: "gray.8" },
    { label: t("bank.import.rejected"), value: result.errors.length, color: result.errors.length ? "red.9" : "gray.8" },
  ];
  return (
    <Paper withBorder p="lg" role="status" aria-live="polite" data-testid="import-result">
      <Stack>
        <Group justify="space-between">
          <Title order={2} size="h3">
            {t("bank.import.result")}
          </Title>
          {filename ? <Text c="gray.7">{t("bank.import.resultFile", { filename })}</Text> : null}
        </Group>
        <SimpleGrid cols={{ base: 2, sm: 4 }}>
          {stats.map((s) => (
            <Paper key={s.label} withBorder p="sm" ta="center">
              <Text size="xl" fw={700} c={s.color}>
                {s.value}
              </Text>
              <Text size="sm">{s.label}</Text>
            </Paper>
          ))}
        </SimpleGrid>
        {result.errors.length === 0 ? (
          <Alert color="green">{t("bank.import.allGood")}</Alert>
        ) : (
          <Stack gap="xs">
            <Title order={3} size="h4" c="red.9">
              {t("bank.import.rejectedTitle")}
            </Title>
            <Table.ScrollContainer minWidth={560}>
              <Table withTableBorder striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col" w={70}>
                      {t("bank.import.line")}
                    </Table.Th>
                    <Table.Th scope="col">{t("bank.import.reason")}</Table.Th>
                    <Table.Th scope="col">{t("bank.import.excerpt")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {result.errors.map((e, i) => (
                    <Table.Tr key={i}>
                      <Table.Td>{e.line}</Table.Td>
                      <Table.Td>{e.message.replace(/^第 \d+ 行：/, "")}</Table.Td>
                      <Table.Td>
                        <Code>{e.excerpt}</Code>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
