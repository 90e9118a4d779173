import { notify, notifyConferencesHeld } from "~/models/notifications.server";
import { createRiskAssessment } from "~/models/risk.server";
import { RiskAssessmentSchema } from "~/models/safety-schemas";
import { formAction, onCase } from "~/utils/action.server";
import { formsOnly } from "~/utils/forms.server";
import { RECOMMENDATION_LABELS } from "~/utils/preparation";

export const loader = formsOnly;
/** Records a risk assessment (posted by the case screen's risk form). Facilitators of the case only. */
export const action = formAction({
  authorize: onCase("case:edit"),
  schema: RiskAssessmentSchema,
  run: async ({ user, access: { caseId }, input, context, transaction }) => {
    const saved = await transaction((tx) => createRiskAssessment(tx, caseId, input, user.id));
    if (saved.held) context.realtime.conferencesChanged(caseId);
    if (saved.needsApproval) await notify({ kind: "APPROVAL_REQUESTED", caseId, subject: saved.id, actorId: user.id });
    if (saved.held) await notifyConferencesHeld(caseId, user.id);
    const notes = [
      `Risk assessment saved: ${RECOMMENDATION_LABELS[input.recommendation].toLowerCase()}.`,
      saved.markedSensitive ? "The case is now marked sensitive or complex: the case supervisor must approve before a conference." : "",
      saved.held ? `The booked conference is on hold: ${saved.held.join(" ")}` : "",
    ];
    const details = {
      stage: saved.stage,
      overall: input.overall,
      recommendation: input.recommendation,
      sensitive: input.sensitive,
      markedSensitive: saved.markedSensitive,
      heldBooking: saved.held !== null,
    };
    return { done: notes.filter(Boolean).join(" "), id: saved.id, audit: { action: "risk.create", target: `risk:${saved.id}`, details } };
  },
});
