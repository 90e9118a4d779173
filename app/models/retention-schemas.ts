import { z } from "zod";
import { CLOSURE_REASONS } from "~/utils/preparation";
import { cleanText, RecordIdSchema } from "~/utils/schemas";
import { AUDIT_MAX_YEARS } from "./audit-retention";
import { ANY_OUTCOME, RETENTION_BASES, RETENTION_CASE_TYPES } from "./retention";

export * from "./retention";

/**
 * The retention page's form (routes/admin.retention.tsx), one intent per change (docs/conventions.md §4).
 * Whether a rule for the same case type and outcome is already in force needs the database: the
 * model refuses that, beside the outcome field.
 */

/** The longest a rule may name: a typo of 600 years would otherwise keep cases forever without anyone noticing. */
export const MAX_YEARS = 100;
export const MAX_AGE = 110;

/** A whole number field; empty means "not given" (the fields the chosen basis does not use are left empty). */
const wholeNumber = (what: string, min: number, max: number) =>
  z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    z.coerce
      .number({ error: `Enter the ${what} as a whole number` })
      .int(`Enter the ${what} as a whole number`)
      .min(min, `The ${what} must be at least ${min}`)
      .max(max, `The ${what} must be at most ${max}`)
      .optional(),
  );

const terms = {
  basis: z.enum(RETENTION_BASES, { error: "Choose how long these cases are kept" }),
  years: wholeNumber("years", 0, MAX_YEARS),
  months: wholeNumber("months", 0, 11),
  untilAge: wholeNumber("age", 1, MAX_AGE),
  reason: z
    .string({ error: "Give the reason for this rule, e.g. the policy it follows" })
    .overwrite(cleanText)
    .trim()
    .min(1, "Give the reason for this rule, e.g. the policy it follows")
    .max(500, "Use at most 500 characters for the reason"),
};

type Terms = { basis: (typeof RETENTION_BASES)[number]; years?: number; months?: number; untilAge?: number };

/** The fields the basis needs are there and say something: a rule of 0 years would make every closed case due at once. */
function termRules(v: Terms, ctx: z.RefinementCtx) {
  if (v.basis !== "UNTIL_AGE" && (v.years ?? 0) + (v.months ?? 0) === 0) {
    ctx.addIssue({ code: "custom", path: ["years"], message: "Enter how many years (or months) after closure: more than 0" });
  }
  if (v.basis !== "AFTER_CLOSURE" && v.untilAge === undefined) {
    ctx.addIssue({ code: "custom", path: ["untilAge"], message: "Enter the age the youngest person harmed or responsible must reach, e.g. 25" });
  }
}

export const RetentionRuleActionSchema = z
  .discriminatedUnion(
    "intent",
    [
      z.object({
        intent: z.literal("add"),
        caseType: z.enum(RETENTION_CASE_TYPES, { error: "Choose adult or youth cases" }),
        outcome: z.enum([ANY_OUTCOME, ...CLOSURE_REASONS], { error: "Choose the outcome the rule is for, or any outcome" }),
        ...terms,
      }),
      z.object({ intent: z.literal("change"), ruleId: RecordIdSchema, ...terms }),
      z.object({ intent: z.literal("remove"), ruleId: RecordIdSchema }),
      // How long the audit trail is kept: whole years, at least 1 (a shorter trail could not answer
      // who looked at a case last year), with the reason like a rule's.
      z.object({
        intent: z.literal("audit-period"),
        years: z.preprocess(
          (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
          z.coerce
            .number({ error: "Enter how many years to keep the audit trail, as a whole number" })
            .int("Enter how many years to keep the audit trail, as a whole number")
            .min(1, "Keep the audit trail for at least 1 year")
            .max(AUDIT_MAX_YEARS, `Keep the audit trail for at most ${AUDIT_MAX_YEARS} years`),
        ),
        reason: z
          .string({ error: "Give the reason for this period, e.g. the policy it follows" })
          .overwrite(cleanText)
          .trim()
          .min(1, "Give the reason for this period, e.g. the policy it follows")
          .max(500, "Use at most 500 characters for the reason"),
      }),
    ],
    { error: "Unknown action" },
  )
  .superRefine((v, ctx) => {
    if (v.intent === "add" || v.intent === "change") termRules(v, ctx);
  })
  .transform((v) => {
    if (v.intent !== "add" && v.intent !== "change") return v;
    // Only what the basis uses is kept, so the rule's record says exactly what it means.
    const years = v.basis === "UNTIL_AGE" ? 0 : (v.years ?? 0);
    const months = v.basis === "UNTIL_AGE" ? 0 : (v.months ?? 0);
    const untilAge = v.basis === "AFTER_CLOSURE" ? null : (v.untilAge ?? null);
    return { ...v, years, months, untilAge };
  });
export type RetentionAction = z.infer<typeof RetentionRuleActionSchema>;
/** A change to a case retention rule (the other intent sets the audit trail's period). */
export type RetentionRuleAction = Exclude<RetentionAction, { intent: "audit-period" }>;
