// How the training pages write a session's dates: 民國115年3月5日（週四）14:00–16:00, by Intl in
// Asia/Taipei (app/i18n/dates.ts gives the ROC date; no hand-written calendar arithmetic).
import { formatRocDate } from "~/i18n/dates";
import type { Language } from "~/i18n/i18n";

const TIME_ZONE = "Asia/Taipei";
const cache = new Map<string, Intl.DateTimeFormat>();
function fmt(key: string, locale: string, options: Intl.DateTimeFormatOptions) {
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { ...options, timeZone: TIME_ZONE });
    cache.set(key, f);
  }
  return f;
}
const normalise = (text: string) => text.replace(/[\u00a0\u2009\u202f]/g, " ");

export function formatTime(value: string | Date, language: Language): string {
  return normalise(fmt(`time:${language}`, language === "en" ? "en-GB" : "zh-TW", { hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(new Date(value)));
}

export function formatWeekday(value: string | Date, language: Language): string {
  return fmt(`weekday:${language}`, language === "en" ? "en-GB" : "zh-TW", { weekday: "short" }).format(new Date(value));
}

/** `YYYY-MM-DD` of an instant in Taipei (form inputs). */
export function taipeiDate(value: string | Date): string {
  return fmt("ymd", "en-CA", { year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date(value));
}

/** `HH:MM` of an instant in Taipei (form inputs). */
export function taipeiTime(value: string | Date): string {
  return normalise(fmt("hm", "en-GB", { hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(new Date(value)));
}

/** 民國115年3月5日（週四）14:00–16:00; an end on another day is written with its date. */
export function formatSessionDate(d: { startsAt: string; endsAt: string }, language: Language): string {
  const sameDay = taipeiDate(d.startsAt) === taipeiDate(d.endsAt);
  const open = language === "en" ? " (" : "（";
  const close = language === "en" ? ") " : "）";
  const start = `${formatRocDate(d.startsAt, language)}${open}${formatWeekday(d.startsAt, language)}${close}${formatTime(d.startsAt, language)}`;
  const end = sameDay ? formatTime(d.endsAt, language) : `${formatRocDate(d.endsAt, language)} ${formatTime(d.endsAt, language)}`;
  return `${start}–${end}`;
}
