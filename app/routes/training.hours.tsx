// 我的學習時數 (issue 5, Staff: "my hours this year against the target (total and digital), report a
// finished e-learning course …, my certificates list … and a personal .ics feed"). The year is
// ?year= (Gregorian, as targets are stored), shown as 民國115年. One action dispatching on `intent`
// so every form works without JavaScript.
import { Alert, Anchor, Button, CopyButton, Group, List, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { FormErrorSummary, TextField, useFormFields } from "~/components/form-fields";
import { RocDate } from "~/components/roc-date";
import { HoursNotice } from "~/components/training-hours/hours-notice";
import { ElearningStatusBadge, NominationOutcomeBadge, OverallJudgement, ProgressPart, YearSwitch, hoursText, yearText } from "~/components/training-hours/parts";
import { yearFromUrl } from "~/components/training-hours/year";
import { useT } from "~/i18n/use-t";
import { requirePermission } from "~/modules/auth/guards.server";
import { parseForm, runCommand } from "~/modules/forms.server";
import { formatHours } from "~/modules/training/hours";
import { listAttendedSessions, listMyElearning, listMyNominations, listUsedPlatforms } from "~/modules/training/hours-pages.server";
import { elearningSchema } from "~/modules/training/training.schema";
import { hasFeedToken, hoursRoster, renewFeedToken, reportElearning, revokeFeedToken } from "~/modules/training/training.server";

/**
 * Offered in the platform field's list (with the names already used in the office); anything else may
 * be typed. One spelling per platform matters: a certificate counts once per platform as typed.
 */
const USUAL_PLATFORMS = ["e等公務園+", "地方政府e學中心", "文官e學苑"];

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "training.attend");
  const db = args.context.db;
  const year = yearFromUrl(new URL(args.request.url));
  const [roster, sessions, elearning, nominations, feed, used] = await Promise.all([
    hoursRoster(db, user.officeId, year, new Date(), user.id),
    listAttendedSessions(db, user.officeId, user.id, year),
    listMyElearning(db, user.officeId, user.id),
    listMyNominations(db, user.officeId, user.id),
    hasFeedToken(db, user.id),
    listUsedPlatforms(db, user.officeId),
  ]);
  const mine = roster.rows[0];
  const inYear = (date: string) => date.startsWith(`${year}-`);
  return {
    year,
    hasTarget: roster.hasTarget,
    target: roster.target,
    hours: {
      sessionHours: mine.sessionHours,
      elearningHours: mine.elearningHours,
      outsideHours: mine.outsideHours,
      totalHours: mine.totalHours,
      digitalHours: mine.digitalHours,
    },
    progress: mine.progress,
    sessions,
    approvedElearning: elearning.filter((r) => r.status === "approved" && inYear(r.completedOn)),
    completedOutside: nominations.filter((n) => n.outcome === "completed" && inYear(n.endsOn)),
    elearning,
    nominations,
    feed,
    platforms: [...new Set([...USUAL_PLATFORMS, ...used])],
  };
}

export async function action(args: ActionFunctionArgs) {
  const user = await requirePermission(args, "training.attend");
  const db = args.context.db;
  const url = new URL(args.request.url);
  const year = yearFromUrl(url);
  const formData = await args.request.formData();
  const intent = formData.get("intent");
  if (intent === "report") {
    const parsed = parseForm(elearningSchema, formData);
    if (!parsed.ok) return data(parsed, { status: 400 });
    const outcome = await runCommand(formData, () => reportElearning(db, user, parsed.data));
    if (!outcome.ok) return outcome.response;
    throw redirect(`/training/hours?year=${year}&notice=reported`);
  }
  if (intent === "renewFeed") {
    const token = await renewFeedToken(db, user);
    // Shown once, in this answer only: the database keeps just its hash.
    return { ok: true as const, feedUrl: `${url.origin}/training/feed/${token}.ics` };
  }
  if (intent === "revokeFeed") {
    await revokeFeedToken(db, user);
    throw redirect(`/training/hours?year=${year}&notice=feedRevoked`);
  }
  throw new Response("Bad Request", { status: 400 });
}

export default function MyHours() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const reportState = result && "errors" in result ? result : undefined;
  const feedUrl = result && "feedUrl" in result ? result.feedUrl : null;
  const year = yearText(t, d.year);

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Title order={1}>{t("trainingHours.my.title")}</Title>
        <YearSwitch year={d.year} />
      </Group>
      <HoursNotice />

      <Paper withBorder p="lg" component="section" aria-labelledby="progress-heading">
        <Stack gap="md">
          <Group justify="space-between" wrap="wrap">
            <Title order={2} size="h3" id="progress-heading">
              {t("trainingHours.my.progress", { year })}
            </Title>
            {d.hasTarget ? <OverallJudgement progress={d.progress} /> : null}
          </Group>
          {d.hasTarget ? (
            <Text size="sm">{t("trainingHours.targetLine", { year, total: formatHours(d.target.totalHours), digital: formatHours(d.target.digitalHours) })}</Text>
          ) : (
            <Alert color="gray" data-testid="no-target">
              {t("trainingHours.noTarget", { year })}
            </Alert>
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xl">
            <ProgressPart label={t("trainingHours.total")} part={d.progress.total} hasTarget={d.hasTarget} testId="progress-total" />
            <ProgressPart label={t("trainingHours.digital")} part={d.progress.digital} hasTarget={d.hasTarget} testId="progress-digital" />
          </SimpleGrid>
          {d.hasTarget ? (
            <Text size="xs" c="gray.7">
              {t("trainingHours.expectedRule")}
            </Text>
          ) : null}
        </Stack>
      </Paper>

      <Paper withBorder p="lg" component="section" aria-labelledby="breakdown-heading">
        <Stack gap="md">
          <Title order={2} size="h3" id="breakdown-heading">
            {t("trainingHours.breakdown.title")}
          </Title>
          <BreakdownTable
            title={t("trainingHours.breakdown.sessions")}
            subtotal={d.hours.sessionHours}
            headers={[t("trainingHours.col.session"), t("trainingHours.col.date"), t("trainingHours.col.attendance"), t("trainingHours.col.hours")]}
            rows={d.sessions.map((s) => [s.title, <RocDate key="d" value={s.startsAt} />, t(`enrolmentStatus.${s.status}`), hoursText(t, s.hours)])}
            testId="breakdown-sessions"
          />
          <BreakdownTable
            title={t("trainingHours.breakdown.elearning")}
            subtotal={d.hours.elearningHours}
            headers={[t("trainingHours.col.course"), t("trainingHours.col.completedOn"), t("trainingHours.col.platform"), t("trainingHours.col.hours")]}
            rows={d.approvedElearning.map((r) => [r.course, <RocDate key="d" value={r.completedOn} />, r.platform, hoursText(t, r.hours)])}
            testId="breakdown-elearning"
          />
          <BreakdownTable
            title={t("trainingHours.breakdown.outside")}
            subtotal={d.hours.outsideHours}
            headers={[t("trainingHours.col.course"), t("trainingHours.col.endsOn"), t("trainingHours.col.organiser"), t("trainingHours.col.hours")]}
            rows={d.completedOutside.map((n) => [n.course, <RocDate key="d" value={n.endsOn} />, n.organiser, hoursText(t, n.hours)])}
            testId="breakdown-outside"
          />
          <Text fw={700} data-testid="breakdown-total">
            {t("trainingHours.breakdown.total", { n: formatHours(d.hours.totalHours) })}
          </Text>
        </Stack>
      </Paper>

      <ReportForm state={reportState} platforms={d.platforms} year={d.year} />

      <Paper withBorder p="lg" component="section" aria-labelledby="my-elearning-heading">
        <Stack gap="sm">
          <Title order={2} size="h3" id="my-elearning-heading">
            {t("trainingHours.myElearning.title")}
          </Title>
          {d.elearning.length === 0 ? (
            <Text c="gray.7">{t("trainingHours.myElearning.empty")}</Text>
          ) : (
            <Table.ScrollContainer minWidth={640}>
              <Table striped withTableBorder data-testid="my-elearning">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t("trainingHours.col.completedOn")}</Table.Th>
                    <Table.Th scope="col">{t("trainingHours.col.platform")}</Table.Th>
                    <Table.Th scope="col">{t("trainingHours.col.course")}</Table.Th>
                    <Table.Th scope="col">{t("trainingHours.col.hours")}</Table.Th>
                    <Table.Th scope="col">{t("trainingHours.col.certificate")}</Table.Th>
                    <Table.Th scope="col">{t("trainingHours.col.status")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {d.elearning.map((r) => (
                    <Table.Tr key={r.id}>
                      <Table.Td style={{ whiteSpace: "nowrap" }}>
                        <RocDate value={r.completedOn} />
                      </Table.Td>
                      <Table.Td>{r.platform}</Table.Td>
                      <Table.Td>{r.course}</Table.Td>
                      <Table.Td style={{ whiteSpace: "nowrap" }}>{hoursText(t, r.hours)}</Table.Td>
                      <Table.Td>{r.certificateNumber || "—"}</Table.Td>
                      <Table.Td>
                        <Stack gap={4}>
                          <ElearningStatusBadge status={r.status} />
                          {r.status === "returned" && r.reviewReason ? (
                            <Text size="sm" c="red.9">
                              {t("trainingHours.myElearning.returnedReason", { reason: r.reviewReason })}
                            </Text>
                          ) : null}
                        </Stack>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Stack>
      </Paper>

      <Paper withBorder p="lg" component="section" aria-labelledby="my-nominations-heading">
        <Stack gap="sm">
          <Title order={2} size="h3" id="my-nominations-heading">
            {t("trainingHours.myNominations.title")}
          </Title>
          {d.nominations.length === 0 ? (
            <Text c="gray.7">{t("trainingHours.myNominations.empty")}</Text>
          ) : (
            <Table.ScrollContainer minWidth={640}>
              <Table striped withTableBorder data-testid="my-nominations">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t("trainingHours.col.course")}</Table.Th>
                    <Table.Th scope="col">{t("trainingHours.col.organiser")}</Table.Th>
                    <Table.Th scope="col">{t("trainingHours.col.period")}</Table.Th>
                    <Table.Th scope="col">{t("trainingHours.col.hours")}</Table.Th>
                    <Table.Th scope="col">{t("trainingHours.col.outcome")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {d.nominations.map((n) => (
                    <Table.Tr key={n.id}>
                      <Table.Td>
                        {n.course}
                        {n.note ? (
                          <Text size="xs" c="gray.7">
                            {n.note}
                          </Text>
                        ) : null}
                      </Table.Td>
                      <Table.Td>{n.organiser || "—"}</Table.Td>
                      <Table.Td style={{ whiteSpace: "nowrap" }}>
                        <RocDate value={n.startsOn} />
                        {n.endsOn !== n.startsOn ? (
                          <>
                            {" – "}
                            <RocDate value={n.endsOn} />
                          </>
                        ) : null}
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: "nowrap" }}>{hoursText(t, n.hours)}</Table.Td>
                      <Table.Td>
                        <NominationOutcomeBadge outcome={n.outcome} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Stack>
      </Paper>

      <FeedSection feed={d.feed} feedUrl={feedUrl} year={d.year} />
    </Stack>
  );
}

function BreakdownTable({ title, subtotal, headers, rows, testId }: { title: string; subtotal: number; headers: string[]; rows: React.ReactNode[][]; testId: string }) {
  const t = useT();
  return (
    <Stack gap={4} data-testid={testId}>
      <Group justify="space-between">
        <Title order={3} size="h5">
          {title}
        </Title>
        <Text size="sm" fw={600}>
          {t("trainingHours.breakdown.subtotal", { n: formatHours(subtotal) })}
        </Text>
      </Group>
      {rows.length === 0 ? (
        <Text size="sm" c="gray.7">
          {t("trainingHours.breakdown.none")}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={520}>
          <Table withTableBorder>
            <Table.Thead>
              <Table.Tr>
                {headers.map((h, i) => (
                  <Table.Th key={h} scope="col" style={i === headers.length - 1 ? { width: 110 } : undefined}>
                    {h}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((cells, r) => (
                <Table.Tr key={r}>
                  {cells.map((c, i) => (
                    <Table.Td key={i}>{c}</Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

function ReportForm({ state, platforms, year }: { state: Parameters<typeof useFormFields>[0]; platforms: string[]; year: number }) {
  const fields = useFormFields(state, {});
  const { t } = fields;
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="report-heading">
      <Form method="post" action={`/training/hours?year=${year}`} noValidate>
        <input type="hidden" name="intent" value="report" />
        <Stack gap="sm">
          <Title order={2} size="h3" id="report-heading">
            {t("trainingHours.report.title")}
          </Title>
          <Text size="sm" c="gray.7">
            {t("trainingHours.report.intro")}
          </Text>
          <FormErrorSummary state={state} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextField fields={fields} name="platform" label={t("trainingHours.report.platform")} description={t("trainingHours.report.platformHint")} list="elearning-platforms" maxLength={60} required autoComplete="off" />
            <TextField fields={fields} name="course" label={t("trainingHours.report.course")} maxLength={120} required />
            <TextField fields={fields} name="hours" label={t("trainingHours.report.hours")} description={t("trainingHours.report.hoursHint")} type="number" inputMode="decimal" min={0.1} max={999} step={0.1} required />
            <TextField fields={fields} name="completedOn" label={t("trainingHours.report.completedOn")} description={t("trainingHours.report.completedOnHint")} type="date" required />
            <TextField fields={fields} name="certificateNumber" label={t("trainingHours.report.certificate")} description={t("trainingHours.report.certificateHint")} maxLength={60} />
          </SimpleGrid>
          <datalist id="elearning-platforms">
            {platforms.map((p) => (
              <option key={p} value={p} />
            ))}
          </datalist>
          <Group>
            <Button type="submit">{t("trainingHours.report.submit")}</Button>
          </Group>
        </Stack>
      </Form>
    </Paper>
  );
}

function FeedSection({ feed, feedUrl, year }: { feed: { createdAt: string } | null; feedUrl: string | null; year: number }) {
  const t = useT();
  const active = Boolean(feed || feedUrl);
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="feed-heading" data-testid="feed">
      <Stack gap="sm">
        <Title order={2} size="h3" id="feed-heading">
          {t("trainingHours.feed.title")}
        </Title>
        <Text size="sm">{t("trainingHours.feed.intro")}</Text>
        {feedUrl ? (
          <Alert color="teal" role="status" title={t("trainingHours.feed.newUrl")}>
            <Stack gap="xs">
              <Group align="flex-end" wrap="nowrap" gap="xs">
                <TextInput
                  id="feed-url"
                  label={t("trainingHours.feed.urlLabel")}
                  value={feedUrl}
                  readOnly
                  onFocus={(e) => e.currentTarget.select()}
                  style={{ flex: 1 }}
                  data-testid="feed-url"
                />
                <CopyButton value={feedUrl}>
                  {({ copied, copy }) => (
                    <Button onClick={copy} color={copied ? "teal" : "blue"} aria-live="polite">
                      {copied ? t("trainingHours.feed.copied") : t("trainingHours.feed.copy")}
                    </Button>
                  )}
                </CopyButton>
              </Group>
              {/* webcal: opens the subscription dialogue of Apple Calendar and Outlook in one tap. */}
              <Anchor href={feedUrl.replace(/^https?:/, "webcal:")} size="sm">
                {t("trainingHours.feed.subscribeHere")}
              </Anchor>
              <Text size="sm" fw={600}>
                {t("trainingHours.feed.secret")}
              </Text>
            </Stack>
          </Alert>
        ) : feed ? (
          <Stack gap={2} data-testid="feed-active">
            <Text size="sm">{t("trainingHours.feed.active")}</Text>
            <Text size="xs" c="gray.7">
              {t("trainingHours.feed.createdAt")}
              <RocDate value={feed.createdAt} withTime />
            </Text>
          </Stack>
        ) : (
          <Text size="sm" c="gray.7">
            {t("trainingHours.feed.none")}
          </Text>
        )}

        <Title order={3} size="h5">
          {t("trainingHours.feed.howTo")}
        </Title>
        <List size="sm" spacing={4}>
          <List.Item>{t("trainingHours.feed.iphone")}</List.Item>
          <List.Item>{t("trainingHours.feed.android")}</List.Item>
          <List.Item>{t("trainingHours.feed.outlook")}</List.Item>
        </List>

        <Group gap="sm" align="flex-start">
          <Form method="post" action={`/training/hours?year=${year}`}>
            <input type="hidden" name="intent" value="renewFeed" />
            <Button type="submit" variant={active ? "default" : "filled"}>
              {active ? t("trainingHours.feed.renew") : t("trainingHours.feed.create")}
            </Button>
          </Form>
          {active ? (
            <Form method="post" action={`/training/hours?year=${year}`}>
              <input type="hidden" name="intent" value="revokeFeed" />
              <Button type="submit" variant="default" color="red">
                {t("trainingHours.feed.revoke")}
              </Button>
            </Form>
          ) : null}
        </Group>
        {active ? (
          <Text size="xs" c="gray.7">
            {t("trainingHours.feed.renewHint")}
          </Text>
        ) : null}
      </Stack>
    </Paper>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
