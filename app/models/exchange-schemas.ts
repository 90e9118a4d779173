import { z } from "zod";
import { cleanLine, cleanText, NewPasswordSchema, optionalLine, pastDay, RecordIdSchema } from "~/utils/schemas";
import { UsernameSchema } from "./letter-schemas";
import { EXCHANGE_CHOICES, EXCHANGE_DELIVERY_METHODS, EXCHANGE_GATHERINGS, EXCHANGE_KINDS, EXCHANGE_WORDINGS } from "./exchange-labels";

/**
 * The forms of the case's exchange page (docs/conventions.md §4): one discriminated union on
 * `intent`. The checks that need the database (the people are on the case, the question is theirs,
 * the message may be approved or delivered now) are in app/models/exchange.server.ts, with the
 * rules of app/models/exchange-rules.ts.
 */

export * from "./exchange-labels";

const person = (message: string) => z.string({ error: message }).regex(/^c[a-z0-9]{20,31}$/, message);
const words = (missing: string) => z.string({ error: missing }).overwrite(cleanText).trim().min(1, missing).max(4000, "Use at most 4000 characters");
const yes = (missing: string) => z.enum(["yes", "no"], { error: missing }).transform((v) => v === "yes");

/** A future or present day, "YYYY-MM-DD", for "receive them later". */
const laterDay = z
  .string({ error: "Enter the date from which they want to receive them" })
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Enter the date from which they want to receive them");

export const ExchangeActionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({
      intent: z.literal("record"),
      kind: z.enum(EXCHANGE_KINDS, { error: "Choose whether it is a question, an answer or a message" }),
      fromId: person("Choose who it comes from"),
      toId: person("Choose who it is for"),
      inReplyToId: z
        .union([z.literal(""), RecordIdSchema])
        .optional()
        .transform((v) => v || null),
      gatheredBy: z.enum(EXCHANGE_GATHERINGS, { error: "Choose how it was gathered" }),
      gatheredOn: pastDay("Enter the date it was gathered", "The date it was gathered cannot be in the future"),
      text: words("Write down what they want to pass on"),
      senderConsent: yes("Say whether they agreed to it being passed on"),
      consentWording: z.enum(EXCHANGE_WORDINGS, { error: "Choose whether it is in their own words or your summary" }),
    }),
    z.object({
      intent: z.literal("edit"),
      messageId: RecordIdSchema,
      text: words("Write the text as it would be passed on"),
      reason: words("Say why it needs changing for safety"),
      senderAgreed: yes("Say whether the sender agreed to the change"),
    }),
    z.object({ intent: z.literal("approve"), messageId: RecordIdSchema }),
    z.object({
      intent: z.literal("deliver"),
      messageId: RecordIdSchema,
      method: z.enum(EXCHANGE_DELIVERY_METHODS, { error: "Choose how it reached them" }),
      deliveredOn: pastDay("Enter the date it reached them", "The date it reached them cannot be in the future"),
    }),
    z
      .object({
        intent: z.literal("choice"),
        participantId: person("Choose whose choice this is"),
        choice: z.enum(EXCHANGE_CHOICES, { error: "Choose what they want" }),
        deliverAfter: z.union([z.literal(""), laterDay]).optional(),
        method: optionalLine(200, "How they told you"),
      })
      .superRefine((v, ctx) => {
        if (v.choice === "DELIVER_LATER" && !v.deliverAfter)
          ctx.addIssue({ code: "custom", path: ["deliverAfter"], message: "Enter the date from which they want to receive them" });
      }),
    z
      .object({
        intent: z.literal("open-writer"),
        participantId: person("Choose who will write"),
        recipientId: person("Choose whom they write to"),
        recipientLabel: z
          .string({ error: "Say how they see the other person named" })
          .overwrite(cleanLine)
          .trim()
          .min(1, "Say how they see the other person named")
          .max(80, "Use at most 80 characters"),
        // "existing": the sign-in they already have for a letter of theirs on this case.
        access: z.enum(["invite", "password", "existing"], { error: "Choose how they sign in" }),
        username: z.string().optional().default(""),
        password: z.string().optional().default(""),
      })
      .superRefine((v, ctx) => {
        if (v.access === "existing") return;
        const u = UsernameSchema.safeParse(v.username);
        if (!u.success) ctx.addIssue({ code: "custom", path: ["username"], message: u.error.issues[0]?.message ?? "Choose a username" });
        if (v.access === "password") {
          const p = NewPasswordSchema.safeParse(v.password);
          if (!p.success) ctx.addIssue({ code: "custom", path: ["password"], message: p.error.issues[0]?.message ?? "Enter a password" });
        }
      }),
    z.object({ intent: z.literal("renew-writer"), writerId: RecordIdSchema }),
    z.object({ intent: z.literal("close-writer"), writerId: RecordIdSchema }),
  ],
  { error: "Unknown action" },
);
export type ExchangeAction = z.infer<typeof ExchangeActionSchema>;

/**
 * The forms of a party's own message workspace (/messages): a question or something they want the
 * other to know, an answer to a question passed on to them, and their agreement to a change their
 * facilitator proposed for safety. Their consent to it being passed on after review is the box
 * they tick; without it nothing is sent.
 */
export const WriterActionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({
      intent: z.literal("write"),
      writerId: RecordIdSchema,
      kind: z.enum(EXCHANGE_KINDS, { error: "Choose whether it is a question, an answer or something you want them to know" }),
      inReplyToId: z
        .union([z.literal(""), RecordIdSchema])
        .optional()
        .transform((v) => v || null),
      text: words("Write what you want to say"),
      consent: z.literal("yes", { error: "Tick the box to say your facilitator may pass it on after reading it" }),
    }),
    z.object({ intent: z.literal("agree-edit"), writerId: RecordIdSchema, messageId: RecordIdSchema }),
  ],
  { error: "Unknown action" },
);
export type WriterAction = z.infer<typeof WriterActionSchema>;
