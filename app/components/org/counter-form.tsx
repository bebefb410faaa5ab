import { Paper, SimpleGrid, Stack } from "@mantine/core";
import { Form } from "@remix-run/react";
import { CheckboxField, FormActions, FormErrorSummary, SelectField, TextField, useFormFields, type FormState } from "~/components/form-fields";
import { counterKindLabel } from "~/modules/org/org-labels";

const KINDS = ["combined", "mobile", "citizen_certificate"] as const;

export function CounterForm({
  state,
  offices,
  defaults,
}: {
  state: FormState | undefined;
  offices: { id: number; name: string }[];
  defaults?: { officeId: number; number: number; kind: (typeof KINDS)[number]; label: string | null; active: boolean };
}) {
  const fields = useFormFields(state, defaults ?? { officeId: offices[0]?.id, kind: "combined", active: true });
  const { t } = fields;
  return (
    <Paper withBorder p="lg">
      <Form method="post" noValidate>
        <Stack>
          <FormErrorSummary state={state} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <SelectField fields={fields} name="officeId" label={t("counter.office")} data={offices.map((o) => ({ value: String(o.id), label: o.name }))} required />
            <TextField fields={fields} name="number" label={t("counter.number")} required inputMode="numeric" />
            <SelectField fields={fields} name="kind" label={t("counter.kind")} data={KINDS.map((k) => ({ value: k, label: t(counterKindLabel(k)) }))} required />
            <TextField fields={fields} name="label" label={t("counter.label")} />
          </SimpleGrid>
          <CheckboxField fields={fields} name="active" label={t("counter.active")} />
          <FormActions cancelTo="/admin/counters" />
        </Stack>
      </Form>
    </Paper>
  );
}
