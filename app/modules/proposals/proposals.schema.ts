// What the proposal and committee forms may carry (validated on the server, ARCHITECTURE rule 4).
// Messages are i18n keys (app/i18n/catalogs/proposals.ts).
import { z } from "zod";
import { VOTE_CHOICES } from "./committee-rules";
import { DECISION_KINDS, EFFECTIVENESS_RESULTS, PROPOSAL_CATEGORIES, PROPOSAL_ORIGINS } from "./proposal-workflow";

const idList = z.preprocess(
  (v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v.filter((x) => x !== "") : [v]),
  z.array(z.coerce.number().int().positive()),
);
const text = (max: number, required = true) =>
  required
    ? z.string({ required_error: "errors.required" }).trim().min(1, "errors.required").max(max, "errors.tooLong")
    : z.preprocess((v) => (v === undefined || v === null ? "" : v), z.string().trim().max(max, "errors.tooLong"));
const isoDate = z
  .string({ required_error: "errors.required" })
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "errors.dateFormat")
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), "errors.dateFormat");

export const proposalSchema = z.object({
  title: text(80),
  category: z.enum(PROPOSAL_CATEGORIES, { errorMap: () => ({ message: "errors.required" }) }),
  origin: z.enum(PROPOSAL_ORIGINS, { errorMap: () => ({ message: "errors.required" }) }),
  problem: text(4000),
  method: text(4000),
  benefit: text(2000),
  estimatedCost: text(200, false),
  coProposerIds: idList,
});
export type ProposalInput = z.infer<typeof proposalSchema>;

export const screeningSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("supervisor_forward"), reason: text(1000, false) }),
  z.object({ intent: z.literal("supervisor_return"), reason: text(1000, false) }),
  z.object({ intent: z.literal("supervisor_reject"), reason: text(1000, false) }),
]);

export const decisionSchema = z.object({
  decision: z.enum(DECISION_KINDS, { errorMap: () => ({ message: "errors.required" }) }),
  reason: text(2000, false),
  documentNumber: text(60, false),
});

export const assignOwnerSchema = z.object({
  ownerId: z.coerce.number({ invalid_type_error: "errors.required" }).int().positive("errors.required"),
  dueDate: isoDate,
});

export const progressSchema = z.object({
  percent: z.coerce.number({ invalid_type_error: "errors.proposals.percent" }).int("errors.proposals.percent").min(0, "errors.proposals.percent").max(100, "errors.proposals.percent"),
  note: text(1000, false),
});

export const implementedSchema = z.object({ note: text(1000, false) });

export const effectivenessSchema = z.object({
  result: z.enum(EFFECTIVENESS_RESULTS, { errorMap: () => ({ message: "errors.required" }) }),
  before: text(1000, false),
  after: text(1000, false),
  note: text(2000, false),
});

export const settingsSchema = z.object({
  criteria: z.preprocess(
    (v) => v,
    z
      .array(z.object({ criterion: z.string().trim().min(1, "errors.required").max(20, "errors.tooLong"), weight: z.coerce.number({ invalid_type_error: "errors.invalid" }) }))
      .min(1, "errors.required"),
  ),
  gradeThresholds: z.object({
    甲: z.coerce.number({ invalid_type_error: "errors.invalid" }),
    乙: z.coerce.number({ invalid_type_error: "errors.invalid" }),
    丙: z.coerce.number({ invalid_type_error: "errors.invalid" }),
  }),
  quorumRule: z.enum(["at_least_half", "more_than_half"], { errorMap: () => ({ message: "errors.required" }) }),
  stageAlertDays: z.coerce.number({ invalid_type_error: "errors.invalid" }).int("errors.invalid").min(1, "errors.invalid").max(365, "errors.invalid"),
});
export type SettingsInput = z.infer<typeof settingsSchema>;

/**
 * The settings form posts criterion_0, weight_0, criterion_1 … and grade_甲 …; this turns it into the
 * shape above (blank rows dropped) before validation.
 */
export function settingsFromForm(formData: FormData): unknown {
  const criteria: { criterion: string; weight: string }[] = [];
  for (let i = 0; i < 10; i++) {
    const criterion = String(formData.get(`criterion_${i}`) ?? "").trim();
    const weight = String(formData.get(`weight_${i}`) ?? "").trim();
    if (criterion || weight) criteria.push({ criterion, weight });
  }
  return {
    criteria,
    gradeThresholds: { 甲: formData.get("grade_甲"), 乙: formData.get("grade_乙"), 丙: formData.get("grade_丙") },
    quorumRule: formData.get("quorumRule"),
    stageAlertDays: formData.get("stageAlertDays"),
  };
}

export const roundSchema = z.object({
  title: text(80),
  meetingDate: isoDate,
  location: text(80, false),
});
export type RoundInput = z.infer<typeof roundSchema>;

export const scheduleSchema = z.object({
  roundId: z.coerce.number({ invalid_type_error: "errors.required" }).int().positive("errors.required"),
});

export const attendanceSchema = z.object({ present: idList });

export const recusalSchema = z.object({
  memberId: z.coerce.number().int().positive().optional(),
  note: text(200, false),
});

export const actingChairSchema = z.object({
  memberId: z.coerce.number({ invalid_type_error: "errors.required" }).int().positive("errors.required"),
});

/** A ballot: the vote, a comment, and one score per rubric criterion (score_<criterion>). */
export const ballotSchema = z.object({
  vote: z.enum(VOTE_CHOICES, { errorMap: () => ({ message: "errors.proposals.voteRequired" }) }),
  comment: text(1000, false),
});
