import { Checkbox, Fieldset, Group, Paper, SimpleGrid, Stack, Text } from "@mantine/core";
import { Form } from "@remix-run/react";
import { CheckboxField, FormActions, FormErrorSummary, PasswordField, SelectField, TextField, useFormFields, type FormState } from "~/components/form-fields";
import { ROLE_NAMES } from "~/modules/auth/roles";
import { roleLabel } from "~/modules/org/org-labels";

interface UserFormProps {
  state: FormState | undefined;
  offices: { id: number; name: string; kind: "district" | "bureau" }[];
  defaults?: { employeeNo: string; name: string; title: string; email: string | null; officeId: number; roles: string[]; active: boolean };
  /** A new user gets an initial password; an existing one is edited without it. */
  mode: "create" | "edit";
}

export function UserForm({ state, offices, defaults, mode }: UserFormProps) {
  const fields = useFormFields(state, { ...defaults, officeId: defaults?.officeId ?? offices[0]?.id });
  const { t } = fields;
  const selectedRoles = fields.listOf("roles");
  // The bureau role exists only in a bureau office: offer it only to those who can choose one.
  const roleChoices = offices.some((o) => o.kind === "bureau") ? ROLE_NAMES : ROLE_NAMES.filter((r) => r !== "bureau");
  return (
    <Paper withBorder p="lg">
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="save" />
        <Stack>
          <FormErrorSummary state={state} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextField fields={fields} name="employeeNo" label={t("user.employeeNo")} required autoComplete="off" />
            <TextField fields={fields} name="name" label={t("user.name")} required autoComplete="off" />
            <TextField fields={fields} name="title" label={t("user.jobTitle")} required placeholder="課員、戶籍員、約僱人員…" />
            <TextField fields={fields} name="email" label={t("user.email")} type="email" autoComplete="off" />
            <SelectField fields={fields} name="officeId" label={t("user.office")} data={offices.map((o) => ({ value: String(o.id), label: o.name }))} required />
          </SimpleGrid>
          <Fieldset legend={t("user.roles")} aria-describedby="roles-hint">
            <Text size="sm" c="gray.7" id="roles-hint" mb="xs">
              {t("user.rolesHint")}
            </Text>
            <Group>
              {roleChoices.map((role) => (
                <Checkbox key={role} name="roles" value={role} label={t(roleLabel(role))} defaultChecked={selectedRoles.includes(role)} />
              ))}
            </Group>
            {fields.errorOf("roles") ? (
              <Text c="red.8" size="sm" mt="xs" role="alert">
                {fields.errorOf("roles")}
              </Text>
            ) : null}
          </Fieldset>
          {mode === "create" ? (
            <PasswordField fields={fields} name="password" label={t("user.initialPassword")} description={t("user.initialPasswordHint")} autoComplete="new-password" />
          ) : (
            <CheckboxField fields={fields} name="active" label={t("user.active")} />
          )}
          <FormActions cancelTo="/admin/users" />
        </Stack>
      </Form>
    </Paper>
  );
}
