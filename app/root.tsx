import "./load-context";
import mantineStyles from "@mantine/core/styles.css";
import { Anchor, Button, Container, Group, MantineProvider, Stack, Text, Title, mantineHtmlProps } from "@mantine/core";
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  isRouteErrorResponse,
  useLoaderData,
  useLocation,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { AppLayout } from "./components/app-layout";
import { languageFromCookieHeader, translator, DEFAULT_LANGUAGE, type Language } from "./i18n/i18n";
import { countUnread } from "~/modules/notifications/notifications.server";
import { getCurrentUser } from "./modules/auth/session.server";
import { toShellUser } from "./modules/auth/shell-user";
import { useNonce } from "./nonce";
import { theme } from "./theme";
import appStyles from "./styles/app.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: mantineStyles },
  { rel: "stylesheet", href: appStyles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "府北學習與品質管理平臺" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const language = languageFromCookieHeader(request.headers.get("cookie"));
  // The shell shows who is signed in; each route still guards itself (ARCHITECTURE rule 1).
  const user = await getCurrentUser(context.db, request);
  const unread = user ? await countUnread(context.db, user.id, user.officeId) : 0;
  return { language, user: user ? toShellUser(user) : null, unread };
}

function Document({ language, children }: { language: Language; children: React.ReactNode }) {
  const nonce = useNonce();
  return (
    <html lang={language === "en" ? "en" : "zh-Hant-TW"} {...mantineHtmlProps}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <MantineProvider theme={theme} defaultColorScheme="light" forceColorScheme="light">
          {children}
        </MantineProvider>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  const { language, user, unread } = useLoaderData<typeof loader>();
  return (
    <Document language={language}>
      {user ? (
        <AppLayout user={user} language={language} unread={unread}>
          <Outlet />
        </AppLayout>
      ) : (
        <Outlet />
      )}
    </Document>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const data = useRouteLoaderData<typeof loader>("root");
  const language = data?.language ?? DEFAULT_LANGUAGE;
  const t = translator(language);
  const location = useLocation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  // 503: the database is briefly away (server/app.ts answerDatabaseOutages); the same page works again shortly.
  const outage = status === 503;
  // Production shows no stack or message from the server: a generic page (ASVS 7.4.1).
  const message = status === 404 ? t("error.notFound") : status === 403 ? t("error.forbidden") : outage ? t("outage.message") : t("error.generic");
  return (
    <Document language={language}>
      <Container size="sm" py="xl">
        <Stack>
          <Title order={1}>
            {outage ? t("outage.title") : t("error.title")}（{status}）
          </Title>
          <Text>{message}</Text>
          <Group>
            {outage ? (
              <Button component="a" href={location.pathname + location.search}>
                {t("outage.retry")}
              </Button>
            ) : null}
            <Button component="a" href="/" variant={outage ? "default" : "filled"}>
              {t("error.backHome")}
            </Button>
          </Group>
          <Anchor href="/login" size="sm" c="dimmed">
            {t("login.title")}
          </Anchor>
        </Stack>
      </Container>
    </Document>
  );
}
