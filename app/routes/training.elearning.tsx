// 數位學習審核 (issue 5, Supervisors: "Verify e-learning records that staff report (approve / return
// with a reason)"; seed 基礎服務 3.(1) 「督導同仁完成數位學習」). The queue is oldest first; each
// row is its own form with 認列 and 退回 (the reason is required to return). A supervisor's own
// record is reviewed by someone else: the server refuses it, and the page says so instead of offering
// the buttons.
import { Alert, Button, Group, Paper, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormErrorSummary, useFormFields } from "~/components/form-fields";
import { RocDate } from "~/components/roc-date";
import { HoursNotice } from "~/components/training-hours/hours-notice";
import { ElearningStatusBadge, hoursText } from "~/components/training-hours/parts";
import { useT } from "~/i18n/use-t";
import { requirePermission } from "~/modules/auth/guards.server";
import { formFailure, parseForm, runCommand } from "~/modules/forms.server";
import { listPendingElearning, listReviewedElearning } from "~/modules/training/hours-pages.server";
import { elearningReviewSchema } from "~/modules/training/training.schema";
import { reviewElearning } from "~/modules/training/training.server";

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "training.manage");
  const db = args.context.db;
  const [pending, reviewed] = await Promise.all([listPendingElearning(db, user.officeId), listReviewedElearning(db, user.officeId)]);
  return { me: user.id, pending, reviewed };
}

export async function action(args: ActionFunctionArgs) {
  const user = await requirePermission(args, "training.manage");
  const formData = await args.request.formData();
  const parsed = parseForm(elearningReviewSchema, formData);
  if (!parsed.ok) return data(parsed, { status: 400 });
  const { id, decision, reason } = parsed.data;
  // Said beside the field before asking the server, which refuses it too.
  if (decision === "return" && !reason) return data(formFailure(formData, { reason: "trainingHours.elearning.reasonRequired" }), { status: 400 });
  const outcome = await runCommand(formData, () => reviewElearning(args.context.db, user, id, decision === "approve" ? { approve: true } : { approve: false, reason }));
  if (!outcome.ok) return outcome.response;
  throw redirect(`/training/elearning?notice=${decision === "approve" ? "approved" : "returned"}`);
}

export default function ElearningQueue() {
  const { me, pending, reviewed } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  const t = useT();
  const failedId = Number(state?.values?.id);

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <Title order={1}>{t("trainingHours.elearning.title")}</Title>
        <Button component={Link} to="/training/roster" variant="subtle">
          {t("trainingHours.links.roster")}
        </Button>
      </Group>
      <Text c="gray.7">{t("trainingHours.elearning.intro")}</Text>
      <HoursNotice />
      {/* A refusal for a row without its own form (already reviewed, or one's own record) shows here. */}
      {state && !pending.some((r) => r.id === failedId && r.userId !== me) ? <FormErrorSummary state={state} /> : null}

      <Paper withBorder p="lg" component="section" aria-labelledby="pending-heading">
        <Stack gap="sm">
          <Title order={2} size="h3" id="pending-heading">
            {t("trainingHours.elearning.pending", { n: pending.length })}
          </Title>
          {pending.length === 0 ? (
            <Text c="gray.7" data-testid="queue-empty">
              {t("trainingHours.elearning.pendingEmpty")}
            </Text>
          ) : (
            <Table.ScrollContainer minWidth={900}>
              <Table withTableBorder striped data-testid="queue">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t("trainingHours.col.person")}</Table.Th>
                    <Table.Th scope="col">{t("trainingHours.col.platform")}</Table.Th>
                    <Table.Th scope="col">{t("trainingHours.col.course")}</Table.Th>
                    <Table.Th scope="col">{t("trainingHours.col.hours")}</Table.Th>
                    <Table.Th scope="col">{t("trainingHours.col.completedOn")}</Table.Th>
                    <Table.Th scope="col">{t("trainingHours.col.certificate")}</Table.Th>
                    <Table.Th scope="col">{t("trainingHours.col.decision")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {pending.map((r) => (
                    <Table.Tr key={r.id} data-record={r.id}>
                      <Table.Td style={{ whiteSpace: "nowrap" }}>
                        <Text size="sm" fw={600}>
                          {r.name}
                        </Text>
                        <Text size="xs" c="gray.7">
                          {r.employeeNo} {r.title}
                        </Text>
                      </Table.Td>
                      <Table.Td>{r.platform}</Table.Td>
                      <Table.Td>{r.course}</Table.Td>
                      <Table.Td style={{ whiteSpace: "nowrap" }}>{hoursText(t, r.hours)}</Table.Td>
                      <Table.Td style={{ whiteSpace: "nowrap" }}>
                        <RocDate value={r.completedOn} />
                      </Table.Td>
                      <Table.Td>{r.certificateNumber || "—"}</Table.Td>
                      <Table.Td miw={280}>
                        {r.userId === me ? (
                          <Text size="sm" c="gray.7">
                            {t("trainingHours.elearning.own")}
                          </Text>
                        ) : (
                          <ReviewForm record={r} state={failedId === r.id ? state : undefined} />
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Stack>
      </Paper>

      <Paper withBorder p="lg" component="section" aria-labelledby="reviewed-heading">
        <Stack gap="sm">
          <Title order={2} size="h3" id="reviewed-heading">
            {t("trainingHours.elearning.recent")}
          </Title>
          {reviewed.length === 0 ? (
            <Text c="gray.7">{t("trainingHours.elearning.recentEmpty")}</Text>
          ) : (
            <Table.ScrollContainer minWidth={900}>
              <Table withTableBorder striped data-testid="reviewed">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t("trainingHours.col.person")}</Table.Th>
                    <Table.Th scope="col">{t("trainingHours.col.course")}</Table.Th>
                    <Table.Th scope="col">{t("trainingHours.col.hours")}</Table.Th>
                    <Table.Th scope="col">{t("trainingHours.col.completedOn")}</Table.Th>
                    <Table.Th scope="col">{t("trainingHours.col.status")}</Table.Th>
                    <Table.Th scope="col">{t("trainingHours.col.reviewedBy")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {reviewed.map((r) => (
                    <Table.Tr key={r.id}>
                      <Table.Td style={{ whiteSpace: "nowrap" }}>
                        {r.name}
                        <Text size="xs" c="gray.7">
                          {r.employeeNo}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        {r.course}
                        <Text size="xs" c="gray.7">
                          {r.platform}
                          {r.certificateNumber ? `・${r.certificateNumber}` : ""}
                        </Text>
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: "nowrap" }}>{hoursText(t, r.hours)}</Table.Td>
                      <Table.Td style={{ whiteSpace: "nowrap" }}>
                        <RocDate value={r.completedOn} />
                      </Table.Td>
                      <Table.Td>
                        <Stack gap={4}>
                          <ElearningStatusBadge status={r.status} />
                          {r.reviewReason ? (
                            <Text size="xs" c="red.9">
                              {r.reviewReason}
                            </Text>
                          ) : null}
                        </Stack>
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: "nowrap" }}>
                        {r.reviewerName ?? "—"}
                        {r.reviewedAt ? (
                          <Text size="xs" c="gray.7">
                            <RocDate value={r.reviewedAt} withTime />
                          </Text>
                        ) : null}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Stack>
      </Paper>
    </Stack>
  );
}

function ReviewForm({ record, state }: { record: { id: number; name: string; course: string }; state: Parameters<typeof useFormFields>[0] }) {
  const fields = useFormFields(state, {});
  const { t } = fields;
  const reasonId = `reason-${record.id}`;
  return (
    <Form method="post" noValidate aria-label={t("trainingHours.elearning.decisionFor", { name: record.name, course: record.course })}>
      <input type="hidden" name="id" value={record.id} />
      <Stack gap={6}>
        {fields.formError ? (
          <Alert color="red" p="xs" role="alert">
            {fields.formError}
          </Alert>
        ) : null}
        <TextInput
          id={reasonId}
          name="reason"
          size="xs"
          label={t("trainingHours.elearning.reason")}
          description={t("trainingHours.elearning.reasonHint")}
          defaultValue={fields.valueOf("reason")}
          error={fields.errorOf("reason")}
          maxLength={500}
        />
        <Group gap="xs">
          <Button type="submit" name="decision" value="approve" size="xs" color="teal.8">
            {t("trainingHours.elearning.approve")}
          </Button>
          <Button type="submit" name="decision" value="return" size="xs" variant="default">
            {t("trainingHours.elearning.return")}
          </Button>
        </Group>
      </Stack>
    </Form>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
