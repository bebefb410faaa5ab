import ICAL from "ical.js";
import { afterEach, describe, expect, it } from "vitest";
import { buildTrainingCalendar, escapeIcsText, foldIcsLine, icsLocalDateTime, type IcsSession } from "./ics";

const t = (local: string) => new Date(`${local}+08:00`);
const NOW = new Date("2026-03-01T02:03:04.567Z");

const phoneTraining: IcsSession = {
  id: 12,
  title: "電話禮儀訓練, 第一梯; 櫃台\n加場",
  kind: "phone_etiquette",
  description: "請攜帶「為民服務白皮書」。".repeat(6) + "\n地點如有異動，另行通知; 謝謝, 承辦人",
  instructor: "林美華",
  place: "3樓會議室, 府北戶政",
  status: "scheduled",
  dates: [{ startsAt: t("2026-03-10T09:00:00"), endsAt: t("2026-03-10T12:00:00") }],
  creditedHours: 3,
  url: "https://portal.example/training/sessions/12",
};
const cancelledSharing: IcsSession = {
  id: 13,
  title: "經驗分享座談",
  status: "cancelled",
  dates: [{ startsAt: t("2026-03-20T14:00:00"), endsAt: t("2026-03-20T16:00:00") }],
};
const twoDayCourse: IcsSession = {
  id: 14,
  title: "戶籍法規研習",
  status: "scheduled",
  enrolmentStatus: "waitlisted",
  // Given out of order: the feed numbers them in time order.
  dates: [
    { startsAt: t("2026-04-02T09:00:00"), endsAt: t("2026-04-02T17:00:00") },
    { startsAt: t("2026-04-01T09:00:00"), endsAt: t("2026-04-01T17:00:00") },
  ],
};
const feed = buildTrainingCalendar([cancelledSharing, twoDayCourse, phoneTraining], { calendarName: "王小明的訓練課程", now: NOW });

function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const zone = calendar.getFirstSubcomponent("vtimezone");
  if (!zone) throw new Error("no VTIMEZONE");
  ICAL.TimezoneService.register(zone);
  return calendar;
}
afterEach(() => ICAL.TimezoneService.reset());

describe("buildTrainingCalendar read back by ical.js", () => {
  it("has the calendar properties a subscribing phone needs", () => {
    const calendar = parse(feed);
    expect(calendar.getFirstPropertyValue("prodid")).toMatch(/Fubei/);
    expect(calendar.getFirstPropertyValue("version")).toBe("2.0");
    expect(calendar.getFirstPropertyValue("calscale")).toBe("GREGORIAN");
    expect(calendar.getFirstPropertyValue("method")).toBe("PUBLISH");
    expect(calendar.getFirstPropertyValue("x-wr-calname")).toBe("王小明的訓練課程");
    expect(calendar.getFirstPropertyValue("x-wr-timezone")).toBe("Asia/Taipei");
  });

  it("one event per session date, in time order, with stable UIDs", () => {
    const events = parse(feed).getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
    expect(events.map((e) => e.uid)).toEqual([
      "training-12-1@fubei-portal",
      "training-13-1@fubei-portal",
      "training-14-1@fubei-portal",
      "training-14-2@fubei-portal",
    ]);
    expect(events.map((e) => e.summary).slice(2)).toEqual(["［候補］戶籍法規研習（第 1 天，共 2 天）", "［候補］戶籍法規研習（第 2 天，共 2 天）"]);
    // The same sessions give the same UIDs tomorrow: the phone updates instead of duplicating.
    const again = buildTrainingCalendar([phoneTraining, cancelledSharing, twoDayCourse], { calendarName: "x", now: new Date() });
    expect(again.match(/^UID:.*$/gm)).toEqual(feed.match(/^UID:.*$/gm));
  });

  it("Chinese, commas, semicolons and line breaks survive the round trip", () => {
    const vevent = parse(feed).getAllSubcomponents("vevent")[0];
    const event = new ICAL.Event(vevent);
    expect(event.summary).toBe("電話禮儀訓練, 第一梯; 櫃台\n加場");
    expect(event.location).toBe("3樓會議室, 府北戶政");
    expect(event.description).toBe(
      `${"請攜帶「為民服務白皮書」。".repeat(6)}\n地點如有異動，另行通知; 謝謝, 承辦人\n類別：電話禮儀訓練\n講師：林美華\n認列時數：3 小時\nhttps://portal.example/training/sessions/12`,
    );
    expect(vevent.getFirstPropertyValue("status")).toBe("CONFIRMED");
    expect(vevent.getFirstPropertyValue("url")).toBe("https://portal.example/training/sessions/12");
  });

  it("times are in Asia/Taipei and land on the right instant", () => {
    const event = new ICAL.Event(parse(feed).getAllSubcomponents("vevent")[0]);
    expect(event.startDate.zone?.tzid).toBe("Asia/Taipei");
    expect(event.startDate.toString()).toBe("2026-03-10T09:00:00");
    expect(event.startDate.toJSDate().toISOString()).toBe("2026-03-10T01:00:00.000Z");
    expect(event.endDate.toJSDate().toISOString()).toBe("2026-03-10T04:00:00.000Z");
  });

  it("DTSTAMP is the generation time in UTC", () => {
    const vevent = parse(feed).getAllSubcomponents("vevent")[0];
    expect(vevent.getFirstProperty("dtstamp")?.toICALString()).toBe("DTSTAMP:20260301T020304Z");
  });

  it("a cancelled session stays in the feed as cancelled; a waitlisted place is tentative", () => {
    const [, cancelled, waiting] = parse(feed).getAllSubcomponents("vevent");
    expect(cancelled.getFirstPropertyValue("status")).toBe("CANCELLED");
    expect(new ICAL.Event(cancelled).summary).toBe("［已取消］經驗分享座談");
    expect(waiting.getFirstPropertyValue("status")).toBe("TENTATIVE");
  });
});

describe("the raw text", () => {
  it("ends every line with CRLF and has no bare LF", () => {
    expect(feed.endsWith("END:VCALENDAR\r\n")).toBe(true);
    expect(feed.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
  });

  it("folds long lines at 75 octets without cutting a Chinese character", () => {
    const physical = feed.split("\r\n").slice(0, -1);
    const encoder = new TextEncoder();
    const decoder = new TextDecoder("utf-8", { fatal: true });
    for (const line of physical) {
      const bytes = encoder.encode(line);
      expect(bytes.length).toBeLessThanOrEqual(75);
      expect(() => decoder.decode(bytes)).not.toThrow();
    }
    expect(physical.some((l) => l.startsWith(" "))).toBe(true);
  });

  it("holds a VTIMEZONE for Asia/Taipei at a fixed +0800", () => {
    expect(feed).toContain("BEGIN:VTIMEZONE\r\nTZID:Asia/Taipei\r\n");
    expect(feed).toContain("TZOFFSETFROM:+0800\r\nTZOFFSETTO:+0800\r\n");
    expect(feed).not.toContain("BEGIN:DAYLIGHT");
    expect(feed).toContain("DTSTART;TZID=Asia/Taipei:20260310T090000\r\n");
  });
});

describe("escapeIcsText", () => {
  it.each([
    ["a\\b", "a\\\\b"],
    ["甲;乙,丙", "甲\\;乙\\,丙"],
    ["一\r\n二\n三\r四", "一\\n二\\n三\\n四"],
  ])("%j → %j", (input, escaped) => {
    expect(escapeIcsText(input)).toBe(escaped);
  });
});

describe("foldIcsLine", () => {
  it("leaves a line of exactly 75 octets alone", () => {
    const line = `SUMMARY:${"a".repeat(67)}`;
    expect(foldIcsLine(line)).toBe(line);
  });

  it("breaks before a 3-byte character that would cross the limit and unfolds to the original", () => {
    const line = `SUMMARY:${"a".repeat(66)}戶籍${"b".repeat(100)}`;
    const folded = foldIcsLine(line);
    const [first] = folded.split("\r\n");
    expect(first).toBe(`SUMMARY:${"a".repeat(66)}`); // 74 octets: 戶 (3 bytes) would make 77
    expect(folded.replace(/\r\n /g, "")).toBe(line);
  });

  it("keeps an emoji (surrogate pair, 4 bytes) whole", () => {
    const line = `SUMMARY:${"🙂".repeat(40)}`;
    const folded = foldIcsLine(line);
    for (const piece of folded.split("\r\n")) {
      expect(new TextEncoder().encode(piece).length).toBeLessThanOrEqual(75);
      expect(piece).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/); // no half pair
    }
    expect(folded.replace(/\r\n /g, "")).toBe(line);
  });
});

describe("icsLocalDateTime", () => {
  it("writes the Taipei wall-clock time, across the UTC date line", () => {
    expect(icsLocalDateTime(new Date("2026-12-31T17:00:00Z"))).toBe("20270101T010000");
  });
});
