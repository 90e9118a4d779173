import { z } from "zod";
import { cleanLine, cleanText, RecordIdSchema } from "~/utils/schemas";
import { NOTICE_METHODS, NOTICE_OUTCOMES, PROGRESS_STATUSES, TERM_TYPES } from "./agreement-labels";

/** The forms of outcome agreements; the vocabulary is in agreement-labels.ts (browser-safe). */
export * from "./agreement-labels";

const optionalId = z
  .union([RecordIdSchema, z.literal("")])
  .optional()
  .transform((v) => v || null);
const DateOnly = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Enter a date");
const optionalInt = (label: string, max: number) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (!v) return null;
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1 || n > max) {
        ctx.addIssue({ code: "custom", message: `${label}: a whole number from 1 to ${max}` });
        return z.NEVER;
      }
      return n;
    });
/** "12.50", "£12.50" or "12" → pence. */
export const MoneySchema = z
  .string({ error: "Enter an amount in pounds" })
  .trim()
  .transform((v, ctx) => {
    const m = /^£?\s*(\d{1,6})(?:\.(\d{1,2}))?$/.exec(v.replaceAll(",", ""));
    if (!m) {
      ctx.addIssue({ code: "custom", message: "Enter an amount in pounds, e.g. 120 or 45.50" });
      return z.NEVER;
    }
    const pence = Number(m[1]) * 100 + Number((m[2] ?? "0").padEnd(2, "0"));
    if (pence < 1) {
      ctx.addIssue({ code: "custom", message: "Enter an amount above £0" });
      return z.NEVER;
    }
    return pence;
  });

export const termFields = {
  type: z.enum(TERM_TYPES, { error: "Choose what kind of term this is" }),
  description: z.string({ error: "Say what will be done" }).overwrite(cleanText).trim().min(3, "Say what will be done").max(1000, "Use at most 1,000 characters"),
  responsibleId: optionalId,
  beneficiaryId: optionalId,
  dueDate: z
    .union([DateOnly, z.literal("")])
    .optional()
    .transform((v) => v || null),
  verification: z.string().overwrite(cleanText).trim().max(500, "Use at most 500 characters").optional().default(""),
  amount: z
    .union([MoneySchema, z.literal("")])
    .optional()
    .transform((v) => (v === "" || v === undefined ? null : v)),
  instalments: optionalInt("Instalments", 120),
  hours: optionalInt("Hours", 1000),
};
export type TermInput = { [K in keyof typeof termFields]: z.output<(typeof termFields)[K]> };

/** Rules across fields: restitution needs an amount, community work needs hours, nobody is both. */
export function termProblems(t: TermInput): Partial<Record<string, string>> {
  const out: Partial<Record<string, string>> = {};
  if (t.type === "RESTITUTION" && t.amount === null) out.amount = "Restitution needs an amount in pounds";
  if (t.type !== "RESTITUTION" && t.amount !== null) out.amount = "Only restitution has an amount";
  if (t.type === "COMMUNITY_WORK" && t.hours === null) out.hours = "Community work needs a number of hours";
  if (!t.responsibleId) out.responsibleId = "Choose who is responsible for this term";
  if (t.responsibleId && t.responsibleId === t.beneficiaryId) out.beneficiaryId = "Choose someone other than the person responsible";
  return out;
}

/** SVG path data from the signature pad: only M/L commands and numbers, nothing that could be markup. */
export const SignaturePathSchema = z
  .string()
  .max(60_000, "That signature is too detailed; clear it and sign again")
  .regex(/^(?:[ML]-?\d{1,4}(?:\.\d{1,2})? -?\d{1,4}(?:\.\d{1,2})?)(?: [ML]-?\d{1,4}(?:\.\d{1,2})? -?\d{1,4}(?:\.\d{1,2})?)*$/, "Sign in the box before confirming");

const VersionRef = { versionId: RecordIdSchema };
const TextBody = (message: string, max = 2000) =>
  z
    .string({ error: message })
    .overwrite(cleanText)
    .trim()
    .min(2, message)
    .max(max, `Use at most ${max.toLocaleString("en-GB")} characters`);

export const AgreementActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("start") }),
  z.object({ intent: z.literal("add-term"), ...termFields }),
  z.object({ intent: z.literal("edit-term"), termId: RecordIdSchema, ...termFields }),
  z.object({ intent: z.literal("remove-term"), termId: RecordIdSchema }),
  z.object({ intent: z.literal("move-term"), termId: RecordIdSchema, direction: z.enum(["up", "down"], { error: "Say whether the term moves up or down" }) }),
  z.object({ intent: z.literal("freeze") }),
  z.object({
    intent: z.literal("sign"),
    ...VersionRef,
    participantId: RecordIdSchema,
    method: z.enum(["DRAWN", "TYPED"], { error: "Choose how they sign" }),
    drawing: z.string().optional(),
    typedName: z.string().overwrite(cleanLine).trim().max(120, "Use at most 120 characters").optional(),
    attest: z.literal("on").optional(),
  }),
  z.object({ intent: z.literal("submit"), ...VersionRef }),
  z.object({ intent: z.literal("comment"), ...VersionRef, termId: optionalId, body: TextBody("Write your comment") }),
  z.object({ intent: z.literal("approve"), ...VersionRef }),
  z.object({ intent: z.literal("request-changes"), ...VersionRef, reason: TextBody("Say what needs to change") }),
  z.object({
    intent: z.literal("progress"),
    termId: z.string().min(1).max(40),
    status: z.enum(PROGRESS_STATUSES, { error: "Choose a status" }),
    note: z.string().overwrite(cleanText).trim().max(500).optional().default(""),
  }),
  z.object({ intent: z.literal("payment"), termId: z.string().min(1).max(40), amount: MoneySchema, receivedAt: DateOnly }),
  z.object({
    intent: z.literal("notice"),
    outcome: z.enum(NOTICE_OUTCOMES, { error: "Choose the outcome" }),
    participantId: RecordIdSchema,
    method: z.enum(NOTICE_METHODS, { error: "Choose how they were told" }),
    toldAt: DateOnly,
    note: z.string().overwrite(cleanText).trim().max(1000).optional().default(""),
  }),
]);
export type AgreementActionInput = z.infer<typeof AgreementActionSchema>;
export const REVIEW_INTENTS: readonly AgreementActionInput["intent"][] = ["comment", "approve", "request-changes"];
