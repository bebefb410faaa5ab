import { Alert, Button, Stack, Title } from "@mantine/core";
import { Link, isRouteErrorResponse, useRouteError } from "@remix-run/react";
import { useT } from "~/i18n/use-t";

/**
 * A page's own error view, shown inside the app shell so the person keeps the navigation.
 * Never shows the server's message or stack: only what the status means (ASVS 7.4.1).
 */
export function RouteErrorBoundary() {
  const error = useRouteError();
  const t = useT();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  // 503: the database is briefly away (server/app.ts answerDatabaseOutages), e.g. during a navigation.
  const message = status === 404 ? t("error.notFound") : status === 403 ? t("error.forbidden") : status === 503 ? t("outage.message") : t("error.generic");
  return (
    <Stack maw={640}>
      <Title order={1}>
        {status === 503 ? t("outage.title") : t("error.title")}（{status}）
      </Title>
      <Alert color={status >= 500 ? "red" : "yellow"} role="alert">
        {message}
      </Alert>
      <div>
        <Button component={Link} to="/">
          {t("error.backHome")}
        </Button>
      </div>
    </Stack>
  );
}
