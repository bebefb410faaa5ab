import type { Language } from "./i18n";

// Dates are shown in the Republic of China calendar (民國115年11月28日) by Intl itself, never by
// hand-written arithmetic (ARCHITECTURE.md, Data). Taipei time on server and browser alike, so
// the server-rendered text matches what hydration renders.
const TIME_ZONE = "Asia/Taipei";
const locales: Record<Language, string> = { "zh-TW": "zh-TW-u-ca-roc", en: "en-u-ca-roc" };

const cache = new Map<string, Intl.DateTimeFormat>();
function formatter(language: Language, style: "date" | "time" | "short") {
  const key = `${language}:${style}`;
  let f = cache.get(key);
  if (!f) {
    const options: Intl.DateTimeFormatOptions =
      style === "date"
        ? { dateStyle: "long", timeZone: TIME_ZONE }
        : style === "short"
          ? { year: "numeric", month: "2-digit", day: "2-digit", timeZone: TIME_ZONE }
          : { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: TIME_ZONE };
    f = new Intl.DateTimeFormat(locales[language], options);
    cache.set(key, f);
  }
  return f;
}

// ICU versions differ between Node and browsers in the spaces they put in dates (U+202F vs U+0020):
// normalise them, or the server's text and the browser's hydration disagree.
const unicodeSpaces = /[\u00a0\u2009\u202f]/g;
const normalise = (text: string) => text.replace(unicodeSpaces, " ");

export function formatRocDate(value: Date | string | number, language: Language = "zh-TW"): string {
  return normalise(formatter(language, "date").format(new Date(value)));
}

/** 民國115年11月28日 16:48 */
export function formatRocDateTime(value: Date | string | number, language: Language = "zh-TW"): string {
  const date = new Date(value);
  return `${formatRocDate(date, language)} ${normalise(formatter(language, "time").format(date))}`;
}

/** Compact form for tables and exports: 民國115/11/28. */
export function formatRocShortDate(value: Date | string | number, language: Language = "zh-TW"): string {
  return normalise(formatter(language, "short").format(new Date(value)));
}

/**
 * Notification parameters are stored as written (an i18n key's {dueOn} holds 2026-12-03); a date-only
 * value is shown in the reader's calendar when the message is read (民國115年12月3日).
 */
export function localizeDateParams(params: Record<string, string | number>, language: Language): Record<string, string | number> {
  return Object.fromEntries(
    Object.entries(params).map(([k, v]) => [k, typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v) ? formatRocDate(new Date(`${v}T00:00:00+08:00`), language) : v]),
  );
}
