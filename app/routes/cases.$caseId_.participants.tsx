import { notifyConferencesHeld } from "~/models/notifications.server";
import { addParticipant, editParticipant, recordVictimsCode, removeParticipant } from "~/models/participants.server";
import { ParticipantActionSchema } from "~/models/people-schemas";
import { formAction, onCase } from "~/utils/action.server";
import { formsOnly } from "~/utils/forms.server";

export const loader = formsOnly;
/**
 * Participants of a case: add, edit, remove (soft) and the Victims' Code record.
 * Action only: the case screen posts here from fetcher forms. Permission comes before parsing,
 * so someone off the case learns nothing, not even which fields are wrong.
 */
export const action = formAction({
  authorize: onCase("case:edit"),
  schema: ParticipantActionSchema,
  run: async ({ user, access: { caseId }, input, context }) => {
    const outcome =
      input.intent === "add"
        ? await addParticipant(caseId, input, user.id)
        : input.intent === "edit"
          ? await editParticipant(caseId, input.participantId, input, user.id)
          : input.intent === "remove"
            ? await removeParticipant(caseId, input.participantId, user.id)
            : await recordVictimsCode(caseId, input, user.id);
    if (!outcome.ok) return { errors: outcome.errors };
    const action = ({ add: "participant.create", edit: "participant.update", remove: "participant.remove", "victims-code": "participant.victims-code" } as const)[input.intent];
    const details: Record<string, unknown> = { held: outcome.held };
    if (input.intent === "add" || input.intent === "edit") {
      details.role = input.role;
      // Ids only (never names or dates of birth): whose parent or guardian they are now.
      details.guardianOf = [...new Set(input.guardianOf)];
    }
    if (input.intent === "victims-code") details.outcome = input.outcome;
    // Removing someone the conference needs puts it on hold: its live screens must show it now.
    if (outcome.held) context.realtime.conferencesChanged(caseId);
    if (outcome.held) await notifyConferencesHeld(caseId, user.id);
    return { done: outcome.done, id: outcome.id, audit: { action, target: `participant:${outcome.id}`, details } };
  },
});
