import type { AppLoadContext } from "@remix-run/node";
import { notifyConferencesHeld } from "~/models/notifications.server";
import { changeConsent } from "~/models/consent.server";
import type { ConsentAction } from "~/models/people-schemas";
import type { Changed, Unchanged } from "~/utils/action.server";
import type { SessionUser } from "~/utils/session.server";

/**
 * A consent change as both the consent route and the withdrawal page make it: one entry, its audit
 * entry, and, when it put a conference on hold, the new live state pushed to that conference's
 * open live screens once it is committed (so they never show what did not happen). A withdrawal
 * without the confirmation of exactly what it will do changes nothing: 409 with the question.
 */
export async function runConsentChange({
  user,
  access: { caseId },
  input,
  context,
}: {
  user: SessionUser;
  access: { caseId: string };
  input: ConsentAction;
  context: AppLoadContext;
}): Promise<Changed | Unchanged> {
  const outcome = await changeConsent(caseId, input, user.id);
  if (!outcome.ok) return "confirm" in outcome ? { errors: {}, status: 409, data: { confirm: outcome.confirm } } : { errors: outcome.errors };
  const details = {
    participantId: input.participantId,
    // A parent or guardian's answer for the participant: who gave it.
    ...(input.guardianId ? { guardianId: input.guardianId } : {}),
    element: input.element,
    answer: input.intent === "withdraw" ? "WITHDRAWN" : input.answer,
    held: outcome.held,
  };
  return {
    done: outcome.done,
    id: outcome.id,
    audit: { action: input.intent === "withdraw" ? "consent.withdraw" : "consent.record", target: `consent:${outcome.id}`, details },
    afterwards: async () => {
      if (!outcome.held) return;
      context.realtime.conferencesChanged(caseId);
      await notifyConferencesHeld(caseId, user.id);
    },
  };
}
