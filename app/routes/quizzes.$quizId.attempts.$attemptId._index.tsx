import { Alert, Anchor, Box, Button, Group, List, Paper, SimpleGrid, Stack, Text, Title, UnstyledButton } from "@mantine/core";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useFetcher, useLoaderData, useRevalidator, useSearchParams } from "@remix-run/react";
import { useCallback, useEffect, useRef, useState, type FormEvent } from "react";
import { QuestionView } from "~/components/quizzes/question-view";
import { RocDate } from "~/components/roc-date";
import { isMessageKey } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { notFound, requirePermission } from "~/modules/auth/guards.server";
import { formFailure, parseForm, runCommand } from "~/modules/forms.server";
import { requireIdParam } from "~/modules/params";
import { attemptIntentSchema } from "~/modules/quizzes/attempt-forms.server";
import { answersFromForm } from "~/modules/quizzes/attempts.schema";
import { getAttemptForTaking, saveResponses, submitAttempt } from "~/modules/quizzes/attempts.server";

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "quizzes.take");
  const quizId = requireIdParam(args.params.quizId);
  const attemptId = requireIdParam(args.params.attemptId);
  // Only the owner's attempt is found; past its deadline it is submitted before it is shown.
  const attempt = await getAttemptForTaking(args.context.db, user, attemptId);
  if (!attempt || attempt.quizId !== quizId) notFound();
  const url = new URL(args.request.url);
  const total = attempt.items.length;
  const q = Number(url.searchParams.get("q"));
  return {
    attempt: {
      id: attempt.id,
      quizId: attempt.quizId,
      quizTitle: attempt.quizTitle,
      attemptNo: attempt.attemptNo,
      deadlineAt: attempt.deadlineAt?.toISOString() ?? null,
      state: attempt.result.state,
      autoSubmitted: attempt.result.autoSubmitted,
      items: attempt.items,
    },
    serverNow: new Date().toISOString(),
    view: url.searchParams.get("view") === "all" ? ("all" as const) : ("one" as const),
    current: Number.isInteger(q) && q >= 1 && q <= total ? q : 1,
    confirm: url.searchParams.get("confirm") === "1",
    late: url.searchParams.get("late") === "1",
  };
}

function targetOf(go: string | undefined, base: string): string | null {
  if (!go) return null;
  if (go === "confirm") return `${base}?confirm=1`;
  if (go === "all") return `${base}?view=all&saved=1`;
  if (go === "review") return `${base}/review`;
  return `${base}?q=${go}`;
}

export async function action(args: ActionFunctionArgs) {
  const user = await requirePermission(args, "quizzes.take");
  const quizId = requireIdParam(args.params.quizId);
  const attemptId = requireIdParam(args.params.attemptId);
  const base = `/quizzes/${quizId}/attempts/${attemptId}`;
  const formData = await args.request.formData();
  const parsed = parseForm(attemptIntentSchema, formData);
  if (!parsed.ok) return data(parsed, { status: 400 });

  if (parsed.data.intent === "submit") {
    // Submitting twice counts once: the second submit finds it submitted and changes nothing.
    const result = await submitAttempt(args.context.db, user, attemptId);
    if (!result || result.quizId !== quizId) notFound();
    throw redirect(`${base}/review`);
  }

  const answers = answersFromForm(formData);
  const refused = answers.filter((a) => !a.ok);
  const outcome = await runCommand(formData, () =>
    saveResponses(
      args.context.db,
      user,
      attemptId,
      answers.flatMap((a) => (a.ok ? [{ position: a.position, response: a.response }] : [])),
    ),
  );
  if (!outcome.ok) return outcome.response;
  if (!outcome.result) notFound();
  if (outcome.result.status === "submitted") {
    // The server's deadline has passed (or it was submitted in another tab): nothing more is saved.
    if (parsed.data.go) throw redirect(`${base}?late=1`);
    return data({ ok: false as const, submitted: true, errors: {} as Record<string, string>, values: {} }, { status: 409 });
  }
  if (refused.length) {
    const failure = formFailure(formData, Object.fromEntries(refused.map((a) => [`q${a.position}`, a.ok ? "" : a.error])));
    return data({ ...failure, submitted: false }, { status: 400 });
  }
  const target = targetOf(parsed.data.go, base);
  if (target) throw redirect(target);
  return { ok: true as const, saved: outcome.result.saved, savedAt: new Date().toISOString() };
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

export default function TakeAttempt() {
  const { attempt, view, current, confirm, late, serverNow } = useLoaderData<typeof loader>();
  const t = useT();
  const base = `/quizzes/${attempt.quizId}/attempts/${attempt.id}`;
  const title = t("attempt.title", { quiz: attempt.quizTitle, n: attempt.attemptNo });

  if (attempt.state === "submitted") {
    return (
      <Stack maw={760}>
        <Title order={1}>{title}</Title>
        <Alert color={attempt.autoSubmitted ? "orange" : "green"} role="status" title={t("attempt.submittedTitle")} data-testid="attempt-submitted">
          {attempt.autoSubmitted || late ? t("attempt.autoSubmitted") : null}
        </Alert>
        <Group>
          <Button component={Link} to={`${base}/review`}>
            {t("attempt.seeReview")}
          </Button>
          <Button component={Link} to={`/quizzes/${attempt.quizId}`} variant="default">
            {t("attempt.backToQuiz")}
          </Button>
        </Group>
      </Stack>
    );
  }

  const answered = attempt.items.filter((i) => i.complete || i.question.type === "description").length;
  return (
    <Stack maw={900} gap="md">
      <Title order={1} size="h2">
        {title}
      </Title>
      <StatusBar attempt={attempt} serverNow={serverNow} answered={answered} />
      {confirm ? <ConfirmSubmit attempt={attempt} base={base} /> : <AnswerForm attempt={attempt} view={view} current={current} base={base} />}
    </Stack>
  );
}

// ---------------------------------------------------------------- the time left and progress

function useServerClock(serverNow: string) {
  // The first render uses the server's time (no hydration mismatch); then the browser's clock,
  // corrected by the difference seen at load. The server still decides: this only displays.
  const [now, setNow] = useState(() => new Date(serverNow).getTime());
  useEffect(() => {
    const offset = new Date(serverNow).getTime() - Date.now();
    const tick = () => setNow(Date.now() + offset);
    tick();
    const timer = window.setInterval(tick, 1000);
    return () => window.clearInterval(timer);
  }, [serverNow]);
  return now;
}

function formatLeft(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const mm = String(m).padStart(2, "0");
  const ss = String(sec).padStart(2, "0");
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

function StatusBar({ attempt, serverNow, answered }: { attempt: LoaderData["attempt"]; serverNow: string; answered: number }) {
  const t = useT();
  const now = useServerClock(serverNow);
  const revalidator = useRevalidator();
  const asked = useRef(false);
  const left = attempt.deadlineAt ? new Date(attempt.deadlineAt).getTime() - now : null;
  useEffect(() => {
    // At zero, ask the server again: it submits the attempt with what was saved.
    if (left !== null && left <= 0 && !asked.current && revalidator.state === "idle") {
      asked.current = true;
      revalidator.revalidate();
    }
  }, [left, revalidator]);
  const urgent = left !== null && left < 5 * 60_000;
  return (
    <Paper withBorder p="sm" radius="md">
      <Group justify="space-between" gap="xs">
        <Text size="sm" data-testid="attempt-progress">
          {t("attempt.progress", { answered, total: attempt.items.length })}
        </Text>
        {attempt.deadlineAt ? (
          <Group gap={6}>
            <Text size="sm" c="gray.7">
              {t("attempt.timeLeft")}
            </Text>
            <Text size="lg" fw={700} c={urgent ? "red.8" : "blue.9"} ff="monospace" data-testid="time-left" aria-live={urgent ? "polite" : "off"}>
              {formatLeft(left ?? 0)}
            </Text>
            <Text size="xs" c="gray.7">
              （{t("attempt.deadlineLabel")} <RocDate value={attempt.deadlineAt} withTime />）
            </Text>
          </Group>
        ) : (
          <Text size="sm" c="gray.7">
            {t("attempt.noTimeLimit")}
          </Text>
        )}
      </Group>
    </Paper>
  );
}

// ---------------------------------------------------------------- answering

interface SaveResult {
  ok: boolean;
  submitted?: boolean;
  savedAt?: string;
  errors?: Record<string, string>;
  values?: Record<string, string | string[]>;
}

/** The form's answers as a string, to skip a save that would send what was already sent. */
function snapshot(form: HTMLFormElement): string {
  const fd = new FormData(form);
  fd.delete("go");
  fd.delete("intent");
  return new URLSearchParams(fd as unknown as Record<string, string>).toString();
}

function AnswerForm({ attempt, view, current, base }: { attempt: LoaderData["attempt"]; view: "one" | "all"; current: number; base: string }) {
  const t = useT();
  const fetcher = useFetcher<SaveResult>();
  const revalidator = useRevalidator();
  const [params] = useSearchParams();
  const formRef = useRef<HTMLFormElement>(null);
  const lastSent = useRef<string | null>(null);
  const textTimer = useRef<number | undefined>(undefined);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  // Saved by the form itself (no JavaScript): the redirect says so.
  const savedByForm = params.get("saved") === "1";

  // What the page was rendered with counts as saved.
  useEffect(() => {
    if (formRef.current) lastSent.current = snapshot(formRef.current);
  }, [current, view]);

  useEffect(() => {
    if (fetcher.state !== "idle" || !fetcher.data) return;
    if (fetcher.data.ok && fetcher.data.savedAt) setSavedAt(fetcher.data.savedAt);
    // Time ran out on the server: reload, and the page shows the attempt was submitted.
    if (fetcher.data.submitted) revalidator.revalidate();
    // Refused (not a number): let the same value be sent again after it is corrected.
    if (!fetcher.data.ok) lastSent.current = null;
  }, [fetcher.state, fetcher.data, revalidator]);

  const save = useCallback(() => {
    const form = formRef.current;
    if (!form) return;
    const now = snapshot(form);
    if (now === lastSent.current) return; // nothing new: no double save
    lastSent.current = now;
    const fd = new FormData(form);
    fd.delete("go");
    fd.set("intent", "save");
    fetcher.submit(fd, { method: "post", action: base });
  }, [fetcher, base]);

  const onChange = (event: FormEvent<HTMLFormElement>) => {
    const target = event.target as HTMLInputElement;
    window.clearTimeout(textTimer.current);
    // A choice is saved at once; typing is saved after a short pause (and when the field is left).
    if (target.type === "text" || target.tagName === "TEXTAREA") textTimer.current = window.setTimeout(save, 800);
    else save();
  };
  useEffect(() => () => window.clearTimeout(textTimer.current), []);

  const items = view === "all" ? attempt.items : attempt.items.filter((i) => i.position === current);
  const total = attempt.items.length;
  const refused = fetcher.data && !fetcher.data.ok ? fetcher.data.errors : undefined;
  const refusedValues = fetcher.data && !fetcher.data.ok ? fetcher.data.values : undefined;
  const saving = fetcher.state !== "idle";

  return (
    <Form method="post" action={base} ref={formRef} onChange={onChange} onBlur={(e) => (e.target as HTMLElement).tagName !== "BUTTON" && save()} noValidate>
      <input type="hidden" name="intent" value="save" />
      {/* Enter in a text field submits with the form's first submit button: make that "save and go on", not question 1 of the navigator. */}
      <button type="submit" name="go" value={view === "all" ? "all" : String(Math.min(current + 1, total))} tabIndex={-1} aria-hidden style={VISUALLY_HIDDEN}>
        {t("attempt.save")}
      </button>
      <Stack gap="md">
        <Navigator attempt={attempt} view={view} current={current} base={base} />
        <Group justify="space-between" gap="xs">
          <Text size="sm" c={refused ? "red.8" : "gray.7"} role="status" aria-live="polite" data-testid="save-status">
            {saving ? t("attempt.saving") : refused ? t("attempt.saveFailed") : savedAt ? t("attempt.savedAt", { time: formatClock(savedAt) }) : savedByForm ? t("attempt.saved") : t("attempt.autosaveHint")}
          </Text>
          <Anchor component={Link} to={view === "all" ? `${base}?q=${current}` : `${base}?view=all`} size="sm">
            {view === "all" ? t("attempt.viewOne") : t("attempt.viewAll")}
          </Anchor>
        </Group>
        {items.map((item) => {
          const key = `q${item.position}`;
          const errorKey = refused?.[key];
          const typed = refusedValues?.[`q${item.position}.num`];
          return (
            <Box key={item.position} id={key} style={{ scrollMarginTop: 80 }}>
              <QuestionView
                item={item}
                mode="answer"
                error={errorKey && isMessageKey(errorKey) ? t(errorKey) : undefined}
                typed={typeof typed === "string" ? typed : undefined}
              />
            </Box>
          );
        })}
        <Group justify="space-between" gap="sm">
          {view === "one" ? (
            <Group gap="sm">
              <Button type="submit" name="go" value={String(current - 1)} variant="default" disabled={current <= 1}>
                {t("attempt.prev")}
              </Button>
              {current < total ? (
                <Button type="submit" name="go" value={String(current + 1)}>
                  {t("attempt.next")}
                </Button>
              ) : null}
            </Group>
          ) : (
            <Button type="submit" name="go" value="all" variant="default">
              {t("attempt.save")}
            </Button>
          )}
          <Button type="submit" name="go" value="confirm" color="green.8" data-testid="finish">
            {t("attempt.finish")}
          </Button>
        </Group>
      </Stack>
    </Form>
  );
}

const VISUALLY_HIDDEN = { position: "absolute", left: -10_000, width: 1, height: 1, overflow: "hidden" } as const;

function formatClock(iso: string): string {
  return new Intl.DateTimeFormat("zh-TW", { hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23", timeZone: "Asia/Taipei" }).format(new Date(iso));
}

function Navigator({ attempt, view, current, base: _base }: { attempt: LoaderData["attempt"]; view: "one" | "all"; current: number; base: string }) {
  const t = useT();
  return (
    <Paper withBorder p="sm" radius="md" component="nav" aria-label={t("attempt.navigator")}>
      <Group gap={6} data-testid="navigator">
        {attempt.items.map((item) => {
          const done = item.complete;
          const isCurrent = view === "one" && item.position === current;
          const label = `${t("quiz.question", { n: item.position })}，${done ? t("attempt.answered") : t("attempt.unanswered")}`;
          const style = {
            width: 40,
            height: 40,
            borderRadius: 6,
            display: "inline-flex",
            alignItems: "center",
            justifyContent: "center",
            fontWeight: 700,
            border: `2px solid ${isCurrent ? "var(--mantine-color-blue-9)" : done ? "var(--mantine-color-blue-7)" : "var(--mantine-color-gray-5)"}`,
            background: done ? "var(--mantine-color-blue-7)" : "white",
            color: done ? "white" : "var(--mantine-color-gray-9)",
            outline: isCurrent ? "2px solid var(--mantine-color-orange-6)" : undefined,
            outlineOffset: 2,
          } as const;
          // In the one-per-screen view a number saves this screen and goes there (also without JavaScript).
          return view === "one" ? (
            <UnstyledButton
              key={item.position}
              type="submit"
              name="go"
              value={String(item.position)}
              aria-label={label}
              aria-current={isCurrent ? "step" : undefined}
              style={style}
              data-answered={done ? "yes" : "no"}
            >
              {item.position}
            </UnstyledButton>
          ) : (
            <a key={item.position} href={`#q${item.position}`} aria-label={label} style={{ ...style, textDecoration: "none" }} data-answered={done ? "yes" : "no"}>
              {item.position}
            </a>
          );
        })}
      </Group>
      <Group gap="md" mt={8}>
        <Legend filled label={t("attempt.answered")} />
        <Legend filled={false} label={t("attempt.unanswered")} />
      </Group>
    </Paper>
  );
}

function Legend({ filled, label }: { filled: boolean; label: string }) {
  return (
    <Group gap={4}>
      <Box
        w={14}
        h={14}
        style={{ borderRadius: 3, border: `2px solid ${filled ? "var(--mantine-color-blue-7)" : "var(--mantine-color-gray-5)"}`, background: filled ? "var(--mantine-color-blue-7)" : "white" }}
        aria-hidden
      />
      <Text size="xs" c="gray.7">
        {label}
      </Text>
    </Group>
  );
}

// ---------------------------------------------------------------- the submit step

function ConfirmSubmit({ attempt, base }: { attempt: LoaderData["attempt"]; base: string }) {
  const t = useT();
  const unanswered = attempt.items.filter((i) => !i.complete && i.question.type !== "description");
  return (
    <Paper withBorder p="lg" radius="md">
      <Stack>
        <Title order={2} size="h3">
          {t("attempt.confirmTitle")}
        </Title>
        {unanswered.length ? (
          <Box>
            <Text c="orange.9" fw={700}>
              {t("attempt.confirmUnanswered", { n: unanswered.length })}
            </Text>
            <SimpleGrid cols={{ base: 3, xs: 6 }} spacing={6} mt={6} data-testid="unanswered">
              {unanswered.map((i) => (
                <Anchor key={i.position} component={Link} to={`${base}?q=${i.position}`}>
                  {t("quiz.question", { n: i.position })}
                </Anchor>
              ))}
            </SimpleGrid>
          </Box>
        ) : (
          <Text c="green.9">{t("attempt.confirmAllAnswered")}</Text>
        )}
        <List size="sm">
          <List.Item>{t("attempt.confirmNote")}</List.Item>
        </List>
        <Form method="post" action={base}>
          <input type="hidden" name="intent" value="submit" />
          <Group>
            <Button type="submit" color="green.8" data-testid="submit-attempt">
              {t("attempt.submit")}
            </Button>
            <Button component={Link} to={`${base}?q=${unanswered[0]?.position ?? 1}`} variant="default">
              {t("attempt.backToQuestions")}
            </Button>
          </Group>
        </Form>
      </Stack>
    </Paper>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
