import { Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Notice } from "~/components/notice";
import { PassedBadge, QuizStatusBadge, QuizWindow, formatPercent } from "~/components/quizzes/authoring/quiz-badges";
import { useT } from "~/i18n/use-t";
import { requirePermission } from "~/modules/auth/guards.server";
import { listQuizzesForUser } from "~/modules/quizzes/quizzes.server";

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "quizzes.take");
  const { mine, manage, canManage } = await listQuizzesForUser(args.context.db, user);
  return {
    canManage,
    open: mine.filter((q) => q.status === "open"),
    upcoming: mine.filter((q) => q.status === "upcoming"),
    closed: mine.filter((q) => q.status === "closed"),
    manage,
  };
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;
type Item = Data["open"][number];

function MyResult({ item }: { item: Item }) {
  const t = useT();
  if (item.myAttemptCount === 0) return <Text size="sm" c="gray.7">{t("quizAdmin.notAttempted")}</Text>;
  if (item.best === null) return <Text size="sm" c="orange.9">{t("quizAdmin.inProgress")}</Text>;
  return (
    <Group gap="xs">
      <Text size="sm">
        {t("quizAdmin.best")} {t("quizAdmin.percent", { n: formatPercent(item.best) })}
        {item.myAttemptCount > 1 ? ` · ${t("quizAdmin.last")} ${t("quizAdmin.percent", { n: formatPercent(item.last) })}` : ""}
      </Text>
      <PassedBadge passed={item.passed} />
    </Group>
  );
}

function QuizCard({ item }: { item: Item }) {
  const t = useT();
  return (
    <Card withBorder padding="md" data-testid="quiz-card">
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Title order={3} size="h4">
            <Anchor component={Link} to={`/quizzes/${item.id}`} c="inherit">
              {item.title}
            </Anchor>
          </Title>
          <QuizStatusBadge status={item.status} />
        </Group>
        <Text size="sm" c="gray.7">
          <QuizWindow opensAt={item.opensAt} closesAt={item.closesAt} />
        </Text>
        <Text size="sm">
          {t("quizAdmin.questionCount", { count: item.questionCount })} ·{" "}
          {item.timeLimitMinutes ? t("quizAdmin.minutes", { n: item.timeLimitMinutes }) : t("quizAdmin.noTimeLimit")} · {t("quizAdmin.passMark")}{" "}
          {item.passPercent}
        </Text>
        <MyResult item={item} />
        <Group>
          <Button component={Link} to={`/quizzes/${item.id}`} size="sm" variant={item.status === "open" ? "filled" : "light"}>
            {item.status === "open" && item.inProgress ? t("quizAdmin.continue") : t("quizAdmin.enter")}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function Section({ title, items, empty }: { title: string; items: Item[]; empty: string }) {
  return (
    <Stack gap="sm" component="section" aria-label={title}>
      <Title order={2} size="h3">
        {title}
      </Title>
      {items.length === 0 ? (
        <Text c="dimmed">{empty}</Text>
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          {items.map((item) => (
            <QuizCard key={item.id} item={item} />
          ))}
        </SimpleGrid>
      )}
    </Stack>
  );
}

function ManageTable({ rows }: { rows: NonNullable<Data["manage"]> }) {
  const t = useT();
  return (
    <Stack gap="sm" component="section" aria-labelledby="manage-title">
      <Group justify="space-between">
        <Title order={2} size="h3" id="manage-title">
          {t("quizAdmin.manage")}
        </Title>
        <Button component={Link} to="/quizzes/new">
          {t("quizAdmin.new")}
        </Button>
      </Group>
      <Text size="sm" c="gray.7">
        {t("quizAdmin.manageHint")}
      </Text>
      {rows.length === 0 ? (
        <Text c="dimmed">{t("quizAdmin.noQuizzes")}</Text>
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table striped withTableBorder data-testid="manage-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("quizAdmin.title")}</Table.Th>
                <Table.Th scope="col">{t("quizAdmin.status")}</Table.Th>
                <Table.Th scope="col">{t("quizAdmin.window")}</Table.Th>
                <Table.Th scope="col">{t("quizAdmin.questions")}</Table.Th>
                <Table.Th scope="col">{t("quizAdmin.participants")}</Table.Th>
                <Table.Th scope="col">{t("quizAdmin.links")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/quizzes/${r.id}`}>
                      {r.title}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <QuizStatusBadge status={r.status} published={r.published} />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      <QuizWindow opensAt={r.opensAt} closesAt={r.closesAt} />
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {r.questionCount}
                    {r.selection === "random" ? (
                      <Badge size="xs" variant="light" ml={4}>
                        {t("quizAdmin.selection.random")}
                      </Badge>
                    ) : null}
                  </Table.Td>
                  <Table.Td>{t("quizAdmin.participantsOf", { n: r.participants, total: r.audienceSize })}</Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Anchor component={Link} to={`/quizzes/${r.id}/edit`} size="sm">
                        {t("common.edit")}
                      </Anchor>
                      <Anchor component={Link} to={`/quizzes/${r.id}/stats`} size="sm">
                        {t("quizAdmin.stats")}
                      </Anchor>
                      <Anchor component={Link} to={`/quizzes/${r.id}/present`} size="sm">
                        {t("quizAdmin.present")}
                      </Anchor>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

export default function Quizzes() {
  const { open, upcoming, closed, manage } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <Stack gap="xl">
      <Title order={1}>{t("quizAdmin.listTitle")}</Title>
      <Notice />
      <Section title={t("quizAdmin.openNow")} items={open} empty={t("quizAdmin.noneOpen")} />
      {upcoming.length ? <Section title={t("quizAdmin.upcoming")} items={upcoming} empty={t("quizAdmin.noneUpcoming")} /> : null}
      <Section title={t("quizAdmin.closedList")} items={closed} empty={t("quizAdmin.noneClosed")} />
      {manage ? <ManageTable rows={manage} /> : null}
    </Stack>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
