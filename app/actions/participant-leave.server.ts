import { LeaveParticipantModeSchema } from "~/models/feedback-schemas";
import { endParticipantMode } from "~/models/feedback.server";
import { signIn } from "~/models/sign-in.server";
import { formAction } from "~/utils/action.server";
import { requireParticipantMode } from "~/utils/auth.server";
import { getDeviceId } from "~/utils/device.server";
import { Refusal } from "~/utils/refusal";
import { onOwnParticipantMode } from "./participant.server";

/**
 * The facilitator takes the tablet back with their own password, checked as a sign-in is (the same
 * verification, the same throttle: this browser is known to their account, so guesses here wait
 * longer and longer on this browser's own budget). A wrong password is audited and refused; the
 * right one ends participant mode and returns to the case's feedback page.
 */
export const action = formAction({
  signedIn: requireParticipantMode,
  authorize: async (user, { request }) => ({ ...(await onOwnParticipantMode(user)), deviceId: getDeviceId(request).deviceId }),
  schema: LeaveParticipantModeSchema,
  refused: ({ user }) => ({ action: "feedback.participant-mode.leave.refused", target: `user:${user.id}` }),
  run: async ({ user, access, input, context }) => {
    const checked = await signIn(user.email, input.password, { deviceId: access.deviceId, ip: context.clientIp });
    if (!checked.ok || checked.userId !== user.id) {
      const message = checked.ok
        ? "That is not the password of the facilitator who handed this tablet over."
        : checked.reason === "throttled"
          ? checked.message
          : "That password is not right. Only the facilitator who handed this tablet over can take it back.";
      throw new Refusal(message, { status: checked.ok || checked.reason === "invalid" ? 400 : 409, field: "password" });
    }
    await endParticipantMode(user.sessionId);
    return {
      done: "You have the tablet back.",
      audit: { action: "feedback.participant-mode.leave", target: `user:${user.id}` },
      redirectTo: `/cases/${access.caseId}/feedback`,
    };
  },
});
