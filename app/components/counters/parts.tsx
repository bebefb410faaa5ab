// Small shared pieces of the counter-performance pages (issue 8): number formats, the period's
// label in the reader's language, and the trend bars (recharts is not installed: Mantine bars with
// the figures in text, readable without colour or JavaScript).
import { Group, Progress, Stack, Text, Title } from "@mantine/core";
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

/** One bar of a trend: its month, the bar's length (0–100) and the figures in words beside it. */
export interface Bar {
  key: string;
  label: string;
  value: number;
  text: string;
  /** Grey bar: nothing to measure that month. */
  muted?: boolean;
}

/** Horizontal Mantine bars, one a month, each with its figures in text (the bar itself is decoration). */
export function TrendBars({ bars, testId }: { bars: Bar[]; testId?: string }) {
  const periodLabel = usePeriodLabel();
  return (
    <Stack gap={6} data-testid={testId}>
      {bars.map((b) => (
        <Group key={b.key} gap="sm" wrap="nowrap">
          <Text size="sm" w={130} style={{ flexShrink: 0 }}>
            {periodLabel(b)}
          </Text>
          <Progress value={Math.max(0, Math.min(100, b.value))} size="lg" style={{ flex: 1 }} aria-hidden="true" color={b.muted ? "gray" : "blue"} />
          <Text size="sm" w={260} style={{ flexShrink: 0 }}>
            {b.text}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}

export function ScoreTrend({ points }: { points: TrendBar[] }) {
  const t = useT();
  return (
    <TrendBars
      testId="score-trend"
      bars={points.map((p) => ({
        key: p.key,
        label: p.label,
        value: p.score ?? 0,
        muted: p.score === null,
        text:
          p.score !== null
            ? t("counters.trend.point", { score: fmt(p.score), rank: String(p.rank ?? "—"), served: p.served })
            : p.served > 0 || p.reason
              ? t("counters.trend.notRanked", { served: p.served })
              : t("counters.trend.none"),
      }))}
    />
  );
}

export interface CounterTrendBar {
  key: string;
  label: string;
  served: number;
  weightedCases: number;
  waitMean: number | null;
  waitTickets: number;
}

/** A counter's months in three sets of bars (served, weighted, mean wait), each scaled to its largest month. */
export function CounterTrend({ points }: { points: CounterTrendBar[] }) {
  const t = useT();
  const scale = (values: number[]) => {
    const max = Math.max(0, ...values);
    return (v: number) => (max > 0 ? (100 * v) / max : 0);
  };
  const served = scale(points.map((p) => p.served));
  const weighted = scale(points.map((p) => p.weightedCases));
  const wait = scale(points.map((p) => p.waitMean ?? 0));
  const sections = [
    {
      id: "served",
      title: t("counters.counterTrend.served"),
      bars: points.map((p) => ({ key: p.key, label: p.label, value: served(p.served), muted: p.served === 0, text: t("counters.counterTrend.servedPoint", { n: p.served }) })),
    },
    {
      id: "weighted",
      title: t("counters.counterTrend.weighted"),
      bars: points.map((p) => ({ key: p.key, label: p.label, value: weighted(p.weightedCases), muted: p.weightedCases === 0, text: t("counters.counterTrend.weightedPoint", { n: fmt(p.weightedCases, 1) }) })),
    },
    {
      id: "wait",
      title: t("counters.counterTrend.wait"),
      bars: points.map((p) => ({
        key: p.key,
        label: p.label,
        value: wait(p.waitMean ?? 0),
        muted: p.waitMean === null,
        text: p.waitMean === null ? t("counters.trend.none") : t("counters.counterTrend.waitPoint", { minutes: fmt(p.waitMean, 1), tickets: p.waitTickets }),
      })),
    },
  ];
  return (
    <Stack gap="md" data-testid="counter-trend">
      {sections.map((s) => (
        <Stack key={s.id} gap={4}>
          <Title order={3} size="h5">
            {s.title}
          </Title>
          <TrendBars bars={s.bars} testId={`counter-trend-${s.id}`} />
        </Stack>
      ))}
    </Stack>
  );
}
