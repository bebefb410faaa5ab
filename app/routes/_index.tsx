import { Anchor, Badge, Card, Group, List, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { pointsText } from "~/components/incentives/parts";
import { navItemsFor } from "~/components/nav-items";
import { Notice } from "~/components/notice";
import { RocDate } from "~/components/roc-date";
import { JudgementBadge, yearText } from "~/components/training-hours/parts";
import { useLanguage, useT } from "~/i18n/use-t";
import { localizeDateParams } from "~/i18n/dates";
import { requireUser } from "~/modules/auth/guards.server";
import { hasPermission } from "~/modules/auth/roles";
import { getMyHours, getMyYearPoints, listLatestQuizResults, listMySessions, listOwnedProposals } from "~/modules/home/home.server";
import { listQuizzesWaitingFor } from "~/modules/quizzes/quizzes.server";
import { proposalsWaitingFor } from "~/modules/proposals/proposals.server";
import { votesWaitingFor } from "~/modules/proposals/committee.server";
import { listNotifications } from "~/modules/notifications/notifications.server";
import { trainingWaitingFor } from "~/modules/training/training.server";
import { formatHours } from "~/modules/training/hours";
import { yearIn } from "~/modules/training/session";
import { clippingsToAcknowledge } from "~/modules/knowledge/clippings.server";
import { surveysWaitingFor } from "~/modules/surveys/surveys.server";
import { messageKey } from "~/components/form-fields";

export async function loader(args: LoaderFunctionArgs) {
  const user = await requireUser(args);
  // What waits for this person, and their own numbers of the year (PRODUCT.md, module 9; issue 9,
  // "Home page for everyone"). A fixed number of queries whatever the lists hold: each part is one
  // query or a module function with a fixed number, and each is asked only of those it concerns.
  const db = args.context.db;
  const now = new Date();
  const year = yearIn(now);
  const can = (permission: Parameters<typeof hasPermission>[1]) => hasPermission(user.roles, permission);
  const [quizzes, proposals, owned, votes, notifications, surveys, clippings, training, sessions, hours, results, points] = await Promise.all([
    can("quizzes.take") ? listQuizzesWaitingFor(db, user, now) : [],
    can("proposals.submit") ? proposalsWaitingFor(db, user) : { returned: [], toScreen: 0 },
    can("proposals.submit") ? listOwnedProposals(db, user, now) : [],
    can("committee.view") ? votesWaitingFor(db, user) : [],
    listNotifications(db, user.id, user.officeId, 5),
    can("surveys.answer") ? surveysWaitingFor(db, user) : [],
    can("clippings.use") ? clippingsToAcknowledge(db, user) : [],
    can("training.attend") ? trainingWaitingFor(db, user, now) : { withoutAttendance: [], elearningToVerify: 0 },
    can("training.attend") ? listMySessions(db, user, now) : [],
    // The bureau keeps no learning hours, takes no quizzes and earns no points here: no personal numbers.
    can("training.attend") ? getMyHours(db, user, year, now) : null,
    can("quizzes.take") ? listLatestQuizResults(db, user) : null,
    can("incentives.view") ? getMyYearPoints(db, user, year) : null,
  ]);
  return {
    name: user.name,
    officeName: user.officeName,
    roles: user.roles,
    today: now.toISOString(),
    year,
    quizzes: quizzes.map((q) => ({ ...q, closesAt: q.closesAt?.toISOString() ?? null })),
    // Proposals I own are listed with what presses (home.server.ts listOwnedProposals).
    proposals: { returned: proposals.returned, toScreen: proposals.toScreen, owned },
    votes,
    notifications: notifications.filter((n) => !n.read),
    // Sessions I am in: every coming session of mine (home.server.ts listMySessions).
    training: { sessions, withoutAttendance: training.withoutAttendance, elearningToVerify: training.elearningToVerify },
    clippings,
    surveys,
    mine: { hours, results, points },
    links: {
      dashboard: can("dashboard.view"),
      yearEndOffice: can("yearEnd.view"),
      yearEndMine: can("yearEnd.own"),
    },
  };
}

const ALERT_COLORS = { overdue: "red.8", due_soon: "orange.9", no_report: "yellow.9" } as const;

/** 85, 87.5: a percent as people read it (two decimals at most). */
const percentText = (n: number) => String(Math.round(n * 100) / 100);

export default function Home() {
  const { name, officeName, roles, today, year, quizzes, proposals, votes, notifications, training, clippings, surveys, mine, links } = useLoaderData<typeof loader>();
  const t = useT();
  const language = useLanguage();
  const adminLinks = navItemsFor(roles).filter((i) => i.group === "nav.admin");
  const waiting =
    clippings.length +
    surveys.length +
    quizzes.length +
    proposals.returned.length +
    proposals.owned.length +
    votes.length +
    (proposals.toScreen > 0 ? 1 : 0) +
    training.sessions.length +
    training.withoutAttendance.length +
    (training.elearningToVerify > 0 ? 1 : 0);
  const hasNumbers = mine.hours !== null || mine.results !== null || mine.points !== null;
  return (
    <Stack>
      <Notice />
      <div>
        <Title order={1}>{t("home.greeting", { name })}</Title>
        <Text c="gray.7">
          {t("home.today", { date: "" })}
          <RocDate value={today} />
        </Text>
      </div>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder>
          <Title order={2} size="h4" mb="sm">
            {t("home.waiting")}
          </Title>
          {waiting === 0 ? (
            <Text c="dimmed">{t("home.nothingWaiting")}</Text>
          ) : (
            <List spacing="xs" data-testid="waiting-list">
              {/* Circulations stay pinned on top until acknowledged (issue 6). */}
              {clippings.map((c) => (
                <List.Item key={`clipping-${c.clippingId}`} data-testid="pinned-clipping">
                  <Anchor component={Link} to={`/clippings/${c.clippingId}`} fw={600}>
                    {t("home.clippingToAcknowledge", { title: c.title })}
                  </Anchor>
                  <Group gap={6}>
                    <Badge size="xs" variant="light" color={c.kind === "mandatory" ? "orange.9" : "gray.7"}>
                      {t(`circulationKind.${c.kind}`)}
                    </Badge>
                    {c.reacknowledge ? (
                      <Badge size="xs" variant="light" color="blue.8">
                        {t("home.clippingAgain")}
                      </Badge>
                    ) : null}
                    {c.overdue ? (
                      <Badge size="xs" color="red.8">
                        {t("home.clippingOverdue")}
                      </Badge>
                    ) : null}
                    {c.dueOn ? (
                      <Text size="sm" c="gray.7">
                        {t("home.clippingDue")}
                        <RocDate value={`${c.dueOn}T00:00:00+08:00`} />
                      </Text>
                    ) : null}
                  </Group>
                </List.Item>
              ))}
              {surveys.map((s) => (
                <List.Item key={`survey-${s.id}`}>
                  <Anchor component={Link} to={`/surveys/${s.id}/answer`}>
                    {t("home.surveyToAnswer", { title: s.title })}
                  </Anchor>
                  <Text size="sm" c="gray.7">
                    {t("home.closes")} <RocDate value={`${s.closesOn}T23:59:00+08:00`} />
                  </Text>
                </List.Item>
              ))}
              {quizzes.map((q) => (
                <List.Item key={`quiz-${q.id}`}>
                  <Anchor component={Link} to={`/quizzes/${q.id}`}>
                    {t(q.inProgress ? "home.quizInProgress" : "home.quizToTake", { title: q.title })}
                  </Anchor>
                  {q.closesAt ? (
                    <Text size="sm" c="gray.7">
                      {t("home.closes")} <RocDate value={q.closesAt} withTime />
                    </Text>
                  ) : null}
                </List.Item>
              ))}
              {proposals.owned.map((p) => (
                <List.Item key={`owned-${p.id}`} data-testid="owned-proposal" data-alerts={p.alerts.join(" ")}>
                  <Anchor component={Link} to={`/proposals/${p.id}`} fw={p.alerts.length ? 600 : undefined}>
                    {t("home.proposalOwned", { title: p.title })}
                  </Anchor>
                  <Group gap={6}>
                    {p.alerts.map((a) => (
                      <Badge key={a} size="xs" color={ALERT_COLORS[a]} variant={a === "overdue" ? "filled" : "light"}>
                        {a === "overdue"
                          ? t("home.implementationOverdue")
                          : a === "due_soon"
                            ? t("home.implementationDueSoon")
                            : t("home.implementationNoReport", { n: p.daysSinceReport })}
                      </Badge>
                    ))}
                    <Text size="sm" c="gray.7">
                      {t("home.implementationProgress", { percent: p.progressPercent })}
                    </Text>
                    {p.dueDate ? (
                      <Text size="sm" c="gray.7">
                        {t("home.implementationDue")}
                        <RocDate value={`${p.dueDate}T00:00:00+08:00`} />
                      </Text>
                    ) : null}
                  </Group>
                </List.Item>
              ))}
              {training.sessions.map((s) => (
                <List.Item key={`session-${s.id}`} data-testid="my-session">
                  <Anchor component={Link} to={`/training/${s.id}`}>
                    {t(s.status === "booked" ? "home.sessionBooked" : "home.sessionWaiting", { title: s.title })}
                  </Anchor>
                  <Text size="sm" c="gray.7">
                    {t("home.sessionNext")}
                    <RocDate value={s.nextStartsAt} withTime />
                  </Text>
                </List.Item>
              ))}
              {training.withoutAttendance.map((s) => (
                <List.Item key={`attendance-${s.id}`}>
                  <Anchor component={Link} to={`/training/${s.id}`}>
                    {t("home.sessionAttendance", { title: s.title })}
                  </Anchor>
                </List.Item>
              ))}
              {training.elearningToVerify > 0 ? (
                <List.Item>
                  <Anchor component={Link} to="/training/elearning">
                    {t("home.elearningToVerify", { n: training.elearningToVerify })}
                  </Anchor>
                </List.Item>
              ) : null}
              {votes.map((v) => (
                <List.Item key={`vote-${v.roundId}`}>
                  <Anchor component={Link} to={`/committee/rounds/${v.roundId}`}>
                    {t("home.votesWaiting", { round: v.title, n: v.count })}
                  </Anchor>
                </List.Item>
              ))}
              {proposals.toScreen > 0 ? (
                <List.Item>
                  <Anchor component={Link} to="/proposals?view=screen">
                    {t("home.proposalsToScreen", { n: proposals.toScreen })}
                  </Anchor>
                </List.Item>
              ) : null}
              {proposals.returned.map((p) => (
                <List.Item key={`returned-${p.id}`}>
                  <Anchor component={Link} to={`/proposals/${p.id}`}>
                    {t("home.proposalReturned", { title: p.title })}
                  </Anchor>
                </List.Item>
              ))}
            </List>
          )}
        </Card>
        {hasNumbers ? (
          <Card withBorder data-testid="my-numbers">
            <Title order={2} size="h4" mb="sm">
              {t("home.myNumbers")}
            </Title>
            <Stack gap="md">
              {mine.hours ? (
                <div data-testid="my-hours">
                  <Title order={3} size="h5" mb={4}>
                    {t("home.myHours", { year: yearText(t, mine.hours.year) })}
                  </Title>
                  <Group gap={8} align="baseline">
                    <Text>
                      {mine.hours.hasTarget
                        ? t("home.myHoursAgainstTarget", {
                            total: formatHours(mine.hours.totalHours),
                            target: formatHours(mine.hours.target.totalHours),
                            digital: formatHours(mine.hours.digitalHours),
                            digitalTarget: formatHours(mine.hours.target.digitalHours),
                          })
                        : t("home.myHoursNoTarget", { total: formatHours(mine.hours.totalHours), digital: formatHours(mine.hours.digitalHours) })}
                    </Text>
                    {mine.hours.hasTarget ? <JudgementBadge judgement={mine.hours.judgement} behindBy={mine.hours.behindBy} /> : null}
                  </Group>
                  <Anchor component={Link} to="/training/hours" size="sm">
                    {t("home.myHoursLink")}
                  </Anchor>
                </div>
              ) : null}
              {mine.results ? (
                <div data-testid="my-scores">
                  <Title order={3} size="h5" mb={4}>
                    {t("home.myScores")}
                  </Title>
                  {mine.results.length === 0 ? (
                    <Text c="dimmed" size="sm">
                      {t("home.myScoresNone")}
                    </Text>
                  ) : (
                    <List spacing={4}>
                      {mine.results.map((r) => (
                        <List.Item key={r.quizId}>
                          <Group gap={8}>
                            <Anchor component={Link} to={`/quizzes/${r.quizId}/attempts/${r.attemptId}/review`}>
                              {r.title}
                            </Anchor>
                            <Text size="sm">{t("home.myScore", { percent: percentText(r.percent) })}</Text>
                            <Badge size="sm" color={r.passed ? "green.8" : "red.8"} variant="light">
                              {r.passed ? t("attempt.passed") : t("attempt.failed")}
                            </Badge>
                          </Group>
                        </List.Item>
                      ))}
                    </List>
                  )}
                  <Anchor component={Link} to="/quizzes" size="sm">
                    {t("home.myScoresLink")}
                  </Anchor>
                </div>
              ) : null}
              {mine.points ? (
                <div data-testid="my-points">
                  <Title order={3} size="h5" mb={4}>
                    {t("home.myPoints", { year: yearText(t, mine.points.year) })}
                  </Title>
                  <Group gap={8} align="baseline">
                    <Text>{t("home.myPointsValue", { points: pointsText(mine.points.points) })}</Text>
                    {mine.points.rank !== null ? (
                      <Text size="sm" c="gray.7">
                        {t("home.myPointsRank", { rank: mine.points.rank, people: mine.points.people })}
                      </Text>
                    ) : null}
                  </Group>
                  <Anchor component={Link} to={`/incentives/mine?year=${year}`} size="sm">
                    {t("home.myPointsLink")}
                  </Anchor>
                </div>
              ) : null}
              {links.yearEndMine ? (
                <Anchor component={Link} to="/year-end/me" data-testid="my-year-end">
                  {t("nav.myYearEnd")}
                </Anchor>
              ) : null}
            </Stack>
          </Card>
        ) : null}
        {links.dashboard ? (
          <Card withBorder data-testid="oversight">
            <Title order={2} size="h4" mb="sm">
              {t("nav.oversight")}
            </Title>
            <Anchor component={Link} to="/dashboard" fw={600}>
              {t("nav.dashboard")}
            </Anchor>
            <Text size="sm" c="gray.7">
              {t("home.dashboardHint")}
            </Text>
            {links.yearEndOffice ? (
              <Anchor component={Link} to="/year-end" display="inline-block" mt="sm">
                {t("nav.yearEnd")}
              </Anchor>
            ) : null}
          </Card>
        ) : null}
        {notifications.length > 0 ? (
          <Card withBorder>
            <Title order={2} size="h4" mb="sm">
              {t("home.notifications")}
            </Title>
            <List spacing="xs" data-testid="home-notifications">
              {notifications.map((n) => (
                <List.Item key={n.id}>
                  <Text size="sm">{t(messageKey(n.messageKey), localizeDateParams(n.params, language))}</Text>
                  <Text size="xs" c="gray.7">
                    <RocDate value={n.createdAt} withTime />
                  </Text>
                </List.Item>
              ))}
            </List>
            <Anchor component={Link} to="/notifications" size="sm" mt="sm" display="inline-block">
              {t("notifications.title")}
            </Anchor>
          </Card>
        ) : null}
        <Card withBorder>
          <Title order={2} size="h4" mb="sm">
            {t("home.rolesHere", { office: officeName })}
          </Title>
          <Group gap="xs">
            {roles.map((role) => (
              <Badge key={role} variant="light" color="blue.9">
                {t(`role.${role}`)}
              </Badge>
            ))}
          </Group>
          {adminLinks.length > 0 ? (
            <>
              <Title order={3} size="h5" mt="md" mb="xs">
                {t("home.adminShortcuts")}
              </Title>
              <List>
                {adminLinks.map((item) => (
                  <List.Item key={item.to}>
                    <Anchor component={Link} to={item.to}>
                      {t(item.label)}
                    </Anchor>
                  </List.Item>
                ))}
              </List>
            </>
          ) : null}
        </Card>
      </SimpleGrid>
    </Stack>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
