import type { ActionFunctionArgs } from "@remix-run/node";
import { requireCaseAction } from "~/models/case-access.server";
import { addParticipant, editParticipant, recordVictimsCode, removeParticipant } from "~/models/participants.server";
import { ParticipantActionSchema } from "~/models/people-schemas";
import { audit } from "~/utils/audit.server";
import { requireUser } from "~/utils/auth.server";
import { formDone, formError, formsOnly, parseForm } from "~/utils/forms.server";


export const loader = formsOnly;
/**
 * Participants of a case: add, edit, remove (soft) and the Victims' Code record.
 * Action only: the case screen posts here from fetcher forms. Permission comes before parsing,
 * so someone off the case learns nothing, not even which fields are wrong.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const { caseId } = await requireCaseAction(user, params.caseId, "case:edit");
  const parsed = await parseForm(request, ParticipantActionSchema);
  if ("response" in parsed) return parsed.response;
  const input = parsed.data;
  const outcome =
    input.intent === "add"
      ? await addParticipant(caseId, input, user.id)
      : input.intent === "edit"
        ? await editParticipant(caseId, input.participantId, input, user.id)
        : input.intent === "remove"
          ? await removeParticipant(caseId, input.participantId, user.id)
          : await recordVictimsCode(caseId, input, user.id);
  if (!outcome.ok) return formError(outcome.errors, input.intent);
  const action = { add: "participant.create", edit: "participant.update", remove: "participant.remove", "victims-code": "participant.victims-code" }[input.intent];
  const details: Record<string, unknown> = { held: outcome.held };
  if (input.intent === "add" || input.intent === "edit") {
    details.role = input.role;
    // Ids only (never names or dates of birth): whose parent or guardian they are now.
    details.guardianOf = [...new Set(input.guardianOf)];
  }
  if (input.intent === "victims-code") details.outcome = input.outcome;
  await audit({ actor: user, action, target: `participant:${outcome.id}`, caseId, ip: context.clientIp, details });
  // Removing someone the conference needs puts it on hold: its live screens must show it now.
  if (outcome.held) context.realtime.conferencesChanged(caseId);
  return formDone(outcome.done, input.intent, outcome.id);
}
