import { z } from "zod";
import { cleanLine, cleanText, LocalDateTimeSchema, NewPasswordSchema, RecordIdSchema } from "~/utils/schemas";
import { CONSENT_METHODS } from "~/utils/preparation";
import { DELIVERY_CHOICES, RELEASE_METHODS } from "./letter-labels";

export * from "./letter-labels";

/** Author usernames: a letter, then letters, digits, "_" or "." (what LoginSchema accepts without "@"). */
export const UsernameSchema = z
  .string({ error: "Choose a username" })
  .trim()
  .toLowerCase()
  .regex(/^[a-z][a-z0-9_.]{2,39}$/, "Use 3 to 40 letters, digits, dots or underscores, starting with a letter");

const text = (max: number, message: string) =>
  z
    .string({ error: message })
    .overwrite(cleanText)
    .trim()
    .min(1, message)
    .max(max, `Use at most ${max.toLocaleString("en-GB")} characters`);

export const OpenLetterSchema = z
  .object({
    intent: z.literal("open"),
    writerId: RecordIdSchema,
    recipientId: RecordIdSchema,
    // A reply names the delivered letter it answers; its writer and recipient are checked against it.
    replyToId: z
      .union([z.literal("").transform(() => null), RecordIdSchema], { error: "Open the reply from the letter it answers" })
      .optional()
      .default(null),
    recipientLabel: z
      .string({ error: "Say how the author sees the recipient named" })
      .overwrite(cleanLine)
      .trim()
      .min(1, "Say how the author sees the recipient named")
      .max(80, "Use at most 80 characters"),
    guidance: z.string().overwrite(cleanText).trim().max(2000, "Use at most 2,000 characters").optional().default(""),
    username: UsernameSchema,
    access: z.enum(["password", "invite"], { error: "Choose how the author signs in" }),
    password: z.string().optional().default(""),
  })
  .superRefine((v, ctx) => {
    if (v.access === "password") {
      const p = NewPasswordSchema.safeParse(v.password);
      if (!p.success) ctx.addIssue({ code: "custom", path: ["password"], message: p.error.issues[0]?.message ?? "Enter a password" });
    }
  });

export const RedeemInviteSchema = z
  .object({
    intent: z.literal("redeem"),
    username: UsernameSchema,
    code: text(40, "Enter the invite code from your facilitator"),
    password: NewPasswordSchema,
    confirm: z.string({ error: "Type the password again" }),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "The two passwords are not the same" });

export const AuthorActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("submit") }),
  z.object({ intent: z.literal("accept-suggestion"), suggestionId: RecordIdSchema }),
  z.object({ intent: z.literal("reject-suggestion"), suggestionId: RecordIdSchema }),
]);

export const ChoiceSchema = z
  .object({
    intent: z.literal("choice"),
    choice: z.enum(DELIVERY_CHOICES, { error: "Choose what the recipient decided" }),
    deliverAfter: z.string().optional().default(""),
    redactSignature: z.literal("on").optional(),
    redactFirstName: z.literal("on").optional(),
    tellAuthor: z.string().overwrite(cleanText).trim().max(1000, "Use at most 1,000 characters").optional().default(""),
    method: z.enum(CONSENT_METHODS, { error: "Choose how they told you" }),
  })
  .transform((v, ctx) => {
    let deliverAfter: Date | null = null;
    if (v.choice === "DELIVER_LATER") {
      const d = LocalDateTimeSchema.safeParse(v.deliverAfter);
      if (!d.success) {
        ctx.addIssue({ code: "custom", path: ["deliverAfter"], message: "Enter the date they want it delivered" });
        return z.NEVER;
      }
      deliverAfter = d.data;
    }
    return { ...v, deliverAfter, redactSignature: v.redactSignature === "on", redactFirstName: v.redactFirstName === "on" };
  });

export const ModerateActionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("comment"),
    quote: z.string().overwrite(cleanText).trim().max(500, "Quote at most 500 characters").optional().default(""),
    body: text(2000, "Write the comment"),
  }),
  z.object({ intent: z.literal("resolve-comment"), commentId: RecordIdSchema }),
  z.object({
    intent: z.literal("suggest"),
    original: text(500, "Copy the words you suggest changing"),
    replacement: z.string().overwrite(cleanText).trim().max(1000, "Use at most 1,000 characters"),
    note: z.string().overwrite(cleanText).trim().max(500, "Use at most 500 characters").optional().default(""),
  }),
  z.object({ intent: z.literal("lock") }),
  z.object({ intent: z.literal("unlock") }),
  z.object({ intent: z.literal("request-changes"), reason: text(2000, "Say what the author should change") }),
  z.object({ intent: z.literal("approve") }),
  z.object({ intent: z.literal("new-invite") }),
  z.object({ intent: z.literal("close") }),
]);

export const ReleaseActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("release"), method: z.enum(RELEASE_METHODS, { error: "Choose how it was delivered" }) }),
  z.object({ intent: z.literal("destroy"), confirm: z.literal("destroy", { error: 'Type "destroy" to confirm' }) }),
]);

/** Every form of a letter's oversight page, told apart by intent: the recipient's choice, delivery, and moderation. */
export const OversightActionSchema = z.discriminatedUnion("intent", [ChoiceSchema, ...ReleaseActionSchema.options, ...ModerateActionSchema.options], { error: "Unknown action" });
export type OversightActionInput = z.infer<typeof OversightActionSchema>;
