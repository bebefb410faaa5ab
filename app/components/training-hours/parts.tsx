// Shared pieces of the learning-hours pages (issue 5): the year switch, the labelled progress bars
// with their numbers in text, and the badges of judgements, e-learning states and 遴派 outcomes.
import { Anchor, Badge, Group, Progress, Stack, Text } from "@mantine/core";
import { Link, useLocation } from "@remix-run/react";
import { useT } from "~/i18n/use-t";
import { formatHours, type PartProgress, type ProgressJudgement, type TargetProgress } from "~/modules/training/hours";
import { rocYearOf } from "./year";

type T = ReturnType<typeof useT>;

/** 「12.5 小時」 */
export function hoursText(t: T, hours: number): string {
  return t("hours.value", { n: formatHours(hours) });
}

/** 民國115年 / ROC 115 (2026) */
export function yearText(t: T, year: number): string {
  return t("trainingHours.yearLabel", { roc: rocYearOf(year), year });
}

/** Previous / next year as plain links (no JavaScript needed); other query parameters are kept. */
export function YearSwitch({ year }: { year: number }) {
  const t = useT();
  const location = useLocation();
  const href = (y: number) => {
    const params = new URLSearchParams(location.search);
    params.delete("notice");
    params.delete("page");
    params.set("year", String(y));
    return `${location.pathname}?${params.toString()}`;
  };
  return (
    <Group gap="md" component="nav" aria-label={t("trainingHours.yearNav")} data-testid="year-switch">
      <Anchor component={Link} to={href(year - 1)} rel="prev">
        ‹ {yearText(t, year - 1)}
      </Anchor>
      <Text fw={700} aria-current="page">
        {yearText(t, year)}
      </Text>
      <Anchor component={Link} to={href(year + 1)} rel="next">
        {yearText(t, year + 1)} ›
      </Anchor>
    </Group>
  );
}

/** Badges keep their whole text: a squeezed table column must not cut 「進度落後 8.7 小時」 to 「進度落…」. */
const WHOLE = { root: { display: "inline-flex", overflow: "visible", maxWidth: "none", flexShrink: 0 }, label: { overflow: "visible", textOverflow: "clip" } } as const;

const JUDGEMENT_COLORS: Record<ProgressJudgement, string> = { behind: "red.8", on_track: "blue.8", done: "teal.8" };

/** 進度落後 3 小時 / 進度正常 / 已達成 */
export function JudgementBadge({ judgement, behindBy }: { judgement: ProgressJudgement; behindBy?: number }) {
  const t = useT();
  return (
    <Badge color={JUDGEMENT_COLORS[judgement]} variant={judgement === "behind" ? "filled" : "light"} data-judgement={judgement} styles={WHOLE}>
      {judgement === "behind" && behindBy ? t("trainingHours.behindBy", { n: formatHours(behindBy) }) : t(`progress.${judgement}`)}
    </Badge>
  );
}

/** One part (total or digital) against its target: a bar with its numbers in its label and in text. */
export function ProgressPart({ label, part, hasTarget, testId }: { label: string; part: PartProgress; hasTarget: boolean; testId?: string }) {
  const t = useT();
  const achieved = formatHours(part.achieved);
  const target = formatHours(part.target);
  const percent = Math.round(part.percent);
  return (
    <Stack gap={6} data-testid={testId}>
      <Group justify="space-between" align="baseline" wrap="wrap">
        <Text fw={700}>{label}</Text>
        {hasTarget ? <JudgementBadge judgement={part.judgement} behindBy={part.behindBy} /> : null}
      </Group>
      {hasTarget ? (
        <>
          <Progress
            value={part.percent}
            size="lg"
            color={JUDGEMENT_COLORS[part.judgement]}
            aria-label={t("trainingHours.part.bar", { label, achieved, target, percent })}
          />
          <Text size="sm">
            {part.remaining > 0
              ? t("trainingHours.part.achievedRemaining", { achieved, target, percent, n: formatHours(part.remaining) })
              : t("trainingHours.part.achieved", { achieved, target, percent })}
          </Text>
          <Text size="sm" c="gray.7">
            {t("trainingHours.part.expected", { n: formatHours(part.expectedByNow) })}
          </Text>
        </>
      ) : (
        <Text size="xl" fw={700}>
          {hoursText(t, part.achieved)}
        </Text>
      )}
    </Stack>
  );
}

/** A compact bar for a table cell: the numbers beside it, the bar labelled for screen readers. */
export function ProgressCell({ part, name }: { part: PartProgress; name: string }) {
  const t = useT();
  const achieved = formatHours(part.achieved);
  const target = formatHours(part.target);
  const percent = Math.round(part.percent);
  return (
    <Group gap={6} wrap="nowrap" miw={120}>
      <Progress
        value={part.percent}
        color={JUDGEMENT_COLORS[part.judgement]}
        w={60}
        aria-label={t("trainingHours.part.bar", { label: name, achieved, target, percent })}
      />
      <Text size="xs" style={{ whiteSpace: "nowrap" }}>
        {achieved} / {target}
      </Text>
    </Group>
  );
}

const ELEARNING_COLORS = { pending: "yellow.8", approved: "teal.8", returned: "red.8" } as const;

export function ElearningStatusBadge({ status }: { status: keyof typeof ELEARNING_COLORS }) {
  const t = useT();
  return (
    <Badge color={ELEARNING_COLORS[status]} variant="light" styles={WHOLE}>
      {t(`elearningStatus.${status}`)}
    </Badge>
  );
}

const OUTCOME_COLORS = { nominated: "blue.8", completed: "teal.8", not_completed: "red.8", withdrawn: "gray.7" } as const;

export function NominationOutcomeBadge({ outcome }: { outcome: keyof typeof OUTCOME_COLORS }) {
  const t = useT();
  return (
    <Badge color={OUTCOME_COLORS[outcome]} variant="light" styles={WHOLE}>
      {t(`nominationOutcome.${outcome}`)}
    </Badge>
  );
}

/**
 * A person's overall standing: 已達成 when both parts are done; when behind, by how much, on the
 * total first, else on the digital part (「數位學習落後 2 小時」) so the badge says which target slips.
 */
export function OverallJudgement({ progress }: { progress: TargetProgress }) {
  const t = useT();
  if (progress.judgement !== "behind" || progress.total.judgement === "behind") {
    return <JudgementBadge judgement={progress.judgement} behindBy={progress.total.behindBy} />;
  }
  return (
    <Badge color={JUDGEMENT_COLORS.behind} variant="filled" data-judgement="behind" styles={WHOLE}>
      {t("trainingHours.digitalBehindBy", { n: formatHours(progress.digital.behindBy) })}
    </Badge>
  );
}
