// One training session (issue 5): its details, dates, materials, audience and seats; the viewer's own
// enrolment with 報名 / 取消報名 (or the rules' sentence saying why not). Supervisors also get the
// roster with waitlist places, each person's status history, attendance (出席 / 部分出席 + hours /
// 缺席 / 請假) saved with one button, 「全部出席」, removing a person, and cancelling the session with
// a reason (the people are notified). One action dispatching on `intent`; works without JavaScript.
import { Alert, Anchor, Box, Button, Group, List, NativeSelect, Paper, SimpleGrid, Stack, Table, Text, TextInput, Textarea, Title } from "@mantine/core";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormErrorSummary, useFormFields, type FormState } from "~/components/form-fields";
import { RocDate } from "~/components/roc-date";
import { EnrolmentBadge, IntentButton, KindBadge, PhaseBadge, RequiredBadge, SeatsText, SessionDates, TrainingNotice, refusalText } from "~/components/training/training-parts";
import { useT } from "~/i18n/use-t";
import { requirePermission } from "~/modules/auth/guards.server";
import type { CurrentUser } from "~/modules/auth/session.server";
import { DomainError } from "~/modules/domain-error";
import { formFailure, parseForm, type FieldErrors } from "~/modules/forms.server";
import { requireIdParam } from "~/modules/params";
import { isAttendanceStatus, type AttendanceMark, type EnrolmentEvent, type EnrolmentStatus } from "~/modules/training/enrolment";
import { formatHours } from "~/modules/training/hours";
import { myEnrolmentOptions } from "~/modules/training/session-pages.server";
import { officeColleagues } from "~/modules/org/colleagues.server";
import { attendanceMarkSchema, cancelSessionSchema } from "~/modules/training/training.schema";
import { addToRoster, cancelEnrolment, cancelSession, loadSession, markAllPresent, markAttendance, signUp } from "~/modules/training/training.server";

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "training.attend");
  const id = requireIdParam(args.params.sessionId);
  const db = args.context.db;
  // Scoped read: another office's session is a 404 (ARCHITECTURE rule 4).
  const view = await loadSession(db, user, id);
  const options = await myEnrolmentOptions(db, user, view);
  // Colleagues a supervisor can still put on the roster.
  const onRoster = new Set(view.roster.filter((r) => r.status !== "cancelled").map((r) => r.userId));
  const addable = view.isManager && view.session.status !== "cancelled" ? (await officeColleagues(db, user.officeId)).filter((p) => !onRoster.has(p.id)) : [];
  return { ...view, options, addable };
}

// ------------------------------------------------------------------------------ the action

const fail = (formData: FormData, errors: FieldErrors) => data(formFailure(formData, errors), { status: 400 });

/** mark_<userId> (and hours_<userId> for 部分出席), for the people whose row was filled in. */
function attendanceMarks(formData: FormData): { marks: { userId: number; mark: AttendanceMark }[]; errors: FieldErrors } {
  const marks: { userId: number; mark: AttendanceMark }[] = [];
  const errors: FieldErrors = {};
  for (const [key, raw] of formData.entries()) {
    const m = /^mark_(\d{1,9})$/.exec(key);
    if (!m || typeof raw !== "string" || raw === "") continue;
    const userId = Number(m[1]);
    const status = attendanceMarkSchema.safeParse(raw);
    if (!status.success) {
      errors[key] = "errors.invalid";
      continue;
    }
    if (status.data === "partly_attended") {
      const typed = String(formData.get(`hours_${userId}`) ?? "").trim();
      // Blank or not a number goes to the rule as NaN, which answers with its own sentence (大於 0，且不超過…).
      marks.push({ userId, mark: { status: "partly_attended", hours: typed === "" ? Number.NaN : Number(typed) } });
    } else {
      marks.push({ userId, mark: { status: status.data } });
    }
  }
  return { marks, errors };
}

async function handle(args: ActionFunctionArgs, user: CurrentUser, id: number, formData: FormData) {
  const db = args.context.db;
  const intent = String(formData.get("intent") ?? "");
  const back = (notice: string, n?: number | null) => redirect(`/training/${id}?notice=${notice}${n ? `&n=${n}` : ""}`);
  switch (intent) {
    case "signUp": {
      const result = await signUp(db, user, id);
      return back(result.status, result.waitlistPosition);
    }
    case "cancel":
      await cancelEnrolment(db, user, id);
      return back("enrolmentCancelled");
  }
  // Everything below is a supervisor's: checked here, whatever the page showed.
  const manager = await requirePermission(args, "training.manage");
  switch (intent) {
    case "add": {
      const chosen = String(formData.get("userId") ?? "");
      if (!/^\d+$/.test(chosen)) return fail(formData, { userId: "errors.required" });
      const userId = Number(chosen);
      await addToRoster(db, manager, id, userId);
      return back("added");
    }
    case "remove": {
      const userId = requireIdParam(String(formData.get("userId") ?? ""));
      await cancelEnrolment(db, manager, id, userId);
      return back("removed");
    }
    case "attendance": {
      const { marks, errors } = attendanceMarks(formData);
      if (Object.keys(errors).length) return fail(formData, errors);
      await markAttendance(db, manager, id, marks);
      return back("attendanceSaved");
    }
    case "allPresent": {
      const n = await markAllPresent(db, manager, id);
      return back("allPresent", n);
    }
    case "cancelSession": {
      const parsed = parseForm(cancelSessionSchema, formData);
      if (!parsed.ok) return data(parsed, { status: 400 });
      await cancelSession(db, manager, id, parsed.data.reason);
      return back("sessionCancelled");
    }
    default:
      throw new Response("Bad Request", { status: 400 });
  }
}

export async function action(args: ActionFunctionArgs) {
  const user = await requirePermission(args, "training.attend");
  const id = requireIdParam(args.params.sessionId);
  const formData = await args.request.formData();
  try {
    return await handle(args, user, id, formData);
  } catch (error) {
    if (error instanceof DomainError) return fail(formData, { [error.field]: error.messageKey });
    throw error;
  }
}

// ------------------------------------------------------------------------------ the page

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
type RosterRow = LoaderData["roster"][number];

const PENDING: EnrolmentStatus[] = ["requested", "booked", "waitlisted"];

function Details({ d }: { d: LoaderData }) {
  const t = useT();
  const s = d.session;
  const audience = s.audienceWholeOffice
    ? t("training.audience.office")
    : [
        s.audienceRoles.length ? `${t("training.audience.rolesOf")}${s.audienceRoles.map((r) => t(`role.${r as "staff"}`)).join("、")}` : "",
        s.audiencePeople.length ? s.audiencePeople.map((p) => p.name).join("、") : "",
      ]
        .filter(Boolean)
        .join("；");
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="details-title">
      <Title order={2} size="h4" id="details-title" mb="sm">
        {t("training.details")}
      </Title>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Stack gap={6}>
          <Text size="sm" fw={600}>
            {t("training.form.dates")}
          </Text>
          <SessionDates dates={s.dates} cancelled={s.status === "cancelled"} />
          {s.description ? (
            <Text size="sm" style={{ whiteSpace: "pre-wrap" }} mt="xs">
              {s.description}
            </Text>
          ) : null}
        </Stack>
        <Box component="dl" style={{ display: "grid", gridTemplateColumns: "max-content 1fr", gap: "4px 12px", margin: 0 }}>
          <Text component="dt" size="sm" fw={600}>
            {t("training.field.instructor")}
          </Text>
          <Text component="dd" size="sm" m={0}>
            {s.instructor || "—"}
          </Text>
          <Text component="dt" size="sm" fw={600}>
            {t("training.field.place")}
          </Text>
          <Text component="dd" size="sm" m={0}>
            {s.place || "—"}
          </Text>
          <Text component="dt" size="sm" fw={600}>
            {t("training.field.creditedHours")}
          </Text>
          <Text component="dd" size="sm" m={0}>
            {t("hours.value", { n: formatHours(s.creditedHours) })}
          </Text>
          <Text component="dt" size="sm" fw={600}>
            {t("training.field.capacity")}
          </Text>
          <Text component="dd" size="sm" m={0}>
            <SeatsText seats={d.seats} />
          </Text>
          <Text component="dt" size="sm" fw={600}>
            {t("training.form.audience")}
          </Text>
          <Text component="dd" size="sm" m={0} data-testid="audience">
            {audience}
            {s.required ? `（${t("training.requiredNote")}）` : ""}
          </Text>
          {s.approvalRequired ? (
            <>
              <Text component="dt" size="sm" fw={600}>
                {t("training.approval")}
              </Text>
              <Text component="dd" size="sm" m={0}>
                {t("training.approvalNote")}
              </Text>
            </>
          ) : null}
        </Box>
      </SimpleGrid>
      {s.materials.length ? (
        <Stack gap={4} mt="md">
          <Text size="sm" fw={600}>
            {t("training.form.materials")}
          </Text>
          <List size="sm">
            {s.materials.map((m) => (
              <List.Item key={m.url + m.label}>
                <Anchor href={m.url} target="_blank" rel="noopener noreferrer">
                  {m.label}
                </Anchor>
              </List.Item>
            ))}
          </List>
        </Stack>
      ) : null}
    </Paper>
  );
}

function MyEnrolment({ d, actionData }: { d: LoaderData; actionData: FormState | undefined }) {
  const t = useT();
  const { mine, options, session } = d;
  const active = mine !== null && mine.status !== "cancelled";
  const intent = actionData?.values?.intent;
  const refusal = intent === "signUp" || intent === "cancel" ? refusalText(t, actionData?.errors?._form) : undefined;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="mine-title" data-testid="my-enrolment">
      <Title order={2} size="h4" id="mine-title" mb="sm">
        {t("training.myEnrolment")}
      </Title>
      <Stack gap="xs">
        {active ? (
          <Group gap="xs">
            <EnrolmentBadge status={mine.status} waitlistPosition={mine.waitlistPosition} hours={mine.hours} mine />
            {mine.status === "attended" ? <Text size="sm">{t("training.creditedYou", { n: formatHours(session.creditedHours) })}</Text> : null}
            {mine.status === "partly_attended" && typeof mine.hours === "number" ? <Text size="sm">{t("training.creditedYou", { n: formatHours(mine.hours) })}</Text> : null}
          </Group>
        ) : (
          <Text size="sm" c="gray.7">
            {mine?.status === "cancelled" ? t("training.youCancelled") : t("training.notSignedUp")}
          </Text>
        )}
        {!active ? (
          options.signUp.ok ? (
            <Group gap="xs">
              <IntentButton intent="signUp" sessionId={session.id} label={options.signUp.outcome === "requested" ? t("training.signUpRequest") : options.signUp.outcome === "waitlisted" ? t("training.signUpWaitlist") : t("training.signUp")} />
              <Text size="sm" c="gray.7">
                {t(`training.signUpWill.${options.signUp.outcome as "booked" | "waitlisted" | "requested"}`)}
              </Text>
            </Group>
          ) : (
            <Text size="sm" c="gray.8" data-testid="sign-up-refusal">
              {options.signUp.reason}
            </Text>
          )
        ) : null}
        {active && mine && PENDING.includes(mine.status) && options.cancel ? (
          options.cancel.ok ? (
            <Box>
              <IntentButton intent="cancel" sessionId={session.id} label={t("training.cancelEnrolment")} variant="default" />
            </Box>
          ) : (
            <Text size="sm" c="gray.8" data-testid="cancel-refusal">
              {options.cancel.reason}
            </Text>
          )
        ) : null}
        {refusal ? (
          <Alert color="red" role="alert" p="xs">
            {refusal}
          </Alert>
        ) : null}
      </Stack>
    </Paper>
  );
}

function History({ row }: { row: RosterRow }) {
  const t = useT();
  if (row.history.length === 0) return null;
  return (
    <details>
      <summary style={{ cursor: "pointer", fontSize: "var(--mantine-font-size-sm)" }}>{t("training.roster.history", { n: row.history.length })}</summary>
      <List size="xs" mt={4} spacing={2}>
        {row.history.map((h, i) => (
          <List.Item key={i}>
            <RocDate value={h.at} withTime /> {t(`enrolmentEvent.${h.event as EnrolmentEvent}`)}：{h.fromStatus ? t(`enrolmentStatus.${h.fromStatus as EnrolmentStatus}`) : "—"} → {t(`enrolmentStatus.${h.toStatus as EnrolmentStatus}`)}
            {h.hours !== null ? `（${t("hours.value", { n: formatHours(h.hours) })}）` : ""}
            {h.reason ? `，${h.reason}` : ""}
            {h.actorName ? `（${h.actorName}）` : ""}
          </List.Item>
        ))}
      </List>
    </details>
  );
}

function Roster({ d, actionData }: { d: LoaderData; actionData: FormState | undefined }) {
  const fields = useFormFields(actionData?.values?.intent === "attendance" ? actionData : undefined);
  const t = useT();
  const { session, roster } = d;
  const canMark = session.phase === "in_progress" || session.phase === "over";
  const canRemove = session.phase === "upcoming";
  const intent = actionData?.values?.intent;
  const rosterError =
    intent === "remove" || intent === "allPresent" || intent === "add" ? refusalText(t, actionData?.errors?._form ?? actionData?.errors?.userId) : undefined;
  const markable = (r: RosterRow) => r.status === "booked" || isAttendanceStatus(r.status);
  const active = roster.filter((r) => r.status !== "cancelled");
  const cancelled = roster.filter((r) => r.status === "cancelled");
  const rows = [...active, ...cancelled];
  const markOptions = [
    { value: "", label: t("training.attendance.unmarked") },
    { value: "attended", label: t("enrolmentStatus.attended") },
    { value: "partly_attended", label: t("enrolmentStatus.partly_attended") },
    { value: "absent", label: t("enrolmentStatus.absent") },
    { value: "excused", label: t("enrolmentStatus.excused") },
  ];
  const hoursOf = (r: RosterRow) =>
    r.status === "attended" ? session.creditedHours : r.status === "partly_attended" ? (r.hours ?? 0) : isAttendanceStatus(r.status) ? 0 : null;

  const table = (
    <Table.ScrollContainer minWidth={820}>
      <Table striped withTableBorder verticalSpacing="xs" captionSide="top" data-testid="roster">
        <Table.Caption>{t("training.roster.caption", { n: active.length })}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t("training.roster.name")}</Table.Th>
            <Table.Th scope="col">{t("common.status")}</Table.Th>
            <Table.Th scope="col">{t("training.required")}</Table.Th>
            <Table.Th scope="col">{t("training.roster.hours")}</Table.Th>
            {canMark ? <Table.Th scope="col">{t("training.attendance.title")}</Table.Th> : null}
            <Table.Th scope="col">{t("training.roster.historyTitle")}</Table.Th>
            {canRemove ? <Table.Th scope="col">{t("common.actions")}</Table.Th> : null}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.length === 0 ? (
            <Table.Tr>
              <Table.Td colSpan={7}>
                <Text size="sm" c="gray.7">
                  {t("training.roster.empty")}
                </Text>
              </Table.Td>
            </Table.Tr>
          ) : null}
          {rows.map((r) => {
            const current = isAttendanceStatus(r.status) ? r.status : "";
            const h = hoursOf(r);
            return (
              <Table.Tr key={r.userId} data-user-id={r.userId}>
                <Table.Th scope="row" fw={500}>
                  <Text size="sm" fw={600}>
                    {r.name}
                  </Text>
                  <Text size="xs" c="gray.7">
                    {r.employeeNo}
                    {r.title ? `，${r.title}` : ""}
                  </Text>
                </Table.Th>
                <Table.Td>
                  <EnrolmentBadge status={r.status} waitlistPosition={r.waitlistPosition} hours={r.hours} />
                </Table.Td>
                <Table.Td>{r.required ? t("common.yes") : "—"}</Table.Td>
                <Table.Td>{h === null ? "—" : t("hours.value", { n: formatHours(h) })}</Table.Td>
                {canMark ? (
                  <Table.Td>
                    {markable(r) ? (
                      <Group gap="xs" align="flex-start" wrap="nowrap">
                        <NativeSelect
                          name={`mark_${r.userId}`}
                          aria-label={t("training.attendance.of", { name: r.name })}
                          data={markOptions}
                          defaultValue={fields.valueOf(`mark_${r.userId}`) || current}
                          error={fields.errorOf(`mark_${r.userId}`)}
                          size="xs"
                          w={130}
                        />
                        <TextInput
                          name={`hours_${r.userId}`}
                          aria-label={t("training.attendance.hoursOf", { name: r.name })}
                          placeholder={t("training.attendance.hoursPlaceholder")}
                          defaultValue={fields.valueOf(`hours_${r.userId}`) || (r.status === "partly_attended" && r.hours !== null ? String(r.hours) : "")}
                          inputMode="decimal"
                          size="xs"
                          w={90}
                        />
                      </Group>
                    ) : (
                      <Text size="xs" c="gray.7">
                        —
                      </Text>
                    )}
                  </Table.Td>
                ) : null}
                <Table.Td>
                  <History row={r} />
                </Table.Td>
                {canRemove ? (
                  <Table.Td>
                    {PENDING.includes(r.status) ? (
                      <Button type="submit" form={`remove-${r.userId}`} size="xs" variant="subtle" color="red.8" aria-label={t("training.roster.removeOf", { name: r.name })}>
                        {t("training.roster.remove")}
                      </Button>
                    ) : null}
                  </Table.Td>
                ) : null}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );

  const addForm =
    d.addable.length > 0 ? (
      <Form method="post" data-testid="add-to-roster">
        <input type="hidden" name="intent" value="add" />
        <Group align="flex-end" mt="md" gap="sm">
          <NativeSelect
            id="f-add-userId"
            name="userId"
            label={t("training.roster.addLabel")}
            data={[{ value: "", label: t("training.roster.choose") }, ...d.addable.map((p) => ({ value: String(p.id), label: `${p.employeeNo} ${p.name}（${p.title}）` }))]}
          />
          <Button type="submit" variant="light">
            {t("training.roster.add")}
          </Button>
        </Group>
        <Text size="xs" c="gray.7" mt={4}>
          {t("training.roster.addHint")}
        </Text>
      </Form>
    ) : null;

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="roster-title">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id="roster-title">
          {t("training.roster.title")}
        </Title>
        {canMark ? <IntentButton intent="allPresent" sessionId={session.id} label={t("training.attendance.allPresent")} variant="light" /> : null}
      </Group>
      {canMark ? (
        <Text size="sm" c="gray.7" mb="sm">
          {t("training.attendance.hint", { n: formatHours(session.creditedHours) })}
        </Text>
      ) : session.phase === "upcoming" ? (
        <Text size="sm" c="gray.7" mb="sm">
          {t("training.attendance.notYet")}
        </Text>
      ) : null}
      {rosterError ? (
        <Alert color="red" role="alert" mb="sm">
          {rosterError}
        </Alert>
      ) : null}
      {canMark ? (
        <Form method="post" noValidate id="attendance-form">
          <input type="hidden" name="intent" value="attendance" />
          {fields.hasErrors ? (
            <Box mb="sm">
              <FormErrorSummary state={fields.state} />
            </Box>
          ) : null}
          {table}
          <Group mt="sm">
            <Button type="submit">{t("training.attendance.save")}</Button>
          </Group>
        </Form>
      ) : (
        table
      )}
      {/* One small form per person, outside the table's form; the buttons point at them with form=. */}
      {canRemove
        ? rows
            .filter((r) => PENDING.includes(r.status))
            .map((r) => (
              <Form key={r.userId} method="post" id={`remove-${r.userId}`} hidden>
                <input type="hidden" name="intent" value="remove" />
                <input type="hidden" name="userId" value={r.userId} />
              </Form>
            ))
        : null}
      {addForm}
    </Paper>
  );
}

function CancelSessionForm({ actionData }: { actionData: FormState | undefined }) {
  const fields = useFormFields(actionData?.values?.intent === "cancelSession" ? actionData : undefined);
  const t = useT();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="cancel-title">
      <details open={Boolean(fields.errorOf("reason") || fields.formError)}>
        <summary style={{ cursor: "pointer" }}>
          <Title order={2} size="h4" id="cancel-title" component="span">
            {t("training.cancelSession")}
          </Title>
        </summary>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="cancelSession" />
          <Stack gap="sm" mt="sm">
            <Text size="sm" c="gray.7">
              {t("training.cancelSessionHint")}
            </Text>
            {fields.formError ? (
              <Alert color="red" role="alert" p="xs">
                {fields.formError}
              </Alert>
            ) : null}
            <Textarea
              id="f-reason"
              name="reason"
              label={t("training.cancelReason")}
              defaultValue={fields.valueOf("reason")}
              error={fields.errorOf("reason")}
              required
              autosize
              minRows={2}
              maxLength={500}
            />
            <Group>
              <Button type="submit" color="red.8">
                {t("training.cancelSessionConfirm")}
              </Button>
            </Group>
          </Stack>
        </Form>
      </details>
    </Paper>
  );
}

export default function SessionPage() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as FormState | undefined;
  const t = useT();
  const s = d.session;
  const cancelled = s.status === "cancelled";
  return (
    <Stack gap="md" maw={1200}>
      <Anchor component={Link} to="/training" size="sm">
        ← {t("training.backToList")}
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <Stack gap={6}>
          <Group gap={6}>
            <KindBadge kind={s.kind} />
            {s.required ? <RequiredBadge /> : null}
            <PhaseBadge phase={s.phase} />
          </Group>
          <Title order={1} td={cancelled ? "line-through" : undefined}>
            {s.title}
          </Title>
        </Stack>
        {d.isManager && !cancelled ? (
          <Button component={Link} to={`/training/${s.id}/edit`} variant="default">
            {t("common.edit")}
          </Button>
        ) : null}
      </Group>
      {actionData ? null : <TrainingNotice />}
      {cancelled ? (
        <Alert color="red" variant="light" role="status" data-testid="cancelled-note">
          {t("training.cancelledNote", { reason: s.cancelReason ?? "" })}
        </Alert>
      ) : null}
      <Details d={d} />
      <MyEnrolment d={d} actionData={actionData} />
      {d.isManager ? <Roster d={d} actionData={actionData} /> : null}
      {d.isManager && (s.phase === "upcoming" || s.phase === "in_progress") ? <CancelSessionForm actionData={actionData} /> : null}
    </Stack>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
