// Small pieces every training-session page shares: the kind, 必訓 and status badges, the seats line,
// the dates list and the sign-up / cancel buttons (plain POST forms, working without JavaScript).
import { Alert, Badge, Button, List, Text } from "@mantine/core";
import { Form, useSearchParams } from "@remix-run/react";
import { isMessageKey } from "~/i18n/i18n";
import { useLanguage, useT } from "~/i18n/use-t";
import type { EnrolmentStatus } from "~/modules/training/enrolment";
import { formatHours } from "~/modules/training/hours";
import type { SessionKind, SessionPhase } from "~/modules/training/session";
import { formatSessionDate } from "./training-format";

const KIND_COLOR: Record<SessionKind, string> = {
  professional: "blue.8",
  experience_sharing: "grape.8",
  law_quiz_review: "indigo.8",
  phone_etiquette: "teal.8",
  external: "orange.9",
};

export function KindBadge({ kind }: { kind: SessionKind }) {
  const t = useT();
  return (
    <Badge color={KIND_COLOR[kind]} variant="light" data-kind={kind}>
      {t(`trainingKind.${kind}`)}
    </Badge>
  );
}

export function RequiredBadge() {
  const t = useT();
  return (
    <Badge color="red.8" variant="filled" data-testid="required-badge">
      {t("training.required")}
    </Badge>
  );
}

const PHASE_COLOR: Record<SessionPhase, string> = { upcoming: "blue.8", in_progress: "orange.9", over: "gray.7", cancelled: "red.8" };

export function PhaseBadge({ phase }: { phase: SessionPhase }) {
  const t = useT();
  return (
    <Badge color={PHASE_COLOR[phase]} variant={phase === "cancelled" ? "filled" : "outline"} data-phase={phase}>
      {t(`sessionPhase.${phase}`)}
    </Badge>
  );
}

const STATUS_COLOR: Record<EnrolmentStatus, string> = {
  requested: "orange.9",
  booked: "blue.8",
  waitlisted: "yellow.9",
  cancelled: "gray.7",
  attended: "teal.8",
  partly_attended: "teal.7",
  absent: "red.8",
  excused: "gray.7",
};

/** 已報名 / 候補第 2 位 / 部分出席（1.5 小時）… */
export function EnrolmentBadge({ status, waitlistPosition, hours, mine = false }: { status: EnrolmentStatus; waitlistPosition?: number | null; hours?: number | null; mine?: boolean }) {
  const t = useT();
  let label: string = t(`enrolmentStatus.${status}`);
  if (status === "waitlisted" && waitlistPosition) label = t("training.waitlistPlace", { n: waitlistPosition });
  if (status === "partly_attended" && hours !== null && hours !== undefined) label = `${label}（${t("hours.value", { n: formatHours(hours) })}）`;
  return (
    <Badge color={STATUS_COLOR[status]} variant={mine ? "filled" : "light"} data-status={status} data-testid={mine ? "my-status" : undefined}>
      {mine ? `${t("training.myStatus")}：${label}` : label}
    </Badge>
  );
}

export interface Seats {
  capacity: number | null;
  taken: number;
  free: number | null;
  waiting: number;
}

/** 已報名 18／30，候補 2 (or 不限名額). */
export function seatsText(t: ReturnType<typeof useT>, seats: Seats): string {
  const base = seats.capacity === null ? t("training.seats.unlimited", { taken: seats.taken }) : t("training.seats.limited", { taken: seats.taken, capacity: seats.capacity });
  return seats.waiting > 0 ? `${base}${t("training.seats.waiting", { n: seats.waiting })}` : base;
}

export function SeatsText({ seats }: { seats: Seats }) {
  const t = useT();
  return (
    <Text size="sm" component="span" data-testid="seats">
      {seatsText(t, seats)}
    </Text>
  );
}

export function SessionDates({ dates, cancelled = false }: { dates: { startsAt: string; endsAt: string }[]; cancelled?: boolean }) {
  const language = useLanguage();
  if (dates.length === 1) {
    return (
      <Text size="sm" component="span" td={cancelled ? "line-through" : undefined}>
        <time dateTime={dates[0].startsAt}>{formatSessionDate(dates[0], language)}</time>
      </Text>
    );
  }
  return (
    <List size="sm" spacing={2} td={cancelled ? "line-through" : undefined}>
      {dates.map((d) => (
        <List.Item key={d.startsAt}>
          <time dateTime={d.startsAt}>{formatSessionDate(d, language)}</time>
        </List.Item>
      ))}
    </List>
  );
}

/** One button in its own POST form: intent plus the session id. */
export function IntentButton({
  intent,
  sessionId,
  label,
  variant = "filled",
  color,
  action,
  extra,
}: {
  intent: string;
  sessionId: number;
  label: string;
  variant?: "filled" | "light" | "default" | "outline" | "subtle";
  color?: string;
  action?: string;
  extra?: Record<string, string>;
}) {
  return (
    <Form method="post" action={action} style={{ display: "inline" }}>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="sessionId" value={sessionId} />
      {Object.entries(extra ?? {}).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <Button type="submit" size="xs" variant={variant} color={color}>
        {label}
      </Button>
    </Form>
  );
}

/**
 * The training pages' own ?notice= names (after a redirect), besides the shared saved / created:
 * what a sign-up came to, a cancellation, attendance saved, a session over capacity after an edit.
 */
export function TrainingNotice() {
  const t = useT();
  const [params] = useSearchParams();
  const notice = params.get("notice");
  const n = Number(params.get("n") ?? "0");
  const messages: Record<string, { text: string; color: string }> = {
    saved: { text: t("common.saved"), color: "green" },
    created: { text: t("common.created"), color: "green" },
    booked: { text: t("training.notice.booked"), color: "green" },
    waitlisted: { text: t("training.notice.waitlisted", { n }), color: "yellow" },
    requested: { text: t("training.notice.requested"), color: "blue" },
    enrolmentCancelled: { text: t("training.notice.enrolmentCancelled"), color: "green" },
    removed: { text: t("training.notice.removed"), color: "green" },
    added: { text: t("training.notice.added"), color: "green" },
    attendanceSaved: { text: t("training.notice.attendanceSaved"), color: "green" },
    allPresent: { text: t("training.notice.allPresent", { n }), color: "green" },
    sessionCancelled: { text: t("training.notice.sessionCancelled"), color: "green" },
    overbooked: { text: t("training.notice.overbooked", { n }), color: "orange" },
  };
  const m = notice ? messages[notice] : undefined;
  if (!m) return null;
  return (
    <Alert color={m.color} role="status" data-testid="notice" data-notice={notice}>
      {m.text}
    </Alert>
  );
}

/** A refusal is an i18n key or a sentence the rules wrote (form-fields.tsx does the same for fields). */
export function refusalText(t: ReturnType<typeof useT>, message: string | undefined): string | undefined {
  if (!message) return undefined;
  if (isMessageKey(message)) return t(message);
  return message.startsWith("errors.") ? t("errors.invalid") : message;
}
