import { decideApproval } from "~/models/approval.server";
import { notify, notifyConferencesHeld } from "~/models/notifications.server";
import { ApprovalSchema } from "~/models/safety-schemas";
import { formAction, onCase } from "~/utils/action.server";
import { formsOnly } from "~/utils/forms.server";

export const loader = formsOnly;
/** The case supervisor approves or declines the current risk assessment. Anyone else: 404. */
export const action = formAction({
  authorize: onCase("case:approve"),
  schema: ApprovalSchema,
  run: async ({ user, access: { caseId }, input, context, transaction }) => {
    const { id, held } = await transaction((tx) => decideApproval(tx, caseId, input, user.id));
    if (held) context.realtime.conferencesChanged(caseId);
    await notify({ kind: input.decision === "APPROVED" ? "APPROVAL_GIVEN" : "APPROVAL_REFUSED", caseId, subject: id, actorId: user.id });
    if (held) await notifyConferencesHeld(caseId, user.id);
    const decided =
      input.decision === "APPROVED" ? "You approved the current risk assessment." : "You declined the current risk assessment; the facilitators will see your comments.";
    return {
      done: held ? `${decided} The booked conference is on hold.` : decided,
      id,
      audit: {
        action: input.decision === "APPROVED" ? "approval.approve" : "approval.decline",
        target: `approval:${id}`,
        details: { riskAssessmentId: input.assessmentId, decision: input.decision, heldBooking: held !== null },
      },
    };
  },
});
