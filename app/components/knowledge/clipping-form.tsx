// The clipping form (新增剪報 / 修改剪報), shared by /clippings/new and /clippings/:id/edit. A plain Remix
// <Form> that works without JavaScript; the server validates with clippingSchema and sends back what
// was typed. The summary is a short excerpt in the collector's words: the article itself is
// copyrighted and stays behind its link.
import { Alert, Paper, Stack, Textarea } from "@mantine/core";
import { Form } from "@remix-run/react";
import { FormActions, FormErrorSummary, TextField, useFormFields, type FormState } from "~/components/form-fields";

export interface ClippingFormDefaults {
  title: string;
  outlet: string;
  url: string;
  publishedOn: string;
  summary: string;
  lesson: string;
  tags: string;
}

export const NEW_CLIPPING_DEFAULTS: ClippingFormDefaults = { title: "", outlet: "", url: "", publishedOn: "", summary: "", lesson: "", tags: "" };

export function ClippingForm({
  state,
  defaults,
  cancelTo,
  editWarning,
}: {
  state: FormState | undefined;
  defaults: ClippingFormDefaults;
  cancelTo: string;
  /** On edit: what a change in substance does (re-acknowledgement). */
  editWarning?: string;
}) {
  const fields = useFormFields(state, { ...defaults });
  const { t } = fields;
  return (
    <Paper withBorder p="lg" maw={840}>
      <Form method="post" noValidate data-testid="clipping-form">
        <Stack gap="md">
          <FormErrorSummary state={state} />
          {editWarning ? (
            <Alert color="yellow" data-testid="edit-warning">
              {editWarning}
            </Alert>
          ) : null}
          <TextField fields={fields} name="title" label={t("clippings.field.title")} required maxLength={120} />
          <TextField fields={fields} name="outlet" label={t("clippings.field.outlet")} description={t("clippings.field.outletHint")} required maxLength={60} />
          <TextField fields={fields} name="url" type="url" inputMode="url" label={t("clippings.field.url")} description={t("clippings.field.urlHint")} placeholder="https://" maxLength={2000} />
          <TextField fields={fields} name="publishedOn" type="date" label={t("clippings.field.publishedOn")} required w={220} />
          <Textarea
            id="f-summary"
            name="summary"
            label={t("clippings.field.summary")}
            description={t("clippings.field.summaryHint")}
            defaultValue={fields.valueOf("summary")}
            error={fields.errorOf("summary")}
            autosize
            minRows={4}
            maxLength={1000}
            required
          />
          <Textarea
            id="f-lesson"
            name="lesson"
            label={t("clippings.field.lesson")}
            description={t("clippings.field.lessonHint")}
            defaultValue={fields.valueOf("lesson")}
            error={fields.errorOf("lesson")}
            autosize
            minRows={3}
            maxLength={2000}
          />
          <TextField fields={fields} name="tags" label={t("clippings.field.tags")} description={t("clippings.field.tagsHint")} maxLength={300} />
          <FormActions cancelTo={cancelTo} />
        </Stack>
      </Form>
    </Paper>
  );
}
