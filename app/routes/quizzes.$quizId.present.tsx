// Presenter mode for the review meeting (解說會, seed 基礎服務 3.(3) 「逐題解說釋疑」): one question
// at a time on a projector, then how the office answered it, then the explanation. Every step is a
// URL (?q=<n>&step=question|answers|explanation), so the links work without JavaScript; with it,
// the arrow keys change question and the space bar takes the next step.
import { Alert, Anchor, Box, Button, Group, Paper, Stack, Text, Title } from "@mantine/core";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useNavigate } from "@remix-run/react";
import { useEffect } from "react";
import { PresenterOptions } from "~/components/quizzes/stats/presenter-options";
import { optionLetter } from "~/components/quizzes/stats/stats-parts";
import { formatRocDateTime } from "~/i18n/dates";
import { useLanguage, useT } from "~/i18n/use-t";
import { notFound, requirePermission } from "~/modules/auth/guards.server";
import { requireIdParam } from "~/modules/params";
import { getQuizStatistics } from "~/modules/quizzes/quiz-statistics.server";
import { explanationsMayShow } from "~/modules/quizzes/quizzes.schema";

const STEPS = ["question", "answers", "explanation"] as const;
type Step = (typeof STEPS)[number];

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "quizzes.manage");
  const id = requireIdParam(args.params.quizId);
  const stats = await getQuizStatistics(args.context.db, user.officeId, id);
  if (!stats) notFound();
  const { quiz } = stats;
  const base = { quiz: { id: quiz.id, title: quiz.title, selection: quiz.selection, closesAt: quiz.closesAt } };
  // An open quiz whose explanations wait for its closing must not have its answers on a screen.
  if (!explanationsMayShow(quiz)) return { ...base, blocked: true as const, total: 0, current: null };
  const url = new URL(args.request.url);
  const total = stats.questions.length;
  const n = Math.min(Math.max(1, Math.floor(Number(url.searchParams.get("q")) || 1)), Math.max(1, total));
  const stepParam = url.searchParams.get("step");
  const step: Step = (STEPS as readonly string[]).includes(stepParam ?? "") ? (stepParam as Step) : "question";
  const q = stats.questions[n - 1];
  if (!q) return { ...base, blocked: false as const, total, current: null };
  const revealed = step !== "question";
  return {
    ...base,
    blocked: false as const,
    total,
    current: {
      n,
      step,
      name: q.name,
      category: q.category,
      text: q.text,
      // Counts and the right answer only once revealed: the page source shows nothing early.
      options: q.options.map((o, i) => ({
        letter: optionLetter(i),
        text: o.label,
        ...(revealed ? { count: q.stats.optionCounts[o.index] ?? 0, right: o.right } : {}),
      })),
      answered: revealed ? q.stats.count : null,
      unanswered: revealed ? q.stats.unanswered : null,
      rightCount: revealed ? q.rightCount : null,
      wrongCount: revealed ? q.wrongCount : null,
      rightAnswer: revealed ? q.rightAnswer : null,
      explanation: step === "explanation" ? q.explanation : null,
    },
  };
}

function hrefOf(quizId: number, n: number, step: Step = "question") {
  return `/quizzes/${quizId}/present?q=${n}${step === "question" ? "" : `&step=${step}`}`;
}

export default function Presenter() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const language = useLanguage();
  const navigate = useNavigate();
  const { quiz, total, current } = data;

  const prev = current && current.n > 1 ? hrefOf(quiz.id, current.n - 1) : null;
  const next = current && current.n < total ? hrefOf(quiz.id, current.n + 1) : null;
  const nextStep = current ? (current.step === "question" ? hrefOf(quiz.id, current.n, "answers") : current.step === "answers" ? hrefOf(quiz.id, current.n, "explanation") : next) : null;

  // The explanation may start below a long question: bring it into view when it is revealed.
  const explanationShown = current?.step === "explanation";
  useEffect(() => {
    if (explanationShown) document.querySelector("[data-testid=presenter-explanation]")?.scrollIntoView({ block: "nearest" });
  }, [explanationShown, current?.n]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (e.altKey || e.ctrlKey || e.metaKey || (target && /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
      const go = e.key === "ArrowRight" || e.key === "PageDown" ? next : e.key === "ArrowLeft" || e.key === "PageUp" ? prev : e.key === " " ? nextStep : null;
      // The space bar on a focused link or button does its own thing.
      if (e.key === " " && target && /^(A|BUTTON)$/.test(target.tagName)) return;
      if (go) {
        e.preventDefault();
        navigate(go);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [next, prev, nextStep, navigate]);

  return (
    <Box
      // Above the portal's shell: the projector shows only the question.
      style={{ position: "fixed", inset: 0, zIndex: 300, background: "white", overflowY: "auto" }}
      data-testid="presenter"
    >
      <Stack px="xl" pt="lg" pb="xs" gap="md" maw={1500} mx="auto" mih="100%">
        <Group justify="space-between" wrap="nowrap">
          <Text fz={22} fw={700} c="blue.9">
            {t("present.title", { title: quiz.title })}
          </Text>
          <Group gap="md" wrap="nowrap">
            {current ? (
              <Text fz={22} fw={700} data-testid="presenter-position">
                {t("present.questionOf", { n: current.n, total })}
              </Text>
            ) : null}
            <Anchor component={Link} to={`/quizzes/${quiz.id}/stats`} fz={18}>
              {t("present.exit")}
            </Anchor>
          </Group>
        </Group>

        {data.blocked ? (
          <Alert color="yellow" fz={24} data-testid="presenter-blocked">
            <Text fz={24}>{t("present.notYet", { closes: quiz.closesAt ? formatRocDateTime(quiz.closesAt, language) : "—" })}</Text>
          </Alert>
        ) : !current ? (
          <Alert color="gray">
            <Text fz={24}>{t("present.noQuestions")}</Text>
          </Alert>
        ) : (
          <>
            {quiz.selection === "random" && current.n === 1 ? <Text c="gray.7">{t("present.randomNote")}</Text> : null}
            <Stack gap={4}>
              <Text fz={18} c="gray.7">
                {current.category}
              </Text>
              <Title order={1} fz={40} lh={1.35} fw={700} style={{ whiteSpace: "pre-wrap" }} data-testid="presenter-question">
                {current.n}. {current.text}
              </Title>
            </Stack>

            {current.options.length > 0 ? (
              <PresenterOptions options={current.options} total={current.answered ?? 0} revealed={current.step !== "question"} compact={current.step === "explanation"} />
            ) : current.step !== "question" ? (
              <Paper withBorder p="lg">
                <Text fz={26} c="gray.7">
                  {t("present.typeNoOptions")}
                </Text>
                {current.rightAnswer ? (
                  <Text fz={32} fw={700} c="green.9" mt="sm">
                    {t("present.rightAnswer")}：{current.rightAnswer}
                  </Text>
                ) : null}
                <PresenterOptions
                  options={[
                    { letter: "✓", text: t("stats.right"), count: current.rightCount ?? 0, right: true },
                    { letter: "✗", text: t("stats.wrong"), count: current.wrongCount ?? 0, right: false },
                  ]}
                  total={current.answered ?? 0}
                  revealed
                />
              </Paper>
            ) : null}

            {current.step !== "question" ? (
              <Text fz={24} c="gray.8" data-testid="presenter-answered">
                {t("present.answered", { n: current.answered ?? 0 })}
                {current.unanswered ? `（${t("stats.unanswered")} ${current.unanswered}）` : ""}
              </Text>
            ) : null}

            {current.step === "explanation" ? (
              <Paper p="lg" radius="md" bg="blue.0" style={{ borderLeft: "8px solid var(--mantine-color-blue-7)", scrollMarginBottom: 130 }} data-testid="presenter-explanation">
                <Text fz={26} fw={800} c="blue.9" mb="xs">
                  {t("present.explanation")}
                </Text>
                <Text fz={28} lh={1.5} style={{ whiteSpace: "pre-wrap" }}>
                  {current.explanation || t("present.noExplanation")}
                </Text>
              </Paper>
            ) : null}

            {/* The controls stay on screen however long the question is. */}
            <Group
              justify="space-between"
              mt="auto"
              py="md"
              wrap="nowrap"
              style={{ position: "sticky", bottom: 0, background: "white", borderTop: "1px solid var(--mantine-color-gray-3)" }}
            >
              {prev ? (
                <Button component={Link} to={prev} size="xl" variant="default">
                  ← {t("present.prev")}
                </Button>
              ) : (
                <span />
              )}
              <Group wrap="nowrap">
                {current.step === "question" ? (
                  <Button component={Link} to={hrefOf(quiz.id, current.n, "answers")} size="xl">
                    {t("present.showDistribution")}
                  </Button>
                ) : null}
                {current.step === "answers" ? (
                  <Button component={Link} to={hrefOf(quiz.id, current.n, "explanation")} size="xl">
                    {t("present.showExplanation")}
                  </Button>
                ) : null}
              </Group>
              {next ? (
                <Button component={Link} to={next} size="xl" variant={current.step === "explanation" ? "filled" : "default"}>
                  {t("present.next")} →
                </Button>
              ) : (
                <span />
              )}
            </Group>
            <Text size="sm" c="gray.7" ta="center" mt={-8}>
              {t("present.keys")}
            </Text>
          </>
        )}
      </Stack>
    </Box>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
