// A figure's trend as small bars (recharts through @mantine/charts). Recharts measures its container in
// the browser and draws nothing useful on the server, so the chart appears after hydration; the same
// values are always in the page as text (a visually hidden list), for screen readers, print and no-JS.
import { BarChart } from "@mantine/charts";
import { Box, VisuallyHidden } from "@mantine/core";
import { useEffect, useState } from "react";
import type { TrendPoint } from "~/modules/dashboard/figure";

export function TrendChart({ points, label, format, color = "blue.7", height = 90 }: { points: TrendPoint[]; label: string; format: (value: number | null) => string; color?: string; height?: number }) {
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  const data = points.map((p) => ({ period: p.label, value: p.value }));
  return (
    <Box h={height} data-testid="trend-chart">
      <VisuallyHidden>
        <ul aria-label={label}>
          {points.map((p) => (
            <li key={p.key}>
              {p.label}：{format(p.value)}
            </li>
          ))}
        </ul>
      </VisuallyHidden>
      {mounted && points.length > 0 ? (
        <div aria-hidden="true">
          <BarChart
            h={height}
            data={data}
            dataKey="period"
            series={[{ name: "value", color, label }]}
            withXAxis={false}
            withYAxis={false}
            gridAxis="none"
            withTooltip
            valueFormatter={(v) => format(v)}
            barProps={{ isAnimationActive: false }}
          />
        </div>
      ) : null}
    </Box>
  );
}
