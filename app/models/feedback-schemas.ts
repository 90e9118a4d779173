import { z } from "zod";
import { optionalText, pastDay } from "~/utils/schemas";
import { FEEDBACK_OCCASIONS, YES_NO_ANSWERS } from "./feedback-labels";

/**
 * The forms of participants' feedback (docs/conventions.md §4): the facilitators' page (a paper
 * form, a decline, handing the tablet over), the participant's own page in participant mode, and
 * the facilitator's sign-in to leave it. The checks that need the database (the person is on the
 * case, the occasion fits it) are in app/models/feedback.server.ts.
 */

export * from "./feedback-labels";

/** The day the feedback was given: a real date, from 2000, not in the future (a paper form may be entered days later). */
export const GivenOnSchema = pastDay("Enter the date the feedback was given", "The date given cannot be in the future");

const person = z.string({ error: "Choose whose feedback this is" }).regex(/^c[a-z0-9]{20,31}$/, "Choose whose feedback this is");
const occasion = z.enum(FEEDBACK_OCCASIONS, { error: "Choose when the feedback was asked for" });

/** 1 to 5, or nothing when the question was left unanswered. */
const satisfaction = z
  .union([z.literal(""), z.enum(["1", "2", "3", "4", "5"])], { error: "Choose how satisfied, from 1 (very unhappy) to 5 (very happy)" })
  .optional()
  .transform((v) => (v ? Number(v) : null));

/** Yes, no or not sure; "not sure" and no answer are both stored as null. */
const yesNo = z
  .union([z.literal(""), z.enum(YES_NO_ANSWERS)], { error: "Answer yes, no or not sure" })
  .optional()
  .transform((v) => (v === "YES" ? true : v === "NO" ? false : null));

const answerFields = {
  satisfaction,
  feltSafe: yesNo,
  feltHeard: yesNo,
  feltPrepared: yesNo,
  wouldRecommend: yesNo,
  comments: optionalText(4000, "Their own words"),
};

export type FeedbackAnswers = {
  satisfaction: number | null;
  feltSafe: boolean | null;
  feltHeard: boolean | null;
  feltPrepared: boolean | null;
  wouldRecommend: boolean | null;
  comments: string;
};

/** Feedback with nothing in it is not feedback: the person either answers something or declines. */
const answeredSomething = (a: FeedbackAnswers, ctx: z.RefinementCtx, decline: string) => {
  const any = a.satisfaction !== null || a.feltSafe !== null || a.feltHeard !== null || a.feltPrepared !== null || a.wouldRecommend !== null || a.comments !== "";
  if (!any) ctx.addIssue({ code: "custom", path: ["form"], message: `Answer at least one question, or ${decline}` });
};

/** The facilitators' feedback page: copy a paper form, record a decline, or hand the tablet to a participant. */
export const FeedbackActionSchema = z.discriminatedUnion(
  "intent",
  [
    z
      .object({ intent: z.literal("paper"), participantId: person, occasion, givenOn: GivenOnSchema, ...answerFields })
      .superRefine((a, ctx) => answeredSomething(a, ctx, "record that they declined")),
    z.object({ intent: z.literal("decline"), participantId: person, occasion, givenOn: GivenOnSchema }),
    z.object({ intent: z.literal("hand-over"), participantId: person, occasion }),
  ],
  { error: "Unknown action" },
);
export type FeedbackAction = z.infer<typeof FeedbackActionSchema>;

/** The participant's own page in participant mode: their answers, or "I'd rather not say". */
export const ParticipantAnswerSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("answer"), ...answerFields }).superRefine((a, ctx) => answeredSomething(a, ctx, "choose \u201cI\u2019d rather not say\u201d")),
    z.object({ intent: z.literal("decline") }),
  ],
  { error: "Unknown action" },
);
export type ParticipantAnswer = z.infer<typeof ParticipantAnswerSchema>;

/** The facilitator takes the tablet back: their own password, checked like a sign-in. */
export const LeaveParticipantModeSchema = z.object({
  password: z.string({ error: "Enter your password" }).min(1, "Enter your password").max(200, "Use at most 200 characters"),
});
