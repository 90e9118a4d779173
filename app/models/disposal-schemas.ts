import { z } from "zod";
import { CaseIdSchema, cleanLine, cleanText } from "~/utils/schemas";

const ReasonSchema = (what: string) =>
  z
    .string({ error: `Say why ${what}` })
    .overwrite(cleanText)
    .trim()
    .min(5, `Say why ${what}, in a few words`)
    .max(1000, "Use at most 1,000 characters");

/**
 * The disposals page's forms (app/routes/admin.disposals.tsx), one per intent: a legal hold placed
 * or lifted with a reason, and a disposal confirmed by typing the case's reference.
 */
export const DisposalActionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("hold"), caseId: CaseIdSchema, reason: ReasonSchema("the case is held") }),
    z.object({ intent: z.literal("lift"), caseId: CaseIdSchema, reason: ReasonSchema("the hold can be lifted") }),
    z.object({
      intent: z.literal("dispose"),
      caseId: CaseIdSchema,
      reason: ReasonSchema("the case's data is disposed of now"),
      /** The retention rule it falls under, when the service names one (free text until the rules exist here). */
      ruleId: z.string().overwrite(cleanLine).trim().max(100, "Use at most 100 characters").optional().default(""),
      confirmReference: z.string({ error: "Type the case's reference to confirm" }).overwrite(cleanLine).trim().min(1, "Type the case's reference to confirm").max(100),
    }),
  ],
  { error: "Unknown action" },
);
export type DisposalAction = z.infer<typeof DisposalActionSchema>;
