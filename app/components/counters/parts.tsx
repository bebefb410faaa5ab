// Small shared pieces of the counter-performance pages (issue 8): number formats, the period's
// label in the reader's language, and the trend bars (recharts is not installed: Mantine bars with
// the figures in text, readable without colour or JavaScript).
import { Group, Progress, Stack, Text } from "@mantine/core";
import { useLanguage, useT } from "~/i18n/use-t";

export function fmt(n: number | null | undefined, digits = 2): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return "—";
  return n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function pct(n: number | null | undefined, digits = 1): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return "—";
  return `${(n * 100).toFixed(digits)}%`;
}

/** 民國115年11月 in zh-TW; the stable key (2026-11) in English, where ROC years mean little. */
export function usePeriodLabel() {
  const language = useLanguage();
  return (p: { key: string; label: string }) => (language === "zh-TW" ? p.label : p.key);
}

export interface TrendBar {
  key: string;
  label: string;
  rank: number | null;
  score: number | null;
  reason: string | null;
  served: number;
}

export function ScoreTrend({ points }: { points: TrendBar[] }) {
  const t = useT();
  const periodLabel = usePeriodLabel();
  return (
    <Stack gap={6} data-testid="score-trend">
      {points.map((p) => (
        <Group key={p.key} gap="sm" wrap="nowrap">
          <Text size="sm" w={130} style={{ flexShrink: 0 }}>
            {periodLabel(p)}
          </Text>
          <Progress value={p.score ?? 0} size="lg" style={{ flex: 1 }} aria-hidden="true" color={p.score === null ? "gray" : "blue"} />
          <Text size="sm" w={260} style={{ flexShrink: 0 }}>
            {p.score !== null
              ? t("counters.trend.point", { score: fmt(p.score), rank: String(p.rank ?? "—"), served: p.served })
              : p.served > 0 || p.reason
                ? t("counters.trend.notRanked", { served: p.served })
                : t("counters.trend.none")}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}
