// 調查結果 (issue 7, "Results"), for those who run the survey. While the round is open only the
// response rate is shown, with why: live figures would give away each new answer by difference
// (README.md, "Live results leak by difference"). After closing: overall index, eNPS, section
// indices, every question's distribution, mean, favourable share and n, comments above the comment
// threshold, breakdowns by each demographic question and the flagged changes against the previous
// round. Every figure under the office's thresholds is hidden for everybody, with its reason.
// ?format=csv exports the same figures (suppressed ones as their message), never a response.
import { Anchor, Button, Group, Paper, Stack, Text, Title } from "@mantine/core";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { BreakdownTable, ComparisonTable, Headline, NoticeBox, QuestionResults, SectionTable, Suppressed } from "~/components/surveys/results-view";
import { RateBar, RoundStateBadge, formatShare } from "~/components/surveys/survey-parts";
import { requestLanguage, type Translate } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { requirePermission } from "~/modules/auth/guards.server";
import { csvResponse, wantsCsv } from "~/modules/csv.server";
import { toCsv } from "~/modules/listing";
import { requireIdParam } from "~/modules/params";
import type { Breakdown, ResultsView, SectionResult } from "~/modules/surveys/results";
import { loadResults } from "~/modules/surveys/surveys.server";

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "surveys.manage");
  const id = requireIdParam(args.params.roundId);
  const loaded = await loadResults(args.context.db, user, id);
  const { round } = loaded;
  const head = {
    id: round.id,
    title: round.title,
    state: round.state,
    thresholds: round.thresholds,
    sections: round.template.sections.map((s) => ({ id: s.id, title: s.title })),
  };
  const rate = { responded: loaded.rate.responded, audience: loaded.rate.audience, percent: loaded.rate.percent };
  if (!loaded.available) {
    if (wantsCsv(new URL(args.request.url))) throw new Response("Not Found", { status: 404 });
    return { round: head, rate, available: false as const };
  }
  if (wantsCsv(new URL(args.request.url))) {
    const { t } = requestLanguage(args.request);
    return resultsCsv(t, head.title, round.id, loaded.results, loaded.breakdowns);
  }
  // Aggregates only (results.ts): counts, shares, means, sorted comments; no response, id or person.
  return { round: head, rate, available: true as const, results: loaded.results, breakdowns: loaded.breakdowns, comparison: loaded.comparison };
}

type Loaded = Extract<Awaited<ReturnType<typeof loadResults>>, { available: true }>;

function viewRows(t: Translate, scope: string, view: ResultsView): (string | number)[][] {
  const rows: (string | number)[][] = [];
  rows.push([scope, t("surveys.csv.kindOverall"), "", t("surveys.overallIndex"), view.respondents, "", view.overallIndex === null ? t("surveys.suppressedHidden") : formatShare(view.overallIndex), "", ""]);
  if (view.enps) {
    const e = view.enps;
    rows.push(e.shown ? [scope, t("surveys.csv.kindEnps"), "", t("surveys.enps"), e.n, "", formatShare(e.score), `+${formatShare(e.promoterShare)} / ${formatShare(e.passiveShare)} / -${formatShare(e.detractorShare)}`, ""] : [scope, t("surveys.csv.kindEnps"), "", t("surveys.enps"), e.suppression.message, e.suppression.message, e.suppression.message, e.suppression.message, e.suppression.message]);
  }
  for (const s of view.sections) {
    const hidden = s.index === null ? (s.suppression?.message ?? t("surveys.suppressedHidden")) : null;
    rows.push([scope, t("surveys.csv.kindSection"), "", s.title, "", hidden ?? (s.meanScore === null ? "" : s.meanScore.toFixed(2)), hidden ?? formatShare(s.index!), "", hidden ?? ""]);
  }
  for (const q of view.questions) {
    const head = [scope, t("surveys.csv.kindQuestion"), q.number, q.text];
    if (!q.shown) {
      const m = q.suppression.message;
      rows.push([...head, m, m, m, m, m]);
      continue;
    }
    const st = q.stats;
    if (st.kind === "free_text") {
      rows.push([...head, st.n, "", "", "", st.comments ? t("surveys.csv.commentsNotExported") : (st.commentsSuppression?.message ?? "")]);
      continue;
    }
    const dist = st.distribution.map((b) => `${b.label} ${b.count}（${formatShare(b.percent)}%）`).join("；");
    const mean = st.kind === "likert5" || st.kind === "scale0to10" ? st.mean.toFixed(2) : "";
    const fav = st.kind === "likert5" ? formatShare(st.favourableShare) : st.kind === "scale0to10" ? formatShare(st.promoterShare) : "";
    rows.push([...head, st.n, mean, fav, dist, ""]);
  }
  return rows;
}

function resultsCsv(t: Translate, title: string, id: number, results: Loaded["results"], breakdowns: Loaded["breakdowns"]) {
  const header = [t("surveys.csv.scope"), t("surveys.csv.kind"), t("surveys.csv.number"), t("surveys.csv.item"), t("surveys.csv.n"), t("surveys.csv.mean"), t("surveys.csv.favourable"), t("surveys.csv.distribution"), t("surveys.csv.note")];
  const rows: (string | number)[][] = [];
  const whole = t("surveys.csv.whole");
  if (!results.shown) {
    const m = results.suppression.message;
    rows.push([whole, t("surveys.csv.kindRound"), "", title, results.respondents, m, m, m, m]);
  } else {
    rows.push(...viewRows(t, whole, results));
    for (const b of breakdowns) {
      if (!b.shown) {
        const m = b.suppression.message;
        rows.push([b.text, t("surveys.csv.kindRound"), "", title, m, m, m, m, m]);
        continue;
      }
      for (const g of b.groups) {
        const scope = `${b.text}：${g.label}`;
        if (!g.shown) {
          const m = g.suppression.message;
          rows.push([scope, t("surveys.csv.kindRound"), "", title, m, m, m, m, m]);
        } else rows.push(...viewRows(t, scope, g.view));
      }
    }
  }
  return csvResponse(`survey-${id}-${title}.csv`, toCsv(header, rows));
}

export default function SurveyResults() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <Stack maw={1080}>
      <Anchor component={Link} to={`/surveys/${d.round.id}`} size="sm">
        ← {d.round.title}
      </Anchor>
      <Group justify="space-between" align="center">
        <Group gap="sm">
          <Title order={1}>
            {d.round.title}
            {t("surveys.resultsTitle")}
          </Title>
          <RoundStateBadge state={d.round.state} />
        </Group>
        {d.available ? (
          <Button component="a" href={`/surveys/${d.round.id}/results?format=csv`} variant="default">
            {t("surveys.exportCsv")}
          </Button>
        ) : null}
      </Group>
      <Paper withBorder p="md">
        <RateBar rate={d.rate} />
      </Paper>
      {!d.available ? (
        <NoticeBox testId="results-pending">{t("surveys.resultsPending")}</NoticeBox>
      ) : !d.results.shown ? (
        <Paper withBorder p="md" data-testid="results-suppressed">
          <Text fw={600}>{t("surveys.respondents", { n: d.results.respondents })}</Text>
          <Suppressed message={d.results.suppression.message} />
        </Paper>
      ) : (
        <>
          <Headline view={d.results} />
          <Paper withBorder p="md" component="section" aria-labelledby="sections-title">
            <Title order={2} size="h4" mb="sm" id="sections-title">
              {t("surveys.sections")}
            </Title>
            <SectionTable view={d.results} />
          </Paper>
          {d.comparison ? (
            <Paper withBorder p="md" component="section" aria-labelledby="comparison-title">
              <Title order={2} size="h4" mb="sm" id="comparison-title">
                {t("surveys.comparison", { title: d.comparison.previousTitle })}
              </Title>
              <ComparisonTable comparison={d.comparison} />
            </Paper>
          ) : null}
          {d.breakdowns.length ? (
            <Paper withBorder p="md" component="section" aria-labelledby="breakdowns-title">
              <Title order={2} size="h4" mb="sm" id="breakdowns-title">
                {t("surveys.breakdowns")}
              </Title>
              <Stack gap="lg">
                {d.breakdowns.map((b: Breakdown) => (
                  <BreakdownTable key={b.demographicId} breakdown={b} sections={d.results.shown ? d.results.sections.map((s: SectionResult) => ({ id: s.sectionId, title: s.title })) : []} />
                ))}
              </Stack>
            </Paper>
          ) : null}
          <Paper withBorder p="md" component="section" aria-labelledby="questions-title">
            <Title order={2} size="h4" mb="sm" id="questions-title">
              {t("surveys.byQuestion")}
            </Title>
            <QuestionResults view={d.results} sectionTitles={d.round.sections} />
          </Paper>
        </>
      )}
    </Stack>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
