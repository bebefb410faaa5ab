// 教育訓練 (issue 5, staff: "My sessions (upcoming, past), sign up / cancel"): the office's sessions of
// the next 90 days and the last 180, each with its kind, dates, place, hours, seats, 必訓 and the
// viewer's own status, and 報名 / 取消報名 where the rules allow. Supervisors get 「新增場次」.
// One action dispatching on `intent`, so the buttons work without JavaScript.
import { Alert, Anchor, Button, Group, NativeSelect, Paper, Stack, Text, Title } from "@mantine/core";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { FormState } from "~/components/form-fields";
import { EnrolmentBadge, IntentButton, KindBadge, PhaseBadge, RequiredBadge, SeatsText, refusalText, SessionDates, TrainingNotice } from "~/components/training/training-parts";
import { useT } from "~/i18n/use-t";
import { requirePermission } from "~/modules/auth/guards.server";
import { DomainError } from "~/modules/domain-error";
import { formFailure } from "~/modules/forms.server";
import { requireIdParam } from "~/modules/params";
import type { EnrolmentStatus } from "~/modules/training/enrolment";
import { formatHours } from "~/modules/training/hours";
import { SESSION_KINDS, type SessionKind } from "~/modules/training/session";
import { listEnrolmentHints } from "~/modules/training/session-pages.server";
import { cancelEnrolment, isTrainingManager, listSessions, signUp } from "~/modules/training/training.server";

const DAY_MS = 86_400_000;
const PENDING: EnrolmentStatus[] = ["requested", "booked", "waitlisted"];

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "training.attend");
  const url = new URL(args.request.url);
  const askedKind = url.searchParams.get("kind") ?? "";
  const kind = (SESSION_KINDS as readonly string[]).includes(askedKind) ? (askedKind as SessionKind) : null;
  const now = new Date();
  const db = args.context.db;
  const all = await listSessions(db, user, { from: new Date(now.getTime() - 180 * DAY_MS), to: new Date(now.getTime() + 90 * DAY_MS) }, now);
  const sessions = all.filter((s) => kind === null || s.kind === kind);
  const hints = await listEnrolmentHints(db, user, sessions.map((s) => s.id));
  const rows = sessions.map((s) => {
    const hint = hints.get(s.id);
    const lastEnd = s.dates.reduce((max, d) => (d.endsAt > max ? d.endsAt : max), "");
    const upcoming = s.phase === "upcoming";
    const pending = s.myStatus !== null && PENDING.includes(s.myStatus);
    return {
      ...s,
      ended: lastEnd !== "" && new Date(lastEnd).getTime() <= now.getTime(),
      canSignUp: upcoming && (s.myStatus === null || s.myStatus === "cancelled") && Boolean(hint && (hint.inAudience || s.required)),
      canCancel: upcoming && pending && !hint?.requiredForMe,
      requiredForMe: Boolean(hint?.requiredForMe),
      inAudience: Boolean(hint?.inAudience),
      approvalRequired: Boolean(hint?.approvalRequired),
    };
  });
  return {
    kind,
    isManager: isTrainingManager(user),
    upcoming: rows.filter((r) => !r.ended),
    past: rows.filter((r) => r.ended).reverse(),
  };
}

export async function action(args: ActionFunctionArgs) {
  const user = await requirePermission(args, "training.attend");
  const formData = await args.request.formData();
  const intent = String(formData.get("intent") ?? "");
  const sessionId = requireIdParam(String(formData.get("sessionId") ?? ""));
  const kind = String(formData.get("kind") ?? "");
  const back = (notice: string, n?: number | null) =>
    redirect(`/training?${new URLSearchParams({ ...(kind ? { kind } : {}), notice, ...(n ? { n: String(n) } : {}) }).toString()}#session-${sessionId}`);
  try {
    switch (intent) {
      case "signUp": {
        const result = await signUp(args.context.db, user, sessionId);
        return back(result.status, result.waitlistPosition);
      }
      case "cancel":
        await cancelEnrolment(args.context.db, user, sessionId);
        return back("enrolmentCancelled");
      default:
        throw new Response("Bad Request", { status: 400 });
    }
  } catch (error) {
    // The rules' own sentence (已額滿候補、必訓不能取消…) goes back beside the session.
    if (error instanceof DomainError) return data(formFailure(formData, { _form: error.messageKey }), { status: 400 });
    throw error;
  }
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>["upcoming"][number];

function SessionCard({ s, kind, refusal }: { s: Row; kind: string | null; refusal: string | undefined }) {
  const t = useT();
  const cancelled = s.phase === "cancelled";
  return (
    <Paper withBorder p="md" component="article" id={`session-${s.id}`} aria-labelledby={`session-${s.id}-title`} data-testid="session-card" data-session-id={s.id}>
      <Stack gap={6}>
        <Group gap={6}>
          <KindBadge kind={s.kind} />
          {s.required ? <RequiredBadge /> : null}
          {s.phase !== "upcoming" ? <PhaseBadge phase={s.phase} /> : null}
          {s.myStatus && s.myStatus !== "cancelled" ? <EnrolmentBadge status={s.myStatus} waitlistPosition={s.myWaitlistPosition} mine /> : null}
        </Group>
        <Title order={3} size="h4" id={`session-${s.id}-title`} td={cancelled ? "line-through" : undefined}>
          <Anchor component={Link} to={`/training/${s.id}`} inherit>
            {s.title}
          </Anchor>
        </Title>
        <SessionDates dates={s.dates} cancelled={cancelled} />
        <Group gap="lg">
          {s.place ? (
            <Text size="sm">
              {t("training.field.place")}：{s.place}
            </Text>
          ) : null}
          <Text size="sm">
            {t("training.field.creditedHours")}：{t("hours.value", { n: formatHours(s.creditedHours) })}
          </Text>
          {!cancelled ? <SeatsText seats={s.seats} /> : null}
        </Group>
        {s.canSignUp || s.canCancel ? (
          <Group gap="xs">
            {s.canSignUp ? (
              <IntentButton intent="signUp" sessionId={s.id} label={s.approvalRequired ? t("training.signUpRequest") : s.seats.free !== null && s.seats.free <= s.seats.waiting && !(s.required && s.inAudience) ? t("training.signUpWaitlist") : t("training.signUp")} extra={kind ? { kind } : undefined} />
            ) : null}
            {s.canCancel ? <IntentButton intent="cancel" sessionId={s.id} label={t("training.cancelEnrolment")} variant="default" extra={kind ? { kind } : undefined} /> : null}
          </Group>
        ) : null}
        {s.requiredForMe && s.phase === "upcoming" && s.myStatus === "booked" ? (
          <Text size="xs" c="gray.7">
            {t("training.requiredNoCancel")}
          </Text>
        ) : null}
        {refusal ? (
          <Alert color="red" role="alert" p="xs" data-testid="refusal">
            {refusal}
          </Alert>
        ) : null}
      </Stack>
    </Paper>
  );
}

export default function TrainingList() {
  const { kind, isManager, upcoming, past } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as FormState | undefined;
  const t = useT();
  const refusedId = Number(actionData?.values?.sessionId ?? 0);
  const refusal = refusalText(t, actionData?.errors?._form);
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>{t("nav.training")}</Title>
        <Group gap="xs">
          <Button component={Link} to="/training/calendar" variant="default">
            {t("nav.trainingCalendar")}
          </Button>
          {isManager ? (
            <Button component={Link} to="/training/new">
              {t("training.newSession")}
            </Button>
          ) : null}
        </Group>
      </Group>
      {actionData ? null : <TrainingNotice />}
      <Form method="get" aria-label={t("training.filter")}>
        <Group align="flex-end" gap="sm">
          <NativeSelect
            id="f-kind"
            name="kind"
            label={t("training.field.kind")}
            defaultValue={kind ?? ""}
            data={[{ value: "", label: t("common.all") }, ...SESSION_KINDS.map((k) => ({ value: k, label: t(`trainingKind.${k}`) }))]}
            w={220}
          />
          <Button type="submit" variant="light">
            {t("common.filter")}
          </Button>
        </Group>
      </Form>
      <Stack gap="sm" component="section" aria-labelledby="upcoming-title">
        <Title order={2} size="h3" id="upcoming-title">
          {t("training.upcoming")}
        </Title>
        {upcoming.length === 0 ? <Text c="gray.7">{t("training.noUpcoming")}</Text> : null}
        {upcoming.map((s) => (
          <SessionCard key={s.id} s={s} kind={kind} refusal={refusedId === s.id ? refusal : undefined} />
        ))}
      </Stack>
      <Stack gap="sm" component="section" aria-labelledby="past-title">
        <Title order={2} size="h3" id="past-title">
          {t("training.past")}
        </Title>
        {past.length === 0 ? <Text c="gray.7">{t("training.noPast")}</Text> : null}
        {past.map((s) => (
          <SessionCard key={s.id} s={s} kind={kind} refusal={refusedId === s.id ? refusal : undefined} />
        ))}
      </Stack>
    </Stack>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
