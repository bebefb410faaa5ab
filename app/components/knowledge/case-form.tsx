// The special case (特殊案例) as a form, shared by /cases/new and /cases/:id/edit. A plain Remix <Form>
// (works without JavaScript); the server validates with caseSchema (caseFromForm gathers the 法令依據
// rows basisKind_i, law_i, … for i = 0…5) and sends back what was typed beside each error.
import { Anchor, Box, Button, Checkbox, Fieldset, Grid, Group, List, NativeSelect, Paper, Radio, Stack, Text, TextInput, Textarea, Title } from "@mantine/core";
import { Form, Link, useNavigation } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useFormFields, type FormState } from "~/components/form-fields";
import { CASE_CATEGORIES, type LegalBasis } from "~/modules/knowledge/case-rules";
import { MAX_BASIS_ROWS } from "~/modules/knowledge/knowledge.schema";

type Fields = ReturnType<typeof useFormFields>;
type FormDefaults = Record<string, string | boolean>;

export interface CaseFormValues {
  title: string;
  category: string;
  source: string;
  sourceOffice: string;
  caseDate: string | null;
  facts: string;
  issue: string;
  handling: string;
  legalBasis: LegalBasis[];
  lessons: string;
  body: string;
  tags: string[];
  shared: boolean;
}

export const NEW_CASE_DEFAULTS: CaseFormValues = {
  title: "",
  category: "",
  source: "own",
  sourceOffice: "",
  caseDate: null,
  facts: "",
  issue: "",
  handling: "",
  legalBasis: [],
  lessons: "",
  body: "",
  tags: [],
  shared: false,
};

/** The form's flat field names for a case (legal bases become basisKind_i, law_i, …). */
export function caseFormDefaults(c: CaseFormValues): FormDefaults {
  const d: FormDefaults = {
    title: c.title,
    category: c.category,
    source: c.source,
    sourceOffice: c.sourceOffice,
    caseDate: c.caseDate ?? "",
    facts: c.facts,
    issue: c.issue,
    handling: c.handling,
    lessons: c.lessons,
    body: c.body,
    tags: c.tags.join("、"),
    shared: c.shared,
  };
  c.legalBasis.slice(0, MAX_BASIS_ROWS).forEach((b, i) => {
    d[`basisKind_${i}`] = b.kind;
    if (b.kind === "law") {
      d[`law_${i}`] = b.law;
      d[`article_${i}`] = b.article;
    } else {
      d[`issuer_${i}`] = b.issuer;
      d[`documentNumber_${i}`] = b.documentNumber;
      d[`basisDate_${i}`] = b.date;
      d[`basisSummary_${i}`] = b.summary ?? "";
    }
  });
  return d;
}

/** The order errors are listed in the summary, as the fields appear. */
const FIELD_ORDER = ["title", "category", "source", "sourceOffice", "caseDate", "facts", "issue", "handling", "lessons", "body", "tags", "shared", "reason"];
const BASIS_FIELDS = ["law", "article", "issuer", "documentNumber", "basisDate", "basisSummary"];

function fieldLabel(t: Fields["t"], name: string): string {
  const m = /^(\w+)_(\d+)$/.exec(name);
  if (m && BASIS_FIELDS.includes(m[1])) return `${t("cases.field.legalBasis")} ${Number(m[2]) + 1}：${t(`cases.basis.${m[1] as "law"}`)}`;
  if (name === "legalBasis") return t("cases.field.legalBasis");
  return FIELD_ORDER.includes(name) ? t(`cases.field.${name as "title"}`) : name;
}

/** Every refused field, linked to its input, so a long form's errors are found without scrolling. */
function ErrorList({ fields }: { fields: Fields }) {
  const { t, state } = fields;
  const errors = state?.errors ?? {};
  const names = Object.keys(errors);
  if (names.length === 0) return null;
  // Page order: the fields above the 法令依據 rows, then the rows (row by row, field by field), then the rest.
  const rank = (n: string) => {
    if (n === "_form") return -1;
    const basis = /^(\w+)_(\d+)$/.exec(n);
    if (basis && BASIS_FIELDS.includes(basis[1]))
      return FIELD_ORDER.indexOf("handling") + 0.1 + Number(basis[2]) * 0.01 + BASIS_FIELDS.indexOf(basis[1]) * 0.001;
    const i = FIELD_ORDER.indexOf(n);
    return i === -1 ? 100 : i;
  };
  names.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  return (
    <Paper withBorder p="md" role="alert" data-testid="form-errors" style={{ borderColor: "var(--mantine-color-red-6)" }}>
      <Text fw={700} c="red.8" mb="xs">
        {t("common.formHasErrors")}
      </Text>
      <List size="sm">
        {names.map((name) => (
          <List.Item key={name}>
            {name === "_form" ? (
              fields.errorOf("_form")
            ) : (
              <Anchor href={`#f-${name}`}>
                {fieldLabel(t, name)}：{fields.errorOf(name)}
              </Anchor>
            )}
          </List.Item>
        ))}
      </List>
    </Paper>
  );
}

function Area({
  fields,
  name,
  label,
  description,
  minRows = 3,
  required,
}: {
  fields: Fields;
  name: string;
  label: string;
  description?: string;
  minRows?: number;
  required?: boolean;
}) {
  return (
    <Textarea
      id={`f-${name}`}
      name={name}
      label={label}
      description={description}
      defaultValue={fields.valueOf(name)}
      error={fields.errorOf(name)}
      autosize
      minRows={minRows}
      maxRows={24}
      required={required}
    />
  );
}

function Input({ fields, name, label, ...rest }: { fields: Fields; name: string; label: string } & React.ComponentProps<typeof TextInput>) {
  return <TextInput id={`f-${name}`} name={name} label={label} defaultValue={fields.valueOf(name)} error={fields.errorOf(name)} {...rest} />;
}

/**
 * One 法令依據 row: a law and its article, or a 函釋 (issuer, 文號, date, 要旨). Without JavaScript both
 * groups show and the kind select decides which one is read; with it, only the chosen group shows.
 */
function BasisRow({ fields, index, hydrated }: { fields: Fields; index: number; hydrated: boolean }) {
  const { t } = fields;
  const [kind, setKind] = useState(fields.valueOf(`basisKind_${index}`) || "law");
  const rowHasError = BASIS_FIELDS.some((f) => fields.errorOf(`${f}_${index}`));
  return (
    <Fieldset
      legend={t("cases.basis.row", { n: index + 1 })}
      data-testid={`basis-row-${index}`}
      style={rowHasError ? { borderColor: "var(--mantine-color-red-6)" } : undefined}
    >
      <Stack gap="xs">
        <NativeSelect
          id={`f-basisKind_${index}`}
          name={`basisKind_${index}`}
          label={t("cases.basis.kind")}
          value={kind}
          onChange={(e) => setKind(e.currentTarget.value)}
          data={[
            { value: "law", label: t("cases.basis.kind.law") },
            {
              value: "interpretation",
              label: t("cases.basis.kind.interpretation"),
            },
          ]}
          w={{ base: "100%", sm: 220 }}
        />
        <div hidden={hydrated && kind !== "law"}>
          <Grid>
            <Grid.Col span={{ base: 12, sm: 8 }}>
              <Input fields={fields} name={`law_${index}`} label={t("cases.basis.law")} placeholder={t("cases.basis.lawPlaceholder")} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 4 }}>
              <Input fields={fields} name={`article_${index}`} label={t("cases.basis.article")} placeholder={t("cases.basis.articlePlaceholder")} />
            </Grid.Col>
          </Grid>
        </div>
        <div hidden={hydrated && kind !== "interpretation"}>
          <Grid>
            <Grid.Col span={{ base: 12, sm: 4 }}>
              <Input fields={fields} name={`issuer_${index}`} label={t("cases.basis.issuer")} placeholder={t("cases.basis.issuerPlaceholder")} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 5 }}>
              <Input
                fields={fields}
                name={`documentNumber_${index}`}
                label={t("cases.basis.documentNumber")}
                placeholder={t("cases.basis.documentNumberPlaceholder")}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 3 }}>
              <Input fields={fields} name={`basisDate_${index}`} label={t("cases.basis.basisDate")} type="date" />
            </Grid.Col>
            <Grid.Col span={12}>
              <Input fields={fields} name={`basisSummary_${index}`} label={t("cases.basis.basisSummary")} />
            </Grid.Col>
          </Grid>
        </div>
      </Stack>
    </Fieldset>
  );
}

function rowIsFilled(fields: Fields, i: number) {
  return ["basisKind", ...BASIS_FIELDS].some((f) =>
    f === "basisKind" ? fields.valueOf(`${f}_${i}`) === "interpretation" : fields.valueOf(`${f}_${i}`) !== "",
  );
}

function LegalBasisRows({ fields }: { fields: Fields }) {
  const { t } = fields;
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  let filled = 0;
  for (let i = 0; i < MAX_BASIS_ROWS; i++) if (rowIsFilled(fields, i) || BASIS_FIELDS.some((f) => fields.errorOf(`${f}_${i}`))) filled = i + 1;
  // Filled rows and one empty row show; the rest wait behind 「更多列」 (a <details>, no JavaScript needed).
  const shown = Math.min(MAX_BASIS_ROWS, Math.max(1, filled + 1));
  const rows = Array.from({ length: MAX_BASIS_ROWS }, (_, i) => i);
  return (
    <Box component="section" aria-labelledby="legal-basis-title">
      <Title order={2} size="h5" id="legal-basis-title">
        {t("cases.field.legalBasis")}
      </Title>
      <Text size="sm" c="gray.7" mb="xs">
        {t("cases.basis.hint")}
      </Text>
      <Stack gap="sm">
        {rows.slice(0, shown).map((i) => (
          <BasisRow key={i} fields={fields} index={i} hydrated={hydrated} />
        ))}
        {shown < MAX_BASIS_ROWS ? (
          <details>
            <summary style={{ cursor: "pointer" }}>{t("cases.basis.more", { n: MAX_BASIS_ROWS - shown })}</summary>
            <Stack gap="sm" mt="sm">
              {rows.slice(shown).map((i) => (
                <BasisRow key={i} fields={fields} index={i} hydrated={hydrated} />
              ))}
            </Stack>
          </details>
        ) : null}
      </Stack>
    </Box>
  );
}

function MarkdownHint({ t }: { t: Fields["t"] }) {
  return (
    <Text size="xs" c="gray.7" component="span" id="body-hint">
      {t("cases.bodyHint")}
    </Text>
  );
}

export function CaseForm({
  state,
  defaults,
  mode,
  cancelTo,
  officeNames,
}: {
  state: FormState | undefined;
  defaults: FormDefaults;
  /** new, edit (the author's draft), correct (a reviewer or supervisor changes a published case). */
  mode: "new" | "edit" | "correct";
  cancelTo: string;
  officeNames: string[];
}) {
  const fields = useFormFields(state, defaults);
  const { t } = fields;
  const navigation = useNavigation();
  const [source, setSource] = useState(fields.valueOf("source") || "own");
  return (
    <Form method="post" noValidate data-testid="case-form">
      <fieldset disabled={navigation.state === "submitting"} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
        <Stack gap="lg">
          <ErrorList fields={fields} />
          <Paper withBorder p="lg">
            <Stack gap="md">
              <Input fields={fields} name="title" label={t("cases.field.title")} description={t("cases.titleHint")} required maxLength={100} />
              <Grid>
                <Grid.Col span={{ base: 12, sm: 4 }}>
                  <NativeSelect
                    id="f-category"
                    name="category"
                    label={t("cases.field.category")}
                    defaultValue={fields.valueOf("category")}
                    error={fields.errorOf("category")}
                    required
                    data={[
                      { value: "", label: t("cases.choose") },
                      ...CASE_CATEGORIES.map((c) => ({
                        value: c.code,
                        label: t(`caseCategory.${c.code}`),
                      })),
                    ]}
                  />
                </Grid.Col>
                <Grid.Col span={{ base: 12, sm: 4 }}>
                  <Input fields={fields} name="caseDate" label={t("cases.field.caseDate")} type="date" description={t("cases.caseDateHint")} />
                </Grid.Col>
              </Grid>
              <Radio.Group
                id="f-source"
                name="source"
                label={t("cases.field.source")}
                value={source}
                onChange={setSource}
                error={fields.errorOf("source")}
                required
              >
                <Group mt={4}>
                  <Radio value="own" label={t("caseSource.own")} />
                  <Radio value="other_office" label={t("caseSource.other_office")} />
                </Group>
              </Radio.Group>
              <Input
                fields={fields}
                name="sourceOffice"
                label={t("cases.field.sourceOffice")}
                description={t("cases.sourceOfficeHint")}
                list="case-office-names"
                maxLength={60}
                w={{ base: "100%", sm: 360 }}
                required={source === "other_office"}
              />
              <datalist id="case-office-names">
                {officeNames.map((n) => (
                  <option key={n} value={n} />
                ))}
              </datalist>
            </Stack>
          </Paper>

          <Paper withBorder p="lg">
            <Stack gap="md">
              <Area fields={fields} name="facts" label={t("cases.field.facts")} description={t("cases.factsHint")} minRows={4} />
              <Area fields={fields} name="issue" label={t("cases.field.issue")} minRows={2} />
              <Area fields={fields} name="handling" label={t("cases.field.handling")} minRows={3} />
            </Stack>
          </Paper>

          <Paper withBorder p="lg">
            <LegalBasisRows fields={fields} />
          </Paper>

          <Paper withBorder p="lg">
            <Stack gap="md">
              <Area fields={fields} name="lessons" label={t("cases.field.lessons")} minRows={2} />
              <Textarea
                id="f-body"
                name="body"
                label={t("cases.field.body")}
                description={<MarkdownHint t={t} />}
                defaultValue={fields.valueOf("body")}
                error={fields.errorOf("body")}
                autosize
                minRows={5}
                maxRows={30}
                styles={{
                  input: { fontFamily: "var(--mantine-font-family-monospace)" },
                }}
              />
              <Input fields={fields} name="tags" label={t("cases.field.tags")} description={t("cases.tagsHint")} />
              <Checkbox
                id="f-shared"
                name="shared"
                label={t("cases.field.shared")}
                description={t("cases.sharedHint")}
                defaultChecked={fields.checked("shared")}
                error={fields.errorOf("shared")}
              />
            </Stack>
          </Paper>

          <Paper withBorder p="lg">
            <Input
              fields={fields}
              name="reason"
              label={t("cases.field.reason")}
              description={mode === "correct" ? t("cases.reasonRequiredHint") : t("cases.reasonHint")}
              required={mode === "correct"}
              maxLength={200}
            />
          </Paper>

          <Group>
            <Button type="submit" name="intent" value="save">
              {mode === "correct" ? t("cases.saveCorrection") : t("cases.saveDraft")}
            </Button>
            {mode !== "correct" ? (
              <Button type="submit" name="intent" value="submit" variant="light">
                {t("cases.saveAndSubmit")}
              </Button>
            ) : null}
            <Button component={Link} to={cancelTo} variant="default">
              {t("common.cancel")}
            </Button>
          </Group>
        </Stack>
      </fieldset>
    </Form>
  );
}
