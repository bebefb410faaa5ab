import { quizBankMessages } from "./catalogs/quiz-bank";
import { quizStatsMessages } from "./catalogs/quiz-stats";
import { quizzesMessages } from "./catalogs/quizzes";
import { proposalsSharedMessages } from "./catalogs/proposals-shared";
import { proposalsMessages } from "./catalogs/proposals";
import { committeeMessages } from "./catalogs/committee";
import { notificationMessages } from "./catalogs/notifications";
import { trainingSharedMessages } from "./catalogs/training-shared";
import { trainingMessages } from "./catalogs/training";
import { trainingHoursMessages } from "./catalogs/training-hours";
import { knowledgeSharedMessages } from "./catalogs/knowledge-shared";
import { casesMessages } from "./catalogs/cases";
import { clippingsMessages } from "./catalogs/clippings";
import { surveysSharedMessages } from "./catalogs/surveys-shared";
import { surveysMessages } from "./catalogs/surveys";
import { countersMessages } from "./catalogs/counters";
import { incentivesMessages } from "./catalogs/incentives";
import { dashboardLearningMessages } from "./catalogs/dashboard-learning";
import { dashboardKnowledgeMessages } from "./catalogs/dashboard-knowledge";
import { dashboardImprovementMessages } from "./catalogs/dashboard-improvement";
import { yearEndMessages } from "./catalogs/year-end";
import { homeMessages } from "./catalogs/home";
import { aboutMessages } from "./catalogs/about";
import { dashboardMessages } from "./catalogs/dashboard";
import { outageMessages } from "./catalogs/outage";
import { en } from "./en";
import { zhTW, type CoreMessageKey } from "./zh-TW";

// Module catalogs: [zh-TW, English] pairs, one file per area (app/i18n/catalogs).
const moduleMessages = {
  ...quizBankMessages,
  ...quizzesMessages,
  ...quizStatsMessages,
  ...proposalsSharedMessages,
  ...proposalsMessages,
  ...committeeMessages,
  ...notificationMessages,
  ...trainingSharedMessages,
  ...trainingMessages,
  ...trainingHoursMessages,
  ...knowledgeSharedMessages,
  ...casesMessages,
  ...clippingsMessages,
  ...surveysSharedMessages,
  ...surveysMessages,
  ...countersMessages,
  ...incentivesMessages,
  ...dashboardLearningMessages,
  ...dashboardKnowledgeMessages,
  ...dashboardImprovementMessages,
  ...yearEndMessages,
  ...homeMessages,
  ...aboutMessages,
  ...dashboardMessages,
  ...outageMessages,
};
export type MessageKey = CoreMessageKey | keyof typeof moduleMessages;
export const LANGUAGES = ["zh-TW", "en"] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = "zh-TW";

function pick(index: 0 | 1) {
  return Object.fromEntries(Object.entries(moduleMessages).map(([key, pair]) => [key, pair[index]])) as Record<keyof typeof moduleMessages, string>;
}
const catalogs: Record<Language, Record<MessageKey, string>> = {
  "zh-TW": { ...zhTW, ...pick(0) },
  en: { ...en, ...pick(1) },
};

/** Every message of a language, core and module catalogs together (for tests and tooling). */
export function messagesOf(language: Language): Readonly<Record<MessageKey, string>> {
  return catalogs[language];
}

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (LANGUAGES as readonly string[]).includes(value);
}

export function isMessageKey(value: string): value is MessageKey {
  return value in catalogs["zh-TW"];
}

export function translator(language: Language): Translate {
  const catalog = catalogs[language];
  return (key, params) => {
    const text = catalog[key] ?? catalogs["zh-TW"][key] ?? key;
    return params ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m)) : text;
  };
}

/** Reads the language from the `lang` cookie; zh-TW unless the person chose English. */
export function languageFromCookieHeader(cookieHeader: string | null): Language {
  const match = cookieHeader?.match(/(?:^|;\s*)lang=([^;]+)/);
  const value = match?.[1]; // both codes are plain ASCII: no decoding, so a malformed %-escape cannot throw on every page
  return isLanguage(value) ? value : DEFAULT_LANGUAGE;
}

/** The reader's language and its translator, for what the server writes itself (CSV headers, files). */
export function requestLanguage(request: Request): { language: Language; t: Translate } {
  const language = languageFromCookieHeader(request.headers.get("cookie"));
  return { language, t: translator(language) };
}
