// What the training forms may carry (validated on the server, ARCHITECTURE rule 4). Messages are i18n
// keys (app/i18n/catalogs/training-shared.ts). Dates and times are typed as the office reads them, in
// Asia/Taipei, and become instants here.
import { z } from "zod";
import { SESSION_KINDS } from "./session";

const text = (max: number, required = true) =>
  required
    ? z.string({ required_error: "errors.required" }).trim().min(1, "errors.required").max(max, "errors.tooLong")
    : z.preprocess((v) => (v === undefined || v === null ? "" : v), z.string().trim().max(max, "errors.tooLong"));
const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());
const idList = z.preprocess(
  (v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v.filter((x) => x !== "") : [v]),
  z.array(z.coerce.number().int().positive()),
);
const stringList = z.preprocess((v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]), z.array(z.string()));
const isoDate = z
  .string({ required_error: "errors.required" })
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "errors.dateFormat")
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), "errors.dateFormat");
/** Hours in half-hour steps are the norm; one decimal is kept. */
const hours = (min: number) =>
  z.preprocess(
    // A blank field is a missing value, not 0 hours.
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    z.coerce
      .number({ invalid_type_error: "errors.training.hours", required_error: "errors.required" })
      .min(min, "errors.training.hours")
      .max(999, "errors.training.hours")
      .refine((v) => Math.abs(v * 10 - Math.round(v * 10)) < 1e-9, "errors.training.hours"),
  );

/** `2026-12-03` + `14:00` in Taipei → the instant (Taiwan has no daylight saving: always +08:00). */
export function taipeiInstant(date: string, time: string): Date {
  return new Date(`${date}T${time}:00+08:00`);
}

export const MAX_DATE_ROWS = 5;
export const MAX_MATERIAL_ROWS = 5;

const dateRow = z.object({
  date: isoDate,
  start: z.string().regex(/^\d{2}:\d{2}$/, "errors.training.time"),
  end: z.string().regex(/^\d{2}:\d{2}$/, "errors.training.time"),
});

export const sessionSchema = z
  .object({
    kind: z.enum(SESSION_KINDS, { errorMap: () => ({ message: "errors.required" }) }),
    title: text(80),
    description: text(4000, false),
    instructor: text(60, false),
    place: text(80, false),
    creditedHours: hours(0),
    capacity: z.preprocess(
      (v) => (v === "" || v === undefined || v === null ? null : v),
      z.coerce.number({ invalid_type_error: "errors.training.capacity" }).int("errors.training.capacity").min(1, "errors.training.capacity").max(9999, "errors.training.capacity").nullable(),
    ),
    required: checkbox,
    approvalRequired: checkbox,
    audience: z.enum(["office", "roles", "people"], { errorMap: () => ({ message: "errors.required" }) }),
    audienceRoles: stringList.pipe(z.array(z.enum(["staff", "committee", "chair", "supervisor", "director"]))),
    audienceUserIds: idList,
    dates: z.array(dateRow).min(1, "errors.training.dateRequired").max(MAX_DATE_ROWS),
    materials: z
      .array(z.object({ label: text(80), url: z.string().trim().url("errors.training.url").refine((u) => /^https?:\/\//i.test(u), "errors.training.url") }))
      .max(MAX_MATERIAL_ROWS),
  })
  .superRefine((v, ctx) => {
    v.dates.forEach((d, i) => {
      if (d.end <= d.start) ctx.addIssue({ code: "custom", path: [`end_${i}`], message: "errors.training.endBeforeStart" });
    });
    if (v.audience === "roles" && v.audienceRoles.length === 0) ctx.addIssue({ code: "custom", path: ["audienceRoles"], message: "errors.training.audienceRoles" });
    if (v.audience === "people" && v.audienceUserIds.length === 0) ctx.addIssue({ code: "custom", path: ["audienceUserIds"], message: "errors.training.audiencePeople" });
  });

/**
 * The session form posts date_0/start_0/end_0 … and materialLabel_0/materialUrl_0 …; this gathers the
 * filled rows (blank rows dropped) before validation. Errors on a row come back as `date_<i>`,
 * `start_<i>` or `end_<i>` (see sessionErrorField).
 */
export function sessionFromForm(formData: FormData): unknown {
  const get = (k: string) => String(formData.get(k) ?? "").trim();
  const dates = [];
  for (let i = 0; i < MAX_DATE_ROWS; i++) {
    const row = { date: get(`date_${i}`), start: get(`start_${i}`), end: get(`end_${i}`) };
    if (row.date || row.start || row.end) dates.push(row);
  }
  const materials = [];
  for (let i = 0; i < MAX_MATERIAL_ROWS; i++) {
    const row = { label: get(`materialLabel_${i}`), url: get(`materialUrl_${i}`) };
    if (row.label || row.url) materials.push(row);
  }
  return {
    kind: formData.get("kind"),
    title: formData.get("title"),
    description: formData.get("description"),
    instructor: formData.get("instructor"),
    place: formData.get("place"),
    creditedHours: formData.get("creditedHours"),
    capacity: formData.get("capacity"),
    required: formData.get("required"),
    approvalRequired: formData.get("approvalRequired"),
    audience: formData.get("audience"),
    audienceRoles: formData.getAll("audienceRoles"),
    audienceUserIds: formData.getAll("audienceUserIds"),
    dates,
    materials,
  };
}

/** `dates.1.date` (zod's path) → `date_1`, the form's field name, so the message sits beside its input. */
export function sessionErrorField(path: string): string {
  const m = /^dates\.(\d+)\.(date|start|end)$/.exec(path);
  if (m) return `${m[2]}_${m[1]}`;
  const n = /^materials\.(\d+)\.(label|url)$/.exec(path);
  if (n) return `material${n[2] === "label" ? "Label" : "Url"}_${n[1]}`;
  return path;
}

export type SessionForm = z.infer<typeof sessionSchema>;

/** The parsed form as the server module wants it. */
export function toSessionInput(form: SessionForm) {
  return {
    kind: form.kind,
    title: form.title,
    description: form.description,
    instructor: form.instructor,
    place: form.place,
    creditedHours: form.creditedHours,
    capacity: form.capacity,
    required: form.required,
    approvalRequired: form.approvalRequired,
    audienceWholeOffice: form.audience === "office",
    audienceRoles: form.audience === "roles" ? form.audienceRoles : [],
    audienceUserIds: form.audience === "people" ? form.audienceUserIds : [],
    dates: form.dates.map((d) => ({ startsAt: taipeiInstant(d.date, d.start), endsAt: taipeiInstant(d.date, d.end) })),
    materials: form.materials,
  };
}

export const cancelSessionSchema = z.object({ reason: text(500) });

export const attendanceMarkSchema = z.enum(["attended", "partly_attended", "absent", "excused"]);

export const elearningSchema = z.object({
  platform: text(60),
  course: text(120),
  hours: hours(0.1),
  completedOn: isoDate,
  certificateNumber: text(60, false),
});

export const elearningReviewSchema = z.object({
  id: z.coerce.number().int().positive(),
  decision: z.enum(["approve", "return"], { errorMap: () => ({ message: "errors.required" }) }),
  reason: text(500, false),
});

export const nominationSchema = z.object({
  userIds: idList,
  course: text(120),
  organiser: text(80, false),
  startsOn: isoDate,
  endsOn: isoDate,
  hours: hours(0),
  note: text(500, false),
});

export const nominationOutcomeSchema = z.object({
  id: z.coerce.number().int().positive(),
  outcome: z.enum(["nominated", "completed", "not_completed", "withdrawn"], { errorMap: () => ({ message: "errors.required" }) }),
  hours: hours(0),
});

export const targetSchema = z.object({
  year: z.coerce.number().int().min(2000).max(2200),
  totalHours: hours(0),
  digitalHours: hours(0),
});
