import { AppShell, Badge, Burger, Button, Group, NativeSelect, NavLink, ScrollArea, Stack, Text, Title } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { Form, Link, useLocation } from "@remix-run/react";
import type { Language } from "~/i18n/i18n";
import { translator } from "~/i18n/i18n";
import type { ShellUser } from "~/modules/auth/shell-user";
import { LanguageSwitch } from "./language-switch";
import { navItemsFor } from "./nav-items";

export function AppLayout({ user, language, unread = 0, children }: { user: ShellUser; language: Language; unread?: number; children: React.ReactNode }) {
  const [opened, { toggle }] = useDisclosure();
  const t = translator(language);
  const location = useLocation();
  const items = navItemsFor(user.roles);
  const groups = [...new Set(items.map((i) => i.group))];
  // The menu entry for this page: the longest one the path falls under (/training/calendar is 訓練行事曆,
  // not also 教育訓練).
  const under = (to: string) => (to === "/" ? location.pathname === "/" : location.pathname === to || location.pathname.startsWith(`${to}/`));
  const activeTo = items.filter((i) => under(i.to)).sort((a, b) => b.to.length - a.to.length)[0]?.to;

  return (
    <AppShell header={{ height: 64 }} navbar={{ width: 240, breakpoint: "sm", collapsed: { mobile: !opened } }} padding="md">
      <a className="skip-link" href="#main">
        {t("app.skipToContent")}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t("nav.openMenu")} />
            <Stack gap={0}>
              <Text fw={700} size="md" component={Link} to="/" c="blue.9" style={{ textDecoration: "none" }}>
                {t("app.shortName")}
              </Text>
              <Text size="xs" c="gray.7" data-testid="office-name">
                {user.officeName}
              </Text>
            </Stack>
          </Group>
          <Group gap="md" wrap="nowrap">
            <Stack gap={2} align="flex-end" visibleFrom="sm">
              <Text size="sm" fw={600} data-testid="user-name">
                {user.name}（{user.title}）
              </Text>
              <Group gap={4} data-testid="user-roles">
                {user.roles.map((role) => (
                  <Badge key={role} size="xs" variant="light" color="blue.9">
                    {t(`role.${role}`)}
                  </Badge>
                ))}
              </Group>
            </Stack>
            <Button
              component={Link}
              to="/notifications"
              variant={unread > 0 ? "light" : "subtle"}
              size="xs"
              data-testid="notifications-link"
              aria-label={unread > 0 ? `${t("nav.notifications")}（${t("notifications.unread", { n: unread })}）` : t("nav.notifications")}
              rightSection={
                unread > 0 ? (
                  <Badge size="sm" color="red.8" px={6} aria-hidden>
                    {unread > 99 ? "99+" : unread}
                  </Badge>
                ) : null
              }
            >
              {t("nav.notifications")}
            </Button>
            <LanguageSwitch />
            <Form method="post" action="/logout">
              <Button type="submit" variant="outline" size="xs">
                {t("nav.logout")}
              </Button>
            </Form>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" aria-label={t("nav.main")} component="nav">
        {/* A director's or supervisor's menu is taller than a laptop screen: it scrolls on its own. */}
        <AppShell.Section grow component={ScrollArea} type="auto">
        <Stack gap="xs">
          {groups.map((group) => (
            <Stack key={group ?? "main"} gap={0}>
              {group ? (
                <Title order={2} size="xs" c="gray.7" px="sm" py={4}>
                  {t(group)}
                </Title>
              ) : null}
              {items
                .filter((i) => i.group === group)
                .map((item) => {
                  const active = item.to === activeTo;
                  return (
                    <NavLink
                      key={item.to}
                      component={Link}
                      to={item.to}
                      label={t(item.label)}
                      active={active}
                      aria-current={active ? "page" : undefined}
                    />
                  );
                })}
            </Stack>
          ))}
          <Stack gap={0}>
            <Title order={2} size="xs" c="gray.7" px="sm" py={4}>
              {t("nav.account")}
            </Title>
            <NavLink component={Link} to="/account/password" label={t("nav.password")} active={location.pathname === "/account/password"} />
          </Stack>
          {user.offices.length > 1 ? (
            <Form method="post" action="/switch-office">
              <input type="hidden" name="redirectTo" value="/" />
              <Stack gap={4} px="sm">
                <NativeSelect
                  label={t("nav.office")}
                  name="officeId"
                  defaultValue={String(user.officeId)}
                  data={user.offices.map((o) => ({ value: String(o.id), label: o.name }))}
                  size="xs"
                />
                <Button type="submit" size="xs" variant="light">
                  {t("nav.switchOffice")}
                </Button>
              </Stack>
            </Form>
          ) : null}
        </Stack>
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        {children}
      </AppShell.Main>
    </AppShell>
  );
}
