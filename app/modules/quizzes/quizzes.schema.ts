// The quiz form (法令測驗): one zod schema shared by the page and its action. Messages are i18n
// keys (app/i18n/catalogs/quiz-stats.ts, "errors.quizAdmin.*"). Pure: no I/O.
import { z } from "zod";

/** Roles that take quizzes (roles.ts, "quizzes.take"): the choices of a role audience. */
export const AUDIENCE_ROLES = ["staff", "committee", "chair", "supervisor", "director"] as const;
export type AudienceRole = (typeof AUDIENCE_ROLES)[number];

/** Every date and time of a quiz is entered and shown in Taipei time. */
export const QUIZ_TIME_ZONE_OFFSET = "+08:00";

const stringList = z.preprocess((v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]), z.array(z.string()));
const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());
const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

const intField = (min: number, max: number, message: string) =>
  z.preprocess(blankToUndefined, z.coerce.number({ invalid_type_error: message, required_error: message }).int(message).min(min, message).max(max, message));

/** A Taipei date + time pair as a Date; `fallbackTime` when only the date is given. */
export function taipeiDateTime(date: string, time: string | undefined, fallbackTime: string): Date {
  return new Date(`${date}T${time || fallbackTime}:00${QUIZ_TIME_ZONE_OFFSET}`);
}

/** A stored instant as the form's date and time inputs (Taipei). */
export function toTaipeiInputs(value: Date | string | null | undefined): { date: string; time: string } {
  if (!value) return { date: "", time: "" };
  const shifted = new Date(new Date(value).getTime() + 8 * 3_600_000).toISOString();
  return { date: shifted.slice(0, 10), time: shifted.slice(11, 16) };
}

// The check boxes of the question picker post `questionIds`; each picked question's points arrive
// as `points.<questionId>`. Random rules arrive as aligned `ruleCategory` / `ruleCount` lists
// (the form shows a few empty rows so it works without JavaScript); blank rows are ignored.
function collectRepeated(raw: unknown) {
  if (typeof raw !== "object" || raw === null) return raw;
  const input = raw as Record<string, unknown>;
  const points: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (key.startsWith("points.")) points[key.slice("points.".length)] = value;
  }
  const list = (v: unknown): string[] => (v === undefined ? [] : Array.isArray(v) ? v.map(String) : [String(v)]);
  const categories = list(input.ruleCategory);
  const counts = list(input.ruleCount);
  const rules = Array.from({ length: Math.max(categories.length, counts.length) }, (_, i) => ({
    category: (categories[i] ?? "").trim(),
    count: (counts[i] ?? "").trim(),
  })).filter((r) => r.category !== "" || r.count !== "");
  return { ...input, points, rules };
}

const ruleSchema = z.object({
  category: z.string().min(1, "errors.quizAdmin.ruleCategory").max(200, "errors.tooLong"),
  count: z.coerce.number({ invalid_type_error: "errors.quizAdmin.ruleCount" }).int("errors.quizAdmin.ruleCount").min(1, "errors.quizAdmin.ruleCount").max(100, "errors.quizAdmin.ruleCount"),
});

const baseSchema = z.object({
  title: z.string({ required_error: "errors.required" }).trim().min(1, "errors.required").max(100, "errors.tooLong"),
  description: z.preprocess((v) => v ?? "", z.string().trim().max(2000, "errors.tooLong")),
  selection: z.enum(["fixed", "random"], { errorMap: () => ({ message: "errors.required" }) }),
  questionIds: stringList.pipe(z.array(z.coerce.number().int().positive())),
  // Every question of the picker posts its points; only the ticked ones are checked and kept.
  points: z.record(z.string(), z.unknown()),
  rules: z.array(ruleSchema),
  shuffleQuestions: checkbox,
  shuffleAnswers: checkbox,
  timeLimitMinutes: z.preprocess(blankToUndefined, intField(1, 600, "errors.quizAdmin.timeLimit").optional()),
  opensDate: z.preprocess(blankToUndefined, z.string().regex(DATE, "errors.dateFormat").optional()),
  opensTime: z.preprocess(blankToUndefined, z.string().regex(TIME, "errors.quizAdmin.timeFormat").optional()),
  closesDate: z.preprocess(blankToUndefined, z.string().regex(DATE, "errors.dateFormat").optional()),
  closesTime: z.preprocess(blankToUndefined, z.string().regex(TIME, "errors.quizAdmin.timeFormat").optional()),
  attemptsAllowed: intField(0, 20, "errors.quizAdmin.attemptsAllowed"),
  grading: z.enum(["highest", "last"], { errorMap: () => ({ message: "errors.required" }) }),
  passPercent: intField(0, 100, "errors.quizAdmin.passPercent"),
  feedbackTiming: z.enum(["after_submit", "after_close"], { errorMap: () => ({ message: "errors.required" }) }),
  audience: z.enum(["office", "roles", "people"], { errorMap: () => ({ message: "errors.required" }) }),
  audienceRoles: stringList.pipe(z.array(z.enum(AUDIENCE_ROLES, { errorMap: () => ({ message: "errors.invalid" }) }))),
  audienceUserIds: stringList.pipe(z.array(z.coerce.number().int().positive())),
  published: checkbox,
});

/** Points of a picked question: blank = 1; more than 0 and at most 100, two decimals at most. */
function pointsOf(value: unknown): number | null {
  const text = typeof value === "string" ? value.trim() : value === undefined ? "" : String(value);
  if (text === "") return 1;
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(text)) return null;
  const n = Number(text);
  return n > 0 && n <= 100 ? n : null;
}

function validDate(date: string | undefined): boolean {
  if (!date) return true;
  const d = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === date;
}

/** Category paths overlap when one is the other or contains it ("戶籍法" and "戶籍法/遷徙登記"). */
export function categoriesOverlap(a: string, b: string): boolean {
  return a === b || a.startsWith(`${b}/`) || b.startsWith(`${a}/`);
}

export const quizSchema = z.preprocess(
  collectRepeated,
  baseSchema
    .superRefine((v, ctx) => {
      const issue = (path: string, message: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, path: [path], message });
      if (!validDate(v.opensDate)) issue("opensDate", "errors.dateFormat");
      if (!validDate(v.closesDate)) issue("closesDate", "errors.dateFormat");
      if (v.opensTime && !v.opensDate) issue("opensDate", "errors.quizAdmin.timeWithoutDate");
      if (v.closesTime && !v.closesDate) issue("closesDate", "errors.quizAdmin.timeWithoutDate");
      if (v.opensDate && v.closesDate && validDate(v.opensDate) && validDate(v.closesDate)) {
        const opens = taipeiDateTime(v.opensDate, v.opensTime, "00:00");
        const closes = taipeiDateTime(v.closesDate, v.closesTime, "23:59");
        if (closes.getTime() <= opens.getTime()) issue("closesDate", "errors.quizAdmin.closeBeforeOpen");
      }
      // Explanations "after the quiz closes" need a closing time, or they would never show.
      if (v.feedbackTiming === "after_close" && !v.closesDate) issue("feedbackTiming", "errors.quizAdmin.afterCloseNeedsClose");
      if (v.selection === "fixed" && v.questionIds.length === 0) issue("questionIds", "errors.quizAdmin.noQuestions");
      if (v.selection === "fixed") {
        for (const id of v.questionIds) if (pointsOf(v.points[String(id)]) === null) issue(`points.${id}`, "errors.quizAdmin.points");
      }
      if (v.selection === "random") {
        if (v.rules.length === 0) issue("rules", "errors.quizAdmin.noRules");
        const cats = v.rules.map((r) => r.category);
        if (cats.some((c, i) => cats.some((d, j) => j < i && categoriesOverlap(c, d)))) issue("rules", "errors.quizAdmin.overlappingCategories");
      }
      if (v.audience === "roles" && v.audienceRoles.length === 0) issue("audienceRoles", "errors.rolesRequired");
      if (v.audience === "people" && v.audienceUserIds.length === 0) issue("audienceUserIds", "errors.quizAdmin.peopleRequired");
    })
    .transform((v) => ({
      title: v.title,
      description: v.description,
      selection: v.selection,
      // Fixed questions keep the order they were ticked in the bank list; points default to 1.
      questions: v.selection === "fixed" ? [...new Set(v.questionIds)].map((id) => ({ questionId: id, points: pointsOf(v.points[String(id)]) ?? 1 })) : [],
      rules: v.selection === "random" ? v.rules : [],
      shuffleQuestions: v.shuffleQuestions,
      shuffleAnswers: v.shuffleAnswers,
      timeLimitMinutes: v.timeLimitMinutes ?? null,
      opensAt: v.opensDate ? taipeiDateTime(v.opensDate, v.opensTime, "00:00") : null,
      closesAt: v.closesDate ? taipeiDateTime(v.closesDate, v.closesTime, "23:59") : null,
      attemptsAllowed: v.attemptsAllowed,
      grading: v.grading,
      passPercent: v.passPercent,
      feedbackTiming: v.feedbackTiming,
      audience: v.audience,
      audienceRoles: v.audience === "roles" ? [...new Set(v.audienceRoles)] : [],
      audienceUserIds: v.audience === "people" ? [...new Set(v.audienceUserIds)] : [],
      published: v.published,
    })),
);
export type QuizInput = z.output<typeof quizSchema>;

/** Where a quiz stands in its window (open = may be taken now, if published). */
export type QuizWindowStatus = "upcoming" | "open" | "closed";

export function quizWindowStatus(quiz: { opensAt: Date | string | null; closesAt: Date | string | null }, now: Date = new Date()): QuizWindowStatus {
  if (quiz.opensAt && new Date(quiz.opensAt).getTime() > now.getTime()) return "upcoming";
  if (quiz.closesAt && new Date(quiz.closesAt).getTime() <= now.getTime()) return "closed";
  return "open";
}

/**
 * Whether answers and explanations of a quiz may be shown to a room (presenter mode) or in a
 * review: always after it closes; before that only if the quiz shows them right after submitting.
 */
export function explanationsMayShow(quiz: { feedbackTiming: "after_submit" | "after_close"; opensAt: Date | string | null; closesAt: Date | string | null }, now: Date = new Date()): boolean {
  return quiz.feedbackTiming === "after_submit" || quizWindowStatus(quiz, now) === "closed";
}
