// The training-session form, shared by /training/new and /training/:id/edit. A plain Remix <Form>
// (works without JavaScript: every date and material row and every audience list is in the page;
// with JavaScript only the rows in use and the chosen audience list show). The server validates
// with sessionSchema (training.schema.ts) and sends back what was typed, errors beside their fields.
import { Box, Button, Checkbox, Fieldset, Group, Paper, Radio, SimpleGrid, Stack, Text, TextInput, Textarea } from "@mantine/core";
import { Form, Link } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { CheckboxField, FormErrorSummary, SelectField, TextField, useFormFields, type FormState } from "~/components/form-fields";
import { MAX_DATE_ROWS, MAX_MATERIAL_ROWS } from "~/modules/training/training.schema";
import { SESSION_KINDS } from "~/modules/training/session";

export const AUDIENCE_ROLES = ["staff", "committee", "chair", "supervisor", "director"] as const;

export type SessionFormDefaults = Record<string, string | string[] | boolean>;

export const NEW_SESSION_DEFAULTS: SessionFormDefaults = {
  kind: "",
  title: "",
  description: "",
  instructor: "",
  place: "",
  creditedHours: "",
  capacity: "",
  required: false,
  approvalRequired: false,
  audience: "office",
  audienceRoles: [],
  audienceUserIds: [],
};

export interface Colleague {
  id: number;
  name: string;
  employeeNo: string;
  title: string;
}

type Fields = ReturnType<typeof useFormFields>;

function FieldError({ message, id }: { message: string | undefined; id?: string }) {
  if (!message) return null;
  return (
    <Text c="red.8" size="sm" role="alert" id={id}>
      {message}
    </Text>
  );
}

/** How many rows hold something (typed or saved), so the page opens with those and one more at most. */
function filledRows(fields: Fields, names: string[], max: number): number {
  let last = -1;
  for (let i = 0; i < max; i++) if (names.some((n) => fields.valueOf(`${n}_${i}`) !== "")) last = i;
  return last + 1;
}

function DateRows({ fields, hydrated }: { fields: Fields; hydrated: boolean }) {
  const { t } = fields;
  const [shown, setShown] = useState(() => Math.max(1, filledRows(fields, ["date", "start", "end"], MAX_DATE_ROWS)));
  const rows = Array.from({ length: MAX_DATE_ROWS }, (_, i) => i);
  return (
    <Fieldset legend={t("training.form.dates")}>
      <Stack gap="sm">
        <Text size="sm" c="gray.7">
          {t("training.form.datesHint")}
        </Text>
        {rows.map((i) => (
          <Group
            key={i}
            align="flex-start"
            gap="sm"
            role="group"
            aria-label={t("training.form.dateRow", { n: i + 1 })}
            style={{ display: !hydrated || i < shown ? undefined : "none" }}
            data-testid={`date-row-${i}`}
          >
            <TextInput
              type="date"
              id={`f-date_${i}`}
              name={`date_${i}`}
              label={t("training.form.date", { n: i + 1 })}
              defaultValue={fields.valueOf(`date_${i}`)}
              error={fields.errorOf(`date_${i}`)}
              required={i === 0}
              w={180}
            />
            <TextInput
              type="time"
              id={`f-start_${i}`}
              name={`start_${i}`}
              label={t("training.form.start")}
              defaultValue={fields.valueOf(`start_${i}`)}
              error={fields.errorOf(`start_${i}`)}
              required={i === 0}
              w={130}
            />
            <TextInput
              type="time"
              id={`f-end_${i}`}
              name={`end_${i}`}
              label={t("training.form.end")}
              defaultValue={fields.valueOf(`end_${i}`)}
              error={fields.errorOf(`end_${i}`)}
              required={i === 0}
              w={130}
            />
          </Group>
        ))}
        <FieldError message={fields.errorOf("dates")} />
        {hydrated && shown < MAX_DATE_ROWS ? (
          <Box>
            <Button variant="light" size="xs" onClick={() => setShown((n) => n + 1)}>
              {t("training.form.addDate")}
            </Button>
          </Box>
        ) : null}
      </Stack>
    </Fieldset>
  );
}

function MaterialRows({ fields, hydrated }: { fields: Fields; hydrated: boolean }) {
  const { t } = fields;
  const [shown, setShown] = useState(() => Math.max(1, filledRows(fields, ["materialLabel", "materialUrl"], MAX_MATERIAL_ROWS)));
  const rows = Array.from({ length: MAX_MATERIAL_ROWS }, (_, i) => i);
  return (
    <Fieldset legend={t("training.form.materials")}>
      <Stack gap="sm">
        <Text size="sm" c="gray.7">
          {t("training.form.materialsHint")}
        </Text>
        {rows.map((i) => (
          <Group
            key={i}
            align="flex-start"
            gap="sm"
            grow
            role="group"
            aria-label={t("training.form.materialRow", { n: i + 1 })}
            style={{ display: !hydrated || i < shown ? undefined : "none" }}
          >
            <TextInput
              id={`f-materialLabel_${i}`}
              name={`materialLabel_${i}`}
              label={t("training.form.materialLabel", { n: i + 1 })}
              defaultValue={fields.valueOf(`materialLabel_${i}`)}
              error={fields.errorOf(`materialLabel_${i}`)}
              maxLength={80}
            />
            <TextInput
              type="url"
              id={`f-materialUrl_${i}`}
              name={`materialUrl_${i}`}
              label={t("training.form.materialUrl")}
              placeholder="https://"
              defaultValue={fields.valueOf(`materialUrl_${i}`)}
              error={fields.errorOf(`materialUrl_${i}`)}
            />
          </Group>
        ))}
        <FieldError message={fields.errorOf("materials")} />
        {hydrated && shown < MAX_MATERIAL_ROWS ? (
          <Box>
            <Button variant="light" size="xs" onClick={() => setShown((n) => n + 1)}>
              {t("training.form.addMaterial")}
            </Button>
          </Box>
        ) : null}
      </Stack>
    </Fieldset>
  );
}

function AudiencePicker({ fields, people, hydrated }: { fields: Fields; people: Colleague[]; hydrated: boolean }) {
  const { t } = fields;
  const [audience, setAudience] = useState(fields.valueOf("audience") || "office");
  const roles = fields.listOf("audienceRoles");
  const chosen = fields.listOf("audienceUserIds");
  const show = (active: boolean) => (!hydrated || active ? undefined : "none");
  return (
    <Fieldset legend={t("training.form.audience")}>
      <Stack>
        <Radio.Group value={audience} onChange={setAudience} name="audience" label={t("training.form.audienceWho")} error={fields.errorOf("audience")}>
          <Group mt="xs">
            <Radio value="office" label={t("training.audience.office")} id="f-audience-office" />
            <Radio value="roles" label={t("training.audience.roles")} id="f-audience-roles" />
            <Radio value="people" label={t("training.audience.people")} id="f-audience-people" />
          </Group>
        </Radio.Group>
        <Box style={{ display: show(audience === "roles") }} role="group" aria-labelledby="audience-roles-label">
          <Text fw={600} size="sm" mb={4} id="audience-roles-label">
            {t("training.form.audienceRoles")}
          </Text>
          <Group>
            {AUDIENCE_ROLES.map((role) => (
              <Checkbox key={role} id={`f-audienceRoles-${role}`} name="audienceRoles" value={role} label={t(`role.${role}`)} defaultChecked={roles.includes(role)} />
            ))}
          </Group>
          <FieldError message={fields.errorOf("audienceRoles")} />
        </Box>
        <Box style={{ display: show(audience === "people") }}>
          <Text fw={600} size="sm" mb={4} id="audience-people-label">
            {t("training.form.audiencePeople")}
          </Text>
          <Box
            style={{ maxHeight: 260, overflowY: "auto", border: "1px solid var(--mantine-color-gray-4)", borderRadius: 4 }}
            p="sm"
            tabIndex={0}
            role="group"
            aria-labelledby="audience-people-label"
          >
            <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="xs">
              {people.map((p) => (
                <Checkbox
                  key={p.id}
                  id={`f-audienceUserIds-${p.id}`}
                  name="audienceUserIds"
                  value={String(p.id)}
                  label={`${p.name}（${p.title ? `${p.title}，` : ""}${p.employeeNo}）`}
                  defaultChecked={chosen.includes(String(p.id))}
                  size="sm"
                />
              ))}
            </SimpleGrid>
          </Box>
          <FieldError message={fields.errorOf("audienceUserIds")} />
        </Box>
      </Stack>
    </Fieldset>
  );
}

export function SessionForm({ state, defaults, people, cancelTo }: { state: FormState | undefined; defaults: SessionFormDefaults; people: Colleague[]; cancelTo: string }) {
  const fields = useFormFields(state, defaults);
  const { t } = fields;
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);

  // After a refused submission, take the reader to the summary of what to fix.
  const summaryRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (state?.errors && summaryRef.current) {
      summaryRef.current.focus();
      summaryRef.current.scrollIntoView({ block: "start" });
    }
  }, [state]);

  return (
    <Paper withBorder p="lg">
      <Form method="post" noValidate>
        <div ref={summaryRef} tabIndex={-1} style={{ outline: "none", scrollMarginTop: 80, marginBottom: state?.errors ? "var(--mantine-spacing-lg)" : 0 }}>
          <FormErrorSummary state={state} />
        </div>
        <Stack gap="lg">
          <Fieldset legend={t("training.form.basics")}>
            <Stack>
              <Group grow align="flex-start">
                <SelectField
                  fields={fields}
                  name="kind"
                  label={t("training.field.kind")}
                  required
                  data={[{ value: "", label: t("training.form.choose") }, ...SESSION_KINDS.map((k) => ({ value: k, label: t(`trainingKind.${k}`) }))]}
                />
                <TextField fields={fields} name="instructor" label={t("training.field.instructor")} maxLength={60} />
              </Group>
              <TextField fields={fields} name="title" label={t("training.field.title")} required maxLength={80} />
              <Textarea
                id="f-description"
                name="description"
                label={t("training.field.description")}
                defaultValue={fields.valueOf("description")}
                error={fields.errorOf("description")}
                autosize
                minRows={3}
                maxLength={4000}
              />
              <TextField fields={fields} name="place" label={t("training.field.place")} maxLength={80} />
              <Group grow align="flex-start">
                <TextField
                  fields={fields}
                  name="creditedHours"
                  label={t("training.field.creditedHours")}
                  description={t("training.form.creditedHoursHint")}
                  inputMode="decimal"
                  required
                />
                <TextField fields={fields} name="capacity" label={t("training.field.capacity")} description={t("training.form.capacityHint")} inputMode="numeric" />
              </Group>
              <CheckboxField fields={fields} name="required" label={t("training.form.required")} />
              <CheckboxField fields={fields} name="approvalRequired" label={t("training.form.approvalRequired")} />
            </Stack>
          </Fieldset>
          <DateRows fields={fields} hydrated={hydrated} />
          <AudiencePicker fields={fields} people={people} hydrated={hydrated} />
          <MaterialRows fields={fields} hydrated={hydrated} />
          <Group>
            <Button type="submit">{t("common.save")}</Button>
            <Button component={Link} to={cancelTo} variant="default">
              {t("common.cancel")}
            </Button>
          </Group>
        </Stack>
      </Form>
    </Paper>
  );
}
