// The year of the learning-hours pages: Gregorian in the URL (?year=2026, as the target is stored),
// shown in the ROC calendar (民國115年) by Intl itself (ARCHITECTURE, Data: no hand-written calendar
// arithmetic).
import { yearIn } from "~/modules/training/session";

export const MIN_YEAR = 2000;
export const MAX_YEAR = 2200;

/** The ROC year number (115 for 2026), read from Intl's ROC calendar. */
export function rocYearOf(year: number): string {
  const parts = new Intl.DateTimeFormat("zh-TW-u-ca-roc", { year: "numeric", timeZone: "UTC" }).formatToParts(new Date(Date.UTC(year, 6, 1)));
  return parts.find((p) => p.type === "year")?.value ?? String(year);
}

/** ?year= from a URL, or this year in Asia/Taipei; anything unreadable falls back to this year. */
export function yearFromUrl(url: URL, now: Date = new Date()): number {
  const asked = url.searchParams.get("year");
  const year = asked && /^\d{4}$/.test(asked) ? Number(asked) : NaN;
  return year >= MIN_YEAR && year <= MAX_YEAR ? year : yearIn(now);
}
