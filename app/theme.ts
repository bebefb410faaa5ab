import { createTheme } from "@mantine/core";

// Shade 8 of Mantine's blue keeps text and buttons above WCAG AA contrast (≈5:1 on white).
export const theme = createTheme({
  primaryColor: "blue",
  primaryShade: { light: 8, dark: 6 },
  fontFamily: '"Noto Sans TC", "Noto Sans CJK TC", "PingFang TC", "Microsoft JhengHei", system-ui, sans-serif',
  headings: { fontFamily: '"Noto Sans TC", "Noto Sans CJK TC", "PingFang TC", "Microsoft JhengHei", system-ui, sans-serif' },
  defaultRadius: "sm",
});
