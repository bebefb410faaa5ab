import { Badge, Button, Checkbox, Fieldset, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { Form } from "@remix-run/react";
import { FormErrorSummary, SelectField, useFormFields, type FormState } from "~/components/form-fields";
import { ROLE_NAMES, type RoleName } from "~/modules/auth/roles";
import { roleLabel } from "~/modules/org/org-labels";

/** Roles a person holds outside their own office, and a form to set them for one office at a time. */
export function OtherOfficeRoles({
  state,
  offices,
  current,
}: {
  state: FormState | undefined;
  offices: { id: number; name: string }[];
  current: { officeId: number; office: string; role: RoleName }[];
}) {
  const fields = useFormFields(state, { officeId: offices[0]?.id });
  const { t } = fields;
  return (
    <Paper withBorder p="lg">
      <Stack>
        <Title order={2} size="h4">
          {t("user.otherOfficeRoles")}
        </Title>
        {current.length > 0 ? (
          <Group gap="xs">
            {current.map((r) => (
              <Badge key={`${r.officeId}-${r.role}`} variant="light" color="blue.9">
                {r.office}：{t(roleLabel(r.role))}
              </Badge>
            ))}
          </Group>
        ) : null}
        {offices.length > 0 ? (
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="officeRoles" />
            <Stack>
              <Text size="sm" c="gray.7">
                {t("user.otherOfficeRolesHint")}
              </Text>
              <FormErrorSummary state={state} />
              <SelectField fields={fields} name="officeId" label={t("office.title")} data={offices.map((o) => ({ value: String(o.id), label: o.name }))} required />
              <Fieldset legend={t("user.roles")} variant="unstyled">
              <Group>
                {ROLE_NAMES.map((role) => (
                  <Checkbox key={role} name="roles" value={role} label={t(roleLabel(role))} defaultChecked={fields.listOf("roles").includes(role)} />
                ))}
              </Group>
              </Fieldset>
              {fields.errorOf("roles") ? (
                <Text c="red.8" size="sm" role="alert">
                  {fields.errorOf("roles")}
                </Text>
              ) : null}
              <Group>
                <Button type="submit" variant="light">
                  {t("user.setOfficeRoles")}
                </Button>
              </Group>
            </Stack>
          </Form>
        ) : null}
      </Stack>
    </Paper>
  );
}
