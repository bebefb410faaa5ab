import { Anchor, Badge, Button, Card, Group, Stack, Text, Title } from "@mantine/core";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { RocDate } from "~/components/roc-date";
import { messageKey } from "~/components/form-fields";
import { useLanguage, useT } from "~/i18n/use-t";
import { localizeDateParams } from "~/i18n/dates";
import { requireUser } from "~/modules/auth/guards.server";
import { listNotifications, markRead } from "~/modules/notifications/notifications.server";

export async function loader(args: LoaderFunctionArgs) {
  const user = await requireUser(args);
  return { items: await listNotifications(args.context.db, user.id, user.officeId, 50) };
}

/** Opening a notification marks it read and goes to what it is about; "all read" clears the list. */
export async function action(args: ActionFunctionArgs) {
  const user = await requireUser(args);
  const form = await args.request.formData();
  const id = String(form.get("id") ?? "");
  if (form.get("intent") === "all") {
    await markRead(args.context.db, user.id, null);
    return redirect("/notifications");
  }
  if (!/^\d+$/.test(id)) throw new Response("Bad Request", { status: 400 });
  await markRead(args.context.db, user.id, id);
  const items = await listNotifications(args.context.db, user.id, user.officeId, 200);
  const target = items.find((n) => n.id === id)?.link;
  // Only our own relative links are followed (a notification's link is written by the server).
  return redirect(target && target.startsWith("/") && !target.startsWith("//") ? target : "/notifications");
}

export default function Notifications() {
  const { items } = useLoaderData<typeof loader>();
  const t = useT();
  const language = useLanguage();
  const unread = items.filter((n) => !n.read).length;
  return (
    <Stack maw={820}>
      <Group justify="space-between">
        <Title order={1}>{t("notifications.title")}</Title>
        {unread > 0 ? (
          <Form method="post">
            <input type="hidden" name="intent" value="all" />
            <Button type="submit" variant="light" size="sm">
              {t("notifications.markAllRead")}
            </Button>
          </Form>
        ) : null}
      </Group>
      {items.length === 0 ? <Text c="dimmed">{t("notifications.none")}</Text> : null}
      <Stack gap="xs" component="ul" p={0} style={{ listStyle: "none" }} data-testid="notification-list">
        {items.map((n) => (
          <Card key={n.id} component="li" withBorder padding="sm" bg={n.read ? undefined : "blue.0"}>
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <Stack gap={2}>
                <Group gap="xs">
                  {n.read ? null : (
                    <Badge size="xs" color="red.8">
                      {t("notifications.new")}
                    </Badge>
                  )}
                  <Text size="sm">{t(messageKey(n.messageKey), localizeDateParams(n.params, language))}</Text>
                </Group>
                <Text size="xs" c="gray.7">
                  <RocDate value={n.createdAt} withTime />
                </Text>
              </Stack>
              <Form method="post">
                <input type="hidden" name="id" value={n.id} />
                <Button type="submit" size="xs" variant="subtle">
                  {t("notifications.open")}
                </Button>
              </Form>
            </Group>
          </Card>
        ))}
      </Stack>
      <Anchor component={Link} to="/" size="sm">
        {t("nav.home")}
      </Anchor>
    </Stack>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
