import { Box, Group, Stack, Text } from "@mantine/core";
import { useT } from "~/i18n/use-t";
import { fmt } from "./stats-parts";

export interface PresenterOption {
  letter: string;
  text: string;
  /** Present once the distribution is revealed. */
  count?: number;
  right?: boolean;
}

/**
 * The options of one question in projector type. Before the reveal only letter and text; after it
 * each option gets a horizontal bar with its count and share, the right answer in green with ✓.
 */
export function PresenterOptions({ options, total, revealed, compact = false }: { options: PresenterOption[]; total: number; revealed: boolean; compact?: boolean }) {
  const t = useT();
  // Compact (while the explanation shows): one line per option, so the explanation fits on screen too.
  const textSize = compact ? 24 : 30;
  return (
    <Stack gap={compact ? 6 : "sm"} component="ol" style={{ listStyle: "none", padding: 0, margin: 0 }} data-testid="presenter-options">
      {options.map((o) => {
        const share = revealed && total > 0 ? ((o.count ?? 0) / total) * 100 : 0;
        const right = revealed && o.right;
        const bar = revealed ? (
          <Box style={{ flex: compact ? "0 0 28%" : 1, background: "var(--mantine-color-gray-2)", borderRadius: 6, height: compact ? 18 : 28 }}>
            <Box bg={right ? "green.7" : "gray.6"} style={{ width: `${share}%`, height: "100%", borderRadius: 6, minWidth: (o.count ?? 0) > 0 ? 4 : 0 }} />
          </Box>
        ) : null;
        const count = revealed ? (
          <Text fz={compact ? 22 : 26} fw={700} w={compact ? 170 : 200} ta="right" style={{ whiteSpace: "nowrap" }} data-testid="option-count">
            {t("stats.people", { n: o.count ?? 0 })}（{fmt(share, "%")}）
          </Text>
        ) : null;
        return (
          <Box
            component="li"
            key={o.letter}
            px="sm"
            py={compact ? 2 : 6}
            data-testid="presenter-option"
            data-right={right ? "true" : undefined}
            style={{
              borderRadius: 8,
              border: right ? "4px solid var(--mantine-color-green-7)" : "2px solid var(--mantine-color-gray-3)",
              background: right ? "var(--mantine-color-green-0)" : undefined,
            }}
          >
            <Group wrap="nowrap" align={compact ? "center" : "flex-start"} gap="md">
              <Text fw={800} fz={compact ? 26 : 34} lh={1.2} w={compact ? 32 : 44} c={right ? "green.9" : "blue.9"}>
                {o.letter}
              </Text>
              {compact ? (
                <>
                  <Text fz={textSize} lh={1.3} style={{ flex: 1 }}>
                    {o.text}
                    {right ? <Text span fz={textSize} fw={800} c="green.9"> ✓</Text> : null}
                  </Text>
                  {bar}
                  {count}
                </>
              ) : (
                <Stack gap={4} style={{ flex: 1 }}>
                  <Text fz={textSize} lh={1.35} style={{ whiteSpace: "pre-wrap" }}>
                    {o.text}
                    {right ? <Text span fz={textSize} fw={800} c="green.9"> ✓</Text> : null}
                  </Text>
                  {revealed ? (
                    <Group wrap="nowrap" gap="md">
                      {bar}
                      {count}
                    </Group>
                  ) : null}
                </Stack>
              )}
            </Group>
          </Box>
        );
      })}
    </Stack>
  );
}
