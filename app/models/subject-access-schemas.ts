import { z } from "zod";
import { cleanLine, cleanText, pastDay, RecordIdSchema } from "~/utils/schemas";
import { RECTIFICATION_DECISIONS } from "./rectification-labels";

/** The forms of subject access and rectification requests (docs/conventions.md §4). */

/** A day a request was received: a real date, from 2000, not in the future. */
const receivedOn = pastDay("Enter the date the request was received", "The date received cannot be in the future");
const person = z.string({ error: "Choose who the request is about" }).regex(/^c[a-z0-9]{20,31}$/, "Choose who the request is about");
const line = (max: number, message: string) => z.string({ error: message }).overwrite(cleanLine).trim().min(1, message).max(max, `Use at most ${max} characters`);
const text = (max: number, message: string) => z.string({ error: message }).overwrite(cleanText).trim().min(1, message).max(max, `Use at most ${max} characters`);
const optional = (max: number) =>
  z
    .string()
    .overwrite(cleanText)
    .trim()
    .max(max, `Use at most ${max} characters`)
    .optional()
    .transform((v) => v ?? "");

export const StartSubjectAccessSchema = z.object({
  participantId: person,
  requestedBy: line(200, "Say who made the request (the person themselves, their solicitor, a parent)"),
  receivedOn,
});

export const SubjectAccessActionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("redact"), phrase: line(200, "Enter the word or phrase to redact") }),
    z.object({ intent: z.literal("unredact"), redactionId: RecordIdSchema }),
    z.object({
      intent: z.literal("release"),
      confirm: z.literal("on", { error: "Tick the box to confirm you have reviewed the export and its redactions" }),
    }),
  ],
  { error: "Choose what to do with the export" },
);
export type SubjectAccessAction = z.infer<typeof SubjectAccessActionSchema>;

export const RectificationActionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({
      intent: z.literal("record"),
      participantId: person,
      receivedOn,
      claim: text(2000, "Say what they told you is wrong"),
    }),
    z
      .object({
        intent: z.literal("decide"),
        rectificationId: RecordIdSchema,
        decision: z.enum(RECTIFICATION_DECISIONS, { error: "Choose the decision" }),
        decisionReason: optional(2000),
        changesMade: optional(2000),
      })
      .superRefine((v, ctx) => {
        if (v.decision !== "CORRECTED" && v.decisionReason === "") {
          ctx.addIssue({ code: "custom", path: ["decisionReason"], message: "Give the reason: the person is told why their data was not (all) corrected" });
        }
        if (v.decision !== "REFUSED" && v.changesMade === "") {
          ctx.addIssue({ code: "custom", path: ["changesMade"], message: "Say what was changed, and where" });
        }
      }),
  ],
  { error: "Choose what to record" },
);
export type RectificationAction = z.infer<typeof RectificationActionSchema>;
