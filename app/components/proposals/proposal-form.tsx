// The 業務研提意見表 as a form, shared by /proposals/new and /proposals/:id/edit. A plain Remix <Form>
// (works without JavaScript); the server validates with proposalSchema and sends back what was typed.
import { Box, Button, Checkbox, Fieldset, Grid, Group, Paper, Stack, Text, TextInput, Textarea } from "@mantine/core";
import { Form, Link } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { FormErrorSummary, SelectField, TextField, useFormFields, type FormState } from "~/components/form-fields";
import { PROPOSAL_CATEGORIES, PROPOSAL_ORIGINS } from "~/modules/proposals/proposal-workflow";
import { LiveSimilarPanel } from "./similar-proposals";

export interface ProposalFormDefaults {
  title: string;
  category: string;
  origin: string;
  problem: string;
  method: string;
  benefit: string;
  estimatedCost: string;
  coProposerIds: string[];
}

export const NEW_PROPOSAL_DEFAULTS: ProposalFormDefaults = {
  title: "",
  category: "",
  origin: "own",
  problem: "",
  method: "",
  benefit: "",
  estimatedCost: "",
  coProposerIds: [],
};

export interface Colleague {
  id: number;
  name: string;
  employeeNo: string;
  title: string;
}

type Fields = ReturnType<typeof useFormFields>;

function TextAreaField({ fields, name, label, description, minRows = 4, maxLength }: { fields: Fields; name: string; label: string; description?: string; minRows?: number; maxLength?: number }) {
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
      maxLength={maxLength}
      required
    />
  );
}

/**
 * 共同提案人: one checkbox per colleague, posting `coProposerIds`. Every box stays in the page (the
 * filter only hides the ones that do not match), so ticked colleagues are posted whatever is typed.
 */
function CoProposerPicker({ fields, people }: { fields: Fields; people: Colleague[] }) {
  const { t } = fields;
  const initial = fields.listOf("coProposerIds");
  const [chosen, setChosen] = useState<Set<string>>(() => new Set(initial));
  const [filter, setFilter] = useState("");
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const q = filter.trim().toLowerCase();
  const matches = (p: Colleague) => !q || p.name.toLowerCase().includes(q) || p.employeeNo.toLowerCase().includes(q) || p.title.includes(q);
  const visible = people.filter(matches);
  const error = fields.errorOf("coProposerIds");
  return (
    <Fieldset legend={t("proposals.field.coProposers")} aria-describedby="coProposers-hint">
      <Stack gap="xs">
        <Text size="sm" c="gray.7" id="coProposers-hint">
          {t("proposals.field.coProposersHint")}
        </Text>
        {/* Has no name, so it is not posted: it only narrows the list below. */}
        {hydrated ? (
          <Group align="flex-end" gap="sm">
            <TextInput
              label={t("proposals.field.coProposersFilter")}
              value={filter}
              onChange={(e) => setFilter(e.currentTarget.value)}
              w={260}
              size="sm"
            />
            <Text size="sm" c="gray.7" aria-live="polite">
              {t("proposals.field.coProposersChosen", { n: chosen.size })}
            </Text>
          </Group>
        ) : null}
        <Box style={{ maxHeight: 260, overflowY: "auto", border: "1px solid var(--mantine-color-gray-4)", borderRadius: 4 }} p="sm" tabIndex={-1}>
          <Grid gutter={6}>
            {people.map((p) => (
              <Grid.Col key={p.id} span={{ base: 12, sm: 6, md: 4 }} style={matches(p) ? undefined : { display: "none" }}>
                <Checkbox
                  name="coProposerIds"
                  value={String(p.id)}
                  defaultChecked={initial.includes(String(p.id))}
                  onChange={(e) => {
                    const checked = e.currentTarget.checked;
                    setChosen((prev) => {
                      const next = new Set(prev);
                      if (checked) next.add(String(p.id));
                      else next.delete(String(p.id));
                      return next;
                    });
                  }}
                  label={`${p.name}（${p.title}，${p.employeeNo}）`}
                  size="sm"
                />
              </Grid.Col>
            ))}
          </Grid>
          {visible.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t("proposals.field.coProposersNoMatch")}
            </Text>
          ) : null}
        </Box>
        {error ? (
          <Text c="red.8" size="sm" role="alert">
            {error}
          </Text>
        ) : null}
      </Stack>
    </Fieldset>
  );
}

interface ProposalFormProps {
  state: FormState | undefined;
  defaults: ProposalFormDefaults;
  people: Colleague[];
  mode: "new" | "edit";
  /** On the edit page: the proposal itself is left out of the similar list. */
  proposalId?: number;
  /** The edit page offers 「儲存並送出」 only while the proposal may be submitted. */
  canSubmit?: boolean;
  cancelTo: string;
}

export function ProposalForm({ state, defaults, people, mode, proposalId, canSubmit = true, cancelTo }: ProposalFormProps) {
  const fields = useFormFields(state, { ...defaults });
  const { t } = fields;
  const [title, setTitle] = useState(fields.valueOf("title"));
  const [method, setMethod] = useState(fields.valueOf("method"));

  // After a refused submission, take the reader to the summary of what to fix.
  const summaryRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (state?.errors && summaryRef.current) {
      summaryRef.current.focus();
      summaryRef.current.scrollIntoView({ block: "start" });
    }
  }, [state]);

  const choose = { value: "", label: t("proposals.field.choose") };
  return (
    <Grid gutter="lg">
      <Grid.Col span={{ base: 12, lg: 8 }}>
        <Paper withBorder p="lg">
          <Form
            method="post"
            noValidate
            onChange={(e) => {
              const target = e.target as HTMLInputElement;
              if (target.name === "title") setTitle(target.value);
              if (target.name === "method") setMethod(target.value);
            }}
          >
            {/* Outside the Stack, so the empty summary adds no gap above the first fieldset. */}
            <div ref={summaryRef} tabIndex={-1} style={{ outline: "none", scrollMarginTop: 80, marginBottom: state?.errors ? "var(--mantine-spacing-lg)" : 0 }}>
              <FormErrorSummary state={state} />
            </div>
            <Stack gap="lg">
              <Fieldset legend={t("proposals.section.basics")}>
                <Stack>
                  <TextField fields={fields} name="title" label={t("proposals.field.title")} description={t("proposals.field.titleHint")} required maxLength={80} />
                  <Group grow align="flex-start">
                    <SelectField
                      fields={fields}
                      name="category"
                      label={t("proposals.field.category")}
                      required
                      data={[choose, ...PROPOSAL_CATEGORIES.map((c) => ({ value: c, label: t(`proposalCategory.${c}`) }))]}
                    />
                    <SelectField
                      fields={fields}
                      name="origin"
                      label={t("proposals.field.origin")}
                      required
                      data={[choose, ...PROPOSAL_ORIGINS.map((o) => ({ value: o, label: t(`proposalOrigin.${o}`) }))]}
                    />
                  </Group>
                </Stack>
              </Fieldset>
              <Fieldset legend={t("proposals.section.content")}>
                <Stack>
                  <TextAreaField fields={fields} name="problem" label={t("proposals.field.problem")} description={t("proposals.field.problemHint")} maxLength={4000} />
                  <TextAreaField fields={fields} name="method" label={t("proposals.field.method")} description={t("proposals.field.methodHint")} maxLength={4000} minRows={5} />
                  <TextAreaField fields={fields} name="benefit" label={t("proposals.field.benefit")} description={t("proposals.field.benefitHint")} maxLength={2000} minRows={3} />
                  <TextField fields={fields} name="estimatedCost" label={t("proposals.field.estimatedCost")} description={t("proposals.field.estimatedCostHint")} maxLength={200} />
                </Stack>
              </Fieldset>
              <CoProposerPicker fields={fields} people={people} />
              <Text size="sm" c="gray.7">
                {t("proposals.submitHint")}
              </Text>
              <Group>
                {mode === "new" ? (
                  <>
                    <Button type="submit" name="intent" value="draft" variant="default">
                      {t("proposals.saveDraft")}
                    </Button>
                    <Button type="submit" name="intent" value="submit">
                      {t("proposals.submit")}
                    </Button>
                  </>
                ) : (
                  <>
                    <Button type="submit" name="intent" value="save" variant={canSubmit ? "default" : "filled"}>
                      {t("proposals.save")}
                    </Button>
                    {canSubmit ? (
                      <Button type="submit" name="intent" value="submit">
                        {t("proposals.saveAndSubmit")}
                      </Button>
                    ) : null}
                  </>
                )}
                <Button component={Link} to={cancelTo} variant="subtle">
                  {t("common.cancel")}
                </Button>
              </Group>
            </Stack>
          </Form>
        </Paper>
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 4 }}>
        <Box pos="sticky" top={80}>
          <LiveSimilarPanel title={title} method={method} excludeId={proposalId} />
        </Box>
      </Grid.Col>
    </Grid>
  );
}
