import { notify } from "~/models/notifications.server";
import { cancelConference, rebookConference, rescheduleConference, scheduleConference } from "~/models/conference.server";
import { ConferenceSchema, type ConferenceInput } from "~/models/safety-schemas";
import { formAction, onCase } from "~/utils/action.server";
import { formatDateTime } from "~/utils/format";
import { formsOnly } from "~/utils/forms.server";
import type { Prisma } from "@prisma/client";

type Tx = Prisma.TransactionClient;

export const loader = formsOnly;
/** Schedule, reschedule, re-book or cancel a conference. Facilitators of the case only. */
export const action = formAction({
  authorize: onCase("case:edit"),
  schema: ConferenceSchema,
  run: async ({ user, access: { caseId }, input, context, transaction }) => {
    const { id, done, details } = await transaction((tx) => apply(tx, caseId, input, user.id));
    // A re-booked conference comes off hold (and a cancelled one stops): open live screens follow.
    if (input.intent === "rebook" || input.intent === "cancel") context.realtime.conferencesChanged(caseId);
    const kind = input.intent === "schedule" || input.intent === "rebook" ? "CONFERENCE_BOOKED" : input.intent === "reschedule" ? "CONFERENCE_MOVED" : null;
    if (kind && "scheduledAt" in input) {
      const when = input.scheduledAt.toISOString();
      await notify({ kind, caseId, subject: `${id}:${when}`, actorId: user.id, when });
    }
    return { done, id, audit: { action: `conference.${input.intent}`, target: `conference:${id}`, details } };
  },
});

async function apply(tx: Tx, caseId: string, input: ConferenceInput, actorId: string) {
  switch (input.intent) {
    case "schedule": {
      const { id } = await scheduleConference(tx, caseId, input, actorId);
      const details = {
        scheduledAt: input.scheduledAt.toISOString(),
        venue: input.venue,
        room: input.room,
        leadId: input.leadId,
        coFacilitatorId: input.coFacilitatorId,
        attendees: input.attendees,
      };
      return { id, details, done: `Conference booked for ${formatDateTime(input.scheduledAt.toISOString())}.` };
    }
    case "reschedule": {
      const { id } = await rescheduleConference(tx, caseId, input);
      return {
        id,
        details: { scheduledAt: input.scheduledAt.toISOString(), venue: input.venue, room: input.room },
        done: `Conference moved to ${formatDateTime(input.scheduledAt.toISOString())}.`,
      };
    }
    case "rebook": {
      const { id } = await rebookConference(tx, caseId, input, actorId);
      return {
        id,
        details: { scheduledAt: input.scheduledAt.toISOString(), venue: input.venue, room: input.room },
        done: `Conference re-booked for ${formatDateTime(input.scheduledAt.toISOString())}.`,
      };
    }
    case "cancel": {
      const { id, status } = await cancelConference(tx, caseId, input, actorId);
      return { id, details: { reason: input.reason, previousStatus: status }, done: "Conference cancelled." };
    }
  }
}
