import { z } from "zod";
import type { FormResult } from "~/utils/forms.server";
import type { FieldErrors } from "~/utils/schemas";
import {
  ACCESS_NEEDS,
  CONSENT_ANSWERS,
  CONSENT_ELEMENTS,
  CONSENT_METHODS,
  CONTACT_FREQUENCIES,
  CONTACT_METHODS,
  PARTICIPANT_ROLES,
  PREP_CONTACT_KINDS,
  PREP_CONTACT_STATUSES,
  PREP_PLACES,
  PROFESSIONAL_TYPES,
} from "~/utils/preparation";
import { AGE_BAND_LABELS, AGE_BANDS, AGE_OF_CRIMINAL_RESPONSIBILITY, ageOn, bandForAge, isCalendarDate, londonDay, OLDEST_PLAUSIBLE_AGE } from "~/utils/age";
import { cleanText, LocalDateTimeSchema, optionalLine, optionalText, PersonNameSchema, RecordIdSchema } from "~/utils/schemas";

/**
 * One zod schema per case-preparation form (participants, consent, contacts): browser-safe, used
 * by the three action routes. Checks that need the database (same case, not removed) live in the
 * models.
 */

/** A minute of slack: a datetime-local value for "now" is already a few seconds old. */
const FUTURE_SLACK_MS = 60_000;
export const PastDateTimeSchema = LocalDateTimeSchema.refine((d) => d.getTime() <= Date.now() + FUTURE_SLACK_MS, {
  message: "That is in the future: enter when it happened",
});

const checkbox = z.preprocess((v) => v === "on" || v === "true", z.boolean());
/** An optional select of ids: "" means none. */
const optionalId = (message: string) =>
  z
    .union([z.literal(""), RecordIdSchema], { error: message })
    .optional()
    .transform((v) => v || null);
const asList = (v: unknown) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]);

/** A date of birth from a date input ("2011-03-14"): a real day, not in the future, a plausible age. "" is none. */
const DateOfBirthSchema = z
  .string({ error: "Enter a date of birth like 2011-03-14" })
  .trim()
  .optional()
  .transform((v, ctx) => {
    if (!v) return null;
    if (!isCalendarDate(v)) {
      ctx.addIssue({ code: "custom", message: "Enter a real date of birth like 2011-03-14" });
      return z.NEVER;
    }
    const today = londonDay(new Date());
    if (v > today) {
      ctx.addIssue({ code: "custom", message: "A date of birth cannot be in the future" });
      return z.NEVER;
    }
    if (ageOn(v, today) > OLDEST_PLAUSIBLE_AGE) {
      ctx.addIssue({ code: "custom", message: `That would make them over ${OLDEST_PLAUSIBLE_AGE}: check the year` });
      return z.NEVER;
    }
    return v;
  });

const PhoneSchema = optionalLine(40, "Phone").refine((v) => /^[0-9+() -]*$/.test(v), "Use digits, spaces and + ( ) - only");
const OptionalEmailSchema = optionalLine(254, "Email").refine((v) => v === "" || z.email().safeParse(v).success, "Enter a valid email address");

const participantFields = {
  role: z.enum(PARTICIPANT_ROLES, { error: "Choose their role in the case" }),
  name: PersonNameSchema,
  preferredName: optionalLine(120, "Preferred name"),
  pronouns: optionalLine(40, "Pronouns"),
  addressAs: optionalLine(120, "How to address them"),
  relationship: optionalText(500, "Relationship to the incident"),
  phone: PhoneSchema,
  email: OptionalEmailSchema,
  address: optionalText(500, "Address"),
  contactMethod: z.enum(CONTACT_METHODS, { error: "Choose how to contact them" }),
  contactFrequency: z.enum(CONTACT_FREQUENCIES, { error: "Choose how often to update them" }),
  accessNeeds: z.preprocess(asList, z.array(z.enum(ACCESS_NEEDS, { error: "Choose access needs from the list" })).max(ACCESS_NEEDS.length)),
  accessNotes: optionalText(1000, "Access needs notes"),
  hopes: optionalText(2000, "What they hope for"),
  supportsId: optionalId("Choose the person they support"),
  enhancedRights: checkbox,
  dateOfBirth: DateOfBirthSchema,
  ageBand: z
    .union([z.literal(""), z.enum(AGE_BANDS)], { error: "Choose an age band from the list" })
    .optional()
    .transform((v) => v || null),
  professionalType: z
    .union([z.literal(""), z.enum(PROFESSIONAL_TYPES)], { error: "Choose their profession from the list" })
    .optional()
    .transform((v) => v || null),
  organisation: optionalLine(200, "Agency or organisation"),
  /** The children on this case this person is a parent or guardian of (checkboxes; none is fine). */
  guardianOf: z.preprocess(asList, z.array(RecordIdSchema, { error: "Choose the young people from this case" }).max(20, "Choose at most 20 young people")),
};

type PersonFields = {
  role: string;
  supportsId: string | null;
  participantId?: string;
  dateOfBirth: string | null;
  ageBand: string | null;
  professionalType: string | null;
  organisation: string;
  guardianOf: string[];
};
const personRules = (v: PersonFields, ctx: z.RefinementCtx) => {
  const issue = (field: keyof PersonFields, message: string) => ctx.addIssue({ code: "custom", path: [field], message });
  if (v.role === "SUPPORTER" && !v.supportsId) issue("supportsId", "Choose the person they support");
  // A professional may be there for the case rather than for one person, so their link is optional.
  if ((v.role === "SUPPORTER" || v.role === "PROFESSIONAL") && v.supportsId && v.supportsId === v.participantId) issue("supportsId", "Someone cannot be their own supporter");
  if (v.role === "PROFESSIONAL") {
    if (!v.professionalType) issue("professionalType", "Choose what kind of professional they are");
    if (!v.organisation) issue("organisation", "Enter their agency or organisation");
  }
  if (v.participantId && v.guardianOf.includes(v.participantId)) issue("guardianOf", "Someone cannot be their own parent or guardian");
  // zod runs this even when a field failed, so the date may still be the raw input.
  const dob = typeof v.dateOfBirth === "string" && isCalendarDate(v.dateOfBirth) ? v.dateOfBirth : null;
  const age = dob ? ageOn(dob, londonDay(new Date())) : null;
  if (age !== null && v.ageBand && v.ageBand !== bandForAge(age)) {
    issue(
      "ageBand",
      `That age band (${AGE_BAND_LABELS[v.ageBand as keyof typeof AGE_BAND_LABELS] ?? v.ageBand}) does not match the date of birth (${age} today): leave the age band empty`,
    );
  }
  if (v.role === "PERSON_RESPONSIBLE") {
    const tooYoung = `A person responsible is at least ${AGE_OF_CRIMINAL_RESPONSIBILITY}, the age of criminal responsibility`;
    if (age !== null && age < AGE_OF_CRIMINAL_RESPONSIBILITY) issue("dateOfBirth", `${tooYoung}: check the date of birth`);
    else if (!dob && v.ageBand === "UNDER_10") issue("ageBand", `${tooYoung}: check the age band`);
  }
};

export const AddParticipantSchema = z.object({ intent: z.literal("add"), ...participantFields }).superRefine(personRules);
export const EditParticipantSchema = z.object({ intent: z.literal("edit"), participantId: RecordIdSchema, ...participantFields }).superRefine(personRules);
export const RemoveParticipantSchema = z.object({ intent: z.literal("remove"), participantId: RecordIdSchema });

/** Victims' Code for a person harmed: when information about RJ was offered, or why they are not invited. */
export const VictimsCodeSchema = z.discriminatedUnion(
  "outcome",
  [
    z.object({ intent: z.literal("victims-code"), participantId: RecordIdSchema, outcome: z.literal("offered"), infoOfferedAt: PastDateTimeSchema }),
    z.object({
      intent: z.literal("victims-code"),
      participantId: RecordIdSchema,
      outcome: z.literal("not-invited"),
      notInvitedReason: z
        .string({ error: "Say why they are not being invited" })
        .overwrite(cleanText)
        .trim()
        .min(1, "Say why they are not being invited")
        .max(1000, "Use at most 1000 characters"),
    }),
  ],
  { error: "Choose whether information was offered or why they are not invited" },
);

export const ParticipantActionSchema = z.discriminatedUnion("intent", [AddParticipantSchema, EditParticipantSchema, RemoveParticipantSchema, VictimsCodeSchema], {
  error: "Unknown action",
});
export type ParticipantInput = z.infer<typeof AddParticipantSchema>;
export type ParticipantAction = z.infer<typeof ParticipantActionSchema>;

const sharedWithRule = (v: { element: string; sharedWith: string }, ctx: z.RefinementCtx) => {
  if (v.element === "SHARE_INFORMATION" && v.sharedWith === "") {
    ctx.addIssue({ code: "custom", path: ["sharedWith"], message: "Name who the information may be shared with" });
  }
};

const consentTarget = {
  participantId: RecordIdSchema,
  /** A parent or guardian answering for the participant (a child); "" or absent: the participant's own answer. */
  guardianId: optionalId("Choose who is answering"),
  element: z.enum(CONSENT_ELEMENTS, { error: "Choose what they are consenting to" }),
  sharedWith: optionalLine(200, "Shared with"),
};

export const RecordConsentSchema = z
  .object({
    intent: z.literal("record"),
    ...consentTarget,
    answer: z.enum(CONSENT_ANSWERS, { error: "Choose their answer" }),
    method: z.enum(CONSENT_METHODS, { error: "Choose how they gave it" }),
    givenAt: PastDateTimeSchema,
    note: optionalText(1000, "Note"),
  })
  .superRefine(sharedWithRule);
/**
 * A withdrawal: the server fills in the answer, the method and the time. It is made only with
 * `confirm` equal to the token of what it will do (WithdrawalPreview.token); without it, or with
 * a token for what it would have done earlier, nothing changes and the server asks again.
 */
export const WithdrawConsentSchema = z.object({ intent: z.literal("withdraw"), ...consentTarget, confirm: optionalLine(500, "Confirmation") }).superRefine(sharedWithRule);

export const ConsentActionSchema = z.discriminatedUnion("intent", [RecordConsentSchema, WithdrawConsentSchema], { error: "Unknown action" });
export type ConsentAction = z.infer<typeof ConsentActionSchema>;
export type WithdrawConsentInput = z.infer<typeof WithdrawConsentSchema>;

/** The query of the withdrawal page (/cases/:id/consent/withdraw): which yes is to be withdrawn. */
export const WithdrawTargetSchema = z.object(consentTarget).superRefine(sharedWithRule);

/**
 * What a withdrawal will do, asked before it is made: the question, its effects in sentences
 * ("… will put the conference booked for Tue 12 Jan 2027, 10:00 on hold"), and the token to send
 * back as `confirm`. The token names the conferences it would hold and whether each is running,
 * so a confirmation given for "booked" does not stop a conference that has started since.
 */
export type WithdrawalPreview = {
  participantId: string;
  /** The parent or guardian whose answer for the child is withdrawn; null: the person's own. */
  guardianId: string | null;
  element: ConsentElementName;
  sharedWith: string;
  question: string;
  effects: string[];
  /** Whether it will put a booked or running conference on hold. */
  holds: boolean;
  token: string;
};
type ConsentElementName = (typeof CONSENT_ELEMENTS)[number];

/** What the consent route answers: FormResult, or (409) a withdrawal's question to confirm first. */
export type ConsentFormResult = FormResult | { ok: false; errors: FieldErrors; intent?: string; confirm: WithdrawalPreview };

export const AddContactSchema = z
  .object({
    intent: z.literal("add"),
    participantId: optionalId("Choose someone on this case"),
    kind: z.enum(PREP_CONTACT_KINDS, { error: "Choose the kind of contact" }),
    occurredAt: LocalDateTimeSchema,
    place: z.enum(PREP_PLACES, { error: "Choose where it was" }),
    placeDetail: optionalLine(200, "Place details"),
    attendees: optionalText(500, "Who attended"),
    coWorkerId: optionalId("Choose a member of the case team"),
    outcome: optionalText(4000, "Outcome"),
    status: z.enum(PREP_CONTACT_STATUSES, { error: "Choose whether it took place" }),
    statusReason: optionalText(1000, "Reason"),
  })
  .superRefine((v, ctx) => {
    if (v.status !== "COMPLETED" && v.statusReason === "") {
      const what = v.status === "CANCELLED" ? "it was cancelled" : "they did not attend";
      ctx.addIssue({ code: "custom", path: ["statusReason"], message: `Say why ${what}` });
    }
    if (v.place === "OTHER" && v.placeDetail === "") ctx.addIssue({ code: "custom", path: ["placeDetail"], message: "Say where it was" });
    // A cancelled contact may be logged against its planned date; anything else has happened already.
    // zod runs this even when a field failed, so occurredAt may still be the raw input.
    if (v.status !== "CANCELLED" && v.occurredAt instanceof Date && v.occurredAt.getTime() > Date.now() + FUTURE_SLACK_MS) {
      ctx.addIssue({ code: "custom", path: ["occurredAt"], message: "That is in the future: enter when it happened" });
    }
  });
export type ContactInput = z.infer<typeof AddContactSchema>;
