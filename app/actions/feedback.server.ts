import { FeedbackActionSchema } from "~/models/feedback-schemas";
import { recordFeedback, startParticipantMode } from "~/models/feedback.server";
import { formAction, onCase } from "~/utils/action.server";
import { PARTICIPANT_PATH } from "~/utils/auth.server";

/**
 * The case's feedback page (routes/cases.$caseId_.feedback.tsx): the case's facilitators copy a
 * paper form, record a decline, or hand the tablet to a participant. Handing over puts this
 * session in participant mode and closes its sockets: from then on it opens only the
 * participant's page until the facilitator signs in to take it back.
 */
export const action = formAction({
  authorize: onCase("feedback:record"),
  schema: FeedbackActionSchema,
  run: async ({ user, access: { caseId }, input, context }) => {
    if (input.intent === "hand-over") {
      await startParticipantMode(user.sessionId, caseId, input);
      return {
        done: "Handed over.",
        audit: { action: "feedback.participant-mode.start", target: `participant:${input.participantId}`, details: { occasion: input.occasion } },
        redirectTo: PARTICIPANT_PATH,
        afterwards: () => context.realtime.disconnectSession(user.sessionId, "This tablet was handed to a participant"),
      };
    }
    const created = await recordFeedback(caseId, input, user.id);
    const declined = input.intent === "decline";
    return {
      done: declined ? "Recorded that they declined to give feedback." : "Feedback recorded.",
      id: created.id,
      audit: { action: declined ? "feedback.decline" : "feedback.record", target: `feedback:${created.id}`, details: { occasion: input.occasion, method: "PAPER" } },
    };
  },
});
