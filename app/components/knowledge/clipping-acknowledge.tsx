// A recipient's part of the clipping page: the prominent 「確認已閱」 form (with an optional comment),
// or when it was done, or 「內容已更新，請重新確認」 after a change in substance (circulation.ts:
// an acknowledgement of version n does not count for version n+1).
import { Alert, Button, Paper, Stack, Text, Textarea, Title } from "@mantine/core";
import { Form, useNavigation } from "@remix-run/react";
import { useFormFields, type FormState } from "~/components/form-fields";
import { formatRocDate, formatRocDateTime } from "~/i18n/dates";
import { useLanguage, useT } from "~/i18n/use-t";

export interface MyReceipt {
  acknowledgedAt: string | null;
  reacknowledge: boolean;
  comment: string | null;
  dueOn: string | null;
  kind: "mandatory" | "information";
  overdue: boolean;
}

const dayOf = (isoDate: string) => `${isoDate}T00:00:00+08:00`;

export function AcknowledgePanel({ mine, state }: { mine: MyReceipt; state: FormState | undefined }) {
  const t = useT();
  const language = useLanguage();
  const navigation = useNavigation();
  const fields = useFormFields(state);
  if (mine.acknowledgedAt) {
    return (
      <Alert color="teal" variant="light" title={t("recipientStatus.acknowledged")} data-testid="acknowledged">
        <Text>{t("clippings.ack.done", { at: formatRocDateTime(mine.acknowledgedAt, language) })}</Text>
        {mine.comment ? (
          <Text size="sm" mt={4} style={{ whiteSpace: "pre-wrap" }}>
            {t("clippings.ack.yourComment")}
            {mine.comment}
          </Text>
        ) : null}
      </Alert>
    );
  }
  const due = mine.dueOn ? formatRocDate(dayOf(mine.dueOn), language) : "";
  const lead =
    mine.kind === "information" ? t("clippings.ack.information") : mine.overdue ? t("clippings.ack.mandatoryOverdue", { dueOn: due }) : t("clippings.ack.mandatoryDue", { dueOn: due });
  return (
    <Paper withBorder p="lg" bd="2px solid var(--mantine-color-blue-7)" bg="blue.0" component="section" aria-labelledby="ack-title" data-testid="acknowledge-form">
      <Form method="post">
        <input type="hidden" name="intent" value="acknowledge" />
        <fieldset disabled={navigation.state === "submitting"} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
          <Stack gap="sm">
            <Title order={2} size="h3" id="ack-title">
              {mine.reacknowledge ? t("clippings.ack.again") : t("clippings.ack.title")}
            </Title>
            {mine.reacknowledge ? (
              <Text size="sm" data-testid="reacknowledge">
                {t("clippings.ack.againHint")}
              </Text>
            ) : null}
            <Text fw={600} c={mine.overdue ? "red.8" : undefined}>
              {lead}
            </Text>
            {fields.formError ? (
              <Alert color="red" role="alert" p="xs">
                {fields.formError}
              </Alert>
            ) : null}
            <Textarea
              id="f-ack-comment"
              name="comment"
              label={t("clippings.ack.comment")}
              placeholder={t("clippings.ack.commentHint")}
              defaultValue={fields.valueOf("comment")}
              error={fields.errorOf("comment")}
              autosize
              minRows={2}
              maxLength={500}
            />
            <div>
              <Button type="submit" size="md" color="blue.8">
                {t("clippings.ack.button")}
              </Button>
            </div>
          </Stack>
        </fieldset>
      </Form>
    </Paper>
  );
}
