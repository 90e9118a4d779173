import { z } from "zod";
import { cleanLine, cleanText, NewPasswordSchema, RecordIdSchema } from "~/utils/schemas";
import { UsernameSchema } from "./letter-schemas";
import { ATTENDANCE_STATUSES, CANCELLED_BY, CONTACT_READINESS, PROGRAMME_MODULES, PROGRAMME_VENUES } from "./programme-labels";
import { WORKSHEET_KINDS } from "./worksheet-labels";

/**
 * The forms of the programme screens (docs/conventions.md §4): a case's programme
 * (/cases/:id/programme) and the service's templates (/admin/programmes), each one discriminated
 * union on `intent`. What needs the database or the programme's state (the session is this
 * programme's, it may be skipped, the co-facilitator is on the team) is checked by
 * app/models/programme.server.ts with the rules of programme-rules.ts.
 */

export * from "./programme-labels";

const words = (missing: string, max = 2000) => z.string({ error: missing }).overwrite(cleanText).trim().min(1, missing).max(max, `Use at most ${max} characters`);
const line = (missing: string, max = 120) => z.string({ error: missing }).overwrite(cleanLine).trim().min(1, missing).max(max, `Use at most ${max} characters`);
const optionalWords = (max: number) =>
  z
    .string()
    .overwrite(cleanText)
    .trim()
    .max(max, `Use at most ${max} characters`)
    .optional()
    .transform((v) => v ?? "");
const session = RecordIdSchema;
const reason = (missing: string) => words(missing, 1000);

const sessionFields = {
  title: line("Give the session a title"),
  module: z.enum(PROGRAMME_MODULES, { error: "Choose the module the session belongs to" }),
  aims: words("Say what the session aims to do", 1000),
  minutes: z.coerce
    .number({ error: "Give the session's length in minutes" })
    .int("Give the length in whole minutes")
    .min(15, "A session is at least 15 minutes")
    .max(480, "A session is at most 8 hours (480 minutes)"),
};

/** A real calendar day "YYYY-MM-DD" (a session may be planned ahead). */
const day = z
  .string({ error: "Enter the date of the session" })
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Enter the date of the session")
  .refine((v) => {
    const [y, m, d] = v.split("-").map(Number) as [number, number, number];
    const at = new Date(Date.UTC(y, m - 1, d));
    return at.getUTCFullYear() === y && at.getUTCMonth() === m - 1 && at.getUTCDate() === d && y >= 2000 && y <= 2100;
  }, "Enter a real date");

const time = z
  .string({ error: "Enter the time the session starts" })
  .trim()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Enter the time the session starts, like 10:00");

export const ProgrammeActionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({
      intent: z.literal("start"),
      participantId: z.string({ error: "Choose the person responsible" }).regex(/^c[a-z0-9]{20,31}$/, "Choose the person responsible"),
      templateId: z.string({ error: "Choose the programme to start from" }).regex(/^c[a-z0-9]{20,31}$/, "Choose the programme to start from"),
    }),
    z.object({ intent: z.literal("skip"), sessionId: session, reason: reason("Say why the session is skipped") }),
    z.object({ intent: z.literal("restore"), sessionId: session, reason: reason("Say why the session is put back") }),
    z.object({
      intent: z.literal("move"),
      sessionId: session,
      place: z.coerce.number({ error: "Choose where the session goes" }).int("Choose where the session goes").min(1, "Choose where the session goes"),
      reason: reason("Say why the order changes"),
    }),
    z.object({ intent: z.literal("add"), ...sessionFields, reason: reason("Say why the session is added") }),
    z.object({
      intent: z.literal("schedule"),
      sessionId: session,
      scheduledOn: day,
      scheduledAt: time,
      venueKind: z.enum(PROGRAMME_VENUES, { error: "Choose where the session takes place" }),
      venue: z
        .string()
        .overwrite(cleanLine)
        .trim()
        .max(200, "Use at most 200 characters")
        .optional()
        .transform((v) => v ?? ""),
      coFacilitatorId: z
        .union([z.literal(""), RecordIdSchema])
        .optional()
        .transform((v) => v || null),
    }),
    z
      .object({
        intent: z.literal("attendance"),
        sessionId: session,
        status: z.enum(ATTENDANCE_STATUSES, { error: "Choose whether they attended" }),
        reason: optionalWords(1000),
        cancelledBy: z
          .union([z.literal(""), z.enum(CANCELLED_BY)])
          .optional()
          .transform((v) => v || null),
      })
      .superRefine((v, ctx) => {
        if (v.status === "DID_NOT_ATTEND" && !v.reason) ctx.addIssue({ code: "custom", path: ["reason"], message: "Say why they did not attend, or that nobody knows yet" });
        if (v.status === "CANCELLED" && !v.cancelledBy) ctx.addIssue({ code: "custom", path: ["cancelledBy"], message: "Choose who cancelled the session" });
      }),
    z
      .object({
        intent: z.literal("review"),
        sessionId: session,
        engagement: z.coerce
          .number({ error: "Choose how engaged they were" })
          .int("Choose how engaged they were")
          .min(1, "Choose how engaged they were")
          .max(5, "Choose how engaged they were"),
        concern: z.enum(["yes", "no"], { error: "Say whether a risk or safeguarding concern was raised" }).transform((v) => v === "yes"),
        concernText: optionalWords(2000),
        contactReadiness: z.enum(CONTACT_READINESS, { error: "Choose how ready they are for contact" }),
      })
      .superRefine((v, ctx) => {
        if (v.concern && !v.concernText) ctx.addIssue({ code: "custom", path: ["concernText"], message: "Describe the concern" });
      }),
    z
      .object({ intent: z.literal("judgement"), kind: z.enum(["READY", "NOT_READY"], { error: "Choose whether they are ready" }), reasons: optionalWords(2000) })
      .superRefine((v, ctx) => {
        if (v.kind === "NOT_READY" && !v.reasons) ctx.addIssue({ code: "custom", path: ["reasons"], message: "Say why they are not ready yet" });
      }),
    z.object({ intent: z.literal("override"), reasons: words("Say why the case goes ahead without a complete programme") }),
    z
      .object({
        intent: z.literal("worksheet-set"),
        sessionId: session,
        kind: z.enum(WORKSHEET_KINDS, { error: "Choose the worksheet" }),
        // "existing": the sign-in they already have for their letter or an earlier worksheet.
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
    z.object({ intent: z.literal("worksheet-comment"), worksheetId: RecordIdSchema, body: words("Write your comment", 4000) }),
    z.object({ intent: z.literal("worksheet-close"), worksheetId: RecordIdSchema }),
  ],
  { error: "Unknown action" },
);
export type ProgrammeAction = z.infer<typeof ProgrammeActionSchema>;

const templateSession = {
  ...sessionFields,
  guidance: optionalWords(4000),
  exercises: optionalWords(4000),
};

export const ProgrammeTemplateSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({
      intent: z.literal("create"),
      name: line("Name the programme"),
      description: optionalWords(500),
      basedOn: z.enum(["standard", "empty"], { error: "Choose where to start" }),
    }),
    z.object({ intent: z.literal("archive"), templateId: RecordIdSchema }),
    z.object({ intent: z.literal("add-session"), templateId: RecordIdSchema, ...templateSession }),
    z.object({ intent: z.literal("edit-session"), templateId: RecordIdSchema, sessionId: RecordIdSchema, ...templateSession }),
    z.object({ intent: z.literal("move-session"), templateId: RecordIdSchema, sessionId: RecordIdSchema, direction: z.enum(["up", "down"]) }),
    z.object({ intent: z.literal("remove-session"), templateId: RecordIdSchema, sessionId: RecordIdSchema }),
  ],
  { error: "Unknown action" },
);
export type ProgrammeTemplateAction = z.infer<typeof ProgrammeTemplateSchema>;
