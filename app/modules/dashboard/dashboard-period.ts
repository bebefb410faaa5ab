// The dashboard's period: a month, quarter, half-year or year (the counters' and incentives' periods),
// and the run of periods its trends show. Pure.
import { addDays, parsePeriodKey, periodOf, type Period, type PeriodKind } from "../counters/periods";
import { TREND_LENGTH } from "./figure";

export type { Period, PeriodKind };

/** The period chosen in the URL (`?period=2026-Q4`), or the current year: learning hours, the
 * committee and the surveys all count by year, so a director's morning view starts there. */
export function dashboardPeriod(key: string | null | undefined, today: string): Period {
  const parsed = key ? parsePeriodKey(key) : null;
  return parsed ?? periodOf(today, "year");
}

/** The period of the same kind just before this one. */
export function previousPeriod(period: Period): Period {
  return periodOf(addDays(period.first, -1), period.kind);
}

/** The period of the same kind just after this one. */
export function nextPeriod(period: Period): Period {
  return periodOf(addDays(period.last, 1), period.kind);
}

/** `count` periods of the same kind ending with this one, oldest first (the trend's x axis). */
export function trendPeriods(period: Period, count: number = TREND_LENGTH): Period[] {
  const periods = [period];
  while (periods.length < count) periods.unshift(previousPeriod(periods[0]));
  return periods;
}

/** The last day of the period that has already happened: `today` for the running period. */
export function elapsedUntil(period: Period, today: string): string {
  return today < period.last ? today : period.last;
}

/** A trend over `periods`: each period's value as `value(key)` gives it (null where nothing was measured). */
export function trendOver(periods: readonly Period[], value: (key: string) => number | null): { key: string; label: string; value: number | null }[] {
  return periods.map((p) => ({ key: p.key, label: p.label, value: value(p.key) }));
}
