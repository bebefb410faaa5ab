import { Badge, Box, Group, Stack, Text } from "@mantine/core";
import { useT } from "~/i18n/use-t";
import type { ItemFlag } from "~/modules/quizzes/item-statistics";

/** A, B, C… as options are usually called in a paper quiz. */
export function optionLetter(index: number): string {
  return String.fromCharCode(65 + index);
}

/** A figure to one decimal, or a dash when there is none. */
export function fmt(value: number | null | undefined, suffix = ""): string {
  if (value === null || value === undefined || Number.isNaN(value)) return "—";
  return `${Math.round(value * 10) / 10}${suffix}`;
}

const FLAG_COLOR: Record<ItemFlag, string> = {
  tooHard: "red.8",
  tooEasy: "yellow.8",
  lowDiscrimination: "orange.8",
  negativeDiscrimination: "red.9",
};

export function FlagBadges({ flags }: { flags: ItemFlag[] }) {
  const t = useT();
  if (flags.length === 0) return null;
  return (
    <Group gap={4} data-testid="question-flags">
      {flags.map((f) => (
        <Badge key={f} color={FLAG_COLOR[f]} variant="light" size="sm">
          ⚠ {t(`stats.flag.${f}`)}
        </Badge>
      ))}
    </Group>
  );
}

/** The score histogram: ten columns of percent, drawn with boxes (no chart library needed). */
export function ScoreHistogram({ bins }: { bins: number[] }) {
  const t = useT();
  const max = Math.max(1, ...bins);
  const label = (i: number) => t("stats.histogramBin", { from: i * 10, to: i === 9 ? 100 : i * 10 + 9 });
  return (
    <Box component="figure" m={0} aria-label={t("stats.histogram")}>
      <Group align="flex-end" gap={6} h={200} wrap="nowrap" style={{ borderBottom: "2px solid var(--mantine-color-gray-5)" }}>
        {bins.map((n, i) => (
          <Stack key={i} gap={2} justify="flex-end" align="center" style={{ flex: 1, height: "100%" }}>
            <Text size="xs" fw={600}>
              {n}
            </Text>
            <Box
              title={`${label(i)}：${t("stats.people", { n })}`}
              aria-label={`${label(i)}：${t("stats.people", { n })}`}
              role="img"
              bg={i >= 6 ? "blue.7" : "gray.5"}
              style={{ width: "100%", height: `${(n / max) * 160}px`, minHeight: n > 0 ? 3 : 0, borderRadius: "3px 3px 0 0" }}
            />
          </Stack>
        ))}
      </Group>
      <Group gap={6} wrap="nowrap" mt={4}>
        {bins.map((_, i) => (
          <Text key={i} size="xs" c="gray.7" ta="center" style={{ flex: 1 }}>
            {i === 9 ? "90–100" : `${i * 10}–${i * 10 + 9}`}
          </Text>
        ))}
      </Group>
    </Box>
  );
}

export interface DistributionRow {
  label: string;
  count: number;
  right: boolean;
}

/**
 * Horizontal bars of how many chose each answer (count and share), the right answer in green.
 * `size="lg"` is the projector version.
 */
export function DistributionBars({ rows, total, size = "sm" }: { rows: DistributionRow[]; total: number; size?: "sm" | "lg" }) {
  const big = size === "lg";
  return (
    <Stack gap={big ? "md" : 4}>
      {rows.map((row, i) => {
        const share = total > 0 ? (row.count / total) * 100 : 0;
        return (
          <Group key={i} gap={big ? "md" : 6} wrap="nowrap" data-testid="distribution-row" data-right={row.right ? "true" : undefined}>
            <Text fw={700} size={big ? "28px" : "xs"} w={big ? 64 : 22} c={row.right ? "green.9" : undefined}>
              {row.label}
            </Text>
            <Box style={{ flex: 1, background: "var(--mantine-color-gray-2)", borderRadius: 4, height: big ? 44 : 12, minWidth: big ? 200 : 60 }}>
              <Box
                bg={row.right ? "green.7" : "gray.6"}
                style={{ width: `${share}%`, height: "100%", borderRadius: 4, minWidth: row.count > 0 ? 3 : 0 }}
              />
            </Box>
            <Text size={big ? "28px" : "xs"} fw={big ? 700 : 400} w={big ? 190 : 86} ta="right" style={{ whiteSpace: "nowrap" }}>
              {row.count}（{fmt(share, "%")}）{row.right ? " ✓" : ""}
            </Text>
          </Group>
        );
      })}
    </Stack>
  );
}

/** One share as a bar with its figure (weakest topics). */
export function PercentBar({ value, good = 60 }: { value: number; good?: number }) {
  return (
    <Group gap={6} wrap="nowrap">
      <Box style={{ flex: 1, background: "var(--mantine-color-gray-2)", borderRadius: 4, height: 12 }}>
        <Box bg={value >= good ? "blue.7" : "orange.7"} style={{ width: `${Math.max(0, Math.min(100, value))}%`, height: "100%", borderRadius: 4 }} />
      </Box>
      <Text size="xs" w={48} ta="right">
        {fmt(value, "%")}
      </Text>
    </Group>
  );
}
