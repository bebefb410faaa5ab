import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { en } from "./en";
import { DEFAULT_LANGUAGE, isLanguage, isMessageKey, languageFromCookieHeader, messagesOf, translator } from "./i18n";
import { zhTW } from "./zh-TW";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("message catalogs", () => {
  it("has an English text for every zh-TW key and no English-only keys", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhTW).sort());
  });

  it("has no empty texts", () => {
    for (const [key, text] of [...Object.entries(zhTW), ...Object.entries(en)]) {
      expect(text.trim(), key).not.toBe("");
    }
  });

  it("uses the same {placeholders} in both languages", () => {
    for (const key of Object.keys(zhTW) as (keyof typeof zhTW)[]) {
      expect(placeholders(en[key]), key).toEqual(placeholders(zhTW[key]));
    }
  });

  it("names every placeholder, in every catalog, with the ASCII name the translator fills", () => {
    // {甲} would be shown as typed: the translator fills {\w+} only. (A language may use another
    // placeholder than the other, e.g. the Gregorian year in English and the ROC year in zh-TW.)
    for (const language of ["zh-TW", "en"] as const) {
      for (const [key, text] of Object.entries(messagesOf(language))) {
        for (const p of text.match(/\{[^{}]*\}/g) ?? []) expect(p, `${language} ${key}`).toMatch(/^\{\w+\}$/);
      }
    }
  });

  it("has a text for every errors.* key the code sends to a form", () => {
    const used = new Set<string>();
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(file);
        else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) {
          for (const m of fs.readFileSync(file, "utf8").matchAll(/["'`](errors\.[A-Za-z]+)["'`]/g)) used.add(m[1]);
        }
      }
    };
    walk(path.resolve(import.meta.dirname, ".."));
    expect(used.size).toBeGreaterThan(5);
    expect([...used].filter((key) => !isMessageKey(key))).toEqual([]);
  });
});

describe("translator", () => {
  it("translates into the chosen language and fills in placeholders", () => {
    expect(translator("zh-TW")("home.greeting", { name: "陳怡君" })).toBe("陳怡君，您好");
    expect(translator("en")("home.greeting", { name: "Chen" })).toBe("Hello, Chen");
  });

  it("leaves a placeholder it was not given visible rather than blank", () => {
    expect(translator("en")("common.pageOf", { page: 2 })).toBe("Page 2 of {pageCount}");
  });

  it("shows the key itself for an unknown key instead of crashing the page", () => {
    expect(translator("en")("no.such.key" as never)).toBe("no.such.key");
  });
});

describe("language choice", () => {
  it("defaults to zh-TW", () => {
    expect(DEFAULT_LANGUAGE).toBe("zh-TW");
    expect(languageFromCookieHeader(null)).toBe("zh-TW");
    expect(languageFromCookieHeader("fb_session=abc")).toBe("zh-TW");
  });

  it("reads the lang cookie among others", () => {
    expect(languageFromCookieHeader("fb_session=abc; lang=en; other=1")).toBe("en");
    expect(languageFromCookieHeader("lang=zh-TW")).toBe("zh-TW");
  });

  it("ignores unsupported or look-alike cookies", () => {
    expect(languageFromCookieHeader("lang=fr")).toBe("zh-TW");
    expect(languageFromCookieHeader("xlang=en")).toBe("zh-TW");
    expect(languageFromCookieHeader("lang=%E0%A4%A")).toBe("zh-TW");
  });

  it("only accepts the two supported languages", () => {
    expect(isLanguage("en")).toBe(true);
    expect(isLanguage("zh-TW")).toBe(true);
    expect(isLanguage("zh-CN")).toBe(false);
    expect(isLanguage(undefined)).toBe(false);
  });
});
