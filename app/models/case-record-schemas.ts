import { z } from "zod";
import { ALWAYS_SENSITIVE_OFFENCES, CASE_AGE_GROUPS, OFFENCE_TYPE_LABELS, OFFENCE_TYPES, REFERENCE_PATTERN, REFERRER_TYPES } from "~/utils/referral";
import { cleanLine, cleanText, optionalLine, optionalText, pastDay, UserIdSchema } from "~/utils/schemas";
import { closureFields, closureRules } from "./safety-schemas";

/**
 * The forms of a case's record: recording a referral, editing its details, reopening it. The
 * browser imports only case-record-dates.ts (zod stays out of its bundle); the checks that need the database (the team are active staff of this service, the
 * reference is free) are in app/models/case-record.server.ts.
 */

export { receivedAt, serviceDate } from "./case-record-dates";

const requiredLine = (max: number, message: string) => z.string({ error: message }).overwrite(cleanLine).trim().min(1, message).max(max, `Use at most ${max} characters`);
const requiredText = (max: number, message: string) => z.string({ error: message }).overwrite(cleanText).trim().min(1, message).max(max, `Use at most ${max} characters`);
/** An HTML checkbox: present ("on") when ticked, absent otherwise. */
const checkbox = z.preprocess((v) => v === "on" || v === "true", z.boolean());
/** An optional select of a person: "" means nobody. */
const optionalPerson = (message: string) =>
  z
    .union([z.literal(""), UserIdSchema], { error: message })
    .optional()
    .transform((v) => v || null);

export const ReferenceSchema = z
  .string({ error: "Enter the case reference" })
  .trim()
  .toUpperCase()
  .min(1, "Enter the case reference")
  .regex(REFERENCE_PATTERN, "Write the reference as RJ, the year and four digits, like RJ-2026-0142");

/** The date the referral was received: a real day, not in the future (the Victims' Code clock starts here). */
export const ReceivedOnSchema = pastDay("Enter the date the referral was received", "The date received cannot be in the future");

/** A phone number (digits, spaces, + ( ) -, at least 7 digits) or an email address. */
const PHONE = /^\+?[0-9 ()-]{7,40}$/;
const looksLikeContact = (v: string) => (PHONE.test(v) && v.replace(/\D/g, "").length >= 7) || z.email().safeParse(v).success;

/** The details a facilitator or the manager may change later (not the reference or the team). */
const detailFields = {
  title: requiredLine(200, "Enter a short title for the case"),
  referrerType: z.enum(REFERRER_TYPES, { error: "Choose who referred the case" }),
  referrerName: optionalLine(120, "The referrer's name"),
  referrerContact: optionalLine(254, "The referrer's phone or email"),
  referrerNotes: optionalText(1000, "Notes about the referral"),
  receivedOn: ReceivedOnSchema,
  offenceType: z.enum(OFFENCE_TYPES, { error: "Choose the type of offence" }),
  offenceOther: optionalLine(120, "The offence"),
  offenceSummary: requiredText(4000, "Describe what happened in a few sentences"),
  ageGroup: z.enum(CASE_AGE_GROUPS, { error: "Choose adult or youth case" }),
  sensitive: checkbox,
};

type DetailValues = {
  referrerType: string;
  referrerName: string;
  referrerContact: string;
  offenceType: string;
  offenceOther: string;
  sensitive: boolean;
};

function detailRules(v: DetailValues, ctx: z.RefinementCtx) {
  // A self-referral's contact details are the person's own, recorded with them under People.
  if (v.referrerType !== "SELF") {
    if (!v.referrerName) ctx.addIssue({ code: "custom", path: ["referrerName"], message: "Enter the name of the person who made the referral" });
    if (!v.referrerContact) ctx.addIssue({ code: "custom", path: ["referrerContact"], message: "Enter a phone number or email address for the referrer" });
  }
  if (v.referrerContact && !looksLikeContact(v.referrerContact)) {
    ctx.addIssue({ code: "custom", path: ["referrerContact"], message: "Enter a phone number (at least 7 digits) or an email address" });
  }
  if (v.offenceType === "OTHER" && !v.offenceOther) ctx.addIssue({ code: "custom", path: ["offenceOther"], message: "Say what the offence was" });
  if ((ALWAYS_SENSITIVE_OFFENCES as readonly string[]).includes(v.offenceType) && !v.sensitive) {
    const what = OFFENCE_TYPE_LABELS[v.offenceType as keyof typeof OFFENCE_TYPE_LABELS].toLowerCase();
    ctx.addIssue({ code: "custom", path: ["sensitive"], message: `A case of ${what} is always sensitive or complex: tick the box` });
  }
}

export const CaseIntakeSchema = z
  .object({
    reference: ReferenceSchema,
    ...detailFields,
    leadId: optionalPerson("Choose the lead facilitator"),
    coFacilitatorId: optionalPerson("Choose the co-facilitator"),
    supervisorId: optionalPerson("Choose the case supervisor"),
  })
  .superRefine((v, ctx) => {
    detailRules(v, ctx);
    if (v.leadId && v.coFacilitatorId === v.leadId) {
      ctx.addIssue({ code: "custom", path: ["coFacilitatorId"], message: "The co-facilitator must be someone other than the lead" });
    }
  });
export type CaseIntakeInput = z.infer<typeof CaseIntakeSchema>;

export const CaseDetailsSchema = z.object({ intent: z.literal("details", { error: "Unknown action" }), ...detailFields }).superRefine(detailRules);
export type CaseDetailsInput = z.infer<typeof CaseDetailsSchema>;

export const ReopenSchema = z.object({
  intent: z.literal("reopen", { error: "Unknown action" }),
  reason: requiredText(2000, "Say why the case is being reopened"),
});

/** "Close the case" on the record: the case page's stage move to closed, with the same reason fields and rule. */
export const CloseCaseSchema = z.object({ intent: z.literal("close", { error: "Unknown action" }), ...closureFields }).superRefine(closureRules);

/** The case record's forms (details, close, reopen), posted to one route and told apart by intent. */
export const RecordActionSchema = z.discriminatedUnion("intent", [CaseDetailsSchema, CloseCaseSchema, ReopenSchema], { error: "Unknown action" });
export type RecordActionInput = z.infer<typeof RecordActionSchema>;
