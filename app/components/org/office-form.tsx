import { Paper, SimpleGrid, Stack } from "@mantine/core";
import { Form } from "@remix-run/react";
import { CheckboxField, FormActions, FormErrorSummary, SelectField, TextField, useFormFields, type FormState } from "~/components/form-fields";
import { officeKindLabel } from "~/modules/org/org-labels";

export function OfficeForm({
  state,
  defaults,
  canChooseKind,
}: {
  state: FormState | undefined;
  defaults?: { code: string; name: string; shortName: string; kind: "district" | "bureau"; active: boolean };
  canChooseKind: boolean;
}) {
  const fields = useFormFields(state, defaults ?? { kind: "district", active: true });
  const { t } = fields;
  return (
    <Paper withBorder p="lg">
      <Form method="post" noValidate>
        <Stack>
          <FormErrorSummary state={state} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextField fields={fields} name="code" label={t("office.code")} required placeholder="FUBEI" />
            <TextField fields={fields} name="shortName" label={t("office.shortName")} required placeholder="府北戶所" />
            <TextField fields={fields} name="name" label={t("office.name")} required placeholder="臺南市府北戶政事務所" />
            {canChooseKind ? (
              <SelectField
                fields={fields}
                name="kind"
                label={t("office.kind")}
                data={(["district", "bureau"] as const).map((k) => ({ value: k, label: t(officeKindLabel(k)) }))}
                required
              />
            ) : (
              <input type="hidden" name="kind" value={fields.valueOf("kind")} />
            )}
          </SimpleGrid>
          <CheckboxField fields={fields} name="active" label={t("office.active")} />
          <FormActions cancelTo="/admin/offices" />
        </Stack>
      </Form>
    </Paper>
  );
}
