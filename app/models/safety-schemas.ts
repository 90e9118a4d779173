import { z } from "zod";
import { ACKNOWLEDGEMENTS, APPROVAL_DECISIONS, CLOSURE_REASONS, COMPLETED_BY, RECOMMENDATIONS, RISK_LEVELS } from "~/utils/preparation";
import { cleanText, LocalDateTimeSchema, optionalLine, optionalText, RecordIdSchema, StageSchema, UserIdSchema } from "~/utils/schemas";

/**
 * One zod schema per case-safety form (risk, approval, stage, conference), shared by the forms'
 * field names and the resource routes that parse them (docs/conventions.md §4).
 */

const level = (what: string) => z.enum(RISK_LEVELS, { error: `Rate the ${what}: low, medium or high` });
/** An HTML checkbox: present ("on") when ticked, absent otherwise. */
const checkbox = z.preprocess((v) => (v === "" ? undefined : v), z.enum(["on", "true"], { error: "Tick the box or leave it empty" }).optional()).transform((v) => v !== undefined);
const requiredText = (max: number, message: string) => z.string({ error: message }).overwrite(cleanText).trim().min(1, message).max(max, `Use at most ${max} characters`);
/** An optional datetime-local field: an empty input means "not given". */
const optionalDateTime = z.preprocess((v) => (v === "" ? undefined : v), LocalDateTimeSchema.optional());

export const RiskAssessmentSchema = z
  .object({
    intent: z.literal("assess", { error: "Unknown action" }),
    physicalHarm: level("risk of physical harm"),
    emotionalHarm: level("risk of emotional harm"),
    vulnerability: level("vulnerability"),
    powerImbalance: level("power imbalance"),
    acknowledges: z.enum(ACKNOWLEDGEMENTS, { error: "Choose how far the person responsible acknowledges what they did" }),
    substanceOrMental: optionalText(2000, "Substance or mental-health factors"),
    safetyMeasures: optionalText(2000, "Safety measures"),
    harmedNearDoor: checkbox,
    overall: level("overall risk"),
    recommendation: z.enum(RECOMMENDATIONS, { error: "Choose a recommendation" }),
    summary: optionalText(4000, "The summary"),
    sensitive: checkbox,
    // Indirect work (messages or information passed on by the facilitator): optional, since many
    // cases never need it, but a person in custody's correspondence is governed by the prison.
    messagesRisk: optionalText(2000, "The risk of passing messages"),
    doNotPassOn: optionalText(2000, "What must not be passed on"),
    inCustody: checkbox,
    custodyRules: optionalText(2000, "The prison's rules on correspondence"),
  })
  .superRefine((v, ctx) => {
    if (v.recommendation === "PROCEED_WITH_MEASURES" && !v.safetyMeasures) {
      ctx.addIssue({ code: "custom", path: ["safetyMeasures"], message: "Describe the safety measures the conference needs" });
    }
    if (v.inCustody && !v.custodyRules) {
      ctx.addIssue({ code: "custom", path: ["custodyRules"], message: "Say what the prison's rules on correspondence mean for passing messages or letters" });
    }
  });
export type RiskAssessmentInput = z.infer<typeof RiskAssessmentSchema>;

export const ApprovalSchema = z.object({
  intent: z.literal("decide", { error: "Unknown action" }),
  assessmentId: RecordIdSchema,
  decision: z.enum(APPROVAL_DECISIONS, { error: "Choose approve or decline" }),
  comments: requiredText(2000, "Give your reasons: comments are required"),
});

/**
 * Why a case closes, and for a completed case how it was completed: the same fields and rule for
 * "Move the case on" and the case record's "Close the case". How it was completed is asked only of
 * a completed case, and ignored otherwise (the select keeps its value when the reason changes).
 */
export const closureFields = {
  closureReason: z.preprocess((v) => (v === "" ? undefined : v), z.enum(CLOSURE_REASONS, { error: "Choose why the case is closing" }).optional()),
  closureNote: optionalText(2000, "The note"),
  completedBy: z.preprocess((v) => (v === "" ? undefined : v), z.enum(COMPLETED_BY, { error: "Choose how the case was completed" }).optional()),
};

export function closureRules(v: { closureReason?: string; closureNote: string; completedBy?: string }, ctx: z.RefinementCtx) {
  if (!v.closureReason) ctx.addIssue({ code: "custom", path: ["closureReason"], message: "Choose why the case is closing" });
  else if (v.closureReason === "OTHER" && !v.closureNote) {
    ctx.addIssue({ code: "custom", path: ["closureNote"], message: "Say why the case is closing" });
  } else if (v.closureReason === "COMPLETED" && !v.completedBy) {
    ctx.addIssue({ code: "custom", path: ["completedBy"], message: "Choose how the case was completed" });
  }
}

export const StageMoveSchema = z.object({ intent: z.literal("move", { error: "Unknown action" }), to: StageSchema, ...closureFields }).superRefine((v, ctx) => {
  if (v.to === "CLOSED") closureRules(v, ctx);
});

const when = {
  scheduledAt: LocalDateTimeSchema,
  endsAt: optionalDateTime,
  venue: requiredText(200, "Enter the venue (neutral ground)"),
  room: optionalLine(120, "The room"),
};

/** Start not in the past, end (when given) after the start. `now` is read at parse time. */
function checkTimes(v: { scheduledAt: Date; endsAt?: Date }, ctx: z.RefinementCtx) {
  // zod runs object refinements even when a field already failed: only compare real dates.
  if (!(v.scheduledAt instanceof Date)) return;
  if (v.scheduledAt.getTime() < Date.now()) ctx.addIssue({ code: "custom", path: ["scheduledAt"], message: "Choose a date and time that has not passed" });
  if (v.endsAt instanceof Date && v.endsAt.getTime() <= v.scheduledAt.getTime()) {
    ctx.addIssue({ code: "custom", path: ["endsAt"], message: "The end time must be after the start" });
  }
}

/** A checkbox group: absent → [], one value → [value]. */
const idList = z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(RecordIdSchema).max(50, "Too many people"));

export const ConferenceSchema = z.discriminatedUnion(
  "intent",
  [
    z
      .object({
        intent: z.literal("schedule"),
        ...when,
        leadId: UserIdSchema,
        coFacilitatorId: z.preprocess((v) => (v === "" ? undefined : v), UserIdSchema.optional()).transform((v) => v ?? null),
        attendees: idList,
      })
      .superRefine((v, ctx) => {
        checkTimes(v, ctx);
        if (v.coFacilitatorId === v.leadId) ctx.addIssue({ code: "custom", path: ["coFacilitatorId"], message: "Choose a different co-facilitator from the lead" });
        if (Array.isArray(v.attendees) && v.attendees.length === 0) ctx.addIssue({ code: "custom", path: ["attendees"], message: "Choose who will attend" });
      }),
    z.object({ intent: z.literal("reschedule"), conferenceId: RecordIdSchema, ...when }).superRefine(checkTimes),
    z.object({ intent: z.literal("rebook"), conferenceId: RecordIdSchema, ...when }).superRefine(checkTimes),
    z.object({ intent: z.literal("cancel"), conferenceId: RecordIdSchema, reason: requiredText(1000, "Say why the conference is cancelled") }),
  ],
  { error: "Unknown action" },
);
export type ConferenceInput = z.infer<typeof ConferenceSchema>;
