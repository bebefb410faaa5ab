// 關於本平臺: what the portal is and its version. Nothing is read from the database here beyond the
// signed-in check every page makes, which is why the benchmarks use it as their floor: the cost of the
// app shell alone (tests/bench/run.ts). Its action is the floor of actions: it checks the session and
// answers (a page may post it to keep a long-open form's session alive).
import { Alert, Stack, Text, Title } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { useT } from "~/i18n/use-t";
import { requirePermission } from "~/modules/auth/guards.server";

const VERSION = "0.1.0";

export async function loader(args: LoaderFunctionArgs) {
  await requirePermission(args, "home");
  return { version: VERSION };
}

export async function action(args: ActionFunctionArgs) {
  await requirePermission(args, "home");
  return { signedIn: true };
}

export default function About() {
  const t = useT();
  const done = useActionData<typeof action>();
  return (
    <Stack gap="md" maw={720}>
      <Title order={1}>{t("about.title")}</Title>
      <Text>{t("about.purpose")}</Text>
      <Text>
        {t("about.version")}：{VERSION}
      </Text>
      <Text c="dimmed">{t("about.help")}</Text>
      {done?.signedIn ? <Alert color="green">{t("about.stillSignedIn")}</Alert> : null}
    </Stack>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
