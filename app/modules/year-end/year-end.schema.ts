// The year of the year-end pages, from `?year=` (Gregorian in the URL, as targets and periods are
// stored; shown as 民國 years). Anything unreadable falls back to this year in Taipei with a notice,
// never an error page: a mistyped link still opens the current summary (issue 9).
import { z } from "zod";
import { yearIn } from "../training/session";

export const MIN_YEAR = 2000;
export const MAX_YEAR = 2200;

export const yearSchema = z.coerce
  .number({ invalid_type_error: "yearEnd.errors.year" })
  .int("yearEnd.errors.year")
  .min(MIN_YEAR, "yearEnd.errors.year")
  .max(MAX_YEAR, "yearEnd.errors.year");

export interface YearChoice {
  year: number;
  /** The year as typed when it could not be read (the page says so and shows this year instead). */
  invalid: string | null;
}

export function yearFromSearch(url: URL, now: Date = new Date()): YearChoice {
  const asked = url.searchParams.get("year");
  const current = yearIn(now);
  if (asked === null || asked.trim() === "") return { year: current, invalid: null };
  const parsed = yearSchema.safeParse(asked.trim());
  return parsed.success ? { year: parsed.data, invalid: null } : { year: current, invalid: asked.slice(0, 20) };
}

/** The years offered by the selector: from five years back to this year, plus the one shown. */
export function yearOptions(shown: number, now: Date = new Date()): number[] {
  const current = yearIn(now);
  const years = new Set<number>([shown]);
  for (let y = current; y >= current - 5; y--) years.add(y);
  return [...years].sort((a, b) => b - a);
}
