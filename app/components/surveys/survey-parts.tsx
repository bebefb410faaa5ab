// Small parts shared by the survey pages: the state badge, the response-rate bar (counts only: who
// answered is never shown), distribution bars drawn with Mantine (numbers always in text beside
// them), and the notices the actions redirect with (?notice=…).
import { Badge, Group, Progress, Stack, Text } from "@mantine/core";
import type { MessageKey } from "~/i18n/i18n";
import { Notice } from "~/components/notice";
import { useT } from "~/i18n/use-t";

export type RoundState = "planned" | "open" | "closed";

const STATE_COLORS: Record<RoundState, string> = { planned: "gray", open: "blue", closed: "teal" };

export function RoundStateBadge({ state }: { state: RoundState }) {
  const t = useT();
  return (
    <Badge color={STATE_COLORS[state]} variant="light" data-testid="round-state" data-state={state}>
      {t(`surveyState.${state}` as MessageKey)}
    </Badge>
  );
}

export interface RateDto {
  responded: number;
  audience: number;
  percent: number | null;
}

export function rateText(t: ReturnType<typeof useT>, rate: RateDto): string {
  return rate.percent === null ? t("surveys.rateNoAudience", { responded: rate.responded }) : t("surveys.rate", { responded: rate.responded, audience: rate.audience, percent: rate.percent });
}

/** 「已填答 12 / 44 人（27.3%）」 with a bar; the bar is labelled for screen readers. */
export function RateBar({ rate, withBar = true }: { rate: RateDto; withBar?: boolean }) {
  const t = useT();
  return (
    <Stack gap={4} data-testid="response-rate" data-responded={rate.responded} data-audience={rate.audience}>
      <Text fw={600} data-testid="response-rate-text">
        {rateText(t, rate)}
      </Text>
      {withBar && rate.percent !== null ? (
        <Progress value={rate.percent} size="lg" aria-label={t("surveys.rateBar", { responded: rate.responded, audience: rate.audience, percent: rate.percent })} />
      ) : null}
    </Stack>
  );
}

export interface BucketDto {
  value: number | string;
  label: string;
  count: number;
  percent: number;
}

const fmt1 = (x: number) => (Math.round(Math.abs(x) * 10 + 1e-9) / 10) * Math.sign(x || 1);
export const formatShare = (x: number) => {
  const r = fmt1(x);
  return Number.isInteger(r) ? String(r) : r.toFixed(1);
};

/** One bar per value: the label, a bar of its share, and 「n 人（p%）」 in text. */
export function DistributionBars({ buckets, favourableFrom }: { buckets: BucketDto[]; favourableFrom?: number }) {
  const t = useT();
  return (
    <Stack gap={4} component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }} data-testid="distribution">
      {buckets.map((b) => {
        const favourable = favourableFrom !== undefined && typeof b.value === "number" && b.value >= favourableFrom;
        return (
          <li key={String(b.value)}>
            <Group gap="sm" wrap="nowrap" align="center">
              <Text size="sm" w={150} style={{ flexShrink: 0 }}>
                {b.label}
              </Text>
              <Progress value={b.percent} size="md" color={favourable ? "teal" : "blue.4"} style={{ flex: 1, minWidth: 80 }} aria-hidden />
              <Text size="sm" w={110} ta="right" style={{ flexShrink: 0 }} aria-label={t("surveys.bar", { label: b.label, count: b.count, percent: formatShare(b.percent) })}>
                {t("surveys.countPercent", { count: b.count, percent: formatShare(b.percent) })}
              </Text>
            </Group>
          </li>
        );
      })}
    </Stack>
  );
}

const NOTICES: Record<string, MessageKey> = {
  created: "surveys.notice.created",
  opened: "surveys.notice.opened",
  closed: "surveys.notice.closed",
  reminded: "surveys.notice.reminded",
  actionAdded: "surveys.notice.actionAdded",
  statusSaved: "surveys.notice.statusSaved",
  draftSaved: "surveys.notice.draftSaved",
};

/** The green line after a successful POST (?notice=<name>&n=…); only the names above are shown. */
export function SurveyNotice() {
  return <Notice notices={NOTICES} mb={0} />;
}
