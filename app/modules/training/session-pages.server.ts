// Reads the training-session pages need beyond training.server.ts: the office's colleagues for the
// audience picker, and what the viewer may do with their own enrolment right now (報名 / 取消報名),
// with the rules' own sentence when they may not (enrolment.ts decides; nothing is written here).
import type { CurrentUser } from "../auth/session.server";
import type { Executor } from "../db.server";
import { decideCancellation, decideSignUp, type Enrolment, type EnrolmentSession, type EnrolmentStatus } from "./enrolment";
import { formFailure, unstorableFieldErrors, type FieldErrors, type FormFailure } from "../forms.server";
import { MAX_DATE_ROWS, MAX_MATERIAL_ROWS, sessionErrorField, sessionFromForm, sessionSchema, toSessionInput } from "./training.schema";
import type { loadSession, SessionInput } from "./training.server";


export type SessionView = Awaited<ReturnType<typeof loadSession>>;

export type MyOptions = {
  signUp: { ok: true; outcome: EnrolmentStatus } | { ok: false; reason: string };
  cancel: { ok: true } | { ok: false; reason: string } | null;
};

/**
 * What the viewer could do now, asked of the same pure rules the commands use (so the button shown
 * and the answer given agree). `view` is loadSession's answer, already scoped to the viewer's office.
 */
export async function myEnrolmentOptions(db: Executor, user: CurrentUser, view: SessionView, now = new Date()): Promise<MyOptions> {
  const rows = await db
    .selectFrom("enrolments")
    .select(["id", "userId", "status", "since", "required", "hours"])
    .where("sessionId", "=", view.session.id)
    .execute();
  const enrolments: Enrolment[] = rows.map((r) => ({ ...r, since: new Date(r.since), hours: r.hours === null ? null : Number(r.hours) }));
  const s = view.session;
  const session: EnrolmentSession = {
    id: s.id,
    officeId: user.officeId,
    status: s.status,
    dates: s.dates.map((d) => ({ startsAt: new Date(d.startsAt), endsAt: new Date(d.endsAt) })),
    creditedHours: s.creditedHours,
    capacity: s.capacity,
    required: s.required,
    approvalRequired: s.approvalRequired,
    audience: { wholeOffice: s.audienceWholeOffice, roles: s.audienceRoles, userIds: s.audiencePeople.map((p) => p.id) },
  };
  const signUp = decideSignUp(session, { id: user.id, officeId: user.officeId, roles: user.roles }, enrolments, now);
  const own = enrolments.find((e) => e.userId === user.id);
  const cancel = own && own.status !== "cancelled" ? decideCancellation(session, enrolments, own.id, "self", now) : null;
  return {
    signUp: signUp.ok ? { ok: true, outcome: signUp.change.to } : { ok: false, reason: signUp.reason },
    cancel: cancel === null ? null : cancel.ok ? { ok: true } : { ok: false, reason: cancel.reason },
  };
}

/**
 * For the list: per session, whether 報名 and 取消報名 are worth offering to the viewer — an optional
 * session outside their audience takes no sign-up, a required attendee cannot cancel. Timing and
 * seats are judged from listSessions' phase and status; the command itself decides in the end.
 */
export async function listEnrolmentHints(db: Executor, user: CurrentUser, sessionIds: number[]) {
  const hints = new Map<number, { inAudience: boolean; requiredForMe: boolean; approvalRequired: boolean }>();
  if (sessionIds.length === 0) return hints;
  const [sessions, people, mine] = await Promise.all([
    db
      .selectFrom("trainingSessions")
      .select(["id", "audienceWholeOffice", "audienceRoles", "required", "approvalRequired"])
      .where("officeId", "=", user.officeId)
      .where("id", "in", sessionIds)
      .execute(),
    db.selectFrom("trainingAudiencePeople").select("sessionId").where("sessionId", "in", sessionIds).where("userId", "=", user.id).execute(),
    db.selectFrom("enrolments").select(["sessionId", "required"]).where("sessionId", "in", sessionIds).where("userId", "=", user.id).execute(),
  ]);
  const named = new Set(people.map((p) => p.sessionId));
  for (const s of sessions) {
    const roles = (s.audienceRoles ?? []) as string[];
    const inAudience = s.audienceWholeOffice || named.has(s.id) || user.roles.some((r) => roles.includes(r));
    const own = mine.find((e) => e.sessionId === s.id);
    hints.set(s.id, { inAudience, requiredForMe: Boolean(s.required && own?.required), approvalRequired: s.approvalRequired });
  }
  return hints;
}

/**
 * The session form, parsed: zod's paths (`dates.1.end`) become the form's field names (`end_1`) so
 * each message sits beside its input, with what was typed kept (parseForm does not know the rows).
 */
export function parseSessionForm(formData: FormData): { ok: true; input: SessionInput } | FormFailure {
  const unstorable = unstorableFieldErrors(formData);
  if (Object.keys(unstorable).length > 0) return formFailure(formData, unstorable);
  const result = sessionSchema.safeParse(sessionFromForm(formData));
  if (result.success) return { ok: true, input: toSessionInput(result.data) };
  // sessionFromForm drops blank rows, so zod's row numbers count filled rows only: map them back to
  // the rows as the form numbers them (a first row left blank must not put the error on the wrong row).
  const get = (k: string) => String(formData.get(k) ?? "").trim();
  const filled = (names: string[], max: number) => Array.from({ length: max }, (_, i) => i).filter((i) => names.some((n) => get(`${n}_${i}`) !== ""));
  const dateRows = filled(["date", "start", "end"], MAX_DATE_ROWS);
  const materialRows = filled(["materialLabel", "materialUrl"], MAX_MATERIAL_ROWS);
  const formField = (field: string) => {
    const m = /^(date|start|end|materialLabel|materialUrl)_(\d+)$/.exec(field);
    if (!m) return field;
    const rows = m[1].startsWith("material") ? materialRows : dateRows;
    return `${m[1]}_${rows[Number(m[2])] ?? m[2]}`;
  };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = formField(sessionErrorField(issue.path.join(".")) || "_form");
    errors[field] ??= issue.message.startsWith("errors.") ? issue.message : "errors.invalid";
  }
  // zod skips the schema's superRefine (end after start) while another field is wrong, so the person
  // would learn of a reversed time only on the next round: say it now, with the schema's own message.
  for (const i of dateRows) {
    const [start, end] = [get(`start_${i}`), get(`end_${i}`)];
    if (/^\d{2}:\d{2}$/.test(start) && /^\d{2}:\d{2}$/.test(end) && end <= start) errors[`end_${i}`] ??= "errors.training.endBeforeStart";
  }
  return formFailure(formData, errors);
}
