import { requireCaseAction } from "~/models/case-access.server";
import { ParticipantAnswerSchema } from "~/models/feedback-schemas";
import { recordParticipantAnswer } from "~/models/feedback.server";
import { formAction, type Access } from "~/utils/action.server";
import { notFound, requireParticipantMode } from "~/utils/auth.server";
import type { SessionUser } from "~/utils/session.server";

/**
 * The two forms a session in participant mode may post (app/routes/participant.tsx and
 * participant_.leave.tsx). Their first step is `requireParticipantMode`, the one way past the
 * redirect every other route gives such a session (app/utils/auth.server.ts).
 */

/** The case the session was handed over for: the entries land in its trail. */
export const onOwnParticipantMode = async (user: SessionUser): Promise<Access> => {
  if (!user.participantMode) throw notFound();
  return { caseId: user.participantMode.caseId };
};

/**
 * Answers are taken only while the facilitator who handed the tablet over may still take feedback
 * on the case (someone taken off the team meanwhile gets 404; they can still take the tablet back).
 */
const onHandedOverCase = async (user: SessionUser): Promise<Access> => {
  const access = await onOwnParticipantMode(user);
  await requireCaseAction(user, access.caseId ?? undefined, "feedback:record");
  return access;
};

/** The participant's answers or their decline, once, given on the tablet today. */
export const action = formAction({
  signedIn: requireParticipantMode,
  authorize: onHandedOverCase,
  schema: ParticipantAnswerSchema,
  run: async ({ user, input }) => {
    const saved = await recordParticipantAnswer(user.sessionId, input, user.id);
    return {
      done: "Thank you.",
      id: saved.id,
      audit: {
        action: saved.declined ? "feedback.decline" : "feedback.record",
        target: `feedback:${saved.id}`,
        details: { occasion: user.participantMode?.occasion, method: "TABLET" },
      },
    };
  },
});
