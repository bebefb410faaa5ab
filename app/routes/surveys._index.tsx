// 員工滿意度調查 (issue 7): the office's rounds. Everyone sees the open round with 「開始填答」,
// 「繼續填答」 (a draft is saved) or 「已完成填答，謝謝」; supervisors and the director also see rounds
// not yet opened, each round's response rate (counts only) and 「新增調查」.
import { Alert, Anchor, Button, Group, Paper, Stack, Text, Title } from "@mantine/core";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { RateBar, RoundStateBadge, SurveyNotice } from "~/components/surveys/survey-parts";
import { formatRocDate } from "~/i18n/dates";
import { useLanguage, useT } from "~/i18n/use-t";
import { requirePermission } from "~/modules/auth/guards.server";
import { isSurveyManager, listRounds } from "~/modules/surveys/surveys.server";

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "surveys.answer");
  const isManager = isSurveyManager(user);
  const rounds = await listRounds(args.context.db, user);
  return {
    isManager,
    rounds: rounds
      .filter((r) => isManager || r.state !== "planned")
      .map((r) => ({
        id: r.id,
        title: r.title,
        state: r.state,
        opensOn: r.opensOn,
        closesOn: r.closesOn,
        inAudience: r.inAudience,
        submitted: r.submitted,
        hasDraft: r.hasDraft,
        // The live count is for those who run the survey (it reveals no answer, README.md).
        rate: isManager ? { responded: r.rate.responded, audience: r.rate.audience, percent: r.rate.percent } : null,
      })),
  };
}

export default function SurveyList() {
  const { isManager, rounds } = useLoaderData<typeof loader>();
  const t = useT();
  const language = useLanguage();
  const day = (ymd: string) => formatRocDate(new Date(`${ymd}T00:00:00+08:00`), language);
  return (
    <Stack maw={960}>
      <Group justify="space-between" align="center">
        <Title order={1}>{t("surveys.title")}</Title>
        {isManager ? (
          <Button component={Link} to="/surveys/new">
            {t("surveys.new")}
          </Button>
        ) : null}
      </Group>
      <SurveyNotice />
      <Text size="sm" c="gray.7">
        {t("surveys.intro")}
      </Text>
      {rounds.length === 0 ? <Text data-testid="no-rounds">{t("surveys.none")}</Text> : null}
      {rounds.map((r) => (
        <Paper key={r.id} withBorder p="md" component="article" aria-labelledby={`round-${r.id}-title`} data-testid="round-card" data-round-id={r.id}>
          <Stack gap={8}>
            <Group gap="sm">
              <Title order={2} size="h4" id={`round-${r.id}-title`}>
                {isManager ? (
                  <Anchor component={Link} to={`/surveys/${r.id}`} inherit>
                    {r.title}
                  </Anchor>
                ) : (
                  r.title
                )}
              </Title>
              <RoundStateBadge state={r.state} />
            </Group>
            <Text size="sm">{t("surveys.period", { opensOn: day(r.opensOn), closesOn: day(r.closesOn) })}</Text>
            {r.rate ? <RateBar rate={r.rate} /> : null}
            <Group gap="sm">
              {r.state === "open" && r.inAudience && !r.submitted ? (
                <Button component={Link} to={`/surveys/${r.id}/answer`} data-testid="answer-link">
                  {r.hasDraft ? t("surveys.continue") : t("surveys.start")}
                </Button>
              ) : null}
              {r.state !== "planned" && r.submitted ? (
                <Alert color="teal" p="xs" data-testid="answered">
                  {t("surveys.thanks")}
                </Alert>
              ) : null}
              {r.state === "open" && !r.inAudience ? (
                <Text size="sm" c="gray.7">
                  {t("surveys.notInAudience")}
                </Text>
              ) : null}
              {isManager ? (
                <>
                  <Button component={Link} to={`/surveys/${r.id}`} variant="default">
                    {t("surveys.manage")}
                  </Button>
                  {r.state !== "planned" ? (
                    <Button component={Link} to={`/surveys/${r.id}/results`} variant="default">
                      {t("surveys.results")}
                    </Button>
                  ) : null}
                </>
              ) : null}
            </Group>
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
