import { z } from "zod";
import { cleanLine, cleanText, LocalDateTimeSchema, NewPasswordSchema, RecordIdSchema } from "~/utils/schemas";
import { CONSENT_METHODS } from "~/utils/preparation";

/** Statuses of a letter, in the order they usually happen. */
export const LETTER_STATUSES = ["DRAFTING", "SUBMITTED", "CHANGES_REQUESTED", "APPROVED", "RELEASED", "DESTROYED"] as const;
export type LetterStatus = (typeof LETTER_STATUSES)[number];
export const LETTER_STATUS_LABELS: Record<LetterStatus, string> = {
  DRAFTING: "Drafting",
  SUBMITTED: "Submitted for review",
  CHANGES_REQUESTED: "Changes requested",
  APPROVED: "Approved",
  RELEASED: "Delivered",
  DESTROYED: "Destroyed",
};
/** The author may type only while drafting or revising (and the facilitator has not locked it). */
export const WRITABLE_STATUSES: readonly LetterStatus[] = ["DRAFTING", "CHANGES_REQUESTED"];

/** What the person harmed chose (LetterDeliveryChoice.choice). */
export const DELIVERY_CHOICES = ["RECEIVE_NOW", "HOLD", "DELIVER_LATER", "READ_ALOUD", "DECLINE", "DESTROY"] as const;
export type DeliveryChoice = (typeof DELIVERY_CHOICES)[number];
export const DELIVERY_CHOICE_LABELS: Record<DeliveryChoice, string> = {
  RECEIVE_NOW: "Receive it now",
  HOLD: "Hold it with the service until they ask",
  DELIVER_LATER: "Deliver it later, on a date",
  READ_ALOUD: "Have a facilitator read it aloud",
  DECLINE: "Decline it",
  DESTROY: "Destroy it",
};
export const RELEASE_METHODS = ["IN_PERSON", "POST", "EMAIL", "READ_ALOUD"] as const;
export type ReleaseMethod = (typeof RELEASE_METHODS)[number];
export const RELEASE_METHOD_LABELS: Record<ReleaseMethod, string> = {
  IN_PERSON: "Handed over in person",
  POST: "By post",
  EMAIL: "By email",
  READ_ALOUD: "Read aloud by a facilitator",
};

/** Author usernames: a letter, then letters, digits, "_" or "." (what LoginSchema accepts without "@"). */
export const UsernameSchema = z
  .string({ error: "Choose a username" })
  .trim()
  .toLowerCase()
  .regex(/^[a-z][a-z0-9_.]{2,39}$/, "Use 3 to 40 letters, digits, dots or underscores, starting with a letter");

const text = (max: number, message: string) => z.string({ error: message }).overwrite(cleanText).trim().min(1, message).max(max, `Use at most ${max.toLocaleString("en-GB")} characters`);

export const OpenLetterSchema = z
  .object({
    intent: z.literal("open"),
    writerId: RecordIdSchema,
    recipientId: RecordIdSchema,
    recipientLabel: z.string({ error: "Say how the author sees the person harmed named" }).overwrite(cleanLine).trim().min(1, "Say how the author sees the person harmed named").max(80, "Use at most 80 characters"),
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
    choice: z.enum(DELIVERY_CHOICES, { error: "Choose what the person harmed decided" }),
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
  z.object({ intent: z.literal("comment"), quote: z.string().overwrite(cleanText).trim().max(500, "Quote at most 500 characters").optional().default(""), body: text(2000, "Write the comment") }),
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
