// 訓練行事曆 (issue 5: "A month calendar of sessions"): the month grid of calendar.ts (Sunday first,
// as Taiwanese calendars are), ?month=YYYY-MM with 上個月 / 本月 / 下個月, each session on every day it
// touches as a link (cancelled struck through, the viewer's own highlighted). The grid is a real
// table with day headers; a plain list of the month's dates follows for small screens.
import { Anchor, Badge, Box, Button, Group, List, Stack, Table, Text, Title, VisuallyHidden } from "@mantine/core";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatTime } from "~/components/training/training-format";
import { useLanguage, useT } from "~/i18n/use-t";
import { requirePermission } from "~/modules/auth/guards.server";
import { currentMonth, monthGrid, monthRef, type MonthRef } from "~/modules/training/calendar";
import type { EnrolmentStatus } from "~/modules/training/enrolment";
import { listSessions } from "~/modules/training/training.server";

const DAY_MS = 86_400_000;
const ACTIVE: EnrolmentStatus[] = ["requested", "booked", "waitlisted", "attended", "partly_attended", "absent", "excused"];

function parseMonth(raw: string | null, now: Date): MonthRef {
  const m = raw ? /^(\d{4})-(\d{2})$/.exec(raw) : null;
  if (m) {
    try {
      const ref = monthRef(Number(m[1]), Number(m[2]));
      if (ref.year >= 1990 && ref.year <= 2200) return ref;
    } catch {
      // an impossible month opens the current one
    }
  }
  return currentMonth(now);
}

const monthParam = (ref: MonthRef) => `${ref.year}-${String(ref.month).padStart(2, "0")}`;

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "training.attend");
  const now = new Date();
  const month = parseMonth(new URL(args.request.url).searchParams.get("month"), now);
  // The grid shows up to six days of the neighbouring months: load a week either side.
  const from = new Date(Date.UTC(month.year, month.month - 1, 1) - 8 * DAY_MS);
  const to = new Date(Date.UTC(month.year, month.month, 1) + 8 * DAY_MS);
  const sessions = await listSessions(args.context.db, user, { from, to }, now);
  const grid = monthGrid(
    month,
    sessions.map((s) => ({
      id: s.id,
      title: s.title,
      status: s.status,
      required: s.required,
      mine: s.myStatus !== null && ACTIVE.includes(s.myStatus),
      dates: s.dates.map((d) => ({ startsAt: new Date(d.startsAt), endsAt: new Date(d.endsAt) })),
    })),
    { now },
  );
  const today = currentMonth(now);
  // A plain DTO: ISO strings, no Date objects or whole session rows.
  return {
    month: { ...month, param: monthParam(month) },
    previous: monthParam(grid.previous),
    next: monthParam(grid.next),
    current: monthParam(today),
    isCurrent: today.year === month.year && today.month === month.month,
    weeks: grid.weeks.map((week) =>
      week.map((day) => ({
        date: day.date,
        day: day.day,
        weekday: day.weekday,
        inMonth: day.inMonth,
        isToday: day.isToday,
        entries: day.entries.map((e) => ({
          id: e.session.id,
          title: e.session.title,
          cancelled: e.session.status === "cancelled",
          mine: e.session.mine,
          required: e.session.required,
          startsAt: e.startsAt.toISOString(),
          endsAt: e.endsAt.toISOString(),
          dateNumber: e.dateNumber,
          dateCount: e.dateCount,
          continues: e.continuesFromPreviousDay,
        })),
      })),
    ),
  };
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;
type Entry = Data["weeks"][number][number]["entries"][number];

const WEEKDAY_KEYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;

function EntryLink({ e, compact }: { e: Entry; compact?: boolean }) {
  const t = useT();
  const language = useLanguage();
  const label = `${e.continues ? "…" : formatTime(e.startsAt, language)} ${e.title}${e.dateCount > 1 ? ` ${t("training.calendar.dayOf", { n: e.dateNumber, total: e.dateCount })}` : ""}`;
  return (
    <Anchor
      component={Link}
      to={`/training/${e.id}`}
      size={compact ? "xs" : "sm"}
      td={e.cancelled ? "line-through" : undefined}
      c={e.cancelled ? "gray.7" : undefined}
      fw={e.mine ? 700 : undefined}
      data-mine={e.mine || undefined}
      data-cancelled={e.cancelled || undefined}
      style={{
        display: "block",
        padding: "2px 4px",
        borderRadius: 4,
        background: e.mine && !e.cancelled ? "var(--mantine-color-blue-1)" : undefined,
        borderLeft: `3px solid ${e.cancelled ? "var(--mantine-color-gray-5)" : e.required ? "var(--mantine-color-red-7)" : "var(--mantine-color-blue-6)"}`,
        lineHeight: 1.3,
      }}
    >
      {label}
      {e.cancelled ? `（${t("sessionPhase.cancelled")}）` : ""}
      {e.mine ? <VisuallyHidden>（{t("training.calendar.mine")}）</VisuallyHidden> : null}
    </Anchor>
  );
}

export default function TrainingCalendar() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  const title = t("training.calendar.monthLabel", { rocYear: d.month.rocYear, year: d.month.year, month: d.month.month });
  const monthDays = d.weeks.flat().filter((day) => day.inMonth && day.entries.length > 0);
  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Stack gap={2}>
          <Title order={1}>{t("nav.trainingCalendar")}</Title>
          <Text size="lg" fw={600} aria-live="polite" data-testid="month-label">
            {title}
          </Text>
        </Stack>
        <Group gap="xs" component="nav" aria-label={t("training.calendar.nav")}>
          <Button component={Link} to={`?month=${d.previous}`} variant="default" rel="prev">
            ← {t("training.calendar.previous")}
          </Button>
          <Button component={Link} to={`?month=${d.current}`} variant={d.isCurrent ? "filled" : "default"} aria-current={d.isCurrent ? "date" : undefined}>
            {t("training.calendar.thisMonth")}
          </Button>
          <Button component={Link} to={`?month=${d.next}`} variant="default" rel="next">
            {t("training.calendar.next")} →
          </Button>
        </Group>
      </Group>
      <Group gap="md">
        <Group gap={4}>
          <Box w={14} h={14} style={{ background: "var(--mantine-color-blue-1)", borderLeft: "3px solid var(--mantine-color-blue-6)" }} />
          <Text size="xs">{t("training.calendar.legendMine")}</Text>
        </Group>
        <Group gap={4}>
          <Box w={14} h={14} style={{ borderLeft: "3px solid var(--mantine-color-red-7)" }} />
          <Text size="xs">{t("training.calendar.legendRequired")}</Text>
        </Group>
        <Text size="xs" td="line-through" c="gray.7">
          {t("training.calendar.legendCancelled")}
        </Text>
      </Group>
      <Box visibleFrom="sm">
        <Table withTableBorder withColumnBorders layout="fixed" data-testid="month-grid">
          {/* The month is already the heading above: the caption is for screen readers only. */}
          <caption style={{ position: "absolute", width: 1, height: 1, overflow: "hidden", clip: "rect(0 0 0 0)", whiteSpace: "nowrap" }}>{title}</caption>
          <Table.Thead>
            <Table.Tr>
              {WEEKDAY_KEYS.map((k) => (
                <Table.Th key={k} scope="col" ta="center" c={k === "sun" || k === "sat" ? "red.8" : undefined}>
                  <abbr title={t(`training.calendar.weekdayLong.${k}`)} style={{ textDecoration: "none" }}>
                    {t(`training.calendar.weekday.${k}`)}
                  </abbr>
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {d.weeks.map((week) => (
              <Table.Tr key={week[0].date}>
                {week.map((day) => (
                  <Table.Td
                    key={day.date}
                    valign="top"
                    h={110}
                    bg={day.isToday ? "yellow.0" : day.inMonth ? undefined : "gray.0"}
                    aria-current={day.isToday ? "date" : undefined}
                    data-date={day.date}
                    style={{ verticalAlign: "top" }}
                  >
                    <Text size="sm" fw={day.isToday ? 700 : 500} c={day.inMonth ? undefined : "gray.6"} mb={4}>
                      <time dateTime={day.date}>{day.day}</time>
                      {day.isToday ? <Badge size="xs" ml={4} variant="light">{t("training.calendar.today")}</Badge> : null}
                    </Text>
                    <Stack gap={3}>
                      {day.entries.map((e) => (
                        <EntryLink key={`${e.id}-${e.startsAt}`} e={e} compact />
                      ))}
                    </Stack>
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Box>
      <Stack gap="xs" component="section" aria-labelledby="month-list-title" hiddenFrom="sm">
        <Title order={2} size="h4" id="month-list-title">
          {t("training.calendar.listTitle")}
        </Title>
        {monthDays.length === 0 ? <Text c="gray.7">{t("training.calendar.none")}</Text> : null}
        <List listStyleType="none" spacing="sm">
          {monthDays.map((day) => (
            <List.Item key={day.date}>
              <Text size="sm" fw={600}>
                <time dateTime={day.date}>{t("training.calendar.dayLabel", { month: d.month.month, day: day.day, weekday: t(`training.calendar.weekday.${WEEKDAY_KEYS[day.weekday]}`) })}</time>
              </Text>
              <Stack gap={2} mt={2}>
                {day.entries.map((e) => (
                  <EntryLink key={`${e.id}-${e.startsAt}`} e={e} />
                ))}
              </Stack>
            </List.Item>
          ))}
        </List>
      </Stack>
    </Stack>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
