// A round's response rate, the anonymous response id, and the half-year label of a round. Issue 7,
// "Running a survey" (live response rate, a round per half-year) and "Anonymity is a property of
// the database" (a random id, not a serial number, not a time-ordered id). Pure (ARCHITECTURE
// rule 6) apart from the randomness of `anonymousResponseId`.

export interface ResponseRate {
  responded: number;
  audience: number;
  /** 0–100, one decimal, half up; null when the audience is empty. */
  percent: number | null;
  /** 「12 / 20 人（60%）」. */
  label: string;
}

/**
 * How many of the audience have submitted. Safe to show at any size, live, to whoever runs the
 * round: a count says who has taken part in total, never what anybody answered, and the
 * participation table it is counted from holds no answers (README.md). The percent is capped at
 * 100, because the audience can shrink after people answered (someone transfers out), and a rate
 * over 100% would only confuse.
 */
export function responseRate(input: { responded: number; audience: number }): ResponseRate {
  const { responded, audience } = input;
  if (!Number.isInteger(responded) || !Number.isInteger(audience) || responded < 0 || audience < 0) {
    throw new RangeError(`responseRate: counts must be whole numbers ≥ 0, got ${responded} / ${audience}`);
  }
  const percent = audience === 0 ? null : Math.min(100, Math.round((responded * 1000) / audience) / 10);
  const label = percent === null ? `${responded} 人` : `${responded} / ${audience} 人（${percent}%）`;
  return { responded, audience, percent, label };
}

/**
 * A fresh id for an anonymous response: a random UUID v4 (122 random bits, crypto.randomUUID).
 * Not a serial number and not a time-ordered id (UUIDv7, ULID, a timestamp prefix): those put the
 * responses in submission order, and anyone who knows when a colleague pressed 送出 (they said so
 * at lunch; the live response count moved from 7 to 8 just after they left the meeting) could
 * then pick out that colleague's answers. A v4 id sorts in no meaningful order, so neither the id
 * nor an index on it reveals when a response arrived. (The table's physical row order still does;
 * README.md, "Anonymity design", says how the database deals with that.)
 */
export function anonymousResponseId(): string {
  return globalThis.crypto.randomUUID();
}

export const UUID_V4_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** Whether a string has the shape `anonymousResponseId` produces (for checking a stored id). */
export function isAnonymousResponseId(id: string): boolean {
  return UUID_V4_PATTERN.test(id);
}

export type Half = 1 | 2;

export const HALF_LABELS: Record<Half, string> = { 1: "上半年", 2: "下半年" };

/**
 * 「115年上半年」 for (2026, 1). The year is Gregorian; the ROC year is Gregorian − 1911, the
 * arithmetic every 民國 date uses (Intl's ROC calendar prints the same number; ARCHITECTURE
 * "Data" asks for Intl where a date is formatted, but here there is no date, only a year).
 */
export function roundPeriodLabel(year: number, half: Half): string {
  if (!Number.isInteger(year) || year < 1912) throw new RangeError(`roundPeriodLabel: year must be a Gregorian year from 1912 on, got ${year}`);
  if (half !== 1 && half !== 2) throw new RangeError(`roundPeriodLabel: half must be 1 or 2, got ${String(half)}`);
  return `${year - 1911}年${HALF_LABELS[half]}`;
}

/**
 * The half-year a moment falls in, on the Taipei calendar (1 January–30 June is the first half),
 * to suggest the period of a new round. Taipei's date comes from Intl, so a round opened at
 * 2026-06-30T17:00Z (1 July in Taipei) belongs to the second half.
 */
export function periodOf(moment: Date): { year: number; half: Half } {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Taipei", year: "numeric", month: "numeric" }).formatToParts(moment);
  const year = Number(parts.find((p) => p.type === "year")!.value);
  const month = Number(parts.find((p) => p.type === "month")!.value);
  return { year, half: month <= 6 ? 1 : 2 };
}
