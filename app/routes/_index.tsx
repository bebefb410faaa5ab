import { Anchor, Badge, Card, Group, List, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { navItemsFor } from "~/components/nav-items";
import { Notice } from "~/components/notice";
import { RocDate } from "~/components/roc-date";
import { useLanguage, useT } from "~/i18n/use-t";
import { localizeDateParams } from "~/i18n/dates";
import { requireUser } from "~/modules/auth/guards.server";
import { hasPermission } from "~/modules/auth/roles";
import { listQuizzesWaitingFor } from "~/modules/quizzes/quizzes.server";
import { proposalsWaitingFor } from "~/modules/proposals/proposals.server";
import { votesWaitingFor } from "~/modules/proposals/committee.server";
import { listNotifications } from "~/modules/notifications/notifications.server";
import { trainingWaitingFor } from "~/modules/training/training.server";
import { clippingsToAcknowledge } from "~/modules/knowledge/clippings.server";
import { surveysWaitingFor } from "~/modules/surveys/surveys.server";
import { messageKey } from "~/components/form-fields";

export async function loader(args: LoaderFunctionArgs) {
  const user = await requireUser(args);
  // What waits for this person; each module adds its part (PRODUCT.md, module 9: the home page).
  const db = args.context.db;
  const quizzes = hasPermission(user.roles, "quizzes.take") ? await listQuizzesWaitingFor(db, user) : [];
  const proposals = hasPermission(user.roles, "proposals.submit") ? await proposalsWaitingFor(db, user) : { returned: [], owned: [], toScreen: 0 };
  const votes = hasPermission(user.roles, "committee.view") ? await votesWaitingFor(db, user) : [];
  const notifications = (await listNotifications(db, user.id, user.officeId, 5)).filter((n) => !n.read);
  const surveys = hasPermission(user.roles, "surveys.answer") ? await surveysWaitingFor(db, user) : [];
  const clippings = hasPermission(user.roles, "clippings.use") ? await clippingsToAcknowledge(db, user) : [];
  const training = hasPermission(user.roles, "training.attend") ? await trainingWaitingFor(db, user) : { soon: [], withoutAttendance: [], elearningToVerify: 0 };
  return {
    name: user.name,
    officeName: user.officeName,
    roles: user.roles,
    today: new Date().toISOString(),
    quizzes: quizzes.map((q) => ({ ...q, closesAt: q.closesAt?.toISOString() ?? null })),
    proposals,
    votes,
    notifications,
    training,
    clippings,
    surveys,
  };
}

export default function Home() {
  const { name, officeName, roles, today, quizzes, proposals, votes, notifications, training, clippings, surveys } = useLoaderData<typeof loader>();
  const t = useT();
  const language = useLanguage();
  const adminLinks = navItemsFor(roles).filter((i) => i.group === "nav.admin");
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
          {clippings.length +
            surveys.length +
            quizzes.length +
            proposals.returned.length +
            proposals.owned.length +
            votes.length +
            (proposals.toScreen > 0 ? 1 : 0) +
            training.soon.length +
            training.withoutAttendance.length +
            (training.elearningToVerify > 0 ? 1 : 0) ===
          0 ? (
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
              {training.soon.map((s) => (
                <List.Item key={`session-${s.id}`}>
                  <Anchor component={Link} to={`/training/${s.id}`}>
                    {t(s.status === "booked" ? "home.sessionBooked" : "home.sessionWaiting", { title: s.title })}
                  </Anchor>
                  {s.startsAt ? (
                    <Text size="sm" c="gray.7">
                      <RocDate value={s.startsAt} withTime />
                    </Text>
                  ) : null}
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
              {proposals.owned.map((p) => (
                <List.Item key={`owned-${p.id}`}>
                  <Anchor component={Link} to={`/proposals/${p.id}`}>
                    {t("home.proposalOwned", { title: p.title })}
                  </Anchor>
                </List.Item>
              ))}
            </List>
          )}
        </Card>
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
