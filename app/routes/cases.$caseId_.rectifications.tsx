import { decideRectification, recordRectification } from "~/models/rectification.server";
import { RectificationActionSchema } from "~/models/subject-access-schemas";
import { formAction, onCase } from "~/utils/action.server";
import { formsOnly } from "~/utils/forms.server";

export const loader = formsOnly;
/**
 * Requests to correct personal data, from the case screen (the facilitators) and the manager's
 * record page: record one, then its decision, once. Action only.
 */
export const action = formAction({
  authorize: onCase("case:rectify"),
  schema: RectificationActionSchema,
  run: async ({ user, access, input }) => {
    if (input.intent === "record") {
      const created = await recordRectification(access.caseId, input, user.id);
      return {
        done: "Recorded the request. Decide it once the record has been checked.",
        id: created.id,
        audit: { action: "rectification.record", target: `rectification:${created.id}`, details: { participantId: input.participantId } },
      };
    }
    const decided = await decideRectification(access.caseId, input, user.id);
    return {
      done: "Recorded the decision.",
      id: decided.id,
      audit: { action: "rectification.decide", target: `rectification:${decided.id}`, details: { decision: input.decision } },
    };
  },
});
