import { Anchor, Badge, Card, Group, List, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { navItemsFor } from "~/components/nav-items";
import { Notice } from "~/components/notice";
import { RocDate } from "~/components/roc-date";
import { useT } from "~/i18n/use-t";
import { requireUser } from "~/modules/auth/guards.server";
import { hasPermission } from "~/modules/auth/roles";
import { listQuizzesWaitingFor } from "~/modules/quizzes/quizzes.server";

export async function loader(args: LoaderFunctionArgs) {
  const user = await requireUser(args);
  // What waits for this person; each module adds its part (PRODUCT.md, module 9: the home page).
  const quizzes = hasPermission(user.roles, "quizzes.take") ? await listQuizzesWaitingFor(args.context.db, user) : [];
  return {
    name: user.name,
    officeName: user.officeName,
    roles: user.roles,
    today: new Date().toISOString(),
    quizzes: quizzes.map((q) => ({ ...q, closesAt: q.closesAt?.toISOString() ?? null })),
  };
}

export default function Home() {
  const { name, officeName, roles, today, quizzes } = useLoaderData<typeof loader>();
  const t = useT();
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
          {quizzes.length === 0 ? (
            <Text c="dimmed">{t("home.nothingWaiting")}</Text>
          ) : (
            <List spacing="xs" data-testid="waiting-list">
              {quizzes.map((q) => (
                <List.Item key={q.id}>
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
            </List>
          )}
        </Card>
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
